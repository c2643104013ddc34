/* sl-flow-figure.c: an SlFlow laid out at a width, and the one routine that draws it.
 *
 * The figure reads like the textbook's "TCP socket flow": a header box per lane, the lane's
 * calls as boxes going down joined by small flow arrows, and arrows across between the
 * lanes — a double one for the handshake, solid ones in the sender's color for data, a
 * dashed one for the end of the stream. A lane outside Socket Lab is a dashed lifeline.
 *
 * Rows get the height of their tallest box, and more when an arrow label above a row's
 * arrow needs it; long text wraps inside its box instead of being cut. Drawing takes a band
 * (y0, y1) so that a long figure can be drawn as many small cairo nodes, of which GTK only
 * renders those on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "sl-flow-figure.h"

#define MARGIN          20.0
#define NARROW_MARGIN   10.0   /* below NARROW_WIDTH: a phone */
#define NARROW_WIDTH    480.0
#define FULL_TEXT_WIDTH 560.0  /* narrower than this, the text shrinks a little, to 82 % */
#define HEADER_PAD_X    10.0
#define HEADER_PAD_Y    7.0
#define HEADER_GAP      30.0   /* from the headers to the first row */
#define BOX_PAD_X       10.0
#define BOX_PAD_Y       7.0
#define ROW_GAP         22.0   /* between the boxes of two rows */
#define EMPTY_ROW       24.0
#define LINE_GAP        2.0    /* between a box's label and its detail */
#define LABEL_PAD       3.0    /* around an arrow label's background */
#define LABEL_LIFT      4.0    /* from an arrow label's bottom to its line */
#define HEAD_LENGTH     9.0
#define HEAD_HALF_WIDTH 4.5
#define RADIUS          6.0
#define MAX_GAP         300.0  /* the space between the lanes, for arrow labels, at most */

typedef struct {
  double x, y, width, height;
} Rect;

typedef struct {
  guint        lane;
  guint        row;
  gboolean     failure;
  Rect         box;
  PangoLayout *label;
  PangoLayout *detail;
} StepBox;

typedef struct {
  SlFlowArrowKind kind;
  gboolean        failure;
  guint           from_lane;     /* whose color the arrow has */
  double          x0, y0, x1, y1;
  PangoLayout    *label;
  Rect            label_rect;
  double          label_offset;  /* where the text starts inside its centered layout */
} ArrowLine;

struct _SlFlowFigure
{
  double       width;
  double       height;
  double       margin;
  double       text_scale;
  double       box_width;
  double       center[2];
  gboolean     outside[2];
  Rect         header[2];
  PangoLayout *title[2];
  PangoLayout *subtitle[2];
  double       rows_top;
  guint        n_rows;
  double      *row_top;
  double      *row_height;
  guint        n_steps;
  StepBox     *steps;
  guint        n_arrows;
  ArrowLine   *arrows;
  /* The middle of a long run, left out: a note across the figure above hidden_row. */
  guint        n_hidden;
  guint        hidden_row;
  PangoLayout *note;
  Rect         note_rect;
};

typedef struct {
  double r, g, b;
} Color;

/* GNOME palette shades; on the light style dark enough for small text on white (≥ 4.5:1). */
typedef struct {
  Color background;
  Color text;
  Color dim;
  Color connector;
  Color lane[2];
  Color lane_fill[2];
  Color outside;
  Color outside_fill;
  Color handshake;
  Color end;
  Color error;
  Color error_fill;
} Palette;

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

