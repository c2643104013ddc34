/* sl-peer-private.h: what SlServer needs to drive its peers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-peer.h"
#include "sl-socket.h"

G_BEGIN_DECLS

typedef enum {
  SL_PEER_CLOSED_BY_CLIENT,   /* EOF */
  SL_PEER_CLOSED_BY_SERVER,   /* disconnect or stop */
  SL_PEER_CLOSED_BY_ERROR,    /* reset, broken pipe… see errsv */
} SlPeerCloseReason;

/* A token bucket: up to one second of a rate in store, refilled continuously; a new one
 * (updated_us 0) starts full. The server keeps one per UDP source for its replies. */
typedef struct {
  double  tokens;
  gint64  updated_us;
} SlTokenBucket;

typedef struct {
  /* data points into the shared read buffer: valid only during the call. */
  void (*received) (SlPeer       *peer,
                    const guint8 *data,
                    gsize         len,
                    gpointer      user_data);
  /* Called once, after the descriptor is closed. */
  void (*closed)   (SlPeer            *peer,
                    SlPeerCloseReason  reason,
                    int                errsv,
                    gpointer           user_data);
} SlPeerCallbacks;

/* Takes a reference on socket, an accepted TCP socket, and drives it from now on. */
SlPeer  *sl_peer_new_tcp         (SlSocket               *socket,
                                  GInetSocketAddress     *address,
                                  GByteArray             *read_buffer,
                                  gsize                   max_queued,
                                  const SlPeerCallbacks  *callbacks,
                                  gpointer                user_data);
SlPeer  *sl_peer_new_udp         (GInetSocketAddress     *address);

int      sl_peer_get_fd          (SlPeer                 *self);
/* Room left under the cap for replies, 0 when full. */
gsize    sl_peer_get_room        (SlPeer                 *self);
/* TCP: sends now what the socket takes and queues the rest (reading pauses while the
 * queue is full). FALSE once closed. */
gboolean sl_peer_send            (SlPeer                 *self,
                                  const guint8           *data,
                                  gsize                   len);
/* TCP: sends what can go without blocking, discards unread input (so the close is a
 * FIN, not a RST) and closes. UDP: forgets the peer. */
void     sl_peer_close           (SlPeer                 *self);
void     sl_peer_add_bytes_in    (SlPeer                 *self,
                                  gsize                   n);
void     sl_peer_add_bytes_out   (SlPeer                 *self,
                                  gsize                   n);
/* Monotonic time of the last data received or sent. */
gint64   sl_peer_get_last_active (SlPeer                 *self);
SlTokenBucket *sl_peer_get_reply_bucket (SlPeer          *self);
/* Emits the notifies for counters that changed since the last call. */
void     sl_peer_flush_notify    (SlPeer                 *self);

G_END_DECLS
