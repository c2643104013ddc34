/* test-server.c: SlServer over real loopback sockets: TCP echo with many concurrent
 * clients, UDP echo and expiry, broadcast, send to one, disconnect, stop with clients
 * connected (EOF, no fd leak), bind errors explained, the peer cap with its rate-limited
 * log line, idle TCP clients making room and timing out, UDP reply rate limits and the
 * amplification rule, 300 UDP sources for a table of 256, backpressure under a 50 MB
 * flood, a client that resets, EMFILE while accepting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sl-payload.h"
#include "sl-server.h"
#include "sl-test-util.h"

/* Generous: the ASan build and a loaded machine are slow. */
#define SPIN_UNTIL(expr) SL_TEST_SPIN_UNTIL (expr, 20000)
#define spin_for sl_test_spin_for
#define count_fds sl_test_count_fds
#define tcp_connect sl_test_tcp_connect

static SlServer *
start_server (SlProtocol  protocol,
              SlReplyMode mode)
{
  g_autoptr(GError) error = NULL;
  SlServer *server = sl_server_new (NULL, NULL);

  sl_server_set_protocol (server, protocol);
  sl_server_set_reply_mode (server, mode);
  g_assert_true (sl_server_start (server, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_server_get_state (server), ==, SL_SERVER_STATE_LISTENING);
  g_assert_cmpuint (sl_server_get_bound_port (server), >, 0);
  return server;
}

static void
set_nonblocking (int fd)
{
  g_assert_cmpint (fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) | O_NONBLOCK), ==, 0);
}

static void
send_all (int          fd,
          const void  *data,
          gsize        len)
{
  const guint8 *p = data;

  while (len > 0)
    {
      gssize n = send (fd, p, len, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >, 0);
      p += n;
      len -= n;
    }
}

/* One pass of non-blocking reads; TRUE once len bytes, EOF or an error arrived. */
static gboolean
try_recv (int     fd,
          guint8 *buffer,
          gsize   len,
          gsize  *got,
          int    *out_errno)
{
  while (*got < len)
    {
      gssize n = recv (fd, buffer + *got, len - *got, 0);

      if (n > 0)
        *got += n;
      else if (n == 0)
        return TRUE;
      else if (errno != EAGAIN && errno != EINTR)
        {
          *out_errno = errno;
          return TRUE;
        }
      else
        return FALSE;
    }
  return TRUE;
}

/* Reads up to len bytes from a non-blocking socket while the server runs;
 * returns the count, which is short only at EOF or on error. */
static gssize
recv_spinning (int     fd,
               void   *buffer,
               gsize   len,
               int    *out_errno)
{
  gsize got = 0;

  *out_errno = 0;
  SPIN_UNTIL (try_recv (fd, buffer, len, &got, out_errno));
  return got;
}

/* Waits for EOF (TRUE) or an error (FALSE, errno in *out_errno). */
static gboolean
wait_eof (int  fd,
          int *out_errno)
{
  guint8 byte;

  set_nonblocking (fd);
  return recv_spinning (fd, &byte, 1, out_errno) == 0 && *out_errno == 0;
}

static SlPeer *
peer_at (SlServer *server,
         guint     position)
{
  return sl_test_item_at (sl_server_get_peers (server), position);
}

static guint
count_trace_calls (SlServer   *server,
                   const char *call,
                   int         errsv)
{
  return sl_test_count_calls (sl_server_get_trace (server), call, errsv);
}

static guint
count_log_lines (SlServer   *server,
                 SlLogKind   kind,
                 const char *needle)
{
  return sl_test_count_log (sl_server_get_log (server), kind, needle);
}

static void
test_defaults (void)
{
  g_autoptr(SlServer) server = sl_server_new (NULL, NULL);

  g_assert_cmpstr (sl_server_get_address (server), ==, "127.0.0.1");
  g_assert_false (sl_server_get_allow_network (server));
  g_assert_cmpuint (sl_server_get_max_peers (server), ==, 256);
  g_assert_cmpuint (sl_server_get_max_unread (server), ==, 1024 * 1024);
  g_assert_cmpint (sl_server_get_state (server), ==, SL_SERVER_STATE_STOPPED);
  g_assert_cmpint (sl_server_get_reply_mode (server), ==, SL_REPLY_MODE_ECHO);
  g_assert_null (sl_server_dup_try_command (server));
  g_assert_true (g_list_model_get_item_type (sl_server_get_peers (server)) == SL_TYPE_PEER);
  g_assert_finalize_object (g_steal_pointer (&server));
}

/* ---- 50 concurrent TCP echo clients ---------------------------------------------- */

#define N_ECHO_CLIENTS 50
#define ECHO_BYTES (96 * 1024)

typedef struct {
  guint    port;
  GMutex   lock;
  GCond    cond;
  gboolean go;
  gint     connected;
  gint     verified;
  gint     finished;
} EchoRun;

typedef struct {
  EchoRun *run;
  guint    id;
} EchoClient;

static void
fill_pattern (guint8 *data,
              gsize   len,
              guint   seed)
{
  for (gsize i = 0; i < len; i++)
    data[i] = (guint8) ((i * 31 + seed * 7 + (i >> 8)) & 0xff);
}

static gpointer
echo_client_thread (gpointer user_data)
{
  EchoClient *client = user_data;
  EchoRun *run = client->run;
  g_autofree guint8 *sent = g_malloc (ECHO_BYTES);
  g_autofree guint8 *got = g_malloc (ECHO_BYTES);
  int fd = tcp_connect (run->port);
  gsize have = 0;

  g_atomic_int_inc (&run->connected);
  g_mutex_lock (&run->lock);
  while (!run->go)
    g_cond_wait (&run->cond, &run->lock);
  g_mutex_unlock (&run->lock);

  fill_pattern (sent, ECHO_BYTES, client->id);
  send_all (fd, sent, ECHO_BYTES);
  while (have < ECHO_BYTES)
    {
      gssize n = recv (fd, got + have, ECHO_BYTES - have, 0);

      if (n <= 0)
        break;
      have += n;
    }
  if (have == ECHO_BYTES && memcmp (sent, got, ECHO_BYTES) == 0)
    g_atomic_int_inc (&run->verified);
  close (fd);
  g_atomic_int_inc (&run->finished);
  return NULL;
}

