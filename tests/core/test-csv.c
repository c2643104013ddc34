/* test-csv.c: the CSV exports, read back by Python's csv module and compared field by field
 * with the entries they came from: commas, quotes, CR/LF, NUL and invalid UTF-8 included.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sl-connection.h"
#include "sl-csv.h"
#include "sl-ping-probe-private.h"
#include "sl-server.h"
#include "sl-test-spawn.h"
#include "sl-test-util.h"

/* Reads the CSV on stdin strictly as UTF-8, then says whether writing its rows again with
 * CRLF and minimal quoting gives the very same text (RFC 4180 as we promise it), then prints
 * each row as the hex of its fields' UTF-8, comma-separated. */
static const char reader_py[] =
  "import csv, io, sys\n"
  "text = sys.stdin.buffer.read().decode('utf-8')\n"
  "rows = list(csv.reader(io.StringIO(text, newline=''), strict=True))\n"
  "again = io.StringIO(newline='')\n"
  "csv.writer(again, lineterminator='\\r\\n').writerows(rows)\n"
  "print('same' if again.getvalue() == text else 'differs')\n"
  "for row in rows:\n"
  "    print(','.join(field.encode('utf-8').hex() for field in row))\n";

typedef struct {
  GPtrArray *rows;   /* GPtrArray of GBytes fields */
} Table;

static GBytes *
hex_to_bytes (const char *hex)
{
  gsize len = strlen (hex) / 2;
  guint8 *data = g_malloc (len + 1);

  for (gsize i = 0; i < len; i++)
    data[i] = g_ascii_xdigit_value (hex[2 * i]) << 4 | g_ascii_xdigit_value (hex[2 * i + 1]);
  return g_bytes_new_take (data, len);
}

/* The CSV as Python's csv module reads it: rows of fields (NUL-terminated copies). */
static GPtrArray *
read_back (GBytes *csv)
{
  const char *argv[] = { "python3", "-c", reader_py, NULL };
  g_autoptr(SlTestRun) run = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  /* Valid UTF-8 whatever the payloads held: invalid bytes only appear in hex. */
  g_assert_true (g_utf8_validate (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv), NULL));
  run = sl_test_run (argv, csv, 20000);
  if (run->status != 0)
    g_error ("python3 could not read the CSV: %s", run->err);
  out = g_strndup (g_bytes_get_data (run->out, NULL), g_bytes_get_size (run->out));
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "same");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) hex = g_strsplit (lines[i], ",", -1);
      GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

      for (guint j = 0; hex[j] != NULL; j++)
        {
          g_autoptr(GBytes) bytes = hex_to_bytes (hex[j]);
          gsize len;
          const char *data = g_bytes_get_data (bytes, &len);

          g_ptr_array_add (fields, g_strndup (data != NULL ? data : "", len));
        }
      g_ptr_array_add (rows, fields);
    }
  return rows;
}

static const char *
field (GPtrArray *rows,
       guint      row,
       guint      column)
{
  GPtrArray *fields;

  g_assert_cmpuint (row, <, rows->len);
  fields = g_ptr_array_index (rows, row);
  g_assert_cmpuint (column, <, fields->len);
  return g_ptr_array_index (fields, column);
}

static void
assert_header (GPtrArray  *rows,
               const char *header)
{
  g_auto(GStrv) names = g_strsplit (header, ",", -1);
  GPtrArray *fields = g_ptr_array_index (rows, 0);

  g_assert_cmpuint (fields->len, ==, g_strv_length (names));
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_cmpstr (field (rows, 0, i), ==, names[i]);
  for (guint r = 1; r < rows->len; r++)
    g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (rows, r))->len, ==, fields->len);
}

static void
assert_iso_time (const char *text,
                 gint64      real_time_us)
{
  g_autofree char *expected = sl_csv_format_time (real_time_us);

  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d$",
                                       text, 0, 0));
  g_assert_cmpstr (text, ==, expected);
}

