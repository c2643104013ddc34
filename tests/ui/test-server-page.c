/* test-server-page.c: the Server page under Xvfb: start on port 0, a GSocketClient shows
 * up as a row, send to it, disconnect it, EADDRINUSE marks the port field, controls have
 * accessible names, the layout stacks at 360 px, and the page stops its server when it
 * goes away. With SL_SCREENSHOT_DIR set, the page is also rendered to PNG files there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sl-server-page.h"

#define TIMEOUT_US (20 * G_USEC_PER_SEC)

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

#define SPIN_UNTIL(expr)                                                        \
  G_STMT_START {                                                                \
    gint64 spin_end = g_get_monotonic_time () + TIMEOUT_US;                     \
    guint spin_wake = g_timeout_add (10, wake_up, NULL);                        \
    while (!(expr))                                                             \
      {                                                                         \
        if (g_get_monotonic_time () > spin_end)                                 \
          g_error ("timed out waiting for: %s", #expr);                         \
        g_main_context_iteration (NULL, TRUE);                                  \
      }                                                                         \
    g_source_remove (spin_wake);                                                \
  } G_STMT_END

static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  SPIN_UNTIL (g_get_monotonic_time () >= end);
}

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

/* Depth-first search of the widget tree. */
static GtkWidget *
find_widget (GtkWidget     *root,
             WidgetMatch    match,
             gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_button_for (GtkWidget     *widget,
               gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static gboolean
is_entry_row (GtkWidget     *widget,
              gconstpointer  title)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_label_starting (GtkWidget     *widget,
                   gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  return find_widget (root, is_type, GSIZE_TO_POINTER (type));
}

typedef struct {
  GtkWindow    *window;
  SlServerPage *page;
  SlServer     *server;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->page = g_object_ref (g_object_new (SL_TYPE_SERVER_PAGE, NULL));
  fixture->server = g_object_ref (sl_server_page_get_server (fixture->page));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_set_default_size (fixture->window, 1000, 720);
  gtk_window_present (fixture->window);
  SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->page)));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  spin_for (50);
  g_assert_finalize_object (fixture->page);
  /* Disposing the page stopped its server. */
  g_assert_cmpint (sl_server_get_state (fixture->server), ==, SL_SERVER_STATE_STOPPED);
  g_assert_cmpuint (sl_server_get_n_peers (fixture->server), ==, 0);
  g_assert_finalize_object (fixture->server);
}

static GtkWidget *
page_widget (Fixture *fixture)
{
  return GTK_WIDGET (fixture->page);
}

