/* jd-registers.c: the inspection workbook, one sheet per register (docs/contract.md §7)
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
  gint total; /* rows of every sheet, plus one per sheet; 0 until counted (atomic) */
  gint64 done;
} Progress;

typedef struct _JdRegisterSheet
{
  JdSheet *sheet;
  GCancellable *cancellable;
  Progress *progress;
  int year_column;
  int chart_columns[2];
  GString *descriptions[2];
  gboolean township_column; /* a first column 乡镇 (the county workbook) */
  char *township;           /* what it holds in the rows now appended */
} SheetWriter;

/* The most columns of a register's row, the township's included. */
#define MAX_CELLS 32

/* The trends sheet's two charts: relapse rate and coverage (docs/contract.md §7). */
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
  gint total = progress ? g_atomic_int_get (&progress->total) : 0;
  if (progress && progress->func && total > 0)
    progress->func (0.95 * MIN (1.0, (double)progress->done / total), progress->user_data);
}

gboolean
jd_export_check_cancelled (GCancellable *cancellable, GError **error)
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
  JdCell led[MAX_CELLS];

  if (writer->township_column)
    {
      /* The township first, then the register's own cells. */
      g_assert (n_cells < MAX_CELLS);
      led[0] = (JdCell){ .type = writer->township ? JD_CELL_TEXT : JD_CELL_EMPTY,
                         .text = writer->township };
      memcpy (led + 1, cells, n_cells * sizeof *cells);
      cells = led;
      n_cells++;
    }

  if (n % CANCEL_CHECK_ROWS == 0)
    {
      if (jd_export_check_cancelled (writer->cancellable, error))
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
             const JdRegisterQuery *query,
             const char *township,
             GError **error)
{
  const JdRegisterInfo *info = jd_register_info (register_);
  g_autofree char *title = jd_registers_sheet_title (township, query->year, register_);
  /* A masked sheet has no column for what masking leaves out (birth dates). */
  guint n_columns;
  const JdColumn *columns = jd_register_columns (register_, query->mask, &n_columns);
  JdColumn led[MAX_CELLS];
  if (writer->township_column)
    {
      g_assert (n_columns < MAX_CELLS);
      led[0] = (JdColumn){ "乡镇", JD_COLUMN_TEXT };
      memcpy (led + 1, columns, n_columns * sizeof *columns);
      columns = led;
      n_columns++;
    }

  writer->sheet = jd_workbook_add_sheet (workbook, info->sheet, title, columns, n_columns, error);
  if (writer->sheet == NULL)
    return FALSE;

  /* The trend charts draw one place's years: not a sheet of several townships'. */
  if (register_ == JD_REGISTER_TRENDS && !writer->township_column)
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
  if (!sheet_begin (&writer, workbook, register_, query, township, error))
    return FALSE;
  gboolean ok = jd_register_rows (ledger, register_, query, append_row_cb, &writer, error);
  return sheet_end (&writer, ok, error);
}

/* ---- a sheet of several ledgers' rows (the county workbook) ------------------------------ */

JdRegisterSheet *
jd_register_sheet_new (JdWorkbook *workbook,
                       JdRegister register_,
                       const JdRegisterQuery *query,
                       const char *place,
                       GCancellable *cancellable,
                       GError **error)
{
  g_return_val_if_fail (workbook != NULL && query != NULL && place != NULL, NULL);
  g_return_val_if_fail (register_ < JD_N_REGISTERS, NULL);
  SheetWriter *writer = g_new0 (SheetWriter, 1);
  writer->cancellable = cancellable;
  writer->township_column = TRUE;
  if (!sheet_begin (writer, workbook, register_, query, place, error))
    {
      g_free (writer);
      return NULL;
    }
  return writer;
}

void
jd_register_sheet_set_township (JdRegisterSheet *sheet, const char *township)
{
  g_return_if_fail (sheet != NULL);
  g_free (sheet->township);
  sheet->township = g_strdup (township);
}

gboolean
jd_register_sheet_append_cb (const JdCell *cells, guint n_cells, gpointer sheet, GError **error)
{
  return append_row_cb (cells, n_cells, sheet, error);
}

