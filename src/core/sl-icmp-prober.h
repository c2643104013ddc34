/* sl-icmp-prober.h: what the two ICMP echo probers share (datagram and raw sockets): the
 * request they send, the payload that proves a reply is ours, and how a reply is checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-icmp.h"
#include "sl-prober.h"
#include "sl-socket.h"

G_BEGIN_DECLS

#define SL_TYPE_ICMP_PROBER (sl_icmp_prober_get_type ())

G_DECLARE_DERIVABLE_TYPE (SlIcmpProber, sl_icmp_prober, SL, ICMP_PROBER, GObject)

struct _SlIcmpProberClass
{
  GObjectClass parent_class;

  SlPingMethod method;
  /* Reads what the socket has: raw and datagram sockets report errors differently. */
  void (*receive) (SlIcmpProber *self);
};

/* For subclasses: take over an open socket whose echo id is ident, and start reading. */
void          sl_icmp_prober_start         (SlIcmpProber            *self,
                                            const SlProberOptions   *options,
                                            SlSocket                *socket,
                                            guint16                  ident);
SlSocket     *sl_icmp_prober_get_socket    (SlIcmpProber            *self);
GSocketFamily sl_icmp_prober_get_family    (SlIcmpProber            *self);
guint8       *sl_icmp_prober_get_buffer    (SlIcmpProber            *self);
/* Are these the bytes of the pinged host's address (4 or 16 of them)? */
gboolean      sl_icmp_prober_is_target_bytes (SlIcmpProber          *self,
                                              const guint8          *address,
                                              gsize                  length);
/* An echo reply with our id: checks it and tells the sink. */
void          sl_icmp_prober_handle_reply  (SlIcmpProber            *self,
                                            const SlIcmpPacket      *packet,
                                            const struct sockaddr_storage *from,
                                            gint64                   kernel_time_ns,
                                            int                      ttl);
/* An ICMP error about our request wire_seq, from @from ("Destination Host Unreachable"). */
void          sl_icmp_prober_handle_error  (SlIcmpProber            *self,
                                            guint16                  wire_seq,
                                            const struct sockaddr_storage *from,
                                            const char              *what);

G_END_DECLS
