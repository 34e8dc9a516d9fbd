/* jd-job.c: one job on a worker thread, as a GTask
 *
 * The GTask's set-up, its cancellation check and its return written once for
 * every _async/_finish pair of the core.
 */
#include "config.h"

#include "jd-job.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  JdJobFunc func;
  gpointer data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
} Job;

/* The jobs started and not yet let go (jd_job_wait_all ()). */
static GMutex jobs_lock;
static guint n_jobs;

void
jd_job_hold (void)
{
  g_mutex_lock (&jobs_lock);
  n_jobs++;
  g_mutex_unlock (&jobs_lock);
}

void
jd_job_release (void)
{
  g_mutex_lock (&jobs_lock);
  n_jobs--;
  g_mutex_unlock (&jobs_lock);
}

static void
job_free (gpointer data)
{
  Job *job = data;
  if (job->data_free)
    job->data_free (job->data);
  g_free (job);
  jd_job_release ();
}

static guint
count_jobs (void)
{
  g_mutex_lock (&jobs_lock);
  guint n = n_jobs;
  g_mutex_unlock (&jobs_lock);
  return n;
}

gboolean
jd_job_wait_all (guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64)timeout_ms * 1000;
  while (count_jobs () > 0)
    {
      if (g_get_monotonic_time () >= end)
        return FALSE;
      /* A finished job's result, and what it holds, is let go when its
       * callback has run on this context. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5000);
    }
  return TRUE;
}

static void
job_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  gpointer result = job->func (source, job->data, cancellable, &error);
  if (result)
    g_task_return_pointer (task, result, job->result_free);
  else if (error)
    g_task_return_error (task, error);
  else
    {
      /* A job's bug: said to the developer, and to the user as a failure. */
      g_critical ("%s: a job returned neither a result nor an error", G_STRFUNC);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                               _ ("The work stopped without saying why."));
    }
}

void
jd_job_start (gpointer source,
              gpointer tag,
              JdJobFunc func,
              gpointer data,
              GDestroyNotify data_free,
              GDestroyNotify result_free,
              JdJobFlags flags,
              GCancellable *cancellable,
              GAsyncReadyCallback callback,
              gpointer user_data)
{
  g_return_if_fail (tag != NULL && func != NULL);

  jd_job_hold ();

  Job *job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;

  g_autoptr (GTask) task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, job, job_free);
  if (flags & JD_JOB_REPORT_WHAT_RAN)
    g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, job_thread);
}

typedef struct
{
  GWeakRef ledger;
  JdChanges changes;
  GAsyncReadyCallback callback;
  gpointer user_data;
} Committing;

/* On the caller's main context: the notice first, then the caller's callback. */
static void
committed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Committing *committing = user_data;
  g_autoptr (JdLedger) ledger
      = g_task_had_error (G_TASK (result)) ? NULL : g_weak_ref_get (&committing->ledger);
  if (ledger)
    g_signal_emit_by_name (ledger, "changed", (guint)committing->changes);
  if (committing->callback)
    committing->callback (source, result, committing->user_data);
  g_weak_ref_clear (&committing->ledger);
  g_free (committing);
}

void
jd_job_start_committing (JdLedger *ledger,
                         JdChanges changes,
                         gpointer tag,
                         JdJobFunc func,
                         gpointer data,
                         GDestroyNotify data_free,
                         GDestroyNotify result_free,
                         JdJobFlags flags,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  g_return_if_fail (JD_IS_LEDGER (ledger));

  Committing *committing = g_new0 (Committing, 1);
  g_weak_ref_init (&committing->ledger, ledger);
  committing->changes = changes;
  committing->callback = callback;
  committing->user_data = user_data;
  jd_job_start (NULL, tag, func, data, data_free, result_free, flags, cancellable, committed_cb,
                committing);
}

gpointer
jd_job_finish (GAsyncResult *result, gpointer tag, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, tag), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
