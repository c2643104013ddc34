/* test-route-netlab.c: Socket Lab's route against tracepath(8) and mtr(8) in the route lab
 * (tests/netlab/route-lab.sh builds it: client, three routers, target; one router silent,
 * one link delayed and narrower).
 *
 * For IPv4 and IPv6 and each method (UDP, ICMP, TCP), SlRoute's hop list must equal the
 * lab's and what `tracepath -n` and `mtr -r -n -c N` (same method) report in the same
 * namespace: the silent router is `* * *` (no address) and the run goes on to the target,
 * marked as the destination. The delayed hop's average RTT minus the hop before it must be
 * within 1 % of the emulated delay (the link delays one direction, so that difference is
 * the delay itself plus nothing but scheduling noise). UDP and ICMP probes are sized like
 * tracepath's, so the narrower link's MTU must show at the hop behind it and as the path
 * MTU tracepath reports. Hop names come from the lab's /etc/hosts through reverse lookups.
 * With SL_NETLAB_TRACE_DIR set, each run's calls are written there (route-4-0.txt…).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "sl-netlab-report.h"
#include "sl-route-lab.h"
#include "sl-route.h"
#include "sl-test-util.h"

/* The link holds every packet for at least the delay (on a real-time thread, with 1 ns timer
 * slack), so no round trip through it is shorter: that bound is exact. Above it, the best of a
 * hop's round trips measures the link within 1 % (the wire itself, two TUN devices and a copy
 * in user space, adds some 0.2 ms: route-lab.sh delays by 50 ms so that this stays well
 * inside it, where 20 ms left it at the edge); the average also carries the prober's own
 * scheduling (a sanitizer build on two busy cores adds a few per cent), so it only gets a
 * sanity bound. */
#define BEST_TOLERANCE 0.01       /* of the emulated delay, best minus the hop before */
#define AVERAGE_SLACK 0.25        /* of the emulated delay, above it */
#define NAMES_TIMEOUT_MS 5000

typedef struct {
  char   *address;     /* canonical; NULL for a hop that did not answer */
  double  avg_ms;      /* NAN when unknown */
} Hop;

typedef struct {
  char          *target;
  GSocketFamily  family;
  GPtrArray     *expected;     /* char *, NULL for "*" */
  char         **names;
  guint          delayed_hop;
  double         delay_ms;
  guint          mtu_hop;
  guint          mtu;
  guint          count;        /* Socket Lab's rounds */
  guint          tool_count;   /* mtr's */
  double         interval;
  guint          tracepath_mtu;
} Lab;

static char *
canonical (const char *address)
{
  g_autoptr(GInetAddress) inet = NULL;

  if (address == NULL || g_str_equal (address, "*") || g_str_equal (address, "???"))
    return NULL;
  inet = g_inet_address_new_from_string (address);
  return inet != NULL ? g_inet_address_to_string (inet) : g_strdup (address);
}

static void
hop_free (gpointer data)
{
  Hop *hop = data;

  g_free (hop->address);
  g_free (hop);
}

static GPtrArray *
parse_list (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    g_ptr_array_add (list, canonical (parts[i]));
  return list;
}

static char *
format_hops (GPtrArray *hops)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < hops->len; i++)
    {
      Hop *hop = g_ptr_array_index (hops, i);

      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", hop->address ? hop->address : "* * *");
    }
  return g_string_free (text, FALSE);
}

/* TRUE when the addresses are those expected, in order. */
static gboolean
same_addresses (GPtrArray *hops,
                GPtrArray *expected)
{
  if (hops->len != expected->len)
    return FALSE;
  for (guint i = 0; i < hops->len; i++)
    if (g_strcmp0 (((Hop *) g_ptr_array_index (hops, i))->address, g_ptr_array_index (expected, i)) != 0)
      return FALSE;
  return TRUE;
}

static void
compare (const char *what,
         GPtrArray  *hops,
         Lab        *lab)
{
  g_autofree char *text = format_hops (hops);

  if (same_addresses (hops, lab->expected))
    sl_netlab_pass ("%s: %s", what, text);
  else
    {
      GPtrArray *wanted = g_ptr_array_new_with_free_func (hop_free);
      g_autofree char *wanted_text = NULL;

      for (guint i = 0; i < lab->expected->len; i++)
        {
          Hop *hop = g_new0 (Hop, 1);

          hop->address = g_strdup (g_ptr_array_index (lab->expected, i));
          g_ptr_array_add (wanted, hop);
        }
      wanted_text = format_hops (wanted);
      sl_netlab_fail ("%s: %s, not the lab's %s", what, text, wanted_text);
      g_ptr_array_unref (wanted);
    }
}

