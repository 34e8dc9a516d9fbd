/* jd-import-async.h: a file previewed and imported off the caller's thread, for
 * the window's import assistant (docs/contract.md §6, §8)
 *
 * Each pair runs its job on a worker thread (jd-job.h), on a read-write
 * connection it opens there to the ledger's file and closes there: the preview
 * is the import run dry, which writes inside a transaction it rolls back, so it
 * cannot do with a read-only one. progress is called on the worker thread.
 * The caller's ledger is read for its path only, and told when an import
 * commits; no job keeps it alive (the callback's source object is NULL)
 * (docs/architecture.md, "Threads and connections").
 */
#pragma once

#include "jd-import-preview.h"

G_BEGIN_DECLS

/* What the file would be imported as: its first look, the kind, each
 * heading's column, and the rows the import would give. */
typedef struct
{
  JdImportSniff sniff;
  JdImportKind kind;        /* the one asked for, else the one the headings suggest; or
                             * JD_IMPORT_INVALID when they suggest none */
  char **assign;            /* per heading: a column key or "" (passed over); NULL without a kind */
  JdImportPreview *preview; /* NULL without a kind or a header row */
} JdImportPlan;

void jd_import_plan_free (JdImportPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdImportPlan, jd_import_plan_free)

/* Reads the file at path (jd_import_sniff () with sheet and header_row, 0 to
 * find it) and, once a kind is known (kind, or JD_IMPORT_INVALID for the one
 * the headings suggest), previews its import into ledger (jd_import_preview (),
 * max_rows kept) with assign (per heading a key or "", as
 * JdImportOptions.assign), or each heading matched by its name when assign is
 * NULL or has another length than the header. Nothing is written. */
void jd_import_preview_async (JdLedger *ledger,
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
                              gpointer user_data);
JdImportPlan *jd_import_preview_finish (GAsyncResult *result, GError **error);

/* jd_import_file_with_options () into the ledger's file (options copied; no
 * observer, no dry run), whole or nothing. When it commits, ledger emits
 * "changed" (JD_CHANGE_RECORDS) on the caller's main context before callback
 * runs, so the pages following it reload. Cancelled before the commit, it
 * writes nothing and finishes with JD_ERROR_CANCELLED; once committed, it
 * reports the import even when Cancel came too late. */
void jd_import_file_async (JdLedger *ledger,
                           JdImportKind kind,
                           const char *path,
                           const JdImportOptions *options,
                           JdProgressFunc progress,
                           gpointer progress_data,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data);
/* TRUE with the report filled (cleared by the caller), or FALSE with the error:
 * JD_ERROR_INVALID when the file has problems (nothing was imported). */
gboolean jd_import_file_finish (GAsyncResult *result, JdImportReport *report, GError **error);

G_END_DECLS
