/* test-route.c: SlRoute over loopback (a route to 127.0.0.1 is one hop: the destination)
 * with each method and family, the calls it makes, errors (unknown host, no route), stop
 * and cancel leaving no descriptor behind, names arriving later; and the pure parts: hop
 * statistics, the TTL distance guess and the equivalent commands. What it shares with
 * SlPinger (busy, bad hosts, clamped options) is in test-probe-runner.c.
 *
 * As root, main () first moves into a network namespace of its own (only loopback), where
 * net.ipv4.ping_group_range can be set and nothing can leave the machine. Run by
 * tests/isolated.sh, name lookups are answered by the test's own DNS responder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sl-address.h"
#include "sl-resolver.h"
#include "sl-route-hop-private.h"
#include "sl-route-util.h"
#include "sl-route.h"
#include "sl-test-dns.h"
#include "sl-test-netns.h"
#include "sl-test-util.h"

/* Running a route */

static SlRoute *
route_new (const char    *host,
           SlRouteMethod  method,
           guint          count)
{
  SlRoute *route = sl_route_new (host);

  sl_route_set_method (route, method);
  sl_route_set_count (route, count);
  /* mtr's rule: below 1 s between rounds only for root. */
  sl_route_set_interval (route, geteuid () == 0 ? 0.05 : 1.0);
  sl_route_set_timeout (route, 1.0);
  sl_route_set_resolve_names (route, FALSE);
  return route;
}


static SlRouteHop *
hop_at (SlRoute *route,
        guint    position)
{
  return sl_test_item_at (sl_route_get_hops (route), position);
}

/* Loopback is one hop: the target itself answers the TTL 1 probe. */
static void
assert_one_hop (SlRoute    *route,
                const char *address,
                guint       count)
{
  SlRouteHop *hop;
  guint n_recent;
  const gint64 *recent;

  g_assert_cmpuint (g_list_model_get_n_items (sl_route_get_hops (route)), ==, 1);
  hop = hop_at (route, 0);
  g_assert_cmpuint (sl_route_hop_get_ttl (hop), ==, 1);
  g_assert_cmpstr (sl_route_hop_get_address (hop), ==, address);
  g_assert_true (sl_route_hop_get_is_destination (hop));
  g_assert_null (sl_route_hop_get_error (hop));
  g_assert_cmpuint (sl_route_hop_get_sent (hop), ==, count);
  g_assert_cmpuint (sl_route_hop_get_received (hop), ==, count);
  g_assert_cmpfloat (sl_route_hop_get_loss (hop), ==, 0.0);
  g_assert_cmpint (sl_route_hop_get_best_us (hop), >=, 0);
  g_assert_cmpint (sl_route_hop_get_best_us (hop), <=, sl_route_hop_get_average_us (hop));
  g_assert_cmpint (sl_route_hop_get_average_us (hop), <=, sl_route_hop_get_worst_us (hop));
  g_assert_cmpint (sl_route_hop_get_worst_us (hop), <, 100000);
  recent = sl_route_hop_get_recent (hop, &n_recent);
  g_assert_cmpuint (n_recent, ==, count);
  g_assert_cmpint (recent[n_recent - 1], ==, sl_route_hop_get_last_us (hop));
  g_assert_true (sl_route_get_destination_reached (route));
  g_assert_cmpstr (sl_route_get_address (route), ==, address);
  g_assert_cmpuint (sl_route_get_round (route), ==, count);
}

/* Trace rows of a setsockopt () of that option and value. */
static guint
count_setsockopt (SlTrace *trace,
                  int      level,
                  int      option,
                  int      value)
{
  GListModel *model = G_LIST_MODEL (trace);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      SlTraceEvent *event = sl_test_item_at (model, i);

      if (sl_trace_event_get_call (event) == SL_TRACE_CALL_SETSOCKOPT &&
          sl_trace_event_get_level (event) == level && sl_trace_event_get_option (event) == option &&
          sl_trace_event_get_value (event) == value && sl_trace_event_get_result (event) == 0)
        n++;
    }
  return n;
}

