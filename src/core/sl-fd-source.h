/* sl-fd-source.h: a GSource watching one file descriptor whose events can change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* revents holds what poll() reported; return G_SOURCE_REMOVE to stop watching. */
typedef gboolean (*SlFdSourceFunc) (int          fd,
                                    GIOCondition revents,
                                    gpointer     user_data);

GSource *sl_fd_source_new        (int           fd,
                                  GIOCondition  events);
void     sl_fd_source_set_events (GSource      *source,
                                  GIOCondition  events);
GIOCondition sl_fd_source_get_events (GSource *source);

/* Destroys and unrefs any source (not only ours) and sets *source to NULL; NULL is fine. */
void     sl_clear_source         (GSource     **source);

G_END_DECLS
