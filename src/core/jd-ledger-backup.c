/* jd-ledger-backup.c: a verified copy of the ledger through SQLite's
 * backup API, and its integrity check
 */
#include "config.h"

#include "jd-ledger-object.h"

#include <glib/gi18n-lib.h>

#include "jd-error.h"
#include "jd-output.h"

/* ---- backup and integrity -------------------------------------------------------- */

/* The copy's own quick check: TRUE when SQLite finds nothing wrong. */
static gboolean
copy_is_sound (sqlite3 *copy)
{
  sqlite3_stmt *stmt = NULL;
  gboolean sound = sqlite3_prepare_v2 (copy, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK;
  int rc;
  while (sound && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    sound = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0;
  if (sound && rc != SQLITE_DONE)
    sound = FALSE;
  sqlite3_finalize (stmt);
  return sound;
}

/* A consistent copy through the backup API, safe while others write. It is
 * written into a temporary file beside the destination (jd-output.h), checked
 * with PRAGMA quick_check, and renamed into place only when whole and sound:
 * a damaged ledger gives no backup at all, never one that would push a good
 * backup out of a rotation. */
gboolean
jd_ledger_backup (JdLedger *self,
                  const char *destination,
                  gboolean force,
                  JdProgressFunc progress,
                  gpointer user_data,
                  GCancellable *cancellable,
                  GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  /* Never over a ledger another program has open: renaming a copy under it
   * would pair the copy with that program's WAL (or the rollback journal of
   * one that crashed, played back into the copy). */
  g_autofree char *their_wal = g_strconcat (destination, "-wal", NULL);
  g_autofree char *their_journal = g_strconcat (destination, "-journal", NULL);
  if (!jd_output_check (destination, self->path, JD_OUTPUT_FORCE, error))
    return FALSE;
  if (g_file_test (their_wal, G_FILE_TEST_EXISTS)
      || g_file_test (their_journal, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, JD_ERROR, JD_ERROR_BUSY,
                   _ ("%s is open in another program: close it or choose another file"),
                   destination);
      return FALSE;
    }

  JdOutput *output
      = jd_output_new (destination, self->path, force ? JD_OUTPUT_FORCE : JD_OUTPUT_NONE, error);
  if (output == NULL)
    return FALSE;

  sqlite3 *copy = NULL;
  gboolean ok = FALSE;
  if (sqlite3_open_v2 (jd_output_get_temp_path (output), &copy,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL)
      == SQLITE_OK)
    {
      sqlite3_busy_timeout (copy, JD_LEDGER_BUSY_TIMEOUT_MS);
      /* A read transaction pins one WAL snapshot for the whole copy, so other
       * writers never send the backup back to its first page. */
      gboolean pinned = sqlite3_get_autocommit (self->db)
                        && sqlite3_exec (self->db, "BEGIN; SELECT count(*) FROM sqlite_schema;",
                                         NULL, NULL, NULL)
                               == SQLITE_OK;
      sqlite3_backup *backup = sqlite3_backup_init (copy, "main", self->db, "main");
      int rc = backup ? SQLITE_OK : SQLITE_ERROR;
      while (backup && (rc = sqlite3_backup_step (backup, 256)) != SQLITE_DONE)
        {
          if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep (20);
          else if (rc != SQLITE_OK)
            break;
          if (g_cancellable_is_cancelled (cancellable))
            break;
          int total = sqlite3_backup_pagecount (backup);
          if (progress && total > 0)
            progress (1.0 - (double)sqlite3_backup_remaining (backup) / total, user_data);
        }
      if (backup)
        sqlite3_backup_finish (backup);
      if (pinned)
        sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ;
      else if (rc != SQLITE_DONE)
        jd_db_set_error (copy, destination, error);
      else
        ok = TRUE;
      /* The copy would keep WAL mode in its header: make it a single, whole file
       * in rollback mode, so that reading it later (the backups' list opens
       * each one read-only) leaves no -wal or -shm beside it. Opening a
       * restored copy puts it back in WAL mode. */
      if (ok && sqlite3_exec (copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
        {
          jd_db_set_error (copy, destination, error);
          ok = FALSE;
        }
      /* The backup API copies pages as they are: a damaged ledger gives a
       * damaged copy, which must not count as a backup. */
      if (ok && !copy_is_sound (copy))
        {
          g_set_error (error, JD_ERROR, JD_ERROR_TRUNCATED,
                       _ ("%s is damaged, so no backup of it was made (earlier backups are "
                          "kept): restore the ledger from an earlier backup."),
                       self->path);
          ok = FALSE;
        }
    }
  else
    g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s cannot be created"), destination);
  /* Closing the copy's last connection removes its -wal and -shm. */
  sqlite3_close_v2 (copy);

  if (ok)
    ok = jd_output_commit (g_steal_pointer (&output), error);
  else
    jd_output_abort (g_steal_pointer (&output));
  if (progress && ok)
    progress (1.0, user_data);
  return ok;
}

/* SQLite's own integrity_check: an empty array when the file is sound. */
GPtrArray *
jd_ledger_integrity_check (JdLedger *self, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (self), NULL);
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      jd_ledger_set_error (self, error);
      return NULL;
    }
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *)sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (problems, g_strdup (line));
    }
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (self, error);
      g_clear_pointer (&problems, g_ptr_array_unref);
    }
  sqlite3_finalize (stmt);
  return problems;
}
