/* sl-dgram-route-prober.c: what the UDP and ICMP route probers share.
 *
 * One socket serves the whole run. Before each probe whose TTL differs from the last one,
 * setsockopt (IP_TTL) changes it; the probe leaves with "don't fragment" and the size
 * SlRoute asks for, the path MTU so far (IP_PMTUDISC_PROBE, as tracepath: the kernel's own
 * cached MTU is ignored, so a router on the way says when a link is smaller). Routers' answers arrive on
 * the error queue (IP_RECVERR), the target's either there (port unreachable) or as an
 * ordinary datagram (an echo reply).
 *
 * One kernel detail shapes send (): an ICMP error also sets the socket's pending error, and
 * the next sendto () fails with it (ECONNREFUSED, EHOSTUNREACH) without sending anything.
 * Emptying the error queue clears it. So the queue is read before each sendto (), and a
 * sendto () that still fails that way (an answer came in between) is followed by reading
 * the queue and one more sendto (), as tracepath does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>

#include "sl-dgram-route-prober.h"
#include "sl-errno.h"
#include "sl-probe-util.h"
#include "sl-socket-util.h"

/* Datagrams and error reports read per wakeup: fair to the rest of the main loop. */
#define READS_PER_DISPATCH 64
#define BUFFER_SIZE        65536

typedef struct
{
  SlSocket                *socket;
  SlProbeTarget            target;
  guint                    ttl;             /* as last set on the socket, 0: not yet */
  guint8                  *buffer;
  const SlRouteSink       *sink;
  gpointer                 sink_data;
} SlDgramRouteProberPrivate;

static void route_prober_iface_init (SlRouteProberInterface *iface);

G_DEFINE_TYPE_WITH_CODE (SlDgramRouteProber, sl_dgram_route_prober, G_TYPE_OBJECT,
                         G_ADD_PRIVATE (SlDgramRouteProber)
                         G_IMPLEMENT_INTERFACE (SL_TYPE_ROUTE_PROBER, route_prober_iface_init))

#define PRIV(self) ((SlDgramRouteProberPrivate *) sl_dgram_route_prober_get_instance_private (SL_DGRAM_ROUTE_PROBER (self)))
#define KLASS(self) SL_DGRAM_ROUTE_PROBER_GET_CLASS (self)

static guint
ip_header_size (SlDgramRouteProberPrivate *priv)
{
  return priv->target.family == G_SOCKET_FAMILY_IPV6 ? 40 : 20;
}

/* ---- receiving ---------------------------------------------------------------------- */

static void
report (SlDgramRouteProber  *self,
        SlRouteProbe        *probe,
        const SlRouteAnswer *answer)
{
  SlDgramRouteProberPrivate *priv = PRIV (self);

  priv->sink->answered (probe, answer, priv->sink_data);
}

/* Reads the error queue. A local EMSGSIZE report names no probe; it is about @sending, the
 * probe whose sendto () just failed with EMSGSIZE, when there is one. */
static void
read_errors (SlDgramRouteProber *self,
             SlRouteProbe       *sending)
{
  SlDgramRouteProberPrivate *priv = PRIV (self);

  for (guint i = 0; i < READS_PER_DISPATCH && priv->socket != NULL; i++)
    {
      SlSocketMessage message;
      SlRouteAnswer answer;
      SlRouteProbe *probe = NULL;
      gssize n = sl_socket_recvmsg (priv->socket, priv->buffer, BUFFER_SIZE, MSG_ERRQUEUE,
                                    &message, NULL);
      gboolean local;
      int key;

      if (n < 0)
        return;
      if (!message.has_error)
        continue;
      local = message.error.ee_origin == SO_EE_ORIGIN_LOCAL;
      if (local && sending != NULL)
        probe = sending;
      else if (message.from_len > 0 && sl_sockaddr_same_host (&message.from, &priv->target.address))
        {
          key = KLASS (self)->error_key (self, &message, priv->buffer, n);
          probe = key >= 0 ? priv->sink->lookup (key, priv->sink_data) : NULL;
        }
      /* Someone else's probe, or one given up on already: ignored. */
      if (probe == NULL || !sl_route_answer_from_error (&message, &priv->target, probe, &answer))
        continue;
      report (self, probe, &answer);
      sl_route_answer_clear (&answer);
    }
}

