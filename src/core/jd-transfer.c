/* jd-transfer.c: a person moving to another township (docs/contract.md §9, docs/packages.md)
 *
 * The payload is JSON: the person's row and the rows of each table of their
 * record (statuses, use events, help members, agreements, follow-ups), each
 * an object of column → value as the sender's ledger holds them, and their
 * moves as village names (the sender's villages are not the receiver's).
 * The receiver inserts every row under new ids in one transaction, the person
 * managed by the village it names; the audit triggers record each row.
 */
#include "config.h"

#include "jd-transfer.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-ledger-private.h"
#include "jd-package.h"
#include "jd-store.h"

#define MAX_PAYLOAD_BYTES (16 * 1024 * 1024)

/* The tables of a person's record, each with its person_id. */
static const char *const record_tables[]
    = { "status_span", "use_event", "help_member", "agreement", "followup" };

void
jd_transfer_imported_free (JdTransferImported *imported)
{
  if (imported == NULL)
    return;
  g_free (imported->id_number);
  g_free (imported->from_township);
  g_free (imported->fingerprint);
  g_free (imported);
}

/* ---- sending ------------------------------------------------------------------- */

static void
add_row (JsonBuilder *builder, sqlite3_stmt *stmt)
{
  json_builder_begin_object (builder);
  for (int c = 0; c < sqlite3_column_count (stmt); c++)
    {
      json_builder_set_member_name (builder, sqlite3_column_name (stmt, c));
      switch (sqlite3_column_type (stmt, c))
        {
          case SQLITE_INTEGER:
            json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, c));
            break;
          case SQLITE_FLOAT:
            json_builder_add_double_value (builder, sqlite3_column_double (stmt, c));
            break;
          case SQLITE_TEXT:
            json_builder_add_string_value (builder, (const char *)sqlite3_column_text (stmt, c));
            break;
          default:
            json_builder_add_null_value (builder);
        }
    }
  json_builder_end_object (builder);
}

static gboolean
add_rows (JdLedger *ledger, JsonBuilder *builder, const char *sql, gint64 person_id, GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  json_builder_begin_array (builder);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_row (builder, stmt);
  json_builder_end_array (builder);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      return FALSE;
    }
  return TRUE;
}

static GBytes *
record_json (JdLedger *ledger, gint64 person_id, GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "person");
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "SELECT p.*, v.code AS managing_village_code, v.name AS managing_village_name,"
      " h.name AS household_village_of_sender FROM person AS p"
      " JOIN village AS v ON v.id = p.village_id"
      " LEFT JOIN village AS h ON h.id = p.household_village_id WHERE p.id = ?",
      error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      jd_ledger_set_error (ledger, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  add_row (builder, stmt);
  sqlite3_reset (stmt);
  for (guint t = 0; t < G_N_ELEMENTS (record_tables); t++)
    {
      json_builder_set_member_name (builder, record_tables[t]);
      g_autofree char *sql
          = g_strdup_printf ("SELECT * FROM %s WHERE person_id = ? ORDER BY id", record_tables[t]);
      if (!add_rows (ledger, builder, sql, person_id, error))
        return NULL;
    }
  json_builder_set_member_name (builder, "move");
  if (!add_rows (ledger, builder,
                 "SELECT m.moved_on, v.code AS village_code, v.name AS village_name FROM move AS m"
                 " JOIN village AS v ON v.id = m.village_id WHERE m.person_id = ?"
                 " ORDER BY m.moved_on, m.id",
                 person_id, error))
    return NULL;
  json_builder_end_object (builder);
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  json_generator_set_root (generator, root);
  gsize length = 0;
  char *text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

gboolean
jd_transfer_write (JdLedger *ledger,
                   const char *id_number,
                   const char *to_township,
                   const char *path,
                   JdOutputFlags flags,
                   char **fingerprint,
                   GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  g_autofree char *problem = jd_text_problem (to_township, JD_TEXT_NAME);
  if (*to_township == '\0' || problem)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("The receiving township’s name: %s"),
                   problem ? problem : _ ("it is empty"));
      return FALSE;
    }
  g_autofree char *township = jd_ledger_dup_township (ledger);
  if (g_strcmp0 (township, to_township) == 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("The person is already in %s: a transfer goes to another township"),
                   to_township);
      return FALSE;
    }
  gint64 person_id = jd_store_find_person (ledger, id_number);
  if (person_id == 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("No person has the ID number %s"),
                   id_number);
      return FALSE;
    }
  if (!jd_output_check (path, jd_ledger_get_path (ledger), flags, error))
    return FALSE;
  /* The key before the transaction: making it takes one of its own. */
  guint8 key[JD_PACKAGE_PUBLIC_KEY_BYTES];
  if (!jd_package_ledger_key (ledger, key, error))
    return FALSE;

  g_autoptr (JdPackageManifest) m = g_new0 (JdPackageManifest, 1);
  m->kind = g_strdup ("transfer");
  m->township = g_strdup (township);
  m->county = jd_ledger_dup_county (ledger);
  m->data_version = JD_SCHEMA_VERSION;
  m->to_township = g_strdup (to_township);
  m->transfer_id = g_uuid_string_random ();
  m->id_number = g_strdup (id_number);
  m->as_of = jd_package_now ();

  if (!jd_ledger_begin (ledger, error))
    return FALSE;
  g_autoptr (GBytes) payload = record_json (ledger, person_id, error);
  g_autofree char *note = g_strdup_printf (_ ("Transferred to %s"), to_township);
  JdStatusRecord status
      = { .person_id = person_id, .status = "moved_out", .started_on = jd_today (), .note = note };
  gboolean written = FALSE;
  gboolean ok = payload && jd_store_status (ledger, &status, error) != JD_STORE_FAILED
                && (written = jd_package_write_bytes (ledger, m, payload, path, flags, error));
  if (ok)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "what");
      json_builder_add_string_value (builder, "transfer");
      json_builder_set_member_name (builder, "to");
      json_builder_add_string_value (builder, to_township);
      json_builder_set_member_name (builder, "transfer_id");
      json_builder_add_string_value (builder, m->transfer_id);
      json_builder_end_object (builder);
      g_autoptr (JsonNode) root = json_builder_get_root (builder);
      g_autofree char *details = json_to_string (root, FALSE);
      ok = jd_ledger_log_output (ledger, JD_OUTPUT_EXPORT, path, details, FALSE, error)
           && jd_ledger_commit (ledger, error);
    }
  if (!ok)
    {
      jd_ledger_rollback (ledger);
      if (written)
        g_unlink (path);
      return FALSE;
    }
  if (fingerprint)
    *fingerprint = g_strdup (m->fingerprint);
  return TRUE;
}

