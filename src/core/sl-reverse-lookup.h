/* sl-reverse-lookup.h: the name of an address (reverse DNS), asynchronously, with a timeout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SL_REVERSE_LOOKUP_DEFAULT_TIMEOUT_MS 5000

/* GResolver's lookup_by_address () (getnameinfo () in GLib's worker threads: the main loop
 * never waits). timeout_ms 0: SL_REVERSE_LOOKUP_DEFAULT_TIMEOUT_MS. */
void   sl_reverse_lookup_async   (GInetAddress         *address,
                                  guint                 timeout_ms,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
/* The name, or NULL: G_RESOLVER_ERROR_NOT_FOUND when the address has none,
 * G_IO_ERROR_TIMED_OUT, G_IO_ERROR_CANCELLED. */
char  *sl_reverse_lookup_finish  (GAsyncResult         *result,
                                  GError              **error);

G_END_DECLS
