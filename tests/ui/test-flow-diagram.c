/* test-flow-diagram.c: the Socket flow diagram under Xvfb: the empty hint, a real Connect ↔
 * Server run followed live (both lifelines, one arrow per send, in the accessible
 * description too), rebuilt at most once a frame and not while hidden, scrollable when long,
 * and its exports: a PNG that decodes, has the size asked for, is not blank and is light even
 * when the app is dark; an SVG that is well-formed and names the lanes. With
 * SL_SCREENSHOT_DIR set, the widget (light and dark) and the exports are saved there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "sl-connection.h"
#include "sl-flow-diagram.h"
#include "sl-server.h"
#include "sl-test-util.h"
#include "sl-ui-test-util.h"

typedef struct {
  SlServer      *server;
  SlConnection  *connection;
  SlFlowDiagram *diagram;
  GtkWidget     *scroller;
  GtkWindow     *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->diagram = g_object_ref_sink (SL_FLOW_DIAGRAM (sl_flow_diagram_new ()));
  fixture->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (fixture->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (fixture->scroller), GTK_WIDGET (fixture->diagram));
  fixture->window = sl_ui_test_show (fixture->scroller, 600, 500);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->connection != NULL)
    sl_connection_close (fixture->connection);
  if (fixture->server != NULL)
    sl_server_stop (fixture->server);
  gtk_window_destroy (fixture->window);
  sl_test_spin_for (50);
  g_assert_finalize_object (fixture->diagram);
  g_clear_object (&fixture->connection);
  g_clear_object (&fixture->server);
}

/* ---- runs ------------------------------------------------------------------------------ */

static void
connect_and_wait (SlConnection *connection)
{
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) done = NULL;

  sl_connection_connect_async (connection, NULL, sl_test_store_result, &result);
  done = sl_test_wait_result (&result);
  g_assert_true (sl_connection_connect_finish (connection, done, NULL));
}

static void
send_and_wait_echo (SlConnection *connection,
                    const char   *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  guint64 expected = sl_connection_get_bytes_received (connection) + strlen (text);

  g_assert_true (sl_connection_send (connection, bytes, NULL));
  SL_TEST_SPIN_UNTIL (sl_connection_get_bytes_received (connection) == expected, SL_TEST_TIMEOUT_MS);
}

static const char * const messages[] = { "hello\n", "GET /index.html HTTP/1.0\r\n\r\n" };

/* The lab: the Server page's server, the Connect page's client, two echoes, then close. */
static void
run_lab (Fixture *fixture)
{
  fixture->server = sl_server_new (NULL, NULL);
  g_assert_true (sl_server_start (fixture->server, NULL));
  fixture->connection = sl_connection_new (SL_PROTOCOL_TCP, "127.0.0.1", sl_server_get_bound_port (fixture->server));
  /* Set before the run: the diagram follows it. */
  sl_flow_diagram_set_client_trace (fixture->diagram, sl_connection_get_trace (fixture->connection));
  sl_flow_diagram_set_server_trace (fixture->diagram, sl_server_get_trace (fixture->server));
  connect_and_wait (fixture->connection);
  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    send_and_wait_echo (fixture->connection, messages[i]);
  sl_connection_close (fixture->connection);
  SL_TEST_SPIN_UNTIL (sl_server_get_n_peers (fixture->server) == 0, SL_TEST_TIMEOUT_MS);
}

/* Iterates until the diagram caught up with its traces on its own, at a frame. */
static SlFlow *
wait_for_flow (Fixture *fixture)
{
  SlFlow *flow = sl_flow_diagram_get_flow (fixture->diagram);

  SL_TEST_SPIN_UNTIL (!sl_flow_is_outdated (flow), SL_TEST_TIMEOUT_MS);
  return flow;
}

/* ---- pixels ---------------------------------------------------------------------------- */

typedef struct {
  int    width, height;
  double mean;         /* luminance, 0 to 1 */
  double variance;
  double corner;       /* luminance of the top-left pixel */
} Pixels;

