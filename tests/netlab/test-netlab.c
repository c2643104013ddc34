/* test-netlab.c: Socket Lab's pinger and iputils ping(8) side by side over an emulated link
 * (tests/netlab/netlab.sh builds it: two namespaces, a veth pair, sl-tun-responder).
 *
 * Both run at the same time against the same responder. For each, the received count must
 * lie within binomial bounds of the configured loss (and duplicates of the configured
 * duplicate rate), and the median RTT within 1 ms of the configured delay. With
 * --exact-summary, the times ping(8) printed are fed to SlPingStats, which must reproduce
 * ping(8)'s summary character for character (duplicates included).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sl-netlab-report.h"
#include "sl-pinger.h"
#include "sl-test-ping.h"
#include "sl-test-util.h"

#define TAIL_PROBABILITY 1e-4    /* per side: a correct run fails once in 5000 */
#define RTT_TOLERANCE_MS 1.0

typedef struct {
  guint64  transmitted;
  guint64  received;
  guint64  duplicates;
  GArray  *times_ms;        /* first replies */
  GArray  *all_times_us;    /* as printed, duplicates included, for the summary check */
  GArray  *duplicate_flags;
  gint64   time_ms;
  char    *summary;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->times_ms, g_array_unref);
  g_clear_pointer (&result->all_times_us, g_array_unref);
  g_clear_pointer (&result->duplicate_flags, g_array_unref);
  g_clear_pointer (&result->summary, g_free);
}

static void
result_init (Result *result)
{
  memset (result, 0, sizeof *result);
  result->times_ms = g_array_new (FALSE, FALSE, sizeof (double));
  result->all_times_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  result->duplicate_flags = g_array_new (FALSE, FALSE, sizeof (gboolean));
}

static double
median (GArray *values)
{
  return sl_test_median ((double *) values->data, values->len);
}

/* The smallest and largest counts whose tails under Binomial(n, p) exceed TAIL_PROBABILITY. */
static void
binomial_bounds (guint64  n,
                 double   p,
                 guint64 *out_low,
                 guint64 *out_high)
{
  double below = 0, above = 0;

  *out_low = 0;
  *out_high = n;
  if (p <= 0 || p >= 1)
    {
      *out_low = *out_high = p >= 1 ? n : 0;
      return;
    }
  for (guint64 k = 0; k <= n; k++)
    {
      double pmf = exp (lgamma (n + 1.0) - lgamma (k + 1.0) - lgamma (n - k + 1.0) +
                        k * log (p) + (n - k) * log1p (-p));
      below += pmf;
      if (below <= TAIL_PROBABILITY)
        *out_low = k + 1;
    }
  for (guint64 k = n + 1; k-- > 0; )
    {
      double pmf = exp (lgamma (n + 1.0) - lgamma (k + 1.0) - lgamma (n - k + 1.0) +
                        k * log (p) + (n - k) * log1p (-p));
      above += pmf;
      if (above <= TAIL_PROBABILITY)
        *out_high = k - 1;
    }
}

/* Times ping(8) prints: "0.412" exact to the µs below 1 ms, rounded above. */
static gboolean
parse_time (const char *line,
            double     *out_ms,
            gint64     *out_us)
{
  const char *time = strstr (line, " time=");
  const char *dot;
  char *end;

  if (time == NULL)
    return FALSE;
  *out_ms = g_ascii_strtod (time + 6, &end);
  dot = strchr (time + 6, '.');
  *out_us = (dot != NULL && dot < end && end - dot == 4 && *out_ms < 1.0)
            ? (gint64) llround (*out_ms * 1000.0) : -1;
  return TRUE;
}

