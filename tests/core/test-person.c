/* test-person.c: reading one person with their records, deleting rows, the history
 *
 * The ledger made here: village V01 东村; person 张三 11010519491231002X (female,
 * born 1949-12-31), first found 2020-05-01, with:
 *   spans      community_detox 2021-01-10 (planned end 2024-01-10), then custody 2022-06-01
 *   follow-ups talk 2023-02-01, urine_test negative 2023-03-01, home_visit 2023-01-15
 *   member     李四 family since 2021-01-10; agreement 2021-01-12; use event police 2022-05-20
 * Today is pinned to 2024-03-05.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-ledger.h"
#include "jd-person.h"
#include "jd-store.h"
#include "jd-test-ledger.h"

typedef struct
{
  JdTestLedger t; /* tests/common/jd-test-ledger.h */
  gint64 person;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  jd_set_today (jd_day_new (2024, 3, 5));
  jd_test_ledger_set_up (&f->t, "jd-person-XXXXXX");

  gint64 village = jd_test_add_village (f->t.ledger, "V01", "东村");
  JdPersonRecord p = { .id_number = "11010519491231002X",
                       .name = "张三",
                       .village_id = village,
                       .residence_address = "东村1号",
                       .household_village_name = "外县某村",
                       .first_found_on = jd_day_new (2020, 5, 1) };
  g_assert_cmpint (jd_store_person (f->t.ledger, &p, &f->person, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);

  JdStatusRecord s1 = { .person_id = f->person,
                        .status = "community_detox",
                        .started_on = jd_day_new (2021, 1, 10),
                        .planned_end_on = jd_day_new (2024, 1, 10) };
  JdStatusRecord s2
      = { .person_id = f->person, .status = "custody", .started_on = jd_day_new (2022, 6, 1) };
  g_assert_cmpint (jd_store_status (f->t.ledger, &s1, &error), ==, JD_STORE_ADDED);
  g_assert_cmpint (jd_store_status (f->t.ledger, &s2, &error), ==, JD_STORE_ADDED);

  JdFollowupRecord fu[] = {
    { .person_id = f->person, .kind = "talk", .occurred_on = jd_day_new (2023, 2, 1) },
    { .person_id = f->person,
      .kind = "urine_test",
      .occurred_on = jd_day_new (2023, 3, 1),
      .result = "negative",
      .staff = "王五" },
    { .person_id = f->person, .kind = "home_visit", .occurred_on = jd_day_new (2023, 1, 15) },
  };
  for (guint i = 0; i < G_N_ELEMENTS (fu); i++)
    g_assert_cmpint (jd_store_followup (f->t.ledger, &fu[i], &error), ==, JD_STORE_ADDED);
  JdHelpMemberRecord m = { .person_id = f->person,
                           .member_name = "李四",
                           .role = "family",
                           .since = jd_day_new (2021, 1, 10) };
  g_assert_cmpint (jd_store_help_member (f->t.ledger, &m, &error), ==, JD_STORE_ADDED);
  JdAgreementRecord a = { .person_id = f->person, .signed_on = jd_day_new (2021, 1, 12) };
  g_assert_cmpint (jd_store_agreement (f->t.ledger, &a, &error), ==, JD_STORE_ADDED);
  JdUseEventRecord u
      = { .person_id = f->person, .occurred_on = jd_day_new (2022, 5, 20), .source = "police" };
  g_assert_cmpint (jd_store_use_event (f->t.ledger, &u, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

static void
test_load (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdPerson) person = jd_person_load (f->t.ledger, f->person, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (person->name, ==, "张三");
  /* Digit 17 is 2, even: female; digits 7–14 are the birth date. */
  g_assert_cmpstr (person->sex, ==, "female");
  g_assert_cmpuint (person->birth_date, ==, jd_day_new (1949, 12, 31));
  g_assert_cmpstr (person->household_village_name, ==, "外县某村");
  g_assert_cmpint (person->household_village_id, ==, 0);
  g_assert_cmpuint (person->first_found_on, ==, jd_day_new (2020, 5, 1));

  /* The detox span was closed the day before custody began: 2022-05-31. */
  g_assert_cmpuint (person->spans->len, ==, 2);
  JdPersonSpan *first = g_ptr_array_index (person->spans, 0);
  JdPersonSpan *second = g_ptr_array_index (person->spans, 1);
  g_assert_cmpstr (first->status, ==, "community_detox");
  g_assert_cmpuint (first->ended_on, ==, jd_day_new (2022, 5, 31));
  g_assert_cmpuint (first->planned_end_on, ==, jd_day_new (2024, 1, 10));
  g_assert_cmpstr (second->status, ==, "custody");
  g_assert_cmpuint (second->ended_on, ==, 0);

  /* Newest first: urine 03-01, talk 02-01, visit 01-15. */
  g_assert_cmpuint (person->followups->len, ==, 3);
  const char *kinds[] = { "urine_test", "talk", "home_visit" };
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (((JdPersonFollowup *)g_ptr_array_index (person->followups, i))->kind, ==,
                     kinds[i]);
  JdPersonFollowup *urine = g_ptr_array_index (person->followups, 0);
  g_assert_cmpstr (urine->result, ==, "negative");
  g_assert_cmpstr (urine->staff, ==, "王五");

  g_assert_cmpuint (person->members->len, ==, 1);
  g_assert_cmpstr (((JdPersonMember *)g_ptr_array_index (person->members, 0))->member_name, ==,
                   "李四");
  g_assert_cmpuint (person->agreements->len, ==, 1);
  g_assert_cmpuint (person->use_events->len, ==, 1);

  g_autofree char *name = jd_person_dup_name (f->t.ledger, f->person);
  g_assert_cmpstr (name, ==, "张三");
  g_assert_null (jd_person_dup_name (f->t.ledger, f->person + 100));

  JdPerson *none = jd_person_load (f->t.ledger, f->person + 100, &error);
  g_assert_null (none);
  g_assert_error (error, JD_ERROR, JD_ERROR_NOT_FOUND);
}

static void
test_delete_and_history (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdPerson) before = jd_person_load (f->t.ledger, f->person, &error);
  gint64 talk = ((JdPersonFollowup *)g_ptr_array_index (before->followups, 1))->id;
  gint64 member = ((JdPersonMember *)g_ptr_array_index (before->members, 0))->id;

  g_assert_true (jd_person_delete_row (f->t.ledger, JD_PERSON_FOLLOWUP, talk, &error));
  g_assert_true (jd_person_delete_row (f->t.ledger, JD_PERSON_MEMBER, member, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "followup"), ==, 2);
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "help_member"), ==, 0);

  /* Twice: the row is gone. */
  g_assert_false (jd_person_delete_row (f->t.ledger, JD_PERSON_FOLLOWUP, talk, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The history: 1 person insert + 3 span writes (insert, close by update,
   * insert) + 3 follow-ups + 1 member + 1 agreement + 1 use event = 10, and the
   * 2 deletions: 12, newest first. */
  g_autoptr (GPtrArray) history = jd_person_load_history (f->t.ledger, f->person, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 12);
  JdAuditEntry *newest = g_ptr_array_index (history, 0);
  g_assert_cmpstr (newest->table, ==, "help_member");
  g_assert_cmpstr (newest->action, ==, "delete");
  g_assert_nonnull (strstr (newest->before, "李四"));
  g_assert_null (newest->after);
  JdAuditEntry *deleted_talk = g_ptr_array_index (history, 1);
  g_assert_cmpstr (deleted_talk->table, ==, "followup");
  g_assert_cmpint (deleted_talk->row_id, ==, talk);
  g_assert_cmpstr (deleted_talk->os_user, ==, g_get_user_name ());
  JdAuditEntry *oldest = g_ptr_array_index (history, history->len - 1);
  g_assert_cmpstr (oldest->table, ==, "person");
  g_assert_cmpstr (oldest->action, ==, "insert");

  /* Another person's records are not in it. */
  JdPersonRecord other = { .id_number = "110105198001010016",
                           .name = "赵六",
                           .village_id = 1,
                           .first_found_on = jd_day_new (2021, 1, 1) };
  gint64 other_id = 0;
  g_assert_cmpint (jd_store_person (f->t.ledger, &other, &other_id, &error), ==, JD_STORE_ADDED);
  JdFollowupRecord fu
      = { .person_id = other_id, .kind = "talk", .occurred_on = jd_day_new (2024, 1, 1) };
  g_assert_cmpint (jd_store_followup (f->t.ledger, &fu, &error), ==, JD_STORE_ADDED);
  g_autoptr (GPtrArray) again = jd_person_load_history (f->t.ledger, f->person, &error);
  g_assert_cmpuint (again->len, ==, 12);
  g_autoptr (GPtrArray) theirs = jd_person_load_history (f->t.ledger, other_id, &error);
  g_assert_cmpuint (theirs->len, ==, 2);
}

static void
test_set_id_number (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  /* A wrong check digit: 11010519491231002X with its last digit 1. */
  g_assert_false (jd_person_set_id_number (f->t.ledger, f->person, "110105194912310021", &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "id_number: "));
  g_clear_error (&error);

  /* Corrected to another valid number: sex and birth date follow it (male, 1980-01-01). */
  g_assert_true (jd_person_set_id_number (f->t.ledger, f->person, "110105198001010016", &error));
  g_assert_no_error (error);
  g_autoptr (JdPerson) person = jd_person_load (f->t.ledger, f->person, &error);
  g_assert_cmpstr (person->sex, ==, "male");
  g_assert_cmpuint (person->birth_date, ==, jd_day_new (1980, 1, 1));

  /* Another person's number is refused. */
  JdPersonRecord other = { .id_number = "441581199002150037",
                           .name = "赵六",
                           .village_id = 1,
                           .first_found_on = jd_day_new (2021, 1, 1) };
  g_assert_cmpint (jd_store_person (f->t.ledger, &other, NULL, &error), ==, JD_STORE_ADDED);
  g_assert_false (jd_person_set_id_number (f->t.ledger, f->person, "441581199002150037", &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_cmpint (jd_ledger_count (f->t.ledger, "person"), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  JD_TEST_ADD ("/person/load", Fixture, NULL, fixture_set_up, test_load);
  JD_TEST_ADD ("/person/delete-and-history", Fixture, NULL, fixture_set_up,
               test_delete_and_history);
  JD_TEST_ADD ("/person/set-id-number", Fixture, NULL, fixture_set_up, test_set_id_number);
  return g_test_run ();
}
