/* test-sequences.c: the exact structured events each controller records over real
 * loopback sockets — every call, in order, with its descriptor, typed arguments, result
 * and errno. These are what the Socket Calls panels, the flow diagram, the report and the
 * code generator read, so they must be the calls that really happened, no more, no less.
 *
 * main () moves the process into a network namespace of its own (as root), so that ICMP
 * sysctls can be set without touching the machine; tests that need it skip otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sl-connection.h"
#include "sl-pinger.h"
#include "sl-port-check.h"
#include "sl-resolver.h"
#include "sl-server.h"
#include "sl-test-netns.h"
#include "sl-test-util.h"

#define ANY G_MININT


/* One expected event: ANY matches whatever is there; fd and result may name a slot
 * (FD (n)) whose value the first use fixes and later uses must repeat. */
typedef struct {
  SlTraceCall call;
  int         fd;
  gint64      result;
  int         errsv;
} Expected;

#define FD(n)     (-100 - (n))
#define N_SLOTS   8

static gboolean
is_slot (gint64 value)
{
  return value <= FD (0) && value > FD (N_SLOTS);
}

static void
match_value (gint64      actual,
             gint64      expected,
             gint64     *slots,
             const char *what,
             guint       position)
{
  if (expected == ANY)
    return;
  if (is_slot (expected))
    {
      gint64 *slot = &slots[FD (0) - expected];

      if (*slot == ANY)
        *slot = actual;
      expected = *slot;
    }
  if (actual != expected)
    g_error ("event %u: %s is %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT, position, what,
             actual, expected);
}

static void
dump (SlTrace *trace)
{
  g_autofree char *text = sl_trace_to_text (trace);

  g_test_message ("trace:\n%s", text);
}

/* The trace holds exactly these events, in this order. Returns the slots' values. */
static void
assert_sequence (SlTrace        *trace,
                 const Expected *expected,
                 guint           n,
                 gint64         *slots)
{
  guint n_events = g_list_model_get_n_items (G_LIST_MODEL (trace));

  dump (trace);
  for (guint i = 0; i < N_SLOTS; i++)
    slots[i] = ANY;
  g_assert_cmpuint (n_events, ==, n);
  for (guint i = 0; i < n; i++)
    {
      SlTraceEvent *event = sl_test_event_at (trace, i);

      if (sl_trace_event_get_call (event) != expected[i].call)
        g_error ("event %u is %s, expected %s", i, sl_trace_event_get_call_name (event),
                 sl_trace_call_to_string (expected[i].call));
      match_value (sl_trace_event_get_fd (event), expected[i].fd, slots, "fd", i);
      match_value (sl_trace_event_get_result (event), expected[i].result, slots, "result", i);
      match_value (sl_trace_event_get_errno (event), expected[i].errsv, slots, "errno", i);
    }
}

static void
assert_address (SlTrace    *trace,
                guint       position,
                const char *host,
                guint       port)
{
  SlTraceEvent *event = sl_test_event_at (trace, position);

  g_assert_cmpstr (sl_trace_event_get_address_host (event), ==, host);
  if (port != 0)
    g_assert_cmpuint (sl_trace_event_get_address_port (event), ==, port);
}

static void
assert_data (SlTrace    *trace,
             guint       position,
             const char *data)
{
  GBytes *bytes = sl_trace_event_get_data (sl_test_event_at (trace, position));

  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), data, strlen (data));
}

/* ---- the client ---------------------------------------------------------------------- */

/* The rows of a client up to connected: the literal parsed, its socket, connect () and the
 * local address it got. */
#define CLIENT_CONNECTED_ROWS \
  { SL_TRACE_CALL_INET_PTON, -1, 1, 0 }, \
  { SL_TRACE_CALL_SOCKET, -1, FD (0), 0 }, \
  { SL_TRACE_CALL_CONNECT, FD (0), 0, 0 }, \
  { SL_TRACE_CALL_GETSOCKNAME, FD (0), 0, 0 }

/* A client of @protocol against an echo server at @port: connects, sends @text, waits for
 * its echo and closes. */
static SlConnection *
echo_client (SlProtocol  protocol,
             guint16     port,
             const char *text)
{
  SlConnection *connection = sl_connection_new (protocol, "127.0.0.1", port);
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));

  g_assert_true (sl_test_connect (connection, NULL, NULL));
  g_assert_true (sl_connection_send (connection, bytes, NULL));
  SL_TEST_SPIN_UNTIL (sl_connection_get_bytes_received (connection) == strlen (text), SL_TEST_TIMEOUT_MS);
  sl_connection_close (connection);
  return connection;
}

