/* sl-code-gen-python.c: the run as a Python 3 program, in the style of a networking lab:
 * module-level constants, the socket module's names, try/except around what can fail.
 *
 * The programs are written in English, like the socket API they show; the comments explain
 * each call as the Socket Calls panel does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/socket.h>

#include "sl-code-gen-private.h"
#include "sl-port-check.h"
#include "sl-socket-util.h"

static const char *
python_family (int family)
{
  return family == AF_INET6 ? "socket.AF_INET6" : "socket.AF_INET";
}

/* The lookup, as a lab teaches it: gethostbyname () for IPv4 (one address), getaddrinfo ()
 * for IPv6; both raise socket.gaierror when the name does not exist. */
static void
append_lookup (GString    *out,
               int         family,
               const char *type)
{
  g_string_append (out, "# Look the name up; a name that does not exist raises socket.gaierror.\ntry:\n");
  if (family == AF_INET6)
    g_string_append_printf (out, "    address = socket.getaddrinfo(HOST, PORT, socket.AF_INET6, %s)[0][4]\n", type);
  else
    g_string_append (out, "    address = (socket.gethostbyname(HOST), PORT)\n");
  g_string_append (out,
                   "except socket.gaierror as error:\n"
                   "    print(f'Could not resolve {HOST}: {error}', file=sys.stderr)\n"
                   "    sys.exit(1)\n"
                   "print('Resolved', HOST, 'to', address[0])\n\n");
}

static void
append_header (GString    *out,
               const char *what,
               const char *imports)
{
  g_string_append_printf (out, "#!/usr/bin/env python3\n"
                               "# %s, as Socket Lab did it, written with Python's socket module.\n"
                               "%s\n", what, imports);
}

static void
append_constants (GString    *out,
                  const char *host,
                  guint       port)
{
  g_autofree char *literal = sl_code_python_string (host);

  g_string_append_printf (out, "HOST = %s\nPORT = %u\n", literal, port);
}

static void
append_bytes_literal (GString *out,
                      GBytes  *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree char *literal = sl_bytes_to_python_literal (data, len);

  g_string_append (out, literal);
}

static char *
python_client (const SlCodeClient *client)
{
  g_autoptr(GPtrArray) steps = sl_code_client_get_steps (client);
  gboolean tcp = client->protocol == SL_PROTOCOL_TCP;
  int family = sl_code_pick_family (client->family, client->host);
  const char *type = tcp ? "socket.SOCK_STREAM" : "socket.SOCK_DGRAM";
  gboolean exact = FALSE;
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < steps->len; i++)
    exact |= ((SlCodeStep *) g_ptr_array_index (steps, i))->kind == SL_CODE_STEP_RECEIVE && tcp;

  append_header (out, tcp ? "A TCP client" : "A UDP client", "import socket\nimport sys\n");
  append_constants (out, client->host, client->port);
  g_string_append_printf (out, "TIMEOUT = %u  # seconds, for connecting and for each reply\n\n",
                          client->timeout_s > 0 ? client->timeout_s : SL_CONNECTION_DEFAULT_TIMEOUT);
  if (exact)
    g_string_append (out,
                     "\n"
                     "def recv_exactly(sock, size):\n"
                     "    \"\"\"TCP is a stream: a reply may come in pieces. Read until size bytes came,\n"
                     "    or the server closed the connection.\"\"\"\n"
                     "    data = b''\n"
                     "    while len(data) < size:\n"
                     "        chunk = sock.recv(size - len(data))\n"
                     "        if not chunk:\n"
                     "            break\n"
                     "        data += chunk\n"
                     "    return data\n"
                     "\n\n");
  append_lookup (out, family, type);
  g_string_append_printf (out, "s = socket.socket(%s, %s)\n", python_family (family), type);
  g_string_append (out, "s.settimeout(TIMEOUT)\ntry:\n");
  if (tcp)
    g_string_append (out, "    # The three-way handshake: SYN, SYN-ACK, ACK.\n"
                          "    s.connect(address)\n"
                          "    print('Connected from', s.getsockname(), 'to', s.getpeername())\n");
  for (guint i = 0; i < steps->len; i++)
    {
      SlCodeStep *step = g_ptr_array_index (steps, i);

      switch (step->kind)
        {
        case SL_CODE_STEP_SEND:
          if (step->truncated)
            g_string_append (out, "    # Only the first bytes of this send were kept in the trace.\n");
          g_string_append_printf (out, "    data = ");
          append_bytes_literal (out, step->data);
          g_string_append (out, tcp ? "\n    s.sendall(data)\n" : "\n    s.sendto(data, address)\n");
          g_string_append (out, "    print('Sent', len(data), 'bytes:', data)\n");
          break;
        case SL_CODE_STEP_RECEIVE:
          if (tcp)
            g_string_append_printf (out, "    reply = recv_exactly(s, %" G_GSIZE_FORMAT ")\n"
                                         "    print('Received', len(reply), 'bytes:', reply)\n", step->size);
          else
            g_string_append (out, "    reply, sender = s.recvfrom(65536)\n"
                                  "    print('Received', len(reply), 'bytes from', sender, ':', reply)\n");
          break;
        case SL_CODE_STEP_PEER_CLOSED:
        default:
          g_string_append (out, "    if s.recv(65536) == b'':\n"
                                "        print('The server closed the connection')\n");
          break;
        }
    }
  if (tcp && sl_code_client_did_shutdown (client))
    g_string_append (out, "    # Tell the server we are done sending and receiving.\n"
                          "    s.shutdown(socket.SHUT_RDWR)\n");
  if (!tcp && steps->len == 0)
    g_string_append (out, "    pass  # nothing was sent\n");
  g_string_append (out,
                   "except socket.timeout:\n"
                   "    print(f'No answer within {TIMEOUT} seconds', file=sys.stderr)\n"
                   "    sys.exit(1)\n"
                   "except OSError as error:\n"
                   "    print('Error:', error, file=sys.stderr)\n"
                   "    sys.exit(1)\n"
                   "finally:\n"
                   "    s.close()\n");
  return g_string_free (out, FALSE);
}

