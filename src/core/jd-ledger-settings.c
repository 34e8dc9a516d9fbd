/* jd-ledger-settings.c: the township's name, the settings kept in
 * the ledger and the count of a table's rows
 */
#include "config.h"

#include "jd-ledger-object.h"

#include "jd-error.h"

/* ---- township and settings ----------------------------------------------------- */

static char *
query_text (JdLedger *self, const char *sql, const char *param)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (self, sql, NULL);
  char *value = NULL;
  if (stmt == NULL)
    return NULL;
  if (param)
    jd_bind_text (stmt, 1, param);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = jd_column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    jd_ledger_set_error (self, NULL); /* a damaged page is still heard of */
  sqlite3_reset (stmt);
  return value;
}

char *
jd_ledger_dup_township (JdLedger *self)
{
  g_return_val_if_fail (JD_IS_LEDGER (self), NULL);
  return query_text (self, "SELECT name FROM township WHERE id = 1", NULL);
}

char *
jd_ledger_dup_county (JdLedger *self)
{
  g_return_val_if_fail (JD_IS_LEDGER (self), NULL);
  return query_text (self, "SELECT county FROM township WHERE id = 1", NULL);
}

char *
jd_ledger_get_setting (JdLedger *self, const char *key)
{
  g_return_val_if_fail (JD_IS_LEDGER (self), NULL);
  return query_text (self, "SELECT value FROM setting WHERE key = ?", key);
}

gboolean
jd_ledger_set_setting (JdLedger *self, const char *key, const char *value, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (self), FALSE);
  sqlite3_stmt *stmt
      = jd_ledger_prepare (self,
                           "INSERT INTO setting (key, value) VALUES (?1, ?2) "
                           "ON CONFLICT (key) DO UPDATE SET value = ?2 WHERE value IS NOT ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  /* Its own transaction when the caller has none, so the change is sealed with it. */
  gboolean own = sqlite3_get_autocommit (self->db);
  if (own && !jd_ledger_begin (self, error))
    return FALSE;
  jd_bind_text (stmt, 1, key);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  if (!jd_ledger_step_done (self, stmt, error))
    {
      if (own)
        jd_ledger_rollback (self);
      return FALSE;
    }
  return !own || jd_ledger_commit (self, error);
}

gint64
jd_ledger_count (JdLedger *self, const char *table)
{
  g_return_val_if_fail (JD_IS_LEDGER (self), -1);
  g_return_val_if_fail (jd_db_is_audited_table (table), -1);

  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt = jd_ledger_prepare (self, sql, NULL);
  gint64 n = -1;
  int rc = stmt ? sqlite3_step (stmt) : SQLITE_ERROR;
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else if (stmt)
    jd_ledger_set_error (self, NULL); /* a damaged page is still heard of */
  if (stmt)
    sqlite3_reset (stmt);
  return n;
}
