/* sl-export-writer.h: save an export without blocking, atomically: all of it or nothing.
 *
 * The contents go to a hidden temporary file beside the target (".NAME.XXXXXX"), which is
 * renamed over the target only once everything is written and closed; on any failure or
 * cancellation the temporary file is removed and the target is left as it was. Errors keep
 * their G_IO_ERROR code with a message a student understands ("… the disk is full …").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-csv.h"
#include "sl-text-export.h"

G_BEGIN_DECLS

/* Appends the next part of the file to @out and returns TRUE while more will follow, FALSE
 * with (or after) the last part. Each call should do a bounded amount of work (a few
 * thousand rows: sl_csv_export_next () with a row limit). */
typedef gboolean (*SlExportProduceFunc) (GString  *out,
                                         gpointer  user_data);

/* Where a producer runs. */
typedef enum {
  /* Its rows can still change on the main context (a ping probe getting its reply): parts
   * are made there, between frames, while a worker thread writes the one before. */
  SL_EXPORT_PRODUCE_ON_MAIN,
  /* It reads data nothing changes any more (log entries): making and writing the parts,
   * and the rest of the export, happen in a worker thread, away from the frames. */
  SL_EXPORT_PRODUCE_IN_THREAD,
} SlExportProduceContext;

/* Writes @contents to @file. */
void      sl_export_write_bytes_async   (GFile                *file,
                                         GBytes               *contents,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* Writes what @produce makes, part after part, calling it in @context; @produce_data is
 * freed with @produce_data_free as soon as the last part is made, or the write failed: on
 * the main context, or for SL_EXPORT_PRODUCE_IN_THREAD maybe in the worker thread (data
 * nothing changes any more can be freed anywhere). */
void      sl_export_write_async         (GFile                  *file,
                                         SlExportProduceFunc     produce,
                                         gpointer                produce_data,
                                         GDestroyNotify          produce_data_free,
                                         SlExportProduceContext  context,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
/* Writes the table, SL_CSV_EXPORT_ROWS_PER_PART rows at a time, in a worker thread when its
 * rows are frozen (sl_csv_export_is_frozen ()). Takes @export (transfer full). */
void      sl_export_write_csv_async     (GFile                *file,
                                         SlCsvExport          *export,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* Writes the lines, SL_TEXT_EXPORT_ROWS_PER_PART at a time, in a worker thread when they are
 * frozen (sl_text_export_is_frozen ()). Takes @export (transfer full). */
void      sl_export_write_text_async    (GFile                *file,
                                         SlTextExport         *export,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* For any of these. */
gboolean  sl_export_write_finish        (GAsyncResult         *result,
                                         GError              **error);

/* "socket-lab-ping-2026-12-01-1530.csv": the name a save dialog proposes. @view is the page
 * or panel ("ping", "Socket calls" becomes "socket-calls"), @extension with or without its
 * dot, @time NULL for now (local time). */
char     *sl_export_default_filename    (const char           *view,
                                         const char           *extension,
                                         GDateTime            *time);

G_END_DECLS
