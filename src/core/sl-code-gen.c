/* sl-code-gen.c: the program a student would write to do what Socket Lab just did.
 *
 * This file reads the run (controllers, trace) and escapes literals; one file per language
 * writes the program (sl-code-gen-python.c, -c.c, -shell.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/socket.h>

#include "sl-code-gen-private.h"
#include "sl-port-check.h"

/* ---- reading a run ------------------------------------------------------------------- */

void
sl_code_client_init_from_connection (SlCodeClient *client,
                                     SlConnection *connection)
{
  SlTrace *trace;
  guint n;

  g_return_if_fail (client != NULL);
  g_return_if_fail (SL_IS_CONNECTION (connection));

  trace = sl_connection_get_trace (connection);
  *client = (SlCodeClient) {
    .protocol = sl_connection_get_protocol (connection),
    .host = sl_connection_get_host (connection),
    .port = sl_connection_get_port (connection),
    .timeout_s = sl_connection_get_timeout (connection),
    .trace = trace,
  };
  switch (sl_connection_get_family (connection))
    {
    case G_SOCKET_FAMILY_IPV4:
      client->family = AF_INET;
      break;
    case G_SOCKET_FAMILY_IPV6:
      client->family = AF_INET6;
      break;
    default:
      client->family = AF_UNSPEC;
      break;
    }
  /* The family of the socket really used: the last one made. */
  n = g_list_model_get_n_items (G_LIST_MODEL (trace));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(SlTraceEvent) event = g_list_model_get_item (G_LIST_MODEL (trace), i - 1);

      if (sl_trace_event_get_call (event) == SL_TRACE_CALL_SOCKET && sl_trace_event_get_result (event) >= 0)
        {
          client->family = sl_trace_event_get_family (event);
          break;
        }
    }
}

void
sl_code_server_init_from_server (SlCodeServer *server,
                                 SlServer     *source)
{
  g_return_if_fail (server != NULL);
  g_return_if_fail (SL_IS_SERVER (source));

  *server = (SlCodeServer) {
    .protocol = sl_server_get_protocol (source),
    .address = sl_server_get_address (source),
    /* Port 0 asked for any free port: the code uses the one the run got. */
    .port = sl_server_get_bound_port (source) > 0 ? sl_server_get_bound_port (source) : sl_server_get_port (source),
    .reply_mode = sl_server_get_reply_mode (source),
    .fixed_reply = sl_server_get_fixed_reply (source),
  };
}

void
sl_code_ping_init_from_pinger (SlCodePing *ping,
                               SlPinger   *pinger)
{
  g_return_if_fail (ping != NULL);
  g_return_if_fail (SL_IS_PINGER (pinger));

  *ping = (SlCodePing) {
    .host = sl_pinger_get_host (pinger),
    .method = sl_pinger_get_running (pinger) || sl_pinger_get_address (pinger) != NULL
              ? sl_pinger_get_method (pinger) : sl_pinger_get_method_preference (pinger),
    .family = sl_pinger_get_family (pinger) == G_SOCKET_FAMILY_IPV4 ? AF_INET
              : sl_pinger_get_family (pinger) == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_UNSPEC,
    .count = sl_pinger_get_count (pinger),
    .interval = sl_pinger_get_interval (pinger),
    .timeout = sl_pinger_get_timeout (pinger),
    .payload_size = sl_pinger_get_payload_size (pinger),
    .tcp_port = sl_pinger_get_tcp_port (pinger),
  };
}

static void
step_free (SlCodeStep *step)
{
  g_clear_pointer (&step->data, g_bytes_unref);
  g_free (step);
}

