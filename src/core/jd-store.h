/* jd-store.h: writing the ledger's records, one function per entity
 *
 * Every writer (import, demo, the window's forms) goes through these, so the
 * rules of docs/contract.md §3 live in one place. Each function validates its record,
 * writes it in the caller's transaction, and says what it did. Enumerated
 * fields take keys (jd_enum_find () turns a Chinese label into one).
 */
#pragma once

#include "jd-text-rules.h"
#include "jd-types.h"

G_BEGIN_DECLS

typedef enum
{
  JD_STORE_FAILED,    /* nothing written; error set */
  JD_STORE_ADDED,
  JD_STORE_UPDATED,   /* villages and persons, found by their key */
  JD_STORE_UNCHANGED, /* the same row is already there */
} JdStoreResult;

typedef struct
{
  const char *code;
  const char *name;
  const char *kind; /* "village" (default) or "community" */
  gint64 registered_population;
  gint64 resident_population;
  gint64 floating_population;
  gint64 grid_count;
  const char *secretary;
  const char *police_officer;
  gboolean education_site;
  JdDay retired_on;
} JdVillageRecord;

typedef struct
{
  const char *id_number; /* validated with GB 11643 */
  const char *name;
  const char *sex;       /* optional; must agree with the ID number */
  JdDay birth_date;      /* optional; must agree with the ID number */
  const char *phone;
  const char *household_address;
  gint64 household_village_id;       /* 0: outside the township or unknown */
  const char *household_village_name;
  const char *residence_address;
  gint64 village_id; /* managing village, required */
  JdDay first_found_on;
  const char *drug_type;
  const char *key_category;
  const char *note;
} JdPersonRecord;

typedef struct
{
  gint64 person_id;
  const char *status;
  JdDay started_on;
  JdDay planned_end_on;
  const char *note;
} JdStatusRecord;

typedef struct
{
  gint64 person_id;
  JdDay occurred_on;
  const char *source;
} JdUseEventRecord;

typedef struct
{
  gint64 person_id;
  const char *kind;
  JdDay occurred_on;
  const char *result; /* urine tests only */
  const char *staff;
  const char *place;
  const char *content;
} JdFollowupRecord;

typedef struct
{
  gint64 person_id;
  const char *member_name;
  const char *role;
  const char *phone;
  JdDay since;
  JdDay until;
} JdHelpMemberRecord;

typedef struct
{
  gint64 person_id;
  JdDay signed_on;
  const char *note;
} JdAgreementRecord;

/* A person's managing village from moved_on on (docs/contract.md §3 "move"). */
typedef struct
{
  gint64 person_id;
  gint64 village_id;
  JdDay moved_on;
} JdMoveRecord;

typedef struct
{
  gint64 village_id; /* 0: township-wide */
  JdDay held_on;
  const char *form;
  const char *title;
  const char *location;
  const char *audience;
  gint64 participants; /* -1: not given */
  gint64 materials;
  gint64 banners;
} JdActivityRecord;

typedef struct
{
  gint64 village_id;
  const char *level;
  JdDay signed_on;
  const char *party;
  gint64 copies; /* -1: not given */
} JdLetterRecord;

typedef struct
{
  gint64 village_id;
  const char *name;
  const char *kind;
  const char *address;
  const char *manager;
  const char *phone;
  const char *key_spot;
} JdVenueRecord;

typedef struct
{
  gint64 venue_id;
  JdDay inspected_on;
  const char *inspector;
  gboolean passed;
  const char *finding;
} JdInspectionRecord;

typedef struct
{
  gint64 village_id;
  const char *event;
  JdDay occurred_on;
  const char *note;
  const char *ground; /* JD_ENUM_TITLE_GROUND: a yellow card's or a revocation's 事由 */
} JdTitleEventRecord;

typedef struct
{
  const char *name;
  const char *role;
  gint64 village_id; /* 0: township office */
  const char *phone;
  JdDay since;
  JdDay until;
} JdStaffRecord;

/* An awareness survey (知晓率调查, docs/contract.md §3). */
typedef struct
{
  gint64 village_id; /* 0: township-wide */
  JdDay surveyed_on;
  const char *group; /* JD_ENUM_SURVEY_GROUP */
  gint64 sampled;    /* ≥ 1 */
  gint64 aware;      /* 0 … sampled */
} JdSurveyRecord;

