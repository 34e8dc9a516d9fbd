/* test-county-async.c: the county's asynchronous pairs (src/core/jd-county-async.c)
 *
 * Two townships, 博美镇 (the fixture's ledger) and 乙镇 (a second ledger in
 * the folder), each with one village; 博美镇 registers the persons numbered
 * 1 and 2 (jd_test_id_number ("19900101", n)), 乙镇 the persons 1 and 3, so
 * four persons are registered in the county and one ID number (person 1) in
 * both townships. Each writes its package; the county of the test holds both.
 *
 * Each pair gives what its synchronous function gives on the same county; its
 * work runs on a worker thread, on a connection of its own that is closed on
 * that thread (read-only where the job only reads). Cancelled before it
 * starts, a pair gives G_IO_ERROR_CANCELLED and writes nothing (no township,
 * no snapshot, no file). A tampered package comes back as the error
 * jd_county_check_package () and jd_county_add () give, and adds nothing.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "jd-county-async.h"
#include "jd-county-private.h"
#include "jd-date.h"
#include "jd-error.h"
#include "jd-package.h"
#include "jd-test-ledger.h"
#include "jd-village-list.h"

typedef struct
{
  JdTestLedger t;
  char *packages[2];
  char *fingerprints[2];
  char *county_path;
  JdCounty *county; /* holding both packages */
} Fixture;

