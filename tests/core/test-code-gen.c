/* test-code-gen.c: the generated programs compile and do what the page did.
 *
 * A real SlConnection talks to an SlServer (echo) with payloads full of quotes,
 * backslashes, %, $, `, ??=, CR/LF, NUL and bytes that are not ASCII; the Python, C and
 * shell programs generated from its trace then run against the same server, which must
 * receive exactly the same bytes from each. Servers generated from a configuration are
 * run and spoken to; port checks and pings run against loopback. Python must pass
 * py_compile, C `cc -Wall -Wextra -Werror`, shell `sh -n`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sl-code-gen.h"
#include "sl-test-spawn.h"
#include "sl-test-util.h"

#define RUN_TIMEOUT_MS 30000

static const char first[] = "say \"hi\" \\ it's 100% $HOME `id` ?\?= \t{}\r\n";
static const char second[] = "\0\x01\x7f\xff\xfe h\xc3\xa9llo \xe2\x82\xac\\x41\n";

static char *dir;

static GBytes *
payload (guint which)
{
  return which == 0 ? g_bytes_new_static (first, sizeof first - 1) : g_bytes_new_static (second, sizeof second - 1);
}

static char *
write_program (const char *name,
               const char *code)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, code, -1, &error);
  g_assert_no_error (error);
  return path;
}

static SlTestRun *
run_checked (const char * const *argv)
{
  SlTestRun *run = sl_test_run (argv, NULL, RUN_TIMEOUT_MS);

  if (run->status != 0)
    g_error ("%s failed (%d): %s\n%.*s", argv[0], run->status, run->err,
             (int) g_bytes_get_size (run->out), (const char *) g_bytes_get_data (run->out, NULL));
  return run;
}

/* A runnable program for @code: a .py checked by py_compile, a C binary built with
 * -Werror, or a .sh checked by sh -n. Returns its argv[0..1] in *argv (free with g_strfreev). */
static GStrv
prepare (SlCodeLanguage  language,
         const char     *code,
         const char     *name)
{
  g_autofree char *file = g_strdup_printf ("%s.%s", name, sl_code_language_get_extension (language));
  g_autofree char *path = write_program (file, code);
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv argv;

  switch (language)
    {
    case SL_CODE_LANGUAGE_PYTHON:
      {
        const char *check[] = { "python3", "-m", "py_compile", path, NULL };
        g_autoptr(SlTestRun) run = run_checked (check);

        g_strv_builder_add_many (builder, "python3", path, NULL);
        break;
      }
    case SL_CODE_LANGUAGE_C:
      {
        g_autofree char *binary = g_build_filename (dir, name, NULL);
        const char *check[] = { "cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-o", binary, path, NULL };
        g_autoptr(SlTestRun) run = run_checked (check);

        g_strv_builder_add (builder, binary);
        break;
      }
    case SL_CODE_LANGUAGE_SHELL:
    default:
      {
        const char *check[] = { "sh", "-n", path, NULL };
        g_autoptr(SlTestRun) run = run_checked (check);

        g_strv_builder_add_many (builder, "sh", path, NULL);
        break;
      }
    }
  argv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return argv;
}

static char *
output_of (SlTestRun *run)
{
  return g_strndup (g_bytes_get_data (run->out, NULL), g_bytes_get_size (run->out));
}

/* ---- literals ------------------------------------------------------------------------ */

static void
test_literals (void)
{
  g_autofree char *python = sl_code_python_string ("it's a \\ \"test\"\n\xc3\xa9\xe2\x82\xac");
  g_autofree char *c = sl_code_c_string ((const guint8 *) "a\"b\\?\?=\0" "1\xff", 10, 0);
  g_autofree char *shell = sl_code_shell_printf_format ((const guint8 *) "it's 100%\\\0" "7", 12);

  g_assert_cmpstr (python, ==, "'it\\'s a \\\\ \"test\"\\n\\xe9\\u20ac'");
  /* An octal escape is 3 digits at most, so the "1" after the NUL stays a "1". */
  g_assert_cmpstr (c, ==, "\"a\\\"b\\\\\\?\\?=\\0001\\377\"");
  g_assert_cmpstr (shell, ==, "'it\\047s 100%%\\\\\\0007'");
}

/* ---- clients ------------------------------------------------------------------------- */

