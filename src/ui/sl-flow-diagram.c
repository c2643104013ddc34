/* sl-flow-diagram.c: the Socket flow diagram: the lab's "TCP socket flow" figure, drawn from
 * the user's own run and following it live.
 *
 * The widget owns an SlFlow reading the two traces. A change of either only marks the flow
 * outdated; the rebuild waits for the next frame, so a burst of calls costs one rebuild a
 * frame, and none at all while the diagram is not shown. The figure (text laid out) is kept
 * for the current width and the drawn node for the current style, so a redraw that changes
 * neither costs nothing. Its natural height grows with the number of rows: in a
 * GtkScrolledWindow a long conversation scrolls.
 *
 * The drawing is sl_flow_figure_draw (), the same for the widget and the exports. In the
 * widget it fills bands of BAND_HEIGHT, one cairo node each: GTK renders only the bands on
 * screen, and no surface gets as tall as the whole figure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "sl-enums.h"
#include "sl-flow-diagram.h"
#include "sl-flow-figure.h"
#include "sl-image-export.h"
#include "sl-ui-utils.h"

#define NATURAL_WIDTH 640
#define BAND_HEIGHT   512.0
#define MAX_SCALE     8.0

struct _SlFlowDiagram
{
  GtkWidget      parent_instance;

  SlFlow        *flow;
  GtkWidget     *empty_page;
  guint          rebuild_tick;
  SlFlowFigure  *figure;        /* laid out for the allocated width, with figure_font */
  PangoFontDescription *figure_font;
  GskRenderNode *node;          /* the figure drawn, for node_style and node_height */
  SlFlowStyle    node_style;
  int            node_height;
};

enum {
  PROP_0,
  PROP_CLIENT_TRACE,
  PROP_SERVER_TRACE,
  PROP_PREFERRED_SIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SlFlowDiagram, sl_flow_diagram, GTK_TYPE_WIDGET)

G_DEFINE_QUARK (sl-flow-diagram-error-quark, sl_flow_diagram_error)

/* ---- style ----------------------------------------------------------------------------- */

static SlFlowStyle
current_style (SlFlowDiagram *self)
{
  GdkRGBA fg;

  /* Light text means a dark background, in whatever theme or contrast. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5 ? SL_FLOW_STYLE_DARK : SL_FLOW_STYLE_LIGHT;
}

static void
drop_node (SlFlowDiagram *self)
{
  g_clear_pointer (&self->node, gsk_render_node_unref);
}

static void
drop_figure (SlFlowDiagram *self)
{
  g_clear_pointer (&self->figure, sl_flow_figure_free);
  g_clear_pointer (&self->figure_font, pango_font_description_free);
  drop_node (self);
}

static const PangoFontDescription *
current_font (SlFlowDiagram *self)
{
  return pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));
}

static SlFlowFigure *
figure_for_width (SlFlowDiagram *self,
                  int            width)
{
  double wanted = MAX (width, SL_FLOW_FIGURE_MIN_WIDTH);

  if (self->figure != NULL && sl_flow_figure_get_width (self->figure) != wanted)
    drop_figure (self);
  if (self->figure == NULL)
    {
      self->figure = sl_flow_figure_new (self->flow, gtk_widget_get_pango_context (GTK_WIDGET (self)), wanted);
      self->figure_font = pango_font_description_copy (current_font (self));
    }
  return self->figure;
}

/* ---- accessibility --------------------------------------------------------------------- */

static char *
dup_title (SlFlow *flow)
{
  if (sl_flow_is_empty (flow))
    return g_strdup (_("Socket flow diagram: nothing to show yet"));
  /* TRANSLATORS: the two lanes' titles and addresses, like "Client — Socket Lab Connect
   * page, 127.0.0.1:40312 · TCP" */
  return g_strdup_printf (_("Socket flow diagram: %s, %s; %s, %s"),
                          sl_flow_lane_get_title (flow, SL_FLOW_SIDE_CLIENT),
                          sl_flow_lane_get_subtitle (flow, SL_FLOW_SIDE_CLIENT),
                          sl_flow_lane_get_title (flow, SL_FLOW_SIDE_SERVER),
                          sl_flow_lane_get_subtitle (flow, SL_FLOW_SIDE_SERVER));
}

static void
update_accessible (SlFlowDiagram *self)
{
  g_autofree char *title = dup_title (self->flow);
  g_autofree char *description = sl_flow_describe (self->flow);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* ---- following the traces -------------------------------------------------------------- */

/* After the flow changed: new figure, the empty hint shown or not, new words. */
static void
flow_changed (SlFlowDiagram *self)
{
  drop_figure (self);
  gtk_widget_set_visible (self->empty_page, sl_flow_is_empty (self->flow));
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
rebuild_now (SlFlowDiagram *self)
{
  if (self->rebuild_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->rebuild_tick);
      self->rebuild_tick = 0;
    }
  sl_flow_rebuild (self->flow);
  flow_changed (self);
}

static gboolean
rebuild_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  SlFlowDiagram *self = SL_FLOW_DIAGRAM (widget);

  self->rebuild_tick = 0;
  sl_flow_rebuild (self->flow);
  flow_changed (self);
  return G_SOURCE_REMOVE;
}

/* At most one rebuild a frame, and none while not shown: map () catches up. */
static void
flow_outdated_cb (SlFlow        *flow,
                  SlFlowDiagram *self)
{
  if (self->rebuild_tick != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->rebuild_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), rebuild_tick_cb, NULL, NULL);
}

