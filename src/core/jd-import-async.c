/* jd-import-async.c: a file previewed and imported off the caller's thread
 * (docs/contract.md §6, §8)
 *
 * Two jobs of jd-job.c, each on a connection of its own opened and closed on
 * the worker thread. The preview finds the file's header and kind, matches the
 * headings and runs the import dry (jd-import-preview.c); the import runs it
 * for real (jd-import.c), and the caller's ledger, whose connection did not
 * write, announces the commit to the pages that follow it.
 */
#include "config.h"

#include "jd-import-async.h"

#include <glib/gi18n-lib.h>

#include "jd-error.h"
#include "jd-job.h"

/* A preview or an import: the file, how to read it, where the progress goes. */
typedef struct
{
  char *ledger_path;
  char *path;
  char *sheet;
  guint header_row;
  JdImportKind kind;
  char **assign;
  char **map;
  guint max_rows; /* the preview's */
  JdProgressFunc progress;
  gpointer progress_data;
} Job;

static Job *
job_new (JdLedger *ledger,
         const char *path,
         const char *sheet,
         guint header_row,
         JdImportKind kind,
         const char *const *assign,
         JdProgressFunc progress,
         gpointer progress_data)
{
  Job *job = g_new0 (Job, 1);
  /* Copied on the caller's thread: the worker never touches the caller's ledger. */
  job->ledger_path = g_strdup (jd_ledger_get_path (ledger));
  job->path = g_strdup (path);
  job->sheet = g_strdup (sheet);
  job->header_row = header_row;
  job->kind = kind;
  job->assign = g_strdupv ((char **)assign);
  job->progress = progress;
  job->progress_data = progress_data;
  return job;
}

/* On whichever thread lets the job go last. */
static void
job_free (gpointer data)
{
  Job *job = data;
  g_free (job->ledger_path);
  g_free (job->path);
  g_free (job->sheet);
  g_strfreev (job->assign);
  g_strfreev (job->map);
  g_free (job);
}

/* ---- the preview ---------------------------------------------------------------------- */

void
jd_import_plan_free (JdImportPlan *plan)
{
  if (plan == NULL)
    return;
  jd_import_sniff_clear (&plan->sniff);
  g_strfreev (plan->assign);
  g_clear_pointer (&plan->preview, jd_import_preview_free);
  g_free (plan);
}

static gpointer
preview_job (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;
  g_autoptr (JdImportPlan) plan = g_new0 (JdImportPlan, 1);

  if (!jd_import_sniff (job->path, job->sheet, job->header_row, &plan->sniff, error))
    return NULL;
  plan->kind = job->kind != JD_IMPORT_INVALID ? job->kind : plan->sniff.kind;
  if (plan->kind == JD_IMPORT_INVALID || plan->sniff.header_row == 0)
    return g_steal_pointer (&plan);
  if (job->assign && g_strv_length (job->assign) == g_strv_length (plan->sniff.header))
    plan->assign = g_strdupv (job->assign);
  else
    plan->assign = jd_import_match_header (plan->kind, plan->sniff.header);

  /* Read-write: the dry run writes in a transaction that it rolls back. */
  g_autoptr (JdLedger) ledger = jd_ledger_open (job->ledger_path, error);
  if (ledger == NULL)
    return NULL;
  JdImportOptions options = { .sheet = plan->sniff.sheet,
                              .header_row = plan->sniff.header_row,
                              .assign = (const char *const *)plan->assign };
  plan->preview = jd_import_preview (ledger, plan->kind, job->path, &options, job->max_rows,
                                     job->progress, job->progress_data, cancellable, error);
  return plan->preview ? g_steal_pointer (&plan) : NULL;
}

void
jd_import_preview_async (JdLedger *ledger,
                         const char *path,
                         const char *sheet,
                         guint header_row,
                         JdImportKind kind,
                         const char *const *assign,
                         guint max_rows,
                         JdProgressFunc progress,
                         gpointer progress_data,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  g_return_if_fail (JD_IS_LEDGER (ledger));
  g_return_if_fail (path != NULL);
  g_return_if_fail (kind >= JD_IMPORT_INVALID && kind < JD_IMPORT_N_KINDS);

  Job *job = job_new (ledger, path, sheet, header_row, kind, assign, progress, progress_data);
  job->max_rows = max_rows;
  jd_job_start (NULL, jd_import_preview_async, preview_job, job, job_free,
                (GDestroyNotify)jd_import_plan_free, JD_JOB_DEFAULT, cancellable, callback,
                user_data);
}

JdImportPlan *
jd_import_preview_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_import_preview_async, error);
}

/* ---- the import ----------------------------------------------------------------------- */

static void
report_free (gpointer data)
{
  jd_import_report_clear (data);
  g_free (data);
}

static gpointer
import_job (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;
  g_autoptr (JdLedger) ledger = jd_ledger_open (job->ledger_path, error);
  if (ledger == NULL)
    return NULL;
  JdImportOptions options = { .sheet = job->sheet,
                              .header_row = job->header_row,
                              .map = job->map,
                              .assign = (const char *const *)job->assign };
  JdImportReport *report = g_new0 (JdImportReport, 1);
  if (!jd_import_file_with_options (ledger, job->kind, job->path, &options, report, job->progress,
                                    job->progress_data, cancellable, error))
    {
      report_free (report);
      return NULL;
    }
  return report;
}

void
jd_import_file_async (JdLedger *ledger,
                      JdImportKind kind,
                      const char *path,
                      const JdImportOptions *options,
                      JdProgressFunc progress,
                      gpointer progress_data,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data)
{
  g_return_if_fail (JD_IS_LEDGER (ledger));
  g_return_if_fail (kind >= 0 && kind < JD_IMPORT_N_KINDS);
  g_return_if_fail (path != NULL);
  g_return_if_fail (options == NULL || (options->observer == NULL && !options->dry_run));

  Job *job
      = job_new (ledger, path, options ? options->sheet : NULL, options ? options->header_row : 0,
                 kind, options ? options->assign : NULL, progress, progress_data);
  job->map = options ? g_strdupv (options->map) : NULL;
  /* Committed, the import is reported, even when Cancel came too late. */
  jd_job_start_committing (ledger, JD_CHANGE_RECORDS, jd_import_file_async, import_job, job,
                           job_free, report_free, JD_JOB_REPORT_WHAT_RAN, cancellable, callback,
                           user_data);
}

gboolean
jd_import_file_finish (GAsyncResult *result, JdImportReport *report, GError **error)
{
  g_return_val_if_fail (report != NULL, FALSE);
  g_autoptr (GError) job_error = NULL;
  JdImportReport *done = jd_job_finish (result, jd_import_file_async, &job_error);
  if (done == NULL)
    {
      /* Cancelled before it began: said as a cancel during the run is. */
      if (g_error_matches (job_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error (error, JD_ERROR, JD_ERROR_CANCELLED,
                     _ ("The import was cancelled; nothing was imported"));
      else
        g_propagate_error (error, g_steal_pointer (&job_error));
      return FALSE;
    }
  jd_import_report_clear (report);
  *report = *done;
  g_free (done);
  return TRUE;
}