/* The first error-queue read whose detail contains @needle, formatted; NULL when none. */
static char *
find_errqueue_read (SlTrace    *trace,
                    const char *needle)
{
  GListModel *model = G_LIST_MODEL (trace);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      SlTraceEvent *event = sl_test_item_at (model, i);
      const char *detail = sl_trace_event_get_detail (event);

      if (sl_trace_event_get_call (event) == SL_TRACE_CALL_RECVMSG &&
          (sl_trace_event_get_flags (event) & MSG_ERRQUEUE) && detail != NULL &&
          strstr (detail, needle) != NULL)
        return sl_trace_event_format (event);
    }
  return NULL;
}

/* Pure parts */

static void
test_hop_statistics (void)
{
  g_autoptr(SlRouteHop) hop = sl_route_hop_new (3);
  const gint64 *recent;
  guint n_recent;

  g_assert_cmpint (sl_route_hop_get_average_us (hop), ==, -1);
  g_assert_cmpint (sl_route_hop_get_stdev_us (hop), ==, -1);
  g_assert_null (sl_route_hop_get_address (hop));

  for (guint i = 0; i < 4; i++)
    sl_route_hop_add_sent (hop);
  sl_route_hop_add_reply (hop, "198.18.0.2", 100, 1500);
  g_assert_cmpint (sl_route_hop_get_stdev_us (hop), ==, -1);
  sl_route_hop_add_reply (hop, "198.18.0.2", 200, 1500);
  sl_route_hop_add_reply (hop, "198.18.0.2", 300, 1500);
  g_assert_cmpfloat (sl_route_hop_get_loss (hop), ==, 0.0);
  sl_route_hop_add_lost (hop);

  g_assert_cmpuint (sl_route_hop_get_ttl (hop), ==, 3);
  g_assert_cmpstr (sl_route_hop_get_address (hop), ==, "198.18.0.2");
  g_assert_cmpuint (sl_route_hop_get_sent (hop), ==, 4);
  g_assert_cmpuint (sl_route_hop_get_received (hop), ==, 3);
  g_assert_cmpfloat (sl_route_hop_get_loss (hop), ==, 25.0);
  g_assert_cmpint (sl_route_hop_get_last_us (hop), ==, 300);
  g_assert_cmpint (sl_route_hop_get_average_us (hop), ==, 200);
  g_assert_cmpint (sl_route_hop_get_best_us (hop), ==, 100);
  g_assert_cmpint (sl_route_hop_get_worst_us (hop), ==, 300);
  /* mtr's StDev: the sample standard deviation (n − 1): sqrt ((100² + 0 + 100²) / 2). */
  g_assert_cmpint (sl_route_hop_get_stdev_us (hop), ==, 100);
  g_assert_cmpuint (sl_route_hop_get_mtu (hop), ==, 1500);
  recent = sl_route_hop_get_recent (hop, &n_recent);
  g_assert_cmpuint (n_recent, ==, 4);
  g_assert_cmpint (recent[0], ==, 100);
  g_assert_cmpint (recent[3], ==, -1);

  /* The sparkline keeps only the newest; a new address forgets the old name. */
  sl_route_hop_set_hostname (hop, "r1.example");
  for (guint i = 0; i < 2 * SL_ROUTE_HOP_MAX_RECENT; i++)
    {
      sl_route_hop_add_sent (hop);
      sl_route_hop_add_reply (hop, "198.18.9.9", 1000 + i, 1400);
    }
  recent = sl_route_hop_get_recent (hop, &n_recent);
  g_assert_cmpuint (n_recent, ==, SL_ROUTE_HOP_MAX_RECENT);
  g_assert_cmpint (recent[n_recent - 1], ==, 1000 + 2 * SL_ROUTE_HOP_MAX_RECENT - 1);
  g_assert_cmpstr (sl_route_hop_get_address (hop), ==, "198.18.9.9");
  g_assert_null (sl_route_hop_get_hostname (hop));
  g_assert_cmpuint (sl_route_hop_get_mtu (hop), ==, 1500);
  /* A probe that never had its chance is taken back. */
  sl_route_hop_add_sent (hop);
  sl_route_hop_retract_sent (hop);
  g_assert_cmpuint (sl_route_hop_get_sent (hop), ==, 4 + 2 * SL_ROUTE_HOP_MAX_RECENT);
}

