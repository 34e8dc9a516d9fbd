/* test-import-history.c: the history of imports and undoing one (docs/contract.md §3
 * "import batch", §6)
 *
 * Small files written here and the fixtures of tests/fixtures/import; every
 * table compared row by row before the import and after its undo.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "jd-error.h"
#include "jd-import-history.h"
#include "jd-import.h"
#include "jd-ledger-private.h"

typedef struct
{
  char *dir;
  JdLedger *ledger;
} Fixture;

/* The tables a user's records live in (not the audit log nor the history). */
static const char *const data_tables[] = {
  "township",    "village",    "person",      "status_span",      "use_event",
  "help_member", "agreement",  "followup",    "activity",         "letter",
  "venue",       "inspection", "title_event", "assessment",       "assessment_item",
  "staff",       "setting",    "move",        "awareness_survey",
};

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  f->dir = g_dir_make_tmp ("jd-import-history-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *path = g_build_filename (f->dir, "ledger.db", NULL);
  f->ledger = jd_ledger_create (path, "博美镇", "陆丰市", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->ledger);
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
fixture_path (const char *name)
{
  return g_build_filename (g_getenv ("FIXTURES"), "import", name, NULL);
}

/* A file of the test's own, in its folder. */
static char *
write_file (Fixture *f, const char *name, const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
import_path (Fixture *f, JdImportKind kind, const char *path, guint added, guint updated)
{
  g_autoptr (GError) error = NULL;
  g_auto (JdImportReport) report = { 0 };
  g_assert_true (jd_import_file (f->ledger, kind, path, &report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, added);
  g_assert_cmpuint (report.updated, ==, updated);
}

static void
import_fixture (Fixture *f, JdImportKind kind, const char *name, guint added, guint updated)
{
  g_autofree char *path = fixture_path (name);
  import_path (f, kind, path, added, updated);
}

/* Every row a query returns, columns joined by "|", rows by "\n", NULL as ∅. */
static char *
rows (Fixture *f, const char *sql)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = jd_ledger_prepare (f->ledger, sql, &error);
  g_assert_no_error (error);
  GString *out = g_string_new (NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *)sqlite3_column_text (stmt, i);
          g_string_append_printf (out, "%s%s", i ? "|" : "", text ? text : "∅");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_reset (stmt);
  return g_string_free (out, FALSE);
}

static gint64
count (Fixture *f, const char *sql)
{
  g_autofree char *n = rows (f, sql);
  return g_ascii_strtoll (n, NULL, 10);
}

/* Every data table, every row and column with its type, in rowid order. */
static char *
dump_tables (Fixture *f)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (data_tables); i++)
    {
      g_autofree char *query
          = g_strdup_printf ("SELECT group_concat('typeof(\"' || name || '\") || '':'' || "
                             "quote(\"' || name || '\")', ' || ''|'' || ') FROM "
                             "pragma_table_info('%s')",
                             data_tables[i]);
      g_autofree char *columns = rows (f, query);
      g_strchomp (columns);
      g_autofree char *sql
          = g_strdup_printf ("SELECT rowid, %s FROM %s ORDER BY rowid", columns, data_tables[i]);
      g_autofree char *table = rows (f, sql);
      g_string_append_printf (out, "== %s\n%s", data_tables[i], table);
    }
  return g_string_free (out, FALSE);
}

/* The newest import's number. */
static gint64
last_batch (Fixture *f)
{
  return count (f, "SELECT max(id) FROM import_batch");
}

