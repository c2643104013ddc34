/* sl-socket-util.c: socket names as Python and strace print them, addresses as text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <netdb.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

#include "sl-socket-util.h"

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

const char *
sl_address_family_name (int family)
{
  switch (family)
    {
    case AF_INET:
      return "AF_INET";
    case AF_INET6:
      return "AF_INET6";
    case AF_UNIX:
      return "AF_UNIX";
    default:
      return "AF_UNSPEC";
    }
}

typedef struct {
  int         value;
  const char *name;
} NamedValue;

static const char *
find_name (const NamedValue *table,
           gsize             n,
           int               value)
{
  for (gsize i = 0; i < n; i++)
    if (table[i].value == value)
      return table[i].name;
  return NULL;
}

/* "A|B|C" for the bits of flags that have a name, then any remaining bits as a number. */
static char *
flags_to_string (const NamedValue *table,
                 gsize             n,
                 int               flags)
{
  GString *text = g_string_new (NULL);

  for (gsize i = 0; i < n; i++)
    if ((flags & table[i].value) == table[i].value && table[i].value != 0)
      {
        g_string_append_printf (text, "%s%s", text->len > 0 ? "|" : "", table[i].name);
        flags &= ~table[i].value;
      }
  if (flags != 0 || text->len == 0)
    g_string_append_printf (text, "%s%#x", text->len > 0 ? "|" : "", (unsigned) flags);
  return g_string_free (text, FALSE);
}

char *
sl_sock_type_to_string (int type)
{
  static const NamedValue types[] = {
    { SOCK_STREAM, "SOCK_STREAM" }, { SOCK_DGRAM, "SOCK_DGRAM" }, { SOCK_RAW, "SOCK_RAW" },
    { SOCK_SEQPACKET, "SOCK_SEQPACKET" },
  };
  static const NamedValue flags[] = {
    { SOCK_NONBLOCK, "SOCK_NONBLOCK" }, { SOCK_CLOEXEC, "SOCK_CLOEXEC" },
  };
  int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  const char *name = find_name (types, G_N_ELEMENTS (types), base);
  GString *text = g_string_new (NULL);

  if (name != NULL)
    g_string_append (text, name);
  else if (base != 0 || (type & (SOCK_NONBLOCK | SOCK_CLOEXEC)) == 0)
    g_string_append_printf (text, "%d", base);
  if (type & (SOCK_NONBLOCK | SOCK_CLOEXEC))
    {
      g_autofree char *names = flags_to_string (flags, G_N_ELEMENTS (flags), type & (SOCK_NONBLOCK | SOCK_CLOEXEC));
      g_string_append_printf (text, "%s%s", text->len > 0 ? "|" : "", names);
    }
  return g_string_free (text, FALSE);
}

const char *
sl_ip_protocol_name (int protocol)
{
  static const NamedValue protocols[] = {
    { 0, "0" }, { IPPROTO_TCP, "IPPROTO_TCP" }, { IPPROTO_UDP, "IPPROTO_UDP" },
    { IPPROTO_ICMP, "IPPROTO_ICMP" }, { IPPROTO_ICMPV6, "IPPROTO_ICMPV6" },
    { IPPROTO_SCTP, "IPPROTO_SCTP" }, { IPPROTO_RAW, "IPPROTO_RAW" },
  };

  return find_name (protocols, G_N_ELEMENTS (protocols), protocol);
}

const char *
sl_socket_level_name (int level)
{
  static const NamedValue levels[] = {
    { SOL_SOCKET, "SOL_SOCKET" }, { IPPROTO_IP, "IPPROTO_IP" }, { IPPROTO_IPV6, "IPPROTO_IPV6" },
    { IPPROTO_TCP, "IPPROTO_TCP" }, { IPPROTO_UDP, "IPPROTO_UDP" }, { IPPROTO_ICMPV6, "IPPROTO_ICMPV6" },
    { IPPROTO_RAW, "IPPROTO_RAW" },
  };

  return find_name (levels, G_N_ELEMENTS (levels), level);
}

