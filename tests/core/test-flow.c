/* test-flow.c: the socket flow figure's model: which connection it draws from the client's
 * and the server's traces, its steps in each lane, the arrows between them with their byte
 * counts, and rows that never make an arrow point up. Traces are built by hand (exact
 * labels) and recorded from real runs over loopback: an SlConnection talking to an SlServer
 * in the same process, a lone client to an echo server outside Socket Lab, a lone server
 * with a plain socket as its client.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sl-connection.h"
#include "sl-flow.h"
#include "sl-server.h"
#include "sl-test-util.h"

#define CLIENT SL_FLOW_SIDE_CLIENT
#define SERVER SL_FLOW_SIDE_SERVER

/* ---- writing traces by hand ---------------------------------------------------------- */

static void
add (SlTrace       *trace,
     SlTraceRecord *record)
{
  if (record->family == AF_UNSPEC)
    record->family = AF_INET;
  sl_trace_append (trace, record);
  /* Distinct times, so the merged order of two traces is the order written here. */
  g_usleep (2);
}

static void
add_socket (SlTrace *trace,
            int      fd,
            int      type)
{
  SlTraceRecord record = SL_TRACE_RECORD_INIT (SL_TRACE_CALL_SOCKET);

  record.sock_type = type | SOCK_NONBLOCK | SOCK_CLOEXEC;
  record.result = fd;
  add (trace, &record);
}

static void
add_address_call (SlTrace     *trace,
                  SlTraceCall  call,
                  int          fd,
                  const char  *host,
                  guint16      port,
                  int          errsv)
{
  SlTraceRecord record = SL_TRACE_RECORD_INIT (call);
  struct sockaddr_in sin = sl_test_ipv4 (host, port);

  record.fd = fd;
  record.address = (struct sockaddr *) &sin;
  record.address_len = sizeof sin;
  record.result = errsv != 0 ? -1 : 0;
  record.errsv = errsv;
  add (trace, &record);
}

static void
add_simple (SlTrace     *trace,
            SlTraceCall  call,
            int          fd,
            int          value)
{
  SlTraceRecord record = SL_TRACE_RECORD_INIT (call);

  record.fd = fd;
  record.value = value;
  add (trace, &record);
}

static void
add_reuseaddr (SlTrace *trace,
               int      fd)
{
  SlTraceRecord record = SL_TRACE_RECORD_INIT (SL_TRACE_CALL_SETSOCKOPT);

  record.fd = fd;
  record.level = SOL_SOCKET;
  record.option = SO_REUSEADDR;
  record.value = 1;
  add (trace, &record);
}

static void
add_so_error (SlTrace *trace,
              int      fd,
              int      errsv)
{
  SlTraceRecord record = SL_TRACE_RECORD_INIT (SL_TRACE_CALL_GETSOCKOPT);

  record.fd = fd;
  record.level = SOL_SOCKET;
  record.option = SO_ERROR;
  record.errsv = errsv;
  add (trace, &record);
}

static void
add_accept (SlTrace    *trace,
            int         fd,
            int         new_fd,
            const char *host,
            guint16     port)
{
  SlTraceRecord record = SL_TRACE_RECORD_INIT (SL_TRACE_CALL_ACCEPT);
  struct sockaddr_in peer = sl_test_ipv4 (host, port);

  record.fd = fd;
  record.flags = SOCK_NONBLOCK | SOCK_CLOEXEC;
  record.result = new_fd;
  record.address = (struct sockaddr *) &peer;
  record.address_len = sizeof peer;
  add (trace, &record);
}

/* send () / recv (), or with a host sendto () / recvfrom (); NULL data: recv () = 0. */
static void
add_data (SlTrace     *trace,
          SlTraceCall  call,
          int          fd,
          const char  *data,
          const char  *host,
          guint16      port)
{
  SlTraceRecord record = SL_TRACE_RECORD_INIT (call);
  gboolean sending = call == SL_TRACE_CALL_SEND || call == SL_TRACE_CALL_SENDTO;
  struct sockaddr_in sin;

  record.fd = fd;
  record.data = (const guint8 *) data;
  record.data_len = data != NULL ? strlen (data) : 0;
  record.size = sending ? record.data_len : 65536;
  record.result = (gint64) record.data_len;
  if (host != NULL)
    {
      sin = sl_test_ipv4 (host, port);
      record.address = (struct sockaddr *) &sin;
      record.address_len = sizeof sin;
    }
  add (trace, &record);
}

#define add_send(t, fd, data)  add_data (t, SL_TRACE_CALL_SEND, fd, data, NULL, 0)
#define add_recv(t, fd, data)  add_data (t, SL_TRACE_CALL_RECV, fd, data, NULL, 0)

/* The Server page's listener: socket, SO_REUSEADDR, bind, listen, getsockname. */
static void
add_listener (SlTrace *trace,
              int      fd,
              guint16  port)
{
  add_socket (trace, fd, SOCK_STREAM);
  add_reuseaddr (trace, fd);
  add_address_call (trace, SL_TRACE_CALL_BIND, fd, "127.0.0.1", port, 0);
  add_simple (trace, SL_TRACE_CALL_LISTEN, fd, 4096);
  add_address_call (trace, SL_TRACE_CALL_GETSOCKNAME, fd, "127.0.0.1", port, 0);
}

/* The Connect page's client up to connected: socket, connect, getsockname. */
static void
add_client (SlTrace *trace,
            int      fd,
            guint16  port,
            guint16  local_port)
{
  add_socket (trace, fd, SOCK_STREAM);
  add_address_call (trace, SL_TRACE_CALL_CONNECT, fd, "127.0.0.1", port, 0);
  add_address_call (trace, SL_TRACE_CALL_GETSOCKNAME, fd, "127.0.0.1", local_port, 0);
}

/* A connection as both pages record it: the server's listener (fd 3, port 5000), the
 * client's socket (fd 6) connected from @local_port, and the server's accept () (fd 8). */
static void
add_connection (SlTrace *client,
                SlTrace *server,
                guint16  local_port)
{
  add_listener (server, 3, 5000);
  add_client (client, 6, 5000, local_port);
  add_accept (server, 3, 8, "127.0.0.1", local_port);
}

/* What the port check records: socket, connect = EINPROGRESS, SO_ERROR, close. */
static void
add_port_check (SlTrace *trace,
                int      fd,
                guint16  port)
{
  add_socket (trace, fd, SOCK_STREAM);
  add_address_call (trace, SL_TRACE_CALL_CONNECT, fd, "127.0.0.1", port, EINPROGRESS);
  add_so_error (trace, fd, 0);
  add_simple (trace, SL_TRACE_CALL_CLOSE, fd, -1);
}

