/* test-store.c: the write rules every writer shares */
#include <glib/gstdio.h>
#include <string.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-ledger-private.h"
#include "jd-store-edit.h"
#include "jd-store.h"
#include "jd-title.h"
#include "jd-village-detail.h"
#include "jd-test-ledger.h"

typedef struct
{
  JdTestLedger t; /* tests/common/jd-test-ledger.h */
  gint64 village;
  gint64 person;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  jd_test_ledger_set_up (&f->t, "jd-store-XXXXXX");

  JdVillageRecord village = { .code = "V01", .name = "东村", .resident_population = 2000 };
  g_assert_cmpint (jd_store_village (f->t.ledger, &village, &f->village, &error), ==,
                   JD_STORE_ADDED);
  g_assert_no_error (error);
  JdPersonRecord person = { .id_number = "11010519491231002X",
                            .name = "张三",
                            .village_id = f->village,
                            .first_found_on = jd_day_new (2015, 6, 1) };
  g_assert_cmpint (jd_store_person (f->t.ledger, &person, &f->person, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

/* "status started_on ended_on" for each of the person's spans, in order. */
static char *
spans (Fixture *f)
{
  sqlite3_stmt *stmt
      = jd_ledger_prepare (f->t.ledger,
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
  return jd_store_status (f->t.ledger, &r, error);
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
  g_assert_cmpint (jd_store_person (f->t.ledger, &person, NULL, &error), ==, JD_STORE_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "sex: "));
  g_clear_error (&error);

  person.sex = "女";
  g_assert_cmpint (jd_store_person (f->t.ledger, &person, NULL, &error), ==, JD_STORE_UNCHANGED);
  person.phone = "13800138000";
  g_assert_cmpint (jd_store_person (f->t.ledger, &person, NULL, &error), ==, JD_STORE_UPDATED);
  g_assert_no_error (error);

  person.id_number = "110105194912310021";
  g_assert_cmpint (jd_store_person (f->t.ledger, &person, NULL, &error), ==, JD_STORE_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "id_number: "));
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "person"), ==, 1);
}

static void
test_title_events (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  JdTitleEventRecord r = { .village_id = f->village,
                           .event = "yellow_card",
                           .occurred_on = jd_day_new (2020, 1, 10),
                           .ground = "ranking" };

  /* A yellow card for a village without the title is refused. */
  g_assert_cmpint (jd_store_title_event (f->t.ledger, &r, &error), ==, JD_STORE_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "event: "));
  g_clear_error (&error);

  const char *workflow[] = { "applied", "accepted", "assessed_pass", "named" };
  for (guint i = 0; i < G_N_ELEMENTS (workflow); i++)
    {
      JdTitleEventRecord step
          = { .village_id = f->village,
              .event = workflow[i],
              .occurred_on = i == 0 ? jd_day_new (2018, 11, 1) : jd_day_new (2019, 3 + i, 1) };
      g_assert_cmpint (jd_store_title_event (f->t.ledger, &step, &error), ==, JD_STORE_ADDED);
      g_assert_no_error (error);
    }
  g_assert_cmpint (jd_store_title_event (f->t.ledger, &r, &error), ==, JD_STORE_ADDED);
  g_assert_cmpint (jd_store_title_event (f->t.ledger, &r, &error), ==, JD_STORE_UNCHANGED);

  /* Naming again before the accepted step would make the later ones impossible. */
  JdTitleEventRecord early
      = { .village_id = f->village, .event = "named", .occurred_on = jd_day_new (2019, 3, 15) };
  g_assert_cmpint (jd_store_title_event (f->t.ledger, &early, &error), ==, JD_STORE_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "event: "));
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "title_event"), ==, 5);
}

