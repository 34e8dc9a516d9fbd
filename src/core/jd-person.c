/* jd-person.c: one registered person as the person window shows them */
#include "config.h"

#include <inttypes.h>

#include "jd-person.h"

#include <glib/gi18n-lib.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-id-number.h"
#include "jd-ledger-private.h"

static void
span_free (JdPersonSpan *span)
{
  g_free (span->status);
  g_free (span->note);
  g_free (span);
}

static void
member_free (JdPersonMember *member)
{
  g_free (member->member_name);
  g_free (member->role);
  g_free (member->phone);
  g_free (member);
}

static void
agreement_free (JdPersonAgreement *agreement)
{
  g_free (agreement->note);
  g_free (agreement);
}

static void
followup_free (JdPersonFollowup *followup)
{
  g_free (followup->kind);
  g_free (followup->result);
  g_free (followup->staff);
  g_free (followup->place);
  g_free (followup->content);
  g_free (followup);
}

static void
use_event_free (JdPersonUseEvent *event)
{
  g_free (event->source);
  g_free (event);
}

static void
move_free (JdPersonMove *move)
{
  g_free (move->village_name);
  g_free (move);
}

void
jd_audit_entry_free (JdAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->os_user);
  g_free (entry->table);
  g_free (entry->action);
  g_free (entry->before);
  g_free (entry->after);
  g_free (entry);
}

void
jd_person_free (JdPerson *person)
{
  if (person == NULL)
    return;
  g_free (person->id_number);
  g_free (person->name);
  g_free (person->sex);
  g_free (person->phone);
  g_free (person->household_address);
  g_free (person->household_village_name);
  g_free (person->residence_address);
  g_free (person->drug_type);
  g_free (person->key_category);
  g_free (person->note);
  g_clear_pointer (&person->spans, g_ptr_array_unref);
  g_clear_pointer (&person->members, g_ptr_array_unref);
  g_clear_pointer (&person->agreements, g_ptr_array_unref);
  g_clear_pointer (&person->followups, g_ptr_array_unref);
  g_clear_pointer (&person->use_events, g_ptr_array_unref);
  g_clear_pointer (&person->moves, g_ptr_array_unref);
  g_free (person);
}

/* Prepares a statement with the person's id as ?1. */
static sqlite3_stmt *
prepare_for (JdLedger *ledger, const char *sql, gint64 person_id, GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, error);
  if (stmt)
    sqlite3_bind_int64 (stmt, 1, person_id);
  return stmt;
}

/* Steps through the rows, then checks that the walk ended well. */
static gboolean
finish_rows (JdLedger *ledger, sqlite3_stmt *stmt, int rc, GError **error)
{
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
load_spans (JdLedger *ledger, JdPerson *person, GError **error)
{
  sqlite3_stmt *stmt = prepare_for (ledger,
                                    "SELECT id, status, started_on, planned_end_on, ended_on, note"
                                    " FROM status_span WHERE person_id = ?1 ORDER BY started_on",
                                    person->id, error);
  int rc;
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdPersonSpan *span = g_new0 (JdPersonSpan, 1);
      span->id = sqlite3_column_int64 (stmt, 0);
      span->status = jd_column_dup (stmt, 1);
      span->started_on = jd_column_day (stmt, 2);
      span->planned_end_on = jd_column_day (stmt, 3);
      span->ended_on = jd_column_day (stmt, 4);
      span->note = jd_column_dup (stmt, 5);
      g_ptr_array_add (person->spans, span);
    }
  return finish_rows (ledger, stmt, rc, error);
}

static gboolean
load_members (JdLedger *ledger, JdPerson *person, GError **error)
{
  sqlite3_stmt *stmt = prepare_for (ledger,
                                    "SELECT id, member_name, role, phone, since, until"
                                    " FROM help_member WHERE person_id = ?1 ORDER BY since, id",
                                    person->id, error);
  int rc;
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdPersonMember *member = g_new0 (JdPersonMember, 1);
      member->id = sqlite3_column_int64 (stmt, 0);
      member->member_name = jd_column_dup (stmt, 1);
      member->role = jd_column_dup (stmt, 2);
      member->phone = jd_column_dup (stmt, 3);
      member->since = jd_column_day (stmt, 4);
      member->until = jd_column_day (stmt, 5);
      g_ptr_array_add (person->members, member);
    }
  return finish_rows (ledger, stmt, rc, error);
}

static gboolean
load_agreements (JdLedger *ledger, JdPerson *person, GError **error)
{
  sqlite3_stmt *stmt = prepare_for (
      ledger,
      "SELECT id, signed_on, note FROM agreement WHERE person_id = ?1 ORDER BY signed_on DESC",
      person->id, error);
  int rc;
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdPersonAgreement *agreement = g_new0 (JdPersonAgreement, 1);
      agreement->id = sqlite3_column_int64 (stmt, 0);
      agreement->signed_on = jd_column_day (stmt, 1);
      agreement->note = jd_column_dup (stmt, 2);
      g_ptr_array_add (person->agreements, agreement);
    }
  return finish_rows (ledger, stmt, rc, error);
}