static char *
run_command (const char * const *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_strjoinv (" ", (char **) argv);
  char *output = NULL;
  gint64 start = g_get_monotonic_time ();

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error))
    {
      sl_netlab_fail ("cannot run %s: %s", line, error->message);
      return NULL;
    }
  printf ("# $ %s   (%.1f s)\n", line, (g_get_monotonic_time () - start) / 1e6);
  {
    g_auto(GStrv) lines = g_strsplit (output, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      if (lines[i][0] != '\0')
        printf ("#   %s\n", lines[i]);
  }
  return output;
}

/* tracepath -n: " 2:  198.18.1.2   20.433ms", " 3:  no reply", "     Resume: pmtu 1400 hops 4 back 4".
 * A hop can have several lines (the first one from whoever said the probe was too big);
 * its last line says who answered at that TTL. */
static GPtrArray *
parse_tracepath (const char *output,
                 guint      *out_pmtu)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  GPtrArray *hops = g_ptr_array_new_with_free_func (hop_free);

  *out_pmtu = 0;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char address[128] = "";
      const char *resume = strstr (lines[i], "Resume: pmtu ");
      guint ttl = 0;
      Hop *hop;

      if (resume != NULL)
        *out_pmtu = (guint) g_ascii_strtoull (resume + strlen ("Resume: pmtu "), NULL, 10);
      if (sscanf (lines[i], " %u: %127s", &ttl, address) != 2 || ttl == 0 || strchr (lines[i], '?') != NULL)
        continue;
      while (hops->len < ttl)
        g_ptr_array_add (hops, g_new0 (Hop, 1));
      hop = g_ptr_array_index (hops, ttl - 1);
      g_clear_pointer (&hop->address, g_free);
      hop->address = g_str_equal (address, "no") ? NULL : canonical (address);
      hop->avg_ms = NAN;
    }
  return hops;
}

/* mtr -r -n: "  2.|-- 198.18.1.2   0.0%   5   20.3  20.3  20.2  20.3   0.0", "???" when silent. */
static GPtrArray *
parse_mtr (const char *output)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  GPtrArray *hops = g_ptr_array_new_with_free_func (hop_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char address[128] = "", loss[32] = "";
      double last, avg;
      guint ttl = 0, sent;
      Hop *hop;

      if (sscanf (lines[i], " %u.|-- %127s %31s %u %lf %lf", &ttl, address, loss, &sent, &last, &avg) != 6 ||
          ttl != hops->len + 1)
        continue;
      hop = g_new0 (Hop, 1);
      hop->address = canonical (address);
      hop->avg_ms = avg;
      g_ptr_array_add (hops, hop);
    }
  return hops;
}

static const char *
family_flag (Lab *lab)
{
  return lab->family == G_SOCKET_FAMILY_IPV6 ? "-6" : "-4";
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

/* Socket Lab */

static void
run_route (SlRoute *route)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sl_route_run_async (route, NULL, sl_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!sl_route_run_finish (route, result, &error))
    sl_netlab_fail ("Socket Lab could not trace the route to %s: %s", sl_route_get_host (route), error->message);
}

static gboolean
names_settled (GListModel *model)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      SlRouteHop *hop = sl_test_item_at (model, i);

      if (sl_route_hop_get_address (hop) != NULL && sl_route_hop_get_hostname (hop) == NULL)
        return FALSE;
    }
  return TRUE;
}

static GPtrArray *
collect (SlRoute *route)
{
  GListModel *model = sl_route_get_hops (route);
  GPtrArray *hops = g_ptr_array_new_with_free_func (hop_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      SlRouteHop *item = sl_test_item_at (model, i);
      Hop *hop = g_new0 (Hop, 1);

      hop->address = canonical (sl_route_hop_get_address (item));
      hop->avg_ms = sl_route_hop_get_received (item) > 0 ? sl_route_hop_get_average_us (item) / 1000.0 : NAN;
      g_ptr_array_add (hops, hop);
    }
  return hops;
}

