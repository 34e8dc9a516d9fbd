/* test-ledger-open.c: opening a ledger and reading it safely (src/core/jd-ledger-open.c)
 *
 * - opening needs no write lock: beside another connection's uncommitted
 *   write it opens at once and reads the last commit;
 * - a path that is not a regular file is refused before anything opens it,
 *   saying what it is, and a link to a ledger is the ledger;
 * - a damaged page met by any statement is JD_ERROR_DAMAGED, saying what to
 *   do, and the damage function hears of it with the ledger's path.
 */
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jd-demo.h"
#include "jd-error.h"
#include "jd-ledger-private.h"
#include "jd-store.h"
#include "jd-test-damage.h"
#include "jd-test-ledger.h"

typedef JdTestLedger Fixture;

/* The ledger with one village, closed: each test opens it as the program would. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  jd_test_ledger_set_up (f, "jd-ledger-open-XXXXXX");
  JdVillageRecord village = { .code = "V01", .name = "东村", .kind = "village" };
  g_assert_cmpint (jd_store_village (f->ledger, &village, NULL, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  jd_test_ledger_close (f);
}

static char *
village_name (JdLedger *ledger)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, "SELECT name FROM village", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  char *name = jd_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return name;
}

/* ---- no write lock to open ------------------------------------------------------------ */

static void
test_open_beside_write (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) writer = jd_ledger_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (jd_ledger_begin (writer, &error));
  g_assert_true (jd_ledger_exec (writer, "UPDATE village SET name = '改名中'", &error));
  g_assert_no_error (error);

  /* Opening would wait 10 s for the lock, then fail, if it took it. */
  gint64 start = g_get_monotonic_time ();
  g_autoptr (JdLedger) reader = jd_ledger_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_autofree char *before = village_name (reader);
  g_assert_cmpstr (before, ==, "东村");

  /* A write from the second connection still waits for the lock, and says so. */
  jd_ledger_set_busy_timeout (reader, 100);
  g_assert_false (jd_ledger_set_setting (reader, "probe", "1", &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_BUSY);
  g_clear_error (&error);

  g_assert_true (jd_ledger_commit (writer, &error));
  g_autofree char *after = village_name (reader);
  g_assert_cmpstr (after, ==, "改名中");
}

/* ---- not a regular file ------------------------------------------------------------------ */

