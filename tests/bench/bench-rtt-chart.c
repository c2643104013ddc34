/* bench-rtt-chart.c: P5, the RTT chart with 100 000 points against the same chart empty,
 * measured in this run:
 *   - snapshot (): each round adds one sample first, so the plot is really rebuilt (a live
 *     run adds one per probe); a redraw without new data (hover) is timed too;
 *   - a whole rendered frame: snapshot () plus the window's GskRenderer turning the node tree
 *     into pixels (gsk_renderer_render_texture ()), again with new data each round and without.
 * Prints medians and ratios; a missed goal (snapshot < 4 ms, frame ≤ 1.5 × the empty chart's)
 * is reported, not failed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdio.h>

#include "sl-rtt-chart.h"
#include "sl-test-util.h"

#define BLOCKS          8
#define ROUNDS          12
#define WARMUP_ROUNDS   2
#define N_POINTS        100000
#define P5_GOAL_MS      4.0
#define P5_FRAME_RATIO  1.5

typedef enum {
  TIME_SNAPSHOT,   /* snapshot () alone */
  TIME_FRAME,      /* snapshot () and rendering its nodes */
} What;

static double
time_one (GtkWidget *chart,
          What       what)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (chart));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  GTK_WIDGET_GET_CLASS (chart)->snapshot (chart, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (what == TIME_FRAME && node != NULL)
    texture = gsk_renderer_render_texture (renderer, node,
                                           &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (chart),
                                                                gtk_widget_get_height (chart)));
  return (g_get_monotonic_time () - start) / 1000.0;
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

typedef struct {
  SlRttChart *chart;
  What        what;
  guint       grow_series;   /* a sample added to it before each frame; 0: none */
  gboolean    clear;         /* or the (empty) chart cleared, which makes it draw again */
  guint64     next_seq;
  double      times[BLOCKS * ROUNDS];
} Case;

/* One block of ROUNDS timed frames after WARMUP_ROUNDS untimed ones. The renderer compiles
 * shaders and fills its glyph cache on its first frames, and it keeps the texture of a cairo
 * node only while every frame uses it: after the other chart's frames, this chart's first
 * frame re-rasterizes everything, which a window that draws the chart each frame never does. */
static void
measure_block (Case  *c,
               guint  block)
{
  for (guint i = 0; i < WARMUP_ROUNDS + ROUNDS; i++)
    {
      double t;

      if (c->grow_series != 0)
        {
          /* Like the points before it: a new RTT each time, so the line really changes. */
          sl_rtt_chart_add_sample (c->chart, c->grow_series, c->next_seq, c->next_seq * 0.2,
                                   0.03 + 0.01 * sin (c->next_seq / 300.0));
          c->next_seq++;
        }
      else if (c->clear)
        sl_rtt_chart_clear (c->chart);
      t = time_one (GTK_WIDGET (c->chart), c->what);
      if (i >= WARMUP_ROUNDS)
        c->times[block * ROUNDS + i - WARMUP_ROUNDS] = t;
    }
}

/* The cases take turns, block by block, so that a machine getting slower or faster during
 * the run shifts all of them alike; each gets the median of its frames. */
static void
measure (Case  *cases,
         guint  n_cases)
{
  for (guint block = 0; block < BLOCKS; block++)
    for (guint i = 0; i < n_cases; i++)
      measure_block (&cases[i], block);
}

static double
median (Case *c)
{
  return sl_test_median (c->times, BLOCKS * ROUNDS);
}

int
main (int   argc,
      char *argv[])
{
  SlRttChart *empty, *full;
  GtkWindow *empty_window, *full_window;
  double baseline, rebuilt, cached;
  double empty_frame, empty_redraw, full_frame, full_redraw, ratio, redraw_ratio;
  guint a, b;

  gtk_init ();
  adw_init ();

  empty = SL_RTT_CHART (sl_rtt_chart_new ());
  empty_window = show (GTK_WIDGET (empty));
  full = SL_RTT_CHART (sl_rtt_chart_new ());
  full_window = show (GTK_WIDGET (full));
  a = sl_rtt_chart_add_series (full, "127.0.0.1", 0);
  b = sl_rtt_chart_add_series (full, "::1", 1);
  for (guint i = 1; i <= N_POINTS / 2; i++)
    {
      sl_rtt_chart_add_sample (full, a, i, i * 0.2, 0.03 + 0.01 * sin (i / 300.0));
      sl_rtt_chart_add_sample (full, b, i, i * 0.2, i % 97 == 0 ? NAN : 0.05 + 0.02 * cos (i / 500.0));
    }

  {
    Case snapshots[] = {
      { empty, TIME_SNAPSHOT, 0, TRUE },
      { full, TIME_SNAPSHOT, a, FALSE, N_POINTS / 2 + 1 },
      { full, TIME_SNAPSHOT, 0, FALSE },
    };
    Case frames[] = {
      { empty, TIME_FRAME, 0, TRUE },
      { full, TIME_FRAME, a, FALSE, N_POINTS / 2 + 1 + BLOCKS * (WARMUP_ROUNDS + ROUNDS) },
      { empty, TIME_FRAME, 0, FALSE },
      { full, TIME_FRAME, 0, FALSE },
    };

    measure (snapshots, G_N_ELEMENTS (snapshots));
    measure (frames, G_N_ELEMENTS (frames));
    baseline = median (&snapshots[0]);
    rebuilt = median (&snapshots[1]);
    cached = median (&snapshots[2]);
    empty_frame = median (&frames[0]);
    full_frame = median (&frames[1]);
    empty_redraw = median (&frames[2]);
    full_redraw = median (&frames[3]);
  }
  ratio = full_frame / MAX (empty_frame, 1e-6);
  redraw_ratio = full_redraw / MAX (empty_redraw, 1e-6);

  printf ("P5 RTT chart %d x %d: empty chart snapshot %.3f ms (baseline)\n",
          gtk_widget_get_width (GTK_WIDGET (full)), gtk_widget_get_height (GTK_WIDGET (full)), baseline);
  printf ("P5 RTT chart, %u points, new data each frame: %.3f ms, %+.3f ms and %.1f× the empty chart "
          "(goal < %.0f ms: %s)\n", sl_rtt_chart_get_n_samples (full), rebuilt, rebuilt - baseline,
          rebuilt / MAX (baseline, 1e-6), P5_GOAL_MS, rebuilt < P5_GOAL_MS ? "met" : "MISSED");
  printf ("P5 RTT chart, %u points, redraw without new data (hover): %.3f ms, %.1f× the empty chart\n",
          sl_rtt_chart_get_n_samples (full), cached, cached / MAX (baseline, 1e-6));
  printf ("P5 RTT chart, whole frame (snapshot + %s), new data each frame: empty %.3f ms, "
          "%u points %.3f ms, %.2f× (goal ≤ %.1f×)\n",
          G_OBJECT_TYPE_NAME (gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (full)))),
          empty_frame, sl_rtt_chart_get_n_samples (full), full_frame, ratio, P5_FRAME_RATIO);
  printf ("P5 RTT chart, whole frame, redraw without new data (hover): empty %.3f ms, "
          "%u points %.3f ms, %.2f×\n",
          empty_redraw, sl_rtt_chart_get_n_samples (full), full_redraw, redraw_ratio);
  printf ("P5 frame: %s\n", ratio <= P5_FRAME_RATIO && redraw_ratio <= P5_FRAME_RATIO ? "met" : "MISSED");

  gtk_window_destroy (empty_window);
  gtk_window_destroy (full_window);
  return 0;
}
