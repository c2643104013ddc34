/* test-connection.c: SlConnection over real loopback sockets: TCP and UDP round trips with the
 * trace and state order checked, refused TCP and UDP ports, a connect timeout against a full
 * listen queue, IPv6, binary data, 1 MiB through an echo server, 512 MB from a server with
 * bounded memory, EOF from the peer, every address tried in order, the overall deadline over
 * 1000 blackholed addresses (inside tests/isolated.sh), cancelling and closing mid-connect,
 * and no fd leaked over 1000 cycles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "sl-connection.h"
#include "sl-test-dns.h"
#include "sl-test-util.h"

#define MIB (1024 * 1024)

/* What a test watches on one connection. */
typedef struct {
  SlConnection *connection;
  GArray       *states;    /* SlConnectionState, as notified */
  GByteArray   *received;
  guint         n_received;
  gsize         largest_chunk;
  guint         n_sent;
} Watch;

static void
on_state (SlConnection *connection,
          GParamSpec   *pspec,
          Watch        *watch)
{
  SlConnectionState state = sl_connection_get_state (connection);

  g_array_append_val (watch->states, state);
}

static void
on_received (SlConnection *connection,
             GBytes       *bytes,
             Watch        *watch)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  g_byte_array_append (watch->received, data, size);
  watch->n_received++;
  watch->largest_chunk = MAX (watch->largest_chunk, size);
}

static void
on_sent (SlConnection *connection,
         GBytes       *bytes,
         Watch        *watch)
{
  watch->n_sent++;
}

static Watch *
watch_new (SlProtocol  protocol,
           const char *host,
           guint16     port)
{
  Watch *watch = g_new0 (Watch, 1);

  watch->connection = sl_connection_new (protocol, host, port);
  watch->states = g_array_new (FALSE, FALSE, sizeof (SlConnectionState));
  watch->received = g_byte_array_new ();
  g_signal_connect (watch->connection, "notify::state", G_CALLBACK (on_state), watch);
  g_signal_connect (watch->connection, "received", G_CALLBACK (on_received), watch);
  g_signal_connect (watch->connection, "sent", G_CALLBACK (on_sent), watch);
  return watch;
}

static void
watch_free (Watch *watch)
{
  g_signal_handlers_disconnect_by_data (watch->connection, watch);
  g_assert_finalize_object (watch->connection);
  g_array_unref (watch->states);
  g_byte_array_unref (watch->received);
  g_free (watch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Watch, watch_free)

/* A watch on a port of 127.0.0.1 that nothing listens on. */
static Watch *
watch_refused (SlProtocol protocol)
{
  GSocketType type = protocol == SL_PROTOCOL_TCP ? G_SOCKET_TYPE_STREAM : G_SOCKET_TYPE_DATAGRAM;

  return watch_new (protocol, "127.0.0.1", sl_test_free_port (G_SOCKET_FAMILY_IPV4, type));
}

static void
assert_states (Watch                   *watch,
               const SlConnectionState *expected,
               guint                    n)
{
  g_assert_cmpuint (watch->states->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (watch->states, SlConnectionState, i), ==, expected[i]);
}

static void
send_text (SlConnection *connection,
           const char   *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_connection_send (connection, bytes, &error));
  g_assert_no_error (error);
}

/* Position of the first event named call at or after from, or fails. */
static guint
find_call (SlTrace    *trace,
           const char *call,
           guint       from)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (trace));

  for (guint i = from; i < n; i++)
    if (g_strcmp0 (sl_trace_event_get_call_name (sl_test_event_at (trace, i)), call) == 0)
      return i;
  g_error ("no %s () in the trace after event %u", call, from);
  return n;
}

static gboolean
log_has (SlLog      *log,
         SlLogKind   kind,
         const char *text)
{
  return sl_test_count_log (log, kind, text) > 0;
}

static GBytes *
log_data (SlLog     *log,
          SlLogKind  kind)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (log));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlLogEntry) entry = g_list_model_get_item (G_LIST_MODEL (log), i);

      if (sl_log_entry_get_kind (entry) == kind)
        return g_bytes_ref (sl_log_entry_get_data (entry));
    }
  return NULL;
}

static void
assert_received (Watch        *watch,
                 const guint8 *data,
                 gsize         size)
{
  SL_TEST_SPIN_UNTIL (watch->received->len >= size, SL_TEST_TIMEOUT_MS);
  g_assert_cmpmem (watch->received->data, watch->received->len, data, size);
}

/* Round trips */

