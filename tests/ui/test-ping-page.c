/* test-ping-page.c: the Ping page under Xvfb, driven through its actions and the controls a
 * student touches: targets added and removed, a real run on loopback filling the statistics
 * cards and the chart, Stop, and the RTT chart rendered to a texture (also with 100 000
 * points, an outlier, lost probes and the dark style).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "sl-ping-page.h"
#include "sl-pinger.h"
#include "sl-rtt-chart.h"
#include "sl-test-util.h"
#include "sl-ui-test-util.h"

typedef struct {
  SlPingPage *page;
  GtkWindow  *window;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->page = g_object_ref_sink (g_object_new (SL_TYPE_PING_PAGE, NULL));
  fixture->window = sl_ui_test_show (GTK_WIDGET (fixture->page), 1000, 672);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  /* Now, not after the main loop ran: see test-connect-page.c. */
  g_assert_finalize_object (g_steal_pointer (&fixture->page));
  sl_ui_test_flush ();
}

static GtkWidget *
find_in_page (Fixture    *fixture,
              GType       type,
              const char *name)
{
  return sl_ui_test_get (GTK_WIDGET (fixture->page), type, name);
}

/* The spin button a row titled @title holds. */
static GtkSpinButton *
option_spin (Fixture    *fixture,
             const char *title)
{
  GtkWidget *row = find_in_page (fixture, ADW_TYPE_ACTION_ROW, title);
  GtkWidget *spin = sl_ui_test_find_type (row, GTK_TYPE_SPIN_BUTTON);

  g_assert_nonnull (spin);
  return GTK_SPIN_BUTTON (spin);
}

static guint
n_targets (Fixture *fixture)
{
  return g_list_model_get_n_items (sl_ping_page_get_targets (fixture->page));
}

static guint
count_labels (Fixture    *fixture,
              const char *prefix)
{
  return sl_ui_test_count_labels (GTK_WIDGET (fixture->page), prefix);
}

/* The statistics cards only, not the log below them. */
static guint
count_card_labels (Fixture    *fixture,
                   const char *prefix)
{
  return sl_ui_test_count_labels (find_in_page (fixture, GTK_TYPE_FLOW_BOX, "Statistics"), prefix);
}

static void
test_controls_are_labelled (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char * const rows[] = { "Host", "Count", "Interval", "Timeout", "Payload Size",
                                       "Method", "TCP Port" };
  static const char * const spins[] = { "Count", "Interval", "Timeout", "Payload Size", "TCP Port" };
  static const char * const buttons[] = { "Add", "Start", "Stop", "Time", "Sequence" };
  GtkWidget *remove;
  g_autofree char *description = NULL;

  /* Names are the visible words, said once: "Count", never "Count Count" or "_Start". */
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *row = find_in_page (fixture, ADW_TYPE_PREFERENCES_ROW, rows[i]);
      g_assert_true (gtk_widget_get_visible (row));
      sl_ui_test_assert_name (row, rows[i]);
    }
  /* The spin buttons carry the row's name for screen readers too. */
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    sl_ui_test_assert_name (option_spin (fixture, spins[i]), spins[i]);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = find_in_page (fixture, GTK_TYPE_BUTTON, buttons[i]);

      /* Start and Stop take turns: only the one that applies is shown. */
      g_assert_true (gtk_widget_get_visible (button) == !g_str_equal (buttons[i], "Stop"));
      sl_ui_test_assert_name (button, buttons[i]);
      g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_ROLE_BUTTON));
    }
  g_assert_true (gtk_widget_get_mapped (find_in_page (fixture, GTK_TYPE_BUTTON, "Start")));

  /* Each row's Remove says which host it removes, beyond the visible word. */
  remove = sl_ui_test_get (find_in_page (fixture, ADW_TYPE_ACTION_ROW, "::1"), GTK_TYPE_BUTTON, "Remove");
  sl_ui_test_assert_name (remove, "Remove");
  description = sl_ui_test_accessible_string (remove, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_assert_cmpstr (description, ==, "Remove ::1 from the targets");
}