/* ---- receiving ----------------------------------------------------------------- */

static gboolean
collect_cb (const void *data, gsize size, gpointer user_data, GError **error)
{
  GByteArray *bytes = user_data;
  if (bytes->len + size > MAX_PAYLOAD_BYTES)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("The transfer is too large"));
      return FALSE;
    }
  g_byte_array_append (bytes, data, size);
  return TRUE;
}

/* The columns a row may be given in table: the stored ones (not generated). */
static GHashTable *
insertable_columns (JdLedger *ledger, const char *table, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_xinfo ('%s')"
                                          " WHERE hidden = 0",
                                          table);
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, error);
  if (stmt == NULL)
    return NULL;
  GHashTable *columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (columns, jd_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  return columns;
}

static void
bind_node (sqlite3_stmt *stmt, int index, JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    sqlite3_bind_null (stmt, index);
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    sqlite3_bind_double (stmt, index, json_node_get_double (node));
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    jd_bind_text (stmt, index, json_node_get_string (node));
  else
    sqlite3_bind_null (stmt, index);
}

static const char *member_string (JsonObject *object, const char *name);

/* The rules of every write (contract.md §3) that a row from another ledger
 * could break: text without control characters and within its length, dates
 * real days from 1950 on, and events not after today. NULL when the row
 * keeps them, else the reason. */
static char *
row_problem (const char *table, JsonObject *row)
{
  static const char *const events[]
      = { "first_found_on", "started_on", "occurred_on", "signed_on", "since" };
  GList *members = json_object_get_members (row);
  char *problem = NULL;
  for (GList *l = members; l && problem == NULL; l = l->next)
    {
      const char *name = l->data;
      const char *text = member_string (row, name);
      if (text == NULL)
        continue;
      gboolean is_name = g_str_equal (name, "name") || g_str_equal (name, "member_name");
      g_autofree char *text_problem
          = jd_text_problem (text, is_name ? JD_TEXT_NAME : JD_TEXT_LINES);
      if (text_problem)
        {
          problem = g_strdup_printf ("%s, %s: %s", table, name, text_problem);
          break;
        }
      if (!g_str_has_suffix (name, "_on") && !g_str_equal (name, "since")
          && !g_str_equal (name, "until"))
        continue;
      JdDay day = jd_day_parse_iso (text);
      gboolean event = FALSE;
      for (guint e = 0; e < G_N_ELEMENTS (events); e++)
        event = event || g_str_equal (name, events[e]);
      if (day == 0 || jd_day_year (day) < JD_STORE_FIRST_YEAR || (event && day > jd_today ()))
        problem = g_strdup_printf (_ ("%s, %s: %s is not a date this ledger accepts"), table, name,
                                   text);
    }
  g_list_free (members);
  return problem;
}

