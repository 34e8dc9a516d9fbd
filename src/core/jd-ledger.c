/* jd-ledger.c: one township's ledger, an SQLite file
 *
 * The only place that opens connections. Every connection gets the same
 * pragmas and SQL functions; a file is checked from its header bytes before
 * SQLite may write anything to it, so a file that is not ours, is cut short or
 * comes from a newer program is refused and left exactly as it was.
 */
#include "config.h"

#include "jd-ledger-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "jd-audit-seal.h"
#include "jd-date.h"
#include "jd-mask.h"
#include "jd-error.h"
#include "jd-output.h"
#include "jd-text-rules.h"
#include "jd-sql-resources.h"

#define BUSY_TIMEOUT_MS 10000

/* The tables whose every change the audit log records (docs/contract.md §3). */
static const char *const audited_tables[] = {
  "township",    "village",    "person",       "status_span", "use_event",
  "help_member", "agreement",  "followup",     "activity",    "letter",
  "venue",       "inspection", "title_event",  "assessment",  "assessment_item",
  "staff",       "setting",    "output_event", "move",        "awareness_survey",
  "import_batch",
};

/* The tables the database keeps append-only (docs/audit-log.md): each has a
 * trigger refusing UPDATE and one refusing DELETE. */
static const char *const append_only_tables[] = { "audit_log", "audit_seal", "output_event" };
#define APPEND_ONLY_MESSAGE "jd:append_only: the audit log cannot be changed"

struct _JdLedger
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  GHashTable *statements; /* SQL text → sqlite3_stmt */

  /* The audit rows this connection wrote and has not sealed (0: none), seen by
   * the update hook; a commit seals them (docs/audit-log.md). */
  gint64 unsealed_first;
  gint64 unsealed_last;
  /* Rows that statements outside a transaction committed before they could be
   * sealed (first, last pairs): sealed in a transaction of their own at the next
   * call. */
  GArray *late;
  JdAuditSealer *sealer; /* made at the first seal */
  int busy_ms;           /* the busy timeout set */
  /* The open transaction took the entries waiting in the pending file
   * (queue_output ()): the file goes once it commits. */
  gboolean pending_taken;

  /* The kinds of records written by the open transaction (changing), and by
   * the ones committed and not yet announced (changed): see announce_changes (). */
  guint changing;
  guint changed;
  GMainContext *context; /* where "changed" is emitted */

  /* Kept for other modules (jd-ledger-private.h). */
  JdIndicatorPool *indicator_pool;
  GDestroyNotify free_indicator_pool;
  JdRegisterCache *register_cache;
  GDestroyNotify free_register_cache;
  gboolean person_hit;
};

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void seal_late (JdLedger *self);

G_DEFINE_FINAL_TYPE (JdLedger, jd_ledger, G_TYPE_OBJECT)

static void
jd_ledger_finalize (GObject *object)
{
  JdLedger *self = JD_LEDGER (object);

  jd_ledger_set_register_cache (self, NULL, NULL);
  jd_ledger_set_indicator_pool (self, NULL, NULL);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db)
    seal_late (self);
  if (self->sealer)
    jd_audit_sealer_clear (self->sealer);
  g_clear_pointer (&self->sealer, g_free);
  if (self->db)
    sqlite3_close_v2 (self->db);
  g_array_unref (self->late);
  g_free (self->path);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (jd_ledger_parent_class)->finalize (object);
}

