/* sl-ui-test-util.c: find widgets the way a user sees them, check what a screen reader hears,
 * and save what they look like.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-adaptive-box.h"
#include "sl-application.h"
#include "sl-export-job.h"
#include "sl-test-util.h"
#include "sl-ui-test-util.h"

/* After gtk.h, which says whether GDK has X11. */
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

/* ---- finding widgets -------------------------------------------------------------- */

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_first (GtkWidget     *root,
            WidgetMatch    match,
            gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

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
    {
      g_autofree char *text = sl_ui_test_label_text (GTK_LABEL (widget));
      return g_strcmp0 (text, name) == 0;
    }
  return FALSE;
}

typedef struct {
  GType       type;
  const char *name;
} TypeAndName;

static gboolean
matches_type_and_name (GtkWidget     *widget,
                       gconstpointer  data)
{
  const TypeAndName *wanted = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, wanted->type) &&
         (wanted->name == NULL || has_name (widget, wanted->name));
}

GtkWidget *
sl_ui_test_find (GtkWidget  *root,
                 GType       type,
                 const char *name)
{
  TypeAndName wanted = { type, name };

  return find_first (root, matches_type_and_name, &wanted);
}

GtkWidget *
sl_ui_test_get (GtkWidget  *root,
                GType       type,
                const char *name)
{
  GtkWidget *widget = sl_ui_test_find (root, type, name);

  if (widget == NULL)
    g_error ("no %s named “%s” under %s", g_type_name (type), name, G_OBJECT_TYPE_NAME (root));
  return widget;
}

GtkWidget *
sl_ui_test_find_type (GtkWidget *root,
                      GType      type)
{
  return sl_ui_test_find (root, type, NULL);
}

static gboolean
activates (GtkWidget     *widget,
           gconstpointer  action_name)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

GtkWidget *
sl_ui_test_get_action (GtkWidget  *root,
                       const char *action_name)
{
  GtkWidget *widget = find_first (root, activates, action_name);

  if (widget == NULL)
    g_error ("nothing under %s activates “%s”", G_OBJECT_TYPE_NAME (root), action_name);
  return widget;
}

char *
sl_ui_test_label_text (GtkLabel *label)
{
  g_autoptr(GString) text = g_string_new (gtk_label_get_text (label));

  /* Lines that must not wrap use no-break spaces; people (and screen readers) read spaces. */
  g_string_replace (text, "\u00a0", " ", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

guint
sl_ui_test_count_labels (GtkWidget  *root,
                         const char *prefix)
{
  g_autofree char *text = GTK_IS_LABEL (root) ? sl_ui_test_label_text (GTK_LABEL (root)) : NULL;
  guint n = text != NULL && gtk_widget_get_mapped (root) && g_str_has_prefix (text, prefix);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += sl_ui_test_count_labels (child, prefix);
  return n;
}

static gboolean
shows_text_containing (GtkWidget     *widget,
                       gconstpointer  needle)
{
  g_autofree char *text = NULL;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  text = sl_ui_test_label_text (GTK_LABEL (widget));
  return strstr (text, needle) != NULL;
}

guint
sl_ui_test_count_labels_containing (GtkWidget  *root,
                                    const char *needle)
{
  guint n = shows_text_containing (root, needle);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += sl_ui_test_count_labels_containing (child, needle);
  return n;
}

GtkWidget *
sl_ui_test_find_label_containing (GtkWidget  *root,
                                  const char *needle)
{
  return find_first (root, shows_text_containing, needle);
}

/* ---- what is on screen -------------------------------------------------------------- */

/* Inside area's allocation, give or take the half pixel of a fractional position. */
static gboolean
inside (GtkWidget *widget,
        GtkWidget *area)
{
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (widget, area, &bounds))
    return FALSE;
  return bounds.origin.x >= -0.5 && bounds.origin.y >= -0.5
      && bounds.origin.x + bounds.size.width <= gtk_widget_get_width (area) + 0.5
      && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (area) + 0.5;
}

gboolean
sl_ui_test_is_fully_visible (GtkWidget *widget)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));

  if (root == NULL || !gtk_widget_get_mapped (widget)
      || gtk_widget_get_width (widget) <= 0 || gtk_widget_get_height (widget) <= 0)
    return FALSE;
  /* A scrolled window shows only its own area of its child, whatever the child's size. */
  for (GtkWidget *area = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
       area != NULL;
       area = gtk_widget_get_ancestor (gtk_widget_get_parent (area), GTK_TYPE_SCROLLED_WINDOW))
    if (!inside (widget, area))
      return FALSE;
  return inside (widget, root);
}