static Pixels
decode_png (GBytes *png)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (png, &error);
  Pixels pixels = { 0 };
  g_autofree guchar *data = NULL;
  gsize stride;
  double sum = 0, sum2 = 0;

  g_assert_no_error (error);
  g_assert_nonnull (texture);
  pixels.width = gdk_texture_get_width (texture);
  pixels.height = gdk_texture_get_height (texture);
  stride = pixels.width * 4;
  data = g_malloc (stride * pixels.height);
  gdk_texture_download (texture, data, stride);
  for (int y = 0; y < pixels.height; y++)
    for (int x = 0; x < pixels.width; x++)
      {
        const guchar *p = data + y * stride + x * 4;     /* B, G, R, A */
        double l = (0.0722 * p[0] + 0.7152 * p[1] + 0.2126 * p[2]) / 255.0;

        sum += l;
        sum2 += l * l;
        if (x == 0 && y == 0)
          pixels.corner = l;
      }
  pixels.mean = sum / ((double) pixels.width * pixels.height);
  pixels.variance = sum2 / ((double) pixels.width * pixels.height) - pixels.mean * pixels.mean;
  return pixels;
}

static void
save_export (GBytes     *bytes,
             const char *name)
{
  const char *dir = g_getenv ("SL_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_test_message ("saved %s", path);
}

static GBytes *
export_or_fail (SlFlowDiagram *diagram,
                SlImageFormat  format,
                int            width,
                int            height,
                double         scale)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = sl_flow_diagram_export (diagram, format, width, height, scale, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

/* ---- SVG ------------------------------------------------------------------------------- */

typedef struct {
  char    *root;
  GString *title;
  GString *desc;
  GString *current;
} SvgScan;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  SvgScan *scan = user_data;

  if (scan->root == NULL)
    scan->root = g_strdup (element);
  scan->current = g_strcmp0 (element, "title") == 0 ? scan->title
                : g_strcmp0 (element, "desc") == 0 ? scan->desc : NULL;
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  ((SvgScan *) user_data)->current = NULL;
}

static void
svg_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 length,
          gpointer              user_data,
          GError              **error)
{
  SvgScan *scan = user_data;

  if (scan->current != NULL)
    g_string_append_len (scan->current, text, length);
}

/* ---- tests ----------------------------------------------------------------------------- */

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GtkWidget *hint;

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (fixture->diagram)), ==, GTK_ACCESSIBLE_ROLE_IMG);
  sl_ui_test_assert_name (fixture->diagram, "Socket flow diagram: nothing to show yet");
  hint = sl_ui_test_get (GTK_WIDGET (fixture->diagram), GTK_TYPE_LABEL,
                         "Connect or start a server to see the socket calls as a flow");
  g_assert_true (gtk_widget_get_mapped (hint));
  g_assert_nonnull (gtk_widget_get_ancestor (hint, ADW_TYPE_STATUS_PAGE));
  sl_ui_test_render (GTK_WIDGET (fixture->window), "flow-diagram-empty");

  bytes = sl_flow_diagram_export (fixture->diagram, SL_IMAGE_FORMAT_PNG, 600, 0, 1, &error);
  g_assert_null (bytes);
  g_assert_error (error, SL_FLOW_DIAGRAM_ERROR, SL_FLOW_DIAGRAM_ERROR_EMPTY);
}

