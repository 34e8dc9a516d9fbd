/* test-indicators.c: the indicators of docs/contract.md §4, worked out by hand
 *
 * The fixture is a small township written through jd-store.h. Every person's
 * story is told below, and every number the tests expect is derived from
 * those stories in the comments next to it.
 *
 * Villages (resident population):
 *   V01 东村 4000   titled: named 2021-06-01, yellow card 2023-03-01, reviewed
 *                   2023-09-01, yellow card 2024-03-01 → holds the title all along
 *   V02 西村 6000   named 2021-06-01, yellow card 2023-03-01, yellow card
 *                   2024-03-01 (the second in a row) → loses it on 2024-03-01
 *   V03 南社区 2000 named 2020-01-01, retired on 2024-06-30
 *   V04 北村 3000   named 2022-01-01, revoked 2024-05-01; no person ever
 *
 * Persons (managing village, first found; their spans chain in the store):
 *   A V01 2010-05-01  compulsory 2010-05-01, community_rehab 2012-05-01,
 *                     at_large 2015-05-01 (recorded first, before the others)
 *   B V01 2024-02-29  use event the same day (police: not a relapse);
 *                     community_detox 2024-03-01 planned 2027-02-28; help member
 *                     since 2024-03-01, agreement 2024-03-05; talks and negative
 *                     urine tests every 50–58 days
 *   C V01 2019-07-01  community_detox 2022-01-10; help member 2022-01-10 …
 *                     2024-06-30, agreement 2022-01-15; urine tests 2024-02-01 −,
 *                     2024-04-01 −, 2024-05-31 + (a use date: a relapse), 07-25 −,
 *                     09-20 −, 11-15 −; talks 2024-01-05 and 2024-05-20
 *   K V01 2023-05-01  community_rehab 2023-05-01, at_large 2024-04-01; urine test
 *                     refused 2024-02-10 (no test), negative 2024-05-10 (at large)
 *   J V01 2025-03-01  first found after 2024: not registered in 2024
 *   D V02 2022-11-01  custody 2023-01-01 planned 2026-01-01 (= start + 3 years)
 *   E V02 2022-11-01  custody 2023-01-01 planned 2025-12-31 (one day short)
 *   F V02 2012-01-01  use event 2022-06-01; missing 2020-12-31 (+ 4 years =
 *                     2024-12-31): never abstinent while missing
 *   G V02 2016-01-01  deceased 2023-08-01
 *   H V02 2018-01-01  use event 2024-03-01 (a relapse); moved_out 2024-05-01
 *   I V03 2017-01-01  no span: at large every day
 *
 * Activities: V01 four a month on the 1st, 8th, 15th and 22nd of every month
 * of 2024 (48); V02 four a month January–May and three in June on the 1st, 8th
 * and 15th (23); V03 five in January 2024; two township-wide ones on 2024-03-10
 * and 2024-09-10. 78 in all.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

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
#define NONE NAN

typedef struct
{
  JdTestLedger t; /* tests/common/jd-test-ledger.h */
  gint64 v01, v02, v03, v04;
} Fixture;

/* ---- building the ledger ------------------------------------------------------- */

static gint64
village (Fixture *f, const char *code, const char *name, gint64 population, JdDay retired_on)
{
  GError *error = NULL;
  gint64 id = 0;
  JdVillageRecord r = { .code = code,
                        .name = name,
                        .resident_population = population,
                        .grid_count = 3,
                        .retired_on = retired_on };
  jd_test_ok (jd_store_village (f->t.ledger, &r, &id, &error), error);
  return id;
}

static void
use (Fixture *f, gint64 p, JdDay day)
{
  GError *error = NULL;
  JdUseEventRecord r = { .person_id = p, .occurred_on = day, .source = "police" };
  jd_test_ok (jd_store_use_event (f->t.ledger, &r, &error), error);
}

static void
member (Fixture *f, gint64 p, JdDay since, JdDay until)
{
  GError *error = NULL;
  JdHelpMemberRecord r = {
    .person_id = p, .member_name = "王家属", .role = "family", .since = since, .until = until
  };
  jd_test_ok (jd_store_help_member (f->t.ledger, &r, &error), error);
}

static void
agreement (Fixture *f, gint64 p, JdDay day)
{
  GError *error = NULL;
  JdAgreementRecord r = { .person_id = p, .signed_on = day };
  jd_test_ok (jd_store_agreement (f->t.ledger, &r, &error), error);
}

static void
activity (Fixture *f, gint64 village_id, JdDay day)
{
  GError *error = NULL;
  JdActivityRecord r = { .village_id = village_id,
                         .held_on = day,
                         .form = "lecture",
                         .title = "禁毒讲座",
                         .participants = -1,
                         .materials = -1,
                         .banners = -1 };
  jd_test_ok (jd_store_activity (f->t.ledger, &r, &error), error);
}

static void
title (Fixture *f, gint64 village_id, const char *event, JdDay day)
{
  GError *error = NULL;
  /* A yellow card and a revocation give their ground. */
  JdTitleEventRecord r = { .village_id = village_id,
                           .event = event,
                           .occurred_on = day,
                           .ground = g_str_equal (event, "yellow_card") ? "ranking"
                                     : g_str_equal (event, "revoked")   ? "incident"
                                                                        : NULL };
  jd_test_ok (jd_store_title_event (f->t.ledger, &r, &error), error);
}

static void
named (Fixture *f, gint64 village_id, int year)
{
  title (f, village_id, "applied", D (year - 1, 5, 1)); /* six months before the pass */
  title (f, village_id, "accepted", D (year - 1, 10, 1));
  title (f, village_id, "assessed_pass", D (year - 1, 11, 1));
  title (f, village_id, "named", D (year, 1, 1));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  jd_test_set_today (&f->t, D (2025, 6, 30));
  jd_test_ledger_set_up (&f->t, "jd-indicators-XXXXXX");
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));

  f->v01 = village (f, "V01", "东村", 4000, 0);
  f->v02 = village (f, "V02", "西村", 6000, 0);
  f->v03 = village (f, "V03", "南社区", 2000, D (2024, 6, 30));
  f->v04 = village (f, "V04", "北村", 3000, 0);

  /* Titles: a review between two yellow cards keeps V01's; two in a row end V02's. */
  title (f, f->v01, "applied", D (2020, 11, 1));
  title (f, f->v01, "accepted", D (2021, 4, 1));
  title (f, f->v01, "assessed_pass", D (2021, 5, 1));
  title (f, f->v01, "named", D (2021, 6, 1));
  title (f, f->v01, "yellow_card", D (2023, 3, 1));
  title (f, f->v01, "reviewed", D (2023, 9, 1));
  title (f, f->v01, "yellow_card", D (2024, 3, 1));
  title (f, f->v02, "applied", D (2020, 11, 1));
  title (f, f->v02, "accepted", D (2021, 4, 1));
  title (f, f->v02, "assessed_pass", D (2021, 5, 1));
  title (f, f->v02, "named", D (2021, 6, 1));
  title (f, f->v02, "yellow_card", D (2023, 3, 1));
  title (f, f->v02, "yellow_card", D (2024, 3, 1));
  named (f, f->v03, 2020);
  named (f, f->v04, 2022);
  title (f, f->v04, "revoked", D (2024, 5, 1));

  gint64 a
      = jd_test_add_resident (f->t.ledger, f->v01, "甲", "19800101", 1, D (2010, 5, 1), "某路1号");
  jd_test_add_status (f->t.ledger, a, "at_large", D (2015, 5, 1), 0);
  jd_test_add_status (f->t.ledger, a, "compulsory", D (2010, 5, 1), D (2012, 4, 30));
  jd_test_add_status (f->t.ledger, a, "community_rehab", D (2012, 5, 1), D (2015, 4, 30));

  gint64 b
      = jd_test_add_resident (f->t.ledger, f->v01, "乙", "19800101", 2, D (2024, 2, 29), "某路1号");
  use (f, b, D (2024, 2, 29));
  jd_test_add_status (f->t.ledger, b, "community_detox", D (2024, 3, 1), D (2027, 2, 28));
  member (f, b, D (2024, 3, 1), 0);
  agreement (f, b, D (2024, 3, 5));
  const JdDay b_talks[] = { D (2024, 3, 10), D (2024, 5, 1),   D (2024, 6, 25),
                            D (2024, 8, 20), D (2024, 10, 15), D (2024, 12, 10) };
  const JdDay b_tests[] = { D (2024, 3, 10), D (2024, 5, 5),   D (2024, 7, 1),
                            D (2024, 8, 28), D (2024, 10, 25), D (2024, 12, 20) };
  for (guint k = 0; k < G_N_ELEMENTS (b_talks); k++)
    {
      jd_test_add_followup (f->t.ledger, b, "talk", b_talks[k], NULL);
      jd_test_add_followup (f->t.ledger, b, "urine_test", b_tests[k], "negative");
    }

  gint64 c
      = jd_test_add_resident (f->t.ledger, f->v01, "丙", "19800101", 3, D (2019, 7, 1), "某路1号");
  jd_test_add_status (f->t.ledger, c, "community_detox", D (2022, 1, 10), 0);
  member (f, c, D (2022, 1, 10), D (2024, 6, 30));
  agreement (f, c, D (2022, 1, 15));
  jd_test_add_followup (f->t.ledger, c, "urine_test", D (2024, 2, 1), "negative");
  jd_test_add_followup (f->t.ledger, c, "urine_test", D (2024, 4, 1), "negative");
  jd_test_add_followup (f->t.ledger, c, "urine_test", D (2024, 5, 31), "positive");
  jd_test_add_followup (f->t.ledger, c, "urine_test", D (2024, 7, 25), "negative");
  jd_test_add_followup (f->t.ledger, c, "urine_test", D (2024, 9, 20), "negative");
  jd_test_add_followup (f->t.ledger, c, "urine_test", D (2024, 11, 15), "negative");
  jd_test_add_followup (f->t.ledger, c, "talk", D (2024, 1, 5), NULL);
  jd_test_add_followup (f->t.ledger, c, "talk", D (2024, 5, 20), NULL);

  gint64 k
      = jd_test_add_resident (f->t.ledger, f->v01, "丁", "19800101", 4, D (2023, 5, 1), "某路1号");
  jd_test_add_status (f->t.ledger, k, "community_rehab", D (2023, 5, 1), 0);
  jd_test_add_status (f->t.ledger, k, "at_large", D (2024, 4, 1), 0);
  jd_test_add_followup (f->t.ledger, k, "urine_test", D (2024, 2, 10), "refused");
  jd_test_add_followup (f->t.ledger, k, "urine_test", D (2024, 5, 10), "negative");

  jd_test_add_resident (f->t.ledger, f->v01, "戊", "19800101", 5, D (2025, 3, 1), "某路1号");

  gint64 d
      = jd_test_add_resident (f->t.ledger, f->v02, "己", "19800101", 6, D (2022, 11, 1), "某路1号");
  jd_test_add_status (f->t.ledger, d, "custody", D (2023, 1, 1), D (2026, 1, 1));
  gint64 e
      = jd_test_add_resident (f->t.ledger, f->v02, "庚", "19800101", 7, D (2022, 11, 1), "某路1号");
  jd_test_add_status (f->t.ledger, e, "custody", D (2023, 1, 1), D (2025, 12, 31));
  gint64 fp
      = jd_test_add_resident (f->t.ledger, f->v02, "辛", "19800101", 8, D (2012, 1, 1), "某路1号");
  use (f, fp, D (2022, 6, 1));
  jd_test_add_status (f->t.ledger, fp, "missing", D (2020, 12, 31), 0);
  gint64 g
      = jd_test_add_resident (f->t.ledger, f->v02, "壬", "19800101", 9, D (2016, 1, 1), "某路1号");
  jd_test_add_status (f->t.ledger, g, "deceased", D (2023, 8, 1), 0);
  gint64 h
      = jd_test_add_resident (f->t.ledger, f->v02, "癸", "19800101", 10, D (2018, 1, 1), "某路1号");
  use (f, h, D (2024, 3, 1));
  jd_test_add_status (f->t.ledger, h, "moved_out", D (2024, 5, 1), 0);

  jd_test_add_resident (f->t.ledger, f->v03, "子", "19800101", 11, D (2017, 1, 1), "某路1号");

  for (int m = 1; m <= 12; m++)
    for (int day = 1; day <= 22; day += 7)
      {
        activity (f, f->v01, D (2024, m, day));
        if (m <= 5 || (m == 6 && day <= 15))
          activity (f, f->v02, D (2024, m, day));
      }
  for (int day = 1; day <= 5; day++)
    activity (f, f->v03, D (2024, 1, day));
  activity (f, 0, D (2024, 3, 10));
  activity (f, 0, D (2024, 9, 10));

  g_assert_true (jd_ledger_commit (f->t.ledger, &error));
}

