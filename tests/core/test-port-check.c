/* test-port-check.c: sl_port_check over real loopback sockets: open, refused, filtered by a
 * listener whose queue is full, IPv6, a name with several addresses, cancellation without a
 * leaked fd, and the trace of the calls really made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "sl-port-check.h"
#include "sl-test-util.h"

static SlPortCheckResult *
check (const char    *host,
       guint16        port,
       guint          timeout_ms,
       SlTrace       *trace,
       GCancellable  *cancellable,
       GError       **error)
{
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) done = NULL;

  sl_port_check_async (host, port, G_SOCKET_FAMILY_INVALID, timeout_ms, trace, cancellable,
                       sl_test_store_result, &result);
  g_assert_null (result);
  done = sl_test_wait_result (&result);
  return sl_port_check_finish (done, error);
}

/* Asserts the calls (names) of the trace from position on, and returns the first fd. */
static gint64
assert_calls (SlTrace            *trace,
              guint               position,
              const char * const *calls)
{
  guint n = g_strv_length ((char **) calls);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, position + n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (sl_trace_event_get_call_name (sl_test_event_at (trace, position + i)), ==, calls[i]);
  return sl_trace_event_get_result (sl_test_event_at (trace, position + 1));
}

static void
assert_event (SlTrace    *trace,
              guint       position,
              const char *call,
              gint64      result,
              int         errsv)
{
  SlTraceEvent *event = sl_test_event_at (trace, position);

  if (call != NULL)
    {
      g_autofree char *text = sl_trace_event_format_call (event);
      g_assert_cmpstr (text, ==, call);
    }
  g_assert_cmpint (sl_trace_event_get_result (event), ==, result);
  g_assert_cmpint (sl_trace_event_get_errno (event), ==, errsv);
}

static void
check_open (GSocketFamily family)
{
  g_autoptr(SlTestEchoServer) server = sl_test_echo_server_new (G_SOCKET_TYPE_STREAM, family);
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPortCheckResult) result = NULL;
  g_autofree char *expected_address = NULL;
  g_autofree char *description = NULL;
  g_autofree char *args = NULL;
  const char * const calls[] = { "inet_pton", "socket", "connect", "getsockopt", "close", NULL };
  const char *host = sl_test_loopback (family);
  guint16 port = sl_test_echo_server_get_port (server);
  gint64 fd;

  result = check (host, port, 0, trace, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sl_port_check_result_get_state (result), ==, SL_PORT_STATE_OPEN);
  g_assert_cmpint (sl_port_check_result_get_errno (result), ==, 0);
  g_assert_cmpstr (sl_port_check_result_get_errno_name (result), ==, "OK");
  /* Measured, and within the timeout: otherwise it would say filtered. */
  g_assert_cmpint (sl_port_check_result_get_elapsed_us (result), >, 0);
  g_assert_cmpint (sl_port_check_result_get_elapsed_us (result), <=, SL_PORT_CHECK_DEFAULT_TIMEOUT_MS * 1000);
  g_assert_cmpuint (sl_port_check_result_get_port (result), ==, port);
  expected_address = g_strdup_printf (family == G_SOCKET_FAMILY_IPV6 ? "[%s]:%u" : "%s:%u", host, port);
  g_assert_cmpstr (sl_port_check_result_get_address (result), ==, expected_address);
  description = sl_port_check_result_describe (result);
  g_assert_true (g_str_has_prefix (description, "Port "));
  g_assert_nonnull (strstr (description, " is open ("));

  /* A non-blocking connect () in progress, then its outcome from SO_ERROR, as Python does. */
  fd = assert_calls (trace, 0, calls);
  g_assert_cmpint (fd, >=, 0);
  args = g_strdup_printf ("connect(%" G_GINT64_FORMAT ", ('%s', %u))", fd, host, port);
  assert_event (trace, 2, args, -1, EINPROGRESS);
  /* Expected, not an error: the row says so. */
  g_assert_true (sl_trace_event_is_expected (sl_test_event_at (trace, 2)));
  g_clear_pointer (&args, g_free);
  args = g_strdup_printf ("getsockopt(%" G_GINT64_FORMAT ", SOL_SOCKET, SO_ERROR)", fd);
  assert_event (trace, 3, args, 0, 0);
  g_assert_false (sl_trace_event_is_failure (sl_test_event_at (trace, 3)));
  assert_event (trace, 4, NULL, 0, 0);
  g_assert_cmpint (sl_port_check_result_get_outcome (result, 0), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&result));

  /* The server saw the connection: it was real. */
  SL_TEST_SPIN_UNTIL (sl_test_echo_server_get_n_served (server) == 1, SL_TEST_TIMEOUT_MS);
}

