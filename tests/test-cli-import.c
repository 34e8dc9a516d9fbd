/* test-cli-import.c: jindu import through the real executable ($JINDU)
 *
 * What a script or a person at a terminal sees: the exit code, the summary
 * on stdout and the FILE:LINE: column: reason lines on stderr.
 */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "jd-ledger.h"
#include "jd-test-run.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static char *
fixture_path (const char *name)
{
  const char *fixtures = g_getenv ("FIXTURES");
  g_assert_nonnull (fixtures);
  return g_build_filename (fixtures, "import", name, NULL);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  f->dir = g_dir_make_tmp ("jd-cli-import-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "ledger.db", NULL);
  g_auto (Run) run = { 0 };
  run_jindu (&run, "init", "--db", f->db, "--township", "博美镇", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static void
import (Fixture *f, Run *run, const char *kind, const char *file)
{
  run_jindu (run, "import", "--db", f->db, "--today", "2024-12-31", kind, file, NULL);
}

static gint64
count (Fixture *f, const char *table)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (f->db, &error);
  g_assert_no_error (error);
  return jd_ledger_count (ledger, table);
}

static void
test_ok (Fixture *f, gconstpointer data)
{
  g_autofree char *villages = fixture_path ("villages.csv");
  g_autofree char *persons = fixture_path ("persons.csv");
  g_auto (Run) first = { 0 }, second = { 0 }, third = { 0 };

  /* villages.csv has three villages: all added, the summary on stdout only. */
  import (f, &first, "villages", villages);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_cmpstr (first.out, ==, "villages: 3 added, 0 updated, 0 unchanged\n");
  g_assert_cmpstr (first.err, ==, "");

  /* The same file again adds nothing. */
  import (f, &second, "villages", villages);
  g_assert_cmpint (second.status, ==, 0);
  g_assert_cmpstr (second.out, ==, "villages: 0 added, 0 updated, 3 unchanged\n");
  g_assert_cmpint (count (f, "village"), ==, 3);

  import (f, &third, "persons", persons);
  g_assert_cmpint (third.status, ==, 0);
  g_assert_cmpstr (third.out, ==, "persons: 3 added, 0 updated, 0 unchanged\n");
}

static void
test_usage (Fixture *f, gconstpointer data)
{
  g_autofree char *villages = fixture_path ("villages.csv");
  g_auto (Run) none = { 0 }, no_file = { 0 }, unknown = { 0 }, extra = { 0 };

  run_jindu (&none, "import", "--db", f->db, NULL);
  g_assert_cmpint (none.status, ==, 1);
  g_assert_true (g_str_has_prefix (none.err, "jindu: import needs a KIND (villages, persons, "));

  run_jindu (&no_file, "import", "--db", f->db, "villages", NULL);
  g_assert_cmpint (no_file.status, ==, 1);

  /* "people" is not a kind: the message lists the thirteen that are. */
  run_jindu (&unknown, "import", "--db", f->db, "people", villages, NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_true (g_str_has_prefix (
      unknown.err, "jindu: “people” is not a kind of file; the kinds are villages, persons, "
                   "statuses, use-events, followups, help-members, agreements, activities, "
                   "letters, venues, inspections, title-events, staff\n"));

  run_jindu (&extra, "import", "--db", f->db, "villages", villages, "more.csv", NULL);
  g_assert_cmpint (extra.status, ==, 1);
  g_assert_true (g_str_has_prefix (extra.err, "jindu: unexpected argument “more.csv”\n"));
  g_assert_cmpint (count (f, "village"), ==, 0);
}

static void
test_invalid (Fixture *f, gconstpointer data)
{
  g_autofree char *villages = fixture_path ("villages.csv");
  g_autofree char *bad = fixture_path ("persons-bad.csv");
  g_autofree char *venues = fixture_path ("venues-bad.csv");
  g_auto (Run) setup = { 0 }, run = { 0 }, header = { 0 };

  import (f, &setup, "villages", villages);
  g_assert_cmpint (setup.status, ==, 0);

  /* persons-bad.csv: five bad rows (2–6) and a good one (7); every bad row is
   * reported, in FILE:LINE: column: reason form, and nothing is written. */
  import (f, &run, "persons", bad);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_autofree char *expected = g_strdup_printf (
      "%1$s:2: id_number: The check digit is wrong: the last character should be 8 — a digit was "
      "probably mistyped\n"
      "%1$s:3: sex: “男” disagrees with the ID number (Female)\n"
      "%1$s:4: residence_village: no village has the code or name “V99”\n"
      "%1$s:5: first_found_on: 2030-01-01 is in the future\n"
      "%1$s:6: first_found_on: “昨天” is not a date (write 2024-03-05, 2024/3/5 or 2024年3月5日)\n",
      bad);
  g_assert_cmpstr (run.err, ==, expected);
  g_assert_cmpint (count (f, "person"), ==, 0);

  /* A header the kind does not know: line 1. */
  import (f, &header, "venues", venues);
  g_assert_cmpint (header.status, ==, 2);
  g_autofree char *header_expected
      = g_strdup_printf ("%1$s:1: column “type”: unknown column for venues; the columns are "
                         "village 村(社区)*, name 名称*, kind 类型*, address 地址, manager 负责人, "
                         "phone 联系电话, key_spot 重点部位\n"
                         "%1$s:1: the required column “kind” (类型) is missing\n",
                         venues);
  g_assert_cmpstr (header.err, ==, header_expected);
  g_assert_cmpint (count (f, "venue"), ==, 0);
}

static void
test_files (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *villages = fixture_path ("villages.csv");
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  g_autofree char *no_ledger = g_build_filename (f->dir, "no-ledger.db", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_auto (Run) no_csv = { 0 }, no_db = { 0 }, not_db = { 0 };

  /* A CSV file that is not there. */
  import (f, &no_csv, "villages", missing);
  g_assert_cmpint (no_csv.status, ==, 3);
  g_autofree char *no_csv_expected = g_strdup_printf ("jindu: There is no file %s\n", missing);
  g_assert_cmpstr (no_csv.err, ==, no_csv_expected);

  /* A ledger that is not there, and a file that is not a ledger. */
  run_jindu (&no_db, "import", "--db", no_ledger, "villages", villages, NULL);
  g_assert_cmpint (no_db.status, ==, 3);
  g_assert_true (strstr (no_db.err, no_ledger) != NULL);
  g_assert_false (g_file_test (no_ledger, G_FILE_TEST_EXISTS));

  g_file_set_contents (text, "not a database\n", -1, &error);
  g_assert_no_error (error);
  run_jindu (&not_db, "import", "--db", text, "villages", villages, NULL);
  g_assert_cmpint (not_db.status, ==, 3);
  g_assert_true (strstr (not_db.err, "is not a Jindu ledger") != NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/import/ok", test_ok);
  ADD ("/cli/import/usage", test_usage);
  ADD ("/cli/import/invalid", test_invalid);
  ADD ("/cli/import/files", test_files);
#undef ADD
  return g_test_run ();
}
