/* sl-socket-util.h: socket names as Python and strace print them, addresses as text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sys/socket.h>

G_BEGIN_DECLS

/* "AF_INET", "AF_INET6", "AF_UNIX" */
const char *sl_socket_family_name      (GSocketFamily    family);
/* "SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW" */
const char *sl_socket_type_name        (GSocketType      type);
/* "IPPROTO_TCP", "IPPROTO_UDP", "IPPROTO_ICMP", "IPPROTO_ICMPV6"; takes the raw number */
const char *sl_socket_protocol_name    (int              protocol);
/* The protocol number really in use (IPPROTO_TCP…), even for a socket made with 0 */
int         sl_socket_get_protocol     (GSocket         *socket);
/* "AF_INET, SOCK_STREAM, IPPROTO_TCP": the arguments of socket () */
char       *sl_socket_describe         (GSocket         *socket);
/* "127.0.0.1:80", "[::1]:80"; other kinds of address as GLib prints them */
char       *sl_socket_address_to_string (GSocketAddress *address);

/* Raw addresses of the AF_INET or AF_INET6 family: length, and port in host order. */
socklen_t   sl_sockaddr_get_length     (int                            family);
guint16     sl_sockaddr_get_port       (const struct sockaddr_storage *address);
void        sl_sockaddr_set_port       (struct sockaddr_storage       *address,
                                        guint16                        port);

G_END_DECLS
