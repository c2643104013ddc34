/* sl-button-pair.h: a start and a stop button that take turns in one place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows stop while running, start otherwise, and enables their actions (installed on owner):
 * stop's while running, start's when not running and can_start. Keyboard focus on the button
 * that goes away moves to the one that comes, so Space on Start leaves the focus on Stop. */
void sl_button_pair_update (GtkWidget *owner,
                            GtkWidget *start,
                            GtkWidget *stop,
                            gboolean   running,
                            gboolean   can_start);

G_END_DECLS
