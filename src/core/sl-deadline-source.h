/* sl-deadline-source.h: a main-loop source that fires at the time it is told, to the µs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A source with no file descriptor that dispatches @callback once each time its ready time
 * (g_source_set_ready_time (), monotonic µs; 0: as soon as possible) comes, then waits for
 * the next one: a schedule moves it, rather than adding and removing timeouts. Not attached.
 * (transfer full) */
GSource *sl_deadline_source_new (GSourceFunc  callback,
                                 gpointer     user_data,
                                 const char  *name);

G_END_DECLS