GType
jd_changes_get_type (void)
{
  static gsize type = 0;
  static const GFlagsValue values[] = {
    { JD_CHANGE_TOWNSHIP, "JD_CHANGE_TOWNSHIP", "township" },
    { JD_CHANGE_VILLAGES, "JD_CHANGE_VILLAGES", "villages" },
    { JD_CHANGE_PERSONS, "JD_CHANGE_PERSONS", "persons" },
    { JD_CHANGE_FOLLOWUPS, "JD_CHANGE_FOLLOWUPS", "followups" },
    { JD_CHANGE_ACTIVITIES, "JD_CHANGE_ACTIVITIES", "activities" },
    { JD_CHANGE_VENUES, "JD_CHANGE_VENUES", "venues" },
    { JD_CHANGE_LETTERS, "JD_CHANGE_LETTERS", "letters" },
    { JD_CHANGE_STAFF, "JD_CHANGE_STAFF", "staff" },
    { JD_CHANGE_TITLE, "JD_CHANGE_TITLE", "title" },
    { JD_CHANGE_ASSESSMENTS, "JD_CHANGE_ASSESSMENTS", "assessments" },
    { JD_CHANGE_SETTINGS, "JD_CHANGE_SETTINGS", "settings" },
    { JD_CHANGE_AUDIT, "JD_CHANGE_AUDIT", "audit" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type,
                       g_flags_register_static (g_intern_static_string ("JdChanges"), values));
  return type;
}

static void
jd_ledger_class_init (JdLedgerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jd_ledger_finalize;

  /* A write transaction committed; see jd-ledger.h. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, JD_TYPE_CHANGES);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
jd_ledger_init (JdLedger *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->late = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->busy_ms = BUSY_TIMEOUT_MS;
  self->context = g_main_context_ref_thread_default ();
}

char *
jd_ledger_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "jindu", "ledger.db", NULL);
}

/* ---- errors ------------------------------------------------------------ */

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

static void
set_read_only_error (const char *path, GError **error)
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
        set_read_only_error (path, error);
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
jd_ledger_set_error (JdLedger *self, GError **error)
{
  set_sqlite_error (self->db, self->path, error);
}

void
jd_db_set_error (sqlite3 *db, const char *path, GError **error)
{
  set_sqlite_error (db, path, error);
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
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
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

/* ---- migrations ---------------------------------------------------------- */

static gboolean
exec_sql (sqlite3 *db, const char *path, const char *sql, GError **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (db, path, error);
      return FALSE;
    }
  return TRUE;
}

/* The three audit triggers of one table (CREATE statements, in insert, update,
 * delete order), built from its current columns, so a migration that adds a
 * column is audited without anyone remembering to. Each entry also names the
 * person it is about (the person's own row, or a row with a person_id), so a
 * person's history is an index look-up. FALSE when the table is not there. */
static gboolean
audit_trigger_statements (sqlite3 *db, const char *table, char *statements[3])
{
  g_autoptr (GString) values = g_string_new (NULL);
  const char *person = g_str_equal (table, "person") ? "rowid" : NULL;
  g_autofree char *query = g_strdup_printf ("SELECT name FROM pragma_table_info('%s')", table);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *column = (const char *)sqlite3_column_text (stmt, 0);
      if (person == NULL && g_str_equal (column, "person_id"))
        person = "person_id";
      g_string_append_printf (values, "%s'%s', %%1$s.\"%s\"", values->len ? ", " : "", column,
                              column);
    }
  sqlite3_finalize (stmt);
  if (values->len == 0)
    return FALSE;

  g_autofree char *old_json = NULL, *new_json = NULL;
  g_autoptr (GString) pattern = g_string_new ("json_object(");
  g_string_append (pattern, values->str);
  g_string_append_c (pattern, ')');
  /* The column list uses %1$s for OLD or NEW. */
  g_autoptr (GString) o = g_string_new (pattern->str), n = g_string_new (pattern->str);
  g_string_replace (o, "%1$s", "OLD", 0);
  g_string_replace (n, "%1$s", "NEW", 0);
  old_json = g_string_free (g_steal_pointer (&o), FALSE);
  new_json = g_string_free (g_steal_pointer (&n), FALSE);

  g_autofree char *new_person = g_strdup_printf (person ? "NEW.%s" : "NULL", person);
  g_autofree char *old_person = g_strdup_printf (person ? "OLD.%s" : "NULL", person);

  statements[0]
      = g_strdup_printf ("CREATE TRIGGER audit_%1$s_insert AFTER INSERT ON %1$s BEGIN "
                         " INSERT INTO audit_log (os_user, tbl, row_id, person_id, action, after)"
                         " VALUES (jd_os_user(), '%1$s', NEW.rowid, %3$s, 'insert', %2$s); END",
                         table, new_json, new_person);
  statements[1] = g_strdup_printf (
      "CREATE TRIGGER audit_%1$s_update AFTER UPDATE ON %1$s BEGIN "
      " INSERT INTO audit_log (os_user, tbl, row_id, person_id, action, before, after)"
      " VALUES (jd_os_user(), '%1$s', NEW.rowid, %4$s, 'update', %2$s, %3$s); END",
      table, old_json, new_json, new_person);
  statements[2]
      = g_strdup_printf ("CREATE TRIGGER audit_%1$s_delete AFTER DELETE ON %1$s BEGIN "
                         " INSERT INTO audit_log (os_user, tbl, row_id, person_id, action, before)"
                         " VALUES (jd_os_user(), '%1$s', OLD.rowid, %3$s, 'delete', %2$s); END",
                         table, old_json, old_person);
  return TRUE;
}

static gboolean
create_audit_triggers (sqlite3 *db, const char *path, GError **error)
{
  static const char *const actions[] = { "insert", "update", "delete" };

  for (guint i = 0; i < G_N_ELEMENTS (audited_tables); i++)
    {
      char *statements[3] = { NULL };
      /* A table a later migration makes gets its triggers then. */
      if (!audit_trigger_statements (db, audited_tables[i], statements))
        continue;
      gboolean ok = TRUE;
      for (guint j = 0; ok && j < 3; j++)
        {
          g_autofree char *drop = g_strdup_printf ("DROP TRIGGER IF EXISTS audit_%s_%s",
                                                   audited_tables[i], actions[j]);
          ok = exec_sql (db, path, drop, error) && exec_sql (db, path, statements[j], error);
        }
      for (guint j = 0; j < 3; j++)
        g_free (statements[j]);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* Runs of white space as one space, none at the ends: SQL as sqlite_schema keeps
 * it compares with SQL as written here. */
static char *
normalize_sql (const char *sql)
{
  GString *out = g_string_sized_new (strlen (sql));
  gboolean space = FALSE;
  for (const char *p = sql; *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

GHashTable *
jd_db_expected_triggers (sqlite3 *db)
{
  static const char *const actions[] = { "update", "delete" };
  GHashTable *expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (audited_tables); i++)
    {
      static const char *const kinds[] = { "insert", "update", "delete" };
      char *statements[3] = { NULL };
      if (!audit_trigger_statements (db, audited_tables[i], statements))
        continue;
      for (guint j = 0; j < 3; j++)
        {
          g_hash_table_insert (expected,
                               g_strdup_printf ("audit_%s_%s", audited_tables[i], kinds[j]),
                               normalize_sql (statements[j]));
          g_free (statements[j]);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (append_only_tables); i++)
    for (guint j = 0; j < G_N_ELEMENTS (actions); j++)
      {
        g_autofree char *upper = g_ascii_strup (actions[j], -1);
        g_autofree char *sql
            = g_strdup_printf ("CREATE TRIGGER %1$s_no_%2$s BEFORE %3$s ON %1$s BEGIN"
                               " SELECT RAISE(ABORT, '" APPEND_ONLY_MESSAGE "'); END",
                               append_only_tables[i], actions[j], upper);
        g_hash_table_insert (expected,
                             g_strdup_printf ("%s_no_%s", append_only_tables[i], actions[j]),
                             normalize_sql (sql));
      }
  return expected;
}

char *
jd_db_normalize_sql (const char *sql)
{
  return normalize_sql (sql);
}

gboolean
jd_db_is_append_only_table (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (append_only_tables); i++)
    if (g_strcmp0 (table, append_only_tables[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The schema's version, or -1 with error set. */
static int
user_version (sqlite3 *db, const char *path, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;
  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  else
    set_sqlite_error (db, path, error);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
seal (sqlite3 *db, const char *path, gint64 own_first, gint64 own_last, GError **error)
{
  JdAuditSealer sealer;
  jd_audit_sealer_init (&sealer, db);
  int rc = jd_audit_seal (&sealer, own_first, own_last);
  jd_audit_sealer_clear (&sealer);
  if (rc == SQLITE_OK)
    return TRUE;
  set_sqlite_error (db, path, error);
  return FALSE;
}

/* The ledger's own sealer, its statements prepared once. */
static JdAuditSealer *
get_sealer (JdLedger *self)
{
  if (self->sealer == NULL)
    {
      self->sealer = g_new (JdAuditSealer, 1);
      jd_audit_sealer_init (self->sealer, self->db);
    }
  return self->sealer;
}

static void
set_too_new_error (const char *path, GError **error)
{
  g_set_error (error, JD_ERROR, JD_ERROR_TOO_NEW,
               _ ("%s was written by a newer version of Jindu Ledger; the file was not changed."),
               path);
}

/* Brings the schema to JD_SCHEMA_VERSION, each step in one transaction.
 *
 * The version is read first, outside any transaction: a ledger that is up to
 * date is opened without the write lock, so opening it (to read, to back it up)
 * never waits behind another program's write. Only a migration takes the lock,
 * and reads the version again under it, as another program may have migrated
 * the file meanwhile. */
static gboolean
migrate (sqlite3 *db, const char *path, GError **error)
{
  int version = user_version (db, path, error);
  if (version < 0)
    return FALSE;
  if (version > JD_SCHEMA_VERSION)
    {
      set_too_new_error (path, error);
      return FALSE;
    }
  if (version == JD_SCHEMA_VERSION)
    return TRUE;

  for (;;)
    {
      if (!exec_sql (db, path, "BEGIN IMMEDIATE", error))
        return FALSE;
      version = user_version (db, path, error);
      if (version < 0 || version > JD_SCHEMA_VERSION)
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          if (version > JD_SCHEMA_VERSION)
            set_too_new_error (path, error);
          return FALSE;
        }
      if (version == JD_SCHEMA_VERSION)
        return exec_sql (db, path, "COMMIT", error);

      g_autofree char *resource
          = g_strdup_printf ("/io/github/jindu/Ledger/sql/%04d.sql", version + 1);
      g_autoptr (GBytes) script
          = g_resource_lookup_data (jd_sql_get_resource (), resource, 0, NULL);
      g_autofree char *sql = NULL;
      g_assert (script != NULL);
      sql = g_strndup (g_bytes_get_data (script, NULL), g_bytes_get_size (script));
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      /* The step to version 3 seals the rows written before there were seals;
       * a later step seals what it writes itself (docs/audit-log.md). */
      gint64 own_first = version + 1 == 3 ? 1 : jd_db_last_audit_row (db) + 1;
      if (!exec_sql (db, path, sql, error) || !create_audit_triggers (db, path, error)
          || (version + 1 >= 3 && !seal (db, path, own_first, G_MAXINT64, error))
          || !exec_sql (db, path, bump, error) || !exec_sql (db, path, "COMMIT", error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
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
      set_sqlite_error (db, path, error);
      full = (sqlite3_extended_errcode (db) & 0xff) == SQLITE_FULL
             || sqlite3_system_errno (db) == ENOSPC;
    }
  else
    g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s cannot be opened"), path);
  sqlite3_close_v2 (db);
  if (full)
    remove_stillborn_wal (path);
}

/* ---- sealing the audit log (docs/audit-log.md) ------------------------------- */

/* The kind of records a table holds, for the "changed" signal. */
static guint
change_of_table (const char *table)
{
  static const struct
  {
    const char *table;
    JdChanges change;
  } kinds[] = {
    { "audit_log", JD_CHANGE_AUDIT },
    { "audit_seal", JD_CHANGE_AUDIT },
    { "person", JD_CHANGE_PERSONS },
    { "status_span", JD_CHANGE_PERSONS },
    { "use_event", JD_CHANGE_PERSONS },
    { "help_member", JD_CHANGE_PERSONS },
    { "agreement", JD_CHANGE_PERSONS },
    { "move", JD_CHANGE_PERSONS },
    { "followup", JD_CHANGE_FOLLOWUPS },
    { "activity", JD_CHANGE_ACTIVITIES },
    { "awareness_survey", JD_CHANGE_ACTIVITIES },
    { "venue", JD_CHANGE_VENUES },
    { "inspection", JD_CHANGE_VENUES },
    { "letter", JD_CHANGE_LETTERS },
    { "staff", JD_CHANGE_STAFF },
    { "title_event", JD_CHANGE_TITLE },
    { "assessment", JD_CHANGE_ASSESSMENTS },
    { "assessment_item", JD_CHANGE_ASSESSMENTS },
    { "village", JD_CHANGE_VILLAGES },
    { "township", JD_CHANGE_TOWNSHIP },
    { "setting", JD_CHANGE_SETTINGS },
    { "output_event", JD_CHANGE_AUDIT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (table[0] == kinds[i].table[0] && strcmp (table, kinds[i].table) == 0)
      return kinds[i].change;
  return 0; /* the schema's own (user_version is no table) */
}

typedef struct
{
  JdLedger *ledger;
  JdChanges changes;
} Notice;

static gboolean
emit_notice_cb (gpointer data)
{
  Notice *notice = data;
  g_signal_emit (notice->ledger, signals[CHANGED], 0, notice->changes);
  return G_SOURCE_REMOVE;
}

static void
notice_free (gpointer data)
{
  Notice *notice = data;
  g_object_unref (notice->ledger);
  g_free (notice);
}

/* Emits "changed" for the writes committed since the last notice. After
 * jd_ledger_commit () (now): at once when this thread owns (or may take) the
 * ledger's main context, so a page has reloaded when the save returns; else,
 * and after a statement that committed itself (whose caller may still read
 * sqlite3_changes () or the last rowid, which a page's reload could change),
 * from an idle of that context, so a page hears of it on the thread that draws
 * it. A connection nobody follows (a worker's) says nothing. */
static void
announce_changes (JdLedger *self, gboolean now)
{
  if (self->changed == 0)
    return;
  if (!g_signal_has_handler_pending (self, signals[CHANGED], 0, TRUE))
    {
      self->changed = 0;
      return;
    }
  Notice *notice = g_new (Notice, 1);
  notice->ledger = g_object_ref (self);
  notice->changes = self->changed;
  self->changed = 0;
  if (now)
    g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, emit_notice_cb, notice,
                                notice_free);
  else
    {
      g_autoptr (GSource) idle = g_idle_source_new ();
      g_source_set_priority (idle, G_PRIORITY_DEFAULT);
      g_source_set_callback (idle, emit_notice_cb, notice, notice_free);
      g_source_set_static_name (idle, "[jindu] ledger changed");
      g_source_attach (idle, self->context);
    }
}

/* Every row this connection writes: its kind is noted for the "changed"
 * signal, and the audit log's new rows for the seal. */
static void
row_written_cb (
    void *user_data, int op, const char *database, const char *table, sqlite3_int64 rowid)
{
  JdLedger *self = user_data;
  self->changing |= change_of_table (table);
  if (op != SQLITE_INSERT || table[0] != 'a' || strcmp (table, "audit_log") != 0)
    return;
  if (self->unsealed_first == 0 || rowid < self->unsealed_first)
    self->unsealed_first = rowid;
  if (rowid > self->unsealed_last)
    self->unsealed_last = rowid;
}

/* A commit that was not jd_ledger_commit ()'s (a statement outside any
 * transaction): its rows are sealed at the next call, in a transaction of their
 * own. Nothing may touch the connection here. */
static int
committed_cb (void *user_data)
{
  JdLedger *self = user_data;
  self->changed |= self->changing;
  self->changing = 0;
  if (self->unsealed_first)
    {
      g_array_append_val (self->late, self->unsealed_first);
      g_array_append_val (self->late, self->unsealed_last);
    }
  self->unsealed_first = self->unsealed_last = 0;
  return 0;
}

static void
rolled_back_cb (void *user_data)
{
  JdLedger *self = user_data;
  self->unsealed_first = self->unsealed_last = 0;
  self->changing = 0;
}

/* Seals the rows of earlier statements outside a transaction; left for the
 * next call when the ledger is busy (`jindu check` reports rows never sealed). */
static void
seal_late (JdLedger *self)
{
  if (self->late->len == 0 || !sqlite3_get_autocommit (self->db))
    return;
  /* Never a wait for another program's lock here: the next call tries again. */
  sqlite3_busy_timeout (self->db, 0);
  int rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  sqlite3_busy_timeout (self->db, self->busy_ms);
  if (rc != SQLITE_OK)
    return;
  gboolean ok = TRUE;
  for (guint i = 0; ok && i + 1 < self->late->len; i += 2)
    ok = jd_audit_seal (get_sealer (self), g_array_index (self->late, gint64, i),
                        g_array_index (self->late, gint64, i + 1))
         == SQLITE_OK;
  self->unsealed_first = self->unsealed_last = 0;
  if (ok && sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
    g_array_set_size (self->late, 0);
  else
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static JdLedger *
ledger_new_unwatched (const char *path, sqlite3 *db)
{
  JdLedger *self = g_object_new (JD_TYPE_LEDGER, NULL);
  self->path = g_strdup (path);
  self->db = db;
  return self;
}

/* From now on the audit rows the connection writes are sealed at commit (a
 * migration seals its own). */
static void
watch_writes (JdLedger *self)
{
  sqlite3_update_hook (self->db, row_written_cb, self);
  sqlite3_commit_hook (self->db, committed_cb, self);
  sqlite3_rollback_hook (self->db, rolled_back_cb, self);
}

static JdLedger *
ledger_new (const char *path, sqlite3 *db)
{
  JdLedger *self = ledger_new_unwatched (path, db);
  watch_writes (self);
  return self;
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
  g_autoptr (JdLedger) self = ledger_new_unwatched (path, db);
  if (before_migration)
    {
      int version = user_version (db, path, error);
      if (version < 0)
        return NULL;
      /* An existing ledger of an older version: the caller's copy first. */
      if (version >= 1 && version < JD_SCHEMA_VERSION
          && !before_migration (self, version, user_data, error))
        return NULL;
    }
  if (!migrate (db, path, error))
    return NULL;
  watch_writes (self);
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
  return ledger_new (self->path, db);
}

gint64
jd_db_last_audit_row (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = -1;
  if (sqlite3_prepare_v2 (db, "SELECT coalesce(max(id), 0) FROM audit_log", -1, &stmt, NULL)
          == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

const char *
jd_ledger_get_path (JdLedger *self)
{
  g_return_val_if_fail (JD_IS_LEDGER (self), NULL);
  return self->path;
}

gboolean
jd_ledger_check_writable (JdLedger *self, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (self), FALSE);
  if (sqlite3_db_readonly (self->db, "main") != 1)
    return TRUE;
  set_read_only_error (self->path, error);
  return FALSE;
}

void
jd_ledger_set_busy_timeout (JdLedger *self, int ms)
{
  g_return_if_fail (JD_IS_LEDGER (self));
  self->busy_ms = ms;
  sqlite3_busy_timeout (self->db, ms);
}

sqlite3 *
jd_ledger_get_db (JdLedger *self)
{
  return self->db;
}

/* ---- statements ------------------------------------------------------------ */

/* A cached statement, reset and unbound; owned by the ledger. */
sqlite3_stmt *
jd_ledger_prepare (JdLedger *self, const char *sql, GError **error)
{
  if (G_UNLIKELY (self->late->len))
    seal_late (self);
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      jd_ledger_set_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
jd_ledger_exec (JdLedger *self, const char *sql, GError **error)
{
  if (G_UNLIKELY (self->late->len))
    seal_late (self);
  gboolean ok = exec_sql (self->db, self->path, sql, error);
  if (self->changed && sqlite3_get_autocommit (self->db))
    announce_changes (self, FALSE);
  return ok;
}

/* ---- what other modules keep per connection ------------------------------------ */

JdIndicatorPool *
jd_ledger_get_indicator_pool (JdLedger *self)
{
  return self->indicator_pool;
}

void
jd_ledger_set_indicator_pool (JdLedger *self, JdIndicatorPool *pool, GDestroyNotify free_func)
{
  if (self->indicator_pool && self->free_indicator_pool)
    self->free_indicator_pool (self->indicator_pool);
  self->indicator_pool = pool;
  self->free_indicator_pool = free_func;
}

JdRegisterCache *
jd_ledger_get_register_cache (JdLedger *self)
{
  return self->register_cache;
}

void
jd_ledger_set_register_cache (JdLedger *self, JdRegisterCache *cache, GDestroyNotify free_func)
{
  if (self->register_cache && self->free_register_cache)
    self->free_register_cache (self->register_cache);
  self->register_cache = cache;
  self->free_register_cache = free_func;
}

gboolean
jd_ledger_has_person_hit (JdLedger *self)
{
  return self->person_hit;
}

void
jd_ledger_set_person_hit (JdLedger *self)
{
  self->person_hit = TRUE;
}

/* Steps a statement that returns no rows, and resets it. */
gboolean
jd_ledger_step_done (JdLedger *self, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      jd_ledger_set_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  /* A statement outside a transaction committed itself. */
  if (self->changed && sqlite3_get_autocommit (self->db))
    announce_changes (self, FALSE);
  return TRUE;
}

void
jd_bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
jd_bind_day (sqlite3_stmt *stmt, int index, JdDay day)
{
  char buf[JD_DAY_STRLEN];
  if (day == 0)
    {
      sqlite3_bind_null (stmt, index);
      return;
    }
  jd_day_format (day, buf);
  sqlite3_bind_text (stmt, index, buf, -1, SQLITE_TRANSIENT);
}

JdDay
jd_column_day (sqlite3_stmt *stmt, int column)
{
  return jd_day_parse_iso ((const char *)sqlite3_column_text (stmt, column));
}

char *
jd_column_dup (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

char *
jd_json_ids (const gint64 *ids, gsize n_ids)
{
  GString *json = g_string_sized_new (8 * n_ids + 2);
  g_string_append_c (json, '[');
  for (gsize i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* ---- transactions ------------------------------------------------------------ */

/* Writers take the write lock up front, so they wait instead of failing late. */
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
      if (jd_audit_seal (get_sealer (self), self->unsealed_first, G_MAXINT64) != SQLITE_OK)
        {
          jd_ledger_set_error (self, error);
          jd_ledger_rollback (self);
          return FALSE;
        }
      self->unsealed_first = self->unsealed_last = 0;
    }
  if (exec_sql (self->db, self->path, "COMMIT", error))
    {
      if (self->pending_taken)
        {
          g_autofree char *pending = pending_path (self);
          g_unlink (pending);
          self->pending_taken = FALSE;
        }
      announce_changes (self, TRUE);
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

gint64
jd_ledger_count (JdLedger *self, const char *table)
{
  g_return_val_if_fail (JD_IS_LEDGER (self), -1);
  for (guint i = 0; i < G_N_ELEMENTS (audited_tables); i++)
    if (g_str_equal (table, audited_tables[i]))
      {
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
  g_return_val_if_reached (-1);
}

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
      sqlite3_busy_timeout (copy, BUSY_TIMEOUT_MS);
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
        set_sqlite_error (copy, destination, error);
      else
        ok = TRUE;
      /* The copy would keep WAL mode in its header: make it a single, whole file
       * in rollback mode, so that reading it later (the backups' list opens
       * each one read-only) leaves no -wal or -shm beside it. Opening a
       * restored copy puts it back in WAL mode. */
      if (ok && sqlite3_exec (copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
        {
          set_sqlite_error (copy, destination, error);
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