static void
write_package (JdLedger *ledger, const char *path, char **fingerprint)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (
      jd_package_write (ledger, path, JD_OUTPUT_NONE, fingerprint, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  jd_test_ledger_set_up (&f->t, "jd-county-async-XXXXXX");
  gint64 village = jd_test_add_village (f->t.ledger, "001", "东村");
  jd_test_add_numbered_person (f->t.ledger, village, 1, "甲");
  jd_test_add_numbered_person (f->t.ledger, village, 2, "乙");

  g_autofree char *second_path = g_build_filename (f->t.dir, "second.db", NULL);
  g_autoptr (JdLedger) second = jd_ledger_create (second_path, "乙镇", JD_TEST_COUNTY, &error);
  g_assert_no_error (error);
  gint64 other = jd_test_add_village (second, "001", "西村");
  jd_test_add_numbered_person (second, other, 1, "甲");
  jd_test_add_numbered_person (second, other, 3, "丙");

  f->packages[0] = g_build_filename (f->t.dir, "first.jdpkg", NULL);
  f->packages[1] = g_build_filename (f->t.dir, "second.jdpkg", NULL);
  write_package (f->t.ledger, f->packages[0], &f->fingerprints[0]);
  write_package (second, f->packages[1], &f->fingerprints[1]);

  f->county_path = g_build_filename (f->t.dir, "county.db", NULL);
  f->county = jd_county_create (f->county_path, JD_TEST_COUNTY, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 2; i++)
    {
      g_autoptr (JdCountyAdded) added
          = jd_county_add (f->county, f->packages[i], NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->county);
  for (int i = 0; i < 2; i++)
    {
      g_free (f->packages[i]);
      g_free (f->fingerprints[i]);
    }
  g_free (f->county_path);
  jd_test_ledger_tear_down (&f->t);
}

/* ---- waiting for a pair ------------------------------------------------------------------ */

static GCancellable *
cancelled (void)
{
  GCancellable *cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  return cancellable;
}

/* What a job saw of its connection: the thread it ran on, the thread its
 * connection was closed on, whether it could write. */
typedef struct
{
  GThread *ran_on;
  GThread *closed_on;
  JdCounty *connection;
  gboolean read_only;
} Seen;

static void
connection_closed_cb (gpointer data, GObject *where_the_object_was)
{
  Seen *seen = data;
  seen->closed_on = g_thread_self ();
}

static void
see_connection (Seen *seen, JdCounty *reader)
{
  seen->ran_on = g_thread_self ();
  seen->connection = reader;
  seen->read_only = sqlite3_db_readonly (jd_county_get_db (reader), "main") == 1;
  g_object_weak_ref (G_OBJECT (reader), connection_closed_cb, seen);
}

static void
assert_own_reader (Fixture *f, const Seen *seen)
{
  g_assert_nonnull (seen->ran_on);
  g_assert_true (seen->ran_on != g_thread_self ());
  g_assert_true (seen->closed_on == seen->ran_on);
  g_assert_true (seen->connection != f->county);
  g_assert_true (seen->read_only);
}

static guint
n_townships (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdCounty) county = jd_county_open_connection (path, FALSE, &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) list = jd_county_list (county, &error);
  g_assert_no_error (error);
  return list->len;
}

/* The files in the county's folder of snapshots. */
static guint
n_snapshots (JdCounty *county)
{
  g_autoptr (GDir) dir = g_dir_open (jd_county_get_folder (county), 0, NULL);
  guint n = 0;
  while (dir && g_dir_read_name (dir))
    n++;
  return n;
}

/* ---- the pairs --------------------------------------------------------------------------- */

static void
test_open (Fixture *f, gconstpointer data)
{
  /* Closed first, as the window opens it. */
  g_clear_object (&f->county);
  g_autoptr (GAsyncResult) result = NULL;
  jd_county_open_async (f->county_path, NULL, jd_test_got_result_cb, &result);
  g_autoptr (GError) error = NULL;
  g_autoptr (JdCounty) county = jd_county_open_finish (jd_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jd_county_get_name (county), ==, JD_TEST_COUNTY);
  g_assert_cmpuint (n_townships (f->county_path), ==, 2);
}

static gboolean
same_number (double a, double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static void
assert_same_dashboard (JdDashboard *a, JdDashboard *b)
{
  g_assert_cmpint (jd_dashboard_get_values (a)->registered, ==,
                   jd_dashboard_get_values (b)->registered);
  for (int t = 0; t < JD_N_TARGETS; t++)
    {
      g_assert_true (same_number (a->tiles[t].actual, b->tiles[t].actual));
      g_assert_true (same_number (a->tiles[t].previous, b->tiles[t].previous));
      g_assert_cmpint (a->tiles[t].judgement, ==, b->tiles[t].judgement);
    }
}

static void
test_dashboard (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdCountyDashboard) sync
      = jd_county_dashboard_compute (f->county, 2025, 5, jd_day_new (2025, 6, 30), NULL, &error);
  g_assert_no_error (error);

  g_autoptr (GAsyncResult) result = NULL;
  jd_county_dashboard_compute_async (f->county, 2025, 5, jd_day_new (2025, 6, 30), NULL,
                                     jd_test_got_result_cb, &result);
  g_autoptr (JdCountyDashboard) dashboard
      = jd_county_dashboard_compute_finish (jd_test_wait_for (&result), &error);
  g_assert_no_error (error);

  /* Four persons in the county: two in each township. */
  g_assert_cmpint (jd_dashboard_get_values (dashboard->county)->registered, ==, 4);
  assert_same_dashboard (dashboard->county, sync->county);
  g_assert_cmpuint (dashboard->townships->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (dashboard->names, i), ==,
                       g_ptr_array_index (sync->names, i));
      assert_same_dashboard (g_ptr_array_index (dashboard->townships, i),
                             g_ptr_array_index (sync->townships, i));
      g_assert_cmpint (
          jd_dashboard_get_values (g_ptr_array_index (dashboard->townships, i))->registered, ==, 2);
    }
}

/* A JdCountyReadFunc: the persons registered twice, as "ID: A、B" lines. */
static gpointer
read_duplicates (JdCounty *reader, gpointer data, GCancellable *cancellable, GError **error)
{
  see_connection (data, reader);
  g_autoptr (GPtrArray) duplicates = jd_county_duplicates (reader, error);
  if (duplicates == NULL)
    return NULL;
  GString *text = g_string_new (NULL);
  for (guint i = 0; i < duplicates->len; i++)
    {
      const JdCountyDuplicate *d = g_ptr_array_index (duplicates, i);
      g_autofree char *townships = g_strjoinv ("、", d->townships);
      g_string_append_printf (text, "%s: %s\n", d->id_number, townships);
    }
  return g_string_free (text, FALSE);
}