static void
add_event (GPtrArray    *steps,
           SlProtocol    protocol,
           SlTraceEvent *event)
{
  SlTraceCall call = sl_trace_event_get_call (event);
  gint64 result = sl_trace_event_get_result (event);
  SlCodeStep *last = steps->len > 0 ? g_ptr_array_index (steps, steps->len - 1) : NULL;
  SlCodeStep *step;

  if ((call == SL_TRACE_CALL_SEND || call == SL_TRACE_CALL_SENDTO) && result > 0)
    {
      GBytes *data = sl_trace_event_get_data (event);
      gsize kept = data != NULL ? MIN ((gsize) result, g_bytes_get_size (data)) : 0;

      step = g_new0 (SlCodeStep, 1);
      step->kind = SL_CODE_STEP_SEND;
      /* What the kernel took; a short send's rest follows as the next send. */
      step->data = data != NULL ? g_bytes_new_from_bytes (data, 0, kept) : g_bytes_new (NULL, 0);
      step->truncated = kept < (gsize) result;
      g_ptr_array_add (steps, step);
    }
  else if ((call == SL_TRACE_CALL_RECV || call == SL_TRACE_CALL_RECVFROM) && result > 0)
    {
      if (protocol == SL_PROTOCOL_TCP && last != NULL && last->kind == SL_CODE_STEP_RECEIVE)
        {
          last->size += result;
          return;
        }
      step = g_new0 (SlCodeStep, 1);
      step->kind = SL_CODE_STEP_RECEIVE;
      step->size = result;
      g_ptr_array_add (steps, step);
    }
  else if (call == SL_TRACE_CALL_RECV && result == 0 && protocol == SL_PROTOCOL_TCP)
    {
      step = g_new0 (SlCodeStep, 1);
      step->kind = SL_CODE_STEP_PEER_CLOSED;
      g_ptr_array_add (steps, step);
    }
}

GPtrArray *
sl_code_client_get_steps (const SlCodeClient *client)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  GListModel *model;
  guint n;

  if (client->trace == NULL)
    return steps;
  model = G_LIST_MODEL (client->trace);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n;)
    {
      g_autoptr(SlTraceEvent) first = g_list_model_get_item (model, i);
      guint length = sl_trace_event_get_cycle_length (first);
      g_autoptr(GPtrArray) cycle = g_ptr_array_new_with_free_func (g_object_unref);
      guint64 rounds = 0;

      /* Folded rows are a cycle that really happened count times over, in order: unfold it.
       * The last round may stop partway (later rows have one count fewer). */
      length = CLAMP (length, 1, n - i);
      for (guint j = 0; j < length; j++)
        {
          SlTraceEvent *event = g_list_model_get_item (model, i + j);

          rounds = MAX (rounds, sl_trace_event_get_count (event));
          g_ptr_array_add (cycle, event);
        }
      for (guint64 round = 0; round < rounds; round++)
        for (guint j = 0; j < length; j++)
          if (round < sl_trace_event_get_count (g_ptr_array_index (cycle, j)))
            add_event (steps, client->protocol, g_ptr_array_index (cycle, j));
      i += length;
    }
  return steps;
}

gboolean
sl_code_client_did_shutdown (const SlCodeClient *client)
{
  GListModel *model;
  guint n;

  if (client->trace == NULL)
    return FALSE;
  model = G_LIST_MODEL (client->trace);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlTraceEvent) event = g_list_model_get_item (model, i);

      if (sl_trace_event_get_call (event) == SL_TRACE_CALL_SHUTDOWN && sl_trace_event_get_result (event) == 0)
        return TRUE;
    }
  return FALSE;
}

int
sl_code_pick_family (int         family,
                     const char *host)
{
  if (family == AF_INET || family == AF_INET6)
    return family;
  if (host != NULL && strchr (host, ':') != NULL)
    return AF_INET6;
  return AF_INET;
}

char *
sl_code_format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", value));
}

const char *
sl_code_server_address (const SlCodeServer *server)
{
  return server->address != NULL && *server->address != '\0' ? server->address : SL_SERVER_DEFAULT_ADDRESS;
}

char *
sl_code_ping_command (const SlCodePing *ping)
{
  g_autofree char *interval = sl_code_format_number (ping->interval > 0 ? ping->interval : SL_PINGER_DEFAULT_INTERVAL);
  g_autofree char *timeout = sl_code_format_number (ping->timeout > 0 ? ping->timeout : SL_PINGER_DEFAULT_TIMEOUT);
  g_autofree char *host = sl_code_shell_word (ping->host);

  return g_strdup_printf ("ping -c %u -i %s -s %u -W %s%s %s", ping->count > 0 ? ping->count : 4, interval,
                          ping->payload_size, timeout,
                          ping->family == AF_INET ? " -4" : ping->family == AF_INET6 ? " -6" : "", host);
}

/* ---- literals ------------------------------------------------------------------------ */