static void
print_route (SlRoute *route)
{
  GListModel *model = sl_route_get_hops (route);

  printf ("#   TTL  address           name               sent recv  loss%%    last     avg    best   worst  stdev (ms)  mtu\n");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      SlRouteHop *hop = sl_test_item_at (model, i);

      printf ("#   %3u  %-16s  %-17s  %4u %4u %5.1f %7.3f %7.3f %7.3f %7.3f %6.3f  %5u%s\n",
              sl_route_hop_get_ttl (hop),
              sl_route_hop_get_address (hop) ? sl_route_hop_get_address (hop) : "* * *",
              sl_route_hop_get_hostname (hop) ? sl_route_hop_get_hostname (hop) : "",
              sl_route_hop_get_sent (hop), sl_route_hop_get_received (hop), sl_route_hop_get_loss (hop),
              sl_route_hop_get_last_us (hop) / 1000.0, sl_route_hop_get_average_us (hop) / 1000.0,
              sl_route_hop_get_best_us (hop) / 1000.0, sl_route_hop_get_worst_us (hop) / 1000.0,
              sl_route_hop_get_stdev_us (hop) / 1000.0, sl_route_hop_get_mtu (hop),
              sl_route_hop_get_is_destination (hop) ? "  destination" : "");
    }
}

/* Error-queue reads in the trace that name an ICMP error and who sent it. */
static guint
count_errqueue_reports (SlTrace    *trace,
                        const char *needle)
{
  GListModel *model = G_LIST_MODEL (trace);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      SlTraceEvent *event = sl_test_item_at (model, i);
      const char *detail = sl_trace_event_get_detail (event);

      if (sl_trace_event_get_call (event) == SL_TRACE_CALL_RECVMSG &&
          (sl_trace_event_get_flags (event) & MSG_ERRQUEUE) && detail != NULL && strstr (detail, needle) != NULL)
        n += sl_trace_event_get_count (event);
    }
  return n;
}

