/* test-backups.c: a ledger's backups (src/core/jd-backups.c)
 *
 * The ledger holds two persons. A daily backup is made once a day: the first
 * call makes one (0600, in a 0700 folder, listed with 2 persons), the second
 * the same day does not. Pruning keeps the newest N. Restoring brings the
 * backup's two persons back over a ledger that has three, after backing the
 * three up; a file that is not a ledger is refused and changes nothing.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "jd-audit-query.h"
#include "jd-backups.h"
#include "jd-date.h"
#include "jd-error.h"
#include "jd-id-number.h"
#include "jd-ledger-private.h"
#include "jd-store.h"
#include "jd-test-ledger.h"

typedef JdTestLedger Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  jd_test_ledger_set_up (f, "jd-backups-XXXXXX");
  gint64 village = jd_test_add_village (f->ledger, "V01", "东村");
  jd_test_add_numbered_person (f->ledger, village, 1, "某人");
  jd_test_add_numbered_person (f->ledger, village, 2, "某人");
  /* Closed: each test opens the ledger as the program would. */
  jd_test_ledger_close (f);
}

static gint64
persons_in (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (path, &error);
  g_assert_no_error (error);
  return jd_ledger_count (ledger, "person");
}

static void
test_daily_and_list (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
  gboolean made = FALSE;

  g_assert_true (jd_backups_make_daily (ledger, 10, &made, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (made);
  g_assert_true (jd_backups_make_daily (ledger, 10, &made, NULL, &error));
  g_assert_false (made); /* one a day */

  g_autoptr (GPtrArray) backups = jd_backups_list (f->path, &error);
  g_assert_cmpuint (backups->len, ==, 1);
  JdBackup *backup = backups->pdata[0];
  g_assert_cmpint (backup->persons, ==, 2);
  g_assert_cmpint (backup->followups, ==, 0);
  g_assert_cmpint (backup->size, >, 0);
  g_assert_cmpuint (strlen (backup->made), ==, 19); /* 2025-06-30 08:30:00 */

  struct stat info;
  g_assert_cmpint (g_stat (backup->path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_autofree char *folder = jd_backups_folder (f->path);
  g_assert_cmpint (g_stat (folder, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0700);
}

static void
test_prune (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
  g_autofree char *made = NULL;
  g_assert_true (jd_backups_make (ledger, &made, NULL, &error));
  g_autofree char *folder = jd_backups_folder (f->path);

  /* Four older backups: the first days of January 2020. */
  for (int day = 1; day <= 4; day++)
    {
      g_autofree char *name = g_strdup_printf ("%s/2020-01-%02d_080000.db", folder, day);
      g_autofree char *contents = NULL;
      gsize length = 0;
      g_assert_true (g_file_get_contents (made, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (name, contents, length, NULL));
    }
  g_autoptr (GPtrArray) five = jd_backups_list (f->path, &error);
  g_assert_cmpuint (five->len, ==, 5);

  /* Keep three: today's, 01-04 and 01-03. */
  g_assert_true (jd_backups_prune (f->path, 3, &error));
  g_autoptr (GPtrArray) three = jd_backups_list (f->path, &error);
  g_assert_cmpuint (three->len, ==, 3);
  g_assert_cmpstr (((JdBackup *)three->pdata[0])->path, ==, made);
  g_assert_cmpstr (((JdBackup *)three->pdata[1])->made, ==, "2020-01-04 08:00:00");
  g_assert_cmpstr (((JdBackup *)three->pdata[2])->made, ==, "2020-01-03 08:00:00");
}

/* A restore while the ledger is still open in this process (a job's or a
 * waiting save's connection, which outlives the window's letting go of it):
 * refused, saying so, the ledger and what the open connection sees unchanged;
 * once it is closed, the restore goes through. */
static void
test_restore_while_open (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *two = NULL;
  g_autoptr (JdLedger) held = jd_ledger_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (jd_backups_make (held, &two, NULL, &error));
  jd_test_add_numbered_person (held, 1, 3, "某人");

  g_assert_false (jd_backups_restore (f->path, two, NULL, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);
  g_assert_cmpint (jd_ledger_count (held, "person"), ==, 3);
  g_autofree char *partial = g_strconcat (f->path, ".restoring", NULL);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  g_clear_object (&held);
  g_assert_true (jd_backups_restore (f->path, two, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (persons_in (f->path), ==, 2);
}

static void
test_restore (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *two = NULL;
  {
    g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
    g_assert_true (jd_backups_make (ledger, &two, NULL, &error));
    jd_test_add_numbered_person (ledger, 1, 3, "某人");
    g_assert_cmpint (jd_ledger_count (ledger, "person"), ==, 3);
  }

  /* Not a ledger: refused, and the ledger keeps its three. */
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (text, "这不是台账", -1, NULL));
  g_assert_false (jd_backups_restore (f->path, text, NULL, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_NOT_LEDGER);
  g_clear_error (&error);
  g_assert_cmpint (persons_in (f->path), ==, 3);

  /* The backup of two: back to two, the three kept as a backup. */
  g_autofree char *safety = NULL;
  g_assert_true (jd_backups_restore (f->path, two, &safety, &error));
  g_assert_no_error (error);
  g_assert_cmpint (persons_in (f->path), ==, 2);
  g_assert_nonnull (safety);
  g_assert_cmpint (persons_in (safety), ==, 3);
  g_autofree char *partial = g_strconcat (f->path, ".restoring", NULL);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_unlink (text);

  /* The restored ledger's audit log says it was restored, from which file, by
   * whom, with the ledger as it was kept where. */
  g_autoptr (JdLedger) restored = jd_ledger_open (f->path, &error);
  const JdAuditFilter filter = { .table = "output_event", .limit = 10 };
  g_autoptr (GPtrArray) outputs = jd_audit_query (restored, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outputs->len, ==, 1); /* the backup's own entry came after its copy */
  const JdAuditLogEntry *e = outputs->pdata[0];
  g_assert_cmpstr (e->action, ==, "restore");
  g_assert_cmpstr (e->file, ==, two);
  g_assert_cmpint (e->masked, ==, 0);
  g_assert_cmpstr (e->user, ==, g_get_user_name ());
  g_autofree char *said = g_strdup_printf ("The whole ledger restored from %s", two);
  g_assert_cmpstr (e->changes, ==, said);
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (jd_ledger_get_db (restored),
                                       "SELECT json_extract(details, '$.safety_copy')"
                                       " FROM output_event",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, safety);
  sqlite3_finalize (stmt);

  /* The ledger as it was holds the entry of the backup made by hand (that of
   * its own copy was written after the copy was taken). */
  g_autoptr (JdLedger) before = jd_ledger_open (safety, &error);
  g_assert_cmpint (jd_ledger_count (before, "output_event"), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/backups/daily-and-list", Fixture, NULL, fixture_set_up, test_daily_and_list,
              jd_test_fixture_tear_down);
  g_test_add ("/backups/prune", Fixture, NULL, fixture_set_up, test_prune,
              jd_test_fixture_tear_down);
  g_test_add ("/backups/restore-while-open", Fixture, NULL, fixture_set_up, test_restore_while_open,
              jd_test_fixture_tear_down);
  g_test_add ("/backups/restore", Fixture, NULL, fixture_set_up, test_restore,
              jd_test_fixture_tear_down);
  return g_test_run ();
}