/* ---- primitives --------------------------------------------------------------------- */

static void
test_field_quoting (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *fields[] = { "plain", "a,b", "say \"hi\"", "two\r\nlines", NULL, "", " space " };

  sl_csv_append_row (out, fields, G_N_ELEMENTS (fields));
  g_assert_cmpstr (out->str, ==, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",,, space \r\n");
}

static void
test_format_time (void)
{
  /* 2026-12-01 15:30:00.123456 UTC */
  gint64 us = G_GINT64_CONSTANT (1796139000123456);
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);
  g_autofree char *date = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *offset = g_date_time_format (local, "%:z");
  g_autofree char *expected = g_strdup_printf ("%s.123%s", date, offset);
  g_autofree char *text = sl_csv_format_time (us);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("hi\r\n\0\xff", 6);
  g_autofree char *hex = sl_csv_format_hex (bytes);

  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (hex, ==, "68690d0a00ff");
}

/* Every byte value, at every offset within the four bytes turned into digits at once, and
 * every length of a tail done one byte at a time, against printf. */
static void
test_format_hex (void)
{
  guint8 data[256 + 7];

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8) (i * 7 + i / 256);
  for (guint start = 0; start < 4; start++)
    for (gsize len = 0; len <= 256; len += len < 12 ? 1 : 61)
      {
        g_autoptr(GBytes) bytes = g_bytes_new (data + start, len);
        g_autofree char *hex = sl_csv_format_hex (bytes);
        g_autoptr(GString) expected = g_string_new (NULL);

        for (gsize i = 0; i < len; i++)
          g_string_append_printf (expected, "%02x", data[start + i]);
        g_assert_cmpstr (hex, ==, expected->str);
      }
  for (guint value = 0; value < 256; value++)
    {
      guint8 four[4] = { value, 255 - value, value ^ 0x5a, value >> 1 };
      g_autoptr(GBytes) bytes = g_bytes_new (four, sizeof four);
      g_autofree char *hex = sl_csv_format_hex (bytes);
      g_autofree char *expected = g_strdup_printf ("%02x%02x%02x%02x", four[0], four[1], four[2], four[3]);

      g_assert_cmpstr (hex, ==, expected);
    }
}

/* ---- log ----------------------------------------------------------------------------- */

static void
test_log (void)
{
  g_autoptr(SlLog) log = sl_log_new (0);
#define PAYLOAD(literal) { literal, sizeof literal - 1 }
  static const struct {
    const char *data;
    gsize       len;
  } payloads[] = {
    PAYLOAD ("say \"hi\", then go\r\n"),
    PAYLOAD ("nul\0inside"),
    PAYLOAD ("bad utf-8 \xff\xfe\xc3"),
    PAYLOAD ("h\xc3\xa9llo \xe2\x82\xac <script>alert(1)</script>"),
    PAYLOAD (""),
  };
#undef PAYLOAD
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n;

  sl_log_append_message (log, SL_LOG_KIND_INFO, NULL, "Connected to 127.0.0.1:5000, \"fine\"\nnext line");
  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_autoptr(GBytes) data = g_bytes_new (payloads[i].data, payloads[i].len);
      sl_log_append_data (log, i % 2 ? SL_LOG_KIND_RECEIVED : SL_LOG_KIND_SENT, "[::1]:5000", data);
    }
  sl_log_append_message (log, SL_LOG_KIND_ERROR, "127.0.0.1:1,2", "ECONNRESET");

  csv = sl_csv_log_to_bytes (log);
  rows = read_back (csv);
  n = g_list_model_get_n_items (G_LIST_MODEL (log));
  g_assert_cmpuint (rows->len, ==, n + 1);
  assert_header (rows, "time,kind,peer,text,size,data_hex");
  for (guint i = 0; i < n; i++)
    {
      SlLogEntry *entry = sl_test_entry_at (log, i);
      GBytes *data = sl_log_entry_get_data (entry);

      assert_iso_time (field (rows, i + 1, 0), sl_log_entry_get_time_us (entry));
      g_assert_cmpstr (field (rows, i + 1, 1), ==, sl_log_kind_to_string (sl_log_entry_get_kind (entry)));
      g_assert_cmpstr (field (rows, i + 1, 2), ==, sl_log_entry_get_peer (entry) ? sl_log_entry_get_peer (entry) : "");
      g_assert_cmpstr (field (rows, i + 1, 3), ==, sl_log_entry_get_text (entry));
      if (data != NULL)
        {
          g_autofree char *size = g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (data));
          g_autoptr(GBytes) back = hex_to_bytes (field (rows, i + 1, 5));

          g_assert_cmpstr (field (rows, i + 1, 4), ==, size);
          g_assert_true (g_bytes_equal (back, data));
        }
      else
        {
          g_assert_cmpstr (field (rows, i + 1, 4), ==, "");
          g_assert_cmpstr (field (rows, i + 1, 5), ==, "");
        }
    }
  /* The exact source bytes, spot-checked without our own helpers. */
  g_assert_cmpstr (field (rows, 1, 3), ==, "Connected to 127.0.0.1:5000, \"fine\"\nnext line");
  g_assert_cmpstr (field (rows, 3, 5), ==, "6e756c00696e73696465");
  g_assert_cmpstr (field (rows, 7, 2), ==, "127.0.0.1:1,2");
}

