/* sl-rtt-chart.c: a live round-trip-time chart, one line per ping target.
 *
 * Drawn in snapshot (): axes with "nice" ticks, one line per series, red ticks at the top
 * for lost probes, a legend, and a crosshair with a tooltip readout while the pointer is over
 * the plot. The same functions draw the export figure (PNG, SVG, texture) with a fixed light
 * Style instead of the widget's CSS; sl-image-export.c turns that node into bytes.
 *
 * Long runs stay cheap in both halves of a frame:
 *   - snapshot (): samples are reduced to one min/max Bucket per pixel column, incrementally
 *     (a new sample touches one bucket), and every node is cached: the axes and legend as one
 *     node, the lines in strips of STRIP_COLUMNS columns. A new sample rebuilds only the
 *     strip(s) its segment crosses; a new scale or size rebuilds everything.
 *   - rendering: the renderer rasterizes a cairo node once and keeps the texture while the
 *     node is reused, so a frame only re-rasterizes the strips that changed. Each strip's
 *     bounds are cut to the height its lines really span, because the cost of drawing a
 *     cached texture grows with its area (on software GL it is most of the frame).
 * The y scale follows a robust range (a high percentile from a log histogram), so one outlier
 * does not squash the other points; it glides to new ranges while running.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sl-rtt-chart.h"

/* Sizes in logical pixels at zoom 1 (the widget); a larger picture scales them. */
#define PAD              8.0
#define TICK_GAP         6.0
#define LOST_TICK_HEIGHT 7.0
#define LOST_TICK_WIDTH  2.0
#define LINE_WIDTH       1.6
#define DOT_RADIUS       2.5
#define CLIPPED_MARK     5.0     /* height of the mark where a line leaves the top */
#define FONT_PX          13.0    /* the export's label font; the widget's comes from CSS */
#define MIN_Y_MAX_MS     0.01
#define HIST_PER_OCTAVE  16
#define HIST_BINS        (HIST_PER_OCTAVE * 40)
#define GLIDE_TAU_US     120000.0
/* Narrow enough that a new sample re-rasterizes little, wide enough that the renderer does
 * not pay a texture switch per few pixels. */
#define STRIP_COLUMNS    32

#define EXPORT_WIDTH     1600
#define EXPORT_HEIGHT    800
#define EXPORT_SCALE     2.0

typedef struct {
  double  time_s;
  guint64 seq;
  float   rtt_ms;     /* NAN: lost */
} Sample;

typedef struct {
  guint    id;
  char    *label;
  guint    color_index;
  GArray  *samples;
} Series;

/* One pixel column of one series. */
typedef struct {
  float    first, last, min, max;
  gboolean has_rtt;
  gboolean lost;
} Bucket;

/* The buckets of one series, filled up to n_counted samples. */
typedef struct {
  Bucket   *buckets;
  guint     n_counted;
  int       last_rtt;   /* column of the last RTT counted; -1: none yet */
  gboolean  dots;       /* points sparse enough to be drawn as dots too */
} SeriesColumns;

/* Every series reduced to the columns of one Frame. */
typedef struct {
  guint          n_columns;
  guint          n_series;
  SeriesColumns *series;
} Columns;

typedef struct {
  int      width, height;      /* of the area laid out */
  double   x0, y0, x1, y1;     /* plot area, on whole pixels so cached strips tile exactly */
  double   x_min, x_max;
  double   y_max, y_step;
  guint    n_columns;          /* one per pixel from x0 to x1 */
  gboolean empty;              /* laid out without samples (the hint instead of lines) */
  gboolean has_lost;           /* the legend explains the lost-probe ticks */
} Frame;

/* What the drawing code needs to know about looks: the widget's CSS, or the export's fixed
 * light style. */
typedef struct {
  GtkWidget          *widget;   /* text uses its CSS font; NULL: pango and attrs */
  PangoContext       *pango;
  PangoAttrList      *attrs;
  GdkRGBA             fg;
  GdkRGBA             error;
  const char * const *palette;
  double              zoom;      /* sizes are for zoom 1 (the widget) */
} Style;

typedef struct {
  GskRenderNode *node;          /* NULL when the strip has nothing to draw */
  gboolean       valid;
} Strip;

struct _SlRttChart
{
  GtkWidget       parent_instance;

  GPtrArray      *series;          /* Series */
  guint           next_id;
  guint           n_samples;
  guint           n_rtts;
  guint32         histogram[HIST_BINS];
  double          rtt_max_ms;

  SlRttChartAxis  x_axis;
  gboolean        running;
  double          y_max;           /* drawn */
  double          y_target;
  guint           glide_id;
  gint64          glide_last_us;

  /* Caches, all for frame */
  Frame           frame;
  gboolean        layout_valid;
  GskRenderNode  *decorations;     /* axes, labels, legend or the empty hint */
  Columns         columns;         /* valid while the x axis keeps its range and width */
  gboolean        columns_valid;
  GArray         *strips;          /* Strip */
  GskRenderNode  *lost_ticks;
  gboolean        plot_valid;      /* strips and ticks drawn for frame */

  gboolean        hovering;        /* the pointer is over the plot area */
  double          hover_x, hover_y;
};

G_DEFINE_FINAL_TYPE (SlRttChart, sl_rtt_chart, GTK_TYPE_WIDGET)
G_DEFINE_ENUM_TYPE (SlRttChartAxis, sl_rtt_chart_axis,
                    G_DEFINE_ENUM_VALUE (SL_RTT_CHART_AXIS_TIME, "time"),
                    G_DEFINE_ENUM_VALUE (SL_RTT_CHART_AXIS_SEQ, "seq"))

enum {
  PROP_0,
  PROP_X_AXIS,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The series palette, from the GNOME palette: darker shades on light backgrounds, lighter
 * ones on dark backgrounds. Red is kept for lost probes. */
static const char * const palette_light[SL_RTT_CHART_N_COLORS] = {
  "#1c71d8", "#c64600", "#26a269", "#813d9c", "#986a44", "#9c6e03",
};
static const char * const palette_dark[SL_RTT_CHART_N_COLORS] = {
  "#62a0ea", "#ffa348", "#57e389", "#c061cb", "#cdab8f", "#f8e45c",
};

/* The export is for paper and slides: dark text on white, whatever the desktop uses. */
#define EXPORT_FOREGROUND "#241f31"
#define EXPORT_ERROR      "#c01c28"
#define EXPORT_BACKGROUND "#ffffff"

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->label);
  g_array_unref (series->samples);
  g_free (series);
}

static Series *
find_series (SlRttChart *self,
             guint       id)
{
  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = g_ptr_array_index (self->series, i);
      if (series->id == id)
        return series;
    }
  return NULL;
}

