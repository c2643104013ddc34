/* sl-flow-diagram.h: the Socket flow diagram: the lab's "TCP socket flow" figure, drawn from
 * the user's own run and following it live.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-flow.h"
#include "sl-image-export.h"
#include "sl-report.h"

G_BEGIN_DECLS

#define SL_TYPE_FLOW_DIAGRAM  (sl_flow_diagram_get_type ())
#define SL_FLOW_DIAGRAM_ERROR (sl_flow_diagram_error_quark ())

G_DECLARE_FINAL_TYPE (SlFlowDiagram, sl_flow_diagram, SL, FLOW_DIAGRAM, GtkWidget)

typedef enum {
  SL_FLOW_DIAGRAM_ERROR_EMPTY,    /* nothing to draw yet; drawing errors are SL_IMAGE_EXPORT_ERROR */
} SlFlowDiagramError;

GQuark          sl_flow_diagram_error_quark          (void);

GtkWidget      *sl_flow_diagram_new                  (void);

/* The Connect page's trace and the Server page's; either may be NULL. Also the properties
 * "client-trace", "server-trace" and "preferred-side" (see sl_flow_set_preferred_side ()). */
SlTrace        *sl_flow_diagram_get_client_trace     (SlFlowDiagram  *self);
void            sl_flow_diagram_set_client_trace     (SlFlowDiagram  *self,
                                                      SlTrace        *trace);
SlTrace        *sl_flow_diagram_get_server_trace     (SlFlowDiagram  *self);
void            sl_flow_diagram_set_server_trace     (SlFlowDiagram  *self,
                                                      SlTrace        *trace);
SlFlowSide      sl_flow_diagram_get_preferred_side   (SlFlowDiagram  *self);
void            sl_flow_diagram_set_preferred_side   (SlFlowDiagram  *self,
                                                      SlFlowSide      side);

/* What is drawn: the model, for the report and tests. It catches up with the traces at the
 * next frame while shown (sl_flow_is_outdated () until then). (transfer none) */
SlFlow         *sl_flow_diagram_get_flow             (SlFlowDiagram  *self);

/* The figure as a PNG or SVG file's bytes, always in the light, print-friendly style. Laid
 * out at width (at least SL_FLOW_FIGURE_MIN_WIDTH, 320); height 0 (or less) is the height
 * the figure needs at that width, and a smaller one shrinks the figure to fit. The PNG has
 * (width × scale) × (height × scale) pixels; the SVG is width × height px, scale ignored,
 * with the description as its <title> and <desc>. No file is written: the caller saves the
 * bytes (asynchronously). Fails with SL_FLOW_DIAGRAM_ERROR_EMPTY when there is nothing to
 * draw. */
GBytes         *sl_flow_diagram_export               (SlFlowDiagram  *self,
                                                      SlImageFormat   format,
                                                      int             width,
                                                      int             height,
                                                      double          scale,
                                                      GError        **error);

/* Puts the figure on the clipboard as an image, as sl_flow_diagram_export () draws it, and
 * says in a toast that it did, or why it could not. */
gboolean        sl_flow_diagram_copy                 (SlFlowDiagram  *self);

/* Adds the figure to @report as a picture of its own, drawn as sl_flow_diagram_copy () draws
 * it; FALSE, adding nothing, while there is nothing to draw. */
gboolean        sl_flow_diagram_add_to_report        (SlFlowDiagram  *self,
                                                      SlReport       *report);

G_END_DECLS
