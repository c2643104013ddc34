/* test-rtt-chart.c: the RTT chart under Xvfb on its own: the hover readout only over the
 * plot, new samples redrawing only what they change (and the result matching a chart drawn
 * at once), and the export figure as PNG, SVG and texture: its size, that it is drawn, and
 * that it stays light when the app is dark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "sl-rtt-chart.h"
#include "sl-test-util.h"
#include "sl-ui-test-util.h"

#define TITLE "Ping 127.0.0.1 & ::1"

static const char * const summary[] = {
  "127.0.0.1: 60 packets transmitted, 60 received, 0% packet loss, time 59012ms",
  "rtt min/avg/max/mdev = 0.031/0.045/0.061/0.010 ms",
  "::1: 60 packets transmitted, 59 received, 1.66667% packet loss, time 59010ms",
  "rtt min/avg/max/mdev = 0.040/0.052/0.070/0.008 ms",
  NULL
};

/* ---- helpers ---------------------------------------------------------------------- */

/* Two targets a minute long, the second with one lost probe. */
static void
fill_two_series (SlRttChart *chart)
{
  guint a = sl_rtt_chart_add_series (chart, "127.0.0.1", 0);
  guint b = sl_rtt_chart_add_series (chart, "::1", 1);

  for (guint i = 1; i <= 60; i++)
    {
      sl_rtt_chart_add_sample (chart, a, i, i - 1.0, 0.045 + 0.015 * sin (i / 4.0));
      sl_rtt_chart_add_sample (chart, b, i, i - 0.99, i == 30 ? NAN : 0.055 + 0.012 * cos (i / 3.0));
    }
}

static GskRenderNode *
snapshot_chart (SlRttChart *chart)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  GTK_WIDGET_GET_CLASS (chart)->snapshot (GTK_WIDGET (chart), snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

/* Every node of the tree, depth first, borrowed from @node. */
static void
collect_nodes (GskRenderNode *node,
               GPtrArray     *out)
{
  if (node == NULL)
    return;
  g_ptr_array_add (out, node);
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_nodes (gsk_container_node_get_child (node, i), out);
      break;
    case GSK_TRANSFORM_NODE:
      collect_nodes (gsk_transform_node_get_child (node), out);
      break;
    case GSK_CLIP_NODE:
      collect_nodes (gsk_clip_node_get_child (node), out);
      break;
    case GSK_OPACITY_NODE:
      collect_nodes (gsk_opacity_node_get_child (node), out);
      break;
    case GSK_DEBUG_NODE:
      collect_nodes (gsk_debug_node_get_child (node), out);
      break;
    default:
      break;
    }
}

/* The nodes that draw something: containers, transforms and clips only hold them. */
static guint
count_nodes (GskRenderNode *node)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  guint n = 0;

  collect_nodes (node, nodes);
  for (guint i = 0; i < nodes->len; i++)
    switch (gsk_render_node_get_node_type (g_ptr_array_index (nodes, i)))
      {
      case GSK_CONTAINER_NODE:
      case GSK_TRANSFORM_NODE:
      case GSK_CLIP_NODE:
      case GSK_OPACITY_NODE:
      case GSK_DEBUG_NODE:
        break;
      default:
        n++;
      }
  return n;
}

static guint
count_chart_nodes (SlRttChart *chart)
{
  g_autoptr(GskRenderNode) node = snapshot_chart (chart);

  return count_nodes (node);
}

static GtkEventController *
motion_controller (SlRttChart *chart)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (chart));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        return controller;   /* the widget keeps its own reference */
    }
  g_error ("the chart has no motion controller");
}

static void
move_pointer (SlRttChart *chart,
              double      x,
              double      y)
{
  g_signal_emit_by_name (motion_controller (chart), "motion", x, y);
}

static void
pointer_leaves (SlRttChart *chart)
{
  g_signal_emit_by_name (motion_controller (chart), "leave");
}

typedef struct {
  int      width, height;
  double   mean_luminance;
  double   luminance_sd;
  guchar  *pixels;   /* B G R A, premultiplied, width * 4 a row */
} Pixels;

static void
pixels_clear (Pixels *pixels)
{
  g_clear_pointer (&pixels->pixels, g_free);
}

