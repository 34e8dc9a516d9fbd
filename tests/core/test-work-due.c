/* test-work-due.c: the work due today (docs/contract.md §4 "Work due")
 *
 * Every fixture is written through jd-store.h with today fixed at 2024-06-15
 * (jd_set_today), and every due date below is worked out by hand in the
 * comments: intervals are calendar months (talks and urine tests every two,
 * home visits every one), the day of the month kept or the month's last day
 * taken; days overdue are counted month by month (April has 30 days, May 31).
 */
#include <glib/gstdio.h>
#include <string.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-ledger-private.h"
#include "jd-ledger.h"
#include "jd-store.h"
#include "jd-work-due.h"
#include "jd-test-ledger.h"

#define D(y, m, d) jd_day_new (y, m, d)
#define TODAY D (2024, 6, 15)

typedef struct
{
  JdTestLedger t; /* tests/common/jd-test-ledger.h */
  gint64 v01;     /* 东村 */
  gint64 v02;     /* 西村 */
} Fixture;

static void
add_letter (Fixture *f, gint64 village, const char *level, JdDay signed_on)
{
  g_autoptr (GError) error = NULL;
  JdLetterRecord r
      = { .village_id = village, .level = level, .signed_on = signed_on, .copies = -1 };
  g_assert_cmpint (jd_store_letter (f->t.ledger, &r, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

/* Letters of both levels work due counts (村与组, 村与户), signed the same day. */
static void
add_letters (Fixture *f, gint64 village, JdDay signed_on)
{
  add_letter (f, village, "village_group", signed_on);
  add_letter (f, village, "village_household", signed_on);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  jd_test_set_today (&f->t, TODAY);
  jd_test_ledger_set_up (&f->t, "jd-work-due-XXXXXX");

  f->v01 = jd_test_add_village (f->t.ledger, "V01", "东村");
  f->v02 = jd_test_add_village (f->t.ledger, "V02", "西村");
  /* This year's letters of both villages, signed 2024-01-01: due 2025-01-01, so
   * that the persons' lists below have no village item in them (before July the
   * publicity item is not listed either: it is listed from the 20th of June). */
  add_letters (f, f->v01, D (2024, 1, 1));
  add_letters (f, f->v02, D (2024, 1, 1));
}

/* ---- writing the fixture ---------------------------------------------------------- */

static gint64
add_person (Fixture *f, const char *id_number, const char *name, gint64 village)
{
  g_autoptr (GError) error = NULL;
  gint64 id = 0;
  JdPersonRecord r = {
    .id_number = id_number, .name = name, .village_id = village, .first_found_on = D (2015, 1, 1)
  };
  g_assert_cmpint (jd_store_person (f->t.ledger, &r, &id, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  return id;
}

static void
add_span (Fixture *f, gint64 person, const char *status, JdDay started_on, JdDay planned_end_on)
{
  g_autoptr (GError) error = NULL;
  JdStatusRecord r = { .person_id = person,
                       .status = status,
                       .started_on = started_on,
                       .planned_end_on = planned_end_on };
  g_assert_cmpint (jd_store_status (f->t.ledger, &r, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

static void
add_followup (Fixture *f, gint64 person, const char *kind, JdDay day, const char *result)
{
  g_autoptr (GError) error = NULL;
  JdFollowupRecord r = { .person_id = person, .kind = kind, .occurred_on = day, .result = result };
  g_assert_cmpint (jd_store_followup (f->t.ledger, &r, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

static void
add_member (Fixture *f, gint64 person, JdDay since, JdDay until)
{
  g_autoptr (GError) error = NULL;
  JdHelpMemberRecord r = {
    .person_id = person, .member_name = "李帮教", .role = "cadre", .since = since, .until = until
  };
  g_assert_cmpint (jd_store_help_member (f->t.ledger, &r, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

static void
add_agreement (Fixture *f, gint64 person, JdDay signed_on)
{
  g_autoptr (GError) error = NULL;
  JdAgreementRecord r = { .person_id = person, .signed_on = signed_on };
  g_assert_cmpint (jd_store_agreement (f->t.ledger, &r, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

enum
{
  SKIP_TALK = 1 << 0,
  SKIP_URINE = 1 << 1,
  SKIP_VISIT = 1 << 2,
  SKIP_MEMBER = 1 << 3,
  SKIP_AGREEMENT = 1 << 4,
};

/* A person under a community measure since S with nothing due on 2024-06-15
 * except what `skip` leaves out: a talk and a negative urine test on
 * 2024-06-05 (due 2024-08-05, two months later), a home visit on 2024-06-10
 * (due 2024-07-10, 25 days ahead: more than 7), a help-group member since S and
 * an agreement signed on S. */
static gint64
add_settled (Fixture *f,
             const char *id_number,
             const char *name,
             gint64 village,
             const char *status,
             JdDay s,
             JdDay planned_end_on,
             guint skip)
{
  gint64 person = add_person (f, id_number, name, village);
  add_span (f, person, status, s, planned_end_on);
  if (!(skip & SKIP_TALK))
    add_followup (f, person, "talk", D (2024, 6, 5), NULL);
  if (!(skip & SKIP_URINE))
    add_followup (f, person, "urine_test", D (2024, 6, 5), "negative");
  if (!(skip & SKIP_VISIT))
    add_followup (f, person, "home_visit", D (2024, 6, 10), NULL);
  if (!(skip & SKIP_MEMBER))
    add_member (f, person, s, 0);
  if (!(skip & SKIP_AGREEMENT))
    add_agreement (f, person, s);
  return person;
}

/* "ID kind due overdue_days", one item a line, in the list's order. */
static char *
describe (GPtrArray *items)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < items->len; i++)
    {
      const JdWorkItem *item = g_ptr_array_index (items, i);
      char due[JD_DAY_STRLEN];
      jd_day_format (item->due_on, due);
      g_string_append_printf (out, "%s %s %s %d\n", item->id_number, jd_work_kind_key (item->kind),
                              due, item->overdue_days);
    }
  return g_string_free (out, FALSE);
}

/* ---- the main fixture: the defaults, two months, two months, one month ---------------- */

typedef struct
{
  gint64 p1, p3, p5, p10, p11;
} People;

static void
build_people (Fixture *f, People *p)
{
  JdDay s = D (2023, 1, 10);

  /* P1: last talk 2024-04-14, two months on: due 2024-06-14, overdue 1 (60 days
   * would give 2024-06-13). Its help-group member's term ends today: still active. */
  p->p1 = add_settled (f, "110105198001010112", "张一", f->v01, "community_detox", s, 0,
                       SKIP_TALK | SKIP_MEMBER);
  add_followup (f, p->p1, "talk", D (2024, 4, 14), NULL);
  add_member (f, p->p1, s, TODAY);

  /* P2: last talk 2024-04-20: due 2024-06-20, in 5 days: due soon, overdue −5. */
  gint64 p2
      = add_settled (f, "110105198102020125", "张二", f->v01, "community_detox", s, 0, SKIP_TALK);
  add_followup (f, p2, "talk", D (2024, 4, 20), NULL);

  /* P3: last talk 2024-04-26: due 2024-06-26, in 11 days: not listed. */
  p->p3 = add_settled (f, "110105198203030138", "张三", f->v01, "community_rehab", s, 0, SKIP_TALK);
  add_followup (f, p->p3, "talk", D (2024, 4, 26), NULL);

  /* P4 (rehab since 2023-06-01, planned to end 2024-06-10): last negative urine
   * test 2024-04-10; the refusal on 2024-06-01 is no test. Due 2024-06-10, overdue
   * 5 (60 days would give 2024-06-09); counting the refusal it would be 2024-08-01
   * and not listed. The measure was to end 2024-06-10 and the span is still open:
   * measure_ending overdue 5. */
  gint64 p4 = add_settled (f, "110105198304040140", "张四", f->v01, "community_rehab",
                           D (2023, 6, 1), D (2024, 6, 10), SKIP_URINE);
  add_followup (f, p4, "urine_test", D (2024, 4, 10), "negative");
  add_followup (f, p4, "urine_test", D (2024, 6, 1), "refused");

  /* P5 (V02): detox from 2022-03-01, custody from 2024-02-01, rehab from S = 2024-05-01.
   * Talk, urine test and visit were last on 2024-01-05, before S, so S counts:
   * talk and urine due 2024-07-01, in 16 days: not listed (from 2024-01-05 they
   * would be 2024-03-05, overdue 102); visit due S + 1 month = 2024-06-01,
   * overdue 14 (30 days would give 2024-05-31). The member since 2022-03-01 is
   * still active. The only agreement was signed 2022-03-01, for the first measure,
   * before S: agreement due S, 2024-05-01, overdue 45 (30 days to 05-31, 15 more). */
  p->p5 = add_person (f, "110105198405050153", "张五", f->v02);
  add_span (f, p->p5, "community_detox", D (2022, 3, 1), 0);
  add_span (f, p->p5, "custody", D (2024, 2, 1), 0);
  add_span (f, p->p5, "community_rehab", D (2024, 5, 1), 0);
  add_followup (f, p->p5, "talk", D (2024, 1, 5), NULL);
  add_followup (f, p->p5, "urine_test", D (2024, 1, 5), "negative");
  add_followup (f, p->p5, "home_visit", D (2024, 1, 5), NULL);
  add_member (f, p->p5, D (2022, 3, 1), 0);
  add_agreement (f, p->p5, D (2022, 3, 1));

  /* P6: the measure ends 2024-07-10, in 25 days (15 to 06-30, 10 more): listed,
   * overdue −25. The agreement was signed after S: nothing due for it. */
  gint64 p6 = add_settled (f, "110105198506060166", "张六", f->v01, "community_detox",
                           D (2021, 7, 10), D (2024, 7, 10), SKIP_AGREEMENT);
  add_agreement (f, p6, D (2021, 7, 20));

  /* P7: the measure ends 2024-07-20, in 35 days: not listed. */
  add_settled (f, "110105198607070179", "张七", f->v01, "community_detox", D (2021, 7, 20),
               D (2024, 7, 20), 0);

  /* P8 (V02): S = 2024-03-01 and no help-group member ever: help_group due
   * 2024-03-01, overdue 106 (31 + 30 + 31 days to 06-01, 14 more). Talk and urine
   * test on 2024-06-01 are due 2024-08-01: not listed. */
  gint64 p8 = add_settled (f, "110105198708080181", "张八", f->v02, "community_detox",
                           D (2024, 3, 1), 0, SKIP_MEMBER | SKIP_TALK | SKIP_URINE);
  add_followup (f, p8, "talk", D (2024, 6, 1), NULL);
  add_followup (f, p8, "urine_test", D (2024, 6, 1), "positive");

  /* P9 (V02): S = 2024-04-01; the only member's term ended yesterday: the group
   * lapsed today, help_group due 2024-06-15, overdue 0 (not S, 75 days ago). */
  gint64 p9 = add_settled (f, "110105198809090194", "张九", f->v02, "community_rehab",
                           D (2024, 4, 1), 0, SKIP_MEMBER);
  add_member (f, p9, D (2024, 4, 1), D (2024, 6, 14));

  /* P10: community detox long ago, in custody today: never listed, although its
   * last talk (2023-01-01) is long past. */
  p->p10 = add_person (f, "110105198910100211", "张十", f->v01);
  add_span (f, p->p10, "community_detox", D (2020, 1, 1), 0);
  add_span (f, p->p10, "custody", D (2024, 1, 1), 0);
  add_followup (f, p->p10, "talk", D (2023, 1, 1), NULL);

  /* P11: no status at all (at large): never listed. */
  p->p11 = add_person (f, "110105199011110226", "张十一", f->v01);

  /* P13 (V02) and P14 (V01): a talk on 2024-04-14 like P1's, overdue 1. Ties go by
   * village code, then ID number: P1 (V01, 1980…), P14 (V01, 1999…), P13 (V02,
   * 1970…). */
  gint64 p13
      = add_settled (f, "110105197001010230", "张十三", f->v02, "community_detox", s, 0, SKIP_TALK);
  add_followup (f, p13, "talk", D (2024, 4, 14), NULL);
  gint64 p14
      = add_settled (f, "110105199901010243", "张十四", f->v01, "community_detox", s, 0, SKIP_TALK);
  add_followup (f, p14, "talk", D (2024, 4, 14), NULL);

  /* P15: last visit 2024-05-15: due 2024-06-15, today: due soon with overdue_days
   * 0. Ties with P9 go by village code. */
  gint64 p15 = add_settled (f, "11010519750315025X", "张十五", f->v01, "community_detox", s, 0,
                            SKIP_VISIT);
  add_followup (f, p15, "home_visit", D (2024, 5, 15), NULL);

  /* P16: last talk and urine test 2024-04-22, last visit 2024-05-22: all three due
   * 2024-06-22, exactly 7 days ahead: the last day listed, overdue −7. */
  gint64 p16 = add_settled (f, "110105197604160262", "张十六", f->v01, "community_detox", s, 0,
                            SKIP_TALK | SKIP_URINE | SKIP_VISIT);
  add_followup (f, p16, "talk", D (2024, 4, 22), NULL);
  add_followup (f, p16, "urine_test", D (2024, 4, 22), "negative");
  add_followup (f, p16, "home_visit", D (2024, 5, 22), NULL);

  /* P17: the measure ends 2024-07-15, exactly 30 days ahead (15 to 06-30, 15 more):
   * the last day listed for measure_ending, overdue −30. */
  add_settled (f, "110105197705170275", "张十七", f->v01, "community_rehab", D (2021, 7, 15),
               D (2024, 7, 15), 0);
}

/* The whole list, most overdue first. */
static const char expected_all[] = "110105198708080181 help_group 2024-03-01 106\n"     /* P8 */
                                   "110105198405050153 agreement 2024-05-01 45\n"       /* P5 */
                                   "110105198405050153 home_visit 2024-06-01 14\n"      /* P5 */
                                   "110105198304040140 urine_test 2024-06-10 5\n"       /* P4 */
                                   "110105198304040140 measure_ending 2024-06-10 5\n"   /* P4 */
                                   "110105198001010112 talk 2024-06-14 1\n"             /* P1 */
                                   "110105199901010243 talk 2024-06-14 1\n"             /* P14 */
                                   "110105197001010230 talk 2024-06-14 1\n"             /* P13 */
                                   "11010519750315025X home_visit 2024-06-15 0\n"       /* P15 */
                                   "110105198809090194 help_group 2024-06-15 0\n"       /* P9 */
                                   "110105198102020125 talk 2024-06-20 -5\n"            /* P2 */
                                   "110105197604160262 talk 2024-06-22 -7\n"            /* P16 */
                                   "110105197604160262 urine_test 2024-06-22 -7\n"      /* P16 */
                                   "110105197604160262 home_visit 2024-06-22 -7\n"      /* P16 */
                                   "110105198506060166 measure_ending 2024-07-10 -25\n" /* P6 */
                                   "110105197705170275 measure_ending 2024-07-15 -30\n" /* P17 */
    ;

static void
test_list (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  People p;
  build_people (f, &p);

  /* NULL options: the defaults, as of jd_today (). */
  g_autoptr (GPtrArray) items = jd_work_due_list (f->t.ledger, NULL, &error);
  g_assert_no_error (error);
  g_autofree char *text = describe (items);
  g_assert_cmpstr (text, ==, expected_all);

  /* Names and villages come with each item. */
  const JdWorkItem *first = g_ptr_array_index (items, 0);
  g_assert_cmpstr (first->name, ==, "张八");
  g_assert_cmpstr (first->village_code, ==, "V02");
  g_assert_cmpstr (first->village_name, ==, "西村");
  g_assert_true (jd_work_item_is_overdue (first));
  const JdWorkItem *today = g_ptr_array_index (items, 8);
  g_assert_cmpstr (today->name, ==, "张十五");
  g_assert_false (jd_work_item_is_overdue (today));

  /* The same with the options spelt out and today given explicitly. */
  JdWorkDueOptions options;
  jd_work_due_options_init (&options);
  options.today = TODAY;
  jd_set_today (D (2030, 1, 1));
  g_autoptr (GPtrArray) again = jd_work_due_list (f->t.ledger, &options, &error);
  g_assert_no_error (error);
  g_autofree char *again_text = describe (again);
  g_assert_cmpstr (again_text, ==, expected_all);
}

static void
test_counts (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  People p;
  build_people (f, &p);

  JdWorkCount counts[JD_N_WORK_KINDS];
  g_assert_true (jd_work_due_counts (f->t.ledger, NULL, counts, &error));
  g_assert_no_error (error);
  /* From expected_all: talks P1, P14, P13 overdue, P2 and P16 due soon; urine
   * tests P4 overdue, P16 due soon; … */
  g_assert_cmpuint (counts[JD_WORK_TALK].overdue, ==, 3);
  g_assert_cmpuint (counts[JD_WORK_TALK].due_soon, ==, 2);
  g_assert_cmpuint (counts[JD_WORK_URINE_TEST].overdue, ==, 1);
  g_assert_cmpuint (counts[JD_WORK_URINE_TEST].due_soon, ==, 1);
  /* P5 overdue; P15 due today counts as due soon, and P16. */
  g_assert_cmpuint (counts[JD_WORK_HOME_VISIT].overdue, ==, 1);
  g_assert_cmpuint (counts[JD_WORK_HOME_VISIT].due_soon, ==, 2);
  /* P4 overdue; P6 and P17 due soon. */
  g_assert_cmpuint (counts[JD_WORK_MEASURE_ENDING].overdue, ==, 1);
  g_assert_cmpuint (counts[JD_WORK_MEASURE_ENDING].due_soon, ==, 2);
  /* P8 overdue; P9's group lapsed today. */
  g_assert_cmpuint (counts[JD_WORK_HELP_GROUP].overdue, ==, 1);
  g_assert_cmpuint (counts[JD_WORK_HELP_GROUP].due_soon, ==, 1);
  g_assert_cmpuint (counts[JD_WORK_AGREEMENT].overdue, ==, 1);
  g_assert_cmpuint (counts[JD_WORK_AGREEMENT].due_soon, ==, 0);
}

static void
test_person (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  People p;
  build_people (f, &p);

  g_autoptr (GPtrArray) p5 = jd_work_due_list_person (f->t.ledger, p.p5, NULL, &error);
  g_assert_no_error (error);
  g_autofree char *p5_text = describe (p5);
  g_assert_cmpstr (p5_text, ==,
                   "110105198405050153 agreement 2024-05-01 45\n"
                   "110105198405050153 home_visit 2024-06-01 14\n");

  /* A visit recorded today: the window refreshes P5 and the visit is gone
   * (due 2024-07-15, in 30 days). */
  add_followup (f, p.p5, "home_visit", TODAY, NULL);
  g_autoptr (GPtrArray) after = jd_work_due_list_person (f->t.ledger, p.p5, NULL, &error);
  g_assert_no_error (error);
  g_autofree char *after_text = describe (after);
  g_assert_cmpstr (after_text, ==, "110105198405050153 agreement 2024-05-01 45\n");

  /* Nothing due (P3), not under community measures (P10, P11): empty lists. */
  gint64 none[] = { p.p3, p.p10, p.p11 };
  for (guint i = 0; i < G_N_ELEMENTS (none); i++)
    {
      g_autoptr (GPtrArray) empty = jd_work_due_list_person (f->t.ledger, none[i], NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (empty->len, ==, 0);
    }

  /* As of 2024-04-13, P1's talk of 2024-04-14 and later follow-ups have not
   * happened: everything counts from S = 2023-01-10. Talk and urine test due
   * S + 2 months = 2023-03-10, overdue 400 (366 to 2024-03-10 across Feb 29, 31
   * to 04-10, 3 more); visit due S + 1 month = 2023-02-10, overdue 428 (365 to
   * 2024-02-10, 29 to 03-10, 31 to 04-10, 3 more). Ties on the day go by kind:
   * talk before urine test. */
  JdWorkDueOptions options;
  jd_work_due_options_init (&options);
  options.today = D (2024, 4, 13);
  g_autoptr (GPtrArray) past = jd_work_due_list_person (f->t.ledger, p.p1, &options, &error);
  g_assert_no_error (error);
  g_autofree char *past_text = describe (past);
  g_assert_cmpstr (past_text, ==,
                   "110105198001010112 home_visit 2023-02-10 428\n"
                   "110105198001010112 talk 2023-03-10 400\n"
                   "110105198001010112 urine_test 2023-03-10 400\n");
}

/* The intervals are parameters (the preferences' talk-, urine- and
 * visit-interval-months), in calendar months. */
static void
test_intervals (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  People p;
  build_people (f, &p);

  JdWorkDueOptions options;
  jd_work_due_options_init (&options);
  g_assert_cmpint (options.talk_months, ==, 2);
  g_assert_cmpint (options.urine_months, ==, 2);
  g_assert_cmpint (options.visit_months, ==, 1);

  /* Talks every month, urine tests every three, visits every two. P3: talk
   * 2024-04-26 + 1 month = 2024-05-26, overdue 20 (5 days to 05-31, 15 more); his
   * test of 2024-06-05 and visit of 2024-06-10 are far off. P4: last test
   * 2024-04-10 + 3 months = 2024-07-10, no longer listed; his measure still
   * ends 2024-06-10. P15: visit 2024-05-15 + 2 months = 2024-07-15, not listed. */
  options.talk_months = 1;
  options.urine_months = 3;
  options.visit_months = 2;
  g_autoptr (GPtrArray) items = jd_work_due_list (f->t.ledger, &options, &error);
  g_assert_no_error (error);
  g_autofree char *text = describe (items);
  g_assert_nonnull (strstr (text, "110105198203030138 talk 2024-05-26 20\n"));
  g_assert_nonnull (strstr (text, "110105198304040140 measure_ending 2024-06-10 5\n"));
  g_assert_null (strstr (text, "urine_test"));
  g_assert_null (strstr (text, "home_visit"));
  g_autoptr (GPtrArray) p3 = jd_work_due_list_person (f->t.ledger, p.p3, &options, &error);
  g_assert_no_error (error);
  g_autofree char *p3_text = describe (p3);
  g_assert_cmpstr (p3_text, ==, "110105198203030138 talk 2024-05-26 20\n");
}

/* Calendar months, not days: talks on the 1st of every other month are never
 * overdue, though the gaps are 61 or 62 days; a month's last day is taken when
 * the day is not in it. */
static void
test_calendar_months (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  /* Talks, tests and visits on the 1st of every other month from S = 2023-12-01. */
  gint64 first = add_settled (f, "110105198001010112", "张一", f->v01, "community_detox",
                              D (2023, 12, 1), 0, SKIP_TALK | SKIP_URINE | SKIP_VISIT);
  const JdDay talks[] = { D (2023, 12, 1), D (2024, 2, 1), D (2024, 4, 1) };
  for (guint k = 0; k < G_N_ELEMENTS (talks); k++)
    {
      add_followup (f, first, "talk", talks[k], NULL);
      add_followup (f, first, "urine_test", talks[k], "negative");
      add_followup (f, first, "home_visit", talks[k], NULL);
    }
  JdWorkDueOptions options;
  jd_work_due_options_init (&options);
  /* 2024-01-31: the talk of 2023-12-01 is due 2024-02-01, tomorrow (62 days
   * later); 60 days would have made it overdue on 2024-01-30. */
  options.today = D (2024, 1, 31);
  g_autoptr (GPtrArray) january = jd_work_due_list_person (f->t.ledger, first, &options, &error);
  g_assert_no_error (error);
  g_autofree char *january_text = describe (january);
  g_assert_cmpstr (january_text, ==,
                   "110105198001010112 home_visit 2024-01-01 30\n"
                   "110105198001010112 talk 2024-02-01 -1\n"
                   "110105198001010112 urine_test 2024-02-01 -1\n");

  /* Visits on the 31st: 2024-01-31 + 1 month = 2024-02-29 (a leap year), and
   * 2023-01-31 + 1 month = 2023-02-28. The talk and test of 2024-06-05 have not
   * happened yet: both due S + 2 months = 2023-03-01, overdue −2 on 2023-02-27
   * and 366 on 2024-03-01 (across Feb 29). */
  gint64 leap = add_settled (f, "110105198102020125", "张二", f->v01, "community_rehab",
                             D (2023, 1, 1), 0, SKIP_VISIT);
  add_followup (f, leap, "home_visit", D (2023, 1, 31), NULL);
  options.today = D (2023, 2, 27);
  g_autoptr (GPtrArray) common = jd_work_due_list_person (f->t.ledger, leap, &options, &error);
  g_assert_no_error (error);
  g_autofree char *common_text = describe (common);
  g_assert_cmpstr (common_text, ==,
                   "110105198102020125 home_visit 2023-02-28 -1\n"
                   "110105198102020125 talk 2023-03-01 -2\n"
                   "110105198102020125 urine_test 2023-03-01 -2\n");
  add_followup (f, leap, "home_visit", D (2024, 1, 31), NULL);
  options.today = D (2024, 3, 1);
  g_autoptr (GPtrArray) leap_items = jd_work_due_list_person (f->t.ledger, leap, &options, &error);
  g_assert_no_error (error);
  g_autofree char *leap_text = describe (leap_items);
  g_assert_cmpstr (leap_text, ==,
                   "110105198102020125 talk 2023-03-01 366\n"
                   "110105198102020125 urine_test 2023-03-01 366\n"
                   "110105198102020125 home_visit 2024-02-29 1\n");
}

/* The SQL face of the month arithmetic, which the statement uses. */
static void
test_sql_add_months (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt
      = jd_ledger_prepare (f->t.ledger,
                           "SELECT jd_add_months('2024-01-31', 1), jd_add_months('2023-01-31', 1),"
                           " jd_add_months('2023-12-31', 2), jd_add_months('2024-02-29', 12),"
                           " jd_add_months('2024-06-15', -2), jd_add_months('not a day', 1)",
                           &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  const char *want[] = { "2024-02-29", "2023-02-28", "2024-02-29", "2025-02-28", "2024-04-15" };
  for (guint k = 0; k < G_N_ELEMENTS (want); k++)
    g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, k), ==, want[k]);
  g_assert_cmpint (sqlite3_column_type (stmt, 5), ==, SQLITE_NULL);
  sqlite3_reset (stmt);
}

/* A help group that lapsed is due from the day it lapsed, not from S. */
static void
test_help_group_lapse (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  /* S = 2022-11-14, 579 days before 2024-06-15. The member's term ended on
   * 2023-12-13: the group lapsed on 2023-12-14, 184 days ago (17 days to 12-31,
   * 31 + 29 + 31 + 30 + 31 to 05-31, 15 more), not 579. */
  gint64 lapsed = add_settled (f, "110105198001010112", "张一", f->v01, "community_rehab",
                               D (2022, 11, 14), 0, SKIP_MEMBER);
  add_member (f, lapsed, D (2022, 11, 14), D (2023, 12, 13));
  /* A member of an earlier measure, whose term ended before S: due S itself,
   * 2024-03-01, overdue 106 (31 + 30 + 31 days to 06-01, 14 more). */
  gint64 earlier = add_person (f, "110105198102020125", "张二", f->v02);
  add_span (f, earlier, "community_detox", D (2020, 1, 1), 0);
  add_span (f, earlier, "compulsory", D (2022, 3, 1), 0);
  add_span (f, earlier, "community_rehab", D (2024, 3, 1), 0);
  add_member (f, earlier, D (2020, 1, 1), D (2022, 2, 28));
  add_followup (f, earlier, "talk", D (2024, 6, 1), NULL);
  add_followup (f, earlier, "urine_test", D (2024, 6, 1), "negative");
  add_followup (f, earlier, "home_visit", D (2024, 6, 10), NULL);
  add_agreement (f, earlier, D (2024, 3, 1));
  /* Two members, the later one's term ending 2024-06-11: due 2024-06-12, overdue 3. */
  gint64 two = add_settled (f, "110105198203030138", "张三", f->v01, "community_detox",
                            D (2023, 1, 10), 0, SKIP_MEMBER);
  add_member (f, two, D (2023, 1, 10), D (2024, 6, 11));
  JdHelpMemberRecord other = { .person_id = two,
                               .member_name = "王民警",
                               .role = "police",
                               .since = D (2023, 1, 10),
                               .until = D (2023, 6, 30) };
  g_assert_cmpint (jd_store_help_member (f->t.ledger, &other, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);

  g_autoptr (GPtrArray) items = jd_work_due_list (f->t.ledger, NULL, &error);
  g_assert_no_error (error);
  g_autofree char *text = describe (items);
  g_assert_cmpstr (text, ==,
                   "110105198001010112 help_group 2023-12-14 184\n"
                   "110105198102020125 help_group 2024-03-01 106\n"
                   "110105198203030138 help_group 2024-06-12 3\n");
}

/* ---- the statutory urine schedule ------------------------------------------------ */

static gint64
add_urine_case (Fixture *f, const char *id_number, JdDay s, JdDay last_test)
{
  gint64 person = add_settled (f, id_number, "王某", f->v01, "community_detox", s, 0, SKIP_URINE);
  if (last_test)
    add_followup (f, person, "urine_test", last_test, "negative");
  return person;
}

static void
test_statutory (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  /* Year 1 (monthly): S 2024-01-15, last test 2024-05-14: due 2024-06-14, overdue 1. */
  add_urine_case (f, "11010519610101041X", D (2024, 1, 15), D (2024, 5, 14));
  /* Year 1, no test yet: S 2024-05-10 + 1 month = 2024-06-10, overdue 5. */
  add_urine_case (f, "110105196202020422", D (2024, 5, 10), 0);
  /* Year 1, a month's last day: 2024-01-31 + 1 month = 2024-02-29 (February's last
   * day in a leap year), overdue 107 (29 days to 03-29, 31 to 04-29, 30 to 05-29,
   * 17 more). */
  add_urine_case (f, "110105196303030435", D (2023, 12, 1), D (2024, 1, 31));
  /* Year 1 to its last month: S 2023-06-20, last test 2024-05-16 (before
   * 2024-06-20): still monthly, due 2024-06-16, overdue −1. */
  add_urine_case (f, "110105196404040448", D (2023, 6, 20), D (2024, 5, 16));
  /* Year 1, the last day listed: last test 2024-05-22 + 1 month = 2024-06-22, overdue −7. */
  add_urine_case (f, "110105197110100518", D (2024, 2, 1), D (2024, 5, 22));
  /* Year 2 from its first day: S 2023-04-14, last test 2024-04-14 = S + 1 year:
   * two months, due 2024-06-14, overdue 1 (monthly would give 2024-05-14). */
  add_urine_case (f, "110105196505050450", D (2023, 4, 14), D (2024, 4, 14));
  /* Year 2: S 2023-03-01, last test 2024-04-12: due 2024-06-12, overdue 3 (the
   * 60-day interval would give 2024-06-11). */
  add_urine_case (f, "110105196606060463", D (2023, 3, 1), D (2024, 4, 12));
  /* Year 2, not listed: S 2023-03-01, last test 2024-05-10: due 2024-07-10, in 25
   * days (monthly would be 2024-06-10, overdue 5). */
  add_urine_case (f, "110105196707070476", D (2023, 3, 1), D (2024, 5, 10));
  /* Year 3 (quarterly): S 2021-09-01, last test 2024-03-10 (after 2023-09-01):
   * due 2024-06-10, overdue 5. */
  add_urine_case (f, "110105196808080489", D (2021, 9, 1), D (2024, 3, 10));
  /* Beyond year 3, still quarterly: S 2020-01-01, last test 2024-03-18: due
   * 2024-06-18, overdue −3. */
  add_urine_case (f, "110105196909090491", D (2020, 1, 1), D (2024, 3, 18));

  JdWorkDueOptions options;
  jd_work_due_options_init (&options);
  options.urine_schedule = JD_URINE_SCHEDULE_STATUTORY;
  g_autoptr (GPtrArray) items = jd_work_due_list (f->t.ledger, &options, &error);
  g_assert_no_error (error);
  /* Every other item is settled (talks, visits, members, agreements). */
  g_autofree char *text = describe (items);
  g_assert_cmpstr (text, ==,
                   "110105196303030435 urine_test 2024-02-29 107\n"
                   "110105196202020422 urine_test 2024-06-10 5\n"
                   "110105196808080489 urine_test 2024-06-10 5\n"
                   "110105196606060463 urine_test 2024-06-12 3\n"
                   "11010519610101041X urine_test 2024-06-14 1\n"
                   "110105196505050450 urine_test 2024-06-14 1\n"
                   "110105196404040448 urine_test 2024-06-16 -1\n"
                   "110105196909090491 urine_test 2024-06-18 -3\n"
                   "110105197110100518 urine_test 2024-06-22 -7\n");

  /* The same ledger on the two-month interval, listed when due by 2024-06-22:
   * 2024-01-31 + 2 months = 2024-03-31, overdue 76 (30 days to 04-30, 31 to 05-31,
   * 15 more); 2024-03-10 → 2024-05-10, overdue 36 (21 days to 05-31, 15 more);
   * 2024-03-18 → 2024-05-18, overdue 28 (13 + 15); 2024-04-12 → 2024-06-12,
   * overdue 3; 2024-04-14 → 2024-06-14, overdue 1. The rest fall in July:
   * 2024-05-10 → 2024-07-10 (twice: a test, and S with none), 2024-05-14 →
   * 2024-07-14, 2024-05-16 → 2024-07-16, 2024-05-22 → 2024-07-22. */
  options.urine_schedule = JD_URINE_SCHEDULE_INTERVAL;
  g_autoptr (GPtrArray) interval = jd_work_due_list (f->t.ledger, &options, &error);
  g_assert_no_error (error);
  g_autofree char *interval_text = describe (interval);
  g_assert_cmpstr (interval_text, ==,
                   "110105196303030435 urine_test 2024-03-31 76\n"
                   "110105196808080489 urine_test 2024-05-10 36\n"
                   "110105196909090491 urine_test 2024-05-18 28\n"
                   "110105196606060463 urine_test 2024-06-12 3\n"
                   "110105196505050450 urine_test 2024-06-14 1\n");
}

/* ---- the village items ------------------------------------------------------------ */

static gint64
add_village (Fixture *f, const char *code, const char *name, JdDay retired_on)
{
  g_autoptr (GError) error = NULL;
  gint64 id = 0;
  JdVillageRecord r = { .code = code, .name = name, .retired_on = retired_on };
  g_assert_cmpint (jd_store_village (f->t.ledger, &r, &id, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  return id;
}

static void
add_activity (Fixture *f, gint64 village, JdDay held_on)
{
  g_autoptr (GError) error = NULL;
  JdActivityRecord r = { .village_id = village,
                         .held_on = held_on,
                         .form = "lecture",
                         .title = "禁毒讲座",
                         .participants = -1,
                         .materials = -1,
                         .banners = -1 };
  g_assert_cmpint (jd_store_activity (f->t.ledger, &r, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

/* Four activities in June 2024: no publicity item. */
static void
add_june_activities (Fixture *f, gint64 village)
{
  const JdDay days[] = { D (2024, 6, 1), D (2024, 6, 5), D (2024, 6, 10), D (2024, 6, 20) };
  for (guint k = 0; k < G_N_ELEMENTS (days); k++)
    add_activity (f, village, days[k]);
}

/* The title's workflow up to the naming, then the events given. */
static void
add_title (Fixture *f, gint64 village, JdDay named_on, JdDay reviewed_on)
{
  g_autoptr (GError) error = NULL;
  const struct
  {
    const char *event;
    JdDay day;
  } events[] = {
    { "applied", jd_day_add_months (named_on, -8) },
    { "accepted", jd_day_add_months (named_on, -7) },
    { "assessed_pass", jd_day_add_months (named_on, -1) },
    { "named", named_on },
    { "reviewed", reviewed_on },
  };
  for (guint k = 0; k < G_N_ELEMENTS (events); k++)
    {
      if (events[k].day == 0)
        continue;
      JdTitleEventRecord r
          = { .village_id = village, .event = events[k].event, .occurred_on = events[k].day };
      g_assert_cmpint (jd_store_title_event (f->t.ledger, &r, &error), ==, JD_STORE_ADDED);
      g_assert_no_error (error);
    }
}

/* "village kind due overdue_days" for the villages' own items, in the list's order. */
static char *
describe_villages (GPtrArray *items)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < items->len; i++)
    {
      const JdWorkItem *item = g_ptr_array_index (items, i);
      if (item->person_id != 0)
        continue;
      g_assert_null (item->id_number);
      g_assert_null (item->name);
      char due[JD_DAY_STRLEN];
      jd_day_format (item->due_on, due);
      g_string_append_printf (out, "%s %s %s %d\n", item->village_code,
                              jd_work_kind_key (item->kind), due, item->overdue_days);
    }
  return g_string_free (out, FALSE);
}

/* Issue 19 item 8: for each village not retired, its title review (复核), its
 * letters (责任书) and this month's publicity (宣传活动不足), docs/contract.md §4
 * "Work due". Today is 2024-06-22, 8 days before June's end. V01 and V02 (the
 * fixture's: this year's letters, no activities, no title) are short of
 * publicity. */
static void
test_village_items (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  jd_set_today (D (2024, 6, 22));

  /* V03 上林社区: named 2022-08-10, reviewed 2023-07-12: review due 2024-07-12,
   * in 20 days: listed (30 days ahead), overdue −20. Letters of 2024-01-02 (due
   * 2025-01-02) and four activities in June: nothing else. */
  gint64 v03 = add_village (f, "V03", "上林社区", 0);
  add_title (f, v03, D (2022, 8, 10), D (2023, 7, 12));
  add_letters (f, v03, D (2024, 1, 2));
  add_june_activities (f, v03);

  /* V04 凤山村: reviewed 2023-08-01: due 2024-08-01, in 40 days: not listed.
   * Two activities in June (one more in May, two township-wide in June, which
   * count for no village): fewer than 4, publicity due 2024-06-30, overdue −8. */
  gint64 v04 = add_village (f, "V04", "凤山村", 0);
  add_title (f, v04, D (2022, 9, 1), D (2023, 8, 1));
  add_letters (f, v04, D (2024, 1, 2));
  add_activity (f, v04, D (2024, 5, 30));
  add_activity (f, v04, D (2024, 6, 3));
  add_activity (f, v04, D (2024, 6, 18));
  add_activity (f, 0, D (2024, 6, 4));
  add_activity (f, 0, D (2024, 6, 5));

  /* V05 下村: no village_household letter at all, the village_group one of
   * 2023-03-01 (due 2024-03-01), a township_village one this year (not a level
   * that counts): the earlier is 1 January, overdue 173 (31 + 29 + 31 + 30 + 31
   * days to 06-01, 21 more). */
  gint64 v05 = add_village (f, "V05", "下村", 0);
  add_letter (f, v05, "village_group", D (2023, 3, 1));
  add_letter (f, v05, "township_village", D (2024, 1, 5));
  add_june_activities (f, v05);

  /* V06 南村: last year's letters of 2023-07-10: due 2024-07-10, in 18 days. */
  gint64 v06 = add_village (f, "V06", "南村", 0);
  add_letters (f, v06, D (2023, 7, 10));
  add_june_activities (f, v06);

  /* V07 旧村, retired 2024-05-01: no letters, no activities, never listed. */
  add_village (f, "V07", "旧村", D (2024, 5, 1));

  g_autoptr (GPtrArray) items = jd_work_due_list (f->t.ledger, NULL, &error);
  g_assert_no_error (error);
  g_autofree char *text = describe_villages (items);
  g_assert_cmpstr (text, ==,
                   "V05 letters 2024-01-01 173\n"
                   "V01 publicity 2024-06-30 -8\n"
                   "V02 publicity 2024-06-30 -8\n"
                   "V04 publicity 2024-06-30 -8\n"
                   "V06 letters 2024-07-10 -18\n"
                   "V03 title_review 2024-07-12 -20\n");
  /* No person is under a community measure: every item is a village's. */
  g_assert_cmpuint (items->len, ==, 6);
  const JdWorkItem *first = g_ptr_array_index (items, 0);
  g_assert_cmpint (first->person_id, ==, 0);
  g_assert_cmpstr (first->village_name, ==, "下村");
  g_assert_true (jd_work_item_is_overdue (first));

  JdWorkCount counts[JD_N_WORK_KINDS];
  jd_work_due_tally (items, counts);
  g_assert_cmpuint (counts[JD_WORK_LETTERS].overdue, ==, 1);
  g_assert_cmpuint (counts[JD_WORK_LETTERS].due_soon, ==, 1);
  g_assert_cmpuint (counts[JD_WORK_PUBLICITY].due_soon, ==, 3);
  g_assert_cmpuint (counts[JD_WORK_TITLE_REVIEW].due_soon, ==, 1);

  /* On 2024-06-15 the month's end is 15 days off: no publicity item; V05's
   * letters are 166 days overdue, V06's due in 25 days, V03's review in 27. */
  JdWorkDueOptions options;
  jd_work_due_options_init (&options);
  options.today = D (2024, 6, 15);
  g_autoptr (GPtrArray) earlier = jd_work_due_list (f->t.ledger, &options, &error);
  g_assert_no_error (error);
  g_autofree char *earlier_text = describe_villages (earlier);
  g_assert_cmpstr (earlier_text, ==,
                   "V05 letters 2024-01-01 166\n"
                   "V06 letters 2024-07-10 -25\n"
                   "V03 title_review 2024-07-12 -27\n");

  /* On 2024-07-02 V04's review (2024-08-01) is 30 days off: listed now. July
   * has begun: V05's letters still count from 1 January (overdue 183); V06's
   * are due in 8 days. */
  options.today = D (2024, 7, 2);
  g_autoptr (GPtrArray) july = jd_work_due_list (f->t.ledger, &options, &error);
  g_assert_no_error (error);
  g_autofree char *july_text = describe_villages (july);
  g_assert_cmpstr (july_text, ==,
                   "V05 letters 2024-01-01 183\n"
                   "V06 letters 2024-07-10 -8\n"
                   "V03 title_review 2024-07-12 -10\n"
                   "V04 title_review 2024-08-01 -30\n");

  /* A person's own list has no village item. */
  gint64 person
      = add_settled (f, "110105198001010112", "张一", v05, "community_detox", D (2024, 3, 1), 0, 0);
  g_autoptr (GPtrArray) own = jd_work_due_list_person (f->t.ledger, person, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (own->len, ==, 0);
}

/* ---- kinds ---------------------------------------------------------------------- */

static void
test_kinds (void)
{
  /* JdWorkKind follows JD_ENUM_WORK_KIND, whose keys `jindu todo --json` prints. */
  const char *keys[] = { "talk",      "urine_test",   "home_visit", "measure_ending", "help_group",
                         "agreement", "title_review", "letters",    "publicity" };
  guint n_values;
  const JdEnumValue *values = jd_enum_values (JD_ENUM_WORK_KIND, &n_values);
  g_assert_cmpuint (n_values, ==, JD_N_WORK_KINDS);
  for (JdWorkKind kind = 0; kind < JD_N_WORK_KINDS; kind++)
    {
      JdWorkKind found;
      g_assert_cmpstr (jd_work_kind_key (kind), ==, keys[kind]);
      g_assert_cmpstr (values[kind].key, ==, keys[kind]);
      g_assert_true (jd_work_kind_from_key (keys[kind], &found));
      g_assert_cmpint (found, ==, kind);
      g_assert_true (jd_work_kind_from_key (values[kind].zh, &found));
      g_assert_cmpint (found, ==, kind);
    }
  JdWorkKind unused;
  g_assert_false (jd_work_kind_from_key ("assistance", &unused));

  /* The boxed copy is deep. */
  JdWorkItem item = { .person_id = 7,
                      .id_number = (char *)"110105198001010112",
                      .name = (char *)"张一",
                      .village_code = (char *)"V01",
                      .village_name = (char *)"东村",
                      .kind = JD_WORK_AGREEMENT,
                      .due_on = D (2024, 5, 1),
                      .overdue_days = 45 };
  JdWorkItem *copy = g_boxed_copy (JD_TYPE_WORK_ITEM, &item);
  g_assert_true (copy->name != item.name);
  g_assert_cmpstr (copy->name, ==, "张一");
  g_assert_cmpint (copy->overdue_days, ==, 45);
  g_boxed_free (JD_TYPE_WORK_ITEM, copy);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
#define ADD(path, func) JD_TEST_ADD (path, Fixture, NULL, fixture_set_up, func)
  ADD ("/work-due/list", test_list);
  ADD ("/work-due/counts", test_counts);
  ADD ("/work-due/person", test_person);
  ADD ("/work-due/intervals", test_intervals);
  ADD ("/work-due/calendar-months", test_calendar_months);
  ADD ("/work-due/help-group-lapse", test_help_group_lapse);
  ADD ("/work-due/sql-add-months", test_sql_add_months);
  ADD ("/work-due/statutory", test_statutory);
  ADD ("/work-due/village-items", test_village_items);
#undef ADD
  g_test_add_func ("/work-due/kinds", test_kinds);
  return g_test_run ();
}
