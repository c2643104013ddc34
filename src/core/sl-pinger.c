/* sl-pinger.c: ping one host with ICMP echo (datagram or raw socket) or TCP connect.
 *
 * Everything runs on the main context: one fd source for the ICMP socket (or one per TCP
 * connect), and one deadline source that sends the next probe and expires overdue ones.
 * RTTs come from the kernel's receive timestamp (SO_TIMESTAMPNS) minus the clock read
 * just before sendto (), so a busy main loop does not inflate them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <linux/errqueue.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "sl-address.h"
#include "sl-enums.h"
#include "sl-errno.h"
#include "sl-fd-source.h"
#include "sl-icmp.h"
#include "sl-ping-probe-private.h"
#include "sl-ping-socket.h"
#include "sl-pinger.h"
#include "sl-ring.h"
#include "sl-socket-util.h"

#define CONTROL_SIZE      512
#define MAX_LOGGED_STRAYS 5

typedef struct {
  SlPinger    *pinger;
  SlPingProbe *probe;
  int          fd;
  GSource     *source;
  gint64       start_ns;
} TcpAttempt;

struct _SlPinger
{
  GObject        parent_instance;

  /* options */
  char          *host;
  SlPingMethod   method_preference;
  guint          count;
  double         interval;
  double         timeout;
  guint          payload_size;
  guint          tcp_port;
  SlLog         *log;
  SlTrace       *trace;

  /* results */
  SlPingMethod   method;
  char          *method_explanation;
  char          *address;
  guint16        ident;
  SlPingStats   *stats;
  SlRing        *probes;

  /* the run in progress */
  GTask         *task;
  GSource       *cancel_source;
  SlPingSocket  *socket;
  GSocketFamily  family;
  struct sockaddr_storage target;
  socklen_t      target_len;
  GSource       *io_source;
  GSource       *tick_source;
  GHashTable    *by_wire_seq;     /* GUINT_TO_POINTER (seq & 0xffff) → SlPingProbe */
  GHashTable    *tcp_attempts;    /* SlPingProbe → TcpAttempt */
  GQueue         in_flight;       /* SlPingProbe refs, in send order */
  guint64        sent;
  gint64         start_us;        /* monotonic, when the first probe left */
  gint64         last_send_us;
  guint64        cookie;
  guint8        *buffer;
};

G_DEFINE_FINAL_TYPE (SlPinger, sl_pinger, G_TYPE_OBJECT)
G_DEFINE_QUARK (sl-pinger-error-quark, sl_pinger_error)

enum {
  PROP_0,
  PROP_HOST,
  PROP_METHOD_PREFERENCE,
  PROP_COUNT,
  PROP_INTERVAL,
  PROP_TIMEOUT,
  PROP_PAYLOAD_SIZE,
  PROP_TCP_PORT,
  PROP_LOG,
  PROP_TRACE,
  PROP_METHOD,
  PROP_METHOD_EXPLANATION,
  PROP_ADDRESS,
  PROP_RUNNING,
  PROP_STATS,
  N_PROPS
};

enum {
  PROBE_FINISHED,
  DUPLICATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_tick (SlPinger *self);

static gint64
clock_ns (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

const char *
sl_ping_method_to_string (SlPingMethod method)
{
  switch (method)
    {
    case SL_PING_METHOD_ICMP_DGRAM:
      return _("ICMP (datagram socket)");
    case SL_PING_METHOD_ICMP_RAW:
      return _("ICMP (raw socket)");
    case SL_PING_METHOD_TCP:
      return _("TCP connect");
    default:
      return "";
    }
}

/* Logging: the lines a student would see from ping(8) */

static void
log_line (SlPinger   *self,
          SlLogKind   kind,
          const char *text)
{
  sl_log_append_message (self->log, kind, self->address ? self->address : self->host, text);
}

static void G_GNUC_PRINTF (3, 4)
log_printf (SlPinger   *self,
            SlLogKind   kind,
            const char *format,
            ...)
{
  g_autofree char *text = NULL;
  va_list ap;

  va_start (ap, format);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);
  log_line (self, kind, text);
}

static void
notify_stats (SlPinger *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATS]);
}

/* Probe bookkeeping */

static void
finish_probe (SlPinger *self,
              SlPingProbe *probe)
{
  notify_stats (self);
  g_signal_emit (self, signals[PROBE_FINISHED], 0, probe);
}

static void
probe_lost (SlPinger    *self,
            SlPingProbe *probe)
{
  g_autofree char *message = NULL;

  if (self->method == SL_PING_METHOD_TCP)
    message = g_strdup_printf (_("no answer yet for tcp_seq=%llu"),
                               (unsigned long long) sl_ping_probe_get_seq (probe));
  else
    message = g_strdup_printf (_("no answer yet for icmp_seq=%llu"),
                               (unsigned long long) sl_ping_probe_get_seq (probe));
  sl_ping_probe_set_failed (probe, SL_PING_PROBE_STATE_LOST, message);
  g_hash_table_remove (self->tcp_attempts, probe);
  log_line (self, SL_LOG_KIND_ERROR, message);
  finish_probe (self, probe);
}

static void
probe_error (SlPinger    *self,
             SlPingProbe *probe,
             const char  *message)
{
  sl_ping_probe_set_failed (probe, SL_PING_PROBE_STATE_ERROR, message);
  sl_ping_stats_add_error (self->stats);
  g_hash_table_remove (self->tcp_attempts, probe);
  log_line (self, SL_LOG_KIND_ERROR, message);
  finish_probe (self, probe);
}

static void
probe_replied (SlPinger    *self,
               SlPingProbe *probe,
               gint64       rtt_us,
               int          ttl,
               const char  *message)
{
  sl_ping_stats_add_reply (self->stats, rtt_us, FALSE);
  sl_ping_probe_set_replied (probe, rtt_us, ttl, message);
  g_hash_table_remove (self->tcp_attempts, probe);
  log_line (self, SL_LOG_KIND_RECEIVED, message);
  finish_probe (self, probe);
}