static void
pixels_from_texture (GdkTexture *texture,
                     Pixels     *out)
{
  double sum = 0, sum_sq = 0;
  gsize n;

  out->width = gdk_texture_get_width (texture);
  out->height = gdk_texture_get_height (texture);
  n = (gsize) out->width * out->height;
  out->pixels = g_malloc (n * 4);
  gdk_texture_download (texture, out->pixels, out->width * 4);
  for (gsize i = 0; i < n; i++)
    {
      const guchar *p = out->pixels + i * 4;
      /* Over white, as a page shows a transparent pixel. */
      double white = 255 - p[3];
      double l = (0.0722 * (p[0] + white) + 0.7152 * (p[1] + white) + 0.2126 * (p[2] + white)) / 255;

      sum += l;
      sum_sq += l * l;
    }
  out->mean_luminance = sum / n;
  out->luminance_sd = sqrt (MAX (0, sum_sq / n - out->mean_luminance * out->mean_luminance));
}

static void
pixels_from_png (GBytes *png,
                 Pixels *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (png, &error);

  g_assert_no_error (error);
  pixels_from_texture (texture, out);
}

/* Whether the B G R A pixel @p is opaque and within @tolerance (0-255 per channel) of @rgba. */
static gboolean
pixel_is (const guchar  *p,
          const GdkRGBA *rgba,
          int            tolerance)
{
  return p[3] == 255 && ABS (p[2] - rgba->red * 255) <= tolerance &&
         ABS (p[1] - rgba->green * 255) <= tolerance && ABS (p[0] - rgba->blue * 255) <= tolerance;
}

/* Opaque pixels within @tolerance (0-255 per channel) of @color. */
static guint
count_color (const Pixels *pixels,
             const char   *color,
             int           tolerance)
{
  GdkRGBA rgba;
  guint n = 0;

  g_assert_true (gdk_rgba_parse (&rgba, color));
  for (gsize i = 0; i < (gsize) pixels->width * pixels->height; i++)
    n += pixel_is (pixels->pixels + i * 4, &rgba, tolerance);
  return n;
}

/* Of the pixels of @color in @a, the fraction that have it in @b too: whether two drawings
 * put the same lines in the same places. */
static double
color_overlap (const Pixels *a,
               const Pixels *b,
               const char   *color)
{
  GdkRGBA rgba;
  guint in_a = 0, in_both = 0;

  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);
  g_assert_true (gdk_rgba_parse (&rgba, color));
  for (gsize i = 0; i < (gsize) a->width * a->height; i++)
    {
      const guchar *pa = a->pixels + i * 4, *pb = b->pixels + i * 4;
      gboolean match_a = pixel_is (pa, &rgba, 24);
      gboolean match_b = ABS (pb[2] - rgba.red * 255) <= 48 && ABS (pb[1] - rgba.green * 255) <= 48 &&
                         ABS (pb[0] - rgba.blue * 255) <= 48;

      in_a += match_a;
      in_both += match_a && match_b;
    }
  g_assert_cmpuint (in_a, >, 0);
  return (double) in_both / in_a;
}

