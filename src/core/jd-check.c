/* jd-check.c: is the ledger file sound, and is its data consistent? (jindu check)
 *
 * Every data-quality check is one SQL statement read row by row, so a city
 * ledger (100,000 persons, 2,000,000 follow-ups) is checked in constant memory
 * apart from the findings kept. The ID numbers are checked in C with the same
 * validator the forms and the import use, one row at a time.
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "jd-check.h"

#include <glib/gi18n-lib.h>

#include "jd-audit-seal.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-id-number.h"
#include "jd-ledger-private.h"
#include "jd-village-at.h"

/* How often a long scan looks at the cancellable. */
#define CANCEL_EVERY 4096

static const struct
{
  const char *key;
  const char *label;
} categories[JD_N_CHECK_CATEGORIES] = {
  [JD_CHECK_ID_NUMBER] = { "invalid_id_number", N_ ("Invalid ID numbers") },
  [JD_CHECK_RETIRED_VILLAGE] = { "retired_village", N_ ("Persons managed by a retired village") },
  [JD_CHECK_NO_STATUS] = { "no_status", N_ ("Persons with no status") },
  [JD_CHECK_OVERLAP] = { "overlapping_status", N_ ("Overlapping status periods") },
  [JD_CHECK_OPEN_SPANS] = { "open_status", N_ ("Persons with more than one open status") },
  [JD_CHECK_FOLLOWUP_OUTSIDE]
  = { "followup_outside_measure", N_ ("Follow-ups outside a community measure") },
  [JD_CHECK_BROKEN_REFERENCE] = { "broken_reference", N_ ("References to missing rows") },
  [JD_CHECK_MOVE_DATE] = { "move_date", N_ ("Moves dated outside the person’s record") },
  [JD_CHECK_AUDIT_ROWS] = { "audit_rows", N_ ("Audit log entries removed, changed or not sealed") },
  [JD_CHECK_AUDIT_TRIGGERS] = { "audit_triggers", N_ ("Audit triggers missing, altered or added") },
};

const char *
jd_check_category_key (JdCheckCategory category)
{
  g_return_val_if_fail (category < JD_N_CHECK_CATEGORIES, NULL);
  return categories[category].key;
}

const char *
jd_check_category_label (JdCheckCategory category)
{
  g_return_val_if_fail (category < JD_N_CHECK_CATEGORIES, NULL);
  return _ (categories[category].label);
}

/* ---- findings and the report ------------------------------------------------ */

JdCheckFinding *
jd_check_finding_copy (const JdCheckFinding *finding)
{
  g_return_val_if_fail (finding != NULL, NULL);
  JdCheckFinding *copy = g_new (JdCheckFinding, 1);
  *copy = *finding;
  copy->id_number = g_strdup (finding->id_number);
  copy->name = g_strdup (finding->name);
  copy->table = g_strdup (finding->table);
  copy->message = g_strdup (finding->message);
  return copy;
}

void
jd_check_finding_free (JdCheckFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->id_number);
  g_free (finding->name);
  g_free (finding->table);
  g_free (finding->message);
  g_free (finding);
}

G_DEFINE_BOXED_TYPE (JdCheckFinding, jd_check_finding, jd_check_finding_copy, jd_check_finding_free)

void
jd_check_report_free (JdCheckReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->integrity, g_ptr_array_unref);
  g_clear_pointer (&report->findings, g_ptr_array_unref);
  g_free (report);
}

/* Sound: SQLite found nothing wrong with the file (findings are warnings). */
gboolean
jd_check_report_is_sound (const JdCheckReport *report)
{
  g_return_val_if_fail (report != NULL, FALSE);
  return report->integrity->len == 0;
}

guint
jd_check_report_n_audit_findings (const JdCheckReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->counts[JD_CHECK_AUDIT_ROWS] + report->counts[JD_CHECK_AUDIT_TRIGGERS];
}

gboolean
jd_check_report_audit_intact (const JdCheckReport *report)
{
  g_return_val_if_fail (report != NULL, FALSE);
  return report->data_checked && jd_check_report_n_audit_findings (report) == 0;
}

