/* sl-route-text.h: a route as text: the hop table in mtr's report columns, and its cells.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-route.h"
#include "sl-route-hop.h"

G_BEGIN_DECLS

/* A round trip in milliseconds with ping's three digits ("0.041", "20.1"); "—" when none. */
char *sl_route_format_ms       (gint64      us);
/* The hop's host: "r1.example (198.18.0.2)", "198.18.0.2", or "* * *" for a silent hop. */
char *sl_route_hop_format_host (SlRouteHop *hop);
/* "12.5%", one decimal as mtr prints it. */
char *sl_route_hop_format_loss (SlRouteHop *hop);
/* The whole route as a plain-text table (a title line, a header, a line per hop, then the
 * path MTU and whether the destination was reached), for the clipboard and the report. */
char *sl_route_format_table    (SlRoute    *route);

G_END_DECLS
