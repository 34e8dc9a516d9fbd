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

static gboolean write_package (JdLedger *ledger, const char *out, gboolean force, GError **error);

static const JdCliOutCommand command = {
  "package",
  N_ ("Write a signed package of the ledger for the county."),
  N_ ("The package is one consistent state of the ledger with a manifest (township, county, "
      "time, data version, checksum), signed with the township’s key, which is made on first "
      "use and kept in the ledger. It holds the persons’ data unmasked: carry it as you would "
      "the ledger. Only its owner can read it (0600).\n\n"
      "Exit status: 0 when the package is written; 1 on bad usage; 3 when the ledger cannot be "
      "read or the package cannot be written."),
  N_ ("Write the package to FILE"),
  N_ ("package needs --out FILE"),
  write_package,
};

static gboolean
write_package (JdLedger *ledger, const char *out, gboolean force, GError **error)
{
  JdOutputFlags flags = force ? JD_OUTPUT_FORCE : JD_OUTPUT_NONE;
  g_autofree char *fingerprint = NULL;
  if (!jd_package_write (ledger, out, flags, &fingerprint, NULL, NULL, NULL, error))
    return FALSE;
  g_autofree char *township = jd_ledger_dup_township (ledger);
  /* TRANSLATORS: the township, the file, the key’s fingerprint. */
  g_print (_ ("Package of %s written to %s, signed by the key with fingerprint %s\n"), township,
           out, fingerprint);
  return TRUE;
}

int
jd_cmd_package (int argc, char **argv)
{
  return jd_cli_out_run (&command, argc, argv);
}
