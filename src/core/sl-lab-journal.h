/* sl-lab-journal.h: what the student did this session, run after run, for the lab report.
 *
 * The pages record each run as it ends (a connection when it closes, a port check when it
 * answers, a server run when it stops, a ping run when every target is done); each record is
 * a snapshot taken then (an SlReport section), so a later run, a Clear or the next Start
 * changes nothing in it. At export time the window adds what the pages show now.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-report.h"

G_BEGIN_DECLS

#define SL_TYPE_LAB_JOURNAL (sl_lab_journal_get_type ())

G_DECLARE_FINAL_TYPE (SlLabJournal, sl_lab_journal, SL, LAB_JOURNAL, GObject)

SlLabJournal *sl_lab_journal_new               (void);

void          sl_lab_journal_record_connection (SlLabJournal       *self,
                                                SlConnection       *connection);
void          sl_lab_journal_record_port_check (SlLabJournal       *self,
                                                const char         *host,
                                                guint16             port,
                                                SlPortCheckResult  *result,
                                                SlTrace            *trace);
void          sl_lab_journal_record_server     (SlLabJournal       *self,
                                                SlServer           *server);
/* @chart_png may be NULL. */
void          sl_lab_journal_record_ping       (SlLabJournal       *self,
                                                SlPinger          **pingers,
                                                guint               n_pingers,
                                                GBytes             *chart_png);
void          sl_lab_journal_record_route      (SlLabJournal       *self,
                                                SlRoute            *route);
/* Runs recorded so far (also the "n-runs" property). */
guint         sl_lab_journal_get_n_runs        (SlLabJournal       *self);

/* A new report: every run recorded, in order, then the sections of @now (the pages' state
 * at export time; may be NULL). Title, names and date are set on the result. */
SlReport     *sl_lab_journal_build_report      (SlLabJournal       *self,
                                                SlReport           *now);

G_END_DECLS