/* Chunks put together are the whole file; the snapshot ignores later appends. */
static void
test_log_chunks (void)
{
  g_autoptr(SlLog) log = sl_log_new (0);
  g_autoptr(SlCsvExport) export = NULL;
  g_autoptr(GString) chunks = g_string_new (NULL);
  g_autoptr(GBytes) whole = NULL;
  guint calls = 0;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *message = g_strdup_printf ("line %u, \"quoted\"", i);
      sl_log_append_message (log, SL_LOG_KIND_INFO, NULL, message);
    }
  whole = sl_csv_log_to_bytes (log);
  export = sl_csv_export_new_log (log);
  sl_log_append_message (log, SL_LOG_KIND_INFO, NULL, "after the snapshot");
  g_assert_cmpuint (sl_csv_export_get_n_rows (export), ==, 1000);
  /* Log entries never change: the rows may be made in the writing thread. */
  g_assert_true (sl_csv_export_is_frozen (export));
  while (sl_csv_export_next (export, chunks, 64))
    calls++;
  g_assert_cmpuint (calls, ==, 1000 / 64);
  g_assert_cmpmem (chunks->str, chunks->len, g_bytes_get_data (whole, NULL), g_bytes_get_size (whole));
}

/* ---- trace --------------------------------------------------------------------------- */