const char *
sl_socket_option_name (int level,
                       int option)
{
  static const NamedValue socket_options[] = {
    { SO_REUSEADDR, "SO_REUSEADDR" }, { SO_REUSEPORT, "SO_REUSEPORT" }, { SO_ERROR, "SO_ERROR" },
    { SO_RCVBUF, "SO_RCVBUF" }, { SO_SNDBUF, "SO_SNDBUF" }, { SO_KEEPALIVE, "SO_KEEPALIVE" },
    { SO_BROADCAST, "SO_BROADCAST" }, { SO_TIMESTAMPNS, "SO_TIMESTAMPNS" }, { SO_TYPE, "SO_TYPE" },
    { SO_PROTOCOL, "SO_PROTOCOL" }, { SO_ATTACH_FILTER, "SO_ATTACH_FILTER" },
    { SO_RXQ_OVFL, "SO_RXQ_OVFL" }, { SO_LINGER, "SO_LINGER" }, { SO_RCVTIMEO, "SO_RCVTIMEO" },
  };
  static const NamedValue ip_options[] = {
    { IP_TTL, "IP_TTL" }, { IP_RECVTTL, "IP_RECVTTL" }, { IP_RECVERR, "IP_RECVERR" },
    { IP_MTU_DISCOVER, "IP_MTU_DISCOVER" }, { IP_MTU, "IP_MTU" }, { IP_TOS, "IP_TOS" },
  };
  static const NamedValue ipv6_options[] = {
    { IPV6_UNICAST_HOPS, "IPV6_UNICAST_HOPS" }, { IPV6_RECVHOPLIMIT, "IPV6_RECVHOPLIMIT" },
    { IPV6_RECVERR, "IPV6_RECVERR" }, { IPV6_V6ONLY, "IPV6_V6ONLY" },
    { IPV6_MTU_DISCOVER, "IPV6_MTU_DISCOVER" }, { IPV6_MTU, "IPV6_MTU" },
  };
  static const NamedValue tcp_options[] = {
    { TCP_NODELAY, "TCP_NODELAY" }, { TCP_INFO, "TCP_INFO" },
  };
  static const NamedValue icmp6_options[] = {
    { ICMP6_FILTER, "ICMP6_FILTER" },
  };

  switch (level)
    {
    case SOL_SOCKET:
      return find_name (socket_options, G_N_ELEMENTS (socket_options), option);
    case IPPROTO_IP:
      return find_name (ip_options, G_N_ELEMENTS (ip_options), option);
    case IPPROTO_IPV6:
      return find_name (ipv6_options, G_N_ELEMENTS (ipv6_options), option);
    case IPPROTO_TCP:
      return find_name (tcp_options, G_N_ELEMENTS (tcp_options), option);
    case IPPROTO_ICMPV6:
      return find_name (icmp6_options, G_N_ELEMENTS (icmp6_options), option);
    default:
      return NULL;
    }
}

char *
sl_msg_flags_to_string (int flags)
{
  static const NamedValue names[] = {
    { MSG_NOSIGNAL, "MSG_NOSIGNAL" }, { MSG_DONTWAIT, "MSG_DONTWAIT" },
    { MSG_ERRQUEUE, "MSG_ERRQUEUE" }, { MSG_PEEK, "MSG_PEEK" }, { MSG_TRUNC, "MSG_TRUNC" },
    { MSG_WAITALL, "MSG_WAITALL" }, { MSG_CONFIRM, "MSG_CONFIRM" }, { MSG_OOB, "MSG_OOB" },
  };

  return flags_to_string (names, G_N_ELEMENTS (names), flags);
}

char *
sl_bytes_to_python_literal (const guint8 *data,
                            gsize         len)
{
  GString *text = g_string_sized_new (len + 3);

  g_string_append (text, "b'");
  for (gsize i = 0; i < len; i++)
    {
      guint8 c = data[i];

      switch (c)
        {
        case '\\':
          g_string_append (text, "\\\\");
          break;
        case '\'':
          g_string_append (text, "\\'");
          break;
        case '\n':
          g_string_append (text, "\\n");
          break;
        case '\r':
          g_string_append (text, "\\r");
          break;
        case '\t':
          g_string_append (text, "\\t");
          break;
        default:
          if (c >= 0x20 && c < 0x7f)
            g_string_append_c (text, c);
          else
            g_string_append_printf (text, "\\x%02x", c);
        }
    }
  g_string_append_c (text, '\'');
  return g_string_free (text, FALSE);
}

char *
sl_sockaddr_to_host (const struct sockaddr_storage *address)
{
  char host[NI_MAXHOST];

  if (getnameinfo ((const struct sockaddr *) address, sl_sockaddr_get_length (address->ss_family),
                   host, sizeof host, NULL, 0, NI_NUMERICHOST) != 0)
    return g_strdup ("?");
  return g_strdup (host);
}

char *
sl_sockaddr_to_string (const struct sockaddr_storage *address)
{
  g_autofree char *host = sl_sockaddr_to_host (address);

  if (address->ss_family == AF_INET6)
    return g_strdup_printf ("[%s]:%u", host, sl_sockaddr_get_port (address));
  return g_strdup_printf ("%s:%u", host, sl_sockaddr_get_port (address));
}

gboolean
sl_sockaddr_same_host (const struct sockaddr_storage *a,
                       const struct sockaddr_storage *b)
{
  if (a->ss_family != b->ss_family)
    return FALSE;
  if (a->ss_family == AF_INET6)
    return memcmp (&((const struct sockaddr_in6 *) a)->sin6_addr,
                   &((const struct sockaddr_in6 *) b)->sin6_addr, sizeof (struct in6_addr)) == 0;
  if (a->ss_family == AF_INET)
    return ((const struct sockaddr_in *) a)->sin_addr.s_addr ==
           ((const struct sockaddr_in *) b)->sin_addr.s_addr;
  return FALSE;
}
