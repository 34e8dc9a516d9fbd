/* jd-import.c: importing one CSV file or sheet of a workbook of one kind
 * (docs/contract.md §6): the run itself, its transaction and its report
 *
 * Each kind is data (jd-import-kinds.c): a table of its columns and the
 * jd_store_* function that writes the record. One routine maps any row of any
 * kind (jd-import-row.c), once the header is read (jd-import-header.c); the
 * store checks the rules, so a file and the window's forms obey the same ones.
 *
 * The file is imported in one transaction. Every row is mapped and stored even
 * after a bad one, so that every problem is reported, and the transaction is
 * rolled back when there was any: a file is imported whole or not at all
 * (finish_import is the one place it commits). Villages and persons are updated
 * by their key; a column the file leaves out keeps the value the ledger has, so
 * a file of a few columns never blanks the others.
 */
#include "config.h"

#include "jd-import.h"

#include <glib/gi18n-lib.h>
#include <stddef.h>
#include <string.h>

#include "jd-error.h"
#include "jd-import-history.h"
#include "jd-import-private.h"
#include "jd-import-run-private.h"
#include "jd-ledger-private.h"

/* The helpers of jd-import-text.c by their short names. */
#define problem_free jd_import_problem_free
#define clean_value jd_import_clean_value

static int
compare_problems (gconstpointer a, gconstpointer b)
{
  const JdImportProblem *pa = *(JdImportProblem *const *)a;
  const JdImportProblem *pb = *(JdImportProblem *const *)b;
  return (pa->line > pb->line) - (pa->line < pb->line);
}

static void
row_free (gpointer data)
{
  Row *row = data;
  g_strfreev (row->fields);
  g_free (row->record);
  g_free (row);
}

/* The store's errors start with the field's key ("sex: …"): the problem is put
 * on that column as the file names it. */
static void
add_store_problem (Import *im, guint line, const char *message)
{
  const Kind *kind = im->kind;
  const char *colon = strstr (message, ": ");
  int blamed = -1;

  for (guint c = 0; c < kind->n_columns; c++)
    {
      const char *key = kind->columns[c].key;
      if (colon && strlen (key) == (gsize)(colon - message) && g_str_has_prefix (message, key))
        {
          jd_import_add_problem (
              im, line, im->field_of[c] >= 0 ? jd_import_header_text (im, im->field_of[c]) : key,
              "%s", colon + 2);
          return;
        }
      if (g_str_equal (key, kind->blame))
        blamed = im->field_of[c];
    }
  jd_import_add_problem (im, line, blamed >= 0 ? jd_import_header_text (im, blamed) : kind->blame,
                         "%s", message);
}

/* Stores one mapped row; FALSE only when the ledger itself fails. */
static gboolean
store_row (Import *im, guint line, gconstpointer record, GError **error)
{
  g_autoptr (GError) row_error = NULL;
  im->stored = im->kind->store (im->ledger, record, &row_error);
  switch (im->stored)
    {
      case JD_STORE_ADDED:
        im->report->added++;
        return TRUE;
      case JD_STORE_UPDATED:
        im->report->updated++;
        return TRUE;
      case JD_STORE_UNCHANGED:
        im->report->unchanged++;
        return TRUE;
      case JD_STORE_FAILED:
      default:
        break;
    }
  if (row_error != NULL && !g_error_matches (row_error, JD_ERROR, JD_ERROR_INVALID))
    {
      g_propagate_error (error, g_steal_pointer (&row_error));
      return FALSE;
    }
  add_store_problem (im, line, row_error ? row_error->message : _ ("the row cannot be stored"));
  return TRUE;
}

static gboolean
is_blank (char **fields)
{
  for (char **f = fields; *f; f++)
    if (**f != '\0')
      return FALSE;
  return TRUE;
}

typedef struct
{
  JdProgressFunc func;
  gpointer user_data;
  int percent;
} Progress;

static void
report_progress (Progress *progress, double fraction)
{
  int percent = (int)(fraction * 100);
  if (progress->func && percent != progress->percent)
    {
      progress->percent = percent;
      progress->func (fraction, progress->user_data);
    }
}

