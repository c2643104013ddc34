/* test-trace.c: the trace model: structured events and how each call reads, folding of
 * repeated cycles (and nothing else), the caps in entries and bytes, change signals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <string.h>

#include "sl-test-util.h"
#include "sl-trace.h"

typedef struct {
  guint removed;
  guint added;
  guint signals;
} Changes;

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               Changes    *changes)
{
  changes->removed += removed;
  changes->added += added;
  changes->signals++;
}

static char *
format_last (SlTrace *trace)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (trace));

  return sl_trace_event_format (sl_test_event_at (trace, n - 1));
}

static void
append_socket (SlTrace *trace,
               int      fd)
{
  SlTraceRecord record = SL_TRACE_RECORD_INIT (SL_TRACE_CALL_SOCKET);

  record.family = AF_INET;
  record.sock_type = SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC;
  record.protocol = IPPROTO_TCP;
  record.result = fd;
  sl_trace_append (trace, &record);
}

static void
append_recv (SlTrace    *trace,
             int         fd,
             const char *data,
             int         errsv)
{
  SlTraceRecord record = SL_TRACE_RECORD_INIT (SL_TRACE_CALL_RECV);

  record.fd = fd;
  record.sock_type = SOCK_STREAM;
  record.size = 65536;
  record.data = (const guint8 *) data;
  record.data_len = data != NULL ? strlen (data) : 0;
  record.result = errsv != 0 ? -1 : (gint64) record.data_len;
  record.errsv = errsv;
  sl_trace_append (trace, &record);
}

static void
append_send (SlTrace    *trace,
             int         fd,
             const char *data)
{
  SlTraceRecord record = SL_TRACE_RECORD_INIT (SL_TRACE_CALL_SEND);

  record.fd = fd;
  record.sock_type = SOCK_STREAM;
  record.data = (const guint8 *) data;
  record.data_len = record.size = strlen (data);
  record.flags = MSG_NOSIGNAL;
  record.result = record.size;
  sl_trace_append (trace, &record);
}

/* Every call kind reads like the lab's Python, with its typed fields kept. */
static void
test_formats (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  struct sockaddr_in server = sl_test_ipv4 ("127.0.0.1", 5000);
  struct sockaddr_in peer = sl_test_ipv4 ("127.0.0.1", 40312);
  g_autoptr(GInetSocketAddress) address = NULL;
  SlTraceEvent *event;
  const struct { SlTraceRecord record; const char *line; } cases[] = {
    { { .call = SL_TRACE_CALL_SOCKET, .fd = -1, .family = AF_INET,
        .sock_type = SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, .protocol = IPPROTO_TCP, .result = 9 },
      "socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC, IPPROTO_TCP) = 9" },
    { { .call = SL_TRACE_CALL_SETSOCKOPT, .fd = 9, .level = SOL_SOCKET, .option = SO_REUSEADDR, .value = 1 },
      "setsockopt(9, SOL_SOCKET, SO_REUSEADDR, 1) = 0" },
    { { .call = SL_TRACE_CALL_BIND, .fd = 9, .address = (struct sockaddr *) &server, .address_len = sizeof server },
      "bind(9, ('127.0.0.1', 5000)) = 0" },
    { { .call = SL_TRACE_CALL_LISTEN, .fd = 9, .value = 4096 }, "listen(9, 4096) = 0" },
    { { .call = SL_TRACE_CALL_ACCEPT, .fd = 9, .flags = SOCK_NONBLOCK | SOCK_CLOEXEC, .result = 10,
        .address = (struct sockaddr *) &peer, .address_len = sizeof peer },
      "accept4(9, SOCK_NONBLOCK|SOCK_CLOEXEC) = 10 → ('127.0.0.1', 40312)" },
    { { .call = SL_TRACE_CALL_CONNECT, .fd = 7, .address = (struct sockaddr *) &server,
        .address_len = sizeof server, .result = -1, .errsv = ECONNREFUSED },
      "connect(7, ('127.0.0.1', 5000)) = -1 ECONNREFUSED (Connection refused: nothing is listening on that port, or a firewall rejected it)" },
    { { .call = SL_TRACE_CALL_SEND, .fd = 10, .data = (const guint8 *) "GET / HTTP/1.0\r\n\r\n", .data_len = 18,
        .size = 18, .result = 18 },
      "send(10, b'GET / HTTP/1.0\\r\\n\\r\\n') = 18" },
    { { .call = SL_TRACE_CALL_SENDTO, .fd = 5, .data = (const guint8 *) "hi\0'", .data_len = 4, .size = 4,
        .flags = MSG_NOSIGNAL, .address = (struct sockaddr *) &peer, .address_len = sizeof peer, .result = 4 },
      "sendto(5, b'hi\\x00\\'', MSG_NOSIGNAL, ('127.0.0.1', 40312)) = 4" },
    { { .call = SL_TRACE_CALL_RECVFROM, .fd = 5, .size = 65536, .data = (const guint8 *) "hi", .data_len = 2,
        .address = (struct sockaddr *) &peer, .address_len = sizeof peer, .result = 2 },
      "recvfrom(5, 65536) = 2 → ('127.0.0.1', 40312), b'hi'" },
    { { .call = SL_TRACE_CALL_RECV, .fd = 10, .sock_type = SOCK_STREAM, .size = 65536, .result = 0 },
      "recv(10, 65536) = 0 (end of stream: the other side closed)" },
    { { .call = SL_TRACE_CALL_GETSOCKOPT, .fd = 7, .level = SOL_SOCKET, .option = SO_ERROR, .errsv = ECONNREFUSED },
      "getsockopt(7, SOL_SOCKET, SO_ERROR) = 0 → ECONNREFUSED" },
    { { .call = SL_TRACE_CALL_POLL, .fd = 7, .flags = G_IO_OUT, .value = 3000 },
      "poll([{fd=7, events=POLLOUT}], 1, 3000) = 0 (timed out)" },
    { { .call = SL_TRACE_CALL_SHUTDOWN, .fd = 7, .value = SHUT_RDWR }, "shutdown(7, SHUT_RDWR) = 0" },
    { { .call = SL_TRACE_CALL_CLOSE, .fd = 7 }, "close(7) = 0" },
    { { .call = SL_TRACE_CALL_GETADDRINFO, .fd = -1, .host = "localhost", .detail = "::1, 127.0.0.1" },
      "getaddrinfo('localhost', None) = 0 · ::1, 127.0.0.1" },
    { { .call = SL_TRACE_CALL_GETADDRINFO, .fd = -1, .host = "nosuch.invalid", .result = EAI_NONAME },
      "getaddrinfo('nosuch.invalid', None) = EAI_NONAME (Name or service not known: no such host, or no address for it)" },
    { { .call = SL_TRACE_CALL_INET_PTON, .fd = -1, .family = AF_INET6, .host = "::1", .result = 1 },
      "inet_pton(AF_INET6, '::1') = 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SlTraceRecord record = cases[i].record;
      g_autofree char *line = NULL;

      if (record.ttl == 0)
        record.ttl = -1;
      sl_trace_append (trace, &record);
      line = format_last (trace);
      g_assert_cmpstr (line, ==, cases[i].line);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, G_N_ELEMENTS (cases));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (trace)) == SL_TYPE_TRACE_EVENT);

  /* The typed fields, for the code generator: no text to parse. */
  event = sl_test_event_at (trace, 5);
  g_assert_cmpint (sl_trace_event_get_call (event), ==, SL_TRACE_CALL_CONNECT);
  g_assert_cmpstr (sl_trace_event_get_call_name (event), ==, "connect");
  g_assert_cmpint (sl_trace_event_get_fd (event), ==, 7);
  g_assert_cmpint (sl_trace_event_get_result (event), ==, -1);
  g_assert_cmpint (sl_trace_event_get_errno (event), ==, ECONNREFUSED);
  g_assert_cmpstr (sl_trace_event_get_address_host (event), ==, "127.0.0.1");
  g_assert_cmpuint (sl_trace_event_get_address_port (event), ==, 5000);
  address = sl_trace_event_dup_address (event);
  g_assert_cmpuint (g_inet_socket_address_get_port (address), ==, 5000);
  g_assert_true (sl_trace_event_is_failure (event));
  g_assert_false (sl_trace_event_is_expected (event));
  g_assert_nonnull (sl_trace_event_explain_call (event));

  event = sl_test_event_at (trace, 6);
  g_assert_cmpmem (g_bytes_get_data (sl_trace_event_get_data (event), NULL),
                   g_bytes_get_size (sl_trace_event_get_data (event)), "GET / HTTP/1.0\r\n\r\n", 18);
  g_assert_false (sl_trace_event_get_data_truncated (event));
  event = sl_test_event_at (trace, 1);
  g_assert_cmpint (sl_trace_event_get_level (event), ==, SOL_SOCKET);
  g_assert_cmpint (sl_trace_event_get_option (event), ==, SO_REUSEADDR);
  g_assert_cmpint (sl_trace_event_get_value (event), ==, 1);
  /* SO_ERROR's value is what it is read for: a refused connect is a failure to show. */
  g_assert_true (sl_trace_event_is_failure (sl_test_event_at (trace, 10)));
  g_assert_true (sl_trace_event_is_failure (sl_test_event_at (trace, 15)));
  g_assert_false (sl_trace_event_is_failure (sl_test_event_at (trace, 14)));
  g_assert_finalize_object (g_steal_pointer (&trace));
}

