/* sl-ping-compare.h: the line comparing the ping runs of two or more targets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-ping-stats.h"

G_BEGIN_DECLS

/* One run: how the student calls the target ("8.8.8.8") and its statistics. */
typedef struct {
  const char        *label;
  const SlPingStats *stats;
} SlPingTarget;

/* The comparison the Ping page's card and the report show. The reference is the target
 * with the lowest average RTT (the first of equals; the first target when none replied);
 * every other target, in the order given, gets one line against it:
 *
 *   "9.9.9.9: +17.0 ms average (2.2×) vs 8.8.8.8; loss 0% vs 0%; jitter 1.20 ms vs 0.400 ms"
 *   "10.0.0.1: no replies vs 8.8.8.8 (12.3 ms average); loss 100% vs 0%"
 *   "10.0.0.1: no replies, nor from 10.0.0.2; loss 100% vs 100%"
 *
 * Times have ping's precision (three significant digits: "0.041", "1.23", "12.3", "123"),
 * the ratio one decimal (left out when the reference's average is 0), losses iputils' %g.
 * A single target gets its own facts: "8.8.8.8: 12.3 ms average; loss 0%; jitter 0.400 ms"
 * or "8.8.8.8: no replies; loss 100%". Lines are joined with "\n", no newline at the end.
 * Returns NULL when @n_targets is 0. Translated. */
char *sl_ping_compare_format (const SlPingTarget *targets,
                              guint               n_targets);

G_END_DECLS