static void
stray (SlPinger   *self,
       const char *why,
       guint       id,
       guint       seq)
{
  guint64 count;

  sl_ping_stats_add_stray (self->stats);
  count = sl_ping_stats_get_stray (self->stats);
  /* A raw socket may see another ping's every reply: explain a few, then only count. */
  if (count <= MAX_LOGGED_STRAYS)
    log_printf (self, SL_LOG_KIND_INFO, _("Ignored a reply (id=%u, icmp_seq=%u): %s"), id, seq, why);
  if (count == MAX_LOGGED_STRAYS)
    log_line (self, SL_LOG_KIND_INFO, _("Further ignored replies are only counted in the statistics"));
  notify_stats (self);
}

/* The probe's payload: a per-run cookie mixed with the sequence number, then i & 0xff,
 * so a reply that merely guesses id and seq does not pass. */
static void
fill_payload (SlPinger *self,
              guint64   seq,
              guint8   *data)
{
  guint64 mark = self->cookie ^ seq;

  for (guint i = 0; i < self->payload_size; i++)
    data[i] = i < 8 ? (guint8) (mark >> (56 - 8 * i)) : (guint8) i;
}

static gboolean
payload_matches (SlPinger     *self,
                 guint64       seq,
                 const guint8 *data,
                 gsize         length)
{
  g_autofree guint8 *expected = NULL;

  if (length != self->payload_size)
    return FALSE;
  expected = g_malloc (MAX (length, 1));
  fill_payload (self, seq, expected);
  return memcmp (expected, data, length) == 0;
}

static char *
format_reply_line (SlPinger *self,
                   gsize     bytes,
                   guint64   seq,
                   int       ttl,
                   gint64    rtt_us,
                   const char *suffix)
{
  g_autofree char *time = sl_ping_format_reply_time (rtt_us);
  g_autofree char *ttl_text = ttl >= 0 ? g_strdup_printf (" ttl=%d", ttl) : g_strdup ("");

  return g_strdup_printf (_("%zu bytes from %s: icmp_seq=%llu%s time=%s ms%s"),
                          bytes, self->address, (unsigned long long) seq, ttl_text, time, suffix);
}

/* Sending */

static SlPingProbe *
new_probe (SlPinger *self,
           gint64    now_us)
{
  SlPingProbe *probe;
  guint64 seq = ++self->sent;

  if (seq == 1)
    self->start_us = now_us;
  self->last_send_us = now_us;
  probe = sl_ping_probe_new (seq, now_us - self->start_us, clock_ns (CLOCK_REALTIME));
  sl_ring_append (self->probes, probe);
  g_queue_push_tail (&self->in_flight, g_object_ref (probe));
  sl_ping_stats_add_transmitted (self->stats);
  sl_ping_stats_set_time_ms (self->stats, (now_us - self->start_us + 500) / 1000);
  return probe;
}

static void
send_error (SlPinger    *self,
            SlPingProbe *probe,
            const char  *call,
            int          errsv)
{
  g_autofree char *described = sl_errno_describe (errsv);
  g_autofree char *message = g_strdup_printf ("%s: %s", call, described);

  probe_error (self, probe, message);
}

static void
send_icmp (SlPinger *self,
           gint64    now_us)
{
  g_autoptr(SlPingProbe) probe = new_probe (self, now_us);
  guint64 seq = sl_ping_probe_get_seq (probe);
  g_autofree guint8 *data = g_malloc (MAX (self->payload_size, 1));
  guint8 *packet = self->buffer;
  gsize length;
  gssize result;
  int errsv;

  fill_payload (self, seq, data);
  length = sl_icmp_build_echo_request (self->family, self->ident, seq & 0xffff, data,
                                       self->payload_size, packet, SL_ICMP_MAX_PACKET);
  g_hash_table_replace (self->by_wire_seq, GUINT_TO_POINTER (seq & 0xffff), g_object_ref (probe));

  /* Read the clock again as late as possible: the RTT starts here. */
  sl_ping_probe_set_send_clock_ns (probe, clock_ns (CLOCK_REALTIME));
  result = sendto (self->socket->fd, packet, length, 0,
                   (struct sockaddr *) &self->target, self->target_len);
  errsv = errno;
  sl_trace_recordf (self->trace, "sendto", result, errsv, "fd=%d, %zu bytes, icmp_seq=%llu",
                    self->socket->fd, length, (unsigned long long) seq);
  if (result < 0)
    send_error (self, probe, "sendto", errsv);
}

static void
tcp_attempt_free (gpointer data)
{
  TcpAttempt *attempt = data;

  sl_clear_source (&attempt->source);
  if (attempt->fd >= 0)
    {
      int result = close (attempt->fd);
      sl_trace_recordf (attempt->pinger->trace, "close", result, errno, "fd=%d", attempt->fd);
    }
  g_free (attempt);
}

static gint64
tcp_handshake_rtt_us (TcpAttempt *attempt,
                      gint64      now_ns)
{
  struct tcp_info info;
  socklen_t length = sizeof info;

  /* The kernel timed the SYN / SYN-ACK exchange itself; use it when we can. */
  if (getsockopt (attempt->fd, IPPROTO_TCP, TCP_INFO, &info, &length) == 0 && info.tcpi_rtt > 0)
    return info.tcpi_rtt;
  return (now_ns - attempt->start_ns) / 1000;
}

