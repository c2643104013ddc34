/* test-exports.c: every Copy, Export, Save and Code action of the pages and the window, over
 * real loopback sockets, in one window of the application: the save dialog is replaced by a
 * choice of file in a temporary folder, and each file written is read back (text and CSV
 * compared with the models' own exports, images decoded and checked not blank, the report
 * checked for the ping statistics and escaped peer data); clipboards are read back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sl-application.h"
#include "sl-code-view.h"
#include "sl-connect-page.h"
#include "sl-csv.h"
#include "sl-export-job.h"
#include "sl-ping-page.h"
#include "sl-report-dialog.h"
#include "sl-server-page.h"
#include "sl-test-util.h"
#include "sl-text-export.h"
#include "sl-ui-test-util.h"
#include "sl-window.h"

#define HOSTILE "<script>alert(1)</script>"

static struct {
  SlApplication    *app;
  SlWindow         *window;
  char             *dir;
  SlTestEchoServer *echo;
  int               client_fd;   /* a client of the Server page, sending HOSTILE */
} the;

/* ---- helpers ------------------------------------------------------------------------- */

static GFile *
choose_cb (SlExportJob *job,
           const char  *suggested_name,
           gpointer     user_data)
{
  return g_file_new_build_filename (the.dir, suggested_name, NULL);
}

static void
clear_folder (void)
{
  g_autoptr(GDir) dir = g_dir_open (the.dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *old = g_build_filename (the.dir, name, NULL);
      g_assert_cmpint (unlink (old), ==, 0);
    }
}

/* The contents of the file ending in @extension once it is there (written to a hidden
 * temporary name, then renamed: complete when it appears). */
static GBytes *
wait_for_file (const char  *extension,
               char       **out_path)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gint64 deadline = g_get_monotonic_time () + SL_TEST_TIMEOUT_MS * 1000;
  const char *name;
  gsize len;

  for (;;)
    {
      g_autoptr(GDir) dir = g_dir_open (the.dir, 0, NULL);

      while (path == NULL && (name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.' && g_str_has_suffix (name, extension))
          path = g_build_filename (the.dir, name, NULL);
      if (path != NULL)
        break;
      if (!sl_test_iterate_until (deadline))
        g_error ("no %s file was written", extension);
    }
  g_assert_true (g_str_has_prefix (strrchr (path, '/') + 1, "socket-lab-"));
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return g_bytes_new_take (g_steal_pointer (&data), len);
}

/* Activates @action ("connect.export-log") on @widget with the format @nick (NULL: no
 * parameter) and returns what it saved, a file ending in @extension. */
static GBytes *
export_and_read (GtkWidget  *widget,
                 const char *action,
                 const char *nick,
                 const char *extension,
                 char      **out_path)
{
  clear_folder ();
  if (nick != NULL)
    g_assert_true (gtk_widget_activate_action (widget, action, "s", nick));
  else
    g_assert_true (gtk_widget_activate_action (widget, action, NULL));
  return wait_for_file (extension, out_path);
}

static void
assert_bytes_equal (GBytes *actual,
                    GBytes *expected)
{
  g_assert_cmpmem (g_bytes_get_data (actual, NULL), g_bytes_get_size (actual),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static void
assert_text_equal (GBytes     *actual,
                   const char *expected)
{
  g_autoptr(GBytes) bytes = g_bytes_new (expected, strlen (expected));

  assert_bytes_equal (actual, bytes);
}

/* The image decodes, has the size asked for (0: any) and is not one flat color. */
static GdkTexture *
assert_image (const char *path,
              int         width,
              int         height)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = gdk_texture_new_from_file (file, &error);
  g_autofree guint32 *pixels = NULL;
  gsize n;
  gboolean varied = FALSE;

  g_assert_no_error (error);
  if (width > 0)
    g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  if (height > 0)
    g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
  n = (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture);
  pixels = g_new (guint32, n);
  gdk_texture_download (texture, (guchar *) pixels, gdk_texture_get_width (texture) * 4);
  for (gsize i = 1; i < n && !varied; i++)
    varied = pixels[i] != pixels[0];
  g_assert_true (varied);
  return texture;
}

/* The light style's background: every channel of the first pixel above 200. */
static void
assert_light (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * gdk_texture_get_height (texture));
  guint32 pixel;

  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  pixel = pixels[0];
  for (guint shift = 0; shift < 24; shift += 8)
    g_assert_cmpuint ((pixel >> shift) & 0xff, >, 200);
}

static void
text_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static char *
clipboard_text (void)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gdk_display_get_clipboard (gdk_display_get_default ()), NULL,
                                 text_read_cb, &text);
  SL_TEST_SPIN_UNTIL (text != NULL, SL_TEST_TIMEOUT_MS);
  return text;
}