static void
test_followup_rules (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  JdFollowupRecord urine
      = { .person_id = f->person, .kind = "urine_test", .occurred_on = jd_day_new (2020, 5, 1) };

  g_assert_cmpint (jd_store_followup (f->t.ledger, &urine, &error), ==, JD_STORE_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "result: "));
  g_clear_error (&error);
  urine.result = "negative";
  g_assert_cmpint (jd_store_followup (f->t.ledger, &urine, &error), ==, JD_STORE_ADDED);
  g_assert_cmpint (jd_store_followup (f->t.ledger, &urine, &error), ==, JD_STORE_UNCHANGED);

  JdFollowupRecord future = { .person_id = f->person,
                              .kind = "talk",
                              .occurred_on = jd_day_add_years (jd_today (), 1) };
  g_assert_cmpint (jd_store_followup (f->t.ledger, &future, &error), ==, JD_STORE_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "occurred_on: "));
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "followup"), ==, 1);
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

  g_assert_cmpint (jd_store_assessment (f->t.ledger, &r, &id, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  g_assert_cmpint (jd_store_assessment (f->t.ledger, &r, &again_id, &error), ==,
                   JD_STORE_UNCHANGED);
  g_assert_cmpint (again_id, ==, id);
  r.items[6].verdict = 0;
  g_assert_cmpint (jd_store_assessment (f->t.ledger, &r, &again_id, &error), ==, JD_STORE_UPDATED);
  r.assessor = "李科长";
  g_assert_cmpint (jd_store_assessment (f->t.ledger, &r, &again_id, &error), ==, JD_STORE_UPDATED);
  g_assert_cmpint (again_id, ==, id);

  /* Another year of the same village, and the same year of another village, are new. */
  r.year = 2023;
  g_assert_cmpint (jd_store_assessment (f->t.ledger, &r, &again_id, &error), ==, JD_STORE_ADDED);
  g_assert_cmpint (again_id, !=, id);
  JdVillageRecord west = { .code = "V02", .name = "西村" };
  gint64 v02 = 0;
  g_assert_cmpint (jd_store_village (f->t.ledger, &west, &v02, &error), ==, JD_STORE_ADDED);
  r.village_id = v02;
  r.year = 2024;
  g_assert_cmpint (jd_store_assessment (f->t.ledger, &r, NULL, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "assessment"), ==, 3);
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "assessment_item"), ==, 30);

  /* A year after the assessment date is refused, and nothing is written. */
  r.year = 2025;
  g_assert_cmpint (jd_store_assessment (f->t.ledger, &r, NULL, &error), ==, JD_STORE_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "year: "));
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "assessment"), ==, 3);
}

/* The error of a refused write: "field: reason", and nothing written. */
#define assert_refused(call, field_and_reason)                                                     \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autoptr (GError) refused_error = NULL;                                                       \
    GError **error = &refused_error;                                                               \
    g_assert_cmpint ((call), ==, JD_STORE_FAILED);                                                 \
    g_assert_error (refused_error, JD_ERROR, JD_ERROR_INVALID);                                    \
    g_assert_cmpstr (refused_error->message, ==, (field_and_reason));                              \
  }                                                                                                \
  G_STMT_END

#define assert_stored(call)                                                                        \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autoptr (GError) stored_error = NULL;                                                        \
    GError **error = &stored_error;                                                                \
    g_assert_cmpint ((call), !=, JD_STORE_FAILED);                                                 \
    g_assert_no_error (stored_error);                                                              \
  }                                                                                                \
  G_STMT_END

static JdFollowupRecord
talk (Fixture *f, JdDay day)
{
  JdFollowupRecord r = { .person_id = f->person, .kind = "talk", .occurred_on = day };
  return r;
}

/* Issue 19 item 6: death is final; nothing predates the first-found date
 * (2015-06-01 here); the same refusals reach the window, which calls these. */
