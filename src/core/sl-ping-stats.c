/* sl-ping-stats.c: ping statistics computed and printed exactly like iputils ping.
 *
 * iputils keeps integer microseconds: tsum and tsum2 include duplicate replies, the average
 * and variance use integer division, the deviation an integer square root. We do the same so
 * a student comparing with `ping -c N` sees the same digits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-ping-stats.h"

struct _SlPingStats
{
  guint64  transmitted;
  guint64  received;
  guint64  duplicates;
  guint64  errors;
  guint64  corrupted;
  guint64  forged;
  gint64   time_ms;

  /* iputils accumulators, over replies and duplicates */
  gint64   tmin;
  gint64   tmax;
  gint64   tsum;
  gint64   tsum2;

  GArray  *samples;   /* gint64 rtt_us of first replies, in arrival order */
  double   jitter_sum;
};

G_DEFINE_BOXED_TYPE (SlPingStats, sl_ping_stats, sl_ping_stats_copy, sl_ping_stats_free)

SlPingStats *
sl_ping_stats_new (void)
{
  SlPingStats *self = g_new0 (SlPingStats, 1);

  self->tmin = G_MAXINT64;
  self->samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  return self;
}

SlPingStats *
sl_ping_stats_copy (const SlPingStats *self)
{
  SlPingStats *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->samples = g_array_copy (self->samples);
  return copy;
}

void
sl_ping_stats_free (SlPingStats *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->samples);
  g_free (self);
}

void
sl_ping_stats_add_transmitted (SlPingStats *self)
{
  g_return_if_fail (self != NULL);
  self->transmitted++;
}

void
sl_ping_stats_add_reply (SlPingStats *self,
                         gint64       rtt_us,
                         gboolean     duplicate)
{
  g_return_if_fail (self != NULL);

  rtt_us = MAX (rtt_us, 0);
  self->tsum += rtt_us;
  self->tsum2 += rtt_us * rtt_us;
  self->tmin = MIN (self->tmin, rtt_us);
  self->tmax = MAX (self->tmax, rtt_us);

  if (duplicate)
    {
      self->duplicates++;
      return;
    }

  self->received++;
  if (self->samples->len > 0)
    {
      gint64 previous = g_array_index (self->samples, gint64, self->samples->len - 1);
      self->jitter_sum += (double) ABS (rtt_us - previous);
    }
  g_array_append_val (self->samples, rtt_us);
}

void
sl_ping_stats_add_error (SlPingStats *self)
{
  g_return_if_fail (self != NULL);
  self->errors++;
}

void
sl_ping_stats_add_corrupted (SlPingStats *self)
{
  g_return_if_fail (self != NULL);
  self->corrupted++;
}

void
sl_ping_stats_add_forged (SlPingStats *self)
{
  g_return_if_fail (self != NULL);
  self->forged++;
}

void
sl_ping_stats_set_time_ms (SlPingStats *self,
                           gint64       time_ms)
{
  g_return_if_fail (self != NULL);
  self->time_ms = MAX (time_ms, 0);
}

guint64
sl_ping_stats_get_transmitted (const SlPingStats *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->transmitted;
}

guint64
sl_ping_stats_get_received (const SlPingStats *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->received;
}

guint64
sl_ping_stats_get_duplicates (const SlPingStats *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->duplicates;
}

guint64
sl_ping_stats_get_errors (const SlPingStats *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->errors;
}

guint64
sl_ping_stats_get_corrupted (const SlPingStats *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->corrupted;
}

guint64
sl_ping_stats_get_forged (const SlPingStats *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->forged;
}

gint64
sl_ping_stats_get_time_ms (const SlPingStats *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->time_ms;
}

double
sl_ping_stats_get_loss_percent (const SlPingStats *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  if (self->transmitted == 0)
    return 0.0;
  /* iputils narrows the quotient to float before printing it with %g. */
  return (float) (((gint64) (self->transmitted - self->received) * 100.0) / self->transmitted);
}

