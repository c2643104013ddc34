/* sl-recent-hosts-button.h: a menu of the hosts used lately, filling a host field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SL_TYPE_RECENT_HOSTS_BUTTON (sl_recent_hosts_button_get_type ())

G_DECLARE_FINAL_TYPE (SlRecentHostsButton, sl_recent_hosts_button, SL, RECENT_HOSTS_BUTTON, GtkWidget)

/* Lists @settings' recent-hosts; choosing one puts it in @field (it does not connect). */
GtkWidget *sl_recent_hosts_button_new (GSettings   *settings,
                                       GtkEditable *field);

G_END_DECLS
