/* sl-code-gen-shell.c: the run as shell commands: nc(1) and ping(8).
 *
 * For OpenBSD netcat, the nc of Debian and Ubuntu ("netcat-openbsd"): -N closes the
 * sending side at the end of input (the app's shutdown ()), -w is the timeout. Bytes go
 * through printf(1), whose format reads octal escapes, so any byte (NUL included) survives
 * a POSIX shell; the format is single-quoted, so the shell itself changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sys/socket.h>

#include "sl-code-gen-private.h"
#include "sl-port-check.h"

static const char *
family_option (int family)
{
  return family == AF_INET ? " -4" : family == AF_INET6 ? " -6" : "";
}

static void
append_header (GString    *out,
               const char *what)
{
  g_string_append_printf (out, "#!/bin/sh\n# %s, as Socket Lab did it, with nc (OpenBSD netcat).\n", what);
}

static void
append_printf (GString *out,
               GBytes  *bytes)
{
  gsize len = 0;
  const guint8 *data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;
  g_autofree char *format = sl_code_shell_printf_format (data, len);

  g_string_append_printf (out, "printf %s", format);
}

static char *
shell_client (const SlCodeClient *client)
{
  g_autoptr(GPtrArray) steps = sl_code_client_get_steps (client);
  gboolean tcp = client->protocol == SL_PROTOCOL_TCP;
  g_autofree char *host = sl_code_shell_word (client->host);
  guint timeout = client->timeout_s > 0 ? client->timeout_s : SL_CONNECTION_DEFAULT_TIMEOUT;
  GString *out = g_string_new (NULL);
  guint n_sends = 0;

  append_header (out, tcp ? "A TCP client" : "A UDP client");
  g_string_append (out, tcp ? "# What was sent goes in, in order; the replies come out.\n"
                            "# -N: end the connection after the input, -w: give up after that many seconds.\n"
                            : "# Each printf is one datagram (the pause keeps them apart); the replies come out.\n"
                              "# -u: UDP, -w: wait that many seconds for replies after the input.\n");
  g_string_append (out, "{\n");
  for (guint i = 0; i < steps->len; i++)
    {
      SlCodeStep *step = g_ptr_array_index (steps, i);

      if (step->kind != SL_CODE_STEP_SEND)
        continue;
      if (!tcp && n_sends > 0)
        g_string_append (out, "  sleep 0.2\n");
      g_string_append (out, "  ");
      append_printf (out, step->data);
      g_string_append_c (out, '\n');
      n_sends++;
    }
  if (n_sends == 0)
    g_string_append (out, "  :  # nothing was sent\n");
  if (tcp)
    g_string_append_printf (out, "} | nc -N -w %u%s %s %u\n", timeout, family_option (client->family), host,
                            client->port);
  else
    g_string_append_printf (out, "} | nc -u -w %u%s %s %u\n", timeout, family_option (client->family), host,
                            client->port);
  return g_string_free (out, FALSE);
}

static char *
shell_port_check (const SlCodePortCheck *check)
{
  g_autofree char *host = sl_code_shell_word (check->host);
  guint timeout_ms = check->timeout_ms > 0 ? check->timeout_ms : SL_PORT_CHECK_DEFAULT_TIMEOUT_MS;
  GString *out = g_string_new (NULL);

  append_header (out, "A port check");
  g_string_append_printf (out,
                          "# -z: only connect, send nothing (like connect_ex ()); -w: timeout in seconds.\n"
                          "if nc -z -w %u%s %s %u; then\n"
                          "  echo 'Port %u is open'\n"
                          "else\n"
                          "  echo 'Port %u is closed'\n"
                          "fi\n",
                          MAX (1, (timeout_ms + 999) / 1000), family_option (check->family), host, check->port,
                          check->port, check->port);
  return g_string_free (out, FALSE);
}

static char *
shell_server (const SlCodeServer *server)
{
  g_autofree char *address = sl_code_shell_word (sl_code_server_address (server));
  const char *udp = server->protocol == SL_PROTOCOL_UDP ? "-u " : "";
  GString *out = g_string_new (NULL);

  append_header (out, server->protocol == SL_PROTOCOL_TCP ? "A TCP server" : "A UDP server");
  switch (server->reply_mode)
    {
    case SL_REPLY_MODE_ECHO:
      /* nc has no echo mode: what it receives (stdout) is fed back to its input (stdin)
       * through a named pipe, and tee shows it on the terminal too. */
      g_string_append_printf (out,
                              "# Echo: what comes in goes back out, through a named pipe. One client; Ctrl+C stops.\n"
                              "pipe=$(mktemp -u) && mkfifo \"$pipe\" || exit 1\n"
                              "trap 'rm -f \"$pipe\"' EXIT\n"
                              "cat \"$pipe\" | nc %s-l %s %u | tee \"$pipe\"\n",
                              udp, address, server->port);
      break;
    case SL_REPLY_MODE_FIXED:
      g_string_append (out, "# The reply is sent to each client once, as it connects (Socket Lab sends it\n"
                            "# after every message). What the client sends is shown. Ctrl+C stops.\n"
                            "while true; do\n  ");
      append_printf (out, server->fixed_reply);
      g_string_append_printf (out, " | nc %s-l %s %u\ndone\n", udp, address, server->port);
      break;
    case SL_REPLY_MODE_NONE:
    default:
      g_string_append_printf (out, "# Shows what one client sends, replies nothing. Ctrl+C stops.\n"
                                   "nc %s-l %s %u\n", udp, address, server->port);
      break;
    }
  return g_string_free (out, FALSE);
}

static char *
shell_ping (const SlCodePing *ping)
{
  g_autofree char *command = sl_code_ping_command (ping);
  g_autofree char *host = sl_code_shell_word (ping->host);
  g_autofree char *interval = sl_code_format_number (ping->interval > 0 ? ping->interval : SL_PINGER_DEFAULT_INTERVAL);
  double timeout = ping->timeout > 0 ? ping->timeout : SL_PINGER_DEFAULT_TIMEOUT;
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "#!/bin/sh\n"
                               "# Ping, as Socket Lab did it: -c probes, -i seconds apart, -s bytes of data,\n"
                               "# -W seconds to wait for each reply.\n"
                               "%s\n", command);
  if (ping->method == SL_PING_METHOD_TCP)
    g_string_append_printf (out,
                            "\n# Socket Lab timed TCP connections instead (ICMP was not allowed): the same\n"
                            "# with nc -z, one connection per probe.\n"
                            "for seq in $(seq 1 %u); do\n"
                            "  start=$(date +%%s%%N)\n"
                            "  if nc -z -w %u%s %s %u; then\n"
                            "    echo \"seq=$seq time=$(( ($(date +%%s%%N) - start) / 1000 )) us\"\n"
                            "  else\n"
                            "    echo \"seq=$seq: no answer\"\n"
                            "  fi\n"
                            "  sleep %s\n"
                            "done\n",
                            ping->count > 0 ? ping->count : 4, MAX (1, (guint) (timeout + 0.999)),
                            family_option (ping->family), host,
                            ping->tcp_port > 0 ? ping->tcp_port : SL_PINGER_DEFAULT_TCP_PORT, interval);
  return g_string_free (out, FALSE);
}

const SlCodeGenerator sl_code_shell_generator = {
  .label = N_("Shell"),
  .extension = "sh",
  .client = shell_client,
  .port_check = shell_port_check,
  .server = shell_server,
  .ping = shell_ping,
};