static void
test_tcp_echo_concurrent (void)
{
  guint fds_before = count_fds ();
  g_autoptr(SlServer) server = start_server (SL_PROTOCOL_TCP, SL_REPLY_MODE_ECHO);
  EchoRun run = { .port = sl_server_get_bound_port (server) };
  EchoClient clients[N_ECHO_CLIENTS];
  GThread *threads[N_ECHO_CLIENTS];

  g_mutex_init (&run.lock);
  g_cond_init (&run.cond);
  for (guint i = 0; i < N_ECHO_CLIENTS; i++)
    {
      clients[i] = (EchoClient) { &run, i };
      threads[i] = g_thread_new ("echo-client", echo_client_thread, &clients[i]);
    }

  /* All 50 are connected at the same time before anyone sends. */
  SPIN_UNTIL (sl_server_get_n_peers (server) == N_ECHO_CLIENTS);
  g_mutex_lock (&run.lock);
  run.go = TRUE;
  g_cond_broadcast (&run.cond);
  g_mutex_unlock (&run.lock);

  SPIN_UNTIL (g_atomic_int_get (&run.finished) == N_ECHO_CLIENTS);
  for (guint i = 0; i < N_ECHO_CLIENTS; i++)
    g_thread_join (threads[i]);
  g_assert_cmpint (run.verified, ==, N_ECHO_CLIENTS);

  SPIN_UNTIL (sl_server_get_n_peers (server) == 0);
  g_assert_cmpuint (count_trace_calls (server, "accept", 0), ==, N_ECHO_CLIENTS);
  g_assert_cmpuint (count_trace_calls (server, "send", -1), >, 0);
  g_assert_cmpuint (count_trace_calls (server, "close", 0), >=, N_ECHO_CLIENTS);
  g_assert_cmpuint (count_log_lines (server, SL_LOG_KIND_INFO, "closed the connection"), ==,
                    N_ECHO_CLIENTS);

  sl_server_stop (server);
  g_assert_cmpuint (count_fds (), ==, fds_before);
  g_mutex_clear (&run.lock);
  g_cond_clear (&run.cond);
  g_assert_finalize_object (g_steal_pointer (&server));
}

/* ---- UDP --------------------------------------------------------------------------- */

static int
udp_client (void)
{
  struct sockaddr_in sin;
  int fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

  sl_test_loopback_sockaddr (&sin, 0);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &sin, sizeof sin), ==, 0);
  return fd;
}

static guint
local_port (int fd)
{
  struct sockaddr_in sin;
  socklen_t len = sizeof sin;

  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &sin, &len), ==, 0);
  return ntohs (sin.sin_port);
}

static void
test_udp_echo (void)
{
  g_autoptr(SlServer) server = start_server (SL_PROTOCOL_UDP, SL_REPLY_MODE_ECHO);
  struct sockaddr_in to;
  int clients[5];

  sl_test_loopback_sockaddr (&to, sl_server_get_bound_port (server));
  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autofree char *message = g_strdup_printf ("datagram from client %u", i);

      clients[i] = udp_client ();
      g_assert_cmpint (sendto (clients[i], message, strlen (message), 0,
                               (struct sockaddr *) &to, sizeof to), ==, strlen (message));
    }
  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autofree char *expected = g_strdup_printf ("datagram from client %u", i);
      char reply[128] = { 0 };
      gssize n = -1;

      SPIN_UNTIL ((n = recv (clients[i], reply, sizeof reply - 1, 0)) >= 0);
      g_assert_cmpstr (reply, ==, expected);
    }

  g_assert_cmpuint (sl_server_get_n_peers (server), ==, G_N_ELEMENTS (clients));
  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autofree char *label = g_strdup_printf ("127.0.0.1:%u", local_port (clients[i]));
      SlPeer *peer = peer_at (server, i);

      g_assert_cmpstr (sl_peer_get_label (peer), ==, label);
      g_assert_cmpint (sl_peer_get_protocol (peer), ==, SL_PROTOCOL_UDP);
      g_assert_cmpuint (sl_peer_get_bytes_in (peer), ==, strlen ("datagram from client 0"));
      g_assert_cmpuint (sl_peer_get_bytes_out (peer), ==, sl_peer_get_bytes_in (peer));
    }
  g_assert_cmpuint (count_trace_calls (server, "recvfrom", 0), ==, G_N_ELEMENTS (clients));
  g_assert_cmpuint (count_trace_calls (server, "sendto", 0), ==, G_N_ELEMENTS (clients));

  /* A second datagram from a known source is the same peer. */
  g_assert_cmpint (sendto (clients[0], "again", 5, 0, (struct sockaddr *) &to, sizeof to), ==, 5);
  SPIN_UNTIL (sl_peer_get_bytes_in (peer_at (server, 0)) > strlen ("datagram from client 0"));
  g_assert_cmpuint (sl_server_get_n_peers (server), ==, G_N_ELEMENTS (clients));

  /* Idle sources are forgotten. */
  sl_server_set_udp_idle_timeout (server, 300);
  SPIN_UNTIL (sl_server_get_n_peers (server) == 0);
  g_assert_cmpuint (count_log_lines (server, SL_LOG_KIND_INFO, "forgotten"), ==, G_N_ELEMENTS (clients));

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    close (clients[i]);
  g_assert_finalize_object (g_steal_pointer (&server));
}

/* ---- rate-limited log lines -------------------------------------------------------- */

