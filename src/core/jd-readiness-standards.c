/* jd-readiness-standards.c: the checks of the ten standards for one village
 * (docs/contract.md §4); jd-readiness.c walks the villages and calls them */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-id-number.h"
#include "jd-indicators.h"
#include "jd-ledger-private.h"
#include "jd-readiness-private.h"

/* ---- 1: no user out of control --------------------------------------------------- */

gboolean
jd_readiness_check_missing (JdReadinessCheck *check, JdVillageReadiness *r, GError **error)
{
  g_autoptr (GPtrArray) missing = jd_readiness_collect (
      check,
      "SELECT p.id_number, p.name FROM person p CROSS JOIN status_span s ON s.person_id = p.id"
      " WHERE " V_PERSONS_AT_D " AND s.status = 'missing' AND s.started_on <= :d"
      " AND (s.ended_on IS NULL OR s.ended_on >= :d) ORDER BY p.id_number",
      r->village_id, NULL, error);
  if (missing == NULL)
    return FALSE;
  g_autofree char *list = jd_readiness_join (missing);
  if (missing->len == 0)
    jd_readiness_set (&r->standards[0], JD_FINDING_MET, g_strdup (_ ("No person is missing")));
  else
    jd_readiness_set (
        &r->standards[0], JD_FINDING_NOT_MET,
        g_strdup_printf (ngettext ("%u person missing: %s", "%u persons missing: %s", missing->len),
                         missing->len, list));
  return TRUE;
}

/* ---- 2: help, talks and urine tests every two months, no relapse -------------------- */

typedef struct
{
  int days; /* 0: no gap too long */
  JdDay from, to;
} Gap;

/* One pair of consecutive points x < y: too far apart when y lies within the
 * period and comes later than x + 2 months (docs/contract.md §4 standard 2). The longest
 * such gap is kept. */
static void
gap_check (JdReadinessCheck *check, JdDay x, JdDay y, Gap *gap)
{
  if (y < check->p0 || y <= jd_day_add_months (x, GAP_MONTHS))
    return;
  if ((int)(y - x) > gap->days)
    *gap = (Gap){ y - x, x, y };
}

/* The talks and the urine tests (negative or positive) of one measure: the
 * points are its start a, each date from a to b (its last day or D) and b,
 * so that a gap that began last year counts whole. Only the pairs ending in
 * the period count, so the statement reads, for each kind, the last date
 * before the period and the dates within it, in date order. */
static gboolean
measure_gaps (JdReadinessCheck *check,
              sqlite3_stmt *stmt,
              gint64 person,
              JdDay a,
              JdDay b,
              Gap *talk,
              Gap *urine,
              GError **error)
{
  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, person);
  jd_bind_day (stmt, 2, a);
  jd_bind_day (stmt, 3, b);
  jd_bind_text (stmt, 4, check->p0_text);
  *talk = (Gap){ 0, a, a };
  *urine = (Gap){ 0, a, a };
  JdDay last_talk = a, last_urine = a;
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean is_talk = sqlite3_column_int (stmt, 0);
      JdDay day = jd_column_day (stmt, 1);
      if (day == 0)
        continue; /* nothing before the period */
      JdDay *last = is_talk ? &last_talk : &last_urine;
      gap_check (check, *last, day, is_talk ? talk : urine);
      *last = day;
    }
  if (jd_readiness_failed (check, stmt, rc, error))
    return FALSE;
  gap_check (check, last_talk, b, talk);
  gap_check (check, last_urine, b, urine);
  return TRUE;
}

