/* sl-csv.c: RFC 4180 CSV of the log, the socket calls, the peers and a ping run.
 *
 * An export snapshots its items (SlSnapshot: a ring's are pinned, not referenced one by one)
 * so that a ring dropping its oldest entries while the file is written cannot shift the rows
 * under it.
 * Each kind of table is a header and one function writing an item's row(s).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <netdb.h>
#include <string.h>

#include "sl-csv.h"
#include "sl-errno.h"
#include "sl-utils.h"

/* Formatting a GDateTime costs about a microsecond; entries of one burst share a second, so
 * the text up to the second is kept and only the milliseconds change. */
typedef struct {
  gint64 second;
  char   prefix[32];   /* "2026-12-01T15:30:00" */
  char   offset[8];    /* "+01:00" */
  gsize  prefix_len;
  gsize  offset_len;
} TimeCache;

/* The longest time put_time () writes: the prefix, ".123" and the offset. */
#define TIME_MAX (32 + 4 + 8)

typedef struct _SlCsvExport SlCsvExport;
typedef void (*RowWriter) (SlCsvExport *self, GString *out, gpointer item);

struct _SlCsvExport
{
  const char   *header;
  RowWriter     write_row;
  SlSnapshot   *snapshot;
  GPtrArray    *items;       /* the snapshot's */
  guint         position;
  gboolean      header_done;
  gboolean      frozen;      /* the items never change: see sl_csv_export_is_frozen () */
  TimeCache     times;

  /* trace */
  gint64        start_us;
  /* ping */
  char         *target;
  SlPingMethod  method;
  guint         payload_size;
  gint64        start_real_time_us;

  GPtrArray    *appended;    /* SlCsvExport: tables whose rows follow these, or NULL */
};

/* "000102…ff": the two digits of every byte value, copied two at a time. */
static const char hex_pairs[] =
  "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
  "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
  "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
  "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
  "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
  "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
  "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
  "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";

/* How long @field is and whether it needs quotes: one vectorised strcspn () for the common
 * field that needs none. */
static gsize
field_length (const char *field,
              gboolean   *quote)
{
  gsize len = strcspn (field, ",\"\r\n");

  *quote = field[len] != '\0';
  return *quote ? len + strlen (field + len) : len;
}

/* Writes @field, quoted if @quote, at @p (room for 2 × @len + 2 bytes); returns its end. */
static char *
put_field (char       *p,
           const char *field,
           gsize       len,
           gboolean    quote)
{
  if (!quote)
    return sl_put (p, field, len);
  /* Runs up to and with each quote copied whole, the quote then doubled. */
  *p++ = '"';
  for (const char *run = field, *end = field + len; run < end;)
    {
      const char *quote_mark = memchr (run, '"', end - run);
      const char *stop = quote_mark != NULL ? quote_mark + 1 : end;

      p = sl_put (p, run, stop - run);
      if (quote_mark != NULL)
        *p++ = '"';
      run = stop;
    }
  *p++ = '"';
  return p;
}

void
sl_csv_append_field (GString    *out,
                     const char *field,
                     gssize      length)
{
  gboolean quote = FALSE;
  gsize len;

  g_return_if_fail (out != NULL);

  if (field == NULL)
    return;
  if (length < 0)
    len = field_length (field, &quote);
  else
    {
      len = (gsize) length;
      for (gsize i = 0; i < len && !quote; i++)
        quote = field[i] == ',' || field[i] == '"' || field[i] == '\r' || field[i] == '\n';
    }
  sl_string_close_room (out, put_field (sl_string_open_room (out, 2 * len + 2), field, len, quote));
}

void
sl_csv_append_row (GString     *out,
                   const char **fields,
                   guint        n_fields)
{
  g_return_if_fail (out != NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      sl_csv_append_field (out, fields[i], -1);
    }
  g_string_append (out, "\r\n");
}

