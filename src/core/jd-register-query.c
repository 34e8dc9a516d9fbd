/* jd-register-query.c: the registers of the inspection workbook read with SQL
 * (docs/contract.md §7), and the snapshots they are read in
 *
 * One SQL statement per register, stepped row by row: each row becomes an
 * array of typed cells handed to the caller's callback, then forgotten. Masking
 * happens as the rows are emitted (jd-register-context.c), by each column's rule
 * (jd-mask.h), so that no writer can forget it. The entry points that choose
 * between these and the registers of the indicator engine are in
 * jd-register-rows.c.
 */
#include "config.h"

#include "jd-register-query.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-ledger-private.h"
#include "jd-register-query-private.h"

static gint64
count_rows (JdRegisterContext *ctx, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (ctx->ledger, sql, error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  jd_register_bind_period (ctx, stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    jd_ledger_set_error (ctx->ledger, error);
  sqlite3_reset (stmt);
  return n;
}

/* ---- registered persons ------------------------------------------------------------- */

static gboolean
registered_rows (JdRegisterContext *ctx, GError **error)
{
  return jd_register_stream (ctx, JD_REGISTER_PERSON_SELECT ("") JD_REGISTER_PERSON_ORDER,
                             jd_register_fill_person, error);
}

/* ---- help and education ----------------------------------------------------------------- */

/* Persons whose status was community_detox or community_rehab on a day of the
 * period; the measure shown is the latest such span. The spans come from the
 * two indexes that hold them whole, the open ones and those ended since the
 * period began (by the year they ended in), as the indicator engine reads them. */
#define MEASURE_CTE                                                                                \
  "WITH measure AS (SELECT person_id, status, max(started_on) AS started_on, planned_end_on"       \
  "  FROM (SELECT person_id, status, started_on, planned_end_on"                                   \
  "        FROM status_span INDEXED BY status_span_open"                                           \
  "        WHERE status <> 'at_large' AND ended_on IS NULL"                                        \
  "         AND status IN ('community_detox', 'community_rehab') AND started_on <= ?2"             \
  "       UNION ALL"                                                                               \
  "       SELECT person_id, status, started_on, planned_end_on"                                    \
  "        FROM status_span INDEXED BY status_span_ended"                                          \
  "        WHERE status <> 'at_large' AND ended_on IS NOT NULL"                                    \
  "         AND substr(ended_on, 1, 4) >= substr(?1, 1, 4) AND ended_on >= ?1"                     \
  "         AND status IN ('community_detox', 'community_rehab') AND started_on <= ?2)"            \
  "  GROUP BY person_id)"

/* Each measure's talks and visits, then its urine tests, each read from an
 * index that holds them by person and day (CROSS JOIN keeps the measures
 * outside: scanned the other way round, every follow-up was read). */
static const char help_sql[] = MEASURE_CTE
    ", contact AS (SELECT f.person_id,"
    "  sum(f.kind = 'talk') AS talks,"
    "  max(CASE WHEN f.kind = 'talk' THEN f.occurred_on END) AS last_talk,"
    "  sum(f.kind = 'home_visit') AS visits,"
    "  max(CASE WHEN f.kind = 'home_visit' THEN f.occurred_on END) AS last_visit"
    "  FROM measure m CROSS JOIN followup f ON f.person_id = m.person_id"
    "  WHERE f.kind IN ('talk', 'home_visit') AND f.occurred_on BETWEEN ?1 AND ?2"
    "  GROUP BY f.person_id)"
    ", test AS (SELECT f.person_id, count(*) AS tests,"
    "  sum(f.result = 'negative') AS negative, sum(f.result = 'positive') AS positive,"
    "  max(f.occurred_on) AS last_test"
    "  FROM measure m CROSS JOIN followup f ON f.person_id = m.person_id"
    "  WHERE substr(f.occurred_on, 1, 4) = substr(?1, 1, 4) AND f.kind = 'urine_test'"
    "   AND f.result IN ('negative', 'positive') AND f.occurred_on BETWEEN ?1 AND ?2"
    "  GROUP BY f.person_id)"
    " SELECT p.id, p.name, p.id_number, p.phone, v.name, m.status, m.started_on,"
    " m.planned_end_on,"
    " (SELECT max(a.signed_on) FROM agreement a"
    "   WHERE a.person_id = p.id AND a.signed_on <= ?2),"
    " coalesce(c.talks, 0), c.last_talk, coalesce(t.tests, 0),"
    " coalesce(t.negative, 0), coalesce(t.positive, 0), t.last_test,"
    " coalesce(c.visits, 0), c.last_visit"
    " FROM measure m JOIN person p ON p.id = m.person_id"
    " JOIN village v ON v.id = " JD_REGISTER_VILLAGE_AT_D
    " LEFT JOIN contact c ON c.person_id = p.id"
    " LEFT JOIN test t ON t.person_id = p.id"
    " ORDER BY v.code, p.first_found_on, p.id_number";

/* "李四(家属)、王五(民警)": the members active on a day of the period. */
static char *
help_members (JdRegisterContext *ctx, gint64 person_id, GError **error)
{
  sqlite3_stmt *stmt
      = jd_ledger_prepare (ctx->ledger,
                           "SELECT member_name, role FROM help_member WHERE person_id = ?3"
                           " AND since <= ?2 AND (until IS NULL OR until >= ?1) ORDER BY since, id",
                           error);
  GString *out;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, ctx->from_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, ctx->as_of_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, person_id);
  out = g_string_new (NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);
      const char *role = (const char *)sqlite3_column_text (stmt, 1);
      g_autofree char *masked = ctx->mask ? jd_mask_name (name) : NULL;
      g_string_append_printf (out, "%s%s(%s)", out->len ? "、" : "", masked ? masked : name,
                              jd_enum_zh (JD_ENUM_MEMBER_ROLE, role));
    }
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ctx->ledger, error);
      sqlite3_reset (stmt);
      g_string_free (out, TRUE);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_string_free (out, FALSE);
}

