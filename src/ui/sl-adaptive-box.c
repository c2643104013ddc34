/* sl-adaptive-box.c: two panes side by side in a wide window, stacked in a narrow one.
 *
 * A GtkPaned whose orientation follows the width it gets: horizontal from side-by-side-width
 * on, vertical below it. It asks only for the width of its widest child, so a page built on
 * it fits a 360 px window.
 *
 * Stacked, the halves are not squeezed into the window: the start child gets its natural
 * height (a GtkScrolledWindow there should propagate it) and the end child at least
 * stacked-end-height, so the box grows taller than the window and the page around it scrolls
 * as one. The divider cannot be dragged then: there is nothing to share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-adaptive-box.h"

#define DEFAULT_POSITION           420
#define DEFAULT_SIDE_BY_SIDE_WIDTH 760
#define DEFAULT_STACKED_END_HEIGHT 480

struct _SlAdaptiveBox
{
  GtkWidget  parent_instance;

  GtkPaned  *paned;
  int        position;
  int        side_by_side_width;
  int        stacked_end_height;
  gboolean   side_by_side;
};

G_DEFINE_FINAL_TYPE (SlAdaptiveBox, sl_adaptive_box, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_START_CHILD,
  PROP_END_CHILD,
  PROP_POSITION,
  PROP_SIDE_BY_SIDE_WIDTH,
  PROP_SIDE_BY_SIDE,
  PROP_STACKED_END_HEIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- layout ------------------------------------------------------------------------ */

static void
measure_child_for (GtkWidget      *child,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural)
{
  *minimum = *natural = 0;
  if (child != NULL && gtk_widget_get_visible (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
measure_child (GtkWidget      *child,
               GtkOrientation  orientation,
               int            *minimum,
               int            *natural)
{
  measure_child_for (child, orientation, -1, minimum, natural);
}

/* The divider between the children: the paned's only other child. */
static GtkWidget *
get_handle (SlAdaptiveBox *self)
{
  GtkWidget *start = gtk_paned_get_start_child (self->paned);
  GtkWidget *end = gtk_paned_get_end_child (self->paned);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->paned));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != start && child != end)
      return child;
  return NULL;
}

static int
handle_size (SlAdaptiveBox  *self,
             GtkOrientation  orientation)
{
  GtkWidget *handle = get_handle (self);
  int minimum = 0;

  if (handle != NULL)
    gtk_widget_measure (handle, orientation, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* Stacked at this width: how tall the start child is, and the least the end child gets. */
static void
measure_stacked (SlAdaptiveBox *self,
                 int            width,
                 int           *start_height,
                 int           *end_height)
{
  GtkWidget *start = gtk_paned_get_start_child (self->paned);
  int min1, min2, nat2;

  /* A scrolled window measures its content's height for no width, which leaves out the lines
   * its labels wrap into at this one: ask the content. */
  if (GTK_IS_SCROLLED_WINDOW (start) && gtk_widget_get_visible (start))
    start = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (start));
  measure_child_for (start, GTK_ORIENTATION_VERTICAL, width, &min1, start_height);
  measure_child_for (gtk_paned_get_end_child (self->paned), GTK_ORIENTATION_VERTICAL, width,
                     &min2, &nat2);
  *end_height = MAX (min2, self->stacked_end_height);
}

static gboolean
fits_side_by_side (SlAdaptiveBox *self,
                   int            width)
{
  int min1, nat1, min2, nat2;

  measure_child (gtk_paned_get_start_child (self->paned), GTK_ORIENTATION_HORIZONTAL, &min1, &nat1);
  measure_child (gtk_paned_get_end_child (self->paned), GTK_ORIENTATION_HORIZONTAL, &min2, &nat2);
  return width >= MAX (self->side_by_side_width, min1 + handle_size (self, GTK_ORIENTATION_HORIZONTAL) + min2);
}

static GtkSizeRequestMode
sl_adaptive_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sl_adaptive_box_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  SlAdaptiveBox *self = SL_ADAPTIVE_BOX (widget);
  int handle = handle_size (self, orientation);
  int min1, nat1, min2, nat2;

  measure_child (gtk_paned_get_start_child (self->paned), orientation, &min1, &nat1);
  measure_child (gtk_paned_get_end_child (self->paned), orientation, &min2, &nat2);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Never wider than the widest child needs: narrower, the children stack. */
      *minimum = MAX (min1, min2);
      *natural = nat1 + handle + nat2;
    }
  else if (for_size < 0 || fits_side_by_side (self, for_size))
    {
      *minimum = MAX (min1, min2);
      *natural = MAX (nat1, nat2);
    }
  else
    {
      int start_height, end_height;

      measure_stacked (self, for_size, &start_height, &end_height);
      *minimum = *natural = start_height + handle + end_height;
    }
}

