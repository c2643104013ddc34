/* sl-tcp-prober.h: probes as TCP connection attempts, for ping (the time of a handshake)
 * and for the route (a SYN with a TTL) alike: one class with both prober interfaces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-prober.h"
#include "sl-route-prober.h"

G_BEGIN_DECLS

#define SL_TYPE_TCP_PROBER (sl_tcp_prober_get_type ())

G_DECLARE_FINAL_TYPE (SlTcpProber, sl_tcp_prober, SL, TCP_PROBER, GObject)

/* A ping prober: connects to options->tcp_port of options->target. */
SlProber      *sl_tcp_prober_new       (const SlProberOptions      *options);
/* A route prober: the same, each attempt with the TTL of its probe. */
SlRouteProber *sl_tcp_prober_new_route (const SlRouteProberOptions *options);

G_END_DECLS