static gboolean
fill_help (JdRegisterContext *ctx, sqlite3_stmt *stmt, JdCell *cells, GError **error)
{
  g_free (ctx->scratch);
  ctx->scratch = help_members (ctx, sqlite3_column_int64 (stmt, 0), error);
  if (ctx->scratch == NULL)
    return FALSE;

  jd_cell_column_text (&cells[1], stmt, 1);
  jd_cell_column_text (&cells[2], stmt, 2);
  jd_cell_column_text (&cells[3], stmt, 3);
  jd_cell_column_text (&cells[4], stmt, 4);
  jd_cell_column_enum (&cells[5], JD_ENUM_STATUS, stmt, 5);
  jd_cell_column_day (&cells[6], stmt, 6);
  jd_cell_column_day (&cells[7], stmt, 7);
  jd_cell_text (&cells[8], ctx->scratch);
  jd_cell_column_day (&cells[9], stmt, 8);
  jd_cell_column_count (&cells[10], stmt, 9);
  jd_cell_column_day (&cells[11], stmt, 10);
  jd_cell_column_count (&cells[12], stmt, 11);
  jd_cell_column_count (&cells[13], stmt, 12);
  jd_cell_column_count (&cells[14], stmt, 13);
  jd_cell_column_day (&cells[15], stmt, 14);
  jd_cell_column_count (&cells[16], stmt, 15);
  jd_cell_column_day (&cells[17], stmt, 16);
  return TRUE;
}

/* ---- follow-ups ----------------------------------------------------------------------- */

#define FOLLOWUP_SQL(kinds)                                                                        \
  "SELECT f.occurred_on, f.kind, p.name, p.id_number, v.name, f.result, f.staff, f.place,"         \
  " f.content FROM followup f JOIN person p ON p.id = f.person_id"                                 \
  " JOIN village v ON v.id = " JD_REGISTER_VILLAGE_AT_D " WHERE f.kind IN " kinds                  \
  " AND f.occurred_on BETWEEN ?1 AND ?2"                                                           \
  " ORDER BY f.occurred_on, v.code, p.id_number, f.id"

/* The rows of the three follow-up registers, counted in one pass over the
 * period's follow-ups (the day index does not hold the kind, so each count
 * reads the rows); kept for the snapshot, which all three share. */
