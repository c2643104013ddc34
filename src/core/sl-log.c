/* sl-log.c: a bounded ring GListModel of log entries (messages and data), exportable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sl-log.h"
#include "sl-payload.h"
#include "sl-utils.h"

struct _SlLogEntry
{
  GObject    parent_instance;

  SlLogKind  kind;
  gint64     time_us;
  char      *peer;
  GBytes    *data;
  char      *text;  /* message, or the printable form of data made on first use (atomically) */
  guint      text_len;   /* set before text (atomically): an export line needs no strlen () */
};

struct _SlLog
{
  SlRing   parent_instance;

  guint64  dropped_data_bytes;
};

enum {
  PROP_0,
  PROP_DROPPED_DATA_BYTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SlLogEntry, sl_log_entry, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (SlLog, sl_log, SL_TYPE_RING)

static void
sl_log_entry_finalize (GObject *object)
{
  SlLogEntry *self = SL_LOG_ENTRY (object);

  g_free (self->peer);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_free (self->text);

  G_OBJECT_CLASS (sl_log_entry_parent_class)->finalize (object);
}

static void
sl_log_entry_class_init (SlLogEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_log_entry_finalize;
}

static void
sl_log_entry_init (SlLogEntry *self)
{
}

SlLogKind
sl_log_entry_get_kind (SlLogEntry *self)
{
  g_return_val_if_fail (SL_IS_LOG_ENTRY (self), SL_LOG_KIND_INFO);
  return self->kind;
}

gint64
sl_log_entry_get_time_us (SlLogEntry *self)
{
  g_return_val_if_fail (SL_IS_LOG_ENTRY (self), 0);
  return self->time_us;
}

const char *
sl_log_entry_get_peer (SlLogEntry *self)
{
  g_return_val_if_fail (SL_IS_LOG_ENTRY (self), NULL);
  return self->peer;
}

GBytes *
sl_log_entry_get_data (SlLogEntry *self)
{
  g_return_val_if_fail (SL_IS_LOG_ENTRY (self), NULL);
  return self->data;
}

/* The entry's text and its length. */
static const char *
entry_text (SlLogEntry *self,
            gsize      *len)
{
  const char *text = g_atomic_pointer_get (&self->text);

  if (text == NULL && self->data != NULL)
    {
      /* An export may read the entry in a worker thread while the view shows it: whichever
       * makes the text first keeps it (the two texts and lengths are the same). */
      char *made = sl_payload_to_printable (self->data);

      g_atomic_int_set (&self->text_len, strlen (made));
      if (!g_atomic_pointer_compare_and_exchange (&self->text, NULL, made))
        g_free (made);
      text = g_atomic_pointer_get (&self->text);
    }
  *len = text != NULL ? g_atomic_int_get (&self->text_len) : 0;
  return text != NULL ? text : "";
}

const char *
sl_log_entry_get_text (SlLogEntry *self)
{
  gsize len;

  g_return_val_if_fail (SL_IS_LOG_ENTRY (self), NULL);
  return entry_text (self, &len);
}

gsize
sl_log_entry_get_size (SlLogEntry *self)
{
  g_return_val_if_fail (SL_IS_LOG_ENTRY (self), 0);

  if (self->data != NULL)
    return g_bytes_get_size (self->data);
  return self->text_len;
}

SlLog *
sl_log_new (guint max_entries)
{
  return sl_log_new_full (max_entries, 0);
}

SlLog *
sl_log_new_full (guint max_entries,
                 gsize max_bytes)
{
  return g_object_new (SL_TYPE_LOG,
                       "item-type", SL_TYPE_LOG_ENTRY,
                       "max-items", max_entries > 0 ? max_entries : SL_LOG_DEFAULT_MAX_ENTRIES,
                       "max-bytes", (guint64) (max_bytes > 0 ? max_bytes : SL_LOG_DEFAULT_MAX_BYTES),
                       NULL);
}

/* Every append goes through here: the entry weighs its size, and the data the oldest
 * entries took with them is counted. */
static void
append_entry (SlLog      *self,
              SlLogEntry *entry)
{
  guint64 dropped_before = self->dropped_data_bytes;

  sl_ring_append_sized (SL_RING (self), entry, sl_log_entry_get_size (entry));
  if (self->dropped_data_bytes != dropped_before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DROPPED_DATA_BYTES]);
}