/* A real Connect ↔ Server run: both lifelines, one arrow per send, all said in words. */
static void
test_lab_run (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *description = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *name = NULL;
  GtkAdjustment *vadjustment;
  SlFlow *flow;
  guint n_data = 0;

  run_lab (fixture);
  flow = wait_for_flow (fixture);
  g_assert_true (sl_flow_is_paired (flow));
  g_assert_cmpuint (sl_flow_get_n_lanes (flow), ==, 2);
  g_assert_false (sl_flow_lane_is_outside (flow, SL_FLOW_SIDE_CLIENT));
  g_assert_false (sl_flow_lane_is_outside (flow, SL_FLOW_SIDE_SERVER));
  for (guint i = 0; i < sl_flow_get_n_arrows (flow); i++)
    if (sl_flow_arrow_get_kind (flow, i) == SL_FLOW_ARROW_DATA)
      {
        g_assert_cmpuint (sl_flow_arrow_get_bytes (flow, i), ==, strlen (messages[n_data / 2]));
        n_data++;
      }
  g_assert_cmpuint (n_data, ==, 2 * G_N_ELEMENTS (messages));

  /* What a screen reader hears names both lanes and lists the calls. */
  name = sl_ui_test_accessible_name (GTK_WIDGET (fixture->diagram));
  g_assert_true (g_str_has_prefix (name, "Socket flow diagram: Client — Socket Lab Connect page, 127.0.0.1:"));
  g_assert_nonnull (strstr (name, "; Server — Socket Lab Server page, 127.0.0.1:"));
  description = sl_ui_test_accessible_string (GTK_WIDGET (fixture->diagram), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_assert_cmpstr (description, ==,
                   "Client: socket, connect, send, recv, send, recv, shutdown, close; "
                   "Server: socket, setsockopt, bind, listen, accept, recv, send, recv, send, recv, close; "
                   "6 arrows");

  /* Taller than the window: it scrolls, and the figure is not squeezed. */
  sl_ui_test_flush ();
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (fixture->scroller));
  SL_TEST_SPIN_UNTIL (gtk_adjustment_get_upper (vadjustment) > gtk_adjustment_get_page_size (vadjustment),
                      SL_TEST_TIMEOUT_MS);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture->diagram)), >, 500);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->diagram)), ==, 600);

  /* The whole figure, as the widget draws it, in both styles. */
  sl_ui_test_render_light_and_dark (GTK_WIDGET (fixture->diagram), "flow-diagram-lab");
  sl_ui_test_render (GTK_WIDGET (fixture->window), "flow-diagram-lab-window");
}

/* The exports: PNG of the size asked, not blank, light whatever the theme; SVG well-formed. */
static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GBytes) natural = NULL;
  g_autoptr(GBytes) fixed = NULL;
  g_autoptr(GBytes) double_size = NULL;
  g_autoptr(GBytes) dark = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GMarkupParseContext) parser = NULL;
  g_autoptr(GError) error = NULL;
  SvgScan scan = { NULL, g_string_new (NULL), g_string_new (NULL), NULL };
  GMarkupParser callbacks = { svg_start, svg_end, svg_text, NULL, NULL };
  const char *text;
  Pixels pixels;
  int natural_height;

  run_lab (fixture);

  /* Height 0: what the figure needs at 600 — the widget's own height at 600. */
  natural = export_or_fail (fixture->diagram, SL_IMAGE_FORMAT_PNG, 600, 0, 1);
  save_export (natural, "flow-diagram-export.png");
  pixels = decode_png (natural);
  natural_height = pixels.height;
  g_assert_cmpint (pixels.width, ==, 600);
  g_assert_cmpint (pixels.height, >, 500);
  g_assert_cmpfloat (pixels.corner, >, 0.999);      /* white paper */
  g_assert_cmpfloat (pixels.mean, >, 0.8);
  g_assert_cmpfloat (pixels.variance, >, 0.005);    /* something is drawn on it */

  fixed = export_or_fail (fixture->diagram, SL_IMAGE_FORMAT_PNG, 600, 500, 1);
  pixels = decode_png (fixed);
  g_assert_cmpint (pixels.width, ==, 600);
  g_assert_cmpint (pixels.height, ==, 500);
  g_assert_cmpfloat (pixels.variance, >, 0.005);

  double_size = export_or_fail (fixture->diagram, SL_IMAGE_FORMAT_PNG, 600, 0, 2);
  save_export (double_size, "flow-diagram-export@2x.png");
  pixels = decode_png (double_size);
  g_assert_cmpint (pixels.width, ==, 1200);
  g_assert_cmpint (pixels.height, ==, 2 * natural_height);

  /* The app in dark: the export stays a light, print-friendly figure. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  sl_ui_test_flush ();
  g_assert_true (adw_style_manager_get_dark (style));
  dark = export_or_fail (fixture->diagram, SL_IMAGE_FORMAT_PNG, 600, 0, 1);
  save_export (dark, "flow-diagram-export-from-dark.png");
  pixels = decode_png (dark);
  g_assert_cmpint (pixels.height, ==, natural_height);
  g_assert_cmpfloat (pixels.corner, >, 0.999);
  g_assert_cmpfloat (pixels.mean, >, 0.8);
  g_assert_true (g_bytes_equal (dark, natural));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  sl_ui_test_flush ();

  svg = export_or_fail (fixture->diagram, SL_IMAGE_FORMAT_SVG, 600, 0, 1);
  save_export (svg, "flow-diagram-export.svg");
  parser = g_markup_parse_context_new (&callbacks, 0, &scan, NULL);
  g_assert_true (g_markup_parse_context_parse (parser, g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), &error));
  g_assert_true (g_markup_parse_context_end_parse (parser, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (scan.root, ==, "svg");
  text = g_bytes_get_data (svg, NULL);
  g_assert_nonnull (g_strstr_len (text, g_bytes_get_size (svg), "width=\"600px\""));
  g_assert_nonnull (strstr (scan.title->str, "Client — Socket Lab Connect page"));
  g_assert_nonnull (strstr (scan.title->str, "Server — Socket Lab Server page"));
  g_assert_true (g_str_has_prefix (scan.desc->str, "Client: socket, connect, send"));
  g_free (scan.root);
  g_string_free (scan.title, TRUE);
  g_string_free (scan.desc, TRUE);
}

static void
count_outdated (SlFlow *flow,
                guint  *n)
{
  (*n)++;
}

/* Calls arriving in a burst cost one rebuild, at the next frame; a hidden diagram waits. */
static void
test_follows_live (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  SlFlow *flow;
  guint n = 0;

  sl_flow_diagram_set_client_trace (fixture->diagram, trace);
  flow = sl_flow_diagram_get_flow (fixture->diagram);
  g_signal_connect (flow, "outdated", G_CALLBACK (count_outdated), &n);
  for (int fd = 10; fd < 60; fd++)
    {
      SlTraceRecord record = SL_TRACE_RECORD_INIT (SL_TRACE_CALL_SOCKET);

      record.family = AF_INET;
      record.sock_type = SOCK_STREAM;
      record.result = fd;
      sl_trace_append (trace, &record);
    }
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (sl_flow_is_outdated (flow));
  SL_TEST_SPIN_UNTIL (!sl_flow_is_outdated (flow), SL_TEST_TIMEOUT_MS);

  /* Hidden: the traces change, nothing is rebuilt until it is shown again. */
  gtk_widget_set_visible (fixture->scroller, FALSE);
  {
    SlTraceRecord record = SL_TRACE_RECORD_INIT (SL_TRACE_CALL_CLOSE);

    record.fd = 10;
    sl_trace_append (trace, &record);
  }
  sl_test_spin_for (100);
  g_assert_true (sl_flow_is_outdated (flow));
  gtk_widget_set_visible (fixture->scroller, TRUE);
  g_assert_false (sl_flow_is_outdated (flow));
  g_assert_cmpuint (n, ==, 2);
  g_signal_handlers_disconnect_by_func (flow, count_outdated, &n);
  sl_flow_diagram_set_client_trace (fixture->diagram, NULL);
}

