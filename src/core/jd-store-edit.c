/* jd-store-edit.c: correcting and deleting venues, inspections, letters and staff (see
 * jd-store-edit.h) */
#include "config.h"

#include "jd-store-edit.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "jd-error.h"
#include "jd-ledger-private.h"
#include "jd-store-private.h"

/* Each kind's table and columns, as a new record of it is written (jd-store-private.h);
 * activities are only deleted here. */
static const struct
{
  const char *table;
  const JdStoreLayout *layout;
} kinds[JD_N_RECORD_KINDS] = {
  [JD_RECORD_VENUE] = { "venue", &jd_store_venue_layout },
  [JD_RECORD_INSPECTION] = { "inspection", &jd_store_inspection_layout },
  [JD_RECORD_LETTER] = { "letter", &jd_store_letter_layout },
  [JD_RECORD_STAFF] = { "staff", &jd_store_staff_layout },
  [JD_RECORD_ACTIVITY] = { "activity", NULL },
};

/* "village_id, name, …": the kind's columns, as the SQL lists them. */
static char *
column_list (JdRecordKind kind)
{
  const JdStoreLayout *layout = kinds[kind].layout;
  GString *out = g_string_new (NULL);
  for (guint i = 0; layout && i < layout->n_columns; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "", layout->columns[i].name);
  return g_string_free (out, FALSE);
}

static void
set_not_found (GError **error, JdRecordKind kind, gint64 id)
{
  g_set_error (error, JD_ERROR, JD_ERROR_NOT_FOUND,
               _ ("The record was already deleted (%s %" PRId64 ")"), kinds[kind].table, id);
}

static gboolean
exists (JdLedger *ledger, JdRecordKind kind, gint64 id, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", kinds[kind].table);
  GError *local = NULL;
  gboolean found = jd_store_row_exists (ledger, sql, id, &local);
  if (local)
    g_propagate_error (error, local);
  else if (!found)
    set_not_found (error, kind, id);
  return found;
}

/* UPDATE … SET (columns) = (?1 …) WHERE id = ?N+1, unless the values are the same. */
static JdStoreResult
update (JdLedger *ledger, JdRecordKind kind, gint64 id, gconstpointer record, GError **error)
{
  if (!exists (ledger, kind, id, error))
    return JD_STORE_FAILED;

  const JdStoreLayout *layout = kinds[kind].layout;
  g_autofree char *columns = column_list (kind);
  g_autoptr (GString) values = g_string_new (NULL);
  for (guint i = 1; i <= layout->n_columns; i++)
    g_string_append_printf (values, "%s?%u", i > 1 ? ", " : "", i);
  g_autofree char *sql = g_strdup_printf (
      "UPDATE %s SET (%s) = (%s) WHERE id = ?%u AND (%s) IS NOT (%s)", kinds[kind].table, columns,
      values->str, layout->n_columns + 1, columns, values->str);
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  jd_store_bind (stmt, layout, record);
  sqlite3_bind_int64 (stmt, layout->n_columns + 1, id);
  if (!jd_ledger_step_done (ledger, stmt, error))
    return JD_STORE_FAILED;
  return sqlite3_changes (jd_ledger_get_db (ledger)) > 0 ? JD_STORE_UPDATED : JD_STORE_UNCHANGED;
}

JdStoreResult
jd_store_update_venue (JdLedger *ledger, gint64 id, const JdVenueRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger) && r != NULL, JD_STORE_FAILED);
  if (!jd_store_check_venue (ledger, r, error))
    return JD_STORE_FAILED;
  /* A village's venues have names of their own. */
  gint64 other = jd_store_find_venue (ledger, r->village_id, r->name);
  if (other != 0 && other != id)
    {
      jd_set_field_error (error, "name", _ ("the village has another venue called “%s”"), r->name);
      return JD_STORE_FAILED;
    }
  return update (ledger, JD_RECORD_VENUE, id, r, error);
}

JdStoreResult
jd_store_update_inspection (JdLedger *ledger,
                            gint64 id,
                            const JdInspectionRecord *r,
                            GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger) && r != NULL, JD_STORE_FAILED);
  if (!jd_store_check_inspection (ledger, r, error))
    return JD_STORE_FAILED;
  return update (ledger, JD_RECORD_INSPECTION, id, r, error);
}

JdStoreResult
jd_store_update_letter (JdLedger *ledger, gint64 id, const JdLetterRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger) && r != NULL, JD_STORE_FAILED);
  if (!jd_store_check_letter (ledger, r, error))
    return JD_STORE_FAILED;
  return update (ledger, JD_RECORD_LETTER, id, r, error);
}

JdStoreResult
jd_store_update_staff (JdLedger *ledger, gint64 id, const JdStaffRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger) && r != NULL, JD_STORE_FAILED);
  if (!jd_store_check_staff (ledger, r, error))
    return JD_STORE_FAILED;
  return update (ledger, JD_RECORD_STAFF, id, r, error);
}

gboolean
jd_store_delete_record (JdLedger *ledger, JdRecordKind kind, gint64 id, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (kind < JD_N_RECORD_KINDS, FALSE);

  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", kinds[kind].table);
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!jd_ledger_step_done (ledger, stmt, error))
    return FALSE;
  if (sqlite3_changes (jd_ledger_get_db (ledger)) == 0)
    {
      set_not_found (error, kind, id);
      return FALSE;
    }
  return TRUE;
}

/* A column name of the kind's own, so that it may stand in the SQL. */
static gboolean
is_column (JdRecordKind kind, const char *column)
{
  const JdStoreLayout *layout = kinds[kind].layout;
  for (guint i = 0; layout && i < layout->n_columns; i++)
    if (g_str_equal (layout->columns[i].name, column))
      return TRUE;
  return FALSE;
}

GStrv
jd_store_read_record (
    JdLedger *ledger, JdRecordKind kind, gint64 id, const char *const *columns, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (kind < JD_N_RECORD_KINDS && columns != NULL, NULL);
  g_return_val_if_fail (kinds[kind].layout != NULL, NULL);

  guint n = g_strv_length ((GStrv)columns);
  g_autoptr (GString) sql = g_string_new ("SELECT ");
  for (guint i = 0; i < n; i++)
    {
      g_return_val_if_fail (is_column (kind, columns[i]), NULL);
      g_string_append_printf (sql, "%s%s", i ? ", " : "", columns[i]);
    }
  if (n == 0)
    g_string_append (sql, "id");
  g_string_append_printf (sql, " FROM %s WHERE id = ?", kinds[kind].table);
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  int rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        set_not_found (error, kind, id);
      else
        jd_ledger_set_error (ledger, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  GStrv values = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const char *text = (const char *)sqlite3_column_text (stmt, (int)i);
      values[i] = g_strdup (text ? text : "");
    }
  sqlite3_reset (stmt);
  return values;
}

GArray *
jd_store_list_inspections (JdLedger *ledger, gint64 venue_id, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger, "SELECT id FROM inspection WHERE venue_id = ?1 ORDER BY inspected_on, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, venue_id);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      g_clear_pointer (&ids, g_array_unref);
    }
  sqlite3_reset (stmt);
  return ids;
}