static void
test_read (Fixture *f, gconstpointer data)
{
  Seen seen = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *sync = read_duplicates (f->county, &seen, NULL, &error);
  g_assert_no_error (error);
  g_object_weak_unref (G_OBJECT (f->county), connection_closed_cb, &seen);
  g_autofree char *number = jd_test_id_number ("19900101", 1);
  g_autofree char *expected = g_strdup_printf ("%s: 乙镇、博美镇\n", number);
  g_assert_cmpstr (sync, ==, expected);

  seen = (Seen){ 0 };
  g_autoptr (GAsyncResult) result = NULL;
  jd_county_read_async (f->county, read_duplicates, &seen, NULL, g_free, NULL,
                        jd_test_got_result_cb, &result);
  g_autofree char *text = jd_county_read_finish (jd_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
  assert_own_reader (f, &seen);
}

/* A county with no township yet, beside the fixture's. */
static JdCounty *
new_county (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->t.dir, "new-county.db", NULL);
  JdCounty *county = jd_county_create (path, "某县", &error);
  g_assert_no_error (error);
  return county;
}

static JdPackageManifest *
check (JdCounty *county, const char *path, gboolean *known, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  jd_county_check_package_async (county, path, NULL, jd_test_got_result_cb, &result);
  return jd_county_check_package_finish (jd_test_wait_for (&result), known, error);
}

static JdCountyAdded *
add (JdCounty *county, const char *path, const char *trusted, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  jd_county_add_async (county, path, trusted, NULL, jd_test_got_result_cb, &result);
  return jd_county_add_finish (jd_test_wait_for (&result), error);
}

