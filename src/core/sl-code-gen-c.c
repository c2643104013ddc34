/* sl-code-gen-c.c: the run as a C program with POSIX sockets.
 *
 * The programs must build with `cc -Wall -Wextra -Werror` in C11 or GNU mode: every helper
 * is written only when used (no unused-function warning), sizes are size_t, lengths of
 * byte literals come from sizeof (so NUL bytes inside count), and timeouts are socket
 * options rather than signals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/socket.h>

#include "sl-code-gen-private.h"
#include "sl-port-check.h"

static const char *
c_family (int family)
{
  return family == AF_INET6 ? "AF_INET6" : "AF_INET";
}

static void
append_header (GString    *out,
               const char *what,
               const char *name,
               const char *includes)
{
  g_string_append_printf (out,
                          "/* %s, as Socket Lab did it, written with POSIX sockets.\n"
                          " * Build and run: cc -Wall -Wextra -o %s %s.c && ./%s */\n"
                          "#define _POSIX_C_SOURCE 200809L\n"
                          "#include <netdb.h>\n"
                          "#include <stdio.h>\n"
                          "#include <string.h>\n"
                          "#include <sys/socket.h>\n"
                          "#include <sys/time.h>\n"
                          "#include <sys/types.h>\n"
                          "#include <unistd.h>\n"
                          "%s\n",
                          what, name, name, name, includes);
}

static void
append_constants (GString    *out,
                  const char *host,
                  guint       port)
{
  g_autofree char *literal = sl_code_c_string ((const guint8 *) host, strlen (host), 13);

  g_string_append_printf (out, "#define HOST %s\n#define PORT \"%u\"\n", literal, port);
}

static const char send_all_c[] =
  "/* send() may take fewer bytes than asked: send the rest until all are gone. */\n"
  "static int\n"
  "send_all (int fd, const char *data, size_t len)\n"
  "{\n"
  "  while (len > 0)\n"
  "    {\n"
  "      ssize_t n = send (fd, data, len, 0);\n"
  "\n"
  "      if (n < 0)\n"
  "        return -1;\n"
  "      data += n;\n"
  "      len -= (size_t) n;\n"
  "    }\n"
  "  return 0;\n"
  "}\n\n";

static const char recv_exactly_c[] =
  "/* TCP is a stream: a reply may come in pieces. Reads until len bytes came or the\n"
  " * server closed; returns how many came. */\n"
  "static size_t\n"
  "recv_exactly (int fd, char *buffer, size_t len)\n"
  "{\n"
  "  size_t done = 0;\n"
  "\n"
  "  while (done < len)\n"
  "    {\n"
  "      ssize_t n = recv (fd, buffer + done, len - done, 0);\n"
  "\n"
  "      if (n <= 0)\n"
  "        break;\n"
  "      done += (size_t) n;\n"
  "    }\n"
  "  return done;\n"
  "}\n\n";

static const char print_bytes_c[] =
  "/* Prints bytes as Python shows them: printable ASCII as is, the rest as \\xNN. */\n"
  "static void\n"
  "print_bytes (const char *what, const char *data, size_t len)\n"
  "{\n"
  "  printf (\"%s %zu bytes: \", what, len);\n"
  "  for (size_t i = 0; i < len; i++)\n"
  "    {\n"
  "      unsigned char c = (unsigned char) data[i];\n"
  "\n"
  "      if (c >= 32 && c < 127 && c != '\\\\')\n"
  "        putchar (c);\n"
  "      else\n"
  "        printf (\"\\\\x%02x\", c);\n"
  "    }\n"
  "  putchar ('\\n');\n"
  "  fflush (stdout);\n"
  "}\n\n";

