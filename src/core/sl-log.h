/* sl-log.h: a bounded ring GListModel of log entries (messages and data), exportable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-ring.h"

#include "sl-types.h"

G_BEGIN_DECLS

#define SL_TYPE_LOG_ENTRY (sl_log_entry_get_type ())
#define SL_TYPE_LOG       (sl_log_get_type ())

G_DECLARE_FINAL_TYPE (SlLogEntry, sl_log_entry, SL, LOG_ENTRY, GObject)
G_DECLARE_FINAL_TYPE (SlLog, sl_log, SL, LOG, SlRing)

#define SL_LOG_DEFAULT_MAX_ENTRIES 100000
/* What the entries may hold in all (their data, or a message's text) before the oldest go:
 * a peer sending 64 KiB reads would otherwise keep 6 GB in 100 000 entries. */
#define SL_LOG_DEFAULT_MAX_BYTES   (8 * 1024 * 1024)

SlLogKind   sl_log_entry_get_kind    (SlLogEntry *self);
gint64      sl_log_entry_get_time_us (SlLogEntry *self);   /* wall clock, g_get_real_time () */
const char *sl_log_entry_get_peer    (SlLogEntry *self);   /* "127.0.0.1:5000" or NULL */
GBytes     *sl_log_entry_get_data    (SlLogEntry *self);   /* SENT/RECEIVED data, or NULL */
const char *sl_log_entry_get_text    (SlLogEntry *self);   /* message, or printable data */
/* What the entry weighs against the log's max-bytes: its data's size, or its message's length. */
gsize       sl_log_entry_get_size    (SlLogEntry *self);

/* max_entries 0: SL_LOG_DEFAULT_MAX_ENTRIES; the byte cap is SL_LOG_DEFAULT_MAX_BYTES. */
SlLog      *sl_log_new               (guint        max_entries);
/* max_bytes 0: SL_LOG_DEFAULT_MAX_BYTES. */
SlLog      *sl_log_new_full          (guint        max_entries,
                                      gsize        max_bytes);
void        sl_log_append_message    (SlLog       *self,
                                      SlLogKind    kind,
                                      const char  *peer,
                                      const char  *message);
void        sl_log_append_data       (SlLog       *self,
                                      SlLogKind    kind,
                                      const char  *peer,
                                      GBytes      *data);
void        sl_log_clear             (SlLog       *self);
guint       sl_log_get_max_entries   (SlLog       *self);
gsize       sl_log_get_max_bytes     (SlLog       *self);
/* A new byte cap (0: SL_LOG_DEFAULT_MAX_BYTES); the oldest entries go now until the rest fits. */
void        sl_log_set_max_bytes     (SlLog       *self,
                                      gsize        max_bytes);
/* Entries dropped to stay under the caps (the "dropped" property of SlRing)… */
guint64     sl_log_get_dropped       (SlLog       *self);
/* …and the bytes of sent and received data they held ("dropped-data-bytes"): with the data
 * still kept, every byte that went through. Both restart from 0 at sl_log_clear (). */
guint64     sl_log_get_dropped_data_bytes (SlLog  *self);
/* One line of sl_log_to_text (): "2026-12-01 15:30:00.123456  sent      PEER  TEXT\n". */
void        sl_log_entry_append_text (SlLogEntry  *self,
                                      GString     *out);
/* The first line of sl_log_to_text () when older entries were dropped, else NULL. */
char       *sl_log_format_dropped    (SlLog       *self);
char       *sl_log_to_text           (SlLog       *self);

/* "info", "sent", "received", "error": stable, for exports and CSS classes */
const char *sl_log_kind_to_string    (SlLogKind    kind);
/* "Info", "Sent", "Received", "Error", translated, for people */
const char *sl_log_kind_get_label    (SlLogKind    kind);

G_END_DECLS