static char *
describe_gap (const char *what, const Gap *gap)
{
  g_autofree char *from = jd_day_to_string (gap->from);
  g_autofree char *to = jd_day_to_string (gap->to);
  /* TRANSLATORS: "talks: 75 days without one (2024-01-01 – 2024-03-16)" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %d day without one (%s – %s)",
                                       "%s: %d days without one (%s – %s)", gap->days),
                          what, gap->days, from, to);
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
  return (x > y) - (x < y);
}

/* Whether a person is a current user at D (现有吸毒人员): registered and none
 * of exited, abstinent three years (never while missing), in custody planned
 * for three years or more, missing four years or more (docs/contract.md §4). The
 * indicators decide, so that standard 2 and the current_users of the
 * dashboard and the registers agree. */
static gboolean
is_current_user (JdReadinessCheck *check, gint64 id)
{
  return check->n_current > 0
         && bsearch (&id, check->current, check->n_current, sizeof (gint64), compare_ids) != NULL;
}

/* The current users among V's persons (ids found by check_known ()), each
 * with the day that makes them one: their last use, or the day they went
 * missing. */
static GPtrArray *
current_users (JdReadinessCheck *check, GArray *ids, GError **error)
{
  g_autoptr (GPtrArray) users = g_ptr_array_new_with_free_func (g_free);
  if (ids->len == 0)
    return g_steal_pointer (&users);
  sqlite3_stmt *why = jd_ledger_prepare (
      check->ledger,
      "SELECT p.id_number, p.name, s.status = 'missing', s.started_on, max(p.first_found_on,"
      "  coalesce((SELECT max(u.occurred_on) FROM use_event u WHERE u.person_id = p.id"
      "   AND u.occurred_on <= ?2), ''),"
      "  coalesce((SELECT max(f.occurred_on) FROM followup f WHERE f.person_id = p.id"
      "   AND f.kind = 'urine_test' AND f.result = 'positive' AND f.occurred_on <= ?2), ''))"
      " FROM person p LEFT JOIN status_span s ON s.person_id = p.id AND s.started_on <= ?2"
      "  AND (s.ended_on IS NULL OR s.ended_on >= ?2) WHERE p.id = ?1",
      error);
  if (why == NULL)
    return NULL;
  for (guint k = 0; k < ids->len; k++)
    {
      sqlite3_reset (why);
      sqlite3_bind_int64 (why, 1, g_array_index (ids, gint64, k));
      jd_bind_text (why, 2, check->d_text);
      int rc = sqlite3_step (why);
      if (rc == SQLITE_DONE)
        continue; /* the person just read: cannot happen */
      if (rc != SQLITE_ROW)
        {
          jd_readiness_failed (check, why, rc, error);
          return NULL;
        }
      gboolean missing = sqlite3_column_int (why, 2);
      g_autofree char *day = jd_day_to_string (jd_column_day (why, missing ? 3 : 4));
      g_autofree char *label = jd_readiness_person_label (why, 0, 1);
      /* TRANSLATORS: after a current user, why they are one */
      g_autofree char *reason = missing ? g_strdup_printf (_ ("missing since %s"), day)
                                        : g_strdup_printf (_ ("last use %s"), day);
      g_ptr_array_add (users, g_strdup_printf ("%s (%s)", label, reason));
    }
  sqlite3_reset (why);
  return g_steal_pointer (&users);
}

static char *
format_relapse (sqlite3_stmt *stmt)
{
  /* TRANSLATORS: after a person, the day of the first relapse in the year */
  return g_strdup_printf (_ ("on %s"), (const char *)sqlite3_column_text (stmt, 2));
}

gboolean
jd_readiness_check_help (JdReadinessCheck *check,
                         JdVillageReadiness *r,
                         GArray *current,
                         GPtrArray *without_members,
                         GError **error)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean met = TRUE;

  /* Help for everyone under community measures at D (help_covered of §4): a
   * helper active at D and an agreement signed for this measure, since its start. */
  sqlite3_stmt *stmt = jd_readiness_prepare (
      check,
      "SELECT p.id_number, p.name,"
      " EXISTS (SELECT 1 FROM help_member h WHERE h.person_id = p.id AND h.since <= :d"
      "  AND (h.until IS NULL OR h.until >= :d)),"
      " EXISTS (SELECT 1 FROM agreement a WHERE a.person_id = p.id"
      "  AND a.signed_on >= s.started_on AND a.signed_on <= :d)"
      " FROM person p CROSS JOIN status_span s ON s.person_id = p.id WHERE " V_PERSONS_AT_D
      " AND s.status IN ('community_detox', 'community_rehab') AND s.started_on <= :d"
      " AND (s.ended_on IS NULL OR s.ended_on >= :d) ORDER BY p.id_number",
      r->village_id, error);
  if (stmt == NULL)
    return FALSE;
  g_autoptr (GPtrArray) unhelped = g_ptr_array_new_with_free_func (g_free);
  guint required = 0;
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean member = sqlite3_column_int (stmt, 2), agreement = sqlite3_column_int (stmt, 3);
      required++;
      if (member && agreement)
        continue;
      g_autofree char *label = jd_readiness_person_label (stmt, 0, 1);
      if (!member)
        g_ptr_array_add (without_members, g_strdup (label));
      g_ptr_array_add (unhelped,
                       g_strdup_printf ("%s (%s)", label,
                                        !member && !agreement
                                            ? _ ("no help group, no agreement for this measure")
                                        : !member ? _ ("no help group")
                                                  : _ ("no agreement for this measure")));
    }
  if (jd_readiness_failed (check, stmt, rc, error))
    return FALSE;
  if (unhelped->len > 0)
    {
      g_autofree char *list = jd_readiness_join (unhelped);
      met = FALSE;
      g_ptr_array_add (parts, g_strdup_printf (_ ("Not helped: %s"), list));
    }
  else
    g_ptr_array_add (
        parts,
        g_strdup_printf (ngettext ("%u person under community measures, all helped",
                                   "%u persons under community measures, all helped", required),
                         required));

  /* Talks and urine tests every two months within each measure that overlaps
   * the period, counted from its start: [a, b], b being its last day or D. */
  stmt = jd_readiness_prepare (
      check,
      "SELECT p.id_number, p.name, p.id, s.started_on,"
      " min(coalesce(s.ended_on, :d), :d) FROM person p"
      " CROSS JOIN status_span s ON s.person_id = p.id WHERE " V_PERSONS_AT_D
      " AND s.status IN ('community_detox', 'community_rehab') AND s.started_on <= :d"
      " AND (s.ended_on IS NULL OR s.ended_on >= :p0)"
      " ORDER BY p.id_number, s.started_on",
      r->village_id, error);
  if (stmt == NULL)
    return FALSE;
  /* ?1 the person, ?2 the measure's start, ?3 its last day or D, ?4 the
   * period's first day. Talks come from followup(person_id, kind, occurred_on),
   * the tests of the year from followup_urine_tested, both covering. */
  sqlite3_stmt *followups = jd_ledger_prepare (
      check->ledger,
      "SELECT 1, (SELECT occurred_on FROM followup WHERE person_id = ?1 AND kind = 'talk'"
      "  AND occurred_on >= ?2 AND occurred_on < ?4 ORDER BY occurred_on DESC LIMIT 1)"
      " UNION ALL SELECT 0, (SELECT occurred_on FROM followup WHERE person_id = ?1"
      "  AND kind = 'urine_test' AND occurred_on >= ?2 AND occurred_on < ?4"
      "  AND result IN ('negative', 'positive') ORDER BY occurred_on DESC LIMIT 1)"
      " UNION ALL SELECT 1, occurred_on FROM followup WHERE person_id = ?1 AND kind = 'talk'"
      "  AND occurred_on >= max(?2, ?4) AND occurred_on <= ?3"
      " UNION ALL SELECT 0, occurred_on FROM followup INDEXED BY followup_urine_tested"
      "  WHERE kind = 'urine_test' AND result IN ('negative', 'positive')"
      "  AND substr(occurred_on, 1, 4) = substr(?4, 1, 4) AND person_id = ?1"
      "  AND occurred_on >= max(?2, ?4) AND occurred_on <= ?3"
      " ORDER BY 2",
      error);
  if (followups == NULL)
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  g_autoptr (GPtrArray) gaps = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 person = sqlite3_column_int64 (stmt, 2);
      JdDay a = jd_column_day (stmt, 3), b = jd_column_day (stmt, 4);
      Gap talk, urine;
      if (!measure_gaps (check, followups, person, a, b, &talk, &urine, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      if (talk.days == 0 && urine.days == 0)
        continue;
      g_autofree char *label = jd_readiness_person_label (stmt, 0, 1);
      g_autofree char *talks = talk.days ? describe_gap (_ ("talks"), &talk) : NULL;
      g_autofree char *tests = urine.days ? describe_gap (_ ("urine tests"), &urine) : NULL;
      g_ptr_array_add (gaps, g_strdup_printf ("%s (%s%s%s)", label, talks ? talks : "",
                                              talks && tests ? jd_readiness_separator () : "",
                                              tests ? tests : ""));
    }
  if (jd_readiness_failed (check, stmt, rc, error))
    return FALSE;
  if (gaps->len > 0)
    {
      g_autofree char *list = jd_readiness_join (gaps);
      met = FALSE;
      g_ptr_array_add (parts, g_strdup_printf (_ ("More than two months apart: %s"), list));
    }

  /* No relapse: a use date within the period later than the first-found date
   * (found for every person at once, find_relapses ()). */
  g_autoptr (GPtrArray) relapsed = jd_readiness_collect (
      check,
      "SELECT p.id_number, p.name, r.day FROM temp.readiness_relapses r"
      " JOIN person p ON p.id = r.id WHERE " V_PERSONS_AT_D " ORDER BY p.id_number",
      r->village_id, format_relapse, error);
  if (relapsed == NULL)
    return FALSE;
  if (relapsed->len > 0)
    {
      g_autofree char *list = jd_readiness_join (relapsed);
      met = FALSE;
      g_ptr_array_add (parts, g_strdup_printf (_ ("Relapsed: %s"), list));
    }
  else
    g_ptr_array_add (parts, g_strdup (_ ("No relapse")));

  /* 现有吸毒人员戒断巩固三年以上: no current user at D. */
  g_autoptr (GPtrArray) users = current_users (check, current, error);
  if (users == NULL)
    return FALSE;
  if (users->len > 0)
    {
      g_autofree char *list = jd_readiness_join (users);
      met = FALSE;
      g_ptr_array_add (parts, g_strdup_printf (_ ("Current users: %s"), list));
    }
  else
    g_ptr_array_add (parts, g_strdup (_ ("No current user")));

  jd_readiness_set (&r->standards[1], met ? JD_FINDING_MET : JD_FINDING_NOT_MET,
                    jd_readiness_join (parts));
  return TRUE;
}

