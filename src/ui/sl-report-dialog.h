/* sl-report-dialog.h: Export Lab Report: the optional title, name and student ID (kept in
 * GSettings for the next report) and the format, before the save dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SL_TYPE_REPORT_DIALOG (sl_report_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SlReportDialog, sl_report_dialog, SL, REPORT_DIALOG, AdwMessageDialog)

typedef enum {
  SL_REPORT_FORMAT_HTML,
  SL_REPORT_FORMAT_MARKDOWN,
} SlReportFormat;

/* The fields show and save @settings' report-title, report-author and report-student-id.
 * Its "response" is "export" or "cancel". */
SlReportDialog *sl_report_dialog_new            (GtkWindow      *parent,
                                                 GSettings      *settings);
const char     *sl_report_dialog_get_title      (SlReportDialog *self);
const char     *sl_report_dialog_get_author     (SlReportDialog *self);
const char     *sl_report_dialog_get_student_id (SlReportDialog *self);
SlReportFormat  sl_report_dialog_get_format     (SlReportDialog *self);
void            sl_report_dialog_set_format     (SlReportDialog *self,
                                                 SlReportFormat  format);

G_END_DECLS
