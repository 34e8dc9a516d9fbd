/* jd-id-number.h: resident ID numbers (公民身份号码, GB 11643-1999) */
#pragma once

#include "jd-types.h"

G_BEGIN_DECLS

char      jd_id_number_check_digit (const char *first17);
char *jd_id_number_normalize (const char *text);
gboolean  jd_id_number_validate    (const char  *text,
                                    char       **normalized,
                                    GError     **error);
JdDay     jd_id_number_birth_date  (const char *id_number);
const char *jd_id_number_sex       (const char *id_number);

G_END_DECLS
