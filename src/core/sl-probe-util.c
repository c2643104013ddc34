/* sl-probe-util.c: what the ping and route probers share about their sockets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <netinet/in.h>
#include <time.h>

#include "sl-probe-util.h"

#define RECEIVE_BUFFER_SIZE (256 * 1024)

gint64
sl_probe_clock_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_REALTIME, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

gint64
sl_probe_rtt_us (gint64 send_clock_ns,
                 gint64 kernel_time_ns)
{
  /* No kernel timestamp: now is the best there is. */
  if (kernel_time_ns == 0)
    kernel_time_ns = sl_probe_clock_ns ();
  return MAX (kernel_time_ns - send_clock_ns, 0) / 1000;
}

SlSocket *
sl_probe_open_icmp_socket (GSocketFamily  family,
                           int            type,
                           SlTrace       *trace,
                           int           *out_errno)
{
  gboolean v6 = family == G_SOCKET_FAMILY_IPV6;

  return sl_socket_open (v6 ? AF_INET6 : AF_INET, type, v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP, trace,
                         out_errno);
}

void
sl_probe_set_receive_options (SlSocket            *socket,
                              GSocketFamily        family,
                              SlProbeReceiveFlags  flags)
{
  gboolean v6 = family == G_SOCKET_FAMILY_IPV6;
  int level = v6 ? IPPROTO_IPV6 : IPPROTO_IP;

  /* Kernel timestamps: a busy main loop, or a late read of the error queue, does not
   * inflate the round-trip time. */
  sl_socket_setsockopt_int (socket, SOL_SOCKET, SO_TIMESTAMPNS, 1);
  /* Room for bursts of replies while the main loop is busy drawing. */
  if (flags & SL_PROBE_RECEIVE_LARGE_BUFFER)
    sl_socket_setsockopt_int (socket, SOL_SOCKET, SO_RCVBUF, RECEIVE_BUFFER_SIZE);
  sl_socket_setsockopt_int (socket, level, v6 ? IPV6_RECVHOPLIMIT : IP_RECVTTL, 1);
  if (flags & SL_PROBE_RECEIVE_ERRORS)
    sl_socket_setsockopt_int (socket, level, v6 ? IPV6_RECVERR : IP_RECVERR, 1);
}
