/* test-ledger.c: the ledger file itself (docs/contract.md §3): how it is created, what
 * it refuses and leaves untouched, the audit log, backups made while another
 * process writes, and the integrity and data-quality check (jd-check.h).
 *
 * Hostile fixtures (another program's database, a damaged page) are built with
 * the sqlite3 API directly: only tests may do that outside src/core.
 */
#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jd-check.h"
#include "jd-date.h"
#include "jd-error.h"
#include "jd-id-number.h"
#include "jd-ledger-private.h"
#include "jd-store.h"
#include "jd-test-ledger.h"

/* The child process of test_backup_while_writing: `test-ledger --writer FILE STOP`. */
#define WRITER_ARG "--writer"
#define VILLAGES_PER_COMMIT 3
#define PREFILL_VILLAGES 1200 /* a multiple of VILLAGES_PER_COMMIT */

static const char *self_path;

typedef JdTestLedger Fixture;

/* ---- helpers ------------------------------------------------------------------- */

static JdLedger *
create_ledger (const char *path)
{
  g_autoptr (GError) error = NULL;
  JdLedger *ledger = jd_ledger_create (path, "博美镇", "陆丰市", &error);
  g_assert_no_error (error);
  g_assert_nonnull (ledger);
  return ledger;
}

static JdLedger *
open_ledger (const char *path)
{
  g_autoptr (GError) error = NULL;
  JdLedger *ledger = jd_ledger_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ledger);
  return ledger;
}