guint
jd_check_report_n_findings (const JdCheckReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  guint n = 0;
  for (guint i = 0; i < JD_N_CHECK_CATEGORIES; i++)
    n += report->counts[i];
  return n;
}

/* ---- collecting ------------------------------------------------------------------- */

typedef struct
{
  JdLedger *ledger;
  JdCheckReport *report;
  guint limit;
  GCancellable *cancellable;
} Check;

/* Counts a finding; TRUE when it is also to be kept (then call keep ()). */
static gboolean
count (Check *check, JdCheckCategory category)
{
  guint n = check->report->counts[category]++;
  return check->limit == 0 || n < check->limit;
}

/* Keeps a finding about the person in columns 0–2 (id, id_number, name). */
static void
keep (Check *check,
      JdCheckCategory category,
      sqlite3_stmt *stmt,
      const char *table,
      gint64 row_id,
      char *message)
{
  JdCheckFinding *finding = g_new0 (JdCheckFinding, 1);
  finding->category = category;
  if (stmt)
    {
      finding->person_id = sqlite3_column_int64 (stmt, 0);
      finding->id_number = jd_column_dup (stmt, 1);
      finding->name = jd_column_dup (stmt, 2);
    }
  finding->table = g_strdup (table);
  finding->row_id = row_id;
  finding->message = message;
  g_ptr_array_add (check->report->findings, finding);
}

static const char *
text (sqlite3_stmt *stmt, int column)
{
  const char *value = (const char *)sqlite3_column_text (stmt, column);
  return value ? value : "";
}

/* A status period as "Community detox 2020-01-01 – 2020-06-30" or "… – open". */
static char *
describe_span (sqlite3_stmt *stmt, int column)
{
  const char *ended_on = (const char *)sqlite3_column_text (stmt, column + 2);
  return g_strdup_printf ("%s %s – %s", jd_enum_label (JD_ENUM_STATUS, text (stmt, column)),
                          text (stmt, column + 1), ended_on ? ended_on : _ ("open"));
}

typedef void (*RowFunc) (Check *check, sqlite3_stmt *stmt);

