/* jd-registers.c: the inspection workbook, one sheet per register (DESIGN §7)
 *
 * The rows come from src/core (jd-register-query.h) one at a time and go
 * straight into the sheet; every sheet reads the same snapshot of the ledger.
 * Titles and headers are the official forms' Chinese, whatever the interface
 * language.
 */
#include "config.h"

#include "jd-registers.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "jd-error.h"

#define CANCEL_CHECK_ROWS 256

typedef struct
{
  JdProgressFunc func;
  gpointer user_data;
  gint64 total; /* rows of every sheet, plus one per sheet */
  gint64 done;
} Progress;

typedef struct
{
  JdSheet *sheet;
  GCancellable *cancellable;
  Progress *progress;
  int year_column;
  int chart_columns[2];
  GString *descriptions[2];
} SheetWriter;

/* The trends sheet's two charts: relapse rate and coverage (DESIGN §7). */
static const struct
{
  const char *column;
  const char *title;
} trend_charts[2] = {
  { "复吸率", "复吸率趋势" },
  { "无毒村居覆盖率", "无毒村居覆盖率趋势" },
};

static void
report (Progress *progress)
{
  if (progress && progress->func && progress->total > 0)
    progress->func (0.95 * MIN (1.0, (double)progress->done / progress->total),
                    progress->user_data);
}

static gboolean
check_cancelled (GCancellable *cancellable, GError **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error (error, JD_ERROR, JD_ERROR_CANCELLED,
               _ ("The export was cancelled; no file was written"));
  return TRUE;
}

/* "2015年 12.5%": a chart's values as words, its alternative text. */
static void
describe_point (GString *out, const JdCell *year, const JdCell *value)
{
  if (year->type != JD_CELL_TEXT)
    return;
  if (out->len)
    g_string_append (out, "，");
  g_string_append_printf (out, "%s年 ", year->text);
  if (value->type == JD_CELL_RATIO)
    g_string_append_printf (out, "%.1f%%", value->number * 100);
  else
    g_string_append (out, "无数据");
}

static gboolean
append_row_cb (const JdCell *cells, guint n_cells, gpointer user_data, GError **error)
{
  SheetWriter *writer = user_data;
  guint n = jd_sheet_get_n_rows (writer->sheet);

  if (n % CANCEL_CHECK_ROWS == 0)
    {
      if (check_cancelled (writer->cancellable, error))
        return FALSE;
      report (writer->progress);
    }
  if (!jd_sheet_append (writer->sheet, cells, n_cells, error))
    return FALSE;
  for (int i = 0; i < 2; i++)
    if (writer->descriptions[i])
      describe_point (writer->descriptions[i], &cells[writer->year_column],
                      &cells[writer->chart_columns[i]]);
  if (writer->progress)
    writer->progress->done++;
  return TRUE;
}

/* 博美镇2024年累计登记在册吸毒人员表 */
char *
jd_registers_sheet_title (const char *township, int year, JdRegister register_)
{
  return g_strdup_printf ("%s%d年%s", township, year, jd_register_info (register_)->sheet);
}

