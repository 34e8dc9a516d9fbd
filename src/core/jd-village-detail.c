/* jd-village-detail.c: what a village's page shows, read from the ledger
 *
 * Small queries on one village, each on an index (person_village,
 * letter_village, title_event_village, assessment's unique key): fast enough
 * for the main loop at city scale, where a village has at most a few hundred
 * persons.
 */
#include "config.h"

#include "jd-village-detail.h"

#include "jd-enums.h"
#include "jd-id-number.h"
#include "jd-ledger-private.h"
#include "jd-village-at.h"

void
jd_village_person_free (JdVillagePerson *person)
{
  if (person == NULL)
    return;
  g_free (person->name);
  g_free (person->id_number);
  g_free (person->status);
  g_free (person);
}

void
jd_village_letter_free (JdVillageLetter *letter)
{
  if (letter == NULL)
    return;
  g_free (letter->level);
  g_free (letter->party);
  g_free (letter);
}

void
jd_village_title_event_free (JdVillageTitleEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->event);
  g_free (event->note);
  g_free (event->ground);
  g_free (event);
}

void
jd_village_assessment_free (JdVillageAssessment *assessment)
{
  if (assessment == NULL)
    return;
  g_free (assessment->assessor);
  for (int i = 0; i < 10; i++)
    g_free (assessment->items[i].note);
  g_free (assessment);
}

/* Ends a statement's rows: FALSE (error set) unless it ran to its end. */
static gboolean
finish (JdLedger *ledger, sqlite3_stmt *stmt, int rc, GError **error)
{
  if (rc != SQLITE_DONE)
    jd_ledger_set_error (ledger, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

GPtrArray *
jd_village_load_persons (JdLedger *ledger, gint64 village_id, JdDay day, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "SELECT p.id, p.name, p.id_number, s.status, s.started_on FROM person p"
      " LEFT JOIN status_span s ON s.person_id = p.id AND s.started_on <= ?2"
      "  AND (s.ended_on IS NULL OR s.ended_on >= ?2)"
      " WHERE " JD_SQL_IN_VILLAGE_AT ("p", "?1", "?2", "?2") " ORDER BY p.name, p.id",
      error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, village_id);
  jd_bind_day (stmt, 2, day);

  g_autoptr (GPtrArray) persons
      = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_village_person_free);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdVillagePerson *person = g_new0 (JdVillagePerson, 1);
      person->id = sqlite3_column_int64 (stmt, 0);
      person->name = jd_column_dup (stmt, 1);
      person->id_number = jd_column_dup (stmt, 2);
      person->status = jd_column_dup (stmt, 3);
      if (person->status == NULL)
        person->status = g_strdup ("at_large");
      person->status_since = jd_column_day (stmt, 4);
      g_ptr_array_add (persons, person);
    }
  if (!finish (ledger, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&persons);
}

GPtrArray *
jd_village_load_letters (JdLedger *ledger, gint64 village_id, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger,
                                          "SELECT level, signed_on, party, copies FROM letter"
                                          " WHERE village_id = ? ORDER BY signed_on DESC, id DESC",
                                          error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, village_id);

  g_autoptr (GPtrArray) letters
      = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_village_letter_free);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdVillageLetter *letter = g_new0 (JdVillageLetter, 1);
      letter->level = jd_column_dup (stmt, 0);
      letter->signed_on = jd_column_day (stmt, 1);
      letter->party = jd_column_dup (stmt, 2);
      letter->copies
          = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (letters, letter);
    }
  if (!finish (ledger, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&letters);
}

GPtrArray *
jd_village_load_title_events (JdLedger *ledger,
                              gint64 village_id,
                              JdTitleState *state,
                              GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  sqlite3_stmt *stmt
      = jd_ledger_prepare (ledger,
                           "SELECT id, event, occurred_on, note, ground FROM title_event"
                           " WHERE village_id = ? ORDER BY occurred_on, id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, village_id);
  if (state)
    jd_title_state_init (state);

  g_autoptr (GPtrArray) events
      = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_village_title_event_free);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdVillageTitleEvent *event = g_new0 (JdVillageTitleEvent, 1);
      event->id = sqlite3_column_int64 (stmt, 0);
      event->event = jd_column_dup (stmt, 1);
      event->occurred_on = jd_column_day (stmt, 2);
      event->note = jd_column_dup (stmt, 3);
      event->ground = jd_column_dup (stmt, 4);
      g_ptr_array_add (events, event);
      /* The store refuses impossible steps, so the walk only skips rows
       * written around it (an older import); the stage stays the last good one. */
      if (state)
        jd_title_apply (state, event->event, event->occurred_on, NULL);
    }
  if (!finish (ledger, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&events);
}

static int
column_flag (sqlite3_stmt *stmt, int column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, column);
}

GPtrArray *
jd_village_load_assessments (JdLedger *ledger, gint64 village_id, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "SELECT a.id, a.year, a.assessed_on, a.assessor, i.standard_no, i.finding, i.verdict,"
      " i.points, i.note FROM assessment a LEFT JOIN assessment_item i ON i.assessment_id = a.id"
      " WHERE a.village_id = ? ORDER BY a.year DESC, a.id, i.standard_no",
      error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, village_id);

  g_autoptr (GPtrArray) assessments
      = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_village_assessment_free);
  JdVillageAssessment *current = NULL;
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      if (current == NULL || current->id != id)
        {
          current = g_new0 (JdVillageAssessment, 1);
          current->id = id;
          current->year = sqlite3_column_int (stmt, 1);
          current->assessed_on = jd_column_day (stmt, 2);
          current->assessor = jd_column_dup (stmt, 3);
          for (int i = 0; i < 10; i++)
            current->items[i].finding = current->items[i].verdict = -1;
          g_ptr_array_add (assessments, current);
        }
      int no = sqlite3_column_int (stmt, 4);
      if (no >= 1 && no <= 10)
        {
          JdVillageAssessmentItem *item = &current->items[no - 1];
          item->finding = column_flag (stmt, 5);
          item->verdict = column_flag (stmt, 6);
          item->points = sqlite3_column_double (stmt, 7);
          item->note = jd_column_dup (stmt, 8);
        }
    }
  if (!finish (ledger, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&assessments);
}

guint
jd_village_assessment_count_met (const JdVillageAssessment *assessment)
{
  guint met = 0;
  for (int i = 0; i < 10; i++)
    {
      int v = assessment->items[i].verdict >= 0 ? assessment->items[i].verdict
                                                : assessment->items[i].finding;
      met += v == 1;
    }
  return met;
}

char *
jd_village_describe_statuses (GPtrArray *persons)
{
  guint n_statuses;
  const JdEnumValue *statuses = jd_enum_values (JD_ENUM_STATUS, &n_statuses);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint s = 0; s < n_statuses; s++)
    {
      guint count = 0;
      for (guint i = 0; i < persons->len; i++)
        count += g_strcmp0 (((JdVillagePerson *)g_ptr_array_index (persons, i))->status,
                            statuses[s].key)
                 == 0;
      if (count == 0)
        continue;
      if (text->len)
        g_string_append (text, " · ");
      g_string_append_printf (text, "%s %u", jd_enum_label (JD_ENUM_STATUS, statuses[s].key),
                              count);
    }
  return text->len ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}
