/* sl-connect-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-connection.h"
#include "sl-lab-journal.h"
#include "sl-payload-bar.h"

G_BEGIN_DECLS

#define SL_TYPE_CONNECT_PAGE (sl_connect_page_get_type ())

G_DECLARE_FINAL_TYPE (SlConnectPage, sl_connect_page, SL, CONNECT_PAGE, AdwBin)

SlConnection *sl_connect_page_get_connection (SlConnectPage *self);
SlLog        *sl_connect_page_get_log        (SlConnectPage *self);
SlTrace      *sl_connect_page_get_trace      (SlConnectPage *self);
SlPayloadBar *sl_connect_page_get_payload_bar (SlConnectPage *self);
/* Shows what was used last and remembers what the student changes; offers recent hosts. */
void          sl_connect_page_bind_settings   (SlConnectPage *self,
                                               GSettings     *settings);
/* The Server page's calls, drawn opposite this page's in the flow diagram (NULL: none). */
void          sl_connect_page_set_server_trace (SlConnectPage *self,
                                                SlTrace       *trace);

/* Where each connection and port check is recorded as it ends (NULL: nowhere). */
void          sl_connect_page_set_journal    (SlConnectPage *self,
                                              SlLabJournal  *journal);
/* Adds to @report what the page shows now and no record holds: a connection still open. */
void          sl_connect_page_add_to_report  (SlConnectPage *self,
                                              SlReport      *report);

/* Adds the flow diagram as a picture of its own; FALSE, adding nothing, when it is empty. */
gboolean      sl_connect_page_add_flow_to_report (SlConnectPage *self,
                                                  SlReport      *report);

G_END_DECLS
