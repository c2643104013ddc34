/* sl-rtt-chart.h: a live round-trip-time chart, one line per ping target.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-image-export.h"

G_BEGIN_DECLS

#define SL_TYPE_RTT_CHART (sl_rtt_chart_get_type ())

G_DECLARE_FINAL_TYPE (SlRttChart, sl_rtt_chart, SL, RTT_CHART, GtkWidget)

typedef enum {
  SL_RTT_CHART_AXIS_TIME,   /* seconds since the run started */
  SL_RTT_CHART_AXIS_SEQ,    /* probe sequence number */
} SlRttChartAxis;

#define SL_TYPE_RTT_CHART_AXIS (sl_rtt_chart_axis_get_type ())
GType sl_rtt_chart_axis_get_type (void) G_GNUC_CONST;

#define SL_RTT_CHART_N_COLORS 6

GtkWidget      *sl_rtt_chart_new               (void);

/* Returns the new series' id; its color is the palette entry @color_index (modulo). */
guint           sl_rtt_chart_add_series        (SlRttChart     *self,
                                                const char     *label,
                                                guint           color_index);
void            sl_rtt_chart_remove_series     (SlRttChart     *self,
                                                guint           series);
void            sl_rtt_chart_set_series_label  (SlRttChart     *self,
                                                guint           series,
                                                const char     *label);
/* Drops every sample of every series; the series stay. */
void            sl_rtt_chart_clear             (SlRttChart     *self);
/* @rtt_ms is NAN for a lost probe (a red tick at the top). Samples of a series come in
 * increasing @seq and @time_s order. */
void            sl_rtt_chart_add_sample        (SlRttChart     *self,
                                                guint           series,
                                                guint64         seq,
                                                double          time_s,
                                                double          rtt_ms);
guint           sl_rtt_chart_get_n_samples     (SlRttChart     *self);

SlRttChartAxis  sl_rtt_chart_get_x_axis        (SlRttChart     *self);
void            sl_rtt_chart_set_x_axis        (SlRttChart     *self,
                                                SlRttChartAxis  axis);
/* While running and visible, the y scale glides to new ranges instead of jumping. */
gboolean        sl_rtt_chart_get_running       (SlRttChart     *self);
void            sl_rtt_chart_set_running       (SlRttChart     *self,
                                                gboolean        running);
/* The top of the y axis currently drawn, in ms. */
double          sl_rtt_chart_get_y_max         (SlRttChart     *self);

/* The palette color for @color_index, for the widget's current light or dark style. */
void            sl_rtt_chart_get_color         (SlRttChart     *self,
                                                guint           color_index,
                                                GdkRGBA        *out_color);
/* The samples nearest to widget x coordinate @x (clamped to the plot), one line per series,
 * or NULL when there is no data. */
char           *sl_rtt_chart_describe_at       (SlRttChart     *self,
                                                double          x);
/* What the crosshair and tooltip read out where the pointer is, or NULL while it is not over
 * the plot area (over the axes, their labels, the legend, or outside the widget). */
char           *sl_rtt_chart_get_readout       (SlRttChart     *self);

/* The chart as a figure for a report, in a light print style whatever the desktop's: @title
 * (or NULL) above it, the axes, lines, legend and lost-probe marks, and @summary_lines (or
 * NULL; e.g. each target's ping statistics) beneath it. @width × @height are logical pixels
 * (0: 1600 × 800), @scale device pixels per logical one for PNG (0: 2; an SVG is vector).
 * Only draws: the caller writes the bytes where they belong. */
GBytes         *sl_rtt_chart_export            (SlRttChart          *self,
                                                SlImageFormat        format,
                                                int                  width,
                                                int                  height,
                                                double               scale,
                                                const char          *title,
                                                const char * const  *summary_lines,
                                                GError             **error);
/* The same figure as the PNG, as a texture of @width × @scale by @height × @scale pixels. */
GdkTexture     *sl_rtt_chart_export_texture    (SlRttChart          *self,
                                                int                  width,
                                                int                  height,
                                                double               scale,
                                                const char          *title,
                                                const char * const  *summary_lines);

G_END_DECLS
