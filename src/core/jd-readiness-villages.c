/* jd-readiness-villages.c: the ten standards for every village or one (jd_readiness_compute,
 * docs/contract.md §4): the current users counted once by the indicators, each village's
 * persons found once, then each standard checked (jd-readiness-standards.c) */
#include "config.h"

#include "jd-readiness.h"

#include <glib/gi18n-lib.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-indicators.h"
#include "jd-ledger-private.h"
#include "jd-readiness-private.h"
#include "jd-village-at.h"

/* ---- one village, all villages ------------------------------------------------------------ */

/* Every person's first relapse within the period (docs/contract.md §4
 * relapse_persons: a use date in it later than their first-found date, a
 * positive urine test being one), once for all villages. */
static gboolean
find_relapses (JdReadinessCheck *check, GError **error)
{
  if (!jd_ledger_exec (check->ledger,
                       "CREATE TEMP TABLE IF NOT EXISTS readiness_relapses"
                       " (id INTEGER PRIMARY KEY, day TEXT NOT NULL);"
                       "DELETE FROM temp.readiness_relapses",
                       error))
    return FALSE;
  sqlite3_stmt *stmt = jd_readiness_prepare (
      check,
      "INSERT INTO temp.readiness_relapses SELECT p.id, min(u.day) FROM ("
      " SELECT person_id, occurred_on AS day FROM use_event WHERE occurred_on BETWEEN :p0 AND :d"
      " UNION ALL SELECT person_id, occurred_on FROM followup INDEXED BY followup_positive"
      "  WHERE kind = 'urine_test' AND result = 'positive' AND occurred_on BETWEEN :p0 AND :d)"
      " u JOIN person p ON p.id = u.person_id WHERE u.day > p.first_found_on GROUP BY p.id",
      0, error);
  return stmt && jd_ledger_step_done (check->ledger, stmt, error);
}

/* V's persons at D into temp.readiness_persons (V_PERSONS_AT_D). */
static gboolean
find_persons (JdReadinessCheck *check, gint64 village_id, GError **error)
{
  if (!jd_ledger_exec (check->ledger, "DELETE FROM temp.readiness_persons", error))
    return FALSE;
  sqlite3_stmt *stmt
      = jd_readiness_prepare (check,
                              "INSERT INTO temp.readiness_persons SELECT p.id FROM person p"
                              " WHERE " JD_SQL_IN_VILLAGE_AT ("p", ":village", ":d", ":d"),
                              village_id, error);
  return stmt && jd_ledger_step_done (check->ledger, stmt, error);
}

static JdVillageReadiness *
check_one (JdReadinessCheck *check, gint64 id, const char *code, const char *name, GError **error)
{
  g_autoptr (JdVillageReadiness) r = g_new0 (JdVillageReadiness, 1);
  r->village_id = id;
  r->code = g_strdup (code);
  r->name = g_strdup (name);
  for (int k = 0; k < JD_N_STANDARDS; k++)
    r->standards[k] = (JdStandardFinding){ k + 1, JD_FINDING_MANUAL, NULL };

  g_autoptr (GPtrArray) without_members = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) current = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!find_persons (check, id, error) || !jd_readiness_check_known (check, r, current, error)
      || !jd_readiness_check_missing (check, r, error)
      || !jd_readiness_check_help (check, r, current, without_members, error)
      || !jd_readiness_check_letters (check, r, without_members, error)
      || !jd_readiness_check_new (check, r, error)
      || !jd_readiness_check_publicity (check, r, error)
      || !jd_readiness_check_village (check, r, error))
    return NULL;

  /* A village none of whose persons was ever registered meets 1–5 by definition;
   * its letters are still shown. A new user found in it who moved away before
   * D still fails standard 5 (docs/contract.md §4). */
  if (!r->has_registered)
    for (int k = 0; k < 5; k++)
      {
        if (k == 4 && r->standards[4].met == JD_FINDING_NOT_MET)
          continue;
        g_autofree char *before = g_steal_pointer (&r->standards[k].evidence);
        jd_readiness_set (
            &r->standards[k], JD_FINDING_MET,
            k == 3 ? g_strdup_printf ("%s%s%s", _ ("No person of the village was ever registered"),
                                      jd_readiness_separator (), before)
                   : g_strdup (_ ("No person of the village was ever registered")));
      }
  return g_steal_pointer (&r);
}

