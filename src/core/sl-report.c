/* sl-report.c: the lab report: what the student did, in order, as HTML or Markdown.
 *
 * Adding a section turns the controller's state into blocks of plain text at once (see
 * sl-report-private.h), so the report never holds on to a controller and later runs cannot
 * change what it says. The renderers live in sl-report-html.c and sl-report-markdown.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sl-code-gen.h"
#include "sl-errno.h"
#include "sl-payload.h"
#include "sl-ping-compare.h"
#include "sl-report-private.h"
#include "sl-route-text.h"
#include "sl-utils.h"

struct _SlReport
{
  GObject    parent_instance;

  char      *title;
  char      *student_name;
  char      *student_id;
  char      *app_version;
  GDateTime *date;
  GPtrArray *sections;      /* SlReportSection */
  GPtrArray *steps;         /* char *, in order */
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_STUDENT_NAME,
  PROP_STUDENT_ID,
  PROP_APP_VERSION,
  PROP_DATE,
  PROP_N_SECTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SlReport, sl_report, G_TYPE_OBJECT)

void
sl_report_file_free (SlReportFile *file)
{
  if (file == NULL)
    return;
  g_free (file->name);
  g_clear_pointer (&file->contents, g_bytes_unref);
  g_free (file);
}

/* ---- blocks ------------------------------------------------------------------------ */

static void
row_free (SlReportRow *row)
{
  g_strfreev (row->cells);
  g_free (row);
}

static void
block_free (SlReportBlock *block)
{
  g_free (block->title);
  g_strfreev (block->header);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block->text);
  g_free (block->language);
  g_clear_pointer (&block->png, g_bytes_unref);
  g_free (block);
}

static void
section_free (SlReportSection *section)
{
  g_free (section->heading);
  g_free (section->anchor);
  g_ptr_array_unref (section->blocks);
  g_free (section);
}

static SlReportSection *
section_new (SlReport   *self,
             const char *heading)
{
  SlReportSection *section = g_new0 (SlReportSection, 1);

  section->heading = g_strdup (heading);
  section->anchor = g_strdup_printf ("section-%u", self->sections->len + 1);
  section->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  return section;
}

static void
section_commit (SlReport        *self,
                SlReportSection *section,
                const char      *step)
{
  g_ptr_array_add (self->sections, section);
  g_ptr_array_add (self->steps, g_strdup (step));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SECTIONS]);
}

static SlReportBlock *
block_add (SlReportSection   *section,
           SlReportBlockKind  kind,
           const char        *title)
{
  SlReportBlock *block = g_new0 (SlReportBlock, 1);

  block->kind = kind;
  block->title = g_strdup (title);
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_ptr_array_add (section->blocks, block);
  return block;
}

/* Appends a row of the given cells (NULL-terminated; NULL cells become ""). */
static SlReportRow *
row_add (SlReportBlock *block,
         ...)
{
  SlReportRow *row = g_new0 (SlReportRow, 1);
  GStrvBuilder *builder = g_strv_builder_new ();
  va_list args;
  const char *cell;

  va_start (args, block);
  while ((cell = va_arg (args, const char *)) != (const char *) -1)
    g_strv_builder_add (builder, cell != NULL ? cell : "");
  va_end (args);
  row->cells = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  g_ptr_array_add (block->rows, row);
  return row;
}

#define END ((const char *) -1)

static void
gap_add (SlReportBlock *block,
         guint64        left_out)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… %llu entry left out …",
                                                        "… %llu entries left out …", left_out),
                                           (unsigned long long) left_out);
  SlReportRow *row = row_add (block, text, END);

  row->gap = TRUE;
}

static void
text_add (SlReportSection   *section,
          SlReportBlockKind  kind,
          const char        *title,
          const char        *text)
{
  SlReportBlock *block = block_add (section, kind, title);

  block->text = g_strdup (text);
}

/* ---- the pieces sections share ------------------------------------------------------- */

/* Rows kept of n: the first head, the last tail, and whether a gap sits between. */
static gboolean
is_kept (guint position,
         guint n,
         guint head,
         guint tail)
{
  return n <= head + tail || position < head || position >= n - tail;
}

