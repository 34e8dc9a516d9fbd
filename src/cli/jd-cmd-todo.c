/* jd-cmd-todo.c: jindu todo --db FILE [--json] (docs/contract.md §4 "Work due", §5)
 *
 * The work due today, most overdue first: with --json an array of
 * {"id_number", "name", "village", "kind", "due_on", "overdue_days"} (null
 * id_number and name for a village's own items: title review, letters,
 * publicity); without,
 * a table for people, grouped by kind with the counts of each group. The
 * intervals are the preferences the window uses (GSettings), or the defaults
 * of docs/contract.md §4 when the settings schema is not installed.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "jd-cli.h"
#include "jd-date.h"
#include "jd-work-due.h"

/* The window's preferences, when this program's schema can be found. */
static void
load_preferences (JdWorkDueOptions *options)
{
  static const char *const keys[] = { "talk-interval-months", "urine-interval-months",
                                      "visit-interval-months", "urine-schedule" };
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  if (source == NULL)
    return;
  g_autoptr (GSettingsSchema) schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!g_settings_schema_has_key (schema, keys[i]))
      return;
  g_autoptr (GSettings) settings = g_settings_new_full (schema, NULL, NULL);
  jd_work_due_options_load (options, settings);
}

static void
print_json (GPtrArray *items, GPtrArray *townships)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      const JdWorkItem *item = g_ptr_array_index (items, i);
      char due_on[JD_DAY_STRLEN];
      jd_day_format (item->due_on, due_on);
      json_builder_begin_object (builder);
      if (townships)
        {
          json_builder_set_member_name (builder, "township");
          json_builder_add_string_value (builder, g_ptr_array_index (townships, i));
        }
      /* A village item (title review, letters, publicity) has no person. */
      json_builder_set_member_name (builder, "id_number");
      if (item->id_number != NULL)
        json_builder_add_string_value (builder, item->id_number);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "name");
      if (item->name != NULL)
        json_builder_add_string_value (builder, item->name);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "village");
      json_builder_add_string_value (builder, item->village_code);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, jd_work_kind_key (item->kind));
      json_builder_set_member_name (builder, "due_on");
      json_builder_add_string_value (builder, due_on);
      json_builder_set_member_name (builder, "overdue_days");
      json_builder_add_int_value (builder, item->overdue_days);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  jd_cli_print_json (builder);
}

/* ---- the table ------------------------------------------------------------------ */

enum
{
  COL_DUE,
  COL_WHEN,
  COL_VILLAGE,
  COL_NAME,
  COL_ID_NUMBER,
  N_COLS
};

static char *
describe_when (int overdue_days)
{
  if (overdue_days > 0)
    return g_strdup_printf (ngettext ("%d day overdue", "%d days overdue", overdue_days),
                            overdue_days);
  if (overdue_days == 0)
    return g_strdup (_ ("due today"));
  return g_strdup_printf (ngettext ("due in %d day", "due in %d days", -overdue_days),
                          -overdue_days);
}

static GStrv
row_cells (const JdWorkItem *item, const char *township)
{
  GStrv cells = g_new0 (char *, N_COLS + 1);
  cells[COL_DUE] = jd_day_to_string (item->due_on);
  cells[COL_WHEN] = describe_when (item->overdue_days);
  cells[COL_VILLAGE]
      = township ? g_strdup_printf ("%s %s %s", township, item->village_code, item->village_name)
                 : g_strdup_printf ("%s %s", item->village_code, item->village_name);
  /* A village item leaves the person's columns empty. */
  cells[COL_NAME] = g_strdup (item->name ? item->name : "");
  cells[COL_ID_NUMBER] = g_strdup (item->id_number ? item->id_number : "");
  return cells;
}

static void
append_row (GString *out, char **cells, const int widths[N_COLS])
{
  g_string_append (out, "  ");
  for (int c = 0; c < N_COLS; c++)
    {
      if (c == N_COLS - 1)
        g_string_append (out, cells[c]);
      else
        {
          jd_cli_append_padded (out, cells[c], widths[c], FALSE);
          g_string_append (out, "  ");
        }
    }
  g_string_append_c (out, '\n');
}

