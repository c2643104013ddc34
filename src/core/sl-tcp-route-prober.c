/* sl-tcp-route-prober.c: route probes as TCP connection attempts with a TTL.
 *
 * Each probe is a non-blocking connect () on a socket of its own whose IP_TTL is the
 * probe's: its SYN dies at that hop, and the router's "time exceeded" makes the connect
 * fail with EHOSTUNREACH; with IP_RECVERR the kernel also keeps the ICMP error, with who
 * sent it, on the socket's error queue. A SYN that reaches the target gets a SYN-ACK (the
 * port is open) or a RST (closed): both are the destination answering. Firewalls that drop
 * UDP and ICMP usually let a SYN to port 443 through.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>

#include "sl-errno.h"
#include "sl-socket-util.h"
#include "sl-socket.h"
#include "sl-tcp-route-prober.h"

struct _SlTcpRouteProber
{
  GObject                  parent_instance;

  GSocketFamily            family;
  struct sockaddr_storage  target;
  socklen_t                target_len;
  SlTrace                 *trace;
  const SlRouteSink       *sink;
  gpointer                 sink_data;
  GHashTable              *attempts;     /* SlRouteProbe * → SlSocket */
};

static void route_prober_iface_init (SlRouteProberInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SlTcpRouteProber, sl_tcp_route_prober, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SL_TYPE_ROUTE_PROBER, route_prober_iface_init))

static void
close_attempt (gpointer data)
{
  SlSocket *socket = data;

  sl_socket_close (socket);
  g_object_unref (socket);
}

static void
fail (SlTcpRouteProber *self,
      SlRouteProbe     *probe,
      const char       *call,
      int               errsv)
{
  g_autofree char *described = sl_errno_describe (errsv);
  g_autofree char *message = g_strdup_printf ("%s: %s", call, described);

  self->sink->failed (probe, message, self->sink_data);
}

/* connect () failed: the error queue says who stopped the SYN, and why. */
static void
read_error_queue (SlTcpRouteProber *self,
                  SlRouteProbe     *probe,
                  SlSocket         *socket,
                  int               errsv)
{
  guint8 buffer[512];

  for (;;)
    {
      SlSocketMessage message;
      SlRouteAnswer answer;

      if (sl_socket_recvmsg (socket, buffer, sizeof buffer, MSG_ERRQUEUE, &message, NULL) < 0)
        break;
      if (!sl_route_answer_from_error (self->family, &message, &self->target, probe, &answer))
        continue;
      self->sink->answered (probe, &answer, self->sink_data);
      sl_route_answer_clear (&answer);
      return;
    }
  fail (self, probe, "connect", errsv);
}

static void
complete (SlTcpRouteProber *self,
          SlRouteProbe     *probe,
          SlSocket         *socket,
          int               errsv,
          gint64            elapsed_us)
{
  SlRouteAnswer answer = { .kind = SL_ROUTE_ANSWER_DESTINATION, .from = self->target,
                           .rtt_us = elapsed_us };
  gint64 kernel_rtt = 0;

  if (errsv != 0 && errsv != ECONNREFUSED)
    {
      read_error_queue (self, probe, socket, errsv);
      return;
    }
  /* The kernel timed the SYN / SYN-ACK exchange itself; a RST leaves only our clock. */
  if (errsv == 0 && sl_socket_get_tcp_rtt (socket, &kernel_rtt) == 0 && kernel_rtt > 0)
    answer.rtt_us = kernel_rtt;
  self->sink->answered (probe, &answer, self->sink_data);
}

/* What a connect's callback needs; the prober may be gone by the time it runs. */
typedef struct {
  GWeakRef      prober;
  SlRouteProbe *probe;
} Pending;

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(SlTcpRouteProber) self = g_weak_ref_get (&pending->prober);
  SlSocket *socket = SL_SOCKET (object);
  g_autoptr(GError) error = NULL;
  gint64 elapsed_us = 0;
  int errsv = 0;

  /* Abandoned or closed meanwhile (the socket then is no longer the probe's): forget it. */
  if (sl_socket_connect_finish (socket, result, &errsv, &elapsed_us, &error) &&
      self != NULL && g_hash_table_lookup (self->attempts, pending->probe) == socket)
    {
      /* Taken out first: the sink may abandon the probe while it hears the answer. The
       * table's reference is ours now. */
      g_hash_table_steal (self->attempts, pending->probe);
      complete (self, pending->probe, socket, errsv, elapsed_us);
      close_attempt (socket);
    }
  g_weak_ref_clear (&pending->prober);
  g_free (pending);
}

static void
tcp_send (SlRouteProber *prober,
          SlRouteProbe  *probe)
{
  SlTcpRouteProber *self = SL_TCP_ROUTE_PROBER (prober);
  int domain = self->family == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET;
  SlSocket *socket;
  Pending *pending;
  int errsv;

  probe->size = 0;
  socket = sl_socket_open (domain, SOCK_STREAM, IPPROTO_TCP, self->trace, &errsv);
  if (socket == NULL)
    {
      fail (self, probe, "socket", errsv);
      return;
    }
  sl_route_set_error_options (socket, self->family);
  errsv = sl_route_set_ttl (socket, self->family, probe->ttl);
  if (errsv != 0)
    {
      close_attempt (socket);
      fail (self, probe, "setsockopt", errsv);
      return;
    }
  g_hash_table_insert (self->attempts, probe, socket);
  pending = g_new0 (Pending, 1);
  g_weak_ref_init (&pending->prober, self);
  pending->probe = probe;
  probe->send_clock_ns = sl_route_realtime_ns ();
  /* No timeout of its own: SlRoute gives the probe up and abandons it. */
  sl_socket_connect_async (socket, (struct sockaddr *) &self->target, self->target_len, 0, NULL,
                           connect_cb, pending);
}

static void
tcp_abandon (SlRouteProber *prober,
             SlRouteProbe  *probe)
{
  g_hash_table_remove (SL_TCP_ROUTE_PROBER (prober)->attempts, probe);
}

static void
tcp_close (SlRouteProber *prober)
{
  g_hash_table_remove_all (SL_TCP_ROUTE_PROBER (prober)->attempts);
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
  SlTcpRouteProber *self = SL_TCP_ROUTE_PROBER (object);

  g_hash_table_unref (self->attempts);
  g_clear_object (&self->trace);

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
  self->attempts = g_hash_table_new_full (NULL, NULL, NULL, close_attempt);
}

SlRouteProber *
sl_tcp_route_prober_new (const SlRouteProberOptions *options)
{
  SlTcpRouteProber *self = g_object_new (SL_TYPE_TCP_ROUTE_PROBER, NULL);

  self->family = options->family;
  self->target = options->target;
  self->target_len = options->target_len;
  sl_sockaddr_set_port (&self->target, options->tcp_port);
  self->trace = options->trace != NULL ? g_object_ref (options->trace) : NULL;
  self->sink = options->sink;
  self->sink_data = options->sink_data;
  return SL_ROUTE_PROBER (self);
}
