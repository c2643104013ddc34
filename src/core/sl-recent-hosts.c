/* sl-recent-hosts.c: the bounded, newest-first list of hosts a student used lately.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sl-recent-hosts.h"

/* Host names are case-insensitive (RFC 4343); "LocalHost" and "localhost" are one entry. */
static gboolean
same_host (const char *a,
           const char *b)
{
  return g_ascii_strcasecmp (a, b) == 0;
}

char **
sl_recent_hosts_add (const char *const *hosts,
                     const char        *host,
                     guint              max)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (host != NULL ? host : ""));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  if (*trimmed != '\0' && n < max)
    {
      g_strv_builder_add (builder, trimmed);
      n++;
    }
  for (guint i = 0; hosts != NULL && hosts[i] != NULL && n < max; i++)
    {
      if (*hosts[i] == '\0' || same_host (hosts[i], trimmed))
        continue;
      g_strv_builder_add (builder, hosts[i]);
      n++;
    }
  return g_strv_builder_end (builder);
}