static void
parse_iputils (const char *output,
               Result     *result)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  const char *summary = strstr (output, "--- ");

  for (guint i = 0; lines[i] != NULL; i++)
    {
      double ms;
      gint64 us;
      const char *line = lines[i];
      gboolean duplicate = strstr (line, "(DUP!)") != NULL;

      if (strstr (line, " bytes from ") != NULL && parse_time (line, &ms, &us))
        {
          g_array_append_val (result->all_times_us, us);
          g_array_append_val (result->duplicate_flags, duplicate);
          if (!duplicate)
            g_array_append_val (result->times_ms, ms);
        }
      else if (sscanf (line, "%" G_GUINT64_FORMAT " packets transmitted, %" G_GUINT64_FORMAT " received",
                       &result->transmitted, &result->received) == 2)
        {
          const char *plus = strstr (line, ", +");
          const char *time = strstr (line, ", time ");

          if (plus != NULL && strstr (line, " duplicates") != NULL)
            result->duplicates = g_ascii_strtoull (plus + 3, NULL, 10);
          if (time != NULL)
            result->time_ms = g_ascii_strtoll (time + 7, NULL, 10);
        }
    }
  result->summary = g_strdup (summary);
}

static void
collect_pinger (SlPinger *pinger,
                Result   *result)
{
  const SlPingStats *stats = sl_pinger_get_stats (pinger);
  g_autoptr(GArray) times_us = sl_test_pinger_times_us (pinger);

  result->transmitted = sl_ping_stats_get_transmitted (stats);
  result->received = sl_ping_stats_get_received (stats);
  result->duplicates = sl_ping_stats_get_duplicates (stats);
  result->summary = sl_pinger_format_summary (pinger);
  for (guint i = 0; i < times_us->len; i++)
    {
      double ms = g_array_index (times_us, double, i) / 1000.0;

      g_array_append_val (result->times_ms, ms);
    }
}

static void
check_result (const char *who,
              Result     *result,
              guint       count,
              double      delay_ms,
              double      loss,
              double      dup)
{
  guint64 low, high;
  double m = median (result->times_ms);

  if (result->transmitted != count)
    sl_netlab_fail ("%s sent %" G_GUINT64_FORMAT " probes, not %u", who, result->transmitted, count);
  binomial_bounds (count, 1.0 - loss, &low, &high);
  if (result->received < low || result->received > high)
    sl_netlab_fail ("%s received %" G_GUINT64_FORMAT ", outside [%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT "] for %.0f %% loss",
           who, result->received, low, high, loss * 100);
  binomial_bounds (result->received, dup, &low, &high);
  if (result->duplicates < low || result->duplicates > high)
    sl_netlab_fail ("%s saw %" G_GUINT64_FORMAT " duplicates, outside [%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT "]",
           who, result->duplicates, low, high);
  if (!(fabs (m - delay_ms) <= RTT_TOLERANCE_MS))
    sl_netlab_fail ("%s median RTT %.3f ms is not within %.1f ms of the %.3f ms delay", who, m, RTT_TOLERANCE_MS, delay_ms);
}

/* SlPingStats given ping(8)'s own samples prints ping(8)'s own summary. */
static void
check_exact_summary (const char *host,
                     Result     *theirs)
{
  g_autoptr(SlPingStats) stats = sl_ping_stats_new ();
  g_autofree char *ours = NULL;

  for (guint i = 0; i < theirs->all_times_us->len; i++)
    {
      gint64 us = g_array_index (theirs->all_times_us, gint64, i);
      if (us < 0)
        {
          printf ("# a reply took 1 ms or more: ping(8) rounded it, no exact summary check\n");
          return;
        }
      sl_ping_stats_add_reply (stats, us, g_array_index (theirs->duplicate_flags, gboolean, i));
    }
  for (guint64 i = 0; i < theirs->transmitted; i++)
    sl_ping_stats_add_transmitted (stats);
  sl_ping_stats_set_time_ms (stats, theirs->time_ms);
  ours = sl_ping_stats_format_summary (stats, host);
  if (g_strcmp0 (ours, theirs->summary) != 0)
    sl_netlab_fail ("SlPingStats from ping(8)'s samples:\n%s\ndiffers from ping(8):\n%s", ours, theirs->summary);
  else
    printf ("ok: SlPingStats reproduces ping(8)'s summary from its samples:\n%s", ours);
}