/* ---- what a screen reader hears ---------------------------------------------------- */

char *
sl_ui_test_accessible_string (GtkWidget             *widget,
                              GtkAccessibleProperty  property)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), property))
    return NULL;
  /* GTK has no getter; the check answers with the actual value when it differs from the
   * one asked for, and no name contains U+001F. */
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, "\x1f");
}

static gboolean
labels (GtkWidget     *candidate,
        gconstpointer  widget)
{
  g_autofree char *mismatch = NULL;

  if (candidate == widget)
    return FALSE;
  mismatch = gtk_test_accessible_check_relation (GTK_ACCESSIBLE ((gpointer) widget),
                                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                 candidate, NULL);
  return mismatch == NULL;
}

char *
sl_ui_test_accessible_name (GtkWidget *widget)
{
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_autofree char *label = sl_ui_test_accessible_string (widget, GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_auto(GStrv) strv = NULL;

  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    {
      GtkWidget *top = widget;
      GtkWidget *labeller;
      g_autofree char *labeller_name = NULL;

      while (gtk_widget_get_parent (top) != NULL)
        top = gtk_widget_get_parent (top);
      /* Only one labelling widget is looked for: no control here has more. */
      labeller = find_first (top, labels, widget);
      if (labeller == NULL)
        g_error ("%s is labelled by widgets that are not one widget of its window",
                 G_OBJECT_TYPE_NAME (widget));
      labeller_name = sl_ui_test_accessible_name (labeller);
      if (*labeller_name != '\0')
        g_strv_builder_add (parts, labeller_name);
    }
  if (label != NULL && *label != '\0')
    g_strv_builder_add (parts, label);
  strv = g_strv_builder_end (parts);
  return g_strjoinv (" ", strv);
}

/* ---- showing and drawing ------------------------------------------------------------ */

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

static void
count_frame_cb (GdkFrameClock *clock,
                guint         *frames)
{
  (*frames)++;
}

void
sl_ui_test_wait_frames (GtkWidget *widget,
                        guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint frames = 0;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame_cb), &frames);
  /* GTK draws a frame only when something asks for one: ask for each. */
  while (frames < n)
    {
      guint before = frames;

      gtk_widget_queue_draw (widget);
      SL_TEST_SPIN_UNTIL (frames > before, SL_TEST_TIMEOUT_MS);
    }
  g_signal_handler_disconnect (clock, handler);
}

char *
sl_ui_test_read_clipboard (GtkWidget *widget)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GAsyncResult *pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *text;

  gdk_clipboard_read_text_async (clipboard, NULL, sl_test_store_result, &pending);
  result = sl_test_wait_result (&pending);
  text = gdk_clipboard_read_text_finish (clipboard, result, &error);
  if (error != NULL)
    g_test_message ("reading the clipboard: %s", error->message);
  return text;
}

/* Moves the pointer to the centre of @widget, then runs xdotool with @action (NULL-ended):
 * the X server handles the move before the action, in order. */
