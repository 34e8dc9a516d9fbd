/* test-cli-import.c: jindu import through the real executable ($JINDU)
 *
 * What a script or a person at a terminal sees: the exit code, the summary
 * on stdout and the FILE:LINE: column: reason lines on stderr.
 */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "jd-ledger.h"
#include "jd-test-run.h"

typedef JdTestLedger Fixture;

static void
import (Fixture *f, Run *run, const char *kind, const char *file)
{
  run_jindu (run, "import", "--db", f->path, "--today", "2024-12-31", kind, file, NULL);
}

static gint64
count (Fixture *f, const char *table)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
  g_assert_no_error (error);
  return jd_ledger_count (ledger, table);
}

static void
test_ok (Fixture *f, gconstpointer data)
{
  g_autofree char *villages = jd_test_fixture_file ("import", "villages.csv");
  g_autofree char *persons = jd_test_fixture_file ("import", "persons.csv");
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
  g_autofree char *villages = jd_test_fixture_file ("import", "villages.csv");
  g_auto (Run) none = { 0 }, no_file = { 0 }, unknown = { 0 }, extra = { 0 };

  run_jindu (&none, "import", "--db", f->path, NULL);
  g_assert_cmpint (none.status, ==, 1);
  g_assert_true (g_str_has_prefix (none.err, "jindu: import needs a KIND (villages, persons, "));

  run_jindu (&no_file, "import", "--db", f->path, "villages", NULL);
  g_assert_cmpint (no_file.status, ==, 1);

  /* "people" is not a kind: the message lists those that are. */
  run_jindu (&unknown, "import", "--db", f->path, "people", villages, NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_true (g_str_has_prefix (
      unknown.err, "jindu: “people” is not a kind of file; the kinds are villages, persons, "
                   "statuses, use-events, followups, help-members, agreements, activities, "
                   "letters, venues, inspections, title-events, staff, moves, surveys\n"));

  run_jindu (&extra, "import", "--db", f->path, "villages", villages, "more.csv", NULL);
  g_assert_cmpint (extra.status, ==, 1);
  g_assert_true (g_str_has_prefix (extra.err, "jindu: unexpected argument “more.csv”\n"));
  g_assert_cmpint (count (f, "village"), ==, 0);
}

static void
test_invalid (Fixture *f, gconstpointer data)
{
  g_autofree char *villages = jd_test_fixture_file ("import", "villages.csv");
  g_autofree char *bad = jd_test_fixture_file ("import", "persons-bad.csv");
  g_autofree char *venues = jd_test_fixture_file ("import", "venues-bad.csv");
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
  g_autofree char *villages = jd_test_fixture_file ("import", "villages.csv");
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

/* Writes contents (length -1: a string) to NAME in the test's folder. */
static char *
write_file (Fixture *f, const char *name, const char *contents, gssize length)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

/* Imports a file that must be refused: exit 2, nothing on stdout, stderr as
 * expected ("%1$s" is the file), and the table as it was. */
static void
assert_refused (
    Fixture *f, const char *kind, const char *path, const char *table, const char *expected_format)
{
  g_auto (Run) run = { 0 };
  gint64 before = count (f, table);
  import (f, &run, kind, path);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  GString *expected = g_string_new (expected_format);
  g_string_replace (expected, "%1$s", path, 0);
  g_assert_cmpstr (run.err, ==, expected->str);
  g_string_free (expected, TRUE);
  g_assert_cmpint (count (f, table), ==, before);
}

static void
import_ok (Fixture *f, const char *kind, const char *path)
{
  g_auto (Run) run = { 0 };
  import (f, &run, kind, path);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
}

static void
import_base (Fixture *f)
{
  g_autofree char *villages = jd_test_fixture_file ("import", "villages.csv");
  g_autofree char *persons = jd_test_fixture_file ("import", "persons.csv");
  import_ok (f, "villages", villages);
  import_ok (f, "persons", persons);
}

/* Issue 17 item 5: a UTF-8 file with one stray Latin-1 byte was read as
 * GB18030 (陈大文 stored as mojibake) and imported with exit 0. */
static void
test_encoding (Fixture *f, gconstpointer data)
{
  g_autofree char *villages = jd_test_fixture_file ("import", "villages.csv");
  import_ok (f, "villages", villages);
  g_autofree char *path = write_file (f, "persons.csv",
                                      "公民身份号码,姓名,管理村(社区),初次发现日期\n"
                                      "441581198503120018,陈大文,V01,2015-06-01\n"
                                      "441581199007180024,Ren\xE9 林小红,V01,2018-03-05\n",
                                      -1);
  assert_refused (f, "persons", path, "person",
                  "%1$s:3: the file is UTF-8 text but for a few bytes, and this line holds the "
                  "first: byte E9 at offset 129 of the file; correct it, or save the file again "
                  "as “CSV UTF-8”\n");
  g_assert_cmpint (count (f, "person"), ==, 0);
}

/* Issue 17 item 6: one message per distinct problem, with a count, and
 * stderr and memory bounded whatever the file. */
static void
test_limits (Fixture *f, gconstpointer data)
{
  import_base (f);

  /* A header of a million unknown columns: one line, not a million (219 MB). */
  GString *wide = g_string_new ("code,name");
  for (int i = 0; i < 1000000; i++)
    g_string_append (wide, ",x");
  g_string_append (wide, "\nV09,北村\n");
  g_autofree char *wide_path = write_file (f, "wide.csv", wide->str, wide->len);
  g_string_free (wide, TRUE);
  g_auto (Run) run = { 0 };
  import (f, &run, "villages", wide_path);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpuint (strlen (run.err), <, 2048);
  /* Its memory: 57 MB measured (the file, its fields and the header's
   * columns), 376 MB before. AddressSanitizer's shadow memory and quarantine
   * (build-aux/test --sanitize) took 385 MB: its own, wider bound. */
#if defined(__SANITIZE_ADDRESS__)
  const long bound_kb = 800 * 1024;
#else
  const long bound_kb = 250 * 1024;
#endif
  struct rusage usage;
  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &usage), ==, 0);
  g_assert_cmpint (usage.ru_maxrss, <, bound_kb);
  g_autofree char *wide_expected = g_strdup_printf (
      "%s:1: column “x”: unknown column for villages, and 999,999 more columns like it; the "
      "columns are code 编码*, name 名称*, kind 类型, registered_population 户籍人口, "
      "resident_population 常住人口, floating_population 流动人口, grid_count 网格数, secretary "
      "第一责任人, police_officer 驻村民警, education_site 禁毒教育阵地, retired_on 撤并日期\n",
      wide_path);
  g_assert_cmpstr (run.err, ==, wide_expected);

  /* A million trailing empty fields are refused like one non-empty extra:
   * whatever they hold, fields past the header shift the values. */
  GString *trailing = g_string_new ("code,name\nV09,北村");
  for (int i = 0; i < 1000000; i++)
    g_string_append_c (trailing, ',');
  g_string_append (trailing, "\nV10,南村,x\n");
  g_autofree char *trailing_path = write_file (f, "trailing.csv", trailing->str, trailing->len);
  g_string_free (trailing, TRUE);
  assert_refused (f, "villages", trailing_path, "village",
                  "%1$s:2: the row has 1000002 fields, but the header has 2: a stray comma or "
                  "quote shifts the values\n"
                  "%1$s:3: the row has 3 fields, but the header has 2: a stray comma or quote "
                  "shifts the values\n");

  /* 200,000 rows with the same problem: one line and a count. */
  GString *rows = g_string_new ("code,name\n");
  for (int i = 0; i < 200000; i++)
    g_string_append_printf (rows, "W%06d,\n", i);
  g_autofree char *rows_path = write_file (f, "rows.csv", rows->str, rows->len);
  g_string_free (rows, TRUE);
  assert_refused (f, "villages", rows_path, "village",
                  "%1$s:2: name: required (and 199,999 more rows like it)\n");

  /* 300 rows with 300 different problems: 200 listed, the rest counted. */
  GString *many = g_string_new ("code,name,grid_count\n");
  for (int i = 0; i < 300; i++)
    g_string_append_printf (many, "W%03d,村%d,n%d\n", i, i, i);
  g_autofree char *many_path = write_file (f, "many.csv", many->str, many->len);
  g_string_free (many, TRUE);
  g_auto (Run) capped = { 0 };
  import (f, &capped, "villages", many_path);
  g_assert_cmpint (capped.status, ==, 2);
  g_auto (GStrv) lines = g_strsplit (capped.err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 202); /* 200, the count, and "" */
  g_autofree char *last
      = g_strdup_printf ("%s: and 100 more problems, not listed: correct these first", many_path);
  g_assert_cmpstr (lines[200], ==, last);

  /* A 10 MB field: refused with the reason, not cut in the workbook later. */
  GString *big = g_string_new ("code,name\nV09,");
  for (int i = 0; i < 10 * 1024 * 1024; i++)
    g_string_append_c (big, 'a');
  g_string_append_c (big, '\n');
  g_autofree char *big_path = write_file (f, "big.csv", big->str, big->len);
  g_string_free (big, TRUE);
  assert_refused (f, "villages", big_path, "village",
                  "%1$s:2: name: is 10485760 characters long: a name is at most 50\n");

  /* Control characters: ESC in a name, BEL in a note; the message names the
   * character and never prints it. A line break is fine in a note. */
  g_autofree char *control = write_file (f, "control.csv",
                                         "公民身份号码,姓名,管理村(社区),初次发现日期,备注\n"
                                         "110105198001010016,王\x1b[2J五,V01,2019-01-01,\n"
                                         "110105198001010024,赵六,V01,2019-01-01,响铃\a\n"
                                         "11010519491231002X,孙七,V01,2019-01-01,\"两行\n备注\"\n",
                                         -1);
  assert_refused (f, "persons", control, "person",
                  "%1$s:2: 姓名: holds the control character U+001B at character 2: text may not "
                  "hold control characters\n"
                  "%1$s:3: 备注: holds the control character U+0007 at character 3: text may not "
                  "hold control characters\n");

  /* The same ID number twice with different names: both lines named. The
   * same row twice is harmless. Full-width digits are digits. */
  g_autofree char *twice = write_file (f, "twice.csv",
                                       "公民身份号码,姓名,管理村(社区),初次发现日期\n"
                                       "110105198001010016,王五,V01,2019-01-01\n"
                                       "110105198001010016,王五,V01,2019-01-01\n"
                                       "１１０１０５１９８００１０１００１６,王伍,V01,2019-01-01\n",
                                       -1);
  assert_refused (
      f, "persons", twice, "person",
      "%1$s:4: 公民身份号码: “１１０１０５１９８００１０１００１６” is on line 2 too, with a "
      "different 姓名: a file may give each key only once\n");
  g_autofree char *codes = write_file (f, "codes.csv", "code,name\nV09,北村\nV09,南村\n", -1);
  assert_refused (f, "villages", codes, "village",
                  "%1$s:3: code: “V09” is on line 2 too, with a different name: a file may give "
                  "each key only once\n");
  g_autofree char *wide_digits
      = write_file (f, "wide-digits.csv",
                    "公民身份号码,姓名,管理村(社区),初次发现日期\n"
                    "１１０１０５１９８００１０１００１６,王五,V01,2019-01-01\n",
                    -1);
  import_ok (f, "persons", wide_digits);
  g_assert_cmpint (count (f, "person"), ==, 4);

  /* Dates: year 1 and the day after today (--today 2024-12-31). */
  g_autofree char *dates = write_file (f, "dates.csv",
                                       "id_number,kind,occurred_on\n"
                                       "441581198503120018,talk,0001-01-01\n"
                                       "441581198503120018,talk,2025-01-01\n",
                                       -1);
  assert_refused (f, "followups", dates, "followup",
                  "%1$s:2: occurred_on: 0001-01-01 is before 1950: no date in the ledger is that "
                  "early\n"
                  "%1$s:3: occurred_on: 2025-01-01 is in the future\n");
}

