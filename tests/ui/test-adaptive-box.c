/* test-adaptive-box.c: SlAdaptiveBox under Xvfb: it asks only for its widest child's width,
 * puts the children side by side from side-by-side-width on and stacks them below it, and
 * keeps a divider the user dragged for when the window is wide again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "sl-adaptive-box.h"
#include "sl-ui-test-util.h"

static GtkWidget *
child_of_size (int width,
               int height)
{
  GtkWidget *child = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_size_request (child, width, height);
  return child;
}

static SlAdaptiveBox *
new_box (void)
{
  SlAdaptiveBox *box = SL_ADAPTIVE_BOX (sl_adaptive_box_new ());

  sl_adaptive_box_set_start_child (box, child_of_size (320, 100));
  sl_adaptive_box_set_end_child (box, child_of_size (300, 200));
  return box;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n)
{
  (*n)++;
}

static void
test_measure (void)
{
  SlAdaptiveBox *box = g_object_ref_sink (new_box ());
  int min, nat;

  g_assert_cmpint (sl_adaptive_box_get_side_by_side_width (box), ==, 760);
  /* As narrow as the widest child, as wide as both side by side. */
  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 320);
  g_assert_cmpint (nat, >=, 620);
  /* Side by side, as tall as the taller child; stacked, the start child whole over at least
   * stacked-end-height of the end child. */
  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_VERTICAL, 800, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 200);
  g_assert_cmpint (sl_adaptive_box_get_stacked_end_height (box), ==, 480);
  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_VERTICAL, 400, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, >=, 100 + 480);
  g_assert_cmpint (min, <=, 100 + 480 + 10);
  sl_adaptive_box_set_stacked_end_height (box, 0);
  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_VERTICAL, 400, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, >=, 100 + 200);
  g_assert_cmpint (min, <=, 100 + 200 + 10);
  /* Both children must fit side by side, whatever side-by-side-width says. */
  sl_adaptive_box_set_side_by_side_width (box, 500);
  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_VERTICAL, 600, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, >=, 300);
  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_VERTICAL, 700, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, ==, 200);
  g_assert_finalize_object (box);
}

/* As the pages hold it: stacked, the box is taller than the window. */
static GtkWidget *
in_page_scroller (SlAdaptiveBox *box)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (box));
  return scroller;
}

/* The paned's handle: its only child that is neither pane. */
static GtkWidget *
divider_of (GtkPaned *paned)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (paned));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != gtk_paned_get_start_child (paned) && child != gtk_paned_get_end_child (paned))
      return child;
  g_assert_not_reached ();
}

static void
test_flip (void)
{
  SlAdaptiveBox *box = g_object_ref_sink (new_box ());
  GtkWindow *window = sl_ui_test_show (in_page_scroller (box), 1000, 400);
  GtkPaned *paned = GTK_PANED (sl_ui_test_find_type (GTK_WIDGET (box), GTK_TYPE_PANED));
  guint n_flips = 0;

  g_signal_connect (box, "notify::side-by-side", G_CALLBACK (count_notify), &n_flips);
  g_assert_true (sl_adaptive_box_get_side_by_side (box));
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)), ==, GTK_ORIENTATION_HORIZONTAL);
  g_assert_cmpint (gtk_widget_get_width (sl_adaptive_box_get_start_child (box)), ==, 420);

  sl_ui_test_resize (window, 500, 400);
  g_assert_false (sl_adaptive_box_get_side_by_side (box));
  g_assert_cmpuint (n_flips, ==, 1);
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)), ==, GTK_ORIENTATION_VERTICAL);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (box), "stacked"));
  g_assert_cmpint (gtk_widget_get_width (sl_adaptive_box_get_end_child (box)), ==, 500);
  /* Stacked, nothing is squeezed and there is no divider to drag. */
  g_assert_cmpint (gtk_widget_get_height (sl_adaptive_box_get_start_child (box)), ==, 100);
  g_assert_cmpint (gtk_widget_get_height (sl_adaptive_box_get_end_child (box)), >=, 480);
  g_assert_false (gtk_widget_get_can_target (divider_of (paned)));

  sl_ui_test_resize (window, 1000, 400);
  g_assert_true (sl_adaptive_box_get_side_by_side (box));
  g_assert_cmpuint (n_flips, ==, 2);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (box), "stacked"));
  g_assert_cmpint (gtk_widget_get_width (sl_adaptive_box_get_start_child (box)), ==, 420);
  g_assert_true (gtk_widget_get_can_target (divider_of (paned)));

  g_signal_handlers_disconnect_by_data (box, &n_flips);
  gtk_window_destroy (window);
  sl_ui_test_flush ();
  g_assert_finalize_object (box);
}

static void
test_keeps_dragged_divider (void)
{
  SlAdaptiveBox *box = g_object_ref_sink (new_box ());
  GtkWindow *window = sl_ui_test_show (in_page_scroller (box), 1000, 400);
  GtkPaned *paned = GTK_PANED (sl_ui_test_find_type (GTK_WIDGET (box), GTK_TYPE_PANED));

  /* What dragging the divider does. */
  gtk_paned_set_position (paned, 560);
  sl_ui_test_resize (window, 500, 400);
  g_assert_cmpint (sl_adaptive_box_get_position (box), ==, 560);
  sl_ui_test_resize (window, 1000, 400);
  g_assert_cmpint (gtk_widget_get_width (sl_adaptive_box_get_start_child (box)), ==, 560);

  gtk_window_destroy (window);
  sl_ui_test_flush ();
  g_assert_finalize_object (box);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/adaptive-box/measure", test_measure);
  g_test_add_func ("/adaptive-box/flip", test_flip);
  g_test_add_func ("/adaptive-box/keeps-dragged-divider", test_keeps_dragged_divider);
  return g_test_run ();
}
