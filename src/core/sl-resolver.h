/* sl-resolver.h: GResolver wrapper returning every A/AAAA address, or the name of an address,
 * with timing, a timeout and a trace row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-trace.h"

G_BEGIN_DECLS

#define SL_RESOLVER_ERROR          (sl_resolver_error_quark ())
#define SL_TYPE_RESOLVE_RESULT     (sl_resolve_result_get_type ())
#define SL_TYPE_RESOLVER           (sl_resolver_get_type ())

#define SL_RESOLVER_DEFAULT_TIMEOUT_MS 5000

typedef enum {
  SL_RESOLVER_ERROR_NOT_FOUND,
  SL_RESOLVER_ERROR_TEMPORARY_FAILURE,
  SL_RESOLVER_ERROR_TIMED_OUT,
  SL_RESOLVER_ERROR_FAILED,
  SL_RESOLVER_ERROR_WRONG_FAMILY,   /* an IP literal of the other family than the one chosen */
} SlResolverError;

/* A GListModel of GInetAddress, in the order GResolver returned them. */
G_DECLARE_FINAL_TYPE (SlResolveResult, sl_resolve_result, SL, RESOLVE_RESULT, GObject)
G_DECLARE_FINAL_TYPE (SlResolver, sl_resolver, SL, RESOLVER, GObject)

GQuark           sl_resolver_error_quark            (void);

const char      *sl_resolve_result_get_host         (SlResolveResult  *self);
guint            sl_resolve_result_get_n_addresses  (SlResolveResult  *self);
GInetAddress    *sl_resolve_result_get_address      (SlResolveResult  *self,
                                                     guint             position);
gint64           sl_resolve_result_get_elapsed_us   (SlResolveResult  *self);
/* TRUE when the host was an IP literal and no lookup happened. */
gboolean         sl_resolve_result_is_literal       (SlResolveResult  *self);
/* "127.0.0.1, ::1" */
char            *sl_resolve_result_to_string        (SlResolveResult  *self);

SlResolver      *sl_resolver_new                    (SlTrace          *trace);
SlTrace         *sl_resolver_get_trace              (SlResolver       *self);
void             sl_resolver_set_trace              (SlResolver       *self,
                                                     SlTrace          *trace);
/* family G_SOCKET_FAMILY_INVALID: any (A and AAAA); IPV4 / IPV6: only that family.
 * timeout_ms 0 means SL_RESOLVER_DEFAULT_TIMEOUT_MS. */
void             sl_resolver_lookup_async           (SlResolver          *self,
                                                     const char          *host,
                                                     GSocketFamily        family,
                                                     guint                timeout_ms,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
SlResolveResult *sl_resolver_lookup_finish          (SlResolver          *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* The name of @address (reverse DNS: getnameinfo () in GLib's worker threads), recorded in
 * the trace like a lookup by name. timeout_ms 0 means SL_RESOLVER_DEFAULT_TIMEOUT_MS. */
void             sl_resolver_lookup_address_async   (SlResolver          *self,
                                                     GInetAddress        *address,
                                                     guint                timeout_ms,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
/* The name, or NULL: G_RESOLVER_ERROR_NOT_FOUND when the address has none,
 * G_IO_ERROR_TIMED_OUT, G_IO_ERROR_CANCELLED. (transfer full) */
char            *sl_resolver_lookup_address_finish  (SlResolver          *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
