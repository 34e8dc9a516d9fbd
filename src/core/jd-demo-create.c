/* jd-demo-create.c: the demo ledger made in a file of its own, off the
 * caller's thread (docs/architecture.md, "Threads and connections")
 *
 * The window's empty page opens the demo ledger, made on first use: a job of
 * jd-job.c makes its folder, creates it beside its place under a ".part" name
 * on a connection of its own, fills it (jd_demo_fill ()), closes it and
 * renames it into place.
 */
#include "config.h"

#include "jd-demo.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "jd-error.h"
#include "jd-job.h"

/* jd_demo_fill () names the township of its scale; this is the name the file
 * is created with, as `jindu demo` does. */
#define DEMO_TOWNSHIP "博美镇"
#define DEMO_COUNTY "陆丰市"

typedef struct
{
  char *path; /* where the demo ledger goes */
  char *part; /* where it is made */
  JdDemoScale scale;
  guint32 seed;
  JdProgressFunc progress;
  gpointer progress_data;
} DemoJob;

static void
demo_job_free (gpointer data)
{
  DemoJob *job = data;
  g_free (job->path);
  g_free (job->part);
  g_free (job);
}

static void
remove_ledger_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static gboolean
rename_file (const char *from, const char *to, GError **error)
{
  if (g_rename (from, to) == 0)
    return TRUE;
  int saved = errno;
  g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("The demo ledger cannot be saved as %s: %s"), to,
               g_strerror (saved));
  return FALSE;
}

static gpointer
demo_job (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  DemoJob *job = data;

  g_autofree char *folder = g_path_get_dirname (job->path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("The folder %s cannot be created: %s"), folder,
                   g_strerror (saved));
      return NULL;
    }
  /* A demo left half-made by a crash is started again. */
  remove_ledger_files (job->part);
  g_autoptr (JdLedger) ledger = jd_ledger_create (job->part, DEMO_TOWNSHIP, DEMO_COUNTY, error);
  if (ledger == NULL
      || !jd_demo_fill (ledger, job->scale, job->seed, job->progress, job->progress_data,
                        cancellable, error))
    {
      g_clear_object (&ledger);
      remove_ledger_files (job->part);
      return NULL;
    }

  /* Closing the last connection folds the write-ahead log back into the file. */
  g_clear_object (&ledger);
  g_autofree char *part_wal = g_strconcat (job->part, "-wal", NULL);
  g_autofree char *path_wal = g_strconcat (job->path, "-wal", NULL);
  g_autofree char *part_shm = g_strconcat (job->part, "-shm", NULL);
  g_unlink (part_shm);
  if ((g_file_test (part_wal, G_FILE_TEST_EXISTS) && !rename_file (part_wal, path_wal, error))
      || !rename_file (job->part, job->path, error))
    {
      remove_ledger_files (job->part);
      return NULL;
    }
  return JD_JOB_DONE;
}

void
jd_demo_create_async (const char *path,
                      JdDemoScale scale,
                      guint32 seed,
                      JdProgressFunc progress,
                      gpointer progress_data,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data)
{
  g_return_if_fail (path != NULL);

  DemoJob *job = g_new0 (DemoJob, 1);
  job->path = g_strdup (path);
  job->part = g_strconcat (path, ".part", NULL);
  job->scale = scale;
  job->seed = seed;
  job->progress = progress;
  job->progress_data = progress_data;
  /* A demo made is reported made, even when Cancel came too late: the file
   * is in place and the next click would open it. */
  jd_job_start (NULL, jd_demo_create_async, demo_job, job, demo_job_free, NULL,
                JD_JOB_REPORT_WHAT_RAN, cancellable, callback, user_data);
}

gboolean
jd_demo_create_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_demo_create_async, error) != NULL;
}
