/* rd-bar-chart.h — a bar chart drawn with GTK's own snapshot API
 *
 * Horizontal (one row per bar, the label at the start, the bar growing
 * towards the end) or vertical (one column per bar, the short label under
 * it): GtkOrientable's orientation is the direction the bars grow in.  Bars
 * grow from the start side, so a right-to-left locale mirrors the chart.
 * The chart's title is its accessible label and its summary its accessible
 * description, so a screen reader reads the chart as text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RD_TYPE_BAR_CHART (rd_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (RdBarChart, rd_bar_chart, RD, BAR_CHART, GtkWidget)

GtkWidget  *rd_bar_chart_new             (GtkOrientation  orientation);

const char *rd_bar_chart_get_title       (RdBarChart     *self);
void        rd_bar_chart_set_title       (RdBarChart     *self,
                                          const char     *title);
const char *rd_bar_chart_get_summary     (RdBarChart     *self);
void        rd_bar_chart_set_summary     (RdBarChart     *self,
                                          const char     *summary);

/* The bars, in drawing order.  @label is drawn beside (or under) the bar;
 * @long_label (NULL for @label) is the tooltip's. */
void        rd_bar_chart_remove_all      (RdBarChart     *self);
void        rd_bar_chart_append          (RdBarChart     *self,
                                          const char     *label,
                                          const char     *long_label,
                                          guint           value);

guint       rd_bar_chart_get_n_bars      (RdBarChart     *self);
const char *rd_bar_chart_get_bar_label   (RdBarChart     *self,
                                          guint           bar);
const char *rd_bar_chart_get_bar_long_label (RdBarChart  *self,
                                             guint        bar);
guint       rd_bar_chart_get_bar_value   (RdBarChart     *self,
                                          guint           bar);

G_END_DECLS
