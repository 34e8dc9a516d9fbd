/* test-moves.c: a person's moves keep earlier years with the old village
 * (docs/contract.md §3 "move", §4, §6 kind moves), worked out by hand
 *
 * Today is 2025-06-30.
 *
 * V01 甲村 and V02 乙村.
 *   P1 王一, of 甲村, first found 2024-03-10 (a new user of 2024), community_rehab
 *      from that day, moved to 乙村 on 2024-07-01.
 *   P2 王二, of 甲村, first found 2015-01-01, missing since 2020-01-01, moved to
 *      乙村 on 2024-05-01.
 *   P3 王三, of 乙村, first found 2010-01-01, deceased since 2012-01-01.
 *   P4 王四, of 甲村, first found 2020-01-01, at large since; no move until the
 *      import tests.
 *
 * As of 2024-12-31: 甲村's persons are P4 alone, so standard 1 is met (P2, missing,
 * has left), but standard 5 is not (P1 was found while 甲村's); 乙村's are P1,
 * P2 and P3: standard 1 is not met (P2) and standard 5 is (P1 was found
 * elsewhere). As of 2024-04-30 P1 and P2 are still 甲村's: it fails 1 and 5,
 * and 乙村 (P3 alone) meets 1 and 5.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "jd-check.h"
#include "jd-date.h"
#include "jd-error.h"
#include "jd-id-number.h"
#include "jd-import.h"
#include "jd-indicators.h"
#include "jd-ledger-private.h"
#include "jd-person-query.h"
#include "jd-person.h"
#include "jd-readiness.h"
#include "jd-register-query.h"
#include "jd-store.h"
#include "jd-village-detail.h"
#include "jd-work-due.h"
#include "jd-test-ledger.h"

#define D(y, m, d) jd_day_new (y, m, d)

typedef struct
{
  JdTestLedger t; /* tests/common/jd-test-ledger.h */
  gint64 v01, v02;
  gint64 p1, p2, p3, p4;
} Fixture;

static gint64
village (Fixture *f, const char *code, const char *name)
{
  GError *error = NULL;
  gint64 id = 0;
  JdVillageRecord r = { .code = code, .name = name, .resident_population = 3000 };
  jd_test_ok (jd_store_village (f->t.ledger, &r, &id, &error), error);
  return id;
}

