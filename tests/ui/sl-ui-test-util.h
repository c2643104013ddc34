/* sl-ui-test-util.h: find widgets the way a user sees them, check what a screen reader hears,
 * and save what they look like.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-application.h"

G_BEGIN_DECLS

/* Depth-first search for a widget of type whose name is name: its accessible label, a row's
 * title, a button's label (mnemonic underscores ignored) or a label's text. */
GtkWidget *sl_ui_test_find          (GtkWidget  *root,
                                     GType       type,
                                     const char *name);
/* Like sl_ui_test_find (), but fails the test when there is no such widget. */
GtkWidget *sl_ui_test_get           (GtkWidget  *root,
                                     GType       type,
                                     const char *name);
/* The first widget of type under root. */
GtkWidget *sl_ui_test_find_type     (GtkWidget  *root,
                                     GType       type);
/* The first button (or other actionable) that activates action_name; fails the test when
 * there is none. */
GtkWidget *sl_ui_test_get_action    (GtkWidget  *root,
                                     const char *action_name);
/* Labels under root that are on screen (mapped) and whose text starts with prefix. */
guint      sl_ui_test_count_labels  (GtkWidget  *root,
                                     const char *prefix);
/* Labels under root that are on screen and whose text contains needle. */
guint      sl_ui_test_count_labels_containing (GtkWidget  *root,
                                               const char *needle);
/* The first label under root that is on screen and whose text contains needle, or NULL. */
GtkWidget *sl_ui_test_find_label_containing   (GtkWidget  *root,
                                               const char *needle);

/* TRUE when widget is drawn and wholly inside its window and inside every scrolled window
 * around it, scrolled as they are now: a user sees all of it without scrolling. */
gboolean   sl_ui_test_is_fully_visible (GtkWidget *widget);

/* A string accessible property of widget, or NULL when it is not set. */
char      *sl_ui_test_accessible_string (GtkWidget             *widget,
                                         GtkAccessibleProperty  property);
/* The name a screen reader announces, computed as GTK 4.8 does: the names of the widgets it is
 * labelled by, then its own label property, the empty ones left out, joined by a space. */
char      *sl_ui_test_accessible_name   (GtkWidget             *widget);

#define sl_ui_test_assert_name(widget, expected)                                   \
  G_STMT_START {                                                                   \
    g_autofree char *sl_name__ = sl_ui_test_accessible_name (GTK_WIDGET (widget)); \
    g_assert_cmpstr (sl_name__, ==, (expected));                                   \
  } G_STMT_END

/* A window holding child, presented and drawn once. */
GtkWindow *sl_ui_test_show          (GtkWidget  *child,
                                     int         width,
                                     int         height);
/* Resizes window, waiting until it has that size and was drawn at it. */
void       sl_ui_test_resize        (GtkWindow  *window,
                                     int         width,
                                     int         height);
/* Checks that content fits a phone-sized window, resizes window to 360 × 640, checks that
 * the panes of content are stacked there, and renders window as name (light and dark). */
void       sl_ui_test_show_on_phone (GtkWindow  *window,
                                     GtkWidget  *content,
                                     const char *name);
/* Iterates the main context until nothing is pending. */
void       sl_ui_test_flush         (void);
/* Iterates until the window of widget has drawn n more frames. */
void       sl_ui_test_wait_frames   (GtkWidget  *widget,
                                     guint       n);
/* What a paste from widget's clipboard would get, or NULL when it holds no text.
 * (transfer full) */
char      *sl_ui_test_read_clipboard (GtkWidget *widget);
/* Turns the real mouse wheel (X buttons 4 up, 5 down) clicks times with the pointer at the
 * centre of widget, through xdotool and the X server: GTK gets the events as from a user.
 * FALSE, with *reason set, when there is no X11 display or no xdotool. */
gboolean   sl_ui_test_x11_wheel     (GtkWidget  *widget,
                                     gboolean    up,
                                     guint       clicks,
                                     char      **reason);
/* Presses and releases the key @keysym ("Page_Up") through xdotool and the X server, with
 * the pointer over @widget (the window under it gets the key). FALSE, with *reason set, as
 * sl_ui_test_x11_wheel (). */
gboolean   sl_ui_test_x11_key       (GtkWidget  *widget,
                                     const char *keysym,
                                     char      **reason);
/* When SL_SCREENSHOT_DIR is set, saves widget as $SL_SCREENSHOT_DIR/name.png; always checks
 * that it renders to a texture of its allocated size. */
void       sl_ui_test_render        (GtkWidget  *widget,
                                     const char *name);
/* Every Save… dialog answers @file from now on, without showing; NULL shows them again. */
void       sl_ui_test_save_exports_to (GFile *file);
/* The application, registered once a process (non-unique) and activated: a window is open.
 * (transfer full) */
SlApplication *sl_ui_test_start_application (void);
/* The shown toplevel window of @type, or NULL. (transfer none) */
GtkWindow *sl_ui_test_find_toplevel (GType type);
/* @window with @dialog over its middle, the window dimmed, as SL_SCREENSHOT_DIR/@name.png. */
void       sl_ui_test_render_with_dialog (GtkWidget  *window,
                                          GtkWidget  *dialog,
                                          const char *name);
/* sl_ui_test_render () in the light style, then as name-dark in the dark style. */
void       sl_ui_test_render_light_and_dark (GtkWidget  *widget,
                                             const char *name);

/* A label's text as read: no-break spaces count as spaces. (transfer full) */
char       *sl_ui_test_label_text (GtkLabel *label);

G_END_DECLS