static void
test_expected_failure (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  struct sockaddr_in server = sl_test_ipv4 ("127.0.0.1", 80);
  SlTraceRecord record = SL_TRACE_RECORD_INIT (SL_TRACE_CALL_CONNECT);
  g_autofree char *line = NULL;

  record.fd = 7;
  record.address = (struct sockaddr *) &server;
  record.address_len = sizeof server;
  record.result = -1;
  record.errsv = EINPROGRESS;
  sl_trace_append (trace, &record);
  line = format_last (trace);
  g_assert_cmpstr (line, ==, "connect(7, ('127.0.0.1', 80)) = -1 EINPROGRESS (expected: the non-blocking connect goes on in the background)");
  g_assert_true (sl_trace_event_is_expected (sl_test_event_at (trace, 0)));
  g_assert_true (sl_trace_event_is_failure (sl_test_event_at (trace, 0)));
}

/* A successful call keeps no errno, whatever the caller had in errno. */
static void
test_errno_only_on_failure (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  SlTraceRecord record = SL_TRACE_RECORD_INIT (SL_TRACE_CALL_CLOSE);

  record.fd = 3;
  record.errsv = EAGAIN;
  sl_trace_append (trace, &record);
  g_assert_cmpint (sl_trace_event_get_errno (sl_test_event_at (trace, 0)), ==, 0);
  g_assert_false (sl_trace_event_is_failure (sl_test_event_at (trace, 0)));
  /* A NULL trace records nothing and does not complain. */
  sl_trace_append (NULL, &record);
}

