/* jd-store.c: writing the ledger's records, one function per entity
 *
 * The rules of docs/contract.md §3 that a single row must obey are checked here, before
 * SQLite sees the row; the schema's constraints and triggers stand behind them.
 * An error names the field at fault (jd_set_field_error): its message starts with
 * the field's key ("sex: …"), and the form reads the key with jd_error_get_field.
 */
#include "config.h"

#include "jd-store.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdarg.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-id-number.h"
#include "jd-ledger-private.h"
#include "jd-store-private.h"
#include "jd-title.h"
#include "jd-village-at.h"

static gboolean
require_text (const char *value, const char *field, GError **error)
{
  if (value == NULL || *value == '\0')
    {
      jd_set_field_error (error, field, _ ("required"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
require_enum (JdEnum which, const char *value, gboolean required, const char *field, GError **error)
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
static gboolean
require_day (JdDay day, gboolean required, const char *field, GError **error)
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
static gboolean
require_order (JdDay first, JdDay then, const char *field, GError **error)
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

typedef struct
{
  const char *field;
  const char *value;
  JdTextRule rule;
} TextField;

static gboolean
require_texts (const TextField *fields, guint n, GError **error)
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

#define REQUIRE_TEXTS(error, ...)                                                                  \
  require_texts ((const TextField[]){ __VA_ARGS__ },                                               \
                 sizeof ((const TextField[]){ __VA_ARGS__ }) / sizeof (TextField), error)

static gboolean
require_count (gint64 value, const char *field, GError **error)
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

static gboolean
require_row (JdLedger *ledger,
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

#define require_village(ledger, id, field, error)                                                  \
  require_row (ledger, "SELECT 1 FROM village WHERE id = ?", id, field, _ ("village"), error)
#define require_person(ledger, id, error)                                                          \
  require_row (ledger, "SELECT 1 FROM person WHERE id = ?", id, "id_number", _ ("person"), error)

/* ---- a person's dates: death is final, nothing predates the first-found date ---- */

/* The person's first-found date and the start of their deceased span (0: none). */
static gboolean
person_dates (JdLedger *ledger, gint64 person_id, JdDay *found, JdDay *death, GError **error)
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

static char *
day_problem (JdDay found, JdDay death, const char *table, JdDay day)
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
  if (!person_dates (ledger, person_id, &found, &death, NULL))
    return NULL;
  return day_problem (found, death, table, day);
}

static gboolean
require_person_day (JdLedger *ledger,
                    gint64 person_id,
                    const char *table,
                    JdDay day,
                    const char *field,
                    GError **error)
{
  JdDay found = 0, death = 0;
  if (!person_dates (ledger, person_id, &found, &death, error))
    return FALSE;
  g_autofree char *reason = day_problem (found, death, table, day);
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

static gboolean
require_nothing_beyond (JdLedger *ledger,
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

/* Steps an INSERT or UPDATE: ADDED or UPDATED when it changed a row, UNCHANGED when not. */
static JdStoreResult
step_write (JdLedger *ledger, sqlite3_stmt *stmt, JdStoreResult when_changed, GError **error)
{
  if (!jd_ledger_step_done (ledger, stmt, error))
    return JD_STORE_FAILED;
  return sqlite3_changes (jd_ledger_get_db (ledger)) > 0 ? when_changed : JD_STORE_UNCHANGED;
}

static gint64
find_id (JdLedger *ledger, const char *sql, const char *text)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, NULL);
  gint64 id = 0;
  if (stmt == NULL)
    return 0;
  jd_bind_text (stmt, 1, text);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static void
bind_count (sqlite3_stmt *stmt, int index, gint64 value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_id (sqlite3_stmt *stmt, int index, gint64 id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

/* Adds a row unless the same one is already there: a look-up, then a plain
 * INSERT. (An INSERT … SELECT … WHERE NOT EXISTS that reads its own table makes
 * SQLite build a temporary table for every row, which costs more than the
 * insert itself.) The bind function binds ?1… of both statements alike. */
typedef void (*BindRecordFunc) (sqlite3_stmt *stmt, gconstpointer record);

static JdStoreResult
insert_unless_present (JdLedger *ledger,
                       const char *exists_sql,
                       const char *insert_sql,
                       BindRecordFunc bind,
                       gconstpointer record,
                       GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, exists_sql, error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  bind (stmt, record);
  int rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      sqlite3_reset (stmt);
      return JD_STORE_FAILED;
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return JD_STORE_UNCHANGED;
  stmt = jd_ledger_prepare (ledger, insert_sql, error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  bind (stmt, record);
  return step_write (ledger, stmt, JD_STORE_ADDED, error);
}

/* ---- look-ups -------------------------------------------------------------- */

gint64
jd_store_find_village (JdLedger *ledger, const char *code_or_name)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), 0);
  if (code_or_name == NULL || *code_or_name == '\0')
    return 0;
  gint64 id = find_id (ledger, "SELECT id FROM village WHERE code = ?", code_or_name);
  if (id == 0)
    id = find_id (ledger,
                  "SELECT id FROM village WHERE name = ? ORDER BY retired_on IS NOT NULL, id",
                  code_or_name);
  return id;
}

gint64
jd_store_find_person (JdLedger *ledger, const char *id_number)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), 0);
  if (id_number == NULL)
    return 0;
  g_autofree char *upper = jd_id_number_normalize (id_number);
  return find_id (ledger, "SELECT id FROM person WHERE id_number = ?", upper);
}

gint64
jd_store_find_venue (JdLedger *ledger, gint64 village_id, const char *name)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), 0);
  sqlite3_stmt *stmt
      = jd_ledger_prepare (ledger, "SELECT id FROM venue WHERE village_id = ? AND name = ?", NULL);
  gint64 id = 0;
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, village_id);
  jd_bind_text (stmt, 2, name);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/* ---- villages and persons: updated by their key -------------------------------- */

