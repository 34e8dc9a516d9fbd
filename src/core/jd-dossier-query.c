/* jd-dossier-query.c: whose help files to print (docs/contract.md §7b)
 *
 * One query for the three scopes of `jindu dossier`; the person's records
 * themselves are read one person at a time by jd_person_load (), so a
 * document of thousands of files holds one person at a time.
 */
#include "config.h"

#include "jd-dossier-query.h"

#include <glib/gi18n-lib.h>

#include "jd-error.h"
#include "jd-ledger-private.h"

void
jd_dossier_entry_free (JdDossierEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry->id_number);
  g_free (entry->village_code);
  g_free (entry->village_name);
  g_free (entry->status);
  g_free (entry);
}

/* ?1 today, ?2 the key. The managing village today: the latest move on or
 * before today, else the person's own (contract.md §3, move). */
#define ENTRIES_SQL                                                                                \
  "WITH p AS (SELECT p.id, p.name, p.id_number,"                                                   \
  "  COALESCE((SELECT m.village_id FROM move m WHERE m.person_id = p.id AND m.moved_on <= ?1"      \
  "            ORDER BY m.moved_on DESC LIMIT 1), p.village_id) AS village_id,"                    \
  "  (SELECT s.status FROM status_span s WHERE s.person_id = p.id AND s.started_on <= ?1"          \
  "     AND (s.ended_on IS NULL OR s.ended_on >= ?1) ORDER BY s.started_on DESC LIMIT 1)"          \
  "    AS status"                                                                                  \
  "  FROM person p %s)"                                                                            \
  " SELECT p.id, p.name, p.id_number, v.code, v.name, COALESCE(p.status, 'at_large')"              \
  " FROM p JOIN village v ON v.id = p.village_id %s ORDER BY v.code, p.name, p.id"

GPtrArray *
jd_dossier_query_entries (
    JdLedger *ledger, JdDossierScope scope, const char *key, gint64 id, JdDay today, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (scope == JD_DOSSIER_ALL || key != NULL || id > 0, NULL);

  const char *inner = "", *outer = "";
  switch (scope)
    {
      case JD_DOSSIER_PERSON:
        inner = "WHERE p.id_number = upper(?2) OR p.id = ?3";
        break;
      case JD_DOSSIER_VILLAGE:
        outer = "WHERE v.code = ?2 OR v.id = ?3";
        break;
      case JD_DOSSIER_ALL:
        outer = "WHERE p.status IN ('community_detox', 'community_rehab')";
        break;
    }
  g_autofree char *sql = g_strdup_printf (ENTRIES_SQL, inner, outer);
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, error);
  if (stmt == NULL)
    return NULL;
  jd_bind_day (stmt, 1, today);
  if (key)
    jd_bind_text (stmt, 2, key);
  sqlite3_bind_int64 (stmt, 3, key ? 0 : id);

  g_autoptr (GPtrArray) entries
      = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_dossier_entry_free);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdDossierEntry *entry = g_new0 (JdDossierEntry, 1);
      entry->person_id = sqlite3_column_int64 (stmt, 0);
      entry->name = jd_column_dup (stmt, 1);
      entry->id_number = jd_column_dup (stmt, 2);
      entry->village_code = jd_column_dup (stmt, 3);
      entry->village_name = jd_column_dup (stmt, 4);
      entry->status = jd_column_dup (stmt, 5);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  if (entries->len > 0)
    return g_steal_pointer (&entries);

  g_autofree char *number = key ? NULL : g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (key == NULL)
    key = number;
  if (scope == JD_DOSSIER_PERSON)
    g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                 _ ("No registered person has the ID number “%s”"), key);
  else if (scope == JD_DOSSIER_VILLAGE)
    {
      sqlite3_stmt *find
          = jd_ledger_prepare (ledger, "SELECT 1 FROM village WHERE code = ?1 OR id = ?2", error);
      if (find == NULL)
        return NULL;
      jd_bind_text (find, 1, number ? NULL : key);
      sqlite3_bind_int64 (find, 2, number ? id : 0);
      gboolean known = sqlite3_step (find) == SQLITE_ROW;
      sqlite3_reset (find);
      if (known)
        g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                     _ ("The village “%s” manages no registered person today"), key);
      else
        g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("No village has the code “%s”"), key);
    }
  else
    g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                 _ ("No one is under community detox or community rehabilitation today"));
  return NULL;
}

char *
jd_dossier_query_village_name (JdLedger *ledger, gint64 village_id)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  if (village_id <= 0)
    return NULL;
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, "SELECT name FROM village WHERE id = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, village_id);
  char *name = sqlite3_step (stmt) == SQLITE_ROW ? jd_column_dup (stmt, 0) : NULL;
  sqlite3_reset (stmt);
  return name;
}
