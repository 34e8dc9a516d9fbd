/* jd-chart.h: the dashboard's charts, drawn with cairo and pango (docs/contract.md §8)
 *
 * A chart is built from the indicator engine's values (never computed
 * again here) and drawn by one routine onto any cairo context, so the
 * dashboard's widget, the presentation, PNG, SVG and PDF are the same
 * drawing. Rates are fractions shown as percentages; axes step by 1, 2 or 5
 * times a power of ten; every series has its own colour (Okabe–Ito, safe for
 * colour-blind viewers), dash pattern and marker, so a grey-scale printout
 * still tells them apart. No personal data is ever drawn.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "jd-indicators.h"
#include "jd-output.h"

G_BEGIN_DECLS

typedef enum
{
  JD_CHART_RELAPSE,   /* relapse_rate by year, a line */
  JD_CHART_COVERAGE,  /* coverage by year, with its target line */
  JD_CHART_NEW_USERS, /* new_per_10k by year, bars, with the 0.5 line */
  JD_CHART_URINE,     /* urine_test_rate and help_rate by year, against 100 % */
  JD_CHART_STATUS,    /* the status composition of the last year, bars */
  JD_N_CHARTS
} JdChartKind;

#define JD_CHART_MAX_SERIES 2

typedef struct _JdChart JdChart;

/* The --chart key (relapse, coverage, new-users, urine, status). */
const char *jd_chart_kind_key (JdChartKind kind);
gboolean jd_chart_kind_from_key (const char *key, JdChartKind *kind);
char *jd_chart_describe_keys (void);

/* The chart of indicators' years; ledger gives the targets. */
JdChart *jd_chart_new (JdChartKind kind, JdIndicators *indicators, JdLedger *ledger);
void jd_chart_free (JdChart *chart);

JdChartKind jd_chart_get_kind (const JdChart *chart);
const char *jd_chart_get_title (const JdChart *chart);
guint jd_chart_get_n_points (const JdChart *chart);
guint jd_chart_get_n_series (const JdChart *chart);
const char *jd_chart_get_category (const JdChart *chart, guint point);
const char *jd_chart_get_series_name (const JdChart *chart, guint series);
/* The value drawn: a fraction for rates, NAN where there is none. */
double jd_chart_get_value (const JdChart *chart, guint series, guint point);
/* The reference line (a target, 0.5, 100 %), NAN for none. */
double jd_chart_get_reference (const JdChart *chart);
gboolean jd_chart_is_percent (const JdChart *chart);
/* "2023: 12.5 %" (or "2023: 12.5 %, 8.0 %" for two series). */
char *jd_chart_describe_point (const JdChart *chart, guint point);
/* Every point, for an accessible description. */
char *jd_chart_describe (const JdChart *chart);

/* Draws the chart filling width × height user units of cr. */
void jd_chart_draw (const JdChart *chart, cairo_t *cr, double width, double height);
/* The point under (x, y) of a drawing of that size, or -1. */
int jd_chart_point_at (const JdChart *chart, double width, double height, double x, double y);

/* Writes FILE.png, FILE.svg or FILE.pdf (by its extension) of width × height
 * (pixels for PNG, points for SVG and PDF); the file appears whole or not at
 * all, never over the ledger at ledger_path nor anything jd-output.h refuses. */
gboolean jd_chart_write (const JdChart *chart,
                         const char *path,
                         const char *ledger_path,
                         JdOutputFlags flags,
                         int width,
                         int height,
                         GError **error);

/* 1, 2 or 5 × 10^n at or above a rough step. */
double jd_chart_nice_step (double rough);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdChart, jd_chart_free)

G_END_DECLS
