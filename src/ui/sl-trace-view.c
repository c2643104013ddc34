/* sl-trace-view.c: the socket calls of an SlTrace, one row a call, following the tail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-tail-follower.h"
#include "sl-trace-view.h"

struct _SlTraceView
{
  AdwBin          parent_instance;

  SlTrace        *trace;
  GtkNoSelection *selection;
};

G_DEFINE_FINAL_TYPE (SlTraceView, sl_trace_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TRACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *time = gtk_label_new (NULL);
  GtkWidget *call = gtk_label_new (NULL);

  gtk_widget_add_css_class (time, "dim-label");
  gtk_widget_add_css_class (time, "numeric");
  gtk_widget_add_css_class (time, "caption");
  gtk_widget_add_css_class (call, "monospace");
  gtk_label_set_xalign (GTK_LABEL (call), 0);
  gtk_label_set_wrap (GTK_LABEL (call), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (call), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (call), TRUE);
  gtk_widget_set_hexpand (call, TRUE);
  gtk_box_append (GTK_BOX (box), time);
  gtk_box_append (GTK_BOX (box), call);
  gtk_widget_add_css_class (box, "trace-row");
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static gint64
first_event_time (SlTraceView *self)
{
  g_autoptr(SlTraceEvent) first = g_list_model_get_item (G_LIST_MODEL (self->trace), 0);

  return first != NULL ? sl_trace_event_get_time_us (first) : 0;
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          SlTraceView              *self)
{
  SlTraceEvent *event = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *time = gtk_widget_get_first_child (box);
  GtkWidget *call = gtk_widget_get_next_sibling (time);
  g_autofree char *line = sl_trace_event_format (event);
  g_autofree char *offset = g_strdup_printf ("+%.6f", (sl_trace_event_get_time_us (event)
                                                       - first_event_time (self)) / 1e6);

  gtk_label_set_text (GTK_LABEL (time), offset);
  gtk_label_set_text (GTK_LABEL (call), line);
  if (sl_trace_event_get_result (event) < 0)
    gtk_widget_add_css_class (call, "error");
  else
    gtk_widget_remove_css_class (call, "error");
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

  if (!g_set_object (&self->trace, trace))
    return;
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (trace));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);
}

GtkWidget *
sl_trace_view_new (void)
{
  return g_object_new (SL_TYPE_TRACE_VIEW, NULL);
}

static void
build_view (SlTraceView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list_view;
  GtkWidget *scroller = gtk_scrolled_window_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  self->selection = gtk_no_selection_new (NULL);
  list_view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_widget_add_css_class (list_view, "trace-view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Socket Calls"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list_view);
  gtk_widget_set_vexpand (scroller, TRUE);
  sl_tail_follower_attach (GTK_SCROLLED_WINDOW (scroller));
  adw_bin_set_child (ADW_BIN (self), scroller);
}

static void
sl_trace_view_dispose (GObject *object)
{
  SlTraceView *self = SL_TRACE_VIEW (object);

  g_clear_object (&self->trace);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (sl_trace_view_parent_class)->dispose (object);
}

static void
sl_trace_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TRACE:
      g_value_set_object (value, SL_TRACE_VIEW (object)->trace);
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
  switch (prop_id)
    {
    case PROP_TRACE:
      sl_trace_view_set_trace (SL_TRACE_VIEW (object), g_value_get_object (value));
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "sl-trace-view");
}

static void
sl_trace_view_init (SlTraceView *self)
{
  build_view (self);
}
