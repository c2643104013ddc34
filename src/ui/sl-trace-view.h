/* sl-trace-view.h: the socket calls of an SlTrace, one row a call, following the tail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-trace.h"

G_BEGIN_DECLS

#define SL_TYPE_TRACE_VIEW (sl_trace_view_get_type ())

G_DECLARE_FINAL_TYPE (SlTraceView, sl_trace_view, SL, TRACE_VIEW, AdwBin)

GtkWidget *sl_trace_view_new       (void);
SlTrace   *sl_trace_view_get_trace (SlTraceView *self);
void       sl_trace_view_set_trace (SlTraceView *self,
                                    SlTrace     *trace);

G_END_DECLS