static void
check_route (SlRoute       *route,
             SlRouteMethod  method,
             Lab           *lab,
             SlTrace       *trace)
{
  const char *name = sl_route_method_to_string (method);
  GListModel *model = sl_route_get_hops (route);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) ours = collect (route);
  g_autofree char *what = g_strdup_printf ("Socket Lab %s %s", family_flag (lab), name);
  g_autofree char *first_report = NULL;

  compare (what, ours, lab);
  if (sl_route_get_method_used (route) != method)
    sl_netlab_fail ("%s used %s", what, sl_route_method_to_string (sl_route_get_method_used (route)));
  if (!sl_route_get_destination_reached (route) || n == 0 ||
      !sl_route_hop_get_is_destination (sl_test_item_at (model, n - 1)))
    sl_netlab_fail ("%s: the last hop is not marked as the destination", what);

  for (guint i = 0; i < n && i < lab->expected->len; i++)
    {
      SlRouteHop *hop = sl_test_item_at (model, i);
      const char *wanted = lab->names[i] != NULL && lab->names[i][0] != '\0' ? lab->names[i] : NULL;

      if (g_ptr_array_index (lab->expected, i) == NULL)
        {
          /* The silent router: every probe sent and lost, and still the run went on. */
          if (sl_route_hop_get_sent (hop) != lab->count || sl_route_hop_get_received (hop) != 0 ||
              sl_route_hop_get_loss (hop) != 100.0)
            sl_netlab_fail ("%s: the silent hop %u has %u sent, %u received, %.0f %% loss, not %u, 0, 100 %%",
                  what, i + 1, sl_route_hop_get_sent (hop), sl_route_hop_get_received (hop),
                  sl_route_hop_get_loss (hop), lab->count);
          continue;
        }
      if (sl_route_hop_get_received (hop) != lab->count)
        sl_netlab_fail ("%s: hop %u answered %u of %u probes", what, i + 1, sl_route_hop_get_received (hop), lab->count);
      if (g_strcmp0 (sl_route_hop_get_hostname (hop), wanted) != 0)
        sl_netlab_fail ("%s: hop %u is named %s, not %s", what, i + 1, sl_route_hop_get_hostname (hop), wanted);
    }

  /* The delayed hop, measured from the one before it. */
  if (lab->delayed_hop >= 2 && lab->delayed_hop <= ours->len)
    {
      Hop *before = g_ptr_array_index (ours, lab->delayed_hop - 2);
      Hop *delayed = g_ptr_array_index (ours, lab->delayed_hop - 1);
      SlRouteHop *hop = sl_test_item_at (model, lab->delayed_hop - 1);
      double best_ms = sl_route_hop_get_best_us (hop) / 1000.0;
      double best_before_ms = sl_route_hop_get_best_us (sl_test_item_at (model, lab->delayed_hop - 2)) / 1000.0;
      double best_error = fabs (best_ms - best_before_ms - lab->delay_ms) / lab->delay_ms;
      double difference = delayed->avg_ms - before->avg_ms;
      const gint64 *recent;
      guint n_recent;

      recent = sl_route_hop_get_recent (hop, &n_recent);
      printf ("#   hop %u's RTTs (ms):", lab->delayed_hop);
      for (guint i = 0; i < n_recent; i++)
        printf (" %.3f", recent[i] / 1000.0);
      printf ("\n");

      if (!(best_ms >= lab->delay_ms))
        sl_netlab_fail ("%s: hop %u's best round trip %.3f ms is shorter than the link's %.1f ms delay", what,
              lab->delayed_hop, best_ms, lab->delay_ms);
      else if (best_error > BEST_TOLERANCE)
        sl_netlab_fail ("%s: hop %u's best round trip %.3f ms is %.3f ms after hop %u's best, %.2f %% off the %.1f ms delay",
                        what, lab->delayed_hop, best_ms, best_ms - best_before_ms, lab->delayed_hop - 1,
                        best_error * 100, lab->delay_ms);
      else if (isnan (difference) || difference > lab->delay_ms * (1 + AVERAGE_SLACK))
        sl_netlab_fail ("%s: hop %u averages %.3f ms after hop %u, far above the %.1f ms delay", what,
              lab->delayed_hop, difference, lab->delayed_hop - 1, lab->delay_ms);
      else
        sl_netlab_pass ("%s: hop %u: best %.3f ms (%.3f ms after hop %u's best, %.2f %% off the %.1f ms delay, "
                        "never below it); average %.3f ms after hop %u", what, lab->delayed_hop, best_ms,
                        best_ms - best_before_ms, lab->delayed_hop - 1, best_error * 100, lab->delay_ms,
                        difference, lab->delayed_hop - 1);
    }

  /* Probes as large as the path allows: the narrow link shows at the hop behind it. */
  if (method != SL_ROUTE_METHOD_TCP && lab->mtu_hop >= 2 && lab->mtu_hop <= n)
    {
      guint before = sl_route_hop_get_mtu (sl_test_item_at (model, lab->mtu_hop - 2));
      guint at = sl_route_hop_get_mtu (sl_test_item_at (model, lab->mtu_hop - 1));

      if (at != lab->mtu || before <= lab->mtu || sl_route_get_path_mtu (route) != lab->mtu)
        sl_netlab_fail ("%s: MTU %u at hop %u, %u at hop %u, path MTU %u; the lab's link %u is %u", what,
              before, lab->mtu_hop - 1, at, lab->mtu_hop, sl_route_get_path_mtu (route), lab->mtu_hop, lab->mtu);
      else
        sl_netlab_pass ("%s: MTU %u up to hop %u, %u from hop %u on (path MTU %u)", what, before,
              lab->mtu_hop - 1, at, lab->mtu_hop, sl_route_get_path_mtu (route));
      if (method == SL_ROUTE_METHOD_UDP && lab->tracepath_mtu != 0 && lab->tracepath_mtu != sl_route_get_path_mtu (route))
        sl_netlab_fail ("%s: path MTU %u, tracepath says %u", what, sl_route_get_path_mtu (route), lab->tracepath_mtu);
    }

  /* The calls: a TTL per probe, and routers' answers read from the error queue. */
  if (sl_test_count_calls (trace, "setsockopt", -1) < lab->expected->len ||
      count_errqueue_reports (trace, "from ") == 0)
    sl_netlab_fail ("%s: the trace lacks the setsockopt (TTL) or recvmsg (MSG_ERRQUEUE) rows", what);
  else
    {
      GListModel *events = G_LIST_MODEL (trace);

      for (guint i = 0; i < g_list_model_get_n_items (events) && first_report == NULL; i++)
        {
          SlTraceEvent *event = sl_test_item_at (events, i);

          if (sl_trace_event_get_call (event) == SL_TRACE_CALL_RECVMSG &&
              (sl_trace_event_get_flags (event) & MSG_ERRQUEUE) && sl_trace_event_get_detail (event) != NULL &&
              strstr (sl_trace_event_get_detail (event), "exceeded") != NULL)
            first_report = sl_trace_event_format (event);
        }
      printf ("#   e.g. %s\n", first_report ? first_report : "(no time exceeded report)");
    }
}

