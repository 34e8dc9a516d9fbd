/* jd-cmd-indicators.c: jindu indicators --db FILE (--year Y | --from A --to B)
 *                      [--as-of DATE] [--json] (docs/contract.md §4, §5)
 *
 * The township's indicators for a year or a range of years. With --json one
 * object (--year) or an array of them, one per year (--from/--to), whose keys
 * are exactly those of §4 plus "year" and "as_of"; ratios are numbers or null.
 * Without, a table with a row per indicator and a column per year.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>

#include "jd-cli.h"
#include "jd-county.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-indicators.h"

#define MAX_YEARS 100

/* ---- JSON ----------------------------------------------------------------------- */

static void
add_number (JsonBuilder *builder, double value)
{
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_year (JsonBuilder *builder, const JdIndicatorValues *values)
{
  char as_of[JD_DAY_STRLEN];
  jd_day_format (values->as_of, as_of);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, values->year);
  json_builder_set_member_name (builder, "as_of");
  json_builder_add_string_value (builder, as_of);

  guint n_infos = 0;
  const JdIndicatorInfo *infos = jd_indicator_infos (&n_infos);
  for (guint k = 0; k < n_infos; k++)
    {
      const JdIndicatorInfo *info = &infos[k];
      json_builder_set_member_name (builder, info->key);
      switch (info->kind)
        {
          case JD_INDICATOR_COUNT:
            json_builder_add_int_value (builder, jd_indicator_values_count (values, info));
            break;
          case JD_INDICATOR_RATIO:
          case JD_INDICATOR_PER_10K:
            add_number (builder, jd_indicator_values_ratio (values, info));
            break;
          case JD_INDICATOR_STATUS_COUNTS:
            json_builder_begin_object (builder);
            for (guint s = 0; s < JD_N_STATUSES; s++)
              {
                json_builder_set_member_name (builder, jd_status_key (s));
                json_builder_add_int_value (builder, values->status_counts[s]);
              }
            json_builder_end_object (builder);
            break;
          case JD_INDICATOR_AWARENESS:
            json_builder_begin_object (builder);
            for (guint g = 0; g < JD_N_SURVEY_GROUPS; g++)
              {
                json_builder_set_member_name (builder, jd_survey_group_key (g));
                json_builder_begin_object (builder);
                json_builder_set_member_name (builder, "sampled");
                json_builder_add_int_value (builder, values->awareness_sampled[g]);
                json_builder_set_member_name (builder, "aware");
                json_builder_add_int_value (builder, values->awareness_aware[g]);
                json_builder_set_member_name (builder, "rate");
                add_number (builder, values->awareness_rate[g]);
                json_builder_end_object (builder);
              }
            json_builder_end_object (builder);
            break;
          default:
            g_assert_not_reached ();
        }
    }
  json_builder_end_object (builder);
}

static void
print_json (JdIndicators *indicators, gboolean range)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  if (range)
    json_builder_begin_array (builder);
  for (guint i = 0; i < jd_indicators_get_n_years (indicators); i++)
    add_year (builder, jd_indicators_get_township (indicators, i));
  if (range)
    json_builder_end_array (builder);

  jd_cli_print_json (builder);
}

/* ---- the table ------------------------------------------------------------------- */

static char *
format_value (const JdIndicatorValues *values, const JdIndicatorInfo *info)
{
  double value;
  switch (info->kind)
    {
      case JD_INDICATOR_COUNT:
        return g_strdup_printf ("%" G_GINT64_FORMAT, jd_indicator_values_count (values, info));
      case JD_INDICATOR_RATIO:
        value = jd_indicator_values_ratio (values, info);
        return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.1f%%", value * 100);
      case JD_INDICATOR_PER_10K:
        value = jd_indicator_values_ratio (values, info);
        return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.2f", value);
      default:
        return g_strdup ("");
    }
}

/* A row of empty cells, under a heading. */
static GPtrArray *
empty_cells (guint n_years)
{
  GPtrArray *none = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_years; i++)
    g_ptr_array_add (none, g_strdup (""));
  return none;
}

/* Rows of cells: the label, then one value per year. */
static void
add_row (GPtrArray *rows, char *label, GPtrArray *cells)
{
  g_ptr_array_insert (cells, 0, label);
  g_ptr_array_add (rows, g_ptr_array_ref (cells));
}

