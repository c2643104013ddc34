/* test-server-page.c: the Server page under Xvfb: start on port 0, a GSocketClient shows
 * up as a row, send to it, disconnect it, EADDRINUSE marks the port field, Start and Stop
 * take turns in one place, controls have accessible names, the layout stacks at 360 px, and
 * the page stops its server when it goes away. With SL_SCREENSHOT_DIR set, the page is also
 * rendered to PNG files there, in the light and the dark style.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include <sys/socket.h>
#include <unistd.h>

#include "sl-adaptive-box.h"
#include "sl-server-page.h"
#include "sl-trace-view.h"
#include "sl-test-util.h"
#include "sl-ui-test-util.h"

typedef struct {
  GtkWindow    *window;
  SlServerPage *page;
  SlServer     *server;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->page = g_object_ref_sink (g_object_new (SL_TYPE_SERVER_PAGE, NULL));
  fixture->server = g_object_ref (sl_server_page_get_server (fixture->page));
  fixture->window = sl_ui_test_show (GTK_WIDGET (fixture->page), 1000, 720);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  /* GTK 4.8 warns when a focused text widget goes away without a focus-out. */
  gtk_window_set_focus (fixture->window, NULL);
  gtk_window_destroy (fixture->window);
  /* Now, not after the main loop ran: see test-connect-page.c. */
  g_assert_finalize_object (fixture->page);
  sl_test_spin_for (50);
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

static GtkWidget *
row (Fixture    *fixture,
     const char *title)
{
  return sl_ui_test_get (page_widget (fixture), ADW_TYPE_ENTRY_ROW, title);
}

static GtkWidget *
button (Fixture    *fixture,
        const char *action)
{
  return sl_ui_test_get_action (page_widget (fixture), action);
}

/* The label showing exactly text, if it is on screen. */
static GtkWidget *
shown_label (Fixture    *fixture,
             const char *text)
{
  GtkWidget *label = sl_ui_test_find (page_widget (fixture), GTK_TYPE_LABEL, text);

  return label != NULL && gtk_widget_get_mapped (label) ? label : NULL;
}

static void
start_on_port_zero (Fixture *fixture)
{
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "Port")), "0");
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
    { "server.clear-log", "Clear Data and Calls" },
    { "server.copy-shown", "Copy What Is Shown" },
  };
  GtkWidget *page = page_widget (fixture);

  /* Names are the visible words, said once: "Port", never "Port Port" or "_Port". */
  sl_ui_test_assert_name (row (fixture, "Address"), "Address");
  sl_ui_test_assert_name (row (fixture, "Port"), "Port");
  sl_ui_test_assert_name (sl_ui_test_get (page, ADW_TYPE_COMBO_ROW, "Protocol"), "Protocol");
  sl_ui_test_assert_name (sl_ui_test_get (page, ADW_TYPE_COMBO_ROW, "Reply Mode"), "Reply Mode");
  sl_ui_test_assert_name (sl_ui_test_find_type (page, GTK_TYPE_SWITCH), "Allow connections from the network");
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *widget = button (fixture, buttons[i].action);

      sl_ui_test_assert_name (widget, buttons[i].label);
      g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_BUTTON));
    }
  sl_ui_test_assert_name (sl_ui_test_get (page, GTK_TYPE_TOGGLE_BUTTON, "Hex"), "Hex");
  sl_ui_test_assert_name (sl_ui_test_find_type (page, GTK_TYPE_ENTRY), "Message");
  sl_ui_test_assert_name (sl_ui_test_find_type (sl_ui_test_get (page, GTK_TYPE_DROP_DOWN, "Message Format"),
                                                GTK_TYPE_BUTTON),
                          "Message Format");
  /* The status is read as what it says. */
  sl_ui_test_assert_name (shown_label (fixture, "Not listening"), "Not listening");

  /* Nothing to act on yet: only Start is enabled. */
  g_assert_true (gtk_widget_get_sensitive (button (fixture, "server.start")));
  g_assert_false (gtk_widget_get_sensitive (button (fixture, "server.stop")));
  g_assert_false (gtk_widget_get_sensitive (button (fixture, "server.send")));
}

/* Start and Stop share one place: only the one that applies is shown, and keyboard focus
 * moves from one to the other. */