static gboolean
check_cancelled (GCancellable *cancellable, GError **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error (error, JD_ERROR, JD_ERROR_CANCELLED,
               _ ("The import was cancelled; nothing was imported"));
  return TRUE;
}

/* Before a village or person is stored, for the observer: the ledger's values
 * of its key, which an update compares with. */
static void
load_before (Import *im, char **fields)
{
  const Kind *kind = im->kind;
  if (im->observer == NULL || kind->load == NULL)
    return;
  memset (im->before, 0, kind->record_size);
  guint n_fields = g_strv_length (fields);
  if ((guint)im->field_of[0] < n_fields && *fields[im->field_of[0]] != '\0')
    kind->load (im, fields[im->field_of[0]], im->before);
}

/* Tells the observer what became of one data row: stored (added, updated with
 * the columns that change, unchanged) or refused. */
static void
tell_row (Import *im, guint line, char **fields, gboolean stored, gconstpointer record)
{
  const Kind *kind = im->kind;
  guint n = 0;
  if (im->observer == NULL || im->observer->row == NULL)
    return;
  JdStoreResult result = stored ? im->stored : JD_STORE_FAILED;
  if (result == JD_STORE_UPDATED && kind->load)
    for (guint c = 1; c < kind->n_columns; c++)
      {
        const Column *col = &kind->columns[c];
        /* A person's sex and birth date are the ID number's: they never change. */
        if (im->field_of[c] < 0
            || (im->report->kind == JD_IMPORT_PERSONS
                && (col->offset == offsetof (JdPersonRecord, sex)
                    || col->offset == offsetof (JdPersonRecord, birth_date))))
          continue;
        if (jd_import_column_differs (col, im->before, record))
          im->changed[n++] = col->key;
      }
  im->changed[n] = NULL;
  im->observer->row (line, fields, result, im->changed, im->observer->user_data);
}

/* Reads, maps and stores every row. FALSE only when the ledger fails or the
 * user cancels; a bad file's problems are in the report. */
static gboolean
import_rows (Import *im, Progress *progress, GCancellable *cancellable, GError **error)
{
  const Kind *kind = im->kind;
  g_autoptr (GPtrArray) sorted = kind->compare ? g_ptr_array_new_with_free_func (row_free) : NULL;
  g_autofree gpointer record = g_malloc0 (kind->record_size);
  g_autoptr (GError) read_error = NULL;
  char **fields = NULL;
  JdTableCell *cell_kinds = NULL;
  guint line = 0, n = 0, searched = 0;
  double share = sorted ? 0.5 : 1.0; /* of the progress, for reading */

  while (jd_table_source_next (im->source, &fields, &cell_kinds, &line, &read_error))
    {
      g_free (im->kinds);
      im->kinds = cell_kinds;
      for (char **f = fields; *f; f++)
        clean_value (*f);
      if (is_blank (fields))
        {
          g_strfreev (fields);
          continue;
        }
      if (im->header == NULL)
        {
          gboolean failed = FALSE;
          jd_import_take_header (im, fields, line, &searched, &failed);
          if (im->header != fields)
            g_strfreev (fields);
          if (failed)
            return TRUE;
          continue;
        }
      if (im->own.sheet && jd_import_own_row_is_empty (im, fields))
        {
          g_strfreev (fields);
          continue;
        }

      im->report->rows++;
      if (sorted)
        {
          Row *row = g_new0 (Row, 1);
          row->line = line;
          row->fields = fields;
          row->record = g_malloc0 (kind->record_size);
          if (jd_import_map_row (im, fields, line, row->record))
            g_ptr_array_add (sorted, row);
          else
            {
              tell_row (im, line, fields, FALSE, row->record);
              row_free (row);
            }
        }
      else
        {
          gboolean mapped = jd_import_map_row (im, fields, line, record)
                            && jd_import_check_key (im, fields, line);
          if (mapped)
            load_before (im, fields);
          gboolean stored = !mapped || store_row (im, line, record, error);
          if (stored)
            tell_row (im, line, fields, mapped && im->stored != JD_STORE_FAILED, record);
          g_strfreev (fields);
          if (!stored)
            return FALSE;
        }
      if ((++n & 0xff) == 0)
        {
          if (check_cancelled (cancellable, error))
            return FALSE;
          report_progress (progress, share * jd_table_source_get_fraction (im->source));
        }
    }
  if (read_error)
    {
      jd_import_add_problem (im, jd_table_source_get_sheet (im->source) ? 0 : line, NULL, "%s",
                             read_error->message);
      return TRUE;
    }
  if (im->header == NULL)
    {
      if (im->options && im->options->header_row > 0)
        jd_import_add_problem (
            im, 0, NULL, _ ("the header row %u is empty: give the row that names the columns"),
            im->options->header_row);
      else if (jd_table_source_get_sheet (im->source) && searched > 0)
        jd_import_add_no_header_problem (im);
      else if (jd_table_source_get_sheet (im->source))
        jd_import_add_problem (im, 0, NULL,
                               _ ("the sheet is empty: one of its rows must name the columns"));
      else
        jd_import_add_problem (im, 1, NULL,
                               _ ("the file is empty: its first row must name the columns"));
      return TRUE;
    }

  if (sorted)
    {
      g_ptr_array_sort (sorted, kind->compare);
      for (guint i = 0; i < sorted->len; i++)
        {
          Row *row = g_ptr_array_index (sorted, i);
          if (!store_row (im, row->line, row->record, error))
            return FALSE;
          tell_row (im, row->line, row->fields, im->stored != JD_STORE_FAILED, row->record);
          if ((i & 0xff) == 0xff)
            {
              if (check_cancelled (cancellable, error))
                return FALSE;
              report_progress (progress, share + (1 - share) * (i + 1) / sorted->len);
            }
        }
    }
  return !check_cancelled (cancellable, error);
}

