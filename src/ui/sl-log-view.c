/* sl-log-view.c: a virtualized view of an SlLog that follows its tail.
 *
 * Rows are recycled by GtkListView, so a log of 100 000 entries costs only the
 * rows on screen. Peer data is always set as plain text, never as markup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-log-view.h"
#include "sl-payload.h"
#include "sl-tail-follower.h"

struct _SlLogView
{
  AdwBin              parent_instance;

  SlLog              *log;
  gboolean            show_hex;

  GtkScrolledWindow  *scroller;
  GtkListView        *list_view;
  GtkNoSelection     *selection;
  GtkLabel           *dropped_label;
  GtkStack           *stack;
};

G_DEFINE_FINAL_TYPE (SlLogView, sl_log_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LOG,
  PROP_SHOW_HEX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
kind_css_class (SlLogKind kind)
{
  switch (kind)
    {
    case SL_LOG_KIND_SENT: return "sent";
    case SL_LOG_KIND_RECEIVED: return "received";
    case SL_LOG_KIND_ERROR: return "error";
    case SL_LOG_KIND_INFO:
    default: return "info";
    }
}

static const char *
kind_label (SlLogKind kind)
{
  switch (kind)
    {
    case SL_LOG_KIND_SENT: return _("Sent");
    case SL_LOG_KIND_RECEIVED: return _("Received");
    case SL_LOG_KIND_ERROR: return _("Error");
    case SL_LOG_KIND_INFO:
    default: return _("Info");
    }
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *meta = gtk_label_new (NULL);
  GtkWidget *text = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "log-row");
  gtk_widget_add_css_class (meta, "log-meta");
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (text, "log-text");
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static char *
format_meta (SlLogEntry *entry)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (sl_log_entry_get_time_us (entry) / G_USEC_PER_SEC);
  g_autofree char *clock = g_date_time_format (when, "%H:%M:%S");
  const char *peer = sl_log_entry_get_peer (entry);
  GBytes *data = sl_log_entry_get_data (entry);
  int millis = (int) (sl_log_entry_get_time_us (entry) % G_USEC_PER_SEC / 1000);
  GString *meta = g_string_new (NULL);

  g_string_append_printf (meta, "%s.%03d  %s", clock, millis, kind_label (sl_log_entry_get_kind (entry)));
  if (peer != NULL)
    g_string_append_printf (meta, "  %s", peer);
  if (data != NULL)
    {
      unsigned long size = g_bytes_get_size (data);

      g_string_append (meta, "  ·  ");
      g_string_append_printf (meta, ngettext ("%lu byte", "%lu bytes", size), size);
    }
  return g_string_free (meta, FALSE);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          SlLogView                *self)
{
  SlLogEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *meta = gtk_widget_get_first_child (box);
  GtkWidget *text = gtk_widget_get_next_sibling (meta);
  GBytes *data = sl_log_entry_get_data (entry);
  g_autofree char *meta_text = format_meta (entry);
  g_autofree char *hex = NULL;
  const char *classes[] = { "log-row", kind_css_class (sl_log_entry_get_kind (entry)), NULL };

  gtk_widget_set_css_classes (box, classes);
  gtk_label_set_text (GTK_LABEL (meta), meta_text);
  if (data != NULL && self->show_hex)
    hex = sl_payload_to_hexdump (data);
  gtk_label_set_text (GTK_LABEL (text), hex != NULL ? hex : sl_log_entry_get_text (entry));
  if (data != NULL)
    gtk_widget_add_css_class (text, "monospace");
  else
    gtk_widget_remove_css_class (text, "monospace");
}

static void
update_status (SlLogView *self)
{
  guint64 dropped = self->log != NULL ? sl_log_get_dropped (self->log) : 0;
  guint n = self->log != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->log)) : 0;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "log" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->dropped_label), dropped > 0);
  if (dropped > 0)
    {
      g_autofree char *text = g_strdup_printf (_("%" G_GUINT64_FORMAT " older entries were dropped to save memory"),
                                               dropped);
      gtk_label_set_text (self->dropped_label, text);
    }
}

static void
on_log_changed (SlLogView *self)
{
  update_status (self);
}

SlLog *
sl_log_view_get_log (SlLogView *self)
{
  g_return_val_if_fail (SL_IS_LOG_VIEW (self), NULL);
  return self->log;
}

void
sl_log_view_set_log (SlLogView *self,
                     SlLog     *log)
{
  g_return_if_fail (SL_IS_LOG_VIEW (self));
  g_return_if_fail (log == NULL || SL_IS_LOG (log));

  if (self->log == log)
    return;
  if (self->log != NULL)
    g_signal_handlers_disconnect_by_data (self->log, self);
  g_set_object (&self->log, log);
  if (log != NULL)
    {
      g_signal_connect_swapped (log, "notify::n-items", G_CALLBACK (on_log_changed), self);
      g_signal_connect_swapped (log, "notify::dropped", G_CALLBACK (on_log_changed), self);
    }
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (log));
  update_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG]);
}

gboolean
sl_log_view_get_show_hex (SlLogView *self)
{
  g_return_val_if_fail (SL_IS_LOG_VIEW (self), FALSE);
  return self->show_hex;
}

/* Rebinding every visible row is the cheapest way to re-render them all. */
void
sl_log_view_set_show_hex (SlLogView *self,
                          gboolean   show_hex)
{
  g_return_if_fail (SL_IS_LOG_VIEW (self));

  show_hex = !!show_hex;
  if (self->show_hex == show_hex)
    return;
  self->show_hex = show_hex;
  gtk_no_selection_set_model (self->selection, NULL);
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->log));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_HEX]);
}

GtkWidget *
sl_log_view_new (void)
{
  return g_object_new (SL_TYPE_LOG_VIEW, NULL);
}

static void
build_view (SlLogView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *empty = adw_status_page_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);

  self->selection = gtk_no_selection_new (NULL);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory));
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "log-view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Log"), -1);

  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->list_view));
  gtk_widget_set_vexpand (GTK_WIDGET (self->scroller), TRUE);
  sl_tail_follower_attach (self->scroller);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "view-list-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Nothing Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("Sent and received data appears here"));
  gtk_widget_add_css_class (empty, "compact");

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->scroller), "log");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  self->dropped_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->dropped_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->dropped_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->dropped_label), FALSE);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->dropped_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), box);
}

static void
sl_log_view_dispose (GObject *object)
{
  SlLogView *self = SL_LOG_VIEW (object);

  if (self->log != NULL)
    g_signal_handlers_disconnect_by_data (self->log, self);
  g_clear_object (&self->log);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (sl_log_view_parent_class)->dispose (object);
}

static void
sl_log_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SlLogView *self = SL_LOG_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOG:
      g_value_set_object (value, self->log);
      break;
    case PROP_SHOW_HEX:
      g_value_set_boolean (value, self->show_hex);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_log_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SlLogView *self = SL_LOG_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOG:
      sl_log_view_set_log (self, g_value_get_object (value));
      break;
    case PROP_SHOW_HEX:
      sl_log_view_set_show_hex (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_log_view_class_init (SlLogViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_log_view_dispose;
  object_class->get_property = sl_log_view_get_property;
  object_class->set_property = sl_log_view_set_property;

  properties[PROP_LOG] =
    g_param_spec_object ("log", NULL, NULL, SL_TYPE_LOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_HEX] =
    g_param_spec_boolean ("show-hex", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "sl-log-view");
}

static void
sl_log_view_init (SlLogView *self)
{
  build_view (self);
  update_status (self);
}