/* Seconds since start_us, rounded up: how many once-a-second log lines may have come. */
static guint
seconds_since (gint64 start_us)
{
  return (guint) ((g_get_monotonic_time () - start_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

/* Sums N over the log's "N more …" lines containing needle: what a rate-limited line left out. */
static guint64
count_left_out (SlServer   *server,
                const char *needle)
{
  GListModel *model = G_LIST_MODEL (sl_server_get_log (server));
  guint64 n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      const char *text = sl_log_entry_get_text (sl_test_item_at (model, i));

      if (strstr (text, needle) != NULL && g_ascii_isdigit (text[0]))
        n += g_ascii_strtoull (text, NULL, 10);
    }
  return n;
}

/* ---- UDP reply limits -------------------------------------------------------------- */

/* Reads every datagram waiting on a non-blocking socket; returns how many, sizes summed. */
static guint
drain (int    fd,
       gsize *bytes)
{
  guint8 buffer[65536];
  guint n = 0;
  gssize got;

  while ((got = recv (fd, buffer, sizeof buffer, 0)) >= 0)
    {
      n++;
      if (bytes != NULL)
        *bytes += got;
    }
  g_assert_cmpint (errno, ==, EAGAIN);
  return n;
}

#define RATE_DATAGRAMS 10000
#define RATE_BATCH     100
#define RATE_SIZE      16

/* 10 000 datagrams from one source: it gets its first second's worth of replies (the bucket
 * starts full) and then 100 a second, never more, whatever the machine's speed. */
static void
test_udp_rate_limit (void)
{
  g_autoptr(SlServer) server = start_server (SL_PROTOCOL_UDP, SL_REPLY_MODE_ECHO);
  guint rate = sl_server_get_udp_reply_rate (server);
  char datagram[RATE_SIZE] = "0123456789abcdef";
  struct sockaddr_in to;
  int client = udp_client ();
  guint replies = 0;
  gsize reply_bytes = 0;
  gint64 start;
  double elapsed_s;
  guint64 withheld, logged;
  guint received_entries;
  SlPeer *peer = NULL;

  g_assert_cmpuint (rate, ==, 100);
  g_assert_cmpuint (sl_server_get_udp_reply_rate_total (server), ==, 1000);
  sl_test_loopback_sockaddr (&to, sl_server_get_bound_port (server));
  start = g_get_monotonic_time ();
  for (guint sent = 0; sent < RATE_DATAGRAMS; )
    {
      /* In batches the receive buffer holds, so the kernel drops none of them. */
      for (guint i = 0; i < RATE_BATCH; i++, sent++)
        g_assert_cmpint (sendto (client, datagram, RATE_SIZE, 0, (struct sockaddr *) &to, sizeof to), ==, RATE_SIZE);
      SPIN_UNTIL (sl_server_get_n_peers (server) == 1 &&
                  sl_peer_get_bytes_in (peer = peer_at (server, 0)) == (guint64) sent * RATE_SIZE);
      replies += drain (client, &reply_bytes);
    }
  elapsed_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  replies += drain (client, &reply_bytes);

  withheld = sl_server_get_replies_withheld (server, SL_WITHHELD_RATE_LIMIT);
  g_test_message ("%u datagrams in %.2f s: %u replies, %" G_GUINT64_FORMAT " withheld (limit %u/s)",
                  RATE_DATAGRAMS, elapsed_s, replies, withheld, rate);
  g_assert_cmpuint (replies, >=, rate);
  g_assert_cmpfloat (replies, <=, rate + rate * elapsed_s + 1);
  g_assert_cmpuint (replies + withheld, ==, RATE_DATAGRAMS);
  g_assert_cmpuint (reply_bytes, ==, (gsize) replies * RATE_SIZE);
  g_assert_cmpuint (sl_peer_get_bytes_out (peer), ==, reply_bytes);
  g_assert_cmpuint (sl_server_get_replies_withheld (server, SL_WITHHELD_AMPLIFICATION), ==, 0);
  g_assert_cmpuint (count_trace_calls (server, "sendto", 0), ==, replies);

  /* At most a line a second says so; the lines and what they left out add up. */
  logged = count_log_lines (server, SL_LOG_KIND_INFO, "rate limit for one client");
  g_assert_cmpuint (logged, >=, 1);
  g_assert_cmpuint (logged, <=, seconds_since (start));
  /* The data itself: an entry for each of the first SL_SERVER_LOG_DATA_RATE a second, the
   * rest summed up, so a view is not handed 10 000 rows. */
  received_entries = count_log_lines (server, SL_LOG_KIND_RECEIVED, "");
  g_assert_cmpuint (received_entries, >=, SL_SERVER_LOG_DATA_RATE);
  g_assert_cmpfloat (received_entries, <=, SL_SERVER_LOG_DATA_RATE * (1 + elapsed_s) + 1);
  sl_server_stop (server);
  g_assert_cmpuint (logged + count_left_out (server, "withheld: rate limit"), ==, withheld);
  g_assert_cmpuint (received_entries + count_left_out (server, "arrived, not logged one by one"), ==,
                    RATE_DATAGRAMS);
  close (client);
  g_assert_finalize_object (g_steal_pointer (&server));
}

/* Many sources together: no more than udp-reply-rate-total replies a second in all. */
static void
test_udp_rate_limit_total (void)
{
  g_autoptr(SlServer) server = start_server (SL_PROTOCOL_UDP, SL_REPLY_MODE_ECHO);
  guint total = 200;
  int clients[20];
  struct sockaddr_in to;
  guint replies = 0;
  guint sent = 0;
  gint64 start;
  double elapsed_s;

  sl_server_set_udp_reply_rate_total (server, total);
  sl_test_loopback_sockaddr (&to, sl_server_get_bound_port (server));
  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    clients[i] = udp_client ();
  start = g_get_monotonic_time ();
  /* 20 sources × 50: each stays under its own 100 a second, all together do not. */
  for (guint round = 0; round < 50; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (clients); i++, sent++)
        g_assert_cmpint (sendto (clients[i], "x", 1, 0, (struct sockaddr *) &to, sizeof to), ==, 1);
      SPIN_UNTIL (sl_server_get_replies_withheld (server, SL_WITHHELD_RATE_LIMIT) +
                  count_trace_calls (server, "sendto", 0) == sent);
    }
  elapsed_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      replies += drain (clients[i], NULL);
      close (clients[i]);
    }
  g_test_message ("%u datagrams from 20 sources in %.2f s: %u replies (limit %u/s in all)",
                  sent, elapsed_s, replies, total);
  g_assert_cmpuint (replies, >=, total);
  g_assert_cmpfloat (replies, <=, total + total * elapsed_s + 1);
  g_assert_cmpuint (count_log_lines (server, SL_LOG_KIND_INFO, "rate limit for all clients"), >=, 1);
  g_assert_finalize_object (g_steal_pointer (&server));
}

/* Sends request_size bytes and returns the size of the reply, or -1 when the server sent
 * none: its trace shows no sendto () for the request it read. */
static gssize
request_reply (SlServer *server,
               int       client,
               gsize     request_size,
               gboolean  expect_reply)
{
  static const guint8 request[1024];
  g_autofree guint8 *reply = g_malloc (65536);
  guint reads = count_trace_calls (server, "recvfrom", -1);
  guint sends = count_trace_calls (server, "sendto", -1);
  struct sockaddr_in to;
  gssize got = -1;

  sl_test_loopback_sockaddr (&to, sl_server_get_bound_port (server));
  g_assert_cmpint (sendto (client, request, request_size, 0, (struct sockaddr *) &to, sizeof to), ==, request_size);
  SPIN_UNTIL (count_trace_calls (server, "recvfrom", -1) > reads);
  if (expect_reply)
    {
      SPIN_UNTIL ((got = recv (client, reply, 65536, 0)) >= 0);
      return got;
    }
  g_assert_cmpuint (count_trace_calls (server, "sendto", -1), ==, sends);
  g_assert_cmpint (recv (client, reply, 65536, 0), ==, -1);
  return -1;
}