char *
sl_code_shell_word (const char *text)
{
  /* Hosts and addresses usually need no quotes; anything else is quoted whole. */
  if (*text != '\0' && strspn (text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.:-_[]%")
                        == strlen (text))
    return g_strdup (text);
  return g_shell_quote (text);
}

char *
sl_code_python_string (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

  out = g_string_new ("'");
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\\' || c == '\'')
        g_string_append_printf (out, "\\%c", (char) c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c >= 0x20 && c < 0x7f)
        g_string_append_c (out, (char) c);
      else if (c < 0x100)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c < 0x10000)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_printf (out, "\\U%08x", c);
    }
  g_string_append_c (out, '\'');
  return g_string_free (out, FALSE);
}

char *
sl_code_c_string (const guint8 *data,
                  gsize         len,
                  guint         indent)
{
  GString *out = g_string_new ("\"");
  gsize line_start = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  for (gsize i = 0; i < len; i++)
    {
      guint8 c = data[i];

      if (c == '\\' || c == '"')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '?')
        g_string_append (out, "\\?");   /* "??=" would be a trigraph under -std=c11 */
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c >= 0x20 && c < 0x7f)
        g_string_append_c (out, c);
      else
        /* Octal takes at most three digits, so a digit after it is safe (\x would eat it). */
        g_string_append_printf (out, "\\%03o", c);
      if (i + 1 < len && (c == '\n' || out->len - line_start > 72))
        {
          g_string_append_printf (out, "\"\n%*s\"", (int) indent, "");
          line_start = out->len - indent - 1;
        }
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

char *
sl_code_shell_printf_format (const guint8 *data,
                             gsize         len)
{
  GString *out = g_string_new ("'");

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  /* Inside single quotes the shell changes nothing; printf then reads \ and % itself. */
  for (gsize i = 0; i < len; i++)
    {
      guint8 c = data[i];

      if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c == '%')
        g_string_append (out, "%%");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c >= 0x20 && c < 0x7f && c != '\'')
        g_string_append_c (out, c);
      else
        g_string_append_printf (out, "\\%03o", c);
    }
  g_string_append_c (out, '\'');
  return g_string_free (out, FALSE);
}

/* ---- dispatch ------------------------------------------------------------------------ */

static const SlCodeGenerator *
generator (SlCodeLanguage language)
{
  switch (language)
    {
    case SL_CODE_LANGUAGE_PYTHON:
      return &sl_code_python_generator;
    case SL_CODE_LANGUAGE_C:
      return &sl_code_c_generator;
    case SL_CODE_LANGUAGE_SHELL:
      return &sl_code_shell_generator;
    default:
      return NULL;
    }
}

char *
sl_code_gen_client (const SlCodeClient *client,
                    SlCodeLanguage      language)
{
  const SlCodeGenerator *gen = generator (language);

  g_return_val_if_fail (client != NULL && client->host != NULL && gen != NULL, NULL);
  return gen->client (client);
}

char *
sl_code_gen_port_check (const SlCodePortCheck *check,
                        SlCodeLanguage         language)
{
  const SlCodeGenerator *gen = generator (language);

  g_return_val_if_fail (check != NULL && check->host != NULL && gen != NULL, NULL);
  return gen->port_check (check);
}

char *
sl_code_gen_server (const SlCodeServer *server,
                    SlCodeLanguage      language)
{
  const SlCodeGenerator *gen = generator (language);

  g_return_val_if_fail (server != NULL && gen != NULL, NULL);
  return gen->server (server);
}

char *
sl_code_gen_ping (const SlCodePing *ping,
                  SlCodeLanguage    language)
{
  const SlCodeGenerator *gen = generator (language);

  g_return_val_if_fail (ping != NULL && ping->host != NULL && gen != NULL, NULL);
  return gen->ping (ping);
}

/* An unknown language reads as the shell, as before there were more. */
static const SlCodeGenerator *
generator_or_shell (SlCodeLanguage language)
{
  return generator (language) != NULL ? generator (language) : &sl_code_shell_generator;
}

const char *
sl_code_language_get_label (SlCodeLanguage language)
{
  return _(generator_or_shell (language)->label);
}

const char *
sl_code_language_get_extension (SlCodeLanguage language)
{
  return generator_or_shell (language)->extension;
}