static char *
query_text (JdLedger *ledger, const char *sql)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  char *value = jd_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static void
exec (JdLedger *ledger, const char *sql)
{
  g_autoptr (GError) error = NULL;
  jd_ledger_exec (ledger, sql, &error);
  g_assert_no_error (error);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static goffset
file_size (const char *path)
{
  GStatBuf st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

static void
write_file (const char *path, const void *data, gsize length)
{
  g_autoptr (GError) error = NULL;
  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

/* A closed ledger holding `n` villages. */
static void
make_ledger_with_villages (const char *path, guint n)
{
  g_autoptr (JdLedger) ledger = create_ledger (path);
  g_autoptr (GError) error = NULL;
  jd_ledger_begin (ledger, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = g_strdup_printf ("V%04u", i);
      g_autofree char *name = g_strdup_printf ("第%u村", i);
      JdVillageRecord village = { .code = code, .name = name, .resident_population = 1000 + i };
      g_assert_cmpint (jd_store_village (ledger, &village, NULL, &error), ==, JD_STORE_ADDED);
      g_assert_no_error (error);
    }
  jd_ledger_commit (ledger, &error);
  g_assert_no_error (error);
}

/* ---- creating and opening ------------------------------------------------------ */

static void
test_create (Fixture *f, gconstpointer data)
{
  /* Two folders that do not exist yet: both are made 0700, the file 0600. */
  g_autofree char *outer = g_build_filename (f->dir, "data", NULL);
  g_autofree char *inner = g_build_filename (outer, "jindu", NULL);
  g_autofree char *path = g_build_filename (inner, "ledger.db", NULL);
  g_autoptr (JdLedger) ledger = create_ledger (path);

  g_assert_cmpuint (file_mode (outer), ==, 0700);
  g_assert_cmpuint (file_mode (inner), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpstr (jd_ledger_get_path (ledger), ==, path);

  g_assert_cmpint (jd_test_query_int (ledger, "PRAGMA user_version"), ==, JD_SCHEMA_VERSION);
  g_assert_cmpint (jd_test_query_int (ledger, "PRAGMA user_version"), ==, JD_SCHEMA_VERSION);
  /* "JdLg" = 0x4A644C67 = 1248087143. */
  g_assert_cmpint (jd_test_query_int (ledger, "PRAGMA application_id"), ==, 1248087143);
  g_assert_cmpint (jd_test_query_int (ledger, "PRAGMA foreign_keys"), ==, 1);
  g_autofree char *journal = query_text (ledger, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (jd_test_query_int (ledger, "PRAGMA synchronous"), ==, 2); /* FULL */

  g_autofree char *township = jd_ledger_dup_township (ledger);
  g_autofree char *county = jd_ledger_dup_county (ledger);
  g_assert_cmpstr (township, ==, "博美镇");
  g_assert_cmpstr (county, ==, "陆丰市");

  /* A foreign key is enforced: village 99 does not exist. */
  g_autoptr (GError) error = NULL;
  jd_ledger_exec (ledger,
                  "INSERT INTO letter (village_id, level, signed_on) VALUES (99, 'unit', "
                  "'2024-01-01')",
                  &error);
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
}

static void
test_create_existing_folder (Fixture *f, gconstpointer data)
{
  /* The folder exists already (g_dir_make_tmp made it 0700); a shared folder
   * keeps its own mode: only folders the ledger creates are made 0700. */
  g_autofree char *shared = g_build_filename (f->dir, "shared", NULL);
  g_assert_cmpint (g_mkdir (shared, 0755), ==, 0);
  g_assert_cmpint (g_chmod (shared, 0755), ==, 0);
  g_autofree char *path = g_build_filename (shared, "ledger.db", NULL);
  g_autoptr (JdLedger) ledger = create_ledger (path);
  g_assert_cmpuint (file_mode (shared), ==, 0755);
  g_assert_cmpuint (file_mode (path), ==, 0600);
}

static void
test_create_refuses_existing (Fixture *f, gconstpointer data)
{
  make_ledger_with_villages (f->path, 2);
  g_autofree char *before = jd_test_checksum_file (f->path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) again = jd_ledger_create (f->path, "别的镇", NULL, &error);
  g_assert_null (again);
  g_assert_error (error, JD_ERROR, JD_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, f->path));
  g_autofree char *after = jd_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);

  g_autoptr (JdLedger) ledger = open_ledger (f->path);
  g_assert_cmpint (jd_ledger_count (ledger, "village"), ==, 2);
}

static void
test_reopen_is_idempotent (Fixture *f, gconstpointer data)
{
  make_ledger_with_villages (f->path, 5);
  /* Closed: the WAL was checkpointed into the file and removed. */
  g_assert_false (jd_test_exists_with_suffix (f->path, "-wal"));
  g_autofree char *before = jd_test_checksum_file (f->path);

  for (int i = 0; i < 2; i++)
    {
      g_autoptr (JdLedger) ledger = open_ledger (f->path);
      g_assert_cmpint (jd_test_query_int (ledger, "PRAGMA user_version"), ==, JD_SCHEMA_VERSION);
      g_assert_cmpint (jd_ledger_count (ledger, "village"), ==, 5);
      /* One audit row for the township, five for the villages. */
      g_assert_cmpint (jd_test_query_int (ledger, "SELECT count(*) FROM audit_log"), ==, 6);
      /* 21 audited tables × 3 triggers, the two that forbid overlapping spans,
       * the three that keep the person search index in step and the six that
       * keep audit_log, audit_seal and output_event append-only. */
      g_assert_cmpint (jd_test_query_int (ledger, "SELECT count(*) FROM sqlite_schema WHERE type = "
                                                  "'trigger'"),
                       ==, 21 * 3 + 2 + 3 + 6);
    }

  /* Opening twice changed no byte of the file. */
  g_autofree char *after = jd_test_checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* What data/sql/0003-audit-seal.sql, 0004-title-ground.sql, 0005-moves-surveys.sql and
 * 0006-import-batches.sql added, taken away: a ledger as version 2 left it. */
#define UNDO_VERSION_3                                                                             \
  "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"                            \
  "DROP TRIGGER audit_output_event_insert; DROP TRIGGER audit_output_event_update;"                \
  "DROP TRIGGER audit_output_event_delete; DROP TABLE output_event; DROP TABLE audit_seal;"        \
  "DROP TRIGGER audit_title_event_insert; DROP TRIGGER audit_title_event_update;"                  \
  "DROP TRIGGER audit_title_event_delete; ALTER TABLE title_event DROP COLUMN ground;"             \
  "DROP TABLE move; DROP TABLE awareness_survey; DROP TABLE import_batch;"

/* A ledger whose first migration never ran (our application id, version 0, no
 * tables) is brought to the current version when opened. */
static void
test_migrate_from_empty (Fixture *f, gconstpointer data)
{
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_exec (db, "PRAGMA application_id = 1248087143; VACUUM;", NULL, NULL, NULL), ==,
      SQLITE_OK);
  sqlite3_close (db);

  g_autoptr (JdLedger) ledger = open_ledger (f->path);
  g_assert_cmpint (jd_test_query_int (ledger, "PRAGMA user_version"), ==, JD_SCHEMA_VERSION);
  g_assert_cmpint (jd_ledger_count (ledger, "village"), ==, 0);
  g_assert_cmpint (jd_ledger_count (ledger, "township"), ==, 0);
  g_assert_cmpint (jd_test_query_int (ledger, "SELECT count(*) FROM sqlite_schema WHERE name = "
                                              "'audit_village_insert'"),
                   ==, 1);
}

/* A ledger of version 1 (its two indexes as they were) is brought to version
 * 2 when opened: the indexes widened, the data and the audit triggers kept. */
static void
test_migrate_from_1 (Fixture *f, gconstpointer data)
{
  make_ledger_with_villages (f->path, 3);
  {
    g_autoptr (JdLedger) ledger = open_ledger (f->path);
    exec (ledger, UNDO_VERSION_3 "DROP INDEX status_span_person; DROP INDEX followup_date;"
                                 "CREATE INDEX status_span_person ON status_span (person_id, "
                                 "started_on);"
                                 "CREATE INDEX followup_date ON followup (occurred_on);"
                                 "PRAGMA user_version = 1");
  }

  g_autoptr (JdLedger) ledger = open_ledger (f->path);
  g_assert_cmpint (jd_test_query_int (ledger, "PRAGMA user_version"), ==, JD_SCHEMA_VERSION);
  g_assert_cmpint (jd_ledger_count (ledger, "village"), ==, 3);
  g_assert_cmpint (
      jd_test_query_int (ledger, "SELECT count(*) FROM pragma_index_info('status_span_person')"),
      ==, 4);
  g_autofree char *columns = query_text (
      ledger, "SELECT group_concat(name, ' ') FROM pragma_index_info('followup_date')");
  g_assert_cmpstr (columns, ==, "occurred_on kind");
  /* Version 4: title events have their ground. */
  g_assert_cmpint (
      jd_test_query_int (
          ledger, "SELECT count(*) FROM pragma_table_info('title_event') WHERE name = 'ground'"),
      ==, 1);
  /* Still audited. */
  gint64 before = jd_test_query_int (ledger, "SELECT count(*) FROM audit_log");
  exec (ledger, "UPDATE village SET name = '新名' WHERE code = 'V0001'");
  g_assert_cmpint (jd_test_query_int (ledger, "SELECT count(*) FROM audit_log"), ==, before + 1);
}

static void
test_missing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
  g_assert_null (ledger);
  g_assert_error (error, JD_ERROR, JD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, f->path));
  /* Opening is not creating. */
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* ---- the audit log --------------------------------------------------------------- */

static void
test_audit (Fixture *f, gconstpointer data)
{
  g_autoptr (JdLedger) ledger = create_ledger (f->path);
  exec (ledger,
        "INSERT INTO village (code, name, resident_population) VALUES ('001', '东村', 1200)");
  gint64 id = jd_test_query_int (ledger, "SELECT id FROM village WHERE code = '001'");
  exec (ledger, "UPDATE village SET name = '东山村' WHERE code = '001'");
  exec (ledger, "DELETE FROM village WHERE code = '001'");

  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt
      = jd_ledger_prepare (ledger,
                           "SELECT action, row_id, os_user, at, json_extract(before, '$.name'),"
                           " json_extract(after, '$.name'), json_extract(coalesce(after, before), "
                           "'$.resident_population'),"
                           " before IS NULL, after IS NULL"
                           " FROM audit_log WHERE tbl = 'village' ORDER BY id",
                           &error);
  g_assert_no_error (error);
  static const struct
  {
    const char *action, *before, *after;
  } expected[] = {
    { "insert", NULL, "东村" },
    { "update", "东村", "东山村" },
    { "delete", "东山村", NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, expected[i].action);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, id);
      g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 2), ==, g_get_user_name ());
      /* at: local time, 2024-03-05T14:30:00 */
      g_assert_cmpint (strlen ((const char *)sqlite3_column_text (stmt, 3)), ==, 19);
      g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 4), ==, expected[i].before);
      g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 5), ==, expected[i].after);
      g_assert_cmpint (sqlite3_column_int (stmt, 6), ==, 1200);
      g_assert_cmpint (sqlite3_column_int (stmt, 7), ==, expected[i].before == NULL);
      g_assert_cmpint (sqlite3_column_int (stmt, 8), ==, expected[i].after == NULL);
    }
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);

  /* A rolled-back change leaves no audit row either. */
  gint64 rows = jd_test_query_int (ledger, "SELECT count(*) FROM audit_log");
  jd_ledger_begin (ledger, &error);
  g_assert_no_error (error);
  exec (ledger, "INSERT INTO village (code, name) VALUES ('002', '西村')");
  jd_ledger_rollback (ledger);
  g_assert_cmpint (jd_test_query_int (ledger, "SELECT count(*) FROM audit_log"), ==, rows);
}

