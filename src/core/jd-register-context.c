/* jd-register-context.c: what the register queries share (docs/contract.md §7)
 *
 * The state of one query (jd-register-query-private.h), typed cells and their
 * masking, a statement streamed row by row to the caller, the registered
 * persons' columns, and what a snapshot computes once for the whole workbook.
 * jd-register-query.c (the registers read with SQL) and
 * jd-register-indicators.c (those built on the indicator engine) both build
 * on it, and neither on the other's internals.
 */
#include "config.h"

#include "jd-register-query-private.h"

#include <math.h>
#include <string.h>

#include "jd-enums.h"
#include "jd-ledger-private.h"
#include "jd-mask.h"

/* ---- the query's state ------------------------------------------------------------ */

void
jd_register_context_init (JdRegisterContext *ctx,
                          JdLedger *ledger,
                          JdRegister register_,
                          const JdRegisterQuery *query,
                          JdRowFunc func,
                          gpointer user_data)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->ledger = ledger;
  ctx->register_ = register_;
  ctx->info = jd_register_info (register_);
  ctx->mask = query->mask;
  ctx->year = query->year;
  ctx->from = jd_day_new (query->year, 1, 1);
  ctx->as_of = query->as_of ? query->as_of : jd_day_new (query->year, 12, 31);
  jd_day_format (ctx->from, ctx->from_text);
  jd_day_format (ctx->as_of, ctx->as_of_text);
  ctx->func = func;
  ctx->user_data = user_data;
  /* The registers of records the window edits end their SQL with the record's id. */
  if (register_ == JD_REGISTER_LETTERS || register_ == JD_REGISTER_VENUES
      || register_ == JD_REGISTER_STAFF)
    ctx->record_ids = query->record_ids;
}

void
jd_register_context_clear (JdRegisterContext *ctx)
{
  g_clear_pointer (&ctx->township, g_free);
  g_clear_pointer (&ctx->scratch, g_free);
}

const char *
jd_register_context_township (JdRegisterContext *ctx)
{
  if (ctx->township == NULL)
    {
      ctx->township = jd_ledger_dup_township (ctx->ledger);
      if (ctx->township == NULL)
        ctx->township = g_strdup ("");
    }
  return ctx->township;
}

/* ---- cells ------------------------------------------------------------------------- */

void
jd_cell_text (JdCell *cell, const char *text)
{
  cell->type = (text && *text) ? JD_CELL_TEXT : JD_CELL_EMPTY;
  cell->text = text;
}

void
jd_cell_day (JdCell *cell, JdDay day)
{
  cell->type = day ? JD_CELL_DAY : JD_CELL_EMPTY;
  cell->day = day;
}

void
jd_cell_count (JdCell *cell, double count)
{
  cell->type = JD_CELL_COUNT;
  cell->number = count;
}

void
jd_cell_ratio (JdCell *cell, double ratio)
{
  cell->type = isnan (ratio) ? JD_CELL_EMPTY : JD_CELL_RATIO;
  cell->number = ratio;
}

void
jd_cell_number (JdCell *cell, double number)
{
  cell->type = isnan (number) ? JD_CELL_EMPTY : JD_CELL_NUMBER;
  cell->number = number;
}

void
jd_cell_column_text (JdCell *cell, sqlite3_stmt *stmt, int column)
{
  jd_cell_text (cell, (const char *)sqlite3_column_text (stmt, column));
}

void
jd_cell_column_day (JdCell *cell, sqlite3_stmt *stmt, int column)
{
  jd_cell_day (cell, jd_column_day (stmt, column));
}

/* A count that may be missing (NULL: not given). */
void
jd_cell_column_count (JdCell *cell, sqlite3_stmt *stmt, int column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    cell->type = JD_CELL_EMPTY;
  else
    jd_cell_count (cell, (double)sqlite3_column_int64 (stmt, column));
}

void
jd_cell_column_enum (JdCell *cell, JdEnum which, sqlite3_stmt *stmt, int column)
{
  const char *key = (const char *)sqlite3_column_text (stmt, column);
  jd_cell_text (cell, key ? jd_enum_zh (which, key) : NULL);
}

/* Hands one row to the caller, masked as asked. cells[0] of a register with a
 * 序号 column gets the row's number here. */
gboolean
jd_register_emit (JdRegisterContext *ctx, JdCell *cells, GError **error)
{
  const JdRegisterInfo *info = ctx->info;
  char *masked[JD_REGISTER_MAX_COLUMNS] = { NULL };
  guint n_cells = info->n_columns;
  gboolean ok;

  g_assert (info->n_columns <= JD_REGISTER_MAX_COLUMNS);
  ctx->serial++;
  if (info->columns[0].kind == JD_COLUMN_SERIAL)
    jd_cell_count (&cells[0], ctx->serial);
  if (ctx->mask)
    n_cells = jd_cells_mask (info->columns, info->n_columns, cells, masked);
  ok = ctx->func (cells, n_cells, ctx->user_data, error);
  jd_cells_mask_clear (masked, info->n_columns);
  return ok;
}

