/* jd-audit-query.c: reading the audit log a page at a time */
#include "config.h"

#include "jd-audit-query.h"

#include <glib/gi18n-lib.h>

#include "jd-enums.h"
#include "jd-ledger-private.h"
#include "jd-register-query.h"

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
  { "move", N_ ("Managing village change"), "管理村变更" },
  { "village", N_ ("Village"), "村(社区)" },
  { "activity", N_ ("Publicity activity"), "宣传活动" },
  { "letter", N_ ("Responsibility letter"), "责任书" },
  { "venue", N_ ("Venue"), "场所" },
  { "inspection", N_ ("Venue inspection"), "场所检查" },
  { "awareness_survey", N_ ("Awareness survey"), "知晓率调查" },
  { "title_event", N_ ("Title event"), "创建事件" },
  { "assessment", N_ ("Assessment"), "考核" },
  { "assessment_item", N_ ("Assessment item"), "考核项目" },
  { "staff", N_ ("Staff"), "工作人员" },
  { "setting", N_ ("Setting"), "设置" },
  { "township", N_ ("Township"), "乡镇" },
  { "output_event", N_ ("Exports and backups"), "导出与备份" },
  { "import_batch", N_ ("Import history"), "导入记录" },
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
  g_free (entry->file);
  g_free (entry->what);
  g_free (entry->sheets);
  g_free (entry);
}

/* ---- what left the ledger ------------------------------------------------------ */

static const struct
{
  const char *action;
  const char *label; /* translatable */
  const char *zh;
} actions[] = {
  { "insert", N_ ("Added"), "新增" },     { "update", N_ ("Changed"), "修改" },
  { "delete", N_ ("Deleted"), "删除" },   { "export", N_ ("Exported"), "导出" },
  { "print", N_ ("Printed"), "打印" },    { "backup", N_ ("Backed up"), "备份" },
  { "restore", N_ ("Restored"), "恢复" },
};

const char *
jd_audit_action_label (const char *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_strcmp0 (actions[i].action, action) == 0)
      return _ (actions[i].label);
  return action;
}

const char *
jd_audit_action_zh (const char *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_strcmp0 (actions[i].action, action) == 0)
      return actions[i].zh;
  return action;
}

char *
jd_audit_output_describe (const JdAuditLogEntry *e, gboolean chinese)
{
  g_return_val_if_fail (e != NULL, NULL);
  const char *file = e->file ? e->file : "";
  const char *what = e->what ? e->what : "";
  const char *sheets = e->sheets ? e->sheets : "";
  const char *mask
      = chinese ? (e->masked ? "已脱敏" : "未脱敏") : (e->masked ? _ ("masked") : _ ("not masked"));

  if (g_strcmp0 (e->action, "restore") == 0)
    return chinese ? g_strdup_printf ("从 %s 恢复整个台账", file)
                   : g_strdup_printf (_ ("The whole ledger restored from %s"), file);
  if (g_str_equal (what, "workbook"))
    return chinese
               ? g_strdup_printf ("%d年检查台账工作簿（工作表：%s）→ %s，%s", e->year, sheets, file,
                                  mask)
               /* TRANSLATORS: the year, the sheets' names, the file, "masked" or "not masked" */
               : g_strdup_printf (_ ("Inspection workbook %d (sheets: %s) → %s, %s"), e->year,
                                  sheets, file, mask);
  if (g_str_equal (what, "dossier"))
    return chinese ? g_strdup_printf ("帮教档案 → %s，%s", file, mask)
                   /* TRANSLATORS: the file (or printer), "masked" or "not masked" */
                   : g_strdup_printf (_ ("Help files → %s, %s"), file, mask);
  if (g_str_equal (what, "list"))
    return chinese ? g_strdup_printf ("列表“%s” → %s，%s", sheets, file, mask)
                   /* TRANSLATORS: the list's (Chinese) name, the file, "masked" or "not masked" */
                   : g_strdup_printf (_ ("List “%s” → %s, %s"), sheets, file, mask);
  if (g_str_equal (what, "backup"))
    return chinese ? g_strdup_printf ("整个台账的副本 → %s，%s", file, mask)
                   : g_strdup_printf (_ ("A copy of the whole ledger → %s, %s"), file, mask);
  if (*sheets)
    return g_strdup_printf (chinese ? "%s（%s）→ %s，%s" : "%s (%s) → %s, %s", what, sheets, file,
                            mask);
  return g_strdup_printf (chinese ? "%s → %s，%s" : "%s → %s, %s", what, file, mask);
}

