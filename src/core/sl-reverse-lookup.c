/* sl-reverse-lookup.c: the name of an address (reverse DNS), asynchronously, with a timeout.
 *
 * GLib 2.74's GResolver has no timeout of its own: a timer cancels the lookup instead, and
 * the caller's cancellable does the same. The lookup itself cannot be interrupted in its
 * worker thread; cancelling only stops waiting for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-reverse-lookup.h"
#include "sl-utils.h"

typedef struct {
  GCancellable *lookup_cancellable;   /* cancelled by the caller or by the timer */
  GCancellable *caller_cancellable;
  gulong        cancelled_id;
  GSource      *timeout_source;
  guint         timeout_ms;
  gboolean      timed_out;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  if (lookup->cancelled_id != 0)
    g_cancellable_disconnect (lookup->caller_cancellable, lookup->cancelled_id);
  sl_clear_source (&lookup->timeout_source);
  g_clear_object (&lookup->caller_cancellable);
  g_clear_object (&lookup->lookup_cancellable);
  g_free (lookup);
}

/* May run in another thread; cancelling is thread-safe. */
static void
caller_cancelled (GCancellable *cancellable,
                  GCancellable *lookup_cancellable)
{
  g_cancellable_cancel (lookup_cancellable);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  Lookup *lookup = user_data;

  lookup->timed_out = TRUE;
  g_clear_pointer (&lookup->timeout_source, g_source_unref);
  g_cancellable_cancel (lookup->lookup_cancellable);
  return G_SOURCE_REMOVE;
}

static void
lookup_by_address_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *name;

  name = g_resolver_lookup_by_address_finish (G_RESOLVER (source), result, &error);
  if (name != NULL)
    g_task_return_pointer (task, name, g_free);
  else if (lookup->timed_out)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                             _("The name server gave no name for the address within %.1f s"),
                             lookup->timeout_ms / 1000.0);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
sl_reverse_lookup_async (GInetAddress        *address,
                         guint                timeout_ms,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GResolver) resolver = NULL;
  g_autoptr(GTask) task = NULL;
  Lookup *lookup;

  g_return_if_fail (G_IS_INET_ADDRESS (address));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_reverse_lookup_async);
  lookup = g_new0 (Lookup, 1);
  lookup->timeout_ms = timeout_ms > 0 ? timeout_ms : SL_REVERSE_LOOKUP_DEFAULT_TIMEOUT_MS;
  lookup->lookup_cancellable = g_cancellable_new ();
  g_task_set_task_data (task, lookup, (GDestroyNotify) lookup_free);

  if (cancellable != NULL)
    {
      lookup->caller_cancellable = g_object_ref (cancellable);
      lookup->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled),
                                                    lookup->lookup_cancellable, NULL);
    }
  lookup->timeout_source = g_timeout_source_new (lookup->timeout_ms);
  g_source_set_callback (lookup->timeout_source, timed_out_cb, lookup, NULL);
  g_source_set_static_name (lookup->timeout_source, "[socketlab] reverse lookup timeout");
  g_source_attach (lookup->timeout_source, g_task_get_context (task));

  resolver = g_resolver_get_default ();
  g_resolver_lookup_by_address_async (resolver, address, lookup->lookup_cancellable,
                                      lookup_by_address_cb, g_steal_pointer (&task));
}

char *
sl_reverse_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sl_reverse_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