static void
test_udp_amplification (void)
{
  g_autoptr(SlServer) server = start_server (SL_PROTOCOL_UDP, SL_REPLY_MODE_FIXED);
  g_autoptr(GBytes) big = g_bytes_new_take (g_malloc0 (65507), 65507);
  int client = udp_client ();
  static const struct {
    gsize request;
    gsize reply;
    gboolean allowed;
  } cases[] = {
    { 0, 65507, FALSE },   /* ~2 260 × what a forger sends, counting headers */
    { 0, 512, TRUE },      /* small replies are always fine */
    { 0, 513, FALSE },
    { 100, 800, TRUE },    /* up to 8 × the request */
    { 100, 801, FALSE },
  };

  g_assert_false (sl_server_get_allow_large_replies (server));
  g_assert_cmpuint (sl_server_get_max_reply_size (0), ==, 512);
  g_assert_cmpuint (sl_server_get_max_reply_size (1000), ==, 8000);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) fixed = g_bytes_new_from_bytes (big, 0, cases[i].reply);
      gssize got;

      sl_server_set_fixed_reply (server, fixed);
      got = request_reply (server, client, cases[i].request, cases[i].allowed);
      if (cases[i].allowed)
        g_assert_cmpint (got, ==, cases[i].reply);
      else
        g_assert_cmpint (got, ==, -1);
    }
  g_assert_cmpuint (sl_server_get_replies_withheld (server, SL_WITHHELD_AMPLIFICATION), ==, 3);
  g_assert_cmpuint (sl_server_get_replies_withheld (server, SL_WITHHELD_RATE_LIMIT), ==, 0);
  g_assert_cmpuint (count_log_lines (server, SL_LOG_KIND_INFO, "(amplification limit"), ==, 1);

  /* Allowed explicitly, the 65 507 bytes go. */
  sl_server_set_allow_large_replies (server, TRUE);
  sl_server_set_fixed_reply (server, big);
  g_assert_cmpint (request_reply (server, client, 0, TRUE), ==, 65507);
  g_assert_cmpuint (sl_server_get_replies_withheld (server, SL_WITHHELD_AMPLIFICATION), ==, 3);
  close (client);
  g_assert_finalize_object (g_steal_pointer (&server));
}

#define N_SOURCES 300

/* 300 sources for a table of 256: the idlest are forgotten, the newest kept, and a real
 * client arriving afterwards is answered at once. */
static void
test_udp_table_full (void)
{
  g_autoptr(SlServer) server = start_server (SL_PROTOCOL_UDP, SL_REPLY_MODE_ECHO);
  guint max = sl_server_get_max_peers (server);
  int sources[N_SOURCES];
  struct sockaddr_in to;
  char echo[8] = { 0 };
  gint64 start;
  guint made_room;
  int real;

  sl_test_loopback_sockaddr (&to, sl_server_get_bound_port (server));
  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_SOURCES; i++)
    {
      sources[i] = udp_client ();
      g_assert_cmpint (sendto (sources[i], "spoof", 5, 0, (struct sockaddr *) &to, sizeof to), ==, 5);
      /* Each is answered: none was ever ignored for a full table. */
      SPIN_UNTIL (recv (sources[i], echo, sizeof echo, 0) == 5);
    }
  g_assert_cmpuint (sl_server_get_n_peers (server), ==, max);
  for (guint i = 0; i < max; i++)
    {
      g_autofree char *label = g_strdup_printf ("127.0.0.1:%u", local_port (sources[N_SOURCES - max + i]));

      g_assert_cmpstr (sl_peer_get_label (peer_at (server, i)), ==, label);
    }

  real = udp_client ();
  g_assert_cmpint (sendto (real, "hello", 5, 0, (struct sockaddr *) &to, sizeof to), ==, 5);
  SPIN_UNTIL (recv (real, echo, sizeof echo, 0) == 5);
  g_assert_cmpmem (echo, 5, "hello", 5);
  g_assert_cmpuint (sl_server_get_n_peers (server), ==, max);

  /* Said at most once a second, the rest counted. */
  made_room = count_log_lines (server, SL_LOG_KIND_INFO, "to make room for");
  g_assert_cmpuint (made_room, >=, 1);
  g_assert_cmpuint (made_room, <=, seconds_since (start));
  sl_server_stop (server);
  g_assert_cmpuint (made_room + count_left_out (server, "made room for"), ==, N_SOURCES + 1 - max);
  for (guint i = 0; i < N_SOURCES; i++)
    close (sources[i]);
  close (real);
  g_assert_finalize_object (g_steal_pointer (&server));
}

/* ---- broadcast, send to one, disconnect one --------------------------------------- */

static void
connect_clients (SlServer *server,
                 int      *fds,
                 guint     n)
{
  for (guint i = 0; i < n; i++)
    {
      fds[i] = tcp_connect (sl_server_get_bound_port (server));
      set_nonblocking (fds[i]);
      /* Wait for each, so peer i is client i. */
      SPIN_UNTIL (sl_server_get_n_peers (server) == i + 1);
    }
}

static void
test_broadcast (void)
{
  g_autoptr(SlServer) server = start_server (SL_PROTOCOL_TCP, SL_REPLY_MODE_NONE);
  g_autoptr(GBytes) news = g_bytes_new_static ("news for all\n", 13);
  int fds[4];
  int errsv;

  connect_clients (server, fds, G_N_ELEMENTS (fds));
  g_assert_cmpuint (sl_server_broadcast (server, news), ==, G_N_ELEMENTS (fds));
  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    {
      char got[14] = { 0 };

      g_assert_cmpint (recv_spinning (fds[i], got, 13, &errsv), ==, 13);
      g_assert_cmpstr (got, ==, "news for all\n");
      g_assert_cmpuint (sl_peer_get_bytes_out (peer_at (server, i)), ==, 13);
      close (fds[i]);
    }
  SPIN_UNTIL (sl_server_get_n_peers (server) == 0);
  g_assert_finalize_object (g_steal_pointer (&server));
}

static void
test_send_one_and_disconnect (void)
{
  g_autoptr(SlServer) server = start_server (SL_PROTOCOL_TCP, SL_REPLY_MODE_ECHO);
  g_autoptr(GBytes) hello = g_bytes_new_static ("only you", 8);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPeer) gone = NULL;
  char got[16] = { 0 };
  int fds[3];
  int errsv;

  connect_clients (server, fds, G_N_ELEMENTS (fds));
  g_assert_true (sl_server_send (server, peer_at (server, 1), hello, &error));
  g_assert_no_error (error);
  g_assert_cmpint (recv_spinning (fds[1], got, 8, &errsv), ==, 8);
  g_assert_cmpstr (got, ==, "only you");
  /* The others got nothing: an echo round trip on each proves their stream is empty. */
  for (guint i = 0; i < G_N_ELEMENTS (fds); i += 2)
    {
      char echo[5] = { 0 };

      send_all (fds[i], "ping", 4);
      g_assert_cmpint (recv_spinning (fds[i], echo, 4, &errsv), ==, 4);
      g_assert_cmpstr (echo, ==, "ping");
    }

  gone = g_object_ref (peer_at (server, 0));
  sl_server_disconnect_peer (server, gone);
  g_assert_cmpint (sl_peer_get_state (gone), ==, SL_PEER_STATE_CLOSED);
  g_assert_cmpuint (sl_server_get_n_peers (server), ==, 2);
  g_assert_true (wait_eof (fds[0], &errsv));
  g_assert_cmpint (errsv, ==, 0);
  g_assert_cmpuint (count_log_lines (server, SL_LOG_KIND_INFO, "disconnected by the server"), ==, 1);

  g_assert_false (sl_server_send (server, gone, hello, &error));
  g_assert_error (error, SL_SERVER_ERROR, SL_SERVER_ERROR_PEER_GONE);

  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    close (fds[i]);
  SPIN_UNTIL (sl_server_get_n_peers (server) == 0);
  g_assert_finalize_object (g_steal_pointer (&gone));
  g_assert_finalize_object (g_steal_pointer (&server));
}

