/* jd-store.c: writing the ledger's records, one function per entity (see jd-store.h)
 *
 * This file has the steps every write shares (a record's columns bound by its layout, the
 * INSERT that adds a row only when the same is not there), the look-ups, and the records
 * updated by their key: villages, persons and their status spans. The person's other
 * records are written in jd-store-person-records.c, the villages' and the township's in
 * jd-store-village-records.c, each under the rules of jd-store-rules.c.
 */
#include "config.h"

#include "jd-store.h"

#include <glib/gi18n-lib.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-id-number.h"
#include "jd-ledger-private.h"
#include "jd-store-private.h"

/* ---- the steps of a write ---------------------------------------------------------- */

JdStoreResult
jd_store_step_write (JdLedger *ledger,
                     sqlite3_stmt *stmt,
                     JdStoreResult when_changed,
                     GError **error)
{
  if (!jd_ledger_step_done (ledger, stmt, error))
    return JD_STORE_FAILED;
  return sqlite3_changes (jd_ledger_get_db (ledger)) > 0 ? when_changed : JD_STORE_UNCHANGED;
}

gint64
jd_store_find_id (JdLedger *ledger, const char *sql, const char *text)
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
bind_id (sqlite3_stmt *stmt, int index, gint64 id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

void
jd_store_bind (sqlite3_stmt *stmt, const JdStoreLayout *layout, gconstpointer record)
{
  for (guint i = 0; i < layout->n_columns; i++)
    {
      const JdStoreColumn *column = &layout->columns[i];
      gconstpointer member = (const char *)record + column->offset;
      int index = (int)i + 1;
      gint64 number = 0;
      switch (column->type)
        {
          case JD_STORE_TEXT:
            jd_bind_text (stmt, index, *(const char *const *)member);
            break;
          case JD_STORE_DAY:
            jd_bind_day (stmt, index, *(const JdDay *)member);
            break;
          case JD_STORE_INT:
            sqlite3_bind_int64 (stmt, index, *(const gint64 *)member);
            break;
          case JD_STORE_ID:
            bind_id (stmt, index, *(const gint64 *)member);
            break;
          case JD_STORE_COUNT:
            number = *(const gint64 *)member;
            if (number < 0)
              sqlite3_bind_null (stmt, index);
            else
              sqlite3_bind_int64 (stmt, index, number);
            break;
          case JD_STORE_FLAG:
            sqlite3_bind_int (stmt, index, *(const gboolean *)member ? 1 : 0);
            break;
        }
    }
}

JdStoreResult
jd_store_insert (JdLedger *ledger,
                 const char *sql,
                 const JdStoreLayout *layout,
                 gconstpointer record,
                 GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  jd_store_bind (stmt, layout, record);
  return jd_store_step_write (ledger, stmt, JD_STORE_ADDED, error);
}

/* A look-up, then a plain INSERT. (An INSERT … SELECT … WHERE NOT EXISTS that reads its own
 * table makes SQLite build a temporary table for every row, which costs more than the
 * insert itself.) */
JdStoreResult
jd_store_insert_unless_present (JdLedger *ledger,
                                const char *exists_sql,
                                const char *insert_sql,
                                const JdStoreLayout *layout,
                                gconstpointer record,
                                GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, exists_sql, error);
  if (stmt == NULL)
    return JD_STORE_FAILED;
  jd_store_bind (stmt, layout, record);
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
  return jd_store_insert (ledger, insert_sql, layout, record, error);
}

/* ---- look-ups -------------------------------------------------------------- */