/* recv () again and again folds into one row that counts; the first preview stays. */
static void
test_fold_period_one (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  Changes changes = { 0 };
  SlTraceEvent *event;
  g_autofree char *text = NULL;

  append_socket (trace, 9);
  g_signal_connect (trace, "items-changed", G_CALLBACK (count_changes), &changes);
  for (guint i = 0; i < 120; i++)
    append_recv (trace, 9, i % 2 ? "odd.." : "even.", 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, 2);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (sl_trace_get_n_calls (trace), ==, 121);
  event = sl_test_event_at (trace, 1);
  g_assert_cmpuint (sl_trace_event_get_count (event), ==, 120);
  g_assert_cmpint (sl_trace_event_get_last_time_us (event), >=, sl_trace_event_get_time_us (event));
  /* A folded row does not show one read's bytes as if they were all of them. */
  text = sl_trace_event_format (event);
  g_assert_cmpstr (text, ==, "recv(9, 65536) = 5");
  g_clear_pointer (&text, g_free);
  text = sl_trace_to_text (trace);
  g_assert_nonnull (strstr (text, "recv(9, 65536) = 5  ×120\n"));

  /* A different outcome starts a new row, and the fold goes on from there. */
  append_recv (trace, 9, NULL, ECONNRESET);
  append_recv (trace, 9, NULL, ECONNRESET);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, 3);
  g_assert_cmpuint (sl_trace_event_get_count (sl_test_event_at (trace, 2)), ==, 2);
}

