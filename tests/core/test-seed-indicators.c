/* test-seed-indicators.c: the indicators the plans set targets for (docs/contract.md §4
 * urine_tests_required … awareness), worked out by hand
 *
 * Today is 2025-06-30. Villages V01 东村 and V02 西村. Persons (managing
 * village, first found, household village):
 *   P1 V01 2023-01-01        community_detox from 2023-11-01, open: the span
 *                            crosses the year start, so 2024 counts its 366 days
 *                            of 2024 only: ceil (366 / 61) = 6 tests due (the
 *                            whole span to D, 427 days, would give 7). Negative
 *                            tests on the 10th of January … August 2024 (8, capped
 *                            at 6), one refused 2024-09-10 (not a test), one on
 *                            2023-12-15 (before the period), one 2025-02-01.
 *   P2 V01 2020-01-01        community_rehab 2024-01-01, at_large 2024-03-02: the
 *                            span is 2024-01-01 … 03-01, 31 + 29 + 1 = 61 days → 1
 *                            due; tests 2024-02-01 negative and 02-15 positive → 1
 *                            done (capped). In society at D (at large), tested.
 *   P3 V02 2023-02-01        community_detox 2024-05-01, at_large 2024-07-02: the
 *                            span is 2024-05-01 … 07-01, 31 + 30 + 1 = 62 days → 2
 *                            due; tests 2024-06-01 negative, 06-20 refused → 1
 *                            done. In society at D, tested.
 *   P4 V02 2015-01-01 hh V01 no span, no use: abstinent three years, so not in
 *                            society; separated (household V01, managed by V02),
 *                            at large at D: found.
 *   P5 V01 2022-01-01 hh V02 missing from 2023-06-01: separated, not found; not in
 *                            society.
 *   P6 V01 2021-01-01 hh outside the township (外县某村): not separated;
 *                            maintenance from 2022-01-01, a use 2023-05-01: in
 *                            society, never tested.
 *   P7 V02 2019-01-01 hh V01 deceased 2024-02-01: exited, neither separated nor in
 *                            society.
 *   P8 V01 2023-03-01 hh V01 the same village as managing: not separated; custody
 *                            from 2024-01-01: not in society.
 *   P9 V02 2023-01-01        no span (at large): in society; a refused test
 *                            2024-03-01 only: not tested.
 *
 * 2024 (D = 2024-12-31):
 *   urine_tests_required 6 + 1 + 2 = 9, urine_tests_done 6 + 1 + 1 = 8;
 *   society_persons P1 P2 P3 P6 P9 = 5, society_tested P1 P2 P3 = 3;
 *   separated_persons P4 P5 = 2, separated_found P4 = 1 (V01: P5; V02: P4).
 * 2025 as of 2025-06-30: P1's span has 181 days → ceil (181 / 61) = 3 due, 1 done.
 *
 * Surveys: public township-wide 2024-03-01 100 asked 90 aware; public V01
 * 2024-06-01 50/50; migrant V02 2024-12-31 (on D) 20/19; students 2023-12-31 30/30
 * (before 2024); venue_staff V01 2025-01-01 10/10 (in 2025 only).
 *   2024: public 150/140, migrant 20/19, venue_staff 0/0 (null), students 0/0 (null).
 *   2025: venue_staff 10/10; the others null.
 */
#include <glib/gstdio.h>
#include <math.h>

#include "jd-dashboard.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-id-number.h"
#include "jd-indicators.h"
#include "jd-ledger-private.h"
#include "jd-store.h"
#include "jd-targets.h"
#include "jd-test-ledger.h"

#define D(y, m, d) jd_day_new (y, m, d)

typedef struct
{
  JdTestLedger t; /* tests/common/jd-test-ledger.h */
  gint64 v01, v02;
} Fixture;

