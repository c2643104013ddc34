/* sl-route-util.c: pure helpers about routes: distance from a TTL, equivalent commands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sl-route-util.h"

static const guint initial_ttls[] = { 64, 128, 255 };

guint
sl_ttl_guess_initial (int reply_ttl)
{
  if (reply_ttl < 1 || reply_ttl > 255)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (initial_ttls); i++)
    if ((guint) reply_ttl <= initial_ttls[i])
      return initial_ttls[i];
  return 255;
}

int
sl_ttl_guess_hops (int reply_ttl)
{
  guint initial = sl_ttl_guess_initial (reply_ttl);

  return initial > 0 ? (int) initial - reply_ttl : -1;
}

char *
sl_ttl_describe_distance (int reply_ttl)
{
  guint initial = sl_ttl_guess_initial (reply_ttl);
  int hops = sl_ttl_guess_hops (reply_ttl);

  if (initial == 0)
    return NULL;
  if (hops == 0)
    return g_strdup_printf (_("Replies arrive with TTL %d: the target probably started at %u, so no "
                              "router is in between (it is on your network, or this computer)."),
                            reply_ttl, initial);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Replies arrive with TTL %d: the target probably started at %u, "
                                       "so it is about %d hop away.",
                                       "Replies arrive with TTL %d: the target probably started at %u, "
                                       "so it is about %d hops away.",
                                       hops),
                          reply_ttl, initial, hops);
}

/* Host names and addresses as typed need no quotes; anything else gets them. */
static char *
shell_word (const char *host)
{
  if (host[0] != '\0' && host[0] != '-' &&
      strspn (host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:%[]") == strlen (host))
    return g_strdup (host);
  return g_shell_quote (host);
}

static const char *
family_flag (GSocketFamily family)
{
  switch (family)
    {
    case G_SOCKET_FAMILY_IPV4:
      return " -4";
    case G_SOCKET_FAMILY_IPV6:
      return " -6";
    default:
      return "";
    }
}

/* tool [-4|-6] [-n] METHOD-FLAGS [-r -c N] [-m MAX] HOST */
static char *
command (const char    *tool,
         GSocketFamily  family,
         gboolean       resolve_names,
         const char    *method_flags,
         gboolean       report,
         guint          count,
         guint          max_ttl,
         const char    *host)
{
  GString *line = g_string_new (tool);

  g_string_append (line, family_flag (family));
  if (!resolve_names)
    g_string_append (line, " -n");
  if (method_flags != NULL)
    g_string_append_printf (line, " %s", method_flags);
  if (report && count > 0)
    g_string_append_printf (line, " -r -c %u", count);
  if (max_ttl != SL_ROUTE_DEFAULT_MAX_TTL)
    g_string_append_printf (line, " -m %u", max_ttl);
  g_string_append_printf (line, " %s", host);
  return g_string_free (line, FALSE);
}

char **
sl_route_format_commands (SlRouteMethod  method,
                          GSocketFamily  family,
                          const char    *host,
                          guint          port,
                          guint          count,
                          guint          max_ttl,
                          gboolean       resolve_names)
{
  GPtrArray *commands;
  g_autofree char *word = NULL;
  g_autofree char *tcp_flags = NULL;

  g_return_val_if_fail (host != NULL, NULL);

  commands = g_ptr_array_new ();
  word = shell_word (host);
  switch (method)
    {
    case SL_ROUTE_METHOD_ICMP:
      g_ptr_array_add (commands, command ("mtr", family, resolve_names, NULL, TRUE, count, max_ttl, word));
      g_ptr_array_add (commands, command ("traceroute", family, resolve_names, "-I", FALSE, 0, max_ttl, word));
      break;
    case SL_ROUTE_METHOD_TCP:
      tcp_flags = g_strdup_printf ("-T -p %u", port);
      g_ptr_array_add (commands, command ("traceroute", family, resolve_names, tcp_flags, FALSE, 0, max_ttl, word));
      g_free (tcp_flags);
      tcp_flags = g_strdup_printf ("-T -P %u", port);
      g_ptr_array_add (commands, command ("mtr", family, resolve_names, tcp_flags, TRUE, count, max_ttl, word));
      break;
    case SL_ROUTE_METHOD_UDP:
    default:
      g_ptr_array_add (commands, command ("tracepath", family, resolve_names, NULL, FALSE, 0, max_ttl, word));
      g_ptr_array_add (commands, command ("mtr", family, resolve_names, "-u", TRUE, count, max_ttl, word));
      break;
    }
  g_ptr_array_add (commands, NULL);
  return (char **) g_ptr_array_free (commands, FALSE);
}
