/* sl-icmp-dgram-prober.c: ICMP echo over an unprivileged datagram socket.
 *
 * Linux lets the groups in net.ipv4.ping_group_range open SOCK_DGRAM/IPPROTO_ICMP sockets.
 * The kernel then chooses the echo id (the socket's "port"), fills in the checksum, hands
 * the socket only replies carrying its id, and reports ICMP errors about its requests on
 * the error queue (IP_RECVERR) — so nothing another program does can reach this socket.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>

#include "sl-errno.h"
#include "sl-icmp-dgram-prober.h"
#include "sl-probe-util.h"
#include "sl-socket-util.h"

/* Packets read per wakeup: fair to the rest of the main loop during a flood. */
#define READS_PER_DISPATCH 64

struct _SlIcmpDgramProber
{
  SlIcmpProber parent_instance;
};

G_DEFINE_FINAL_TYPE (SlIcmpDgramProber, sl_icmp_dgram_prober, SL_TYPE_ICMP_PROBER)

static void
receive_replies (SlIcmpProber *self)
{
  GSocketFamily family = sl_icmp_prober_get_family (self);
  guint8 *buffer = sl_icmp_prober_get_buffer (self);

  for (guint i = 0; i < READS_PER_DISPATCH && sl_icmp_prober_get_socket (self) != NULL; i++)
    {
      SlSocketMessage message;
      SlIcmpPacket packet;
      gssize n = sl_socket_recvmsg (sl_icmp_prober_get_socket (self), buffer, SL_ICMP_MAX_PACKET, 0,
                                    &message, NULL);

      if (n < 0)
        return;
      sl_icmp_parse (family, FALSE, buffer, n, &packet);
      if (packet.kind == SL_ICMP_KIND_ECHO_REPLY)
        sl_icmp_prober_handle_reply (self, &packet, &message.from, message.kernel_time_ns, message.ttl);
    }
}

/* The error queue gives back our own request, with what went wrong with it. */
static void
receive_errors (SlIcmpProber *self)
{
  GSocketFamily family = sl_icmp_prober_get_family (self);
  guint8 *buffer = sl_icmp_prober_get_buffer (self);

  for (guint i = 0; i < READS_PER_DISPATCH && sl_icmp_prober_get_socket (self) != NULL; i++)
    {
      SlSocketMessage message;
      SlIcmpPacket packet;
      g_autofree char *what = NULL;
      const struct sock_extended_err *ee = &message.error;
      gssize n = sl_socket_recvmsg (sl_icmp_prober_get_socket (self), buffer, SL_ICMP_MAX_PACKET,
                                    MSG_ERRQUEUE, &message, NULL);

      if (n < 0)
        return;
      sl_icmp_parse (family, FALSE, buffer, n, &packet);
      if (packet.kind != SL_ICMP_KIND_ECHO_REQUEST || !message.has_error)
        continue;
      if (ee->ee_origin == SO_EE_ORIGIN_ICMP || ee->ee_origin == SO_EE_ORIGIN_ICMP6)
        {
          what = sl_icmp_describe_error (family, ee->ee_type, ee->ee_code, ee->ee_info);
          sl_icmp_prober_handle_error (self, packet.seq, &message.offender, what);
        }
      else
        {
          g_autofree char *described = sl_errno_describe (ee->ee_errno);

          /* ping's words for it, not translated (see sl_icmp_prober_handle_error ()). */
          what = g_strdup_printf ("local error: %s", described);
          sl_icmp_prober_handle_error (self, packet.seq, NULL, what);
        }
    }
}

static void
sl_icmp_dgram_prober_receive (SlIcmpProber *self)
{
  receive_replies (self);
  receive_errors (self);
}

static void
sl_icmp_dgram_prober_class_init (SlIcmpDgramProberClass *klass)
{
  SlIcmpProberClass *icmp_class = SL_ICMP_PROBER_CLASS (klass);

  icmp_class->method = SL_PING_METHOD_ICMP_DGRAM;
  icmp_class->receive = sl_icmp_dgram_prober_receive;
}

static void
sl_icmp_dgram_prober_init (SlIcmpDgramProber *self)
{
}

/* The kernel chooses the echo id of a datagram ICMP socket as its "port". */
static int
bind_for_ident (SlSocket      *socket,
                GSocketFamily  family,
                guint16       *out_ident)
{
  struct sockaddr_storage address = { 0 };
  socklen_t length;
  int errsv;

  address.ss_family = family == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET;
  errsv = sl_socket_bind (socket, (struct sockaddr *) &address, sl_sockaddr_get_length (address.ss_family));
  if (errsv == 0)
    errsv = sl_socket_getsockname (socket, &address, &length);
  if (errsv == 0)
    *out_ident = sl_sockaddr_get_port (&address);
  return errsv;
}

SlProber *
sl_icmp_dgram_prober_open (const SlProberOptions *options,
                           int                   *out_errno)
{
  g_autoptr(SlSocket) socket = NULL;
  SlIcmpProber *self;
  guint16 ident = 0;
  int errsv;

  socket = sl_probe_open_icmp_socket (options->target.family, SOCK_DGRAM, options->trace, out_errno);
  if (socket == NULL)
    return NULL;
  errsv = bind_for_ident (socket, options->target.family, &ident);
  if (errsv != 0)
    {
      *out_errno = errsv;
      sl_socket_close (socket);
      return NULL;
    }
  sl_probe_set_receive_options (socket, options->target.family,
                                SL_PROBE_RECEIVE_LARGE_BUFFER | SL_PROBE_RECEIVE_ERRORS);

  self = g_object_new (SL_TYPE_ICMP_DGRAM_PROBER, NULL);
  sl_icmp_prober_start (self, options, socket, ident);
  *out_errno = 0;
  return SL_PROBER (self);
}
