/* jd-store-village-records.c: writing the records of the villages and the township:
 * publicity activities, responsibility letters, venues and their inspections, title events,
 * staff, awareness surveys and assessments (docs/contract.md §3)
 */
#include "config.h"

#include "jd-store.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-ledger-private.h"
#include "jd-store-private.h"
#include "jd-title.h"

/* ---- the columns of each record ---------------------------------------------------- */

static const JdStoreColumn activity_columns[] = {
  JD_STORE_COLUMN (JdActivityRecord, village_id, JD_STORE_ID),
  JD_STORE_COLUMN (JdActivityRecord, held_on, JD_STORE_DAY),
  JD_STORE_COLUMN (JdActivityRecord, form, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdActivityRecord, title, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdActivityRecord, location, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdActivityRecord, audience, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdActivityRecord, participants, JD_STORE_COUNT),
  JD_STORE_COLUMN (JdActivityRecord, materials, JD_STORE_COUNT),
  JD_STORE_COLUMN (JdActivityRecord, banners, JD_STORE_COUNT),
};
static const JdStoreLayout activity_layout = JD_STORE_LAYOUT (activity_columns);

static const JdStoreColumn letter_columns[] = {
  JD_STORE_COLUMN (JdLetterRecord, village_id, JD_STORE_INT),
  JD_STORE_COLUMN (JdLetterRecord, level, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdLetterRecord, signed_on, JD_STORE_DAY),
  JD_STORE_COLUMN (JdLetterRecord, party, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdLetterRecord, copies, JD_STORE_COUNT),
};
const JdStoreLayout jd_store_letter_layout = JD_STORE_LAYOUT (letter_columns);

static const JdStoreColumn venue_columns[] = {
  JD_STORE_COLUMN (JdVenueRecord, village_id, JD_STORE_INT),
  JD_STORE_COLUMN (JdVenueRecord, name, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdVenueRecord, kind, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdVenueRecord, address, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdVenueRecord, manager, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdVenueRecord, phone, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdVenueRecord, key_spot, JD_STORE_TEXT),
};
const JdStoreLayout jd_store_venue_layout = JD_STORE_LAYOUT (venue_columns);

static const JdStoreColumn inspection_columns[] = {
  JD_STORE_COLUMN (JdInspectionRecord, venue_id, JD_STORE_INT),
  JD_STORE_COLUMN (JdInspectionRecord, inspected_on, JD_STORE_DAY),
  JD_STORE_COLUMN (JdInspectionRecord, inspector, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdInspectionRecord, passed, JD_STORE_FLAG),
  JD_STORE_COLUMN (JdInspectionRecord, finding, JD_STORE_TEXT),
};
const JdStoreLayout jd_store_inspection_layout = JD_STORE_LAYOUT (inspection_columns);

static const JdStoreColumn title_event_columns[] = {
  JD_STORE_COLUMN (JdTitleEventRecord, village_id, JD_STORE_INT),
  JD_STORE_COLUMN (JdTitleEventRecord, event, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdTitleEventRecord, occurred_on, JD_STORE_DAY),
  JD_STORE_COLUMN (JdTitleEventRecord, note, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdTitleEventRecord, ground, JD_STORE_TEXT),
};
static const JdStoreLayout title_event_layout = JD_STORE_LAYOUT (title_event_columns);

static const JdStoreColumn staff_columns[] = {
  JD_STORE_COLUMN (JdStaffRecord, name, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdStaffRecord, role, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdStaffRecord, village_id, JD_STORE_ID),
  JD_STORE_COLUMN (JdStaffRecord, phone, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdStaffRecord, since, JD_STORE_DAY),
  JD_STORE_COLUMN (JdStaffRecord, until, JD_STORE_DAY),
};
const JdStoreLayout jd_store_staff_layout = JD_STORE_LAYOUT (staff_columns);

static const JdStoreColumn survey_columns[] = {
  JD_STORE_COLUMN (JdSurveyRecord, village_id, JD_STORE_ID),
  JD_STORE_COLUMN (JdSurveyRecord, surveyed_on, JD_STORE_DAY),
  { "grp", JD_STORE_TEXT, G_STRUCT_OFFSET (JdSurveyRecord, group) },
  JD_STORE_COLUMN (JdSurveyRecord, sampled, JD_STORE_INT),
  JD_STORE_COLUMN (JdSurveyRecord, aware, JD_STORE_INT),
};
static const JdStoreLayout survey_layout = JD_STORE_LAYOUT (survey_columns);