static void
add_calls (SlReportSection *section,
           const char      *title,
           SlTrace         *trace)
{
  GListModel *model = G_LIST_MODEL (trace);
  guint n = g_list_model_get_n_items (model);
  SlReportBlock *block;

  if (n == 0)
    return;
  block = block_add (section, SL_REPORT_BLOCK_CALLS, title);
  if (sl_trace_get_dropped (trace) > 0)
    gap_add (block, sl_trace_get_dropped (trace));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlTraceEvent) event = NULL;
      g_autofree char *line = NULL;
      g_autofree char *count = NULL;
      SlReportRow *row;

      if (!is_kept (i, n, SL_REPORT_CALLS_HEAD, SL_REPORT_CALLS_TAIL))
        {
          if (i == SL_REPORT_CALLS_HEAD)
            gap_add (block, n - SL_REPORT_CALLS_HEAD - SL_REPORT_CALLS_TAIL);
          continue;
        }
      event = g_list_model_get_item (model, i);
      line = sl_trace_event_format (event);
      if (sl_trace_event_get_count (event) > 1)
        count = g_strdup_printf ("×%" G_GUINT64_FORMAT, sl_trace_event_get_count (event));
      row = row_add (block, line, count, sl_trace_event_explain_call (event), END);
      row->failed = sl_trace_event_is_failure (event) && !sl_trace_event_is_expected (event);
    }
}

/* Every failed call with what its error means, in plain words. */
static void
add_trace_errors (SlReportBlock *block,
                  SlTrace       *trace)
{
  GListModel *model = G_LIST_MODEL (trace);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SlTraceEvent) event = g_list_model_get_item (model, i);
      g_autofree char *call = NULL;
      g_autofree char *result = NULL;
      g_autofree char *what = NULL;
      g_autofree char *why = NULL;

      if (!sl_trace_event_is_failure (event) || sl_trace_event_is_expected (event))
        continue;
      call = sl_trace_event_format_call (event);
      result = sl_trace_event_format_result (event);
      what = g_strconcat (call, result, NULL);
      why = sl_trace_event_explain_error (event);
      row_add (block, what, why, END);
    }
}

static char *
format_clock (gint64 real_time_us)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_local (real_time_us / G_USEC_PER_SEC);
  g_autofree char *clock = seconds != NULL ? g_date_time_format (seconds, "%H:%M:%S") : g_strdup ("");

  return g_strdup_printf ("%s.%03d", clock, (int) (real_time_us % G_USEC_PER_SEC / 1000));
}

/* The first characters of a long text, whole characters, with "…". */
static char *
shorten (const char *text)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= SL_REPORT_TEXT_MAX)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, SL_REPORT_TEXT_MAX);
  return g_strconcat (start, "…", NULL);
}

static void
add_log (SlReportSection *section,
         const char      *title,
         SlLog           *log)
{
  GListModel *model = G_LIST_MODEL (log);
  guint n = g_list_model_get_n_items (model);
  SlReportBlock *block;

  if (n == 0)
    return;
  block = block_add (section, SL_REPORT_BLOCK_TABLE, title);
  block->header = g_strdupv ((char *[]) { _("Time"), _("What"), _("Peer"), _("Data or message"), NULL });
  if (sl_log_get_dropped (log) > 0)
    gap_add (block, sl_log_get_dropped (log));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlLogEntry) entry = NULL;
      g_autofree char *time = NULL;
      g_autofree char *text = NULL;
      SlReportRow *row;

      if (!is_kept (i, n, SL_REPORT_LOG_HEAD, SL_REPORT_LOG_TAIL))
        {
          if (i == SL_REPORT_LOG_HEAD)
            gap_add (block, n - SL_REPORT_LOG_HEAD - SL_REPORT_LOG_TAIL);
          continue;
        }
      entry = g_list_model_get_item (model, i);
      time = format_clock (sl_log_entry_get_time_us (entry));
      /* The printable form: NUL, CR/LF and invalid UTF-8 are escapes, never raw bytes. */
      text = shorten (sl_log_entry_get_text (entry));
      row = row_add (block, time, sl_log_kind_get_label (sl_log_entry_get_kind (entry)),
                     sl_log_entry_get_peer (entry), text, END);
      row->failed = sl_log_entry_get_kind (entry) == SL_LOG_KIND_ERROR;
    }
}

static void
add_code (SlReportSection *section,
          char            *python)
{
  SlReportBlock *block = block_add (section, SL_REPORT_BLOCK_CODE, _("The same in Python"));

  block->text = python;
  block->language = g_strdup ("python");
}

static const char *
protocol_name (SlProtocol protocol)
{
  return protocol == SL_PROTOCOL_UDP ? "UDP" : "TCP";
}

/* ---- sections ------------------------------------------------------------------------ */

