/* jd-enums.h: the enumerated values of docs/contract.md §3, by key, Chinese label and UI label */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  JD_ENUM_VILLAGE_KIND,
  JD_ENUM_SEX,
  JD_ENUM_STATUS,
  JD_ENUM_USE_SOURCE,
  JD_ENUM_MEMBER_ROLE,
  JD_ENUM_FOLLOWUP_KIND,
  JD_ENUM_URINE_RESULT,
  JD_ENUM_ACTIVITY_FORM,
  JD_ENUM_AUDIENCE,
  JD_ENUM_LETTER_LEVEL,
  JD_ENUM_VENUE_KIND,
  JD_ENUM_TITLE_EVENT,
  JD_ENUM_STAFF_ROLE,
  JD_ENUM_WORK_KIND,
  JD_ENUM_TITLE_GROUND, /* 事由 of a yellow card or a revocation */
  JD_ENUM_SURVEY_GROUP, /* the groups of an awareness survey (知晓率调查) */
  JD_N_ENUMS
} JdEnum;

typedef struct
{
  const char *key;   /* stored in the ledger */
  const char *zh;    /* the official Chinese term: CSV files and workbooks */
  const char *label; /* the interface label, translatable */
} JdEnumValue;

const JdEnumValue *jd_enum_values   (JdEnum      which,
                                     guint      *n_values);
const char        *jd_enum_find     (JdEnum      which,
                                     const char *key_or_label);
const char        *jd_enum_label    (JdEnum      which,
                                     const char *key);
const char        *jd_enum_zh       (JdEnum      which,
                                     const char *key);
char              *jd_enum_describe (JdEnum      which);

G_END_DECLS