/* sendto, recvmsg, sendto, recvmsg… is a cycle of two: two rows, each ×N, in order. */
static void
test_fold_cycle (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  struct sockaddr_in target = sl_test_ipv4 ("127.0.0.1", 0);

  append_socket (trace, 5);
  for (guint i = 0; i < 50; i++)
    {
      SlTraceRecord send = SL_TRACE_RECORD_INIT (SL_TRACE_CALL_SENDTO);
      SlTraceRecord receive = SL_TRACE_RECORD_INIT (SL_TRACE_CALL_RECVMSG);

      send.fd = receive.fd = 5;
      send.size = 64;
      send.result = receive.result = 64;
      send.address = receive.address = (struct sockaddr *) &target;
      send.address_len = receive.address_len = sizeof target;
      receive.size = 65575;
      receive.ttl = 64;
      receive.timestamp_ns = (1000 + i) * G_GINT64_CONSTANT (1000000);
      sl_trace_append (trace, &send);
      if (i < 49)
        sl_trace_append (trace, &receive);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, 3);
  g_assert_cmpuint (sl_trace_event_get_count (sl_test_event_at (trace, 1)), ==, 50);
  g_assert_cmpuint (sl_trace_event_get_count (sl_test_event_at (trace, 2)), ==, 49);
  g_assert_cmpint (sl_trace_event_get_ttl (sl_test_event_at (trace, 2)), ==, 64);
  g_assert_cmpuint (sl_trace_event_get_cycle_length (sl_test_event_at (trace, 1)), ==, 2);
  g_assert_cmpuint (sl_trace_event_get_cycle_length (sl_test_event_at (trace, 2)), ==, 2);
  g_assert_cmpuint (sl_trace_event_get_cycle_length (sl_test_event_at (trace, 0)), ==, 0);

  /* Something else breaks the cycle; its rows stay where they are. */
  append_socket (trace, 6);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, 4);
  g_assert_cmpint (sl_trace_event_get_call (sl_test_event_at (trace, 3)), ==, SL_TRACE_CALL_SOCKET);
}

/* Sends with different data are different calls: nothing folds, nothing is reordered. */
static void
test_no_fold_different_data (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);

  append_send (trace, 3, "one");
  append_send (trace, 3, "two");
  append_send (trace, 3, "one");
  append_send (trace, 3, "two");
  append_send (trace, 3, "three");
  /* "one two" repeated once: a cycle of two, then "three" breaks it. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, 3);
  g_assert_cmpuint (sl_trace_event_get_count (sl_test_event_at (trace, 0)), ==, 2);
  g_assert_cmpuint (sl_trace_event_get_count (sl_test_event_at (trace, 1)), ==, 2);
  g_assert_cmpuint (sl_trace_event_get_count (sl_test_event_at (trace, 2)), ==, 1);

  /* A row that was folded is never entered again: a new cycle starts fresh rows. */
  append_send (trace, 3, "one");
  append_send (trace, 3, "four");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, 5);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n)
{
  (*n)++;
}

