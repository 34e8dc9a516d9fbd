/* test-audit-query.c: the audit log a page at a time (src/core/jd-audit-query.c)
 *
 * The ledger, in this order: the village 东村 (1 entry), 张伟 with phone
 * 13812345678 (1), his phone changed to 13987654321 (1: an update), a talk
 * recorded (1) and deleted (1), and the township itself at creation (1, the
 * first). So: 6 entries; about 张伟: 4 (his row twice, the talk twice); table
 * person: 2, the newest the update, whose change reads
 * "phone: 138****5678 → 139****4321" masked.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "jd-audit-query.h"
#include "jd-date.h"
#include "jd-person.h"
#include "jd-store.h"
#include "jd-test-ledger.h"

typedef JdTestLedger Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 village = 0, person = 0, talk = 0;

  jd_test_ledger_set_up (f, "jd-audit-XXXXXX");
  village = jd_test_add_village (f->ledger, "V01", "东村");
  JdPersonRecord p = { .id_number = "441581198503121010",
                       .name = "张伟",
                       .phone = "13812345678",
                       .residence_address = "东村12号",
                       .village_id = village,
                       .first_found_on = jd_day_new (2020, 1, 1) };
  g_assert_cmpint (jd_store_person (f->ledger, &p, &person, &error), ==, JD_STORE_ADDED);
  p.phone = "13987654321";
  g_assert_cmpint (jd_store_person (f->ledger, &p, &person, &error), ==, JD_STORE_UPDATED);
  JdFollowupRecord t
      = { .person_id = person, .kind = "talk", .occurred_on = jd_day_new (2024, 3, 5) };
  g_assert_cmpint (jd_store_followup (f->ledger, &t, &error), ==, JD_STORE_ADDED);
  g_autoptr (JdPerson) loaded = jd_person_load (f->ledger, person, &error);
  talk = ((JdPersonFollowup *)loaded->followups->pdata[0])->id;
  g_assert_true (jd_person_delete_row (f->ledger, JD_PERSON_FOLLOWUP, talk, &error));
  g_assert_no_error (error);
}

static GPtrArray *
query (Fixture *f, JdAuditFilter filter)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *entries = jd_audit_query (f->ledger, &filter, &error);
  g_assert_no_error (error);
  return entries;
}

static void
test_filters (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) all = query (f, (JdAuditFilter){ 0 });
  g_assert_cmpuint (all->len, ==, 6);
  g_autoptr (GPtrArray) about = query (f, (JdAuditFilter){ .person = "张伟" });
  g_assert_cmpuint (about->len, ==, 4);
  g_autoptr (GPtrArray) by_id = query (f, (JdAuditFilter){ .person = "441581198503121010" });
  g_assert_cmpuint (by_id->len, ==, 4);
  g_autoptr (GPtrArray) persons = query (f, (JdAuditFilter){ .table = "person", .mask = TRUE });
  g_assert_cmpuint (persons->len, ==, 2);
  JdAuditLogEntry *update = persons->pdata[0];
  g_assert_cmpstr (update->action, ==, "update");
  g_assert_cmpstr (update->person, ==, "张伟");
  g_assert_cmpstr (update->changes, ==, "phone: 138****5678 → 139****4321");
  /* The person as inserted, masked: the ID number as lists show it, no birth date
   * (it would give the hidden digits back) nor any full number anywhere, the
   * address without its house number. */
  JdAuditLogEntry *inserted = persons->pdata[1];
  g_assert_cmpstr (inserted->action, ==, "insert");
  g_assert_nonnull (strstr (inserted->changes, "id_number: 441581********1010"));
  g_assert_nonnull (strstr (inserted->changes, "phone: 138****5678"));
  g_assert_null (strstr (inserted->changes, "441581198503121010"));
  g_assert_null (strstr (inserted->changes, "1985"));
  g_assert_null (strstr (inserted->changes, "birth_date"));
  g_assert_nonnull (strstr (inserted->changes, "residence_address: 东村;"));
  g_autoptr (GPtrArray) unmasked = query (f, (JdAuditFilter){ .table = "person" });
  g_assert_cmpstr (((JdAuditLogEntry *)unmasked->pdata[0])->changes, ==,
                   "phone: 13812345678 → 13987654321");
  /* The deleted talk still names its person and what it held. */
  JdAuditLogEntry *deleted = all->pdata[0];
  g_assert_cmpstr (deleted->action, ==, "delete");
  g_assert_cmpstr (deleted->table, ==, "followup");
  g_assert_cmpstr (deleted->person, ==, "张伟");
  g_assert_nonnull (strstr (deleted->changes, "kind: talk"));

  g_autoptr (GPtrArray) nobody = query (f, (JdAuditFilter){ .user = "nobody-at-all" });
  g_assert_cmpuint (nobody->len, ==, 0);
  g_autoptr (GPtrArray) mine = query (f, (JdAuditFilter){ .user = update->user });
  g_assert_cmpuint (mine->len, ==, 6);
}

