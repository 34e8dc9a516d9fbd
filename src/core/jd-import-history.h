/* jd-import-history.h: the imports a ledger has had, and undoing one as a whole
 * (docs/contract.md §3 "import batch", §6)
 *
 * Every committed import records a batch in its own transaction: the file's
 * name, the kind, when, who, the rows it added and updated, and where its
 * writes lie in the audit log. Undoing a batch plays those audit rows back in
 * reverse, in one transaction, while nothing later touched the batch's rows.
 */
#pragma once

#include <gio/gio.h>

#include "jd-import.h"
#include "jd-ledger.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char *file;        /* the file's name, without its folder */
  char *kind;        /* persons, followups … (docs/contract.md §6) */
  char *imported_at; /* 2026-12-06T10:30:00, local time */
  char *user;        /* the operating-system user, as the audit log names it */
  guint added;
  guint updated;
  char *undone_at; /* when it was undone; NULL while it stands */
} JdImportBatch;

void jd_import_batch_free (JdImportBatch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdImportBatch, jd_import_batch_free)

/* Records the import that the open transaction holds (called by the import
 * just before it commits): its batch's rows are the audit rows the
 * transaction wrote. An import that wrote nothing is not recorded. */
gboolean jd_import_history_record (JdLedger *ledger,
                                   JdImportKind kind,
                                   const char *path,
                                   const JdImportReport *report,
                                   GError **error);

/* Every import of the ledger, newest first: JdImportBatch. */
GPtrArray *jd_import_history_list (JdLedger *ledger, GError **error);

/* TRUE when batch_id can be undone now; else FALSE with the reason: no such
 * import (JD_ERROR_NOT_FOUND), already undone, or the later change that
 * touched its rows, which record and when (JD_ERROR_INVALID). */
gboolean jd_import_undo_check (JdLedger *ledger, gint64 batch_id, GError **error);

/* Undoes batch_id as a whole, in one transaction: the rows it added are
 * deleted, the rows it updated get their old values back; refused, with
 * nothing written, for the reasons of jd_import_undo_check (). The audit log
 * keeps both the import and its undo. */
gboolean jd_import_undo (JdLedger *ledger, gint64 batch_id, GError **error);
/* jd_import_undo () on a worker thread, on a connection of its own to
 * ledger's file; not cancellable (the undo is one transaction). Once undone,
 * ledger emits "changed" (JD_CHANGE_RECORDS) on the caller's main context
 * before callback runs. */
void jd_import_undo_async (JdLedger *ledger,
                           gint64 batch_id,
                           GAsyncReadyCallback callback,
                           gpointer user_data);
gboolean jd_import_undo_finish (GAsyncResult *result, GError **error);

G_END_DECLS
