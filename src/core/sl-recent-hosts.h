/* sl-recent-hosts.h: the bounded, newest-first list of hosts a student used lately.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many hosts the list keeps. */
#define SL_RECENT_HOSTS_MAX 10

/* @hosts with @host moved to the front: added when new, the oldest dropped beyond @max.
 * Surrounding spaces do not count, and a name matches whatever its letter case (an address
 * is compared as written). An empty @host leaves the list as it is. (transfer full) */
char **sl_recent_hosts_add (const char *const *hosts,
                            const char        *host,
                            guint              max);

G_END_DECLS
