/* jd-register-indicators.c: the registers built on the indicator engine (docs/contract.md §4, §7)
 *
 * 基本情况, 村居创建情况, 现有吸毒人员表 and 指标趋势 show what jd-indicators.c
 * computes; nothing here counts an indicator a second way. The engine runs once
 * per workbook, for the ten years the trend needs, and the registers share it.
 */
#include "config.h"

#include "jd-register-query-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "jd-enums.h"
#include "jd-error.h"
#include "jd-ledger-private.h"
#include "jd-targets.h"
#include "jd-title.h"
#include "jd-village-list.h"

#define TREND_YEARS 10

/* ---- the engine, once per snapshot ----------------------------------------------- */

JdIndicators *
jd_register_indicators (JdRegisterContext *ctx, GError **error)
{
  if (ctx->given)
    return g_object_ref (ctx->given);
  int first_year = ctx->year - (TREND_YEARS - 1);
  JdRegisterCache *cache = jd_ledger_get_register_cache (ctx->ledger);

  if (cache)
    {
      JdIndicators *cached = cache->indicators;
      if (cached && jd_indicators_get_first_year (cached) == first_year
          && jd_indicators_get_n_years (cached) == TREND_YEARS
          && jd_indicators_get_township (cached, TREND_YEARS - 1)->as_of == ctx->as_of)
        return g_object_ref (cached);
    }

  JdIndicators *indicators
      = jd_indicators_compute (ctx->ledger, first_year, ctx->year, ctx->as_of, error);
  if (indicators && cache)
    g_set_object (&cache->indicators, indicators);
  return indicators;
}

/* ---- 基本情况 -------------------------------------------------------------------- */

/* Rows before the indicators: the township, the year and D. */
#define SUMMARY_HEAD_ROWS 3

/* A target that judges an indicator an earlier target already judged (the
 * town's coverage) gets a row of its own. */
static gboolean
target_has_own_row (JdTarget target)
{
  const JdTargetInfo *info = jd_target_info (target);
  return jd_target_find (info->indicator) != info;
}

static guint
summary_n_rows (void)
{
  guint n = 0;
  jd_indicator_infos (&n);
  /* status_counts is one row per status, awareness one per survey group. */
  n = SUMMARY_HEAD_ROWS + n - 2 + JD_N_STATUSES + JD_N_SURVEY_GROUPS;
  for (JdTarget t = 0; t < JD_N_TARGETS; t++)
    n += target_has_own_row (t);
  return n;
}

static void
cell_value (JdCell *cell, const JdIndicatorValues *values, const JdIndicatorInfo *info)
{
  switch (info->kind)
    {
      case JD_INDICATOR_COUNT:
        jd_cell_count (cell, jd_indicator_values_count (values, info));
        break;
      case JD_INDICATOR_RATIO:
        jd_cell_ratio (cell, jd_indicator_values_ratio (values, info));
        break;
      case JD_INDICATOR_PER_10K:
        jd_cell_number (cell, jd_indicator_values_ratio (values, info));
        break;
      case JD_INDICATOR_STATUS_COUNTS:
      case JD_INDICATOR_AWARENESS:
      default:
        g_assert_not_reached ();
    }
}

/* "60%", "0.5", "33.3%": a number as the forms print it, whatever the locale;
 * format is "%.4g" for a target, "%.1f" for a measured rate. */
static char *
format_number (const char *format, double value, gboolean percent)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, format, percent ? value * 100 : value);
  return g_strconcat (buf, percent ? "%" : "", NULL);
}

typedef struct
{
  JdRegisterContext *ctx;
  const JdIndicatorValues *now;
  const JdIndicatorValues *before; /* last year, for the relapse rate */
  char *texts[3];                  /* the current row's target and note */
  char *note;                      /* a note for the next row, taken by it */
} Summary;

static void
summary_clear_texts (Summary *summary)
{
  for (guint i = 0; i < G_N_ELEMENTS (summary->texts); i++)
    g_clear_pointer (&summary->texts[i], g_free);
}

/* One line: the item, its actual value, and when it has a target (-1: none) the
 * target, whether it is met and what exactly was compared. */
