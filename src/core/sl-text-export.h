/* sl-text-export.h: the plain-text exports of the log, the socket calls and the peers, in
 * parts, so a long log is written from the main loop without stalling it.
 *
 * The text is what the Copy buttons put on the clipboard (sl_log_to_text (),
 * sl_trace_to_text ()); like SlCsvExport, an SlTextExport snapshots its rows when made, and
 * hands them out a bounded number at a time: give sl_text_export_produce () to
 * sl_export_write_async () (sl-export-writer.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-log.h"
#include "sl-trace.h"

G_BEGIN_DECLS

/* Lines sl_text_export_produce () hands out per part: a few milliseconds of work. */
#define SL_TEXT_EXPORT_ROWS_PER_PART 2048

typedef struct _SlTextExport SlTextExport;

/* sl_log_to_text ()'s lines, with its note of dropped entries first. */
SlTextExport *sl_text_export_new_log    (SlLog         *log);
/* sl_trace_to_text ()'s lines, times from the first row of the snapshot. */
SlTextExport *sl_text_export_new_trace  (SlTrace       *trace);
/* A GListModel of SlPeer: "127.0.0.1:40312  since 15:30:00  12 bytes in  5 bytes out  connected". */
SlTextExport *sl_text_export_new_peers  (GListModel    *peers);

guint         sl_text_export_get_n_rows (SlTextExport  *self);
/* TRUE when no line can change any more (log entries, unlike a socket call still counting
 * its repeats): the export may then be made in a worker thread. */
gboolean      sl_text_export_is_frozen  (SlTextExport  *self);
/* Appends up to @max_rows lines (0: all that are left); TRUE while lines remain. */
gboolean      sl_text_export_next       (SlTextExport  *self,
                                         GString       *out,
                                         guint          max_rows);
/* An SlExportProduceFunc: SL_TEXT_EXPORT_ROWS_PER_PART lines of @export a part. */
gboolean      sl_text_export_produce    (GString       *out,
                                         gpointer       export);
/* The rest of the text at once. */
char         *sl_text_export_to_string  (SlTextExport  *self);
void          sl_text_export_free       (SlTextExport  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlTextExport, sl_text_export_free)

G_END_DECLS
