/* test-import-async.c: the import assistant's and the empty page's work in the
 * core, off the caller's thread (jd-import-async.h, jd_demo_create_async ();
 * docs/architecture.md "Threads and connections")
 *
 * The ledger holds the fixtures' villages (V01 东村, V02 西社区, V03 南村) and
 * persons (陈大文 441581198503120018 of V01, 林小红, 黄志强), and the small file
 * of persons.csv below:
 *   陈大文, a new phone          → an update of the phone
 *   新人甲 of V01                → new
 *   新人乙 of V02                → new
 *   (problems.csv only) 陈小文, 陈大文's ID number one digit away → new, a look-alike
 *   (problems.csv only) 错日期, first found on 2021-13-40 → a problem in its cell
 * The preview of the worker equals the one made on the caller's thread; the import
 * of the worker stores what jd_import_file () stores in a second ledger and records
 * its batch; cancelled before it begins or during its run, it writes nothing.
 */
#include <string.h>

#include "jd-demo.h"
#include "jd-error.h"
#include "jd-id-number.h"
#include "jd-import-async.h"
#include "jd-ledger-private.h"
#include "jd-test-ledger.h"

#define MAX_ROWS 2000

typedef struct
{
  JdTestLedger t;
  char *clean;    /* persons.csv: three rows, no problem */
  char *problems; /* problems.csv: the same and two more */
} Fixture;

static void
fill_ledger (JdLedger *ledger)
{
  const char *names[] = { "villages.csv", "persons.csv" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GError) error = NULL;
      g_auto (JdImportReport) report = { 0 };
      g_autofree char *fixture = jd_test_fixture_file ("import", names[i]);
      jd_import_file (ledger, i ? JD_IMPORT_PERSONS : JD_IMPORT_VILLAGES, fixture, &report, NULL,
                      NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

static char *
write_file (Fixture *f, const char *name, const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (f->t.dir, name, NULL);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  jd_test_ledger_set_up (&f->t, "jd-import-async-XXXXXX");
  fill_ledger (f->t.ledger);
  g_autofree char *new1 = jd_test_id_number ("19920304", 101);
  g_autofree char *new2 = jd_test_id_number ("19930405", 102);
  /* 陈大文's 17 digits with the 16th changed, and the check digit worked out again. */
  g_autofree char *lookalike = jd_test_complete_id_number ("44158119850312003");
  g_autofree char *bad_date = jd_test_id_number ("19940506", 103);
  g_autofree char *clean = g_strdup_printf ("公民身份号码,姓名,联系电话,管理村(社区),初次发现日期\n"
                                            "441581198503120018,陈大文,13900000009,V01,2015-06-01\n"
                                            "%s,新人甲,,V01,2021-02-03\n"
                                            "%s,新人乙,,V02,2022-04-05\n",
                                            new1, new2);
  g_autofree char *problems = g_strdup_printf ("%s"
                                               "%s,陈小文,,V01,2023-01-02\n"
                                               "%s,错日期,,V01,2021-13-40\n",
                                               clean, lookalike, bad_date);
  f->clean = write_file (f, "persons.csv", clean);
  f->problems = write_file (f, "problems.csv", problems);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_free (f->clean);
  g_free (f->problems);
  jd_test_ledger_tear_down (&f->t);
}

/* Every value of the rows sql gives, one row a line. */
static char *
dump (JdLedger *ledger, const char *sql)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, NULL);
  g_assert_nonnull (stmt);
  GString *text = g_string_new (NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *value = (const char *)sqlite3_column_text (stmt, c);
          g_string_append_printf (text, "%s|", value ? value : "(null)");
        }
      g_string_append_c (text, '\n');
    }
  sqlite3_reset (stmt);
  return g_string_free (text, FALSE);
}

#define PERSONS_SQL                                                                                \
  "SELECT p.id_number, p.name, p.sex, p.birth_date, p.phone, p.household_address,"                 \
  " p.residence_address, v.code, p.first_found_on, p.drug_type, p.key_category, p.note"            \
  " FROM person p JOIN village v ON v.id = p.village_id ORDER BY p.id_number"
#define BATCHES_SQL "SELECT file, kind, added, updated, undone_at FROM import_batch ORDER BY id"

/* ---- the preview --------------------------------------------------------------------- */

static void
assert_same_strv (char **a, char **b, guint n)
{
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (a[i], ==, b[i]);
}

