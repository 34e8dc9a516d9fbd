/* jd-indicators.h: the indicators of docs/contract.md §4, township-wide and per village */
#pragma once

#include <gio/gio.h>

#include "jd-ledger.h"

G_BEGIN_DECLS

/* The statuses in the order of jd_enum_values (JD_ENUM_STATUS). */
typedef enum
{
  JD_STATUS_COMMUNITY_DETOX,
  JD_STATUS_COMMUNITY_REHAB,
  JD_STATUS_COMPULSORY,
  JD_STATUS_VOLUNTARY,
  JD_STATUS_MAINTENANCE,
  JD_STATUS_CUSTODY,
  JD_STATUS_AT_LARGE,
  JD_STATUS_MISSING,
  JD_STATUS_DECEASED,
  JD_STATUS_EMIGRATED,
  JD_STATUS_MOVED_OUT,
  JD_N_STATUSES
} JdStatus;

/* The groups of an awareness survey, in the order of jd_enum_values (JD_ENUM_SURVEY_GROUP). */
typedef enum
{
  JD_SURVEY_PUBLIC,
  JD_SURVEY_MIGRANT,
  JD_SURVEY_VENUE_STAFF,
  JD_SURVEY_STUDENTS,
  JD_N_SURVEY_GROUPS
} JdSurveyGroup;

/* One year's indicators for the township or for one village. Ratios are
 * fractions between 0 and 1 (new_per_10k is per 10,000 residents) and NAN
 * when their denominator is 0: test them with isnan (). */
typedef struct
{
  int year;
  JdDay as_of;

  gint64 registered;
  gint64 exited;
  gint64 abstinent_1y;
  gint64 abstinent_3y;
  gint64 long_custody;
  gint64 long_missing;
  gint64 current_users;
  gint64 status_counts[JD_N_STATUSES];
  gint64 new_users;
  gint64 population;
  double new_per_10k;
  gint64 relapse_persons;
  gint64 relapse_base;
  double relapse_rate;
  gint64 community_persons;
  gint64 urine_tested;
  double urine_test_rate;
  gint64 help_required;
  gint64 help_covered;
  double help_rate;
  gint64 villages_total;
  gint64 villages_titled;
  double coverage;
  gint64 urine_tests_required;
  gint64 urine_tests_done;
  double urine_count_rate;
  gint64 society_persons;
  gint64 society_tested;
  double society_urine_rate;
  gint64 separated_persons;
  gint64 separated_found;
  double separated_found_rate;
  /* awareness, by JdSurveyGroup: summed over the surveys within the period */
  gint64 awareness_sampled[JD_N_SURVEY_GROUPS];
  gint64 awareness_aware[JD_N_SURVEY_GROUPS];
  double awareness_rate[JD_N_SURVEY_GROUPS];
  gint64 activities;
  double publicity_rate;

  /* Behind publicity_rate: (village, complete month) pairs, and those with
   * at least four activities. */
  gint64 publicity_pairs;
  gint64 publicity_met;
} JdIndicatorValues;

/* The keys of docs/contract.md §4 in their order, for tables, JSON and the workbook. */
typedef enum
{
  JD_INDICATOR_COUNT,
  JD_INDICATOR_RATIO,         /* a fraction, NAN for none */
  JD_INDICATOR_PER_10K,       /* a rate, NAN for none */
  JD_INDICATOR_STATUS_COUNTS, /* the status_counts object */
  JD_INDICATOR_AWARENESS,     /* the awareness object, by survey group */
} JdIndicatorKind;

typedef struct
{
  const char *key;   /* the §4 key */
  const char *label; /* translatable (N_); use _() */
  const char *zh;    /* the official Chinese term, for the workbook */
  JdIndicatorKind kind;
  gsize offset; /* of the gint64 or double in JdIndicatorValues */
} JdIndicatorInfo;

const JdIndicatorInfo *jd_indicator_infos (guint *n_infos);
const JdIndicatorInfo *jd_indicator_find (const char *key);
gint64 jd_indicator_values_count (const JdIndicatorValues *values, const JdIndicatorInfo *info);
double jd_indicator_values_ratio (const JdIndicatorValues *values, const JdIndicatorInfo *info);
const char *jd_status_key (JdStatus status);
const char *jd_survey_group_key (JdSurveyGroup group);

#define JD_TYPE_INDICATORS (jd_indicators_get_type ())
G_DECLARE_FINAL_TYPE (JdIndicators, jd_indicators, JD, INDICATORS, GObject)

/* Years first_year … last_year, each as of its Dec 31, except that the last
 * is as of as_of when as_of is not 0 (it must lie in last_year). */
JdIndicators *jd_indicators_compute (
    JdLedger *ledger, int first_year, int last_year, JdDay as_of, GError **error);

guint jd_indicators_get_n_years (JdIndicators *self);
int jd_indicators_get_first_year (JdIndicators *self);
/* The township's values for year index i (0 = first_year). */
const JdIndicatorValues *jd_indicators_get_township (JdIndicators *self, guint i);
/* The villages, in code order: every village of the ledger, retired or not. */
guint jd_indicators_get_n_villages (JdIndicators *self);
gint64 jd_indicators_get_village_id (JdIndicators *self, guint v);
const char *jd_indicators_get_village_code (JdIndicators *self, guint v);
const char *jd_indicators_get_village_name (JdIndicators *self, guint v);
/* Village v's values for year index i; V's persons are those it manages. */
const JdIndicatorValues *jd_indicators_get_village (JdIndicators *self, guint i, guint v);
/* The same, by the village's id; NULL when there is no such village. */
const JdIndicatorValues *
jd_indicators_find_village (JdIndicators *self, guint i, gint64 village_id);

/* The persons counted in the last year's township current_users, by id
 * ascending: the register of current users lists exactly these. */
const gint64 *jd_indicators_get_current_users (JdIndicators *self, gsize *n_persons);

/* Several ledgers' indicators over the same years as one (a county): every
 * count, numerator and denominator summed, then the ratios computed from them,
 * never averaged (docs/contract.md §9). It has no villages. */
JdIndicators *
jd_indicators_new_sum (JdIndicators *const *parts, guint n_parts, int first_year, int last_year);
void jd_indicator_values_add (JdIndicatorValues *sum, const JdIndicatorValues *v);
void jd_indicator_values_finish (JdIndicatorValues *v);

/* The number of complete months in the period Y-01-01 … as_of. */
int jd_complete_months (JdDay as_of);

G_END_DECLS