static void
test_person_dates (Fixture *f, gconstpointer data)
{
  JdFollowupRecord r = talk (f, jd_day_new (2015, 5, 31));
  assert_refused (jd_store_followup (f->t.ledger, &r, error),
                  "occurred_on: 2015-05-31 is before the person’s first-found date, 2015-06-01: "
                  "nothing about a person predates it");
  JdUseEventRecord use
      = { .person_id = f->person, .occurred_on = jd_day_new (2014, 1, 1), .source = "police" };
  assert_refused (jd_store_use_event (f->t.ledger, &use, error),
                  "occurred_on: 2014-01-01 is before the person’s first-found date, 2015-06-01: "
                  "nothing about a person predates it");
  JdStatusRecord early = { .person_id = f->person,
                           .status = "community_detox",
                           .started_on = jd_day_new (2015, 5, 1) };
  assert_refused (jd_store_status (f->t.ledger, &early, error),
                  "started_on: 2015-05-01 is before the person’s first-found date, 2015-06-01: "
                  "nothing about a person predates it");
  /* A span may start on the first-found date; help members and agreements are not held to it. */
  early.started_on = jd_day_new (2015, 6, 1);
  assert_stored (jd_store_status (f->t.ledger, &early, error));
  JdAgreementRecord agreement = { .person_id = f->person, .signed_on = jd_day_new (2015, 5, 20) };
  assert_stored (jd_store_agreement (f->t.ledger, &agreement, error));

  /* A talk in 2020, then a death in 2022: nothing after it. */
  r = talk (f, jd_day_new (2020, 3, 1));
  assert_stored (jd_store_followup (f->t.ledger, &r, error));
  /* A death before the talk of 2020 is refused: the talk would come after it. */
  JdStatusRecord death
      = { .person_id = f->person, .status = "deceased", .started_on = jd_day_new (2019, 1, 1) };
  assert_refused (jd_store_status (f->t.ledger, &death, error),
                  "started_on: the person has a follow-up dated 2020-03-01, after this death: "
                  "nothing is recorded after a death; correct or delete that record first");
  death.started_on = jd_day_new (2022, 1, 5);
  assert_stored (jd_store_status (f->t.ledger, &death, error));

  const char *after = "2022-01-06 is after the person’s death on 2022-01-05: nothing is recorded "
                      "after a death (to correct the death, delete it first)";
  g_autofree char *occurred = g_strconcat ("occurred_on: ", after, NULL);
  g_autofree char *started = g_strconcat ("started_on: ", after, NULL);
  g_autofree char *since = g_strconcat ("since: ", after, NULL);
  g_autofree char *signed_on = g_strconcat ("signed_on: ", after, NULL);
  JdDay next = jd_day_new (2022, 1, 6);
  r = talk (f, next);
  assert_refused (jd_store_followup (f->t.ledger, &r, error), occurred);
  use.occurred_on = next;
  assert_refused (jd_store_use_event (f->t.ledger, &use, error), occurred);
  JdStatusRecord later = { .person_id = f->person, .status = "at_large", .started_on = next };
  assert_refused (jd_store_status (f->t.ledger, &later, error), started);
  JdHelpMemberRecord member
      = { .person_id = f->person, .member_name = "李帮教", .role = "cadre", .since = next };
  assert_refused (jd_store_help_member (f->t.ledger, &member, error), since);
  agreement.signed_on = next;
  assert_refused (jd_store_agreement (f->t.ledger, &agreement, error), signed_on);
  /* On the day of the death itself, a last talk may be recorded. */
  r = talk (f, jd_day_new (2022, 1, 5));
  assert_stored (jd_store_followup (f->t.ledger, &r, error));

  /* What the window's forms ask as the date is typed. */
  g_autofree char *form = jd_store_person_day_problem (f->t.ledger, f->person, "followup", next);
  g_assert_cmpstr (form, ==, after);
  g_autofree char *fine
      = jd_store_person_day_problem (f->t.ledger, f->person, "followup", jd_day_new (2021, 1, 1));
  g_assert_null (fine);

  /* The first-found date cannot move past the person's records, nor past the death. */
  JdPersonRecord person = { .id_number = "11010519491231002X",
                            .name = "张三",
                            .village_id = f->village,
                            .first_found_on = jd_day_new (2016, 1, 1) };
  assert_refused (jd_store_person (f->t.ledger, &person, NULL, error),
                  "first_found_on: the person has a status dated 2015-06-01, before this "
                  "first-found date: nothing about a person predates it");
  person.first_found_on = jd_day_new (2023, 1, 1);
  assert_refused (jd_store_person (f->t.ledger, &person, NULL, error),
                  "first_found_on: 2023-01-01 is after the person’s death on 2022-01-05: nothing "
                  "is recorded after a death (to correct the death, delete it first)");
  person.first_found_on = jd_day_new (2015, 1, 1); /* earlier is fine */
  assert_stored (jd_store_person (f->t.ledger, &person, NULL, error));
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "followup"), ==, 2);
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "status_span"), ==, 2);
}

