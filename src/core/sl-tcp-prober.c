/* sl-tcp-prober.c: probes as TCP connection attempts, for ping and for the route.
 *
 * Each probe is a non-blocking connect () on a socket of its own, kept until the outcome
 * or until the probe is given up on (abandoned: its socket is closed). An accepted
 * connection (SYN-ACK) and a refused one (RST) both prove the target answered; the time is
 * the kernel's own measurement of the handshake (TCP_INFO) when it has one.
 *
 * For ping, both count as a reply. For the route, each socket's IP_TTL is its probe's: the
 * SYN dies at that hop, and the router's "time exceeded" makes the connect fail with
 * EHOSTUNREACH; with IP_RECVERR the kernel also keeps the ICMP error, with who sent it, on
 * the socket's error queue. Firewalls that drop UDP and ICMP usually let a SYN to port 443
 * through.
 *
 * Probes are known by their pointer only and never touched: a connect () that ends after
 * its probe was given up on finds another socket (or none) under that pointer, and is
 * forgotten.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>

#include "sl-errno.h"
#include "sl-probe-util.h"
#include "sl-socket-util.h"
#include "sl-tcp-prober.h"

struct _SlTcpProber
{
  GObject                  parent_instance;

  SlProbeTarget            target;       /* with the port */
  SlTrace                 *trace;
  /* Who hears the outcomes: the pinger or the route, whichever opened it. */
  const SlProbeSink       *ping_sink;
  const SlRouteSink       *route_sink;
  gpointer                 sink_data;
  GHashTable              *attempts;     /* probe → SlSocket */
};

static void prober_iface_init       (SlProberInterface      *iface);
static void route_prober_iface_init (SlRouteProberInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SlTcpProber, sl_tcp_prober, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SL_TYPE_PROBER, prober_iface_init)
                               G_IMPLEMENT_INTERFACE (SL_TYPE_ROUTE_PROBER, route_prober_iface_init))

static void
close_attempt (gpointer data)
{
  SlSocket *socket = data;

  sl_socket_close (socket);
  g_object_unref (socket);
}

/* ---- what an attempt means ---------------------------------------------------------- */

/* "127.0.0.1 port 443" */
static char *
describe_target (SlTcpProber *self)
{
  g_autofree char *host = sl_sockaddr_to_host (&self->target.address);

  return g_strdup_printf ("%s port %u", host, sl_sockaddr_get_port (&self->target.address));
}

static void
ping_done (SlTcpProber *self,
           SlPingProbe *probe,
           int          errsv,
           gint64       rtt_us)
{
  SlProbeAnswer answer = { .ttl = -1, .rtt_us = rtt_us, .refused = errsv == ECONNREFUSED };

  if (errsv != 0 && errsv != ECONNREFUSED)
    {
      g_autofree char *target = describe_target (self);
      g_autofree char *described = sl_errno_describe (errsv);
      /* Not translated, like ping's error lines it stands beside in the log; the errno's
       * explanation in it is. */
      g_autofree char *message = g_strdup_printf ("connect to %s: tcp_seq=%llu %s", target,
                                                  (unsigned long long) sl_ping_probe_get_seq (probe),
                                                  described);

      self->ping_sink->failed (probe, message, self->sink_data);
      return;
    }
  self->ping_sink->replied (probe, &answer, self->sink_data);
}

static void
route_fail (SlTcpProber  *self,
            SlRouteProbe *probe,
            const char   *call,
            int           errsv)
{
  g_autofree char *message = sl_errno_describe_call (call, errsv);

  self->route_sink->failed (probe, message, self->sink_data);
}

/* connect () failed: the error queue says who stopped the SYN, and why. */
static void
read_error_queue (SlTcpProber  *self,
                  SlRouteProbe *probe,
                  SlSocket     *socket,
                  int           errsv)
{
  guint8 buffer[512];

  for (;;)
    {
      SlSocketMessage message;
      SlRouteAnswer answer;

      if (sl_socket_recvmsg (socket, buffer, sizeof buffer, MSG_ERRQUEUE, &message, NULL) < 0)
        break;
      if (!sl_route_answer_from_error (&message, &self->target, probe, &answer))
        continue;
      self->route_sink->answered (probe, &answer, self->sink_data);
      sl_route_answer_clear (&answer);
      return;
    }
  route_fail (self, probe, "connect", errsv);
}

static void
route_done (SlTcpProber  *self,
            SlRouteProbe *probe,
            SlSocket     *socket,
            int           errsv,
            gint64        rtt_us)
{
  SlRouteAnswer answer = { .kind = SL_ROUTE_ANSWER_DESTINATION, .from = self->target.address,
                           .rtt_us = rtt_us };

  if (errsv != 0 && errsv != ECONNREFUSED)
    {
      read_error_queue (self, probe, socket, errsv);
      return;
    }
  self->route_sink->answered (probe, &answer, self->sink_data);
}

/* ---- attempts ----------------------------------------------------------------------- */

/* What a connect's callback needs; the prober may be gone by the time it runs. */
typedef struct {
  GWeakRef  prober;
  gpointer  probe;
} Pending;

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(SlTcpProber) self = g_weak_ref_get (&pending->prober);
  SlSocket *socket = SL_SOCKET (object);
  g_autoptr(GError) error = NULL;
  gint64 rtt_us = 0;
  int errsv = 0;

  /* Abandoned or closed meanwhile (the socket then is no longer the probe's): forget it. */
  if (sl_socket_connect_finish (socket, result, &errsv, &rtt_us, &error) && self != NULL &&
      g_hash_table_lookup (self->attempts, pending->probe) == socket)
    {
      gint64 kernel_rtt = 0;

      /* Taken out first: the sink may abandon the probe while it hears the answer. The
       * table's reference is ours now. */
      g_hash_table_steal (self->attempts, pending->probe);
      /* The kernel timed the SYN / SYN-ACK exchange itself; a RST leaves only our clock. */
      if (errsv == 0 && sl_socket_get_tcp_rtt (socket, &kernel_rtt) == 0 && kernel_rtt > 0)
        rtt_us = kernel_rtt;
      if (self->route_sink != NULL)
        route_done (self, pending->probe, socket, errsv, rtt_us);
      else
        ping_done (self, pending->probe, errsv, rtt_us);
      close_attempt (socket);
    }
  g_weak_ref_clear (&pending->prober);
  g_free (pending);
}