/* Binds ?1 (the period's first day), ?2 (D) and ?3 (the year) where the SQL has them. */
void
jd_register_bind_period (JdRegisterContext *ctx, sqlite3_stmt *stmt)
{
  int n = sqlite3_bind_parameter_count (stmt);
  if (n >= 1)
    sqlite3_bind_text (stmt, 1, ctx->from_text, -1, SQLITE_TRANSIENT);
  if (n >= 2)
    sqlite3_bind_text (stmt, 2, ctx->as_of_text, -1, SQLITE_TRANSIENT);
  if (n >= 3)
    sqlite3_bind_int (stmt, 3, ctx->year);
  if (n >= 4)
    sqlite3_bind_text (stmt, 4, ctx->persons, -1, SQLITE_STATIC);
}

/* Steps a statement to its end, one row at a time. */
gboolean
jd_register_stream (JdRegisterContext *ctx,
                    const char *sql,
                    JdRegisterFillFunc fill,
                    GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (ctx->ledger, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  jd_register_bind_period (ctx, stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdCell cells[JD_REGISTER_MAX_COLUMNS] = { { 0 } };
      if (ctx->record_ids)
        {
          gint64 id = sqlite3_column_int64 (stmt, sqlite3_column_count (stmt) - 1);
          g_array_append_val (ctx->record_ids, id);
        }
      if (!fill (ctx, stmt, cells, error) || !jd_register_emit (ctx, cells, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ctx->ledger, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* ---- masking ---------------------------------------------------------------------- */

/* The names of the row's persons (its JD_MASK_NAME cells) are masked in its
 * free text too: 林涛雄 in a talk's content would undo 林* beside it. */
guint
jd_cells_mask (const JdColumn *columns, guint n_columns, JdCell *cells, char **texts)
{
  const char **names = g_newa (const char *, n_columns + 1);
  guint n_names = 0;
  guint kept = 0;

  for (guint i = 0; i < n_columns; i++)
    if (columns[i].mask == JD_MASK_NAME && cells[i].type == JD_CELL_TEXT)
      names[n_names++] = cells[i].text;
  names[n_names] = NULL;

  for (guint i = 0; i < n_columns; i++)
    {
      JdMaskRule rule = columns[i].mask;
      JdCell cell = cells[i];

      texts[i] = NULL;
      if (rule == JD_MASK_OMIT)
        continue;
      if (cell.type == JD_CELL_TEXT && rule != JD_MASK_KEEP)
        {
          texts[i] = rule == JD_MASK_TEXT ? jd_mask_text_names (cell.text, names)
                                          : jd_mask (rule, cell.text);
          jd_cell_text (&cell, texts[i]);
        }
      cells[kept++] = cell;
    }
  return kept;
}

void
jd_cells_mask_clear (char **texts, guint n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    g_clear_pointer (&texts[i], g_free);
}

/* ---- registered persons ------------------------------------------------------------- */

gboolean
jd_register_fill_person (JdRegisterContext *ctx, sqlite3_stmt *stmt, JdCell *cells, GError **error)
{
  jd_cell_column_text (&cells[1], stmt, 0);
  jd_cell_column_enum (&cells[2], JD_ENUM_SEX, stmt, 1);
  jd_cell_column_text (&cells[3], stmt, 2);
  jd_cell_column_day (&cells[4], stmt, 3);
  jd_cell_column_text (&cells[5], stmt, 4);
  jd_cell_column_text (&cells[6], stmt, 5);
  jd_cell_column_text (&cells[7], stmt, 6);
  jd_cell_column_day (&cells[8], stmt, 7);
  jd_cell_column_text (&cells[9], stmt, 8);
  jd_cell_column_enum (&cells[10], JD_ENUM_STATUS, stmt, 9);
  jd_cell_column_day (&cells[11], stmt, 10);
  jd_cell_column_day (&cells[12], stmt, 11);
  jd_cell_column_text (&cells[13], stmt, 12);
  return TRUE;
}

/* ---- the snapshot's cache ----------------------------------------------------------- */

static void
cache_free (gpointer data)
{
  JdRegisterCache *cache = data;
  g_clear_object (&cache->indicators);
  g_free (cache);
}

void
jd_register_cache_begin (JdLedger *ledger)
{
  jd_ledger_set_register_cache (ledger, g_new0 (JdRegisterCache, 1), cache_free);
}

void
jd_register_cache_end (JdLedger *ledger)
{
  jd_ledger_set_register_cache (ledger, NULL, NULL);
}
