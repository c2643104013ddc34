/* sl-screenshots.c: the pictures of the AppStream metainfo and the README, made by the real
 * application window at 1000×720 in the light style, each page driven with real loopback
 * traffic: a connection with its calls, a server with two clients, the flow of that run, two
 * ping targets with their chart, a route, the Lab Steps, and Export Lab Report over the Ping
 * page (the report is then written, and checked). Each picture is checked for the
 * state its caption describes before it is taken, and for not being blank after.
 *
 * build-aux/screenshots runs it with SL_SCREENSHOT_DIR=data/screenshots, as root inside the
 * route lab (tests/netlab/route-lab.sh, whose options it takes), so that the Route picture
 * shows routers with their names, a silent one and a slow link; elsewhere, and in the test
 * suite (into a scratch folder), the route goes to loopback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sl-application.h"
#include "sl-connect-page.h"
#include "sl-lab-steps-window.h"
#include "sl-ping-page.h"
#include "sl-report-dialog.h"
#include "sl-route-lab.h"
#include "sl-route-page.h"
#include "sl-server-page.h"
#include "sl-test-util.h"
#include "sl-trace-view.h"
#include "sl-ui-test-util.h"
#include "sl-window.h"

#define WIDTH  1000
#define HEIGHT 720

/* The lab's port: free for sure in a network namespace of our own (as root). */
#define LAB_PORT 5000

static SlRouteLab lab;

typedef struct {
  SlApplication *app;
  SlWindow      *window;
  guint16        port;
  int            clients[2];
} Session;

/* Rendered at this size, the picture has more than one colour in it: a page, not a void. */
static void
assert_not_blank (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (g_getenv ("SL_SCREENSHOT_DIR"), file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  g_autofree guchar *pixels = NULL;
  gsize stride, n_colors = 0;
  guint32 first = 0;

  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, WIDTH);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, HEIGHT);
  stride = (gsize) gdk_texture_get_width (texture) * 4;
  pixels = g_malloc (stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, pixels, stride);
  for (gsize i = 0; i < stride * gdk_texture_get_height (texture); i += 4 * 97)
    {
      guint32 pixel = *(guint32 *) (pixels + i);

      if (i == 0)
        first = pixel;
      else if (pixel != first)
        n_colors++;
    }
  g_assert_cmpuint (n_colors, >, 100);
}

static void
shoot (Session    *session,
       const char *page,
       const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session->window), "win.show-page", "s", page));
  gtk_window_set_focus (GTK_WINDOW (session->window), NULL);
  sl_ui_test_flush ();
  sl_ui_test_render (GTK_WIDGET (session->window), name);
  assert_not_blank (name);
}

static GtkWidget *
page (Session    *session,
      const char *name)
{
  return sl_window_ensure_page (session->window, name);
}

static void
set_text (GtkWidget  *root,
          const char *title,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (sl_ui_test_get (root, ADW_TYPE_ENTRY_ROW, title)), text);
}

static GtkStack *
stack_of_trace_view (GtkWidget *root)
{
  return GTK_STACK (gtk_widget_get_ancestor (sl_ui_test_find_type (root, SL_TYPE_TRACE_VIEW), GTK_TYPE_STACK));
}

/* A server on the lab's port with two clients that said something. */
static void
server_with_clients (Session *session)
{
  GtkWidget *server = page (session, "server");
  SlServer *core = sl_server_page_get_server (SL_SERVER_PAGE (server));
  g_autofree char *port = g_strdup_printf ("%u", session->port);
  static const char *words[] = { "hello from the first client\n", "and from the second\n" };

  set_text (server, "Port", port);
  g_assert_true (gtk_widget_activate_action (server, "server.start", NULL));
  g_assert_cmpint (sl_server_get_state (core), ==, SL_SERVER_STATE_LISTENING);
  for (guint i = 0; i < G_N_ELEMENTS (session->clients); i++)
    {
      session->clients[i] = sl_test_tcp_connect (session->port);
      g_assert_cmpint (send (session->clients[i], words[i], strlen (words[i]), 0), ==, (gssize) strlen (words[i]));
    }
  SL_TEST_SPIN_UNTIL (sl_server_get_n_peers (core) == 2 &&
                      g_list_model_get_n_items (G_LIST_MODEL (sl_server_get_log (core))) >= 5, SL_TEST_TIMEOUT_MS);
  sl_test_spin_for (300);   /* the clients' byte counters refresh a few times a second */
  shoot (session, "server", "server");
}

/* The Connect page talks to that server: the conversation and its socket calls, then the
 * flow diagram of the same run. */
