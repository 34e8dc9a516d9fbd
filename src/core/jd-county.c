/* jd-county.c: a county's ledger of its townships' packages (docs/contract.md §9)
 *
 * The county file lists the townships and what it holds of each; the
 * snapshots are files in COUNTY.db.townships/ named by a random UUID, so a new
 * package is written whole under a new name before the county's row points to
 * it, and the old snapshot is removed only after that row is committed: a
 * refused or interrupted add leaves the county as it was.
 */
#include "config.h"

#include "jd-county.h"

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
  guint8 header[100];
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0);
  if (fd < 0)
    return FALSE;
  struct stat st;
  gboolean regular = fstat (fd, &st) == 0 && S_ISREG (st.st_mode);
  ssize_t n = regular ? read (fd, header, sizeof header) : -1;
  close (fd);
  if (n < (ssize_t)sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    return FALSE;
  guint32 id = ((guint32)header[68] << 24) | ((guint32)header[69] << 16)
               | ((guint32)header[70] << 8) | header[71];
  return id == JD_COUNTY_APPLICATION_ID;
}

static void
set_error (JdCounty *self, GError **error)
{
  jd_db_set_error (self->db, self->path, error);
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
  sqlite3 *db = NULL;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK)
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
  g_autoptr (GPtrArray) list = NULL;
  if (township)
    {
      JdCountyTownship *t = jd_county_find (self, township, error);
      if (t == NULL)
        return FALSE;
      list = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_county_township_free);
      g_ptr_array_add (list, t);
    }
  else if ((list = jd_county_list (self, error)) == NULL)
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

/* ---- indicators ---------------------------------------------------------------- */

typedef struct
{
  JdCounty *county;
  const JdCountyTownship *township;
  int first, last;
  JdDay as_of;
  JdIndicators *result;
  GError *error;
} IndicatorsTask;

static void
compute_township (gpointer data, gpointer user_data)
{
  IndicatorsTask *task = data;
  g_autoptr (JdLedger) ledger
      = jd_county_open_township (task->county, task->township, &task->error);
  if (ledger)
    task->result
        = jd_indicators_compute (ledger, task->first, task->last, task->as_of, &task->error);
}

JdIndicators *
jd_county_indicators (JdCounty *self,
                      const char *township,
                      int first_year,
                      int last_year,
                      JdDay as_of,
                      JdProgressFunc progress,
                      gpointer user_data,
                      GCancellable *cancellable,
                      GError **error)
{
  g_return_val_if_fail (JD_IS_COUNTY (self), NULL);
  if (first_year > last_year)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("%d–%d is not a range of years"),
                   first_year, last_year);
      return NULL;
    }
  g_autoptr (GPtrArray) list = NULL;
  if (township)
    {
      JdCountyTownship *t = jd_county_find (self, township, error);
      if (t == NULL)
        return NULL;
      list = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_county_township_free);
      g_ptr_array_add (list, t);
    }
  else if ((list = jd_county_list (self, error)) == NULL)
    return NULL;

  /* Each township on its own connection, as many at once as there are
   * processors: the townships share nothing. */
  guint n = list->len;
  g_autofree IndicatorsTask *tasks = g_new0 (IndicatorsTask, n);
  GThreadPool *pool = g_thread_pool_new (compute_township, NULL,
                                         CLAMP (g_get_num_processors (), 1, 8), FALSE, NULL);
  for (guint i = 0; i < n; i++)
    {
      tasks[i]
          = (IndicatorsTask){ self, g_ptr_array_index (list, i), first_year, last_year, as_of, NULL,
                              NULL };
      if (!g_cancellable_is_cancelled (cancellable))
        g_thread_pool_push (pool, &tasks[i], NULL);
    }
  g_thread_pool_free (pool, FALSE, TRUE);
  if (progress)
    progress (1.0, user_data);

  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_object_unref);
  GError *first_error = NULL;
  for (guint i = 0; i < n; i++)
    {
      if (tasks[i].result)
        g_ptr_array_add (parts, tasks[i].result);
      if (tasks[i].error && first_error == NULL)
        first_error = g_steal_pointer (&tasks[i].error);
      g_clear_error (&tasks[i].error);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_clear_error (&first_error);
      return NULL;
    }
  if (first_error)
    {
      g_propagate_error (error, first_error);
      return NULL;
    }
  JdIndicators *sum = jd_indicators_new_sum ((JdIndicators *const *)parts->pdata, parts->len,
                                             first_year, last_year);
  /* A county with no package yet still has its last year's D. */
  if (parts->len == 0 && as_of)
    ((JdIndicatorValues *)jd_indicators_get_township (sum, sum ? last_year - first_year : 0))->as_of
        = as_of;
  return sum;
}

