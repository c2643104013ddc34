/* sl-icmp-route-prober.c: route probes as ICMP echo requests on a datagram socket.
 *
 * The unprivileged ICMP socket the pinger uses (net.ipv4.ping_group_range): the kernel
 * picks the echo id and delivers only replies and errors about this socket's requests.
 * A router's "time exceeded" quotes the request, so its sequence number (the probe's key)
 * says which probe it is about; the target answers with an echo reply.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <netinet/in.h>

#include "sl-icmp-route-prober.h"
#include "sl-icmp.h"
#include "sl-probe-util.h"

struct _SlIcmpRouteProber
{
  SlDgramRouteProber  parent_instance;
};

G_DEFINE_FINAL_TYPE (SlIcmpRouteProber, sl_icmp_route_prober, SL_TYPE_DGRAM_ROUTE_PROBER)

static void
icmp_build (SlDgramRouteProber      *dgram,
            const SlRouteProbe      *probe,
            guint8                  *buffer,
            gsize                    length,
            struct sockaddr_storage *to)
{
  guint8 *data = buffer + SL_ICMP_HEADER_SIZE;
  gsize data_length = length - SL_ICMP_HEADER_SIZE;

  for (gsize i = 0; i < data_length; i++)
    data[i] = (guint8) i;
  /* The data in place, the header around it. The kernel puts in the socket's echo id (and
   * the checksum again). */
  sl_icmp_build_echo_request (sl_dgram_route_prober_get_family (dgram), 0, probe->key,
                              data, data_length, buffer, length);
}

static int
key_of_packet (SlDgramRouteProber *self,
               const guint8       *data,
               gsize               length,
               SlIcmpKind          kind)
{
  SlIcmpPacket packet;

  sl_icmp_parse (sl_dgram_route_prober_get_family (self), FALSE, data, length, &packet);
  if (packet.kind != kind || packet.seq >= SL_ROUTE_KEY_SPACE)
    return -1;
  return packet.seq;
}

/* The error queue gives back the start of our own request. */
static int
icmp_error_key (SlDgramRouteProber    *self,
                const SlSocketMessage *message,
                const guint8          *data,
                gsize                  length)
{
  return key_of_packet (self, data, length, SL_ICMP_KIND_ECHO_REQUEST);
}

static int
icmp_reply_key (SlDgramRouteProber    *self,
                const SlSocketMessage *message,
                const guint8          *data,
                gsize                  length)
{
  return key_of_packet (self, data, length, SL_ICMP_KIND_ECHO_REPLY);
}

static void
sl_icmp_route_prober_class_init (SlIcmpRouteProberClass *klass)
{
  SlDgramRouteProberClass *dgram_class = SL_DGRAM_ROUTE_PROBER_CLASS (klass);

  dgram_class->method = SL_ROUTE_METHOD_ICMP;
  dgram_class->kernel_header_size = 0;
  dgram_class->min_length = SL_ICMP_HEADER_SIZE;
  dgram_class->build = icmp_build;
  dgram_class->error_key = icmp_error_key;
  dgram_class->reply_key = icmp_reply_key;
}

static void
sl_icmp_route_prober_init (SlIcmpRouteProber *self)
{
}

SlRouteProber *
sl_icmp_route_prober_open (const SlRouteProberOptions *options,
                           int                        *out_errno)
{
  g_autoptr(SlSocket) socket = NULL;
  SlIcmpRouteProber *self;

  socket = sl_probe_open_icmp_socket (options->target.family, SOCK_DGRAM, options->trace, out_errno);
  if (socket == NULL)
    return NULL;
  self = g_object_new (SL_TYPE_ICMP_ROUTE_PROBER, NULL);
  sl_dgram_route_prober_start (SL_DGRAM_ROUTE_PROBER (self), options, socket);
  return SL_ROUTE_PROBER (self);
}
