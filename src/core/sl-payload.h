/* sl-payload.h: user text (plain, C escapes, hex) to bytes and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-types.h"

G_BEGIN_DECLS

#define SL_PAYLOAD_ERROR (sl_payload_error_quark ())

typedef enum {
  SL_PAYLOAD_ERROR_INVALID_ESCAPE,
  SL_PAYLOAD_ERROR_INVALID_HEX,
  SL_PAYLOAD_ERROR_TOO_LARGE,
} SlPayloadError;

/* The most one send from the UI may carry over TCP (a stream has no limit of its own; this
 * keeps one send and its log entry small). */
#define SL_PAYLOAD_MAX_SEND (64 * 1024)
/* The payload of one UDP datagram: the 16-bit IPv4 total length (65 535) less the IPv4 header
 * (20) and the UDP header (8); over IPv6, the 16-bit payload length does not count the IPv6
 * header, so only the UDP header (8) comes off. Jumbograms are not supported. */
#define SL_PAYLOAD_MAX_UDP_IPV4 65507
#define SL_PAYLOAD_MAX_UDP_IPV6 65527

GQuark  sl_payload_error_quark   (void);

/* Errors name the 1-based column of the offending character. */
GBytes *sl_payload_parse         (const char     *text,
                                  SlPayloadMode   mode,
                                  GError        **error);
/* "hi\r\n\x00" style: printable UTF-8 kept, the rest escaped; never markup. */
char   *sl_payload_to_printable  (GBytes         *bytes);
/* Printable text in lines of at most columns characters, each escape whole: a line ends
 * after a "\n" escape or where the next character or escape would not fit. */
char   *sl_payload_break_lines   (const char     *printable,
                                  guint           columns);
/* The largest payload of one send: SL_PAYLOAD_MAX_UDP_IPV4 / _IPV6 for UDP, SL_PAYLOAD_MAX_SEND
 * for TCP. G_SOCKET_FAMILY_INVALID (a name not looked up yet) gives IPv4's, the smaller. */
gsize    sl_payload_max_size     (SlProtocol      protocol,
                                  GSocketFamily   family);
/* FALSE with SL_PAYLOAD_ERROR_TOO_LARGE when @size bytes do not fit in one send: "A UDP
 * datagram over IPv4 carries at most 65 507 bytes; this one has 65 508". */
gboolean sl_payload_check_size   (gsize           size,
                                  SlProtocol      protocol,
                                  GSocketFamily   family,
                                  GError        **error);
/* "68 69 0d 0a" */
char   *sl_payload_to_hex        (GBytes         *bytes);
/* "00000000  68 69 0d 0a ...  |hi..|" lines, 16 bytes each */
char   *sl_payload_to_hexdump    (GBytes         *bytes);

G_END_DECLS
