/* sl-ping-page.h: the Ping page: several targets, live log, RTT chart, statistics cards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-lab-journal.h"
#include "sl-rtt-chart.h"

G_BEGIN_DECLS

#define SL_TYPE_PING_PAGE (sl_ping_page_get_type ())

G_DECLARE_FINAL_TYPE (SlPingPage, sl_ping_page, SL, PING_PAGE, AdwBin)

/* The targets, as SlPinger items (one per host). */
GListModel *sl_ping_page_get_targets    (SlPingPage  *self);
SlRttChart *sl_ping_page_get_chart      (SlPingPage  *self);
gboolean    sl_ping_page_get_running    (SlPingPage  *self);
/* What the Add button does with the Host field's text. */
gboolean    sl_ping_page_add_target     (SlPingPage  *self,
                                         const char  *host,
                                         GError     **error);

/* A route to @host reached it at hop @hops: its card sets that beside its TTL guess. */
void        sl_ping_page_set_route_length (SlPingPage *self,
                                           const char *host,
                                           guint       hops);
/* Shows the targets and options used last and remembers what the student changes. */
void        sl_ping_page_bind_settings  (SlPingPage  *self,
                                         GSettings   *settings);
/* Where each run is recorded once all its targets are done (NULL: nowhere). */
void        sl_ping_page_set_journal    (SlPingPage   *self,
                                         SlLabJournal *journal);
/* Adds a run still going to @report, as it stands, with its chart. */
void        sl_ping_page_add_to_report  (SlPingPage   *self,
                                         SlReport     *report);

G_END_DECLS
