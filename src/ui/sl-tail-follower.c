/* sl-tail-follower.c: keep a scrolled window pinned to its end while the user is there.
 *
 * New rows grow the adjustment's upper bound; when the view was at the bottom before
 * they came, it moves with them. Scrolling up stops following until the user returns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-tail-follower.h"

#define FOLLOWING_KEY "sl-tail-follower-following"

static gboolean
at_bottom (GtkAdjustment *adj)
{
  double bottom = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);

  return gtk_adjustment_get_value (adj) >= bottom - 1.0;
}

static void
on_value_changed (GtkAdjustment *adj)
{
  g_object_set_data (G_OBJECT (adj), FOLLOWING_KEY, GINT_TO_POINTER (at_bottom (adj)));
}

static void
on_upper_changed (GtkAdjustment *adj)
{
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (adj), FOLLOWING_KEY)))
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
}

void
sl_tail_follower_attach (GtkScrolledWindow *scroller)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);

  g_object_set_data (G_OBJECT (adj), FOLLOWING_KEY, GINT_TO_POINTER (TRUE));
  g_signal_connect (adj, "value-changed", G_CALLBACK (on_value_changed), NULL);
  g_signal_connect (adj, "notify::upper", G_CALLBACK (on_upper_changed), NULL);
  g_signal_connect (adj, "notify::page-size", G_CALLBACK (on_upper_changed), NULL);
}