/* Everything the server received, in order: one GBytes per read (or datagram). */
static GPtrArray *
received (SlServer *server)
{
  SlLog *log = sl_server_get_log (server);
  GPtrArray *pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (log)); i++)
    {
      SlLogEntry *entry = sl_test_entry_at (log, i);

      if (sl_log_entry_get_kind (entry) == SL_LOG_KIND_RECEIVED && sl_log_entry_get_data (entry) != NULL)
        g_ptr_array_add (pieces, g_bytes_ref (sl_log_entry_get_data (entry)));
    }
  return pieces;
}

static GBytes *
received_stream (SlServer *server)
{
  g_autoptr(GPtrArray) pieces = received (server);
  GByteArray *all = g_byte_array_new ();

  for (guint i = 0; i < pieces->len; i++)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (g_ptr_array_index (pieces, i), &len);
      g_byte_array_append (all, data, len);
    }
  return g_byte_array_free_to_bytes (all);
}

static gsize
received_size (SlServer *server)
{
  g_autoptr(GBytes) all = received_stream (server);

  return g_bytes_get_size (all);
}

static SlServer *
echo_server_new_at (SlProtocol  protocol,
                    const char *address)
{
  SlServer *server = sl_server_new (NULL, NULL);

  sl_server_set_address (server, address);
  sl_server_set_protocol (server, protocol);
  sl_server_set_reply_mode (server, SL_REPLY_MODE_ECHO);
  g_assert_true (sl_server_start (server, NULL));
  return server;
}

static SlServer *
echo_server_new (SlProtocol protocol)
{
  return echo_server_new_at (protocol, "127.0.0.1");
}

/* The Connect page's run: connect, send both payloads (each echoed before the next), close. */
static SlConnection *
page_run (SlProtocol  protocol,
          const char *host,
          guint16     port)
{
  SlConnection *connection = sl_connection_new (protocol, host, port);
  guint64 expected = 0;

  g_assert_true (sl_test_connect (connection, NULL, NULL));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GBytes) data = payload (i);

      expected += g_bytes_get_size (data);
      g_assert_true (sl_connection_send (connection, data, NULL));
      SL_TEST_SPIN_UNTIL (sl_connection_get_bytes_received (connection) == expected, SL_TEST_TIMEOUT_MS);
    }
  sl_connection_close (connection);
  return connection;
}

static void
test_tcp_client (void)
{
  g_autoptr(SlServer) server = echo_server_new (SL_PROTOCOL_TCP);
  g_autoptr(SlConnection) connection = page_run (SL_PROTOCOL_TCP, "127.0.0.1", sl_server_get_bound_port (server));
  g_autoptr(GBytes) expected = received_stream (server);
  SlCodeClient client;

  g_assert_cmpuint (g_bytes_get_size (expected), ==, sizeof first - 1 + sizeof second - 1);
  sl_code_client_init_from_connection (&client, connection);
  g_assert_cmpint (client.family, ==, AF_INET);
  for (SlCodeLanguage language = SL_CODE_LANGUAGE_PYTHON; language <= SL_CODE_LANGUAGE_SHELL; language++)
    {
      g_autofree char *code = sl_code_gen_client (&client, language);
      g_auto(GStrv) argv = NULL;
      g_autoptr(SlTestRun) run = NULL;
      g_autoptr(GBytes) got = NULL;
      g_autofree char *out = NULL;

      g_test_message ("%s:\n%s", sl_code_language_get_label (language), code);
      if (language == SL_CODE_LANGUAGE_SHELL && !sl_test_have_program ("nc"))
        {
          g_test_message ("no nc: the shell client was only checked with sh -n");
          g_strfreev (prepare (language, code, "tcp-client"));
          continue;
        }
      argv = prepare (language, code, "tcp-client");
      sl_log_clear (sl_server_get_log (server));
      run = run_checked ((const char * const *) argv);
      SL_TEST_SPIN_UNTIL (received_size (server) >= g_bytes_get_size (expected), SL_TEST_TIMEOUT_MS);
      got = received_stream (server);
      g_assert_true (g_bytes_equal (got, expected));
      out = output_of (run);
      if (language == SL_CODE_LANGUAGE_SHELL)
        /* nc prints the echo: the very same bytes came back. */
        g_assert_true (g_bytes_equal (run->out, expected));
      else
        g_assert_nonnull (strstr (out, "Received"));
    }
}