static void
save_screenshot (GBytes     *bytes,
                 const char *file)
{
  const char *dir = g_getenv ("SL_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, file, NULL);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_test_message ("saved %s", path);
}

/* ---- hover readout ------------------------------------------------------------------ */

static void
test_hover_only_over_plot (void)
{
  SlRttChart *chart = SL_RTT_CHART (sl_rtt_chart_new ());
  GtkWindow *window = sl_ui_test_show (GTK_WIDGET (chart), 800, 400);
  g_autofree char *inside = NULL;
  guint plain, hovered;

  fill_two_series (chart);
  sl_ui_test_render (GTK_WIDGET (chart), "rtt-chart");
  plain = count_chart_nodes (chart);
  g_assert_null (sl_rtt_chart_get_readout (chart));

  /* Over the middle of the plot: the crosshair (one more node) and the readout. */
  move_pointer (chart, 400, 200);
  inside = sl_rtt_chart_get_readout (chart);
  g_assert_nonnull (inside);
  g_assert_nonnull (strstr (inside, "127.0.0.1: seq "));
  g_assert_nonnull (strstr (inside, "::1: seq "));
  hovered = count_chart_nodes (chart);
  g_assert_cmpuint (hovered, ==, plain + 1);

  /* Onto the labels of the y axis, of the x axis and its title, and the legend: nothing. */
  {
    const double outside[][2] = { { 3, 200 }, { 400, 396 }, { 400, 385 }, { 795, 10 }, { 400, 3 } };

    for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
      {
        g_autofree char *text = NULL;

        move_pointer (chart, 400, 200);
        move_pointer (chart, outside[i][0], outside[i][1]);
        text = sl_rtt_chart_get_readout (chart);
        g_assert_null (text);
        g_assert_cmpuint (count_chart_nodes (chart), ==, plain);
      }
  }

  /* Leaving the widget from the plot takes the crosshair away too. */
  move_pointer (chart, 420, 150);
  g_assert_cmpuint (count_chart_nodes (chart), ==, plain + 1);
  pointer_leaves (chart);
  g_assert_null (sl_rtt_chart_get_readout (chart));
  g_assert_cmpuint (count_chart_nodes (chart), ==, plain);

  gtk_window_destroy (window);
}

/* ---- cost of a frame ---------------------------------------------------------------- */

static void
fill_many (SlRttChart *chart,
           guint      *out_a)
{
  guint a = sl_rtt_chart_add_series (chart, "127.0.0.1", 0);
  guint b = sl_rtt_chart_add_series (chart, "::1", 1);

  for (guint i = 1; i <= 50000; i++)
    {
      sl_rtt_chart_add_sample (chart, a, i, i * 0.2, 0.03 + 0.01 * sin (i / 300.0));
      sl_rtt_chart_add_sample (chart, b, i, i * 0.2, i % 97 == 0 ? NAN : 0.05 + 0.02 * cos (i / 500.0));
    }
  *out_a = a;
}

/* With 100 000 points the node tree stays small, and one more sample replaces only the
 * lines around its own column: everything else is reused, so the renderer keeps its
 * textures and the frame costs what a redraw costs. */
static void
test_new_sample_redraws_little (void)
{
  SlRttChart *chart = SL_RTT_CHART (sl_rtt_chart_new ());
  GtkWindow *window = sl_ui_test_show (GTK_WIDGET (chart), 900, 420);
  g_autoptr(GskRenderNode) before = NULL;
  g_autoptr(GskRenderNode) after = NULL;
  g_autoptr(GPtrArray) old_nodes = g_ptr_array_new ();
  g_autoptr(GPtrArray) new_nodes = g_ptr_array_new ();
  guint a, n_cairo = 0, n_new_cairo = 0, n_new = 0;

  fill_many (chart, &a);
  sl_rtt_chart_add_sample (chart, a, 50001, 50001 * 0.2, 0.04);
  before = snapshot_chart (chart);
  collect_nodes (before, old_nodes);
  g_assert_cmpuint (old_nodes->len, <, 600);

  sl_rtt_chart_add_sample (chart, a, 50002, 50002 * 0.2, 0.041);
  after = snapshot_chart (chart);
  collect_nodes (after, new_nodes);
  for (guint i = 0; i < new_nodes->len; i++)
    {
      GskRenderNode *node = g_ptr_array_index (new_nodes, i);
      gboolean is_new = !g_ptr_array_find (old_nodes, node, NULL);

      n_new += is_new;
      if (gsk_render_node_get_node_type (node) == GSK_CAIRO_NODE)
        {
          n_cairo++;
          n_new_cairo += is_new;
        }
    }
  /* The lines come in strips of pixel columns; at most the last two are new. */
  g_assert_cmpuint (n_cairo, >=, 10);
  g_assert_cmpuint (n_new_cairo, <=, 2);
  g_assert_cmpuint (n_new, <, 20);
  sl_ui_test_render_light_and_dark (GTK_WIDGET (window), "rtt-chart-100k-widget");
  gtk_window_destroy (window);
}

static GdkTexture *
render_chart (SlRttChart *chart)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (chart)));
  g_autoptr(GskRenderNode) node = snapshot_chart (chart);

  return gsk_renderer_render_texture (renderer, node,
                                      &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (chart)),
                                                           gtk_widget_get_height (GTK_WIDGET (chart))));
}

/* Drawing sample by sample (strips rebuilt as the samples come) ends in the same pixels as
 * drawing all of them at once: no stale strip, no seam between strips. */