/* A big file's rows land all over the indexes (followups by person, say): with
 * SQLite's default 2 MB cache the transaction spills pages to the WAL and reads
 * them back. A larger cache for the import's length saves a third of its
 * system time on 200,000 rows; the connection's own size is put back. */
#define IMPORT_CACHE_KIB 32768

static gint64
swap_pragma (JdLedger *ledger, const char *pragma, gint64 value)
{
  g_autofree char *get = g_strdup_printf ("PRAGMA %s", pragma);
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, get, NULL);
  gint64 old = 0;
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    old = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s = %" G_GINT64_FORMAT, pragma, value);
  jd_ledger_exec (ledger, sql, NULL);
  return old;
}

static gint64
swap_cache_size (JdLedger *ledger, gint64 size)
{
  return swap_pragma (ledger, "cache_size", size);
}

/* Each row's statements keep a statement journal (the audit triggers write
 * with them), by default in a file of its own under /var/tmp: 20 writes a
 * row, most of a 10,000-row preview's time. In memory, for the import's
 * length; it is changed outside a transaction only. */
#define TEMP_STORE_MEMORY 2

/* Ends an import's transaction: commits it when every row was stored and it
 * is no dry run, else rolls it back. The one place an import is committed. */
static gboolean
finish_import (Import *im, JdImportKind kind, const char *path, gboolean ok, GError **error)
{
  gboolean keep = ok && im->report->problems->len == 0 && !(im->options && im->options->dry_run);
  /* The import's history, in its transaction (jd-import-history.c). */
  if (keep && !jd_import_history_record (im->ledger, kind, path, im->report, error))
    keep = ok = FALSE;
  if (keep)
    return jd_ledger_commit (im->ledger, error);
  jd_ledger_rollback (im->ledger);
  return ok;
}

/* Imports the file whole, in one transaction, or not at all. FALSE with a
 * JD_ERROR_INVALID error when the file has problems (each one is in the
 * report); with another error when the file cannot be read, the ledger fails
 * or the user cancels. */
