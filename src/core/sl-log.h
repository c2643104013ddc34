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

SlLogKind   sl_log_entry_get_kind    (SlLogEntry *self);
gint64      sl_log_entry_get_time_us (SlLogEntry *self);   /* wall clock, g_get_real_time () */
const char *sl_log_entry_get_peer    (SlLogEntry *self);   /* "127.0.0.1:5000" or NULL */
GBytes     *sl_log_entry_get_data    (SlLogEntry *self);   /* SENT/RECEIVED data, or NULL */
const char *sl_log_entry_get_text    (SlLogEntry *self);   /* message, or printable data */

SlLog      *sl_log_new               (guint        max_entries);
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
guint64     sl_log_get_dropped       (SlLog       *self);
/* One line of sl_log_to_text (): "2026-12-01 15:30:00.123456  sent      PEER  TEXT\n". */
void        sl_log_entry_append_text (SlLogEntry  *self,
                                      GString     *out);
/* The first line of sl_log_to_text () when older entries were dropped, else NULL. */
char       *sl_log_format_dropped    (SlLog       *self);
char       *sl_log_to_text           (SlLog       *self);
char       *sl_log_to_csv            (SlLog       *self);

/* "info", "sent", "received", "error": stable, for exports and CSS classes */
const char *sl_log_kind_to_string    (SlLogKind    kind);
/* "Info", "Sent", "Received", "Error", translated, for people */
const char *sl_log_kind_get_label    (SlLogKind    kind);

G_END_DECLS
