/* jd-person-query.c: the registered persons as a paged list model over SQL
 *
 * A city ledger holds 100,000 persons; the window shows forty. So the model
 * keeps only a count and the pages of rows that the view has asked for, and
 * every change of search, filter or sort order is a new count in SQL.
 *
 * Search. person_fts (data/sql/0001-schema.sql) is a trigram FTS5 index of
 * the name, the ID number and both addresses, kept by triggers. A query of
 * three or more characters is a phrase MATCH on it, which finds exactly the
 * rows in which one of the four columns contains the text (case-sensitive,
 * like instr ()). SQLite 3.40's trigram tokenizer finds nothing for one or two
 * characters, so those are answered by instr () on the person table's four
 * columns; tests/test-person-query.c proves both agree with a plain scan.
 *
 * Overdue work. The marks come from jd_work_due_list (): its overdue items
 * go into a temporary table (person → kinds, most days overdue), which the
 * page statement joins, so that "overdue only" and the sort by overdue days
 * stay in SQL. The table is per connection and shared by every query on it;
 * jd_person_query_reload () fills it again after the ledger changed.
 */
#include "config.h"

#include "jd-person-query.h"

#include <string.h>

#include "jd-date.h"
#include "jd-ledger-private.h"

/* ---- JdPersonRow ------------------------------------------------------------------- */

struct _JdPersonRow
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *sex;
  char *id_number;
  char *village_name;
  char *status;
  JdDay first_found_on;
  JdDay last_talk_on;
  JdDay last_urine_test_on;
  guint overdue_kinds;
  int overdue_days;
};

G_DEFINE_FINAL_TYPE (JdPersonRow, jd_person_row, G_TYPE_OBJECT)

static void
jd_person_row_finalize (GObject *object)
{
  JdPersonRow *self = JD_PERSON_ROW (object);

  g_free (self->name);
  g_free (self->sex);
  g_free (self->id_number);
  g_free (self->village_name);
  g_free (self->status);

  G_OBJECT_CLASS (jd_person_row_parent_class)->finalize (object);
}

static void
jd_person_row_class_init (JdPersonRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jd_person_row_finalize;
}

static void
jd_person_row_init (JdPersonRow *self)
{
}

gint64
jd_person_row_get_id (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), 0);
  return self->id;
}

const char *
jd_person_row_get_name (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), NULL);
  return self->name;
}

const char *
jd_person_row_get_sex (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), NULL);
  return self->sex;
}

const char *
jd_person_row_get_id_number (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), NULL);
  return self->id_number;
}

const char *
jd_person_row_get_village_name (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), NULL);
  return self->village_name;
}

const char *
jd_person_row_get_status (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), NULL);
  return self->status;
}

JdDay
jd_person_row_get_first_found_on (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), 0);
  return self->first_found_on;
}

JdDay
jd_person_row_get_last_talk_on (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), 0);
  return self->last_talk_on;
}

JdDay
jd_person_row_get_last_urine_test_on (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), 0);
  return self->last_urine_test_on;
}

guint
jd_person_row_get_overdue_kinds (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), 0);
  return self->overdue_kinds;
}

int
jd_person_row_get_overdue_days (JdPersonRow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_ROW (self), 0);
  return self->overdue_days;
}

/* ---- JdPersonQuery ----------------------------------------------------------------- */

/* Pages kept at most; more, and the cache starts again from the page asked for. */
#define MAX_PAGES 16

struct _JdPersonQuery
{
  GObject parent_instance;

  JdLedger *ledger;
  JdWorkDueOptions options;
  gboolean has_fts; /* a ledger made before person_fts existed has none */

  /* What is asked for. */
  char *text;
  gint64 village_id;
  char *status;
  gboolean overdue_only;
  JdPersonSort sort;
  gboolean descending;

  /* What was found. */
  JdPersonSearchPath path;
  char *match; /* the FTS5 phrase of text */
  char *page_sql;
  guint n_items;
  GHashTable *pages; /* page number → GPtrArray of JdPersonRow */
  guint n_loaded;
  GError *error;
};

static void jd_person_query_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JdPersonQuery,
                               jd_person_query,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      jd_person_query_list_model_init))

/* The status that contains today; a person with no span is at large (DESIGN §3). */
#define STATUS_SQL                                                                                 \
  "coalesce((SELECT s.status FROM status_span s WHERE s.person_id = p.id"                          \
  " AND s.started_on <= :today AND (s.ended_on IS NULL OR s.ended_on >= :today)"                   \
  " ORDER BY s.started_on DESC LIMIT 1), 'at_large')"

