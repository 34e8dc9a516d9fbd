/* jd-import-history.c: the imports a ledger has had, and undoing one as a whole
 * (docs/contract.md §3 "import batch", §6)
 *
 * A batch does not list its rows, and no table has a column naming the batch
 * that wrote a row: the audit log already holds every write of the import, in
 * order, with the values before and after, between the batch's first_row and
 * last_row (the import holds the write lock from its first write to its
 * commit). Undoing plays those rows back newest first: an insert is deleted,
 * an update gets its old values back, a delete is put back. So nothing is
 * added to every table, a column a later migration adds is covered as the
 * audit triggers cover it, and the audit log, which keeps the import, keeps
 * its undo too.
 *
 * A batch can be undone only while nothing later touched its rows: a later
 * write of a row it wrote, a later write about a person it wrote (a follow-up,
 * a status …), or a row added later that refers to a row it added (a person in
 * a village it added). A later import that was itself undone does not count:
 * its writes and its undo cancel out.
 */
#include "config.h"

#include "jd-import-history.h"

#include <glib/gi18n-lib.h>

#include "jd-audit-query.h"
#include "jd-error.h"
#include "jd-job.h"
#include "jd-ledger-private.h"

#define TIME_NOW "strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')"

/* sqlite3_mprintf ()'s text, as GLib's: sqlite3_free () is its only free. */
static char *
take_sql (char *sql)
{
  char *copy = g_strdup (sql);
  sqlite3_free (sql);
  return copy;
}

void
jd_import_batch_free (JdImportBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->file);
  g_free (batch->kind);
  g_free (batch->imported_at);
  g_free (batch->user);
  g_free (batch->undone_at);
  g_free (batch);
}

gboolean
jd_import_history_record (JdLedger *ledger,
                          JdImportKind kind,
                          const char *path,
                          const JdImportReport *report,
                          GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (path != NULL && report != NULL, FALSE);

  /* The transaction's first audit rows may be outputs recorded late (jd-ledger.c
   * writes them as it begins): they are not the import's. An import that changed
   * nothing is not recorded: importing a file again writes nothing at all
   * (docs/contract.md §6). */
  gint64 first = jd_ledger_get_transaction_first_audit_row (ledger);
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "INSERT INTO import_batch (file, kind, os_user, added, updated, first_row, last_row)"
      " SELECT ?1, ?2, jd_os_user(), ?3, ?4, min(id), max(id) FROM audit_log"
      " WHERE id >= ?5 AND tbl <> 'output_event' HAVING count(*) > 0",
      error);
  if (stmt == NULL)
    return FALSE;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *file = g_filename_display_name (name);
  jd_bind_text (stmt, 1, file);
  jd_bind_text (stmt, 2, jd_import_kind_to_string (kind));
  sqlite3_bind_int64 (stmt, 3, report->added);
  sqlite3_bind_int64 (stmt, 4, report->updated);
  sqlite3_bind_int64 (stmt, 5, first > 0 ? first : G_MAXINT64);
  return jd_ledger_step_done (ledger, stmt, error);
}

GPtrArray *
jd_import_history_list (JdLedger *ledger, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  sqlite3_stmt *stmt = jd_ledger_prepare (ledger,
                                          "SELECT id, file, kind, imported_at, os_user, added,"
                                          " updated, undone_at FROM import_batch ORDER BY id DESC",
                                          error);
  if (stmt == NULL)
    return NULL;
  g_autoptr (GPtrArray) batches
      = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_import_batch_free);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdImportBatch *batch = g_new0 (JdImportBatch, 1);
      batch->id = sqlite3_column_int64 (stmt, 0);
      batch->file = jd_column_dup (stmt, 1);
      batch->kind = jd_column_dup (stmt, 2);
      batch->imported_at = jd_column_dup (stmt, 3);
      batch->user = jd_column_dup (stmt, 4);
      batch->added = (guint)sqlite3_column_int64 (stmt, 5);
      batch->updated = (guint)sqlite3_column_int64 (stmt, 6);
      batch->undone_at = jd_column_dup (stmt, 7);
      g_ptr_array_add (batches, batch);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      return NULL;
    }
  return g_steal_pointer (&batches);
}

/* ---- what may block an undo ---------------------------------------------------- */

typedef struct
{
  gint64 id;
  char *file;
  gint64 first_row; /* 0: the import changed nothing */
  gint64 last_row;
  char *undone_at;
} Batch;

