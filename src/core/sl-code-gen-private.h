/* sl-code-gen-private.h: what the per-language generators share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-code-gen.h"

G_BEGIN_DECLS

/* The conversation a client trace shows, in order. For TCP, receives in a row are one step
 * (the stream may be cut anywhere: what matters is how many bytes came); for UDP each
 * datagram is a step of its own. */
typedef enum {
  SL_CODE_STEP_SEND,
  SL_CODE_STEP_RECEIVE,
  SL_CODE_STEP_PEER_CLOSED,     /* recv () returned 0 */
} SlCodeStepKind;

typedef struct {
  SlCodeStepKind  kind;
  GBytes         *data;         /* SEND: the bytes the kernel took */
  gsize           size;         /* RECEIVE: how many bytes came */
  gboolean        truncated;    /* SEND: the trace kept only the first bytes of a larger send */
} SlCodeStep;

/* GPtrArray of SlCodeStep; empty without a trace. */
GPtrArray  *sl_code_client_get_steps     (const SlCodeClient *client);
/* TRUE when the run ended with shutdown () before close (). */
gboolean    sl_code_client_did_shutdown  (const SlCodeClient *client);
/* AF_INET or AF_INET6: @family, else what @host looks like (an IPv6 literal), else AF_INET. */
int         sl_code_pick_family          (int                 family,
                                          const char         *host);
/* "1", "0.2", "2.5": seconds as ping(8) and Python read them, in the C locale. */
char       *sl_code_format_number        (double              value);
/* "ping -c 5 -i 1 -s 56 -W 2 -4 'host'": ping(8) doing the same run. */
char       *sl_code_ping_command         (const SlCodePing   *ping);
/* @text as one shell word: as is when it is safe ("127.0.0.1", "::1"), else single-quoted. */
char       *sl_code_shell_word           (const char         *text);
/* The server's address, its default filled in. */
const char *sl_code_server_address       (const SlCodeServer *server);

/* One file per language, each with what it writes and what it is called. */
typedef struct {
  const char *label;        /* translated at use where it is marked N_ () */
  const char *extension;
  char *(*client)     (const SlCodeClient    *client);
  char *(*port_check) (const SlCodePortCheck *check);
  char *(*server)     (const SlCodeServer    *server);
  char *(*ping)       (const SlCodePing      *ping);
} SlCodeGenerator;

extern const SlCodeGenerator sl_code_python_generator;
extern const SlCodeGenerator sl_code_c_generator;
extern const SlCodeGenerator sl_code_shell_generator;

G_END_DECLS