static gboolean
load_followups (JdLedger *ledger, JdPerson *person, GError **error)
{
  sqlite3_stmt *stmt = prepare_for (ledger,
                                    "SELECT id, kind, occurred_on, result, staff, place, content"
                                    " FROM followup INDEXED BY followup_person WHERE person_id = ?1"
                                    " ORDER BY occurred_on DESC, id DESC",
                                    person->id, error);
  int rc;
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdPersonFollowup *followup = g_new0 (JdPersonFollowup, 1);
      followup->id = sqlite3_column_int64 (stmt, 0);
      followup->kind = jd_column_dup (stmt, 1);
      followup->occurred_on = jd_column_day (stmt, 2);
      followup->result = jd_column_dup (stmt, 3);
      followup->staff = jd_column_dup (stmt, 4);
      followup->place = jd_column_dup (stmt, 5);
      followup->content = jd_column_dup (stmt, 6);
      g_ptr_array_add (person->followups, followup);
    }
  return finish_rows (ledger, stmt, rc, error);
}

static gboolean
load_use_events (JdLedger *ledger, JdPerson *person, GError **error)
{
  sqlite3_stmt *stmt = prepare_for (ledger,
                                    "SELECT id, occurred_on, source FROM use_event"
                                    " WHERE person_id = ?1 ORDER BY occurred_on DESC, id DESC",
                                    person->id, error);
  int rc;
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdPersonUseEvent *event = g_new0 (JdPersonUseEvent, 1);
      event->id = sqlite3_column_int64 (stmt, 0);
      event->occurred_on = jd_column_day (stmt, 1);
      event->source = jd_column_dup (stmt, 2);
      g_ptr_array_add (person->use_events, event);
    }
  return finish_rows (ledger, stmt, rc, error);
}

static gboolean
load_moves (JdLedger *ledger, JdPerson *person, GError **error)
{
  sqlite3_stmt *stmt = prepare_for (ledger,
                                    "SELECT m.id, m.village_id, v.name, m.moved_on FROM move m"
                                    " LEFT JOIN village v ON v.id = m.village_id"
                                    " WHERE m.person_id = ?1 ORDER BY m.moved_on",
                                    person->id, error);
  int rc;
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdPersonMove *move = g_new0 (JdPersonMove, 1);
      move->id = sqlite3_column_int64 (stmt, 0);
      move->village_id = sqlite3_column_int64 (stmt, 1);
      move->village_name = jd_column_dup (stmt, 2);
      move->moved_on = jd_column_day (stmt, 3);
      g_ptr_array_add (person->moves, move);
    }
  return finish_rows (ledger, stmt, rc, error);
}

/* The managing village on day: the latest move on or before it, else the
 * village recorded with the person (docs/contract.md §3 "move"). */
gint64
jd_person_village_on (const JdPerson *person, JdDay day)
{
  g_return_val_if_fail (person != NULL, 0);
  gint64 village = person->village_id;
  for (guint i = 0; person->moves && i < person->moves->len; i++)
    {
      const JdPersonMove *move = g_ptr_array_index (person->moves, i);
      if (move->moved_on <= day)
        village = move->village_id;
    }
  return village;
}

/* The person with everything that hangs off them; NULL with JD_ERROR_NOT_FOUND
 * when there is no such person. */
JdPerson *
jd_person_load (JdLedger *ledger, gint64 person_id, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sqlite3_stmt *stmt = prepare_for (
      ledger,
      "SELECT id_number, name, sex, birth_date, phone, household_address, household_village_id,"
      " household_village_name, residence_address, village_id, first_found_on, drug_type,"
      " key_category, note FROM person WHERE id = ?1",
      person_id, error);
  if (stmt == NULL)
    return NULL;
  int rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, JD_ERROR, JD_ERROR_NOT_FOUND,
                     _ ("There is no person %" PRId64 " in the ledger"), person_id);
      else
        jd_ledger_set_error (ledger, error);
      sqlite3_reset (stmt);
      return NULL;
    }

  g_autoptr (JdPerson) person = g_new0 (JdPerson, 1);
  person->id = person_id;
  person->id_number = jd_column_dup (stmt, 0);
  person->name = jd_column_dup (stmt, 1);
  person->sex = jd_column_dup (stmt, 2);
  person->birth_date = jd_column_day (stmt, 3);
  person->phone = jd_column_dup (stmt, 4);
  person->household_address = jd_column_dup (stmt, 5);
  person->household_village_id = sqlite3_column_int64 (stmt, 6);
  person->household_village_name = jd_column_dup (stmt, 7);
  person->residence_address = jd_column_dup (stmt, 8);
  person->village_id = sqlite3_column_int64 (stmt, 9);
  person->first_found_on = jd_column_day (stmt, 10);
  person->drug_type = jd_column_dup (stmt, 11);
  person->key_category = jd_column_dup (stmt, 12);
  person->note = jd_column_dup (stmt, 13);
  sqlite3_reset (stmt);

  person->spans = g_ptr_array_new_with_free_func ((GDestroyNotify)span_free);
  person->members = g_ptr_array_new_with_free_func ((GDestroyNotify)member_free);
  person->agreements = g_ptr_array_new_with_free_func ((GDestroyNotify)agreement_free);
  person->followups = g_ptr_array_new_with_free_func ((GDestroyNotify)followup_free);
  person->use_events = g_ptr_array_new_with_free_func ((GDestroyNotify)use_event_free);
  person->moves = g_ptr_array_new_with_free_func ((GDestroyNotify)move_free);

  if (!load_spans (ledger, person, error) || !load_members (ledger, person, error)
      || !load_agreements (ledger, person, error) || !load_followups (ledger, person, error)
      || !load_use_events (ledger, person, error) || !load_moves (ledger, person, error))
    return NULL;
  return g_steal_pointer (&person);
}

