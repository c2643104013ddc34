/* sl-page-capture.h: a page as a picture for a report: its content as it is shown, in the
 * light style whatever the desktop's, on the window's background, cropped to the page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Captures @page at its next frame. When the app runs dark, the light style is forced for
 * that one frame while @curtain_host (an overlay above the whole window content) shows a
 * still picture of the window as it was, so nothing flickers. */
void           sl_page_capture_async  (GtkWidget            *page,
                                       GtkOverlay           *curtain_host,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
/* The drawing, at the origin, @out_width × @out_height logical pixels. (transfer full) */
GskRenderNode *sl_page_capture_finish (GAsyncResult         *result,
                                       int                  *out_width,
                                       int                  *out_height,
                                       GError              **error);

G_END_DECLS
