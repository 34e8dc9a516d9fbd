/* jd-targets.c: the indicators' targets, kept in the ledger's settings
 *
 * Defaults come from the reference plans (docs/contract.md §4): coverage ≥ 60 % (80 %
 * for a drug-free town), ≤ 0.5 new users per 10,000 residents, every person
 * under community measures urine-tested and helped, ≥ 30 % abstinent a year
 * and half of those three years, four activities every month, a relapse rate
 * that falls year on year and no missing persons; of the users in society
 * ≥ 95 % urine-tested, ≥ 90 % of the tests due done, ≥ 90 % of those living
 * away from their household village found, awareness ≥ 95 % of the public and
 * of migrant workers and 100 % of venue staff and students, and fewer persons
 * relapsing than the year before. Each is stored as text under
 * its key ("target.coverage" …) in the `setting` table, so it travels with the
 * ledger and its changes are in the audit log.
 */
#include "config.h"

#include "jd-targets.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "jd-error.h"

#define EPSILON 1e-9

static const JdTargetInfo targets[] = {
  { JD_TARGET_COVERAGE, "target.coverage", "coverage", N_ ("Drug-free coverage"), "无毒村居覆盖率",
    JD_TARGET_AT_LEAST, 0.6, TRUE },
  { JD_TARGET_COVERAGE_TOWN, "target.coverage_town", "coverage",
    N_ ("Drug-free coverage for the town title"), "创建无毒乡镇覆盖率", JD_TARGET_AT_LEAST, 0.8,
    TRUE },
  { JD_TARGET_NEW_PER_10K, "target.new_per_10k", "new_per_10k",
    N_ ("New users per 10,000 residents"), "每万人新滋生吸毒人员", JD_TARGET_AT_MOST, 0.5, FALSE },
  { JD_TARGET_URINE_TEST_RATE, "target.urine_test_rate", "urine_test_rate", N_ ("Urine-test rate"),
    "尿检率", JD_TARGET_AT_LEAST, 1.0, TRUE },
  { JD_TARGET_HELP_RATE, "target.help_rate", "help_rate", N_ ("Help rate"), "帮教率",
    JD_TARGET_AT_LEAST, 1.0, TRUE },
  { JD_TARGET_ABSTINENT_1Y, "target.abstinent_1y", "abstinent_1y",
    N_ ("Abstinent one year, share of registered users not exited"), "戒断一年以上人员比例",
    JD_TARGET_AT_LEAST, 0.3, TRUE },
  { JD_TARGET_ABSTINENT_3Y, "target.abstinent_3y", "abstinent_3y",
    N_ ("Abstinent three years, share of those abstinent one year"), "戒断三年以上人员比例",
    JD_TARGET_AT_LEAST, 0.5, TRUE },
  { JD_TARGET_PUBLICITY_RATE, "target.publicity_rate", "publicity_rate",
    N_ ("Months with four publicity activities"), "每月四次宣传活动达标率", JD_TARGET_AT_LEAST, 1.0,
    TRUE },
  { JD_TARGET_RELAPSE_RATE, "target.relapse_rate", "relapse_rate",
    N_ ("Relapse rate falls year on year"), "复吸率逐年下降", JD_TARGET_FALLS, 0.0, TRUE },
  { JD_TARGET_MISSING, "target.missing", "status_counts.missing", N_ ("Missing persons"),
    "失联人员", JD_TARGET_AT_MOST, 0.0, FALSE },
  { JD_TARGET_SOCIETY_URINE_RATE, "target.society_urine_rate", "society_urine_rate",
    N_ ("Overall urine-test rate"), "总体尿检率", JD_TARGET_AT_LEAST, 0.95, TRUE },
  { JD_TARGET_URINE_COUNT_RATE, "target.urine_count_rate", "urine_count_rate",
    N_ ("Urine tests done of those due"), "尿检次数完成率", JD_TARGET_AT_LEAST, 0.9, TRUE },
  { JD_TARGET_SEPARATED_FOUND_RATE, "target.separated_found_rate", "separated_found_rate",
    N_ ("Finding rate of those living away"), "人户分离人员查找发现率", JD_TARGET_AT_LEAST, 0.9,
    TRUE },
  { JD_TARGET_AWARENESS_PUBLIC, "target.awareness_public", "awareness.public",
    N_ ("Awareness of the public"), "群众禁毒知识知晓率", JD_TARGET_AT_LEAST, 0.95, TRUE },
  { JD_TARGET_AWARENESS_MIGRANT, "target.awareness_migrant", "awareness.migrant",
    N_ ("Awareness of migrant workers"), "外出务工人员禁毒知识知晓率", JD_TARGET_AT_LEAST, 0.95,
    TRUE },
  { JD_TARGET_AWARENESS_VENUE_STAFF, "target.awareness_venue_staff", "awareness.venue_staff",
    N_ ("Awareness of venue staff"), "场所从业人员禁毒知识知晓率", JD_TARGET_AT_LEAST, 1.0, TRUE },
  { JD_TARGET_AWARENESS_STUDENTS, "target.awareness_students", "awareness.students",
    N_ ("Awareness of students"), "在校学生禁毒知识知晓率", JD_TARGET_AT_LEAST, 1.0, TRUE },
  { JD_TARGET_RELAPSE_PERSONS, "target.relapse_persons", "relapse_persons",
    N_ ("Persons relapsing fall year on year"), "复吸人员绝对数逐年下降", JD_TARGET_FALLS, 0.0,
    FALSE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (targets) == JD_N_TARGETS);

const JdTargetInfo *
jd_target_info (JdTarget target)
{
  g_return_val_if_fail (target < JD_N_TARGETS, NULL);
  return &targets[target];
}

/* By setting key ("target.coverage") or by indicator key (the first target of it). */
const JdTargetInfo *
jd_target_find (const char *key_or_indicator)
{
  for (guint t = 0; key_or_indicator && t < JD_N_TARGETS; t++)
    if (g_str_equal (targets[t].key, key_or_indicator)
        || g_str_equal (targets[t].indicator, key_or_indicator))
      return &targets[t];
  return NULL;
}

double
jd_targets_get (JdLedger *ledger, JdTarget target)
{
  g_return_val_if_fail (ledger == NULL || JD_IS_LEDGER (ledger), NAN);
  g_return_val_if_fail (target < JD_N_TARGETS, NAN);

  if (ledger == NULL) /* a county keeps no targets (docs/contract.md §9) */
    return targets[target].default_value;
  g_autofree char *text = jd_ledger_get_setting (ledger, targets[target].key);
  if (text != NULL)
    {
      char *end = NULL;
      double value = g_ascii_strtod (text, &end);
      if (end != text && *end == '\0' && isfinite (value) && value >= 0)
        return value;
      g_debug ("Setting %s has the unusable value “%s”; using the default", targets[target].key,
               text);
    }
  return targets[target].default_value;
}

gboolean
jd_targets_set (JdLedger *ledger, JdTarget target, double value, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (target < JD_N_TARGETS, FALSE);

  const JdTargetInfo *info = &targets[target];
  if (!isfinite (value) || value < 0 || (info->percent && value > 1.0))
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   info->percent ? _ ("%s: the target must be between 0 %% and 100 %%")
                                 : _ ("%s: the target cannot be negative"),
                   _ (info->label));
      return FALSE;
    }
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (text, sizeof text, "%.15g", value);
  return jd_ledger_set_setting (ledger, info->key, text, error);
}