static void
test_check_and_add (Fixture *f, gconstpointer data)
{
  g_autoptr (JdCounty) county = new_county (f);
  g_autoptr (GError) error = NULL;

  /* A first package: its township and key, not known yet. */
  gboolean known = TRUE;
  g_autoptr (JdPackageManifest) manifest = check (county, f->packages[1], &known, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (manifest->township, ==, "乙镇");
  g_assert_cmpstr (manifest->fingerprint, ==, f->fingerprints[1]);
  g_assert_false (known);

  /* Added trusting that key, as jd_county_add_trusting () adds it. */
  g_autoptr (JdCountyAdded) added = add (county, f->packages[1], f->fingerprints[1], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (added->township, ==, "乙镇");
  g_assert_cmpstr (added->fingerprint, ==, f->fingerprints[1]);
  g_assert_true (added->first);
  g_assert_cmpint (added->persons, ==, 2);
  g_assert_cmpuint (n_townships (jd_county_get_path (county)), ==, 1);
  /* The window's connection sees it. */
  g_autoptr (GPtrArray) list = jd_county_list (county, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);

  /* The same package again: refused, as synchronously. */
  g_autoptr (GError) sync_error = NULL;
  g_assert_null (jd_county_check_package (county, f->packages[1], &known, &sync_error));
  g_assert_nonnull (sync_error);
  g_assert_null (check (county, f->packages[1], &known, &error));
  g_assert_error (error, sync_error->domain, sync_error->code);
  g_assert_cmpstr (error->message, ==, sync_error->message);
  g_clear_error (&error);
  g_clear_error (&sync_error);

  /* A newer package of a township the county holds: known. */
  g_autofree char *newer = g_build_filename (f->t.dir, "newer.jdpkg", NULL);
  write_package (f->t.ledger, newer, NULL);
  known = FALSE;
  g_autoptr (JdPackageManifest) known_manifest = check (f->county, newer, &known, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (known_manifest->township, ==, JD_TEST_TOWNSHIP);
  g_assert_true (known);

  /* Another key trusted than the package's: refused, as synchronously. */
  g_autoptr (JdCountyAdded) sync_added = jd_county_add_trusting (
      county, f->packages[0], f->fingerprints[1], NULL, NULL, NULL, &sync_error);
  g_assert_null (sync_added);
  g_assert_nonnull (sync_error);
  g_autoptr (JdCountyAdded) refused = add (county, f->packages[0], f->fingerprints[1], &error);
  g_assert_null (refused);
  g_assert_error (error, sync_error->domain, sync_error->code);
  g_assert_cmpstr (error->message, ==, sync_error->message);
  g_assert_cmpuint (n_townships (jd_county_get_path (county)), ==, 1);
}

static void
test_tampered (Fixture *f, gconstpointer data)
{
  g_autoptr (JdCounty) county = new_county (f);
  g_autofree char *tampered = g_build_filename (f->t.dir, "tampered.jdpkg", NULL);
  g_autofree char *bytes = NULL;
  gsize size = 0;
  g_assert_true (g_file_get_contents (f->packages[0], &bytes, &size, NULL));
  bytes[size - 100] ^= 1;
  g_assert_true (g_file_set_contents (tampered, bytes, size, NULL));

  g_autoptr (GError) sync_error = NULL;
  gboolean known;
  g_assert_null (jd_county_check_package (county, tampered, &known, &sync_error));
  g_assert_error (sync_error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_nonnull (strstr (sync_error->message, "damaged"));

  g_autoptr (GError) error = NULL;
  g_assert_null (check (county, tampered, &known, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, sync_error->message);

  g_clear_error (&error);
  g_assert_null (add (county, tampered, NULL, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_cmpuint (n_townships (jd_county_get_path (county)), ==, 0);
  g_assert_cmpuint (n_snapshots (county), ==, 0);
}

/* A JdCountyFileFunc: the townships' names and persons into path, a line each,
 * progress reported once a township. */
typedef struct
{
  Seen seen;
  guint progress_calls;
  double last_fraction;
} Writing;

static void
progress_cb (double fraction, gpointer user_data)
{
  Writing *writing = user_data;
  g_assert_true (g_thread_self () == writing->seen.ran_on);
  writing->progress_calls++;
  writing->last_fraction = fraction;
}

static gboolean
write_townships (JdCounty *reader, const JdFileJob *file, gpointer data, GError **error)
{
  Writing *writing = data;
  see_connection (&writing->seen, reader);
  g_autoptr (GPtrArray) list = jd_county_list (reader, error);
  if (list == NULL)
    return FALSE;
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint i = 0; i < list->len; i++)
    {
      const JdCountyTownship *t = g_ptr_array_index (list, i);
      g_string_append_printf (text, "%s %" G_GINT64_FORMAT "\n", t->name, t->persons);
      file->progress ((i + 1.0) / list->len, file->progress_data);
    }
  return g_file_set_contents (file->path, text->str, -1, error);
}

static void
test_write_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->t.dir, "townships.txt", NULL);
  Writing writing = { 0 };
  g_autoptr (GAsyncResult) result = NULL;
  jd_county_write_file_async (f->county, path, write_townships, &writing, NULL, progress_cb,
                              &writing, NULL, jd_test_got_result_cb, &result);
  g_autoptr (GError) error = NULL;
  g_assert_true (jd_county_write_file_finish (jd_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "乙镇 2\n博美镇 2\n");
  g_assert_cmpuint (writing.progress_calls, ==, 2);
  g_assert_cmpfloat (writing.last_fraction, ==, 1.0);
  assert_own_reader (f, &writing.seen);
}

static gboolean
never_called (JdCounty *reader, const JdFileJob *file, gpointer data, GError **error)
{
  g_assert_not_reached ();
}

static gpointer
never_read (JdCounty *reader, gpointer data, GCancellable *cancellable, GError **error)
{
  g_assert_not_reached ();
}

/* On whichever thread lets the job go last. */
static void
count_free (gpointer data)
{
  g_atomic_int_inc ((int *)data);
}

static void
test_cancelled (Fixture *f, gconstpointer data)
{
  g_autoptr (JdCounty) county = new_county (f);
  g_autoptr (GCancellable) cancellable = cancelled ();
  g_autoptr (GError) error = NULL;

  g_autoptr (GAsyncResult) opened = NULL;
  jd_county_open_async (f->county_path, cancellable, jd_test_got_result_cb, &opened);
  g_assert_null (jd_county_open_finish (jd_test_wait_for (&opened), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_autoptr (GAsyncResult) computed = NULL;
  jd_county_dashboard_compute_async (f->county, 2025, 5, 0, cancellable, jd_test_got_result_cb,
                                     &computed);
  g_assert_null (jd_county_dashboard_compute_finish (jd_test_wait_for (&computed), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The caller's data is freed all the same. */
  int freed = 0;
  g_autoptr (GAsyncResult) read = NULL;
  jd_county_read_async (f->county, never_read, &freed, count_free, NULL, cancellable,
                        jd_test_got_result_cb, &read);
  g_assert_null (jd_county_read_finish (jd_test_wait_for (&read), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_autoptr (GAsyncResult) checked = NULL;
  jd_county_check_package_async (county, f->packages[0], cancellable, jd_test_got_result_cb,
                                 &checked);
  g_assert_null (jd_county_check_package_finish (jd_test_wait_for (&checked), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Nothing added: no township, no snapshot. */
  g_autoptr (GAsyncResult) added = NULL;
  jd_county_add_async (county, f->packages[0], f->fingerprints[0], cancellable,
                       jd_test_got_result_cb, &added);
  g_assert_null (jd_county_add_finish (jd_test_wait_for (&added), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (n_townships (jd_county_get_path (county)), ==, 0);
  g_assert_cmpuint (n_snapshots (county), ==, 0);

  /* No file. */
  g_autofree char *path = g_build_filename (f->t.dir, "cancelled.txt", NULL);
  g_autoptr (GAsyncResult) written = NULL;
  jd_county_write_file_async (f->county, path, never_called, &freed, count_free, NULL, NULL,
                              cancellable, jd_test_got_result_cb, &written);
  g_assert_false (jd_county_write_file_finish (jd_test_wait_for (&written), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Each job's data let go once its task is (the results above). */
  g_clear_object (&read);
  g_clear_object (&written);
  while (g_atomic_int_get (&freed) < 2)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpint (freed, ==, 2);
}

/* The rows of a list of villages, "code name id" a line. */
static char *
villages_text (GListModel *villages)
{
  GString *text = g_string_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (villages); i++)
    {
      g_autoptr (JdVillageItem) v = g_list_model_get_item (villages, i);
      g_string_append_printf (text, "%s %s %" G_GINT64_FORMAT "\n", jd_village_item_get_code (v),
                              jd_village_item_get_name (v), jd_village_item_get_id (v));
    }
  return g_string_free (text, FALSE);
}

/* The rows of a list of persons, "ID number name status" a line. */
static char *
persons_text (GListModel *persons)
{
  GString *text = g_string_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (persons); i++)
    {
      g_autoptr (JdPersonRow) p = g_list_model_get_item (persons, i);
      g_assert_nonnull (p);
      g_string_append_printf (text, "%s %s %s\n", jd_person_row_get_id_number (p),
                              jd_person_row_get_name (p), jd_person_row_get_status (p));
    }
  return g_string_free (text, FALSE);
}

/* The drill-down's reads give the rows the synchronous reads give on the
 * township's snapshot: its villages, and a village's persons (乙镇's 西村:
 * persons 1 and 3). */
static void
test_drill_down (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdCountyTownship) township = jd_county_find (f->county, "乙镇", &error);
  g_assert_no_error (error);
  g_autoptr (JdLedger) snapshot = jd_county_open_township (f->county, township, &error);
  g_assert_no_error (error);
  g_autoptr (GListStore) sync_villages = jd_village_list_load (snapshot, &error);
  g_assert_no_error (error);
  g_autofree char *expected_villages = villages_text (G_LIST_MODEL (sync_villages));
  g_assert_true (g_str_has_prefix (expected_villages, "001 西村 "));

  g_autoptr (GAsyncResult) result = NULL;
  jd_county_villages_async (f->county, "乙镇", NULL, jd_test_got_result_cb, &result);
  g_autoptr (GListStore) villages = jd_county_villages_finish (jd_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_autofree char *got_villages = villages_text (G_LIST_MODEL (villages));
  g_assert_cmpstr (got_villages, ==, expected_villages);

  JdWorkDueOptions options;
  jd_work_due_options_init (&options);
  g_autoptr (JdVillageItem) village = g_list_model_get_item (G_LIST_MODEL (sync_villages), 0);
  g_autoptr (JdPersonQuery) sync_persons = jd_person_query_new (snapshot, &options);
  jd_person_query_set_village (sync_persons, jd_village_item_get_id (village));
  g_assert_true (jd_person_query_refresh (sync_persons, &error));
  g_autofree char *expected_persons = persons_text (G_LIST_MODEL (sync_persons));
  g_autofree char *one = jd_test_id_number ("19900101", 1);
  g_autofree char *three = jd_test_id_number ("19900101", 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sync_persons)), ==, 2);
  g_assert_nonnull (strstr (expected_persons, one));
  g_assert_nonnull (strstr (expected_persons, three));

  g_clear_object (&result);
  jd_county_village_persons_async (f->county, "乙镇", "001", &options, NULL, jd_test_got_result_cb,
                                   &result);
  g_autoptr (JdPersonQuery) persons
      = jd_county_village_persons_finish (jd_test_wait_for (&result), &error);
  g_assert_no_error (error);
  /* Counted on the worker thread, its pages read here. */
  g_assert_cmpuint (jd_person_query_get_n_loaded (persons), ==, 0);
  g_autofree char *got_persons = persons_text (G_LIST_MODEL (persons));
  g_assert_cmpstr (got_persons, ==, expected_persons);

  /* A township or a village the county does not have: said, by name. */
  g_clear_object (&result);
  jd_county_villages_async (f->county, "丁镇", NULL, jd_test_got_result_cb, &result);
  g_assert_null (jd_county_villages_finish (jd_test_wait_for (&result), &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "丁镇"));
  g_clear_error (&error);
  g_clear_object (&result);
  jd_county_village_persons_async (f->county, "乙镇", "009", &options, NULL, jd_test_got_result_cb,
                                   &result);
  g_assert_null (jd_county_village_persons_finish (jd_test_wait_for (&result), &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "009"));
  g_clear_error (&error);

  /* Cancelled first: nothing read. */
  g_autoptr (GCancellable) cancellable = cancelled ();
  g_clear_object (&result);
  jd_county_villages_async (f->county, "乙镇", cancellable, jd_test_got_result_cb, &result);
  g_assert_null (jd_county_villages_finish (jd_test_wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static ino_t
inode_of (const char *path)
{
  GStatBuf st;
  return g_stat (path, &st) == 0 ? st.st_ino : 0;
}

/* Another program (Python's sqlite3) opens the county, reads it and closes it. */
static void
read_elsewhere (const char *path)
{
  const char *script = "import sqlite3, sys\n"
                       "db = sqlite3.connect(sys.argv[1])\n"
                       "print(db.execute('SELECT count(*) FROM township').fetchone()[0])\n"
                       "db.close()\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) python = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                                     "/usr/bin/python3", "-c", script, path, NULL);
  g_assert_no_error (error);
  g_autofree char *out = NULL;
  g_assert_true (g_subprocess_communicate_utf8 (python, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (python));
  g_assert_cmpstr (out, ==, "2\n");
}

/* The county opened a second time in a process that has it open (the window
 * and a test's jd_county_open (), a county chosen again in Open…): the first
 * connection keeps its locks, so another program that opens the county and
 * closes it does not take itself for the last one and leaves the -wal and
 * -shm files this process reads and writes through (as /ledger-async/locks-kept
 * for a township's ledger). */
static void
test_locks_kept (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->county_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->county_path, "-shm", NULL);
  g_autoptr (GPtrArray) before = jd_county_list (f->county, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  ino_t shm_inode = inode_of (shm);
  g_assert_cmpint (shm_inode, !=, 0);

  /* A new county is one before its write-ahead log is copied into the file. */
  g_assert_true (jd_county_is_county (f->county_path));
  /* Copied: the header by hand would say so too, and the file be opened by hand. */
  g_assert_cmpint (sqlite3_exec (jd_county_get_db (f->county), "PRAGMA wal_checkpoint(TRUNCATE)",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (jd_county_is_county (f->county_path));
  {
    g_autoptr (JdCounty) again = jd_county_open (f->county_path, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (jd_county_get_name (again), ==, JD_TEST_COUNTY);
  }
  g_autoptr (GAsyncResult) result = NULL;
  jd_county_open_async (f->county_path, NULL, jd_test_got_result_cb, &result);
  {
    g_autoptr (JdCounty) opened = jd_county_open_finish (jd_test_wait_for (&result), &error);
    g_assert_no_error (error);
  }

  read_elsewhere (f->county_path);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (inode_of (shm), ==, shm_inode);
  g_autoptr (GPtrArray) after = jd_county_list (f->county, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  static const struct
  {
    const char *path;
    void (*test) (Fixture *, gconstpointer);
  } tests[] = {
    { "/county-async/open", test_open },
    { "/county-async/dashboard", test_dashboard },
    { "/county-async/read", test_read },
    { "/county-async/check-and-add", test_check_and_add },
    { "/county-async/tampered", test_tampered },
    { "/county-async/write-file", test_write_file },
    { "/county-async/cancelled", test_cancelled },
    { "/county-async/drill-down", test_drill_down },
    { "/county-async/locks-kept", test_locks_kept },
  };
  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add (tests[i].path, Fixture, NULL, fixture_set_up, tests[i].test, fixture_tear_down);
  return g_test_run ();
}
