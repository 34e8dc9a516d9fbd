/* jd-county-add.c: adding a township's package to a county ledger (docs/packages.md)
 *
 * The snapshots are files in COUNTY.db.townships/ named by a random UUID, so a
 * new package is written whole under a new name before the county's row
 * points to it, and the old snapshot is removed only after that row is
 * committed: a refused or interrupted add leaves the county as it was.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "jd-county-private.h"
#include "jd-error.h"
#include "jd-ledger-private.h"
#include "jd-output.h"
#include "jd-package.h"
#include "jd-store.h"

typedef struct
{
  JdOutput *output;
  goffset done, total;
  JdProgressFunc progress;
  gpointer user_data;
  GCancellable *cancellable;
} Receiving;

static gboolean
write_payload_cb (const void *data, gsize size, gpointer user_data, GError **error)
{
  Receiving *r = user_data;
  if (g_cancellable_set_error_if_cancelled (r->cancellable, error))
    return FALSE;
  r->done += size;
  if (r->progress && r->total > 0)
    r->progress (MIN (0.9, 0.9 * r->done / r->total), r->user_data);
  return jd_output_write (r->output, data, size, error);
}

typedef struct
{
  gint64 id;
  guint8 public_key[JD_PACKAGE_PUBLIC_KEY_BYTES];
  char *fingerprint;
  char *as_of;
  char *snapshot;
} Held;

static void
held_clear (Held *held)
{
  g_free (held->fingerprint);
  g_free (held->as_of);
  g_free (held->snapshot);
}

static gboolean
find_held (JdCounty *self, const char *name, Held *held, gboolean *found, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  *found = FALSE;
  if (sqlite3_prepare_v2 (jd_county_get_db (self),
                          "SELECT id, public_key, fingerprint, as_of, snapshot FROM township"
                          " WHERE name = ?",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      jd_county_set_db_error (self, error);
      return FALSE;
    }
  jd_bind_text (stmt, 1, name);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 1) == JD_PACKAGE_PUBLIC_KEY_BYTES)
    {
      held->id = sqlite3_column_int64 (stmt, 0);
      memcpy (held->public_key, sqlite3_column_blob (stmt, 1), JD_PACKAGE_PUBLIC_KEY_BYTES);
      held->fingerprint = jd_column_dup (stmt, 2);
      held->as_of = jd_column_dup (stmt, 3);
      held->snapshot = jd_column_dup (stmt, 4);
      *found = TRUE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      jd_county_set_db_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* The rules of docs/packages.md "The county ledger", 2–5, on a package's
 * manifest; held gets the package the county holds of its township (found). */
static gboolean
check_manifest (JdCounty *self,
                const char *path,
                const JdPackageManifest *m,
                const char *trusted_fingerprint,
                Held *held,
                gboolean *found,
                GError **error)
{
  if (!g_str_equal (m->kind, "township"))
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s is a transfer of one person, not a township’s package: the receiving "
                      "township imports it (jindu import … transfer)"),
                   path);
      return FALSE;
    }
  if (m->data_version > JD_SCHEMA_VERSION)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s comes from a newer version of Jindu Ledger (data version %d; this one "
                      "reads up to %d): update the county’s Jindu Ledger to add it"),
                   path, m->data_version, JD_SCHEMA_VERSION);
      return FALSE;
    }
  if (!find_held (self, m->township, held, found, error))
    return FALSE;
  if (*found && memcmp (held->public_key, m->public_key, JD_PACKAGE_PUBLIC_KEY_BYTES) != 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s is signed by another key (fingerprint %s) than the one the county "
                      "trusts for %s (fingerprint %s): it was refused"),
                   path, m->fingerprint, m->township, held->fingerprint);
      return FALSE;
    }
  if (!*found && trusted_fingerprint && g_strcmp0 (trusted_fingerprint, m->fingerprint) != 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s is signed by the key %s, not by the key %s that was confirmed for %s: "
                      "it was refused"),
                   path, m->fingerprint, trusted_fingerprint, m->township);
      return FALSE;
    }
  if (*found && strcmp (m->as_of, held->as_of) <= 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s (as of %s) is not newer than the package of %s the county holds (as of "
                      "%s): it was refused"),
                   path, m->as_of, m->township, held->as_of);
      return FALSE;
    }
  return TRUE;
}

