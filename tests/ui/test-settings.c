/* test-settings.c: what Socket Lab remembers, over a real restart of its settings: a keyfile
 * backend written by one window is read by a new backend for the next; recent hosts; the
 * Preferences window's rows and what follows them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <adwaita.h>
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>

#include "sl-connect-page.h"
#include "sl-lab-steps-window.h"
#include "sl-ping-page.h"
#include "sl-pinger.h"
#include "sl-preferences-window.h"
#include "sl-recent-hosts-button.h"
#include "sl-server-page.h"
#include "sl-settings.h"
#include "sl-test-util.h"
#include "sl-ui-test-util.h"
#include "sl-window.h"

typedef struct {
  char *dir;
  char *keyfile;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("socket-lab-settings-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->keyfile = g_build_filename (fixture->dir, "keyfile", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_unlink (fixture->keyfile);
  g_rmdir (fixture->dir);
  g_free (fixture->keyfile);
  g_free (fixture->dir);
}

/* What a new start of the application reads: a fresh backend on the same file. */
static GSettings *
open_settings (Fixture *fixture)
{
  g_autoptr(GSettingsBackend) backend = g_keyfile_settings_backend_new (fixture->keyfile, "/", NULL);

  return g_settings_new_with_backend (SL_SETTINGS_SCHEMA, backend);
}

static SlWindow *
open_window (GSettings *settings)
{
  SlWindow *window = g_object_new (SL_TYPE_WINDOW, "settings", settings, NULL);

  gtk_window_present (GTK_WINDOW (window));
  sl_ui_test_flush ();
  return window;
}

static void
close_window (SlWindow *window)
{
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  gtk_window_close (GTK_WINDOW (window));
  sl_ui_test_flush ();
  g_settings_sync ();
}

static GtkWidget *
page (SlWindow   *window,
      const char *name)
{
  return sl_window_ensure_page (window, name);
}

static void
set_text (GtkWidget  *root,
          const char *title,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (sl_ui_test_get (root, ADW_TYPE_ENTRY_ROW, title)), text);
}

static const char *
text_of (GtkWidget  *root,
         const char *title)
{
  return gtk_editable_get_text (GTK_EDITABLE (sl_ui_test_get (root, ADW_TYPE_ENTRY_ROW, title)));
}

static void
select_row (GtkWidget  *root,
            const char *title,
            guint       position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (sl_ui_test_get (root, ADW_TYPE_COMBO_ROW, title)), position);
}

static guint
selected_row (GtkWidget  *root,
              const char *title)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (sl_ui_test_get (root, ADW_TYPE_COMBO_ROW, title)));
}

static GtkDropDown *
drop_down (GtkWidget  *root,
           const char *name)
{
  return GTK_DROP_DOWN (sl_ui_test_get (root, GTK_TYPE_DROP_DOWN, name));
}

static GtkSpinButton *
spin_in_row (GtkWidget  *root,
             const char *title)
{
  return GTK_SPIN_BUTTON (sl_ui_test_find_type (sl_ui_test_get (root, ADW_TYPE_ACTION_ROW, title),
                                                GTK_TYPE_SPIN_BUTTON));
}

static char *
ping_hosts (GtkWidget *ping)
{
  GListModel *targets = sl_ping_page_get_targets (SL_PING_PAGE (ping));
  g_autoptr(GString) hosts = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr(SlPinger) pinger = g_list_model_get_item (targets, i);

      g_string_append_printf (hosts, "%s%s", i > 0 ? "," : "", sl_pinger_get_host (pinger));
    }
  return g_strdup (hosts->str);
}

