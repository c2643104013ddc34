/* sl-log-view.c: a view of an SlLog (the conversation, received data, a ping log) that
 * follows its newest entry: an SlTailList with rows for log entries.
 *
 * Peer data is always set as plain text, never as markup. Text wraps at word boundaries to
 * the view's width; a row shows at most SHOWN_BYTES of one entry's data (a read can bring
 * 64 KiB) and says how much more there is, which Copy and Export still have.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-log-view.h"
#include "sl-payload.h"
#include "sl-tail-list.h"

#define SHOWN_BYTES 4096

struct _SlLogView
{
  AdwBin       parent_instance;

  SlLog       *log;
  gboolean     show_hex;
  SlTailList  *list;

  /* A flood: entries arriving faster than anyone reads. Its rows are bound unwrapped (a
   * wrapping label lays its text out again at every measure, and the list view re-measures
   * the rows it keeps each frame), and wrap again once it is over. */
  gboolean     flooding;
  gint64       window_start_us;   /* of the rate being counted */
  guint        window_count;
  guint        calm_source;
  guint        notice_source;     /* the notice's next refresh: a few times a second at most */
};

G_DEFINE_FINAL_TYPE (SlLogView, sl_log_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LOG,
  PROP_SHOW_HEX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
make_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, css_class);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *meta = make_label ("log-meta");
  GtkWidget *text = make_label ("log-text");
  GtkWidget *more = make_label ("log-more");

  gtk_widget_add_css_class (box, "log-row");
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (more, "caption");
  gtk_widget_add_css_class (more, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  /* Wrapping must not make GTK look for the narrowest layout of every row of a flood. */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (text), GTK_NATURAL_WRAP_NONE);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), more);
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

  g_string_append_printf (meta, "%s.%03d  %s", clock, millis, sl_log_kind_get_label (sl_log_entry_get_kind (entry)));
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

/* The first SHOWN_BYTES of data, as text or hex, and how many bytes that leaves out. */
static char *
shown_text (SlLogEntry *entry,
            gboolean    show_hex,
            gsize      *out_hidden)
{
  GBytes *data = sl_log_entry_get_data (entry);
  gsize size = data != NULL ? g_bytes_get_size (data) : 0;
  g_autoptr(GBytes) head = NULL;
  g_autofree char *printable = NULL;

  *out_hidden = 0;
  if (data == NULL)
    return g_strdup (sl_log_entry_get_text (entry));
  head = g_bytes_new_from_bytes (data, 0, MIN (size, SHOWN_BYTES));
  *out_hidden = size - g_bytes_get_size (head);
  if (show_hex)
    return sl_payload_to_hexdump (head);
  /* A new line after each line end the data has (HTTP's \r\n); the label wraps the rest. */
  printable = *out_hidden > 0 ? sl_payload_to_printable (head) : g_strdup (sl_log_entry_get_text (entry));
  return sl_payload_break_lines (printable, G_MAXUINT);
}

static void
set_row_text (GtkLabel   *text,
              GtkLabel   *more,
              SlLogEntry *entry,
              gboolean    show_hex,
              gboolean    flooding)
{
  gboolean is_data = sl_log_entry_get_data (entry) != NULL;
  gsize hidden = 0;
  g_autofree char *lines = shown_text (entry, show_hex, &hidden);

  /* A hex dump keeps its columns: it is cut at the edge instead of wrapped. */
  gtk_label_set_wrap (text, !(is_data && show_hex) && !flooding);
  gtk_label_set_ellipsize (text, is_data && show_hex ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  gtk_label_set_text (text, lines);
  if (is_data)
    gtk_widget_add_css_class (GTK_WIDGET (text), "monospace");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (text), "monospace");

  gtk_widget_set_visible (GTK_WIDGET (more), hidden > 0);
  if (hidden > 0)
    {
      g_autofree char *size = g_format_size (hidden);
      g_autofree char *note = g_strdup_printf (_("… %s more not shown here: Copy or Export has all of it"), size);

      gtk_label_set_text (more, note);
    }
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
  g_autofree char *meta_text = format_meta (entry);
  const char *kind = sl_log_kind_to_string (sl_log_entry_get_kind (entry));
  const char *classes[] = { "log-row", kind, NULL };

  /* Restyling is the dearest part of a bind: only when the kind changes. */
  if (!gtk_widget_has_css_class (box, kind))
    gtk_widget_set_css_classes (box, classes);
  gtk_label_set_text (GTK_LABEL (meta), meta_text);
  set_row_text (GTK_LABEL (text), GTK_LABEL (gtk_widget_get_next_sibling (text)), entry, self->show_hex,
                self->flooding);
}