/* Inserts row into table: its columns the table has, but id; overrides
 * (column → JsonNode) replace or add values. The new row's id in *id. */
static gboolean
insert_row (JdLedger *ledger,
            const char *table,
            JsonObject *row,
            GHashTable *overrides,
            gint64 *id,
            GError **error)
{
  g_autofree char *problem = row_problem (table, row);
  if (problem)
    {
      g_set_error_literal (error, JD_ERROR, JD_ERROR_INVALID, problem);
      return FALSE;
    }
  g_autoptr (GHashTable) columns = insertable_columns (ledger, table, error);
  if (columns == NULL)
    return FALSE;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GPtrArray) values = g_ptr_array_new ();
  GList *members = json_object_get_members (row);
  for (GList *l = members; l; l = l->next)
    {
      const char *name = l->data;
      if (g_str_equal (name, "id") || !g_hash_table_contains (columns, name)
          || g_hash_table_contains (overrides, name))
        continue;
      g_ptr_array_add (names, (gpointer)name);
      g_ptr_array_add (values, json_object_get_member (row, name));
    }
  g_list_free (members);
  GHashTableIter iter;
  gpointer key, value;
  g_hash_table_iter_init (&iter, overrides);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_ptr_array_add (names, key);
      g_ptr_array_add (values, value);
    }
  g_autoptr (GString) sql = g_string_new (NULL);
  g_string_append_printf (sql, "INSERT INTO %s (", table);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (sql, "%s\"%s\"", i ? ", " : "", (const char *)names->pdata[i]);
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < names->len; i++)
    g_string_append (sql, i ? ", ?" : "?");
  g_string_append (sql, ")");
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < values->len; i++)
    bind_node (stmt, i + 1, values->pdata[i]);
  if (!jd_ledger_step_done (ledger, stmt, error))
    return FALSE;
  if (id)
    *id = sqlite3_last_insert_rowid (jd_ledger_get_db (ledger));
  return TRUE;
}

static const char *
member_string (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
             ? json_node_get_string (node)
             : NULL;
}

/* Where the person came from, for their note. */
static char *
provenance_note (JsonObject *person, JsonArray *moves, const JdPackageManifest *m)
{
  g_autoptr (GString) note = g_string_new (member_string (person, "note"));
  if (note->len)
    g_string_append (note, "\n");
  g_autofree char *from = m->county && *m->county
                              ? g_strdup_printf ("%s (%s)", m->township, m->county)
                              : g_strdup (m->township);
  /* TRANSLATORS: the sending township, the package's date, the key's fingerprint. */
  g_string_append_printf (note, _ ("Transferred from %s, sent %.10s, key fingerprint %s."), from,
                          m->as_of, m->fingerprint);
  const char *village = member_string (person, "managing_village_name");
  if (village)
    /* TRANSLATORS: the village, the township. */
    g_string_append_printf (note, _ (" Managed there by %s."), village);
  for (guint i = 0; moves && i < json_array_get_length (moves); i++)
    {
      JsonObject *move = json_array_get_object_element (moves, i);
      if (move == NULL)
        continue;
      /* TRANSLATORS: a date, then a village of the sending township. */
      g_string_append_printf (
          note, _ (" Moved on %s to %s."),
          member_string (move, "moved_on") ? member_string (move, "moved_on") : "?",
          member_string (move, "village_name") ? member_string (move, "village_name") : "?");
    }
  return g_string_free (g_steal_pointer (&note), FALSE);
}

