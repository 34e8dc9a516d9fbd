/* jd-person-query.c: the registered persons as a paged list model over SQL
 *
 * A city ledger holds 100,000 persons; the window shows about thirty. So the model
 * keeps only a count and the pages of rows that the view has asked for, and
 * every change of search, filter or sort order is a new count in SQL.
 *
 * Search. person_fts (data/sql/0001-schema.sql) is a trigram FTS5 index of
 * the name, the ID number and both addresses, kept by triggers. A query of
 * three or more characters is a phrase MATCH on it, which finds exactly the
 * rows in which one of the four columns contains the text (case-sensitive,
 * like instr ()). SQLite 3.40's trigram tokenizer finds nothing for one or two
 * characters, so those are a scan — not of the person table (40 ms on a city
 * ledger, more than a keystroke may take) but of a compact copy of its four
 * columns in memory (the corpus), read once and again only after the ledger
 * changed (PRAGMA data_version, sqlite3_total_changes ()), searched with
 * memmem (): a needle of whole UTF-8 characters matches only at character
 * boundaries, bytewise, exactly as instr () does. tests/core/test-person-query.c
 * proves both paths agree with a plain scan.
 *
 * Either way the search yields the ids found (the hits), and the count and the
 * pages take them from there: a few thousand as a JSON array (json_each), so
 * that SQLite sorts only those; more as a bitmap that jd_person_hit () tests
 * while SQLite walks the sort order's index, which then finds a page's rows
 * within its first few hundred entries. Without other filters the count is the
 * number of hits.
 *
 * Paging. A page is read in two steps: the ids of the page alone, in order
 * (an index walk when the sort is by name, number, sex or date), then those
 * rows with their status and last talk and test; so a page deep in
 * the list (the scroll bar dragged) skips the rows before it without working
 * out their columns.
 *
 * Overdue work. The marks come from jd_work_due_list (): its overdue items
 * go into a temporary table (person → kinds, most days overdue), which the
 * page statement joins, so that "overdue only" and the sort by overdue days
 * stay in SQL. The table is per connection and shared by every query on it;
 * jd_person_query_reload () fills it again after the ledger changed.
 */
#define _GNU_SOURCE /* memmem () */
#include "config.h"

#include "jd-person-query.h"

#include <string.h>

#include "jd-date.h"
#include "jd-ledger-private.h"
#include "jd-person-row-private.h"
#include "jd-village-at.h"

/* ---- JdPersonQuery ----------------------------------------------------------------- */

/* Pages kept at most (1,600 rows); more, and the cache starts again from the
 * page asked for. */
#define MAX_PAGES 40

/* More hits than this go to SQLite as a bitmap, fewer as a list. */
#define MAX_LISTED_HITS 3000

/* Between the columns and the records of the corpus. */
#define CORPUS_SEP '\x01'

typedef enum
{
  HITS_NONE, /* no search: every person */
  HITS_LIST,
  HITS_BITS,
} HitsKind;

typedef struct
{
  guint8 *bits;
  gint64 n_bits;
} HitBits;

struct _JdPersonQuery
{
  GObject parent_instance;

  JdLedger *ledger;
  JdWorkDueOptions options;
  gboolean has_fts; /* a ledger made before person_fts existed has none */

  JdPersonFilter filter; /* what is asked for */

  /* The corpus: every person's four searched columns, separated by CORPUS_SEP,
   * in id order; record i ends at corpus_ends[i]. */
  GArray *corpus_ids;  /* gint64 */
  GArray *corpus_ends; /* gsize */
  GString *corpus_text;
  gint64 corpus_data_version;
  gint64 corpus_changes;
  gboolean has_corpus;

