/* test-cli-audit.c: an audit log that cannot be rewritten quietly, and what leaves
 * the ledger, through the real executable ($JINDU) (docs/audit-log.md)
 *
 * The ledger: 博美镇, the village 东村 and the person 张伟, written by the
 * program: audit rows 1 (township), 2 (village), 3 (person), sealed. Each
 * tamper case is done with plain SQL, as a database browser would, and
 * `jindu check` must exit 2 and name the row or the trigger.
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "jd-audit-query.h"
#include "jd-date.h"
#include "jd-error.h"
#include "jd-backups.h"
#include "jd-ledger-private.h"
#include "jd-store.h"
#include "jd-test-run.h"

typedef JdTestLedger Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  jd_test_ledger_set_up (f, "jd-cli-audit-XXXXXX");
  JdLedger *ledger = f->ledger;
  gint64 village = 0;
  const JdVillageRecord v = { .code = "V01", .name = "东村" };
  const JdPersonRecord p = { .id_number = "441581198503121010",
                             .name = "张伟",
                             .phone = "13812345678",
                             .first_found_on = jd_day_new (2020, 1, 1) };
  g_assert_true (jd_ledger_begin (ledger, &error));
  g_assert_cmpint (jd_store_village (ledger, &v, &village, &error), ==, JD_STORE_ADDED);
  JdPersonRecord person = p;
  person.village_id = village;
  g_assert_cmpint (jd_store_person (ledger, &person, NULL, &error), ==, JD_STORE_ADDED);
  g_assert_true (jd_ledger_commit (ledger, &error));
  g_assert_no_error (error);
  jd_test_ledger_close (f);
}

static void
other_tool_user (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  sqlite3_result_text (ctx, "other-tool", -1, SQLITE_STATIC);
}

/* Plain SQL on the file, as another tool would; SQLite's result code. */
static int
raw_sql (const char *path, const char *sql, char **message)
{
  sqlite3 *db = NULL;
  char *error = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_create_function (db, "jd_os_user", 0, SQLITE_UTF8, NULL, other_tool_user, NULL, NULL);
  int rc = sqlite3_exec (db, sql, NULL, NULL, &error);
  if (message)
    *message = g_strdup (error);
  sqlite3_free (error);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return rc;
}

static gint64
raw_int (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  gint64 value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* `jindu check`: exit 0 and no audit finding. */
static void
assert_check_clean (const char *path)
{
  g_auto (Run) run = { 0 };
  run_jindu (&run, "check", "--db", path, NULL);
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "\nAudit log entries removed, changed or not sealed: 0\n"));
  g_assert_nonnull (strstr (run.out, "\nAudit triggers missing, altered or added: 0\n"));
}

/* `jindu check`: exit 2, stdout has each line of `lines`, stderr says the log
 * does not match. */
static void
assert_check_finds (const char *path, const char *const *lines)
{
  g_auto (Run) run = { 0 };
  run_jindu (&run, "check", "--db", path, NULL);
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "jindu: the audit log of "));
  g_assert_nonnull (strstr (run.err, "does not match what Jindu Ledger wrote"));
  for (guint i = 0; lines[i]; i++)
    g_assert_nonnull (strstr (run.out, lines[i]));
}

/* The independent reader of docs/audit-log.md agrees (or names what differs). */
static char *
verify_with_python (const char *path)
{
  g_autofree char *script = g_build_filename (g_getenv ("JINDU_SOURCE_DIR"), "tests", "cli",
                                              "verify-audit-chain.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, path, NULL };
  g_autofree char *out = NULL;
  int status = 0;
  g_autoptr (GError) error = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  return g_strdup_printf ("%d %s", WEXITSTATUS (status), g_strstrip (out));
}

/* ---- clean ledgers ------------------------------------------------------------------- */

static void
test_fresh (Fixture *f, gconstpointer data)
{
  /* Two commits: the township (row 1), then the village and the person (2–3). */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM audit_log"), ==, 3);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM audit_seal"), ==, 2);
  g_assert_cmpint (
      raw_int (f->path, "SELECT first_row * 10 + last_row FROM audit_seal WHERE id = 2"), ==, 23);
  assert_check_clean (f->path);
  g_autofree char *verified = verify_with_python (f->path);
  g_assert_cmpstr (verified, ==, "0 ok 3 rows, 2 seals");
}

/* A statement outside any transaction (the preferences' targets, a quick entry)
 * is sealed at the ledger's next call, here its closing. */