/* ---- checking values ------------------------------------------------------------- */

/* The counts and ratios of §4 except status_counts; NONE for a null ratio. */
typedef struct
{
  double registered, exited, abstinent_1y, abstinent_3y, long_custody, long_missing, current_users,
      new_users, population, new_per_10k, relapse_persons, relapse_base, relapse_rate,
      community_persons, urine_tested, urine_test_rate, help_required, help_covered, help_rate,
      villages_total, villages_titled, coverage, activities, publicity_rate;
  /* community_detox, community_rehab, compulsory, voluntary, maintenance, custody,
   * at_large, missing, deceased, emigrated, moved_out */
  gint64 status_counts[JD_N_STATUSES];
} Expected;

static const char *const expected_keys[] = {
  "registered",      "exited",        "abstinent_1y", "abstinent_3y",      "long_custody",
  "long_missing",    "current_users", "new_users",    "population",        "new_per_10k",
  "relapse_persons", "relapse_base",  "relapse_rate", "community_persons", "urine_tested",
  "urine_test_rate", "help_required", "help_covered", "help_rate",         "villages_total",
  "villages_titled", "coverage",      "activities",   "publicity_rate",
};

static void
assert_values (const JdIndicatorValues *values, const Expected *expected)
{
  const double *want = (const double *)expected;
  for (guint k = 0; k < G_N_ELEMENTS (expected_keys); k++)
    {
      const JdIndicatorInfo *info = jd_indicator_find (expected_keys[k]);
      g_assert_nonnull (info);
      double got = info->kind == JD_INDICATOR_COUNT ? jd_indicator_values_count (values, info)
                                                    : jd_indicator_values_ratio (values, info);
      if (isnan (want[k]) != isnan (got) || (!isnan (got) && fabs (got - want[k]) > 1e-9))
        g_error ("%d %s: expected %g, got %g", values->year, expected_keys[k], want[k], got);
    }
  for (guint s = 0; s < JD_N_STATUSES; s++)
    if (values->status_counts[s] != expected->status_counts[s])
      g_error ("%d status_counts.%s: expected %" G_GINT64_FORMAT ", got %" G_GINT64_FORMAT,
               values->year, jd_status_key (s), expected->status_counts[s],
               values->status_counts[s]);
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

/* ---- the tests ---------------------------------------------------------------------- */

/* 2024, as of 2024-12-31, township-wide. */
static void
test_year (Fixture *f, gconstpointer data)
{
  g_autoptr (JdIndicators) indicators = compute (f, 2024, 2024, 0);
  g_assert_cmpuint (jd_indicators_get_n_years (indicators), ==, 1);
  const JdIndicatorValues *v = jd_indicators_get_township (indicators, 0);
  g_assert_cmpint (v->year, ==, 2024);
  g_assert_cmpuint (v->as_of, ==, D (2024, 12, 31));

  const Expected expected = {
    /* First found by 2024-12-31: A B C K D E F G H I; not J (2025). */
    .registered = 10,
    /* G deceased, H moved out. */
    .exited = 2,
    /* Last use + 1 year ≤ D: A (2010), K (2023-05-01), D and E (2022-11-01),
     * I (2017); not B (2024-02-29) nor C (the positive test of 2024-05-31),
     * nor F, missing at D (his last use 2022-06-01 says nothing). */
    .abstinent_1y = 5,
    /* + 3 years: only A and I; D, E → 2025-11-01 and F → 2025-06-01 are later. */
    .abstinent_3y = 2,
    /* D: planned 2026-01-01 ≥ 2023-01-01 + 3 years; E's 2025-12-31 falls short. */
    .long_custody = 1,
    /* F: missing since 2020-12-31, + 4 years = 2024-12-31 ≤ D. */
    .long_missing = 1,
    /* 10 − exited (G H) − abstinent 3 years (A I) − long custody (D) − long
     * missing (F) = B, C, E, K. */
    .current_users = 4,
    /* B, first found 2024-02-29. */
    .new_users = 1,
    /* V01 4000 + V02 6000 + V04 3000; V03 retired on 2024-06-30. */
    .population = 13000,
    .new_per_10k = 1 * 10000.0 / 13000,
    /* C (positive test 2024-05-31), H (2024-03-01); B's use is on his first-found day. */
    .relapse_persons = 2,
    /* Registered and not exited on 2024-01-01: all but G (deceased 2023). */
    .relapse_base = 9,
    .relapse_rate = 2.0 / 9,
    /* Under community measures on a day of 2024: B, C, K (until 2024-03-31). */
    .community_persons = 3,
    /* B and C tested under their measures; K refused, then tested while at large. */
    .urine_tested = 2,
    .urine_test_rate = 2.0 / 3,
    /* Community measures on 2024-12-31: B, C. */
    .help_required = 2,
    /* B; C's helper left on 2024-06-30. */
    .help_covered = 1,
    .help_rate = 0.5,
    /* V01 V02 V04 (V03 retired); only V01 holds the title. */
    .villages_total = 3,
    .villages_titled = 1,
    .coverage = 1.0 / 3,
    /* 48 + 23 + 5 + 2 township-wide. */
    .activities = 78,
    /* 3 villages × 12 months = 36 pairs; V01 12 months, V02 January–May. */
    .publicity_rate = 17.0 / 36,
    .status_counts = { [JD_STATUS_COMMUNITY_DETOX] = 2,
                       [JD_STATUS_CUSTODY] = 2,
                       [JD_STATUS_AT_LARGE] = 3, /* A, K, and I with no span */
                       [JD_STATUS_MISSING] = 1,
                       [JD_STATUS_DECEASED] = 1,
                       [JD_STATUS_MOVED_OUT] = 1 },
  };
  assert_values (v, &expected);
  g_assert_cmpint (v->publicity_pairs, ==, 36);
  g_assert_cmpint (v->publicity_met, ==, 17);
}

/* 2024 for each village: V's persons are the ones it manages. */
static void
test_villages (Fixture *f, gconstpointer data)
{
  g_autoptr (JdIndicators) indicators = compute (f, 2024, 2024, 0);
  g_assert_cmpuint (jd_indicators_get_n_villages (indicators), ==, 4);
  g_assert_cmpstr (jd_indicators_get_village_code (indicators, 0), ==, "V01");
  g_assert_cmpstr (jd_indicators_get_village_name (indicators, 3), ==, "北村");
  g_assert_cmpint (jd_indicators_get_village_id (indicators, 2), ==, f->v03);
  g_assert_null (jd_indicators_find_village (indicators, 0, 9999));

  /* V01: A B C K registered (J in 2025). */
  const Expected v01 = {
    .registered = 4,
    .abstinent_1y = 2 /* A K */,
    .abstinent_3y = 1 /* A */,
    .current_users = 3 /* B C K */,
    .new_users = 1,
    .population = 4000,
    .new_per_10k = 2.5,
    .relapse_persons = 1 /* C */,
    .relapse_base = 4,
    .relapse_rate = 0.25,
    .community_persons = 3,
    .urine_tested = 2,
    .urine_test_rate = 2.0 / 3,
    .help_required = 2,
    .help_covered = 1,
    .help_rate = 0.5,
    .villages_total = 1,
    .villages_titled = 1,
    .coverage = 1,
    .activities = 48,
    .publicity_rate = 1,
    .status_counts = { [JD_STATUS_COMMUNITY_DETOX] = 2, [JD_STATUS_AT_LARGE] = 2 },
  };
  assert_values (jd_indicators_find_village (indicators, 0, f->v01), &v01);

  /* V02: D E F G H; D long custody, F long missing, E the one current user. */
  const Expected v02 = {
    .registered = 5,
    .exited = 2,
    .abstinent_1y = 2 /* D E; not F, missing */,
    .long_custody = 1,
    .long_missing = 1,
    .current_users = 1,
    .population = 6000,
    .new_per_10k = 0,
    .relapse_persons = 1 /* H */,
    .relapse_base = 4 /* not G */,
    .relapse_rate = 0.25,
    .urine_test_rate = NONE,
    .help_rate = NONE,
    .villages_total = 1,
    .coverage = 0,
    .activities = 23,
    .publicity_rate = 5.0 / 12,
    .status_counts = { [JD_STATUS_CUSTODY] = 2,
                       [JD_STATUS_MISSING] = 1,
                       [JD_STATUS_DECEASED] = 1,
                       [JD_STATUS_MOVED_OUT] = 1 },
  };
  assert_values (jd_indicators_find_village (indicators, 0, f->v02), &v02);

  /* V03, retired: its person still counts, the village itself no longer does. */
  const Expected v03 = {
    .registered = 1,
    .abstinent_1y = 1,
    .abstinent_3y = 1,
    .new_per_10k = NONE,
    .relapse_base = 1,
    .relapse_rate = 0,
    .urine_test_rate = NONE,
    .help_rate = NONE,
    .coverage = NONE,
    .activities = 5,
    .publicity_rate = NONE,
    .status_counts = { [JD_STATUS_AT_LARGE] = 1 },
  };
  assert_values (jd_indicators_find_village (indicators, 0, f->v03), &v03);

  /* V04: nobody, revoked in May, no activity in twelve complete months. */
  const Expected v04 = {
    .population = 3000,
    .new_per_10k = 0,
    .relapse_rate = NONE,
    .urine_test_rate = NONE,
    .help_rate = NONE,
    .villages_total = 1,
    .coverage = 0,
    .publicity_rate = 0,
  };
  assert_values (jd_indicators_get_village (indicators, 0, 3), &v04);
}

/* As of 2024-06-15: V03 is not retired yet, five months are complete. */
static void
test_as_of (Fixture *f, gconstpointer data)
{
  g_autoptr (JdIndicators) indicators = compute (f, 2024, 2024, D (2024, 6, 15));
  const JdIndicatorValues *v = jd_indicators_get_township (indicators, 0);
  g_assert_cmpuint (v->as_of, ==, D (2024, 6, 15));

  const Expected expected = {
    .registered = 10,
    .exited = 2,
    /* K: 2023-05-01 + 1 year ≤ 2024-06-15 still; the same five as at year end. */
    .abstinent_1y = 5,
    .abstinent_3y = 2,
    .long_custody = 1,
    /* F: 2024-12-31 is after D. */
    .long_missing = 0,
    /* B C E F K. */
    .current_users = 5,
    .new_users = 1,
    /* All four villages: 15000. */
    .population = 15000,
    .new_per_10k = 10000.0 / 15000,
    .relapse_persons = 2,
    .relapse_base = 9,
    .relapse_rate = 2.0 / 9,
    .community_persons = 3,
    .urine_tested = 2,
    .urine_test_rate = 2.0 / 3,
    /* B and C; C's helper stays until 2024-06-30. */
    .help_required = 2,
    .help_covered = 2,
    .help_rate = 1,
    /* V01 (one yellow card), V03; V02 lost it 2024-03-01, V04 on 2024-05-01. */
    .villages_total = 4,
    .villages_titled = 2,
    .coverage = 0.5,
    /* V01 20 + 3 in June, V02 20 + 3, V03 5, township 1 (March). */
    .activities = 52,
    /* 4 villages × 5 complete months = 20; V01 5, V02 5, V03 January. */
    .publicity_rate = 11.0 / 20,
    .status_counts = { [JD_STATUS_COMMUNITY_DETOX] = 2,
                       [JD_STATUS_CUSTODY] = 2,
                       [JD_STATUS_AT_LARGE] = 3,
                       [JD_STATUS_MISSING] = 1,
                       [JD_STATUS_DECEASED] = 1,
                       [JD_STATUS_MOVED_OUT] = 1 },
  };
  assert_values (v, &expected);
}

/* A range: one set of values per year, the last the same as computed alone. */
static void
test_range (Fixture *f, gconstpointer data)
{
  g_autoptr (JdIndicators) range = compute (f, 2023, 2024, 0);
  g_assert_cmpuint (jd_indicators_get_n_years (range), ==, 2);
  g_assert_cmpint (jd_indicators_get_first_year (range), ==, 2023);

  const Expected y2023 = {
    /* A C K D E F G H I. */
    .registered = 9,
    .exited = 1, /* G */
    /* C's positive test is in 2024: his last use is 2019-07-01. H's too (2018).
     * F is missing: not abstinent. */
    .abstinent_1y = 6,  /* A C D E H I */
    .abstinent_3y = 4,  /* A C H I */
    .long_custody = 1,  /* D */
    .long_missing = 0,  /* F only on 2024-12-31 */
    .current_users = 3, /* 9 − G − A C H I − D = K E F */
    .new_users = 1,     /* K */
    .population = 15000,
    .new_per_10k = 10000.0 / 15000,
    .relapse_persons = 0,
    /* On 2023-01-01 G had no span yet (at large): all nine. */
    .relapse_base = 9,
    .relapse_rate = 0,
    .community_persons = 2, /* C, K */
    .urine_tested = 0,      /* their tests are all in 2024 */
    .urine_test_rate = 0,
    .help_required = 2, /* C, K */
    .help_covered = 1,  /* C; K has no helper */
    .help_rate = 0.5,
    .villages_total = 4,
    .villages_titled = 4, /* V01 and V02 with one yellow card each */
    .coverage = 1,
    .activities = 0,
    .publicity_rate = 0, /* 48 pairs, none with four activities */
    .status_counts = { [JD_STATUS_COMMUNITY_DETOX] = 1,
                       [JD_STATUS_COMMUNITY_REHAB] = 1,
                       [JD_STATUS_CUSTODY] = 2,
                       [JD_STATUS_AT_LARGE] = 3, /* A, H and I without a span */
                       [JD_STATUS_MISSING] = 1,
                       [JD_STATUS_DECEASED] = 1 },
  };
  assert_values (jd_indicators_get_township (range, 0), &y2023);

  g_autoptr (JdIndicators) alone = compute (f, 2024, 2024, 0);
  g_assert_cmpmem (jd_indicators_get_township (range, 1), sizeof (JdIndicatorValues),
                   jd_indicators_get_township (alone, 0), sizeof (JdIndicatorValues));
  for (guint v = 0; v < 4; v++)
    g_assert_cmpmem (jd_indicators_get_village (range, 1, v), sizeof (JdIndicatorValues),
                     jd_indicators_get_village (alone, 0, v), sizeof (JdIndicatorValues));
}

/* B last used on 2024-02-29: a year later is 2025-02-28, not March 1st. */
static void
test_feb_29 (Fixture *f, gconstpointer data)
{
  g_autoptr (JdIndicators) before = compute (f, 2025, 2025, D (2025, 2, 27));
  g_autoptr (JdIndicators) on = compute (f, 2025, 2025, D (2025, 2, 28));
  /* On 2025-02-27: A D E I K (F is missing); C's last use 2024-05-31 is too recent. */
  g_assert_cmpint (jd_indicators_get_township (before, 0)->abstinent_1y, ==, 5);
  /* On 2025-02-28 B joins them. */
  g_assert_cmpint (jd_indicators_get_township (on, 0)->abstinent_1y, ==, 6);

  /* As of his first-found day itself, B is registered and new. */
  g_autoptr (JdIndicators) found = compute (f, 2024, 2024, D (2024, 2, 29));
  g_assert_cmpint (jd_indicators_get_township (found, 0)->new_users, ==, 1);
  g_assert_cmpint (jd_indicators_get_township (found, 0)->registered, ==, 10);
  g_autoptr (JdIndicators) eve = compute (f, 2024, 2024, D (2024, 2, 28));
  g_assert_cmpint (jd_indicators_get_township (eve, 0)->new_users, ==, 0);
  g_assert_cmpint (jd_indicators_get_township (eve, 0)->registered, ==, 9);

  /* The SQL function the rest of the program uses says the same. */
  sqlite3_stmt *stmt = jd_ledger_prepare (
      f->t.ledger, "SELECT jd_add_years('2024-02-29', 1), jd_add_years('2024-02-29', 4)", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "2025-02-28");
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 1), ==, "2028-02-29");
  sqlite3_reset (stmt);
}

