/* sl-code-view.c: the generated program, made again when shown and when the page changes.
 *
 * Generating is pure and cheap, but a flood of received data changes the trace hundreds of
 * times a second: changes only mark the code out of date, and while the view is shown a
 * timeout makes it again at most every SL_CODE_VIEW_THROTTLE_MS. Hidden, nothing is made
 * until it is shown (or copied, or saved).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-code-view.h"
#include "sl-export-job.h"
#include "sl-ui-utils.h"
#include "sl-utils.h"

struct _SlCodeView
{
  AdwBin                  parent_instance;

  GtkDropDown            *language_dropdown;
  GtkTextView            *text_view;

  SlCodeViewGenerateFunc  generate;
  gpointer                generate_data;
  GDestroyNotify          generate_destroy;
  char                   *file_view;
  gboolean                outdated;
  guint                   throttle_id;
};

enum {
  PROP_0,
  PROP_LANGUAGE,
  PROP_FILE_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SlCodeView, sl_code_view, ADW_TYPE_BIN)

static char *
generate (SlCodeView *self)
{
  if (self->generate == NULL)
    return g_strdup ("");
  return self->generate (sl_code_view_get_language (self), self->generate_data);
}

static void
refresh (SlCodeView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *code = generate (self);
  GtkTextIter start, end;
  g_autofree char *shown = NULL;

  self->outdated = FALSE;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  /* Unchanged code keeps the reader's place and selection. */
  if (g_strcmp0 (shown, code) != 0)
    gtk_text_buffer_set_text (buffer, code, -1);
}

static gboolean
throttle_cb (gpointer user_data)
{
  SlCodeView *self = user_data;

  self->throttle_id = 0;
  if (self->outdated && gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  return G_SOURCE_REMOVE;
}

void
sl_code_view_invalidate (SlCodeView *self)
{
  g_return_if_fail (SL_IS_CODE_VIEW (self));

  self->outdated = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->throttle_id == 0)
    self->throttle_id = g_timeout_add (SL_CODE_VIEW_THROTTLE_MS, throttle_cb, self);
}

GtkWidget *
sl_code_view_new (void)
{
  return g_object_new (SL_TYPE_CODE_VIEW, NULL);
}

void
sl_code_view_set_generator (SlCodeView             *self,
                            SlCodeViewGenerateFunc  generate_func,
                            gpointer                user_data,
                            GDestroyNotify          destroy)
{
  g_return_if_fail (SL_IS_CODE_VIEW (self));

  if (self->generate_destroy != NULL)
    self->generate_destroy (self->generate_data);
  self->generate = generate_func;
  self->generate_data = user_data;
  self->generate_destroy = destroy;
  sl_code_view_invalidate (self);
}

SlCodeLanguage
sl_code_view_get_language (SlCodeView *self)
{
  g_return_val_if_fail (SL_IS_CODE_VIEW (self), SL_CODE_LANGUAGE_PYTHON);
  return (SlCodeLanguage) MIN (gtk_drop_down_get_selected (self->language_dropdown), SL_CODE_LANGUAGE_SHELL);
}

void
sl_code_view_set_language (SlCodeView     *self,
                           SlCodeLanguage  language)
{
  g_return_if_fail (SL_IS_CODE_VIEW (self));
  g_return_if_fail (language <= SL_CODE_LANGUAGE_SHELL);

  /* The drop-down's notify::selected regenerates and notifies. */
  gtk_drop_down_set_selected (self->language_dropdown, language);
}

void
sl_code_view_set_file_view (SlCodeView *self,
                            const char *view)
{
  g_return_if_fail (SL_IS_CODE_VIEW (self));
  sl_set_string_prop (G_OBJECT (self), &self->file_view, view, properties[PROP_FILE_VIEW]);
}

char *
sl_code_view_dup_code (SlCodeView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (SL_IS_CODE_VIEW (self), NULL);

  if (self->outdated)
    refresh (self);
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* ---- callbacks and actions ------------------------------------------------------------ */

static void
language_changed_cb (SlCodeView *self)
{
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_autofree char *code = sl_code_view_dup_code (SL_CODE_VIEW (widget));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), code);
  sl_show_toast (widget, _("Code copied"));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlCodeView *self = SL_CODE_VIEW (widget);
  char *code = sl_code_view_dup_code (self);
  g_autoptr(GBytes) bytes = g_bytes_new_take (code, strlen (code));
  SlCodeLanguage language = sl_code_view_get_language (self);
  g_autoptr(SlExportJob) job = sl_export_job_new_bytes (self->file_view != NULL ? self->file_view : "code",
                                                        sl_code_language_get_extension (language), bytes);

  sl_export_job_set_title (job, _("Save Code"));
  sl_export_job_save (job, widget);
}

static void
sl_code_view_map (GtkWidget *widget)
{
  SlCodeView *self = SL_CODE_VIEW (widget);

  GTK_WIDGET_CLASS (sl_code_view_parent_class)->map (widget);
  if (self->outdated)
    refresh (self);
}

/* ---- GObject --------------------------------------------------------------------------- */

static void
sl_code_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SlCodeView *self = SL_CODE_VIEW (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_uint (value, sl_code_view_get_language (self));
      break;
    case PROP_FILE_VIEW:
      g_value_set_string (value, self->file_view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_code_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SlCodeView *self = SL_CODE_VIEW (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      sl_code_view_set_language (self, g_value_get_uint (value));
      break;
    case PROP_FILE_VIEW:
      sl_code_view_set_file_view (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_code_view_dispose (GObject *object)
{
  SlCodeView *self = SL_CODE_VIEW (object);

  g_clear_handle_id (&self->throttle_id, g_source_remove);
  sl_code_view_set_generator (self, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_CODE_VIEW);

  G_OBJECT_CLASS (sl_code_view_parent_class)->dispose (object);
}

static void
sl_code_view_finalize (GObject *object)
{
  g_free (SL_CODE_VIEW (object)->file_view);

  G_OBJECT_CLASS (sl_code_view_parent_class)->finalize (object);
}

static void
sl_code_view_class_init (SlCodeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sl_code_view_get_property;
  object_class->set_property = sl_code_view_set_property;
  object_class->dispose = sl_code_view_dispose;
  object_class->finalize = sl_code_view_finalize;
  widget_class->map = sl_code_view_map;

  properties[PROP_LANGUAGE] =
    g_param_spec_uint ("language", NULL, NULL, SL_CODE_LANGUAGE_PYTHON, SL_CODE_LANGUAGE_SHELL,
                       SL_CODE_LANGUAGE_PYTHON,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE_VIEW] =
    g_param_spec_string ("file-view", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/sl-code-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SlCodeView, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlCodeView, text_view);
  gtk_widget_class_bind_template_callback (widget_class, language_changed_cb);

  gtk_widget_class_install_action (widget_class, "code.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "code.save", NULL, save_action);
}

static void
sl_code_view_init (SlCodeView *self)
{
  self->outdated = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  sl_accessible_name_drop_downs (GTK_WIDGET (self));
}