JdStoreResult
jd_store_village (JdLedger *ledger, const JdVillageRecord *r, gint64 *id, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  const char *kind = r->kind && *r->kind ? r->kind : "village";

  if (!require_text (r->code, "code", error) || !require_text (r->name, "name", error)
      || !require_enum (JD_ENUM_VILLAGE_KIND, kind, TRUE, "kind", error)
      || !require_count (r->registered_population, "registered_population", error)
      || !require_count (r->resident_population, "resident_population", error)
      || !require_count (r->floating_population, "floating_population", error)
      || !require_count (r->grid_count, "grid_count", error)
      || !require_day (r->retired_on, FALSE, "retired_on", error)
      || !REQUIRE_TEXTS (error, { "code", r->code, JD_TEXT_NAME },
                         { "name", r->name, JD_TEXT_NAME },
                         { "secretary", r->secretary, JD_TEXT_NAME },
                         { "police_officer", r->police_officer, JD_TEXT_NAME }))
    return JD_STORE_FAILED;

  gint64 existing = find_id (ledger, "SELECT id FROM village WHERE code = ?", r->code);
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      existing
          ? "UPDATE village SET name = ?2, kind = ?3, registered_population = ?4,"
            " resident_population = ?5, floating_population = ?6, grid_count = ?7, secretary = ?8,"
            " police_officer = ?9, education_site = ?10, retired_on = ?11 WHERE code = ?1 AND"
            " (name, kind, registered_population, resident_population, floating_population,"
            "  grid_count, secretary, police_officer, education_site, retired_on)"
            " IS NOT (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
          : "INSERT INTO village (code, name, kind, registered_population, resident_population,"
            " floating_population, grid_count, secretary, police_officer, education_site, "
            "retired_on)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
      error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  jd_bind_text (stmt, 1, r->code);
  jd_bind_text (stmt, 2, r->name);
  jd_bind_text (stmt, 3, kind);
  sqlite3_bind_int64 (stmt, 4, r->registered_population);
  sqlite3_bind_int64 (stmt, 5, r->resident_population);
  sqlite3_bind_int64 (stmt, 6, r->floating_population);
  sqlite3_bind_int64 (stmt, 7, r->grid_count);
  jd_bind_text (stmt, 8, r->secretary);
  jd_bind_text (stmt, 9, r->police_officer);
  sqlite3_bind_int (stmt, 10, r->education_site ? 1 : 0);
  jd_bind_day (stmt, 11, r->retired_on);
  JdStoreResult result
      = step_write (ledger, stmt, existing ? JD_STORE_UPDATED : JD_STORE_ADDED, error);
  if (result != JD_STORE_FAILED && id)
    *id = existing ? existing : sqlite3_last_insert_rowid (jd_ledger_get_db (ledger));
  return result;
}

