/* jd-survey-query.h: the awareness surveys (知晓率调查) of a year (docs/contract.md §3)
 *
 * A township records a few surveys a year, a city a few thousand: a year's
 * list is read whole, newest first.
 */
#pragma once

#include <gio/gio.h>

#include "jd-ledger.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  gint64 village_id; /* 0: township-wide */
  char *village;     /* the village's name; NULL: township-wide */
  JdDay surveyed_on;
  char *group; /* JD_ENUM_SURVEY_GROUP key */
  gint64 sampled;
  gint64 aware;
} JdSurvey;

void jd_survey_free (JdSurvey *survey);

/* The surveys of year, newest first: JdSurvey. */
GPtrArray *jd_survey_query (JdLedger *ledger, int year, GError **error);

G_END_DECLS