static void
set_side_by_side (SlAdaptiveBox *self,
                  gboolean       side_by_side,
                  int            height)
{
  if (self->side_by_side == side_by_side)
    return;

  /* Keeps a divider the user dragged for when the window is wide again. */
  if (!side_by_side && self->position != gtk_paned_get_position (self->paned))
    {
      self->position = gtk_paned_get_position (self->paned);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
    }
  self->side_by_side = side_by_side;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->paned),
                                  side_by_side ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  gtk_paned_set_shrink_start_child (self->paned, !side_by_side);
  gtk_paned_set_shrink_end_child (self->paned, !side_by_side);
  if (side_by_side)
    gtk_paned_set_position (self->paned, self->position);
  if (get_handle (self) != NULL)
    gtk_widget_set_can_target (get_handle (self), side_by_side);
  /* Lets style.css make room in the stacked halves. */
  if (side_by_side)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "stacked");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "stacked");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDE_BY_SIDE]);
}

static void
sl_adaptive_box_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  SlAdaptiveBox *self = SL_ADAPTIVE_BOX (widget);

  set_side_by_side (self, fits_side_by_side (self, width), height);
  if (!self->side_by_side)
    {
      int start_height, end_height;

      /* Any height beyond what was asked goes to the end child. */
      measure_stacked (self, width, &start_height, &end_height);
      gtk_paned_set_position (self->paned, start_height);
    }
  gtk_widget_allocate (GTK_WIDGET (self->paned), width, height, baseline, NULL);
}

/* ---- API --------------------------------------------------------------------------- */

GtkWidget *
sl_adaptive_box_new (void)
{
  return g_object_new (SL_TYPE_ADAPTIVE_BOX, NULL);
}

static void
set_child (SlAdaptiveBox *self,
           guint          prop_id,
           GtkWidget     *child)
{
  gboolean start = prop_id == PROP_START_CHILD;

  if ((start ? gtk_paned_get_start_child (self->paned) : gtk_paned_get_end_child (self->paned)) == child)
    return;
  if (start)
    gtk_paned_set_start_child (self->paned, child);
  else
    gtk_paned_set_end_child (self->paned, child);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

GtkWidget *
sl_adaptive_box_get_start_child (SlAdaptiveBox *self)
{
  g_return_val_if_fail (SL_IS_ADAPTIVE_BOX (self), NULL);
  return gtk_paned_get_start_child (self->paned);
}

void
sl_adaptive_box_set_start_child (SlAdaptiveBox *self,
                                 GtkWidget     *child)
{
  g_return_if_fail (SL_IS_ADAPTIVE_BOX (self));
  set_child (self, PROP_START_CHILD, child);
}

GtkWidget *
sl_adaptive_box_get_end_child (SlAdaptiveBox *self)
{
  g_return_val_if_fail (SL_IS_ADAPTIVE_BOX (self), NULL);
  return gtk_paned_get_end_child (self->paned);
}

void
sl_adaptive_box_set_end_child (SlAdaptiveBox *self,
                               GtkWidget     *child)
{
  g_return_if_fail (SL_IS_ADAPTIVE_BOX (self));
  set_child (self, PROP_END_CHILD, child);
}

int
sl_adaptive_box_get_position (SlAdaptiveBox *self)
{
  g_return_val_if_fail (SL_IS_ADAPTIVE_BOX (self), 0);
  return self->position;
}

void
sl_adaptive_box_set_position (SlAdaptiveBox *self,
                              int            position)
{
  g_return_if_fail (SL_IS_ADAPTIVE_BOX (self));
  g_return_if_fail (position >= 0);

  if (self->position == position)
    return;
  self->position = position;
  if (self->side_by_side)
    gtk_paned_set_position (self->paned, position);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

int
sl_adaptive_box_get_side_by_side_width (SlAdaptiveBox *self)
{
  g_return_val_if_fail (SL_IS_ADAPTIVE_BOX (self), 0);
  return self->side_by_side_width;
}

void
sl_adaptive_box_set_side_by_side_width (SlAdaptiveBox *self,
                                        int            width)
{
  g_return_if_fail (SL_IS_ADAPTIVE_BOX (self));
  g_return_if_fail (width >= 0);

  if (self->side_by_side_width == width)
    return;
  self->side_by_side_width = width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDE_BY_SIDE_WIDTH]);
}