static void
texture_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GdkTexture **texture = user_data;
  g_autoptr(GError) error = NULL;

  *texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

/* Activates @action on @widget and reads the texture it put on the clipboard. */
static GdkTexture *
copy_texture (GtkWidget  *widget,
              const char *action)
{
  GdkClipboard *clipboard = gdk_display_get_clipboard (gdk_display_get_default ());
  GdkTexture *texture = NULL;

  gdk_clipboard_set_text (clipboard, "");
  g_assert_true (gtk_widget_activate_action (widget, action, NULL));
  SL_TEST_SPIN_UNTIL (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard), GDK_TYPE_TEXTURE),
                      SL_TEST_TIMEOUT_MS);
  gdk_clipboard_read_texture_async (clipboard, NULL, texture_read_cb, &texture);
  SL_TEST_SPIN_UNTIL (texture != NULL, SL_TEST_TIMEOUT_MS);
  return texture;
}

static char *
copy_text (GtkWidget  *widget,
           const char *action)
{
  gdk_clipboard_set_text (gdk_display_get_clipboard (gdk_display_get_default ()), "");
  g_assert_true (gtk_widget_activate_action (widget, action, NULL));
  sl_ui_test_flush ();
  return clipboard_text ();
}

/* The window's default size counts its frame too: sizes here are the content's. */
static void
resize (int width,
        int height)
{
  int default_width, default_height;

  gtk_window_get_default_size (GTK_WINDOW (the.window), &default_width, &default_height);
  sl_ui_test_flush ();
  default_width += width - gtk_widget_get_width (GTK_WIDGET (the.window));
  default_height += height - gtk_widget_get_height (GTK_WIDGET (the.window));
  gtk_window_set_default_size (GTK_WINDOW (the.window), default_width, default_height);
  SL_TEST_SPIN_UNTIL (gtk_widget_get_width (GTK_WIDGET (the.window)) == width &&
                      gtk_widget_get_height (GTK_WIDGET (the.window)) == height, SL_TEST_TIMEOUT_MS);
  sl_ui_test_flush ();
}

static GtkWidget *
show_page (const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (the.window), "win.show-page", "s", name));
  sl_ui_test_flush ();
  return sl_window_ensure_page (the.window, name);
}

/* Shows the tab @tab of the stack that holds @child. */
static void
show_tab (GtkWidget  *child,
          const char *tab)
{
  GtkWidget *stack = gtk_widget_get_ancestor (child, GTK_TYPE_STACK);

  gtk_stack_set_visible_child_name (GTK_STACK (stack), tab);
  sl_ui_test_flush ();
}

/* What the Code tab's text view shows. */
static char *
shown_code (GtkWidget *page)
{
  GtkWidget *code_view = sl_ui_test_find_type (page, SL_TYPE_CODE_VIEW);
  GtkTextView *text_view = GTK_TEXT_VIEW (sl_ui_test_find_type (code_view, GTK_TYPE_TEXT_VIEW));
  GtkTextIter start, end;

  show_tab (code_view, "code");
  SL_TEST_SPIN_UNTIL (gtk_widget_get_mapped (code_view), SL_TEST_TIMEOUT_MS);
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (text_view), &start, &end);
  return gtk_text_buffer_get_text (gtk_text_view_get_buffer (text_view), &start, &end, FALSE);
}

