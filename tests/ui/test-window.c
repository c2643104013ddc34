/* test-window.c: the main window under Xvfb: pages switch by action, accels exist, the
 * shortcuts window lists the page shortcuts, the About window opens, quit destroys every
 * window and the window finalizes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "sl-application.h"
#include "sl-connect-page.h"
#include "sl-flow-diagram.h"
#include "sl-preferences-window.h"
#include "sl-server-page.h"
#include "sl-test-util.h"
#include "sl-ui-test-util.h"
#include "sl-window.h"

static void
test_pages_switch_by_action (void)
{
  g_autoptr(SlApplication) app = sl_ui_test_start_application ();
  SlWindow *window = SL_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  static const char *pages[] = { "server", "ping", "route", "connect" };

  g_assert_nonnull (window);
  g_assert_cmpstr (sl_window_get_visible_page (window), ==, "connect");
  /* Only the page shown is built at start: the others wait for their first showing. */
  g_assert_nonnull (sl_ui_test_find_type (GTK_WIDGET (window), g_type_from_name ("SlConnectPage")));
  g_assert_null (g_type_from_name ("SlServerPage") != 0
                 ? sl_ui_test_find_type (GTK_WIDGET (window), g_type_from_name ("SlServerPage")) : NULL);
  g_assert_null (g_type_from_name ("SlPingPage") != 0
                 ? sl_ui_test_find_type (GTK_WIDGET (window), g_type_from_name ("SlPingPage")) : NULL);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i]));
      sl_ui_test_flush ();
      g_assert_cmpstr (sl_window_get_visible_page (window), ==, pages[i]);
      g_assert_nonnull (sl_window_ensure_page (window, pages[i]));
    }
  g_assert_nonnull (sl_ui_test_find_type (GTK_WIDGET (window), g_type_from_name ("SlPingPage")));

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  sl_ui_test_flush ();
  g_assert_finalize_object (window);
}

static void
test_accels (void)
{
  g_autoptr(SlApplication) app = sl_ui_test_start_application ();
  static const struct { const char *action; const char *accel; } expected[] = {
    { "app.quit", "<Control>q" },
    { "app.preferences", "<Control>comma" },
    { "win.lab-steps", "F1" },
    { "win.focus-host", "<Control>l" },
    { "window.close", "<Control>w" },
    { "win.show-page::ping", "<Alt>3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    expected[i].action);
      g_assert_nonnull (accels[0]);
      g_assert_cmpstr (accels[0], ==, expected[i].accel);
    }
  /* The help overlay resource gives Ctrl+? for free; check it was picked up. */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "win.show-help-overlay");
    g_assert_nonnull (accels[0]);
  }
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  sl_ui_test_flush ();
}

static GtkWindow *
find_about_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_ABOUT_WINDOW (window))
        return window;
    }
  return NULL;
}

static void
test_about_and_quit (void)
{
  g_autoptr(SlApplication) app = sl_ui_test_start_application ();

  g_assert_null (find_about_window ());
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  sl_ui_test_flush ();
  g_assert_nonnull (find_about_window ());

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  sl_ui_test_flush ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_null (find_about_window ());
}

static void
test_window_size_saved (void)
{
  g_autoptr(SlApplication) app = sl_ui_test_start_application ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.socketlab.SocketLab");
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  gtk_window_set_default_size (window, 777, 555);
  gtk_window_close (window);
  sl_ui_test_flush ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 777);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 555);
}

static void
test_menu_button_accessible (void)
{
  g_autoptr(SlApplication) app = sl_ui_test_start_application ();
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  GtkWidget *button = sl_ui_test_find_type (window, GTK_TYPE_MENU_BUTTON);

  g_assert_nonnull (button);
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, "Main Menu");
  sl_ui_test_assert_name (button, "Main Menu");
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  sl_ui_test_flush ();
}

/* The accelerator shown for the shortcut titled title, or NULL. */
static char *
shortcut_accelerator (GtkWidget  *root,
                      const char *title)
{
  char *accelerator = NULL;

  if (GTK_IS_SHORTCUTS_SHORTCUT (root))
    {
      g_autofree char *text = NULL;

      g_object_get (root, "title", &text, NULL);
      if (g_strcmp0 (text, title) == 0)
        g_object_get (root, "accelerator", &accelerator, NULL);
      return accelerator;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL && accelerator == NULL;
       child = gtk_widget_get_next_sibling (child))
    accelerator = shortcut_accelerator (child, title);
  return accelerator;
}

