/* jd-job.h: one job on a worker thread, as a GTask
 *
 * Every _async/_finish pair of the core runs its work through here
 * (docs/architecture.md, "Threads and connections"): the job is a plain
 * function on the worker thread that returns its result, or NULL with the
 * error set; the pair's _finish hands the result back.
 */
#pragma once

#include <gio/gio.h>

#include "jd-ledger.h"

G_BEGIN_DECLS

/* The result of a job that has nothing to return but success. */
#define JD_JOB_DONE GINT_TO_POINTER (1)

/* Runs on the worker thread: source and data as given to jd_job_start ().
 * Returns the result (freed with the result_free given to jd_job_start ()
 * when nobody takes it), or NULL with error set. */
typedef gpointer (*JdJobFunc) (gpointer source,
                               gpointer data,
                               GCancellable *cancellable,
                               GError **error);

typedef enum
{
  JD_JOB_DEFAULT = 0,
  /* What the job did is reported even when Cancel came too late to stop it
   * (a backup made, a file written and removed on cancel). */
  JD_JOB_REPORT_WHAT_RAN = 1 << 0,
} JdJobFlags;

/* Starts func (source, data) on a worker thread, unless cancellable is
 * cancelled first (then callback gets G_IO_ERROR_CANCELLED). tag is the
 * _async function, checked by jd_job_finish (). data is freed with
 * data_free when the job is over, on whichever thread lets it go last. */
void jd_job_start (gpointer source,
                   gpointer tag,
                   JdJobFunc func,
                   gpointer data,
                   GDestroyNotify data_free,
                   GDestroyNotify result_free,
                   JdJobFlags flags,
                   GCancellable *cancellable,
                   GAsyncReadyCallback callback,
                   gpointer user_data);

/* jd_job_start () for a job that writes and commits on a connection of its
 * own to ledger's file (an import, an import undone): when it succeeds,
 * ledger announces changes ("changed") on the caller's main context before
 * callback runs, as its own commit would have, so the pages that follow it
 * reload. ledger is held weakly: the job never keeps it alive, and it is not
 * the task's source (callback gets NULL). */
void jd_job_start_committing (JdLedger *ledger,
                              JdChanges changes,
                              gpointer tag,
                              JdJobFunc func,
                              gpointer data,
                              GDestroyNotify data_free,
                              GDestroyNotify result_free,
                              JdJobFlags flags,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);

/* The job's result (the caller's to free), or NULL with error set. */
gpointer jd_job_finish (GAsyncResult *result, gpointer tag, GError **error);

/* Work of the core's on the caller's own thread that jd_job_wait_all () waits
 * for as for a job (a save waiting for another program's write lock,
 * jd_ledger_write_async ()): jd_job_hold () when it begins, jd_job_release ()
 * once it is over and let go. */
void jd_job_hold (void);
void jd_job_release (void);

/* Runs the default main context until every job started is over and let go
 * (its callback run, its connection closed, what it held released), or
 * timeout_ms has passed (FALSE). For the end of the process, on the thread
 * that owns the default main context: a ledger a job still held would be
 * left with its -wal and -shm. */
gboolean jd_job_wait_all (guint timeout_ms);

G_END_DECLS