static void
tcp_complete (TcpAttempt *attempt,
              int         errsv)
{
  SlPinger *self = attempt->pinger;
  g_autoptr(SlPingProbe) probe = g_object_ref (attempt->probe);
  gint64 now_ns = clock_ns (CLOCK_MONOTONIC);
  guint64 seq = sl_ping_probe_get_seq (probe);
  g_autofree char *message = NULL;
  g_autofree char *time = NULL;
  gint64 rtt_us;

  if (errsv != 0 && errsv != ECONNREFUSED)
    {
      g_autofree char *described = sl_errno_describe (errsv);
      message = g_strdup_printf (_("connect to %s port %u: tcp_seq=%llu %s"),
                                 self->address, self->tcp_port, (unsigned long long) seq, described);
      probe_error (self, probe, message);
      return;
    }
  rtt_us = errsv == 0 ? tcp_handshake_rtt_us (attempt, now_ns) : (now_ns - attempt->start_ns) / 1000;
  time = sl_ping_format_reply_time (rtt_us);
  if (errsv == 0)
    message = g_strdup_printf (_("connected to %s port %u: tcp_seq=%llu time=%s ms"),
                               self->address, self->tcp_port, (unsigned long long) seq, time);
  else
    message = g_strdup_printf (_("refused by %s port %u (RST): tcp_seq=%llu time=%s ms"),
                               self->address, self->tcp_port, (unsigned long long) seq, time);
  probe_replied (self, probe, rtt_us, -1, message);
}

static gboolean
tcp_ready_cb (int          fd,
              GIOCondition condition,
              gpointer     user_data)
{
  TcpAttempt *attempt = user_data;
  g_autoptr(SlPinger) self = g_object_ref (attempt->pinger);
  int errsv = 0;
  socklen_t length = sizeof errsv;

  if (getsockopt (fd, SOL_SOCKET, SO_ERROR, &errsv, &length) < 0)
    errsv = errno;
  sl_trace_recordf (self->trace, "getsockopt", errsv == 0 ? 0 : -1, errsv,
                    "fd=%d, SO_ERROR", fd);
  /* This frees the attempt, and maybe ends the run. */
  tcp_complete (attempt, errsv);
  if (self->socket != NULL)
    schedule_tick (self);
  return G_SOURCE_REMOVE;
}