static SlSocket *
open_attempt (SlTcpProber *self,
              int         *out_errno)
{
  int domain = self->target.family == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET;

  return sl_socket_open (domain, SOCK_STREAM, IPPROTO_TCP, self->trace, out_errno);
}

/* No timeout of its own: the pinger or the route gives the probe up and abandons it. */
static void
start_attempt (SlTcpProber *self,
               gpointer     probe,
               SlSocket    *socket)
{
  Pending *pending = g_new0 (Pending, 1);

  g_hash_table_insert (self->attempts, probe, socket);
  g_weak_ref_init (&pending->prober, self);
  pending->probe = probe;
  sl_socket_connect_async (socket, (struct sockaddr *) &self->target.address, self->target.length,
                           0, NULL, connect_cb, pending);
}

/* ---- SlProber ----------------------------------------------------------------------- */

static void
ping_send (SlProber    *prober,
           SlPingProbe *probe)
{
  SlTcpProber *self = SL_TCP_PROBER (prober);
  SlSocket *socket;
  int errsv;

  socket = open_attempt (self, &errsv);
  if (socket == NULL)
    {
      g_autofree char *message = sl_errno_describe_call ("socket", errsv);

      self->ping_sink->failed (probe, message, self->sink_data);
      return;
    }
  start_attempt (self, probe, socket);
}

static void
ping_abandon (SlPingProbe *probe,
              SlProber    *prober)
{
  g_hash_table_remove (SL_TCP_PROBER (prober)->attempts, probe);
}

static void
ping_close (SlProber *prober)
{
  g_hash_table_remove_all (SL_TCP_PROBER (prober)->attempts);
}

static SlPingMethod
ping_get_method (SlProber *prober)
{
  return SL_PING_METHOD_TCP;
}

static void
prober_iface_init (SlProberInterface *iface)
{
  iface->get_method = ping_get_method;
  iface->send = ping_send;
  iface->abandon = ping_abandon;
  iface->close = ping_close;
}

/* ---- SlRouteProber ------------------------------------------------------------------ */

static void
route_send (SlRouteProber *prober,
            SlRouteProbe  *probe)
{
  SlTcpProber *self = SL_TCP_PROBER (prober);
  SlSocket *socket;
  int errsv;

  probe->size = 0;
  socket = open_attempt (self, &errsv);
  if (socket == NULL)
    {
      route_fail (self, probe, "socket", errsv);
      return;
    }
  sl_probe_set_receive_options (socket, self->target.family, SL_PROBE_RECEIVE_ERRORS);
  errsv = sl_route_set_ttl (socket, self->target.family, probe->ttl);
  if (errsv != 0)
    {
      close_attempt (socket);
      route_fail (self, probe, "setsockopt", errsv);
      return;
    }
  probe->send_clock_ns = sl_probe_clock_ns ();
  start_attempt (self, probe, socket);
}

static void
route_abandon (SlRouteProber *prober,
               SlRouteProbe  *probe)
{
  g_hash_table_remove (SL_TCP_PROBER (prober)->attempts, probe);
}

static void
route_close (SlRouteProber *prober)
{
  g_hash_table_remove_all (SL_TCP_PROBER (prober)->attempts);
}

static SlRouteMethod
route_get_method (SlRouteProber *prober)
{
  return SL_ROUTE_METHOD_TCP;
}

static void
route_prober_iface_init (SlRouteProberInterface *iface)
{
  iface->get_method = route_get_method;
  iface->send = route_send;
  iface->abandon = route_abandon;
  iface->close = route_close;
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
sl_tcp_prober_finalize (GObject *object)
{
  SlTcpProber *self = SL_TCP_PROBER (object);

  g_hash_table_unref (self->attempts);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (sl_tcp_prober_parent_class)->finalize (object);
}

static void
sl_tcp_prober_class_init (SlTcpProberClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_tcp_prober_finalize;
}

static void
sl_tcp_prober_init (SlTcpProber *self)
{
  self->attempts = g_hash_table_new_full (NULL, NULL, NULL, close_attempt);
}

static SlTcpProber *
tcp_prober_new (const SlProbeTarget *target,
                guint                port,
                SlTrace             *trace,
                gpointer             sink_data)
{
  SlTcpProber *self = g_object_new (SL_TYPE_TCP_PROBER, NULL);

  self->target = *target;
  sl_sockaddr_set_port (&self->target.address, port);
  self->trace = trace != NULL ? g_object_ref (trace) : NULL;
  self->sink_data = sink_data;
  return self;
}

SlProber *
sl_tcp_prober_new (const SlProberOptions *options)
{
  SlTcpProber *self = tcp_prober_new (&options->target, options->tcp_port, options->trace,
                                      options->sink_data);

  self->ping_sink = options->sink;
  return SL_PROBER (self);
}

SlRouteProber *
sl_tcp_prober_new_route (const SlRouteProberOptions *options)
{
  SlTcpProber *self = tcp_prober_new (&options->target, options->tcp_port, options->trace,
                                      options->sink_data);

  self->route_sink = options->sink;
  return SL_ROUTE_PROBER (self);
}