static void
test_tcp_client (void)
{
  g_autoptr(SlTestEchoServer) server = sl_test_echo_server_new (G_SOCKET_TYPE_STREAM, G_SOCKET_FAMILY_IPV4);
  guint16 port = sl_test_echo_server_get_port (server);
  g_autoptr(SlConnection) connection = echo_client (SL_PROTOCOL_TCP, port, "hello\n");
  SlTrace *trace = sl_connection_get_trace (connection);
  const Expected expected[] = {
    CLIENT_CONNECTED_ROWS,
    { SL_TRACE_CALL_SEND, FD (0), 6, 0 },
    { SL_TRACE_CALL_RECV, FD (0), 6, 0 },
    { SL_TRACE_CALL_SHUTDOWN, FD (0), 0, 0 },
    { SL_TRACE_CALL_CLOSE, FD (0), 0, 0 },
  };
  gint64 slots[N_SLOTS];
  g_autofree char *connect_line = NULL;

  assert_sequence (trace, expected, G_N_ELEMENTS (expected), slots);
  g_assert_cmpint (slots[0], ==, sl_connection_get_last_fd (connection));
  assert_address (trace, 2, "127.0.0.1", port);
  assert_address (trace, 3, "127.0.0.1", 0);
  assert_data (trace, 4, "hello\n");
  assert_data (trace, 5, "hello\n");
  g_assert_cmpint (sl_trace_event_get_sock_type (sl_test_event_at (trace, 1)), ==, SOCK_STREAM | SOCK_CLOEXEC);
  g_assert_cmpint (sl_trace_event_get_value (sl_test_event_at (trace, 6)), ==, SHUT_RDWR);
  /* GIO connected it without blocking: one row says so and when it completed, and no
   * row claims an EINPROGRESS this process never saw. */
  connect_line = sl_trace_event_format (sl_test_event_at (trace, 2));
  g_assert_true (g_str_has_prefix (connect_line, "connect("));
  g_assert_nonnull (strstr (connect_line, "by GIO, non-blocking: connected after "));
  g_assert_cmpint (sl_trace_event_get_duration_us (sl_test_event_at (trace, 2)), >=, 0);
}

static void
test_tcp_refused (void)
{
  guint16 port = sl_test_free_port (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM);
  g_autoptr(SlConnection) connection = sl_connection_new (SL_PROTOCOL_TCP, "127.0.0.1", port);
  SlTrace *trace = sl_connection_get_trace (connection);
  const Expected expected[] = {
    { SL_TRACE_CALL_INET_PTON, -1, 1, 0 },
    { SL_TRACE_CALL_SOCKET, -1, FD (0), 0 },
    { SL_TRACE_CALL_CONNECT, FD (0), -1, ECONNREFUSED },
    { SL_TRACE_CALL_CLOSE, FD (0), 0, 0 },
  };
  gint64 slots[N_SLOTS];

  g_assert_false (sl_test_connect (connection, NULL, NULL));
  assert_sequence (trace, expected, G_N_ELEMENTS (expected), slots);
  assert_address (trace, 2, "127.0.0.1", port);
  g_assert_cmpint (sl_connection_get_address_outcome (connection, 0), ==, ECONNREFUSED);
}

static void
test_udp_client (void)
{
  g_autoptr(SlTestEchoServer) server = sl_test_echo_server_new (G_SOCKET_TYPE_DATAGRAM, G_SOCKET_FAMILY_IPV4);
  guint16 port = sl_test_echo_server_get_port (server);
  g_autoptr(SlConnection) connection = echo_client (SL_PROTOCOL_UDP, port, "ping");
  SlTrace *trace = sl_connection_get_trace (connection);
  const Expected expected[] = {
    CLIENT_CONNECTED_ROWS,
    { SL_TRACE_CALL_SEND, FD (0), 4, 0 },
    { SL_TRACE_CALL_RECV, FD (0), 4, 0 },
    { SL_TRACE_CALL_CLOSE, FD (0), 0, 0 },
  };
  gint64 slots[N_SLOTS];

  assert_sequence (trace, expected, G_N_ELEMENTS (expected), slots);
  g_assert_cmpint (sl_trace_event_get_sock_type (sl_test_event_at (trace, 1)),
                   ==, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC);
  g_assert_cmpint (sl_trace_event_get_protocol (sl_test_event_at (trace, 1)), ==, IPPROTO_UDP);
}

