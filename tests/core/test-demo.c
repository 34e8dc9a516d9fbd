/* test-demo.c: the demo ledger is believable, shows what the program must show, and is
 * the same ledger every time for one seed and one day */
#include <glib/gstdio.h>

#include "jd-check.h"
#include "jd-date.h"
#include "jd-demo.h"
#include "jd-error.h"
#include "jd-id-number.h"
#include "jd-ledger-private.h"
#include "jd-readiness.h"
#include "jd-title.h"
#include "jd-test-ledger.h"

/* Mid-year, so that the current year is a part year as it usually is. */
#define TODAY_Y 2024
#define TODAY_M 6
#define TODAY_D 15

static JdTestLedger folder; /* the ledgers of every test below, made in folder.dir */
static JdLedger *shared;    /* seed 7, township scale */

static JdLedger *
make_ledger (const char *name, guint32 seed)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (folder.dir, name, NULL);
  JdLedger *ledger = jd_ledger_create (path, "博美镇", "陆丰市", &error);
  g_assert_no_error (error);
  g_assert_true (jd_demo_fill (ledger, JD_DEMO_TOWNSHIP, seed, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return ledger;
}

static void
test_scale_names (void)
{
  JdDemoScale scale = JD_DEMO_TOWNSHIP;
  g_assert_true (jd_demo_scale_from_string ("city", &scale));
  g_assert_cmpint (scale, ==, JD_DEMO_CITY);
  g_assert_true (jd_demo_scale_from_string ("county", &scale));
  g_assert_cmpint (scale, ==, JD_DEMO_COUNTY);
  g_assert_false (jd_demo_scale_from_string ("province", &scale));
  g_assert_false (jd_demo_scale_from_string (NULL, &scale));
  g_assert_cmpint (scale, ==, JD_DEMO_COUNTY);
}

/* A township: twelve villages (two merged away), 150 persons, and every register kept. */
static void
test_counts (void)
{
  g_assert_cmpint (jd_ledger_count (shared, "village"), ==, 12);
  g_assert_cmpint (
      jd_test_query_int (shared, "SELECT count(*) FROM village WHERE retired_on IS NOT NULL"), ==,
      2);
  g_assert_cmpint (jd_ledger_count (shared, "person"), ==, 150);
  static const char *const tables[]
      = { "status_span", "use_event",       "help_member", "agreement",  "followup",
          "activity",    "letter",          "venue",       "inspection", "title_event",
          "assessment",  "assessment_item", "staff" };
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gint64 n = jd_ledger_count (shared, tables[i]);
      g_test_message ("%s: %" G_GINT64_FORMAT, tables[i], n);
      g_assert_cmpint (n, >, 0);
    }
  /* Some thousands of follow-ups: ten years of monthly work on the persons under measures. */
  g_assert_cmpint (jd_ledger_count (shared, "followup"), >, 1500);
  g_assert_cmpint (jd_ledger_count (shared, "followup"), <, 15000);
  /* The township row says where it is. */
  g_assert_cmpint (jd_test_query_int (shared, "SELECT count(*) FROM township WHERE name = '博美镇'"
                                              " AND county = '陆丰市' AND city = '汕尾市'"
                                              " AND province = '广东省'"),
                   ==, 1);
  /* The filled ledger is back in WAL mode, so the window can read while others write. */
  sqlite3_stmt *stmt = jd_ledger_prepare (shared, "PRAGMA journal_mode", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_reset (stmt);
  /* Every date has happened (the store refuses the future; this is the proof it ran). */
  g_assert_cmpint (
      jd_test_query_int (shared, "SELECT count(*) FROM followup WHERE occurred_on > '2024-06-15'"),
      ==, 0);
}

static void
test_persons (void)
{
  sqlite3_stmt *stmt
      = jd_ledger_prepare (shared, "SELECT id_number, first_found_on FROM person", NULL);
  int n = 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *)sqlite3_column_text (stmt, 0);
      g_autoptr (GError) error = NULL;
      g_autofree char *normalized = NULL;
      g_assert_true (jd_id_number_validate (id, &normalized, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, id);
      /* Adults when first found: born 1960–2004, found at 16 or older. */
      JdDay birth = jd_id_number_birth_date (id);
      g_assert_cmpint (jd_day_year (birth), >=, 1960);
      g_assert_cmpint (jd_day_year (birth), <=, 2004);
      g_assert_cmpint (jd_day_add_years (birth, 16), <=,
                       jd_day_parse_iso ((const char *)sqlite3_column_text (stmt, 1)));
      n++;
    }
  sqlite3_reset (stmt);
  g_assert_cmpint (n, ==, 150);

  /* Mostly men; some registered outside the township; most found before the ten years. */
  gint64 men = jd_test_query_int (shared, "SELECT count(*) FROM person WHERE sex = 'male'");
  g_assert_cmpint (men, >, 100);
  g_assert_cmpint (men, <, 150);
  g_assert_cmpint (
      jd_test_query_int (shared,
                         "SELECT count(*) FROM person WHERE household_village_name IS NOT NULL"),
      >, 0);
  gint64 old = jd_test_query_int (
      shared, "SELECT count(*) FROM person WHERE first_found_on < '2015-01-01'");
  g_assert_cmpint (old, >, 60);
  g_assert_cmpint (old, <, 140);
  /* New users every year, fewer in recent years than in the first ones. */
  gint64 early = jd_test_query_int (shared, "SELECT count(*) FROM person WHERE first_found_on"
                                            " BETWEEN '2015-01-01' AND '2017-12-31'");
  gint64 late = jd_test_query_int (shared, "SELECT count(*) FROM person WHERE first_found_on"
                                           " BETWEEN '2021-01-01' AND '2023-12-31'");
  g_test_message ("new users 2015–17: %" G_GINT64_FORMAT ", 2021–23: %" G_GINT64_FORMAT, early,
                  late);
  g_assert_cmpint (early, >, late);
  g_assert_cmpint (late, >, 0);
}