static void
connection_with_trace (Session *session)
{
  GtkWidget *connect = page (session, "connect");
  g_autofree char *port = g_strdup_printf ("%u", session->port);
  SlConnection *connection;

  set_text (connect, "Host", "127.0.0.1");
  set_text (connect, "Port", port);
  g_assert_true (gtk_widget_activate_action (connect, "connect.connect", NULL));
  SL_TEST_SPIN_UNTIL ((connection = sl_connect_page_get_connection (SL_CONNECT_PAGE (connect))) != NULL &&
                      sl_connection_get_state (connection) == SL_CONNECTION_STATE_CONNECTED, SL_TEST_TIMEOUT_MS);
  gtk_editable_set_text (GTK_EDITABLE (sl_ui_test_find_type (connect, GTK_TYPE_ENTRY)), "Hello, server!");
  g_assert_true (gtk_widget_activate_action (connect, "connect.send", NULL));
  SL_TEST_SPIN_UNTIL (sl_connection_get_bytes_received (connection) >= 15, SL_TEST_TIMEOUT_MS);
  shoot (session, "connect", "connect");

  /* The figure gets the room of the conversation, as a student drags the divider up. */
  gtk_stack_set_visible_child_name (stack_of_trace_view (connect), "flow");
  gtk_paned_set_position (GTK_PANED (gtk_widget_get_ancestor (GTK_WIDGET (stack_of_trace_view (connect)), GTK_TYPE_PANED)),
                          HEIGHT / 6);
  shoot (session, "connect", "flow");
  gtk_stack_set_visible_child_name (stack_of_trace_view (connect), "calls");
}

/* Two targets, ten probes each: the chart, the cards and the comparison. */
static void
ping_two_targets (Session *session)
{
  GtkWidget *ping = page (session, "ping");
  GtkSpinButton *count = GTK_SPIN_BUTTON (sl_ui_test_find_type (sl_ui_test_get (ping, ADW_TYPE_ACTION_ROW, "Count"),
                                                                GTK_TYPE_SPIN_BUTTON));
  GtkSpinButton *interval = GTK_SPIN_BUTTON (sl_ui_test_find_type (sl_ui_test_get (ping, ADW_TYPE_ACTION_ROW, "Interval"),
                                                                   GTK_TYPE_SPIN_BUTTON));

  gtk_spin_button_set_value (count, 10);
  gtk_spin_button_set_value (interval, 0.2);
  g_assert_true (gtk_widget_activate_action (ping, "ping.start", NULL));
  SL_TEST_SPIN_UNTIL (!sl_ping_page_get_running (SL_PING_PAGE (ping)), SL_TEST_TIMEOUT_MS * 3);
  g_assert_cmpuint (sl_rtt_chart_get_n_samples (sl_ping_page_get_chart (SL_PING_PAGE (ping))), ==, 20);
  shoot (session, "ping", "ping");
}

/* To the route lab's target when there is one (its routers named by the lab's /etc/hosts),
 * else to loopback. */
static void
route_to_target (Session *session)
{
  GtkWidget *route = page (session, "route");
  SlRoute *core = sl_route_page_get_route (SL_ROUTE_PAGE (route));
  GtkSpinButton *rounds = GTK_SPIN_BUTTON (sl_ui_test_find_type (sl_ui_test_get (route, ADW_TYPE_ACTION_ROW, "Rounds"),
                                                                 GTK_TYPE_SPIN_BUTTON));
  GtkSpinButton *interval = GTK_SPIN_BUTTON (sl_ui_test_find_type (sl_ui_test_get (route, ADW_TYPE_ACTION_ROW, "Interval"),
                                                                   GTK_TYPE_SPIN_BUTTON));
  const char *target = lab.target4 != NULL ? lab.target4 : "127.0.0.1";

  gtk_spin_button_set_value (rounds, lab.target4 != NULL ? 10 : 3);
  gtk_spin_button_set_value (interval, 0.2);
  if (lab.target4 != NULL)
    gtk_switch_set_active (GTK_SWITCH (sl_ui_test_find_type (sl_ui_test_get (route, ADW_TYPE_ACTION_ROW, "Show Names"),
                                                             GTK_TYPE_SWITCH)), TRUE);
  /* Shown while it runs: the hop rows exist once their list is on screen. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session->window), "win.show-page", "s", "route"));
  sl_route_page_trace (SL_ROUTE_PAGE (route), target);
  SL_TEST_SPIN_UNTIL (!sl_route_get_running (core), SL_TEST_TIMEOUT_MS * 3);
  g_assert_true (sl_route_get_destination_reached (core));
  if (lab.names != NULL)
    {
      g_auto(GStrv) names = g_strsplit (lab.names, ",", -1);

      /* The names come after the answers, each by itself. */
      for (guint i = 0; names[i] != NULL; i++)
        if (*names[i] != '\0')
          SL_TEST_SPIN_UNTIL (sl_ui_test_find_label_containing (route, names[i]) != NULL, SL_TEST_TIMEOUT_MS);
    }
  shoot (session, "route", "route");
}

