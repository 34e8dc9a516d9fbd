/* jd-cmd-demo.c: jindu demo --db FILE [--scale township|county|city] [--seed N] (docs/contract.md
 * §5)
 *
 * Creates a new ledger and fills it with ten years of realistic, deterministic
 * demo data (jd-demo.c). An existing file is never touched (exit 3); a demo
 * that fails or is interrupted (Ctrl+C) leaves no file behind.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>

#include "jd-cli.h"
#include "jd-date.h"
#include "jd-demo.h"
#include "jd-error.h"

static volatile sig_atomic_t interrupted;

static void
interrupt_cb (int signal_number)
{
  interrupted = 1;
}

typedef struct
{
  GCancellable *cancellable;
  gboolean show;
  int shown; /* the percentage last printed */
} Progress;

/* Runs on the main thread between writes: prints the percentage, and turns
 * Ctrl+C into a cancellation that rolls the transaction back. */
static void
progress_cb (double fraction, gpointer user_data)
{
  Progress *progress = user_data;
  if (interrupted)
    g_cancellable_cancel (progress->cancellable);
  int percent = (int)(fraction * 100);
  if (progress->show && percent != progress->shown)
    {
      progress->shown = percent;
      /* TRANSLATORS: progress on the terminal; %d%% is a percentage */
      g_autofree char *line = g_strdup_printf (_ ("Generating demo data… %d%%"), percent);
      g_printerr ("\r%s", line);
    }
}

static void
remove_ledger (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

int
jd_cmd_demo (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  g_autofree char *scale_text = NULL, *seed_text = NULL;
  const GOptionEntry entries[]
      = { { "scale", 0, 0, G_OPTION_ARG_STRING, &scale_text,
            N_ ("township (12 villages), county (200) or city (300 villages, 100,000 persons)"),
            N_ ("SCALE") },
          { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
            N_ ("The random seed: the same seed and date give the same ledger (default 1)"),
            N_ ("N") },
          { NULL } };
  g_autoptr (GOptionContext) context
      = jd_cli_context ("demo", NULL, _ ("Create a new ledger filled with ten years of demo data."),
                        entries, &common);
  int rc = jd_cli_parse (context, &common, &argc, &argv);
  JdDemoScale scale = JD_DEMO_TOWNSHIP;
  guint64 seed = 1;

  if (rc == JD_EXIT_OK && common.db == NULL)
    rc = jd_cli_usage (context, _ ("demo needs --db FILE (a new file)"));
  if (rc == JD_EXIT_OK && argc > 1)
    rc = jd_cli_usage (context, _ ("unexpected argument “%s”"), argv[1]);
  if (rc == JD_EXIT_OK && scale_text && !jd_demo_scale_from_string (scale_text, &scale))
    rc = jd_cli_usage (context, _ ("--scale: “%s” is not township, county or city"), scale_text);
  if (rc == JD_EXIT_OK && seed_text
      && !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT32, &seed, NULL))
    rc = jd_cli_usage (context, _ ("--seed: “%s” is not a number from 0 to %u"), seed_text,
                       G_MAXUINT32);
  if (rc != JD_EXIT_OK)
    {
      jd_cli_common_clear (&common);
      return rc;
    }

  /* One "today" for the whole run, even one that passes midnight. */
  jd_set_today (jd_today ());

  GError *error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_create (common.db, "博美镇", "陆丰市", &error);
  if (ledger == NULL)
    {
      jd_cli_common_clear (&common);
      return jd_cli_fail (error);
    }

  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Progress progress = { cancellable, jd_cli_progress_wanted (), -1 };
  struct sigaction action = { 0 }, previous;
  action.sa_handler = interrupt_cb;
  sigemptyset (&action.sa_mask);
  sigaction (SIGINT, &action, &previous);

  gboolean ok
      = jd_demo_fill (ledger, scale, (guint32)seed, progress_cb, &progress, cancellable, &error);
  sigaction (SIGINT, &previous, NULL);
  if (progress.show)
    g_printerr ("\n");

  if (ok)
    {
      g_print (_ ("%s: %" PRId64 " villages, %" PRId64 " persons, %" PRId64 " follow-ups\n"),
               common.db, jd_ledger_count (ledger, "village"), jd_ledger_count (ledger, "person"),
               jd_ledger_count (ledger, "followup"));
      rc = JD_EXIT_OK;
    }
  else
    {
      g_clear_object (&ledger);
      remove_ledger (common.db);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_printerr ("jindu: %s\n", _ ("Cancelled; no ledger was created."));
          g_error_free (error);
          rc = JD_EXIT_FILE;
        }
      else
        rc = jd_cli_fail (error);
    }
  jd_cli_common_clear (&common);
  return rc;
}