/* Over IPv6 the programs look up and connect with AF_INET6 (getaddrinfo () in Python). */
static void
test_tcp_client_ipv6 (void)
{
  g_autoptr(SlServer) server = NULL;
  g_autoptr(SlConnection) connection = NULL;
  g_autoptr(GBytes) expected = NULL;
  SlCodeClient client;

  if (!sl_test_ipv6_available ())
    {
      g_test_skip ("no IPv6 loopback");
      return;
    }
  server = echo_server_new_at (SL_PROTOCOL_TCP, "::1");
  connection = page_run (SL_PROTOCOL_TCP, "::1", sl_server_get_bound_port (server));
  expected = received_stream (server);
  sl_code_client_init_from_connection (&client, connection);
  g_assert_cmpint (client.family, ==, AF_INET6);
  for (SlCodeLanguage language = SL_CODE_LANGUAGE_PYTHON; language <= SL_CODE_LANGUAGE_SHELL; language++)
    {
      g_autofree char *code = sl_code_gen_client (&client, language);
      g_auto(GStrv) argv = prepare (language, code, "tcp6-client");
      g_autoptr(SlTestRun) run = NULL;
      g_autoptr(GBytes) got = NULL;

      if (language == SL_CODE_LANGUAGE_SHELL && !sl_test_have_program ("nc"))
        continue;
      g_assert_nonnull (strstr (code, language == SL_CODE_LANGUAGE_SHELL ? " -6 ::1 " : "AF_INET6"));
      sl_log_clear (sl_server_get_log (server));
      run = run_checked ((const char * const *) argv);
      SL_TEST_SPIN_UNTIL (received_size (server) >= g_bytes_get_size (expected), SL_TEST_TIMEOUT_MS);
      got = received_stream (server);
      g_assert_true (g_bytes_equal (got, expected));
    }
}

static void
test_udp_client (void)
{
  g_autoptr(SlServer) server = echo_server_new (SL_PROTOCOL_UDP);
  g_autoptr(SlConnection) connection = page_run (SL_PROTOCOL_UDP, "127.0.0.1", sl_server_get_bound_port (server));
  SlCodeClient client;

  sl_code_client_init_from_connection (&client, connection);
  for (SlCodeLanguage language = SL_CODE_LANGUAGE_PYTHON; language <= SL_CODE_LANGUAGE_SHELL; language++)
    {
      g_autofree char *code = sl_code_gen_client (&client, language);
      g_auto(GStrv) argv = prepare (language, code, "udp-client");
      g_autoptr(SlTestRun) run = NULL;
      g_autoptr(GPtrArray) datagrams = NULL;

      g_test_message ("%s:\n%s", sl_code_language_get_label (language), code);
      if (language == SL_CODE_LANGUAGE_SHELL && !sl_test_have_program ("nc"))
        continue;
      sl_log_clear (sl_server_get_log (server));
      run = run_checked ((const char * const *) argv);
      SL_TEST_SPIN_UNTIL (received_size (server) >= sizeof first - 1 + sizeof second - 1, SL_TEST_TIMEOUT_MS);
      /* Two datagrams, each exactly one payload. */
      datagrams = received (server);
      g_assert_cmpuint (datagrams->len, ==, 2);
      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(GBytes) expected = payload (i);
          g_assert_true (g_bytes_equal (g_ptr_array_index (datagrams, i), expected));
        }
    }
}

/* ---- port check ---------------------------------------------------------------------- */

static void
test_port_check (void)
{
  g_autoptr(SlServer) server = echo_server_new (SL_PROTOCOL_TCP);
  guint16 closed = sl_test_free_port (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM);
  const guint16 ports[] = { sl_server_get_bound_port (server), closed };

  for (guint p = 0; p < G_N_ELEMENTS (ports); p++)
    for (SlCodeLanguage language = SL_CODE_LANGUAGE_PYTHON; language <= SL_CODE_LANGUAGE_SHELL; language++)
      {
        SlCodePortCheck check = { .host = "127.0.0.1", .port = ports[p], .timeout_ms = 2000 };
        g_autofree char *code = sl_code_gen_port_check (&check, language);
        g_auto(GStrv) argv = prepare (language, code, "port-check");
        g_autoptr(SlTestRun) run = NULL;
        g_autofree char *out = NULL;
        g_autofree char *expected = g_strdup_printf ("Port %u%s is %s", ports[p],
                                                     language == SL_CODE_LANGUAGE_SHELL ? "" : " on 127.0.0.1",
                                                     p == 0 ? "open" : "closed");

        if (language == SL_CODE_LANGUAGE_SHELL && !sl_test_have_program ("nc"))
          continue;
        run = sl_test_run ((const char * const *) argv, NULL, RUN_TIMEOUT_MS);
        out = output_of (run);
        g_test_message ("%s", out);
        g_assert_nonnull (strstr (out, expected));
      }
}

