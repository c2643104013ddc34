/* sl-test-netns.h: a network namespace of the test's own, where sysctls can be changed
 * without touching the machine and nothing can leave it; and what tests of raw and
 * unprivileged ICMP need from it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SL_TEST_PING_GROUP_RANGE "/proc/sys/net/ipv4/ping_group_range"

/* As root, moves this process into a new network namespace with loopback up. Call it in
 * main () before any thread exists: unshare () moves only the calling thread. Under
 * tests/isolated.sh (SL_TEST_ISOLATED) the process has one of its own already. FALSE when
 * not root or namespaces are not available. */
gboolean  sl_test_enter_private_netns  (void);
/* main ()'s start for a test that wants a namespace of its own: enters it (before any
 * thread exists), then g_test_init (), and says so when namespace tests will skip. */
void      sl_test_init_in_private_netns (int        *argc,
                                         char     ***argv);
/* What sl_test_enter_private_netns () returned; without it, skips the test and says why. */
gboolean  sl_test_has_own_netns        (void);
gboolean  sl_test_require_own_netns    (void);
/* Writes @value to a /proc/sys file (in place); fails the test when it cannot. */
void      sl_test_write_sysctl         (const char *path,
                                        const char *value);

/* Can this process open an ICMP socket of @type (SOCK_DGRAM, SOCK_RAW) for @family? */
gboolean  sl_test_can_open_icmp        (int         family,
                                        int         type);
/* Unprivileged ICMP on (the user's group in ping_group_range) or off, set in our own
 * namespace; skips the test and returns FALSE when it cannot be made so. */
gboolean  sl_test_allow_datagram_icmp  (gboolean    allow);
/* Skips the test unless IPv6 loopback works. */
gboolean  sl_test_require_ipv6         (void);

G_END_DECLS