/* Every person has a status history: one open span, the rest chained. */
static void
test_statuses (void)
{
  g_assert_cmpint (jd_test_query_int (shared,
                                      "SELECT count(*) FROM person p WHERE NOT EXISTS"
                                      " (SELECT 1 FROM status_span s WHERE s.person_id = p.id)"),
                   ==, 0);
  g_assert_cmpint (
      jd_test_query_int (shared, "SELECT count(*) FROM status_span WHERE ended_on IS NULL"), ==,
      150);
  /* Measures keep their lengths: detox three years to the day before. */
  g_assert_cmpint (jd_test_query_int (
                       shared, "SELECT count(*) FROM status_span WHERE status = 'community_detox'"
                               " AND planned_end_on IS NOT date(started_on, '+3 years', '-1 day')"),
                   ==, 0);
  g_assert_cmpint (
      jd_test_query_int (shared, "SELECT count(*) FROM status_span WHERE status = 'community_rehab'"
                                 " AND planned_end_on > date(started_on, '+3 years')"),
      ==, 0);
  /* Most statuses occur; some persons are under a community measure today. */
  g_assert_cmpint (jd_test_query_int (shared, "SELECT count(DISTINCT status) FROM status_span"), >=,
                   8);
  g_assert_cmpint (jd_test_query_int (shared,
                                      "SELECT count(*) FROM status_span WHERE ended_on IS NULL"
                                      " AND status IN ('community_detox', 'community_rehab')"),
                   >=, 3);
  /* Relapses: positive urine tests or use events after the first finding. */
  g_assert_cmpint (
      jd_test_query_int (shared, "SELECT count(*) FROM followup WHERE result = 'positive'")
          + jd_ledger_count (shared, "use_event"),
      >, 10);
}

/* The title events of every village walk without a refusal; one village lost
 * its title to two consecutive yellow cards and another had it revoked. */