/* ---- reading the flow ---------------------------------------------------------------- */

/* "label / detail" of each step of lane, in order, one a line. */
static char *
lane_text (SlFlow *flow,
           guint   lane)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < sl_flow_get_n_steps (flow); i++)
    if (sl_flow_step_get_lane (flow, i) == lane)
      {
        const char *detail = sl_flow_step_get_detail (flow, i);

        g_string_append (text, sl_flow_step_get_label (flow, i));
        if (detail != NULL)
          g_string_append_printf (text, " / %s", detail);
        g_string_append_c (text, '\n');
      }
  return g_string_free (text, FALSE);
}

/* The calls of lane, by name, space-separated. */
static char *
lane_calls (SlFlow *flow,
            guint   lane)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < sl_flow_get_n_steps (flow); i++)
    if (sl_flow_step_get_lane (flow, i) == lane)
      g_strv_builder_add (names, sl_trace_event_get_call_name (sl_flow_step_get_event (flow, i)));
  strv = g_strv_builder_end (names);
  return g_strjoinv (" ", strv);
}

/* "kind: from → to: label" of each arrow, one a line; an end is a step's label or "outside". */
static char *
arrows_text (SlFlow *flow)
{
  static const char * const kinds[] = { "handshake", "data", "end" };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < sl_flow_get_n_arrows (flow); i++)
    {
      guint from = sl_flow_arrow_get_from (flow, i);
      guint to = sl_flow_arrow_get_to (flow, i);

      g_string_append_printf (text, "%s: %s → %s: %s\n", kinds[sl_flow_arrow_get_kind (flow, i)],
                              from == SL_FLOW_OUTSIDE ? "outside" : sl_flow_step_get_label (flow, from),
                              to == SL_FLOW_OUTSIDE ? "outside" : sl_flow_step_get_label (flow, to),
                              sl_flow_arrow_get_label (flow, i));
    }
  return g_string_free (text, FALSE);
}

static void
dump (SlFlow *flow)
{
  g_autofree char *client = lane_text (flow, CLIENT);
  g_autofree char *server = lane_text (flow, SERVER);
  g_autofree char *arrows = arrows_text (flow);

  g_test_message ("client:\n%s\nserver:\n%s\narrows:\n%s", client, server, arrows);
}

#define assert_lane(flow, lane, expected)                    \
  G_STMT_START {                                             \
    g_autofree char *assert_text__ = lane_text (flow, lane); \
    g_assert_cmpstr (assert_text__, ==, expected);           \
  } G_STMT_END

#define assert_calls(flow, lane, expected)                    \
  G_STMT_START {                                              \
    g_autofree char *assert_text__ = lane_calls (flow, lane); \
    g_assert_cmpstr (assert_text__, ==, expected);            \
  } G_STMT_END

#define assert_arrows(flow, expected)                         \
  G_STMT_START {                                              \
    g_autofree char *assert_text__ = arrows_text (flow);      \
    g_assert_cmpstr (assert_text__, ==, expected);            \
  } G_STMT_END

/* What holds for every flow: steps in time order, rows down each lane, arrows never up. */
static void
assert_layout (SlFlow *flow)
{
  guint last_row[2] = { 0, 0 };
  gboolean seen[2] = { FALSE, FALSE };
  gint64 last_time = G_MININT64;

  g_assert_cmpuint (sl_flow_get_n_lanes (flow), ==, sl_flow_is_empty (flow) ? 0 : 2);
  for (guint i = 0; i < sl_flow_get_n_steps (flow); i++)
    {
      guint lane = sl_flow_step_get_lane (flow, i);
      guint row = sl_flow_step_get_row (flow, i);
      gint64 time = sl_flow_step_get_time_us (flow, i);

      g_assert_cmpint (time, >=, last_time);
      last_time = time;
      g_assert_false (sl_flow_lane_is_outside (flow, lane));
      if (seen[lane])
        g_assert_cmpuint (row, >, last_row[lane]);
      g_assert_cmpuint (row, <, sl_flow_get_n_rows (flow));
      last_row[lane] = row;
      seen[lane] = TRUE;
    }
  for (guint i = 0; i < sl_flow_get_n_arrows (flow); i++)
    {
      guint from = sl_flow_arrow_get_from (flow, i);
      guint to = sl_flow_arrow_get_to (flow, i);

      g_assert_true (from != SL_FLOW_OUTSIDE || to != SL_FLOW_OUTSIDE);
      if (from == SL_FLOW_OUTSIDE || to == SL_FLOW_OUTSIDE)
        {
          guint step = from == SL_FLOW_OUTSIDE ? to : from;
          g_assert_true (sl_flow_lane_is_outside (flow, 1 - sl_flow_step_get_lane (flow, step)));
          continue;
        }
      g_assert_cmpuint (sl_flow_step_get_lane (flow, from), !=, sl_flow_step_get_lane (flow, to));
      g_assert_cmpuint (sl_flow_step_get_row (flow, to), >=, sl_flow_step_get_row (flow, from));
      if (sl_flow_arrow_get_kind (flow, i) == SL_FLOW_ARROW_HANDSHAKE)
        g_assert_cmpuint (sl_flow_step_get_row (flow, to), ==, sl_flow_step_get_row (flow, from));
    }
}

static guint
count_arrows (SlFlow          *flow,
              SlFlowArrowKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < sl_flow_get_n_arrows (flow); i++)
    n += sl_flow_arrow_get_kind (flow, i) == kind;
  return n;
}

/* ---- by hand ------------------------------------------------------------------------- */

static void
test_empty (void)
{
  g_autoptr(SlFlow) flow = sl_flow_new (NULL, NULL);
  g_autoptr(SlTrace) client = sl_trace_new (0);
  g_autoptr(SlTrace) server = sl_trace_new (0);
  g_autofree char *description = NULL;

  g_assert_true (sl_flow_is_empty (flow));
  g_assert_cmpuint (sl_flow_get_n_lanes (flow), ==, 0);
  g_assert_cmpuint (sl_flow_get_n_steps (flow), ==, 0);
  g_assert_cmpuint (sl_flow_get_n_arrows (flow), ==, 0);
  description = sl_flow_describe (flow);
  g_assert_cmpstr (description, ==, "");

  /* Empty traces, then a client trace with only a port check in it: still nothing. */
  sl_flow_set_client_trace (flow, client);
  sl_flow_set_server_trace (flow, server);
  g_assert_true (sl_flow_is_empty (flow));
  add_port_check (client, 7, 5000);
  sl_flow_rebuild (flow);
  g_assert_true (sl_flow_is_empty (flow));
}

