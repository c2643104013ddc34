/* sl-trace-view.h: the Socket Calls panel: one row a call of an SlTrace, following the newest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-tail-list.h"
#include "sl-trace.h"

G_BEGIN_DECLS

#define SL_TYPE_TRACE_VIEW (sl_trace_view_get_type ())

G_DECLARE_FINAL_TYPE (SlTraceView, sl_trace_view, SL, TRACE_VIEW, AdwBin)

GtkWidget *sl_trace_view_new       (void);
SlTrace   *sl_trace_view_get_trace (SlTraceView *self);
void       sl_trace_view_set_trace (SlTraceView *self,
                                    SlTrace     *trace);
/* A line under each call saying what it does and what its error means. */
gboolean   sl_trace_view_get_show_explanations (SlTraceView *self);
void       sl_trace_view_set_show_explanations (SlTraceView *self,
                                                gboolean     show_explanations);
SlTailList *sl_trace_view_get_tail_list (SlTraceView *self);

G_END_DECLS