JdStoreResult
jd_store_activity (JdLedger *ledger, const JdActivityRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if ((r->village_id > 0 && !jd_store_require_village (ledger, r->village_id, "village", error))
      || !jd_store_require_day (r->held_on, TRUE, "held_on", error)
      || !jd_store_require_enum (JD_ENUM_ACTIVITY_FORM, r->form, TRUE, "form", error)
      || !jd_store_require_text (r->title, "title", error)
      || !jd_store_require_enum (JD_ENUM_AUDIENCE, r->audience, FALSE, "audience", error)
      || !JD_STORE_REQUIRE_TEXTS (error, { "title", r->title, JD_TEXT_LINE },
                                  { "location", r->location, JD_TEXT_LINE }))
    return JD_STORE_FAILED;
  return jd_store_insert_unless_present (
      ledger,
      "SELECT 1 FROM activity WHERE village_id IS ?1 AND held_on = ?2 AND form = ?3"
      " AND title = ?4 AND location IS ?5 AND audience IS ?6 AND participants IS ?7"
      " AND materials IS ?8 AND banners IS ?9",
      "INSERT INTO activity (village_id, held_on, form, title, location, audience,"
      " participants, materials, banners) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
      &activity_layout, r, error);
}

gboolean
jd_store_check_letter (JdLedger *ledger, const JdLetterRecord *r, GError **error)
{
  return jd_store_require_village (ledger, r->village_id, "village", error)
         && jd_store_require_enum (JD_ENUM_LETTER_LEVEL, r->level, TRUE, "level", error)
         && jd_store_require_day (r->signed_on, TRUE, "signed_on", error)
         && JD_STORE_REQUIRE_TEXTS (error, { "party", r->party, JD_TEXT_LINE });
}

JdStoreResult
jd_store_letter (JdLedger *ledger, const JdLetterRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (!jd_store_check_letter (ledger, r, error))
    return JD_STORE_FAILED;
  return jd_store_insert_unless_present (
      ledger,
      "SELECT 1 FROM letter WHERE village_id = ?1 AND level = ?2 AND signed_on = ?3"
      " AND party IS ?4 AND copies IS ?5",
      "INSERT INTO letter (village_id, level, signed_on, party, copies)"
      " VALUES (?1, ?2, ?3, ?4, ?5)",
      &jd_store_letter_layout, r, error);
}

gboolean
jd_store_check_venue (JdLedger *ledger, const JdVenueRecord *r, GError **error)
{
  return jd_store_require_village (ledger, r->village_id, "village", error)
         && jd_store_require_text (r->name, "name", error)
         && jd_store_require_enum (JD_ENUM_VENUE_KIND, r->kind, TRUE, "kind", error)
         && JD_STORE_REQUIRE_TEXTS (
             error, { "name", r->name, JD_TEXT_NAME }, { "address", r->address, JD_TEXT_LINES },
             { "manager", r->manager, JD_TEXT_NAME }, { "phone", r->phone, JD_TEXT_LINE },
             { "key_spot", r->key_spot, JD_TEXT_LINE });
}

