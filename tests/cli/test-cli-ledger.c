/* test-cli-ledger.c: jindu init, check and backup through the real executable ($JINDU)
 *
 * What a script or a person at a terminal sees: the exit code (docs/contract.md §5: 0 ok,
 * 1 usage, 3 file), the report on stdout, and one line on stderr that names
 * the file at fault.
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "jd-ledger.h"
#include "jd-test-run.h"

typedef JdTestLedger Fixture;

/* stderr is exactly one line, and it names `path`. */
static void
assert_one_line_naming (const Run *run, const char *path)
{
  g_assert_nonnull (strstr (run->err, path));
  const char *newline = strchr (run->err, '\n');
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline, ==, "\n");
}

static void
init_ledger (Fixture *f)
{
  g_auto (Run) run = { 0 };
  run_jindu (&run, "init", "--db", f->path, "--township", "博美镇", "--county", "陆丰市", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
}

/* The audit triggers name the operating-system user through jd_os_user ();
 * another tool that writes the ledger has to supply it too. */
static void
other_tool_user (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  sqlite3_result_text (ctx, "other-tool", -1, SQLITE_STATIC);
}

static sqlite3 *
open_as_other_tool (const char *path)
{
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_create_function (db, "jd_os_user", 0, SQLITE_UTF8, NULL, other_tool_user, NULL, NULL),
      ==, SQLITE_OK);
  return db;
}

/* Another tool's edits: rows the program itself would refuse. */
static void
write_doubtful_rows (const char *path)
{
  sqlite3 *db = open_as_other_tool (path);
  /* 44018119900307123 has check digit 1: the stored 4 is wrong. The two
   * persons have no status; 441523198506123317 is valid. */
  g_assert_cmpint (
      sqlite3_exec (db,
                    "INSERT INTO village (id, code, name, retired_on) VALUES (1, '009', '老村',"
                    " '2020-06-30');"
                    "INSERT INTO person (id_number, name, village_id, first_found_on) VALUES"
                    " ('440181199003071234', '李二', 1, '2019-01-01'),"
                    " ('441523198506123317', '陈一', 1, '2019-01-01');",
                    NULL, NULL, NULL),
      ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* ---- init --------------------------------------------------------------------------- */

static void
test_init (Fixture *f, gconstpointer data)
{
  init_ledger (f);
  g_autofree char *before = jd_test_checksum_file (f->path);

  /* Again: refused, exit 3, the file named, nothing changed. */
  g_auto (Run) again = { 0 };
  run_jindu (&again, "init", "--db", f->path, "--township", "别的镇", NULL);
  g_assert_cmpint (again.status, ==, 3);
  assert_one_line_naming (&again, f->path);
  g_assert_nonnull (strstr (again.err, "already exists"));
  g_autofree char *after = jd_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);

  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
  g_assert_no_error (error);
  g_autofree char *township = jd_ledger_dup_township (ledger);
  g_assert_cmpstr (township, ==, "博美镇");
}

static void
test_init_usage (Fixture *f, gconstpointer data)
{
  g_auto (Run) no_township = { 0 }, unknown = { 0 };

  run_jindu (&no_township, "init", "--db", f->path, NULL);
  g_assert_cmpint (no_township.status, ==, 1);
  g_assert_nonnull (strstr (no_township.err, "--township"));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  run_jindu (&unknown, "init", "--db", f->path, "--township", "博美镇", "--colour", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "--colour"));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* A mistyped command is refused with the list of commands, never the window. */
static void
test_unknown_command (Fixture *f, gconstpointer data)
{
  g_auto (Run) run = { 0 };

  run_jindu (&run, "inti", "--db", f->path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“inti” is not a command"));
  g_assert_nonnull (strstr (run.err, "init, "));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* ---- check ---------------------------------------------------------------------------- */

static void
test_check_clean (Fixture *f, gconstpointer data)
{
  init_ledger (f);
  g_auto (Run) run = { 0 };
  run_jindu (&run, "check", "--db", f->path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "integrity: ok\n"));
  g_assert_nonnull (strstr (run.out, "\nInvalid ID numbers: 0\n"));
  g_assert_nonnull (strstr (run.out, "\nFollow-ups outside a community measure: 0\n"));
  g_assert_true (g_str_has_suffix (run.out, "\nNo findings: the data is consistent\n"));
}

static void
test_check_findings (Fixture *f, gconstpointer data)
{
  init_ledger (f);
  write_doubtful_rows (f->path);

  /* Each finding with the full ID number. By hand: one invalid ID, two persons
   * in the retired village 老村, two with no status. Those are warnings; but the
   * other tool's rows left audit rows 2–4 (the village, two persons) that Jindu
   * Ledger never sealed: exit 2, and the rows named. */
  g_auto (Run) run = { 0 };
  run_jindu (&run, "check", "--db", f->path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "jindu: the audit log of "));
  g_assert_nonnull (strstr (run.err, "(1 finding above)"));
  g_assert_nonnull (strstr (run.out, "\nAudit log entries removed, changed or not sealed: 1\n"
                                     "  Audit rows 2–4 were not sealed by Jindu Ledger: another "
                                     "program wrote them"));
  g_assert_nonnull (strstr (run.out, "\nAudit triggers missing, altered or added: 0\n"));
  g_assert_true (g_str_has_prefix (run.out, "integrity: ok\n"));
  g_assert_nonnull (strstr (run.out, "\nInvalid ID numbers: 1\n"
                                     "  440181199003071234 李二: The check digit is wrong"));
  g_assert_nonnull (strstr (run.out, "\nPersons managed by a retired village: 2\n"
                                     "  440181199003071234 李二: Managed by 老村 (009), which was "
                                     "retired on 2020-06-30\n"
                                     "  441523198506123317 陈一: Managed by 老村"));
  g_assert_nonnull (strstr (run.out, "\nPersons with no status: 2\n"));
  g_assert_null (strstr (run.out, "warnings: the file itself is sound"));

  /* --help says that findings do not change the exit status. */
  g_auto (Run) help = { 0 };
  run_jindu (&help, "check", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "0 when the file is sound, even when findings are listed"));
  g_assert_nonnull (strstr (help.out, "2 when the audit log does not match its seals"));
  g_assert_nonnull (strstr (help.out, "--all"));
}