  /* What was found. */
  JdPersonSearchPath path;
  char *match; /* the FTS5 phrase of text */
  HitsKind hits_kind;
  guint n_hits;
  char *hits_json;  /* HITS_LIST: [id,id,…] */
  HitBits hit_bits; /* HITS_BITS: bit id set when found */
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

/* The status that contains today; a person with no span is at large (docs/contract.md §3). */
#define STATUS_SQL                                                                                 \
  "coalesce((SELECT s.status FROM status_span s WHERE s.person_id = p.id"                          \
  " AND s.started_on <= :today AND (s.ended_on IS NULL OR s.ended_on >= :today)"                   \
  " ORDER BY s.started_on DESC LIMIT 1), 'at_large')"

/* A refused urine test is no test (docs/contract.md §4, work due). */
#define LAST_TALK_SQL                                                                              \
  "(SELECT max(f.occurred_on) FROM followup f WHERE f.person_id = p.id AND f.kind = 'talk'"        \
  " AND f.occurred_on <= :today)"
#define LAST_URINE_SQL                                                                             \
  "(SELECT max(f.occurred_on) FROM followup f WHERE f.person_id = p.id"                            \
  " AND f.kind = 'urine_test' AND f.result IN ('negative', 'positive')"                            \
  " AND f.occurred_on <= :today)"

/* The person's managing village today (docs/contract.md §3 "move"). */
#define VILLAGE_TODAY JD_SQL_VILLAGE_AT ("p", ":today")

/* In the order of JdPersonSort. */
static const char *const sort_keys[] = {
  "p.name",      "p.sex",        "p.id_number",         "v.name", STATUS_SQL, "p.first_found_on",
  LAST_TALK_SQL, LAST_URINE_SQL, "coalesce(o.days, 0)",
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
  if (self->filter.village_id > 0)
    g_string_append (sql, " AND " JD_SQL_IN_VILLAGE_AT ("p", ":village", ":today", ":today"));
  if (self->filter.status)
    g_string_append (sql, " AND " STATUS_SQL " = :status");
  if (self->filter.overdue_only)
    g_string_append (sql, " AND o.person_id IS NOT NULL");
  switch (self->hits_kind)
    {
      case HITS_LIST:
        g_string_append (sql, " AND p.id IN (SELECT value FROM json_each(:hits))");
        break;
      case HITS_BITS:
        g_string_append (sql, " AND jd_person_hit(:bits, p.id)");
        break;
      case HITS_NONE:
      default:
        break;
    }
}

/* jd_person_hit (bits, id): whether the bitmap bound as bits has id's bit set. */
static void
sql_person_hit (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  const HitBits *hits = sqlite3_value_pointer (argv[0], "jd_person_hits");
  gint64 id = sqlite3_value_int64 (argv[1]);
  sqlite3_result_int (ctx, hits && id >= 0 && id < hits->n_bits
                               && (hits->bits[id >> 3] & (1u << (id & 7))));
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
    sqlite3_bind_int64 (stmt, index, self->filter.village_id);
  bind_named (stmt, ":status", self->filter.status);
  bind_named (stmt, ":hits", self->hits_json);
  if ((index = sqlite3_bind_parameter_index (stmt, ":bits")) > 0)
    sqlite3_bind_pointer (stmt, index, &self->hit_bits, "jd_person_hits", NULL);
}

/* ---- the hits ---------------------------------------------------------------------- */

static gint64
pragma_int (JdPersonQuery *self, const char *sql)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (self->ledger, sql, NULL);
  gint64 value = stmt && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  if (stmt)
    sqlite3_reset (stmt);
  return value;
}

static void
append_column (GString *text, sqlite3_stmt *stmt, int column)
{
  const char *value = (const char *)sqlite3_column_text (stmt, column);
  if (value)
    g_string_append_len (text, value, sqlite3_column_bytes (stmt, column));
  g_string_append_c (text, CORPUS_SEP);
}

/* Reads the corpus, unless the ledger is as it was when it was read. */
static gboolean
load_corpus (JdPersonQuery *self, GError **error)
{
  gint64 data_version = pragma_int (self, "PRAGMA data_version");
  gint64 changes = sqlite3_total_changes64 (jd_ledger_get_db (self->ledger));
  if (self->has_corpus && data_version == self->corpus_data_version
      && changes == self->corpus_changes)
    return TRUE;

  sqlite3_stmt *stmt = jd_ledger_prepare (
      self->ledger,
      "SELECT id, name, id_number, household_address, residence_address FROM person ORDER BY id",
      error);
  if (stmt == NULL)
    return FALSE;
  g_array_set_size (self->corpus_ids, 0);
  g_array_set_size (self->corpus_ends, 0);
  g_string_truncate (self->corpus_text, 0);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      for (int column = 1; column <= 4; column++)
        append_column (self->corpus_text, stmt, column);
      g_array_append_val (self->corpus_ids, id);
      g_array_append_val (self->corpus_ends, self->corpus_text->len);
    }
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (self->ledger, error);
      sqlite3_reset (stmt);
      self->has_corpus = FALSE;
      return FALSE;
    }
  sqlite3_reset (stmt);
  self->has_corpus = TRUE;
  self->corpus_data_version = data_version;
  self->corpus_changes = changes;
  return TRUE;
}