/* F has been missing four years only on 2024-12-31. */
static void
test_long_missing (Fixture *f, gconstpointer data)
{
  g_autoptr (JdIndicators) before = compute (f, 2024, 2024, D (2024, 12, 30));
  const JdIndicatorValues *v = jd_indicators_get_township (before, 0);
  g_assert_cmpint (v->long_missing, ==, 0);
  g_assert_cmpint (v->current_users, ==, 5); /* B C E F K */
  g_assert_cmpint (v->status_counts[JD_STATUS_MISSING], ==, 1);
}

/* The store chains A's spans: compulsory until 2012-04-30, rehabilitation from 05-01. */
static void
test_chained_spans (Fixture *f, gconstpointer data)
{
  g_autoptr (JdIndicators) april = compute (f, 2012, 2012, D (2012, 4, 30));
  g_autoptr (JdIndicators) may = compute (f, 2012, 2012, D (2012, 5, 1));
  const JdIndicatorValues *a = jd_indicators_get_township (april, 0);
  const JdIndicatorValues *m = jd_indicators_get_township (may, 0);
  /* Registered by then: A (2010) and F (2012-01-01, no span yet: at large). */
  g_assert_cmpint (a->registered, ==, 2);
  g_assert_cmpint (a->status_counts[JD_STATUS_COMPULSORY], ==, 1);
  g_assert_cmpint (a->status_counts[JD_STATUS_COMMUNITY_REHAB], ==, 0);
  g_assert_cmpint (a->status_counts[JD_STATUS_AT_LARGE], ==, 1);
  g_assert_cmpint (m->status_counts[JD_STATUS_COMPULSORY], ==, 0);
  g_assert_cmpint (m->status_counts[JD_STATUS_COMMUNITY_REHAB], ==, 1);
  /* One day of community measures in the period is enough. */
  g_assert_cmpint (a->community_persons, ==, 0);
  g_assert_cmpint (m->community_persons, ==, 1);
  /* F is new in 2012: 1 per 15,000 residents. */
  g_assert_cmpint (a->new_users, ==, 1);
  g_assert_cmpfloat_with_epsilon (a->new_per_10k, 10000.0 / 15000, 1e-9);
  /* A's help: required under rehabilitation, but no helper or agreement. */
  g_assert_cmpint (m->help_required, ==, 1);
  g_assert_cmpint (m->help_covered, ==, 0);
  g_assert_cmpfloat (m->help_rate, ==, 0);
}