static char *
python_port_check (const SlCodePortCheck *check)
{
  int family = sl_code_pick_family (check->family, check->host);
  guint timeout_ms = check->timeout_ms > 0 ? check->timeout_ms : SL_PORT_CHECK_DEFAULT_TIMEOUT_MS;
  g_autofree char *timeout = sl_code_format_number (timeout_ms / 1000.0);
  GString *out = g_string_new (NULL);

  append_header (out, "A port check", "import errno\nimport os\nimport socket\nimport sys\n");
  append_constants (out, check->host, check->port);
  g_string_append_printf (out, "TIMEOUT = %s  # seconds\n\n", timeout);
  append_lookup (out, family, "socket.SOCK_STREAM");
  g_string_append_printf (out,
                          "s = socket.socket(%s, socket.SOCK_STREAM)\n"
                          "s.settimeout(TIMEOUT)\n"
                          "# connect_ex() returns an error number instead of raising: 0 means it connected.\n"
                          "result = s.connect_ex(address)\n"
                          "s.close()\n"
                          "if result == 0:\n"
                          "    print(f'Port {PORT} on {HOST} is open')\n"
                          "else:\n"
                          "    name = errno.errorcode.get(result, str(result))\n"
                          "    print(f'Port {PORT} on {HOST} is closed: {name} ({os.strerror(result)})')\n",
                          python_family (family));
  return g_string_free (out, FALSE);
}