/* Everything a page remembers, set in one run, is there in the next. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GSettings) first = open_settings (fixture);
  g_autoptr(GSettings) second = NULL;
  SlWindow *window = open_window (first);
  GtkWidget *connect = page (window, "connect");
  GtkWidget *server = page (window, "server");
  GtkWidget *ping = page (window, "ping");
  g_autofree char *hosts = NULL;
  g_autofree char *saved = NULL;

  /* Nothing stored yet: the defaults. */
  g_assert_cmpstr (text_of (connect, "Host"), ==, "localhost");
  hosts = ping_hosts (ping);
  g_assert_cmpstr (hosts, ==, "127.0.0.1,::1");
  g_clear_pointer (&hosts, g_free);

  set_text (connect, "Host", "127.0.0.2");
  set_text (connect, "Port", "8080");
  select_row (connect, "Protocol", 1);
  select_row (connect, "Address Family", 2);
  gtk_drop_down_set_selected (drop_down (connect, "Message Format"), 1);
  gtk_drop_down_set_selected (drop_down (connect, "Line Ending"), 2);
  gtk_spin_button_set_value (spin_in_row (connect, "Timeout"), 9);
  set_text (server, "Port", "6000");
  select_row (server, "Protocol", 1);
  select_row (server, "Reply Mode", 1);
  set_text (server, "Fixed Reply", "HELLO\\n");
  set_text (server, "Address", "::1");
  g_assert_true (gtk_widget_activate_action (ping, "ping.remove-target", "s", "::1"));
  set_text (ping, "Host", "127.0.0.3");
  g_assert_true (gtk_widget_activate_action (ping, "ping.add-target", NULL));
  gtk_spin_button_set_value (spin_in_row (ping, "Count"), 7);
  gtk_spin_button_set_value (spin_in_row (ping, "Interval"), 0.5);
  select_row (ping, "Method", 2);
  close_window (window);

  /* The file holds names a person can read, not drop-down positions. */
  g_assert_true (g_file_get_contents (fixture->keyfile, &saved, NULL, NULL));
  g_test_message ("%s", saved);
  g_assert_nonnull (strstr (saved, "connect-protocol='udp'"));
  g_assert_nonnull (strstr (saved, "connect-family='ipv6'"));
  g_assert_nonnull (strstr (saved, "ping-method='tcp'"));

  second = open_settings (fixture);
  window = open_window (second);
  connect = page (window, "connect");
  server = page (window, "server");
  ping = page (window, "ping");
  g_assert_cmpstr (text_of (connect, "Host"), ==, "127.0.0.2");
  g_assert_cmpstr (text_of (connect, "Port"), ==, "8080");
  g_assert_cmpuint (selected_row (connect, "Protocol"), ==, 1);
  g_assert_cmpuint (selected_row (connect, "Address Family"), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down (connect, "Message Format")), ==, 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down (connect, "Line Ending")), ==, 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin_in_row (connect, "Timeout")), ==, 9);
  g_assert_cmpstr (text_of (server, "Port"), ==, "6000");
  g_assert_cmpstr (text_of (server, "Address"), ==, "::1");
  g_assert_cmpuint (selected_row (server, "Protocol"), ==, 1);
  g_assert_cmpuint (selected_row (server, "Reply Mode"), ==, 1);
  g_assert_cmpstr (text_of (server, "Fixed Reply"), ==, "HELLO\\n");
  hosts = ping_hosts (ping);
  g_assert_cmpstr (hosts, ==, "127.0.0.1,127.0.0.3");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin_in_row (ping, "Count")), ==, 7);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin_in_row (ping, "Interval")), 0.5, 1e-9);
  g_assert_cmpuint (selected_row (ping, "Method"), ==, 2);
  close_window (window);
}

/* Exposing the server is a choice made each time: its wildcard address is not kept. */
static void
test_exposed_address_not_remembered (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = open_settings (fixture);
  SlWindow *window = open_window (settings);
  GtkWidget *server = page (window, "server");
  GtkSwitch *expose = GTK_SWITCH (sl_ui_test_find_type (server, GTK_TYPE_SWITCH));
  g_autofree char *address = NULL;

  gtk_switch_set_active (expose, TRUE);
  g_assert_cmpstr (text_of (server, "Address"), ==, "0.0.0.0");
  address = g_settings_get_string (settings, "server-address");
  g_assert_cmpstr (address, ==, "127.0.0.1");
  close_window (window);

  window = open_window (settings);
  server = page (window, "server");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (sl_ui_test_find_type (server, GTK_TYPE_SWITCH))));
  g_assert_cmpstr (text_of (server, "Address"), ==, "127.0.0.1");
  close_window (window);
}