/* The Code tab's Copy and Save give what it shows, with the language's extension. */
static void
check_code_actions (GtkWidget  *page,
                    const char *action,
                    const char *expected)
{
  GtkWidget *code_view = sl_ui_test_find_type (page, SL_TYPE_CODE_VIEW);
  g_autofree char *code = shown_code (page);
  g_autofree char *copied = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autofree char *c_code = NULL;

  g_assert_nonnull (strstr (code, expected));
  copied = copy_text (code_view, "code.copy");
  g_assert_cmpstr (copied, ==, code);
  saved = export_and_read (page, action, "code", ".py", NULL);
  assert_text_equal (saved, code);
  saved_again = export_and_read (code_view, "code.save", NULL, ".py", NULL);
  assert_text_equal (saved_again, code);
  sl_code_view_set_language (SL_CODE_VIEW (code_view), SL_CODE_LANGUAGE_C);
  c_code = shown_code (page);
  g_assert_nonnull (strstr (c_code, "#include <sys/socket.h>"));
  sl_code_view_set_language (SL_CODE_VIEW (code_view), SL_CODE_LANGUAGE_PYTHON);
}

/* Both images of the flow tab: PNG decodes and is not blank, SVG is an SVG; the copy too. */
static void
check_flow_actions (GtkWidget  *page,
                    const char *export_action,
                    const char *copy_action)
{
  g_autofree char *png_path = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GdkTexture) saved = NULL;
  g_autoptr(GdkTexture) copied = NULL;

  show_tab (sl_ui_test_find_type (page, g_type_from_name ("SlFlowDiagram")), "flow");
  png = export_and_read (page, export_action, "png", ".png", &png_path);
  saved = assert_image (png_path, 0, 0);
  assert_light (saved);
  svg = export_and_read (page, export_action, "svg", ".svg", NULL);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), "<svg"));
  copied = copy_texture (page, copy_action);
  g_assert_cmpint (gdk_texture_get_width (copied), >, 0);
}

/* Copy (when @copy_action is not NULL), Save as Text and Save as CSV of one view: each
 * exactly @expected_text or @expected_csv (both taken). */
static void
check_text_and_csv (GtkWidget  *page,
                    const char *copy_action,
                    const char *export_action,
                    char       *expected_text,
                    GBytes     *expected_csv)
{
  g_autofree char *expected = expected_text;
  g_autoptr(GBytes) expected_bytes = expected_csv;
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GBytes) csv = NULL;

  if (copy_action != NULL)
    {
      g_autofree char *copied = copy_text (page, copy_action);
      g_assert_cmpstr (copied, ==, expected);
    }
  text = export_and_read (page, export_action, "text", ".txt", NULL);
  assert_text_equal (text, expected);
  csv = export_and_read (page, export_action, "csv", ".csv", NULL);
  assert_bytes_equal (csv, expected_bytes);
}

/* ---- the Connect page ------------------------------------------------------------------ */