/* The Connect page to a server outside Socket Lab, refused first, then served. */
static void
test_lone_client (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SlTestEchoServer) echo = sl_test_echo_server_new (G_SOCKET_TYPE_STREAM, G_SOCKET_FAMILY_IPV4);
  g_autoptr(SlConnection) refused = NULL;
  g_autofree char *description = NULL;
  SlFlow *flow;
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) done = NULL;

  refused = g_object_new (SL_TYPE_CONNECTION, "protocol", SL_PROTOCOL_TCP, "host", "127.0.0.1",
                          "port", (guint) sl_test_free_port (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM), NULL);
  sl_flow_diagram_set_client_trace (fixture->diagram, sl_connection_get_trace (refused));
  sl_connection_connect_async (refused, NULL, sl_test_store_result, &result);
  done = sl_test_wait_result (&result);
  g_assert_false (sl_connection_connect_finish (refused, done, NULL));
  flow = wait_for_flow (fixture);
  g_assert_true (sl_flow_lane_is_outside (flow, SL_FLOW_SIDE_SERVER));
  description = sl_ui_test_accessible_string (GTK_WIDGET (fixture->diagram), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_assert_cmpstr (description, ==,
                   "Client: socket, connect (failed: ECONNREFUSED), close; Server outside Socket Lab; 1 arrow");
  sl_ui_test_render_light_and_dark (GTK_WIDGET (fixture->diagram), "flow-diagram-refused");

  /* The same page's trace, now to the echo server. */
  fixture->connection = g_object_new (SL_TYPE_CONNECTION, "protocol", SL_PROTOCOL_TCP, "host", "127.0.0.1",
                                      "port", (guint) sl_test_echo_server_get_port (echo),
                                      "trace", sl_connection_get_trace (refused), NULL);
  connect_and_wait (fixture->connection);
  send_and_wait_echo (fixture->connection, "hello\n");
  sl_connection_close (fixture->connection);
  flow = wait_for_flow (fixture);
  g_assert_false (sl_flow_is_paired (flow));
  g_assert_true (sl_flow_lane_is_outside (flow, SL_FLOW_SIDE_SERVER));
  g_assert_cmpstr (sl_flow_lane_get_title (flow, SL_FLOW_SIDE_SERVER), ==, "Server — outside Socket Lab");
  g_assert_cmpuint (sl_flow_get_n_arrows (flow), ==, 4);
  sl_ui_test_flush ();
  sl_ui_test_render_light_and_dark (GTK_WIDGET (fixture->diagram), "flow-diagram-lone-client");
}

