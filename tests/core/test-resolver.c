/* test-resolver.c: SlResolver: literals without DNS, localhost, cancellation, the name of
 * 127.0.0.1 with its getnameinfo row; and, inside tests/isolated.sh with a DNS responder of
 * our own, NXDOMAIN explained, every address of a name returned in GResolver's order, the
 * lookup timeout, and an address without a name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <netdb.h>
#include <string.h>

#include "sl-resolver.h"
#include "sl-test-dns.h"
#include "sl-test-util.h"

static SlTraceEvent *
last_event (SlTrace *trace)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (trace));

  g_assert_cmpuint (n, >, 0);
  return sl_test_event_at (trace, n - 1);
}

static SlResolveResult *
lookup (SlResolver  *resolver,
        const char  *host,
        guint        timeout_ms,
        GError     **error)
{
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) done = NULL;

  sl_resolver_lookup_async (resolver, host, G_SOCKET_FAMILY_INVALID, timeout_ms, NULL, sl_test_store_result, &result);
  done = sl_test_wait_result (&result);
  return sl_resolver_lookup_finish (resolver, done, error);
}

static char *
lookup_address (SlResolver  *resolver,
                const char  *address,
                guint        timeout_ms,
                GError     **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) done = NULL;

  sl_resolver_lookup_address_async (resolver, inet, timeout_ms, NULL, sl_test_store_result, &result);
  done = sl_test_wait_result (&result);
  return sl_resolver_lookup_address_finish (resolver, done, error);
}

/* What GResolver itself returns, to check that nothing is dropped or reordered. */
static GList *
lookup_directly (const char *host)
{
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  GList *addresses;

  g_resolver_lookup_by_name_async (resolver, host, NULL, sl_test_store_result, &result);
  done = sl_test_wait_result (&result);
  addresses = g_resolver_lookup_by_name_finish (resolver, done, &error);
  g_assert_no_error (error);
  return addresses;
}

static void
assert_same_addresses (SlResolveResult *result,
                       GList           *expected)
{
  guint i = 0;

  g_assert_cmpuint (sl_resolve_result_get_n_addresses (result), ==, g_list_length (expected));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (result)), ==, g_list_length (expected));
  for (GList *l = expected; l != NULL; l = l->next, i++)
    {
      g_autoptr(GInetAddress) item = g_list_model_get_item (G_LIST_MODEL (result), i);

      g_assert_true (g_inet_address_equal (sl_resolve_result_get_address (result, i), l->data));
      g_assert_true (g_inet_address_equal (item, l->data));
    }
  g_assert_null (sl_resolve_result_get_address (result, i));
}

static void
test_literals (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(SlResolver) resolver = sl_resolver_new (trace);
  const struct { const char *host; GSocketFamily family; const char *args; } cases[] = {
    { "127.0.0.1", G_SOCKET_FAMILY_IPV4, "inet_pton(AF_INET, '127.0.0.1')" },
    { "::1", G_SOCKET_FAMILY_IPV6, "inet_pton(AF_INET6, '::1')" },
    { "192.0.2.7", G_SOCKET_FAMILY_IPV4, "inet_pton(AF_INET, '192.0.2.7')" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SlResolveResult) result = lookup (resolver, cases[i].host, 0, &error);
      g_autofree char *text = NULL;
      g_autofree char *call = NULL;
      SlTraceEvent *event;

      g_assert_no_error (error);
      g_assert_true (sl_resolve_result_is_literal (result));
      g_assert_cmpstr (sl_resolve_result_get_host (result), ==, cases[i].host);
      g_assert_cmpuint (sl_resolve_result_get_n_addresses (result), ==, 1);
      g_assert_cmpint (g_inet_address_get_family (sl_resolve_result_get_address (result, 0)), ==, cases[i].family);
      text = sl_resolve_result_to_string (result);
      g_assert_cmpstr (text, ==, cases[i].host);
      g_assert_cmpint (sl_resolve_result_get_elapsed_us (result), >=, 0);
      g_assert_cmpint (sl_resolve_result_get_elapsed_us (result), <, G_USEC_PER_SEC);

      /* Parsed, not looked up: the trace says so. */
      event = last_event (trace);
      call = sl_trace_event_format_call (event);
      g_assert_cmpint (sl_trace_event_get_call (event), ==, SL_TRACE_CALL_INET_PTON);
      g_assert_cmpstr (call, ==, cases[i].args);
      g_assert_cmpint (sl_trace_event_get_result (event), ==, 1);
      g_assert_finalize_object (g_steal_pointer (&result));
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, G_N_ELEMENTS (cases));
  g_assert_finalize_object (g_steal_pointer (&resolver));
}

