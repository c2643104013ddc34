/* test-ring.c: SlRing, the bounded list model under SlLog and SlTrace: appending one or many,
 * dropping the oldest, and items-changed signals that always describe the model as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-ring.h"
#include "sl-test-util.h"
#include "sl-utils.h"

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

static guint
refs (GPtrArray *objects,
      guint      i)
{
  return G_OBJECT (g_ptr_array_index (objects, i))->ref_count;
}

/* A snapshot of a ring that wrapped around: the items oldest first, across the array's end,
 * alive for as long as the snapshot lives whatever the ring does next, with no reference of
 * their own: the ring keeps what it lets go of until the last pin goes. */
static void
test_snapshot (void)
{
  Watch watch;
  g_autoptr(SlRing) ring = ring_new (5, &watch);
  g_autoptr(GPtrArray) objects = numbered_objects (0, 12);
  g_autoptr(SlSnapshot) snapshot = NULL;
  g_autoptr(SlSnapshot) second = NULL;
  g_autoptr(SlSnapshot) empty = NULL;

  empty = sl_snapshot_new (G_LIST_MODEL (ring));
  g_assert_cmpuint (empty->items->len, ==, 0);
  g_clear_pointer (&empty, sl_snapshot_free);
  for (guint i = 0; i < 8; i++)
    sl_ring_append (ring, g_ptr_array_index (objects, i));
  snapshot = sl_snapshot_new (G_LIST_MODEL (ring));
  g_assert_cmpuint (snapshot->items->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_true (g_ptr_array_index (snapshot->items, i) == g_ptr_array_index (objects, 3 + i));
      g_assert_cmpuint (refs (objects, 3 + i), ==, 2);   /* ours and the ring's */
    }
  /* The ring moves on: the snapshot does not. */
  for (guint i = 8; i < 10; i++)
    sl_ring_append (ring, g_ptr_array_index (objects, i));
  second = sl_snapshot_new (G_LIST_MODEL (ring));
  for (guint i = 10; i < 12; i++)
    sl_ring_append (ring, g_ptr_array_index (objects, i));
  sl_ring_clear (ring);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_true (g_ptr_array_index (snapshot->items, i) == g_ptr_array_index (objects, 3 + i));
      g_assert_cmpuint (refs (objects, 3 + i), ==, 2);
    }
  /* Kept until the last pin goes. */
  g_clear_pointer (&snapshot, sl_snapshot_free);
  g_assert_cmpuint (refs (objects, 3), ==, 2);
  g_clear_pointer (&second, sl_snapshot_free);
  for (guint i = 0; i < 12; i++)
    g_assert_cmpuint (refs (objects, i), ==, 1);

  g_array_unref (watch.signals);
  g_assert_finalize_object (g_steal_pointer (&ring));
}

static gpointer
free_snapshot_thread (gpointer data)
{
  sl_snapshot_free (data);
  return NULL;
}

/* An export frees its snapshot in a worker thread: what the ring dropped while it was pinned
 * goes then, in that thread; a ring whose last reference was the pin goes with it; and a
 * main thread appending while the worker frees it loses nothing and frees nothing twice. */
static void
test_snapshot_freed_in_thread (void)
{
  Watch watch;
  SlRing *ring = ring_new (100, &watch);
  g_autoptr(GPtrArray) objects = numbered_objects (0, 6000);
  GWeakRef ring_ref;
  SlSnapshot *snapshot;
  GThread *thread;

  g_weak_ref_init (&ring_ref, ring);
  for (guint i = 0; i < 100; i++)
    sl_ring_append (ring, g_ptr_array_index (objects, i));
  snapshot = sl_snapshot_new (G_LIST_MODEL (ring));
  for (guint i = 100; i < 3000; i++)
    sl_ring_append (ring, g_ptr_array_index (objects, i));
  g_assert_cmpuint (refs (objects, 0), ==, 2);   /* kept */
  thread = g_thread_new ("free-snapshot", free_snapshot_thread, snapshot);
  g_thread_join (thread);
  for (guint i = 0; i < 2900; i++)
    g_assert_cmpuint (refs (objects, i), ==, 1);

  /* Appending while the worker frees the pin. */
  snapshot = sl_snapshot_new (G_LIST_MODEL (ring));
  thread = g_thread_new ("free-snapshot", free_snapshot_thread, snapshot);
  for (guint i = 3000; i < 6000; i++)
    sl_ring_append (ring, g_ptr_array_index (objects, i));
  g_thread_join (thread);
  for (guint i = 0; i < 5900; i++)
    g_assert_cmpuint (refs (objects, i), ==, 1);
  for (guint i = 5900; i < 6000; i++)
    g_assert_cmpuint (refs (objects, i), ==, 2);

  /* The ring's last reference is the snapshot's. */
  snapshot = sl_snapshot_new (G_LIST_MODEL (ring));
  g_object_unref (ring);
  g_assert_nonnull (g_weak_ref_get (&ring_ref));
  g_object_unref (ring);   /* the one g_weak_ref_get () gave */
  g_assert_true (g_ptr_array_index (snapshot->items, 99) == g_ptr_array_index (objects, 5999));
  thread = g_thread_new ("free-snapshot", free_snapshot_thread, snapshot);
  g_thread_join (thread);
  g_assert_null (g_weak_ref_get (&ring_ref));
  for (guint i = 0; i < 6000; i++)
    g_assert_cmpuint (refs (objects, i), ==, 1);
  g_weak_ref_clear (&ring_ref);
  g_array_unref (watch.signals);
}

/* Any other model's items are held with a reference each. */
static void
test_snapshot_of_a_list (void)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GPtrArray) objects = numbered_objects (0, 3);
  g_autoptr(SlSnapshot) snapshot = NULL;

  for (guint i = 0; i < 3; i++)
    g_list_store_append (store, g_ptr_array_index (objects, i));
  snapshot = sl_snapshot_new (G_LIST_MODEL (store));
  g_list_store_remove_all (store);
  g_assert_cmpuint (snapshot->items->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (g_ptr_array_index (snapshot->items, i) == g_ptr_array_index (objects, i));
      g_assert_cmpuint (refs (objects, i), ==, 2);
    }
  g_clear_pointer (&snapshot, sl_snapshot_free);
  g_assert_cmpuint (refs (objects, 0), ==, 1);
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
  g_test_add_func ("/ring/snapshot-freed-in-thread", test_snapshot_freed_in_thread);
  g_test_add_func ("/ring/snapshot-of-a-list", test_snapshot_of_a_list);
  return g_test_run ();
}