static char *
describe_outcome (int outcome)
{
  if (outcome == 0)
    return g_strdup (_("connected"));
  if (outcome == SL_OUTCOME_NOT_TRIED)
    return g_strdup (_("not tried"));
  return sl_errno_describe (outcome);
}

static char *
socket_line (SlTrace *trace)
{
  GListModel *model = G_LIST_MODEL (trace);

  /* The last socket () made is the one the run used. */
  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(SlTraceEvent) event = g_list_model_get_item (model, i - 1);

      if (sl_trace_event_get_call (event) == SL_TRACE_CALL_SOCKET)
        return sl_trace_event_format (event);
    }
  return NULL;
}

void
sl_report_add_connection (SlReport     *self,
                          SlConnection *connection)
{
  SlProtocol protocol;
  SlResolveResult *addresses;
  SlTrace *trace;
  g_autofree char *heading = NULL;
  g_autofree char *target = NULL;
  g_autofree char *socket = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *received = NULL;
  g_autofree char *step = NULL;
  SlCodeClient client;
  SlReportSection *section;
  SlReportBlock *facts, *errors;

  g_return_if_fail (SL_IS_REPORT (self));
  g_return_if_fail (SL_IS_CONNECTION (connection));

  protocol = sl_connection_get_protocol (connection);
  trace = sl_connection_get_trace (connection);
  heading = g_strdup_printf (_("%s connection to %s port %u"), protocol_name (protocol),
                             sl_connection_get_host (connection), sl_connection_get_port (connection));
  section = section_new (self, heading);
  facts = block_add (section, SL_REPORT_BLOCK_FACTS, NULL);
  target = g_strdup_printf ("%s, %s %u, %s", sl_connection_get_host (connection), _("port"),
                            sl_connection_get_port (connection), protocol_name (protocol));
  row_add (facts, _("Target"), target, END);

  addresses = sl_connection_get_addresses (connection);
  if (addresses != NULL)
    {
      int used = sl_connection_get_address_index (connection);

      for (guint i = 0; i < sl_resolve_result_get_n_addresses (addresses); i++)
        {
          g_autofree char *address = g_inet_address_to_string (sl_resolve_result_get_address (addresses, i));
          g_autofree char *outcome = describe_outcome (sl_connection_get_address_outcome (connection, i));
          g_autofree char *value = g_strdup_printf ("%s%s — %s", address,
                                                    (int) i == used ? _(" (the one used)") : "", outcome);

          row_add (facts, i == 0 ? _("Resolved addresses") : "", value, END);
        }
      if (sl_resolve_result_is_literal (addresses))
        row_add (facts, "", _("An IP address: no lookup was needed."), END);
    }
  socket = socket_line (trace);
  if (socket != NULL)
    row_add (facts, _("Socket"), socket, END);
  if (sl_connection_get_local_address (connection) != NULL)
    row_add (facts, _("Local address"), sl_connection_get_local_address (connection), END);
  if (sl_connection_get_remote_address (connection) != NULL)
    row_add (facts, _("Remote address"), sl_connection_get_remote_address (connection), END);
  sent = g_strdup_printf ("%" G_GUINT64_FORMAT, sl_connection_get_bytes_sent (connection));
  received = g_strdup_printf ("%" G_GUINT64_FORMAT, sl_connection_get_bytes_received (connection));
  row_add (facts, _("Bytes sent"), sent, END);
  row_add (facts, _("Bytes received"), received, END);
  if (sl_connection_get_closed_by_peer (connection))
    row_add (facts, _("Closed by"), _("the server"), END);

  errors = block_add (section, SL_REPORT_BLOCK_ERRORS, _("Errors"));
  if (sl_connection_get_error_message (connection) != NULL)
    row_add (errors, _("The connection failed"), sl_connection_get_error_message (connection), END);
  add_trace_errors (errors, trace);
  if (errors->rows->len == 0)
    g_ptr_array_remove (section->blocks, errors);

  add_calls (section, _("Socket calls"), trace);
  add_log (section, _("Conversation"), sl_connection_get_log (connection));
  sl_code_client_init_from_connection (&client, connection);
  add_code (section, sl_code_gen_client (&client, SL_CODE_LANGUAGE_PYTHON));

  step = g_strdup_printf (_("Connected to %s port %u over %s: %s bytes sent, %s received"),
                          sl_connection_get_host (connection), sl_connection_get_port (connection),
                          protocol_name (protocol), sent, received);
  if (sl_connection_get_state (connection) == SL_CONNECTION_STATE_FAILED)
    {
      g_free (step);
      step = g_strdup_printf (_("Tried to connect to %s port %u over %s: it failed"),
                              sl_connection_get_host (connection), sl_connection_get_port (connection),
                              protocol_name (protocol));
    }
  section_commit (self, section, step);
}

