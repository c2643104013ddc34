/* sl-connection.h: a TCP or UDP client socket with its trace and conversation log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-log.h"
#include "sl-resolver.h"
#include "sl-trace.h"
#include "sl-types.h"

G_BEGIN_DECLS

#define SL_CONNECTION_ERROR (sl_connection_error_quark ())
#define SL_TYPE_CONNECTION  (sl_connection_get_type ())

#define SL_CONNECTION_DEFAULT_TIMEOUT 5          /* seconds, for the lookup and each connect () */
#define SL_CONNECTION_MAX_TIMEOUT     3600
/* Unless set, all the addresses of a host get this many timeouts together. */
#define SL_CONNECTION_DEADLINE_FACTOR 3
#define SL_CONNECTION_READ_SIZE       (64 * 1024) /* at most this much per recv () */

/* Socket errors keep their G_IO_ERROR code (and lookups SL_RESOLVER_ERROR) with a plain message;
 * this domain is for calls made in the wrong state. */
typedef enum {
  SL_CONNECTION_ERROR_NOT_CONNECTED,
  SL_CONNECTION_ERROR_ALREADY_STARTED,
} SlConnectionError;

G_DECLARE_FINAL_TYPE (SlConnection, sl_connection, SL, CONNECTION, GObject)

GQuark             sl_connection_error_quark          (void);

/* Also settable through g_object_new () with "trace" and "log" to share them, and "family"
 * (G_SOCKET_FAMILY_IPV4 or IPV6 to use only that family's addresses; INVALID: any). */
SlConnection      *sl_connection_new                  (SlProtocol           protocol,
                                                       const char          *host,
                                                       guint16              port);

SlProtocol         sl_connection_get_protocol         (SlConnection        *self);
const char        *sl_connection_get_host             (SlConnection        *self);
guint16            sl_connection_get_port             (SlConnection        *self);
guint              sl_connection_get_timeout          (SlConnection        *self);
void               sl_connection_set_timeout          (SlConnection        *self,
                                                       guint                seconds);
/* Seconds for every address together; 0: SL_CONNECTION_DEADLINE_FACTOR × timeout. */
guint              sl_connection_get_deadline         (SlConnection        *self);
void               sl_connection_set_deadline         (SlConnection        *self,
                                                       guint                seconds);
GSocketFamily      sl_connection_get_family           (SlConnection        *self);
SlConnectionState  sl_connection_get_state            (SlConnection        *self);
guint64            sl_connection_get_bytes_sent       (SlConnection        *self);
guint64            sl_connection_get_bytes_received   (SlConnection        *self);
/* "127.0.0.1:40312" / "[::1]:5000", NULL before connecting */
const char        *sl_connection_get_local_address    (SlConnection        *self);
const char        *sl_connection_get_remote_address   (SlConnection        *self);
/* Every address the lookup returned (NULL before), and the one tried last (-1 before). */
SlResolveResult   *sl_connection_get_addresses        (SlConnection        *self);
int                sl_connection_get_address_index    (SlConnection        *self);
/* What happened to address @position: 0 connected, the errno of a failed attempt, or
 * SL_OUTCOME_NOT_TRIED. */
int                sl_connection_get_address_outcome  (SlConnection        *self,
                                                       guint                position);
/* The socket in use: fd (-1 when none), "AF_INET", "SOCK_STREAM", "IPPROTO_TCP" (NULL when none). */
int                sl_connection_get_fd               (SlConnection        *self);
const char        *sl_connection_get_socket_family    (SlConnection        *self);
const char        *sl_connection_get_socket_type      (SlConnection        *self);
const char        *sl_connection_get_socket_protocol  (SlConnection        *self);
/* The descriptor of the last socket, kept after it is closed, and whether the peer closed it. */
int                sl_connection_get_last_fd          (SlConnection        *self);
gboolean           sl_connection_get_closed_by_peer   (SlConnection        *self);
SlTrace           *sl_connection_get_trace            (SlConnection        *self);
SlLog             *sl_connection_get_log              (SlConnection        *self);
/* Why the state is FAILED, in plain words; NULL otherwise. */
const char        *sl_connection_get_error_message    (SlConnection        *self);

/* Looks the host up and connects to each address in turn until one works. Once only. */
void               sl_connection_connect_async        (SlConnection        *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           sl_connection_connect_finish       (SlConnection        *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* Queues data (one datagram for UDP); "sent" and bytes-sent follow as it really leaves. */
gboolean           sl_connection_send                 (SlConnection        *self,
                                                       GBytes              *data,
                                                       GError             **error);
/* Shuts down and closes the socket, or cancels a connect in progress. */
void               sl_connection_close                (SlConnection        *self);

G_END_DECLS
