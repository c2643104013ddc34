/* sl-ui-test-util.c: find widgets the way a user sees them, and save what they look like.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-ui-test-util.h"

static char *
without_underscores (const char *label)
{
  GString *out = g_string_new (NULL);

  for (const char *p = label; p != NULL && *p != '\0'; p++)
    if (*p != '_')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static gboolean
has_accessible_label (GtkWidget  *widget,
                      const char *name)
{
  g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                  name);
  return mismatch == NULL;
}

static gboolean
has_name (GtkWidget  *widget,
          const char *name)
{
  g_autofree char *plain = NULL;

  if (has_accessible_label (widget, name))
    return TRUE;

  if (ADW_IS_PREFERENCES_ROW (widget))
    return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), name) == 0;
  if (GTK_IS_BUTTON (widget))
    {
      plain = without_underscores (gtk_button_get_label (GTK_BUTTON (widget)));
      if (g_strcmp0 (plain, name) == 0)
        return TRUE;
    }
  if (GTK_IS_LABEL (widget))
    return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), name) == 0;
  return FALSE;
}

GtkWidget *
sl_ui_test_find (GtkWidget  *root,
                 GType       type,
                 const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (name == NULL || has_name (root, name)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sl_ui_test_find (child, type, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
sl_ui_test_find_type (GtkWidget *root,
                      GType      type)
{
  return sl_ui_test_find (root, type, NULL);
}

void
sl_ui_test_flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
on_frame (GdkFrameClock *clock,
          gboolean      *drawn)
{
  *drawn = TRUE;
}

/* The application loads style.css itself; tests build pages without it. */
static void
load_app_style (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (loaded)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  loaded = TRUE;
}

GtkWindow *
sl_ui_test_show (GtkWidget *child,
                 int        width,
                 int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  gboolean drawn = FALSE;
  GdkFrameClock *clock;
  gulong handler;

  load_app_style ();
  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_frame), &drawn);
  while (!drawn)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  return window;
}

typedef struct {
  GtkWidget   *widget;
  const char  *name;
  gboolean     done;
} RenderRequest;

/* The widget paintable only has content once the widget was drawn after it existed. */
static void
render_when_drawn (GdkPaintable  *paintable,
                   RenderRequest *request)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (request->widget));
  const char *dir = g_getenv ("SL_SCREENSHOT_DIR");
  int width = gtk_widget_get_width (request->widget);
  int height = gtk_widget_get_height (request->widget);

  if (request->done)
    return;
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
  if (dir != NULL)
    {
      g_autofree char *file = g_strconcat (request->name, ".png", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("saved %s", path);
    }
  request->done = TRUE;
}

void
sl_ui_test_render (GtkWidget  *widget,
                   const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  RenderRequest request = { widget, name, FALSE };
  gulong handler;

  g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
  g_assert_cmpint (gtk_widget_get_height (widget), >, 0);
  handler = g_signal_connect (paintable, "invalidate-contents", G_CALLBACK (render_when_drawn), &request);
  gtk_widget_queue_draw (widget);
  while (!request.done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (paintable, handler);
}