static void
test_open (void)
{
  check_open (G_SOCKET_FAMILY_IPV4);
}

static void
test_open_ipv6 (void)
{
  if (!sl_test_ipv6_available ())
    {
      g_test_skip ("IPv6 is disabled on this machine: cannot bind [::1]");
      return;
    }
  check_open (G_SOCKET_FAMILY_IPV6);
}

static void
test_refused (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPortCheckResult) result = NULL;
  g_autofree char *description = NULL;
  const char * const calls[] = { "inet_pton", "socket", "connect", "getsockopt", "close", NULL };
  guint16 port = sl_test_free_port (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM);

  result = check ("127.0.0.1", port, 0, trace, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sl_port_check_result_get_state (result), ==, SL_PORT_STATE_REFUSED);
  g_assert_cmpint (sl_port_check_result_get_errno (result), ==, ECONNREFUSED);
  g_assert_cmpint (sl_port_check_result_get_errno (result), ==, 111);
  g_assert_cmpstr (sl_port_check_result_get_errno_name (result), ==, "ECONNREFUSED");
  description = sl_port_check_result_describe (result);
  g_assert_nonnull (strstr (description, "is closed"));
  g_assert_nonnull (strstr (description, "ECONNREFUSED (111)"));

  assert_calls (trace, 0, calls);
  assert_event (trace, 3, NULL, 0, ECONNREFUSED);
  g_assert_true (sl_trace_event_is_failure (sl_test_event_at (trace, 3)));
  g_assert_cmpint (sl_port_check_result_get_outcome (result, 0), ==, ECONNREFUSED);
  g_assert_finalize_object (g_steal_pointer (&result));
}

static void
test_filtered (void)
{
  g_autoptr(SlTestStuckListener) listener = sl_test_stuck_listener_new (G_SOCKET_FAMILY_IPV4);
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPortCheckResult) result = NULL;
  g_autofree char *description = NULL;
  const char * const calls[] = { "inet_pton", "socket", "connect", "poll", "close", NULL };
  g_autofree char *poll_line = NULL;
  gint64 elapsed;

  result = check ("127.0.0.1", sl_test_stuck_listener_get_port (listener), 300, trace, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sl_port_check_result_get_state (result), ==, SL_PORT_STATE_FILTERED);
  g_assert_cmpint (sl_port_check_result_get_errno (result), ==, ETIMEDOUT);
  g_assert_cmpint (sl_port_check_result_get_errno (result), ==, 110);
  g_assert_cmpstr (sl_port_check_result_get_errno_name (result), ==, "ETIMEDOUT");
  elapsed = sl_port_check_result_get_elapsed_us (result);
  /* The 300 ms timeout, not the 3 s default, ended it; the scheduler decides how much later. */
  g_assert_cmpint (elapsed, >=, 300 * 1000);
  g_assert_cmpint (elapsed, <, SL_PORT_CHECK_DEFAULT_TIMEOUT_MS * 1000);
  description = sl_port_check_result_describe (result);
  g_assert_nonnull (strstr (description, "did not answer"));

  assert_calls (trace, 0, calls);
  assert_event (trace, 2, NULL, -1, EINPROGRESS);
  /* The main loop's poll for POLLOUT returned 0: nothing came back in time. */
  assert_event (trace, 3, NULL, 0, 0);
  poll_line = sl_trace_event_format (sl_test_event_at (trace, 3));
  g_assert_true (g_str_has_suffix (poll_line, ", 1, 300) = 0 (timed out)"));
  assert_event (trace, 4, NULL, 0, 0);
  g_assert_cmpint (sl_port_check_result_get_outcome (result, 0), ==, ETIMEDOUT);
  g_assert_finalize_object (g_steal_pointer (&result));
}

