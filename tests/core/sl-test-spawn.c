/* sl-test-spawn.c: run an outside program from a test with a deadline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "sl-test-spawn.h"
#include "sl-test-util.h"

void
sl_test_run_free (SlTestRun *run)
{
  if (run == NULL)
    return;
  g_clear_pointer (&run->out, g_bytes_unref);
  g_free (run->err);
  g_free (run);
}

typedef struct {
  gboolean  done;
  GBytes   *out;
  GBytes   *err;
  GError   *error;
} Communication;

static void
communicate_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Communication *c = user_data;

  g_subprocess_communicate_finish (G_SUBPROCESS (source), result, &c->out, &c->err, &c->error);
  c->done = TRUE;
}

SlTestRun *
sl_test_run (const char * const *argv,
             GBytes             *input,
             guint               timeout_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  Communication c = { 0 };
  g_autoptr(GBytes) empty = NULL;
  SlTestRun *run;
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                     G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  /* No input is an empty stdin: the program sees end of file at once. */
  empty = g_bytes_new (NULL, 0);
  g_subprocess_communicate_async (process, input != NULL ? input : empty, NULL, communicate_cb, &c);
  while (!c.done)
    if (!sl_test_iterate_until (deadline) && !c.done)
      {
        /* Too slow: kill it; communicate still finishes with what it wrote. */
        g_subprocess_force_exit (process);
        deadline = G_MAXINT64;
      }
  g_assert_no_error (c.error);
  g_assert_true (g_subprocess_get_if_exited (process) || g_subprocess_get_if_signaled (process));

  run = g_new0 (SlTestRun, 1);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                                      : 128 + g_subprocess_get_term_sig (process);
  run->out = c.out != NULL ? c.out : g_bytes_new (NULL, 0);
  run->err = c.err != NULL ? g_strndup (g_bytes_get_data (c.err, NULL), g_bytes_get_size (c.err)) : g_strdup ("");
  g_clear_pointer (&c.err, g_bytes_unref);
  return run;
}

GSubprocess *
sl_test_spawn (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);

  g_assert_no_error (error);
  return process;
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

void
sl_test_process_stop (GSubprocess *process)
{
  gboolean done = FALSE;

  if (process == NULL)
    return;
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait_async (process, NULL, wait_cb, &done);
  SL_TEST_SPIN_UNTIL (done, SL_TEST_TIMEOUT_MS);
}

gboolean
sl_test_have_program (const char *program)
{
  g_autofree char *path = g_find_program_in_path (program);

  return path != NULL;
}

char *
sl_test_make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("socket-lab-test-XXXXXX", &error);

  g_assert_no_error (error);
  return path;
}

void
sl_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        sl_test_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

char *
sl_test_list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}