static void
update_notice (SlLogView *self)
{
  guint64 dropped = self->log != NULL ? sl_log_get_dropped (self->log) : 0;
  guint64 bytes = self->log != NULL ? sl_log_get_dropped_data_bytes (self->log) : 0;
  g_autofree char *entries = NULL;
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;

  if (dropped == 0)
    {
      sl_tail_list_set_notice (self->list, NULL);
      return;
    }
  entries = g_strdup_printf (ngettext ("%llu older entry was dropped to save memory",
                                       "%llu older entries were dropped to save memory",
                                       dropped), (unsigned long long) dropped);
  if (bytes == 0)
    {
      sl_tail_list_set_notice (self->list, entries);
      return;
    }
  size = g_format_size (bytes);
  /* Translators: the first %s is "N older entries were dropped to save memory"; the
   * second a size such as "12.3 MB". The counters above still count every byte. */
  text = g_strdup_printf (_("%s: %s of data not shown, still counted"), entries, size);
  sl_tail_list_set_notice (self->list, text);
}

/* Above this many entries a second, rows stop wrapping until the flood is over. */
#define FLOOD_ENTRIES_PER_SECOND 500
#define FLOOD_WINDOW_US          (G_USEC_PER_SEC / 4)
#define CALM_AFTER_MS            750

static gboolean
calm_cb (gpointer user_data)
{
  SlLogView *self = user_data;

  self->calm_source = 0;
  self->flooding = FALSE;
  /* The rows shown are bound again, wrapped. */
  sl_tail_list_rebind (self->list);
  return G_SOURCE_REMOVE;
}

static void
log_items_changed_cb (SlLogView *self,
                      guint      position,
                      guint      removed,
                      guint      added)
{
  gint64 now = g_get_monotonic_time ();

  if (now - self->window_start_us > FLOOD_WINDOW_US)
    {
      self->window_start_us = now;
      self->window_count = 0;
    }
  self->window_count += added;
  if (self->window_count > FLOOD_ENTRIES_PER_SECOND * FLOOD_WINDOW_US / G_USEC_PER_SEC)
    self->flooding = TRUE;
  if (self->flooding)
    {
      g_clear_handle_id (&self->calm_source, g_source_remove);
      self->calm_source = g_timeout_add (CALM_AFTER_MS, calm_cb, self);
    }
}

static gboolean
notice_cb (gpointer user_data)
{
  SlLogView *self = user_data;

  self->notice_source = 0;
  update_notice (self);
  return G_SOURCE_REMOVE;
}

/* A full log drops entries at every append: its counts change far faster than they can be
 * read, and each new text relays the whole view out. */
static void
queue_notice (SlLogView *self)
{
  if (self->notice_source == 0)
    self->notice_source = g_timeout_add (300, notice_cb, self);
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
      g_signal_connect_swapped (log, "notify::dropped", G_CALLBACK (queue_notice), self);
      g_signal_connect_swapped (log, "notify::dropped-data-bytes", G_CALLBACK (queue_notice), self);
      g_signal_connect_swapped (log, "items-changed", G_CALLBACK (log_items_changed_cb), self);
    }
  sl_tail_list_set_model (self->list, SL_RING (log));
  update_notice (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG]);
}

gboolean
sl_log_view_get_show_hex (SlLogView *self)
{
  g_return_val_if_fail (SL_IS_LOG_VIEW (self), FALSE);
  return self->show_hex;
}

void
sl_log_view_set_show_hex (SlLogView *self,
                          gboolean   show_hex)
{
  g_return_if_fail (SL_IS_LOG_VIEW (self));

  show_hex = !!show_hex;
  if (self->show_hex == show_hex)
    return;
  self->show_hex = show_hex;
  sl_tail_list_rebind (self->list);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_HEX]);
}

void
sl_log_view_set_empty (SlLogView  *self,
                       const char *title,
                       const char *description)
{
  g_return_if_fail (SL_IS_LOG_VIEW (self));
  sl_tail_list_set_empty (self->list, "view-list-symbolic", title, description);
}

SlTailList *
sl_log_view_get_tail_list (SlLogView *self)
{
  g_return_val_if_fail (SL_IS_LOG_VIEW (self), NULL);
  return self->list;
}

GtkWidget *
sl_log_view_new (void)
{
  return g_object_new (SL_TYPE_LOG_VIEW, NULL);
}

static void
sl_log_view_dispose (GObject *object)
{
  SlLogView *self = SL_LOG_VIEW (object);

  if (self->log != NULL)
    g_signal_handlers_disconnect_by_data (self->log, self);
  g_clear_object (&self->log);
  g_clear_handle_id (&self->calm_source, g_source_remove);
  g_clear_handle_id (&self->notice_source, g_source_remove);

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
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  self->list = SL_TAIL_LIST (sl_tail_list_new (factory, _("Log")));
  gtk_widget_add_css_class (GTK_WIDGET (sl_tail_list_get_list_view (self->list)), "log-view");
  sl_tail_list_set_empty (self->list, "view-list-symbolic", _("Nothing Yet"),
                          _("Sent and received data appears here"));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->list));
}