JdStoreResult
jd_store_person (JdLedger *ledger, const JdPersonRecord *r, gint64 *id, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  g_autofree char *id_number = NULL;
  g_autoptr (GError) id_error = NULL;

  if (!jd_id_number_validate (r->id_number, &id_number, &id_error))
    {
      jd_set_field_error (error, "id_number", "%s", id_error->message);
      return JD_STORE_FAILED;
    }
  if (!require_text (r->name, "name", error)
      || !REQUIRE_TEXTS (
          error, { "name", r->name, JD_TEXT_NAME }, { "phone", r->phone, JD_TEXT_LINE },
          { "household_address", r->household_address, JD_TEXT_LINES },
          { "household_village", r->household_village_name, JD_TEXT_NAME },
          { "residence_address", r->residence_address, JD_TEXT_LINES },
          { "drug_type", r->drug_type, JD_TEXT_LINE },
          { "key_category", r->key_category, JD_TEXT_LINE }, { "note", r->note, JD_TEXT_LINES }))
    return JD_STORE_FAILED;
  if (r->sex && *r->sex)
    {
      const char *sex = jd_enum_find (JD_ENUM_SEX, r->sex);
      if (sex == NULL || !g_str_equal (sex, jd_id_number_sex (id_number)))
        {
          jd_set_field_error (error, "sex", _ ("“%s” disagrees with the ID number (%s)"), r->sex,
                              jd_enum_label (JD_ENUM_SEX, jd_id_number_sex (id_number)));
          return JD_STORE_FAILED;
        }
    }
  JdDay birth = jd_id_number_birth_date (id_number);
  if (r->birth_date != 0 && r->birth_date != birth)
    {
      char text[JD_DAY_STRLEN];
      jd_day_format (birth, text);
      jd_set_field_error (error, "birth_date", _ ("disagrees with the ID number (%s)"), text);
      return JD_STORE_FAILED;
    }
  if (r->village_id <= 0)
    {
      jd_set_field_error (error, "residence_village", _ ("required"));
      return JD_STORE_FAILED;
    }
  if (!require_village (ledger, r->village_id, "residence_village", error)
      || (r->household_village_id > 0
          && !require_village (ledger, r->household_village_id, "household_village", error))
      || !require_day (r->first_found_on, TRUE, "first_found_on", error))
    return JD_STORE_FAILED;
  if (r->first_found_on < birth)
    {
      jd_set_field_error (error, "first_found_on", _ ("is before the person’s birth"));
      return JD_STORE_FAILED;
    }

  gint64 existing = find_id (ledger, "SELECT id FROM person WHERE id_number = ?", id_number);
  if (existing)
    {
      /* The first-found date moves only where the person's other records allow. */
      JdDay found = 0, death = 0;
      if (!person_dates (ledger, existing, &found, &death, error))
        return JD_STORE_FAILED;
      g_autofree char *after_death
          = r->first_found_on != found ? day_problem (0, death, "person", r->first_found_on) : NULL;
      if (after_death)
        {
          jd_set_field_error (error, "first_found_on", "%s", after_death);
          return JD_STORE_FAILED;
        }
      if (r->first_found_on > found
          && !require_nothing_beyond (ledger, existing, r->first_found_on, FALSE, "first_found_on",
                                      error))
        return JD_STORE_FAILED;
    }
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      existing
          ? "UPDATE person SET name = ?2, phone = ?3, household_address = ?4,"
            " household_village_id = ?5, household_village_name = ?6, residence_address = ?7,"
            " village_id = ?8, first_found_on = ?9, drug_type = ?10, key_category = ?11, note = ?12"
            " WHERE id_number = ?1 AND (name IS NOT ?2 OR phone IS NOT ?3"
            " OR household_address IS NOT ?4 OR household_village_id IS NOT ?5"
            " OR household_village_name IS NOT ?6 OR residence_address IS NOT ?7"
            " OR village_id IS NOT ?8 OR first_found_on IS NOT ?9 OR drug_type IS NOT ?10"
            " OR key_category IS NOT ?11 OR note IS NOT ?12)"
          : "INSERT INTO person (id_number, name, phone, household_address, household_village_id,"
            " household_village_name, residence_address, village_id, first_found_on, drug_type,"
            " key_category, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
      error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  jd_bind_text (stmt, 1, id_number);
  jd_bind_text (stmt, 2, r->name);
  jd_bind_text (stmt, 3, r->phone);
  jd_bind_text (stmt, 4, r->household_address);
  bind_id (stmt, 5, r->household_village_id);
  jd_bind_text (stmt, 6, r->household_village_id > 0 ? NULL : r->household_village_name);
  jd_bind_text (stmt, 7, r->residence_address);
  sqlite3_bind_int64 (stmt, 8, r->village_id);
  jd_bind_day (stmt, 9, r->first_found_on);
  jd_bind_text (stmt, 10, r->drug_type);
  jd_bind_text (stmt, 11, r->key_category);
  jd_bind_text (stmt, 12, r->note);
  JdStoreResult result
      = step_write (ledger, stmt, existing ? JD_STORE_UPDATED : JD_STORE_ADDED, error);
  if (result != JD_STORE_FAILED && id)
    *id = existing ? existing : sqlite3_last_insert_rowid (jd_ledger_get_db (ledger));
  return result;
}