/* Issue 17 item 6: the date range and the text rules, on every kind of record. */
static void
test_limits (Fixture *f, gconstpointer data)
{
  JdFollowupRecord r = talk (f, jd_day_new (1, 1, 1));
  assert_refused (jd_store_followup (f->t.ledger, &r, error),
                  "occurred_on: 0001-01-01 is before 1950: no date in the ledger is that early");
  r = talk (f, jd_day_new (2025, 1, 1)); /* today is 2024-12-31 */
  assert_refused (jd_store_followup (f->t.ledger, &r, error),
                  "occurred_on: 2025-01-01 is in the future");
  JdStatusRecord span = { .person_id = f->person,
                          .status = "custody",
                          .started_on = jd_day_new (2016, 1, 1),
                          .planned_end_on = jd_day_new (1949, 12, 31) };
  assert_refused (jd_store_status (f->t.ledger, &span, error),
                  "planned_end_on: 1949-12-31 is before 1950: no date in the ledger is that early");
  JdActivityRecord activity = { .held_on = jd_day_new (1900, 1, 1),
                                .form = "lecture",
                                .title = "禁毒讲座",
                                .participants = -1,
                                .materials = -1,
                                .banners = -1 };
  assert_refused (jd_store_activity (f->t.ledger, &activity, error),
                  "held_on: 1900-01-01 is before 1950: no date in the ledger is that early");

  /* Control characters: ESC in a name, BEL in a note; a line break only in multi-line fields. */
  JdPersonRecord person = { .id_number = "11010519491231002X",
                            .name = "张\x1b[31m三",
                            .village_id = f->village,
                            .first_found_on = jd_day_new (2015, 6, 1) };
  assert_refused (jd_store_person (f->t.ledger, &person, NULL, error),
                  "name: holds the control character U+001B at character 2: text may not hold "
                  "control characters");
  person.name = "张三";
  person.note = "备注\a";
  assert_refused (jd_store_person (f->t.ledger, &person, NULL, error),
                  "note: holds the control character U+0007 at character 3: text may not hold "
                  "control characters");
  person.note = "第一行\n第二行";
  person.residence_address = "东村\n一巷3号";
  assert_stored (jd_store_person (f->t.ledger, &person, NULL, error));
  person.phone = "138\n0000";
  assert_refused (jd_store_person (f->t.ledger, &person, NULL, error),
                  "phone: holds a line break: only content, notes, findings and addresses may "
                  "have more than one line");
  person.phone = NULL;

  /* Lengths, in characters: a name of 51 Chinese characters, a note of 2,001. */
  GString *name = g_string_new (NULL);
  for (int i = 0; i < 51; i++)
    g_string_append (name, "张");
  person.name = name->str;
  assert_refused (jd_store_person (f->t.ledger, &person, NULL, error),
                  "name: is 51 characters long: a name is at most 50");
  g_string_truncate (name, strlen ("张") * 50);
  assert_stored (jd_store_person (f->t.ledger, &person, NULL, error));
  g_string_free (name, TRUE);
  g_autofree char *long_text = g_strnfill (2001, 'a');
  r = talk (f, jd_day_new (2016, 1, 1));
  r.content = long_text;
  assert_refused (jd_store_followup (f->t.ledger, &r, error),
                  "content: is 2001 characters long: a text is at most 2000");
  long_text[2000] = '\0';
  assert_stored (jd_store_followup (f->t.ledger, &r, error));
  JdVillageRecord village = { .code = "V02", .name = "西村\t" };
  assert_refused (jd_store_village (f->t.ledger, &village, NULL, error),
                  "name: holds the control character U+0009 at character 3: text may not hold "
                  "control characters");
  JdVenueRecord venue = { .village_id = f->village,
                          .name = "KTV",
                          .kind = "entertainment",
                          .manager = "\x9b"
                                     "1m" };
  assert_refused (jd_store_venue (f->t.ledger, &venue, NULL, error),
                  "manager: is not valid text (UTF-8)");
  venue.manager = "\xc2\x9b"
                  "1m"; /* U+009B, the C1 control sequence introducer */
  assert_refused (jd_store_venue (f->t.ledger, &venue, NULL, error),
                  "manager: holds the control character U+009B at character 1: text may not hold "
                  "control characters");
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "venue"), ==, 0);
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "village"), ==, 1);

  /* Full-width digits (typed with a Chinese input method) are read as digits. */
  JdPersonRecord wide = { .id_number = "１１０１０５１９８００１０１００１６",
                          .name = "李四",
                          .village_id = f->village,
                          .first_found_on = jd_day_new (2016, 1, 1) };
  gint64 id = 0;
  assert_stored (jd_store_person (f->t.ledger, &wide, &id, error));
  g_assert_cmpint (jd_store_find_person (f->t.ledger, "110105198001010016"), ==, id);
  g_assert_cmpint (jd_store_find_person (f->t.ledger, "１１０１０５１９８００１０１００１６"), ==,
                   id);
}

