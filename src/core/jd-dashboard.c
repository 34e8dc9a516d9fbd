/* jd-dashboard.c: what the dashboard shows, computed in one go */
#include "config.h"

#include "jd-dashboard.h"

#include <math.h>

#include "jd-readiness.h"
#include "jd-village-list.h"

#define EPSILON 1e-9

static void
dashboard_village_free (JdDashboardVillage *village)
{
  g_free (village->name);
  g_free (village);
}

void
jd_dashboard_free (JdDashboard *dashboard)
{
  if (dashboard == NULL)
    return;
  g_clear_object (&dashboard->indicators);
  g_clear_pointer (&dashboard->villages, g_ptr_array_unref);
  g_free (dashboard);
}

const JdIndicatorValues *
jd_dashboard_get_values (JdDashboard *dashboard)
{
  return jd_indicators_get_township (dashboard->indicators,
                                     jd_indicators_get_n_years (dashboard->indicators) - 1);
}

/* Near: within 10 % of the target (at least / at most), within 10 % of last
 * year's rate (falls), or one person short when the target is none at all. */
JdJudgement
jd_dashboard_judge (JdTarget target, double target_value, double actual, double previous)
{
  const JdTargetInfo *info = jd_target_info (target);

  if (isnan (actual))
    return JD_JUDGEMENT_NONE;
  switch (info->kind)
    {
      case JD_TARGET_AT_LEAST:
        if (actual >= target_value - EPSILON)
          return JD_JUDGEMENT_MET;
        return actual >= target_value * 0.9 ? JD_JUDGEMENT_NEAR : JD_JUDGEMENT_MISSED;
      case JD_TARGET_AT_MOST:
        if (actual <= target_value + EPSILON)
          return JD_JUDGEMENT_MET;
        if (target_value == 0)
          return actual <= 1 + EPSILON ? JD_JUDGEMENT_NEAR : JD_JUDGEMENT_MISSED;
        return actual <= target_value * 1.1 ? JD_JUDGEMENT_NEAR : JD_JUDGEMENT_MISSED;
      case JD_TARGET_FALLS:
        if (isnan (previous))
          return JD_JUDGEMENT_NONE;
        if (actual < previous - EPSILON || actual <= EPSILON)
          return JD_JUDGEMENT_MET;
        return actual <= previous * 1.1 ? JD_JUDGEMENT_NEAR : JD_JUDGEMENT_MISSED;
      default:
        g_return_val_if_reached (JD_JUDGEMENT_NONE);
    }
}

JdJudgement
jd_dashboard_village_judge_standards (const JdDashboardVillage *village)
{
  int short_by = village->standards_automatic - village->standards_met;
  return short_by == 0 ? JD_JUDGEMENT_MET : short_by == 1 ? JD_JUDGEMENT_NEAR : JD_JUDGEMENT_MISSED;
}

JdJudgement
jd_dashboard_village_judge_publicity (const JdDashboardVillage *village)
{
  gint64 short_by = village->complete_months - village->publicity_months;
  if (village->complete_months == 0)
    return JD_JUDGEMENT_NONE;
  return short_by <= 0 ? JD_JUDGEMENT_MET : short_by == 1 ? JD_JUDGEMENT_NEAR : JD_JUDGEMENT_MISSED;
}

JdJudgement
jd_dashboard_village_judge_title (const JdDashboardVillage *village)
{
  switch (village->stage)
    {
      case JD_TITLE_STAGE_NAMED:
        return JD_JUDGEMENT_MET;
      case JD_TITLE_STAGE_YELLOW_CARD:
        return JD_JUDGEMENT_NEAR;
      case JD_TITLE_STAGE_REVOKED:
      case JD_TITLE_STAGE_FAILED:
        return JD_JUDGEMENT_MISSED;
      default:
        return JD_JUDGEMENT_NONE;
    }
}

