/* test-route-page.c: the Route page over loopback: a route to 127.0.0.1 is one hop, the
 * destination, shown live with mtr's columns; its calls, commands and copy; a bad host is
 * marked at the field; the Ping page's TTL line and its route button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <unistd.h>

#include "sl-ping-page.h"
#include "sl-ping-stats-card.h"
#include "sl-route-page.h"
#include "sl-trace-view.h"
#include "sl-test-util.h"
#include "sl-ui-test-util.h"

typedef struct {
  SlRoutePage *page;
  GtkWindow   *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->page = g_object_ref_sink (g_object_new (SL_TYPE_ROUTE_PAGE, NULL));
  fixture->window = sl_ui_test_show (GTK_WIDGET (fixture->page), 1000, 720);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_set_focus (fixture->window, NULL);
  gtk_window_destroy (fixture->window);
  /* Now, not after the main loop ran: an unrealized scrolled window that lives on fires its
   * scroll bar's fade-out timer at an unrealized bar (a GTK 4.8 critical). */
  g_assert_finalize_object (fixture->page);
  sl_ui_test_flush ();
}

static GtkWidget *
page_widget (Fixture *fixture)
{
  return GTK_WIDGET (fixture->page);
}

static GtkSpinButton *
spin_in_row (GtkWidget  *root,
             const char *title)
{
  return GTK_SPIN_BUTTON (sl_ui_test_find_type (sl_ui_test_get (root, ADW_TYPE_ACTION_ROW, title),
                                                GTK_TYPE_SPIN_BUTTON));
}

static GtkStack *
results_stack (Fixture *fixture)
{
  return GTK_STACK (gtk_widget_get_ancestor (sl_ui_test_find_type (page_widget (fixture), SL_TYPE_TRACE_VIEW),
                                             GTK_TYPE_STACK));
}

static char *
read_clipboard (GtkWidget *widget)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  g_autoptr(GAsyncResult) result = NULL;

  gdk_clipboard_read_text_async (clipboard, NULL, sl_test_store_result, &result);
  return gdk_clipboard_read_text_finish (clipboard, sl_test_wait_result (&result), NULL);
}

/* Traces @host one round with the page's UDP method, until the run ends. */
static void
trace_once (Fixture    *fixture,
            const char *host)
{
  GtkWidget *page = page_widget (fixture);
  SlRoute *route = sl_route_page_get_route (fixture->page);

  gtk_editable_set_text (GTK_EDITABLE (sl_ui_test_get (page, ADW_TYPE_ENTRY_ROW, "Host")), host);
  gtk_spin_button_set_value (spin_in_row (page, "Rounds"), 1);
  /* Names come from the machine's resolver: left out, the rows are the same everywhere. */
  gtk_switch_set_active (GTK_SWITCH (sl_ui_test_find_type (sl_ui_test_get (page, ADW_TYPE_ACTION_ROW, "Show Names"),
                                                           GTK_TYPE_SWITCH)), FALSE);
  g_assert_true (gtk_widget_activate_action (page, "route.start", NULL));
  g_assert_true (sl_route_get_running (route));
  SL_TEST_SPIN_UNTIL (!sl_route_get_running (route), SL_TEST_TIMEOUT_MS);
  sl_ui_test_flush ();
}

static void
test_controls_are_labelled (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *page = page_widget (fixture);
  static const char *rows[] = { "Method", "Address Family", "TCP Port", "Rounds", "Interval",
                                "Maximum Hops", "Show Names" };

  sl_ui_test_assert_name (sl_ui_test_get_action (page, "route.start"), "Start");
  sl_ui_test_assert_name (sl_ui_test_get_action (page, "route.copy-shown"), "Copy What Is Shown");
  sl_ui_test_get (page, ADW_TYPE_ENTRY_ROW, "Host");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_nonnull (sl_ui_test_find (page, ADW_TYPE_PREFERENCES_ROW, rows[i]));
  /* Nothing traced yet: the table's place says what to do. */
  g_assert_cmpuint (sl_ui_test_count_labels (page, "No Route Yet"), ==, 1);
  g_assert_cmpuint (sl_ui_test_count_labels (page, "Not traced yet"), ==, 1);
}

