/* sl-export-writer.c: save an export without blocking, atomically: all of it or nothing.
 *
 * Not g_file_replace_async (): when the target does not exist yet, GLib creates it directly
 * under its final name, so a full disk would leave half a file there. Here the data always
 * goes to a temporary file in the same folder (a rename never crosses file systems) that
 * becomes the target in one rename(2), after an fsync when it replaces an older file (as
 * g_file_set_contents () does), so a crash leaves the old file or the new one.
 *
 * Data nothing changes any more (bytes, log entries) is formatted and written in one worker
 * thread, from the temporary file's creation to its rename: the main loop only starts the
 * export and hears the result, and the export is not slowed down by the frames drawn
 * meanwhile. Rows that may still change (a probe's reply, a socket call's repeat count) are
 * read on the main context only: there the parts are double-buffered, the main loop making
 * one between frames while a worker thread writes the one before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <gio/gfiledescriptorbased.h>
#include <glib/gi18n-lib.h>
#include <fcntl.h>
#include <unistd.h>

#include "sl-export-writer.h"

#define MAX_NAME_TRIES 16
/* A part grows until it is this big or took this long to make: each part costs a round trip
 * to the writing thread, and the main loop must get back to drawing within a frame. */
#define PART_BYTES     (1024 * 1024)
#define PART_BUDGET_US 4000

typedef struct {
  GFile               *target;
  GFile               *temp;
  GFileOutputStream   *stream;
  guint                tries;

  GBytes              *contents;     /* the bytes mode: written as one part */
  SlExportProduceFunc  produce;
  gpointer             produce_data;
  GDestroyNotify       produce_data_free;
  gboolean             more;
  GString             *writing;      /* the part in flight */
  GString             *next;         /* the part produced meanwhile */

  GError              *error;        /* the failure being cleaned up after */

  /* Touched by the writing thread only, one part at a time. */
  int                  replaces;     /* -1 unknown yet, else whether the target existed */
  goffset              offset;
} Job;

/* As soon as no part is wanted any more. Rows that may still change belong to the main
 * context: released there, never by whichever thread drops the task last. Frozen data may
 * go in any thread: the producing thread releases it while the last part is written. */
static void
release_producer (Job *job)
{
  GDestroyNotify free_func = g_steal_pointer (&job->produce_data_free);

  job->more = FALSE;
  if (free_func != NULL)
    free_func (g_steal_pointer (&job->produce_data));
}

static void
job_free (Job *job)
{
  g_clear_object (&job->target);
  g_clear_object (&job->temp);
  g_clear_object (&job->stream);
  g_clear_pointer (&job->contents, g_bytes_unref);
  release_producer (job);
  if (job->writing != NULL)
    g_string_free (job->writing, TRUE);
  if (job->next != NULL)
    g_string_free (job->next, TRUE);
  g_clear_error (&job->error);
  g_free (job);
}

/* ---- messages a student understands -------------------------------------------------- */

