/* jd-dashboard.h: what the dashboard shows, computed in one go (docs/contract.md §8)
 *
 * The indicators of a range of years ending in the chosen one, each target
 * judged (met, near, missed) with last year's value beside it, and per
 * village the current users, the readiness standards met, the months with
 * four activities and the title's stage. Computed on any connection, so the
 * window can run it on a worker thread; it holds no personal data.
 */
#pragma once

#include "jd-indicators.h"
#include "jd-targets.h"
#include "jd-title.h"

G_BEGIN_DECLS

typedef enum
{
  JD_JUDGEMENT_NONE,   /* nothing to judge */
  JD_JUDGEMENT_MET,    /* the target is met */
  JD_JUDGEMENT_NEAR,   /* missed by a little: within 10 % of the target, or one short */
  JD_JUDGEMENT_MISSED, /* missed */
} JdJudgement;

typedef struct
{
  JdTarget target;
  double target_value;
  double actual;   /* jd_target_actual (); NAN for none */
  double previous; /* the same a year before; NAN for none */
  JdJudgement judgement;
} JdDashboardTile;

typedef struct
{
  gint64 village_id;
  char *name;
  gint64 current_users;
  int standards_met;       /* automatic findings met */
  int standards_automatic; /* automatic findings in all (the rest are manual) */
  gint64 publicity_months; /* complete months with four activities or more */
  int complete_months;     /* of the period */
  JdTitleStage stage;
} JdDashboardVillage;

typedef struct
{
  int year;
  JdDay as_of;
  JdIndicators *indicators; /* first_year … year */
  JdDashboardTile tiles[JD_N_TARGETS];
  GPtrArray *villages; /* JdDashboardVillage, not retired, in code order */
} JdDashboard;

/* n_years (two or more) ending with year, as of as_of (0: its Dec 31). */
JdDashboard *
jd_dashboard_compute (JdLedger *ledger, int year, guint n_years, JdDay as_of, GError **error);
/* The tiles of indicators (taken; two years or more, the last one year's),
 * judged against ledger's targets (NULL: the defaults); no villages. */
JdDashboard *jd_dashboard_new_judged (JdIndicators *indicators, int year, JdLedger *ledger);
void jd_dashboard_free (JdDashboard *dashboard);
const JdIndicatorValues *jd_dashboard_get_values (JdDashboard *dashboard);

JdJudgement
jd_dashboard_judge (JdTarget target, double target_value, double actual, double previous);
JdJudgement jd_dashboard_village_judge_standards (const JdDashboardVillage *village);
JdJudgement jd_dashboard_village_judge_publicity (const JdDashboardVillage *village);
JdJudgement jd_dashboard_village_judge_title (const JdDashboardVillage *village);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdDashboard, jd_dashboard_free)

G_END_DECLS
