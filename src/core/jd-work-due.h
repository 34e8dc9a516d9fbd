/* jd-work-due.h: the work due today (今日待办, docs/contract.md §4 "Work due")
 *
 * For every person whose status today is community_detox or community_rehab,
 * the follow-up work that is overdue or falls due soon: talks, urine tests,
 * home visits, the end of the measure, a missing help group or agreement;
 * and for every village not retired, its title review (复核), its
 * responsibility letters (责任书) and this month's publicity shortfall.
 * Everything is computed by one SQL statement over the indexes, so the list is
 * cheap enough to recompute whenever the ledger changes.
 */
#pragma once

#include <gio/gio.h>

#include "jd-types.h"

G_BEGIN_DECLS

/* In the order of JD_ENUM_WORK_KIND, whose keys and labels they have. */
typedef enum
{
  JD_WORK_TALK,
  JD_WORK_URINE_TEST,
  JD_WORK_HOME_VISIT,
  JD_WORK_MEASURE_ENDING,
  JD_WORK_HELP_GROUP,
  JD_WORK_AGREEMENT,
  /* The village items (person_id 0, id_number and name NULL). */
  JD_WORK_TITLE_REVIEW,
  JD_WORK_LETTERS,
  JD_WORK_PUBLICITY,
  JD_N_WORK_KINDS
} JdWorkKind;

typedef enum
{
  JD_URINE_SCHEDULE_INTERVAL,  /* every urine_months months (GSettings "interval") */
  JD_URINE_SCHEDULE_STATUTORY, /* monthly, two-monthly, quarterly by year ("statutory") */
} JdUrineSchedule;

/* Calendar months (docs/contract.md §4): 每两个月谈话、尿检, 一月一家访. */
#define JD_WORK_DUE_TALK_MONTHS 2
#define JD_WORK_DUE_URINE_MONTHS 2
#define JD_WORK_DUE_VISIT_MONTHS 1
#define JD_WORK_DUE_SOON_DAYS 7          /* listed up to this many days ahead */
#define JD_WORK_DUE_MEASURE_SOON_DAYS 30 /* measure_ending: this many */
#define JD_WORK_DUE_VILLAGE_SOON_DAYS 30 /* title_review and letters */
#define JD_WORK_DUE_PUBLICITY_SOON_DAYS 10
#define JD_WORK_DUE_PUBLICITY_MIN 4 /* activities a village holds each month */

typedef struct
{
  JdDay today;      /* 0: jd_today () */
  int talk_months;  /* talk-interval-months */
  int urine_months; /* urine-interval-months (interval schedule only) */
  int visit_months; /* visit-interval-months */
  JdUrineSchedule urine_schedule;
} JdWorkDueOptions;

typedef struct
{
  gint64 person_id; /* 0 for a village item */
  char *id_number;
  char *name;
  char *village_code; /* the managing village */
  char *village_name;
  JdWorkKind kind;
  JdDay due_on;
  int overdue_days; /* today − due_on: > 0 overdue, ≤ 0 due soon */
} JdWorkItem;

#define JD_TYPE_WORK_ITEM (jd_work_item_get_type ())

GType jd_work_item_get_type (void) G_GNUC_CONST;
JdWorkItem *jd_work_item_copy (const JdWorkItem *item);
void jd_work_item_free (JdWorkItem *item);
gboolean jd_work_item_is_overdue (const JdWorkItem *item);

const char *jd_work_kind_key (JdWorkKind kind);
const char *jd_work_kind_label (JdWorkKind kind);
gboolean jd_work_kind_from_key (const char *key, JdWorkKind *kind);

void jd_work_due_options_init (JdWorkDueOptions *options);
void jd_work_due_options_load (JdWorkDueOptions *options, GSettings *settings);

/* JdWorkItems (owned by the array), most overdue first, then by due date,
 * village code, ID number (a village's own items first) and kind. */
GPtrArray *jd_work_due_list (JdLedger *ledger, const JdWorkDueOptions *options, GError **error);
/* The same for one person: what the window refreshes after a follow-up. */
GPtrArray *jd_work_due_list_person (JdLedger *ledger,
                                    gint64 person_id,
                                    const JdWorkDueOptions *options,
                                    GError **error);

typedef struct
{
  guint overdue;
  guint due_soon;
} JdWorkCount;

void jd_work_due_tally (GPtrArray *items, JdWorkCount counts[JD_N_WORK_KINDS]);
gboolean jd_work_due_counts (JdLedger *ledger,
                             const JdWorkDueOptions *options,
                             JdWorkCount counts[JD_N_WORK_KINDS],
                             GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdWorkItem, jd_work_item_free)

G_END_DECLS