static void
test_ttl_guess (void)
{
  static const struct { int ttl; guint initial; int hops; } cases[] = {
    { 56, 64, 8 }, { 64, 64, 0 }, { 1, 64, 63 }, { 63, 64, 1 }, { 65, 128, 63 },
    { 117, 128, 11 }, { 128, 128, 0 }, { 129, 255, 126 }, { 243, 255, 12 }, { 255, 255, 0 },
    { 0, 0, -1 }, { -1, 0, -1 }, { 256, 0, -1 },
  };
  g_autofree char *eight = sl_ttl_describe_distance (56);
  g_autofree char *one = sl_ttl_describe_distance (63);
  g_autofree char *none = sl_ttl_describe_distance (64);
  g_autofree char *windows = sl_ttl_describe_distance (117);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpuint (sl_ttl_guess_initial (cases[i].ttl), ==, cases[i].initial);
      g_assert_cmpint (sl_ttl_guess_hops (cases[i].ttl), ==, cases[i].hops);
    }
  g_assert_cmpstr (eight, ==, "Replies arrive with TTL 56: the target probably started at 64, so it is about 8 hops away.");
  g_assert_cmpstr (one, ==, "Replies arrive with TTL 63: the target probably started at 64, so it is about 1 hop away.");
  g_assert_cmpstr (none, ==, "Replies arrive with TTL 64: the target probably started at 64, so no router is "
                             "in between (it is on your network, or this computer).");
  g_assert_cmpstr (windows, ==, "Replies arrive with TTL 117: the target probably started at 128, so it is about 11 hops away.");
  g_assert_null (sl_ttl_describe_distance (0));
  g_assert_null (sl_ttl_describe_distance (300));
}

static void
assert_commands (char       **commands,
                 const char  *first,
                 const char  *second)
{
  g_assert_cmpuint (g_strv_length (commands), ==, 2);
  g_assert_cmpstr (commands[0], ==, first);
  g_assert_cmpstr (commands[1], ==, second);
  g_strfreev (commands);
}

static void
test_commands (void)
{
  const GSocketFamily any = G_SOCKET_FAMILY_INVALID;

  assert_commands (sl_route_format_commands (SL_ROUTE_METHOD_UDP, any, "example.org", 443, 10, 30, TRUE),
                   "tracepath example.org", "mtr -u -r -c 10 example.org");
  assert_commands (sl_route_format_commands (SL_ROUTE_METHOD_ICMP, any, "example.org", 443, 5, 30, TRUE),
                   "mtr -r -c 5 example.org", "traceroute -I example.org");
  assert_commands (sl_route_format_commands (SL_ROUTE_METHOD_TCP, any, "example.org", 8080, 3, 30, TRUE),
                   "traceroute -T -p 8080 example.org", "mtr -T -P 8080 -r -c 3 example.org");
  /* Family, numeric output, another max TTL, until stopped (mtr's live view). */
  assert_commands (sl_route_format_commands (SL_ROUTE_METHOD_UDP, G_SOCKET_FAMILY_IPV6, "2001:db8::1", 443,
                                             0, 8, FALSE),
                   "tracepath -6 -n -m 8 2001:db8::1", "mtr -6 -n -u -m 8 2001:db8::1");
  assert_commands (sl_route_format_commands (SL_ROUTE_METHOD_TCP, G_SOCKET_FAMILY_IPV4, "198.18.3.2", 443,
                                             4, 30, FALSE),
                   "traceroute -4 -n -T -p 443 198.18.3.2", "mtr -4 -n -T -P 443 -r -c 4 198.18.3.2");
  /* What the student typed is quoted when the shell would read it otherwise. */
  assert_commands (sl_route_format_commands (SL_ROUTE_METHOD_UDP, any, "a b;rm", 443, 1, 30, TRUE),
                   "tracepath 'a b;rm'", "mtr -u -r -c 1 'a b;rm'");
  assert_commands (sl_route_format_commands (SL_ROUTE_METHOD_UDP, any, "-x", 443, 1, 30, TRUE),
                   "tracepath '-x'", "mtr -u -r -c 1 '-x'");
}