/* Styles */

static void
get_foreground (SlRttChart *self,
                GdkRGBA    *out)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), out);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static gboolean
is_dark (SlRttChart *self)
{
  GdkRGBA fg;

  /* Light text means a dark background. */
  get_foreground (self, &fg);
  return 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5;
}

static void
get_error_color (SlRttChart *self,
                 GdkRGBA    *out)
{
  /* libadwaita's @error_color; a theme without it gets the text color. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                       "error_color", out))
    get_foreground (self, out);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
style_init_for_widget (SlRttChart *self,
                       Style      *style)
{
  *style = (Style) { .widget = GTK_WIDGET (self), .zoom = 1.0 };
  get_foreground (self, &style->fg);
  get_error_color (self, &style->error);
  style->palette = is_dark (self) ? palette_dark : palette_light;
}

/* The export's fonts and colors; sizes grow with the figure so that text stays readable once
 * the image is scaled down to a page. Free with style_clear (). */
static void
style_init_for_export (Style  *style,
                       int     width,
                       int     height)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  *style = (Style) { .palette = palette_light };
  style->zoom = CLAMP (MIN (width / 800.0, height / 400.0), 1.0, 4.0);
  gdk_rgba_parse (&style->fg, EXPORT_FOREGROUND);
  gdk_rgba_parse (&style->error, EXPORT_ERROR);
  style->pango = sl_image_export_create_pango_context ();
  pango_font_description_set_absolute_size (font, FONT_PX * style->zoom * PANGO_SCALE);
  pango_context_set_font_description (style->pango, font);
  /* Tabular figures, as style.css asks for the widget: tick labels line up. */
  style->attrs = pango_attr_list_new ();
  pango_attr_list_insert (style->attrs, pango_attr_font_features_new ("tnum"));
}

static void
style_clear (Style *style)
{
  g_clear_object (&style->pango);
  g_clear_pointer (&style->attrs, pango_attr_list_unref);
}

static void
style_series_color (const Style *style,
                    guint        color_index,
                    GdkRGBA     *out)
{
  gdk_rgba_parse (out, style->palette[color_index % SL_RTT_CHART_N_COLORS]);
}

void
sl_rtt_chart_get_color (SlRttChart *self,
                        guint       color_index,
                        GdkRGBA    *out_color)
{
  g_return_if_fail (SL_IS_RTT_CHART (self));
  g_return_if_fail (out_color != NULL);

  gdk_rgba_parse (out_color, (is_dark (self) ? palette_dark : palette_light)[color_index % SL_RTT_CHART_N_COLORS]);
}

/* Scale */

static guint
histogram_bin (double rtt_ms)
{
  double us = MAX (rtt_ms * 1000.0, 1.0);
  double bin = log2 (us) * HIST_PER_OCTAVE;

  return (guint) CLAMP (bin, 0, HIST_BINS - 1);
}

/* The rank-th smallest RTT (1-based), to within half a histogram bin (±2.2 %). */
static double
histogram_rank_value (SlRttChart *self,
                      guint64     rank)
{
  guint64 seen = 0;

  for (guint i = 0; i < HIST_BINS; i++)
    {
      seen += self->histogram[i];
      if (seen >= MAX (rank, 1))
        return exp2 ((i + 0.5) / HIST_PER_OCTAVE) / 1000.0;
    }
  return self->rtt_max_ms;
}

static double
nice_step (double range,
           double ticks)
{
  double raw = range / MAX (ticks, 1.0);
  double magnitude = pow (10.0, floor (log10 (raw)));
  double norm = raw / magnitude;

  if (norm <= 1.0)
    return magnitude;
  if (norm <= 2.0)
    return 2.0 * magnitude;
  if (norm <= 5.0)
    return 5.0 * magnitude;
  return 10.0 * magnitude;
}

static double
nice_ceiling (double value)
{
  double step = nice_step (value, 5.0);

  return ceil (value / step - 1e-9) * step;
}

/* The top 2 % of the RTTs (at least one once there are ten) set the scale only when they
 * are within twice the rest: a single outlier is clipped at the top instead of squashing
 * every other point to the bottom. */
static double
robust_y_max (SlRttChart *self)
{
  guint64 ignored = self->n_rtts >= 10 ? MAX (1, self->n_rtts / 50) : 0;
  double top, rest;

  if (self->n_rtts == 0)
    return 1.0;
  rest = MIN (histogram_rank_value (self, self->n_rtts - ignored), self->rtt_max_ms);
  top = self->rtt_max_ms <= 2 * rest ? self->rtt_max_ms : rest;
  return nice_ceiling (MAX (top * 1.15, MIN_Y_MAX_MS));
}

/* Everything drawn is stale: scale, size, style, series or axis changed. A new sample does
 * not come here: snapshot () works out what it changed. */
static void
invalidate (SlRttChart *self)
{
  self->layout_valid = FALSE;
  self->columns_valid = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
glide_cb (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       user_data)
{
  SlRttChart *self = SL_RTT_CHART (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double step = 1.0 - exp (-(now - self->glide_last_us) / GLIDE_TAU_US);

  self->glide_last_us = now;
  self->y_max += (self->y_target - self->y_max) * CLAMP (step, 0.0, 1.0);
  if (fabs (self->y_max - self->y_target) <= self->y_target * 0.005)
    {
      self->y_max = self->y_target;
      self->glide_id = 0;
    }
  /* snapshot () sees the new scale: the buckets stay, the lines are drawn again. */
  gtk_widget_queue_draw (widget);
  return self->glide_id != 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
stop_glide (SlRttChart *self)
{
  if (self->glide_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->glide_id);
  self->glide_id = 0;
}

/* Glides only while running and shown; otherwise the scale is set at once. */
static void
update_scale (SlRttChart *self)
{
  double target = robust_y_max (self);

  if (target == self->y_target && (self->glide_id != 0 || self->y_max == target))
    return;
  self->y_target = target;
  if (!self->running || !gtk_widget_get_mapped (GTK_WIDGET (self)) || self->y_max <= 0)
    {
      stop_glide (self);
      self->y_max = target;
      return;
    }
  if (self->glide_id == 0)
    {
      self->glide_last_us = g_get_monotonic_time ();
      self->glide_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), glide_cb, NULL, NULL);
    }
}

static void
rebuild_histogram (SlRttChart *self)
{
  memset (self->histogram, 0, sizeof self->histogram);
  self->n_rtts = 0;
  self->n_samples = 0;
  self->rtt_max_ms = 0;
  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = g_ptr_array_index (self->series, i);

      self->n_samples += series->samples->len;
      for (guint k = 0; k < series->samples->len; k++)
        {
          float rtt = g_array_index (series->samples, Sample, k).rtt_ms;
          if (isnan (rtt))
            continue;
          self->histogram[histogram_bin (rtt)]++;
          self->n_rtts++;
          self->rtt_max_ms = MAX (self->rtt_max_ms, rtt);
        }
    }
  update_scale (self);
}