/* The lab's figure, exactly: client and server of one connection, four arrows. */
static void
test_tcp_by_hand (void)
{
  g_autoptr(SlTrace) client = sl_trace_new (0);
  g_autoptr(SlTrace) server = sl_trace_new (0);
  g_autoptr(SlFlow) flow = NULL;
  g_autofree char *description = NULL;
  guint connect, accept;

  add_connection (client, server, 40312);
  add_send (client, 6, "hello\n");
  add_recv (server, 8, "hello\n");
  add_send (server, 8, "hello\n");
  add_recv (client, 6, "hello\n");
  add_simple (client, SL_TRACE_CALL_SHUTDOWN, 6, SHUT_RDWR);
  add_simple (client, SL_TRACE_CALL_CLOSE, 6, -1);
  add_recv (server, 8, NULL);
  add_simple (server, SL_TRACE_CALL_CLOSE, 8, -1);
  add_simple (server, SL_TRACE_CALL_CLOSE, 3, -1);

  flow = sl_flow_new (client, server);
  dump (flow);
  g_assert_false (sl_flow_is_empty (flow));
  g_assert_true (sl_flow_is_paired (flow));
  g_assert_cmpint (sl_flow_get_protocol (flow), ==, SL_PROTOCOL_TCP);
  g_assert_cmpuint (sl_flow_get_n_lanes (flow), ==, 2);
  g_assert_false (sl_flow_lane_is_outside (flow, CLIENT));
  g_assert_false (sl_flow_lane_is_outside (flow, SERVER));
  g_assert_cmpstr (sl_flow_lane_get_title (flow, CLIENT), ==, "Client — Socket Lab Connect page");
  g_assert_cmpstr (sl_flow_lane_get_title (flow, SERVER), ==, "Server — Socket Lab Server page");
  g_assert_cmpstr (sl_flow_lane_get_subtitle (flow, CLIENT), ==, "127.0.0.1:40312 · TCP");
  g_assert_cmpstr (sl_flow_lane_get_subtitle (flow, SERVER), ==, "127.0.0.1:5000 · TCP");

  assert_lane (flow, CLIENT,
               "socket() / AF_INET, SOCK_STREAM → fd 6\n"
               "connect(('127.0.0.1', 5000)) / from 127.0.0.1:40312\n"
               "send() → 6 bytes / b'hello\\n'\n"
               "recv() → 6 bytes / b'hello\\n'\n"
               "shutdown(SHUT_RDWR)\n"
               "close() / fd 6\n");
  assert_lane (flow, SERVER,
               "socket() / AF_INET, SOCK_STREAM → fd 3\n"
               "setsockopt() / SO_REUSEADDR = 1\n"
               "bind(('127.0.0.1', 5000))\n"
               "listen(4096)\n"
               "accept() → fd 8 / client 127.0.0.1:40312\n"
               "recv() → 6 bytes / b'hello\\n'\n"
               "send() → 6 bytes / b'hello\\n'\n"
               "recv() → 0 / end of stream: the other side closed\n"
               "close() / fd 8\n"
               "close() / listening socket, fd 3\n");
  assert_arrows (flow,
                 "handshake: connect(('127.0.0.1', 5000)) → accept() → fd 8: three-way handshake (SYN, SYN-ACK, ACK)\n"
                 "data: send() → 6 bytes → recv() → 6 bytes: 6 bytes\n"
                 "data: send() → 6 bytes → recv() → 6 bytes: 6 bytes\n"
                 "end: shutdown(SHUT_RDWR) → recv() → 0: end of stream (FIN)\n");
  g_assert_cmpuint (sl_flow_step_get_lane (flow, sl_flow_arrow_get_from (flow, 1)), ==, CLIENT);
  g_assert_cmpuint (sl_flow_step_get_lane (flow, sl_flow_arrow_get_from (flow, 2)), ==, SERVER);
  g_assert_cmpuint (sl_flow_arrow_get_bytes (flow, 1), ==, 6);
  g_assert_cmpuint (sl_flow_arrow_get_count (flow, 1), ==, 1);
  assert_layout (flow);

  /* The textbook's shape: the client's socket () sits just above the row where connect ()
   * meets the server's accept (), below listen (). */
  connect = sl_flow_arrow_get_from (flow, 0);
  accept = sl_flow_arrow_get_to (flow, 0);
  g_assert_cmpuint (sl_flow_step_get_row (flow, connect), ==, 4);
  g_assert_cmpuint (sl_flow_step_get_row (flow, accept), ==, 4);
  g_assert_cmpuint (sl_flow_step_get_row (flow, 0), ==, 0);
  g_assert_cmpuint (sl_flow_get_n_rows (flow), ==, 10);

  description = sl_flow_describe (flow);
  g_assert_cmpstr (description, ==,
                   "Client: socket, connect, send, recv, shutdown, close; "
                   "Server: socket, setsockopt, bind, listen, accept, recv, send, recv, close, close; 4 arrows");
}

/* The last connection is drawn, and port checks around it are not connections. */
static void
test_last_connection (void)
{
  g_autoptr(SlTrace) client = sl_trace_new (0);
  g_autoptr(SlTrace) server = sl_trace_new (0);
  g_autoptr(SlFlow) flow = NULL;

  add_connection (client, server, 40000);
  add_send (client, 6, "first");
  add_recv (server, 8, "first");
  add_simple (client, SL_TRACE_CALL_CLOSE, 6, -1);
  add_recv (server, 8, NULL);
  add_simple (server, SL_TRACE_CALL_CLOSE, 8, -1);
  /* The same descriptor numbers again, for the second connection. */
  add_client (client, 6, 5000, 40002);
  add_accept (server, 3, 8, "127.0.0.1", 40002);
  add_send (client, 6, "second");
  add_recv (server, 8, "second");
  add_port_check (client, 7, 5000);
  add_accept (server, 3, 9, "127.0.0.1", 40004);   /* the port check's, closed at once */
  add_recv (server, 9, NULL);
  add_simple (server, SL_TRACE_CALL_CLOSE, 9, -1);

  flow = sl_flow_new (client, server);
  dump (flow);
  g_assert_true (sl_flow_is_paired (flow));
  g_assert_cmpstr (sl_flow_lane_get_subtitle (flow, CLIENT), ==, "127.0.0.1:40002 · TCP");
  assert_calls (flow, CLIENT, "socket connect send");
  assert_calls (flow, SERVER, "socket setsockopt bind listen accept recv");
  assert_arrows (flow,
                 "handshake: connect(('127.0.0.1', 5000)) → accept() → fd 8: three-way handshake (SYN, SYN-ACK, ACK)\n"
                 "data: send() → 6 bytes → recv() → 6 bytes: 6 bytes\n");
  assert_layout (flow);
}

