/* sl-window.c: the main window, a view stack of the Connect, Server and Ping pages.
 *
 * A page is built the first time it is shown: a student who opens Socket Lab to ping
 * waits for neither the Connect page's nor the Server page's widgets and models.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-connect-page.h"
#include "sl-lab-steps-window.h"
#include "sl-lab-watch.h"
#include "sl-ping-page.h"
#include "sl-route-page.h"
#include "sl-server-page.h"
#include "sl-settings.h"
#include "sl-window-private.h"


G_DEFINE_FINAL_TYPE (SlWindow, sl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

SlWindow *
sl_window_new (SlApplication *application)
{
  return g_object_new (SL_TYPE_WINDOW,
                       "application", application,
                       "settings", sl_application_get_settings (application),
                       NULL);
}

SlLabSteps *
sl_window_get_lab_steps (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);
  return self->lab_steps;
}

GSettings *
sl_window_get_settings (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);
  return self->settings;
}

const char *
sl_window_get_visible_page (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

static GType
page_type (const char *name)
{
  if (g_strcmp0 (name, "connect") == 0)
    return SL_TYPE_CONNECT_PAGE;
  if (g_strcmp0 (name, "server") == 0)
    return SL_TYPE_SERVER_PAGE;
  if (g_strcmp0 (name, "ping") == 0)
    return SL_TYPE_PING_PAGE;
  if (g_strcmp0 (name, "route") == 0)
    return SL_TYPE_ROUTE_PAGE;
  return G_TYPE_INVALID;
}

static AdwBin *
page_slot (SlWindow   *self,
           const char *name)
{
  GtkWidget *slot = adw_view_stack_get_child_by_name (self->stack, name);

  return slot != NULL ? ADW_BIN (slot) : NULL;
}

/* Each page's flow diagram draws the other page's side of the run, once both exist. */
static void
link_flow_diagrams (SlWindow *self)
{
  GtkWidget *connect = adw_bin_get_child (page_slot (self, "connect"));
  GtkWidget *server = adw_bin_get_child (page_slot (self, "server"));

  if (connect == NULL || server == NULL)
    return;
  sl_connect_page_set_server_trace (SL_CONNECT_PAGE (connect),
                                    sl_server_get_trace (sl_server_page_get_server (SL_SERVER_PAGE (server))));
  sl_server_page_set_client_trace (SL_SERVER_PAGE (server),
                                   sl_connect_page_get_trace (SL_CONNECT_PAGE (connect)));
}

/* A new page shows what was used last and remembers what the student changes. */
static void
bind_page_settings (SlWindow  *self,
                    GtkWidget *page)
{
  if (SL_IS_CONNECT_PAGE (page))
    sl_connect_page_bind_settings (SL_CONNECT_PAGE (page), self->settings);
  else if (SL_IS_SERVER_PAGE (page))
    sl_server_page_bind_settings (SL_SERVER_PAGE (page), self->settings);
  else if (SL_IS_PING_PAGE (page))
    sl_ping_page_bind_settings (SL_PING_PAGE (page), self->settings);
  else if (SL_IS_ROUTE_PAGE (page))
    sl_route_page_bind_settings (SL_ROUTE_PAGE (page), self->settings);
}

/* The Lab Steps tick on what the Connect and Ping pages do. */
static void
watch_for_lab_steps (SlWindow  *self,
                     GtkWidget *page)
{
  if (SL_IS_CONNECT_PAGE (page))
    sl_lab_watch_connect_page (self->lab_steps, SL_CONNECT_PAGE (page));
  else if (SL_IS_PING_PAGE (page))
    sl_lab_watch_ping_page (self->lab_steps, SL_PING_PAGE (page));
}

/* A finished route tells the Ping page how far its target really is, to set beside what
 * the replies' TTL suggests. */
static void
route_finished_cb (SlRoutePage *route_page,
                   SlWindow    *self)
{
  GtkWidget *ping = adw_bin_get_child (page_slot (self, "ping"));
  SlRoute *route = sl_route_page_get_route (route_page);

  if (ping != NULL && sl_route_get_destination_reached (route))
    sl_ping_page_set_route_length (SL_PING_PAGE (ping), sl_route_get_host (route),
                                   g_list_model_get_n_items (sl_route_get_hops (route)));
}

/* Each page records its finished runs in the window's journal. */
static void
give_journal (SlWindow  *self,
              GtkWidget *page)
{
  if (SL_IS_CONNECT_PAGE (page))
    sl_connect_page_set_journal (SL_CONNECT_PAGE (page), self->journal);
  else if (SL_IS_SERVER_PAGE (page))
    sl_server_page_set_journal (SL_SERVER_PAGE (page), self->journal);
  else if (SL_IS_PING_PAGE (page))
    sl_ping_page_set_journal (SL_PING_PAGE (page), self->journal);
  else if (SL_IS_ROUTE_PAGE (page))
    sl_route_page_set_journal (SL_ROUTE_PAGE (page), self->journal);
}