void
sl_report_add_port_check (SlReport          *self,
                          const char        *host,
                          guint16            port,
                          SlPortCheckResult *result,
                          SlTrace           *trace)
{
  g_autofree char *heading = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *step = NULL;
  SlCodePortCheck check = { .host = host, .port = port };
  SlReportSection *section;
  SlReportBlock *facts;

  g_return_if_fail (SL_IS_REPORT (self));
  g_return_if_fail (host != NULL);
  g_return_if_fail (SL_IS_PORT_CHECK_RESULT (result));

  heading = g_strdup_printf (_("Port check of %s port %u"), host, port);
  section = section_new (self, heading);
  facts = block_add (section, SL_REPORT_BLOCK_FACTS, NULL);
  outcome = sl_port_check_result_describe (result);
  row_add (facts, _("Result"), outcome, END);
  /* Translators: connect_ex () is Python's socket method: keep its name as it is. */
  row_add (facts, _("connect_ex () returned"), sl_port_check_result_get_errno_name (result), END);
  if (sl_port_check_result_get_address (result) != NULL)
    row_add (facts, _("Address tried"), sl_port_check_result_get_address (result), END);
  if (trace != NULL)
    add_calls (section, _("Socket calls"), trace);
  add_code (section, sl_code_gen_port_check (&check, SL_CODE_LANGUAGE_PYTHON));
  step = g_strdup_printf (_("Checked port %u on %s: %s"), port, host, outcome);
  section_commit (self, section, step);
}

static const char *
reply_mode_label (SlReplyMode mode)
{
  switch (mode)
    {
    case SL_REPLY_MODE_ECHO:
      return _("echo what arrives");
    case SL_REPLY_MODE_FIXED:
      return _("a fixed reply");
    case SL_REPLY_MODE_NONE:
    default:
      return _("no reply");
    }
}

static const char *
peer_state_label (SlPeerState state)
{
  switch (state)
    {
    case SL_PEER_STATE_CONNECTED:
      return _("connected");
    case SL_PEER_STATE_PAUSED:
      return _("paused (not reading)");
    case SL_PEER_STATE_CLOSING:
      return _("closing");
    case SL_PEER_STATE_CLOSED:
    default:
      return _("left");
    }
}

void
sl_report_add_server (SlReport *self,
                      SlServer *server)
{
  SlProtocol protocol;
  GListModel *peers;
  g_autofree char *heading = NULL;
  g_autofree char *address = NULL;
  g_autofree char *step = NULL;
  SlCodeServer config;
  SlReportSection *section;
  SlReportBlock *facts, *table;
  guint n_peers;

  g_return_if_fail (SL_IS_REPORT (self));
  g_return_if_fail (SL_IS_SERVER (server));

  protocol = sl_server_get_protocol (server);
  sl_code_server_init_from_server (&config, server);
  address = g_strdup_printf (_("%s port %u"), config.address != NULL && *config.address != '\0'
                                             ? config.address : SL_SERVER_DEFAULT_ADDRESS, config.port);
  heading = g_strdup_printf (_("%s server on %s"), protocol_name (protocol), address);
  section = section_new (self, heading);
  facts = block_add (section, SL_REPORT_BLOCK_FACTS, NULL);
  row_add (facts, _("Address"), address, END);
  row_add (facts, _("Protocol"), protocol_name (protocol), END);
  row_add (facts, _("Replies"), reply_mode_label (sl_server_get_reply_mode (server)), END);
  if (sl_server_get_reply_mode (server) == SL_REPLY_MODE_FIXED && sl_server_get_fixed_reply (server) != NULL)
    {
      g_autofree char *reply = sl_payload_to_printable (sl_server_get_fixed_reply (server));
      row_add (facts, _("Fixed reply"), reply, END);
    }

  peers = sl_server_get_peers (server);
  n_peers = g_list_model_get_n_items (peers);
  if (n_peers > 0)
    {
      table = block_add (section, SL_REPORT_BLOCK_TABLE, _("Clients"));
      table->header = g_strdupv ((char *[]) { _("Address"), _("Since"), _("Bytes in"), _("Bytes out"),
                                              _("State"), NULL });
      for (guint i = 0; i < n_peers; i++)
        {
          g_autoptr(SlPeer) peer = g_list_model_get_item (peers, i);
          g_autofree char *since = g_date_time_format (sl_peer_get_since (peer), "%H:%M:%S");
          g_autofree char *in = g_strdup_printf ("%" G_GUINT64_FORMAT, sl_peer_get_bytes_in (peer));
          g_autofree char *out = g_strdup_printf ("%" G_GUINT64_FORMAT, sl_peer_get_bytes_out (peer));

          row_add (table, sl_peer_get_label (peer), since, in, out,
                   peer_state_label (sl_peer_get_state (peer)), END);
        }
    }
  add_log (section, _("Log"), sl_server_get_log (server));
  add_calls (section, _("Socket calls"), sl_server_get_trace (server));
  add_code (section, sl_code_gen_server (&config, SL_CODE_LANGUAGE_PYTHON));
  step = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Ran a %s server on %s; %u client is connected",
                                       "Ran a %s server on %s; %u clients are connected", n_peers),
                          protocol_name (protocol), address, n_peers);
  section_commit (self, section, step);
}