static void
test_connect (void)
{
  GtkWidget *page = show_page ("connect");
  SlConnectPage *connect = SL_CONNECT_PAGE (page);
  g_autofree char *port = NULL;
  g_autoptr(GBytes) hello = g_bytes_new_static ("hello, \"world\"\r\n\0!", 18);

  the.echo = sl_test_echo_server_new (G_SOCKET_TYPE_STREAM, G_SOCKET_FAMILY_IPV4);
  port = g_strdup_printf ("%u", sl_test_echo_server_get_port (the.echo));
  gtk_editable_set_text (GTK_EDITABLE (sl_ui_test_get (page, ADW_TYPE_ENTRY_ROW, "Host")), "127.0.0.1");
  gtk_editable_set_text (GTK_EDITABLE (sl_ui_test_get (page, ADW_TYPE_ENTRY_ROW, "Port")), port);
  g_assert_true (gtk_widget_activate_action (page, "connect.connect", NULL));
  SL_TEST_SPIN_UNTIL (sl_connect_page_get_connection (connect) != NULL &&
                      sl_connection_get_state (sl_connect_page_get_connection (connect)) == SL_CONNECTION_STATE_CONNECTED,
                      SL_TEST_TIMEOUT_MS);
  g_assert_true (sl_connection_send (sl_connect_page_get_connection (connect), hello, NULL));
  SL_TEST_SPIN_UNTIL (sl_connection_get_bytes_received (sl_connect_page_get_connection (connect)) == 18,
                      SL_TEST_TIMEOUT_MS);

  /* The conversation, then the socket calls: each exactly what the models say. */
  check_text_and_csv (page, "connect.copy-log", "connect.export-log", sl_log_to_text (sl_connect_page_get_log (connect)),
                      sl_csv_log_to_bytes (sl_connect_page_get_log (connect)));
  show_tab (sl_ui_test_find_type (page, g_type_from_name ("SlTraceView")), "calls");
  check_text_and_csv (page, "connect.copy-shown", "connect.export-shown",
                      sl_trace_to_text (sl_connect_page_get_trace (connect)),
                      sl_csv_trace_to_bytes (sl_connect_page_get_trace (connect)));

  check_code_actions (page, "connect.export-shown", "socket.socket(socket.AF_INET, socket.SOCK_STREAM)");
  check_flow_actions (page, "connect.export-shown", "connect.copy-shown");
  show_tab (sl_ui_test_find_type (page, SL_TYPE_CODE_VIEW), "code");
  resize (1000, 720);
  sl_ui_test_render_light_and_dark (GTK_WIDGET (the.window), "exports-connect-code");

  /* Closed, the connection is in the journal: the report has it without the page's help. */
  sl_connection_close (sl_connect_page_get_connection (connect));
  sl_ui_test_flush ();
}

/* ---- the Server page ------------------------------------------------------------------- */

static void
test_server (void)
{
  GtkWidget *page = show_page ("server");
  SlServer *server = sl_server_page_get_server (SL_SERVER_PAGE (page));
  g_autofree char *expected = NULL;
  g_autoptr(SlTextExport) peers = NULL;

  gtk_editable_set_text (GTK_EDITABLE (sl_ui_test_get (page, ADW_TYPE_ENTRY_ROW, "Port")), "0");
  g_assert_true (gtk_widget_activate_action (page, "server.start", NULL));
  g_assert_cmpint (sl_server_get_state (server), ==, SL_SERVER_STATE_LISTENING);
  the.client_fd = sl_test_tcp_connect (sl_server_get_bound_port (server));
  g_assert_cmpint (send (the.client_fd, HOSTILE, strlen (HOSTILE), 0), ==, (gssize) strlen (HOSTILE));
  SL_TEST_SPIN_UNTIL (sl_server_get_n_peers (server) == 1 &&
                      sl_peer_get_bytes_in (sl_test_item_at (sl_server_get_peers (server), 0)) == strlen (HOSTILE),
                      SL_TEST_TIMEOUT_MS);

  /* The clients table, the received data (the peer's markup as it came), the calls. */
  peers = sl_text_export_new_peers (sl_server_get_peers (server));
  check_text_and_csv (page, "server.copy-peers", "server.export-peers", sl_text_export_to_string (peers),
                      sl_csv_peers_to_bytes (sl_server_get_peers (server)));
  show_tab (sl_ui_test_find_type (page, g_type_from_name ("SlLogView")), "data");
  expected = sl_log_to_text (sl_server_get_log (server));
  g_assert_nonnull (strstr (expected, HOSTILE));
  check_text_and_csv (page, "server.copy-shown", "server.export-shown", g_steal_pointer (&expected),
                      sl_csv_log_to_bytes (sl_server_get_log (server)));
  show_tab (sl_ui_test_find_type (page, g_type_from_name ("SlTraceView")), "calls");
  check_text_and_csv (page, "server.copy-shown", "server.export-shown", sl_trace_to_text (sl_server_get_trace (server)),
                      sl_csv_trace_to_bytes (sl_server_get_trace (server)));

  check_code_actions (page, "server.export-shown", ".bind((");
  check_flow_actions (page, "server.export-shown", "server.copy-shown");
}

