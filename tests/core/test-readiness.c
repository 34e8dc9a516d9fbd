/* test-readiness.c: the ten standards (docs/contract.md §4), worked out by hand
 *
 * Year 2024, as of 2024-12-31 unless a test says otherwise.
 *
 * V01 东村 meets every automatic standard, its persons abstinent for years:
 *   P1 first found 2015-01-01, community_rehab since 2023-07-01, helper since
 *      then, agreement 2023-07-05; talks and negative urine tests on
 *      2023-08-20, 10-10, 11-30 and 2024-01-20, 03-10, 04-29, 06-18, 08-07,
 *      09-26 and 11-15: each within two months of the one before, counted from
 *      the measure's start (2023-07-01), and 12-31 within two months of 11-15
 *   P2 first found 2016-01-01, deceased since 2022-05-01 (exited)
 *   letters 2024-02-01 at village_group and 2024-02-15 at village_household;
 *   four activities each month; an education site; 5 grids; assessed 2024 with
 *   standard 6 recorded met and standard 10 not met
 * V02 西村 fails what it can:
 *   Q1 missing since 2023-05-01 (a current user)                   → 1, 2
 *   Q2 community_detox since 2024-02-01, agreement but no helper   → 2, 4
 *      talks 02-10, 04-11 (later than 02-10 + 2 months = 04-10), 06-09,
 *      08-07, 10-05, 12-03; urine tests 02-10, 04-10 (exactly two months:
 *      enough), 06-09, 08-08, 10-07, 12-06
 *   Q3 first found 2024-03-15 with a use that day (not a relapse, but a
 *      current user), no address, no status                       → 2, 3, 5
 *   Q4 at large since 2018; positive urine test 2024-07-01; an ID number
 *      whose check digit is wrong (imported data)                  → 2, 3
 *   Q5 community_rehab 2023-01-01 … 2024-03-01, no talk or test in it: the
 *      gap from 2023-01-01 to 2024-03-01 began last year and counts whole → 2
 *   letter 2024-03-01 at village_group; the household one of 2023-12-20 is
 *   more than a year old on 2024-12-31                              → 4
 *   four activities a month January–October, three in November, none in
 *   December → 7; no education site → 8
 * V03 北村 never had a registered person: 1–5 met by definition; no activity,
 *   no site.
 * V04 retired 2024-06-30: not listed for 2024.
 * V05 南村 fails only by a current user (现有吸毒人员戒断巩固三年以上):
 *   R1 first found 2023-06-01, community_rehab since 2023-07-01, helped and
 *      tested like P1, never a relapse, but found less than three years ago
 *   letters 2024-03-10 (village_group) and 2024-03-20 (village_household);
 *   four activities each month; an education site
 */
#include <glib/gstdio.h>
#include <string.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-id-number.h"
#include "jd-ledger-private.h"
#include "jd-indicators.h"
#include "jd-readiness.h"
#include "jd-store.h"
#include "jd-work-due.h"
#include "jd-test-ledger.h"

#define D(y, m, d) jd_day_new (y, m, d)

typedef struct
{
  JdTestLedger t; /* tests/common/jd-test-ledger.h */
  gint64 v01, v02, v03, v04, v05;
} Fixture;

static gint64
village (Fixture *f, const char *code, const char *name, gboolean site, JdDay retired_on)
{
  GError *error = NULL;
  gint64 id = 0;
  JdVillageRecord r = { .code = code,
                        .name = name,
                        .resident_population = 3000,
                        .grid_count = 5,
                        .education_site = site,
                        .retired_on = retired_on };
  jd_test_ok (jd_store_village (f->t.ledger, &r, &id, &error), error);
  return id;
}

static void
letter (Fixture *f, gint64 v, const char *level, JdDay day)
{
  GError *error = NULL;
  JdLetterRecord r = { .village_id = v, .level = level, .signed_on = day, .copies = -1 };
  jd_test_ok (jd_store_letter (f->t.ledger, &r, &error), error);
}

static void
helped (Fixture *f, gint64 p, JdDay since, JdDay signed_on)
{
  GError *error = NULL;
  JdHelpMemberRecord helper
      = { .person_id = p, .member_name = "李干部", .role = "cadre", .since = since };
  jd_test_ok (jd_store_help_member (f->t.ledger, &helper, &error), error);
  if (signed_on)
    {
      JdAgreementRecord r = { .person_id = p, .signed_on = signed_on };
      jd_test_ok (jd_store_agreement (f->t.ledger, &r, &error), error);
    }
}

