/* jd-backups.c: a ledger's backups: made daily and on demand, kept N, restored */
#include "config.h"

#include "jd-backups.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "jd-error.h"
#include "jd-ledger-private.h"

#define SUFFIX ".db"
/* 2025-06-30_083000.db */
#define NAME_LENGTH (17 + sizeof SUFFIX - 1)

void
jd_backup_free (JdBackup *backup)
{
  if (backup == NULL)
    return;
  g_free (backup->path);
  g_free (backup->made);
  g_free (backup);
}

/* One folder per ledger: its name and a hash of its full path, so two ledgers
 * called ledger.db in different folders keep their backups apart. */
char *
jd_backups_folder (const char *ledger_path)
{
  g_autoptr (GFile) file = g_file_new_for_path (ledger_path);
  g_autofree char *absolute = g_file_get_path (file);
  g_autofree char *base = g_path_get_basename (absolute);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
  g_autofree char *name = g_strdup_printf ("%s-%.8s", base, hash);

  return g_build_filename (g_get_user_data_dir (), "jindu", "backups", name, NULL);
}

static gboolean
is_backup_name (const char *name)
{
  return strlen (name) == NAME_LENGTH && g_str_has_suffix (name, SUFFIX)
         && g_ascii_isdigit (name[0]) && name[10] == '_';
}