static SlRoute *
trace_route (Lab           *lab,
             SlRouteMethod  method,
             SlTrace       *trace)
{
  SlRoute *route = sl_route_new (lab->target);
  gint64 start = g_get_monotonic_time ();
  gint64 deadline;

  sl_route_set_family (route, lab->family);
  sl_route_set_method (route, method);
  sl_route_set_count (route, lab->count);
  sl_route_set_interval (route, lab->interval);
  sl_route_set_timeout (route, 1.0);
  sl_route_set_max_ttl (route, 8);
  sl_route_set_trace (route, trace);
  run_route (route);
  printf ("# Socket Lab %s %s to %s: %u rounds in %.1f s; %s\n", family_flag (lab),
          sl_route_method_to_string (method), lab->target, sl_route_get_round (route),
          (g_get_monotonic_time () - start) / 1e6, sl_route_get_method_explanation (route));
  /* Reverse lookups come after the answers; give them a moment. */
  deadline = g_get_monotonic_time () + NAMES_TIMEOUT_MS * 1000;
  while (!names_settled (sl_route_get_hops (route)) && sl_test_iterate_until (deadline))
    ;
  print_route (route);
  /* For a failure's post-mortem: every call each run made. */
  if (g_getenv ("SL_NETLAB_TRACE_DIR") != NULL)
    {
      g_autofree char *text = sl_trace_to_text (trace);
      g_autofree char *name = g_strdup_printf ("route%s-%u.txt", family_flag (lab), method);
      g_autofree char *path = g_build_filename (g_getenv ("SL_NETLAB_TRACE_DIR"), name, NULL);

      g_file_set_contents (path, text, -1, NULL);
    }
  return route;
}

/* One family: tracepath once, then each method against mtr with the same method. */
static void
run_family (Lab *lab)
{
  static const SlRouteMethod methods[] = { SL_ROUTE_METHOD_UDP, SL_ROUTE_METHOD_ICMP, SL_ROUTE_METHOD_TCP };
  g_autofree char *count = g_strdup_printf ("%u", lab->tool_count);
  char interval[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (interval, sizeof interval, "%.2f", lab->interval);
  lab->tracepath_mtu = 0;
  if (have_program ("tracepath"))
    {
      const char *argv[] = { "tracepath", family_flag (lab), "-n", "-m", "8", lab->target, NULL };
      g_autofree char *output = run_command (argv);

      if (output != NULL)
        {
          g_autoptr(GPtrArray) hops = parse_tracepath (output, &lab->tracepath_mtu);
          g_autofree char *what = g_strdup_printf ("tracepath %s", family_flag (lab));

          compare (what, hops, lab);
        }
    }
  else
    printf ("# tracepath (iputils-tracepath) is not installed: no comparison with it\n");

  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      g_autoptr(SlTrace) trace = sl_trace_new (0);
      g_autoptr(SlRoute) route = trace_route (lab, methods[m], trace);
      g_autoptr(GPtrArray) ours = collect (route);

      check_route (route, methods[m], lab, trace);
      if (have_program ("mtr"))
        {
          g_autoptr(GPtrArray) mtr = g_ptr_array_new ();
          g_autofree char *output = NULL;
          g_autofree char *what = NULL;

          g_ptr_array_add (mtr, "mtr");
          g_ptr_array_add (mtr, (char *) family_flag (lab));
          g_ptr_array_add (mtr, "-r");
          g_ptr_array_add (mtr, "-n");
          if (methods[m] == SL_ROUTE_METHOD_UDP)
            g_ptr_array_add (mtr, "-u");
          else if (methods[m] == SL_ROUTE_METHOD_TCP)
            {
              g_ptr_array_add (mtr, "-T");
              g_ptr_array_add (mtr, "-P");
              g_ptr_array_add (mtr, "443");
            }
          for (const char * const *arg = (const char *[]) { "-c", count, "-i", interval, "-G", "1", "-m", "8",
                                                            lab->target, NULL }; *arg != NULL; arg++)
            g_ptr_array_add (mtr, (char *) *arg);
          g_ptr_array_add (mtr, NULL);
          what = g_strdup_printf ("mtr %s %s", family_flag (lab), sl_route_method_to_string (methods[m]));
          output = run_command ((const char * const *) mtr->pdata);
          if (output != NULL)
            {
              g_autoptr(GPtrArray) theirs = parse_mtr (output);

              compare (what, theirs, lab);
              for (guint i = 0; i < ours->len && i < theirs->len; i++)
                {
                  Hop *a = g_ptr_array_index (ours, i), *b = g_ptr_array_index (theirs, i);

                  if (a->address != NULL)
                    printf ("#   hop %u average: Socket Lab %.3f ms, mtr %.1f ms\n", i + 1, a->avg_ms, b->avg_ms);
                }
            }
        }
      else if (m == 0)
        printf ("# mtr (mtr-tiny) is not installed: no comparison with it\n");
    }
}

