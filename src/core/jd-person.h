/* jd-person.h: one registered person as the person window shows them
 *
 * The person's own fields, their status spans, help-group members, agreements,
 * follow-ups and use events, read in one call; their audit history read apart
 * (it may be long). Writing goes through jd-store.h; deleting the rows that
 * hang off a person, and changing a saved person's ID number, are here.
 */
#pragma once

#include "jd-types.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char *status;
  JdDay started_on;
  JdDay planned_end_on;
  JdDay ended_on; /* 0: open */
  char *note;
} JdPersonSpan;

typedef struct
{
  gint64 id;
  char *member_name;
  char *role;
  char *phone;
  JdDay since;
  JdDay until;
} JdPersonMember;

typedef struct
{
  gint64 id;
  JdDay signed_on;
  char *note;
} JdPersonAgreement;

typedef struct
{
  gint64 id;
  char *kind;
  JdDay occurred_on;
  char *result;
  char *staff;
  char *place;
  char *content;
} JdPersonFollowup;

typedef struct
{
  gint64 id;
  JdDay occurred_on;
  char *source;
} JdPersonUseEvent;

typedef struct
{
  gint64 id;
  gint64 village_id;
  char *village_name;
  JdDay moved_on;
} JdPersonMove;

typedef struct
{
  gint64 id;
  char *at; /* "YYYY-MM-DDTHH:MM:SS", local time */
  char *os_user;
  char *table; /* "person", "status_span", "followup", … */
  gint64 row_id;
  char *action; /* "insert", "update", "delete" */
  char *before; /* JSON object or NULL */
  char *after;  /* JSON object or NULL */
} JdAuditEntry;

typedef struct
{
  gint64 id;
  char *id_number;
  char *name;
  char *sex; /* "male" / "female", from the ID number */
  JdDay birth_date;
  char *phone;
  char *household_address;
  gint64 household_village_id; /* 0: none or outside */
  char *household_village_name;
  char *residence_address;
  gint64 village_id; /* the managing village before any move (docs/contract.md §3) */
  JdDay first_found_on;
  char *drug_type;
  char *key_category;
  char *note;

  GPtrArray *spans;      /* JdPersonSpan, oldest first */
  GPtrArray *members;    /* JdPersonMember, by since */
  GPtrArray *agreements; /* JdPersonAgreement, newest first */
  GPtrArray *followups;  /* JdPersonFollowup, newest first */
  GPtrArray *use_events; /* JdPersonUseEvent, newest first */
  GPtrArray *moves;      /* JdPersonMove, oldest first */
} JdPerson;

/* The tables of the rows that hang off a person and can be deleted. */
typedef enum
{
  JD_PERSON_FOLLOWUP,
  JD_PERSON_MEMBER,
  JD_PERSON_AGREEMENT,
  JD_PERSON_USE_EVENT,
  JD_PERSON_MOVE,
} JdPersonRowKind;

JdPerson *jd_person_load (JdLedger *ledger, gint64 person_id, GError **error);
void jd_person_free (JdPerson *person);
gint64 jd_person_village_on (const JdPerson *person, JdDay day);
char *jd_person_dup_name (JdLedger *ledger, gint64 person_id);
GPtrArray *jd_person_load_history (JdLedger *ledger, gint64 person_id, GError **error);
void jd_audit_entry_free (JdAuditEntry *entry);

gboolean
jd_person_delete_row (JdLedger *ledger, JdPersonRowKind kind, gint64 row_id, GError **error);
gboolean
jd_person_set_id_number (JdLedger *ledger, gint64 person_id, const char *id_number, GError **error);
const char *jd_person_row_kind_table (JdPersonRowKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdPerson, jd_person_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdAuditEntry, jd_audit_entry_free)

G_END_DECLS