static char *
ping_settings (SlPinger *pinger)
{
  char interval[G_ASCII_DTOSTR_BUF_SIZE], timeout[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *count = sl_pinger_get_count (pinger) > 0
    ? g_strdup_printf ("%u", sl_pinger_get_count (pinger)) : g_strdup (_("until stopped"));

  g_ascii_formatd (interval, sizeof interval, "%g", sl_pinger_get_interval (pinger));
  g_ascii_formatd (timeout, sizeof timeout, "%g", sl_pinger_get_timeout (pinger));
  return g_strdup_printf (_("%s probes, %s s apart, %u bytes of data, %s s timeout"), count, interval,
                          sl_pinger_get_payload_size (pinger), timeout);
}

void
sl_report_add_ping (SlReport  *self,
                    SlPinger **pingers,
                    guint      n_pingers,
                    GBytes    *chart_png)
{
  g_autoptr(GPtrArray) hosts = g_ptr_array_new ();
  g_autofree SlPingTarget *targets = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *step = NULL;
  g_autofree char *comparison = NULL;
  SlReportSection *section;

  g_return_if_fail (SL_IS_REPORT (self));
  g_return_if_fail (n_pingers > 0 && pingers != NULL);

  targets = g_new0 (SlPingTarget, n_pingers);
  for (guint i = 0; i < n_pingers; i++)
    {
      g_return_if_fail (SL_IS_PINGER (pingers[i]));
      g_ptr_array_add (hosts, (gpointer) sl_pinger_get_host (pingers[i]));
      targets[i] = (SlPingTarget) { sl_pinger_get_host (pingers[i]), sl_pinger_get_stats (pingers[i]) };
    }
  g_ptr_array_add (hosts, NULL);
  {
    g_autofree char *list = g_strjoinv (", ", (char **) hosts->pdata);

    heading = g_strdup_printf (_("Ping of %s"), list);
    step = g_strdup_printf (_("Pinged %s and compared the round-trip times"), list);
    if (n_pingers == 1)
      {
        g_free (step);
        step = g_strdup_printf (_("Pinged %s"), list);
      }
  }
  section = section_new (self, heading);

  for (guint i = 0; i < n_pingers; i++)
    {
      SlPinger *pinger = pingers[i];
      const SlPingStats *stats = sl_pinger_get_stats (pinger);
      g_autofree char *title = g_strdup (sl_pinger_get_host (pinger));
      g_autofree char *settings = ping_settings (pinger);
      g_autofree char *summary = sl_pinger_format_summary (pinger);
      g_autofree char *extra = sl_ping_stats_format_extra (stats);
      g_autofree char *statistics = NULL;
      g_autofree char *method = NULL;
      SlReportBlock *facts = block_add (section, SL_REPORT_BLOCK_FACTS, title);

      row_add (facts, _("Settings"), settings, END);
      if (sl_pinger_get_address (pinger) != NULL)
        row_add (facts, _("Address"), sl_pinger_get_address (pinger), END);
      method = g_strdup (sl_ping_method_to_string (sl_pinger_get_method (pinger)));
      row_add (facts, _("Method"), method, END);
      if (sl_pinger_get_method_explanation (pinger) != NULL)
        row_add (facts, _("Why this method"), sl_pinger_get_method_explanation (pinger), END);
      /* iputils' own lines, then ours on a line after them. */
      statistics = extra != NULL ? g_strconcat (summary, extra, "\n", NULL) : g_strdup (summary);
      text_add (section, SL_REPORT_BLOCK_PRE, NULL, statistics);
    }
  {
    SlReportBlock *meaning = block_add (section, SL_REPORT_BLOCK_FACTS, _("What the numbers mean"));

    row_add (meaning, _("Packets"), sl_ping_stats_explain_line (SL_PING_STATS_LINE_PACKETS), END);
    row_add (meaning, _("Round trips"), sl_ping_stats_explain_line (SL_PING_STATS_LINE_RTT), END);
    row_add (meaning, _("Variation"), sl_ping_stats_explain_line (SL_PING_STATS_LINE_EXTRA), END);
  }
  comparison = sl_ping_compare_format (targets, n_pingers);
  text_add (section, SL_REPORT_BLOCK_TEXT, n_pingers > 1 ? _("Comparison") : _("In short"), comparison);
  if (chart_png != NULL)
    {
      SlReportBlock *image = block_add (section, SL_REPORT_BLOCK_IMAGE, _("Round-trip times"));

      image->text = g_strdup (_("Round-trip time of each probe, in milliseconds, for each target."));
      image->png = g_bytes_ref (chart_png);
    }
  for (guint i = 0; i < n_pingers; i++)
    if (sl_pinger_get_trace (pingers[i]) != NULL)
      {
        g_autofree char *title = g_strdup_printf (_("Socket calls for %s"), sl_pinger_get_host (pingers[i]));
        add_calls (section, title, sl_pinger_get_trace (pingers[i]));
      }
  {
    SlCodePing ping;

    sl_code_ping_init_from_pinger (&ping, pingers[0]);
    add_code (section, sl_code_gen_ping (&ping, SL_CODE_LANGUAGE_PYTHON));
  }
  section_commit (self, section, step);
}

void
sl_report_add_image (SlReport   *self,
                     const char *title,
                     const char *description,
                     GBytes     *png)
{
  SlReportSection *section;
  SlReportBlock *image;

  g_return_if_fail (SL_IS_REPORT (self));
  g_return_if_fail (title != NULL && description != NULL && png != NULL);

  section = section_new (self, title);
  image = block_add (section, SL_REPORT_BLOCK_IMAGE, NULL);
  image->text = g_strdup (description);
  image->png = g_bytes_ref (png);
  g_ptr_array_add (self->sections, section);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SECTIONS]);
}

