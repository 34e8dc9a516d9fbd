/* jd-cmd-import.c: jindu import --db FILE KIND FILE.csv|.xlsx|.xls [--sheet NAME]
 * [--header-row N] [--map HEADING=KEY,…] (docs/contract.md §5, §6)
 *
 * A bad file prints every problem on stderr as FILE:LINE: column: reason (in
 * a workbook FILE:SHEET!B7: column: reason) and exits 2 with nothing written;
 * the summary goes to stdout.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jd-cli.h"
#include "jd-error.h"
#include "jd-import.h"

/* Every kind with its columns, for --help. */
static char *
describe_kinds (void)
{
  GString *out = g_string_new (_ ("Kinds and their columns (key or Chinese label; * required):"));
  for (int kind = 0; kind < JD_IMPORT_N_KINDS; kind++)
    {
      g_autofree char *columns = jd_import_describe_columns (kind);
      g_string_append_printf (out, "\n  %s: %s", jd_import_kind_to_string (kind), columns);
    }
  return g_string_free (out, FALSE);
}

static int
run_import (JdCliCommon *common,
            JdImportKind kind,
            const char *path,
            const JdImportOptions *options)
{
  GError *error = NULL;
  g_autoptr (JdLedger) ledger = jd_cli_open_ledger (common, &error);
  if (ledger == NULL)
    return jd_cli_fail (error);

  g_auto (JdImportReport) report = { 0 };
  JdCliProgress progress = { _ ("Importing…"), FALSE };
  if (!jd_import_file_with_options (ledger, kind, path, options, &report,
                                    jd_cli_progress_wanted () ? jd_cli_print_progress : NULL,
                                    &progress, NULL, &error))
    {
      if (progress.shown)
        g_printerr ("\n");
      if (!g_error_matches (error, JD_ERROR, JD_ERROR_INVALID) || report.problems->len == 0)
        return jd_cli_fail (error);
      for (guint i = 0; i < report.problems->len; i++)
        {
          g_autofree char *line = jd_import_problem_format (report.problems->pdata[i], path);
          g_printerr ("%s\n", line);
        }
      g_autofree char *unlisted = jd_import_report_format_unlisted (&report, path);
      if (unlisted)
        g_printerr ("%s\n", unlisted);
      g_error_free (error);
      return JD_EXIT_INVALID;
    }

  /* TRANSLATORS: the kind of file, then how many rows it added, updated and left alone. */
  if (report.sheet)
    /* TRANSLATORS: the kind, the sheet, then how many rows it added, updated and left alone. */
    g_print (_ ("%s (sheet %s): %u added, %u updated, %u unchanged\n"),
             jd_import_kind_to_string (kind), report.sheet, report.added, report.updated,
             report.unchanged);
  else
    g_print (_ ("%s: %u added, %u updated, %u unchanged\n"), jd_import_kind_to_string (kind),
             report.added, report.updated, report.unchanged);
  return JD_EXIT_OK;
}

int
jd_cmd_import (int argc, char **argv)
{
  /* KIND transfer: a signed package of a person from another township (jd-cmd-transfer.c). */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "transfer") && (i == 1 || argv[i - 1][0] != '-'))
      return jd_cmd_import_transfer (argc, argv);
  JdCliCommon common = { 0 };
  g_autofree char *sheet = NULL;
  g_autofree char *map = NULL;
  int header_row = 0;
  const GOptionEntry entries[] = {
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet,
      N_ ("The sheet of a workbook to import (the first if not given)"), N_ ("NAME") },
    { "header-row", 0, 0, G_OPTION_ARG_INT, &header_row,
      N_ ("The row that names the columns (found by its known columns if not given)"), N_ ("N") },
    { "map", 0, 0, G_OPTION_ARG_STRING, &map,
      N_ ("Read these headings as these columns, separated by commas"), N_ ("HEADING=KEY,…") },
    { NULL },
  };
  g_autofree char *kinds = jd_import_kind_list ();
  g_autofree char *description = describe_kinds ();
  g_autoptr (GOptionContext) context = jd_cli_context (
      "import", _ ("KIND FILE.csv|.xlsx|.xls"),
      _ ("Import one CSV file (UTF-8 or GB18030) or one sheet of an Excel or WPS workbook "
         "(.xlsx, .xls) into the ledger, whole or not at all."),
      entries, &common);
  g_option_context_set_description (context, description);

  int rc = jd_cli_parse (context, &common, &argc, &argv);
  JdImportKind kind = JD_IMPORT_INVALID;
  if (rc == JD_EXIT_OK && argc < 3)
    rc = jd_cli_usage (context, _ ("import needs a KIND (%s) and a FILE.csv, .xlsx or .xls"),
                       kinds);
  else if (rc == JD_EXIT_OK && (header_row < 0 || header_row > 1048576))
    rc = jd_cli_usage (context, _ ("--header-row must be a row number from 1 to 1048576"));
  else if (rc == JD_EXIT_OK && argc > 3)
    rc = jd_cli_usage (context, _ ("unexpected argument “%s”"), argv[3]);
  if (rc == JD_EXIT_OK && (kind = jd_import_kind_from_string (argv[1])) == JD_IMPORT_INVALID)
    rc = jd_cli_usage (context, _ ("“%s” is not a kind of file; the kinds are %s"), argv[1], kinds);
  g_auto (GStrv) pairs = map ? g_strsplit (map, ",", -1) : NULL;
  JdImportOptions options = { sheet, (guint)MAX (header_row, 0), pairs };
  if (rc == JD_EXIT_OK)
    rc = run_import (&common, kind, argv[2], &options);
  jd_cli_common_clear (&common);
  return rc;
}