/* 127.0.0.1 is the first hop and the destination; every column of its row is filled. */
static void
test_loopback_route (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *page = page_widget (fixture);
  SlRoute *route = sl_route_page_get_route (fixture->page);
  g_autofree char *table = NULL;
  g_autofree char *calls = NULL;
  g_autofree char *commands = NULL;

  trace_once (fixture, "127.0.0.1");
  g_assert_true (sl_route_get_destination_reached (route));
  g_assert_cmpuint (g_list_model_get_n_items (sl_route_get_hops (route)), ==, 1);
  g_assert_cmpuint (sl_ui_test_count_labels (page, "127.0.0.1 · destination"), ==, 1);
  g_assert_cmpuint (sl_ui_test_count_labels (page, "0.0%"), ==, 1);
  g_assert_cmpuint (sl_ui_test_count_labels (page, "127.0.0.1 answered at hop 1"), ==, 1);
  g_assert_cmpuint (sl_ui_test_count_labels (page, "No Route Yet"), ==, 0);
  g_assert_nonnull (sl_ui_test_find (page, GTK_TYPE_LABEL, "TTL"));
  sl_ui_test_render_light_and_dark (GTK_WIDGET (fixture->window), "route-page");

  /* Copy takes what is shown: the table as mtr's report has it, then the calls, then the
   * commands. */
  g_assert_true (gtk_widget_activate_action (page, "route.copy-shown", NULL));
  table = read_clipboard (page);
  g_assert_nonnull (strstr (table, "Loss%"));
  g_assert_nonnull (strstr (table, "127.0.0.1"));
  gtk_stack_set_visible_child_name (results_stack (fixture), "calls");
  g_assert_true (gtk_widget_activate_action (page, "route.copy-shown", NULL));
  calls = read_clipboard (page);
  g_test_message ("%s", calls);
  g_assert_nonnull (strstr (calls, "IP_TTL, 1) = 0"));
  g_assert_nonnull (strstr (calls, "MSG_ERRQUEUE"));
  gtk_stack_set_visible_child_name (results_stack (fixture), "commands");
  g_assert_true (gtk_widget_activate_action (page, "route.copy-shown", NULL));
  commands = read_clipboard (page);
  g_assert_nonnull (strstr (commands, "tracepath"));
  sl_ui_test_show_on_phone (fixture->window, page, "route-page-narrow");
}

static void
test_bad_host (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *page = page_widget (fixture);
  GtkWidget *host = sl_ui_test_get (page, ADW_TYPE_ENTRY_ROW, "Host");

  gtk_editable_set_text (GTK_EDITABLE (host), "no such host!");
  g_assert_true (gtk_widget_activate_action (page, "route.start", NULL));
  g_assert_false (sl_route_get_running (sl_route_page_get_route (fixture->page)));
  g_assert_true (gtk_widget_has_css_class (host, "error"));
  g_assert_cmpuint (sl_ui_test_count_labels (page, "No Route Yet"), ==, 1);
  /* An empty field cannot start. */
  gtk_editable_set_text (GTK_EDITABLE (host), "");
  g_assert_false (gtk_widget_get_sensitive (sl_ui_test_get_action (page, "route.start")));
}

/* The Ping page's card says what the TTL suggests, and what a finished route found. */
static void
test_ttl_line (void)
{
  SlPingPage *ping = g_object_ref_sink (g_object_new (SL_TYPE_PING_PAGE, NULL));
  GtkWindow *window = sl_ui_test_show (GTK_WIDGET (ping), 1000, 720);
  GtkWidget *route_button;

  if (geteuid () != 0)
    {
      g_test_skip ("ICMP replies carry their TTL for root here (unprivileged ICMP is off)");
      gtk_window_destroy (window);
      g_object_unref (ping);
      return;
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ping), "ping.remove-target", "s", "::1"));
  gtk_spin_button_set_value (spin_in_row (GTK_WIDGET (ping), "Count"), 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ping), "ping.start", NULL));
  SL_TEST_SPIN_UNTIL (!sl_ping_page_get_running (ping), SL_TEST_TIMEOUT_MS);
  sl_ui_test_flush ();
  g_assert_cmpuint (sl_ui_test_count_labels (GTK_WIDGET (ping),
                                             "Replies arrive with TTL 64: the target probably started at 64, so no "
                                             "router is in between (it is on your network, or this computer)."), ==, 1);
  sl_ping_page_set_route_length (ping, "127.0.0.1", 1);
  g_assert_cmpuint (sl_ui_test_count_labels (GTK_WIDGET (ping),
                                             "Replies arrive with TTL 64: the target probably started at 64, so no "
                                             "router is in between (it is on your network, or this computer). "
                                             "The route agrees: 0 routers in between."), ==, 1);
  /* Each target row offers its route, by name. */
  route_button = sl_ui_test_get (GTK_WIDGET (ping), GTK_TYPE_BUTTON, "Trace the route to 127.0.0.1");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (route_button)), ==, "win.trace-route");
  gtk_window_destroy (window);
  sl_ui_test_flush ();
  g_assert_finalize_object (ping);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/route-page/controls-are-labelled", Fixture, NULL,
              fixture_set_up, test_controls_are_labelled, fixture_tear_down);
  g_test_add ("/route-page/loopback-route", Fixture, NULL,
              fixture_set_up, test_loopback_route, fixture_tear_down);
  g_test_add ("/route-page/bad-host", Fixture, NULL, fixture_set_up, test_bad_host, fixture_tear_down);
  g_test_add_func ("/route-page/ttl-line", test_ttl_line);
  return g_test_run ();
}
