/* sl-server-page.h: the Server page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-lab-journal.h"
#include "sl-server.h"

G_BEGIN_DECLS

#define SL_TYPE_SERVER_PAGE (sl_server_page_get_type ())

G_DECLARE_FINAL_TYPE (SlServerPage, sl_server_page, SL, SERVER_PAGE, AdwBin)

SlServer *sl_server_page_get_server       (SlServerPage *self);
/* Shows what was used last and remembers what the student changes, but never the switch
 * that exposes the server; applies the limits of the Preferences. */
void      sl_server_page_bind_settings    (SlServerPage *self,
                                           GSettings    *settings);
/* The Connect page's calls, drawn opposite the server's in the flow diagram (NULL: none). */
void      sl_server_page_set_client_trace (SlServerPage *self,
                                           SlTrace      *trace);

/* Where each server run is recorded when it stops (NULL: nowhere). */
void      sl_server_page_set_journal      (SlServerPage *self,
                                           SlLabJournal *journal);
/* Adds to @report what the page shows now and no record holds: the run while it listens. */
void      sl_server_page_add_to_report    (SlServerPage *self,
                                           SlReport     *report);

/* Adds the flow diagram as a picture of its own; FALSE, adding nothing, when it is empty. */
gboolean      sl_server_page_add_flow_to_report (SlServerPage *self,
                                                 SlReport     *report);

G_END_DECLS
