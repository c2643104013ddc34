/* sl-field-error.h: mark an input field as wrong, with its message shown next to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* error NULL clears the mark. The message also becomes the field's accessible description. */
void sl_field_error_show (GtkWidget    *field,
                          GtkLabel     *message,
                          const GError *error);

G_END_DECLS