static gboolean
summary_row (Summary *summary, const char *item, const JdCell *actual, int target, GError **error)
{
  JdRegisterContext *ctx = summary->ctx;
  JdCell cells[6] = { { 0 } };

  summary_clear_texts (summary);
  jd_cell_text (&cells[1], item);
  cells[3] = *actual;
  if (target >= 0)
    {
      const JdTargetInfo *info = jd_target_info (target);
      /* Indicators given without a ledger of their own (a county's) are judged
       * against the default targets. */
      double value = ctx->given ? info->default_value : jd_targets_get (ctx->ledger, target);
      JdVerdict verdict = jd_target_judge (target, value, summary->now, summary->before);
      double compared = jd_target_actual (target, summary->now);

      if (info->kind == JD_TARGET_FALLS)
        {
          double last = jd_target_actual (target, summary->before);
          /* A rate to a tenth of a per cent, a count whole. */
          g_autofree char *text
              = isnan (last) ? NULL
                             : format_number (info->percent ? "%.1f" : "%.4g", last, info->percent);
          summary->texts[0] = text ? g_strdup_printf ("低于上年(%s)", text) : g_strdup ("逐年下降");
        }
      else
        {
          g_autofree char *text = format_number ("%.4g", value, info->percent);
          summary->texts[0]
              = g_strconcat (info->kind == JD_TARGET_AT_LEAST ? "≥ " : "≤ ", text, NULL);
        }
      jd_cell_text (&cells[2], summary->texts[0]);
      jd_cell_text (&cells[4], verdict == JD_VERDICT_MET       ? "达标"
                               : verdict == JD_VERDICT_NOT_MET ? "未达标"
                                                               : "无数据");
      /* Where the target judges a share rather than the figure itself. */
      if (target == JD_TARGET_ABSTINENT_1Y || target == JD_TARGET_ABSTINENT_3Y)
        {
          g_autofree char *text
              = isnan (compared) ? g_strdup ("—") : format_number ("%.1f", compared, TRUE);
          summary->texts[1] = g_strdup_printf ("%s%s",
                                               target == JD_TARGET_ABSTINENT_1Y
                                                   ? "占在册人员(不含死亡、出境、户籍迁出)"
                                                   : "占戒断一年以上人员",
                                               text);
          jd_cell_text (&cells[5], summary->texts[1]);
        }
    }
  if (summary->note)
    {
      summary->texts[2] = g_steal_pointer (&summary->note);
      jd_cell_text (&cells[5], summary->texts[2]);
    }
  return jd_register_emit (ctx, cells, error);
}

static gboolean
summary_register_rows (JdRegisterContext *ctx, GError **error)
{
  g_autoptr (JdIndicators) indicators = jd_register_indicators (ctx, error);
  if (indicators == NULL)
    return FALSE;
  Summary summary = {
    .ctx = ctx,
    .now = jd_indicators_get_township (indicators, TREND_YEARS - 1),
    .before = jd_indicators_get_township (indicators, TREND_YEARS - 2),
  };
  char year[16];
  JdCell cell = { 0 };
  gboolean ok;

  g_snprintf (year, sizeof year, "%d", ctx->year);
  jd_cell_text (&cell, jd_register_context_township (ctx));
  ok = summary_row (&summary, "乡镇(街道)", &cell, -1, error);
  jd_cell_text (&cell, year);
  ok = ok && summary_row (&summary, "统计年度", &cell, -1, error);
  jd_cell_day (&cell, ctx->as_of);
  ok = ok && summary_row (&summary, "统计截止日期", &cell, -1, error);

  guint n = 0;
  const JdIndicatorInfo *infos = jd_indicator_infos (&n);
  for (guint i = 0; ok && i < n; i++)
    {
      const JdIndicatorInfo *info = &infos[i];
      const JdTargetInfo *target;
      if (info->kind == JD_INDICATOR_STATUS_COUNTS)
        {
          /* Of the registered persons, by their status at D. */
          guint n_statuses = 0;
          const JdEnumValue *statuses = jd_enum_values (JD_ENUM_STATUS, &n_statuses);
          g_assert (n_statuses == JD_N_STATUSES);
          for (guint k = 0; ok && k < JD_N_STATUSES; k++)
            {
              g_autofree char *item = g_strconcat ("在册人员中：", statuses[k].zh, NULL);
              g_autofree char *key = g_strconcat ("status_counts.", statuses[k].key, NULL);
              target = jd_target_find (key);
              jd_cell_count (&cell, summary.now->status_counts[k]);
              ok = summary_row (&summary, item, &cell, target ? (int)target->target : -1, error);
            }
          continue;
        }
      if (info->kind == JD_INDICATOR_AWARENESS)
        {
          /* One row per survey group: aware of sampled, and the group's target. */
          guint n_groups = 0;
          const JdEnumValue *groups = jd_enum_values (JD_ENUM_SURVEY_GROUP, &n_groups);
          g_assert (n_groups == JD_N_SURVEY_GROUPS);
          for (guint g = 0; ok && g < JD_N_SURVEY_GROUPS; g++)
            {
              g_autofree char *item = g_strconcat (info->zh, "：", groups[g].zh, NULL);
              g_autofree char *key = g_strconcat ("awareness.", groups[g].key, NULL);
              target = jd_target_find (key);
              summary.note = g_strdup_printf (
                  "调查%" G_GINT64_FORMAT "人，知晓%" G_GINT64_FORMAT "人",
                  summary.now->awareness_sampled[g], summary.now->awareness_aware[g]);
              jd_cell_ratio (&cell, summary.now->awareness_rate[g]);
              ok = summary_row (&summary, item, &cell, target ? (int)target->target : -1, error);
            }
          g_clear_pointer (&summary.note, g_free);
          continue;
        }
      target = jd_target_find (info->key);
      cell_value (&cell, summary.now, info);
      ok = summary_row (&summary, info->zh, &cell, target ? (int)target->target : -1, error);
      /* Further targets of the same indicator, each on a row of its own. */
      for (JdTarget t = 0; ok && t < JD_N_TARGETS; t++)
        if (target_has_own_row (t) && g_str_equal (jd_target_info (t)->indicator, info->key))
          ok = summary_row (&summary, jd_target_info (t)->zh, &cell, t, error);
    }
  summary_clear_texts (&summary);
  return ok;
}

