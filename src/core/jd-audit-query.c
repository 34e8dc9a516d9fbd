/* jd-audit-query.c: reading the audit log a page at a time */
#include "config.h"

#include "jd-audit-query.h"

#include <glib/gi18n-lib.h>

#include "jd-ledger-private.h"

static const struct
{
  const char *table;
  const char *label; /* translatable */
  const char *zh;
} tables[] = {
  { "person", N_ ("Person"), "人员" },
  { "status_span", N_ ("Status"), "人员状态" },
  { "followup", N_ ("Follow-up"), "帮教记录" },
  { "help_member", N_ ("Help group member"), "帮教小组成员" },
  { "agreement", N_ ("Help agreement"), "帮教协议" },
  { "use_event", N_ ("Drug use"), "吸毒记录" },
  { "village", N_ ("Village"), "村(社区)" },
  { "activity", N_ ("Publicity activity"), "宣传活动" },
  { "letter", N_ ("Responsibility letter"), "责任书" },
  { "venue", N_ ("Venue"), "场所" },
  { "inspection", N_ ("Venue inspection"), "场所检查" },
  { "title_event", N_ ("Title event"), "创建事件" },
  { "assessment", N_ ("Assessment"), "考核" },
  { "assessment_item", N_ ("Assessment item"), "考核项目" },
  { "staff", N_ ("Staff"), "工作人员" },
  { "setting", N_ ("Setting"), "设置" },
  { "township", N_ ("Township"), "乡镇" },
};

const char *const *
jd_audit_tables (void)
{
  static const char *names[G_N_ELEMENTS (tables) + 1];
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    names[i] = tables[i].table;
  return names;
}

const char *
jd_audit_table_label (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_strcmp0 (tables[i].table, table) == 0)
      return _ (tables[i].label);
  return table;
}

const char *
jd_audit_table_zh (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_strcmp0 (tables[i].table, table) == 0)
      return tables[i].zh;
  return table;
}

void
jd_audit_log_entry_free (JdAuditLogEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->user);
  g_free (entry->table);
  g_free (entry->person);
  g_free (entry->action);
  g_free (entry->changes);
  g_free (entry);
}

/* A value as shown: when ?7 says so, masked by its field's rule (jd-mask.h,
 * through jd_mask_field); a field masking leaves out (the birth date) is NULL,
 * and so is its whole "key: value" part, which group_concat then skips. */
#define SHOWN(KEY, VALUE)                                                                          \
  "CASE WHEN ?7 THEN jd_mask_field(" KEY ", coalesce(" VALUE ", ''))"                              \
  " ELSE coalesce(" VALUE ", '') END"

GPtrArray *
jd_audit_query (JdLedger *ledger, const JdAuditFilter *filter, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  /* The changes: for an update the fields whose values differ, old → new; for
   * an insert or a delete the values that were there. */
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "SELECT a.id, a.at, a.os_user, a.tbl, a.row_id, a.person_id, p.name, a.action,"
      " CASE a.action WHEN 'update' THEN"
      "  (SELECT group_concat(n.key || ': ' || " SHOWN ("n.key", "o.value") " || ' → ' || " SHOWN (
          "n.key",
          "n.value") ", '; ')"
                     "   FROM json_each(a.after) n LEFT JOIN json_each(a.before) o ON o.key = n.key"
                     "   WHERE o.value IS NOT n.value)"
                     " ELSE"
                     "  (SELECT group_concat(v.key || ': ' || " SHOWN (
                         "v.key",
                         "v.value") ", '; ')"
                                    "   FROM json_each(coalesce(a.after, a.before)) v WHERE "
                                    "v.value IS NOT NULL"
                                    "   AND v.key <> 'id')"
                                    " END"
                                    " FROM audit_log a LEFT JOIN person p ON p.id = a.person_id"
                                    " WHERE (?1 = 0 OR a.id < ?1)"
                                    " AND (?2 IS NULL OR a.at >= ?2) AND (?3 IS NULL OR a.at < "
                                    "date(?3, '+1 day'))"
                                    " AND (?4 IS NULL OR a.os_user = ?4) AND (?5 IS NULL OR a.tbl "
                                    "= ?5)"
                                    " AND (?6 IS NULL OR a.person_id IN (SELECT id FROM person"
                                    "      WHERE instr(name, ?6) > 0 OR id_number = upper(?6)))"
                                    " ORDER BY a.id DESC LIMIT ?8",
      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, filter->before_id);
  jd_bind_text (stmt, 2, filter->from);
  jd_bind_text (stmt, 3, filter->to);
  jd_bind_text (stmt, 4, filter->user);
  jd_bind_text (stmt, 5, filter->table);
  jd_bind_text (stmt, 6, filter->person);
  sqlite3_bind_int (stmt, 7, filter->mask);
  sqlite3_bind_int64 (stmt, 8, filter->limit ? filter->limit : 500);

  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_audit_log_entry_free);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdAuditLogEntry *e = g_new0 (JdAuditLogEntry, 1);
      e->id = sqlite3_column_int64 (stmt, 0);
      e->at = jd_column_dup (stmt, 1);
      e->user = jd_column_dup (stmt, 2);
      e->table = jd_column_dup (stmt, 3);
      e->row_id = sqlite3_column_int64 (stmt, 4);
      e->person_id = sqlite3_column_int64 (stmt, 5);
      e->person = jd_column_dup (stmt, 6);
      e->action = jd_column_dup (stmt, 7);
      e->changes = jd_column_dup (stmt, 8);
      g_ptr_array_add (entries, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      g_ptr_array_unref (entries);
      return NULL;
    }
  return entries;
}
