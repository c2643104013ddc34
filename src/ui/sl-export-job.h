/* sl-export-job.h: one way to save anything the pages show: what to write, the name a save
 * dialog proposes, then the dialog, the asynchronous write and a toast saying where it went
 * or why it could not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-csv.h"
#include "sl-export-writer.h"
#include "sl-flow-diagram.h"
#include "sl-log.h"
#include "sl-text-export.h"
#include "sl-trace.h"

G_BEGIN_DECLS

#define SL_TYPE_EXPORT_JOB (sl_export_job_get_type ())

G_DECLARE_FINAL_TYPE (SlExportJob, sl_export_job, SL, EXPORT_JOB, GObject)

/* What an export menu offers (SlExportButton "formats"); nicks "text", "csv", "png", "svg",
 * "code" are the targets of the pages' export actions. */
typedef enum {
  SL_EXPORT_FORMAT_TEXT = 1 << 0,
  SL_EXPORT_FORMAT_CSV  = 1 << 1,
  SL_EXPORT_FORMAT_PNG  = 1 << 2,
  SL_EXPORT_FORMAT_SVG  = 1 << 3,
  SL_EXPORT_FORMAT_CODE = 1 << 4,
} SlExportFormat;

const char     *sl_export_format_to_nick     (SlExportFormat  format);
/* 0 for a nick that is none of them. */
SlExportFormat  sl_export_format_from_nick   (const char     *nick);

/* Called once the file is chosen, before anything is written: the Markdown report names
 * its images after the file. It may set the contents and add files beside. */
typedef void (*SlExportJobPrepareFunc) (SlExportJob *job,
                                        GFile       *file,
                                        gpointer     user_data);

/* @view names the file (sl_export_default_filename ()), @extension its kind ("csv"). */
SlExportJob *sl_export_job_new_bytes       (const char            *view,
                                            const char            *extension,
                                            GBytes                *contents);
/* Takes @export (transfer full). */
SlExportJob *sl_export_job_new_text        (const char            *view,
                                            SlTextExport          *export);
/* Takes @export (transfer full). */
SlExportJob *sl_export_job_new_csv         (const char            *view,
                                            SlCsvExport           *export);
/* The log or the calls as text or CSV, in parts, as they are now. */
SlExportJob *sl_export_job_new_log         (const char            *view,
                                            SlLog                 *log,
                                            SlExportFormat         format);
SlExportJob *sl_export_job_new_trace       (const char            *view,
                                            SlTrace               *trace,
                                            SlExportFormat         format);
/* The flow diagram as PNG (scale 2) or SVG; NULL with a toast on @diagram when there is
 * nothing to draw yet. */
SlExportJob *sl_export_job_new_flow        (SlFlowDiagram         *diagram,
                                            SlExportFormat         format);

/* The save dialog's title: "Save Socket Calls". */
void         sl_export_job_set_title       (SlExportJob           *self,
                                            const char            *title);
void         sl_export_job_set_prepare_func (SlExportJob           *self,
                                            SlExportJobPrepareFunc prepare,
                                            gpointer               user_data,
                                            GDestroyNotify         destroy);
/* For the prepare function: the contents, and a file to write beside the chosen one. */
void         sl_export_job_set_contents    (SlExportJob           *self,
                                            GBytes                *contents);
void         sl_export_job_add_file_beside (SlExportJob           *self,
                                            const char            *name,
                                            GBytes                *contents);
/* "socket-lab-ping-2026-12-01-1530.csv" */
const char  *sl_export_job_get_suggested_name (SlExportJob        *self);

/* Asks where to save (GtkFileChooserNative, modal to @parent's window), writes without
 * blocking and says in a toast near @parent "Saved to NAME" or the reason it failed. */
void         sl_export_job_save            (SlExportJob           *self,
                                            GtkWidget             *parent);

/* For tests: instead of the dialog, @choose says which file to write (NULL: cancelled). */
typedef GFile *(*SlExportChooseFunc) (SlExportJob *job,
                                      const char  *suggested_name,
                                      gpointer     user_data);
void         sl_export_job_set_choose_func (SlExportChooseFunc     choose,
                                            gpointer               user_data);

G_END_DECLS