gint64
jd_store_find_village (JdLedger *ledger, const char *code_or_name)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), 0);
  if (code_or_name == NULL || *code_or_name == '\0')
    return 0;
  gint64 id = jd_store_find_id (ledger, "SELECT id FROM village WHERE code = ?", code_or_name);
  if (id == 0)
    id = jd_store_find_id (
        ledger, "SELECT id FROM village WHERE name = ? ORDER BY retired_on IS NOT NULL, id",
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
  return jd_store_find_id (ledger, "SELECT id FROM person WHERE id_number = ?", upper);
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

  if (!jd_store_require_text (r->code, "code", error)
      || !jd_store_require_text (r->name, "name", error)
      || !jd_store_require_enum (JD_ENUM_VILLAGE_KIND, kind, TRUE, "kind", error)
      || !jd_store_require_count (r->registered_population, "registered_population", error)
      || !jd_store_require_count (r->resident_population, "resident_population", error)
      || !jd_store_require_count (r->floating_population, "floating_population", error)
      || !jd_store_require_count (r->grid_count, "grid_count", error)
      || !jd_store_require_day (r->retired_on, FALSE, "retired_on", error)
      || !JD_STORE_REQUIRE_TEXTS (error, { "code", r->code, JD_TEXT_NAME },
                                  { "name", r->name, JD_TEXT_NAME },
                                  { "secretary", r->secretary, JD_TEXT_NAME },
                                  { "police_officer", r->police_officer, JD_TEXT_NAME }))
    return JD_STORE_FAILED;

  gint64 existing = jd_store_find_id (ledger, "SELECT id FROM village WHERE code = ?", r->code);
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
      = jd_store_step_write (ledger, stmt, existing ? JD_STORE_UPDATED : JD_STORE_ADDED, error);
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
  if (!jd_store_require_text (r->name, "name", error)
      || !JD_STORE_REQUIRE_TEXTS (
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
  if (!jd_store_require_village (ledger, r->village_id, "residence_village", error)
      || (r->household_village_id > 0
          && !jd_store_require_village (ledger, r->household_village_id, "household_village",
                                        error))
      || !jd_store_require_day (r->first_found_on, TRUE, "first_found_on", error))
    return JD_STORE_FAILED;
  if (r->first_found_on < birth)
    {
      jd_set_field_error (error, "first_found_on", _ ("is before the person’s birth"));
      return JD_STORE_FAILED;
    }

  gint64 existing
      = jd_store_find_id (ledger, "SELECT id FROM person WHERE id_number = ?", id_number);
  if (existing)
    {
      /* The first-found date moves only where the person's other records allow. */
      JdDay found = 0, death = 0;
      if (!jd_store_person_dates (ledger, existing, &found, &death, error))
        return JD_STORE_FAILED;
      g_autofree char *after_death
          = r->first_found_on != found
                ? jd_store_day_problem (0, death, "person", r->first_found_on)
                : NULL;
      if (after_death)
        {
          jd_set_field_error (error, "first_found_on", "%s", after_death);
          return JD_STORE_FAILED;
        }
      if (r->first_found_on > found
          && !jd_store_require_nothing_beyond (ledger, existing, r->first_found_on, FALSE,
                                               "first_found_on", error))
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
      = jd_store_step_write (ledger, stmt, existing ? JD_STORE_UPDATED : JD_STORE_ADDED, error);
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
  if (!jd_store_require_person (ledger, r->person_id, error)
      || !jd_store_require_enum (JD_ENUM_STATUS, r->status, TRUE, "status", error)
      || !jd_store_require_day (r->started_on, TRUE, "started_on", error)
      || !jd_store_require_order (r->started_on, r->planned_end_on, "planned_end_on", error)
      || !JD_STORE_REQUIRE_TEXTS (error, { "note", r->note, JD_TEXT_LINES })
      || !jd_store_require_person_day (ledger, r->person_id, "status_span", r->started_on,
                                       "started_on", error)
      || (g_str_equal (r->status, "deceased")
          && !jd_store_require_nothing_beyond (ledger, r->person_id, r->started_on, TRUE,
                                               "started_on", error)))
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
      return jd_store_step_write (ledger, stmt, JD_STORE_UPDATED, error);
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
  return jd_store_step_write (ledger, stmt, JD_STORE_ADDED, error);
}