JdStoreResult
jd_store_venue (JdLedger *ledger, const JdVenueRecord *r, gint64 *id, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (!jd_store_check_venue (ledger, r, error))
    return JD_STORE_FAILED;
  JdStoreResult result
      = jd_store_insert (ledger,
                         "INSERT INTO venue (village_id, name, kind, address, manager, phone,"
                         " key_spot) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                         &jd_store_venue_layout, r, error);
  if (result != JD_STORE_FAILED && id)
    *id = jd_store_find_venue (ledger, r->village_id, r->name);
  return result;
}

gboolean
jd_store_check_inspection (JdLedger *ledger, const JdInspectionRecord *r, GError **error)
{
  return jd_store_require_row (ledger, "SELECT 1 FROM venue WHERE id = ?", r->venue_id, "venue",
                               _ ("venue"), error)
         && jd_store_require_day (r->inspected_on, TRUE, "inspected_on", error)
         && JD_STORE_REQUIRE_TEXTS (error, { "inspector", r->inspector, JD_TEXT_NAME },
                                    { "finding", r->finding, JD_TEXT_LINES });
}

JdStoreResult
jd_store_inspection (JdLedger *ledger, const JdInspectionRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (!jd_store_check_inspection (ledger, r, error))
    return JD_STORE_FAILED;
  return jd_store_insert_unless_present (
      ledger,
      "SELECT 1 FROM inspection WHERE venue_id = ?1 AND inspected_on = ?2 AND inspector IS ?3"
      " AND passed = ?4 AND finding IS ?5",
      "INSERT INTO inspection (venue_id, inspected_on, inspector, passed, finding)"
      " VALUES (?1, ?2, ?3, ?4, ?5)",
      &jd_store_inspection_layout, r, error);
}

static gboolean
insert_title_event (JdLedger *ledger, const JdTitleEventRecord *r, GError **error)
{
  return jd_store_insert (ledger,
                          "INSERT INTO title_event (village_id, event, occurred_on, note, ground)"
                          " VALUES (?, ?, ?, ?, ?)",
                          &title_event_layout, r, error)
         != JD_STORE_FAILED;
}

/* A title event must fit the village's workflow wherever its date puts it:
 * the events are walked again with the new one in place, and the new one obeys
 * the rules of a new step (docs/contract.md §3 "Title rules"). A second
 * consecutive yellow card brings the revocation with ground two_yellow, written
 * here with it, in one savepoint. */
JdStoreResult
jd_store_title_event_full (JdLedger *ledger,
                           const JdTitleEventRecord *r,
                           gboolean *revoked,
                           GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (revoked)
    *revoked = FALSE;
  if (!jd_store_require_village (ledger, r->village_id, "village", error)
      || !jd_store_require_enum (JD_ENUM_TITLE_EVENT, r->event, TRUE, "event", error)
      || !jd_store_require_enum (JD_ENUM_TITLE_GROUND, r->ground, FALSE, "ground", error)
      || !jd_store_require_day (r->occurred_on, TRUE, "occurred_on", error)
      || !JD_STORE_REQUIRE_TEXTS (error, { "note", r->note, JD_TEXT_LINES }))
    return JD_STORE_FAILED;

  sqlite3_stmt *stmt
      = jd_ledger_prepare (ledger,
                           "SELECT event, occurred_on FROM title_event WHERE village_id = ?"
                           " ORDER BY occurred_on, id",
                           error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  sqlite3_bind_int64 (stmt, 1, r->village_id);

  JdTitleState state;
  jd_title_state_init (&state);
  gboolean placed = FALSE, ok = TRUE, two_yellow = FALSE;
  g_autoptr (GError) walk_error = NULL;
  const char *ground = r->ground && *r->ground ? r->ground : NULL;
  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *event = (const char *)sqlite3_column_text (stmt, 0);
      JdDay day = jd_column_day (stmt, 1);
      if (day == r->occurred_on && g_str_equal (event, r->event))
        {
          sqlite3_reset (stmt);
          return JD_STORE_UNCHANGED;
        }
      if (!placed && day > r->occurred_on)
        {
          placed = TRUE;
          ok = jd_title_record (&state, r->event, r->occurred_on, ground, &walk_error);
          two_yellow = ok && state.two_yellow;
          if (two_yellow)
            jd_title_apply (&state, "revoked", r->occurred_on, NULL);
        }
      if (ok && !jd_title_apply (&state, event, day, NULL))
        {
          ok = FALSE;
          g_set_error (&walk_error, JD_ERROR, JD_ERROR_INVALID,
                       _ ("it would make the later event “%s” impossible"),
                       jd_enum_label (JD_ENUM_TITLE_EVENT, event));
        }
    }
  sqlite3_reset (stmt);
  if (ok && !placed)
    {
      ok = jd_title_record (&state, r->event, r->occurred_on, ground, &walk_error);
      two_yellow = ok && state.two_yellow;
    }
  if (!ok)
    {
      jd_set_field_error (error, "event", "%s", walk_error->message);
      return JD_STORE_FAILED;
    }

  JdTitleEventRecord stored = *r;
  stored.event = jd_enum_find (JD_ENUM_TITLE_EVENT, r->event);
  stored.ground = ground ? jd_enum_find (JD_ENUM_TITLE_GROUND, ground) : NULL;
  if (!two_yellow)
    return insert_title_event (ledger, &stored, error) ? JD_STORE_ADDED : JD_STORE_FAILED;

  JdTitleEventRecord revocation = { .village_id = r->village_id,
                                    .event = "revoked",
                                    .occurred_on = r->occurred_on,
                                    .note = "连续两次黄牌警告，取消称号",
                                    .ground = "two_yellow" };
  if (!jd_ledger_exec (ledger, "SAVEPOINT two_yellow", error))
    return JD_STORE_FAILED;
  if (!insert_title_event (ledger, &stored, error)
      || !insert_title_event (ledger, &revocation, error))
    {
      jd_ledger_exec (ledger, "ROLLBACK TO two_yellow; RELEASE two_yellow", NULL);
      return JD_STORE_FAILED;
    }
  if (!jd_ledger_exec (ledger, "RELEASE two_yellow", error))
    return JD_STORE_FAILED;
  if (revoked)
    *revoked = TRUE;
  return JD_STORE_ADDED;
}

JdStoreResult
jd_store_title_event (JdLedger *ledger, const JdTitleEventRecord *r, GError **error)
{
  return jd_store_title_event_full (ledger, r, NULL, error);
}

gboolean
jd_store_check_staff (JdLedger *ledger, const JdStaffRecord *r, GError **error)
{
  return jd_store_require_text (r->name, "name", error)
         && jd_store_require_enum (JD_ENUM_STAFF_ROLE, r->role, TRUE, "role", error)
         && (r->village_id <= 0
             || jd_store_require_village (ledger, r->village_id, "village", error))
         && jd_store_require_day (r->since, FALSE, "since", error)
         && jd_store_require_order (r->since, r->until, "until", error)
         && JD_STORE_REQUIRE_TEXTS (error, { "name", r->name, JD_TEXT_NAME },
                                    { "phone", r->phone, JD_TEXT_LINE });
}

JdStoreResult
jd_store_staff (JdLedger *ledger, const JdStaffRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (!jd_store_check_staff (ledger, r, error))
    return JD_STORE_FAILED;
  return jd_store_insert_unless_present (
      ledger,
      "SELECT 1 FROM staff WHERE name = ?1 AND role = ?2 AND village_id IS ?3 AND phone IS ?4"
      " AND since IS ?5 AND until IS ?6",
      "INSERT INTO staff (name, role, village_id, phone, since, until)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      &jd_store_staff_layout, r, error);
}

JdStoreResult
jd_store_survey (JdLedger *ledger, const JdSurveyRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  g_return_val_if_fail (r != NULL, JD_STORE_FAILED);
  if ((r->village_id > 0 && !jd_store_require_village (ledger, r->village_id, "village", error))
      || !jd_store_require_day (r->surveyed_on, TRUE, "surveyed_on", error)
      || !jd_store_require_enum (JD_ENUM_SURVEY_GROUP, r->group, TRUE, "group", error))
    return JD_STORE_FAILED;
  if (r->sampled < 1)
    {
      jd_set_field_error (error, "sampled", _ ("at least one person must have been asked"));
      return JD_STORE_FAILED;
    }
  if (!jd_store_require_count (r->aware, "aware", error))
    return JD_STORE_FAILED;
  if (r->aware > r->sampled)
    {
      jd_set_field_error (error, "aware",
                          _ ("%" PRId64 " aware is more than the %" PRId64 " asked"), r->aware,
                          r->sampled);
      return JD_STORE_FAILED;
    }

  /* The same survey again adds nothing; other numbers for it are refused. */
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "SELECT sampled, aware FROM awareness_survey WHERE village_id IS ?1 AND surveyed_on = ?2"
      " AND grp = ?3",
      error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  jd_store_bind (stmt, &survey_layout, r);
  int rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      sqlite3_reset (stmt);
      return JD_STORE_FAILED;
    }
  gint64 sampled = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  gint64 aware = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 1) : 0;
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    {
      if (sampled == r->sampled && aware == r->aware)
        return JD_STORE_UNCHANGED;
      char day[JD_DAY_STRLEN];
      jd_day_format (r->surveyed_on, day);
      jd_set_field_error (error, "sampled",
                          _ ("a survey of this group on %s is already recorded with %" PRId64
                             " asked and %" PRId64 " aware; delete it first to change it"),
                          day, sampled, aware);
      return JD_STORE_FAILED;
    }
  return jd_store_insert (ledger,
                          "INSERT INTO awareness_survey (village_id, surveyed_on, grp, sampled,"
                          " aware) VALUES (?1, ?2, ?3, ?4, ?5)",
                          &survey_layout, r, error);
}