static void
round_trip (SlProtocol    protocol,
            GSocketFamily family)
{
  GSocketType type = protocol == SL_PROTOCOL_TCP ? G_SOCKET_TYPE_STREAM : G_SOCKET_TYPE_DATAGRAM;
  g_autoptr(SlTestEchoServer) server = sl_test_echo_server_new (type, family);
  const char *host = sl_test_loopback (family);
  guint16 port = sl_test_echo_server_get_port (server);
  g_autoptr(Watch) watch = watch_new (protocol, host, port);
  SlConnection *connection = watch->connection;
  SlTrace *trace = sl_connection_get_trace (connection);
  SlLog *log = sl_connection_get_log (connection);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sent = NULL;
  g_autofree char *remote = g_strdup_printf (family == G_SOCKET_FAMILY_IPV6 ? "[%s]:%u" : "%s:%u", host, port);
  g_autofree char *args = NULL;
  g_autofree char *call = NULL;
  const SlConnectionState states[] = {
    SL_CONNECTION_STATE_RESOLVING, SL_CONNECTION_STATE_CONNECTING,
    SL_CONNECTION_STATE_CONNECTED, SL_CONNECTION_STATE_CLOSED,
  };
  guint socket_at, connect_at, send_at, recv_at, close_at;
  int fd;

  g_assert_cmpint (sl_connection_get_state (connection), ==, SL_CONNECTION_STATE_IDLE);
  g_assert_cmpint (sl_connection_get_fd (connection), ==, -1);
  g_assert_true (sl_test_connect (connection, NULL, &error));
  g_assert_no_error (error);
  assert_states (watch, states, 3);

  fd = sl_connection_get_fd (connection);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpstr (sl_connection_get_socket_family (connection), ==,
                   family == G_SOCKET_FAMILY_IPV6 ? "AF_INET6" : "AF_INET");
  g_assert_cmpstr (sl_connection_get_socket_type (connection), ==,
                   protocol == SL_PROTOCOL_TCP ? "SOCK_STREAM" : "SOCK_DGRAM");
  g_assert_cmpstr (sl_connection_get_socket_protocol (connection), ==,
                   protocol == SL_PROTOCOL_TCP ? "IPPROTO_TCP" : "IPPROTO_UDP");
  g_assert_cmpstr (sl_connection_get_remote_address (connection), ==, remote);
  g_assert_true (g_str_has_prefix (sl_connection_get_local_address (connection),
                                   family == G_SOCKET_FAMILY_IPV6 ? "[::1]:" : "127.0.0.1:"));
  g_assert_cmpuint (sl_resolve_result_get_n_addresses (sl_connection_get_addresses (connection)), ==, 1);
  g_assert_cmpint (sl_connection_get_address_index (connection), ==, 0);

  send_text (connection, "hello\n");
  assert_received (watch, (const guint8 *) "hello\n", 6);
  SL_TEST_SPIN_UNTIL (watch->n_sent == 1, SL_TEST_TIMEOUT_MS);
  g_assert_cmpuint (sl_connection_get_bytes_sent (connection), ==, 6);
  g_assert_cmpuint (sl_connection_get_bytes_received (connection), ==, 6);
  sent = log_data (log, SL_LOG_KIND_SENT);
  g_assert_cmpmem (g_bytes_get_data (sent, NULL), g_bytes_get_size (sent), "hello\n", 6);
  g_assert_true (log_has (log, SL_LOG_KIND_RECEIVED, "hello"));

  sl_connection_close (connection);
  assert_states (watch, states, 4);
  g_assert_cmpint (sl_connection_get_fd (connection), ==, -1);
  g_assert_true (log_has (log, SL_LOG_KIND_INFO, "Connection closed"));

  /* The calls really made, in order, with their results. */
  socket_at = find_call (trace, "socket", 0);
  g_assert_cmpint (sl_trace_event_get_result (sl_test_event_at (trace, socket_at)), ==, fd);
  connect_at = find_call (trace, "connect", socket_at);
  args = g_strdup_printf ("connect(%d, ('%s', %u))", fd, host, port);
  call = sl_trace_event_format_call (sl_test_event_at (trace, connect_at));
  g_assert_cmpstr (call, ==, args);
  g_assert_cmpint (sl_trace_event_get_result (sl_test_event_at (trace, connect_at)), ==, 0);
  send_at = find_call (trace, "send", connect_at);
  g_assert_cmpint (sl_trace_event_get_result (sl_test_event_at (trace, send_at)), ==, 6);
  recv_at = find_call (trace, "recv", send_at);
  g_assert_cmpint (sl_trace_event_get_result (sl_test_event_at (trace, recv_at)), ==, 6);
  if (protocol == SL_PROTOCOL_TCP)
    g_assert_cmpint (sl_trace_event_get_result (sl_test_event_at (trace, find_call (trace, "shutdown", recv_at))), ==, 0);
  close_at = find_call (trace, "close", recv_at);
  g_assert_cmpint (sl_trace_event_get_result (sl_test_event_at (trace, close_at)), ==, 0);
  g_assert_cmpuint (close_at, ==, g_list_model_get_n_items (G_LIST_MODEL (trace)) - 1);
}