int
main (int   argc,
      char *argv[])
{
  SlRouteLab lab_hosts = { NULL };
  /* 20 rounds: one late packet in 20 moves the average half as much as in 10. */
  int delayed_hop = 0, mtu_hop = 0, mtu = 0, count = 20, tool_count = 10;
  double delay_ms = 0, interval = 0.2;
  GOptionEntry entries[] = {
    { "delayed-hop", 0, 0, G_OPTION_ARG_INT, &delayed_hop, "The hop behind the delayed link", "TTL" },
    { "delay-ms", 0, 0, G_OPTION_ARG_DOUBLE, &delay_ms, "The link's delay", "MS" },
    { "mtu-hop", 0, 0, G_OPTION_ARG_INT, &mtu_hop, "The hop behind the narrower link", "TTL" },
    { "mtu", 0, 0, G_OPTION_ARG_INT, &mtu, "That link's MTU", "BYTES" },
    { "count", 0, 0, G_OPTION_ARG_INT, &count, "Socket Lab's rounds", "N" },
    { "tool-count", 0, 0, G_OPTION_ARG_INT, &tool_count, "mtr's rounds", "N" },
    { "interval", 0, 0, G_OPTION_ARG_DOUBLE, &interval, "Seconds between rounds", "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- compare routes with tracepath and mtr");
  g_auto(GStrv) name_list = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  sl_route_lab_add_options (context, &lab_hosts);
  if (!sl_route_lab_parse (context, &lab_hosts, &argc, &argv))
    return 2;
  name_list = g_strsplit (lab_hosts.names ? lab_hosts.names : "", ",", -1);

  const struct { const char *target; const char *expect; GSocketFamily family; } families[] = {
    { lab_hosts.target4, lab_hosts.expect4, G_SOCKET_FAMILY_IPV4 },
    { lab_hosts.target6, lab_hosts.expect6, G_SOCKET_FAMILY_IPV6 },
  };

  for (guint f = 0; f < G_N_ELEMENTS (families); f++)
    {
      Lab lab = {
        .target = (char *) families[f].target, .family = families[f].family,
        .names = name_list, .delayed_hop = delayed_hop, .delay_ms = delay_ms,
        .mtu_hop = mtu_hop, .mtu = mtu, .count = count, .tool_count = tool_count, .interval = interval,
      };

      if (lab.target == NULL || families[f].expect == NULL)
        continue;
      lab.expected = parse_list (families[f].expect);
      if (g_strv_length (name_list) < lab.expected->len)
        {
          fprintf (stderr, "--names needs one entry per hop\n");
          return 2;
        }
      printf ("# ---- %s: %s\n", families[f].family == G_SOCKET_FAMILY_IPV6 ? "IPv6" : "IPv4", lab.target);
      run_family (&lab);
      g_ptr_array_unref (lab.expected);
    }

  return sl_netlab_finish ();
}
