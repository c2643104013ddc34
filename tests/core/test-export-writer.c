/* test-export-writer.c: exports are written whole or not at all: the target appears (or is
 * replaced) only complete, a failure leaves no temporary file and says what went wrong in
 * words a student understands.
 *
 * As root, main () enters a mount namespace of its own and mounts two small tmpfs there: a
 * 1 MiB one to fill up (permissions would not stop root, a full disk does) and a read-only
 * one. Outside that, those two cases skip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "sl-export-writer.h"
#include "sl-test-spawn.h"
#include "sl-test-util.h"

static char *full_dir;       /* a 1 MiB tmpfs, or NULL */
static char *read_only_dir;  /* a read-only tmpfs, or NULL */

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = sl_test_make_temp_dir ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  sl_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
write_bytes (const char  *path,
             GBytes      *contents,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) done = NULL;

  sl_export_write_bytes_async (file, contents, NULL, sl_test_store_result, &result);
  done = sl_test_wait_result (&result);
  return sl_export_write_finish (done, error);
}

static void
assert_contents (const char *path,
                 GBytes     *expected)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static void
assert_only (const char *dir,
             const char *names)
{
  g_autofree char *listing = sl_test_list_dir (dir);

  g_assert_cmpstr (listing, ==, names);
}

static void
test_new_file (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "log.csv", NULL);
  g_autoptr(GBytes) contents = g_bytes_new_static ("a,b\r\n1,\"x\0y\"\r\n", 15);
  g_autoptr(GError) error = NULL;

  g_assert_true (write_bytes (path, contents, &error));
  g_assert_no_error (error);
  assert_contents (path, contents);
  assert_only (fixture->dir, "log.csv");
}

static void
test_replace (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "log.csv", NULL);
  g_autoptr(GBytes) contents = g_bytes_new_static ("new", 3);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "older and longer", -1, NULL));
  g_assert_true (write_bytes (path, contents, &error));
  g_assert_no_error (error);
  assert_contents (path, contents);
  assert_only (fixture->dir, "log.csv");
}

/* A producer gives the file part by part; the result is the same as all at once, and the
 * main loop goes on meanwhile (an idle runs between parts). It is called where its context
 * says: on the main thread, or in a worker thread. In a worker thread it waits for the main
 * loop to have ticked before it makes its second part: an export holding the main loop
 * would hang there (the test times out) instead of passing or failing by the clock. */
typedef struct {
  SlExportProduceContext  context;
  guint                   parts;
  guint                   made;
  gboolean                await_tick;   /* an idle counts ticks */
  guint                   ticks;        /* atomic */
  GMutex                  lock;
  GCond                   ticked;
  GCancellable           *cancel_after_first;
  GThread                *called_in;
} Producer;

static void
wait_for_a_tick (Producer *producer)
{
  g_mutex_lock (&producer->lock);
  while (g_atomic_int_get (&producer->ticks) == 0)
    g_cond_wait (&producer->ticked, &producer->lock);
  g_mutex_unlock (&producer->lock);
}

static gboolean
produce_cb (GString  *out,
            gpointer  user_data)
{
  Producer *producer = user_data;

  g_string_append_printf (out, "part %u of %u\r\n", producer->made, producer->parts);
  g_string_append_len (out, "\0\xff", 2);
  producer->made++;
  producer->called_in = g_thread_self ();
  if (producer->made == 1 && producer->await_tick && producer->context == SL_EXPORT_PRODUCE_IN_THREAD)
    wait_for_a_tick (producer);
  if (producer->cancel_after_first != NULL)
    g_cancellable_cancel (producer->cancel_after_first);
  return producer->made < producer->parts;
}

static gboolean
tick_cb (gpointer user_data)
{
  Producer *producer = user_data;

  g_mutex_lock (&producer->lock);
  g_atomic_int_inc (&producer->ticks);
  g_cond_signal (&producer->ticked);
  g_mutex_unlock (&producer->lock);
  return G_SOURCE_CONTINUE;
}

