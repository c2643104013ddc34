/* sl-test-netns.h: a network namespace of the test's own, where sysctls can be changed
 * without touching the machine and nothing can leave it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* As root, moves this process into a new network namespace with loopback up. Call it in
 * main () before any thread exists: unshare () moves only the calling thread. FALSE when
 * not root or namespaces are not available. */
gboolean  sl_test_enter_private_netns  (void);
/* Writes @value to a /proc/sys file; fails the test when it cannot. */
void      sl_test_write_sysctl         (const char *path,
                                        const char *value);

G_END_DECLS
