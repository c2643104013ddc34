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

  /* Called for each item the ring drops to make room (not by clear), before its unref. */
  void (*dropped) (SlRing   *self,
                   gpointer  item);
};

void       sl_ring_append        (SlRing   *self,
                                  gpointer  item);
/* Like append, accounting size bytes against max-bytes (the oldest items go until it fits). */
void       sl_ring_append_sized  (SlRing   *self,
                                  gpointer  item,
                                  gsize     size);
/* Like n appends, with at most two items-changed: one for the oldest dropped, one for the new. */
void       sl_ring_append_many   (SlRing   *self,
                                  gpointer *items,
                                  guint     n);
/* Drops the n oldest items (as appends beyond the caps do). */
void       sl_ring_remove_oldest (SlRing   *self,
                                  guint     n);
void       sl_ring_clear         (SlRing   *self);
/* The items now, oldest first, borrowed: until sl_ring_unpin (), what the ring drops or
 * clears stays alive (and the ring too). Pin on the main thread; unpin in any thread. */
GPtrArray *sl_ring_pin           (SlRing   *self);
void       sl_ring_unpin         (SlRing   *self);
guint      sl_ring_get_max_items (SlRing   *self);
/* 0: no cap in bytes. Items appended without a size count as 0 bytes. */
gsize      sl_ring_get_max_bytes (SlRing   *self);
/* A new cap (0: none); the oldest items go now until the rest fits. */
void       sl_ring_set_max_bytes (SlRing   *self,
                                  gsize     max_bytes);
gsize      sl_ring_get_n_bytes   (SlRing   *self);
guint64    sl_ring_get_dropped   (SlRing   *self);

G_END_DECLS
