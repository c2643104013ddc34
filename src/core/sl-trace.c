/* sl-trace.c: a bounded GListModel of socket calls really performed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-errno.h"
#include "sl-trace.h"

struct _SlTraceEvent
{
  GObject  parent_instance;

  char    *call;
  char    *args;
  gint64   result;
  int      errsv;
  gint64   time_us;
};

struct _SlTrace
{
  SlRing parent_instance;
};

G_DEFINE_FINAL_TYPE (SlTraceEvent, sl_trace_event, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (SlTrace, sl_trace, SL_TYPE_RING)

static void
sl_trace_event_finalize (GObject *object)
{
  SlTraceEvent *self = SL_TRACE_EVENT (object);

  g_free (self->call);
  g_free (self->args);

  G_OBJECT_CLASS (sl_trace_event_parent_class)->finalize (object);
}

static void
sl_trace_event_class_init (SlTraceEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_trace_event_finalize;
}

static void
sl_trace_event_init (SlTraceEvent *self)
{
}

const char *
sl_trace_event_get_call (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), NULL);
  return self->call;
}

const char *
sl_trace_event_get_args (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), NULL);
  return self->args;
}

gint64
sl_trace_event_get_result (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), 0);
  return self->result;
}

int
sl_trace_event_get_errno (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), 0);
  return self->errsv;
}

gint64
sl_trace_event_get_time_us (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), 0);
  return self->time_us;
}

/* strace style: "connect(7, 127.0.0.1:5000) = -1 ECONNREFUSED (Connection refused…)" */
char *
sl_trace_event_format (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), NULL);

  if (self->errsv != 0)
    {
      const char *name = sl_errno_name (self->errsv);

      return g_strdup_printf ("%s(%s) = %" G_GINT64_FORMAT " %s (%s)",
                              self->call, self->args, self->result,
                              name != NULL ? name : "E?", sl_errno_explain (self->errsv));
    }
  return g_strdup_printf ("%s(%s) = %" G_GINT64_FORMAT, self->call, self->args, self->result);
}

SlTrace *
sl_trace_new (guint max_events)
{
  return g_object_new (SL_TYPE_TRACE,
                       "item-type", SL_TYPE_TRACE_EVENT,
                       "max-items", max_events > 0 ? max_events : SL_TRACE_DEFAULT_MAX_EVENTS,
                       NULL);
}

void
sl_trace_record (SlTrace    *self,
                 const char *call,
                 const char *args,
                 gint64      result,
                 int         errsv)
{
  g_autoptr(SlTraceEvent) event = NULL;

  g_return_if_fail (SL_IS_TRACE (self));
  g_return_if_fail (call != NULL);

  event = g_object_new (SL_TYPE_TRACE_EVENT, NULL);
  event->call = g_strdup (call);
  event->args = g_strdup (args != NULL ? args : "");
  event->result = result;
  event->errsv = errsv;
  event->time_us = g_get_monotonic_time ();
  sl_ring_append (SL_RING (self), event);
}

/* A failed call returns -1 with the errno GIO turned into this error. */
void
sl_trace_record_error (SlTrace      *self,
                       const char   *call,
                       const char   *args,
                       const GError *error)
{
  sl_trace_record (self, call, args, -1, sl_errno_from_error (error));
}

void
sl_trace_recordf (SlTrace    *self,
                  const char *call,
                  gint64      result,
                  int         errsv,
                  const char *format,
                  ...)
{
  g_autofree char *args = NULL;
  va_list ap;

  if (self == NULL)
    return;
  va_start (ap, format);
  args = g_strdup_vprintf (format, ap);
  va_end (ap);
  sl_trace_record (self, call, args, result, result < 0 ? errsv : 0);
}

void
sl_trace_clear (SlTrace *self)
{
  sl_ring_clear (SL_RING (self));
}

guint64
sl_trace_get_dropped (SlTrace *self)
{
  return sl_ring_get_dropped (SL_RING (self));
}

/* One event a line, times relative to the first event, for reports. */
char *
sl_trace_to_text (SlTrace *self)
{
  GListModel *model = G_LIST_MODEL (self);
  GString *text = g_string_new (NULL);
  guint n = g_list_model_get_n_items (model);
  gint64 start = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlTraceEvent) event = g_list_model_get_item (model, i);
      g_autofree char *line = sl_trace_event_format (event);

      if (i == 0)
        start = event->time_us;
      g_string_append_printf (text, "%10.6f  %s\n",
                              (event->time_us - start) / (double) G_USEC_PER_SEC, line);
    }
  return g_string_free (text, FALSE);
}

static void
sl_trace_class_init (SlTraceClass *klass)
{
}

static void
sl_trace_init (SlTrace *self)
{
}