static void
test_start_stop_take_turns (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *start = button (fixture, "server.start");
  GtkWidget *stop = button (fixture, "server.stop");

  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "Port")), "0");
  g_assert_true (gtk_widget_get_mapped (start));
  g_assert_false (gtk_widget_get_visible (stop));

  g_assert_true (gtk_widget_grab_focus (start));
  /* As Space on the focused button does: it clicks once its press animation ends. */
  g_assert_true (gtk_widget_activate (start));
  SL_TEST_SPIN_UNTIL (sl_server_get_state (fixture->server) == SL_SERVER_STATE_LISTENING, SL_TEST_TIMEOUT_MS);
  g_assert_false (gtk_widget_get_visible (start));
  g_assert_true (gtk_widget_get_mapped (stop));
  g_assert_true (gtk_widget_get_sensitive (stop));
  g_assert_true (gtk_widget_has_css_class (stop, "destructive-action"));
  g_assert_true (gtk_window_get_focus (fixture->window) == stop);
  sl_ui_test_render_light_and_dark (GTK_WIDGET (fixture->window), "server-page-listening");

  g_assert_true (gtk_widget_activate (stop));
  SL_TEST_SPIN_UNTIL (sl_server_get_state (fixture->server) == SL_SERVER_STATE_STOPPED, SL_TEST_TIMEOUT_MS);
  g_assert_true (gtk_widget_get_mapped (start));
  g_assert_false (gtk_widget_get_visible (stop));
  g_assert_true (gtk_window_get_focus (fixture->window) == start);
}

static GSocketConnection *
connect_client (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;

  g_socket_client_connect_to_host_async (client, "127.0.0.1", port, NULL, sl_test_store_result, &result);
  done = sl_test_wait_result (&result);
  connection = g_socket_client_connect_to_host_finish (client, done, &error);
  g_assert_no_error (error);
  return connection;
}

/* Reads what arrives next, without blocking the main loop. */
static char *
read_some (GSocketConnection *connection)
{
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  char buffer[256] = { 0 };
  gssize n;

  g_input_stream_read_async (input, buffer, sizeof buffer - 1, G_PRIORITY_DEFAULT, NULL,
                             sl_test_store_result, &result);
  done = sl_test_wait_result (&result);
  n = g_input_stream_read_finish (input, done, &error);
  g_assert_no_error (error);
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
  status_label = shown_label (fixture, status);
  g_assert_nonnull (status_label);
  hint = g_strdup_printf ("nc 127.0.0.1 %u", port);
  g_assert_nonnull (shown_label (fixture, hint));
  g_assert_false (gtk_widget_get_sensitive (row (fixture, "Port")));

  connection = connect_client (port);
  local = g_socket_connection_get_local_address (connection, NULL);
  label = g_strdup_printf ("127.0.0.1:%u",
                           g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));

  /* The row is drawn with the client's address, as plain text. */
  SL_TEST_SPIN_UNTIL (shown_label (fixture, label) != NULL, SL_TEST_TIMEOUT_MS);
  g_clear_pointer (&status, g_free);
  status = g_strdup_printf ("Listening on 127.0.0.1:%u — 1 client", port);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status_label)), ==, status);

  /* Echo mode: what the client sends comes back, and the In column counts it. */
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             "hey", 3, NULL, NULL, NULL);
  received = read_some (connection);
  g_assert_cmpstr (received, ==, "hey");
  SL_TEST_SPIN_UNTIL (shown_label (fixture, "3 bytes") != NULL, SL_TEST_TIMEOUT_MS);

  /* With one client, Send goes to it without selecting its row; the line ending (\n by
   * default) keeps messages apart in nc. */
  view = GTK_COLUMN_VIEW (sl_ui_test_find_type (page, GTK_TYPE_COLUMN_VIEW));
  g_assert_null (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (gtk_column_view_get_model (view))));
  gtk_editable_set_text (GTK_EDITABLE (sl_ui_test_find_type (page, GTK_TYPE_ENTRY)), "just for you");
  g_assert_true (gtk_widget_get_sensitive (button (fixture, "server.send")));
  g_assert_true (gtk_widget_activate_action (page, "server.send", NULL));
  g_clear_pointer (&received, g_free);
  received = read_some (connection);
  g_assert_cmpstr (received, ==, "just for you\n");

  /* Disconnect it: the client reads EOF and the empty state comes back. */
  g_assert_true (gtk_widget_activate_action (page, "server.disconnect-peer", NULL));
  g_clear_pointer (&received, g_free);
  received = read_some (connection);
  g_assert_cmpstr (received, ==, "");
  g_assert_cmpuint (sl_server_get_n_peers (fixture->server), ==, 0);
  g_assert_nonnull (shown_label (fixture, "No Clients Yet"));

  g_assert_true (gtk_widget_activate_action (page, "server.stop", NULL));
  g_assert_cmpint (sl_server_get_state (fixture->server), ==, SL_SERVER_STATE_STOPPED);
  g_assert_true (gtk_widget_get_sensitive (row (fixture, "Port")));
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
  GtkWidget *port_row = row (fixture, "Port");

  g_socket_listener_add_address (other, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  port_text = g_strdup_printf ("%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  message = g_strdup_printf ("Port %s is already used by another program", port_text);

  gtk_editable_set_text (GTK_EDITABLE (port_row), port_text);
  gtk_widget_activate_action (page, "server.start", NULL);
  g_assert_cmpint (sl_server_get_state (fixture->server), ==, SL_SERVER_STATE_FAILED);
  g_assert_true (gtk_widget_has_css_class (port_row, "error"));
  g_assert_cmpuint (sl_ui_test_count_labels (page, message), >=, 1);
  /* Failing to start leaves Start in place. */
  g_assert_true (gtk_widget_get_visible (button (fixture, "server.start")));
  g_assert_false (gtk_widget_get_visible (button (fixture, "server.stop")));

  /* A port that is not a number is refused before trying, next to the field. */
  gtk_editable_set_text (GTK_EDITABLE (port_row), "80a");
  g_assert_true (gtk_widget_has_css_class (port_row, "error"));
  g_assert_false (gtk_widget_get_sensitive (button (fixture, "server.start")));
  gtk_editable_set_text (GTK_EDITABLE (port_row), "0");
  g_assert_false (gtk_widget_has_css_class (port_row, "error"));

  /* Binding everything needs the switch, which says so next to the address. */
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "Address")), "0.0.0.0");
  gtk_widget_activate_action (page, "server.start", NULL);
  g_assert_cmpint (sl_server_get_state (fixture->server), ==, SL_SERVER_STATE_FAILED);
  g_assert_cmpuint (sl_ui_test_count_labels (page, "Listening on 0.0.0.0 lets other computers connect"), >=, 1);
}