/* ---- files that are refused and left exactly as they were ----------------------------- */

typedef void (*MakeFunc) (const char *path);

static void
make_text (const char *path)
{
  const char *text = "id_number,name\n11010519491231002X,张三\n";
  write_file (path, text, strlen (text));
}

static void
make_png (const char *path)
{
  guint8 png[512]
      = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  for (guint i = 16; i < sizeof png; i++)
    png[i] = (guint8)(i * 37);
  write_file (path, png, sizeof png);
}

static void
make_empty (const char *path)
{
  write_file (path, "", 0);
}

/* A browser-history-like database: sound SQLite, but not ours. */
static void
make_other_database (const char *path)
{
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE places (id INTEGER PRIMARY KEY, url TEXT);"
                                 "INSERT INTO places (url) VALUES ('https://example.org/');"
                                 "PRAGMA user_version = 7;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
make_truncated (const char *path)
{
  make_ledger_with_villages (path, 200);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 8 * 4096);
  write_file (path, contents, length / 2);
}

static void
make_too_new (const char *path)
{
  make_ledger_with_villages (path, 2);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  /* user_version, big-endian at offset 60: 99. */
  g_assert_cmpint (contents[63], ==, JD_SCHEMA_VERSION);
  contents[60] = contents[61] = contents[62] = 0;
  contents[63] = 99;
  write_file (path, contents, length);
}

static const struct
{
  const char *name;
  MakeFunc make;
  int code;           /* JdError */
  const char *reason; /* words the message must hold beside the file name */
} refused[] = {
  { "text", make_text, JD_ERROR_NOT_LEDGER, "not a database file" },
  { "png", make_png, JD_ERROR_NOT_LEDGER, "not a database file" },
  { "empty", make_empty, JD_ERROR_NOT_LEDGER, "not a database file" },
  { "other-database", make_other_database, JD_ERROR_NOT_LEDGER, "another program" },
  { "truncated", make_truncated, JD_ERROR_DAMAGED, "damaged" },
  { "too-new", make_too_new, JD_ERROR_TOO_NEW, "data version 99" },
};

/* A program killed while SQLite copied its write-ahead log into the file
 * (test-crash found this): page 1, with the new page count, is already in the
 * file and the pages after it are not, while the log still holds them all.
 * The ledger is not damaged: it opens, SQLite finishes the copy, nothing is lost. */
