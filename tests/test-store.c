/* test-store.c: the write rules every writer shares */
#include <glib/gstdio.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-ledger-private.h"
#include "jd-store.h"

typedef struct
{
  char *dir;
  JdLedger *ledger;
  gint64 village;
  gint64 person;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  f->dir = g_dir_make_tmp ("jd-store-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *path = g_build_filename (f->dir, "ledger.db", NULL);
  f->ledger = jd_ledger_create (path, "博美镇", "陆丰市", &error);
  g_assert_no_error (error);

  JdVillageRecord village = { .code = "V01", .name = "东村", .resident_population = 2000 };
  g_assert_cmpint (jd_store_village (f->ledger, &village, &f->village, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  JdPersonRecord person = { .id_number = "11010519491231002X",
                            .name = "张三",
                            .village_id = f->village,
                            .first_found_on = jd_day_new (2015, 6, 1) };
  g_assert_cmpint (jd_store_person (f->ledger, &person, &f->person, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_strdup (jd_ledger_get_path (f->ledger));
  g_clear_object (&f->ledger);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* "status started_on ended_on" for each of the person's spans, in order. */
static char *
spans (Fixture *f)
{
  sqlite3_stmt *stmt
      = jd_ledger_prepare (f->ledger,
                           "SELECT status, started_on, coalesce(ended_on, '…') FROM status_span"
                           " WHERE person_id = ? ORDER BY started_on",
                           NULL);
  GString *out = g_string_new (NULL);
  sqlite3_bind_int64 (stmt, 1, f->person);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s%s %s %s", out->len ? "; " : "", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2));
  sqlite3_reset (stmt);
  return g_string_free (out, FALSE);
}

static JdStoreResult
add_status (Fixture *f, const char *status, JdDay started_on, GError **error)
{
  JdStatusRecord r = { .person_id = f->person, .status = status, .started_on = started_on };
  return jd_store_status (f->ledger, &r, error);
}

static void
test_status_chaining (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (add_status (f, "community_detox", jd_day_new (2015, 6, 1), &error), ==,
                   JD_STORE_ADDED);
  g_assert_cmpint (add_status (f, "custody", jd_day_new (2018, 3, 1), &error), ==, JD_STORE_ADDED);
  g_autofree char *two = spans (f);
  /* The open span ends the day before the new one starts. */
  g_assert_cmpstr (two, ==, "community_detox 2015-06-01 2018-02-28; custody 2018-03-01 …");

  /* A span placed between two ends the day before the next one. */
  g_assert_cmpint (add_status (f, "compulsory", jd_day_new (2016, 2, 29), &error), ==,
                   JD_STORE_ADDED);
  g_autofree char *three = spans (f);
  g_assert_cmpstr (three, ==,
                   "community_detox 2015-06-01 2016-02-28; compulsory 2016-02-29 2018-02-28; "
                   "custody 2018-03-01 …");

  /* The same span again changes nothing; another status on the same day is refused. */
  g_assert_cmpint (add_status (f, "custody", jd_day_new (2018, 3, 1), &error), ==,
                   JD_STORE_UNCHANGED);
  g_assert_cmpint (add_status (f, "missing", jd_day_new (2018, 3, 1), &error), ==, JD_STORE_FAILED);
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "started_on: "));
}

static void
test_person_rules (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  JdPersonRecord person = { .id_number = "11010519491231002X",
                            .name = "张三",
                            .sex = "男",
                            .village_id = f->village,
                            .first_found_on = jd_day_new (2015, 6, 1) };

  /* The 17th digit is 2: a woman, so 男 disagrees. */
  g_assert_cmpint (jd_store_person (f->ledger, &person, NULL, &error), ==, JD_STORE_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "sex: "));
  g_clear_error (&error);

  person.sex = "女";
  g_assert_cmpint (jd_store_person (f->ledger, &person, NULL, &error), ==, JD_STORE_UNCHANGED);
  person.phone = "13800138000";
  g_assert_cmpint (jd_store_person (f->ledger, &person, NULL, &error), ==, JD_STORE_UPDATED);
  g_assert_no_error (error);

  person.id_number = "110105194912310021";
  g_assert_cmpint (jd_store_person (f->ledger, &person, NULL, &error), ==, JD_STORE_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "id_number: "));
  g_assert_cmpint (jd_ledger_count (f->ledger, "person"), ==, 1);
}

static void
test_title_events (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  JdTitleEventRecord r = { .village_id = f->village,
                           .event = "yellow_card",
                           .occurred_on = jd_day_new (2020, 1, 10) };

  /* A yellow card for a village without the title is refused. */
  g_assert_cmpint (jd_store_title_event (f->ledger, &r, &error), ==, JD_STORE_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "event: "));
  g_clear_error (&error);

  const char *workflow[] = { "applied", "accepted", "assessed_pass", "named" };
  for (guint i = 0; i < G_N_ELEMENTS (workflow); i++)
    {
      JdTitleEventRecord step = { .village_id = f->village,
                                  .event = workflow[i],
                                  .occurred_on = jd_day_new (2019, 3 + i, 1) };
      g_assert_cmpint (jd_store_title_event (f->ledger, &step, &error), ==, JD_STORE_ADDED);
      g_assert_no_error (error);
    }
  g_assert_cmpint (jd_store_title_event (f->ledger, &r, &error), ==, JD_STORE_ADDED);
  g_assert_cmpint (jd_store_title_event (f->ledger, &r, &error), ==, JD_STORE_UNCHANGED);

  /* Naming again before the accepted step would make the later ones impossible. */
  JdTitleEventRecord early
      = { .village_id = f->village, .event = "named", .occurred_on = jd_day_new (2019, 3, 15) };
  g_assert_cmpint (jd_store_title_event (f->ledger, &early, &error), ==, JD_STORE_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "event: "));
  g_assert_cmpint (jd_ledger_count (f->ledger, "title_event"), ==, 5);
}