/* Columns */

static double
sample_x (SlRttChart   *self,
          const Sample *sample)
{
  return self->x_axis == SL_RTT_CHART_AXIS_SEQ ? (double) sample->seq : sample->time_s;
}

static void
columns_clear (Columns *columns)
{
  for (guint i = 0; i < columns->n_series; i++)
    g_free (columns->series[i].buckets);
  g_clear_pointer (&columns->series, g_free);
  columns->n_series = columns->n_columns = 0;
}

static void
columns_reset (SlRttChart  *self,
               Columns     *columns,
               const Frame *frame)
{
  columns_clear (columns);
  columns->n_columns = frame->n_columns;
  columns->n_series = self->series->len;
  columns->series = g_new0 (SeriesColumns, columns->n_series);
  for (guint i = 0; i < columns->n_series; i++)
    {
      columns->series[i].buckets = g_new0 (Bucket, columns->n_columns);
      columns->series[i].last_rtt = -1;
    }
}

/* Adds the samples that came since the last call to their buckets: O(new samples), so a
 * frame after one more probe costs the same with 10 or 100 000 points. Returns FALSE when
 * no line changed, else the columns whose lines changed in [*out_from, *out_to]: from the
 * previous point of a line (its segment to the new one moved) to the new one. *out_lost
 * tells whether a lost probe was counted. */
static gboolean
columns_count (SlRttChart  *self,
               Columns     *columns,
               const Frame *frame,
               int         *out_from,
               int         *out_to,
               gboolean    *out_lost)
{
  int last = (int) columns->n_columns - 1;
  double scale = last / (frame->x_max - frame->x_min);
  int from = G_MAXINT, to = -1;

  *out_lost = FALSE;
  for (guint i = 0; i < columns->n_series; i++)
    {
      Series *series = g_ptr_array_index (self->series, i);
      SeriesColumns *sc = &columns->series[i];
      gboolean dots = series->samples->len * 6 <= columns->n_columns;

      if (dots != sc->dots)
        {
          sc->dots = dots;
          from = 0;
          to = last;
        }
      for (; sc->n_counted < series->samples->len; sc->n_counted++)
        {
          const Sample *sample = &g_array_index (series->samples, Sample, sc->n_counted);
          int column = (int) CLAMP (lround ((sample_x (self, sample) - frame->x_min) * scale), 0, last);
          Bucket *bucket = &sc->buckets[column];

          if (isnan (sample->rtt_ms))
            {
              bucket->lost = TRUE;
              *out_lost = TRUE;
              continue;
            }
          from = MIN (from, sc->last_rtt >= 0 ? sc->last_rtt : column);
          to = MAX (to, column);
          if (!bucket->has_rtt)
            {
              bucket->first = bucket->min = bucket->max = sample->rtt_ms;
              bucket->has_rtt = TRUE;
            }
          bucket->last = sample->rtt_ms;
          bucket->min = MIN (bucket->min, sample->rtt_ms);
          bucket->max = MAX (bucket->max, sample->rtt_ms);
          sc->last_rtt = column;
        }
    }
  *out_from = from;
  *out_to = to;
  return to >= from;
}

/* Layout */

static void
x_range (SlRttChart *self,
         double     *out_min,
         double     *out_max)
{
  double max = 0;

  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = g_ptr_array_index (self->series, i);
      if (series->samples->len > 0)
        max = MAX (max, sample_x (self, &g_array_index (series->samples, Sample, series->samples->len - 1)));
    }
  /* A little room at first, then a round end the points fill, growing as they come. */
  *out_min = self->x_axis == SL_RTT_CHART_AXIS_SEQ ? 1.0 : 0.0;
  max = MAX (max, *out_min + (self->x_axis == SL_RTT_CHART_AXIS_SEQ ? 4.0 : 1.0));
  *out_max = ceil (max / nice_step (max, 10.0) - 1e-9) * nice_step (max, 10.0);
}

static char *
format_tick (double value,
             double step)
{
  char format[16];
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  int decimals = step >= 1.0 ? 0 : (int) ceil (-log10 (step) - 1e-9);

  g_snprintf (format, sizeof format, "%%.%df", CLAMP (decimals, 0, 6));
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

static PangoLayout *
make_layout (const Style *style,
             const char  *text,
             int         *out_width,
             int         *out_height)
{
  PangoLayout *layout;

  if (style->widget != NULL)
    layout = gtk_widget_create_pango_layout (style->widget, text);
  else
    {
      layout = pango_layout_new (style->pango);
      pango_layout_set_text (layout, text, -1);
      pango_layout_set_attributes (layout, style->attrs);
    }
  pango_layout_get_pixel_size (layout, out_width, out_height);
  return layout;
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             double         x,
             double         y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             double         x,
             double         y,
             double         width,
             double         height)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
}

static const char *
x_title (SlRttChart *self)
{
  /* Translators: the chart's horizontal axis; icmp_seq is ping's name for the sequence number: keep
   * it. */
  return self->x_axis == SL_RTT_CHART_AXIS_SEQ ? _("Probe (icmp_seq)") : _("Time (s)");
}

/* Decides the plot area of a @width × @height chart from the sizes of its labels. */
static void
compute_frame (SlRttChart  *self,
               const Style *style,
               int          width,
               int          height,
               double       y_max,
               Frame       *frame)
{
  double zoom = style->zoom;
  g_autofree char *widest = NULL;
  int tw, th, lw, lh, xw, xh;

  *frame = (Frame) { .width = width, .height = height, .y_max = y_max,
                     .empty = self->n_samples == 0, .has_lost = self->n_samples > self->n_rtts };
  frame->y_step = nice_step (y_max, MAX (2.0, (height - 80 * zoom) / (40 * zoom)));
  widest = format_tick (y_max, frame->y_step);
  g_object_unref (make_layout (style, _("RTT (ms)"), &tw, &th));
  g_object_unref (make_layout (style, widest, &lw, &lh));
  g_object_unref (make_layout (style, x_title (self), &xw, &xh));

  frame->x0 = round (PAD * zoom + MAX (lw + TICK_GAP * zoom, tw / 2.0));
  /* The top tick label is centred on y0 and must clear the axis title above it. */
  frame->y0 = round (PAD * zoom + th + lh / 2.0 + 3 * zoom);
  frame->x1 = round (MAX (frame->x0 + 10, width - (PAD + 12) * zoom));
  frame->y1 = round (MAX (frame->y0 + 10, height - PAD * zoom - xh - lh - 4 * zoom));
  frame->n_columns = (guint) (frame->x1 - frame->x0) + 1;
  x_range (self, &frame->x_min, &frame->x_max);
}

