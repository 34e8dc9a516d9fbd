/* jd-chart.c: the dashboard's charts, drawn with cairo and pango */
#include "config.h"

#include "jd-chart.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-targets.h"

#define FONT_FAMILY "Noto Sans CJK SC"

struct _JdChart
{
  JdChartKind kind;
  char *title;
  gboolean percent;
  gboolean bars;
  double reference; /* NAN: none */
  char *reference_name;
  guint n_series;
  char *series_names[JD_CHART_MAX_SERIES];
  guint n_points;
  char **categories;                   /* n_points */
  double *values[JD_CHART_MAX_SERIES]; /* n_points each */
};

static const struct
{
  const char *key;
  const char *title; /* translatable */
} kinds[JD_N_CHARTS] = {
  [JD_CHART_RELAPSE] = { "relapse", N_ ("Relapse Rate") },
  [JD_CHART_COVERAGE] = { "coverage", N_ ("Drug-Free Village Coverage") },
  [JD_CHART_NEW_USERS] = { "new-users", N_ ("New Users per 10,000 Residents") },
  [JD_CHART_URINE] = { "urine", N_ ("Urine Tests and Help Groups") },
  [JD_CHART_STATUS] = { "status", NULL }, /* its title names the day */
};

/* Okabe–Ito: blue and vermillion stay apart for every kind of colour vision
 * and in grey (dark and mid grey); the reference line is black and dashed. */
static const double series_colours[JD_CHART_MAX_SERIES][3] = {
  { 0.000, 0.447, 0.698 },
  { 0.835, 0.369, 0.000 },
};

const char *
jd_chart_kind_key (JdChartKind kind)
{
  g_return_val_if_fail (kind < JD_N_CHARTS, NULL);
  return kinds[kind].key;
}

