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

#define SL_PAYLOAD_MAX_SEND (64 * 1024)

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
/* "68 69 0d 0a" */
char   *sl_payload_to_hex        (GBytes         *bytes);
/* "00000000  68 69 0d 0a ...  |hi..|" lines, 16 bytes each */
char   *sl_payload_to_hexdump    (GBytes         *bytes);

G_END_DECLS
