/* jd-county-async.h: the slow work on a county ledger, off the caller's thread
 *
 * Each pair is GIO's, as those of jd-ledger-async.h: the _async function
 * returns at once, the work runs on a worker thread (jd-job.h) on a
 * connection to the county file that the job opens there and closes there
 * (read-only where it only reads), and the callback runs on the caller's
 * thread-default main context, where the _finish function gives the result
 * or the GError. Cancelled before it starts, a job gives G_IO_ERROR_CANCELLED
 * and writes nothing. The window calls these and opens no connection or
 * thread of its own (docs/architecture.md, "Threads and connections").
 */
#pragma once

#include "jd-county.h"
#include "jd-person-query.h"

G_BEGIN_DECLS

/* Opens a county ledger, as jd_county_open () (as jd_ledger_open_async ()
 * does a township's). */
void jd_county_open_async (const char *path,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data);
JdCounty *jd_county_open_finish (GAsyncResult *result, GError **error);

/* jd_county_dashboard_compute () on a read-only connection of its own. */
void jd_county_dashboard_compute_async (JdCounty *county,
                                        int year,
                                        guint n_years,
                                        JdDay as_of,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
JdCountyDashboard *jd_county_dashboard_compute_finish (GAsyncResult *result, GError **error);

/* Reads the county on the worker thread: reader is a read-only connection of
 * the worker's own. Returns the result, or NULL with error set. */
typedef gpointer (*JdCountyReadFunc) (JdCounty *reader,
                                      gpointer data,
                                      GCancellable *cancellable,
                                      GError **error);
/* Runs func (its result freed with result_free when nobody takes it; data
 * with data_free once the job is over): the county's lists (readiness, work
 * due, persons registered twice, packages received). */
void jd_county_read_async (JdCounty *county,
                           JdCountyReadFunc func,
                           gpointer data,
                           GDestroyNotify data_free,
                           GDestroyNotify result_free,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data);
gpointer jd_county_read_finish (GAsyncResult *result, GError **error);

/* The drill-down's reads (county → township → village → persons,
 * docs/contract.md §9), each a job of its own:
 *
 * the villages of the county's township (a GListStore of JdVillageItem, as
 * jd_village_list_load () reads them from its snapshot), on connections the
 * job opens and closes on the worker thread; */
void jd_county_villages_async (JdCounty *county,
                               const char *township,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
GListStore *jd_county_villages_finish (GAsyncResult *result, GError **error);

/* the persons the township's village of that code manages, as a JdPersonQuery
 * (options as jd_person_query_new () takes them) counted on the worker thread.
 * The query pages on a read-only connection of its own to the snapshot, opened
 * by the job and handed to the caller with it: the caller's thread reads it
 * from then on, and it is closed with the query. JD_ERROR_NOT_FOUND names a
 * township or a village the county does not have. */
void jd_county_village_persons_async (JdCounty *county,
                                      const char *township,
                                      const char *village_code,
                                      const JdWorkDueOptions *options,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
JdPersonQuery *jd_county_village_persons_finish (GAsyncResult *result, GError **error);

/* jd_county_check_package () on a read-only connection of its own: the
 * package's manifest, and in known whether the county holds a package of its
 * township already. */
void jd_county_check_package_async (JdCounty *county,
                                    const char *path,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data);
JdPackageManifest *
jd_county_check_package_finish (GAsyncResult *result, gboolean *known, GError **error);

/* jd_county_add_trusting () on a connection of its own. A package added is
 * reported added, even when Cancel came too late to stop it. */
void jd_county_add_async (JdCounty *county,
                          const char *path,
                          const char *trusted_fingerprint,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data);
JdCountyAdded *jd_county_add_finish (GAsyncResult *result, GError **error);

/* Writes file->path from the county (its workbook), on the worker
 * thread: reader is a read-only connection of the worker's own (what is
 * written from a county is recorded on a connection of its own,
 * jd-county-audit.h); progress is called on the worker thread. */
typedef gboolean (*JdCountyFileFunc) (JdCounty *reader,
                                      const JdFileJob *file,
                                      gpointer data,
                                      GError **error);
/* Runs func; data is freed (data_free) once the job is over. The writers
 * remove their file when cancelled: what they report stands. */
void jd_county_write_file_async (JdCounty *county,
                                 const char *path,
                                 JdCountyFileFunc func,
                                 gpointer data,
                                 GDestroyNotify data_free,
                                 JdProgressFunc progress,
                                 gpointer progress_data,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
gboolean jd_county_write_file_finish (GAsyncResult *result, GError **error);

G_END_DECLS