static void
test_expose_switch_moves_address (Fixture       *fixture,
                                  gconstpointer  data)
{
  GtkWidget *address = row (fixture, "Address");
  GtkSwitch *expose = GTK_SWITCH (sl_ui_test_find_type (page_widget (fixture), GTK_TYPE_SWITCH));

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
test_layout (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *page = page_widget (fixture);
  SlAdaptiveBox *layout = SL_ADAPTIVE_BOX (sl_ui_test_find_type (page, SL_TYPE_ADAPTIVE_BOX));
  GtkOrientable *paned = GTK_ORIENTABLE (sl_ui_test_find_type (GTK_WIDGET (layout), GTK_TYPE_PANED));
  g_autoptr(GSocketConnection) first = NULL;
  g_autoptr(GSocketConnection) second = NULL;
  guint port;

  start_on_port_zero (fixture);
  port = sl_server_get_bound_port (fixture->server);
  first = connect_client (port);
  second = connect_client (port);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (first)),
                             "hello server\r\n", 14, NULL, NULL, NULL);
  SL_TEST_SPIN_UNTIL (sl_server_get_n_peers (fixture->server) == 2 &&
                      g_list_model_get_n_items (G_LIST_MODEL (sl_server_get_log (fixture->server))) >= 4,
                      SL_TEST_TIMEOUT_MS);
  sl_test_spin_for (300);   /* the byte counters refresh a few times a second */

  g_assert_true (sl_adaptive_box_get_side_by_side (layout));
  g_assert_cmpint (gtk_orientable_get_orientation (paned), ==, GTK_ORIENTATION_HORIZONTAL);
  sl_ui_test_render_light_and_dark (GTK_WIDGET (fixture->window), "server-page-wide");

  /* A phone-sized window stacks the halves instead of overflowing. */
  sl_ui_test_show_on_phone (fixture->window, page, "server-page-narrow");
  g_assert_false (sl_adaptive_box_get_side_by_side (layout));
  g_assert_cmpint (gtk_orientable_get_orientation (paned), ==, GTK_ORIENTATION_VERTICAL);
  g_assert_cmpint (gtk_widget_get_width (page), <=, 400);
}


static gboolean
log_says (Fixture    *fixture,
          const char *needle)
{
  return sl_test_count_log (sl_server_get_log (fixture->server), SL_LOG_KIND_INFO, needle) > 0;
}

/* The rows the Socket Calls panel shows, as text. */
static char *
shown_calls (Fixture *fixture)
{
  GtkWidget *view = sl_ui_test_find_type (page_widget (fixture), SL_TYPE_TRACE_VIEW);

  return sl_trace_to_text (sl_trace_view_get_trace (SL_TRACE_VIEW (view)));
}

