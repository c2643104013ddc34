/* sl-hop-sparkline.c: a route hop's latest round trips as small bars, lost probes marked.
 *
 * The bars share one scale across the route, the worst round trip of any hop, so the column
 * shows where along the path the time is spent. A lost probe is a short red mark at the
 * bottom, where a bar would stand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-hop-sparkline.h"

#define BAR_WIDTH   3
#define BAR_SPACING 1
#define WIDTH       (10 * (BAR_WIDTH + BAR_SPACING))
#define HEIGHT      16

struct _SlHopSparkline
{
  GtkWidget   parent_instance;

  SlRouteHop *hop;
  GListModel *hops;
};

G_DEFINE_FINAL_TYPE (SlHopSparkline, sl_hop_sparkline, GTK_TYPE_WIDGET)

/* The worst round trip of any hop of the route: the top of every bar's scale. */
static gint64
route_worst_us (SlHopSparkline *self)
{
  gint64 worst = sl_route_hop_get_worst_us (self->hop);

  for (guint i = 0; self->hops != NULL && i < g_list_model_get_n_items (self->hops); i++)
    {
      g_autoptr(SlRouteHop) hop = g_list_model_get_item (self->hops, i);

      worst = MAX (worst, sl_route_hop_get_worst_us (hop));
    }
  return worst;
}

static void
describe (SlHopSparkline *self)
{
  guint sent = self->hop != NULL ? sl_route_hop_get_sent (self->hop) : 0;
  guint received = self->hop != NULL ? sl_route_hop_get_received (self->hop) : 0;
  g_autofree char *text = g_strdup_printf (_("Latest round trips: %u answered, %u lost"),
                                           received, sent - MIN (received, sent));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
sl_hop_sparkline_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SlHopSparkline *self = SL_HOP_SPARKLINE (widget);
  static const GdkRGBA lost = { 0.878, 0.106, 0.141, 1.0 };   /* libadwaita's red 3 */
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const gint64 *recent;
  guint n, shown;
  gint64 worst;
  GdkRGBA bar;

  if (self->hop == NULL)
    return;
  recent = sl_route_hop_get_recent (self->hop, &n);
  worst = route_worst_us (self);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &bar);
  bar.alpha *= 0.55f;
  shown = MIN (n, (guint) (width / (BAR_WIDTH + BAR_SPACING)));
  for (guint i = 0; i < shown; i++)
    {
      gint64 rtt = recent[n - shown + i];
      float x = (float) (width - (shown - i) * (BAR_WIDTH + BAR_SPACING));

      if (rtt < 0)
        gtk_snapshot_append_color (snapshot, &lost, &GRAPHENE_RECT_INIT (x, height - 3, BAR_WIDTH, 3));
      else
        {
          float h = worst > 0 ? MAX (1.0f, (float) rtt / (float) worst * height) : 1.0f;

          gtk_snapshot_append_color (snapshot, &bar, &GRAPHENE_RECT_INIT (x, height - h, BAR_WIDTH, h));
        }
    }
}

static void
sl_hop_sparkline_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? WIDTH : HEIGHT;
}

static void
hop_changed_cb (SlHopSparkline *self)
{
  describe (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_hop_sparkline_set_hop (SlHopSparkline *self,
                          SlRouteHop     *hop,
                          GListModel     *hops)
{
  g_return_if_fail (SL_IS_HOP_SPARKLINE (self));

  if (self->hop != NULL)
    g_signal_handlers_disconnect_by_data (self->hop, self);
  g_set_object (&self->hop, hop);
  g_set_object (&self->hops, hops);
  if (hop != NULL)
    g_signal_connect_swapped (hop, "notify::recent", G_CALLBACK (hop_changed_cb), self);
  hop_changed_cb (self);
}

GtkWidget *
sl_hop_sparkline_new (void)
{
  return g_object_new (SL_TYPE_HOP_SPARKLINE, NULL);
}

static void
sl_hop_sparkline_dispose (GObject *object)
{
  sl_hop_sparkline_set_hop (SL_HOP_SPARKLINE (object), NULL, NULL);
  G_OBJECT_CLASS (sl_hop_sparkline_parent_class)->dispose (object);
}

static void
sl_hop_sparkline_class_init (SlHopSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_hop_sparkline_dispose;
  widget_class->snapshot = sl_hop_sparkline_snapshot;
  widget_class->measure = sl_hop_sparkline_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sl_hop_sparkline_init (SlHopSparkline *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}
