/* test-probe-method.c: the words a student reads when an ICMP method (ping's or the route's)
 * is not allowed: the sysctl hint with its persistent drop-in, and what changes inside a
 * Flatpak sandbox (detected by a file whose path the test chooses).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "sl-probe-method.h"

static void
test_in_flatpak (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sl-flatpak-XXXXXX", &error);
  g_autofree char *info = NULL;

  g_assert_no_error (error);
  info = g_build_filename (dir, ".flatpak-info", NULL);
  g_assert_false (sl_probe_method_in_flatpak (info));
  g_assert_true (g_file_set_contents (info, "[Application]\nname=io.github.socketlab.SocketLab\n", -1, &error));
  g_assert_no_error (error);
  g_assert_true (sl_probe_method_in_flatpak (info));
  g_assert_cmpint (g_unlink (info), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_assert_cmpstr (SL_FLATPAK_INFO, ==, "/.flatpak-info");
}

static void
test_datagram_hint (void)
{
  g_autofree char *why = sl_probe_method_explain_icmp_dgram_failure (EACCES, 1000, "1 0", FALSE);

  g_assert_cmpstr (why, ==,
                   "Unprivileged ICMP is off: your group (gid 1000) is outside "
                   "net.ipv4.ping_group_range (1 0). To allow it, run: "
                   "sudo sysctl -w net.ipv4.ping_group_range=\"0 2147483647\" (until the next "
                   "restart). To allow it for good, also run: "
                   "echo 'net.ipv4.ping_group_range = 0 2147483647' | "
                   "sudo tee /etc/sysctl.d/60-ping.conf (this file is read at every start).");
}

static void
test_datagram_hint_flatpak (void)
{
  g_autofree char *why = sl_probe_method_explain_icmp_dgram_failure (EPERM, 1000, "1 0", TRUE);

  g_assert_cmpstr (why, ==,
                   "Unprivileged ICMP is off: your group (gid 1000) is outside the computer's "
                   "net.ipv4.ping_group_range (1 0), which Socket Lab cannot change from inside "
                   "the Flatpak sandbox. In a terminal outside the sandbox, run: "
                   "sudo sysctl -w net.ipv4.ping_group_range=\"0 2147483647\" (until the next "
                   "restart). To allow it for good, also run: "
                   "echo 'net.ipv4.ping_group_range = 0 2147483647' | "
                   "sudo tee /etc/sysctl.d/60-ping.conf (this file is read at every start).");
}

static void
test_datagram_unsupported (void)
{
  g_autofree char *why = sl_probe_method_explain_icmp_dgram_failure (EAFNOSUPPORT, 1000, "1 0",
                                                                     TRUE);

  g_assert_cmpstr (why, ==, "This system has no unprivileged ICMP sockets (EAFNOSUPPORT).");
}

static void
test_raw (void)
{
  g_autofree char *denied = sl_probe_method_explain_icmp_raw_failure (EPERM, FALSE);
  g_autofree char *sandboxed = sl_probe_method_explain_icmp_raw_failure (EPERM, TRUE);

  g_assert_cmpstr (denied, ==, "Raw sockets need root or the CAP_NET_RAW capability.");
  g_assert_cmpstr (sandboxed, ==,
                   "Raw ICMP cannot work inside the Flatpak sandbox: it never has CAP_NET_RAW. "
                   "Only datagram ICMP (when the computer's net.ipv4.ping_group_range includes "
                   "your group) or TCP connect ping can work here.");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/probe-method/in-flatpak", test_in_flatpak);
  g_test_add_func ("/probe-method/datagram-hint", test_datagram_hint);
  g_test_add_func ("/probe-method/datagram-hint-flatpak", test_datagram_hint_flatpak);
  g_test_add_func ("/probe-method/datagram-unsupported", test_datagram_unsupported);
  g_test_add_func ("/probe-method/raw", test_raw);
  return g_test_run ();
}