static gboolean
write_parts (const char    *path,
             Producer      *producer,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) done = NULL;

  sl_export_write_async (file, produce_cb, producer, NULL, producer->context, cancellable, sl_test_store_result,
                         &result);
  done = sl_test_wait_result (&result);
  if (producer->context == SL_EXPORT_PRODUCE_IN_THREAD)
    g_assert_true (producer->called_in != g_thread_self ());
  else
    g_assert_true (producer->called_in == g_thread_self ());
  return sl_export_write_finish (done, error);
}

static void
test_parts (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "parts.csv", NULL);
  Producer producer = { .context = GPOINTER_TO_INT (data), .parts = 500, .await_tick = TRUE };
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint tick;

  g_mutex_init (&producer.lock);
  g_cond_init (&producer.ticked);
  tick = g_idle_add (tick_cb, &producer);
  for (guint i = 0; i < producer.parts; i++)
    {
      g_string_append_printf (expected, "part %u of %u\r\n", i, producer.parts);
      g_string_append_len (expected, "\0\xff", 2);
    }
  g_assert_true (write_parts (path, &producer, NULL, &error));
  g_source_remove (tick);
  g_assert_no_error (error);
  bytes = g_bytes_new (expected->str, expected->len);
  assert_contents (path, bytes);
  assert_only (fixture->dir, "parts.csv");
  g_assert_cmpuint (g_atomic_int_get (&producer.ticks), >, 0);
  g_cond_clear (&producer.ticked);
  g_mutex_clear (&producer.lock);
}

/* A log's CSV export is its CSV, byte for byte. With data TRUE the log goes on while the
 * export is written in a worker thread: full, it drops every entry the export holds and is
 * then cleared. The file is still the log as it was when the export began, and nothing the
 * export read was freed under it (that shows as a critical, or under AddressSanitizer). */
static void
test_csv_export (Fixture       *fixture,
                 gconstpointer  data)
{
  gboolean log_moves_on = GPOINTER_TO_INT (data);
  g_autofree char *path = g_build_filename (fixture->dir, "log.csv", NULL);
  g_autoptr(SlLog) log = sl_log_new (log_moves_on ? 10000 : 0);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) expected = NULL;
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new ("GET / HTTP/1.0\r\n\0\xfe", 18);
      sl_log_append_data (log, SL_LOG_KIND_SENT, "127.0.0.1:80", bytes);
    }
  expected = sl_csv_log_to_bytes (log);
  sl_export_write_csv_async (file, sl_csv_export_new_log (log), NULL, sl_test_store_result, &result);
  if (log_moves_on)
    {
      for (guint i = 0; i < 12000; i++)
        sl_log_append_message (log, SL_LOG_KIND_INFO, NULL, "after");
      sl_log_clear (log);
    }
  done = sl_test_wait_result (&result);
  g_assert_true (sl_export_write_finish (done, &error));
  g_assert_no_error (error);
  assert_contents (path, expected);
  g_assert_finalize_object (g_steal_pointer (&log));
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "cancelled.csv", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Producer producer = { .context = GPOINTER_TO_INT (data), .parts = 100, .cancel_after_first = cancellable };
  g_autoptr(GError) error = NULL;

  g_assert_false (write_parts (path, &producer, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "Saving “cancelled.csv” was cancelled; no file was written.");
  assert_only (fixture->dir, "");
}

