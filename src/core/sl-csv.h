/* sl-csv.h: RFC 4180 CSV of the log, the socket calls, the peers and a ping run.
 *
 * Every table starts with a header row; fields are quoted only when they hold a comma, a
 * double quote, CR or LF (quotes doubled inside); rows end with CRLF. Text is UTF-8 and a
 * payload's exact bytes are also given in hex, so NUL and invalid UTF-8 survive any reader.
 *
 * Two ways to get one: sl_csv_*_to_bytes () builds the whole file at once; an SlCsvExport
 * takes a snapshot of the rows and hands them out in chunks, so 100 000 log entries can be
 * written from the main loop without stalling it (see sl-export-writer.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-log.h"
#include "sl-peer.h"
#include "sl-ping-probe.h"
#include "sl-trace.h"
#include "sl-types.h"

G_BEGIN_DECLS

/* Column names, in order:
 *   log    time,kind,peer,text,size,data_hex
 *   trace  time,relative_s,call,fd,arguments,result,errno,count,detail
 *   peers  address,since,bytes_in,bytes_out,state
 *   ping   target,method,seq,sent_at,rtt_ms,ttl,bytes,status */

/* Appends @field (@length bytes, -1: NUL-terminated), quoted only when it must be. */
void          sl_csv_append_field       (GString       *out,
                                         const char    *field,
                                         gssize         length);
/* Appends the fields and CRLF; NULL items are empty fields. */
void          sl_csv_append_row         (GString       *out,
                                         const char   **fields,
                                         guint          n_fields);

/* "2026-12-01T15:30:00.123+01:00": local time, milliseconds, the UTC offset. */
char         *sl_csv_format_time        (gint64         real_time_us);
/* "68690d0a00": the bytes in lowercase hex, two digits each, no separator. */
char         *sl_csv_format_hex         (GBytes        *bytes);

/* Stable names used in the exports, never translated: "connected", "paused", "closing",
 * "closed"; "icmp-datagram", "icmp-raw", "tcp"; "reply", "lost", "error", "pending" (a
 * probe), and "duplicate" (the row of a second reply). */
const char   *sl_csv_peer_state_name    (SlPeerState       state);
const char   *sl_csv_ping_method_name   (SlPingMethod      method);
const char   *sl_csv_probe_state_name   (SlPingProbeState  state);

typedef struct _SlCsvExport SlCsvExport;

/* A snapshot of the log's entries, in order: later appends or drops do not change it. */
SlCsvExport  *sl_csv_export_new_log     (SlLog         *log);
/* The trace's rows; relative_s counts from the first row of the snapshot. */
SlCsvExport  *sl_csv_export_new_trace   (SlTrace       *trace);
/* A GListModel of SlPeer (sl_server_get_peers ()). */
SlCsvExport  *sl_csv_export_new_peers   (GListModel    *peers);
/* A GListModel of SlPingProbe (sl_pinger_get_probes ()): one row per probe, then one
 * "duplicate" row (same seq, no rtt) for each duplicate reply it got. @target is the host
 * as the student typed it, @start_real_time_us the wall clock (g_get_real_time ()) when the
 * run started, from which sent_at is counted; @payload_size the -s size: bytes is what one
 * reply line says ("64 bytes from", payload + 8 ICMP header bytes), empty for TCP. */
SlCsvExport  *sl_csv_export_new_ping    (GListModel    *probes,
                                         const char    *target,
                                         SlPingMethod   method,
                                         guint          payload_size,
                                         gint64         start_real_time_us);

/* Makes one table of two of the same kind: @other's rows follow @self's, under @self's
 * header (the ping runs of several targets in one file). Takes @other (transfer full). */
void          sl_csv_export_append      (SlCsvExport   *self,
                                         SlCsvExport   *other);
/* Rows of the table and of those appended to it. */
guint         sl_csv_export_get_n_rows  (SlCsvExport   *self);
/* TRUE when no row can change any more (log entries, unlike probes awaiting a reply): the
 * export may then be made in a worker thread. */
gboolean      sl_csv_export_is_frozen   (SlCsvExport   *self);
/* Appends the header (first call only) and up to @max_rows rows (0: all that are left);
 * returns TRUE while rows remain. */
gboolean      sl_csv_export_next        (SlCsvExport   *self,
                                         GString       *out,
                                         guint          max_rows);
/* Rows sl_csv_export_produce () hands out per part: a few milliseconds of work. */
#define SL_CSV_EXPORT_ROWS_PER_PART 2048
/* An SlExportProduceFunc: SL_CSV_EXPORT_ROWS_PER_PART rows of @export a part. */
gboolean      sl_csv_export_produce     (GString       *out,
                                         gpointer       export);
/* The whole table from where it stands (normally: all of it). */
GBytes       *sl_csv_export_to_bytes    (SlCsvExport   *self);
void          sl_csv_export_free        (SlCsvExport   *self);

/* The whole CSV file at once. */
GBytes       *sl_csv_log_to_bytes       (SlLog         *log);
GBytes       *sl_csv_trace_to_bytes     (SlTrace       *trace);
GBytes       *sl_csv_peers_to_bytes     (GListModel    *peers);
GBytes       *sl_csv_ping_to_bytes      (GListModel    *probes,
                                         const char    *target,
                                         SlPingMethod   method,
                                         guint          payload_size,
                                         gint64         start_real_time_us);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlCsvExport, sl_csv_export_free)

G_END_DECLS
