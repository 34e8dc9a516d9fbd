/* jd-import-sheets.c: the sheets of the program's own inspection workbook
 * (docs/contract.md §7) read back by the import (§6)
 *
 * A header row that is exactly the header of one of §7's sheets (unmasked)
 * is recognised; each of its headings then goes to the kind's column named
 * here, or to the column whose key or Chinese label it is, or is passed over:
 * 序号, the counts and the other columns the sheet computes. A sheet of
 * follow-ups of one kind (谈话记录) gives that kind to every row.
 */
#include "config.h"

#include "jd-import-sheets.h"

#include <string.h>

#include "jd-register-query.h"

/* "heading=key" pairs (an empty key passes the column over) and "key:=value"
 * for a column the sheet implies. */
static const struct
{
  JdRegister register_;
  JdImportKind kind;
  const char *pairs;
} own_sheets[] = {
  { JD_REGISTER_VILLAGES, JD_IMPORT_VILLAGES, "村(社区)=name" },
  { JD_REGISTER_REGISTERED, JD_IMPORT_PERSONS, "" },
  { JD_REGISTER_CURRENT, JD_IMPORT_PERSONS, "" },
  { JD_REGISTER_REGISTERED, JD_IMPORT_STATUSES, "当前状态=status;状态起始日期=started_on;备注=" },
  { JD_REGISTER_CURRENT, JD_IMPORT_STATUSES, "当前状态=status;状态起始日期=started_on;备注=" },
  { JD_REGISTER_HELP, JD_IMPORT_STATUSES,
    "措施类型=status;措施起始日期=started_on;预计期满日期=planned_end_on" },
  { JD_REGISTER_HELP, JD_IMPORT_AGREEMENTS, "协议签订日期=signed_on" },
  { JD_REGISTER_TALKS, JD_IMPORT_FOLLOWUPS,
    "谈话日期=occurred_on;谈话人=staff;谈话地点=place;谈话内容=content;kind:=talk" },
  { JD_REGISTER_URINE, JD_IMPORT_FOLLOWUPS,
    "检测日期=occurred_on;检测结果=result;检测人=staff;检测地点=place;备注=content;"
    "kind:=urine_test" },
  { JD_REGISTER_VISITS, JD_IMPORT_FOLLOWUPS, "" },
  { JD_REGISTER_ACTIVITIES, JD_IMPORT_ACTIVITIES,
    "活动日期=held_on;活动形式=form;活动主题=title;活动地点=location;宣传对象=audience;"
    "发放资料(份)=materials;标语横幅(条)=banners" },
  { JD_REGISTER_LETTERS, JD_IMPORT_LETTERS, "签订层级=level" },
  { JD_REGISTER_VENUES, JD_IMPORT_VENUES, "场所名称=name;场所类型=kind;检查情况=" },
  { JD_REGISTER_VENUES, JD_IMPORT_INSPECTIONS,
    "场所名称=venue;末次检查日期=inspected_on;末次检查人=inspector;末次检查结果=passed;"
    "地址=;负责人=;联系电话=;检查情况=" },
  { JD_REGISTER_STAFF, JD_IMPORT_STAFF, "所在村(社区)=village" },
};

static gboolean
header_is (char **header, const JdColumn *columns, guint n_columns)
{
  guint n = 0;
  for (guint i = 0; header[i]; i++)
    {
      if (*header[i] == '\0')
        continue;
      if (i >= n_columns || !g_str_equal (header[i], columns[i].header))
        return FALSE;
      n++;
    }
  return n == n_columns;
}

/* TRUE, with how to read each heading, when HEADER is that of one of §7's
 * sheets that imports as KIND. */
gboolean
jd_import_own_sheet (JdImportKind kind, char **header, JdOwnSheet *own)
{
  memset (own, 0, sizeof *own);
  for (guint s = 0; s < G_N_ELEMENTS (own_sheets); s++)
    {
      if (own_sheets[s].kind != kind)
        continue;
      guint n_columns = 0;
      const JdColumn *columns = jd_register_columns (own_sheets[s].register_, FALSE, &n_columns);
      if (!header_is (header, columns, n_columns))
        continue;

      guint n = g_strv_length (header);
      own->sheet = jd_register_info (own_sheets[s].register_)->sheet;
      own->keys = g_new0 (const char *, n + 1);
      g_auto (GStrv) pairs = g_strsplit (own_sheets[s].pairs, ";", -1);
      for (guint p = 0; pairs[p]; p++)
        {
          char *eq = strchr (pairs[p], '=');
          if (eq == NULL)
            continue;
          if (eq > pairs[p] && eq[-1] == ':')
            {
              eq[-1] = '\0';
              own->fixed_key = g_intern_string (pairs[p]);
              own->fixed_value = g_intern_string (eq + 1);
              continue;
            }
          *eq = '\0';
          for (guint i = 0; i < n; i++)
            if (g_str_equal (header[i], pairs[p]))
              own->keys[i] = g_intern_string (eq + 1);
        }
      return TRUE;
    }
  return FALSE;
}

void
jd_own_sheet_clear (JdOwnSheet *own)
{
  g_clear_pointer (&own->keys, g_free);
  memset (own, 0, sizeof *own);
}
