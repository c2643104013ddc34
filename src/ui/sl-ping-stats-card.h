/* sl-ping-stats-card.h: one target's statistics, as ping prints them, on the Ping page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-pinger.h"

G_BEGIN_DECLS

#define SL_TYPE_PING_STATS_CARD (sl_ping_stats_card_get_type ())

G_DECLARE_FINAL_TYPE (SlPingStatsCard, sl_ping_stats_card, SL, PING_STATS_CARD, GtkWidget)

GtkWidget *sl_ping_stats_card_new       (SlPinger        *pinger);
SlPinger  *sl_ping_stats_card_get_pinger (SlPingStatsCard *self);
/* The target's color in the chart, so a row, a card and a line match. */
void       sl_ping_stats_card_set_color (SlPingStatsCard *self,
                                         const GdkRGBA   *color);
/* Why the last run failed (plain text), or NULL. */
void       sl_ping_stats_card_set_error (SlPingStatsCard *self,
                                         const char      *error);
/* A finished route reached the target at hop @hops (0: no route): the TTL line says whether
 * it agrees with what the replies' TTL suggests. */
void       sl_ping_stats_card_set_route_length (SlPingStatsCard *self,
                                                guint            hops);
/* What Copy Statistics copies: ping's summary, then jitter and percentiles. */
char      *sl_ping_stats_card_dup_text  (SlPingStatsCard *self);

G_END_DECLS
