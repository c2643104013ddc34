/* sl-lab-steps-window.c: the Lab Steps window: the classic lab as one-click presets that fill
 * the pages' fields, ticked as they are done, and the student's own presets.
 *
 * Filling a step writes its settings keys; the pages show what their keys hold, so the
 * fields change at once and the page is shown, ready for the student to press its button.
 * The student's presets live in the custom-lab-steps key (dconf, or the keyfile in the
 * Flatpak sandbox), next to the pages' own remembered fields.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-lab-steps-window.h"
#include "sl-ui-utils.h"

#define CUSTOM_KEY "custom-lab-steps"

struct _SlLabStepsWindow
{
  AdwWindow    parent_instance;

  SlWindow    *parent;       /* weak */
  SlLabSteps  *steps;
  GSettings   *settings;

  GtkListBox  *steps_list;
  GtkWidget   *save_preset_button;
};

G_DEFINE_FINAL_TYPE (SlLabStepsWindow, sl_lab_steps_window, ADW_TYPE_WINDOW)

static const char *
page_title (const char *page)
{
  if (g_strcmp0 (page, "server") == 0)
    return _("Server");
  if (g_strcmp0 (page, "ping") == 0)
    return _("Ping");
  if (g_strcmp0 (page, "route") == 0)
    return _("Route");
  return _("Connect");
}

/* ---- rows ----------------------------------------------------------------------------- */

static void
show_done (SlLabStep  *step,
           GParamSpec *pspec,
           GtkStack   *mark)
{
  gboolean done = sl_lab_step_get_done (step);

  gtk_stack_set_visible_child_name (mark, done ? "done" : "todo");
  gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  done ? _("Done") : _("Not done yet"), -1);
}

/* The step's number, or a tick once it is done. */
static GtkWidget *
mark_new (SlLabStep *step,
          guint      number)
{
  GtkWidget *mark = gtk_stack_new ();
  g_autofree char *text = g_strdup_printf ("%u", number);
  GtkWidget *todo = gtk_label_new (text);
  GtkWidget *done = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_widget_add_css_class (todo, "dim-label");
  gtk_widget_add_css_class (todo, "numeric");
  gtk_widget_add_css_class (done, "success");
  gtk_stack_add_named (GTK_STACK (mark), todo, "todo");
  gtk_stack_add_named (GTK_STACK (mark), done, "done");
  gtk_widget_set_size_request (mark, 24, -1);
  show_done (step, NULL, GTK_STACK (mark));
  g_signal_connect_object (step, "notify::done", G_CALLBACK (show_done), mark, 0);
  return mark;
}

static GtkWidget *
row_button (const char *label_or_icon,
            gboolean    icon,
            const char *action,
            const char *id,
            const char *what)
{
  GtkWidget *button = icon ? gtk_button_new_from_icon_name (label_or_icon)
                           : gtk_button_new_with_mnemonic (label_or_icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  gtk_widget_set_tooltip_text (button, what);
  sl_accessible_name_button (button, what);
  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  SlLabStepsWindow *self = user_data;
  SlLabStep *step = item;
  gboolean custom = sl_lab_steps_is_custom (self->steps, step);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *fill = g_strdup_printf (_("Fill in the %s page for “%s”"),
                                           page_title (sl_lab_step_get_page (step)), sl_lab_step_get_title (step));
  g_autofree char *subtitle = custom ? g_strdup_printf (_("Your preset for the %s page"),
                                                        page_title (sl_lab_step_get_page (step)))
                                     : g_strdup (sl_lab_step_get_teaches (step));
  guint position = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->steps)); i++)
    {
      g_autoptr(SlLabStep) other = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      if (other == step)
        position = i;
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sl_lab_step_get_title (step));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), mark_new (step, position + 1));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button (_("_Fill In"), FALSE, "lab-steps.fill",
                                                               sl_lab_step_get_id (step), fill));
  if (custom)
    {
      g_autofree char *remove = g_strdup_printf (_("Remove the preset “%s”"), sl_lab_step_get_title (step));

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button ("user-trash-symbolic", TRUE, "lab-steps.remove",
                                                                   sl_lab_step_get_id (step), remove));
    }
  return row;
}

/* ---- filling in ------------------------------------------------------------------------ */

static void
write_values (GSettings *settings,
              GVariant  *values)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_object_get (settings, "settings-schema", &schema, NULL);
  g_settings_delay (settings);
  g_variant_iter_init (&iter, values);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      /* A preset saved by another version may name a key this one has not: skipped. */
      if (g_settings_schema_has_key (schema, key))
        {
          g_autoptr(GSettingsSchemaKey) schema_key = g_settings_schema_get_key (schema, key);

          if (g_settings_schema_key_range_check (schema_key, value))
            g_settings_set_value (settings, key, value);
        }
      g_variant_unref (value);
    }
  g_settings_apply (settings);
}