/* Talks and negative urine tests on the same days: 2023-08-20, 10-10, 11-30, then
 * every 50 days from 2024-01-20 (03-10, 04-29, 06-18, 08-07, 09-26, 11-15). */
static void
followed_up (Fixture *f, gint64 p)
{
  const JdDay earlier[] = { D (2023, 8, 20), D (2023, 10, 10), D (2023, 11, 30) };
  for (guint k = 0; k < G_N_ELEMENTS (earlier); k++)
    {
      jd_test_add_followup (f->t.ledger, p, "talk", earlier[k], NULL);
      jd_test_add_followup (f->t.ledger, p, "urine_test", earlier[k], "negative");
    }
  for (JdDay day = D (2024, 1, 20); day <= D (2024, 12, 31); day += 50)
    {
      jd_test_add_followup (f->t.ledger, p, "talk", day, NULL);
      jd_test_add_followup (f->t.ledger, p, "urine_test", day, "negative");
    }
}

static void
activities (Fixture *f, gint64 v, int month, int count)
{
  GError *error = NULL;
  for (int k = 0; k < count; k++)
    {
      JdActivityRecord r = { .village_id = v,
                             .held_on = D (2024, month, 1 + 7 * k),
                             .form = "banner",
                             .title = "禁毒宣传",
                             .participants = -1,
                             .materials = -1,
                             .banners = -1 };
      jd_test_ok (jd_store_activity (f->t.ledger, &r, &error), error);
    }
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  jd_test_set_today (&f->t, D (2025, 6, 30));
  jd_test_ledger_set_up (&f->t, "jd-readiness-XXXXXX");
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));

  f->v01 = village (f, "V01", "东村", TRUE, 0);
  f->v02 = village (f, "V02", "西村", FALSE, 0);
  f->v03 = village (f, "V03", "北村", FALSE, 0);
  f->v04 = village (f, "V04", "旧村", TRUE, D (2024, 6, 30));
  f->v05 = village (f, "V05", "南村", TRUE, 0);

  /* V01 */
  gint64 p1 = jd_test_add_resident (f->t.ledger, f->v01, "张一", "19850505", 1, D (2015, 1, 1),
                                    "东村1号");
  jd_test_add_status (f->t.ledger, p1, "community_rehab", D (2023, 7, 1), 0);
  helped (f, p1, D (2023, 7, 1), D (2023, 7, 5));
  followed_up (f, p1);
  gint64 p2 = jd_test_add_resident (f->t.ledger, f->v01, "张二", "19850505", 2, D (2016, 1, 1),
                                    "东村2号");
  jd_test_add_status (f->t.ledger, p2, "deceased", D (2022, 5, 1), 0);
  letter (f, f->v01, "village_group", D (2024, 2, 1));
  letter (f, f->v01, "village_household", D (2024, 2, 15));
  for (int m = 1; m <= 12; m++)
    activities (f, f->v01, m, 4);
  JdAssessmentRecord assessment = {
    .village_id = f->v01, .year = 2024, .assessed_on = D (2025, 1, 10), .assessor = "县禁毒办"
  };
  for (int k = 0; k < 10; k++)
    assessment.items[k] = (JdAssessmentItem){ .finding = -1, .verdict = -1 };
  assessment.items[5].verdict = 1;
  assessment.items[9].verdict = 0;
  jd_test_ok (jd_store_assessment (f->t.ledger, &assessment, NULL, &error), error);

  /* V02 */
  gint64 q1 = jd_test_add_resident (f->t.ledger, f->v02, "王一", "19850505", 11, D (2016, 3, 1),
                                    "西村1号");
  jd_test_add_status (f->t.ledger, q1, "missing", D (2023, 5, 1), 0);
  gint64 q2 = jd_test_add_resident (f->t.ledger, f->v02, "王二", "19850505", 12, D (2020, 1, 1),
                                    "西村2号");
  jd_test_add_status (f->t.ledger, q2, "community_detox", D (2024, 2, 1), 0);
  JdAgreementRecord signed2 = { .person_id = q2, .signed_on = D (2024, 2, 3) };
  jd_test_ok (jd_store_agreement (f->t.ledger, &signed2, &error), error);
  const JdDay talks[] = { D (2024, 2, 10), D (2024, 4, 11), D (2024, 6, 9),
                          D (2024, 8, 7),  D (2024, 10, 5), D (2024, 12, 3) };
  const JdDay tests[] = { D (2024, 2, 10), D (2024, 4, 10), D (2024, 6, 9),
                          D (2024, 8, 8),  D (2024, 10, 7), D (2024, 12, 6) };
  for (guint k = 0; k < G_N_ELEMENTS (talks); k++)
    {
      jd_test_add_followup (f->t.ledger, q2, "talk", talks[k], NULL);
      jd_test_add_followup (f->t.ledger, q2, "urine_test", tests[k], "negative");
    }
  gint64 q3
      = jd_test_add_resident (f->t.ledger, f->v02, "王三", "19850505", 13, D (2024, 3, 15), NULL);
  JdUseEventRecord first_use
      = { .person_id = q3, .occurred_on = D (2024, 3, 15), .source = "police" };
  jd_test_ok (jd_store_use_event (f->t.ledger, &first_use, &error), error);
  gint64 q4 = jd_test_add_resident (f->t.ledger, f->v02, "王四", "19850505", 14, D (2018, 1, 1),
                                    "西村4号");
  jd_test_add_status (f->t.ledger, q4, "at_large", D (2018, 1, 1), 0);
  jd_test_add_followup (f->t.ledger, q4, "urine_test", D (2024, 7, 1), "positive");
  /* Imported from elsewhere: the check digit is wrong. */
  sqlite3_stmt *stmt = jd_ledger_prepare (
      f->t.ledger, "UPDATE person SET id_number = '110105198505050140' WHERE id = ?", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, q4);
  g_assert_true (jd_ledger_step_done (f->t.ledger, stmt, &error));
  g_assert_false (jd_id_number_validate ("110105198505050140", NULL, NULL));
  gint64 q5 = jd_test_add_resident (f->t.ledger, f->v02, "王五", "19850505", 15, D (2016, 1, 1),
                                    "西村5号");
  jd_test_add_status (f->t.ledger, q5, "community_rehab", D (2023, 1, 1), 0);
  jd_test_add_status (f->t.ledger, q5, "at_large", D (2024, 3, 2), 0);
  letter (f, f->v02, "village_group", D (2024, 3, 1));
  letter (f, f->v02, "village_household", D (2023, 12, 20));
  for (int m = 1; m <= 10; m++)
    activities (f, f->v02, m, 4);
  activities (f, f->v02, 11, 3);

  /* V04, retired; its person is not checked for 2024. */
  jd_test_add_resident (f->t.ledger, f->v04, "赵一", "19850505", 41, D (2019, 1, 1), "旧村1号");

  /* V05: like V01, but its one person was found in 2023. */
  gint64 r1 = jd_test_add_resident (f->t.ledger, f->v05, "孙一", "19850505", 51, D (2023, 6, 1),
                                    "南村1号");
  jd_test_add_status (f->t.ledger, r1, "community_rehab", D (2023, 7, 1), 0);
  helped (f, r1, D (2023, 7, 1), D (2023, 7, 5));
  followed_up (f, r1);
  letter (f, f->v05, "village_group", D (2024, 3, 10));
  letter (f, f->v05, "village_household", D (2024, 3, 20));
  for (int m = 1; m <= 12; m++)
    activities (f, f->v05, m, 4);

  g_assert_true (jd_ledger_commit (f->t.ledger, &error));
}