/* Back to the default of the reference plans. */
gboolean
jd_targets_reset (JdLedger *ledger, JdTarget target, GError **error)
{
  g_return_val_if_fail (target < JD_N_TARGETS, FALSE);
  return jd_targets_set (ledger, target, targets[target].default_value, error);
}

static inline double
share (gint64 part, gint64 whole)
{
  return whole > 0 ? (double)part / whole : NAN;
}

double
jd_target_actual (JdTarget target, const JdIndicatorValues *values)
{
  g_return_val_if_fail (values != NULL, NAN);
  switch (target)
    {
      case JD_TARGET_COVERAGE:
      case JD_TARGET_COVERAGE_TOWN:
        return values->coverage;
      case JD_TARGET_NEW_PER_10K:
        return values->new_per_10k;
      case JD_TARGET_URINE_TEST_RATE:
        return values->urine_test_rate;
      case JD_TARGET_HELP_RATE:
        return values->help_rate;
      case JD_TARGET_ABSTINENT_1Y:
        return share (values->abstinent_1y, values->registered - values->exited);
      case JD_TARGET_ABSTINENT_3Y:
        return share (values->abstinent_3y, values->abstinent_1y);
      case JD_TARGET_PUBLICITY_RATE:
        return values->publicity_rate;
      case JD_TARGET_RELAPSE_RATE:
        return values->relapse_rate;
      case JD_TARGET_MISSING:
        return values->status_counts[JD_STATUS_MISSING];
      case JD_TARGET_SOCIETY_URINE_RATE:
        return values->society_urine_rate;
      case JD_TARGET_URINE_COUNT_RATE:
        return values->urine_count_rate;
      case JD_TARGET_SEPARATED_FOUND_RATE:
        return values->separated_found_rate;
      case JD_TARGET_AWARENESS_PUBLIC:
        return values->awareness_rate[JD_SURVEY_PUBLIC];
      case JD_TARGET_AWARENESS_MIGRANT:
        return values->awareness_rate[JD_SURVEY_MIGRANT];
      case JD_TARGET_AWARENESS_VENUE_STAFF:
        return values->awareness_rate[JD_SURVEY_VENUE_STAFF];
      case JD_TARGET_AWARENESS_STUDENTS:
        return values->awareness_rate[JD_SURVEY_STUDENTS];
      case JD_TARGET_RELAPSE_PERSONS:
        return values->relapse_persons;
      default:
        g_return_val_if_reached (NAN);
    }
}

