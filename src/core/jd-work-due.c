/* jd-work-due.c: the work due today (今日待办, docs/contract.md §4 "Work due")
 *
 * One SQL statement does it all. `cur` finds the status spans that contain
 * today and are community_detox or community_rehab (at most one a person, as
 * spans never overlap); `base` looks up, through followup(person_id, kind,
 * occurred_on) and the person-first indexes of help_member and agreement, the
 * last talk, urine test and home visit up to today, whether a help-group member
 * is active today and whether an agreement was signed since S; `items` turns
 * each person into up to six due dates, of which the statement keeps those
 * inside the window and sorts them. Dates are ISO text, so that max(), min()
 * and comparisons on them are date comparisons.
 *
 * Intervals are calendar months (每两个月谈话、尿检, 一月一家访): "L + n months"
 * keeps the day of the month, or takes the month's last day when it has none
 * (2024-01-31 + 1 month = 2024-02-29), through jd_add_months (), the SQL face
 * of jd_day_add_months ().
 *
 * A missing help group is due from the day the group lapsed: S when no member
 * was active on any day since S, else the day after the last member's term
 * ended (a group that lapsed in the middle of a long measure is not as
 * overdue as the measure is old).
 *
 * At city scale (100,000 persons, 1.7–2.8 million follow-ups, 7,000–8,000
 * persons under community measures) the whole list costs 75–130 ms of CPU on a
 * busy two-core machine (tests/bench/bench-work-due.c), nearly all of it in the
 * five index look-ups a person; one person's list takes well under a
 * millisecond. The window should compute the whole list off the main thread and
 * refresh single persons with jd_work_due_list_person ().
 *
 * The village items (title_review, letters, publicity) come from two more
 * statements, each one pass over the villages with index look-ups
 * (title_event, letter and activity by village and date), and are merged into
 * the persons' order; a single person's list has none of them.
 *
 * The statutory urine schedule (GSettings urine-schedule = "statutory")
 * ----------------------------------------------------------------------
 * Let S be the start of the current span and L the later of S and the last
 * urine test (negative or positive) on or before today. The measure's year in
 * which L falls decides the interval:
 *
 *   L <  S + 1 year             (first year)   next test due L + 1 month
 *   S + 1 year <= L < S + 2 years  (second)    next test due L + 2 months
 *   L >= S + 2 years            (third, and any later year) L + 3 months
 *
 * "S + n years" keeps month and day, Feb 29 becoming Feb 28 (docs/contract.md §4,
 * jd_add_years). "L + n months" keeps the day of the month; when the target
 * month is shorter it is that month's last day (2024-01-31 + 1 month =
 * 2024-02-29; 2023-11-30 + 3 months = 2024-02-29), as the civil code counts
 * periods in months and as jd_add_months () does.
 */
#include "config.h"

#include "jd-work-due.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-ledger-private.h"
#include "jd-village-at.h"

/* The person's managing village today, ?1 (docs/contract.md §3 "move"). */
#define VILLAGE_TODAY JD_SQL_VILLAGE_AT ("p", "?1")
#include "jd-title.h"

/* ?1 today; ?2/?3/?4 the talk, urine and visit intervals in months; ?5 1 for
 * the statutory urine schedule; ?6 the last due date listed (today + 7) and ?7
 * the one for measure_ending (today + 30); ?8 the person (the per-person
 * statement only); ?9/?10/?11 the last talk, urine test and visit dates whose
 * next one is listed (the last day L with L + the interval ≤ today + 7), so
 * that jd_add_months() runs only for the rows listed; ?12 the same for the
 * statutory schedule with its shortest interval, one month. The kind numbers
 * are JdWorkKind's.
 *
 * `cur` says "+s.status" so that SQLite walks a covering index of status_span
 * in one pass (≈140,000–340,000 entries at city scale) rather than looking up
 * every community span since the ledger began through status_span(status, …);
 * and it is in person order, which that index gives for free, so that the
 * look-ups in followup(person_id, …) move forward through the index: in
 * another order they cost half as much again. */