static void
test_default_targets_are_local (Fixture       *fixture,
                                gconstpointer  data)
{
  GListModel *targets = sl_ping_page_get_targets (fixture->page);
  g_autoptr(SlPinger) first = g_list_model_get_item (targets, 0);
  g_autoptr(SlPinger) second = g_list_model_get_item (targets, 1);

  g_assert_cmpuint (n_targets (fixture), ==, 2);
  g_assert_cmpstr (sl_pinger_get_host (first), ==, "127.0.0.1");
  g_assert_cmpstr (sl_pinger_get_host (second), ==, "::1");
  g_assert_false (gtk_widget_is_sensitive (find_in_page (fixture, GTK_TYPE_BUTTON, "Stop")));
  g_assert_false (gtk_widget_get_visible (find_in_page (fixture, GTK_TYPE_BUTTON, "Stop")));
  g_assert_true (gtk_widget_is_sensitive (find_in_page (fixture, GTK_TYPE_BUTTON, "Start")));
  g_assert_true (gtk_widget_get_visible (find_in_page (fixture, GTK_TYPE_BUTTON, "Start")));
}

static void
type_host (Fixture    *fixture,
           const char *text)
{
  GtkWidget *row = find_in_page (fixture, ADW_TYPE_ENTRY_ROW, "Host");

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (find_in_page (fixture, GTK_TYPE_BUTTON, "Add"), "clicked");
  sl_ui_test_flush ();
}

static void
test_add_and_remove (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *row = find_in_page (fixture, ADW_TYPE_ENTRY_ROW, "Host");

  type_host (fixture, "127.0.0.2");
  g_assert_cmpuint (n_targets (fixture), ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  g_assert_nonnull (find_in_page (fixture, ADW_TYPE_ACTION_ROW, "127.0.0.2"));

  /* A typo is explained next to the field and adds nothing; no DNS is asked. */
  type_host (fixture, "999.1.1.1");
  g_assert_cmpuint (n_targets (fixture), ==, 3);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpuint (count_labels (fixture, "“999.1.1.1” is not a valid IPv4 address"), ==, 1);

  type_host (fixture, "127.0.0.2");
  g_assert_cmpuint (n_targets (fixture), ==, 3);
  g_assert_cmpuint (count_labels (fixture, "127.0.0.2 is already a target"), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "ping.remove-target", "s", "127.0.0.2"));
  sl_ui_test_flush ();
  g_assert_cmpuint (n_targets (fixture), ==, 2);
}