/* Writes "2026-12-01T15:30:00.123+01:00" at @p (room for TIME_MAX bytes); returns its end. */
static char *
put_time (TimeCache *cache,
          char      *p,
          gint64     real_time_us)
{
  gint64 second = real_time_us / G_USEC_PER_SEC;
  gint64 rest = real_time_us % G_USEC_PER_SEC;
  int ms;

  /* Times before 1970 round toward the earlier second, as the clock would show them. */
  if (rest < 0)
    {
      second--;
      rest += G_USEC_PER_SEC;
    }
  if (cache->second != second || cache->prefix[0] == '\0')
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (second);
      g_autofree char *prefix = time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%S") : NULL;
      g_autofree char *offset = time != NULL ? g_date_time_format (time, "%:z") : NULL;

      g_strlcpy (cache->prefix, prefix != NULL ? prefix : "", sizeof cache->prefix);
      g_strlcpy (cache->offset, offset != NULL ? offset : "", sizeof cache->offset);
      cache->prefix_len = strlen (cache->prefix);
      cache->offset_len = strlen (cache->offset);
      cache->second = second;
    }
  /* By hand: printf would be a third of a 100 000-row export. */
  ms = (int) (rest / 1000);
  p = sl_put (p, cache->prefix, cache->prefix_len);
  *p++ = '.';
  *p++ = '0' + ms / 100;
  *p++ = '0' + ms / 10 % 10;
  *p++ = '0' + ms % 10;
  return sl_put (p, cache->offset, cache->offset_len);
}

static void
append_time (TimeCache *cache,
             GString   *out,
             gint64     real_time_us)
{
  sl_string_close_room (out, put_time (cache, sl_string_open_room (out, TIME_MAX), real_time_us));
}

/* Writes @value in decimal at @p (room for 20 bytes); returns its end. */
static char *
put_unsigned (char    *p,
              guint64  value)
{
  char digits[24];
  guint i = sizeof digits;

  do
    {
      digits[--i] = '0' + value % 10;
      value /= 10;
    }
  while (value > 0);
  return sl_put (p, digits + i, sizeof digits - i);
}

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
/* Four bytes as eight hex digits in one 64-bit word, lowest address first: the bytes are
 * spread one per 16-bit lane, each split into its high and low nibble, and every nibble
 * becomes '0'-'9' or 'a'-'f' at once (a nibble plus 0x76 reaches 0x80 exactly when it is
 * 10 or more). The byte-by-byte table was a quarter of the time spent making CSV rows. */
static guint64
hex_word (guint32 four)
{
  guint64 x = four;

  x = (x | (x << 16)) & G_GUINT64_CONSTANT (0x0000ffff0000ffff);
  x = (x | (x << 8)) & G_GUINT64_CONSTANT (0x00ff00ff00ff00ff);
  x = ((x & G_GUINT64_CONSTANT (0x00f000f000f000f0)) >> 4) | ((x & G_GUINT64_CONSTANT (0x000f000f000f000f)) << 8);
  return x + G_GUINT64_CONSTANT (0x3030303030303030) +
         (((x + G_GUINT64_CONSTANT (0x7676767676767676)) >> 7) & G_GUINT64_CONSTANT (0x0101010101010101)) * 39;
}
#endif

/* Writes @len bytes as hex digits at @p (room for 2 × @len bytes); returns its end. */
static char *
put_hex (char         *p,
         const guint8 *data,
         gsize         len)
{
  gsize i = 0;

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  for (; i + 4 <= len; i += 4, p += 8)
    {
      guint32 four;
      guint64 digits;

      memcpy (&four, data + i, 4);
      digits = hex_word (four);
      memcpy (p, &digits, 8);
    }
#endif
  for (; i < len; i++, p += 2)
    memcpy (p, hex_pairs + 2 * data[i], 2);
  return p;
}

char *
sl_csv_format_time (gint64 real_time_us)
{
  TimeCache cache = { 0 };
  GString *out = g_string_new (NULL);

  append_time (&cache, out, real_time_us);
  return g_string_free (out, FALSE);
}

char *
sl_csv_format_hex (GBytes *bytes)
{
  const guint8 *data;
  GString *out;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  out = g_string_sized_new (2 * len + 1);
  sl_string_close_room (out, put_hex (sl_string_open_room (out, 2 * len), data, len));
  return g_string_free (out, FALSE);
}

const char *
sl_csv_peer_state_name (SlPeerState state)
{
  switch (state)
    {
    case SL_PEER_STATE_CONNECTED:
      return "connected";
    case SL_PEER_STATE_PAUSED:
      return "paused";
    case SL_PEER_STATE_CLOSING:
      return "closing";
    case SL_PEER_STATE_CLOSED:
    default:
      return "closed";
    }
}

const char *
sl_csv_ping_method_name (SlPingMethod method)
{
  switch (method)
    {
    case SL_PING_METHOD_ICMP_DGRAM:
      return "icmp-datagram";
    case SL_PING_METHOD_ICMP_RAW:
      return "icmp-raw";
    case SL_PING_METHOD_TCP:
    default:
      return "tcp";
    }
}

