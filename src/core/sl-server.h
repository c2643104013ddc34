/* sl-server.h: a TCP or UDP server with many clients that never blocks the main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-log.h"
#include "sl-peer.h"
#include "sl-trace.h"
#include "sl-types.h"

G_BEGIN_DECLS

#define SL_SERVER_ERROR (sl_server_error_quark ())
#define SL_TYPE_SERVER  (sl_server_get_type ())

G_DECLARE_FINAL_TYPE (SlServer, sl_server, SL, SERVER, GObject)

typedef enum {
  SL_SERVER_ERROR_INVALID_ADDRESS,
  SL_SERVER_ERROR_NOT_ALLOWED,          /* a non-loopback address without allow-network */
  SL_SERVER_ERROR_ADDRESS_IN_USE,
  SL_SERVER_ERROR_PERMISSION_DENIED,
  SL_SERVER_ERROR_ADDRESS_NOT_AVAILABLE,
  SL_SERVER_ERROR_TOO_MANY_FILES,
  SL_SERVER_ERROR_ALREADY_LISTENING,
  SL_SERVER_ERROR_PEER_GONE,
  SL_SERVER_ERROR_PEER_BUSY,            /* the client does not read: its buffer is full */
  SL_SERVER_ERROR_FAILED,
} SlServerError;

#define SL_SERVER_DEFAULT_ADDRESS           "127.0.0.1"
#define SL_SERVER_DEFAULT_MAX_PEERS         256
#define SL_SERVER_DEFAULT_MAX_UNREAD        (1024 * 1024)
#define SL_SERVER_DEFAULT_UDP_IDLE_TIMEOUT  60000   /* ms */
/* Received data is logged up to this many bytes per read, so a flood keeps the log small. */
#define SL_SERVER_LOG_DATA_MAX              512

GQuark         sl_server_error_quark          (void);

/* log and trace may be NULL: the server then makes its own. */
SlServer      *sl_server_new                  (SlLog         *log,
                                               SlTrace       *trace);

SlProtocol     sl_server_get_protocol         (SlServer      *self);
void           sl_server_set_protocol         (SlServer      *self,
                                               SlProtocol     protocol);
/* An IP literal of this computer; "" or NULL means 127.0.0.1. Applies at the next start. */
const char    *sl_server_get_address          (SlServer      *self);
void           sl_server_set_address          (SlServer      *self,
                                               const char    *address);
/* 0 picks a free port: see sl_server_get_bound_port(). */
guint          sl_server_get_port             (SlServer      *self);
void           sl_server_set_port             (SlServer      *self,
                                               guint          port);
gboolean       sl_server_get_allow_network    (SlServer      *self);
void           sl_server_set_allow_network    (SlServer      *self,
                                               gboolean       allow_network);
SlReplyMode    sl_server_get_reply_mode       (SlServer      *self);
void           sl_server_set_reply_mode       (SlServer      *self,
                                               SlReplyMode    mode);
GBytes        *sl_server_get_fixed_reply      (SlServer      *self);
void           sl_server_set_fixed_reply      (SlServer      *self,
                                               GBytes        *reply);
guint          sl_server_get_max_peers        (SlServer      *self);
void           sl_server_set_max_peers        (SlServer      *self,
                                               guint          max_peers);
guint          sl_server_get_max_unread       (SlServer      *self);
void           sl_server_set_max_unread       (SlServer      *self,
                                               guint          max_unread);
guint          sl_server_get_udp_idle_timeout (SlServer      *self);
void           sl_server_set_udp_idle_timeout (SlServer      *self,
                                               guint          timeout_ms);

SlServerState  sl_server_get_state            (SlServer      *self);
guint          sl_server_get_bound_port       (SlServer      *self);
/* "127.0.0.1:5000" while listening, else NULL. */
const char    *sl_server_get_bound_label      (SlServer      *self);
/* A GListModel of SlPeer, in arrival order. */
GListModel    *sl_server_get_peers            (SlServer      *self);
guint          sl_server_get_n_peers          (SlServer      *self);
SlLog         *sl_server_get_log              (SlServer      *self);
SlTrace       *sl_server_get_trace            (SlServer      *self);
/* "nc 127.0.0.1 5000" / "nc -u ::1 5000": what a student types to connect. NULL if stopped. */
char          *sl_server_dup_try_command      (SlServer      *self);

/* bind() and listen() never wait, so starting is synchronous. */
gboolean       sl_server_start                (SlServer      *self,
                                               GError       **error);
/* Closes every peer cleanly (their unread input is discarded so they see EOF) and the socket. */
void           sl_server_stop                 (SlServer      *self);
gboolean       sl_server_send                 (SlServer      *self,
                                               SlPeer        *peer,
                                               GBytes        *data,
                                               GError       **error);
/* Returns how many peers got the message; peers whose buffer is full are skipped. */
guint          sl_server_broadcast            (SlServer      *self,
                                               GBytes        *data);
void           sl_server_disconnect_peer      (SlServer      *self,
                                               SlPeer        *peer);

G_END_DECLS
