/* sl-deadline-source.c: a main-loop source that fires at the time it is told, to the µs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-deadline-source.h"

static gboolean
deadline_dispatch (GSource     *source,
                   GSourceFunc  callback,
                   gpointer     user_data)
{
  /* Fired: wait until the callback (or anyone) sets the next deadline. */
  g_source_set_ready_time (source, -1);
  return callback (user_data);
}

/* No prepare () or check (): the ready time alone wakes it. */
static GSourceFuncs deadline_funcs = { NULL, NULL, deadline_dispatch, NULL, NULL, NULL };

GSource *
sl_deadline_source_new (GSourceFunc  callback,
                        gpointer     user_data,
                        const char  *name)
{
  GSource *source = g_source_new (&deadline_funcs, sizeof (GSource));

  g_source_set_callback (source, callback, user_data, NULL);
  g_source_set_static_name (source, name);
  g_source_set_ready_time (source, -1);
  return source;
}