static double
frame_y (const Frame *frame,
         double       rtt_ms)
{
  return frame->y1 - rtt_ms / frame->y_max * (frame->y1 - frame->y0);
}

/* Axes, grid and their labels. */
static void
append_axes (SlRttChart  *self,
             const Style *style,
             GtkSnapshot *snapshot,
             const Frame *frame)
{
  double zoom = style->zoom;
  GdkRGBA grid = style->fg, dim = style->fg;
  g_autoptr(PangoLayout) y_title = NULL;
  g_autoptr(PangoLayout) x_name = NULL;
  double x_step, line = MAX (1.0, round (zoom));
  int tw, th, lw, lh, xw, xh;

  grid.alpha = 0.12;
  dim.alpha = 0.7;

  y_title = make_layout (style, _("RTT (ms)"), &tw, &th);
  x_name = make_layout (style, x_title (self), &xw, &xh);
  append_text (snapshot, y_title, PAD * zoom, PAD * zoom, &dim);
  append_text (snapshot, x_name, (frame->x0 + frame->x1 - xw) / 2, frame->height - PAD * zoom - xh, &dim);

  for (double v = 0; v <= frame->y_max * (1 + 1e-9); v += frame->y_step)
    {
      double y = round (frame_y (frame, v));
      g_autofree char *text = format_tick (v, frame->y_step);
      g_autoptr(PangoLayout) label = make_layout (style, text, &lw, &lh);

      append_rect (snapshot, &grid, frame->x0, y, frame->x1 - frame->x0, line);
      append_text (snapshot, label, frame->x0 - TICK_GAP * zoom - lw, y - lh / 2.0, &dim);
    }

  x_step = nice_step (frame->x_max - frame->x_min, MAX (2.0, (frame->x1 - frame->x0) / (90 * zoom)));
  if (self->x_axis == SL_RTT_CHART_AXIS_SEQ)
    x_step = MAX (x_step, 1.0);
  for (double v = ceil (frame->x_min / x_step) * x_step; v <= frame->x_max * (1 + 1e-9); v += x_step)
    {
      double x = round (frame->x0 + (v - frame->x_min) / (frame->x_max - frame->x_min) * (frame->x1 - frame->x0));
      g_autofree char *text = format_tick (v, x_step);
      g_autoptr(PangoLayout) label = make_layout (style, text, &lw, &lh);

      append_rect (snapshot, &grid, x, frame->y0, line, frame->y1 - frame->y0);
      append_text (snapshot, label, x - lw / 2.0, frame->y1 + 3 * zoom, &dim);
    }
  /* The axes themselves */
  dim.alpha = 0.45;
  append_rect (snapshot, &dim, frame->x0, frame->y1, frame->x1 - frame->x0, line);
  append_rect (snapshot, &dim, frame->x0, frame->y0, line, frame->y1 - frame->y0);
}

/* Right-aligned above the plot, one color swatch and label per series, and what the red
 * ticks mean once there are any. */
static void
append_legend (SlRttChart  *self,
               const Style *style,
               GtkSnapshot *snapshot,
               const Frame *frame)
{
  double zoom = style->zoom;
  double x = frame->width - PAD * zoom;

  if (frame->has_lost)
    {
      int w, h;
      g_autoptr(PangoLayout) label = make_layout (style, _("lost"), &w, &h);

      x -= w;
      append_text (snapshot, label, x, PAD * zoom, &style->fg);
      x -= 8 * zoom;
      append_rect (snapshot, &style->error, x, round (PAD * zoom + (h - LOST_TICK_HEIGHT * zoom) / 2),
                   LOST_TICK_WIDTH * zoom, LOST_TICK_HEIGHT * zoom);
      x -= 16 * zoom;
    }

  for (guint i = self->series->len; i-- > 0; )
    {
      Series *series = g_ptr_array_index (self->series, i);
      int w, h;
      g_autoptr(PangoLayout) label = make_layout (style, series->label ? series->label : "", &w, &h);
      GdkRGBA color;

      x -= w;
      append_text (snapshot, label, x, PAD * zoom, &style->fg);
      x -= 14 * zoom;
      style_series_color (style, series->color_index, &color);
      append_rect (snapshot, &color, x, round (PAD * zoom + h / 2.0 - 2 * zoom), 10 * zoom, 4 * zoom);
      x -= 16 * zoom;
    }
}

static void
append_empty_hint (const Style *style,
                   GtkSnapshot *snapshot,
                   const Frame *frame)
{
  GdkRGBA dim = style->fg;
  int w, h;
  g_autoptr(PangoLayout) hint = make_layout (style, _("No replies yet: press Start"), &w, &h);

  dim.alpha = 0.55;
  append_text (snapshot, hint, (frame->x0 + frame->x1 - w) / 2, (frame->y0 + frame->y1 - h) / 2, &dim);
}

/* Everything but the lines: what changes only with the scale, the size or the labels. */
static void
append_decorations (SlRttChart  *self,
                    const Style *style,
                    GtkSnapshot *snapshot,
                    const Frame *frame)
{
  append_axes (self, style, snapshot, frame);
  if (frame->empty)
    append_empty_hint (style, snapshot, frame);
  append_legend (self, style, snapshot, frame);
}

/* Lines */

/* How far a point's drawing (line width, dot, antialiasing) reaches from it, in columns. */
static int
paint_margin (const Style *style)
{
  return (int) ceil ((MAX (LINE_WIDTH / 2, DOT_RADIUS) + 1) * style->zoom);
}

/* The box around the points a drawing uses. */
typedef struct {
  double left, top, right, bottom;
} Extents;

#define EXTENTS_EMPTY { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE }

/* Strokes one series over columns [from, to), joined to its nearest points outside them so
 * that whatever range is drawn, the pixels inside it are those of the whole line. Widens
 * @extents to the points used; with @cr NULL, that is all it does. */