static gboolean
log_sheets (JdLedger *ledger,
            JdOutputKind kind,
            const char *path,
            const char *what,
            int year,
            GPtrArray *sheets,
            gboolean masked,
            GError **error)
{
  g_autoptr (GString) json = g_string_new ("{\"what\":");
  g_autofree char *what_json = g_strescape (what, "");
  g_string_append_printf (json, "\"%s\"", what_json);
  if (year)
    g_string_append_printf (json, ",\"year\":%d", year);
  g_string_append (json, ",\"sheets\":[");
  for (guint i = 0; i < sheets->len; i++)
    {
      /* Sheet names are UTF-8 without quotes or backslashes: only escape those. */
      g_autoptr (GString) name = g_string_new (sheets->pdata[i]);
      g_string_replace (name, "\\", "\\\\", 0);
      g_string_replace (name, "\"", "\\\"", 0);
      g_string_append_printf (json, "%s\"%s\"", i ? "," : "", name->str);
    }
  g_string_append (json, "]}");
  return jd_ledger_log_output (ledger, kind, path, json->str, masked, error);
}

gboolean
jd_audit_log_workbook (JdLedger *ledger,
                       const char *path,
                       int year,
                       const JdRegister *registers,
                       guint n_registers,
                       gboolean masked,
                       GError **error)
{
  g_autoptr (GPtrArray) sheets = g_ptr_array_new ();
  guint n = registers ? n_registers : JD_N_REGISTERS;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sheets,
                     (gpointer)jd_register_info (registers ? registers[i] : (JdRegister)i)->sheet);
  return log_sheets (ledger, JD_OUTPUT_EXPORT, path, "workbook", year, sheets, masked, error);
}

gboolean
jd_audit_log_list (
    JdLedger *ledger, const char *path, const char *sheet, gboolean masked, GError **error)
{
  g_autoptr (GPtrArray) sheets = g_ptr_array_new ();
  g_ptr_array_add (sheets, (gpointer)sheet);
  return log_sheets (ledger, JD_OUTPUT_EXPORT, path, "list", 0, sheets, masked, error);
}

gboolean
jd_audit_log_list_print (
    JdLedger *ledger, const char *destination, const char *sheet, gboolean masked, GError **error)
{
  g_autoptr (GPtrArray) sheets = g_ptr_array_new ();
  g_ptr_array_add (sheets, (gpointer)sheet);
  return log_sheets (ledger, JD_OUTPUT_PRINT, destination, "list", 0, sheets, masked, error);
}

/* A value as shown: when ?7 says so, masked by its field's rule (jd-mask.h,
 * through jd_mask_field); a field masking leaves out (the birth date) is NULL,
 * and so is its whole "key: value" part, which group_concat then skips. */
#define SHOWN(KEY, VALUE)                                                                          \
  "CASE WHEN ?7 THEN jd_mask_field(" KEY ", coalesce(" VALUE ", ''))"                              \
  " ELSE coalesce(" VALUE ", '') END"

/* A column of what left the ledger, NULL for the other rows. */
#define OUTPUT(VALUE) " CASE a.tbl WHEN 'output_event' THEN " VALUE " END"