static gint64
person (Fixture *f,
        gint64 village_id,
        int sequence,
        JdDay found,
        gint64 household_id,
        const char *household_outside)
{
  GError *error = NULL;
  gint64 id = 0;
  g_autofree char *number = jd_test_id_number ("19850101", sequence);
  g_autofree char *name = g_strdup_printf ("张%d", sequence);
  JdPersonRecord r = { .id_number = number,
                       .name = name,
                       .village_id = village_id,
                       .household_village_id = household_id,
                       .household_village_name = household_outside,
                       .first_found_on = found };
  jd_test_ok (jd_store_person (f->t.ledger, &r, &id, &error), error);
  return id;
}

static void
survey (Fixture *f, gint64 village_id, JdDay day, const char *group, gint64 sampled, gint64 aware)
{
  GError *error = NULL;
  JdSurveyRecord r = {
    .village_id = village_id, .surveyed_on = day, .group = group, .sampled = sampled, .aware = aware
  };
  g_assert_cmpint (jd_store_survey (f->t.ledger, &r, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  jd_test_set_today (&f->t, D (2025, 6, 30));
  jd_test_ledger_set_up (&f->t, "jd-seed-indicators-XXXXXX");
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));

  JdVillageRecord east = { .code = "V01", .name = "东村", .resident_population = 3000 };
  JdVillageRecord west = { .code = "V02", .name = "西村", .resident_population = 3000 };
  jd_test_ok (jd_store_village (f->t.ledger, &east, &f->v01, &error), error);
  jd_test_ok (jd_store_village (f->t.ledger, &west, &f->v02, &error), error);

  gint64 p1 = person (f, f->v01, 1, D (2023, 1, 1), 0, NULL);
  jd_test_add_status (f->t.ledger, p1, "community_detox", D (2023, 11, 1), 0);
  for (int m = 1; m <= 8; m++)
    jd_test_add_followup (f->t.ledger, p1, "urine_test", D (2024, m, 10), "negative");
  jd_test_add_followup (f->t.ledger, p1, "urine_test", D (2024, 9, 10), "refused");
  jd_test_add_followup (f->t.ledger, p1, "urine_test", D (2023, 12, 15), "negative");
  jd_test_add_followup (f->t.ledger, p1, "urine_test", D (2025, 2, 1), "negative");

  gint64 p2 = person (f, f->v01, 2, D (2020, 1, 1), 0, NULL);
  jd_test_add_status (f->t.ledger, p2, "community_rehab", D (2024, 1, 1), 0);
  jd_test_add_status (f->t.ledger, p2, "at_large", D (2024, 3, 2), 0);
  jd_test_add_followup (f->t.ledger, p2, "urine_test", D (2024, 2, 1), "negative");
  jd_test_add_followup (f->t.ledger, p2, "urine_test", D (2024, 2, 15), "positive");

  gint64 p3 = person (f, f->v02, 3, D (2023, 2, 1), 0, NULL);
  jd_test_add_status (f->t.ledger, p3, "community_detox", D (2024, 5, 1), 0);
  jd_test_add_status (f->t.ledger, p3, "at_large", D (2024, 7, 2), 0);
  jd_test_add_followup (f->t.ledger, p3, "urine_test", D (2024, 6, 1), "negative");
  jd_test_add_followup (f->t.ledger, p3, "urine_test", D (2024, 6, 20), "refused");

  person (f, f->v02, 4, D (2015, 1, 1), f->v01, NULL);

  gint64 p5 = person (f, f->v01, 5, D (2022, 1, 1), f->v02, NULL);
  jd_test_add_status (f->t.ledger, p5, "missing", D (2023, 6, 1), 0);

  gint64 p6 = person (f, f->v01, 6, D (2021, 1, 1), 0, "外县某村");
  jd_test_add_status (f->t.ledger, p6, "maintenance", D (2022, 1, 1), 0);
  JdUseEventRecord use = { .person_id = p6, .occurred_on = D (2023, 5, 1), .source = "police" };
  jd_test_ok (jd_store_use_event (f->t.ledger, &use, &error), error);

  gint64 p7 = person (f, f->v02, 7, D (2019, 1, 1), f->v01, NULL);
  jd_test_add_status (f->t.ledger, p7, "deceased", D (2024, 2, 1), 0);

  gint64 p8 = person (f, f->v01, 8, D (2023, 3, 1), f->v01, NULL);
  jd_test_add_status (f->t.ledger, p8, "custody", D (2024, 1, 1), 0);

  gint64 p9 = person (f, f->v02, 9, D (2023, 1, 1), 0, NULL);
  jd_test_add_followup (f->t.ledger, p9, "urine_test", D (2024, 3, 1), "refused");

  survey (f, 0, D (2024, 3, 1), "public", 100, 90);
  survey (f, f->v01, D (2024, 6, 1), "public", 50, 50);
  survey (f, f->v02, D (2024, 12, 31), "migrant", 20, 19);
  survey (f, 0, D (2023, 12, 31), "students", 30, 30);
  survey (f, f->v01, D (2025, 1, 1), "venue_staff", 10, 10);

  g_assert_true (jd_ledger_commit (f->t.ledger, &error));
}

