/* sl-accessible.h: names for controls that GTK 4.8 leaves unnamed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Names the button inside every GtkDropDown under root after its drop-down: that button
 * takes the keyboard focus, and GTK 4.8 gives it no name, so screen readers announced
 * "GtkToggleButton". */
void sl_accessible_name_drop_downs (GtkWidget *root);

G_END_DECLS