JdVerdict
jd_target_judge (JdTarget target,
                 double target_value,
                 const JdIndicatorValues *values,
                 const JdIndicatorValues *previous)
{
  g_return_val_if_fail (target < JD_N_TARGETS, JD_VERDICT_UNKNOWN);
  double actual = jd_target_actual (target, values);
  if (isnan (actual))
    return JD_VERDICT_UNKNOWN;

  switch (targets[target].kind)
    {
      case JD_TARGET_AT_LEAST:
        return actual >= target_value - EPSILON ? JD_VERDICT_MET : JD_VERDICT_NOT_MET;
      case JD_TARGET_AT_MOST:
        return actual <= target_value + EPSILON ? JD_VERDICT_MET : JD_VERDICT_NOT_MET;
      case JD_TARGET_FALLS:
        {
          /* No relapse at all is as low as it gets. */
          if (actual <= EPSILON)
            return JD_VERDICT_MET;
          double before = previous ? jd_target_actual (target, previous) : NAN;
          if (isnan (before))
            return JD_VERDICT_UNKNOWN;
          return actual < before - EPSILON ? JD_VERDICT_MET : JD_VERDICT_NOT_MET;
        }
      default:
        g_return_val_if_reached (JD_VERDICT_UNKNOWN);
    }
}

JdVerdict
jd_targets_judge (JdLedger *ledger,
                  JdTarget target,
                  const JdIndicatorValues *values,
                  const JdIndicatorValues *previous)
{
  return jd_target_judge (target, jd_targets_get (ledger, target), values, previous);
}

/* "≥ 60%", "≤ 0.5", "falls year on year": the target as people read it. */
char *
jd_target_describe (JdTarget target, double target_value)
{
  g_return_val_if_fail (target < JD_N_TARGETS, NULL);
  const JdTargetInfo *info = &targets[target];
  if (info->kind == JD_TARGET_FALLS)
    return g_strdup (_ ("falls year on year"));
  g_autofree char *number = info->percent ? g_strdup_printf ("%.4g%%", target_value * 100)
                                          : g_strdup_printf ("%.4g", target_value);
  return g_strdup_printf (info->kind == JD_TARGET_AT_LEAST ? "≥ %s" : "≤ %s", number);
}

gboolean
jd_target_fraction (JdTarget target, const JdIndicatorValues *values, gint64 *part, gint64 *whole)
{
  g_return_val_if_fail (values != NULL && part != NULL && whole != NULL, FALSE);
  const struct
  {
    gint64 part, whole;
  } shares[JD_N_TARGETS] = {
    [JD_TARGET_COVERAGE] = { values->villages_titled, values->villages_total },
    [JD_TARGET_COVERAGE_TOWN] = { values->villages_titled, values->villages_total },
    [JD_TARGET_NEW_PER_10K] = { -1, -1 },
    [JD_TARGET_URINE_TEST_RATE] = { values->urine_tested, values->community_persons },
    [JD_TARGET_HELP_RATE] = { values->help_covered, values->help_required },
    [JD_TARGET_ABSTINENT_1Y] = { values->abstinent_1y, values->registered - values->exited },
    [JD_TARGET_ABSTINENT_3Y] = { values->abstinent_3y, values->abstinent_1y },
    [JD_TARGET_PUBLICITY_RATE] = { values->publicity_met, values->publicity_pairs },
    [JD_TARGET_RELAPSE_RATE] = { values->relapse_persons, values->relapse_base },
    [JD_TARGET_MISSING] = { -1, -1 },
    [JD_TARGET_SOCIETY_URINE_RATE] = { values->society_tested, values->society_persons },
    [JD_TARGET_URINE_COUNT_RATE] = { values->urine_tests_done, values->urine_tests_required },
    [JD_TARGET_SEPARATED_FOUND_RATE] = { values->separated_found, values->separated_persons },
    [JD_TARGET_AWARENESS_PUBLIC]
    = { values->awareness_aware[JD_SURVEY_PUBLIC], values->awareness_sampled[JD_SURVEY_PUBLIC] },
    [JD_TARGET_AWARENESS_MIGRANT]
    = { values->awareness_aware[JD_SURVEY_MIGRANT], values->awareness_sampled[JD_SURVEY_MIGRANT] },
    [JD_TARGET_AWARENESS_VENUE_STAFF] = { values->awareness_aware[JD_SURVEY_VENUE_STAFF],
                                          values->awareness_sampled[JD_SURVEY_VENUE_STAFF] },
    [JD_TARGET_AWARENESS_STUDENTS] = { values->awareness_aware[JD_SURVEY_STUDENTS],
                                       values->awareness_sampled[JD_SURVEY_STUDENTS] },
    [JD_TARGET_RELAPSE_PERSONS] = { -1, -1 },
  };
  g_return_val_if_fail (target < JD_N_TARGETS, FALSE);
  if (shares[target].whole < 0)
    return FALSE;
  *part = shares[target].part;
  *whole = shares[target].whole;
  return TRUE;
}