static gboolean
x11_at_widget (GtkWidget   *widget,
               const char **action,
               char       **reason)
{
#ifdef GDK_WINDOWING_X11
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *xid = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  graphene_point_t centre;
  double dx, dy;
  int status = 0;

  if (!GDK_IS_X11_DISPLAY (gtk_widget_get_display (widget)) || surface == NULL)
    {
      *reason = g_strdup ("needs an X11 display (GDK_BACKEND=x11 under Xvfb)");
      return FALSE;
    }
  if (xdotool == NULL)
    {
      *reason = g_strdup ("needs xdotool (build-aux/dev installs it)");
      return FALSE;
    }
  /* Widget coordinates → the X window's: the surface may have a margin (client-side shadow)
   * around the window's widgets. mousemove --window is relative to that X window. */
  if (!gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                 &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                       gtk_widget_get_height (widget) / 2.0),
                                 &centre))
    g_error ("%s is not in its window", G_OBJECT_TYPE_NAME (widget));
  gtk_native_get_surface_transform (native, &dx, &dy);
  xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  x = g_strdup_printf ("%d", (int) (centre.x + dx));
  y = g_strdup_printf ("%d", (int) (centre.y + dy));
  /* No --sync: it waits for the pointer to leave where it was, seconds long when it is
   * already there. */
  {
    const char *move[] = { xdotool, "mousemove", "--window", xid, x, y };

    for (guint i = 0; i < G_N_ELEMENTS (move); i++)
      g_ptr_array_add (argv, (gpointer) move[i]);
  }
  for (; *action != NULL; action++)
    g_ptr_array_add (argv, (gpointer) *action);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("xdotool failed: %s", error->message);
  return TRUE;
#else
  *reason = g_strdup ("GTK was built without X11");
  return FALSE;
#endif
}

gboolean
sl_ui_test_x11_wheel (GtkWidget  *widget,
                      gboolean    up,
                      guint       clicks,
                      char      **reason)
{
  g_autofree char *repeat = g_strdup_printf ("%u", clicks);
  /* Clicks 10 ms apart, not xdotool's default 100 ms. */
  const char *action[] = { "click", "--repeat", repeat, "--delay", "10", up ? "4" : "5", NULL };

  return x11_at_widget (widget, action, reason);
}

gboolean
sl_ui_test_x11_key (GtkWidget  *widget,
                    const char *keysym,
                    char      **reason)
{
  const char *action[] = { "key", keysym, NULL };

  return x11_at_widget (widget, action, reason);
}

static void
wait_for_frame (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean drawn = FALSE;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_frame), &drawn);

  gtk_widget_queue_draw (window);
  SL_TEST_SPIN_UNTIL (drawn, SL_TEST_TIMEOUT_MS);
  g_signal_handler_disconnect (clock, handler);
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

  load_app_style ();
  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  wait_for_frame (GTK_WIDGET (window));
  return window;
}

void
sl_ui_test_resize (GtkWindow *window,
                   int        width,
                   int        height)
{
  GtkWidget *widget = GTK_WIDGET (window);

  gtk_window_set_default_size (window, width, height);
  SL_TEST_SPIN_UNTIL (gtk_widget_get_width (widget) == width && gtk_widget_get_height (widget) == height,
                      SL_TEST_TIMEOUT_MS);
  wait_for_frame (widget);
}

void
sl_ui_test_show_on_phone (GtkWindow  *window,
                          GtkWidget  *content,
                          const char *name)
{
  GtkWidget *layout = sl_ui_test_find_type (content, SL_TYPE_ADAPTIVE_BOX);
  GtkWidget *panes = sl_ui_test_find_type (content, GTK_TYPE_PANED);
  GtkWidget *scroller = gtk_widget_get_ancestor (layout, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *start = sl_adaptive_box_get_start_child (SL_ADAPTIVE_BOX (layout));
  GtkWidget *end = sl_adaptive_box_get_end_child (SL_ADAPTIVE_BOX (layout));
  g_autofree char *bottom_name = g_strconcat (name, "-bottom", NULL);
  GtkAdjustment *vadjustment;
  int min_width, start_natural;

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);
  sl_ui_test_resize (window, 360, 640);
  g_assert_cmpint (gtk_widget_get_width (content), <=, 360);
  g_assert_nonnull (panes);
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (panes)), ==, GTK_ORIENTATION_VERTICAL);

  /* Stacked, neither half is squeezed: the page scrolls as one instead. */
  if (GTK_IS_SCROLLED_WINDOW (start))
    start = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (start));
  gtk_widget_measure (start, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (start), NULL, &start_natural, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_height (start), >=, start_natural);
  g_assert_cmpint (gtk_widget_get_height (end), >=,
                   sl_adaptive_box_get_stacked_end_height (SL_ADAPTIVE_BOX (layout)));
  g_assert_nonnull (scroller);
  sl_ui_test_render_light_and_dark (GTK_WIDGET (window), name);

  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  sl_ui_test_flush ();
  sl_ui_test_render_light_and_dark (GTK_WIDGET (window), bottom_name);
  gtk_adjustment_set_value (vadjustment, 0);
}

