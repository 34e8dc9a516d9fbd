/* jd-cmd-imports.c: jindu imports --db FILE [--json] · jindu imports undo --db FILE N
 * (docs/contract.md §5, §6)
 *
 * The imports the ledger has had, newest first, one a line:
 *
 *   3  2026-12-06 10:30  alice  persons  人员.xlsx  2 added, 1 updated
 *   2  2026-12-06 10:12  alice  villages  villages.csv  3 added, 0 updated  (undone 2026-12-06
 * 10:20)
 *
 * or with --json an array of {"id", "file", "kind", "imported_at", "user",
 * "added", "updated", "undone_at"}. "undo N" undoes import N as a whole, or
 * refuses with exit 2 naming the later change that blocks it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "jd-cli.h"
#include "jd-import-history.h"

static void
add_string_or_null (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
print_json (GPtrArray *batches)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < batches->len; i++)
    {
      const JdImportBatch *b = g_ptr_array_index (batches, i);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, b->id);
      add_string_or_null (builder, "file", b->file);
      add_string_or_null (builder, "kind", b->kind);
      add_string_or_null (builder, "imported_at", b->imported_at);
      add_string_or_null (builder, "user", b->user);
      json_builder_set_member_name (builder, "added");
      json_builder_add_int_value (builder, b->added);
      json_builder_set_member_name (builder, "updated");
      json_builder_add_int_value (builder, b->updated);
      add_string_or_null (builder, "undone_at", b->undone_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  jd_cli_print_json (builder);
}

/* 2026-12-06T10:30:05 → 2026-12-06 10:30 */
static char *
minutes (const char *at)
{
  char *text = g_strndup (at ? at : "", 16);
  return g_strdelimit (text, "T", ' ');
}

static void
print_list (GPtrArray *batches)
{
  if (batches->len == 0)
    {
      g_print ("%s\n", _ ("No file has been imported into this ledger."));
      return;
    }
  for (guint i = 0; i < batches->len; i++)
    {
      const JdImportBatch *b = g_ptr_array_index (batches, i);
      g_autofree char *at = minutes (b->imported_at);
      /* TRANSLATORS: how many rows an import added and updated. */
      g_autofree char *counts = g_strdup_printf (_ ("%u added, %u updated"), b->added, b->updated);
      g_autofree char *undone = NULL;
      if (b->undone_at)
        {
          g_autofree char *when = minutes (b->undone_at);
          /* TRANSLATORS: when an import was undone. */
          undone = g_strdup_printf (_ ("(undone %s)"), when);
        }
      g_print ("%lld  %s  %s  %s  %s  %s%s%s\n", (long long)b->id, at, b->user ? b->user : "",
               b->kind, b->file, counts, undone ? "  " : "", undone ? undone : "");
    }
}

static int
imports_undo (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  g_autoptr (GOptionContext) context = jd_cli_context (
      "imports undo", _ ("N"),
      _ ("Undo import N as a whole (its rows added are deleted, its rows updated get their old "
         "values back), while nothing later has changed its rows."),
      NULL, &common);
  int rc = jd_cli_parse (context, &common, &argc, &argv);
  gint64 id = 0;
  if (rc == JD_EXIT_OK && argc < 2)
    rc = jd_cli_usage (context, _ ("imports undo needs the number N of an import (“jindu "
                                   "imports” lists them)"));
  else if (rc == JD_EXIT_OK && argc > 2)
    rc = jd_cli_usage (context, _ ("unexpected argument “%s”"), argv[2]);
  else if (rc == JD_EXIT_OK && !g_ascii_string_to_signed (argv[1], 10, 1, G_MAXINT64, &id, NULL))
    rc = jd_cli_usage (context, _ ("“%s” is not the number of an import"), argv[1]);
  if (rc == JD_EXIT_OK)
    {
      GError *error = NULL;
      g_autoptr (JdLedger) ledger = jd_cli_open_ledger (&common, &error);
      if (ledger == NULL || !jd_import_undo (ledger, id, &error))
        rc = jd_cli_fail (error);
      else
        g_print (_ ("Import %lld was undone.\n"), (long long)id);
    }
  jd_cli_common_clear (&common);
  return rc;
}

int
jd_cmd_imports (int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "undo"))
    {
      /* "imports undo" as the command's name in its own usage line. */
      argv[1] = argv[0];
      return imports_undo (argc - 1, argv + 1);
    }

  JdCliCommon common = { 0 };
  gboolean json = FALSE;
  const GOptionEntry entries[]
      = { { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Write JSON"), NULL }, { NULL } };
  g_autoptr (GOptionContext) context = jd_cli_context (
      "imports", NULL,
      _ ("List the imports of the ledger, newest first: file, kind, time, user, rows added and "
         "updated, and whether each was undone (“imports undo N” undoes one)."),
      entries, &common);
  int rc = jd_cli_parse_options (context, &common, &argc, &argv);
  if (rc == JD_EXIT_OK)
    {
      GError *error = NULL;
      g_autoptr (JdLedger) ledger = jd_cli_open_ledger (&common, &error);
      g_autoptr (GPtrArray) batches = ledger ? jd_import_history_list (ledger, &error) : NULL;
      if (batches == NULL)
        rc = jd_cli_fail (error);
      else if (json)
        print_json (batches);
      else
        print_list (batches);
    }
  jd_cli_common_clear (&common);
  return rc;
}
