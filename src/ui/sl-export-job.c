/* sl-export-job.c: what to save, where (a save dialog, or a test's choice), and the write.
 *
 * The contents are fixed when the job is made (a snapshot of the rows, or image bytes), so
 * what is saved is what the student saw when choosing Save, however long the dialog stays
 * open. Writing goes through sl-export-writer: asynchronous, a temporary file renamed into
 * place; files beside the main one (a Markdown report's images) follow the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-export-job.h"
#include "sl-report.h"
#include "sl-text-export.h"
#include "sl-ui-utils.h"

/* A flow diagram saved as a figure: wide enough for a page, sharp when printed. */
#define FLOW_WIDTH 960
#define FLOW_SCALE 2.0

struct _SlExportJob
{
  GObject                 parent_instance;

  char                   *view;
  char                   *extension;
  char                   *title;
  char                   *suggested_name;

  /* One of these is what the chosen file gets. */
  GBytes                 *contents;
  SlCsvExport            *csv;
  SlTextExport           *text;

  SlExportJobPrepareFunc  prepare;
  gpointer                prepare_data;
  GDestroyNotify          prepare_destroy;
  GPtrArray              *beside;       /* SlReportFile */

  GtkWidget              *parent;
  GtkNativeDialog        *dialog;
  GFile                  *file;
  guint                   n_beside_written;
};

G_DEFINE_FINAL_TYPE (SlExportJob, sl_export_job, G_TYPE_OBJECT)

static SlExportChooseFunc choose_func;
static gpointer           choose_data;

/* ---- formats and file kinds --------------------------------------------------------- */

static const struct {
  SlExportFormat  format;
  const char     *nick;
} formats[] = {
  { SL_EXPORT_FORMAT_TEXT, "text" },
  { SL_EXPORT_FORMAT_CSV, "csv" },
  { SL_EXPORT_FORMAT_PNG, "png" },
  { SL_EXPORT_FORMAT_SVG, "svg" },
  { SL_EXPORT_FORMAT_CODE, "code" },
};

const char *
sl_export_format_to_nick (SlExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].nick;
  g_return_val_if_reached (NULL);
}

SlExportFormat
sl_export_format_from_nick (const char *nick)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (formats[i].nick, nick) == 0)
      return formats[i].format;
  return 0;
}

static const struct {
  const char *extension;
  const char *filter;
  const char *mime_type;
} kinds[] = {
  { "txt", N_("Text Files"), "text/plain" },
  { "csv", N_("CSV Files"), "text/csv" },
  { "png", N_("PNG Images"), "image/png" },
  { "svg", N_("SVG Images"), "image/svg+xml" },
  { "html", N_("HTML Documents"), "text/html" },
  { "md", N_("Markdown Documents"), "text/markdown" },
  { "py", N_("Python Programs"), "text/x-python" },
  { "c", N_("C Programs"), "text/x-csrc" },
  { "sh", N_("Shell Scripts"), "application/x-shellscript" },
};

static GtkFileFilter *
filter_new (const char *extension)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].extension, extension))
      {
        gtk_file_filter_set_name (filter, _(kinds[i].filter));
        gtk_file_filter_add_mime_type (filter, kinds[i].mime_type);
      }
  gtk_file_filter_add_suffix (filter, extension);
  return filter;
}

/* ---- making jobs ------------------------------------------------------------------------ */

static SlExportJob *
job_new (const char *view,
         const char *extension)
{
  SlExportJob *self = g_object_new (SL_TYPE_EXPORT_JOB, NULL);

  self->view = g_strdup (view);
  self->extension = g_strdup (extension);
  self->suggested_name = sl_export_default_filename (view, extension, NULL);
  return self;
}

SlExportJob *
sl_export_job_new_bytes (const char *view,
                         const char *extension,
                         GBytes     *contents)
{
  SlExportJob *self;

  g_return_val_if_fail (view != NULL && extension != NULL, NULL);

  self = job_new (view, extension);
  self->contents = contents != NULL ? g_bytes_ref (contents) : NULL;
  return self;
}