/* No complete month in the period: publicity_rate is null. */
static void
test_no_complete_month (Fixture *f, gconstpointer data)
{
  g_autoptr (JdIndicators) january = compute (f, 2024, 2024, D (2024, 1, 31));
  g_autoptr (JdIndicators) early = compute (f, 2024, 2024, D (2024, 1, 30));
  const JdIndicatorValues *j = jd_indicators_get_township (january, 0);
  const JdIndicatorValues *e = jd_indicators_get_township (early, 0);
  g_assert_true (isnan (e->publicity_rate));
  g_assert_cmpint (e->publicity_pairs, ==, 0);
  /* On January 31st January is complete: V01 4, V02 4, V03 5, V04 0 → 3 of 4. */
  g_assert_cmpfloat_with_epsilon (j->publicity_rate, 0.75, 1e-9);
  /* Activities count anyway: V01 4, V02 4, V03 5 (January 1–5). */
  g_assert_cmpint (e->activities, ==, 13);

  g_assert_cmpint (jd_complete_months (D (2024, 1, 30)), ==, 0);
  g_assert_cmpint (jd_complete_months (D (2024, 1, 31)), ==, 1);
  g_assert_cmpint (jd_complete_months (D (2024, 2, 28)), ==, 1);
  g_assert_cmpint (jd_complete_months (D (2024, 2, 29)), ==, 2);
  g_assert_cmpint (jd_complete_months (D (2024, 12, 31)), ==, 12);
}