static void
add_hops (SlReportSection *section,
          SlRoute         *route)
{
  GListModel *hops = sl_route_get_hops (route);
  SlReportBlock *table = block_add (section, SL_REPORT_BLOCK_TABLE, _("Hops"));

  /* mtr's column names, so the table reads beside mtr's own report: not translated, in any
   * language (mtr prints them so in every locale), "Host" no more than the others. */
  table->header = g_strdupv ((char *[]) { "TTL", "Host", "Loss%", "Snt", "Last", "Avg", "Best", "Wrst",
                                          "StDev", NULL });
  for (guint i = 0; i < g_list_model_get_n_items (hops); i++)
    {
      g_autoptr(SlRouteHop) hop = g_list_model_get_item (hops, i);
      g_autofree char *ttl = g_strdup_printf ("%u", sl_route_hop_get_ttl (hop));
      g_autofree char *host = sl_route_hop_format_host (hop);
      g_autofree char *loss = sl_route_hop_format_loss (hop);
      g_autofree char *sent = g_strdup_printf ("%u", sl_route_hop_get_sent (hop));
      g_autofree char *last = sl_route_format_ms (sl_route_hop_get_last_us (hop));
      g_autofree char *avg = sl_route_format_ms (sl_route_hop_get_average_us (hop));
      g_autofree char *best = sl_route_format_ms (sl_route_hop_get_best_us (hop));
      g_autofree char *worst = sl_route_format_ms (sl_route_hop_get_worst_us (hop));
      g_autofree char *stdev = sl_route_format_ms (sl_route_hop_get_stdev_us (hop));

      row_add (table, ttl, host, loss, sent, last, avg, best, worst, stdev, END);
    }
}