/* Runs in the cleanup thread: it may look at the folder. */
static GError *
explain_error (GFile        *target,
               const GError *error)
{
  g_autofree char *name = g_file_get_basename (target);
  g_autoptr(GFile) parent = g_file_get_parent (target);
  g_autofree char *folder = parent != NULL ? g_file_get_parse_name (parent) : g_strdup ("/");
  int code = error->domain == G_IO_ERROR ? error->code : G_IO_ERROR_FAILED;
  g_autofree char *message = NULL;

  switch (code)
    {
    case G_IO_ERROR_CANCELLED:
      message = g_strdup_printf (_("Saving “%s” was cancelled; no file was written."), name);
      break;
    case G_IO_ERROR_NOT_FOUND:
      if (parent != NULL && g_file_query_file_type (parent, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        message = g_strdup_printf (_("Could not save “%s”: the folder “%s” does not accept new files. "
                                     "Choose another folder."), name, folder);
      else
        message = g_strdup_printf (_("Could not save “%s”: the folder “%s” does not exist."), name, folder);
      break;
    case G_IO_ERROR_NOT_DIRECTORY:
      message = g_strdup_printf (_("Could not save “%s”: “%s” is not a folder."), name, folder);
      break;
    case G_IO_ERROR_PERMISSION_DENIED:
      message = g_strdup_printf (_("Could not save “%s”: you are not allowed to write in the folder “%s”. "
                                   "Choose another folder, such as your Documents folder."), name, folder);
      break;
    case G_IO_ERROR_READ_ONLY:
      message = g_strdup_printf (_("Could not save “%s”: the folder “%s” is on a read-only disk. "
                                   "Choose another folder."), name, folder);
      break;
    case G_IO_ERROR_NO_SPACE:
      message = g_strdup_printf (_("Could not save “%s”: the disk is full. Free some space or choose "
                                   "another disk; nothing was changed."), name);
      break;
    case G_IO_ERROR_IS_DIRECTORY:
      message = g_strdup_printf (_("Could not save “%s”: a folder already has that name. "
                                   "Choose another name."), name);
      break;
    case G_IO_ERROR_FILENAME_TOO_LONG:
    case G_IO_ERROR_INVALID_FILENAME:
      message = g_strdup_printf (_("Could not save “%s”: the name is too long or not allowed here. "
                                   "Choose a shorter name."), name);
      break;
    default:
      message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
      break;
    }
  return g_error_new_literal (G_IO_ERROR, code, message);
}

/* ---- the steps of every export ------------------------------------------------------- */

/* Hidden, and named after the target, so a leftover (power cut) explains itself. */
static GFile *
next_temp_file (Job *job)
{
  static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  g_autoptr(GFile) parent = g_file_get_parent (job->target);
  g_autofree char *name = g_file_get_basename (job->target);
  g_autofree char *temp_name = NULL;
  char suffix[7];

  for (guint i = 0; i < 6; i++)
    suffix[i] = letters[g_random_int_range (0, sizeof letters - 1)];
  suffix[6] = '\0';
  temp_name = g_strdup_printf (".%s.%s", name, suffix);
  job->tries++;
  return g_file_get_child (parent, temp_name);
}

/* Whether the export replaces an older file, asked once (in a worker thread). */
static gboolean
replaces_older_file (Job *job)
{
  if (job->replaces < 0)
    job->replaces = g_file_query_exists (job->target, NULL);
  return job->replaces;
}

/* In a worker thread. When an older file will be replaced (and so the new one fsync()ed
 * before the rename), each part is handed to the disk as soon as it is written, so the
 * final fsync () has little left to wait for. */
static gboolean
write_chunk (Job           *job,
             const void    *data,
             gsize          len,
             GCancellable  *cancellable,
             GError       **error)
{
  GOutputStream *stream = G_OUTPUT_STREAM (job->stream);

  if (!g_output_stream_write_all (stream, data, len, NULL, cancellable, error))
    return FALSE;
#ifdef SYNC_FILE_RANGE_WRITE
  if (replaces_older_file (job) && G_IS_FILE_DESCRIPTOR_BASED (stream))
    sync_file_range (g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (stream)), job->offset, len,
                     SYNC_FILE_RANGE_WRITE);
#endif
  job->offset += len;
  return TRUE;
}

/* In a worker thread, once everything is written. */
static gboolean
commit (Job     *job,
        GError **error)
{
  GOutputStream *stream = G_OUTPUT_STREAM (job->stream);

  /* As g_file_set_contents (): make the data durable before it replaces an older file, or a
   * crash could leave an empty file where the old one was. A new file needs no fsync. */
  if (G_IS_FILE_DESCRIPTOR_BASED (stream) && replaces_older_file (job) &&
      fsync (g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (stream))) != 0)
    {
      int errsv = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (errsv), g_strerror (errsv));
      return FALSE;
    }
  if (!g_output_stream_close (stream, NULL, error))
    return FALSE;
  /* A rename in the same folder: never a copy that could be cut halfway. */
  return g_file_move (job->temp, job->target, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                      NULL, NULL, NULL, error);
}