/* ---- the port check ------------------------------------------------------------------ */

static void
test_port_check_open (void)
{
  g_autoptr(SlTestEchoServer) server = sl_test_echo_server_new (G_SOCKET_TYPE_STREAM, G_SOCKET_FAMILY_IPV4);
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(SlPortCheckResult) check = NULL;
  const Expected expected[] = {
    { SL_TRACE_CALL_INET_PTON, -1, 1, 0 },
    { SL_TRACE_CALL_SOCKET, -1, FD (0), 0 },
    { SL_TRACE_CALL_CONNECT, FD (0), -1, EINPROGRESS },
    { SL_TRACE_CALL_GETSOCKOPT, FD (0), 0, 0 },
    { SL_TRACE_CALL_CLOSE, FD (0), 0, 0 },
  };
  gint64 slots[N_SLOTS];

  sl_port_check_async ("127.0.0.1", sl_test_echo_server_get_port (server), G_SOCKET_FAMILY_INVALID,
                       0, trace, NULL, sl_test_store_result, &result);
  done = sl_test_wait_result (&result);
  check = sl_port_check_finish (done, NULL);
  g_assert_cmpint (sl_port_check_result_get_state (check), ==, SL_PORT_STATE_OPEN);
  assert_sequence (trace, expected, G_N_ELEMENTS (expected), slots);
  g_assert_cmpint (sl_trace_event_get_option (sl_test_event_at (trace, 3)), ==, SO_ERROR);
}

/* ---- the server ---------------------------------------------------------------------- */

static gboolean
read_exactly (int    fd,
              char  *buffer,
              gsize  length)
{
  gsize done = 0;

  while (done < length)
    {
      gssize n;

      sl_test_spin_for (1);
      n = recv (fd, buffer + done, length - done, MSG_DONTWAIT);
      if (n == 0)
        return FALSE;
      if (n > 0)
        done += n;
    }
  return TRUE;
}

static void
echo_once (SlServer   *server,
           int         fd,
           const char *text)
{
  char reply[64] = { 0 };
  gint64 deadline = g_get_monotonic_time () + SL_TEST_TIMEOUT_MS * 1000;

  g_assert_cmpint (send (fd, text, strlen (text), 0), ==, (gssize) strlen (text));
  while (!read_exactly (fd, reply, strlen (text)))
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
  g_assert_cmpstr (reply, ==, text);
}

/* Two clients one after the other: each accept, its TCP_NODELAY, its recv and echo, then
 * its EOF and close; then the listener's close. */
static void
test_tcp_server_two_clients (void)
{
  g_autoptr(SlServer) server = sl_server_new (NULL, NULL);
  SlTrace *trace = sl_server_get_trace (server);
  const Expected expected[] = {
    { SL_TRACE_CALL_SOCKET, -1, FD (0), 0 },
    { SL_TRACE_CALL_SETSOCKOPT, FD (0), 0, 0 },
    { SL_TRACE_CALL_BIND, FD (0), 0, 0 },
    { SL_TRACE_CALL_LISTEN, FD (0), 0, 0 },
    { SL_TRACE_CALL_GETSOCKNAME, FD (0), 0, 0 },
    { SL_TRACE_CALL_ACCEPT, FD (0), FD (1), 0 },
    { SL_TRACE_CALL_SETSOCKOPT, FD (1), 0, 0 },
    { SL_TRACE_CALL_RECV, FD (1), 5, 0 },
    { SL_TRACE_CALL_SEND, FD (1), 5, 0 },
    { SL_TRACE_CALL_ACCEPT, FD (0), FD (2), 0 },
    { SL_TRACE_CALL_SETSOCKOPT, FD (2), 0, 0 },
    { SL_TRACE_CALL_RECV, FD (2), 6, 0 },
    { SL_TRACE_CALL_SEND, FD (2), 6, 0 },
    { SL_TRACE_CALL_RECV, FD (1), 0, 0 },
    { SL_TRACE_CALL_CLOSE, FD (1), 0, 0 },
    { SL_TRACE_CALL_RECV, FD (2), 0, 0 },
    { SL_TRACE_CALL_CLOSE, FD (2), 0, 0 },
    { SL_TRACE_CALL_CLOSE, FD (0), 0, 0 },
  };
  gint64 slots[N_SLOTS];
  guint16 port;
  int first, second;

  g_assert_true (sl_server_start (server, NULL));
  port = sl_server_get_bound_port (server);
  first = sl_test_tcp_connect (port);
  SL_TEST_SPIN_UNTIL (sl_server_get_n_peers (server) == 1, SL_TEST_TIMEOUT_MS);
  echo_once (server, first, "hello");
  second = sl_test_tcp_connect (port);
  SL_TEST_SPIN_UNTIL (sl_server_get_n_peers (server) == 2, SL_TEST_TIMEOUT_MS);
  echo_once (server, second, "world!");
  close (first);
  SL_TEST_SPIN_UNTIL (sl_server_get_n_peers (server) == 1, SL_TEST_TIMEOUT_MS);
  close (second);
  SL_TEST_SPIN_UNTIL (sl_server_get_n_peers (server) == 0, SL_TEST_TIMEOUT_MS);
  sl_server_stop (server);

  assert_sequence (trace, expected, G_N_ELEMENTS (expected), slots);
  g_assert_cmpint (sl_trace_event_get_option (sl_test_event_at (trace, 1)), ==, SO_REUSEADDR);
  assert_address (trace, 2, "127.0.0.1", 0);
  assert_address (trace, 4, "127.0.0.1", port);
  assert_address (trace, 5, "127.0.0.1", 0);
  g_assert_cmpint (sl_trace_event_get_value (sl_test_event_at (trace, 3)), ==, SOMAXCONN);
  g_assert_cmpint (sl_trace_event_get_option (sl_test_event_at (trace, 6)), ==, TCP_NODELAY);
  assert_data (trace, 8, "hello");
  assert_data (trace, 12, "world!");
}

