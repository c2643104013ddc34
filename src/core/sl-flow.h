/* sl-flow.h: the lab's "TCP socket flow" figure as data, built from the user's own traces.
 *
 * An SlFlow reads the Connect page's trace (the client) and the Server page's trace (the
 * server), picks one connection and yields two lanes — client on the left, server on the
 * right — with the socket calls of that connection as steps, and arrows between the lanes:
 * the three-way handshake, the data of each send, the end of the stream. When only one side
 * ran in Socket Lab, the other lane is "outside Socket Lab": it has no steps and arrows go to
 * or come from it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-trace.h"
#include "sl-types.h"

G_BEGIN_DECLS

#define SL_TYPE_FLOW (sl_flow_get_type ())

G_DECLARE_FINAL_TYPE (SlFlow, sl_flow, SL, FLOW, GObject)

/* The lanes: always both when there is anything to draw, the client's first. */
typedef enum {
  SL_FLOW_SIDE_CLIENT,
  SL_FLOW_SIDE_SERVER,
} SlFlowSide;

typedef enum {
  SL_FLOW_ARROW_HANDSHAKE,      /* connect () ⇒ accept (): SYN, SYN-ACK, ACK */
  SL_FLOW_ARROW_DATA,           /* a send's bytes to the recv (or each recv) that got them */
  SL_FLOW_ARROW_END_OF_STREAM,  /* shutdown () or close () ⇒ the other side's recv () = 0 */
} SlFlowArrowKind;

/* An arrow's end on the lane that is outside Socket Lab, in place of a step. */
#define SL_FLOW_OUTSIDE G_MAXUINT

SlFlow          *sl_flow_new                  (SlTrace         *client_trace,
                                               SlTrace         *server_trace);

/* Either may be NULL. Setting one rebuilds at once. */
SlTrace         *sl_flow_get_client_trace     (SlFlow          *self);
void             sl_flow_set_client_trace     (SlFlow          *self,
                                               SlTrace         *trace);
SlTrace         *sl_flow_get_server_trace     (SlFlow          *self);
void             sl_flow_set_server_trace     (SlFlow          *self,
                                               SlTrace         *trace);
/* Which side to draw when both traces have a connection but not the same one (the Connect
 * page's client talked to someone else while the Server page served nc): CLIENT by default. */
SlFlowSide       sl_flow_get_preferred_side   (SlFlow          *self);
void             sl_flow_set_preferred_side   (SlFlow          *self,
                                               SlFlowSide       side);

/* Reads the traces again. The "outdated" signal says when that is worth doing: a trace
 * gained or lost rows, or a row drawn as a step was folded again (its ×N grew). The flow
 * never rebuilds by itself, so its owner decides how often (the widget: once a frame). */
void             sl_flow_rebuild              (SlFlow          *self);
gboolean         sl_flow_is_outdated          (SlFlow          *self);

/* TRUE when there is nothing to draw: no connection and no server socket in either trace. */
gboolean         sl_flow_is_empty             (SlFlow          *self);
/* TCP or UDP, of the connection drawn. */
SlProtocol       sl_flow_get_protocol         (SlFlow          *self);
/* TRUE when both lanes are Socket Lab's: one connection seen from both ends. */
gboolean         sl_flow_is_paired            (SlFlow          *self);

/* Lanes: 0 when empty, else 2 — SL_FLOW_SIDE_CLIENT is lane 0, SL_FLOW_SIDE_SERVER lane 1. */
guint            sl_flow_get_n_lanes          (SlFlow          *self);
gboolean         sl_flow_lane_is_outside      (SlFlow          *self,
                                               guint            lane);
/* "Client — Socket Lab Connect page", "Server — outside Socket Lab" */
const char      *sl_flow_lane_get_title       (SlFlow          *self,
                                               guint            lane);
/* The lane's address and protocol: "127.0.0.1:54554 · TCP", "no client yet" */
const char      *sl_flow_lane_get_subtitle    (SlFlow          *self,
                                               guint            lane);