static const Palette palettes[] = {
  [SL_FLOW_STYLE_LIGHT] = {
    .background = RGB (0xffffff), .text = RGB (0x241f31), .dim = RGB (0x5e5c64),
    .connector = RGB (0x77767b),
    .lane = { RGB (0x1a5fb4), RGB (0x1e7d4f) },
    .lane_fill = { RGB (0xeaf2fc), RGB (0xe8f5ee) },
    .outside = RGB (0x77767b), .outside_fill = RGB (0xf6f5f4),
    .handshake = RGB (0x813d9c), .end = RGB (0xb34700),
    .error = RGB (0xc01c28), .error_fill = RGB (0xfdecee),
  },
  [SL_FLOW_STYLE_DARK] = {
    .background = RGB (0x1e1e1e), .text = RGB (0xffffff), .dim = RGB (0xc0bfbc),
    .connector = RGB (0x9a9996),
    .lane = { RGB (0x62a0ea), RGB (0x57e389) },
    .lane_fill = { RGB (0x1d2a3b), RGB (0x1b3326) },
    .outside = RGB (0x9a9996), .outside_fill = RGB (0x2a2a2a),
    .handshake = RGB (0xdc8add), .end = RGB (0xffa348),
    .error = RGB (0xff7b63), .error_fill = RGB (0x46211f),
  },
};

/* ---- text ------------------------------------------------------------------------------ */

static PangoLayout *
new_layout (PangoContext               *context,
            const PangoFontDescription *base,
            double                      scale,
            gboolean                    bold,
            const char                 *text,
            double                      wrap_width,
            PangoAlignment              alignment)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoAttrList *attributes = pango_attr_list_new ();
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (base);
  int size = pango_font_description_get_size (base);

  if (size <= 0)
    size = 10 * PANGO_SCALE;
  if (pango_font_description_get_size_is_absolute (base))
    pango_font_description_set_absolute_size (font, size * scale);
  else
    pango_font_description_set_size (font, (int) (size * scale));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (MAX (wrap_width, 20) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  /* A hyphen where a long word breaks would read as part of the code: SH-UT_WR. */
  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
  return layout;
}

/* The call's name in bold, its arguments plain: "connect(('127.0.0.1', 5000))". */
static void
embolden_call (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  const char *paren = strchr (text, '(');
  PangoAttrList *attributes = pango_attr_list_copy (pango_layout_get_attributes (layout));
  PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

  bold->start_index = 0;
  bold->end_index = paren != NULL ? (guint) (paren - text) : (guint) strlen (text);
  pango_attr_list_insert (attributes, bold);
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
}

