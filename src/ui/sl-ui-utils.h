/* sl-ui-utils.h: the small helpers every page uses: inline field errors, toasts, the
 * Start/Stop button pair, and names for controls GTK 4.8 leaves unnamed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Marks field as wrong with error's message shown in message (its accessible description
 * and invalid state too); error NULL clears the mark. */
void sl_field_error_show           (GtkWidget    *field,
                                    GtkLabel     *message,
                                    const GError *error);

/* Shows text (plain, never markup) as a toast in the nearest AdwToastOverlay above from. */
void sl_show_toast                 (GtkWidget    *from,
                                    const char   *text);

/* Shows stop while running, start otherwise, and enables their actions (installed on owner):
 * stop's while running, start's when not running and can_start. Keyboard focus on the button
 * that goes away moves to the one that comes, so Space on Start leaves the focus on Stop. */
void sl_button_pair_update         (GtkWidget    *owner,
                                    GtkWidget    *start,
                                    GtkWidget    *stop,
                                    gboolean      running,
                                    gboolean      can_start);

/* Text that wraps only at a space after @separator, between two fields ("5 packets
 * transmitted, 5 received"): every other space becomes one that does not break. */
char *sl_text_wrap_after           (const char   *text,
                                    char          separator);

/* Names the button inside every GtkDropDown under root after its drop-down: that button
 * takes the keyboard focus, and GTK 4.8 gives it no name, so screen readers announced
 * "GtkToggleButton". */
void sl_accessible_name_drop_downs (GtkWidget    *root);

/* The "page.focus-host" action of every page: the keyboard goes to the page's first field,
 * its host (Ctrl+L, as a browser's address bar). Install it with
 * gtk_widget_class_install_action (class, "page.focus-host", NULL, sl_focus_first_field). */
void sl_focus_first_field          (GtkWidget    *page,
                                    const char   *action_name,
                                    GVariant     *parameter);

/* Names @button with @name alone (NULL: the words its label shows). GTK 4.8 names a button
 * with a mnemonic twice over, after its label and then after its raw text or the label given
 * ("Clear _Clear", "Fill In Fill in the Connect page…"): a screen reader read both. */
void sl_accessible_name_button     (GtkWidget    *button,
                                    const char   *name);

/* A button that opens the Lab Steps (win.lab-steps), for a page's empty state. */
GtkWidget *sl_lab_steps_button_new (void);

/* Registers the widget types the pages' templates name (GtkBuilder finds a type only once it
 * exists); a page's class_init calls it before setting its template. */
void sl_ensure_template_types      (void);

/* A template closure: whether @visible, a stack's visible child name, is @page.
 * Bind it as "is_page" with gtk_widget_class_bind_template_callback_full (). */
gboolean sl_is_page                (gpointer      unused,
                                    const char   *visible,
                                    const char   *page);

G_END_DECLS