gboolean
jd_store_delete_survey (JdLedger *ledger, gint64 survey_id, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  sqlite3_stmt *stmt
      = jd_ledger_prepare (ledger, "DELETE FROM awareness_survey WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, survey_id);
  if (jd_store_step_write (ledger, stmt, JD_STORE_UPDATED, error) == JD_STORE_FAILED)
    return FALSE;
  if (sqlite3_changes (jd_ledger_get_db (ledger)) == 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_NOT_FOUND,
                   _ ("The survey is no longer in the ledger"));
      return FALSE;
    }
  return TRUE;
}

static void
bind_flag (sqlite3_stmt *stmt, int index, int value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, value ? 1 : 0);
}

/* One assessment a village and year; saving it again replaces its items. */
JdStoreResult
jd_store_assessment (JdLedger *ledger, const JdAssessmentRecord *r, gint64 *id, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (!jd_store_require_village (ledger, r->village_id, "village", error)
      || !jd_store_require_day (r->assessed_on, TRUE, "assessed_on", error)
      || !JD_STORE_REQUIRE_TEXTS (error, { "assessor", r->assessor, JD_TEXT_NAME }))
    return JD_STORE_FAILED;
  for (int no = 1; no <= 10; no++)
    if (!JD_STORE_REQUIRE_TEXTS (error, { "note", r->items[no - 1].note, JD_TEXT_LINES }))
      return JD_STORE_FAILED;
  if (r->year < 1990 || r->year > jd_day_year (r->assessed_on))
    {
      jd_set_field_error (error, "year", _ ("%d is not a year that can have been assessed"),
                          r->year);
      return JD_STORE_FAILED;
    }

  /* The (village, year) key is unique: whether a row is there decides added
   * or updated, looked up directly rather than by counting the table. */
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger, "SELECT id FROM assessment WHERE village_id = ? AND year = ?", error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  sqlite3_bind_int64 (stmt, 1, r->village_id);
  sqlite3_bind_int (stmt, 2, r->year);
  gint64 assessment = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  stmt = jd_ledger_prepare (
      ledger,
      assessment ? "UPDATE assessment SET standard_set = ?3, assessed_on = ?4, assessor = ?5"
                   " WHERE id = ?6 AND (standard_set, assessed_on, assessor) IS NOT (?3, ?4, ?5)"
                 : "INSERT INTO assessment (village_id, year, standard_set, assessed_on, assessor)"
                   " VALUES (?1, ?2, ?3, ?4, ?5)",
      error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  if (!assessment)
    {
      sqlite3_bind_int64 (stmt, 1, r->village_id);
      sqlite3_bind_int (stmt, 2, r->year);
    }
  jd_bind_text (stmt, 3, r->standard_set ? r->standard_set : "ten_standards");
  jd_bind_day (stmt, 4, r->assessed_on);
  jd_bind_text (stmt, 5, r->assessor);
  if (assessment)
    sqlite3_bind_int64 (stmt, 6, assessment);
  JdStoreResult result
      = jd_store_step_write (ledger, stmt, assessment ? JD_STORE_UPDATED : JD_STORE_ADDED, error);
  if (result == JD_STORE_FAILED)
    return result;
  if (!assessment)
    assessment = sqlite3_last_insert_rowid (jd_ledger_get_db (ledger));

  for (int no = 1; no <= 10; no++)
    {
      const JdAssessmentItem *item = &r->items[no - 1];
      stmt = jd_ledger_prepare (
          ledger,
          "INSERT INTO assessment_item (assessment_id, standard_no, finding, verdict, points,"
          " note) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (assessment_id, standard_no)"
          " DO UPDATE SET finding = ?3, verdict = ?4, points = ?5, note = ?6"
          " WHERE (finding, verdict, points, note) IS NOT (?3, ?4, ?5, ?6)",
          error);
      if (stmt == NULL)
        return JD_STORE_FAILED;
      sqlite3_bind_int64 (stmt, 1, assessment);
      sqlite3_bind_int (stmt, 2, no);
      bind_flag (stmt, 3, item->finding);
      bind_flag (stmt, 4, item->verdict);
      sqlite3_bind_double (stmt, 5, item->points);
      jd_bind_text (stmt, 6, item->note);
      JdStoreResult item_result = jd_store_step_write (ledger, stmt, JD_STORE_UPDATED, error);
      if (item_result == JD_STORE_FAILED)
        return item_result;
      if (item_result == JD_STORE_UPDATED && result == JD_STORE_UNCHANGED)
        result = JD_STORE_UPDATED;
    }
  if (id)
    *id = assessment;
  return result;
}
