/* sl-ping-compare.c: the line comparing the ping runs of two or more targets.
 *
 * Against the fastest, not the first: "+17 ms (2.2×)" reads at once, where a negative
 * difference or a ratio below 1 would need a second look.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sl-ping-compare.h"

static char *
format_loss (const SlPingStats *stats)
{
  return sl_ping_format_loss (sl_ping_stats_get_loss_percent (stats));
}

static char *
format_jitter (const SlPingRtt *rtt)
{
  return sl_ping_format_reply_time ((gint64) llround (rtt->jitter_us));
}

static void
append_single (GString            *out,
               const SlPingTarget *target)
{
  g_autofree char *loss = format_loss (target->stats);
  SlPingRtt rtt;

  if (sl_ping_stats_get_rtt (target->stats, &rtt))
    {
      g_autofree char *average = sl_ping_format_reply_time (rtt.avg_us);
      g_autofree char *jitter = format_jitter (&rtt);

      /* Translators: "8.8.8.8: 12.3 ms average; loss 0%; jitter 0.400 ms" */
      g_string_append_printf (out, _("%s: %s ms average; loss %s%%; jitter %s ms"), target->label,
                              average, loss, jitter);
    }
  else
    /* Translators: "8.8.8.8: no replies; loss 100%" */
    g_string_append_printf (out, _("%s: no replies; loss %s%%"), target->label, loss);
}

static void
append_comparison (GString            *out,
                   const SlPingTarget *target,
                   const SlPingTarget *reference)
{
  g_autofree char *loss = format_loss (target->stats);
  g_autofree char *reference_loss = format_loss (reference->stats);
  SlPingRtt rtt, reference_rtt;
  gboolean replied = sl_ping_stats_get_rtt (target->stats, &rtt);
  gboolean reference_replied = sl_ping_stats_get_rtt (reference->stats, &reference_rtt);

  if (replied && reference_replied)
    {
      g_autofree char *difference = sl_ping_format_reply_time (rtt.avg_us - reference_rtt.avg_us);
      g_autofree char *jitter = format_jitter (&rtt);
      g_autofree char *reference_jitter = format_jitter (&reference_rtt);
      g_autofree char *ratio = NULL;

      if (reference_rtt.avg_us > 0)
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (number, sizeof number, "%.1f", (double) rtt.avg_us / reference_rtt.avg_us);
          /* Translators: the ratio of two averages, " (2.2×)" */
          ratio = g_strdup_printf (_(" (%s×)"), number);
        }
      /* Translators: "9.9.9.9: +17.0 ms average (2.2×) vs 8.8.8.8; loss 0% vs 0%; jitter 1.20 ms vs 0.400 ms" */
      g_string_append_printf (out, _("%s: +%s ms average%s vs %s; loss %s%% vs %s%%; jitter %s ms vs %s ms"),
                              target->label, difference, ratio != NULL ? ratio : "", reference->label,
                              loss, reference_loss, jitter, reference_jitter);
    }
  else if (reference_replied)
    {
      g_autofree char *average = sl_ping_format_reply_time (reference_rtt.avg_us);

      /* Translators: "10.0.0.1: no replies vs 8.8.8.8 (12.3 ms average); loss 100% vs 0%" */
      g_string_append_printf (out, _("%s: no replies vs %s (%s ms average); loss %s%% vs %s%%"),
                              target->label, reference->label, average, loss, reference_loss);
    }
  else
    /* Translators: "10.0.0.1: no replies, nor from 10.0.0.2; loss 100% vs 100%" */
    g_string_append_printf (out, _("%s: no replies, nor from %s; loss %s%% vs %s%%"),
                            target->label, reference->label, loss, reference_loss);
}

char *
sl_ping_compare_format (const SlPingTarget *targets,
                        guint               n_targets)
{
  GString *out;
  guint reference = 0;
  gint64 best = G_MAXINT64;

  g_return_val_if_fail (n_targets == 0 || targets != NULL, NULL);

  if (n_targets == 0)
    return NULL;
  for (guint i = 0; i < n_targets; i++)
    g_return_val_if_fail (targets[i].label != NULL && targets[i].stats != NULL, NULL);

  out = g_string_new (NULL);
  if (n_targets == 1)
    {
      append_single (out, &targets[0]);
      return g_string_free (out, FALSE);
    }
  for (guint i = 0; i < n_targets; i++)
    {
      SlPingRtt rtt;

      if (sl_ping_stats_get_rtt (targets[i].stats, &rtt) && rtt.avg_us < best)
        {
          best = rtt.avg_us;
          reference = i;
        }
    }
  for (guint i = 0; i < n_targets; i++)
    {
      if (i == reference)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      append_comparison (out, &targets[i], &targets[reference]);
    }
  return g_string_free (out, FALSE);
}