static void
assert_same_preview (const JdImportPreview *a, const JdImportPreview *b)
{
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_true (g_strv_equal ((const char *const *)a->header, (const char *const *)b->header));
  g_assert_cmpuint (a->n_rows, ==, b->n_rows);
  g_assert_cmpuint (a->n_new, ==, b->n_new);
  g_assert_cmpuint (a->n_updated, ==, b->n_updated);
  g_assert_cmpuint (a->n_unchanged, ==, b->n_unchanged);
  g_assert_cmpuint (a->n_problem_rows, ==, b->n_problem_rows);
  g_assert_cmpuint (a->n_duplicates, ==, b->n_duplicates);
  g_assert_cmpuint (a->file_problems->len, ==, b->file_problems->len);
  for (guint i = 0; i < a->file_problems->len; i++)
    g_assert_cmpstr (a->file_problems->pdata[i], ==, b->file_problems->pdata[i]);
  g_assert_cmpuint (a->rows->len, ==, b->rows->len);
  for (guint i = 0; i < a->rows->len; i++)
    {
      const JdPreviewRow *ra = a->rows->pdata[i], *rb = b->rows->pdata[i];
      guint n = g_strv_length (ra->cells);
      g_assert_cmpuint (ra->line, ==, rb->line);
      g_assert_cmpint (ra->state, ==, rb->state);
      g_assert_cmpuint (n, ==, g_strv_length (rb->cells));
      assert_same_strv (ra->cells, rb->cells, n);
      assert_same_strv (ra->problems, rb->problems, n);
      g_assert_cmpstr (ra->row_problem, ==, rb->row_problem);
      g_assert_cmpstr (ra->duplicate, ==, rb->duplicate);
      g_assert_true (g_strv_equal ((const char *const *)(ra->changed ? ra->changed : b->header),
                                   (const char *const *)(rb->changed ? rb->changed : b->header)));
    }
}

static void
test_preview (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *before = dump (f->t.ledger, PERSONS_SQL);

  /* The kind and the matching from the headings, as the assistant asks first. */
  jd_import_preview_async (f->t.ledger, f->problems, NULL, 0, JD_IMPORT_INVALID, NULL, MAX_ROWS,
                           NULL, NULL, NULL, jd_test_got_result_cb, &result);
  g_autoptr (JdImportPlan) plan = jd_import_preview_finish (jd_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan->kind, ==, JD_IMPORT_PERSONS);
  g_assert_cmpuint (plan->sniff.header_row, ==, 1);
  const char *keys[]
      = { "id_number", "name", "phone", "residence_village", "first_found_on", NULL };
  g_assert_true (g_strv_equal ((const char *const *)plan->assign, keys));
  g_assert_nonnull (plan->preview);

  /* What the window's thread would have seen. */
  JdImportOptions options
      = { .header_row = plan->sniff.header_row, .assign = (const char *const *)plan->assign };
  g_autoptr (JdImportPreview) here = jd_import_preview (
      f->t.ledger, JD_IMPORT_PERSONS, f->problems, &options, MAX_ROWS, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_preview (plan->preview, here);
  /* By hand: an update, three new (one a look-alike), one with a problem. */
  g_assert_cmpuint (here->n_rows, ==, 5);
  g_assert_cmpuint (here->n_updated, ==, 1);
  g_assert_cmpuint (here->n_new, ==, 3);
  g_assert_cmpuint (here->n_problem_rows, ==, 1);
  g_assert_cmpuint (here->n_duplicates, ==, 1);

  /* The phone passed over: no update left, as the assistant asks once it is turned off. */
  g_clear_object (&result);
  const char *without_phone[]
      = { "id_number", "name", "", "residence_village", "first_found_on", NULL };
  jd_import_preview_async (f->t.ledger, f->clean, NULL, 1, JD_IMPORT_PERSONS, without_phone,
                           MAX_ROWS, NULL, NULL, NULL, jd_test_got_result_cb, &result);
  g_autoptr (JdImportPlan) unchanged
      = jd_import_preview_finish (jd_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_equal ((const char *const *)unchanged->assign, without_phone));
  g_assert_cmpuint (unchanged->preview->n_unchanged, ==, 1);
  g_assert_cmpuint (unchanged->preview->n_new, ==, 2);

  /* Nothing was written. */
  g_autofree char *after = dump (f->t.ledger, PERSONS_SQL);
  g_assert_cmpstr (after, ==, before);
}

/* ---- the import ---------------------------------------------------------------------- */

typedef struct
{
  guint n;
  guint changes;
  guint n_at_callback; /* the notices heard when the caller's callback ran */
  GAsyncResult *result;
} Heard;

static void
changed_cb (JdLedger *ledger, guint changes, Heard *heard)
{
  heard->n++;
  heard->changes |= changes;
}

static void
heard_then_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Heard *heard = user_data;
  heard->n_at_callback = heard->n;
  heard->result = g_object_ref (result);
}

