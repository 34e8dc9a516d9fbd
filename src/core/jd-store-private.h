/* jd-store-private.h: what the writers of records share inside src/core: the rules a record
 * must obey (jd-store-rules.c), the binding of a record's columns and the steps of a write
 * (jd-store.c), used by jd-store*.c and by the editing of records (jd-store-edit.c) */
#pragma once

#include <sqlite3.h>

#include "jd-enums.h"
#include "jd-store.h"

G_BEGIN_DECLS

/* ---- the rules (jd-store-rules.c); each sets a field error and returns FALSE ---- */

gboolean jd_store_require_text (const char *value, const char *field, GError **error);
gboolean jd_store_require_enum (
    JdEnum which, const char *value, gboolean required, const char *field, GError **error);
/* A day that has happened: required ones must be given, none may be after today or before
 * 1950. */
gboolean jd_store_require_day (JdDay day, gboolean required, const char *field, GError **error);
/* An end (a planned end, an until) may lie ahead, but not before the start nor 1950. */
gboolean jd_store_require_order (JdDay first, JdDay then, const char *field, GError **error);
gboolean jd_store_require_count (gint64 value, const char *field, GError **error);

typedef struct
{
  const char *field;
  const char *value;
  JdTextRule rule;
} JdStoreTextField;

gboolean jd_store_require_texts (const JdStoreTextField *fields, guint n, GError **error);

#define JD_STORE_REQUIRE_TEXTS(error, ...)                                                         \
  jd_store_require_texts (                                                                         \
      (const JdStoreTextField[]){ __VA_ARGS__ },                                                   \
      sizeof ((const JdStoreTextField[]){ __VA_ARGS__ }) / sizeof (JdStoreTextField), error)

/* Whether the row of id is there (sql: "SELECT 1 FROM t WHERE id = ?"); FALSE
 * with error set when the statement fails. */
gboolean jd_store_row_exists (JdLedger *ledger, const char *sql, gint64 id, GError **error);
/* As jd_store_row_exists, with "no such <what>" for field when the row is not there. */
gboolean jd_store_require_row (JdLedger *ledger,
                               const char *sql,
                               gint64 id,
                               const char *field,
                               const char *what,
                               GError **error);

gboolean jd_store_require_village (JdLedger *ledger, gint64 id, const char *field, GError **error);
/* The person of id; a missing one is the field id_number's error. */
gboolean jd_store_require_person (JdLedger *ledger, gint64 id, GError **error);

/* The person's first-found date and the start of their deceased span (0: none). */
gboolean jd_store_person_dates (
    JdLedger *ledger, gint64 person_id, JdDay *found, JdDay *death, GError **error);
/* Why day cannot be the day of a record of table for a person found on found who died on
 * death (0: alive), or NULL. */
char *jd_store_day_problem (JdDay found, JdDay death, const char *table, JdDay day);
gboolean jd_store_require_person_day (JdLedger *ledger,
                                      gint64 person_id,
                                      const char *table,
                                      JdDay day,
                                      const char *field,
                                      GError **error);
/* No record of the person's after day (later: a death on day) or before it (not later: a
 * first-found date moved to day). */
gboolean jd_store_require_nothing_beyond (JdLedger *ledger,
                                          gint64 person_id,
                                          JdDay day,
                                          gboolean later,
                                          const char *field,
                                          GError **error);

/* A record's own rules (docs/contract.md §3), as a new one must obey them. */
gboolean jd_store_check_venue (JdLedger *ledger, const JdVenueRecord *r, GError **error);
gboolean jd_store_check_inspection (JdLedger *ledger, const JdInspectionRecord *r, GError **error);
gboolean jd_store_check_letter (JdLedger *ledger, const JdLetterRecord *r, GError **error);
gboolean jd_store_check_staff (JdLedger *ledger, const JdStaffRecord *r, GError **error);

/* ---- a record's columns, bound to ?1, ?2 … in their order (jd-store.c) ---- */

typedef enum
{
  JD_STORE_TEXT,  /* const char *; empty: NULL */
  JD_STORE_DAY,   /* JdDay; 0: NULL */
  JD_STORE_INT,   /* gint64 */
  JD_STORE_ID,    /* gint64; 0 or less: NULL (none) */
  JD_STORE_COUNT, /* gint64; negative: NULL (not given) */
  JD_STORE_FLAG,  /* gboolean, as 0 or 1 */
} JdStoreValue;

typedef struct
{
  const char *name; /* the table's column */
  JdStoreValue type;
  gsize offset; /* of the record's member */
} JdStoreColumn;

/* A column named as the record's member. */
#define JD_STORE_COLUMN(Record, member, type)                                                      \
  {                                                                                                \
#member, type, G_STRUCT_OFFSET(Record, member)                                                 \
  }

typedef struct
{
  const JdStoreColumn *columns;
  guint n_columns;
} JdStoreLayout;

#define JD_STORE_LAYOUT(columns)                                                                   \
  {                                                                                                \
    columns, G_N_ELEMENTS (columns)                                                                \
  }

/* The layouts of the records the window edits (jd-store-village-records.c). */
extern const JdStoreLayout jd_store_venue_layout;
extern const JdStoreLayout jd_store_inspection_layout;
extern const JdStoreLayout jd_store_letter_layout;
extern const JdStoreLayout jd_store_staff_layout;

void jd_store_bind (sqlite3_stmt *stmt, const JdStoreLayout *layout, gconstpointer record);

/* ---- the steps of a write (jd-store.c) ---- */

/* Steps an INSERT or UPDATE: ADDED or UPDATED (when_changed) when it changed a row,
 * UNCHANGED when not. */
JdStoreResult jd_store_step_write (JdLedger *ledger,
                                   sqlite3_stmt *stmt,
                                   JdStoreResult when_changed,
                                   GError **error);
/* Prepares sql (an INSERT), binds the record by layout and steps it. */
JdStoreResult jd_store_insert (JdLedger *ledger,
                               const char *sql,
                               const JdStoreLayout *layout,
                               gconstpointer record,
                               GError **error);
/* Adds a row unless the same one is already there (exists_sql finds it with the same
 * binding as insert_sql). */
JdStoreResult jd_store_insert_unless_present (JdLedger *ledger,
                                              const char *exists_sql,
                                              const char *insert_sql,
                                              const JdStoreLayout *layout,
                                              gconstpointer record,
                                              GError **error);
/* The id of the first row of sql (one text parameter), 0 when none. */
gint64 jd_store_find_id (JdLedger *ledger, const char *sql, const char *text);

G_END_DECLS
