/* test-county-workbook.c: jindu export on a county ledger (docs/contract.md §7, §9)
 *
 * Three demo townships (seeds 1, 2, 3, named 甲镇, 乙镇, 丙镇) send their
 * packages to 某县; the county's workbook is written through $JINDU and read
 * back by tests/export/check-county-workbook.py with Debian's python3-openpyxl: every
 * sheet's 乡镇 column filled, the county's counts the sums of the townships',
 * a masked workbook without a full ID number. The county ledger is left as it
 * was but for its record of the exports.
 */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "jd-date.h"
#include "jd-demo.h"
#include "jd-ledger-private.h"
#include "jd-ledger.h"
#include "jd-test-run.h"

#define PYTHON "/usr/bin/python3"
#define N_TOWNSHIPS 3
static const char *const names[N_TOWNSHIPS + 1] = { "甲镇", "乙镇", "丙镇", NULL };
static char *dir, *county_db;

static void
make_township (int t, const char *package)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *file = g_strdup_printf ("t%d.db", t);
  g_autofree char *db = g_build_filename (dir, file, NULL);
  {
    g_autoptr (JdLedger) ledger = jd_ledger_create (db, names[t], "某县", &error);
    g_assert_no_error (error);
    g_assert_true (jd_demo_fill (ledger, JD_DEMO_TOWNSHIP, t + 1, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    /* The demo names its township: each gets its own name back. */
    g_assert_true (jd_ledger_begin (ledger, &error));
    sqlite3_stmt *stmt = jd_ledger_prepare (ledger, "UPDATE township SET name = ?", &error);
    g_assert_no_error (error);
    jd_bind_text (stmt, 1, names[t]);
    g_assert_true (jd_ledger_step_done (ledger, stmt, &error));
    g_assert_true (jd_ledger_commit (ledger, &error));
  }
  g_auto (Run) run = { 0 };
  run_jindu (&run, "package", "--db", db, "--out", package, NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static void
set_up_county (void)
{
  g_autoptr (GError) error = NULL;
  jd_set_today (jd_day_new (2026, 6, 30));
  dir = g_dir_make_tmp ("jd-county-workbook-XXXXXX", &error);
  g_assert_no_error (error);
  char *packages[N_TOWNSHIPS];
  for (int t = 0; t < N_TOWNSHIPS; t++)
    {
      g_autofree char *file = g_strdup_printf ("t%d.jdpkg", t);
      packages[t] = g_build_filename (dir, file, NULL);
      make_township (t, packages[t]);
    }
  county_db = g_build_filename (dir, "county.db", NULL);
  g_auto (Run) init = { 0 };
  run_jindu (&init, "county", "init", "--db", county_db, "--county", "某县", NULL);
  g_assert_cmpint (init.status, ==, 0);
  g_auto (Run) add = { 0 };
  run_jindu (&add, "county", "add", "--db", county_db, packages[0], packages[1], packages[2], NULL);
  g_assert_cmpint (add.status, ==, 0);
  for (int t = 0; t < N_TOWNSHIPS; t++)
    g_free (packages[t]);
}

/* Runs tests/export/check-county-workbook.py MODE FILE 某县 TOWNSHIP…; FALSE when it
 * skipped (no openpyxl), and fails the test with its findings. */
static gboolean
check (const char *mode, const char *xlsx, const char *const *townships)
{
  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip (PYTHON " is not installed");
      return FALSE;
    }
  const char *source = g_getenv ("JINDU_SOURCE_DIR");
  g_assert_nonnull (source);
  g_autofree char *script = g_build_filename (source, "tests", "export", "check-county-workbook.py", NULL);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, PYTHON);
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (gpointer)mode);
  g_ptr_array_add (argv, (gpointer)xlsx);
  g_ptr_array_add (argv, "某县");
  for (guint i = 0; townships[i]; i++)
    g_ptr_array_add (argv, (gpointer)townships[i]);
  g_ptr_array_add (argv, NULL);
  g_autofree char *err = NULL;
  int status = 0;
  g_autoptr (GError) error = NULL;
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status,
                &error);
  g_assert_no_error (error);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("python3-openpyxl is not installed");
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("check-county-workbook.py %s found problems in %s:\n%s", mode, xlsx, err);
  return TRUE;
}