static gint64
count_followups (JdRegisterContext *ctx, GError **error)
{
  g_assert (ctx->register_ >= JD_REGISTER_TALKS && ctx->register_ <= JD_REGISTER_VISITS);
  int which = ctx->register_ == JD_REGISTER_TALKS ? 0 : ctx->register_ == JD_REGISTER_URINE ? 1 : 2;
  JdRegisterCache *cache = jd_ledger_get_register_cache (ctx->ledger);

  if (cache && cache->has_followups && g_str_equal (cache->followups_from, ctx->from_text)
      && g_str_equal (cache->followups_to, ctx->as_of_text))
    return cache->followups[which];

  sqlite3_stmt *stmt = jd_ledger_prepare (ctx->ledger,
                                          "SELECT sum(kind = 'talk'), sum(kind = 'urine_test'),"
                                          " sum(kind IN ('home_visit', 'assistance')) FROM followup"
                                          " WHERE occurred_on BETWEEN ?1 AND ?2",
                                          error);
  if (stmt == NULL)
    return -1;
  jd_register_bind_period (ctx, stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      jd_ledger_set_error (ctx->ledger, error);
      sqlite3_reset (stmt);
      return -1;
    }
  gint64 n[3];
  for (int k = 0; k < 3; k++)
    n[k] = sqlite3_column_int64 (stmt, k);
  sqlite3_reset (stmt);
  if (cache)
    {
      cache->has_followups = TRUE;
      g_strlcpy (cache->followups_from, ctx->from_text, sizeof cache->followups_from);
      g_strlcpy (cache->followups_to, ctx->as_of_text, sizeof cache->followups_to);
      memcpy (cache->followups, n, sizeof n);
    }
  return n[which];
}

#define TALK_KINDS "('talk')"
#define URINE_KINDS "('urine_test')"
#define VISIT_KINDS "('home_visit', 'assistance')"

static gboolean
fill_talk (JdRegisterContext *ctx, sqlite3_stmt *stmt, JdCell *cells, GError **error)
{
  jd_cell_column_day (&cells[1], stmt, 0);
  jd_cell_column_text (&cells[2], stmt, 2);
  jd_cell_column_text (&cells[3], stmt, 3);
  jd_cell_column_text (&cells[4], stmt, 4);
  jd_cell_column_text (&cells[5], stmt, 6);
  jd_cell_column_text (&cells[6], stmt, 7);
  jd_cell_column_text (&cells[7], stmt, 8);
  return TRUE;
}

static gboolean
fill_urine (JdRegisterContext *ctx, sqlite3_stmt *stmt, JdCell *cells, GError **error)
{
  jd_cell_column_day (&cells[1], stmt, 0);
  jd_cell_column_text (&cells[2], stmt, 2);
  jd_cell_column_text (&cells[3], stmt, 3);
  jd_cell_column_text (&cells[4], stmt, 4);
  jd_cell_column_enum (&cells[5], JD_ENUM_URINE_RESULT, stmt, 5);
  jd_cell_column_text (&cells[6], stmt, 6);
  jd_cell_column_text (&cells[7], stmt, 7);
  jd_cell_column_text (&cells[8], stmt, 8);
  return TRUE;
}

static gboolean
fill_visit (JdRegisterContext *ctx, sqlite3_stmt *stmt, JdCell *cells, GError **error)
{
  jd_cell_column_day (&cells[1], stmt, 0);
  jd_cell_column_enum (&cells[2], JD_ENUM_FOLLOWUP_KIND, stmt, 1);
  jd_cell_column_text (&cells[3], stmt, 2);
  jd_cell_column_text (&cells[4], stmt, 3);
  jd_cell_column_text (&cells[5], stmt, 4);
  jd_cell_column_text (&cells[6], stmt, 6);
  jd_cell_column_text (&cells[7], stmt, 7);
  jd_cell_column_text (&cells[8], stmt, 8);
  return TRUE;
}

/* ---- activities, letters, venues --------------------------------------------------------- */

#define ACTIVITY_WHERE " FROM activity a WHERE a.held_on BETWEEN ?1 AND ?2"

static gboolean
fill_activity (JdRegisterContext *ctx, sqlite3_stmt *stmt, JdCell *cells, GError **error)
{
  jd_cell_column_day (&cells[1], stmt, 0);
  if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
    jd_cell_text (&cells[2], jd_register_context_township (ctx)); /* township-wide */
  else
    jd_cell_column_text (&cells[2], stmt, 1);
  jd_cell_column_enum (&cells[3], JD_ENUM_ACTIVITY_FORM, stmt, 2);
  jd_cell_column_text (&cells[4], stmt, 3);
  jd_cell_column_text (&cells[5], stmt, 4);
  jd_cell_column_enum (&cells[6], JD_ENUM_AUDIENCE, stmt, 5);
  jd_cell_column_count (&cells[7], stmt, 6);
  jd_cell_column_count (&cells[8], stmt, 7);
  jd_cell_column_count (&cells[9], stmt, 8);
  return TRUE;
}