static void
read_replies (SlDgramRouteProber *self)
{
  SlDgramRouteProberPrivate *priv = PRIV (self);

  for (guint i = 0; i < READS_PER_DISPATCH && priv->socket != NULL; i++)
    {
      SlSocketMessage message;
      SlRouteAnswer answer = { .kind = SL_ROUTE_ANSWER_DESTINATION };
      SlRouteProbe *probe;
      gssize n = sl_socket_recvmsg (priv->socket, priv->buffer, BUFFER_SIZE, 0, &message, NULL);
      int key;

      if (n < 0)
        return;
      if (message.from_len == 0 || !sl_sockaddr_same_host (&message.from, &priv->target.address))
        continue;
      key = KLASS (self)->reply_key (self, &message, priv->buffer, n);
      probe = key >= 0 ? priv->sink->lookup (key, priv->sink_data) : NULL;
      if (probe == NULL)
        continue;
      answer.from = message.from;
      answer.rtt_us = sl_probe_rtt_us (probe->send_clock_ns, message.kernel_time_ns);
      report (self, probe, &answer);
    }
}

static void
socket_ready (SlSocket     *socket,
              GIOCondition  revents,
              gpointer      user_data)
{
  /* A sink call may end the run and close us: hold on until the loops have looked. */
  g_autoptr(SlDgramRouteProber) self = g_object_ref (user_data);

  /* The error queue first: emptying it clears the socket's pending error, which an
   * ordinary recvmsg () would otherwise return instead of data (ECONNREFUSED…). */
  read_errors (self, NULL);
  read_replies (self);
}

static const SlSocketHandler socket_handler = {
  .ready = socket_ready,
};

/* ---- SlRouteProber ------------------------------------------------------------------ */

static SlRouteMethod
dgram_get_method (SlRouteProber *prober)
{
  return KLASS (prober)->method;
}

static gssize
send_probe (SlDgramRouteProber            *self,
            SlRouteProbe                  *probe,
            gsize                          length,
            const struct sockaddr_storage *to,
            int                           *errsv)
{
  SlDgramRouteProberPrivate *priv = PRIV (self);

  /* Read the clock as late as possible: the round-trip time starts here. */
  probe->send_clock_ns = sl_probe_clock_ns ();
  return sl_socket_sendto (priv->socket, priv->buffer, length, 0, (const struct sockaddr *) to,
                           priv->target.length, errsv);
}

static void
fail (SlDgramRouteProber *self,
      SlRouteProbe       *probe,
      const char         *call,
      int                 errsv)
{
  SlDgramRouteProberPrivate *priv = PRIV (self);
  g_autofree char *message = sl_errno_describe_call (call, errsv);

  priv->sink->failed (probe, message, priv->sink_data);
}

