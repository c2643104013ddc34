/* sl-socket-util.h: socket names as Python and strace print them, addresses as text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sys/socket.h>

G_BEGIN_DECLS

/* "127.0.0.1:80", "[::1]:80"; other kinds of address as GLib prints them */
char       *sl_socket_address_to_string (GSocketAddress *address);

/* Names of the raw numbers a system call takes: "AF_INET6", "SOCK_DGRAM|SOCK_NONBLOCK",
 * "IPPROTO_ICMP" (NULL when unknown), "SOL_SOCKET", "SO_REUSEADDR", "MSG_ERRQUEUE|MSG_DONTWAIT". */
const char *sl_address_family_name     (int              family);
char       *sl_sock_type_to_string     (int              type);
const char *sl_ip_protocol_name        (int              protocol);
const char *sl_socket_level_name       (int              level);
const char *sl_socket_option_name      (int              level,
                                        int              option);
char       *sl_msg_flags_to_string     (int              flags);

/* A Python bytes literal for data: b'GET / HTTP/1.0\r\n' (printable ASCII kept, the rest escaped). */
char       *sl_bytes_to_python_literal (const guint8    *data,
                                        gsize            len);

/* Raw addresses of the AF_INET or AF_INET6 family: length, and port in host order. */
socklen_t   sl_sockaddr_get_length     (int                            family);
guint16     sl_sockaddr_get_port       (const struct sockaddr_storage *address);
void        sl_sockaddr_set_port       (struct sockaddr_storage       *address,
                                        guint16                        port);
/* "127.0.0.1", "::1", "fe80::1%eth0": the host part as text. */
char       *sl_sockaddr_to_host        (const struct sockaddr_storage *address);
/* "127.0.0.1:80", "[::1]:80" */
char       *sl_sockaddr_to_string      (const struct sockaddr_storage *address);
/* The same family and host part (the ports may differ). */
gboolean    sl_sockaddr_same_host      (const struct sockaddr_storage *a,
                                        const struct sockaddr_storage *b);

G_END_DECLS