GPtrArray *
jd_audit_query (JdLedger *ledger, const JdAuditFilter *filter, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  /* The changes: for an update the fields whose values differ, old → new; for
   * an insert or a delete the values that were there. */
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "SELECT a.id, a.at, a.os_user, a.tbl, a.row_id, a.person_id, p.name, "
      "a.action,"
      " CASE a.action WHEN 'update' THEN"
      "  (SELECT group_concat(n.key || ': ' || " SHOWN ("n.key", "o.value") " || ' → ' || " SHOWN (
          "n.key", "n.value") ", '; ')"
                              "   FROM "
                              "json_each(a.after) n "
                              "LEFT JOIN "
                              "json_each(a.before) o "
                              "ON o.key = n.key"
                              "   WHERE o.value IS "
                              "NOT n.value)"
                              " ELSE"
                              "  (SELECT "
                              "group_concat(v.key || "
                              "': ' || " SHOWN ("v.key", "v.value") ", '; ')"
                                                                    "   "
                                                                    "FROM "
                                                                    "json_"
                                                                    "each("
                                                                    "coalesc"
                                                                    "e(a."
                                                                    "after, "
                                                                    "a."
                                                                    "before)"
                                                                    ") v "
                                                                    "WHERE "
                                                                    "v."
                                                                    "value "
                                                                    "IS NOT "
                                                                    "NULL"
                                                                    "   AND "
                                                                    "v.key "
                                                                    "<> "
                                                                    "'id')"
                                                                    " END,"
      /* What left the ledger (output_event): 9–14. */
      OUTPUT ("json_extract(a.after, '$.kind')") "," OUTPUT (
          "json_extract(a."
          "after, "
          "'$.file')") "," OUTPUT ("json_extract(a.after, '$.masked')") "," OUTPUT ("json_"
                                                                                    "extract("
                                                                                    "json_"
                                                                                    "extract(a."
                                                                                    "after, "
                                                                                    "'$."
                                                                                    "details'),"
                                                                                    " '$.what'"
                                                                                    ")") "," OUTPUT ("(SELECT group_concat(s.value, '、') FROM "
                                                                                                     "json_each(json_extract(a.after, '$.details'), "
                                                                                                     "'$.sheets') s)") "," OUTPUT ("json_extract(json_extract(a.after, "
                                                                                                                                   "'$.details'), '$.year')") " FROM "
                                                                                                                                                              "audit_log "
                                                                                                                                                              "a LEFT "
                                                                                                                                                              "JOIN "
                                                                                                                                                              "person p "
                                                                                                                                                              "ON p.id = "
                                                                                                                                                              "a.person_"
                                                                                                                                                              "id"
                                                                                                                                                              " WHERE "
                                                                                                                                                              "(?1 = 0 "
                                                                                                                                                              "OR a.id < "
                                                                                                                                                              "?1)"
                                                                                                                                                              " AND (?2 "
                                                                                                                                                              "IS NULL "
                                                                                                                                                              "OR a.at "
                                                                                                                                                              ">= ?2) "
                                                                                                                                                              "AND (?3 "
                                                                                                                                                              "IS NULL "
                                                                                                                                                              "OR a.at < "
                                                                                                                                                              "date(?3, "
                                                                                                                                                              "'+1 day'))"
                                                                                                                                                              " AND (?4 "
                                                                                                                                                              "IS NULL "
                                                                                                                                                              "OR "
                                                                                                                                                              "a.os_user "
                                                                                                                                                              "= ?4) AND "
                                                                                                                                                              "(?5 IS "
                                                                                                                                                              "NULL OR "
                                                                                                                                                              "a.tbl "
                                                                                                                                                              "= ?5)"
                                                                                                                                                              " AND (?6 "
                                                                                                                                                              "IS NULL "
                                                                                                                                                              "OR "
                                                                                                                                                              "a.person_"
                                                                                                                                                              "id IN "
                                                                                                                                                              "(SELECT "
                                                                                                                                                              "id FROM "
                                                                                                                                                              "person"
                                                                                                                                                              "      "
                                                                                                                                                              "WHERE "
                                                                                                                                                              "instr("
                                                                                                                                                              "name, ?6) "
                                                                                                                                                              "> 0 OR "
                                                                                                                                                              "id_number "
                                                                                                                                                              "= "
                                                                                                                                                              "upper(?6))"
                                                                                                                                                              ")"
                                                                                                                                                              " ORDER BY "
                                                                                                                                                              "a.id DESC "
                                                                                                                                                              "LIMIT ?8",
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
      e->masked = -1;
      if (sqlite3_column_type (stmt, 9) == SQLITE_TEXT)
        {
          /* What left the ledger: the kind is the action, the sentence the changes. */
          g_free (e->action);
          e->action = jd_column_dup (stmt, 9);
          e->file = jd_column_dup (stmt, 10);
          e->masked = sqlite3_column_int (stmt, 11);
          e->what = jd_column_dup (stmt, 12);
          e->sheets = jd_column_dup (stmt, 13);
          e->year = sqlite3_column_int (stmt, 14);
          g_free (e->changes);
          e->changes = jd_audit_output_describe (e, FALSE);
        }
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

/* ---- a change as the person window says it ------------------------------------------ */

/* A column's name as the interface says it, and the enum of its values. */
static const struct
{
  const char *column;
  const char *label; /* translatable */
  JdEnum which;      /* JD_N_ENUMS: a plain value */
} columns[] = {
  { "id_number", N_ ("ID number"), JD_N_ENUMS },
  { "name", N_ ("name"), JD_N_ENUMS },
  { "phone", N_ ("phone"), JD_N_ENUMS },
  { "household_address", N_ ("household address"), JD_N_ENUMS },
  { "household_village_id", N_ ("household village"), JD_N_ENUMS },
  { "household_village_name", N_ ("household village outside"), JD_N_ENUMS },
  { "residence_address", N_ ("current address"), JD_N_ENUMS },
  { "village_id", N_ ("managing village"), JD_N_ENUMS },
  { "first_found_on", N_ ("first found on"), JD_N_ENUMS },
  { "drug_type", N_ ("drug type"), JD_N_ENUMS },
  { "key_category", N_ ("key-person category"), JD_N_ENUMS },
  { "note", N_ ("note"), JD_N_ENUMS },
  { "status", N_ ("status"), JD_ENUM_STATUS },
  { "started_on", N_ ("from"), JD_N_ENUMS },
  { "planned_end_on", N_ ("planned end"), JD_N_ENUMS },
  { "ended_on", N_ ("to"), JD_N_ENUMS },
  { "occurred_on", N_ ("date"), JD_N_ENUMS },
  { "source", N_ ("source"), JD_ENUM_USE_SOURCE },
  { "member_name", N_ ("member"), JD_N_ENUMS },
  { "role", N_ ("role"), JD_ENUM_MEMBER_ROLE },
  { "since", N_ ("since"), JD_N_ENUMS },
  { "until", N_ ("until"), JD_N_ENUMS },
  { "signed_on", N_ ("signed on"), JD_N_ENUMS },
  { "kind", N_ ("kind"), JD_ENUM_FOLLOWUP_KIND },
  { "result", N_ ("result"), JD_ENUM_URINE_RESULT },
  { "staff", N_ ("staff"), JD_N_ENUMS },
  { "place", N_ ("place"), JD_N_ENUMS },
  { "content", N_ ("content"), JD_N_ENUMS },
};

/* The value of column i of stmt as shown: "—" when none, an enum's label. */
static char *
shown_value (sqlite3_stmt *stmt, int i, JdEnum which)
{
  switch (sqlite3_column_type (stmt, i))
    {
      case SQLITE_NULL:
        return g_strdup ("—");
      case SQLITE_INTEGER:
        return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)sqlite3_column_int64 (stmt, i));
      case SQLITE_FLOAT:
        return g_strdup_printf ("%g", sqlite3_column_double (stmt, i));
      default:
        {
          const char *text = (const char *)sqlite3_column_text (stmt, i);
          return g_strdup (which != JD_N_ENUMS ? jd_enum_label (which, text) : text);
        }
    }
}