static char *
python_server (const SlCodeServer *server)
{
  const char *address = sl_code_server_address (server);
  int family = sl_code_pick_family (AF_UNSPEC, address);
  gboolean tcp = server->protocol == SL_PROTOCOL_TCP;
  const char *reply_line = NULL;
  GString *out = g_string_new (NULL);

  append_header (out, tcp ? "A TCP server" : "A UDP server", "import socket\n");
  append_constants (out, address, server->port);
  switch (server->reply_mode)
    {
    case SL_REPLY_MODE_ECHO:
      reply_line = "# Echo: send back what came.\n";
      break;
    case SL_REPLY_MODE_FIXED:
      g_string_append (out, "REPLY = ");
      if (server->fixed_reply != NULL)
        append_bytes_literal (out, server->fixed_reply);
      else
        g_string_append (out, "b''");
      g_string_append_c (out, '\n');
      reply_line = "# The same reply to every message.\n";
      break;
    case SL_REPLY_MODE_NONE:
    default:
      break;
    }
  g_string_append_printf (out, "\nserver = socket.socket(%s, %s)\n", python_family (family),
                          tcp ? "socket.SOCK_STREAM" : "socket.SOCK_DGRAM");
  if (tcp)
    g_string_append (out, "# Allow a restart at once, while old connections linger in TIME_WAIT.\n"
                          "server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n");
  g_string_append (out, "server.bind((HOST, PORT))\n");
  if (tcp)
    g_string_append (out, "server.listen()\n");
  g_string_append_printf (out, "print(f'Listening on {HOST} port {PORT} (%s); Ctrl+C stops')\n\n",
                          tcp ? "TCP" : "UDP");
  g_string_append (out, "try:\n    while True:\n");
  if (tcp)
    {
      g_string_append (out,
                       "        # Socket Lab serves many clients at once; this serves one after another.\n"
                       "        conn, peer = server.accept()\n"
                       "        print('Client connected:', peer)\n"
                       "        with conn:\n"
                       "            while True:\n"
                       "                data = conn.recv(65536)\n"
                       "                if not data:  # b'': the client closed its side\n"
                       "                    break\n"
                       "                print('Received', len(data), 'bytes from', peer, ':', data)\n");
      if (server->reply_mode == SL_REPLY_MODE_ECHO)
        g_string_append_printf (out, "                %s                conn.sendall(data)\n", reply_line);
      else if (server->reply_mode == SL_REPLY_MODE_FIXED)
        g_string_append_printf (out, "                %s                conn.sendall(REPLY)\n", reply_line);
      g_string_append (out, "        print('Client left:', peer)\n");
    }
  else
    {
      g_string_append (out,
                       "        data, peer = server.recvfrom(65536)\n"
                       "        print('Received', len(data), 'bytes from', peer, ':', data)\n");
      if (server->reply_mode == SL_REPLY_MODE_ECHO)
        g_string_append_printf (out, "        %s        server.sendto(data, peer)\n", reply_line);
      else if (server->reply_mode == SL_REPLY_MODE_FIXED)
        g_string_append_printf (out, "        %s        server.sendto(REPLY, peer)\n", reply_line);
    }
  g_string_append (out, "except KeyboardInterrupt:\n    print('Stopped')\nfinally:\n    server.close()\n");
  return g_string_free (out, FALSE);
}

static char *
python_ping (const SlCodePing *ping)
{
  g_autofree char *command = sl_code_ping_command (ping);
  g_autofree char *interval = sl_code_format_number (ping->interval > 0 ? ping->interval : SL_PINGER_DEFAULT_INTERVAL);
  g_autofree char *timeout = sl_code_format_number (ping->timeout > 0 ? ping->timeout : SL_PINGER_DEFAULT_TIMEOUT);
  int family = sl_code_pick_family (ping->family, ping->host);
  GString *out = g_string_new (NULL);

  append_header (out, "Ping", "import socket\nimport statistics\nimport sys\nimport time\n");
  g_string_append_printf (out,
                          "# The same run with ping(8), which sends ICMP echo requests:\n"
                          "#   %s\n"
                          "# ICMP needs a privileged socket, so this program times TCP connections\n"
                          "# instead: connect() returns after one round trip (SYN, SYN-ACK).\n\n",
                          command);
  append_constants (out, ping->host, ping->tcp_port > 0 ? ping->tcp_port : SL_PINGER_DEFAULT_TCP_PORT);
  g_string_append_printf (out, "COUNT = %u\nINTERVAL = %s  # seconds between probes\n"
                               "TIMEOUT = %s  # seconds to wait for each\n\n",
                          ping->count > 0 ? ping->count : 4, interval, timeout);
  append_lookup (out, family, "socket.SOCK_STREAM");
  g_string_append_printf (out,
                          "times = []\n"
                          "for seq in range(1, COUNT + 1):\n"
                          "    s = socket.socket(%s, socket.SOCK_STREAM)\n"
                          "    s.settimeout(TIMEOUT)\n"
                          "    start = time.perf_counter()\n"
                          "    try:\n"
                          "        s.connect(address)\n"
                          "    except OSError as error:  # refused, unreachable, or timed out\n"
                          "        print(f'seq={seq}: {error}')\n"
                          "    else:\n"
                          "        ms = (time.perf_counter() - start) * 1000\n"
                          "        times.append(ms)\n"
                          "        print(f'seq={seq} time={ms:.3f} ms')\n"
                          "    finally:\n"
                          "        s.close()\n"
                          "    if seq < COUNT:\n"
                          "        time.sleep(INTERVAL)\n\n"
                          "lost = COUNT - len(times)\n"
                          "print(f'{COUNT} probes, {len(times)} answered, {lost * 100 / COUNT:g}%% lost')\n"
                          "if times:\n"
                          "    print(f'min/avg/max = {min(times):.3f}/{statistics.mean(times):.3f}/{max(times):.3f} ms')\n",
                          python_family (family));
  return g_string_free (out, FALSE);
}

const SlCodeGenerator sl_code_python_generator = {
  .label = "Python",
  .extension = "py",
  .client = python_client,
  .port_check = python_port_check,
  .server = python_server,
  .ping = python_ping,
};
