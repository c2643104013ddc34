/* sl-probe-method.c: what choosing a ping method and a route method share.
 *
 * A Flatpak sandbox never has CAP_NET_RAW, and its sysctls are the computer's and
 * read-only: the explanations say so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "sl-errno.h"
#include "sl-probe-method.h"
#include "sl-socket-util.h"
#include "sl-socket.h"

#define PING_GROUP_RANGE_FILE "/proc/sys/net/ipv4/ping_group_range"

/* Shell commands in the explanations: not translated, so nobody can break them. The second
 * one makes the setting survive a restart (a sysctl.d drop-in is read at every start). */
#define SYSCTL_ALLOW_NOW      "sudo sysctl -w net.ipv4.ping_group_range=\"0 2147483647\""
#define SYSCTL_ALLOW_FOR_GOOD "echo 'net.ipv4.ping_group_range = 0 2147483647' | " \
                              "sudo tee /etc/sysctl.d/60-ping.conf"

gpointer
sl_probe_method_open_first (const int                *methods,
                            guint                     n_methods,
                            SlProbeMethodOpenFunc     open,
                            SlProbeMethodWhyNotFunc   why_not,
                            gpointer                  user_data,
                            int                      *out_method,
                            char                    **out_failures)
{
  g_autoptr(GString) failures = g_string_new (NULL);
  gpointer prober = NULL;

  g_return_val_if_fail (n_methods > 0, NULL);

  for (guint i = 0; i < n_methods && prober == NULL; i++)
    {
      g_autofree char *why = NULL;
      int errsv = 0;

      *out_method = methods[i];
      prober = open (methods[i], user_data, &errsv);
      if (prober != NULL)
        break;
      why = why_not (methods[i], errsv);
      g_string_append_printf (failures, "%s%s", failures->len > 0 ? " " : "", why);
    }
  *out_failures = g_string_free (g_steal_pointer (&failures), FALSE);
  return prober;
}

/* "0 2147483647", or "?" when it cannot be read. */
static char *
read_ping_group_range (void)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (PING_GROUP_RANGE_FILE, &contents, NULL, NULL))
    return g_strdup ("?");
  g_strdelimit (contents, "\t\n", ' ');
  return g_strdup (g_strstrip (contents));
}

gboolean
sl_probe_method_in_flatpak (const char *flatpak_info)
{
  g_return_val_if_fail (flatpak_info != NULL, FALSE);

  return g_file_test (flatpak_info, G_FILE_TEST_EXISTS);
}

char *
sl_probe_method_explain_icmp_dgram_failure (int         errsv,
                                            guint       gid,
                                            const char *range,
                                            gboolean    in_flatpak)
{
  if (errsv != EACCES && errsv != EPERM)
    return g_strdup_printf (_("This system has no unprivileged ICMP sockets (%s)."),
                            sl_errno_label (errsv));
  if (in_flatpak)
    /* Translators: %u: a group id; %s: the sysctl's value ("1 0"), then two shell commands;
     * keep net.ipv4.ping_group_range as it is. */
    return g_strdup_printf (_("Unprivileged ICMP is off: your group (gid %u) is outside "
                              "the computer's net.ipv4.ping_group_range (%s), which "
                              "Socket Lab cannot change from inside the Flatpak sandbox. "
                              "In a terminal outside the sandbox, run: %s (until the next "
                              "restart). To allow it for good, also run: %s (this file is "
                              "read at every start)."),
                            gid, range, SYSCTL_ALLOW_NOW, SYSCTL_ALLOW_FOR_GOOD);
  /* Translators: %u: a group id; %s: the sysctl's value ("1 0"), then two shell commands;
   * keep net.ipv4.ping_group_range as it is. */
  return g_strdup_printf (_("Unprivileged ICMP is off: your group (gid %u) is outside "
                            "net.ipv4.ping_group_range (%s). To allow it, run: %s (until "
                            "the next restart). To allow it for good, also run: %s (this "
                            "file is read at every start)."),
                          gid, range, SYSCTL_ALLOW_NOW, SYSCTL_ALLOW_FOR_GOOD);
}

char *
sl_probe_method_explain_icmp_raw_failure (int      errsv,
                                          gboolean in_flatpak)
{
  if (in_flatpak)
    return g_strdup (_("Raw ICMP cannot work inside the Flatpak sandbox: it never has "
                       "CAP_NET_RAW. Only datagram ICMP (when the computer's "
                       "net.ipv4.ping_group_range includes your group) or TCP connect ping "
                       "can work here."));
  if (errsv == EPERM || errsv == EACCES)
    /* Translators: CAP_NET_RAW is the capability's name: keep it as it is. */
    return g_strdup (_("Raw sockets need root or the CAP_NET_RAW capability."));
  return g_strdup_printf (_("A raw ICMP socket could not be opened (%s)."),
                          sl_errno_label (errsv));
}

char *
sl_probe_method_explain_icmp_dgram_failure_here (int errsv)
{
  g_autofree char *range = read_ping_group_range ();

  return sl_probe_method_explain_icmp_dgram_failure (errsv, (guint) getgid (), range,
                                                     sl_probe_method_in_flatpak (SL_FLATPAK_INFO));
}

char *
sl_probe_method_explain_icmp_raw_failure_here (int errsv)
{
  return sl_probe_method_explain_icmp_raw_failure (errsv,
                                                   sl_probe_method_in_flatpak (SL_FLATPAK_INFO));
}

gboolean
sl_probe_method_check_route (const SlProbeTarget  *target,
                             int                   protocol,
                             guint16               port,
                             SlTrace              *trace,
                             GError              **error)
{
  struct sockaddr_storage probe = target->address;
  g_autoptr(SlSocket) socket = NULL;
  g_autofree char *described = NULL;
  int errsv;

  socket = sl_socket_open (probe.ss_family, SOCK_DGRAM, protocol, trace, &errsv);
  if (socket != NULL)
    {
      sl_sockaddr_set_port (&probe, port);
      errsv = sl_socket_connect (socket, (struct sockaddr *) &probe, target->length);
      sl_socket_close (socket);
    }
  if (errsv == 0)
    return TRUE;
  described = sl_errno_describe (errsv);
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (errsv), described);
  return FALSE;
}
