/* jd-text-rules.h: the text rules of every write (docs/contract.md §3 "Rules every write obeys")
 *
 * No control characters, but line breaks in a multi-line field; a name at
 * most JD_NAME_MAX_CHARS characters, any other text at most JD_TEXT_MAX_CHARS.
 * The store checks them for every record, the ledger for a township's name.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JD_NAME_MAX_CHARS 50
#define JD_TEXT_MAX_CHARS 2000

typedef enum
{
  JD_TEXT_NAME,  /* a name or code: one line, short */
  JD_TEXT_LINE,  /* one line of text */
  JD_TEXT_LINES, /* content, notes, findings, addresses: line breaks allowed */
} JdTextRule;

/* NULL when value obeys the rule, else the reason, for the field's message. */
char *jd_text_problem (const char *value, JdTextRule rule);

G_END_DECLS
