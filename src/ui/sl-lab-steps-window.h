/* sl-lab-steps-window.h: the Lab Steps window: the classic lab as one-click presets that fill
 * the pages' fields, ticked as they are done, and the student's own presets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-lab-steps.h"
#include "sl-window.h"

G_BEGIN_DECLS

#define SL_TYPE_LAB_STEPS_WINDOW (sl_lab_steps_window_get_type ())

G_DECLARE_FINAL_TYPE (SlLabStepsWindow, sl_lab_steps_window, SL, LAB_STEPS_WINDOW, AdwWindow)

/* @steps are @parent's; a step's values go into @parent's settings, where its pages read
 * them, and the student's presets are kept in the custom-lab-steps key. */
GtkWidget *sl_lab_steps_window_new  (SlWindow   *parent,
                                     SlLabSteps *steps);
/* Fills in the fields @id names and shows its page; nothing runs. FALSE for an unknown id. */
gboolean   sl_lab_steps_window_fill (SlLabStepsWindow *self,
                                     const char       *id);

G_END_DECLS
