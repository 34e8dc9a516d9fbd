/* test-import.c: importing CSV files of every kind (docs/contract.md §6)
 *
 * The fixtures are in tests/fixtures/import: a good file and a bad file for
 * each kind. The numbers and messages below are worked out from those files
 * by hand; line numbers count the header as line 1.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-import.h"
#include "jd-ledger-private.h"
#include "jd-test-ledger.h"

typedef JdTestLedger Fixture;

/* Imports a fixture and expects it to go in. */
static void
import_ok (Fixture *f, JdImportKind kind, const char *name, JdImportReport *report)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = jd_test_fixture_file ("import", name);
  gboolean ok = jd_import_file (f->ledger, kind, path, report, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (report->problems->len, ==, 0);
}

static void
import_base (Fixture *f)
{
  g_auto (JdImportReport) report = { 0 };
  import_ok (f, JD_IMPORT_VILLAGES, "villages.csv", &report);
  import_ok (f, JD_IMPORT_PERSONS, "persons.csv", &report);
  import_ok (f, JD_IMPORT_VENUES, "venues.csv", &report);
}

/* Every row a query returns, columns joined by spaces, rows by "; ", NULL as ∅. */
static char *
rows (Fixture *f, const char *sql)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = jd_ledger_prepare (f->ledger, sql, &error);
  g_assert_no_error (error);
  GString *out = g_string_new (NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (out->len)
        g_string_append (out, "; ");
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *)sqlite3_column_text (stmt, i);
          g_string_append_printf (out, "%s%s", i ? " " : "", text ? text : "∅");
        }
    }
  sqlite3_reset (stmt);
  return g_string_free (out, FALSE);
}

/* Every write goes through the audit triggers, so an unchanged audit log
 * means nothing at all was written. */
static gint64
audit_rows (Fixture *f)
{
  g_autofree char *n = rows (f, "SELECT count(*) FROM audit_log");
  return g_ascii_strtoll (n, NULL, 10);
}

/* ---- good files ----------------------------------------------------------------- */

static const struct
{
  JdImportKind kind;
  const char *file;
  const char *table;
  guint rows;   /* data rows in the file: each is added once */
  gint64 count; /* rows in the table afterwards */
} good_files[] = {
  { JD_IMPORT_VILLAGES, "villages.csv", "village", 3, 3 },
  { JD_IMPORT_VILLAGES, "villages-zh.csv", "village", 2, 5 },
  { JD_IMPORT_PERSONS, "persons.csv", "person", 3, 3 },
  { JD_IMPORT_STATUSES, "statuses.csv", "status_span", 4, 4 },
  { JD_IMPORT_USE_EVENTS, "use-events.csv", "use_event", 2, 2 },
  { JD_IMPORT_FOLLOWUPS, "followups.csv", "followup", 3, 3 },
  { JD_IMPORT_HELP_MEMBERS, "help-members.csv", "help_member", 3, 3 },
  { JD_IMPORT_AGREEMENTS, "agreements.csv", "agreement", 1, 1 },
  { JD_IMPORT_ACTIVITIES, "activities.csv", "activity", 3, 3 },
  { JD_IMPORT_LETTERS, "letters.csv", "letter", 2, 2 },
  { JD_IMPORT_VENUES, "venues.csv", "venue", 2, 2 },
  { JD_IMPORT_INSPECTIONS, "inspections.csv", "inspection", 2, 2 },
  { JD_IMPORT_TITLE_EVENTS, "title-events.csv", "title_event", 4, 4 },
  { JD_IMPORT_STAFF, "staff.csv", "staff", 2, 2 },
  { JD_IMPORT_SURVEYS, "surveys.csv", "awareness_survey", 3, 3 },
};

static void
import_all_good (Fixture *f, gboolean again)
{
  for (guint i = 0; i < G_N_ELEMENTS (good_files); i++)
    {
      g_auto (JdImportReport) report = { 0 };
      gint64 before = jd_ledger_count (f->ledger, good_files[i].table);
      g_test_message ("%s%s", good_files[i].file, again ? " again" : "");
      import_ok (f, good_files[i].kind, good_files[i].file, &report);
      g_assert_cmpuint (report.rows, ==, good_files[i].rows);
      /* The first time every row is added; the second time every row is already there. */
      g_assert_cmpuint (report.added, ==, again ? 0 : good_files[i].rows);
      g_assert_cmpuint (report.updated, ==, 0);
      g_assert_cmpuint (report.unchanged, ==, again ? good_files[i].rows : 0);
      g_assert_cmpint (jd_ledger_count (f->ledger, good_files[i].table), ==,
                       again ? before : good_files[i].count);
    }
}