static void
test_incremental_matches_full (void)
{
  SlRttChart *live = SL_RTT_CHART (sl_rtt_chart_new ());
  SlRttChart *whole = SL_RTT_CHART (sl_rtt_chart_new ());
  GtkWindow *live_window = sl_ui_test_show (GTK_WIDGET (live), 640, 320);
  GtkWindow *whole_window = sl_ui_test_show (GTK_WIDGET (whole), 640, 320);
  SlRttChart *charts[] = { live, whole };
  guint ids[2][2];
  g_autoptr(GdkTexture) live_texture = NULL;
  g_autoptr(GdkTexture) whole_texture = NULL;
  Pixels live_pixels, whole_pixels;
  guint differ = 0;

  for (guint c = 0; c < 2; c++)
    {
      ids[c][0] = sl_rtt_chart_add_series (charts[c], "a", 0);
      ids[c][1] = sl_rtt_chart_add_series (charts[c], "b", 2);
    }
  /* b's last point comes first and fixes the x axis (0 to 200 s), so that a's samples then
   * change only the buckets, or with a's climb at the end only the y scale. a goes from
   * sparse (dots, long segments) to dense, with an outlier and lost probes. */
  for (guint c = 0; c < 2; c++)
    {
      for (guint i = 1; i <= 5; i++)
        sl_rtt_chart_add_sample (charts[c], ids[c][1], i, i * 0.5, 0.6);
      sl_rtt_chart_add_sample (charts[c], ids[c][1], 6, 199.0, 0.7);
    }
  for (guint i = 1; i <= 398; i++)
    {
      double rtt = i < 300 ? 0.5 + 0.3 * sin (i * 0.7) + (i == 150 ? 2.0 : 0) : 0.5 + (i - 300) * 0.03;

      for (guint c = 0; c < 2; c++)
        sl_rtt_chart_add_sample (charts[c], ids[c][0], i, i * 0.5, i % 37 == 0 ? NAN : rtt);
      if (i % 3 == 0)
        gsk_render_node_unref (snapshot_chart (live));
    }
  g_assert_cmpfloat (sl_rtt_chart_get_y_max (live), >=, 3.0);

  live_texture = render_chart (live);
  whole_texture = render_chart (whole);
  pixels_from_texture (live_texture, &live_pixels);
  pixels_from_texture (whole_texture, &whole_pixels);
  g_assert_cmpint (live_pixels.width, ==, whole_pixels.width);
  g_assert_cmpint (live_pixels.height, ==, whole_pixels.height);
  for (gsize i = 0; i < (gsize) live_pixels.width * live_pixels.height * 4; i++)
    differ += ABS (live_pixels.pixels[i] - whole_pixels.pixels[i]) > 2;
  g_assert_cmpuint (differ, ==, 0);
  g_assert_cmpfloat (live_pixels.luminance_sd, >, 0.01);

  pixels_clear (&live_pixels);
  pixels_clear (&whole_pixels);
  gtk_window_destroy (live_window);
  gtk_window_destroy (whole_window);
}

/* ---- export --------------------------------------------------------------------------- */

static void
check_figure (const Pixels *pixels,
              int           width,
              int           height)
{
  g_assert_cmpint (pixels->width, ==, width);
  g_assert_cmpint (pixels->height, ==, height);
  /* Drawn: text, grid and lines, not a blank page... */
  g_assert_cmpfloat (pixels->luminance_sd, >, 0.05);
  /* ...but light: mostly white paper. */
  g_assert_cmpfloat (pixels->mean_luminance, >, 0.85);
  /* Both lines in the light palette, and the lost probe's mark. */
  g_assert_cmpuint (count_color (pixels, "#1c71d8", 24), >, 50);
  g_assert_cmpuint (count_color (pixels, "#c64600", 24), >, 50);
  g_assert_cmpuint (count_color (pixels, "#c01c28", 24), >, 10);
}

static void
test_export_png (void)
{
  SlRttChart *chart = SL_RTT_CHART (sl_rtt_chart_new ());
  GtkWindow *window = sl_ui_test_show (GTK_WIDGET (chart), 800, 400);
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) light = NULL;
  g_autoptr(GBytes) dark = NULL;
  Pixels light_pixels, dark_pixels;

  fill_two_series (chart);
  light = sl_rtt_chart_export (chart, SL_IMAGE_FORMAT_PNG, 0, 0, 0, TITLE, summary, &error);
  g_assert_no_error (error);
  save_screenshot (light, "rtt-chart-export.png");
  pixels_from_png (light, &light_pixels);
  check_figure (&light_pixels, 3200, 1600);

  /* The app turns dark, the widget with it; the figure stays the same light one. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  sl_ui_test_flush ();
  g_assert_true (adw_style_manager_get_dark (style));
  sl_ui_test_render (GTK_WIDGET (window), "rtt-chart-dark");
  dark = sl_rtt_chart_export (chart, SL_IMAGE_FORMAT_PNG, 0, 0, 0, TITLE, summary, &error);
  g_assert_no_error (error);
  pixels_from_png (dark, &dark_pixels);
  check_figure (&dark_pixels, 3200, 1600);
  g_assert_cmpmem (dark_pixels.pixels, dark_pixels.width * dark_pixels.height * 4,
                   light_pixels.pixels, light_pixels.width * light_pixels.height * 4);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  sl_ui_test_flush ();

  pixels_clear (&light_pixels);
  pixels_clear (&dark_pixels);
  gtk_window_destroy (window);
}

/* A lone outlier is above the scale: the line leaves the top of the plot under an
 * arrowhead in the series' color, as wide as a dot, not a bare line into nothing. */