static void
trace_series (const Frame         *frame,
              const SeriesColumns *sc,
              double               zoom,
              cairo_t             *cr,
              int                  from,
              int                  to,
              Extents             *extents)
{
  const Bucket *b = sc->buckets;
  int n = (int) frame->n_columns, before = from - 1, after = to;
  gboolean started = FALSE;

#define POINT(c, v) G_STMT_START {                                                  \
    double x_ = frame->x0 + (c), y_ = frame_y (frame, (v));                         \
    extents->left = MIN (extents->left, x_);                                        \
    extents->right = MAX (extents->right, x_);                                      \
    extents->top = MIN (extents->top, y_);                                          \
    extents->bottom = MAX (extents->bottom, y_);                                    \
    if (cr == NULL)                                                                 \
      ;                                                                             \
    else if (started)                                                               \
      cairo_line_to (cr, x_, y_);                                                   \
    else                                                                            \
      cairo_move_to (cr, x_, y_);                                                   \
    started = TRUE;                                                                 \
  } G_STMT_END

  while (before >= 0 && !b[before].has_rtt)
    before--;
  while (after < n && !b[after].has_rtt)
    after++;
  if (before >= 0)
    POINT (before, b[before].last);
  for (int c = from; c < to; c++)
    {
      if (!b[c].has_rtt)
        continue;
      POINT (c, b[c].first);
      if (b[c].min != b[c].max)
        {
          POINT (c, b[c].min);
          POINT (c, b[c].max);
          POINT (c, b[c].last);
        }
    }
  if (after < n && started)
    POINT (after, b[after].first);
#undef POINT
  if (cr == NULL)
    return;
  cairo_stroke (cr);

  for (int c = from; sc->dots && c < to; c++)
    if (b[c].has_rtt)
      {
        cairo_new_sub_path (cr);
        cairo_arc (cr, frame->x0 + c, frame_y (frame, b[c].last), DOT_RADIUS * zoom, 0, 2 * G_PI);
      }
  /* A lone outlier is above the scale (robust_y_max ()): where the line leaves the plot, a
   * small arrowhead on the top edge says the point is higher, not missing. As narrow as a
   * dot, so the strips' margin covers it too. */
  for (int c = from; c < to; c++)
    if (b[c].has_rtt && b[c].max > frame->y_max)
      {
        double x = frame->x0 + c, h = CLIPPED_MARK * zoom, half = DOT_RADIUS * zoom;

        cairo_move_to (cr, x, frame->y0);
        cairo_line_to (cr, x + half, frame->y0 + h);
        cairo_line_to (cr, x - half, frame->y0 + h);
        cairo_close_path (cr);
      }
  cairo_fill (cr);
}

static gboolean
column_lost (const Columns *columns,
             int            column)
{
  for (guint i = 0; i < columns->n_series; i++)
    if (columns->series[i].buckets[column].lost)
      return TRUE;
  return FALSE;
}

/* Red ticks at the top of the plot for the columns with a lost probe, ticks that touch
 * merged into one rectangle; NULL when nothing was lost. Kept apart from the lines: one
 * small node that only changes when a probe is lost. */
static GskRenderNode *
build_lost_ticks (const Style   *style,
                  const Frame   *frame,
                  const Columns *columns)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  double half = LOST_TICK_WIDTH / 2 * style->zoom, height = LOST_TICK_HEIGHT * style->zoom;
  double start = -1, end = -1;

  for (int c = 0; c < (int) frame->n_columns; c++)
    {
      double x = frame->x0 + c;

      if (!column_lost (columns, c))
        continue;
      if (start >= 0 && x - half > end)
        {
          append_rect (snapshot, &style->error, start, frame->y0, end - start, height);
          start = -1;
        }
      if (start < 0)
        start = x - half;
      end = x + half;
    }
  if (start >= 0)
    append_rect (snapshot, &style->error, start, frame->y0, end - start, height);
  return gtk_snapshot_free_to_node (snapshot);
}

/* The lines over columns [from, to), or NULL when there are none. The widget caches one per
 * strip; an export draws all columns at once (one path per line). */
static GskRenderNode *
build_lines (SlRttChart    *self,
             const Style   *style,
             const Frame   *frame,
             const Columns *columns,
             int            from,
             int            to)
{
  int n = (int) frame->n_columns, margin = paint_margin (style);
  int reach_from = MAX (0, from - margin), reach_to = MIN (n, to + margin);
  /* The first and last strips also own what sticks out of the plot sideways. */
  double left = frame->x0 + from - (from == 0 ? margin : 0);
  double right = to == n ? frame->x1 + margin : frame->x0 + to;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  Extents used = EXTENTS_EMPTY;
  double top, bottom;

  for (guint i = 0; i < columns->n_series; i++)
    trace_series (frame, &columns->series[i], style->zoom, NULL, reach_from, reach_to, &used);
  /* The node is only as big as the lines in it: drawing a cached texture costs its area,
   * and a new one (the strip a sample was added to) its size too. */
  left = MAX (left, floor (used.left - margin));
  right = MIN (right, ceil (used.right + margin));
  top = MAX (frame->y0, floor (used.top - margin));
  bottom = MIN (frame->y1 + margin, ceil (used.bottom + margin));
  if (used.top < frame->y0)     /* a point above the scale: room for its mark */
    bottom = MAX (bottom, frame->y0 + ceil (CLIPPED_MARK * style->zoom) + 1);
  if (right > left && bottom > top)
    {
      Extents ignored = EXTENTS_EMPTY;
      GtkSnapshot *own = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      cairo_t *cr;

      /* Drawn at (0, 0) in a snapshot of its own and moved into place by a transform node:
       * cairo 1.16's SVG surface puts a recording surface whose extents do not start at
       * (0, 0) in the wrong place, and a snapshot would fold a translation into them. */
      cr = gtk_snapshot_append_cairo (own, &GRAPHENE_RECT_INIT (0, 0, right - left, bottom - top));
      cairo_rectangle (cr, 0, 0, right - left, bottom - top);
      cairo_clip (cr);
      cairo_translate (cr, -left, -top);
      cairo_set_line_width (cr, LINE_WIDTH * style->zoom);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint i = 0; i < columns->n_series; i++)
        {
          Series *series = g_ptr_array_index (self->series, i);
          GdkRGBA color;

          style_series_color (style, series->color_index, &color);
          gdk_cairo_set_source_rgba (cr, &color);
          trace_series (frame, &columns->series[i], style->zoom, cr, reach_from, reach_to, &ignored);
        }
      cairo_destroy (cr);
      node = gtk_snapshot_free_to_node (own);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (left, top));
      gtk_snapshot_append_node (snapshot, node);
      gtk_snapshot_restore (snapshot);
    }
  return gtk_snapshot_free_to_node (snapshot);
}

/* The widget's drawing */

static void
strip_clear (gpointer data)
{
  g_clear_pointer (&((Strip *) data)->node, gsk_render_node_unref);
}

