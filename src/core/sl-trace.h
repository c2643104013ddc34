/* sl-trace.h: a bounded GListModel of socket calls really performed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-ring.h"

G_BEGIN_DECLS

#define SL_TYPE_TRACE_EVENT (sl_trace_event_get_type ())
#define SL_TYPE_TRACE       (sl_trace_get_type ())

G_DECLARE_FINAL_TYPE (SlTraceEvent, sl_trace_event, SL, TRACE_EVENT, GObject)
G_DECLARE_FINAL_TYPE (SlTrace, sl_trace, SL, TRACE, SlRing)

#define SL_TRACE_DEFAULT_MAX_EVENTS 10000

/* One call: "connect" with args "fd=7, 127.0.0.1:5000", result -1, errno ECONNREFUSED. */
const char *sl_trace_event_get_call    (SlTraceEvent *self);
const char *sl_trace_event_get_args    (SlTraceEvent *self);
gint64      sl_trace_event_get_result  (SlTraceEvent *self);
int         sl_trace_event_get_errno   (SlTraceEvent *self);
gint64      sl_trace_event_get_time_us (SlTraceEvent *self);
char       *sl_trace_event_format      (SlTraceEvent *self);

SlTrace    *sl_trace_new               (guint          max_events);
void        sl_trace_record            (SlTrace       *self,
                                        const char    *call,
                                        const char    *args,
                                        gint64         result,
                                        int            errsv);
void        sl_trace_record_error      (SlTrace       *self,
                                        const char    *call,
                                        const char    *args,
                                        const GError  *error);
/* printf-style args; a NULL trace records nothing, and errsv is kept only when result < 0,
 * so callers may pass errno as it is. */
void        sl_trace_recordf           (SlTrace       *self,
                                        const char    *call,
                                        gint64         result,
                                        int            errsv,
                                        const char    *format,
                                        ...) G_GNUC_PRINTF (5, 6);
void        sl_trace_clear             (SlTrace       *self);
guint64     sl_trace_get_dropped       (SlTrace       *self);
char       *sl_trace_to_text           (SlTrace       *self);

G_END_DECLS
