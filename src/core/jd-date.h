/* jd-date.h: calendar days, parsed strictly and added as the indicators need */
#pragma once

#include "jd-types.h"

G_BEGIN_DECLS

#define JD_DAY_STRLEN 11 /* "YYYY-MM-DD" and its NUL */

JdDay     jd_day_new          (int year,
                               int month,
                               int day);
JdDay     jd_day_parse_iso    (const char *text);
JdDay     jd_day_parse        (const char *text);
void      jd_day_format       (JdDay day,
                               char  out[JD_DAY_STRLEN]);
char     *jd_day_to_string    (JdDay day);
int       jd_day_year         (JdDay day);
int       jd_day_month        (JdDay day);
int       jd_day_mday         (JdDay day);
JdDay     jd_day_add_years    (JdDay day,
                               int   years);
JdDay     jd_day_add_months   (JdDay day,
                               int   months);

JdDay     jd_today            (void);
void      jd_set_today        (JdDay day);

G_END_DECLS