/* Opens every "Why this method?" expander. */
static void
expand_all (GtkWidget *root)
{
  if (GTK_IS_EXPANDER (root))
    gtk_expander_set_expanded (GTK_EXPANDER (root), TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    expand_all (child);
  sl_ui_test_flush ();
}

static gboolean
page_running (Fixture *fixture)
{
  return sl_ping_page_get_running (fixture->page);
}

static void
test_run_count_five (Fixture       *fixture,
                     gconstpointer  data)
{
  SlRttChart *chart = sl_ping_page_get_chart (fixture->page);

  gtk_spin_button_set_value (option_spin (fixture, "Count"), 5);
  gtk_spin_button_set_value (option_spin (fixture, "Interval"), 0.2);
  g_signal_emit_by_name (find_in_page (fixture, GTK_TYPE_BUTTON, "Start"), "clicked");
  g_assert_true (page_running (fixture));
  g_assert_true (gtk_widget_is_sensitive (find_in_page (fixture, GTK_TYPE_BUTTON, "Stop")));
  g_assert_true (gtk_widget_get_visible (find_in_page (fixture, GTK_TYPE_BUTTON, "Stop")));
  g_assert_false (gtk_widget_get_visible (find_in_page (fixture, GTK_TYPE_BUTTON, "Start")));
  SL_TEST_SPIN_UNTIL (!page_running (fixture), SL_TEST_TIMEOUT_MS);
  sl_ui_test_flush ();
  g_assert_true (gtk_widget_get_visible (find_in_page (fixture, GTK_TYPE_BUTTON, "Start")));
  g_assert_false (gtk_widget_get_visible (find_in_page (fixture, GTK_TYPE_BUTTON, "Stop")));

  /* One card per target, each with the iputils line. */
  g_assert_cmpuint (count_card_labels (fixture, "5 packets transmitted, 5 received, 0% packet loss"), ==, 2);
  g_assert_cmpuint (count_card_labels (fixture, "rtt min/avg/max/mdev = "), ==, 2);
  g_assert_cmpuint (count_card_labels (fixture, "jitter "), ==, 2);
  g_assert_cmpuint (sl_rtt_chart_get_n_samples (chart), ==, 10);
  g_assert_false (sl_rtt_chart_get_running (chart));
  /* The comparison, the lab's conclusion, is written out; the chart says it to a screen
   * reader too. The faster of the two is the reference. */
  {
    g_autofree char *description = sl_ui_test_accessible_string (GTK_WIDGET (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

    g_test_message ("comparison: %s", description);
    g_assert_true (g_str_has_prefix (description, "::1: ") || g_str_has_prefix (description, "127.0.0.1: "));
    g_assert_nonnull (strstr (description, " average"));
    g_assert_nonnull (strstr (description, "; loss 0% vs 0%; jitter "));
    g_assert_cmpuint (sl_ui_test_count_labels (GTK_WIDGET (fixture->page), description), ==, 1);
  }
  /* The method and why it was chosen are shown. */
  g_assert_cmpuint (count_card_labels (fixture, "ICMP (") + count_card_labels (fixture, "TCP connect to"), ==, 2);
  sl_ui_test_render (GTK_WIDGET (chart), "ping-chart");
  sl_ui_test_render_light_and_dark (GTK_WIDGET (fixture->window), "ping-page");
  expand_all (find_in_page (fixture, GTK_TYPE_FLOW_BOX, "Statistics"));
  g_assert_cmpuint (count_card_labels (fixture, "ICMP echo over") + count_card_labels (fixture, "TCP connect ping:"), ==, 2);

  /* A phone-sized window stacks the options above the results. */
  sl_ui_test_show_on_phone (fixture->window, GTK_WIDGET (fixture->page), "ping-page-narrow");
}

static void
count_samples (SlPinger    *pinger,
               SlPingProbe *probe,
               guint       *n)
{
  (*n)++;
}

static void
test_stop (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(SlPinger) first = g_list_model_get_item (sl_ping_page_get_targets (fixture->page), 0);
  guint n = 0;

  gtk_spin_button_set_value (option_spin (fixture, "Count"), 0);
  gtk_spin_button_set_value (option_spin (fixture, "Interval"), 0.2);
  g_signal_connect (first, "probe-finished", G_CALLBACK (count_samples), &n);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "ping.start", NULL));
  SL_TEST_SPIN_UNTIL (n >= 2, SL_TEST_TIMEOUT_MS);
  g_assert_true (page_running (fixture));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "ping.stop", NULL));
  SL_TEST_SPIN_UNTIL (!page_running (fixture), SL_TEST_TIMEOUT_MS);
  g_signal_handlers_disconnect_by_data (first, &n);
  g_assert_cmpuint (count_labels (fixture, "Start"), >=, 1);
  g_assert_cmpuint (sl_ping_stats_get_transmitted (sl_pinger_get_stats (first)), >=, 2);
  g_assert_true (gtk_widget_is_sensitive (find_in_page (fixture, GTK_TYPE_BUTTON, "Start")));
  g_assert_true (gtk_widget_get_visible (find_in_page (fixture, GTK_TYPE_BUTTON, "Start")));
}

/* The chart on its own */

static SlRttChart *
show_chart (GtkWindow **out_window)
{
  SlRttChart *chart = SL_RTT_CHART (sl_rtt_chart_new ());

  *out_window = sl_ui_test_show (GTK_WIDGET (chart), 800, 400);
  return chart;
}