/* In a worker thread, after a failure: nothing of the new file stays. Not the task's
 * cancellable: cleaning up must happen even after a cancel. */
static void
clean_up (Job *job)
{
  if (job->stream != NULL)
    g_output_stream_close (G_OUTPUT_STREAM (job->stream), NULL, NULL);
  if (job->temp != NULL)
    g_file_delete (job->temp, NULL, NULL);
}

/* Ends @task (in a worker thread) with @error, if any, explained. Takes @error. */
static void
return_result (GTask  *task,
               GError *error)
{
  Job *job = g_task_get_task_data (task);

  if (error == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  clean_up (job);
  g_task_return_error (task, explain_error (job->target, error));
  g_error_free (error);
}

/* Runs @func in a worker thread on @task's job, which it borrows; @done comes back on the
 * main context with @task as its data. Cancellation is the steps' own to report (their
 * cleanup must run): the step's task does not check it. */
static void
run_step_in_thread (GTask               *task,
                    GTaskThreadFunc      func,
                    GAsyncReadyCallback  done,
                    const char          *name)
{
  GTask *step = g_task_new (NULL, g_task_get_cancellable (task), done, task);

  g_task_set_source_tag (step, func);
  g_task_set_name (step, name);
  g_task_set_check_cancellable (step, FALSE);
  g_task_set_task_data (step, g_task_get_task_data (task), NULL);
  g_task_run_in_thread (step, func);
  g_object_unref (step);
}

/* ---- data nothing changes: the whole export in one worker thread ---------------------- */

static gboolean
create_temp (Job           *job,
             GCancellable  *cancellable,
             GError       **error)
{
  for (;;)
    {
      GError *local = NULL;

      job->temp = next_temp_file (job);
      job->stream = g_file_create (job->temp, G_FILE_CREATE_NONE, cancellable, &local);
      if (job->stream != NULL)
        return TRUE;
      g_clear_object (&job->temp);   /* not ours: nothing to delete */
      if (!g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS) || job->tries >= MAX_NAME_TRIES)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      g_error_free (local);
    }
}

/* Parts on their way from the thread making them to the thread writing them. */
typedef struct {
  Job          *job;
  GCancellable *cancellable;
  GAsyncQueue  *made;      /* GString parts to write, in order, then the Pipe itself: the end */
  GAsyncQueue  *empty;     /* GString parts written, to be filled again */
  GError       *error;     /* the writer's; read once it has been joined */
  gint          failed;    /* atomic: the writer stopped writing */
  gboolean      complete;  /* set before the end is pushed: every part was made */
} Pipe;

static gpointer
write_parts_thread (gpointer data)
{
  Pipe *pipe = data;
  gpointer item;

  while ((item = g_async_queue_pop (pipe->made)) != pipe)
    {
      GString *part = item;

      if (pipe->error == NULL &&
          !write_chunk (pipe->job, part->str, part->len, pipe->cancellable, &pipe->error))
        g_atomic_int_set (&pipe->failed, TRUE);
      g_string_truncate (part, 0);
      g_async_queue_push (pipe->empty, part);
    }
  /* All of it made and written: the file takes its place (meanwhile the other thread frees
   * what it was made from). */
  if (pipe->error == NULL && pipe->complete)
    commit (pipe->job, &pipe->error);
  return NULL;
}

/* Makes the parts in this thread while a second one writes the part before and then puts
 * the file in place: the export takes about as long as making it, not making plus writing. */
