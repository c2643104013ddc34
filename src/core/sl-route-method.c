/* sl-route-method.c: choose the route method this system allows and say why.
 *
 * UDP probes need nothing but an ordinary socket, so they are the default and the first
 * fallback; ICMP echo needs the user's group in net.ipv4.ping_group_range; TCP connection
 * attempts need nothing either and open a socket per probe, so "opening" them never fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <netinet/in.h>

#include "sl-errno.h"
#include "sl-icmp-route-prober.h"
#include "sl-probe-method.h"
#include "sl-route-method.h"
#include "sl-socket-util.h"
#include "sl-tcp-prober.h"
#include "sl-udp-route-prober.h"

static char *
explain_choice (SlRouteMethod  method,
                GSocketFamily  family,
                guint          tcp_port)
{
  gboolean v6 = family == G_SOCKET_FAMILY_IPV6;
  const char *recverr = sl_socket_option_name (v6 ? IPPROTO_IPV6 : IPPROTO_IP,
                                               v6 ? IPV6_RECVERR : IP_RECVERR);

  switch (method)
    {
    case SL_ROUTE_METHOD_ICMP:
      /* Translators: mtr is a program, SOCK_DGRAM a socket type's constant,
       * net.ipv4.ping_group_range a kernel setting and the second %s the socket option
       * (IP_RECVERR): keep them as they are. */
      return g_strdup_printf (_("ICMP echo requests with a growing TTL, like mtr, over an unprivileged "
                                "datagram socket (SOCK_DGRAM, %s): your group is inside "
                                "net.ipv4.ping_group_range, so no special rights are needed. Each "
                                "router’s “time exceeded” arrives on the socket’s error queue (%s)."),
                              sl_ip_protocol_name (v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP), recverr);
    case SL_ROUTE_METHOD_TCP:
      /* Translators: traceroute -T is a command, connect () the system call, SYN, SYN-ACK and RST
       * the TCP segments' names, %s the socket option (IP_RECVERR): keep them as they are. */
      return g_strdup_printf (_("TCP connection attempts (SYN) to port %u with a growing TTL, like "
                                "traceroute -T: a router’s “time exceeded” makes connect () fail and "
                                "waits on the socket’s error queue (%s); a SYN-ACK or a RST comes from "
                                "the target itself. This passes firewalls that drop UDP and ICMP."),
                              tcp_port, recverr);
    case SL_ROUTE_METHOD_UDP:
    default:
      /* Translators: tracepath is a program and %s the socket option (IP_RECVERR): keep them as
       * they are; “port unreachable” is the ICMP message's name. */
      return g_strdup_printf (_("UDP datagrams with a growing TTL, like tracepath: an ordinary UDP "
                                "socket with %s, so the kernel hands Socket Lab each router’s ICMP "
                                "“time exceeded” on the socket’s error queue. No special rights are "
                                "needed. The target answers “port unreachable”."),
                              recverr);
    }
}

static gpointer
open_method (int       method,
             gpointer  user_data,
             int      *out_errno)
{
  const SlRouteProberOptions *options = user_data;

  switch (method)
    {
    case SL_ROUTE_METHOD_ICMP:
      return sl_icmp_route_prober_open (options, out_errno);
    case SL_ROUTE_METHOD_UDP:
      return sl_udp_route_prober_open (options, out_errno);
    case SL_ROUTE_METHOD_TCP:
    default:
      return sl_tcp_prober_new_route (options);
    }
}

static char *
explain_failure (int method,
                 int errsv)
{
  if (method == SL_ROUTE_METHOD_UDP)
    return g_strdup_printf (_("A UDP socket could not be opened (%s)."), sl_errno_label (errsv));
  return sl_probe_method_explain_icmp_dgram_failure_here (errsv);
}

SlRouteProber *
sl_route_method_open (SlRouteMethod               first,
                      const SlRouteProberOptions *options,
                      char                      **out_explanation)
{
  int order[] = { first, SL_ROUTE_METHOD_UDP, SL_ROUTE_METHOD_TCP };
  g_autofree char *failures = NULL;
  g_autofree char *why = NULL;
  g_autofree char *spaced = NULL;
  SlRouteProber *prober;
  guint n = 1;
  int method;

  g_return_val_if_fail (options->target.family == G_SOCKET_FAMILY_IPV4 ||
                        options->target.family == G_SOCKET_FAMILY_IPV6, NULL);

  /* The chosen method, then UDP and TCP unless it was one of them. */
  for (guint i = 1; i < G_N_ELEMENTS (order); i++)
    if (order[i] != (int) first)
      order[n++] = order[i];
  prober = sl_probe_method_open_first (order, n, open_method, explain_failure, (gpointer) options,
                                       &method, &failures);
  why = explain_choice (method, options->target.family, options->tcp_port);
  spaced = g_strconcat (" ", failures, NULL);
  if (*failures == '\0')
    *out_explanation = g_steal_pointer (&why);
  else
    *out_explanation = g_strdup_printf (_("%s It replaces the method you chose:%s"), why, spaced);
  return prober;
}
