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

typedef struct {
  char          *host;      /* name or literal, without brackets */
  guint16        port;
  GSocketFamily  family;    /* G_SOCKET_FAMILY_INVALID for names */
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
char      *sl_address_to_string        (const SlAddress  *self);   /* "[::1]:8080" */
SlAddress *sl_address_copy             (const SlAddress  *self);
void       sl_address_free             (SlAddress        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlAddress, sl_address_free)

G_END_DECLS
