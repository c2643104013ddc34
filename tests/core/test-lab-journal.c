/* test-lab-journal.c: the session history keeps each run as it was when it ended, in order,
 * and a report for export adds the pages' state of the moment after the runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sl-lab-journal.h"
#include "sl-test-util.h"

static void
test_order_and_snapshots (void)
{
  g_autoptr(SlLabJournal) journal = sl_lab_journal_new ();
  g_autoptr(SlServer) server = sl_server_new (NULL, NULL);
  g_autoptr(SlTrace) check_trace = sl_trace_new (0);
  g_autoptr(SlPortCheckResult) check = NULL;
  g_autoptr(SlReport) now = sl_report_new ();
  g_autoptr(SlReport) report = NULL;
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GBytes) image = g_bytes_new_static (png, sizeof png);
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autofree char *html = NULL;
  const char *checked, *served, *drawn;
  guint notified = 0;

  g_signal_connect (journal, "notify::n-runs", G_CALLBACK (sl_test_count_notify_cb), &notified);
  sl_server_set_port (server, 0);
  g_assert_true (sl_server_start (server, NULL));
  sl_port_check_async ("127.0.0.1", sl_server_get_bound_port (server), G_SOCKET_FAMILY_INVALID, 0,
                       check_trace, NULL, sl_test_store_result, &result);
  done = sl_test_wait_result (&result);
  check = sl_port_check_finish (done, NULL);
  g_assert_nonnull (check);
  sl_lab_journal_record_port_check (journal, "127.0.0.1", sl_server_get_bound_port (server), check, check_trace);
  sl_server_stop (server);
  sl_lab_journal_record_server (journal, server);
  g_assert_cmpuint (sl_lab_journal_get_n_runs (journal), ==, 2);
  g_assert_cmpuint (notified, ==, 2);

  /* What happens after a record does not change it. */
  sl_trace_clear (sl_server_get_trace (server));
  sl_trace_clear (check_trace);
  sl_report_add_image (now, "Flow diagram", "The calls of both sides.", image);
  report = sl_lab_journal_build_report (journal, now);
  g_assert_cmpuint (sl_report_get_n_sections (report), ==, 3);
  /* Building adds nothing to the history. */
  g_assert_cmpuint (sl_lab_journal_get_n_runs (journal), ==, 2);

  html = sl_report_to_html (report);
  g_assert_nonnull (strstr (html, "listen("));
  checked = strstr (html, "Port check of 127.0.0.1");
  served = strstr (html, "TCP server on");
  drawn = strstr (html, "The calls of both sides.");
  g_assert_nonnull (checked);
  g_assert_nonnull (served);
  g_assert_nonnull (drawn);
  g_assert_true (checked < served);
  g_assert_finalize_object (g_steal_pointer (&report));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lab-journal/order-and-snapshots", test_order_and_snapshots);
  return g_test_run ();
}