/* Runs one check's statement to its end, handing each row to `row`. */
static gboolean
scan (Check *check, const char *sql, RowFunc row, GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (check->ledger, sql, error);
  if (stmt == NULL)
    return FALSE;

  int rc;
  guint64 n = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      row (check, stmt);
      if (++n % CANCEL_EVERY == 0 && g_cancellable_is_cancelled (check->cancellable))
        break;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      jd_ledger_set_error (check->ledger, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return !g_cancellable_set_error_if_cancelled (check->cancellable, error);
}

/* ---- the checks ------------------------------------------------------------------------ */

/* The schema only checks the length: a file written by another tool may hold
 * any 18 characters. */
static void
id_number_row (Check *check, sqlite3_stmt *stmt)
{
  const char *id_number = text (stmt, 1);
  g_autoptr (GError) invalid = NULL;
  g_autofree char *normalized = NULL;
  char *message = NULL;

  if (!jd_id_number_validate (id_number, &normalized, &invalid))
    message = g_strdup (invalid->message);
  else if (!g_str_equal (normalized, id_number))
    /* A lower-case x: the look-ups by ID number would not find the person. */
    message = g_strdup_printf (_ ("The ID number is stored as %s; it should be %s"), id_number,
                               normalized);
  else
    return;

  if (count (check, JD_CHECK_ID_NUMBER))
    keep (check, JD_CHECK_ID_NUMBER, stmt, "person", sqlite3_column_int64 (stmt, 0), message);
  else
    g_free (message);
}

static void
retired_village_row (Check *check, sqlite3_stmt *stmt)
{
  if (count (check, JD_CHECK_RETIRED_VILLAGE))
    keep (check, JD_CHECK_RETIRED_VILLAGE, stmt, "person", sqlite3_column_int64 (stmt, 0),
          g_strdup_printf (_ ("Managed by %s (%s), which was retired on %s"), text (stmt, 3),
                           text (stmt, 4), text (stmt, 5)));
}

static void
no_status_row (Check *check, sqlite3_stmt *stmt)
{
  if (count (check, JD_CHECK_NO_STATUS))
    keep (check, JD_CHECK_NO_STATUS, stmt, "person", sqlite3_column_int64 (stmt, 0),
          g_strdup (_ ("No status is recorded: the person counts as at large every day")));
}

static void
overlap_row (Check *check, sqlite3_stmt *stmt)
{
  if (!count (check, JD_CHECK_OVERLAP))
    return;
  g_autofree char *first = describe_span (stmt, 3);
  g_autofree char *second = describe_span (stmt, 7);
  keep (check, JD_CHECK_OVERLAP, stmt, "status_span", sqlite3_column_int64 (stmt, 6),
        g_strdup_printf (_ ("Status periods overlap: %s and %s"), first, second));
}

static void
open_spans_row (Check *check, sqlite3_stmt *stmt)
{
  if (!count (check, JD_CHECK_OPEN_SPANS))
    return;
  int n = sqlite3_column_int (stmt, 3);
  keep (check, JD_CHECK_OPEN_SPANS, stmt, "status_span", sqlite3_column_int64 (stmt, 5),
        g_strdup_printf (ngettext ("%d status period is open (started %s); only the latest "
                                   "should be",
                                   "%d status periods are open (started %s); only the latest "
                                   "should be",
                                   n),
                         n, text (stmt, 4)));
}

static void
followup_row (Check *check, sqlite3_stmt *stmt)
{
  if (!count (check, JD_CHECK_FOLLOWUP_OUTSIDE))
    return;
  keep (check, JD_CHECK_FOLLOWUP_OUTSIDE, stmt, "followup", sqlite3_column_int64 (stmt, 3),
        g_strdup_printf (_ ("%s on %s is outside every community detox or community "
                            "rehabilitation period"),
                         jd_enum_label (JD_ENUM_FOLLOWUP_KIND, text (stmt, 4)), text (stmt, 5)));
}

/* PRAGMA foreign_key_check: table, rowid, parent, fkid. A person whose
 * managing village is missing is named; the rows of a missing person cannot be. */
static void
broken_reference_row (Check *check, sqlite3_stmt *stmt)
{
  if (!count (check, JD_CHECK_BROKEN_REFERENCE))
    return;
  const char *table = text (stmt, 0);
  gint64 row_id = sqlite3_column_int64 (stmt, 1);
  char *message = g_strdup_printf (_ ("Row %" PRId64 " of “%s” refers to a row of "
                                      "“%s” that does not exist"),
                                   row_id, table, text (stmt, 2));
  JdCheckFinding *finding = NULL;

  keep (check, JD_CHECK_BROKEN_REFERENCE, NULL, table, row_id, message);
  finding = g_ptr_array_index (check->report->findings, check->report->findings->len - 1);
  if (g_str_equal (table, "person"))
    {
      sqlite3_stmt *person = jd_ledger_prepare (
          check->ledger, "SELECT id, id_number, name FROM person WHERE id = ?", NULL);
      if (person == NULL)
        return;
      sqlite3_bind_int64 (person, 1, row_id);
      if (sqlite3_step (person) == SQLITE_ROW)
        {
          finding->person_id = sqlite3_column_int64 (person, 0);
          finding->id_number = jd_column_dup (person, 1);
          finding->name = jd_column_dup (person, 2);
        }
      sqlite3_reset (person);
    }
}

/* The village that manages a person now: after their last move (moves are never
 * dated after today). */
#define VILLAGE_NOW JD_SQL_VILLAGE_AT ("p", "'9999-12-31'")

/* A move against the write rules of docs/contract.md §3: columns 3–6 are the
 * move's id, its day, the first-found date and the death (NULL: none). The
 * moves are few, so each is judged here. */
static void
move_date_row (Check *check, sqlite3_stmt *stmt)
{
  JdDay day = jd_column_day (stmt, 4), found = jd_column_day (stmt, 5);
  JdDay death = jd_column_day (stmt, 6);
  const char *why = NULL;
  if (day < jd_day_new (1950, 1, 1))
    why = _ ("before 1950");
  else if (day > jd_today ())
    why = _ ("after today");
  else if (day < found)
    why = _ ("before the person’s first-found date");
  else if (death != 0 && day > death)
    why = _ ("after the person’s death");
  if (why == NULL || !count (check, JD_CHECK_MOVE_DATE))
    return;
  /* TRANSLATORS: "Move to 东村 on 2031-01-01: after today" */
  keep (check, JD_CHECK_MOVE_DATE, stmt, "move", sqlite3_column_int64 (stmt, 3),
        g_strdup_printf (_ ("Move to %s on %s: %s"), text (stmt, 7), text (stmt, 4), why));
}

static const struct
{
  const char *sql;
  RowFunc row;
} checks[] = {
  { "SELECT id, id_number, name FROM person ORDER BY id_number", id_number_row },
  { "SELECT p.id, p.id_number, p.name, v.name, v.code, v.retired_on"
    " FROM person p JOIN village v ON v.id = " VILLAGE_NOW
    " WHERE v.retired_on IS NOT NULL ORDER BY p.id_number",
    retired_village_row },
  { "SELECT p.id, p.id_number, p.name FROM person p"
    " WHERE NOT EXISTS (SELECT 1 FROM status_span s WHERE s.person_id = p.id)"
    " ORDER BY p.id_number",
    no_status_row },
  /* Each overlapping pair once, the earlier-written span first. */
  { "SELECT p.id, p.id_number, p.name,"
    " a.status, a.started_on, a.ended_on, b.id, b.status, b.started_on, b.ended_on"
    " FROM status_span a"
    " JOIN status_span b ON b.person_id = a.person_id AND b.id > a.id"
    "  AND b.started_on <= coalesce(a.ended_on, '9999-12-31')"
    "  AND coalesce(b.ended_on, '9999-12-31') >= a.started_on"
    " JOIN person p ON p.id = a.person_id"
    " ORDER BY p.id_number, a.started_on, b.started_on",
    overlap_row },
  { "SELECT p.id, p.id_number, p.name, m.id, m.moved_on, p.first_found_on,"
    " (SELECT min(s.started_on) FROM status_span s WHERE s.person_id = p.id"
    "  AND s.status = 'deceased'), coalesce(v.name, '?')"
    " FROM move m JOIN person p ON p.id = m.person_id LEFT JOIN village v ON v.id = m.village_id"
    " ORDER BY p.id_number, m.moved_on",
    move_date_row },
  { "SELECT p.id, p.id_number, p.name, count(*), group_concat(o.started_on, ', '), max(o.id)"
    " FROM (SELECT id, person_id, started_on FROM status_span WHERE ended_on IS NULL"
    "       ORDER BY person_id, started_on) o"
    " JOIN person p ON p.id = o.person_id"
    " GROUP BY o.person_id HAVING count(*) > 1 ORDER BY p.id_number",
    open_spans_row },
  { "SELECT p.id, p.id_number, p.name, f.id, f.kind, f.occurred_on"
    " FROM followup f JOIN person p ON p.id = f.person_id"
    " WHERE (f.kind = 'talk' OR f.kind = 'urine_test' OR f.kind = 'home_visit')"
    "  AND NOT EXISTS (SELECT 1 FROM status_span s"
    "                  WHERE s.person_id = f.person_id"
    "                    AND (s.status = 'community_detox' OR s.status = 'community_rehab')"
    "                    AND s.started_on <= f.occurred_on"
    "                    AND (s.ended_on IS NULL OR s.ended_on >= f.occurred_on))"
    " ORDER BY p.id_number, f.occurred_on, f.id",
    followup_row },
  { "PRAGMA foreign_key_check", broken_reference_row },
};

/* ---- the audit log (docs/audit-log.md) ---------------------------------------------- */

static void
keep_audit (Check *check, JdCheckCategory category, const char *table, gint64 row_id, char *message)
{
  if (count (check, category))
    keep (check, category, NULL, table, row_id, message);
  else
    g_free (message);
}

static void
missing_rows (Check *check, gint64 first, gint64 last)
{
  keep_audit (check, JD_CHECK_AUDIT_ROWS, "audit_log", first,
              first == last ? g_strdup_printf (
                  _ ("Audit row %" PRId64 " was removed after it was sealed"), first)
                            : g_strdup_printf (_ ("Audit rows %" PRId64 "–%" PRId64
                                                  " were removed after they were sealed"),
                                               first, last));
}

static void
unsealed_rows (Check *check, gint64 first, gint64 last)
{
  keep_audit (check, JD_CHECK_AUDIT_ROWS, "audit_log", first,
              first == last
                  ? g_strdup_printf (_ ("Audit row %" PRId64 " was not sealed by Jindu Ledger: "
                                        "another program wrote it (or Jindu Ledger stopped "
                                        "before it could seal it)"),
                                     first)
                  : g_strdup_printf (_ ("Audit rows %" PRId64 "–%" PRId64 " were not sealed by "
                                        "Jindu Ledger: another program wrote them (or Jindu "
                                        "Ledger stopped before it could seal them)"),
                                     first, last));
}

/* The rows as they stand against the seals: every row after the first seal's
 * predecessor is chained; each seal's rows must be there, with their digests,
 * and its link must follow from the previous seal's. Each seal's segment is
 * verified from the previous seal's stored link, so one tampered segment does
 * not hide the others. */
static gboolean
check_audit_rows (Check *check, GError **error)
{
  sqlite3 *db = jd_ledger_get_db (check->ledger);
  sqlite3_stmt *rows = NULL, *seals = NULL;
  JdAuditHasher hasher;
  guint8 link[JD_AUDIT_DIGEST_SIZE] = { 0 };
  gint64 after = 0, next_seal = 1, next_row = 1;
  guint64 n = 0;
  int row_rc, rc;

  if (sqlite3_prepare_v2 (db, "SELECT " JD_AUDIT_ROW_COLUMNS " FROM audit_log ORDER BY id", -1,
                          &rows, NULL)
          != SQLITE_OK
      || sqlite3_prepare_v2 (db,
                             "SELECT id, first_row, last_row, link, digests FROM audit_seal"
                             " ORDER BY id",
                             -1, &seals, NULL)
             != SQLITE_OK)
    {
      /* A table dropped: say so, and check nothing more of the rows. */
      gboolean log_there = rows != NULL;
      sqlite3_finalize (rows);
      keep_audit (check, JD_CHECK_AUDIT_ROWS, log_there ? "audit_seal" : "audit_log", 0,
                  g_strdup (log_there ? _ ("The audit log’s seals (table audit_seal) are gone")
                                      : _ ("The audit log (table audit_log) is gone")));
      return TRUE;
    }

  jd_audit_hasher_init (&hasher);
  row_rc = sqlite3_step (rows);
  while ((rc = sqlite3_step (seals)) == SQLITE_ROW)
    {
      gint64 seal_id = sqlite3_column_int64 (seals, 0);
      gint64 first = sqlite3_column_int64 (seals, 1);
      gint64 last = sqlite3_column_int64 (seals, 2);
      const char *hex = (const char *)sqlite3_column_text (seals, 3);
      const guint8 *digests = sqlite3_column_blob (seals, 4);
      gint64 n_digests = sqlite3_column_bytes (seals, 4) / JD_AUDIT_SHORT_DIGEST;
      guint8 sealed[JD_AUDIT_DIGEST_SIZE];
      gboolean rows_differ = FALSE;

      if (seal_id != next_seal)
        keep_audit (
            check, JD_CHECK_AUDIT_ROWS, "audit_seal", next_seal,
            seal_id == next_seal + 1
                ? g_strdup_printf (_ ("Seal %" PRId64 " of the audit log was removed"), next_seal)
                : g_strdup_printf (
                    _ ("Seals %" PRId64 "–%" PRId64 " of the audit log were removed"), next_seal,
                    seal_id - 1));
      next_seal = seal_id + 1;

      gint64 unsealed_from = 0;
      while (row_rc == SQLITE_ROW && sqlite3_column_int64 (rows, 0) <= last)
        {
          gint64 id = sqlite3_column_int64 (rows, 0);
          guint8 digest[JD_AUDIT_DIGEST_SIZE];

          if (id > next_row && MAX (next_row, first) <= MIN (id - 1, last))
            {
              missing_rows (check, MAX (next_row, first), MIN (id - 1, last));
              rows_differ = TRUE;
            }
          jd_audit_row_digest (&hasher, rows, digest);
          jd_audit_link_next (&hasher, link, digest);
          if (id < first)
            {
              if (unsealed_from == 0)
                unsealed_from = id;
            }
          else
            {
              if (unsealed_from)
                unsealed_rows (check, unsealed_from, MIN (id - 1, first - 1));
              unsealed_from = 0;
              gint64 i = id - first;
              if (digests == NULL || i >= n_digests
                  || memcmp (digests + i * JD_AUDIT_SHORT_DIGEST, digest, JD_AUDIT_SHORT_DIGEST)
                         != 0)
                {
                  keep_audit (check, JD_CHECK_AUDIT_ROWS, "audit_log", id,
                              g_strdup_printf (_ ("Audit row %" PRId64 " (%s, %s of %s row %" PRId64
                                                  ") was changed after it was sealed"),
                                               id, text (rows, 1), text (rows, 6), text (rows, 3),
                                               (gint64)sqlite3_column_int64 (rows, 4)));
                  rows_differ = TRUE;
                }
            }
          next_row = id + 1;
          row_rc = sqlite3_step (rows);
          if (++n % CANCEL_EVERY == 0 && g_cancellable_is_cancelled (check->cancellable))
            break;
        }
      if (unsealed_from)
        unsealed_rows (check, unsealed_from, MIN (next_row - 1, first - 1));
      if (MAX (next_row, first) <= last)
        {
          missing_rows (check, MAX (next_row, first), last);
          rows_differ = TRUE;
        }
      if (!jd_audit_unhex (hex, sealed) || memcmp (sealed, link, sizeof link) != 0)
        {
          if (!rows_differ)
            keep_audit (check, JD_CHECK_AUDIT_ROWS, "audit_seal", seal_id,
                        g_strdup_printf (_ ("Seal %" PRId64 " (audit rows %" PRId64 "–%" PRId64
                                            ") does not follow from the rows before it: a row "
                                            "or the seal was changed"),
                                         seal_id, first, last));
          /* The next segment is checked from this seal's word. */
          if (!jd_audit_unhex (hex, link))
            memset (link, 0, sizeof link);
        }
      after = MAX (after, last);
      next_row = MAX (next_row, after + 1);
      if (g_cancellable_is_cancelled (check->cancellable))
        break;
    }
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    {
      /* What no seal covers: another program's rows. */
      gint64 from = 0, to = 0;
      while (row_rc == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (rows, 0);
          if (from && id != to + 1)
            {
              unsealed_rows (check, from, to);
              from = 0;
            }
          if (from == 0)
            from = id;
          to = id;
          row_rc = sqlite3_step (rows);
        }
      if (from)
        unsealed_rows (check, from, to);
    }
  jd_audit_hasher_clear (&hasher);
  gboolean ok
      = (rc == SQLITE_ROW || rc == SQLITE_DONE) && (row_rc == SQLITE_DONE || row_rc == SQLITE_ROW);
  if (!ok)
    jd_ledger_set_error (check->ledger, error);
  sqlite3_finalize (rows);
  sqlite3_finalize (seals);
  return ok && !g_cancellable_set_error_if_cancelled (check->cancellable, error);
}

/* Every trigger the program makes is there with its SQL, and the audit tables
 * have no other. */
static gboolean
check_audit_triggers (Check *check, GError **error)
{
  sqlite3 *db = jd_ledger_get_db (check->ledger);
  g_autoptr (GHashTable) expected = jd_db_expected_triggers (db);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt = jd_ledger_prepare (
      check->ledger,
      "SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name", error);
  if (stmt == NULL)
    return FALSE;

  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = text (stmt, 0);
      const char *table = text (stmt, 1);
      const char *want = g_hash_table_lookup (expected, name);
      if (want)
        {
          g_autofree char *have = jd_db_normalize_sql (text (stmt, 2));
          g_hash_table_add (seen, (gpointer)g_intern_string (name));
          if (!g_str_equal (have, want))
            keep_audit (check, JD_CHECK_AUDIT_TRIGGERS, table, 0,
                        g_strdup_printf (_ ("The trigger %s on %s was altered: it is not the one "
                                            "Jindu Ledger made"),
                                         name, table));
        }
      else if (jd_db_is_append_only_table (table) || g_str_has_prefix (name, "audit_"))
        keep_audit (check, JD_CHECK_AUDIT_TRIGGERS, table, 0,
                    g_strdup_printf (_ ("The trigger %s on %s is not one of Jindu Ledger’s: it "
                                        "could hide or change audit entries"),
                                     name, table));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (check->ledger, error);
      return FALSE;
    }

  g_autoptr (GPtrArray) missing = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer name;
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_hash_table_contains (seen, g_intern_string (name)))
      g_ptr_array_add (missing, name);
  g_ptr_array_sort (missing, (GCompareFunc)g_ascii_strcasecmp);
  for (guint i = 0; i < missing->len; i++)
    {
      const char *trigger = *(const char **)&missing->pdata[i];
      gboolean guard
          = g_str_has_suffix (trigger, "_no_update") || g_str_has_suffix (trigger, "_no_delete");
      keep_audit (check, JD_CHECK_AUDIT_TRIGGERS, NULL, 0,
                  g_strdup_printf (guard ? _ ("The trigger %s is missing: the audit log can be "
                                              "changed or emptied")
                                         : _ ("The audit trigger %s is missing: those changes are "
                                              "no longer recorded"),
                                   trigger));
    }
  return TRUE;
}