static void
test_tcp_round_trip (void)
{
  round_trip (SL_PROTOCOL_TCP, G_SOCKET_FAMILY_IPV4);
}

static void
test_udp_round_trip (void)
{
  round_trip (SL_PROTOCOL_UDP, G_SOCKET_FAMILY_IPV4);
}

static void
test_ipv6 (void)
{
  if (!sl_test_ipv6_available ())
    {
      g_test_skip ("IPv6 is disabled on this machine: cannot bind [::1]");
      return;
    }
  round_trip (SL_PROTOCOL_TCP, G_SOCKET_FAMILY_IPV6);
  round_trip (SL_PROTOCOL_UDP, G_SOCKET_FAMILY_IPV6);
}

static void
test_binary (void)
{
  g_autoptr(SlTestEchoServer) server = sl_test_echo_server_new (G_SOCKET_TYPE_STREAM, G_SOCKET_FAMILY_IPV4);
  g_autoptr(Watch) watch = watch_new (SL_PROTOCOL_TCP, "127.0.0.1", sl_test_echo_server_get_port (server));
  static const guint8 data[] = { 0, 'a', 0, 0, 0xff, '\r', '\n', 0x80, 0, 0x7f, 0 };
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, sizeof data);
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_test_connect (watch->connection, NULL, &error));
  g_assert_true (sl_connection_send (watch->connection, bytes, &error));
  assert_received (watch, data, sizeof data);
  g_assert_cmpuint (sl_connection_get_bytes_received (watch->connection), ==, sizeof data);
  sl_connection_close (watch->connection);
}

static void
test_one_mib (void)
{
  g_autoptr(SlTestEchoServer) server = sl_test_echo_server_new (G_SOCKET_TYPE_STREAM, G_SOCKET_FAMILY_IPV4);
  g_autoptr(Watch) watch = watch_new (SL_PROTOCOL_TCP, "127.0.0.1", sl_test_echo_server_get_port (server));
  g_autofree guint8 *data = g_malloc (MIB);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < MIB; i++)
    data[i] = g_test_rand_int_range (0, 256);
  bytes = g_bytes_new (data, MIB);

  g_assert_true (sl_test_connect (watch->connection, NULL, &error));
  g_assert_true (sl_connection_send (watch->connection, bytes, &error));
  assert_received (watch, data, MIB);
  SL_TEST_SPIN_UNTIL (watch->n_sent == 1, SL_TEST_TIMEOUT_MS);
  g_assert_cmpuint (sl_connection_get_bytes_sent (watch->connection), ==, MIB);
  g_assert_cmpuint (sl_connection_get_bytes_received (watch->connection), ==, MIB);
  /* Never more than one bounded read at a time. */
  g_assert_cmpuint (watch->largest_chunk, <=, SL_CONNECTION_READ_SIZE);
  g_assert_cmpuint (watch->n_received, >=, MIB / SL_CONNECTION_READ_SIZE);
  sl_connection_close (watch->connection);
}

/* A server pushing 512 MB: the conversation keeps a bounded amount of it (the log's byte
 * cap), while bytes-received still counts every byte. */
#define PUSH_TOTAL (512 * MIB)
#define PUSH_CHUNK MIB
#define PUSH_RSS_BUDGET (64 * MIB)

typedef struct {
  GSocket *socket;    /* the accepted end */
  gboolean ok;
} Push;

static gpointer
push_thread (gpointer user_data)
{
  Push *push = user_data;
  g_autofree char *chunk = g_malloc (PUSH_CHUNK);

  for (gsize i = 0; i < PUSH_CHUNK; i++)
    chunk[i] = (char) (i % 253);
  push->ok = TRUE;
  for (gsize sent = 0; sent < PUSH_TOTAL && push->ok; )
    {
      /* GIO emulates a blocking send over its non-blocking descriptor. */
      gssize n = g_socket_send (push->socket, chunk, MIN (PUSH_CHUNK, PUSH_TOTAL - sent), NULL, NULL);

      push->ok = n > 0;
      sent += MAX (n, 0);
    }
  g_socket_shutdown (push->socket, FALSE, TRUE, NULL);
  return NULL;
}

typedef struct {
  gsize before;
  gsize peak;
  guint calls;
} RssWatch;

static void
sample_rss_cb (SlConnection *connection,
               GParamSpec   *pspec,
               RssWatch     *rss)
{
  /* Reading /proc costs more than a recv (): every 32nd is enough to see the growth. */
  if (rss->calls++ % 32 == 0)
    rss->peak = MAX (rss->peak, sl_test_rss_bytes ());
}

