/* sl-text-export.c: plain-text exports of the log, the socket calls and the peers, in parts.
 *
 * Each kind is a function writing one item's line; the lines are the ones sl-log.c and
 * sl-trace.c write for the Copy buttons, so a saved file and a paste always agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-csv.h"
#include "sl-peer.h"
#include "sl-text-export.h"
#include "sl-utils.h"

typedef void (*LineWriter) (SlTextExport *self, GString *out, gpointer item);

struct _SlTextExport
{
  LineWriter  write_line;
  SlSnapshot *snapshot;
  GPtrArray  *items;         /* the snapshot's */
  guint       position;
  char       *preamble;      /* written before the first line, or NULL */
  gboolean    frozen;        /* the items never change: see sl_text_export_is_frozen () */
  gint64      start_us;      /* trace: the first event's time */
};

static void
write_log_line (SlTextExport *self,
                GString      *out,
                gpointer      item)
{
  sl_log_entry_append_text (item, out);
}

static void
write_trace_line (SlTextExport *self,
                  GString      *out,
                  gpointer      item)
{
  sl_trace_event_append_text (item, self->start_us, out);
}

static void
write_peer_line (SlTextExport *self,
                 GString      *out,
                 gpointer      item)
{
  SlPeer *peer = item;
  g_autofree char *since = g_date_time_format (sl_peer_get_since (peer), "%H:%M:%S");

  g_string_append_printf (out, "%s  since %s  %" G_GUINT64_FORMAT " bytes in  %" G_GUINT64_FORMAT
                          " bytes out  %s\n", sl_peer_get_label (peer), since,
                          sl_peer_get_bytes_in (peer), sl_peer_get_bytes_out (peer),
                          sl_csv_peer_state_name (sl_peer_get_state (peer)));
}

static SlTextExport *
export_new (GListModel *model,
            LineWriter  write_line)
{
  SlTextExport *self = g_new0 (SlTextExport, 1);

  self->write_line = write_line;
  self->snapshot = sl_snapshot_new (model);
  self->items = self->snapshot->items;
  return self;
}

SlTextExport *
sl_text_export_new_log (SlLog *log)
{
  SlTextExport *self;

  g_return_val_if_fail (SL_IS_LOG (log), NULL);

  self = export_new (G_LIST_MODEL (log), write_log_line);
  self->preamble = sl_log_format_dropped (log);
  self->frozen = TRUE;
  return self;
}

SlTextExport *
sl_text_export_new_trace (SlTrace *trace)
{
  SlTextExport *self;

  g_return_val_if_fail (SL_IS_TRACE (trace), NULL);

  self = export_new (G_LIST_MODEL (trace), write_trace_line);
  if (self->items->len > 0)
    self->start_us = sl_trace_event_get_time_us (g_ptr_array_index (self->items, 0));
  return self;
}

SlTextExport *
sl_text_export_new_peers (GListModel *peers)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (peers), NULL);
  return export_new (peers, write_peer_line);
}

guint
sl_text_export_get_n_rows (SlTextExport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->items->len;
}

gboolean
sl_text_export_is_frozen (SlTextExport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->frozen;
}

gboolean
sl_text_export_next (SlTextExport *self,
                     GString      *out,
                     guint         max_rows)
{
  guint end;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (self->preamble != NULL)
    {
      g_string_append (out, self->preamble);
      g_clear_pointer (&self->preamble, g_free);
    }
  end = max_rows == 0 ? self->items->len : MIN (self->items->len, self->position + max_rows);
  for (; self->position < end; self->position++)
    self->write_line (self, out, g_ptr_array_index (self->items, self->position));
  return self->position < self->items->len;
}

gboolean
sl_text_export_produce (GString  *out,
                        gpointer  export)
{
  return sl_text_export_next (export, out, SL_TEXT_EXPORT_ROWS_PER_PART);
}

char *
sl_text_export_to_string (SlTextExport *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  sl_text_export_next (self, out, 0);
  return g_string_free (out, FALSE);
}

void
sl_text_export_free (SlTextExport *self)
{
  if (self == NULL)
    return;
  sl_snapshot_free (self->snapshot);
  g_free (self->preamble);
  g_free (self);
}
