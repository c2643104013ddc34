/* sl-prober.h: one ping method. A prober owns the socket(s) of a run, sends a probe when
 * the pinger's schedule says so and tells the pinger, through its sink, what became of it.
 * The pinger keeps the schedule, the statistics and the log; probers know only packets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sys/socket.h>

#include "sl-ping-probe.h"
#include "sl-probe-runner.h"
#include "sl-trace.h"
#include "sl-types.h"

G_BEGIN_DECLS

#define SL_TYPE_PROBER (sl_prober_get_type ())

G_DECLARE_INTERFACE (SlProber, sl_prober, SL, PROBER, GObject)

/* What came back for a probe. */
typedef struct {
  gint64    rtt_us;
  int       ttl;        /* -1 when unknown (TCP) */
  gsize     bytes;      /* ICMP bytes of the reply; 0 for TCP */
  gboolean  refused;    /* TCP: the port answered with a RST, which counts as a reply */
} SlProbeAnswer;

/* How a prober reports back. All are called from the main context. */
typedef struct {
  /* The probe with this 16-bit sequence number, NULL when none was sent (or it is gone). */
  SlPingProbe *(*lookup)    (guint16       wire_seq,
                             gpointer      user_data);
  /* A valid answer: the first one replies, later ones are duplicates or late. */
  void         (*replied)   (SlPingProbe          *probe,
                             const SlProbeAnswer  *answer,
                             gpointer              user_data);
  /* An answer to the probe with a bad checksum (iputils' "+N corrupted"). */
  void         (*corrupted) (SlPingProbe          *probe,
                             const SlProbeAnswer  *answer,
                             gpointer              user_data);
  /* An error about the probe: ICMP unreachable, a refused sendto (), a failed connect. */
  void         (*failed)    (SlPingProbe  *probe,
                             const char   *message,
                             gpointer      user_data);
  /* Something that claims to be ours (our id) but does not check out. */
  void         (*forged)    (guint16       wire_seq,
                             const char   *why,
                             gpointer      user_data);
} SlProbeSink;

/* What every prober is opened with. */
typedef struct {
  SlProbeTarget            target;       /* port 0; TCP uses tcp_port */
  guint                    payload_size;
  guint                    tcp_port;
  SlTrace                 *trace;
  const SlProbeSink       *sink;
  gpointer                 sink_data;
} SlProberOptions;

struct _SlProberInterface
{
  GTypeInterface parent_iface;

  SlPingMethod (*get_method) (SlProber    *self);
  guint16      (*get_ident)  (SlProber    *self);
  void         (*send)       (SlProber    *self,
                              SlPingProbe *probe);
  /* The pinger gave up on the probe (lost): free what it holds. */
  void         (*abandon)    (SlPingProbe *probe,
                              SlProber    *self);
  void         (*close)      (SlProber    *self);
};

SlPingMethod  sl_prober_get_method (SlProber    *self);
/* The ICMP echo id (0 for TCP). */
guint16       sl_prober_get_ident  (SlProber    *self);
/* Reads the clock, sends; never blocks. */
void          sl_prober_send       (SlProber    *self,
                                    SlPingProbe *probe);
void          sl_prober_abandon    (SlProber    *self,
                                    SlPingProbe *probe);
/* Closes the sockets; no sink call follows. */
void          sl_prober_close      (SlProber    *self);

G_END_DECLS