/* An empty ledger: zeros, and every ratio null. */
static void
test_empty (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jd-indicators-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr (JdLedger) ledger = jd_ledger_create (path, "空镇", NULL, &error);
  g_assert_no_error (error);
  g_autoptr (JdIndicators) indicators = jd_indicators_compute (ledger, 2020, 2024, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jd_indicators_get_n_years (indicators), ==, 5);
  g_assert_cmpuint (jd_indicators_get_n_villages (indicators), ==, 0);
  const Expected zero = {
    .new_per_10k = NONE,
    .relapse_rate = NONE,
    .urine_test_rate = NONE,
    .help_rate = NONE,
    .coverage = NONE,
    .publicity_rate = NONE,
  };
  for (guint i = 0; i < 5; i++)
    assert_values (jd_indicators_get_township (indicators, i), &zero);
  g_clear_object (&indicators);
  g_clear_object (&ledger);
  const char *const suffixes[] = { "", "-wal", "-shm" };
  for (guint k = 0; k < G_N_ELEMENTS (suffixes); k++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[k], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

/* Bad ranges are refused with a message, not computed. */
static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_assert_null (jd_indicators_compute (f->t.ledger, 2024, 2023, 0, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (jd_indicators_compute (f->t.ledger, 2023, 2024, D (2023, 6, 1), &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2023-06-01"));
}

/* The keys are exactly those of docs/contract.md §4, in its order. */
static void
test_keys (void)
{
  static const char *const keys[] = {
    "registered",         "exited",
    "abstinent_1y",       "abstinent_3y",
    "long_custody",       "long_missing",
    "current_users",      "status_counts",
    "new_users",          "population",
    "new_per_10k",        "relapse_persons",
    "relapse_base",       "relapse_rate",
    "community_persons",  "urine_tested",
    "urine_test_rate",    "help_required",
    "help_covered",       "help_rate",
    "villages_total",     "villages_titled",
    "coverage",           "urine_tests_required",
    "urine_tests_done",   "urine_count_rate",
    "society_persons",    "society_tested",
    "society_urine_rate", "separated_persons",
    "separated_found",    "separated_found_rate",
    "awareness",          "activities",
    "publicity_rate",
  };
  guint n = 0;
  const JdIndicatorInfo *infos = jd_indicator_infos (&n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (keys));
  for (guint k = 0; k < n; k++)
    {
      g_assert_cmpstr (infos[k].key, ==, keys[k]);
      g_assert_nonnull (infos[k].label);
      g_assert_nonnull (infos[k].zh);
    }
  guint n_statuses = 0;
  const JdEnumValue *statuses = jd_enum_values (JD_ENUM_STATUS, &n_statuses);
  g_assert_cmpuint (n_statuses, ==, JD_N_STATUSES);
  for (guint s = 0; s < JD_N_STATUSES; s++)
    g_assert_cmpstr (jd_status_key (s), ==, statuses[s].key);
  guint n_groups = 0;
  const JdEnumValue *groups = jd_enum_values (JD_ENUM_SURVEY_GROUP, &n_groups);
  g_assert_cmpuint (n_groups, ==, JD_N_SURVEY_GROUPS);
  static const char *const group_keys[] = { "public", "migrant", "venue_staff", "students" };
  for (guint g = 0; g < JD_N_SURVEY_GROUPS; g++)
    {
      g_assert_cmpstr (jd_survey_group_key (g), ==, groups[g].key);
      g_assert_cmpstr (groups[g].key, ==, group_keys[g]);
    }
}

/* ---- targets ------------------------------------------------------------------------ */

/* Defaults from the reference plans, stored and read back through `setting`. */
static void
test_targets_settings (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_assert_cmpfloat (jd_targets_get (f->t.ledger, JD_TARGET_COVERAGE), ==, 0.6);
  g_assert_cmpfloat (jd_targets_get (f->t.ledger, JD_TARGET_COVERAGE_TOWN), ==, 0.8);
  g_assert_cmpfloat (jd_targets_get (f->t.ledger, JD_TARGET_NEW_PER_10K), ==, 0.5);
  g_assert_cmpfloat (jd_targets_get (f->t.ledger, JD_TARGET_URINE_TEST_RATE), ==, 1.0);
  g_assert_cmpfloat (jd_targets_get (f->t.ledger, JD_TARGET_HELP_RATE), ==, 1.0);
  g_assert_cmpfloat (jd_targets_get (f->t.ledger, JD_TARGET_ABSTINENT_1Y), ==, 0.3);
  g_assert_cmpfloat (jd_targets_get (f->t.ledger, JD_TARGET_ABSTINENT_3Y), ==, 0.5);
  g_assert_cmpfloat (jd_targets_get (f->t.ledger, JD_TARGET_PUBLICITY_RATE), ==, 1.0);
  g_assert_cmpfloat (jd_targets_get (f->t.ledger, JD_TARGET_MISSING), ==, 0);

  g_assert_true (jd_targets_set (f->t.ledger, JD_TARGET_COVERAGE, 0.65, &error));
  g_assert_no_error (error);
  g_autofree char *stored = jd_ledger_get_setting (f->t.ledger, "target.coverage");
  g_assert_cmpstr (stored, ==, "0.65");
  g_assert_cmpfloat (jd_targets_get (f->t.ledger, JD_TARGET_COVERAGE), ==, 0.65);

  /* A percentage above 100 % or a negative target is refused; nothing changes. */
  g_assert_false (jd_targets_set (f->t.ledger, JD_TARGET_HELP_RATE, 1.5, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (jd_targets_set (f->t.ledger, JD_TARGET_NEW_PER_10K, -1, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpfloat (jd_targets_get (f->t.ledger, JD_TARGET_NEW_PER_10K), ==, 0.5);

  /* Garbage in the table falls back to the default. */
  g_assert_true (jd_ledger_set_setting (f->t.ledger, "target.new_per_10k", "abc", &error));
  g_assert_cmpfloat (jd_targets_get (f->t.ledger, JD_TARGET_NEW_PER_10K), ==, 0.5);

  g_assert_true (jd_targets_reset (f->t.ledger, JD_TARGET_COVERAGE, &error));
  g_assert_cmpfloat (jd_targets_get (f->t.ledger, JD_TARGET_COVERAGE), ==, 0.6);

  g_assert_true (jd_target_find ("target.help_rate") == jd_target_info (JD_TARGET_HELP_RATE));
  g_assert_true (jd_target_find ("coverage") == jd_target_info (JD_TARGET_COVERAGE));
  g_assert_null (jd_target_find ("nonsense"));
}

/* Each target against the fixture's 2024 and 2023, by hand. */
static void
test_targets_judge (Fixture *f, gconstpointer data)
{
  g_autoptr (JdIndicators) range = compute (f, 2023, 2024, 0);
  const JdIndicatorValues *y2023 = jd_indicators_get_township (range, 0);
  const JdIndicatorValues *y2024 = jd_indicators_get_township (range, 1);
  const struct
  {
    JdTarget target;
    const JdIndicatorValues *values;
    double actual;
    JdVerdict verdict;
  } cases[] = {
    /* 2024: coverage 1/3 < 60 %; 2023: 100 %. */
    { JD_TARGET_COVERAGE, y2024, 1.0 / 3, JD_VERDICT_NOT_MET },
    { JD_TARGET_COVERAGE, y2023, 1.0, JD_VERDICT_MET },
    { JD_TARGET_COVERAGE_TOWN, y2023, 1.0, JD_VERDICT_MET },
    /* 0.769 new users per 10,000 > 0.5. */
    { JD_TARGET_NEW_PER_10K, y2024, 10000.0 / 13000, JD_VERDICT_NOT_MET },
    { JD_TARGET_URINE_TEST_RATE, y2024, 2.0 / 3, JD_VERDICT_NOT_MET },
    { JD_TARGET_HELP_RATE, y2024, 0.5, JD_VERDICT_NOT_MET },
    /* 5 of (10 − 2) = 62.5 % ≥ 30 %; 2 of 5 = 40 % < 50 %. */
    { JD_TARGET_ABSTINENT_1Y, y2024, 5.0 / 8, JD_VERDICT_MET },
    { JD_TARGET_ABSTINENT_3Y, y2024, 2.0 / 5, JD_VERDICT_NOT_MET },
    /* 2023: 4 of 6 ≥ ½. */
    { JD_TARGET_ABSTINENT_3Y, y2023, 4.0 / 6, JD_VERDICT_MET },
    { JD_TARGET_PUBLICITY_RATE, y2024, 17.0 / 36, JD_VERDICT_NOT_MET },
    /* One missing person (F). */
    { JD_TARGET_MISSING, y2024, 1, JD_VERDICT_NOT_MET },
    /* 2023's rate was 0: nothing to fall from, but 0 is itself met. */
    { JD_TARGET_RELAPSE_RATE, y2023, 0, JD_VERDICT_MET },
  };
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_assert_cmpfloat_with_epsilon (jd_target_actual (cases[k].target, cases[k].values),
                                      cases[k].actual, 1e-9);
      g_assert_cmpint (jd_targets_judge (f->t.ledger, cases[k].target, cases[k].values, NULL), ==,
                       cases[k].verdict);
    }

  /* The relapse rate rose from 0 (2023) to 2/9 (2024): not met; without last
   * year's it cannot be judged. */
  g_assert_cmpint (jd_targets_judge (f->t.ledger, JD_TARGET_RELAPSE_RATE, y2024, y2023), ==,
                   JD_VERDICT_NOT_MET);
  g_assert_cmpint (jd_targets_judge (f->t.ledger, JD_TARGET_RELAPSE_RATE, y2024, NULL), ==,
                   JD_VERDICT_UNKNOWN);
  g_assert_cmpint (jd_targets_judge (f->t.ledger, JD_TARGET_RELAPSE_RATE, y2023, y2024), ==,
                   JD_VERDICT_MET);

  /* A lower target changes the verdict: coverage ≥ 30 % is met by 1/3. */
  g_assert_true (jd_targets_set (f->t.ledger, JD_TARGET_COVERAGE, 0.3, NULL));
  g_assert_cmpint (jd_targets_judge (f->t.ledger, JD_TARGET_COVERAGE, y2024, NULL), ==,
                   JD_VERDICT_MET);

  /* A null ratio is unknown, never met. */
  g_autoptr (JdIndicators) alone = compute (f, 2024, 2024, 0);
  const JdIndicatorValues *v02 = jd_indicators_find_village (alone, 0, f->v02);
  g_assert_cmpint (jd_targets_judge (f->t.ledger, JD_TARGET_HELP_RATE, v02, NULL), ==,
                   JD_VERDICT_UNKNOWN);

  g_autofree char *coverage = jd_target_describe (JD_TARGET_COVERAGE_TOWN, 0.8);
  g_assert_cmpstr (coverage, ==, "≥ 80%");
  g_autofree char *new_users = jd_target_describe (JD_TARGET_NEW_PER_10K, 0.5);
  g_assert_cmpstr (new_users, ==, "≤ 0.5");
}

/* A missing person is never abstinent: 寅 (V02), first found 2015-03-01 and
 * never seen using since, missing from 2019-03-01. On 2022-12-31 his last use
 * is more than three years old, yet he counts as a current user, not as
 * abstinent; from 2023-03-01 (+ 4 years) he is long missing instead. */
static void
test_missing_not_abstinent (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdIndicators) before = compute (f, 2022, 2023, 0);
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  gint64 m
      = jd_test_add_resident (f->t.ledger, f->v02, "寅", "19800101", 20, D (2015, 3, 1), "某路1号");
  jd_test_add_status (f->t.ledger, m, "missing", D (2019, 3, 1), 0);
  g_autoptr (JdIndicators) after = compute (f, 2022, 2023, 0);
  g_autoptr (JdIndicators) eve = compute (f, 2023, 2023, D (2023, 2, 28));
  g_autoptr (JdIndicators) day = compute (f, 2023, 2023, D (2023, 3, 1));
  jd_ledger_rollback (f->t.ledger);

  for (guint i = 0; i < 2; i++)
    {
      const JdIndicatorValues *was = jd_indicators_find_village (before, i, f->v02);
      const JdIndicatorValues *now = jd_indicators_find_village (after, i, f->v02);
      g_assert_cmpint (now->registered, ==, was->registered + 1);
      g_assert_cmpint (now->status_counts[JD_STATUS_MISSING], ==,
                       was->status_counts[JD_STATUS_MISSING] + 1);
      g_assert_cmpint (now->abstinent_1y, ==, was->abstinent_1y);
      g_assert_cmpint (now->abstinent_3y, ==, was->abstinent_3y);
    }
  /* 2022: a current user; 2023: long missing (2019-03-01 + 4 years ≤ 2023-12-31). */
  const JdIndicatorValues *was22 = jd_indicators_find_village (before, 0, f->v02);
  const JdIndicatorValues *now22 = jd_indicators_find_village (after, 0, f->v02);
  g_assert_cmpint (now22->current_users, ==, was22->current_users + 1);
  g_assert_cmpint (now22->long_missing, ==, was22->long_missing);
  const JdIndicatorValues *was23 = jd_indicators_find_village (before, 1, f->v02);
  const JdIndicatorValues *now23 = jd_indicators_find_village (after, 1, f->v02);
  g_assert_cmpint (now23->current_users, ==, was23->current_users);
  g_assert_cmpint (now23->long_missing, ==, was23->long_missing + 1);
  /* The day he has been missing four years. F (2020-12-31) is not yet: 寅 alone. */
  g_assert_cmpint (jd_indicators_find_village (eve, 0, f->v02)->long_missing, ==, 0);
  g_assert_cmpint (jd_indicators_find_village (day, 0, f->v02)->long_missing, ==, 1);
}

/* Each measure has its own agreement: 卯 (V01) was under community detox from
 * 2018-01-01 with an agreement of 2018-01-05, in compulsory isolation from
 * 2020-01-01 where another was signed on 2021-12-20, and under community
 * rehabilitation from 2022-01-01 with a helper all along. Neither agreement is
 * for the rehabilitation: not helped until one is signed on 2022-02-01. */
static void
test_agreement_per_measure (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  gint64 n
      = jd_test_add_resident (f->t.ledger, f->v01, "卯", "19800101", 21, D (2018, 1, 1), "某路1号");
  jd_test_add_status (f->t.ledger, n, "community_detox", D (2018, 1, 1), 0);
  jd_test_add_status (f->t.ledger, n, "compulsory", D (2020, 1, 1), 0);
  jd_test_add_status (f->t.ledger, n, "community_rehab", D (2022, 1, 1), 0);
  member (f, n, D (2018, 1, 1), 0);
  agreement (f, n, D (2018, 1, 5));
  agreement (f, n, D (2021, 12, 20));
  g_autoptr (JdIndicators) detox = compute (f, 2018, 2018, 0);
  g_autoptr (JdIndicators) rehab = compute (f, 2022, 2022, 0);
  agreement (f, n, D (2022, 2, 1));
  g_autoptr (JdIndicators) january = compute (f, 2022, 2022, D (2022, 1, 31));
  g_autoptr (JdIndicators) signed_ = compute (f, 2022, 2022, 0);
  jd_ledger_rollback (f->t.ledger);

  /* 2018: the detox's own agreement counts. The fixture has no one else under
   * community measures in 2018 or 2022 (B from 2024, C from 2022-01-10, K 2023). */
  const JdIndicatorValues *v = jd_indicators_find_village (detox, 0, f->v01);
  g_assert_cmpint (v->help_required, ==, 1);
  g_assert_cmpint (v->help_covered, ==, 1);
  /* 2022-12-31: C (covered) and 卯 (not). */
  v = jd_indicators_find_village (rehab, 0, f->v01);
  g_assert_cmpint (v->help_required, ==, 2);
  g_assert_cmpint (v->help_covered, ==, 1);
  g_assert_cmpfloat (v->help_rate, ==, 0.5);
  /* As of 2022-01-31 the new agreement is not signed yet; C is under detox since
   * 01-10 with his of 01-15. */
  v = jd_indicators_find_village (january, 0, f->v01);
  g_assert_cmpint (v->help_required, ==, 2);
  g_assert_cmpint (v->help_covered, ==, 1);
  v = jd_indicators_find_village (signed_, 0, f->v01);
  g_assert_cmpint (v->help_covered, ==, 2);
  g_assert_cmpfloat (v->help_rate, ==, 1);
}

/* ---- against a plain reading of §4 ---------------------------------------------------- */

/* A random ledger, odd data included (spans and uses before the first-found
 * date, persons found after the years asked), and §4 read literally in SQL
 * one person at a time: the engine's merged streams must agree with it for
 * every year, the township and every village. */
static const char *const oracle_persons_sql
    = "WITH st AS (SELECT p.id, p.first_found_on AS ff,"
      "  coalesce((SELECT status FROM status_span s WHERE s.person_id = p.id AND s.started_on <= :d"
      "   AND (s.ended_on IS NULL OR s.ended_on >= :d)), 'at_large') AS sd,"
      "  (SELECT started_on FROM status_span s WHERE s.person_id = p.id AND s.started_on <= :d"
      "   AND (s.ended_on IS NULL OR s.ended_on >= :d)) AS sd_start,"
      "  (SELECT planned_end_on FROM status_span s WHERE s.person_id = p.id AND s.started_on <= :d"
      "   AND (s.ended_on IS NULL OR s.ended_on >= :d)) AS sd_planned,"
      "  coalesce((SELECT status FROM status_span s WHERE s.person_id = p.id AND s.started_on <= "
      ":p0"
      "   AND (s.ended_on IS NULL OR s.ended_on >= :p0)), 'at_large') AS sp0,"
      "  max(p.first_found_on,"
      "   coalesce((SELECT max(occurred_on) FROM use_event u WHERE u.person_id = p.id"
      "    AND u.occurred_on <= :d), p.first_found_on),"
      "   coalesce((SELECT max(occurred_on) FROM followup f WHERE f.person_id = p.id"
      "    AND f.kind = 'urine_test' AND f.result = 'positive' AND f.occurred_on <= :d),"
      "    p.first_found_on)) AS last_use,"
      "  EXISTS (SELECT 1 FROM use_event u WHERE u.person_id = p.id AND u.occurred_on BETWEEN :p0"
      "   AND :d AND u.occurred_on > p.first_found_on) OR EXISTS (SELECT 1 FROM followup f"
      "   WHERE f.person_id = p.id AND f.kind = 'urine_test' AND f.result = 'positive'"
      "   AND f.occurred_on BETWEEN :p0 AND :d AND f.occurred_on > p.first_found_on) AS relapsed,"
      "  EXISTS (SELECT 1 FROM status_span s WHERE s.person_id = p.id"
      "   AND s.status IN ('community_detox', 'community_rehab') AND s.started_on <= :d"
      "   AND (s.ended_on IS NULL OR s.ended_on >= :p0)) AS community,"
      "  EXISTS (SELECT 1 FROM followup f JOIN status_span s ON s.person_id = f.person_id"
      "   WHERE f.person_id = p.id AND f.kind = 'urine_test' AND f.result IN ('negative', "
      "'positive')"
      "   AND f.occurred_on BETWEEN :p0 AND :d AND s.status IN ('community_detox', "
      "'community_rehab')"
      "   AND s.started_on <= f.occurred_on AND (s.ended_on IS NULL OR s.ended_on >= "
      "f.occurred_on))"
      "   AS tested,"
      "  EXISTS (SELECT 1 FROM help_member h WHERE h.person_id = p.id AND h.since <= :d"
      "   AND (h.until IS NULL OR h.until >= :d))"
      "  AND EXISTS (SELECT 1 FROM agreement a JOIN status_span s ON s.person_id = a.person_id"
      "   WHERE a.person_id = p.id AND s.started_on <= :d AND (s.ended_on IS NULL OR"
      "   s.ended_on >= :d) AND a.signed_on >= s.started_on AND a.signed_on <= :d)"
      "   AS helped,"
      "  EXISTS (SELECT 1 FROM followup f WHERE f.person_id = p.id AND f.kind = 'urine_test'"
      "   AND f.result IN ('negative', 'positive') AND f.occurred_on BETWEEN :p0 AND :d)"
      "   AS tested_any,"
      "  p.household_village_id IN (SELECT id FROM village)"
      "   AND p.household_village_id <> p.village_id AS separated"
      " FROM person p WHERE :village IS NULL OR p.village_id = :village),"
      " flags AS (SELECT *, ff <= :d AS reg, sd IN ('deceased', 'emigrated', 'moved_out') AS ex,"
      "  sd <> 'missing' AND jd_add_years(last_use, 3) <= :d AS a3,"
      "  sd = 'custody' AND coalesce(sd_planned >= jd_add_years(sd_start, 3), 0) AS lc,"
      "  sd = 'missing' AND jd_add_years(sd_start, 4) <= :d AS lm FROM st)"
      " SELECT total(reg), total(reg AND ex),"
      "  total(reg AND NOT ex AND sd <> 'missing' AND jd_add_years(last_use, 1) <= :d),"
      "  total(reg AND NOT ex AND a3),"
      "  total(reg AND NOT ex AND lc), total(reg AND NOT ex AND lm),"
      "  total(reg AND NOT (ex OR a3 OR lc OR lm)), total(ff BETWEEN :p0 AND :d), total(relapsed),"
      "  total(reg AND sp0 NOT IN ('deceased', 'emigrated', 'moved_out')), total(community),"
      "  total(community AND tested), total(sd IN ('community_detox', 'community_rehab')),"
      "  total(sd IN ('community_detox', 'community_rehab') AND helped),"
      "  total(reg AND sd = 'community_detox'), total(reg AND sd = 'community_rehab'),"
      "  total(reg AND sd = 'compulsory'), total(reg AND sd = 'voluntary'),"
      "  total(reg AND sd = 'maintenance'), total(reg AND sd = 'custody'),"
      "  total(reg AND sd = 'at_large'), total(reg AND sd = 'missing'),"
      "  total(reg AND sd = 'deceased'), total(reg AND sd = 'emigrated'),"
      "  total(reg AND sd = 'moved_out'),"
      "  total(reg AND NOT ex AND NOT a3 AND sd IN ('community_detox', 'community_rehab',"
      "   'at_large', 'maintenance')),"
      "  total(reg AND NOT ex AND NOT a3 AND sd IN ('community_detox', 'community_rehab',"
      "   'at_large', 'maintenance') AND tested_any),"
      "  total(reg AND NOT ex AND separated), total(reg AND NOT ex AND separated AND sd <> "
      "'missing')"
      " FROM flags";

/* urine_tests_required and urine_tests_done, span by span. */
static const char *const oracle_tests_sql
    = "WITH spans AS (SELECT s.person_id, max(s.started_on, :p0) AS a,"
      "  min(coalesce(s.ended_on, '9999-12-31'), :d) AS b FROM status_span s"
      "  JOIN person p ON p.id = s.person_id"
      "  WHERE s.status IN ('community_detox', 'community_rehab') AND s.started_on <= :d"
      "  AND (s.ended_on IS NULL OR s.ended_on >= :p0)"
      "  AND (:village IS NULL OR p.village_id = :village)),"
      " due AS (SELECT (CAST(julianday(b) - julianday(a) AS INTEGER) + 1 + 60) / 61 AS required,"
      "  (SELECT count(*) FROM followup f WHERE f.person_id = spans.person_id"
      "   AND f.kind = 'urine_test' AND f.result IN ('negative', 'positive')"
      "   AND f.occurred_on BETWEEN a AND b) AS done FROM spans)"
      " SELECT total(required), total(min(required, done)) FROM due";

static const char *const oracle_new_keys[] = {
  "society_persons",
  "society_tested",
  "separated_persons",
  "separated_found",
};

static const char *const oracle_keys[] = {
  "registered",        "exited",        "abstinent_1y",  "abstinent_3y",    "long_custody",
  "long_missing",      "current_users", "new_users",     "relapse_persons", "relapse_base",
  "community_persons", "urine_tested",  "help_required", "help_covered",
};

static void
bind_named (sqlite3_stmt *stmt, const char *name, const char *text)
{
  int index = sqlite3_bind_parameter_index (stmt, name);
  if (index > 0)
    jd_bind_text (stmt, index, text);
}

static gint64
oracle_count (JdLedger *ledger, const char *sql, const char *p0, const char *d, gint64 village)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, NULL);
  g_assert_nonnull (stmt);
  bind_named (stmt, ":p0", p0);
  bind_named (stmt, ":d", d);
  int index = sqlite3_bind_parameter_index (stmt, ":village");
  if (index > 0 && village)
    sqlite3_bind_int64 (stmt, index, village);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  gint64 n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static void
oracle_check (JdLedger *ledger, const JdIndicatorValues *v, gint64 village)
{
  char p0[JD_DAY_STRLEN], d[JD_DAY_STRLEN];
  jd_day_format (D (v->year, 1, 1), p0);
  jd_day_format (v->as_of, d);

  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, oracle_persons_sql, NULL);
  g_assert_nonnull (stmt);
  bind_named (stmt, ":p0", p0);
  bind_named (stmt, ":d", d);
  if (village)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":village"), village);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  for (guint k = 0; k < G_N_ELEMENTS (oracle_keys); k++)
    {
      gint64 want = sqlite3_column_int64 (stmt, k);
      gint64 got = jd_indicator_values_count (v, jd_indicator_find (oracle_keys[k]));
      if (want != got)
        g_error ("%s village %" G_GINT64_FORMAT " %s: the plain reading gives %" G_GINT64_FORMAT
                 ", the engine %" G_GINT64_FORMAT,
                 d, village, oracle_keys[k], want, got);
    }
  for (guint s = 0; s < JD_N_STATUSES; s++)
    {
      gint64 want = sqlite3_column_int64 (stmt, G_N_ELEMENTS (oracle_keys) + s);
      if (want != v->status_counts[s])
        g_error ("%s village %" G_GINT64_FORMAT " status_counts.%s: %" G_GINT64_FORMAT
                 " against %" G_GINT64_FORMAT,
                 d, village, jd_status_key (s), want, v->status_counts[s]);
    }
  for (guint k = 0; k < G_N_ELEMENTS (oracle_new_keys); k++)
    {
      gint64 want = sqlite3_column_int64 (stmt, G_N_ELEMENTS (oracle_keys) + JD_N_STATUSES + k);
      gint64 got = jd_indicator_values_count (v, jd_indicator_find (oracle_new_keys[k]));
      if (want != got)
        g_error ("%s village %" G_GINT64_FORMAT " %s: the plain reading gives %" G_GINT64_FORMAT
                 ", the engine %" G_GINT64_FORMAT,
                 d, village, oracle_new_keys[k], want, got);
    }
  sqlite3_reset (stmt);

  stmt = jd_ledger_prepare (ledger, oracle_tests_sql, NULL);
  g_assert_nonnull (stmt);
  bind_named (stmt, ":p0", p0);
  bind_named (stmt, ":d", d);
  if (village)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":village"), village);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, v->urine_tests_required);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, v->urine_tests_done);
  sqlite3_reset (stmt);

  /* Awareness: each group's surveys within the period, the village's own. */
  for (guint g = 0; g < JD_N_SURVEY_GROUPS; g++)
    {
      sqlite3_stmt *q = jd_ledger_prepare (
          ledger,
          "SELECT total(sampled), total(aware) FROM awareness_survey WHERE grp = :grp"
          " AND surveyed_on BETWEEN :p0 AND :d AND (:village IS NULL OR village_id = :village)",
          NULL);
      bind_named (q, ":grp", jd_survey_group_key (g));
      bind_named (q, ":p0", p0);
      bind_named (q, ":d", d);
      if (village)
        sqlite3_bind_int64 (q, sqlite3_bind_parameter_index (q, ":village"), village);
      g_assert_cmpint (sqlite3_step (q), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int64 (q, 0), ==, v->awareness_sampled[g]);
      g_assert_cmpint (sqlite3_column_int64 (q, 1), ==, v->awareness_aware[g]);
      sqlite3_reset (q);
    }

  const char *villages_sql
      = village ? "SELECT count(*) FROM village WHERE id = :village"
                  " AND (retired_on IS NULL OR retired_on > :d)"
                : "SELECT count(*) FROM village WHERE retired_on IS NULL OR retired_on > :d";
  g_assert_cmpint (oracle_count (ledger, villages_sql, p0, d, village), ==, v->villages_total);
  g_assert_cmpint (
      oracle_count (ledger,
                    village ? "SELECT total(resident_population) FROM village WHERE id = :village"
                              " AND (retired_on IS NULL OR retired_on > :d)"
                            : "SELECT total(resident_population) FROM village"
                              " WHERE retired_on IS NULL OR retired_on > :d",
                    p0, d, village),
      ==, v->population);
  g_assert_cmpint (
      oracle_count (ledger,
                    village ? "SELECT count(*) FROM activity WHERE village_id = :village"
                              " AND held_on BETWEEN :p0 AND :d"
                            : "SELECT count(*) FROM activity WHERE held_on BETWEEN :p0 AND :d",
                    p0, d, village),
      ==, v->activities);

  /* (village, complete month) pairs with four activities or more. */
  gint64 pairs = 0, met = 0;
  for (int m = 1; m <= jd_complete_months (v->as_of); m++)
    {
      g_autofree char *month = g_strdup_printf ("%04d-%02d", v->year, m);
      sqlite3_stmt *q = jd_ledger_prepare (
          ledger,
          "SELECT count(*), total((SELECT count(*) FROM activity a WHERE a.village_id = v.id"
          "  AND substr(a.held_on, 1, 7) = :month) >= 4) FROM village v"
          " WHERE (retired_on IS NULL OR retired_on > :d) AND (:village IS NULL OR v.id = "
          ":village)",
          NULL);
      bind_named (q, ":month", month);
      bind_named (q, ":d", d);
      if (village)
        sqlite3_bind_int64 (q, sqlite3_bind_parameter_index (q, ":village"), village);
      g_assert_cmpint (sqlite3_step (q), ==, SQLITE_ROW);
      pairs += sqlite3_column_int64 (q, 0);
      met += sqlite3_column_int64 (q, 1);
      sqlite3_reset (q);
    }
  g_assert_cmpint (pairs, ==, v->publicity_pairs);
  g_assert_cmpint (met, ==, v->publicity_met);
}