/* Saves @node, @width × @height, as SL_SCREENSHOT_DIR/@name.png (when that is set), drawn by
 * the renderer of @widget's window. */
static void
save_node (GtkWidget     *widget,
           GskRenderNode *node,
           int            width,
           int            height,
           const char    *name)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autoptr(GdkTexture) texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  const char *dir = g_getenv ("SL_SCREENSHOT_DIR");

  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
  if (dir != NULL)
    {
      g_autofree char *file = g_strconcat (name, ".png", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("saved %s", path);
    }
}

/* The widget paintable only has content once the widget was drawn after it existed. */
static void
drawn_cb (GdkPaintable *paintable,
          gboolean     *drawn)
{
  *drawn = TRUE;
}

/* A paintable of @widget that has been drawn once at least. */
static GdkPaintable *
drawn_paintable (GtkWidget *widget)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (widget);
  gboolean drawn = FALSE;
  gulong handler;

  g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
  g_assert_cmpint (gtk_widget_get_height (widget), >, 0);
  handler = g_signal_connect (paintable, "invalidate-contents", G_CALLBACK (drawn_cb), &drawn);
  gtk_widget_queue_draw (widget);
  SL_TEST_SPIN_UNTIL (drawn, SL_TEST_TIMEOUT_MS);
  g_signal_handler_disconnect (paintable, handler);
  return paintable;
}

void
sl_ui_test_render (GtkWidget  *widget,
                   const char *name)
{
  g_autoptr(GdkPaintable) paintable = drawn_paintable (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  save_node (widget, node, width, height, name);
}

static GFile *export_target;

static GFile *
choose_export_target_cb (SlExportJob *job,
                         const char  *suggested_name,
                         gpointer     user_data)
{
  return g_object_ref (export_target);
}

void
sl_ui_test_save_exports_to (GFile *file)
{
  g_set_object (&export_target, file);
  sl_export_job_set_choose_func (file != NULL ? choose_export_target_cb : NULL, NULL);
}

/* One registered application for the whole run: a GApplication stays exported on the
 * session bus for the life of the process, so the tests of a program share it. */
static SlApplication *the_application;

SlApplication *
sl_ui_test_start_application (void)
{
  if (the_application == NULL)
    {
      g_autoptr(GError) error = NULL;

      the_application = sl_application_new ();
      g_application_set_flags (G_APPLICATION (the_application), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (the_application), NULL, &error);
      g_assert_no_error (error);
    }
  g_application_activate (G_APPLICATION (the_application));
  sl_ui_test_flush ();
  return g_object_ref (the_application);
}

GtkWindow *
sl_ui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

void
sl_ui_test_render_with_dialog (GtkWidget  *window,
                               GtkWidget  *dialog,
                               const char *name)
{
  g_autoptr(GdkPaintable) under = drawn_paintable (window);
  g_autoptr(GdkPaintable) over = drawn_paintable (dialog);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
  int dialog_width = gtk_widget_get_width (dialog), dialog_height = gtk_widget_get_height (dialog);
  GdkRGBA dim = { 0, 0, 0, 0.3 };

  g_assert_cmpint (dialog_width, <=, width);
  g_assert_cmpint (dialog_height, <=, height);
  gdk_paintable_snapshot (under, snapshot, width, height);
  /* As the desktop shows a modal dialog: the window dimmed, the dialog over its middle. */
  gtk_snapshot_append_color (snapshot, &dim, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((width - dialog_width) / 2, (height - dialog_height) / 2));
  gdk_paintable_snapshot (over, snapshot, dialog_width, dialog_height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  save_node (window, node, width, height, name);
}

void
sl_ui_test_render_light_and_dark (GtkWidget  *widget,
                                  const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *dark = g_strconcat (name, "-dark", NULL);

  sl_ui_test_render (widget, name);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  sl_ui_test_flush ();
  g_assert_true (adw_style_manager_get_dark (style));
  sl_ui_test_render (widget, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  sl_ui_test_flush ();
}