static void
lab_steps (Session *session)
{
  GtkWidget *steps = sl_lab_steps_window_new (session->window, sl_window_get_lab_steps (session->window));

  gtk_window_present (GTK_WINDOW (steps));
  sl_ui_test_flush ();
  /* The run above did the TCP echo step: it shows ticked. */
  g_assert_true (sl_lab_step_get_done (sl_lab_steps_find (sl_window_get_lab_steps (session->window), "echo-tcp")));
  sl_ui_test_render (steps, "lab-steps");
  gtk_window_destroy (GTK_WINDOW (steps));
}

/* Export Lab Report over the Ping page, filled in as a student would; then the report is
 * written (HTML, one file) and holds what the run did. */
static void
lab_report (Session *session)
{
  g_autofree char *dir = g_dir_make_tmp ("socket-lab-screenshots-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.html", NULL);
  g_autofree char *html = NULL;
  g_autoptr(GFile) report_file = NULL;
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session->window), "win.show-page", "s", "ping"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session->window), "win.export-report", NULL));
  sl_ui_test_flush ();
  dialog = GTK_WIDGET (sl_ui_test_find_toplevel (SL_TYPE_REPORT_DIALOG));
  g_assert_nonnull (dialog);
  set_text (dialog, "Title (optional)", "Lab 3: Sockets");
  set_text (dialog, "Name (optional)", "Ada Lovelace");
  set_text (dialog, "Student ID (optional)", "S-1815");
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
  gtk_window_set_focus (GTK_WINDOW (session->window), NULL);
  sl_test_spin_for (500);   /* the rows' titles move up out of the way of the text */
  sl_ui_test_render_with_dialog (GTK_WIDGET (session->window), dialog, "report");
  assert_not_blank ("report");

  report_file = g_file_new_for_path (path);
  sl_ui_test_save_exports_to (report_file);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "export");
  /* Written to a temporary file and renamed: there, it is whole. */
  SL_TEST_SPIN_UNTIL (g_file_test (path, G_FILE_TEST_EXISTS), SL_TEST_TIMEOUT_MS);
  g_assert_true (g_file_get_contents (path, &html, NULL, NULL));
  g_assert_nonnull (strstr (html, "Ada Lovelace"));
  g_assert_nonnull (strstr (html, "ping statistics"));
  g_assert_nonnull (strstr (html, "TCP connection to 127.0.0.1"));
  sl_ui_test_save_exports_to (NULL);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The default size counts the frame a window without a compositor draws around itself: the
 * pictures are of the content, WIDTH × HEIGHT, so the frame is added to it. */
static void
size_content (GtkWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);
  int frame_width, frame_height;

  sl_ui_test_flush ();
  gtk_window_get_default_size (window, &frame_width, &frame_height);
  frame_width -= gtk_widget_get_width (widget);
  frame_height -= gtk_widget_get_height (widget);
  gtk_window_set_default_size (window, WIDTH + frame_width, HEIGHT + frame_height);
  SL_TEST_SPIN_UNTIL (gtk_widget_get_width (widget) == WIDTH && gtk_widget_get_height (widget) == HEIGHT,
                      SL_TEST_TIMEOUT_MS);
  sl_ui_test_flush ();
}

static void
test_screenshots (void)
{
  Session session = { 0 };

  if (g_getenv ("SL_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("SL_SCREENSHOT_DIR names no folder to write to");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (g_getenv ("SL_SCREENSHOT_DIR"), 0755), ==, 0);
  /* The route lab's client namespace is private already. */
  session.port = lab.target4 != NULL || sl_test_enter_private_netns () ? LAB_PORT
                 : sl_test_free_port (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM);
  /* What the student sees on a fresh install, in the style of the store's pictures. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  session.app = sl_ui_test_start_application ();
  session.window = SL_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (session.app)));
  size_content (GTK_WINDOW (session.window));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  server_with_clients (&session);
  connection_with_trace (&session);
  ping_two_targets (&session);
  route_to_target (&session);
  lab_steps (&session);
  lab_report (&session);

  for (guint i = 0; i < G_N_ELEMENTS (session.clients); i++)
    close (session.clients[i]);
  g_action_group_activate_action (G_ACTION_GROUP (session.app), "quit", NULL);
  sl_ui_test_flush ();
  g_object_unref (session.app);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  /* route-lab.sh's options, when it runs us; the ones for its other clients are left over. */
  sl_route_lab_add_options (context, &lab);
  g_option_context_set_ignore_unknown_options (context, TRUE);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/screenshots/all", test_screenshots);
  return g_test_run ();
}
