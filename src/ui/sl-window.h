/* sl-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-application.h"
#include "sl-lab-steps.h"

G_BEGIN_DECLS

#define SL_TYPE_WINDOW (sl_window_get_type ())

G_DECLARE_FINAL_TYPE (SlWindow, sl_window, SL, WINDOW, AdwApplicationWindow)

SlWindow   *sl_window_new              (SlApplication *application);
const char *sl_window_get_visible_page (SlWindow      *self);
/* The Lab Steps of this window's session: which are done. */
SlLabSteps *sl_window_get_lab_steps    (SlWindow      *self);
/* What the window and its pages remember (the "settings" construct property). */
GSettings  *sl_window_get_settings     (SlWindow      *self);
/* "connect", "server", "ping" or "route": the page, built now if it was never shown yet. */
GtkWidget  *sl_window_ensure_page      (SlWindow      *self,
                                        const char    *name);

G_END_DECLS