gboolean
sl_lab_steps_window_fill (SlLabStepsWindow *self,
                          const char       *id)
{
  SlLabStep *step;
  GtkWidget *page;
  g_autofree char *done = NULL;

  g_return_val_if_fail (SL_IS_LAB_STEPS_WINDOW (self), FALSE);

  step = sl_lab_steps_find (self->steps, id);
  if (step == NULL || self->parent == NULL)
    return FALSE;
  write_values (self->settings, sl_lab_step_get_values (step));
  page = sl_window_ensure_page (self->parent, sl_lab_step_get_page (step));
  gtk_widget_activate_action (GTK_WIDGET (self->parent), "win.show-page", "s", sl_lab_step_get_page (step));
  done = g_strdup_printf (_("Filled in: %s. Nothing runs until you press the page’s button."),
                          sl_lab_step_get_title (step));
  sl_show_toast (page, done);
  return TRUE;
}

static void
fill_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlLabStepsWindow *self = SL_LAB_STEPS_WINDOW (widget);

  if (sl_lab_steps_window_fill (self, g_variant_get_string (parameter, NULL)))
    gtk_window_close (GTK_WINDOW (self));
}

/* ---- the student's presets ------------------------------------------------------------ */

static void
store_custom (SlLabStepsWindow *self)
{
  g_autoptr(GVariant) custom = sl_lab_steps_dup_custom (self->steps);

  g_settings_set_value (self->settings, CUSTOM_KEY, custom);
}

/* The page's own keys, as they are now: "connect-host", "connect-port", … */
static GVariant *
page_values (GSettings  *settings,
             const char *page)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *prefix = g_strconcat (page, "-", NULL);
  g_auto(GStrv) keys = NULL;
  GVariantBuilder values;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  g_variant_builder_init (&values, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; keys[i] != NULL; i++)
    if (g_str_has_prefix (keys[i], prefix))
      g_variant_builder_add (&values, "{sv}", keys[i], g_settings_get_value (settings, keys[i]));
  return g_variant_builder_end (&values);
}

static void
save_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  SlLabStepsWindow *self)
{
  GtkEditable *name = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (name)));
  const char *page = self->parent != NULL ? sl_window_get_visible_page (self->parent) : NULL;

  if (g_strcmp0 (response, "save") != 0 || *title == '\0' || page == NULL)
    return;
  sl_lab_steps_add_custom (self->steps, title, page, page_values (self->settings, page));
  store_custom (self);
}

static void
name_changed_cb (GtkEditable      *name,
                 AdwMessageDialog *dialog)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (name)));

  adw_message_dialog_set_response_enabled (dialog, "save", *title != '\0');
}

static void
save_preset_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SlLabStepsWindow *self = SL_LAB_STEPS_WINDOW (widget);
  const char *page = self->parent != NULL ? sl_window_get_visible_page (self->parent) : "connect";
  g_autofree char *body = g_strdup_printf (_("The fields of the %s page, as they are now, under a name of yours."),
                                           page_title (page));
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save as a Preset"), body);
  GtkWidget *name = gtk_entry_new ();

  gtk_entry_set_activates_default (GTK_ENTRY (name), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preset name"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (name), _("Preset name"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);
  g_signal_connect (name, "changed", G_CALLBACK (name_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SlLabStepsWindow *self = SL_LAB_STEPS_WINDOW (widget);

  if (sl_lab_steps_remove_custom (self->steps, g_variant_get_string (parameter, NULL)))
    store_custom (self);
}

/* ---- GObject -------------------------------------------------------------------------- */

static void
sl_lab_steps_window_dispose (GObject *object)
{
  SlLabStepsWindow *self = SL_LAB_STEPS_WINDOW (object);

  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->steps);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (sl_lab_steps_window_parent_class)->dispose (object);
}

static void
sl_lab_steps_window_class_init (SlLabStepsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_lab_steps_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/sl-lab-steps-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SlLabStepsWindow, steps_list);
  gtk_widget_class_bind_template_child (widget_class, SlLabStepsWindow, save_preset_button);
  gtk_widget_class_install_action (widget_class, "lab-steps.fill", "s", fill_action);
  gtk_widget_class_install_action (widget_class, "lab-steps.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "lab-steps.save-preset", NULL, save_preset_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_lab_steps_window_init (SlLabStepsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sl_accessible_name_button (self->save_preset_button, NULL);
}

GtkWidget *
sl_lab_steps_window_new (SlWindow   *parent,
                         SlLabSteps *steps)
{
  SlLabStepsWindow *self;

  g_return_val_if_fail (SL_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SL_IS_LAB_STEPS (steps), NULL);

  self = g_object_new (SL_TYPE_LAB_STEPS_WINDOW, "transient-for", parent, "modal", TRUE,
                       "destroy-with-parent", TRUE, NULL);
  g_set_weak_pointer (&self->parent, parent);
  self->steps = g_object_ref (steps);
  self->settings = g_object_ref (sl_window_get_settings (parent));
  gtk_list_box_bind_model (self->steps_list, G_LIST_MODEL (steps), create_row, self, NULL);
  return GTK_WIDGET (self);
}