/* The person's name, or NULL when there is no such person. */
char *
jd_person_dup_name (JdLedger *ledger, gint64 person_id)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  sqlite3_stmt *stmt
      = prepare_for (ledger, "SELECT name FROM person WHERE id = ?1", person_id, NULL);
  char *name = NULL;
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = jd_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return name;
}

/* The audit log's entries about the person: their own row and the rows of
 * their spans, use events, members, agreements and follow-ups (deleted rows
 * too: the triggers name the person of every entry), newest first. */
GPtrArray *
jd_person_load_history (JdLedger *ledger, gint64 person_id, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  sqlite3_stmt *stmt
      = prepare_for (ledger,
                     "SELECT id, at, os_user, tbl, row_id, action, before, after FROM audit_log"
                     " WHERE person_id = ?1 ORDER BY id DESC",
                     person_id, error);
  if (stmt == NULL)
    return NULL;

  g_autoptr (GPtrArray) entries
      = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_audit_entry_free);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdAuditEntry *entry = g_new0 (JdAuditEntry, 1);
      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->at = jd_column_dup (stmt, 1);
      entry->os_user = jd_column_dup (stmt, 2);
      entry->table = jd_column_dup (stmt, 3);
      entry->row_id = sqlite3_column_int64 (stmt, 4);
      entry->action = jd_column_dup (stmt, 5);
      entry->before = jd_column_dup (stmt, 6);
      entry->after = jd_column_dup (stmt, 7);
      g_ptr_array_add (entries, entry);
    }
  if (!finish_rows (ledger, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&entries);
}

const char *
jd_person_row_kind_table (JdPersonRowKind kind)
{
  switch (kind)
    {
      case JD_PERSON_FOLLOWUP:
        return "followup";
      case JD_PERSON_MEMBER:
        return "help_member";
      case JD_PERSON_AGREEMENT:
        return "agreement";
      case JD_PERSON_USE_EVENT:
        return "use_event";
      case JD_PERSON_MOVE:
        return "move";
      default:
        g_return_val_if_reached (NULL);
    }
}

/* Deletes one follow-up, member, agreement or use event (the audit log keeps
 * its values). A row already gone is JD_ERROR_NOT_FOUND. */
gboolean
jd_person_delete_row (JdLedger *ledger, JdPersonRowKind kind, gint64 row_id, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  const char *table = jd_person_row_kind_table (kind);
  g_return_val_if_fail (table != NULL, FALSE);

  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", table);
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row_id);
  if (!jd_ledger_step_done (ledger, stmt, error))
    return FALSE;
  if (sqlite3_changes (jd_ledger_get_db (ledger)) == 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_NOT_FOUND,
                   _ ("The record was already deleted (%s %" PRId64 ")"), table, row_id);
      return FALSE;
    }
  return TRUE;
}

/* Corrects a saved person's ID number (jd_store_person () finds persons by it,
 * so it cannot). The message starts with "id_number: " like the store's. */
gboolean
jd_person_set_id_number (JdLedger *ledger, gint64 person_id, const char *id_number, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  g_autofree char *normalized = NULL;
  g_autoptr (GError) local = NULL;

  if (!jd_id_number_validate (id_number, &normalized, &local))
    {
      jd_set_field_error (error, "id_number", "%s", local->message);
      return FALSE;
    }
  sqlite3_stmt *stmt
      = jd_ledger_prepare (ledger, "SELECT id FROM person WHERE id_number = ?", error);
  if (stmt == NULL)
    return FALSE;
  jd_bind_text (stmt, 1, normalized);
  gint64 other = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (other == person_id)
    return TRUE;
  if (other != 0)
    {
      jd_set_field_error (error, "id_number", "%s",
                          _ ("another person is registered with this ID number"));
      return FALSE;
    }

  stmt = jd_ledger_prepare (ledger, "UPDATE person SET id_number = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  jd_bind_text (stmt, 1, normalized);
  sqlite3_bind_int64 (stmt, 2, person_id);
  if (!jd_ledger_step_done (ledger, stmt, error))
    return FALSE;
  if (sqlite3_changes (jd_ledger_get_db (ledger)) == 0)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_NOT_FOUND,
                   _ ("There is no person %" PRId64 " in the ledger"), person_id);
      return FALSE;
    }
  return TRUE;
}
