/* sl-log.c: a bounded ring GListModel of log entries (messages and data), exportable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sl-log.h"
#include "sl-payload.h"

struct _SlLogEntry
{
  GObject    parent_instance;

  SlLogKind  kind;
  gint64     time_us;
  char      *peer;
  GBytes    *data;
  char      *text;  /* message, or the printable form of data made on first use */
};

struct _SlLog
{
  SlRing parent_instance;
};

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

const char *
sl_log_entry_get_text (SlLogEntry *self)
{
  g_return_val_if_fail (SL_IS_LOG_ENTRY (self), NULL);

  if (self->text == NULL && self->data != NULL)
    self->text = sl_payload_to_printable (self->data);
  return self->text != NULL ? self->text : "";
}

SlLog *
sl_log_new (guint max_entries)
{
  return g_object_new (SL_TYPE_LOG,
                       "item-type", SL_TYPE_LOG_ENTRY,
                       "max-items", max_entries > 0 ? max_entries : SL_LOG_DEFAULT_MAX_ENTRIES,
                       NULL);
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
  sl_ring_append (SL_RING (self), entry);
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
  sl_ring_append (SL_RING (self), entry);
}

void
sl_log_clear (SlLog *self)
{
  sl_ring_clear (SL_RING (self));
}

guint
sl_log_get_max_entries (SlLog *self)
{
  return sl_ring_get_max_items (SL_RING (self));
}

guint64
sl_log_get_dropped (SlLog *self)
{
  return sl_ring_get_dropped (SL_RING (self));
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

/* Appends "2026-12-01 15:30:00.123456", local time. */
static void
append_time (GString *out,
             gint64   time_us)
{
  SecondCache *cache = g_private_get (&second_cache);
  gint64 second = time_us / G_USEC_PER_SEC;
  int us = (int) (time_us % G_USEC_PER_SEC);
  char digits[8];

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

      g_strlcpy (cache->text, text, sizeof cache->text);
      cache->second = second;
    }
  g_string_append (out, cache->text);
  digits[0] = '.';
  for (int i = 6; i >= 1; i--, us /= 10)
    digits[i] = '0' + us % 10;
  g_string_append_len (out, digits, 7);
}

static char *
format_time (gint64 time_us)
{
  GString *out = g_string_sized_new (32);

  append_time (out, time_us);
  return g_string_free (out, FALSE);
}

static gsize
entry_size (SlLogEntry *entry)
{
  return entry->data != NULL ? g_bytes_get_size (entry->data) : 0;
}

typedef void (*EntryWriter) (GString *out, SlLogEntry *entry, const char *time);

static char *
export (SlLog       *self,
        GString     *out,
        EntryWriter  write_entry)
{
  GListModel *model = G_LIST_MODEL (self);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlLogEntry) entry = g_list_model_get_item (model, i);
      g_autofree char *time = format_time (entry->time_us);

      write_entry (out, entry, time);
    }
  return g_string_free (out, FALSE);
}

/* "2026-12-01 15:30:00.123456  sent      127.0.0.1:5000  hello\n", without printf: a long log
 * is exported line by line. */
void
sl_log_entry_append_text (SlLogEntry *self,
                          GString    *out)
{
  const char *kind;

  g_return_if_fail (SL_IS_LOG_ENTRY (self));
  g_return_if_fail (out != NULL);

  kind = sl_log_kind_to_string (self->kind);
  append_time (out, self->time_us);
  g_string_append (out, "  ");
  g_string_append (out, kind);
  for (gsize i = strlen (kind); i < 8; i++)
    g_string_append_c (out, ' ');
  g_string_append (out, "  ");
  g_string_append (out, self->peer != NULL ? self->peer : "-");
  g_string_append (out, "  ");
  g_string_append (out, sl_log_entry_get_text (self));
  g_string_append_c (out, '\n');
}

char *
sl_log_format_dropped (SlLog *self)
{
  g_return_val_if_fail (SL_IS_LOG (self), NULL);

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
append_csv_field (GString    *out,
                  const char *field)
{
  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
write_csv_entry (GString    *out,
                 SlLogEntry *entry,
                 const char *time)
{
  g_string_append_printf (out, "%s,%s,", time, sl_log_kind_to_string (entry->kind));
  append_csv_field (out, entry->peer != NULL ? entry->peer : "");
  g_string_append_printf (out, ",%" G_GSIZE_FORMAT ",", entry_size (entry));
  append_csv_field (out, sl_log_entry_get_text (entry));
  g_string_append_c (out, '\n');
}

char *
sl_log_to_csv (SlLog *self)
{
  g_return_val_if_fail (SL_IS_LOG (self), NULL);
  return export (self, g_string_new ("time,kind,peer,bytes,text\n"), write_csv_entry);
}

static void
sl_log_class_init (SlLogClass *klass)
{
}

static void
sl_log_init (SlLog *self)
{
}