/* A host used to connect is offered on both pages' host fields; choosing fills the field. */
static void
test_recent_hosts (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = open_settings (fixture);
  g_autoptr(SlTestEchoServer) echo = sl_test_echo_server_new (G_SOCKET_TYPE_STREAM, G_SOCKET_FAMILY_IPV4);
  g_autofree char *port = g_strdup_printf ("%u", sl_test_echo_server_get_port (echo));
  SlWindow *window = open_window (settings);
  GtkWidget *connect = page (window, "connect");
  GtkWidget *ping = page (window, "ping");
  GtkWidget *button = sl_ui_test_find_type (ping, SL_TYPE_RECENT_HOSTS_BUTTON);
  GtkWidget *menu_button = sl_ui_test_find_type (button, GTK_TYPE_MENU_BUTTON);
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  g_auto(GStrv) recent = NULL;

  sl_ui_test_assert_name (menu_button, "Recent Hosts");
  g_assert_false (gtk_widget_get_sensitive (menu_button));
  set_text (connect, "Host", "127.0.0.1");
  set_text (connect, "Port", port);
  g_assert_true (gtk_widget_activate_action (connect, "connect.connect", NULL));
  SL_TEST_SPIN_UNTIL (sl_connection_get_state (sl_connect_page_get_connection (SL_CONNECT_PAGE (connect)))
                      == SL_CONNECTION_STATE_CONNECTED, SL_TEST_TIMEOUT_MS);
  g_assert_true (gtk_widget_activate_action (connect, "connect.disconnect", NULL));

  recent = g_settings_get_strv (settings, "recent-hosts");
  g_assert_cmpstr (recent[0], ==, "127.0.0.1");
  /* The Ping page's menu lists it at once, and choosing it fills the field. */
  g_assert_true (gtk_widget_get_sensitive (menu_button));
  g_assert_cmpint (g_menu_model_get_n_items (g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION)), ==, 1);
  g_assert_true (gtk_widget_activate_action (button, "recent-hosts.use", "s", "127.0.0.1"));
  g_assert_cmpstr (text_of (ping, "Host"), ==, "127.0.0.1");
  g_assert_true (gtk_widget_activate_action (button, "recent-hosts.clear", NULL));
  g_clear_pointer (&recent, g_strfreev);
  recent = g_settings_get_strv (settings, "recent-hosts");
  g_assert_cmpuint (g_strv_length (recent), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (menu_button));
  close_window (window);
}

/* The Preferences apply at once: style, default family for pages that kept theirs, limits. */
static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = open_settings (fixture);
  SlWindow *window = open_window (settings);
  GtkWidget *connect = page (window, "connect");
  GtkWidget *ping = page (window, "ping");
  GtkWidget *server = page (window, "server");
  SlServer *core_server = sl_server_page_get_server (SL_SERVER_PAGE (server));
  GtkWidget *preferences = sl_preferences_window_new (GTK_WINDOW (window), settings);
  g_autofree char *scheme = NULL;

  gtk_window_present (GTK_WINDOW (preferences));
  sl_ui_test_flush ();
  sl_ui_test_render (preferences, "preferences");

  /* The style key is what SlApplication applies (test-window checks that); the row writes
   * it by name. */
  select_row (preferences, "Style", 2);
  scheme = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "dark");

  /* Pages whose family was never changed follow the default; a page's own choice stays. */
  select_row (ping, "Address Family", 1);
  select_row (preferences, "Default Address Family", 2);
  g_assert_cmpuint (selected_row (connect, "Address Family"), ==, 2);
  g_assert_cmpuint (selected_row (ping, "Address Family"), ==, 1);

  gtk_spin_button_set_value (spin_in_row (preferences, "Maximum Clients"), 3);
  g_assert_cmpuint (sl_server_get_max_peers (core_server), ==, 3);
  gtk_spin_button_set_value (spin_in_row (preferences, "Client Idle Timeout"), 30);
  g_assert_cmpuint (sl_server_get_tcp_idle_timeout (core_server), ==, 30000);
  gtk_spin_button_set_value (spin_in_row (preferences, "Log Size"), 2);
  g_assert_cmpuint (sl_log_get_max_bytes (sl_server_get_log (core_server)), ==, 2 * 1024 * 1024);
  g_assert_cmpuint (sl_log_get_max_bytes (sl_connect_page_get_log (SL_CONNECT_PAGE (connect))), ==, 2 * 1024 * 1024);
  gtk_spin_button_set_value (spin_in_row (preferences, "Connect Timeout"), 12);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin_in_row (connect, "Timeout")), ==, 12);

  gtk_window_destroy (GTK_WINDOW (preferences));
  close_window (window);
}

