/* sl-probe-util.h: what the ping and route probers share about their sockets (private):
 * the clock kernel receive timestamps use, a round-trip time from it, and the options that
 * make a socket report arrival times, TTLs and ICMP errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-socket.h"

G_BEGIN_DECLS

typedef enum {
  SL_PROBE_RECEIVE_ERRORS       = 1 << 0,   /* IP_RECVERR / IPV6_RECVERR: the error queue */
  SL_PROBE_RECEIVE_LARGE_BUFFER = 1 << 1,   /* SO_RCVBUF: room for bursts of replies */
} SlProbeReceiveFlags;

/* CLOCK_REALTIME in ns, the clock of SO_TIMESTAMPNS: read it just before sending. */
gint64  sl_probe_clock_ns               (void);
/* µs from @send_clock_ns to @kernel_time_ns (now when 0), never negative. */
gint64  sl_probe_rtt_us                 (gint64               send_clock_ns,
                                         gint64               kernel_time_ns);
/* socket (AF_INET, type, IPPROTO_ICMP), or AF_INET6 and IPPROTO_ICMPV6: @type SOCK_DGRAM
 * (unprivileged ICMP) or SOCK_RAW. NULL with *out_errno when it fails. */
SlSocket *sl_probe_open_icmp_socket     (GSocketFamily        family,
                                         int                  type,
                                         SlTrace             *trace,
                                         int                 *out_errno);
/* SO_TIMESTAMPNS, then (@flags) SO_RCVBUF, the TTL / hop limit of what arrives
 * (IP_RECVTTL / IPV6_RECVHOPLIMIT), then (@flags) the error queue; each one traced. */
void    sl_probe_set_receive_options    (SlSocket            *socket,
                                         GSocketFamily        family,
                                         SlProbeReceiveFlags  flags);

G_END_DECLS