static void
test_equivalent_commands (void)
{
  g_autoptr(SlRoute) route = sl_route_new ("198.18.3.2");
  g_auto(GStrv) commands = NULL;

  sl_route_set_count (route, 5);
  sl_route_set_resolve_names (route, FALSE);
  commands = sl_route_get_equivalent_commands (route);
  g_assert_cmpstr (commands[0], ==, "tracepath -n 198.18.3.2");
  g_assert_cmpstr (commands[1], ==, "mtr -n -u -r -c 5 198.18.3.2");
}

/* Loopback routes */

static void
check_udp (const char *address)
{
  g_autoptr(SlRoute) route = route_new (address, SL_ROUTE_METHOD_UDP, 3);
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(GError) error = NULL;
  g_autofree char *errqueue = NULL;
  gboolean v6 = strchr (address, ':') != NULL;
  guint fds = sl_test_count_fds ();

  sl_route_set_trace (route, trace);
  g_assert_true (sl_test_run_probe_runner (SL_PROBE_RUNNER (route), NULL, &error));
  g_assert_no_error (error);
  assert_one_hop (route, address, 3);
  g_assert_cmpint (sl_route_get_method_used (route), ==, SL_ROUTE_METHOD_UDP);
  g_assert_nonnull (strstr (sl_route_get_method_explanation (route), v6 ? "IPV6_RECVERR" : "IP_RECVERR"));
  g_assert_nonnull (strstr (sl_route_get_method_explanation (route), "tracepath"));
  /* Loopback's MTU is 65536, but no IP packet is larger than 65535 bytes. */
  g_assert_cmpuint (sl_route_get_path_mtu (route), ==, 65535);
  g_assert_cmpuint (sl_route_hop_get_mtu (hop_at (route, 0)), ==, 65535);

  /* Each probe's calls are in the trace: the TTL, and the answer from the error queue. */
  g_assert_cmpuint (count_setsockopt (trace, v6 ? IPPROTO_IPV6 : IPPROTO_IP,
                                      v6 ? IPV6_UNICAST_HOPS : IP_TTL, 1), >=, 1);
  g_assert_cmpuint (count_setsockopt (trace, v6 ? IPPROTO_IPV6 : IPPROTO_IP,
                                      v6 ? IPV6_RECVERR : IP_RECVERR, 1), ==, 1);
  /* ping(8)'s words: "Destination Port Unreachable" (IPv4), "Port unreachable" (IPv6). */
  errqueue = find_errqueue_read (trace, v6 ? "Port unreachable" : "Port Unreachable");
  g_assert_nonnull (errqueue);
  g_test_message ("%s", errqueue);
  g_assert_nonnull (strstr (errqueue, "MSG_ERRQUEUE"));
  g_assert_nonnull (strstr (errqueue, address));
  g_assert_cmpuint (sl_test_count_calls (trace, "sendto", -1), >=, 3);
  g_assert_cmpuint (sl_test_count_fds (), ==, fds);
  g_assert_finalize_object (g_steal_pointer (&route));
}

static void
test_udp_ipv4 (void)
{
  check_udp ("127.0.0.1");
}

static void
test_udp_ipv6 (void)
{
  if (sl_test_require_ipv6 ())
    check_udp ("::1");
}

static void
check_icmp (const char *address)
{
  g_autoptr(SlRoute) route = NULL;
  g_autoptr(GError) error = NULL;

  if (!sl_test_allow_datagram_icmp (TRUE))
    return;
  route = route_new (address, SL_ROUTE_METHOD_ICMP, 2);
  g_assert_true (sl_test_run_probe_runner (SL_PROBE_RUNNER (route), NULL, &error));
  g_assert_no_error (error);
  assert_one_hop (route, address, 2);
  g_assert_cmpint (sl_route_get_method_used (route), ==, SL_ROUTE_METHOD_ICMP);
  g_assert_nonnull (strstr (sl_route_get_method_explanation (route), "ping_group_range"));
}

static void
test_icmp_ipv4 (void)
{
  check_icmp ("127.0.0.1");
}

static void
test_icmp_ipv6 (void)
{
  if (sl_test_require_ipv6 ())
    check_icmp ("::1");
}

