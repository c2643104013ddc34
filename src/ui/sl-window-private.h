/* sl-window-private.h: the window's fields, shared by sl-window.c and the files that hold
 * one concern of it (sl-window-exports.c: the lab report and the page images).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-lab-journal.h"
#include "sl-lab-steps.h"
#include "sl-window.h"

G_BEGIN_DECLS

struct _SlWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  SlLabSteps           *lab_steps;
  SlLabJournal         *journal;

  GtkOverlay           *curtain_host;
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
};

/* The page named @name if it was built, else NULL. */
GtkWidget *sl_window_get_built_page      (SlWindow *self,
                                          const char *name);
/* Adds the win. actions of sl-window-exports.c. */
void       sl_window_add_export_actions  (SlWindow *self);

G_END_DECLS
