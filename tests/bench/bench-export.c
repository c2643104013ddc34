/* bench-export.c: P8, exporting 100 000 log entries as CSV against one g_file_set_contents ()
 * of the same bytes, measured in this run (median of a few rounds each).
 *
 * The export is the whole path the Save button takes: snapshot the log, make the CSV part by
 * part on the main loop while a worker thread writes the previous part, then rename into
 * place. The baseline only writes bytes already in memory, so the ratio shows what making
 * the CSV costs on top of writing. The longest main-loop stall during the export is printed
 * too (the UI's frame-gap half of P8 is measured with the window, in the UI benchmarks).
 * A missed goal is reported, never failed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "sl-csv.h"
#include "sl-export-writer.h"
#include "sl-test-util.h"

#define N_ENTRIES     100000
#define ROUNDS        9
#define P8_GOAL       2.0
#define TICK_MS       1

typedef struct {
  gint64 last_us;
  gint64 longest_us;
} Stall;

static gboolean
tick_cb (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 now = g_get_monotonic_time ();

  stall->longest_us = MAX (stall->longest_us, now - stall->last_us);
  stall->last_us = now;
  return G_SOURCE_CONTINUE;
}

/* A conversation like the Connect page logs: requests, replies, now and then a message. */
static void
fill (SlLog *log)
{
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      if (i % 10 == 9)
        {
          g_autofree char *message = g_strdup_printf ("Connected to 127.0.0.1:%u, \"ok\"", 40000 + i % 1000);
          sl_log_append_message (log, SL_LOG_KIND_INFO, NULL, message);
        }
      else
        {
          g_autofree char *text = g_strdup_printf ("GET /item/%u HTTP/1.1\r\nHost: localhost\r\n\r\n", i);
          g_autoptr(GBytes) data = g_bytes_new (text, strlen (text));

          sl_log_append_data (log, i % 2 ? SL_LOG_KIND_RECEIVED : SL_LOG_KIND_SENT, "127.0.0.1:8080", data);
        }
    }
}

static double
time_export (SlLog      *log,
             const char *path,
             double     *stall_ms)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  Stall stall = { 0 };
  guint tick;
  gint64 start;
  double elapsed;

  start = stall.last_us = g_get_monotonic_time ();
  tick = g_timeout_add (TICK_MS, tick_cb, &stall);
  sl_export_write_csv_async (file, sl_csv_export_new_log (log), NULL, sl_test_store_result, &result);
  done = sl_test_wait_result (&result);
  if (!sl_export_write_finish (done, &error))
    g_error ("export failed: %s", error->message);
  elapsed = (g_get_monotonic_time () - start) / 1000.0;
  g_source_remove (tick);
  *stall_ms = stall.longest_us / 1000.0;
  return elapsed;
}

static double
time_set_contents (GBytes     *bytes,
                   const char *path)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    g_error ("g_file_set_contents failed: %s", error->message);
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SlLog) log = sl_log_new (N_ENTRIES);
  g_autoptr(SlLog) cold = sl_log_new (N_ENTRIES);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = g_dir_make_tmp ("socket-lab-bench-export-XXXXXX", NULL);
  g_autofree char *export_path = g_build_filename (dir, "export.csv", NULL);
  g_autofree char *baseline_path = g_build_filename (dir, "baseline.csv", NULL);
  double exports[ROUNDS], baselines[ROUNDS], stalls[ROUNDS];
  double export_ms, baseline_ms, ratio, cold_ms, cold_stall_ms;

  g_assert_nonnull (dir);
  /* A log nothing has read yet: its entries' printable text is made during the export. */
  fill (cold);
  cold_ms = time_export (cold, export_path, &cold_stall_ms);
  fill (log);
  bytes = sl_csv_log_to_bytes (log);
  /* Both write over a file that exists, so both fsync the same way (see sl-export-writer.c). */
  for (guint i = 0; i < ROUNDS; i++)
    {
      baselines[i] = time_set_contents (bytes, baseline_path);
      exports[i] = time_export (log, export_path, &stalls[i]);
    }
  export_ms = sl_test_median (exports, ROUNDS);
  baseline_ms = sl_test_median (baselines, ROUNDS);
  ratio = baseline_ms > 0 ? export_ms / baseline_ms : 0;
  printf ("P8 export: %u log entries (%.1f MB of CSV) in %.1f ms vs g_file_set_contents %.1f ms "
          "= ratio %.2f (goal <= %.1f)%s; longest main-loop stall %.1f ms\n",
          N_ENTRIES, g_bytes_get_size (bytes) / 1e6, export_ms, baseline_ms, ratio, P8_GOAL,
          ratio <= P8_GOAL ? "" : " MISSED", sl_test_median (stalls, ROUNDS));
  printf ("P8 export, first export of a log never shown: %.1f ms = ratio %.2f; longest main-loop "
          "stall %.1f ms\n", cold_ms, baseline_ms > 0 ? cold_ms / baseline_ms : 0, cold_stall_ms);

  g_remove (export_path);
  g_remove (baseline_path);
  g_rmdir (dir);
  return 0;
}