static void
test_import (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  Heard heard = { 0 };

  /* The same file, into a second ledger of the same content, on this thread. */
  g_autofree char *other_path = g_build_filename (f->t.dir, "other.db", NULL);
  g_autoptr (JdLedger) other = jd_test_ledger_create (other_path);
  fill_ledger (other);
  g_auto (JdImportReport) expected = { 0 };
  g_assert_true (
      jd_import_file (other, JD_IMPORT_PERSONS, f->clean, &expected, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_signal_connect (f->t.ledger, "changed", G_CALLBACK (changed_cb), &heard);
  JdImportOptions options = { .header_row = 1 };
  jd_import_file_async (f->t.ledger, JD_IMPORT_PERSONS, f->clean, &options, NULL, NULL, NULL,
                        heard_then_result_cb, &heard);
  g_auto (JdImportReport) report = { 0 };
  g_assert_true (jd_import_file_finish (jd_test_wait_for (&heard.result), &report, &error));
  g_assert_no_error (error);
  g_clear_object (&heard.result);
  /* The notice came first: the pages have reloaded when the caller hears. */
  g_assert_cmpuint (heard.n_at_callback, ==, 1);
  g_assert_cmpuint (heard.n, ==, 1);
  g_assert_cmpuint (heard.changes, ==, JD_CHANGE_RECORDS);
  g_signal_handlers_disconnect_by_data (f->t.ledger, &heard);

  g_assert_cmpuint (report.added, ==, 2);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpuint (report.added, ==, expected.added);
  g_assert_cmpuint (report.updated, ==, expected.updated);
  g_assert_cmpuint (report.unchanged, ==, expected.unchanged);
  g_autofree char *rows = dump (f->t.ledger, PERSONS_SQL);
  g_autofree char *expected_rows = dump (other, PERSONS_SQL);
  g_assert_cmpstr (rows, ==, expected_rows);
  g_assert_nonnull (strstr (rows, "新人甲"));
  g_assert_nonnull (strstr (rows, "|陈大文|male|1985-03-12|13900000009|"));
  /* The batch recorded, as jd_import_file () records it. */
  g_autofree char *batches = dump (f->t.ledger, BATCHES_SQL);
  g_autofree char *expected_batches = dump (other, BATCHES_SQL);
  g_assert_cmpstr (batches, ==, expected_batches);
  g_assert_true (g_str_has_suffix (batches, "persons.csv|persons|2|1|(null)|\n"));
}

/* ---- cancelled ----------------------------------------------------------------------- */

static void
cancel_cb (double fraction, gpointer user_data)
{
  GCancellable *cancellable = user_data;
  g_object_set_data (G_OBJECT (cancellable), "told", GINT_TO_POINTER (1));
  g_cancellable_cancel (cancellable);
}

static void
assert_cancelled_import (Fixture *f, const char *path, GCancellable *cancellable)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *persons = dump (f->t.ledger, PERSONS_SQL);
  g_autofree char *villages = dump (f->t.ledger, "SELECT code, name FROM village ORDER BY code");
  g_autofree char *batches = dump (f->t.ledger, BATCHES_SQL);
  Heard heard = { 0 };

  g_signal_connect (f->t.ledger, "changed", G_CALLBACK (changed_cb), &heard);
  jd_import_file_async (
      f->t.ledger, g_str_has_suffix (path, "villages.csv") ? JD_IMPORT_VILLAGES : JD_IMPORT_PERSONS,
      path, NULL, cancel_cb, cancellable, cancellable, jd_test_got_result_cb, &result);
  g_auto (JdImportReport) report = { 0 };
  g_assert_false (jd_import_file_finish (jd_test_wait_for (&result), &report, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "The import was cancelled; nothing was imported");
  g_assert_cmpuint (heard.n, ==, 0);
  g_signal_handlers_disconnect_by_data (f->t.ledger, &heard);

  g_autofree char *persons_after = dump (f->t.ledger, PERSONS_SQL);
  g_autofree char *villages_after
      = dump (f->t.ledger, "SELECT code, name FROM village ORDER BY code");
  g_autofree char *batches_after = dump (f->t.ledger, BATCHES_SQL);
  g_assert_cmpstr (persons_after, ==, persons);
  g_assert_cmpstr (villages_after, ==, villages);
  g_assert_cmpstr (batches_after, ==, batches);
}

static void
test_cancel_before (Fixture *f, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  assert_cancelled_import (f, f->clean, cancellable);
  g_assert_null (g_object_get_data (G_OBJECT (cancellable), "told"));
}

static void
test_cancel_during (Fixture *f, gconstpointer data)
{
  /* Enough rows for the run to report its progress (every 256 rows) before its end. */
  GString *text = g_string_new ("code,name\n");
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (text, "W%04u,新村%u\n", i, i);
  g_autofree char *path = write_file (f, "villages.csv", text->str);
  g_string_free (text, TRUE);

  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  assert_cancelled_import (f, path, cancellable);
  /* Cancelled from its own progress: during the run. */
  g_assert_nonnull (g_object_get_data (G_OBJECT (cancellable), "told"));
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "village"), ==, 3);
}

