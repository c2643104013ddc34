/* bench-startup.c: P6, Socket Lab's startup against a bare libadwaita window, measured from
 * the outside in the same run.
 *
 *   bench-startup SOCKET_LAB BARE_WINDOW
 *
 * Starts each program in turn on the current X display and times it from the spawn to its
 * first frame: the first damage (drawing) the X server reports on a window it mapped after
 * which the window shows more than the plain colour it was cleared to.
 * Half a second later, once startup work has settled, its resident memory is read from
 * /proc/PID/status, and the program is terminated. The medians of the rounds are printed
 * with their ratios; a missed goal is reported, never failed.
 *
 * A third program is timed alongside, for context and not against the goal: the bare window
 * with one boxed list (BARE_WINDOW --boxed-list). How much slower it starts than the bare
 * window is what libadwaita's boxed-list style costs by itself on this renderer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xdamage.h>
#include <gio/gio.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>

#include "sl-test-util.h"

#define ROUNDS           11
#define FIRST_FRAME_US   (30 * G_USEC_PER_SEC)
#define SETTLE_US        (500 * 1000)
#define MIB              (1024.0 * 1024.0)
#define P6_TIME_GOAL     1.2   /* DESIGN.md §4 */
#define P6_RSS_GOAL      1.3

/* Our connection to the X server, watching every top-level window. */
typedef struct {
  Display *display;
  int      damage_event;
} Watcher;

typedef struct {
  const char *argv[3];
  double      ms[ROUNDS];
  double      mib[ROUNDS];
} Samples;

/* Windows can vanish between their creation and our request: such errors are expected. */
static int
ignore_x_error (Display     *display,
                XErrorEvent *event)
{
  return 0;
}

static gboolean
watcher_open (Watcher *watcher)
{
  int error_base;

  watcher->display = XOpenDisplay (NULL);
  if (watcher->display == NULL)
    return FALSE;
  if (!XDamageQueryExtension (watcher->display, &watcher->damage_event, &error_base))
    {
      XCloseDisplay (watcher->display);
      return FALSE;
    }
  XSetErrorHandler (ignore_x_error);
  XSelectInput (watcher->display, DefaultRootWindow (watcher->display), SubstructureNotifyMask);
  XSync (watcher->display, False);
  return TRUE;
}

static void
discard_events (Watcher *watcher)
{
  XSync (watcher->display, True);
}

/* A newly mapped window is first cleared to one colour; a frame has more than one down the
 * column through its middle (header bar, content, text). */
static gboolean
shows_a_frame (Watcher *watcher,
               Window   window)
{
  XWindowAttributes attributes;
  XImage *column;
  gboolean varied = FALSE;

  if (!XGetWindowAttributes (watcher->display, window, &attributes) || attributes.height <= 0)
    return FALSE;
  column = XGetImage (watcher->display, window, attributes.width / 2, 0, 1, attributes.height,
                      AllPlanes, ZPixmap);
  if (column == NULL)
    return FALSE;
  for (int y = 1; y < attributes.height && !varied; y++)
    varied = XGetPixel (column, 0, y) != XGetPixel (column, 0, 0);
  XDestroyImage (column);
  return varied;
}

/* Handles one event; TRUE when a window that was mapped shows its first frame. */
static gboolean
handle_event (Watcher    *watcher,
              GHashTable *mapped)
{
  XEvent event;
  Window window;

  XNextEvent (watcher->display, &event);
  if (event.type == CreateNotify)
    XDamageCreate (watcher->display, event.xcreatewindow.window, XDamageReportNonEmpty);
  else if (event.type == MapNotify)
    g_hash_table_add (mapped, GSIZE_TO_POINTER (event.xmap.window));
  else if (event.type == watcher->damage_event + XDamageNotify)
    {
      XDamageNotifyEvent *damage = (XDamageNotifyEvent *) &event;

      window = damage->drawable;
      /* Report-non-empty sends one event until the damage is subtracted: ask for the next. */
      XDamageSubtract (watcher->display, damage->damage, None, None);
      return g_hash_table_contains (mapped, GSIZE_TO_POINTER (window)) && shows_a_frame (watcher, window);
    }
  return FALSE;
}

