/* sl-rtt-chart.c: a live round-trip-time chart, one line per ping target.
 *
 * Drawn in snapshot (): axes with "nice" ticks, one line per series, red ticks at the top
 * for lost probes, a legend, and a crosshair with a tooltip readout while the pointer is over
 * the plot.
 * Long runs stay cheap: samples are reduced to one min/max bucket per pixel column, and the
 * plot is kept as a render node that is rebuilt only when data, size or style change.
 * The y scale follows a robust range (a high percentile from a log histogram), so one
 * outlier does not squash the other points; it glides to new ranges while running.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sl-rtt-chart.h"

#define PAD              8.0
#define TICK_GAP         6.0
#define LOST_TICK_HEIGHT 7.0
#define LINE_WIDTH       1.6
#define DOT_RADIUS       2.5
#define MIN_Y_MAX_MS     0.01
#define HIST_PER_OCTAVE  16
#define HIST_BINS        (HIST_PER_OCTAVE * 40)
#define GLIDE_TAU_US     120000.0

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

typedef struct {
  double x0, y0, x1, y1;     /* plot area in widget coordinates */
  double x_min, x_max;
} Frame;

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

  GskRenderNode  *plot_cache;
  Frame           frame;
  GArray         *buckets;         /* Bucket, reused */
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

void
sl_rtt_chart_get_color (SlRttChart *self,
                        guint       color_index,
                        GdkRGBA    *out_color)
{
  const char * const *palette;

  g_return_if_fail (SL_IS_RTT_CHART (self));
  g_return_if_fail (out_color != NULL);

  palette = is_dark (self) ? palette_dark : palette_light;
  gdk_rgba_parse (out_color, palette[color_index % SL_RTT_CHART_N_COLORS]);
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

static void
invalidate (SlRttChart *self)
{
  g_clear_pointer (&self->plot_cache, gsk_render_node_unref);
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
      invalidate (self);
      return G_SOURCE_REMOVE;
    }
  invalidate (self);
  return G_SOURCE_CONTINUE;
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

/* Layout */

static double
sample_x (SlRttChart   *self,
          const Sample *sample)
{
  return self->x_axis == SL_RTT_CHART_AXIS_SEQ ? (double) sample->seq : sample->time_s;
}

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
make_layout (SlRttChart *self,
             const char *text,
             int        *out_width,
             int        *out_height)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

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
  return self->x_axis == SL_RTT_CHART_AXIS_SEQ ? _("Probe (icmp_seq)") : _("Time (s)");
}

/* Decides the plot area from the label sizes, and draws the axes, grid and labels. */
static void
draw_axes (SlRttChart  *self,
           GtkSnapshot *snapshot,
           double       width,
           double       height,
           Frame       *frame)
{
  GdkRGBA fg, grid, dim;
  g_autoptr(PangoLayout) y_title = NULL;
  g_autoptr(PangoLayout) x_name = NULL;
  g_autofree char *widest = NULL;
  double y_step = nice_step (self->y_max, MAX (2.0, (height - 80) / 40.0));
  double x_step;
  int tw, th, lw, lh, xw, xh;

  get_foreground (self, &fg);
  grid = fg;
  grid.alpha = 0.12;
  dim = fg;
  dim.alpha = 0.7;

  y_title = make_layout (self, _("RTT (ms)"), &tw, &th);
  widest = format_tick (self->y_max, y_step);
  g_object_unref (make_layout (self, widest, &lw, &lh));
  x_name = make_layout (self, x_title (self), &xw, &xh);

  frame->x0 = PAD + MAX (lw + TICK_GAP, tw / 2.0);
  frame->y0 = PAD + th + 6;
  frame->x1 = MAX (frame->x0 + 10, width - PAD - 12);
  frame->y1 = MAX (frame->y0 + 10, height - PAD - xh - lh - 4);
  x_range (self, &frame->x_min, &frame->x_max);

  append_text (snapshot, y_title, PAD, PAD, &dim);
  append_text (snapshot, x_name, (frame->x0 + frame->x1 - xw) / 2, height - PAD - xh, &dim);

  for (double v = 0; v <= self->y_max * (1 + 1e-9); v += y_step)
    {
      double y = round (frame->y1 - v / self->y_max * (frame->y1 - frame->y0));
      g_autofree char *text = format_tick (v, y_step);
      g_autoptr(PangoLayout) label = make_layout (self, text, &lw, &lh);

      append_rect (snapshot, &grid, frame->x0, y, frame->x1 - frame->x0, 1);
      append_text (snapshot, label, frame->x0 - TICK_GAP - lw, y - lh / 2.0, &dim);
    }

  x_step = nice_step (frame->x_max - frame->x_min, MAX (2.0, (frame->x1 - frame->x0) / 90.0));
  if (self->x_axis == SL_RTT_CHART_AXIS_SEQ)
    x_step = MAX (x_step, 1.0);
  for (double v = ceil (frame->x_min / x_step) * x_step; v <= frame->x_max * (1 + 1e-9); v += x_step)
    {
      double x = round (frame->x0 + (v - frame->x_min) / (frame->x_max - frame->x_min) * (frame->x1 - frame->x0));
      g_autofree char *text = format_tick (v, x_step);
      g_autoptr(PangoLayout) label = make_layout (self, text, &lw, &lh);

      append_rect (snapshot, &grid, x, frame->y0, 1, frame->y1 - frame->y0);
      append_text (snapshot, label, x - lw / 2.0, frame->y1 + 3, &dim);
    }
  /* The axes themselves */
  dim.alpha = 0.45;
  append_rect (snapshot, &dim, frame->x0, frame->y1, frame->x1 - frame->x0, 1);
  append_rect (snapshot, &dim, frame->x0, frame->y0, 1, frame->y1 - frame->y0);
}