static void
test_titles (void)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (shared,
                                          "SELECT village_id, event, occurred_on FROM title_event"
                                          " ORDER BY village_id, occurred_on, id",
                                          NULL);
  gint64 village = 0;
  JdTitleState state;
  int revoked_by_cards = 0, revoked = 0, holding = 0;
  jd_title_state_init (&state);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (GError) error = NULL;
      if (sqlite3_column_int64 (stmt, 0) != village)
        {
          holding += jd_title_holds (&state);
          village = sqlite3_column_int64 (stmt, 0);
          jd_title_state_init (&state);
        }
      const char *event = (const char *)sqlite3_column_text (stmt, 1);
      g_assert_true (jd_title_apply (&state, event, jd_column_day (stmt, 2), &error));
      g_assert_no_error (error);
      if (state.stage == JD_TITLE_STAGE_REVOKED)
        {
          revoked_by_cards += g_str_equal (event, "yellow_card");
          revoked += g_str_equal (event, "revoked");
        }
    }
  holding += jd_title_holds (&state);
  sqlite3_reset (stmt);
  g_assert_cmpint (revoked_by_cards, >=, 1);
  g_assert_cmpint (revoked, >=, 1);
  g_assert_cmpint (holding, >=, 3);
  g_assert_cmpint (
      jd_test_query_int (shared, "SELECT count(*) FROM title_event WHERE event = 'assessed_fail'"),
      >=, 1);
  /* Every assessment has its ten items. */
  g_assert_cmpint (jd_ledger_count (shared, "assessment_item"), ==,
                   10 * jd_ledger_count (shared, "assessment"));
}

/* ---- the story the demo tells (docs/contract.md §3 "Title rules", §4 readiness) ---------- */

/* The verdicts not met in a village's assessment of a year, -1 when there is none. */
static int
not_met (JdLedger *ledger, gint64 village, int year, JdDay *assessed_on)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "SELECT a.assessed_on, (SELECT count(*) FROM assessment_item i WHERE i.assessment_id = a.id"
      " AND i.verdict = 0), (SELECT count(*) FROM assessment_item i WHERE i.assessment_id = a.id)"
      " FROM assessment a WHERE a.village_id = ? AND a.year = ?",
      NULL);
  sqlite3_bind_int64 (stmt, 1, village);
  sqlite3_bind_int (stmt, 2, year);
  int n = -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *assessed_on = jd_column_day (stmt, 0);
      n = sqlite3_column_int (stmt, 1);
      g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, JD_N_STANDARDS);
    }
  sqlite3_reset (stmt);
  return n;
}

/* Walks every village's title events with the assessments beside them:
 * - named comes six months or more after its round's applied, after an
 *   assessed_pass of that round whose assessment met every standard, and the
 *   readiness of that day finds every automatic standard met;
 * - reviewed follows an assessment with every verdict met; a titled village
 *   whose assessment has a verdict not met gets a yellow card (ground ranking),
 *   never a review, unless nothing is decided yet;
 * - the walk itself never refuses a step.
 * Returns the villages holding the title today; *titled_ever counts those ever named. */