/* ---- servers ------------------------------------------------------------------------- */

/* Connects to the generated server (retrying while it starts), sends @request and reads
 * @expected_len bytes of reply. */
static GBytes *
talk_tcp (guint16  port,
          GBytes  *request,
          gsize    expected_len)
{
  gint64 deadline = g_get_monotonic_time () + RUN_TIMEOUT_MS * 1000;
  struct sockaddr_in sin;
  guint8 *reply = g_malloc (expected_len + 1);
  gsize done = 0;
  int fd;

  sl_test_loopback_sockaddr (&sin, port);
  for (;;)
    {
      fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
      if (connect (fd, (struct sockaddr *) &sin, sizeof sin) == 0)
        break;
      close (fd);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      sl_test_spin_for (20);
    }
  g_assert_cmpint (send (fd, g_bytes_get_data (request, NULL), g_bytes_get_size (request), 0),
                   ==, (gssize) g_bytes_get_size (request));
  while (done < expected_len)
    {
      gssize n = recv (fd, reply + done, expected_len - done, MSG_DONTWAIT);

      if (n > 0)
        done += n;
      else
        {
          g_assert_true (n < 0);
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          sl_test_spin_for (5);
        }
    }
  close (fd);
  return g_bytes_new_take (reply, expected_len);
}

static GBytes *
talk_udp (guint16  port,
          GBytes  *request)
{
  gint64 deadline = g_get_monotonic_time () + RUN_TIMEOUT_MS * 1000;
  struct sockaddr_in sin;
  guint8 reply[65536];
  int fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

  sl_test_loopback_sockaddr (&sin, port);
  /* Until the server is up, datagrams are lost: send again every 100 ms. */
  for (guint tries = 0;; tries++)
    {
      gssize n;

      if (tries % 20 == 0)
        sendto (fd, g_bytes_get_data (request, NULL), g_bytes_get_size (request), 0,
                (struct sockaddr *) &sin, sizeof sin);
      n = recv (fd, reply, sizeof reply, MSG_DONTWAIT);
      if (n >= 0)
        {
          close (fd);
          return g_bytes_new (reply, n);
        }
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      sl_test_spin_for (5);
    }
}

static void
test_servers (void)
{
  g_autoptr(GBytes) request = payload (1);
  g_autoptr(GBytes) fixed = payload (0);

  for (SlProtocol protocol = SL_PROTOCOL_TCP; protocol <= SL_PROTOCOL_UDP; protocol++)
    for (SlReplyMode mode = SL_REPLY_MODE_ECHO; mode <= SL_REPLY_MODE_FIXED; mode++)
      for (SlCodeLanguage language = SL_CODE_LANGUAGE_PYTHON; language <= SL_CODE_LANGUAGE_SHELL; language++)
        {
          guint16 port = sl_test_free_port (G_SOCKET_FAMILY_IPV4,
                                            protocol == SL_PROTOCOL_TCP ? G_SOCKET_TYPE_STREAM : G_SOCKET_TYPE_DATAGRAM);
          SlCodeServer config = { .protocol = protocol, .address = "127.0.0.1", .port = port,
                                  .reply_mode = mode, .fixed_reply = fixed };
          g_autofree char *code = sl_code_gen_server (&config, language);
          g_auto(GStrv) argv = prepare (language, code, "server");
          GBytes *expected = mode == SL_REPLY_MODE_ECHO ? request : fixed;
          g_autoptr(GSubprocess) process = NULL;
          g_autoptr(GBytes) reply = NULL;

          g_test_message ("%s:\n%s", sl_code_language_get_label (language), code);
          /* nc's servers are approximations (one client, reply on connect): syntax only. */
          if (language == SL_CODE_LANGUAGE_SHELL)
            continue;
          process = sl_test_spawn ((const char * const *) argv);
          if (protocol == SL_PROTOCOL_TCP)
            reply = talk_tcp (port, request, g_bytes_get_size (expected));
          else
            reply = talk_udp (port, request);
          sl_test_process_stop (process);
          g_assert_true (g_bytes_equal (reply, expected));
        }
}

