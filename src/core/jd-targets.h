/* jd-targets.h: the indicators' targets (docs/contract.md §4), kept in the ledger's settings */
#pragma once

#include "jd-indicators.h"

G_BEGIN_DECLS

typedef enum
{
  JD_TARGET_COVERAGE,              /* coverage ≥ 60 % */
  JD_TARGET_COVERAGE_TOWN,         /* coverage ≥ 80 % for the drug-free town title */
  JD_TARGET_NEW_PER_10K,           /* new_per_10k ≤ 0.5 */
  JD_TARGET_URINE_TEST_RATE,       /* urine_test_rate ≥ 100 % */
  JD_TARGET_HELP_RATE,             /* help_rate ≥ 100 % */
  JD_TARGET_ABSTINENT_1Y,          /* abstinent_1y ≥ 30 % of (registered − exited) */
  JD_TARGET_ABSTINENT_3Y,          /* abstinent_3y ≥ ½ of abstinent_1y */
  JD_TARGET_PUBLICITY_RATE,        /* publicity_rate ≥ 100 % (four activities a month) */
  JD_TARGET_RELAPSE_RATE,          /* relapse_rate falls year on year */
  JD_TARGET_MISSING,               /* missing persons ≤ 0 */
  JD_TARGET_SOCIETY_URINE_RATE,    /* society_urine_rate ≥ 95 % */
  JD_TARGET_URINE_COUNT_RATE,      /* urine_count_rate ≥ 90 % */
  JD_TARGET_SEPARATED_FOUND_RATE,  /* separated_found_rate ≥ 90 % */
  JD_TARGET_AWARENESS_PUBLIC,      /* awareness of the public ≥ 95 % */
  JD_TARGET_AWARENESS_MIGRANT,     /* of migrant workers ≥ 95 % */
  JD_TARGET_AWARENESS_VENUE_STAFF, /* of venue staff 100 % */
  JD_TARGET_AWARENESS_STUDENTS,    /* of students 100 % */
  JD_TARGET_RELAPSE_PERSONS,       /* relapse_persons falls year on year */
  JD_N_TARGETS
} JdTarget;

typedef enum
{
  JD_TARGET_AT_LEAST, /* met when the actual value ≥ the target */
  JD_TARGET_AT_MOST,  /* met when the actual value ≤ the target */
  JD_TARGET_FALLS,    /* met when the value is below last year's (or 0) */
} JdTargetKind;

typedef enum
{
  JD_VERDICT_UNKNOWN, /* no value to judge (a ratio with nothing to count) */
  JD_VERDICT_MET,
  JD_VERDICT_NOT_MET,
} JdVerdict;

typedef struct
{
  JdTarget target;
  const char *key;       /* the setting's key, "target.coverage" … */
  const char *indicator; /* the §4 key it judges */
  const char *label;     /* translatable (N_); use _() */
  const char *zh;        /* the official wording, for the workbook */
  JdTargetKind kind;
  double default_value; /* unused for JD_TARGET_FALLS */
  gboolean percent;     /* shown as a percentage */
} JdTargetInfo;

const JdTargetInfo *jd_target_info (JdTarget target);
const JdTargetInfo *jd_target_find (const char *key_or_indicator);

/* ledger NULL: the default. */
double jd_targets_get (JdLedger *ledger, JdTarget target);
gboolean jd_targets_set (JdLedger *ledger, JdTarget target, double value, GError **error);
gboolean jd_targets_reset (JdLedger *ledger, JdTarget target, GError **error);

/* The value a target compares: the indicator itself, or the share of
 * abstinent_1y in (registered − exited) and of abstinent_3y in abstinent_1y,
 * or the count of missing persons; NAN when there is none. */
double jd_target_actual (JdTarget target, const JdIndicatorValues *values);
/* previous: last year's values, needed only by JD_TARGET_RELAPSE_RATE. */
JdVerdict jd_target_judge (JdTarget target,
                           double target_value,
                           const JdIndicatorValues *values,
                           const JdIndicatorValues *previous);
JdVerdict jd_targets_judge (JdLedger *ledger,
                            JdTarget target,
                            const JdIndicatorValues *values,
                            const JdIndicatorValues *previous);
char *jd_target_describe (JdTarget target, double target_value);
/* The counts behind a target that judges a share (*part of *whole): FALSE for
 * a target that judges a figure itself. */
gboolean
jd_target_fraction (JdTarget target, const JdIndicatorValues *values, gint64 *part, gint64 *whole);

G_END_DECLS
