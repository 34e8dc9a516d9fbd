/* jd-store-rules.c: the rules of docs/contract.md §3 that a single record must obey, checked
 * before SQLite sees the row (the schema's constraints and triggers stand behind them)
 *
 * An error names the field at fault (jd_set_field_error): its message starts with the field's
 * key ("sex: …"), and the form reads the key with jd_error_get_field.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-ledger-private.h"
#include "jd-store-private.h"

gboolean
jd_store_require_text (const char *value, const char *field, GError **error)
{
  if (value == NULL || *value == '\0')
    {
      jd_set_field_error (error, field, _ ("required"));
      return FALSE;
    }
  return TRUE;
}

gboolean
jd_store_require_enum (
    JdEnum which, const char *value, gboolean required, const char *field, GError **error)
{
  if (value == NULL || *value == '\0')
    {
      if (required)
        jd_set_field_error (error, field, _ ("required"));
      return !required;
    }
  if (jd_enum_find (which, value) == NULL || !g_str_equal (jd_enum_find (which, value), value))
    {
      g_autofree char *allowed = jd_enum_describe (which);
      jd_set_field_error (error, field, _ ("“%s” is not one of %s"), value, allowed);
      return FALSE;
    }
  return TRUE;
}

/* No date is before 1950-01-01: a year-1 date is a typing or spreadsheet slip. */
static gboolean
require_not_too_early (JdDay day, const char *field, GError **error)
{
  if (day != 0 && day < jd_day_new (JD_STORE_FIRST_YEAR, 1, 1))
    {
      char text[JD_DAY_STRLEN];
      jd_day_format (day, text);
      jd_set_field_error (error, field, _ ("%s is before %d: no date in the ledger is that early"),
                          text, JD_STORE_FIRST_YEAR);
      return FALSE;
    }
  return TRUE;
}

/* A day that has happened: required ones must be given, none may be after
 * today or before 1950. */
gboolean
jd_store_require_day (JdDay day, gboolean required, const char *field, GError **error)
{
  if (day == 0)
    {
      if (required)
        jd_set_field_error (error, field, _ ("required"));
      return !required;
    }
  if (!require_not_too_early (day, field, error))
    return FALSE;
  if (day > jd_today ())
    {
      char text[JD_DAY_STRLEN];
      jd_day_format (day, text);
      jd_set_field_error (error, field, _ ("%s is in the future"), text);
      return FALSE;
    }
  return TRUE;
}

/* An end (a planned end, an until) may lie ahead, but not before the start nor 1950. */
gboolean
jd_store_require_order (JdDay first, JdDay then, const char *field, GError **error)
{
  if (!require_not_too_early (then, field, error))
    return FALSE;
  if (first != 0 && then != 0 && then < first)
    {
      jd_set_field_error (error, field, _ ("ends before it starts"));
      return FALSE;
    }
  return TRUE;
}

/* ---- text ------------------------------------------------------------------- */

