/* jd-ledger-schema.c: the ledger's schema: the migrations of data/sql,
 * the audit triggers derived from each table's columns and the append-only
 * tables (docs/audit-log.md)
 */
#include "config.h"

#include "jd-ledger-object.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jd-audit-seal.h"
#include "jd-error.h"
#include "jd-sql-resources.h"

/* The tables whose every change the audit log records (docs/contract.md §3). */
static const char *const audited_tables[] = {
  "township",    "village",          "person",          "status_span", "use_event", "help_member",
  "agreement",   "followup",         "activity",        "letter",      "venue",     "inspection",
  "title_event", "assessment",       "assessment_item", "staff",       "setting",   "output_event",
  "move",        "awareness_survey", "import_batch",
};

/* The tables the database keeps append-only (docs/audit-log.md): each has a
 * trigger refusing UPDATE and one refusing DELETE. */
static const char *const append_only_tables[] = { "audit_log", "audit_seal", "output_event" };
#define APPEND_ONLY_MESSAGE "jd:append_only: the audit log cannot be changed"

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
          ok = jd_db_exec (db, path, drop, error) && jd_db_exec (db, path, statements[j], error);
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
int
jd_db_user_version (sqlite3 *db, const char *path, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;
  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  else
    jd_db_set_error (db, path, error);
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
  jd_db_set_error (db, path, error);
  return FALSE;
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
gboolean
jd_db_migrate (sqlite3 *db, const char *path, GError **error)
{
  int version = jd_db_user_version (db, path, error);
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
      if (!jd_db_exec (db, path, "BEGIN IMMEDIATE", error))
        return FALSE;
      version = jd_db_user_version (db, path, error);
      if (version < 0 || version > JD_SCHEMA_VERSION)
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          if (version > JD_SCHEMA_VERSION)
            set_too_new_error (path, error);
          return FALSE;
        }
      if (version == JD_SCHEMA_VERSION)
        return jd_db_exec (db, path, "COMMIT", error);

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
      if (!jd_db_exec (db, path, sql, error) || !create_audit_triggers (db, path, error)
          || (version + 1 >= 3 && !seal (db, path, own_first, G_MAXINT64, error))
          || !jd_db_exec (db, path, bump, error) || !jd_db_exec (db, path, "COMMIT", error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
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

gboolean
jd_db_is_audited_table (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (audited_tables); i++)
    if (g_strcmp0 (table, audited_tables[i]) == 0)
      return TRUE;
  return FALSE;
}
