/* jd-ledger-async.c: the slow work on a ledger, off the caller's thread
 *
 * Every job runs in a GTask thread on a connection of its own, opened there
 * and closed there: a read-only one (jd_ledger_open_reader ()) for what only
 * reads, a read-write one for a backup (whose entry in the audit log is a
 * write). The caller's ledger is only read for its path. Saves
 * (jd_ledger_write_async ()) stay on the caller's connection and thread.
 */
#include "config.h"

#include "jd-ledger-async.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "jd-error.h"
#include "jd-job.h"
#include "jd-ledger-object.h"
#include "jd-ledger-private.h"
#include "jd-village-detail.h"

static void
free_three (gpointer data)
{
  char **strings = data;
  for (guint i = 0; i < 3; i++)
    g_free (strings[i]);
  g_free (strings);
}

/* ---- opening ---------------------------------------------------------------------------- */

static gpointer
open_job (gpointer source, gpointer path, GCancellable *cancellable, GError **error)
{
  /* An older ledger is backed up before it is migrated. */
  return jd_backups_open_ledger (path, NULL, error);
}

void
jd_ledger_open_async (const char *path,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data)
{
  g_return_if_fail (path != NULL);
  jd_job_start (NULL, jd_ledger_open_async, open_job, g_strdup (path), g_free, g_object_unref,
                JD_JOB_DEFAULT, cancellable, callback, user_data);
}

JdLedger *
jd_ledger_open_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_ledger_open_async, error);
}

static gpointer
create_job (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  char **what = data; /* the path, the township, the county (or NULL) */
  return jd_ledger_create (what[0], what[1], what[2], error);
}

void
jd_ledger_create_async (const char *path,
                        const char *township,
                        const char *county,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  g_return_if_fail (path != NULL && township != NULL);

  char **what = g_new0 (char *, 4);
  what[0] = g_strdup (path);
  what[1] = g_strdup (township);
  what[2] = g_strdup (county);
  /* Freed by hand: county may be NULL, which would end a GStrv early. A
   * ledger made is reported made, even when Cancel came too late. */
  jd_job_start (NULL, jd_ledger_create_async, create_job, what, free_three, g_object_unref,
                JD_JOB_REPORT_WHAT_RAN, cancellable, callback, user_data);
}

JdLedger *
jd_ledger_create_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_ledger_create_async, error);
}

/* ---- the dashboard -------------------------------------------------------------------- */

typedef struct
{
  int year;
  guint n_years;
  JdDay as_of;
} Range;

static Range *
range_new (int year, guint n_years, JdDay as_of)
{
  Range *range = g_new0 (Range, 1);
  range->year = year;
  range->n_years = n_years;
  range->as_of = as_of;
  return range;
}

/* source is the caller's ledger, of which only the path is read (it never
 * changes): the job reads on a read-only connection of its own. */
static gpointer
dashboard_job (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  Range *range = data;
  g_autoptr (JdLedger) reader = jd_ledger_open_reader (source, error);
  return reader ? jd_dashboard_compute (reader, range->year, range->n_years, range->as_of, error)
                : NULL;
}

void
jd_dashboard_compute_async (JdLedger *ledger,
                            int year,
                            guint n_years,
                            JdDay as_of,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_return_if_fail (JD_IS_LEDGER (ledger));
  jd_job_start (ledger, jd_dashboard_compute_async, dashboard_job, range_new (year, n_years, as_of),
                g_free, (GDestroyNotify)jd_dashboard_free, JD_JOB_DEFAULT, cancellable, callback,
                user_data);
}

JdDashboard *
jd_dashboard_compute_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_dashboard_compute_async, error);
}

