/* sl-wrap-box.h: children in a row while they fit, wrapping onto further rows when not.
 * In .ui files, <child> elements are added in order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SL_TYPE_WRAP_BOX (sl_wrap_box_get_type ())

G_DECLARE_FINAL_TYPE (SlWrapBox, sl_wrap_box, SL, WRAP_BOX, GtkWidget)

GtkWidget *sl_wrap_box_new     (void);
void       sl_wrap_box_append  (SlWrapBox *self,
                                GtkWidget *child);
void       sl_wrap_box_prepend (SlWrapBox *self,
                                GtkWidget *child);

G_END_DECLS