/* ---- adding a package ---------------------------------------------------------- */

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
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT id, public_key, fingerprint, as_of, snapshot FROM township"
                          " WHERE name = ?",
                          -1, &stmt, NULL)
      != SQLITE_OK)
    {
      set_error (self, error);
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
      set_error (self, error);
      return FALSE;
    }
  return TRUE;
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
  sqlite3 *db = self->db;
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
        set_error (self, error);
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
  g_return_val_if_fail (JD_IS_COUNTY (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (g_mkdir (self->folder, 0700) != 0 && errno != EEXIST)
    {
      jd_output_set_errno_error (self->folder, errno, error);
      return NULL;
    }
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *snapshot_name = g_strconcat (uuid, ".db", NULL);
  g_autofree char *snapshot = g_build_filename (self->folder, snapshot_name, NULL);
  JdOutput *output = jd_output_new (snapshot, self->path, JD_OUTPUT_NONE, error);
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
  if (!g_str_equal (m->kind, "township"))
    {
      jd_output_abort (output);
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s is a transfer of one person, not a township’s package: the receiving "
                      "township imports it (jindu import … transfer)"),
                   path);
      return NULL;
    }
  if (m->data_version > JD_SCHEMA_VERSION)
    {
      jd_output_abort (output);
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s comes from a newer version of Jindu Ledger (data version %d; this one "
                      "reads up to %d): update the county’s Jindu Ledger to add it"),
                   path, m->data_version, JD_SCHEMA_VERSION);
      return NULL;
    }

  Held held = { 0 };
  gboolean found = FALSE;
  if (!find_held (self, m->township, &held, &found, error))
    {
      jd_output_abort (output);
      return NULL;
    }
  if (found && memcmp (held.public_key, m->public_key, JD_PACKAGE_PUBLIC_KEY_BYTES) != 0)
    {
      jd_output_abort (output);
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s is signed by another key (fingerprint %s) than the one the county "
                      "trusts for %s (fingerprint %s): it was refused"),
                   path, m->fingerprint, m->township, held.fingerprint);
      held_clear (&held);
      return NULL;
    }
  if (found && strcmp (m->as_of, held.as_of) <= 0)
    {
      jd_output_abort (output);
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s (as of %s) is not newer than the package of %s the county holds (as of "
                      "%s): it was refused"),
                   path, m->as_of, m->township, held.as_of);
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
      g_autofree char *old = g_build_filename (self->folder, held.snapshot, NULL);
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

/* ---- readiness and work due ---------------------------------------------------- */

typedef struct
{
  int year;
  JdDay as_of;
  const JdWorkDueOptions *options;
  GPtrArray *results;
  GPtrArray *townships;
} ListJob;

static gboolean
readiness_township_cb (const JdCountyTownship *township,
                       JdLedger *ledger,
                       gpointer user_data,
                       GError **error)
{
  ListJob *job = user_data;
  g_autoptr (GPtrArray) villages = jd_readiness_compute (ledger, job->year, job->as_of, 0, error);
  if (villages == NULL)
    return FALSE;
  g_ptr_array_set_free_func (villages, NULL);
  for (guint v = 0; v < villages->len; v++)
    {
      g_ptr_array_add (job->results, g_ptr_array_index (villages, v));
      g_ptr_array_add (job->townships, g_strdup (township->name));
    }
  return TRUE;
}

GPtrArray *
jd_county_readiness (JdCounty *self,
                     const char *township,
                     int year,
                     JdDay as_of,
                     GPtrArray **townships,
                     GCancellable *cancellable,
                     GError **error)
{
  g_return_val_if_fail (JD_IS_COUNTY (self), NULL);
  g_autoptr (GPtrArray) results
      = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_village_readiness_free);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  ListJob job = { .year = year, .as_of = as_of, .results = results, .townships = names };
  if (!jd_county_foreach (self, township, readiness_township_cb, &job, cancellable, error))
    return NULL;
  if (townships)
    *townships = g_steal_pointer (&names);
  return g_steal_pointer (&results);
}

typedef struct
{
  JdWorkItem *item;
  char *township;
} CountyItem;

static gboolean
work_due_township_cb (const JdCountyTownship *township,
                      JdLedger *ledger,
                      gpointer user_data,
                      GError **error)
{
  ListJob *job = user_data;
  g_autoptr (GPtrArray) items = jd_work_due_list (ledger, job->options, error);
  if (items == NULL)
    return FALSE;
  g_ptr_array_set_free_func (items, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      CountyItem *pair = g_new (CountyItem, 1);
      pair->item = g_ptr_array_index (items, i);
      pair->township = g_strdup (township->name);
      g_ptr_array_add (job->results, pair);
    }
  return TRUE;
}

static int
compare_items (gconstpointer a, gconstpointer b)
{
  const CountyItem *x = *(CountyItem *const *)a, *y = *(CountyItem *const *)b;
  if (x->item->overdue_days != y->item->overdue_days)
    return x->item->overdue_days > y->item->overdue_days ? -1 : 1;
  if (x->item->due_on != y->item->due_on)
    return x->item->due_on < y->item->due_on ? -1 : 1;
  return 0;
}

static void
county_item_free (CountyItem *pair)
{
  if (pair->item)
    jd_work_item_free (pair->item);
  g_free (pair->township);
  g_free (pair);
}

GPtrArray *
jd_county_work_due (JdCounty *self,
                    const char *township,
                    const JdWorkDueOptions *options,
                    GPtrArray **townships,
                    GCancellable *cancellable,
                    GError **error)
{
  g_return_val_if_fail (JD_IS_COUNTY (self), NULL);
  g_autoptr (GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify)county_item_free);
  ListJob job = { .options = options, .results = pairs };
  if (!jd_county_foreach (self, township, work_due_township_cb, &job, cancellable, error))
    return NULL;
  /* Most overdue first across the county; g_ptr_array_sort is stable, so
   * each township's own order stays within a tie. */
  g_ptr_array_sort (pairs, compare_items);
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_work_item_free);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < pairs->len; i++)
    {
      CountyItem *pair = g_ptr_array_index (pairs, i);
      g_ptr_array_add (items, g_steal_pointer (&pair->item));
      g_ptr_array_add (names, g_steal_pointer (&pair->township));
    }
  if (townships)
    *townships = names;
  else
    g_ptr_array_unref (names);
  return items;
}