GPtrArray *
jd_readiness_compute (JdLedger *ledger, int year, JdDay as_of, gint64 village_id, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (year < 1000 || year > 9998)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("%d is not a year"), year);
      return NULL;
    }
  if (as_of != 0 && jd_day_year (as_of) != year)
    {
      g_autofree char *text = jd_day_to_string (as_of);
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("The date %s is not in the year %d"), text,
                   year);
      return NULL;
    }
  JdReadinessCheck check = { .ledger = ledger,
                             .year = year,
                             .p0 = jd_day_new (year, 1, 1),
                             .d = as_of ? as_of : jd_day_new (year, 12, 31) };
  jd_day_format (check.p0, check.p0_text);
  jd_day_format (check.d, check.d_text);
  jd_day_format (jd_day_add_years (check.d, -1), check.year_ago_text);

  /* Who is a current user at D: the indicators count them, on their own
   * connections in parallel when they can. Every change adds to the audit log,
   * so when the last audit row is the same before and inside the transaction
   * they saw the same data; otherwise they are counted again inside it. */
  sqlite3 *db = jd_ledger_get_db (ledger);
  gboolean own_transaction = sqlite3_get_autocommit (db);
  gint64 audit = own_transaction ? jd_db_last_audit_row (db) : 0;
  g_autoptr (JdIndicators) indicators = jd_indicators_compute (ledger, year, year, check.d, error);
  if (indicators == NULL)
    return NULL;
  if (own_transaction && !jd_ledger_exec (ledger, "BEGIN DEFERRED", error))
    return NULL;
  /* Temporary: a read-only ledger takes it too, and nothing of it is kept. */
  if (!jd_ledger_exec (ledger,
                       "CREATE TEMP TABLE IF NOT EXISTS readiness_persons (id INTEGER PRIMARY KEY)",
                       error))
    {
      if (own_transaction)
        jd_ledger_rollback (ledger);
      return NULL;
    }
  if (own_transaction && jd_db_last_audit_row (db) != audit)
    {
      g_clear_object (&indicators);
      indicators = jd_indicators_compute (ledger, year, year, check.d, error);
      if (indicators == NULL)
        {
          jd_ledger_rollback (ledger);
          return NULL;
        }
    }
  check.current = jd_indicators_get_current_users (indicators, &check.n_current);
  if (!find_relapses (&check, error))
    {
      if (own_transaction)
        jd_ledger_rollback (ledger);
      return NULL;
    }

  g_autoptr (GPtrArray) result
      = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_village_readiness_free);
  /* The villages first, so that no statement is open while each is checked. */
  g_autoptr (GPtrArray) villages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = jd_readiness_prepare (
      &check,
      village_id ? "SELECT id, code, name FROM village WHERE id = :village"
                 : "SELECT id, code, name FROM village WHERE retired_on IS NULL OR retired_on > :d"
                   " ORDER BY code",
      village_id, error);
  gboolean ok = stmt != NULL;
  int rc = SQLITE_DONE;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
      g_ptr_array_add (villages, jd_column_dup (stmt, 1));
      g_ptr_array_add (villages, jd_column_dup (stmt, 2));
    }
  if (ok && jd_readiness_failed (&check, stmt, rc, error))
    ok = FALSE;
  if (ok && village_id && ids->len == 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_NOT_FOUND, _ ("There is no such village"));
      ok = FALSE;
    }
  for (guint v = 0; ok && v < ids->len; v++)
    {
      JdVillageReadiness *r
          = check_one (&check, g_array_index (ids, gint64, v), g_ptr_array_index (villages, 2 * v),
                       g_ptr_array_index (villages, 2 * v + 1), error);
      if (r == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (result, r);
    }
  /* Ended by COMMIT, though only the temporary tables were written: a
   * ROLLBACK of written tables would abort a caller's statement still reading. */
  if (own_transaction && !jd_ledger_exec (ledger, "COMMIT", ok ? error : NULL))
    {
      jd_ledger_rollback (ledger);
      ok = FALSE;
    }
  return ok ? g_steal_pointer (&result) : NULL;
}