/* Steps, numbered in time order (both lanes merged by the trace clock). */
guint            sl_flow_get_n_steps          (SlFlow          *self);
guint            sl_flow_step_get_lane        (SlFlow          *self,
                                               guint            step);
/* The call as the lab writes it: "socket()", "bind(('127.0.0.1', 5000))",
 * "accept() → fd 8", "send() → 6 bytes ×3" (×N when the trace folded N identical calls). */
const char      *sl_flow_step_get_label       (SlFlow          *self,
                                               guint            step);
/* A second, plainer line: "AF_INET, SOCK_STREAM → fd 6", "failed: ECONNREFUSED"; NULL if none. */
const char      *sl_flow_step_get_detail      (SlFlow          *self,
                                               guint            step);
gboolean         sl_flow_step_is_failure      (SlFlow          *self,
                                               guint            step);
/* The step's calls on its socket: the trace's ×N for the row, or fewer when the trace
 * folded calls of other sockets into the same row (a second connect's socket ()). */
guint64          sl_flow_step_get_count       (SlFlow          *self,
                                               guint            step);
/* The monotonic time of the step's first call (the trace clock, the same for every trace). */
gint64           sl_flow_step_get_time_us     (SlFlow          *self,
                                               guint            step);
/* The row the step is drawn in, from 0: rows grow down a lane, and an arrow never points up
 * (a handshake's two ends share a row). */
guint            sl_flow_step_get_row         (SlFlow          *self,
                                               guint            step);
/* The trace row the step shows. (transfer none) */
SlTraceEvent    *sl_flow_step_get_event       (SlFlow          *self,
                                               guint            step);
guint            sl_flow_get_n_rows           (SlFlow          *self);

/* A long run keeps its setup (socket () to accept () and connect ()) and its latest steps,
 * SL_FLOW_MAX_STEPS in all; the steps between are left out, with the arrows to them. How
 * many, and the row the figure's note about them goes above (n_rows when none). */
#define SL_FLOW_MAX_STEPS 200
guint            sl_flow_get_n_hidden         (SlFlow          *self);
guint            sl_flow_get_hidden_row       (SlFlow          *self);

/* Arrows, in the order of their first end. */
guint            sl_flow_get_n_arrows         (SlFlow          *self);
SlFlowArrowKind  sl_flow_arrow_get_kind       (SlFlow          *self,
                                               guint            arrow);
/* Steps, or SL_FLOW_OUTSIDE for the lane outside Socket Lab. */
guint            sl_flow_arrow_get_from       (SlFlow          *self,
                                               guint            arrow);
guint            sl_flow_arrow_get_to         (SlFlow          *self,
                                               guint            arrow);
/* "three-way handshake (SYN, SYN-ACK, ACK)", "6 bytes", "6 bytes ×3", "end of stream (FIN)" */
const char      *sl_flow_arrow_get_label      (SlFlow          *self,
                                               guint            arrow);
/* Data arrows: the bytes of one call (0 for the others), and how many calls the arrow stands
 * for. A send read in parts has an arrow to each recv, with the bytes of that part (count 1):
 * "1000 of 1200 bytes". */
guint64          sl_flow_arrow_get_bytes      (SlFlow          *self,
                                               guint            arrow);
guint64          sl_flow_arrow_get_count      (SlFlow          *self,
                                               guint            arrow);
/* A handshake that did not complete (connect () failed). */
gboolean         sl_flow_arrow_is_failure     (SlFlow          *self,
                                               guint            arrow);

/* The figure in words, for screen readers and image descriptions:
 * "Client: socket, connect, send, recv, shutdown, close; Server: socket, setsockopt, bind,
 * listen, accept, recv, send, recv, close; 5 arrows" ("…; 120 calls not shown; …" when the
 * middle of a long run is left out). Empty string when empty. */
char            *sl_flow_describe             (SlFlow          *self);

G_END_DECLS