static GPtrArray *
compute (Fixture *f, int year, JdDay as_of, gint64 village_id)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *villages = jd_readiness_compute (f->t.ledger, year, as_of, village_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (villages);
  return villages;
}

/* The findings of one village as a string: "✓✓✓✓✓?✓✓??" (standards 1–10). */
static char *
marks (const JdVillageReadiness *r)
{
  GString *out = g_string_new (NULL);
  for (int k = 0; k < JD_N_STANDARDS; k++)
    {
      g_assert_cmpint (r->standards[k].no, ==, k + 1);
      g_assert_nonnull (r->standards[k].evidence);
      g_string_append (out, r->standards[k].met == JD_FINDING_MET       ? "✓"
                            : r->standards[k].met == JD_FINDING_NOT_MET ? "✗"
                                                                        : "?");
    }
  return g_string_free (out, FALSE);
}

static void
assert_evidence (const JdVillageReadiness *r, int no, const char *const *parts)
{
  const char *evidence = r->standards[no - 1].evidence;
  for (; *parts; parts++)
    if (strstr (evidence, *parts) == NULL)
      g_error ("%s standard %d: “%s” is not in “%s”", r->code, no, *parts, evidence);
}

#define EVIDENCE(r, no, ...) assert_evidence (r, no, (const char *const[]){ __VA_ARGS__, NULL })