static JdStoreResult
move (Fixture *f, gint64 p, gint64 v, JdDay day, GError **error)
{
  JdMoveRecord r = { .person_id = p, .village_id = v, .moved_on = day };
  return jd_store_move (f->t.ledger, &r, error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  jd_test_set_today (&f->t, D (2025, 6, 30));
  jd_test_ledger_set_up (&f->t, "jd-moves-XXXXXX");
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  f->v01 = village (f, "V01", "甲村");
  f->v02 = village (f, "V02", "乙村");
  f->p1 = jd_test_add_resident (f->t.ledger, f->v01, "王一", "19850505", 1, D (2024, 3, 10),
                                "某路1号");
  jd_test_add_status (f->t.ledger, f->p1, "community_rehab", D (2024, 3, 10), 0);
  f->p2 = jd_test_add_resident (f->t.ledger, f->v01, "王二", "19850505", 2, D (2015, 1, 1),
                                "某路1号");
  jd_test_add_status (f->t.ledger, f->p2, "missing", D (2020, 1, 1), 0);
  f->p3 = jd_test_add_resident (f->t.ledger, f->v02, "王三", "19850505", 3, D (2010, 1, 1),
                                "某路1号");
  jd_test_add_status (f->t.ledger, f->p3, "deceased", D (2012, 1, 1), 0);
  f->p4 = jd_test_add_resident (f->t.ledger, f->v01, "王四", "19850505", 4, D (2020, 1, 1),
                                "某路1号");
  jd_test_add_status (f->t.ledger, f->p4, "at_large", D (2020, 1, 1), 0);
  jd_test_ok (move (f, f->p1, f->v02, D (2024, 7, 1), &error), error);
  jd_test_ok (move (f, f->p2, f->v02, D (2024, 5, 1), &error), error);
  g_assert_true (jd_ledger_commit (f->t.ledger, &error));
}

static gint64
count_moves (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = jd_ledger_prepare (f->t.ledger, "SELECT count(*) FROM move", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  gint64 n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* ---- the store's rules ------------------------------------------------------------- */

static void
refused (Fixture *f, gint64 p, gint64 v, JdDay day, const char *field, const char *words)
{
  g_autoptr (GError) error = NULL;
  gint64 before = count_moves (f);
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  g_assert_cmpint (move (f, p, v, day, &error), ==, JD_STORE_FAILED);
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, field));
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” is not in “%s”", words, error->message);
  jd_ledger_rollback (f->t.ledger);
  g_assert_cmpint (count_moves (f), ==, before);
}

static void
test_store_rules (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  /* After the death on 2012-01-01. */
  refused (f, f->p3, f->v01, D (2013, 1, 1), "moved_on: ", "after the person’s death");
  /* Before the first-found date 2024-03-10. */
  refused (f, f->p1, f->v01, D (2024, 3, 9), "moved_on: ", "first-found date");
  /* After today, before 1950. */
  refused (f, f->p4, f->v02, D (2025, 7, 1), "moved_on: ", "in the future");
  refused (f, f->p4, f->v02, D (1949, 12, 31), "moved_on: ", "before 1950");
  /* To the village the person already has that day. */
  refused (f, f->p1, f->v02, D (2024, 8, 1),
           "village: ", "managing village on 2024-08-01 is already 乙村");
  refused (f, f->p4, f->v01, D (2024, 8, 1), "village: ", "already 甲村");
  /* Another village the same day as a move. */
  refused (f, f->p1, f->v01, D (2024, 7, 1), "moved_on: ", "already moved to 乙村 on 2024-07-01");
  /* No such village, no such person. */
  refused (f, f->p1, 9999, D (2024, 8, 1), "village: ", "no such village");
  refused (f, 9999, f->v01, D (2024, 8, 1), "id_number: ", "no such person");

  /* The same move again is no change. */
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  g_assert_cmpint (move (f, f->p1, f->v02, D (2024, 7, 1), &error), ==, JD_STORE_UNCHANGED);
  g_assert_no_error (error);
  /* The day of the death itself is allowed (nothing after it). */
  g_assert_cmpint (move (f, f->p3, f->v01, D (2012, 1, 1), &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  jd_ledger_rollback (f->t.ledger);

  /* A death before a move, a first-found date after one: refused, naming it. */
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  JdStatusRecord death = { .person_id = f->p2, .status = "deceased", .started_on = D (2024, 1, 1) };
  g_assert_cmpint (jd_store_status (f->t.ledger, &death, &error), ==, JD_STORE_FAILED);
  g_assert_nonnull (strstr (error->message, "a move to another village dated 2024-05-01"));
  g_clear_error (&error);
  /* P1's status starts on the first-found date: take it away so the move is the earliest. */
  g_assert_true (
      jd_ledger_exec (f->t.ledger, "DELETE FROM status_span WHERE person_id = 1", &error));
  g_autofree char *number = jd_test_id_number ("19850505", 1);
  JdPersonRecord later = { .id_number = number,
                           .name = "王一",
                           .village_id = f->v01,
                           .residence_address = "某路1号",
                           .first_found_on = D (2024, 8, 1) };
  g_assert_cmpint (jd_store_person (f->t.ledger, &later, NULL, &error), ==, JD_STORE_FAILED);
  g_assert_nonnull (strstr (error->message, "a move to another village dated 2024-07-01"));
  g_clear_error (&error);
  jd_ledger_rollback (f->t.ledger);

  /* The person as the window reads them: the village before any move, the moves, the
   * village on a day. */
  g_autoptr (JdPerson) p1 = jd_person_load (f->t.ledger, f->p1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (p1->village_id, ==, f->v01);
  g_assert_cmpuint (p1->moves->len, ==, 1);
  JdPersonMove *m = g_ptr_array_index (p1->moves, 0);
  g_assert_cmpint (m->village_id, ==, f->v02);
  g_assert_cmpstr (m->village_name, ==, "乙村");
  g_assert_cmpint (m->moved_on, ==, D (2024, 7, 1));
  g_assert_cmpint (jd_person_village_on (p1, D (2024, 6, 30)), ==, f->v01);
  g_assert_cmpint (jd_person_village_on (p1, D (2024, 7, 1)), ==, f->v02);

  /* Deleting the move gives the person back to 甲村 for every day. */
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  g_assert_true (jd_person_delete_row (f->t.ledger, JD_PERSON_MOVE, m->id, &error));
  g_assert_true (jd_ledger_commit (f->t.ledger, &error));
  g_autoptr (JdPerson) again = jd_person_load (f->t.ledger, f->p1, &error);
  g_assert_cmpuint (again->moves->len, ==, 0);
  g_assert_cmpint (jd_person_village_on (again, D (2025, 6, 30)), ==, f->v01);
}

/* ---- readiness ----------------------------------------------------------------------- */

static const JdVillageReadiness *
find (GPtrArray *villages, const char *code)
{
  for (guint i = 0; i < villages->len; i++)
    {
      const JdVillageReadiness *r = g_ptr_array_index (villages, i);
      if (g_str_equal (r->code, code))
        return r;
    }
  g_error ("no village %s", code);
  return NULL;
}

static void
assert_finding (const JdVillageReadiness *r, int no, JdFinding met, const char *words)
{
  const JdStandardFinding *s = &r->standards[no - 1];
  if (s->met != met || (words && strstr (s->evidence, words) == NULL))
    g_error ("%s standard %d: %d “%s”, expected %d with “%s”", r->code, no, s->met, s->evidence,
             met, words ? words : "");
}

static void
test_readiness (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) year_end = jd_readiness_compute (f->t.ledger, 2024, 0, 0, &error);
  g_assert_no_error (error);
  const JdVillageReadiness *a = find (year_end, "V01"), *b = find (year_end, "V02");
  /* 甲村 at D: P4 only. P2, missing, left on 2024-05-01. */
  assert_finding (a, 1, JD_FINDING_MET, "No person is missing");
  assert_finding (a, 3, JD_FINDING_MET, "1 registered person, all known");
  /* P1 was found on 2024-03-10, while 甲村's. */
  assert_finding (a, 5, JD_FINDING_NOT_MET, "1 new user: 王一");
  assert_finding (a, 5, JD_FINDING_NOT_MET, "found 2024-03-10");
  /* 乙村 at D: P1, P2, P3. */
  assert_finding (b, 1, JD_FINDING_NOT_MET, "1 person missing: 王二");
  assert_finding (b, 3, JD_FINDING_MET, "3 registered persons, all known");
  assert_finding (b, 5, JD_FINDING_MET, "No new user in 2024");
  /* P1's measure is 乙村's now: its help is 乙村's concern. */
  assert_finding (b, 2, JD_FINDING_NOT_MET, "王一");
  g_assert_null (strstr (a->standards[1].evidence, "王一"));

  /* As of 2024-04-30 both were still 甲村's. */
  g_autoptr (GPtrArray) april
      = jd_readiness_compute (f->t.ledger, 2024, D (2024, 4, 30), 0, &error);
  g_assert_no_error (error);
  a = find (april, "V01");
  b = find (april, "V02");
  assert_finding (a, 1, JD_FINDING_NOT_MET, "王二");
  assert_finding (a, 3, JD_FINDING_MET, "3 registered persons, all known");
  assert_finding (a, 5, JD_FINDING_NOT_MET, "王一");
  assert_finding (b, 1, JD_FINDING_MET, NULL);
  assert_finding (b, 3, JD_FINDING_MET, "1 registered person, all known");
  assert_finding (b, 5, JD_FINDING_MET, NULL);

  /* A village whose only person was found this year and moved away still
   * fails standard 5: P4 leaves 甲村 for 乙村 too. */
  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  jd_test_ok (move (f, f->p4, f->v02, D (2024, 2, 1), &error), error);
  g_assert_true (jd_ledger_commit (f->t.ledger, &error));
  g_autoptr (GPtrArray) empty = jd_readiness_compute (f->t.ledger, 2024, 0, f->v01, &error);
  g_assert_no_error (error);
  a = g_ptr_array_index (empty, 0);
  assert_finding (a, 1, JD_FINDING_MET, "No person of the village was ever registered");
  assert_finding (a, 5, JD_FINDING_NOT_MET, "王一");
}

/* ---- indicators per village ------------------------------------------------------- */

static void
test_indicators (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdIndicators) ind = jd_indicators_compute (f->t.ledger, 2023, 2024, 0, &error);
  g_assert_no_error (error);
  /* 2023: 甲村 has P2 and P4, 乙村 P3. */
  const JdIndicatorValues *a = jd_indicators_find_village (ind, 0, f->v01);
  const JdIndicatorValues *b = jd_indicators_find_village (ind, 0, f->v02);
  g_assert_cmpint (a->registered, ==, 2);
  g_assert_cmpint (a->status_counts[JD_STATUS_MISSING], ==, 1);
  g_assert_cmpint (b->registered, ==, 1);
  g_assert_cmpint (b->status_counts[JD_STATUS_MISSING], ==, 0);
  /* 2024: 甲村 has P4, 乙村 P1, P2 and P3; the township the four either way. */
  a = jd_indicators_find_village (ind, 1, f->v01);
  b = jd_indicators_find_village (ind, 1, f->v02);
  g_assert_cmpint (a->registered, ==, 1);
  g_assert_cmpint (a->status_counts[JD_STATUS_MISSING], ==, 0);
  g_assert_cmpint (b->registered, ==, 3);
  g_assert_cmpint (b->status_counts[JD_STATUS_MISSING], ==, 1);
  g_assert_cmpint (b->status_counts[JD_STATUS_COMMUNITY_REHAB], ==, 1);
  g_assert_cmpint (jd_indicators_get_township (ind, 1)->registered, ==, 4);
}

/* 人户分离 compares the household village with the managing village at D
 * (docs/contract.md §4): 王一 and 王二, registered in 甲村, moved to 乙村 in 2024. */
static void
test_separated (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sql
      = g_strdup_printf ("UPDATE person SET household_village_id = %" G_GINT64_FORMAT
                         " WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                         f->v01, f->p1, f->p2);
  g_assert_true (jd_ledger_exec (f->t.ledger, sql, &error));
  g_autoptr (JdIndicators) ind = jd_indicators_compute (f->t.ledger, 2023, 2024, 0, &error);
  g_assert_no_error (error);
  /* 2023: 王二 lives where registered (王一 not yet found). */
  const JdIndicatorValues *y2023 = jd_indicators_get_township (ind, 0);
  g_assert_cmpint (y2023->separated_persons, ==, 0);
  /* 2024: both live apart from their household village; 王二 is missing, so not found. */
  const JdIndicatorValues *y2024 = jd_indicators_get_township (ind, 1);
  g_assert_cmpint (y2024->separated_persons, ==, 2);
  g_assert_cmpint (y2024->separated_found, ==, 1);
  g_assert_cmpfloat (y2024->separated_found_rate, ==, 0.5);
  /* Each counted in the village that manages them at D. */
  g_assert_cmpint (jd_indicators_find_village (ind, 1, f->v02)->separated_persons, ==, 2);
  g_assert_cmpint (jd_indicators_find_village (ind, 1, f->v01)->separated_persons, ==, 0);
}

/* ---- registers, work due, the people list, the village page ------------------------ */

typedef struct
{
  GString *out;
} Rows;

/* "王二 甲村; 王四 甲村": each row's name and managing village. */
static gboolean
person_row_cb (const JdCell *cells, guint n_cells, gpointer user_data, GError **error)
{
  Rows *rows = user_data;
  g_string_append_printf (rows->out, "%s%s %s", rows->out->len ? "; " : "", cells[1].text,
                          cells[7].text);
  return TRUE;
}

static char *
registered (Fixture *f, int year)
{
  g_autoptr (GError) error = NULL;
  Rows rows = { g_string_new (NULL) };
  JdRegisterQuery query = { .year = year };
  g_assert_cmpint (jd_register_column (JD_REGISTER_REGISTERED, "管理村(社区)"), ==, 7);
  g_assert_true (
      jd_register_rows (f->t.ledger, JD_REGISTER_REGISTERED, &query, person_row_cb, &rows, &error));
  g_assert_no_error (error);
  return g_string_free (rows.out, FALSE);
}

static void
test_registers (Fixture *f, gconstpointer data)
{
  g_autofree char *y2023 = registered (f, 2023);
  g_assert_cmpstr (y2023, ==, "王二 甲村; 王四 甲村; 王三 乙村");
  g_autofree char *y2024 = registered (f, 2024);
  g_assert_cmpstr (y2024, ==, "王四 甲村; 王三 乙村; 王二 乙村; 王一 乙村");
}

static void
test_work_due (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = jd_work_due_list (f->t.ledger, NULL, &error);
  g_assert_no_error (error);
  guint mine = 0;
  for (guint i = 0; i < items->len; i++)
    {
      JdWorkItem *item = g_ptr_array_index (items, i);
      if (item->person_id != f->p1)
        continue;
      mine++;
      g_assert_cmpstr (item->village_code, ==, "V02");
      g_assert_cmpstr (item->village_name, ==, "乙村");
    }
  g_assert_cmpuint (mine, >, 0);
}

static guint
listed (Fixture *f, gint64 village, const char *first_name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdPersonQuery) query = jd_person_query_new (f->t.ledger, NULL);
  jd_person_query_set_village (query, village);
  g_assert_true (jd_person_query_refresh (query, &error));
  g_assert_no_error (error);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (query));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JdPersonRow) row = g_list_model_get_item (G_LIST_MODEL (query), i);
      const char *name = jd_person_row_get_name (row);
      if (g_str_equal (name, "王一"))
        g_assert_cmpstr (jd_person_row_get_village_name (row), ==, "乙村");
      if (i == 0 && first_name)
        g_assert_cmpstr (name, ==, first_name);
    }
  return n;
}

