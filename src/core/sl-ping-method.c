/* sl-ping-method.c: choose the ping method this system allows and say why.
 *
 * Order: an unprivileged ICMP datagram socket (Linux allows it to the groups listed in
 * net.ipv4.ping_group_range), a raw ICMP socket (root or CAP_NET_RAW), and finally TCP
 * connect timing, which works anywhere, even in a Flatpak sandbox. A sandbox never has
 * CAP_NET_RAW, and its sysctls are the computer's and read-only: the explanations say so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <netinet/in.h>
#include <string.h>
#include <unistd.h>

#include "sl-errno.h"
#include "sl-icmp-dgram-prober.h"
#include "sl-icmp-raw-prober.h"
#include "sl-ping-method.h"
#include "sl-socket-util.h"
#include "sl-socket.h"
#include "sl-tcp-prober.h"

#define PING_GROUP_RANGE_FILE "/proc/sys/net/ipv4/ping_group_range"

/* Shell commands in the explanations: not translated, so nobody can break them. The second
 * one makes the setting survive a restart (a sysctl.d drop-in is read at every start). */
#define SYSCTL_ALLOW_NOW      "sudo sysctl -w net.ipv4.ping_group_range=\"0 2147483647\""
#define SYSCTL_ALLOW_FOR_GOOD "echo 'net.ipv4.ping_group_range = 0 2147483647' | " \
                              "sudo tee /etc/sysctl.d/60-ping.conf"

static const char *
icmp_protocol_name (GSocketFamily family)
{
  return family == G_SOCKET_FAMILY_IPV6 ? "IPPROTO_ICMPV6" : "IPPROTO_ICMP";
}

static char *
read_ping_group_range (void)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (PING_GROUP_RANGE_FILE, &contents, NULL, NULL))
    return g_strdup ("?");
  g_strdelimit (contents, "\t\n", ' ');
  return g_strdup (g_strstrip (contents));
}

/* "EPERM", or the system's text for an errno without a name here. */
static const char *
errno_name (int errsv)
{
  return sl_errno_name (errsv) != NULL ? sl_errno_name (errsv) : g_strerror (errsv);
}

gboolean
sl_ping_method_in_flatpak (const char *flatpak_info)
{
  g_return_val_if_fail (flatpak_info != NULL, FALSE);

  return g_file_test (flatpak_info, G_FILE_TEST_EXISTS);
}

char *
sl_ping_method_explain_datagram_failure (int         errsv,
                                         guint       gid,
                                         const char *range,
                                         gboolean    in_flatpak)
{
  if (errsv != EACCES && errsv != EPERM)
    return g_strdup_printf (_("This system has no unprivileged ICMP sockets (%s)."),
                            errno_name (errsv));
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
sl_ping_method_explain_raw_failure (int      errsv,
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
                          errno_name (errsv));
}

static char *
explain_choice (SlPingMethod  method,
                GSocketFamily family,
                guint         tcp_port,
                const char   *failures)
{
  g_autofree char *why = NULL;
  const char *proto = icmp_protocol_name (family);

  switch (method)
    {
    case SL_PING_METHOD_ICMP_DGRAM:
      /* Translators: SOCK_DGRAM is the socket type's constant, %s the protocol (IPPROTO_ICMP) and
       * net.ipv4.ping_group_range a kernel setting: keep them as they are. */
      why = g_strdup_printf (_("ICMP echo over an unprivileged datagram socket (SOCK_DGRAM, %s): "
                               "your group is inside net.ipv4.ping_group_range, so no special "
                               "rights are needed."), proto);
      break;
    case SL_PING_METHOD_ICMP_RAW:
      /* Translators: SOCK_RAW is the socket type's constant, %s the protocol, CAP_NET_RAW the
       * capability: keep them as they are. */
      why = g_strdup_printf (_("ICMP echo over a raw socket (SOCK_RAW, %s), allowed because "
                               "Socket Lab runs as root or with CAP_NET_RAW."), proto);
      break;
    case SL_PING_METHOD_TCP:
    default:
      /* Translators: RST is the TCP flag's name: keep it as it is. */
      why = g_strdup_printf (_("TCP connect ping: times the TCP handshake with port %u; a refused "
                               "connection (RST) counts as a reply too."), tcp_port);
      break;
    }
  if (failures == NULL || *failures == '\0')
    return g_steal_pointer (&why);
  return g_strdup_printf ("%s %s", why, failures);
}

SlProber *
sl_ping_method_open (SlPingMethod            first,
                     const SlProberOptions  *options,
                     char                  **out_explanation)
{
  g_autoptr(GString) failures = g_string_new (NULL);
  SlProberOptions tcp_options = *options;
  gboolean in_flatpak = sl_ping_method_in_flatpak (SL_FLATPAK_INFO);

  g_return_val_if_fail (options->family == G_SOCKET_FAMILY_IPV4 ||
                        options->family == G_SOCKET_FAMILY_IPV6, NULL);

  for (SlPingMethod method = first; method < SL_PING_METHOD_TCP; method++)
    {
      g_autofree char *why = NULL;
      SlProber *prober;
      int errsv = 0;

      prober = method == SL_PING_METHOD_ICMP_DGRAM ? sl_icmp_dgram_prober_open (options, &errsv)
                                                   : sl_icmp_raw_prober_open (options, &errsv);
      if (prober != NULL)
        {
          *out_explanation = explain_choice (method, options->family, options->tcp_port, failures->str);
          return prober;
        }
      if (method == SL_PING_METHOD_ICMP_DGRAM)
        {
          g_autofree char *range = read_ping_group_range ();

          why = sl_ping_method_explain_datagram_failure (errsv, (guint) getgid (), range, in_flatpak);
        }
      else
        why = sl_ping_method_explain_raw_failure (errsv, in_flatpak);
      g_string_append_printf (failures, "%s%s", failures->len ? " " : "", why);
    }

  if (failures->len > 0)
    g_string_prepend (failures, _("ICMP is unavailable here. "));
  *out_explanation = explain_choice (SL_PING_METHOD_TCP, options->family, options->tcp_port, failures->str);
  sl_sockaddr_set_port (&tcp_options.target, options->tcp_port);
  return sl_tcp_prober_new (&tcp_options);
}

gboolean
sl_ping_method_check_route (const SlProberOptions  *options,
                            GError                **error)
{
  struct sockaddr_storage probe = options->target;
  g_autoptr(SlSocket) socket = NULL;
  int errsv;

  socket = sl_socket_open (probe.ss_family, SOCK_DGRAM, 0, options->trace, &errsv);
  if (socket == NULL)
    {
      g_autofree char *described = sl_errno_describe (errsv);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv), _("Cannot ping: %s"), described);
      return FALSE;
    }
  /* Connecting UDP sends nothing: it only asks the routing table. The port is iputils'. */
  sl_sockaddr_set_port (&probe, 1025);
  errsv = sl_socket_connect (socket, (struct sockaddr *) &probe, options->target_len);
  sl_socket_close (socket);
  if (errsv == 0)
    return TRUE;

  {
    g_autofree char *described = sl_errno_describe (errsv);

    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv), _("Cannot ping: %s"), described);
  }
  return FALSE;
}
