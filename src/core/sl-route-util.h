/* sl-route-util.h: pure helpers about routes: how far away a reply's TTL says its sender is,
 * and the terminal commands that do what a route run does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-route.h"

G_BEGIN_DECLS

/* Systems start their packets at TTL 64 (Linux, macOS), 128 (Windows) or 255 (network
 * gear); each router takes one off. The initial TTL a reply probably had: the next of 64,
 * 128, 255 at or above @reply_ttl. 0 when @reply_ttl is outside 1–255. */
guint   sl_ttl_guess_initial        (int            reply_ttl);
/* Routers the reply crossed: initial − reply_ttl; -1 when @reply_ttl is outside 1–255. */
int     sl_ttl_guess_hops           (int            reply_ttl);
/* "Replies arrive with TTL 56: the target probably started at 64, so it is about 8 hops
 * away." NULL when @reply_ttl is outside 1–255. */
char   *sl_ttl_describe_distance    (int            reply_ttl);

/* The commands that trace the same route from a terminal, the closest first:
 *   UDP   tracepath HOST, mtr -u -r -c N HOST
 *   ICMP  mtr -r -c N HOST, traceroute -I HOST
 *   TCP   traceroute -T -p PORT HOST, mtr -T -P PORT -r -c N HOST
 * with -4 / -6 for a family, -n without names, -m MAX unless it is 30; count 0 (until
 * stopped) gives mtr's interactive view. @host is quoted for the shell when it needs it.
 * (transfer full) */
char  **sl_route_format_commands    (SlRouteMethod  method,
                                     GSocketFamily  family,
                                     const char    *host,
                                     guint          port,
                                     guint          count,
                                     guint          max_ttl,
                                     gboolean       resolve_names);

G_END_DECLS
