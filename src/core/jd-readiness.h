/* jd-readiness.h: each village against the ten standards (docs/contract.md §4, 创建达标情况) */
#pragma once

#include "jd-ledger.h"

G_BEGIN_DECLS

#define JD_N_STANDARDS 10

typedef enum
{
  JD_FINDING_MANUAL = -1, /* recorded by staff in the assessment */
  JD_FINDING_NOT_MET = 0,
  JD_FINDING_MET = 1,
} JdFinding;

typedef struct
{
  int no; /* 1 … 10 */
  JdFinding met;
  char *evidence; /* what the ledger shows, in the interface language */
} JdStandardFinding;

typedef struct
{
  gint64 village_id;
  char *code;
  char *name;
  gboolean has_registered; /* some of its persons were registered by D */
  JdStandardFinding standards[JD_N_STANDARDS];
} JdVillageReadiness;

void jd_village_readiness_free (JdVillageReadiness *readiness);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdVillageReadiness, jd_village_readiness_free)

/* The standard's short title (translated) and its official wording's key words. */
const char *jd_standard_title (int no);
const char *jd_standard_zh (int no);

/* Village village_id, or every village not retired on D when it is 0, in code
 * order, for year Y as of D (as_of 0: Dec 31 of Y; otherwise within Y).
 * Returns an array of JdVillageReadiness. */
GPtrArray *
jd_readiness_compute (JdLedger *ledger, int year, JdDay as_of, gint64 village_id, GError **error);

G_END_DECLS