/* The page named @name, built now if it was never shown. */
GtkWidget *
sl_window_ensure_page (SlWindow   *self,
                       const char *name)
{
  AdwBin *slot;
  GType type = page_type (name);

  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  slot = page_slot (self, name);
  if (slot == NULL || type == G_TYPE_INVALID)
    return NULL;
  if (adw_bin_get_child (slot) == NULL)
    {
      adw_bin_set_child (slot, g_object_new (type, NULL));
      bind_page_settings (self, adw_bin_get_child (slot));
      watch_for_lab_steps (self, adw_bin_get_child (slot));
      link_flow_diagrams (self);
      if (SL_IS_ROUTE_PAGE (adw_bin_get_child (slot)))
        g_signal_connect_object (adw_bin_get_child (slot), "route-finished", G_CALLBACK (route_finished_cb), self, 0);
      give_journal (self, adw_bin_get_child (slot));
    }
  return adw_bin_get_child (slot);
}

GtkWidget *
sl_window_get_built_page (SlWindow   *self,
                          const char *name)
{
  AdwBin *slot = page_slot (self, name);

  return slot != NULL ? adw_bin_get_child (slot) : NULL;
}

static void
visible_page_changed_cb (SlWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);

  /* Pages wait for the settings they remember, set at construction. */
  if (name != NULL && self->settings != NULL)
    sl_window_ensure_page (self, name);
}

static void
show_page (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  SlWindow *self = user_data;
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_warning ("No page named “%s”", name);
      return;
    }
  adw_view_stack_set_visible_child_name (self->stack, name);
}

/* From a ping target: the Route page traces that host. */
static void
trace_route (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  SlWindow *self = user_data;
  GtkWidget *page = sl_window_ensure_page (self, "route");

  adw_view_stack_set_visible_child_name (self->stack, "route");
  sl_route_page_trace (SL_ROUTE_PAGE (page), g_variant_get_string (parameter, NULL));
}

static void
show_lab_steps (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  SlWindow *self = user_data;

  gtk_window_present (GTK_WINDOW (sl_lab_steps_window_new (self, self->lab_steps)));
}

/* Ctrl+L from anywhere in the window: the shown page's host field. */
static void
focus_host (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  SlWindow *self = user_data;
  GtkWidget *page = sl_window_ensure_page (self, sl_window_get_visible_page (self));

  if (page != NULL)
    gtk_widget_activate_action (page, "page.focus-host", NULL);
}

/* The Keyboard Shortcuts window, built the first time it is asked for: building it costs as
 * much as a page, and most sessions never open it. */
static void
show_help_overlay (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GtkApplicationWindow *self = user_data;
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (self);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH "/sl-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (self, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static const GActionEntry win_actions[] = {
  { .name = "show-help-overlay", .activate = show_help_overlay },
  { .name = "show-page", .activate = show_page, .parameter_type = "s" },
  { .name = "focus-host", .activate = focus_host },
  { .name = "lab-steps", .activate = show_lab_steps },
  { .name = "trace-route", .activate = trace_route, .parameter_type = "s" },
};

static void
restore_geometry (SlWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_geometry (SlWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
sl_window_close_request (GtkWindow *window)
{
  save_geometry (SL_WINDOW (window));
  return GTK_WINDOW_CLASS (sl_window_parent_class)->close_request (window);
}

static void
sl_window_constructed (GObject *object)
{
  SlWindow *self = SL_WINDOW (object);

  G_OBJECT_CLASS (sl_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (SL_SETTINGS_SCHEMA);
  {
    g_autoptr(GVariant) custom = g_settings_get_value (self->settings, "custom-lab-steps");

    sl_lab_steps_set_custom (self->lab_steps, custom);
  }
  restore_geometry (self);
  visible_page_changed_cb (self);
}

static void
sl_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, SL_WINDOW (object)->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SETTINGS:
      SL_WINDOW (object)->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_window_dispose (GObject *object)
{
  SlWindow *self = SL_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->lab_steps);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (sl_window_parent_class)->dispose (object);
}

static void
sl_window_class_init (SlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sl_window_constructed;
  object_class->get_property = sl_window_get_property;
  object_class->set_property = sl_window_set_property;
  object_class->dispose = sl_window_dispose;

  /* NULL: the application's schema on the default backend. */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  window_class->close_request = sl_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/sl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SlWindow, curtain_host);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, stack);
  gtk_widget_class_bind_template_callback (widget_class, visible_page_changed_cb);
}

static void
sl_window_init (SlWindow *self)
{
  self->lab_steps = sl_lab_steps_new ();
  /* Before the template: pages may be built (and given these) as soon as it is. */
  self->journal = sl_lab_journal_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_str_equal (PROFILE, "devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
  sl_window_add_export_actions (self);
}

