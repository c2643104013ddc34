/* sl-tcp-route-prober.c: route probes as TCP connection attempts with a TTL.
 *
 * Each probe is a TCP connection attempt (sl-tcp-attempts.c) on a socket whose IP_TTL is
 * the probe's: its SYN dies at that hop, and the router's "time exceeded" makes the connect
 * fail with EHOSTUNREACH; with IP_RECVERR the kernel also keeps the ICMP error, with who
 * sent it, on the socket's error queue. A SYN that reaches the target gets a SYN-ACK (the
 * port is open) or a RST (closed): both are the destination answering. Firewalls that drop
 * UDP and ICMP usually let a SYN to port 443 through.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>

#include "sl-errno.h"
#include "sl-probe-util.h"
#include "sl-tcp-attempts.h"
#include "sl-tcp-route-prober.h"

struct _SlTcpRouteProber
{
  GObject                  parent_instance;

  GSocketFamily            family;
  SlTcpAttempts           *attempts;
  const SlRouteSink       *sink;
  gpointer                 sink_data;
};

static void route_prober_iface_init (SlRouteProberInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SlTcpRouteProber, sl_tcp_route_prober, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SL_TYPE_ROUTE_PROBER, route_prober_iface_init))

static void
fail (SlTcpRouteProber *self,
      SlRouteProbe     *probe,
      const char       *call,
      int               errsv)
{
  g_autofree char *message = sl_errno_describe_call (call, errsv);

  self->sink->failed (probe, message, self->sink_data);
}

/* connect () failed: the error queue says who stopped the SYN, and why. */
static void
read_error_queue (SlTcpRouteProber *self,
                  SlRouteProbe     *probe,
                  SlSocket         *socket,
                  int               errsv)
{
  const struct sockaddr_storage *target = sl_tcp_attempts_get_target (self->attempts);
  guint8 buffer[512];

  for (;;)
    {
      SlSocketMessage message;
      SlRouteAnswer answer;

      if (sl_socket_recvmsg (socket, buffer, sizeof buffer, MSG_ERRQUEUE, &message, NULL) < 0)
        break;
      if (!sl_route_answer_from_error (self->family, &message, target, probe, &answer))
        continue;
      self->sink->answered (probe, &answer, self->sink_data);
      sl_route_answer_clear (&answer);
      return;
    }
  fail (self, probe, "connect", errsv);
}

static void
attempt_done (GObject  *owner,
              gpointer  data,
              SlSocket *socket,
              int       errsv,
              gint64    rtt_us)
{
  SlTcpRouteProber *self = SL_TCP_ROUTE_PROBER (owner);
  SlRouteProbe *probe = data;
  SlRouteAnswer answer = { .kind = SL_ROUTE_ANSWER_DESTINATION, .rtt_us = rtt_us };

  if (errsv != 0 && errsv != ECONNREFUSED)
    {
      read_error_queue (self, probe, socket, errsv);
      return;
    }
  answer.from = *sl_tcp_attempts_get_target (self->attempts);
  self->sink->answered (probe, &answer, self->sink_data);
}

static void
tcp_send (SlRouteProber *prober,
          SlRouteProbe  *probe)
{
  SlTcpRouteProber *self = SL_TCP_ROUTE_PROBER (prober);
  SlSocket *socket;
  int errsv;

  probe->size = 0;
  socket = sl_tcp_attempts_open (self->attempts, &errsv);
  if (socket == NULL)
    {
      fail (self, probe, "socket", errsv);
      return;
    }
  sl_probe_set_receive_options (socket, self->family, SL_PROBE_RECEIVE_ERRORS);
  errsv = sl_route_set_ttl (socket, self->family, probe->ttl);
  if (errsv != 0)
    {
      sl_socket_close (socket);
      g_object_unref (socket);
      fail (self, probe, "setsockopt", errsv);
      return;
    }
  probe->send_clock_ns = sl_probe_clock_ns ();
  /* No timeout of its own: SlRoute gives the probe up and abandons it. */
  sl_tcp_attempts_connect (self->attempts, probe, socket);
}

static void
tcp_abandon (SlRouteProber *prober,
             SlRouteProbe  *probe)
{
  sl_tcp_attempts_abandon (SL_TCP_ROUTE_PROBER (prober)->attempts, probe);
}

static void
tcp_close (SlRouteProber *prober)
{
  sl_tcp_attempts_abandon_all (SL_TCP_ROUTE_PROBER (prober)->attempts);
}

static SlRouteMethod
tcp_get_method (SlRouteProber *prober)
{
  return SL_ROUTE_METHOD_TCP;
}

static void
route_prober_iface_init (SlRouteProberInterface *iface)
{
  iface->get_method = tcp_get_method;
  iface->send = tcp_send;
  iface->abandon = tcp_abandon;
  iface->close = tcp_close;
}

static void
sl_tcp_route_prober_finalize (GObject *object)
{
  sl_tcp_attempts_free (SL_TCP_ROUTE_PROBER (object)->attempts);

  G_OBJECT_CLASS (sl_tcp_route_prober_parent_class)->finalize (object);
}

static void
sl_tcp_route_prober_class_init (SlTcpRouteProberClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_tcp_route_prober_finalize;
}

static void
sl_tcp_route_prober_init (SlTcpRouteProber *self)
{
}

SlRouteProber *
sl_tcp_route_prober_new (const SlRouteProberOptions *options)
{
  SlTcpRouteProber *self = g_object_new (SL_TYPE_TCP_ROUTE_PROBER, NULL);

  self->family = options->family;
  self->attempts = sl_tcp_attempts_new (G_OBJECT (self), options->family, &options->target,
                                        options->target_len, options->tcp_port, options->trace,
                                        attempt_done);
  self->sink = options->sink;
  self->sink_data = options->sink_data;
  return SL_ROUTE_PROBER (self);
}