static void
test_outlier_marked_at_top (void)
{
  SlRttChart *chart = SL_RTT_CHART (sl_rtt_chart_new ());
  GtkWindow *window = sl_ui_test_show (GTK_WIDGET (chart), 800, 400);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  guint series = sl_rtt_chart_add_series (chart, "127.0.0.1", 0);
  GdkRGBA blue;
  Pixels pixels;
  int top = -1, widest = 0;

  for (guint i = 1; i <= 21; i++)
    sl_rtt_chart_add_sample (chart, series, i, i - 1.0, i == 11 ? 5.0 : 0.045 + 0.002 * (i % 3));
  png = sl_rtt_chart_export (chart, SL_IMAGE_FORMAT_PNG, 0, 0, 0, TITLE, NULL, &error);
  g_assert_no_error (error);
  save_screenshot (png, "rtt-chart-outlier.png");
  pixels_from_png (png, &pixels);
  g_assert_true (gdk_rgba_parse (&blue, "#1c71d8"));

  /* The middle third of the figure holds the outlier's column and no legend. */
  for (int y = 0; y < pixels.height / 2; y++)
    {
      int run = 0;

      for (int x = pixels.width / 3; x < pixels.width * 2 / 3; x++)
        {
          gboolean is_blue = pixel_is (pixels.pixels + ((gsize) y * pixels.width + x) * 4, &blue, 24);

          run = is_blue ? run + 1 : 0;
          if (is_blue && top < 0)
            top = y;
          /* 8 rows under the top edge (the mark is 10 high at scale 2): a bare line is 3-4
           * pixels wide there, the arrowhead 8. */
          if (top >= 0 && y == top + 8)
            widest = MAX (widest, run);
        }
    }
  g_assert_cmpint (top, >=, 0);
  g_assert_cmpint (widest, >=, 7);

  pixels_clear (&pixels);
  gtk_window_destroy (window);
}

typedef struct {
  guint  depth;
  char  *root;
  char  *width;
  char  *height;
  GString *title;
  gboolean in_title;
} SvgInfo;

static void
svg_start_cb (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  SvgInfo *info = user_data;

  if (info->depth++ == 0)
    {
      info->root = g_strdup (element);
      for (guint i = 0; names[i] != NULL; i++)
        if (strcmp (names[i], "width") == 0)
          info->width = g_strdup (values[i]);
        else if (strcmp (names[i], "height") == 0)
          info->height = g_strdup (values[i]);
    }
  info->in_title = strcmp (element, "title") == 0;
}

static void
svg_end_cb (GMarkupParseContext  *context,
            const char           *element,
            gpointer              user_data,
            GError              **error)
{
  SvgInfo *info = user_data;

  info->depth--;
  info->in_title = FALSE;
}

static void
svg_text_cb (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              user_data,
             GError              **error)
{
  SvgInfo *info = user_data;

  if (info->in_title)
    g_string_append_len (info->title, text, length);
}