static gboolean
write_and_commit (Job           *job,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Pipe pipe = { job, cancellable, NULL, NULL, NULL, FALSE, FALSE };
  GError *cancelled = NULL;
  GThread *writer;

  if (job->contents != NULL)
    return write_chunk (job, g_bytes_get_data (job->contents, NULL), g_bytes_get_size (job->contents),
                        cancellable, error)
        && commit (job, error);

  pipe.made = g_async_queue_new ();
  pipe.empty = g_async_queue_new ();
  g_async_queue_push (pipe.empty, job->writing);
  g_async_queue_push (pipe.empty, job->next);
  writer = g_thread_new ("sl-export-write", write_parts_thread, &pipe);
  while (job->more && !g_atomic_int_get (&pipe.failed) &&
         !g_cancellable_set_error_if_cancelled (cancellable, &cancelled))
    {
      GString *part = g_async_queue_pop (pipe.empty);

      while (job->more && part->len < PART_BYTES)
        job->more = job->produce (part, job->produce_data);
      g_async_queue_push (pipe.made, part);
    }
  pipe.complete = !job->more && cancelled == NULL;
  g_async_queue_push (pipe.made, &pipe);
  /* Data nothing changes any more may be freed in any thread: here, while the last part is
   * written, not on the main context after the export. */
  release_producer (job);
  g_thread_join (writer);
  /* Both parts are back in pipe.empty; they stay job->writing's and job->next's. */
  g_async_queue_unref (pipe.made);
  g_async_queue_unref (pipe.empty);
  if (pipe.error != NULL)
    {
      g_clear_error (&cancelled);
      g_propagate_error (error, pipe.error);
      return FALSE;
    }
  if (cancelled != NULL)
    {
      g_propagate_error (error, cancelled);
      return FALSE;
    }
  return TRUE;
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (create_temp (job, cancellable, &error))
    write_and_commit (job, cancellable, &error);
  return_result (task, error);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  release_producer (g_task_get_task_data (task));
  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

/* What the producing thread did not release yet (it failed before the end) is released
 * back on the main context, by exported_cb (). */
static void
export_in_thread (GTask *task)
{
  run_step_in_thread (task, export_thread, exported_cb, "[socketlab] export in a thread");
}

/* ---- rows that may still change: parts made on the main context ----------------------- */

static void
fail_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;

  return_result (task, g_steal_pointer (&job->error));
}

static void
fail (GTask  *task,
      GError *error)
{
  Job *job = g_task_get_task_data (task);

  release_producer (job);
  job->error = error;
  g_task_run_in_thread (task, fail_thread);
  g_object_unref (task);
}

static void
commit_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  commit (task_data, &error);
  return_result (task, error);
}

static void write_next (GTask *task);
static gboolean write_next_cb (gpointer user_data);

static void
write_part_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (write_chunk (job, job->writing->str, job->writing->len, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      fail (task, error);
      return;
    }
  g_string_truncate (job->writing, 0);
  /* Below the redraw priority: a part that takes long to make must not starve the frames
   * of the window (written_cb comes back as soon as the disk took the part). */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, write_next_cb, task, NULL);
}

/* Writes job->writing in a worker thread; the main loop goes on. */
static void
write_part (GTask *task)
{
  run_step_in_thread (task, write_part_thread, written_cb, "[socketlab] export part");
}

static gboolean
produce (Job     *job,
         GString *out)
{
  gint64 deadline = g_get_monotonic_time () + PART_BUDGET_US;

  while (job->more && out->len < PART_BYTES && g_get_monotonic_time () < deadline)
    job->more = job->produce (out, job->produce_data);
  if (!job->more)
    release_producer (job);
  return out->len > 0;
}

static gboolean
write_next_cb (gpointer user_data)
{
  write_next (user_data);
  return G_SOURCE_REMOVE;
}

static void
write_next (GTask *task)
{
  Job *job = g_task_get_task_data (task);
  GString *swap;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled"));
      return;
    }

  if (job->next->len == 0)
    produce (job, job->next);
  if (job->next->len == 0 && job->more)
    {
      /* Nothing this time, more later: ask again from an idle, never in a loop here. */
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, write_next_cb, task, NULL);
      return;
    }
  if (job->next->len == 0)
    {
      g_task_run_in_thread (task, commit_thread);
      g_object_unref (task);
      return;
    }
  swap = job->writing;
  job->writing = job->next;
  job->next = swap;
  write_part (task);
  /* The worker thread writes; meanwhile the next part is made. */
  produce (job, job->next);
}