static void
send_tcp (SlPinger *self,
          gint64    now_us)
{
  g_autoptr(SlPingProbe) probe = new_probe (self, now_us);
  TcpAttempt *attempt = g_new0 (TcpAttempt, 1);
  int result, errsv;

  attempt->pinger = self;
  attempt->probe = probe;
  attempt->fd = socket (self->target.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  sl_trace_recordf (self->trace, "socket", attempt->fd, errno, "%s, SOCK_STREAM, 0",
                    sl_socket_family_name (self->family));
  g_hash_table_insert (self->tcp_attempts, probe, attempt);
  if (attempt->fd < 0)
    {
      send_error (self, probe, "socket", errno);
      return;
    }

  attempt->start_ns = clock_ns (CLOCK_MONOTONIC);
  result = connect (attempt->fd, (struct sockaddr *) &self->target, self->target_len);
  errsv = result < 0 ? errno : 0;
  sl_trace_recordf (self->trace, "connect", result, errsv, "fd=%d, %s port %u",
                    attempt->fd, self->address, self->tcp_port);
  if (errsv == EINPROGRESS)
    {
      attempt->source = g_unix_fd_source_new (attempt->fd, G_IO_OUT | G_IO_ERR | G_IO_HUP);
      g_source_set_callback (attempt->source, G_SOURCE_FUNC (tcp_ready_cb), attempt, NULL);
      g_source_set_static_name (attempt->source, "[sl-pinger tcp]");
      g_source_attach (attempt->source, g_main_context_get_thread_default ());
      return;
    }
  tcp_complete (attempt, errsv);
}

/* Receiving ICMP */

static void
read_control (struct msghdr *msg,
              gint64        *out_clock_ns,
              int           *out_ttl,
              struct sock_extended_err **out_error)
{
  for (struct cmsghdr *c = CMSG_FIRSTHDR (msg); c != NULL; c = CMSG_NXTHDR (msg, c))
    {
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS)
        {
          struct timespec ts;
          memcpy (&ts, CMSG_DATA (c), sizeof ts);
          *out_clock_ns = (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
        }
      else if ((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL) ||
               (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_HOPLIMIT))
        memcpy (out_ttl, CMSG_DATA (c), sizeof (int));
      else if ((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_RECVERR) ||
               (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_RECVERR))
        *out_error = (struct sock_extended_err *) CMSG_DATA (c);
    }
}

static gboolean
same_host (SlPinger              *self,
           const struct sockaddr *from)
{
  if (from->sa_family != self->target.ss_family)
    return FALSE;
  if (from->sa_family == AF_INET6)
    return memcmp (&((const struct sockaddr_in6 *) from)->sin6_addr,
                   &((struct sockaddr_in6 *) &self->target)->sin6_addr, sizeof (struct in6_addr)) == 0;
  return ((const struct sockaddr_in *) from)->sin_addr.s_addr ==
         ((struct sockaddr_in *) &self->target)->sin_addr.s_addr;
}

static char *
address_to_string (const struct sockaddr *address)
{
  char host[NI_MAXHOST];
  socklen_t length = sl_sockaddr_get_length (address->sa_family);

  if (getnameinfo (address, length, host, sizeof host, NULL, 0, NI_NUMERICHOST) != 0)
    return g_strdup ("?");
  return g_strdup (host);
}

static void
handle_icmp_error (SlPinger              *self,
                   guint16                wire_seq,
                   const struct sockaddr *from,
                   const char            *what)
{
  SlPingProbe *probe = g_hash_table_lookup (self->by_wire_seq, GUINT_TO_POINTER (wire_seq));
  g_autofree char *from_text = NULL;
  g_autofree char *message = NULL;

  if (probe == NULL || sl_ping_probe_get_state (probe) != SL_PING_PROBE_STATE_PENDING)
    return;
  from_text = from ? address_to_string (from) : g_strdup (self->address);
  message = g_strdup_printf (_("From %s icmp_seq=%llu %s"),
                             from_text, (unsigned long long) sl_ping_probe_get_seq (probe), what);
  probe_error (self, probe, message);
}

static void
handle_echo_reply (SlPinger              *self,
                   const SlIcmpPacket    *packet,
                   gsize                  icmp_length,
                   const struct sockaddr *from,
                   gint64                 clock_now_ns,
                   int                    ttl)
{
  SlPingProbe *probe = g_hash_table_lookup (self->by_wire_seq, GUINT_TO_POINTER (packet->seq));
  g_autofree char *message = NULL;
  const char *why = NULL;
  guint64 seq;
  gint64 rtt_us;

  if (packet->id != self->ident)
    why = _("another program’s ping, or a forged reply (wrong id)");
  else if (packet->code != 0 || !same_host (self, from))
    why = _("not from the pinged host");
  else if (probe == NULL)
    why = _("no request was sent with this sequence number");
  if (why != NULL)
    {
      stray (self, why, packet->id, packet->seq);
      return;
    }

  seq = sl_ping_probe_get_seq (probe);
  rtt_us = MAX (clock_now_ns - sl_ping_probe_get_send_clock_ns (probe), 0) / 1000;
  if (!packet->checksum_ok)
    {
      sl_ping_stats_add_corrupted (self->stats);
      message = format_reply_line (self, icmp_length, seq, ttl, rtt_us, _(" (BAD CHECKSUM!)"));
      log_line (self, SL_LOG_KIND_ERROR, message);
      notify_stats (self);
      return;
    }
  if (!payload_matches (self, seq, packet->data, packet->data_len))
    {
      stray (self, _("its data differs from the request (forged or corrupted)"), packet->id, packet->seq);
      return;
    }

  switch (sl_ping_probe_get_state (probe))
    {
    case SL_PING_PROBE_STATE_PENDING:
      message = format_reply_line (self, icmp_length, seq, ttl, rtt_us, "");
      probe_replied (self, probe, rtt_us, ttl, message);
      break;
    case SL_PING_PROBE_STATE_REPLIED:
      /* iputils counts a duplicate's time in min/avg/max/mdev but not as received. */
      sl_ping_stats_add_reply (self->stats, rtt_us, TRUE);
      sl_ping_probe_add_duplicate (probe);
      message = format_reply_line (self, icmp_length, seq, ttl, rtt_us, _(" (DUP!)"));
      log_line (self, SL_LOG_KIND_RECEIVED, message);
      notify_stats (self);
      g_signal_emit (self, signals[DUPLICATE], 0, probe, rtt_us);
      break;
    case SL_PING_PROBE_STATE_LOST:
    case SL_PING_PROBE_STATE_ERROR:
    default:
      stray (self, _("it came after the timeout"), packet->id, packet->seq);
      break;
    }
}

static void
handle_packet (SlPinger              *self,
               gsize                  length,
               const struct sockaddr *from,
               gint64                 clock_now_ns,
               int                    ttl)
{
  gboolean raw = self->socket->method == SL_PING_METHOD_ICMP_RAW;
  gboolean with_ip = raw && self->family == G_SOCKET_FAMILY_IPV4;
  SlIcmpPacket packet;

  sl_icmp_parse (self->family, with_ip, self->buffer, length, &packet);
  switch (packet.kind)
    {
    case SL_ICMP_KIND_ECHO_REPLY:
      handle_echo_reply (self, &packet, packet.data_len + SL_ICMP_HEADER_SIZE, from,
                         clock_now_ns, packet.ttl >= 0 ? packet.ttl : ttl);
      break;
    case SL_ICMP_KIND_ERROR:
      if (raw && packet.id == self->ident)
        {
          g_autofree char *what = sl_icmp_describe_error (self->family, packet.type, packet.code, packet.info);
          handle_icmp_error (self, packet.seq, from, what);
        }
      break;
    case SL_ICMP_KIND_MALFORMED:
      stray (self, _("the packet is too short or malformed"), 0, 0);
      break;
    case SL_ICMP_KIND_ECHO_REQUEST:   /* our own requests, seen by a raw socket on loopback */
    case SL_ICMP_KIND_OTHER:
    default:
      break;
    }
}

/* Datagram ICMP sockets report ICMP errors (and local ones) on the error queue. */
static void
handle_queued_error (SlPinger                 *self,
                     gsize                     length,
                     struct sock_extended_err *ee)
{
  SlIcmpPacket packet;
  g_autofree char *what = NULL;

  sl_icmp_parse (self->family, FALSE, self->buffer, length, &packet);
  if (packet.kind != SL_ICMP_KIND_ECHO_REQUEST || ee == NULL)
    return;
  if (ee->ee_origin == SO_EE_ORIGIN_ICMP || ee->ee_origin == SO_EE_ORIGIN_ICMP6)
    {
      what = sl_icmp_describe_error (self->family, ee->ee_type, ee->ee_code, ee->ee_info);
      handle_icmp_error (self, packet.seq, SO_EE_OFFENDER (ee), what);
    }
  else
    {
      g_autofree char *described = sl_errno_describe (ee->ee_errno);
      what = g_strdup_printf (_("local error: %s"), described);
      handle_icmp_error (self, packet.seq, NULL, what);
    }
}

/* One recvmsg (); FALSE when the queue is empty. */
static gboolean
receive_one (SlPinger *self,
             int       flags)
{
  struct sockaddr_storage from = { 0 };
  char control[CONTROL_SIZE];
  struct iovec iov = { self->buffer, SL_ICMP_MAX_PACKET };
  struct msghdr msg = { 0 };
  struct sock_extended_err *ee = NULL;
  gint64 clock_now_ns = 0;
  int ttl = -1;
  gssize length;

  msg.msg_name = &from;
  msg.msg_namelen = sizeof from;
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;

  length = recvmsg (self->socket->fd, &msg, flags | MSG_DONTWAIT);
  if (length < 0)
    return errno == EINTR;
  sl_trace_recordf (self->trace, "recvmsg", length, 0, "fd=%d%s", self->socket->fd,
                    (flags & MSG_ERRQUEUE) ? ", MSG_ERRQUEUE" : "");
  read_control (&msg, &clock_now_ns, &ttl, &ee);
  if (clock_now_ns == 0)
    clock_now_ns = clock_ns (CLOCK_REALTIME);

  if (flags & MSG_ERRQUEUE)
    handle_queued_error (self, length, ee);
  else
    handle_packet (self, length, (struct sockaddr *) &from, clock_now_ns, ttl);
  return TRUE;
}

static gboolean
icmp_readable_cb (int          fd,
                  GIOCondition condition,
                  gpointer     user_data)
{
  SlPinger *self = user_data;

  g_object_ref (self);
  /* Handlers may stop the run; check the socket is still ours each time. */
  while (self->socket != NULL && receive_one (self, 0))
    ;
  while (self->socket != NULL && receive_one (self, MSG_ERRQUEUE))
    ;
  if (self->socket != NULL)
    schedule_tick (self);
  g_object_unref (self);
  return G_SOURCE_CONTINUE;
}

/* The schedule: send, expire, finish */

static void finish_run (SlPinger *self,
                        GError   *error);

static gint64
interval_us (SlPinger *self)
{
  return (gint64) (self->interval * G_USEC_PER_SEC + 0.5);
}

static gint64
timeout_us (SlPinger *self)
{
  return (gint64) (self->timeout * G_USEC_PER_SEC + 0.5);
}

static gboolean
all_sent (SlPinger *self)
{
  return self->count > 0 && self->sent >= self->count;
}

static gint64
next_send_us (SlPinger *self)
{
  if (all_sent (self))
    return G_MAXINT64;
  if (self->sent == 0)
    return 0;
  /* Fixed grid from the first probe: a late wake-up does not shift the later probes. */
  return self->start_us + (gint64) self->sent * interval_us (self);
}

/* Drops answered probes from the head of the queue and declares overdue ones lost. */
static void
expire_probes (SlPinger *self,
               gint64    now_us)
{
  SlPingProbe *probe;

  /* A handler of probe-finished may stop the run, which empties the queue. */
  while (self->task != NULL && (probe = g_queue_peek_head (&self->in_flight)) != NULL)
    {
      if (sl_ping_probe_get_state (probe) == SL_PING_PROBE_STATE_PENDING &&
          self->start_us + sl_ping_probe_get_sent_us (probe) + timeout_us (self) > now_us)
        break;
      probe = g_queue_pop_head (&self->in_flight);
      if (sl_ping_probe_get_state (probe) == SL_PING_PROBE_STATE_PENDING)
        probe_lost (self, probe);
      g_object_unref (probe);
    }
}

static gboolean
tick_cb (gpointer user_data)
{
  SlPinger *self = user_data;
  gint64 now_us = g_get_monotonic_time ();

  g_object_ref (self);
  if (self->socket != NULL && next_send_us (self) <= now_us)
    {
      if (self->socket->method == SL_PING_METHOD_TCP)
        send_tcp (self, now_us);
      else
        send_icmp (self, now_us);
    }
  if (self->socket != NULL)
    expire_probes (self, now_us);
  if (self->socket != NULL)
    schedule_tick (self);
  g_object_unref (self);
  return G_SOURCE_CONTINUE;
}

static void
schedule_tick (SlPinger *self)
{
  SlPingProbe *oldest;
  gint64 ready = next_send_us (self);

  expire_probes (self, g_get_monotonic_time ());
  if (self->socket == NULL)
    return;
  oldest = g_queue_peek_head (&self->in_flight);
  if (oldest != NULL)
    ready = MIN (ready, self->start_us + sl_ping_probe_get_sent_us (oldest) + timeout_us (self));
  if (ready == G_MAXINT64)
    {
      finish_run (self, NULL);
      return;
    }
  g_source_set_ready_time (self->tick_source, ready);
}

static gboolean
deadline_dispatch (GSource     *source,
                   GSourceFunc  callback,
                   gpointer     user_data)
{
  g_source_set_ready_time (source, -1);
  return callback (user_data);
}

/* A source with no fd and no prepare (): it fires at its ready time only. */
static GSourceFuncs deadline_funcs = { NULL, NULL, deadline_dispatch, NULL, NULL, NULL };

static GSource *
deadline_source_new (SlPinger *self)
{
  GSource *source;

  source = g_source_new (&deadline_funcs, sizeof (GSource));
  g_source_set_callback (source, tick_cb, self, NULL);
  g_source_set_static_name (source, "[sl-pinger tick]");
  g_source_set_priority (source, G_PRIORITY_HIGH);
  return source;
}

static void
log_summary (SlPinger *self)
{
  g_autofree char *summary = sl_pinger_format_summary (self);
  g_auto(GStrv) lines = g_strsplit (summary, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      log_line (self, SL_LOG_KIND_INFO, lines[i]);
}

static void
finish_run (SlPinger *self,
            GError   *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  SlPingProbe *probe;

  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }

  g_object_ref (self);
  sl_clear_source (&self->io_source);
  sl_clear_source (&self->tick_source);
  sl_clear_source (&self->cancel_source);
  g_hash_table_remove_all (self->tcp_attempts);
  /* Probes still out when the run stops early were not answered: lost, as in iputils. */
  while ((probe = g_queue_pop_head (&self->in_flight)) != NULL)
    {
      if (sl_ping_probe_get_state (probe) == SL_PING_PROBE_STATE_PENDING)
        probe_lost (self, probe);
      g_object_unref (probe);
    }
  g_hash_table_remove_all (self->by_wire_seq);
  g_clear_pointer (&self->socket, sl_ping_socket_free);
  g_clear_pointer (&self->buffer, g_free);

  if (self->sent > 0)
    log_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  if (error != NULL)
    {
      log_line (self, SL_LOG_KIND_ERROR, error->message);
      g_task_return_error (task, error);
    }
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (self);
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  SlPinger *self = user_data;

  finish_run (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Ping cancelled")));
  return G_SOURCE_REMOVE;
}

/* Starting a run */

static void
set_string (char       **field,
            const char  *value,
            SlPinger    *self,
            int          prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
log_header (SlPinger *self)
{
  const char *host = self->host;

  if (self->socket->method == SL_PING_METHOD_TCP)
    log_printf (self, SL_LOG_KIND_INFO, _("TCP PING %s (%s) port %u"), host, self->address, self->tcp_port);
  else if (self->family == G_SOCKET_FAMILY_IPV4)
    log_printf (self, SL_LOG_KIND_INFO, _("PING %s (%s) %u(%u) bytes of data."), host, self->address,
                self->payload_size, self->payload_size + SL_ICMP_HEADER_SIZE + 20);
  else
    log_printf (self, SL_LOG_KIND_INFO, _("PING %s (%s) %u data bytes"), host, self->address,
                self->payload_size);
  log_line (self, SL_LOG_KIND_INFO, self->method_explanation);
}

static void
begin_probing (SlPinger *self)
{
  GError *error = NULL;
  g_autofree char *address = address_to_string ((struct sockaddr *) &self->target);

  set_string (&self->address, address, self, PROP_ADDRESS);
  if (!sl_ping_socket_check_route ((struct sockaddr *) &self->target, self->target_len,
                                   self->trace, &error))
    {
      finish_run (self, error);
      return;
    }

  self->socket = sl_ping_socket_open (self->family, self->method_preference, self->tcp_port,
                                      self->trace, &error);
  if (self->socket == NULL)
    {
      finish_run (self, error);
      return;
    }
  self->ident = self->socket->ident;
  /* Raw IPv6 sockets read the port as a protocol number: only TCP gets one. */
  if (self->socket->method == SL_PING_METHOD_TCP)
    sl_sockaddr_set_port (&self->target, self->tcp_port);
  if (self->method != self->socket->method)
    {
      self->method = self->socket->method;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
    }
  set_string (&self->method_explanation, self->socket->explanation, self, PROP_METHOD_EXPLANATION);
  log_header (self);

  self->buffer = g_malloc (SL_ICMP_MAX_PACKET);
  self->cookie = ((guint64) g_random_int () << 32) | g_random_int ();
  if (self->socket->fd >= 0)
    {
      self->io_source = g_unix_fd_source_new (self->socket->fd, G_IO_IN | G_IO_ERR);
      g_source_set_callback (self->io_source, G_SOURCE_FUNC (icmp_readable_cb), self, NULL);
      g_source_set_static_name (self->io_source, "[sl-pinger icmp]");
      g_source_attach (self->io_source, g_task_get_context (self->task));
    }
  self->tick_source = deadline_source_new (self);
  g_source_attach (self->tick_source, g_task_get_context (self->task));
  g_source_set_ready_time (self->tick_source, 0);
}

static gboolean
set_target (SlPinger   *self,
            const char *numeric_host,
            GError    **error)
{
  struct addrinfo hints = { .ai_flags = AI_NUMERICHOST, .ai_socktype = SOCK_DGRAM };
  struct addrinfo *result = NULL;
  int status = getaddrinfo (numeric_host, NULL, &hints, &result);

  if (status != 0 || result == NULL || result->ai_addrlen > sizeof self->target)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an address this computer can ping"), numeric_host);
      if (result != NULL)
        freeaddrinfo (result);
      return FALSE;
    }
  memset (&self->target, 0, sizeof self->target);
  memcpy (&self->target, result->ai_addr, result->ai_addrlen);
  self->target_len = result->ai_addrlen;
  self->family = result->ai_family == AF_INET6 ? G_SOCKET_FAMILY_IPV6 : G_SOCKET_FAMILY_IPV4;
  freeaddrinfo (result);
  return TRUE;
}

static void
resolved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SlPinger *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  GList *addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);
  g_autofree char *first = NULL;

  /* The run may have been stopped, or even restarted, meanwhile. */
  if (self->task != task)
    {
      g_resolver_free_addresses (addresses);
      return;
    }
  if (addresses == NULL)
    {
      GError *friendly = g_error_new (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                                      _("Unknown host “%s”: %s"), self->host, error->message);
      finish_run (self, friendly);
      return;
    }
  first = g_inet_address_to_string (addresses->data);
  g_resolver_free_addresses (addresses);
  if (!set_target (self, first, &error))
    {
      finish_run (self, g_steal_pointer (&error));
      return;
    }
  begin_probing (self);
}

