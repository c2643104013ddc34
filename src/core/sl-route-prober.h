/* sl-route-prober.h: one way of sending route probes (private). A prober owns the socket(s)
 * of a run, sends a probe with the TTL SlRoute asks for and tells it, through its sink,
 * who answered. SlRoute keeps the schedule and the hops; probers know only packets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sys/socket.h>

#include "sl-route.h"
#include "sl-socket.h"
#include "sl-trace.h"

G_BEGIN_DECLS

#define SL_TYPE_ROUTE_PROBER (sl_route_prober_get_type ())

G_DECLARE_INTERFACE (SlRouteProber, sl_route_prober, SL, ROUTE_PROBER, GObject)

/* Keys a probe is known by on the wire (a UDP port offset, an ICMP sequence number) are
 * below this: UDP ports from SL_ROUTE_UDP_BASE_PORT, traceroute's, stay below 65536. */
#define SL_ROUTE_KEY_SPACE       32000
#define SL_ROUTE_UDP_BASE_PORT   33434

/* One probe; SlRoute owns it, probers fill in what they did. */
typedef struct {
  guint     ttl;
  guint16   key;             /* below SL_ROUTE_KEY_SPACE, unique among probes in flight */
  gint64    sent_us;         /* monotonic, when it was sent (SlRoute's schedule) */
  gint64    send_clock_ns;   /* CLOCK_REALTIME just before sending: kernel timestamps' clock */
  guint     size;            /* bytes of the IP packet: SlRoute asks, the prober says what it
                              * sent (at least its headers); 0 when not sized (TCP) */
  gpointer  prober_data;
} SlRouteProbe;

typedef enum {
  SL_ROUTE_ANSWER_TIME_EXCEEDED,  /* a router: the TTL ran out there */
  SL_ROUTE_ANSWER_DESTINATION,    /* the target itself (port unreachable, echo reply, SYN-ACK / RST) */
  SL_ROUTE_ANSWER_UNREACHABLE,    /* a router says the target cannot be reached: the route ends */
  SL_ROUTE_ANSWER_TOO_BIG,        /* larger than a link on the way: send again at mtu bytes */
} SlRouteAnswerKind;

typedef struct {
  SlRouteAnswerKind        kind;
  struct sockaddr_storage  from;     /* who answered */
  gint64                   rtt_us;
  guint                    mtu;      /* TOO_BIG */
  char                    *what;     /* UNREACHABLE, or a refusal by the target: ICMP's words */
} SlRouteAnswer;

/* How a prober reports back; called from the main context. */
typedef struct {
  /* The probe in flight with this key, or NULL (not ours, or given up on). */
  SlRouteProbe *(*lookup)   (guint16               key,
                             gpointer              user_data);
  void          (*answered) (SlRouteProbe         *probe,
                             const SlRouteAnswer  *answer,
                             gpointer              user_data);
  /* The probe could not be sent, or failed locally: it gets no answer. */
  void          (*failed)   (SlRouteProbe         *probe,
                             const char           *message,
                             gpointer              user_data);
} SlRouteSink;

typedef struct {
  SlProbeTarget            target;       /* port 0; TCP uses tcp_port */
  guint                    tcp_port;
  SlTrace                 *trace;
  const SlRouteSink       *sink;
  gpointer                 sink_data;
} SlRouteProberOptions;

struct _SlRouteProberInterface
{
  GTypeInterface parent_iface;

  SlRouteMethod (*get_method)      (SlRouteProber *self);
  void          (*send)            (SlRouteProber *self,
                                    SlRouteProbe  *probe);
  /* SlRoute no longer waits for the probe: free what it holds. */
  void          (*abandon)         (SlRouteProber *self,
                                    SlRouteProbe  *probe);
  void          (*close)           (SlRouteProber *self);
};

SlRouteMethod  sl_route_prober_get_method      (SlRouteProber *self);
/* Sets the TTL, reads the clock and sends @probe (of probe->size bytes where the method
 * sizes its probes); never blocks. May call the sink at once. */
void           sl_route_prober_send            (SlRouteProber *self,
                                                SlRouteProbe  *probe);
void           sl_route_prober_abandon         (SlRouteProber *self,
                                                SlRouteProbe  *probe);
/* Closes the sockets; no sink call follows. */
void           sl_route_prober_close           (SlRouteProber *self);

/* Shared by the probers. */

/* Sets IP_TTL or IPV6_UNICAST_HOPS (recorded in the trace): 0 or the errno. */
int            sl_route_set_ttl                (SlSocket      *socket,
                                                GSocketFamily  family,
                                                guint          ttl);
/* What an error-queue report says about a probe sent to @target; FALSE when it is not an
 * ICMP error or local EMSGSIZE. answer->what is allocated: clear with sl_route_answer_clear. */
gboolean       sl_route_answer_from_error      (const SlSocketMessage         *message,
                                                const SlProbeTarget           *target,
                                                const SlRouteProbe            *probe,
                                                SlRouteAnswer                 *answer);
void           sl_route_answer_clear           (SlRouteAnswer *answer);
G_END_DECLS