#define LETTER_WHERE                                                                               \
  " FROM letter l JOIN village v ON v.id = l.village_id"                                           \
  " WHERE l.signed_on BETWEEN ?1 AND ?2"

static gboolean
fill_letter (JdRegisterContext *ctx, sqlite3_stmt *stmt, JdCell *cells, GError **error)
{
  jd_cell_column_text (&cells[1], stmt, 0);
  jd_cell_column_enum (&cells[2], JD_ENUM_LETTER_LEVEL, stmt, 1);
  jd_cell_column_day (&cells[3], stmt, 2);
  jd_cell_column_text (&cells[4], stmt, 3);
  jd_cell_column_count (&cells[5], stmt, 4);
  return TRUE;
}

/* Every venue of a village that still existed in the period, with that period's inspections. */
#define VENUE_WHERE                                                                                \
  " FROM venue n JOIN village v ON v.id = n.village_id"                                            \
  " WHERE v.retired_on IS NULL OR v.retired_on >= ?1"

static const char venue_sql[]
    = "SELECT v.name, n.name, n.kind, n.address, n.manager, n.phone, n.key_spot,"
      " (SELECT count(*) FROM inspection i WHERE i.venue_id = n.id"
      "   AND i.inspected_on BETWEEN ?1 AND ?2),"
      " (SELECT count(*) FROM inspection i WHERE i.venue_id = n.id"
      "   AND i.inspected_on BETWEEN ?1 AND ?2 AND i.passed = 0),"
      " l.inspected_on, l.inspector, l.passed,"
      " (SELECT group_concat(d, char(10)) FROM (SELECT substr(i.inspected_on, 6) || ' '"
      "   || CASE i.passed WHEN 1 THEN '合格' ELSE '不合格' END"
      "   || coalesce('：' || nullif(i.finding, ''), '') AS d"
      "   FROM inspection i WHERE i.venue_id = n.id AND i.inspected_on BETWEEN ?1 AND ?2"
      "   ORDER BY i.inspected_on, i.id))"
      " , n.id FROM venue n JOIN village v ON v.id = n.village_id"
      " LEFT JOIN inspection l ON l.id = (SELECT i.id FROM inspection i WHERE i.venue_id = n.id"
      "   AND i.inspected_on BETWEEN ?1 AND ?2 ORDER BY i.inspected_on DESC, i.id DESC LIMIT 1)"
      " WHERE v.retired_on IS NULL OR v.retired_on >= ?1"
      " ORDER BY v.code, n.name";

static gboolean
fill_venue (JdRegisterContext *ctx, sqlite3_stmt *stmt, JdCell *cells, GError **error)
{
  jd_cell_column_text (&cells[1], stmt, 0);
  jd_cell_column_text (&cells[2], stmt, 1);
  jd_cell_column_enum (&cells[3], JD_ENUM_VENUE_KIND, stmt, 2);
  jd_cell_column_text (&cells[4], stmt, 3);
  jd_cell_column_text (&cells[5], stmt, 4);
  jd_cell_column_text (&cells[6], stmt, 5);
  jd_cell_column_text (&cells[7], stmt, 6);
  jd_cell_column_count (&cells[8], stmt, 7);
  jd_cell_column_count (&cells[9], stmt, 8);
  jd_cell_column_day (&cells[10], stmt, 9);
  jd_cell_column_text (&cells[11], stmt, 10);
  if (sqlite3_column_type (stmt, 11) != SQLITE_NULL)
    jd_cell_text (&cells[12], sqlite3_column_int (stmt, 11) ? "合格" : "不合格");
  jd_cell_column_text (&cells[13], stmt, 12);
  return TRUE;
}

/* ---- assessments and staff ------------------------------------------------------------- */

/* The ten standards of reference plan 001, section 三(二), in short. */
static const char *const standards[] = {
  "无失管失控吸毒人员",
  "帮教率100%，每两月谈话、尿检，无复吸",
  "辖区吸毒人员情况掌握清楚",
  "层层签订禁毒责任状，建立帮教小组",
  "无新吸毒人员滋生，无制贩种毒",
  "14类涉毒重点人员摸排到位",
  "每月开展四次以上禁毒宣传教育活动",
  "建有禁毒教育阵地",
  "网格化管理到位，禁毒台账规范完善",
  "推进移风易俗，守住禁毒“五条底线”",
};