/* ---- figures from traces written by hand ------------------------------------------------ */

static void
record (SlTrace     *trace,
        SlTraceCall  call,
        int          fd,
        gint64       result,
        const char  *data,
        guint16      port)
{
  SlTraceRecord record = SL_TRACE_RECORD_INIT (call);
  struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = g_htons (port),
                             .sin_addr.s_addr = g_htonl (INADDR_LOOPBACK) };

  record.fd = fd;
  record.family = AF_INET;
  record.sock_type = SOCK_STREAM;
  record.result = result;
  record.value = call == SL_TRACE_CALL_LISTEN ? 4096 : call == SL_TRACE_CALL_SHUTDOWN ? SHUT_WR : -1;
  if (data != NULL)
    {
      record.data = (const guint8 *) data;
      record.data_len = record.size = strlen (data);
    }
  if (port != 0)
    {
      record.address = (struct sockaddr *) &sin;
      record.address_len = sizeof sin;
    }
  sl_trace_append (trace, &record);
  g_usleep (2);
}

/* Shapes a real run seldom makes: two sends read by one recv (a sloped arrow), a request
 * read in two parts, the server closing first after a half-close, a failed recv. */
static void
test_shapes (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SlTrace) client = sl_trace_new (0);
  g_autoptr(SlTrace) server = sl_trace_new (0);
  g_autofree char *description = NULL;
  SlFlow *flow;

  record (server, SL_TRACE_CALL_SOCKET, -1, 3, NULL, 0);
  record (server, SL_TRACE_CALL_BIND, 3, 0, NULL, 5000);
  record (server, SL_TRACE_CALL_LISTEN, 3, 0, NULL, 0);
  record (client, SL_TRACE_CALL_SOCKET, -1, 6, NULL, 0);
  record (client, SL_TRACE_CALL_CONNECT, 6, 0, NULL, 5000);
  record (client, SL_TRACE_CALL_GETSOCKNAME, 6, 0, NULL, 40312);
  record (server, SL_TRACE_CALL_ACCEPT, 3, 8, NULL, 40312);
  record (client, SL_TRACE_CALL_SEND, 6, 4, "GET ", 0);
  record (client, SL_TRACE_CALL_SEND, 6, 14, "/ HTTP/1.0\r\n\r\n", 0);
  record (server, SL_TRACE_CALL_RECV, 8, 18, "GET / HTTP/1.0\r\n\r\n", 0);
  record (client, SL_TRACE_CALL_SHUTDOWN, 6, 0, NULL, 0);
  record (server, SL_TRACE_CALL_RECV, 8, 0, NULL, 0);
  record (server, SL_TRACE_CALL_SEND, 8, 1200, "HTTP/1.0 200 OK\r\n…", 0);
  record (server, SL_TRACE_CALL_CLOSE, 8, 0, NULL, 0);
  record (client, SL_TRACE_CALL_RECV, 6, 1000, "HTTP/1.0 200 OK\r\n", 0);
  record (client, SL_TRACE_CALL_RECV, 6, 200, "</html>", 0);
  record (client, SL_TRACE_CALL_RECV, 6, 0, NULL, 0);
  record (client, SL_TRACE_CALL_CLOSE, 6, 0, NULL, 0);

  sl_flow_diagram_set_client_trace (fixture->diagram, client);
  sl_flow_diagram_set_server_trace (fixture->diagram, server);
  flow = wait_for_flow (fixture);
  description = sl_ui_test_accessible_string (GTK_WIDGET (fixture->diagram), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_assert_cmpstr (description, ==,
                   "Client: socket, connect, send, send, shutdown, recv, recv, recv, close; "
                   "Server: socket, bind, listen, accept, recv, recv, send, close; 7 arrows");
  g_assert_true (sl_flow_is_paired (flow));
  sl_ui_test_flush ();
  sl_ui_test_render_light_and_dark (GTK_WIDGET (fixture->diagram), "flow-diagram-shapes");

  /* On a phone: narrower boxes, text wrapped, nothing cut. */
  sl_ui_test_resize (fixture->window, 360, 640);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->diagram)), ==, 360);
  sl_ui_test_render (GTK_WIDGET (fixture->diagram), "flow-diagram-shapes-360");
  sl_flow_diagram_set_client_trace (fixture->diagram, NULL);
  sl_flow_diagram_set_server_trace (fixture->diagram, NULL);
}

