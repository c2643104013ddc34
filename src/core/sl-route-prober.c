/* sl-route-prober.c: one way of sending route probes, as an interface SlRoute drives, and
 * what the probers share: the TTL option, the error-queue options, and how an ICMP error on
 * the error queue is read.
 *
 * With IP_RECVERR (IPV6_RECVERR) the kernel keeps every ICMP error about a packet this
 * socket sent on the socket's error queue, with who sent it (the "offender"), its type and
 * code, and the start of the packet it is about. That is how an unprivileged program sees
 * "time exceeded" from each router: no raw socket needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <string.h>

#include "sl-icmp.h"
#include "sl-probe-util.h"
#include "sl-route-prober.h"
#include "sl-socket-util.h"

G_DEFINE_INTERFACE (SlRouteProber, sl_route_prober, G_TYPE_OBJECT)

static void
sl_route_prober_default_init (SlRouteProberInterface *iface)
{
}

SlRouteMethod
sl_route_prober_get_method (SlRouteProber *self)
{
  g_return_val_if_fail (SL_IS_ROUTE_PROBER (self), SL_ROUTE_METHOD_UDP);
  return SL_ROUTE_PROBER_GET_IFACE (self)->get_method (self);
}

void
sl_route_prober_send (SlRouteProber *self,
                      SlRouteProbe  *probe)
{
  g_return_if_fail (SL_IS_ROUTE_PROBER (self));
  g_return_if_fail (probe != NULL);

  SL_ROUTE_PROBER_GET_IFACE (self)->send (self, probe);
}

void
sl_route_prober_abandon (SlRouteProber *self,
                         SlRouteProbe  *probe)
{
  SlRouteProberInterface *iface;

  g_return_if_fail (SL_IS_ROUTE_PROBER (self));

  iface = SL_ROUTE_PROBER_GET_IFACE (self);
  if (iface->abandon != NULL)
    iface->abandon (self, probe);
}

void
sl_route_prober_close (SlRouteProber *self)
{
  g_return_if_fail (SL_IS_ROUTE_PROBER (self));

  SL_ROUTE_PROBER_GET_IFACE (self)->close (self);
}

/* ---- shared ------------------------------------------------------------------------- */

int
sl_route_set_ttl (SlSocket      *socket,
                  GSocketFamily  family,
                  guint          ttl)
{
  if (family == G_SOCKET_FAMILY_IPV6)
    return sl_socket_setsockopt_int (socket, IPPROTO_IPV6, IPV6_UNICAST_HOPS, (int) ttl);
  return sl_socket_setsockopt_int (socket, IPPROTO_IP, IP_TTL, (int) ttl);
}

static gboolean
is_time_exceeded (GSocketFamily family,
                  guint8        type)
{
  return family == G_SOCKET_FAMILY_IPV6 ? type == ICMP6_TIME_EXCEEDED : type == ICMP_TIME_EXCEEDED;
}

static gboolean
is_port_unreachable (GSocketFamily family,
                     guint8        type,
                     guint8        code)
{
  if (family == G_SOCKET_FAMILY_IPV6)
    return type == ICMP6_DST_UNREACH && code == ICMP6_DST_UNREACH_NOPORT;
  return type == ICMP_DEST_UNREACH && code == ICMP_PORT_UNREACH;
}

static gboolean
is_too_big (GSocketFamily family,
            guint8        type,
            guint8        code)
{
  if (family == G_SOCKET_FAMILY_IPV6)
    return type == ICMP6_PACKET_TOO_BIG;
  return type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED;
}

gboolean
sl_route_answer_from_error (const SlSocketMessage *message,
                            const SlProbeTarget   *target,
                            const SlRouteProbe    *probe,
                            SlRouteAnswer         *answer)
{
  GSocketFamily family = target->family;
  const struct sock_extended_err *ee = &message->error;

  memset (answer, 0, sizeof *answer);
  if (!message->has_error)
    return FALSE;
  answer->rtt_us = sl_probe_rtt_us (probe->send_clock_ns, message->kernel_time_ns);
  /* The kernel refused to send it: larger than the first link allows. */
  if (ee->ee_origin == SO_EE_ORIGIN_LOCAL && ee->ee_errno == EMSGSIZE)
    {
      answer->kind = SL_ROUTE_ANSWER_TOO_BIG;
      answer->mtu = ee->ee_info;
      return TRUE;
    }
  if (ee->ee_origin != SO_EE_ORIGIN_ICMP && ee->ee_origin != SO_EE_ORIGIN_ICMP6)
    return FALSE;

  answer->from = message->offender_len > 0 ? message->offender : target->address;
  if (is_time_exceeded (family, ee->ee_type))
    answer->kind = SL_ROUTE_ANSWER_TIME_EXCEEDED;
  else if (is_too_big (family, ee->ee_type, ee->ee_code))
    {
      answer->kind = SL_ROUTE_ANSWER_TOO_BIG;
      answer->mtu = ee->ee_info;
    }
  /* tracepath's "reached": the probe arrived where no one listens on its port. */
  else if (is_port_unreachable (family, ee->ee_type, ee->ee_code))
    answer->kind = SL_ROUTE_ANSWER_DESTINATION;
  else
    {
      /* Refused by the target itself, or stopped by a router on the way. */
      answer->kind = sl_sockaddr_same_host (&answer->from, &target->address) ? SL_ROUTE_ANSWER_DESTINATION
                                                                : SL_ROUTE_ANSWER_UNREACHABLE;
      answer->what = sl_icmp_describe_error (family, ee->ee_type, ee->ee_code, ee->ee_info);
    }
  return TRUE;
}

void
sl_route_answer_clear (SlRouteAnswer *answer)
{
  g_clear_pointer (&answer->what, g_free);
}