static void
test_shortcuts_window (void)
{
  static const struct { const char *title; const char *accelerator; } expected[] = {
    { "Connect, in the Host or Port field", "Return" },
    { "Send the message, in the message field", "Return" },
    { "Start the server, in the Address or Port field", "Return" },
    { "Start pinging every target", "<Control>Return" },
    { "Stop pinging", "Escape" },
    { "Lab Steps", "F1" },
    { "Go to the host field", "<Control>l" },
    { "Copy what the panel shows", "<Control><Shift>c" },
    { "Check the port", "<Control><Shift>Return" },
    { "Disconnect", "Escape" },
    { "Stop the server", "Escape" },
    { "Trace the route", "<Control>Return" },
    { "Route", "<Alt>4" },
  };
  g_autoptr(SlApplication) app = sl_ui_test_start_application ();
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkWindow *shortcuts;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  sl_ui_test_flush ();
  shortcuts = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *accelerator = shortcut_accelerator (GTK_WIDGET (shortcuts), expected[i].title);

      g_assert_cmpstr (accelerator, ==, expected[i].accelerator);
    }
  sl_ui_test_render (GTK_WIDGET (shortcuts), "shortcuts-window");
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  sl_ui_test_flush ();
}

/* The flow diagram's model, caught up with the traces. */
static SlFlow *
flow_of (GtkWidget *page)
{
  SlFlow *flow = sl_flow_diagram_get_flow (SL_FLOW_DIAGRAM (sl_ui_test_find_type (page, SL_TYPE_FLOW_DIAGRAM)));

  sl_flow_rebuild (flow);
  return flow;
}

/* The Connect page talks to the Server page's server: each page's Flow tab draws both sides,
 * paired, and copying it puts an image on the clipboard. */
static void
test_flow_across_pages (void)
{
  g_autoptr(SlApplication) app = sl_ui_test_start_application ();
  SlWindow *window = SL_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  GtkWidget *server_page = sl_window_ensure_page (window, "server");
  GtkWidget *connect_page = sl_window_ensure_page (window, "connect");
  SlServer *server = sl_server_page_get_server (SL_SERVER_PAGE (server_page));
  g_autofree char *port = NULL;
  GtkStack *calls_stack;
  GdkContentFormats *formats;
  SlFlow *flow;

  gtk_editable_set_text (GTK_EDITABLE (sl_ui_test_get (server_page, ADW_TYPE_ENTRY_ROW, "Port")), "0");
  g_assert_true (gtk_widget_activate_action (server_page, "server.start", NULL));
  port = g_strdup_printf ("%u", sl_server_get_bound_port (server));
  gtk_editable_set_text (GTK_EDITABLE (sl_ui_test_get (connect_page, ADW_TYPE_ENTRY_ROW, "Host")), "127.0.0.1");
  gtk_editable_set_text (GTK_EDITABLE (sl_ui_test_get (connect_page, ADW_TYPE_ENTRY_ROW, "Port")), port);
  g_assert_true (gtk_widget_activate_action (connect_page, "connect.connect", NULL));
  SL_TEST_SPIN_UNTIL (sl_server_get_n_peers (server) == 1, SL_TEST_TIMEOUT_MS);

  flow = flow_of (connect_page);
  g_assert_true (sl_flow_is_paired (flow));
  g_assert_cmpuint (sl_flow_get_n_lanes (flow), ==, 2);
  g_assert_false (sl_flow_lane_is_outside (flow, SL_FLOW_SIDE_SERVER));
  flow = flow_of (server_page);
  g_assert_true (sl_flow_is_paired (flow));
  g_assert_cmpint (sl_flow_get_preferred_side (flow), ==, SL_FLOW_SIDE_SERVER);

  calls_stack = GTK_STACK (gtk_widget_get_ancestor (sl_ui_test_find_type (connect_page, SL_TYPE_FLOW_DIAGRAM),
                                                    GTK_TYPE_STACK));
  gtk_stack_set_visible_child_name (calls_stack, "flow");
  sl_ui_test_flush ();
  g_assert_false (gtk_widget_get_visible (sl_ui_test_get (connect_page, GTK_TYPE_TOGGLE_BUTTON, "Explain")));
  g_assert_true (gtk_widget_activate_action (connect_page, "connect.copy-shown", NULL));
  formats = gdk_clipboard_get_formats (gtk_widget_get_clipboard (connect_page));
  g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE));
  sl_ui_test_render (GTK_WIDGET (window), "connect-page-flow");

  g_assert_true (gtk_widget_activate_action (connect_page, "connect.disconnect", NULL));
  sl_server_stop (server);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  sl_ui_test_flush ();
}

