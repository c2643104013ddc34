/* sl-text-columns.h: columns of a GtkColumnView that show one line of text per row, made from
 * the row's item and redrawn when the item says it changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The cell's text for @item. (transfer full) */
typedef char *(*SlTextColumnFormat) (gpointer item);

typedef struct {
  const char         *title;    /* marked N_(): translated when the column is made */
  const char         *watch;    /* redrawn on notify:: of this property; "" any; NULL never */
  SlTextColumnFormat  format;
  gboolean            numeric;  /* right-aligned, tabular digits */
  int                 min_chars; /* the least width, in characters, before the text is cut */
  gboolean            wrap;      /* onto more lines, where cutting would hide what matters */
} SlTextColumn;

/* Appends a column per entry of @columns, which must outlive @view (a static table); the
 * first one takes the spare width. */
void sl_text_columns_append (GtkColumnView      *view,
                             const SlTextColumn *columns,
                             guint               n_columns);

G_END_DECLS