const char *
sl_csv_probe_state_name (SlPingProbeState state)
{
  switch (state)
    {
    case SL_PING_PROBE_STATE_REPLIED:
      return "reply";
    case SL_PING_PROBE_STATE_LOST:
      return "lost";
    case SL_PING_PROBE_STATE_ERROR:
      return "error";
    case SL_PING_PROBE_STATE_PENDING:
    default:
      return "pending";
    }
}

/* ---- rows ------------------------------------------------------------------------ */

static void
write_log_row (SlCsvExport *self,
               GString     *out,
               gpointer     item)
{
  SlLogEntry *entry = item;
  GBytes *data = sl_log_entry_get_data (entry);
  const char *kind = sl_log_kind_to_string (sl_log_entry_get_kind (entry));
  const char *peer = sl_log_entry_get_peer (entry);
  const char *text = sl_log_entry_get_text (entry);
  const guint8 *bytes = NULL;
  gsize kind_len = strlen (kind), peer_len = 0, text_len = 0, data_len = 0;
  gboolean peer_quoted = FALSE, text_quoted = FALSE;
  char *p;

  if (peer != NULL)
    peer_len = field_length (peer, &peer_quoted);
  if (text != NULL)
    text_len = field_length (text, &text_quoted);
  if (data != NULL)
    bytes = g_bytes_get_data (data, &data_len);
  /* time,kind,peer,text,size,hex CR LF */
  p = sl_string_open_room (out, TIME_MAX + kind_len + 2 * (peer_len + text_len + data_len) + 4 + 20 + 8);
  p = put_time (&self->times, p, sl_log_entry_get_time_us (entry));
  *p++ = ',';
  p = sl_put (p, kind, kind_len);
  *p++ = ',';
  p = put_field (p, peer, peer_len, peer_quoted);
  *p++ = ',';
  p = put_field (p, text, text_len, text_quoted);
  *p++ = ',';
  /* Messages have no size and no bytes: empty, not 0, so "no data" and "0 bytes" differ. */
  if (data != NULL)
    p = put_unsigned (p, data_len);
  *p++ = ',';
  p = put_hex (p, bytes, data_len);
  sl_string_close_room (out, sl_put (p, "\r\n", 2));
}

/* What the call handed back besides its number ("('127.0.0.1', 40312)"), why it failed,
 * and the row's own detail, joined with " · " as the panel does. */