#define WORK_DUE_SQL(PERSON_FILTER)                                                                \
  "WITH cur AS MATERIALIZED ("                                                                     \
  "  SELECT s.person_id AS pid, s.started_on AS s, s.planned_end_on AS planned_end"                \
  "  FROM status_span s"                                                                           \
  "  WHERE +s.status IN ('community_detox', 'community_rehab')"                                    \
  "    AND s.started_on <= ?1 AND (s.ended_on IS NULL OR s.ended_on >= ?1)" PERSON_FILTER          \
  "  ORDER BY s.person_id"                                                                         \
  "),"                                                                                             \
  "base AS MATERIALIZED ("                                                                         \
  "  SELECT c.pid, c.s, c.planned_end,"                                                            \
  "    max(c.s, coalesce((SELECT f.occurred_on FROM followup f"                                    \
  "       WHERE f.person_id = c.pid AND f.kind = 'talk' AND f.occurred_on <= ?1"                   \
  "       ORDER BY f.occurred_on DESC LIMIT 1), c.s)) AS talk_from,"                               \
  "    max(c.s, coalesce((SELECT f.occurred_on FROM followup f"                                    \
  "       WHERE f.person_id = c.pid AND f.kind = 'urine_test' AND f.occurred_on <= ?1"             \
  "         AND f.result IN ('negative', 'positive')"                                              \
  "       ORDER BY f.occurred_on DESC LIMIT 1), c.s)) AS urine_from,"                              \
  "    max(c.s, coalesce((SELECT f.occurred_on FROM followup f"                                    \
  "       WHERE f.person_id = c.pid AND f.kind = 'home_visit' AND f.occurred_on <= ?1"             \
  "       ORDER BY f.occurred_on DESC LIMIT 1), c.s)) AS visit_from,"                              \
  "    EXISTS (SELECT 1 FROM help_member m WHERE m.person_id = c.pid"                              \
  "       AND m.since <= ?1 AND (m.until IS NULL OR m.until >= ?1)) AS has_member,"                \
  "    EXISTS (SELECT 1 FROM agreement a WHERE a.person_id = c.pid"                                \
  "       AND a.signed_on >= c.s AND a.signed_on <= ?1) AS has_agreement"                          \
  "  FROM cur c"                                                                                   \
  "),"                                                                                             \
  "statutory AS ("                                                                                 \
  "  SELECT pid, urine_from AS l,"                                                                 \
  "    CASE WHEN urine_from < jd_add_years(s, 1) THEN 1"                                           \
  "         WHEN urine_from < jd_add_years(s, 2) THEN 2 ELSE 3 END AS months"                      \
  "  FROM base WHERE ?5 = 1 AND urine_from <= ?12"                                                 \
  "),"                                                                                             \
  "items AS ("                                                                                     \
  "  SELECT pid, 0 AS kind, jd_add_months(talk_from, ?2) AS due FROM base WHERE talk_from <= ?9"   \
  "  UNION ALL"                                                                                    \
  "  SELECT pid, 1, jd_add_months(urine_from, ?3) FROM base WHERE ?5 = 0 AND urine_from <= ?10"    \
  "  UNION ALL"                                                                                    \
  "  SELECT pid, 1, jd_add_months(l, months) FROM statutory"                                       \
  "  UNION ALL"                                                                                    \
  "  SELECT pid, 2, jd_add_months(visit_from, ?4) FROM base WHERE visit_from <= ?11"               \
  "  UNION ALL"                                                                                    \
  "  SELECT pid, 3, planned_end FROM base WHERE planned_end <= ?7"                                 \
  "  UNION ALL"                                                                                    \
  "  SELECT pid, 4, max(s, coalesce((SELECT date(max(m.until), '+1 day') FROM help_member m"       \
  "       WHERE m.person_id = base.pid AND m.since <= ?1), s))"                                    \
  "  FROM base WHERE NOT has_member"                                                               \
  "  UNION ALL"                                                                                    \
  "  SELECT pid, 5, s FROM base WHERE NOT has_agreement"                                           \
  ")"                                                                                              \
  "SELECT i.pid, p.id_number, p.name, v.code, v.name, i.kind, i.due"                               \
  " FROM items i JOIN person p ON p.id = i.pid"                                                    \
  " JOIN village v ON v.id = " VILLAGE_TODAY                                                       \
  " WHERE i.due <= CASE WHEN i.kind = 3 THEN ?7 ELSE ?6 END"                                       \
  " ORDER BY i.due, v.code, p.id_number, i.kind"