/* The integrity check; FALSE with error only when it could not run at all.
 * A file so damaged that the check itself fails is a finding, not an error. */
static gboolean
check_integrity (Check *check, GError **error)
{
  g_autoptr (GError) local = NULL;
  GPtrArray *problems = jd_ledger_integrity_check (check->ledger, &local);
  if (problems)
    {
      g_ptr_array_extend_and_steal (check->report->integrity, problems);
      return TRUE;
    }
  if (g_error_matches (local, JD_ERROR, JD_ERROR_DAMAGED)
      || g_error_matches (local, JD_ERROR, JD_ERROR_NOT_LEDGER))
    {
      g_ptr_array_add (check->report->integrity, g_strdup (local->message));
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

JdCheckReport *
jd_check_run (JdLedger *ledger, guint limit, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_autoptr (JdCheckReport) report = g_new0 (JdCheckReport, 1);
  report->integrity = g_ptr_array_new_with_free_func (g_free);
  report->findings = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_check_finding_free);

  Check check = { ledger, report, limit, cancellable };
  if (!check_integrity (&check, error))
    return NULL;
  if (!jd_check_report_is_sound (report))
    return g_steal_pointer (&report);

  /* One snapshot for all the checks, so a writer elsewhere cannot make them disagree. */
  if (!jd_ledger_exec (ledger, "BEGIN", error))
    return NULL;
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (checks); i++)
    ok = scan (&check, checks[i].sql, checks[i].row, error);
  ok = ok && check_audit_rows (&check, error) && check_audit_triggers (&check, error);
  jd_ledger_rollback (ledger);
  if (!ok)
    return NULL;

  report->data_checked = TRUE;
  return g_steal_pointer (&report);
}
