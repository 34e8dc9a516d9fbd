/* jd-ledger-open.c: opening and creating a ledger
 *
 * The only place that opens connections. Every connection gets the same
 * pragmas and SQL functions; a file is checked from its header bytes before
 * SQLite may write anything to it, so a file that is not ours, is cut short or
 * comes from a newer program is refused and left exactly as it was.
 */
#include "config.h"

#include "jd-ledger-object.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-mask.h"
#include "jd-text-rules.h"

char *
jd_ledger_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "jindu", "ledger.db", NULL);
}

/* ---- SQL functions available on every connection ------------------------ */

/* jd_add_years('2020-02-29', 1) = '2021-02-28' (docs/contract.md §4), NULL for a bad date. */
static void
sql_add_years (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  JdDay day = jd_day_parse_iso ((const char *)sqlite3_value_text (argv[0]));
  if (day == 0 || sqlite3_value_type (argv[1]) == SQLITE_NULL)
    {
      sqlite3_result_null (ctx);
      return;
    }
  char out[JD_DAY_STRLEN];
  jd_day_format (jd_day_add_years (day, sqlite3_value_int (argv[1])), out);
  sqlite3_result_text (ctx, out, -1, SQLITE_TRANSIENT);
}

/* jd_add_months('2024-01-31', 1) = '2024-02-29': the day kept, or the month's
 * last day when it has none (docs/contract.md §4); NULL for a bad date. */
static void
sql_add_months (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  JdDay day = jd_day_parse_iso ((const char *)sqlite3_value_text (argv[0]));
  if (day == 0 || sqlite3_value_type (argv[1]) == SQLITE_NULL)
    {
      sqlite3_result_null (ctx);
      return;
    }
  char out[JD_DAY_STRLEN];
  jd_day_format (jd_day_add_months (day, sqlite3_value_int (argv[1])), out);
  sqlite3_result_text (ctx, out, -1, SQLITE_TRANSIENT);
}

/* The operating-system user the audit log names. */
static void
sql_os_user (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  sqlite3_result_text (ctx, g_get_user_name (), -1, SQLITE_STATIC);
}

static int
configure_connection (sqlite3 *db)
{
  int rc;
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, JD_LEDGER_BUSY_TIMEOUT_MS);
  rc = sqlite3_create_function (db, "jd_add_years", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                sql_add_years, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "jd_add_months", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                  sql_add_months, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "jd_os_user", 0, SQLITE_UTF8, NULL, sql_os_user, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = jd_mask_register_sql (db);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA foreign_keys = ON;", NULL, NULL, NULL);
  /* Pages read through a memory map rather than copied in by read(): on a city
   * ledger (1.4 GB) that copying was a third of the work-due query's time. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA mmap_size = 2147418112;", NULL, NULL, NULL);
  return rc;
}

/* ---- the header check ---------------------------------------------------- */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

static void
set_open_errno_error (const char *path, int saved, GError **error)
{
  g_set_error (error, JD_ERROR, saved == ENOENT ? JD_ERROR_NOT_FOUND : JD_ERROR_IO,
               saved == ENOENT ? _ ("There is no ledger at %s") : _ ("%s cannot be read: %s"), path,
               g_strerror (saved));
}

/* FALSE, saying what the path is, unless it is a regular file: a named pipe
 * would block the first open() for ever, a device would give SQLite endless
 * zeros (or swallow what it writes), a folder cannot hold a database. */
static const char *
describe_file_type (mode_t mode)
{
  if (S_ISDIR (mode))
    return _ ("a folder");
  else if (S_ISFIFO (mode))
    return _ ("a named pipe (FIFO)");
  else if (S_ISSOCK (mode))
    return _ ("a socket");
  else if (S_ISCHR (mode) || S_ISBLK (mode))
    return _ ("a device");
  else if (S_ISLNK (mode))
    return _ ("a link");
  else
    return _ ("a special file");
}

static gboolean
check_regular_file (const char *path, const struct stat *st, GError **error)
{
  if (S_ISREG (st->st_mode))
    return TRUE;
  g_set_error (error, JD_ERROR, JD_ERROR_NOT_LEDGER,
               _ ("%s is not a Jindu ledger: it is %s, not a file"), path,
               describe_file_type (st->st_mode));
  return FALSE;
}

/* SQLite keeps its log and its shared memory in PATH-wal and PATH-shm (and a
 * rollback journal in PATH-journal): when one of them is there but is not a
 * plain file (a pipe, a device, a link planted there), SQLite would block on
 * it, or read or write through it. */
static gboolean
check_companions (const char *path, GError **error)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, suffixes[i], NULL);
      struct stat st;
      if (g_lstat (companion, &st) == 0 && !S_ISREG (st.st_mode))
        {
          g_set_error (error, JD_ERROR, JD_ERROR_IO,
                       _ ("%s cannot be opened: %s beside it is %s, not a file. Remove it and "
                          "try again."),
                       path, companion, describe_file_type (st.st_mode));
          return FALSE;
        }
    }
  return TRUE;
}

