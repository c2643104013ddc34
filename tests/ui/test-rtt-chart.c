/* test-rtt-chart.c: the RTT chart under Xvfb on its own: the hover readout only over the
 * plot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "sl-rtt-chart.h"
#include "sl-test-util.h"
#include "sl-ui-test-util.h"

/* ---- helpers ---------------------------------------------------------------------- */

/* Two targets a minute long, the second with one lost probe. */
static void
fill_two_series (SlRttChart *chart)
{
  guint a = sl_rtt_chart_add_series (chart, "127.0.0.1", 0);
  guint b = sl_rtt_chart_add_series (chart, "::1", 1);

  for (guint i = 1; i <= 60; i++)
    {
      sl_rtt_chart_add_sample (chart, a, i, i - 1.0, 0.045 + 0.015 * sin (i / 4.0));
      sl_rtt_chart_add_sample (chart, b, i, i - 0.99, i == 30 ? NAN : 0.055 + 0.012 * cos (i / 3.0));
    }
}

static GskRenderNode *
snapshot_chart (SlRttChart *chart)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  GTK_WIDGET_GET_CLASS (chart)->snapshot (GTK_WIDGET (chart), snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

/* Every node of the tree, depth first, borrowed from @node. */
static void
collect_nodes (GskRenderNode *node,
               GPtrArray     *out)
{
  if (node == NULL)
    return;
  g_ptr_array_add (out, node);
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_nodes (gsk_container_node_get_child (node, i), out);
      break;
    case GSK_TRANSFORM_NODE:
      collect_nodes (gsk_transform_node_get_child (node), out);
      break;
    case GSK_CLIP_NODE:
      collect_nodes (gsk_clip_node_get_child (node), out);
      break;
    case GSK_OPACITY_NODE:
      collect_nodes (gsk_opacity_node_get_child (node), out);
      break;
    case GSK_DEBUG_NODE:
      collect_nodes (gsk_debug_node_get_child (node), out);
      break;
    default:
      break;
    }
}

/* The nodes that draw something: containers, transforms and clips only hold them. */
static guint
count_nodes (GskRenderNode *node)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  guint n = 0;

  collect_nodes (node, nodes);
  for (guint i = 0; i < nodes->len; i++)
    switch (gsk_render_node_get_node_type (g_ptr_array_index (nodes, i)))
      {
      case GSK_CONTAINER_NODE:
      case GSK_TRANSFORM_NODE:
      case GSK_CLIP_NODE:
      case GSK_OPACITY_NODE:
      case GSK_DEBUG_NODE:
        break;
      default:
        n++;
      }
  return n;
}

static guint
count_chart_nodes (SlRttChart *chart)
{
  g_autoptr(GskRenderNode) node = snapshot_chart (chart);

  return count_nodes (node);
}

static GtkEventController *
motion_controller (SlRttChart *chart)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (chart));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        return controller;   /* the widget keeps its own reference */
    }
  g_error ("the chart has no motion controller");
}

static void
move_pointer (SlRttChart *chart,
              double      x,
              double      y)
{
  g_signal_emit_by_name (motion_controller (chart), "motion", x, y);
}

static void
pointer_leaves (SlRttChart *chart)
{
  g_signal_emit_by_name (motion_controller (chart), "leave");
}

/* ---- hover readout ------------------------------------------------------------------ */

static void
test_hover_only_over_plot (void)
{
  SlRttChart *chart = SL_RTT_CHART (sl_rtt_chart_new ());
  GtkWindow *window = sl_ui_test_show (GTK_WIDGET (chart), 800, 400);
  g_autofree char *inside = NULL;
  guint plain, hovered;

  fill_two_series (chart);
  sl_ui_test_render (GTK_WIDGET (chart), "rtt-chart");
  plain = count_chart_nodes (chart);
  g_assert_null (sl_rtt_chart_get_readout (chart));

  /* Over the middle of the plot: the crosshair (one more node) and the readout. */
  move_pointer (chart, 400, 200);
  inside = sl_rtt_chart_get_readout (chart);
  g_assert_nonnull (inside);
  g_assert_nonnull (strstr (inside, "127.0.0.1: seq "));
  g_assert_nonnull (strstr (inside, "::1: seq "));
  hovered = count_chart_nodes (chart);
  g_assert_cmpuint (hovered, ==, plain + 1);

  /* Onto the labels of the y axis, of the x axis and its title, and the legend: nothing. */
  {
    const double outside[][2] = { { 3, 200 }, { 400, 396 }, { 400, 385 }, { 795, 10 }, { 400, 3 } };

    for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
      {
        g_autofree char *text = NULL;

        move_pointer (chart, 400, 200);
        move_pointer (chart, outside[i][0], outside[i][1]);
        text = sl_rtt_chart_get_readout (chart);
        g_assert_null (text);
        g_assert_cmpuint (count_chart_nodes (chart), ==, plain);
      }
  }

  /* Leaving the widget from the plot takes the crosshair away too. */
  move_pointer (chart, 420, 150);
  g_assert_cmpuint (count_chart_nodes (chart), ==, plain + 1);
  pointer_leaves (chart);
  g_assert_null (sl_rtt_chart_get_readout (chart));
  g_assert_cmpuint (count_chart_nodes (chart), ==, plain);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/rtt-chart/hover-only-over-plot", test_hover_only_over_plot);
  return g_test_run ();
}
