/* test-locale.c: the German translation is built, found and used. The real window runs in
 * de_DE.UTF-8 with the build tree's catalog (po/de/LC_MESSAGES/socket-lab.mo, as meson's
 * i18n.gettext () lays it out): page titles and labels read in German, while what must stay
 * byte for byte as the terminal prints it does (README.md, "Translations"): ping's statistics
 * lines, the socket calls with their results, errno names.
 *
 * Without the de_DE.UTF-8 locale this skips, unless SL_TEST_LOCALE_REQUIRED is set, as
 * build-aux/dev sets it after generating the locale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-application.h"
#include "sl-connect-page.h"
#include "sl-connection.h"
#include "sl-errno.h"
#include "sl-ping-stats.h"
#include "sl-test-util.h"
#include "sl-trace.h"
#include "sl-ui-test-util.h"
#include "sl-window.h"

#define TEST_LOCALE "de_DE.UTF-8"

/* In place of the tests when the locale is missing, to say so. */
static void
test_skip_without_locale (void)
{
  g_test_skip ("the " TEST_LOCALE " locale is missing (Debian: locales, with it in /etc/locale.gen, "
               "then locale-gen; Fedora: glibc-langpack-de); build-aux/dev generates it");
}

static void
quit (SlApplication *app)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  sl_ui_test_flush ();
}

/* What format () gives in the C locale: untranslated (glibc reads no catalog there, LANGUAGE
 * notwithstanding) and with C's numbers, as LC_ALL=C ping prints them. */
static char *
in_c_locale (char *(*format) (gpointer), gpointer data)
{
  char *text;

  g_assert_nonnull (setlocale (LC_ALL, "C"));
  g_assert_cmpstr (_("Connect"), ==, "Connect");
  text = format (data);
  g_assert_nonnull (setlocale (LC_ALL, TEST_LOCALE));
  g_assert_cmpstr (_("Connect"), ==, "Verbinden");
  return text;
}

/* The page titles in the header bar's switcher, and labels inside the first page. */
static void
test_window_in_german (void)
{
  g_autoptr(SlApplication) app = sl_ui_test_start_application ();
  SlWindow *window = SL_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  static const char * const titles[] = { "Verbinden", "Server", "Ping", "Route" };
  AdwViewStack *stack;
  g_autoptr(GtkSelectionModel) pages = NULL;
  GtkWidget *connect_page;
  GtkWidget *menu;

  g_assert_nonnull (window);
  stack = ADW_VIEW_STACK (sl_ui_test_find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  g_assert_nonnull (stack);
  pages = adw_view_stack_get_pages (stack);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, titles[i]);
    }
  /* The switcher shows them: a user reads "Verbinden", not "Connect". */
  g_assert_nonnull (sl_ui_test_find_label_containing (GTK_WIDGET (window), "Verbinden"));
  g_assert_null (sl_ui_test_find_label_containing (GTK_WIDGET (window), "Connect"));

  menu = sl_ui_test_find_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  sl_ui_test_assert_name (menu, "Hauptmenü");

  connect_page = sl_window_ensure_page (window, "connect");
  sl_ui_test_get (connect_page, GTK_TYPE_BUTTON, "Port prüfen");
  sl_ui_test_get (connect_page, ADW_TYPE_COMBO_ROW, "Adressfamilie");
  sl_ui_test_get (connect_page, ADW_TYPE_ACTION_ROW, "Zeitlimit");
  g_assert_nonnull (sl_ui_test_find_label_containing (connect_page, "Noch kein Socket: Klicken Sie auf „Verbinden“"));
  sl_ui_test_render (GTK_WIDGET (window), "locale-de-connect-page");

  /* The other pages too, built when first shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "ping"));
  sl_ui_test_get (sl_window_ensure_page (window, "ping"), ADW_TYPE_ACTION_ROW, "Nutzdatengröße");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "server"));
  sl_ui_test_get (sl_window_ensure_page (window, "server"), ADW_TYPE_ACTION_ROW, "Verbindungen aus dem Netzwerk erlauben");
  sl_ui_test_flush ();
  sl_ui_test_render (GTK_WIDGET (window), "locale-de-server-page");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "route"));
  sl_ui_test_get (sl_window_ensure_page (window, "route"), ADW_TYPE_ACTION_ROW, "Höchstzahl an Hops");
  sl_ui_test_flush ();
  sl_ui_test_render (GTK_WIDGET (window), "locale-de-route-page");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "ping"));
  sl_ui_test_flush ();
  sl_ui_test_render (GTK_WIDGET (window), "locale-de-ping-page");
  quit (app);
}

/* The toplevel window of type, other than the main window, or NULL. */
static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