static void
test_villages (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) villages = compute (f, 2024, 0, 0);
  /* V04 retired on 2024-06-30: four villages, in code order. */
  g_assert_cmpuint (villages->len, ==, 4);
  const JdVillageReadiness *v01 = g_ptr_array_index (villages, 0);
  const JdVillageReadiness *v02 = g_ptr_array_index (villages, 1);
  const JdVillageReadiness *v03 = g_ptr_array_index (villages, 2);
  const JdVillageReadiness *v05 = g_ptr_array_index (villages, 3);
  g_assert_cmpstr (v01->code, ==, "V01");
  g_assert_cmpstr (v02->name, ==, "西村");
  g_assert_cmpint (v03->village_id, ==, f->v03);

  g_autofree char *m01 = marks (v01);
  g_autofree char *m02 = marks (v02);
  g_autofree char *m03 = marks (v03);
  g_autofree char *m05 = marks (v05);
  g_assert_cmpstr (m01, ==, "✓✓✓✓✓?✓✓??");
  g_assert_cmpstr (m02, ==, "✗✗✗✗✗?✗✗??");
  g_assert_cmpstr (m03, ==, "✓✓✓✓✓?✗✗??");
  /* Everything but standard 2, for a current user alone. */
  g_assert_cmpstr (m05, ==, "✓✗✓✓✓?✓✓??");
  g_assert_cmpstr (v05->code, ==, "V05");
  g_assert_true (v01->has_registered);
  g_assert_false (v03->has_registered);
}

static void
test_evidence (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) villages = compute (f, 2024, 0, 0);
  const JdVillageReadiness *v01 = g_ptr_array_index (villages, 0);
  const JdVillageReadiness *v02 = g_ptr_array_index (villages, 1);
  const JdVillageReadiness *v03 = g_ptr_array_index (villages, 2);

  /* 1: Q1 by name and ID number. */
  EVIDENCE (v02, 1, "王一 110105198505050118");
  /* 2: Q2 unhelped (no helper); his talks more than two months apart with their
   * dates, his tests (exactly two months) not mentioned; Q5's whole gap from
   * the start of a measure that began in 2023; Q4's relapse with its day, and
   * only his (not Q3's use on his first-found day); the current users Q1, Q3
   * and Q4. */
  EVIDENCE (v02, 2, "王二", "no help group",
            "王二 110105198505050126 (talks: 61 days without one (2024-02-10 – 2024-04-11))",
            "王五", "talks: 425 days without one (2023-01-01 – 2024-03-01)",
            "urine tests: 425 days without one (2023-01-01 – 2024-03-01)",
            "Relapsed: 王四 110105198505050140 on 2024-07-01; Current users: ",
            "王一 110105198505050118 (missing since 2023-05-01)", "王三", "(last use 2024-03-15)",
            "王四 110105198505050140 (last use 2024-07-01)");
  g_assert_null (strstr (v02->standards[1].evidence, "王五 110105198505050150 (last use"));
  /* 3: Q3 without address or status, Q4 without a valid ID number. */
  EVIDENCE (v02, 3, "王三", "no current address", "no status recorded", "王四",
            "no valid ID number");
  g_assert_null (strstr (v02->standards[2].evidence, "王一"));
  /* 4: no household letter in force (signed 2024-01-01 – 2024-12-31), Q2 without
   * a help group. */
  EVIDENCE (v02, 4, "2024-01-01 to 2024-12-31", "Village and household", "王二");
  g_assert_null (strstr (v02->standards[3].evidence, "Village and group"));
  /* 5: Q3 is new in 2024. */
  EVIDENCE (v02, 5, "王三", "2024-03-15");
  /* 7: November 3, December 0. */
  EVIDENCE (v02, 7, "2024-11: 3", "2024-12: 0");
  g_assert_null (strstr (v02->standards[6].evidence, "2024-10"));
  /* 9: the grid count; 6 and 10 from the assessment when it says. */
  EVIDENCE (v02, 9, "5 grids");
  EVIDENCE (v01, 6, "assessment: met");
  EVIDENCE (v01, 10, "assessment: not met");
  EVIDENCE (v01, 2, "all helped", "No relapse", "No current user");
  g_assert_null (strstr (v01->standards[1].evidence, "apart"));
  /* V05: R1, found 2023-06-01, is a current user, and that alone. */
  const JdVillageReadiness *v05 = g_ptr_array_index (villages, 3);
  EVIDENCE (v05, 2, "all helped", "No relapse", "Current users: 孙一", "(last use 2023-06-01)");
  g_assert_null (strstr (v05->standards[1].evidence, "apart"));

  /* The current users are the indicators' own: 0 in V01, 3 in V02, 1 in V05. */
  g_autoptr (GError) error = NULL;
  g_autoptr (JdIndicators) indicators = jd_indicators_compute (f->t.ledger, 2024, 2024, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jd_indicators_find_village (indicators, 0, f->v01)->current_users, ==, 0);
  g_assert_cmpint (jd_indicators_find_village (indicators, 0, f->v02)->current_users, ==, 3);
  g_assert_cmpint (jd_indicators_find_village (indicators, 0, f->v05)->current_users, ==, 1);

  /* V03: none of its persons was ever registered. */
  for (int no = 1; no <= 5; no++)
    EVIDENCE (v03, no, "ever registered");
  EVIDENCE (v03, 7, "2024-01: 0");
}

