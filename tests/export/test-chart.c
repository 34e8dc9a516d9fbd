/* test-chart.c: the dashboard's charts (src/export/jd-chart.c) and `jindu chart`
 *
 * A chart's series must be the indicator engine's numbers: they are compared,
 * year by year, with what `jindu indicators --json` prints for a demo ledger.
 * `jindu chart` writes every chart to PNG, SVG and PDF at several sizes; the
 * files are read back (PNG size and ink, SVG and PDF headers) and a refused
 * size or file name leaves no file behind.
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "jd-chart.h"
#include "jd-date.h"
#include "jd-demo.h"
#include "jd-indicators.h"
#include "jd-test-run.h"

typedef JdTestLedger Fixture;

/* A township demo ledger, as of 2025-06-30, made with the jindu executable. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_auto (Run) run = { 0 };

  jd_test_folder_set_up (f, "jd-chart-XXXXXX");
  run_jindu (&run, "demo", "--db", f->path, "--today", "2025-06-30", NULL);
  g_assert_cmpint (run.status, ==, 0);
  jd_set_today (jd_day_new (2025, 6, 30));
}

/* 1, 2 or 5 times a power of ten, at or above the rough step. */
static void
test_nice_step (void)
{
  g_assert_cmpfloat_with_epsilon (jd_chart_nice_step (0.023), 0.05, 1e-12);
  g_assert_cmpfloat_with_epsilon (jd_chart_nice_step (0.2), 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (jd_chart_nice_step (0.25), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (jd_chart_nice_step (1), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (jd_chart_nice_step (3), 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (jd_chart_nice_step (7), 10, 1e-12);
  g_assert_cmpfloat_with_epsilon (jd_chart_nice_step (28.5), 50, 1e-12);
}

/* The JSON number, or NAN for null. */
static double
json_number (JsonObject *object, const char *key)
{
  JsonNode *node = json_object_get_member (object, key);
  g_assert_nonnull (node);
  return JSON_NODE_HOLDS_NULL (node) ? NAN : json_node_get_double (node);
}

static void
assert_same (double chart, double json)
{
  if (isnan (json))
    g_assert_true (isnan (chart));
  else
    g_assert_cmpfloat_with_epsilon (chart, json, 1e-9);
}

static void
test_series_are_the_engines (Fixture *f, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  g_autoptr (GError) error = NULL;

  run_jindu (&run, "indicators", "--db", f->path, "--from", "2016", "--to", "2025", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  JsonArray *years = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (years), ==, 10);

  g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
  g_assert_no_error (error);
  g_autoptr (JdIndicators) indicators = jd_indicators_compute (ledger, 2016, 2025, 0, &error);
  g_assert_no_error (error);

  struct
  {
    JdChartKind kind;
    const char *keys[2];
  } lines[] = {
    { JD_CHART_RELAPSE, { "relapse_rate" } },
    { JD_CHART_COVERAGE, { "coverage" } },
    { JD_CHART_NEW_USERS, { "new_per_10k" } },
    { JD_CHART_URINE, { "urine_test_rate", "help_rate" } },
  };
  for (guint c = 0; c < G_N_ELEMENTS (lines); c++)
    {
      g_autoptr (JdChart) chart = jd_chart_new (lines[c].kind, indicators, ledger);
      g_assert_cmpuint (jd_chart_get_n_points (chart), ==, 10);
      g_assert_cmpstr (jd_chart_get_category (chart, 0), ==, "2016");
      for (guint s = 0; s < jd_chart_get_n_series (chart); s++)
        for (guint i = 0; i < 10; i++)
          assert_same (jd_chart_get_value (chart, s, i),
                       json_number (json_array_get_object_element (years, i), lines[c].keys[s]));
    }

  /* The reference lines: the coverage target (60 % by default), 0.5 per 10,000, 100 %. */
  g_autoptr (JdChart) coverage = jd_chart_new (JD_CHART_COVERAGE, indicators, ledger);
  g_assert_cmpfloat_with_epsilon (jd_chart_get_reference (coverage), 0.6, 1e-9);
  g_autoptr (JdChart) new_users = jd_chart_new (JD_CHART_NEW_USERS, indicators, ledger);
  g_assert_cmpfloat_with_epsilon (jd_chart_get_reference (new_users), 0.5, 1e-9);
  g_assert_false (jd_chart_is_percent (new_users));

  /* The status composition: the last year's non-zero status_counts, in order. */
  g_autoptr (JdChart) status = jd_chart_new (JD_CHART_STATUS, indicators, ledger);
  JsonObject *counts
      = json_object_get_object_member (json_array_get_object_element (years, 9), "status_counts");
  guint point = 0;
  for (guint s = 0; s < JD_N_STATUSES; s++)
    {
      gint64 count = json_object_get_int_member (counts, jd_status_key (s));
      if (count == 0)
        continue;
      g_assert_cmpfloat (jd_chart_get_value (status, 0, point), ==, count);
      point++;
    }
  g_assert_cmpuint (jd_chart_get_n_points (status), ==, point);

  /* What a screen reader hears of a point: the year and the value. */
  g_autofree char *said = jd_chart_describe_point (coverage, 9);
  g_autofree char *expected = g_strdup_printf (
      "2025: %.1f%%", json_number (json_array_get_object_element (years, 9), "coverage") * 100);
  g_assert_cmpstr (said, ==, expected);
}

/* How many pixels of a PNG are not white. */
static guint
count_ink (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  guint ink = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if ((*(const guint32 *)(data + y * stride + x * 4) & 0xffffff) != 0xffffff)
        ink++;
  return ink;
}

static void
test_files (Fixture *f, gconstpointer data)
{
  static const int sizes[][2] = { { 640, 360 }, { 1920, 1080 }, { 300, 300 } };
  static const char *const charts[] = { "relapse", "coverage", "new-users", "urine", "status" };

  for (guint c = 0; c < G_N_ELEMENTS (charts); c++)
    for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
      {
        g_autofree char *width = g_strdup_printf ("%d", sizes[z][0]);
        g_autofree char *height = g_strdup_printf ("%d", sizes[z][1]);
        g_autofree char *png = g_strdup_printf ("%s/%s-%s.png", f->dir, charts[c], width);
        g_autofree char *svg = g_strdup_printf ("%s/%s-%s.svg", f->dir, charts[c], width);
        g_autofree char *pdf = g_strdup_printf ("%s/%s-%s.pdf", f->dir, charts[c], width);
        const char *outs[] = { png, svg, pdf };
        for (guint o = 0; o < G_N_ELEMENTS (outs); o++)
          {
            g_auto (Run) run = { 0 };
            run_jindu (&run, "chart", "--db", f->path, "--chart", charts[c], "--from", "2016",
                       "--to", "2025", "--out", outs[o], "--width", width, "--height", height,
                       NULL);
            g_assert_cmpstr (run.err, ==, "");
            g_assert_cmpint (run.status, ==, 0);
          }

        cairo_surface_t *image = cairo_image_surface_create_from_png (png);
        g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
        g_assert_cmpint (cairo_image_surface_get_width (image), ==, sizes[z][0]);
        g_assert_cmpint (cairo_image_surface_get_height (image), ==, sizes[z][1]);
        /* Title, axes and data: well over 2 % of the pixels inked, not all of them. */
        guint ink = count_ink (image), all = sizes[z][0] * sizes[z][1];
        g_assert_cmpuint (ink, >, all / 50);
        g_assert_cmpuint (ink, <, all / 2);
        cairo_surface_destroy (image);

        g_autofree char *svg_text = NULL, *pdf_text = NULL;
        gsize pdf_length = 0;
        g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
        g_assert_nonnull (strstr (svg_text, "<svg"));
        g_autofree char *svg_size = g_strdup_printf ("width=\"%s\"", width);
        g_assert_nonnull (strstr (svg_text, svg_size));
        g_assert_true (g_file_get_contents (pdf, &pdf_text, &pdf_length, NULL));
        g_assert_true (g_str_has_prefix (pdf_text, "%PDF-"));
        g_assert_cmpuint (pdf_length, >, 8);
        g_assert_nonnull (g_strstr_len (pdf_text + pdf_length - 8, 8, "%%EOF"));
      }
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->dir, "chart.gif", NULL);
  g_autofree char *png = g_build_filename (f->dir, "chart.png", NULL);
  g_auto (Run) format = { 0 }, size = { 0 }, kind = { 0 }, range = { 0 };

  run_jindu (&format, "chart", "--db", f->path, "--chart", "coverage", "--from", "2016", "--to",
             "2025", "--out", out, NULL);
  g_assert_cmpint (format.status, ==, 2);
  g_assert_nonnull (strstr (format.err, ".png, .svg or .pdf"));

  run_jindu (&size, "chart", "--db", f->path, "--chart", "coverage", "--from", "2016", "--to",
             "2025", "--out", png, "--width", "20", NULL);
  g_assert_cmpint (size.status, ==, 2);

  run_jindu (&kind, "chart", "--db", f->path, "--chart", "pie", "--from", "2016", "--to", "2025",
             "--out", png, NULL);
  g_assert_cmpint (kind.status, ==, 1);
  g_assert_nonnull (strstr (kind.err, "relapse, coverage, new-users, urine, status"));

  run_jindu (&range, "chart", "--db", f->path, "--chart", "coverage", "--from", "2025", "--to",
             "2016", "--out", png, NULL);
  g_assert_cmpint (range.status, ==, 1);

  /* Nothing was written, not even a part. */
  g_autofree char *partial = g_strconcat (png, ".part", NULL);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/nice-step", test_nice_step);
  g_test_add ("/chart/series-are-the-engines", Fixture, NULL, fixture_set_up,
              test_series_are_the_engines, jd_test_fixture_tear_down);
  g_test_add ("/chart/files", Fixture, NULL, fixture_set_up, test_files, jd_test_fixture_tear_down);
  g_test_add ("/chart/refused", Fixture, NULL, fixture_set_up, test_refused,
              jd_test_fixture_tear_down);
  return g_test_run ();
}
