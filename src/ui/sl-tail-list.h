/* sl-tail-list.h: a virtualized list of a bounded model that follows its newest item.
 *
 * What the log view and the trace view have in common: new items are shown once per frame,
 * the newest one stays fully in sight while the user is at the end, scrolling up stops
 * that and offers "Jump to Newest", an empty state, and a line about items dropped to save
 * memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-ring.h"

G_BEGIN_DECLS

#define SL_TYPE_TAIL_LIST (sl_tail_list_get_type ())

G_DECLARE_FINAL_TYPE (SlTailList, sl_tail_list, SL, TAIL_LIST, AdwBin)

GtkWidget   *sl_tail_list_new             (GtkListItemFactory *factory,
                                           const char         *accessible_label);
/* The bounded model shown (an SlRing: SlLog, SlTrace…), or NULL. */
void         sl_tail_list_set_model       (SlTailList         *self,
                                           SlRing             *model);
SlRing      *sl_tail_list_get_model       (SlTailList         *self);
void         sl_tail_list_set_empty       (SlTailList         *self,
                                           const char         *icon_name,
                                           const char         *title,
                                           const char         *description);
/* A widget under the empty state's words, such as a button to the Lab Steps. */
void         sl_tail_list_set_empty_child (SlTailList         *self,
                                           GtkWidget          *child);
/* Shown above the list when not NULL: "1 204 older entries were dropped…". */
void         sl_tail_list_set_notice      (SlTailList         *self,
                                           const char         *notice);
/* Binds every visible row again (after a display option changed). */
void         sl_tail_list_rebind          (SlTailList         *self);
/* Following: the newest item is kept in sight. Scrolling up turns it off; reaching the end
 * again, or sl_tail_list_jump_to_newest (), turns it on. */
gboolean     sl_tail_list_get_following   (SlTailList         *self);
void         sl_tail_list_jump_to_newest  (SlTailList         *self);
GtkListView *sl_tail_list_get_list_view   (SlTailList         *self);
GtkScrolledWindow *sl_tail_list_get_scroller (SlTailList      *self);

G_END_DECLS