static void
flow_notify_cb (SlFlow        *flow,
                GParamSpec    *pspec,
                SlFlowDiagram *self)
{
  /* Setting a trace or the side rebuilt the flow already. */
  flow_changed (self);
  if (g_strcmp0 (pspec->name, "client-trace") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_TRACE]);
  else if (g_strcmp0 (pspec->name, "server-trace") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_TRACE]);
  else if (g_strcmp0 (pspec->name, "preferred-side") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREFERRED_SIDE]);
}

/* ---- GtkWidget ------------------------------------------------------------------------- */

static GtkSizeRequestMode
sl_flow_diagram_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sl_flow_diagram_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  SlFlowDiagram *self = SL_FLOW_DIAGRAM (widget);

  if (sl_flow_is_empty (self->flow))
    {
      gtk_widget_measure (self->empty_page, orientation, for_size, minimum, natural, NULL, NULL);
      return;
    }
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = SL_FLOW_FIGURE_MIN_WIDTH;
      *natural = NATURAL_WIDTH;
      return;
    }
  /* Laid out for the width asked about; size_allocate () then mostly finds it ready. */
  *minimum = *natural = (int) ceil (sl_flow_figure_get_height (figure_for_width (self, for_size >= 0 ? for_size
                                                                                                   : NATURAL_WIDTH)));
}

static void
sl_flow_diagram_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  SlFlowDiagram *self = SL_FLOW_DIAGRAM (widget);

  if (gtk_widget_get_visible (self->empty_page))
    gtk_widget_allocate (self->empty_page, width, height, baseline, NULL);
  if (self->node_height != height)
    drop_node (self);
}

static void
draw_node (SlFlowDiagram *self,
           SlFlowFigure  *figure,
           SlFlowStyle    style,
           int            height)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  double width = sl_flow_figure_get_width (figure);
  double bottom = MAX (sl_flow_figure_get_height (figure), height);

  for (double y = 0; y < bottom; y += BAND_HEIGHT)
    {
      double band = MIN (BAND_HEIGHT, bottom - y);
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, y, width, band));

      sl_flow_figure_draw (figure, cr, style, y, y + band);
      cairo_destroy (cr);
    }
  self->node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  self->node_style = style;
  self->node_height = height;
}

static void
sl_flow_diagram_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  SlFlowDiagram *self = SL_FLOW_DIAGRAM (widget);
  SlFlowStyle style;
  SlFlowFigure *figure;

  if (sl_flow_is_empty (self->flow))
    {
      gtk_widget_snapshot_child (widget, self->empty_page, snapshot);
      return;
    }
  figure = figure_for_width (self, gtk_widget_get_width (widget));
  style = current_style (self);
  if (self->node == NULL || self->node_style != style || self->node_height != gtk_widget_get_height (widget))
    {
      drop_node (self);
      draw_node (self, figure, style, gtk_widget_get_height (widget));
    }
  if (self->node != NULL)
    gtk_snapshot_append_node (snapshot, self->node);
}

