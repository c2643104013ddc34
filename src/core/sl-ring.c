/* sl-ring.c: base class for bounded GListModels that drop their oldest items.
 *
 * Items live in a circular array so appending to a full ring costs O(1) and
 * memory stays bounded however long a session runs: a cap in entries, and optionally one
 * in bytes, since a few huge items (a peer's data) can weigh more than many small ones.
 *
 * An export reads a pinned copy of the array in a worker thread. While a pin is held, the
 * items the ring lets go of are kept aside instead of unreferenced, so the copy needs no
 * reference of its own per item (for a 100 000-entry log those cost the main loop 1-1.7 ms
 * and the worker as much again; the copy takes 0.1 ms). Pins are taken on the main thread
 * and may be released in any.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sl-ring.h"

typedef struct
{
  GType     item_type;
  GObject **items;
  gsize    *sizes;      /* parallel to items */
  guint     max_items;
  gsize     max_bytes;  /* 0: none */
  gsize     n_bytes;
  guint     head;
  guint     count;
  guint64   dropped;

  gint       pins;       /* atomic reads; changed under pin_lock */
  GMutex     pin_lock;
  GPtrArray *kept;       /* items let go of while pinned, released with the last pin */
} SlRingPrivate;

enum {
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_MAX_ITEMS,
  PROP_MAX_BYTES,
  PROP_N_ITEMS,
  PROP_DROPPED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_TYPE_WITH_CODE (SlRing, sl_ring, G_TYPE_OBJECT,
                         G_ADD_PRIVATE (SlRing)
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
sl_ring_get_item_type (GListModel *model)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (SL_RING (model));

  return priv->item_type;
}

static guint
sl_ring_get_n_items (GListModel *model)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (SL_RING (model));

  return priv->count;
}

static gpointer
sl_ring_get_item (GListModel *model,
                  guint       position)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (SL_RING (model));

  if (position >= priv->count)
    return NULL;
  return g_object_ref (priv->items[(priv->head + position) % priv->max_items]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sl_ring_get_item_type;
  iface->get_n_items = sl_ring_get_n_items;
  iface->get_item = sl_ring_get_item;
}

static void append_items (SlRing *self, gpointer *items, const gsize *sizes, guint n);

/* Takes a new reference on item. */
void
sl_ring_append (SlRing   *self,
                gpointer  item)
{
  append_items (self, &item, NULL, 1);
}

void
sl_ring_append_sized (SlRing   *self,
                      gpointer  item,
                      gsize     size)
{
  append_items (self, &item, &size, 1);
}

/* The ring's reference on @item goes now, or with the last pin. Only the main thread adds
 * pins, so when it reads none there is none; a pin going meanwhile is seen under the lock. */
static void
let_go (SlRingPrivate *priv,
        GObject       *item)
{
  if (g_atomic_int_get (&priv->pins) > 0)
    {
      g_mutex_lock (&priv->pin_lock);
      if (priv->pins > 0)
        {
          g_ptr_array_add (priv->kept, item);
          item = NULL;
        }
      g_mutex_unlock (&priv->pin_lock);
    }
  if (item != NULL)
    g_object_unref (item);
}

/* Each items-changed describes the state the model is really in when it is emitted: the
 * oldest items are gone before the first, the new ones are there before the second. */
static void
drop_oldest (SlRing *self,
             guint   n)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (self);

  n = MIN (n, priv->count);
  for (guint i = 0; i < n; i++)
    {
      if (SL_RING_GET_CLASS (self)->dropped != NULL)
        SL_RING_GET_CLASS (self)->dropped (self, priv->items[priv->head]);
      priv->n_bytes -= priv->sizes[priv->head];
      let_go (priv, g_steal_pointer (&priv->items[priv->head]));
      priv->head = (priv->head + 1) % priv->max_items;
    }
  priv->count -= n;
  priv->dropped += n;
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
}