/* A ledger written before the rules on a person's dates (death is final,
 * nothing predates the first-found date) may hold records that break them;
 * the store now refuses such records, so the random ledger puts them in with
 * SQL, as an older program did, and the engine must still count them right. */
static int
raw (Fixture *f, const char *sql, gint64 p, JdDay day, const char *a, const char *b)
{
  GError *error = NULL;
  sqlite3_stmt *stmt = jd_ledger_prepare (f->t.ledger, sql, &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, p);
  jd_bind_day (stmt, 2, day);
  jd_bind_text (stmt, 3, a);
  jd_bind_text (stmt, 4, b);
  g_assert_true (jd_ledger_step_done (f->t.ledger, stmt, &error));
  g_assert_no_error (error);
  return sqlite3_changes (jd_ledger_get_db (f->t.ledger));
}

static gboolean
refused_by_date_rules (JdStoreResult result, GError **error)
{
  if (result != JD_STORE_FAILED)
    return FALSE;
  g_assert_error (*error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_true (strstr ((*error)->message, "first-found") || strstr ((*error)->message, "death"));
  g_clear_error (error);
  return TRUE;
}

static void
status_any (Fixture *f, gint64 p, const char *key, JdDay start, JdDay planned)
{
  GError *error = NULL;
  JdStatusRecord r
      = { .person_id = p, .status = key, .started_on = start, .planned_end_on = planned };
  if (!refused_by_date_rules (jd_store_status (f->t.ledger, &r, &error), &error))
    {
      g_assert_no_error (error);
      return;
    }
  /* The spans come in date order: the same start again amends the span; a
   * later one closes the open span and is added open. */
  char planned_text[JD_DAY_STRLEN];
  jd_day_format (planned, planned_text);
  const char *planned_or_null = planned ? planned_text : NULL;
  if (raw (f,
           "UPDATE status_span SET planned_end_on = ?4 WHERE person_id = ?1 AND started_on = ?2"
           " AND status = ?3",
           p, start, key, planned_or_null)
      > 0)
    return;
  raw (f,
       "UPDATE status_span SET ended_on = date(?2, '-1 day') WHERE person_id = ?1"
       " AND ended_on IS NULL AND started_on < ?2 AND ?3 IS ?4",
       p, start, NULL, NULL);
  raw (f,
       "INSERT INTO status_span (person_id, started_on, status, planned_end_on)"
       " VALUES (?1, ?2, ?3, ?4)",
       p, start, key, planned_or_null);
}

static void
use_any (Fixture *f, gint64 p, JdDay day)
{
  GError *error = NULL;
  JdUseEventRecord r = { .person_id = p, .occurred_on = day, .source = "police" };
  if (refused_by_date_rules (jd_store_use_event (f->t.ledger, &r, &error), &error))
    raw (f,
         "INSERT OR IGNORE INTO use_event (person_id, occurred_on, source) VALUES (?1, ?2, ?3)"
         " ON CONFLICT DO NOTHING",
         p, day, "police", NULL);
  g_assert_no_error (error);
}

static void
followup_any (Fixture *f, gint64 p, const char *kind, JdDay day, const char *result)
{
  GError *error = NULL;
  JdFollowupRecord r = { .person_id = p, .kind = kind, .occurred_on = day, .result = result };
  if (refused_by_date_rules (jd_store_followup (f->t.ledger, &r, &error), &error))
    raw (f, "INSERT INTO followup (person_id, occurred_on, kind, result) VALUES (?1, ?2, ?3, ?4)",
         p, day, kind, result);
  g_assert_no_error (error);
}

/* A help member after a death is left out (the engine does not count them then). */
static void
help_any (Fixture *f, const JdHelpMemberRecord *r)
{
  GError *error = NULL;
  refused_by_date_rules (jd_store_help_member (f->t.ledger, r, &error), &error);
  g_assert_no_error (error);
}

static void
agreement_any (Fixture *f, gint64 p, JdDay day)
{
  GError *error = NULL;
  JdAgreementRecord r = { .person_id = p, .signed_on = day };
  if (refused_by_date_rules (jd_store_agreement (f->t.ledger, &r, &error), &error))
    raw (f, "INSERT OR IGNORE INTO agreement (person_id, signed_on, note) VALUES (?1, ?2, ?3)", p,
         day, NULL, NULL);
  g_assert_no_error (error);
}

static JdDay
random_day (GRand *rand, JdDay from, JdDay to)
{
  return from + g_rand_int_range (rand, 0, to - from + 1);
}

static void
fill_randomly (Fixture *f, GRand *rand)
{
  static const char *const statuses[]
      = { "community_detox", "community_rehab", "compulsory", "voluntary", "maintenance", "custody",
          "at_large",        "missing",         "deceased",   "emigrated", "moved_out" };
  static const char *const results[] = { "negative", "positive", "refused" };
  const JdDay start = D (2008, 1, 1), today = D (2025, 6, 30);
  g_autoptr (GError) error = NULL;
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));

  /* Two more villages, one retired in the middle of the years. */
  gint64 villages[] = { f->v01, f->v02, f->v03, f->v04, 0, 0 };
  villages[4] = village (f, "V05", "新村", 5000, 0);
  villages[5]
      = village (f, "V06", "旧村", 2500, random_day (rand, D (2019, 1, 1), D (2024, 12, 31)));

  for (int n = 0; n < 250; n++)
    {
      JdDay found = random_day (rand, start, today);
      gint64 p = jd_test_add_resident (f->t.ledger, villages[g_rand_int_range (rand, 0, 6)], "某",
                                       "19800101", 100 + n, found, "某路1号");
      /* Now and then the history starts before the first-found date. */
      JdDay day = found + g_rand_int_range (rand, -200, 400);
      int n_spans = g_rand_int_range (rand, 0, 5);
      for (int k = 0; k < n_spans && day <= today; k++)
        {
          const char *key = statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))];
          JdDay planned = g_rand_boolean (rand) ? day + g_rand_int_range (rand, 300, 1500) : 0;
          status_any (f, p, key, day, planned);
          /* Round-number measures: exactly three years of custody, now and then. */
          if (g_str_equal (key, "custody") && g_rand_int_range (rand, 0, 3) == 0)
            status_any (f, p, key, day, jd_day_add_years (day, 3));
          day += g_rand_int_range (rand, 30, 1600);
        }
      for (int k = g_rand_int_range (rand, 0, 4); k > 0; k--)
        use_any (f, p, random_day (rand, found - 300, today));
      if (g_rand_int_range (rand, 0, 4) == 0)
        use_any (f, p, found); /* on the first-found day: not a relapse */
      for (int k = g_rand_int_range (rand, 0, 12); k > 0; k--)
        {
          gboolean urine = g_rand_boolean (rand);
          followup_any (f, p, urine ? "urine_test" : "talk", random_day (rand, found - 100, today),
                        urine ? results[g_rand_int_range (rand, 0, 3)] : NULL);
        }
      for (int k = g_rand_int_range (rand, 0, 3); k > 0; k--)
        {
          JdDay since = random_day (rand, found, today);
          JdHelpMemberRecord r
              = { .person_id = p,
                  .member_name = k == 1 ? "李帮教" : "张帮教",
                  .role = "cadre",
                  .since = since,
                  .until = g_rand_boolean (rand)
                               ? MIN (today, since + g_rand_int_range (rand, 0, 900))
                               : 0 };
          help_any (f, &r);
        }
      if (g_rand_boolean (rand))
        agreement_any (f, p, random_day (rand, found, today));
    }
  for (int n = 0; n < 700; n++)
    activity (f, g_rand_int_range (rand, 0, 8) == 0 ? 0 : villages[g_rand_int_range (rand, 0, 6)],
              random_day (rand, D (2016, 1, 1), today));

  /* Household villages: none, the managing one, or another (人户分离). */
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = jd_ledger_prepare (f->t.ledger, "SELECT id FROM person", &error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  for (guint k = 0; k < ids->len; k++)
    {
      g_autofree char *sql = NULL;
      switch (g_rand_int_range (rand, 0, 3))
        {
          case 0:
            continue;
          case 1:
            sql = g_strdup_printf ("UPDATE person SET household_village_id = village_id"
                                   " WHERE id = %" G_GINT64_FORMAT,
                                   g_array_index (ids, gint64, k));
            break;
          default:
            sql = g_strdup_printf ("UPDATE person SET household_village_id = %" G_GINT64_FORMAT
                                   " WHERE id = %" G_GINT64_FORMAT,
                                   villages[g_rand_int_range (rand, 0, 6)],
                                   g_array_index (ids, gint64, k));
        }
      g_assert_true (jd_ledger_exec (f->t.ledger, sql, &error));
    }

  /* Awareness surveys, township-wide or a village's; the same key twice with
   * other numbers is refused and passed over. */
  for (int n = 0; n < 120; n++)
    {
      guint n_groups = 0;
      const JdEnumValue *groups = jd_enum_values (JD_ENUM_SURVEY_GROUP, &n_groups);
      gint64 sampled = g_rand_int_range (rand, 1, 200);
      JdSurveyRecord r = {
        .village_id
        = g_rand_int_range (rand, 0, 5) == 0 ? 0 : villages[g_rand_int_range (rand, 0, 6)],
        .surveyed_on = random_day (rand, D (2016, 1, 1), today),
        .group = groups[g_rand_int_range (rand, 0, n_groups)].key,
        .sampled = sampled,
        .aware = g_rand_int_range (rand, 0, sampled + 1),
      };
      if (jd_store_survey (f->t.ledger, &r, &error) == JD_STORE_FAILED)
        g_clear_error (&error);
    }
  g_assert_true (jd_ledger_commit (f->t.ledger, &error));
}

