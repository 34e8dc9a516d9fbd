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

static gboolean write_backup (JdLedger *ledger, const char *out, gboolean force, GError **error);

static const JdCliOutCommand command = {
  "backup",
  N_ ("Copy the ledger, even while it is in use."),
  N_ ("The copy is one consistent state of the ledger, whatever other programs write "
      "meanwhile, checked before it is put in place, and only its owner can read it (0600). "
      "An existing FILE is left alone unless --force is given; the ledger itself, a device, "
      "a folder or a link is never written. A damaged ledger gives no copy.\n\n"
      "Exit status: 0 when the copy is written; 1 on bad usage; 3 when the ledger is damaged "
      "or cannot be read, or the copy cannot be written."),
  N_ ("Write the copy to FILE"),
  N_ ("backup needs --out FILE"),
  write_backup,
};

static gboolean
write_backup (JdLedger *ledger, const char *out, gboolean force, GError **error)
{
  GStatBuf st;
  JdCliProgress progress = { _ ("Copying…"), FALSE };
  if (!jd_ledger_backup (ledger, out, force,
                         jd_cli_progress_wanted () ? jd_cli_print_progress : NULL, &progress, NULL,
                         error)
      || !jd_ledger_log_output (ledger, JD_OUTPUT_BACKUP, out, "{\"what\":\"backup\"}", FALSE,
                                error))
    {
      if (progress.shown)
        g_printerr ("\n");
      return FALSE;
    }

  g_autofree char *size = NULL;
  if (g_stat (out, &st) == 0)
    size = g_format_size_full (st.st_size, G_FORMAT_SIZE_LONG_FORMAT);
  /* TRANSLATORS: the copy's file name and its size, "1.2 MB (1,232,896 bytes)". */
  g_print (_ ("Backup written to %s: %s\n"), out, size ? size : "?");
  return TRUE;
}

int
jd_cmd_backup (int argc, char **argv)
{
  return jd_cli_out_run (&command, argc, argv);
}
