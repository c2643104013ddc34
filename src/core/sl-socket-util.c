/* sl-socket-util.c: socket names as Python and strace print them, addresses as text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include "sl-socket-util.h"

const char *
sl_socket_family_name (GSocketFamily family)
{
  switch (family)
    {
    case G_SOCKET_FAMILY_IPV4:
      return "AF_INET";
    case G_SOCKET_FAMILY_IPV6:
      return "AF_INET6";
    case G_SOCKET_FAMILY_UNIX:
      return "AF_UNIX";
    case G_SOCKET_FAMILY_INVALID:
    default:
      return "AF_UNSPEC";
    }
}

const char *
sl_socket_type_name (GSocketType type)
{
  switch (type)
    {
    case G_SOCKET_TYPE_STREAM:
      return "SOCK_STREAM";
    case G_SOCKET_TYPE_DATAGRAM:
      return "SOCK_DGRAM";
    case G_SOCKET_TYPE_SEQPACKET:
      return "SOCK_SEQPACKET";
    case G_SOCKET_TYPE_INVALID:
    default:
      return "SOCK_RAW";
    }
}

const char *
sl_socket_protocol_name (int protocol)
{
  switch (protocol)
    {
    case IPPROTO_TCP:
      return "IPPROTO_TCP";
    case IPPROTO_UDP:
      return "IPPROTO_UDP";
    case IPPROTO_ICMP:
      return "IPPROTO_ICMP";
    case IPPROTO_ICMPV6:
      return "IPPROTO_ICMPV6";
    case IPPROTO_SCTP:
      return "IPPROTO_SCTP";
    default:
      return "0";
    }
}

/* GSocket says 0 when it was made with the default protocol; the kernel knows which it chose. */
int
sl_socket_get_protocol (GSocket *socket)
{
  int protocol;

  g_return_val_if_fail (G_IS_SOCKET (socket), 0);

  protocol = g_socket_get_protocol (socket);
  if (protocol == G_SOCKET_PROTOCOL_DEFAULT &&
      !g_socket_get_option (socket, SOL_SOCKET, SO_PROTOCOL, &protocol, NULL))
    protocol = 0;
  return protocol;
}

char *
sl_socket_describe (GSocket *socket)
{
  g_return_val_if_fail (G_IS_SOCKET (socket), NULL);

  return g_strdup_printf ("%s, %s, %s",
                          sl_socket_family_name (g_socket_get_family (socket)),
                          sl_socket_type_name (g_socket_get_socket_type (socket)),
                          sl_socket_protocol_name (sl_socket_get_protocol (socket)));
}

char *
sl_socket_address_to_string (GSocketAddress *address)
{
  GInetSocketAddress *inet;
  g_autofree char *host = NULL;

  g_return_val_if_fail (G_IS_SOCKET_ADDRESS (address), NULL);

  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (address));

  inet = G_INET_SOCKET_ADDRESS (address);
  host = g_inet_address_to_string (g_inet_socket_address_get_address (inet));
  if (g_socket_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("[%s]:%u", host, g_inet_socket_address_get_port (inet));
  return g_strdup_printf ("%s:%u", host, g_inet_socket_address_get_port (inet));
}

socklen_t
sl_sockaddr_get_length (int family)
{
  return family == AF_INET6 ? sizeof (struct sockaddr_in6) : sizeof (struct sockaddr_in);
}

guint16
sl_sockaddr_get_port (const struct sockaddr_storage *address)
{
  if (address->ss_family == AF_INET6)
    return g_ntohs (((const struct sockaddr_in6 *) address)->sin6_port);
  return g_ntohs (((const struct sockaddr_in *) address)->sin_port);
}

void
sl_sockaddr_set_port (struct sockaddr_storage *address,
                      guint16                  port)
{
  if (address->ss_family == AF_INET6)
    ((struct sockaddr_in6 *) address)->sin6_port = g_htons (port);
  else
    ((struct sockaddr_in *) address)->sin_port = g_htons (port);
}