static gboolean
check_options (SlPinger  *self,
               GError   **error)
{
  if (self->interval < SL_PINGER_MIN_USER_INTERVAL && geteuid () != 0)
    {
      g_set_error (error, SL_PINGER_ERROR, SL_PINGER_ERROR_INVALID_OPTION,
                   _("The interval must be at least %.1f s: shorter intervals flood the network "
                     "and need administrator rights"), SL_PINGER_MIN_USER_INTERVAL);
      return FALSE;
    }
  return TRUE;
}

static void
reset_results (SlPinger *self)
{
  g_clear_pointer (&self->stats, sl_ping_stats_free);
  self->stats = sl_ping_stats_new ();
  sl_ring_clear (self->probes);
  self->sent = 0;
  self->start_us = self->last_send_us = 0;
  self->ident = 0;
  notify_stats (self);
}

void
sl_pinger_run_async (SlPinger            *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SlAddress) address = NULL;
  g_autofree char *port = NULL;
  GError *error = NULL;

  g_return_if_fail (SL_IS_PINGER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_pinger_run_async);
  if (self->task != NULL)
    {
      g_task_return_new_error (task, SL_PINGER_ERROR, SL_PINGER_ERROR_BUSY,
                               _("This host is already being pinged"));
      return;
    }
  if (!check_options (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  port = g_strdup_printf ("%u", self->tcp_port);
  address = sl_address_parse (self->host, port, &error);
  if (address == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  reset_results (self);
  self->task = g_steal_pointer (&task);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (cancelled_cb), self, NULL);
      g_source_attach (self->cancel_source, g_task_get_context (self->task));
    }

  if (address->family == G_SOCKET_FAMILY_INVALID)
    {
      g_resolver_lookup_by_name_async (g_resolver_get_default (), address->host, cancellable,
                                       resolved_cb, g_object_ref (self->task));
      return;
    }
  if (!set_target (self, address->host, &error))
    {
      finish_run (self, error);
      return;
    }
  begin_probing (self);
}