static void
assert_not_a_file (const char *path, const char *what)
{
  g_autoptr (GError) error = NULL;
  /* A path that blocks open() would hang here: the alarm ends the test instead. */
  alarm (20);
  g_autoptr (JdLedger) ledger = jd_ledger_open (path, &error);
  alarm (0);
  g_assert_null (ledger);
  g_assert_error (error, JD_ERROR, JD_ERROR_NOT_LEDGER);
  g_autofree char *expected = g_strdup_printf ("%s is not a Jindu ledger: %s", path, what);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_not_a_file (Fixture *f, gconstpointer data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.db", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_not_a_file (fifo, "it is a named pipe (FIFO), not a file");

  g_autofree char *folder = g_build_filename (f->dir, "folder.db", NULL);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  assert_not_a_file (folder, "it is a folder, not a file");

  assert_not_a_file ("/dev/null", "it is a device, not a file");
  assert_not_a_file ("/dev/zero", "it is a device, not a file");

  /* A link to a device is the device; a link to the ledger is the ledger. */
  g_autofree char *to_device = g_build_filename (f->dir, "device.db", NULL);
  g_assert_cmpint (symlink ("/dev/zero", to_device), ==, 0);
  assert_not_a_file (to_device, "it is a device, not a file");

  g_autofree char *to_ledger = g_build_filename (f->dir, "link.db", NULL);
  g_assert_cmpint (symlink (f->path, to_ledger), ==, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (to_ledger, &error);
  g_assert_no_error (error);
  g_autofree char *name = village_name (ledger);
  g_assert_cmpstr (name, ==, "东村");
}

/* SQLite's own files beside the ledger, planted as a pipe, a link to a device
 * or a folder: refused before SQLite opens them (it blocked, or wrote through
 * the link), and left where they are. */
static void
test_companion_not_a_file (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (f->path, "-journal", NULL);
  const struct
  {
    const char *path;
    const char *what;
  } cases[] = {
    { wal, "a named pipe (FIFO)" },
    { shm, "a link" },
    { journal, "a folder" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (i == 0)
        g_assert_cmpint (mkfifo (wal, 0600), ==, 0);
      else if (i == 1)
        g_assert_cmpint (symlink ("/dev/zero", shm), ==, 0);
      else
        g_assert_cmpint (g_mkdir (journal, 0700), ==, 0);

      g_autoptr (GError) error = NULL;
      alarm (20);
      g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
      alarm (0);
      g_assert_null (ledger);
      g_assert_error (error, JD_ERROR, JD_ERROR_IO);
      g_autofree char *expected = g_strdup_printf (
          "%s cannot be opened: %s beside it is %s, not a file. Remove it and try again.", f->path,
          cases[i].path, cases[i].what);
      g_assert_cmpstr (error->message, ==, expected);
      struct stat st;
      g_assert_cmpint (lstat (cases[i].path, &st), ==, 0);
      g_assert_false (S_ISREG (st.st_mode));

      if (i == 0)
        g_assert_cmpint (g_unlink (wal), ==, 0);
      else if (i == 1)
        g_assert_cmpint (g_unlink (shm), ==, 0);
      else
        g_assert_cmpint (g_rmdir (journal), ==, 0);
    }
}

/* ---- a damaged page ------------------------------------------------------------------------ */

static GPtrArray *damage_heard;

static void
damage_met_cb (const char *path, const GError *error)
{
  g_assert_error (error, JD_ERROR, JD_ERROR_DAMAGED);
  g_ptr_array_add (damage_heard, g_strdup (path));
}

static void
test_damaged_page (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "demo.db", NULL);
  {
    g_autoptr (JdLedger) ledger = jd_ledger_create (path, "博美镇", NULL, &error);
    g_assert_no_error (error);
    g_assert_true (jd_demo_fill (ledger, JD_DEMO_TOWNSHIP, 7, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  /* The middle of the file: publicity activities and audit rows. */
  jd_test_damage_pages (path, 0.5, 50);

  damage_heard = g_ptr_array_new_with_free_func (g_free);
  jd_ledger_set_damage_func (damage_met_cb);

  /* Its header and schema are sound: it opens. */
  g_autoptr (JdLedger) ledger = jd_ledger_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (damage_heard->len, ==, 0);

  /* A statement that reads the lost pages. */
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger, "SELECT count(*), sum(length(title)) FROM activity NOT INDEXED", &error);
  g_assert_no_error (error);
  int rc = sqlite3_step (stmt);
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CORRUPT);
  jd_ledger_set_error (ledger, &error);
  sqlite3_reset (stmt);
  g_assert_error (error, JD_ERROR, JD_ERROR_DAMAGED);
  g_autofree char *expected
      = g_strdup_printf ("%s is damaged: part of the file cannot be read, so nothing was done. "
                         "Restore the latest backup; “jindu check” lists the damage.",
                         path);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (damage_heard->len, ==, 1);
  g_assert_cmpstr (damage_heard->pdata[0], ==, path);
  g_clear_error (&error);

  /* The same from a connection of one's own. */
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_extended_result_codes (db, 1);
  g_assert_cmpint (
      sqlite3_exec (db, "SELECT max(title) FROM activity NOT INDEXED", NULL, NULL, NULL) & 0xff, ==,
      SQLITE_CORRUPT);
  jd_db_set_error (db, path, &error);
  g_assert_error (error, JD_ERROR, JD_ERROR_DAMAGED);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (damage_heard->len, ==, 2);
  sqlite3_close (db);

  jd_ledger_set_damage_func (NULL);
  g_clear_pointer (&damage_heard, g_ptr_array_unref);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func)                                                                            \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, jd_test_fixture_tear_down)
  ADD ("/ledger-open/beside-write", test_open_beside_write);
  ADD ("/ledger-open/not-a-file", test_not_a_file);
  ADD ("/ledger-open/companion-not-a-file", test_companion_not_a_file);
  ADD ("/ledger-open/damaged-page", test_damaged_page);
  return g_test_run ();
}