/* ---- the demo ledger ----------------------------------------------------------------- */

static void
count_cb (double fraction, gpointer user_data)
{
  g_atomic_int_inc ((int *)user_data);
}

static void
assert_no_demo (const char *path)
{
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (jd_test_exists_with_suffix (path, "-wal"));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_false (jd_test_exists_with_suffix (part, "-wal"));
  g_assert_false (jd_test_exists_with_suffix (part, "-shm"));
}

static void
test_demo (JdTestLedger *t, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  /* In a folder still to be made, as the empty page's first run asks. */
  g_autofree char *path = g_build_filename (t->dir, "jindu", "demo.db", NULL);
  int told = 0;

  jd_demo_create_async (path, JD_DEMO_TOWNSHIP, 1, count_cb, &told, NULL, jd_test_got_result_cb,
                        &result);
  g_assert_true (jd_demo_create_finish (jd_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_atomic_int_get (&told), >, 0);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));

  /* A ledger that opens: 博美镇 and its 12 villages (jd-demo.c's township scale). */
  g_autoptr (JdLedger) ledger = jd_ledger_open (path, &error);
  g_assert_no_error (error);
  g_autofree char *township = jd_ledger_dup_township (ledger);
  g_assert_cmpstr (township, ==, "博美镇");
  g_assert_cmpint (jd_ledger_count (ledger, "village"), ==, 12);
  g_assert_cmpint (jd_ledger_count (ledger, "person"), >, 100);
}

static void
test_demo_cancelled (JdTestLedger *t, gconstpointer data)
{
  g_autofree char *path = g_build_filename (t->dir, "demo.db", NULL);

  for (guint during = 0; during < 2; during++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      if (!during)
        g_cancellable_cancel (cancellable);
      jd_demo_create_async (path, JD_DEMO_TOWNSHIP, 1, cancel_cb, cancellable, cancellable,
                            jd_test_got_result_cb, &result);
      g_assert_false (jd_demo_create_finish (jd_test_wait_for (&result), &error));
      g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
      g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cancellable), "told")), ==,
                       during);
      assert_no_demo (path);
    }
}

/* Where the folder cannot be made: said, and nothing written; a .part left by a
 * crash is made again. */
static void
test_demo_folder (JdTestLedger *t, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *file = g_build_filename (t->dir, "file", NULL);
  g_assert_true (g_file_set_contents (file, "not a folder", -1, NULL));
  g_autofree char *path = g_build_filename (file, "jindu", "demo.db", NULL);

  jd_demo_create_async (path, JD_DEMO_TOWNSHIP, 1, NULL, NULL, NULL, jd_test_got_result_cb,
                        &result);
  g_assert_false (jd_demo_create_finish (jd_test_wait_for (&result), &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_IO);
  g_autofree char *folder = g_path_get_dirname (path);
  g_assert_true (g_str_has_prefix (error->message, "The folder "));
  g_assert_nonnull (strstr (error->message, folder));

  g_clear_error (&error);
  g_clear_object (&result);
  g_autofree char *demo = g_build_filename (t->dir, "demo.db", NULL);
  g_autofree char *part = g_strconcat (demo, ".part", NULL);
  g_assert_true (g_file_set_contents (part, "half a ledger", -1, NULL));
  jd_demo_create_async (demo, JD_DEMO_TOWNSHIP, 1, NULL, NULL, NULL, jd_test_got_result_cb,
                        &result);
  g_assert_true (jd_demo_create_finish (jd_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_autoptr (JdLedger) ledger = jd_ledger_open (demo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jd_ledger_count (ledger, "village"), ==, 12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add ("/import-async/preview", Fixture, NULL, fixture_set_up, test_preview,
              fixture_tear_down);
  g_test_add ("/import-async/import", Fixture, NULL, fixture_set_up, test_import,
              fixture_tear_down);
  g_test_add ("/import-async/cancel-before", Fixture, NULL, fixture_set_up, test_cancel_before,
              fixture_tear_down);
  g_test_add ("/import-async/cancel-during", Fixture, NULL, fixture_set_up, test_cancel_during,
              fixture_tear_down);
  g_test_add ("/demo-async/create", JdTestLedger, NULL, jd_test_folder_fixture, test_demo,
              jd_test_fixture_tear_down);
  g_test_add ("/demo-async/cancelled", JdTestLedger, NULL, jd_test_folder_fixture,
              test_demo_cancelled, jd_test_fixture_tear_down);
  g_test_add ("/demo-async/folder", JdTestLedger, NULL, jd_test_folder_fixture, test_demo_folder,
              jd_test_fixture_tear_down);
  return g_test_run ();
}
