/* jd-ledger.c: one township's ledger, an SQLite file: the connection as an
 * object, its cached statements, and the notice of what each commit changed
 *
 * Opening is in jd-ledger-open.c, the schema in jd-ledger-schema.c, the
 * transactions in jd-ledger-transaction.c.
 */
#include "config.h"

#include "jd-ledger-object.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>

#include "jd-audit-seal.h"
#include "jd-date.h"

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void seal_late (JdLedger *self);

G_DEFINE_FINAL_TYPE (JdLedger, jd_ledger, G_TYPE_OBJECT)

/* ---- the files this process has open -------------------------------------------------- */

/* Closing any descriptor of a file drops every POSIX lock the process holds on
 * it, SQLite's included. Another program closing the ledger last would then
 * take it for unused, and remove the -wal and -shm files this process still
 * writes through (its commits lost, the two programs no longer locking each
 * other out). So a file a connection of this process has open is never opened
 * by hand again: jd-ledger-open.c's header check passes it over. */
G_LOCK_DEFINE_STATIC (open_files);
static GHashTable *open_files; /* "device:inode" → its connections here */

static char *
file_key (const struct stat *st)
{
  return g_strdup_printf ("%ju:%ju", (uintmax_t)st->st_dev, (uintmax_t)st->st_ino);
}

gboolean
jd_ledger_file_is_open_here (const struct stat *st)
{
  g_autofree char *key = file_key (st);
  G_LOCK (open_files);
  gboolean open = open_files && g_hash_table_contains (open_files, key);
  G_UNLOCK (open_files);
  return open;
}

static void
register_file (JdLedger *self)
{
  struct stat st;
  if (g_stat (self->path, &st) != 0)
    return;
  self->file_key = file_key (&st);
  G_LOCK (open_files);
  if (open_files == NULL)
    open_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (open_files, self->file_key));
  g_hash_table_insert (open_files, g_strdup (self->file_key), GUINT_TO_POINTER (n + 1));
  G_UNLOCK (open_files);
}

static void
unregister_file (JdLedger *self)
{
  if (self->file_key == NULL)
    return;
  G_LOCK (open_files);
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (open_files, self->file_key));
  if (n > 1)
    g_hash_table_insert (open_files, g_strdup (self->file_key), GUINT_TO_POINTER (n - 1));
  else
    g_hash_table_remove (open_files, self->file_key);
  G_UNLOCK (open_files);
  g_clear_pointer (&self->file_key, g_free);
}

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
  unregister_file (self);
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
  self->busy_ms = JD_LEDGER_BUSY_TIMEOUT_MS;
  self->context = g_main_context_ref_thread_default ();
}

void
jd_ledger_set_error (JdLedger *self, GError **error)
{
  jd_db_set_error (self->db, self->path, error);
}

/* The ledger's own sealer, its statements prepared once. */
JdAuditSealer *
jd_ledger_get_sealer (JdLedger *self)
{
  if (self->sealer == NULL)
    {
      self->sealer = g_new (JdAuditSealer, 1);
      jd_audit_sealer_init (self->sealer, self->db);
    }
  return self->sealer;
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
void
jd_ledger_announce_changes (JdLedger *self, gboolean now)
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
    ok = jd_audit_seal (jd_ledger_get_sealer (self), g_array_index (self->late, gint64, i),
                        g_array_index (self->late, gint64, i + 1))
         == SQLITE_OK;
  self->unsealed_first = self->unsealed_last = 0;
  if (ok && sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
    g_array_set_size (self->late, 0);
  else
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

JdLedger *
jd_ledger_new_unwatched (const char *path, sqlite3 *db)
{
  JdLedger *self = g_object_new (JD_TYPE_LEDGER, NULL);
  self->path = g_strdup (path);
  self->db = db;
  register_file (self);
  return self;
}

/* From now on the audit rows the connection writes are sealed at commit (a
 * migration seals its own). */
void
jd_ledger_watch_writes (JdLedger *self)
{
  sqlite3_update_hook (self->db, row_written_cb, self);
  sqlite3_commit_hook (self->db, committed_cb, self);
  sqlite3_rollback_hook (self->db, rolled_back_cb, self);
}

JdLedger *
jd_ledger_new_watched (const char *path, sqlite3 *db)
{
  JdLedger *self = jd_ledger_new_unwatched (path, db);
  jd_ledger_watch_writes (self);
  return self;
}

const char *
jd_ledger_get_path (JdLedger *self)
{
  g_return_val_if_fail (JD_IS_LEDGER (self), NULL);
  return self->path;
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
  gboolean ok = jd_db_exec (self->db, self->path, sql, error);
  if (self->changed && sqlite3_get_autocommit (self->db))
    jd_ledger_announce_changes (self, FALSE);
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
    jd_ledger_announce_changes (self, FALSE);
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