/* The windows opened from the main menu: Lab Steps, Preferences and Keyboard Shortcuts. */
static void
test_dialogs_in_german (void)
{
  g_autoptr(SlApplication) app = sl_ui_test_start_application ();
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (window, "win.lab-steps", NULL));
  sl_ui_test_flush ();
  dialog = find_toplevel (g_type_from_name ("SlLabStepsWindow"));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Laborschritte");
  g_assert_nonnull (sl_ui_test_find_label_containing (dialog, "Den Namen eines Webservers auflösen"));
  sl_ui_test_render (dialog, "locale-de-lab-steps");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  sl_ui_test_flush ();
  dialog = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Einstellungen");
  sl_ui_test_render (dialog, "locale-de-preferences");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (gtk_widget_activate_action (window, "win.show-help-overlay", NULL));
  sl_ui_test_flush ();
  dialog = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (sl_ui_test_find_label_containing (dialog, "Zum Host-Feld springen"));
  sl_ui_test_render (dialog, "locale-de-shortcuts");
  quit (app);
}

static char *
format_row (gpointer event)
{
  g_autofree char *call = sl_trace_event_format_call (event);
  g_autofree char *result = sl_trace_event_format_result (event);

  return g_strconcat (call, result, NULL);
}

/* A real connection from the Connect page: the status is German, the socket calls read as
 * Python and strace print them, in German as in C, and their explanations are German. */
static void
test_socket_calls_stay_as_python (void)
{
  g_autoptr(SlApplication) app = sl_ui_test_start_application ();
  SlWindow *window = SL_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_autoptr(SlTestEchoServer) server = sl_test_echo_server_new (G_SOCKET_TYPE_STREAM, G_SOCKET_FAMILY_IPV4);
  g_autofree char *port = g_strdup_printf ("%u", sl_test_echo_server_get_port (server));
  g_autofree char *expected_status = NULL;
  GtkWidget *page = sl_window_ensure_page (window, "connect");
  SlConnection *connection;
  SlTrace *trace;
  SlTraceEvent *connect = NULL;
  g_autofree char *row_de = NULL;
  g_autofree char *row_c = NULL;

  gtk_editable_set_text (GTK_EDITABLE (sl_ui_test_get (page, ADW_TYPE_ENTRY_ROW, "Host")), "127.0.0.1");
  gtk_editable_set_text (GTK_EDITABLE (sl_ui_test_get (page, ADW_TYPE_ENTRY_ROW, "Port")), port);
  g_assert_true (gtk_widget_activate_action (page, "connect.connect", NULL));
  connection = sl_connect_page_get_connection (SL_CONNECT_PAGE (page));
  SL_TEST_SPIN_UNTIL (sl_connection_get_state (connection) == SL_CONNECTION_STATE_CONNECTED, SL_TEST_TIMEOUT_MS);
  sl_ui_test_flush ();

  expected_status = g_strdup_printf ("Verbunden mit %s von %s", sl_connection_get_remote_address (connection),
                                     sl_connection_get_local_address (connection));
  g_assert_nonnull (sl_ui_test_find_label_containing (page, expected_status));

  trace = sl_connect_page_get_trace (SL_CONNECT_PAGE (page));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (trace)) && connect == NULL; i++)
    {
      SlTraceEvent *event = sl_test_event_at (trace, i);

      if (g_str_equal (sl_trace_event_get_call_name (event), "connect"))
        connect = event;
    }
  g_assert_nonnull (connect);
  row_de = format_row (connect);
  row_c = in_c_locale (format_row, connect);
  g_assert_cmpstr (row_de, ==, row_c);
  g_assert_true (g_str_has_prefix (row_de, "connect("));
  g_assert_nonnull (strstr (row_de, "('127.0.0.1', "));
  g_assert_true (g_str_has_suffix (row_de, ") = 0"));
  g_assert_cmpstr (sl_trace_event_explain_call (connect), ==,
                   "Öffnet eine TCP-Verbindung zum Server: der Drei-Wege-Handshake (SYN, SYN-ACK, ACK).");
  /* The row as the Socket Calls panel shows it. */
  SL_TEST_SPIN_UNTIL (sl_ui_test_find_label_containing (page, row_de) != NULL, SL_TEST_TIMEOUT_MS);
  sl_ui_test_render (GTK_WIDGET (window), "locale-de-connected");

  g_assert_true (gtk_widget_activate_action (page, "connect.disconnect", NULL));
  SL_TEST_SPIN_UNTIL (sl_connection_get_state (connection) == SL_CONNECTION_STATE_CLOSED, SL_TEST_TIMEOUT_MS);
  quit (app);
}