static void
start_on_port_zero (Fixture *fixture)
{
  GtkWidget *port = find_widget (page_widget (fixture), is_entry_row, "Port");

  gtk_editable_set_text (GTK_EDITABLE (port), "0");
  g_assert_true (gtk_widget_activate_action (page_widget (fixture), "server.start", NULL));
  g_assert_cmpint (sl_server_get_state (fixture->server), ==, SL_SERVER_STATE_LISTENING);
}

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct { const char *action; const char *label; } buttons[] = {
    { "server.start", "Start" },
    { "server.stop", "Stop" },
    { "server.send", "Send" },
    { "server.disconnect-peer", "Disconnect" },
    { "server.broadcast", "Send to All" },
    { "server.copy-command", "Copy Command" },
  };
  GtkWidget *page = page_widget (fixture);

  gtk_test_accessible_assert_property (find_widget (page, is_entry_row, "Address"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Address");
  gtk_test_accessible_assert_property (find_widget (page, is_entry_row, "Port"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Port");
  gtk_test_accessible_assert_property (find_type (page, GTK_TYPE_SWITCH),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Allow connections from the network");
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = find_widget (page, is_button_for, buttons[i].action);

      g_assert_nonnull (button);
      gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, buttons[i].label);
    }
  gtk_test_accessible_assert_property (find_type (page, GTK_TYPE_ENTRY),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Message");

  /* Nothing to act on yet: only Start is enabled. */
  g_assert_true (gtk_widget_get_sensitive (find_widget (page, is_button_for, "server.start")));
  g_assert_false (gtk_widget_get_sensitive (find_widget (page, is_button_for, "server.stop")));
  g_assert_false (gtk_widget_get_sensitive (find_widget (page, is_button_for, "server.send")));
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GSocketConnection *
connect_client (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;

  g_socket_client_connect_to_host_async (client, "127.0.0.1", port, NULL, store_result, &result);
  SPIN_UNTIL (result != NULL);
  connection = g_socket_client_connect_to_host_finish (client, result, &error);
  g_assert_no_error (error);
  return connection;
}

/* Reads what arrives within the timeout, without blocking the main loop. */
static char *
read_some (GSocketConnection *connection)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  char buffer[256] = { 0 };
  gssize n = -1;

  g_socket_set_blocking (socket, FALSE);
  SPIN_UNTIL ((n = g_socket_receive (socket, buffer, sizeof buffer - 1, NULL, NULL)) >= 0);
  return g_strndup (buffer, n);
}

static void
test_peer_row (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *page = page_widget (fixture);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autofree char *label = NULL;
  g_autofree char *status = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *received = NULL;
  guint port;
  GtkWidget *status_label;
  GtkColumnView *view;

  start_on_port_zero (fixture);
  port = sl_server_get_bound_port (fixture->server);
  status = g_strdup_printf ("Listening on 127.0.0.1:%u — 0 clients", port);
  status_label = find_widget (page, is_label_with_text, status);
  g_assert_nonnull (status_label);
  hint = g_strdup_printf ("nc 127.0.0.1 %u", port);
  g_assert_nonnull (find_widget (page, is_label_with_text, hint));
  g_assert_false (gtk_widget_get_sensitive (find_widget (page, is_entry_row, "Port")));

  connection = connect_client (port);
  local = g_socket_connection_get_local_address (connection, NULL);
  label = g_strdup_printf ("127.0.0.1:%u",
                           g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));

  /* The row is drawn with the client's address, as plain text. */
  SPIN_UNTIL (find_widget (page, is_label_with_text, label) != NULL);
  g_clear_pointer (&status, g_free);
  status = g_strdup_printf ("Listening on 127.0.0.1:%u — 1 client", port);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status_label)), ==, status);

  /* Echo mode: what the client sends comes back, and the In column counts it. */
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             "hey", 3, NULL, NULL, NULL);
  received = read_some (connection);
  g_assert_cmpstr (received, ==, "hey");
  SPIN_UNTIL (find_widget (page, is_label_with_text, "3 bytes") != NULL);

  /* Select the row, send it a message. */
  view = GTK_COLUMN_VIEW (find_type (page, GTK_TYPE_COLUMN_VIEW));
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (view)), 0);
  g_assert_true (gtk_widget_get_sensitive (find_widget (page, is_button_for, "server.send")));
  gtk_editable_set_text (GTK_EDITABLE (find_type (page, GTK_TYPE_ENTRY)), "just for you");
  g_assert_true (gtk_widget_activate_action (page, "server.send", NULL));
  g_clear_pointer (&received, g_free);
  received = read_some (connection);
  g_assert_cmpstr (received, ==, "just for you");

  /* Disconnect it: the client reads EOF and the empty state comes back. */
  g_assert_true (gtk_widget_activate_action (page, "server.disconnect-peer", NULL));
  g_clear_pointer (&received, g_free);
  received = read_some (connection);
  g_assert_cmpstr (received, ==, "");
  g_assert_cmpuint (sl_server_get_n_peers (fixture->server), ==, 0);
  g_assert_nonnull (find_widget (page, is_label_with_text, "No Clients Yet"));

  g_assert_true (gtk_widget_activate_action (page, "server.stop", NULL));
  g_assert_cmpint (sl_server_get_state (fixture->server), ==, SL_SERVER_STATE_STOPPED);
  g_assert_true (gtk_widget_get_sensitive (find_widget (page, is_entry_row, "Port")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status_label)), ==, "Not listening");
}