/* Newton's method from above: floor (sqrt (a)), as iputils' llsqrt (). */
static gint64
integer_sqrt (gint64 a)
{
  gint64 previous = G_MAXINT64;
  gint64 x = a;

  if (x <= 0)
    return x;
  while (x < previous)
    {
      previous = x;
      x = (x + a / x) / 2;
    }
  return x;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gint64
nearest_rank (const GArray *sorted,
              guint         percent)
{
  guint64 rank = ((guint64) percent * sorted->len + 99) / 100;

  rank = CLAMP (rank, 1, sorted->len);
  return g_array_index (sorted, gint64, rank - 1);
}

gboolean
sl_ping_stats_get_rtt (const SlPingStats *self,
                       SlPingRtt         *out_rtt)
{
  g_autoptr(GArray) sorted = NULL;
  gint64 total, variance;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_rtt != NULL, FALSE);

  if (self->received == 0)
    return FALSE;

  total = (gint64) (self->received + self->duplicates);
  out_rtt->min_us = self->tmin;
  out_rtt->max_us = self->tmax;
  out_rtt->avg_us = self->tsum / total;
  /* The order of operations is iputils': it avoids rounding small times to zero. */
  if (self->tsum < G_MAXINT)
    variance = (self->tsum2 - (self->tsum * self->tsum) / total) / total;
  else
    variance = self->tsum2 / total - out_rtt->avg_us * out_rtt->avg_us;
  out_rtt->mdev_us = integer_sqrt (variance);

  out_rtt->jitter_us = self->samples->len > 1 ? self->jitter_sum / (self->samples->len - 1) : 0.0;
  sorted = g_array_copy (self->samples);
  g_array_sort (sorted, compare_gint64);
  out_rtt->p50_us = nearest_rank (sorted, 50);
  out_rtt->p95_us = nearest_rank (sorted, 95);
  return TRUE;
}

char *
sl_ping_format_ms (gint64 us)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%03" G_GINT64_FORMAT, us / 1000, ABS (us % 1000));
}

char *
sl_ping_format_reply_time (gint64 rtt_us)
{
  /* The precision shrinks as the time grows, exactly as in iputils' reply lines. */
  if (rtt_us >= 100000 - 50)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (rtt_us + 500) / 1000);
  if (rtt_us >= 10000 - 5)
    return g_strdup_printf ("%" G_GINT64_FORMAT ".%01" G_GINT64_FORMAT,
                            (rtt_us + 50) / 1000, ((rtt_us + 50) % 1000) / 100);
  if (rtt_us >= 1000)
    return g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT,
                            (rtt_us + 5) / 1000, ((rtt_us + 5) % 1000) / 10);
  return sl_ping_format_ms (rtt_us);
}

char *
sl_ping_format_loss (double loss_percent)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* %g in the C locale, as iputils switches to it for this number. */
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", loss_percent));
}

char *
sl_ping_stats_format_packets (const SlPingStats *self)
{
  GString *line;

  g_return_val_if_fail (self != NULL, NULL);

  /* Not translated, in any language: this line is byte for byte what LC_ALL=C ping prints
   * (Debian's ping prints it so in every locale), so students can set the two side by side
   * and the tests compare it with iputils. sl_ping_stats_explain_line () says it in words. */
  line = g_string_new (NULL);
  g_string_append_printf (line, "%llu packets transmitted, ", (unsigned long long) self->transmitted);
  g_string_append_printf (line, "%llu received", (unsigned long long) self->received);
  if (self->duplicates > 0)
    g_string_append_printf (line, ", +%llu duplicates", (unsigned long long) self->duplicates);
  if (self->corrupted > 0)
    g_string_append_printf (line, ", +%llu corrupted", (unsigned long long) self->corrupted);
  if (self->errors > 0)
    g_string_append_printf (line, ", +%llu errors", (unsigned long long) self->errors);
  if (self->transmitted > 0)
    {
      g_autofree char *loss = sl_ping_format_loss (sl_ping_stats_get_loss_percent (self));

      g_string_append_printf (line, ", %s%% packet loss", loss);
      g_string_append_printf (line, ", time %lldms", (long long) self->time_ms);
    }
  return g_string_free (line, FALSE);
}