/* The trace folds repeated calls into rows with a count, across sockets too: a second
 * connect's socket () folds into the first one's row, and repeated port checks into one
 * cycle of rows. Each socket still gets its own calls, and only its own count. */
static void
test_folded_across_sockets (void)
{
  g_autoptr(SlTrace) client = sl_trace_new (0);
  g_autoptr(SlFlow) flow = NULL;

  for (guint i = 0; i < 5; i++)
    add_port_check (client, 7, 5000);
  add_socket (client, 6, SOCK_STREAM);
  add_address_call (client, SL_TRACE_CALL_CONNECT, 6, "127.0.0.1", 5000, ECONNREFUSED);
  add_simple (client, SL_TRACE_CALL_CLOSE, 6, -1);
  add_socket (client, 6, SOCK_STREAM);              /* folded into the row above's socket () */
  add_address_call (client, SL_TRACE_CALL_CONNECT, 6, "127.0.0.1", 5000, 0);
  add_address_call (client, SL_TRACE_CALL_GETSOCKNAME, 6, "127.0.0.1", 40312, 0);
  add_send (client, 6, "hi");

  /* The trace really folded them, or this test tests nothing. */
  g_assert_cmpuint (sl_trace_event_get_count (sl_test_event_at (client, 0)), ==, 5);
  g_assert_cmpuint (sl_trace_event_get_count (sl_test_event_at (client, 4)), ==, 2);

  flow = sl_flow_new (client, NULL);
  dump (flow);
  assert_lane (flow, CLIENT,
               "socket() / AF_INET, SOCK_STREAM → fd 6\n"
               "connect(('127.0.0.1', 5000)) / from 127.0.0.1:40312\n"
               "send() → 2 bytes / b'hi'\n");
  g_assert_cmpuint (sl_flow_step_get_count (flow, 0), ==, 1);
  assert_layout (flow);
}

/* connect () = ECONNREFUSED: a failed step with the errno's name, no server to pair with. */
static void
test_refused (void)
{
  g_autoptr(SlTrace) client = sl_trace_new (0);
  g_autoptr(SlFlow) flow = NULL;
  g_autofree char *description = NULL;

  add_socket (client, 6, SOCK_STREAM);
  add_address_call (client, SL_TRACE_CALL_CONNECT, 6, "127.0.0.1", 5000, ECONNREFUSED);
  add_simple (client, SL_TRACE_CALL_CLOSE, 6, -1);

  flow = sl_flow_new (client, NULL);
  dump (flow);
  g_assert_false (sl_flow_is_paired (flow));
  g_assert_true (sl_flow_lane_is_outside (flow, SERVER));
  g_assert_cmpstr (sl_flow_lane_get_title (flow, SERVER), ==, "Server — outside Socket Lab");
  g_assert_cmpstr (sl_flow_lane_get_subtitle (flow, SERVER), ==, "127.0.0.1:5000 · TCP");
  g_assert_cmpstr (sl_flow_lane_get_subtitle (flow, CLIENT), ==, "not connected · TCP");
  assert_lane (flow, CLIENT,
               "socket() / AF_INET, SOCK_STREAM → fd 6\n"
               "connect(('127.0.0.1', 5000)) / failed: ECONNREFUSED\n"
               "close() / fd 6\n");
  g_assert_true (sl_flow_step_is_failure (flow, 1));
  g_assert_false (sl_flow_step_is_failure (flow, 0));
  /* No connection: no end-of-stream arrow for the close (). */
  assert_arrows (flow, "handshake: connect(('127.0.0.1', 5000)) → outside: handshake failed: ECONNREFUSED\n");
  g_assert_true (sl_flow_arrow_is_failure (flow, 0));
  assert_layout (flow);
  description = sl_flow_describe (flow);
  g_assert_cmpstr (description, ==,
                   "Client: socket, connect (failed: ECONNREFUSED), close; Server outside Socket Lab; 1 arrow");
}

/* Repeated identical exchanges are folded by the trace: each row once, with ×N. */
static void
test_folded (void)
{
  g_autoptr(SlTrace) client = sl_trace_new (0);
  g_autoptr(SlTrace) server = sl_trace_new (0);
  g_autoptr(SlFlow) flow = NULL;

  add_connection (client, server, 40312);
  for (guint i = 0; i < 3; i++)
    {
      add_send (client, 6, "ping\n");
      add_recv (server, 8, "ping\n");
      add_send (server, 8, "ping\n");
      add_recv (client, 6, "ping\n");
    }

  flow = sl_flow_new (client, server);
  dump (flow);
  assert_calls (flow, CLIENT, "socket connect send recv");
  assert_calls (flow, SERVER, "socket setsockopt bind listen accept recv send");
  g_assert_cmpuint (sl_flow_step_get_count (flow, sl_flow_get_n_steps (flow) - 1), ==, 3);
  assert_arrows (flow,
                 "handshake: connect(('127.0.0.1', 5000)) → accept() → fd 8: three-way handshake (SYN, SYN-ACK, ACK)\n"
                 "data: send() → 5 bytes ×3 → recv() → 5 bytes ×3: 5 bytes ×3\n"
                 "data: send() → 5 bytes ×3 → recv() → 5 bytes ×3: 5 bytes ×3\n");
  g_assert_cmpuint (sl_flow_arrow_get_bytes (flow, 1), ==, 5);
  g_assert_cmpuint (sl_flow_arrow_get_count (flow, 1), ==, 3);
  assert_layout (flow);
}

/* TCP keeps bytes, not messages: two sends read at once, one send read in two parts. Each
 * arrow says how many bytes went from that send to that recv. */
static void
test_byte_stream (void)
{
  g_autoptr(SlTrace) client = sl_trace_new (0);
  g_autoptr(SlTrace) server = sl_trace_new (0);
  g_autoptr(SlFlow) flow = NULL;

  add_connection (client, server, 40312);
  add_send (client, 6, "abc");
  add_send (client, 6, "defg");
  add_recv (server, 8, "abcdefg");
  add_send (client, 6, "0123456789");
  add_recv (server, 8, "0123");
  add_recv (server, 8, "456789");

  flow = sl_flow_new (client, server);
  dump (flow);
  assert_arrows (flow,
                 "handshake: connect(('127.0.0.1', 5000)) → accept() → fd 8: three-way handshake (SYN, SYN-ACK, ACK)\n"
                 "data: send() → 3 bytes → recv() → 7 bytes: 3 bytes\n"
                 "data: send() → 4 bytes → recv() → 7 bytes: 4 bytes\n"
                 "data: send() → 10 bytes → recv() → 4 bytes: 4 of 10 bytes\n"
                 "data: send() → 10 bytes → recv() → 6 bytes: 6 of 10 bytes\n");
  g_assert_cmpuint (sl_flow_arrow_get_bytes (flow, 4), ==, 6);
  assert_layout (flow);
}

