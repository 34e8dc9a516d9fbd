/* jd-county-async.c: the slow work on a county ledger, off the caller's thread
 *
 * Every pair is one job (jd-job.h) that opens its own connection to the
 * county file on the worker thread, runs the synchronous function of
 * jd-county.c, jd-county-add.c or jd-county-figures.c on it, and closes it
 * there (docs/architecture.md, "Threads and connections").
 */
#include "config.h"

#include "jd-county-async.h"

#include <glib/gi18n-lib.h>

#include "jd-county-private.h"
#include "jd-error.h"
#include "jd-job.h"
#include "jd-ledger-private.h"
#include "jd-village-list.h"

/* ---- a job on a connection of its own --------------------------------------------------- */

/* A job's own connection to the county it was given (the job's source): opened
 * on the worker thread, and closed there by the job's g_autoptr. */
static JdCounty *
open_own (gpointer source, gboolean writable, GError **error)
{
  return jd_county_open_connection (jd_county_get_path (source), writable, error);
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
dashboard_job (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  DashboardRequest *request = data;
  g_autoptr (JdCounty) reader = open_own (source, FALSE, error);
  return reader ? jd_county_dashboard_compute (reader, request->year, request->n_years,
                                               request->as_of, cancellable, error)
                : NULL;
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
  jd_job_start (county, jd_county_dashboard_compute_async, dashboard_job, request, g_free,
                (GDestroyNotify)jd_county_dashboard_free, JD_JOB_DEFAULT, cancellable, callback,
                user_data);
}

JdCountyDashboard *
jd_county_dashboard_compute_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_county_dashboard_compute_async, error);
}

/* ---- the drill-down ----------------------------------------------------------------------- */

/* The township's snapshot, found on a read-only connection of the job's own to
 * the county (closed here, on the worker thread). */
static JdLedger *
open_snapshot (gpointer source, const char *township, GError **error)
{
  g_autoptr (JdCounty) reader = open_own (source, FALSE, error);
  g_autoptr (JdCountyTownship) t = reader ? jd_county_find (reader, township, error) : NULL;
  return t ? jd_county_open_township (reader, t, error) : NULL;
}

static gpointer
villages_job (gpointer source, gpointer township, GCancellable *cancellable, GError **error)
{
  g_autoptr (JdLedger) snapshot = open_snapshot (source, township, error);
  return snapshot ? jd_village_list_load (snapshot, error) : NULL;
}

void
jd_county_villages_async (JdCounty *county,
                          const char *township,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  g_return_if_fail (JD_IS_COUNTY (county));
  g_return_if_fail (township != NULL);
  jd_job_start (county, jd_county_villages_async, villages_job, g_strdup (township), g_free,
                g_object_unref, JD_JOB_DEFAULT, cancellable, callback, user_data);
}

GListStore *
jd_county_villages_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_county_villages_async, error);
}

typedef struct
{
  GStrv place; /* the township, the village's code */
  JdWorkDueOptions options;
} PersonsRequest;

static void
persons_request_free (gpointer data)
{
  g_strfreev (((PersonsRequest *)data)->place);
  g_free (data);
}

static gpointer
persons_job (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  PersonsRequest *request = data;
  g_autoptr (JdLedger) snapshot = open_snapshot (source, request->place[0], error);
  g_autoptr (GListStore) villages = snapshot ? jd_village_list_load (snapshot, error) : NULL;
  if (villages == NULL)
    return NULL;
  gint64 village_id = 0;
  for (guint i = 0; village_id == 0 && i < g_list_model_get_n_items (G_LIST_MODEL (villages)); i++)
    {
      g_autoptr (JdVillageItem) v = g_list_model_get_item (G_LIST_MODEL (villages), i);
      if (g_strcmp0 (jd_village_item_get_code (v), request->place[1]) == 0)
        village_id = jd_village_item_get_id (v);
    }
  if (village_id == 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_NOT_FOUND,
                   _ ("The township “%s” has no village of code %s"), request->place[0],
                   request->place[1]);
      return NULL;
    }
  /* The query's own connection, read-only; the snapshot's is closed here. */
  g_autoptr (JdLedger) reader = jd_ledger_open_reader (snapshot, error);
  if (reader == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  g_autoptr (JdPersonQuery) persons = jd_person_query_new (reader, &request->options);
  jd_person_query_set_village (persons, village_id);
  return jd_person_query_refresh (persons, error) ? g_steal_pointer (&persons) : NULL;
}