static void
batch_clear (Batch *batch)
{
  g_clear_pointer (&batch->file, g_free);
  g_clear_pointer (&batch->undone_at, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Batch, batch_clear)

static gboolean
load_batch (JdLedger *ledger, gint64 id, Batch *batch, GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger, "SELECT file, first_row, last_row, undone_at FROM import_batch WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      batch->id = id;
      batch->file = jd_column_dup (stmt, 0);
      batch->first_row = sqlite3_column_int64 (stmt, 1);
      batch->last_row = sqlite3_column_int64 (stmt, 2);
      batch->undone_at = jd_column_dup (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, JD_ERROR, JD_ERROR_NOT_FOUND,
                 _ ("There is no import %lld in this ledger: “jindu imports” "
                    "lists them"),
                 (long long)id);
  else if (rc != SQLITE_ROW)
    jd_ledger_set_error (ledger, error);
  if (rc != SQLITE_ROW)
    return FALSE;
  if (batch->undone_at)
    {
      g_autofree char *when = g_strdelimit (g_strdup (batch->undone_at), "T", ' ');
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("Import %lld (%s) was already undone on %s"), (long long)id, batch->file,
                   when);
      return FALSE;
    }
  return TRUE;
}

/* "Follow-up record of 张三", "Village record 3": which record a user can find. */
static char *
describe_record (const char *table, gint64 row_id, const char *person)
{
  const char *label = jd_audit_table_label (table);
  if (person && *person)
    /* TRANSLATORS: the kind of record (Follow-up, Status …), then a person's name. */
    return g_strdup_printf (_ ("%1$s record of %2$s"), label, person);
  /* TRANSLATORS: the kind of record (Village, Venue …), then its number in the ledger. */
  return g_strdup_printf (_ ("%1$s record %2$lld"), label, (long long)row_id);
}

static const char *
action_words (const char *action)
{
  if (g_strcmp0 (action, "insert") == 0)
    return _ ("added");
  if (g_strcmp0 (action, "delete") == 0)
    return _ ("deleted");
  return _ ("changed");
}

/* The refusal, naming the later change: stmt's row is (at, os_user, tbl,
 * row_id, action, person's name). */
static void
set_blocked_error (const Batch *batch, sqlite3_stmt *stmt, GError **error)
{
  g_autofree char *when = g_strdelimit (jd_column_dup (stmt, 0), "T", ' ');
  const char *user = (const char *)sqlite3_column_text (stmt, 1);
  g_autofree char *record = describe_record ((const char *)sqlite3_column_text (stmt, 2),
                                             sqlite3_column_int64 (stmt, 3),
                                             (const char *)sqlite3_column_text (stmt, 5));
  g_autofree char *message = g_strdup_printf (
      /* TRANSLATORS: the import's number and file, then the later change: the record, how it
       * changed (added, changed, deleted), when and by which user. */
      _ ("Import %1$lld (%2$s) cannot be undone: after it, the %3$s was %4$s on "
         "%5$s by %6$s. An import can be undone only while nothing later has changed its rows."),
      (long long)batch->id, batch->file, record,
      action_words ((const char *)sqlite3_column_text (stmt, 4)), when ? when : "",
      user ? user : "?");
  /* The later change was itself an import's: that one can be undone first. */
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    {
      g_autofree char *later = g_strdup_printf (
          /* TRANSLATORS: the later import's number and file. */
          _ ("That change was import %lld (%s): undo it first."),
          (long long)sqlite3_column_int64 (stmt, 6), (const char *)sqlite3_column_text (stmt, 7));
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, "%s %s", message, later);
    }
  else
    g_set_error_literal (error, JD_ERROR, JD_ERROR_INVALID, message);
}

/* The import (that still stands) an audit row a. belongs to, if any: its
 * number and file. */
#define LATER_IMPORT                                                                               \
  " (SELECT b.id FROM import_batch b WHERE b.undone_at IS NULL"                                    \
  "  AND a.id BETWEEN b.first_row AND b.last_row),"                                                \
  " (SELECT b.file FROM import_batch b WHERE b.undone_at IS NULL"                                  \
  "  AND a.id BETWEEN b.first_row AND b.last_row)"

/* Audit rows of an undone import, or of an undo: they cancel out. */
#define NOT_CANCELLED(a)                                                                           \
  " NOT EXISTS (SELECT 1 FROM import_batch b WHERE b.undone_at IS NOT NULL"                        \
  " AND (" a " BETWEEN b.first_row AND b.last_row OR " a " BETWEEN b.undo_first AND b.undo_last))"