static void
sl_log_dropped (SlRing   *ring,
                gpointer  item)
{
  SlLogEntry *entry = item;

  if (entry->data != NULL)
    SL_LOG (ring)->dropped_data_bytes += g_bytes_get_size (entry->data);
}

static SlLogEntry *
entry_new (SlLogKind   kind,
           const char *peer)
{
  SlLogEntry *entry = g_object_new (SL_TYPE_LOG_ENTRY, NULL);

  entry->kind = kind;
  entry->time_us = g_get_real_time ();
  entry->peer = g_strdup (peer);
  return entry;
}

void
sl_log_append_message (SlLog      *self,
                       SlLogKind   kind,
                       const char *peer,
                       const char *message)
{
  g_autoptr(SlLogEntry) entry = NULL;

  g_return_if_fail (SL_IS_LOG (self));
  g_return_if_fail (message != NULL);

  entry = entry_new (kind, peer);
  entry->text = g_strdup (message);
  entry->text_len = strlen (message);
  append_entry (self, entry);
}

void
sl_log_append_data (SlLog      *self,
                    SlLogKind   kind,
                    const char *peer,
                    GBytes     *data)
{
  g_autoptr(SlLogEntry) entry = NULL;

  g_return_if_fail (SL_IS_LOG (self));
  g_return_if_fail (data != NULL);

  entry = entry_new (kind, peer);
  entry->data = g_bytes_ref (data);
  append_entry (self, entry);
}

void
sl_log_clear (SlLog *self)
{
  g_return_if_fail (SL_IS_LOG (self));

  sl_ring_clear (SL_RING (self));
  if (self->dropped_data_bytes == 0)
    return;
  self->dropped_data_bytes = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DROPPED_DATA_BYTES]);
}

guint
sl_log_get_max_entries (SlLog *self)
{
  return sl_ring_get_max_items (SL_RING (self));
}

gsize
sl_log_get_max_bytes (SlLog *self)
{
  return sl_ring_get_max_bytes (SL_RING (self));
}

void
sl_log_set_max_bytes (SlLog *self,
                      gsize  max_bytes)
{
  guint64 dropped_before;

  g_return_if_fail (SL_IS_LOG (self));

  dropped_before = self->dropped_data_bytes;
  sl_ring_set_max_bytes (SL_RING (self), max_bytes > 0 ? max_bytes : SL_LOG_DEFAULT_MAX_BYTES);
  if (self->dropped_data_bytes != dropped_before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DROPPED_DATA_BYTES]);
}

guint64
sl_log_get_dropped (SlLog *self)
{
  return sl_ring_get_dropped (SL_RING (self));
}

guint64
sl_log_get_dropped_data_bytes (SlLog *self)
{
  g_return_val_if_fail (SL_IS_LOG (self), 0);
  return self->dropped_data_bytes;
}

static const struct {
  const char *name;
  const char *label;
} kinds[] = {
  [SL_LOG_KIND_INFO] = { "info", N_("Info") },
  [SL_LOG_KIND_SENT] = { "sent", N_("Sent") },
  [SL_LOG_KIND_RECEIVED] = { "received", N_("Received") },
  [SL_LOG_KIND_ERROR] = { "error", N_("Error") },
};

static guint
kind_index (SlLogKind kind)
{
  return (guint) kind < G_N_ELEMENTS (kinds) ? (guint) kind : SL_LOG_KIND_INFO;
}

const char *
sl_log_kind_to_string (SlLogKind kind)
{
  return kinds[kind_index (kind)].name;
}

const char *
sl_log_kind_get_label (SlLogKind kind)
{
  return _(kinds[kind_index (kind)].label);
}

/* The last second formatted, per thread: a long log's entries come in bursts within a second,
 * and making a GDateTime in local time for each would cost more than the rest of the line. */
typedef struct {
  gint64 second;
  char   text[32];    /* "2026-12-01 15:30:00" */
} SecondCache;

static GPrivate second_cache = G_PRIVATE_INIT (g_free);

