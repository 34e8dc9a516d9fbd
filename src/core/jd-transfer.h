/* jd-transfer.h: a person moving to another township (docs/contract.md §9, docs/packages.md)
 *
 * The sender writes a signed package of the person's whole record and the
 * record ends with moved_out; the receiver imports it, once.
 */
#pragma once

#include "jd-ledger.h"
#include "jd-output.h"

G_BEGIN_DECLS

/* Writes the transfer package of the person with id_number to path and, in
 * the same transaction, ends their record with moved_out (today) noting
 * to_township; audited. fingerprint (may be NULL) gets the key's. */
gboolean jd_transfer_write (JdLedger *ledger,
                            const char *id_number,
                            const char *to_township,
                            const char *path,
                            JdOutputFlags flags,
                            char **fingerprint,
                            GError **error);

typedef struct
{
  char *id_number;
  char *from_township;
  char *fingerprint;
  gboolean already; /* imported before: nothing was added */
  guint records;    /* rows added, the person's included */
} JdTransferImported;

void jd_transfer_imported_free (JdTransferImported *imported);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdTransferImported, jd_transfer_imported_free)

/* Imports the transfer package at path into ledger, whole or not at all, the
 * person managed by the village village_code. The package must be addressed
 * to ledger's township. JD_ERROR_INVALID names the file and the reason. */
JdTransferImported *
jd_transfer_import (JdLedger *ledger, const char *path, const char *village_code, GError **error);

G_END_DECLS
