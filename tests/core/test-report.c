/* test-report.c: the lab report from real runs over loopback: a connection whose peer data
 * is hostile markup, a server with two clients, a port check, a ping of two targets with a
 * chart, a diagram. The HTML must parse strictly (Python's html.parser: every element
 * closed in order), load nothing from outside itself, show the injected markup as text,
 * and contain every ping summary line verbatim, the comparison line and each call's
 * explanation; the Markdown must hold the same facts, escaped, with its images beside it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sl-code-gen.h"
#include "sl-ping-compare.h"
#include "sl-report.h"
#include "sl-route.h"
#include "sl-test-spawn.h"
#include "sl-test-util.h"

#define HOSTILE "<script>alert(1)</script> & \"q\" | *x* [l](u) `tick`\r\n"

/* Checks HTML on stdin; argv[1] is a file of lines that must appear in its text. */
static const char html_checker_py[] =
  "import re, sys\n"
  "from html.parser import HTMLParser\n"
  "VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'}\n"
  "FORBIDDEN = {'script', 'link', 'iframe', 'object', 'embed', 'base', 'form', 'frame', 'video', 'audio'}\n"
  "class Checker(HTMLParser):\n"
  "    def __init__(self):\n"
  "        super().__init__(convert_charrefs=True)\n"
  "        self.stack, self.text, self.errors, self.style = [], [], [], ''\n"
  "    def handle_starttag(self, tag, attrs):\n"
  "        if tag in FORBIDDEN:\n"
  "            self.errors.append('forbidden element <%s>' % tag)\n"
  "        for name, value in attrs:\n"
  "            if name in ('src', 'href', 'srcset', 'poster', 'action', 'data', 'background'):\n"
  "                if not (value or '').startswith(('data:', '#')):\n"
  "                    self.errors.append('outside reference %s=%r' % (name, value))\n"
  "            if name.startswith('on') or name == 'style':\n"
  "                self.errors.append('attribute %s' % name)\n"
  "        if tag not in VOID:\n"
  "            self.stack.append(tag)\n"
  "    def handle_startendtag(self, tag, attrs):\n"
  "        self.errors.append('self-closing <%s/>' % tag)\n"
  "    def handle_endtag(self, tag):\n"
  "        if not self.stack or self.stack[-1] != tag:\n"
  "            self.errors.append('unexpected </%s>, open: %s' % (tag, self.stack))\n"
  "        else:\n"
  "            self.stack.pop()\n"
  "    def handle_data(self, data):\n"
  "        if self.stack and self.stack[-1] == 'style':\n"
  "            self.style += data\n"
  "        else:\n"
  "            self.text.append(data)\n"
  "source = sys.stdin.read()\n"
  "checker = Checker()\n"
  "checker.feed(source)\n"
  "checker.close()\n"
  "errors = checker.errors\n"
  "if checker.stack:\n"
  "    errors.append('never closed: %s' % checker.stack)\n"
  "if not source.startswith('<!DOCTYPE html>'):\n"
  "    errors.append('no doctype')\n"
  "if re.search(r'url\\s*\\(|@import', checker.style):\n"
  "    errors.append('the style loads something')\n"
  "if '@media print' not in checker.style:\n"
  "    errors.append('no print rules')\n"
  "text = ''.join(checker.text)\n"
  "for line in open(sys.argv[1], encoding='utf-8').read().split('\\n'):\n"
  "    if line and line not in text:\n"
  "        errors.append('missing: %r' % line)\n"
  "print('\\n'.join(errors))\n"
  "sys.exit(1 if errors else 0)\n";

/* Checks Markdown on stdin: no raw HTML outside code, and the lines of argv[1] in its text
 * once the backslash escapes are read. */