gboolean
sl_pinger_run_finish (SlPinger      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (SL_IS_PINGER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sl_pinger_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sl_pinger_stop (SlPinger *self)
{
  g_return_if_fail (SL_IS_PINGER (self));

  finish_run (self, NULL);
}

char *
sl_pinger_format_summary (SlPinger *self)
{
  g_autofree char *host = NULL;

  g_return_val_if_fail (SL_IS_PINGER (self), NULL);

  host = g_strstrip (g_strdup (self->host ? self->host : ""));
  return sl_ping_stats_format_summary (self->stats, host);
}

/* GObject */

static void
sl_pinger_dispose (GObject *object)
{
  SlPinger *self = SL_PINGER (object);

  /* A run holds a reference through its task, so none is in progress here. */
  g_clear_object (&self->log);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (sl_pinger_parent_class)->dispose (object);
}

static void
sl_pinger_finalize (GObject *object)
{
  SlPinger *self = SL_PINGER (object);

  g_free (self->host);
  g_free (self->method_explanation);
  g_free (self->address);
  g_clear_pointer (&self->stats, sl_ping_stats_free);
  g_clear_object (&self->probes);
  g_clear_pointer (&self->by_wire_seq, g_hash_table_unref);
  g_clear_pointer (&self->tcp_attempts, g_hash_table_unref);
  g_free (self->buffer);

  G_OBJECT_CLASS (sl_pinger_parent_class)->finalize (object);
}

static void
sl_pinger_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SlPinger *self = SL_PINGER (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_METHOD_PREFERENCE:
      g_value_set_enum (value, self->method_preference);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    case PROP_INTERVAL:
      g_value_set_double (value, self->interval);
      break;
    case PROP_TIMEOUT:
      g_value_set_double (value, self->timeout);
      break;
    case PROP_PAYLOAD_SIZE:
      g_value_set_uint (value, self->payload_size);
      break;
    case PROP_TCP_PORT:
      g_value_set_uint (value, self->tcp_port);
      break;
    case PROP_LOG:
      g_value_set_object (value, self->log);
      break;
    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;
    case PROP_METHOD_EXPLANATION:
      g_value_set_string (value, self->method_explanation);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->task != NULL);
      break;
    case PROP_STATS:
      g_value_set_boxed (value, self->stats);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_pinger_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SlPinger *self = SL_PINGER (object);

  switch (prop_id)
    {
    case PROP_HOST:
      sl_pinger_set_host (self, g_value_get_string (value));
      break;
    case PROP_METHOD_PREFERENCE:
      sl_pinger_set_method_preference (self, g_value_get_enum (value));
      break;
    case PROP_COUNT:
      sl_pinger_set_count (self, g_value_get_uint (value));
      break;
    case PROP_INTERVAL:
      sl_pinger_set_interval (self, g_value_get_double (value));
      break;
    case PROP_TIMEOUT:
      sl_pinger_set_timeout (self, g_value_get_double (value));
      break;
    case PROP_PAYLOAD_SIZE:
      sl_pinger_set_payload_size (self, g_value_get_uint (value));
      break;
    case PROP_TCP_PORT:
      sl_pinger_set_tcp_port (self, g_value_get_uint (value));
      break;
    case PROP_LOG:
      sl_pinger_set_log (self, g_value_get_object (value));
      break;
    case PROP_TRACE:
      sl_pinger_set_trace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_pinger_class_init (SlPingerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sl_pinger_dispose;
  object_class->finalize = sl_pinger_finalize;
  object_class->get_property = sl_pinger_get_property;
  object_class->set_property = sl_pinger_set_property;

  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, rw);
  properties[PROP_METHOD_PREFERENCE] =
    g_param_spec_enum ("method-preference", NULL, NULL, SL_TYPE_PING_METHOD,
                       SL_PING_METHOD_ICMP_DGRAM, rw);
  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_INTERVAL] =
    g_param_spec_double ("interval", NULL, NULL, 0.001, 3600.0, SL_PINGER_DEFAULT_INTERVAL, rw);
  properties[PROP_TIMEOUT] =
    g_param_spec_double ("timeout", NULL, NULL, 0.001, 3600.0, SL_PINGER_DEFAULT_TIMEOUT, rw);
  properties[PROP_PAYLOAD_SIZE] =
    g_param_spec_uint ("payload-size", NULL, NULL, 0, SL_PINGER_MAX_PAYLOAD_SIZE,
                       SL_PINGER_DEFAULT_PAYLOAD_SIZE, rw);
  properties[PROP_TCP_PORT] =
    g_param_spec_uint ("tcp-port", NULL, NULL, 1, 65535, SL_PINGER_DEFAULT_TCP_PORT, rw);
  properties[PROP_LOG] = g_param_spec_object ("log", NULL, NULL, SL_TYPE_LOG, rw);
  properties[PROP_TRACE] = g_param_spec_object ("trace", NULL, NULL, SL_TYPE_TRACE, rw);
  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL, SL_TYPE_PING_METHOD, SL_PING_METHOD_ICMP_DGRAM, ro);
  properties[PROP_METHOD_EXPLANATION] =
    g_param_spec_string ("method-explanation", NULL, NULL, NULL, ro);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, ro);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties[PROP_STATS] = g_param_spec_boxed ("stats", NULL, NULL, SL_TYPE_PING_STATS, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A probe was answered, lost or failed (its state says which). */
  signals[PROBE_FINISHED] =
    g_signal_new ("probe-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SL_TYPE_PING_PROBE);
  /* A further reply to an answered probe, with its round-trip time in µs. */
  signals[DUPLICATE] =
    g_signal_new ("duplicate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, SL_TYPE_PING_PROBE, G_TYPE_INT64);
}

static void
sl_pinger_init (SlPinger *self)
{
  self->method_preference = SL_PING_METHOD_ICMP_DGRAM;
  self->interval = SL_PINGER_DEFAULT_INTERVAL;
  self->timeout = SL_PINGER_DEFAULT_TIMEOUT;
  self->payload_size = SL_PINGER_DEFAULT_PAYLOAD_SIZE;
  self->tcp_port = SL_PINGER_DEFAULT_TCP_PORT;
  self->log = sl_log_new (0);
  self->stats = sl_ping_stats_new ();
  self->probes = g_object_new (SL_TYPE_RING,
                               "item-type", SL_TYPE_PING_PROBE,
                               "max-items", SL_LOG_DEFAULT_MAX_ENTRIES,
                               NULL);
  self->by_wire_seq = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->tcp_attempts = g_hash_table_new_full (NULL, NULL, NULL, tcp_attempt_free);
  g_queue_init (&self->in_flight);
}

SlPinger *
sl_pinger_new (const char *host)
{
  return g_object_new (SL_TYPE_PINGER, "host", host, NULL);
}

/* Accessors */

const char *
sl_pinger_get_host (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), NULL);
  return self->host;
}