static int
newest_first (gconstpointer a, gconstpointer b)
{
  return -g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

/* The backup file names, newest first (the names sort by time). */
static GPtrArray *
list_names (const char *folder)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (is_backup_name (name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, newest_first);
  return names;
}

static gboolean
make_folder (const char *folder, GError **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s cannot be created: %s"), folder,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* A new backup's name in folder (made if need be), by the time it is made: two
 * in one second, the second waits its turn rather than replace the first. */
static char *
new_backup_path (const char *ledger_path, GError **error)
{
  g_autofree char *folder = jd_backups_folder (ledger_path);
  if (!make_folder (folder, error))
    return NULL;
  char *path = NULL;
  for (int i = 0; i < 3; i++)
    {
      if (i > 0)
        g_usleep (G_USEC_PER_SEC);
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d_%H%M%S");
      g_free (path);
      path = g_strdup_printf ("%s/%s" SUFFIX, folder, stamp);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        break;
    }
  return path;
}

gboolean
jd_backups_make (JdLedger *ledger, char **made_path, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);

  g_autofree char *path = new_backup_path (jd_ledger_get_path (ledger), error);
  if (path == NULL)
    return FALSE;
  if (!jd_ledger_backup (ledger, path, FALSE, NULL, NULL, cancellable, error)
      || !jd_ledger_log_output (ledger, JD_OUTPUT_BACKUP, path, "{\"what\":\"backup\"}", FALSE,
                                error))
    return FALSE;
  if (made_path)
    *made_path = g_steal_pointer (&path);
  return TRUE;
}

typedef struct
{
  char *made;
  int from_version;
} BeforeMigration;

static gboolean
backup_before_migration_cb (JdLedger *ledger, int from_version, gpointer user_data, GError **error)
{
  BeforeMigration *before = user_data;
  g_autofree char *path = new_backup_path (jd_ledger_get_path (ledger), error);
  if (path == NULL || !jd_ledger_backup (ledger, path, FALSE, NULL, NULL, NULL, error))
    {
      g_prefix_error (error, _ ("The ledger was not brought up to this version, as no backup of it "
                                "could be made first: "));
      return FALSE;
    }
  before->made = g_steal_pointer (&path);
  before->from_version = from_version;
  return TRUE;
}

JdLedger *
jd_backups_open_ledger (const char *path, char **made_path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  BeforeMigration before = { NULL, 0 };
  g_autoptr (JdLedger) ledger
      = jd_ledger_open_migrating (path, backup_before_migration_cb, &before, error);
  g_autofree char *made = before.made;
  if (ledger == NULL)
    return NULL;
  /* The copy was made before the ledger had an outputs' log: it is recorded now. */
  if (made)
    {
      g_autofree char *details = g_strdup_printf (
          "{\"what\":\"backup\",\"before_migration_from\":%d}", before.from_version);
      if (!jd_ledger_log_output (ledger, JD_OUTPUT_BACKUP, made, details, FALSE, error))
        return NULL;
    }
  if (made_path)
    *made_path = g_steal_pointer (&made);
  return g_steal_pointer (&ledger);
}

gboolean
jd_backups_prune (const char *ledger_path, guint keep, GError **error)
{
  g_autofree char *folder = jd_backups_folder (ledger_path);
  g_autoptr (GPtrArray) names = list_names (folder);

  for (guint i = MAX (keep, 1); i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, names->pdata[i], NULL);
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;
          g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s cannot be deleted: %s"), path,
                       g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
jd_backups_make_daily (
    JdLedger *ledger, guint keep, gboolean *made, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);

  g_autofree char *folder = jd_backups_folder (jd_ledger_get_path (ledger));
  g_autoptr (GPtrArray) names = list_names (folder);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  if (made)
    *made = FALSE;
  /* A ledger nobody can write does not change: an earlier backup holds it. */
  if (jd_ledger_file_is_read_only (jd_ledger_get_path (ledger)))
    return TRUE;
  if (names->len > 0 && g_str_has_prefix (names->pdata[0], today))
    return TRUE;
  /* Only a backup that passed its check (jd_ledger_backup) counts and rotates
   * older ones out: a damaged ledger makes none, and every older one stays. */
  if (!jd_backups_make (ledger, NULL, cancellable, error))
    return FALSE;
  if (made)
    *made = TRUE;
  return jd_backups_prune (jd_ledger_get_path (ledger), keep, error);
}

/* ---- reading a backup ---------------------------------------------------------------------- */

static gint64
count_rows (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Opens path read-only as a ledger of this version or older; NULL when it is not one. */
static sqlite3 *
open_backup (const char *path, GError **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
      || count_rows (db, "PRAGMA application_id") != JD_APPLICATION_ID
      || count_rows (db, "PRAGMA user_version") > JD_SCHEMA_VERSION
      || count_rows (db, "SELECT count(*) FROM person") < 0)
    {
      sqlite3_close (db);
      g_set_error (error, JD_ERROR, JD_ERROR_NOT_LEDGER,
                   _ ("%s is not a backup of a Jindu ledger this version can open"), path);
      return NULL;
    }
  return db;
}

GPtrArray *
jd_backups_list (const char *ledger_path, GError **error)
{
  g_autofree char *folder = jd_backups_folder (ledger_path);
  g_autoptr (GPtrArray) names = list_names (folder);
  GPtrArray *backups = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_backup_free);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *path = g_build_filename (folder, name, NULL);
      sqlite3 *db = open_backup (path, NULL);
      struct stat info;
      if (db == NULL)
        continue;
      JdBackup *backup = g_new0 (JdBackup, 1);
      backup->path = g_steal_pointer (&path);
      /* 2025-06-30_083000 → 2025-06-30 08:30:00 */
      backup->made
          = g_strdup_printf ("%.10s %.2s:%.2s:%.2s", name, name + 11, name + 13, name + 15);
      backup->persons = count_rows (db, "SELECT count(*) FROM person");
      backup->followups = count_rows (db, "SELECT count(*) FROM followup");
      backup->size = g_stat (backup->path, &info) == 0 ? info.st_size : 0;
      sqlite3_close (db);
      g_ptr_array_add (backups, backup);
    }
  return backups;
}

/* ---- restoring ----------------------------------------------------------------------------- */