static void
test_fixed_reply (void)
{
  g_autoptr(SlServer) server = start_server (SL_PROTOCOL_TCP, SL_REPLY_MODE_FIXED);
  g_autoptr(GBytes) reply = sl_payload_parse ("OK\\r\\n", SL_PAYLOAD_MODE_ESCAPES, NULL);
  char got[5] = { 0 };
  int errsv;
  int fd;

  sl_server_set_fixed_reply (server, reply);
  fd = tcp_connect (sl_server_get_bound_port (server));
  set_nonblocking (fd);
  send_all (fd, "question", 8);
  g_assert_cmpint (recv_spinning (fd, got, 4, &errsv), ==, 4);
  g_assert_cmpstr (got, ==, "OK\r\n");
  close (fd);
  SPIN_UNTIL (sl_server_get_n_peers (server) == 0);
  g_assert_finalize_object (g_steal_pointer (&server));
}

/* ---- stop ------------------------------------------------------------------------- */

/* What the page does when the number of clients changes. */
static void
read_try_command_cb (SlServer   *server,
                     GParamSpec *pspec,
                     guint      *calls)
{
  g_autofree char *command = sl_server_dup_try_command (server);

  (*calls)++;
  g_assert_true (command == NULL || g_str_has_prefix (command, "nc 127.0.0.1 "));
}

static void
test_stop_with_clients (void)
{
  guint fds_before = count_fds ();
  g_autoptr(SlServer) server = start_server (SL_PROTOCOL_TCP, SL_REPLY_MODE_NONE);
  guint port = sl_server_get_bound_port (server);
  struct sockaddr_in sin;
  int fds[10];
  int probe;

  guint notified = 0;

  connect_clients (server, fds, G_N_ELEMENTS (fds));
  /* Input the server has not read yet must not turn the close into a reset. */
  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    send_all (fds[i], "unread data", 11);

  /* Handlers run once the server is consistently stopped (no critical on a NULL address). */
  g_signal_connect (server, "notify::n-peers", G_CALLBACK (read_try_command_cb), &notified);
  sl_server_stop (server);
  g_signal_handlers_disconnect_by_data (server, &notified);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (sl_server_get_state (server), ==, SL_SERVER_STATE_STOPPED);
  g_assert_cmpuint (sl_server_get_n_peers (server), ==, 0);
  g_assert_cmpuint (sl_server_get_bound_port (server), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    {
      int errsv;

      g_assert_true (wait_eof (fds[i], &errsv));
      g_assert_cmpint (errsv, ==, 0);
      close (fds[i]);
    }
  g_assert_cmpuint (count_fds (), ==, fds_before);
  g_assert_cmpuint (count_log_lines (server, SL_LOG_KIND_INFO, "closed 10 connections"), ==, 1);

  /* Nothing listens any more. */
  probe = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sl_test_loopback_sockaddr (&sin, port);
  g_assert_cmpint (connect (probe, (struct sockaddr *) &sin, sizeof sin), ==, -1);
  g_assert_cmpint (errno, ==, ECONNREFUSED);
  close (probe);

  /* And it starts again. */
  g_assert_true (sl_server_start (server, NULL));
  sl_server_stop (server);
  g_assert_finalize_object (g_steal_pointer (&server));
}

/* ---- errors ----------------------------------------------------------------------- */

static void
test_address_in_use (void)
{
  for (SlProtocol protocol = SL_PROTOCOL_TCP; protocol <= SL_PROTOCOL_UDP; protocol++)
    {
      g_autoptr(SlServer) first = start_server (protocol, SL_REPLY_MODE_ECHO);
      g_autoptr(SlServer) second = sl_server_new (NULL, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf ("Port %u is already used by another program",
                                                   sl_server_get_bound_port (first));

      sl_server_set_protocol (second, protocol);
      sl_server_set_port (second, sl_server_get_bound_port (first));
      g_assert_false (sl_server_start (second, &error));
      g_assert_error (error, SL_SERVER_ERROR, SL_SERVER_ERROR_ADDRESS_IN_USE);
      g_assert_true (g_str_has_prefix (error->message, expected));
      g_assert_cmpint (sl_server_get_state (second), ==, SL_SERVER_STATE_FAILED);
      g_assert_cmpuint (count_trace_calls (second, "bind", EADDRINUSE), ==, 1);
      g_assert_cmpuint (count_log_lines (second, SL_LOG_KIND_ERROR, expected), ==, 1);
      g_assert_finalize_object (g_steal_pointer (&second));
      g_assert_finalize_object (g_steal_pointer (&first));
    }
}

static void
test_bad_addresses (void)
{
  static const struct { const char *address; gboolean allow; int code; } cases[] = {
    { "not-an-address", FALSE, SL_SERVER_ERROR_INVALID_ADDRESS },
    { "300.1.2.3", FALSE, SL_SERVER_ERROR_INVALID_ADDRESS },
    { "0.0.0.0", FALSE, SL_SERVER_ERROR_NOT_ALLOWED },
    { "::", FALSE, SL_SERVER_ERROR_NOT_ALLOWED },
    /* TEST-NET-1: never an address of this machine, so bind() says EADDRNOTAVAIL. */
    { "192.0.2.1", TRUE, SL_SERVER_ERROR_ADDRESS_NOT_AVAILABLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SlServer) server = sl_server_new (NULL, NULL);
      g_autoptr(GError) error = NULL;

      sl_server_set_address (server, cases[i].address);
      sl_server_set_allow_network (server, cases[i].allow);
      g_assert_false (sl_server_start (server, &error));
      g_assert_error (error, SL_SERVER_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].address));
      g_assert_finalize_object (g_steal_pointer (&server));
    }
}

static void
test_privileged_port_subprocess (void)
{
  g_autoptr(SlServer) server = NULL;
  g_autoptr(GError) error = NULL;

  if (getuid () == 0)
    {
      g_assert_cmpint (setresgid (65534, 65534, 65534), ==, 0);
      g_assert_cmpint (setresuid (65534, 65534, 65534), ==, 0);
    }
  server = sl_server_new (NULL, NULL);
  sl_server_set_port (server, 1023);
  g_assert_false (sl_server_start (server, &error));
  g_assert_error (error, SL_SERVER_ERROR, SL_SERVER_ERROR_PERMISSION_DENIED);
  g_assert_cmpuint (count_trace_calls (server, "bind", EACCES), ==, 1);
  g_print ("%s\n", error->message);
}