/* The village items but the title review, for the villages not retired on
 * ?1 (today): letters, when the earlier of the two levels' due dates falls
 * by ?3 (today + 30), each level's through letter(village_id, signed_on); and
 * publicity, when ?4 is 1 (today is within ten days of the month's end, ?5),
 * for a village with fewer than ?6 activities from ?7 (the month's first day)
 * to today, through activity(village_id, held_on). ?2 is 1 January. One pass
 * over the villages a kind, a few index look-ups a village: each level's last
 * letter walks letter(village_id, signed_on) back from today to the first of
 * that level, and `letters` is materialized so that it is done once. Township-wide
 * activities (no village) count for no village. The kind numbers are
 * JdWorkKind's. */
#define VILLAGE_LETTER_DUE(LEVEL)                                                                  \
  "coalesce((SELECT jd_add_years(l.signed_on, 1) FROM letter l"                                    \
  "  WHERE l.village_id = v.id AND l.level = '" LEVEL "' AND l.signed_on <= ?1"                    \
  "  ORDER BY l.signed_on DESC LIMIT 1), ?2)"
#define VILLAGE_GROUP_DUE VILLAGE_LETTER_DUE ("village_group")
#define VILLAGE_HOUSEHOLD_DUE VILLAGE_LETTER_DUE ("village_household")
static const char village_sql[]
    = "WITH open_village AS ("
      "  SELECT id, code, name FROM village WHERE retired_on IS NULL OR retired_on > ?1"
      "),"
      "letters AS MATERIALIZED ("
      "  SELECT v.code, v.name, 7 AS kind,"
      "    min(" VILLAGE_GROUP_DUE ", " VILLAGE_HOUSEHOLD_DUE ") AS due"
      "  FROM open_village v"
      ")"
      "SELECT code, name, kind, due FROM letters WHERE due <= ?3"
      " UNION ALL "
      "SELECT v.code, v.name, 8, ?5 FROM open_village v"
      " WHERE ?4 = 1 AND (SELECT count(*) FROM activity a"
      "   WHERE a.village_id = v.id AND a.held_on >= ?7 AND a.held_on <= ?1) < ?6";

/* The title events up to ?1 (today) of the villages not retired, village by
 * village in date order, through title_event(village_id, occurred_on). */
static const char title_sql[]
    = "SELECT v.id, v.code, v.name, t.event, t.occurred_on"
      " FROM village v JOIN title_event t ON t.village_id = v.id"
      " WHERE (v.retired_on IS NULL OR v.retired_on > ?1) AND t.occurred_on <= ?1"
      " ORDER BY v.id, t.occurred_on, t.id";

static const char all_sql[] = WORK_DUE_SQL ("");
static const char person_sql[] = WORK_DUE_SQL (" AND s.person_id = ?8");

/* ---- items and kinds ------------------------------------------------------------- */

JdWorkItem *
jd_work_item_copy (const JdWorkItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);
  JdWorkItem *copy = g_new (JdWorkItem, 1);
  *copy = *item;
  copy->id_number = g_strdup (item->id_number);
  copy->name = g_strdup (item->name);
  copy->village_code = g_strdup (item->village_code);
  copy->village_name = g_strdup (item->village_name);
  return copy;
}

void
jd_work_item_free (JdWorkItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id_number);
  g_free (item->name);
  g_free (item->village_code);
  g_free (item->village_name);
  g_free (item);
}

G_DEFINE_BOXED_TYPE (JdWorkItem, jd_work_item, jd_work_item_copy, jd_work_item_free)

gboolean
jd_work_item_is_overdue (const JdWorkItem *item)
{
  g_return_val_if_fail (item != NULL, FALSE);
  return item->overdue_days > 0;
}

static const JdEnumValue *
work_kind_value (JdWorkKind kind)
{
  guint n_values;
  const JdEnumValue *values = jd_enum_values (JD_ENUM_WORK_KIND, &n_values);
  g_assert (n_values == JD_N_WORK_KINDS);
  return &values[kind];
}