static char *
trace_detail (SlTraceEvent *event)
{
  g_autofree char *result = sl_trace_event_format_result (event);
  g_autofree char *number = g_strdup_printf (" = %" G_GINT64_FORMAT, sl_trace_event_get_result (event));
  g_autofree char *why = NULL;
  const char *detail = sl_trace_event_get_detail (event);
  GString *text = g_string_new (NULL);

  if (sl_trace_event_get_result (event) >= 0 && !sl_trace_event_is_lookup_failure (event) &&
      g_str_has_prefix (result, number))
    {
      const char *rest = result + strlen (number);

      if (g_str_has_prefix (rest, " → "))
        rest += strlen (" → ");
      g_autofree char *outputs = g_strstrip (g_strdup (rest));

      g_string_append (text, outputs);
    }
  if (sl_trace_event_is_failure (event))
    why = sl_trace_event_explain_error (event);
  if (why != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", why);
  if (detail != NULL && *detail != '\0')
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", detail);
  return g_string_free (text, FALSE);
}

static void
write_trace_row (SlCsvExport *self,
                 GString     *out,
                 gpointer     item)
{
  SlTraceEvent *event = item;
  g_autofree char *call = sl_trace_event_format_call (event);
  g_autofree char *detail = trace_detail (event);
  const char *open = strchr (call, '(');
  const char *error_name = NULL;
  gsize name_len = open != NULL ? (gsize) (open - call) : strlen (call);
  gsize args_len = open != NULL ? strlen (open + 1) : 0;
  char relative[G_ASCII_DTOSTR_BUF_SIZE];

  if (args_len > 0 && open[args_len] == ')')
    args_len--;
  if (sl_trace_event_is_lookup_failure (event))
    error_name = sl_gai_error_name ((int) sl_trace_event_get_result (event));
  else if (sl_trace_event_get_errno (event) != 0)
    error_name = sl_errno_name (sl_trace_event_get_errno (event));

  append_time (&self->times, out, sl_trace_event_get_real_time_us (event));
  g_ascii_formatd (relative, sizeof relative, "%.6f",
                   (sl_trace_event_get_time_us (event) - self->start_us) / (double) G_USEC_PER_SEC);
  g_string_append_printf (out, ",%s,", relative);
  g_string_append_len (out, call, name_len);
  g_string_append_printf (out, ",%d,", sl_trace_event_get_fd (event));
  sl_csv_append_field (out, open != NULL ? open + 1 : "", args_len);
  g_string_append_printf (out, ",%" G_GINT64_FORMAT ",%s,%" G_GUINT64_FORMAT ",",
                          sl_trace_event_get_result (event), error_name != NULL ? error_name : "",
                          sl_trace_event_get_count (event));
  sl_csv_append_field (out, detail, -1);
  g_string_append (out, "\r\n");
}

static void
write_peer_row (SlCsvExport *self,
                GString     *out,
                gpointer     item)
{
  SlPeer *peer = item;
  GDateTime *since = sl_peer_get_since (peer);

  sl_csv_append_field (out, sl_peer_get_label (peer), -1);
  g_string_append_c (out, ',');
  if (since != NULL)
    append_time (&self->times, out, g_date_time_to_unix (since) * G_USEC_PER_SEC +
                                    g_date_time_get_microsecond (since));
  g_string_append_printf (out, ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%s\r\n",
                          sl_peer_get_bytes_in (peer), sl_peer_get_bytes_out (peer),
                          sl_csv_peer_state_name (sl_peer_get_state (peer)));
}

static void
append_ping_row (SlCsvExport *self,
                 GString     *out,
                 SlPingProbe *probe,
                 const char  *status,
                 gint64       rtt_us)
{
  int ttl = sl_ping_probe_get_ttl (probe);

  sl_csv_append_field (out, self->target, -1);
  g_string_append_printf (out, ",%s,%" G_GUINT64_FORMAT ",", sl_csv_ping_method_name (self->method),
                          sl_ping_probe_get_seq (probe));
  if (self->start_real_time_us != 0)
    append_time (&self->times, out, self->start_real_time_us + sl_ping_probe_get_sent_us (probe));
  g_string_append_c (out, ',');
  if (rtt_us >= 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT ".%03d", rtt_us / 1000, (int) (rtt_us % 1000));
  g_string_append_c (out, ',');
  if (ttl >= 0 && rtt_us >= 0)
    g_string_append_printf (out, "%d", ttl);
  g_string_append_c (out, ',');
  if (self->method != SL_PING_METHOD_TCP && rtt_us >= 0)
    g_string_append_printf (out, "%u", self->payload_size + 8);
  g_string_append_printf (out, ",%s\r\n", status);
}

static void
write_ping_row (SlCsvExport *self,
                GString     *out,
                gpointer     item)
{
  SlPingProbe *probe = item;
  SlPingProbeState state = sl_ping_probe_get_state (probe);

  append_ping_row (self, out, probe, sl_csv_probe_state_name (state),
                   state == SL_PING_PROBE_STATE_REPLIED ? sl_ping_probe_get_rtt_us (probe) : -1);
  /* A duplicate's own time is not kept: its row says it came, not when. */
  for (guint i = 0; i < sl_ping_probe_get_duplicates (probe); i++)
    append_ping_row (self, out, probe, "duplicate", -1);
}

/* ---- exports --------------------------------------------------------------------- */

static SlCsvExport *
export_new (GListModel *model,
            const char *header,
            RowWriter   write_row)
{
  SlCsvExport *self = g_new0 (SlCsvExport, 1);

  self->header = header;
  self->write_row = write_row;
  self->snapshot = sl_snapshot_new (model);
  self->items = self->snapshot->items;
  return self;
}

SlCsvExport *
sl_csv_export_new_log (SlLog *log)
{
  SlCsvExport *self;

  g_return_val_if_fail (SL_IS_LOG (log), NULL);

  self = export_new (G_LIST_MODEL (log), "time,kind,peer,text,size,data_hex\r\n", write_log_row);
  self->frozen = TRUE;
  return self;
}

SlCsvExport *
sl_csv_export_new_trace (SlTrace *trace)
{
  SlCsvExport *self;

  g_return_val_if_fail (SL_IS_TRACE (trace), NULL);

  self = export_new (G_LIST_MODEL (trace),
                     "time,relative_s,call,fd,arguments,result,errno,count,detail\r\n", write_trace_row);
  if (self->items->len > 0)
    self->start_us = sl_trace_event_get_time_us (g_ptr_array_index (self->items, 0));
  return self;
}

SlCsvExport *
sl_csv_export_new_peers (GListModel *peers)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (peers), NULL);
  return export_new (peers, "address,since,bytes_in,bytes_out,state\r\n", write_peer_row);
}