static const char markdown_checker_py[] =
  "import re, sys\n"
  "source = sys.stdin.read()\n"
  "errors = []\n"
  "prose = re.sub(r'(?ms)^(`{3,})[^\\n]*\\n.*?^\\1\\n', '', source)\n"
  "prose = re.sub(r'(`+)(.+?)\\1', '', prose)\n"
  "prose = re.sub(r'\\]\\(<[^<>\\n]*>\\)', '](', prose)\n"
  "for match in re.finditer(r'(?<!\\\\)<', prose):\n"
  "    errors.append('raw < at %r' % prose[max(0, match.start() - 20):match.start() + 20])\n"
  "text = re.sub(r'\\\\([!-/:-@\\[-`{-~])', r'\\1', source)\n"
  "for line in open(sys.argv[1], encoding='utf-8').read().split('\\n'):\n"
  "    if line and line not in text:\n"
  "        errors.append('missing: %r' % line)\n"
  "print('\\n'.join(errors))\n"
  "sys.exit(1 if errors else 0)\n";

static const guint8 png_a[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1 };
static const guint8 png_b[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 2 };

typedef struct {
  SlServer     *server;
  SlConnection *connection;
  SlPinger     *pingers[2];
  SlPortCheckResult *check;
  SlTrace      *check_trace;
  SlRoute      *route;
  int           idle_client;
  SlReport     *report;
  GPtrArray    *expected;   /* lines both renderings must show */
} Fixture;

static gboolean
run_pinger (SlPinger *pinger)
{
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) done = NULL;

  sl_pinger_run_async (pinger, NULL, sl_test_store_result, &result);
  done = sl_test_wait_result (&result);
  return sl_pinger_run_finish (pinger, done, NULL);
}

static void
expect (Fixture    *fixture,
        const char *line)
{
  g_ptr_array_add (fixture->expected, g_strdup (line));
}

