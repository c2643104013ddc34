/* sl-probe-method.c: what choosing a ping method and a route method share.
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

char *
sl_probe_method_explain_icmp_dgram_failure (int errsv)
{
  g_autofree char *range = NULL;

  if (errsv != EACCES && errsv != EPERM)
    return g_strdup_printf (_("This system has no unprivileged ICMP sockets (%s)."),
                            sl_errno_label (errsv));
  range = read_ping_group_range ();
  return g_strdup_printf (_("Unprivileged ICMP is off: your group (gid %u) is outside "
                            "net.ipv4.ping_group_range (%s). To allow it, run: "
                            "sudo sysctl -w net.ipv4.ping_group_range=\"0 2147483647\"."),
                          (guint) getgid (), range);
}

char *
sl_probe_method_explain_icmp_raw_failure (int errsv)
{
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return g_strdup (_("Raw sockets are never allowed inside the Flatpak sandbox."));
  if (errsv == EPERM || errsv == EACCES)
    return g_strdup (_("Raw sockets need root or the CAP_NET_RAW capability."));
  return g_strdup_printf (_("A raw ICMP socket could not be opened (%s)."),
                          sl_errno_label (errsv));
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
