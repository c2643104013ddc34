/* sl-ping-method.c: choose the ping method this system allows and say why.
 *
 * Order: an unprivileged ICMP datagram socket (Linux allows it to the groups listed in
 * net.ipv4.ping_group_range), a raw ICMP socket (root or CAP_NET_RAW), and finally TCP
 * connect timing, which works anywhere, even in a Flatpak sandbox (sl-probe-method.c says
 * why the ICMP ones could not be used there).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <netinet/in.h>

#include "sl-icmp-dgram-prober.h"
#include "sl-icmp-raw-prober.h"
#include "sl-ping-method.h"
#include "sl-probe-method.h"
#include "sl-socket-util.h"
#include "sl-tcp-prober.h"

static char *
explain_choice (SlPingMethod  method,
                GSocketFamily family,
                guint         tcp_port,
                const char   *failures)
{
  g_autofree char *why = NULL;
  const char *proto = sl_ip_protocol_name (family == G_SOCKET_FAMILY_IPV6 ? IPPROTO_ICMPV6
                                                                          : IPPROTO_ICMP);

  switch (method)
    {
    case SL_PING_METHOD_ICMP_DGRAM:
      /* Translators: SOCK_DGRAM is the socket type's constant, %s the protocol (IPPROTO_ICMP) and
       * net.ipv4.ping_group_range a kernel setting: keep them as they are. */
      why = g_strdup_printf (_("ICMP echo over an unprivileged datagram socket (SOCK_DGRAM, %s): "
                               "your group is inside net.ipv4.ping_group_range, so no special "
                               "rights are needed."), proto);
      break;
    case SL_PING_METHOD_ICMP_RAW:
      /* Translators: SOCK_RAW is the socket type's constant, %s the protocol, CAP_NET_RAW the
       * capability: keep them as they are. */
      why = g_strdup_printf (_("ICMP echo over a raw socket (SOCK_RAW, %s), allowed because "
                               "Socket Lab runs as root or with CAP_NET_RAW."), proto);
      break;
    case SL_PING_METHOD_TCP:
    default:
      /* Translators: RST is the TCP flag's name: keep it as it is. */
      why = g_strdup_printf (_("TCP connect ping: times the TCP handshake with port %u; a refused "
                               "connection (RST) counts as a reply too."), tcp_port);
      break;
    }
  if (*failures == '\0')
    return g_steal_pointer (&why);
  /* After ICMP failed both ways, say so before saying why. */
  if (method == SL_PING_METHOD_TCP)
    return g_strdup_printf ("%s %s%s", why, _("ICMP is unavailable here. "), failures);
  return g_strdup_printf ("%s %s", why, failures);
}

static gpointer
open_method (int       method,
             gpointer  user_data,
             int      *out_errno)
{
  const SlProberOptions *options = user_data;

  switch (method)
    {
    case SL_PING_METHOD_ICMP_DGRAM:
      return sl_icmp_dgram_prober_open (options, out_errno);
    case SL_PING_METHOD_ICMP_RAW:
      return sl_icmp_raw_prober_open (options, out_errno);
    case SL_PING_METHOD_TCP:
    default:
      return sl_tcp_prober_new (options);
    }
}

static char *
explain_failure (int method,
                 int errsv)
{
  if (method == SL_PING_METHOD_ICMP_DGRAM)
    return sl_probe_method_explain_icmp_dgram_failure_here (errsv);
  return sl_probe_method_explain_icmp_raw_failure_here (errsv);
}

SlProber *
sl_ping_method_open (SlPingMethod            first,
                     const SlProberOptions  *options,
                     char                  **out_explanation)
{
  int order[SL_PING_METHOD_TCP + 1];
  g_autofree char *failures = NULL;
  SlProber *prober;
  guint n = 0;
  int method;

  g_return_val_if_fail (options->target.family == G_SOCKET_FAMILY_IPV4 ||
                        options->target.family == G_SOCKET_FAMILY_IPV6, NULL);

  /* The chosen method, then the ones after it. */
  for (int m = first; m <= SL_PING_METHOD_TCP; m++)
    order[n++] = m;
  prober = sl_probe_method_open_first (order, n, open_method, explain_failure, (gpointer) options,
                                       &method, &failures);
  *out_explanation = explain_choice (method, options->target.family, options->tcp_port, failures);
  return prober;
}
