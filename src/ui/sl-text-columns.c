/* sl-text-columns.c: columns of a GtkColumnView that show one line of text per row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-text-columns.h"

static void
render_cell (GObject  *item,
             GtkLabel *label)
{
  const SlTextColumn *column = g_object_get_data (G_OBJECT (label), "sl-column");
  g_autofree char *text = column->format (item);

  gtk_label_set_text (label, text != NULL ? text : "");
  /* What a narrow column cuts is still there to read. */
  if (!column->numeric)
    gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
}

static void
item_notify_cb (GObject    *item,
                GParamSpec *pspec,
                GtkLabel   *label)
{
  render_cell (item, label);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               const SlTextColumn       *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column->numeric ? 1.0 : 0.0);
  /* Numbers are never cut: "0.0…" would mean nothing. */
  if (column->wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  else if (!column->numeric)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* A wrapping label's least width comes from its words; width-chars would fight it. */
  if (column->min_chars > 0 && !column->wrap)
    gtk_label_set_width_chars (GTK_LABEL (label), column->min_chars);
  if (column->numeric)
    gtk_widget_add_css_class (label, "numeric");
  g_object_set_data (G_OBJECT (label), "sl-column", (gpointer) column);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              const SlTextColumn       *column)
{
  GObject *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  render_cell (item, GTK_LABEL (label));
  if (column->watch != NULL)
    {
      g_autofree char *signal = *column->watch != '\0' ? g_strconcat ("notify::", column->watch, NULL)
                                                        : g_strdup ("notify");

      g_signal_connect_object (item, signal, G_CALLBACK (item_notify_cb), label, 0);
    }
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                const SlTextColumn       *column)
{
  GObject *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, item_notify_cb, gtk_list_item_get_child (list_item));
}

void
sl_text_columns_append (GtkColumnView      *view,
                        const SlTextColumn *columns,
                        guint               n_columns)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  for (guint i = 0; i < n_columns; i++)
    {
      const SlTextColumn *spec = &columns[i];
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), (gpointer) spec);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer) spec);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), (gpointer) spec);
      column = gtk_column_view_column_new (_(spec->title), factory);
      gtk_column_view_column_set_expand (column, i == 0);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (view, column);
    }
}