/* ---- readiness ------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *villages;
  GArray *titles;
} Readiness;

static void
readiness_free (gpointer data)
{
  Readiness *readiness = data;
  g_clear_pointer (&readiness->villages, g_ptr_array_unref);
  g_clear_pointer (&readiness->titles, g_array_unref);
  g_free (readiness);
}

static gpointer
readiness_job (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  Range *range = data;
  g_autoptr (JdLedger) reader = jd_ledger_open_reader (source, error);
  GPtrArray *villages
      = reader ? jd_readiness_compute (reader, range->year, range->as_of, 0, error) : NULL;
  if (villages == NULL)
    return NULL;

  Readiness *readiness = g_new0 (Readiness, 1);
  readiness->villages = villages;
  readiness->titles = g_array_sized_new (FALSE, TRUE, sizeof (JdTitleState), villages->len);
  for (guint i = 0; i < villages->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      const JdVillageReadiness *village = g_ptr_array_index (villages, i);
      JdTitleState state;
      jd_title_state_init (&state);
      g_autoptr (GPtrArray) events
          = jd_village_load_title_events (reader, village->village_id, &state, NULL);
      if (events == NULL)
        jd_title_state_init (&state);
      g_array_append_val (readiness->titles, state);
    }
  return readiness;
}

void
jd_readiness_compute_async (JdLedger *ledger,
                            int year,
                            JdDay as_of,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_return_if_fail (JD_IS_LEDGER (ledger));
  jd_job_start (ledger, jd_readiness_compute_async, readiness_job, range_new (year, 0, as_of),
                g_free, readiness_free, JD_JOB_DEFAULT, cancellable, callback, user_data);
}

GPtrArray *
jd_readiness_compute_finish (GAsyncResult *result, GArray **titles, GError **error)
{
  Readiness *readiness = jd_job_finish (result, jd_readiness_compute_async, error);
  if (readiness == NULL)
    return NULL;
  GPtrArray *villages = g_steal_pointer (&readiness->villages);
  if (titles)
    *titles = g_steal_pointer (&readiness->titles);
  readiness_free (readiness);
  return villages;
}

/* ---- backups ----------------------------------------------------------------------------- */

static gpointer
list_job (gpointer source, gpointer ledger_path, GCancellable *cancellable, GError **error)
{
  return jd_backups_list (ledger_path, error);
}

void
jd_backups_list_async (const char *ledger_path,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  g_return_if_fail (ledger_path != NULL);
  jd_job_start (NULL, jd_backups_list_async, list_job, g_strdup (ledger_path), g_free,
                (GDestroyNotify)g_ptr_array_unref, JD_JOB_DEFAULT, cancellable, callback,
                user_data);
}

GPtrArray *
jd_backups_list_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_backups_list_async, error);
}

typedef struct
{
  char *path;
  guint keep;
  gboolean daily;
} Backup;

static void
backup_free (gpointer data)
{
  Backup *backup = data;
  g_free (backup->path);
  g_free (backup);
}

/* The result of a backup: the path of the file made, "" when none was (a
 * daily one already made today). */
static gpointer
backup_job (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  Backup *backup = data;
  /* Read-write: the backup's entry in the audit log is a write. */
  g_autoptr (JdLedger) ledger = jd_ledger_open (backup->path, error);
  char *made_path = NULL;
  gboolean made = FALSE;
  gboolean ok
      = ledger
        && (backup->daily ? jd_backups_make_daily (ledger, backup->keep, &made, cancellable, error)
                          : jd_backups_make (ledger, &made_path, cancellable, error));
  if (!ok)
    return NULL;
  if (backup->daily)
    return g_strdup (made ? "today's" : "");
  return made_path ? made_path : g_strdup ("");
}

static void
start_backup (const char *ledger_path,
              gboolean daily,
              guint keep,
              gpointer tag,
              GCancellable *cancellable,
              GAsyncReadyCallback callback,
              gpointer user_data)
{
  Backup *backup = g_new0 (Backup, 1);
  backup->path = g_strdup (ledger_path);
  backup->daily = daily;
  backup->keep = keep;
  /* A backup done is reported done, even when Cancel came too late. */
  jd_job_start (NULL, tag, backup_job, backup, backup_free, g_free, JD_JOB_REPORT_WHAT_RAN,
                cancellable, callback, user_data);
}

void
jd_backups_make_async (const char *ledger_path,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  g_return_if_fail (ledger_path != NULL);
  start_backup (ledger_path, FALSE, 0, jd_backups_make_async, cancellable, callback, user_data);
}

gboolean
jd_backups_make_finish (GAsyncResult *result, char **made_path, GError **error)
{
  g_autofree char *path = jd_job_finish (result, jd_backups_make_async, error);
  if (path == NULL)
    return FALSE;
  if (made_path)
    *made_path = *path ? g_steal_pointer (&path) : NULL;
  return TRUE;
}