/* getaddrinfo () of HOST and PORT, returning @failure from main () when it fails. */
static void
append_lookup (GString    *out,
               int         family,
               const char *type,
               int         failure)
{
  g_string_append_printf (out,
                          "  memset (&hints, 0, sizeof hints);\n"
                          "  hints.ai_family = %s;\n"
                          "  hints.ai_socktype = %s;\n"
                          "  status = getaddrinfo (HOST, PORT, &hints, &addresses);\n"
                          "  if (status != 0)\n"
                          "    {\n"
                          "      fprintf (stderr, \"Could not resolve %%s: %%s\\n\", HOST, gai_strerror (status));\n"
                          "      return %d;\n"
                          "    }\n",
                          c_family (family), type, failure);
}

/* getaddrinfo () and a loop over its answers, as Socket Lab tries each address in turn. */
static void
append_resolve (GString    *out,
                int         family,
                const char *type,
                gboolean    connect_each)
{
  append_lookup (out, family, type, 1);
  g_string_append (out,
                   "  for (ai = addresses; ai != NULL; ai = ai->ai_next)\n"
                   "    {\n"
                   "      fd = socket (ai->ai_family, ai->ai_socktype, ai->ai_protocol);\n"
                   "      if (fd < 0)\n"
                   "        continue;\n"
                   "      setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);\n"
                   "      setsockopt (fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);\n");
  if (connect_each)
    g_string_append (out,
                     "      /* The three-way handshake: SYN, SYN-ACK, ACK. */\n"
                     "      if (connect (fd, ai->ai_addr, ai->ai_addrlen) == 0)\n"
                     "        break;\n"
                     "      perror (\"connect\");\n"
                     "      close (fd);\n"
                     "      fd = -1;\n"
                     "    }\n");
  else
    g_string_append (out,
                     "      memcpy (&destination, ai->ai_addr, ai->ai_addrlen);\n"
                     "      destination_len = ai->ai_addrlen;\n"
                     "      break;\n"
                     "    }\n");
  g_string_append (out, "  freeaddrinfo (addresses);\n"
                        "  if (fd < 0)\n"
                        "    return 1;\n\n");
}