/* Lays the chart out again when what the layout depends on changed. */
static void
ensure_layout (SlRttChart *self,
               int         width,
               int         height)
{
  Style style;
  GtkSnapshot *snapshot;
  double x_min, x_max;
  Frame old;

  x_range (self, &x_min, &x_max);
  if (self->layout_valid && self->frame.width == width && self->frame.height == height &&
      self->frame.y_max == self->y_max && self->frame.x_min == x_min && self->frame.x_max == x_max &&
      self->frame.empty == (self->n_samples == 0) &&
      self->frame.has_lost == (self->n_samples > self->n_rtts))
    return;

  old = self->frame;
  style_init_for_widget (self, &style);
  compute_frame (self, &style, width, height, self->y_max, &self->frame);
  snapshot = gtk_snapshot_new ();
  append_decorations (self, &style, snapshot, &self->frame);
  g_clear_pointer (&self->decorations, gsk_render_node_unref);
  self->decorations = gtk_snapshot_free_to_node (snapshot);
  self->layout_valid = TRUE;
  self->plot_valid = FALSE;
  /* Buckets hold milliseconds: a new y scale (a glide) keeps them, a new x mapping not. */
  if (old.n_columns != self->frame.n_columns || old.x_min != self->frame.x_min || old.x_max != self->frame.x_max)
    self->columns_valid = FALSE;
}

/* Brings the buckets up to date and rebuilds the strips the new samples drew into, and the
 * ticks when a probe was lost. */
static void
update_plot (SlRttChart *self)
{
  guint n_strips = (self->frame.n_columns + STRIP_COLUMNS - 1) / STRIP_COLUMNS;
  gboolean lost, fresh = !self->columns_valid || !self->plot_valid;
  Style style;
  int from, to;

  if (!self->columns_valid)
    {
      columns_reset (self, &self->columns, &self->frame);
      self->columns_valid = TRUE;
    }
  if (fresh)
    {
      g_array_set_size (self->strips, 0);
      g_array_set_size (self->strips, n_strips);
      self->plot_valid = TRUE;
    }
  style_init_for_widget (self, &style);
  if (columns_count (self, &self->columns, &self->frame, &from, &to, &lost) && !fresh)
    {
      int margin = paint_margin (&style);
      guint first = MAX (0, from - margin) / STRIP_COLUMNS;
      guint last = MIN ((int) n_strips * STRIP_COLUMNS - 1, to + margin) / STRIP_COLUMNS;

      for (guint k = first; k <= last; k++)
        {
          Strip *strip = &g_array_index (self->strips, Strip, k);

          g_clear_pointer (&strip->node, gsk_render_node_unref);
          strip->valid = FALSE;
        }
    }
  for (guint k = 0; k < n_strips; k++)
    {
      Strip *strip = &g_array_index (self->strips, Strip, k);

      if (strip->valid)
        continue;
      strip->node = build_lines (self, &style, &self->frame, &self->columns, k * STRIP_COLUMNS,
                                 MIN ((k + 1) * STRIP_COLUMNS, self->frame.n_columns));
      strip->valid = TRUE;
    }
  if (lost || fresh)
    {
      g_clear_pointer (&self->lost_ticks, gsk_render_node_unref);
      self->lost_ticks = build_lost_ticks (&style, &self->frame, &self->columns);
    }
}

static gboolean
in_plot (SlRttChart *self,
         double      x,
         double      y)
{
  return self->layout_valid &&
         x >= self->frame.x0 && x <= self->frame.x1 &&
         y >= self->frame.y0 && y <= self->frame.y1;
}

static void
draw_hover (SlRttChart  *self,
            GtkSnapshot *snapshot)
{
  GdkRGBA line;

  /* Checked again here: the layout may have moved under a pointer that did not. */
  if (!self->hovering || self->n_samples == 0 || !in_plot (self, self->hover_x, self->hover_y))
    return;
  get_foreground (self, &line);
  line.alpha = 0.35;
  append_rect (snapshot, &line, round (self->hover_x), self->frame.y0, 1, self->frame.y1 - self->frame.y0);
}

static void
sl_rtt_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  SlRttChart *self = SL_RTT_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (width <= 0 || height <= 0)
    return;
  ensure_layout (self, width, height);
  if (self->decorations != NULL)
    gtk_snapshot_append_node (snapshot, self->decorations);
  if (self->n_samples > 0)
    {
      update_plot (self);
      for (guint k = 0; k < self->strips->len; k++)
        {
          Strip *strip = &g_array_index (self->strips, Strip, k);

          if (strip->node != NULL)
            gtk_snapshot_append_node (snapshot, strip->node);
        }
      if (self->lost_ticks != NULL)
        gtk_snapshot_append_node (snapshot, self->lost_ticks);
    }
  draw_hover (self, snapshot);
}

/* Export */

/* Text of the figure's own, wrapped to @width: the title and the summary. */
static PangoLayout *
make_paragraph (const Style                *style,
                const char                 *text,
                const PangoFontDescription *font,
                double                      width,
                int                        *out_height)
{
  PangoLayout *layout = pango_layout_new (style->pango);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, NULL, out_height);
  return layout;
}

/* The figure: white background, title, the chart drawn as in the widget, and the summary
 * lines beneath it, all in the export style whatever the desktop's. */
static GskRenderNode *
build_figure (SlRttChart         *self,
              int                 width,
              int                 height,
              const char         *title,
              const char * const *summary_lines)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  Style style;
  GdkRGBA background;
  double margin, top, bottom;
  Frame frame;

  style_init_for_export (&style, width, height);
  margin = round (PAD * 2 * style.zoom);
  top = margin;
  bottom = height - margin;
  gdk_rgba_parse (&background, EXPORT_BACKGROUND);
  append_rect (snapshot, &background, 0, 0, width, height);

  if (title != NULL && *title != '\0')
    {
      g_autoptr(PangoFontDescription) font = pango_font_description_copy (pango_context_get_font_description (style.pango));
      g_autoptr(PangoLayout) layout = NULL;
      int h;

      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      pango_font_description_set_absolute_size (font, FONT_PX * 1.35 * style.zoom * PANGO_SCALE);
      layout = make_paragraph (&style, title, font, width - 2 * margin, &h);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      append_text (snapshot, layout, margin, top, &style.fg);
      top = round (top + h + 4 * style.zoom);
    }
  if (summary_lines != NULL && summary_lines[0] != NULL)
    {
      /* Monospace, as ping prints them and the statistics cards show them. */
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Monospace");
      g_autofree char *text = g_strjoinv ("\n", (char **) summary_lines);
      g_autoptr(PangoLayout) layout = NULL;
      int h;

      pango_font_description_set_absolute_size (font, FONT_PX * 0.95 * style.zoom * PANGO_SCALE);
      layout = make_paragraph (&style, text, font, width - 2 * margin, &h);
      pango_layout_set_spacing (layout, (int) (3 * style.zoom * PANGO_SCALE));
      pango_layout_get_pixel_size (layout, NULL, &h);
      bottom = round (bottom - h);
      append_text (snapshot, layout, margin, bottom, &style.fg);
      bottom -= round (8 * style.zoom);
    }

  /* The chart itself: its own PAD inside the area, so the figure's margin is PAD wider. */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (margin - PAD * style.zoom, top - PAD * style.zoom));
  compute_frame (self, &style, width - 2 * (margin - PAD * style.zoom),
                 MAX (bottom - top + 2 * PAD * style.zoom, 80 * style.zoom), self->y_target, &frame);
  append_decorations (self, &style, snapshot, &frame);
  if (self->n_samples > 0)
    {
      Columns columns = { 0 };
      g_autoptr(GskRenderNode) lines = NULL;
      g_autoptr(GskRenderNode) ticks = NULL;
      gboolean lost;
      int from, to;

      columns_reset (self, &columns, &frame);
      columns_count (self, &columns, &frame, &from, &to, &lost);
      lines = build_lines (self, &style, &frame, &columns, 0, frame.n_columns);
      ticks = build_lost_ticks (&style, &frame, &columns);
      if (lines != NULL)
        gtk_snapshot_append_node (snapshot, lines);
      if (ticks != NULL)
        gtk_snapshot_append_node (snapshot, ticks);
      columns_clear (&columns);
    }
  gtk_snapshot_restore (snapshot);
  style_clear (&style);
  return gtk_snapshot_free_to_node (snapshot);
}

