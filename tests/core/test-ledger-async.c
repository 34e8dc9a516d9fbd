/* test-ledger-async.c: the core's asynchronous pairs (src/core/jd-ledger-async.c)
 *
 * One township demo ledger (seed 7, today 2025-06-30) is made once; each test
 * works on a copy of it. Each pair gives what its synchronous function gives
 * on the same ledger; cancelled before it starts, it gives
 * G_IO_ERROR_CANCELLED and writes nothing (no backup file, no audit entry, no
 * row). A save beside another program's write lock (tests/common/hold-write) never
 * blocks the main loop: a timeout source keeps firing while the save waits;
 * the save lands once the lock is released, or, when it is held past the
 * ledger's busy timeout, fails saying nothing was saved, and nothing is;
 * jd_ledger_write_now () says the lock is taken at once, without a wait. A
 * job's own connection in this process leaves the ledger's locks as they
 * were, so another program never removes the -wal this process writes to.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "jd-date.h"
#include "jd-demo.h"
#include "jd-error.h"
#include "jd-job.h"
#include "jd-ledger-async.h"
#include "jd-ledger-private.h"
#include "jd-test-ledger.h"
#include "jd-village-detail.h"

static char *template_path; /* the demo ledger every test copies */

typedef struct
{
  char *dir;
  char *path;
  JdLedger *ledger;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  f->dir = g_dir_make_tmp ("jd-async-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "ledger.db", NULL);
  g_autoptr (GFile) from = g_file_new_for_path (template_path);
  g_autoptr (GFile) to = g_file_new_for_path (f->path);
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  f->ledger = jd_ledger_open (f->path, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->ledger);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
outputs_of (JdLedger *ledger)
{
  return jd_ledger_count (ledger, "output_event");
}

/* ---- opening ------------------------------------------------------------------------------ */

static void
test_open (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  jd_ledger_open_async (f->path, NULL, jd_test_got_result_cb, &result);
  g_autoptr (JdLedger) opened = jd_ledger_open_finish (jd_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_autofree char *township = jd_ledger_dup_township (opened);
  g_autofree char *expected = jd_ledger_dup_township (f->ledger);
  g_assert_cmpstr (township, ==, expected);
  g_assert_cmpint (jd_ledger_count (opened, "person"), ==, jd_ledger_count (f->ledger, "person"));
  g_assert_cmpint (jd_ledger_count (opened, "person"), >, 0);

  /* A file that is not there: the same message as the synchronous open. */
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  g_autoptr (GError) sync_error = NULL;
  g_assert_null (jd_ledger_open (missing, &sync_error));
  g_clear_object (&result);
  jd_ledger_open_async (missing, NULL, jd_test_got_result_cb, &result);
  g_assert_null (jd_ledger_open_finish (jd_test_wait_for (&result), &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, sync_error->message);
  g_clear_error (&error);

  g_autoptr (GCancellable) cancellable = jd_test_cancelled_new ();
  g_clear_object (&result);
  jd_ledger_open_async (f->path, cancellable, jd_test_got_result_cb, &result);
  g_assert_null (jd_ledger_open_finish (jd_test_wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *path = g_build_filename (f->dir, "new.db", NULL);

  jd_ledger_create_async (path, "新镇", NULL, NULL, jd_test_got_result_cb, &result);
  g_autoptr (JdLedger) created = jd_ledger_create_finish (jd_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_autofree char *township = jd_ledger_dup_township (created);
  g_assert_cmpstr (township, ==, "新镇");

  /* Never over a file: the synchronous call's error. */
  g_autoptr (GError) sync_error = NULL;
  g_assert_null (jd_ledger_create (path, "新镇", NULL, &sync_error));
  g_clear_object (&result);
  jd_ledger_create_async (path, "别镇", "某县", NULL, jd_test_got_result_cb, &result);
  g_assert_null (jd_ledger_create_finish (jd_test_wait_for (&result), &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, sync_error->message);
  g_clear_error (&error);

  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr (GCancellable) cancellable = jd_test_cancelled_new ();
  g_clear_object (&result);
  jd_ledger_create_async (other, "别镇", "某县", cancellable, jd_test_got_result_cb, &result);
  g_assert_null (jd_ledger_create_finish (jd_test_wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
}

/* ---- the dashboard --------------------------------------------------------------------- */

static void
assert_same_number (double a, double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat (a, ==, b);
}

static void
test_dashboard (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  JdDay as_of = jd_day_new (2025, 6, 30);
  g_autoptr (JdDashboard) expected = jd_dashboard_compute (f->ledger, 2025, 5, as_of, &error);
  g_assert_no_error (error);

  g_autoptr (GAsyncResult) result = NULL;
  jd_dashboard_compute_async (f->ledger, 2025, 5, as_of, NULL, jd_test_got_result_cb, &result);
  g_autoptr (JdDashboard) dashboard
      = jd_dashboard_compute_finish (jd_test_wait_for (&result), &error);
  g_assert_no_error (error);

  g_assert_cmpint (dashboard->year, ==, 2025);
  g_assert_cmpint (dashboard->as_of, ==, as_of);
  for (guint i = 0; i < JD_N_TARGETS; i++)
    {
      assert_same_number (dashboard->tiles[i].actual, expected->tiles[i].actual);
      assert_same_number (dashboard->tiles[i].previous, expected->tiles[i].previous);
      g_assert_cmpint (dashboard->tiles[i].judgement, ==, expected->tiles[i].judgement);
    }
  g_assert_cmpuint (dashboard->villages->len, ==, expected->villages->len);
  g_assert_cmpuint (dashboard->villages->len, >, 0);
  gint64 users = 0;
  for (guint i = 0; i < dashboard->villages->len; i++)
    {
      const JdDashboardVillage *a = g_ptr_array_index (dashboard->villages, i);
      const JdDashboardVillage *b = g_ptr_array_index (expected->villages, i);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpint (a->current_users, ==, b->current_users);
      g_assert_cmpint (a->standards_met, ==, b->standards_met);
      g_assert_cmpint (a->publicity_months, ==, b->publicity_months);
      g_assert_cmpint (a->stage, ==, b->stage);
      users += a->current_users;
    }
  g_assert_cmpint (users, >, 0);

  g_autoptr (GCancellable) cancellable = jd_test_cancelled_new ();
  g_clear_object (&result);
  jd_dashboard_compute_async (f->ledger, 2025, 5, as_of, cancellable, jd_test_got_result_cb,
                              &result);
  g_assert_null (jd_dashboard_compute_finish (jd_test_wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ---- readiness ------------------------------------------------------------------------- */

static void
test_readiness (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) expected = jd_readiness_compute (f->ledger, 2024, 0, 0, &error);
  g_assert_no_error (error);

  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GArray) titles = NULL;
  jd_readiness_compute_async (f->ledger, 2024, 0, NULL, jd_test_got_result_cb, &result);
  g_autoptr (GPtrArray) villages
      = jd_readiness_compute_finish (jd_test_wait_for (&result), &titles, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (villages->len, ==, expected->len);
  g_assert_cmpuint (villages->len, >, 0);
  g_assert_cmpuint (titles->len, ==, villages->len);
  guint titled = 0;
  for (guint i = 0; i < villages->len; i++)
    {
      const JdVillageReadiness *a = g_ptr_array_index (villages, i);
      const JdVillageReadiness *b = g_ptr_array_index (expected, i);
      g_assert_cmpint (a->village_id, ==, b->village_id);
      for (int k = 0; k < JD_N_STANDARDS; k++)
        {
          g_assert_cmpint (a->standards[k].met, ==, b->standards[k].met);
          g_assert_cmpstr (a->standards[k].evidence, ==, b->standards[k].evidence);
        }
      JdTitleState state;
      g_autoptr (GPtrArray) events
          = jd_village_load_title_events (f->ledger, a->village_id, &state, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_array_index (titles, JdTitleState, i).stage, ==, state.stage);
      titled += state.stage != JD_TITLE_STAGE_NONE;
    }
  g_assert_cmpuint (titled, >, 0);

  g_autoptr (GCancellable) cancellable = jd_test_cancelled_new ();
  g_clear_object (&result);
  jd_readiness_compute_async (f->ledger, 2024, 0, cancellable, jd_test_got_result_cb, &result);
  g_assert_null (jd_readiness_compute_finish (jd_test_wait_for (&result), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ---- backups ------------------------------------------------------------------------------ */

static guint
backups_of (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) backups = jd_backups_list (path, &error);
  g_assert_no_error (error);
  return backups->len;
}

static void
test_backups (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  gint64 outputs = outputs_of (f->ledger);

  /* Cancelled: no file, no entry in the audit log. */
  g_autoptr (GCancellable) cancellable = jd_test_cancelled_new ();
  jd_backups_make_async (f->path, cancellable, jd_test_got_result_cb, &result);
  g_assert_false (jd_backups_make_finish (jd_test_wait_for (&result), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (backups_of (f->path), ==, 0);
  g_assert_cmpint (outputs_of (f->ledger), ==, outputs);

  /* Made: listed, with the ledger's persons, and recorded. */
  g_autofree char *made_path = NULL;
  g_clear_object (&result);
  jd_backups_make_async (f->path, NULL, jd_test_got_result_cb, &result);
  g_assert_true (jd_backups_make_finish (jd_test_wait_for (&result), &made_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (made_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (outputs_of (f->ledger), ==, outputs + 1);

  g_autoptr (GPtrArray) expected = jd_backups_list (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  jd_backups_list_async (f->path, NULL, jd_test_got_result_cb, &result);
  g_autoptr (GPtrArray) listed = jd_backups_list_finish (jd_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpuint (expected->len, ==, 1);
  JdBackup *backup = g_ptr_array_index (listed, 0);
  g_assert_cmpstr (backup->path, ==, made_path);
  g_assert_cmpstr (backup->path, ==, ((JdBackup *)g_ptr_array_index (expected, 0))->path);
  g_assert_cmpint (backup->persons, ==, jd_ledger_count (f->ledger, "person"));

  /* The daily one: one made today already, so none now. */
  gboolean made = TRUE;
  g_clear_object (&result);
  jd_backups_make_daily_async (f->path, 5, NULL, jd_test_got_result_cb, &result);
  g_assert_true (jd_backups_make_daily_finish (jd_test_wait_for (&result), &made, &error));
  g_assert_no_error (error);
  g_assert_false (made);
  g_assert_cmpuint (backups_of (f->path), ==, 1);

  /* Restored over a ledger changed since; cancelled first, nothing changes. */
  gint64 persons = jd_ledger_count (f->ledger, "person");
  g_assert_true (jd_ledger_set_setting (f->ledger, "test.after-backup", "1", &error));
  g_assert_no_error (error);
  g_clear_object (&f->ledger);

  g_clear_object (&result);
  jd_backups_restore_async (f->path, made_path, cancellable, jd_test_got_result_cb, &result);
  g_assert_false (jd_backups_restore_finish (jd_test_wait_for (&result), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (backups_of (f->path), ==, 1); /* no safety copy: nothing was done */
  {
    g_autoptr (JdLedger) unchanged = jd_ledger_open (f->path, &error);
    g_assert_no_error (error);
    g_autofree char *kept = jd_ledger_get_setting (unchanged, "test.after-backup");
    g_assert_cmpstr (kept, ==, "1");
  }

  g_autofree char *safety_path = NULL;
  g_clear_object (&result);
  jd_backups_restore_async (f->path, made_path, NULL, jd_test_got_result_cb, &result);
  g_assert_true (jd_backups_restore_finish (jd_test_wait_for (&result), &safety_path, &error));
  g_assert_no_error (error);
  g_assert_nonnull (safety_path);
  g_assert_true (g_file_test (safety_path, G_FILE_TEST_IS_REGULAR));
  f->ledger = jd_ledger_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jd_ledger_count (f->ledger, "person"), ==, persons);
  g_autofree char *gone = jd_ledger_get_setting (f->ledger, "test.after-backup");
  g_assert_null (gone);
}

/* ---- files written from the ledger ----------------------------------------------------- */

static gboolean
write_count_cb (JdLedger *reader, const JdFileJob *file, gpointer data, GError **error)
{
  g_assert_true (reader != data); /* a connection of the worker's own */
  file->progress (0.5, file->progress_data);
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, jd_ledger_count (reader, "person"));
  return g_file_set_contents (file->path, text, -1, error);
}

static void
progress_cb (double fraction, gpointer user_data)
{
  g_atomic_int_set ((int *)user_data, (int)(fraction * 100));
}

static void
test_write_file (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *out = g_build_filename (f->dir, "count.txt", NULL);
  int progress = 0;

  jd_ledger_write_file_async (f->ledger, out, write_count_cb, f->ledger, NULL, progress_cb,
                              &progress, NULL, jd_test_got_result_cb, &result);
  g_assert_true (jd_ledger_write_file_finish (jd_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_autofree char *expected
      = g_strdup_printf ("%" G_GINT64_FORMAT, jd_ledger_count (f->ledger, "person"));
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpint (g_atomic_int_get (&progress), ==, 50);

  g_unlink (out);
  g_autoptr (GCancellable) cancellable = jd_test_cancelled_new ();
  g_clear_object (&result);
  jd_ledger_write_file_async (f->ledger, out, write_count_cb, f->ledger, NULL, progress_cb,
                              &progress, cancellable, jd_test_got_result_cb, &result);
  g_assert_false (jd_ledger_write_file_finish (jd_test_wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* ---- saves ------------------------------------------------------------------------------- */

static gboolean
save_setting_cb (JdLedger *ledger, gpointer data, GError **error)
{
  return jd_ledger_set_setting (ledger, "test.async", data, error);
}

static gboolean
save_refused_cb (JdLedger *ledger, gpointer data, GError **error)
{
  if (!jd_ledger_set_setting (ledger, "test.async", data, error))
    return FALSE;
  g_set_error (error, JD_ERROR, JD_ERROR_INVALID, "refused");
  return FALSE;
}

static void
test_write (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  jd_ledger_write_async (f->ledger, save_setting_cb, "one", NULL, NULL, jd_test_got_result_cb,
                         &result);
  g_assert_true (jd_ledger_write_finish (jd_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_autofree char *value = jd_ledger_get_setting (f->ledger, "test.async");
  g_assert_cmpstr (value, ==, "one");

  /* Refused by the writer: rolled back. */
  g_clear_object (&result);
  jd_ledger_write_async (f->ledger, save_refused_cb, "two", NULL, NULL, jd_test_got_result_cb,
                         &result);
  g_assert_false (jd_ledger_write_finish (jd_test_wait_for (&result), &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_clear_error (&error);
  g_free (value);
  value = jd_ledger_get_setting (f->ledger, "test.async");
  g_assert_cmpstr (value, ==, "one");

  /* Cancelled: nothing written. */
  gint64 settings = jd_ledger_count (f->ledger, "setting");
  g_autoptr (GCancellable) cancellable = jd_test_cancelled_new ();
  g_clear_object (&result);
  jd_ledger_write_async (f->ledger, save_setting_cb, "three", NULL, cancellable,
                         jd_test_got_result_cb, &result);
  g_assert_false (jd_ledger_write_finish (jd_test_wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_free (value);
  value = jd_ledger_get_setting (f->ledger, "test.async");
  g_assert_cmpstr (value, ==, "one");
  g_assert_cmpint (jd_ledger_count (f->ledger, "setting"), ==, settings);
}

static GSubprocess *
hold_write (const char *path, int seconds)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *helper
      = g_build_filename (g_getenv ("JINDU_BUILD_DIR"), "tests", "common", "hold-write", NULL);
  g_autofree char *duration = g_strdup_printf ("%d", seconds);
  GSubprocess *holder
      = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                          helper, path, duration, NULL);
  g_assert_no_error (error);
  g_autoptr (GDataInputStream) out
      = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "holding");
  return holder;
}

static gboolean
tick_cb (gpointer data)
{
  (*(guint *)data)++;
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop for ms milliseconds. */
static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
}

/* The lock released while the save waits: the main loop ran meanwhile, and the
 * save lands. */
static void
test_write_beside_lock (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  guint ticks = 0;

  jd_ledger_set_busy_timeout (f->ledger, 20000);
  g_autoptr (GSubprocess) holder = hold_write (f->path, 60);
  guint tick = g_timeout_add (10, tick_cb, &ticks);
  gint64 start = g_get_monotonic_time ();
  jd_ledger_write_async (f->ledger, save_setting_cb, "beside", NULL, NULL, jd_test_got_result_cb,
                         &result);
  /* Returned at once, the save pending. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 500 * 1000);
  run_for (600);
  g_assert_null (result);
  g_test_message ("%u ticks in 600 ms while the save waited", ticks);
  g_assert_cmpuint (ticks, >=, 20);

  /* The other program lets go: the save lands. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, NULL);
  g_assert_true (jd_ledger_write_finish (jd_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_source_remove (tick);
  g_subprocess_wait (holder, NULL, NULL);
  g_autofree char *value = jd_ledger_get_setting (f->ledger, "test.async");
  g_assert_cmpstr (value, ==, "beside");
  /* Read back by another connection: committed. */
  g_autoptr (JdLedger) other = jd_ledger_open (f->path, &error);
  g_assert_no_error (error);
  g_autofree char *seen = jd_ledger_get_setting (other, "test.async");
  g_assert_cmpstr (seen, ==, "beside");

  /* Held again: refused again at once. */
  g_autoptr (GSubprocess) again = hold_write (f->path, 60);
  g_assert_false (jd_ledger_write_now (f->ledger, save_setting_cb, "again", &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_BUSY);
  g_output_stream_close (g_subprocess_get_stdin_pipe (again), NULL, NULL);
  g_subprocess_wait (again, NULL, NULL);
}

/* How a save ended, taken in its callback (which lets the save go). */
typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
} Saved;

static void
saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Saved *saved = user_data;
  saved->done = TRUE;
  saved->ok = jd_ledger_write_finish (result, &saved->error);
}

/* The end of the process (jd_job_wait_all ()) while a save waits for another
 * program's write lock: it waits for the save too, which lands once the lock
 * is let go, its callback run (a deletion committed as its window closed is
 * not lost when the application quits). */
static void
test_wait_all_waits_for_save (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  Saved saved = { 0 };

  jd_ledger_set_busy_timeout (f->ledger, 20000);
  /* Let go by the other program on its own after 1 s. */
  g_autoptr (GSubprocess) holder = hold_write (f->path, 1);
  jd_ledger_write_async (f->ledger, save_setting_cb, "at exit", NULL, NULL, saved_cb, &saved);
  g_assert_false (saved.done);
  g_assert_true (jd_job_wait_all (15000));
  g_assert_true (saved.done);
  g_assert_no_error (saved.error);
  g_assert_true (saved.ok);
  g_subprocess_wait (holder, NULL, NULL);
  g_autoptr (JdLedger) other = jd_ledger_open (f->path, &error);
  g_assert_no_error (error);
  g_autofree char *seen = jd_ledger_get_setting (other, "test.async");
  g_assert_cmpstr (seen, ==, "at exit");
}

/* The lock held past the busy timeout: the save fails saying so, the main
 * loop ran all along, and nothing was written. */
static void
test_write_lock_kept (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  guint ticks = 0;

  jd_ledger_set_busy_timeout (f->ledger, 700);
  g_autoptr (GSubprocess) holder = hold_write (f->path, 60);

  /* At once: refused without a wait. */
  gint64 start = g_get_monotonic_time ();
  g_assert_false (jd_ledger_write_now (f->ledger, save_setting_cb, "now", &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_BUSY);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 200 * 1000);
  g_clear_error (&error);

  guint tick = g_timeout_add (10, tick_cb, &ticks);
  start = g_get_monotonic_time ();
  jd_ledger_write_async (f->ledger, save_setting_cb, "kept", NULL, NULL, jd_test_got_result_cb,
                         &result);
  g_assert_false (jd_ledger_write_finish (jd_test_wait_for (&result), &error));
  gint64 took = g_get_monotonic_time () - start;
  g_source_remove (tick);
  g_assert_error (error, JD_ERROR, JD_ERROR_BUSY);
  g_test_message ("%s (after %.2f s, %u ticks)", error->message, took / 1e6, ticks);
  g_assert_true (strstr (error->message, "Nothing was saved") != NULL);
  g_assert_true (strstr (error->message, f->path) != NULL);
  g_assert_cmpint (took, >=, 700 * 1000);
  g_assert_cmpuint (ticks, >=, 30);

  g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, NULL);
  g_subprocess_wait (holder, NULL, NULL);
  g_autofree char *value = jd_ledger_get_setting (f->ledger, "test.async");
  g_assert_null (value);
}

static ino_t
inode_of (const char *path)
{
  struct stat st;
  return g_stat (path, &st) == 0 ? st.st_ino : 0;
}

/* A job opens a connection of its own in this process (a backup here); the
 * ledger's connection keeps its locks: another program that opens the ledger
 * and closes it again (tests/common/hold-write) does not take itself for the last
 * one and leaves the -wal and -shm files this process writes through. */
static void
test_locks_kept (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_assert_true (jd_ledger_set_setting (f->ledger, "test.async", "before", &error));
  ino_t shm_inode = inode_of (shm);
  g_assert_cmpint (shm_inode, !=, 0);

  jd_backups_make_async (f->path, NULL, jd_test_got_result_cb, &result);
  g_assert_true (jd_backups_make_finish (jd_test_wait_for (&result), NULL, &error));
  g_assert_no_error (error);

  g_autoptr (GSubprocess) holder = hold_write (f->path, 60);
  g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, NULL);
  g_assert_true (g_subprocess_wait (holder, NULL, NULL));
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (inode_of (shm), ==, shm_inode);

  /* Still one lock between the two: held by the other program, refused here. */
  g_autoptr (GSubprocess) again = hold_write (f->path, 60);
  g_assert_false (jd_ledger_write_now (f->ledger, save_setting_cb, "during", &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_BUSY);
  g_output_stream_close (g_subprocess_get_stdin_pipe (again), NULL, NULL);
  g_subprocess_wait (again, NULL, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  jd_set_today (jd_day_new (2025, 6, 30));

  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jd-async-template-XXXXXX", &error);
  g_assert_no_error (error);
  template_path = g_build_filename (dir, "demo.db", NULL);
  {
    g_autoptr (JdLedger) ledger = jd_ledger_create (template_path, "博美镇", "某县", &error);
    g_assert_no_error (error);
    g_assert_true (jd_demo_fill (ledger, JD_DEMO_TOWNSHIP, 7, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    /* One whole file to copy: the log written into it. */
    g_assert_true (jd_ledger_exec (ledger, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  }

  g_test_add ("/ledger-async/open", Fixture, NULL, fixture_set_up, test_open, fixture_tear_down);
  g_test_add ("/ledger-async/create", Fixture, NULL, fixture_set_up, test_create,
              fixture_tear_down);
  g_test_add ("/ledger-async/dashboard", Fixture, NULL, fixture_set_up, test_dashboard,
              fixture_tear_down);
  g_test_add ("/ledger-async/readiness", Fixture, NULL, fixture_set_up, test_readiness,
              fixture_tear_down);
  g_test_add ("/ledger-async/backups", Fixture, NULL, fixture_set_up, test_backups,
              fixture_tear_down);
  g_test_add ("/ledger-async/write-file", Fixture, NULL, fixture_set_up, test_write_file,
              fixture_tear_down);
  g_test_add ("/ledger-async/write", Fixture, NULL, fixture_set_up, test_write, fixture_tear_down);
  g_test_add ("/ledger-async/write-beside-lock", Fixture, NULL, fixture_set_up,
              test_write_beside_lock, fixture_tear_down);
  g_test_add ("/ledger-async/locks-kept", Fixture, NULL, fixture_set_up, test_locks_kept,
              fixture_tear_down);
  g_test_add ("/ledger-async/wait-all-waits-for-save", Fixture, NULL, fixture_set_up,
              test_wait_all_waits_for_save, fixture_tear_down);
  g_test_add ("/ledger-async/write-lock-kept", Fixture, NULL, fixture_set_up, test_write_lock_kept,
              fixture_tear_down);

  int status = g_test_run ();
  remove_tree (dir);
  g_free (template_path);
  return status;
}