static char *
format_summary (gpointer stats)
{
  return sl_ping_stats_format_summary (stats, "127.0.0.1");
}

/* ping's statistics read exactly as LC_ALL=C ping prints them; the words around them are
 * German. Numbers keep their points, not the German decimal comma. */
static void
test_ping_lines_as_iputils (void)
{
  SlPingStats *stats = sl_ping_stats_new ();
  g_autofree char *summary = NULL;
  g_autofree char *summary_c = NULL;
  g_autofree char *extra = NULL;

  for (guint i = 0; i < 3; i++)
    sl_ping_stats_add_transmitted (stats);
  sl_ping_stats_add_reply (stats, 41, FALSE);
  sl_ping_stats_add_reply (stats, 52, FALSE);
  sl_ping_stats_add_reply (stats, 1063, FALSE);
  sl_ping_stats_set_time_ms (stats, 2003);

  summary = format_summary (stats);
  summary_c = in_c_locale (format_summary, stats);
  g_assert_cmpstr (summary, ==, summary_c);
  g_assert_cmpstr (summary, ==,
                   "--- 127.0.0.1 ping statistics ---\n"
                   "3 packets transmitted, 3 received, 0% packet loss, time 2003ms\n"
                   "rtt min/avg/max/mdev = 0.041/0.385/1.063/0.479 ms\n");
  g_assert_true (g_str_has_prefix (sl_ping_stats_explain_line (SL_PING_STATS_LINE_PACKETS),
                                   "transmitted: gesendete Anfragen; received: ihre Antworten"));
  /* Socket Lab's own line, translated; its numbers as in the lines above it. */
  extra = sl_ping_stats_format_extra (stats);
  g_assert_cmpstr (extra, ==, "Jitter 0.511 ms, p50 0.052 ms, p95 1.063 ms");
  sl_ping_stats_free (stats);
}

/* errno keeps its name; its explanation is German, beginning as glibc's German strerror (). */
static void
test_errno_names_stay (void)
{
  g_assert_cmpstr (sl_errno_name (ECONNREFUSED), ==, "ECONNREFUSED");
  g_assert_true (g_str_has_prefix (sl_errno_explain (ECONNREFUSED), "Verbindungsaufbau abgelehnt: "));
}

int
main (int argc, char *argv[])
{
  const char *localedir = g_getenv ("SL_LOCALE_DIR");
  g_autofree char *catalog = NULL;

  /* LANGUAGE outranks the locale in gettext: a user's own must not pick another language. */
  g_setenv ("LANGUAGE", "de", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init () set en_US.UTF-8; the test's locale replaces it for every category. */
  if (setlocale (LC_ALL, TEST_LOCALE) == NULL)
    {
      if (g_getenv ("SL_TEST_LOCALE_REQUIRED") != NULL)
        g_error ("the %s locale is missing: generate it (build-aux/dev does)", TEST_LOCALE);
      g_test_add_func ("/locale/skipped", test_skip_without_locale);
      g_test_run ();
      return 77;  /* what meson counts as skipped */
    }
  g_assert_nonnull (localedir);
  catalog = g_build_filename (localedir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (catalog, G_FILE_TEST_IS_REGULAR))
    g_error ("%s was not built", catalog);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();

  g_test_add_func ("/locale/window-in-german", test_window_in_german);
  g_test_add_func ("/locale/dialogs-in-german", test_dialogs_in_german);
  g_test_add_func ("/locale/socket-calls-stay-as-python", test_socket_calls_stay_as_python);
  g_test_add_func ("/locale/ping-lines-as-iputils", test_ping_lines_as_iputils);
  g_test_add_func ("/locale/errno-names-stay", test_errno_names_stay);
  return g_test_run ();
}