/* A long run keeps its setup and its latest calls; the middle is left out, and said so. */
static void
test_long_run (void)
{
  g_autoptr(SlTrace) client = sl_trace_new (0);
  g_autoptr(SlTrace) server = sl_trace_new (0);
  g_autoptr(SlFlow) flow = NULL;
  g_autofree char *description = NULL;
  guint n_exchanges = 300, n_setup = 0, last_setup_row = 0, first_other_row = G_MAXUINT;

  add_connection (client, server, 40312);
  for (guint i = 0; i < n_exchanges; i++)
    {
      g_autofree char *message = g_strdup_printf ("message %u\n", i);   /* all different: no folding */

      add_send (client, 6, message);
      add_recv (server, 8, message);
      add_send (server, 8, message);
      add_recv (client, 6, message);
    }

  flow = sl_flow_new (client, server);
  g_assert_cmpuint (sl_flow_get_n_steps (flow), ==, SL_FLOW_MAX_STEPS);
  /* socket, connect; socket, setsockopt, bind, listen, accept: all there. */
  assert_layout (flow);
  for (guint i = 0; i < sl_flow_get_n_steps (flow); i++)
    {
      SlTraceCall call = sl_trace_event_get_call (sl_flow_step_get_event (flow, i));
      guint row = sl_flow_step_get_row (flow, i);

      if (call == SL_TRACE_CALL_SEND || call == SL_TRACE_CALL_RECV)
        first_other_row = MIN (first_other_row, row);
      else
        {
          n_setup++;
          last_setup_row = MAX (last_setup_row, row);
        }
    }
  g_assert_cmpuint (n_setup, ==, 7);
  g_assert_cmpuint (sl_flow_get_n_hidden (flow), ==, 4 * n_exchanges + 7 - SL_FLOW_MAX_STEPS);
  /* The note about them has a row between the setup and the rest. */
  g_assert_cmpuint (sl_flow_get_hidden_row (flow), ==, first_other_row);
  g_assert_cmpuint (last_setup_row, <, first_other_row);
  /* The latest calls are the ones kept, with the right bytes on their arrows. */
  g_assert_cmpstr (sl_flow_step_get_detail (flow, sl_flow_get_n_steps (flow) - 2), ==, "b'message 299\\n'");
  for (guint i = 0; i < sl_flow_get_n_arrows (flow); i++)
    if (sl_flow_arrow_get_kind (flow, i) == SL_FLOW_ARROW_DATA)
      {
        SlTraceEvent *sent = sl_flow_step_get_event (flow, sl_flow_arrow_get_from (flow, i));
        SlTraceEvent *received = sl_flow_step_get_event (flow, sl_flow_arrow_get_to (flow, i));

        /* A folded receive keeps its first call's bytes only. */
        if (sl_trace_event_get_count (received) == 1)
          g_assert_true (g_bytes_equal (sl_trace_event_get_data (sent), sl_trace_event_get_data (received)));
        g_assert_cmpuint (sl_flow_arrow_get_bytes (flow, i), ==, sl_trace_event_get_result (sent));
      }
  description = sl_flow_describe (flow);
  g_assert_nonnull (strstr (description, "; 1007 calls not shown; "));
}

/* Both pages busy with different connections: the preferred side is drawn alone. */
static void
test_unmatched (void)
{
  g_autoptr(SlTrace) client = sl_trace_new (0);
  g_autoptr(SlTrace) server = sl_trace_new (0);
  g_autoptr(SlFlow) flow = NULL;

  add_client (client, 6, 80, 40312);            /* to a web server elsewhere */
  add_send (client, 6, "GET / HTTP/1.0\r\n\r\n");
  add_listener (server, 3, 5000);
  add_accept (server, 3, 8, "127.0.0.1", 51000); /* nc */
  add_recv (server, 8, "hi\n");

  flow = sl_flow_new (client, server);
  dump (flow);
  g_assert_false (sl_flow_is_paired (flow));
  g_assert_false (sl_flow_lane_is_outside (flow, CLIENT));
  g_assert_true (sl_flow_lane_is_outside (flow, SERVER));
  g_assert_cmpstr (sl_flow_lane_get_subtitle (flow, SERVER), ==, "127.0.0.1:80 · TCP");
  assert_calls (flow, CLIENT, "socket connect send");
  assert_arrows (flow,
                 "handshake: connect(('127.0.0.1', 80)) → outside: three-way handshake (SYN, SYN-ACK, ACK)\n"
                 "data: send() → 18 bytes → outside: 18 bytes\n");
  assert_layout (flow);

  sl_flow_set_preferred_side (flow, SL_FLOW_SIDE_SERVER);
  dump (flow);
  g_assert_true (sl_flow_lane_is_outside (flow, CLIENT));
  g_assert_false (sl_flow_lane_is_outside (flow, SERVER));
  g_assert_cmpstr (sl_flow_lane_get_title (flow, CLIENT), ==, "Client — outside Socket Lab");
  g_assert_cmpstr (sl_flow_lane_get_subtitle (flow, CLIENT), ==, "127.0.0.1:51000 · TCP");
  assert_calls (flow, SERVER, "socket setsockopt bind listen accept recv");
  assert_arrows (flow,
                 "handshake: outside → accept() → fd 8: three-way handshake (SYN, SYN-ACK, ACK)\n"
                 "data: outside → recv() → 3 bytes: 3 bytes\n");
  assert_layout (flow);
}

/* A server nobody connected to yet: its calls, and a far end that is not there. */
static void
test_listening_only (void)
{
  g_autoptr(SlTrace) server = sl_trace_new (0);
  g_autoptr(SlFlow) flow = NULL;

  add_listener (server, 3, 5000);
  flow = sl_flow_new (NULL, server);
  g_assert_false (sl_flow_is_empty (flow));
  g_assert_cmpstr (sl_flow_lane_get_subtitle (flow, CLIENT), ==, "no client yet · TCP");
  assert_calls (flow, SERVER, "socket setsockopt bind listen");
  g_assert_cmpuint (sl_flow_get_n_arrows (flow), ==, 0);
  assert_layout (flow);
}

