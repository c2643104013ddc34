/* bench-bare-window.c: the P6 baseline, the least a libadwaita application shows: a window
 * of Socket Lab's default size with a header bar and nothing in it. bench-startup starts it
 * and Socket Lab the same way and compares time to first frame and memory.
 *
 *   bench-bare-window [--boxed-list]
 *
 * With --boxed-list the window also shows one boxed list of one row, the least a page of
 * rows in libadwaita's style has. It is not the goal's baseline: bench-startup reports it
 * alongside, to tell what the toolkit's boxed-list style costs from what Socket Lab adds
 * (drawing a card's shadow for the first time is costly on a software renderer).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

static gboolean with_boxed_list;

static GtkWidget *
one_row_group (void)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Host");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  gtk_widget_set_margin_top (group, 18);
  gtk_widget_set_margin_start (group, 18);
  gtk_widget_set_margin_end (group, 18);
  return group;
}

static void
activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  if (with_boxed_list)
    gtk_box_append (GTK_BOX (box), one_row_group ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), "Bare Window");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  if (argc > 1 && g_str_equal (argv[1], "--boxed-list"))
    {
      with_boxed_list = TRUE;
      argv[1] = argv[0];
      argv++;
      argc--;
    }
  app = adw_application_new ("io.github.socketlab.BareWindow", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
