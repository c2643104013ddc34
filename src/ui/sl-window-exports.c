/* sl-window-exports.c: the window's way out for a lab report: Export Lab Report…, and the
 * current page as an image (copied, or saved).
 *
 * The report is the session's journal (runs recorded as they ended) followed by what the
 * pages show now: a connection still open, a server still listening, a ping still going,
 * and the flow diagram of the last client and server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-connect-page.h"
#include "sl-export-job.h"
#include "sl-image-export.h"
#include "sl-page-capture.h"
#include "sl-ping-page.h"
#include "sl-route-page.h"
#include "sl-report-dialog.h"
#include "sl-server-page.h"
#include "sl-ui-utils.h"
#include "sl-window-private.h"

/* Device pixels per logical pixel of a page image: sharp when printed. */
#define PAGE_IMAGE_SCALE 2.0

/* ---- the lab report --------------------------------------------------------------------- */

static SlReport *
build_report (SlWindow       *self,
              SlReportDialog *dialog)
{
  GtkWidget *connect = sl_window_get_built_page (self, "connect");
  GtkWidget *server = sl_window_get_built_page (self, "server");
  GtkWidget *ping = sl_window_get_built_page (self, "ping");
  GtkWidget *route = sl_window_get_built_page (self, "route");
  g_autoptr(SlReport) now = sl_report_new ();
  g_auto(GStrv) steps_done = sl_lab_steps_dup_done_titles (self->lab_steps);
  SlReport *report;

  if (connect != NULL)
    sl_connect_page_add_to_report (SL_CONNECT_PAGE (connect), now);
  if (server != NULL)
    sl_server_page_add_to_report (SL_SERVER_PAGE (server), now);
  if (ping != NULL)
    sl_ping_page_add_to_report (SL_PING_PAGE (ping), now);
  if (route != NULL)
    sl_route_page_add_to_report (SL_ROUTE_PAGE (route), now);
  /* One flow diagram, last: both pages draw the same run, the Connect page's client first. */
  if (connect == NULL || !sl_connect_page_add_flow_to_report (SL_CONNECT_PAGE (connect), now))
    if (server != NULL)
      sl_server_page_add_flow_to_report (SL_SERVER_PAGE (server), now);
  report = sl_lab_journal_build_report (self->journal, now);
  for (guint i = 0; steps_done[i] != NULL; i++)
    sl_report_add_step (report, steps_done[i]);
  sl_report_set_title (report, sl_report_dialog_get_title (dialog));
  sl_report_set_student_name (report, sl_report_dialog_get_author (dialog));
  sl_report_set_student_id (report, sl_report_dialog_get_student_id (dialog));
  return report;
}

/* The Markdown names its images after the file the student chose: "lab3.md", "lab3-1.png". */
static void
prepare_markdown_cb (SlExportJob *job,
                     GFile       *file,
                     gpointer     user_data)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *prefix = g_str_has_suffix (name, ".md") ? g_strndup (name, strlen (name) - 3) : g_strdup (name);
  g_autoptr(GPtrArray) images = NULL;
  char *markdown = sl_report_to_markdown (user_data, prefix, &images);
  g_autoptr(GBytes) bytes = g_bytes_new_take (markdown, strlen (markdown));

  sl_export_job_set_contents (job, bytes);
  for (guint i = 0; i < images->len; i++)
    {
      SlReportFile *image = g_ptr_array_index (images, i);
      sl_export_job_add_file_beside (job, image->name, image->contents);
    }
}

static SlExportJob *
report_job (SlReport       *report,
            SlReportFormat  format)
{
  SlExportJob *job;
  char *html;
  g_autoptr(GBytes) bytes = NULL;

  if (format == SL_REPORT_FORMAT_MARKDOWN)
    {
      job = sl_export_job_new_bytes ("report", "md", NULL);
      sl_export_job_set_prepare_func (job, prepare_markdown_cb, g_object_ref (report), g_object_unref);
      return job;
    }
  html = sl_report_to_html (report);
  bytes = g_bytes_new_take (html, strlen (html));
  return sl_export_job_new_bytes ("report", "html", bytes);
}

