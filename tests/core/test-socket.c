/* test-socket.c: SlSocket, the one traced socket layer, over real loopback sockets: its
 * send queue (partial sends, back-pressure, datagrams that fail alone), its watch (events
 * change, nothing fires after close), non-blocking connect with timeout and cancellation,
 * and what it records — and does not (EAGAIN).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sl-socket.h"
#include "sl-test-util.h"

typedef struct {
  guint   ready;
  guint   sent;
  guint   failed;
  guint   flushed;
  gsize   sent_bytes;
  int     last_errno;
  gboolean go_on;
} Events;

static void
on_ready (SlSocket     *socket,
          GIOCondition  revents,
          gpointer      user_data)
{
  Events *events = user_data;
  char buffer[256];

  events->ready++;
  /* Drain, so that the watch does not fire again for the same bytes. */
  while (sl_socket_recv (socket, buffer, sizeof buffer, 0, NULL) > 0)
    ;
}

static void
on_sent (SlSocket *socket,
         GBytes   *bytes,
         gpointer  user_data)
{
  Events *events = user_data;

  events->sent++;
  events->sent_bytes += g_bytes_get_size (bytes);
}

static gboolean
on_send_failed (SlSocket *socket,
                GBytes   *bytes,
                int       errsv,
                gpointer  user_data)
{
  Events *events = user_data;

  events->failed++;
  events->last_errno = errsv;
  return events->go_on;
}

static void
on_flushed (SlSocket *socket,
            gpointer  user_data)
{
  ((Events *) user_data)->flushed++;
}

static const SlSocketHandler handler = {
  .ready = on_ready,
  .sent = on_sent,
  .send_failed = on_send_failed,
  .flushed = on_flushed,
};

/* A connected pair: our SlSocket to a listener, and the accepted end as a plain fd. */
static SlSocket *
connected_pair (SlTrace *trace,
                int     *out_peer)
{
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t length = sizeof address;
  int listener = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  SlSocket *socket;
  int errsv;

  g_assert_cmpint (bind (listener, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (listen (listener, 1), ==, 0);
  g_assert_cmpint (getsockname (listener, (struct sockaddr *) &address, &length), ==, 0);
  socket = sl_socket_open (AF_INET, SOCK_STREAM, IPPROTO_TCP, trace, &errsv);
  g_assert_nonnull (socket);
  errsv = sl_socket_connect (socket, (struct sockaddr *) &address, sizeof address);
  g_assert_true (errsv == 0 || errsv == EINPROGRESS);
  *out_peer = accept4 (listener, NULL, NULL, SOCK_CLOEXEC);
  g_assert_cmpint (*out_peer, >=, 0);
  close (listener);
  return socket;
}

static gsize
drain (int fd)
{
  char buffer[65536];
  gsize total = 0;
  gssize n;

  while ((n = recv (fd, buffer, sizeof buffer, MSG_DONTWAIT)) > 0)
    total += n;
  return total;
}

/* More than the kernel takes at once: the rest waits in the queue and leaves when the peer
 * reads; every byte arrives once and in order; bytes-sent follows what really left. */
static void
test_queue_partial_sends (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  Events events = { 0 };
  int peer;
  g_autoptr(SlSocket) socket = connected_pair (trace, &peer);
  gsize size = 8 * 1024 * 1024;
  g_autofree guint8 *data = g_malloc (size);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *received = g_malloc (size);
  gsize got = 0;

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * 7 + i / 65536);
  bytes = g_bytes_new_static (data, size);
  sl_socket_set_handler (socket, &handler, &events);
  sl_socket_enqueue (socket, bytes);
  /* The kernel took some at once; the rest waits. */
  g_assert_cmpuint (sl_socket_get_queued (socket), >, 0);
  g_assert_cmpuint (sl_socket_get_queued (socket), <, size);
  g_assert_cmpuint (events.sent, ==, 0);

  while (got < size)
    {
      gssize n = recv (peer, received + got, size - got, MSG_DONTWAIT);

      if (n > 0)
        got += n;
      else
        sl_test_spin_for (1);
    }
  SL_TEST_SPIN_UNTIL (events.sent == 1, SL_TEST_TIMEOUT_MS);
  g_assert_cmpmem (received, size, data, size);
  g_assert_cmpuint (sl_socket_get_queued (socket), ==, 0);
  g_assert_cmpuint (sl_socket_get_bytes_sent (socket), ==, size);
  g_assert_cmpuint (events.sent_bytes, ==, size);
  g_assert_cmpuint (events.flushed, >, 1);
  /* Each send () is a row, with the bytes it was offered, all but the last partial. */
  g_assert_cmpuint (sl_test_count_calls (trace, "send", 0), >, 1);
  close (peer);
}

/* Back-pressure is the owner's: enqueue never refuses, room says when to stop. */
static void
test_queue_room (void)
{
  Events events = { 0 };
  int peer;
  g_autoptr(SlSocket) socket = connected_pair (NULL, &peer);
  g_autofree guint8 *data = g_malloc0 (32 * 1024 * 1024);
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, 32 * 1024 * 1024);
  gsize queued;

  sl_socket_set_handler (socket, &handler, &events);
  sl_socket_set_max_queued (socket, 1024 * 1024);
  g_assert_cmpuint (sl_socket_get_room (socket), ==, 1024 * 1024);
  sl_socket_enqueue (socket, bytes);
  g_assert_cmpuint (sl_socket_get_room (socket), ==, 0);
  queued = sl_socket_get_queued (socket);
  /* What the kernel took at once plus what waits is all of it. */
  g_assert_cmpuint (queued + sl_socket_get_bytes_sent (socket), ==, 32 * 1024 * 1024);
  g_assert_cmpuint (sl_socket_drop_queue (socket), ==, queued);
  g_assert_cmpuint (sl_socket_get_queued (socket), ==, 0);
  g_assert_cmpuint (sl_socket_get_room (socket), ==, 1024 * 1024);
  close (peer);
}

