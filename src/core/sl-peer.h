/* sl-peer.h: one client of an SlServer (a TCP connection or a UDP source address).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-types.h"

G_BEGIN_DECLS

#define SL_TYPE_PEER (sl_peer_get_type ())

G_DECLARE_FINAL_TYPE (SlPeer, sl_peer, SL, PEER, GObject)

typedef enum {
  SL_PEER_STATE_CONNECTED,
  SL_PEER_STATE_PAUSED,     /* not reading: replies wait until the client reads them */
  SL_PEER_STATE_CLOSING,    /* the client sent EOF; the last replies are being sent */
  SL_PEER_STATE_CLOSED,
} SlPeerState;

SlProtocol          sl_peer_get_protocol  (SlPeer *self);
GInetSocketAddress *sl_peer_get_address   (SlPeer *self);
/* "127.0.0.1:40000" or "[::1]:40000": plain text, never markup. */
const char         *sl_peer_get_label     (SlPeer *self);
GDateTime          *sl_peer_get_since     (SlPeer *self);
/* Counters are exact when read; their notify signals come at most a few times a second. */
guint64             sl_peer_get_bytes_in  (SlPeer *self);
guint64             sl_peer_get_bytes_out (SlPeer *self);
/* Bytes accepted for sending that the client has not taken yet (TCP). */
guint64             sl_peer_get_queued    (SlPeer *self);
SlPeerState         sl_peer_get_state     (SlPeer *self);

G_END_DECLS