void
jd_backups_make_daily_async (const char *ledger_path,
                             guint keep,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_return_if_fail (ledger_path != NULL);
  start_backup (ledger_path, TRUE, keep, jd_backups_make_daily_async, cancellable, callback,
                user_data);
}

gboolean
jd_backups_make_daily_finish (GAsyncResult *result, gboolean *made, GError **error)
{
  g_autofree char *mark = jd_job_finish (result, jd_backups_make_daily_async, error);
  if (mark == NULL)
    return FALSE;
  if (made)
    *made = *mark != '\0';
  return TRUE;
}

/* How long a restore waits for this process's last connection to the ledger
 * (a job's, a save's, a page's let go from the main loop) to be closed. */
#define RESTORE_WAIT_MS 5000

static gboolean
ledger_open_here (const char *path)
{
  struct stat st;
  return g_stat (path, &st) == 0 && jd_ledger_file_is_open_here (&st);
}

static gpointer
restore_job (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  char **paths = data; /* the ledger, the backup */
  char *safety_path = NULL;
  /* The window has let go of the ledger; what still held it lets go on the
   * main loop, which runs on meanwhile. jd_backups_restore () refuses a
   * ledger still open here. */
  gint64 end = g_get_monotonic_time () + RESTORE_WAIT_MS * 1000;
  while (ledger_open_here (paths[0]) && g_get_monotonic_time () < end)
    g_usleep (20 * 1000);
  if (!jd_backups_restore (paths[0], paths[1], &safety_path, error))
    return NULL;
  return safety_path ? safety_path : g_strdup ("");
}

void
jd_backups_restore_async (const char *ledger_path,
                          const char *backup_path,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  g_return_if_fail (ledger_path != NULL && backup_path != NULL);

  char **paths = g_new0 (char *, 3);
  paths[0] = g_strdup (ledger_path);
  paths[1] = g_strdup (backup_path);
  jd_job_start (NULL, jd_backups_restore_async, restore_job, paths, (GDestroyNotify)g_strfreev,
                g_free, JD_JOB_REPORT_WHAT_RAN, cancellable, callback, user_data);
}

gboolean
jd_backups_restore_finish (GAsyncResult *result, char **safety_path, GError **error)
{
  g_autofree char *path = jd_job_finish (result, jd_backups_restore_async, error);
  if (path == NULL)
    return FALSE;
  if (safety_path)
    *safety_path = *path ? g_steal_pointer (&path) : NULL;
  return TRUE;
}

/* ---- files written from the ledger ------------------------------------------------------ */

typedef struct
{
  char *ledger_path;
  char *path;
  JdLedgerFileFunc func;
  gpointer data;
  GDestroyNotify data_free;
  JdProgressFunc progress;
  gpointer progress_data;
  GAsyncReadyCallback callback;
  gpointer user_data;
} FileJob;

static void
file_job_free (gpointer data)
{
  FileJob *job = data;
  g_free (job->ledger_path);
  g_free (job->path);
  g_free (job);
}

/* On the caller's main context: the caller's callback, then the caller's data
 * freed there (the task itself may be freed last on the worker thread). */
static void
file_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  FileJob *job = user_data;
  gpointer data = g_steal_pointer (&job->data);
  GDestroyNotify data_free = job->data_free;
  if (job->callback)
    job->callback (source, result, job->user_data);
  if (data_free)
    data_free (data);
}

static gpointer
file_job (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  FileJob *job = data;
  /* Read-write: the file's entry in the audit log is a write. */
  g_autoptr (JdLedger) writer = jd_ledger_open (job->ledger_path, error);
  JdFileJob file = { job->path, job->progress, job->progress_data, cancellable };
  return writer && job->func (writer, &file, job->data, error) ? JD_JOB_DONE : NULL;
}