static void
expect_calls (Fixture *fixture,
              SlTrace *trace)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (trace)); i++)
    expect (fixture, sl_trace_event_explain_call (sl_test_event_at (trace, i)));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) hostile = g_bytes_new_static (HOSTILE, strlen (HOSTILE));
  g_autoptr(GBytes) a = g_bytes_new_static (png_a, sizeof png_a);
  g_autoptr(GBytes) b = g_bytes_new_static (png_b, sizeof png_b);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) date = g_date_time_new (utc, 2026, 12, 1, 15, 30, 0);
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  guint16 port;
  SlPingTarget targets[2];
  g_autofree char *comparison = NULL;

  fixture->expected = g_ptr_array_new_with_free_func (g_free);
  fixture->server = sl_server_new (NULL, NULL);
  g_assert_true (sl_server_start (fixture->server, NULL));
  port = sl_server_get_bound_port (fixture->server);

  /* The Connect page: hostile bytes, echoed back. */
  fixture->connection = sl_connection_new (SL_PROTOCOL_TCP, "127.0.0.1", port);
  sl_connection_connect_async (fixture->connection, NULL, sl_test_store_result, &result);
  done = sl_test_wait_result (&result);
  g_assert_true (sl_connection_connect_finish (fixture->connection, done, NULL));
  g_assert_true (sl_connection_send (fixture->connection, hostile, NULL));
  SL_TEST_SPIN_UNTIL (sl_connection_get_bytes_received (fixture->connection) == strlen (HOSTILE), SL_TEST_TIMEOUT_MS);
  sl_connection_close (fixture->connection);

  /* A second client that stays, and sends markup of its own. */
  fixture->idle_client = sl_test_tcp_connect (port);
  g_assert_cmpint (send (fixture->idle_client, "<b>bold</b>", 11, 0), ==, 11);
  SL_TEST_SPIN_UNTIL (sl_server_get_n_peers (fixture->server) == 1 &&
                      sl_peer_get_bytes_in (sl_test_item_at (sl_server_get_peers (fixture->server), 0)) == 11,
                      SL_TEST_TIMEOUT_MS);

  /* A port check. */
  fixture->check_trace = sl_trace_new (0);
  result = NULL;
  g_clear_object (&done);
  sl_port_check_async ("127.0.0.1", port, G_SOCKET_FAMILY_INVALID, 0, fixture->check_trace, NULL,
                       sl_test_store_result, &result);
  done = sl_test_wait_result (&result);
  fixture->check = sl_port_check_finish (done, NULL);
  g_assert_nonnull (fixture->check);

  /* Two targets by TCP connect (no privileges needed): the same server by two names. */
  for (guint i = 0; i < 2; i++)
    {
      SlPinger *pinger = sl_pinger_new (i == 0 ? "127.0.0.1" : "localhost");

      sl_pinger_set_family (pinger, G_SOCKET_FAMILY_IPV4);
      sl_pinger_set_method_preference (pinger, SL_PING_METHOD_TCP);
      sl_pinger_set_tcp_port (pinger, port);
      sl_pinger_set_count (pinger, 3);
      sl_pinger_set_interval (pinger, 0.05);
      sl_pinger_set_trace (pinger, sl_trace_new (0));
      g_object_unref (sl_pinger_get_trace (pinger));
      g_assert_true (run_pinger (pinger));
      fixture->pingers[i] = pinger;
      targets[i] = (SlPingTarget) { sl_pinger_get_host (pinger), sl_pinger_get_stats (pinger) };
    }

  fixture->report = sl_report_new ();
  sl_report_set_title (fixture->report, "Lab 3: <Sockets> & \"more\"");
  sl_report_set_student_name (fixture->report, "Ada <Lovelace>");
  sl_report_set_student_id (fixture->report, "S-123'");
  sl_report_set_date (fixture->report, date);
  sl_report_add_connection (fixture->report, fixture->connection);
  sl_report_add_port_check (fixture->report, "127.0.0.1", port, fixture->check, fixture->check_trace);
  sl_report_add_server (fixture->report, fixture->server);
  sl_report_add_ping (fixture->report, fixture->pingers, 2, a);
  sl_report_add_image (fixture->report, "Flow diagram", "Who sent what to whom, in order.", b);
  sl_report_add_step (fixture->report, "Compared the two pings in the report");
  /* A route over loopback: one hop, the destination (UDP needs no privileges). */
  fixture->route = sl_route_new ("127.0.0.1");
  sl_route_set_count (fixture->route, 1);
  sl_route_set_resolve_names (fixture->route, FALSE);
  sl_route_set_trace (fixture->route, sl_trace_new (0));
  g_object_unref (sl_route_get_trace (fixture->route));
  result = NULL;
  g_clear_object (&done);
  sl_route_run_async (fixture->route, NULL, sl_test_store_result, &result);
  done = sl_test_wait_result (&result);
  g_assert_true (sl_route_run_finish (fixture->route, done, NULL));
  sl_report_add_route (fixture->report, fixture->route);
  g_assert_cmpuint (sl_report_get_n_sections (fixture->report), ==, 6);
  expect (fixture, "Route to 127.0.0.1");
  expect (fixture, "Traced the route to 127.0.0.1: 1 hop");
  expect (fixture, sl_route_get_method_explanation (fixture->route));
  {
    g_auto(GStrv) commands = sl_route_get_equivalent_commands (fixture->route);

    for (guint i = 0; commands[i] != NULL; i++)
      expect (fixture, commands[i]);
  }

  /* What both renderings must say. */
  expect (fixture, "Lab 3: <Sockets> & \"more\"");
  expect (fixture, "Ada <Lovelace>");
  expect (fixture, "S-123'");
  expect (fixture, "<script>alert(1)</script> & \"q\" | *x* [l](u) `tick`\\r\\n");
  expect (fixture, "<b>bold</b>");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *summary = sl_pinger_format_summary (fixture->pingers[i]);
      g_autofree char *extra = sl_ping_stats_format_extra (sl_pinger_get_stats (fixture->pingers[i]));
      g_auto(GStrv) lines = g_strsplit (summary, "\n", -1);

      for (guint j = 0; lines[j] != NULL; j++)
        expect (fixture, lines[j]);
      expect (fixture, extra);
      expect (fixture, sl_pinger_get_method_explanation (fixture->pingers[i]));
    }
  comparison = sl_ping_compare_format (targets, 2);
  expect (fixture, comparison);
  expect_calls (fixture, sl_connection_get_trace (fixture->connection));
  expect_calls (fixture, sl_server_get_trace (fixture->server));
  expect_calls (fixture, fixture->check_trace);
  expect (fixture, sl_trace_event_explain_call (sl_test_event_at (sl_pinger_get_trace (fixture->pingers[0]), 0)));
  {
    g_autofree char *socket = sl_trace_event_format (sl_test_event_at (sl_connection_get_trace (fixture->connection), 1));
    expect (fixture, socket);
  }
  expect (fixture, sl_ping_stats_explain_line (SL_PING_STATS_LINE_RTT));
  expect (fixture, "Lab steps done");
  expect (fixture, "Compared the two pings in the report");
  expect (fixture, "Made with Socket Lab " PACKAGE_VERSION " on 2026-12-01 15:30");
  expect (fixture, "Who sent what to whom, in order.");
  expect (fixture, "s.connect(address)");    /* the equivalent Python */
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->route);
  close (fixture->idle_client);
  sl_server_stop (fixture->server);
  g_assert_finalize_object (fixture->report);
  g_object_unref (fixture->connection);
  g_object_unref (fixture->server);
  g_object_unref (fixture->pingers[0]);
  g_object_unref (fixture->pingers[1]);
  g_object_unref (fixture->check);
  g_object_unref (fixture->check_trace);
  g_ptr_array_unref (fixture->expected);
}