static void
test_followup_rules (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  JdFollowupRecord urine
      = { .person_id = f->person, .kind = "urine_test", .occurred_on = jd_day_new (2020, 5, 1) };

  g_assert_cmpint (jd_store_followup (f->ledger, &urine, &error), ==, JD_STORE_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "result: "));
  g_clear_error (&error);
  urine.result = "negative";
  g_assert_cmpint (jd_store_followup (f->ledger, &urine, &error), ==, JD_STORE_ADDED);
  g_assert_cmpint (jd_store_followup (f->ledger, &urine, &error), ==, JD_STORE_UNCHANGED);

  JdFollowupRecord future = { .person_id = f->person,
                              .kind = "talk",
                              .occurred_on = jd_day_add_years (jd_today (), 1) };
  g_assert_cmpint (jd_store_followup (f->ledger, &future, &error), ==, JD_STORE_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "occurred_on: "));
  g_assert_cmpint (jd_ledger_count (f->ledger, "followup"), ==, 1);
}

/* Whether an assessment was added, updated or left alone is found by its
 * (village, year) key. */
static void
test_assessments (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  JdAssessmentRecord r = { .village_id = f->village,
                           .year = 2024,
                           .assessed_on = jd_day_new (2024, 12, 20),
                           .assessor = "王主任" };
  for (int k = 0; k < 10; k++)
    r.items[k] = (JdAssessmentItem){ .finding = -1, .verdict = 1, .points = 10 };
  gint64 id = 0, again_id = 0;

  g_assert_cmpint (jd_store_assessment (f->ledger, &r, &id, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  g_assert_cmpint (jd_store_assessment (f->ledger, &r, &again_id, &error), ==, JD_STORE_UNCHANGED);
  g_assert_cmpint (again_id, ==, id);
  r.items[6].verdict = 0;
  g_assert_cmpint (jd_store_assessment (f->ledger, &r, &again_id, &error), ==, JD_STORE_UPDATED);
  r.assessor = "李科长";
  g_assert_cmpint (jd_store_assessment (f->ledger, &r, &again_id, &error), ==, JD_STORE_UPDATED);
  g_assert_cmpint (again_id, ==, id);

  /* Another year of the same village, and the same year of another village, are new. */
  r.year = 2023;
  g_assert_cmpint (jd_store_assessment (f->ledger, &r, &again_id, &error), ==, JD_STORE_ADDED);
  g_assert_cmpint (again_id, !=, id);
  JdVillageRecord west = { .code = "V02", .name = "西村" };
  gint64 v02 = 0;
  g_assert_cmpint (jd_store_village (f->ledger, &west, &v02, &error), ==, JD_STORE_ADDED);
  r.village_id = v02;
  r.year = 2024;
  g_assert_cmpint (jd_store_assessment (f->ledger, &r, NULL, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  g_assert_cmpint (jd_ledger_count (f->ledger, "assessment"), ==, 3);
  g_assert_cmpint (jd_ledger_count (f->ledger, "assessment_item"), ==, 30);

  /* A year after the assessment date is refused, and nothing is written. */
  r.year = 2025;
  g_assert_cmpint (jd_store_assessment (f->ledger, &r, NULL, &error), ==, JD_STORE_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "year: "));
  g_assert_cmpint (jd_ledger_count (f->ledger, "assessment"), ==, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  jd_set_today (jd_day_new (2024, 12, 31));
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/status-chaining", test_status_chaining);
  ADD ("/store/person-rules", test_person_rules);
  ADD ("/store/title-events", test_title_events);
  ADD ("/store/followup-rules", test_followup_rules);
  ADD ("/store/assessments", test_assessments);
#undef ADD
  return g_test_run ();
}