/* The audit chain as an independent reader checks it (tests/cli/verify-audit-chain.py). */
static void
assert_chain_verifies (Fixture *f)
{
  g_autofree char *script = g_build_filename (g_getenv ("JINDU_SOURCE_DIR"), "tests", "cli",
                                              "verify-audit-chain.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, jd_ledger_get_path (f->ledger), NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  g_autoptr (GError) error = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("verify-audit-chain.py: %s%s", out, err);
  g_assert_true (g_str_has_prefix (out, "ok "));
}

/* ---- the history ------------------------------------------------------------------ */

/* Each import is recorded in its own transaction: file, kind, user, counts; an
 * import that fails records nothing. */
static void
test_history_lists (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  import_fixture (f, JD_IMPORT_VILLAGES, "villages.csv", 3, 0);
  import_fixture (f, JD_IMPORT_PERSONS, "persons.csv", 3, 0);
  /* A bad file: nothing imported, nothing recorded. */
  g_autofree char *bad = fixture_path ("persons-bad.csv");
  g_auto (JdImportReport) report = { 0 };
  g_assert_false (
      jd_import_file (f->ledger, JD_IMPORT_PERSONS, bad, &report, NULL, NULL, NULL, &error));
  g_clear_error (&error);
  /* The same file again changes nothing, and writes nothing, not even its history. */
  gint64 log_rows = count (f, "SELECT count(*) FROM audit_log");
  import_fixture (f, JD_IMPORT_PERSONS, "persons.csv", 0, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log"), ==, log_rows);

  g_autoptr (GPtrArray) batches = jd_import_history_list (f->ledger, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 2);
  const JdImportBatch *persons = batches->pdata[0], *villages = batches->pdata[1];
  g_assert_cmpint (villages->id, ==, 1);
  g_assert_cmpstr (villages->file, ==, "villages.csv");
  g_assert_cmpstr (villages->kind, ==, "villages");
  g_assert_cmpuint (villages->added, ==, 3);
  g_assert_cmpstr (persons->kind, ==, "persons");
  g_assert_cmpuint (persons->added, ==, 3);
  g_assert_cmpuint (persons->updated, ==, 0);
  g_assert_cmpstr (persons->user, ==, g_get_user_name ());
  g_assert_null (persons->undone_at);
  g_assert_nonnull (persons->imported_at);
  g_assert_cmpuint (strlen (persons->imported_at), ==, 19);
  /* The user and time are those of the audit log's rows for the import. */
  g_autofree char *same = rows (f, "SELECT b.os_user = a.os_user AND b.imported_at >= a.at"
                                   " FROM import_batch b JOIN audit_log a ON a.id = b.last_row"
                                   " WHERE b.id = 2");
  g_assert_cmpstr (same, ==, "1\n");
  /* Its audit rows are the three persons' inserts. */
  g_autofree char *own = rows (f, "SELECT group_concat(a.tbl || ' ' || a.action, ', ')"
                                  " FROM import_batch b JOIN audit_log a"
                                  " ON a.id BETWEEN b.first_row AND b.last_row WHERE b.id = 2");
  g_assert_cmpstr (own, ==, "person insert, person insert, person insert\n");
  assert_chain_verifies (f);
}

/* Persons imported, then undone: every table as it was before, row for row and
 * type for type; the audit log keeps the import and the undo, and verifies. */
static void
test_undo_added (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  import_fixture (f, JD_IMPORT_VILLAGES, "villages.csv", 3, 0);
  g_autofree char *before = dump_tables (f);

  import_fixture (f, JD_IMPORT_PERSONS, "persons.csv", 3, 0);
  import_fixture (f, JD_IMPORT_FOLLOWUPS, "followups.csv", 3, 0);
  g_autofree char *imported = dump_tables (f);
  g_assert_cmpstr (imported, !=, before);

  /* Undone newest first: the follow-ups, then the persons. */
  g_assert_true (jd_import_undo (f->ledger, 3, &error));
  g_assert_no_error (error);
  g_assert_true (jd_import_undo (f->ledger, 2, &error));
  g_assert_no_error (error);
  g_autofree char *after = dump_tables (f);
  g_assert_cmpstr (after, ==, before);
  /* The search index forgot them too. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM person_fts"), ==, 0);

  /* The log: three persons added and deleted, the batch recorded and marked. */
  g_autofree char *log = rows (f, "SELECT action, count(*) FROM audit_log WHERE tbl = 'person'"
                                  " GROUP BY action ORDER BY action");
  g_assert_cmpstr (log, ==, "delete|3\ninsert|3\n");
  g_autofree char *batches
      = rows (f, "SELECT tbl, action, count(*) FROM audit_log"
                 " WHERE tbl = 'import_batch' GROUP BY action ORDER BY action");
  g_assert_cmpstr (batches, ==, "import_batch|insert|3\nimport_batch|update|2\n");
  g_autoptr (GPtrArray) history = jd_import_history_list (f->ledger, &error);
  g_assert_nonnull (((JdImportBatch *)history->pdata[1])->undone_at);
  g_assert_null (((JdImportBatch *)history->pdata[2])->undone_at);
  assert_chain_verifies (f);

  /* The same files import again as new. */
  import_fixture (f, JD_IMPORT_PERSONS, "persons.csv", 3, 0);
}

#define PERSONS_CHANGED                                                                            \
  "公民身份号码,姓名,联系电话,管理村(社区),初次发现日期,备注\n"           \
  "441581198503120018,陈大文,13900000009,V01,2015-06-01,已改\n"                               \
  "441581197801010031,黄志强,,V02,2012-07-09,\n"

/* Persons updated, then undone: their old values back; statuses whose import
 * closed an open span: the span open again. */
static void
test_undo_updated (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  import_fixture (f, JD_IMPORT_VILLAGES, "villages.csv", 3, 0);
  import_fixture (f, JD_IMPORT_PERSONS, "persons.csv", 3, 0);
  import_fixture (f, JD_IMPORT_STATUSES, "statuses.csv", 4, 0);
  g_autofree char *before = dump_tables (f);

  g_autofree char *changed = write_file (f, "persons-changed.csv", PERSONS_CHANGED);
  import_path (f, JD_IMPORT_PERSONS, changed, 0, 1);
  g_autofree char *phone = rows (f, "SELECT phone, note FROM person WHERE name = '陈大文'");
  g_assert_cmpstr (phone, ==, "13900000009|已改\n");
  g_assert_true (jd_import_undo (f->ledger, last_batch (f), &error));
  g_assert_no_error (error);
  g_autofree char *back = rows (f, "SELECT phone, note FROM person WHERE name = '陈大文'");
  g_assert_cmpstr (back, ==, "13800000001|∅\n");
  g_autofree char *after_persons = dump_tables (f);
  g_assert_cmpstr (after_persons, ==, before);

  /* A later status closes the open one (an update) and adds a span. */
  g_autofree char *later = write_file (f, "statuses-later.csv",
                                       "id_number,status,started_on\n"
                                       "441581198503120018,at_large,2024-06-01\n");
  import_path (f, JD_IMPORT_STATUSES, later, 1, 0);
  g_autofree char *closed = rows (f, "SELECT ended_on FROM status_span WHERE status ="
                                     " 'community_rehab'");
  g_assert_cmpstr (closed, ==, "2024-05-31\n");
  g_assert_true (jd_import_undo (f->ledger, last_batch (f), &error));
  g_assert_no_error (error);
  g_autofree char *after = dump_tables (f);
  g_assert_cmpstr (after, ==, before);
  assert_chain_verifies (f);
}

/* A later follow-up on an imported person, or an edit of one, blocks the
 * undo, which names it; nothing is written. */
static void
test_blocked_by_later_change (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  import_fixture (f, JD_IMPORT_VILLAGES, "villages.csv", 3, 0);
  import_fixture (f, JD_IMPORT_PERSONS, "persons.csv", 3, 0);
  g_assert_true (jd_ledger_exec (f->ledger,
                                 "INSERT INTO followup (person_id, kind, occurred_on, content)"
                                 " SELECT id, 'talk', '2024-03-01', '谈话' FROM person"
                                 " WHERE name = '林小红'",
                                 NULL));
  g_autofree char *at = rows (f, "SELECT replace(max(at), 'T', ' ') FROM audit_log"
                                 " WHERE tbl = 'followup'");
  g_strchomp (at);
  gint64 log_rows = count (f, "SELECT count(*) FROM audit_log");
  g_autofree char *before = dump_tables (f);

  g_assert_false (jd_import_undo_check (f->ledger, 2, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (jd_import_undo (f->ledger, 2, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_autofree char *expected = g_strdup_printf (
      "Import 2 (persons.csv) cannot be undone: after it, the Follow-up record of 林小红 was "
      "added on %s by %s. An import can be undone only while nothing later has changed its rows.",
      at, g_get_user_name ());
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log"), ==, log_rows);
  g_autofree char *after = dump_tables (f);
  g_assert_cmpstr (after, ==, before);

  /* The follow-up deleted by hand: now an edit of another person blocks it
   * (the follow-up's deletion still does first). */
  g_assert_true (jd_ledger_exec (f->ledger, "DELETE FROM followup", NULL));
  g_assert_false (jd_import_undo (f->ledger, 2, &error));
  g_assert_nonnull (strstr (error->message, "the Follow-up record of 林小红 was added"));
  g_clear_error (&error);

  /* On a fresh import of the same persons' phones: an edit blocks it. */
  g_autofree char *changed = write_file (f, "persons-changed.csv", PERSONS_CHANGED);
  import_path (f, JD_IMPORT_PERSONS, changed, 0, 1);
  gint64 batch = last_batch (f);
  g_assert_true (jd_ledger_exec (
      f->ledger, "UPDATE person SET phone = '13700000007' WHERE name = '陈大文'", NULL));
  g_assert_false (jd_import_undo (f->ledger, batch, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "the Person record of 陈大文 was changed on "));
  g_clear_error (&error);
  g_autofree char *phone = rows (f, "SELECT phone FROM person WHERE name = '陈大文'");
  g_assert_cmpstr (phone, ==, "13700000007\n");
  assert_chain_verifies (f);
}

/* Only the batch's own rows count: a follow-up added by hand after a
 * follow-ups import, on the same person, does not block undoing the import,
 * and stays. */
static void
test_unrelated_later_change (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  import_fixture (f, JD_IMPORT_VILLAGES, "villages.csv", 3, 0);
  import_fixture (f, JD_IMPORT_PERSONS, "persons.csv", 3, 0);
  import_fixture (f, JD_IMPORT_FOLLOWUPS, "followups.csv", 3, 0);
  g_assert_true (jd_ledger_exec (f->ledger,
                                 "INSERT INTO followup (person_id, kind, occurred_on, content)"
                                 " SELECT person_id, 'talk', '2024-03-02', '手工录入' FROM followup"
                                 " ORDER BY id LIMIT 1",
                                 NULL));
  g_assert_true (jd_import_undo (f->ledger, 3, &error));
  g_assert_no_error (error);
  g_autofree char *left = rows (f, "SELECT content FROM followup");
  g_assert_cmpstr (left, ==, "手工录入\n");
  /* The persons' import is blocked by it, though. */
  g_assert_false (jd_import_undo (f->ledger, 2, &error));
  g_assert_nonnull (strstr (error->message, "Follow-up record of "));
}

/* A person added later in a village the import added blocks undoing the
 * villages (deleting them would leave the person without one). */
static void
test_blocked_by_reference (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  import_fixture (f, JD_IMPORT_VILLAGES, "villages.csv", 3, 0);
  /* Added by hand, not imported: the import's history has only the villages. */
  g_assert_true (jd_ledger_exec (f->ledger,
                                 "INSERT INTO person (id_number, name, village_id, first_found_on)"
                                 " SELECT '441581198503120018', '陈大文', id, '2015-06-01'"
                                 " FROM village WHERE code = 'V02'",
                                 NULL));
  g_assert_false (jd_import_undo (f->ledger, 1, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message,
                            "Import 1 (villages.csv) cannot be undone: after it, the Person "
                            "record of 陈大文 was added on "));
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM village"), ==, 3);
}

/* Undone twice: refused the second time; an unknown number: not found. */
static void
test_undo_twice (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  import_fixture (f, JD_IMPORT_VILLAGES, "villages.csv", 3, 0);
  g_assert_true (jd_import_undo (f->ledger, 1, &error));
  g_assert_no_error (error);
  gint64 log_rows = count (f, "SELECT count(*) FROM audit_log");
  g_assert_false (jd_import_undo (f->ledger, 1, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_true (
      g_str_has_prefix (error->message, "Import 1 (villages.csv) was already undone on "));
  g_clear_error (&error);
  g_assert_false (jd_import_undo (f->ledger, 7, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_NOT_FOUND);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log"), ==, log_rows);
  g_assert_cmpint (count (f, "SELECT count(*) FROM village"), ==, 0);
}

/* A later import that updated the rows blocks the earlier one until it is
 * undone itself: its writes and its undo cancel out. */
static void
undone_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;
  if (jd_import_undo_finish (result, error))
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static void
count_notice_cb (JdLedger *ledger, JdChanges changes, gpointer user_data)
{
  g_assert_cmpuint (changes, ==, JD_CHANGE_RECORDS);
  (*(guint *)user_data)++;
}

/* The undo on a worker thread, on a connection of its own: the same rules,
 * what it did seen by the caller's connection, and the caller's ledger
 * announcing it once (the pages reload), before the callback; a refusal
 * announces nothing. */
static void
test_undo_async (Fixture *f, gconstpointer data)
{
  import_fixture (f, JD_IMPORT_VILLAGES, "villages.csv", 3, 0);
  guint notices = 0;
  gulong handler = g_signal_connect (f->ledger, "changed", G_CALLBACK (count_notice_cb), &notices);
  GError *error = NULL;
  jd_import_undo_async (f->ledger, 1, undone_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS); /* done */
  g_clear_error (&error);
  g_assert_cmpuint (notices, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM village"), ==, 0);
  /* Twice: refused with the reason, as the synchronous call. */
  jd_import_undo_async (f->ledger, 1, undone_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_true (
      g_str_has_prefix (error->message, "Import 1 (villages.csv) was already undone on "));
  g_clear_error (&error);
  g_assert_cmpuint (notices, ==, 1);
  g_signal_handler_disconnect (f->ledger, handler);
}

static void
test_later_import_undone_first (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  import_fixture (f, JD_IMPORT_VILLAGES, "villages.csv", 3, 0);
  g_autofree char *before = dump_tables (f);
  import_fixture (f, JD_IMPORT_PERSONS, "persons.csv", 3, 0);
  g_autofree char *changed = write_file (f, "persons-changed.csv", PERSONS_CHANGED);
  import_path (f, JD_IMPORT_PERSONS, changed, 0, 1);

  g_assert_false (jd_import_undo (f->ledger, 2, &error));
  g_assert_nonnull (strstr (error->message, "the Person record of 陈大文 was changed on "));
  /* The later change being an import's, the message says which to undo first. */
  g_assert_true (g_str_has_suffix (
      error->message, "rows. That change was import 3 (persons-changed.csv): undo it first."));
  g_clear_error (&error);
  g_assert_true (jd_import_undo (f->ledger, 3, &error));
  g_assert_no_error (error);
  g_assert_true (jd_import_undo (f->ledger, 2, &error));
  g_assert_no_error (error);
  g_autofree char *after = dump_tables (f);
  g_assert_cmpstr (after, ==, before);
  assert_chain_verifies (f);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import-history/lists", test_history_lists);
  ADD ("/import-history/undo-added", test_undo_added);
  ADD ("/import-history/undo-updated", test_undo_updated);
  ADD ("/import-history/blocked-by-later-change", test_blocked_by_later_change);
  ADD ("/import-history/blocked-by-reference", test_blocked_by_reference);
  ADD ("/import-history/unrelated-later-change", test_unrelated_later_change);
  ADD ("/import-history/undo-twice", test_undo_twice);
  ADD ("/import-history/later-import-undone-first", test_later_import_undone_first);
  ADD ("/import-history/undo-async", test_undo_async);
  return g_test_run ();
}