static void
test_dates_and_pages (Fixture *f, gconstpointer data)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) tomorrow_time = g_date_time_add_days (now, 1);
  g_autoptr (GDateTime) yesterday_time = g_date_time_add_days (now, -1);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *tomorrow = g_date_time_format (tomorrow_time, "%Y-%m-%d");
  g_autofree char *yesterday = g_date_time_format (yesterday_time, "%Y-%m-%d");

  g_autoptr (GPtrArray) on_today = query (f, (JdAuditFilter){ .from = today, .to = today });
  g_assert_cmpuint (on_today->len, ==, 6);
  g_autoptr (GPtrArray) from_tomorrow = query (f, (JdAuditFilter){ .from = tomorrow });
  g_assert_cmpuint (from_tomorrow->len, ==, 0);
  g_autoptr (GPtrArray) to_yesterday = query (f, (JdAuditFilter){ .to = yesterday });
  g_assert_cmpuint (to_yesterday->len, ==, 0);

  /* Pages of four: four, then the two oldest. */
  g_autoptr (GPtrArray) first = query (f, (JdAuditFilter){ .limit = 4 });
  g_assert_cmpuint (first->len, ==, 4);
  gint64 last = ((JdAuditLogEntry *)first->pdata[3])->id;
  g_autoptr (GPtrArray) second = query (f, (JdAuditFilter){ .limit = 4, .before_id = last });
  g_assert_cmpuint (second->len, ==, 2);
  g_assert_cmpstr (((JdAuditLogEntry *)second->pdata[1])->table, ==, "township");
}

/* A person's change as the history says it: the interface's names of the
 * fields, enum values by their labels, an update's changed fields a line each. */
static void
test_describe_values (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *added = jd_audit_describe_values (
      f->ledger, NULL,
      "{\"id\":3,\"person_id\":1,\"status\":\"community_detox\",\"started_on\":\"2024-03-05\","
      "\"planned_end_on\":\"2027-03-05\",\"ended_on\":null,\"note\":null}",
      &error);
  g_assert_no_error (error);
  g_assert_cmpstr (added, ==, "status: Community detox; from: 2024-03-05; planned end: 2027-03-05");
  g_autofree char *changed = jd_audit_describe_values (
      f->ledger, "{\"id\":1,\"name\":\"张三\",\"phone\":null,\"village_id\":2}",
      "{\"id\":1,\"name\":\"张小三\",\"phone\":\"13800000000\",\"village_id\":2}", &error);
  g_assert_cmpstr (changed, ==, "name: 张三 → 张小三\nphone: — → 13800000000");
  g_autofree char *deleted = jd_audit_describe_values (
      f->ledger, "{\"id\":9,\"kind\":\"talk\",\"place\":\"家中\"}", NULL, &error);
  g_assert_cmpstr (deleted, ==, "kind: Talk; place: 家中");
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/audit/filters", Fixture, NULL, fixture_set_up, test_filters,
              jd_test_fixture_tear_down);
  g_test_add ("/audit/describe-values", Fixture, NULL, fixture_set_up, test_describe_values,
              jd_test_fixture_tear_down);
  g_test_add ("/audit/dates-and-pages", Fixture, NULL, fixture_set_up, test_dates_and_pages,
              jd_test_fixture_tear_down);
  return g_test_run ();
}
