/* sl-hop-sparkline.h: a route hop's latest round trips as small bars, lost probes marked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-route-hop.h"

G_BEGIN_DECLS

#define SL_TYPE_HOP_SPARKLINE (sl_hop_sparkline_get_type ())

G_DECLARE_FINAL_TYPE (SlHopSparkline, sl_hop_sparkline, SL, HOP_SPARKLINE, GtkWidget)

GtkWidget *sl_hop_sparkline_new     (void);
/* The hop drawn, followed live; @hops (its route's SlRouteHop items) gives the shared scale,
 * so a slower hop has taller bars than a faster one. Both may be NULL. */
void       sl_hop_sparkline_set_hop (SlHopSparkline *self,
                                     SlRouteHop     *hop,
                                     GListModel     *hops);

G_END_DECLS
