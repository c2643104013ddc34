/* sl-port-check.h: is a TCP port open? Python's connect_ex () with a timeout, never blocking.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-resolver.h"
#include "sl-trace.h"
#include "sl-types.h"

G_BEGIN_DECLS

#define SL_TYPE_PORT_CHECK_RESULT (sl_port_check_result_get_type ())

#define SL_PORT_CHECK_DEFAULT_TIMEOUT_MS 3000

G_DECLARE_FINAL_TYPE (SlPortCheckResult, sl_port_check_result, SL, PORT_CHECK_RESULT, GObject)

SlPortState        sl_port_check_result_get_state       (SlPortCheckResult  *self);
/* What connect_ex () would return: 0 when open, else ECONNREFUSED, ETIMEDOUT… */
int                sl_port_check_result_get_errno       (SlPortCheckResult  *self);
/* "ECONNREFUSED", or "OK" when open */
const char        *sl_port_check_result_get_errno_name  (SlPortCheckResult  *self);
gint64             sl_port_check_result_get_elapsed_us  (SlPortCheckResult  *self);
/* The address really tried, "127.0.0.1:80" / "[::1]:80" */
const char        *sl_port_check_result_get_address     (SlPortCheckResult  *self);
guint16            sl_port_check_result_get_port        (SlPortCheckResult  *self);
/* Every address the lookup gave, in the order tried. */
SlResolveResult   *sl_port_check_result_get_addresses   (SlPortCheckResult  *self);
/* What happened to the resolved address at @position: 0 open, an errno, or
 * SL_OUTCOME_NOT_TRIED when the check stopped before it. */
int                sl_port_check_result_get_outcome     (SlPortCheckResult  *self,
                                                         guint               position);
/* "Port 80 on 127.0.0.1 is open (0.1 ms)" */
char              *sl_port_check_result_describe        (SlPortCheckResult  *self);

/* host is a name or an IP literal; a name is resolved first (only @family's addresses unless
 * G_SOCKET_FAMILY_INVALID) and its addresses tried in order until one is open.
 * timeout_ms 0 means SL_PORT_CHECK_DEFAULT_TIMEOUT_MS, for each address. trace may be NULL. */
void               sl_port_check_async                  (const char          *host,
                                                         guint16              port,
                                                         GSocketFamily        family,
                                                         guint                timeout_ms,
                                                         SlTrace             *trace,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* Fails only when the check could not be made (lookup failed, no socket, cancelled). */
SlPortCheckResult *sl_port_check_finish                 (GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