SlCsvExport *
sl_csv_export_new_ping (GListModel   *probes,
                        const char   *target,
                        SlPingMethod  method,
                        guint         payload_size,
                        gint64        start_real_time_us)
{
  SlCsvExport *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (probes), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  self = export_new (probes, "target,method,seq,sent_at,rtt_ms,ttl,bytes,status\r\n", write_ping_row);
  self->target = g_strdup (target);
  self->method = method;
  self->payload_size = payload_size;
  self->start_real_time_us = start_real_time_us;
  return self;
}

guint
sl_csv_export_get_n_rows (SlCsvExport *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  n = self->items->len;
  for (guint i = 0; self->appended != NULL && i < self->appended->len; i++)
    n += ((SlCsvExport *) g_ptr_array_index (self->appended, i))->items->len;
  return n;
}

gboolean
sl_csv_export_is_frozen (SlCsvExport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; self->appended != NULL && i < self->appended->len; i++)
    if (!((SlCsvExport *) g_ptr_array_index (self->appended, i))->frozen)
      return FALSE;
  return self->frozen;
}

/* Writes up to @max_rows (0: all) of @self's own rows; returns how many it wrote. */
static guint
next_own_rows (SlCsvExport *self,
               GString     *out,
               guint        max_rows)
{
  guint start = self->position;
  guint end = max_rows == 0 ? self->items->len : MIN (self->items->len, self->position + max_rows);

  for (; self->position < end; self->position++)
    self->write_row (self, out, g_ptr_array_index (self->items, self->position));
  return end - start;
}

static gboolean
has_more (SlCsvExport *self)
{
  if (self->position < self->items->len)
    return TRUE;
  for (guint i = 0; self->appended != NULL && i < self->appended->len; i++)
    if (has_more (g_ptr_array_index (self->appended, i)))
      return TRUE;
  return FALSE;
}

gboolean
sl_csv_export_next (SlCsvExport *self,
                    GString     *out,
                    guint        max_rows)
{
  guint left = max_rows;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!self->header_done)
    {
      g_string_append (out, self->header);
      self->header_done = TRUE;
    }
  left -= next_own_rows (self, out, left);
  /* Then the appended tables' rows, without their headers, within the same limit. */
  for (guint i = 0; self->appended != NULL && i < self->appended->len && (max_rows == 0 || left > 0); i++)
    left -= next_own_rows (g_ptr_array_index (self->appended, i), out, max_rows == 0 ? 0 : left);
  return has_more (self);
}

gboolean
sl_csv_export_produce (GString  *out,
                       gpointer  export)
{
  return sl_csv_export_next (export, out, SL_CSV_EXPORT_ROWS_PER_PART);
}

void
sl_csv_export_append (SlCsvExport *self,
                      SlCsvExport *other)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL && other != self);
  g_return_if_fail (g_strcmp0 (self->header, other->header) == 0);
  g_return_if_fail (other->appended == NULL);

  if (self->appended == NULL)
    self->appended = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_csv_export_free);
  g_ptr_array_add (self->appended, other);
}

GBytes *
sl_csv_export_to_bytes (SlCsvExport *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  sl_csv_export_next (self, out, 0);
  return g_string_free_to_bytes (out);
}

void
sl_csv_export_free (SlCsvExport *self)
{
  if (self == NULL)
    return;
  sl_snapshot_free (self->snapshot);
  g_clear_pointer (&self->appended, g_ptr_array_unref);
  g_free (self->target);
  g_free (self);
}

GBytes *
sl_csv_log_to_bytes (SlLog *log)
{
  g_autoptr(SlCsvExport) export = sl_csv_export_new_log (log);

  return export != NULL ? sl_csv_export_to_bytes (export) : NULL;
}

GBytes *
sl_csv_trace_to_bytes (SlTrace *trace)
{
  g_autoptr(SlCsvExport) export = sl_csv_export_new_trace (trace);

  return export != NULL ? sl_csv_export_to_bytes (export) : NULL;
}

GBytes *
sl_csv_peers_to_bytes (GListModel *peers)
{
  g_autoptr(SlCsvExport) export = sl_csv_export_new_peers (peers);

  return export != NULL ? sl_csv_export_to_bytes (export) : NULL;
}

GBytes *
sl_csv_ping_to_bytes (GListModel   *probes,
                      const char   *target,
                      SlPingMethod  method,
                      guint         payload_size,
                      gint64        start_real_time_us)
{
  g_autoptr(SlCsvExport) export = sl_csv_export_new_ping (probes, target, method, payload_size,
                                                          start_real_time_us);

  return export != NULL ? sl_csv_export_to_bytes (export) : NULL;
}