SlExportJob *
sl_export_job_new_text (const char   *view,
                        SlTextExport *export)
{
  SlExportJob *self;

  g_return_val_if_fail (view != NULL && export != NULL, NULL);

  self = job_new (view, "txt");
  self->text = export;
  return self;
}

SlExportJob *
sl_export_job_new_csv (const char  *view,
                       SlCsvExport *export)
{
  SlExportJob *self;

  g_return_val_if_fail (view != NULL && export != NULL, NULL);

  self = job_new (view, "csv");
  self->csv = export;
  return self;
}

SlExportJob *
sl_export_job_new_log (const char     *view,
                       SlLog          *log,
                       SlExportFormat  format)
{
  g_return_val_if_fail (SL_IS_LOG (log), NULL);
  g_return_val_if_fail (format == SL_EXPORT_FORMAT_TEXT || format == SL_EXPORT_FORMAT_CSV, NULL);

  if (format == SL_EXPORT_FORMAT_CSV)
    return sl_export_job_new_csv (view, sl_csv_export_new_log (log));
  return sl_export_job_new_text (view, sl_text_export_new_log (log));
}

SlExportJob *
sl_export_job_new_trace (const char     *view,
                         SlTrace        *trace,
                         SlExportFormat  format)
{
  g_return_val_if_fail (SL_IS_TRACE (trace), NULL);
  g_return_val_if_fail (format == SL_EXPORT_FORMAT_TEXT || format == SL_EXPORT_FORMAT_CSV, NULL);

  if (format == SL_EXPORT_FORMAT_CSV)
    return sl_export_job_new_csv (view, sl_csv_export_new_trace (trace));
  return sl_export_job_new_text (view, sl_text_export_new_trace (trace));
}

SlExportJob *
sl_export_job_new_flow (SlFlowDiagram  *diagram,
                        SlExportFormat  format)
{
  gboolean svg = format == SL_EXPORT_FORMAT_SVG;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) image = NULL;

  g_return_val_if_fail (SL_IS_FLOW_DIAGRAM (diagram), NULL);
  g_return_val_if_fail (svg || format == SL_EXPORT_FORMAT_PNG, NULL);

  image = sl_flow_diagram_export (diagram, svg ? SL_IMAGE_FORMAT_SVG : SL_IMAGE_FORMAT_PNG,
                                  FLOW_WIDTH, 0, FLOW_SCALE, &error);
  if (image == NULL)
    {
      sl_show_toast (GTK_WIDGET (diagram), error->message);
      return NULL;
    }
  return sl_export_job_new_bytes ("flow", svg ? "svg" : "png", image);
}

void
sl_export_job_set_title (SlExportJob *self,
                         const char  *title)
{
  g_return_if_fail (SL_IS_EXPORT_JOB (self));

  g_free (self->title);
  self->title = g_strdup (title);
}

void
sl_export_job_set_prepare_func (SlExportJob            *self,
                                SlExportJobPrepareFunc  prepare,
                                gpointer                user_data,
                                GDestroyNotify          destroy)
{
  g_return_if_fail (SL_IS_EXPORT_JOB (self));

  if (self->prepare_destroy != NULL)
    self->prepare_destroy (self->prepare_data);
  self->prepare = prepare;
  self->prepare_data = user_data;
  self->prepare_destroy = destroy;
}

void
sl_export_job_set_contents (SlExportJob *self,
                            GBytes      *contents)
{
  g_return_if_fail (SL_IS_EXPORT_JOB (self));
  g_return_if_fail (contents != NULL);

  g_clear_pointer (&self->contents, g_bytes_unref);
  self->contents = g_bytes_ref (contents);
}

void
sl_export_job_add_file_beside (SlExportJob *self,
                               const char  *name,
                               GBytes      *contents)
{
  SlReportFile *file;

  g_return_if_fail (SL_IS_EXPORT_JOB (self));
  g_return_if_fail (name != NULL && strchr (name, '/') == NULL && contents != NULL);

  file = g_new0 (SlReportFile, 1);
  file->name = g_strdup (name);
  file->contents = g_bytes_ref (contents);
  g_ptr_array_add (self->beside, file);
}

const char *
sl_export_job_get_suggested_name (SlExportJob *self)
{
  g_return_val_if_fail (SL_IS_EXPORT_JOB (self), NULL);
  return self->suggested_name;
}