gboolean
jd_register_sheet_add_rows (JdRegisterSheet *sheet,
                            JdLedger *ledger,
                            JdRegister register_,
                            const JdRegisterQuery *query,
                            GError **error)
{
  g_return_val_if_fail (sheet != NULL && JD_IS_LEDGER (ledger), FALSE);
  return jd_register_rows (ledger, register_, query, append_row_cb, sheet, error);
}

gboolean
jd_register_sheet_finish (JdRegisterSheet *sheet, gboolean ok, GError **error)
{
  g_return_val_if_fail (sheet != NULL, FALSE);
  ok = sheet_end (sheet, ok, ok ? error : NULL) && ok;
  g_free (sheet->township);
  g_free (sheet);
  return ok;
}

/* ---- reading on two threads, writing on a third ------------------------------------------ */

/* The workbook's time goes to the ledger's queries, to writing the sheets and,
 * when the workbook closes, to compressing them. The queries run on two
 * threads, each on its own connection to the same snapshot, and hand their
 * rows over in chunks: a few chunks go round between them and the writer,
 * which keeps every sheet open and writes each chunk into its register's
 * sheet as it comes. */
#define CHUNK_ROWS 512
#define N_CHUNKS 12
#define MAX_READERS 2

typedef struct
{
  JdRegister register_;
  guint n_cells;        /* per row */
  GArray *cells;        /* JdCell, row after row; a text's pointer holds its offset in texts */
  GString *texts;       /* the rows' texts, each ending in a NUL */
  gboolean sheet_ends;  /* the register's last rows */
  gboolean reader_done; /* its reader reads no more; error tells whether it failed */
  GError *error;
} Chunk;

typedef struct
{
  const JdRegisterQuery *query;
  const gboolean *wanted;
  Progress *progress;
  GAsyncQueue *filled; /* Chunk, readers → writer */
  GAsyncQueue *empty;  /* Chunk, writer → readers */
  GMutex lock;         /* for taken */
  gboolean taken[JD_N_REGISTERS];
  gint stop; /* the writer gave up: read no further */
} Pipe;

typedef struct
{
  Pipe *pipe;
  JdLedger *ledger;
  gboolean own; /* the ledger's own connection: it counts the rows and has the
                   indicator engine's results */
  Chunk *chunk; /* the one being filled */
} Reader;

static Chunk *
take_empty_chunk (Pipe *pipe, JdRegister register_)
{
  Chunk *chunk = g_async_queue_pop (pipe->empty);
  chunk->register_ = register_;
  g_array_set_size (chunk->cells, 0);
  g_string_truncate (chunk->texts, 0);
  chunk->sheet_ends = FALSE;
  chunk->reader_done = FALSE;
  return chunk;
}

/* Hands the chunk over and takes an empty one for the same register's next rows. */
static void
pipe_send (Reader *reader)
{
  JdRegister register_ = reader->chunk->register_;
  g_async_queue_push (reader->pipe->filled, g_steal_pointer (&reader->chunk));
  reader->chunk = take_empty_chunk (reader->pipe, register_);
}

/* The reader's row callback: the row goes into the chunk, the texts copied. */
static gboolean
pipe_row_cb (const JdCell *cells, guint n_cells, gpointer user_data, GError **error)
{
  Reader *reader = user_data;
  Chunk *chunk = reader->chunk;

  if (g_atomic_int_get (&reader->pipe->stop))
    {
      g_set_error_literal (error, JD_ERROR, JD_ERROR_CANCELLED, "stopped");
      return FALSE;
    }
  chunk->n_cells = n_cells;
  guint first = chunk->cells->len;
  g_array_append_vals (chunk->cells, cells, n_cells);
  JdCell *row = &g_array_index (chunk->cells, JdCell, first);
  for (guint i = 0; i < n_cells; i++)
    if (row[i].type == JD_CELL_TEXT)
      {
        row[i].text = GSIZE_TO_POINTER (chunk->texts->len);
        g_string_append_len (chunk->texts, cells[i].text, strlen (cells[i].text) + 1);
      }
  if (chunk->cells->len >= CHUNK_ROWS * n_cells)
    pipe_send (reader);
  return TRUE;
}