/* A datagram that cannot go fails alone: the owner says go on, the next one leaves. */
static void
test_datagram_fails_alone (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  struct sockaddr_in to;
  Events events = { .go_on = TRUE };
  int receiver = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  struct sockaddr_in bound = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t length = sizeof bound;
  g_autoptr(SlSocket) socket = sl_socket_open (AF_INET, SOCK_DGRAM, IPPROTO_UDP, trace, NULL);
  g_autofree guint8 *huge = g_malloc0 (70000);
  g_autoptr(GBytes) too_big = g_bytes_new_static (huge, 70000);
  g_autoptr(GBytes) fine = g_bytes_new_static ("fine", 4);
  char buffer[16];

  g_assert_cmpint (bind (receiver, (struct sockaddr *) &bound, sizeof bound), ==, 0);
  g_assert_cmpint (getsockname (receiver, (struct sockaddr *) &bound, &length), ==, 0);
  sl_test_loopback_sockaddr (&to, g_ntohs (bound.sin_port));
  g_assert_cmpint (sl_socket_connect (socket, (struct sockaddr *) &to, sizeof to), ==, 0);
  sl_socket_set_handler (socket, &handler, &events);
  sl_socket_enqueue (socket, too_big);
  sl_socket_enqueue (socket, fine);
  SL_TEST_SPIN_UNTIL (events.sent == 1, SL_TEST_TIMEOUT_MS);
  g_assert_cmpuint (events.failed, ==, 1);
  g_assert_cmpint (events.last_errno, ==, EMSGSIZE);
  g_assert_cmpint (recv (receiver, buffer, sizeof buffer, 0), ==, 4);
  g_assert_cmpuint (sl_test_count_calls (trace, "send", EMSGSIZE), ==, 1);
  close (receiver);
}

/* The watch follows what the socket does, and nothing of it is left after close. */
static void
test_watch_and_close (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  Events events = { 0 };
  int peer;
  SlSocket *socket = connected_pair (trace, &peer);
  guint fds = sl_test_count_fds ();
  int fd = sl_socket_get_fd (socket);
  guint n_events;

  sl_socket_set_handler (socket, &handler, &events);
  g_assert_cmpint (send (peer, "x", 1, 0), ==, 1);
  sl_test_spin_for (50);
  g_assert_cmpuint (events.ready, ==, 0);   /* not reading yet */
  sl_socket_set_reading (socket, TRUE);
  SL_TEST_SPIN_UNTIL (events.ready == 1, SL_TEST_TIMEOUT_MS);
  /* The drain's last recv () said EAGAIN: a real call, not recorded. */
  g_assert_cmpuint (sl_test_count_calls (trace, "recv", -1), ==, 1);

  sl_socket_close (socket);
  sl_socket_close (socket);
  g_assert_true (sl_socket_is_closed (socket));
  g_assert_cmpint (sl_socket_get_fd (socket), ==, -1);
  g_assert_cmpuint (sl_test_count_calls (trace, "close", 0), ==, 1);
  g_assert_cmpint (sl_trace_event_get_fd (sl_test_event_at (trace, g_list_model_get_n_items (G_LIST_MODEL (trace)) - 1)), ==, fd);
  g_assert_cmpuint (sl_test_count_fds (), ==, fds - 1);
  /* The peer hangs up: nothing watches the closed descriptor any more. */
  n_events = events.ready;
  close (peer);
  sl_test_spin_for (50);
  g_assert_cmpuint (events.ready, ==, n_events);
  g_assert_finalize_object (socket);
}

