/* sl-test-netns.c: a network namespace of the test's own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sl-test-netns.h"
#include "sl-test-util.h"

static gboolean own_netns;

static gboolean
enter (void)
{
  struct ifreq ifr = { 0 };
  int fd;

  if (g_getenv ("SL_TEST_ISOLATED") != NULL)
    return geteuid () == 0;
  if (geteuid () != 0 || unshare (CLONE_NEWNET) != 0)
    return FALSE;
  fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  g_strlcpy (ifr.ifr_name, "lo", sizeof ifr.ifr_name);
  if (fd < 0 || ioctl (fd, SIOCGIFFLAGS, &ifr) != 0)
    g_error ("cannot read the flags of lo: %s", g_strerror (errno));
  ifr.ifr_flags |= IFF_UP;
  if (ioctl (fd, SIOCSIFFLAGS, &ifr) != 0)
    g_error ("cannot bring lo up: %s", g_strerror (errno));
  close (fd);
  return TRUE;
}

gboolean
sl_test_enter_private_netns (void)
{
  own_netns = enter ();
  return own_netns;
}

void
sl_test_init_in_private_netns (int    *argc,
                               char ***argv)
{
  /* unshare () moves only the calling thread. */
  sl_test_enter_private_netns ();
  g_test_init (argc, argv, NULL);
  if (!own_netns)
    g_test_message ("no network namespace of our own: namespace tests will skip");
}

gboolean
sl_test_has_own_netns (void)
{
  return own_netns;
}

gboolean
sl_test_require_own_netns (void)
{
  if (own_netns)
    return TRUE;
  g_test_skip ("needs a network namespace of its own (run as root with namespaces enabled)");
  return FALSE;
}

void
sl_test_write_sysctl (const char *path,
                      const char *value)
{
  /* In place: /proc files cannot be replaced by a renamed temporary file. */
  FILE *file = fopen (path, "w");

  if (file == NULL || fputs (value, file) < 0 || fclose (file) != 0)
    g_error ("cannot write %s: %s", path, g_strerror (errno));
}

gboolean
sl_test_can_open_icmp (int family,
                       int type)
{
  int fd = socket (family, type | SOCK_CLOEXEC, family == AF_INET6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP);

  if (fd < 0)
    return FALSE;
  close (fd);
  return TRUE;
}

gboolean
sl_test_allow_datagram_icmp (gboolean allow)
{
  if (own_netns)
    sl_test_write_sysctl (SL_TEST_PING_GROUP_RANGE, allow ? "0 2147483647" : "1 0");
  if (sl_test_can_open_icmp (AF_INET, SOCK_DGRAM) == allow)
    return TRUE;
  g_test_skip (allow ? "unprivileged ICMP is off and cannot be enabled in a namespace here"
                     : "unprivileged ICMP is on and cannot be disabled in a namespace here");
  return FALSE;
}

gboolean
sl_test_require_ipv6 (void)
{
  if (sl_test_ipv6_available ())
    return TRUE;
  g_test_skip ("IPv6 loopback is not available");
  return FALSE;
}