static void
print_table (GPtrArray *items, GPtrArray *townships, JdDay today)
{
  char today_text[JD_DAY_STRLEN];
  jd_day_format (today, today_text);
  if (items->len == 0)
    {
      /* TRANSLATORS: the date is today's. */
      g_print (_ ("Nothing is due on %s.\n"), today_text);
      return;
    }

  const char *headers[N_COLS]
      = { _ ("Due on"), _ ("When"), _ ("Village"), _ ("Name"), _ ("ID number") };
  int widths[N_COLS];
  for (int c = 0; c < N_COLS; c++)
    widths[c] = jd_cli_display_width (headers[c]);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  for (guint i = 0; i < items->len; i++)
    {
      GStrv cells = row_cells (g_ptr_array_index (items, i),
                               townships ? g_ptr_array_index (townships, i) : NULL);
      for (int c = 0; c < N_COLS; c++)
        widths[c] = MAX (widths[c], jd_cli_display_width (cells[c]));
      g_ptr_array_add (rows, cells);
    }

  JdWorkCount counts[JD_N_WORK_KINDS];
  jd_work_due_tally (items, counts);
  guint overdue = 0, due_soon = 0;
  GString *out = g_string_new (NULL);
  /* TRANSLATORS: the date is today's. */
  g_string_append_printf (out, _ ("Work due on %s\n"), today_text);
  for (JdWorkKind kind = 0; kind < JD_N_WORK_KINDS; kind++)
    {
      if (counts[kind].overdue + counts[kind].due_soon == 0)
        continue;
      overdue += counts[kind].overdue;
      due_soon += counts[kind].due_soon;
      g_string_append_c (out, '\n');
      /* TRANSLATORS: a kind of work (Talk, Urine test…), then how many of it are overdue and
       * how many fall due within the next days. */
      g_string_append_printf (out, _ ("%s — overdue: %u, due soon: %u\n"),
                              jd_work_kind_label (kind), counts[kind].overdue,
                              counts[kind].due_soon);
      append_row (out, (char **)headers, widths);
      /* The items are in order already; each group keeps that order. */
      for (guint i = 0; i < items->len; i++)
        if (((const JdWorkItem *)g_ptr_array_index (items, i))->kind == kind)
          append_row (out, g_ptr_array_index (rows, i), widths);
    }
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _ ("In all — overdue: %u, due soon: %u\n"), overdue, due_soon);
  g_autofree char *text = g_string_free (out, FALSE);
  g_print ("%s", text);
}

/* ---- the command -------------------------------------------------------------------- */

static int
run_todo (JdCliCommon *common, const char *township, gboolean json)
{
  GError *error = NULL;
  g_autoptr (JdCounty) county = jd_cli_open_county (common, township, &error);
  g_autoptr (JdLedger) ledger = county || error ? NULL : jd_cli_open_ledger (common, &error);
  if (ledger == NULL && county == NULL)
    return jd_cli_fail (error);

  JdWorkDueOptions options;
  jd_work_due_options_init (&options);
  load_preferences (&options);
  options.today = jd_today ();

  g_autoptr (GPtrArray) townships = NULL;
  g_autoptr (GPtrArray) items
      = county ? jd_county_work_due (county, township, &options, &townships, NULL, &error)
               : jd_work_due_list (ledger, &options, &error);
  if (items == NULL)
    return jd_cli_fail (error);
  if (json)
    print_json (items, townships);
  else
    print_table (items, townships, options.today);
  return JD_EXIT_OK;
}

int
jd_cmd_todo (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  gboolean json = FALSE;
  g_autofree char *township = NULL;
  const GOptionEntry entries[] = { { "json", 0, 0, G_OPTION_ARG_NONE, &json,
                                     N_ ("Print a JSON array instead of a table"), NULL },
                                   { "township", 0, 0, G_OPTION_ARG_STRING, &township,
                                     N_ ("On a county ledger, that township’s only"), N_ ("NAME") },
                                   { NULL } };
  g_autoptr (GOptionContext) context = jd_cli_context (
      "todo", NULL,
      _ ("List the work that is overdue or falls due soon, most overdue first: the follow-up "
         "of the persons under community detox or community rehabilitation, and each "
         "village’s title review, responsibility letters and this month’s publicity."),
      entries, &common);
  int rc = jd_cli_parse_options (context, &common, &argc, &argv);
  if (rc == JD_EXIT_OK)
    rc = run_todo (&common, township, json);
  jd_cli_common_clear (&common);
  return rc;
}