void
sl_pinger_set_host (SlPinger   *self,
                    const char *host)
{
  g_return_if_fail (SL_IS_PINGER (self));
  set_string (&self->host, host, self, PROP_HOST);
}

SlPingMethod
sl_pinger_get_method_preference (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), SL_PING_METHOD_ICMP_DGRAM);
  return self->method_preference;
}

void
sl_pinger_set_method_preference (SlPinger     *self,
                                 SlPingMethod  method)
{
  g_return_if_fail (SL_IS_PINGER (self));
  g_return_if_fail (method <= SL_PING_METHOD_TCP);

  if (self->method_preference == method)
    return;
  self->method_preference = method;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD_PREFERENCE]);
}

guint
sl_pinger_get_count (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), 0);
  return self->count;
}

void
sl_pinger_set_count (SlPinger *self,
                     guint     count)
{
  g_return_if_fail (SL_IS_PINGER (self));

  if (self->count == count)
    return;
  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

double
sl_pinger_get_interval (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), SL_PINGER_DEFAULT_INTERVAL);
  return self->interval;
}

void
sl_pinger_set_interval (SlPinger *self,
                        double    interval)
{
  g_return_if_fail (SL_IS_PINGER (self));
  g_return_if_fail (interval > 0);

  if (self->interval == interval)
    return;
  self->interval = interval;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

double
sl_pinger_get_timeout (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), SL_PINGER_DEFAULT_TIMEOUT);
  return self->timeout;
}

