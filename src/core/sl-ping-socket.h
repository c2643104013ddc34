/* sl-ping-socket.h: open the socket a ping method needs, explaining the choice (private).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sys/socket.h>

#include "sl-trace.h"
#include "sl-types.h"

G_BEGIN_DECLS

typedef struct {
  SlPingMethod  method;
  int           fd;            /* the ICMP socket; -1 for TCP, which opens one per probe */
  guint16       ident;         /* ICMP id: chosen for raw, assigned by the kernel for datagram */
  char         *explanation;   /* which method and why, for the student */
} SlPingSocket;

/* Tries @first and the methods after it (datagram ICMP, raw ICMP, TCP connect). */
SlPingSocket *sl_ping_socket_open         (GSocketFamily           family,
                                           SlPingMethod            first,
                                           guint                   tcp_port,
                                           SlTrace                *trace,
                                           GError                **error);
void          sl_ping_socket_free         (SlPingSocket           *self);

/* Like iputils: connect a UDP socket to find out early that no route leads to @address. */
gboolean      sl_ping_socket_check_route  (const struct sockaddr  *address,
                                           socklen_t               address_len,
                                           SlTrace                *trace,
                                           GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlPingSocket, sl_ping_socket_free)

G_END_DECLS
