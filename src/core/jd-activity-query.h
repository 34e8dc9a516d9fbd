/* jd-activity-query.h: the publicity register (宣传活动) of a year, and its months
 *
 * A township's year holds hundreds of activities (a city's about ten thousand),
 * so a year's register, filtered in SQL, is read whole. The month view counts
 * each village's activities per month, which is what standard 7 (four a month)
 * is judged on.
 */
#pragma once

#include <gio/gio.h>

#include "jd-ledger.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  JdDay held_on;
  gint64 village_id; /* 0: township-wide */
  char *village;     /* NULL: township-wide */
  char *form;        /* key */
  char *title;
  char *location;
  char *audience;      /* key or NULL */
  gint64 participants; /* -1: not given */
} JdActivity;

void jd_activity_free (JdActivity *activity);

#define JD_ACTIVITY_TOWNSHIP (-1) /* village_id filter: township-wide activities only */

typedef struct
{
  int year;
  int month;            /* 1 … 12, 0: the whole year */
  gint64 village_id;    /* 0: all, JD_ACTIVITY_TOWNSHIP: township-wide only */
  const char *form;     /* NULL: all */
  const char *audience; /* NULL: all */
  const char *text;     /* in the title or location; NULL or "": all */
} JdActivityFilter;

/* The activities that pass filter, newest first: JdActivity. */
GPtrArray *jd_activity_query (JdLedger *ledger, const JdActivityFilter *filter, GError **error);

typedef struct
{
  gint64 village_id;
  char *name;
  int counts[12]; /* activities of the village in each month of the year */
} JdActivityMonths;

void jd_activity_months_free (JdActivityMonths *months);

/* Every village not retired at the end of year, in code order: JdActivityMonths. */
GPtrArray *jd_activity_months (JdLedger *ledger, int year, GError **error);

/* Deletes one activity (the audit log keeps its values). */
gboolean jd_activity_delete (JdLedger *ledger, gint64 id, GError **error);

G_END_DECLS