/* The ids of the corpus's records that contain text, in id order. */
static gboolean
scan_corpus (JdPersonQuery *self, GArray *ids, GError **error)
{
  if (!load_corpus (self, error))
    return FALSE;

  const char *start = self->corpus_text->str;
  const char *end = start + self->corpus_text->len;
  const gsize *ends = (const gsize *)(gpointer)self->corpus_ends->data;
  gsize n_text = strlen (self->filter.text);
  guint record = 0;
  for (const char *at = start; at < end;)
    {
      const char *found = memmem (at, end - at, self->filter.text, n_text);
      if (found == NULL)
        break;
      while (ends[record] <= (gsize)(found - start))
        record++;
      g_array_append_val (ids, g_array_index (self->corpus_ids, gint64, record));
      at = start + ends[record];
    }
  return TRUE;
}

/* The ids that sql finds with text bound to ?1, in id order. */
static gboolean
select_ids (JdPersonQuery *self, const char *sql, const char *text, GArray *ids, GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (self->ledger, sql, error);
  if (stmt == NULL)
    return FALSE;
  jd_bind_text (stmt, 1, text);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (self->ledger, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static void
clear_hits (JdPersonQuery *self)
{
  self->hits_kind = HITS_NONE;
  self->n_hits = 0;
  g_clear_pointer (&self->hits_json, g_free);
  g_clear_pointer (&self->hit_bits.bits, g_free);
  self->hit_bits.n_bits = 0;
}

/* Searches: the hits of the text, as a list or a bitmap. */
static gboolean
find_hits (JdPersonQuery *self, GError **error)
{
  clear_hits (self);
  if (self->path == JD_PERSON_SEARCH_NONE)
    return TRUE;

  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok;
  if (self->path == JD_PERSON_SEARCH_MATCH)
    ok = select_ids (self, "SELECT rowid FROM person_fts WHERE person_fts MATCH ?1 ORDER BY rowid",
                     self->match, ids, error);
  else if (strchr (self->filter.text, CORPUS_SEP) == NULL)
    ok = scan_corpus (self, ids, error);
  else /* the corpus's separator in the text: it could match across two columns */
    ok = select_ids (self,
                     "SELECT id FROM person WHERE instr(name, ?1) OR instr(id_number, ?1)"
                     " OR instr(household_address, ?1) OR instr(residence_address, ?1)"
                     " ORDER BY id",
                     self->filter.text, ids, error);
  if (!ok)
    return FALSE;

  self->n_hits = ids->len;
  if (ids->len <= MAX_LISTED_HITS)
    {
      self->hits_json = jd_json_ids ((const gint64 *)(gpointer)ids->data, ids->len);
      self->hits_kind = HITS_LIST;
      return TRUE;
    }
  gint64 max = g_array_index (ids, gint64, ids->len - 1);
  self->hit_bits.n_bits = max + 1;
  self->hit_bits.bits = g_malloc0 (max / 8 + 1);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      if (id >= 0)
        self->hit_bits.bits[id >> 3] |= 1u << (id & 7);
    }
  self->hits_kind = HITS_BITS;
  return TRUE;
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
      if (!jd_work_item_is_overdue (item) || item->person_id == 0) /* a village item */
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
  if (self->filter.text == NULL)
    self->path = JD_PERSON_SEARCH_NONE;
  else if (self->has_fts && g_utf8_strlen (self->filter.text, -1) >= 3)
    {
      self->path = JD_PERSON_SEARCH_MATCH;
      self->match = make_match (self->filter.text);
    }
  else
    self->path = JD_PERSON_SEARCH_SCAN;

  if (!find_hits (self, error))
    return FALSE;

  /* The count: the hits, unless other filters apply too. */
  if (!create_overdue (self, error))
    return FALSE;

  g_autoptr (GString) sql = g_string_new ("SELECT count(*) FROM person p");
  guint n;
  if (self->hits_kind != HITS_NONE && self->filter.village_id <= 0 && self->filter.status == NULL
      && !self->filter.overdue_only)
    n = self->n_hits;
  else
    {
      if (self->filter.overdue_only)
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
      n = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  /* The statement that reads a page: the page's ids in order, then their rows. */
  const char *direction = self->filter.descending ? "DESC" : "ASC";
  g_string_assign (sql,
                   "SELECT p.id, p.name, p.sex, p.id_number, v.name, " STATUS_SQL
                   " AS status, p.first_found_on, " LAST_TALK_SQL " AS last_talk, " LAST_URINE_SQL
                   " AS last_urine, coalesce(o.kinds, 0), coalesce(o.days, 0)"
                   " FROM (SELECT p.id AS id, ");
  g_string_append_printf (sql, "%s AS k FROM person p", sort_keys[self->filter.sort]);
  if (self->filter.overdue_only)
    g_string_append (sql, " JOIN temp.jd_person_overdue o ON o.person_id = p.id");
  else if (self->filter.sort == JD_PERSON_SORT_OVERDUE)
    g_string_append (sql, " LEFT JOIN temp.jd_person_overdue o ON o.person_id = p.id");
  if (self->filter.sort == JD_PERSON_SORT_VILLAGE)
    g_string_append (sql, " JOIN village v ON v.id = " VILLAGE_TODAY);
  append_where (self, sql);
  g_string_append_printf (sql,
                          " ORDER BY k %s, p.id %s LIMIT :limit OFFSET :offset) AS page"
                          " JOIN person p ON p.id = page.id"
                          " JOIN village v ON v.id = " VILLAGE_TODAY
                          " LEFT JOIN temp.jd_person_overdue o ON o.person_id = p.id"
                          " ORDER BY page.k %s, p.id %s",
                          direction, direction, direction, direction);
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
      g_ptr_array_add (rows, jd_person_row_new_from_stmt (stmt));
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
  jd_person_filter_clear (&self->filter);
  g_free (self->match);
  clear_hits (self);
  g_array_unref (self->corpus_ids);
  g_array_unref (self->corpus_ends);
  g_string_free (self->corpus_text, TRUE);
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
  self->corpus_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->corpus_ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->corpus_text = g_string_new (NULL);
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
  /* Once per connection: registering a function again expires its statements. */
  if (!jd_ledger_has_person_hit (ledger))
    {
      sqlite3_create_function (jd_ledger_get_db (ledger), "jd_person_hit", 2, SQLITE_UTF8, NULL,
                               sql_person_hit, NULL, NULL);
      jd_ledger_set_person_hit (ledger);
    }
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
  g_free (self->filter.text);
  self->filter.text = *stripped ? g_steal_pointer (&stripped) : NULL;
}

void
jd_person_query_set_village (JdPersonQuery *self, gint64 village_id)
{
  g_return_if_fail (JD_IS_PERSON_QUERY (self));
  self->filter.village_id = village_id;
}

void
jd_person_query_set_status (JdPersonQuery *self, const char *status)
{
  g_return_if_fail (JD_IS_PERSON_QUERY (self));
  g_free (self->filter.status);
  self->filter.status = g_strdup (status);
}

void
jd_person_query_set_overdue_only (JdPersonQuery *self, gboolean overdue_only)
{
  g_return_if_fail (JD_IS_PERSON_QUERY (self));
  self->filter.overdue_only = overdue_only;
}

void
jd_person_query_set_sort (JdPersonQuery *self, JdPersonSort sort, gboolean descending)
{
  g_return_if_fail (JD_IS_PERSON_QUERY (self));
  g_return_if_fail (sort < JD_N_PERSON_SORTS);
  self->filter.sort = sort;
  self->filter.descending = descending;
}

void
jd_person_query_set_filter (JdPersonQuery *self, const JdPersonFilter *filter)
{
  g_return_if_fail (JD_IS_PERSON_QUERY (self) && filter != NULL);
  jd_person_query_set_text (self, filter->text);
  jd_person_query_set_village (self, filter->village_id);
  jd_person_query_set_status (self, filter->status);
  jd_person_query_set_overdue_only (self, filter->overdue_only);
  jd_person_query_set_sort (self, filter->sort, filter->descending);
}

void
jd_person_filter_clear (JdPersonFilter *filter)
{
  g_clear_pointer (&filter->text, g_free);
  g_clear_pointer (&filter->status, g_free);
}

gboolean
jd_person_query_reload (JdPersonQuery *self, GError **error)
{
  g_return_val_if_fail (JD_IS_PERSON_QUERY (self), FALSE);
  /* The corpus now, after the overdue work's temporary table changed, so that
   * the first keystroke finds it ready. */
  return load_overdue (self, error) && load_corpus (self, error)
         && jd_person_query_refresh (self, error);
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
