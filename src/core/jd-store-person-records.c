/* jd-store-person-records.c: writing a person's records: use events, follow-ups, help-group
 * members, agreements and moves (docs/contract.md §3); a row already there is skipped
 */
#include "config.h"

#include "jd-store.h"

#include <glib/gi18n-lib.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-ledger-private.h"
#include "jd-store-private.h"
#include "jd-village-at.h"

/* ---- the columns of each record ---------------------------------------------------- */

static const JdStoreColumn use_event_columns[] = {
  JD_STORE_COLUMN (JdUseEventRecord, person_id, JD_STORE_INT),
  JD_STORE_COLUMN (JdUseEventRecord, occurred_on, JD_STORE_DAY),
  JD_STORE_COLUMN (JdUseEventRecord, source, JD_STORE_TEXT),
};
static const JdStoreLayout use_event_layout = JD_STORE_LAYOUT (use_event_columns);

/* A result is bound only for a urine test: jd_store_followup refuses one on any other kind. */
static const JdStoreColumn followup_columns[] = {
  JD_STORE_COLUMN (JdFollowupRecord, person_id, JD_STORE_INT),
  JD_STORE_COLUMN (JdFollowupRecord, kind, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdFollowupRecord, occurred_on, JD_STORE_DAY),
  JD_STORE_COLUMN (JdFollowupRecord, result, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdFollowupRecord, staff, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdFollowupRecord, place, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdFollowupRecord, content, JD_STORE_TEXT),
};
static const JdStoreLayout followup_layout = JD_STORE_LAYOUT (followup_columns);

static const JdStoreColumn help_member_columns[] = {
  JD_STORE_COLUMN (JdHelpMemberRecord, person_id, JD_STORE_INT),
  JD_STORE_COLUMN (JdHelpMemberRecord, member_name, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdHelpMemberRecord, role, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdHelpMemberRecord, phone, JD_STORE_TEXT),
  JD_STORE_COLUMN (JdHelpMemberRecord, since, JD_STORE_DAY),
  JD_STORE_COLUMN (JdHelpMemberRecord, until, JD_STORE_DAY),
};
static const JdStoreLayout help_member_layout = JD_STORE_LAYOUT (help_member_columns);

static const JdStoreColumn agreement_columns[] = {
  JD_STORE_COLUMN (JdAgreementRecord, person_id, JD_STORE_INT),
  JD_STORE_COLUMN (JdAgreementRecord, signed_on, JD_STORE_DAY),
  JD_STORE_COLUMN (JdAgreementRecord, note, JD_STORE_TEXT),
};
static const JdStoreLayout agreement_layout = JD_STORE_LAYOUT (agreement_columns);

static const JdStoreColumn move_columns[] = {
  JD_STORE_COLUMN (JdMoveRecord, person_id, JD_STORE_INT),
  JD_STORE_COLUMN (JdMoveRecord, village_id, JD_STORE_INT),
  JD_STORE_COLUMN (JdMoveRecord, moved_on, JD_STORE_DAY),
};
static const JdStoreLayout move_layout = JD_STORE_LAYOUT (move_columns);

JdStoreResult
jd_store_use_event (JdLedger *ledger, const JdUseEventRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (!jd_store_require_person (ledger, r->person_id, error)
      || !jd_store_require_day (r->occurred_on, TRUE, "occurred_on", error)
      || !jd_store_require_enum (JD_ENUM_USE_SOURCE, r->source, TRUE, "source", error)
      || !jd_store_require_person_day (ledger, r->person_id, "use_event", r->occurred_on,
                                       "occurred_on", error))
    return JD_STORE_FAILED;
  return jd_store_insert (
      ledger,
      "INSERT OR FAIL INTO use_event (person_id, occurred_on, source) VALUES (?, ?, ?)"
      " ON CONFLICT DO NOTHING",
      &use_event_layout, r, error);
}

