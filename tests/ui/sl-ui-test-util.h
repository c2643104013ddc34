/* sl-ui-test-util.h: find widgets the way a user sees them, and save what they look like.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Depth-first search for a widget of type whose name is name: its accessible label, a row's
 * title, a button's label (mnemonic underscores ignored) or a label's text. */
GtkWidget *sl_ui_test_find          (GtkWidget  *root,
                                     GType       type,
                                     const char *name);
/* The first widget of type under root. */
GtkWidget *sl_ui_test_find_type     (GtkWidget  *root,
                                     GType       type);
/* A window holding child, presented and drawn once. */
GtkWindow *sl_ui_test_show          (GtkWidget  *child,
                                     int         width,
                                     int         height);
/* Iterates the main context until nothing is pending. */
void       sl_ui_test_flush         (void);
/* When SL_SCREENSHOT_DIR is set, saves widget as $SL_SCREENSHOT_DIR/name.png; always checks
 * that it renders to a texture of its allocated size. */
void       sl_ui_test_render        (GtkWidget  *widget,
                                     const char *name);

G_END_DECLS