static void
test_trace (void)
{
  g_autoptr(SlTestEchoServer) server = sl_test_echo_server_new (G_SOCKET_TYPE_STREAM, G_SOCKET_FAMILY_IPV4);
  g_autoptr(SlConnection) connection = sl_connection_new (SL_PROTOCOL_TCP, "127.0.0.1",
                                                          sl_test_echo_server_get_port (server));
  SlTrace *trace = sl_connection_get_trace (connection);
  g_autoptr(GBytes) payload = g_bytes_new_static ("x = \"a, b\"\r\n\0\xff", 14);
  SlTraceRecord record = SL_TRACE_RECORD_INIT (SL_TRACE_CALL_SETSOCKOPT);
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n;

  g_assert_true (sl_test_connect (connection, NULL, NULL));
  g_assert_true (sl_connection_send (connection, payload, NULL));
  SL_TEST_SPIN_UNTIL (sl_connection_get_bytes_received (connection) == 14, SL_TEST_TIMEOUT_MS);
  sl_connection_close (connection);
  /* A row whose detail needs every kind of quoting, and a folded one. */
  record.fd = 3;
  record.level = SOL_SOCKET;
  record.option = SO_REUSEADDR;
  record.value = 1;
  record.detail = "a detail, with \"quotes\"\r\nand a line";
  for (guint i = 0; i < 3; i++)
    sl_trace_append (trace, &record);

  csv = sl_csv_trace_to_bytes (trace);
  rows = read_back (csv);
  n = g_list_model_get_n_items (G_LIST_MODEL (trace));
  g_assert_cmpuint (rows->len, ==, n + 1);
  assert_header (rows, "time,relative_s,call,fd,arguments,result,errno,count,detail");
  for (guint i = 0; i < n; i++)
    {
      SlTraceEvent *event = sl_test_event_at (trace, i);
      g_autofree char *call = sl_trace_event_format_call (event);
      g_autofree char *rebuilt = g_strdup_printf ("%s(%s)", field (rows, i + 1, 2), field (rows, i + 1, 4));
      g_autofree char *fd = g_strdup_printf ("%d", sl_trace_event_get_fd (event));
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, sl_trace_event_get_result (event));
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, sl_trace_event_get_count (event));
      double relative = g_ascii_strtod (field (rows, i + 1, 1), NULL);
      double expected = (sl_trace_event_get_time_us (event) - sl_trace_event_get_time_us (sl_test_event_at (trace, 0)))
                        / (double) G_USEC_PER_SEC;

      assert_iso_time (field (rows, i + 1, 0), sl_trace_event_get_real_time_us (event));
      g_assert_cmpfloat_with_epsilon (relative, expected, 1e-6);
      g_assert_cmpstr (rebuilt, ==, call);
      g_assert_cmpstr (field (rows, i + 1, 3), ==, fd);
      g_assert_cmpstr (field (rows, i + 1, 5), ==, value);
      g_assert_cmpstr (field (rows, i + 1, 7), ==, count);
    }
  g_assert_cmpstr (field (rows, 1, 2), ==, "inet_pton");
  g_assert_cmpstr (field (rows, 1, 6), ==, "");
  /* The send's arguments carry the payload as Python writes it. */
  g_assert_cmpstr (field (rows, 5, 2), ==, "send");
  g_assert_nonnull (strstr (field (rows, 5, 4), "b'x = \"a, b\"\\r\\n\\x00\\xff'"));
  /* accept/getsockname-style outputs go to detail */
  g_assert_cmpstr (field (rows, 4, 2), ==, "getsockname");
  g_assert_true (g_str_has_prefix (field (rows, 4, 8), "('127.0.0.1', "));
  g_assert_cmpstr (field (rows, n, 2), ==, "setsockopt");
  g_assert_cmpstr (field (rows, n, 7), ==, "3");
  g_assert_cmpstr (field (rows, n, 8), ==, "a detail, with \"quotes\"\r\nand a line");
}

static void
test_trace_errno (void)
{
  guint16 port = sl_test_free_port (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM);
  g_autoptr(SlConnection) connection = sl_connection_new (SL_PROTOCOL_TCP, "127.0.0.1", port);
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *why = NULL;

  g_assert_false (sl_test_connect (connection, NULL, NULL));
  csv = sl_csv_trace_to_bytes (sl_connection_get_trace (connection));
  rows = read_back (csv);
  why = sl_trace_event_explain_error (sl_test_event_at (sl_connection_get_trace (connection), 2));
  g_assert_cmpstr (field (rows, 3, 2), ==, "connect");
  g_assert_cmpstr (field (rows, 3, 5), ==, "-1");
  g_assert_cmpstr (field (rows, 3, 6), ==, "ECONNREFUSED");
  /* Why it failed, then the row's own detail, as the panel shows them. */
  g_assert_true (g_str_has_prefix (field (rows, 3, 8), why));
}

/* ---- peers --------------------------------------------------------------------------- */