static void
test_chart_outlier (void)
{
  GtkWindow *window;
  SlRttChart *chart = show_chart (&window);
  guint series = sl_rtt_chart_add_series (chart, "127.0.0.1", 0);
  double before;

  for (guint i = 1; i <= 50; i++)
    sl_rtt_chart_add_sample (chart, series, i, i * 0.2, 1.0 + (i % 5) * 0.05);
  before = sl_rtt_chart_get_y_max (chart);
  g_assert_cmpfloat (before, >=, 1.2);
  g_assert_cmpfloat (before, <=, 5.0);
  /* One probe of 100 ms must not squash the fifty others to the bottom. */
  sl_rtt_chart_add_sample (chart, series, 51, 51 * 0.2, 100.0);
  g_assert_cmpfloat (sl_rtt_chart_get_y_max (chart), <=, 2 * before);
  /* A second one is no longer "single": the scale makes room for both. */
  sl_rtt_chart_add_sample (chart, series, 52, 52 * 0.2, 100.0);
  g_assert_cmpfloat (sl_rtt_chart_get_y_max (chart), >=, 100.0);
  /* Lost probes are drawn, and the readout names them. */
  sl_rtt_chart_add_sample (chart, series, 53, 53 * 0.2, NAN);
  sl_ui_test_render (GTK_WIDGET (window), "rtt-chart-outlier");
  {
    g_autofree char *text = sl_rtt_chart_describe_at (chart, 799);
    g_assert_nonnull (strstr (text, "seq 53"));
    g_assert_nonnull (strstr (text, "lost"));
  }
  gtk_window_destroy (window);
}

static void
test_chart_many_points_dark (void)
{
  GtkWindow *window;
  SlRttChart *chart = show_chart (&window);
  AdwStyleManager *style = adw_style_manager_get_default ();
  guint a = sl_rtt_chart_add_series (chart, "127.0.0.1", 0);
  guint b = sl_rtt_chart_add_series (chart, "::1", 1);
  GdkRGBA light, dark;

  sl_rtt_chart_get_color (chart, 0, &light);
  for (guint i = 1; i <= 50000; i++)
    {
      sl_rtt_chart_add_sample (chart, a, i, i * 0.2, 0.03 + 0.01 * sin (i / 300.0));
      sl_rtt_chart_add_sample (chart, b, i, i * 0.2, i % 997 == 0 ? NAN : 0.05 + 0.02 * cos (i / 500.0));
    }
  g_assert_cmpuint (sl_rtt_chart_get_n_samples (chart), ==, 100000);
  sl_ui_test_render (GTK_WIDGET (window), "rtt-chart-100k");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  sl_ui_test_flush ();
  sl_rtt_chart_get_color (chart, 0, &dark);
  g_assert_false (gdk_rgba_equal (&light, &dark));
  sl_rtt_chart_set_x_axis (chart, SL_RTT_CHART_AXIS_SEQ);
  sl_ui_test_render (GTK_WIDGET (window), "rtt-chart-100k-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  sl_ui_test_flush ();

  sl_rtt_chart_remove_series (chart, b);
  g_assert_cmpuint (sl_rtt_chart_get_n_samples (chart), ==, 50000);
  gtk_window_destroy (window);
}

static void
test_chart_empty (void)
{
  GtkWindow *window;
  SlRttChart *chart = show_chart (&window);

  g_assert_null (sl_rtt_chart_describe_at (chart, 100));
  sl_ui_test_render (GTK_WIDGET (window), "rtt-chart-empty");
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ping-page/controls-are-labelled", Fixture, NULL,
              fixture_setup, test_controls_are_labelled, fixture_teardown);
  g_test_add ("/ping-page/default-targets-are-local", Fixture, NULL,
              fixture_setup, test_default_targets_are_local, fixture_teardown);
  g_test_add ("/ping-page/add-and-remove", Fixture, NULL,
              fixture_setup, test_add_and_remove, fixture_teardown);
  g_test_add ("/ping-page/run-count-five", Fixture, NULL,
              fixture_setup, test_run_count_five, fixture_teardown);
  g_test_add ("/ping-page/stop", Fixture, NULL,
              fixture_setup, test_stop, fixture_teardown);
  g_test_add_func ("/rtt-chart/outlier-and-loss", test_chart_outlier);
  g_test_add_func ("/rtt-chart/many-points-dark", test_chart_many_points_dark);
  g_test_add_func ("/rtt-chart/empty", test_chart_empty);

  return g_test_run ();
}