static int
check_titles (JdLedger *ledger, JdDay today, int *never_applied)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "SELECT v.id, t.event, t.occurred_on, t.ground FROM village v LEFT JOIN title_event t"
      " ON t.village_id = v.id WHERE v.retired_on IS NULL ORDER BY v.id, t.occurred_on, t.id",
      NULL);
  gint64 village = 0;
  JdTitleState state;
  JdDay applied = 0, passed = 0;
  int holding = 0, named = 0, reviewed = 0, yellow = 0;
  *never_applied = 0;
  jd_title_state_init (&state);
  gboolean any = FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (GError) error = NULL;
      if (!any || sqlite3_column_int64 (stmt, 0) != village)
        {
          if (any)
            holding += jd_title_holds (&state);
          any = TRUE;
          village = sqlite3_column_int64 (stmt, 0);
          jd_title_state_init (&state);
          applied = passed = 0;
          if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
            {
              (*never_applied)++;
              continue;
            }
        }
      const char *event = (const char *)sqlite3_column_text (stmt, 1);
      JdDay day = jd_column_day (stmt, 2);
      int year = jd_day_year (day);
      JdDay assessed_on = 0;
      gboolean held = jd_title_holds (&state);
      if (g_str_equal (event, "applied"))
        applied = day, passed = 0;
      else if (g_str_equal (event, "assessed_pass"))
        {
          g_assert_cmpint (not_met (ledger, village, year, &assessed_on), ==, 0);
          g_assert_cmpint (assessed_on, ==, day);
          passed = day;
          /* Readiness as of that day agrees: every automatic standard met. */
          g_autoptr (GPtrArray) ready = jd_readiness_compute (ledger, year, day, village, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (ready->len, ==, 1);
          const JdVillageReadiness *r = g_ptr_array_index (ready, 0);
          for (int k = 0; k < JD_N_STANDARDS; k++)
            g_assert_cmpint (r->standards[k].met, !=, JD_FINDING_NOT_MET);
        }
      else if (g_str_equal (event, "named"))
        {
          g_assert_cmpuint (applied, !=, 0);
          g_assert_cmpuint (passed, !=, 0);
          g_assert_cmpuint (passed, >=, jd_day_add_months (applied, 6));
          g_assert_cmpuint (day, >=, jd_day_add_months (applied, 6));
          g_assert_cmpuint (day, >=, passed);
          named++;
        }
      else if (g_str_equal (event, "reviewed"))
        {
          g_assert_true (held);
          /* The year's assessment came before and met every standard. */
          g_assert_cmpint (not_met (ledger, village, year, &assessed_on), ==, 0);
          g_assert_cmpuint (assessed_on, <=, day);
          reviewed++;
        }
      else if (g_str_equal (event, "yellow_card"))
        {
          g_assert_true (held);
          g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 3), ==, "ranking");
          g_assert_cmpint (not_met (ledger, village, year, &assessed_on), >, 0);
          g_assert_cmpuint (assessed_on, <=, day);
          yellow++;
        }
      g_assert_true (jd_title_apply (&state, event, day, &error));
      g_assert_no_error (error);
    }
  if (any)
    holding += jd_title_holds (&state);
  sqlite3_reset (stmt);

  /* A titled village's assessment with a verdict not met is followed by a
   * yellow card, not a review, before the next year's assessment. */
  g_assert_cmpint (
      jd_test_query_int (
          ledger, "SELECT count(*) FROM assessment a WHERE EXISTS (SELECT 1 FROM assessment_item i"
                  " WHERE i.assessment_id = a.id AND i.verdict = 0) AND EXISTS (SELECT 1"
                  " FROM title_event t WHERE t.village_id = a.village_id AND t.event = 'reviewed'"
                  " AND t.occurred_on >= a.assessed_on"
                  " AND t.occurred_on < date(a.assessed_on, '+1 year'))"),
      ==, 0);
  g_test_message ("villages titled today %d, named %d times, reviewed %d, yellow cards %d,"
                  " never applied %d",
                  holding, named, reviewed, yellow, *never_applied);
  (void)today;
  return holding;
}

/* New users in every year of the history up to today's, fewer in the late years. */
static void
check_new_users (JdLedger *ledger, JdDay today)
{
  int last = jd_day_year (today);
  for (int year = last - 10; year <= last; year++)
    {
      g_autofree char *sql = g_strdup_printf (
          "SELECT count(*) FROM person WHERE substr(first_found_on, 1, 4) = '%d'", year);
      g_assert_cmpint (jd_test_query_int (ledger, sql), >=, 1);
    }
  g_autofree char *first = g_strdup_printf (
      "SELECT count(*) FROM person WHERE first_found_on BETWEEN '%d-01-01' AND '%d-12-31'",
      last - 10, last - 8);
  g_autofree char *late = g_strdup_printf (
      "SELECT count(*) FROM person WHERE first_found_on BETWEEN '%d-01-01' AND '%d-12-31'",
      last - 3, last - 1);
  g_assert_cmpint (jd_test_query_int (ledger, first), >, jd_test_query_int (ledger, late));
  /* The work goes on to today: talks and tests in the last two months. */
  g_autofree char *from = jd_day_to_string (today - 60);
  g_autofree char *recent = g_strdup_printf (
      "SELECT count(DISTINCT kind) FROM followup WHERE occurred_on >= '%s'", from);
  g_assert_cmpint (jd_test_query_int (ledger, recent), >=, 3);
}

/* A few moves, each to another village on a day after the finding and not
 * after today; surveys of every group in every year, mostly above 90%. */