/* As of 2024-06-15: five complete months, all with four activities in V02;
 * Q2's 61 days are already there. */
static void
test_as_of (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) villages = compute (f, 2024, D (2024, 6, 15), f->v02);
  g_assert_cmpuint (villages->len, ==, 1);
  const JdVillageReadiness *v02 = g_ptr_array_index (villages, 0);
  g_assert_cmpint (v02->standards[6].met, ==, JD_FINDING_MET);
  EVIDENCE (v02, 7, "5 complete months");
  g_assert_cmpint (v02->standards[1].met, ==, JD_FINDING_NOT_MET);
  EVIDENCE (v02, 2, "61 days");

  /* In January nothing is complete yet. */
  g_autoptr (GPtrArray) january = compute (f, 2024, D (2024, 1, 20), f->v03);
  const JdVillageReadiness *v03 = g_ptr_array_index (january, 0);
  g_assert_cmpint (v03->standards[6].met, ==, JD_FINDING_MET);
  EVIDENCE (v03, 7, "No complete month");
}

/* Asked for by id, a retired village is checked too; and another year. */
static void
test_one_village (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) retired = compute (f, 2024, 0, f->v04);
  g_assert_cmpuint (retired->len, ==, 1);
  g_autofree char *m04 = marks (g_ptr_array_index (retired, 0));
  /* 赵一: at large since 2019 without a status span → 3 fails; no letters → 4;
   * no activities → 7; a site → 8. */
  g_assert_cmpstr (m04, ==, "✓✓✗✗✓?✗✓??");

  g_autoptr (GPtrArray) earlier = compute (f, 2023, 0, f->v02);
  g_autofree char *m02 = marks (g_ptr_array_index (earlier, 0));
  /* 2023: Q1 missing since May → 1; Q5 under rehabilitation all year without
   * helper, agreement, talk or test → 2 and 4; Q2 registered (2020) with no
   * status yet and Q4's bad ID number → 3; the household letter of 2023-12-20
   * but no group letter → 4; nobody new → 5; no activity → 7; no site → 8. */
  g_assert_cmpstr (m02, ==, "✗✗✗✗✓?✗✗??");
}

/* Standard 2 of V01 for a year, with what the test added in its transaction. */
static const JdVillageReadiness *
v01_in (Fixture *f, GPtrArray **keep, int year, JdDay as_of)
{
  *keep = compute (f, year, as_of, f->v01);
  return g_ptr_array_index (*keep, 0);
}

/* Every two calendar months, counted from the measure's start across the new
 * year. 甲 (rehabilitation from 2023-10-01, helped): urine tests on the 1st of
 * every other month (2023-12-01, 2024-02-01, … 2024-12-01), 61 or 62 days
 * apart, each within two months; talks on 2023-11-20 and then 2024-02-25, 97
 * days, later than 2023-11-20 + 2 months = 2024-01-20. 2023 passes; 2024 fails
 * on that gap alone, though only 55 days of it lie in 2024. 乙 has both talks
 * and tests on the 1st of every other month and passes both years. */