/* The style preference applies to the whole application at once; Preferences opens. */
static void
test_style_and_preferences (void)
{
  g_autoptr(SlApplication) app = sl_ui_test_start_application ();
  GSettings *settings = sl_application_get_settings (app);
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWindow *preferences = NULL;
  GList *toplevels;

  g_settings_set_string (settings, "color-scheme", "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_settings_reset (settings, "color-scheme");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  sl_ui_test_flush ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (SL_IS_PREFERENCES_WINDOW (l->data))
      preferences = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (preferences);
  g_assert_nonnull (gtk_window_get_transient_for (preferences));
  gtk_window_destroy (preferences);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  sl_ui_test_flush ();
}

/* Ctrl+L puts the keyboard in the shown page's host field, on every page. */
static void
test_focus_host (void)
{
  g_autoptr(SlApplication) app = sl_ui_test_start_application ();
  SlWindow *window = SL_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  static const struct { const char *page; const char *field; } pages[] = {
    { "connect", "Host" }, { "server", "Address" }, { "ping", "Host" }, { "route", "Host" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page;
      GtkWidget *field;
      GtkWidget *focus;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i].page));
      page = sl_window_ensure_page (window, pages[i].page);
      field = sl_ui_test_get (page, ADW_TYPE_ENTRY_ROW, pages[i].field);
      gtk_window_set_focus (GTK_WINDOW (window), NULL);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-host", NULL));
      sl_ui_test_flush ();
      focus = gtk_window_get_focus (GTK_WINDOW (window));
      g_assert_nonnull (focus);
      g_assert_true (focus == field || gtk_widget_is_ancestor (focus, field));
    }
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  sl_ui_test_flush ();
}

/* ---- names a screen reader reads out ---------------------------------------------- */

static gboolean
is_control (GtkWidget *widget)
{
  switch (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)))
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_LINK:
      return TRUE;
    default:
      return FALSE;
    }
}

/* A name that starts by saying its first words twice ("Language Language": a label property
 * on a control a mnemonic label already names; "Fill In Fill in the Connect page…") or keeps
 * a mnemonic's underscore ("_Lab Steps"). */
static gboolean
reads_badly (const char *name)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);
  guint n = g_strv_length (words);

  for (guint i = 0; i < n; i++)
    if (words[i][0] == '_' && g_ascii_isalpha (words[i][1]))
      return TRUE;
  /* The first k words said again right after them. */
  for (guint k = 1; 2 * k <= n; k++)
    {
      gboolean again = TRUE;

      for (guint i = 0; again && i < k; i++)
        again = g_ascii_strcasecmp (words[i], words[k + i]) == 0;
      if (again)
        return TRUE;
    }
  return FALSE;
}

static void
collect_bad_names (GtkWidget *root,
                   GString   *bad)
{
  if (is_control (root))
    {
      g_autofree char *name = sl_ui_test_accessible_name (root);

      if (reads_badly (name))
        g_string_append_printf (bad, "%s “%s”; ", G_OBJECT_TYPE_NAME (root), name);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_bad_names (child, bad);
}

/* Every control of every page, of the Lab Steps and of Preferences, hidden ones too (menus,
 * the Code view): the name read out says each word once and no mnemonic underscore. */
static void
test_names_read_well (void)
{
  g_autoptr(SlApplication) app = sl_ui_test_start_application ();
  SlWindow *window = SL_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  static const char *pages[] = { "connect", "server", "ping", "route" };
  g_autoptr(GString) bad = g_string_new (NULL);
  guint n_windows = 0;
  GList *toplevels;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    sl_window_ensure_page (window, pages[i]);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lab-steps", NULL));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  sl_ui_test_flush ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      collect_bad_names (l->data, bad);
      n_windows++;
    }
  g_list_free (toplevels);
  g_assert_cmpuint (n_windows, >=, 3);   /* the window, the Lab Steps, Preferences */
  g_assert_cmpstr (bad->str, ==, "");

  /* The check itself: both ways of reading badly are caught. */
  g_assert_true (reads_badly ("Language Language"));
  g_assert_true (reads_badly ("_Lab Steps Lab Steps"));
  g_assert_true (reads_badly ("Clear Clear Recent Hosts"));
  g_assert_true (reads_badly ("Fill In Fill in the Connect page"));
  g_assert_false (reads_badly ("Copy Socket"));
  g_assert_false (reads_badly ("SOCK_STREAM"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  sl_ui_test_flush ();
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/pages-switch-by-action", test_pages_switch_by_action);
  g_test_add_func ("/window/accels", test_accels);
  g_test_add_func ("/window/about-and-quit", test_about_and_quit);
  g_test_add_func ("/window/size-saved", test_window_size_saved);
  g_test_add_func ("/window/menu-button-accessible", test_menu_button_accessible);
  g_test_add_func ("/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/window/flow-across-pages", test_flow_across_pages);
  g_test_add_func ("/window/style-and-preferences", test_style_and_preferences);
  g_test_add_func ("/window/focus-host", test_focus_host);
  g_test_add_func ("/window/names-read-well", test_names_read_well);
  return g_test_run ();
}