/* UDP: no handshake, no end of stream; the listener's datagrams of the client only. */
static void
test_udp_by_hand (void)
{
  g_autoptr(SlTrace) client = sl_trace_new (0);
  g_autoptr(SlTrace) server = sl_trace_new (0);
  g_autoptr(SlFlow) flow = NULL;

  add_socket (server, 3, SOCK_DGRAM);
  add_address_call (server, SL_TRACE_CALL_BIND, 3, "127.0.0.1", 5000, 0);
  add_data (server, SL_TRACE_CALL_RECVFROM, 3, "other", "127.0.0.1", 39999);
  add_data (server, SL_TRACE_CALL_SENDTO, 3, "other", "127.0.0.1", 39999);
  add_socket (client, 6, SOCK_DGRAM);
  add_address_call (client, SL_TRACE_CALL_CONNECT, 6, "127.0.0.1", 5000, 0);
  add_address_call (client, SL_TRACE_CALL_GETSOCKNAME, 6, "127.0.0.1", 40312, 0);
  add_send (client, 6, "hi");
  add_data (server, SL_TRACE_CALL_RECVFROM, 3, "hi", "127.0.0.1", 40312);
  add_data (server, SL_TRACE_CALL_SENDTO, 3, "hi", "127.0.0.1", 40312);
  add_recv (client, 6, "hi");
  add_simple (client, SL_TRACE_CALL_CLOSE, 6, -1);

  flow = sl_flow_new (client, server);
  dump (flow);
  g_assert_true (sl_flow_is_paired (flow));
  g_assert_cmpint (sl_flow_get_protocol (flow), ==, SL_PROTOCOL_UDP);
  assert_lane (flow, CLIENT,
               "socket() / AF_INET, SOCK_DGRAM → fd 6\n"
               "connect(('127.0.0.1', 5000)) / UDP: only sets where send() goes, sends nothing\n"
               "send() → 2 bytes / b'hi'\n"
               "recv() → 2 bytes / b'hi'\n"
               "close() / fd 6\n");
  assert_calls (flow, SERVER, "socket bind recvfrom sendto");
  assert_arrows (flow,
                 "data: send() → 2 bytes → recvfrom() → 2 bytes: 2 bytes\n"
                 "data: sendto() → 2 bytes → recv() → 2 bytes: 2 bytes\n");
  g_assert_cmpstr (sl_flow_lane_get_subtitle (flow, SERVER), ==, "127.0.0.1:5000 · UDP");
  assert_layout (flow);
}

static void
count_outdated (SlFlow *flow,
                guint  *n)
{
  (*n)++;
}

/* "outdated" once per change until rebuilt; a drawn row folding again counts as a change. */
static void
test_outdated (void)
{
  g_autoptr(SlTrace) client = sl_trace_new (0);
  g_autoptr(SlFlow) flow = sl_flow_new (client, NULL);
  guint n = 0;

  g_signal_connect (flow, "outdated", G_CALLBACK (count_outdated), &n);
  g_assert_false (sl_flow_is_outdated (flow));
  add_client (client, 6, 5000, 40312);
  add_send (client, 6, "x");
  add_send (client, 6, "x");      /* folded into the row above: no new row */
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (sl_flow_is_outdated (flow));
  sl_flow_rebuild (flow);
  g_assert_false (sl_flow_is_outdated (flow));
  assert_calls (flow, CLIENT, "socket connect send");

  /* The count of a drawn row changes without a new row; the trace says so a moment later. */
  add_send (client, 6, "x");
  SL_TEST_SPIN_UNTIL (n == 2, SL_TEST_TIMEOUT_MS);
  sl_flow_rebuild (flow);
  g_assert_cmpuint (sl_flow_step_get_count (flow, 2), ==, 3);
  g_assert_cmpstr (sl_flow_step_get_label (flow, 2), ==, "send() → 1 byte ×3");

  sl_trace_clear (client);
  g_assert_cmpuint (n, ==, 3);
  sl_flow_rebuild (flow);
  g_assert_true (sl_flow_is_empty (flow));
  g_clear_object (&flow);
  /* The flow let go of the trace and its rows. */
  add_client (client, 6, 5000, 40312);
  g_assert_cmpuint (n, ==, 3);
}

/* ---- real runs over loopback --------------------------------------------------------- */

static void
send_and_wait_echo (SlConnection *connection,
                    const char   *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  guint64 expected = sl_connection_get_bytes_received (connection) + strlen (text);

  g_assert_true (sl_connection_send (connection, bytes, NULL));
  SL_TEST_SPIN_UNTIL (sl_connection_get_bytes_received (connection) == expected, SL_TEST_TIMEOUT_MS);
}

/* The step of lane whose label starts with prefix; fails when there is none. */
static guint
find_step (SlFlow     *flow,
           guint       lane,
           const char *prefix)
{
  for (guint i = 0; i < sl_flow_get_n_steps (flow); i++)
    if (sl_flow_step_get_lane (flow, i) == lane && g_str_has_prefix (sl_flow_step_get_label (flow, i), prefix))
      return i;
  g_error ("no step “%s…” in lane %u", prefix, lane);
}