static guint64
kept_data_bytes (SlLog     *log,
                 SlLogKind  kind)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (log));
  guint64 kept = 0;

  for (guint i = 0; i < n; i++)
    {
      SlLogEntry *entry = sl_test_entry_at (log, i);

      if (sl_log_entry_get_kind (entry) == kind)
        kept += g_bytes_get_size (sl_log_entry_get_data (entry));
    }
  return kept;
}

static void
test_bounded_conversation (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GSocketConnection) accepted = NULL;
  g_autoptr(SlConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  RssWatch rss = { 0 };
  Push push = { 0 };
  GThread *thread;
  SlLog *log;

  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  connection = sl_connection_new (SL_PROTOCOL_TCP, "127.0.0.1",
                                  g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  log = sl_connection_get_log (connection);
  g_assert_true (sl_test_connect (connection, NULL, &error));
  accepted = g_socket_listener_accept (listener, NULL, NULL, &error);
  g_assert_no_error (error);

  rss.before = rss.peak = sl_test_rss_bytes ();
  g_signal_connect (connection, "notify::bytes-received", G_CALLBACK (sample_rss_cb), &rss);
  push.socket = g_socket_connection_get_socket (accepted);
  thread = g_thread_new ("push", push_thread, &push);
  SL_TEST_SPIN_UNTIL (sl_connection_get_state (connection) == SL_CONNECTION_STATE_CLOSED, 60000);
  g_thread_join (thread);
  rss.peak = MAX (rss.peak, sl_test_rss_bytes ());
  g_signal_handlers_disconnect_by_data (connection, &rss);

  g_assert_true (push.ok);
  g_assert_cmpuint (sl_connection_get_bytes_received (connection), ==, PUSH_TOTAL);
  /* What the log let go plus what it kept is every byte received, nothing was sent. */
  g_assert_cmpuint (sl_log_get_dropped_data_bytes (log) + kept_data_bytes (log, SL_LOG_KIND_RECEIVED),
                    ==, PUSH_TOTAL);
  g_assert_cmpuint (kept_data_bytes (log, SL_LOG_KIND_SENT), ==, 0);
  g_assert_cmpuint (kept_data_bytes (log, SL_LOG_KIND_RECEIVED), <=, sl_log_get_max_bytes (log));
  g_assert_cmpuint (sl_log_get_dropped (log), >, 0);
  g_test_message ("log kept %u entries, %" G_GUINT64_FORMAT " bytes of data; dropped %" G_GUINT64_FORMAT
                  " entries, %" G_GUINT64_FORMAT " bytes",
                  g_list_model_get_n_items (G_LIST_MODEL (log)), kept_data_bytes (log, SL_LOG_KIND_RECEIVED),
                  sl_log_get_dropped (log), sl_log_get_dropped_data_bytes (log));
  g_test_message ("512 MB received: RSS grew by %.1f MiB (budget %u MiB)",
                  (double) (rss.peak - rss.before) / MIB, PUSH_RSS_BUDGET / MIB);
#if !defined(__SANITIZE_ADDRESS__)
  /* ASan's quarantine keeps freed memory resident, so only plain builds measure it. */
  g_assert_cmpuint (rss.peak - rss.before, <=, PUSH_RSS_BUDGET);
#endif
}

/* Errors */

static void
test_tcp_refused (void)
{
  g_autoptr(Watch) watch = watch_refused (SL_PROTOCOL_TCP);
  SlConnection *connection = watch->connection;
  SlTrace *trace = sl_connection_get_trace (connection);
  g_autoptr(GError) error = NULL;
  const SlConnectionState states[] = {
    SL_CONNECTION_STATE_RESOLVING, SL_CONNECTION_STATE_CONNECTING, SL_CONNECTION_STATE_FAILED,
  };
  guint connect_at;
  gint64 fd;

  g_assert_false (sl_test_connect (connection, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_nonnull (strstr (error->message, "ECONNREFUSED (111): Connection refused"));
  assert_states (watch, states, G_N_ELEMENTS (states));
  g_assert_cmpstr (sl_connection_get_error_message (connection), ==, error->message);
  g_assert_true (log_has (sl_connection_get_log (connection), SL_LOG_KIND_ERROR, "ECONNREFUSED"));
  g_assert_cmpint (sl_connection_get_fd (connection), ==, -1);

  fd = sl_trace_event_get_result (sl_test_event_at (trace, find_call (trace, "socket", 0)));
  g_assert_cmpint (fd, >=, 0);
  connect_at = find_call (trace, "connect", 0);
  g_assert_cmpint (sl_trace_event_get_result (sl_test_event_at (trace, connect_at)), ==, -1);
  g_assert_cmpint (sl_trace_event_get_errno (sl_test_event_at (trace, connect_at)), ==, ECONNREFUSED);
  g_assert_cmpint (sl_trace_event_get_result (sl_test_event_at (trace, find_call (trace, "close", connect_at))), ==, 0);
}

static void
test_udp_refused (void)
{
  g_autoptr(Watch) watch = watch_refused (SL_PROTOCOL_UDP);
  SlConnection *connection = watch->connection;
  SlTrace *trace = sl_connection_get_trace (connection);
  g_autoptr(GError) error = NULL;
  SlTraceEvent *refused;

  /* UDP connect () sends nothing, so it succeeds. */
  g_assert_true (sl_test_connect (connection, NULL, &error));
  send_text (connection, "anyone?");
  SL_TEST_SPIN_UNTIL (log_has (sl_connection_get_log (connection), SL_LOG_KIND_ERROR, "Connection refused"),
                      SL_TEST_TIMEOUT_MS);

  /* The ICMP "port unreachable" surfaced on the next receive. */
  refused = sl_test_event_at (trace, find_call (trace, "recv", 0));
  g_assert_cmpint (sl_trace_event_get_result (refused), ==, -1);
  g_assert_cmpint (sl_trace_event_get_errno (refused), ==, ECONNREFUSED);
  /* The socket stays usable, as in Python. */
  g_assert_cmpint (sl_connection_get_state (connection), ==, SL_CONNECTION_STATE_CONNECTED);
  g_assert_cmpuint (sl_connection_get_bytes_sent (connection), ==, 7);
  sl_connection_close (connection);
}

static void
test_connect_timeout (void)
{
  g_autoptr(SlTestStuckListener) listener = sl_test_stuck_listener_new (G_SOCKET_FAMILY_IPV4);
  g_autoptr(Watch) watch = watch_new (SL_PROTOCOL_TCP, "127.0.0.1", sl_test_stuck_listener_get_port (listener));
  SlTrace *trace = sl_connection_get_trace (watch->connection);
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed;
  guint connect_at;

  sl_connection_set_timeout (watch->connection, 1);
  start = g_get_monotonic_time ();
  g_assert_false (sl_test_connect (watch->connection, NULL, &error));
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "ETIMEDOUT (110)"));
  /* The 1 s timeout ended it: not before, and not the default one. How much later it came
   * back is up to the scheduler. */
  g_assert_cmpint (elapsed, >=, G_USEC_PER_SEC);
  g_assert_cmpint (elapsed, <, SL_CONNECTION_DEFAULT_TIMEOUT * G_USEC_PER_SEC);
  g_assert_cmpint (sl_connection_get_state (watch->connection), ==, SL_CONNECTION_STATE_FAILED);

  connect_at = find_call (trace, "connect", 0);
  g_assert_cmpint (sl_trace_event_get_errno (sl_test_event_at (trace, connect_at)), ==, ETIMEDOUT);
  find_call (trace, "close", connect_at);
}

static void
test_send_when_not_connected (void)
{
  g_autoptr(Watch) watch = watch_new (SL_PROTOCOL_TCP, "127.0.0.1", 9);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;

  g_assert_false (sl_connection_send (watch->connection, bytes, &error));
  g_assert_error (error, SL_CONNECTION_ERROR, SL_CONNECTION_ERROR_NOT_CONNECTED);
  g_assert_cmpuint (watch->states->len, ==, 0);
}

/* A connection to a plain listener of the test's own, whose accepted end the test controls. */
static Watch *
connect_accepted (GSocketListener    *listener,
                  GSocketConnection **accepted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  Watch *watch;

  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  watch = watch_new (SL_PROTOCOL_TCP, "127.0.0.1",
                     g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  g_assert_true (sl_test_connect (watch->connection, NULL, &error));
  /* Already in the accept queue, so this does not wait. */
  *accepted = g_socket_listener_accept (listener, NULL, NULL, &error);
  g_assert_no_error (error);
  return watch;
}

/* The peer closes: recv () returns 0, the connection is closed and says so. */
static void
test_peer_closes (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GSocketConnection) accepted = NULL;
  g_autoptr(Watch) watch = connect_accepted (listener, &accepted);
  g_autoptr(GError) error = NULL;
  SlTrace *trace = sl_connection_get_trace (watch->connection);
  guint recv_at;

  g_io_stream_close (G_IO_STREAM (accepted), NULL, &error);
  g_assert_no_error (error);

  SL_TEST_SPIN_UNTIL (sl_connection_get_state (watch->connection) == SL_CONNECTION_STATE_CLOSED,
                      SL_TEST_TIMEOUT_MS);
  g_assert_true (log_has (sl_connection_get_log (watch->connection), SL_LOG_KIND_INFO,
                          "The other side closed the connection"));
  g_assert_null (sl_connection_get_error_message (watch->connection));
  recv_at = find_call (trace, "recv", 0);
  g_assert_cmpint (sl_trace_event_get_result (sl_test_event_at (trace, recv_at)), ==, 0);
  find_call (trace, "close", recv_at);
  g_assert_cmpint (sl_connection_get_fd (watch->connection), ==, -1);
}

/* The peer aborts (SO_LINGER 0 sends a RST): recv () fails with ECONNRESET, not EPIPE. */
static void
test_peer_resets (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GSocketConnection) accepted = NULL;
  g_autoptr(Watch) watch = connect_accepted (listener, &accepted);
  SlTrace *trace = sl_connection_get_trace (watch->connection);
  struct linger abort_on_close = { 1, 0 };
  SlTraceEvent *reset;

  g_assert_cmpint (setsockopt (g_socket_get_fd (g_socket_connection_get_socket (accepted)), SOL_SOCKET,
                               SO_LINGER, &abort_on_close, sizeof abort_on_close), ==, 0);
  g_io_stream_close (G_IO_STREAM (accepted), NULL, NULL);

  SL_TEST_SPIN_UNTIL (sl_connection_get_state (watch->connection) == SL_CONNECTION_STATE_FAILED,
                      SL_TEST_TIMEOUT_MS);
  g_assert_nonnull (strstr (sl_connection_get_error_message (watch->connection), "ECONNRESET (104)"));
  g_assert_true (log_has (sl_connection_get_log (watch->connection), SL_LOG_KIND_ERROR, "ECONNRESET"));
  reset = sl_test_event_at (trace, find_call (trace, "recv", 0));
  g_assert_cmpint (sl_trace_event_get_result (reset), ==, -1);
  g_assert_cmpint (sl_trace_event_get_errno (reset), ==, ECONNRESET);
  g_assert_cmpint (sl_connection_get_fd (watch->connection), ==, -1);
}

