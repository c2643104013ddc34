/* sl-ping-socket.c: open the socket a ping method needs, explaining the choice.
 *
 * Order: an unprivileged ICMP datagram socket (Linux allows it to the groups listed in
 * net.ipv4.ping_group_range), a raw ICMP socket (root or CAP_NET_RAW), and finally TCP
 * connect timing, which works anywhere, even in a Flatpak sandbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <string.h>
#include <unistd.h>

#include "sl-errno.h"
#include "sl-ping-socket.h"
#include "sl-socket-util.h"

#define PING_GROUP_RANGE_FILE "/proc/sys/net/ipv4/ping_group_range"
#define RECEIVE_BUFFER_SIZE   (256 * 1024)

static const char *
icmp_protocol_name (GSocketFamily family)
{
  return family == G_SOCKET_FAMILY_IPV6 ? "IPPROTO_ICMPV6" : "IPPROTO_ICMP";
}

static int
open_traced (GSocketFamily  family,
             int            type,
             const char    *type_name,
             SlTrace       *trace,
             int           *out_errno)
{
  int domain = family == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET;
  int protocol = family == G_SOCKET_FAMILY_IPV6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
  int fd = socket (domain, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);

  *out_errno = fd < 0 ? errno : 0;
  sl_trace_recordf (trace, "socket", fd, *out_errno, "%s, %s, %s",
                    sl_socket_family_name (family), type_name, icmp_protocol_name (family));
  return fd;
}

static void
set_option (int         fd,
            int         level,
            int         name,
            const char *name_text,
            SlTrace    *trace)
{
  int on = 1;
  int result = setsockopt (fd, level, name, &on, sizeof on);

  sl_trace_recordf (trace, "setsockopt", result, errno, "fd=%d, %s, 1", fd, name_text);
}

/* Kernel receive timestamps, the TTL / hop limit, and ICMP errors on the error queue. */
static void
set_receive_options (int            fd,
                     GSocketFamily  family,
                     gboolean       want_errors,
                     SlTrace       *trace)
{
  int size = RECEIVE_BUFFER_SIZE;

  set_option (fd, SOL_SOCKET, SO_TIMESTAMPNS, "SO_TIMESTAMPNS", trace);
  setsockopt (fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  if (family == G_SOCKET_FAMILY_IPV6)
    {
      set_option (fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, "IPV6_RECVHOPLIMIT", trace);
      if (want_errors)
        set_option (fd, IPPROTO_IPV6, IPV6_RECVERR, "IPV6_RECVERR", trace);
    }
  else
    {
      set_option (fd, IPPROTO_IP, IP_RECVTTL, "IP_RECVTTL", trace);
      if (want_errors)
        set_option (fd, IPPROTO_IP, IP_RECVERR, "IP_RECVERR", trace);
    }
}

/* The kernel chooses the echo id of a datagram ICMP socket as its "port". */
static gboolean
bind_datagram (int            fd,
               GSocketFamily  family,
               guint16       *out_ident,
               SlTrace       *trace)
{
  struct sockaddr_storage address = { 0 };
  socklen_t length;
  int result;

  address.ss_family = family == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET;
  length = sl_sockaddr_get_length (address.ss_family);
  result = bind (fd, (struct sockaddr *) &address, length);
  sl_trace_recordf (trace, "bind", result, errno, "fd=%d, %s, port 0", fd,
                    family == G_SOCKET_FAMILY_IPV6 ? "::" : "0.0.0.0");
  if (result < 0 || getsockname (fd, (struct sockaddr *) &address, &length) < 0)
    return FALSE;
  *out_ident = sl_sockaddr_get_port (&address);
  return TRUE;
}

/* Raw sockets see every ICMPv6 message: keep echo replies and the errors about them. */
static void
filter_icmp6 (int      fd,
              SlTrace *trace)
{
  struct icmp6_filter filter;
  int result;

  ICMP6_FILTER_SETBLOCKALL (&filter);
  ICMP6_FILTER_SETPASS (ICMP6_ECHO_REPLY, &filter);
  ICMP6_FILTER_SETPASS (ICMP6_DST_UNREACH, &filter);
  ICMP6_FILTER_SETPASS (ICMP6_PACKET_TOO_BIG, &filter);
  ICMP6_FILTER_SETPASS (ICMP6_TIME_EXCEEDED, &filter);
  ICMP6_FILTER_SETPASS (ICMP6_PARAM_PROB, &filter);
  result = setsockopt (fd, IPPROTO_ICMPV6, ICMP6_FILTER, &filter, sizeof filter);
  sl_trace_recordf (trace, "setsockopt", result, errno,
                    "fd=%d, ICMP6_FILTER, echo reply + errors", fd);
}

/* Raw sockets pick their own id; distinct ids keep several pingers of this process apart. */
static guint16
next_raw_ident (void)
{
  static gsize initialized;
  static guint ident;

  if (g_once_init_enter (&initialized))
    {
      ident = g_random_int_range (1, 0xffff);
      g_once_init_leave (&initialized, 1);
    }
  return (guint16) g_atomic_int_add (&ident, 1);
}

static char *
read_ping_group_range (void)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (PING_GROUP_RANGE_FILE, &contents, NULL, NULL))
    return g_strdup ("?");
  g_strdelimit (contents, "\t\n", ' ');
  return g_strdup (g_strstrip (contents));
}

/* "EPERM", or the system's text for an errno without a name here. */
static const char *
errno_name (int errsv)
{
  return sl_errno_name (errsv) != NULL ? sl_errno_name (errsv) : g_strerror (errsv);
}