/* A refused urine test is no test (DESIGN §4, work due). */
#define LAST_TALK_SQL                                                                              \
  "(SELECT max(f.occurred_on) FROM followup f WHERE f.person_id = p.id AND f.kind = 'talk'"        \
  " AND f.occurred_on <= :today)"
#define LAST_URINE_SQL                                                                             \
  "(SELECT max(f.occurred_on) FROM followup f WHERE f.person_id = p.id"                            \
  " AND f.kind = 'urine_test' AND f.result IN ('negative', 'positive')"                            \
  " AND f.occurred_on <= :today)"

/* In the order of JdPersonSort. */
static const char *const sort_keys[] = {
  "p.name",    "p.sex",      "p.id_number",         "v.name", "status", "p.first_found_on",
  "last_talk", "last_urine", "coalesce(o.days, 0)",
};
G_STATIC_ASSERT (G_N_ELEMENTS (sort_keys) == JD_N_PERSON_SORTS);

static JdDay
get_today (JdPersonQuery *self)
{
  return self->options.today ? self->options.today : jd_today ();
}

static gboolean
check_fts (JdPersonQuery *self)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (
      self->ledger, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'person_fts'",
      NULL);
  gboolean found = stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;

  if (stmt)
    sqlite3_reset (stmt);
  return found;
}

