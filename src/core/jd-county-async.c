/* jd-county-async.c: the slow work on a county ledger, off the caller's thread
 *
 * Every pair is one job (jd-job.h) that opens its own connection to the
 * county file on the worker thread, runs the synchronous function of
 * jd-county.c, jd-county-add.c or jd-county-figures.c on it, and closes it
 * there (docs/architecture.md, "Threads and connections").
 */
#include "config.h"

#include "jd-county-async.h"

#include "jd-county-private.h"
#include "jd-job.h"

/* ---- a job on a connection of its own --------------------------------------------------- */

typedef struct
{
  char *county_path;
  gboolean writable;
  JdCountyReadFunc func;
  gpointer data;
  GDestroyNotify data_free;
} CountyJob;

static void
county_job_free (gpointer data)
{
  CountyJob *job = data;
  if (job->data_free)
    job->data_free (job->data);
  g_free (job->county_path);
  g_free (job);
}

static gpointer
county_job (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  CountyJob *job = data;
  g_autoptr (JdCounty) county = jd_county_open_connection (job->county_path, job->writable, error);
  return county ? job->func (county, job->data, cancellable, error) : NULL;
}

/* Starts func (a connection of the worker's own, data) as the job of tag. */
static void
start (JdCounty *county,
       gpointer tag,
       gboolean writable,
       JdCountyReadFunc func,
       gpointer data,
       GDestroyNotify data_free,
       GDestroyNotify result_free,
       JdJobFlags flags,
       GCancellable *cancellable,
       GAsyncReadyCallback callback,
       gpointer user_data)
{
  CountyJob *job = g_new0 (CountyJob, 1);
  job->county_path = g_strdup (jd_county_get_path (county));
  job->writable = writable;
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  jd_job_start (NULL, tag, county_job, job, county_job_free, result_free, flags, cancellable,
                callback, user_data);
}

/* ---- opening ------------------------------------------------------------------------------ */

static gpointer
open_job (gpointer source, gpointer path, GCancellable *cancellable, GError **error)
{
  return jd_county_open (path, error);
}

void
jd_county_open_async (const char *path,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data)
{
  g_return_if_fail (path != NULL);
  jd_job_start (NULL, jd_county_open_async, open_job, g_strdup (path), g_free, g_object_unref,
                JD_JOB_DEFAULT, cancellable, callback, user_data);
}

JdCounty *
jd_county_open_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_county_open_async, error);
}

/* ---- the dashboard ------------------------------------------------------------------------ */

typedef struct
{
  int year;
  guint n_years;
  JdDay as_of;
} DashboardRequest;

static gpointer
dashboard_job (JdCounty *reader, gpointer data, GCancellable *cancellable, GError **error)
{
  DashboardRequest *request = data;
  return jd_county_dashboard_compute (reader, request->year, request->n_years, request->as_of,
                                      cancellable, error);
}

void
jd_county_dashboard_compute_async (JdCounty *county,
                                   int year,
                                   guint n_years,
                                   JdDay as_of,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_return_if_fail (JD_IS_COUNTY (county));
  DashboardRequest *request = g_new (DashboardRequest, 1);
  *request = (DashboardRequest){ year, n_years, as_of };
  start (county, jd_county_dashboard_compute_async, FALSE, dashboard_job, request, g_free,
         (GDestroyNotify)jd_county_dashboard_free, JD_JOB_DEFAULT, cancellable, callback,
         user_data);
}

JdCountyDashboard *
jd_county_dashboard_compute_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_county_dashboard_compute_async, error);
}

/* ---- the lists ---------------------------------------------------------------------------- */

void
jd_county_read_async (JdCounty *county,
                      JdCountyReadFunc func,
                      gpointer data,
                      GDestroyNotify data_free,
                      GDestroyNotify result_free,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data)
{
  g_return_if_fail (JD_IS_COUNTY (county));
  g_return_if_fail (func != NULL);
  start (county, jd_county_read_async, FALSE, func, data, data_free, result_free, JD_JOB_DEFAULT,
         cancellable, callback, user_data);
}

gpointer
jd_county_read_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_county_read_async, error);
}

/* ---- a package checked, and added --------------------------------------------------------- */