/* Takes a new reference on each item; when there are more than max-items, only the last fit. */
void
sl_ring_append_many (SlRing   *self,
                     gpointer *items,
                     guint     n)
{
  append_items (self, items, NULL, n);
}

/* How many of the oldest items must go so that adding @adding items of @adding_bytes fits. */
static guint
n_to_drop (SlRingPrivate *priv,
           guint          adding,
           gsize          adding_bytes)
{
  guint n = priv->count + adding > priv->max_items ? priv->count + adding - priv->max_items : 0;
  gsize bytes = priv->n_bytes;

  if (priv->max_bytes == 0)
    return n;
  for (guint i = 0; i < n; i++)
    bytes -= priv->sizes[(priv->head + i) % priv->max_items];
  while (n < priv->count && bytes + adding_bytes > priv->max_bytes)
    bytes -= priv->sizes[(priv->head + n++) % priv->max_items];
  return n;
}

static void
append_items (SlRing      *self,
              gpointer    *items,
              const gsize *sizes,
              guint        n)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (self);
  guint keep, skipped, old_count;
  guint64 old_dropped;
  gsize adding_bytes = 0;

  g_return_if_fail (SL_IS_RING (self));
  g_return_if_fail (n == 0 || items != NULL);

  keep = MIN (n, priv->max_items);
  skipped = n - keep;
  for (guint i = skipped; i < n; i++)
    g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (items[i], priv->item_type));
  if (keep == 0)
    return;

  old_count = priv->count;
  old_dropped = priv->dropped;
  for (guint i = skipped; i < n; i++)
    {
      g_object_ref (items[i]);
      adding_bytes += sizes != NULL ? sizes[i] : 0;
    }
  priv->dropped += skipped;
  drop_oldest (self, n_to_drop (priv, keep, adding_bytes));

  for (guint i = skipped; i < n; i++)
    {
      guint slot = (priv->head + priv->count++) % priv->max_items;

      priv->items[slot] = items[i];
      priv->sizes[slot] = sizes != NULL ? sizes[i] : 0;
      priv->n_bytes += priv->sizes[slot];
    }
  g_list_model_items_changed (G_LIST_MODEL (self), priv->count - keep, 0, keep);

  if (priv->count != old_count)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (priv->dropped != old_dropped)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DROPPED]);
}

void
sl_ring_remove_oldest (SlRing *self,
                       guint   n)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (self);
  guint64 old_dropped;

  g_return_if_fail (SL_IS_RING (self));

  old_dropped = priv->dropped;
  drop_oldest (self, n);
  if (priv->dropped == old_dropped)
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DROPPED]);
}

static void
release_items (SlRingPrivate *priv)
{
  for (guint i = 0; i < priv->count; i++)
    let_go (priv, g_steal_pointer (&priv->items[(priv->head + i) % priv->max_items]));
  priv->head = 0;
  priv->count = 0;
  priv->n_bytes = 0;
}

void
sl_ring_clear (SlRing *self)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (self);
  guint removed;

  g_return_if_fail (SL_IS_RING (self));

  removed = priv->count;
  release_items (priv);
  priv->dropped = 0;
  if (removed > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DROPPED]);
}

/* The two runs of the circular array, copied as they lie, with no reference per item. */
GPtrArray *
sl_ring_pin (SlRing *self)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (self);
  GPtrArray *items;
  guint first_run;

  g_return_val_if_fail (SL_IS_RING (self), NULL);

  g_mutex_lock (&priv->pin_lock);
  g_atomic_int_inc (&priv->pins);
  g_mutex_unlock (&priv->pin_lock);
  g_object_ref (self);
  items = g_ptr_array_sized_new (priv->count);
  if (priv->count == 0)
    return items;
  first_run = MIN (priv->count, priv->max_items - priv->head);
  g_ptr_array_set_size (items, priv->count);
  memcpy (items->pdata, priv->items + priv->head, first_run * sizeof (gpointer));
  memcpy (items->pdata + first_run, priv->items, (priv->count - first_run) * sizeof (gpointer));
  return items;
}