static void
test_killed_mid_checkpoint (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *crashed = g_build_filename (f->dir, "crashed.db", NULL);
  g_autofree char *crashed_wal = g_strconcat (crashed, "-wal", NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *log = NULL;
  gsize length = 0, log_length = 0;

  make_ledger_with_villages (f->path, 2);
  {
    /* 300 more villages, all in the log: the file itself does not grow. */
    g_autoptr (JdLedger) ledger = open_ledger (f->path);
    g_assert_true (jd_ledger_exec (ledger, "PRAGMA wal_autocheckpoint = 0", &error));
    jd_ledger_begin (ledger, &error);
    for (guint i = 2; i < 302; i++)
      {
        g_autofree char *code = g_strdup_printf ("V%04u", i);
        JdVillageRecord village = { .code = code, .name = code };
        g_assert_cmpint (jd_store_village (ledger, &village, NULL, &error), ==, JD_STORE_ADDED);
      }
    jd_ledger_commit (ledger, &error);
    g_assert_no_error (error);
    /* The moment of the kill: the file with its header already saying 40 pages
     * more than it has, and the whole log beside it. */
    g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
    g_assert_true (g_file_get_contents (wal, &log, &log_length, NULL));
    g_assert_cmpuint (log_length, >, 0);
  }
  guint32 pages = (guint32)(length / 4096) + 40;
  g_assert_cmpint (((guchar)contents[16] << 8) | (guchar)contents[17], ==, 4096);
  contents[28] = (char)(pages >> 24), contents[29] = (char)(pages >> 16);
  contents[30] = (char)(pages >> 8), contents[31] = (char)pages;
  write_file (crashed, contents, length);
  write_file (crashed_wal, log, log_length);

  g_autoptr (JdLedger) ledger = jd_ledger_open (crashed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jd_ledger_count (ledger, "village"), ==, 302);
  g_autoptr (GPtrArray) problems = jd_ledger_integrity_check (ledger, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_object (&ledger);
  g_autofree char *crashed_shm = g_strconcat (crashed, "-shm", NULL);
  g_unlink (crashed);
  g_unlink (crashed_wal);
  g_unlink (crashed_shm);
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s.db", refused[i].name);
      g_autofree char *path = g_build_filename (f->dir, file, NULL);
      g_test_message ("%s", refused[i].name);
      refused[i].make (path);
      g_assert_false (jd_test_exists_with_suffix (path, "-wal"));
      g_autofree char *before = jd_test_checksum_file (path);
      goffset size = file_size (path);

      g_autoptr (GError) error = NULL;
      g_autoptr (JdLedger) ledger = jd_ledger_open (path, &error);
      g_assert_null (ledger);
      g_assert_error (error, JD_ERROR, refused[i].code);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, refused[i].reason));
      g_assert_null (strchr (error->message, '\n'));

      /* Not a byte changed, and nothing left beside it. */
      g_autofree char *after = jd_test_checksum_file (path);
      g_assert_cmpstr (before, ==, after);
      g_assert_cmpint (file_size (path), ==, size);
      g_assert_false (jd_test_exists_with_suffix (path, "-wal"));
      g_assert_false (jd_test_exists_with_suffix (path, "-shm"));
      g_assert_false (jd_test_exists_with_suffix (path, "-journal"));
    }
}

/* ---- backups ------------------------------------------------------------------------ */

static void
record_progress_cb (double fraction, gpointer user_data)
{
  g_array_append_val ((GArray *)user_data, fraction);
}