static void
report (Result *ours,
        Result *theirs)
{
  double m1 = median (ours->times_ms), m2 = median (theirs->times_ms);

  printf ("#                    Socket Lab     ping(8)\n");
  printf ("# transmitted        %10" G_GUINT64_FORMAT "  %10" G_GUINT64_FORMAT "\n", ours->transmitted, theirs->transmitted);
  printf ("# received           %10" G_GUINT64_FORMAT "  %10" G_GUINT64_FORMAT "\n", ours->received, theirs->received);
  printf ("# duplicates         %10" G_GUINT64_FORMAT "  %10" G_GUINT64_FORMAT "\n", ours->duplicates, theirs->duplicates);
  printf ("# median RTT (ms)    %10.3f  %10.3f\n", m1, m2);
  printf ("# median difference  %+.3f ms (%+.2f %%)\n", m1 - m2, (m1 - m2) / m2 * 100.0);
  printf ("# Socket Lab:\n%s# ping(8):\n%s", ours->summary, theirs->summary ? theirs->summary : "(none)\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *host = NULL;
  double delay_ms = 20, loss = 0, dup = 0, interval = 0.2;
  int count = 50;
  gboolean exact = FALSE;
  GOptionEntry entries[] = {
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, "Address the responder answers for", "ADDRESS" },
    { "delay-ms", 0, 0, G_OPTION_ARG_DOUBLE, &delay_ms, "Configured delay", "MS" },
    { "loss", 0, 0, G_OPTION_ARG_DOUBLE, &loss, "Configured loss fraction", "P" },
    { "dup", 0, 0, G_OPTION_ARG_DOUBLE, &dup, "Configured duplicate fraction", "P" },
    { "count", 0, 0, G_OPTION_ARG_INT, &count, "Probes", "N" },
    { "interval", 0, 0, G_OPTION_ARG_DOUBLE, &interval, "Seconds between probes", "S" },
    { "exact-summary", 0, 0, G_OPTION_ARG_NONE, &exact, "Check the summary text against ping(8)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- compare with ping(8) on an emulated link");
  g_autoptr(GError) error = NULL;
  g_autofree char *count_text = NULL, *interval_text = NULL, *output = NULL;
  g_autoptr(GSubprocess) ping = NULL;
  g_autoptr(SlPinger) pinger = NULL;
  g_autoptr(GAsyncResult) ours_done = NULL, theirs_done = NULL;
  Result ours, theirs;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || host == NULL)
    {
      fprintf (stderr, "%s\n", error ? error->message : "--host is required");
      return 2;
    }
  count_text = g_strdup_printf ("%d", count);
  interval_text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.3f", interval));

  {
    const char *ping_argv[] = { "ping", "-n", "-c", count_text, "-i", interval_text, "-W", "1", host, NULL };
    ping = g_subprocess_newv (ping_argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  }
  if (ping == NULL)
    {
      fprintf (stderr, "cannot run ping(8): %s\n", error->message);
      return 1;
    }
  pinger = sl_pinger_new (host);
  sl_pinger_set_count (pinger, count);
  sl_pinger_set_interval (pinger, interval);
  sl_pinger_set_timeout (pinger, 1.0);
  g_subprocess_communicate_utf8_async (ping, NULL, NULL, sl_test_store_result, &theirs_done);
  sl_pinger_run_async (pinger, NULL, sl_test_store_result, &ours_done);
  while (ours_done == NULL || theirs_done == NULL)
    g_main_context_iteration (NULL, TRUE);

  result_init (&ours);
  result_init (&theirs);
  if (!sl_pinger_run_finish (pinger, ours_done, &error))
    sl_netlab_fail ("Socket Lab could not ping %s: %s", host, error->message);
  g_clear_error (&error);
  if (!g_subprocess_communicate_utf8_finish (ping, theirs_done, &output, NULL, &error))
    sl_netlab_fail ("ping(8) failed: %s", error->message);
  printf ("# Socket Lab used %s\n", sl_ping_method_to_string (sl_pinger_get_method (pinger)));
  collect_pinger (pinger, &ours);
  parse_iputils (output ? output : "", &theirs);

  report (&ours, &theirs);
  check_result ("Socket Lab", &ours, count, delay_ms, loss, dup);
  check_result ("ping(8)", &theirs, count, delay_ms, loss, dup);
  if (exact)
    check_exact_summary (host, &theirs);

  result_clear (&ours);
  result_clear (&theirs);
  return sl_netlab_finish ();
}