static double
layout_height (PangoLayout *layout)
{
  int height = 0;

  if (layout != NULL)
    pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

/* The text's own extent, which a centered layout places inside its wrap width. */
static PangoRectangle
layout_extent (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical;
}

/* Text that must wrap reads better broken at its seam than wherever the width runs out:
 * "three-way handshake" / "(SYN, SYN-ACK, ACK)", "AF_INET, SOCK_STREAM" / "→ fd 14" (not
 * "… → fd" / "14"). @seam starts with the space that becomes the line break. */
static void
break_before (PangoLayout *layout,
              const char  *seam)
{
  const char *text = pango_layout_get_text (layout);
  const char *at = strstr (text, seam);
  g_autofree char *broken = NULL;

  if (at == NULL || pango_layout_get_line_count (layout) < 2)
    return;
  broken = g_strdup (text);
  broken[at - text] = '\n';
  pango_layout_set_text (layout, broken, -1);
}

/* A call too long for its box: before its result ("accept()" / "→ fd 8"), or else after
 * its opening parentheses ("shutdown(" / "SHUT_WR)", "connect((" / "'127.0.0.1', 5000))"),
 * never with a lone ")" left on a line. */
static void
break_call (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  const char *open = strchr (text, '(');
  g_autofree char *broken = NULL;

  if (pango_layout_get_line_count (layout) < 2)
    return;
  if (strstr (text, " →") != NULL)
    {
      break_before (layout, " →");
      return;
    }
  if (open == NULL)
    return;
  open += strspn (open, "(");
  if (*open == ')' || *open == '\0')
    return;
  broken = g_strdup_printf ("%.*s\n%s", (int) (open - text), text, open);
  pango_layout_set_text (layout, broken, -1);
}

/* ---- layout ---------------------------------------------------------------------------- */

static void
lay_out_columns (SlFlowFigure *self)
{
  gboolean narrow = self->width < NARROW_WIDTH;
  double inner, gap;

  self->margin = narrow ? NARROW_MARGIN : MARGIN;
  self->text_scale = CLAMP (self->width / FULL_TEXT_WIDTH, 0.82, 1.0);
  inner = self->width - 2 * self->margin;
  self->box_width = floor (CLAMP (inner * (narrow ? 0.39 : 0.37), 120, 320));
  gap = inner - 2 * self->box_width;
  /* A very wide widget keeps the lanes near each other: the arrows stay short. */
  if (gap > MAX_GAP)
    gap = MAX_GAP;
  self->center[0] = floor (self->width / 2 - gap / 2 - self->box_width / 2);
  self->center[1] = ceil (self->width / 2 + gap / 2 + self->box_width / 2);
}

static void
lay_out_headers (SlFlowFigure *self,
                 SlFlow       *flow,
                 PangoContext *context,
                 const PangoFontDescription *font)
{
  double text_width = self->box_width - 2 * HEADER_PAD_X;
  double height = 0;

  for (guint lane = 0; lane < 2; lane++)
    {
      self->outside[lane] = sl_flow_lane_is_outside (flow, lane);
      self->title[lane] = new_layout (context, font, 0.95 * self->text_scale, TRUE,
                                      sl_flow_lane_get_title (flow, lane), text_width, PANGO_ALIGN_CENTER);
      self->subtitle[lane] = new_layout (context, font, 0.85 * self->text_scale, FALSE,
                                         sl_flow_lane_get_subtitle (flow, lane), text_width, PANGO_ALIGN_CENTER);
      height = MAX (height, layout_height (self->title[lane]) + LINE_GAP + layout_height (self->subtitle[lane]));
    }
  for (guint lane = 0; lane < 2; lane++)
    self->header[lane] = (Rect) { self->center[lane] - self->box_width / 2, self->margin,
                                  self->box_width, height + 2 * HEADER_PAD_Y };
  self->rows_top = self->margin + height + 2 * HEADER_PAD_Y + HEADER_GAP;
}

static void
lay_out_steps (SlFlowFigure *self,
               SlFlow       *flow,
               PangoContext *context,
               const PangoFontDescription *font)
{
  double text_width = self->box_width - 2 * BOX_PAD_X;

  self->n_steps = sl_flow_get_n_steps (flow);
  self->steps = g_new0 (StepBox, self->n_steps);
  for (guint i = 0; i < self->n_steps; i++)
    {
      StepBox *step = &self->steps[i];
      const char *label = sl_flow_step_get_label (flow, i);
      const char *detail = sl_flow_step_get_detail (flow, i);

      step->lane = sl_flow_step_get_lane (flow, i);
      step->row = sl_flow_step_get_row (flow, i);
      step->failure = sl_flow_step_is_failure (flow, i);
      step->label = new_layout (context, font, 0.95 * self->text_scale, FALSE, label, text_width,
                                PANGO_ALIGN_CENTER);
      /* Bold first: it is wider. A break goes after the call's name, so bold stays put. */
      embolden_call (step->label);
      break_call (step->label);
      if (detail != NULL)
        {
          step->detail = new_layout (context, font, 0.85 * self->text_scale, FALSE, detail, text_width,
                                     PANGO_ALIGN_CENTER);
          break_before (step->detail, " →");
        }
      step->box.width = self->box_width;
      step->box.height = 2 * BOX_PAD_Y + layout_height (step->label) +
                         (step->detail != NULL ? LINE_GAP + layout_height (step->detail) : 0);
    }
}

/* The x where an arrow leaves or reaches lane: the box edge facing the other lane, or the
 * lifeline of a lane outside Socket Lab. */
static double
arrow_x (SlFlowFigure *self,
         guint         lane,
         gboolean      has_step)
{
  if (!has_step)
    return self->center[lane];
  return lane == 0 ? self->center[0] + self->box_width / 2 : self->center[1] - self->box_width / 2;
}

static guint
lane_of_end (SlFlowFigure *self,
             guint         end,
             guint         other_end)
{
  if (end != SL_FLOW_OUTSIDE)
    return self->steps[end].lane;
  return 1 - self->steps[other_end].lane;
}

static void
lay_out_arrow_labels (SlFlowFigure *self,
                      SlFlow       *flow,
                      PangoContext *context,
                      const PangoFontDescription *font)
{
  double gap = self->center[1] - self->center[0] - self->box_width;
  double text_width = MAX (gap - 2 * LABEL_PAD - 8, 50);

  self->n_arrows = sl_flow_get_n_arrows (flow);
  self->arrows = g_new0 (ArrowLine, self->n_arrows);
  for (guint i = 0; i < self->n_arrows; i++)
    {
      ArrowLine *arrow = &self->arrows[i];
      guint from = sl_flow_arrow_get_from (flow, i);
      guint to = sl_flow_arrow_get_to (flow, i);

      arrow->kind = sl_flow_arrow_get_kind (flow, i);
      arrow->failure = sl_flow_arrow_is_failure (flow, i);
      arrow->from_lane = lane_of_end (self, from, to);
      arrow->label = new_layout (context, font, 0.85 * self->text_scale, arrow->kind == SL_FLOW_ARROW_HANDSHAKE,
                                 sl_flow_arrow_get_label (flow, i), text_width, PANGO_ALIGN_CENTER);
      break_before (arrow->label, " (");
    }
}

/* The row an arrow's line starts in, when it is level (both ends in one row, or outside). */
static gboolean
level_row (SlFlowFigure *self,
           SlFlow       *flow,
           guint         arrow,
           guint        *row)
{
  guint from = sl_flow_arrow_get_from (flow, arrow);
  guint to = sl_flow_arrow_get_to (flow, arrow);

  if (from == SL_FLOW_OUTSIDE || to == SL_FLOW_OUTSIDE)
    {
      *row = self->steps[from == SL_FLOW_OUTSIDE ? to : from].row;
      return TRUE;
    }
  *row = self->steps[from].row;
  return self->steps[from].row == self->steps[to].row;
}

static void
lay_out_rows (SlFlowFigure *self,
              SlFlow       *flow)
{
  double y = self->rows_top;

  self->n_rows = sl_flow_get_n_rows (flow);
  self->row_top = g_new0 (double, self->n_rows + 1);
  self->row_height = g_new0 (double, self->n_rows + 1);
  for (guint r = 0; r < self->n_rows; r++)
    self->row_height[r] = EMPTY_ROW;
  for (guint i = 0; i < self->n_steps; i++)
    self->row_height[self->steps[i].row] = MAX (self->row_height[self->steps[i].row], self->steps[i].box.height);
  /* A level arrow's label sits above its line, in the upper half of the row and the gap
   * above it: the row grows when the label needs more. */
  for (guint i = 0; i < self->n_arrows; i++)
    {
      guint row;

      if (level_row (self, flow, i, &row))
        {
          double above = layout_height (self->arrows[i].label) + LABEL_LIFT + LABEL_PAD + 2;
          self->row_height[row] = MAX (self->row_height[row], 2 * (above - ROW_GAP));
        }
    }
  for (guint r = 0; r < self->n_rows; r++)
    {
      if (self->note != NULL && r == self->hidden_row)
        {
          double note_height = layout_height (self->note);

          self->note_rect = (Rect) { self->margin, round (y - ROW_GAP / 2), self->width - 2 * self->margin,
                                     note_height + ROW_GAP };
          y += note_height + ROW_GAP;
        }
      self->row_top[r] = y;
      y += self->row_height[r] + ROW_GAP;
    }
  self->height = ceil ((self->n_rows > 0 ? y - ROW_GAP : self->rows_top - HEADER_GAP) + self->margin);

  for (guint i = 0; i < self->n_steps; i++)
    {
      StepBox *step = &self->steps[i];

      step->box.x = self->center[step->lane] - self->box_width / 2;
      step->box.y = round (self->row_top[step->row] + (self->row_height[step->row] - step->box.height) / 2);
    }
}

static double
row_middle (SlFlowFigure *self,
            guint         row)
{
  return round (self->row_top[row] + self->row_height[row] / 2) + 0.5;
}

static void
lay_out_arrows (SlFlowFigure *self,
                SlFlow       *flow)
{
  for (guint i = 0; i < self->n_arrows; i++)
    {
      ArrowLine *arrow = &self->arrows[i];
      guint from = sl_flow_arrow_get_from (flow, i);
      guint to = sl_flow_arrow_get_to (flow, i);
      guint to_lane = lane_of_end (self, to, from);
      guint from_row = self->steps[from != SL_FLOW_OUTSIDE ? from : to].row;
      guint to_row = self->steps[to != SL_FLOW_OUTSIDE ? to : from].row;
      PangoRectangle extent = layout_extent (arrow->label);
      double label_width = extent.width;
      double label_height = layout_height (arrow->label);
      double mid_x, mid_y, left, right;

      arrow->x0 = arrow_x (self, arrow->from_lane, from != SL_FLOW_OUTSIDE);
      arrow->x1 = arrow_x (self, to_lane, to != SL_FLOW_OUTSIDE);
      arrow->y0 = row_middle (self, from_row);
      arrow->y1 = row_middle (self, to_row);

      /* The label over the middle of the space between the lanes' boxes. */
      left = self->center[0] + self->box_width / 2;
      right = self->center[1] - self->box_width / 2;
      mid_x = (left + right) / 2;
      mid_y = arrow->y0 + (arrow->y1 - arrow->y0) * (mid_x - arrow->x0) / (arrow->x1 - arrow->x0);
      arrow->label_rect = (Rect) { round (mid_x - label_width / 2), round (mid_y - LABEL_LIFT - label_height),
                                   label_width, label_height };
      arrow->label_offset = extent.x;
    }
}

SlFlowFigure *
sl_flow_figure_new (SlFlow       *flow,
                    PangoContext *context,
                    double        width)
{
  SlFlowFigure *self;
  const PangoFontDescription *font;

  g_return_val_if_fail (SL_IS_FLOW (flow), NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  self = g_new0 (SlFlowFigure, 1);
  self->width = MAX (width, SL_FLOW_FIGURE_MIN_WIDTH);
  self->height = 2 * MARGIN;
  if (sl_flow_is_empty (flow))
    return self;

  font = pango_context_get_font_description (context);
  lay_out_columns (self);
  lay_out_headers (self, flow, context, font);
  lay_out_steps (self, flow, context, font);
  lay_out_arrow_labels (self, flow, context, font);
  self->n_hidden = sl_flow_get_n_hidden (flow);
  self->hidden_row = sl_flow_get_hidden_row (flow);
  if (self->n_hidden > 0 && self->hidden_row < sl_flow_get_n_rows (flow))
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "⋯ %u call is left out here: the Socket Calls panel has it ⋯",
                                                            "⋯ %u calls are left out here: the Socket Calls panel has them ⋯",
                                                            self->n_hidden),
                                               self->n_hidden);
      PangoAttrList *attributes;

      self->note = new_layout (context, font, 0.85 * self->text_scale, FALSE, note,
                               self->width - 2 * self->margin - 2 * BOX_PAD_X, PANGO_ALIGN_CENTER);
      attributes = pango_attr_list_copy (pango_layout_get_attributes (self->note));
      pango_attr_list_insert (attributes, pango_attr_style_new (PANGO_STYLE_ITALIC));
      pango_layout_set_attributes (self->note, attributes);
      pango_attr_list_unref (attributes);
    }
  lay_out_rows (self, flow);
  lay_out_arrows (self, flow);
  return self;
}