/* Monotonic time of the first frame, or 0 at the deadline. */
static gint64
wait_first_frame (Watcher *watcher,
                  gint64   deadline)
{
  g_autoptr(GHashTable) mapped = g_hash_table_new (NULL, NULL);
  struct pollfd fd = { .fd = ConnectionNumber (watcher->display), .events = POLLIN };

  while (g_get_monotonic_time () < deadline)
    {
      while (XPending (watcher->display))
        if (handle_event (watcher, mapped))
          return g_get_monotonic_time ();
      poll (&fd, 1, (int) MAX (1, (deadline - g_get_monotonic_time ()) / 1000));
    }
  return 0;
}

static double
process_rss_mib (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL) || (line = strstr (status, "VmRSS:")) == NULL)
    return 0;
  return g_ascii_strtoull (line + 6, NULL, 10) * 1024 / MIB;
}

/* Starts a program, waits for its first frame and reads its memory into round i of its
 * samples; FALSE if it never drew. */
static gboolean
launch (Watcher *watcher,
        Samples *program,
        guint    i)
{
  const char *name = program->argv[0];
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, frame;

  discard_events (watcher);
  start = g_get_monotonic_time ();
  process = g_subprocess_newv (program->argv, G_SUBPROCESS_FLAGS_NONE, &error);
  if (process == NULL)
    {
      printf ("P6 %s: cannot start: %s\n", name, error->message);
      return FALSE;
    }
  frame = wait_first_frame (watcher, start + FIRST_FRAME_US);
  if (frame != 0)
    {
      g_usleep (SETTLE_US);
      program->ms[i] = (frame - start) / 1000.0;
      program->mib[i] = process_rss_mib (g_subprocess_get_identifier (process));
    }
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  if (frame == 0)
    printf ("P6 %s: no frame within %d s\n", name, (int) (FIRST_FRAME_US / G_USEC_PER_SEC));
  return frame != 0;
}

int
main (int   argc,
      char *argv[])
{
  Watcher watcher;
  Samples app = { { NULL } }, bare = { { NULL } }, boxed = { { NULL } };
  double app_ms, bare_ms, boxed_ms, app_mib, bare_mib;

  setvbuf (stdout, NULL, _IOLBF, 0);
  if (argc != 3)
    {
      g_printerr ("usage: %s SOCKET_LAB BARE_WINDOW\n", argv[0]);
      return 2;
    }
  app.argv[0] = argv[1];
  bare.argv[0] = boxed.argv[0] = argv[2];
  boxed.argv[1] = "--boxed-list";
  if (!watcher_open (&watcher))
    {
      printf ("P6 skipped: no X display with the DAMAGE extension (run under xvfb-run)\n");
      return 77;
    }

  /* Alternate them so that all see the same state of the machine and its caches. */
  for (guint i = 0; i < ROUNDS; i++)
    if (!launch (&watcher, &bare, i) || !launch (&watcher, &boxed, i) || !launch (&watcher, &app, i))
      return 1;

  app_ms = sl_test_median (app.ms, ROUNDS);
  bare_ms = sl_test_median (bare.ms, ROUNDS);
  boxed_ms = sl_test_median (boxed.ms, ROUNDS);
  app_mib = sl_test_median (app.mib, ROUNDS);
  bare_mib = sl_test_median (bare.mib, ROUNDS);
  printf ("P6 startup to first frame: Socket Lab %.0f ms vs bare libadwaita window %.0f ms: "
          "ratio %.2f (goal <= %.1f)%s\n", app_ms, bare_ms, app_ms / bare_ms, P6_TIME_GOAL,
          app_ms / bare_ms <= P6_TIME_GOAL ? "" : "  MISSED");
  printf ("P6 RSS after the first frame: Socket Lab %.1f MiB vs bare libadwaita window %.1f MiB: "
          "ratio %.2f (goal <= %.1f)%s\n", app_mib, bare_mib, app_mib / bare_mib, P6_RSS_GOAL,
          app_mib / bare_mib <= P6_RSS_GOAL ? "" : "  MISSED");
  printf ("P6 context: the bare window with one boxed list %.0f ms, %.2f x the bare window; "
          "Socket Lab is %.2f x that\n", boxed_ms, boxed_ms / bare_ms, app_ms / boxed_ms);
  XCloseDisplay (watcher.display);
  return 0;
}
