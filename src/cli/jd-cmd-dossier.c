/* jd-cmd-dossier.c: jindu dossier --db FILE (--id ID | --village CODE | --all) --out FILE.pdf
 *                   [--mask] [--year Y] [--force] (docs/contract.md §5, §7b)
 *
 * Writes the help files (帮教档案) as one PDF, drawn by src/export/jd-dossier.c
 * (the window prints the same pages). The work runs in a GTask thread so that
 * Ctrl+C cancels it cleanly: no half-written file is left behind.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jd-cli.h"
#include "jd-dossier.h"
#include "jd-error.h"

typedef struct
{
  JdDossier *dossier;
  const char *path;
  JdOutputFlags flags;
} Job;

static gboolean
write_pdf (gpointer data,
           JdProgressFunc progress,
           gpointer progress_data,
           GCancellable *cancellable,
           GError **error)
{
  Job *job = data;
  return jd_dossier_write_pdf (job->dossier, job->path, job->flags, progress, progress_data,
                               cancellable, error)
         && jd_dossier_log_output (job->dossier, JD_OUTPUT_EXPORT, job->path, error);
}

static int
run (JdCliCommon *common, const JdDossierOptions *options, Job *job)
{
  GError *error = NULL;
  g_autoptr (JdLedger) ledger
      = jd_cli_open_for_output (common, job->path, (job->flags & JD_OUTPUT_FORCE) != 0, &error);
  if (ledger == NULL)
    return jd_cli_fail (error);
  g_autoptr (JdDossier) dossier = jd_dossier_new (ledger, options, &error);
  if (dossier == NULL)
    return jd_cli_fail (error);
  job->dossier = dossier;
  return jd_cli_write_in_thread (_ ("Writing the help files…"), write_pdf, job);
}

int
jd_cmd_dossier (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  g_autofree char *id = NULL, *village = NULL, *out = NULL, *year_text = NULL;
  gboolean all = FALSE, mask = FALSE, force = FALSE;
  const GOptionEntry entries[] = {
    { "id", 0, 0, G_OPTION_ARG_STRING, &id, N_ ("The help file of the person with this ID number"),
      N_ ("ID") },
    { "village", 0, 0, G_OPTION_ARG_STRING, &village,
      N_ ("The help files of the persons this village manages, by its code"), N_ ("CODE") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_ ("The help files of everyone under community detox or community rehabilitation today"),
      NULL },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_ ("The PDF file to write"), N_ ("FILE.pdf") },
    { "mask", 0, 0, G_OPTION_ARG_NONE, &mask,
      N_ ("Mask personal data: names 张*, ID numbers 110105********002X, phone numbers "
          "138****5678, no house numbers, no birth dates"),
      NULL },
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_ ("Only the follow-ups of this year"),
      N_ ("Y") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_ ("Replace FILE.pdf when it exists"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = jd_cli_context (
      "dossier", NULL,
      _ ("Write the help files (帮教档案) of one person, of a village’s persons or of everyone "
         "under community measures, as one A4 PDF."),
      entries, &common);
  g_option_context_set_description (
      context, _ ("The PDF is readable by its owner only (0600). An existing FILE.pdf is left "
                  "alone unless --force is given; the ledger itself, a device, a folder or a link "
                  "is never written. Every help file written is recorded in the audit log.\n\n"
                  "Exit status: 0 when the PDF is written; 1 on bad usage; 2 when the ID number "
                  "or village code names no one; 3 when the ledger cannot be read or the PDF "
                  "cannot be written."));

  int rc = jd_cli_parse_options (context, &common, &argc, &argv);
  int year = 0;
  if (rc == JD_EXIT_OK && (id != NULL) + (village != NULL) + (all != FALSE) != 1)
    rc = jd_cli_usage (context, _ ("dossier needs one of --id ID, --village CODE or --all"));
  if (rc == JD_EXIT_OK && out == NULL)
    rc = jd_cli_usage (context, _ ("dossier needs --out FILE.pdf"));
  if (rc == JD_EXIT_OK && !g_str_has_suffix (out, ".pdf") && !g_str_has_suffix (out, ".PDF"))
    rc = jd_cli_usage (context, _ ("--out: “%s” does not end in .pdf"), out);
  if (rc == JD_EXIT_OK && year_text)
    rc = jd_cli_parse_year (context, "year", year_text, &year);
  if (rc == JD_EXIT_OK)
    {
      JdDossierOptions options = {
        .scope = id        ? JD_DOSSIER_PERSON
                 : village ? JD_DOSSIER_VILLAGE
                           : JD_DOSSIER_ALL,
        .key = id ? id : village,
        .mask = mask,
        .year = year,
      };
      Job job = {
        .path = out,
        .flags = force ? JD_OUTPUT_FORCE : JD_OUTPUT_NONE,
      };
      rc = run (&common, &options, &job);
    }
  jd_cli_common_clear (&common);
  return rc;
}
