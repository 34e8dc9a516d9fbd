/* jd-cmd-package.c: jindu package --db FILE --out FILE.jdpkg [--force] (docs/contract.md §9)
 *
 * A signed snapshot of the township's ledger for the county (docs/packages.md),
 * made with SQLite's backup API, so the window may have the ledger open and
 * another program may write meanwhile. 0600; recorded in the audit log.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jd-cli.h"
#include "jd-error.h"
#include "jd-output.h"
#include "jd-package.h"

int
jd_cmd_package (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  g_autofree char *out = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[]
      = { { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("Write the package to FILE"),
            N_ ("FILE") },
          { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_ ("Replace FILE when it exists"), NULL },
          { NULL } };
  g_autoptr (GOptionContext) context
      = jd_cli_context ("package", NULL, _ ("Write a signed package of the ledger for the county."),
                        entries, &common);
  g_option_context_set_description (
      context,
      _ ("The package is one consistent state of the ledger with a manifest (township, county, "
         "time, data version, checksum), signed with the township’s key, which is made on first "
         "use and kept in the ledger. It holds the persons’ data unmasked: carry it as you would "
         "the ledger. Only its owner can read it (0600).\n\n"
         "Exit status: 0 when the package is written; 1 on bad usage; 3 when the ledger cannot be "
         "read or the package cannot be written."));
  int rc = jd_cli_parse (context, &common, &argc, &argv);
  if (rc == JD_EXIT_OK && out == NULL)
    rc = jd_cli_usage (context, _ ("package needs --out FILE"));
  if (rc == JD_EXIT_OK && argc > 1)
    rc = jd_cli_usage (context, _ ("unexpected argument “%s”"), argv[1]);
  if (rc != JD_EXIT_OK)
    {
      jd_cli_common_clear (&common);
      return rc;
    }

  GError *error = NULL;
  JdOutputFlags flags = force ? JD_OUTPUT_FORCE : JD_OUTPUT_NONE;
  g_autofree char *db = jd_cli_db_path (&common);
  jd_cli_common_clear (&common);
  if (!jd_output_check (out, db, flags, &error))
    return jd_cli_fail (error);
  JdCliCommon open = { .db = g_steal_pointer (&db) };
  g_autoptr (JdLedger) ledger = jd_cli_open_ledger (&open, &error);
  jd_cli_common_clear (&open);
  g_autofree char *fingerprint = NULL;
  if (ledger == NULL
      || !jd_package_write (ledger, out, flags, &fingerprint, NULL, NULL, NULL, &error))
    return jd_cli_fail (error);
  g_autofree char *township = jd_ledger_dup_township (ledger);
  /* TRANSLATORS: the township, the file, the key’s fingerprint. */
  g_print (_ ("Package of %s written to %s, signed by the key with fingerprint %s\n"), township,
           out, fingerprint);
  return JD_EXIT_OK;
}