static void
connect_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  int *out = user_data;
  g_autoptr(GError) error = NULL;
  int errsv = -1;

  if (!sl_socket_connect_finish (SL_SOCKET (object), result, &errsv, NULL, &error))
    errsv = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? ECANCELED : -2;
  *out = errsv;
}

/* No answer: the main loop's poll for POLLOUT times out, recorded as such. */
static void
test_connect_timeout (void)
{
  g_autoptr(SlTestStuckListener) listener = sl_test_stuck_listener_new (G_SOCKET_FAMILY_IPV4);
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(SlSocket) socket = sl_socket_open (AF_INET, SOCK_STREAM, IPPROTO_TCP, trace, NULL);
  struct sockaddr_in to;
  int errsv = -1;
  gint64 start = g_get_monotonic_time ();

  sl_test_loopback_sockaddr (&to, sl_test_stuck_listener_get_port (listener));
  sl_socket_connect_async (socket, (struct sockaddr *) &to, sizeof to, 200, NULL, connect_done, &errsv);
  SL_TEST_SPIN_UNTIL (errsv != -1, SL_TEST_TIMEOUT_MS);
  g_assert_cmpint (errsv, ==, ETIMEDOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 200 * 1000);
  g_assert_cmpuint (sl_test_count_calls (trace, "connect", EINPROGRESS), ==, 1);
  g_assert_cmpuint (sl_test_count_calls (trace, "poll", 0), ==, 1);
  g_assert_cmpuint (sl_test_count_calls (trace, "getsockopt", -1), ==, 0);
}

/* Closing (or cancelling) while a connect waits ends it as cancelled, with no fd left. */
static void
test_connect_cancel (void)
{
  g_autoptr(SlTestStuckListener) listener = sl_test_stuck_listener_new (G_SOCKET_FAMILY_IPV4);
  guint fds = sl_test_count_fds ();
  struct sockaddr_in to;

  sl_test_loopback_sockaddr (&to, sl_test_stuck_listener_get_port (listener));
  for (guint by_close = 0; by_close < 2; by_close++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(SlSocket) socket = sl_socket_open (AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, NULL);
      int errsv = -1;

      sl_socket_connect_async (socket, (struct sockaddr *) &to, sizeof to, 0, cancellable, connect_done, &errsv);
      sl_test_spin_for (20);
      g_assert_cmpint (errsv, ==, -1);
      if (by_close)
        sl_socket_close (socket);
      else
        g_cancellable_cancel (cancellable);
      SL_TEST_SPIN_UNTIL (errsv != -1, SL_TEST_TIMEOUT_MS);
      g_assert_cmpint (errsv, ==, ECANCELED);
      sl_socket_close (socket);
    }
  g_assert_cmpuint (sl_test_count_fds (), ==, fds);
}

/* An accept () with nobody waiting says EAGAIN: not a row. */
static void
test_accept_eagain_not_recorded (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(SlSocket) listener = sl_socket_open (AF_INET, SOCK_STREAM, 0, trace, NULL);
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  struct sockaddr_storage peer;
  socklen_t length;
  int errsv;

  g_assert_cmpint (sl_socket_bind (listener, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (sl_socket_listen (listener, 4), ==, 0);
  g_assert_null (sl_socket_accept (listener, &peer, &length, &errsv));
  g_assert_true (errsv == EAGAIN || errsv == EWOULDBLOCK);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, 3);
}

/* Probes whose bytes say nothing keep none: the row reads "64 bytes". */
static void
test_record_data_off (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  int peer;
  g_autoptr(SlSocket) socket = connected_pair (trace, &peer);
  g_autofree char *line = NULL;

  sl_socket_set_record_data (socket, FALSE);
  g_assert_cmpint (sl_socket_send (socket, "secret", 6, 0, NULL), ==, 6);
  line = sl_trace_event_format (sl_test_event_at (trace, g_list_model_get_n_items (G_LIST_MODEL (trace)) - 1));
  g_assert_null (strstr (line, "secret"));
  g_assert_nonnull (strstr (line, "6 bytes"));
  g_assert_cmpuint (drain (peer), ==, 6);
  close (peer);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/socket/queue/partial-sends", test_queue_partial_sends);
  g_test_add_func ("/socket/queue/room", test_queue_room);
  g_test_add_func ("/socket/queue/datagram-fails-alone", test_datagram_fails_alone);
  g_test_add_func ("/socket/watch-and-close", test_watch_and_close);
  g_test_add_func ("/socket/connect/timeout", test_connect_timeout);
  g_test_add_func ("/socket/connect/cancel", test_connect_cancel);
  g_test_add_func ("/socket/accept-eagain-not-recorded", test_accept_eagain_not_recorded);
  g_test_add_func ("/socket/record-data-off", test_record_data_off);
  return g_test_run ();
}