/* Reads the 100-byte SQLite header with plain read(): nothing is written.
 * Whatever the path is, nothing here can block: it is looked at with stat()
 * first, opened without waiting for a writer (O_NONBLOCK, in case it became a
 * pipe meanwhile) and looked at again before a byte is read. */
static gboolean
check_header (const char *path, GError **error)
{
  guint8 header[100];
  struct stat st;

  if (g_stat (path, &st) != 0)
    {
      set_open_errno_error (path, errno, error);
      return FALSE;
    }
  if (!check_regular_file (path, &st, error) || !check_companions (path, error))
    return FALSE;
  /* Opened here already, and checked then: opened by hand and closed, it
   * would lose this process its locks (jd-ledger.c, "the files this process
   * has open"). */
  if (jd_ledger_file_is_open_here (&st))
    return TRUE;

  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0);
  if (fd < 0)
    {
      set_open_errno_error (path, errno, error);
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !check_regular_file (path, &st, error))
    {
      int saved = errno;
      close (fd);
      if (error && *error == NULL)
        set_open_errno_error (path, saved, error);
      return FALSE;
    }

  ssize_t n = read (fd, header, sizeof header);
  close (fd);

  if (n < (ssize_t)sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_NOT_LEDGER,
                   _ ("%s is not a Jindu ledger: it is not a database file"), path);
      return FALSE;
    }

  guint32 page_size = ((guint32)header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  guint32 page_count = read_be32 (header + 28);
  gboolean count_valid = read_be32 (header + 24) == read_be32 (header + 92);
  /* A program killed while it copied its write-ahead log into the file leaves
   * the new header written and the pages after it not yet: the log still holds
   * them, and SQLite finishes the copy when the ledger is next opened. */
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  struct stat wal_st;
  gboolean wal_pending = g_stat (wal, &wal_st) == 0 && wal_st.st_size > 0;
  if (page_size < 512 || (st.st_size % page_size) != 0
      || (count_valid && !wal_pending && (guint64)st.st_size < (guint64)page_count * page_size))
    {
      g_set_error (error, JD_ERROR, JD_ERROR_DAMAGED,
                   _ ("%s is damaged: the file is shorter than the database it holds. "
                      "Restore it from a backup."),
                   path);
      return FALSE;
    }

  if (read_be32 (header + 68) != JD_APPLICATION_ID)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_NOT_LEDGER,
                   _ ("%s is not a Jindu ledger: it is a database of another program"), path);
      return FALSE;
    }

  guint32 version = read_be32 (header + 60);
  if (version > JD_SCHEMA_VERSION)
    {
      g_set_error (
          error, JD_ERROR, JD_ERROR_TOO_NEW,
          _ ("%s was written by a newer version of Jindu Ledger (data version %u; this "
             "program reads up to %u). Install the newer version; the file was not changed."),
          path, version, (guint)JD_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* ---- open and create ------------------------------------------------------ */

/* An open that met a full disk leaves an empty -wal file and a -shm file
 * that SQLite could not grow to its first 32 KiB region. No connection can be
 * using such a -shm (every one that opened the ledger grew it to that size),
 * so both are removed, as if the open had not been tried. */
static void
remove_stillborn_wal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  struct stat wal_st, shm_st;
  if (g_stat (wal, &wal_st) == 0 && wal_st.st_size == 0 && g_stat (shm, &shm_st) == 0
      && shm_st.st_size < 32768)
    {
      g_unlink (shm);
      g_unlink (wal);
    }
}

/* Gives the reason an open failed, and closes what there is. */
static void
fail_open (sqlite3 *db, const char *path, GError **error)
{
  gboolean full = FALSE;
  if (db)
    {
      jd_db_set_error (db, path, error);
      full = (sqlite3_extended_errcode (db) & 0xff) == SQLITE_FULL
             || sqlite3_system_errno (db) == ENOSPC;
    }
  else
    g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s cannot be opened"), path);
  sqlite3_close_v2 (db);
  if (full)
    remove_stillborn_wal (path);
}

/* A ledger on a read-only medium (a CD, a write-protected USB stick, a
 * read-only share): SQLite cannot make the -shm file a WAL ledger needs, so it
 * reads the file as immutable, which is safe where no one can write. */
static gboolean
on_read_only_medium (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  struct statvfs fs;
  return statvfs (folder, &fs) == 0 && (fs.f_flag & ST_RDONLY) != 0;
}

gboolean
jd_ledger_file_is_read_only (const char *path)
{
  struct statvfs fs;
  return (statvfs (path, &fs) == 0 && (fs.f_flag & ST_RDONLY) != 0) || g_access (path, W_OK) != 0;
}

/* Read as immutable, a ledger's -wal file would be passed over: refused when
 * it holds commits (a ledger copied there while open, or not closed). */
static gboolean
check_read_only_medium (const char *path, GError **error)
{
  if (!on_read_only_medium (path))
    return TRUE;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  struct stat st;
  if (g_stat (wal, &st) != 0 || st.st_size == 0)
    return TRUE;
  g_set_error (error, JD_ERROR, JD_ERROR_IO,
               _ ("%s is on a read-only disk and its file %s holds changes not yet written "
                  "into it: copy both files to a folder you can write to and open the copy."),
               path, wal);
  return FALSE;
}

/* A connection to path, configured as every connection of ours; *db is set
 * even on failure, for fail_open (). On a read-only medium it reads only. */
static int
open_db (const char *path, int flags, sqlite3 **db)
{
  int rc;
  if (on_read_only_medium (path))
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);
      g_autofree char *uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
      rc = sqlite3_open_v2 (uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                            NULL);
    }
  else
    rc = sqlite3_open_v2 (path, db, flags, NULL);
  return rc == SQLITE_OK ? configure_connection (*db) : rc;
}