static void
test_udp_server (void)
{
  g_autoptr(SlServer) server = sl_server_new (NULL, NULL);
  SlTrace *trace = sl_server_get_trace (server);
  const Expected expected[] = {
    { SL_TRACE_CALL_SOCKET, -1, FD (0), 0 },
    { SL_TRACE_CALL_BIND, FD (0), 0, 0 },
    { SL_TRACE_CALL_GETSOCKNAME, FD (0), 0, 0 },
    { SL_TRACE_CALL_RECVFROM, FD (0), 2, 0 },
    { SL_TRACE_CALL_SENDTO, FD (0), 2, 0 },
    { SL_TRACE_CALL_CLOSE, FD (0), 0, 0 },
  };
  gint64 slots[N_SLOTS];
  struct sockaddr_in to, local;
  socklen_t length = sizeof local;
  char reply[8] = { 0 };
  int client;

  sl_server_set_protocol (server, SL_PROTOCOL_UDP);
  g_assert_true (sl_server_start (server, NULL));
  client = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sl_test_loopback_sockaddr (&to, sl_server_get_bound_port (server));
  g_assert_cmpint (sendto (client, "hi", 2, 0, (struct sockaddr *) &to, sizeof to), ==, 2);
  g_assert_cmpint (getsockname (client, (struct sockaddr *) &local, &length), ==, 0);
  SL_TEST_SPIN_UNTIL (recv (client, reply, sizeof reply, MSG_DONTWAIT) == 2, SL_TEST_TIMEOUT_MS);
  close (client);
  sl_server_stop (server);

  assert_sequence (trace, expected, G_N_ELEMENTS (expected), slots);
  g_assert_cmpint (sl_trace_event_get_sock_type (sl_test_event_at (trace, 0)),
                   ==, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC);
  /* recvfrom names the sender, sendto answers it. */
  assert_address (trace, 3, "127.0.0.1", g_ntohs (local.sin_port));
  assert_address (trace, 4, "127.0.0.1", g_ntohs (local.sin_port));
  assert_data (trace, 3, "hi");
  assert_data (trace, 4, "hi");
}

static void
test_bind_in_use (void)
{
  g_autoptr(SlServer) first = sl_server_new (NULL, NULL);
  g_autoptr(SlServer) second = sl_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  const Expected expected[] = {
    { SL_TRACE_CALL_SOCKET, -1, FD (0), 0 },
    { SL_TRACE_CALL_SETSOCKOPT, FD (0), 0, 0 },
    { SL_TRACE_CALL_BIND, FD (0), -1, EADDRINUSE },
    { SL_TRACE_CALL_CLOSE, FD (0), 0, 0 },
  };
  gint64 slots[N_SLOTS];

  g_assert_true (sl_server_start (first, NULL));
  sl_server_set_port (second, sl_server_get_bound_port (first));
  g_assert_false (sl_server_start (second, &error));
  g_assert_error (error, SL_SERVER_ERROR, SL_SERVER_ERROR_ADDRESS_IN_USE);
  assert_sequence (sl_server_get_trace (second), expected, G_N_ELEMENTS (expected), slots);
}

