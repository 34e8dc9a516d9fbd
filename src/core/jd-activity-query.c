/* jd-activity-query.c: the publicity register of a year, and its months */
#include "config.h"

#include "jd-activity-query.h"

#include <glib/gi18n-lib.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-ledger-private.h"

void
jd_activity_free (JdActivity *activity)
{
  if (activity == NULL)
    return;
  g_free (activity->village);
  g_free (activity->form);
  g_free (activity->title);
  g_free (activity->location);
  g_free (activity->audience);
  g_free (activity);
}

void
jd_activity_months_free (JdActivityMonths *months)
{
  if (months == NULL)
    return;
  g_free (months->name);
  g_free (months);
}

/* The first and last day of the filter's year or month, as the ledger writes days. */
static void
period (const JdActivityFilter *filter, char first[JD_DAY_STRLEN], char last[JD_DAY_STRLEN])
{
  JdDay from = jd_day_new (filter->year, filter->month ? filter->month : 1, 1);
  JdDay to = filter->month ? jd_day_add_months (from, 1) - 1 : jd_day_new (filter->year, 12, 31);
  jd_day_format (from, first);
  jd_day_format (to, last);
}

GPtrArray *
jd_activity_query (JdLedger *ledger, const JdActivityFilter *filter, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (filter != NULL && filter->month >= 0 && filter->month <= 12, NULL);

  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "SELECT a.id, a.held_on, a.village_id, v.name, a.form, a.title, a.location, a.audience,"
      " a.participants FROM activity a LEFT JOIN village v ON v.id = a.village_id"
      " WHERE a.held_on BETWEEN ?1 AND ?2"
      " AND (?3 = 0 OR (?3 = -1 AND a.village_id IS NULL) OR a.village_id = ?3)"
      " AND (?4 IS NULL OR a.form = ?4) AND (?5 IS NULL OR a.audience = ?5)"
      " AND (?6 IS NULL OR instr(a.title, ?6) > 0 OR instr(coalesce(a.location, ''), ?6) > 0)"
      " ORDER BY a.held_on DESC, a.id DESC",
      error);
  if (stmt == NULL)
    return NULL;

  char first[JD_DAY_STRLEN], last[JD_DAY_STRLEN];
  period (filter, first, last);
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, last, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, filter->village_id);
  jd_bind_text (stmt, 4, filter->form);
  jd_bind_text (stmt, 5, filter->audience);
  jd_bind_text (stmt, 6, filter->text && *filter->text ? filter->text : NULL);

  GPtrArray *activities = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_activity_free);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdActivity *a = g_new0 (JdActivity, 1);
      a->id = sqlite3_column_int64 (stmt, 0);
      a->held_on = jd_column_day (stmt, 1);
      a->village_id = sqlite3_column_int64 (stmt, 2);
      a->village = jd_column_dup (stmt, 3);
      a->form = jd_column_dup (stmt, 4);
      a->title = jd_column_dup (stmt, 5);
      a->location = jd_column_dup (stmt, 6);
      a->audience = jd_column_dup (stmt, 7);
      a->participants
          = sqlite3_column_type (stmt, 8) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 8);
      g_ptr_array_add (activities, a);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      g_ptr_array_unref (activities);
      return NULL;
    }
  return activities;
}

GPtrArray *
jd_activity_months (JdLedger *ledger, int year, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "SELECT v.id, v.name, CAST(substr(a.held_on, 6, 2) AS INTEGER), count(a.id)"
      " FROM village v LEFT JOIN activity a ON a.village_id = v.id"
      "   AND a.held_on BETWEEN ?1 || '-01-01' AND ?1 || '-12-31'"
      " WHERE v.retired_on IS NULL OR v.retired_on > ?1 || '-12-31'"
      " GROUP BY v.id, 3 ORDER BY v.code, 3",
      error);
  if (stmt == NULL)
    return NULL;
  g_autofree char *year_text = g_strdup_printf ("%04d", year);
  sqlite3_bind_text (stmt, 1, year_text, -1, SQLITE_TRANSIENT);

  GPtrArray *villages = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_activity_months_free);
  JdActivityMonths *current = NULL;
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      if (current == NULL || current->village_id != id)
        {
          current = g_new0 (JdActivityMonths, 1);
          current->village_id = id;
          current->name = jd_column_dup (stmt, 1);
          g_ptr_array_add (villages, current);
        }
      int month = sqlite3_column_int (stmt, 2);
      if (month >= 1 && month <= 12)
        current->counts[month - 1] = sqlite3_column_int (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      g_ptr_array_unref (villages);
      return NULL;
    }
  return villages;
}

gboolean
jd_activity_delete (JdLedger *ledger, gint64 id, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);

  if (!jd_ledger_begin (ledger, error))
    return FALSE;
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, "DELETE FROM activity WHERE id = ?1", error);
  if (stmt == NULL)
    {
      jd_ledger_rollback (ledger);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  if (!jd_ledger_step_done (ledger, stmt, error))
    {
      jd_ledger_rollback (ledger);
      return FALSE;
    }
  if (sqlite3_changes (jd_ledger_get_db (ledger)) == 0)
    {
      jd_ledger_rollback (ledger);
      g_set_error (error, JD_ERROR, JD_ERROR_NOT_FOUND,
                   _ ("The activity is no longer in the ledger"));
      return FALSE;
    }
  return jd_ledger_commit (ledger, error);
}