static JdIndicators *
compute (Fixture *f, int first, int last, JdDay as_of)
{
  g_autoptr (GError) error = NULL;
  JdIndicators *indicators = jd_indicators_compute (f->t.ledger, first, last, as_of, &error);
  g_assert_no_error (error);
  g_assert_nonnull (indicators);
  return indicators;
}

static void
assert_rate (double got, double expected)
{
  if (isnan (expected))
    g_assert_true (isnan (got));
  else
    g_assert_cmpfloat_with_epsilon (got, expected, 1e-9);
}

static void
test_township_2024 (Fixture *f, gconstpointer data)
{
  g_autoptr (JdIndicators) indicators = compute (f, 2024, 2024, 0);
  const JdIndicatorValues *v = jd_indicators_get_township (indicators, 0);

  g_assert_cmpint (v->urine_tests_required, ==, 9);
  g_assert_cmpint (v->urine_tests_done, ==, 8);
  assert_rate (v->urine_count_rate, 8.0 / 9);
  g_assert_cmpint (v->society_persons, ==, 5);
  g_assert_cmpint (v->society_tested, ==, 3);
  assert_rate (v->society_urine_rate, 0.6);
  g_assert_cmpint (v->separated_persons, ==, 2);
  g_assert_cmpint (v->separated_found, ==, 1);
  assert_rate (v->separated_found_rate, 0.5);

  g_assert_cmpint (v->awareness_sampled[JD_SURVEY_PUBLIC], ==, 150);
  g_assert_cmpint (v->awareness_aware[JD_SURVEY_PUBLIC], ==, 140);
  assert_rate (v->awareness_rate[JD_SURVEY_PUBLIC], 140.0 / 150);
  g_assert_cmpint (v->awareness_sampled[JD_SURVEY_MIGRANT], ==, 20);
  assert_rate (v->awareness_rate[JD_SURVEY_MIGRANT], 0.95);
  g_assert_cmpint (v->awareness_sampled[JD_SURVEY_VENUE_STAFF], ==, 0);
  assert_rate (v->awareness_rate[JD_SURVEY_VENUE_STAFF], NAN);
  g_assert_cmpint (v->awareness_sampled[JD_SURVEY_STUDENTS], ==, 0);
  assert_rate (v->awareness_rate[JD_SURVEY_STUDENTS], NAN);
}

/* Per village: each person counts for their managing village; a village's
 * surveys are its own (the township-wide one belongs to no village). */
