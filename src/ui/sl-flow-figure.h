/* sl-flow-figure.h: an SlFlow laid out at a width, and the one routine that draws it.
 *
 * The widget and the PNG and SVG exports all draw through sl_flow_figure_draw (): the widget
 * onto cairo nodes of its snapshot, the exports onto an image or SVG surface. Text is laid
 * out once, with the PangoContext given, so what is measured is what is drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "sl-flow.h"

G_BEGIN_DECLS

typedef struct _SlFlowFigure SlFlowFigure;

/* The export always uses LIGHT: a figure for a printed lab report, whatever the theme. */
typedef enum {
  SL_FLOW_STYLE_LIGHT,
  SL_FLOW_STYLE_DARK,
} SlFlowStyle;

/* Narrower than this and the lanes' boxes would be too small to read. */
#define SL_FLOW_FIGURE_MIN_WIDTH 320

/* Lays flow out at width (clamped to SL_FLOW_FIGURE_MIN_WIDTH) with the fonts of context; the
 * figure copies what it needs, so flow may change afterwards. */
SlFlowFigure *sl_flow_figure_new        (SlFlow        *flow,
                                         PangoContext  *context,
                                         double         width);
void          sl_flow_figure_free       (SlFlowFigure  *self);
double        sl_flow_figure_get_width  (SlFlowFigure  *self);
/* The height everything needs at that width: nothing is cut or overlaps within it. */
double        sl_flow_figure_get_height (SlFlowFigure  *self);
/* The step whose box is at (x, y), or -1. */
int           sl_flow_figure_step_at    (SlFlowFigure  *self,
                                         double         x,
                                         double         y);
/* Draws the band from y0 to y1 (figure coordinates, cr's origin at the figure's top left):
 * the background, and everything that reaches into the band. */
void          sl_flow_figure_draw       (SlFlowFigure  *self,
                                         cairo_t       *cr,
                                         SlFlowStyle    style,
                                         double         y0,
                                         double         y1);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlFlowFigure, sl_flow_figure_free)

G_END_DECLS