#define TIME_LEN 26   /* "2026-12-01 15:30:00.123456" */

/* Writes "2026-12-01 15:30:00.123456", local time, at @p; returns its end. */
static char *
put_time (char   *p,
          gint64  time_us)
{
  SecondCache *cache = g_private_get (&second_cache);
  gint64 second = time_us / G_USEC_PER_SEC;
  int us = (int) (time_us % G_USEC_PER_SEC);

  if (cache == NULL)
    {
      cache = g_new0 (SecondCache, 1);
      cache->second = G_MININT64;
      g_private_set (&second_cache, cache);
    }
  if (cache->second != second)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (second);
      g_autofree char *text = g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");

      /* Padded, so that the line's length is known before the line is written. */
      memset (cache->text, ' ', TIME_LEN - 7);
      memcpy (cache->text, text, MIN (strlen (text), TIME_LEN - 7));
      cache->second = second;
    }
  p = sl_put (p, cache->text, TIME_LEN - 7);
  *p = '.';
  for (int i = 6; i >= 1; i--, us /= 10)
    p[i] = '0' + us % 10;
  return p + 7;
}

/* "2026-12-01 15:30:00.123456  sent      127.0.0.1:5000  hello\n", without printf and with
 * one growth of @out for the line: a long log is exported line by line. */
void
sl_log_entry_append_text (SlLogEntry *self,
                          GString    *out)
{
  const char *kind, *peer, *text;
  gsize kind_len, peer_len, text_len, pad;
  char *p;

  g_return_if_fail (SL_IS_LOG_ENTRY (self));
  g_return_if_fail (out != NULL);

  kind = sl_log_kind_to_string (self->kind);
  peer = self->peer != NULL ? self->peer : "-";
  text = entry_text (self, &text_len);
  kind_len = strlen (kind);
  peer_len = strlen (peer);
  pad = kind_len < 8 ? 8 - kind_len : 0;

  p = sl_string_open_room (out, TIME_LEN + 2 + kind_len + pad + 2 + peer_len + 2 + text_len + 1);
  p = put_time (p, self->time_us);
  p = sl_put (p, "  ", 2);
  p = sl_put (p, kind, kind_len);
  memset (p, ' ', pad), p += pad;
  p = sl_put (p, "  ", 2);
  p = sl_put (p, peer, peer_len);
  p = sl_put (p, "  ", 2);
  p = sl_put (p, text, text_len);
  *p++ = '\n';
  sl_string_close_room (out, p);
}

char *
sl_log_format_dropped (SlLog *self)
{
  g_return_val_if_fail (SL_IS_LOG (self), NULL);

  if (self->dropped_data_bytes > 0)
    return g_strdup_printf ("# %" G_GUINT64_FORMAT " older entries were dropped, with %"
                            G_GUINT64_FORMAT " bytes of data\n",
                            sl_log_get_dropped (self), self->dropped_data_bytes);
  if (sl_log_get_dropped (self) == 0)
    return NULL;
  return g_strdup_printf ("# %" G_GUINT64_FORMAT " older entries were dropped\n", sl_log_get_dropped (self));
}

char *
sl_log_to_text (SlLog *self)
{
  GListModel *model = G_LIST_MODEL (self);
  g_autofree char *dropped = NULL;
  GString *out;

  g_return_val_if_fail (SL_IS_LOG (self), NULL);

  dropped = sl_log_format_dropped (self);
  out = g_string_new (dropped);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SlLogEntry) entry = g_list_model_get_item (model, i);

      sl_log_entry_append_text (entry, out);
    }
  return g_string_free (out, FALSE);
}

static void
sl_log_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DROPPED_DATA_BYTES:
      g_value_set_uint64 (value, SL_LOG (object)->dropped_data_bytes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_log_class_init (SlLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sl_log_get_property;
  SL_RING_CLASS (klass)->dropped = sl_log_dropped;

  /* What a view shows as "N bytes not shown", next to the "dropped" entries. */
  properties[PROP_DROPPED_DATA_BYTES] =
    g_param_spec_uint64 ("dropped-data-bytes", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_log_init (SlLog *self)
{
}