static void
check_moves_surveys (JdLedger *ledger, JdDay today)
{
  g_autofree char *today_text = jd_day_to_string (today);
  gint64 moves = jd_ledger_count (ledger, "move");
  g_assert_cmpint (moves, >=, 1);
  g_assert_cmpint (moves * 10, <=, jd_ledger_count (ledger, "person"));
  g_autofree char *bad_moves = g_strdup_printf (
      "SELECT count(*) FROM move m JOIN person p ON p.id = m.person_id"
      " JOIN village v ON v.id = m.village_id WHERE m.moved_on <= p.first_found_on"
      " OR m.moved_on > '%s' OR m.village_id = p.village_id"
      " OR (v.retired_on IS NOT NULL AND v.retired_on <= m.moved_on)"
      " OR EXISTS (SELECT 1 FROM status_span s WHERE s.person_id = p.id"
      "  AND s.status IN ('deceased', 'emigrated', 'moved_out') AND s.started_on <= m.moved_on)",
      today_text);
  g_assert_cmpint (jd_test_query_int (ledger, bad_moves), ==, 0);

  g_assert_cmpint (jd_test_query_int (ledger, "SELECT count(DISTINCT grp) FROM awareness_survey"),
                   ==, 4);
  /* Every complete year of the history has its surveys. */
  g_autofree char *years
      = g_strdup_printf ("SELECT count(DISTINCT substr(surveyed_on, 1, 4)) FROM awareness_survey"
                         " WHERE surveyed_on < '%d-01-01'",
                         jd_day_year (today));
  g_assert_cmpint (jd_test_query_int (ledger, years), ==, 10);
  g_assert_cmpint (
      jd_test_query_int (ledger, "SELECT count(*) FROM awareness_survey WHERE aware > sampled"), ==,
      0);
  g_autofree char *future = g_strdup_printf (
      "SELECT count(*) FROM awareness_survey WHERE surveyed_on > '%s'", today_text);
  g_assert_cmpint (jd_test_query_int (ledger, future), ==, 0);
  gint64 high = jd_test_query_int (
      ledger, "SELECT count(*) FROM awareness_survey WHERE aware >= 0.9 * sampled");
  g_assert_cmpint (high * 10, >=, 7 * jd_ledger_count (ledger, "awareness_survey"));
}

