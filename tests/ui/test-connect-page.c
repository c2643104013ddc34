/* test-connect-page.c: the Connect page against a real echo server on loopback:
 * inline errors for bad input, connect, send "hello", see the reply, the used address
 * and the socket calls; accessible names of every control.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "sl-connect-page.h"
#include "sl-test-util.h"
#include "sl-ui-test-util.h"

typedef struct {
  SlConnectPage *page;
  GtkWindow     *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->page = g_object_ref_sink (g_object_new (SL_TYPE_CONNECT_PAGE, NULL));
  f->window = sl_ui_test_show (GTK_WIDGET (f->page), 1000, 720);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* GTK 4.8 warns when a focused text widget goes away without a focus-out. */
  gtk_window_set_focus (f->window, NULL);
  gtk_window_destroy (f->window);
  sl_ui_test_flush ();
  g_assert_finalize_object (f->page);
}

static GtkWidget *
find (Fixture    *f,
      GType       type,
      const char *name)
{
  return sl_ui_test_get (GTK_WIDGET (f->page), type, name);
}

static void
set_text (Fixture    *f,
          const char *row_title,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find (f, ADW_TYPE_ENTRY_ROW, row_title)), text);
  sl_ui_test_flush ();
}

static gboolean
log_has_received (SlLog      *log,
                  const char *expected)
{
  GListModel *model = G_LIST_MODEL (log);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SlLogEntry) entry = g_list_model_get_item (model, i);
      GBytes *data = sl_log_entry_get_data (entry);

      if (sl_log_entry_get_kind (entry) == SL_LOG_KIND_RECEIVED && data != NULL
          && g_bytes_get_size (data) == strlen (expected)
          && memcmp (g_bytes_get_data (data, NULL), expected, strlen (expected)) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
trace_has_call (SlTrace    *trace,
                const char *call,
                gint64      result)
{
  GListModel *model = G_LIST_MODEL (trace);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SlTraceEvent) event = g_list_model_get_item (model, i);

      if (g_str_equal (sl_trace_event_get_call_name (event), call)
          && sl_trace_event_get_result (event) == result)
        return TRUE;
    }
  return FALSE;
}

static void
test_bad_port_is_explained_inline (Fixture       *f,
                                   gconstpointer  data)
{
  GtkWidget *port_row = find (f, ADW_TYPE_ENTRY_ROW, "Port");
  GtkWidget *connect = find (f, GTK_TYPE_BUTTON, "Connect");

  g_assert_false (gtk_widget_is_visible (find (f, GTK_TYPE_LIST_BOX, "Resolved Addresses")));
  set_text (f, "Host", "127.0.0.1");
  set_text (f, "Port", "70000");
  g_assert_true (gtk_widget_has_css_class (port_row, "error"));
  g_assert_nonnull (find (f, GTK_TYPE_LABEL, "Port must be between 1 and 65535"));
  g_assert_false (gtk_widget_get_sensitive (connect));

  set_text (f, "Port", "8080");
  g_assert_false (gtk_widget_has_css_class (port_row, "error"));
  g_assert_true (gtk_widget_get_sensitive (connect));

  set_text (f, "Host", "bad host");
  g_assert_true (gtk_widget_has_css_class (find (f, ADW_TYPE_ENTRY_ROW, "Host"), "error"));
  g_assert_false (gtk_widget_get_sensitive (connect));
  sl_ui_test_render (GTK_WIDGET (f->window), "connect-page-bad-host");
}

