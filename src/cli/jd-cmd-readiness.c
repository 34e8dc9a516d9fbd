/* jd-cmd-readiness.c: jindu readiness --db FILE --year Y [--as-of DATE] [--json]
 *                     (docs/contract.md §4 "Readiness against the ten standards", §5)
 *
 * Each village not retired on D against the ten standards. With --json an array
 * of {"code", "name", "standards": [{"no", "met", "evidence"}]}, met being true,
 * false or null (manual). Without, a table of villages × standards (✓ ✗ ?)
 * followed by the evidence of every standard not met.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "jd-cli.h"
#include "jd-date.h"
#include "jd-readiness.h"

static void
print_json (GPtrArray *villages, GPtrArray *townships)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint v = 0; v < villages->len; v++)
    {
      const JdVillageReadiness *r = g_ptr_array_index (villages, v);
      json_builder_begin_object (builder);
      if (townships)
        {
          json_builder_set_member_name (builder, "township");
          json_builder_add_string_value (builder, g_ptr_array_index (townships, v));
        }
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, r->code);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, r->name);
      json_builder_set_member_name (builder, "standards");
      json_builder_begin_array (builder);
      for (int k = 0; k < JD_N_STANDARDS; k++)
        {
          const JdStandardFinding *s = &r->standards[k];
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "no");
          json_builder_add_int_value (builder, s->no);
          json_builder_set_member_name (builder, "met");
          if (s->met == JD_FINDING_MANUAL)
            json_builder_add_null_value (builder);
          else
            json_builder_add_boolean_value (builder, s->met == JD_FINDING_MET);
          json_builder_set_member_name (builder, "evidence");
          json_builder_add_string_value (builder, s->evidence ? s->evidence : "");
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  jd_cli_print_json (builder);
}

static const char *
mark (JdFinding met)
{
  return met == JD_FINDING_MET ? "✓" : met == JD_FINDING_NOT_MET ? "✗" : "?";
}

static void
print_table (GPtrArray *villages, GPtrArray *townships, int year, JdDay as_of)
{
  int code_width = jd_cli_display_width (_ ("Code")),
      name_width = jd_cli_display_width (_ ("Village"));
  for (guint v = 0; v < villages->len; v++)
    {
      const JdVillageReadiness *r = g_ptr_array_index (villages, v);
      code_width = MAX (code_width, jd_cli_display_width (r->code));
      name_width = MAX (name_width, jd_cli_display_width (r->name));
    }

  g_autofree char *date = jd_day_to_string (as_of);
  g_print (_ ("Readiness against the ten standards, %d, as of %s\n"), year, date);
  g_autoptr (GString) line = g_string_new (NULL);
  jd_cli_append_padded (line, _ ("Code"), code_width, FALSE);
  g_string_append (line, "  ");
  jd_cli_append_padded (line, _ ("Village"), name_width, FALSE);
  for (int k = 1; k <= JD_N_STANDARDS; k++)
    g_string_append_printf (line, " %2d", k);
  g_print ("%s\n", line->str);
  for (guint v = 0; v < villages->len; v++)
    {
      const JdVillageReadiness *r = g_ptr_array_index (villages, v);
      if (townships && (v == 0 || g_strcmp0 (townships->pdata[v], townships->pdata[v - 1]) != 0))
        g_print ("%s\n", (const char *)townships->pdata[v]);
      g_string_truncate (line, 0);
      jd_cli_append_padded (line, r->code, code_width, FALSE);
      g_string_append (line, "  ");
      jd_cli_append_padded (line, r->name, name_width, FALSE);
      for (int k = 0; k < JD_N_STANDARDS; k++)
        g_string_append_printf (line, "  %s", mark (r->standards[k].met));
      g_print ("%s\n", line->str);
    }
  g_print ("%s\n", _ ("✓ met   ✗ not met   ? checked by staff"));

  for (int k = 1; k <= JD_N_STANDARDS; k++)
    g_print ("%2d  %s\n", k, jd_standard_title (k));

  gboolean heading = FALSE;
  for (guint v = 0; v < villages->len; v++)
    {
      const JdVillageReadiness *r = g_ptr_array_index (villages, v);
      for (int k = 0; k < JD_N_STANDARDS; k++)
        {
          const JdStandardFinding *s = &r->standards[k];
          if (s->met != JD_FINDING_NOT_MET)
            continue;
          if (!heading)
            g_print ("\n%s\n", _ ("Not met:"));
          heading = TRUE;
          g_print ("%s %s  %d. %s\n", r->code, r->name, s->no, s->evidence);
        }
    }
}

int
jd_cmd_readiness (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  g_autofree char *year_text = NULL, *as_of_text = NULL, *township = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[]
      = { { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_ ("The year"), N_ ("YEAR") },
          { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
            N_ ("Check up to DATE in the year instead of its end"), N_ ("DATE") },
          { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Write JSON"), NULL },
          { "township", 0, 0, G_OPTION_ARG_STRING, &township,
            N_ ("On a county ledger, that township’s only"), N_ ("NAME") },
          { NULL } };
  g_autoptr (GOptionContext) context = jd_cli_context (
      "readiness", NULL, _ ("Each village against the ten standards of a drug-free village."),
      entries, &common);
  int rc = jd_cli_parse_options (context, &common, &argc, &argv);
  int year = 0;
  JdDay as_of = 0;

  if (rc == JD_EXIT_OK && year_text == NULL)
    rc = jd_cli_usage (context, _ ("readiness needs --year YEAR"));
  if (rc == JD_EXIT_OK)
    rc = jd_cli_parse_year (context, "year", year_text, &year);
  if (rc == JD_EXIT_OK && as_of_text)
    {
      as_of = jd_day_parse (as_of_text);
      if (as_of == 0)
        rc = jd_cli_usage (context, _ ("--as-of: “%s” is not a date (use 2024-03-05)"), as_of_text);
      else if (jd_day_year (as_of) != year)
        rc = jd_cli_usage (context, _ ("--as-of: %s is not in the year %d"), as_of_text, year);
    }

  if (rc == JD_EXIT_OK)
    {
      GError *error = NULL;
      g_autoptr (GPtrArray) townships = NULL;
      g_autoptr (JdCounty) county = jd_cli_open_county (&common, township, &error);
      g_autoptr (JdLedger) ledger = county || error ? NULL : jd_cli_open_ledger (&common, &error);
      g_autoptr (GPtrArray) villages
          = county   ? jd_county_readiness (county, township, year, as_of, &townships, NULL, &error)
            : ledger ? jd_readiness_compute (ledger, year, as_of, 0, &error)
                     : NULL;
      if (villages == NULL)
        rc = jd_cli_fail (error);
      else if (json)
        print_json (villages, townships);
      else
        print_table (villages, townships, year, as_of ? as_of : jd_day_new (year, 12, 31));
    }
  jd_cli_common_clear (&common);
  return rc;
}