/* A client connects and sends: the server's own calls are listed, as they happened. */
static void
test_socket_calls_panel (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *page = page_widget (fixture);
  GtkWidget *view = sl_ui_test_find_type (page, SL_TYPE_TRACE_VIEW);
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (view, GTK_TYPE_STACK));
  g_autofree char *calls = NULL;
  char reply[8] = { 0 };
  int client;

  start_on_port_zero (fixture);
  client = sl_test_tcp_connect (sl_server_get_bound_port (fixture->server));
  g_assert_cmpint (send (client, "hi", 2, 0), ==, 2);
  SL_TEST_SPIN_UNTIL (recv (client, reply, sizeof reply, MSG_DONTWAIT) == 2, SL_TEST_TIMEOUT_MS);

  gtk_stack_set_visible_child_name (stack, "calls");
  sl_ui_test_flush ();
  calls = shown_calls (fixture);
  g_test_message ("%s", calls);
  g_assert_nonnull (strstr (calls, "socket(AF_INET, SOCK_STREAM"));
  g_assert_nonnull (strstr (calls, "SO_REUSEADDR, 1) = 0"));
  g_assert_nonnull (strstr (calls, "bind("));
  g_assert_nonnull (strstr (calls, "listen("));
  g_assert_nonnull (strstr (calls, "accept4("));
  g_assert_nonnull (strstr (calls, ") = 2 → b'hi'"));
  /* The rows are on screen, and the panel says what a call does when asked. */
  SL_TEST_SPIN_UNTIL (sl_ui_test_count_labels (page, "listen(") == 1, SL_TEST_TIMEOUT_MS);
  g_assert_cmpuint (sl_ui_test_count_labels (page, "accept4("), ==, 1);
  g_assert_cmpuint (sl_ui_test_count_labels (page, "recv("), >=, 1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (sl_ui_test_get (page, GTK_TYPE_TOGGLE_BUTTON, "Explain")), TRUE);
  SL_TEST_SPIN_UNTIL (sl_ui_test_count_labels (page, "Makes the socket a listening socket") == 1, SL_TEST_TIMEOUT_MS);
  sl_ui_test_render_light_and_dark (GTK_WIDGET (fixture->window), "server-page-calls");
  close (client);
}

/* UDP makes no connection: the words say so, and stopping with a client is clean
 * (criticals are fatal in these tests). */
static void
test_udp_words_and_stop (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *page = page_widget (fixture);
  struct sockaddr_in to;
  int client = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  char reply[8];

  adw_combo_row_set_selected (ADW_COMBO_ROW (sl_ui_test_get (page, ADW_TYPE_COMBO_ROW, "Protocol")), 1);
  start_on_port_zero (fixture);
  sl_test_loopback_sockaddr (&to, sl_server_get_bound_port (fixture->server));
  g_assert_cmpint (sendto (client, "yo", 2, 0, (struct sockaddr *) &to, sizeof to), ==, 2);
  SL_TEST_SPIN_UNTIL (recv (client, reply, sizeof reply, MSG_DONTWAIT) == 2, SL_TEST_TIMEOUT_MS);
  g_assert_true (log_says (fixture, "First datagram from 127.0.0.1:"));
  g_assert_false (log_says (fixture, "connected"));

  g_assert_true (gtk_widget_activate_action (page, "server.disconnect-peer", NULL));
  g_assert_true (log_says (fixture, "removed from the list — UDP has no connection to close"));
  g_assert_cmpuint (sl_server_get_n_peers (fixture->server), ==, 0);

  g_assert_cmpint (sendto (client, "yo", 2, 0, (struct sockaddr *) &to, sizeof to), ==, 2);
  SL_TEST_SPIN_UNTIL (sl_server_get_n_peers (fixture->server) == 1, SL_TEST_TIMEOUT_MS);
  g_assert_true (gtk_widget_activate_action (page, "server.stop", NULL));
  sl_ui_test_flush ();
  g_assert_nonnull (shown_label (fixture, "Not listening"));
  close (client);
}