/* ---- the pinger ---------------------------------------------------------------------- */

/* iputils' route check before a ping: a UDP connect () sends nothing. */
#define ROUTE_CHECK_ROWS \
  { SL_TRACE_CALL_INET_PTON, -1, 1, 0 }, \
  { SL_TRACE_CALL_SOCKET, -1, FD (0), 0 }, \
  { SL_TRACE_CALL_CONNECT, FD (0), 0, 0 }, \
  { SL_TRACE_CALL_CLOSE, FD (0), 0, 0 }

static SlPinger *
pinger_new (const char   *host,
            SlPingMethod  method,
            guint         count,
            SlTrace      *trace)
{
  SlPinger *pinger = sl_pinger_new (host);

  sl_pinger_set_method_preference (pinger, method);
  sl_pinger_set_count (pinger, count);
  sl_pinger_set_interval (pinger, 0.05);
  sl_pinger_set_trace (pinger, trace);
  return pinger;
}

/* Three probes on an unprivileged ICMP socket: the route check, the socket with its options,
 * then sendto / recvmsg folded into one cycle of two rows, ×3 each, then close. */
static void
test_icmp_ping (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(SlPinger) pinger = pinger_new ("127.0.0.1", SL_PING_METHOD_ICMP_DGRAM, 3, trace);
  const Expected expected[] = {
    ROUTE_CHECK_ROWS,
    { SL_TRACE_CALL_SOCKET, -1, FD (1), 0 },
    { SL_TRACE_CALL_BIND, FD (1), 0, 0 },
    { SL_TRACE_CALL_GETSOCKNAME, FD (1), 0, 0 },
    { SL_TRACE_CALL_SETSOCKOPT, FD (1), 0, 0 },     /* SO_TIMESTAMPNS */
    { SL_TRACE_CALL_SETSOCKOPT, FD (1), 0, 0 },     /* SO_RCVBUF */
    { SL_TRACE_CALL_SETSOCKOPT, FD (1), 0, 0 },     /* IP_RECVTTL */
    { SL_TRACE_CALL_SETSOCKOPT, FD (1), 0, 0 },     /* IP_RECVERR */
    { SL_TRACE_CALL_SENDTO, FD (1), 64, 0 },
    { SL_TRACE_CALL_RECVMSG, FD (1), 64, 0 },
    { SL_TRACE_CALL_CLOSE, FD (1), 0, 0 },
  };
  g_autoptr(GError) error = NULL;
  gint64 slots[N_SLOTS];
  SlTraceEvent *receive;

  if (!sl_test_has_own_netns ())
    {
      g_test_skip ("needs a network namespace of its own (root) to allow unprivileged ICMP");
      return;
    }
  sl_test_write_sysctl (SL_TEST_PING_GROUP_RANGE, "0 2147483647");
  g_assert_true (sl_test_run_probe_runner (SL_PROBE_RUNNER (pinger), NULL, &error));
  g_assert_no_error (error);
  assert_sequence (trace, expected, G_N_ELEMENTS (expected), slots);
  g_assert_cmpint (sl_trace_event_get_protocol (sl_test_event_at (trace, 4)), ==, IPPROTO_ICMP);
  g_assert_cmpint (sl_trace_event_get_option (sl_test_event_at (trace, 7)), ==, SO_TIMESTAMPNS);
  g_assert_cmpint (sl_trace_event_get_option (sl_test_event_at (trace, 10)), ==, IP_RECVERR);
  g_assert_cmpuint (sl_trace_event_get_count (sl_test_event_at (trace, 11)), ==, 3);
  receive = sl_test_event_at (trace, 12);
  g_assert_cmpuint (sl_trace_event_get_count (receive), ==, 3);
  /* recvmsg read the TTL and the kernel's timestamp, and who answered. */
  g_assert_cmpint (sl_trace_event_get_ttl (receive), ==, 64);
  g_assert_cmpint (sl_trace_event_get_timestamp_ns (receive), >, 0);
  assert_address (trace, 12, "127.0.0.1", 0);
}

/* A TCP ping's probe: a socket per probe, connect () = EINPROGRESS, then the completion
 * read from SO_ERROR, the kernel's handshake time, and close. */