static char *
c_client (const SlCodeClient *client)
{
  g_autoptr(GPtrArray) steps = sl_code_client_get_steps (client);
  gboolean tcp = client->protocol == SL_PROTOCOL_TCP;
  int family = sl_code_pick_family (client->family, client->host);
  gboolean sends = FALSE, receives = FALSE, closes = FALSE;
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < steps->len; i++)
    {
      SlCodeStep *step = g_ptr_array_index (steps, i);

      sends |= step->kind == SL_CODE_STEP_SEND;
      receives |= step->kind == SL_CODE_STEP_RECEIVE;
      closes |= step->kind == SL_CODE_STEP_PEER_CLOSED;
    }
  append_header (out, tcp ? "A TCP client" : "A UDP client", "client", "");
  append_constants (out, client->host, client->port);
  g_string_append_printf (out, "#define TIMEOUT %u /* seconds, for connecting and for each reply */\n\n",
                          client->timeout_s > 0 ? client->timeout_s : SL_CONNECTION_DEFAULT_TIMEOUT);
  if (tcp && sends)
    g_string_append (out, send_all_c);
  if (tcp && receives)
    g_string_append (out, recv_exactly_c);
  if (receives)
    g_string_append (out, print_bytes_c);

  g_string_append (out,
                   "int\n"
                   "main (void)\n"
                   "{\n"
                   "  struct addrinfo hints, *addresses, *ai;\n"
                   "  struct timeval timeout = { TIMEOUT, 0 };\n"
                   "  int fd = -1, status;\n");
  if (!tcp)
    g_string_append (out, "  struct sockaddr_storage destination;\n"
                          "  socklen_t destination_len = 0;\n");
  if (!tcp && receives)
    g_string_append (out, "  struct sockaddr_storage sender;\n"
                          "  socklen_t sender_len;\n");
  if (receives || closes)
    g_string_append (out, "  static char reply[65536];\n");
  if (!tcp && receives)
    g_string_append (out, "  ssize_t n;\n");
  g_string_append (out, "\n");
  append_resolve (out, family, tcp ? "SOCK_STREAM" : "SOCK_DGRAM", tcp);

  for (guint i = 0; i < steps->len; i++)
    {
      SlCodeStep *step = g_ptr_array_index (steps, i);

      switch (step->kind)
        {
        case SL_CODE_STEP_SEND:
          {
            gsize len;
            const guint8 *data = g_bytes_get_data (step->data, &len);
            g_autofree char *literal = sl_code_c_string (data, len, 6);

            g_string_append (out, "  {\n");
            if (step->truncated)
              g_string_append (out, "    /* Only the first bytes of this send were kept in the trace. */\n");
            g_string_append_printf (out, "    static const char data[] =\n      %s;\n\n", literal);
            if (tcp)
              g_string_append (out, "    if (send_all (fd, data, sizeof data - 1) < 0)\n");
            else
              g_string_append (out, "    if (sendto (fd, data, sizeof data - 1, 0, (struct sockaddr *) &destination,\n"
                                    "                destination_len) < 0)\n");
            g_string_append_printf (out, "      {\n"
                                         "        perror (\"%s\");\n"
                                         "        close (fd);\n"
                                         "        return 1;\n"
                                         "      }\n"
                                         "    printf (\"Sent %%zu bytes\\n\", sizeof data - 1);\n"
                                         "  }\n", tcp ? "send" : "sendto");
            break;
          }
        case SL_CODE_STEP_RECEIVE:
          if (tcp)
            {
              gsize size = step->size;

              /* A reply larger than the buffer is read in buffer-sized pieces. */
              while (size > 0)
                {
                  gsize piece = MIN (size, 65536);

                  g_string_append_printf (out, "  print_bytes (\"Received\", reply, recv_exactly (fd, reply, %" G_GSIZE_FORMAT "));\n",
                                          piece);
                  size -= piece;
                }
            }
          else
            g_string_append (out,
                             "  sender_len = sizeof sender;\n"
                             "  n = recvfrom (fd, reply, sizeof reply, 0, (struct sockaddr *) &sender, &sender_len);\n"
                             "  if (n < 0)\n"
                             "    {\n"
                             "      perror (\"recvfrom\");\n"
                             "      close (fd);\n"
                             "      return 1;\n"
                             "    }\n"
                             "  print_bytes (\"Received\", reply, (size_t) n);\n");
          break;
        case SL_CODE_STEP_PEER_CLOSED:
        default:
          g_string_append (out, "  if (recv (fd, reply, sizeof reply, 0) == 0)\n"
                                "    printf (\"The server closed the connection\\n\");\n");
          break;
        }
    }
  if (!tcp && !sends)
    g_string_append (out, "  (void) destination_len; /* nothing was sent */\n");
  if (tcp && sl_code_client_did_shutdown (client))
    g_string_append (out, "  /* Tell the server we are done sending and receiving. */\n"
                          "  shutdown (fd, SHUT_RDWR);\n");
  g_string_append (out, "  close (fd);\n  return 0;\n}\n");
  return g_string_free (out, FALSE);
}

static char *
c_port_check (const SlCodePortCheck *check)
{
  int family = sl_code_pick_family (check->family, check->host);
  guint timeout_ms = check->timeout_ms > 0 ? check->timeout_ms : SL_PORT_CHECK_DEFAULT_TIMEOUT_MS;
  GString *out = g_string_new (NULL);

  append_header (out, "A port check", "port-check", "#include <errno.h>\n");
  append_constants (out, check->host, check->port);
  g_string_append_printf (out,
                          "\n"
                          "int\n"
                          "main (void)\n"
                          "{\n"
                          "  struct addrinfo hints, *addresses;\n"
                          "  /* On Linux, SO_SNDTIMEO also bounds how long connect () waits. */\n"
                          "  struct timeval timeout = { %u, %u };\n"
                          "  int fd, status, result;\n"
                          "\n",
                          timeout_ms / 1000, (timeout_ms % 1000) * 1000);
  append_lookup (out, family, "SOCK_STREAM", 2);
  g_string_append_printf (out,
                          "  fd = socket (addresses->ai_family, addresses->ai_socktype, addresses->ai_protocol);\n"
                          "  if (fd < 0)\n"
                          "    {\n"
                          "      perror (\"socket\");\n"
                          "      freeaddrinfo (addresses);\n"
                          "      return 2;\n"
                          "    }\n"
                          "  setsockopt (fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);\n"
                          "  /* Like Python's connect_ex (): 0 when it connected, else the error number. */\n"
                          "  result = connect (fd, addresses->ai_addr, addresses->ai_addrlen) == 0 ? 0 : errno;\n"
                          "  close (fd);\n"
                          "  freeaddrinfo (addresses);\n"
                          "  if (result == 0)\n"
                          "    printf (\"Port %%s on %%s is open\\n\", PORT, HOST);\n"
                          "  else\n"
                          "    printf (\"Port %%s on %%s is closed: %%s\\n\", PORT, HOST, strerror (result));\n"
                          "  return result == 0 ? 0 : 1;\n"
                          "}\n");
  return g_string_free (out, FALSE);
}

