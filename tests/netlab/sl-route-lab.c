/* sl-route-lab.c: what route-lab.sh tells each of its clients about the lab.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "sl-route-lab.h"

void
sl_route_lab_add_options (GOptionContext *context,
                          SlRouteLab     *lab)
{
  GOptionEntry entries[] = {
    { "target4", 0, 0, G_OPTION_ARG_STRING, &lab->target4, "IPv4 address of the target", "ADDRESS" },
    { "target6", 0, 0, G_OPTION_ARG_STRING, &lab->target6, "IPv6 address of the target", "ADDRESS" },
    { "expect4", 0, 0, G_OPTION_ARG_STRING, &lab->expect4, "The IPv4 hops, * for a silent one", "A,B,…" },
    { "expect6", 0, 0, G_OPTION_ARG_STRING, &lab->expect6, "The IPv6 hops, * for a silent one", "A,B,…" },
    { "names", 0, 0, G_OPTION_ARG_STRING, &lab->names, "The hops' names, empty for none", "A,B,…" },
    { NULL }
  };

  /* The group keeps its own copy of the entries. */
  g_option_context_add_main_entries (context, entries, NULL);
}

gboolean
sl_route_lab_parse (GOptionContext   *context,
                    SlRouteLab       *lab,
                    int              *argc,
                    char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (g_option_context_parse (context, argc, argv, &error) && lab->target4 != NULL &&
      lab->expect4 != NULL)
    return TRUE;
  fprintf (stderr, "%s\n", error != NULL ? error->message : "--target4 and --expect4 are needed");
  return FALSE;
}