/* Without ping_group_range, ICMP falls back to UDP and says why. */
static void
test_icmp_fallback (void)
{
  g_autoptr(SlRoute) route = NULL;
  g_autoptr(GError) error = NULL;
  const char *why;

  if (!sl_test_require_own_netns () || !sl_test_allow_datagram_icmp (FALSE))
    return;
  route = route_new ("127.0.0.1", SL_ROUTE_METHOD_ICMP, 1);
  g_assert_true (sl_test_run_probe_runner (SL_PROBE_RUNNER (route), NULL, &error));
  sl_test_allow_datagram_icmp (TRUE);
  g_assert_cmpint (sl_route_get_method_used (route), ==, SL_ROUTE_METHOD_UDP);
  why = sl_route_get_method_explanation (route);
  g_test_message ("%s", why);
  g_assert_true (g_str_has_prefix (why, "UDP datagrams with a growing TTL, like tracepath"));
  g_assert_nonnull (strstr (why, "It replaces the method you chose: Unprivileged ICMP is off: your group"));
  g_assert_nonnull (strstr (why, "net.ipv4.ping_group_range (1 0)"));
  assert_one_hop (route, "127.0.0.1", 1);
}

static void
check_tcp (GSocketFamily family,
           gboolean      open)
{
  const char *address = sl_test_loopback (family);
  g_autoptr(SlTestEchoServer) server = NULL;
  g_autoptr(SlRoute) route = route_new (address, SL_ROUTE_METHOD_TCP, 2);
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(GError) error = NULL;
  guint fds;

  if (open)
    {
      server = sl_test_echo_server_new (G_SOCKET_TYPE_STREAM, family);
      sl_route_set_port (route, sl_test_echo_server_get_port (server));
    }
  else
    sl_route_set_port (route, sl_test_free_port (family, G_SOCKET_TYPE_STREAM));
  fds = sl_test_count_fds ();
  sl_route_set_trace (route, trace);
  g_assert_true (sl_test_run_probe_runner (SL_PROBE_RUNNER (route), NULL, &error));
  g_assert_no_error (error);
  assert_one_hop (route, address, 2);
  g_assert_cmpint (sl_route_get_method_used (route), ==, SL_ROUTE_METHOD_TCP);
  g_assert_nonnull (strstr (sl_route_get_method_explanation (route), "traceroute -T"));
  g_assert_cmpuint (sl_route_get_path_mtu (route), ==, 0);
  g_assert_cmpuint (count_setsockopt (trace, family == G_SOCKET_FAMILY_IPV6 ? IPPROTO_IPV6 : IPPROTO_IP,
                                      family == G_SOCKET_FAMILY_IPV6 ? IPV6_UNICAST_HOPS : IP_TTL, 1), >=, 2);
  /* A non-blocking connect (), then its outcome read with getsockopt (SO_ERROR). */
  g_assert_cmpuint (sl_test_count_calls (trace, "connect", EINPROGRESS), >=, 2);
  if (!open)
    g_assert_cmpuint (sl_test_count_calls (trace, "getsockopt", ECONNREFUSED), >=, 2);
  if (server != NULL)
    SL_TEST_SPIN_UNTIL (sl_test_echo_server_get_n_open (server) == 0, SL_TEST_TIMEOUT_MS);
  g_assert_cmpuint (sl_test_count_fds (), ==, fds);
}

static void
test_tcp_open (void)
{
  check_tcp (G_SOCKET_FAMILY_IPV4, TRUE);
}

static void
test_tcp_refused (void)
{
  check_tcp (G_SOCKET_FAMILY_IPV4, FALSE);
}

static void
test_tcp_ipv6 (void)
{
  if (sl_test_require_ipv6 ())
    check_tcp (G_SOCKET_FAMILY_IPV6, FALSE);
}

/* Live updates: the hop appears with items-changed, its counters with notify. */
static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *counter)
{
  *counter += added;
}

