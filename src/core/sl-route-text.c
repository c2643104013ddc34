/* sl-route-text.c: a route as text: the hop table in mtr's report columns, and its cells.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-route-text.h"

/* Wide enough for a name and its address; longer ones push the numbers right, as mtr's. */
#define HOST_WIDTH 40

char *
sl_route_format_ms (gint64 us)
{
  double ms = us / 1000.0;

  if (us < 0)
    return g_strdup ("—");
  /* ping's precision: three digits that mean something, so a loopback hop is not "0.0". */
  if (ms < 1)
    return g_strdup_printf ("%.3f", ms);
  if (ms < 10)
    return g_strdup_printf ("%.2f", ms);
  if (ms < 100)
    return g_strdup_printf ("%.1f", ms);
  return g_strdup_printf ("%.0f", ms);
}

char *
sl_route_hop_format_host (SlRouteHop *hop)
{
  const char *address = sl_route_hop_get_address (hop);
  const char *name = sl_route_hop_get_hostname (hop);

  if (address == NULL)
    return g_strdup ("* * *");
  if (name != NULL && g_strcmp0 (name, address) != 0)
    return g_strdup_printf ("%s (%s)", name, address);
  return g_strdup (address);
}

char *
sl_route_hop_format_loss (SlRouteHop *hop)
{
  return g_strdup_printf ("%.1f%%", sl_route_hop_get_loss (hop));
}

static void
append_hop_line (GString    *out,
                 SlRouteHop *hop)
{
  g_autofree char *host = sl_route_hop_format_host (hop);
  g_autofree char *loss = sl_route_hop_format_loss (hop);
  g_autofree char *last = sl_route_format_ms (sl_route_hop_get_last_us (hop));
  g_autofree char *avg = sl_route_format_ms (sl_route_hop_get_average_us (hop));
  g_autofree char *best = sl_route_format_ms (sl_route_hop_get_best_us (hop));
  g_autofree char *worst = sl_route_format_ms (sl_route_hop_get_worst_us (hop));
  g_autofree char *stdev = sl_route_format_ms (sl_route_hop_get_stdev_us (hop));

  g_string_append_printf (out, "%3u. %-*s %6s %5u %6s %6s %6s %6s %6s%s\n",
                          sl_route_hop_get_ttl (hop), HOST_WIDTH, host, loss,
                          sl_route_hop_get_sent (hop), last, avg, best, worst, stdev,
                          /* Translators: ends the hop line of the target (the columns are mtr's
                           * and not translated); keep the two leading spaces. */
                          sl_route_hop_get_is_destination (hop) ? _("  ← destination") : "");
}

char *
sl_route_format_table (SlRoute *route)
{
  GListModel *hops;
  GString *out;

  g_return_val_if_fail (SL_IS_ROUTE (route), NULL);

  hops = sl_route_get_hops (route);
  out = g_string_new (NULL);
  /* Translators: the route's title line: host, its address, the method (UDP, ICMP, TCP) and
   * how many rounds of probes were sent. */
  g_string_append_printf (out, _("Route to %s (%s), %s, %u rounds\n"), sl_route_get_host (route),
                          sl_route_get_address (route) != NULL ? sl_route_get_address (route) : "?",
                          sl_route_method_to_string (sl_route_get_method_used (route)),
                          sl_route_get_round (route));
  /* mtr's column names, kept as mtr prints them so the two reports compare line by line. */
  g_string_append_printf (out, "%3s  %-*s %6s %5s %6s %6s %6s %6s %6s\n", "", HOST_WIDTH, "Host",
                          "Loss%", "Snt", "Last", "Avg", "Best", "Wrst", "StDev");
  for (guint i = 0; i < g_list_model_get_n_items (hops); i++)
    {
      g_autoptr(SlRouteHop) hop = g_list_model_get_item (hops, i);

      append_hop_line (out, hop);
    }
  if (sl_route_get_path_mtu (route) > 0)
    /* Translators: under the hop table, whose column names are mtr's and not translated;
     * tracepath says the same as "pmtu 1400". */
    g_string_append_printf (out, _("Path MTU: %u bytes\n"), sl_route_get_path_mtu (route));
  g_string_append (out, sl_route_get_destination_reached (route) ? _("The destination answered.\n")
                                                                 : _("The destination did not answer.\n"));
  return g_string_free (out, FALSE);
}
