/* sl-route-page.h: the Route page: the path to a host, hop by hop, live, as mtr shows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-lab-journal.h"
#include "sl-route.h"

G_BEGIN_DECLS

#define SL_TYPE_ROUTE_PAGE (sl_route_page_get_type ())

G_DECLARE_FINAL_TYPE (SlRoutePage, sl_route_page, SL, ROUTE_PAGE, AdwBin)

/* The page's route: its hops, trace and last results. Signal "route-finished" when a run
 * ends without error. */
SlRoute *sl_route_page_get_route     (SlRoutePage *self);
/* Puts @host in the Host field and traces it now, ending a run still going. */
void     sl_route_page_trace         (SlRoutePage *self,
                                      const char  *host);
/* Where each finished run is recorded (NULL: nowhere). */
void     sl_route_page_set_journal   (SlRoutePage  *self,
                                      SlLabJournal *journal);
/* A run still going, as it stands. */
void     sl_route_page_add_to_report (SlRoutePage  *self,
                                      SlReport     *report);
/* Shows the options used last and remembers what the student changes. */
void     sl_route_page_bind_settings (SlRoutePage *self,
                                      GSettings   *settings);

G_END_DECLS