static void
export_defaults (int    *width,
                 int    *height,
                 double *scale)
{
  if (*width <= 0)
    *width = EXPORT_WIDTH;
  if (*height <= 0)
    *height = EXPORT_HEIGHT;
  if (*scale <= 0)
    *scale = EXPORT_SCALE;
}

GBytes *
sl_rtt_chart_export (SlRttChart         *self,
                     SlImageFormat       format,
                     int                 width,
                     int                 height,
                     double              scale,
                     const char         *title,
                     const char * const *summary_lines,
                     GError            **error)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (SL_IS_RTT_CHART (self), NULL);
  g_return_val_if_fail (format == SL_IMAGE_FORMAT_PNG || format == SL_IMAGE_FORMAT_SVG, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  export_defaults (&width, &height, &scale);
  node = build_figure (self, width, height, title, summary_lines);
  if (summary_lines != NULL)
    description = g_strjoinv ("\n", (char **) summary_lines);
  return sl_image_export_node (node, format, width, height, scale, title, description, error);
}

GdkTexture *
sl_rtt_chart_export_texture (SlRttChart         *self,
                             int                 width,
                             int                 height,
                             double              scale,
                             const char         *title,
                             const char * const *summary_lines)
{
  g_autoptr(GskRenderNode) node = NULL;

  g_return_val_if_fail (SL_IS_RTT_CHART (self), NULL);

  export_defaults (&width, &height, &scale);
  g_return_val_if_fail (ceil (width * scale) <= SL_IMAGE_EXPORT_MAX_PIXELS &&
                        ceil (height * scale) <= SL_IMAGE_EXPORT_MAX_PIXELS, NULL);
  node = build_figure (self, width, height, title, summary_lines);
  return sl_image_export_node_to_texture (node, width, height, scale, NULL);
}

/* Hover readout */

static const Sample *
nearest_sample (SlRttChart *self,
                Series     *series,
                double      x)
{
  guint lo = 0, hi = series->samples->len;

  if (hi == 0)
    return NULL;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (sample_x (self, &g_array_index (series->samples, Sample, mid)) < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == series->samples->len ||
      (lo > 0 && x - sample_x (self, &g_array_index (series->samples, Sample, lo - 1)) <
                 sample_x (self, &g_array_index (series->samples, Sample, lo)) - x))
    lo--;
  return &g_array_index (series->samples, Sample, lo);
}

char *
sl_rtt_chart_describe_at (SlRttChart *self,
                          double      x)
{
  GString *text;
  double value;

  g_return_val_if_fail (SL_IS_RTT_CHART (self), NULL);

  if (self->n_samples == 0 || !self->layout_valid)
    return NULL;
  value = self->frame.x_min + (x - self->frame.x0) / (self->frame.x1 - self->frame.x0) *
                              (self->frame.x_max - self->frame.x_min);
  text = g_string_new (NULL);
  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = g_ptr_array_index (self->series, i);
      const Sample *sample = nearest_sample (self, series, value);

      if (sample == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (isnan (sample->rtt_ms))
        /* Translators: the chart's readout for a lost probe: the host, its sequence number
         * (icmp_seq) and when it was sent. */
        g_string_append_printf (text, _("%s: seq %llu at %.1f s, lost"), series->label,
                                (unsigned long long) sample->seq, sample->time_s);
      else
        g_string_append_printf (text, _("%s: seq %llu at %.1f s, %.3f ms"), series->label,
                                (unsigned long long) sample->seq, sample->time_s, sample->rtt_ms);
    }
  return g_string_free (text, text->len == 0);
}

/* Over the axes, their labels or the legend there is nothing to read out: the readout
 * (crosshair and tooltip) is only for the plot area. */
static char *
readout_at (SlRttChart *self,
            double      x,
            double      y)
{
  return in_plot (self, x, y) ? sl_rtt_chart_describe_at (self, x) : NULL;
}

char *
sl_rtt_chart_get_readout (SlRttChart *self)
{
  g_return_val_if_fail (SL_IS_RTT_CHART (self), NULL);

  return self->hovering ? readout_at (self, self->hover_x, self->hover_y) : NULL;
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  g_autofree char *text = keyboard ? NULL : readout_at (SL_RTT_CHART (widget), x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
set_hover (SlRttChart *self,
           gboolean    hovering,
           double      x,
           double      y)
{
  gboolean moved = hovering && round (x) != round (self->hover_x);

  self->hover_x = x;
  self->hover_y = y;
  if (hovering == self->hovering && !moved)
    return;
  if (self->hovering && !hovering)
    /* Asks again at once, so the tooltip goes with the crosshair instead of lingering. */
    gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  self->hovering = hovering;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           SlRttChart               *self)
{
  set_hover (self, in_plot (self, x, y), x, y);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          SlRttChart               *self)
{
  set_hover (self, FALSE, self->hover_x, self->hover_y);
}

/* GtkWidget */

static void
sl_rtt_chart_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  invalidate (SL_RTT_CHART (widget));
}

static void
sl_rtt_chart_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (sl_rtt_chart_parent_class)->css_changed (widget, change);
  invalidate (SL_RTT_CHART (widget));
}

