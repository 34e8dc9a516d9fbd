/* test-cli-imports.c: jindu imports and jindu imports undo through the real
 * executable ($JINDU) (docs/contract.md §5, §6)
 *
 * Villages then persons imported; the list as text and as JSON; undoing the
 * villages refused (a person lives in one), the persons undone, then refused
 * the second time; bad numbers; the audit log sound afterwards (jindu check).
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "jd-ledger.h"
#include "jd-test-run.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  f->dir = g_dir_make_tmp ("jd-cli-imports-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "ledger.db", NULL);
  g_auto (Run) run = { 0 };
  run_jindu (&run, "init", "--db", f->db, "--township", "博美镇", NULL);
  g_assert_cmpint (run.status, ==, 0);
  const char *files[] = { "villages", "persons" };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *name = g_strconcat (files[i], ".csv", NULL);
      g_autofree char *path = g_build_filename (g_getenv ("FIXTURES"), "import", name, NULL);
      g_auto (Run) import = { 0 };
      run_jindu (&import, "import", "--db", f->db, files[i], path, NULL);
      g_assert_cmpint (import.status, ==, 0);
    }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  jd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static gint64
count (Fixture *f, const char *table)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (f->db, &error);
  g_assert_no_error (error);
  return jd_ledger_count (ledger, table);
}

static JsonArray *
list_json (Fixture *f, JsonParser *parser)
{
  g_auto (Run) run = { 0 };
  run_jindu (&run, "imports", "--db", f->db, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_autoptr (GError) error = NULL;
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  return json_node_get_array (json_parser_get_root (parser));
}

static void
test_list (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *batches = list_json (f, parser);
  g_assert_cmpuint (json_array_get_length (batches), ==, 2);
  JsonObject *persons = json_array_get_object_element (batches, 0);
  g_assert_cmpint (json_object_get_int_member (persons, "id"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (persons, "file"), ==, "persons.csv");
  g_assert_cmpstr (json_object_get_string_member (persons, "kind"), ==, "persons");
  g_assert_cmpstr (json_object_get_string_member (persons, "user"), ==, g_get_user_name ());
  g_assert_cmpint (json_object_get_int_member (persons, "added"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (persons, "updated"), ==, 0);
  g_assert_true (json_object_get_null_member (persons, "undone_at"));
  const char *at = json_object_get_string_member (persons, "imported_at");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d$", at, 0, 0));
  /* Exactly the keys of docs/contract.md §5. */
  g_autoptr (GList) members = json_object_get_members (persons);
  g_assert_cmpuint (g_list_length (members), ==, 8);

  g_auto (Run) text = { 0 };
  run_jindu (&text, "imports", "--db", f->db, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_auto (GStrv) lines = g_strsplit (text.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_autofree char *minute = g_strndup (at, 16);
  g_strdelimit (minute, "T", ' ');
  g_autofree char *first = g_strdup_printf ("2  %s  %s  persons  persons.csv  3 added, 0 updated",
                                            minute, g_get_user_name ());
  g_assert_cmpstr (lines[0], ==, first);
  g_assert_true (g_str_has_prefix (lines[1], "1  "));
  g_assert_true (g_str_has_suffix (lines[1], "  villages  villages.csv  3 added, 0 updated"));
}

static void
test_undo (Fixture *f, gconstpointer data)
{
  g_autofree char *before = jd_test_checksum_file (f->db);
  /* The villages cannot go: the persons live in them. Nothing written. */
  g_auto (Run) blocked = { 0 };
  run_jindu (&blocked, "imports", "undo", "--db", f->db, "1", NULL);
  g_assert_cmpint (blocked.status, ==, 2);
  g_assert_true (g_str_has_prefix (blocked.err,
                                   "jindu: Import 1 (villages.csv) cannot be undone: "
                                   "after it, the Person record of 陈大文 was added on "));
  g_assert_cmpstr (blocked.out, ==, "");
  g_assert_cmpint (count (f, "village"), ==, 3);

  g_auto (Run) undo = { 0 };
  run_jindu (&undo, "imports", "undo", "--db", f->db, "2", NULL);
  g_assert_cmpint (undo.status, ==, 0);
  g_assert_cmpstr (undo.out, ==, "Import 2 was undone.\n");
  g_assert_cmpint (count (f, "person"), ==, 0);
  g_assert_cmpint (count (f, "village"), ==, 3);
  g_autofree char *after = jd_test_checksum_file (f->db);
  g_assert_cmpstr (after, !=, before);

  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *batches = list_json (f, parser);
  JsonObject *persons = json_array_get_object_element (batches, 0);
  g_assert_false (json_object_get_null_member (persons, "undone_at"));

  g_auto (Run) again = { 0 };
  run_jindu (&again, "imports", "undo", "--db", f->db, "2", NULL);
  g_assert_cmpint (again.status, ==, 2);
  g_assert_true (
      g_str_has_prefix (again.err, "jindu: Import 2 (persons.csv) was already undone on "));

  /* Now nothing stands on the villages. */
  g_auto (Run) villages = { 0 };
  run_jindu (&villages, "imports", "undo", "--db", f->db, "1", NULL);
  g_assert_cmpint (villages.status, ==, 0);
  g_assert_cmpint (count (f, "village"), ==, 0);

  /* The audit log holds the imports and the undos, sealed. */
  g_auto (Run) check = { 0 };
  run_jindu (&check, "check", "--db", f->db, NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_nonnull (strstr (check.out, "\nAudit log entries removed, changed or not sealed: 0\n"));
}

static void
test_bad_usage (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *n; /* NULL: none given */
    int status;
    const char *err;
  } cases[] = {
    { NULL, 1,
      "jindu: imports undo needs the number N of an import (“jindu imports” lists them)\n" },
    { "abc", 1, "jindu: “abc” is not the number of an import\n" },
    { "0", 1, "jindu: “0” is not the number of an import\n" },
    { "99999999999999999999", 1, "jindu: “99999999999999999999” is not the number of an import\n" },
    { "7x", 1, "jindu: “7x” is not the number of an import\n" },
    { "9", 3, "jindu: There is no import 9 in this ledger: “jindu imports” lists them\n" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (Run) run = { 0 };
      run_jindu (&run, "imports", "undo", "--db", f->db, cases[i].n, NULL);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_true (g_str_has_prefix (run.err, cases[i].err));
    }
  g_assert_cmpint (count (f, "person"), ==, 3);
}

/* The history is audited like every table: jindu check misses a trigger of it. */
static void
test_check_sees_history_triggers (Fixture *f, gconstpointer data)
{
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_import_batch_update", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  g_auto (Run) check = { 0 };
  run_jindu (&check, "check", "--db", f->db, NULL);
  g_assert_cmpint (check.status, ==, 2);
  g_assert_nonnull (strstr (check.out, "\nAudit triggers missing, altered or added: 1\n"
                                       "  The audit trigger audit_import_batch_update is missing: "
                                       "those changes are no longer recorded\n"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-imports/list", test_list);
  ADD ("/cli-imports/undo", test_undo);
  ADD ("/cli-imports/bad-usage", test_bad_usage);
  ADD ("/cli-imports/check-sees-history-triggers", test_check_sees_history_triggers);
  return g_test_run ();
}
