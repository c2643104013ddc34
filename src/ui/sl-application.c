/* sl-application.c: the AdwApplication, its app-wide actions and accelerators.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-application.h"
#include "sl-preferences-window.h"
#include "sl-settings.h"
#include "sl-window.h"

struct _SlApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (SlApplication, sl_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  /* GTK sets this itself for a gtk/help-overlay.ui resource; ours is built on first use. */
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.lab-steps", { "F1", NULL } },
  { "win.focus-host", { "<Control>l", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.show-page::connect", { "<Alt>1", NULL } },
  { "win.show-page::server", { "<Alt>2", NULL } },
  { "win.show-page::ping", { "<Alt>3", NULL } },
  { "win.show-page::route", { "<Alt>4", NULL } },
  { "win.export-report", { "<Control>e", NULL } },
  { "win.copy-page-image", { "<Control><Alt>c", NULL } },
  { "win.save-page-image", { "<Control><Alt>s", NULL } },
};

SlApplication *
sl_application_new (void)
{
  return g_object_new (SL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

static void
sl_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (sl_window_new (SL_APPLICATION (app)));
  gtk_window_present (window);
}

static void
show_about (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Socket Lab developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "destroy-with-parent", TRUE,
                        "application-name", _("Socket Lab"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Socket Lab developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("Learn socket programming by doing: connect, serve, ping and report"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit (GSimpleAction *action,
      GVariant      *parameter,
      gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Destroying windows lets pages cancel their I/O before the loop stops. */
  while (windows != NULL)
    {
      GList *next = windows->next;
      gtk_window_destroy (GTK_WINDOW (windows->data));
      windows = next;
    }
  g_application_quit (app);
}

static void
show_preferences (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  SlApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (sl_preferences_window_new (parent, self->settings)));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = show_about },
  { .name = "preferences", .activate = show_preferences },
  { .name = "quit", .activate = quit },
};

/* The color-scheme key's choices, in schema order. */
static const AdwColorScheme color_schemes[] = {
  ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
};

static void
apply_color_scheme (SlApplication *self)
{
  guint choice = MIN (sl_settings_get_choice (self->settings, "color-scheme"),
                      G_N_ELEMENTS (color_schemes) - 1);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_schemes[choice]);
}

GSettings *
sl_application_get_settings (SlApplication *self)
{
  g_return_val_if_fail (SL_IS_APPLICATION (self), NULL);
  return self->settings;
}

static void
sl_application_startup (GApplication *app)
{
  SlApplication *self = SL_APPLICATION (app);

  G_APPLICATION_CLASS (sl_application_parent_class)->startup (app);

  self->settings = g_settings_new (SL_SETTINGS_SCHEMA);
  g_signal_connect_swapped (self->settings, "changed::color-scheme", G_CALLBACK (apply_color_scheme), self);
  apply_color_scheme (self);

  gtk_window_set_default_icon_name (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           app_accels[i].action,
                                           app_accels[i].accels);
}

static void
sl_application_dispose (GObject *object)
{
  g_clear_object (&SL_APPLICATION (object)->settings);
  G_OBJECT_CLASS (sl_application_parent_class)->dispose (object);
}

static void
sl_application_class_init (SlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sl_application_dispose;
  app_class->activate = sl_application_activate;
  app_class->startup = sl_application_startup;
}

static void
sl_application_init (SlApplication *self)
{
}