/* Forms inet_aton () reads, as typed and as IDNA converts Unicode: parsed by inet_aton ()
 * (GResolver would refuse them as names), never a getaddrinfo () row. */
static const struct {
  const char *host;
  const char *call;
  const char *args;
} numeric_cases[] = {
  { "127.1", "inet_aton", "inet_aton('127.1')" },
  { "0x7f.1", "inet_aton", "inet_aton('0x7f.1')" },
  { "0x7f000001", "inet_aton", "inet_aton('0x7f000001')" },
  { "0x7f.0.0.1", "inet_aton", "inet_aton('0x7f.0.0.1')" },
  { "2130706433", "inet_aton", "inet_aton('2130706433')" },
  { "0177.0.0.1", "inet_aton", "inet_aton('0177.0.0.1')" },
  { "１２７.１", "inet_aton", "inet_aton('127.1')" },
  { "１２７.０.０.１", "inet_pton", "inet_pton(AF_INET, '127.0.0.1')" },
  { "127。0。0。1", "inet_pton", "inet_pton(AF_INET, '127.0.0.1')" },
};

static void
assert_numeric_lookups (SlResolver *resolver,
                        SlTrace    *trace)
{
  for (guint i = 0; i < G_N_ELEMENTS (numeric_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SlResolveResult) result = NULL;
      g_autofree char *text = NULL;
      g_autofree char *call = NULL;
      SlTraceEvent *event;

      g_test_message ("numeric case %u: “%s”", i, numeric_cases[i].host);
      sl_trace_clear (trace);
      result = lookup (resolver, numeric_cases[i].host, 0, &error);
      g_assert_no_error (error);
      g_assert_true (sl_resolve_result_is_literal (result));
      g_assert_cmpstr (sl_resolve_result_get_host (result), ==, numeric_cases[i].host);
      text = sl_resolve_result_to_string (result);
      g_assert_cmpstr (text, ==, "127.0.0.1");

      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, 1);
      event = last_event (trace);
      g_assert_cmpstr (sl_trace_event_get_call_name (event), ==, numeric_cases[i].call);
      call = sl_trace_event_format_call (event);
      g_assert_cmpstr (call, ==, numeric_cases[i].args);
      g_assert_cmpint (sl_trace_event_get_result (event), ==, 1);
      g_assert_cmpint (sl_trace_event_get_errno (event), ==, 0);
      g_assert_finalize_object (g_steal_pointer (&result));
    }
}

static void
test_numeric_forms (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(SlResolver) resolver = sl_resolver_new (trace);

  assert_numeric_lookups (resolver, trace);
  g_assert_finalize_object (g_steal_pointer (&resolver));
}

/* GLib answers "localhost" itself (no DNS query), so this runs anywhere. */
static void
test_localhost (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(SlResolver) resolver = sl_resolver_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlResolveResult) result = NULL;
  GList *expected = lookup_directly ("localhost");
  g_autofree char *call = NULL;
  g_autofree char *list = NULL;
  SlTraceEvent *event;

  g_assert_null (sl_resolver_get_trace (resolver));
  sl_resolver_set_trace (resolver, trace);
  g_assert_true (sl_resolver_get_trace (resolver) == trace);

  result = lookup (resolver, "localhost", 0, &error);
  g_assert_no_error (error);
  g_assert_false (sl_resolve_result_is_literal (result));
  assert_same_addresses (result, expected);
  for (guint i = 0; i < sl_resolve_result_get_n_addresses (result); i++)
    g_assert_true (g_inet_address_get_is_loopback (sl_resolve_result_get_address (result, i)));

  event = last_event (trace);
  call = sl_trace_event_format_call (event);
  g_assert_cmpint (sl_trace_event_get_call (event), ==, SL_TRACE_CALL_GETADDRINFO);
  g_assert_cmpstr (call, ==, "getaddrinfo('localhost', None)");
  g_assert_cmpstr (sl_trace_event_get_host (event), ==, "localhost");
  /* getaddrinfo () returns 0 and the list, which the row shows after an arrow. */
  g_assert_cmpint (sl_trace_event_get_result (event), ==, 0);
  g_assert_cmpint (sl_trace_event_get_errno (event), ==, 0);
  list = sl_resolve_result_to_string (result);
  g_assert_cmpstr (sl_trace_event_get_detail (event), ==, list);

  g_resolver_free_addresses (expected);
  g_assert_finalize_object (g_steal_pointer (&result));
  g_assert_finalize_object (g_steal_pointer (&resolver));
}

