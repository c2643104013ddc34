/* sl-trace-view.c: the Socket Calls panel: one row a call of an SlTrace, following the newest.
 *
 * A row reads like the lab's Python: the time since the first call, the call with its
 * arguments and result, and "×N" when the same calls repeated in a cycle (folded by the
 * trace). Failures are red; expected ones (EINPROGRESS of a non-blocking connect) are not,
 * they are explained instead. With explanations on, each row says what the call does and
 * what its error means — the same sentences the report carries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-tail-list.h"
#include "sl-trace-view.h"

struct _SlTraceView
{
  AdwBin       parent_instance;

  SlTrace     *trace;
  gboolean     show_explanations;
  SlTailList  *list;
};

G_DEFINE_FINAL_TYPE (SlTraceView, sl_trace_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TRACE,
  PROP_SHOW_EXPLANATIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The parts of a row, found again at bind time. */
typedef struct {
  GtkLabel *time;
  GtkLabel *call;
  GtkLabel *count;
  GtkLabel *explanation;
} Row;

static GtkLabel *
add_label (GtkWidget  *box,
           const char *first_class,
           const char *second_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (first_class != NULL)
    gtk_widget_add_css_class (label, first_class);
  if (second_class != NULL)
    gtk_widget_add_css_class (label, second_class);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  Row *row = g_new0 (Row, 1);

  gtk_widget_add_css_class (outer, "trace-row");
  row->time = add_label (line, "dim-label", "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (row->time), "caption");
  /* Not baseline-aligned: a box measuring by baselines gives a call that wraps into three
   * lines too little height. style.css lines the small time up with the call's first line. */
  gtk_widget_set_valign (GTK_WIDGET (row->time), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (row->time), "trace-time");
  row->call = add_label (line, "monospace", "trace-call");
  gtk_label_set_wrap (row->call, TRUE);
  gtk_label_set_wrap_mode (row->call, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_natural_wrap_mode (row->call, GTK_NATURAL_WRAP_NONE);
  gtk_label_set_selectable (row->call, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (row->call), TRUE);
  row->count = add_label (line, "trace-count", "numeric");
  gtk_widget_set_valign (GTK_WIDGET (row->count), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (outer), line);
  row->explanation = add_label (outer, "trace-explanation", "caption");
  gtk_label_set_wrap (row->explanation, TRUE);
  gtk_label_set_natural_wrap_mode (row->explanation, GTK_NATURAL_WRAP_NONE);
  g_object_set_data_full (G_OBJECT (outer), "sl-row", row, g_free);
  gtk_list_item_set_child (item, outer);
  gtk_list_item_set_activatable (item, FALSE);
}

static gint64
first_event_time (SlTraceView *self)
{
  g_autoptr(SlTraceEvent) first = g_list_model_get_item (G_LIST_MODEL (self->trace), 0);

  return first != NULL ? sl_trace_event_get_time_us (first) : 0;
}

static void
render_count (SlTraceEvent *event,
              GtkLabel     *count)
{
  guint64 n = sl_trace_event_get_count (event);
  g_autofree char *text = n > 1 ? g_strdup_printf ("×%" G_GUINT64_FORMAT, n) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (count), n > 1);
  gtk_label_set_text (count, text != NULL ? text : "");
  if (n > 1)
    {
      g_autofree char *tip = g_strdup_printf (ngettext ("This call happened %llu time in a row",
                                                        "These calls repeated %llu times in a row, in this order",
                                                        n), (unsigned long long) n);
      gtk_widget_set_tooltip_text (GTK_WIDGET (count), tip);
    }
}

static void
count_changed_cb (SlTraceEvent *event,
                  GParamSpec   *pspec,
                  GtkLabel     *count)
{
  render_count (event, count);
}

static char *
explain (SlTraceEvent *event)
{
  g_autofree char *why = sl_trace_event_is_failure (event) ? sl_trace_event_explain_error (event) : NULL;

  if (why == NULL)
    return g_strdup (sl_trace_event_explain_call (event));
  return g_strdup_printf ("%s %s", sl_trace_event_explain_call (event), why);
}

static void
style_call (GtkLabel     *call,
            SlTraceEvent *event)
{
  gboolean failed = sl_trace_event_is_failure (event) && !sl_trace_event_is_expected (event);

  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (call), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (call), "error");
  if (sl_trace_event_is_expected (event))
    gtk_widget_add_css_class (GTK_WIDGET (call), "expected");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (call), "expected");
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          SlTraceView              *self)
{
  SlTraceEvent *event = gtk_list_item_get_item (item);
  Row *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "sl-row");
  g_autofree char *line = sl_trace_event_format (event);
  g_autofree char *explanation = explain (event);
  g_autofree char *offset = g_strdup_printf ("+%.6f", (sl_trace_event_get_time_us (event)
                                                       - first_event_time (self)) / 1e6);

  gtk_label_set_text (row->time, offset);
  gtk_label_set_text (row->call, line);
  style_call (row->call, event);
  render_count (event, row->count);
  g_signal_connect_object (event, "notify::count", G_CALLBACK (count_changed_cb), row->count, 0);
  gtk_label_set_text (row->explanation, explanation);
  gtk_widget_set_visible (GTK_WIDGET (row->explanation), self->show_explanations);
  /* Whoever points at a call learns what it does, explanations shown or not. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->call), explanation);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->call),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, explanation, -1);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            SlTraceView              *self)
{
  SlTraceEvent *event = gtk_list_item_get_item (item);
  Row *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "sl-row");

  if (event != NULL)
    g_signal_handlers_disconnect_by_func (event, count_changed_cb, row->count);
}

static void
update_notice (SlTraceView *self)
{
  guint64 dropped = self->trace != NULL ? sl_trace_get_dropped (self->trace) : 0;
  g_autofree char *text = NULL;

  if (dropped > 0)
    text = g_strdup_printf (ngettext ("%llu older call is not shown, to save memory",
                                      "%llu older calls are not shown, to save memory",
                                      dropped), (unsigned long long) dropped);
  sl_tail_list_set_notice (self->list, text);
}

SlTrace *
sl_trace_view_get_trace (SlTraceView *self)
{
  g_return_val_if_fail (SL_IS_TRACE_VIEW (self), NULL);
  return self->trace;
}

void
sl_trace_view_set_trace (SlTraceView *self,
                         SlTrace     *trace)
{
  g_return_if_fail (SL_IS_TRACE_VIEW (self));
  g_return_if_fail (trace == NULL || SL_IS_TRACE (trace));

  if (self->trace == trace)
    return;
  if (self->trace != NULL)
    g_signal_handlers_disconnect_by_data (self->trace, self);
  g_set_object (&self->trace, trace);
  if (trace != NULL)
    g_signal_connect_swapped (trace, "notify::dropped", G_CALLBACK (update_notice), self);
  sl_tail_list_set_model (self->list, SL_RING (trace));
  update_notice (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);
}

gboolean
sl_trace_view_get_show_explanations (SlTraceView *self)
{
  g_return_val_if_fail (SL_IS_TRACE_VIEW (self), FALSE);
  return self->show_explanations;
}

void
sl_trace_view_set_show_explanations (SlTraceView *self,
                                     gboolean     show_explanations)
{
  g_return_if_fail (SL_IS_TRACE_VIEW (self));

  show_explanations = !!show_explanations;
  if (self->show_explanations == show_explanations)
    return;
  self->show_explanations = show_explanations;
  sl_tail_list_rebind (self->list);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_EXPLANATIONS]);
}

SlTailList *
sl_trace_view_get_tail_list (SlTraceView *self)
{
  g_return_val_if_fail (SL_IS_TRACE_VIEW (self), NULL);
  return self->list;
}

GtkWidget *
sl_trace_view_new (void)
{
  return g_object_new (SL_TYPE_TRACE_VIEW, NULL);
}

static void
sl_trace_view_dispose (GObject *object)
{
  SlTraceView *self = SL_TRACE_VIEW (object);

  if (self->trace != NULL)
    g_signal_handlers_disconnect_by_data (self->trace, self);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (sl_trace_view_parent_class)->dispose (object);
}

static void
sl_trace_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SlTraceView *self = SL_TRACE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;
    case PROP_SHOW_EXPLANATIONS:
      g_value_set_boolean (value, self->show_explanations);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_trace_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SlTraceView *self = SL_TRACE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      sl_trace_view_set_trace (self, g_value_get_object (value));
      break;
    case PROP_SHOW_EXPLANATIONS:
      sl_trace_view_set_show_explanations (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_trace_view_class_init (SlTraceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_trace_view_dispose;
  object_class->get_property = sl_trace_view_get_property;
  object_class->set_property = sl_trace_view_set_property;

  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL, SL_TYPE_TRACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_EXPLANATIONS] =
    g_param_spec_boolean ("show-explanations", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "sl-trace-view");
}

static void
sl_trace_view_init (SlTraceView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  self->list = SL_TAIL_LIST (sl_tail_list_new (factory, _("Socket Calls")));
  gtk_widget_add_css_class (GTK_WIDGET (sl_tail_list_get_list_view (self->list)), "trace-view");
  sl_tail_list_set_empty (self->list, "network-transmit-receive-symbolic", _("No Calls Yet"),
                          _("Every socket call appears here as it happens, with its result"));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->list));
}
