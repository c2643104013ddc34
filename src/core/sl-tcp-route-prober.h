/* sl-tcp-route-prober.h: route probes as TCP connection attempts with a TTL (private).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-route-prober.h"

G_BEGIN_DECLS

#define SL_TYPE_TCP_ROUTE_PROBER (sl_tcp_route_prober_get_type ())

G_DECLARE_FINAL_TYPE (SlTcpRouteProber, sl_tcp_route_prober, SL, TCP_ROUTE_PROBER, GObject)

/* Opens nothing yet: each probe gets a socket of its own. options->target has the port. */
SlRouteProber *sl_tcp_route_prober_new (const SlRouteProberOptions *options);

G_END_DECLS
