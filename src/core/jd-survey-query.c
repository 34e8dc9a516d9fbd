/* jd-survey-query.c: the awareness surveys of a year */
#include "config.h"

#include "jd-survey-query.h"

#include "jd-ledger-private.h"

void
jd_survey_free (JdSurvey *survey)
{
  if (survey == NULL)
    return;
  g_free (survey->village);
  g_free (survey->group);
  g_free (survey);
}

GPtrArray *
jd_survey_query (JdLedger *ledger, int year, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "SELECT s.id, s.village_id, v.name, s.surveyed_on, s.grp, s.sampled, s.aware"
      " FROM awareness_survey s LEFT JOIN village v ON v.id = s.village_id"
      " WHERE s.surveyed_on BETWEEN ?1 AND ?2 ORDER BY s.surveyed_on DESC, s.id DESC",
      error);
  if (stmt == NULL)
    return NULL;
  char from[16], to[16];
  g_snprintf (from, sizeof from, "%04d-01-01", year);
  g_snprintf (to, sizeof to, "%04d-12-31", year);
  jd_bind_text (stmt, 1, from);
  jd_bind_text (stmt, 2, to);

  g_autoptr (GPtrArray) surveys = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_survey_free);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdSurvey *survey = g_new0 (JdSurvey, 1);
      survey->id = sqlite3_column_int64 (stmt, 0);
      survey->village_id = sqlite3_column_int64 (stmt, 1);
      survey->village = jd_column_dup (stmt, 2);
      survey->surveyed_on = jd_column_day (stmt, 3);
      survey->group = jd_column_dup (stmt, 4);
      survey->sampled = sqlite3_column_int64 (stmt, 5);
      survey->aware = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (surveys, survey);
    }
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&surveys);
}