static void
sl_flow_diagram_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  SlFlowDiagram *self = SL_FLOW_DIAGRAM (widget);

  GTK_WIDGET_CLASS (sl_flow_diagram_parent_class)->css_changed (widget, change);
  /* Hovering changes the CSS state too: only a new font means a new layout, and only a
   * new style new colors. */
  if (self->figure_font != NULL && !pango_font_description_equal (self->figure_font, current_font (self)))
    {
      drop_figure (self);
      gtk_widget_queue_resize (widget);
    }
  else if (self->node != NULL && self->node_style != current_style (self))
    {
      drop_node (self);
      gtk_widget_queue_draw (widget);
    }
}

static void
sl_flow_diagram_map (GtkWidget *widget)
{
  SlFlowDiagram *self = SL_FLOW_DIAGRAM (widget);

  GTK_WIDGET_CLASS (sl_flow_diagram_parent_class)->map (widget);
  if (sl_flow_is_outdated (self->flow))
    rebuild_now (self);
}

static void
sl_flow_diagram_unmap (GtkWidget *widget)
{
  SlFlowDiagram *self = SL_FLOW_DIAGRAM (widget);

  if (self->rebuild_tick != 0)
    {
      gtk_widget_remove_tick_callback (widget, self->rebuild_tick);
      self->rebuild_tick = 0;
    }
  drop_node (self);
  GTK_WIDGET_CLASS (sl_flow_diagram_parent_class)->unmap (widget);
}

/* The exact call under the pointer, as the Socket Calls panel prints it. */
static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  SlFlowDiagram *self = SL_FLOW_DIAGRAM (widget);
  g_autofree char *line = NULL;
  int step;

  if (keyboard || self->figure == NULL || sl_flow_is_empty (self->flow))
    return FALSE;
  step = sl_flow_figure_step_at (self->figure, x, y);
  if (step < 0 || (guint) step >= sl_flow_get_n_steps (self->flow))
    return FALSE;
  line = sl_trace_event_format (sl_flow_step_get_event (self->flow, step));
  gtk_tooltip_set_text (tooltip, line);
  return TRUE;
}

/* ---- GObject --------------------------------------------------------------------------- */

static void
sl_flow_diagram_dispose (GObject *object)
{
  SlFlowDiagram *self = SL_FLOW_DIAGRAM (object);

  drop_figure (self);
  if (self->flow != NULL)
    g_signal_handlers_disconnect_by_data (self->flow, self);
  g_clear_object (&self->flow);
  g_clear_pointer (&self->empty_page, gtk_widget_unparent);

  G_OBJECT_CLASS (sl_flow_diagram_parent_class)->dispose (object);
}