static SlLabStepsWindow *
open_lab_steps (SlWindow *window)
{
  GtkWindow *steps = NULL;
  GList *toplevels;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lab-steps", NULL));
  sl_ui_test_flush ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (SL_IS_LAB_STEPS_WINDOW (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      steps = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (steps);
  return SL_LAB_STEPS_WINDOW (steps);
}

/* A step fills in its page and shows it; nothing runs. */
static void
test_lab_steps_fill (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = open_settings (fixture);
  SlWindow *window = open_window (settings);
  SlLabStepsWindow *steps = open_lab_steps (window);
  GtkWidget *connect, *server, *ping;
  g_autofree char *hosts = NULL;

  /* Every step is listed with what it teaches, and a named button to fill it in. */
  sl_ui_test_render (GTK_WIDGET (steps), "lab-steps");
  g_assert_nonnull (sl_ui_test_find (GTK_WIDGET (steps), ADW_TYPE_PREFERENCES_ROW,
                                     "Connect on port 80 and send an HTTP request"));
  g_assert_nonnull (sl_ui_test_get (GTK_WIDGET (steps), GTK_TYPE_BUTTON,
                                    "Fill in the Connect page for “Connect on port 80 and send an HTTP request”"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (steps), "lab-steps.fill", "s", "http"));
  sl_ui_test_flush ();
  connect = page (window, "connect");
  g_assert_cmpstr (sl_window_get_visible_page (window), ==, "connect");
  g_assert_cmpstr (text_of (connect, "Host"), ==, "www.example.com");
  g_assert_cmpstr (text_of (connect, "Port"), ==, "80");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sl_ui_test_find_type (connect, GTK_TYPE_ENTRY))), ==,
                   "GET / HTTP/1.0\\r\\nHost: www.example.com\\r\\n\\r\\n");
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down (connect, "Message Format")), ==, 1);
  g_assert_null (sl_connect_page_get_connection (SL_CONNECT_PAGE (connect)));

  steps = open_lab_steps (window);
  g_assert_true (sl_lab_steps_window_fill (steps, "echo-udp"));
  server = page (window, "server");
  g_assert_cmpstr (sl_window_get_visible_page (window), ==, "server");
  g_assert_cmpstr (text_of (server, "Address"), ==, "127.0.0.1");
  g_assert_cmpstr (text_of (server, "Port"), ==, "5000");
  g_assert_cmpuint (selected_row (server, "Protocol"), ==, 1);
  g_assert_cmpint (sl_server_get_state (sl_server_page_get_server (SL_SERVER_PAGE (server))), ==,
                   SL_SERVER_STATE_STOPPED);
  g_assert_cmpuint (selected_row (connect, "Protocol"), ==, 1);

  g_assert_true (sl_lab_steps_window_fill (steps, "ping-compare"));
  ping = page (window, "ping");
  hosts = ping_hosts (ping);
  g_assert_cmpstr (hosts, ==, "9.9.9.9,8.8.8.8");
  g_assert_false (sl_ping_page_get_running (SL_PING_PAGE (ping)));
  gtk_window_destroy (GTK_WINDOW (steps));
  close_window (window);
}