static void
report_response_cb (SlReportDialog *dialog,
                    const char     *response,
                    SlWindow       *self)
{
  g_autoptr(SlReport) report = NULL;
  g_autoptr(SlExportJob) job = NULL;

  if (g_strcmp0 (response, "export") != 0)
    return;
  report = build_report (self, dialog);
  job = report_job (report, sl_report_dialog_get_format (dialog));
  sl_export_job_set_title (job, _("Save Lab Report"));
  sl_export_job_save (job, GTK_WIDGET (self->toast_overlay));
}

static void
export_report (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  SlWindow *self = user_data;
  SlReportDialog *dialog = sl_report_dialog_new (GTK_WINDOW (self), self->settings);

  g_signal_connect_object (dialog, "response", G_CALLBACK (report_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the page as an image --------------------------------------------------------------- */

typedef void (*PageImageFunc) (SlWindow *self, GskRenderNode *node, int width, int height);

/* What to do with the picture once the page was drawn. */
typedef struct {
  SlWindow      *self;
  PageImageFunc  use;
} PageImageRequest;

static void
captured_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PageImageRequest *request = user_data;
  g_autoptr(SlWindow) self = request->self;
  PageImageFunc use = request->use;
  g_autoptr(GError) error = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  int width, height;

  g_free (request);
  node = sl_page_capture_finish (result, &width, &height, &error);
  if (node == NULL)
    sl_show_toast (GTK_WIDGET (self->toast_overlay), error->message);
  else
    use (self, node, width, height);
}

static void
capture_page (SlWindow      *self,
              PageImageFunc  use)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);
  GtkWidget *page = name != NULL ? sl_window_get_built_page (self, name) : NULL;
  PageImageRequest *request;

  if (page == NULL)
    return;
  request = g_new0 (PageImageRequest, 1);
  request->self = g_object_ref (self);
  request->use = use;
  sl_page_capture_async (page, self->curtain_host, captured_cb, request);
}

static void
copy_image (SlWindow      *self,
            GskRenderNode *node,
            int            width,
            int            height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = sl_image_export_node_to_texture (node, width, height, PAGE_IMAGE_SCALE, &error);

  if (texture == NULL)
    {
      sl_show_toast (GTK_WIDGET (self->toast_overlay), error->message);
      return;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  sl_show_toast (GTK_WIDGET (self->toast_overlay), _("Page copied as an image"));
}

static void
save_image (SlWindow      *self,
            GskRenderNode *node,
            int            width,
            int            height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = sl_image_export_node (node, SL_IMAGE_FORMAT_PNG, width, height, PAGE_IMAGE_SCALE,
                                                NULL, NULL, &error);
  g_autofree char *view = NULL;
  g_autoptr(SlExportJob) job = NULL;

  if (png == NULL)
    {
      sl_show_toast (GTK_WIDGET (self->toast_overlay), error->message);
      return;
    }
  view = g_strdup_printf ("%s page", adw_view_stack_get_visible_child_name (self->stack));
  job = sl_export_job_new_bytes (view, "png", png);
  sl_export_job_set_title (job, _("Save Page as Image"));
  sl_export_job_save (job, GTK_WIDGET (self->toast_overlay));
}

static void
copy_page_image (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  capture_page (user_data, copy_image);
}

static void
save_page_image (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  capture_page (user_data, save_image);
}

static const GActionEntry export_actions[] = {
  { .name = "export-report", .activate = export_report },
  { .name = "copy-page-image", .activate = copy_page_image },
  { .name = "save-page-image", .activate = save_page_image },
};

void
sl_window_add_export_actions (SlWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), export_actions, G_N_ELEMENTS (export_actions), self);
}