static void
test_random (Fixture *f, gconstpointer data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (GPOINTER_TO_UINT (data));
  fill_randomly (f, rand);

  /* Nine years to a random day of 2025, and single years on random days. */
  JdDay as_of = random_day (rand, D (2025, 1, 1), D (2025, 12, 31));
  g_autoptr (JdIndicators) trend = compute (f, 2017, 2025, as_of);
  for (guint i = 0; i < jd_indicators_get_n_years (trend); i++)
    {
      oracle_check (f->t.ledger, jd_indicators_get_township (trend, i), 0);
      for (guint v = 0; v < jd_indicators_get_n_villages (trend); v++)
        oracle_check (f->t.ledger, jd_indicators_get_village (trend, i, v),
                      jd_indicators_get_village_id (trend, v));
    }
  for (int year = 2009; year <= 2024; year += 5)
    {
      JdDay day = random_day (rand, D (year, 1, 1), D (year, 12, 31));
      g_autoptr (JdIndicators) one = compute (f, year, year, day);
      oracle_check (f->t.ledger, jd_indicators_get_township (one, 0), 0);
    }

  /* Split among connections (as a large ledger is), the persons add up the same. */
  g_setenv ("JINDU_INDICATORS_MIN_PARALLEL", "0", TRUE);
  g_autoptr (JdIndicators) split = compute (f, 2017, 2025, as_of);
  g_unsetenv ("JINDU_INDICATORS_MIN_PARALLEL");
  guint n = jd_indicators_get_n_villages (trend);
  for (guint i = 0; i < jd_indicators_get_n_years (trend); i++)
    {
      g_assert_cmpmem (jd_indicators_get_township (split, i), sizeof (JdIndicatorValues),
                       jd_indicators_get_township (trend, i), sizeof (JdIndicatorValues));
      for (guint v = 0; v < n; v++)
        g_assert_cmpmem (jd_indicators_get_village (split, i, v), sizeof (JdIndicatorValues),
                         jd_indicators_get_village (trend, i, v), sizeof (JdIndicatorValues));
    }
  /* And list the same current users on D, as many as counted, in id order. */
  gsize n_split, n_whole;
  const gint64 *in_split = jd_indicators_get_current_users (split, &n_split);
  const gint64 *in_whole = jd_indicators_get_current_users (trend, &n_whole);
  guint last = jd_indicators_get_n_years (trend) - 1;
  g_assert_cmpint (n_whole, >, 0);
  g_assert_cmpint (n_whole, ==, jd_indicators_get_township (trend, last)->current_users);
  g_assert_cmpmem (in_split, n_split * sizeof (gint64), in_whole, n_whole * sizeof (gint64));
  for (gsize k = 1; k < n_whole; k++)
    g_assert_cmpint (in_whole[k - 1], <, in_whole[k]);
}