/* ---- 3: the users are known ------------------------------------------------------------- */

gboolean
jd_readiness_check_known (JdReadinessCheck *check,
                          JdVillageReadiness *r,
                          GArray *current,
                          GError **error)
{
  sqlite3_stmt *stmt = jd_readiness_prepare (
      check,
      "SELECT p.id_number, p.name, trim(coalesce(p.residence_address, '')) <> '',"
      " EXISTS (SELECT 1 FROM status_span s WHERE s.person_id = p.id AND s.started_on <= :d"
      "  AND (s.ended_on IS NULL OR s.ended_on >= :d)), p.id"
      " FROM person p WHERE " V_PERSONS_AT_D " AND p.first_found_on <= :d"
      " ORDER BY p.id_number",
      r->village_id, error);
  if (stmt == NULL)
    return FALSE;
  g_autoptr (GPtrArray) lacking = g_ptr_array_new_with_free_func (g_free);
  guint registered = 0;
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      registered++;
      /* Standard 2 names the current users among them. */
      gint64 id = sqlite3_column_int64 (stmt, 4);
      if (is_current_user (check, id))
        g_array_append_val (current, id);
      const char *id_number = (const char *)sqlite3_column_text (stmt, 0);
      gboolean valid = jd_id_number_validate (id_number, NULL, NULL);
      gboolean address = sqlite3_column_int (stmt, 2), status = sqlite3_column_int (stmt, 3);
      if (valid && address && status)
        continue;
      g_autoptr (GPtrArray) what = g_ptr_array_new ();
      if (!valid)
        g_ptr_array_add (what, (gpointer)_ ("no valid ID number"));
      if (!address)
        g_ptr_array_add (what, (gpointer)_ ("no current address"));
      if (!status)
        g_ptr_array_add (what, (gpointer)_ ("no status recorded"));
      g_autofree char *label = jd_readiness_person_label (stmt, 0, 1);
      g_autofree char *reasons = jd_readiness_join (what);
      g_ptr_array_add (lacking, g_strdup_printf ("%s (%s)", label, reasons));
    }
  if (jd_readiness_failed (check, stmt, rc, error))
    return FALSE;
  r->has_registered = registered > 0;
  if (lacking->len == 0)
    jd_readiness_set (&r->standards[2], JD_FINDING_MET,
                      g_strdup_printf (ngettext ("%u registered person, all known",
                                                 "%u registered persons, all known", registered),
                                       registered));
  else
    {
      g_autofree char *list = jd_readiness_join (lacking);
      jd_readiness_set (&r->standards[2], JD_FINDING_NOT_MET,
                        g_strdup_printf (_ ("Incomplete: %s"), list));
    }
  return TRUE;
}