static char *
explain_datagram_failure (int errsv)
{
  g_autofree char *range = NULL;

  if (errsv != EACCES && errsv != EPERM)
    return g_strdup_printf (_("This system has no unprivileged ICMP sockets (%s)."),
                            errno_name (errsv));
  range = read_ping_group_range ();
  return g_strdup_printf (_("Unprivileged ICMP is off: your group (gid %u) is outside "
                            "net.ipv4.ping_group_range (%s). To allow it, run: "
                            "sudo sysctl -w net.ipv4.ping_group_range=\"0 2147483647\"."),
                          (guint) getgid (), range);
}

static char *
explain_raw_failure (int errsv)
{
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return g_strdup (_("Raw sockets are never allowed inside the Flatpak sandbox."));
  if (errsv == EPERM || errsv == EACCES)
    return g_strdup (_("Raw sockets need root or the CAP_NET_RAW capability."));
  return g_strdup_printf (_("A raw ICMP socket could not be opened (%s)."),
                          errno_name (errsv));
}

static char *
explain_choice (SlPingMethod  method,
                GSocketFamily family,
                guint         tcp_port,
                const char   *failures)
{
  g_autofree char *why = NULL;
  const char *proto = icmp_protocol_name (family);

  switch (method)
    {
    case SL_PING_METHOD_ICMP_DGRAM:
      why = g_strdup_printf (_("ICMP echo over an unprivileged datagram socket (SOCK_DGRAM, %s): "
                               "your group is inside net.ipv4.ping_group_range, so no special "
                               "rights are needed."), proto);
      break;
    case SL_PING_METHOD_ICMP_RAW:
      why = g_strdup_printf (_("ICMP echo over a raw socket (SOCK_RAW, %s), allowed because "
                               "Socket Lab runs as root or with CAP_NET_RAW."), proto);
      break;
    case SL_PING_METHOD_TCP:
    default:
      why = g_strdup_printf (_("TCP connect ping: times the TCP handshake with port %u; a refused "
                               "connection (RST) counts as a reply too."), tcp_port);
      break;
    }
  if (failures == NULL || *failures == '\0')
    return g_steal_pointer (&why);
  return g_strdup_printf ("%s %s", why, failures);
}

static int
try_open (SlPingMethod   method,
          GSocketFamily  family,
          SlTrace       *trace,
          guint16       *out_ident,
          int           *out_errno)
{
  int fd;

  if (method == SL_PING_METHOD_ICMP_DGRAM)
    {
      fd = open_traced (family, SOCK_DGRAM, "SOCK_DGRAM", trace, out_errno);
      if (fd < 0)
        return -1;
      if (!bind_datagram (fd, family, out_ident, trace))
        {
          *out_errno = errno;
          close (fd);
          return -1;
        }
      set_receive_options (fd, family, TRUE, trace);
      return fd;
    }

  fd = open_traced (family, SOCK_RAW, "SOCK_RAW", trace, out_errno);
  if (fd < 0)
    return -1;
  *out_ident = next_raw_ident ();
  /* Raw sockets get ICMP errors as ordinary packets; no error queue needed. */
  set_receive_options (fd, family, FALSE, trace);
  if (family == G_SOCKET_FAMILY_IPV6)
    filter_icmp6 (fd, trace);
  return fd;
}

SlPingSocket *
sl_ping_socket_open (GSocketFamily   family,
                     SlPingMethod    first,
                     guint           tcp_port,
                     SlTrace        *trace,
                     GError        **error)
{
  g_autoptr(SlPingSocket) self = g_new0 (SlPingSocket, 1);
  g_autoptr(GString) failures = g_string_new (NULL);

  g_return_val_if_fail (family == G_SOCKET_FAMILY_IPV4 || family == G_SOCKET_FAMILY_IPV6, NULL);

  self->fd = -1;
  for (SlPingMethod method = first; method < SL_PING_METHOD_TCP; method++)
    {
      int errsv = 0;
      g_autofree char *why = NULL;

      self->fd = try_open (method, family, trace, &self->ident, &errsv);
      if (self->fd >= 0)
        {
          self->method = method;
          self->explanation = explain_choice (method, family, tcp_port, failures->str);
          return g_steal_pointer (&self);
        }
      why = method == SL_PING_METHOD_ICMP_DGRAM ? explain_datagram_failure (errsv)
                                                : explain_raw_failure (errsv);
      g_string_append_printf (failures, "%s%s", failures->len ? " " : "", why);
    }

  self->method = SL_PING_METHOD_TCP;
  if (failures->len > 0)
    g_string_prepend (failures, _("ICMP is unavailable here. "));
  self->explanation = explain_choice (SL_PING_METHOD_TCP, family, tcp_port, failures->str);
  return g_steal_pointer (&self);
}

void
sl_ping_socket_free (SlPingSocket *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->explanation);
  g_free (self);
}

gboolean
sl_ping_socket_check_route (const struct sockaddr  *address,
                            socklen_t               address_len,
                            SlTrace                *trace,
                            GError                **error)
{
  struct sockaddr_storage probe;
  int fd, result, errsv;

  g_return_val_if_fail (address_len <= sizeof probe, FALSE);

  /* Connecting UDP sends nothing: it only asks the routing table. */
  memcpy (&probe, address, address_len);
  sl_sockaddr_set_port (&probe, 1025);

  fd = socket (probe.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    {
      errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv), "%s", g_strerror (errsv));
      return FALSE;
    }
  result = connect (fd, (struct sockaddr *) &probe, address_len);
  errsv = errno;
  sl_trace_recordf (trace, "connect", result, errsv, "fd=%d (UDP route check)", fd);
  close (fd);
  if (result == 0)
    return TRUE;

  {
    g_autofree char *described = sl_errno_describe (errsv);
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                 _("Cannot ping: %s"), described);
  }
  return FALSE;
}
