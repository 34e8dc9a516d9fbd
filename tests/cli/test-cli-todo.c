/* test-cli-todo.c: jindu todo through the real executable ($JINDU)
 *
 * The ledger is written through jd-store.h; the due dates are worked out by
 * hand for --today 2024-06-15 and 2024-06-20 (talks every two calendar months,
 * visits every month).
 */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "jd-date.h"
#include "jd-ledger-private.h"
#include "jd-ledger.h"
#include "jd-store.h"
#include "jd-test-run.h"

#define D(y, m, d) jd_day_new (y, m, d)

typedef JdTestLedger Fixture;

static gint64
add_person (JdLedger *ledger,
            const char *id_number,
            const char *name,
            gint64 village,
            const char *status,
            JdDay s)
{
  g_autoptr (GError) error = NULL;
  gint64 id = 0;
  JdPersonRecord person = {
    .id_number = id_number, .name = name, .village_id = village, .first_found_on = D (2015, 1, 1)
  };
  g_assert_cmpint (jd_store_person (ledger, &person, &id, &error), ==, JD_STORE_ADDED);
  JdStatusRecord span = { .person_id = id, .status = status, .started_on = s };
  g_assert_cmpint (jd_store_status (ledger, &span, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  return id;
}

static void
add_followup (JdLedger *ledger, gint64 person, const char *kind, JdDay day)
{
  g_autoptr (GError) error = NULL;
  JdFollowupRecord r = { .person_id = person,
                         .kind = kind,
                         .occurred_on = day,
                         .result = g_str_equal (kind, "urine_test") ? "negative" : NULL };
  g_assert_cmpint (jd_store_followup (ledger, &r, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

/* A help-group member and an agreement from S on. */
static void
add_help (JdLedger *ledger, gint64 person, JdDay s, gboolean member)
{
  g_autoptr (GError) error = NULL;
  if (member)
    {
      JdHelpMemberRecord m
          = { .person_id = person, .member_name = "李帮教", .role = "family", .since = s };
      g_assert_cmpint (jd_store_help_member (ledger, &m, &error), ==, JD_STORE_ADDED);
    }
  JdAgreementRecord a = { .person_id = person, .signed_on = s };
  g_assert_cmpint (jd_store_agreement (ledger, &a, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  jd_set_today (D (2024, 6, 15));
  jd_test_ledger_set_up (f, "jd-cli-todo-XXXXXX");
  JdLedger *ledger = f->ledger;
  gint64 v01, v02;
  JdVillageRecord east = { .code = "V01", .name = "东村" };
  JdVillageRecord west = { .code = "V02", .name = "西村" };
  g_assert_cmpint (jd_store_village (ledger, &east, &v01, &error), ==, JD_STORE_ADDED);
  g_assert_cmpint (jd_store_village (ledger, &west, &v02, &error), ==, JD_STORE_ADDED);
  /* This year's letters of both levels for both villages, signed 2024-01-01: the
   * letters item is due 2025-01-01, not listed in June 2024 (but due 1 January
   * 2020 as of 2020-01-01, before they were signed). */
  const gint64 villages[] = { v01, v02 };
  const char *levels[] = { "village_group", "village_household" };
  for (guint v = 0; v < G_N_ELEMENTS (villages); v++)
    for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
      {
        JdLetterRecord letter = {
          .village_id = villages[v], .level = levels[l], .signed_on = D (2024, 1, 1), .copies = -1
        };
        g_assert_cmpint (jd_store_letter (ledger, &letter, &error), ==, JD_STORE_ADDED);
      }

  /* 张八 (V02): community detox from 2024-03-01, no help-group member: help_group due
   * 2024-03-01, overdue 106 on 2024-06-15 (31 + 30 + 31 days to 06-01, 14 more),
   * 111 on 06-20. Talk and urine test 2024-06-01 (due 08-01), visit 06-10 (due
   * 07-10): not listed either day. */
  gint64 a
      = add_person (ledger, "110105198708080181", "张八", v02, "community_detox", D (2024, 3, 1));
  add_help (ledger, a, D (2024, 3, 1), FALSE);
  add_followup (ledger, a, "talk", D (2024, 6, 1));
  add_followup (ledger, a, "urine_test", D (2024, 6, 1));
  add_followup (ledger, a, "home_visit", D (2024, 6, 10));

  /* 张一 (V01): rehab from 2023-01-10, last talk 2024-04-14: due two months later,
   * 2024-06-14, overdue 1 on 06-15, 6 on 06-20. Urine test 06-05 (due 08-05),
   * visit 06-10 (due 07-10): not listed. */
  gint64 b
      = add_person (ledger, "110105198001010112", "张一", v01, "community_rehab", D (2023, 1, 10));
  add_help (ledger, b, D (2023, 1, 10), TRUE);
  add_followup (ledger, b, "talk", D (2024, 4, 14));
  add_followup (ledger, b, "urine_test", D (2024, 6, 5));
  add_followup (ledger, b, "home_visit", D (2024, 6, 10));

  /* 张二 (V01): last talk 2024-04-20: due 2024-06-20: in 5 days on 06-15 (overdue
   * −5), today on 06-20 (0). */
  gint64 c
      = add_person (ledger, "110105198102020125", "张二", v01, "community_detox", D (2023, 1, 10));
  add_help (ledger, c, D (2023, 1, 10), TRUE);
  add_followup (ledger, c, "talk", D (2024, 4, 20));
  add_followup (ledger, c, "urine_test", D (2024, 6, 5));
  add_followup (ledger, c, "home_visit", D (2024, 6, 10));

  /* 张十 (V01): in custody, with no follow-up in years: never listed. */
  gint64 d = add_person (ledger, "110105198910100211", "张十", v01, "custody", D (2024, 1, 1));
  add_followup (ledger, d, "talk", D (2023, 1, 1));
  jd_set_today (0);
  jd_test_ledger_close (f);
}

/* The JSON of docs/contract.md §5, most overdue first. */
static void
test_json (Fixture *f, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  run_jindu (&run, "todo", "--db", f->path, "--json", "--today", "2024-06-15", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "[\n"
                   "  {\n"
                   "    \"id_number\" : \"110105198708080181\",\n"
                   "    \"name\" : \"张八\",\n"
                   "    \"village\" : \"V02\",\n"
                   "    \"kind\" : \"help_group\",\n"
                   "    \"due_on\" : \"2024-03-01\",\n"
                   "    \"overdue_days\" : 106\n"
                   "  },\n"
                   "  {\n"
                   "    \"id_number\" : \"110105198001010112\",\n"
                   "    \"name\" : \"张一\",\n"
                   "    \"village\" : \"V01\",\n"
                   "    \"kind\" : \"talk\",\n"
                   "    \"due_on\" : \"2024-06-14\",\n"
                   "    \"overdue_days\" : 1\n"
                   "  },\n"
                   "  {\n"
                   "    \"id_number\" : \"110105198102020125\",\n"
                   "    \"name\" : \"张二\",\n"
                   "    \"village\" : \"V01\",\n"
                   "    \"kind\" : \"talk\",\n"
                   "    \"due_on\" : \"2024-06-20\",\n"
                   "    \"overdue_days\" : -5\n"
                   "  }\n"
                   "]\n");
}

/* --today moves every figure: five days later each item is five days more overdue.
 * On 2024-06-20 June's end is 10 days off and neither village has held an
 * activity: both are short of publicity, due 2024-06-30 (issue 19 item 8). */
static void
test_today (Fixture *f, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  run_jindu (&run, "todo", "--today", "2024/6/20", "--json", "--db", f->path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_autoptr (GRegex) compact = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *flat = g_regex_replace_literal (compact, run.out, -1, 0, "", 0, NULL);
  g_assert_cmpstr (flat, ==,
                   "[{\"id_number\":\"110105198708080181\",\"name\":\"张八\",\"village\":\"V02\","
                   "\"kind\":\"help_group\",\"due_on\":\"2024-03-01\",\"overdue_days\":111},"
                   "{\"id_number\":\"110105198001010112\",\"name\":\"张一\",\"village\":\"V01\","
                   "\"kind\":\"talk\",\"due_on\":\"2024-06-14\",\"overdue_days\":6},"
                   "{\"id_number\":\"110105198102020125\",\"name\":\"张二\",\"village\":\"V01\","
                   "\"kind\":\"talk\",\"due_on\":\"2024-06-20\",\"overdue_days\":0},"
                   "{\"id_number\":null,\"name\":null,\"village\":\"V01\","
                   "\"kind\":\"publicity\",\"due_on\":\"2024-06-30\",\"overdue_days\":-10},"
                   "{\"id_number\":null,\"name\":null,\"village\":\"V02\","
                   "\"kind\":\"publicity\",\"due_on\":\"2024-06-30\",\"overdue_days\":-10}]");

  /* Long before the first measure began: no person is due; the villages'
   * letters are, from 1 January, as none was signed yet. */
  g_auto (Run) early = { 0 };
  run_jindu (&early, "todo", "--db", f->path, "--json", "--today", "2020-01-01", NULL);
  g_assert_cmpint (early.status, ==, 0);
  g_autofree char *early_flat = g_regex_replace_literal (compact, early.out, -1, 0, "", 0, NULL);
  g_assert_cmpstr (early_flat, ==,
                   "[{\"id_number\":null,\"name\":null,\"village\":\"V01\","
                   "\"kind\":\"letters\",\"due_on\":\"2020-01-01\",\"overdue_days\":0},"
                   "{\"id_number\":null,\"name\":null,\"village\":\"V02\","
                   "\"kind\":\"letters\",\"due_on\":\"2020-01-01\",\"overdue_days\":0}]");
}

/* The table for people: grouped by kind in the kinds' order, with counts. */
static void
test_table (Fixture *f, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  run_jindu (&run, "todo", "--db", f->path, "--today", "2024-06-15", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  const char *title = strstr (run.out, "Work due on 2024-06-15");
  const char *talks = strstr (run.out, "Talk — overdue: 1, due soon: 1");
  const char *zhang1 = strstr (run.out, "1 day overdue");
  const char *zhang2 = strstr (run.out, "due in 5 days");
  const char *help = strstr (run.out, "Help group — overdue: 1, due soon: 0");
  const char *zhang8 = strstr (run.out, "106 days overdue");
  const char *total = strstr (run.out, "In all — overdue: 2, due soon: 1");
  g_assert_nonnull (title);
  g_assert_nonnull (talks);
  g_assert_nonnull (zhang1);
  g_assert_nonnull (zhang2);
  g_assert_nonnull (help);
  g_assert_nonnull (zhang8);
  g_assert_nonnull (total);
  g_assert_true (title < talks && talks < zhang1 && zhang1 < zhang2 && zhang2 < help
                 && help < zhang8 && zhang8 < total);
  /* The rows name the village by code and name, the person by name and ID number. */
  g_assert_nonnull (strstr (run.out, "V02 西村"));
  g_assert_nonnull (strstr (run.out, "张八"));
  g_assert_nonnull (strstr (run.out, "110105198708080181"));
  /* No group for kinds with nothing due, and never the person in custody. */
  g_assert_null (strstr (run.out, "Urine test —"));
  g_assert_null (strstr (run.out, "张十"));

  /* Long before the first measure began no person is due, but the villages'
   * letters are: none was signed by 2020-01-01, so they fall due that day. */
  g_auto (Run) early = { 0 };
  run_jindu (&early, "todo", "--db", f->path, "--today", "2020-01-01", NULL);
  g_assert_cmpint (early.status, ==, 0);
  g_assert_nonnull (strstr (early.out, "Letters — overdue: 0, due soon: 2"));
  g_assert_null (strstr (early.out, "Talk —"));
}

/* Issue 19 item 8: a village's own items come with id_number and name null
 * (docs/contract.md §5). V03 上林社区 has no letter at all: due 2024-01-01,
 * overdue 166 on 2024-06-15 (31 + 29 + 31 + 30 + 31 days to 06-01, 14 more),
 * the most overdue item. */
static void
test_village_items (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
    g_assert_no_error (error);
    JdVillageRecord village = { .code = "V03", .name = "上林社区" };
    gint64 id = 0;
    g_assert_cmpint (jd_store_village (ledger, &village, &id, &error), ==, JD_STORE_ADDED);
    g_assert_no_error (error);
  }
  g_auto (Run) run = { 0 };
  run_jindu (&run, "todo", "--db", f->path, "--json", "--today", "2024-06-15", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "[\n"
                                            "  {\n"
                                            "    \"id_number\" : null,\n"
                                            "    \"name\" : null,\n"
                                            "    \"village\" : \"V03\",\n"
                                            "    \"kind\" : \"letters\",\n"
                                            "    \"due_on\" : \"2024-01-01\",\n"
                                            "    \"overdue_days\" : 166\n"
                                            "  },\n"
                                            "  {\n"
                                            "    \"id_number\" : \"110105198708080181\",\n"));
  g_autoptr (GRegex) items = g_regex_new ("\"kind\"", 0, 0, NULL);
  g_auto (GStrv) parts = g_regex_split (items, run.out, 0);
  g_assert_cmpuint (g_strv_length (parts), ==, 5); /* four items */

  /* The table: a group of its own, the row naming the village, no person. */
  g_auto (Run) table = { 0 };
  run_jindu (&table, "todo", "--db", f->path, "--today", "2024-06-15", NULL);
  g_assert_cmpint (table.status, ==, 0);
  const char *group = strstr (table.out, "Letters — overdue: 1, due soon: 0");
  g_assert_nonnull (group);
  const char *row = strstr (group, "2024-01-01  166 days overdue  V03 上林社区");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (table.out, "In all — overdue: 3, due soon: 1"));
}

/* docs/contract.md §5: 1 for bad usage, 3 for file errors, a one-line reason on stderr. */
static void
test_exit_codes (Fixture *f, gconstpointer data)
{
  g_auto (Run) bad_today = { 0 };
  run_jindu (&bad_today, "todo", "--db", f->path, "--today", "2024-02-30", NULL);
  g_assert_cmpint (bad_today.status, ==, 1);
  g_assert_cmpstr (bad_today.out, ==, "");
  g_assert_nonnull (strstr (bad_today.err, "2024-02-30"));

  g_auto (Run) extra = { 0 };
  run_jindu (&extra, "todo", "--db", f->path, "people", NULL);
  g_assert_cmpint (extra.status, ==, 1);
  g_assert_nonnull (strstr (extra.err, "people"));

  g_auto (Run) unknown = { 0 };
  run_jindu (&unknown, "todo", "--db", f->path, "--csv", NULL);
  g_assert_cmpint (unknown.status, ==, 1);

  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  g_auto (Run) absent = { 0 };
  run_jindu (&absent, "todo", "--db", missing, "--json", NULL);
  g_assert_cmpint (absent.status, ==, 3);
  g_assert_cmpstr (absent.out, ==, "");
  g_assert_nonnull (strstr (absent.err, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (text, "not a ledger\n", -1, NULL));
  g_auto (Run) not_ledger = { 0 };
  run_jindu (&not_ledger, "todo", "--db", text, NULL);
  g_assert_cmpint (not_ledger.status, ==, 3);
  g_assert_nonnull (strstr (not_ledger.err, text));
}

/* Issue 17 item 6: a name holding ESC (written by an older program, or by
 * hand with sqlite3: the store refuses it now) was printed raw, so the data
 * could drive the terminal. Every control character comes out as text. */
static void
test_control_characters (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_true (jd_ledger_exec (ledger,
                                   "UPDATE person SET name = '张' || char(27) || ']0;owned'"
                                   " || char(7) || char(27) || '[2J八'"
                                   " WHERE id_number = '110105198708080181';"
                                   "UPDATE village SET name = '西' || char(155) || '31m村'"
                                   " WHERE code = 'V02'",
                                   &error));
    g_assert_no_error (error);
  }
  g_auto (Run) run = { 0 };
  run_jindu (&run, "todo", "--db", f->path, "--today", "2024-06-15", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (const char *p = run.out; *p; p++)
    g_assert_true ((guchar)*p >= 0x20 || *p == '\n');
  g_assert_null (strstr (run.out, "\xc2\x9b"));
  g_assert_nonnull (strstr (run.out, "张\\x1B]0;owned\\x07\\x1B[2J八"));
  g_assert_nonnull (strstr (run.out, "V02 西\\u009B31m村"));

  /* The JSON escapes them its own way, as JSON does. */
  g_auto (Run) json = { 0 };
  run_jindu (&json, "todo", "--db", f->path, "--today", "2024-06-15", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  for (const char *p = json.out; *p; p++)
    g_assert_true ((guchar)*p >= 0x20 || *p == '\n');
  g_assert_nonnull (strstr (json.out, "张\\u001b]0;owned\\u0007\\u001b[2J八"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
#define ADD(path, func)                                                                            \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, jd_test_fixture_tear_down)
  ADD ("/cli/todo/json", test_json);
  ADD ("/cli/todo/today", test_today);
  ADD ("/cli/todo/table", test_table);
  ADD ("/cli/todo/exit-codes", test_exit_codes);
  ADD ("/cli/todo/control-characters", test_control_characters);
  ADD ("/cli/todo/village-items", test_village_items);
#undef ADD
  return g_test_run ();
}