char *
sl_ping_stats_format_rtt (const SlPingStats *self)
{
  SlPingRtt rtt;
  g_autofree char *min = NULL, *avg = NULL, *max = NULL, *mdev = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (!sl_ping_stats_get_rtt (self, &rtt))
    return NULL;
  min = sl_ping_format_ms (rtt.min_us);
  avg = sl_ping_format_ms (rtt.avg_us);
  max = sl_ping_format_ms (rtt.max_us);
  mdev = sl_ping_format_ms (rtt.mdev_us);
  /* As LC_ALL=C ping prints it, in every language (see sl_ping_stats_format_packets ()). */
  return g_strdup_printf ("rtt min/avg/max/mdev = %s/%s/%s/%s ms", min, avg, max, mdev);
}

char *
sl_ping_stats_format_extra (const SlPingStats *self)
{
  SlPingRtt rtt;
  g_autofree char *p50 = NULL, *p95 = NULL;
  char jitter[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (self != NULL, NULL);

  if (!sl_ping_stats_get_rtt (self, &rtt))
    return NULL;
  g_ascii_formatd (jitter, sizeof jitter, "%.3f", rtt.jitter_us / 1000.0);
  p50 = sl_ping_format_ms (rtt.p50_us);
  p95 = sl_ping_format_ms (rtt.p95_us);
  /* Translators: Socket Lab's own line under ping's two statistics lines (ping has no such
   * line); p50 and p95 are the 50th and 95th percentiles. */
  return g_strdup_printf (_("jitter %s ms, p50 %s ms, p95 %s ms"), jitter, p50, p95);
}

char *
sl_ping_stats_format_summary (const SlPingStats *self,
                              const char        *host)
{
  g_autofree char *packets = NULL;
  g_autofree char *rtt = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (host != NULL, NULL);

  packets = sl_ping_stats_format_packets (self);
  rtt = sl_ping_stats_format_rtt (self);
  /* iputils ends the rtt line with a newline, and prints that newline alone without it.
   * Not translated: ping's own summary, as LC_ALL=C ping prints it. */
  return g_strdup_printf ("--- %s ping statistics ---\n%s\n%s\n", host, packets, rtt ? rtt : "");
}

const char *
sl_ping_stats_explain_line (SlPingStatsLine line)
{
  switch (line)
    {
    case SL_PING_STATS_LINE_PACKETS:
      /* Translators: explains ping's packets line, which is not translated ("3 packets
       * transmitted, 3 received, 0% packet loss, time 2003ms"): keep its words transmitted,
       * received, packet loss and time in English before each colon, and explain them. */
      return _("transmitted: probes sent; received: their replies; packet loss: (transmitted − received) "
               "× 100 / transmitted; time: from the first probe to the last, as ping prints it");
    case SL_PING_STATS_LINE_RTT:
      /* Translators: explains ping's line "rtt min/avg/max/mdev = …", which is not translated:
       * keep min, avg, max and mdev in English before each colon. */
      return _("min, avg, max: the fastest, the mean and the slowest round trip; mdev: how much the "
               "round trips vary (their standard deviation, computed as iputils does)");
    case SL_PING_STATS_LINE_EXTRA:
      /* Translators: explains the line "jitter %s ms, p50 %s ms, p95 %s ms": use the same words
       * for jitter, p50 and p95 as there. "95 %" is a percentage, not a format. */
      /* xgettext:no-c-format */
      return _("jitter: the mean change from one round trip to the next; p50: half the replies were "
               "faster (the median); p95: 95 % of them were faster");
    default:
      g_return_val_if_reached (NULL);
    }
}