/* ---- 4: responsibility letters and help groups ----------------------------------------- */

gboolean
jd_readiness_check_letters (JdReadinessCheck *check,
                            JdVillageReadiness *r,
                            GPtrArray *without_members,
                            GError **error)
{
  static const char *const levels[] = { "village_group", "village_household" };
  gboolean signed_at[G_N_ELEMENTS (levels)] = { FALSE };
  /* In force: signed within the year before D (D − 1 year < signed_on ≤ D). */
  sqlite3_stmt *stmt
      = jd_readiness_prepare (check,
                              "SELECT DISTINCT level FROM letter WHERE village_id = :village"
                              " AND signed_on > :year_ago AND signed_on <= :d",
                              r->village_id, error);
  if (stmt == NULL)
    return FALSE;
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (guint k = 0; k < G_N_ELEMENTS (levels); k++)
      signed_at[k] |= g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), levels[k]) == 0;
  if (jd_readiness_failed (check, stmt, rc, error))
    return FALSE;

  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) missing = g_ptr_array_new ();
  for (guint k = 0; k < G_N_ELEMENTS (levels); k++)
    if (!signed_at[k])
      g_ptr_array_add (missing, (gpointer)jd_enum_label (JD_ENUM_LETTER_LEVEL, levels[k]));
  g_autofree char *from = jd_day_to_string (jd_day_add_years (check->d, -1) + 1);
  if (missing->len > 0)
    {
      g_autofree char *list = jd_readiness_join (missing);
      /* TRANSLATORS: "No letter signed from 2024-01-01 to 2024-12-31 at: Village and household" */
      g_ptr_array_add (parts, g_strdup_printf (_ ("No letter signed from %s to %s at: %s"), from,
                                               check->d_text, list));
    }
  else
    g_ptr_array_add (parts,
                     g_strdup_printf (_ ("Letters with groups and households signed from %s to %s"),
                                      from, check->d_text));
  if (without_members->len > 0)
    {
      g_autofree char *list = jd_readiness_join (without_members);
      g_ptr_array_add (parts, g_strdup_printf (_ ("No help group: %s"), list));
    }
  jd_readiness_set (&r->standards[3],
                    missing->len == 0 && without_members->len == 0 ? JD_FINDING_MET
                                                                   : JD_FINDING_NOT_MET,
                    jd_readiness_join (parts));
  return TRUE;
}

