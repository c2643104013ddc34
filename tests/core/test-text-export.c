/* test-text-export.c: the plain-text exports in parts give exactly what the Copy buttons
 * give at once, from a snapshot that later appends and drops do not change; and written
 * through sl_export_write_text_async (), the file holds the same text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "sl-export-writer.h"
#include "sl-server.h"
#include "sl-test-util.h"
#include "sl-text-export.h"

/* Every part at most @rows lines: the whole text, and how many parts it took. */
static char *
read_in_parts (SlTextExport *export,
               guint         rows,
               guint        *out_parts)
{
  GString *out = g_string_new (NULL);
  guint parts = 1;

  while (sl_text_export_next (export, out, rows))
    parts++;
  *out_parts = parts;
  return g_string_free (out, FALSE);
}

static void
test_log (void)
{
  g_autoptr(SlLog) log = sl_log_new (500);
  g_autoptr(SlTextExport) export = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *parts_text = NULL;
  guint parts;

  for (guint i = 0; i < 700; i++)
    {
      g_autofree char *text = g_strdup_printf ("line %u\r\n", i);
      g_autoptr(GBytes) data = g_bytes_new (text, strlen (text));

      if (i % 3 == 0)
        sl_log_append_message (log, SL_LOG_KIND_INFO, NULL, text);
      else
        sl_log_append_data (log, i % 2 ? SL_LOG_KIND_SENT : SL_LOG_KIND_RECEIVED, "127.0.0.1:5000", data);
    }
  whole = sl_log_to_text (log);
  /* 200 entries were dropped: the note comes first, in parts as at once. */
  g_assert_true (g_str_has_prefix (whole, "# 200 older entries were dropped, with "));
  export = sl_text_export_new_log (log);
  sl_log_append_message (log, SL_LOG_KIND_INFO, NULL, "after the snapshot");
  g_assert_cmpuint (sl_text_export_get_n_rows (export), ==, 500);
  parts_text = read_in_parts (export, 64, &parts);
  g_assert_cmpuint (parts, ==, (500 + 63) / 64);
  g_assert_cmpstr (parts_text, ==, whole);
}

static void
append_call (SlTrace     *trace,
             SlTraceCall  call,
             int          fd,
             gint64       result)
{
  SlTraceRecord record = SL_TRACE_RECORD_INIT (call);

  record.fd = fd;
  record.result = result;
  sl_trace_append (trace, &record);
}

static void
test_trace (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(SlTextExport) export = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *parts_text = NULL;
  guint parts;

  append_call (trace, SL_TRACE_CALL_SOCKET, -1, 7);
  for (guint i = 0; i < 50; i++)
    {
      append_call (trace, SL_TRACE_CALL_LISTEN, 7, 0);
      append_call (trace, SL_TRACE_CALL_SHUTDOWN, 7, i % 2 ? 0 : -1);
    }
  append_call (trace, SL_TRACE_CALL_CLOSE, 7, 0);
  whole = sl_trace_to_text (trace);
  export = sl_text_export_new_trace (trace);
  /* A call's repeat count still grows: its lines are made on the main thread. */
  g_assert_false (sl_text_export_is_frozen (export));
  parts_text = read_in_parts (export, 3, &parts);
  g_assert_cmpuint (parts, >=, 2);
  g_assert_cmpstr (parts_text, ==, whole);
  g_assert_true (g_str_has_prefix (parts_text, "  0.000000  socket("));
}

static void
test_peers (void)
{
  g_autoptr(SlServer) server = sl_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlTextExport) export = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected_start = NULL;
  int fd;

  sl_server_set_port (server, 0);
  sl_server_set_reply_mode (server, SL_REPLY_MODE_NONE);
  g_assert_true (sl_server_start (server, &error));
  g_assert_no_error (error);
  fd = sl_test_tcp_connect (sl_server_get_bound_port (server));
  SL_TEST_SPIN_UNTIL (sl_server_get_n_peers (server) == 1, SL_TEST_TIMEOUT_MS);
  g_assert_cmpint (write (fd, "hello", 5), ==, 5);
  SL_TEST_SPIN_UNTIL (sl_peer_get_bytes_in (sl_test_item_at (sl_server_get_peers (server), 0)) == 5,
                      SL_TEST_TIMEOUT_MS);

  export = sl_text_export_new_peers (sl_server_get_peers (server));
  g_assert_false (sl_text_export_is_frozen (export));
  text = sl_text_export_to_string (export);
  expected_start = g_strdup_printf ("%s  since ", sl_peer_get_label (sl_test_item_at (sl_server_get_peers (server), 0)));
  g_assert_true (g_str_has_prefix (text, expected_start));
  g_assert_nonnull (strstr (text, "  5 bytes in  0 bytes out  connected\n"));
  close (fd);
  sl_server_stop (server);
}

/* sl_export_write_text_async (): the file is the text. The entries carry data
 * whose printable text is made on first use, and the main thread makes it (as a view
 * showing the rows would) while the writing thread does too: both get the same lines. */
static void
test_write (void)
{
  g_autoptr(SlLog) log = sl_log_new (0);
  g_autofree char *dir = g_dir_make_tmp ("sl-text-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "log.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *whole = NULL;
  g_autofree char *written = NULL;
  SlTextExport *export;
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 50000; i++)
    {
      g_autofree char *line = g_strdup_printf ("line %u\r\n\t\x01", i);
      g_autoptr(GBytes) data = g_bytes_new (line, strlen (line));

      sl_log_append_data (log, SL_LOG_KIND_RECEIVED, "127.0.0.1:5000", data);
    }
  export = sl_text_export_new_log (log);
  /* Log entries never change: the lines are made in the writing thread. */
  g_assert_true (sl_text_export_is_frozen (export));
  sl_export_write_text_async (file, export, NULL, sl_test_store_result, &result);
  whole = sl_log_to_text (log);
  done = sl_test_wait_result (&result);
  g_assert_true (sl_export_write_finish (done, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, whole);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-export/log", test_log);
  g_test_add_func ("/text-export/trace", test_trace);
  g_test_add_func ("/text-export/peers", test_peers);
  g_test_add_func ("/text-export/write", test_write);
  return g_test_run ();
}