static void
test_privileged_port (void)
{
  g_autofree char *start = NULL;

  if (g_file_get_contents ("/proc/sys/net/ipv4/ip_unprivileged_port_start", &start, NULL, NULL) &&
      g_ascii_strtoull (start, NULL, 10) <= 1023)
    {
      g_test_skip ("net.ipv4.ip_unprivileged_port_start lets everyone bind port 1023 here");
      return;
    }
  /* A subprocess, because dropping root cannot be undone. */
  g_test_trap_subprocess ("/server/privileged-port/subprocess", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Ports below 1024 need administrator rights*");
}

/* ---- caps ------------------------------------------------------------------------- */

#define N_CROWD 20

static void
test_max_peers (void)
{
  g_autoptr(SlServer) server = sl_server_new (NULL, NULL);
  int fds[3 + N_CROWD];
  gint64 start;
  guint refused_lines;

  sl_server_set_max_peers (server, 3);
  g_assert_true (sl_server_start (server, NULL));
  connect_clients (server, fds, 3);
  start = g_get_monotonic_time ();
  for (guint i = 3; i < G_N_ELEMENTS (fds); i++)
    fds[i] = tcp_connect (sl_server_get_bound_port (server));

  /* The extra clients are accepted, told EOF at once and logged, never left waiting: the
   * three are busy, not idle for evict-idle-after (10 s), so none makes room. */
  for (guint i = 3; i < G_N_ELEMENTS (fds); i++)
    {
      int errsv;

      g_assert_true (wait_eof (fds[i], &errsv));
    }
  /* Refusals are logged at most once a second: a crowd must not flood the log. What was
   * left out is said in a line of its own after a quiet second. */
  refused_lines = count_log_lines (server, SL_LOG_KIND_ERROR, "already has 3 clients");
  g_assert_cmpuint (refused_lines, >=, 1);
  g_assert_cmpuint (refused_lines, <=, seconds_since (start));
  SPIN_UNTIL (refused_lines + count_left_out (server, "more clients were refused") == N_CROWD);
  g_assert_cmpuint (sl_server_get_n_peers (server), ==, 3);
  g_assert_cmpuint (count_trace_calls (server, "accept", 0), ==, 3 + N_CROWD);

  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    close (fds[i]);
  SPIN_UNTIL (sl_server_get_n_peers (server) == 0);
  g_assert_finalize_object (g_steal_pointer (&server));
}

/* Cap 3, three idle clients: a fourth takes the place of the one idle longest. */
static void
test_idle_makes_room (void)
{
  g_autoptr(SlServer) server = sl_server_new (NULL, NULL);
  g_autofree char *idlest = NULL;
  int fds[4];
  char echo[3] = { 0 };
  int errsv;

  sl_server_set_max_peers (server, 3);
  sl_server_set_evict_idle_after (server, 300);
  g_assert_true (sl_server_start (server, NULL));
  connect_clients (server, fds, 3);
  /* Client 0 talks once, so client 1, not the first to come, is the one idle longest. */
  send_all (fds[0], "hi", 2);
  g_assert_cmpint (recv_spinning (fds[0], echo, 2, &errsv), ==, 2);
  idlest = g_strdup (sl_peer_get_label (peer_at (server, 1)));
  spin_for (400);

  fds[3] = tcp_connect (sl_server_get_bound_port (server));
  set_nonblocking (fds[3]);
  g_assert_true (wait_eof (fds[1], &errsv));
  g_assert_cmpint (errsv, ==, 0);
  send_all (fds[3], "ok", 2);
  g_assert_cmpint (recv_spinning (fds[3], echo, 2, &errsv), ==, 2);
  g_assert_cmpstr (echo, ==, "ok");
  g_assert_cmpuint (sl_server_get_n_peers (server), ==, 3);
  g_assert_cmpuint (count_log_lines (server, SL_LOG_KIND_INFO, "the client idle longest"), ==, 1);
  g_assert_cmpuint (count_log_lines (server, SL_LOG_KIND_INFO, idlest), >=, 1);
  g_assert_cmpuint (count_log_lines (server, SL_LOG_KIND_INFO, "disconnected by the server"), ==, 0);
  g_assert_cmpuint (count_log_lines (server, SL_LOG_KIND_ERROR, "Refused"), ==, 0);
  /* The two others were left alone. */
  for (guint i = 0; i < 3; i += 2)
    {
      send_all (fds[i], "up", 2);
      g_assert_cmpint (recv_spinning (fds[i], echo, 2, &errsv), ==, 2);
    }

  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    close (fds[i]);
  SPIN_UNTIL (sl_server_get_n_peers (server) == 0);
  g_assert_finalize_object (g_steal_pointer (&server));
}

/* A client silent for tcp-idle-timeout is closed; one that keeps talking is not. */
static void
test_tcp_idle_timeout (void)
{
  g_autoptr(SlServer) server = sl_server_new (NULL, NULL);
  const guint timeout_ms = 500;
  gint64 connected, longest_gap = 0, last_talk;
  char echo[2];
  int fds[2];
  int errsv;

  g_assert_cmpuint (sl_server_get_tcp_idle_timeout (server), ==, 0);
  sl_server_set_tcp_idle_timeout (server, timeout_ms);
  g_assert_true (sl_server_start (server, NULL));
  connect_clients (server, fds, 2);
  connected = last_talk = g_get_monotonic_time ();
  while (sl_server_get_n_peers (server) == 2 && g_get_monotonic_time () - connected < 20 * G_USEC_PER_SEC)
    {
      gint64 now;

      spin_for (50);
      now = g_get_monotonic_time ();
      send_all (fds[0], "t", 1);
      g_assert_cmpint (recv_spinning (fds[0], echo, 1, &errsv), ==, 1);
      longest_gap = MAX (longest_gap, now - last_talk);
      last_talk = g_get_monotonic_time ();
    }
  /* Client 1 went, and not before its timeout. */
  g_assert_cmpuint (sl_server_get_n_peers (server), <, 2);
  g_assert_true (wait_eof (fds[1], &errsv));
  g_assert_cmpint (g_get_monotonic_time () - connected, >=, timeout_ms * 1000);
  g_assert_cmpuint (count_log_lines (server, SL_LOG_KIND_INFO, "(idle timeout)"), ==, 1);
  g_assert_cmpuint (count_log_lines (server, SL_LOG_KIND_INFO, "disconnected by the server"), ==, 0);
  /* Client 0 stays, unless this machine stalled the test longer than the timeout. */
  if (longest_gap < timeout_ms * 1000)
    g_assert_cmpuint (sl_server_get_n_peers (server), ==, 1);
  else
    g_test_message ("the test itself paused %" G_GINT64_FORMAT " ms: not checking client 0", longest_gap / 1000);

  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    close (fds[i]);
  SPIN_UNTIL (sl_server_get_n_peers (server) == 0);
  g_assert_finalize_object (g_steal_pointer (&server));
}

#define FLOOD_BYTES (50 * 1024 * 1024)
#define FLOOD_CHUNK (64 * 1024)

typedef struct {
  int      fd;
  gint     start_reading;
  gint     written_done;
  gint     read_done;
  gsize    read_ok;
} Flood;

static gpointer
flood_writer (gpointer user_data)
{
  Flood *flood = user_data;
  guint8 chunk[FLOOD_CHUNK];

  for (gsize sent = 0; sent < FLOOD_BYTES; sent += FLOOD_CHUNK)
    {
      for (gsize i = 0; i < FLOOD_CHUNK; i++)
        chunk[i] = (guint8) ((sent + i) % 251);
      send_all (flood->fd, chunk, FLOOD_CHUNK);
    }
  g_atomic_int_set (&flood->written_done, 1);
  return NULL;
}

static gpointer
flood_reader (gpointer user_data)
{
  Flood *flood = user_data;
  guint8 chunk[FLOOD_CHUNK];
  gsize got = 0;
  gboolean same = TRUE;

  while (!g_atomic_int_get (&flood->start_reading))
    g_usleep (1000);
  while (got < FLOOD_BYTES)
    {
      gssize n = recv (flood->fd, chunk, sizeof chunk, 0);

      if (n <= 0)
        break;
      for (gssize i = 0; i < n; i++)
        same &= chunk[i] == (guint8) ((got + i) % 251);
      got += n;
    }
  flood->read_ok = same ? got : 0;
  g_atomic_int_set (&flood->read_done, 1);
  return NULL;
}

static void
test_backpressure (void)
{
  g_autoptr(SlServer) server = start_server (SL_PROTOCOL_TCP, SL_REPLY_MODE_ECHO);
  guint64 cap = sl_server_get_max_unread (server);
  Flood flood = { .fd = tcp_connect (sl_server_get_bound_port (server)) };
#if !defined(__SANITIZE_ADDRESS__)
  gsize rss_before = sl_test_rss_bytes ();
#endif
  guint64 peak = 0;
  GThread *writer;
  GThread *reader;
  SlPeer *peer;

  SPIN_UNTIL (sl_server_get_n_peers (server) == 1);
  peer = peer_at (server, 0);
  writer = g_thread_new ("flood-writer", flood_writer, &flood);
  reader = g_thread_new ("flood-reader", flood_reader, &flood);

  /* The client does not read: the server must stop reading instead of buffering 50 MB. */
  SPIN_UNTIL ((peak = MAX (peak, sl_peer_get_queued (peer)),
               sl_peer_get_state (peer) == SL_PEER_STATE_PAUSED));
  spin_for (200);
  g_assert_cmpint (sl_peer_get_state (peer), ==, SL_PEER_STATE_PAUSED);
  g_assert_false (g_atomic_int_get (&flood.written_done));
  g_assert_cmpuint (sl_peer_get_queued (peer), <=, cap);

  /* Reading again resumes the flow, and every byte comes back in order. */
  g_atomic_int_set (&flood.start_reading, 1);
  SPIN_UNTIL ((peak = MAX (peak, sl_peer_get_queued (peer)),
               g_atomic_int_get (&flood.read_done)));
  g_thread_join (writer);
  g_thread_join (reader);
  g_assert_cmpuint (flood.read_ok, ==, FLOOD_BYTES);
  g_assert_cmpuint (peak, <=, cap);
  g_assert_cmpuint (peak, >, 0);
  g_assert_cmpuint (sl_peer_get_bytes_in (peer), ==, FLOOD_BYTES);
  g_assert_cmpuint (sl_peer_get_bytes_out (peer), ==, FLOOD_BYTES);
#if !defined(__SANITIZE_ADDRESS__)
  /* ASan's quarantine keeps freed memory resident, so only plain builds measure it. */
  g_assert_cmpuint (sl_test_rss_bytes (), <, rss_before + 32 * 1024 * 1024);
#endif

  close (flood.fd);
  SPIN_UNTIL (sl_server_get_n_peers (server) == 0);
  g_assert_finalize_object (g_steal_pointer (&server));
}

static void
test_peer_reset (void)
{
  g_autoptr(SlServer) server = start_server (SL_PROTOCOL_TCP, SL_REPLY_MODE_NONE);
  struct linger hard = { .l_onoff = 1, .l_linger = 0 };
  g_autofree guint8 *data = g_malloc0 (256 * 1024);
  int fds[2];
  int errsv;
  char echo[3] = { 0 };

  connect_clients (server, fds, 2);
  send_all (fds[0], data, 256 * 1024);
  SPIN_UNTIL (sl_peer_get_bytes_in (peer_at (server, 0)) > 0);
  g_assert_cmpint (setsockopt (fds[0], SOL_SOCKET, SO_LINGER, &hard, sizeof hard), ==, 0);
  close (fds[0]);

  SPIN_UNTIL (sl_server_get_n_peers (server) == 1);
  g_assert_cmpuint (count_log_lines (server, SL_LOG_KIND_ERROR, "ECONNRESET"), ==, 1);
  g_assert_cmpuint (count_trace_calls (server, "recv", ECONNRESET), ==, 1);

  /* The other client is unaffected. */
  sl_server_set_reply_mode (server, SL_REPLY_MODE_ECHO);
  send_all (fds[1], "ok", 2);
  g_assert_cmpint (recv_spinning (fds[1], echo, 2, &errsv), ==, 2);
  g_assert_cmpstr (echo, ==, "ok");
  close (fds[1]);
  SPIN_UNTIL (sl_server_get_n_peers (server) == 0);
  g_assert_finalize_object (g_steal_pointer (&server));
}

static void
test_emfile_subprocess (void)
{
  g_autoptr(SlServer) server = start_server (SL_PROTOCOL_TCP, SL_REPLY_MODE_ECHO);
  g_autoptr(GArray) fillers = g_array_new (FALSE, FALSE, sizeof (int));
  struct rlimit saved;
  struct rlimit tight;
  struct sockaddr_in sin;
  int fds[3];
  guint failures;

  sl_test_loopback_sockaddr (&sin, sl_server_get_bound_port (server));
  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    fds[i] = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  /* Fill every free descriptor under a tight limit, then free one: the first accept()
   * works and the next fails with EMFILE. */
  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &saved), ==, 0);
  tight = saved;
  tight.rlim_cur = count_fds () + 8;
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &tight), ==, 0);
  for (int fd; (fd = dup (0)) >= 0; )
    g_array_append_val (fillers, fd);
  g_assert_cmpint (errno, ==, EMFILE);
  g_assert_cmpuint (fillers->len, >, 0);
  close (g_array_index (fillers, int, fillers->len - 1));
  g_array_set_size (fillers, fillers->len - 1);
  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    g_assert_cmpint (connect (fds[i], (struct sockaddr *) &sin, sizeof sin), ==, 0);

  SPIN_UNTIL (count_trace_calls (server, "accept", EMFILE) > 0);
  /* Paused, not spinning: about two retries a second. */
  spin_for (1000);
  failures = count_trace_calls (server, "accept", EMFILE);
  g_assert_cmpuint (failures, <=, 4);
  g_assert_cmpuint (sl_server_get_n_peers (server), ==, 1);
  g_assert_cmpuint (count_log_lines (server, SL_LOG_KIND_ERROR, "EMFILE"), ==, 1);

  /* With descriptors back, the waiting clients get in. */
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &saved), ==, 0);
  SPIN_UNTIL (sl_server_get_n_peers (server) == G_N_ELEMENTS (fds));
  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    close (fds[i]);
  for (guint i = 0; i < fillers->len; i++)
    close (g_array_index (fillers, int, i));
  SPIN_UNTIL (sl_server_get_n_peers (server) == 0);
}

