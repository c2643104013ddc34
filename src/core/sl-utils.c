/* sl-utils.c: small helpers every core class uses: main-loop sources and property setters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sl-ring.h"
#include "sl-utils.h"

void
sl_clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

gboolean
sl_set_string_prop (GObject     *object,
                    char       **field,
                    const char  *value,
                    GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

/* What the scalar setters share: copy @size bytes over @field and notify, unless equal. */
static gboolean
set_scalar (GObject       *object,
            gpointer       field,
            gconstpointer  value,
            gsize          size,
            GParamSpec    *pspec)
{
  if (memcmp (field, value, size) == 0)
    return FALSE;
  memcpy (field, value, size);
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

gboolean
sl_set_int_prop (GObject    *object,
                 int        *field,
                 int         value,
                 GParamSpec *pspec)
{
  return set_scalar (object, field, &value, sizeof value, pspec);
}

gboolean
sl_set_uint_prop (GObject    *object,
                  guint      *field,
                  guint       value,
                  GParamSpec *pspec)
{
  return set_scalar (object, field, &value, sizeof value, pspec);
}

gboolean
sl_set_boolean_prop (GObject    *object,
                     gboolean   *field,
                     gboolean    value,
                     GParamSpec *pspec)
{
  value = !!value;
  return set_scalar (object, field, &value, sizeof value, pspec);
}

gboolean
sl_set_enum_prop (GObject    *object,
                  gpointer    field,
                  int         value,
                  GParamSpec *pspec)
{
  return set_scalar (object, field, &value, sizeof value, pspec);
}

gboolean
sl_set_double_prop (GObject    *object,
                    double     *field,
                    double      value,
                    GParamSpec *pspec)
{
  /* Compared as numbers, not bytes: 0.0 and -0.0 are the same value. */
  if (*field == value)
    return FALSE;
  *field = value;
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

gboolean
sl_set_object_prop (GObject    *object,
                    gpointer    field,
                    gpointer    value,
                    GParamSpec *pspec)
{
  if (!g_set_object ((GObject **) field, value))
    return FALSE;
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

SlSnapshot *
sl_snapshot_new (GListModel *model)
{
  SlSnapshot *self;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_new0 (SlSnapshot, 1);
  if (SL_IS_RING (model))
    {
      self->items = sl_ring_pin (SL_RING (model));
      self->pinned = G_OBJECT (model);
      return self;
    }
  n = g_list_model_get_n_items (model);
  self->items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->items, g_list_model_get_item (model, i));
  return self;
}

void
sl_snapshot_free (SlSnapshot *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->items);
  if (self->pinned != NULL)
    sl_ring_unpin (SL_RING (self->pinned));
  g_free (self);
}