static void
test_tcp_ping (void)
{
  g_autoptr(SlTestEchoServer) server = sl_test_echo_server_new (G_SOCKET_TYPE_STREAM, G_SOCKET_FAMILY_IPV4);
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(SlPinger) pinger = pinger_new ("127.0.0.1", SL_PING_METHOD_TCP, 1, trace);
  const Expected expected[] = {
    ROUTE_CHECK_ROWS,
    { SL_TRACE_CALL_SOCKET, -1, FD (1), 0 },
    { SL_TRACE_CALL_CONNECT, FD (1), -1, EINPROGRESS },
    { SL_TRACE_CALL_GETSOCKOPT, FD (1), 0, 0 },     /* SO_ERROR: connected */
    { SL_TRACE_CALL_GETSOCKOPT, FD (1), 0, 0 },     /* TCP_INFO: the handshake's RTT */
    { SL_TRACE_CALL_CLOSE, FD (1), 0, 0 },
  };
  g_autoptr(GError) error = NULL;
  gint64 slots[N_SLOTS];

  sl_pinger_set_tcp_port (pinger, sl_test_echo_server_get_port (server));
  g_assert_true (sl_test_run_probe_runner (SL_PROBE_RUNNER (pinger), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_pinger_get_method (pinger), ==, SL_PING_METHOD_TCP);
  assert_sequence (trace, expected, G_N_ELEMENTS (expected), slots);
  assert_address (trace, 5, "127.0.0.1", sl_test_echo_server_get_port (server));
  g_assert_true (sl_trace_event_is_expected (sl_test_event_at (trace, 5)));
  g_assert_cmpint (sl_trace_event_get_option (sl_test_event_at (trace, 6)), ==, SO_ERROR);
  g_assert_cmpint (sl_trace_event_get_option (sl_test_event_at (trace, 7)), ==, TCP_INFO);
}

/* The Ping page and the Connect page look names up the same way: same error, same words. */
static void
test_unknown_host_same_error (void)
{
  g_autoptr(SlTrace) ping_trace = sl_trace_new (0);
  g_autoptr(SlPinger) pinger = pinger_new ("nosuch.invalid", SL_PING_METHOD_TCP, 1, ping_trace);
  g_autoptr(SlConnection) connection = sl_connection_new (SL_PROTOCOL_TCP, "nosuch.invalid", 80);
  g_autoptr(GError) ping_error = NULL;
  g_autoptr(GError) connect_error = NULL;
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) done = NULL;

  if (!sl_test_has_own_netns ())
    {
      g_test_skip ("needs a network namespace of its own, where no name can be looked up");
      return;
    }
  g_assert_false (sl_test_run_probe_runner (SL_PROBE_RUNNER (pinger), NULL, &ping_error));
  sl_connection_connect_async (connection, NULL, sl_test_store_result, &result);
  done = sl_test_wait_result (&result);
  g_assert_false (sl_connection_connect_finish (connection, done, &connect_error));

  g_assert_true (ping_error->domain == SL_RESOLVER_ERROR);
  g_assert_cmpint (ping_error->domain, ==, connect_error->domain);
  g_assert_cmpint (ping_error->code, ==, connect_error->code);
  g_assert_cmpstr (ping_error->message, ==, connect_error->message);
  /* And both traces show the getaddrinfo () that failed. */
  g_assert_cmpint (sl_trace_event_get_call (sl_test_event_at (ping_trace, 0)), ==, SL_TRACE_CALL_GETADDRINFO);
  g_assert_cmpint (sl_trace_event_get_call (sl_test_event_at (sl_connection_get_trace (connection), 0)),
                   ==, SL_TRACE_CALL_GETADDRINFO);
  g_assert_true (sl_trace_event_is_failure (sl_test_event_at (ping_trace, 0)));
}

int
main (int   argc,
      char *argv[])
{
  sl_test_init_in_private_netns (&argc, &argv);
  g_test_add_func ("/sequences/tcp-client", test_tcp_client);
  g_test_add_func ("/sequences/tcp-refused", test_tcp_refused);
  g_test_add_func ("/sequences/udp-client", test_udp_client);
  g_test_add_func ("/sequences/port-check-open", test_port_check_open);
  g_test_add_func ("/sequences/tcp-server-two-clients", test_tcp_server_two_clients);
  g_test_add_func ("/sequences/udp-server", test_udp_server);
  g_test_add_func ("/sequences/bind-in-use", test_bind_in_use);
  g_test_add_func ("/sequences/icmp-ping", test_icmp_ping);
  g_test_add_func ("/sequences/tcp-ping", test_tcp_ping);
  g_test_add_func ("/sequences/unknown-host-same-error", test_unknown_host_same_error);
  return g_test_run ();
}