static void
test_every_kind (Fixture *f, gconstpointer data)
{
  import_all_good (f, FALSE);
}

static void
test_idempotent (Fixture *f, gconstpointer data)
{
  import_all_good (f, FALSE);
  gint64 audit = audit_rows (f);
  import_all_good (f, TRUE);
  /* The second round wrote nothing at all. */
  g_assert_cmpint (audit_rows (f), ==, audit);
}

static void
test_villages (Fixture *f, gconstpointer data)
{
  g_auto (JdImportReport) report = { 0 };
  /* villages.csv: a UTF-8 mark, CRLF lines, keys for the header; kind by key
   * (village) and by label (社区, 村); 是/否/yes; a quoted comma; 2023/6/30. */
  import_ok (f, JD_IMPORT_VILLAGES, "villages.csv", &report);
  g_assert_cmpstr (report.encoding, ==, "UTF-8");
  g_autofree char *villages
      = rows (f, "SELECT code, name, kind, registered_population, resident_population,"
                 " floating_population, grid_count, secretary, police_officer, education_site,"
                 " retired_on FROM village ORDER BY code");
  g_assert_cmpstr (villages, ==,
                   "V01 东村 village 3200 3000 150 6 林书记 陈警官 1 ∅; "
                   "V02 西社区 community 5100 5400 800 9 黄明, 兼主任 李警官 0 ∅; "
                   "V03 南村 village 900 850 20 2 吴书记 ∅ 1 2023-06-30");

  /* villages-zh.csv names its columns in Chinese. */
  import_ok (f, JD_IMPORT_VILLAGES, "villages-zh.csv", &report);
  g_autofree char *more = rows (f, "SELECT code, name, kind, registered_population,"
                                   " resident_population FROM village WHERE code > 'V03'"
                                   " ORDER BY code");
  g_assert_cmpstr (more, ==, "V04 北村 village 1200 1100; V05 中心社区 community 8000 8800");
}

