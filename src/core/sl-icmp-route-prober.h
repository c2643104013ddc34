/* sl-icmp-route-prober.h: route probes as ICMP echo requests on a datagram socket (private).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-dgram-route-prober.h"

G_BEGIN_DECLS

#define SL_TYPE_ICMP_ROUTE_PROBER (sl_icmp_route_prober_get_type ())

G_DECLARE_FINAL_TYPE (SlIcmpRouteProber, sl_icmp_route_prober, SL, ICMP_ROUTE_PROBER, SlDgramRouteProber)

/* NULL with *out_errno when the socket cannot be opened (EACCES: outside ping_group_range). */
SlRouteProber *sl_icmp_route_prober_open (const SlRouteProberOptions *options,
                                          int                        *out_errno);

G_END_DECLS