static void
test_villages_2024 (Fixture *f, gconstpointer data)
{
  g_autoptr (JdIndicators) indicators = compute (f, 2024, 2024, 0);
  const JdIndicatorValues *east = jd_indicators_find_village (indicators, 0, f->v01);
  const JdIndicatorValues *west = jd_indicators_find_village (indicators, 0, f->v02);

  /* V01: P1 6/6 and P2 1/1; V02: P3 1 of 2. */
  g_assert_cmpint (east->urine_tests_required, ==, 7);
  g_assert_cmpint (east->urine_tests_done, ==, 7);
  g_assert_cmpint (west->urine_tests_required, ==, 2);
  g_assert_cmpint (west->urine_tests_done, ==, 1);
  /* V01: P1 P2 P6, two tested; V02: P3 P9, one tested. */
  g_assert_cmpint (east->society_persons, ==, 3);
  g_assert_cmpint (east->society_tested, ==, 2);
  g_assert_cmpint (west->society_persons, ==, 2);
  g_assert_cmpint (west->society_tested, ==, 1);
  /* V01: P5 (missing); V02: P4 (found). */
  g_assert_cmpint (east->separated_persons, ==, 1);
  g_assert_cmpint (east->separated_found, ==, 0);
  g_assert_cmpint (west->separated_persons, ==, 1);
  g_assert_cmpint (west->separated_found, ==, 1);
  /* V01's public 50/50; V02's migrant 20/19. */
  g_assert_cmpint (east->awareness_sampled[JD_SURVEY_PUBLIC], ==, 50);
  assert_rate (east->awareness_rate[JD_SURVEY_PUBLIC], 1.0);
  assert_rate (east->awareness_rate[JD_SURVEY_MIGRANT], NAN);
  g_assert_cmpint (west->awareness_sampled[JD_SURVEY_MIGRANT], ==, 20);
  assert_rate (west->awareness_rate[JD_SURVEY_PUBLIC], NAN);
}

/* Two years at once give each year what it gives alone; 2025 as of 06-30. */
static void
test_two_years (Fixture *f, gconstpointer data)
{
  g_autoptr (JdIndicators) indicators = compute (f, 2024, 2025, D (2025, 6, 30));
  const JdIndicatorValues *y2024 = jd_indicators_get_township (indicators, 0);
  const JdIndicatorValues *y2025 = jd_indicators_get_township (indicators, 1);

  g_assert_cmpint (y2024->urine_tests_required, ==, 9);
  g_assert_cmpint (y2024->urine_tests_done, ==, 8);
  g_assert_cmpint (y2024->awareness_sampled[JD_SURVEY_VENUE_STAFF], ==, 0);

  /* P1 alone is under a measure in 2025: 181 days → 3 due, one test. */
  g_assert_cmpint (y2025->urine_tests_required, ==, 3);
  g_assert_cmpint (y2025->urine_tests_done, ==, 1);
  assert_rate (y2025->urine_count_rate, 1.0 / 3);
  /* In society: P1 P2 P3 P6 P9; only P1 tested in 2025. */
  g_assert_cmpint (y2025->society_persons, ==, 5);
  g_assert_cmpint (y2025->society_tested, ==, 1);
  g_assert_cmpint (y2025->awareness_sampled[JD_SURVEY_VENUE_STAFF], ==, 10);
  assert_rate (y2025->awareness_rate[JD_SURVEY_VENUE_STAFF], 1.0);
  assert_rate (y2025->awareness_rate[JD_SURVEY_PUBLIC], NAN);

  /* 2023: the students' survey of 2023-12-31; P1's span from 11-01: 61 days, 1 due,
   * the test of 2023-12-15 done. */
  g_autoptr (JdIndicators) before = compute (f, 2023, 2023, 0);
  const JdIndicatorValues *y2023 = jd_indicators_get_township (before, 0);
  g_assert_cmpint (y2023->awareness_sampled[JD_SURVEY_STUDENTS], ==, 30);
  assert_rate (y2023->awareness_rate[JD_SURVEY_STUDENTS], 1.0);
  g_assert_cmpint (y2023->urine_tests_required, ==, 1);
  g_assert_cmpint (y2023->urine_tests_done, ==, 1);
}