/* "talk", "urine_test", …: the keys of JD_ENUM_WORK_KIND and of `jindu todo --json`. */
const char *
jd_work_kind_key (JdWorkKind kind)
{
  g_return_val_if_fail (kind < JD_N_WORK_KINDS, NULL);
  return work_kind_value (kind)->key;
}

/* The interface label in the user's language. */
const char *
jd_work_kind_label (JdWorkKind kind)
{
  g_return_val_if_fail (kind < JD_N_WORK_KINDS, NULL);
  return _ (work_kind_value (kind)->label);
}

gboolean
jd_work_kind_from_key (const char *key, JdWorkKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);
  const char *found = jd_enum_find (JD_ENUM_WORK_KIND, key);
  for (guint i = 0; found && i < JD_N_WORK_KINDS; i++)
    if (g_str_equal (found, jd_work_kind_key (i)))
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/* ---- options ------------------------------------------------------------------------- */

/* The defaults of docs/contract.md §4: talks and urine tests every two months, visits
 * every month, as of today. */
void
jd_work_due_options_init (JdWorkDueOptions *options)
{
  g_return_if_fail (options != NULL);
  *options = (JdWorkDueOptions){
    .today = 0,
    .talk_months = JD_WORK_DUE_TALK_MONTHS,
    .urine_months = JD_WORK_DUE_URINE_MONTHS,
    .visit_months = JD_WORK_DUE_VISIT_MONTHS,
    .urine_schedule = JD_URINE_SCHEDULE_INTERVAL,
  };
}

/* The preferences of io.github.jindu.Ledger: talk-interval-months,
 * urine-interval-months, visit-interval-months and urine-schedule. */
void
jd_work_due_options_load (JdWorkDueOptions *options, GSettings *settings)
{
  g_return_if_fail (options != NULL);
  g_return_if_fail (G_IS_SETTINGS (settings));
  options->talk_months = g_settings_get_int (settings, "talk-interval-months");
  options->urine_months = g_settings_get_int (settings, "urine-interval-months");
  options->visit_months = g_settings_get_int (settings, "visit-interval-months");
  g_autofree char *schedule = g_settings_get_string (settings, "urine-schedule");
  options->urine_schedule = g_strcmp0 (schedule, "statutory") == 0 ? JD_URINE_SCHEDULE_STATUTORY
                                                                   : JD_URINE_SCHEDULE_INTERVAL;
}

/* An interval of 0 or less (an unset field) is the default; more than a
 * hundred years is a hundred years. */
static int
interval (int months, int fallback)
{
  return months > 0 ? MIN (months, 1200) : fallback;
}

/* Between 0001-01-01 and 9999-12-31 (four-digit years compare as text), whatever
 * --today says. */
static JdDay
days_after (JdDay day, int days)
{
  return MIN (day + days, jd_day_new (9999, 12, 31));
}

/* The last day u with u + months ≤ day (adding months never goes backwards),
 * or the first day a ledger holds when there is none. */
static JdDay
last_day_months_before (JdDay day, int months)
{
  JdDay first = jd_day_new (1, 1, 1);
  JdDay u = jd_day_add_months (day, -months);
  while (jd_day_add_months (u + 1, months) <= day)
    u++;
  while (u > first && jd_day_add_months (u, months) > day)
    u--;
  return u;
}

/* ---- the query ---------------------------------------------------------------------- */