/* "localhost" has ::1 and 127.0.0.1 (GLib answers it itself): with a server on IPv4 only, every
 * address before the first IPv4 one is tried and refused, then the IPv4 one connects. */
static void
test_tries_each_address (void)
{
  g_autoptr(SlTestEchoServer) server = sl_test_echo_server_new (G_SOCKET_TYPE_STREAM, G_SOCKET_FAMILY_IPV4);
  g_autoptr(Watch) watch = watch_new (SL_PROTOCOL_TCP, "localhost", sl_test_echo_server_get_port (server));
  SlTrace *trace = sl_connection_get_trace (watch->connection);
  g_autoptr(GError) error = NULL;
  SlResolveResult *addresses;
  guint first_ipv4 = 0;
  guint position = 0;

  g_assert_true (sl_test_connect (watch->connection, NULL, &error));
  g_assert_no_error (error);
  addresses = sl_connection_get_addresses (watch->connection);
  while (g_inet_address_get_family (sl_resolve_result_get_address (addresses, first_ipv4)) != G_SOCKET_FAMILY_IPV4)
    first_ipv4++;
  g_assert_cmpint (sl_connection_get_address_index (watch->connection), ==, first_ipv4);
  g_assert_true (g_str_has_prefix (sl_connection_get_remote_address (watch->connection), "127.0.0.1:"));

  g_assert_cmpstr (sl_trace_event_get_call_name (sl_test_event_at (trace, 0)), ==, "getaddrinfo");
  for (guint i = 0; i < first_ipv4; i++)
    {
      /* A failed attempt: refused, or no IPv6 socket at all when IPv6 is disabled. */
      position = find_call (trace, "socket", position);
      if (sl_trace_event_get_result (sl_test_event_at (trace, position)) >= 0)
        {
          position = find_call (trace, "connect", position);
          g_assert_cmpint (sl_trace_event_get_errno (sl_test_event_at (trace, position)), ==, ECONNREFUSED);
          position = find_call (trace, "close", position);
        }
      position++;
    }
  if (first_ipv4 > 0)
    g_assert_true (log_has (sl_connection_get_log (watch->connection), SL_LOG_KIND_ERROR, "Could not connect to"));
  position = find_call (trace, "socket", position);
  position = find_call (trace, "connect", position);
  g_assert_cmpint (sl_trace_event_get_result (sl_test_event_at (trace, position)), ==, 0);
  sl_connection_close (watch->connection);
}