JdStoreResult
jd_store_followup (JdLedger *ledger, const JdFollowupRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (!jd_store_require_person (ledger, r->person_id, error)
      || !jd_store_require_enum (JD_ENUM_FOLLOWUP_KIND, r->kind, TRUE, "kind", error)
      || !jd_store_require_day (r->occurred_on, TRUE, "occurred_on", error)
      || !JD_STORE_REQUIRE_TEXTS (error, { "staff", r->staff, JD_TEXT_NAME },
                                  { "place", r->place, JD_TEXT_LINE },
                                  { "content", r->content, JD_TEXT_LINES })
      || !jd_store_require_person_day (ledger, r->person_id, "followup", r->occurred_on,
                                       "occurred_on", error))
    return JD_STORE_FAILED;
  gboolean urine = g_str_equal (r->kind, "urine_test");
  if (urine && !jd_store_require_enum (JD_ENUM_URINE_RESULT, r->result, TRUE, "result", error))
    return JD_STORE_FAILED;
  if (!urine && r->result && *r->result)
    {
      jd_set_field_error (error, "result", _ ("only a urine test has a result"));
      return JD_STORE_FAILED;
    }

  return jd_store_insert_unless_present (
      ledger,
      /* INDEXED BY: the partial indexes on followup would otherwise make SQLite
       * prepare this statement again for every new binding of kind and result. */
      "SELECT 1 FROM followup INDEXED BY followup_person WHERE person_id = ?1 AND kind = ?2"
      " AND occurred_on = ?3 AND result IS ?4 AND staff IS ?5 AND place IS ?6 AND content IS ?7",
      /* OR FAIL, and the foreign key deferred: no statement journal (the schema says why). */
      "INSERT OR FAIL INTO followup (person_id, kind, occurred_on, result, staff, place, content)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      &followup_layout, r, error);
}

JdStoreResult
jd_store_help_member (JdLedger *ledger, const JdHelpMemberRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (!jd_store_require_person (ledger, r->person_id, error)
      || !jd_store_require_text (r->member_name, "member_name", error)
      || !jd_store_require_enum (JD_ENUM_MEMBER_ROLE, r->role, TRUE, "role", error)
      || !jd_store_require_day (r->since, TRUE, "since", error)
      || !jd_store_require_order (r->since, r->until, "until", error)
      || !JD_STORE_REQUIRE_TEXTS (error, { "member_name", r->member_name, JD_TEXT_NAME },
                                  { "phone", r->phone, JD_TEXT_LINE })
      || !jd_store_require_person_day (ledger, r->person_id, "help_member", r->since, "since",
                                       error))
    return JD_STORE_FAILED;
  return jd_store_insert (
      ledger,
      "INSERT OR FAIL INTO help_member (person_id, member_name, role, phone, since, until)"
      " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      &help_member_layout, r, error);
}

JdStoreResult
jd_store_agreement (JdLedger *ledger, const JdAgreementRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (!jd_store_require_person (ledger, r->person_id, error)
      || !jd_store_require_day (r->signed_on, TRUE, "signed_on", error)
      || !JD_STORE_REQUIRE_TEXTS (error, { "note", r->note, JD_TEXT_LINES })
      || !jd_store_require_person_day (ledger, r->person_id, "agreement", r->signed_on, "signed_on",
                                       error))
    return JD_STORE_FAILED;
  return jd_store_insert (
      ledger,
      "INSERT OR FAIL INTO agreement (person_id, signed_on, note) VALUES (?, ?, ?)"
      " ON CONFLICT DO NOTHING",
      &agreement_layout, r, error);
}

/* ---- moves: a person's managing village from a day on (docs/contract.md §3 "move") ---- */

/* The person's managing village on day, from the ledger's moves. */
static gboolean
village_on (JdLedger *ledger, gint64 person_id, JdDay day, gint64 *village_id, GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger, "SELECT " JD_SQL_VILLAGE_AT ("p", "?2") " FROM person p WHERE p.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  jd_bind_day (stmt, 2, day);
  int rc = sqlite3_step (stmt);
  *village_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static char *
village_name (JdLedger *ledger, gint64 village_id)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, "SELECT name FROM village WHERE id = ?", NULL);
  char *name = NULL;
  if (stmt == NULL)
    return g_strdup ("?");
  sqlite3_bind_int64 (stmt, 1, village_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = jd_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return name ? name : g_strdup ("?");
}

/* The same move already there is UNCHANGED; another village on the same day,
 * or a move to the village the person already has on that day, is refused:
 * both would say something the ledger does not mean. */
JdStoreResult
jd_store_move (JdLedger *ledger, const JdMoveRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (!jd_store_require_person (ledger, r->person_id, error))
    return JD_STORE_FAILED;
  if (r->village_id <= 0)
    {
      jd_set_field_error (error, "village", _ ("required"));
      return JD_STORE_FAILED;
    }
  if (!jd_store_require_village (ledger, r->village_id, "village", error)
      || !jd_store_require_day (r->moved_on, TRUE, "moved_on", error)
      || !jd_store_require_person_day (ledger, r->person_id, "move", r->moved_on, "moved_on",
                                       error))
    return JD_STORE_FAILED;

  char day[JD_DAY_STRLEN];
  jd_day_format (r->moved_on, day);
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger, "SELECT village_id FROM move WHERE person_id = ? AND moved_on = ?", error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  sqlite3_bind_int64 (stmt, 1, r->person_id);
  jd_bind_day (stmt, 2, r->moved_on);
  int rc = sqlite3_step (stmt);
  gint64 same_day = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      return JD_STORE_FAILED;
    }
  if (same_day == r->village_id)
    return JD_STORE_UNCHANGED;
  if (same_day != 0)
    {
      g_autofree char *other = village_name (ledger, same_day);
      jd_set_field_error (error, "moved_on",
                          _ ("the person already moved to %s on %s: a person moves once a day; "
                             "delete that move first"),
                          other, day);
      return JD_STORE_FAILED;
    }
  gint64 before = 0;
  if (!village_on (ledger, r->person_id, r->moved_on, &before, error))
    return JD_STORE_FAILED;
  if (before == r->village_id)
    {
      g_autofree char *name = village_name (ledger, before);
      jd_set_field_error (error, "village", _ ("the person’s managing village on %s is already %s"),
                          day, name);
      return JD_STORE_FAILED;
    }
  return jd_store_insert (
      ledger, "INSERT OR FAIL INTO move (person_id, village_id, moved_on) VALUES (?, ?, ?)",
      &move_layout, r, error);
}