/* ---- 5: no new users ----------------------------------------------------------------- */

static char *
format_found (sqlite3_stmt *stmt)
{
  /* TRANSLATORS: after a person, the day they were first found */
  return g_strdup_printf (_ ("found %s"), (const char *)sqlite3_column_text (stmt, 2));
}

gboolean
jd_readiness_check_new (JdReadinessCheck *check, JdVillageReadiness *r, GError **error)
{
  g_autoptr (GPtrArray) found = jd_readiness_collect (
      check,
      /* The village on the day each was found (docs/contract.md §4 standard 5). */
      "SELECT p.id_number, p.name, p.first_found_on FROM person p WHERE " V_PERSONS_WHEN_FOUND
      " AND p.first_found_on BETWEEN :p0 AND :d"
      " ORDER BY p.first_found_on, p.id_number",
      r->village_id, format_found, error);
  if (found == NULL)
    return FALSE;
  g_autofree char *list = jd_readiness_join (found);
  if (found->len == 0)
    jd_readiness_set (
        &r->standards[4], JD_FINDING_MET,
        g_strdup_printf (_ ("No new user in %d; making, selling and growing are checked by staff"),
                         check->year));
  else
    jd_readiness_set (&r->standards[4], JD_FINDING_NOT_MET,
                      g_strdup_printf (ngettext ("%u new user: %s", "%u new users: %s", found->len),
                                       found->len, list));
  return TRUE;
}

/* ---- 7: four activities a month -------------------------------------------------------- */