void
sl_flow_figure_free (SlFlowFigure *self)
{
  if (self == NULL)
    return;
  for (guint lane = 0; lane < 2; lane++)
    {
      g_clear_object (&self->title[lane]);
      g_clear_object (&self->subtitle[lane]);
    }
  for (guint i = 0; i < self->n_steps; i++)
    {
      g_clear_object (&self->steps[i].label);
      g_clear_object (&self->steps[i].detail);
    }
  for (guint i = 0; i < self->n_arrows; i++)
    g_clear_object (&self->arrows[i].label);
  g_clear_object (&self->note);
  g_free (self->steps);
  g_free (self->arrows);
  g_free (self->row_top);
  g_free (self->row_height);
  g_free (self);
}

double
sl_flow_figure_get_width (SlFlowFigure *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->width;
}

double
sl_flow_figure_get_height (SlFlowFigure *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->height;
}

static gboolean
rect_contains (const Rect *rect,
               double      x,
               double      y)
{
  return x >= rect->x && x < rect->x + rect->width && y >= rect->y && y < rect->y + rect->height;
}

int
sl_flow_figure_step_at (SlFlowFigure *self,
                        double        x,
                        double        y)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->n_steps; i++)
    if (rect_contains (&self->steps[i].box, x, y))
      return (int) i;
  return -1;
}

