/* test-recent-hosts.c: the recent hosts list: newest first, no duplicates whatever the
 * letter case, bounded, blanks ignored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-recent-hosts.h"

static void
assert_hosts (char       **hosts,
              const char  *expected)
{
  g_autofree char *joined = g_strjoinv (",", hosts);

  g_assert_cmpstr (joined, ==, expected);
  g_strfreev (hosts);
}

static void
test_newest_first (void)
{
  const char *hosts[] = { "example.org", "127.0.0.1", NULL };

  assert_hosts (sl_recent_hosts_add (NULL, "localhost", 10), "localhost");
  assert_hosts (sl_recent_hosts_add (hosts, "::1", 10), "::1,example.org,127.0.0.1");
  /* Used again: moved to the front, not listed twice, whatever the case and spaces. */
  assert_hosts (sl_recent_hosts_add (hosts, "  127.0.0.1 ", 10), "127.0.0.1,example.org");
  assert_hosts (sl_recent_hosts_add (hosts, "Example.ORG", 10), "Example.ORG,127.0.0.1");
}

static void
test_bounded (void)
{
  const char *hosts[] = { "a", "b", "c", NULL };

  assert_hosts (sl_recent_hosts_add (hosts, "d", 3), "d,a,b");
  assert_hosts (sl_recent_hosts_add (hosts, "b", 2), "b,a");
  assert_hosts (sl_recent_hosts_add (hosts, "d", 0), "");
}

static void
test_blank_ignored (void)
{
  const char *hosts[] = { "a", "", "b", NULL };

  assert_hosts (sl_recent_hosts_add (hosts, "   ", 10), "a,b");
  assert_hosts (sl_recent_hosts_add (hosts, NULL, 1), "a");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recent-hosts/newest-first", test_newest_first);
  g_test_add_func ("/recent-hosts/bounded", test_bounded);
  g_test_add_func ("/recent-hosts/blank-ignored", test_blank_ignored);
  return g_test_run ();
}