/* The FTS5 phrase that matches text anywhere in a column: "…", quotes doubled. */
static char *
make_match (const char *text)
{
  GString *out = g_string_new ("\"");

  for (const char *c = text; *c; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static void
append_where (JdPersonQuery *self, GString *sql)
{
  g_string_append (sql, " WHERE 1");
  if (self->village_id > 0)
    g_string_append (sql, " AND p.village_id = :village");
  if (self->status)
    g_string_append (sql, " AND " STATUS_SQL " = :status");
  if (self->overdue_only)
    g_string_append (sql, " AND o.person_id IS NOT NULL");
  switch (self->path)
    {
      case JD_PERSON_SEARCH_MATCH:
        g_string_append (sql, " AND p.id IN (SELECT rowid FROM person_fts"
                              " WHERE person_fts MATCH :match)");
        break;
      case JD_PERSON_SEARCH_SCAN:
        g_string_append (sql, " AND (instr(p.name, :text) OR instr(p.id_number, :text)"
                              " OR instr(p.household_address, :text)"
                              " OR instr(p.residence_address, :text))");
        break;
      case JD_PERSON_SEARCH_NONE:
      default:
        break;
    }
}

static void
bind_named (sqlite3_stmt *stmt, const char *name, const char *text)
{
  int index = sqlite3_bind_parameter_index (stmt, name);
  if (index > 0)
    jd_bind_text (stmt, index, text);
}

static void
bind_filters (JdPersonQuery *self, sqlite3_stmt *stmt)
{
  int index;

  if ((index = sqlite3_bind_parameter_index (stmt, ":today")) > 0)
    jd_bind_day (stmt, index, get_today (self));
  if ((index = sqlite3_bind_parameter_index (stmt, ":village")) > 0)
    sqlite3_bind_int64 (stmt, index, self->village_id);
  bind_named (stmt, ":status", self->status);
  bind_named (stmt, ":match", self->match);
  bind_named (stmt, ":text", self->text);
}

/* ---- the overdue work ---------------------------------------------------------- */

/* Empty until the first reload, so that a refresh alone can join it. */
static gboolean
create_overdue (JdPersonQuery *self, GError **error)
{
  return jd_ledger_exec (self->ledger,
                         "CREATE TEMP TABLE IF NOT EXISTS jd_person_overdue ("
                         " person_id INTEGER PRIMARY KEY, kinds INTEGER NOT NULL,"
                         " days INTEGER NOT NULL)",
                         error);
}

static gboolean
load_overdue (JdPersonQuery *self, GError **error)
{
  if (!create_overdue (self, error))
    return FALSE;

  g_autoptr (GPtrArray) items = jd_work_due_list (self->ledger, &self->options, error);
  if (items == NULL)
    return FALSE;

  if (!jd_ledger_exec (self->ledger,
                       "SAVEPOINT jd_person_overdue;"
                       "DELETE FROM temp.jd_person_overdue",
                       error))
    return FALSE;

  sqlite3_stmt *stmt = jd_ledger_prepare (
      self->ledger,
      "INSERT INTO temp.jd_person_overdue (person_id, kinds, days) VALUES (?, ?, ?)"
      " ON CONFLICT (person_id) DO UPDATE SET kinds = kinds | excluded.kinds,"
      " days = max(days, excluded.days)",
      error);
  gboolean ok = stmt != NULL;
  for (guint i = 0; ok && i < items->len; i++)
    {
      const JdWorkItem *item = g_ptr_array_index (items, i);
      if (!jd_work_item_is_overdue (item))
        continue;
      sqlite3_bind_int64 (stmt, 1, item->person_id);
      sqlite3_bind_int (stmt, 2, 1 << item->kind);
      sqlite3_bind_int (stmt, 3, item->overdue_days);
      ok = jd_ledger_step_done (self->ledger, stmt, error);
    }
  if (!ok)
    {
      jd_ledger_exec (self->ledger, "ROLLBACK TO jd_person_overdue; RELEASE jd_person_overdue",
                      NULL);
      return FALSE;
    }
  return jd_ledger_exec (self->ledger, "RELEASE jd_person_overdue", error);
}

/* ---- counting and paging ----------------------------------------------------- */

static void
clear_pages (JdPersonQuery *self)
{
  g_hash_table_remove_all (self->pages);
}

gboolean
jd_person_query_refresh (JdPersonQuery *self, GError **error)
{
  g_return_val_if_fail (JD_IS_PERSON_QUERY (self), FALSE);

  guint old_n = self->n_items;

  g_clear_pointer (&self->match, g_free);
  if (self->text == NULL)
    self->path = JD_PERSON_SEARCH_NONE;
  else if (self->has_fts && g_utf8_strlen (self->text, -1) >= 3)
    {
      self->path = JD_PERSON_SEARCH_MATCH;
      self->match = make_match (self->text);
    }
  else
    self->path = JD_PERSON_SEARCH_SCAN;

  /* The count. */
  if (!create_overdue (self, error))
    return FALSE;

  g_autoptr (GString) sql = g_string_new ("SELECT count(*) FROM person p");
  if (self->overdue_only)
    g_string_append (sql, " JOIN temp.jd_person_overdue o ON o.person_id = p.id");
  append_where (self, sql);
  sqlite3_stmt *stmt = jd_ledger_prepare (self->ledger, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_filters (self, stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      jd_ledger_set_error (self->ledger, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  guint n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* The statement that reads a page. */
  g_string_assign (sql,
                   "SELECT p.id, p.name, p.sex, p.id_number, v.name, " STATUS_SQL
                   " AS status, p.first_found_on, " LAST_TALK_SQL " AS last_talk, " LAST_URINE_SQL
                   " AS last_urine, coalesce(o.kinds, 0), coalesce(o.days, 0)"
                   " FROM person p JOIN village v ON v.id = p.village_id"
                   " LEFT JOIN temp.jd_person_overdue o ON o.person_id = p.id");
  append_where (self, sql);
  const char *direction = self->descending ? "DESC" : "ASC";
  g_string_append_printf (sql, " ORDER BY %s %s, p.id %s LIMIT :limit OFFSET :offset",
                          sort_keys[self->sort], direction, direction);
  g_free (self->page_sql);
  self->page_sql = g_string_free (g_steal_pointer (&sql), FALSE);

  clear_pages (self);
  self->n_loaded = 0;
  g_clear_error (&self->error);
  self->n_items = n;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, n);
  return TRUE;
}

static GPtrArray *
read_page (JdPersonQuery *self, guint page, GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (self->ledger, self->page_sql, error);
  if (stmt == NULL)
    return NULL;
  bind_filters (self, stmt);
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), JD_PERSON_QUERY_PAGE_SIZE);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"),
                      (gint64)page * JD_PERSON_QUERY_PAGE_SIZE);

  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdPersonRow *row = g_object_new (JD_TYPE_PERSON_ROW, NULL);
      row->id = sqlite3_column_int64 (stmt, 0);
      row->name = jd_column_dup (stmt, 1);
      row->sex = jd_column_dup (stmt, 2);
      row->id_number = jd_column_dup (stmt, 3);
      row->village_name = jd_column_dup (stmt, 4);
      row->status = jd_column_dup (stmt, 5);
      row->first_found_on = jd_column_day (stmt, 6);
      row->last_talk_on = jd_column_day (stmt, 7);
      row->last_urine_test_on = jd_column_day (stmt, 8);
      row->overdue_kinds = sqlite3_column_int (stmt, 9);
      row->overdue_days = sqlite3_column_int (stmt, 10);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (self->ledger, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  self->n_loaded += rows->len;
  return g_steal_pointer (&rows);
}

static GType
jd_person_query_get_item_type (GListModel *model)
{
  return JD_TYPE_PERSON_ROW;
}

static guint
jd_person_query_get_n_items (GListModel *model)
{
  return JD_PERSON_QUERY (model)->n_items;
}

static gpointer
jd_person_query_get_item (GListModel *model, guint position)
{
  JdPersonQuery *self = JD_PERSON_QUERY (model);

  if (position >= self->n_items || self->page_sql == NULL)
    return NULL;

  guint page = position / JD_PERSON_QUERY_PAGE_SIZE;
  GPtrArray *rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    {
      g_autoptr (GError) error = NULL;
      rows = read_page (self, page, &error);
      if (rows == NULL)
        {
          g_clear_error (&self->error);
          self->error = g_steal_pointer (&error);
          return NULL;
        }
      if (g_hash_table_size (self->pages) >= MAX_PAGES)
        clear_pages (self);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
    }

  guint index = position % JD_PERSON_QUERY_PAGE_SIZE;
  /* Fewer rows than counted: the ledger changed under the count. */
  return index < rows->len ? g_object_ref (g_ptr_array_index (rows, index)) : NULL;
}

static void
jd_person_query_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = jd_person_query_get_item_type;
  iface->get_n_items = jd_person_query_get_n_items;
  iface->get_item = jd_person_query_get_item;
}

/* ---- the object -------------------------------------------------------------------- */

static void
jd_person_query_finalize (GObject *object)
{
  JdPersonQuery *self = JD_PERSON_QUERY (object);

  g_clear_object (&self->ledger);
  g_free (self->text);
  g_free (self->status);
  g_free (self->match);
  g_free (self->page_sql);
  g_hash_table_unref (self->pages);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (jd_person_query_parent_class)->finalize (object);
}

static void
jd_person_query_class_init (JdPersonQueryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jd_person_query_finalize;
}

static void
jd_person_query_init (JdPersonQuery *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
  jd_work_due_options_init (&self->options);
}

/* A query of every person, by name; nothing is read until the first refresh
 * (or reload, which also reads the overdue work). */
JdPersonQuery *
jd_person_query_new (JdLedger *ledger, const JdWorkDueOptions *options)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  JdPersonQuery *self = g_object_new (JD_TYPE_PERSON_QUERY, NULL);
  self->ledger = g_object_ref (ledger);
  if (options)
    self->options = *options;
  self->has_fts = check_fts (self);
  return self;
}