/* The student's preset keeps the page's fields, survives a restart and fills them again. */
static void
test_lab_steps_presets (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GSettings) first = open_settings (fixture);
  g_autoptr(GSettings) second = NULL;
  SlWindow *window = open_window (first);
  GtkWidget *connect = page (window, "connect");
  SlLabStep *preset;

  set_text (connect, "Host", "127.0.0.9");
  set_text (connect, "Port", "7007");
  preset = sl_lab_steps_add_custom (sl_window_get_lab_steps (window), "My echo", "connect",
                                    g_variant_new_parsed ("{'connect-host': <'127.0.0.9'>, 'connect-port': <'7007'>}"));
  g_settings_set_value (first, "custom-lab-steps", sl_lab_steps_dup_custom (sl_window_get_lab_steps (window)));
  g_assert_nonnull (preset);
  close_window (window);

  second = open_settings (fixture);
  window = open_window (second);
  connect = page (window, "connect");
  set_text (connect, "Host", "localhost");
  g_assert_nonnull (sl_lab_steps_find (sl_window_get_lab_steps (window), "custom-1"));
  g_assert_true (sl_lab_steps_window_fill (open_lab_steps (window), "custom-1"));
  g_assert_cmpstr (text_of (connect, "Host"), ==, "127.0.0.9");
  g_assert_cmpstr (text_of (connect, "Port"), ==, "7007");
  close_window (window);
}

/* The classic TCP echo step, done for real: the preset's server and client, then the tick.
 * Port 5000 is the lab's: in a network namespace of the test's own, it is surely free. */
static void
test_lab_step_ticks (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = open_settings (fixture);
  SlWindow *window;
  GtkWidget *connect, *server;
  SlLabStep *step;

  if (!sl_test_enter_private_netns ())
    {
      g_test_skip ("needs root for a network namespace of its own");
      return;
    }
  window = open_window (settings);
  step = sl_lab_steps_find (sl_window_get_lab_steps (window), "echo-tcp");
  g_assert_true (sl_lab_steps_window_fill (open_lab_steps (window), "echo-tcp"));
  server = page (window, "server");
  connect = page (window, "connect");
  g_assert_true (gtk_widget_activate_action (server, "server.start", NULL));
  g_assert_true (gtk_widget_activate_action (connect, "connect.connect", NULL));
  SL_TEST_SPIN_UNTIL (sl_connect_page_get_connection (SL_CONNECT_PAGE (connect)) != NULL &&
                      sl_connection_get_state (sl_connect_page_get_connection (SL_CONNECT_PAGE (connect)))
                      == SL_CONNECTION_STATE_CONNECTED, SL_TEST_TIMEOUT_MS);
  g_assert_false (sl_lab_step_get_done (step));
  g_assert_true (gtk_widget_activate_action (connect, "connect.send", NULL));
  SL_TEST_SPIN_UNTIL (sl_lab_step_get_done (step), SL_TEST_TIMEOUT_MS);
  g_assert_false (sl_lab_step_get_done (sl_lab_steps_find (sl_window_get_lab_steps (window), "echo-udp")));
  g_assert_true (gtk_widget_activate_action (connect, "connect.disconnect", NULL));
  g_assert_true (gtk_widget_activate_action (server, "server.stop", NULL));
  close_window (window);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/settings/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/settings/exposed-address-not-remembered", Fixture, NULL,
              fixture_set_up, test_exposed_address_not_remembered, fixture_tear_down);
  g_test_add ("/settings/recent-hosts", Fixture, NULL, fixture_set_up, test_recent_hosts, fixture_tear_down);
  g_test_add ("/settings/preferences", Fixture, NULL, fixture_set_up, test_preferences, fixture_tear_down);
  g_test_add ("/settings/lab-steps-fill", Fixture, NULL, fixture_set_up, test_lab_steps_fill, fixture_tear_down);
  g_test_add ("/settings/lab-steps-presets", Fixture, NULL, fixture_set_up, test_lab_steps_presets, fixture_tear_down);
  /* Last: it moves the process into a network namespace of its own. */
  g_test_add ("/settings/lab-step-ticks", Fixture, NULL, fixture_set_up, test_lab_step_ticks, fixture_tear_down);
  return g_test_run ();
}