/* ---- status spans: the one place they are chained ------------------------------- */

/* Inserts a span starting on S into the person's chain: the span before it
 * ends the day before S, and the new one ends the day before the next span
 * starts, or stays open when it is the latest (docs/contract.md §3). */
JdStoreResult
jd_store_status (JdLedger *ledger, const JdStatusRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (!require_person (ledger, r->person_id, error)
      || !require_enum (JD_ENUM_STATUS, r->status, TRUE, "status", error)
      || !require_day (r->started_on, TRUE, "started_on", error)
      || !require_order (r->started_on, r->planned_end_on, "planned_end_on", error)
      || !REQUIRE_TEXTS (error, { "note", r->note, JD_TEXT_LINES })
      || !require_person_day (ledger, r->person_id, "status_span", r->started_on, "started_on",
                              error)
      || (g_str_equal (r->status, "deceased")
          && !require_nothing_beyond (ledger, r->person_id, r->started_on, TRUE, "started_on",
                                      error)))
    return JD_STORE_FAILED;

  /* The same start again: the same span (unchanged or amended), or a conflict. */
  sqlite3_stmt *stmt
      = jd_ledger_prepare (ledger,
                           "SELECT id, status, planned_end_on IS ?3, note IS ?4 FROM status_span"
                           " WHERE person_id = ?1 AND started_on = ?2",
                           error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  sqlite3_bind_int64 (stmt, 1, r->person_id);
  jd_bind_day (stmt, 2, r->started_on);
  jd_bind_day (stmt, 3, r->planned_end_on);
  jd_bind_text (stmt, 4, r->note);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 span = sqlite3_column_int64 (stmt, 0);
      g_autofree char *status = jd_column_dup (stmt, 1);
      gboolean same = sqlite3_column_int (stmt, 2) && sqlite3_column_int (stmt, 3);
      sqlite3_reset (stmt);
      if (!g_str_equal (status, r->status))
        {
          jd_set_field_error (error, "started_on",
                              _ ("the person already has the status “%s” from that day"),
                              jd_enum_label (JD_ENUM_STATUS, status));
          return JD_STORE_FAILED;
        }
      if (same)
        return JD_STORE_UNCHANGED;
      stmt = jd_ledger_prepare (
          ledger, "UPDATE status_span SET planned_end_on = ?, note = ? WHERE id = ?", error);
      if (stmt == NULL)
        return JD_STORE_FAILED;
      jd_bind_day (stmt, 1, r->planned_end_on);
      jd_bind_text (stmt, 2, r->note);
      sqlite3_bind_int64 (stmt, 3, span);
      return step_write (ledger, stmt, JD_STORE_UPDATED, error);
    }
  sqlite3_reset (stmt);

  /* Close the span before, if it runs into the new one. */
  stmt = jd_ledger_prepare (ledger,
                            "UPDATE status_span SET ended_on = date(?2, '-1 day') WHERE id ="
                            " (SELECT id FROM status_span WHERE person_id = ?1 AND started_on < ?2"
                            "  ORDER BY started_on DESC LIMIT 1)"
                            " AND (ended_on IS NULL OR ended_on >= ?2)",
                            error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  sqlite3_bind_int64 (stmt, 1, r->person_id);
  jd_bind_day (stmt, 2, r->started_on);
  if (!jd_ledger_step_done (ledger, stmt, error))
    return JD_STORE_FAILED;

  /* End where the next one starts. */
  stmt = jd_ledger_prepare (
      ledger,
      "INSERT INTO status_span (person_id, status, started_on, planned_end_on, note, ended_on)"
      " VALUES (?1, ?2, ?3, ?4, ?5, (SELECT date(min(started_on), '-1 day') FROM status_span"
      "  WHERE person_id = ?1 AND started_on > ?3))",
      error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  sqlite3_bind_int64 (stmt, 1, r->person_id);
  jd_bind_text (stmt, 2, r->status);
  jd_bind_day (stmt, 3, r->started_on);
  jd_bind_day (stmt, 4, r->planned_end_on);
  jd_bind_text (stmt, 5, r->note);
  return step_write (ledger, stmt, JD_STORE_ADDED, error);
}

/* ---- the rest: rows already present are skipped ---------------------------------- */

JdStoreResult
jd_store_use_event (JdLedger *ledger, const JdUseEventRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (!require_person (ledger, r->person_id, error)
      || !require_day (r->occurred_on, TRUE, "occurred_on", error)
      || !require_enum (JD_ENUM_USE_SOURCE, r->source, TRUE, "source", error)
      || !require_person_day (ledger, r->person_id, "use_event", r->occurred_on, "occurred_on",
                              error))
    return JD_STORE_FAILED;
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "INSERT OR FAIL INTO use_event (person_id, occurred_on, source) VALUES (?, ?, ?)"
      " ON CONFLICT DO NOTHING",
      error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  sqlite3_bind_int64 (stmt, 1, r->person_id);
  jd_bind_day (stmt, 2, r->occurred_on);
  jd_bind_text (stmt, 3, r->source);
  return step_write (ledger, stmt, JD_STORE_ADDED, error);
}

static void
bind_followup (sqlite3_stmt *stmt, gconstpointer record)
{
  const JdFollowupRecord *r = record;
  sqlite3_bind_int64 (stmt, 1, r->person_id);
  jd_bind_text (stmt, 2, r->kind);
  jd_bind_day (stmt, 3, r->occurred_on);
  jd_bind_text (stmt, 4, g_str_equal (r->kind, "urine_test") ? r->result : NULL);
  jd_bind_text (stmt, 5, r->staff);
  jd_bind_text (stmt, 6, r->place);
  jd_bind_text (stmt, 7, r->content);
}

JdStoreResult
jd_store_followup (JdLedger *ledger, const JdFollowupRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (!require_person (ledger, r->person_id, error)
      || !require_enum (JD_ENUM_FOLLOWUP_KIND, r->kind, TRUE, "kind", error)
      || !require_day (r->occurred_on, TRUE, "occurred_on", error)
      || !REQUIRE_TEXTS (error, { "staff", r->staff, JD_TEXT_NAME },
                         { "place", r->place, JD_TEXT_LINE },
                         { "content", r->content, JD_TEXT_LINES })
      || !require_person_day (ledger, r->person_id, "followup", r->occurred_on, "occurred_on",
                              error))
    return JD_STORE_FAILED;
  gboolean urine = g_str_equal (r->kind, "urine_test");
  if (urine && !require_enum (JD_ENUM_URINE_RESULT, r->result, TRUE, "result", error))
    return JD_STORE_FAILED;
  if (!urine && r->result && *r->result)
    {
      jd_set_field_error (error, "result", _ ("only a urine test has a result"));
      return JD_STORE_FAILED;
    }

  return insert_unless_present (
      ledger,
      /* INDEXED BY: the partial indexes on followup would otherwise make SQLite
       * prepare this statement again for every new binding of kind and result. */
      "SELECT 1 FROM followup INDEXED BY followup_person WHERE person_id = ?1 AND kind = ?2"
      " AND occurred_on = ?3 AND result IS ?4 AND staff IS ?5 AND place IS ?6 AND content IS ?7",
      /* OR FAIL, and the foreign key deferred: no statement journal (the schema says why). */
      "INSERT OR FAIL INTO followup (person_id, kind, occurred_on, result, staff, place, content)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      bind_followup, r, error);
}

JdStoreResult
jd_store_help_member (JdLedger *ledger, const JdHelpMemberRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (!require_person (ledger, r->person_id, error)
      || !require_text (r->member_name, "member_name", error)
      || !require_enum (JD_ENUM_MEMBER_ROLE, r->role, TRUE, "role", error)
      || !require_day (r->since, TRUE, "since", error)
      || !require_order (r->since, r->until, "until", error)
      || !REQUIRE_TEXTS (error, { "member_name", r->member_name, JD_TEXT_NAME },
                         { "phone", r->phone, JD_TEXT_LINE })
      || !require_person_day (ledger, r->person_id, "help_member", r->since, "since", error))
    return JD_STORE_FAILED;
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "INSERT OR FAIL INTO help_member (person_id, member_name, role, phone, since, until)"
      " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  sqlite3_bind_int64 (stmt, 1, r->person_id);
  jd_bind_text (stmt, 2, r->member_name);
  jd_bind_text (stmt, 3, r->role);
  jd_bind_text (stmt, 4, r->phone);
  jd_bind_day (stmt, 5, r->since);
  jd_bind_day (stmt, 6, r->until);
  return step_write (ledger, stmt, JD_STORE_ADDED, error);
}

JdStoreResult
jd_store_agreement (JdLedger *ledger, const JdAgreementRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (!require_person (ledger, r->person_id, error)
      || !require_day (r->signed_on, TRUE, "signed_on", error)
      || !REQUIRE_TEXTS (error, { "note", r->note, JD_TEXT_LINES })
      || !require_person_day (ledger, r->person_id, "agreement", r->signed_on, "signed_on", error))
    return JD_STORE_FAILED;
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "INSERT OR FAIL INTO agreement (person_id, signed_on, note) VALUES (?, ?, ?)"
      " ON CONFLICT DO NOTHING",
      error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  sqlite3_bind_int64 (stmt, 1, r->person_id);
  jd_bind_day (stmt, 2, r->signed_on);
  jd_bind_text (stmt, 3, r->note);
  return step_write (ledger, stmt, JD_STORE_ADDED, error);
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
  if (!require_person (ledger, r->person_id, error))
    return JD_STORE_FAILED;
  if (r->village_id <= 0)
    {
      jd_set_field_error (error, "village", _ ("required"));
      return JD_STORE_FAILED;
    }
  if (!require_village (ledger, r->village_id, "village", error)
      || !require_day (r->moved_on, TRUE, "moved_on", error)
      || !require_person_day (ledger, r->person_id, "move", r->moved_on, "moved_on", error))
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
  stmt = jd_ledger_prepare (
      ledger, "INSERT OR FAIL INTO move (person_id, village_id, moved_on) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  sqlite3_bind_int64 (stmt, 1, r->person_id);
  sqlite3_bind_int64 (stmt, 2, r->village_id);
  jd_bind_day (stmt, 3, r->moved_on);
  return step_write (ledger, stmt, JD_STORE_ADDED, error);
}

static void
bind_activity (sqlite3_stmt *stmt, gconstpointer record)
{
  const JdActivityRecord *r = record;
  bind_id (stmt, 1, r->village_id);
  jd_bind_day (stmt, 2, r->held_on);
  jd_bind_text (stmt, 3, r->form);
  jd_bind_text (stmt, 4, r->title);
  jd_bind_text (stmt, 5, r->location);
  jd_bind_text (stmt, 6, r->audience);
  bind_count (stmt, 7, r->participants);
  bind_count (stmt, 8, r->materials);
  bind_count (stmt, 9, r->banners);
}

JdStoreResult
jd_store_activity (JdLedger *ledger, const JdActivityRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if ((r->village_id > 0 && !require_village (ledger, r->village_id, "village", error))
      || !require_day (r->held_on, TRUE, "held_on", error)
      || !require_enum (JD_ENUM_ACTIVITY_FORM, r->form, TRUE, "form", error)
      || !require_text (r->title, "title", error)
      || !require_enum (JD_ENUM_AUDIENCE, r->audience, FALSE, "audience", error)
      || !REQUIRE_TEXTS (error, { "title", r->title, JD_TEXT_LINE },
                         { "location", r->location, JD_TEXT_LINE }))
    return JD_STORE_FAILED;
  return insert_unless_present (
      ledger,
      "SELECT 1 FROM activity WHERE village_id IS ?1 AND held_on = ?2 AND form = ?3"
      " AND title = ?4 AND location IS ?5 AND audience IS ?6 AND participants IS ?7"
      " AND materials IS ?8 AND banners IS ?9",
      "INSERT INTO activity (village_id, held_on, form, title, location, audience,"
      " participants, materials, banners) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
      bind_activity, r, error);
}

void
jd_store_bind_letter (sqlite3_stmt *stmt, gconstpointer record)
{
  const JdLetterRecord *r = record;
  sqlite3_bind_int64 (stmt, 1, r->village_id);
  jd_bind_text (stmt, 2, r->level);
  jd_bind_day (stmt, 3, r->signed_on);
  jd_bind_text (stmt, 4, r->party);
  bind_count (stmt, 5, r->copies);
}

gboolean
jd_store_check_letter (JdLedger *ledger, const JdLetterRecord *r, GError **error)
{
  return require_village (ledger, r->village_id, "village", error)
         && require_enum (JD_ENUM_LETTER_LEVEL, r->level, TRUE, "level", error)
         && require_day (r->signed_on, TRUE, "signed_on", error)
         && REQUIRE_TEXTS (error, { "party", r->party, JD_TEXT_LINE });
}

JdStoreResult
jd_store_letter (JdLedger *ledger, const JdLetterRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (!jd_store_check_letter (ledger, r, error))
    return JD_STORE_FAILED;
  return insert_unless_present (
      ledger,
      "SELECT 1 FROM letter WHERE village_id = ?1 AND level = ?2 AND signed_on = ?3"
      " AND party IS ?4 AND copies IS ?5",
      "INSERT INTO letter (village_id, level, signed_on, party, copies)"
      " VALUES (?1, ?2, ?3, ?4, ?5)",
      jd_store_bind_letter, r, error);
}

void
jd_store_bind_venue (sqlite3_stmt *stmt, gconstpointer record)
{
  const JdVenueRecord *r = record;
  sqlite3_bind_int64 (stmt, 1, r->village_id);
  jd_bind_text (stmt, 2, r->name);
  jd_bind_text (stmt, 3, r->kind);
  jd_bind_text (stmt, 4, r->address);
  jd_bind_text (stmt, 5, r->manager);
  jd_bind_text (stmt, 6, r->phone);
  jd_bind_text (stmt, 7, r->key_spot);
}

gboolean
jd_store_check_venue (JdLedger *ledger, const JdVenueRecord *r, GError **error)
{
  return require_village (ledger, r->village_id, "village", error)
         && require_text (r->name, "name", error)
         && require_enum (JD_ENUM_VENUE_KIND, r->kind, TRUE, "kind", error)
         && REQUIRE_TEXTS (
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
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "INSERT INTO venue (village_id, name, kind, address, manager, phone, key_spot)"
      " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  jd_store_bind_venue (stmt, r);
  JdStoreResult result = step_write (ledger, stmt, JD_STORE_ADDED, error);
  if (result != JD_STORE_FAILED && id)
    *id = jd_store_find_venue (ledger, r->village_id, r->name);
  return result;
}

void
jd_store_bind_inspection (sqlite3_stmt *stmt, gconstpointer record)
{
  const JdInspectionRecord *r = record;
  sqlite3_bind_int64 (stmt, 1, r->venue_id);
  jd_bind_day (stmt, 2, r->inspected_on);
  jd_bind_text (stmt, 3, r->inspector);
  sqlite3_bind_int (stmt, 4, r->passed ? 1 : 0);
  jd_bind_text (stmt, 5, r->finding);
}

gboolean
jd_store_check_inspection (JdLedger *ledger, const JdInspectionRecord *r, GError **error)
{
  return require_row (ledger, "SELECT 1 FROM venue WHERE id = ?", r->venue_id, "venue", _ ("venue"),
                      error)
         && require_day (r->inspected_on, TRUE, "inspected_on", error)
         && REQUIRE_TEXTS (error, { "inspector", r->inspector, JD_TEXT_NAME },
                           { "finding", r->finding, JD_TEXT_LINES });
}

JdStoreResult
jd_store_inspection (JdLedger *ledger, const JdInspectionRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (!jd_store_check_inspection (ledger, r, error))
    return JD_STORE_FAILED;
  return insert_unless_present (
      ledger,
      "SELECT 1 FROM inspection WHERE venue_id = ?1 AND inspected_on = ?2 AND inspector IS ?3"
      " AND passed = ?4 AND finding IS ?5",
      "INSERT INTO inspection (venue_id, inspected_on, inspector, passed, finding)"
      " VALUES (?1, ?2, ?3, ?4, ?5)",
      jd_store_bind_inspection, r, error);
}

static gboolean
insert_title_event (JdLedger *ledger, const JdTitleEventRecord *r, GError **error)
{
  sqlite3_stmt *stmt
      = jd_ledger_prepare (ledger,
                           "INSERT INTO title_event (village_id, event, occurred_on, note, ground)"
                           " VALUES (?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->village_id);
  jd_bind_text (stmt, 2, r->event);
  jd_bind_day (stmt, 3, r->occurred_on);
  jd_bind_text (stmt, 4, r->note);
  jd_bind_text (stmt, 5, r->ground);
  return step_write (ledger, stmt, JD_STORE_ADDED, error) != JD_STORE_FAILED;
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
  if (!require_village (ledger, r->village_id, "village", error)
      || !require_enum (JD_ENUM_TITLE_EVENT, r->event, TRUE, "event", error)
      || !require_enum (JD_ENUM_TITLE_GROUND, r->ground, FALSE, "ground", error)
      || !require_day (r->occurred_on, TRUE, "occurred_on", error)
      || !REQUIRE_TEXTS (error, { "note", r->note, JD_TEXT_LINES }))
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

void
jd_store_bind_staff (sqlite3_stmt *stmt, gconstpointer record)
{
  const JdStaffRecord *r = record;
  jd_bind_text (stmt, 1, r->name);
  jd_bind_text (stmt, 2, r->role);
  bind_id (stmt, 3, r->village_id);
  jd_bind_text (stmt, 4, r->phone);
  jd_bind_day (stmt, 5, r->since);
  jd_bind_day (stmt, 6, r->until);
}

gboolean
jd_store_check_staff (JdLedger *ledger, const JdStaffRecord *r, GError **error)
{
  return require_text (r->name, "name", error)
         && require_enum (JD_ENUM_STAFF_ROLE, r->role, TRUE, "role", error)
         && (r->village_id <= 0 || require_village (ledger, r->village_id, "village", error))
         && require_day (r->since, FALSE, "since", error)
         && require_order (r->since, r->until, "until", error)
         && REQUIRE_TEXTS (error, { "name", r->name, JD_TEXT_NAME },
                           { "phone", r->phone, JD_TEXT_LINE });
}

JdStoreResult
jd_store_staff (JdLedger *ledger, const JdStaffRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  if (!jd_store_check_staff (ledger, r, error))
    return JD_STORE_FAILED;
  return insert_unless_present (
      ledger,
      "SELECT 1 FROM staff WHERE name = ?1 AND role = ?2 AND village_id IS ?3 AND phone IS ?4"
      " AND since IS ?5 AND until IS ?6",
      "INSERT INTO staff (name, role, village_id, phone, since, until)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      jd_store_bind_staff, r, error);
}

static void
bind_survey (sqlite3_stmt *stmt, gconstpointer record)
{
  const JdSurveyRecord *r = record;
  bind_id (stmt, 1, r->village_id);
  jd_bind_day (stmt, 2, r->surveyed_on);
  jd_bind_text (stmt, 3, r->group);
  sqlite3_bind_int64 (stmt, 4, r->sampled);
  sqlite3_bind_int64 (stmt, 5, r->aware);
}

JdStoreResult
jd_store_survey (JdLedger *ledger, const JdSurveyRecord *r, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), JD_STORE_FAILED);
  g_return_val_if_fail (r != NULL, JD_STORE_FAILED);
  if ((r->village_id > 0 && !require_village (ledger, r->village_id, "village", error))
      || !require_day (r->surveyed_on, TRUE, "surveyed_on", error)
      || !require_enum (JD_ENUM_SURVEY_GROUP, r->group, TRUE, "group", error))
    return JD_STORE_FAILED;
  if (r->sampled < 1)
    {
      jd_set_field_error (error, "sampled", _ ("at least one person must have been asked"));
      return JD_STORE_FAILED;
    }
  if (!require_count (r->aware, "aware", error))
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
  bind_survey (stmt, r);
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
  stmt = jd_ledger_prepare (ledger,
                            "INSERT INTO awareness_survey (village_id, surveyed_on, grp, sampled,"
                            " aware) VALUES (?1, ?2, ?3, ?4, ?5)",
                            error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  bind_survey (stmt, r);
  return step_write (ledger, stmt, JD_STORE_ADDED, error);
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
  if (step_write (ledger, stmt, JD_STORE_UPDATED, error) == JD_STORE_FAILED)
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
  if (!require_village (ledger, r->village_id, "village", error)
      || !require_day (r->assessed_on, TRUE, "assessed_on", error)
      || !REQUIRE_TEXTS (error, { "assessor", r->assessor, JD_TEXT_NAME }))
    return JD_STORE_FAILED;
  for (int no = 1; no <= 10; no++)
    if (!REQUIRE_TEXTS (error, { "note", r->items[no - 1].note, JD_TEXT_LINES }))
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
      = step_write (ledger, stmt, assessment ? JD_STORE_UPDATED : JD_STORE_ADDED, error);
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
      JdStoreResult item_result = step_write (ledger, stmt, JD_STORE_UPDATED, error);
      if (item_result == JD_STORE_FAILED)
        return item_result;
      if (item_result == JD_STORE_UPDATED && result == JD_STORE_UNCHANGED)
        result = JD_STORE_UPDATED;
    }
  if (id)
    *id = assessment;
  return result;
}
