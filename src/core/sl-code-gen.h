/* sl-code-gen.h: the program a student would write to do what Socket Lab just did.
 *
 * From what was configured (host, port, protocol, reply mode, ping options) and what was
 * done (the structured trace: every send with its exact bytes, every receive), in Python 3
 * in the style of a networking lab, C with POSIX sockets (compiles with
 * `cc -Wall -Wextra -Werror`), and a shell line with nc(1) (OpenBSD netcat, Debian's
 * default) or ping(8). Hosts and payload bytes are escaped for each language: quotes,
 * backslashes, NUL, CR/LF and bytes that are not ASCII all survive exactly.
 *
 * Everything here is pure: the functions return new strings and never touch a socket.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-connection.h"
#include "sl-pinger.h"
#include "sl-server.h"
#include "sl-trace.h"
#include "sl-types.h"

G_BEGIN_DECLS

typedef enum {
  SL_CODE_LANGUAGE_PYTHON,
  SL_CODE_LANGUAGE_C,
  SL_CODE_LANGUAGE_SHELL,
} SlCodeLanguage;

/* A client run (the Connect page). @family is AF_INET or AF_INET6 as the socket used, or
 * AF_UNSPEC to let the lookup choose (the generated code then takes IPv4). */
typedef struct {
  SlProtocol   protocol;
  const char  *host;
  guint16      port;
  int          family;
  guint        timeout_s;     /* 0: SL_CONNECTION_DEFAULT_TIMEOUT */
  SlTrace     *trace;         /* what was sent and received, in order; NULL: connect only */
} SlCodeClient;

/* A port check (connect_ex ()). */
typedef struct {
  const char  *host;
  guint16      port;
  int          family;
  guint        timeout_ms;    /* 0: SL_PORT_CHECK_DEFAULT_TIMEOUT_MS */
} SlCodePortCheck;

/* A server run (the Server page). @fixed_reply is used in SL_REPLY_MODE_FIXED. */
typedef struct {
  SlProtocol   protocol;
  const char  *address;       /* NULL or "": SL_SERVER_DEFAULT_ADDRESS */
  guint16      port;
  SlReplyMode  reply_mode;
  GBytes      *fixed_reply;
} SlCodeServer;

/* A ping run (the Ping page). */
typedef struct {
  const char   *host;
  SlPingMethod  method;
  int           family;       /* AF_INET / AF_INET6 for ping -4 / -6, AF_UNSPEC: neither */
  guint         count;        /* 0: until stopped (the code then uses 4) */
  double        interval;     /* seconds */
  double        timeout;      /* seconds */
  guint         payload_size;
  guint16       tcp_port;     /* for the TCP-connect timing */
} SlCodePing;

/* What the page's controller was set to and did: fill the structs from it. The strings and
 * the trace stay owned by the controller. */
void   sl_code_client_init_from_connection (SlCodeClient        *client,
                                            SlConnection        *connection);
void   sl_code_server_init_from_server     (SlCodeServer        *server,
                                            SlServer            *source);
void   sl_code_ping_init_from_pinger       (SlCodePing          *ping,
                                            SlPinger            *pinger);

/* The programs. The client replays every send() / sendto () of the trace with the bytes it
 * really sent (as many as the kernel took, in order; folded repetitions repeated) and reads
 * what was received at the same points; UDP uses sendto () / recvfrom (). The server
 * serves clients one after the other (the app serves many at once) with the reply mode;
 * it runs until interrupted. The ping code is ping(8)'s command line (shell), or a TCP
 * connect timing loop (Python, C) that works without privileges. */
char  *sl_code_gen_client                  (const SlCodeClient     *client,
                                            SlCodeLanguage          language);
char  *sl_code_gen_port_check              (const SlCodePortCheck  *check,
                                            SlCodeLanguage          language);
char  *sl_code_gen_server                  (const SlCodeServer     *server,
                                            SlCodeLanguage          language);
char  *sl_code_gen_ping                    (const SlCodePing       *ping,
                                            SlCodeLanguage          language);

/* The pieces, for other generators and the report: literals of each language. */
/* Python: 'a\'b\\\n' from UTF-8 text, non-ASCII as \x / \u / \U escapes. */
char  *sl_code_python_string               (const char             *text);
/* C: "a\"b\\\n\000\377": every byte that is not printable ASCII in octal, ? escaped
 * (no trigraphs); lines of at most about 72 columns after @indent spaces, split after \n. */
char  *sl_code_c_string                    (const guint8           *data,
                                            gsize                   len,
                                            guint                   indent);
/* Shell: a printf(1) format that prints exactly these bytes, single-quoted: 'a\047b%%\000' */
char  *sl_code_shell_printf_format         (const guint8           *data,
                                            gsize                   len);

/* "Python", "C", "Shell"; and the file extension: "py", "c", "sh". */
const char *sl_code_language_get_label     (SlCodeLanguage          language);
const char *sl_code_language_get_extension (SlCodeLanguage          language);

G_END_DECLS