/* ---- writing ------------------------------------------------------------------------------ */

static void
finish (SlExportJob  *self,
        const GError *error)
{
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *done = g_strdup_printf (_("Saved to %s"), name);

  sl_show_toast (self->parent, error != NULL ? error->message : done);
  g_object_unref (self);
}

static void write_beside (SlExportJob *self);

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  SlExportJob *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sl_export_write_finish (result, &error))
    {
      finish (self, error);
      return;
    }
  write_beside (self);
}

/* The files beside the main one, one after the other. */
static void
write_beside (SlExportJob *self)
{
  SlReportFile *next;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) file = NULL;

  if (self->n_beside_written == self->beside->len)
    {
      finish (self, NULL);
      return;
    }
  next = g_ptr_array_index (self->beside, self->n_beside_written++);
  folder = g_file_get_parent (self->file);
  file = g_file_get_child (folder, next->name);
  sl_export_write_bytes_async (file, next->contents, NULL, written_cb, self);
}

/* Takes the reference the save holds on the job until it is written. */
static void
write_to (SlExportJob *self,
          GFile       *file)
{
  g_set_object (&self->file, file);
  if (self->prepare != NULL)
    self->prepare (self, file, self->prepare_data);
  if (self->csv != NULL)
    sl_export_write_csv_async (file, g_steal_pointer (&self->csv), NULL, written_cb, self);
  else if (self->text != NULL)
    sl_export_write_text_async (file, g_steal_pointer (&self->text), NULL, written_cb, self);
  else if (self->contents != NULL)
    sl_export_write_bytes_async (file, self->contents, NULL, written_cb, self);
  else
    g_return_if_reached ();
}

static void
response_cb (GtkNativeDialog *dialog,
             int              response,
             gpointer         user_data)
{
  SlExportJob *self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->dialog);
  if (file == NULL)
    {
      g_object_unref (self);
      return;
    }
  write_to (self, file);
}

static void
show_dialog (SlExportJob *self)
{
  GtkRoot *root = gtk_widget_get_root (self->parent);
  g_autoptr(GtkFileFilter) filter = filter_new (self->extension);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (self->title != NULL ? self->title : _("Save"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  self->dialog = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_set_modal (self->dialog, TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), self->suggested_name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect (native, "response", G_CALLBACK (response_cb), self);
  gtk_native_dialog_show (self->dialog);
}

void
sl_export_job_save (SlExportJob *self,
                    GtkWidget   *parent)
{
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (SL_IS_EXPORT_JOB (self));
  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (self->parent == NULL);

  g_set_object (&self->parent, parent);
  /* Held until the file is written or the dialog cancelled. */
  g_object_ref (self);
  if (choose_func == NULL)
    {
      show_dialog (self);
      return;
    }
  file = choose_func (self, self->suggested_name, choose_data);
  if (file == NULL)
    {
      g_object_unref (self);
      return;
    }
  write_to (self, file);
}

void
sl_export_job_set_choose_func (SlExportChooseFunc choose,
                               gpointer           user_data)
{
  choose_func = choose;
  choose_data = user_data;
}

/* ---- GObject --------------------------------------------------------------------------- */

static void
sl_export_job_finalize (GObject *object)
{
  SlExportJob *self = SL_EXPORT_JOB (object);

  sl_export_job_set_prepare_func (self, NULL, NULL, NULL);
  g_clear_pointer (&self->csv, sl_csv_export_free);
  g_clear_pointer (&self->text, sl_text_export_free);
  g_clear_pointer (&self->contents, g_bytes_unref);
  g_clear_pointer (&self->beside, g_ptr_array_unref);
  g_clear_object (&self->parent);
  g_clear_object (&self->file);
  g_free (self->view);
  g_free (self->extension);
  g_free (self->title);
  g_free (self->suggested_name);

  G_OBJECT_CLASS (sl_export_job_parent_class)->finalize (object);
}

static void
sl_export_job_class_init (SlExportJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_export_job_finalize;
}

static void
sl_export_job_init (SlExportJob *self)
{
  self->beside = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_report_file_free);
}