static void
sl_rtt_chart_unmap (GtkWidget *widget)
{
  SlRttChart *self = SL_RTT_CHART (widget);

  /* Nothing ticks while hidden: land on the final scale. */
  stop_glide (self);
  self->y_max = self->y_target;
  GTK_WIDGET_CLASS (sl_rtt_chart_parent_class)->unmap (widget);
}

static void
sl_rtt_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 140;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 240;
}

static void
sl_rtt_chart_finalize (GObject *object)
{
  SlRttChart *self = SL_RTT_CHART (object);

  g_ptr_array_unref (self->series);
  g_array_unref (self->strips);
  columns_clear (&self->columns);
  g_clear_pointer (&self->decorations, gsk_render_node_unref);
  g_clear_pointer (&self->lost_ticks, gsk_render_node_unref);

  G_OBJECT_CLASS (sl_rtt_chart_parent_class)->finalize (object);
}

static void
sl_rtt_chart_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SlRttChart *self = SL_RTT_CHART (object);

  switch (prop_id)
    {
    case PROP_X_AXIS:
      g_value_set_enum (value, self->x_axis);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_rtt_chart_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SlRttChart *self = SL_RTT_CHART (object);

  switch (prop_id)
    {
    case PROP_X_AXIS:
      sl_rtt_chart_set_x_axis (self, g_value_get_enum (value));
      break;
    case PROP_RUNNING:
      sl_rtt_chart_set_running (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_rtt_chart_class_init (SlRttChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sl_rtt_chart_finalize;
  object_class->get_property = sl_rtt_chart_get_property;
  object_class->set_property = sl_rtt_chart_set_property;
  widget_class->snapshot = sl_rtt_chart_snapshot;
  widget_class->size_allocate = sl_rtt_chart_size_allocate;
  widget_class->css_changed = sl_rtt_chart_css_changed;
  widget_class->unmap = sl_rtt_chart_unmap;
  widget_class->measure = sl_rtt_chart_measure;

  properties[PROP_X_AXIS] =
    g_param_spec_enum ("x-axis", NULL, NULL, SL_TYPE_RTT_CHART_AXIS, SL_RTT_CHART_AXIS_TIME,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "rttchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sl_rtt_chart_init (SlRttChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->series = g_ptr_array_new_with_free_func (series_free);
  self->strips = g_array_new (FALSE, TRUE, sizeof (Strip));
  g_array_set_clear_func (self->strips, strip_clear);
  self->next_id = 1;
  self->y_max = self->y_target = robust_y_max (self);

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Round-trip time chart"),
                                  -1);
}

/* Public API */

GtkWidget *
sl_rtt_chart_new (void)
{
  return g_object_new (SL_TYPE_RTT_CHART, NULL);
}

guint
sl_rtt_chart_add_series (SlRttChart *self,
                         const char *label,
                         guint       color_index)
{
  Series *series;

  g_return_val_if_fail (SL_IS_RTT_CHART (self), 0);

  series = g_new0 (Series, 1);
  series->id = self->next_id++;
  series->label = g_strdup (label);
  series->color_index = color_index;
  series->samples = g_array_new (FALSE, FALSE, sizeof (Sample));
  g_ptr_array_add (self->series, series);
  invalidate (self);
  return series->id;
}

void
sl_rtt_chart_remove_series (SlRttChart *self,
                            guint       id)
{
  Series *series;

  g_return_if_fail (SL_IS_RTT_CHART (self));

  series = find_series (self, id);
  g_return_if_fail (series != NULL);
  g_ptr_array_remove (self->series, series);
  rebuild_histogram (self);
  invalidate (self);
}

void
sl_rtt_chart_set_series_label (SlRttChart *self,
                               guint       id,
                               const char *label)
{
  Series *series;

  g_return_if_fail (SL_IS_RTT_CHART (self));

  series = find_series (self, id);
  g_return_if_fail (series != NULL);
  if (g_strcmp0 (series->label, label) == 0)
    return;
  g_free (series->label);
  series->label = g_strdup (label);
  invalidate (self);
}

void
sl_rtt_chart_clear (SlRttChart *self)
{
  g_return_if_fail (SL_IS_RTT_CHART (self));

  for (guint i = 0; i < self->series->len; i++)
    g_array_set_size (((Series *) g_ptr_array_index (self->series, i))->samples, 0);
  rebuild_histogram (self);
  invalidate (self);
}

void
sl_rtt_chart_add_sample (SlRttChart *self,
                         guint       id,
                         guint64     seq,
                         double      time_s,
                         double      rtt_ms)
{
  Series *series;
  Sample sample = { time_s, seq, (float) rtt_ms };

  g_return_if_fail (SL_IS_RTT_CHART (self));

  series = find_series (self, id);
  g_return_if_fail (series != NULL);
  g_array_append_val (series->samples, sample);
  self->n_samples++;
  if (!isnan (rtt_ms))
    {
      self->histogram[histogram_bin (rtt_ms)]++;
      self->n_rtts++;
      self->rtt_max_ms = MAX (self->rtt_max_ms, rtt_ms);
      update_scale (self);
    }
  /* Not invalidate (): snapshot () redraws only what the sample changed. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
sl_rtt_chart_get_n_samples (SlRttChart *self)
{
  g_return_val_if_fail (SL_IS_RTT_CHART (self), 0);
  return self->n_samples;
}

SlRttChartAxis
sl_rtt_chart_get_x_axis (SlRttChart *self)
{
  g_return_val_if_fail (SL_IS_RTT_CHART (self), SL_RTT_CHART_AXIS_TIME);
  return self->x_axis;
}

void
sl_rtt_chart_set_x_axis (SlRttChart     *self,
                         SlRttChartAxis  axis)
{
  g_return_if_fail (SL_IS_RTT_CHART (self));

  if (self->x_axis == axis)
    return;
  self->x_axis = axis;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_AXIS]);
}

gboolean
sl_rtt_chart_get_running (SlRttChart *self)
{
  g_return_val_if_fail (SL_IS_RTT_CHART (self), FALSE);
  return self->running;
}

void
sl_rtt_chart_set_running (SlRttChart *self,
                          gboolean    running)
{
  g_return_if_fail (SL_IS_RTT_CHART (self));

  running = !!running;
  if (self->running == running)
    return;
  self->running = running;
  if (!running && self->glide_id != 0)
    {
      stop_glide (self);
      self->y_max = self->y_target;
      invalidate (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

double
sl_rtt_chart_get_y_max (SlRttChart *self)
{
  g_return_val_if_fail (SL_IS_RTT_CHART (self), 0);
  return self->y_max;
}
