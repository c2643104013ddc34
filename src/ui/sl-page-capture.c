/* sl-page-capture.c: the page's own render node, drawn light, on the window background.
 *
 * A widget only changes style at a frame (styles are validated in the frame's layout phase),
 * so a dark app cannot draw a light page on the spot. Switching the style manager for one
 * frame would flash the window light; instead a still picture of the window content (its
 * last render node) covers it for that frame: underneath, the page redraws light, its node
 * is taken right after the paint, then the style and the window come back together at the
 * next frame, which the curtain leaves as it was. A light app skips the curtain and the
 * switch but still waits for a frame, so a page built a moment ago has been drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-page-capture.h"

typedef struct {
  GtkWidget       *page;
  GtkOverlay      *host;
  GtkWidget       *curtain;        /* NULL when the app is light already */
  AdwColorScheme   saved_scheme;
  GdkFrameClock   *clock;
  gint64           frame;          /* the frame counter when the capture started */
  gulong           handler;
  int              width;
  int              height;
} Capture;

static void
capture_free (Capture *capture)
{
  g_clear_object (&capture->page);
  g_clear_object (&capture->host);
  g_clear_object (&capture->curtain);
  g_clear_object (&capture->clock);
  g_free (capture);
}

/* The page's node translated to the origin, clipped to the page, over the window color. */
static GskRenderNode *
snapshot_page (Capture *capture)
{
  GtkWidget *parent = gtk_widget_get_parent (capture->page);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  graphene_rect_t area = GRAPHENE_RECT_INIT (0, 0, capture->width, capture->height);
  graphene_point_t origin;
  GdkRGBA background = { 0.98, 0.98, 0.98, 1.0 };

  if (!gtk_widget_compute_point (capture->page, parent, &GRAPHENE_POINT_INIT (0, 0), &origin))
    origin = GRAPHENE_POINT_INIT (0, 0);
  /* Pages draw no background of their own: without it the PNG's margins come out black. */
  gtk_style_context_lookup_color (gtk_widget_get_style_context (capture->page), "window_bg_color", &background);
  gtk_snapshot_append_color (snapshot, &background, &area);
  gtk_snapshot_push_clip (snapshot, &area);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-origin.x, -origin.y));
  gtk_widget_snapshot_child (parent, capture->page, snapshot);
  gtk_snapshot_pop (snapshot);
  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static void
restore (Capture *capture)
{
  if (capture->curtain == NULL)
    return;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), capture->saved_scheme);
  gtk_overlay_remove_overlay (capture->host, capture->curtain);
}

static void
after_paint_cb (GdkFrameClock *clock,
                GTask         *task)
{
  Capture *capture = g_task_get_task_data (task);

  /* A frame that began before the switch may still show the old style. */
  if (gdk_frame_clock_get_frame_counter (clock) <= capture->frame)
    return;
  g_clear_signal_handler (&capture->handler, clock);
  capture->width = gtk_widget_get_width (capture->page);
  capture->height = gtk_widget_get_height (capture->page);
  g_task_return_pointer (task, snapshot_page (capture), (GDestroyNotify) gsk_render_node_unref);
  restore (capture);
  g_object_unref (task);
}

/* A still picture of everything under @host, covering it. */
static GtkWidget *
curtain_new (GtkOverlay *host)
{
  g_autoptr(GdkPaintable) live = gtk_widget_paintable_new (gtk_overlay_get_child (host));
  g_autoptr(GdkPaintable) still = gdk_paintable_get_current_image (live);
  GtkWidget *picture = gtk_picture_new_for_paintable (still);

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_FILL);
  gtk_widget_set_can_target (picture, FALSE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return picture;
}

void
sl_page_capture_async (GtkWidget           *page,
                       GtkOverlay          *curtain_host,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GTask *task;
  Capture *capture;
  GdkFrameClock *clock;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (GTK_IS_OVERLAY (curtain_host));

  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, sl_page_capture_async);
  clock = gtk_widget_get_frame_clock (page);
  if (clock == NULL || !gtk_widget_get_mapped (page) || gtk_widget_get_parent (page) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("The page is not shown"));
      g_object_unref (task);
      return;
    }
  capture = g_new0 (Capture, 1);
  capture->page = g_object_ref (page);
  capture->host = g_object_ref (curtain_host);
  capture->clock = g_object_ref (clock);
  g_task_set_task_data (task, capture, (GDestroyNotify) capture_free);
  if (adw_style_manager_get_dark (style))
    {
      capture->curtain = g_object_ref_sink (curtain_new (curtain_host));
      gtk_overlay_add_overlay (curtain_host, capture->curtain);
      capture->saved_scheme = adw_style_manager_get_color_scheme (style);
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
    }
  capture->frame = gdk_frame_clock_get_frame_counter (clock);
  capture->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), task);
  gtk_widget_queue_draw (page);
}

GskRenderNode *
sl_page_capture_finish (GAsyncResult  *result,
                        int           *out_width,
                        int           *out_height,
                        GError       **error)
{
  Capture *capture;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sl_page_capture_async, NULL);

  capture = g_task_get_task_data (G_TASK (result));
  if (out_width != NULL)
    *out_width = capture != NULL ? capture->width : 0;
  if (out_height != NULL)
    *out_height = capture != NULL ? capture->height : 0;
  return g_task_propagate_pointer (G_TASK (result), error);
}