static void
test_peers (void)
{
  g_autoptr(SlServer) server = sl_server_new (NULL, NULL);
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GListModel *peers;
  int first, second;
  char reply[16];

  g_assert_true (sl_server_start (server, NULL));
  first = sl_test_tcp_connect (sl_server_get_bound_port (server));
  second = sl_test_tcp_connect (sl_server_get_bound_port (server));
  SL_TEST_SPIN_UNTIL (sl_server_get_n_peers (server) == 2, SL_TEST_TIMEOUT_MS);
  g_assert_cmpint (send (first, "hello", 5, 0), ==, 5);
  peers = sl_server_get_peers (server);
  SL_TEST_SPIN_UNTIL (sl_peer_get_bytes_out (sl_test_item_at (peers, 0)) == 5, SL_TEST_TIMEOUT_MS);
  g_assert_cmpint (recv (first, reply, sizeof reply, 0), ==, 5);

  csv = sl_csv_peers_to_bytes (peers);
  rows = read_back (csv);
  g_assert_cmpuint (rows->len, ==, 3);
  assert_header (rows, "address,since,bytes_in,bytes_out,state");
  for (guint i = 0; i < 2; i++)
    {
      SlPeer *peer = sl_test_item_at (peers, i);
      GDateTime *since = sl_peer_get_since (peer);

      g_assert_cmpstr (field (rows, i + 1, 0), ==, sl_peer_get_label (peer));
      assert_iso_time (field (rows, i + 1, 1),
                       g_date_time_to_unix (since) * G_USEC_PER_SEC + g_date_time_get_microsecond (since));
      g_assert_cmpstr (field (rows, i + 1, 4), ==, "connected");
    }
  g_assert_cmpstr (field (rows, 1, 2), ==, "5");
  g_assert_cmpstr (field (rows, 1, 3), ==, "5");
  g_assert_cmpstr (field (rows, 2, 2), ==, "0");
  close (first);
  close (second);
  sl_server_stop (server);
}

/* ---- ping ---------------------------------------------------------------------------- */

static void
test_ping (void)
{
  g_autoptr(GListStore) probes = g_list_store_new (SL_TYPE_PING_PROBE);
  g_autoptr(SlPingProbe) replied = sl_ping_probe_new (1, 0, 0);
  g_autoptr(SlPingProbe) lost = sl_ping_probe_new (2, 1000000, 0);
  g_autoptr(SlPingProbe) twice = sl_ping_probe_new (3, 2000123, 0);
  g_autoptr(SlPingProbe) failed = sl_ping_probe_new (4, 3000000, 0);
  g_autoptr(SlPingProbe) pending = sl_ping_probe_new (5, 4000000, 0);
  gint64 start = G_GINT64_CONSTANT (1796139000000000);
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  static const char *expected[][8] = {
    { "host \"x\", y", "icmp-datagram", "1", NULL, "12.345", "64", "64", "reply" },
    { "host \"x\", y", "icmp-datagram", "2", NULL, "", "", "", "lost" },
    { "host \"x\", y", "icmp-datagram", "3", NULL, "0.041", "", "64", "reply" },
    { "host \"x\", y", "icmp-datagram", "3", NULL, "", "", "", "duplicate" },
    { "host \"x\", y", "icmp-datagram", "4", NULL, "", "", "", "error" },
    { "host \"x\", y", "icmp-datagram", "5", NULL, "", "", "", "pending" },
  };
  const gint64 sent[] = { 0, 1000000, 2000123, 2000123, 3000000, 4000000 };

  sl_ping_probe_set_replied (replied, 12345, 64, "64 bytes");
  sl_ping_probe_set_failed (lost, SL_PING_PROBE_STATE_LOST, NULL);
  sl_ping_probe_set_replied (twice, 41, -1, "64 bytes");
  sl_ping_probe_add_duplicate (twice);
  sl_ping_probe_set_failed (failed, SL_PING_PROBE_STATE_ERROR, "Destination Host Unreachable");
  g_list_store_append (probes, replied);
  g_list_store_append (probes, lost);
  g_list_store_append (probes, twice);
  g_list_store_append (probes, failed);
  g_list_store_append (probes, pending);

  csv = sl_csv_ping_to_bytes (G_LIST_MODEL (probes), "host \"x\", y", SL_PING_METHOD_ICMP_DGRAM, 56, start);
  rows = read_back (csv);
  assert_header (rows, "target,method,seq,sent_at,rtt_ms,ttl,bytes,status");
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (expected) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    for (guint j = 0; j < 8; j++)
      if (j == 3)
        assert_iso_time (field (rows, i + 1, j), start + sent[i]);
      else
        g_assert_cmpstr (field (rows, i + 1, j), ==, expected[i][j]);

  /* TCP pings have no ICMP size. */
  g_clear_pointer (&csv, g_bytes_unref);
  g_clear_pointer (&rows, g_ptr_array_unref);
  csv = sl_csv_ping_to_bytes (G_LIST_MODEL (probes), "127.0.0.1", SL_PING_METHOD_TCP, 56, start);
  rows = read_back (csv);
  g_assert_cmpstr (field (rows, 1, 1), ==, "tcp");
  g_assert_cmpstr (field (rows, 1, 6), ==, "");
}