/* Reduces a series to one bucket per pixel column: O(samples), whatever their number. */
static void
fill_buckets (SlRttChart  *self,
              Series      *series,
              const Frame *frame,
              guint        n_columns)
{
  double scale = (n_columns - 1) / (frame->x_max - frame->x_min);

  g_array_set_size (self->buckets, n_columns);
  for (guint c = 0; c < n_columns; c++)
    g_array_index (self->buckets, Bucket, c) = (Bucket) { 0 };

  for (guint i = 0; i < series->samples->len; i++)
    {
      const Sample *sample = &g_array_index (series->samples, Sample, i);
      double column = (sample_x (self, sample) - frame->x_min) * scale;
      Bucket *bucket = &g_array_index (self->buckets, Bucket, (guint) CLAMP (lround (column), 0, (long) n_columns - 1));

      if (isnan (sample->rtt_ms))
        {
          bucket->lost = TRUE;
          continue;
        }
      if (!bucket->has_rtt)
        {
          bucket->first = bucket->min = bucket->max = sample->rtt_ms;
          bucket->has_rtt = TRUE;
        }
      bucket->last = sample->rtt_ms;
      bucket->min = MIN (bucket->min, sample->rtt_ms);
      bucket->max = MAX (bucket->max, sample->rtt_ms);
    }
}

static void
draw_series_line (SlRttChart  *self,
                  cairo_t     *cr,
                  const Frame *frame,
                  gboolean     dots)
{
  double height = frame->y1 - frame->y0;
  gboolean started = FALSE;

#define Y(v) (frame->y1 - (v) / self->y_max * height)
  for (guint c = 0; c < self->buckets->len; c++)
    {
      const Bucket *bucket = &g_array_index (self->buckets, Bucket, c);
      double x = frame->x0 + c;

      if (!bucket->has_rtt)
        continue;
      if (started)
        cairo_line_to (cr, x, Y (bucket->first));
      else
        cairo_move_to (cr, x, Y (bucket->first));
      started = TRUE;
      if (bucket->min != bucket->max)
        {
          cairo_line_to (cr, x, Y (bucket->min));
          cairo_line_to (cr, x, Y (bucket->max));
          cairo_line_to (cr, x, Y (bucket->last));
        }
    }
  cairo_stroke (cr);

  for (guint c = 0; dots && c < self->buckets->len; c++)
    {
      const Bucket *bucket = &g_array_index (self->buckets, Bucket, c);

      if (!bucket->has_rtt)
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, frame->x0 + c, Y (bucket->last), DOT_RADIUS, 0, 2 * G_PI);
    }
  cairo_fill (cr);