static void
test_backup (Fixture *f, gconstpointer data)
{
  make_ledger_with_villages (f->path, 10);
  g_autoptr (JdLedger) ledger = open_ledger (f->path);
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));

  g_assert_true (
      jd_ledger_backup (ledger, copy, FALSE, record_progress_cb, fractions, NULL, &error));
  g_assert_no_error (error);
  /* Progress only grows, and ends at 1. */
  g_assert_cmpuint (fractions->len, >=, 1);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=,
                       g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  g_assert_cmpuint (file_mode (copy), ==, 0600);
  g_assert_false (jd_test_exists_with_suffix (copy, ".part"));
  /* A single whole file: no WAL beside it. */
  g_assert_false (jd_test_exists_with_suffix (copy, "-wal"));

  g_autoptr (JdLedger) restored = open_ledger (copy);
  g_autofree char *township = jd_ledger_dup_township (restored);
  g_assert_cmpstr (township, ==, "博美镇");
  g_assert_cmpint (jd_ledger_count (restored, "village"), ==, 10);
  g_autoptr (GPtrArray) problems = jd_ledger_integrity_check (restored, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_object (&restored);

  /* With force the API replaces an existing copy (the command's --force). */
  exec (ledger, "INSERT INTO village (code, name) VALUES ('X', '新村')");
  g_assert_true (jd_ledger_backup (ledger, copy, TRUE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  restored = open_ledger (copy);
  g_assert_cmpint (jd_ledger_count (restored, "village"), ==, 11);
  g_clear_object (&restored);
}

static void
test_backup_refused (Fixture *f, gconstpointer data)
{
  make_ledger_with_villages (f->path, 3);
  g_autoptr (JdLedger) ledger = open_ledger (f->path);
  g_autoptr (GError) error = NULL;

  /* Onto the ledger itself: refused, and the ledger is whole afterwards. */
  g_assert_false (jd_ledger_backup (ledger, f->path, TRUE, NULL, NULL, NULL, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);
  g_assert_cmpint (jd_ledger_count (ledger, "village"), ==, 3);
  g_assert_false (jd_test_exists_with_suffix (f->path, ".part"));

  /* Into a folder that does not exist: the message names the copy. */
  g_autofree char *nowhere = g_build_filename (f->dir, "no-such-folder", "copy.db", NULL);
  g_assert_false (jd_ledger_backup (ledger, nowhere, TRUE, NULL, NULL, NULL, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_IO);
  g_assert_nonnull (strstr (error->message, nowhere));
  g_clear_error (&error);

  /* Onto a ledger another program has open (its -wal is there): replacing the
   * file under it would mix its WAL into our copy. */
  g_autofree char *busy = g_build_filename (f->dir, "busy.db", NULL);
  g_autoptr (JdLedger) other = create_ledger (busy);
  g_assert_true (jd_test_exists_with_suffix (busy, "-wal"));
  g_autofree char *before = jd_test_checksum_file (busy);
  g_assert_false (jd_ledger_backup (ledger, busy, TRUE, NULL, NULL, NULL, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, busy));
  g_autofree char *after = jd_test_checksum_file (busy);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  /* Nor over a database whose writer crashed and left its rollback journal:
   * SQLite would play that journal back into our copy when it is opened. */
  g_autofree char *crashed = g_build_filename (f->dir, "crashed.db", NULL);
  g_autofree char *journal = g_build_filename (f->dir, "crashed.db-journal", NULL);
  make_other_database (crashed);
  write_file (journal, "not empty", 9);
  g_assert_false (jd_ledger_backup (ledger, crashed, TRUE, NULL, NULL, NULL, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, crashed));
}

static gboolean
child_running (GPid pid, int *status)
{
  pid_t r;
  do
    r = waitpid (pid, status, WNOHANG);
  while (r < 0 && errno == EINTR);
  g_assert_cmpint (r, >=, 0);
  return r == 0;
}

/* Backups in a loop while another process commits three villages at a time:
 * each copy is sound, opens, and holds whole transactions only. */
static void
test_backup_while_writing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  /* 1,200 villages with long secretaries' names, and their audit rows: over
   * three times the 256 pages one backup step copies, so a copy takes several
   * steps while the writer commits. */
  g_autoptr (JdLedger) ledger = create_ledger (f->path);
  exec (ledger, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200)"
                " INSERT INTO village (code, name, secretary)"
                " SELECT printf('P%04d', i), printf('第%d村', i), printf('%.1000c', 'x') FROM n");
  g_assert_cmpint (jd_ledger_count (ledger, "village"), ==, PREFILL_VILLAGES);
  gint64 pages = jd_test_query_int (ledger, "PRAGMA page_count");
  g_test_message ("%" G_GINT64_FORMAT " pages", pages);
  g_assert_cmpint (pages, >, 3 * 256);

  g_autofree char *stop = g_build_filename (f->dir, "stop", NULL);
  const char *argv[] = { self_path, WRITER_ARG, f->path, stop, NULL };
  GPid pid = 0;
  g_spawn_async (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  /* Wait for the writer's first commit. */
  gint64 start = g_get_monotonic_time ();
  while (jd_ledger_count (ledger, "village") == PREFILL_VILLAGES)
    {
      g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
      g_usleep (1000);
    }

  gint64 previous = PREFILL_VILLAGES;
  guint distinct = 0, copies = 0;
  int status = 0;
  gboolean running = TRUE;
  for (copies = 0; copies < 12 && (running = child_running (pid, &status)); copies++)
    {
      g_autofree char *name = g_strdup_printf ("copy-%02u.db", copies);
      g_autofree char *copy = g_build_filename (f->dir, name, NULL);
      g_autoptr (GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
      gint64 begun = g_get_monotonic_time ();
      g_assert_true (
          jd_ledger_backup (ledger, copy, FALSE, record_progress_cb, fractions, NULL, &error));
      g_assert_no_error (error);
      /* One snapshot from start to end: the writer never sends the copy back
       * to the beginning (a progress bar that jumps back, or never ends). */
      guint restarts = 0;
      for (guint i = 1; i < fractions->len; i++)
        if (g_array_index (fractions, double, i) < g_array_index (fractions, double, i - 1))
          restarts++;
      g_test_message ("copy %u: %.1f ms, %u steps, %u restarts", copies,
                      (g_get_monotonic_time () - begun) / 1000.0, fractions->len, restarts);
      g_assert_cmpuint (restarts, ==, 0);
      g_assert_cmpuint (file_mode (copy), ==, 0600);

      g_autoptr (JdLedger) restored = open_ledger (copy);
      g_autoptr (GPtrArray) problems = jd_ledger_integrity_check (restored, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (problems->len, ==, 0);
      gint64 villages = jd_ledger_count (restored, "village");
      /* Whole transactions: 1,200 + 3k villages, each with its audit row. */
      g_assert_cmpint ((villages - PREFILL_VILLAGES) % VILLAGES_PER_COMMIT, ==, 0);
      g_assert_cmpint (jd_test_query_int (restored, "SELECT count(*) FROM audit_log WHERE tbl = "
                                                    "'village' AND action = 'insert'"),
                       ==, villages);
      /* Copies follow each other in time. */
      g_assert_cmpint (villages, >=, previous);
      if (villages > previous)
        distinct++;
      previous = villages;
      g_clear_object (&restored);
      jd_test_remove_tree (copy);
      g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
      g_autofree char *copy_shm = g_strconcat (copy, "-shm", NULL);
      g_assert_false (g_file_test (copy_wal, G_FILE_TEST_EXISTS));
      g_unlink (copy_shm);
    }
  g_assert_true (running); /* every copy was made while the writer wrote */

  write_file (stop, "", 0);
  do
    g_usleep (1000);
  while (child_running (pid, &status));
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_spawn_close_pid (pid);

  /* The writer's commits showed up between copies. */
  g_test_message ("%u copies, %u with new villages", copies, distinct);
  g_assert_cmpuint (copies, ==, 12);
  g_assert_cmpuint (distinct, >=, 2);
  gint64 final = jd_ledger_count (ledger, "village");
  g_assert_cmpint ((final - PREFILL_VILLAGES) % VILLAGES_PER_COMMIT, ==, 0);
  g_assert_cmpint (final, >=, previous);
}

/* The child: commits VILLAGES_PER_COMMIT villages at a time until STOP exists,
 * its parent is gone (a failed assertion) or a minute has passed. */
static int
run_writer (const char *path, const char *stop)
{
  pid_t parent = getppid ();
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (path, &error);
  if (ledger == NULL)
    {
      g_printerr ("writer: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; !g_file_test (stop, G_FILE_TEST_EXISTS); i++)
    {
      if (!jd_ledger_begin (ledger, &error))
        break;
      for (guint j = 0; j < VILLAGES_PER_COMMIT && error == NULL; j++)
        {
          sqlite3_stmt *stmt = jd_ledger_prepare (
              ledger, "INSERT INTO village (code, name, resident_population) VALUES (?, ?, ?)",
              &error);
          if (stmt == NULL)
            break;
          g_autofree char *code = g_strdup_printf ("W%05u-%u", i, j);
          jd_bind_text (stmt, 1, code);
          jd_bind_text (stmt, 2, "写入村");
          sqlite3_bind_int (stmt, 3, 800);
          jd_ledger_step_done (ledger, stmt, &error);
        }
      if (error || !jd_ledger_commit (ledger, &error))
        break;
      if (getppid () != parent || g_get_monotonic_time () > deadline)
        {
          g_printerr ("writer: never told to stop\n");
          return 1;
        }
    }
  if (error)
    {
      jd_ledger_rollback (ledger);
      g_printerr ("writer: %s\n", error->message);
      return 1;
    }
  return 0;
}

/* ---- the integrity and data-quality check -------------------------------------- */

static gint64
add_village (JdLedger *ledger, const char *code, const char *name, JdDay retired_on)
{
  g_autoptr (GError) error = NULL;
  gint64 id = 0;
  JdVillageRecord village = { .code = code, .name = name, .retired_on = retired_on };
  g_assert_cmpint (jd_store_village (ledger, &village, &id, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  return id;
}

/* Any 18 characters, as another tool may have written them. */
static gint64
add_person_raw (JdLedger *ledger, const char *id_number, const char *name, gint64 village)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger,
                                          "INSERT INTO person (id_number, name, village_id,"
                                          " first_found_on) VALUES (?, ?, ?, '2018-03-01')",
                                          &error);
  g_assert_no_error (error);
  jd_bind_text (stmt, 1, id_number);
  jd_bind_text (stmt, 2, name);
  sqlite3_bind_int64 (stmt, 3, village);
  jd_ledger_step_done (ledger, stmt, &error);
  g_assert_no_error (error);
  return sqlite3_last_insert_rowid (jd_ledger_get_db (ledger));
}

static gint64
add_person (JdLedger *ledger, const char *first17, const char *name, gint64 village)
{
  g_autofree char *id_number
      = g_strdup_printf ("%s%c", first17, jd_id_number_check_digit (first17));
  g_assert_true (jd_id_number_validate (id_number, NULL, NULL));
  return add_person_raw (ledger, id_number, name, village);
}

static void
add_status (JdLedger *ledger, gint64 person, const char *status, const char *started_on)
{
  g_autoptr (GError) error = NULL;
  JdStatusRecord span
      = { .person_id = person, .status = status, .started_on = jd_day_parse_iso (started_on) };
  g_assert_cmpint (jd_store_status (ledger, &span, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

/* Around the triggers, as another tool could. */
static void
add_span_raw (JdLedger *ledger,
              gint64 person,
              const char *status,
              const char *started_on,
              const char *ended_on)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "INSERT INTO status_span (person_id, status, started_on, ended_on) VALUES (?, ?, ?, ?)",
      &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, person);
  jd_bind_text (stmt, 2, status);
  jd_bind_text (stmt, 3, started_on);
  jd_bind_text (stmt, 4, ended_on);
  jd_ledger_step_done (ledger, stmt, &error);
  g_assert_no_error (error);
}

static void
add_followup (JdLedger *ledger, gint64 person, const char *kind, const char *occurred_on)
{
  g_autoptr (GError) error = NULL;
  JdFollowupRecord followup = { .person_id = person,
                                .kind = kind,
                                .occurred_on = jd_day_parse_iso (occurred_on),
                                .result = g_str_equal (kind, "urine_test") ? "negative" : NULL };
  g_assert_cmpint (jd_store_followup (ledger, &followup, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

static void
test_check_clean (Fixture *f, gconstpointer data)
{
  g_autoptr (JdLedger) ledger = create_ledger (f->path);
  gint64 village = add_village (ledger, "001", "东村", 0);
  gint64 person = add_person (ledger, "44152319850612331", "陈一", village);
  add_status (ledger, person, "community_detox", "2023-01-01");
  add_status (ledger, person, "community_rehab", "2024-01-01");
  add_followup (ledger, person, "talk", "2023-01-01");
  add_followup (ledger, person, "urine_test", "2023-12-31");
  add_followup (ledger, person, "home_visit", "2024-06-01");
  add_followup (ledger, person, "assistance", "2019-01-01"); /* not a measure's follow-up */

  g_autoptr (GError) error = NULL;
  g_autoptr (JdCheckReport) report = jd_check_run (ledger, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (jd_check_report_is_sound (report));
  g_assert_true (report->data_checked);
  g_assert_cmpuint (report->integrity->len, ==, 0);
  g_assert_cmpuint (jd_check_report_n_findings (report), ==, 0);
  g_assert_cmpuint (report->findings->len, ==, 0);
  /* The check leaves no transaction open behind it. */
  g_assert_true (sqlite3_get_autocommit (jd_ledger_get_db (ledger)));
}

typedef struct
{
  JdCheckCategory category;
  const char *id_number;
  const char *message; /* words the message holds */
} ExpectedFinding;

static void
assert_findings (const JdCheckReport *report, const ExpectedFinding *expected, guint n)
{
  g_assert_cmpuint (report->findings->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const JdCheckFinding *finding = g_ptr_array_index (report->findings, i);
      g_test_message ("%s %s: %s", jd_check_category_key (finding->category), finding->id_number,
                      finding->message);
      g_assert_cmpint (finding->category, ==, expected[i].category);
      g_assert_cmpstr (finding->id_number, ==, expected[i].id_number);
      g_assert_nonnull (strstr (finding->message, expected[i].message));
      if (finding->id_number)
        {
          g_assert_cmpint (finding->person_id, >, 0);
          g_assert_nonnull (finding->name);
        }
    }
}

static void
test_check_findings (Fixture *f, gconstpointer data)
{
  g_autoptr (JdLedger) ledger = create_ledger (f->path);
  gint64 east = add_village (ledger, "001", "东村", 0);
  gint64 old = add_village (ledger, "009", "老村", jd_day_new (2020, 6, 30));

  /* Sound: a community measure with follow-ups on its first and last days. */
  gint64 sound = add_person (ledger, "44152319850612331", "陈一", east);
  add_status (ledger, sound, "community_detox", "2023-01-01");
  add_followup (ledger, sound, "home_visit", "2023-01-01");
  add_followup (ledger, sound, "talk", "2023-02-01");
  /* The day before the measure began: outside. */
  add_followup (ledger, sound, "urine_test", "2022-12-31");

  /* 44018119900307123 has check digit 1 (test-id-number.c): 4 is wrong. */
  gint64 bad = add_person_raw (ledger, "440181199003071234", "李二", east);
  add_status (ledger, bad, "at_large", "2020-01-01");
  /* 11010519491231002 has check digit X; stored lower-case it is not found. */
  gint64 lower = add_person_raw (ledger, "11010519491231002x", "王三", east);
  add_status (ledger, lower, "at_large", "2020-01-01");

  gint64 retired = add_person (ledger, "44152319900101451", "赵四", old);
  add_status (ledger, retired, "at_large", "2019-01-01");

  add_person (ledger, "44152319920202562", "钱五", east); /* no status at all */

  /* Spans written around the triggers: a rehab year overlapped by custody
   * from June 1 (one pair), and two open spans (one pair and one open-spans
   * finding). */
  exec (ledger, "DROP TRIGGER status_span_no_overlap_insert");
  gint64 overlap = add_person (ledger, "44152319930303673", "孙六", east);
  add_span_raw (ledger, overlap, "community_rehab", "2021-01-01", "2021-12-31");
  add_span_raw (ledger, overlap, "custody", "2021-06-01", NULL);
  add_followup (ledger, overlap, "talk", "2021-12-31"); /* the rehab's last day: inside */
  add_followup (ledger, overlap, "talk", "2022-01-01"); /* the day after: outside */
  gint64 two_open = add_person (ledger, "44152319940404784", "周七", east);
  add_span_raw (ledger, two_open, "custody", "2019-01-01", NULL);
  add_span_raw (ledger, two_open, "missing", "2022-01-01", NULL);
  add_followup (ledger, two_open, "home_visit", "2020-05-05"); /* in custody: outside */
  add_followup (ledger, two_open, "assistance", "2020-05-06"); /* not counted */

  g_autoptr (GError) error = NULL;
  g_autoptr (JdCheckReport) report = jd_check_run (ledger, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (jd_check_report_is_sound (report));
  g_assert_true (report->data_checked);

  /* By hand: 2 ID numbers (李二, 王三), 1 retired village (赵四), 1 without
   * status (钱五), 2 overlapping pairs (孙六, 周七), 1 with two open spans
   * (周七), 3 follow-ups outside (陈一's urine test, 孙六's talk, 周七's visit). */
  g_assert_cmpuint (report->counts[JD_CHECK_ID_NUMBER], ==, 2);
  g_assert_cmpuint (report->counts[JD_CHECK_RETIRED_VILLAGE], ==, 1);
  g_assert_cmpuint (report->counts[JD_CHECK_NO_STATUS], ==, 1);
  g_assert_cmpuint (report->counts[JD_CHECK_OVERLAP], ==, 2);
  g_assert_cmpuint (report->counts[JD_CHECK_OPEN_SPANS], ==, 1);
  g_assert_cmpuint (report->counts[JD_CHECK_FOLLOWUP_OUTSIDE], ==, 3);
  g_assert_cmpuint (report->counts[JD_CHECK_BROKEN_REFERENCE], ==, 0);
  g_assert_cmpuint (jd_check_report_n_findings (report), ==, 10);

  /* In category order, then by ID number. */
  const ExpectedFinding expected[] = {
    { JD_CHECK_ID_NUMBER, "11010519491231002x", "should be 11010519491231002X" },
    { JD_CHECK_ID_NUMBER, "440181199003071234", "check digit" },
    { JD_CHECK_RETIRED_VILLAGE, "441523199001014515",
      "老村 (009), which was retired on 2020-06-30" },
    { JD_CHECK_NO_STATUS, "441523199202025624", "No status" },
    { JD_CHECK_OVERLAP, "441523199303036736",
      "Community rehabilitation 2021-01-01 – 2021-12-31 and In custody" },
    { JD_CHECK_OVERLAP, "441523199404047848", "2019-01-01 – open and" },
    { JD_CHECK_OPEN_SPANS, "441523199404047848",
      "2 status periods are open (started 2019-01-01, "
      "2022-01-01)" },
    { JD_CHECK_FOLLOWUP_OUTSIDE, "441523198506123317", "Urine test on 2022-12-31" },
    { JD_CHECK_FOLLOWUP_OUTSIDE, "441523199303036736", "Talk on 2022-01-01" },
    { JD_CHECK_FOLLOWUP_OUTSIDE, "441523199404047848", "Home visit on 2020-05-05" },
  };
  assert_findings (report, expected, G_N_ELEMENTS (expected));
  const JdCheckFinding *first = g_ptr_array_index (report->findings, 0);
  g_assert_cmpint (first->person_id, ==, lower);
  g_assert_cmpstr (first->name, ==, "王三");
  g_assert_cmpstr (first->table, ==, "person");
  const JdCheckFinding *outside = g_ptr_array_index (report->findings, 7);
  g_assert_cmpstr (outside->table, ==, "followup");
  g_assert_cmpint (outside->person_id, ==, sound);

  /* With a limit of one a category, every finding is still counted. */
  g_autoptr (JdCheckReport) limited = jd_check_run (ledger, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jd_check_report_n_findings (limited), ==, 10);
  g_assert_cmpuint (limited->counts[JD_CHECK_FOLLOWUP_OUTSIDE], ==, 3);
  /* One each of the six categories that have findings. */
  g_assert_cmpuint (limited->findings->len, ==, 6);
  const JdCheckFinding *last = g_ptr_array_index (limited->findings, 5);
  g_assert_cmpint (last->category, ==, JD_CHECK_FOLLOWUP_OUTSIDE);
  g_assert_cmpstr (last->id_number, ==, "441523198506123317");

  /* A finding survives as a boxed copy (the window keeps them in a model). */
  g_autoptr (JdCheckFinding) copy = g_boxed_copy (JD_TYPE_CHECK_FINDING, first);
  g_assert_cmpstr (copy->message, ==, first->message);
  g_assert_true (copy->message != first->message);

  /* Cancelled before it starts: an error, no report. */
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  g_autoptr (JdCheckReport) cancelled = jd_check_run (ledger, 0, cancellable, &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (sqlite3_get_autocommit (jd_ledger_get_db (ledger)));
}

/* Rows written with the foreign keys off, as the sqlite3 shell does by default. */
static void
test_check_broken_references (Fixture *f, gconstpointer data)
{
  g_autoptr (JdLedger) ledger = create_ledger (f->path);
  gint64 east = add_village (ledger, "001", "东村", 0);
  gint64 person = add_person (ledger, "44152319850612331", "陈一", east);
  add_status (ledger, person, "at_large", "2020-01-01");
  exec (ledger, "PRAGMA foreign_keys = OFF");
  exec (ledger, "UPDATE person SET village_id = 77");
  exec (ledger, "INSERT INTO followup (id, person_id, kind, occurred_on) VALUES (500, 99, 'talk', "
                "'2024-01-05')");
  exec (ledger, "PRAGMA foreign_keys = ON");

  g_autoptr (GError) error = NULL;
  g_autoptr (JdCheckReport) report = jd_check_run (ledger, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (jd_check_report_is_sound (report));
  /* Two broken rows; the follow-up of person 99 is not also "outside a
   * measure", since there is no person to name. */
  g_assert_cmpuint (jd_check_report_n_findings (report), ==, 2);
  g_assert_cmpuint (report->counts[JD_CHECK_BROKEN_REFERENCE], ==, 2);
  g_autoptr (GPtrArray) tables = g_ptr_array_new ();
  for (guint i = 0; i < report->findings->len; i++)
    {
      const JdCheckFinding *finding = g_ptr_array_index (report->findings, i);
      g_assert_cmpint (finding->category, ==, JD_CHECK_BROKEN_REFERENCE);
      if (g_str_equal (finding->table, "person"))
        {
          g_assert_cmpint (finding->person_id, ==, person);
          g_assert_cmpstr (finding->id_number, ==, "441523198506123317");
          g_assert_nonnull (strstr (finding->message, "“village”"));
        }
      else
        {
          g_assert_cmpstr (finding->table, ==, "followup");
          g_assert_cmpint (finding->row_id, ==, 500);
          g_assert_cmpint (finding->person_id, ==, 0);
          g_assert_null (finding->id_number);
          g_assert_nonnull (strstr (finding->message, "Row 500 of “followup”"));
        }
    }
}

/* A ledger whose header is sound but one of its pages is not: it opens, and
 * the check says it is damaged without reading the data. */
static void
test_check_damaged (Fixture *f, gconstpointer data)
{
  make_ledger_with_villages (f->path, 300);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  /* The root page of table village, overwritten with noise. */
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT rootpage FROM sqlite_schema WHERE name = "
                                       "'village'",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  int root = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (root, >, 1);
  g_assert_cmpuint (length, >=, (gsize)root * 4096);
  for (gsize i = (root - 1) * 4096 + 8; i < (gsize)root * 4096; i++)
    contents[i] = (char)(0xa5 ^ i);
  write_file (f->path, contents, length);

  g_autoptr (JdLedger) ledger = open_ledger (f->path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JdCheckReport) report = jd_check_run (ledger, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (jd_check_report_is_sound (report));
  g_assert_false (report->data_checked);
  g_assert_cmpuint (report->integrity->len, >, 0);
  g_assert_cmpuint (jd_check_report_n_findings (report), ==, 0);
}

int
main (int argc, char **argv)
{
  if (argc == 4 && g_str_equal (argv[1], WRITER_ARG))
    return run_writer (argv[2], argv[3]);

  self_path = argv[0];
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  jd_set_today (jd_day_new (2024, 12, 31));

#define ADD(name, func)                                                                            \
  g_test_add (name, Fixture, NULL, jd_test_folder_fixture, func, jd_test_fixture_tear_down)
  ADD ("/ledger/create", test_create);
  ADD ("/ledger/create-existing-folder", test_create_existing_folder);
  ADD ("/ledger/create-refuses-existing", test_create_refuses_existing);
  ADD ("/ledger/reopen-is-idempotent", test_reopen_is_idempotent);
  ADD ("/ledger/migrate-from-empty", test_migrate_from_empty);
  ADD ("/ledger/migrate-from-1", test_migrate_from_1);
  ADD ("/ledger/missing", test_missing);
  ADD ("/ledger/audit", test_audit);
  ADD ("/ledger/refused", test_refused);
  ADD ("/ledger/killed-mid-checkpoint", test_killed_mid_checkpoint);
  ADD ("/ledger/backup", test_backup);
  ADD ("/ledger/backup-refused", test_backup_refused);
  ADD ("/ledger/backup-while-writing", test_backup_while_writing);
  ADD ("/ledger/check-clean", test_check_clean);
  ADD ("/ledger/check-findings", test_check_findings);
  ADD ("/ledger/check-broken-references", test_check_broken_references);
  ADD ("/ledger/check-damaged", test_check_damaged);
#undef ADD

  return g_test_run ();
}