/* More than ten findings of one kind: ten listed, the rest counted, --all lists them. */
static void
test_check_all (Fixture *f, gconstpointer data)
{
  init_ledger (f);
  sqlite3 *db = open_as_other_tool (f->path);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO village (id, code, name) VALUES (1, '001', '东村')",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  /* Twelve valid persons (check digits by GB 11643), none with a status. */
  static const char *const ids[] = {
    "441523198001010018", "441523198001010026", "441523198001010034", "441523198001010042",
    "441523198001010050", "441523198001010069", "441523198001010077", "441523198001010085",
    "441523198001010093", "441523198001010106", "441523198001010114", "441523198001010122",
  };
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO person (id_number, name, village_id,"
                                              " first_found_on) VALUES ('%s', '人%u', 1,"
                                              " '2019-01-01')",
                                              ids[i], i);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  sqlite3_close (db);

  g_auto (Run) some = { 0 }, all = { 0 };
  run_jindu (&some, "check", "--db", f->path, NULL);
  g_assert_cmpint (some.status, ==, 2); /* the other tool's rows are not sealed */
  g_assert_nonnull (strstr (some.out, "\nPersons with no status: 12\n"));
  g_assert_nonnull (strstr (some.out, "  441523198001010106 人9: No status"));
  g_assert_null (strstr (some.out, "441523198001010114"));
  g_assert_nonnull (strstr (some.out, "  … and 2 more (--all lists every one)\n"));

  run_jindu (&all, "check", "--db", f->path, "--all", NULL);
  g_assert_cmpint (all.status, ==, 2);
  g_assert_nonnull (strstr (all.out, "  441523198001010122 人11: No status"));
  g_assert_null (strstr (all.out, "more (--all"));
}