void
sl_ring_unpin (SlRing *self)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (self);
  g_autoptr(GPtrArray) released = NULL;

  g_return_if_fail (SL_IS_RING (self));
  g_return_if_fail (g_atomic_int_get (&priv->pins) > 0);

  g_mutex_lock (&priv->pin_lock);
  if (g_atomic_int_dec_and_test (&priv->pins) && priv->kept->len > 0)
    {
      released = g_steal_pointer (&priv->kept);
      priv->kept = g_ptr_array_new_with_free_func (g_object_unref);
    }
  g_mutex_unlock (&priv->pin_lock);
  g_object_unref (self);
}

guint
sl_ring_get_max_items (SlRing *self)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (self);

  g_return_val_if_fail (SL_IS_RING (self), 0);
  return priv->max_items;
}

gsize
sl_ring_get_max_bytes (SlRing *self)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (self);

  g_return_val_if_fail (SL_IS_RING (self), 0);
  return priv->max_bytes;
}

void
sl_ring_set_max_bytes (SlRing *self,
                       gsize   max_bytes)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (self);

  g_return_if_fail (SL_IS_RING (self));

  if (priv->max_bytes == max_bytes)
    return;
  priv->max_bytes = max_bytes;
  /* As when appending, the newest item stays even when it alone is over the cap. */
  sl_ring_remove_oldest (self, MIN (n_to_drop (priv, 0, 0), priv->count > 0 ? priv->count - 1 : 0));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BYTES]);
}

gsize
sl_ring_get_n_bytes (SlRing *self)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (self);

  g_return_val_if_fail (SL_IS_RING (self), 0);
  return priv->n_bytes;
}

guint64
sl_ring_get_dropped (SlRing *self)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (self);

  g_return_val_if_fail (SL_IS_RING (self), 0);
  return priv->dropped;
}

static void
sl_ring_constructed (GObject *object)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (SL_RING (object));

  G_OBJECT_CLASS (sl_ring_parent_class)->constructed (object);
  priv->items = g_new0 (GObject *, priv->max_items);
  priv->sizes = g_new0 (gsize, priv->max_items);
}

static void
sl_ring_finalize (GObject *object)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (SL_RING (object));

  release_items (priv);
  g_free (priv->items);
  g_free (priv->sizes);
  g_ptr_array_unref (priv->kept);
  g_mutex_clear (&priv->pin_lock);

  G_OBJECT_CLASS (sl_ring_parent_class)->finalize (object);
}

static void
sl_ring_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (SL_RING (object));

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, priv->item_type);
      break;
    case PROP_MAX_ITEMS:
      g_value_set_uint (value, priv->max_items);
      break;
    case PROP_MAX_BYTES:
      g_value_set_uint64 (value, priv->max_bytes);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, priv->count);
      break;
    case PROP_DROPPED:
      g_value_set_uint64 (value, priv->dropped);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_ring_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (SL_RING (object));

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      priv->item_type = g_value_get_gtype (value);
      break;
    case PROP_MAX_ITEMS:
      priv->max_items = g_value_get_uint (value);
      break;
    case PROP_MAX_BYTES:
      priv->max_bytes = g_value_get_uint64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_ring_class_init (SlRingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sl_ring_constructed;
  object_class->finalize = sl_ring_finalize;
  object_class->get_property = sl_ring_get_property;
  object_class->set_property = sl_ring_set_property;

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_ITEMS] =
    g_param_spec_uint ("max-items", NULL, NULL, 1, G_MAXUINT32 / sizeof (gpointer), 1000,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_BYTES] =
    g_param_spec_uint64 ("max-bytes", NULL, NULL, 0, G_MAXSIZE, 0,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DROPPED] =
    g_param_spec_uint64 ("dropped", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_ring_init (SlRing *self)
{
  SlRingPrivate *priv = sl_ring_get_instance_private (self);

  g_mutex_init (&priv->pin_lock);
  priv->kept = g_ptr_array_new_with_free_func (g_object_unref);
}