static void
check_with_python (const char *checker,
                   const char *document,
                   GPtrArray  *expected)
{
  g_autofree char *dir = sl_test_make_temp_dir ();
  g_autofree char *lines_path = g_build_filename (dir, "expected.txt", NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(GBytes) input = g_bytes_new (document, strlen (document));
  const char *argv[] = { "python3", "-c", checker, lines_path, NULL };
  g_autoptr(SlTestRun) run = NULL;

  for (guint i = 0; i < expected->len; i++)
    g_string_append_printf (lines, "%s\n", (const char *) g_ptr_array_index (expected, i));
  g_assert_true (g_file_set_contents (lines_path, lines->str, lines->len, NULL));
  run = sl_test_run (argv, input, 20000);
  if (run->status != 0)
    g_error ("the check failed:\n%.*s%s", (int) g_bytes_get_size (run->out),
             (const char *) g_bytes_get_data (run->out, NULL), run->err);
  sl_test_remove_tree (dir);
}

static void
test_html (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *html = sl_report_to_html (fixture->report);
  g_autofree char *lower = g_ascii_strdown (html, -1);
  g_autofree char *base64 = g_base64_encode (png_a, sizeof png_a);
  g_autofree char *uri_a = NULL;

  g_test_message ("%s", html);
  check_with_python (html_checker_py, html, fixture->expected);
  /* Escaped in the source too: no element of the peers' making. */
  g_assert_null (strstr (lower, "<script"));
  g_assert_null (strstr (html, "<b>bold"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  /* Both images inline, in order. */
  uri_a = g_strconcat ("src=\"data:image/png;base64,", base64, NULL);
  g_assert_nonnull (strstr (html, uri_a));
  g_assert_nonnull (strstr (html, "<a href=\"#section-4\">"));
}

static void
test_markdown (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) images = NULL;
  g_autofree char *markdown = sl_report_to_markdown (fixture->report, "lab3-report", &images);
  SlReportFile *first, *second;

  g_test_message ("%s", markdown);
  check_with_python (markdown_checker_py, markdown, fixture->expected);
  g_assert_cmpuint (images->len, ==, 2);
  first = g_ptr_array_index (images, 0);
  second = g_ptr_array_index (images, 1);
  g_assert_cmpstr (first->name, ==, "lab3-report-1.png");
  g_assert_cmpstr (second->name, ==, "lab3-report-2.png");
  g_assert_cmpmem (g_bytes_get_data (first->contents, NULL), g_bytes_get_size (first->contents), png_a, sizeof png_a);
  g_assert_cmpmem (g_bytes_get_data (second->contents, NULL), g_bytes_get_size (second->contents), png_b, sizeof png_b);
  g_assert_nonnull (strstr (markdown, "](<lab3-report-1.png>)"));
  g_assert_nonnull (strstr (markdown, "](<lab3-report-2.png>)"));
  /* The peer's data is in a code span, where Markdown shows it as it is; the checker
   * found no raw markup outside code. */
  g_assert_nonnull (strstr (markdown, "`<b>bold</b>`"));
}

/* Reports recorded apart make one: every section and step in order, anchors renumbered. */
static void
test_append (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SlReport) first = sl_report_new ();
  SlReport *whole = sl_report_new ();
  g_autofree char *html = NULL;
  const char *connected, *served;

  sl_report_add_connection (first, fixture->connection);
  sl_report_add_server (first, fixture->server);
  sl_report_append (whole, first);
  sl_report_append (whole, fixture->report);
  sl_report_set_title (whole, "Lab 3: <Sockets> & \"more\"");
  sl_report_set_student_name (whole, "Ada <Lovelace>");
  sl_report_set_student_id (whole, "S-123'");
  sl_report_set_date (whole, sl_report_get_date (fixture->report));
  g_assert_cmpuint (sl_report_get_n_sections (whole), ==, 2 + 6);
  html = sl_report_to_html (whole);
  check_with_python (html_checker_py, html, fixture->expected);
  for (guint i = 1; i <= 8; i++)
    {
      g_autofree char *anchor = g_strdup_printf ("<section id=\"section-%u\">", i);
      g_assert_nonnull (strstr (html, anchor));
    }
  /* The first report's steps come first. */
  connected = strstr (html, "<li>Connected");
  served = strstr (html, "Compared the two pings in the report");
  g_assert_nonnull (connected);
  g_assert_nonnull (served);
  g_assert_true (connected < served);
  g_assert_finalize_object (whole);
}

/* A long run is cut to its first and last entries, saying how many were left out. */
static void
test_bounded (void)
{
  g_autoptr(SlLog) log = sl_log_new (0);
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(SlServer) server = sl_server_new (log, trace);
  g_autoptr(SlReport) report = sl_report_new ();
  g_autofree char *html = NULL;
  g_autofree char *markdown = NULL;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *message = g_strdup_printf ("message %u", i);
      SlTraceRecord record = SL_TRACE_RECORD_INIT (i % 2 ? SL_TRACE_CALL_RECV : SL_TRACE_CALL_BIND);

      record.fd = (int) i;  /* all different: nothing folds */
      record.result = 0;
      sl_log_append_message (log, SL_LOG_KIND_INFO, NULL, message);
      sl_trace_append (trace, &record);
    }
  sl_report_add_server (report, server);
  html = sl_report_to_html (report);
  markdown = sl_report_to_markdown (report, "r", NULL);
  g_assert_nonnull (strstr (html, "message 19<"));
  g_assert_null (strstr (html, "message 20<"));
  g_assert_null (strstr (html, "message 979<"));
  g_assert_nonnull (strstr (html, "message 980<"));
  g_assert_nonnull (strstr (html, "… 960 entries left out …"));
  g_assert_nonnull (strstr (html, "… 920 entries left out …"));
  g_assert_nonnull (strstr (markdown, "… 960 entries left out …"));
  g_assert_finalize_object (g_steal_pointer (&report));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/report/html", Fixture, NULL, fixture_set_up, test_html, fixture_tear_down);
  g_test_add ("/report/markdown", Fixture, NULL, fixture_set_up, test_markdown, fixture_tear_down);
  g_test_add ("/report/append", Fixture, NULL, fixture_set_up, test_append, fixture_tear_down);
  g_test_add_func ("/report/bounded", test_bounded);
  return g_test_run ();
}
