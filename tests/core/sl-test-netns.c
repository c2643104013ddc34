/* sl-test-netns.c: a network namespace of the test's own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sl-test-netns.h"

gboolean
sl_test_enter_private_netns (void)
{
  struct ifreq ifr = { 0 };
  int fd;

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

void
sl_test_write_sysctl (const char *path,
                      const char *value)
{
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  g_assert_cmpint (fputs (value, file), >=, 0);
  g_assert_cmpint (fclose (file), ==, 0);
}