/* The first later write to a row the batch wrote, or about a person it wrote. */
static gboolean
check_later_writes (JdLedger *ledger, const Batch *batch, GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "SELECT a.at, a.os_user, a.tbl, a.row_id, a.action,"
      " coalesce(p.name, CASE WHEN a.tbl = 'person'"
      "  THEN json_extract(coalesce(a.after, a.before), '$.name') END)," LATER_IMPORT
      " FROM audit_log a LEFT JOIN person p ON p.id = a.person_id"
      " WHERE a.id IN ("
      "  SELECT l.id FROM audit_log m JOIN audit_log l"
      "   ON l.tbl = m.tbl AND l.row_id = m.row_id AND l.id > ?2"
      "   WHERE m.id BETWEEN ?1 AND ?2 AND m.tbl <> 'output_event'"
      "  UNION ALL"
      "  SELECT l.id FROM audit_log m JOIN audit_log l ON l.person_id = m.row_id AND l.id > ?2"
      "   WHERE m.id BETWEEN ?1 AND ?2 AND m.tbl = 'person')"
      " AND a.tbl NOT IN ('import_batch', 'output_event') AND" NOT_CANCELLED (
          "a.id") " ORDER BY a.id LIMIT 1",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch->first_row);
  sqlite3_bind_int64 (stmt, 2, batch->last_row);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    set_blocked_error (batch, stmt, error);
  else if (rc != SQLITE_DONE)
    jd_ledger_set_error (ledger, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* A row there now that refers to a row the batch added and that the batch did
 * not write: it came later, and deleting the row it refers to would break it
 * (a person in a village the batch added, an inspection of its venue). */
static gboolean
check_references (JdLedger *ledger, const Batch *batch, GError **error)
{
  sqlite3_stmt *keys
      = jd_ledger_prepare (ledger,
                           "SELECT m.name, f.\"from\", f.\"table\" FROM sqlite_schema m,"
                           " pragma_foreign_key_list(m.name) f WHERE m.type = 'table'"
                           " AND EXISTS (SELECT 1 FROM audit_log a WHERE a.id BETWEEN ?1 AND ?2"
                           "  AND a.tbl = f.\"table\" AND a.action = 'insert')"
                           " ORDER BY m.name, f.\"from\"",
                           error);
  if (keys == NULL)
    return FALSE;
  sqlite3_bind_int64 (keys, 1, batch->first_row);
  sqlite3_bind_int64 (keys, 2, batch->last_row);
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  int rc;
  while ((rc = sqlite3_step (keys)) == SQLITE_ROW)
    for (int i = 0; i < 3; i++)
      g_ptr_array_add (found, jd_column_dup (keys, i));
  sqlite3_reset (keys);
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      return FALSE;
    }

  for (guint i = 0; i + 2 < found->len; i += 3)
    {
      const char *child = found->pdata[i], *column = found->pdata[i + 1],
                 *parent = found->pdata[i + 2];
      /* The names come from the schema itself; quoted all the same. */
      g_autofree char *sql = take_sql (sqlite3_mprintf (
          "SELECT a.at, a.os_user, a.tbl, a.row_id, a.action,"
          " (SELECT name FROM person WHERE id = a.person_id)," LATER_IMPORT " FROM \"%w\" c"
          " JOIN audit_log a ON a.id = (SELECT max(id) FROM audit_log"
          "  WHERE tbl = '%q' AND row_id = c.rowid)"
          " WHERE c.\"%w\" IN (SELECT row_id FROM audit_log WHERE id BETWEEN ?1 AND ?2"
          "  AND tbl = '%q' AND action = 'insert')"
          " AND c.rowid NOT IN (SELECT row_id FROM audit_log WHERE id BETWEEN ?1 AND ?2"
          "  AND tbl = '%q') LIMIT 1",
          child, child, column, parent, child));
      sqlite3_stmt *stmt = NULL;
      if (sqlite3_prepare_v2 (jd_ledger_get_db (ledger), sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          jd_ledger_set_error (ledger, error);
          return FALSE;
        }
      sqlite3_bind_int64 (stmt, 1, batch->first_row);
      sqlite3_bind_int64 (stmt, 2, batch->last_row);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        set_blocked_error (batch, stmt, error);
      else if (rc != SQLITE_DONE)
        jd_ledger_set_error (ledger, error);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_batch (JdLedger *ledger, gint64 batch_id, Batch *batch, GError **error)
{
  if (!load_batch (ledger, batch_id, batch, error))
    return FALSE;
  return batch->first_row == 0
         || (check_later_writes (ledger, batch, error) && check_references (ledger, batch, error));
}

gboolean
jd_import_undo_check (JdLedger *ledger, gint64 batch_id, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  g_auto (Batch) batch = { 0 };
  return check_batch (ledger, batch_id, &batch, error);
}

/* ---- playing the batch back ---------------------------------------------------- */

/* The columns of table as the ledger has them now; NULL when it is no table
 * an import writes. Cached in columns. */
static GHashTable *
table_columns (JdLedger *ledger, GHashTable *cache, const char *table)
{
  GHashTable *columns = g_hash_table_lookup (cache, table);
  if (columns || g_hash_table_contains (cache, table))
    return columns;
  if (!jd_db_is_append_only_table (table) && !g_str_equal (table, "import_batch"))
    {
      sqlite3_stmt *stmt
          = jd_ledger_prepare (ledger, "SELECT name FROM pragma_table_info(?1)", NULL);
      if (stmt)
        {
          jd_bind_text (stmt, 1, table);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              if (columns == NULL)
                columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              g_hash_table_add (columns, jd_column_dup (stmt, 0));
            }
          sqlite3_reset (stmt);
        }
    }
  g_hash_table_insert (cache, g_strdup (table), columns);
  return columns;
}

/* The statement that takes back one audit row: keys are the columns its JSON
 * values name, separated by \x1f. NULL when the row names something the ledger
 * does not have (a log changed from outside: jindu check reports it). */
static char *
undo_statement (const char *table, const char *action, const char *keys, GHashTable *columns)
{
  if (g_str_equal (action, "insert"))
    return take_sql (sqlite3_mprintf ("DELETE FROM \"%w\" WHERE rowid = ?2", table));

  g_auto (GStrv) names = g_strsplit (keys ? keys : "", "\x1f", -1);
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autoptr (GString) values = g_string_new (NULL);
  for (char **name = names; *name; name++)
    {
      if (!g_hash_table_contains (columns, *name))
        return NULL;
      char *column = sqlite3_mprintf ("\"%w\"", *name);
      char *value = sqlite3_mprintf ("json_extract(?1, '$.\"%q\"')", *name);
      if (g_str_equal (action, "update"))
        g_string_append_printf (sql, "%s%s = %s", sql->len ? ", " : "", column, value);
      else
        {
          g_string_append_printf (sql, "%s%s", sql->len ? ", " : "", column);
          g_string_append_printf (values, "%s%s", values->len ? ", " : "", value);
        }
      sqlite3_free (column);
      sqlite3_free (value);
    }
  if (sql->len == 0)
    return NULL;
  if (g_str_equal (action, "update"))
    return take_sql (sqlite3_mprintf ("UPDATE \"%w\" SET %s WHERE rowid = ?2", table, sql->str));
  return take_sql (
      sqlite3_mprintf ("INSERT INTO \"%w\" (%s) VALUES (%s)", table, sql->str, values->str));
}

/* Takes back every write of the batch, newest first. */
static gboolean
play_back (JdLedger *ledger, const Batch *batch, GError **error)
{
  g_autoptr (GHashTable) cache
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_hash_table_unref);
  /* The rows' ids first (8 bytes each, however big the import): each write
   * below adds audit rows of its own. */
  sqlite3_stmt *ids = jd_ledger_prepare (ledger,
                                         "SELECT id FROM audit_log WHERE id BETWEEN ?1 AND ?2"
                                         " AND tbl <> 'output_event' ORDER BY id DESC",
                                         error);
  if (ids == NULL)
    return FALSE;
  sqlite3_bind_int64 (ids, 1, batch->first_row);
  sqlite3_bind_int64 (ids, 2, batch->last_row);
  g_autoptr (GArray) steps = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;
  while ((rc = sqlite3_step (ids)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (ids, 0);
      g_array_append_val (steps, id);
    }
  sqlite3_reset (ids);
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      return FALSE;
    }

  for (guint i = 0; i < steps->len; i++)
    {
      sqlite3_stmt *row
          = jd_ledger_prepare (ledger,
                               "SELECT tbl, row_id, action, before,"
                               " (SELECT group_concat(key, char(31)) FROM json_each(before))"
                               " FROM audit_log WHERE id = ?1",
                               error);
      if (row == NULL)
        return FALSE;
      sqlite3_bind_int64 (row, 1, g_array_index (steps, gint64, i));
      if (sqlite3_step (row) != SQLITE_ROW)
        {
          jd_ledger_set_error (ledger, error);
          sqlite3_reset (row);
          return FALSE;
        }
      g_autofree char *table = jd_column_dup (row, 0);
      gint64 row_id = sqlite3_column_int64 (row, 1);
      g_autofree char *action = jd_column_dup (row, 2);
      g_autofree char *before = jd_column_dup (row, 3);
      g_autofree char *keys = jd_column_dup (row, 4);
      sqlite3_reset (row);

      GHashTable *columns = table ? table_columns (ledger, cache, table) : NULL;
      g_autofree char *sql
          = columns && action ? undo_statement (table, action, keys, columns) : NULL;
      sqlite3_stmt *stmt = sql ? jd_ledger_prepare (ledger, sql, NULL) : NULL;
      if (stmt == NULL)
        {
          g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                       _ ("Import %lld (%s) cannot be undone: its entry in the "
                          "audit log for %s is not one the program wrote (“jindu check” "
                          "examines the log)"),
                       (long long)batch->id, batch->file, table ? table : "?");
          return FALSE;
        }
      jd_bind_text (stmt, 1, before);
      sqlite3_bind_int64 (stmt, 2, row_id);
      if (!jd_ledger_step_done (ledger, stmt, error))
        return FALSE;
      if (sqlite3_changes (jd_ledger_get_db (ledger)) != 1)
        {
          g_autofree char *record = describe_record (table, row_id, NULL);
          g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                       _ ("Import %lld (%s) cannot be undone: the %s is no "
                          "longer as the import left it"),
                       (long long)batch->id, batch->file, record);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
jd_import_undo (JdLedger *ledger, gint64 batch_id, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!jd_ledger_begin (ledger, error))
    return FALSE;
  g_auto (Batch) batch = { 0 };
  /* Checked again under the write lock: another program may have written since. */
  gboolean ok = check_batch (ledger, batch_id, &batch, error);
  gint64 mark = ok ? jd_db_last_audit_row (jd_ledger_get_db (ledger)) : 0;
  if (ok && batch.first_row)
    ok = play_back (ledger, &batch, error);
  if (ok)
    {
      gint64 last = jd_db_last_audit_row (jd_ledger_get_db (ledger));
      sqlite3_stmt *stmt = jd_ledger_prepare (ledger,
                                              "UPDATE import_batch SET undone_at = " TIME_NOW
                                              ", undo_first = ?2, undo_last = ?3"
                                              " WHERE id = ?1",
                                              error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, batch_id);
          if (last > mark)
            {
              sqlite3_bind_int64 (stmt, 2, mark + 1);
              sqlite3_bind_int64 (stmt, 3, last);
            }
          ok = jd_ledger_step_done (ledger, stmt, error);
        }
    }
  if (!ok)
    {
      jd_ledger_rollback (ledger);
      return FALSE;
    }
  return jd_ledger_commit (ledger, error);
}

