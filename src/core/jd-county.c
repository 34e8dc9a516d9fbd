/* jd-county.c: a county's ledger of its townships' packages (docs/contract.md §9)
 *
 * The county file lists the townships and what it holds of each (the
 * packages received, the persons registered twice); adding a package is
 * jd-county-add.c, the county's figures jd-county-figures.c.
 */
#include "config.h"

#include "jd-county-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "jd-error.h"
#include "jd-ledger-private.h"
#include "jd-output.h"
#include "jd-package.h"
#include "jd-readiness.h"
#include "jd-store.h"
#include "jd-work-due.h"

struct _JdCounty
{
  GObject parent_instance;
  char *path;
  char *folder;
  char *name;
  sqlite3 *db;
};

G_DEFINE_FINAL_TYPE (JdCounty, jd_county, G_TYPE_OBJECT)

static const char schema[]
    = "CREATE TABLE county ("
      "  id INTEGER PRIMARY KEY CHECK (id = 1),"
      "  name TEXT NOT NULL CHECK (name <> ''));"
      "CREATE TABLE township ("
      "  id INTEGER PRIMARY KEY,"
      "  name TEXT NOT NULL UNIQUE,"
      "  county TEXT,"
      "  public_key BLOB NOT NULL CHECK (length (public_key) = 32),"
      "  fingerprint TEXT NOT NULL,"
      "  as_of TEXT NOT NULL,"
      "  data_version INTEGER NOT NULL,"
      "  sha256 TEXT NOT NULL,"
      "  snapshot TEXT NOT NULL,"
      "  persons INTEGER NOT NULL,"
      "  received_at TEXT NOT NULL);"
      /* Persons still registered in the township (not moved out), for the
       * duplicates across townships. */
      "CREATE TABLE township_person ("
      "  township_id INTEGER NOT NULL REFERENCES township (id) ON DELETE CASCADE,"
      "  id_number TEXT NOT NULL,"
      "  PRIMARY KEY (township_id, id_number)) WITHOUT ROWID;"
      "CREATE INDEX township_person_id_number ON township_person (id_number, township_id);"
      /* Every package received, for the record. */
      "CREATE TABLE receipt ("
      "  id INTEGER PRIMARY KEY,"
      "  township TEXT NOT NULL,"
      "  file TEXT NOT NULL,"
      "  as_of TEXT NOT NULL,"
      "  fingerprint TEXT NOT NULL,"
      "  received_at TEXT NOT NULL);";

static void
jd_county_finalize (GObject *object)
{
  JdCounty *self = JD_COUNTY (object);
  sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->folder);
  g_free (self->name);
  G_OBJECT_CLASS (jd_county_parent_class)->finalize (object);
}

static void
jd_county_class_init (JdCountyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jd_county_finalize;
}

static void
jd_county_init (JdCounty *self)
{
}

void
jd_county_township_free (JdCountyTownship *township)
{
  if (township == NULL)
    return;
  g_free (township->name);
  g_free (township->county);
  g_free (township->as_of);
  g_free (township->fingerprint);
  g_free (township->received_at);
  g_free (township->snapshot);
  g_free (township);
}

void
jd_county_duplicate_free (JdCountyDuplicate *duplicate)
{
  if (duplicate == NULL)
    return;
  g_free (duplicate->id_number);
  g_strfreev (duplicate->townships);
  g_free (duplicate);
}

void
jd_county_added_free (JdCountyAdded *added)
{
  if (added == NULL)
    return;
  g_free (added->township);
  g_free (added->fingerprint);
  g_free (added->as_of);
  g_free (added);
}

