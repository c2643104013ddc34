/* sl-ping-stats.h: ping statistics computed and printed exactly like iputils ping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SL_TYPE_PING_STATS (sl_ping_stats_get_type ())

typedef struct _SlPingStats SlPingStats;

/* Round-trip times in microseconds, as iputils measures and rounds them. */
typedef struct {
  gint64 min_us;
  gint64 avg_us;
  gint64 max_us;
  gint64 mdev_us;     /* population standard deviation, iputils integer arithmetic */
  double jitter_us;   /* mean |rtt[i] - rtt[i-1]| over replies in arrival order */
  gint64 p50_us;      /* nearest-rank percentiles of the replies (duplicates excluded) */
  gint64 p95_us;
} SlPingRtt;

GType        sl_ping_stats_get_type          (void) G_GNUC_CONST;
SlPingStats *sl_ping_stats_new               (void);
SlPingStats *sl_ping_stats_copy              (const SlPingStats *self);
void         sl_ping_stats_free              (SlPingStats       *self);

void         sl_ping_stats_add_transmitted   (SlPingStats       *self);
/* A reply matched to a probe; a second reply to the same probe is a duplicate. */
void         sl_ping_stats_add_reply         (SlPingStats       *self,
                                              gint64             rtt_us,
                                              gboolean           duplicate);
/* An ICMP error (unreachable, time exceeded) about one of our probes: "+N errors". */
void         sl_ping_stats_add_error         (SlPingStats       *self);
/* A reply to our probe with a bad checksum: "+N corrupted". */
void         sl_ping_stats_add_corrupted     (SlPingStats       *self);
/* A reply with our id that fails the checks (wrong data or source, a sequence number never
 * sent): ignored, only counted (not in the summary). Others' traffic is not counted at all. */
void         sl_ping_stats_add_forged         (SlPingStats       *self);
/* iputils "time": from the first to the last probe sent, in milliseconds. */
void         sl_ping_stats_set_time_ms       (SlPingStats       *self,
                                              gint64             time_ms);

guint64      sl_ping_stats_get_transmitted   (const SlPingStats *self);
guint64      sl_ping_stats_get_received      (const SlPingStats *self);
guint64      sl_ping_stats_get_duplicates    (const SlPingStats *self);
guint64      sl_ping_stats_get_errors        (const SlPingStats *self);
guint64      sl_ping_stats_get_corrupted     (const SlPingStats *self);
guint64      sl_ping_stats_get_forged         (const SlPingStats *self);
gint64       sl_ping_stats_get_time_ms       (const SlPingStats *self);
/* (tx − rx)·100/tx, 0 when nothing was sent. */
double       sl_ping_stats_get_loss_percent  (const SlPingStats *self);
/* FALSE when no reply was received (nothing to report). */
gboolean     sl_ping_stats_get_rtt           (const SlPingStats *self,
                                              SlPingRtt         *out_rtt);

/* "--- HOST ping statistics ---\n… packet loss, time …ms\nrtt min/avg/max/mdev = … ms\n",
 * character for character what iputils prints at the end of a run. */
char        *sl_ping_stats_format_summary    (const SlPingStats *self,
                                              const char        *host);
/* "5 packets transmitted, 5 received, 0% packet loss, time 4005ms" */
char        *sl_ping_stats_format_packets    (const SlPingStats *self);
/* "rtt min/avg/max/mdev = 0.031/0.042/0.057/0.009 ms", or NULL without replies. */
char        *sl_ping_stats_format_rtt        (const SlPingStats *self);
/* "jitter 0.009 ms, p50 0.041 ms, p95 0.057 ms", or NULL without replies. */
char        *sl_ping_stats_format_extra      (const SlPingStats *self);

/* The lines of the summary that carry numbers, for sl_ping_stats_explain_line (). */
typedef enum {
  SL_PING_STATS_LINE_PACKETS,   /* "5 packets transmitted, 5 received, …" */
  SL_PING_STATS_LINE_RTT,       /* "rtt min/avg/max/mdev = …" */
  SL_PING_STATS_LINE_EXTRA,     /* "jitter …, p50 …, p95 …" */
} SlPingStatsLine;

/* What the numbers of @line mean, in one plain sentence: the statistics card's tooltips and
 * the report say the same. Translated. */
const char  *sl_ping_stats_explain_line      (SlPingStatsLine    line);

/* "33.3333" as iputils prints the loss with %g. */
char        *sl_ping_format_loss             (double             loss_percent);
/* "0.041", "1.23", "12.3", "123": the time= of one reply line, in ms. */
char        *sl_ping_format_reply_time       (gint64             rtt_us);
/* "0.041": microseconds as milliseconds with three decimals. */
char        *sl_ping_format_ms               (gint64             us);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlPingStats, sl_ping_stats_free)

G_END_DECLS
