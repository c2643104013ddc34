/* bench-route.c: the time to a complete route, Socket Lab against tracepath(8), measured in
 * the same run on the same chain of namespaces (tests/netlab/route-lab.sh bench HOPS builds
 * it and runs this in its client namespace: HOPS − 1 routers, then the target).
 *
 * What is timed: from sl_route_run_async () to its callback for one round (count 1,
 * max-ttl HOPS, names not looked up), which ends when every TTL up to the target has an
 * answer; and the wall time of `tracepath -n -m HOPS TARGET`, process start included (the
 * time of `tracepath -V` is printed too, and a ratio without it). Each is the median of
 * ROUNDS runs. The links add no delay, so both measure their
 * own overhead plus one round trip per probe tracepath waits for: tracepath sends one probe
 * at a time, Socket Lab up to 16 at once. The ratio is printed against a goal of 1 (no
 * slower than tracepath); a missed goal is reported, never a failure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sl-route.h"
#include "sl-test-util.h"

#define ROUNDS 5

/* One complete route; its time in ms, or -1 when it did not reach the target. */
static double
time_route (const char    *target,
            SlRouteMethod  method,
            guint          hops)
{
  g_autoptr(SlRoute) route = sl_route_new (target);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;
  gint64 start;
  double ms;

  sl_route_set_method (route, method);
  sl_route_set_count (route, 1);
  sl_route_set_max_ttl (route, hops);
  sl_route_set_timeout (route, 1.0);
  sl_route_set_resolve_names (route, FALSE);
  start = g_get_monotonic_time ();
  sl_route_run_async (route, NULL, sl_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  model = sl_route_get_hops (route);
  if (!sl_route_run_finish (route, result, &error) || !sl_route_get_destination_reached (route) ||
      g_list_model_get_n_items (model) != hops)
    {
      printf ("# Socket Lab %s: %u hops, destination %s%s%s\n", sl_route_method_to_string (method),
              g_list_model_get_n_items (model), sl_route_get_destination_reached (route) ? "reached" : "not reached",
              error ? ": " : "", error ? error->message : "");
      return -1;
    }
  for (guint i = 0; i < hops; i++)
    if (sl_route_hop_get_address (sl_test_item_at (model, i)) == NULL)
      {
        printf ("# Socket Lab %s: hop %u did not answer\n", sl_route_method_to_string (method), i + 1);
        return -1;
      }
  return ms;
}

/* The wall time of a command, in ms (its output in *out_output). */
static double
time_command (const char * const  *argv,
              char               **out_output)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, out_output, NULL, &error))
    {
      printf ("# %s: %s\n", argv[0], error->message);
      return -1;
    }
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
time_tracepath (const char *family,
                const char *target,
                guint       hops,
                guint      *out_hops)
{
  g_autofree char *max = g_strdup_printf ("%u", hops);
  const char *argv[] = { "tracepath", family, "-n", "-m", max, target, NULL };
  g_autofree char *output = NULL;
  const char *resume;
  double ms = time_command (argv, &output);

  resume = output != NULL ? strstr (output, " hops ") : NULL;
  *out_hops = resume != NULL ? (guint) g_ascii_strtoull (resume + 6, NULL, 10) : 0;
  return ms;
}

/* What starting tracepath costs by itself: it prints its version and exits. */
static double
time_tracepath_start (void)
{
  const char *argv[] = { "tracepath", "-V", NULL };
  g_autofree char *output = NULL;

  return time_command (argv, &output);
}

static double
median (double *values,
        guint   n)
{
  for (guint i = 0; i < n; i++)
    if (values[i] < 0)
      return -1;
  return sl_test_median (values, n);
}

static void
bench_family (const char    *label,
              const char    *flag,
              const char    *target,
              guint          hops)
{
  static const SlRouteMethod methods[] = { SL_ROUTE_METHOD_UDP, SL_ROUTE_METHOD_ICMP, SL_ROUTE_METHOD_TCP };
  g_autofree char *path = g_find_program_in_path ("tracepath");
  double theirs[ROUNDS], starts[ROUNDS];
  double baseline = -1, start = 0;
  guint their_hops = 0;

  if (path != NULL)
    {
      for (guint r = 0; r < ROUNDS; r++)
        {
          theirs[r] = time_tracepath (flag, target, hops, &their_hops);
          starts[r] = time_tracepath_start ();
        }
      baseline = median (theirs, ROUNDS);
      start = MAX (median (starts, ROUNDS), 0);
      printf ("# %s tracepath -n -m %u %s: median %.2f ms of %u runs (%u hops), of which starting "
              "the process (tracepath -V) %.2f ms\n", label, hops, target, baseline, ROUNDS, their_hops, start);
    }
  else
    printf ("# tracepath (iputils-tracepath) is not installed: no baseline\n");

  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      double ours[ROUNDS];
      double value;

      for (guint r = 0; r < ROUNDS; r++)
        ours[r] = time_route (target, methods[m], hops);
      value = median (ours, ROUNDS);
      if (value < 0)
        {
          printf ("%s route %u hops, Socket Lab %s: did not complete\n", label, hops,
                  sl_route_method_to_string (methods[m]));
          continue;
        }
      if (baseline > 0)
        printf ("%s route %u hops, Socket Lab %s: median %.2f ms, tracepath %.2f ms, ratio %.3f (goal <= 1: %s); "
                "without tracepath's process start: ratio %.3f\n",
                label, hops, sl_route_method_to_string (methods[m]), value, baseline, value / baseline,
                value <= baseline ? "met" : "MISSED", baseline > start ? value / (baseline - start) : 0.0);
      else
        printf ("%s route %u hops, Socket Lab %s: median %.2f ms\n", label, hops,
                sl_route_method_to_string (methods[m]), value);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *target4 = NULL, *target6 = NULL;
  int hops = 30;
  GOptionEntry entries[] = {
    { "target4", 0, 0, G_OPTION_ARG_STRING, &target4, "IPv4 address of the target", "ADDRESS" },
    { "target6", 0, 0, G_OPTION_ARG_STRING, &target6, "IPv6 address of the target", "ADDRESS" },
    { "hops", 0, 0, G_OPTION_ARG_INT, &hops, "Hops to the target", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time a complete route against tracepath");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || target4 == NULL || hops < 1 || hops > 255)
    {
      fprintf (stderr, "%s\n", error ? error->message : "--target4 and --hops (1-255) are required");
      return 2;
    }
  bench_family ("IPv4", "-4", target4, hops);
  if (target6 != NULL)
    bench_family ("IPv6", "-6", target6, hops);
  return 0;
}
