/* jd-county.h: a county's ledger of its townships' packages (docs/contract.md §9)
 *
 * A county ledger is an SQLite file of its own (application_id "JdCy") that
 * lists the townships, the key each is trusted by, the package held and the
 * ID numbers of its persons; each township's snapshot is kept as a file in the
 * folder beside it (COUNTY.db.townships/, 0700). The county's figures are the
 * township engines' own (indicators, readiness, work due) run on each
 * snapshot, their counts, numerators and denominators summed (see
 * docs/architecture.md).
 */
#pragma once

#include "jd-dashboard.h"
#include "jd-indicators.h"
#include "jd-ledger.h"
#include "jd-package.h"
#include "jd-work-due.h"

G_BEGIN_DECLS

/* PRAGMA application_id of a county ledger: "JdCy". */
#define JD_COUNTY_APPLICATION_ID 0x4A644379
#define JD_COUNTY_SCHEMA_VERSION 1

#define JD_TYPE_COUNTY (jd_county_get_type ())
G_DECLARE_FINAL_TYPE (JdCounty, jd_county, JD, COUNTY, GObject)

typedef struct
{
  char *name;
  char *county; /* as the township's package says; may be NULL */
  char *as_of;  /* the package's, UTC */
  char *fingerprint;
  char *received_at; /* UTC */
  int data_version;
  gint64 persons;
  char *snapshot; /* the snapshot's path */
} JdCountyTownship;

void jd_county_township_free (JdCountyTownship *township);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdCountyTownship, jd_county_township_free)

typedef struct
{
  char *id_number;
  GStrv townships; /* by name */
} JdCountyDuplicate;

void jd_county_duplicate_free (JdCountyDuplicate *duplicate);

/* Is the file at path a county ledger (by its header; it is not opened)? */
gboolean jd_county_is_county (const char *path);

JdCounty *jd_county_create (const char *path, const char *name, GError **error);
JdCounty *jd_county_open (const char *path, GError **error);
const char *jd_county_get_path (JdCounty *self);
const char *jd_county_get_name (JdCounty *self);
/* The folder of the townships' snapshots. */
const char *jd_county_get_folder (JdCounty *self);

/* What jd_county_add () did. */
typedef struct
{
  char *township;
  char *fingerprint;
  char *as_of;
  gboolean first; /* the township's key was trusted now */
  gint64 persons;
} JdCountyAdded;

void jd_county_added_free (JdCountyAdded *added);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdCountyAdded, jd_county_added_free)

/* Adds the package at path, whole or not at all: it replaces the township's
 * package when it is signed by the key the township is trusted by (any key the
 * first time), is newer than the one held and of a data version this program
 * reads. JD_ERROR_INVALID names the file and the reason. progress (may be
 * NULL) goes from 0 to 1 as the package is read and checked. */
JdCountyAdded *jd_county_add (JdCounty *self,
                              const char *path,
                              JdProgressFunc progress,
                              gpointer user_data,
                              GCancellable *cancellable,
                              GError **error);

/* As jd_county_add (), but a township met for the first time is trusted only
 * when its key's fingerprint is trusted_fingerprint (NULL: any key), the one
 * the user confirmed after jd_county_check_package (). */
JdCountyAdded *jd_county_add_trusting (JdCounty *self,
                                       const char *path,
                                       const char *trusted_fingerprint,
                                       JdProgressFunc progress,
                                       gpointer user_data,
                                       GCancellable *cancellable,
                                       GError **error);

/* Reads and checks the package at path without adding it (its signature and
 * checksum, its kind and data version, the key the county trusts for its
 * township): its manifest, and in *known whether the county holds a package
 * of that township already (else adding it trusts its key). NULL and
 * JD_ERROR_INVALID with the reason, as jd_county_add () would refuse it. */
JdPackageManifest *
jd_county_check_package (JdCounty *self, const char *path, gboolean *known, GError **error);

/* A package the county received (the table receipt). */
typedef struct
{
  char *township;
  char *file; /* its file name when added */
  char *as_of;
  char *fingerprint;
  char *received_at; /* UTC */
} JdCountyReceipt;

void jd_county_receipt_free (JdCountyReceipt *receipt);
/* Every package received, the latest first: an array of JdCountyReceipt. */
GPtrArray *jd_county_receipts (JdCounty *self, GError **error);

/* The townships by name: an array of JdCountyTownship. */
GPtrArray *jd_county_list (JdCounty *self, GError **error);
/* One township; JD_ERROR_NOT_FOUND names it when the county has no such. */
JdCountyTownship *jd_county_find (JdCounty *self, const char *name, GError **error);
/* The township named (jd_county_find), or every one when township is NULL
 * (jd_county_list): an array of JdCountyTownship. */
GPtrArray *jd_county_townships (JdCounty *self, const char *township, GError **error);
/* Persons registered in two townships or more (the same ID number; a person
 * whose record there ended with moved_out is not registered there any more),
 * by ID number: an array of JdCountyDuplicate. */
GPtrArray *jd_county_duplicates (JdCounty *self, GError **error);

/* Opens a township's snapshot (read by the township engines). */
JdLedger *
jd_county_open_township (JdCounty *self, const JdCountyTownship *township, GError **error);

/* The indicators of the county (township NULL) or of one township, years
 * first … last as jd_indicators_compute () counts them. */
JdIndicators *jd_county_indicators (JdCounty *self,
                                    const char *township,
                                    int first_year,
                                    int last_year,
                                    JdDay as_of,
                                    JdProgressFunc progress,
                                    gpointer user_data,
                                    GCancellable *cancellable,
                                    GError **error);

/* Calls func on each township's snapshot (only township's when not NULL), in
 * name order, stopping at the first that fails. */
typedef gboolean (*JdCountyTownshipFunc) (const JdCountyTownship *township,
                                          JdLedger *ledger,
                                          gpointer user_data,
                                          GError **error);
gboolean jd_county_foreach (JdCounty *self,
                            const char *township,
                            JdCountyTownshipFunc func,
                            gpointer user_data,
                            GCancellable *cancellable,
                            GError **error);

/* Readiness of every village of the county (or of township), as
 * jd_readiness_compute () gives it for each township, townships in name
 * order; townships gets each village's township (owned by the caller). */
GPtrArray *jd_county_readiness (JdCounty *self,
                                const char *township,
                                int year,
                                JdDay as_of,
                                GPtrArray **townships,
                                GCancellable *cancellable,
                                GError **error);
/* The work due in every township (or in township), most overdue first, then by
 * due date; townships gets each item's township. */
GPtrArray *jd_county_work_due (JdCounty *self,
                               const char *township,
                               const JdWorkDueOptions *options,
                               GPtrArray **townships,
                               GCancellable *cancellable,
                               GError **error);

/* The county's dashboard: the county's indicators summed from its persons and
 * judged against the default targets (a county keeps none), and each
 * township's, for the table of townships against the targets. */
typedef struct
{
  JdDashboard *county;  /* no villages */
  GPtrArray *townships; /* JdDashboard, no villages, in name order */
  GPtrArray *names;     /* the townships' names */
} JdCountyDashboard;

JdCountyDashboard *jd_county_dashboard_compute (JdCounty *self,
                                                int year,
                                                guint n_years,
                                                JdDay as_of,
                                                GCancellable *cancellable,
                                                GError **error);
void jd_county_dashboard_free (JdCountyDashboard *dashboard);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdCountyDashboard, jd_county_dashboard_free)

G_END_DECLS
