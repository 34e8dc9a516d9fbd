/* jd-cmd-check.c: jindu check --db FILE [--all] (docs/contract.md §5)
 *
 * The integrity check and the data-quality report (jd-check.h) on stdout:
 *
 *   integrity: ok
 *   Invalid ID numbers: 1
 *     110105194912310021 张三: The check digit is wrong: …
 *   Persons with no status: 0
 *   …
 *   14 findings (warnings: the file itself is sound)
 *
 * An admin tool: ID numbers are printed in full. Exit 0 when the file is
 * sound, findings or not; 2 when the audit log was changed from outside the
 * program (docs/audit-log.md); 3 when it is damaged or cannot be opened, or when
 * users other than its owner may read it (one line on stderr with the fix).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jd-check.h"
#include "jd-cli.h"
#include "jd-output.h"

/* Findings listed for each category without --all. */
#define EXAMPLES 10

static void
print_category (const JdCheckReport *report, JdCheckCategory category)
{
  guint shown = 0;

  g_print ("%s: %u\n", jd_check_category_label (category), report->counts[category]);
  for (guint i = 0; i < report->findings->len; i++)
    {
      const JdCheckFinding *finding = g_ptr_array_index (report->findings, i);
      if (finding->category != category)
        continue;
      if (finding->id_number)
        g_print ("  %s %s: %s\n", finding->id_number, finding->name ? finding->name : "",
                 finding->message);
      else
        g_print ("  %s\n", finding->message);
      shown++;
    }
  if (shown < report->counts[category])
    {
      guint more = report->counts[category] - shown;
      g_print (ngettext ("  … and %u more (--all lists every one)\n",
                         "  … and %u more (--all lists every one)\n", more),
               more);
    }
}

static int
print_report (JdLedger *ledger, const JdCheckReport *report)
{
  if (!jd_check_report_is_sound (report))
    {
      guint n = report->integrity->len;
      g_print (ngettext ("integrity: %u problem\n", "integrity: %u problems\n", n), n);
      for (guint i = 0; i < n; i++)
        g_print ("  %s\n", (const char *)g_ptr_array_index (report->integrity, i));
      g_print ("%s\n", _ ("Data quality: not checked, the file is damaged"));
      g_printerr (ngettext ("jindu: %s is damaged: the integrity check found %u problem. "
                            "Restore it from a backup.\n",
                            "jindu: %s is damaged: the integrity check found %u problems. "
                            "Restore it from a backup.\n",
                            n),
                  jd_ledger_get_path (ledger), n);
      return JD_EXIT_FILE;
    }

  g_print ("%s\n", _ ("integrity: ok"));
  for (JdCheckCategory c = 0; c < JD_N_CHECK_CATEGORIES; c++)
    print_category (report, c);

  guint n = jd_check_report_n_findings (report);
  guint audit = jd_check_report_n_audit_findings (report);
  if (n == 0)
    g_print ("%s\n", _ ("No findings: the data is consistent"));
  else if (audit == 0)
    g_print (ngettext ("%u finding (warnings: the file itself is sound)\n",
                       "%u findings (warnings: the file itself is sound)\n", n),
             n);
  if (audit > 0)
    {
      g_printerr (ngettext ("jindu: the audit log of %s does not match what Jindu Ledger wrote "
                            "(%u finding above): it was changed from outside the program\n",
                            "jindu: the audit log of %s does not match what Jindu Ledger wrote "
                            "(%u findings above): it was changed from outside the program\n",
                            audit),
                  jd_ledger_get_path (ledger), audit);
      return JD_EXIT_INVALID;
    }
  return JD_EXIT_OK;
}

int
jd_cmd_check (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  gboolean all = FALSE;
  const GOptionEntry entries[]
      = { { "all", 0, 0, G_OPTION_ARG_NONE, &all,
            N_ ("List every finding, not only the first ten of each kind"), NULL },
          { NULL } };
  g_autoptr (GOptionContext) context = jd_cli_context (
      "check", NULL, _ ("Check the ledger file and report doubtful data."), entries, &common);
  g_option_context_set_description (
      context, _ ("The integrity check reads every page of the file. The data-quality report "
                  "then lists invalid ID numbers, persons managed by a retired village, persons "
                  "with no status, overlapping or several open status periods, follow-ups "
                  "outside every community measure and references to missing rows.\n\n"
                  "The audit check verifies the audit log against the seals Jindu Ledger wrote "
                  "at each save: an entry removed, changed or written by another program, and "
                  "an audit trigger dropped or altered, are named. It shows that the log was "
                  "rewritten without the program; someone with the database file and the "
                  "published method could rewrite the seals too.\n\n"
                  "Exit status: 0 when the file is sound, even when findings are listed (they "
                  "are warnings); 1 on bad usage; 2 when the audit log does not match its seals "
                  "or its triggers; 3 when the file is damaged or cannot be opened, or when users "
                  "other than its owner can read it."));
  int rc = jd_cli_parse_options (context, &common, &argc, &argv);
  if (rc == JD_EXIT_OK)
    {
      GError *error = NULL;
      g_autoptr (JdLedger) ledger = jd_cli_open_ledger (&common, &error);
      g_autoptr (JdCheckReport) report
          = ledger ? jd_check_run (ledger, all ? 0 : EXAMPLES, NULL, &error) : NULL;
      rc = report ? print_report (ledger, report) : jd_cli_fail (error);
      /* A sound file that others can read: still one line (a damaged one has its own). */
      guint mode = 0;
      if (rc == JD_EXIT_OK && jd_output_ledger_is_shared (jd_ledger_get_path (ledger), &mode))
        {
          /* TRANSLATORS: the ledger, its permissions in octal (644), the ledger again. */
          g_printerr (_ ("jindu: %s can be read by other users (permissions %03o): run chmod 600 "
                         "%s\n"),
                      jd_ledger_get_path (ledger), mode, jd_ledger_get_path (ledger));
          rc = JD_EXIT_FILE;
        }
    }
  jd_cli_common_clear (&common);
  return rc;
}