/* A fixed UDP reply bigger than one datagram is refused where it is typed. */
static void
test_fixed_reply_too_big_for_udp (Fixture       *fixture,
                                  gconstpointer  data)
{
  GtkWidget *page = page_widget (fixture);
  GtkWidget *fixed = row (fixture, "Fixed Reply");
  g_autofree char *big = g_strnfill (65508, 'a');

  adw_combo_row_set_selected (ADW_COMBO_ROW (sl_ui_test_get (page, ADW_TYPE_COMBO_ROW, "Reply Mode")), 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sl_ui_test_get (page, GTK_TYPE_DROP_DOWN, "Reply Format")), 0);
  gtk_editable_set_text (GTK_EDITABLE (fixed), big);
  g_assert_false (gtk_widget_has_css_class (fixed, "error"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (sl_ui_test_get (page, ADW_TYPE_COMBO_ROW, "Protocol")), 1);
  sl_ui_test_flush ();
  g_assert_true (gtk_widget_has_css_class (fixed, "error"));
  g_assert_nonnull (sl_ui_test_find (page, GTK_TYPE_LABEL,
                                     "A UDP datagram over IPv4 carries at most 65 507 bytes; this one has 65 508"));
  g_assert_null (sl_server_get_fixed_reply (fixture->server));
}

/* A tiny datagram may not fetch a big fixed reply: the page says it held it back and why,
 * and the switch that allows it makes the reply go. */
static void
test_large_reply_withheld (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *page = page_widget (fixture);
  g_autofree char *big = g_strnfill (2000, 'a');
  struct sockaddr_in to;
  int client = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  char reply[4096];
  GtkWidget *large;

  adw_combo_row_set_selected (ADW_COMBO_ROW (sl_ui_test_get (page, ADW_TYPE_COMBO_ROW, "Protocol")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (sl_ui_test_get (page, ADW_TYPE_COMBO_ROW, "Reply Mode")), 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sl_ui_test_get (page, GTK_TYPE_DROP_DOWN, "Reply Format")), 0);
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "Fixed Reply")), big);
  large = sl_ui_test_get (page, ADW_TYPE_ACTION_ROW, "Allow Large Replies");
  g_assert_true (gtk_widget_get_visible (large));
  start_on_port_zero (fixture);
  sl_test_loopback_sockaddr (&to, sl_server_get_bound_port (fixture->server));
  g_assert_cmpint (sendto (client, "hi", 2, 0, (struct sockaddr *) &to, sizeof to), ==, 2);
  SL_TEST_SPIN_UNTIL (sl_server_get_replies_withheld (fixture->server, SL_WITHHELD_AMPLIFICATION) == 1,
                      SL_TEST_TIMEOUT_MS);
  /* The counters are told a few times a second, not per datagram. */
  SL_TEST_SPIN_UNTIL (sl_ui_test_count_labels (page, "1 reply held back: more than 8 times its request") == 1,
                      SL_TEST_TIMEOUT_MS);
  g_assert_cmpint (recv (client, reply, sizeof reply, MSG_DONTWAIT), ==, -1);

  gtk_switch_set_active (GTK_SWITCH (sl_ui_test_find_type (large, GTK_TYPE_SWITCH)), TRUE);
  g_assert_true (sl_server_get_allow_large_replies (fixture->server));
  g_assert_cmpint (sendto (client, "hi", 2, 0, (struct sockaddr *) &to, sizeof to), ==, 2);
  SL_TEST_SPIN_UNTIL (recv (client, reply, sizeof reply, MSG_DONTWAIT) == 2000, SL_TEST_TIMEOUT_MS);
  close (client);
  g_assert_true (gtk_widget_activate_action (page, "server.stop", NULL));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/server-page/accessible-names", Fixture, NULL,
              fixture_setup, test_accessible_names, fixture_teardown);
  g_test_add ("/server-page/start-stop-take-turns", Fixture, NULL,
              fixture_setup, test_start_stop_take_turns, fixture_teardown);
  g_test_add ("/server-page/peer-row", Fixture, NULL,
              fixture_setup, test_peer_row, fixture_teardown);
  g_test_add ("/server-page/port-in-use", Fixture, NULL,
              fixture_setup, test_port_in_use, fixture_teardown);
  g_test_add ("/server-page/expose-switch", Fixture, NULL,
              fixture_setup, test_expose_switch_moves_address, fixture_teardown);
  g_test_add ("/server-page/socket-calls-panel", Fixture, NULL,
              fixture_setup, test_socket_calls_panel, fixture_teardown);
  g_test_add ("/server-page/udp-words-and-stop", Fixture, NULL,
              fixture_setup, test_udp_words_and_stop, fixture_teardown);
  g_test_add ("/server-page/fixed-reply-too-big-for-udp", Fixture, NULL,
              fixture_setup, test_fixed_reply_too_big_for_udp, fixture_teardown);
  g_test_add ("/server-page/large-reply-withheld", Fixture, NULL,
              fixture_setup, test_large_reply_withheld, fixture_teardown);
  g_test_add ("/server-page/layout", Fixture, NULL,
              fixture_setup, test_layout, fixture_teardown);
  return g_test_run ();
}