gboolean
jd_readiness_check_publicity (JdReadinessCheck *check, JdVillageReadiness *r, GError **error)
{
  guint counts[12] = { 0 };
  sqlite3_stmt *stmt
      = jd_readiness_prepare (check,
                              "SELECT CAST(substr(held_on, 6, 2) AS INTEGER), count(*)"
                              " FROM activity WHERE village_id = :village"
                              " AND held_on BETWEEN :p0 AND :d GROUP BY 1",
                              r->village_id, error);
  if (stmt == NULL)
    return FALSE;
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int month = sqlite3_column_int (stmt, 0);
      if (month >= 1 && month <= 12)
        counts[month - 1] = sqlite3_column_int (stmt, 1);
    }
  if (jd_readiness_failed (check, stmt, rc, error))
    return FALSE;

  int complete = jd_complete_months (check->d);
  g_autoptr (GPtrArray) short_months = g_ptr_array_new_with_free_func (g_free);
  for (int m = 0; m < complete; m++)
    if (counts[m] < MONTHLY_ACTIVITIES)
      /* TRANSLATORS: a month of the year and its number of activities, "2024-03: 2" */
      g_ptr_array_add (short_months,
                       g_strdup_printf (_ ("%d-%02d: %u"), check->year, m + 1, counts[m]));
  if (complete == 0)
    jd_readiness_set (&r->standards[6], JD_FINDING_MET,
                      g_strdup (_ ("No complete month in the period yet")));
  else if (short_months->len == 0)
    jd_readiness_set (
        &r->standards[6], JD_FINDING_MET,
        g_strdup_printf (ngettext ("Four or more activities in the complete month",
                                   "Four or more activities in each of the %d complete months",
                                   complete),
                         complete));
  else
    {
      g_autofree char *list = jd_readiness_join (short_months);
      jd_readiness_set (&r->standards[6], JD_FINDING_NOT_MET,
                        g_strdup_printf (_ ("Fewer than four activities: %s"), list));
    }
  return TRUE;
}

/* ---- 6, 8, 9, 10: the village's record and the assessment ---------------------------- */

gboolean
jd_readiness_check_village (JdReadinessCheck *check, JdVillageReadiness *r, GError **error)
{
  sqlite3_stmt *stmt = jd_readiness_prepare (
      check, "SELECT education_site, grid_count FROM village WHERE id = :village", r->village_id,
      error);
  if (stmt == NULL)
    return FALSE;
  int rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (!jd_readiness_failed (check, stmt, rc, error))
        g_set_error (error, JD_ERROR, JD_ERROR_NOT_FOUND, _ ("There is no such village"));
      return FALSE;
    }
  gboolean site = sqlite3_column_int (stmt, 0);
  gint64 grids = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);

  int recorded[JD_N_STANDARDS];
  for (int k = 0; k < JD_N_STANDARDS; k++)
    recorded[k] = -1;
  stmt = jd_readiness_prepare (
      check,
      "SELECT i.standard_no, i.verdict FROM assessment a"
      " JOIN assessment_item i ON i.assessment_id = a.id"
      " WHERE a.village_id = :village AND a.year = :year AND i.verdict IS NOT NULL",
      r->village_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":year"), check->year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int no = sqlite3_column_int (stmt, 0);
      if (no >= 1 && no <= JD_N_STANDARDS)
        recorded[no - 1] = sqlite3_column_int (stmt, 1);
    }
  if (jd_readiness_failed (check, stmt, rc, error))
    return FALSE;

  jd_readiness_set (
      &r->standards[7], site ? JD_FINDING_MET : JD_FINDING_NOT_MET,
      g_strdup (site ? _ ("Has an education site") : _ ("No education site recorded")));

  static const int manual[] = { 6, 9, 10 };
  for (guint k = 0; k < G_N_ELEMENTS (manual); k++)
    {
      int no = manual[k];
      g_autofree char *facts
          = no == 9 ? g_strdup_printf (ngettext ("%d grid", "%d grids", (gulong)grids), (int)grids)
                    : NULL;
      const char *verdict = recorded[no - 1] == 1   ? _ ("recorded in the assessment: met")
                            : recorded[no - 1] == 0 ? _ ("recorded in the assessment: not met")
                                                    : _ ("checked by staff");
      jd_readiness_set (&r->standards[no - 1], JD_FINDING_MANUAL,
                        facts
                            ? g_strdup_printf ("%s%s%s", facts, jd_readiness_separator (), verdict)
                            : g_strdup (verdict));
    }
  return TRUE;
}