gboolean
jd_county_is_county (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);
  /* A ledger this process has open is a township's. */
  GStatBuf st;
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode) || jd_ledger_file_is_open_here (&st))
    return FALSE;
  /* The header is read through SQLite, never by hand: this process may have
   * the county open already, and closing a descriptor of the file would drop
   * every lock the process holds on it (docs/architecture.md, "Threads and
   * connections"); SQLite keeps one set per file. It also reads the header
   * as the write-ahead log has it, where a new county's application_id is
   * until the log is copied into the file. */
  sqlite3 *db = NULL;
  gint64 id = -1;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 1000);
      sqlite3_stmt *stmt = NULL;
      if (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL) == SQLITE_OK
          && sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }
  sqlite3_close_v2 (db);
  return id == JD_COUNTY_APPLICATION_ID;
}

static void
set_error (JdCounty *self, GError **error)
{
  jd_db_set_error (self->db, self->path, error);
}

void
jd_county_set_db_error (JdCounty *self, GError **error)
{
  set_error (self, error);
}

sqlite3 *
jd_county_get_db (JdCounty *self)
{
  return self->db;
}

static JdCounty *
new_county (const char *path, sqlite3 *db)
{
  JdCounty *self = g_object_new (JD_TYPE_COUNTY, NULL);
  self->path = g_strdup (path);
  self->folder = g_strconcat (path, ".townships", NULL);
  self->db = db;
  sqlite3_busy_timeout (db, 10000);
  sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  return self;
}

JdCounty *
jd_county_create (const char *path, const char *name, GError **error)
{
  g_return_val_if_fail (path != NULL && name != NULL, NULL);
  g_autofree char *problem = jd_text_problem (name, JD_TEXT_NAME);
  if (*name == '\0' || problem)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("The county’s name: %s"),
                   problem ? problem : _ ("it is empty"));
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_set_error (error, JD_ERROR, JD_ERROR_EXISTS,
                   _ ("%s already exists: choose a new file for the county ledger"), path);
      return NULL;
    }
  /* The file 0600, created here and only here (never over another). */
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      jd_output_set_errno_error (path, errno, error);
      return NULL;
    }
  close (fd);
  sqlite3 *db = NULL;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK)
    {
      jd_db_set_error (db, path, error);
      sqlite3_close_v2 (db);
      g_unlink (path);
      return NULL;
    }
  g_autoptr (JdCounty) self = new_county (path, db);
  g_autofree char *pragmas
      = g_strdup_printf ("PRAGMA journal_mode = WAL; PRAGMA application_id = %d;"
                         " PRAGMA user_version = %d;",
                         JD_COUNTY_APPLICATION_ID, JD_COUNTY_SCHEMA_VERSION);
  sqlite3_stmt *stmt = NULL;
  gboolean ok
      = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK
        && sqlite3_exec (db, schema, NULL, NULL, NULL) == SQLITE_OK
        && sqlite3_prepare_v2 (db, "INSERT INTO county (id, name) VALUES (1, ?)", -1, &stmt, NULL)
               == SQLITE_OK;
  if (ok)
    {
      jd_bind_text (stmt, 1, name);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  ok = ok && sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK
       && sqlite3_exec (db, pragmas, NULL, NULL, NULL) == SQLITE_OK;
  if (ok && g_mkdir (self->folder, 0700) != 0 && errno != EEXIST)
    {
      jd_output_set_errno_error (self->folder, errno, error);
      g_clear_object (&self);
      g_unlink (path);
      return NULL;
    }
  if (!ok)
    {
      set_error (self, error);
      g_clear_object (&self);
      g_unlink (path);
      return NULL;
    }
  self->name = g_strdup (name);
  return g_steal_pointer (&self);
}

JdCounty *
jd_county_open (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, JD_ERROR, JD_ERROR_NOT_FOUND, _ ("%s does not exist"), path);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || !jd_county_is_county (path))
    {
      g_set_error (error, JD_ERROR, JD_ERROR_NOT_LEDGER,
                   _ ("%s is not a county ledger (make one with jindu county init)"), path);
      return NULL;
    }
  return jd_county_open_connection (path, TRUE, error);
}