static void
sl_flow_diagram_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SlFlowDiagram *self = SL_FLOW_DIAGRAM (object);

  switch (prop_id)
    {
    case PROP_CLIENT_TRACE:
      g_value_set_object (value, sl_flow_diagram_get_client_trace (self));
      break;
    case PROP_SERVER_TRACE:
      g_value_set_object (value, sl_flow_diagram_get_server_trace (self));
      break;
    case PROP_PREFERRED_SIDE:
      g_value_set_enum (value, sl_flow_diagram_get_preferred_side (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_flow_diagram_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SlFlowDiagram *self = SL_FLOW_DIAGRAM (object);

  switch (prop_id)
    {
    case PROP_CLIENT_TRACE:
      sl_flow_diagram_set_client_trace (self, g_value_get_object (value));
      break;
    case PROP_SERVER_TRACE:
      sl_flow_diagram_set_server_trace (self, g_value_get_object (value));
      break;
    case PROP_PREFERRED_SIDE:
      sl_flow_diagram_set_preferred_side (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_flow_diagram_class_init (SlFlowDiagramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_flow_diagram_dispose;
  object_class->get_property = sl_flow_diagram_get_property;
  object_class->set_property = sl_flow_diagram_set_property;
  widget_class->get_request_mode = sl_flow_diagram_get_request_mode;
  widget_class->measure = sl_flow_diagram_measure;
  widget_class->size_allocate = sl_flow_diagram_size_allocate;
  widget_class->snapshot = sl_flow_diagram_snapshot;
  widget_class->css_changed = sl_flow_diagram_css_changed;
  widget_class->map = sl_flow_diagram_map;
  widget_class->unmap = sl_flow_diagram_unmap;

  properties[PROP_CLIENT_TRACE] =
    g_param_spec_object ("client-trace", NULL, NULL, SL_TYPE_TRACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_TRACE] =
    g_param_spec_object ("server-trace", NULL, NULL, SL_TYPE_TRACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREFERRED_SIDE] =
    g_param_spec_enum ("preferred-side", NULL, NULL, SL_TYPE_FLOW_SIDE, SL_FLOW_SIDE_CLIENT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sl-flow-diagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sl_flow_diagram_init (SlFlowDiagram *self)
{
  self->flow = sl_flow_new (NULL, NULL);
  g_signal_connect (self->flow, "outdated", G_CALLBACK (flow_outdated_cb), self);
  g_signal_connect (self->flow, "notify", G_CALLBACK (flow_notify_cb), self);

  self->empty_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty_page), "network-transmit-receive-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_page), _("No Socket Calls Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_page),
                                   _("Connect or start a server to see the socket calls as a flow"));
  gtk_widget_add_css_class (self->empty_page, "compact");
  gtk_widget_set_parent (self->empty_page, GTK_WIDGET (self));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  update_accessible (self);
}

/* ---- public API ------------------------------------------------------------------------ */

GtkWidget *
sl_flow_diagram_new (void)
{
  return g_object_new (SL_TYPE_FLOW_DIAGRAM, NULL);
}

SlTrace *
sl_flow_diagram_get_client_trace (SlFlowDiagram *self)
{
  g_return_val_if_fail (SL_IS_FLOW_DIAGRAM (self), NULL);
  return sl_flow_get_client_trace (self->flow);
}

void
sl_flow_diagram_set_client_trace (SlFlowDiagram *self,
                                  SlTrace       *trace)
{
  g_return_if_fail (SL_IS_FLOW_DIAGRAM (self));
  sl_flow_set_client_trace (self->flow, trace);
}

SlTrace *
sl_flow_diagram_get_server_trace (SlFlowDiagram *self)
{
  g_return_val_if_fail (SL_IS_FLOW_DIAGRAM (self), NULL);
  return sl_flow_get_server_trace (self->flow);
}

void
sl_flow_diagram_set_server_trace (SlFlowDiagram *self,
                                  SlTrace       *trace)
{
  g_return_if_fail (SL_IS_FLOW_DIAGRAM (self));
  sl_flow_set_server_trace (self->flow, trace);
}

SlFlowSide
sl_flow_diagram_get_preferred_side (SlFlowDiagram *self)
{
  g_return_val_if_fail (SL_IS_FLOW_DIAGRAM (self), SL_FLOW_SIDE_CLIENT);
  return sl_flow_get_preferred_side (self->flow);
}

void
sl_flow_diagram_set_preferred_side (SlFlowDiagram *self,
                                    SlFlowSide     side)
{
  g_return_if_fail (SL_IS_FLOW_DIAGRAM (self));
  sl_flow_set_preferred_side (self->flow, side);
}

SlFlow *
sl_flow_diagram_get_flow (SlFlowDiagram *self)
{
  g_return_val_if_fail (SL_IS_FLOW_DIAGRAM (self), NULL);
  return self->flow;
}

/* ---- export ---------------------------------------------------------------------------- */

/* The widget's fonts without the screen's hinting: a figure that scales and prints well. */
/* The fixed export context, in the widget's font and language. */
static PangoContext *
create_print_context (SlFlowDiagram *self)
{
  PangoContext *screen = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoContext *context = sl_image_export_create_pango_context ();

  pango_context_set_font_description (context, pango_context_get_font_description (screen));
  pango_context_set_language (context, pango_context_get_language (screen));
  return context;
}

/* The figure drawn at (width, height) units: shrunk to fit when it needs more, centered. */
static void
draw_export (SlFlowFigure *figure,
             cairo_t      *cr,
             int           width,
             int           height)
{
  double figure_width = sl_flow_figure_get_width (figure);
  double figure_height = sl_flow_figure_get_height (figure);
  double fit = MIN (1.0, MIN (width / figure_width, height / figure_height));

  /* The light style's background, also around a shrunk figure. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, (width - figure_width * fit) / 2, 0);
  cairo_scale (cr, fit, fit);
  sl_flow_figure_draw (figure, cr, SL_FLOW_STYLE_LIGHT, 0, MAX (figure_height, height / fit));
}

/* The export as a render node, for the image export every figure shares. */
static GskRenderNode *
export_node (SlFlowFigure *figure,
             int           width,
             int           height)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  draw_export (figure, cr, width, height);
  cairo_destroy (cr);
  return gtk_snapshot_free_to_node (snapshot);
}

GBytes *
sl_flow_diagram_export (SlFlowDiagram  *self,
                        SlImageFormat   format,
                        int             width,
                        int             height,
                        double          scale,
                        GError        **error)
{
  g_autoptr(SlFlowFigure) figure = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  PangoContext *context;
  SlFlow *flow;

  g_return_val_if_fail (SL_IS_FLOW_DIAGRAM (self), NULL);
  g_return_val_if_fail (format == SL_IMAGE_FORMAT_PNG || format == SL_IMAGE_FORMAT_SVG, NULL);
  g_return_val_if_fail (width > 0, NULL);
  g_return_val_if_fail (scale > 0 && scale <= MAX_SCALE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The file has the latest calls, even from a diagram not on screen. */
  if (sl_flow_is_outdated (self->flow))
    rebuild_now (self);
  flow = self->flow;
  if (sl_flow_is_empty (flow))
    {
      g_set_error_literal (error, SL_FLOW_DIAGRAM_ERROR, SL_FLOW_DIAGRAM_ERROR_EMPTY,
                           _("There is no socket flow to save yet: connect or start a server first"));
      return NULL;
    }
  context = create_print_context (self);
  figure = sl_flow_figure_new (flow, context, width);
  g_object_unref (context);
  if (height <= 0)
    height = (int) ceil (sl_flow_figure_get_height (figure) * MIN (1.0, width / sl_flow_figure_get_width (figure)));
  node = export_node (figure, width, height);
  title = dup_title (flow);
  description = sl_flow_describe (flow);
  return sl_image_export_node (node, format, width, height, scale, title, description, error);
}

/* Wide enough that no call wraps, sharp on a HiDPI document. */
#define COPY_WIDTH 960
#define COPY_SCALE 2.0

gboolean
sl_flow_diagram_copy (SlFlowDiagram *self)
{
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SL_IS_FLOW_DIAGRAM (self), FALSE);

  png = sl_flow_diagram_export (self, SL_IMAGE_FORMAT_PNG, COPY_WIDTH, 0, COPY_SCALE, &error);
  if (png != NULL)
    texture = gdk_texture_new_from_bytes (png, &error);
  if (texture == NULL)
    {
      sl_show_toast (GTK_WIDGET (self), error->message);
      return FALSE;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  sl_show_toast (GTK_WIDGET (self), _("Flow diagram copied as an image"));
  return TRUE;
}

gboolean
sl_flow_diagram_add_to_report (SlFlowDiagram *self,
                               SlReport      *report)
{
  g_autoptr(GBytes) png = NULL;

  g_return_val_if_fail (SL_IS_FLOW_DIAGRAM (self), FALSE);
  g_return_val_if_fail (SL_IS_REPORT (report), FALSE);

  png = sl_flow_diagram_export (self, SL_IMAGE_FORMAT_PNG, COPY_WIDTH, 0, COPY_SCALE, NULL);
  if (png == NULL)
    return FALSE;
  sl_report_add_image (report, _("Socket flow"),
                       _("The socket calls of the client and of the server, in the order they were made, "
                         "with the data each side sent to the other."), png);
  return TRUE;
}