static void
test_live_updates (void)
{
  g_autoptr(SlRoute) route = route_new ("127.0.0.1", SL_ROUTE_METHOD_UDP, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  guint added = 0, received = 0, rounds = 0;
  SlRouteHop *hop;

  g_signal_connect (sl_route_get_hops (route), "items-changed", G_CALLBACK (items_changed_cb), &added);
  g_signal_connect (route, "notify::round", G_CALLBACK (sl_test_count_notify_cb), &rounds);
  sl_route_run_async (route, NULL, sl_test_store_result, &result);
  g_assert_true (sl_route_get_running (route));
  SL_TEST_SPIN_UNTIL (added == 1, SL_TEST_TIMEOUT_MS);
  hop = hop_at (route, 0);
  g_signal_connect (hop, "notify::received", G_CALLBACK (sl_test_count_notify_cb), &received);
  /* Continuous, like mtr: rounds go on until stopped. */
  SL_TEST_SPIN_UNTIL (received >= 3, SL_TEST_TIMEOUT_MS);
  sl_route_stop (route);
  result = sl_test_wait_result (&result);
  g_assert_true (sl_route_run_finish (route, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (rounds, >=, 4);
  /* A probe interrupted by stop was neither answered nor lost. */
  g_assert_cmpuint (sl_route_hop_get_sent (hop), ==, sl_route_hop_get_received (hop));
  g_assert_cmpfloat (sl_route_hop_get_loss (hop), ==, 0.0);
}

/* The trace's getnameinfo () row for @address, NULL when there is none. */
static SlTraceEvent *
find_getnameinfo (SlTrace    *trace,
                  const char *address)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (trace)); i++)
    {
      SlTraceEvent *event = sl_test_event_at (trace, i);

      if (sl_trace_event_get_call (event) == SL_TRACE_CALL_GETNAMEINFO &&
          g_strcmp0 (sl_trace_event_get_address_host (event), address) == 0)
        return event;
    }
  return NULL;
}

/* Names: the reverse lookup is asynchronous and its answer comes with notify::hostname; the
 * trace shows it as getnameinfo (), after the probes. */
static void
test_reverse_name (void)
{
  g_autoptr(SlRoute) route = route_new ("127.0.0.1", SL_ROUTE_METHOD_UDP, 1);
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autofree char *expected = NULL;
  SlTraceEvent *event;
  SlRouteHop *hop;

  /* Only where no query can leave: our own namespace, where /etc/hosts names 127.0.0.1. */
  if (!sl_test_require_own_netns ())
    return;
  expected = g_resolver_lookup_by_address (resolver, loopback, NULL, NULL);
  if (expected == NULL)
    {
      g_test_skip ("127.0.0.1 has no name here (/etc/hosts)");
      return;
    }
  sl_route_set_resolve_names (route, TRUE);
  sl_route_set_trace (route, trace);
  g_assert_true (sl_test_run_probe_runner (SL_PROBE_RUNNER (route), NULL, &error));
  hop = hop_at (route, 0);
  SL_TEST_SPIN_UNTIL (sl_route_hop_get_hostname (hop) != NULL, SL_TEST_TIMEOUT_MS);
  g_assert_cmpstr (sl_route_hop_get_hostname (hop), ==, expected);
  g_assert_cmpstr (sl_route_hop_get_address (hop), ==, "127.0.0.1");
  event = find_getnameinfo (trace, "127.0.0.1");
  g_assert_nonnull (event);
  g_assert_cmpint (sl_trace_event_get_result (event), ==, 0);
  g_assert_cmpstr (sl_trace_event_get_host (event), ==, expected);
}

/* Errors */

/* The same error as the Connect page's: SlResolver's, from our own DNS responder. */
static void
test_unknown_host (void)
{
  g_autofree char *reason = NULL;
  g_autoptr(SlTestDns) dns = sl_test_dns_new (&reason);
  g_autoptr(SlRoute) route = NULL;
  g_autoptr(GError) error = NULL;
  guint fds = sl_test_count_fds ();

  if (dns == NULL)
    {
      g_test_skip (reason);
      return;
    }
  route = route_new ("nosuch.invalid", SL_ROUTE_METHOD_UDP, 1);
  g_assert_false (sl_test_run_probe_runner (SL_PROBE_RUNNER (route), NULL, &error));
  g_assert_error (error, SL_RESOLVER_ERROR, SL_RESOLVER_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "No such host “nosuch.invalid”"));
  g_assert_cmpuint (g_list_model_get_n_items (sl_route_get_hops (route)), ==, 0);
  g_assert_null (sl_route_get_address (route));
  g_clear_pointer (&dns, sl_test_dns_free);
  g_assert_cmpuint (sl_test_count_fds (), <=, fds);
}

