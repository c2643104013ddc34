/* sl-image-export.c: a chart's render node to PNG, SVG or a texture.
 *
 * The node is the one the widget's snapshot () code builds (with an export style), so the
 * image is the widget's drawing, not a second copy of it. gsk_render_node_draw () replays it
 * with cairo: onto an image surface for PNG and textures, onto an SVG surface for vectors
 * (cairo nodes stay paths, text becomes glyph outlines that need no fonts to view).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sl-image-export.h"

G_DEFINE_QUARK (sl-image-export-error-quark, sl_image_export_error)

PangoContext *
sl_image_export_create_pango_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Hinted metrics would move glyphs differently at scale 1 and 2, and subpixel colors are
   * wrong on paper. */
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 96.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
  return context;
}

static gboolean
check_size (int       width,
            int       height,
            double    scale,
            GError  **error)
{
  g_return_val_if_fail (width > 0 && height > 0 && scale > 0, FALSE);

  if (ceil (width * scale) > SL_IMAGE_EXPORT_MAX_PIXELS || ceil (height * scale) > SL_IMAGE_EXPORT_MAX_PIXELS)
    {
      g_set_error (error, SL_IMAGE_EXPORT_ERROR, SL_IMAGE_EXPORT_ERROR_TOO_LARGE,
                   _("The image would be %.0f × %.0f pixels; at most %d pixels a side can be drawn"),
                   ceil (width * scale), ceil (height * scale), SL_IMAGE_EXPORT_MAX_PIXELS);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_cairo (cairo_status_t   status,
             GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, SL_IMAGE_EXPORT_ERROR, SL_IMAGE_EXPORT_ERROR_FAILED,
               _("Could not draw the image: %s"), cairo_status_to_string (status));
  return FALSE;
}

/* The node drawn onto a new image surface of @width × @height at @scale. */
static cairo_surface_t *
draw_image (GskRenderNode  *node,
            int             width,
            int             height,
            double          scale,
            GError        **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  if (!check_size (width, height, scale, error))
    return NULL;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                        (int) ceil (height * scale));
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (!check_cairo (cairo_surface_status (surface), error))
    g_clear_pointer (&surface, cairo_surface_destroy);
  return surface;
}

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* cairo has no API for an SVG's title and description: they go right after the <svg> tag. */
static GBytes *
add_svg_text (GByteArray *svg,
              const char *title,
              const char *description)
{
  GString *text = g_string_new_len ((const char *) svg->data, svg->len);
  const char *start = strstr (text->str, "<svg");
  const char *end = start != NULL ? strchr (start, '>') : NULL;
  g_autoptr(GString) extra = g_string_new (NULL);

  if (end == NULL)
    return g_string_free_to_bytes (text);
  if (title != NULL && *title != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      g_string_append_printf (extra, "\n<title>%s</title>", escaped);
    }
  if (description != NULL && *description != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (description, -1);
      g_string_append_printf (extra, "\n<desc>%s</desc>", escaped);
    }
  g_string_insert_len (text, end + 1 - text->str, extra->str, extra->len);
  return g_string_free_to_bytes (text);
}

static GBytes *
export_svg (GskRenderNode  *node,
            int             width,
            int             height,
            const char     *title,
            const char     *description,
            GError        **error)
{
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (!check_size (width, height, 1.0, error))
    return NULL;
  surface = cairo_svg_surface_create_for_stream (append_bytes_cb, svg, width, height);
  /* Pixels, so the SVG opens at the size the PNG has at scale 1. */
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (!check_cairo (status, error))
    return NULL;
  return add_svg_text (svg, title, description);
}

static GBytes *
export_png (GskRenderNode  *node,
            int             width,
            int             height,
            double          scale,
            GError        **error)
{
  cairo_surface_t *surface = draw_image (node, width, height, scale, error);
  g_autoptr(GByteArray) png = NULL;
  cairo_status_t status;

  if (surface == NULL)
    return NULL;
  png = g_byte_array_new ();
  status = cairo_surface_write_to_png_stream (surface, append_bytes_cb, png);
  cairo_surface_destroy (surface);
  if (!check_cairo (status, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

GBytes *
sl_image_export_node (GskRenderNode  *node,
                      SlImageFormat   format,
                      int             width,
                      int             height,
                      double          scale,
                      const char     *title,
                      const char     *description,
                      GError        **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (format)
    {
    case SL_IMAGE_FORMAT_PNG:
      return export_png (node, width, height, scale, error);
    case SL_IMAGE_FORMAT_SVG:
      return export_svg (node, width, height, title, description, error);
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
surface_unref_cb (gpointer data)
{
  cairo_surface_destroy (data);
}

GdkTexture *
sl_image_export_node_to_texture (GskRenderNode  *node,
                                 int             width,
                                 int             height,
                                 double          scale,
                                 GError        **error)
{
  cairo_surface_t *surface;
  g_autoptr(GBytes) pixels = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  surface = draw_image (node, width, height, scale, error);
  if (surface == NULL)
    return NULL;
  /* The texture keeps the surface's pixels alive instead of copying them. */
  pixels = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                       (gsize) cairo_image_surface_get_stride (surface) *
                                       cairo_image_surface_get_height (surface),
                                       surface_unref_cb, surface);
  return gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                 cairo_image_surface_get_height (surface),
                                 GDK_MEMORY_DEFAULT, pixels,
                                 cairo_image_surface_get_stride (surface));
}