JdCounty *
jd_county_open_connection (const char *path, gboolean writable, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  sqlite3 *db = NULL;
  int flags = (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_NOFOLLOW;
  if (sqlite3_open_v2 (path, &db, flags, NULL) != SQLITE_OK)
    {
      jd_db_set_error (db, path, error);
      sqlite3_close_v2 (db);
      return NULL;
    }
  g_autoptr (JdCounty) self = new_county (path, db);
  sqlite3_stmt *stmt = NULL;
  int version = -1;
  if (sqlite3_prepare_v2 (db,
                          "SELECT (SELECT user_version FROM pragma_user_version), name"
                          " FROM county WHERE id = 1",
                          -1, &stmt, NULL)
          == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    {
      version = sqlite3_column_int (stmt, 0);
      self->name = jd_column_dup (stmt, 1);
    }
  sqlite3_finalize (stmt);
  if (self->name == NULL)
    {
      set_error (self, error);
      if (error && *error == NULL)
        g_set_error (error, JD_ERROR, JD_ERROR_DAMAGED, _ ("%s is damaged"), path);
      return NULL;
    }
  if (version > JD_COUNTY_SCHEMA_VERSION)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_TOO_NEW,
                   _ ("%s was written by a newer version of Jindu Ledger: update this one to open "
                      "it"),
                   path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

const char *
jd_county_get_path (JdCounty *self)
{
  return self->path;
}

const char *
jd_county_get_name (JdCounty *self)
{
  return self->name;
}

const char *
jd_county_get_folder (JdCounty *self)
{
  return self->folder;
}

/* ---- the townships ------------------------------------------------------------- */

#define TOWNSHIP_COLUMNS                                                                           \
  "name, county, as_of, fingerprint, received_at, data_version, persons, snapshot, public_key, id"

static JdCountyTownship *
read_township (JdCounty *self, sqlite3_stmt *stmt)
{
  JdCountyTownship *t = g_new0 (JdCountyTownship, 1);
  t->name = jd_column_dup (stmt, 0);
  t->county = jd_column_dup (stmt, 1);
  t->as_of = jd_column_dup (stmt, 2);
  t->fingerprint = jd_column_dup (stmt, 3);
  t->received_at = jd_column_dup (stmt, 4);
  t->data_version = sqlite3_column_int (stmt, 5);
  t->persons = sqlite3_column_int64 (stmt, 6);
  t->snapshot = g_build_filename (self->folder, (const char *)sqlite3_column_text (stmt, 7), NULL);
  return t;
}

GPtrArray *
jd_county_list (JdCounty *self, GError **error)
{
  g_return_val_if_fail (JD_IS_COUNTY (self), NULL);
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (self->db, "SELECT " TOWNSHIP_COLUMNS " FROM township ORDER BY name", -1,
                          &stmt, NULL)
      != SQLITE_OK)
    {
      set_error (self, error);
      return NULL;
    }
  g_autoptr (GPtrArray) list
      = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_county_township_free);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_township (self, stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

GPtrArray *
jd_county_townships (JdCounty *self, const char *township, GError **error)
{
  if (township == NULL)
    return jd_county_list (self, error);
  JdCountyTownship *t = jd_county_find (self, township, error);
  if (t == NULL)
    return NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_county_township_free);
  g_ptr_array_add (list, t);
  return list;
}

JdCountyTownship *
jd_county_find (JdCounty *self, const char *name, GError **error)
{
  g_return_val_if_fail (JD_IS_COUNTY (self), NULL);
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (self->db, "SELECT " TOWNSHIP_COLUMNS " FROM township WHERE name = ?", -1,
                          &stmt, NULL)
      != SQLITE_OK)
    {
      set_error (self, error);
      return NULL;
    }
  jd_bind_text (stmt, 1, name);
  JdCountyTownship *t = NULL;
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    t = read_township (self, stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    set_error (self, error);
  else if (t == NULL)
    g_set_error (error, JD_ERROR, JD_ERROR_NOT_FOUND,
                 _ ("The county ledger %s has no township “%s”"), self->path, name);
  return t;
}

GPtrArray *
jd_county_duplicates (JdCounty *self, GError **error)
{
  g_return_val_if_fail (JD_IS_COUNTY (self), NULL);
  sqlite3_stmt *stmt = NULL;
  /* The index on (id_number, township_id) gives the groups in order without
   * sorting 100,000 rows; only the groups of two or more are joined to names. */
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT d.id_number, t.name FROM"
                          " (SELECT id_number FROM township_person GROUP BY id_number"
                          "  HAVING count (*) > 1) AS d"
                          " JOIN township_person AS p ON p.id_number = d.id_number"
                          " JOIN township AS t ON t.id = p.township_id"
                          " ORDER BY d.id_number, t.name",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      set_error (self, error);
      return NULL;
    }
  g_autoptr (GPtrArray) list
      = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_county_duplicate_free);
  g_autoptr (GStrvBuilder) names = NULL;
  g_autofree char *current = NULL;
  int rc;
  while (TRUE)
    {
      rc = sqlite3_step (stmt);
      const char *id_number = rc == SQLITE_ROW ? (const char *)sqlite3_column_text (stmt, 0) : NULL;
      if (current && g_strcmp0 (current, id_number) != 0)
        {
          JdCountyDuplicate *d = g_new0 (JdCountyDuplicate, 1);
          d->id_number = g_steal_pointer (&current);
          d->townships = g_strv_builder_end (names);
          g_clear_pointer (&names, g_strv_builder_unref);
          g_ptr_array_add (list, d);
        }
      if (rc != SQLITE_ROW)
        break;
      if (current == NULL)
        {
          current = g_strdup (id_number);
          names = g_strv_builder_new ();
        }
      g_strv_builder_add (names, (const char *)sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

JdLedger *
jd_county_open_township (JdCounty *self, const JdCountyTownship *township, GError **error)
{
  g_return_val_if_fail (JD_IS_COUNTY (self), NULL);
  return jd_ledger_open (township->snapshot, error);
}

gboolean
jd_county_foreach (JdCounty *self,
                   const char *township,
                   JdCountyTownshipFunc func,
                   gpointer user_data,
                   GCancellable *cancellable,
                   GError **error)
{
  g_return_val_if_fail (JD_IS_COUNTY (self), FALSE);
  g_autoptr (GPtrArray) list = jd_county_townships (self, township, error);
  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      const JdCountyTownship *t = g_ptr_array_index (list, i);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_autoptr (JdLedger) ledger = jd_county_open_township (self, t, error);
      if (ledger == NULL || !func (t, ledger, user_data, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- the packages received ------------------------------------------------------- */

void
jd_county_receipt_free (JdCountyReceipt *receipt)
{
  if (receipt == NULL)
    return;
  g_free (receipt->township);
  g_free (receipt->file);
  g_free (receipt->as_of);
  g_free (receipt->fingerprint);
  g_free (receipt->received_at);
  g_free (receipt);
}

GPtrArray *
jd_county_receipts (JdCounty *self, GError **error)
{
  g_return_val_if_fail (JD_IS_COUNTY (self), NULL);
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT township, file, as_of, fingerprint, received_at FROM receipt"
                          " ORDER BY received_at DESC, id DESC",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      set_error (self, error);
      return NULL;
    }
  g_autoptr (GPtrArray) list
      = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_county_receipt_free);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdCountyReceipt *r = g_new0 (JdCountyReceipt, 1);
      r->township = jd_column_dup (stmt, 0);
      r->file = jd_column_dup (stmt, 1);
      r->as_of = jd_column_dup (stmt, 2);
      r->fingerprint = jd_column_dup (stmt, 3);
      r->received_at = jd_column_dup (stmt, 4);
      g_ptr_array_add (list, r);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}
