/* sl-ping-probe.h: one echo request (or TCP connect) of a ping run and what became of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  SL_PING_PROBE_STATE_PENDING,
  SL_PING_PROBE_STATE_REPLIED,
  SL_PING_PROBE_STATE_LOST,
  SL_PING_PROBE_STATE_ERROR,
} SlPingProbeState;

#define SL_TYPE_PING_PROBE (sl_ping_probe_get_type ())

G_DECLARE_FINAL_TYPE (SlPingProbe, sl_ping_probe, SL, PING_PROBE, GObject)

guint64           sl_ping_probe_get_seq         (SlPingProbe *self);   /* from 1 */
SlPingProbeState  sl_ping_probe_get_state       (SlPingProbe *self);
gint64            sl_ping_probe_get_sent_us     (SlPingProbe *self);   /* since the run started */
gint64            sl_ping_probe_get_rtt_us      (SlPingProbe *self);   /* -1 unless replied */
int               sl_ping_probe_get_ttl         (SlPingProbe *self);   /* -1 when unknown */
guint             sl_ping_probe_get_duplicates  (SlPingProbe *self);
/* The ping-style line: "64 bytes from ::1: icmp_seq=1 ttl=64 time=0.041 ms", NULL while pending. */
const char       *sl_ping_probe_get_message     (SlPingProbe *self);

G_END_DECLS
