/* sl-route-method.c: choose the route method this system allows and say why.
 *
 * UDP probes need nothing but an ordinary socket, so they are the default and the first
 * fallback; ICMP echo needs the user's group in net.ipv4.ping_group_range; TCP connection
 * attempts need nothing either and open a socket per probe, so "opening" them never fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <netinet/in.h>
#include <unistd.h>

#include "sl-errno.h"
#include "sl-icmp-route-prober.h"
#include "sl-route-method.h"
#include "sl-socket-util.h"
#include "sl-tcp-route-prober.h"
#include "sl-udp-route-prober.h"

static const char *
errno_name (int errsv)
{
  return sl_errno_name (errsv) != NULL ? sl_errno_name (errsv) : g_strerror (errsv);
}

static char *
explain_choice (SlRouteMethod  method,
                GSocketFamily  family,
                guint          tcp_port)
{
  gboolean v6 = family == G_SOCKET_FAMILY_IPV6;

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
                              v6 ? "IPPROTO_ICMPV6" : "IPPROTO_ICMP", v6 ? "IPV6_RECVERR" : "IP_RECVERR");
    case SL_ROUTE_METHOD_TCP:
      /* Translators: traceroute -T is a command, connect () the system call, SYN, SYN-ACK and RST
       * the TCP segments' names, %s the socket option (IP_RECVERR): keep them as they are. */
      return g_strdup_printf (_("TCP connection attempts (SYN) to port %u with a growing TTL, like "
                                "traceroute -T: a router’s “time exceeded” makes connect () fail and "
                                "waits on the socket’s error queue (%s); a SYN-ACK or a RST comes from "
                                "the target itself. This passes firewalls that drop UDP and ICMP."),
                              tcp_port, v6 ? "IPV6_RECVERR" : "IP_RECVERR");
    case SL_ROUTE_METHOD_UDP:
    default:
      /* Translators: tracepath is a program and %s the socket option (IP_RECVERR): keep them as
       * they are; “port unreachable” is the ICMP message's name. */
      return g_strdup_printf (_("UDP datagrams with a growing TTL, like tracepath: an ordinary UDP "
                                "socket with %s, so the kernel hands Socket Lab each router’s ICMP "
                                "“time exceeded” on the socket’s error queue. No special rights are "
                                "needed. The target answers “port unreachable”."),
                              v6 ? "IPV6_RECVERR" : "IP_RECVERR");
    }
}

static char *
explain_failure (SlRouteMethod method,
                 int           errsv)
{
  g_autofree char *range = NULL;

  if (method == SL_ROUTE_METHOD_UDP)
    return g_strdup_printf (_("A UDP socket could not be opened (%s)."), errno_name (errsv));
  if (errsv != EACCES && errsv != EPERM)
    return g_strdup_printf (_("ICMP datagram sockets are not available here (%s)."), errno_name (errsv));
  if (g_file_get_contents ("/proc/sys/net/ipv4/ping_group_range", &range, NULL, NULL))
    g_strstrip (g_strdelimit (range, "\t\n", ' '));
  /* Translators: net.ipv4.ping_group_range is a kernel setting and the sudo sysctl command is typed
   * as it is: keep both untranslated. */
  return g_strdup_printf (_("ICMP echo is not allowed for your group (gid %u): it is outside "
                            "net.ipv4.ping_group_range (%s). To allow it, run: "
                            "sudo sysctl -w net.ipv4.ping_group_range=\"0 2147483647\"."),
                          (guint) getgid (), range != NULL ? range : "?");
}

SlRouteProber *
sl_route_method_open (SlRouteMethod               first,
                      const SlRouteProberOptions *options,
                      char                      **out_explanation)
{
  const SlRouteMethod order[] = { first, SL_ROUTE_METHOD_UDP, SL_ROUTE_METHOD_TCP };
  g_autoptr(GString) failures = g_string_new (NULL);
  g_autofree char *why = NULL;
  SlRouteProber *prober = NULL;
  SlRouteMethod method = SL_ROUTE_METHOD_TCP;

  g_return_val_if_fail (options->family == G_SOCKET_FAMILY_IPV4 ||
                        options->family == G_SOCKET_FAMILY_IPV6, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (order) && prober == NULL; i++)
    {
      int errsv = 0;

      method = order[i];
      if (i > 0 && method == first)
        continue;
      if (method == SL_ROUTE_METHOD_TCP)
        prober = sl_tcp_route_prober_new (options);
      else if (method == SL_ROUTE_METHOD_ICMP)
        prober = sl_icmp_route_prober_open (options, &errsv);
      else
        prober = sl_udp_route_prober_open (options, &errsv);
      if (prober == NULL)
        {
          g_autofree char *failure = explain_failure (method, errsv);

          g_string_append_printf (failures, " %s", failure);
        }
    }

  why = explain_choice (method, options->family, options->tcp_port);
  if (failures->len > 0)
    *out_explanation = g_strdup_printf (_("%s It replaces the method you chose:%s"), why, failures->str);
  else
    *out_explanation = g_steal_pointer (&why);
  return prober;
}

gboolean
sl_route_method_check_route (const SlRouteProberOptions  *options,
                             GError                     **error)
{
  struct sockaddr_storage probe = options->target;
  g_autoptr(SlSocket) socket = NULL;
  int errsv;

  socket = sl_socket_open (probe.ss_family, SOCK_DGRAM, IPPROTO_UDP, options->trace, &errsv);
  if (socket != NULL)
    {
      sl_sockaddr_set_port (&probe, SL_ROUTE_UDP_BASE_PORT);
      errsv = sl_socket_connect (socket, (struct sockaddr *) &probe, options->target_len);
      sl_socket_close (socket);
    }
  if (errsv == 0)
    return TRUE;

  {
    g_autofree char *host = sl_sockaddr_to_host (&options->target);
    g_autofree char *described = sl_errno_describe (errsv);

    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                 _("Cannot trace the route to %s: %s"), host, described);
  }
  return FALSE;
}
