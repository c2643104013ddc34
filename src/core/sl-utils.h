/* sl-utils.h: small helpers every core class uses: main-loop sources, property setters,
 * snapshots of a model and writing text by pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <string.h>

G_BEGIN_DECLS

/* Destroys and unrefs any source and sets *source to NULL; NULL is fine. */
void     sl_clear_source     (GSource    **source);

/* Property setters that notify only when the value really changed; TRUE when it did. */
gboolean sl_set_string_prop  (GObject     *object,
                              char       **field,
                              const char  *value,
                              GParamSpec  *pspec);
gboolean sl_set_int_prop     (GObject     *object,
                              int         *field,
                              int          value,
                              GParamSpec  *pspec);
gboolean sl_set_uint_prop    (GObject     *object,
                              guint       *field,
                              guint        value,
                              GParamSpec  *pspec);
gboolean sl_set_boolean_prop (GObject     *object,
                              gboolean    *field,
                              gboolean     value,
                              GParamSpec  *pspec);
/* @field: an enum member (the size of an int). */
gboolean sl_set_enum_prop    (GObject     *object,
                              gpointer     field,
                              int          value,
                              GParamSpec  *pspec);
gboolean sl_set_double_prop  (GObject     *object,
                              double      *field,
                              double       value,
                              GParamSpec  *pspec);
/* @field: a GObject pointer member; takes a reference to @value (NULL is fine). */
gboolean sl_set_object_prop  (GObject     *object,
                              gpointer     field,
                              gpointer     value,
                              GParamSpec  *pspec);

/* The items of a model at one moment, oldest first, which later changes to the model (a ring
 * dropping its oldest) leave as they are: a ring's are pinned in it (see sl_ring_pin ()),
 * other models' held with one reference each. A ring's may be freed in any thread (its items
 * are the ring's to free); another model's last reference may be to an object that belongs
 * to the main thread. */
typedef struct {
  GPtrArray *items;
  GObject   *pinned;   /* the SlRing, or NULL */
} SlSnapshot;

SlSnapshot *sl_snapshot_new  (GListModel *model);
void        sl_snapshot_free (SlSnapshot *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlSnapshot, sl_snapshot_free)

/* Text an export makes by the million (CSV rows, log lines) is written by pointer into room
 * made once at the end of a string, then closed: far cheaper than a call per piece (GLib
 * 2.74 does not inline g_string_append_len ()). Inline, for the same reason. */

/* Room for @extra bytes at the end of @out; returns where they start. */
static inline char *
sl_string_open_room (GString *out,
                     gsize    extra)
{
  gsize len = out->len;

  g_string_set_size (out, len + extra);
  out->len = len;
  return out->str + len;
}

/* Ends @out at @end, inside the room sl_string_open_room () made. */
static inline void
sl_string_close_room (GString *out,
                      char    *end)
{
  out->len = end - out->str;
  *end = '\0';
}

/* Writes @len bytes at @p; returns their end. */
static inline char *
sl_put (char       *p,
        const void *bytes,
        gsize       len)
{
  if (len > 0)
    memcpy (p, bytes, len);
  return p + len;
}

G_END_DECLS