static char *
c_server (const SlCodeServer *server)
{
  const char *address = sl_code_server_address (server);
  gboolean tcp = server->protocol == SL_PROTOCOL_TCP;
  GString *out = g_string_new (NULL);
  const char *peer = tcp ? "client" : "fd";

  append_header (out, tcp ? "A TCP server" : "A UDP server", "server", "");
  append_constants (out, address, server->port);
  g_string_append (out, "\n");
  if (tcp && server->reply_mode != SL_REPLY_MODE_NONE)
    g_string_append (out, send_all_c);
  g_string_append (out, print_bytes_c);
  g_string_append (out,
                   "int\n"
                   "main (void)\n"
                   "{\n"
                   "  struct addrinfo hints, *addresses;\n"
                   "  static char buffer[65536];\n"
                   "  int fd, status;\n");
  if (tcp)
    g_string_append (out, "  int yes = 1;\n");
  if (server->reply_mode == SL_REPLY_MODE_FIXED)
    {
      gsize len = 0;
      const guint8 *data = server->fixed_reply != NULL ? g_bytes_get_data (server->fixed_reply, &len) : NULL;
      g_autofree char *literal = sl_code_c_string (data, len, 4);

      g_string_append_printf (out, "  /* The same reply to every message. */\n"
                                   "  static const char reply[] =\n    %s;\n", literal);
    }
  g_string_append_printf (out,
                          "\n"
                          "  memset (&hints, 0, sizeof hints);\n"
                          "  hints.ai_family = AF_UNSPEC;\n"
                          "  hints.ai_socktype = %s;\n"
                          "  hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST;\n"
                          "  status = getaddrinfo (HOST, PORT, &hints, &addresses);\n"
                          "  if (status != 0)\n"
                          "    {\n"
                          "      fprintf (stderr, \"Bad address %%s: %%s\\n\", HOST, gai_strerror (status));\n"
                          "      return 1;\n"
                          "    }\n"
                          "  fd = socket (addresses->ai_family, addresses->ai_socktype, addresses->ai_protocol);\n"
                          "  if (fd < 0)\n"
                          "    {\n"
                          "      perror (\"socket\");\n"
                          "      return 1;\n"
                          "    }\n",
                          tcp ? "SOCK_STREAM" : "SOCK_DGRAM");
  if (tcp)
    g_string_append (out, "  /* Allow a restart at once, while old connections linger in TIME_WAIT. */\n"
                          "  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);\n");
  g_string_append (out,
                   "  if (bind (fd, addresses->ai_addr, addresses->ai_addrlen) < 0)\n"
                   "    {\n"
                   "      perror (\"bind\");\n"
                   "      return 1;\n"
                   "    }\n"
                   "  freeaddrinfo (addresses);\n");
  if (tcp)
    g_string_append (out,
                     "  if (listen (fd, SOMAXCONN) < 0)\n"
                     "    {\n"
                     "      perror (\"listen\");\n"
                     "      return 1;\n"
                     "    }\n");
  g_string_append_printf (out, "  printf (\"Listening on %%s port %%s (%s)\\n\", HOST, PORT);\n"
                               "  fflush (stdout);\n\n"
                               "  for (;;)\n"
                               "    {\n"
                               "      struct sockaddr_storage peer;\n"
                               "      socklen_t peer_len = sizeof peer;\n"
                               "      char host[1025], port[32];\n", tcp ? "TCP" : "UDP");
  if (tcp)
    g_string_append (out,
                     "      /* Socket Lab serves many clients at once; this serves one after another. */\n"
                     "      int client = accept (fd, (struct sockaddr *) &peer, &peer_len);\n"
                     "\n"
                     "      if (client < 0)\n"
                     "        {\n"
                     "          perror (\"accept\");\n"
                     "          continue;\n"
                     "        }\n"
                     "      getnameinfo ((struct sockaddr *) &peer, peer_len, host, sizeof host, port, sizeof port,\n"
                     "                   NI_NUMERICHOST | NI_NUMERICSERV);\n"
                     "      printf (\"Client %s port %s connected\\n\", host, port);\n"
                     "      for (;;)\n"
                     "        {\n"
                     "          ssize_t n = recv (client, buffer, sizeof buffer, 0);\n"
                     "\n"
                     "          if (n <= 0) /* 0: the client closed its side */\n"
                     "            break;\n"
                     "          print_bytes (\"Received\", buffer, (size_t) n);\n");
  else
    g_string_append (out,
                     "      ssize_t n = recvfrom (fd, buffer, sizeof buffer, 0, (struct sockaddr *) &peer, &peer_len);\n"
                     "\n"
                     "      if (n < 0)\n"
                     "        {\n"
                     "          perror (\"recvfrom\");\n"
                     "          continue;\n"
                     "        }\n"
                     "      getnameinfo ((struct sockaddr *) &peer, peer_len, host, sizeof host, port, sizeof port,\n"
                     "                   NI_NUMERICHOST | NI_NUMERICSERV);\n"
                     "      printf (\"From %s port %s: \", host, port);\n"
                     "      print_bytes (\"received\", buffer, (size_t) n);\n");
  if (tcp)
    {
      if (server->reply_mode == SL_REPLY_MODE_ECHO)
        g_string_append_printf (out, "          /* Echo: send back what came. */\n"
                                     "          if (send_all (%s, buffer, (size_t) n) < 0)\n"
                                     "            break;\n", peer);
      else if (server->reply_mode == SL_REPLY_MODE_FIXED)
        g_string_append_printf (out, "          if (send_all (%s, reply, sizeof reply - 1) < 0)\n"
                                     "            break;\n", peer);
      g_string_append (out, "        }\n"
                            "      printf (\"Client %s port %s left\\n\", host, port);\n"
                            "      fflush (stdout);\n"
                            "      close (client);\n");
    }
  else
    {
      if (server->reply_mode == SL_REPLY_MODE_ECHO)
        g_string_append (out, "      /* Echo: send back what came, to whoever sent it. */\n"
                              "      sendto (fd, buffer, (size_t) n, 0, (struct sockaddr *) &peer, peer_len);\n");
      else if (server->reply_mode == SL_REPLY_MODE_FIXED)
        g_string_append (out, "      sendto (fd, reply, sizeof reply - 1, 0, (struct sockaddr *) &peer, peer_len);\n");
    }
  g_string_append (out, "    }\n}\n");
  return g_string_free (out, FALSE);
}

