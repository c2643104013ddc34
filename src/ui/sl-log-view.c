/* sl-log-view.c: a virtualized view of an SlLog that follows its tail.
 *
 * Rows are recycled by GtkListView, so a log of 100 000 entries costs only the
 * rows on screen. Peer data is always set as plain text, never as markup.
 *
 * The list shows a mirror of the log that catches up once per frame: a flooding server
 * appends thousands of entries between two frames, and GTK 4.8's list view pays for each
 * items-changed in proportion to the whole list, so it gets one for all of them instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-log-view.h"
#include "sl-payload.h"

struct _SlLogView
{
  AdwBin              parent_instance;

  SlLog              *log;
  SlRing             *mirror;    /* what the list shows: the log as of the last frame */
  GPtrArray          *pending;   /* entries appended to the log since, oldest first */
  guint               flush_id;  /* tick callback */
  gboolean            to_end;    /* show the end at the next frame, wherever the view is */
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

/* Rows are measured every frame of a flood (GTK 4.8 keeps ~200 of them), and a wrapping
 * label costs several text layouts each: data comes in lines of its own instead, cut with
 * "…" where the view is narrower. Messages still wrap; width-chars spares GTK finding their
 * narrowest layout one character per line. */
#define DATA_COLUMNS   64
#define MIN_TEXT_CHARS 24

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

static void
set_row_text (GtkLabel   *text,
              SlLogEntry *entry,
              gboolean    show_hex)
{
  GBytes *data = sl_log_entry_get_data (entry);
  g_autofree char *lines = NULL;

  if (data != NULL)
    lines = show_hex ? sl_payload_to_hexdump (data)
                     : sl_payload_break_lines (sl_log_entry_get_text (entry), DATA_COLUMNS);
  gtk_label_set_wrap (text, data == NULL);
  gtk_label_set_width_chars (text, data == NULL ? MIN_TEXT_CHARS : -1);
  gtk_label_set_ellipsize (text, data != NULL ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  gtk_label_set_text (text, lines != NULL ? lines : sl_log_entry_get_text (entry));
  if (data != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (text), "monospace");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (text), "monospace");
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          SlLogView                *self)
{
  SlLogEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *meta = gtk_widget_get_first_child (box);
  g_autofree char *meta_text = format_meta (entry);
  const char *kind = sl_log_kind_to_string (sl_log_entry_get_kind (entry));
  const char *classes[] = { "log-row", kind, NULL };

  /* Restyling is the dearest part of a bind: only when the kind changes. */
  if (!gtk_widget_has_css_class (box, kind))
    gtk_widget_set_css_classes (box, classes);
  gtk_label_set_text (GTK_LABEL (meta), meta_text);
  set_row_text (GTK_LABEL (gtk_widget_get_next_sibling (meta)), entry, self->show_hex);
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
scroll_to_end (SlLogView *self)
{
  guint n = self->mirror != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->mirror)) : 0;

  if (n > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", n - 1);
}

static gboolean
at_bottom (SlLogView *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  double bottom = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);

  /* Within half a page: row heights below the fold are estimates until they are shown. */
  return gtk_adjustment_get_value (adj) >= bottom - gtk_adjustment_get_page_size (adj) / 2;
}

/* Appends what came since the last frame (dropping what the log dropped), and keeps the
 * newest row in sight if the user was looking at the end. GTK 4.8's list view does not
 * follow an adjustment moved while it lays itself out, so it is asked to scroll instead;
 * it can do that only once it has been laid out. */
static gboolean
flush_pending (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  SlLogView *self = SL_LOG_VIEW (widget);
  gboolean laid_out = gtk_widget_get_height (GTK_WIDGET (self->list_view)) > 0;
  gboolean follow = self->to_end || at_bottom (self);

  sl_ring_append_many (self->mirror, self->pending->pdata, self->pending->len);
  g_ptr_array_set_size (self->pending, 0);
  if (follow)
    scroll_to_end (self);
  self->to_end = self->to_end && !laid_out && g_list_model_get_n_items (G_LIST_MODEL (self->mirror)) > 0;
  update_status (self);
  if (self->to_end)
    return G_SOURCE_CONTINUE;
  self->flush_id = 0;
  return G_SOURCE_REMOVE;
}

static void
schedule_flush (SlLogView *self)
{
  if (self->flush_id == 0 && self->mirror != NULL)
    self->flush_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), flush_pending, NULL, NULL);
}

/* A list view scrolls only once it has been laid out: at a frame. */
static void
show_end_next_frame (SlLogView *self)
{
  self->to_end = TRUE;
  schedule_flush (self);
}

static void
on_log_items_changed (SlLogView *self,
                      guint      position,
                      guint      removed,
                      guint      added)
{
  GListModel *log = G_LIST_MODEL (self->log);
  guint max = sl_log_get_max_entries (self->log);

  /* A ring only drops its oldest, which the mirror does by itself, or is cleared. */
  if (g_list_model_get_n_items (log) == 0)
    {
      g_ptr_array_set_size (self->pending, 0);
      sl_ring_clear (self->mirror);
      update_status (self);
      return;
    }
  if (added == 0)
    return;
  for (guint i = position; i < position + added; i++)
    g_ptr_array_add (self->pending, g_list_model_get_item (log, i));
  /* Unmapped, the view has no frames: keep only what could still be shown. */
  if (self->pending->len > 2 * max)
    g_ptr_array_remove_range (self->pending, 0, self->pending->len - max);
  schedule_flush (self);
}

static SlRing *
mirror_new (SlLog *log)
{
  SlRing *mirror = g_object_new (SL_TYPE_RING,
                                 "item-type", SL_TYPE_LOG_ENTRY,
                                 "max-items", sl_log_get_max_entries (log),
                                 NULL);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (log)); i++)
    g_ptr_array_add (entries, g_list_model_get_item (G_LIST_MODEL (log), i));
  sl_ring_append_many (mirror, entries->pdata, entries->len);
  return mirror;
}

static void
stop_following_log (SlLogView *self)
{
  if (self->log != NULL)
    g_signal_handlers_disconnect_by_data (self->log, self);
  if (self->flush_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->flush_id);
  self->flush_id = 0;
  if (self->pending != NULL)
    g_ptr_array_set_size (self->pending, 0);
  g_clear_object (&self->mirror);
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
  stop_following_log (self);
  g_set_object (&self->log, log);
  if (log != NULL)
    {
      self->mirror = mirror_new (log);
      g_signal_connect_swapped (log, "items-changed", G_CALLBACK (on_log_items_changed), self);
    }
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->mirror));
  show_end_next_frame (self);
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
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->mirror));
  show_end_next_frame (self);
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

  stop_following_log (self);
  g_clear_object (&self->log);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->pending, g_ptr_array_unref);

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
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  build_view (self);
  update_status (self);
}
