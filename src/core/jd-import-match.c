/* jd-import-match.c: a heading matched to a column, and the kind a header row
 * is of (docs/contract.md §6)
 *
 * A heading names a column by its key, its Chinese label or one of the usual
 * synonyms of the offices' own registers. The synonyms are here and only here;
 * docs/contract.md §6 lists them.
 */
#include "config.h"

#include <string.h>

#include "jd-import-private.h"
#include "jd-import.h"

/* clang-format off */
static const struct
{
  const char *key;     /* a column key, of whichever kind has it */
  const char *synonym;
} synonyms[] = {
  { "id_number", "身份证号" },
  { "id_number", "身份证号码" },
  { "id_number", "证件号码" },
  { "id_number", "身份证" },
  { "id_number", "公民身份证号码" },
  { "id_number", "身份证件号码" },
  { "birth_date", "出生年月" },
  { "birth_date", "出生年月日" },
  { "phone", "联系方式" },
  { "phone", "电话" },
  { "phone", "手机" },
  { "phone", "手机号码" },
  { "phone", "联系电话号码" },
  { "household_address", "户籍地" },
  { "household_address", "户籍所在地" },
  { "household_address", "户口所在地" },
  { "household_village", "户籍村" },
  { "residence_address", "现居住地" },
  { "residence_address", "现住址" },
  { "residence_address", "现居住地址" },
  { "residence_address", "居住地址" },
  { "residence_address", "现住地" },
  { "residence_village", "村" },
  { "residence_village", "社区" },
  { "residence_village", "村居" },
  { "residence_village", "所属村居" },
  { "residence_village", "所属村(社区)" },
  { "residence_village", "村(社区)" },
  { "residence_village", "管理村" },
  { "first_found_on", "查获日期" },
  { "first_found_on", "发现日期" },
  { "first_found_on", "首次发现日期" },
  { "first_found_on", "初次查获日期" },
  { "drug_type", "毒品种类" },
  { "drug_type", "吸食毒品种类" },
  { "key_category", "人员类别" },
  { "village", "村" },
  { "village", "社区" },
  { "village", "村居" },
  { "village", "所属村居" },
  { "village", "所属村(社区)" },
};
/* clang-format on */

/* A heading as written, for comparing: trimmed, full-width brackets as ASCII,
 * a template's star for a required column dropped. */
static char *
normalize_heading (const char *heading)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (heading));
  char *normal = jd_import_normalize_label (trimmed);
  gsize len = strlen (normal);
  if (len > 1 && normal[len - 1] == '*')
    normal[len - 1] = '\0';
  else if (g_str_has_suffix (normal, "＊"))
    normal[len - strlen ("＊")] = '\0';
  g_strstrip (normal);
  return normal;
}

int
jd_import_match_heading (JdImportKind kind, const char *heading)
{
  g_return_val_if_fail (kind >= 0 && kind < JD_IMPORT_N_KINDS, -1);
  if (heading == NULL || *heading == '\0')
    return -1;
  g_autofree char *normal = normalize_heading (heading);
  guint n = jd_import_kind_n_columns (kind);
  for (guint c = 0; c < n; c++)
    if (g_ascii_strcasecmp (normal, jd_import_column_key (kind, c)) == 0
        || g_str_equal (normal, jd_import_column_label (kind, c)))
      return (int)c;
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    if (g_str_equal (normal, synonyms[i].synonym))
      for (guint c = 0; c < n; c++)
        if (g_str_equal (synonyms[i].key, jd_import_column_key (kind, c)))
          return (int)c;
  return -1;
}

/* How well a header row names the columns of kind: each column named once
 * counts one, a required one two more; 0 when none of the required ones is
 * named. */
static guint
score_header (JdImportKind kind, char **header)
{
  guint n = jd_import_kind_n_columns (kind);
  gboolean seen[32] = { FALSE };
  guint score = 0, required = 0;
  g_assert (n <= G_N_ELEMENTS (seen));
  for (char **h = header; *h; h++)
    {
      int c = jd_import_match_heading (kind, *h);
      if (c < 0 || seen[c])
        continue;
      seen[c] = TRUE;
      score++;
      if (jd_import_column_required (kind, (guint)c))
        score += 2, required++;
    }
  return required > 0 && score >= 3 ? score : 0;
}

JdImportKind
jd_import_guess_kind (char **header, guint *score)
{
  JdImportKind best = JD_IMPORT_INVALID;
  guint best_score = 0;
  g_return_val_if_fail (header != NULL, JD_IMPORT_INVALID);
  for (int k = 0; k < JD_IMPORT_N_KINDS; k++)
    {
      guint s = score_header ((JdImportKind)k, header);
      /* Of two kinds as good, the one whose columns the row names the more of. */
      if (s > best_score)
        best = (JdImportKind)k, best_score = s;
    }
  if (score)
    *score = best_score;
  return best;
}
