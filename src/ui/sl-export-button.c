/* sl-export-button.c: a menu button whose items save what a view shows, in each format.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-export-button.h"
#include "sl-utils.h"

struct _SlExportButton
{
  AdwBin      parent_instance;

  GtkWidget  *button;
  char       *action_name;
  char       *label;
  guint       formats;
};

enum {
  PROP_0,
  PROP_ACTION_NAME,
  PROP_FORMATS,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SlExportButton, sl_export_button, ADW_TYPE_BIN)

static const struct {
  SlExportFormat  format;
  const char     *label;
} items[] = {
  { SL_EXPORT_FORMAT_TEXT, N_("Save as _Text…") },
  { SL_EXPORT_FORMAT_CSV, N_("Save as _CSV…") },
  { SL_EXPORT_FORMAT_PNG, N_("Save as _PNG Image…") },
  { SL_EXPORT_FORMAT_SVG, N_("Save as _SVG Image…") },
  { SL_EXPORT_FORMAT_CODE, N_("Save _Code…") },
};

static void
rebuild_menu (SlExportButton *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; self->action_name != NULL && i < G_N_ELEMENTS (items); i++)
    if (self->formats & items[i].format)
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

        g_menu_item_set_action_and_target (item, self->action_name, "s",
                                           sl_export_format_to_nick (items[i].format));
        g_menu_append_item (menu, item);
      }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->button), G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (self->button, self->action_name != NULL && self->formats != 0);
}

GtkWidget *
sl_export_button_new (void)
{
  return g_object_new (SL_TYPE_EXPORT_BUTTON, NULL);
}

const char *
sl_export_button_get_action_name (SlExportButton *self)
{
  g_return_val_if_fail (SL_IS_EXPORT_BUTTON (self), NULL);
  return self->action_name;
}

void
sl_export_button_set_action_name (SlExportButton *self,
                                  const char     *action_name)
{
  g_return_if_fail (SL_IS_EXPORT_BUTTON (self));

  if (sl_set_string_prop (G_OBJECT (self), &self->action_name, action_name, properties[PROP_ACTION_NAME]))
    rebuild_menu (self);
}

guint
sl_export_button_get_formats (SlExportButton *self)
{
  g_return_val_if_fail (SL_IS_EXPORT_BUTTON (self), 0);
  return self->formats;
}

void
sl_export_button_set_formats (SlExportButton *self,
                              guint           formats)
{
  g_return_if_fail (SL_IS_EXPORT_BUTTON (self));

  if (sl_set_uint_prop (G_OBJECT (self), &self->formats, formats, properties[PROP_FORMATS]))
    rebuild_menu (self);
}

const char *
sl_export_button_get_label (SlExportButton *self)
{
  g_return_val_if_fail (SL_IS_EXPORT_BUTTON (self), NULL);
  return self->label;
}

void
sl_export_button_set_label (SlExportButton *self,
                            const char     *label)
{
  g_return_if_fail (SL_IS_EXPORT_BUTTON (self));

  if (!sl_set_string_prop (G_OBJECT (self), &self->label, label, properties[PROP_LABEL]))
    return;
  gtk_widget_set_tooltip_text (self->button, label);
  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

guint
sl_export_formats_for_tab (gpointer    unused,
                           const char *tab)
{
  if (g_strcmp0 (tab, "flow") == 0)
    return SL_EXPORT_FORMAT_PNG | SL_EXPORT_FORMAT_SVG;
  if (g_strcmp0 (tab, "code") == 0)
    return SL_EXPORT_FORMAT_CODE;
  return SL_EXPORT_FORMAT_TEXT | SL_EXPORT_FORMAT_CSV;
}

/* ---- GObject --------------------------------------------------------------------------- */

static void
sl_export_button_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SlExportButton *self = SL_EXPORT_BUTTON (object);

  switch (prop_id)
    {
    case PROP_ACTION_NAME:
      g_value_set_string (value, self->action_name);
      break;
    case PROP_FORMATS:
      g_value_set_uint (value, self->formats);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_export_button_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SlExportButton *self = SL_EXPORT_BUTTON (object);

  switch (prop_id)
    {
    case PROP_ACTION_NAME:
      sl_export_button_set_action_name (self, g_value_get_string (value));
      break;
    case PROP_FORMATS:
      sl_export_button_set_formats (self, g_value_get_uint (value));
      break;
    case PROP_LABEL:
      sl_export_button_set_label (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_export_button_finalize (GObject *object)
{
  SlExportButton *self = SL_EXPORT_BUTTON (object);

  g_free (self->action_name);
  g_free (self->label);

  G_OBJECT_CLASS (sl_export_button_parent_class)->finalize (object);
}

static void
sl_export_button_class_init (SlExportButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sl_export_button_get_property;
  object_class->set_property = sl_export_button_set_property;
  object_class->finalize = sl_export_button_finalize;

  properties[PROP_ACTION_NAME] =
    g_param_spec_string ("action-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FORMATS] =
    g_param_spec_uint ("formats", NULL, NULL, 0, G_MAXUINT, SL_EXPORT_FORMAT_TEXT | SL_EXPORT_FORMAT_CSV,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_export_button_init (SlExportButton *self)
{
  self->button = gtk_menu_button_new ();
  self->formats = SL_EXPORT_FORMAT_TEXT | SL_EXPORT_FORMAT_CSV;
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->button), "document-save-symbolic");
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  adw_bin_set_child (ADW_BIN (self), self->button);
  rebuild_menu (self);
}
