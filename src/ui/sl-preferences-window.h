/* sl-preferences-window.h: the Preferences window: style, default family, timeouts, limits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SL_TYPE_PREFERENCES_WINDOW (sl_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SlPreferencesWindow, sl_preferences_window, SL, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Every row is bound to @settings: a change applies at once, nothing to save. */
GtkWidget *sl_preferences_window_new (GtkWindow *parent,
                                      GSettings *settings);

G_END_DECLS
