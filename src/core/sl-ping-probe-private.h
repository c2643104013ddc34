/* sl-ping-probe-private.h: what SlPinger uses to fill in its probes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-ping-probe.h"

G_BEGIN_DECLS

/* @send_clock_ns: CLOCK_REALTIME at sendto (), the clock of kernel receive timestamps. */
SlPingProbe *sl_ping_probe_new            (guint64      seq,
                                           gint64       sent_us,
                                           gint64       send_clock_ns);
gint64       sl_ping_probe_get_send_clock_ns (SlPingProbe *self);
void         sl_ping_probe_set_send_clock_ns (SlPingProbe *self,
                                              gint64       send_clock_ns);
void         sl_ping_probe_set_replied    (SlPingProbe *self,
                                           gint64       rtt_us,
                                           int          ttl,
                                           const char  *message);
void         sl_ping_probe_set_failed     (SlPingProbe      *self,
                                           SlPingProbeState  state,
                                           const char       *message);
void         sl_ping_probe_add_duplicate  (SlPingProbe *self);

G_END_DECLS