/* The township's own name obeys the text rules too (jindu init, the create dialog). */
static void
test_township_name (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->t.dir, "other.db", NULL);
  g_autoptr (JdLedger) ledger = jd_ledger_create (path, "博美\x1b]0;x\a镇", NULL, &error);
  g_assert_null (ledger);
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "The township’s name holds the control character U+001B at character 3: text "
                   "may not hold control characters");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* One title event through the store; on refusal, the message must hold `refused`. */
static JdStoreResult
title_step (Fixture *f,
            const char *event,
            JdDay day,
            const char *ground,
            const char *refused,
            gboolean *revoked)
{
  g_autoptr (GError) error = NULL;
  JdTitleEventRecord r
      = { .village_id = f->village, .event = event, .occurred_on = day, .ground = ground };
  JdStoreResult result = jd_store_title_event_full (f->t.ledger, &r, revoked, &error);
  if (refused)
    {
      g_assert_cmpint (result, ==, JD_STORE_FAILED);
      g_assert_nonnull (error);
      if (strstr (error->message, refused) == NULL)
        g_error ("“%s” does not say “%s”", error->message, refused);
    }
  else
    g_assert_no_error (error);
  return result;
}

/* docs/contract.md §3 "Title rules": six months from application to the pass and
 * the naming, grounds, the second yellow card's revocation, a new round after it. */
