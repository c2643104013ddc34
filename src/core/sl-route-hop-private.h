/* sl-route-hop-private.h: what SlRoute uses to fill in its hops.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-route-hop.h"

G_BEGIN_DECLS

SlRouteHop *sl_route_hop_new              (guint        ttl);
void        sl_route_hop_add_sent         (SlRouteHop  *self);
/* A probe that never had its chance (stopped early, or sent again smaller): uncounted. */
void        sl_route_hop_retract_sent     (SlRouteHop  *self);
/* An answer from @address after @rtt_us; @mtu: the size of the probe, 0 when not sized. */
void        sl_route_hop_add_reply        (SlRouteHop  *self,
                                           const char  *address,
                                           gint64       rtt_us,
                                           guint        mtu);
void        sl_route_hop_add_lost         (SlRouteHop  *self);
/* TRUE once a probe of this hop got an answer or was given up on. */
gboolean    sl_route_hop_is_concluded     (SlRouteHop  *self);
void        sl_route_hop_set_hostname     (SlRouteHop  *self,
                                           const char  *hostname);
void        sl_route_hop_set_is_destination (SlRouteHop *self,
                                             gboolean    is_destination);
void        sl_route_hop_set_error        (SlRouteHop  *self,
                                           const char  *error);

G_END_DECLS
