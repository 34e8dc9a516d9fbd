/* jd-cmd-backup.c: jindu backup --db FILE --out FILE [--force] (docs/contract.md §5)
 *
 * A consistent copy through SQLite's backup API, safe while the window or
 * another command writes to the ledger (jd_ledger_backup). The copy is
 * written beside the destination and renamed into place when whole, readable
 * by its owner only (0600). An existing file is replaced only with --force.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "jd-cli.h"
#include "jd-error.h"
#include "jd-output.h"

typedef struct
{
  gboolean shown; /* a line is on the terminal, to be ended */
} Progress;

static void
print_progress_cb (double fraction, gpointer user_data)
{
  Progress *progress = user_data;
  g_printerr ("\r%s %3d%%", _ ("Copying…"), (int)(fraction * 100));
  progress->shown = fraction < 1.0;
  if (!progress->shown)
    g_printerr ("\n");
}

int
jd_cmd_backup (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  g_autofree char *out = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[]
      = { { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("Write the copy to FILE"),
            N_ ("FILE") },
          { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_ ("Replace FILE when it exists"), NULL },
          { NULL } };
  g_autoptr (GOptionContext) context = jd_cli_context (
      "backup", NULL, _ ("Copy the ledger, even while it is in use."), entries, &common);
  g_option_context_set_description (
      context,
      _ ("The copy is one consistent state of the ledger, whatever other programs write "
         "meanwhile, checked before it is put in place, and only its owner can read it (0600). "
         "An existing FILE is left alone unless --force is given; the ledger itself, a device, "
         "a folder or a link is never written. A damaged ledger gives no copy.\n\n"
         "Exit status: 0 when the copy is written; 1 on bad usage; 3 when the ledger is damaged "
         "or cannot be read, or the copy cannot be written."));
  int rc = jd_cli_parse (context, &common, &argc, &argv);
  if (rc == JD_EXIT_OK && out == NULL)
    rc = jd_cli_usage (context, _ ("backup needs --out FILE"));
  if (rc == JD_EXIT_OK && argc > 1)
    rc = jd_cli_usage (context, _ ("unexpected argument “%s”"), argv[1]);
  if (rc != JD_EXIT_OK)
    {
      jd_cli_common_clear (&common);
      return rc;
    }

  GError *error = NULL;
  GStatBuf st;
  /* The path first: a refused FILE costs no opening of the ledger. */
  g_autofree char *db = jd_cli_db_path (&common);
  if (!jd_output_check (out, db, force ? JD_OUTPUT_FORCE : JD_OUTPUT_NONE, &error))
    {
      jd_cli_common_clear (&common);
      return jd_cli_fail (error);
    }

  g_autoptr (JdLedger) ledger = jd_cli_open_ledger (&common, &error);
  Progress progress = { FALSE };
  if (ledger == NULL
      || !jd_ledger_backup (ledger, out, force,
                            jd_cli_progress_wanted () ? print_progress_cb : NULL, &progress, NULL,
                            &error)
      || !jd_ledger_log_output (ledger, JD_OUTPUT_BACKUP, out, "{\"what\":\"backup\"}", FALSE,
                                &error))
    {
      if (progress.shown)
        g_printerr ("\n");
      jd_cli_common_clear (&common);
      return jd_cli_fail (error);
    }

  g_autofree char *size = NULL;
  if (g_stat (out, &st) == 0)
    size = g_format_size_full (st.st_size, G_FORMAT_SIZE_LONG_FORMAT);
  /* TRANSLATORS: the copy's file name and its size, "1.2 MB (1,232,896 bytes)". */
  g_print (_ ("Backup written to %s: %s\n"), out, size ? size : "?");
  jd_cli_common_clear (&common);
  return JD_EXIT_OK;
}
