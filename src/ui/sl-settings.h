/* sl-settings.h: what the pages remember, bound to their widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-log.h"

G_BEGIN_DECLS

#define SL_SETTINGS_SCHEMA "io.github.socketlab.SocketLab"

/* Binds the "selected" position of a GtkDropDown or AdwComboRow to a string key with
 * <choices>: position i is the key's i-th choice, so the schema lists them in the order the
 * drop-down shows them. */
void sl_settings_bind_choice   (GSettings  *settings,
                                const char *key,
                                gpointer    drop_down);
/* The position of a string key's value among its <choices>. */
guint sl_settings_get_choice   (GSettings  *settings,
                                const char *key);
/* Binds a spin button's value to a number key ('d', 'u' or 'i'). */
void sl_settings_bind_spin     (GSettings     *settings,
                                const char    *key,
                                GtkSpinButton *spin);
/* sl_settings_bind_choice () for a page's address family: until the page's own key was
 * set, the drop-down shows (and follows) the default-family preference. */
void sl_settings_bind_family   (GSettings  *settings,
                                const char *key,
                                gpointer    drop_down);
/* Keeps @log's byte cap at the log-max-mib preference. */
void sl_settings_bind_log_size (GSettings  *settings,
                                SlLog      *log);
/* Puts @host first in recent-hosts (bounded; see sl-recent-hosts.h). */
void sl_settings_remember_host (GSettings  *settings,
                                const char *host);

G_END_DECLS