static void
test_two_months (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  gint64 a
      = jd_test_add_resident (f->t.ledger, f->v01, "甲", "19850505", 3, D (2015, 1, 1), "东村3号");
  gint64 b
      = jd_test_add_resident (f->t.ledger, f->v01, "乙", "19850505", 4, D (2015, 1, 1), "东村4号");
  const gint64 both[] = { a, b };
  for (guint k = 0; k < G_N_ELEMENTS (both); k++)
    {
      gint64 p = both[k];
      jd_test_add_status (f->t.ledger, p, "community_rehab", D (2023, 10, 1), 0);
      helped (f, p, D (2023, 10, 1), D (2023, 10, 1));
      for (JdDay day = D (2023, 12, 1); day <= D (2024, 12, 31); day = jd_day_add_months (day, 2))
        {
          jd_test_add_followup (f->t.ledger, p, "urine_test", day, "negative");
          if (p == b)
            jd_test_add_followup (f->t.ledger, p, "talk", day, NULL);
        }
    }
  jd_test_add_followup (f->t.ledger, a, "talk", D (2023, 11, 20), NULL);
  for (JdDay day = D (2024, 2, 25); day <= D (2024, 12, 31); day += 50)
    jd_test_add_followup (f->t.ledger, a, "talk", day, NULL);

  g_autoptr (GPtrArray) keep2023 = NULL, keep2024 = NULL;
  const JdVillageReadiness *y2023 = v01_in (f, &keep2023, 2023, 0);
  const JdVillageReadiness *y2024 = v01_in (f, &keep2024, 2024, 0);
  jd_ledger_rollback (f->t.ledger);

  g_assert_cmpint (y2023->standards[1].met, ==, JD_FINDING_MET);
  g_assert_cmpint (y2024->standards[1].met, ==, JD_FINDING_NOT_MET);
  EVIDENCE (y2024, 2, "More than two months apart: 甲",
            "(talks: 97 days without one (2023-11-20 – 2024-02-25))");
  g_assert_null (strstr (y2024->standards[1].evidence, "乙"));
  g_assert_null (strstr (y2024->standards[1].evidence, "urine tests"));
}

/* First found on Feb 29: three years on is 2023-02-28 (no Feb 29 in 2023).
 * 丙 (at large since found, never seen using again) is a current user of V01 on
 * 2023-02-27 and abstinent three years on 2023-02-28. */
static void
test_feb_29 (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  gint64 c
      = jd_test_add_resident (f->t.ledger, f->v01, "丙", "19850505", 5, D (2020, 2, 29), "东村5号");
  jd_test_add_status (f->t.ledger, c, "at_large", D (2020, 2, 29), 0);
  g_autoptr (GPtrArray) keep_eve = NULL, keep_day = NULL;
  const JdVillageReadiness *eve = v01_in (f, &keep_eve, 2023, D (2023, 2, 27));
  const JdVillageReadiness *day = v01_in (f, &keep_day, 2023, D (2023, 2, 28));
  g_autoptr (JdIndicators) indicators
      = jd_indicators_compute (f->t.ledger, 2023, 2023, D (2023, 2, 28), &error);
  g_assert_no_error (error);
  jd_ledger_rollback (f->t.ledger);

  g_assert_cmpint (eve->standards[1].met, ==, JD_FINDING_NOT_MET);
  EVIDENCE (eve, 2, "Current users: 丙", "(last use 2020-02-29)");
  g_assert_cmpint (day->standards[1].met, ==, JD_FINDING_MET);
  EVIDENCE (day, 2, "No current user");
  /* The indicators agree: V01 has no current user on 2023-02-28 (张一 found
   * 2015, 张二 deceased). */
  g_assert_cmpint (jd_indicators_find_village (indicators, 0, f->v01)->current_users, ==, 0);
}

/* Each measure has its own agreement, for the readiness, the indicators and the
 * work due alike. 丁 was under community detox from 2018-01-01 (agreement
 * 2018-01-05), in compulsory isolation from 2020-01-01 (an agreement signed
 * there on 2021-12-20) and under community rehabilitation from 2022-01-01, with
 * a helper all along: neither agreement is for the rehabilitation. */
