/* sl-image-export.h: turn the render node a chart or diagram draws into a PNG, an SVG or a
 * texture, and the fixed fonts such exports are laid out with. No files: the caller writes
 * the bytes (asynchronously, see DESIGN.md §3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SL_IMAGE_EXPORT_ERROR (sl_image_export_error_quark ())

typedef enum {
  SL_IMAGE_EXPORT_ERROR_TOO_LARGE,
  SL_IMAGE_EXPORT_ERROR_FAILED,
} SlImageExportError;

typedef enum {
  SL_IMAGE_FORMAT_PNG,
  SL_IMAGE_FORMAT_SVG,
} SlImageFormat;

/* Largest side of an exported image in pixels (cairo's own limit is 32767). */
#define SL_IMAGE_EXPORT_MAX_PIXELS 16384

GQuark         sl_image_export_error_quark         (void);

/* A Pango context independent of the desktop: no hinting, grayscale antialiasing and 96 dpi,
 * so an export looks the same on every screen and at every scale. */
PangoContext  *sl_image_export_create_pango_context (void);

/* Draws @node, laid out for @width × @height logical pixels, at @scale device pixels per
 * logical pixel (PNG only; an SVG is vector and @width × @height px). @title and
 * @description (both may be NULL) become the SVG's <title> and <desc>, which screen readers
 * and search read; the PNG only has the pixels. */
GBytes        *sl_image_export_node                (GskRenderNode  *node,
                                                    SlImageFormat   format,
                                                    int             width,
                                                    int             height,
                                                    double          scale,
                                                    const char     *title,
                                                    const char     *description,
                                                    GError        **error);
/* The same pixels as the PNG, as a texture (for a preview or the clipboard). NULL and @error
 * set when the size is beyond SL_IMAGE_EXPORT_MAX_PIXELS. */
GdkTexture    *sl_image_export_node_to_texture     (GskRenderNode  *node,
                                                    int             width,
                                                    int             height,
                                                    double          scale,
                                                    GError        **error);

G_END_DECLS