/* The name of 127.0.0.1 (from /etc/hosts, no DNS), as GResolver gives it, and its row. */
static void
test_reverse_localhost (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(SlResolver) resolver = sl_resolver_new (trace);
  g_autoptr(GResolver) direct = g_resolver_get_default ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_from_string ("127.0.0.1");
  g_autoptr(GError) direct_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_resolver_lookup_by_address (direct, loopback, NULL, &direct_error);
  g_autofree char *name = lookup_address (resolver, "127.0.0.1", 0, &error);
  g_autofree char *call = NULL;
  g_autofree char *text = NULL;
  SlTraceEvent *event;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, 1);
  event = last_event (trace);
  call = sl_trace_event_format_call (event);
  g_assert_cmpint (sl_trace_event_get_call (event), ==, SL_TRACE_CALL_GETNAMEINFO);
  g_assert_cmpstr (call, ==, "getnameinfo(('127.0.0.1', 0), NI_NAMEREQD)");
  g_assert_cmpstr (sl_trace_event_get_address_host (event), ==, "127.0.0.1");
  if (expected == NULL)
    {
      /* No name for it on this machine: the same answer, as an EAI code. */
      g_test_message ("127.0.0.1 has no name here: %s", direct_error->message);
      g_assert_null (name);
      g_assert_nonnull (error);
      g_assert_true (sl_trace_event_is_lookup_failure (event));
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, expected);
  g_assert_cmpint (sl_trace_event_get_result (event), ==, 0);
  g_assert_false (sl_trace_event_is_failure (event));
  g_assert_cmpstr (sl_trace_event_get_host (event), ==, expected);
  text = sl_trace_event_format_result (event);
  g_assert_true (g_str_has_prefix (text, " = 0 → '"));
  g_assert_nonnull (strstr (text, expected));
  g_assert_finalize_object (g_steal_pointer (&resolver));
}