static void
dgram_send (SlRouteProber *prober,
            SlRouteProbe  *probe)
{
  g_autoptr(SlDgramRouteProber) self = g_object_ref (SL_DGRAM_ROUTE_PROBER (prober));
  SlDgramRouteProberPrivate *priv = PRIV (self);
  struct sockaddr_storage to = priv->target.address;
  guint overhead = ip_header_size (priv) + KLASS (self)->kernel_header_size;
  gsize length;
  gssize sent;
  int errsv;

  if (priv->socket == NULL)
    return;
  /* Answers already queued clear the pending error they set (see above) before it can fail
   * this sendto (); one may end the route below this probe's TTL: then it is not sent. */
  read_errors (self, NULL);
  if (priv->socket == NULL || priv->sink->lookup (probe->key, priv->sink_data) != probe)
    return;
  if (probe->ttl != priv->ttl)
    {
      errsv = sl_route_set_ttl (priv->socket, priv->target.family, probe->ttl);
      if (errsv != 0)
        {
          fail (self, probe, "setsockopt", errsv);
          return;
        }
      priv->ttl = probe->ttl;
    }
  length = probe->size > overhead ? probe->size - overhead : 0;
  length = CLAMP (length, KLASS (self)->min_length, BUFFER_SIZE);
  probe->size = overhead + length;
  KLASS (self)->build (self, probe, priv->buffer, length, &to);

  sent = send_probe (self, probe, length, &to, &errsv);
  if (sent >= 0)
    return;
  if (errsv == EAGAIN || errsv == EWOULDBLOCK || errsv == ENOBUFS)
    {
      /* The send buffer is full: the probe is lost, as it would be on a busy link. */
      return;
    }
  if (errsv == EMSGSIZE)
    {
      /* Larger than the first link: the local report on the error queue gives its MTU. */
      read_errors (self, probe);
      if (priv->socket != NULL && priv->sink->lookup (probe->key, priv->sink_data) == probe)
        fail (self, probe, "sendto", errsv);
      return;
    }
  /* Most likely an earlier ICMP error still pending on the socket (see above). */
  read_errors (self, NULL);
  if (priv->socket == NULL || priv->sink->lookup (probe->key, priv->sink_data) != probe)
    return;
  KLASS (self)->build (self, probe, priv->buffer, length, &to);
  if (send_probe (self, probe, length, &to, &errsv) < 0)
    fail (self, probe, "sendto", errsv);
}

static void
dgram_close (SlRouteProber *prober)
{
  sl_clear_socket (&PRIV (prober)->socket);
}

static void
route_prober_iface_init (SlRouteProberInterface *iface)
{
  iface->get_method = dgram_get_method;
  iface->send = dgram_send;
  iface->close = dgram_close;
}

/* ---- for subclasses ----------------------------------------------------------------- */

void
sl_dgram_route_prober_start (SlDgramRouteProber         *self,
                             const SlRouteProberOptions *options,
                             SlSocket                   *socket)
{
  SlDgramRouteProberPrivate *priv = PRIV (self);
  gboolean v6 = options->target.family == G_SOCKET_FAMILY_IPV6;

  priv->socket = g_object_ref (socket);
  priv->target = options->target;
  priv->sink = options->sink;
  priv->sink_data = options->sink_data;

  sl_probe_set_receive_options (socket, options->target.family, SL_PROBE_RECEIVE_ERRORS);
  /* Don't fragment, and don't shrink to what the kernel believes: let the path say. */
  sl_socket_setsockopt_int (socket, v6 ? IPPROTO_IPV6 : IPPROTO_IP,
                            v6 ? IPV6_MTU_DISCOVER : IP_MTU_DISCOVER,
                            v6 ? IPV6_PMTUDISC_PROBE : IP_PMTUDISC_PROBE);
  sl_socket_set_handler (socket, &socket_handler, self);
  sl_socket_set_reading (socket, TRUE);
}

GSocketFamily
sl_dgram_route_prober_get_family (SlDgramRouteProber *self)
{
  return PRIV (self)->target.family;
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
sl_dgram_route_prober_finalize (GObject *object)
{
  dgram_close (SL_ROUTE_PROBER (object));
  g_free (PRIV (object)->buffer);

  G_OBJECT_CLASS (sl_dgram_route_prober_parent_class)->finalize (object);
}

static void
sl_dgram_route_prober_class_init (SlDgramRouteProberClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_dgram_route_prober_finalize;
}

static void
sl_dgram_route_prober_init (SlDgramRouteProber *self)
{
  PRIV (self)->buffer = g_malloc (BUFFER_SIZE);
}
