/* jd-ledger-errors.c: the error a failed statement gives, in JD_ERROR: one
 * message for a damaged page, a full disk, a lock or a read-only file, wherever a
 * statement meets it
 */
#include "config.h"

#include "jd-ledger-object.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "jd-error.h"

static int
error_code_for (int sqlite_code)
{
  switch (sqlite_code & 0xff)
    {
      case SQLITE_CONSTRAINT:
      case SQLITE_MISMATCH:
      case SQLITE_TOOBIG:
        return JD_ERROR_INVALID;
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return JD_ERROR_BUSY;
      case SQLITE_NOTADB:
      case SQLITE_CORRUPT:
        return JD_ERROR_DAMAGED;
      default:
        return JD_ERROR_IO;
    }
}

void
jd_db_set_read_only_error (const char *path, GError **error)
{
  g_set_error (error, JD_ERROR, JD_ERROR_IO,
               _ ("%s cannot be written: the file or its folder is read-only."), path);
}

static void
set_disk_full_error (const char *path, GError **error)
{
  g_set_error (error, JD_ERROR, JD_ERROR_IO,
               _ ("The disk holding %s is full: nothing was saved. Free some space and try again."),
               path);
}

G_LOCK_DEFINE_STATIC (damage_func);
static JdDamageFunc damage_func;

void
jd_ledger_set_damage_func (JdDamageFunc func)
{
  G_LOCK (damage_func);
  damage_func = func;
  G_UNLOCK (damage_func);
}

/* The one message for a page SQLite cannot read, wherever a statement meets it:
 * a command stops there rather than go on with part of the data. */
static void
set_damaged_error (const char *path, GError **error)
{
  GError *damaged
      = g_error_new (JD_ERROR, JD_ERROR_DAMAGED,
                     _ ("%s is damaged: part of the file cannot be read, so nothing was done. "
                        "Restore the latest backup; “jindu check” lists the damage."),
                     path);
  G_LOCK (damage_func);
  JdDamageFunc func = damage_func;
  G_UNLOCK (damage_func);
  if (func)
    func (path, damaged);
  g_propagate_error (error, damaged);
}

static void
set_sqlite_error (sqlite3 *db, const char *path, GError **error)
{
  int code = sqlite3_extended_errcode (db);
  const char *message = sqlite3_errmsg (db);
  int system_errno = sqlite3_system_errno (db);

  /* SQLite says SQLITE_FULL only when a write to the database or its log
   * fails; a full disk met while it makes the shared-memory file (-shm) on
   * opening is an I/O error whose system error says so. */
  if ((code & 0xff) == SQLITE_IOERR && (system_errno == ENOSPC || system_errno == EDQUOT))
    code = SQLITE_FULL;

  switch (code & 0xff)
    {
      case SQLITE_FULL:
        set_disk_full_error (path, error);
        break;
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        set_damaged_error (path, error);
        break;
      case SQLITE_READONLY:
        jd_db_set_read_only_error (path, error);
        break;
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        g_set_error (error, JD_ERROR, JD_ERROR_BUSY,
                     _ ("%s is locked by another program; close it and try again."), path);
        break;
      case SQLITE_CONSTRAINT:
        if (strstr (message, "jd:append_only"))
          g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                       _ ("The audit log cannot be changed: its entries are kept as written"));
        else if (strstr (message, "jd:span_overlap"))
          g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                       _ ("A person’s status periods would overlap"));
        else
          g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                       _ ("The data breaks a rule of the ledger (%s)"), message);
        break;
      default:
        g_set_error (error, JD_ERROR, error_code_for (code), "%s: %s", path, message);
        break;
    }
}

void
jd_db_set_error (sqlite3 *db, const char *path, GError **error)
{
  set_sqlite_error (db, path, error);
}

gboolean
jd_db_exec (sqlite3 *db, const char *path, const char *sql, GError **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      jd_db_set_error (db, path, error);
      return FALSE;
    }
  return TRUE;
}