#undef Y
}

static void
draw_lost_ticks (SlRttChart  *self,
                 GtkSnapshot *snapshot,
                 const Frame *frame,
                 gboolean    *lost_columns)
{
  GdkRGBA red;

  get_error_color (self, &red);
  for (guint c = 0; c < self->buckets->len; c++)
    if (lost_columns[c])
      append_rect (snapshot, &red, frame->x0 + c - 1, frame->y0, 2, LOST_TICK_HEIGHT);
}

static void
draw_series (SlRttChart  *self,
             GtkSnapshot *snapshot,
             const Frame *frame)
{
  guint n_columns = (guint) MAX (frame->x1 - frame->x0, 1) + 1;
  g_autofree gboolean *lost = g_new0 (gboolean, n_columns);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (frame->x0 - DOT_RADIUS, frame->y0,
                                               frame->x1 - frame->x0 + 2 * DOT_RADIUS,
                                               frame->y1 - frame->y0 + DOT_RADIUS);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &bounds);

  cairo_rectangle (cr, bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height);
  cairo_clip (cr);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = g_ptr_array_index (self->series, i);
      GdkRGBA color;

      fill_buckets (self, series, frame, n_columns);
      for (guint c = 0; c < n_columns; c++)
        lost[c] |= g_array_index (self->buckets, Bucket, c).lost;
      sl_rtt_chart_get_color (self, series->color_index, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      /* Dots only while points are sparse enough to be told apart. */
      draw_series_line (self, cr, frame, series->samples->len * 6 <= n_columns);
    }
  cairo_destroy (cr);
  draw_lost_ticks (self, snapshot, frame, lost);
}

static void
draw_legend (SlRttChart  *self,
             GtkSnapshot *snapshot,
             double       width)
{
  GdkRGBA fg;
  double x = width - PAD;

  get_foreground (self, &fg);
  for (guint i = self->series->len; i-- > 0; )
    {
      Series *series = g_ptr_array_index (self->series, i);
      int w, h;
      g_autoptr(PangoLayout) label = make_layout (self, series->label ? series->label : "", &w, &h);
      GdkRGBA color;

      x -= w;
      append_text (snapshot, label, x, PAD, &fg);
      x -= 14;
      sl_rtt_chart_get_color (self, series->color_index, &color);
      append_rect (snapshot, &color, x, PAD + h / 2.0 - 2, 10, 4);
      x -= 16;
    }
}

static void
draw_empty_hint (SlRttChart  *self,
                 GtkSnapshot *snapshot,
                 const Frame *frame)
{
  GdkRGBA dim;
  int w, h;
  g_autoptr(PangoLayout) hint = make_layout (self, _("No replies yet: press Start"), &w, &h);

  get_foreground (self, &dim);
  dim.alpha = 0.55;
  append_text (snapshot, hint, (frame->x0 + frame->x1 - w) / 2, (frame->y0 + frame->y1 - h) / 2, &dim);
}

static GskRenderNode *
build_plot (SlRttChart *self,
            double      width,
            double      height)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  draw_axes (self, snapshot, width, height, &self->frame);
  if (self->n_samples > 0)
    draw_series (self, snapshot, &self->frame);
  else
    draw_empty_hint (self, snapshot, &self->frame);
  draw_legend (self, snapshot, width);
  return gtk_snapshot_free_to_node (snapshot);
}

static gboolean
in_plot (SlRttChart *self,
         double      x,
         double      y)
{
  return self->frame.x1 > self->frame.x0 &&
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
  if (self->plot_cache == NULL)
    self->plot_cache = build_plot (self, width, height);
  if (self->plot_cache != NULL)
    gtk_snapshot_append_node (snapshot, self->plot_cache);
  draw_hover (self, snapshot);
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

  if (self->n_samples == 0 || self->frame.x1 <= self->frame.x0)
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
  g_clear_pointer (&SL_RTT_CHART (widget)->plot_cache, gsk_render_node_unref);
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
  g_array_unref (self->buckets);
  g_clear_pointer (&self->plot_cache, gsk_render_node_unref);

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
  self->buckets = g_array_new (FALSE, TRUE, sizeof (Bucket));
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
  invalidate (self);
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