/* The next register for this reader, -1 when none is left. The ledger's own
 * connection takes them in the order of the sheets: it computes the indicator
 * engine first (counting the rows needs it) and has the engine's registers to
 * itself. A second connection takes them from the last: the small registers
 * and the follow-ups, whose rows come one by one in the order of an index, so
 * the writer has rows from the start rather than waiting for the engine or
 * for 累计登记在册's sort. */
static int
pipe_take (Pipe *pipe, Reader *reader)
{
  int next = -1;
  g_mutex_lock (&pipe->lock);
  for (guint k = 0; k < JD_N_REGISTERS && next < 0; k++)
    {
      guint i = reader->own ? k : JD_N_REGISTERS - 1 - k;
      if (pipe->wanted[i] && !pipe->taken[i]
          && (reader->own || !jd_register_info (i)->from_indicators))
        {
          pipe->taken[i] = TRUE;
          next = i;
        }
    }
  g_mutex_unlock (&pipe->lock);
  return next;
}

/* The rows of every wanted register, plus one per sheet: the progress's whole. */
static gboolean
count_rows (Reader *reader, GError **error)
{
  Pipe *pipe = reader->pipe;
  gint64 total = 0;
  for (guint i = 0; i < JD_N_REGISTERS; i++)
    {
      if (!pipe->wanted[i])
        continue;
      gint64 n = jd_register_count (reader->ledger, i, pipe->query, error);
      if (n < 0)
        return FALSE;
      total += n + 1;
    }
  g_atomic_int_set (&pipe->progress->total, (gint)MIN (total, G_MAXINT));
  return TRUE;
}

static gpointer
pipe_read_thread (gpointer data)
{
  Reader *reader = data;
  Pipe *pipe = reader->pipe;
  GError *error = NULL;
  gboolean ok = !reader->own || count_rows (reader, &error);
  int next;

  reader->chunk = take_empty_chunk (pipe, 0);
  while (ok && (next = pipe_take (pipe, reader)) >= 0)
    {
      reader->chunk->register_ = next;
      ok = jd_register_rows (reader->ledger, next, pipe->query, pipe_row_cb, reader, &error);
      if (ok)
        {
          reader->chunk->sheet_ends = TRUE;
          pipe_send (reader);
        }
    }
  /* A second connection closes here, its memory map of the ledger undone
   * while the writer still writes rather than after. */
  if (!reader->own)
    {
      jd_register_end_snapshot (reader->ledger);
      g_clear_object (&reader->ledger);
    }
  reader->chunk->reader_done = TRUE;
  reader->chunk->error = error;
  g_async_queue_push (pipe->filled, g_steal_pointer (&reader->chunk));
  return NULL;
}

/* The writer: each chunk into its register's sheet, until every reader is done. */
static gboolean
pipe_write (Pipe *pipe, SheetWriter *writers, guint n_readers, GError **error)
{
  gboolean ok = TRUE;

  while (n_readers > 0)
    {
      Chunk *chunk = g_async_queue_pop (pipe->filled);
      if (chunk->reader_done)
        {
          n_readers--;
          /* The first failure is the one to tell; whether the reader failed
           * is decided before its error moves (the move empties the chunk's). */
          if (ok && chunk->error)
            {
              ok = FALSE;
              g_propagate_error (error, g_steal_pointer (&chunk->error));
            }
          g_clear_error (&chunk->error);
        }
      else if (ok)
        {
          SheetWriter *writer = &writers[chunk->register_];
          JdCell *cells = (JdCell *)(gpointer)chunk->cells->data;
          for (guint i = 0; i < chunk->cells->len; i++)
            if (cells[i].type == JD_CELL_TEXT)
              cells[i].text = chunk->texts->str + GPOINTER_TO_SIZE (cells[i].text);
          for (guint k = 0; ok && k < chunk->cells->len; k += chunk->n_cells)
            ok = append_row_cb (cells + k, chunk->n_cells, writer, error);
          if (ok && chunk->sheet_ends)
            {
              ok = sheet_end (writer, TRUE, error);
              writer->sheet = NULL;
            }
        }
      if (!ok)
        g_atomic_int_set (&pipe->stop, TRUE);
      g_async_queue_push (pipe->empty, chunk);
    }
  return ok;
}