/* ---- undoing on a worker thread ------------------------------------------------ */

typedef struct
{
  char *path;
  gint64 batch_id;
} Undoing;

static void
undoing_free (gpointer data)
{
  Undoing *undoing = data;
  g_free (undoing->path);
  g_free (undoing);
}

static gpointer
undo_job (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  Undoing *undoing = data;
  /* Its own connection: a large batch takes seconds, which the window's
   * thread must not wait (docs/architecture.md, "Threads and connections"). */
  g_autoptr (JdLedger) ledger = jd_ledger_open (undoing->path, error);
  return ledger && jd_import_undo (ledger, undoing->batch_id, error) ? JD_JOB_DONE : NULL;
}

void
jd_import_undo_async (JdLedger *ledger,
                      gint64 batch_id,
                      GAsyncReadyCallback callback,
                      gpointer user_data)
{
  g_return_if_fail (JD_IS_LEDGER (ledger));

  Undoing *undoing = g_new0 (Undoing, 1);
  undoing->path = g_strdup (jd_ledger_get_path (ledger));
  undoing->batch_id = batch_id;
  jd_job_start_committing (ledger, JD_CHANGE_RECORDS, jd_import_undo_async, undo_job, undoing,
                           undoing_free, NULL, JD_JOB_DEFAULT, NULL, callback, user_data);
}

gboolean
jd_import_undo_finish (GAsyncResult *result, GError **error)
{
  return jd_job_finish (result, jd_import_undo_async, error) != NULL;
}
