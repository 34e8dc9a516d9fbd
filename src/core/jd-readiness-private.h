/* jd-readiness-private.h: what the ten standards' checks (jd-readiness-standards.c) share
 * with the walk over the villages (jd-readiness.c) */
#pragma once

#include <sqlite3.h>

#include "jd-readiness.h"
#include "jd-village-at.h"

G_BEGIN_DECLS

#define GAP_MONTHS 2 /* 每两个月谈话、尿检 */

/* "p is one of V's persons at D": their managing village at D (docs/contract.md §3 "move").
 * Found once per village (find_persons ()) into a temporary table that the
 * checks of every standard read, rather than each working out every person's
 * village again. */
#define V_PERSONS_AT_D "p.id IN temp.readiness_persons"
/* "p was one of V's persons on the day they were first found" (standard 5). */
#define V_PERSONS_WHEN_FOUND JD_SQL_IN_VILLAGE_AT ("p", ":village", "p.first_found_on", ":d")
#define MONTHLY_ACTIVITIES 4

typedef struct
{
  JdLedger *ledger;
  int year;
  JdDay p0, d;
  char p0_text[JD_DAY_STRLEN];
  char d_text[JD_DAY_STRLEN];
  char year_ago_text[JD_DAY_STRLEN]; /* D − 1 year */
  /* The current users at D (现有吸毒人员) as the indicators count them, by id
   * ascending. */
  const gint64 *current;
  gsize n_current;
} JdReadinessCheck;

/* "张三 110105194912310029": how evidence names a person. */
char *jd_readiness_person_label (sqlite3_stmt *stmt, int id_number_column, int name_column);
/* Between the items of a list in the evidence of a standard. */
const char *jd_readiness_separator (void);
char *jd_readiness_join (GPtrArray *items);
/* Whether stepping stopped on an error (set) rather than at the end; resets stmt. */
gboolean jd_readiness_failed (JdReadinessCheck *check, sqlite3_stmt *stmt, int rc, GError **error);
/* A statement with :village, :p0, :d and :year_ago bound where it has them. */
sqlite3_stmt *
jd_readiness_prepare (JdReadinessCheck *check, const char *sql, gint64 village_id, GError **error);
/* Runs a query whose rows are persons (id_number, name, …) and collects labels;
 * extra, when given, formats the rest of a row after the label. */
typedef char *(*JdReadinessRowFormat) (sqlite3_stmt *stmt);
GPtrArray *jd_readiness_collect (JdReadinessCheck *check,
                                 const char *sql,
                                 gint64 village_id,
                                 JdReadinessRowFormat extra,
                                 GError **error);
void jd_readiness_set (JdStandardFinding *finding, JdFinding met, char *evidence);

/* The standards, each finding set in r (docs/contract.md §4); FALSE when the ledger fails.
 * check_known fills current with the village's current users, which check_help reads; check_help
 * fills without_members with the persons without a help group, which check_letters reads. */
gboolean jd_readiness_check_known (JdReadinessCheck *check,
                                   JdVillageReadiness *r,
                                   GArray *current,
                                   GError **error);
gboolean
jd_readiness_check_missing (JdReadinessCheck *check, JdVillageReadiness *r, GError **error);
gboolean jd_readiness_check_help (JdReadinessCheck *check,
                                  JdVillageReadiness *r,
                                  GArray *current,
                                  GPtrArray *without_members,
                                  GError **error);
gboolean jd_readiness_check_letters (JdReadinessCheck *check,
                                     JdVillageReadiness *r,
                                     GPtrArray *without_members,
                                     GError **error);
gboolean jd_readiness_check_new (JdReadinessCheck *check, JdVillageReadiness *r, GError **error);
gboolean
jd_readiness_check_publicity (JdReadinessCheck *check, JdVillageReadiness *r, GError **error);
gboolean
jd_readiness_check_village (JdReadinessCheck *check, JdVillageReadiness *r, GError **error);

G_END_DECLS