static void
assert_private (const char *path)
{
  GStatBuf st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* The audit rows of the county, as Python's sqlite3 reads them: "masked,township;…". */
static char *
county_outputs (void)
{
  const char *argv[] = { PYTHON, "-c",
                         "import sqlite3, sys, json\n"
                         "db = sqlite3.connect(sys.argv[1])\n"
                         "print(';'.join(f\"{m},{json.loads(d).get('township', '')}\" for m, d in\n"
                         "  db.execute('SELECT masked, details FROM output_event ORDER BY id')))",
                         county_db, NULL };
  g_autofree char *out = NULL;
  int status = 0;
  g_autoptr (GError) error = NULL;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strdup (g_strstrip (out));
}

static void
test_county_workbook (void)
{
  g_autofree char *plain = g_build_filename (dir, "county.xlsx", NULL);
  g_autofree char *masked = g_build_filename (dir, "county-masked.xlsx", NULL);
  g_autofree char *one = g_build_filename (dir, "one.xlsx", NULL);
  g_auto (Run) run = { 0 };
  run_jindu (&run, "export", "--db", county_db, "--year", "2025", "--out", plain, NULL);
  if (run.status)
    g_printerr ("%s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  assert_private (plain);
  g_auto (Run) run_masked = { 0 };
  run_jindu (&run_masked, "export", "--db", county_db, "--year", "2025", "--mask", "--out", masked,
             NULL);
  g_assert_cmpint (run_masked.status, ==, 0);
  assert_private (masked);
  g_auto (Run) run_one = { 0 };
  run_jindu (&run_one, "export", "--db", county_db, "--year", "2025", "--township", "乙镇", "--out",
             one, NULL);
  g_assert_cmpint (run_one.status, ==, 0);

  /* Each export on record in the county, masked or not, and for whom. */
  g_autofree char *outputs = county_outputs ();
  g_assert_cmpstr (outputs, ==, "0,;1,;0,乙镇");

  if (!check ("county", plain, names))
    return;
  check ("masked", masked, names);
  const char *const only[] = { "乙镇", NULL };
  check ("one", one, only);
}

/* The same checks hold against a workbook that breaks them: the checker can fail. */
static void
test_checker_fails (void)
{
  g_autofree char *one = g_build_filename (dir, "one-again.xlsx", NULL);
  g_auto (Run) run = { 0 };
  run_jindu (&run, "export", "--db", county_db, "--year", "2025", "--township", "乙镇", "--out",
             one, NULL);
  g_assert_cmpint (run.status, ==, 0);
  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    return;
  /* One township's workbook is not the county's: no county rows to sum. */
  g_autofree char *script
      = g_build_filename (g_getenv ("JINDU_SOURCE_DIR"), "tests", "export", "check-county-workbook.py", NULL);
  const char *argv[] = { PYTHON, script, "county", one, "某县", "甲镇", "乙镇", "丙镇", NULL };
  int status = 0;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, NULL);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), !=, 0);
  /* The unmasked county workbook holds full ID numbers: the masked check fails on it. */
  g_autofree char *plain = g_build_filename (dir, "county.xlsx", NULL);
  const char *argv2[] = { PYTHON, script, "masked", plain, "某县", "甲镇", "乙镇", "丙镇", NULL };
  g_spawn_sync (NULL, (char **)argv2, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, NULL);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), !=, 0);
}

static void
test_refused (void)
{
  g_autofree char *before = jd_test_checksum_file (county_db);
  /* Over the county ledger itself. */
  g_auto (Run) over = { 0 };
  run_jindu (&over, "export", "--db", county_db, "--year", "2025", "--out", county_db, NULL);
  g_assert_cmpint (over.status, !=, 0);
  g_assert_nonnull (strstr (over.err, county_db));
  /* A township the county does not hold: named, and no file. */
  g_autofree char *none = g_build_filename (dir, "none.xlsx", NULL);
  g_auto (Run) unknown = { 0 };
  run_jindu (&unknown, "export", "--db", county_db, "--year", "2025", "--township", "丁镇", "--out",
             none, NULL);
  g_assert_cmpint (unknown.status, !=, 0);
  g_assert_nonnull (strstr (unknown.err, "丁镇"));
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
  /* Into the folder of the township snapshots, even with --force. */
  g_autofree char *folder = g_strconcat (county_db, ".townships", NULL);
  g_autofree char *inside = g_build_filename (folder, "x.xlsx", NULL);
  g_auto (Run) snapshots = { 0 };
  run_jindu (&snapshots, "export", "--db", county_db, "--year", "2025", "--force", "--out", inside,
             NULL);
  g_assert_cmpint (snapshots.status, !=, 0);
  g_assert_nonnull (strstr (snapshots.err, "snapshots"));
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
  g_autofree char *after = jd_test_checksum_file (county_db);
  g_assert_cmpstr (before, ==, after);
  /* --township on a township's ledger is a usage error. */
  g_autofree char *township_db = g_build_filename (dir, "t0.db", NULL);
  g_auto (Run) wrong = { 0 };
  run_jindu (&wrong, "export", "--db", township_db, "--year", "2025", "--township", "甲镇", "--out",
             none, NULL);
  g_assert_cmpint (wrong.status, !=, 0);
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  set_up_county ();
  g_test_add_func ("/county-workbook/export", test_county_workbook);
  g_test_add_func ("/county-workbook/checker-fails", test_checker_fails);
  g_test_add_func ("/county-workbook/refused", test_refused);
  int rc = g_test_run ();
  jd_test_remove_tree (dir);
  return rc;
}