/* Issue 19 item 6: death is final, nothing predates the first-found date
 * (陈大文: 2015-06-01), each refusal on its file, line and column. */
static void
test_person_dates (Fixture *f, gconstpointer data)
{
  import_base (f);
  g_autofree char *statuses = write_file (f, "statuses.csv",
                                          "公民身份号码,状态,起始日期\n"
                                          "441581198503120018,社区戒毒,2015-05-01\n"
                                          "441581198503120018,死亡,2022-01-05\n"
                                          "441581198503120018,社会面,2023-02-01\n",
                                          -1);
  assert_refused (f, "statuses", statuses, "status_span",
                  "%1$s:2: 起始日期: 2015-05-01 is before the person’s first-found date, "
                  "2015-06-01: nothing about a person predates it\n"
                  "%1$s:4: 起始日期: 2023-02-01 is after the person’s death on 2022-01-05: nothing "
                  "is recorded after a death (to correct the death, delete it first)\n");

  g_autofree char *death = write_file (
      f, "death.csv", "id_number,status,started_on\n441581198503120018,死亡,2022-01-05\n", -1);
  import_ok (f, "statuses", death);
  g_autofree char *followups = write_file (f, "followups.csv",
                                           "id_number,kind,occurred_on,result\n"
                                           "441581198503120018,urine_test,2023-03-01,阴性\n",
                                           -1);
  assert_refused (f, "followups", followups, "followup",
                  "%1$s:2: occurred_on: 2023-03-01 is after the person’s death on 2022-01-05: "
                  "nothing is recorded after a death (to correct the death, delete it first)\n");
  g_autofree char *uses = write_file (f, "uses.csv",
                                      "id_number,occurred_on,source\n"
                                      "441581198503120018,2014-12-31,police\n"
                                      "441581198503120018,2022-06-01,police\n",
                                      -1);
  assert_refused (f, "use-events", uses, "use_event",
                  "%1$s:2: occurred_on: 2014-12-31 is before the person’s first-found date, "
                  "2015-06-01: nothing about a person predates it\n"
                  "%1$s:3: occurred_on: 2022-06-01 is after the person’s death on 2022-01-05: "
                  "nothing is recorded after a death (to correct the death, delete it first)\n");
  g_autofree char *members = write_file (f, "members.csv",
                                         "id_number,member_name,role,since\n"
                                         "441581198503120018,李帮教,cadre,2022-02-01\n",
                                         -1);
  assert_refused (f, "help-members", members, "help_member",
                  "%1$s:2: since: 2022-02-01 is after the person’s death on 2022-01-05: nothing "
                  "is recorded after a death (to correct the death, delete it first)\n");
  g_autofree char *agreements = write_file (
      f, "agreements.csv", "id_number,signed_on\n441581198503120018,2022-01-06\n", -1);
  assert_refused (f, "agreements", agreements, "agreement",
                  "%1$s:2: signed_on: 2022-01-06 is after the person’s death on 2022-01-05: "
                  "nothing is recorded after a death (to correct the death, delete it first)\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
#define ADD(path, func)                                                                            \
  g_test_add (path, Fixture, NULL, jd_test_cli_fixture, func, jd_test_fixture_tear_down)
  ADD ("/cli/import/ok", test_ok);
  ADD ("/cli/import/usage", test_usage);
  ADD ("/cli/import/invalid", test_invalid);
  ADD ("/cli/import/files", test_files);
  ADD ("/cli/import/encoding", test_encoding);
  ADD ("/cli/import/limits", test_limits);
  ADD ("/cli/import/person-dates", test_person_dates);
#undef ADD
  return g_test_run ();
}