void
sl_pinger_set_timeout (SlPinger *self,
                       double    timeout)
{
  g_return_if_fail (SL_IS_PINGER (self));
  g_return_if_fail (timeout > 0);

  if (self->timeout == timeout)
    return;
  self->timeout = timeout;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
sl_pinger_get_payload_size (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), SL_PINGER_DEFAULT_PAYLOAD_SIZE);
  return self->payload_size;
}

void
sl_pinger_set_payload_size (SlPinger *self,
                            guint     size)
{
  g_return_if_fail (SL_IS_PINGER (self));
  g_return_if_fail (size <= SL_PINGER_MAX_PAYLOAD_SIZE);
  g_return_if_fail (self->task == NULL);

  if (self->payload_size == size)
    return;
  self->payload_size = size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAYLOAD_SIZE]);
}

guint
sl_pinger_get_tcp_port (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), SL_PINGER_DEFAULT_TCP_PORT);
  return self->tcp_port;
}

void
sl_pinger_set_tcp_port (SlPinger *self,
                        guint     port)
{
  g_return_if_fail (SL_IS_PINGER (self));
  g_return_if_fail (port >= 1 && port <= 65535);

  if (self->tcp_port == port)
    return;
  self->tcp_port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TCP_PORT]);
}

SlLog *
sl_pinger_get_log (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), NULL);
  return self->log;
}

void
sl_pinger_set_log (SlPinger *self,
                   SlLog    *log)
{
  g_return_if_fail (SL_IS_PINGER (self));
  g_return_if_fail (SL_IS_LOG (log));

  if (g_set_object (&self->log, log))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG]);
}

SlTrace *
sl_pinger_get_trace (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), NULL);
  return self->trace;
}

void
sl_pinger_set_trace (SlPinger *self,
                     SlTrace  *trace)
{
  g_return_if_fail (SL_IS_PINGER (self));
  g_return_if_fail (trace == NULL || SL_IS_TRACE (trace));

  if (g_set_object (&self->trace, trace))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);
}

SlPingMethod
sl_pinger_get_method (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), SL_PING_METHOD_ICMP_DGRAM);
  return self->method;
}

const char *
sl_pinger_get_method_explanation (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), NULL);
  return self->method_explanation;
}

const char *
sl_pinger_get_address (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), NULL);
  return self->address;
}

guint16
sl_pinger_get_ident (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), 0);
  return self->ident;
}

gboolean
sl_pinger_get_running (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), FALSE);
  return self->task != NULL;
}

const SlPingStats *
sl_pinger_get_stats (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), NULL);
  return self->stats;
}

GListModel *
sl_pinger_get_probes (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), NULL);
  return G_LIST_MODEL (self->probes);
}
