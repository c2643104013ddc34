/* sl-tun.h: what the netlab helpers share about TUN devices and time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Attaches to the existing TUN device @name of the current network namespace (IFF_TUN,
 * no packet information, non-blocking); -1 with errno set when it cannot. */
int     sl_tun_attach  (const char *name);
/* CLOCK_MONOTONIC in nanoseconds. */
gint64  sl_tun_now_ns  (void);

G_END_DECLS