typedef struct
{
  int finding;  /* the automatic finding: 1 met, 0 not met, -1 manual */
  int verdict;  /* the recorded verdict: 1 met, 0 not met, -1 not yet recorded */
  double points;
  const char *note;
} JdAssessmentItem;

typedef struct
{
  gint64 village_id;
  int year;
  const char *standard_set; /* NULL: "ten_standards" */
  JdDay assessed_on;
  const char *assessor;
  JdAssessmentItem items[10]; /* standards 1–10 */
} JdAssessmentRecord;

JdStoreResult jd_store_village      (JdLedger *ledger, const JdVillageRecord *record, gint64 *id, GError **error);
JdStoreResult jd_store_person       (JdLedger *ledger, const JdPersonRecord *record, gint64 *id, GError **error);
JdStoreResult jd_store_status       (JdLedger *ledger, const JdStatusRecord *record, GError **error);
JdStoreResult jd_store_use_event    (JdLedger *ledger, const JdUseEventRecord *record, GError **error);
JdStoreResult jd_store_followup     (JdLedger *ledger, const JdFollowupRecord *record, GError **error);
JdStoreResult jd_store_help_member  (JdLedger *ledger, const JdHelpMemberRecord *record, GError **error);
JdStoreResult jd_store_agreement    (JdLedger *ledger, const JdAgreementRecord *record, GError **error);
JdStoreResult jd_store_move         (JdLedger *ledger, const JdMoveRecord *record, GError **error);
JdStoreResult jd_store_activity     (JdLedger *ledger, const JdActivityRecord *record, GError **error);
JdStoreResult jd_store_letter       (JdLedger *ledger, const JdLetterRecord *record, GError **error);
JdStoreResult jd_store_venue        (JdLedger *ledger, const JdVenueRecord *record, gint64 *id, GError **error);
JdStoreResult jd_store_inspection   (JdLedger *ledger, const JdInspectionRecord *record, GError **error);
JdStoreResult jd_store_title_event  (JdLedger *ledger, const JdTitleEventRecord *record, GError **error);
/* As jd_store_title_event; *revoked tells whether the event was a second
 * consecutive yellow card, so that the revocation (ground two_yellow) was
 * written with it. */
JdStoreResult jd_store_title_event_full (JdLedger                 *ledger,
                                         const JdTitleEventRecord *record,
                                         gboolean                 *revoked,
                                         GError                  **error);
JdStoreResult jd_store_staff        (JdLedger *ledger, const JdStaffRecord *record, GError **error);
/* A survey of the same village, day and group with other numbers is refused:
 * delete it first. */
JdStoreResult jd_store_survey       (JdLedger *ledger, const JdSurveyRecord *record, GError **error);
/* Deletes one survey (the audit log keeps its values); FALSE with an error when there is none. */
gboolean      jd_store_delete_survey (JdLedger *ledger, gint64 survey_id, GError **error);
JdStoreResult jd_store_assessment   (JdLedger *ledger, const JdAssessmentRecord *record, gint64 *id, GError **error);


/* The first day any date may be. */
#define JD_STORE_FIRST_YEAR 1950

/* The rules that tie a person's records to their dates (death is final;
 * nothing predates the first-found date), as a form checks a date before it
 * saves: NULL when a record of that table may be dated day (or the ledger
 * cannot say: the save will), else the reason. table is "status_span",
 * "use_event", "followup", "help_member", "agreement" or "move". */
char *
jd_store_person_day_problem (JdLedger *ledger, gint64 person_id, const char *table, JdDay day);
/* NULL when the person may have died on day, else the reason (a record after it). */
char *jd_store_death_problem (JdLedger *ledger, gint64 person_id, JdDay day);

/* Look-ups the writers need: 0 when not found. */
gint64 jd_store_find_village (JdLedger *ledger, const char *code_or_name);
gint64 jd_store_find_person  (JdLedger *ledger, const char *id_number);
gint64 jd_store_find_venue   (JdLedger *ledger, gint64 village_id, const char *name);

G_END_DECLS