static void
test_reverse_cancelled (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(SlResolver) resolver = sl_resolver_new (trace);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_from_string ("127.0.0.1");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  GAsyncResult *result = NULL;

  g_cancellable_cancel (cancellable);
  sl_resolver_lookup_address_async (resolver, loopback, 0, cancellable, sl_test_store_result, &result);
  g_assert_null (result);
  done = sl_test_wait_result (&result);
  g_assert_null (sl_resolver_lookup_address_finish (resolver, done, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (sl_trace_event_get_call_name (last_event (trace)), ==, "getnameinfo");
  g_assert_cmpint (sl_trace_event_get_errno (last_event (trace)), ==, ECANCELED);

  g_clear_object (&done);
  g_assert_finalize_object (g_steal_pointer (&resolver));
}

static void
test_cancelled (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(SlResolver) resolver = sl_resolver_new (trace);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  GAsyncResult *result = NULL;

  g_cancellable_cancel (cancellable);
  sl_resolver_lookup_async (resolver, "localhost", G_SOCKET_FAMILY_INVALID, 0, cancellable, sl_test_store_result, &result);
  /* Never completes in the caller's stack frame. */
  g_assert_null (result);
  done = sl_test_wait_result (&result);
  g_assert_null (sl_resolver_lookup_finish (resolver, done, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (sl_trace_event_get_errno (last_event (trace)), ==, ECANCELED);

  g_clear_object (&done);
  g_assert_finalize_object (g_steal_pointer (&resolver));
}

/* The rest needs tests/isolated.sh: a DNS responder of the test's own, a trace, a resolver. */

typedef struct {
  SlTestDns  *dns;
  SlTrace    *trace;
  SlResolver *resolver;
} Isolated;

static void
isolated_set_up (Isolated      *f,
                 gconstpointer  data)
{
  g_autofree char *reason = NULL;

  f->dns = sl_test_dns_new (&reason);
  if (f->dns == NULL)
    {
      g_test_skip (reason);
      return;
    }
  f->trace = sl_trace_new (0);
  f->resolver = sl_resolver_new (f->trace);
}

static void
isolated_tear_down (Isolated      *f,
                    gconstpointer  data)
{
  /* Tests that must see the resolver gone earlier finalize it themselves. */
  if (f->resolver != NULL)
    g_assert_finalize_object (g_steal_pointer (&f->resolver));
  g_clear_object (&f->trace);
  g_clear_pointer (&f->dns, sl_test_dns_free);
}

static void
test_no_such_host (Isolated      *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  SlTraceEvent *event;

  if (f->dns == NULL)
    return;

  g_assert_null (lookup (f->resolver, "nosuch.invalid", 0, &error));
  g_assert_error (error, SL_RESOLVER_ERROR, SL_RESOLVER_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message,
                                   "No such host “nosuch.invalid”: check the spelling or your network ("));
  /* The resolver's own words follow. */
  g_assert_nonnull (strstr (error->message, "nosuch.invalid”: "));
  g_assert_cmpuint (sl_test_dns_get_n_queries (f->dns, "nosuch.invalid"), >, 0);

  event = last_event (f->trace);
  g_assert_cmpstr (sl_trace_event_get_call_name (event), ==, "getaddrinfo");
  g_assert_cmpstr (sl_trace_event_get_host (event), ==, "nosuch.invalid");
  g_assert_cmpint (sl_trace_event_get_result (event), ==, EAI_NONAME);
  /* The code has its name, like an errno: what Python's socket.gaierror shows. */
  line = sl_trace_event_format (event);
  g_assert_true (g_str_has_prefix (line, "getaddrinfo('nosuch.invalid', None) = EAI_NONAME (Name or service not known"));
  g_assert_true (sl_trace_event_is_failure (event));
}

static void
test_every_address (Isolated      *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlResolveResult) result = NULL;
  g_autofree char *text = NULL;
  GList *expected;
  gboolean seen_v4 = FALSE, seen_v6 = FALSE;

  if (f->dns == NULL)
    return;

  sl_test_dns_add (f->dns, "multi.socketlab.test", "127.0.0.1");
  sl_test_dns_add (f->dns, "multi.socketlab.test", "127.0.0.2");
  sl_test_dns_add (f->dns, "multi.socketlab.test", "::1");
  result = lookup (f->resolver, "multi.socketlab.test", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sl_test_dns_get_n_queries (f->dns, "multi.socketlab.test"), >=, 2);

  g_assert_cmpuint (sl_resolve_result_get_n_addresses (result), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      GInetAddress *address = sl_resolve_result_get_address (result, i);

      seen_v4 |= g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4;
      seen_v6 |= g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6;
    }
  g_assert_true (seen_v4 && seen_v6);
  text = sl_resolve_result_to_string (result);
  g_assert_nonnull (strstr (text, "127.0.0.1"));
  g_assert_nonnull (strstr (text, "127.0.0.2"));
  g_assert_nonnull (strstr (text, "::1"));

  expected = lookup_directly ("multi.socketlab.test");
  assert_same_addresses (result, expected);
  g_resolver_free_addresses (expected);
  /* getaddrinfo () returned 0; the row lists the three addresses it gave. */
  g_assert_cmpint (sl_trace_event_get_result (last_event (f->trace)), ==, 0);
  g_assert_cmpstr (sl_trace_event_get_detail (last_event (f->trace)), ==, text);
  g_assert_finalize_object (g_steal_pointer (&result));
}

static void
test_timeout (Isolated      *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SlTraceEvent *event;
  gint64 start, elapsed;

  if (f->dns == NULL)
    return;

  sl_test_dns_add (f->dns, "slow.socketlab.test", "127.0.0.1");
  sl_test_dns_delay (f->dns, "slow.socketlab.test", 1500);

  start = g_get_monotonic_time ();
  g_assert_null (lookup (f->resolver, "slow.socketlab.test", 300, &error));
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, SL_RESOLVER_ERROR, SL_RESOLVER_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "Looking up “slow.socketlab.test” took longer than 0.3 s: check your network");
  /* The 300 ms timeout ended it (the error says so), before the answer due at 1.5 s. */
  g_assert_cmpint (elapsed, >=, 290 * 1000);
  g_assert_cmpint (elapsed, <, 1500 * 1000);

  event = last_event (f->trace);
  g_assert_cmpstr (sl_trace_event_get_call_name (event), ==, "getaddrinfo");
  g_assert_cmpint (sl_trace_event_get_errno (event), ==, ETIMEDOUT);
  /* The abandoned lookup holds nothing of ours. */
  g_assert_finalize_object (g_steal_pointer (&f->resolver));

  /* Let GLib's lookup thread get its late answer before the responder goes away. */
  SL_TEST_SPIN_UNTIL (sl_test_dns_get_n_pending (f->dns) == 0, SL_TEST_TIMEOUT_MS);
}

static void
test_default_timeout_message (Isolated      *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (f->dns == NULL)
    return;

  /* No answer within SL_RESOLVER_DEFAULT_TIMEOUT_MS (5 s): the message promised to students. */
  sl_test_dns_add (f->dns, "slower.socketlab.test", "127.0.0.1");
  sl_test_dns_delay (f->dns, "slower.socketlab.test", SL_RESOLVER_DEFAULT_TIMEOUT_MS + 1000);
  g_assert_null (lookup (f->resolver, "slower.socketlab.test", 0, &error));
  g_assert_cmpstr (error->message, ==, "Looking up “slower.socketlab.test” took longer than 5 s: check your network");
}

/* An address the name server has no name for: GResolver's NOT_FOUND, the row EAI_NONAME. */
static void
test_reverse_no_name (Isolated      *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  SlTraceEvent *event;

  if (f->dns == NULL)
    return;

  g_assert_null (lookup_address (f->resolver, "127.0.0.9", 0, &error));
  g_assert_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
  g_assert_cmpuint (sl_test_dns_get_n_queries (f->dns, "9.0.0.127.in-addr.arpa"), ==, 1);
  event = last_event (f->trace);
  g_assert_cmpint (sl_trace_event_get_call (event), ==, SL_TRACE_CALL_GETNAMEINFO);
  g_assert_cmpint (sl_trace_event_get_result (event), ==, EAI_NONAME);
  g_assert_true (sl_trace_event_is_lookup_failure (event));
  result = sl_trace_event_format_result (event);
  g_assert_cmpstr (result, ==, " = EAI_NONAME");
}

static void
test_reverse_timeout (Isolated      *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (f->dns == NULL)
    return;

  sl_test_dns_delay (f->dns, "10.0.0.127.in-addr.arpa", 1500);
  g_assert_null (lookup_address (f->resolver, "127.0.0.10", 300, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "The name server gave no name for the address within 0.3 s");
  g_assert_cmpstr (sl_trace_event_get_call_name (last_event (f->trace)), ==, "getnameinfo");
  g_assert_cmpint (sl_trace_event_get_errno (last_event (f->trace)), ==, ETIMEDOUT);
  g_assert_finalize_object (g_steal_pointer (&f->resolver));
  SL_TEST_SPIN_UNTIL (sl_test_dns_get_n_pending (f->dns) == 0, SL_TEST_TIMEOUT_MS);
}

/* A numeric form never becomes a DNS query, even when a name server would answer it. */
static void
test_numeric_no_dns (Isolated      *f,
                     gconstpointer  data)
{
  if (f->dns == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (numeric_cases); i++)
    sl_test_dns_add (f->dns, numeric_cases[i].host, "127.0.0.9");
  assert_numeric_lookups (f->resolver, f->trace);
  for (guint i = 0; i < G_N_ELEMENTS (numeric_cases); i++)
    g_assert_cmpuint (sl_test_dns_get_n_queries (f->dns, numeric_cases[i].host), ==, 0);
  g_assert_cmpuint (sl_test_dns_get_n_queries (f->dns, "127.1"), ==, 0);
  g_assert_cmpuint (sl_test_dns_get_n_queries (f->dns, "127.0.0.1"), ==, 0);
}

static const struct {
  const char *path;
  void      (*test) (Isolated *, gconstpointer);
} isolated_tests[] = {
  { "/resolver/isolated/no-such-host", test_no_such_host },
  { "/resolver/isolated/numeric-no-dns", test_numeric_no_dns },
  { "/resolver/isolated/every-address", test_every_address },
  { "/resolver/isolated/timeout", test_timeout },
  { "/resolver/isolated/default-timeout", test_default_timeout_message },
  { "/resolver/isolated/reverse-no-name", test_reverse_no_name },
  { "/resolver/isolated/reverse-timeout", test_reverse_timeout },
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/resolver/literals", test_literals);
  g_test_add_func ("/resolver/numeric-forms", test_numeric_forms);
  g_test_add_func ("/resolver/localhost", test_localhost);
  g_test_add_func ("/resolver/cancelled", test_cancelled);
  g_test_add_func ("/resolver/reverse-localhost", test_reverse_localhost);
  g_test_add_func ("/resolver/reverse-cancelled", test_reverse_cancelled);
  for (guint i = 0; i < G_N_ELEMENTS (isolated_tests); i++)
    g_test_add (isolated_tests[i].path, Isolated, NULL, isolated_set_up, isolated_tests[i].test,
                isolated_tear_down);

  return g_test_run ();
}
