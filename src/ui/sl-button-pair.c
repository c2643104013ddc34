/* sl-button-pair.c: a start and a stop button that take turns in one place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-button-pair.h"

static void
set_enabled (GtkWidget *owner,
             GtkWidget *button,
             gboolean   enabled)
{
  gtk_widget_action_set_enabled (owner, gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), enabled);
}

void
sl_button_pair_update (GtkWidget *owner,
                       GtkWidget *start,
                       GtkWidget *stop,
                       gboolean   running,
                       gboolean   can_start)
{
  GtkWidget *shown = running ? stop : start;
  GtkWidget *hidden = running ? start : stop;
  GtkRoot *root = gtk_widget_get_root (owner);
  gboolean had_focus = root != NULL && gtk_root_get_focus (root) == hidden;

  /* In this order: GTK drops the focus of a button whose action is disabled, and an
   * insensitive button cannot take it. */
  set_enabled (owner, shown, running || can_start);
  gtk_widget_set_visible (shown, TRUE);
  if (had_focus)
    gtk_widget_grab_focus (shown);
  set_enabled (owner, hidden, FALSE);
  gtk_widget_set_visible (hidden, FALSE);
}
