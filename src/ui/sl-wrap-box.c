/* sl-wrap-box.c: children in a row while they fit, wrapping onto further rows when not.
 *
 * GTK 4.8 has no wrapping box (libadwaita's AdwWrapBox came later). A message bar or a
 * panel header is one row in a wide window; at 360 px its buttons go under the fields
 * instead of making the whole page wider than the screen. Each child gets its natural
 * width (at most the row's); children with hexpand share what is left in their row, and a
 * child aligned to the end goes to the end of its row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-wrap-box.h"

struct _SlWrapBox
{
  GtkWidget parent_instance;

  int       spacing;
  int       row_spacing;
};

G_DEFINE_FINAL_TYPE (SlWrapBox, sl_wrap_box, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPACING,
  PROP_ROW_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
natural_width (GtkWidget *child,
               int        limit)
{
  int minimum, natural;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return MIN (MAX (natural, minimum), MAX (limit, minimum));
}

/* Calls lay_out for each row: its first child, the one after its last, its width left over. */
typedef void (*RowFunc) (SlWrapBox *self,
                         GtkWidget *first,
                         GtkWidget *end,
                         int        width,
                         int        spare,
                         gpointer   data);

static void
for_each_row (SlWrapBox *self,
              int        width,
              RowFunc    func,
              gpointer   data)
{
  GtkWidget *first = NULL;
  int used = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_width;

      if (!gtk_widget_should_layout (child))
        continue;
      child_width = natural_width (child, width);
      if (first != NULL && used + self->spacing + child_width > width)
        {
          func (self, first, child, width, width - used, data);
          first = NULL;
        }
      if (first == NULL)
        {
          first = child;
          used = child_width;
        }
      else
        used += self->spacing + child_width;
    }
  if (first != NULL)
    func (self, first, NULL, width, width - used, data);
}

static int
row_height (GtkWidget *first,
            GtkWidget *end)
{
  int height = 0;

  for (GtkWidget *child = first; child != end; child = gtk_widget_get_next_sibling (child))
    {
      int minimum, natural;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
      height = MAX (height, natural);
    }
  return height;
}

static void
add_row_height (SlWrapBox *self,
                GtkWidget *first,
                GtkWidget *end,
                int        width,
                int        spare,
                gpointer   data)
{
  int *height = data;

  *height += (*height > 0 ? self->row_spacing : 0) + row_height (first, end);
}

static void
sl_wrap_box_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  SlWrapBox *self = SL_WRAP_BOX (widget);

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As narrow as the widest child, as wide as all of them in one row. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min, child_nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural += (*natural > 0 ? self->spacing : 0) + child_nat;
        }
      return;
    }
  for_each_row (self, for_size >= 0 ? for_size : G_MAXINT / 4, add_row_height, minimum);
  *natural = *minimum;
}

typedef struct {
  int y;
} Placement;

static void
place_row (SlWrapBox *self,
           GtkWidget *first,
           GtkWidget *end,
           int        width,
           int        spare,
           gpointer   data)
{
  Placement *placement = data;
  int height = row_height (first, end);
  guint n_expand = 0;
  int x = 0;

  for (GtkWidget *child = first; child != end; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child) && gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL))
      n_expand++;
  for (GtkWidget *child = first; child != end; child = gtk_widget_get_next_sibling (child))
    {
      int child_width;

      if (!gtk_widget_should_layout (child))
        continue;
      child_width = natural_width (child, width);
      if (n_expand > 0 && gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL))
        child_width += spare / (int) n_expand;
      else if (n_expand == 0 && gtk_widget_get_halign (child) == GTK_ALIGN_END)
        {
          x += spare;
          spare = 0;
        }
      gtk_widget_size_allocate (child, &(GtkAllocation) { x, placement->y, child_width, height }, -1);
      x += child_width + self->spacing;
    }
  placement->y += height + self->row_spacing;
}

static void
sl_wrap_box_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  Placement placement = { 0 };

  for_each_row (SL_WRAP_BOX (widget), width, place_row, &placement);
}

static GtkSizeRequestMode
sl_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sl_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sl_wrap_box_parent_class)->dispose (object);
}

static void
sl_wrap_box_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SlWrapBox *self = SL_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    case PROP_ROW_SPACING:
      g_value_set_int (value, self->row_spacing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_wrap_box_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SlWrapBox *self = SL_WRAP_BOX (object);
  int *field = prop_id == PROP_SPACING ? &self->spacing : &self->row_spacing;

  switch (prop_id)
    {
    case PROP_SPACING:
    case PROP_ROW_SPACING:
      if (*field == g_value_get_int (value))
        return;
      *field = g_value_get_int (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_wrap_box_class_init (SlWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_wrap_box_dispose;
  object_class->get_property = sl_wrap_box_get_property;
  object_class->set_property = sl_wrap_box_set_property;
  widget_class->measure = sl_wrap_box_measure;
  widget_class->size_allocate = sl_wrap_box_size_allocate;
  widget_class->get_request_mode = sl_wrap_box_get_request_mode;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 6,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROW_SPACING] =
    g_param_spec_int ("row-spacing", NULL, NULL, 0, G_MAXINT, 4,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sl-wrap-box");
}

static void
sl_wrap_box_init (SlWrapBox *self)
{
  self->spacing = 6;
  self->row_spacing = 4;
}

GtkWidget *
sl_wrap_box_new (void)
{
  return g_object_new (SL_TYPE_WRAP_BOX, NULL);
}

void
sl_wrap_box_append (SlWrapBox *self,
                    GtkWidget *child)
{
  g_return_if_fail (SL_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

void
sl_wrap_box_prepend (SlWrapBox *self,
                     GtkWidget *child)
{
  g_return_if_fail (SL_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_insert_after (child, GTK_WIDGET (self), NULL);
}
