/* sl-report-dialog.c: the lab report's optional fields and format.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-report-dialog.h"

struct _SlReportDialog
{
  AdwMessageDialog  parent_instance;

  AdwEntryRow      *title_row;
  AdwEntryRow      *author_row;
  AdwEntryRow      *student_id_row;
  AdwComboRow      *format_row;
};

G_DEFINE_FINAL_TYPE (SlReportDialog, sl_report_dialog, ADW_TYPE_MESSAGE_DIALOG)

SlReportDialog *
sl_report_dialog_new (GtkWindow *parent,
                      GSettings *settings)
{
  SlReportDialog *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SL_TYPE_REPORT_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  /* Remembered as they are typed, for the next report. */
  g_settings_bind (settings, "report-title", self->title_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "report-author", self->author_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "report-student-id", self->student_id_row, "text", G_SETTINGS_BIND_DEFAULT);
  return self;
}

const char *
sl_report_dialog_get_title (SlReportDialog *self)
{
  g_return_val_if_fail (SL_IS_REPORT_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->title_row));
}

const char *
sl_report_dialog_get_author (SlReportDialog *self)
{
  g_return_val_if_fail (SL_IS_REPORT_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->author_row));
}

const char *
sl_report_dialog_get_student_id (SlReportDialog *self)
{
  g_return_val_if_fail (SL_IS_REPORT_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->student_id_row));
}

SlReportFormat
sl_report_dialog_get_format (SlReportDialog *self)
{
  g_return_val_if_fail (SL_IS_REPORT_DIALOG (self), SL_REPORT_FORMAT_HTML);
  return adw_combo_row_get_selected (self->format_row) == 1 ? SL_REPORT_FORMAT_MARKDOWN : SL_REPORT_FORMAT_HTML;
}

void
sl_report_dialog_set_format (SlReportDialog *self,
                             SlReportFormat  format)
{
  g_return_if_fail (SL_IS_REPORT_DIALOG (self));
  adw_combo_row_set_selected (self->format_row, format == SL_REPORT_FORMAT_MARKDOWN ? 1 : 0);
}

static void
sl_report_dialog_class_init (SlReportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/sl-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SlReportDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, SlReportDialog, author_row);
  gtk_widget_class_bind_template_child (widget_class, SlReportDialog, student_id_row);
  gtk_widget_class_bind_template_child (widget_class, SlReportDialog, format_row);
}

static void
sl_report_dialog_init (SlReportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
