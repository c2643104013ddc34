/* sl-lab-steps.h: the lab's steps, in order, then the student's own presets; which are done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-lab-step.h"

G_BEGIN_DECLS

#define SL_TYPE_LAB_STEPS (sl_lab_steps_get_type ())

/* A GListModel of SlLabStep. */
G_DECLARE_FINAL_TYPE (SlLabSteps, sl_lab_steps, SL, LAB_STEPS, GObject)

/* The classic lab's steps: resolve a web server's name, connect on port 80 with an HTTP
 * request, a TCP and a UDP echo server with a client, ping two public resolvers. */
SlLabSteps  *sl_lab_steps_new                (void);
SlLabStep   *sl_lab_steps_find               (SlLabSteps *self,
                                              const char *id);
/* Marks done every step @fact about @host:@port reaches. */
void         sl_lab_steps_note               (SlLabSteps *self,
                                              SlLabFact   fact,
                                              const char *host,
                                              guint       port);
/* The titles of the steps done, in the lab's order (for the report). (transfer full) */
char       **sl_lab_steps_dup_done_titles    (SlLabSteps *self);

/* The student's own presets, as stored: a(ssa{sv}), title, page, settings key → value. */
#define SL_LAB_STEPS_CUSTOM_TYPE "a(ssa{sv})"
GVariant    *sl_lab_steps_dup_custom         (SlLabSteps *self);
/* Replaces the student's presets with @custom (of SL_LAB_STEPS_CUSTOM_TYPE). */
void         sl_lab_steps_set_custom         (SlLabSteps *self,
                                              GVariant   *custom);
/* Adds one after the others; its id is "custom-N". (transfer none) */
SlLabStep   *sl_lab_steps_add_custom         (SlLabSteps *self,
                                              const char *title,
                                              const char *page,
                                              GVariant   *values);
/* Only the student's presets can go; FALSE for the lab's own steps or an unknown id. */
gboolean     sl_lab_steps_remove_custom      (SlLabSteps *self,
                                              const char *id);
gboolean     sl_lab_steps_is_custom          (SlLabSteps *self,
                                              SlLabStep  *step);

G_END_DECLS
