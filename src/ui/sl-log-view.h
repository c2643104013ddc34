/* sl-log-view.h: a virtualized view of an SlLog that follows its tail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-log.h"

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

G_END_DECLS