gboolean
jd_import_file (JdLedger *ledger,
                JdImportKind kind,
                const char *path,
                JdImportReport *report,
                JdProgressFunc progress_func,
                gpointer user_data,
                GCancellable *cancellable,
                GError **error)
{
  return jd_import_file_with_options (ledger, kind, path, NULL, report, progress_func, user_data,
                                      cancellable, error);
}

/* The same, for a sheet of a workbook as well, with the command line's options. */
gboolean
jd_import_file_with_options (JdLedger *ledger,
                             JdImportKind kind,
                             const char *path,
                             const JdImportOptions *options,
                             JdImportReport *report,
                             JdProgressFunc progress_func,
                             gpointer user_data,
                             GCancellable *cancellable,
                             GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (kind >= 0 && kind < JD_IMPORT_N_KINDS, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  jd_import_report_clear (report);
  report->kind = kind;
  report->problems = g_ptr_array_new_with_free_func (problem_free);

  g_autoptr (GHashTable) problem_index
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) map = options && options->map
                                   ? g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free)
                                   : NULL;
  Import im = { .ledger = ledger,
                .map = map,
                .kind = &jd_import_kinds[kind],
                .report = report,
                .problem_index = problem_index,
                .options = options,
                .observer = options ? options->observer : NULL };
  Progress progress = { progress_func, user_data, -1 };
  guint line = 0;
  g_autoptr (GError) open_error = NULL;
  g_autoptr (JdTableSource) source = jd_table_source_open (path, &line, &open_error);
  if (source == NULL && !g_error_matches (open_error, JD_ERROR, JD_ERROR_INVALID))
    {
      g_propagate_error (error, g_steal_pointer (&open_error));
      return FALSE;
    }
  if (source == NULL)
    jd_import_add_problem (&im, line, NULL, "%s", open_error->message);
  else if (!jd_table_source_select_sheet (source, options ? options->sheet : NULL, &open_error))
    jd_import_add_problem (&im, 0, NULL, "%s", open_error->message);
  else
    {
      report->encoding = jd_table_source_get_encoding (source);
      report->sheet = g_strdup (jd_table_source_get_sheet (source));
      jd_import_read_map (&im);
    }

  if (report->problems->len == 0)
    {
      im.source = source;
      im.township = jd_ledger_dup_township (ledger);
      gint64 temp_store = swap_pragma (ledger, "temp_store", TEMP_STORE_MEMORY);
      if (!jd_ledger_begin (ledger, error))
        {
          swap_pragma (ledger, "temp_store", temp_store);
          g_free (im.township);
          return FALSE;
        }
      im.villages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      im.persons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      im.owned = g_ptr_array_new_with_free_func (g_free);
      im.before = g_malloc0 (im.kind->record_size);
      gint64 cache_size = swap_cache_size (ledger, -IMPORT_CACHE_KIB);
      gboolean ok = import_rows (&im, &progress, cancellable, error);
      g_hash_table_unref (im.villages);
      g_hash_table_unref (im.persons);
      g_clear_pointer (&im.keys, g_hash_table_unref);
      g_ptr_array_unref (im.owned);
      g_free (im.before);
      g_strfreev (im.header);
      g_clear_pointer (&im.kinds, g_free);
      g_free (im.township);
      jd_own_sheet_clear (&im.own);
      ok = finish_import (&im, kind, path, ok, error);
      swap_cache_size (ledger, cache_size);
      swap_pragma (ledger, "temp_store", temp_store);
      if (ok && report->problems->len == 0)
        {
          if (progress_func)
            progress_func (1.0, user_data);
          return TRUE;
        }
      report->added = report->updated = report->unchanged = 0;
      if (!ok)
        return FALSE;
    }

  guint64 total = report->unlisted;
  for (guint i = 0; i < report->problems->len; i++)
    total += 1 + ((JdImportProblem *)report->problems->pdata[i])->more;
  guint n = (guint)MIN (total, G_MAXUINT);
  g_ptr_array_sort (report->problems, compare_problems);
  g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE, "%s: %u problem; nothing was imported",
                            "%s: %u problems; nothing was imported", n),
               path, n);
  return FALSE;
}