char *
jd_audit_describe_values (JdLedger *ledger, const char *before, const char *after, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  /* The columns in the order the row holds them; what each was and became. */
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "SELECT s.key, b.value, a.value FROM json_each(coalesce(?2, ?1)) s"
      " LEFT JOIN json_each(?1) b ON b.key = s.key LEFT JOIN json_each(?2) a ON a.key = s.key"
      " WHERE s.key NOT IN ('id', 'person_id') ORDER BY s.id",
      error);
  if (stmt == NULL)
    return NULL;
  jd_bind_text (stmt, 1, before);
  jd_bind_text (stmt, 2, after);

  g_autoptr (GString) out = g_string_new (NULL);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *column = (const char *)sqlite3_column_text (stmt, 0);
      const char *label = column;
      JdEnum which = JD_N_ENUMS;
      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        if (g_strcmp0 (columns[i].column, column) == 0)
          {
            label = _ (columns[i].label);
            which = columns[i].which;
          }
      g_autofree char *old_value = shown_value (stmt, 1, which);
      g_autofree char *new_value = shown_value (stmt, 2, which);
      if (before && after)
        {
          /* An update: what changed, a line each. */
          if (!g_str_equal (old_value, new_value))
            g_string_append_printf (out, "%s%s: %s → %s", out->len ? "\n" : "", label, old_value,
                                    new_value);
        }
      else
        {
          /* An insert or a delete: the values it held. */
          const char *value = after ? new_value : old_value;
          if (!g_str_equal (value, "—"))
            g_string_append_printf (out, "%s%s: %s", out->len ? "; " : "", label, value);
        }
    }
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