JdDashboard *
jd_dashboard_new_judged (JdIndicators *indicators, int year, JdLedger *ledger)
{
  g_return_val_if_fail (JD_IS_INDICATORS (indicators), NULL);
  g_return_val_if_fail (jd_indicators_get_n_years (indicators) >= 2, NULL);

  JdDashboard *dashboard = g_new0 (JdDashboard, 1);
  guint last = jd_indicators_get_n_years (indicators) - 1;
  const JdIndicatorValues *values = jd_indicators_get_township (indicators, last);
  const JdIndicatorValues *previous = jd_indicators_get_township (indicators, last - 1);
  dashboard->year = year;
  dashboard->as_of = values->as_of;
  for (guint t = 0; t < JD_N_TARGETS; t++)
    {
      JdDashboardTile *tile = &dashboard->tiles[t];
      tile->target = t;
      tile->target_value = jd_targets_get (ledger, t);
      tile->actual = jd_target_actual (t, values);
      tile->previous = jd_target_actual (t, previous);
      tile->judgement = jd_dashboard_judge (t, tile->target_value, tile->actual, tile->previous);
    }
  dashboard->indicators = indicators;
  dashboard->villages = g_ptr_array_new ();
  return dashboard;
}

typedef struct
{
  char *path;
  int year;
  JdDay as_of;
  GPtrArray *result;
  GError *error;
} Readiness;

static gpointer
readiness_thread (gpointer data)
{
  Readiness *job = data;
  g_autoptr (JdLedger) reader = jd_ledger_open (job->path, &job->error);

  if (reader)
    job->result = jd_readiness_compute (reader, job->year, job->as_of, 0, &job->error);
  return NULL;
}

JdDashboard *
jd_dashboard_compute (JdLedger *ledger, int year, guint n_years, JdDay as_of, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (n_years >= 2, NULL);

  /* Readiness on a connection of its own, in a thread, while the indicators
   * count here: together they take about as long as the slower alone. */
  Readiness job = { g_strdup (jd_ledger_get_path (ledger)), year, as_of, NULL, NULL };
  GThread *thread = g_thread_new ("jd-readiness", readiness_thread, &job);
  g_autoptr (JdIndicators) indicators
      = jd_indicators_compute (ledger, year - (int)n_years + 1, year, as_of, error);
  g_thread_join (thread);
  g_free (job.path);
  g_autoptr (GPtrArray) readiness = g_steal_pointer (&job.result);
  if (indicators == NULL || readiness == NULL)
    {
      if (indicators != NULL)
        g_propagate_error (error, g_steal_pointer (&job.error));
      g_clear_error (&job.error);
      return NULL;
    }

  guint last = jd_indicators_get_n_years (indicators) - 1;
  const JdIndicatorValues *values = jd_indicators_get_township (indicators, last);
  g_autoptr (JdDashboard) dashboard
      = jd_dashboard_new_judged (g_object_ref (indicators), year, ledger);
  g_ptr_array_set_free_func (dashboard->villages, (GDestroyNotify)dashboard_village_free);
  int complete_months = jd_complete_months (values->as_of);
  for (guint v = 0; v < readiness->len; v++)
    {
      const JdVillageReadiness *r = g_ptr_array_index (readiness, v);
      const JdIndicatorValues *village_values
          = jd_indicators_find_village (indicators, last, r->village_id);
      JdDashboardVillage *village = g_new0 (JdDashboardVillage, 1);
      JdTitleState title;

      g_ptr_array_add (dashboard->villages, village);
      village->village_id = r->village_id;
      village->name = g_strdup (r->name);
      village->complete_months = complete_months;
      for (int s = 0; s < JD_N_STANDARDS; s++)
        if (r->standards[s].met != JD_FINDING_MANUAL)
          {
            village->standards_automatic++;
            village->standards_met += r->standards[s].met == JD_FINDING_MET;
          }
      if (village_values)
        {
          village->current_users = village_values->current_users;
          village->publicity_months = village_values->publicity_met;
        }
      if (!jd_village_title_at (ledger, r->village_id, values->as_of, &title, error))
        return NULL;
      village->stage = title.stage;
    }
  return g_steal_pointer (&dashboard);
}
