/* sl-dgram-route-prober.h: what the UDP and ICMP route probers share (private): one
 * datagram socket for the run, the TTL set per probe, probes as large as the path MTU, and
 * answers read from the error queue. Subclasses only say how a probe looks and how an
 * answer names it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-route-prober.h"
#include "sl-socket.h"

G_BEGIN_DECLS

#define SL_TYPE_DGRAM_ROUTE_PROBER (sl_dgram_route_prober_get_type ())

G_DECLARE_DERIVABLE_TYPE (SlDgramRouteProber, sl_dgram_route_prober, SL, DGRAM_ROUTE_PROBER, GObject)

struct _SlDgramRouteProberClass
{
  GObjectClass parent_class;

  SlRouteMethod method;
  /* Bytes the kernel puts between the IP header and what we send (UDP's 8). */
  guint         kernel_header_size;
  /* The fewest bytes a probe can have (ICMP: its 8-byte header). */
  guint         min_length;

  /* Writes the @length bytes to send for @probe into @buffer, and sets the port of @to. */
  void (*build)     (SlDgramRouteProber            *self,
                     const SlRouteProbe            *probe,
                     guint8                        *buffer,
                     gsize                          length,
                     struct sockaddr_storage       *to);
  /* The key of the probe an error-queue report is about: @data is the probe as the ICMP
   * error quoted it, message->from where it was going. -1 when it is not one of ours. */
  int  (*error_key) (SlDgramRouteProber            *self,
                     const SlSocketMessage         *message,
                     const guint8                  *data,
                     gsize                          length);
  /* The key of the probe a datagram from the target answers, -1 when none. */
  int  (*reply_key) (SlDgramRouteProber            *self,
                     const SlSocketMessage         *message,
                     const guint8                  *data,
                     gsize                          length);
};

/* For subclasses: take over an open socket, set its options and start reading. */
void           sl_dgram_route_prober_start      (SlDgramRouteProber         *self,
                                                 const SlRouteProberOptions *options,
                                                 SlSocket                   *socket);
GSocketFamily  sl_dgram_route_prober_get_family (SlDgramRouteProber         *self);

G_END_DECLS