/* ---- 村居创建情况 ------------------------------------------------------------------- */

/* The villages that exist on D, with their last assessment up to D and the
 * number of standards it found met. */
static const char village_sql[]
    = "SELECT v.id, v.code, v.name, v.kind, v.registered_population, v.resident_population,"
      " v.floating_population, v.grid_count, v.education_site, a.assessed_on,"
      " (SELECT count(*) FROM assessment_item i WHERE i.assessment_id = a.id AND i.verdict = 1)"
      " FROM village v"
      " LEFT JOIN assessment a ON a.id = (SELECT b.id FROM assessment b WHERE b.village_id = v.id"
      "   AND b.assessed_on <= ?2 ORDER BY b.assessed_on DESC, b.id DESC LIMIT 1)"
      " WHERE v.retired_on IS NULL OR v.retired_on > ?2"
      " ORDER BY v.code";

static gboolean
village_rows (JdRegisterContext *ctx, JdIndicators *indicators, GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (ctx->ledger, village_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  jd_register_bind_period (ctx, stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdCell cells[17] = { { 0 } };
      JdTitleState title;
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const JdIndicatorValues *values
          = jd_indicators_find_village (indicators, TREND_YEARS - 1, id);
      const char *kind = (const char *)sqlite3_column_text (stmt, 3);

      if (values == NULL || !jd_village_title_at (ctx->ledger, id, ctx->as_of, &title, error))
        {
          if (values == NULL)
            g_set_error (error, JD_ERROR, JD_ERROR_IO,
                         _ ("%s: the ledger changed during the export"),
                         jd_ledger_get_path (ctx->ledger));
          sqlite3_reset (stmt);
          return FALSE;
        }
      jd_cell_text (&cells[1], (const char *)sqlite3_column_text (stmt, 1));
      jd_cell_text (&cells[2], (const char *)sqlite3_column_text (stmt, 2));
      jd_cell_text (&cells[3], jd_enum_zh (JD_ENUM_VILLAGE_KIND, kind));
      for (int k = 0; k < 4; k++)
        jd_cell_count (&cells[4 + k], sqlite3_column_int64 (stmt, 4 + k));
      jd_cell_text (&cells[8], sqlite3_column_int (stmt, 8) ? "有" : "无");
      jd_cell_text (&cells[9], jd_title_stage_zh (title.stage));
      jd_cell_count (&cells[10], jd_title_yellow_cards (&title));
      jd_cell_day (&cells[11], jd_column_day (stmt, 9));
      if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
        jd_cell_count (&cells[12], sqlite3_column_int64 (stmt, 10));
      jd_cell_count (&cells[13], values->activities);
      jd_cell_count (&cells[14], values->publicity_met);
      jd_cell_count (&cells[15], values->current_users);
      jd_cell_count (&cells[16], values->community_persons);
      if (!jd_register_emit (ctx, cells, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    jd_ledger_set_error (ctx->ledger, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
villages_register_rows (JdRegisterContext *ctx, GError **error)
{
  g_autoptr (JdIndicators) indicators = jd_register_indicators (ctx, error);
  return indicators != NULL && village_rows (ctx, indicators, error);
}

/* ---- 现有吸毒人员表 ------------------------------------------------------------------ */

/* The persons the engine counts in current_users (docs/contract.md §4) on D. */
static gboolean
current_register_rows (JdRegisterContext *ctx, GError **error)
{
  g_autoptr (JdIndicators) indicators = jd_register_indicators (ctx, error);
  if (indicators == NULL)
    return FALSE;

  gsize n = 0;
  const gint64 *ids = jd_indicators_get_current_users (indicators, &n);
  g_autofree char *persons = jd_json_ids (ids, n);

  ctx->persons = persons;
  gboolean ok = jd_register_stream (
      ctx,
      JD_REGISTER_PERSON_SELECT (" AND p.id IN (SELECT value FROM json_each(?4))")
          JD_REGISTER_PERSON_ORDER,
      jd_register_fill_person, error);
  ctx->persons = NULL;
  return ok;
}

/* ---- 指标趋势 ---------------------------------------------------------------------- */

static gboolean
trend_register_rows (JdRegisterContext *ctx, GError **error)
{
  g_autoptr (JdIndicators) indicators = jd_register_indicators (ctx, error);
  if (indicators == NULL)
    return FALSE;

  for (guint i = 0; i < TREND_YEARS; i++)
    {
      const JdIndicatorValues *v = jd_indicators_get_township (indicators, i);
      JdCell cells[12] = { { 0 } };
      char year[16];
      g_snprintf (year, sizeof year, "%d", v->year);
      jd_cell_text (&cells[0], year);
      jd_cell_count (&cells[1], v->registered);
      jd_cell_count (&cells[2], v->current_users);
      jd_cell_count (&cells[3], v->new_users);
      jd_cell_number (&cells[4], v->new_per_10k);
      jd_cell_count (&cells[5], v->relapse_persons);
      jd_cell_ratio (&cells[6], v->relapse_rate);
      jd_cell_ratio (&cells[7], v->urine_test_rate);
      jd_cell_ratio (&cells[8], v->help_rate);
      jd_cell_count (&cells[9], v->villages_titled);
      jd_cell_count (&cells[10], v->villages_total);
      jd_cell_ratio (&cells[11], v->coverage);
      if (!jd_register_emit (ctx, cells, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- indicators computed elsewhere --------------------------------------------------- */

gboolean
jd_register_rows_of_indicators (JdIndicators *indicators,
                                const char *place,
                                JdRegister register_,
                                const JdRegisterQuery *query,
                                JdRowFunc func,
                                gpointer user_data,
                                GError **error)
{
  g_return_val_if_fail (JD_IS_INDICATORS (indicators), FALSE);
  g_return_val_if_fail (place != NULL && query != NULL && func != NULL, FALSE);
  g_return_val_if_fail (register_ == JD_REGISTER_SUMMARY || register_ == JD_REGISTER_TRENDS, FALSE);
  if (jd_indicators_get_n_years (indicators) != TREND_YEARS
      || jd_indicators_get_first_year (indicators) != query->year - (TREND_YEARS - 1))
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   "the indicators are not those of the years %d–%d",
                   query->year - (TREND_YEARS - 1), query->year);
      return FALSE;
    }
  JdRegisterContext ctx;
  jd_register_context_init (&ctx, NULL, register_, query, func, user_data);
  ctx.given = indicators;
  ctx.township = g_strdup (place);
  gboolean ok = register_ == JD_REGISTER_SUMMARY ? summary_register_rows (&ctx, error)
                                                 : trend_register_rows (&ctx, error);
  jd_register_context_clear (&ctx);
  return ok;
}

/* ---- the registers built on the engine ------------------------------------------------- */

/* Hands every row of a register built on the indicator engine to ctx->func. */
gboolean
jd_register_indicator_rows (JdRegisterContext *ctx, GError **error)
{
  switch (ctx->register_)
    {
      case JD_REGISTER_SUMMARY:
        return summary_register_rows (ctx, error);
      case JD_REGISTER_VILLAGES:
        return villages_register_rows (ctx, error);
      case JD_REGISTER_CURRENT:
        return current_register_rows (ctx, error);
      case JD_REGISTER_TRENDS:
        return trend_register_rows (ctx, error);
      default:
        g_assert_not_reached ();
    }
}

/* ---- counts ------------------------------------------------------------------------ */

gint64
jd_register_count_indicators (JdRegisterContext *ctx, GError **error)
{
  switch (ctx->register_)
    {
      case JD_REGISTER_SUMMARY:
        return summary_n_rows ();
      case JD_REGISTER_TRENDS:
        return TREND_YEARS;
      case JD_REGISTER_VILLAGES:
      case JD_REGISTER_CURRENT:
        {
          g_autoptr (JdIndicators) indicators = jd_register_indicators (ctx, error);
          if (indicators == NULL)
            return -1;
          const JdIndicatorValues *v = jd_indicators_get_township (indicators, TREND_YEARS - 1);
          return ctx->register_ == JD_REGISTER_VILLAGES ? v->villages_total : v->current_users;
        }
      default:
        g_assert_not_reached ();
    }
}