/* The defaults of the plans, and the verdicts on 2024. */
static void
test_targets (Fixture *f, gconstpointer data)
{
  const struct
  {
    JdTarget target;
    const char *key;
    double value;
    JdTargetKind kind;
  } defaults[] = {
    { JD_TARGET_SOCIETY_URINE_RATE, "target.society_urine_rate", 0.95, JD_TARGET_AT_LEAST },
    { JD_TARGET_URINE_COUNT_RATE, "target.urine_count_rate", 0.9, JD_TARGET_AT_LEAST },
    { JD_TARGET_SEPARATED_FOUND_RATE, "target.separated_found_rate", 0.9, JD_TARGET_AT_LEAST },
    { JD_TARGET_AWARENESS_PUBLIC, "target.awareness_public", 0.95, JD_TARGET_AT_LEAST },
    { JD_TARGET_AWARENESS_MIGRANT, "target.awareness_migrant", 0.95, JD_TARGET_AT_LEAST },
    { JD_TARGET_AWARENESS_VENUE_STAFF, "target.awareness_venue_staff", 1.0, JD_TARGET_AT_LEAST },
    { JD_TARGET_AWARENESS_STUDENTS, "target.awareness_students", 1.0, JD_TARGET_AT_LEAST },
    { JD_TARGET_RELAPSE_PERSONS, "target.relapse_persons", 0, JD_TARGET_FALLS },
  };
  for (guint k = 0; k < G_N_ELEMENTS (defaults); k++)
    {
      const JdTargetInfo *info = jd_target_info (defaults[k].target);
      g_assert_cmpstr (info->key, ==, defaults[k].key);
      g_assert_true (jd_target_find (defaults[k].key) == info);
      g_assert_cmpint (info->kind, ==, defaults[k].kind);
      if (defaults[k].kind != JD_TARGET_FALLS)
        g_assert_cmpfloat (jd_targets_get (f->t.ledger, defaults[k].target), ==, defaults[k].value);
    }

  g_autoptr (JdIndicators) indicators = compute (f, 2023, 2024, 0);
  const JdIndicatorValues *y2023 = jd_indicators_get_township (indicators, 0);
  const JdIndicatorValues *y2024 = jd_indicators_get_township (indicators, 1);
  /* 8/9 = 88.9 % < 90 %; 60 % < 95 %; 50 % < 90 %; public 93.3 % < 95 %; migrant
   * 95 % meets 95 %; no venue staff or students asked: nothing to judge. */
  g_assert_cmpint (jd_targets_judge (f->t.ledger, JD_TARGET_URINE_COUNT_RATE, y2024, y2023), ==,
                   JD_VERDICT_NOT_MET);
  g_assert_cmpint (jd_targets_judge (f->t.ledger, JD_TARGET_SOCIETY_URINE_RATE, y2024, y2023), ==,
                   JD_VERDICT_NOT_MET);
  g_assert_cmpint (jd_targets_judge (f->t.ledger, JD_TARGET_SEPARATED_FOUND_RATE, y2024, y2023), ==,
                   JD_VERDICT_NOT_MET);
  g_assert_cmpint (jd_targets_judge (f->t.ledger, JD_TARGET_AWARENESS_PUBLIC, y2024, y2023), ==,
                   JD_VERDICT_NOT_MET);
  g_assert_cmpint (jd_targets_judge (f->t.ledger, JD_TARGET_AWARENESS_MIGRANT, y2024, y2023), ==,
                   JD_VERDICT_MET);
  g_assert_cmpint (jd_targets_judge (f->t.ledger, JD_TARGET_AWARENESS_STUDENTS, y2024, y2023), ==,
                   JD_VERDICT_UNKNOWN);
  /* Relapses: 2023 P6 (use 2023-05-01); 2024 P2 (positive 2024-02-15). Not fewer. */
  g_assert_cmpint (y2023->relapse_persons, ==, 1);
  g_assert_cmpint (y2024->relapse_persons, ==, 1);
  g_assert_cmpint (jd_targets_judge (f->t.ledger, JD_TARGET_RELAPSE_PERSONS, y2024, y2023), ==,
                   JD_VERDICT_NOT_MET);

  /* An edited target judges again: 85 % makes 8 of 9 tests enough. */
  g_autoptr (GError) error = NULL;
  g_assert_true (jd_targets_set (f->t.ledger, JD_TARGET_URINE_COUNT_RATE, 0.85, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jd_targets_judge (f->t.ledger, JD_TARGET_URINE_COUNT_RATE, y2024, y2023), ==,
                   JD_VERDICT_MET);

  /* The counts behind a share, as the dashboard's tile shows them. */
  gint64 part = 0, whole = 0;
  g_assert_true (jd_target_fraction (JD_TARGET_URINE_COUNT_RATE, y2024, &part, &whole));
  g_assert_cmpint (part, ==, 8);
  g_assert_cmpint (whole, ==, 9);
  g_assert_true (jd_target_fraction (JD_TARGET_AWARENESS_PUBLIC, y2024, &part, &whole));
  g_assert_cmpint (part, ==, 140);
  g_assert_cmpint (whole, ==, 150);
  g_assert_false (jd_target_fraction (JD_TARGET_RELAPSE_PERSONS, y2024, &part, &whole));
}

/* §3's rules for a survey: each refused write leaves the table as it was. */
static void
test_survey_rules (Fixture *f, gconstpointer data)
{
  const struct
  {
    gint64 village_id;
    JdDay day;
    const char *group;
    gint64 sampled, aware;
    const char *field;
  } refused[] = {
    { 0, D (2024, 5, 1), "public", 0, 0, "sampled: " },
    { 0, D (2024, 5, 1), "public", 10, 11, "aware: " },
    { 0, D (2024, 5, 1), "public", 10, -1, "aware: " },
    { 0, D (1949, 12, 31), "public", 10, 5, "surveyed_on: " },
    { 0, D (2025, 7, 1), "public", 10, 5, "surveyed_on: " },
    { 0, 0, "public", 10, 5, "surveyed_on: " },
    { 0, D (2024, 5, 1), "teachers", 10, 5, "group: " },
    { 0, D (2024, 5, 1), NULL, 10, 5, "group: " },
    { 9999, D (2024, 5, 1), "public", 10, 5, "village: " },
    /* The same township-wide survey with other numbers. */
    { 0, D (2024, 3, 1), "public", 100, 91, "sampled: " },
  };
  gint64 before = jd_ledger_count (f->t.ledger, "awareness_survey");
  for (guint k = 0; k < G_N_ELEMENTS (refused); k++)
    {
      g_autoptr (GError) error = NULL;
      JdSurveyRecord r = { .village_id = refused[k].village_id,
                           .surveyed_on = refused[k].day,
                           .group = refused[k].group,
                           .sampled = refused[k].sampled,
                           .aware = refused[k].aware };
      g_assert_cmpint (jd_store_survey (f->t.ledger, &r, &error), ==, JD_STORE_FAILED);
      g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, refused[k].field))
        g_error ("case %u: “%s” does not start with %s", k, error->message, refused[k].field);
    }
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "awareness_survey"), ==, before);

  /* The same survey again, township-wide or a village's, adds nothing. */
  g_autoptr (GError) error = NULL;
  JdSurveyRecord again
      = { .surveyed_on = D (2024, 3, 1), .group = "public", .sampled = 100, .aware = 90 };
  g_assert_cmpint (jd_store_survey (f->t.ledger, &again, &error), ==, JD_STORE_UNCHANGED);
  again = (JdSurveyRecord){ .village_id = f->v01,
                            .surveyed_on = D (2024, 6, 1),
                            .group = "public",
                            .sampled = 50,
                            .aware = 50 };
  g_assert_cmpint (jd_store_survey (f->t.ledger, &again, &error), ==, JD_STORE_UNCHANGED);
  g_assert_no_error (error);
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "awareness_survey"), ==, before);

  /* Deleted, it counts no more, and the audit log has it. */
  sqlite3_stmt *stmt = jd_ledger_prepare (
      f->t.ledger, "SELECT id FROM awareness_survey WHERE grp = 'migrant'", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  gint64 id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  g_assert_true (jd_store_delete_survey (f->t.ledger, id, &error));
  g_assert_true (jd_ledger_commit (f->t.ledger, &error));
  g_assert_no_error (error);
  g_assert_false (jd_store_delete_survey (f->t.ledger, id, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_autoptr (JdIndicators) indicators = compute (f, 2024, 2024, 0);
  assert_rate (jd_indicators_get_township (indicators, 0)->awareness_rate[JD_SURVEY_MIGRANT], NAN);
  stmt = jd_ledger_prepare (f->t.ledger,
                            "SELECT count(*) FROM audit_log WHERE tbl = 'awareness_survey'"
                            " AND action = 'delete'",
                            &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);
}

/* The household villages are kept between computations only while the ledger
 * is unchanged: a change, committed or inside the caller's transaction, counts. */
static void
test_household_changes (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdIndicators) first = compute (f, 2024, 2024, 0);
  g_assert_cmpint (jd_indicators_get_township (first, 0)->separated_persons, ==, 2);

  /* P8 (custody, managed by V01) now has V02 as household village: separated, found. */
  g_autofree char *sql
      = g_strdup_printf ("UPDATE person SET household_village_id = %" G_GINT64_FORMAT
                         " WHERE id_number LIKE '11010519850101008_'",
                         f->v02);
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  g_assert_true (jd_ledger_exec (f->t.ledger, sql, &error));
  g_autoptr (JdIndicators) inside = compute (f, 2024, 2024, 0);
  g_assert_cmpint (jd_indicators_get_township (inside, 0)->separated_persons, ==, 3);
  g_assert_cmpint (jd_indicators_get_township (inside, 0)->separated_found, ==, 2);
  jd_ledger_rollback (f->t.ledger);
  g_autoptr (JdIndicators) rolled_back = compute (f, 2024, 2024, 0);
  g_assert_cmpint (jd_indicators_get_township (rolled_back, 0)->separated_persons, ==, 2);

  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  g_assert_true (jd_ledger_exec (f->t.ledger, sql, &error));
  g_assert_true (jd_ledger_commit (f->t.ledger, &error));
  g_assert_no_error (error);
  g_autoptr (JdIndicators) committed = compute (f, 2024, 2024, 0);
  g_assert_cmpint (jd_indicators_get_township (committed, 0)->separated_persons, ==, 3);
  g_assert_cmpint (jd_indicators_get_village (committed, 0, 0)->separated_persons, ==, 2);
}

/* The dashboard judges the new targets like the others. */
static void
test_dashboard (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdDashboard) dashboard = jd_dashboard_compute (f->t.ledger, 2024, 2, 0, &error);
  g_assert_no_error (error);
  /* 88.9 % against 90 %: within a tenth, near; 60 % against 95 %: missed. */
  g_assert_cmpint (dashboard->tiles[JD_TARGET_URINE_COUNT_RATE].judgement, ==, JD_JUDGEMENT_NEAR);
  g_assert_cmpint (dashboard->tiles[JD_TARGET_SOCIETY_URINE_RATE].judgement, ==,
                   JD_JUDGEMENT_MISSED);
  g_assert_cmpint (dashboard->tiles[JD_TARGET_AWARENESS_MIGRANT].judgement, ==, JD_JUDGEMENT_MET);
  g_assert_cmpint (dashboard->tiles[JD_TARGET_AWARENESS_STUDENTS].judgement, ==, JD_JUDGEMENT_NONE);
  g_assert_cmpfloat_with_epsilon (dashboard->tiles[JD_TARGET_RELAPSE_PERSONS].actual, 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (dashboard->tiles[JD_TARGET_RELAPSE_PERSONS].previous, 1, 1e-9);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
#define ADD(path, func) JD_TEST_ADD (path, Fixture, NULL, fixture_set_up, func)
  ADD ("/seed-indicators/township-2024", test_township_2024);
  ADD ("/seed-indicators/villages-2024", test_villages_2024);
  ADD ("/seed-indicators/two-years", test_two_years);
  ADD ("/seed-indicators/targets", test_targets);
  ADD ("/seed-indicators/survey-rules", test_survey_rules);
  ADD ("/seed-indicators/dashboard", test_dashboard);
  ADD ("/seed-indicators/household-changes", test_household_changes);
#undef ADD
  return g_test_run ();
}