gboolean
jd_chart_kind_from_key (const char *key, JdChartKind *kind)
{
  for (guint i = 0; key && i < JD_N_CHARTS; i++)
    if (g_str_equal (key, kinds[i].key))
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

char *
jd_chart_describe_keys (void)
{
  g_autoptr (GString) keys = g_string_new (NULL);

  for (guint i = 0; i < JD_N_CHARTS; i++)
    g_string_append_printf (keys, "%s%s", i ? ", " : "", kinds[i].key);
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

/* ---- building ------------------------------------------------------------------------------ */

static void
add_series (JdChart *chart, const char *name)
{
  g_assert (chart->n_series < JD_CHART_MAX_SERIES);
  chart->series_names[chart->n_series] = g_strdup (name);
  chart->values[chart->n_series] = g_new (double, chart->n_points);
  chart->n_series++;
}

static void
set_categories_to_years (JdChart *chart, JdIndicators *indicators)
{
  chart->n_points = jd_indicators_get_n_years (indicators);
  chart->categories = g_new0 (char *, chart->n_points + 1);
  for (guint i = 0; i < chart->n_points; i++)
    chart->categories[i] = g_strdup_printf ("%d", jd_indicators_get_first_year (indicators) + i);
}

JdChart *
jd_chart_new (JdChartKind kind, JdIndicators *indicators, JdLedger *ledger)
{
  g_return_val_if_fail (kind < JD_N_CHARTS, NULL);
  g_return_val_if_fail (JD_IS_INDICATORS (indicators), NULL);
  g_return_val_if_fail (jd_indicators_get_n_years (indicators) > 0, NULL);

  JdChart *chart = g_new0 (JdChart, 1);
  guint n_years = jd_indicators_get_n_years (indicators);

  chart->kind = kind;
  chart->title = kind == JD_CHART_STATUS ? NULL : g_strdup (_ (kinds[kind].title));
  chart->reference = NAN;
  chart->percent = kind != JD_CHART_NEW_USERS && kind != JD_CHART_STATUS;
  chart->bars = kind == JD_CHART_NEW_USERS || kind == JD_CHART_STATUS;

  if (kind == JD_CHART_STATUS)
    {
      /* The statuses someone has at the end of the last year, in the enum's order. */
      const JdIndicatorValues *last = jd_indicators_get_township (indicators, n_years - 1);
      g_autoptr (GPtrArray) names = g_ptr_array_new ();
      double counts[JD_N_STATUSES];
      for (guint s = 0; s < JD_N_STATUSES; s++)
        if (last->status_counts[s] > 0)
          {
            counts[names->len] = last->status_counts[s];
            g_ptr_array_add (names, g_strdup (jd_enum_label (JD_ENUM_STATUS, jd_status_key (s))));
          }
      chart->n_points = names->len;
      g_ptr_array_add (names, NULL);
      chart->categories = (char **)g_ptr_array_steal (names, NULL);
      g_autofree char *day = jd_day_to_string (last->as_of);
      chart->title = g_strdup_printf (_ ("Registered Persons by Status on %s"), day);
      add_series (chart, _ ("Persons"));
      for (guint i = 0; i < chart->n_points; i++)
        chart->values[0][i] = counts[i];
      return chart;
    }

  set_categories_to_years (chart, indicators);
  switch (kind)
    {
      case JD_CHART_RELAPSE:
        add_series (chart, _ ("Relapse rate"));
        break;
      case JD_CHART_COVERAGE:
        add_series (chart, _ ("Coverage"));
        chart->reference = jd_targets_get (ledger, JD_TARGET_COVERAGE);
        chart->reference_name = g_strdup (_ ("Target"));
        break;
      case JD_CHART_NEW_USERS:
        add_series (chart, _ ("New users per 10,000"));
        chart->reference = jd_targets_get (ledger, JD_TARGET_NEW_PER_10K);
        chart->reference_name = g_strdup (_ ("Limit"));
        break;
      case JD_CHART_URINE:
        add_series (chart, _ ("Urine test rate"));
        add_series (chart, _ ("Help rate"));
        chart->reference = 1.0;
        chart->reference_name = g_strdup (_ ("Target"));
        break;
      default:
        g_assert_not_reached ();
    }
  for (guint i = 0; i < n_years; i++)
    {
      const JdIndicatorValues *v = jd_indicators_get_township (indicators, i);
      switch (kind)
        {
          case JD_CHART_RELAPSE:
            chart->values[0][i] = v->relapse_rate;
            break;
          case JD_CHART_COVERAGE:
            chart->values[0][i] = v->coverage;
            break;
          case JD_CHART_NEW_USERS:
            chart->values[0][i] = v->new_per_10k;
            break;
          case JD_CHART_URINE:
            chart->values[0][i] = v->urine_test_rate;
            chart->values[1][i] = v->help_rate;
            break;
          default:
            g_assert_not_reached ();
        }
    }
  return chart;
}

void
jd_chart_free (JdChart *chart)
{
  if (chart == NULL)
    return;
  for (guint s = 0; s < chart->n_series; s++)
    {
      g_free (chart->series_names[s]);
      g_free (chart->values[s]);
    }
  g_strfreev (chart->categories);
  g_free (chart->reference_name);
  g_free (chart->title);
  g_free (chart);
}

JdChartKind
jd_chart_get_kind (const JdChart *chart)
{
  return chart->kind;
}

const char *
jd_chart_get_title (const JdChart *chart)
{
  return chart->title;
}

guint
jd_chart_get_n_points (const JdChart *chart)
{
  return chart->n_points;
}

guint
jd_chart_get_n_series (const JdChart *chart)
{
  return chart->n_series;
}

const char *
jd_chart_get_category (const JdChart *chart, guint point)
{
  g_return_val_if_fail (point < chart->n_points, NULL);
  return chart->categories[point];
}

const char *
jd_chart_get_series_name (const JdChart *chart, guint series)
{
  g_return_val_if_fail (series < chart->n_series, NULL);
  return chart->series_names[series];
}

double
jd_chart_get_value (const JdChart *chart, guint series, guint point)
{
  g_return_val_if_fail (series < chart->n_series && point < chart->n_points, NAN);
  return chart->values[series][point];
}

double
jd_chart_get_reference (const JdChart *chart)
{
  return chart->reference;
}

gboolean
jd_chart_is_percent (const JdChart *chart)
{
  return chart->percent;
}

/* ---- words ---------------------------------------------------------------------------------- */

static char *
format_value (const JdChart *chart, double value, int decimals)
{
  if (isnan (value))
    return g_strdup ("—");
  if (chart->percent)
    return g_strdup_printf ("%.*f%%", decimals, value * 100);
  if (chart->kind == JD_CHART_STATUS)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.*f", decimals + 1, value);
}

char *
jd_chart_describe_point (const JdChart *chart, guint point)
{
  g_return_val_if_fail (point < chart->n_points, NULL);

  g_autoptr (GString) text = g_string_new (chart->categories[point]);
  for (guint s = 0; s < chart->n_series; s++)
    {
      g_autofree char *value = format_value (chart, chart->values[s][point], 1);
      if (chart->n_series > 1)
        g_string_append_printf (text, s ? "; %s %s" : ": %s %s", chart->series_names[s], value);
      else
        g_string_append_printf (text, ": %s", value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
jd_chart_describe (const JdChart *chart)
{
  g_autoptr (GString) text = g_string_new (chart->title);

  g_string_append (text, ". ");
  for (guint i = 0; i < chart->n_points; i++)
    {
      g_autofree char *point = jd_chart_describe_point (chart, i);
      g_string_append_printf (text, "%s%s", i ? ", " : "", point);
    }
  if (!isnan (chart->reference))
    {
      g_autofree char *reference = format_value (chart, chart->reference, 0);
      g_string_append_printf (text, ". %s: %s", chart->reference_name, reference);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- layout --------------------------------------------------------------------------------- */

double
jd_chart_nice_step (double rough)
{
  if (!(rough > 0))
    return 1;
  double power = pow (10, floor (log10 (rough)));
  double fraction = rough / power;
  /* A small tolerance keeps 0.2 from becoming 0.5 through rounding. */
  double nice = fraction <= 1.000001 ? 1 : fraction <= 2.000001 ? 2 : fraction <= 5.000001 ? 5 : 10;
  return nice * power;
}

typedef struct
{
  double font;                /* the base size, in user units */
  double x, y, width, height; /* the plot area */
  double axis_max, step;      /* the value axis: 0 … axis_max by step */
  double title_y, legend_y;
} Layout;

static double
font_size (double width, double height)
{
  return CLAMP (MIN (height / 24, width / 40), 9, 64);
}

static double
highest_value (const JdChart *chart)
{
  double highest = isnan (chart->reference) ? 0 : chart->reference;

  for (guint s = 0; s < chart->n_series; s++)
    for (guint i = 0; i < chart->n_points; i++)
      if (!isnan (chart->values[s][i]))
        highest = MAX (highest, chart->values[s][i]);
  return highest;
}

static PangoLayout *
make_text (cairo_t *cr, const char *text, double size, gboolean bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (font);
  return layout;
}

static double
text_width (cairo_t *cr, const char *text, double size)
{
  g_autoptr (PangoLayout) layout = make_text (cr, text, size, FALSE);
  int w, h;
  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

/* The widest category label (the status chart puts them left of the bars). */
static double
widest_category (const JdChart *chart, cairo_t *cr, double size)
{
  double widest = 0;
  for (guint i = 0; i < chart->n_points; i++)
    widest = MAX (widest, text_width (cr, chart->categories[i], size));
  return widest;
}

static void
compute_layout (const JdChart *chart, cairo_t *cr, double width, double height, Layout *l)
{
  double f = l->font = font_size (width, height);
  double pad = f * 0.8;
  gboolean legend = chart->n_series > 1 || !isnan (chart->reference);

  l->title_y = pad;
  l->legend_y = pad + f * 1.9;
  double top = l->legend_y + (legend ? f * 2.4 : f * 0.6);

  double highest = highest_value (chart);
  if (chart->percent)
    highest = MAX (highest, 0.1);
  else
    highest = MAX (highest, chart->kind == JD_CHART_STATUS ? 5 : 1);
  l->step = jd_chart_nice_step (highest / 4);
  l->axis_max = ceil (highest / l->step - 1e-9) * l->step;

  if (chart->kind == JD_CHART_STATUS)
    {
      /* Horizontal bars: names on the left, values along the bottom. */
      l->x = pad + widest_category (chart, cr, f) + pad;
      l->y = top;
      l->width = MAX (width - l->x - pad - f * 2.5, 1);
      l->height = MAX (height - top - pad - f * 1.6, 1);
      return;
    }
  g_autofree char *widest = format_value (chart, l->axis_max, 0);
  l->x = pad + text_width (cr, widest, f) + pad * 0.6;
  l->y = top;
  l->width = MAX (width - l->x - pad * 1.5, 1);
  l->height = MAX (height - top - pad - f * 1.6, 1);
}

/* Where category i's centre falls along the category axis. */
static double
category_position (const JdChart *chart, const Layout *l, guint i)
{
  double extent = chart->kind == JD_CHART_STATUS ? l->height : l->width;
  double start = chart->kind == JD_CHART_STATUS ? l->y : l->x;
  return start + extent * (i + 0.5) / MAX (chart->n_points, 1);
}

/* Where value v falls along the value axis. */
static double
value_position (const JdChart *chart, const Layout *l, double v)
{
  if (chart->kind == JD_CHART_STATUS)
    return l->x + l->width * v / l->axis_max;
  return l->y + l->height * (1 - v / l->axis_max);
}

/* ---- drawing -------------------------------------------------------------------------------- */

static void
show_text (cairo_t *cr,
           const char *text,
           double size,
           gboolean bold,
           double x,
           double y,
           double x_align,
           double y_align)
{
  g_autoptr (PangoLayout) layout = make_text (cr, text, size, bold);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * x_align, y - h * y_align);
  pango_cairo_show_layout (cr, layout);
}

static void
set_series_style (cairo_t *cr, const Layout *l, guint s)
{
  const double dashes[] = { l->font * 0.6, l->font * 0.3 };

  cairo_set_source_rgb (cr, series_colours[s][0], series_colours[s][1], series_colours[s][2]);
  cairo_set_line_width (cr, MAX (l->font / 6, 2));
  cairo_set_dash (cr, dashes, s == 0 ? 0 : 2, 0);
}

/* Series 0 has round markers, series 1 square ones. */
static void
draw_marker (cairo_t *cr, const Layout *l, guint s, double x, double y)
{
  double r = MAX (l->font / 3.5, 3);

  cairo_new_sub_path (cr);
  if (s == 0)
    cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  else
    cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
  cairo_fill (cr);
}

static void
set_reference_style (cairo_t *cr, const Layout *l)
{
  const double dashes[] = { l->font * 0.25, l->font * 0.25 };

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_set_line_width (cr, MAX (l->font / 8, 1.5));
  cairo_set_dash (cr, dashes, 2, 0);
}

static void
draw_legend (const JdChart *chart, cairo_t *cr, const Layout *l)
{
  double x = l->x, y = l->legend_y + l->font * 0.7, sample = l->font * 2;

  for (guint s = 0; s < chart->n_series + 1; s++)
    {
      const char *name = s < chart->n_series ? chart->series_names[s] : chart->reference_name;
      if (name == NULL || (s == chart->n_series && isnan (chart->reference)))
        continue;
      cairo_save (cr);
      if (s < chart->n_series)
        set_series_style (cr, l, s);
      else
        set_reference_style (cr, l);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + sample, y);
      cairo_stroke (cr);
      if (s < chart->n_series && !chart->bars)
        draw_marker (cr, l, s, x + sample / 2, y);
      cairo_restore (cr);
      g_autofree char *label = NULL;
      if (s == chart->n_series)
        {
          g_autofree char *value = format_value (chart, chart->reference, chart->percent ? 0 : 1);
          label = g_strdup_printf ("%s %s", name, value);
        }
      show_text (cr, label ? label : name, l->font, FALSE, x + sample + l->font * 0.4, y, 0, 0.5);
      x += sample + l->font * 1.4 + text_width (cr, label ? label : name, l->font);
    }
}

static void
draw_value_axis (const JdChart *chart, cairo_t *cr, const Layout *l)
{
  cairo_set_line_width (cr, 1);
  for (double v = 0; v <= l->axis_max + l->step / 2; v += l->step)
    {
      g_autofree char *label = format_value (chart, v, l->step * 100 < 1 ? 1 : 0);
      double p = value_position (chart, l, v);
      cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
      if (chart->kind == JD_CHART_STATUS)
        {
          cairo_move_to (cr, round (p) + 0.5, l->y);
          cairo_line_to (cr, round (p) + 0.5, l->y + l->height);
          cairo_stroke (cr);
          cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
          show_text (cr, label, l->font * 0.9, FALSE, p, l->y + l->height + l->font * 0.3, 0.5, 0);
        }
      else
        {
          cairo_move_to (cr, l->x, round (p) + 0.5);
          cairo_line_to (cr, l->x + l->width, round (p) + 0.5);
          cairo_stroke (cr);
          cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
          show_text (cr, label, l->font * 0.9, FALSE, l->x - l->font * 0.4, p, 1, 0.5);
        }
    }
}

static void
draw_categories (const JdChart *chart, cairo_t *cr, const Layout *l)
{
  /* Every category when they fit, else every second, third… */
  double room
      = (chart->kind == JD_CHART_STATUS ? l->height / (l->font * 1.3) : l->width / (l->font * 3.2));
  guint every = MAX (1, (guint)ceil (chart->n_points / MAX (room, 1)));

  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  for (guint i = 0; i < chart->n_points; i += every)
    {
      double p = category_position (chart, l, i);
      if (chart->kind == JD_CHART_STATUS)
        show_text (cr, chart->categories[i], l->font, FALSE, l->x - l->font * 0.5, p, 1, 0.5);
      else
        show_text (cr, chart->categories[i], l->font * 0.9, FALSE, p,
                   l->y + l->height + l->font * 0.3, 0.5, 0);
    }
}

static void
draw_bars (const JdChart *chart, cairo_t *cr, const Layout *l)
{
  double band = (chart->kind == JD_CHART_STATUS ? l->height : l->width) / MAX (chart->n_points, 1);
  double thickness = band * 0.6;

  for (guint i = 0; i < chart->n_points; i++)
    {
      double v = chart->values[0][i];
      if (isnan (v))
        continue;
      double c = category_position (chart, l, i), p = value_position (chart, l, v);
      cairo_set_source_rgb (cr, series_colours[0][0], series_colours[0][1], series_colours[0][2]);
      if (chart->kind == JD_CHART_STATUS)
        cairo_rectangle (cr, l->x, c - thickness / 2, p - l->x, thickness);
      else
        cairo_rectangle (cr, c - thickness / 2, p, thickness, l->y + l->height - p);
      cairo_fill (cr);
      /* The value at the bar's end, so no one has to read it off the axis. */
      g_autofree char *label = format_value (chart, v, 1);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      if (chart->kind == JD_CHART_STATUS)
        show_text (cr, label, l->font * 0.9, TRUE, p + l->font * 0.3, c, 0, 0.5);
      else if (thickness > text_width (cr, label, l->font * 0.8))
        show_text (cr, label, l->font * 0.8, TRUE, c, p - l->font * 0.15, 0.5, 1);
    }
}

static void
draw_lines (const JdChart *chart, cairo_t *cr, const Layout *l)
{
  for (guint s = 0; s < chart->n_series; s++)
    {
      cairo_save (cr);
      set_series_style (cr, l, s);
      gboolean drawing = FALSE;
      for (guint i = 0; i < chart->n_points; i++)
        {
          double v = chart->values[s][i];
          if (isnan (v))
            {
              drawing = FALSE; /* a gap where there is no value */
              continue;
            }
          double x = category_position (chart, l, i), y = value_position (chart, l, v);
          if (drawing)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          drawing = TRUE;
        }
      cairo_stroke (cr);
      for (guint i = 0; i < chart->n_points; i++)
        if (!isnan (chart->values[s][i]))
          draw_marker (cr, l, s, category_position (chart, l, i),
                       value_position (chart, l, chart->values[s][i]));
      cairo_restore (cr);
    }
}

void
jd_chart_draw (const JdChart *chart, cairo_t *cr, double width, double height)
{
  g_return_if_fail (chart != NULL && cr != NULL);

  Layout l;
  cairo_save (cr);
  compute_layout (chart, cr, width, height, &l);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  show_text (cr, chart->title, l.font * 1.3, TRUE, l.x, l.title_y, 0, 0);
  if (chart->n_series > 1 || !isnan (chart->reference))
    draw_legend (chart, cr, &l);

  if (chart->n_points == 0)
    {
      cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
      show_text (cr, _ ("No data"), l.font * 1.2, FALSE, width / 2, l.y + l.height / 2, 0.5, 0.5);
      cairo_restore (cr);
      return;
    }
  draw_value_axis (chart, cr, &l);
  draw_categories (chart, cr, &l);
  if (chart->bars)
    draw_bars (chart, cr, &l);
  else
    draw_lines (chart, cr, &l);

  if (!isnan (chart->reference))
    {
      set_reference_style (cr, &l);
      double p = value_position (chart, &l, chart->reference);
      cairo_move_to (cr, l.x, p);
      cairo_line_to (cr, l.x + l.width, p);
      cairo_stroke (cr);
    }

  /* The axes themselves. */
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, l.x, l.y);
  cairo_line_to (cr, l.x, l.y + l.height);
  cairo_line_to (cr, l.x + l.width, l.y + l.height);
  cairo_stroke (cr);
  cairo_restore (cr);
}

int
jd_chart_point_at (const JdChart *chart, double width, double height, double x, double y)
{
  g_return_val_if_fail (chart != NULL, -1);

  /* The layout needs text sizes: measure on a scratch surface. */
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (scratch);
  Layout l;
  compute_layout (chart, cr, width, height, &l);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);

  if (x < l.x || x > l.x + l.width || y < l.y || y > l.y + l.height || chart->n_points == 0)
    return -1;
  double along = chart->kind == JD_CHART_STATUS ? (y - l.y) / l.height : (x - l.x) / l.width;
  return CLAMP ((int)(along * chart->n_points), 0, (int)chart->n_points - 1);
}

/* ---- files ---------------------------------------------------------------------------------- */

typedef struct
{
  JdOutput *output;
  GError *error; /* the first write that failed */
} Stream;

static cairo_status_t
write_to_stream_cb (void *closure, const unsigned char *data, unsigned int length)
{
  Stream *stream = closure;

  if (stream->error == NULL && jd_output_write (stream->output, data, length, &stream->error))
    return CAIRO_STATUS_SUCCESS;
  return CAIRO_STATUS_WRITE_ERROR;
}

gboolean
jd_chart_write (const JdChart *chart,
                const char *path,
                const char *ledger_path,
                JdOutputFlags flags,
                int width,
                int height,
                GError **error)
{
  g_return_val_if_fail (chart != NULL && path != NULL, FALSE);

  if (width < 100 || height < 80 || width > 10000 || height > 10000)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s: a chart is between 100 × 80 and 10000 × 10000; %d × %d is not"), path,
                   width, height);
      return FALSE;
    }
  enum
  {
    PNG,
    SVG,
    PDF
  } format;
  if (g_str_has_suffix (path, ".png"))
    format = PNG;
  else if (g_str_has_suffix (path, ".svg"))
    format = SVG;
  else if (g_str_has_suffix (path, ".pdf"))
    format = PDF;
  else
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s: the file name must end in .png, .svg or .pdf"), path);
      return FALSE;
    }

  /* Written beside the file and renamed, so it appears whole or not at all. */
  Stream stream = { jd_output_new (path, ledger_path, flags, error), NULL };
  if (stream.output == NULL)
    return FALSE;

  cairo_surface_t *surface;
  if (format == PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  else if (format == SVG)
    surface = cairo_svg_surface_create_for_stream (write_to_stream_cb, &stream, width, height);
  else
    surface = cairo_pdf_surface_create_for_stream (write_to_stream_cb, &stream, width, height);
  cairo_t *cr = cairo_create (surface);
  jd_chart_draw (chart, cr, width, height);
  cairo_destroy (cr);
  cairo_status_t status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS && format == PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_stream_cb, &stream);
  cairo_surface_finish (surface); /* SVG and PDF write their end here */
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (stream.error || status != CAIRO_STATUS_SUCCESS)
    {
      if (stream.error)
        g_propagate_error (error, g_steal_pointer (&stream.error));
      else
        g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s: the chart could not be written: %s"),
                     path, cairo_status_to_string (status));
      jd_output_abort (stream.output);
      return FALSE;
    }
  return jd_output_commit (stream.output, error);
}
