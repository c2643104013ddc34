/* sl-types.h: enums shared by the core and the UI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The outcome of one resolved address in a connect or port check: 0 connected / open, an
 * errno when it failed, or this when it was never tried. */
#define SL_OUTCOME_NOT_TRIED (-1)

typedef enum {
  SL_PROTOCOL_TCP,
  SL_PROTOCOL_UDP,
} SlProtocol;

typedef enum {
  SL_PING_METHOD_ICMP_DGRAM,
  SL_PING_METHOD_ICMP_RAW,
  SL_PING_METHOD_TCP,
} SlPingMethod;

typedef enum {
  SL_LOG_KIND_INFO,
  SL_LOG_KIND_SENT,
  SL_LOG_KIND_RECEIVED,
  SL_LOG_KIND_ERROR,
} SlLogKind;

typedef enum {
  SL_CONNECTION_STATE_IDLE,
  SL_CONNECTION_STATE_RESOLVING,
  SL_CONNECTION_STATE_CONNECTING,
  SL_CONNECTION_STATE_CONNECTED,
  SL_CONNECTION_STATE_CLOSED,
  SL_CONNECTION_STATE_FAILED,
} SlConnectionState;

typedef enum {
  SL_PORT_STATE_OPEN,
  SL_PORT_STATE_REFUSED,
  SL_PORT_STATE_FILTERED,
  SL_PORT_STATE_UNREACHABLE,
} SlPortState;

typedef enum {
  SL_SERVER_STATE_STOPPED,
  SL_SERVER_STATE_LISTENING,
  SL_SERVER_STATE_FAILED,
} SlServerState;

typedef enum {
  SL_REPLY_MODE_ECHO,
  SL_REPLY_MODE_FIXED,
  SL_REPLY_MODE_NONE,
} SlReplyMode;

typedef enum {
  SL_PAYLOAD_MODE_TEXT,
  SL_PAYLOAD_MODE_ESCAPES,
  SL_PAYLOAD_MODE_HEX,
} SlPayloadMode;

G_END_DECLS