/* A name with 1000 addresses, all blackholed: connecting gives up at the deadline (3 ×
 * the timeout unless set) instead of waiting 1000 timeouts, says how far it got, and the
 * outcome of each address tells which were tried. */
#define N_BLACKHOLED 1000

static void
test_deadline (void)
{
  g_autofree char *reason = NULL;
  g_autoptr(SlTestDns) dns = sl_test_dns_new (&reason);
  g_autoptr(Watch) watch = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) gave_up = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *tried_text = NULL;
  g_autofree char *last_line = NULL;
  SlConnection *connection;
  SlLog *log;
  guint tried, deadline_s;
  gint64 start, elapsed;

  if (dns == NULL || !sl_test_blackhole_198_18 (&reason))
    {
      g_test_skip (reason);
      return;
    }
  for (guint i = 0; i < N_BLACKHOLED; i++)
    {
      g_autofree char *address = g_strdup_printf ("198.18.%u.%u", i / 250, 1 + i % 250);

      sl_test_dns_add (dns, "blackholed.socketlab.test", address);
    }
  watch = watch_new (SL_PROTOCOL_TCP, "blackholed.socketlab.test", 9);
  connection = watch->connection;
  log = sl_connection_get_log (connection);
  sl_connection_set_timeout (connection, 1);
  g_assert_cmpuint (sl_connection_get_deadline (connection), ==, 0);
  deadline_s = SL_CONNECTION_DEADLINE_FACTOR * sl_connection_get_timeout (connection);

  start = g_get_monotonic_time ();
  g_assert_false (sl_test_connect (connection, NULL, &error));
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpuint (sl_resolve_result_get_n_addresses (sl_connection_get_addresses (connection)), ==, N_BLACKHOLED);

  /* "Gave up after 3 s: tried K of 1000 addresses": each attempt lasts at least the timeout,
   * so at most deadline / timeout + 1 of them started before the deadline. */
  gave_up = g_regex_new ("^Gave up after 3 s: tried (\\d+) of 1000 addresses, none answered in time$", 0, 0, NULL);
  g_test_message ("%s (after %.2f s)", error->message, elapsed / (double) G_USEC_PER_SEC);
  g_assert_true (g_regex_match (gave_up, error->message, 0, &match));
  tried_text = g_match_info_fetch (match, 1);
  tried = g_ascii_strtoull (tried_text, NULL, 10);
  g_assert_cmpuint (tried, >=, 1);
  g_assert_cmpuint (tried, <=, deadline_s / sl_connection_get_timeout (connection) + 1);
  g_assert_cmpstr (sl_connection_get_error_message (connection), ==, error->message);
  g_assert_cmpint (sl_connection_get_state (connection), ==, SL_CONNECTION_STATE_FAILED);
  g_assert_cmpint (sl_connection_get_address_index (connection), ==, tried - 1);

  /* Not before the deadline; and well before another round of timeouts. */
  g_assert_cmpint (elapsed, >=, deadline_s * G_USEC_PER_SEC);
  g_assert_cmpint (elapsed, <, (deadline_s + 5) * G_USEC_PER_SEC);

  for (guint i = 0; i < N_BLACKHOLED; i++)
    g_assert_cmpint (sl_connection_get_address_outcome (connection, i), ==,
                     i < tried ? ETIMEDOUT : SL_OUTCOME_NOT_TRIED);
  g_assert_cmpuint (sl_test_count_log (log, SL_LOG_KIND_INFO, "address 1 of 1000…"), ==, 1);
  last_line = g_strdup_printf ("address %u of 1000…", tried);
  g_assert_cmpuint (sl_test_count_log (log, SL_LOG_KIND_INFO, last_line), ==, 1);
  g_assert_cmpuint (sl_test_count_log (log, SL_LOG_KIND_INFO, "(TCP), address"), ==, tried);
  g_assert_cmpuint (sl_test_count_log (log, SL_LOG_KIND_ERROR, "Gave up after 3 s"), >=, 1);
  g_assert_cmpuint (sl_test_count_calls (sl_connection_get_trace (connection), "connect", ETIMEDOUT), ==, tried);
  g_assert_cmpint (sl_connection_get_fd (connection), ==, -1);
}