static void
test_emfile (void)
{
  g_test_trap_subprocess ("/server/emfile/subprocess", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* ---- addresses and the hint --------------------------------------------------------- */

static void
test_try_command (void)
{
  g_autoptr(SlServer) server = start_server (SL_PROTOCOL_TCP, SL_REPLY_MODE_ECHO);
  g_autofree char *tcp = g_strdup_printf ("nc 127.0.0.1 %u", sl_server_get_bound_port (server));
  g_autofree char *command = sl_server_dup_try_command (server);

  g_assert_cmpstr (command, ==, tcp);
  sl_server_stop (server);
  g_clear_pointer (&command, g_free);

  sl_server_set_protocol (server, SL_PROTOCOL_UDP);
  if (sl_test_ipv6_available ())
    {
      g_autofree char *udp6 = NULL;
      g_autofree char *label6 = NULL;

      sl_server_set_address (server, "[::1]");
      g_assert_true (sl_server_start (server, NULL));
      udp6 = g_strdup_printf ("nc -u ::1 %u", sl_server_get_bound_port (server));
      command = sl_server_dup_try_command (server);
      g_assert_cmpstr (command, ==, udp6);
      label6 = g_strdup_printf ("[::1]:%u", sl_server_get_bound_port (server));
      g_assert_cmpstr (sl_server_get_bound_label (server), ==, label6);
      sl_server_stop (server);
    }
  g_assert_finalize_object (g_steal_pointer (&server));
}

/* Binding every interface is tried in a network namespace of our own, where only the
 * loopback interface exists, so nothing is ever exposed. */
static void
test_all_interfaces_subprocess (void)
{
  g_autoptr(SlServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  struct ifreq ifr = { 0 };
  char echo[3] = { 0 };
  int errsv;
  int ctl;
  int fd;

  g_assert_cmpint (unshare (CLONE_NEWNET), ==, 0);
  ctl = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  g_strlcpy (ifr.ifr_name, "lo", IFNAMSIZ);
  g_assert_cmpint (ioctl (ctl, SIOCGIFFLAGS, &ifr), ==, 0);
  ifr.ifr_flags |= IFF_UP;
  g_assert_cmpint (ioctl (ctl, SIOCSIFFLAGS, &ifr), ==, 0);
  close (ctl);

  server = sl_server_new (NULL, NULL);
  sl_server_set_address (server, "0.0.0.0");
  sl_server_set_allow_network (server, TRUE);
  g_assert_true (sl_server_start (server, &error));
  g_assert_no_error (error);
  command = sl_server_dup_try_command (server);
  g_assert_true (g_str_has_prefix (command, "nc 127.0.0.1 "));

  fd = tcp_connect (sl_server_get_bound_port (server));
  set_nonblocking (fd);
  send_all (fd, "hi", 2);
  g_assert_cmpint (recv_spinning (fd, echo, 2, &errsv), ==, 2);
  g_assert_cmpstr (echo, ==, "hi");
  close (fd);
  g_print ("PASSED in a namespace\n");
}

static gboolean
can_unshare_network (void)
{
  int status = 0;
  pid_t pid = fork ();

  if (pid == 0)
    _exit (unshare (CLONE_NEWNET) == 0 ? 0 : 1);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

static void
test_all_interfaces (void)
{
  if (!can_unshare_network ())
    {
      g_test_skip ("cannot create a network namespace (needs root or user namespaces)");
      return;
    }
  g_test_trap_subprocess ("/server/all-interfaces/subprocess", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*PASSED in a namespace*");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The default context opens its wakeup descriptor once: do it before any fd count. */
  g_main_context_iteration (NULL, FALSE);

  g_test_add_func ("/server/defaults", test_defaults);
  g_test_add_func ("/server/tcp-echo-concurrent", test_tcp_echo_concurrent);
  g_test_add_func ("/server/udp-echo", test_udp_echo);
  g_test_add_func ("/server/udp-rate-limit", test_udp_rate_limit);
  g_test_add_func ("/server/udp-rate-limit-total", test_udp_rate_limit_total);
  g_test_add_func ("/server/udp-amplification", test_udp_amplification);
  g_test_add_func ("/server/udp-table-full", test_udp_table_full);
  g_test_add_func ("/server/broadcast", test_broadcast);
  g_test_add_func ("/server/send-one-and-disconnect", test_send_one_and_disconnect);
  g_test_add_func ("/server/fixed-reply", test_fixed_reply);
  g_test_add_func ("/server/stop-with-clients", test_stop_with_clients);
  g_test_add_func ("/server/address-in-use", test_address_in_use);
  g_test_add_func ("/server/bad-addresses", test_bad_addresses);
  g_test_add_func ("/server/privileged-port", test_privileged_port);
  g_test_add_func ("/server/privileged-port/subprocess", test_privileged_port_subprocess);
  g_test_add_func ("/server/max-peers", test_max_peers);
  g_test_add_func ("/server/idle-makes-room", test_idle_makes_room);
  g_test_add_func ("/server/tcp-idle-timeout", test_tcp_idle_timeout);
  g_test_add_func ("/server/backpressure", test_backpressure);
  g_test_add_func ("/server/peer-reset", test_peer_reset);
  g_test_add_func ("/server/emfile", test_emfile);
  g_test_add_func ("/server/emfile/subprocess", test_emfile_subprocess);
  g_test_add_func ("/server/try-command", test_try_command);
  g_test_add_func ("/server/all-interfaces", test_all_interfaces);
  g_test_add_func ("/server/all-interfaces/subprocess", test_all_interfaces_subprocess);
  return g_test_run ();
}
