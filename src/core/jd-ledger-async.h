/* jd-ledger-async.h: the slow work on a ledger, off the caller's thread
 *
 * Each pair is GIO's: the _async function returns at once, the work runs on a
 * worker thread on a connection the core opens for it (and closes), and the
 * callback runs on the caller's thread-default main context, where the
 * _finish function gives the result or the GError. A cancelled job gives
 * G_IO_ERROR_CANCELLED; cancelled before it writes, it writes nothing. The
 * window calls these and never opens a connection or a thread of its own
 * (docs/architecture.md, "Threads and connections").
 *
 * Saves are the exception: they run on the caller's connection, on its
 * thread, but never wait there for another program's write lock
 * (jd_ledger_write_async ()).
 */
#pragma once

#include "jd-backups.h"
#include "jd-dashboard.h"
#include "jd-ledger.h"
#include "jd-readiness.h"
#include "jd-title.h"

G_BEGIN_DECLS

/* Opens the ledger at path as jd_backups_open_ledger () does (a ledger of an
 * older version is backed up, then migrated). Its "changed" signal is emitted
 * on the caller's main context. */
void        jd_ledger_open_async          (const char          *path,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
JdLedger   *jd_ledger_open_finish         (GAsyncResult        *result,
                                           GError             **error);

/* Creates a new ledger as jd_ledger_create () does (never over a file). */
void        jd_ledger_create_async        (const char          *path,
                                           const char          *township,
                                           const char          *county,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
JdLedger   *jd_ledger_create_finish       (GAsyncResult        *result,
                                           GError             **error);

/* jd_dashboard_compute () on a read-only connection of its own. */
void        jd_dashboard_compute_async    (JdLedger            *ledger,
                                           int                  year,
                                           guint                n_years,
                                           JdDay                as_of,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
JdDashboard *jd_dashboard_compute_finish  (GAsyncResult        *result,
                                           GError             **error);

/* jd_readiness_compute () for every village on a read-only connection of its
 * own; with titles, each village's title state too (an array of JdTitleState
 * beside the villages, the stage JD_TITLE_STAGE_NONE where its events cannot
 * be read). */
void        jd_readiness_compute_async    (JdLedger            *ledger,
                                           int                  year,
                                           JdDay                as_of,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray  *jd_readiness_compute_finish   (GAsyncResult        *result,
                                           GArray             **titles,
                                           GError             **error);

/* The backups of the ledger at ledger_path, as jd_backups_list (). */
void        jd_backups_list_async         (const char          *ledger_path,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray  *jd_backups_list_finish        (GAsyncResult        *result,
                                           GError             **error);
/* A backup of the ledger at ledger_path now, as jd_backups_make (), on a
 * connection of its own; cancelled, no file is left. */
void        jd_backups_make_async         (const char          *ledger_path,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    jd_backups_make_finish        (GAsyncResult        *result,
                                           char               **made_path,
                                           GError             **error);
/* Today's backup unless there is one, the newest keep kept, as
 * jd_backups_make_daily (). */
void        jd_backups_make_daily_async   (const char          *ledger_path,
                                           guint                keep,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    jd_backups_make_daily_finish  (GAsyncResult        *result,
                                           gboolean            *made,
                                           GError             **error);
/* jd_backups_restore (): the ledger at ledger_path, which nobody may have
 * open, replaced by the backup. Cancelled once begun, it goes on to the end
 * (a restore is never left half done) and says what it did. */
void        jd_backups_restore_async      (const char          *ledger_path,
                                           const char          *backup_path,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    jd_backups_restore_finish     (GAsyncResult        *result,
                                           char               **safety_path,
                                           GError             **error);

/* Writes file->path from the ledger (a workbook, a list, a chart), on the
 * worker thread: reader is a connection of the worker's own; file->progress
 * is called on the worker thread. */
typedef gboolean (*JdLedgerFileFunc) (JdLedger        *reader,
                                      const JdFileJob *file,
                                      gpointer         data,
                                      GError         **error);
/* Runs func; data is freed (data_free) on the caller's thread once done. */
void        jd_ledger_write_file_async    (JdLedger            *ledger,
                                           const char          *path,
                                           JdLedgerFileFunc     func,
                                           gpointer             data,
                                           GDestroyNotify       data_free,
                                           JdProgressFunc       progress,
                                           gpointer             progress_data,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    jd_ledger_write_file_finish   (GAsyncResult        *result,
                                           GError             **error);

/* A save: func writes inside a transaction of ledger's, on the caller's
 * thread, and the transaction commits when it returns TRUE (rolls back when
 * FALSE). The write lock is taken without waiting: while another program
 * holds it, the caller's main loop runs on and the lock is tried again every
 * 50 ms until the ledger's busy timeout (jd_ledger_set_busy_timeout ()) has
 * passed, when the save fails with JD_ERROR_BUSY and nothing is written.
 * Cancelled before the lock is taken, nothing is written. */
typedef gboolean (*JdLedgerWriteFunc) (JdLedger  *ledger,
                                       gpointer   data,
                                       GError   **error);
/* The same at once, or FALSE with JD_ERROR_BUSY (nothing written) when
 * another program holds the write lock: never a wait. */
gboolean    jd_ledger_write_now           (JdLedger            *ledger,
                                           JdLedgerWriteFunc    func,
                                           gpointer             data,
                                           GError             **error);
void        jd_ledger_write_async         (JdLedger            *ledger,
                                           JdLedgerWriteFunc    func,
                                           gpointer             data,
                                           GDestroyNotify       data_free,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    jd_ledger_write_finish        (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