/* ---- drawing --------------------------------------------------------------------------- */

static void
set_color (cairo_t     *cr,
           const Color *color)
{
  cairo_set_source_rgb (cr, color->r, color->g, color->b);
}

static void
rounded_rect (cairo_t    *cr,
              const Rect *rect)
{
  double x = rect->x + 0.5, y = rect->y + 0.5, w = rect->width - 1, h = rect->height - 1;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - RADIUS, y + RADIUS, RADIUS, -G_PI / 2, 0);
  cairo_arc (cr, x + w - RADIUS, y + h - RADIUS, RADIUS, 0, G_PI / 2);
  cairo_arc (cr, x + RADIUS, y + h - RADIUS, RADIUS, G_PI / 2, G_PI);
  cairo_arc (cr, x + RADIUS, y + RADIUS, RADIUS, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             const Color *color)
{
  set_color (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* A filled head at (x1, y1) pointing away from (x0, y0). */
static void
arrow_head (cairo_t *cr,
            double   x0,
            double   y0,
            double   x1,
            double   y1)
{
  double angle = atan2 (y1 - y0, x1 - x0);
  double c = cos (angle), s = sin (angle);

  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - HEAD_LENGTH * c + HEAD_HALF_WIDTH * s, y1 - HEAD_LENGTH * s - HEAD_HALF_WIDTH * c);
  cairo_line_to (cr, x1 - HEAD_LENGTH * c - HEAD_HALF_WIDTH * s, y1 - HEAD_LENGTH * s + HEAD_HALF_WIDTH * c);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static gboolean
in_band (double top,
         double bottom,
         double y0,
         double y1)
{
  return bottom >= y0 - 1 && top <= y1 + 1;
}

static void
draw_headers (SlFlowFigure  *self,
              cairo_t       *cr,
              const Palette *palette)
{
  for (guint lane = 0; lane < 2; lane++)
    {
      const Rect *rect = &self->header[lane];
      const Color *stroke = self->outside[lane] ? &palette->outside : &palette->lane[lane];
      const Color *fill = self->outside[lane] ? &palette->outside_fill : &palette->lane_fill[lane];
      double y = rect->y + HEADER_PAD_Y;

      rounded_rect (cr, rect);
      set_color (cr, fill);
      cairo_fill_preserve (cr);
      set_color (cr, stroke);
      cairo_set_line_width (cr, 1.5);
      if (self->outside[lane])
        cairo_set_dash (cr, (double[]) { 5, 3 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      show_layout (cr, self->title[lane], rect->x + HEADER_PAD_X, y, &palette->text);
      show_layout (cr, self->subtitle[lane], rect->x + HEADER_PAD_X,
                   y + layout_height (self->title[lane]) + LINE_GAP, &palette->dim);
    }
}

/* Each Socket Lab lane: a line from its header down through its boxes, a head at each box;
 * a lane outside Socket Lab: a dashed lifeline as long as the figure. */
static void
draw_lanes (SlFlowFigure  *self,
            cairo_t       *cr,
            const Palette *palette,
            double         y0,
            double         y1)
{
  cairo_set_line_width (cr, 1.2);
  for (guint lane = 0; lane < 2; lane++)
    {
      double x = round (self->center[lane]) + 0.5;
      double above = self->header[lane].y + self->header[lane].height;

      if (self->outside[lane])
        {
          set_color (cr, &palette->outside);
          cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
          cairo_move_to (cr, x, above);
          cairo_line_to (cr, x, self->height - self->margin);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          continue;
        }
      set_color (cr, &palette->connector);
      for (guint i = 0; i < self->n_steps; i++)
        {
          const Rect *box = &self->steps[i].box;

          if (self->steps[i].lane != lane)
            continue;
          if (in_band (above, box->y, y0, y1))
            {
              /* Before its socket () the lane is only a lifeline; then each call follows one. */
              gboolean first = above == self->header[lane].y + self->header[lane].height;

              if (first)
                cairo_set_dash (cr, (double[]) { 3, 3 }, 2, 0);
              cairo_move_to (cr, x, above);
              cairo_line_to (cr, x, box->y - 1);
              cairo_stroke (cr);
              cairo_set_dash (cr, NULL, 0, 0);
              if (!first && box->y - above > HEAD_LENGTH + 2)
                arrow_head (cr, x, above, x, box->y - 1);
            }
          above = box->y + box->height;
        }
    }
}

static void
draw_steps (SlFlowFigure  *self,
            cairo_t       *cr,
            const Palette *palette,
            double         y0,
            double         y1)
{
  for (guint i = 0; i < self->n_steps; i++)
    {
      StepBox *step = &self->steps[i];
      const Rect *box = &step->box;
      const Color *text = step->failure ? &palette->error : &palette->text;
      const Color *dim = step->failure ? &palette->error : &palette->dim;
      double y = box->y + BOX_PAD_Y;

      if (!in_band (box->y, box->y + box->height, y0, y1))
        continue;
      rounded_rect (cr, box);
      set_color (cr, step->failure ? &palette->error_fill : &palette->lane_fill[step->lane]);
      cairo_fill_preserve (cr);
      set_color (cr, step->failure ? &palette->error : &palette->lane[step->lane]);
      cairo_set_line_width (cr, step->failure ? 2.0 : 1.2);
      cairo_stroke (cr);
      show_layout (cr, step->label, box->x + BOX_PAD_X, y, text);
      if (step->detail != NULL)
        show_layout (cr, step->detail, box->x + BOX_PAD_X, y + layout_height (step->label) + LINE_GAP, dim);
    }
}

/* Across the lanes, breaking their lines: the calls left out were here. */
static void
draw_note (SlFlowFigure  *self,
           cairo_t       *cr,
           const Palette *palette)
{
  const Rect *rect = &self->note_rect;

  cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
  set_color (cr, &palette->background);
  cairo_fill (cr);
  show_layout (cr, self->note, rect->x + BOX_PAD_X, rect->y + ROW_GAP / 2, &palette->dim);
}

static const Color *
arrow_color (const ArrowLine *arrow,
             const Palette   *palette)
{
  if (arrow->failure)
    return &palette->error;
  switch (arrow->kind)
    {
    case SL_FLOW_ARROW_HANDSHAKE:
      return &palette->handshake;
    case SL_FLOW_ARROW_END_OF_STREAM:
      return &palette->end;
    case SL_FLOW_ARROW_DATA:
    default:
      return &palette->lane[arrow->from_lane];
    }
}

static void
draw_arrow (cairo_t         *cr,
            const ArrowLine *arrow,
            const Palette   *palette)
{
  const Color *color = arrow_color (arrow, palette);
  double direction = arrow->x1 > arrow->x0 ? 1 : -1;
  /* The line stops where the head begins, so that its end does not poke out of the tip. */
  double length = hypot (arrow->x1 - arrow->x0, arrow->y1 - arrow->y0);
  double shorten = length > 0 ? (HEAD_LENGTH - 1) / length : 0;
  double x1 = arrow->x1 - (arrow->x1 - arrow->x0) * shorten;
  double y1 = arrow->y1 - (arrow->y1 - arrow->y0) * shorten;
  Rect background = { arrow->label_rect.x - LABEL_PAD, arrow->label_rect.y - LABEL_PAD / 2,
                      arrow->label_rect.width + 2 * LABEL_PAD, arrow->label_rect.height + LABEL_PAD };

  set_color (cr, color);
  if (arrow->kind == SL_FLOW_ARROW_HANDSHAKE && !arrow->failure)
    {
      /* A double line: the connection being set up, not data. */
      cairo_set_line_width (cr, 4.5);
      cairo_move_to (cr, arrow->x0, arrow->y0);
      cairo_line_to (cr, x1 - direction * 2, y1);
      cairo_stroke (cr);
      set_color (cr, &palette->background);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, arrow->x0 + direction, arrow->y0);
      cairo_line_to (cr, x1 - direction * 2, y1);
      cairo_stroke (cr);
      set_color (cr, color);
    }
  else
    {
      cairo_set_line_width (cr, 1.6);
      if (arrow->kind == SL_FLOW_ARROW_END_OF_STREAM || arrow->failure)
        cairo_set_dash (cr, (double[]) { 6, 3 }, 2, 0);
      cairo_move_to (cr, arrow->x0, arrow->y0);
      cairo_line_to (cr, x1, y1);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  arrow_head (cr, arrow->x0, arrow->y0, arrow->x1, arrow->y1);

  /* The label on a patch of background, readable where a sloped line passes under it. */
  cairo_rectangle (cr, background.x, background.y, background.width, background.height);
  set_color (cr, &palette->background);
  cairo_fill (cr);
  show_layout (cr, arrow->label, arrow->label_rect.x - arrow->label_offset, arrow->label_rect.y, color);
}

static void
draw_arrows (SlFlowFigure  *self,
             cairo_t       *cr,
             const Palette *palette,
             double         y0,
             double         y1)
{
  for (guint i = 0; i < self->n_arrows; i++)
    {
      const ArrowLine *arrow = &self->arrows[i];
      double top = MIN (MIN (arrow->y0, arrow->y1), arrow->label_rect.y) - HEAD_HALF_WIDTH - LABEL_PAD;
      double bottom = MAX (arrow->y0, arrow->y1) + HEAD_HALF_WIDTH;

      if (in_band (top, bottom, y0, y1))
        draw_arrow (cr, arrow, palette);
    }
}

void
sl_flow_figure_draw (SlFlowFigure *self,
                     cairo_t      *cr,
                     SlFlowStyle   style,
                     double        y0,
                     double        y1)
{
  const Palette *palette;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style == SL_FLOW_STYLE_LIGHT || style == SL_FLOW_STYLE_DARK);

  palette = &palettes[style];
  cairo_save (cr);
  cairo_rectangle (cr, 0, y0, self->width, y1 - y0);
  cairo_clip (cr);
  set_color (cr, &palette->background);
  cairo_paint (cr);
  if (self->n_steps > 0 || self->title[0] != NULL)
    {
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      if (in_band (self->header[0].y, self->header[0].y + self->header[0].height, y0, y1))
        draw_headers (self, cr, palette);
      draw_lanes (self, cr, palette, y0, y1);
      if (self->note != NULL && in_band (self->note_rect.y, self->note_rect.y + self->note_rect.height, y0, y1))
        draw_note (self, cr, palette);
      draw_steps (self, cr, palette, y0, y1);
      /* Arrows last: their heads touch the boxes' edges. */
      draw_arrows (self, cr, palette, y0, y1);
    }
  cairo_restore (cr);
}