static void
test_port_in_use (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *page = page_widget (fixture);
  g_autoptr(GSocketListener) other = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *message = NULL;
  GtkWidget *port_row = find_widget (page, is_entry_row, "Port");

  g_socket_listener_add_address (other, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  port_text = g_strdup_printf ("%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  message = g_strdup_printf ("Port %s is already used by another program", port_text);

  gtk_editable_set_text (GTK_EDITABLE (port_row), port_text);
  gtk_widget_activate_action (page, "server.start", NULL);
  g_assert_cmpint (sl_server_get_state (fixture->server), ==, SL_SERVER_STATE_FAILED);
  g_assert_true (gtk_widget_has_css_class (port_row, "error"));
  g_assert_nonnull (find_widget (page, is_label_starting, message));

  /* A port that is not a number is refused before trying, next to the field. */
  gtk_editable_set_text (GTK_EDITABLE (port_row), "80a");
  g_assert_true (gtk_widget_has_css_class (port_row, "error"));
  g_assert_false (gtk_widget_get_sensitive (find_widget (page, is_button_for, "server.start")));
  gtk_editable_set_text (GTK_EDITABLE (port_row), "0");
  g_assert_false (gtk_widget_has_css_class (port_row, "error"));

  /* Binding everything needs the switch, which says so next to the address. */
  gtk_editable_set_text (GTK_EDITABLE (find_widget (page, is_entry_row, "Address")), "0.0.0.0");
  gtk_widget_activate_action (page, "server.start", NULL);
  g_assert_cmpint (sl_server_get_state (fixture->server), ==, SL_SERVER_STATE_FAILED);
  g_assert_nonnull (find_widget (page, is_label_starting, "Listening on 0.0.0.0 lets other computers connect"));
}

static void
test_expose_switch_moves_address (Fixture       *fixture,
                                  gconstpointer  data)
{
  GtkWidget *page = page_widget (fixture);
  GtkWidget *address = find_widget (page, is_entry_row, "Address");
  GtkSwitch *expose = GTK_SWITCH (find_type (page, GTK_TYPE_SWITCH));

  gtk_switch_set_active (expose, TRUE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (address)), ==, "0.0.0.0");
  g_assert_true (sl_server_get_allow_network (fixture->server));
  gtk_switch_set_active (expose, FALSE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (address)), ==, "127.0.0.1");
  g_assert_false (sl_server_get_allow_network (fixture->server));

  gtk_editable_set_text (GTK_EDITABLE (address), "::1");
  gtk_switch_set_active (expose, TRUE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (address)), ==, "::");
  gtk_switch_set_active (expose, FALSE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (address)), ==, "::1");
}

static void
save_png (Fixture    *fixture,
          const char *name)
{
  const char *dir = g_getenv ("SL_SCREENSHOT_DIR");
  GtkWidget *widget = GTK_WIDGET (fixture->window);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

static void
test_layout (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *page = page_widget (fixture);
  GtkOrientable *paned = GTK_ORIENTABLE (gtk_widget_get_first_child (page));
  g_autoptr(GSocketConnection) first = NULL;
  g_autoptr(GSocketConnection) second = NULL;
  guint port;

  start_on_port_zero (fixture);
  port = sl_server_get_bound_port (fixture->server);
  first = connect_client (port);
  second = connect_client (port);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (first)),
                             "hello server\r\n", 14, NULL, NULL, NULL);
  SPIN_UNTIL (sl_server_get_n_peers (fixture->server) == 2 &&
              g_list_model_get_n_items (G_LIST_MODEL (sl_server_get_log (fixture->server))) >= 4);
  spin_for (300);   /* the byte counters refresh a few times a second */

  g_assert_cmpint (gtk_orientable_get_orientation (paned), ==, GTK_ORIENTATION_HORIZONTAL);
  save_png (fixture, "server-page-wide.png");

  /* A phone-sized window stacks the halves instead of overflowing. */
  gtk_window_set_default_size (fixture->window, 360, 720);
  SPIN_UNTIL (gtk_widget_get_width (GTK_WIDGET (fixture->window)) <= 400);
  spin_for (200);
  g_assert_cmpint (gtk_orientable_get_orientation (paned), ==, GTK_ORIENTATION_VERTICAL);
  g_assert_cmpint (gtk_widget_get_width (page), <=, 400);
  save_png (fixture, "server-page-narrow.png");
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  if (g_getenv ("SL_SCREENSHOT_DIR") != NULL)
    {
      /* The application loads these styles itself; screenshots should look the same. */
      g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  g_test_add ("/server-page/accessible-names", Fixture, NULL,
              fixture_setup, test_accessible_names, fixture_teardown);
  g_test_add ("/server-page/peer-row", Fixture, NULL,
              fixture_setup, test_peer_row, fixture_teardown);
  g_test_add ("/server-page/port-in-use", Fixture, NULL,
              fixture_setup, test_port_in_use, fixture_teardown);
  g_test_add ("/server-page/expose-switch", Fixture, NULL,
              fixture_setup, test_expose_switch_moves_address, fixture_teardown);
  g_test_add ("/server-page/layout", Fixture, NULL,
              fixture_setup, test_layout, fixture_teardown);
  return g_test_run ();
}
