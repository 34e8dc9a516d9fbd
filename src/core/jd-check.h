/* jd-check.h: is the ledger file sound, and is its data consistent? (jindu check)
 *
 * Two levels. SQLite's integrity check says whether the file itself is sound;
 * when it is not, nothing else is read. The data-quality checks then look, in
 * SQL, for what the schema cannot forbid or what another tool may have written
 * around the triggers: bad ID numbers, persons managed by a retired village,
 * persons with no status, overlapping or several open status periods,
 * follow-ups outside every community measure, references to missing rows.
 * Those findings are warnings: the file can still be used.
 *
 * The audit checks then verify the audit log (docs/audit-log.md): its rows
 * against the seals the program wrote at each commit (a removed, changed or
 * unsealed row is named by its id), and the triggers that write and protect it
 * against the SQL the program expects. Those findings are not warnings: the
 * record of who changed what can no longer be trusted as it stands.
 */
#pragma once

#include <gio/gio.h>

#include "jd-types.h"

G_BEGIN_DECLS

/* In the order a report lists them. */
typedef enum
{
  JD_CHECK_ID_NUMBER,        /* the ID number fails GB 11643 */
  JD_CHECK_RETIRED_VILLAGE,  /* the managing village has a retired_on date */
  JD_CHECK_NO_STATUS,        /* the person has no status period at all */
  JD_CHECK_OVERLAP,          /* two status periods of one person overlap (one finding a pair) */
  JD_CHECK_OPEN_SPANS,       /* more than one status period is open */
  JD_CHECK_FOLLOWUP_OUTSIDE, /* a talk, urine test or home visit outside every community
                                detox or rehabilitation period (one finding a follow-up) */
  JD_CHECK_BROKEN_REFERENCE, /* a row refers to a village or person that is not there */
  JD_CHECK_MOVE_DATE,        /* a move of the managing village dated after the person's
                                death, before their first-found date, before 1950 or after
                                today (docs/contract.md §3), as older data may have */
  JD_CHECK_AUDIT_ROWS,       /* audit rows removed, changed or not sealed by the program, or a
                                seal removed or changed (table audit_log or audit_seal) */
  JD_CHECK_AUDIT_TRIGGERS,   /* an audit or append-only trigger missing or altered, or a
                                trigger on the audit tables that is not the program's */
  JD_N_CHECK_CATEGORIES
} JdCheckCategory;

typedef struct
{
  JdCheckCategory category;
  gint64 person_id; /* 0 when the finding is about no known person */
  char *id_number;  /* as stored; NULL with person_id 0 */
  char *name;
  char *table;   /* the table of the row at fault: "person", "status_span", "followup"… */
  gint64 row_id; /* that row (the second span of an overlapping pair) */
  char *message; /* what is wrong, translated, one sentence */
} JdCheckFinding;

#define JD_TYPE_CHECK_FINDING (jd_check_finding_get_type ())

GType jd_check_finding_get_type (void) G_GNUC_CONST;
JdCheckFinding *jd_check_finding_copy (const JdCheckFinding *finding);
void jd_check_finding_free (JdCheckFinding *finding);

typedef struct
{
  GPtrArray *integrity;                /* SQLite's complaints (char *): empty when sound */
  gboolean data_checked;               /* FALSE when the file is not sound */
  guint counts[JD_N_CHECK_CATEGORIES]; /* every finding of each category */
  GPtrArray *findings;                 /* JdCheckFinding, by category, then ID number; at
                                          most the limit of each category */
} JdCheckReport;

void jd_check_report_free (JdCheckReport *report);
gboolean jd_check_report_is_sound (const JdCheckReport *report);
/* The audit log matches its seals and every trigger is the program's. */
gboolean jd_check_report_audit_intact (const JdCheckReport *report);
/* The findings of the audit checks alone. */
guint jd_check_report_n_audit_findings (const JdCheckReport *report);
guint jd_check_report_n_findings (const JdCheckReport *report);

const char *jd_check_category_key (JdCheckCategory category);
const char *jd_check_category_label (JdCheckCategory category);

/* Runs every check; keeps at most `limit` findings of each category (0: all)
 * but counts them all. NULL with error only when the checks could not run. */
JdCheckReport *
jd_check_run (JdLedger *ledger, guint limit, GCancellable *cancellable, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdCheckFinding, jd_check_finding_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdCheckReport, jd_check_report_free)

G_END_DECLS