/* The Connect page's SlConnection and the Server page's SlServer, talking to each other. */
static void
test_tcp_live (void)
{
  g_autoptr(SlServer) server = sl_server_new (NULL, NULL);
  g_autoptr(SlConnection) connection = NULL;
  g_autoptr(SlFlow) flow = NULL;
  const char * const messages[] = { "hello\n", "a longer second line\n" };
  g_autofree char *subtitle = NULL;
  guint handshake_from, eof_to, n_data = 0;

  g_assert_true (sl_server_start (server, NULL));
  connection = sl_connection_new (SL_PROTOCOL_TCP, "127.0.0.1", sl_server_get_bound_port (server));
  g_assert_true (sl_test_connect (connection, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    send_and_wait_echo (connection, messages[i]);
  sl_connection_close (connection);
  SL_TEST_SPIN_UNTIL (sl_server_get_n_peers (server) == 0, SL_TEST_TIMEOUT_MS);

  flow = sl_flow_new (sl_connection_get_trace (connection), sl_server_get_trace (server));
  dump (flow);
  g_assert_true (sl_flow_is_paired (flow));
  g_assert_false (sl_flow_lane_is_outside (flow, CLIENT));
  g_assert_false (sl_flow_lane_is_outside (flow, SERVER));
  subtitle = g_strdup_printf ("%s · TCP", sl_connection_get_local_address (connection));
  g_assert_cmpstr (sl_flow_lane_get_subtitle (flow, CLIENT), ==, subtitle);
  assert_calls (flow, CLIENT, "socket connect send recv send recv shutdown close");
  assert_calls (flow, SERVER, "socket setsockopt bind listen accept recv send recv send recv close");
  assert_layout (flow);

  /* The handshake joins the client's connect () to the server's accept (). */
  g_assert_cmpint (sl_flow_arrow_get_kind (flow, 0), ==, SL_FLOW_ARROW_HANDSHAKE);
  handshake_from = sl_flow_arrow_get_from (flow, 0);
  g_assert_cmpuint (handshake_from, ==, find_step (flow, CLIENT, "connect("));
  g_assert_cmpuint (sl_flow_arrow_get_to (flow, 0), ==, find_step (flow, SERVER, "accept()"));

  /* One arrow per send, each way, with its byte count, in order. */
  for (guint i = 0; i < sl_flow_get_n_arrows (flow); i++)
    {
      guint from = sl_flow_arrow_get_from (flow, i);
      guint to = sl_flow_arrow_get_to (flow, i);
      SlTraceEvent *sent, *received;

      if (sl_flow_arrow_get_kind (flow, i) != SL_FLOW_ARROW_DATA)
        continue;
      sent = sl_flow_step_get_event (flow, from);
      received = sl_flow_step_get_event (flow, to);
      g_assert_cmpint (sl_trace_event_get_call (sent), ==, SL_TRACE_CALL_SEND);
      g_assert_cmpint (sl_trace_event_get_call (received), ==, SL_TRACE_CALL_RECV);
      g_assert_cmpuint (sl_flow_arrow_get_bytes (flow, i), ==, strlen (messages[n_data / 2]));
      g_assert_cmpint (sl_trace_event_get_result (received), ==, (gint64) strlen (messages[n_data / 2]));
      /* Request then echo: client → server, then server → client. */
      g_assert_cmpuint (sl_flow_step_get_lane (flow, from), ==, n_data % 2 == 0 ? CLIENT : SERVER);
      n_data++;
    }
  g_assert_cmpuint (n_data, ==, 2 * G_N_ELEMENTS (messages));
  g_assert_cmpstr (sl_flow_arrow_get_label (flow, 1), ==, "6 bytes");

  /* The client's shutdown () is the server's recv () = 0. */
  g_assert_cmpuint (count_arrows (flow, SL_FLOW_ARROW_END_OF_STREAM), ==, 1);
  g_assert_cmpint (sl_flow_arrow_get_kind (flow, sl_flow_get_n_arrows (flow) - 1), ==, SL_FLOW_ARROW_END_OF_STREAM);
  g_assert_cmpuint (sl_flow_arrow_get_from (flow, sl_flow_get_n_arrows (flow) - 1), ==,
                    find_step (flow, CLIENT, "shutdown("));
  eof_to = sl_flow_arrow_get_to (flow, sl_flow_get_n_arrows (flow) - 1);
  g_assert_cmpuint (eof_to, ==, find_step (flow, SERVER, "recv() → 0"));

  /* Stopping the server adds its listener's close () to the same figure. */
  sl_server_stop (server);
  g_assert_true (sl_flow_is_outdated (flow));
  sl_flow_rebuild (flow);
  assert_calls (flow, SERVER, "socket setsockopt bind listen accept recv send recv send recv close close");
  g_assert_cmpuint (sl_flow_get_n_arrows (flow), ==, 6);
}

/* Three identical echoes: each call appears once, ×3, and so do their arrows. */
static void
test_tcp_live_folded (void)
{
  g_autoptr(SlServer) server = sl_server_new (NULL, NULL);
  g_autoptr(SlConnection) connection = NULL;
  g_autoptr(SlFlow) flow = NULL;
  guint send;

  g_assert_true (sl_server_start (server, NULL));
  connection = sl_connection_new (SL_PROTOCOL_TCP, "127.0.0.1", sl_server_get_bound_port (server));
  g_assert_true (sl_test_connect (connection, NULL, NULL));
  for (guint i = 0; i < 3; i++)
    send_and_wait_echo (connection, "ping\n");

  flow = sl_flow_new (sl_connection_get_trace (connection), sl_server_get_trace (server));
  dump (flow);
  assert_calls (flow, CLIENT, "socket connect send recv");
  send = find_step (flow, CLIENT, "send()");
  g_assert_cmpstr (sl_flow_step_get_label (flow, send), ==, "send() → 5 bytes ×3");
  g_assert_cmpuint (count_arrows (flow, SL_FLOW_ARROW_DATA), ==, 2);
  g_assert_cmpstr (sl_flow_arrow_get_label (flow, 1), ==, "5 bytes ×3");
  assert_layout (flow);
  sl_connection_close (connection);
}

static void
test_udp_live (void)
{
  g_autoptr(SlServer) server = sl_server_new (NULL, NULL);
  g_autoptr(SlConnection) connection = NULL;
  g_autoptr(SlFlow) flow = NULL;

  sl_server_set_protocol (server, SL_PROTOCOL_UDP);
  g_assert_true (sl_server_start (server, NULL));
  connection = sl_connection_new (SL_PROTOCOL_UDP, "127.0.0.1", sl_server_get_bound_port (server));
  g_assert_true (sl_test_connect (connection, NULL, NULL));
  send_and_wait_echo (connection, "ping");
  send_and_wait_echo (connection, "pong!");
  sl_connection_close (connection);

  flow = sl_flow_new (sl_connection_get_trace (connection), sl_server_get_trace (server));
  dump (flow);
  g_assert_true (sl_flow_is_paired (flow));
  g_assert_cmpint (sl_flow_get_protocol (flow), ==, SL_PROTOCOL_UDP);
  assert_calls (flow, CLIENT, "socket connect send recv send recv close");
  assert_calls (flow, SERVER, "socket bind recvfrom sendto recvfrom sendto");
  assert_arrows (flow,
                 "data: send() → 4 bytes → recvfrom() → 4 bytes: 4 bytes\n"
                 "data: sendto() → 4 bytes → recv() → 4 bytes: 4 bytes\n"
                 "data: send() → 5 bytes → recvfrom() → 5 bytes: 5 bytes\n"
                 "data: sendto() → 5 bytes → recv() → 5 bytes: 5 bytes\n");
  assert_layout (flow);
  sl_server_stop (server);
}

/* The Connect page talking to a server that is not Socket Lab's: one lifeline. */
static void
test_lone_client_live (void)
{
  g_autoptr(SlTestEchoServer) echo = sl_test_echo_server_new (G_SOCKET_TYPE_STREAM, G_SOCKET_FAMILY_IPV4);
  guint16 port = sl_test_echo_server_get_port (echo);
  g_autoptr(SlConnection) connection = sl_connection_new (SL_PROTOCOL_TCP, "127.0.0.1", port);
  g_autoptr(SlServer) server = sl_server_new (NULL, NULL);   /* running, but not the one */
  g_autoptr(SlFlow) flow = NULL;
  g_autofree char *outside = g_strdup_printf ("127.0.0.1:%u · TCP", port);
  g_autofree char *expected = NULL;

  g_assert_true (sl_server_start (server, NULL));
  g_assert_true (sl_test_connect (connection, NULL, NULL));
  send_and_wait_echo (connection, "hello\n");
  sl_connection_close (connection);

  flow = sl_flow_new (sl_connection_get_trace (connection), sl_server_get_trace (server));
  dump (flow);
  g_assert_false (sl_flow_is_paired (flow));
  g_assert_false (sl_flow_lane_is_outside (flow, CLIENT));
  g_assert_true (sl_flow_lane_is_outside (flow, SERVER));
  g_assert_cmpstr (sl_flow_lane_get_title (flow, SERVER), ==, "Server — outside Socket Lab");
  g_assert_cmpstr (sl_flow_lane_get_subtitle (flow, SERVER), ==, outside);
  assert_calls (flow, CLIENT, "socket connect send recv shutdown close");
  expected = g_strdup_printf ("handshake: connect(('127.0.0.1', %u)) → outside: three-way handshake (SYN, SYN-ACK, ACK)\n"
                              "data: send() → 6 bytes → outside: 6 bytes\n"
                              "data: outside → recv() → 6 bytes: 6 bytes\n"
                              "end: shutdown(SHUT_RDWR) → outside: end of stream (FIN)\n", port);
  assert_arrows (flow, expected);
  g_assert_cmpint (sl_flow_arrow_get_kind (flow, 0), ==, SL_FLOW_ARROW_HANDSHAKE);
  g_assert_cmpuint (sl_flow_arrow_get_to (flow, 0), ==, SL_FLOW_OUTSIDE);
  g_assert_cmpuint (sl_flow_arrow_get_to (flow, 1), ==, SL_FLOW_OUTSIDE);
  g_assert_cmpuint (sl_flow_arrow_get_bytes (flow, 1), ==, 6);
  g_assert_cmpuint (sl_flow_arrow_get_from (flow, 2), ==, SL_FLOW_OUTSIDE);
  g_assert_cmpuint (sl_flow_arrow_get_to (flow, 2), ==, find_step (flow, CLIENT, "recv()"));
  /* The client closed first: its FIN goes out. */
  g_assert_cmpint (sl_flow_arrow_get_kind (flow, 3), ==, SL_FLOW_ARROW_END_OF_STREAM);
  g_assert_cmpuint (sl_flow_arrow_get_from (flow, 3), ==, find_step (flow, CLIENT, "shutdown("));
  g_assert_cmpuint (sl_flow_arrow_get_to (flow, 3), ==, SL_FLOW_OUTSIDE);
  assert_layout (flow);
  sl_server_stop (server);
}

/* The Server page with nc as its client (here a plain socket): one lifeline too. */
static void
test_lone_server_live (void)
{
  g_autoptr(SlServer) server = sl_server_new (NULL, NULL);
  g_autoptr(SlFlow) flow = NULL;
  struct sockaddr_in local;
  socklen_t length = sizeof local;
  g_autofree char *outside = NULL;
  char reply[3];
  int fd;

  g_assert_true (sl_server_start (server, NULL));
  fd = sl_test_tcp_connect (sl_server_get_bound_port (server));
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &local, &length), ==, 0);
  outside = g_strdup_printf ("127.0.0.1:%u · TCP", g_ntohs (local.sin_port));
  g_assert_cmpint (send (fd, "hi\n", 3, 0), ==, 3);
  SL_TEST_SPIN_UNTIL (recv (fd, reply, sizeof reply, MSG_DONTWAIT) == 3, SL_TEST_TIMEOUT_MS);
  close (fd);
  SL_TEST_SPIN_UNTIL (sl_server_get_n_peers (server) == 0, SL_TEST_TIMEOUT_MS);

  flow = sl_flow_new (NULL, sl_server_get_trace (server));
  dump (flow);
  g_assert_true (sl_flow_lane_is_outside (flow, CLIENT));
  g_assert_cmpstr (sl_flow_lane_get_title (flow, CLIENT), ==, "Client — outside Socket Lab");
  g_assert_cmpstr (sl_flow_lane_get_subtitle (flow, CLIENT), ==, outside);
  assert_calls (flow, SERVER, "socket setsockopt bind listen accept recv send recv close");
  g_assert_cmpuint (sl_flow_get_n_arrows (flow), ==, 4);
  g_assert_cmpint (sl_flow_arrow_get_kind (flow, 0), ==, SL_FLOW_ARROW_HANDSHAKE);
  g_assert_cmpuint (sl_flow_arrow_get_from (flow, 0), ==, SL_FLOW_OUTSIDE);
  g_assert_cmpuint (sl_flow_arrow_get_to (flow, 0), ==, find_step (flow, SERVER, "accept()"));
  g_assert_cmpstr (sl_flow_arrow_get_label (flow, 1), ==, "3 bytes");
  g_assert_cmpuint (sl_flow_arrow_get_from (flow, 1), ==, SL_FLOW_OUTSIDE);
  g_assert_cmpuint (sl_flow_arrow_get_to (flow, 2), ==, SL_FLOW_OUTSIDE);
  /* nc closed first: the server reads the end of the stream, and sends no FIN of news. */
  g_assert_cmpint (sl_flow_arrow_get_kind (flow, 3), ==, SL_FLOW_ARROW_END_OF_STREAM);
  g_assert_cmpuint (sl_flow_arrow_get_from (flow, 3), ==, SL_FLOW_OUTSIDE);
  g_assert_cmpuint (sl_flow_arrow_get_to (flow, 3), ==, find_step (flow, SERVER, "recv() → 0"));
  assert_layout (flow);
  sl_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/flow/empty", test_empty);
  g_test_add_func ("/flow/tcp-by-hand", test_tcp_by_hand);
  g_test_add_func ("/flow/last-connection", test_last_connection);
  g_test_add_func ("/flow/refused", test_refused);
  g_test_add_func ("/flow/folded", test_folded);
  g_test_add_func ("/flow/folded-across-sockets", test_folded_across_sockets);
  g_test_add_func ("/flow/byte-stream", test_byte_stream);
  g_test_add_func ("/flow/long-run", test_long_run);
  g_test_add_func ("/flow/unmatched", test_unmatched);
  g_test_add_func ("/flow/listening-only", test_listening_only);
  g_test_add_func ("/flow/udp-by-hand", test_udp_by_hand);
  g_test_add_func ("/flow/outdated", test_outdated);
  g_test_add_func ("/flow/tcp-live", test_tcp_live);
  g_test_add_func ("/flow/tcp-live-folded", test_tcp_live_folded);
  g_test_add_func ("/flow/udp-live", test_udp_live);
  g_test_add_func ("/flow/lone-client-live", test_lone_client_live);
  g_test_add_func ("/flow/lone-server-live", test_lone_server_live);
  return g_test_run ();
}
