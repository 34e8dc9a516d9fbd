/* jd-county-audit.c: what leaves a county ledger, on record (docs/contract.md §9)
 *
 * The county ledger's own connection belongs to jd-county.c; this file opens
 * one of its own for the moment it writes, so the county's reading code stays
 * read-only. The table is made on first use, like a township's package_key
 * (docs/packages.md), and refuses updates and deletions.
 */
#include "config.h"

#include "jd-county-audit.h"

#include <sqlite3.h>

#include "jd-error.h"
#include "jd-ledger-private.h"

static const char schema[]
    = "CREATE TABLE IF NOT EXISTS output_event ("
      "  id INTEGER PRIMARY KEY,"
      "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),"
      "  os_user TEXT,"
      "  kind TEXT NOT NULL CHECK (kind = 'export'),"
      "  file TEXT NOT NULL,"
      "  masked INTEGER NOT NULL CHECK (masked = 0 OR masked = 1),"
      "  details TEXT CHECK (details IS NULL OR json_valid (details)));"
      "CREATE TRIGGER IF NOT EXISTS output_event_no_update BEFORE UPDATE ON output_event BEGIN"
      "  SELECT RAISE (ABORT, 'jd:append_only: the audit log cannot be changed');"
      " END;"
      "CREATE TRIGGER IF NOT EXISTS output_event_no_delete BEFORE DELETE ON output_event BEGIN"
      "  SELECT RAISE (ABORT, 'jd:append_only: the audit log cannot be changed');"
      " END;";

static sqlite3 *
open_county (JdCounty *county, GError **error)
{
  const char *path = jd_county_get_path (county);
  sqlite3 *db = NULL;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK)
    {
      jd_db_set_error (db, path, error);
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 10000);
  return db;
}

gboolean
jd_county_log_output (
    JdCounty *county, const char *path, const char *details_json, gboolean masked, GError **error)
{
  g_return_val_if_fail (JD_IS_COUNTY (county), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  sqlite3 *db = open_county (county, error);
  if (db == NULL)
    return FALSE;
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK
                && sqlite3_exec (db, schema, NULL, NULL, NULL) == SQLITE_OK
                && sqlite3_prepare_v2 (db,
                                       "INSERT INTO output_event (os_user, kind, file, masked,"
                                       " details) VALUES (?, 'export', ?, ?, ?)",
                                       -1, &stmt, NULL)
                       == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, g_get_user_name (), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, absolute, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, masked ? 1 : 0);
      sqlite3_bind_text (stmt, 4, details_json, -1, SQLITE_TRANSIENT);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  ok = ok && sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
  if (!ok)
    {
      jd_db_set_error (db, jd_county_get_path (county), error);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }
  sqlite3_close_v2 (db);
  return ok;
}