int
sl_adaptive_box_get_stacked_end_height (SlAdaptiveBox *self)
{
  g_return_val_if_fail (SL_IS_ADAPTIVE_BOX (self), 0);
  return self->stacked_end_height;
}

void
sl_adaptive_box_set_stacked_end_height (SlAdaptiveBox *self,
                                        int            height)
{
  g_return_if_fail (SL_IS_ADAPTIVE_BOX (self));
  g_return_if_fail (height >= 0);

  if (self->stacked_end_height == height)
    return;
  self->stacked_end_height = height;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACKED_END_HEIGHT]);
}

gboolean
sl_adaptive_box_get_side_by_side (SlAdaptiveBox *self)
{
  g_return_val_if_fail (SL_IS_ADAPTIVE_BOX (self), FALSE);
  return self->side_by_side;
}

/* ---- GObject ----------------------------------------------------------------------- */

static void
sl_adaptive_box_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SlAdaptiveBox *self = SL_ADAPTIVE_BOX (object);

  switch (prop_id)
    {
    case PROP_START_CHILD:
      g_value_set_object (value, sl_adaptive_box_get_start_child (self));
      break;
    case PROP_END_CHILD:
      g_value_set_object (value, sl_adaptive_box_get_end_child (self));
      break;
    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    case PROP_SIDE_BY_SIDE_WIDTH:
      g_value_set_int (value, self->side_by_side_width);
      break;
    case PROP_SIDE_BY_SIDE:
      g_value_set_boolean (value, self->side_by_side);
      break;
    case PROP_STACKED_END_HEIGHT:
      g_value_set_int (value, self->stacked_end_height);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_adaptive_box_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SlAdaptiveBox *self = SL_ADAPTIVE_BOX (object);

  switch (prop_id)
    {
    case PROP_START_CHILD:
      sl_adaptive_box_set_start_child (self, g_value_get_object (value));
      break;
    case PROP_END_CHILD:
      sl_adaptive_box_set_end_child (self, g_value_get_object (value));
      break;
    case PROP_POSITION:
      sl_adaptive_box_set_position (self, g_value_get_int (value));
      break;
    case PROP_SIDE_BY_SIDE_WIDTH:
      sl_adaptive_box_set_side_by_side_width (self, g_value_get_int (value));
      break;
    case PROP_STACKED_END_HEIGHT:
      sl_adaptive_box_set_stacked_end_height (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_adaptive_box_dispose (GObject *object)
{
  SlAdaptiveBox *self = SL_ADAPTIVE_BOX (object);

  if (self->paned != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->paned));
      self->paned = NULL;
    }

  G_OBJECT_CLASS (sl_adaptive_box_parent_class)->dispose (object);
}

static void
sl_adaptive_box_class_init (SlAdaptiveBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sl_adaptive_box_get_property;
  object_class->set_property = sl_adaptive_box_set_property;
  object_class->dispose = sl_adaptive_box_dispose;
  widget_class->get_request_mode = sl_adaptive_box_get_request_mode;
  widget_class->measure = sl_adaptive_box_measure;
  widget_class->size_allocate = sl_adaptive_box_size_allocate;

  properties[PROP_START_CHILD] =
    g_param_spec_object ("start-child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_END_CHILD] =
    g_param_spec_object ("end-child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL, 0, G_MAXINT, DEFAULT_POSITION,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDE_BY_SIDE_WIDTH] =
    g_param_spec_int ("side-by-side-width", NULL, NULL, 0, G_MAXINT, DEFAULT_SIDE_BY_SIDE_WIDTH,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDE_BY_SIDE] =
    g_param_spec_boolean ("side-by-side", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STACKED_END_HEIGHT] =
    g_param_spec_int ("stacked-end-height", NULL, NULL, 0, G_MAXINT, DEFAULT_STACKED_END_HEIGHT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sl-adaptive-box");
}

static void
sl_adaptive_box_init (SlAdaptiveBox *self)
{
  self->position = DEFAULT_POSITION;
  self->side_by_side_width = DEFAULT_SIDE_BY_SIDE_WIDTH;
  self->stacked_end_height = DEFAULT_STACKED_END_HEIGHT;
  self->side_by_side = TRUE;

  self->paned = GTK_PANED (gtk_paned_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_paned_set_shrink_start_child (self->paned, FALSE);
  gtk_paned_set_shrink_end_child (self->paned, FALSE);
  gtk_paned_set_resize_start_child (self->paned, FALSE);
  gtk_paned_set_position (self->paned, self->position);
  gtk_widget_set_parent (GTK_WIDGET (self->paned), GTK_WIDGET (self));
}
