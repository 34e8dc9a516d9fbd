/* jd-readiness.c: each village against the ten standards
 *
 * The ten standards of reference plan 001, section 三(二), checked for village V
 * in year Y as of D (docs/contract.md §4). Talks and urine tests every two calendar
 * months, counted from each measure's start, so that a gap that began last
 * year counts whole; letters in force for a year; standard 2 also wants no
 * current user (现有吸毒人员戒断巩固三年以上). "V's persons" are those V manages. Each
 * automatic finding comes with its evidence: the persons, months or letters
 * that decide it, so staff can put things right before the assessment. Items
 * the ledger cannot judge are manual; their evidence is what the ledger has
 * (the grid count, a verdict already recorded in the year's assessment).
 *
 * A village is small (tens of persons), so each is read with its own indexed
 * queries; nothing of the rest of the ledger is touched.
 */
#include "config.h"

#include "jd-readiness.h"

#include <glib/gi18n-lib.h>

#include "jd-date.h"
#include "jd-ledger-private.h"
#include "jd-readiness-private.h"

static const struct
{
  const char *title;
  const char *zh;
} standards[JD_N_STANDARDS] = {
  { N_ ("No user out of control"), "无失管失控吸毒人员" },
  { N_ ("Help for all, talks and urine tests every two months, no relapse, the users abstinent "
        "three years"),
    "帮教率100%，每两个月谈话、尿检，无复吸，现有吸毒人员戒断巩固三年以上" },
  { N_ ("The users are known"), "吸毒人员底数清" },
  { N_ ("Responsibility letters level by level, help groups"), "层层签订禁毒责任状，建立帮教小组" },
  { N_ ("No new users; no making, selling or growing"), "无新吸毒人员滋生，无制贩种毒" },
  { N_ ("The 14 kinds of key persons screened"), "14类涉毒重点人员摸排" },
  { N_ ("Four publicity activities a month"), "每月四次以上宣传教育活动" },
  { N_ ("An anti-drug education site"), "禁毒教育阵地" },
  { N_ ("Grid management and complete registers"), "网格化管理，台账规范" },
  { N_ ("Customs and village rules"), "移风易俗、村规民约，守住五条底线" },
};

const char *
jd_standard_title (int no)
{
  g_return_val_if_fail (no >= 1 && no <= JD_N_STANDARDS, NULL);
  return _ (standards[no - 1].title);
}

const char *
jd_standard_zh (int no)
{
  g_return_val_if_fail (no >= 1 && no <= JD_N_STANDARDS, NULL);
  return standards[no - 1].zh;
}

void
jd_village_readiness_free (JdVillageReadiness *readiness)
{
  if (readiness == NULL)
    return;
  for (int k = 0; k < JD_N_STANDARDS; k++)
    g_free (readiness->standards[k].evidence);
  g_free (readiness->code);
  g_free (readiness->name);
  g_free (readiness);
}

/* ---- helpers ------------------------------------------------------------------ */

/* "张三 110105194912310029": how evidence names a person. */
char *
jd_readiness_person_label (sqlite3_stmt *stmt, int id_number_column, int name_column)
{
  return g_strdup_printf ("%s %s", (const char *)sqlite3_column_text (stmt, name_column),
                          (const char *)sqlite3_column_text (stmt, id_number_column));
}

const char *
jd_readiness_separator (void)
{
  /* TRANSLATORS: between the items of a list in the evidence of a standard */
  return C_ ("list", "; ");
}

char *
jd_readiness_join (GPtrArray *items)
{
  g_ptr_array_add (items, NULL);
  char *text = g_strjoinv (jd_readiness_separator (), (char **)items->pdata);
  g_ptr_array_remove_index (items, items->len - 1);
  return text;
}

gboolean
jd_readiness_failed (JdReadinessCheck *check, sqlite3_stmt *stmt, int rc, GError **error)
{
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  jd_ledger_set_error (check->ledger, error);
  sqlite3_reset (stmt);
  return TRUE;
}

sqlite3_stmt *
jd_readiness_prepare (JdReadinessCheck *check, const char *sql, gint64 village_id, GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (check->ledger, sql, error);
  if (stmt == NULL)
    return NULL;
  int index;
  if ((index = sqlite3_bind_parameter_index (stmt, ":village")) > 0)
    sqlite3_bind_int64 (stmt, index, village_id);
  if ((index = sqlite3_bind_parameter_index (stmt, ":p0")) > 0)
    jd_bind_text (stmt, index, check->p0_text);
  if ((index = sqlite3_bind_parameter_index (stmt, ":d")) > 0)
    jd_bind_text (stmt, index, check->d_text);
  if ((index = sqlite3_bind_parameter_index (stmt, ":year_ago")) > 0)
    jd_bind_text (stmt, index, check->year_ago_text);
  return stmt;
}

GPtrArray *
jd_readiness_collect (JdReadinessCheck *check,
                      const char *sql,
                      gint64 village_id,
                      JdReadinessRowFormat extra,
                      GError **error)
{
  sqlite3_stmt *stmt = jd_readiness_prepare (check, sql, village_id, error);
  if (stmt == NULL)
    return NULL;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *label = jd_readiness_person_label (stmt, 0, 1);
      g_autofree char *more = extra ? extra (stmt) : NULL;
      g_ptr_array_add (items,
                       more ? g_strdup_printf ("%s %s", label, more) : g_steal_pointer (&label));
    }
  if (jd_readiness_failed (check, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&items);
}

void
jd_readiness_set (JdStandardFinding *finding, JdFinding met, char *evidence)
{
  finding->met = met;
  g_free (finding->evidence);
  finding->evidence = evidence;
}