static char *
c_ping (const SlCodePing *ping)
{
  g_autofree char *command = sl_code_ping_command (ping);
  int family = sl_code_pick_family (ping->family, ping->host);
  double interval = ping->interval > 0 ? ping->interval : SL_PINGER_DEFAULT_INTERVAL;
  double timeout = ping->timeout > 0 ? ping->timeout : SL_PINGER_DEFAULT_TIMEOUT;
  gint64 interval_us = (gint64) (interval * G_USEC_PER_SEC);
  gint64 timeout_us = (gint64) (timeout * G_USEC_PER_SEC);
  g_auto(GStrv) pieces = g_strsplit (command, "*/", -1);
  /* The command goes in a comment: nothing in it may end the comment. */
  g_autofree char *safe_command = g_strjoinv ("* /", pieces);
  GString *out = g_string_new (NULL);

  append_header (out, "Ping", "ping-tcp", "#include <errno.h>\n#include <time.h>\n");
  append_constants (out, ping->host, ping->tcp_port > 0 ? ping->tcp_port : SL_PINGER_DEFAULT_TCP_PORT);
  g_string_append_printf (out,
                          "#define COUNT %u\n"
                          "\n"
                          "/* The same run with ping(8), which sends ICMP echo requests:\n"
                          " *   %s\n"
                          " * ICMP needs a privileged socket, so this program times TCP connections\n"
                          " * instead: connect () returns after one round trip (SYN, SYN-ACK). */\n"
                          "\n"
                          "static double\n"
                          "now_ms (void)\n"
                          "{\n"
                          "  struct timespec ts;\n"
                          "\n"
                          "  clock_gettime (CLOCK_MONOTONIC, &ts);\n"
                          "  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;\n"
                          "}\n"
                          "\n"
                          "int\n"
                          "main (void)\n"
                          "{\n"
                          "  struct addrinfo hints, *addresses;\n"
                          "  struct timeval timeout = { %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT " };\n"
                          "  struct timespec interval = { %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT " };\n"
                          "  double sum = 0, min = 0, max = 0;\n"
                          "  int status, answered = 0;\n"
                          "\n",
                          ping->count > 0 ? ping->count : 4, safe_command,
                          timeout_us / G_USEC_PER_SEC, timeout_us % G_USEC_PER_SEC,
                          interval_us / G_USEC_PER_SEC, (interval_us % G_USEC_PER_SEC) * 1000);
  append_lookup (out, family, "SOCK_STREAM", 1);
  g_string_append_printf (out,
                          "  for (int seq = 1; seq <= COUNT; seq++)\n"
                          "    {\n"
                          "      int fd = socket (addresses->ai_family, SOCK_STREAM, 0);\n"
                          "      double start, ms;\n"
                          "\n"
                          "      if (fd < 0)\n"
                          "        {\n"
                          "          perror (\"socket\");\n"
                          "          return 1;\n"
                          "        }\n"
                          "      /* On Linux, SO_SNDTIMEO also bounds how long connect () waits. */\n"
                          "      setsockopt (fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);\n"
                          "      start = now_ms ();\n"
                          "      if (connect (fd, addresses->ai_addr, addresses->ai_addrlen) == 0)\n"
                          "        {\n"
                          "          ms = now_ms () - start;\n"
                          "          sum += ms;\n"
                          "          min = answered == 0 || ms < min ? ms : min;\n"
                          "          max = ms > max ? ms : max;\n"
                          "          answered++;\n"
                          "          printf (\"seq=%%d time=%%.3f ms\\n\", seq, ms);\n"
                          "        }\n"
                          "      else\n"
                          "        printf (\"seq=%%d: %%s\\n\", seq, strerror (errno));\n"
                          "      fflush (stdout);\n"
                          "      close (fd);\n"
                          "      if (seq < COUNT)\n"
                          "        nanosleep (&interval, NULL);\n"
                          "    }\n"
                          "  freeaddrinfo (addresses);\n"
                          "  printf (\"%%d probes, %%d answered, %%g%%%% lost\\n\", COUNT, answered,\n"
                          "          (COUNT - answered) * 100.0 / COUNT);\n"
                          "  if (answered > 0)\n"
                          "    printf (\"min/avg/max = %%.3f/%%.3f/%%.3f ms\\n\", min, sum / answered, max);\n"
                          "  return answered > 0 ? 0 : 1;\n"
                          "}\n");
  return g_string_free (out, FALSE);
}

const SlCodeGenerator sl_code_c_generator = {
  .label = "C",
  .extension = "c",
  .client = c_client,
  .port_check = c_port_check,
  .server = c_server,
  .ping = c_ping,
};