static void
test_update_keeps_other_columns (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (JdImportReport) report = { 0 };
  import_ok (f, JD_IMPORT_VILLAGES, "villages.csv", &report);

  /* A file of three columns (the required ones starred, as a template marks
   * them) renames V01 and changes its secretary: the columns it leaves out
   * keep their values (3000 residents, an education site). */
  g_autofree char *path = g_build_filename (f->dir, "rename.csv", NULL);
  g_file_set_contents (path, "编码*,名称*,第一责任人\nV01,东村村,新书记\n", -1, &error);
  g_assert_no_error (error);
  g_assert_true (
      jd_import_file (f->ledger, JD_IMPORT_VILLAGES, path, &report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.updated, ==, 1);
  g_autofree char *v01
      = rows (f, "SELECT name, secretary, resident_population, education_site, police_officer"
                 " FROM village WHERE code = 'V01'");
  g_assert_cmpstr (v01, ==, "东村村 新书记 3000 1 陈警官");
}

static void
test_persons (Fixture *f, gconstpointer data)
{
  g_auto (JdImportReport) report = { 0 };
  import_ok (f, JD_IMPORT_VILLAGES, "villages.csv", &report);
  /* persons.csv: Chinese labels (户籍村（社区） with full-width brackets), sex
   * as 男/女/male, the three date forms, the managing village by code (V01,
   * V02) and by name (西社区), a household village outside the township
   * (湖南省某村, kept as a name) and a note over two lines. */
  import_ok (f, JD_IMPORT_PERSONS, "persons.csv", &report);
  g_assert_cmpuint (report.added, ==, 3);
  g_autofree char *persons
      = rows (f, "SELECT p.name, sex, birth_date, hv.code, household_village_name, v.code,"
                 " first_found_on, note FROM person p JOIN village v ON v.id = p.village_id"
                 " LEFT JOIN village hv ON hv.id = p.household_village_id ORDER BY p.id");
  g_assert_cmpstr (persons, ==,
                   "陈大文 male 1985-03-12 V01 ∅ V01 2015-06-01 ∅; "
                   "林小红 female 1990-07-18 ∅ 湖南省某村 V02 2018-03-05 备注含逗号, 以及\n第二行; "
                   "黄志强 male 1978-01-01 V02 ∅ V02 2012-07-09 ∅");
}

static void
test_status_chaining (Fixture *f, gconstpointer data)
{
  g_auto (JdImportReport) report = { 0 };
  import_base (f);
  /* statuses.csv gives 陈大文's three spans out of order (2021, 2015, 2018):
   * each ends the day before the next starts, the last stays open. */
  import_ok (f, JD_IMPORT_STATUSES, "statuses.csv", &report);
  g_assert_cmpuint (report.added, ==, 4);
  g_autofree char *chen = rows (f, "SELECT status, started_on, ended_on, planned_end_on"
                                   " FROM status_span JOIN person p ON p.id = person_id"
                                   " WHERE id_number = '441581198503120018' ORDER BY started_on");
  g_assert_cmpstr (chen, ==,
                   "community_detox 2015-06-01 2018-06-30 2018-06-01; "
                   "compulsory 2018-07-01 2020-12-31 2020-07-01; "
                   "community_rehab 2021-01-01 ∅ 2024-01-01");
  g_autofree char *lin = rows (f, "SELECT status, started_on, ended_on FROM status_span"
                                  " JOIN person p ON p.id = person_id"
                                  " WHERE id_number = '441581199007180024'");
  g_assert_cmpstr (lin, ==, "custody 2020-02-02 ∅");
}

static void
test_values_by_key_and_label (Fixture *f, gconstpointer data)
{
  g_auto (JdImportReport) report = { 0 };
  import_base (f);
  import_ok (f, JD_IMPORT_USE_EVENTS, "use-events.csv", &report);
  import_ok (f, JD_IMPORT_FOLLOWUPS, "followups.csv", &report);
  import_ok (f, JD_IMPORT_HELP_MEMBERS, "help-members.csv", &report);
  import_ok (f, JD_IMPORT_ACTIVITIES, "activities.csv", &report);
  import_ok (f, JD_IMPORT_INSPECTIONS, "inspections.csv", &report);
  import_ok (f, JD_IMPORT_STAFF, "staff.csv", &report);

  /* police by key, 尿检阳性 by label; 2020/1/15 is the second date form. */
  g_autofree char *uses = rows (f, "SELECT source, occurred_on FROM use_event ORDER BY id");
  g_assert_cmpstr (uses, ==, "police 2019-04-01; urine_positive 2020-01-15");

  /* 谈话, urine_test, 家访; 阴性; a Chinese comma and doubled quotes kept as written. */
  g_autofree char *followups
      = rows (f, "SELECT kind, occurred_on, result, content FROM followup ORDER BY occurred_on");
  g_assert_cmpstr (followups, ==,
                   "talk 2021-02-01 ∅ 谈心谈话，了解近况; "
                   "urine_test 2021-03-01 negative ∅; "
                   "home_visit 2021-03-15 ∅ 他说:\"一切都好\"");

  /* 村（社区）干部 with full-width brackets is the cadre role. */
  g_autofree char *roles = rows (f, "SELECT role, until FROM help_member ORDER BY id");
  g_assert_cmpstr (roles, ==, "family ∅; social_worker 2023-12-31; cadre ∅");

  /* An activity without a village is township-wide; empty counts are not given. */
  g_autofree char *activities
      = rows (f, "SELECT v.code, form, audience, participants, materials, banners FROM activity a"
                 " LEFT JOIN village v ON v.id = a.village_id ORDER BY a.id");
  g_assert_cmpstr (activities, ==,
                   "V01 lecture community 120 300 2; ∅ exhibition ∅ ∅ ∅ ∅; "
                   "V02 new_media school 45 ∅ ∅");

  /* The venue is found within the village, given by name (西社区) or code (V01); 合格/否. */
  g_autofree char *inspections = rows (f, "SELECT name, inspected_on, passed FROM inspection i"
                                          " JOIN venue ON venue.id = i.venue_id ORDER BY i.id");
  g_assert_cmpstr (inspections, ==, "星光KTV 2024-03-01 1; 东村旅馆 2024-03-02 0");

  g_autofree char *staff = rows (f, "SELECT s.name, role, v.code FROM staff s"
                                    " LEFT JOIN village v ON v.id = s.village_id ORDER BY s.id");
  g_assert_cmpstr (staff, ==, "王社工 social_worker V01; 刘专干 cadre ∅");
}

static void
test_gb18030 (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (JdImportReport) report = { 0 };
  import_ok (f, JD_IMPORT_VILLAGES, "villages.csv", &report);

  /* What WPS saves on Chinese Windows: GB18030, CRLF; the ID number as ="…" so
   * the spreadsheet keeps it as text, the name padded with ideographic spaces. */
  const char *utf8 = "公民身份号码,姓名,管理村(社区),初次发现日期\r\n"
                     "=\"441581198812120062\",\u3000周某\u3000,东村,2016年1月2日\r\n";
  gsize length = 0;
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  g_autofree char *path = g_build_filename (f->dir, "persons-gb18030.csv", NULL);
  g_file_set_contents (path, gb, length, &error);
  g_assert_no_error (error);

  g_assert_true (
      jd_import_file (f->ledger, JD_IMPORT_PERSONS, path, &report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report.encoding, ==, "GB18030");
  g_assert_cmpuint (report.added, ==, 1);
  g_autofree char *person
      = rows (f, "SELECT id_number, p.name, v.code, first_found_on FROM person p"
                 " JOIN village v ON v.id = p.village_id");
  g_assert_cmpstr (person, ==, "441581198812120062 周某 V01 2016-01-02");
}

/* ---- bad files ------------------------------------------------------------------- */

static const struct
{
  JdImportKind kind;
  const char *file;
  const char *problems; /* each line as the command prints it, the file called F */
} bad_files[] = {
  { JD_IMPORT_VILLAGES, "villages-bad.csv",
    "F:2: resident_population: “-5” is negative: a count is 0 or more\n"
    "F:3: name: required\n"
    "F:3: education_site: “maybe” is neither yes nor no (write 是 or 否)\n"
    "F:3: retired_on: “2024-13-01” is not a date (write 2024-03-05, 2024/3/5 or 2024年3月5日)\n"
    "F:4: kind: “town” is not one of village (村), community (社区)\n" },
  { JD_IMPORT_PERSONS, "persons-bad.csv",
    "F:2: id_number: The check digit is wrong: the last character should be 8 — a digit was "
    "probably mistyped\n"
    "F:3: sex: “男” disagrees with the ID number (Female)\n"
    "F:4: residence_village: no village has the code or name “V99”\n"
    "F:5: first_found_on: 2030-01-01 is in the future\n"
    "F:6: first_found_on: “昨天” is not a date (write 2024-03-05, 2024/3/5 or 2024年3月5日)\n" },
  { JD_IMPORT_STATUSES, "statuses-bad.csv",
    "F:3: id_number: An ID number has 18 characters, this one has 17\n"
    "F:4: id_number: no person has the ID number 441581199511050050: import the persons first\n"
    "F:5: planned_end_on: ends before it starts\n"
    "F:6: started_on: the person already has the status “Community detox” from that day\n" },
  { JD_IMPORT_USE_EVENTS, "use-events-bad.csv",
    "F:3: source: “警察” is not one of police (公安查获), urine_positive (尿检阳性), "
    "hair_positive (毛发检测阳性), other (其他)\n"
    "F:4: occurred_on: required\n" },
  /* Line 2's content runs over two lines, so the next row is on line 4. */
  { JD_IMPORT_FOLLOWUPS, "followups-bad.csv",
    "F:2: result: only a urine test has a result\n"
    "F:4: result: required\n"
    "F:5: result: “不明” is not one of negative (阴性), positive (阳性), refused (拒检)\n" },
  { JD_IMPORT_HELP_MEMBERS, "help-members-bad.csv",
    "F:2: until: ends before it starts\n"
    "F:3: member_name: required\n"
    "F:4: role: “朋友” is not one of family (家属), cadre (村(社区)干部), police (民警), "
    "social_worker (禁毒社工), volunteer (志愿者), other (其他)\n" },
  { JD_IMPORT_AGREEMENTS, "agreements-bad.csv",
    "F:2: signed_on: “2021-02-30” is not a date (write 2024-03-05, 2024/3/5 or 2024年3月5日)\n"
    "F:3: id_number: The check digit is wrong: the last character should be 8 — a digit was "
    "probably mistyped\n"
    "F:5: id_number: “4.41581E+17”: the spreadsheet turned the ID number into a number and lost "
    "its digits; format the column as text and enter them again\n" },
  { JD_IMPORT_ACTIVITIES, "activities-bad.csv",
    "F:2: village: no village has the code or name “V99”\n"
    "F:3: title: required\n"
    "F:3: participants: “abc” is not a whole number\n"
    "F:4: the row has 6 fields, but the header has 5: a stray comma or quote shifts the values\n" },
  { JD_IMPORT_LETTERS, "letters-bad.csv",
    "F:2: level: “县与镇” is not one of township_village (镇与村), village_group (村与组), "
    "village_household (村与户), unit (单位)\n"
    "F:3: village: required\n" },
  { JD_IMPORT_VENUES, "venues-bad.csv",
    "F:1: column “type”: unknown column for venues; the columns are village 村(社区)*, "
    "name 名称*, kind 类型*, address 地址, manager 负责人, phone 联系电话, key_spot 重点部位\n"
    "F:1: the required column “kind” (类型) is missing\n" },
  { JD_IMPORT_INSPECTIONS, "inspections-bad.csv",
    "F:2: venue: the village has no venue named “不存在的店”: import the venues first\n"
    "F:3: passed: “也许” is neither yes nor no (write 是 or 否)\n"
    "F:4: passed: required\n" },
  { JD_IMPORT_TITLE_EVENTS, "title-events-bad.csv",
    "F:2: event: Yellow card is not possible now: only a village that holds the title can be "
    "reviewed, warned or have it revoked\n"
    "F:3: occurred_on: “2024年2月30日” is not a date (write 2024-03-05, 2024/3/5 or "
    "2024年3月5日)\n" },
  { JD_IMPORT_TITLE_EVENTS, "title-events-grounds-bad.csv",
    "F:2: 事件: Applied takes no ground: only a yellow card or a revocation gives one\n"
    "F:5: 事件: Passed assessment is not possible before 2021-07-10: a creation round lasts at "
    "least six months from its application (2021-01-10)\n"
    "F:8: 事件: Yellow card needs a ground (for a yellow card: low ranking, sewage testing or "
    "other; for a revocation: one of the grounds of the plan)\n"
    "F:9: 事件: Yellow card cannot have the ground “An incident caused by a drug user”\n"
    "F:10: 事件: A revocation for two consecutive yellow cards is recorded by the program with the "
    "second yellow card; record that yellow card instead\n" },
  { JD_IMPORT_STAFF, "staff-bad.csv",
    "F:1: column “姓名”: the same column as “name” (column 1)\n" },
  { JD_IMPORT_SURVEYS, "surveys-bad.csv",
    "F:2: group: “teachers” is not one of public (群众), migrant (外出务工人员), venue_staff "
    "(场所从业人员), students (在校学生)\n"
    "F:3: sampled: at least one person must have been asked\n"
    "F:4: aware: 11 aware is more than the 10 asked\n"
    "F:5: surveyed_on: 1949-12-31 is before 1950: no date in the ledger is that early\n"
    "F:6: surveyed_on: 2025-01-01 is in the future\n"
    "F:7: village: no village has the code or name “V09”\n"
    "F:8: surveyed_on: required\n"
    "F:9: sampled: required\n"
    "F:10: aware: “-1” is negative: a count is 0 or more\n"
    "F:12: sampled: a survey of this group on 2024-05-01 is already recorded with 10 asked and 9 "
    "aware; delete it first to change it\n" },
};

static char *
import_bad (Fixture *f, JdImportKind kind, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_auto (JdImportReport) report = { 0 };
  g_assert_false (jd_import_file (f->ledger, kind, path, &report, NULL, NULL, NULL, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_cmpuint (report.added + report.updated + report.unchanged, ==, 0);
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < report.problems->len; i++)
    {
      g_autofree char *line = jd_import_problem_format (report.problems->pdata[i], "F");
      g_string_append_printf (out, "%s\n", line);
    }
  return g_string_free (out, FALSE);
}

/* The ground column (事由) by label or key; the second consecutive yellow card
 * brings the revocation with ground two_yellow (docs/contract.md §3). */
static void
test_title_grounds (Fixture *f, gconstpointer data)
{
  g_auto (JdImportReport) report = { 0 };
  import_base (f);
  import_ok (f, JD_IMPORT_TITLE_EVENTS, "title-events-grounds.csv", &report);
  g_autofree char *events = rows (
      f, "SELECT event, occurred_on, ground FROM title_event t JOIN village v"
         " ON v.id = t.village_id WHERE v.code = 'V02' AND ground IS NOT NULL ORDER BY t.id");
  g_assert_cmpstr (events, ==,
                   "yellow_card 2022-01-05 ranking; yellow_card 2023-01-05 sewage; "
                   "revoked 2023-01-05 two_yellow");
}

/* surveys.csv: Chinese headings (one starred), a township-wide row, groups by
 * label and by key, the three date forms, villages by code and by name. */
static void
test_surveys (Fixture *f, gconstpointer data)
{
  g_auto (JdImportReport) report = { 0 };
  import_base (f);
  import_ok (f, JD_IMPORT_SURVEYS, "surveys.csv", &report);
  g_autofree char *surveys
      = rows (f, "SELECT v.code, surveyed_on, grp, sampled, aware FROM awareness_survey s"
                 " LEFT JOIN village v ON v.id = s.village_id ORDER BY surveyed_on");
  g_assert_cmpstr (surveys, ==,
                   "∅ 2024-03-01 public 100 96; V01 2024-06-01 students 40 40; "
                   "V02 2024-09-10 venue_staff 12 11");
}

static void
test_bad_files (Fixture *f, gconstpointer data)
{
  import_base (f);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_test_message ("%s", bad_files[i].file);
      g_autofree char *path = jd_test_fixture_file ("import", bad_files[i].file);
      gint64 audit = audit_rows (f);
      g_autofree char *problems = import_bad (f, bad_files[i].kind, path);
      g_assert_cmpstr (problems, ==, bad_files[i].problems);
      /* Nothing was written, the good rows of the file included. */
      g_assert_cmpint (audit_rows (f), ==, audit);
    }
}

static void
test_whole_or_nothing (Fixture *f, gconstpointer data)
{
  import_base (f);
  /* activities-bad.csv has one good row (line 5) after three bad ones. */
  g_autofree char *path = jd_test_fixture_file ("import", "activities-bad.csv");
  g_assert_cmpint (jd_ledger_count (f->ledger, "activity"), ==, 0);
  g_autofree char *problems = import_bad (f, JD_IMPORT_ACTIVITIES, path);
  g_assert_cmpint (jd_ledger_count (f->ledger, "activity"), ==, 0);

  /* villages-bad.csv: V13 on line 5 is good, yet there are still the three villages of the base. */
  g_autofree char *villages = jd_test_fixture_file ("import", "villages-bad.csv");
  g_autofree char *more = import_bad (f, JD_IMPORT_VILLAGES, villages);
  g_assert_cmpint (jd_ledger_count (f->ledger, "village"), ==, 3);

  /* The ledger is still usable after the rollbacks. */
  g_auto (JdImportReport) report = { 0 };
  import_ok (f, JD_IMPORT_ACTIVITIES, "activities.csv", &report);
  g_assert_cmpint (jd_ledger_count (f->ledger, "activity"), ==, 3);
}

static void
test_file_problems (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (JdImportReport) report = { 0 };

  /* A file that is not there: a file error, not a data error. */
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  g_assert_false (
      jd_import_file (f->ledger, JD_IMPORT_VILLAGES, missing, &report, NULL, NULL, NULL, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_NOT_FOUND);
  g_assert_true (strstr (error->message, missing) != NULL);
  g_clear_error (&error);

  const struct
  {
    const char *contents;
    gssize length;
    const char *problems;
  } files[] = {
    { "", 0, "F:1: the file is empty: its first row must name the columns\n" },
    { "\n,,\n", -1, "F:1: the file is empty: its first row must name the columns\n" },
    /* Taking the byte FF out leaves UTF-8: a stray byte, not another encoding. */
    { "code,name\nV01,\xFF\n", -1,
      "F:2: the file is UTF-8 text but for a few bytes, and this line holds the first: byte FF "
      "at offset 14 of the file; correct it, or save the file again as “CSV UTF-8”\n" },
    { "code,name\nV01,\xFF,\xFF\n", -1,
      "F:2: the file is neither UTF-8 nor GB18030 text (this line holds byte FF, at offset 14 "
      "of the file, which is not UTF-8): save it again as “CSV UTF-8” or “CSV”\n" },
    { "code,name\nV01,\"东村\nV02,西村\n", -1,
      "F:2: the quoted field that starts on this line has no closing quote\n" },
    /* Blank lines and rows of empty fields are skipped; a value under a nameless column is not. */
    { "code,name,\n\nV01,东村,\n,,\nV02,西村,x\n", -1,
      "F:5: field 3 has a value, but the header gives its column no name\n" },
  };
  g_autofree char *path = g_build_filename (f->dir, "file.csv", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_file_set_contents (path, files[i].contents, files[i].length, &error);
      g_assert_no_error (error);
      g_autofree char *problems = import_bad (f, JD_IMPORT_VILLAGES, path);
      g_assert_cmpstr (problems, ==, files[i].problems);
    }
  g_assert_cmpint (jd_ledger_count (f->ledger, "village"), ==, 0);
}

static void
count_progress_cb (double fraction, gpointer user_data)
{
  GArray *fractions = user_data;
  g_array_append_val (fractions, fraction);
}

static void
test_progress_and_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (JdImportReport) report = { 0 };
  import_base (f);

  /* 3,000 talks with 陈大文, one a day from his first-found date, 2015-06-01. */
  GString *csv = g_string_new ("id_number,kind,occurred_on\n");
  JdDay day = jd_day_new (2015, 6, 1);
  for (int i = 0; i < 3000; i++)
    {
      char text[JD_DAY_STRLEN];
      jd_day_format (day + i, text);
      g_string_append_printf (csv, "441581198503120018,talk,%s\n", text);
    }
  g_autofree char *path = g_build_filename (f->dir, "talks.csv", NULL);
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_string_free (csv, TRUE);
  g_assert_no_error (error);

  /* Cancelled before it starts: nothing is written. */
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  g_assert_false (jd_import_file (f->ledger, JD_IMPORT_FOLLOWUPS, path, &report, NULL, NULL,
                                  cancellable, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (jd_ledger_count (f->ledger, "followup"), ==, 0);

  /* The progress rises to 1, and the 3,000 talks are in. */
  g_autoptr (GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_assert_true (jd_import_file (f->ledger, JD_IMPORT_FOLLOWUPS, path, &report, count_progress_cb,
                                 fractions, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 3000);
  g_assert_cmpint (jd_ledger_count (f->ledger, "followup"), ==, 3000);
  g_assert_cmpuint (fractions->len, >, 2);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >,
                       g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

static void
test_kinds (void)
{
  /* The kinds of docs/contract.md §6, by their command-line names. */
  g_autofree char *list = jd_import_kind_list ();
  g_assert_cmpstr (list, ==,
                   "villages, persons, statuses, use-events, followups, help-members, agreements, "
                   "activities, letters, venues, inspections, title-events, staff, moves, surveys");
  g_assert_cmpint (jd_import_kind_from_string ("title-events"), ==, JD_IMPORT_TITLE_EVENTS);
  g_assert_cmpint (jd_import_kind_from_string ("moves"), ==, JD_IMPORT_MOVES);
  g_assert_cmpint (jd_import_kind_from_string ("title_events"), ==, JD_IMPORT_INVALID);
  g_assert_cmpint (jd_import_kind_from_string (NULL), ==, JD_IMPORT_INVALID);
  g_autofree char *columns = jd_import_describe_columns (JD_IMPORT_AGREEMENTS);
  g_assert_cmpstr (columns, ==, "id_number 公民身份号码*, signed_on 签订日期*, note 备注");
  g_autofree char *moves = jd_import_describe_columns (JD_IMPORT_MOVES);
  g_assert_cmpstr (moves, ==, "id_number 公民身份号码*, village 管理村(社区)*, moved_on 变更日期*");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  jd_set_today (jd_day_new (2024, 12, 31));
  g_test_add_func ("/import/kinds", test_kinds);
#define ADD(path, func)                                                                            \
  g_test_add (path, Fixture, NULL, jd_test_ledger_fixture, func, jd_test_fixture_tear_down)
  ADD ("/import/every-kind", test_every_kind);
  ADD ("/import/idempotent", test_idempotent);
  ADD ("/import/villages", test_villages);
  ADD ("/import/update-keeps-other-columns", test_update_keeps_other_columns);
  ADD ("/import/persons", test_persons);
  ADD ("/import/status-chaining", test_status_chaining);
  ADD ("/import/values-by-key-and-label", test_values_by_key_and_label);
  ADD ("/import/gb18030", test_gb18030);
  ADD ("/import/bad-files", test_bad_files);
  ADD ("/import/surveys", test_surveys);
  ADD ("/import/title-grounds", test_title_grounds);
  ADD ("/import/whole-or-nothing", test_whole_or_nothing);
  ADD ("/import/file-problems", test_file_problems);
  ADD ("/import/progress-and-cancel", test_progress_and_cancel);
#undef ADD
  return g_test_run ();
}