typedef struct {
  SlConnection *connection;
  GCancellable *cancellable;  /* NULL: sl_connection_close () instead */
  gboolean      scheduled;
} Interrupt;

static gboolean
interrupt_now (gpointer user_data)
{
  Interrupt *interrupt = user_data;

  g_assert_cmpint (sl_connection_get_state (interrupt->connection), ==, SL_CONNECTION_STATE_CONNECTING);
  if (interrupt->cancellable != NULL)
    g_cancellable_cancel (interrupt->cancellable);
  else
    sl_connection_close (interrupt->connection);
  return G_SOURCE_REMOVE;
}

/* Once the socket exists, give connect () time to be really under way, then interrupt. */
static void
interrupt_when_connecting (SlConnection *connection,
                           GParamSpec   *pspec,
                           Interrupt    *interrupt)
{
  if (sl_connection_get_fd (connection) < 0 || interrupt->scheduled)
    return;
  interrupt->scheduled = TRUE;
  g_timeout_add (100, interrupt_now, interrupt);
}

/* Stop a connect () that waits for an answer, by cancellable or by close (): no fd left. */
static void
interrupt_connect (gboolean by_close)
{
  g_autoptr(SlTestStuckListener) listener = sl_test_stuck_listener_new (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GCancellable) cancellable = by_close ? NULL : g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  guint fds = sl_test_count_fds ();
  g_autoptr(Watch) watch = watch_new (SL_PROTOCOL_TCP, "127.0.0.1", sl_test_stuck_listener_get_port (listener));
  SlTrace *trace = sl_connection_get_trace (watch->connection);
  const SlConnectionState states[] = {
    SL_CONNECTION_STATE_RESOLVING, SL_CONNECTION_STATE_CONNECTING, SL_CONNECTION_STATE_CLOSED,
  };
  Interrupt interrupt = { watch->connection, cancellable, FALSE };
  gint64 start = g_get_monotonic_time ();
  guint connect_at;

  g_signal_connect (watch->connection, "notify::fd", G_CALLBACK (interrupt_when_connecting), &interrupt);
  g_assert_false (sl_test_connect (watch->connection, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* The interruption ended it, not the (default) timeout. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, SL_CONNECTION_DEFAULT_TIMEOUT * G_USEC_PER_SEC);
  assert_states (watch, states, G_N_ELEMENTS (states));
  g_assert_true (log_has (sl_connection_get_log (watch->connection), SL_LOG_KIND_INFO, "cancelled"));

  connect_at = find_call (trace, "connect", find_call (trace, "socket", 0));
  g_assert_cmpint (sl_trace_event_get_errno (sl_test_event_at (trace, connect_at)), ==, ECANCELED);
  find_call (trace, "close", connect_at);

  g_clear_pointer (&watch, watch_free);
  g_assert_cmpuint (sl_test_count_fds (), ==, fds);
}

static void
test_cancel_connect (void)
{
  interrupt_connect (FALSE);
}

static void
test_close_while_connecting (void)
{
  interrupt_connect (TRUE);
}

static void
test_no_fd_leak (void)
{
  g_autoptr(SlTestEchoServer) server = sl_test_echo_server_new (G_SOCKET_TYPE_STREAM, G_SOCKET_FAMILY_IPV4);
  guint16 port = sl_test_echo_server_get_port (server);
  guint fds = sl_test_count_fds ();

  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(SlConnection) connection = sl_connection_new (SL_PROTOCOL_TCP, "127.0.0.1", port);
      g_autoptr(GError) error = NULL;

      g_assert_true (sl_test_connect (connection, NULL, &error));
      g_assert_no_error (error);
      sl_connection_close (connection);
      g_assert_finalize_object (g_steal_pointer (&connection));
    }
  g_assert_cmpuint (sl_test_echo_server_get_n_served (server), ==, 1000);
  /* The server side sees each EOF and closes its end too. */
  SL_TEST_SPIN_UNTIL (sl_test_echo_server_get_n_open (server) == 0, SL_TEST_TIMEOUT_MS);
  g_assert_cmpuint (sl_test_count_fds (), ==, fds);
}