static void
test_check_truncated (Fixture *f, gconstpointer data)
{
  init_ledger (f);
  write_doubtful_rows (f->path);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 2 * 4096);
  g_assert_true (g_file_set_contents (f->path, contents, length / 2, NULL));
  g_autofree char *before = jd_test_checksum_file (f->path);

  g_auto (Run) run = { 0 };
  run_jindu (&run, "check", "--db", f->path, NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_cmpstr (run.out, ==, "");
  assert_one_line_naming (&run, f->path);
  g_assert_nonnull (strstr (run.err, "damaged"));
  g_autofree char *after = jd_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_check_text_file (Fixture *f, gconstpointer data)
{
  const char *text = "编码,名称\n001,东村\n";
  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));

  g_auto (Run) run = { 0 };
  run_jindu (&run, "check", "--db", f->path, NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_cmpstr (run.out, ==, "");
  assert_one_line_naming (&run, f->path);
  g_assert_nonnull (strstr (run.err, "not a Jindu ledger"));

  g_autofree char *contents = NULL;
  g_assert_true (g_file_get_contents (f->path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, text);
}

/* A sound header over a damaged page: the file opens, the integrity check fails. */
static void
test_check_damaged (Fixture *f, gconstpointer data)
{
  init_ledger (f);
  sqlite3 *db = open_as_other_tool (f->path);
  g_assert_cmpint (sqlite3_exec (db,
                                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                                 " WHERE i < 400) INSERT INTO village (code, name)"
                                 " SELECT printf('V%03d', i), printf('村%d', i) FROM n",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT rootpage FROM sqlite_schema WHERE name = "
                                       "'village'",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  int root = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  g_autofree char *contents = NULL;
  gsize length = 0;
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, (gsize)root * 4096);
  for (gsize i = (root - 1) * 4096 + 8; i < (gsize)root * 4096; i++)
    contents[i] = (char)(0x5a ^ i);
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));

  g_auto (Run) run = { 0 };
  run_jindu (&run, "check", "--db", f->path, NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_true (g_str_has_prefix (run.out, "integrity: "));
  g_assert_null (strstr (run.out, "integrity: ok"));
  g_assert_nonnull (strstr (run.out, "Data quality: not checked"));
  assert_one_line_naming (&run, f->path);
  g_assert_nonnull (strstr (run.err, "damaged"));
}

static void
test_check_missing (Fixture *f, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  run_jindu (&run, "check", "--db", f->path, NULL);
  g_assert_cmpint (run.status, ==, 3);
  assert_one_line_naming (&run, f->path);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* ---- backup --------------------------------------------------------------------------- */

static void
test_backup (Fixture *f, gconstpointer data)
{
  init_ledger (f);
  write_doubtful_rows (f->path);
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);

  g_auto (Run) run = { 0 };
  run_jindu (&run, "backup", "--db", f->path, "--out", copy, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  /* "Backup written to …/copy.db: 94.2 kB (94208 bytes)": the size is the file's. */
  GStatBuf st;
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  g_autofree char *bytes = g_strdup_printf ("(%" G_GINT64_FORMAT " bytes)\n", (gint64)st.st_size);
  g_assert_true (g_str_has_prefix (run.out, "Backup written to "));
  g_assert_nonnull (strstr (run.out, copy));
  g_assert_true (g_str_has_suffix (run.out, bytes));

  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (copy, &error);
  g_assert_no_error (error);
  g_autofree char *township = jd_ledger_dup_township (ledger);
  g_assert_cmpstr (township, ==, "博美镇");
  g_assert_cmpint (jd_ledger_count (ledger, "person"), ==, 2);
  g_clear_object (&ledger);

  /* The copy checks like the original: sound, with the same five findings and
   * the other tool's three unsealed audit rows (exit 2). */
  g_auto (Run) check = { 0 };
  run_jindu (&check, "check", "--db", copy, NULL);
  g_assert_cmpint (check.status, ==, 2);
  g_assert_nonnull (strstr (check.out, "\nPersons with no status: 2\n"));
  g_assert_nonnull (strstr (check.out, "  Audit rows 2–4 were not sealed by Jindu Ledger"));
}

static void
test_backup_existing (Fixture *f, gconstpointer data)
{
  init_ledger (f);
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  const char *precious = "last year's report\n";
  g_assert_true (g_file_set_contents (copy, precious, -1, NULL));

  /* Refused: exit 3, one line naming the file, the file as it was. */
  g_auto (Run) refused = { 0 };
  run_jindu (&refused, "backup", "--db", f->path, "--out", copy, NULL);
  g_assert_cmpint (refused.status, ==, 3);
  g_assert_cmpstr (refused.out, ==, "");
  assert_one_line_naming (&refused, copy);
  g_assert_nonnull (strstr (refused.err, "--force"));
  g_autofree char *contents = NULL;
  g_assert_true (g_file_get_contents (copy, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, precious);

  /* With --force it is replaced by a sound copy. */
  g_auto (Run) forced = { 0 };
  run_jindu (&forced, "backup", "--db", f->path, "--out", copy, "--force", NULL);
  g_assert_cmpint (forced.status, ==, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (copy, &error);
  g_assert_no_error (error);
  g_autofree char *township = jd_ledger_dup_township (ledger);
  g_assert_cmpstr (township, ==, "博美镇");
  g_clear_object (&ledger);

  /* Not even --force copies the ledger onto itself. */
  g_autofree char *before = jd_test_checksum_file (f->path);
  g_auto (Run) itself = { 0 };
  run_jindu (&itself, "backup", "--db", f->path, "--out", f->path, "--force", NULL);
  g_assert_cmpint (itself.status, ==, 3);
  assert_one_line_naming (&itself, f->path);
  g_autofree char *after = jd_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_backup_usage (Fixture *f, gconstpointer data)
{
  init_ledger (f);
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_auto (Run) no_out = { 0 }, unknown = { 0 }, extra = { 0 }, bad_source = { 0 };

  run_jindu (&no_out, "backup", "--db", f->path, NULL);
  g_assert_cmpint (no_out.status, ==, 1);
  g_assert_nonnull (strstr (no_out.err, "--out"));

  run_jindu (&unknown, "backup", "--db", f->path, "--out", copy, "--compress", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "--compress"));

  run_jindu (&extra, "backup", "--db", f->path, "--out", copy, "other.db", NULL);
  g_assert_cmpint (extra.status, ==, 1);
  g_assert_nonnull (strstr (extra.err, "other.db"));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));

  /* A source that is not a ledger: exit 3 naming it, and no copy. */
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (text, "hello\n", -1, NULL));
  run_jindu (&bad_source, "backup", "--db", text, "--out", copy, NULL);
  g_assert_cmpint (bad_source.status, ==, 3);
  assert_one_line_naming (&bad_source, text);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));

  g_auto (Run) check_unknown = { 0 };
  run_jindu (&check_unknown, "check", "--db", f->path, "--fix", NULL);
  g_assert_cmpint (check_unknown.status, ==, 1);
  g_assert_nonnull (strstr (check_unknown.err, "--fix"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func)                                                                            \
  g_test_add (name, Fixture, NULL, jd_test_folder_fixture, func, jd_test_fixture_tear_down)
  ADD ("/cli/init", test_init);
  ADD ("/cli/init-usage", test_init_usage);
  ADD ("/cli/unknown-command", test_unknown_command);
  ADD ("/cli/check-clean", test_check_clean);
  ADD ("/cli/check-findings", test_check_findings);
  ADD ("/cli/check-all", test_check_all);
  ADD ("/cli/check-truncated", test_check_truncated);
  ADD ("/cli/check-text-file", test_check_text_file);
  ADD ("/cli/check-damaged", test_check_damaged);
  ADD ("/cli/check-missing", test_check_missing);
  ADD ("/cli/backup", test_backup);
  ADD ("/cli/backup-existing", test_backup_existing);
  ADD ("/cli/backup-usage", test_backup_usage);
#undef ADD

  return g_test_run ();
}
