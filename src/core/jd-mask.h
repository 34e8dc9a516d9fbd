/* jd-mask.h: what masked lists and workbooks show of personal data (docs/masking.md)
 *
 * The one place the masking rules live: the register queries, the window's
 * lists and their exports, and SQL (jd_mask_register_sql) all call these.
 * Every function takes any text, valid UTF-8 or not, and returns valid UTF-8
 * that is never cut inside a character; masking a masked text again changes
 * nothing.
 */
#pragma once

#include "jd-types.h"

G_BEGIN_DECLS

typedef enum
{
  JD_MASK_KEEP,      /* nothing personal: shown as it is */
  JD_MASK_NAME,      /* 张* */
  JD_MASK_ID_NUMBER, /* 110105********002X */
  JD_MASK_PHONE,     /* 138****5678 */
  JD_MASK_ADDRESS,   /* the house number and all after it cut */
  JD_MASK_TEXT,      /* free text: every ID and phone number in it masked */
  JD_MASK_OMIT,      /* a birth date or an age: left out altogether */
} JdMaskRule;

char *jd_mask_name (const char *name);
char *jd_mask_id_number (const char *id_number);
char *jd_mask_phone (const char *phone);
char *jd_mask_address (const char *address);
char *jd_mask_text (const char *text);
char *jd_mask_text_names (const char *text, const char *const *names);

/* text masked by rule; NULL for NULL text and for JD_MASK_OMIT. */
char *jd_mask (JdMaskRule rule, const char *text);

/* The rule for a column of the ledger by its name (id_number, phone, birth_date,
 * residence_address, content, …); names are JD_MASK_KEEP here, as the lists on
 * screen show them. */
JdMaskRule jd_mask_rule_for_field (const char *field);

/* jd_mask_field(field, value): value masked by jd_mask_rule_for_field (field),
 * NULL for a field left out. */
struct sqlite3;
int jd_mask_register_sql (struct sqlite3 *db);

G_END_DECLS