/* A flood of folded calls notifies the row a few times, not once per call. */
static void
test_count_notify_throttled (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  guint notified = 0;
  SlTraceEvent *event;

  append_recv (trace, 4, "x", 0);
  event = sl_test_event_at (trace, 0);
  g_signal_connect (event, "notify::count", G_CALLBACK (count_notify), &notified);
  for (guint i = 0; i < 10000; i++)
    append_recv (trace, 4, "x", 0);
  g_assert_cmpuint (sl_trace_event_get_count (event), ==, 10001);
  g_assert_cmpuint (notified, ==, 0);
  SL_TEST_SPIN_UNTIL (notified == 1, SL_TEST_TIMEOUT_MS);
  sl_test_spin_for (150);
  g_assert_cmpuint (notified, ==, 1);
}

static void
test_bounded_entries (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (3);
  Changes changes = { 0 };

  g_signal_connect (trace, "items-changed", G_CALLBACK (count_changes), &changes);
  for (int i = 0; i < 10; i++)
    append_socket (trace, 100 + i);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, 3);
  g_assert_cmpuint (sl_trace_get_dropped (trace), ==, 7);
  /* The oldest go first: the survivors are the last three, in order. */
  g_assert_cmpint (sl_trace_event_get_result (sl_test_event_at (trace, 0)), ==, 107);
  g_assert_cmpint (sl_trace_event_get_result (sl_test_event_at (trace, 2)), ==, 109);
  g_assert_cmpuint (changes.added - changes.removed, ==, 3);
  g_assert_cmpuint (changes.removed, ==, 7);

  sl_trace_clear (trace);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, 0);
  g_assert_cmpuint (sl_trace_get_dropped (trace), ==, 0);
  g_assert_cmpuint (changes.added - changes.removed, ==, 0);
}

/* Big sends weigh what they carry: the byte cap drops the oldest, and the data per event
 * is cut at max-data (the event says it was). */
static void
test_bounded_bytes (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autofree char *big = g_malloc (SL_TRACE_DEFAULT_MAX_DATA + 1000);

  memset (big, 'a', SL_TRACE_DEFAULT_MAX_DATA + 999);
  big[SL_TRACE_DEFAULT_MAX_DATA + 999] = '\0';
  for (guint i = 0; i < 400; i++)
    {
      big[0] = 'a' + i % 26;   /* different data: no folding */
      big[1] = 'a' + i / 26;
      append_send (trace, 3, big);
    }
  g_assert_cmpuint (sl_ring_get_n_bytes (SL_RING (trace)), <=, SL_TRACE_DEFAULT_MAX_BYTES);
  g_assert_cmpuint (sl_trace_get_dropped (trace), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)) + sl_trace_get_dropped (trace), ==, 400);
  g_assert_cmpuint (g_bytes_get_size (sl_trace_event_get_data (sl_test_event_at (trace, 0))), ==,
                    SL_TRACE_DEFAULT_MAX_DATA);
  g_assert_true (sl_trace_event_get_data_truncated (sl_test_event_at (trace, 0)));
}

static void
test_to_text (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  SlTraceRecord record = SL_TRACE_RECORD_INIT (SL_TRACE_CALL_CLOSE);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  append_socket (trace, 9);
  record.fd = 9;
  sl_trace_append (trace, &record);
  text = sl_trace_to_text (trace);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "  0.000000  socket(AF_INET"));
  g_assert_true (g_str_has_suffix (lines[1], "close(9) = 0"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/trace/formats", test_formats);
  g_test_add_func ("/trace/expected-failure", test_expected_failure);
  g_test_add_func ("/trace/errno-only-on-failure", test_errno_only_on_failure);
  g_test_add_func ("/trace/fold/period-one", test_fold_period_one);
  g_test_add_func ("/trace/fold/cycle", test_fold_cycle);
  g_test_add_func ("/trace/fold/different-data", test_no_fold_different_data);
  g_test_add_func ("/trace/fold/notify-throttled", test_count_notify_throttled);
  g_test_add_func ("/trace/bounded/entries", test_bounded_entries);
  g_test_add_func ("/trace/bounded/bytes", test_bounded_bytes);
  g_test_add_func ("/trace/to-text", test_to_text);
  return g_test_run ();
}