static void
test_title_rules (Fixture *f, gconstpointer data)
{
  gboolean revoked = TRUE;
  const char *six = "a creation round lasts at least six months";

  title_step (f, "applied", jd_day_new (2020, 1, 31), NULL, NULL, NULL);
  title_step (f, "accepted", jd_day_new (2020, 2, 10), NULL, NULL, NULL);
  /* Jan 31 + 6 months = Jul 31: the 30th is refused, the 31st allowed. */
  title_step (f, "assessed_pass", jd_day_new (2020, 7, 30), NULL, six, NULL);
  title_step (f, "assessed_pass", jd_day_new (2020, 7, 31), NULL, NULL, NULL);
  title_step (f, "named", jd_day_new (2020, 8, 1), "ranking", "takes no ground", NULL);
  g_assert_cmpint (title_step (f, "named", jd_day_new (2020, 8, 1), NULL, NULL, &revoked), ==,
                   JD_STORE_ADDED);
  g_assert_false (revoked);

  /* Grounds: required for a yellow card, of the yellow card's kind; two_yellow
   * is never written by hand. */
  title_step (f, "yellow_card", jd_day_new (2021, 1, 10), NULL, "needs a ground", NULL);
  title_step (f, "yellow_card", jd_day_new (2021, 1, 10), "incident", "cannot have the ground",
              NULL);
  title_step (f, "yellow_card", jd_day_new (2021, 1, 10), "no_such", "is not one of", NULL);
  title_step (f, "revoked", jd_day_new (2021, 1, 10), "two_yellow", "recorded by the program",
              NULL);
  title_step (f, "revoked", jd_day_new (2021, 1, 10), NULL, "needs a ground", NULL);
  title_step (f, "yellow_card", jd_day_new (2021, 1, 10), "ranking", NULL, &revoked);
  g_assert_false (revoked);
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "title_event"), ==, 5);

  /* The second consecutive yellow card: the revocation with ground two_yellow, written with it. */
  g_assert_cmpint (
      title_step (f, "yellow_card", jd_day_new (2021, 6, 10), "sewage", NULL, &revoked), ==,
      JD_STORE_ADDED);
  g_assert_true (revoked);
  JdTitleState state;
  g_autoptr (GPtrArray) events
      = jd_village_load_title_events (f->t.ledger, f->village, &state, NULL);
  g_assert_cmpuint (events->len, ==, 7);
  JdVillageTitleEvent *card = g_ptr_array_index (events, 5);
  JdVillageTitleEvent *last = g_ptr_array_index (events, 6);
  g_assert_cmpstr (card->event, ==, "yellow_card");
  g_assert_cmpstr (card->ground, ==, "sewage");
  g_assert_cmpstr (last->event, ==, "revoked");
  g_assert_cmpstr (last->ground, ==, "two_yellow");
  g_assert_cmpint (last->occurred_on, ==, jd_day_new (2021, 6, 10));
  g_assert_cmpint (state.stage, ==, JD_TITLE_STAGE_REVOKED);
  /* The revocation is there already: recording it again that day writes nothing. */
  g_assert_cmpint (title_step (f, "revoked", jd_day_new (2021, 6, 10), "incident", NULL, NULL), ==,
                   JD_STORE_UNCHANGED);
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "title_event"), ==, 7);

  /* Named again only through a new round applied after the revocation. */
  title_step (f, "named", jd_day_new (2021, 7, 1), NULL,
              "a revoked village is named again only through a new round applied after the "
              "revocation",
              NULL);
  title_step (f, "applied", jd_day_new (2021, 6, 10), NULL, "applied after the revocation", NULL);
  title_step (f, "applied", jd_day_new (2021, 6, 11), NULL, NULL, NULL);
  title_step (f, "accepted", jd_day_new (2021, 7, 1), NULL, NULL, NULL);
  title_step (f, "assessed_pass", jd_day_new (2021, 12, 10), NULL, six, NULL);
  title_step (f, "assessed_pass", jd_day_new (2021, 12, 11), NULL, NULL, NULL);
  title_step (f, "named", jd_day_new (2021, 12, 20), NULL, NULL, NULL);
  g_autoptr (GPtrArray) after
      = jd_village_load_title_events (f->t.ledger, f->village, &state, NULL);
  g_assert_cmpint (state.stage, ==, JD_TITLE_STAGE_NAMED);
  g_assert_cmpuint (after->len, ==, 11);
}