typedef struct
{
  JdPackageManifest *manifest;
  gboolean known;
} Checked;

static void
checked_free (gpointer data)
{
  Checked *checked = data;
  jd_package_manifest_free (checked->manifest);
  g_free (checked);
}

static gpointer
check_job (JdCounty *reader, gpointer path, GCancellable *cancellable, GError **error)
{
  gboolean known = FALSE;
  JdPackageManifest *manifest = jd_county_check_package (reader, path, &known, error);
  if (manifest == NULL)
    return NULL;
  Checked *checked = g_new (Checked, 1);
  *checked = (Checked){ manifest, known };
  return checked;
}

void
jd_county_check_package_async (JdCounty *county,
                               const char *path,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_return_if_fail (JD_IS_COUNTY (county));
  g_return_if_fail (path != NULL);
  start (county, jd_county_check_package_async, FALSE, check_job, g_strdup (path), g_free,
         checked_free, JD_JOB_DEFAULT, cancellable, callback, user_data);
}

JdPackageManifest *
jd_county_check_package_finish (GAsyncResult *result, gboolean *known, GError **error)
{
  Checked *checked = jd_job_finish (result, jd_county_check_package_async, error);
  if (checked == NULL)
    return NULL;
  JdPackageManifest *manifest = g_steal_pointer (&checked->manifest);
  if (known)
    *known = checked->known;
  checked_free (checked);
  return manifest;
}

typedef struct
{
  char *path;
  char *trusted_fingerprint;
} AddRequest;

static void
add_request_free (gpointer data)
{
  AddRequest *request = data;
  g_free (request->path);
  g_free (request->trusted_fingerprint);
  g_free (request);
}

static gpointer
add_job (JdCounty *writer, gpointer data, GCancellable *cancellable, GError **error)
{
  AddRequest *request = data;
  return jd_county_add_trusting (writer, request->path, request->trusted_fingerprint, NULL, NULL,
                                 cancellable, error);
}

void
jd_county_add_async (JdCounty *county,
                     const char *path,
                     const char *trusted_fingerprint,
                     GCancellable *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer user_data)
{
  g_return_if_fail (JD_IS_COUNTY (county));
  g_return_if_fail (path != NULL);
  AddRequest *request = g_new (AddRequest, 1);
  *request = (AddRequest){ g_strdup (path), g_strdup (trusted_fingerprint) };
  start (county, jd_county_add_async, TRUE, add_job, request, add_request_free,
         (GDestroyNotify)jd_county_added_free, JD_JOB_REPORT_WHAT_RAN, cancellable, callback,
         user_data);
}

JdCountyAdded *
jd_county_add_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_county_add_async, error);
}

/* ---- files written from the county -------------------------------------------------------- */

typedef struct
{
  char *path;
  JdCountyFileFunc func;
  gpointer data;
  GDestroyNotify data_free;
  JdProgressFunc progress;
  gpointer progress_data;
} FileRequest;

static void
file_request_free (gpointer data)
{
  FileRequest *request = data;
  if (request->data_free)
    request->data_free (request->data);
  g_free (request->path);
  g_free (request);
}

static gpointer
file_job (JdCounty *reader, gpointer data, GCancellable *cancellable, GError **error)
{
  FileRequest *request = data;
  return request->func (reader, request->path, request->progress, request->progress_data,
                        request->data, cancellable, error)
             ? JD_JOB_DONE
             : NULL;
}

void
jd_county_write_file_async (JdCounty *county,
                            const char *path,
                            JdCountyFileFunc func,
                            gpointer data,
                            GDestroyNotify data_free,
                            JdProgressFunc progress,
                            gpointer progress_data,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_return_if_fail (JD_IS_COUNTY (county));
  g_return_if_fail (path != NULL && func != NULL);
  FileRequest *request = g_new (FileRequest, 1);
  *request = (FileRequest){ g_strdup (path), func, data, data_free, progress, progress_data };
  start (county, jd_county_write_file_async, FALSE, file_job, request, file_request_free, NULL,
         JD_JOB_REPORT_WHAT_RAN, cancellable, callback, user_data);
}

gboolean
jd_county_write_file_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_county_write_file_async, error) != NULL;
}