static void
test_lists (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  /* Today 甲村 has P4, 乙村 P1, P2 and P3. */
  g_assert_cmpuint (listed (f, 0, NULL), ==, 4);
  g_assert_cmpuint (listed (f, f->v01, "王四"), ==, 1);
  g_assert_cmpuint (listed (f, f->v02, NULL), ==, 3);

  g_autoptr (GPtrArray) today
      = jd_village_load_persons (f->t.ledger, f->v01, D (2025, 6, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (today->len, ==, 1);
  g_autoptr (GPtrArray) april
      = jd_village_load_persons (f->t.ledger, f->v01, D (2024, 4, 30), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (april->len, ==, 3);
}

/* ---- import kind moves ------------------------------------------------------------ */

static char *
write_file (Fixture *f, const char *name, const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (f->t.dir, name, NULL);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  return path;
}

static void
test_import (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *p4 = jd_test_id_number ("19850505", 4);
  /* Out of date order: the moves of a person are stored by date, so the later
   * one back to 甲村 follows the one to 乙村. */
  g_autofree char *good_text = g_strdup_printf ("公民身份号码,管理村(社区),变更日期\n"
                                                "%s,甲村,2024/2/1\n"
                                                "%s,V02,2023年5月1日\n",
                                                p4, p4);
  g_autofree char *good = write_file (f, "moves.csv", good_text);
  for (int round = 0; round < 2; round++)
    {
      g_auto (JdImportReport) report = { 0 };
      g_assert_true (
          jd_import_file (f->t.ledger, JD_IMPORT_MOVES, good, &report, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (report.problems->len, ==, 0);
      g_assert_cmpuint (report.added, ==, round == 0 ? 2 : 0);
      g_assert_cmpuint (report.unchanged, ==, round == 0 ? 0 : 2);
      g_assert_cmpint (count_moves (f), ==, 4);
    }
  g_autoptr (JdPerson) person = jd_person_load (f->t.ledger, f->p4, &error);
  g_assert_cmpint (jd_person_village_on (person, D (2023, 4, 30)), ==, f->v01);
  g_assert_cmpint (jd_person_village_on (person, D (2023, 5, 1)), ==, f->v02);
  g_assert_cmpint (jd_person_village_on (person, D (2024, 2, 1)), ==, f->v01);

  /* Every refused row, and a good one: nothing is written. */
  g_autofree char *p1 = jd_test_id_number ("19850505", 1), *p3 = jd_test_id_number ("19850505", 3),
                  *stranger = jd_test_id_number ("19850505", 99);
  g_autofree char *bad_text = g_strdup_printf ("id_number,village,moved_on\n"
                                               "%s,甲村,2013-01-01\n"  /* after the death */
                                               "%s,甲村,2024-03-01\n"  /* before first found */
                                               "%s,乙村,2025-07-01\n"  /* after today */
                                               "%s,丙村,2024-09-01\n"  /* no such village */
                                               "%s,甲村,2024-09-01\n"  /* no such person */
                                               "%s,甲村,2024-09-01\n"  /* already 甲村's */
                                               "%s,甲村,2024-10-01\n", /* good */
                                               p3, p1, p4, p1, stranger, p4, p1);
  g_autofree char *bad = write_file (f, "moves-bad.csv", bad_text);
  g_auto (JdImportReport) report = { 0 };
  g_assert_false (
      jd_import_file (f->t.ledger, JD_IMPORT_MOVES, bad, &report, NULL, NULL, NULL, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_cmpint (count_moves (f), ==, 4);
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < report.problems->len; i++)
    {
      const JdImportProblem *problem = report.problems->pdata[i];
      g_string_append_printf (out, "%u %s\n", problem->line, problem->column);
    }
  g_autofree char *problems = g_string_free (out, FALSE);
  g_assert_cmpstr (problems, ==,
                   "2 moved_on\n"
                   "3 moved_on\n"
                   "4 moved_on\n"
                   "5 village\n"
                   "6 id_number\n"
                   "7 village\n");
  const JdImportProblem *death = report.problems->pdata[0];
  g_assert_nonnull (strstr (death->reason, "after the person’s death on 2012-01-01"));
  const JdImportProblem *same = report.problems->pdata[5];
  g_assert_nonnull (strstr (same->reason, "already 甲村"));
}

/* ---- jindu check --------------------------------------------------------------------- */

/* Moves written behind the store's back, as older data may hold them: one
 * before P4's first-found date, one after P3's death, one after today. */
static void
test_check (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdCheckReport) clean = jd_check_run (f->t.ledger, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clean->counts[JD_CHECK_MOVE_DATE], ==, 0);

  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  g_assert_true (
      jd_ledger_exec (f->t.ledger,
                      "INSERT INTO move (person_id, village_id, moved_on) VALUES"
                      " (4, 2, '2019-12-31'), (3, 1, '2013-01-01'), (4, 2, '2026-01-01')",
                      &error));
  g_assert_true (jd_ledger_commit (f->t.ledger, &error));
  g_autoptr (JdCheckReport) report = jd_check_run (f->t.ledger, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->counts[JD_CHECK_MOVE_DATE], ==, 3);
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < report->findings->len; i++)
    {
      const JdCheckFinding *finding = g_ptr_array_index (report->findings, i);
      if (finding->category == JD_CHECK_MOVE_DATE)
        g_string_append_printf (out, "%s %s: %s\n", finding->name, finding->table,
                                finding->message);
    }
  g_autofree char *found = g_string_free (out, FALSE);
  g_assert_cmpstr (found, ==,
                   "王三 move: Move to 甲村 on 2013-01-01: after the person’s death\n"
                   "王四 move: Move to 乙村 on 2019-12-31: before the person’s first-found date\n"
                   "王四 move: Move to 乙村 on 2026-01-01: after today\n");
}

#define ADD(path, func) JD_TEST_ADD (path, Fixture, NULL, fixture_set_up, func)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ADD ("/moves/store-rules", test_store_rules);
  ADD ("/moves/readiness", test_readiness);
  ADD ("/moves/indicators", test_indicators);
  ADD ("/moves/separated", test_separated);
  ADD ("/moves/registers", test_registers);
  ADD ("/moves/work-due", test_work_due);
  ADD ("/moves/lists", test_lists);
  ADD ("/moves/import", test_import);
  ADD ("/moves/check", test_check);
  return g_test_run ();
}