/* Where nothing can be created: the plain message and the code, no leftover. */
static void
assert_fails (const char *path,
              int         code,
              const char *message)
{
  g_autoptr(GBytes) contents = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;

  g_assert_false (write_bytes (path, contents, &error));
  g_assert_error (error, G_IO_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_cannot_create (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *plain_file = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *under_file = g_build_filename (plain_file, "log.csv", NULL);
  g_autofree char *message = g_strdup_printf ("Could not save “log.csv”: “%s” is not a folder.", plain_file);
  g_autofree char *a_folder = g_build_filename (fixture->dir, "taken", NULL);
  g_autofree char *folder_message = g_strdup ("Could not save “taken”: a folder already has that name. "
                                              "Choose another name.");

  /* /proc/self exists but takes no new files. */
  assert_fails ("/proc/self/log.csv", G_IO_ERROR_NOT_FOUND,
                "Could not save “log.csv”: the folder “/proc/self” does not accept new files. "
                "Choose another folder.");
  assert_fails ("/nonexistent-socket-lab/log.csv", G_IO_ERROR_NOT_FOUND,
                "Could not save “log.csv”: the folder “/nonexistent-socket-lab” does not exist.");
  g_assert_true (g_file_set_contents (plain_file, "notes", -1, NULL));
  assert_fails (under_file, G_IO_ERROR_NOT_DIRECTORY, message);
  /* The rename fails at the very end: the temporary file goes too. */
  g_assert_cmpint (g_mkdir (a_folder, 0700), ==, 0);
  assert_fails (a_folder, G_IO_ERROR_IS_DIRECTORY, folder_message);
  assert_only (fixture->dir, "notes.txt taken");
}

static void
test_disk_full (void)
{
  g_autofree char *path = NULL;
  Producer producer = { .parts = 3000 };  /* 3000 × ~20 bytes: fine; made bigger below */
  g_autoptr(GBytes) old = g_bytes_new_static ("the old file", 12);
  g_autoptr(GBytes) big = NULL;
  g_autoptr(GError) error = NULL;
  guint8 *filler;

  if (full_dir == NULL)
    {
      g_test_skip ("needs root to mount a small tmpfs in a mount namespace of its own");
      return;
    }
  path = g_build_filename (full_dir, "ping.csv", NULL);
  g_assert_true (g_file_set_contents (path, "the old file", -1, NULL));

  /* All at once: 2 MiB into 1 MiB. */
  filler = g_malloc (2 * 1024 * 1024);
  memset (filler, 'x', 2 * 1024 * 1024);
  big = g_bytes_new_take (filler, 2 * 1024 * 1024);
  g_assert_false (write_bytes (path, big, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpstr (error->message, ==, "Could not save “ping.csv”: the disk is full. Free some space or "
                                       "choose another disk; nothing was changed.");
  assert_contents (path, old);
  assert_only (full_dir, "ping.csv");
  g_clear_error (&error);

  /* Part by part, running out in the middle, with the parts made on the main thread or in
   * the writing thread. */
  for (SlExportProduceContext context = SL_EXPORT_PRODUCE_ON_MAIN; context <= SL_EXPORT_PRODUCE_IN_THREAD; context++)
    {
      producer = (Producer) { .context = context, .parts = 200000 };
      g_assert_false (write_parts (path, &producer, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_clear_error (&error);
      assert_contents (path, old);
      assert_only (full_dir, "ping.csv");
    }
}

static void
test_read_only (void)
{
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  if (read_only_dir == NULL)
    {
      g_test_skip ("needs root to mount a read-only tmpfs in a mount namespace of its own");
      return;
    }
  path = g_build_filename (read_only_dir, "report.html", NULL);
  message = g_strdup_printf ("Could not save “report.html”: the folder “%s” is on a read-only disk. "
                             "Choose another folder.", read_only_dir);
  assert_fails (path, G_IO_ERROR_READ_ONLY, message);
  assert_only (read_only_dir, "");
}

static void
test_default_filename (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = g_date_time_new (utc, 2026, 12, 1, 15, 30, 59.9);
  g_autofree char *ping = sl_export_default_filename ("ping", "csv", time);
  g_autofree char *calls = sl_export_default_filename ("Socket calls", ".txt", time);
  g_autofree char *odd = sl_export_default_filename ("  Server / log: ", "md", time);
  g_autofree char *empty = sl_export_default_filename ("", "", time);
  g_autofree char *now = sl_export_default_filename ("report", "html", NULL);

  g_assert_cmpstr (ping, ==, "socket-lab-ping-2026-12-01-1530.csv");
  g_assert_cmpstr (calls, ==, "socket-lab-socket-calls-2026-12-01-1530.txt");
  g_assert_cmpstr (odd, ==, "socket-lab-server-log-2026-12-01-1530.md");
  g_assert_cmpstr (empty, ==, "socket-lab-2026-12-01-1530");
  g_assert_true (g_regex_match_simple ("^socket-lab-report-\\d{4}-\\d\\d-\\d\\d-\\d{4}\\.html$", now, 0, 0));
}

/* A private mount namespace with a full-able and a read-only tmpfs; FALSE when not root. */
static gboolean
mount_small_disks (void)
{
  g_autofree char *base = NULL;

  if (geteuid () != 0 || unshare (CLONE_NEWNS) != 0)
    return FALSE;
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    return FALSE;
  base = g_dir_make_tmp ("socket-lab-disks-XXXXXX", NULL);
  if (base == NULL)
    return FALSE;
  full_dir = g_build_filename (base, "full", NULL);
  read_only_dir = g_build_filename (base, "read-only", NULL);
  g_mkdir (full_dir, 0700);
  g_mkdir (read_only_dir, 0700);
  if (mount ("socket-lab-full", full_dir, "tmpfs", 0, "size=1M") != 0 ||
      mount ("socket-lab-ro", read_only_dir, "tmpfs", MS_RDONLY, "size=64k") != 0)
    {
      g_clear_pointer (&full_dir, g_free);
      g_clear_pointer (&read_only_dir, g_free);
      return FALSE;
    }
  return TRUE;
}

static void
unmount_small_disks (void)
{
  g_autofree char *base = full_dir != NULL ? g_path_get_dirname (full_dir) : NULL;

  if (base == NULL)
    return;
  umount2 (full_dir, MNT_DETACH);
  umount2 (read_only_dir, MNT_DETACH);
  g_rmdir (full_dir);
  g_rmdir (read_only_dir);
  g_rmdir (base);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before any thread exists: a new mount namespace needs a single-threaded process. */
  mount_small_disks ();

  g_test_init (&argc, &argv, NULL);
  g_test_add ("/export-writer/new-file", Fixture, NULL, fixture_set_up, test_new_file, fixture_tear_down);
  g_test_add ("/export-writer/replace", Fixture, NULL, fixture_set_up, test_replace, fixture_tear_down);
  g_test_add ("/export-writer/parts/on-main", Fixture, GINT_TO_POINTER (SL_EXPORT_PRODUCE_ON_MAIN), fixture_set_up,
              test_parts, fixture_tear_down);
  g_test_add ("/export-writer/parts/in-thread", Fixture, GINT_TO_POINTER (SL_EXPORT_PRODUCE_IN_THREAD),
              fixture_set_up, test_parts, fixture_tear_down);
  g_test_add ("/export-writer/csv-export", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up, test_csv_export,
              fixture_tear_down);
  g_test_add ("/export-writer/csv-export-log-moves-on", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_csv_export, fixture_tear_down);
  g_test_add ("/export-writer/cancelled/on-main", Fixture, GINT_TO_POINTER (SL_EXPORT_PRODUCE_ON_MAIN),
              fixture_set_up, test_cancelled, fixture_tear_down);
  g_test_add ("/export-writer/cancelled/in-thread", Fixture, GINT_TO_POINTER (SL_EXPORT_PRODUCE_IN_THREAD),
              fixture_set_up, test_cancelled, fixture_tear_down);
  g_test_add ("/export-writer/cannot-create", Fixture, NULL, fixture_set_up, test_cannot_create,
              fixture_tear_down);
  g_test_add_func ("/export-writer/disk-full", test_disk_full);
  g_test_add_func ("/export-writer/read-only", test_read_only);
  g_test_add_func ("/export-writer/default-filename", test_default_filename);
  status = g_test_run ();
  unmount_small_disks ();
  return status;
}