static void
test_outside_transaction (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
    const JdVillageRecord v = { .code = "V02", .name = "西村" };
    g_assert_cmpint (jd_store_village (ledger, &v, NULL, &error), ==, JD_STORE_ADDED);
    g_assert_true (jd_ledger_set_setting (ledger, "target.x", "1", &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (raw_int (f->path, "SELECT max(last_row) FROM audit_seal"), ==, 5);
  assert_check_clean (f->path);
}

/* Such a seal never waits for another program's lock: the window would freeze.
 * It is tried again at the next call. */
static void
test_outside_transaction_locked (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *other = NULL;
  {
    g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
    const JdVillageRecord v = { .code = "V02", .name = "西村" };
    g_assert_cmpint (jd_store_village (ledger, &v, NULL, &error), ==, JD_STORE_ADDED);

    g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
    gint64 started = g_get_monotonic_time ();
    g_assert_nonnull (jd_ledger_prepare (ledger, "SELECT count(*) FROM village", &error));
    g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
    g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);
  }
  g_assert_cmpint (raw_int (f->path, "SELECT max(last_row) FROM audit_seal"), ==, 4);
  assert_check_clean (f->path);
}

/* A ledger of version 2, with rows written before there were seals: opened, it
 * is migrated and its rows sealed, and it checks clean. */
static void
test_migrated (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (
      raw_sql (f->path,
               "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
               "DROP TRIGGER audit_output_event_insert; DROP TRIGGER audit_output_event_update;"
               "DROP TRIGGER audit_output_event_delete; DROP TABLE output_event;"
               "DROP TABLE audit_seal; DROP TRIGGER audit_title_event_insert;"
               "DROP TRIGGER audit_title_event_update; DROP TRIGGER audit_title_event_delete;"
               "ALTER TABLE title_event DROP COLUMN ground; DROP TABLE move;"
               "DROP TABLE awareness_survey; DROP TABLE import_batch; PRAGMA user_version = 2;",
               NULL),
      ==, SQLITE_OK);
  /* The command's backups go where this test looks for them. */
  g_setenv ("XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  /* Version 2 is what the program before this one wrote: another row or two. */
  g_assert_cmpint (raw_sql (f->path, "UPDATE person SET phone = '13900000000'", NULL), ==,
                   SQLITE_OK);

  {
    /* The first command migrates it, and says where the backup made first is. */
    g_auto (Run) run = { 0 };
    run_jindu (&run, "check", "--db", f->path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "was brought up to this version of Jindu Ledger; a backup "
                                       "of it as it was is "));
    g_assert_nonnull (strstr (run.out, "\nAudit log entries removed, changed or not sealed: 0\n"));
  }
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, 6);
  g_assert_cmpint (raw_int (f->path, "SELECT first_row * 10 + last_row FROM audit_seal"), ==, 14);
  /* Before the migration a backup of the ledger as it was was made, and once the
   * ledger had its outputs' log, recorded there (row 5, the second seal). */
  g_autoptr (GPtrArray) backups = jd_backups_list (f->path, NULL);
  g_assert_cmpuint (backups->len, ==, 1);
  const char *made = ((JdBackup *)backups->pdata[0])->path;
  g_assert_cmpint (raw_int (made, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (raw_int (made, "SELECT count(*) FROM person WHERE phone = '13900000000'"), >, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM output_event WHERE kind = 'backup'"
                                     " AND details ->> 'before_migration_from' = 2"),
                   ==, 1);
  g_autofree char *verified = verify_with_python (f->path);
  g_assert_cmpstr (verified, ==, "0 ok 5 rows, 2 seals");
  g_assert_cmpint (g_unlink (made), ==, 0);
}

/* ---- append-only ------------------------------------------------------------------------ */

static void
test_refused (Fixture *f, gconstpointer data)
{
  static const char *const statements[] = {
    "UPDATE audit_log SET os_user = 'nobody' WHERE id = 2",
    "DELETE FROM audit_log WHERE id = 2",
    "DELETE FROM audit_log",
    "UPDATE audit_seal SET link = lower(link)",
    "DELETE FROM audit_seal",
  };
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autofree char *message = NULL;
      g_assert_cmpint (raw_sql (f->path, statements[i], &message), ==, SQLITE_CONSTRAINT);
      g_assert_cmpstr (message, ==, "jd:append_only: the audit log cannot be changed");
    }

  /* The program's own connection says it in a sentence. */
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
  g_assert_false (jd_ledger_exec (ledger, "DELETE FROM audit_log", &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "The audit log cannot be changed: its entries are kept as written");
  g_clear_object (&ledger);

  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM audit_log"), ==, 3);
  assert_check_clean (f->path);
}

/* ---- tampering --------------------------------------------------------------------------- */

static void
test_deleted_row (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (raw_sql (f->path,
                            "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2",
                            NULL),
                   ==, SQLITE_OK);
  const char *const lines[] = {
    "\nAudit log entries removed, changed or not sealed: 1\n"
    "  Audit row 2 was removed after it was sealed\n",
    "\nAudit triggers missing, altered or added: 1\n"
    "  The trigger audit_log_no_delete is missing: the audit log can be changed or emptied\n",
    NULL,
  };
  assert_check_finds (f->path, lines);
  g_autofree char *verified = verify_with_python (f->path);
  g_assert_cmpstr (verified, ==, "1 row 2 missing\nseal 2 link differs");
}

static void
test_changed_row (Fixture *f, gconstpointer data)
{
  /* The village's name in the entry of its insert, as if it had been another. */
  g_assert_cmpint (
      raw_sql (f->path,
               "DROP TRIGGER audit_log_no_update;"
               "UPDATE audit_log SET after = replace(after, '东村', '南村') WHERE id = 2;"
               "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN\n"
               "  SELECT RAISE(ABORT, 'jd:append_only: the audit log cannot be changed');\nEND;",
               NULL),
      ==, SQLITE_OK);
  const char *const lines[] = {
    "\nAudit log entries removed, changed or not sealed: 1\n  Audit row 2 (",
    ", insert of village row 1) was changed after it was sealed\n",
    /* The trigger put back as it was: not a finding. */
    "\nAudit triggers missing, altered or added: 0\n",
    NULL,
  };
  assert_check_finds (f->path, lines);
}

static void
test_inserted_row (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (raw_sql (f->path,
                            "INSERT INTO audit_log (os_user, tbl, row_id, action, after)"
                            " VALUES ('someone', 'village', 9, 'insert', '{}')",
                            NULL),
                   ==, SQLITE_OK);
  const char *const lines[] = {
    "\nAudit log entries removed, changed or not sealed: 1\n"
    "  Audit row 4 was not sealed by Jindu Ledger: another program wrote it",
    NULL,
  };
  assert_check_finds (f->path, lines);

  /* The program's next commit chains over it but does not vouch for it. */
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
    g_assert_true (jd_ledger_set_setting (ledger, "target.x", "2", &error));
  }
  g_assert_cmpint (raw_int (f->path, "SELECT first_row FROM audit_seal ORDER BY id DESC"), ==, 5);
  assert_check_finds (f->path, lines);
}