/* ---- the Ping page --------------------------------------------------------------------- */

static GtkSpinButton *
option_spin (GtkWidget  *page,
             const char *title)
{
  return GTK_SPIN_BUTTON (sl_ui_test_find_type (sl_ui_test_get (page, ADW_TYPE_ACTION_ROW, title),
                                                GTK_TYPE_SPIN_BUTTON));
}

static void
test_ping (void)
{
  GtkWidget *page = show_page ("ping");
  SlPingPage *ping = SL_PING_PAGE (page);
  g_autoptr(SlPinger) pinger = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GdkTexture) copied = NULL;
  g_autoptr(GdkTexture) saved = NULL;
  g_autofree char *png_path = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) rows = NULL;

  /* One target over TCP connect, which needs no privileges: the Connect page's echo server. */
  g_assert_true (gtk_widget_activate_action (page, "ping.remove-target", "s", "::1"));
  gtk_spin_button_set_value (option_spin (page, "Count"), 3);
  gtk_spin_button_set_value (option_spin (page, "Interval"), 0.2);
  gtk_spin_button_set_value (option_spin (page, "TCP Port"), sl_test_echo_server_get_port (the.echo));
  adw_combo_row_set_selected (ADW_COMBO_ROW (sl_ui_test_get (page, ADW_TYPE_COMBO_ROW, "Method")), 2);
  g_assert_true (gtk_widget_activate_action (page, "ping.start", NULL));
  SL_TEST_SPIN_UNTIL (!sl_ping_page_get_running (ping), SL_TEST_TIMEOUT_MS);
  pinger = g_list_model_get_item (sl_ping_page_get_targets (ping), 0);
  g_assert_cmpuint (g_list_model_get_n_items (sl_pinger_get_probes (pinger)), ==, 3);

  /* The chart: 1600 × 800 at scale 2, light, as PNG, SVG and on the clipboard. */
  png = export_and_read (page, "ping.export-chart", "png", ".png", &png_path);
  saved = assert_image (png_path, 3200, 1600);
  assert_light (saved);
  svg = export_and_read (page, "ping.export-chart", "svg", ".svg", NULL);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), "<svg"));
  copied = copy_texture (page, "ping.copy-chart");
  g_assert_cmpint (gdk_texture_get_width (copied), ==, 3200);

  /* Statistics as text, the probes as CSV: one row per probe. */
  show_tab (sl_ui_test_find_type (page, GTK_TYPE_FLOW_BOX), "statistics");
  summary = sl_pinger_format_summary (pinger);
  text = export_and_read (page, "ping.export-shown", "text", ".txt", NULL);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (text, NULL), g_bytes_get_size (text), summary));
  csv = export_and_read (page, "ping.export-shown", "csv", ".csv", NULL);
  rows = g_strsplit (g_bytes_get_data (csv, NULL), "\r\n", -1);
  g_assert_cmpstr (rows[0], ==, "target,method,seq,sent_at,rtt_ms,ttl,bytes,status");
  g_assert_cmpuint (g_strv_length (rows), ==, 1 + 3 + 1);
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *start = g_strdup_printf ("127.0.0.1,tcp,%u,", i);

      g_assert_true (g_str_has_prefix (rows[i], start));
      g_assert_true (g_str_has_suffix (rows[i], ",reply"));
    }

  /* The log, and the calls of the target. */
  show_tab (sl_ui_test_find_type (page, g_type_from_name ("SlLogView")), "log");
  g_clear_pointer (&text, g_bytes_unref);
  g_clear_pointer (&csv, g_bytes_unref);
  text = export_and_read (page, "ping.export-shown", "text", ".txt", NULL);
  expected = sl_log_to_text (sl_pinger_get_log (pinger));
  assert_text_equal (text, expected);
  csv = export_and_read (page, "ping.export-shown", "csv", ".csv", NULL);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (csv, NULL), "time,kind,peer,text,size,data_hex\r\n"));
  show_tab (sl_ui_test_find_type (page, g_type_from_name ("SlTraceView")), "calls");
  g_clear_pointer (&text, g_bytes_unref);
  g_clear_pointer (&expected, g_free);
  text = export_and_read (page, "ping.export-shown", "text", ".txt", NULL);
  expected = sl_trace_to_text (sl_pinger_get_trace (pinger));
  assert_text_equal (text, expected);

  check_code_actions (page, "ping.export-shown", "127.0.0.1");
  sl_ui_test_render_light_and_dark (GTK_WIDGET (the.window), "exports-ping-code");
  resize (360, 640);
  sl_ui_test_render_light_and_dark (GTK_WIDGET (the.window), "exports-ping-code-narrow");
  resize (1000, 720);
}