static void
print_table (JdIndicators *indicators)
{
  guint n_years = jd_indicators_get_n_years (indicators);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);

  g_autoptr (GPtrArray) years = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_years; i++)
    {
      const JdIndicatorValues *values = jd_indicators_get_township (indicators, i);
      g_ptr_array_add (years, g_strdup_printf ("%d", values->year));
      g_ptr_array_add (dates, jd_day_to_string (values->as_of));
    }
  add_row (rows, g_strdup (_ ("Year")), years);
  add_row (rows, g_strdup (_ ("As of")), dates);

  guint n_infos = 0;
  const JdIndicatorInfo *infos = jd_indicator_infos (&n_infos);
  for (guint k = 0; k < n_infos; k++)
    {
      const JdIndicatorInfo *info = &infos[k];
      if (info->kind == JD_INDICATOR_AWARENESS)
        {
          g_autoptr (GPtrArray) heading = empty_cells (n_years);
          add_row (rows, g_strdup_printf ("%s:", _ (info->label)), heading);
          for (guint g = 0; g < JD_N_SURVEY_GROUPS; g++)
            {
              g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
              for (guint i = 0; i < n_years; i++)
                {
                  const JdIndicatorValues *v = jd_indicators_get_township (indicators, i);
                  double rate = v->awareness_rate[g];
                  g_ptr_array_add (cells, isnan (rate)
                                              ? g_strdup ("—")
                                              : g_strdup_printf ("%.1f%% (%" G_GINT64_FORMAT
                                                                 "/%" G_GINT64_FORMAT ")",
                                                                 rate * 100, v->awareness_aware[g],
                                                                 v->awareness_sampled[g]));
                }
              add_row (rows,
                       g_strdup_printf (
                           "  %s", jd_enum_label (JD_ENUM_SURVEY_GROUP, jd_survey_group_key (g))),
                       cells);
            }
          continue;
        }
      if (info->kind != JD_INDICATOR_STATUS_COUNTS)
        {
          g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
          for (guint i = 0; i < n_years; i++)
            g_ptr_array_add (cells,
                             format_value (jd_indicators_get_township (indicators, i), info));
          add_row (rows, g_strdup (_ (info->label)), cells);
          continue;
        }
      g_autoptr (GPtrArray) none = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < n_years; i++)
        g_ptr_array_add (none, g_strdup (""));
      add_row (rows, g_strdup_printf ("%s:", _ (info->label)), none);
      for (guint s = 0; s < JD_N_STATUSES; s++)
        {
          g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
          for (guint i = 0; i < n_years; i++)
            g_ptr_array_add (
                cells,
                g_strdup_printf ("%" G_GINT64_FORMAT,
                                 jd_indicators_get_township (indicators, i)->status_counts[s]));
          add_row (rows,
                   g_strdup_printf ("  %s", jd_enum_label (JD_ENUM_STATUS, jd_status_key (s))),
                   cells);
        }
    }

  /* Column widths, then the lines: labels left, numbers right. */
  g_autofree int *widths = g_new0 (int, n_years + 1);
  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *cells = g_ptr_array_index (rows, r);
      for (guint c = 0; c < cells->len; c++)
        widths[c] = MAX (widths[c], jd_cli_display_width (g_ptr_array_index (cells, c)));
    }
  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *cells = g_ptr_array_index (rows, r);
      g_autoptr (GString) line = g_string_new (NULL);
      for (guint c = 0; c < cells->len; c++)
        {
          if (c > 0)
            g_string_append (line, "  ");
          jd_cli_append_padded (line, g_ptr_array_index (cells, c), widths[c], c > 0);
        }
      g_print ("%s\n", g_strchomp (line->str));
    }
}

/* ---- the command ------------------------------------------------------------------- */

int
jd_cmd_indicators (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  g_autofree char *year_text = NULL, *from_text = NULL, *to_text = NULL, *as_of_text = NULL;
  g_autofree char *township = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[]
      = { { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_ ("The year"), N_ ("YEAR") },
          { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_ ("The first year of a range"),
            N_ ("YEAR") },
          { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_ ("The last year of a range"),
            N_ ("YEAR") },
          { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
            N_ ("Count up to DATE in the (last) year instead of its end"), N_ ("DATE") },
          { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Write JSON"), NULL },
          { "township", 0, 0, G_OPTION_ARG_STRING, &township,
            N_ ("On a county ledger, that township’s only"), N_ ("NAME") },
          { NULL } };
  g_autoptr (GOptionContext) context = jd_cli_context (
      "indicators", NULL, _ ("The indicators of a year or of a range of years."), entries, &common);
  int rc = jd_cli_parse_options (context, &common, &argc, &argv);
  int first = 0, last = 0;
  JdDay as_of = 0;

  if (rc == JD_EXIT_OK && year_text && (from_text || to_text))
    rc = jd_cli_usage (context, _ ("give either --year or --from and --to, not both"));
  if (rc == JD_EXIT_OK && !year_text && !(from_text && to_text))
    rc = jd_cli_usage (context, _ ("indicators needs --year YEAR, or --from YEAR and --to YEAR"));
  if (rc == JD_EXIT_OK && year_text)
    {
      rc = jd_cli_parse_year (context, "year", year_text, &first);
      last = first;
    }
  if (rc == JD_EXIT_OK && from_text)
    rc = jd_cli_parse_year (context, "from", from_text, &first);
  if (rc == JD_EXIT_OK && to_text)
    rc = jd_cli_parse_year (context, "to", to_text, &last);
  if (rc == JD_EXIT_OK && last < first)
    rc = jd_cli_usage (context, _ ("--to %d comes before --from %d"), last, first);
  if (rc == JD_EXIT_OK && last - first >= MAX_YEARS)
    rc = jd_cli_usage (context, _ ("a range covers at most %d years"), MAX_YEARS);
  if (rc == JD_EXIT_OK && as_of_text)
    {
      as_of = jd_day_parse (as_of_text);
      if (as_of == 0)
        rc = jd_cli_usage (context, _ ("--as-of: “%s” is not a date (use 2024-03-05)"), as_of_text);
      else if (jd_day_year (as_of) != last)
        rc = jd_cli_usage (context, _ ("--as-of: %s is not in the year %d"), as_of_text, last);
    }

  if (rc == JD_EXIT_OK)
    {
      GError *error = NULL;
      g_autoptr (JdCounty) county = jd_cli_open_county (&common, township, &error);
      g_autoptr (JdLedger) ledger = county || error ? NULL : jd_cli_open_ledger (&common, &error);
      g_autoptr (JdIndicators) indicators
          = county   ? jd_county_indicators (county, township, first, last, as_of, NULL, NULL, NULL,
                                             &error)
            : ledger ? jd_indicators_compute (ledger, first, last, as_of, &error)
                     : NULL;
      if (indicators == NULL)
        rc = jd_cli_fail (error);
      else if (json)
        print_json (indicators, year_text == NULL);
      else
        print_table (indicators);
    }
  jd_cli_common_clear (&common);
  return rc;
}