static gboolean
copy_file (const char *from, const char *to, GError **error)
{
  g_autoptr (GFile) source = g_file_new_for_path (from);
  g_autoptr (GFile) destination = g_file_new_for_path (to);

  if (!g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    return FALSE;
  g_chmod (to, 0600);
  return TRUE;
}

/* The restored ledger's audit log says where it came from, and where the
 * ledger as it was went. */
static gboolean
log_restore (const char *ledger_path, const char *backup_path, const char *safety, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (JdLedger) restored = jd_ledger_open (ledger_path, &local);
  g_autoptr (GString) details = g_string_new ("{\"what\":\"restore\"");
  if (safety)
    {
      g_autoptr (GString) file = g_string_new (safety);
      g_string_replace (file, "\\", "\\\\", 0);
      g_string_replace (file, "\"", "\\\"", 0);
      g_string_append_printf (details, ",\"safety_copy\":\"%s\"", file->str);
    }
  g_string_append_c (details, '}');
  if (restored
      && jd_ledger_log_output (restored, JD_OUTPUT_RESTORE, backup_path, details->str, FALSE,
                               &local))
    return TRUE;
  g_set_error (error, JD_ERROR, JD_ERROR_IO,
               _ ("The backup was restored, but the audit log could not record it: %s"),
               local->message);
  return FALSE;
}

gboolean
jd_backups_restore (const char *ledger_path,
                    const char *backup_path,
                    char **safety_path,
                    GError **error)
{
  g_return_val_if_fail (ledger_path != NULL && backup_path != NULL, FALSE);

  /* Never renamed over a connection of this process's (a job's, a save still
   * waiting): its write-ahead log would be lost with the file it belongs to. */
  struct stat st;
  if (g_stat (ledger_path, &st) == 0 && jd_ledger_file_is_open_here (&st))
    {
      g_set_error (error, JD_ERROR, JD_ERROR_BUSY,
                   _ ("Nothing was restored: %s is still in use by this program (a backup, a "
                      "save or a figure still being worked out). Wait a moment and restore "
                      "again."),
                   ledger_path);
      return FALSE;
    }

  /* The backup first: a file that is not a ledger never replaces one. */
  sqlite3 *db = open_backup (backup_path, error);
  if (db == NULL)
    return FALSE;
  gboolean sound
      = count_rows (db, "SELECT count(*) FROM pragma_quick_check WHERE quick_check <> 'ok'") == 0;
  sqlite3_close (db);
  if (!sound)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_NOT_LEDGER,
                   _ ("%s is damaged: its integrity check failed; choose another backup"),
                   backup_path);
      return FALSE;
    }

  /* Then the ledger as it is now, as a backup of its own; a ledger too damaged
   * to open is kept byte for byte. */
  g_autoptr (GError) open_error = NULL;
  g_autoptr (JdLedger) current = jd_ledger_open (ledger_path, &open_error);
  g_autofree char *safety = NULL;
  gboolean keep_bytes = FALSE;
  if (current)
    {
      /* A damaged ledger makes no backup (jd_ledger_backup): keep its bytes
       * instead; what else stops a backup stops that copy too, and says so. */
      if (!jd_backups_make (current, &safety, NULL, NULL))
        keep_bytes = TRUE;
      g_clear_object (&current);
    }
  else
    keep_bytes = g_file_test (ledger_path, G_FILE_TEST_EXISTS);
  if (keep_bytes)
    {
      g_autofree char *folder = jd_backups_folder (ledger_path);
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d_%H%M%S");
      safety = g_strdup_printf ("%s/%s-unreadable.db", folder, stamp);
      if (!make_folder (folder, error) || !copy_file (ledger_path, safety, error))
        return FALSE;
    }

  /* The backup's bytes beside the ledger, then renamed over it in one step. */
  g_autofree char *partial = g_strconcat (ledger_path, ".restoring", NULL);
  if (!copy_file (backup_path, partial, error))
    {
      g_unlink (partial);
      return FALSE;
    }
  const char *const stale[] = { "-wal", "-shm" };
  for (guint i = 0; i < G_N_ELEMENTS (stale); i++)
    {
      g_autofree char *file = g_strconcat (ledger_path, stale[i], NULL);
      g_unlink (file);
    }
  if (g_rename (partial, ledger_path) != 0)
    {
      int saved = errno;
      g_unlink (partial);
      g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s cannot be replaced: %s"), ledger_path,
                   g_strerror (saved));
      return FALSE;
    }
  if (!log_restore (ledger_path, backup_path, safety, error))
    return FALSE;
  if (safety_path)
    *safety_path = g_steal_pointer (&safety);
  return TRUE;
}
