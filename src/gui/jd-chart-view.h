/* jd-chart-view.h: a dashboard chart on screen, with tooltips, export and copy */
#pragma once

#include <gtk/gtk.h>

#include "jd-chart.h"

G_BEGIN_DECLS

#define JD_TYPE_CHART_VIEW (jd_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (JdChartView, jd_chart_view, JD, CHART_VIEW, GtkWidget)

GtkWidget *jd_chart_view_new (void);
/* Takes the chart; NULL shows nothing. */
void jd_chart_view_set_chart (JdChartView *self, JdChart *chart);
const JdChart *jd_chart_view_get_chart (JdChartView *self);
/* Writes the chart as shown to path (PNG, SVG or PDF by the extension). */
gboolean jd_chart_view_save (JdChartView *self, const char *path, GError **error);
/* The chart as an image of width × height pixels. */
GdkTexture *jd_chart_view_render_texture (JdChartView *self, int width, int height);

G_END_DECLS