static void
test_dropped_trigger (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (raw_sql (f->path, "DROP TRIGGER audit_person_update", NULL), ==, SQLITE_OK);
  const char *const lines[] = {
    "\nAudit log entries removed, changed or not sealed: 0\n",
    "\nAudit triggers missing, altered or added: 1\n"
    "  The audit trigger audit_person_update is missing: those changes are no longer recorded\n",
    NULL,
  };
  assert_check_finds (f->path, lines);
}

static void
test_altered_trigger (Fixture *f, gconstpointer data)
{
  /* Same name, same table: it just records nothing. */
  g_assert_cmpint (raw_sql (f->path,
                            "DROP TRIGGER audit_followup_insert;"
                            "CREATE TRIGGER audit_followup_insert AFTER INSERT ON followup"
                            " BEGIN SELECT 1; END;",
                            NULL),
                   ==, SQLITE_OK);
  const char *const lines[] = {
    "\nAudit triggers missing, altered or added: 1\n"
    "  The trigger audit_followup_insert on followup was altered: it is not the one Jindu "
    "Ledger made\n",
    NULL,
  };
  assert_check_finds (f->path, lines);
}

static void
test_added_trigger (Fixture *f, gconstpointer data)
{
  /* One that swallows every new entry. */
  g_assert_cmpint (raw_sql (f->path,
                            "CREATE TRIGGER quiet BEFORE INSERT ON audit_log"
                            " BEGIN SELECT RAISE(IGNORE); END;",
                            NULL),
                   ==, SQLITE_OK);
  const char *const lines[] = {
    "  The trigger quiet on audit_log is not one of Jindu Ledger’s: it could hide or change "
    "audit entries\n",
    NULL,
  };
  assert_check_finds (f->path, lines);
}