static void
test_no_route (void)
{
  g_autoptr(SlRoute) route = NULL;
  g_autoptr(GError) error = NULL;
  guint fds = sl_test_count_fds ();

  /* Only loopback exists in our namespace: there is no route, and nothing can leave. */
  if (!sl_test_require_own_netns ())
    return;
  route = route_new ("198.18.5.5", SL_ROUTE_METHOD_UDP, 1);
  g_assert_false (sl_test_run_probe_runner (SL_PROBE_RUNNER (route), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE);
  g_assert_true (g_str_has_prefix (error->message, "Cannot trace the route to 198.18.5.5: "));
  g_assert_nonnull (strstr (error->message, "ENETUNREACH"));
  g_assert_cmpuint (g_list_model_get_n_items (sl_route_get_hops (route)), ==, 0);
  g_assert_cmpuint (sl_test_count_fds (), ==, fds);
}

/* Stop and cancel leave no descriptor */

static void
check_stop (SlRouteMethod method,
            gboolean      cancel)
{
  g_autoptr(SlRoute) route = route_new ("127.0.0.1", method, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint fds = sl_test_count_fds ();

  if (method == SL_ROUTE_METHOD_TCP)
    sl_route_set_port (route, sl_test_free_port (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM));
  sl_route_run_async (route, cancellable, sl_test_store_result, &result);
  SL_TEST_SPIN_UNTIL (sl_route_get_round (route) >= 2, SL_TEST_TIMEOUT_MS);
  if (cancel)
    g_cancellable_cancel (cancellable);
  else
    sl_route_stop (route);
  result = sl_test_wait_result (&result);
  if (cancel)
    {
      g_assert_false (sl_route_run_finish (route, result, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
  else
    g_assert_true (sl_route_run_finish (route, result, NULL));
  g_assert_false (sl_route_get_running (route));
  g_clear_object (&result);
  g_assert_cmpuint (sl_test_count_fds (), ==, fds);
  g_assert_finalize_object (g_steal_pointer (&route));
}

static void
test_stop_udp (void)
{
  check_stop (SL_ROUTE_METHOD_UDP, FALSE);
}

static void
test_cancel_udp (void)
{
  check_stop (SL_ROUTE_METHOD_UDP, TRUE);
}

static void
test_cancel_tcp (void)
{
  check_stop (SL_ROUTE_METHOD_TCP, TRUE);
}

/* GLib opens its wakeup fds on first use: let that happen before tests count fds. */
static void
warm_up (void)
{
  g_autoptr(SlRoute) route = route_new ("127.0.0.1", SL_ROUTE_METHOD_UDP, 1);

  sl_test_run_probe_runner (SL_PROBE_RUNNER (route), NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  sl_test_init_in_private_netns (&argc, &argv);
  warm_up ();

  g_test_add_func ("/route/hop-statistics", test_hop_statistics);
  g_test_add_func ("/route/ttl-guess", test_ttl_guess);
  g_test_add_func ("/route/commands", test_commands);
  g_test_add_func ("/route/equivalent-commands", test_equivalent_commands);
  g_test_add_func ("/route/udp/ipv4", test_udp_ipv4);
  g_test_add_func ("/route/udp/ipv6", test_udp_ipv6);
  g_test_add_func ("/route/icmp/ipv4", test_icmp_ipv4);
  g_test_add_func ("/route/icmp/ipv6", test_icmp_ipv6);
  g_test_add_func ("/route/icmp/fallback", test_icmp_fallback);
  g_test_add_func ("/route/tcp/open", test_tcp_open);
  g_test_add_func ("/route/tcp/refused", test_tcp_refused);
  g_test_add_func ("/route/tcp/ipv6", test_tcp_ipv6);
  g_test_add_func ("/route/live-updates", test_live_updates);
  g_test_add_func ("/route/reverse-name", test_reverse_name);
  g_test_add_func ("/route/unknown-host", test_unknown_host);
  g_test_add_func ("/route/no-route", test_no_route);
  g_test_add_func ("/route/stop/udp", test_stop_udp);
  g_test_add_func ("/route/cancel/udp", test_cancel_udp);
  g_test_add_func ("/route/cancel/tcp", test_cancel_tcp);

  return g_test_run ();
}
