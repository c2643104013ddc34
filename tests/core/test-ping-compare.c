/* test-ping-compare.c: the comparison line of ping runs, character for character.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-ping-compare.h"

/* A run of n probes with these RTTs (µs); -1 is a lost probe. */
static SlPingStats *
stats_new (const gint64 *rtts,
           guint         n)
{
  SlPingStats *stats = sl_ping_stats_new ();

  for (guint i = 0; i < n; i++)
    {
      sl_ping_stats_add_transmitted (stats);
      if (rtts[i] >= 0)
        sl_ping_stats_add_reply (stats, rtts[i], FALSE);
    }
  sl_ping_stats_set_time_ms (stats, (n - 1) * 1000);
  return stats;
}

static void
test_two_targets (void)
{
  /* avg 14.000 ms, jitter 0.4 ms; avg 31.000 ms, jitter 1.2 ms */
  const gint64 fast[] = { 13800, 14200, 13800, 14200 };
  const gint64 slow[] = { 30400, 31600, 30400, 31600 };
  g_autoptr(SlPingStats) a = stats_new (fast, G_N_ELEMENTS (fast));
  g_autoptr(SlPingStats) b = stats_new (slow, G_N_ELEMENTS (slow));
  SlPingTarget targets[] = { { "8.8.8.8", a }, { "9.9.9.9", b } };
  SlPingTarget reversed[] = { { "9.9.9.9", b }, { "8.8.8.8", a } };
  g_autofree char *line = sl_ping_compare_format (targets, 2);
  g_autofree char *same = sl_ping_compare_format (reversed, 2);

  g_assert_cmpstr (line, ==, "9.9.9.9: +17.0 ms average (2.2×) vs 8.8.8.8; loss 0% vs 0%; jitter 1.20 ms vs 0.400 ms");
  /* The fastest is the reference whatever the order. */
  g_assert_cmpstr (same, ==, line);
}

static void
test_loss_and_loopback (void)
{
  const gint64 loopback[] = { 41, 45, -1 };
  const gint64 other[] = { 52, -1, -1, 50 };
  g_autoptr(SlPingStats) a = stats_new (loopback, G_N_ELEMENTS (loopback));
  g_autoptr(SlPingStats) b = stats_new (other, G_N_ELEMENTS (other));
  SlPingTarget targets[] = { { "::1", b }, { "127.0.0.1", a } };
  g_autofree char *line = sl_ping_compare_format (targets, 2);

  g_assert_cmpstr (line, ==, "::1: +0.008 ms average (1.2×) vs 127.0.0.1; loss 50% vs 33.3333%; "
                             "jitter 0.002 ms vs 0.004 ms");
}

static void
test_no_replies (void)
{
  const gint64 ok[] = { 12300, 12300 };
  const gint64 lost[] = { -1, -1 };
  g_autoptr(SlPingStats) a = stats_new (ok, G_N_ELEMENTS (ok));
  g_autoptr(SlPingStats) b = stats_new (lost, G_N_ELEMENTS (lost));
  g_autoptr(SlPingStats) c = stats_new (lost, G_N_ELEMENTS (lost));
  SlPingTarget one_silent[] = { { "10.0.0.1", b }, { "8.8.8.8", a } };
  SlPingTarget all_silent[] = { { "10.0.0.1", b }, { "10.0.0.2", c } };
  g_autofree char *line = sl_ping_compare_format (one_silent, 2);
  g_autofree char *none = sl_ping_compare_format (all_silent, 2);

  g_assert_cmpstr (line, ==, "10.0.0.1: no replies vs 8.8.8.8 (12.3 ms average); loss 100% vs 0%");
  /* Nobody replied: the first is the reference. */
  g_assert_cmpstr (none, ==, "10.0.0.2: no replies, nor from 10.0.0.1; loss 100% vs 100%");
}

static void
test_one_and_three (void)
{
  const gint64 r1[] = { 12300 };
  const gint64 r2[] = { 24600 };
  const gint64 r3[] = { 12300, 12301 };
  const gint64 lost[] = { -1 };
  g_autoptr(SlPingStats) a = stats_new (r1, 1);
  g_autoptr(SlPingStats) b = stats_new (r2, 1);
  g_autoptr(SlPingStats) c = stats_new (r3, 2);
  g_autoptr(SlPingStats) d = stats_new (lost, 1);
  g_autoptr(SlPingStats) zero = stats_new ((const gint64[]) { 0 }, 1);
  SlPingTarget single[] = { { "8.8.8.8", a } };
  SlPingTarget silent[] = { { "10.0.0.1", d } };
  SlPingTarget three[] = { { "b", b }, { "a", a }, { "c", c } };
  SlPingTarget from_zero[] = { { "a", a }, { "lo", zero } };
  g_autofree char *one = sl_ping_compare_format (single, 1);
  g_autofree char *quiet = sl_ping_compare_format (silent, 1);
  g_autofree char *lines = sl_ping_compare_format (three, 3);
  g_autofree char *no_ratio = sl_ping_compare_format (from_zero, 2);

  g_assert_cmpstr (one, ==, "8.8.8.8: 12.3 ms average; loss 0%; jitter 0.000 ms");
  g_assert_cmpstr (quiet, ==, "10.0.0.1: no replies; loss 100%");
  /* "a" and "c" have the same average (12.300 ms): the first of them is the reference. */
  g_assert_cmpstr (lines, ==, "b: +12.3 ms average (2.0×) vs a; loss 0% vs 0%; jitter 0.000 ms vs 0.000 ms\n"
                              "c: +0.000 ms average (1.0×) vs a; loss 0% vs 0%; jitter 0.001 ms vs 0.000 ms");
  /* A 0 µs average gives no ratio. */
  g_assert_cmpstr (no_ratio, ==, "a: +12.3 ms average vs lo; loss 0% vs 0%; jitter 0.000 ms vs 0.000 ms");
  g_assert_null (sl_ping_compare_format (NULL, 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ping-compare/two-targets", test_two_targets);
  g_test_add_func ("/ping-compare/loss-and-loopback", test_loss_and_loopback);
  g_test_add_func ("/ping-compare/no-replies", test_no_replies);
  g_test_add_func ("/ping-compare/one-and-three", test_one_and_three);
  return g_test_run ();
}
