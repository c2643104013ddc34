/* sl-adaptive-box.h: two panes side by side in a wide window, stacked in a narrow one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SL_TYPE_ADAPTIVE_BOX (sl_adaptive_box_get_type ())

G_DECLARE_FINAL_TYPE (SlAdaptiveBox, sl_adaptive_box, SL, ADAPTIVE_BOX, GtkWidget)

GtkWidget *sl_adaptive_box_new                    (void);
GtkWidget *sl_adaptive_box_get_start_child        (SlAdaptiveBox *self);
void       sl_adaptive_box_set_start_child        (SlAdaptiveBox *self,
                                                   GtkWidget     *child);
GtkWidget *sl_adaptive_box_get_end_child          (SlAdaptiveBox *self);
void       sl_adaptive_box_set_end_child          (SlAdaptiveBox *self,
                                                   GtkWidget     *child);
/* Where the divider goes when side by side, in pixels from the start. */
int        sl_adaptive_box_get_position           (SlAdaptiveBox *self);
void       sl_adaptive_box_set_position           (SlAdaptiveBox *self,
                                                   int            position);
/* The narrowest width that still shows the children side by side. */
int        sl_adaptive_box_get_side_by_side_width (SlAdaptiveBox *self);
void       sl_adaptive_box_set_side_by_side_width (SlAdaptiveBox *self,
                                                   int            width);
/* Stacked, the least height the end child gets, whatever it asks for. */
int        sl_adaptive_box_get_stacked_end_height (SlAdaptiveBox *self);
void       sl_adaptive_box_set_stacked_end_height (SlAdaptiveBox *self,
                                                   int            height);
/* Whether the last allocation put the children side by side. */
gboolean   sl_adaptive_box_get_side_by_side       (SlAdaptiveBox *self);

G_END_DECLS
