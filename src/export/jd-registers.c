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
#include <string.h>

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

/* Adds the register's sheet, its title and headers; writer->sheet is NULL on failure. */
static gboolean
sheet_begin (SheetWriter *writer,
             JdWorkbook *workbook,
             JdRegister register_,
             int year,
             const char *township,
             GError **error)
{
  const JdRegisterInfo *info = jd_register_info (register_);
  g_autofree char *title = jd_registers_sheet_title (township, year, register_);

  writer->sheet
      = jd_workbook_add_sheet (workbook, info->sheet, title, info->columns, info->n_columns, error);
  if (writer->sheet == NULL)
    return FALSE;

  if (register_ == JD_REGISTER_TRENDS)
    {
      writer->year_column = jd_register_column (register_, "年度");
      for (int i = 0; i < 2; i++)
        {
          writer->chart_columns[i] = jd_register_column (register_, trend_charts[i].column);
          g_assert (writer->year_column >= 0 && writer->chart_columns[i] >= 0);
          writer->descriptions[i] = g_string_new (NULL);
        }
    }
  return TRUE;
}

/* After the rows (ok when they all came): the charts, then the sheet's finish. */
static gboolean
sheet_end (SheetWriter *writer, gboolean ok, GError **error)
{
  for (int i = 0; ok && writer->descriptions[0] && i < 2; i++)
    {
      g_autofree char *description
          = g_strdup_printf ("%s：%s", trend_charts[i].title, writer->descriptions[i]->str);
      ok = jd_sheet_add_line_chart (writer->sheet, trend_charts[i].title, description,
                                    writer->year_column, writer->chart_columns[i], TRUE, error);
    }
  for (int i = 0; i < 2; i++)
    if (writer->descriptions[i])
      g_string_free (g_steal_pointer (&writer->descriptions[i]), TRUE);
  if (ok)
    ok = jd_sheet_finish (writer->sheet, error);
  if (ok && writer->progress)
    {
      writer->progress->done++;
      report (writer->progress);
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
  SheetWriter writer = { .cancellable = cancellable };
  if (!sheet_begin (&writer, workbook, register_, query->year, township, error))
    return FALSE;
  gboolean ok = jd_register_rows (ledger, register_, query, append_row_cb, &writer, error);
  return sheet_end (&writer, ok, error);
}

/* ---- reading on one thread, writing on another ----------------------------------------- */

/* The workbook's time goes half to the ledger's queries and half to writing
 * and compressing the sheets, so the queries run on a thread of their own
 * and hand their rows over in chunks: a few chunks go round between the two
 * threads, the reader filling one while the writer empties another. */
#define CHUNK_ROWS 512
#define N_CHUNKS 8

typedef struct
{
  JdRegister register_;
  guint n_cells;       /* per row */
  GArray *cells;       /* JdCell, row after row; a text's pointer holds its offset in texts */
  GString *texts;      /* the rows' texts, each ending in a NUL */
  gboolean sheet_ends; /* the register's last rows */
  gboolean all_read;   /* nothing follows; error tells whether the reading failed */
  GError *error;
} Chunk;

typedef struct
{
  JdLedger *ledger;
  const JdRegisterQuery *query;
  const gboolean *wanted;
  GAsyncQueue *filled; /* Chunk, reader → writer */
  GAsyncQueue *empty;  /* Chunk, writer → reader */
  Chunk *chunk;        /* the one being filled */
  gint stop;           /* the writer gave up: read no further */
} Pipe;

/* Hands the chunk over and takes an empty one for the same register's next rows. */
static void
pipe_send (Pipe *pipe)
{
  JdRegister register_ = pipe->chunk->register_;
  g_async_queue_push (pipe->filled, g_steal_pointer (&pipe->chunk));
  pipe->chunk = g_async_queue_pop (pipe->empty);
  pipe->chunk->register_ = register_;
  g_array_set_size (pipe->chunk->cells, 0);
  g_string_truncate (pipe->chunk->texts, 0);
  pipe->chunk->sheet_ends = FALSE;
}

/* The reader's row callback: the row goes into the chunk, the texts copied. */
static gboolean
pipe_row_cb (const JdCell *cells, guint n_cells, gpointer user_data, GError **error)
{
  Pipe *pipe = user_data;
  Chunk *chunk = pipe->chunk;

  if (g_atomic_int_get (&pipe->stop))
    {
      g_set_error_literal (error, JD_ERROR, JD_ERROR_CANCELLED, "stopped");
      return FALSE;
    }
  chunk->n_cells = n_cells;
  for (guint i = 0; i < n_cells; i++)
    {
      JdCell cell = cells[i];
      if (cell.type == JD_CELL_TEXT)
        {
          cell.text = GSIZE_TO_POINTER (chunk->texts->len);
          g_string_append_len (chunk->texts, cells[i].text, strlen (cells[i].text) + 1);
        }
      g_array_append_val (chunk->cells, cell);
    }
  if (chunk->cells->len >= CHUNK_ROWS * n_cells)
    pipe_send (pipe);
  return TRUE;
}

static gpointer
pipe_read_thread (gpointer data)
{
  Pipe *pipe = data;
  GError *error = NULL;

  pipe->chunk = g_async_queue_pop (pipe->empty);
  for (guint i = 0; i < JD_N_REGISTERS && error == NULL; i++)
    {
      if (!pipe->wanted[i])
        continue;
      pipe->chunk->register_ = i;
      if (!jd_register_rows (pipe->ledger, i, pipe->query, pipe_row_cb, pipe, &error))
        break;
      pipe->chunk->sheet_ends = TRUE;
      pipe_send (pipe);
    }
  pipe->chunk->all_read = TRUE;
  pipe->chunk->error = error;
  g_async_queue_push (pipe->filled, g_steal_pointer (&pipe->chunk));
  return NULL;
}

/* The writer: every sheet from the chunks as they come. */
static gboolean
pipe_write (Pipe *pipe,
            JdWorkbook *workbook,
            const char *township,
            GCancellable *cancellable,
            Progress *progress,
            GError **error)
{
  SheetWriter writer = { .cancellable = cancellable, .progress = progress };
  gboolean ok = TRUE;

  for (;;)
    {
      Chunk *chunk = g_async_queue_pop (pipe->filled);
      if (chunk->all_read)
        {
          if (ok && chunk->error)
            g_propagate_error (error, g_steal_pointer (&chunk->error));
          ok = ok && chunk->error == NULL;
          g_clear_error (&chunk->error);
          if (writer.sheet)
            sheet_end (&writer, FALSE, NULL);
          g_async_queue_push (pipe->empty, chunk);
          return ok;
        }
      if (ok && writer.sheet == NULL)
        ok = sheet_begin (&writer, workbook, chunk->register_, pipe->query->year, township, error);
      JdCell *cells = (JdCell *)(gpointer)chunk->cells->data;
      for (guint i = 0; i < chunk->cells->len; i++)
        if (cells[i].type == JD_CELL_TEXT)
          cells[i].text = chunk->texts->str + GPOINTER_TO_SIZE (cells[i].text);
      for (guint k = 0; ok && k < chunk->cells->len; k += chunk->n_cells)
        ok = append_row_cb (cells + k, chunk->n_cells, &writer, error);
      if (ok && chunk->sheet_ends)
        {
          ok = sheet_end (&writer, TRUE, error);
          writer.sheet = NULL;
        }
      if (!ok)
        g_atomic_int_set (&pipe->stop, TRUE);
      g_async_queue_push (pipe->empty, chunk);
    }
}

/* Reads the wanted registers on a thread while this one writes their sheets. */
static gboolean
write_sheets (JdWorkbook *workbook,
              JdLedger *ledger,
              const gboolean *wanted,
              const JdRegisterQuery *query,
              const char *township,
              GCancellable *cancellable,
              Progress *progress,
              GError **error)
{
  Pipe pipe = {
    .ledger = ledger,
    .query = query,
    .wanted = wanted,
    .filled = g_async_queue_new (),
    .empty = g_async_queue_new (),
  };
  Chunk chunks[N_CHUNKS] = { { 0 } };
  for (guint k = 0; k < N_CHUNKS; k++)
    {
      chunks[k].cells = g_array_sized_new (FALSE, FALSE, sizeof (JdCell), CHUNK_ROWS * 20);
      chunks[k].texts = g_string_sized_new (CHUNK_ROWS * 256);
      g_async_queue_push (pipe.empty, &chunks[k]);
    }

  GThread *reader = g_thread_new ("jd-export-read", pipe_read_thread, &pipe);
  gboolean ok = pipe_write (&pipe, workbook, township, cancellable, progress, error);
  g_thread_join (reader);

  for (guint k = 0; k < N_CHUNKS; k++)
    {
      g_array_unref (chunks[k].cells);
      g_string_free (chunks[k].texts, TRUE);
    }
  g_async_queue_unref (pipe.filled);
  g_async_queue_unref (pipe.empty);
  return ok;
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
  gboolean ok
      = write_sheets (workbook, ledger, wanted, &query, township, cancellable, &progress, error);
  jd_register_end_snapshot (ledger);
  if (!ok)
    {
      jd_workbook_abort (workbook);
      return FALSE;
    }

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
