/* sl-lab-step.h: one step of the lab: what it teaches, the fields it fills, and the fact
 * that shows it was done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the pages did, as the steps check it. */
typedef enum {
  SL_LAB_FACT_NONE,           /* a step with no goal (the student's own presets) */
  SL_LAB_FACT_RESOLVED,       /* the Connect page resolved a host name */
  SL_LAB_FACT_TCP_SENT,       /* the Connect page sent data over TCP */
  SL_LAB_FACT_TCP_ECHOED,     /* the Connect page received data over TCP */
  SL_LAB_FACT_UDP_ECHOED,     /* the Connect page received a datagram */
  SL_LAB_FACT_PINGS_COMPARED, /* a ping run had replies from two targets or more */
} SlLabFact;

#define SL_TYPE_LAB_STEP (sl_lab_step_get_type ())

G_DECLARE_FINAL_TYPE (SlLabStep, sl_lab_step, SL, LAB_STEP, GObject)

/* @values: a{sv}, settings key → value, what the step fills in (never runs). Done when
 * @goal is noted for @goal_host (NULL: any; letter case ignored) and @goal_port (0: any). */
SlLabStep   *sl_lab_step_new           (const char *id,
                                        const char *title,
                                        const char *teaches,
                                        const char *page,
                                        GVariant   *values,
                                        SlLabFact   goal,
                                        const char *goal_host,
                                        guint       goal_port);
const char  *sl_lab_step_get_id        (SlLabStep  *self);
const char  *sl_lab_step_get_title     (SlLabStep  *self);
/* One sentence: what the step teaches. */
const char  *sl_lab_step_get_teaches   (SlLabStep  *self);
/* The page its fields are on: "connect", "server", "ping" or "route". */
const char  *sl_lab_step_get_page      (SlLabStep  *self);
GVariant    *sl_lab_step_get_values    (SlLabStep  *self);
SlLabFact    sl_lab_step_get_goal      (SlLabStep  *self);
/* Whether @fact about @host:@port is what this step waits for. */
gboolean     sl_lab_step_is_reached_by (SlLabStep  *self,
                                        SlLabFact   fact,
                                        const char *host,
                                        guint       port);
/* Also the property "done". */
gboolean     sl_lab_step_get_done      (SlLabStep  *self);
void         sl_lab_step_set_done      (SlLabStep  *self,
                                        gboolean    done);

G_END_DECLS