#define ASSESSMENT_WHERE                                                                           \
  " FROM assessment a JOIN assessment_item i ON i.assessment_id = a.id"                            \
  " JOIN village v ON v.id = a.village_id WHERE a.year = ?3"

static gboolean
fill_assessment (JdRegisterContext *ctx, sqlite3_stmt *stmt, JdCell *cells, GError **error)
{
  int no = sqlite3_column_int (stmt, 3);

  jd_cell_column_text (&cells[1], stmt, 0);
  jd_cell_column_day (&cells[2], stmt, 1);
  jd_cell_column_text (&cells[3], stmt, 2);
  jd_cell_count (&cells[4], no);
  jd_cell_text (&cells[5], no >= 1 && no <= 10 ? standards[no - 1] : NULL);
  if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
    jd_cell_text (&cells[6], "人工核查");
  else
    jd_cell_text (&cells[6], sqlite3_column_int (stmt, 4) ? "达标" : "未达标");
  if (sqlite3_column_type (stmt, 5) == SQLITE_NULL)
    jd_cell_text (&cells[7], "未记录");
  else
    jd_cell_text (&cells[7], sqlite3_column_int (stmt, 5) ? "达标" : "未达标");
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    jd_cell_number (&cells[8], sqlite3_column_double (stmt, 6));
  jd_cell_column_text (&cells[9], stmt, 7);
  return TRUE;
}

/* Staff active on a day of the period. */
#define STAFF_WHERE                                                                                \
  " FROM staff s LEFT JOIN village v ON v.id = s.village_id"                                       \
  " WHERE (s.since IS NULL OR s.since <= ?2) AND (s.until IS NULL OR s.until >= ?1)"

static gboolean
fill_staff (JdRegisterContext *ctx, sqlite3_stmt *stmt, JdCell *cells, GError **error)
{
  jd_cell_column_text (&cells[1], stmt, 0);
  jd_cell_column_enum (&cells[2], JD_ENUM_STAFF_ROLE, stmt, 1);
  if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
    {
      /* The township office: 博美镇禁毒办. */
      g_free (ctx->scratch);
      ctx->scratch = g_strconcat (jd_register_context_township (ctx), "禁毒办", NULL);
      jd_cell_text (&cells[3], ctx->scratch);
    }
  else
    jd_cell_column_text (&cells[3], stmt, 2);
  jd_cell_column_text (&cells[4], stmt, 3);
  jd_cell_column_day (&cells[5], stmt, 4);
  jd_cell_column_day (&cells[6], stmt, 5);
  return TRUE;
}

/* ---- the registers read with SQL ------------------------------------------------------- */

/* The rows a register will have: what a progress bar counts. */

/* The count of each register read by one query; the follow-up registers are
 * counted together (count_followups), the indicator engine's by the engine. */
static const char *const count_sql[JD_N_REGISTERS] = {
  [JD_REGISTER_REGISTERED] = "SELECT count(*) FROM person p WHERE p.first_found_on <= ?2",
  [JD_REGISTER_HELP] = MEASURE_CTE " SELECT count(*) FROM measure",
  [JD_REGISTER_ACTIVITIES] = "SELECT count(*)" ACTIVITY_WHERE,
  [JD_REGISTER_LETTERS] = "SELECT count(*)" LETTER_WHERE,
  [JD_REGISTER_VENUES] = "SELECT count(*) FROM venue n JOIN village v ON v.id = n.village_id"
                         " WHERE (v.retired_on IS NULL OR v.retired_on >= ?1)",
  [JD_REGISTER_ASSESSMENTS] = "SELECT count(*)" ASSESSMENT_WHERE,
  [JD_REGISTER_STAFF] = "SELECT count(*)" STAFF_WHERE,
};

gint64
jd_register_count_records (JdRegisterContext *ctx, GError **error)
{
  if (count_sql[ctx->register_])
    return count_rows (ctx, count_sql[ctx->register_], error);
  return count_followups (ctx, error);
}