static GPtrArray *
run_query (JdLedger *ledger,
           const char *sql,
           gint64 person_id,
           const JdWorkDueOptions *options,
           GError **error)
{
  JdWorkDueOptions defaults;
  if (options == NULL)
    {
      jd_work_due_options_init (&defaults);
      options = &defaults;
    }
  JdDay today = options->today ? options->today : jd_today ();
  int talk = interval (options->talk_months, JD_WORK_DUE_TALK_MONTHS);
  int urine = interval (options->urine_months, JD_WORK_DUE_URINE_MONTHS);
  int visit = interval (options->visit_months, JD_WORK_DUE_VISIT_MONTHS);

  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, error);
  if (stmt == NULL)
    return NULL;
  jd_bind_day (stmt, 1, today);
  sqlite3_bind_int (stmt, 2, talk);
  sqlite3_bind_int (stmt, 3, urine);
  sqlite3_bind_int (stmt, 4, visit);
  sqlite3_bind_int (stmt, 5, options->urine_schedule == JD_URINE_SCHEDULE_STATUTORY);
  JdDay last_listed = days_after (today, JD_WORK_DUE_SOON_DAYS);
  jd_bind_day (stmt, 6, last_listed);
  jd_bind_day (stmt, 7, days_after (today, JD_WORK_DUE_MEASURE_SOON_DAYS));
  if (person_id != 0)
    sqlite3_bind_int64 (stmt, 8, person_id);
  jd_bind_day (stmt, 9, last_day_months_before (last_listed, talk));
  jd_bind_day (stmt, 10, last_day_months_before (last_listed, urine));
  jd_bind_day (stmt, 11, last_day_months_before (last_listed, visit));
  jd_bind_day (stmt, 12, last_day_months_before (last_listed, 1));

  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_work_item_free);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdWorkItem *item = g_new0 (JdWorkItem, 1);
      item->person_id = sqlite3_column_int64 (stmt, 0);
      item->id_number = jd_column_dup (stmt, 1);
      item->name = jd_column_dup (stmt, 2);
      item->village_code = jd_column_dup (stmt, 3);
      item->village_name = jd_column_dup (stmt, 4);
      item->kind = sqlite3_column_int (stmt, 5);
      item->due_on = jd_column_day (stmt, 6);
      g_assert (item->kind < JD_N_WORK_KINDS && item->due_on != 0);
      item->overdue_days = (int)((gint64)today - (gint64)item->due_on);
      g_ptr_array_add (items, item);
    }
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&items);
}

/* ---- the village items ------------------------------------------------------------ */

static void
add_village_item (GPtrArray *items,
                  const char *code,
                  const char *name,
                  JdWorkKind kind,
                  JdDay due_on,
                  JdDay today)
{
  JdWorkItem *item = g_new0 (JdWorkItem, 1);
  item->village_code = g_strdup (code);
  item->village_name = g_strdup (name);
  item->kind = kind;
  item->due_on = due_on;
  item->overdue_days = (int)((gint64)today - (gint64)due_on);
  g_ptr_array_add (items, item);
}

/* A village holding the title today is due for review (复核) a year after it
 * was last named or reviewed (docs/contract.md §3 "Title rules", §4 "Work
 * due"), listed from 30 days before. The events are walked as
 * jd_village_title_at () does, one pass over all villages: an impossible step
 * that slipped into the file is passed over. */