static void
test_hex_payload_error (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *entry = find (f, GTK_TYPE_ENTRY, "Message");

  /* Hex mode: "4g" is not a byte. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find (f, GTK_TYPE_DROP_DOWN, "Message Format")), 2);
  gtk_editable_set_text (GTK_EDITABLE (entry), "41 4g");
  sl_ui_test_flush ();
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
}

static void
test_echo_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SlTestEchoServer) server = sl_test_echo_server_new (G_SOCKET_TYPE_STREAM, G_SOCKET_FAMILY_IPV4);
  g_autofree char *port = g_strdup_printf ("%u", sl_test_echo_server_get_port (server));
  SlConnection *connection;

  set_text (f, "Host", "127.0.0.1");
  set_text (f, "Port", port);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "connect.connect", NULL));
  connection = sl_connect_page_get_connection (f->page);
  g_assert_nonnull (connection);
  SL_TEST_SPIN_UNTIL (sl_connection_get_state (connection) == SL_CONNECTION_STATE_CONNECTED, 5000);

  g_assert_true (gtk_widget_get_visible (find (f, GTK_TYPE_BUTTON, "Disconnect")));
  g_assert_false (gtk_widget_get_visible (find (f, GTK_TYPE_BUTTON, "Connect")));
  g_assert_true (gtk_widget_is_visible (find (f, GTK_TYPE_LIST_BOX, "Resolved Addresses")));
  g_assert_nonnull (sl_ui_test_find (find (f, GTK_TYPE_LIST_BOX, "Resolved Addresses"),
                                     ADW_TYPE_ACTION_ROW, "127.0.0.1"));
  g_assert_nonnull (find (f, GTK_TYPE_LABEL, "Used"));

  gtk_editable_set_text (GTK_EDITABLE (find (f, GTK_TYPE_ENTRY, "Message")), "hello");
  sl_ui_test_flush ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "connect.send", NULL));
  SL_TEST_SPIN_UNTIL (log_has_received (sl_connect_page_get_log (f->page), "hello\n"), 5000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (f, GTK_TYPE_ENTRY, "Message"))), ==, "");
  g_assert_true (trace_has_call (sl_connect_page_get_trace (f->page), "connect", 0));
  sl_ui_test_flush ();
  sl_ui_test_render_light_and_dark (GTK_WIDGET (f->window), "connect-page-connected");

  /* A phone-sized window stacks the conversation under the target. */
  sl_ui_test_show_on_phone (f->window, GTK_WIDGET (f->page), "connect-page-narrow");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "connect.disconnect", NULL));
  SL_TEST_SPIN_UNTIL (sl_connection_get_state (connection) == SL_CONNECTION_STATE_CLOSED, 5000);
  g_assert_true (gtk_widget_get_visible (find (f, GTK_TYPE_BUTTON, "Connect")));
  g_assert_false (gtk_widget_get_visible (find (f, GTK_TYPE_BUTTON, "Disconnect")));
}

static void
test_refused_is_explained (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *port = g_strdup_printf ("%u", sl_test_free_port (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM));
  SlConnection *connection;
  GtkWidget *status;

  set_text (f, "Host", "127.0.0.1");
  set_text (f, "Port", port);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "connect.connect", NULL);
  connection = sl_connect_page_get_connection (f->page);
  SL_TEST_SPIN_UNTIL (sl_connection_get_state (connection) == SL_CONNECTION_STATE_FAILED, 5000);
  status = find (f, GTK_TYPE_LABEL, sl_connection_get_error_message (connection));
  g_assert_true (strstr (gtk_label_get_text (GTK_LABEL (status)), "refused") != NULL);
  g_assert_true (gtk_widget_has_css_class (status, "error"));
  g_assert_true (trace_has_call (sl_connect_page_get_trace (f->page), "connect", -1));
}

static void
test_accessible_names (Fixture       *f,
                       gconstpointer  data)
{
  static const char *buttons[] = { "Connect", "Disconnect", "Check Port", "Send", "Hex",
                                   "Copy Conversation", "Clear Conversation and Calls",
                                   "Copy What Is Shown", "Copy Socket", "Explain" };
  static const char *labelled[] = { "Message", "Message Format", "Line Ending", "Socket Calls",
                                    "Log", "Resolved Addresses" };

  /* Buttons are named by their plain words, said once: never "_Connect" or "Connect Connect". */
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = find (f, GTK_TYPE_BUTTON, buttons[i]);

      sl_ui_test_assert_name (button, buttons[i]);
      g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_ROLE_BUTTON));
    }
  sl_ui_test_assert_name (find (f, ADW_TYPE_ENTRY_ROW, "Host"), "Host");
  sl_ui_test_assert_name (find (f, ADW_TYPE_ENTRY_ROW, "Port"), "Port");
  sl_ui_test_assert_name (find (f, ADW_TYPE_COMBO_ROW, "Protocol"), "Protocol");
  sl_ui_test_assert_name (sl_ui_test_find_type (find (f, ADW_TYPE_ACTION_ROW, "Timeout"), GTK_TYPE_SPIN_BUTTON),
                          "Timeout");
  /* find () fails the test when no widget carries the accessible label. */
  for (guint i = 0; i < G_N_ELEMENTS (labelled); i++)
    sl_ui_test_assert_name (find (f, GTK_TYPE_WIDGET, labelled[i]), labelled[i]);
  /* The focusable button inside a drop-down says which drop-down it opens. */
  sl_ui_test_assert_name (sl_ui_test_find_type (find (f, GTK_TYPE_DROP_DOWN, "Line Ending"), GTK_TYPE_BUTTON),
                          "Line Ending");
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/connect-page/bad-port", Fixture, NULL, fixture_set_up, test_bad_port_is_explained_inline, fixture_tear_down);
  g_test_add ("/connect-page/hex-payload-error", Fixture, NULL, fixture_set_up, test_hex_payload_error, fixture_tear_down);
  g_test_add ("/connect-page/echo-round-trip", Fixture, NULL, fixture_set_up, test_echo_round_trip, fixture_tear_down);
  g_test_add ("/connect-page/refused", Fixture, NULL, fixture_set_up, test_refused_is_explained, fixture_tear_down);
  g_test_add ("/connect-page/accessible-names", Fixture, NULL, fixture_set_up, test_accessible_names, fixture_tear_down);
  return g_test_run ();
}