/* Hands every row of a register read with SQL to ctx->func, in the order of the paper form. */
gboolean
jd_register_record_rows (JdRegisterContext *ctx, GError **error)
{
  switch (ctx->register_)
    {
      case JD_REGISTER_REGISTERED:
        return registered_rows (ctx, error);
      case JD_REGISTER_HELP:
        return jd_register_stream (ctx, help_sql, fill_help, error);
      case JD_REGISTER_TALKS:
        return jd_register_stream (ctx, FOLLOWUP_SQL (TALK_KINDS), fill_talk, error);
      case JD_REGISTER_URINE:
        return jd_register_stream (ctx, FOLLOWUP_SQL (URINE_KINDS), fill_urine, error);
      case JD_REGISTER_VISITS:
        return jd_register_stream (ctx, FOLLOWUP_SQL (VISIT_KINDS), fill_visit, error);
      case JD_REGISTER_ACTIVITIES:
        return jd_register_stream (
            ctx,
            "SELECT a.held_on, v.name, a.form, a.title, a.location, a.audience,"
            " a.participants, a.materials, a.banners"
            " FROM activity a LEFT JOIN village v ON v.id = a.village_id"
            " WHERE a.held_on BETWEEN ?1 AND ?2 ORDER BY a.held_on, v.code, a.id",
            fill_activity, error);
      case JD_REGISTER_LETTERS:
        return jd_register_stream (
            ctx,
            "SELECT v.name, l.level, l.signed_on, l.party, l.copies, l.id" LETTER_WHERE
            " ORDER BY l.signed_on, v.code, l.level, l.id",
            fill_letter, error);
      case JD_REGISTER_VENUES:
        return jd_register_stream (ctx, venue_sql, fill_venue, error);
      case JD_REGISTER_ASSESSMENTS:
        return jd_register_stream (
            ctx,
            "SELECT v.name, a.assessed_on, a.assessor, i.standard_no, i.finding,"
            " i.verdict, i.points, i.note" ASSESSMENT_WHERE " ORDER BY v.code, i.standard_no",
            fill_assessment, error);
      case JD_REGISTER_STAFF:
        return jd_register_stream (
            ctx,
            "SELECT s.name, s.role, v.name, s.phone, s.since, s.until, s.id" STAFF_WHERE
            " ORDER BY v.code IS NOT NULL, v.code, s.role, s.name, s.id",
            fill_staff, error);
      default:
        g_assert_not_reached ();
    }
}

/* A deferred transaction: it reads one state of the ledger and blocks no writer (WAL). */
gboolean
jd_register_begin_snapshot (JdLedger *ledger, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), FALSE);
  if (!jd_ledger_exec (ledger, "BEGIN DEFERRED", error))
    return FALSE;
  /* The snapshot starts with the first read. */
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, "SELECT count(*) FROM township", error);
  if (stmt == NULL)
    {
      jd_ledger_rollback (ledger);
      return FALSE;
    }
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  jd_register_cache_begin (ledger);
  return TRUE;
}

JdLedger *
jd_register_share_snapshot (JdLedger *ledger)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  JdLedger *reader = jd_ledger_open_reader (ledger, NULL);
  if (reader == NULL || !jd_register_begin_snapshot (reader, NULL))
    {
      g_clear_object (&reader);
      return NULL;
    }
  if (jd_db_last_audit_row (jd_ledger_get_db (reader))
      != jd_db_last_audit_row (jd_ledger_get_db (ledger)))
    {
      jd_register_end_snapshot (reader);
      g_clear_object (&reader);
    }
  return reader;
}

void
jd_register_end_snapshot (JdLedger *ledger)
{
  g_return_if_fail (JD_IS_LEDGER (ledger));
  jd_register_cache_end (ledger);
  jd_ledger_rollback (ledger);
}

char *
jd_cell_to_text (const JdCell *cell)
{
  switch (cell->type)
    {
      case JD_CELL_TEXT:
        return g_strdup (cell->text ? cell->text : "");
      case JD_CELL_DAY:
        return cell->day ? jd_day_to_string (cell->day) : g_strdup ("");
      case JD_CELL_COUNT:
        return g_strdup_printf ("%.0f", cell->number);
      case JD_CELL_NUMBER:
        return g_strdup_printf ("%.2f", cell->number);
      case JD_CELL_RATIO:
        return g_strdup_printf ("%.1f%%", cell->number * 100);
      case JD_CELL_EMPTY:
      default:
        return g_strdup ("");
    }
}
