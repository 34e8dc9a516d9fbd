/* jd-cmd-transfer.c: jindu transfer --db FILE --id ID --to TOWNSHIP --out FILE.jdpkg
 *                    and jindu import --db FILE transfer FILE.jdpkg --village CODE
 *                    (docs/contract.md §9, docs/packages.md)
 *
 * A person moving to another township: the sender writes a signed package of
 * the person's whole record and the record ends with moved_out; the receiver
 * imports it once, the person managed by the village it chooses.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jd-cli.h"
#include "jd-error.h"
#include "jd-transfer.h"

int
jd_cmd_transfer (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  g_autofree char *id = NULL, *to = NULL, *out = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[]
      = { { "id", 0, 0, G_OPTION_ARG_STRING, &id, N_ ("The person’s ID number"), N_ ("ID") },
          { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_ ("The receiving township"), N_ ("TOWNSHIP") },
          { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("Write the package to FILE"),
            N_ ("FILE") },
          { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_ ("Replace FILE when it exists"), NULL },
          { NULL } };
  g_autoptr (GOptionContext) context = jd_cli_context (
      "transfer", NULL, _ ("Transfer a person to another township."), entries, &common);
  g_option_context_set_description (
      context,
      _ ("Writes a signed package of the person’s whole record for the receiving township, and "
         "ends the person’s record here with the status moved out (today), noting the township. "
         "The package holds the person’s data unmasked: hand it over as you would a paper file.\n\n"
         "Exit status: 0 when the package is written; 1 on bad usage; 2 when the person cannot "
         "be transferred (nothing written); 3 when the ledger cannot be read or written."));
  int rc = jd_cli_parse (context, &common, &argc, &argv);
  if (rc == JD_EXIT_OK && (id == NULL || to == NULL || out == NULL))
    rc = jd_cli_usage (context, _ ("transfer needs --id ID, --to TOWNSHIP and --out FILE"));
  if (rc == JD_EXIT_OK && argc > 1)
    rc = jd_cli_usage (context, _ ("unexpected argument “%s”"), argv[1]);
  if (rc == JD_EXIT_OK)
    {
      GError *error = NULL;
      g_autoptr (JdLedger) ledger = jd_cli_open_ledger (&common, &error);
      g_autofree char *fingerprint = NULL;
      if (ledger == NULL
          || !jd_transfer_write (ledger, id, to, out, force ? JD_OUTPUT_FORCE : JD_OUTPUT_NONE,
                                 &fingerprint, &error))
        rc = jd_cli_fail (error);
      else
        /* TRANSLATORS: the ID number, the township, the file, the key's fingerprint. */
        g_print (_ ("%s transferred to %s: package %s, signed by the key with fingerprint %s\n"),
                 id, to, out, fingerprint);
    }
  jd_cli_common_clear (&common);
  return rc;
}

int
jd_cmd_import_transfer (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  g_autofree char *village = NULL;
  const GOptionEntry entries[] = { { "village", 0, 0, G_OPTION_ARG_STRING, &village,
                                     N_ ("The village that will manage the person"), N_ ("CODE") },
                                   { NULL } };
  g_autoptr (GOptionContext) context = jd_cli_context (
      "import", _ ("transfer FILE.jdpkg"),
      _ ("Import a person transferred from another township, with their whole record."), entries,
      &common);
  g_option_context_set_description (
      context,
      _ ("The package must be signed (any township’s key is accepted; its fingerprint is noted "
         "with the person) and addressed to this ledger’s township. Importing the same transfer "
         "again adds nothing.\n\n"
         "Exit status: 0 when the person is imported or was already; 1 on bad usage; 2 when the "
         "package is refused (nothing written); 3 when the ledger cannot be read or written."));
  int rc = jd_cli_parse (context, &common, &argc, &argv);
  if (rc == JD_EXIT_OK && argc != 3)
    rc = jd_cli_usage (context, _ ("import transfer needs one FILE.jdpkg"));
  if (rc == JD_EXIT_OK && village == NULL)
    rc = jd_cli_usage (context, _ ("import transfer needs --village CODE, the village that will "
                                   "manage the person"));
  if (rc == JD_EXIT_OK)
    {
      GError *error = NULL;
      g_autoptr (JdLedger) ledger = jd_cli_open_ledger (&common, &error);
      g_autoptr (JdTransferImported) imported
          = ledger ? jd_transfer_import (ledger, argv[2], village, &error) : NULL;
      if (imported == NULL)
        rc = jd_cli_fail (error);
      else if (imported->already)
        /* TRANSLATORS: the file, the ID number. */
        g_print (_ ("%s was imported before: nothing added (%s)\n"), argv[2], imported->id_number);
      else
        /* TRANSLATORS: the ID number, the township, the number of records, the fingerprint. */
        g_print (_ ("%s imported from %s: %u records, key fingerprint %s\n"), imported->id_number,
                 imported->from_township, imported->records, imported->fingerprint);
    }
  jd_cli_common_clear (&common);
  return rc;
}