/* The temporary file, made in a worker thread as for the exports made there. */
static void
create_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (create_temp (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      fail (task, error);
      return;
    }
  write_next (task);
}

static void
start (GFile                  *file,
       GBytes                 *contents,
       SlExportProduceFunc     produce_func,
       gpointer                produce_data,
       GDestroyNotify          produce_data_free,
       SlExportProduceContext  context,
       GCancellable           *cancellable,
       GAsyncReadyCallback     callback,
       gpointer                user_data,
       gpointer                source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);
  g_autoptr(GFile) parent = g_file_get_parent (file);

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, "[socketlab] export");
  /* The task's own cancellation check would skip the cleanup: fail () reports it instead. */
  g_task_set_check_cancellable (task, FALSE);
  job->target = g_object_ref (file);
  job->contents = contents != NULL ? g_bytes_ref (contents) : NULL;
  job->produce = produce_func;
  job->produce_data = produce_data;
  job->produce_data_free = produce_data_free;
  job->more = produce_func != NULL;
  job->replaces = -1;
  job->writing = g_string_new (NULL);
  job->next = g_string_new (NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  if (parent == NULL)
    fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "the root folder"));
  else if (contents != NULL || context == SL_EXPORT_PRODUCE_IN_THREAD)
    export_in_thread (task);
  else
    run_step_in_thread (task, create_thread, created_cb, "[socketlab] export file");
}

void
sl_export_write_bytes_async (GFile               *file,
                             GBytes              *contents,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (contents != NULL);

  start (file, contents, NULL, NULL, NULL, SL_EXPORT_PRODUCE_IN_THREAD, cancellable, callback, user_data,
         sl_export_write_bytes_async);
}

void
sl_export_write_async (GFile                  *file,
                       SlExportProduceFunc     produce,
                       gpointer                produce_data,
                       GDestroyNotify          produce_data_free,
                       SlExportProduceContext  context,
                       GCancellable           *cancellable,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (produce != NULL);

  start (file, NULL, produce, produce_data, produce_data_free, context, cancellable, callback, user_data,
         sl_export_write_async);
}

void
sl_export_write_csv_async (GFile               *file,
                           SlCsvExport         *export,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (export != NULL);

  start (file, NULL, sl_csv_export_produce, export, (GDestroyNotify) sl_csv_export_free,
         sl_csv_export_is_frozen (export) ? SL_EXPORT_PRODUCE_IN_THREAD : SL_EXPORT_PRODUCE_ON_MAIN,
         cancellable, callback, user_data, sl_export_write_csv_async);
}

void
sl_export_write_text_async (GFile               *file,
                            SlTextExport        *export,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (export != NULL);

  start (file, NULL, sl_text_export_produce, export, (GDestroyNotify) sl_text_export_free,
         sl_text_export_is_frozen (export) ? SL_EXPORT_PRODUCE_IN_THREAD : SL_EXPORT_PRODUCE_ON_MAIN,
         cancellable, callback, user_data, sl_export_write_text_async);
}

gboolean
sl_export_write_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- names ----------------------------------------------------------------------------- */

char *
sl_export_default_filename (const char *view,
                            const char *extension,
                            GDateTime  *time)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  GString *name;
  gboolean dash = TRUE;

  g_return_val_if_fail (view != NULL, NULL);
  g_return_val_if_fail (extension != NULL, NULL);

  if (time == NULL)
    time = now = g_date_time_new_now_local ();
  name = g_string_new ("socket-lab-");
  /* Only ASCII letters and digits, words joined by one dash: safe on every file system. */
  for (const char *p = view; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          g_string_append_c (name, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else if (!dash)
        {
          g_string_append_c (name, '-');
          dash = TRUE;
        }
    }
  if (!dash)
    g_string_append_c (name, '-');
  stamp = g_date_time_format (time, "%Y-%m-%d-%H%M");
  g_string_append (name, stamp);
  if (*extension == '.')
    extension++;
  if (*extension != '\0')
    g_string_append_printf (name, ".%s", extension);
  return g_string_free (name, FALSE);
}