/* The configuration read from a real server. */
static void
test_server_from_config (void)
{
  g_autoptr(SlServer) server = sl_server_new (NULL, NULL);
  g_autoptr(GBytes) fixed = g_bytes_new_static ("OK\r\n", 4);
  g_autofree char *code = NULL;
  SlCodeServer config;

  sl_server_set_reply_mode (server, SL_REPLY_MODE_FIXED);
  sl_server_set_fixed_reply (server, fixed);
  g_assert_true (sl_server_start (server, NULL));
  sl_code_server_init_from_server (&config, server);
  g_assert_cmpuint (config.port, ==, sl_server_get_bound_port (server));
  code = sl_code_gen_server (&config, SL_CODE_LANGUAGE_PYTHON);
  g_assert_nonnull (strstr (code, "REPLY = b'OK\\r\\n'"));
  g_assert_nonnull (strstr (code, "HOST = '127.0.0.1'"));
  sl_server_stop (server);
}

/* ---- ping ---------------------------------------------------------------------------- */

static void
test_ping (void)
{
  g_autoptr(SlServer) server = echo_server_new (SL_PROTOCOL_TCP);
  SlCodePing ping = { .host = "127.0.0.1", .method = SL_PING_METHOD_TCP, .family = AF_INET, .count = 2,
                      .interval = 0.2, .timeout = 2, .payload_size = 56,
                      .tcp_port = sl_server_get_bound_port (server) };

  for (SlCodeLanguage language = SL_CODE_LANGUAGE_PYTHON; language <= SL_CODE_LANGUAGE_SHELL; language++)
    {
      g_autofree char *code = sl_code_gen_ping (&ping, language);
      g_auto(GStrv) argv = prepare (language, code, "ping");
      g_autoptr(SlTestRun) run = NULL;
      g_autofree char *out = NULL;

      g_test_message ("%s:\n%s", sl_code_language_get_label (language), code);
      g_assert_nonnull (strstr (code, "ping -c 2 -i 0.2 -s 56 -W 2 -4 127.0.0.1"));
      if (language == SL_CODE_LANGUAGE_SHELL)
        continue;   /* ping(8) itself may not be allowed here */
      run = run_checked ((const char * const *) argv);
      out = output_of (run);
      g_assert_nonnull (strstr (out, "2 probes, 2 answered, 0% lost"));
      g_assert_nonnull (strstr (out, "min/avg/max = "));
    }
}

/* A host that needs escaping in every language. */
static void
test_odd_host (void)
{
  SlCodeClient client = { .protocol = SL_PROTOCOL_TCP, .host = "it's \"odd\" \\ h\xc3\xb6st", .port = 80 };
  g_autofree char *python = sl_code_gen_client (&client, SL_CODE_LANGUAGE_PYTHON);
  g_autofree char *c = sl_code_gen_client (&client, SL_CODE_LANGUAGE_C);
  g_autofree char *shell = sl_code_gen_client (&client, SL_CODE_LANGUAGE_SHELL);
  g_auto(GStrv) python_argv = prepare (SL_CODE_LANGUAGE_PYTHON, python, "odd");
  g_auto(GStrv) c_argv = prepare (SL_CODE_LANGUAGE_C, c, "odd");
  g_auto(GStrv) shell_argv = prepare (SL_CODE_LANGUAGE_SHELL, shell, "odd");

  g_assert_nonnull (strstr (python, "HOST = 'it\\'s \"odd\" \\\\ h\\xf6st'"));
  g_assert_nonnull (strstr (c, "#define HOST \"it's \\\"odd\\\" \\\\ h\\303\\266st\""));
  g_assert_nonnull (strstr (shell, "'it'\\''s \"odd\" \\ h\xc3\xb6st' 80"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = sl_test_make_temp_dir ();
  g_test_add_func ("/code-gen/literals", test_literals);
  g_test_add_func ("/code-gen/tcp-client", test_tcp_client);
  g_test_add_func ("/code-gen/tcp-client-ipv6", test_tcp_client_ipv6);
  g_test_add_func ("/code-gen/udp-client", test_udp_client);
  g_test_add_func ("/code-gen/port-check", test_port_check);
  g_test_add_func ("/code-gen/servers", test_servers);
  g_test_add_func ("/code-gen/server-from-config", test_server_from_config);
  g_test_add_func ("/code-gen/ping", test_ping);
  g_test_add_func ("/code-gen/odd-host", test_odd_host);
  status = g_test_run ();
  sl_test_remove_tree (dir);
  g_free (dir);
  return status;
}
