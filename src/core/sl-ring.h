/* sl-ring.h: base class for bounded GListModels that drop their oldest items.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SL_TYPE_RING (sl_ring_get_type ())

G_DECLARE_DERIVABLE_TYPE (SlRing, sl_ring, SL, RING, GObject)

struct _SlRingClass
{
  GObjectClass parent_class;
};

void     sl_ring_append          (SlRing   *self,
                                  gpointer  item);
/* Like n appends, with at most two items-changed: one for the oldest dropped, one for the new. */
void     sl_ring_append_many     (SlRing   *self,
                                  gpointer *items,
                                  guint     n);
void     sl_ring_clear           (SlRing   *self);
guint    sl_ring_get_max_items   (SlRing   *self);
guint64  sl_ring_get_dropped     (SlRing   *self);

G_END_DECLS
