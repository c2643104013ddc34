/* test-ring.c: SlRing, the bounded list model under SlLog and SlTrace: appending one or many,
 * dropping the oldest, and items-changed signals that always describe the model as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-ring.h"
#include "sl-test-util.h"

/* What a listener saw; each signal is checked against the model while it is emitted. */
typedef struct {
  guint   n;          /* items the listener believes the model has */
  GArray *signals;    /* guint triples: position, removed, added */
} Watch;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  guint triple[] = { position, removed, added };

  g_assert_cmpuint (position + removed, <=, watch->n);
  watch->n = watch->n - removed + added;
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, watch->n);
  for (guint i = position; i < position + added; i++)
    g_assert_nonnull (sl_test_item_at (model, i));
  g_array_append_vals (watch->signals, triple, 3);
}

static SlRing *
ring_new (guint  max_items,
          Watch *watch)
{
  SlRing *ring = g_object_new (SL_TYPE_RING, "item-type", G_TYPE_OBJECT, "max-items", max_items, NULL);

  watch->n = 0;
  watch->signals = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (ring, "items-changed", G_CALLBACK (on_items_changed), watch);
  return ring;
}

/* Objects 0..n-1, tagged with their number, owned by the returned array. */
static GPtrArray *
numbered_objects (guint first,
                  guint n)
{
  GPtrArray *objects = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      GObject *object = g_object_new (G_TYPE_OBJECT, NULL);

      g_object_set_data (object, "number", GUINT_TO_POINTER (first + i));
      g_ptr_array_add (objects, object);
    }
  return objects;
}

static guint
number_at (SlRing *ring,
           guint   position)
{
  return GPOINTER_TO_UINT (g_object_get_data (sl_test_item_at (G_LIST_MODEL (ring), position), "number"));
}

static void
assert_signals (Watch       *watch,
                const guint *expected,
                guint        n_signals)
{
  g_assert_cmpmem (watch->signals->data, watch->signals->len * sizeof (guint),
                   expected, n_signals * 3 * sizeof (guint));
  g_array_set_size (watch->signals, 0);
}

typedef struct {
  const char  *path;
  guint        max_items;
  guint        before;       /* appended one by one first */
  guint        many;         /* then appended at once */
  guint        n_signals;    /* for the append of many */
  guint        signals[6];
  guint        dropped;
} ManyCase;

static const ManyCase many_cases[] = {
  /* Room for all: one signal. */
  { "/ring/append-many/fits", 10, 2, 3, 1, { 2, 0, 3 }, 0 },
  /* Full: the oldest go first, then the new ones come, two signals in all. */
  { "/ring/append-many/drops-oldest", 5, 5, 2, 2, { 0, 2, 0, 3, 0, 2 }, 2 },
  /* More than the ring holds: only the last max-items are kept, the rest count as dropped. */
  { "/ring/append-many/more-than-max", 4, 3, 10, 2, { 0, 3, 0, 0, 0, 4 }, 9 },
  /* Nothing to add: nothing happens. */
  { "/ring/append-many/none", 4, 2, 0, 0, { 0 }, 0 },
};

static void
test_append_many (gconstpointer data)
{
  const ManyCase *c = data;
  Watch watch;
  g_autoptr(SlRing) ring = ring_new (c->max_items, &watch);
  g_autoptr(GPtrArray) before = numbered_objects (0, c->before);
  g_autoptr(GPtrArray) many = numbered_objects (c->before, c->many);
  guint total = c->before + c->many;
  guint kept = MIN (total, c->max_items);

  for (guint i = 0; i < before->len; i++)
    sl_ring_append (ring, g_ptr_array_index (before, i));
  g_array_set_size (watch.signals, 0);

  sl_ring_append_many (ring, many->pdata, many->len);
  assert_signals (&watch, c->signals, c->n_signals);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ring)), ==, kept);
  g_assert_cmpuint (sl_ring_get_dropped (ring), ==, c->dropped);
  /* The newest, in order. */
  for (guint i = 0; i < kept; i++)
    g_assert_cmpuint (number_at (ring, i), ==, total - kept + i);

  g_array_unref (watch.signals);
  g_assert_finalize_object (g_steal_pointer (&ring));
}

/* One append to a full ring: its two signals each match the model when they are emitted. */
static void
test_append_full (void)
{
  Watch watch;
  g_autoptr(SlRing) ring = ring_new (3, &watch);
  g_autoptr(GPtrArray) objects = numbered_objects (0, 5);
  const guint expected[] = { 0, 1, 0, 2, 0, 1, 0, 1, 0, 2, 0, 1 };

  for (guint i = 0; i < 3; i++)
    sl_ring_append (ring, g_ptr_array_index (objects, i));
  g_array_set_size (watch.signals, 0);
  sl_ring_append (ring, g_ptr_array_index (objects, 3));
  sl_ring_append (ring, g_ptr_array_index (objects, 4));

  assert_signals (&watch, expected, 4);
  g_assert_cmpuint (number_at (ring, 0), ==, 2);
  g_assert_cmpuint (number_at (ring, 2), ==, 4);
  g_assert_cmpuint (sl_ring_get_dropped (ring), ==, 2);
  /* The ring released the dropped ones: only the array holds them now. */
  g_assert_cmpuint (G_OBJECT (g_ptr_array_index (objects, 0))->ref_count, ==, 1);

  g_array_unref (watch.signals);
  g_assert_finalize_object (g_steal_pointer (&ring));
}

/* A snapshot of a ring that wrapped around: the items oldest first, across the array's end,
 * each held for as long as the snapshot lives, whatever the ring does next. */
static void
test_snapshot (void)
{
  Watch watch;
  g_autoptr(SlRing) ring = ring_new (5, &watch);
  g_autoptr(GPtrArray) objects = numbered_objects (0, 12);
  g_autoptr(GPtrArray) snapshot = NULL;
  g_autoptr(GPtrArray) empty = NULL;

  empty = sl_ring_snapshot (ring);
  g_assert_cmpuint (empty->len, ==, 0);
  for (guint i = 0; i < 8; i++)
    sl_ring_append (ring, g_ptr_array_index (objects, i));
  snapshot = sl_ring_snapshot (ring);
  g_assert_cmpuint (snapshot->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_true (g_ptr_array_index (snapshot, i) == g_ptr_array_index (objects, 3 + i));
  /* The ring moves on: the snapshot does not. */
  for (guint i = 8; i < 12; i++)
    sl_ring_append (ring, g_ptr_array_index (objects, i));
  sl_ring_clear (ring);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_true (g_ptr_array_index (snapshot, i) == g_ptr_array_index (objects, 3 + i));
      g_assert_cmpuint (G_OBJECT (g_ptr_array_index (objects, 3 + i))->ref_count, ==, 2);
    }
  g_clear_pointer (&snapshot, g_ptr_array_unref);
  g_assert_cmpuint (G_OBJECT (g_ptr_array_index (objects, 3))->ref_count, ==, 1);

  g_array_unref (watch.signals);
  g_assert_finalize_object (g_steal_pointer (&ring));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (many_cases); i++)
    g_test_add_data_func (many_cases[i].path, &many_cases[i], test_append_many);
  g_test_add_func ("/ring/append-full", test_append_full);
  g_test_add_func ("/ring/snapshot", test_snapshot);
  return g_test_run ();
}
