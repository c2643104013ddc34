/* bench-rtt-chart.c: P5, the RTT chart's snapshot () with 100 000 points against the same
 * chart empty, measured in this run. Each round adds one sample first, so the plot is really
 * rebuilt (a live run adds one per probe); a redraw without new data (hover) is timed too.
 * Prints medians and the ratio; a missed goal (< 4 ms) is reported, not failed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdio.h>

#include "sl-rtt-chart.h"
#include "sl-test-util.h"

#define ROUNDS       60
#define N_POINTS     100000
#define P5_GOAL_MS   4.0

static double
snapshot_ms (GtkWidget *chart)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  gint64 start = g_get_monotonic_time ();
  GskRenderNode *node;

  GTK_WIDGET_GET_CLASS (chart)->snapshot (chart, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  start = g_get_monotonic_time () - start;
  g_clear_pointer (&node, gsk_render_node_unref);
  return start / 1000.0;
}

static void
on_frame (GdkFrameClock *clock,
          gboolean      *drawn)
{
  *drawn = TRUE;
}

static GtkWindow *
show (GtkWidget *chart)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  gboolean drawn = FALSE;
  GdkFrameClock *clock;

  gtk_window_set_default_size (window, 900, 420);
  gtk_window_set_child (window, chart);
  gtk_window_present (window);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_frame), &drawn);
  while (!drawn)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (clock, &drawn);
  return window;
}

/* Median time of ROUNDS snapshots. Before each: a sample added to @grow_series (0: none),
 * or with @clear the (empty) chart cleared, which also makes it draw again. */
static double
measure (SlRttChart *chart,
         guint       grow_series,
         gboolean    clear)
{
  double times[ROUNDS];
  guint n = sl_rtt_chart_get_n_samples (chart);

  for (guint i = 0; i < ROUNDS; i++)
    {
      if (grow_series != 0)
        sl_rtt_chart_add_sample (chart, grow_series, n + i + 1, (n + i + 1) * 0.2, 0.04);
      else if (clear)
        sl_rtt_chart_clear (chart);
      times[i] = snapshot_ms (GTK_WIDGET (chart));
    }
  return sl_test_median (times, ROUNDS);
}

/* What the frame costs after the snapshot: GSK rasterizing the nodes (cairo lines included). */
static double
render_ms (GtkWidget *chart)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (chart));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gint64 start;

  GTK_WIDGET_GET_CLASS (chart)->snapshot (chart, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  start = g_get_monotonic_time ();
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (chart),
                                                              gtk_widget_get_height (chart)));
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  SlRttChart *empty, *full;
  GtkWindow *empty_window, *full_window;
  double baseline, rebuilt, cached;
  guint a, b;

  gtk_init ();
  adw_init ();

  empty = SL_RTT_CHART (sl_rtt_chart_new ());
  empty_window = show (GTK_WIDGET (empty));
  baseline = measure (empty, 0, TRUE);

  full = SL_RTT_CHART (sl_rtt_chart_new ());
  full_window = show (GTK_WIDGET (full));
  a = sl_rtt_chart_add_series (full, "127.0.0.1", 0);
  b = sl_rtt_chart_add_series (full, "::1", 1);
  for (guint i = 1; i <= N_POINTS / 2; i++)
    {
      sl_rtt_chart_add_sample (full, a, i, i * 0.2, 0.03 + 0.01 * sin (i / 300.0));
      sl_rtt_chart_add_sample (full, b, i, i * 0.2, i % 97 == 0 ? NAN : 0.05 + 0.02 * cos (i / 500.0));
    }
  rebuilt = measure (full, a, FALSE);
  cached = measure (full, 0, FALSE);

  printf ("P5 RTT chart %d x %d: empty chart snapshot %.3f ms (baseline)\n",
          gtk_widget_get_width (GTK_WIDGET (full)), gtk_widget_get_height (GTK_WIDGET (full)), baseline);
  printf ("P5 RTT chart, %u points, new data each frame: %.3f ms, %+.3f ms and %.1f× the empty chart "
          "(goal < %.0f ms: %s)\n", sl_rtt_chart_get_n_samples (full), rebuilt, rebuilt - baseline,
          rebuilt / MAX (baseline, 1e-6), P5_GOAL_MS, rebuilt < P5_GOAL_MS ? "met" : "MISSED");
  printf ("P5 RTT chart, %u points, redraw without new data (hover): %.3f ms, %.1f× the empty chart\n",
          sl_rtt_chart_get_n_samples (full), cached, cached / MAX (baseline, 1e-6));
  {
    double empty_render = render_ms (GTK_WIDGET (empty)), full_render = render_ms (GTK_WIDGET (full));

    printf ("P5 RTT chart, rasterizing one frame (%s): empty %.3f ms, %u points %.3f ms, %.1f×\n",
            G_OBJECT_TYPE_NAME (gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (full)))),
            empty_render, sl_rtt_chart_get_n_samples (full), full_render,
            full_render / MAX (empty_render, 1e-6));
  }

  gtk_window_destroy (empty_window);
  gtk_window_destroy (full_window);
  return 0;
}