static void
test_reuse_refused (void)
{
  g_autoptr(SlTestEchoServer) server = sl_test_echo_server_new (G_SOCKET_TYPE_DATAGRAM, G_SOCKET_FAMILY_IPV4);
  g_autoptr(Watch) watch = watch_new (SL_PROTOCOL_UDP, "127.0.0.1", sl_test_echo_server_get_port (server));
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_test_connect (watch->connection, NULL, &error));
  sl_connection_close (watch->connection);
  g_assert_false (sl_test_connect (watch->connection, NULL, &error));
  g_assert_error (error, SL_CONNECTION_ERROR, SL_CONNECTION_ERROR_ALREADY_STARTED);
  g_assert_cmpint (sl_connection_get_state (watch->connection), ==, SL_CONNECTION_STATE_CLOSED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/connection/tcp-round-trip", test_tcp_round_trip);
  g_test_add_func ("/connection/udp-round-trip", test_udp_round_trip);
  g_test_add_func ("/connection/ipv6", test_ipv6);
  g_test_add_func ("/connection/binary", test_binary);
  g_test_add_func ("/connection/one-mib", test_one_mib);
  g_test_add_func ("/connection/bounded-conversation", test_bounded_conversation);
  g_test_add_func ("/connection/tcp-refused", test_tcp_refused);
  g_test_add_func ("/connection/udp-refused", test_udp_refused);
  g_test_add_func ("/connection/connect-timeout", test_connect_timeout);
  g_test_add_func ("/connection/deadline", test_deadline);
  g_test_add_func ("/connection/send-when-not-connected", test_send_when_not_connected);
  g_test_add_func ("/connection/peer-closes", test_peer_closes);
  g_test_add_func ("/connection/peer-resets", test_peer_resets);
  g_test_add_func ("/connection/tries-each-address", test_tries_each_address);
  g_test_add_func ("/connection/cancel-connect", test_cancel_connect);
  g_test_add_func ("/connection/close-while-connecting", test_close_while_connecting);
  g_test_add_func ("/connection/no-fd-leak", test_no_fd_leak);
  g_test_add_func ("/connection/connect-once", test_reuse_refused);

  return g_test_run ();
}