void
sl_report_add_route (SlReport *self,
                     SlRoute  *route)
{
  g_autofree char *heading = NULL;
  g_autofree char *step = NULL;
  g_autofree char *rounds = NULL;
  g_auto(GStrv) commands = NULL;
  g_autofree char *command_text = NULL;
  SlReportSection *section;
  SlReportBlock *facts;
  guint n_hops;

  g_return_if_fail (SL_IS_REPORT (self));
  g_return_if_fail (SL_IS_ROUTE (route));

  n_hops = g_list_model_get_n_items (sl_route_get_hops (route));
  heading = g_strdup_printf (_("Route to %s"), sl_route_get_host (route));
  step = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Traced the route to %s: %u hop",
                                       "Traced the route to %s: %u hops", n_hops), sl_route_get_host (route), n_hops);
  section = section_new (self, heading);
  facts = block_add (section, SL_REPORT_BLOCK_FACTS, NULL);
  if (sl_route_get_address (route) != NULL)
    row_add (facts, _("Address"), sl_route_get_address (route), END);
  row_add (facts, _("Method"), sl_route_method_to_string (sl_route_get_method_used (route)), END);
  if (sl_route_get_method_explanation (route) != NULL)
    row_add (facts, _("Why this method"), sl_route_get_method_explanation (route), END);
  rounds = g_strdup_printf ("%u", sl_route_get_round (route));
  row_add (facts, _("Rounds"), rounds, END);
  row_add (facts, _("Destination"), sl_route_get_destination_reached (route) ? _("Answered") : _("Did not answer"), END);
  if (sl_route_get_path_mtu (route) > 0)
    {
      g_autofree char *mtu = g_strdup_printf (_("%u bytes"), sl_route_get_path_mtu (route));
      row_add (facts, _("Path MTU"), mtu, END);
    }
  add_hops (section, route);
  if (sl_route_get_trace (route) != NULL)
    add_calls (section, _("Socket calls"), sl_route_get_trace (route));
  commands = sl_route_get_equivalent_commands (route);
  command_text = g_strjoinv ("\n", commands);
  text_add (section, SL_REPORT_BLOCK_PRE, _("The same from a terminal"), command_text);
  section_commit (self, section, step);
}

void
sl_report_add_step (SlReport   *self,
                    const char *step)
{
  g_return_if_fail (SL_IS_REPORT (self));
  g_return_if_fail (step != NULL);

  g_ptr_array_add (self->steps, g_strdup (step));
}

void
sl_report_append (SlReport *self,
                  SlReport *other)
{
  g_return_if_fail (SL_IS_REPORT (self));
  g_return_if_fail (SL_IS_REPORT (other) && other != self);

  for (guint i = 0; i < other->sections->len; i++)
    {
      SlReportSection *from = g_ptr_array_index (other->sections, i);
      SlReportSection *section = section_new (self, from->heading);

      /* Blocks never change once added: the two reports share them. */
      g_ptr_array_unref (section->blocks);
      section->blocks = g_ptr_array_ref (from->blocks);
      g_ptr_array_add (self->sections, section);
    }
  for (guint i = 0; i < other->steps->len; i++)
    g_ptr_array_add (self->steps, g_strdup (g_ptr_array_index (other->steps, i)));
  if (other->sections->len > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SECTIONS]);
}

guint
sl_report_get_n_sections (SlReport *self)
{
  g_return_val_if_fail (SL_IS_REPORT (self), 0);
  return self->sections->len;
}

/* ---- what the renderers read ---------------------------------------------------------- */

GPtrArray *
sl_report_get_sections (SlReport *self)
{
  return self->sections;
}

GPtrArray *
sl_report_get_steps (SlReport *self)
{
  return self->steps;
}

const char *
sl_report_get_heading (SlReport *self)
{
  return self->title != NULL && *self->title != '\0' ? self->title : _("Socket Lab report");
}

char *
sl_report_format_footer (SlReport *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (self->date != NULL ? self->date : now, "%Y-%m-%d %H:%M");

  return g_strdup_printf (_("Made with Socket Lab %s on %s"), self->app_version, date);
}

char *
sl_report_to_html (SlReport *self)
{
  g_return_val_if_fail (SL_IS_REPORT (self), NULL);
  return sl_report_render_html (self);
}

char *
sl_report_to_markdown (SlReport    *self,
                       const char  *image_prefix,
                       GPtrArray  **out_images)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_report_file_free);
  char *markdown;

  g_return_val_if_fail (SL_IS_REPORT (self), NULL);
  g_return_val_if_fail (image_prefix != NULL && *image_prefix != '\0', NULL);

  markdown = sl_report_render_markdown (self, image_prefix, images);
  if (out_images != NULL)
    *out_images = g_steal_pointer (&images);
  return markdown;
}

/* ---- properties ------------------------------------------------------------------------ */

const char *
sl_report_get_title (SlReport *self)
{
  g_return_val_if_fail (SL_IS_REPORT (self), NULL);
  return self->title;
}