JdPackageManifest *
jd_county_check_package (JdCounty *self, const char *path, gboolean *known, GError **error)
{
  g_return_val_if_fail (JD_IS_COUNTY (self), NULL);
  g_return_val_if_fail (path != NULL && known != NULL, NULL);
  g_autoptr (JdPackageManifest) m = jd_package_read (path, NULL, NULL, error);
  if (m == NULL)
    return NULL;
  Held held = { 0 };
  gboolean ok = check_manifest (self, path, m, NULL, &held, known, error);
  held_clear (&held);
  return ok ? g_steal_pointer (&m) : NULL;
}

/* The snapshot's township name and its persons still registered (ID numbers). */
static GPtrArray *
read_snapshot (const char *path, const char *expected_township, GError **error)
{
  /* Opening it as a ledger checks it and brings an older version up to date. */
  g_autoptr (JdLedger) ledger = jd_ledger_open (path, error);
  if (ledger == NULL)
    return NULL;
  g_autofree char *name = jd_ledger_dup_township (ledger);
  if (g_strcmp0 (name, expected_township) != 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("The ledger in the package is of “%s”, not of “%s” as its manifest says"),
                   name ? name : "", expected_township);
      return NULL;
    }
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "SELECT id_number FROM person AS p WHERE NOT EXISTS (SELECT 1 FROM status_span AS s"
      " WHERE s.person_id = p.id AND s.ended_on IS NULL AND s.status = 'moved_out')",
      error);
  if (stmt == NULL)
    return NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, jd_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      g_ptr_array_unref (ids);
      return NULL;
    }
  return ids;
}

static void
remove_snapshot (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
}

static gboolean
record (JdCounty *self,
        const JdPackageManifest *m,
        const char *package_path,
        const char *snapshot_name,
        gint64 held_id,
        GPtrArray *ids,
        const char *now,
        const char *held_as_of,
        GError **error)
{
  gboolean raced = FALSE;
  sqlite3 *db = jd_county_get_db (self);
  sqlite3_stmt *stmt = NULL;
  gint64 id = held_id;
  gboolean ok = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
  if (ok)
    {
      ok = sqlite3_prepare_v2 (
               db,
               held_id ? "UPDATE township SET county = ?2, public_key = ?3, fingerprint = ?4,"
                         " as_of = ?5, data_version = ?6, sha256 = ?7, snapshot = ?8, persons = ?9,"
                         " received_at = ?10 WHERE id = ?11 AND as_of = ?12 AND public_key = ?3"
                       : "INSERT INTO township (name, county, public_key, fingerprint, as_of,"
                         " data_version, sha256, snapshot, persons, received_at)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
               -1, &stmt, NULL)
           == SQLITE_OK;
      if (ok)
        {
          if (!held_id)
            jd_bind_text (stmt, 1, m->township);
          jd_bind_text (stmt, 2, m->county);
          sqlite3_bind_blob (stmt, 3, m->public_key, JD_PACKAGE_PUBLIC_KEY_BYTES, SQLITE_TRANSIENT);
          jd_bind_text (stmt, 4, m->fingerprint);
          jd_bind_text (stmt, 5, m->as_of);
          sqlite3_bind_int (stmt, 6, m->data_version);
          jd_bind_text (stmt, 7, m->sha256);
          jd_bind_text (stmt, 8, snapshot_name);
          sqlite3_bind_int64 (stmt, 9, ids->len);
          jd_bind_text (stmt, 10, now);
          if (held_id)
            {
              sqlite3_bind_int64 (stmt, 11, held_id);
              jd_bind_text (stmt, 12, held_as_of);
            }
          ok = sqlite3_step (stmt) == SQLITE_DONE;
          /* Another add of the same township got in first: this one is no
           * longer newer than the package held (or its key not the one). */
          if ((ok && held_id && sqlite3_changes (db) != 1)
              || (!ok && !held_id && sqlite3_extended_errcode (db) == SQLITE_CONSTRAINT_UNIQUE))
            {
              raced = TRUE;
              ok = FALSE;
            }
        }
      sqlite3_finalize (stmt);
      stmt = NULL;
      if (ok && !held_id)
        id = sqlite3_last_insert_rowid (db);
    }
  if (ok && held_id)
    {
      ok = sqlite3_prepare_v2 (db, "DELETE FROM township_person WHERE township_id = ?", -1, &stmt,
                               NULL)
           == SQLITE_OK;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          ok = sqlite3_step (stmt) == SQLITE_DONE;
        }
      sqlite3_finalize (stmt);
      stmt = NULL;
    }
  if (ok)
    ok = sqlite3_prepare_v2 (db,
                             "INSERT OR IGNORE INTO township_person (township_id, id_number)"
                             " VALUES (?, ?)",
                             -1, &stmt, NULL)
         == SQLITE_OK;
  for (guint i = 0; ok && i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      jd_bind_text (stmt, 2, g_ptr_array_index (ids, i));
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (ok)
    ok = sqlite3_prepare_v2 (db,
                             "INSERT INTO receipt (township, file, as_of, fingerprint, received_at)"
                             " VALUES (?, ?, ?, ?, ?)",
                             -1, &stmt, NULL)
         == SQLITE_OK;
  if (ok)
    {
      g_autofree char *base = g_path_get_basename (package_path);
      jd_bind_text (stmt, 1, m->township);
      jd_bind_text (stmt, 2, base);
      jd_bind_text (stmt, 3, m->as_of);
      jd_bind_text (stmt, 4, m->fingerprint);
      jd_bind_text (stmt, 5, now);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  if (ok)
    ok = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
  if (!ok)
    {
      if (raced)
        g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                     _ ("%s was refused: another package of %s was added meanwhile"), package_path,
                     m->township);
      else
        jd_county_set_db_error (self, error);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }
  return ok;
}

