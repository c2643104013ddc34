/* sl-route-hop.h: one TTL of a route: who answered there and how fast, like a line of mtr.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SL_TYPE_ROUTE_HOP (sl_route_hop_get_type ())

G_DECLARE_FINAL_TYPE (SlRouteHop, sl_route_hop, SL, ROUTE_HOP, GObject)

/* Round-trip times kept for a sparkline, oldest dropped first. */
#define SL_ROUTE_HOP_MAX_RECENT 64

guint         sl_route_hop_get_ttl             (SlRouteHop *self);
/* Who answered probes with this TTL ("198.18.0.2", "2001:db8::2"), the latest if several
 * did; NULL while nobody has: the hop shows as "* * *". */
const char   *sl_route_hop_get_address         (SlRouteHop *self);
/* The reverse-DNS name of the address; it arrives later (notify::hostname), and stays NULL
 * when the address has no name or names are not looked up. */
const char   *sl_route_hop_get_hostname        (SlRouteHop *self);
/* Probes sent with this TTL and answers received. A probe still waiting for its answer
 * counts as sent but not as lost. */
guint         sl_route_hop_get_sent            (SlRouteHop *self);
guint         sl_route_hop_get_received        (SlRouteHop *self);
/* Percent of the probes that got an answer or were given up on (timeout) that got none:
 * mtr's Loss%. 0 before any probe has had its chance. */
double        sl_route_hop_get_loss            (SlRouteHop *self);
/* Round-trip times in µs, mtr's Last / Avg / Best / Wrst / StDev (the sample standard
 * deviation, n − 1); -1 before the first answer (stdev: before the second). */
gint64        sl_route_hop_get_last_us         (SlRouteHop *self);
gint64        sl_route_hop_get_average_us      (SlRouteHop *self);
gint64        sl_route_hop_get_best_us         (SlRouteHop *self);
gint64        sl_route_hop_get_worst_us        (SlRouteHop *self);
gint64        sl_route_hop_get_stdev_us        (SlRouteHop *self);
/* The last SL_ROUTE_HOP_MAX_RECENT probes' round-trip times in µs, oldest first, -1 for a
 * lost probe; notify::recent says they changed. (transfer none) */
const gint64 *sl_route_hop_get_recent          (SlRouteHop *self,
                                                guint      *n_recent);
/* The target itself answered at this TTL: the last hop of the route. */
gboolean      sl_route_hop_get_is_destination  (SlRouteHop *self);
/* The largest packet (IP header included) that got an answer from this hop, in bytes: the
 * path MTU up to here. 0 when unknown (TCP probes are not sized). */
guint         sl_route_hop_get_mtu             (SlRouteHop *self);
/* What this hop said instead of passing the probe on ("Destination Host Unreachable"): the
 * route ends here. NULL normally. */
const char   *sl_route_hop_get_error           (SlRouteHop *self);

G_END_DECLS