static gboolean
write_sheet (JdWorkbook *workbook,
             JdLedger *ledger,
             JdRegister register_,
             const JdRegisterQuery *query,
             const char *township,
             GCancellable *cancellable,
             Progress *progress,
             GError **error)
{
  const JdRegisterInfo *info = jd_register_info (register_);
  g_autofree char *title = jd_registers_sheet_title (township, query->year, register_);
  SheetWriter writer = { .cancellable = cancellable, .progress = progress };
  gboolean ok;

  writer.sheet
      = jd_workbook_add_sheet (workbook, info->sheet, title, info->columns, info->n_columns, error);
  if (writer.sheet == NULL)
    return FALSE;

  if (register_ == JD_REGISTER_TRENDS)
    {
      writer.year_column = jd_register_column (register_, "年度");
      for (int i = 0; i < 2; i++)
        {
          writer.chart_columns[i] = jd_register_column (register_, trend_charts[i].column);
          g_assert (writer.year_column >= 0 && writer.chart_columns[i] >= 0);
          writer.descriptions[i] = g_string_new (NULL);
        }
    }

  ok = jd_register_rows (ledger, register_, query, append_row_cb, &writer, error);
  for (int i = 0; ok && writer.descriptions[0] && i < 2; i++)
    {
      g_autofree char *description
          = g_strdup_printf ("%s：%s", trend_charts[i].title, writer.descriptions[i]->str);
      ok = jd_sheet_add_line_chart (writer.sheet, trend_charts[i].title, description,
                                    writer.year_column, writer.chart_columns[i], TRUE, error);
    }
  for (int i = 0; i < 2; i++)
    if (writer.descriptions[i])
      g_string_free (writer.descriptions[i], TRUE);
  if (ok)
    ok = jd_sheet_finish (writer.sheet, error);
  if (ok && progress)
    {
      progress->done++;
      report (progress);
    }
  return ok;
}

gboolean
jd_registers_write_sheet (JdWorkbook *workbook,
                          JdLedger *ledger,
                          JdRegister register_,
                          const JdRegisterQuery *query,
                          const char *township,
                          GCancellable *cancellable,
                          GError **error)
{
  g_return_val_if_fail (workbook != NULL, FALSE);
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (register_ < JD_N_REGISTERS, FALSE);
  return write_sheet (workbook, ledger, register_, query, township, cancellable, NULL, error);
}

gboolean
jd_workbook_export (JdLedger *ledger,
                    const JdExportOptions *options,
                    JdProgressFunc progress_func,
                    gpointer user_data,
                    GCancellable *cancellable,
                    GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (options != NULL && options->path != NULL, FALSE);

  /* The sheets in the order of DESIGN §7, each once, whatever order they were asked in. */
  gboolean wanted[JD_N_REGISTERS] = { FALSE };
  for (guint i = 0; i < JD_N_REGISTERS; i++)
    wanted[i] = options->registers == NULL;
  for (guint i = 0; options->registers && i < options->n_registers; i++)
    {
      g_return_val_if_fail (options->registers[i] < JD_N_REGISTERS, FALSE);
      wanted[options->registers[i]] = TRUE;
    }

  JdRegisterQuery query = { .year = options->year, .as_of = options->as_of, .mask = options->mask };
  Progress progress = { progress_func, user_data, 0, 0 };
  g_autofree char *township = jd_ledger_dup_township (ledger);
  if (township == NULL)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_NOT_LEDGER, _ ("%s has no township"),
                   jd_ledger_get_path (ledger));
      return FALSE;
    }
  g_autofree char *office = g_strconcat (township, "禁毒办", NULL);

  if (!jd_register_begin_snapshot (ledger, error))
    return FALSE;

  for (guint i = 0; i < JD_N_REGISTERS; i++)
    {
      if (!wanted[i])
        continue;
      gint64 n = jd_register_count (ledger, i, &query, error);
      if (n < 0)
        {
          jd_register_end_snapshot (ledger);
          return FALSE;
        }
      progress.total += n + 1;
    }
  report (&progress);

  JdWorkbook *workbook = jd_workbook_new (options->path, office, error);
  if (workbook == NULL)
    {
      jd_register_end_snapshot (ledger);
      return FALSE;
    }
  for (guint i = 0; i < JD_N_REGISTERS; i++)
    if (wanted[i]
        && !write_sheet (workbook, ledger, i, &query, township, cancellable, &progress, error))
      {
        jd_workbook_abort (workbook);
        jd_register_end_snapshot (ledger);
        return FALSE;
      }
  jd_register_end_snapshot (ledger);

  if (check_cancelled (cancellable, error))
    {
      jd_workbook_abort (workbook);
      return FALSE;
    }
  if (!jd_workbook_commit (workbook, error))
    return FALSE;
  if (progress_func)
    progress_func (1.0, user_data);
  return TRUE;
}
