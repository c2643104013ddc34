/* sl-udp-route-prober.c: route probes as UDP datagrams, tracepath's method.
 *
 * An ordinary UDP socket needs no rights at all. Each probe goes to its own port,
 * SL_ROUTE_UDP_BASE_PORT + its key (traceroute's ports, where nothing usually listens), so
 * the port the ICMP error quotes says which probe it is about: the kernel gives it back as
 * the port of the recvmsg () address. The target, where nothing listens on the port,
 * answers "port unreachable": that is how the end of the path is recognised.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <netinet/in.h>
#include <string.h>

#include "sl-socket-util.h"
#include "sl-udp-route-prober.h"

struct _SlUdpRouteProber
{
  SlDgramRouteProber parent_instance;
};

G_DEFINE_FINAL_TYPE (SlUdpRouteProber, sl_udp_route_prober, SL_TYPE_DGRAM_ROUTE_PROBER)

/* Readable in a packet capture: what a student sees in Wireshark. */
static const char payload_text[] = "Socket Lab route probe ";

static void
udp_build (SlDgramRouteProber      *self,
           const SlRouteProbe      *probe,
           guint8                  *buffer,
           gsize                    length,
           struct sockaddr_storage *to)
{
  for (gsize i = 0; i < length; i++)
    buffer[i] = (guint8) payload_text[i % (sizeof payload_text - 1)];
  sl_sockaddr_set_port (to, SL_ROUTE_UDP_BASE_PORT + probe->key);
}

static int
key_of_port (guint16 port)
{
  if (port < SL_ROUTE_UDP_BASE_PORT || port >= SL_ROUTE_UDP_BASE_PORT + SL_ROUTE_KEY_SPACE)
    return -1;
  return port - SL_ROUTE_UDP_BASE_PORT;
}

/* The address of an error report is where the quoted datagram was going, port included. */
static int
udp_error_key (SlDgramRouteProber    *self,
               const SlSocketMessage *message,
               const guint8          *data,
               gsize                  length)
{
  return key_of_port (sl_sockaddr_get_port (&message->from));
}

/* Something does listen on the port and answered: the target was reached all the same. */
static int
udp_reply_key (SlDgramRouteProber    *self,
               const SlSocketMessage *message,
               const guint8          *data,
               gsize                  length)
{
  return key_of_port (sl_sockaddr_get_port (&message->from));
}

static void
sl_udp_route_prober_class_init (SlUdpRouteProberClass *klass)
{
  SlDgramRouteProberClass *dgram_class = SL_DGRAM_ROUTE_PROBER_CLASS (klass);

  dgram_class->method = SL_ROUTE_METHOD_UDP;
  dgram_class->kernel_header_size = 8;
  dgram_class->min_length = 0;
  dgram_class->build = udp_build;
  dgram_class->error_key = udp_error_key;
  dgram_class->reply_key = udp_reply_key;
}

static void
sl_udp_route_prober_init (SlUdpRouteProber *self)
{
}

SlRouteProber *
sl_udp_route_prober_open (const SlRouteProberOptions *options,
                          int                        *out_errno)
{
  gboolean v6 = options->target.family == G_SOCKET_FAMILY_IPV6;
  g_autoptr(SlSocket) socket = NULL;
  SlUdpRouteProber *self;

  socket = sl_socket_open (v6 ? AF_INET6 : AF_INET, SOCK_DGRAM, IPPROTO_UDP, options->trace, out_errno);
  if (socket == NULL)
    return NULL;
  self = g_object_new (SL_TYPE_UDP_ROUTE_PROBER, NULL);
  sl_dgram_route_prober_start (SL_DGRAM_ROUTE_PROBER (self), options, socket);
  return SL_ROUTE_PROBER (self);
}