/* Opens every wanted sheet, in order, then writes them from the rows that two
 * readers (one when the snapshot cannot be shared) read meanwhile. */
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
  SheetWriter writers[JD_N_REGISTERS] = { { 0 } };
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < JD_N_REGISTERS; i++)
    {
      writers[i].cancellable = cancellable;
      writers[i].progress = progress;
      if (wanted[i])
        ok = sheet_begin (&writers[i], workbook, i, query, township, error);
    }

  Pipe pipe = {
    .query = query,
    .wanted = wanted,
    .progress = progress,
    .filled = g_async_queue_new (),
    .empty = g_async_queue_new (),
  };
  g_mutex_init (&pipe.lock);
  Chunk chunks[N_CHUNKS] = { { 0 } };
  for (guint k = 0; k < N_CHUNKS; k++)
    {
      chunks[k].cells = g_array_sized_new (FALSE, FALSE, sizeof (JdCell), CHUNK_ROWS * 20);
      chunks[k].texts = g_string_sized_new (CHUNK_ROWS * 256);
      g_async_queue_push (pipe.empty, &chunks[k]);
    }

  Reader readers[MAX_READERS] = { { &pipe, ledger, TRUE } };
  guint n_readers = 1;
  if (ok && g_get_num_processors () > 1)
    {
      JdLedger *shared = jd_register_share_snapshot (ledger);
      /* Its thread, started just below, ends the snapshot and closes it. */
      if (shared)
        readers[n_readers++] = (Reader){ &pipe, shared, FALSE };
    }
  GThread *threads[MAX_READERS] = { NULL };
  for (guint r = 0; ok && r < n_readers; r++)
    threads[r] = g_thread_new ("jd-export-read", pipe_read_thread, &readers[r]);
  if (ok)
    ok = pipe_write (&pipe, writers, n_readers, error);
  for (guint r = 0; r < n_readers; r++)
    if (threads[r])
      g_thread_join (threads[r]);

  for (guint i = 0; i < JD_N_REGISTERS; i++)
    if (writers[i].sheet)
      sheet_end (&writers[i], FALSE, NULL);
  for (guint k = 0; k < N_CHUNKS; k++)
    {
      g_array_unref (chunks[k].cells);
      g_string_free (chunks[k].texts, TRUE);
    }
  g_mutex_clear (&pipe.lock);
  g_async_queue_unref (pipe.filled);
  g_async_queue_unref (pipe.empty);
  return ok;
}

gboolean
jd_export_options_wanted (const JdExportOptions *options, gboolean wanted[JD_N_REGISTERS])
{
  g_return_val_if_fail (options != NULL && options->path != NULL, FALSE);
  for (guint i = 0; i < JD_N_REGISTERS; i++)
    wanted[i] = options->registers == NULL;
  for (guint i = 0; options->registers && i < options->n_registers; i++)
    {
      g_return_val_if_fail (options->registers[i] < JD_N_REGISTERS, FALSE);
      wanted[options->registers[i]] = TRUE;
    }
  return TRUE;
}

JdWorkbook *
jd_export_workbook_new (const JdExportOptions *options,
                        const char *ledger_path,
                        const char *place,
                        GError **error)
{
  g_autofree char *office = g_strconcat (place, "禁毒办", NULL);
  return jd_workbook_new (options->path, ledger_path,
                          options->force ? JD_OUTPUT_FORCE : JD_OUTPUT_NONE, office,
                          options->password, error);
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

  /* The sheets in the order of docs/contract.md §7, each once, whatever order they were asked in.
   */
  gboolean wanted[JD_N_REGISTERS];
  if (!jd_export_options_wanted (options, wanted))
    return FALSE;

  JdRegisterQuery query = { .year = options->year, .as_of = options->as_of, .mask = options->mask };
  Progress progress = { progress_func, user_data, 0, 0 };
  g_autofree char *township = jd_ledger_dup_township (ledger);
  if (township == NULL)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_NOT_LEDGER, _ ("%s has no township"),
                   jd_ledger_get_path (ledger));
      return FALSE;
    }

  JdWorkbook *workbook
      = jd_export_workbook_new (options, jd_ledger_get_path (ledger), township, error);
  if (workbook == NULL)
    return FALSE;
  if (!jd_register_begin_snapshot (ledger, error))
    {
      jd_workbook_abort (workbook);
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

  if (jd_export_check_cancelled (cancellable, error))
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
