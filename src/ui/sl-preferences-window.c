/* sl-preferences-window.c: the Preferences window: style, default family, timeouts, limits.
 *
 * Each row is bound to its key; the pages and the application follow the keys, so a change
 * applies at once. The log size applies to logs made after it (a log's cap is fixed when it
 * is made, so its memory is never surprised).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-preferences-window.h"
#include "sl-settings.h"
#include "sl-ui-utils.h"

struct _SlPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *style_row;
  AdwComboRow          *family_row;
  AdwActionRow         *recent_row;
  GtkSpinButton        *connect_timeout_spin;
  GtkSpinButton        *idle_timeout_spin;
  GtkSpinButton        *max_clients_spin;
  GtkSpinButton        *log_size_spin;
  GtkWidget            *clear_recent_button;
};

G_DEFINE_FINAL_TYPE (SlPreferencesWindow, sl_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
update_recent_hosts (SlPreferencesWindow *self)
{
  g_auto(GStrv) hosts = g_settings_get_strv (self->settings, "recent-hosts");
  guint n = g_strv_length (hosts);
  g_autofree char *subtitle = n > 0 ? g_strdup_printf (ngettext ("%u host offered on the host fields",
                                                                 "%u hosts offered on the host fields", n), n)
                                    : g_strdup (_("None yet"));

  adw_action_row_set_subtitle (self->recent_row, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.clear-recent-hosts", n > 0);
}

static void
clear_recent_hosts_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  g_settings_reset (SL_PREFERENCES_WINDOW (widget)->settings, "recent-hosts");
}

static void
bind_rows (SlPreferencesWindow *self)
{
  sl_settings_bind_choice (self->settings, "color-scheme", self->style_row);
  sl_settings_bind_choice (self->settings, "default-family", self->family_row);
  sl_settings_bind_spin (self->settings, "connect-timeout", self->connect_timeout_spin);
  sl_settings_bind_spin (self->settings, "server-idle-timeout", self->idle_timeout_spin);
  sl_settings_bind_spin (self->settings, "server-max-clients", self->max_clients_spin);
  sl_settings_bind_spin (self->settings, "log-max-mib", self->log_size_spin);
  g_signal_connect_object (self->settings, "changed::recent-hosts",
                           G_CALLBACK (update_recent_hosts), self, G_CONNECT_SWAPPED);
  update_recent_hosts (self);
}

static void
sl_preferences_window_dispose (GObject *object)
{
  SlPreferencesWindow *self = SL_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (sl_preferences_window_parent_class)->dispose (object);
}

static void
sl_preferences_window_class_init (SlPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/sl-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, family_row);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, recent_row);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, connect_timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, idle_timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, max_clients_spin);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, log_size_spin);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, clear_recent_button);
  gtk_widget_class_install_action (widget_class, "preferences.clear-recent-hosts", NULL,
                                   clear_recent_hosts_action);
}

static void
sl_preferences_window_init (SlPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sl_accessible_name_button (self->clear_recent_button, _("Clear Recent Hosts"));
}

GtkWidget *
sl_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  SlPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SL_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->settings = g_object_ref (settings);
  bind_rows (self);
  return GTK_WIDGET (self);
}