/* A long run: its setup, a note for the middle left out, its latest calls. */
static void
test_long_run (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(SlTrace) client = sl_trace_new (0);
  g_autoptr(SlTrace) server = sl_trace_new (0);
  g_autofree char *description = NULL;
  GtkAdjustment *vadjustment;
  SlFlow *flow;

  record (server, SL_TRACE_CALL_SOCKET, -1, 3, NULL, 0);
  record (server, SL_TRACE_CALL_BIND, 3, 0, NULL, 5000);
  record (server, SL_TRACE_CALL_LISTEN, 3, 0, NULL, 0);
  record (client, SL_TRACE_CALL_SOCKET, -1, 6, NULL, 0);
  record (client, SL_TRACE_CALL_CONNECT, 6, 0, NULL, 5000);
  record (client, SL_TRACE_CALL_GETSOCKNAME, 6, 0, NULL, 40312);
  record (server, SL_TRACE_CALL_ACCEPT, 3, 8, NULL, 40312);
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *line = g_strdup_printf ("line %u\n", i);

      record (client, SL_TRACE_CALL_SEND, 6, strlen (line), line, 0);
      record (server, SL_TRACE_CALL_RECV, 8, strlen (line), line, 0);
      record (server, SL_TRACE_CALL_SEND, 8, strlen (line), line, 0);
      record (client, SL_TRACE_CALL_RECV, 6, strlen (line), line, 0);
    }
  sl_flow_diagram_set_client_trace (fixture->diagram, client);
  sl_flow_diagram_set_server_trace (fixture->diagram, server);
  flow = wait_for_flow (fixture);
  g_assert_cmpuint (sl_flow_get_n_steps (flow), ==, SL_FLOW_MAX_STEPS);
  g_assert_cmpuint (sl_flow_get_n_hidden (flow), ==, 4 * 150 + 6 - SL_FLOW_MAX_STEPS);
  description = sl_ui_test_accessible_string (GTK_WIDGET (fixture->diagram), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_assert_nonnull (strstr (description, "; 406 calls not shown; "));

  /* The window scrolled to where the note is, under the handshake. */
  sl_ui_test_flush ();
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (fixture->scroller));
  SL_TEST_SPIN_UNTIL (gtk_adjustment_get_upper (vadjustment) > 5000, SL_TEST_TIMEOUT_MS);
  gtk_adjustment_set_value (vadjustment, 200);
  sl_ui_test_render (GTK_WIDGET (fixture->window), "flow-diagram-long-run-window");
  sl_flow_diagram_set_client_trace (fixture->diagram, NULL);
  sl_flow_diagram_set_server_trace (fixture->diagram, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/flow-diagram/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/flow-diagram/lab-run", Fixture, NULL, fixture_set_up, test_lab_run, fixture_tear_down);
  g_test_add ("/flow-diagram/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/flow-diagram/follows-live", Fixture, NULL, fixture_set_up, test_follows_live, fixture_tear_down);
  g_test_add ("/flow-diagram/lone-client", Fixture, NULL, fixture_set_up, test_lone_client, fixture_tear_down);
  g_test_add ("/flow-diagram/shapes", Fixture, NULL, fixture_set_up, test_shapes, fixture_tear_down);
  g_test_add ("/flow-diagram/long-run", Fixture, NULL, fixture_set_up, test_long_run, fixture_tear_down);
  return g_test_run ();
}