static void
test_export_svg (void)
{
  SlRttChart *chart = SL_RTT_CHART (sl_rtt_chart_new ());
  GtkWindow *window = sl_ui_test_show (GTK_WIDGET (chart), 800, 400);
  const GMarkupParser parser = { svg_start_cb, svg_end_cb, svg_text_cb, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autofree char *text = NULL;
  g_autofree char *rsvg = g_find_program_in_path ("rsvg-convert");
  SvgInfo info = { 0 };

  fill_two_series (chart);
  svg = sl_rtt_chart_export (chart, SL_IMAGE_FORMAT_SVG, 0, 0, 0, TITLE, summary, &error);
  g_assert_no_error (error);
  save_screenshot (svg, "rtt-chart-export.svg");
  text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));

  /* Well-formed XML whose root is an <svg> of the logical size, titled and described. */
  info.title = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, 0, &info, NULL);
  g_assert_true (g_markup_parse_context_parse (context, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (info.root, ==, "svg");
  g_assert_cmpfloat (g_ascii_strtod (info.width, NULL), ==, 1600);
  g_assert_cmpfloat (g_ascii_strtod (info.height, NULL), ==, 800);
  g_assert_cmpstr (info.title->str, ==, TITLE);
  g_assert_nonnull (strstr (text, "<title>Ping 127.0.0.1 &amp; ::1</title>"));
  g_assert_nonnull (strstr (text, summary[0]));
  g_assert_nonnull (strstr (text, summary[1]));
  /* The lines are vector paths, not a picture of them. */
  g_assert_null (strstr (text, "<image"));

  /* And a real SVG renderer draws the figure the PNG has, lines in the same places. */
  if (rsvg != NULL)
    {
      const char *argv[] = { rsvg, "--format=png", NULL };
      g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
      g_autoptr(GBytes) rendered = NULL;
      g_autoptr(GBytes) png = sl_rtt_chart_export (chart, SL_IMAGE_FORMAT_PNG, 0, 0, 1, TITLE, summary, NULL);
      Pixels svg_pixels, png_pixels;

      g_assert_no_error (error);
      g_assert_true (g_subprocess_communicate (process, svg, NULL, &rendered, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_successful (process));
      pixels_from_png (rendered, &svg_pixels);
      check_figure (&svg_pixels, 1600, 800);
      pixels_from_png (png, &png_pixels);
      g_assert_cmpfloat (color_overlap (&png_pixels, &svg_pixels, "#1c71d8"), >, 0.9);
      g_assert_cmpfloat (color_overlap (&png_pixels, &svg_pixels, "#c64600"), >, 0.9);
      g_assert_cmpfloat (color_overlap (&png_pixels, &svg_pixels, "#c01c28"), >, 0.9);
      pixels_clear (&svg_pixels);
      pixels_clear (&png_pixels);
    }
  else
    g_test_message ("rsvg-convert not found: the SVG was only checked as XML");

  g_free (info.root);
  g_free (info.width);
  g_free (info.height);
  g_string_free (info.title, TRUE);
  gtk_window_destroy (window);
}

static void
test_export_texture (void)
{
  SlRttChart *chart = SL_RTT_CHART (sl_rtt_chart_new ());
  GtkWindow *window = sl_ui_test_show (GTK_WIDGET (chart), 800, 400);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) huge = NULL;
  Pixels pixels;

  fill_two_series (chart);
  texture = sl_rtt_chart_export_texture (chart, 900, 560, 1.5, NULL, NULL);
  pixels_from_texture (texture, &pixels);
  check_figure (&pixels, 1350, 840);
  pixels_clear (&pixels);

  /* An empty chart still exports (axes and the hint), at the default size. */
  sl_rtt_chart_clear (chart);
  empty = sl_rtt_chart_export_texture (chart, 0, 0, 0, TITLE, NULL);
  g_assert_cmpint (gdk_texture_get_width (empty), ==, 3200);
  g_assert_cmpint (gdk_texture_get_height (empty), ==, 1600);

  huge = sl_rtt_chart_export (chart, SL_IMAGE_FORMAT_PNG, 20000, 800, 1, NULL, NULL, &error);
  g_assert_error (error, SL_IMAGE_EXPORT_ERROR, SL_IMAGE_EXPORT_ERROR_TOO_LARGE);
  g_assert_null (huge);
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/rtt-chart/hover-only-over-plot", test_hover_only_over_plot);
  g_test_add_func ("/rtt-chart/new-sample-redraws-little", test_new_sample_redraws_little);
  g_test_add_func ("/rtt-chart/incremental-matches-full", test_incremental_matches_full);
  g_test_add_func ("/rtt-chart/export-png", test_export_png);
  g_test_add_func ("/rtt-chart/export-svg", test_export_svg);
  g_test_add_func ("/rtt-chart/outlier-marked-at-top", test_outlier_marked_at_top);
  g_test_add_func ("/rtt-chart/export-texture", test_export_texture);
  return g_test_run ();
}