void
jd_person_query_set_options (JdPersonQuery *self, const JdWorkDueOptions *options)
{
  g_return_if_fail (JD_IS_PERSON_QUERY (self));
  g_return_if_fail (options != NULL);
  self->options = *options;
}

/* Blanks around the text are no part of it; only blanks is no search. */
void
jd_person_query_set_text (JdPersonQuery *self, const char *text)
{
  g_return_if_fail (JD_IS_PERSON_QUERY (self));

  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_free (self->text);
  self->text = *stripped ? g_steal_pointer (&stripped) : NULL;
}

void
jd_person_query_set_village (JdPersonQuery *self, gint64 village_id)
{
  g_return_if_fail (JD_IS_PERSON_QUERY (self));
  self->village_id = village_id;
}

void
jd_person_query_set_status (JdPersonQuery *self, const char *status)
{
  g_return_if_fail (JD_IS_PERSON_QUERY (self));
  g_free (self->status);
  self->status = g_strdup (status);
}

void
jd_person_query_set_overdue_only (JdPersonQuery *self, gboolean overdue_only)
{
  g_return_if_fail (JD_IS_PERSON_QUERY (self));
  self->overdue_only = overdue_only;
}

void
jd_person_query_set_sort (JdPersonQuery *self, JdPersonSort sort, gboolean descending)
{
  g_return_if_fail (JD_IS_PERSON_QUERY (self));
  g_return_if_fail (sort < JD_N_PERSON_SORTS);
  self->sort = sort;
  self->descending = descending;
}

gboolean
jd_person_query_reload (JdPersonQuery *self, GError **error)
{
  g_return_val_if_fail (JD_IS_PERSON_QUERY (self), FALSE);
  return load_overdue (self, error) && jd_person_query_refresh (self, error);
}

JdPersonSearchPath
jd_person_query_get_search_path (JdPersonQuery *self)
{
  g_return_val_if_fail (JD_IS_PERSON_QUERY (self), JD_PERSON_SEARCH_NONE);
  return self->path;
}

guint
jd_person_query_get_n_loaded (JdPersonQuery *self)
{
  g_return_val_if_fail (JD_IS_PERSON_QUERY (self), 0);
  return self->n_loaded;
}

const GError *
jd_person_query_get_error (JdPersonQuery *self)
{
  g_return_val_if_fail (JD_IS_PERSON_QUERY (self), NULL);
  return self->error;
}
