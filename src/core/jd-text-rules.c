/* jd-text-rules.c: the text rules of every write (docs/contract.md §3) */
#include "config.h"

#include "jd-text-rules.h"

#include <glib/gi18n-lib.h>

/* NULL when value obeys the rule, else the reason, for the field's message. */
char *
jd_text_problem (const char *value, JdTextRule rule)
{
  if (value == NULL)
    return NULL;
  if (!g_utf8_validate (value, -1, NULL))
    return g_strdup (_ ("is not valid text (UTF-8)"));

  glong length = 0;
  for (const char *p = value; *p; p = g_utf8_next_char (p), length++)
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '\n' && rule == JD_TEXT_LINES)
        continue;
      if (g_unichar_type (c) == G_UNICODE_CONTROL)
        {
          if (c == '\n' || c == '\r')
            return g_strdup (_ ("holds a line break: only content, notes, findings and addresses "
                                "may have more than one line"));
          return g_strdup_printf (_ ("holds the control character U+%04X at character %ld: "
                                     "text may not hold control characters"),
                                  c, length + 1);
        }
    }
  glong most = rule == JD_TEXT_NAME ? JD_NAME_MAX_CHARS : JD_TEXT_MAX_CHARS;
  if (length > most)
    return g_strdup_printf (rule == JD_TEXT_NAME
                                ? _ ("is %ld characters long: a name is at most %ld")
                                : _ ("is %ld characters long: a text is at most %ld"),
                            length, most);
  return NULL;
}