/* "localhost" is looked up first and its first address tried, like connect_ex ((host, port)). */
static void
test_name (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPortCheckResult) result = NULL;
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autolist(GInetAddress) addresses = g_resolver_lookup_by_name (resolver, "localhost", NULL, NULL);
  GSocketFamily family = g_inet_address_get_family (addresses->data);
  g_autoptr(SlTestEchoServer) server = NULL;

  if (family == G_SOCKET_FAMILY_IPV6 && !sl_test_ipv6_available ())
    {
      g_test_skip ("localhost is ::1 first but IPv6 is disabled on this machine");
      return;
    }
  server = sl_test_echo_server_new (G_SOCKET_TYPE_STREAM, family);
  result = check ("localhost", sl_test_echo_server_get_port (server), 0, trace, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sl_port_check_result_get_state (result), ==, SL_PORT_STATE_OPEN);
  g_assert_cmpstr (sl_trace_event_get_call_name (sl_test_event_at (trace, 0)), ==, "getaddrinfo");
  g_assert_cmpstr (sl_trace_event_get_host (sl_test_event_at (trace, 0)), ==, "localhost");
  g_assert_finalize_object (g_steal_pointer (&result));
}

/* A server on 127.0.0.1 only is open for "localhost" even when ::1 comes first and refuses. */
static void
test_name_falls_back (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPortCheckResult) result = NULL;
  g_autoptr(SlTestEchoServer) server = sl_test_echo_server_new (G_SOCKET_TYPE_STREAM, G_SOCKET_FAMILY_IPV4);
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autolist(GInetAddress) addresses = g_resolver_lookup_by_name (resolver, "localhost", NULL, NULL);
  guint connects = 0;

  result = check ("localhost", sl_test_echo_server_get_port (server), 0, trace, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sl_port_check_result_get_state (result), ==, SL_PORT_STATE_OPEN);
  g_assert_true (g_str_has_prefix (sl_port_check_result_get_address (result), "127.0.0.1:"));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (trace)); i++)
    connects += g_str_equal (sl_trace_event_get_call_name (sl_test_event_at (trace, i)), "connect");
  /* One connect per address tried: every address before 127.0.0.1, then 127.0.0.1. */
  for (GList *l = addresses; l != NULL; l = l->next)
    {
      g_autofree char *text = g_inet_address_to_string (l->data);
      if (g_str_equal (text, "127.0.0.1"))
        {
          g_assert_cmpuint (connects, ==, g_list_position (addresses, l) + 1);
          return;
        }
    }
  g_assert_not_reached ();
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(SlTestStuckListener) listener = sl_test_stuck_listener_new (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(GError) error = NULL;
  guint fds = sl_test_count_fds ();
  gint64 start = g_get_monotonic_time ();

  g_timeout_add (100, cancel_soon, cancellable);
  g_assert_null (check ("127.0.0.1", sl_test_stuck_listener_get_port (listener), 5000, trace, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Cancelled, not timed out (5 s). */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpstr (sl_trace_event_get_call_name (sl_test_event_at (trace, 3)), ==, "close");
  g_assert_cmpuint (sl_test_count_fds (), ==, fds);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/port-check/open", test_open);
  g_test_add_func ("/port-check/open-ipv6", test_open_ipv6);
  g_test_add_func ("/port-check/refused", test_refused);
  g_test_add_func ("/port-check/filtered", test_filtered);
  g_test_add_func ("/port-check/name", test_name);
  g_test_add_func ("/port-check/name-falls-back", test_name_falls_back);
  g_test_add_func ("/port-check/cancel", test_cancel);

  return g_test_run ();
}