gboolean
jd_store_require_texts (const JdStoreTextField *fields, guint n, GError **error)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *reason = jd_text_problem (fields[i].value, fields[i].rule);
      if (reason)
        {
          jd_set_field_error (error, fields[i].field, "%s", reason);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
jd_store_require_count (gint64 value, const char *field, GError **error)
{
  if (value < 0)
    {
      jd_set_field_error (error, field, _ ("cannot be negative"));
      return FALSE;
    }
  return TRUE;
}

/* Whether the row of id is there (sql: "SELECT 1 FROM t WHERE id = ?"); FALSE
 * with error set when the statement fails. */
gboolean
jd_store_row_exists (JdLedger *ledger, const char *sql, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  gboolean found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

gboolean
jd_store_require_row (JdLedger *ledger,
                      const char *sql,
                      gint64 id,
                      const char *field,
                      const char *what,
                      GError **error)
{
  GError *local = NULL;
  gboolean found = jd_store_row_exists (ledger, sql, id, &local);
  if (local)
    g_propagate_error (error, local);
  else if (!found)
    jd_set_field_error (error, field, _ ("no such %s"), what);
  return found;
}

gboolean
jd_store_require_village (JdLedger *ledger, gint64 id, const char *field, GError **error)
{
  return jd_store_require_row (ledger, "SELECT 1 FROM village WHERE id = ?", id, field,
                               _ ("village"), error);
}

gboolean
jd_store_require_person (JdLedger *ledger, gint64 id, GError **error)
{
  return jd_store_require_row (ledger, "SELECT 1 FROM person WHERE id = ?", id, "id_number",
                               _ ("person"), error);
}

/* ---- a person's dates: death is final, nothing predates the first-found date ---- */

/* The person's first-found date and the start of their deceased span (0: none). */
gboolean
jd_store_person_dates (
    JdLedger *ledger, gint64 person_id, JdDay *found, JdDay *death, GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "SELECT first_found_on, (SELECT min(started_on) FROM status_span"
      " WHERE person_id = ?1 AND status = 'deceased') FROM person WHERE id = ?1",
      error);
  *found = *death = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *found = jd_column_day (stmt, 0);
      *death = jd_column_day (stmt, 1);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Only spans, use events, follow-ups and moves are held to the first-found date. */
static gboolean
held_to_first_found (const char *table)
{
  return g_str_equal (table, "status_span") || g_str_equal (table, "use_event")
         || g_str_equal (table, "followup") || g_str_equal (table, "move");
}

char *
jd_store_day_problem (JdDay found, JdDay death, const char *table, JdDay day)
{
  char day_text[JD_DAY_STRLEN], other[JD_DAY_STRLEN];
  jd_day_format (day, day_text);
  if (day != 0 && found != 0 && day < found && held_to_first_found (table))
    {
      jd_day_format (found, other);
      return g_strdup_printf (_ ("%s is before the person’s first-found date, %s: nothing about "
                                 "a person predates it"),
                              day_text, other);
    }
  if (day != 0 && death != 0 && day > death)
    {
      jd_day_format (death, other);
      return g_strdup_printf (_ ("%s is after the person’s death on %s: nothing is recorded "
                                 "after a death (to correct the death, delete it first)"),
                              day_text, other);
    }
  return NULL;
}

char *
jd_store_person_day_problem (JdLedger *ledger, gint64 person_id, const char *table, JdDay day)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (table != NULL, NULL);
  JdDay found = 0, death = 0;
  if (!jd_store_person_dates (ledger, person_id, &found, &death, NULL))
    return NULL;
  return jd_store_day_problem (found, death, table, day);
}

gboolean
jd_store_require_person_day (JdLedger *ledger,
                             gint64 person_id,
                             const char *table,
                             JdDay day,
                             const char *field,
                             GError **error)
{
  JdDay found = 0, death = 0;
  if (!jd_store_person_dates (ledger, person_id, &found, &death, error))
    return FALSE;
  g_autofree char *reason = jd_store_day_problem (found, death, table, day);
  if (reason)
    {
      jd_set_field_error (error, field, "%s", reason);
      return FALSE;
    }
  return TRUE;
}

static const char *
record_label (const char *table)
{
  if (g_str_equal (table, "status_span"))
    return _ ("a status");
  if (g_str_equal (table, "use_event"))
    return _ ("a use event");
  if (g_str_equal (table, "followup"))
    return _ ("a follow-up");
  if (g_str_equal (table, "help_member"))
    return _ ("a help-group member");
  if (g_str_equal (table, "move"))
    return _ ("a move to another village");
  return _ ("an agreement");
}

/* A record of the person's dated after day (later) or before it (not later,
 * only the kinds held to the first-found date): the reason naming the latest
 * or earliest of them in *reason. FALSE only when the ledger fails. */
static gboolean
record_beyond (
    JdLedger *ledger, gint64 person_id, JdDay day, gboolean later, char **reason, GError **error)
{
  *reason = NULL;
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      later ? "SELECT what, max(day) FROM ("
              " SELECT 'status_span' AS what, started_on AS day FROM status_span"
              "  WHERE person_id = ?1 AND started_on > ?2"
              " UNION ALL SELECT 'use_event', occurred_on FROM use_event"
              "  WHERE person_id = ?1 AND occurred_on > ?2"
              " UNION ALL SELECT 'followup', occurred_on FROM followup"
              "  WHERE person_id = ?1 AND occurred_on > ?2"
              " UNION ALL SELECT 'help_member', since FROM help_member"
              "  WHERE person_id = ?1 AND since > ?2"
              " UNION ALL SELECT 'agreement', signed_on FROM agreement"
              "  WHERE person_id = ?1 AND signed_on > ?2"
              " UNION ALL SELECT 'move', moved_on FROM move"
              "  WHERE person_id = ?1 AND moved_on > ?2)"
            : "SELECT what, min(day) FROM ("
              " SELECT 'status_span' AS what, started_on AS day FROM status_span"
              "  WHERE person_id = ?1 AND started_on < ?2"
              " UNION ALL SELECT 'use_event', occurred_on FROM use_event"
              "  WHERE person_id = ?1 AND occurred_on < ?2"
              " UNION ALL SELECT 'followup', occurred_on FROM followup"
              "  WHERE person_id = ?1 AND occurred_on < ?2"
              " UNION ALL SELECT 'move', moved_on FROM move"
              "  WHERE person_id = ?1 AND moved_on < ?2)",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  jd_bind_day (stmt, 2, day);
  g_autofree char *what = NULL;
  JdDay when = 0;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      what = jd_column_dup (stmt, 0);
      when = jd_column_day (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (what == NULL)
    return TRUE;
  char text[JD_DAY_STRLEN];
  jd_day_format (when, text);
  *reason = g_strdup_printf (
      later ? _ ("the person has %s dated %s, after this death: nothing is recorded after a "
                 "death; correct or delete that record first")
            : _ ("the person has %s dated %s, before this first-found date: nothing about a "
                 "person predates it"),
      record_label (what), text);
  return TRUE;
}

gboolean
jd_store_require_nothing_beyond (JdLedger *ledger,
                                 gint64 person_id,
                                 JdDay day,
                                 gboolean later,
                                 const char *field,
                                 GError **error)
{
  g_autofree char *reason = NULL;
  if (!record_beyond (ledger, person_id, day, later, &reason, error))
    return FALSE;
  if (reason)
    jd_set_field_error (error, field, "%s", reason);
  return reason == NULL;
}

char *
jd_store_death_problem (JdLedger *ledger, gint64 person_id, JdDay day)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  char *reason = NULL;
  if (!record_beyond (ledger, person_id, day, TRUE, &reason, NULL))
    return NULL;
  return reason;
}
