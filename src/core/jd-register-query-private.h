/* jd-register-query-private.h: what the register queries share inside src/core */
#pragma once

#include <sqlite3.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-indicators.h"
#include "jd-register-query.h"
#include "jd-village-at.h"

G_BEGIN_DECLS

/* The most columns a register has. */
#define JD_REGISTER_MAX_COLUMNS 24

typedef struct
{
  JdLedger *ledger;
  JdRegister register_;
  const JdRegisterInfo *info;
  gboolean mask;
  int year;
  JdDay from;  /* the period's first day, Y-01-01 */
  JdDay as_of; /* D */
  char from_text[JD_DAY_STRLEN];
  char as_of_text[JD_DAY_STRLEN];
  JdRowFunc func;
  gpointer user_data;
  guint serial;
  char *township;
  char *scratch;       /* text of the current row that the query builds */
  char *persons;       /* ?4, for a register of chosen persons: their ids as a JSON array */
  GArray *record_ids;  /* JdRegisterQuery.record_ids, for the registers that have them */
  JdIndicators *given; /* computed elsewhere (a county's sums): used as they are, and judged
                          against the default targets (jd_register_rows_of_indicators) */
} JdRegisterContext;

void jd_register_context_init (JdRegisterContext *ctx,
                               JdLedger *ledger,
                               JdRegister register_,
                               const JdRegisterQuery *query,
                               JdRowFunc func,
                               gpointer user_data);
void jd_register_context_clear (JdRegisterContext *ctx);
const char *jd_register_context_township (JdRegisterContext *ctx);
gboolean jd_register_emit (JdRegisterContext *ctx, JdCell *cells, GError **error);

/* What the registers compute once for the whole workbook, kept by the ledger
 * (jd_ledger_get_register_cache ()) while a snapshot is open, NULL outside one. */
struct _JdRegisterCache
{
  JdIndicators *indicators; /* years Y − 9 … Y as of D (jd_register_indicators) */
  gboolean has_followups;   /* the period's follow-ups counted by kind: */
  char followups_from[JD_DAY_STRLEN];
  char followups_to[JD_DAY_STRLEN];
  gint64 followups[3]; /* talks, urine tests, visits */
};

void jd_register_cache_begin (JdLedger *ledger);
void jd_register_cache_end (JdLedger *ledger);

/* The indicator engine's results for years Y − 9 … Y as of D, computed once per
 * snapshot (jd_register_begin_snapshot) and shared by the registers; a new
 * reference. */
JdIndicators *jd_register_indicators (JdRegisterContext *ctx, GError **error);

typedef gboolean (*JdRegisterFillFunc) (JdRegisterContext *ctx,
                                        sqlite3_stmt *stmt,
                                        JdCell *cells,
                                        GError **error);

void jd_register_bind_period (JdRegisterContext *ctx, sqlite3_stmt *stmt);
gboolean jd_register_stream (JdRegisterContext *ctx,
                             const char *sql,
                             JdRegisterFillFunc fill,
                             GError **error);

void jd_cell_text (JdCell *cell, const char *text);
void jd_cell_day (JdCell *cell, JdDay day);
void jd_cell_count (JdCell *cell, double count);
void jd_cell_ratio (JdCell *cell, double ratio);
void jd_cell_number (JdCell *cell, double number);
/* A cell from a column of a row: text, a day, a count that may be NULL (not
 * given), an enumerated key shown in Chinese. */
void jd_cell_column_text (JdCell *cell, sqlite3_stmt *stmt, int column);
void jd_cell_column_day (JdCell *cell, sqlite3_stmt *stmt, int column);
void jd_cell_column_count (JdCell *cell, sqlite3_stmt *stmt, int column);
void jd_cell_column_enum (JdCell *cell, JdEnum which, sqlite3_stmt *stmt, int column);

/* The registered-persons query; narrowing adds to the WHERE of the persons
 * read (the current users' register takes those of ?4). The persons first found on or before D (?2;
 * ?1 is the period's first day). The status at D is the span that contains D (none: at large); the
 * last use date is the latest of the first-found date, the use events and the positive urine tests
 * up to D (docs/contract.md §4). The persons are read in id order (NOT INDEXED), so that
 * the look-ups by person that follow land near one another: led by the first-found
 * index, they jumped about the other indexes and took half as long again. */
/* A person's managing village at D, the sheet's as-of date (docs/contract.md §3 "move"). */
#define JD_REGISTER_VILLAGE_AT_D JD_SQL_VILLAGE_AT ("p", "?2")

#define JD_REGISTER_PERSON_SELECT(narrowing)                                                       \
  "SELECT p.name, p.sex, p.id_number, p.birth_date,"                                               \
  " coalesce(p.household_address, hv.name, p.household_village_name), p.residence_address,"        \
  " v.name, p.first_found_on, p.drug_type, coalesce(s.status, 'at_large'), s.started_on,"          \
  " p.last_use, p.note, p.id"                                                                      \
  " FROM (SELECT p.*, max(p.first_found_on,"                                                       \
  "         coalesce((SELECT max(u.occurred_on) FROM use_event u"                                  \
  "                   WHERE u.person_id = p.id AND u.occurred_on <= ?2), ''),"                     \
  "         coalesce((SELECT max(f.occurred_on) FROM followup f"                                   \
  "                   WHERE f.person_id = p.id AND f.kind = 'urine_test'"                          \
  "                     AND f.result = 'positive' AND f.occurred_on <= ?2), '')) AS last_use"      \
  "       FROM person p NOT INDEXED WHERE p.first_found_on <= ?2" narrowing ") p"                  \
  " JOIN village v ON v.id = " JD_REGISTER_VILLAGE_AT_D                                            \
  " LEFT JOIN village hv ON hv.id = p.household_village_id"                                        \
  " LEFT JOIN status_span s ON s.person_id = p.id AND s.started_on <= ?2"                          \
  "  AND coalesce(s.ended_on, '9999-12-31') >= ?2"

#define JD_REGISTER_PERSON_ORDER " ORDER BY v.code, p.first_found_on, p.id_number"
gboolean
jd_register_fill_person (JdRegisterContext *ctx, sqlite3_stmt *stmt, JdCell *cells, GError **error);

/* The two kinds of register under the entry points of jd-register-rows.c: those
 * read with SQL (jd-register-query.c) and those built on the indicator engine
 * (jd-register-indicators.c, where JdRegisterInfo.from_indicators is set). Each
 * counts the rows of ctx->register_ (-1 on error) and hands them to ctx->func. */
gint64 jd_register_count_records (JdRegisterContext *ctx, GError **error);
gboolean jd_register_record_rows (JdRegisterContext *ctx, GError **error);
gint64 jd_register_count_indicators (JdRegisterContext *ctx, GError **error);
gboolean jd_register_indicator_rows (JdRegisterContext *ctx, GError **error);

G_END_DECLS
