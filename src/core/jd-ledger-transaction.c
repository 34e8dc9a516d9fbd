/* jd-ledger-transaction.c: a ledger's write transactions, and the
 * audit log's entry of each file that leaves the ledger (docs/audit-log.md)
 */
#include "config.h"

#include "jd-ledger-object.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "jd-audit-seal.h"
#include "jd-error.h"
#include "jd-output.h"

/* ---- outputs recorded while another program writes -------------------------------- */

/* An output's audit entry that could not be written at once, because another
 * program held the write lock (a backup or an export beside a long import),
 * waits in a private file beside the ledger, one JSON object a line, and goes
 * into the log with the ledger's next write transaction: the file is never
 * held back, and never unrecorded. */
static char *
pending_path (JdLedger *self)
{
  return g_strconcat (self->path, ".audit-pending", NULL);
}

static gboolean
queue_output (JdLedger *self,
              const char *kind,
              const char *file,
              gboolean masked,
              const char *details_json,
              GError **error)
{
  /* SQLite makes the JSON: a read of no table, which needs no lock. */
  sqlite3_stmt *stmt = jd_ledger_prepare (
      self,
      "SELECT json_object('kind', ?1, 'file', ?2, 'masked', ?3, 'details', json(?4), 'user', ?5,"
      " 'queued_at', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, file, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, masked ? 1 : 0);
  jd_bind_text (stmt, 4, details_json ? details_json : "{}");
  sqlite3_bind_text (stmt, 5, g_get_user_name (), -1, SQLITE_TRANSIENT);
  g_autofree char *line = NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    line = g_strconcat ((const char *)sqlite3_column_text (stmt, 0), "\n", NULL);
  sqlite3_reset (stmt);
  if (line == NULL)
    {
      jd_ledger_set_error (self, error);
      return FALSE;
    }

  g_autofree char *path = pending_path (self);
  int fd = g_open (path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  gboolean ok
      = fd >= 0 && write (fd, line, strlen (line)) == (gssize)strlen (line) && fsync (fd) == 0;
  int saved = errno;
  if (fd >= 0 && close (fd) != 0 && ok)
    {
      saved = errno;
      ok = FALSE;
    }
  if (!ok)
    jd_output_set_errno_error (path, saved, error);
  return ok;
}

/* In a write transaction: the waiting entries into the log (lines that are not
 * one of ours are passed over). */
static gboolean
take_pending (JdLedger *self, GError **error)
{
  g_autofree char *path = pending_path (self);
  g_autofree char *text = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return TRUE;
  sqlite3_stmt *stmt = jd_ledger_prepare (
      self,
      "INSERT INTO output_event (kind, file, masked, details)"
      " SELECT ?1 ->> 'kind', ?1 ->> 'file', ?1 ->> 'masked',"
      "  json_patch(coalesce(?1 -> 'details', '{}'),"
      "   json_object('user', ?1 ->> 'user', 'queued_at', ?1 ->> 'queued_at'))"
      " WHERE json_valid(?1) AND ?1 ->> 'kind' IN ('export', 'print', 'backup', 'restore')"
      "  AND typeof(?1 ->> 'file') = 'text' AND ?1 ->> 'masked' IN (0, 1)",
      error);
  if (stmt == NULL)
    return FALSE;
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      if (*lines[i] == '\0')
        continue;
      sqlite3_bind_text (stmt, 1, lines[i], -1, SQLITE_STATIC);
      if (!jd_ledger_step_done (self, stmt, error))
        return FALSE;
    }
  self->pending_taken = TRUE;
  return TRUE;
}

gboolean
jd_ledger_begin (JdLedger *self, GError **error)
{
  if (!jd_ledger_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->pending_taken = FALSE;
  g_autofree char *pending = pending_path (self);
  if (g_file_test (pending, G_FILE_TEST_IS_REGULAR) && !take_pending (self, error))
    {
      jd_ledger_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* Seals the audit rows the transaction wrote, in the transaction, then commits:
 * every commit of the program leaves its audit rows sealed. */
gboolean
jd_ledger_commit (JdLedger *self, GError **error)
{
  if (self->unsealed_first && !sqlite3_get_autocommit (self->db))
    {
      if (jd_audit_seal (jd_ledger_get_sealer (self), self->unsealed_first, G_MAXINT64)
          != SQLITE_OK)
        {
          jd_ledger_set_error (self, error);
          jd_ledger_rollback (self);
          return FALSE;
        }
      self->unsealed_first = self->unsealed_last = 0;
    }
  if (jd_db_exec (self->db, self->path, "COMMIT", error))
    {
      if (self->pending_taken)
        {
          g_autofree char *pending = pending_path (self);
          g_unlink (pending);
          self->pending_taken = FALSE;
        }
      jd_ledger_announce_changes (self, TRUE);
      return TRUE;
    }
  jd_ledger_rollback (self);
  return FALSE;
}

gint64
jd_ledger_get_transaction_first_audit_row (JdLedger *self)
{
  return sqlite3_get_autocommit (self->db) ? 0 : self->unsealed_first;
}

void
jd_ledger_rollback (JdLedger *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- what leaves the ledger ------------------------------------------------------ */

gboolean
jd_ledger_log_output (JdLedger *self,
                      JdOutputKind kind,
                      const char *path,
                      const char *details_json,
                      gboolean masked,
                      GError **error)
{
  static const char *const kinds[] = {
    [JD_OUTPUT_EXPORT] = "export",
    [JD_OUTPUT_PRINT] = "print",
    [JD_OUTPUT_BACKUP] = "backup",
    [JD_OUTPUT_RESTORE] = "restore",
  };
  g_return_val_if_fail (JD_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  g_autofree char *file = g_canonicalize_filename (path, NULL);
  gboolean own = sqlite3_get_autocommit (self->db);
  sqlite3_stmt *stmt = NULL;
  if (own)
    {
      /* Another program's write lock: the entry waits beside the ledger rather
       * than the file wait for the lock (queue_output ()). */
      g_autoptr (GError) busy = NULL;
      sqlite3_busy_timeout (self->db, 0);
      gboolean begun = jd_ledger_begin (self, &busy);
      sqlite3_busy_timeout (self->db, self->busy_ms);
      if (!begun && g_error_matches (busy, JD_ERROR, JD_ERROR_BUSY))
        {
          if (queue_output (self, kinds[kind], file, masked, details_json, error))
            return TRUE;
          if (kind != JD_OUTPUT_RESTORE)
            g_unlink (path);
          return FALSE;
        }
      if (!begun)
        {
          g_propagate_error (error, g_steal_pointer (&busy));
          if (kind != JD_OUTPUT_RESTORE)
            {
              g_unlink (path);
              g_prefix_error (error, _ ("%s was not kept, as the audit log could not record it: "),
                              path);
            }
          return FALSE;
        }
    }
  gboolean ok = (stmt = jd_ledger_prepare (self,
                                           "INSERT INTO output_event (kind, file, masked, "
                                           "details) VALUES (?, ?, ?, json(?))",
                                           error))
                != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, kinds[kind], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, file, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, masked ? 1 : 0);
      jd_bind_text (stmt, 4, details_json);
      ok = jd_ledger_step_done (self, stmt, error);
    }
  if (ok && (!own || jd_ledger_commit (self, error)))
    return TRUE;
  if (own)
    jd_ledger_rollback (self);
  /* Nothing leaves the ledger unrecorded: the file written is taken back. */
  if (kind != JD_OUTPUT_RESTORE && error && *error)
    {
      g_unlink (path);
      g_prefix_error (error, _ ("%s was not kept, as the audit log could not record it: "), path);
    }
  else if (kind != JD_OUTPUT_RESTORE)
    g_unlink (path);
  return FALSE;
}