/* Inside the caller's transaction the engine sees its uncommitted rows, even
 * when it would otherwise split the persons among connections. */
static void
test_in_transaction (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_setenv ("JINDU_INDICATORS_MIN_PARALLEL", "0", TRUE);
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  jd_test_add_resident (f->t.ledger, f->v02, "新人", "19800101", 99, D (2024, 7, 1), "某路1号");
  g_autoptr (JdIndicators) inside = compute (f, 2024, 2024, 0);
  jd_ledger_rollback (f->t.ledger);
  g_autoptr (JdIndicators) after = compute (f, 2024, 2024, 0);
  g_unsetenv ("JINDU_INDICATORS_MIN_PARALLEL");
  /* 10 + the new person, who is also new in 2024; gone again after the rollback. */
  g_assert_cmpint (jd_indicators_get_township (inside, 0)->registered, ==, 11);
  g_assert_cmpint (jd_indicators_get_township (inside, 0)->new_users, ==, 2);
  g_assert_cmpint (jd_indicators_get_township (after, 0)->registered, ==, 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) JD_TEST_ADD (path, Fixture, NULL, fixture_set_up, func)
  ADD ("/indicators/year", test_year);
  ADD ("/indicators/villages", test_villages);
  ADD ("/indicators/as-of", test_as_of);
  ADD ("/indicators/range", test_range);
  ADD ("/indicators/feb-29", test_feb_29);
  ADD ("/indicators/long-missing", test_long_missing);
  ADD ("/indicators/chained-spans", test_chained_spans);
  ADD ("/indicators/no-complete-month", test_no_complete_month);
  ADD ("/indicators/errors", test_errors);
  ADD ("/indicators/in-transaction", test_in_transaction);
  ADD ("/indicators/missing-not-abstinent", test_missing_not_abstinent);
  ADD ("/indicators/agreement-per-measure", test_agreement_per_measure);
  ADD ("/targets/settings", test_targets_settings);
  ADD ("/targets/judge", test_targets_judge);
  for (guint seed = 1; seed <= 3; seed++)
    {
      g_autofree char *path = g_strdup_printf ("/indicators/random/%u", seed);
      JD_TEST_ADD (path, Fixture, GUINT_TO_POINTER (seed), fixture_set_up, test_random);
    }
#undef ADD
  g_test_add_func ("/indicators/empty", test_empty);
  g_test_add_func ("/indicators/keys", test_keys);

  return g_test_run ();
}