static void
test_agreement_per_measure (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  gint64 d
      = jd_test_add_resident (f->t.ledger, f->v01, "丁", "19850505", 6, D (2017, 6, 1), "东村6号");
  jd_test_add_status (f->t.ledger, d, "community_detox", D (2018, 1, 1), 0);
  jd_test_add_status (f->t.ledger, d, "compulsory", D (2020, 1, 1), 0);
  jd_test_add_status (f->t.ledger, d, "community_rehab", D (2022, 1, 1), 0);
  helped (f, d, D (2018, 1, 1), D (2018, 1, 5));
  JdAgreementRecord compulsory = { .person_id = d, .signed_on = D (2021, 12, 20) };
  jd_test_ok (jd_store_agreement (f->t.ledger, &compulsory, &error), error);

  g_autoptr (GPtrArray) keep = NULL;
  const JdVillageReadiness *r = v01_in (f, &keep, 2024, 0);
  g_autoptr (JdIndicators) indicators = jd_indicators_compute (f->t.ledger, 2024, 2024, 0, &error);
  g_assert_no_error (error);
  JdWorkDueOptions options;
  jd_work_due_options_init (&options);
  options.today = D (2024, 12, 31);
  g_autoptr (GPtrArray) due = jd_work_due_list_person (f->t.ledger, d, &options, &error);
  g_assert_no_error (error);
  jd_ledger_rollback (f->t.ledger);

  g_assert_cmpint (r->standards[1].met, ==, JD_FINDING_NOT_MET);
  EVIDENCE (r, 2, "Not helped: 丁", "(no agreement for this measure)");
  /* 张一 helped, 丁 not. */
  const JdIndicatorValues *v = jd_indicators_find_village (indicators, 0, f->v01);
  g_assert_cmpint (v->help_required, ==, 2);
  g_assert_cmpint (v->help_covered, ==, 1);
  /* The agreement is due from the rehabilitation's start. */
  gboolean agreement_due = FALSE;
  for (guint k = 0; k < due->len; k++)
    {
      const JdWorkItem *item = g_ptr_array_index (due, k);
      if (item->kind == JD_WORK_AGREEMENT)
        {
          agreement_due = TRUE;
          g_assert_cmpuint (item->due_on, ==, D (2022, 1, 1));
        }
      g_assert_cmpint (item->kind, !=, JD_WORK_HELP_GROUP);
    }
  g_assert_true (agreement_due);
}

/* Letters stay in force for a year: on 2025-01-31 V05's letters of March 2024
 * count, though none is signed in 2025 yet; on 2025-03-10 the group letter of
 * 2024-03-10 is a year old and no longer does (D − 1 year < signed_on). */
static void
test_letters_in_force (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) january = compute (f, 2025, D (2025, 1, 31), f->v05);
  const JdVillageReadiness *r = g_ptr_array_index (january, 0);
  g_assert_cmpint (r->standards[3].met, ==, JD_FINDING_MET);
  EVIDENCE (r, 4, "signed from 2024-02-01 to 2025-01-31");

  g_autoptr (GPtrArray) eve = compute (f, 2025, D (2025, 3, 9), f->v05);
  g_assert_cmpint (((JdVillageReadiness *)g_ptr_array_index (eve, 0))->standards[3].met, ==,
                   JD_FINDING_MET);
  g_autoptr (GPtrArray) march = compute (f, 2025, D (2025, 3, 10), f->v05);
  r = g_ptr_array_index (march, 0);
  g_assert_cmpint (r->standards[3].met, ==, JD_FINDING_NOT_MET);
  EVIDENCE (r, 4, "No letter signed from 2024-03-11 to 2025-03-10 at: Village and group");
  g_assert_null (strstr (r->standards[3].evidence, "household"));
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_assert_null (jd_readiness_compute (f->t.ledger, 2024, D (2023, 12, 31), 0, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (jd_readiness_compute (f->t.ledger, 2024, 0, 9999, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_NOT_FOUND);

  g_assert_cmpstr (jd_standard_zh (1), ==, "无失管失控吸毒人员");
  g_assert_nonnull (jd_standard_title (10));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) JD_TEST_ADD (path, Fixture, NULL, fixture_set_up, func)
  ADD ("/readiness/villages", test_villages);
  ADD ("/readiness/evidence", test_evidence);
  ADD ("/readiness/as-of", test_as_of);
  ADD ("/readiness/one-village", test_one_village);
  ADD ("/readiness/two-months", test_two_months);
  ADD ("/readiness/feb-29", test_feb_29);
  ADD ("/readiness/agreement-per-measure", test_agreement_per_measure);
  ADD ("/readiness/letters-in-force", test_letters_in_force);
  ADD ("/readiness/errors", test_errors);
#undef ADD

  return g_test_run ();
}