static gboolean
add_title_reviews (JdLedger *ledger, JdDay today, GPtrArray *items, GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, title_sql, error);
  if (stmt == NULL)
    return FALSE;
  jd_bind_day (stmt, 1, today);
  JdDay last_listed = days_after (today, JD_WORK_DUE_VILLAGE_SOON_DAYS);

  gint64 village = 0;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  JdTitleState state;
  JdDay kept_on = 0; /* the last named or reviewed day */
  int rc;
  jd_title_state_init (&state);
  for (;;)
    {
      rc = sqlite3_step (stmt);
      gint64 id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      if (village != 0 && id != village && jd_title_holds (&state) && kept_on != 0)
        {
          JdDay due = jd_day_add_years (kept_on, 1);
          if (due <= last_listed)
            add_village_item (items, code, name, JD_WORK_TITLE_REVIEW, due, today);
        }
      if (rc != SQLITE_ROW)
        break;
      if (id != village)
        {
          village = id;
          g_free (code);
          g_free (name);
          code = jd_column_dup (stmt, 1);
          name = jd_column_dup (stmt, 2);
          jd_title_state_init (&state);
          kept_on = 0;
        }
      const char *event = (const char *)sqlite3_column_text (stmt, 3);
      JdDay day = jd_column_day (stmt, 4);
      if (jd_title_apply (&state, event, day, NULL)
          && (g_strcmp0 (event, "named") == 0 || g_strcmp0 (event, "reviewed") == 0))
        kept_on = day;
    }
  if (rc != SQLITE_DONE)
    jd_ledger_set_error (ledger, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* Letters (责任书) and publicity (宣传活动不足) of docs/contract.md §4 "Work due". */
static gboolean
add_letters_and_publicity (JdLedger *ledger, JdDay today, GPtrArray *items, GError **error)
{
  int year = jd_day_year (today), month = jd_day_month (today);
  JdDay month_first = jd_day_new (year, month, 1);
  JdDay month_last = jd_day_add_months (month_first, 1) - 1;
  if (year == 9999 && month == 12)
    month_last = jd_day_new (9999, 12, 31);

  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, village_sql, error);
  if (stmt == NULL)
    return FALSE;
  jd_bind_day (stmt, 1, today);
  jd_bind_day (stmt, 2, jd_day_new (year, 1, 1));
  jd_bind_day (stmt, 3, days_after (today, JD_WORK_DUE_VILLAGE_SOON_DAYS));
  sqlite3_bind_int (stmt, 4, days_after (today, JD_WORK_DUE_PUBLICITY_SOON_DAYS) >= month_last);
  jd_bind_day (stmt, 5, month_last);
  sqlite3_bind_int (stmt, 6, JD_WORK_DUE_PUBLICITY_MIN);
  jd_bind_day (stmt, 7, month_first);

  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *code = jd_column_dup (stmt, 0);
      g_autofree char *name = jd_column_dup (stmt, 1);
      JdWorkKind kind = sqlite3_column_int (stmt, 2);
      JdDay due = jd_column_day (stmt, 3);
      g_assert (kind < JD_N_WORK_KINDS);
      if (due != 0)
        add_village_item (items, code, name, kind, due, today);
    }
  if (rc != SQLITE_DONE)
    jd_ledger_set_error (ledger, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* The order of the person statement: due date, village code, ID number (a
 * village's own items, which have none, first), kind. */
static int
compare_items (gconstpointer a, gconstpointer b)
{
  const JdWorkItem *x = *(const JdWorkItem *const *)a;
  const JdWorkItem *y = *(const JdWorkItem *const *)b;
  if (x->due_on != y->due_on)
    return x->due_on < y->due_on ? -1 : 1;
  int c = g_strcmp0 (x->village_code, y->village_code);
  if (c == 0)
    c = g_strcmp0 (x->id_number, y->id_number);
  if (c == 0)
    c = (int)x->kind - (int)y->kind;
  return c;
}

GPtrArray *
jd_work_due_list (JdLedger *ledger, const JdWorkDueOptions *options, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_autoptr (GPtrArray) items = run_query (ledger, all_sql, 0, options, error);
  if (items == NULL)
    return NULL;
  JdDay today = options && options->today ? options->today : jd_today ();
  guint n_persons = items->len;
  if (!add_title_reviews (ledger, today, items, error)
      || !add_letters_and_publicity (ledger, today, items, error))
    return NULL;
  if (items->len > n_persons)
    g_ptr_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}

GPtrArray *
jd_work_due_list_person (JdLedger *ledger,
                         gint64 person_id,
                         const JdWorkDueOptions *options,
                         GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (person_id > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return run_query (ledger, person_sql, person_id, options, error);
}

/* Counts the items of each kind, overdue and due soon. */
void
jd_work_due_tally (GPtrArray *items, JdWorkCount counts[JD_N_WORK_KINDS])
{
  g_return_if_fail (items != NULL);
  g_return_if_fail (counts != NULL);
  memset (counts, 0, sizeof (JdWorkCount) * JD_N_WORK_KINDS);
  for (guint i = 0; i < items->len; i++)
    {
      const JdWorkItem *item = g_ptr_array_index (items, i);
      if (jd_work_item_is_overdue (item))
        counts[item->kind].overdue++;
      else
        counts[item->kind].due_soon++;
    }
}

gboolean
jd_work_due_counts (JdLedger *ledger,
                    const JdWorkDueOptions *options,
                    JdWorkCount counts[JD_N_WORK_KINDS],
                    GError **error)
{
  g_return_val_if_fail (counts != NULL, FALSE);
  g_autoptr (GPtrArray) items = jd_work_due_list (ledger, options, error);
  if (items == NULL)
    return FALSE;
  jd_work_due_tally (items, counts);
  return TRUE;
}
