/* bench-ping.c: P1 on loopback: the median RTT Socket Lab measures against the one ping(8)
 * measures in the same run, both pinging at the same time so they share the machine's load.
 * Prints the difference (goal: at most 10 µs); a missed goal is reported, not failed.
 * (The emulated 20 ms link half of P1 is the netlab benchmark, tests/netlab.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "sl-pinger.h"
#include "sl-test-ping.h"
#include "sl-test-util.h"

#define P1_GOAL_US 10.0

static gboolean
compare (const char *host,
         guint       count,
         double      interval)
{
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  char interval_text[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(GSubprocess) ping = NULL;
  g_autoptr(SlPinger) pinger = sl_pinger_new (host);
  g_autoptr(GAsyncResult) ours = NULL, theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GArray) our_times = NULL, ping_times = NULL;
  double a, b;

  g_ascii_formatd (interval_text, sizeof interval_text, "%.3f", interval);
  {
    const char *argv[] = { "ping", "-n", "-c", count_text, "-i", interval_text, host, NULL };
    ping = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  }
  if (ping == NULL)
    {
      printf ("P1 %s: ping(8) cannot run: %s\n", host, error->message);
      return FALSE;
    }
  sl_pinger_set_count (pinger, count);
  sl_pinger_set_interval (pinger, interval);
  g_subprocess_communicate_utf8_async (ping, NULL, NULL, sl_test_store_result, &theirs);
  sl_pinger_run_async (pinger, NULL, sl_test_store_result, &ours);
  while (ours == NULL || theirs == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!sl_pinger_run_finish (pinger, ours, &error) ||
      !g_subprocess_communicate_utf8_finish (ping, theirs, &output, NULL, &error))
    {
      printf ("P1 %s: %s\n", host, error->message);
      return FALSE;
    }

  our_times = sl_test_pinger_times_us (pinger);
  ping_times = sl_test_iputils_times_us (output);
  a = sl_test_median ((double *) our_times->data, our_times->len);
  b = sl_test_median ((double *) ping_times->data, ping_times->len);
  printf ("P1 loopback %-9s %s, %u probes every %.3f s: received %u vs ping(8) %u; median RTT "
          "%.1f µs vs ping(8) %.1f µs: difference %+.1f µs, ratio %.3f (goal |difference| ≤ %.0f µs: %s)\n",
          host, sl_ping_method_to_string (sl_pinger_get_method (pinger)), count, interval,
          our_times->len, ping_times->len, a, b, a - b, a / b, P1_GOAL_US,
          fabs (a - b) <= P1_GOAL_US ? "met" : "MISSED");
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  /* ping(8) refuses intervals below 0.2 s to non-root users; so do we. */
  double interval = geteuid () == 0 ? 0.01 : 0.2;
  guint count = geteuid () == 0 ? 300 : 30;

  compare ("127.0.0.1", count, interval);
  compare ("::1", count, interval);
  return 0;
}