void
sl_report_set_title (SlReport   *self,
                     const char *title)
{
  g_return_if_fail (SL_IS_REPORT (self));
  sl_set_string_prop (G_OBJECT (self), &self->title, title, properties[PROP_TITLE]);
}

const char *
sl_report_get_student_name (SlReport *self)
{
  g_return_val_if_fail (SL_IS_REPORT (self), NULL);
  return self->student_name;
}

void
sl_report_set_student_name (SlReport   *self,
                            const char *name)
{
  g_return_if_fail (SL_IS_REPORT (self));
  sl_set_string_prop (G_OBJECT (self), &self->student_name, name, properties[PROP_STUDENT_NAME]);
}

const char *
sl_report_get_student_id (SlReport *self)
{
  g_return_val_if_fail (SL_IS_REPORT (self), NULL);
  return self->student_id;
}

void
sl_report_set_student_id (SlReport   *self,
                          const char *student_id)
{
  g_return_if_fail (SL_IS_REPORT (self));
  sl_set_string_prop (G_OBJECT (self), &self->student_id, student_id, properties[PROP_STUDENT_ID]);
}

const char *
sl_report_get_app_version (SlReport *self)
{
  g_return_val_if_fail (SL_IS_REPORT (self), NULL);
  return self->app_version;
}

void
sl_report_set_app_version (SlReport   *self,
                           const char *version)
{
  g_return_if_fail (SL_IS_REPORT (self));
  sl_set_string_prop (G_OBJECT (self), &self->app_version, version != NULL ? version : PACKAGE_VERSION,
                      properties[PROP_APP_VERSION]);
}

GDateTime *
sl_report_get_date (SlReport *self)
{
  g_return_val_if_fail (SL_IS_REPORT (self), NULL);
  return self->date;
}

void
sl_report_set_date (SlReport  *self,
                    GDateTime *date)
{
  g_return_if_fail (SL_IS_REPORT (self));

  if (self->date == date || (self->date != NULL && date != NULL && g_date_time_equal (self->date, date)))
    return;
  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = date != NULL ? g_date_time_ref (date) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

static void
sl_report_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SlReport *self = SL_REPORT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_STUDENT_NAME:
      g_value_set_string (value, self->student_name);
      break;
    case PROP_STUDENT_ID:
      g_value_set_string (value, self->student_id);
      break;
    case PROP_APP_VERSION:
      g_value_set_string (value, self->app_version);
      break;
    case PROP_DATE:
      g_value_set_boxed (value, self->date);
      break;
    case PROP_N_SECTIONS:
      g_value_set_uint (value, self->sections->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_report_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SlReport *self = SL_REPORT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      sl_report_set_title (self, g_value_get_string (value));
      break;
    case PROP_STUDENT_NAME:
      sl_report_set_student_name (self, g_value_get_string (value));
      break;
    case PROP_STUDENT_ID:
      sl_report_set_student_id (self, g_value_get_string (value));
      break;
    case PROP_APP_VERSION:
      sl_report_set_app_version (self, g_value_get_string (value));
      break;
    case PROP_DATE:
      sl_report_set_date (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_report_finalize (GObject *object)
{
  SlReport *self = SL_REPORT (object);

  g_free (self->title);
  g_free (self->student_name);
  g_free (self->student_id);
  g_free (self->app_version);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_ptr_array_unref (self->sections);
  g_ptr_array_unref (self->steps);

  G_OBJECT_CLASS (sl_report_parent_class)->finalize (object);
}

static void
sl_report_class_init (SlReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sl_report_finalize;
  object_class->get_property = sl_report_get_property;
  object_class->set_property = sl_report_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_STUDENT_NAME] = g_param_spec_string ("student-name", NULL, NULL, NULL, flags);
  properties[PROP_STUDENT_ID] = g_param_spec_string ("student-id", NULL, NULL, NULL, flags);
  properties[PROP_APP_VERSION] = g_param_spec_string ("app-version", NULL, NULL, PACKAGE_VERSION, flags);
  properties[PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_N_SECTIONS] = g_param_spec_uint ("n-sections", NULL, NULL, 0, G_MAXUINT, 0,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_report_init (SlReport *self)
{
  self->app_version = g_strdup (PACKAGE_VERSION);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->steps = g_ptr_array_new_with_free_func (g_free);
}

SlReport *
sl_report_new (void)
{
  return g_object_new (SL_TYPE_REPORT, NULL);
}