/* The walk alone: a named five months after the application is refused, six allowed. */
static void
test_title_six_months (void)
{
  JdTitleState state;
  g_autoptr (GError) error = NULL;
  jd_title_state_init (&state);
  g_assert_true (jd_title_apply (&state, "applied", jd_day_new (2023, 1, 15), NULL));
  g_assert_true (jd_title_apply (&state, "accepted", jd_day_new (2023, 2, 1), NULL));
  /* An older ledger's early pass, walked as it is. */
  g_assert_true (jd_title_apply (&state, "assessed_pass", jd_day_new (2023, 3, 1), NULL));
  g_assert_false (jd_title_record (&state, "named", jd_day_new (2023, 6, 15), NULL, &error));
  g_assert_nonnull (strstr (error->message, "a creation round lasts at least six months"));
  g_assert_nonnull (strstr (error->message, "2023-07-15"));
  g_assert_cmpint (state.stage, ==, JD_TITLE_STAGE_PASSED);
  g_clear_error (&error);
  g_assert_true (jd_title_record (&state, "named", jd_day_new (2023, 7, 15), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (jd_title_holds (&state));
}

/* A refused record names its field apart from the message, which stays
 * "key: reason" as the import prints it; an error of no field names none. */
static void
test_field_errors (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  JdPersonRecord wrong_sex = { .id_number = "11010519491231002X",
                               .name = "张三",
                               .sex = "male",
                               .village_id = f->village,
                               .first_found_on = jd_day_new (2015, 6, 1) };
  g_assert_cmpint (jd_store_person (f->t.ledger, &wrong_sex, NULL, &error), ==, JD_STORE_FAILED);
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_cmpstr (jd_error_get_field (error), ==, "sex");
  g_assert_true (g_str_has_prefix (error->message, "sex: "));
  g_assert_cmpstr (jd_error_get_reason (error), ==, error->message + strlen ("sex: "));
  /* A copy keeps the field. */
  g_autoptr (GError) copy = g_error_copy (error);
  g_assert_cmpstr (jd_error_get_field (copy), ==, "sex");
  g_clear_error (&error);

  JdStaffRecord staff = { .name = "王五",
                          .role = "cadre",
                          .since = jd_day_new (2024, 3, 1),
                          .until = jd_day_new (2024, 1, 1) };
  g_assert_cmpint (jd_store_staff (f->t.ledger, &staff, &error), ==, JD_STORE_FAILED);
  g_assert_cmpstr (jd_error_get_field (error), ==, "until");
  g_assert_cmpstr (jd_error_get_reason (error), ==, "ends before it starts");
  g_clear_error (&error);

  g_set_error (&error, JD_ERROR, JD_ERROR_IO, "the disk is full");
  g_assert_null (jd_error_get_field (error));
  g_assert_cmpstr (jd_error_get_reason (error), ==, "the disk is full");
}

static gint64
audit_entries (Fixture *f)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (f->t.ledger, "SELECT count(*) FROM audit_log", NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  gint64 n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* The value of column of table's row id. */
static char *
column_of (Fixture *f, JdRecordKind kind, gint64 id, const char *column)
{
  const char *columns[] = { column, NULL };
  g_auto (GStrv) values = jd_store_read_record (f->t.ledger, kind, id, columns, NULL);
  return values ? g_strdup (values[0]) : NULL;
}

/* Venues, inspections, letters and staff corrected and deleted by id, under
 * the rules of a new record, each change in the audit log. */
static void
test_edit_records (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 bar = 0, cafe = 0;
  JdVenueRecord venue = { .village_id = f->village, .name = "凤山酒吧", .kind = "entertainment" };
  g_assert_cmpint (jd_store_venue (f->t.ledger, &venue, &bar, &error), ==, JD_STORE_ADDED);
  JdVenueRecord other = { .village_id = f->village, .name = "老街网吧", .kind = "internet_cafe" };
  g_assert_cmpint (jd_store_venue (f->t.ledger, &other, &cafe, &error), ==, JD_STORE_ADDED);
  JdInspectionRecord inspection
      = { .venue_id = bar, .inspected_on = jd_day_new (2024, 3, 18), .passed = TRUE };
  g_assert_cmpint (jd_store_inspection (f->t.ledger, &inspection, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  gint64 audit = audit_entries (f);

  /* Renamed: the row changes, the log says so; the same values again change nothing. */
  venue.name = "凤山KTV";
  g_assert_cmpint (jd_store_update_venue (f->t.ledger, bar, &venue, &error), ==, JD_STORE_UPDATED);
  g_assert_no_error (error);
  g_autofree char *name = column_of (f, JD_RECORD_VENUE, bar, "name");
  g_assert_cmpstr (name, ==, "凤山KTV");
  g_assert_cmpint (audit_entries (f), ==, audit + 1);
  g_assert_cmpint (jd_store_update_venue (f->t.ledger, bar, &venue, &error), ==,
                   JD_STORE_UNCHANGED);

  /* Another venue's name, an empty name, a kind that is none: refused on their field. */
  other.name = "凤山KTV";
  g_assert_cmpint (jd_store_update_venue (f->t.ledger, cafe, &other, &error), ==, JD_STORE_FAILED);
  g_assert_cmpstr (jd_error_get_field (error), ==, "name");
  g_clear_error (&error);
  other.name = "";
  g_assert_cmpint (jd_store_update_venue (f->t.ledger, cafe, &other, &error), ==, JD_STORE_FAILED);
  g_assert_cmpstr (jd_error_get_field (error), ==, "name");
  g_clear_error (&error);
  other.name = "老街网吧";
  other.kind = "casino";
  g_assert_cmpint (jd_store_update_venue (f->t.ledger, cafe, &other, &error), ==, JD_STORE_FAILED);
  g_assert_cmpstr (jd_error_get_field (error), ==, "kind");
  g_clear_error (&error);
  g_autofree char *kept = column_of (f, JD_RECORD_VENUE, cafe, "name");
  g_assert_cmpstr (kept, ==, "老街网吧");
  g_assert_cmpint (audit_entries (f), ==, audit + 1);

  /* An inspection in the future, a letter of no level: refused. */
  inspection.inspected_on = jd_day_new (2025, 1, 1);
  g_assert_cmpint (jd_store_update_inspection (f->t.ledger, 1, &inspection, &error), ==,
                   JD_STORE_FAILED);
  g_assert_cmpstr (jd_error_get_field (error), ==, "inspected_on");
  g_clear_error (&error);
  JdLetterRecord letter = { .village_id = f->village,
                            .level = "village_group",
                            .signed_on = jd_day_new (2024, 2, 1),
                            .copies = 3 };
  g_assert_cmpint (jd_store_letter (f->t.ledger, &letter, &error), ==, JD_STORE_ADDED);
  letter.level = "county";
  g_assert_cmpint (jd_store_update_letter (f->t.ledger, 1, &letter, &error), ==, JD_STORE_FAILED);
  g_assert_cmpstr (jd_error_get_field (error), ==, "level");
  g_clear_error (&error);
  letter.level = "unit";
  letter.copies = -1;
  g_assert_cmpint (jd_store_update_letter (f->t.ledger, 1, &letter, &error), ==, JD_STORE_UPDATED);
  g_autofree char *copies = column_of (f, JD_RECORD_LETTER, 1, "copies");
  g_assert_cmpstr (copies, ==, "");

  /* A staff member's corrected village; a record that is not there. */
  JdStaffRecord staff = { .name = "王五", .role = "cadre" };
  g_assert_cmpint (jd_store_staff (f->t.ledger, &staff, &error), ==, JD_STORE_ADDED);
  staff.village_id = f->village;
  g_assert_cmpint (jd_store_update_staff (f->t.ledger, 1, &staff, &error), ==, JD_STORE_UPDATED);
  g_autofree char *village = column_of (f, JD_RECORD_STAFF, 1, "village_id");
  g_assert_cmpint (g_ascii_strtoll (village, NULL, 10), ==, f->village);
  g_assert_cmpint (jd_store_update_staff (f->t.ledger, 99, &staff, &error), ==, JD_STORE_FAILED);
  g_assert_error (error, JD_ERROR, JD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleted: a venue with its inspections; twice is "not found". */
  g_assert_true (jd_store_delete_record (f->t.ledger, JD_RECORD_VENUE, bar, &error));
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "venue"), ==, 1);
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "inspection"), ==, 0);
  g_assert_false (jd_store_delete_record (f->t.ledger, JD_RECORD_VENUE, bar, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (jd_store_delete_record (f->t.ledger, JD_RECORD_LETTER, 1, &error));
  g_assert_true (jd_store_delete_record (f->t.ledger, JD_RECORD_STAFF, 1, &error));
  g_assert_no_error (error);
  g_assert_null (jd_store_read_record (f->t.ledger, JD_RECORD_STAFF, 1,
                                       (const char *const[]){ "name", NULL }, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  jd_set_today (jd_day_new (2024, 12, 31));
#define ADD(path, func) JD_TEST_ADD (path, Fixture, NULL, fixture_set_up, func)
  ADD ("/store/status-chaining", test_status_chaining);
  ADD ("/store/person-rules", test_person_rules);
  ADD ("/store/title-events", test_title_events);
  ADD ("/store/title-rules", test_title_rules);
  g_test_add_func ("/store/title-six-months", test_title_six_months);
  ADD ("/store/followup-rules", test_followup_rules);
  ADD ("/store/assessments", test_assessments);
  ADD ("/store/person-dates", test_person_dates);
  ADD ("/store/limits", test_limits);
  ADD ("/store/township-name", test_township_name);
  ADD ("/store/field-errors", test_field_errors);
  ADD ("/store/edit-records", test_edit_records);
#undef ADD
  return g_test_run ();
}
