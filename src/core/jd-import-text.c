/* jd-import-text.c: the texts of an import (docs/contract.md §6): values as
 * spreadsheets and CSV files write them, and the lines of the report */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jd-import-private.h"

/* ---- the report ------------------------------------------------------------------ */

void
jd_import_problem_free (gpointer data)
{
  JdImportProblem *problem = data;
  g_free (problem->cell);
  g_free (problem->column);
  g_free (problem->reason);
  g_free (problem);
}

void
jd_import_report_clear (JdImportReport *report)
{
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_free (report->sheet);
  memset (report, 0, sizeof *report);
  report->kind = JD_IMPORT_INVALID;
}

/* 1234567 as "1,234,567", the way a count reads best in either language. */
char *
jd_import_format_count (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/* "FILE:LINE: column: reason", the form docs/contract.md §5 gives every data error,
 * with the count of later rows that have the same problem. */
char *
jd_import_problem_format (const JdImportProblem *problem, const char *file)
{
  g_return_val_if_fail (problem != NULL, NULL);
  g_autofree char *reason = NULL;
  if (problem->more > 0)
    {
      g_autofree char *more = jd_import_format_count (problem->more);
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (and %s more row like it)",
                                             "%s (and %s more rows like it)", problem->more),
                                problem->reason, more);
    }
  else
    reason = g_strdup (problem->reason);
  if (problem->line == 0)
    return g_strdup_printf ("%s: %s", file, reason);
  if (problem->cell && problem->column)
    return g_strdup_printf ("%s:%s: %s: %s", file, problem->cell, problem->column, reason);
  if (problem->cell)
    return g_strdup_printf ("%s:%s: %s", file, problem->cell, reason);
  if (problem->column == NULL)
    return g_strdup_printf ("%s:%u: %s", file, problem->line, reason);
  return g_strdup_printf ("%s:%u: %s: %s", file, problem->line, problem->column, reason);
}

/* "FILE: and 1,234 more problems not listed", or NULL when every one is listed. */
char *
jd_import_report_format_unlisted (const JdImportReport *report, const char *file)
{
  g_return_val_if_fail (report != NULL, NULL);
  if (report->unlisted == 0)
    return NULL;
  g_autofree char *more = jd_import_format_count (report->unlisted);
  return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%s: and %s more problem, not listed: correct these first",
                   "%s: and %s more problems, not listed: correct these first", report->unlisted),
      file, more);
}

#define QUOTE_MAX_CHARS 40

char *
jd_import_quote_value (const char *text)
{
  GString *out = g_string_new (NULL);
  glong n = 0;
  if (!g_utf8_validate (text, -1, NULL))
    return g_string_free (out, FALSE);
  for (const char *p = text; *p; p = g_utf8_next_char (p), n++)
    {
      if (n == QUOTE_MAX_CHARS)
        {
          g_string_append (out, "…");
          break;
        }
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_type (c) == G_UNICODE_CONTROL)
        g_string_append_printf (out, c < 0x100 ? "\\x%02X" : "\\u%04X", c);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Trims blanks, the ideographic space included, and unwraps ="…", the way
 * spreadsheets are told to keep an ID number as text. Works in place. */
void
jd_import_clean_value (char *text)
{
  static const char *const blanks[] = { "\xE3\x80\x80", "\xC2\xA0" }; /* U+3000, U+00A0 */
  gboolean trimmed;
  do
    {
      trimmed = FALSE;
      g_strstrip (text);
      for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
        {
          gsize n = strlen (blanks[i]), len = strlen (text);
          if (g_str_has_prefix (text, blanks[i]))
            memmove (text, text + n, len - n + 1), trimmed = TRUE;
          else if (len >= n && g_str_has_suffix (text, blanks[i]))
            text[len - n] = '\0', trimmed = TRUE;
        }
    }
  while (trimmed);

  gsize len = strlen (text);
  if (len >= 3 && text[0] == '=' && text[1] == '"' && text[len - 1] == '"')
    {
      memmove (text, text + 2, len - 3);
      text[len - 3] = '\0';
    }
}

/* Full-width parentheses, as typed with a Chinese input method, count as ASCII ones. */
char *
jd_import_normalize_label (const char *text)
{
  GString *out = g_string_new (text);
  g_string_replace (out, "（", "(", 0);
  g_string_replace (out, "）", ")", 0);
  return g_string_free (out, FALSE);
}

gboolean
jd_import_parse_flag (const char *text, gboolean *value)
{
  static const struct
  {
    const char *text;
    gboolean value;
  } words[] = {
    { "是", TRUE },   { "否", FALSE },     { "yes", TRUE },    { "no", FALSE }, { "y", TRUE },
    { "n", FALSE },   { "true", TRUE },    { "false", FALSE }, { "1", TRUE },   { "0", FALSE },
    { "合格", TRUE }, { "不合格", FALSE }, { "有", TRUE },     { "无", FALSE },
  };
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_ascii_strcasecmp (text, words[i].text) == 0)
      {
        *value = words[i].value;
        return TRUE;
      }
  return FALSE;
}

/* A count of people or copies: NULL when it is one, or the reason it is not. */
char *
jd_import_parse_count (const char *text, gint64 *value)
{
  const char *digits = text[0] == '-' || text[0] == '+' ? text + 1 : text;
  gboolean all_digits = *digits != '\0';
  for (const char *p = digits; *p; p++)
    all_digits = all_digits && g_ascii_isdigit (*p);
  g_autofree char *quoted = jd_import_quote_value (text);
  if (!all_digits)
    return g_strdup_printf (_ ("“%s” is not a whole number"), quoted);
  if (text[0] == '-' && strspn (digits, "0") != strlen (digits))
    return g_strdup_printf (_ ("“%s” is negative: a count is 0 or more"), quoted);
  if (strlen (digits) > 12)
    return g_strdup_printf (_ ("“%s” is too large"), quoted);
  *value = g_ascii_strtoll (digits, NULL, 10);
  return NULL;
}

/* 441581198503120018 typed into a spreadsheet cell that is not text comes out
 * as 4.41581E+17: the digits are lost, and the person should be told why. */
char *
jd_import_check_spreadsheet_number (const char *text)
{
  const char *p = text;
  if (!g_ascii_isdigit (*p++))
    return NULL;
  if (*p == '.' && g_ascii_isdigit (p[1]))
    for (p++; g_ascii_isdigit (*p); p++)
      ;
  if (*p != 'E' && *p != 'e')
    return NULL;
  p += p[1] == '+' ? 2 : 1;
  if (!g_ascii_isdigit (*p))
    return NULL;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p != '\0')
    return NULL;
  g_autofree char *quoted = jd_import_quote_value (text);
  return g_strdup_printf (_ ("“%s”: the spreadsheet turned the ID number into a number and lost "
                             "its digits; format the column as text and enter them again"),
                          quoted);
}
