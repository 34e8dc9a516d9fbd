/* jd-village-detail.h: what a village's page shows — its persons, letters,
 * title events and assessments, read from the ledger */
#pragma once

#include "jd-ledger.h"
#include "jd-title.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char *name;
  char *id_number;    /* unmasked */
  char *status;       /* key of the status at the day asked for; "at_large" without a span */
  JdDay status_since; /* 0 when there is no span */
} JdVillagePerson;

typedef struct
{
  char *level; /* key */
  JdDay signed_on;
  char *party;
  gint64 copies; /* -1: not given */
} JdVillageLetter;

typedef struct
{
  gint64 id;
  char *event; /* key */
  JdDay occurred_on;
  char *note;
  char *ground; /* key, or NULL */
} JdVillageTitleEvent;

typedef struct
{
  int finding; /* 1 met, 0 not met, -1 manual */
  int verdict; /* 1 met, 0 not met, -1 not recorded */
  double points;
  char *note;
} JdVillageAssessmentItem;

typedef struct
{
  gint64 id;
  int year;
  JdDay assessed_on;
  char *assessor;
  JdVillageAssessmentItem items[10];
} JdVillageAssessment;

void jd_village_person_free (JdVillagePerson *person);
void jd_village_letter_free (JdVillageLetter *letter);
void jd_village_title_event_free (JdVillageTitleEvent *event);
void jd_village_assessment_free (JdVillageAssessment *assessment);

/* V's persons (managing village), by name, with their status on day. */
GPtrArray *jd_village_load_persons (JdLedger *ledger, gint64 village_id, JdDay day, GError **error);
/* V's responsibility letters, newest first. */
GPtrArray *jd_village_load_letters (JdLedger *ledger, gint64 village_id, GError **error);
/* V's title events in date order; with state, walks them into it (as of any day). */
GPtrArray *jd_village_load_title_events (JdLedger *ledger,
                                         gint64 village_id,
                                         JdTitleState *state,
                                         GError **error);
/* V's assessments, newest year first. */
GPtrArray *jd_village_load_assessments (JdLedger *ledger, gint64 village_id, GError **error);

/* Number of assessed items whose verdict (or, without one, finding) is met. */
guint jd_village_assessment_count_met (const JdVillageAssessment *assessment);

/* How many of persons have each status: "Community detox 2 · Missing 1 · …",
 * in the order of the status keys, or NULL when there are none. */
char *jd_village_describe_statuses (GPtrArray *persons);

G_END_DECLS