static void
check_story (JdLedger *ledger, JdDay today)
{
  int never_applied = 0;
  int holding = check_titles (ledger, today, &never_applied);
  /* Coverage today: the share of villages not retired that hold the title,
   * near the plans' 60%, neither all nor none of them. */
  gint64 villages
      = jd_test_query_int (ledger, "SELECT count(*) FROM village WHERE retired_on IS NULL");
  g_assert_cmpint (holding * 10, >=, 3 * villages);
  g_assert_cmpint (holding * 10, <=, 9 * villages);
  g_assert_cmpint (never_applied, >=, 1);
  check_new_users (ledger, today);
  check_moves_surveys (ledger, today);

  /* And the ledger checks clean, as jindu check would say. */
  g_autoptr (GError) error = NULL;
  JdCheckReport *report = jd_check_run (ledger, 20, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (jd_check_report_is_sound (report));
  g_assert_true (jd_check_report_audit_intact (report));
  for (guint i = 0; i < report->findings->len; i++)
    g_test_message ("%s", ((JdCheckFinding *)g_ptr_array_index (report->findings, i))->message);
  g_assert_cmpuint (jd_check_report_n_findings (report), ==, 0);
  jd_check_report_free (report);
}

static void
test_story (void)
{
  check_story (shared, jd_day_new (TODAY_Y, TODAY_M, TODAY_D));
}

/* Other seeds and another day: the default seed late in a year, when the
 * year's reviews are decided, and seeds at the beginning of one. */
static void
test_story_seeds (void)
{
  static const struct
  {
    guint32 seed;
    int y, m, d;
  } cases[] = {
    { 1, 2026, 12, 6 },
    { 11, 2025, 12, 28 },
    { 23, 2027, 1, 20 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      JdDay today = jd_day_new (cases[i].y, cases[i].m, cases[i].d);
      jd_set_today (today);
      g_autofree char *name = g_strdup_printf ("story-%u.db", cases[i].seed);
      g_autoptr (JdLedger) ledger = make_ledger (name, cases[i].seed);
      check_story (ledger, today);
    }
  jd_set_today (jd_day_new (TODAY_Y, TODAY_M, TODAY_D));
}

/* Work is due today: a talk more than 60 days ago (docs/contract.md §4: due 60 days after
 * the later of the last talk and the span's start), a person without a help
 * group, a measure ending within 30 days. */
static void
test_work_due (void)
{
  const char *current = "SELECT s.person_id, s.started_on, s.planned_end_on FROM status_span s"
                        " WHERE s.ended_on IS NULL"
                        " AND s.status IN ('community_detox', 'community_rehab')";
  g_autofree char *overdue_talks = g_strdup_printf (
      "SELECT count(*) FROM (%s) c WHERE julianday('2024-06-15') - julianday(max(c.started_on,"
      " coalesce((SELECT max(occurred_on) FROM followup f WHERE f.person_id = c.person_id"
      " AND f.kind = 'talk'), c.started_on))) > 60",
      current);
  g_assert_cmpint (jd_test_query_int (shared, overdue_talks), >=, 1);
  g_autofree char *no_help
      = g_strdup_printf ("SELECT count(*) FROM (%s) c WHERE NOT EXISTS (SELECT 1 FROM help_member h"
                         " WHERE h.person_id = c.person_id AND h.since <= '2024-06-15'"
                         " AND (h.until IS NULL OR h.until >= '2024-06-15'))",
                         current);
  g_assert_cmpint (jd_test_query_int (shared, no_help), >=, 1);
  g_autofree char *no_agreement
      = g_strdup_printf ("SELECT count(*) FROM (%s) c WHERE NOT EXISTS (SELECT 1 FROM agreement a"
                         " WHERE a.person_id = c.person_id AND a.signed_on >= c.started_on)",
                         current);
  g_assert_cmpint (jd_test_query_int (shared, no_agreement), >=, 1);
  g_autofree char *ending = g_strdup_printf (
      "SELECT count(*) FROM (%s) c WHERE c.planned_end_on BETWEEN '2024-06-15' AND '2024-07-15'",
      current);
  g_assert_cmpint (jd_test_query_int (shared, ending), >=, 1);
  /* And most of the work is done: most current persons had a talk within 60 days. */
  g_autofree char *recent = g_strdup_printf (
      "SELECT count(*) FROM (%s) c WHERE EXISTS (SELECT 1 FROM followup f"
      " WHERE f.person_id = c.person_id AND f.kind = 'talk' AND f.occurred_on >= '2024-04-16')",
      current);
  g_autofree char *all = g_strdup_printf ("SELECT count(*) FROM (%s)", current);
  g_assert_cmpint (jd_test_query_int (shared, recent) * 2, >, jd_test_query_int (shared, all));
  /* Urine tests are mostly negative. */
  g_assert_cmpint (
      jd_test_query_int (shared, "SELECT count(*) FROM followup WHERE result = 'negative'"), >,
      10 * jd_test_query_int (shared, "SELECT count(*) FROM followup WHERE result = 'positive'"));
}

/* In 2023 some villages held four activities in a month and some did not. */
static void
test_publicity (void)
{
#define MONTHS(op)                                                                                 \
  "SELECT count(*) FROM (SELECT village_id, substr(held_on, 1, 7) m, count(*) n FROM activity"     \
  " WHERE village_id IS NOT NULL AND held_on BETWEEN '2023-01-01' AND '2023-12-31'"                \
  " GROUP BY 1, 2) WHERE n " op " 4"
  const char *full = MONTHS (">=");
  const char *short_ = MONTHS ("<");
#undef MONTHS
  g_assert_cmpint (jd_test_query_int (shared, full), >, 12);
  g_assert_cmpint (jd_test_query_int (shared, short_), >, 12);
  /* Township-wide ones too, such as 26 June. */
  g_assert_cmpint (
      jd_test_query_int (shared, "SELECT count(*) FROM activity WHERE village_id IS NULL"), >, 20);
  /* All seven audiences and all forms but "other" at least. */
  g_assert_cmpint (jd_test_query_int (shared, "SELECT count(DISTINCT audience) FROM activity"), ==,
                   7);
  g_assert_cmpint (jd_test_query_int (shared, "SELECT count(DISTINCT form) FROM activity"), ==, 8);
  /* Letters at every level; some villages missed a level in some year. */
  g_assert_cmpint (jd_test_query_int (shared, "SELECT count(DISTINCT level) FROM letter"), ==, 4);
  g_assert_cmpint (jd_test_query_int (shared, "SELECT count(DISTINCT kind) FROM venue"), ==, 8);
}

/* One table's rows in order, every value, as text (audit times left out). */
static void
dump_table (JdLedger *ledger, const char *table, GChecksum *checksum)
{
  g_autofree char *sql = g_str_equal (table, "audit_log")
                             ? g_strdup ("SELECT id, tbl, row_id, action, before, after, os_user"
                                         " FROM audit_log ORDER BY id")
                             : g_strdup_printf ("SELECT * FROM %s ORDER BY rowid", table);
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (jd_ledger_get_db (ledger), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (stmt); c++)
      {
        const char *text = (const char *)sqlite3_column_text (stmt, c);
        g_checksum_update (checksum, (const guchar *)(text ? text : "\x01NULL"), -1);
        g_checksum_update (checksum, (const guchar *)"\x1f", 1);
      }
  sqlite3_finalize (stmt);
}

static char *
dump (JdLedger *ledger)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (jd_ledger_get_db (ledger),
                                       "SELECT name FROM sqlite_master m WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite_%'"
                                       " AND sql NOT LIKE 'CREATE VIRTUAL%'"
                                       /* the search index's own tables: derived data */
                                       " AND NOT EXISTS (SELECT 1 FROM sqlite_master v"
                                       "  WHERE v.sql LIKE 'CREATE VIRTUAL%'"
                                       "  AND m.name LIKE v.name || '\\_%' ESCAPE '\\')"
                                       /* the audit log's seals: hashes over its times */
                                       " AND name <> 'audit_seal'"
                                       " ORDER BY name",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  int tables = 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      dump_table (ledger, (const char *)sqlite3_column_text (stmt, 0), checksum);
      tables++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (tables, >=, 18);
  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_determinism (void)
{
  g_autoptr (JdLedger) again = make_ledger ("again.db", 7);
  g_autoptr (JdLedger) other = make_ledger ("other.db", 8);
  g_autofree char *a = dump (shared), *b = dump (again), *c = dump (other);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  /* Different seeds, different people. */
  g_assert_cmpint (jd_test_query_int (other, "SELECT count(*) FROM person"), ==, 150);
}

static void
test_refusals (void)
{
  g_autoptr (GError) error = NULL;
  /* Only a new, empty ledger is filled. */
  g_assert_false (jd_demo_fill (shared, JD_DEMO_TOWNSHIP, 1, NULL, NULL, NULL, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (jd_ledger_count (shared, "person"), ==, 150);

  /* A cancelled demo writes nothing. */
  g_autofree char *path = g_build_filename (folder.dir, "cancelled.db", NULL);
  g_autoptr (JdLedger) ledger = jd_ledger_create (path, "博美镇", "陆丰市", &error);
  g_assert_no_error (error);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  g_assert_false (jd_demo_fill (ledger, JD_DEMO_TOWNSHIP, 1, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (jd_ledger_count (ledger, "village"), ==, 0);
  g_assert_cmpint (jd_ledger_count (ledger, "person"), ==, 0);
}

static void
progress_cb (double fraction, gpointer user_data)
{
  double *last = user_data;
  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_progress (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (folder.dir, "progress.db", NULL);
  g_autoptr (JdLedger) ledger = jd_ledger_create (path, "博美镇", "陆丰市", &error);
  double last = 0;
  g_assert_true (jd_demo_fill (ledger, JD_DEMO_TOWNSHIP, 3, progress_cb, &last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  jd_set_today (jd_day_new (TODAY_Y, TODAY_M, TODAY_D));

  jd_test_folder_set_up (&folder, "jd-demo-XXXXXX");
  shared = make_ledger ("demo.db", 7);

  g_test_add_func ("/demo/scale-names", test_scale_names);
  g_test_add_func ("/demo/counts", test_counts);
  g_test_add_func ("/demo/persons", test_persons);
  g_test_add_func ("/demo/statuses", test_statuses);
  g_test_add_func ("/demo/titles", test_titles);
  g_test_add_func ("/demo/story", test_story);
  g_test_add_func ("/demo/story-seeds", test_story_seeds);
  g_test_add_func ("/demo/work-due", test_work_due);
  g_test_add_func ("/demo/publicity", test_publicity);
  g_test_add_func ("/demo/determinism", test_determinism);
  g_test_add_func ("/demo/refusals", test_refusals);
  g_test_add_func ("/demo/progress", test_progress);
  int rc = g_test_run ();

  g_clear_object (&shared);
  jd_test_ledger_tear_down (&folder);
  return rc;
}
