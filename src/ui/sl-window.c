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
#include "sl-ping-page.h"
#include "sl-server-page.h"
#include "sl-window-private.h"

#define SETTINGS_SCHEMA "io.github.socketlab.SocketLab"

G_DEFINE_FINAL_TYPE (SlWindow, sl_window, ADW_TYPE_APPLICATION_WINDOW)

SlWindow *
sl_window_new (SlApplication *application)
{
  return g_object_new (SL_TYPE_WINDOW, "application", application, NULL);
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
      link_flow_diagrams (self);
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

  if (name != NULL)
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

static const GActionEntry win_actions[] = {
  { .name = "show-page", .activate = show_page, .parameter_type = "s" },
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
sl_window_dispose (GObject *object)
{
  SlWindow *self = SL_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (sl_window_parent_class)->dispose (object);
}

static void
sl_window_class_init (SlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sl_window_dispose;
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
  /* Before the template: building it shows, and so builds, the first page. */
  self->journal = sl_lab_journal_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_str_equal (PROFILE, "devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
  sl_window_add_export_actions (self);

  self->settings = g_settings_new (SETTINGS_SCHEMA);
  restore_geometry (self);
  visible_page_changed_cb (self);
}