/* ---- what leaves the ledger --------------------------------------------------------------- */

/* The newest entry of the audit log that records an output. */
static JdAuditLogEntry *
newest_output (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (path, &error);
  g_assert_no_error (error);
  const JdAuditFilter filter = { .table = "output_event", .limit = 1 };
  g_autoptr (GPtrArray) entries = jd_audit_query (ledger, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  return g_ptr_array_steal_index (entries, 0);
}

static void
test_outputs (Fixture *f, gconstpointer data)
{
  g_autofree char *xlsx = g_build_filename (f->dir, "台账.xlsx", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_auto (Run) export = { 0 }, backup = { 0 };

  run_jindu (&export, "export", "--db", f->path, "--year", "2025", "--out", xlsx, "--mask",
             "--registers", "registered,current", NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_autoptr (JdAuditLogEntry) exported = newest_output (f->path);
  g_assert_cmpstr (exported->action, ==, "export");
  g_assert_cmpstr (exported->file, ==, xlsx);
  g_assert_cmpint (exported->masked, ==, 1);
  g_assert_cmpstr (exported->what, ==, "workbook");
  g_assert_cmpint (exported->year, ==, 2025);
  g_assert_cmpstr (exported->sheets, ==, "累计登记在册吸毒人员表、现有吸毒人员表");
  g_assert_cmpstr (exported->user, ==, g_get_user_name ());
  g_autofree char *said = g_strdup_printf (
      "Inspection workbook 2025 (sheets: 累计登记在册吸毒人员表、现有吸毒人员表) → %s, masked",
      xlsx);
  g_assert_cmpstr (exported->changes, ==, said);
  g_autofree char *zh = jd_audit_output_describe (exported, TRUE);
  g_autofree char *said_zh = g_strdup_printf (
      "2025年检查台账工作簿（工作表：累计登记在册吸毒人员表、现有吸毒人员表）→ %s，已脱敏", xlsx);
  g_assert_cmpstr (zh, ==, said_zh);

  run_jindu (&backup, "backup", "--db", f->path, "--out", copy, NULL);
  g_assert_cmpint (backup.status, ==, 0);
  g_autoptr (JdAuditLogEntry) backed_up = newest_output (f->path);
  g_assert_cmpstr (backed_up->action, ==, "backup");
  g_assert_cmpstr (backed_up->file, ==, copy);
  g_assert_cmpint (backed_up->masked, ==, 0);
  g_autofree char *copy_said
      = g_strdup_printf ("A copy of the whole ledger → %s, not masked", copy);
  g_assert_cmpstr (backed_up->changes, ==, copy_said);

  /* Both sealed like any entry. */
  assert_check_clean (f->path);
}

/* An output the audit log cannot record does not leave: a read-only ledger. */
static void
test_output_unrecorded (Fixture *f, gconstpointer data)
{
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
  g_assert_true (jd_ledger_exec (ledger, "PRAGMA query_only = ON", &error));
  g_assert_false (jd_ledger_backup (ledger, copy, FALSE, NULL, NULL, NULL, &error)
                  && jd_ledger_log_output (ledger, JD_OUTPUT_BACKUP, copy, NULL, FALSE, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, copy));
  g_assert_nonnull (strstr (error->message, "was not kept, as the audit log could not record it"));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func)                                                                            \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, jd_test_fixture_tear_down)
  ADD ("/cli-audit/fresh", test_fresh);
  ADD ("/cli-audit/outside-transaction", test_outside_transaction);
  ADD ("/cli-audit/outside-transaction-locked", test_outside_transaction_locked);
  ADD ("/cli-audit/migrated", test_migrated);
  ADD ("/cli-audit/refused", test_refused);
  ADD ("/cli-audit/deleted-row", test_deleted_row);
  ADD ("/cli-audit/changed-row", test_changed_row);
  ADD ("/cli-audit/inserted-row", test_inserted_row);
  ADD ("/cli-audit/dropped-trigger", test_dropped_trigger);
  ADD ("/cli-audit/altered-trigger", test_altered_trigger);
  ADD ("/cli-audit/added-trigger", test_added_trigger);
  ADD ("/cli-audit/outputs", test_outputs);
  ADD ("/cli-audit/output-unrecorded", test_output_unrecorded);
  return g_test_run ();
}
