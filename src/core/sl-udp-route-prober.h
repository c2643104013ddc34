/* sl-udp-route-prober.h: route probes as UDP datagrams, tracepath's method (private).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-dgram-route-prober.h"

G_BEGIN_DECLS

#define SL_TYPE_UDP_ROUTE_PROBER (sl_udp_route_prober_get_type ())

G_DECLARE_FINAL_TYPE (SlUdpRouteProber, sl_udp_route_prober, SL, UDP_ROUTE_PROBER, SlDgramRouteProber)

/* NULL with *out_errno when the socket cannot be opened. */
SlRouteProber *sl_udp_route_prober_open (const SlRouteProberOptions *options,
                                         int                        *out_errno);

G_END_DECLS