/* Two targets' runs in one file: one header, then each target's rows in turn, in parts. */
static void
test_ping_append (void)
{
  g_autoptr(GListStore) first = g_list_store_new (SL_TYPE_PING_PROBE);
  g_autoptr(GListStore) second = g_list_store_new (SL_TYPE_PING_PROBE);
  g_autoptr(SlCsvExport) export = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  static const char *expected[][3] = {
    { "127.0.0.1", "1", "reply" }, { "127.0.0.1", "2", "lost" },
    { "::1", "1", "reply" }, { "::1", "2", "reply" }, { "::1", "3", "lost" },
  };
  guint parts = 0;

  for (guint seq = 1; seq <= 5; seq++)
    {
      g_autoptr(SlPingProbe) probe = sl_ping_probe_new (seq <= 2 ? seq : seq - 2, seq * 1000, 0);

      if (seq == 2 || seq == 5)
        sl_ping_probe_set_failed (probe, SL_PING_PROBE_STATE_LOST, NULL);
      else
        sl_ping_probe_set_replied (probe, 100 * seq, 64, "64 bytes");
      g_list_store_append (seq <= 2 ? first : second, probe);
    }
  export = sl_csv_export_new_ping (G_LIST_MODEL (first), "127.0.0.1", SL_PING_METHOD_TCP, 56, 0);
  sl_csv_export_append (export, sl_csv_export_new_ping (G_LIST_MODEL (second), "::1",
                                                        SL_PING_METHOD_TCP, 56, 0));
  g_assert_cmpuint (sl_csv_export_get_n_rows (export), ==, 5);
  /* A probe may still get its reply: made on the main thread. */
  g_assert_false (sl_csv_export_is_frozen (export));
  while (sl_csv_export_next (export, out, 2))
    parts++;
  g_assert_cmpuint (parts, >=, 2);
  csv = g_bytes_new (out->str, out->len);
  rows = read_back (csv);
  assert_header (rows, "target,method,seq,sent_at,rtt_ms,ttl,bytes,status");
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (expected) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (field (rows, i + 1, 0), ==, expected[i][0]);
      g_assert_cmpstr (field (rows, i + 1, 2), ==, expected[i][1]);
      g_assert_cmpstr (field (rows, i + 1, 7), ==, expected[i][2]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv/field-quoting", test_field_quoting);
  g_test_add_func ("/csv/format-time", test_format_time);
  g_test_add_func ("/csv/format-hex", test_format_hex);
  g_test_add_func ("/csv/log", test_log);
  g_test_add_func ("/csv/log-chunks", test_log_chunks);
  g_test_add_func ("/csv/trace", test_trace);
  g_test_add_func ("/csv/trace-errno", test_trace_errno);
  g_test_add_func ("/csv/peers", test_peers);
  g_test_add_func ("/csv/ping", test_ping);
  g_test_add_func ("/csv/ping-append", test_ping_append);
  return g_test_run ();
}
