/* sl-address.h: parse and validate a host and port typed by a student.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SL_ADDRESS_ERROR (sl_address_error_quark ())
#define SL_TYPE_ADDRESS  (sl_address_get_type ())

/* The code says which field is wrong, so the UI marks the right row. */
typedef enum {
  SL_ADDRESS_ERROR_EMPTY_HOST,
  SL_ADDRESS_ERROR_INVALID_HOST,
  SL_ADDRESS_ERROR_IPV6_NEEDS_BRACKETS,
  SL_ADDRESS_ERROR_EMPTY_PORT,
  SL_ADDRESS_ERROR_INVALID_PORT,
  SL_ADDRESS_ERROR_PORT_OUT_OF_RANGE,
  SL_ADDRESS_ERROR_UNKNOWN_SERVICE,
} SlAddressError;

/* Which texts are addresses, and what they mean:
 *
 * - IPv4 is accepted in every form the C library's inet_aton () accepts, as getaddrinfo (),
 *   ping and Python's socket.gethostbyname () do: "127.1", "2130706433", "0177.0.0.1" (a
 *   leading 0 is octal), "0x7f.1" (0x is hexadecimal). inet_aton () itself parses them, and
 *   @note tells the student the usual form: "127.1 is 127.0.0.1 (…)". What inet_aton () refuses
 *   ("256.1.1.1", "127.0.0.08") and any host whose last part is a number ("example.123": no
 *   top-level domain is one) is a field error, never a name to look up.
 * - Non-ASCII text is read as IDNA (and GLib's resolver, Python and browsers) read it: NFKC,
 *   and the ideographic and full-width full stops U+3002, U+FF0E, U+FF61 are dots. So
 *   "１２７.０.０.１" and "127。0。0。1" are both 127.0.0.1, with a note saying so; the rules
 *   above then apply to the ASCII form. Other symbols (a full-width colon) are refused.
 */
typedef struct {
  char          *host;       /* what is looked up: a name (IDN as xn--), or a literal in ASCII as
                              * typed ("127.1"), without brackets */
  guint16        port;
  GSocketFamily  family;     /* G_SOCKET_FAMILY_INVALID for names */
  char          *canonical;  /* literals: the usual form ("127.0.0.1", "::1"); NULL for names */
  char          *note;       /* "127.1 is 127.0.0.1 (…)" when a literal was typed in another form
                              * than @canonical, for the page to show; else NULL */
} SlAddress;

GQuark     sl_address_error_quark      (void);
GType      sl_address_get_type         (void) G_GNUC_CONST;

/* host may carry the port ("example.org:80", "[::1]:8080") when port_text is NULL or "". */
SlAddress *sl_address_parse            (const char       *host_text,
                                        const char       *port_text,
                                        GError          **error);
/* "8080" or a service name ("http"); 1–65535, or 0 when allow_zero (servers: pick a free port). */
gboolean   sl_address_parse_port       (const char       *text,
                                        gboolean          allow_zero,
                                        guint16          *out_port,
                                        GError          **error);
gboolean   sl_address_is_host_error    (const GError     *error);
/* An IPv4 address in any form inet_aton () accepts, parsed by inet_aton (); NULL for anything
 * else. Only digits, dots and the letters of hexadecimal numbers may appear: inet_aton () would
 * accept "1.2.3.4 anything". */
GInetAddress *sl_address_parse_inet_aton (const char   *text);
char      *sl_address_to_string        (const SlAddress  *self);   /* "[::1]:8080" */
SlAddress *sl_address_copy             (const SlAddress  *self);
void       sl_address_free             (SlAddress        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlAddress, sl_address_free)

G_END_DECLS
