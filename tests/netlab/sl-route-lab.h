/* sl-route-lab.h: what route-lab.sh tells each of its clients about the lab: the target's
 * addresses, the hops the lab expects and their names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *target4;   /* the target's addresses; IPv6 only where the lab has it */
  char *target6;
  char *expect4;   /* the hops, "A,B,*,C": * for a silent one */
  char *expect6;
  char *names;     /* the hops' names, "A,,C": empty for none */
} SlRouteLab;

/* Adds --target4, --target6, --expect4, --expect6 and --names to @context's main options. */
void      sl_route_lab_add_options (GOptionContext  *context,
                                    SlRouteLab      *lab);
/* Parses the command line; FALSE (said on stderr) when it is wrong or lacks --target4 or
 * --expect4. */
gboolean  sl_route_lab_parse       (GOptionContext  *context,
                                    SlRouteLab      *lab,
                                    int             *argc,
                                    char          ***argv);

G_END_DECLS