static JdLedger *
open_connection (const char *path,
                 gboolean fresh,
                 JdMigrationFunc before_migration,
                 gpointer user_data,
                 GError **error)
{
  sqlite3 *db = NULL;
  int rc = open_db (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, &db);
  if (rc == SQLITE_OK && fresh)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d;", JD_APPLICATION_ID);
      rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
    }
  /* Only now, with the file known to be ours, may SQLite change it. */
  if (rc == SQLITE_OK && sqlite3_db_readonly (db, "main") != 1)
    rc = sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;", NULL, NULL,
                       NULL);
  if (rc != SQLITE_OK)
    {
      fail_open (db, path, error);
      return NULL;
    }
  g_autoptr (JdLedger) self = jd_ledger_new_unwatched (path, db);
  if (before_migration)
    {
      int version = jd_db_user_version (db, path, error);
      if (version < 0)
        return NULL;
      /* An existing ledger of an older version: the caller's copy first. */
      if (version >= 1 && version < JD_SCHEMA_VERSION
          && !before_migration (self, version, user_data, error))
        return NULL;
    }
  if (!jd_db_migrate (db, path, error))
    return NULL;
  jd_ledger_watch_writes (self);
  return g_steal_pointer (&self);
}

/* Opens an existing ledger and migrates it forward. */
JdLedger *
jd_ledger_open (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return jd_ledger_open_migrating (path, NULL, NULL, error);
}

/* The same, calling before_migration first when the ledger is of an older
 * version and is about to be migrated (the ledger is readable, not yet changed). */
JdLedger *
jd_ledger_open_migrating (const char *path,
                          JdMigrationFunc before_migration,
                          gpointer user_data,
                          GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_header (path, error) || !check_read_only_medium (path, error))
    return NULL;
  return open_connection (path, FALSE, before_migration, user_data, error);
}

/* Creates a new ledger: the folder 0700, the file 0600; never overwrites. */
JdLedger *
jd_ledger_create (const char *path, const char *township, const char *county, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (township != NULL, NULL);

  if (*township == '\0')
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("The township needs a name"));
      return NULL;
    }
  /* The text rules of every write (jd-text-rules.h): no control characters, a short name. */
  g_autofree char *township_problem = jd_text_problem (township, JD_TEXT_NAME);
  g_autofree char *county_problem = jd_text_problem (county, JD_TEXT_NAME);
  if (township_problem || county_problem)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   township_problem ? _ ("The township’s name %s") : _ ("The county’s name %s"),
                   township_problem ? township_problem : county_problem);
      return NULL;
    }

  g_autofree char *folder = g_path_get_dirname (path);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR) && g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("The folder %s cannot be created: %s"), folder,
                   g_strerror (saved));
      return NULL;
    }

  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, JD_ERROR, saved == EEXIST ? JD_ERROR_EXISTS : JD_ERROR_IO,
                   saved == EEXIST ? _ ("%s already exists; choose another file name")
                                   : _ ("%s cannot be created: %s"),
                   path, g_strerror (saved));
      return NULL;
    }
  close (fd);

  g_autoptr (JdLedger) self = open_connection (path, TRUE, NULL, NULL, error);
  if (self == NULL)
    {
      g_unlink (path);
      return NULL;
    }

  sqlite3_stmt *stmt = jd_ledger_begin (self, error) ? jd_ledger_prepare (
                           self, "INSERT INTO township (id, name, county) VALUES (1, ?, ?)", error)
                                                     : NULL;
  if (stmt)
    {
      jd_bind_text (stmt, 1, township);
      jd_bind_text (stmt, 2, county);
    }
  if (stmt == NULL || !jd_ledger_step_done (self, stmt, error) || !jd_ledger_commit (self, error))
    {
      jd_ledger_rollback (self);
      g_clear_object (&self);
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

JdLedger *
jd_ledger_open_reader (JdLedger *self, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (self), NULL);

  sqlite3 *db = NULL;
  /* One thread uses it at a time, as every JdLedger: SQLite need not lock. */
  if (open_db (self->path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, &db) != SQLITE_OK)
    {
      fail_open (db, self->path, error);
      return NULL;
    }
  return jd_ledger_new_watched (self->path, db);
}

gboolean
jd_ledger_check_writable (JdLedger *self, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (self), FALSE);
  if (sqlite3_db_readonly (self->db, "main") != 1)
    return TRUE;
  jd_db_set_read_only_error (self->path, error);
  return FALSE;
}