static gboolean
import_record (JdLedger *ledger,
               JsonObject *root,
               const JdPackageManifest *m,
               gint64 village_id,
               guint *records,
               GError **error)
{
  JsonObject *person = json_object_get_object_member (root, "person");
  JsonArray *moves
      = json_object_has_member (root, "move") ? json_object_get_array_member (root, "move") : NULL;
  g_autofree char *note = provenance_note (person, moves, m);
  g_autoptr (GHashTable) overrides
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)json_node_unref);
  g_hash_table_insert (overrides, "village_id",
                       json_node_init_int (json_node_alloc (), village_id));
  g_hash_table_insert (overrides, "household_village_id", json_node_init_null (json_node_alloc ()));
  const char *household = member_string (person, "household_village_name");
  if (household == NULL)
    household = member_string (person, "household_village_of_sender");
  g_hash_table_insert (overrides, "household_village_name",
                       household ? json_node_init_string (json_node_alloc (), household)
                                 : json_node_init_null (json_node_alloc ()));
  g_hash_table_insert (overrides, "note", json_node_init_string (json_node_alloc (), note));
  gint64 person_id = 0;
  if (!insert_row (ledger, "person", person, overrides, &person_id, error))
    return FALSE;
  *records = 1;
  for (guint t = 0; t < G_N_ELEMENTS (record_tables); t++)
    {
      JsonArray *rows = json_object_has_member (root, record_tables[t])
                            ? json_object_get_array_member (root, record_tables[t])
                            : NULL;
      g_autoptr (GHashTable) person_override
          = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)json_node_unref);
      g_hash_table_insert (person_override, "person_id",
                           json_node_init_int (json_node_alloc (), person_id));
      for (guint i = 0; rows && i < json_array_get_length (rows); i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          if (row == NULL)
            {
              g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("A row of %s is not a record"),
                           record_tables[t]);
              return FALSE;
            }
          if (!insert_row (ledger, record_tables[t], row, person_override, NULL, error))
            return FALSE;
          (*records)++;
        }
    }
  return TRUE;
}

JdTransferImported *
jd_transfer_import (JdLedger *ledger, const char *path, const char *village_code, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autoptr (JdPackageManifest) m = jd_package_read (path, collect_cb, bytes, error);
  if (m == NULL)
    return NULL;
  if (!g_str_equal (m->kind, "transfer") || m->transfer_id == NULL || m->id_number == NULL)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s is not a transfer of a person (a township’s package goes to the county: "
                      "jindu county add)"),
                   path);
      return NULL;
    }
  g_autofree char *township = jd_ledger_dup_township (ledger);
  if (g_strcmp0 (m->to_township, township) != 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s is a transfer to %s, not to %s: it was not imported"), path,
                   m->to_township ? m->to_township : "?", township);
      return NULL;
    }
  if (m->data_version > JD_SCHEMA_VERSION)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s comes from a newer version of Jindu Ledger (data version %d; this one "
                      "reads up to %d): update Jindu Ledger to import it"),
                   path, m->data_version, JD_SCHEMA_VERSION);
      return NULL;
    }

  JdTransferImported *imported = g_new0 (JdTransferImported, 1);
  imported->id_number = g_strdup (m->id_number);
  imported->from_township = g_strdup (m->township);
  imported->fingerprint = g_strdup (m->fingerprint);
  g_autofree char *setting = g_strconcat ("transfer:", m->transfer_id, NULL);
  g_autofree char *done = jd_ledger_get_setting (ledger, setting);
  if (done)
    {
      imported->already = TRUE;
      return imported;
    }
  g_autoptr (JdTransferImported) owned = imported;
  if (jd_store_find_person (ledger, m->id_number) != 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s: a person with the ID number %s is already registered here: it was not "
                      "imported"),
                   path, m->id_number);
      return NULL;
    }
  if (village_code == NULL)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("%s: choose the village that will manage the person (--village CODE)"), path);
      return NULL;
    }
  gint64 village_id = jd_store_find_village (ledger, village_code);
  if (village_id == 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("No village has the code %s"),
                   village_code);
      return NULL;
    }
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root = NULL;
  if (!json_parser_load_from_data (parser, (const char *)bytes->data, bytes->len, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "person")
      || json_object_get_object_member (json_node_get_object (root), "person") == NULL
      || g_strcmp0 (
             member_string (json_object_get_object_member (json_node_get_object (root), "person"),
                            "id_number"),
             m->id_number)
             != 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("%s does not hold a person’s record"),
                   path);
      return NULL;
    }

  GError *local = NULL;
  if (!jd_ledger_begin (ledger, error))
    return NULL;
  gboolean ok = import_record (ledger, json_node_get_object (root), m, village_id,
                               &imported->records, &local)
                && jd_ledger_set_setting (ledger, setting, m->as_of, &local)
                && jd_ledger_commit (ledger, &local);
  if (!ok)
    {
      jd_ledger_rollback (ledger);
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("%s cannot be imported: %s"), path,
                   local ? local->message : "?");
      g_clear_error (&local);
      return NULL;
    }
  return g_steal_pointer (&owned);
}
