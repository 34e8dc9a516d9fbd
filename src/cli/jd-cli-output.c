/* jd-cli-output.c: what the commands that write one file share (see jd-cli.h): --out's checks,
 * the ledger opened only once the file may be written, and the writing in a thread with a
 * progress line that Ctrl+C cancels, leaving no half-written file (docs/contract.md §5)
 */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <signal.h>

#include "jd-cli.h"
#include "jd-job.h"
#include "jd-output.h"

void
jd_cli_print_progress (double fraction, gpointer data)
{
  JdCliProgress *progress = data;
  g_printerr ("\r%s %3d%%", progress->label, (int)(fraction * 100));
  progress->shown = fraction < 1.0;
  if (!progress->shown)
    g_printerr ("\n");
}

JdLedger *
jd_cli_open_for_output (JdCliCommon *common, const char *out, gboolean force, GError **error)
{
  /* The path first: a refused FILE costs no opening of the ledger. */
  g_autofree char *db = jd_cli_db_path (common);
  if (!jd_output_check (out, db, force ? JD_OUTPUT_FORCE : JD_OUTPUT_NONE, error))
    return NULL;
  return jd_cli_open_ledger (common, error);
}

/* The ledger, opened once FILE may be written; NULL when the command ends here, with its exit
 * status in *status. */
static JdLedger *
out_open (
    const JdCliOutCommand *command, int argc, char **argv, char **out, gboolean *force, int *status)
{
  JdCliCommon common = { 0 };
  const GOptionEntry entries[]
      = { { "out", 'o', 0, G_OPTION_ARG_FILENAME, out, command->out_help, N_ ("FILE") },
          { "force", 'f', 0, G_OPTION_ARG_NONE, force, N_ ("Replace FILE when it exists"), NULL },
          { NULL } };
  g_autoptr (GOptionContext) context
      = jd_cli_context (command->name, NULL, _ (command->summary), entries, &common);
  g_option_context_set_description (context, _ (command->description));
  *status = jd_cli_parse (context, &common, &argc, &argv);
  if (*status == JD_EXIT_OK && *out == NULL)
    *status = jd_cli_usage (context, "%s", _ (command->missing));
  if (*status == JD_EXIT_OK && argc > 1)
    *status = jd_cli_usage (context, _ ("unexpected argument “%s”"), argv[1]);
  GError *error = NULL;
  JdLedger *ledger
      = *status == JD_EXIT_OK ? jd_cli_open_for_output (&common, *out, *force, &error) : NULL;
  if (*status == JD_EXIT_OK && ledger == NULL)
    *status = jd_cli_fail (error);
  jd_cli_common_clear (&common);
  return ledger;
}

int
jd_cli_out_run (const JdCliOutCommand *command, int argc, char **argv)
{
  g_autofree char *out = NULL;
  gboolean force = FALSE;
  int status = JD_EXIT_OK;
  GError *error = NULL;
  g_autoptr (JdLedger) ledger = out_open (command, argc, argv, &out, &force, &status);
  if (ledger == NULL)
    return status;
  return command->write (ledger, out, force, &error) ? JD_EXIT_OK : jd_cli_fail (error);
}

typedef struct
{
  JdCliProgress progress; /* no label: no progress shown */
  JdCliWriteFunc write;
  gpointer data;
  GMainLoop *loop;
  GCancellable *cancellable;
  GError *error;
  gboolean ok;
} Job;

static gpointer
write_job (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;
  return job->write (job->data, job->progress.label ? jd_cli_print_progress : NULL, &job->progress,
                     cancellable, error)
             ? JD_JOB_DONE
             : NULL;
}

static void
write_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Job *job = user_data;
  job->ok = jd_job_finish (result, write_job, &job->error) != NULL;
  g_main_loop_quit (job->loop);
}

static gboolean
interrupted_cb (gpointer user_data)
{
  Job *job = user_data;
  g_cancellable_cancel (job->cancellable);
  return G_SOURCE_CONTINUE;
}

int
jd_cli_write_in_thread (const char *label, JdCliWriteFunc write, gpointer data)
{
  Job job = {
    .progress = { jd_cli_progress_wanted () ? label : NULL, FALSE },
    .write = write,
    .data = data,
    .loop = g_main_loop_new (NULL, FALSE),
    .cancellable = g_cancellable_new (),
  };
  guint sigint = g_unix_signal_add (SIGINT, interrupted_cb, &job);
  guint sigterm = g_unix_signal_add (SIGTERM, interrupted_cb, &job);
  /* The writer says itself what a cancellation left (nothing). */
  jd_job_start (NULL, write_job, write_job, &job, NULL, NULL, JD_JOB_REPORT_WHAT_RAN,
                job.cancellable, write_done_cb, &job);
  g_main_loop_run (job.loop);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_clear_object (&job.cancellable);
  g_clear_pointer (&job.loop, g_main_loop_unref);
  if (job.progress.shown)
    g_printerr ("\n");
  if (!job.ok)
    return jd_cli_fail (g_steal_pointer (&job.error));
  return JD_EXIT_OK;
}
