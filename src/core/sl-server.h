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
/* UDP replies a second to one source and to all of them: a spoofed sender must not turn the
 * server into a flood aimed at someone else, and no lab sends this many by hand. */
#define SL_SERVER_DEFAULT_UDP_REPLY_RATE        100
#define SL_SERVER_DEFAULT_UDP_REPLY_RATE_TOTAL  1000
/* A UDP reply may be at most this many times the request, or SL_SERVER_AMPLIFICATION_FLOOR
 * bytes, whichever is larger, unless allow-large-replies is on. */
#define SL_SERVER_AMPLIFICATION_FACTOR      8
#define SL_SERVER_AMPLIFICATION_FLOOR       512
/* TCP: 0 (the default) never closes an idle client by itself… */
#define SL_SERVER_DEFAULT_TCP_IDLE_TIMEOUT  0       /* ms */
/* …but once max-peers clients are connected, a new one takes the place of the client idle
 * longest, if it has been idle at least this long (0: never). UDP sources always make room. */
#define SL_SERVER_DEFAULT_EVICT_IDLE_AFTER  10000   /* ms */
/* Received data is logged up to this many bytes per read, so a flood keeps the log small… */
#define SL_SERVER_LOG_DATA_MAX              512
/* …and for at most this many reads a second (bursts as large): each entry costs a view a
 * row to lay out, so beyond that a line a second says how many more arrived. */
#define SL_SERVER_LOG_DATA_RATE             20

/* Why a UDP reply was not sent. */
typedef enum {
  SL_WITHHELD_RATE_LIMIT,      /* over udp-reply-rate for its source, or udp-reply-rate-total */
  SL_WITHHELD_AMPLIFICATION,   /* larger than the amplification rule allows */
} SlWithheldReason;

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
/* Replies a second (bursts of up to one second's worth); 0: no limit. */
guint          sl_server_get_udp_reply_rate   (SlServer      *self);
void           sl_server_set_udp_reply_rate   (SlServer      *self,
                                               guint          per_second);
guint          sl_server_get_udp_reply_rate_total (SlServer  *self);
void           sl_server_set_udp_reply_rate_total (SlServer  *self,
                                                   guint      per_second);
/* UDP replies larger than the amplification rule allows are sent only when this is on. */
gboolean       sl_server_get_allow_large_replies (SlServer   *self);
void           sl_server_set_allow_large_replies (SlServer   *self,
                                                  gboolean    allow);
/* The largest UDP reply allowed for a request of request_size bytes, without large replies. */
gsize          sl_server_get_max_reply_size   (gsize          request_size);
guint          sl_server_get_tcp_idle_timeout (SlServer      *self);
void           sl_server_set_tcp_idle_timeout (SlServer      *self,
                                               guint          timeout_ms);
guint          sl_server_get_evict_idle_after (SlServer      *self);
void           sl_server_set_evict_idle_after (SlServer      *self,
                                               guint          idle_ms);

SlServerState  sl_server_get_state            (SlServer      *self);
guint          sl_server_get_bound_port       (SlServer      *self);
/* "127.0.0.1:5000" while listening, else NULL. */
const char    *sl_server_get_bound_label      (SlServer      *self);
/* A GListModel of SlPeer, in arrival order. */
GListModel    *sl_server_get_peers            (SlServer      *self);
guint          sl_server_get_n_peers          (SlServer      *self);
/* UDP replies not sent since the last start, for one reason ("replies-withheld-rate-limit",
 * "replies-withheld-amplification"); exact when read, notified a few times a second. */
guint64        sl_server_get_replies_withheld (SlServer      *self,
                                               SlWithheldReason reason);
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