/* ---- the window: the report and the page images ----------------------------------------- */

static SlReportDialog *
open_report_dialog (void)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (the.window), "win.export-report", NULL));
  sl_ui_test_flush ();
  dialog = sl_ui_test_find_toplevel (SL_TYPE_REPORT_DIALOG);
  if (dialog == NULL)
    g_error ("Export Lab Report opened no dialog");
  return SL_REPORT_DIALOG (dialog);
}

static void
test_report (void)
{
  SlReportDialog *dialog = open_report_dialog ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.socketlab.SocketLab");
  GtkWidget *ping = sl_window_ensure_page (the.window, "ping");
  g_autoptr(SlPinger) pinger = g_list_model_get_item (sl_ping_page_get_targets (SL_PING_PAGE (ping)), 0);
  g_autofree char *summary = sl_pinger_format_summary (pinger);
  g_auto(GStrv) lines = g_strsplit (summary, "\n", -1);
  g_autofree char *md_path = NULL;
  g_autofree char *image_path = NULL;
  g_autofree char *title = NULL;
  g_autofree char *student_id = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GBytes) markdown = NULL;
  const char *document;
  const char *first;

  gtk_editable_set_text (GTK_EDITABLE (sl_ui_test_get (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Title (optional)")),
                         "Lab 3 <sockets>");
  gtk_editable_set_text (GTK_EDITABLE (sl_ui_test_get (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Name (optional)")),
                         "Ada");
  gtk_editable_set_text (GTK_EDITABLE (sl_ui_test_get (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Student ID (optional)")),
                         "S-42");
  sl_test_spin_for (500);   /* the rows' titles move up out of the way of the text */
  sl_ui_test_render_light_and_dark (GTK_WIDGET (dialog), "exports-report-dialog");
  /* Remembered for the next report. */
  title = g_settings_get_string (settings, "report-title");
  student_id = g_settings_get_string (settings, "report-student-id");
  g_assert_cmpstr (title, ==, "Lab 3 <sockets>");
  g_assert_cmpstr (student_id, ==, "S-42");
  /* A Lab Step done is listed with the steps. */
  sl_lab_steps_note (sl_window_get_lab_steps (the.window), SL_LAB_FACT_PINGS_COMPARED, NULL, 0);
  clear_folder ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "export");
  html = wait_for_file (".html", NULL);
  document = g_bytes_get_data (html, NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_assert_nonnull (strstr (document, lines[i]));
  /* The peer's markup is text; the title too. */
  g_assert_nonnull (strstr (document, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_null (strstr (document, "<script"));
  g_assert_nonnull (strstr (document, "Lab 3 &lt;sockets&gt;"));
  g_assert_nonnull (strstr (document, "<li>Ping two public resolvers and compare them</li>"));
  /* The runs in the order they ended (the closed connection, the ping), then what the pages
   * show now (the server still listening, the flow diagram). */
  g_assert_nonnull (strstr (document, "TCP connection to 127.0.0.1"));
  first = strstr (document, "<section id=\"section-1\">");
  g_assert_nonnull (first);
  g_assert_nonnull (strstr (first, "TCP server on"));
  g_assert_true (strstr (first, "TCP connection to") < strstr (first, "Ping of 127.0.0.1"));
  g_assert_true (strstr (first, "Ping of 127.0.0.1") < strstr (first, "TCP server on"));
  g_assert_true (strstr (first, "TCP server on") < strstr (first, "Socket flow"));
  g_assert_nonnull (strstr (document, "data:image/png;base64,"));
  g_assert_nonnull (strstr (document, "Socket flow"));

  /* Markdown, with its images beside it. */
  dialog = open_report_dialog ();
  sl_report_dialog_set_format (dialog, SL_REPORT_FORMAT_MARKDOWN);
  clear_folder ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "export");
  markdown = wait_for_file (".md", &md_path);
  image_path = g_strdup_printf ("%.*s-1.png", (int) (strlen (md_path) - 3), md_path);
  SL_TEST_SPIN_UNTIL (g_file_test (image_path, G_FILE_TEST_EXISTS), SL_TEST_TIMEOUT_MS);
  g_object_unref (assert_image (image_path, 0, 0));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (markdown, NULL), -1, lines[1]));
}

static void
test_page_images (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *page = show_page ("server");
  g_autoptr(GdkTexture) copied = NULL;
  g_autoptr(GdkTexture) saved = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) png = NULL;

  copied = copy_texture (GTK_WIDGET (the.window), "win.copy-page-image");
  g_assert_cmpint (gdk_texture_get_width (copied), ==, 2 * gtk_widget_get_width (page));
  g_assert_cmpint (gdk_texture_get_height (copied), ==, 2 * gtk_widget_get_height (page));
  assert_light (copied);

  /* Light even while the app is dark, and dark again after. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  sl_ui_test_flush ();
  png = export_and_read (GTK_WIDGET (the.window), "win.save-page-image", NULL, ".png", &path);
  saved = assert_image (path, 2 * gtk_widget_get_width (page), 2 * gtk_widget_get_height (page));
  assert_light (saved);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  if (g_getenv ("SL_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *copy = g_build_filename (g_getenv ("SL_SCREENSHOT_DIR"), "exports-page-image-from-dark.png", NULL);
      g_assert_true (gdk_texture_save_to_png (saved, copy));
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  sl_ui_test_flush ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  the.dir = g_dir_make_tmp ("sl-test-exports-XXXXXX", NULL);
  sl_export_job_set_choose_func (choose_cb, NULL);
  the.app = sl_ui_test_start_application ();
  the.window = SL_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (the.app)));
  SL_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (the.window)), SL_TEST_TIMEOUT_MS);
  resize (1000, 720);

  g_test_add_func ("/exports/connect", test_connect);
  g_test_add_func ("/exports/server", test_server);
  g_test_add_func ("/exports/ping", test_ping);
  g_test_add_func ("/exports/report", test_report);
  g_test_add_func ("/exports/page-images", test_page_images);
  status = g_test_run ();

  if (the.client_fd > 0)
    close (the.client_fd);
  gtk_window_destroy (GTK_WINDOW (the.window));
  sl_ui_test_flush ();
  g_clear_pointer (&the.echo, sl_test_echo_server_free);
  g_object_unref (the.app);
  return status;
}