void
jd_ledger_write_file_async (JdLedger *ledger,
                            const char *path,
                            JdLedgerFileFunc func,
                            gpointer data,
                            GDestroyNotify data_free,
                            JdProgressFunc progress,
                            gpointer progress_data,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_return_if_fail (JD_IS_LEDGER (ledger));
  g_return_if_fail (path != NULL && func != NULL);

  FileJob *job = g_new0 (FileJob, 1);
  job->ledger_path = g_strdup (jd_ledger_get_path (ledger));
  job->path = g_strdup (path);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->progress = progress;
  job->progress_data = progress_data;
  job->callback = callback;
  job->user_data = user_data;
  /* The writers remove their file when cancelled: what they report stands. */
  jd_job_start (ledger, jd_ledger_write_file_async, file_job, job, file_job_free, NULL,
                JD_JOB_REPORT_WHAT_RAN, cancellable, file_done_cb, job);
}

gboolean
jd_ledger_write_file_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_ledger_write_file_async, error) != NULL;
}

/* ---- saves ------------------------------------------------------------------------------- */

#define WRITE_RETRY_MS 50

typedef struct
{
  JdLedgerWriteFunc func;
  gpointer data;
  GDestroyNotify data_free;
  gint64 deadline; /* monotonic µs: the lock given up after it */
  GSource *retry;
} Write;

static void
write_free (gpointer data)
{
  Write *write = data;
  if (write->retry)
    {
      g_source_destroy (write->retry);
      g_source_unref (write->retry);
    }
  if (write->data_free)
    write->data_free (write->data);
  g_free (write);
  /* The end of the process waits for a save as for a job (jd_job_wait_all ()). */
  jd_job_release ();
}

gboolean
jd_ledger_write_now (JdLedger *self, JdLedgerWriteFunc func, gpointer data, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* Never a wait on this thread: the lock now, or JD_ERROR_BUSY. */
  sqlite3_busy_timeout (self->db, 0);
  gboolean begun = jd_ledger_begin (self, error);
  sqlite3_busy_timeout (self->db, self->busy_ms);
  if (!begun)
    return FALSE;
  if (func (self, data, error) && jd_ledger_commit (self, error))
    return TRUE;
  jd_ledger_rollback (self);
  return FALSE;
}

/* TRUE when the task is done (returned); FALSE when the lock is another
 * program's and is to be tried again. */
static gboolean
try_write (GTask *task)
{
  JdLedger *self = g_task_get_source_object (task);
  Write *write = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return TRUE;
  if (jd_ledger_write_now (self, write->func, write->data, &error))
    {
      g_task_return_boolean (task, TRUE);
      return TRUE;
    }
  if (!g_error_matches (error, JD_ERROR, JD_ERROR_BUSY))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return TRUE;
    }
  if (g_get_monotonic_time () < write->deadline)
    return FALSE;
  g_clear_error (&error);
  g_set_error (&error, JD_ERROR, JD_ERROR_BUSY,
               _ ("Nothing was saved: another program is writing to %s and did not "
                  "finish in time. Close it, or wait for it to finish, and save again."),
               self->path);
  g_task_return_error (task, g_steal_pointer (&error));
  return TRUE;
}

static gboolean
retry_cb (gpointer data)
{
  GTask *task = data;
  Write *write = g_task_get_task_data (task);
  if (!try_write (task))
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&write->retry, g_source_unref);
  return G_SOURCE_REMOVE;
}

void
jd_ledger_write_async (JdLedger *self,
                       JdLedgerWriteFunc func,
                       gpointer data,
                       GDestroyNotify data_free,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  g_return_if_fail (JD_IS_LEDGER (self));
  g_return_if_fail (func != NULL);

  jd_job_hold ();
  Write *write = g_new0 (Write, 1);
  write->func = func;
  write->data = data;
  write->data_free = data_free;
  write->deadline = g_get_monotonic_time () + (gint64)self->busy_ms * 1000;
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, jd_ledger_write_async);
  g_task_set_task_data (task, write, write_free);
  /* What was written stays written: a Cancel after the commit changes nothing. */
  g_task_set_check_cancellable (task, FALSE);
  if (try_write (task))
    return;
  /* Tried again from the caller's main context; the source holds the task. */
  write->retry = g_timeout_source_new (WRITE_RETRY_MS);
  g_source_set_callback (write->retry, retry_cb, g_object_ref (task), g_object_unref);
  g_source_set_static_name (write->retry, "[jindu] save waiting for the write lock");
  g_source_attach (write->retry, g_task_get_context (task));
}

gboolean
jd_ledger_write_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, jd_ledger_write_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
