/* sl-log-view.h: a virtualized view of an SlLog that follows its tail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-log.h"
#include "sl-tail-list.h"

G_BEGIN_DECLS

#define SL_TYPE_LOG_VIEW (sl_log_view_get_type ())

G_DECLARE_FINAL_TYPE (SlLogView, sl_log_view, SL, LOG_VIEW, AdwBin)

GtkWidget *sl_log_view_new          (void);
SlLog     *sl_log_view_get_log      (SlLogView *self);
void       sl_log_view_set_log      (SlLogView *self,
                                     SlLog     *log);
gboolean   sl_log_view_get_show_hex (SlLogView *self);
void       sl_log_view_set_show_hex (SlLogView *self,
                                     gboolean   show_hex);
/* What the view says while the log is empty ("Nothing Yet" / "Sent and received data…"). */
void       sl_log_view_set_empty    (SlLogView  *self,
                                     const char *title,
                                     const char *description);
SlTailList *sl_log_view_get_tail_list (SlLogView *self);

G_END_DECLS