void
jd_county_village_persons_async (JdCounty *county,
                                 const char *township,
                                 const char *village_code,
                                 const JdWorkDueOptions *options,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_return_if_fail (JD_IS_COUNTY (county));
  g_return_if_fail (township != NULL && village_code != NULL && options != NULL);
  PersonsRequest *request = g_new0 (PersonsRequest, 1);
  request->place = g_strdupv ((char *[]){ (char *)township, (char *)village_code, NULL });
  request->options = *options;
  jd_job_start (county, jd_county_village_persons_async, persons_job, request, persons_request_free,
                g_object_unref, JD_JOB_DEFAULT, cancellable, callback, user_data);
}

JdPersonQuery *
jd_county_village_persons_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_county_village_persons_async, error);
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
check_job (gpointer source, gpointer path, GCancellable *cancellable, GError **error)
{
  g_autoptr (JdCounty) reader = open_own (source, FALSE, error);
  gboolean known = FALSE;
  JdPackageManifest *manifest
      = reader ? jd_county_check_package (reader, path, &known, error) : NULL;
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
  jd_job_start (county, jd_county_check_package_async, check_job, g_strdup (path), g_free,
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
add_job (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  AddRequest *request = data;
  g_autoptr (JdCounty) writer = open_own (source, TRUE, error);
  return writer ? jd_county_add_trusting (writer, request->path, request->trusted_fingerprint, NULL,
                                          NULL, cancellable, error)
                : NULL;
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
  jd_job_start (county, jd_county_add_async, add_job, request, add_request_free,
                (GDestroyNotify)jd_county_added_free, JD_JOB_REPORT_WHAT_RAN, cancellable, callback,
                user_data);
}

JdCountyAdded *
jd_county_add_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_county_add_async, error);
}

/* ---- a read of the county's, or a file written from it ------------------------------------ */

/* The caller's func, read (a list) or write (a file at path), and its data. */
typedef struct
{
  JdCountyReadFunc read;
  JdCountyFileFunc write;
  char *path;
  JdProgressFunc progress;
  gpointer progress_data;
  gpointer data;
  GDestroyNotify data_free;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;
  if (request->data_free)
    request->data_free (request->data);
  g_free (request->path);
  g_free (request);
}

static gpointer
request_job (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  Request *request = data;
  g_autoptr (JdCounty) reader = open_own (source, FALSE, error);
  if (reader == NULL)
    return NULL;
  if (request->read)
    return request->read (reader, request->data, cancellable, error);
  JdFileJob file = { request->path, request->progress, request->progress_data, cancellable };
  return request->write (reader, &file, request->data, error) ? JD_JOB_DONE : NULL;
}

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
  Request *request = g_new0 (Request, 1);
  request->read = func;
  request->data = data;
  request->data_free = data_free;
  jd_job_start (county, jd_county_read_async, request_job, request, request_free, result_free,
                JD_JOB_DEFAULT, cancellable, callback, user_data);
}

gpointer
jd_county_read_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_county_read_async, error);
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
  Request *request = g_new0 (Request, 1);
  request->write = func;
  request->path = g_strdup (path);
  request->progress = progress;
  request->progress_data = progress_data;
  request->data = data;
  request->data_free = data_free;
  jd_job_start (county, jd_county_write_file_async, request_job, request, request_free, NULL,
                JD_JOB_REPORT_WHAT_RAN, cancellable, callback, user_data);
}

gboolean
jd_county_write_file_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_county_write_file_async, error) != NULL;
}