JdCountyAdded *
jd_county_add (JdCounty *self,
               const char *path,
               JdProgressFunc progress,
               gpointer user_data,
               GCancellable *cancellable,
               GError **error)
{
  return jd_county_add_trusting (self, path, NULL, progress, user_data, cancellable, error);
}

JdCountyAdded *
jd_county_add_trusting (JdCounty *self,
                        const char *path,
                        const char *trusted_fingerprint,
                        JdProgressFunc progress,
                        gpointer user_data,
                        GCancellable *cancellable,
                        GError **error)
{
  g_return_val_if_fail (JD_IS_COUNTY (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (g_mkdir (jd_county_get_folder (self), 0700) != 0 && errno != EEXIST)
    {
      jd_output_set_errno_error (jd_county_get_folder (self), errno, error);
      return NULL;
    }
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *snapshot_name = g_strconcat (uuid, ".db", NULL);
  g_autofree char *snapshot = g_build_filename (jd_county_get_folder (self), snapshot_name, NULL);
  JdOutput *output = jd_output_new (snapshot, jd_county_get_path (self), JD_OUTPUT_NONE, error);
  if (output == NULL)
    return NULL;
  GError *local = NULL;
  GStatBuf st;
  Receiving receiving
      = { output, 0, g_stat (path, &st) == 0 ? st.st_size : 0, progress, user_data, cancellable };
  g_autoptr (JdPackageManifest) m = jd_package_read (path, write_payload_cb, &receiving, &local);
  if (m == NULL)
    {
      jd_output_abort (output);
      g_propagate_error (error, local);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      jd_output_abort (output);
      return NULL;
    }
  Held held = { 0 };
  gboolean found = FALSE;
  if (!check_manifest (self, path, m, trusted_fingerprint, &held, &found, error))
    {
      jd_output_abort (output);
      held_clear (&held);
      return NULL;
    }

  /* The snapshot in place under its own new name, then read. */
  if (!jd_output_commit (output, error))
    {
      held_clear (&held);
      return NULL;
    }
  g_autoptr (GError) snapshot_error = NULL;
  g_autoptr (GPtrArray) ids = read_snapshot (snapshot, m->township, &snapshot_error);
  g_autofree char *now = jd_package_now ();
  if (ids == NULL)
    {
      remove_snapshot (snapshot);
      held_clear (&held);
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("%s cannot be added: %s"), path,
                   snapshot_error->message);
      return NULL;
    }
  if (!record (self, m, path, snapshot_name, held.id, ids, now, held.as_of, error))
    {
      remove_snapshot (snapshot);
      held_clear (&held);
      return NULL;
    }
  if (found)
    {
      g_autofree char *old = g_build_filename (jd_county_get_folder (self), held.snapshot, NULL);
      remove_snapshot (old);
    }
  held_clear (&held);

  if (progress)
    progress (1.0, user_data);
  JdCountyAdded *added = g_new0 (JdCountyAdded, 1);
  added->township = g_strdup (m->township);
  added->fingerprint = g_strdup (m->fingerprint);
  added->as_of = g_strdup (m->as_of);
  added->first = !found;
  added->persons = ids->len;
  return added;
}
