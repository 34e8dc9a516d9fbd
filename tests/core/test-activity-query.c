/* test-activity-query.c: the publicity register and its months (src/core/jd-activity-query.c)
 *
 * The ledger, worked out by hand:
 *   V01 东村: 2024-03-02, 03-09, 03-16 (lecture "禁毒讲座" at 村委会), 03-23 and
 *             04-06 (exhibitions); 2023-12-30 (an exhibition of last year)
 *   V02 西村: 2024-03-05 (a banner)
 *   township-wide: 2024-03-26 (a film)
 * 2024: 7 activities; March: 6; V01 in 2024: 5; township-wide: 1; lectures: 3;
 * "讲座" in a title: 3; "村委会" as the location: 3. Months of 2024: V01 March 4,
 * April 1; V02 March 1; the rest 0.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "jd-activity-query.h"
#include "jd-date.h"
#include "jd-store.h"
#include "jd-test-ledger.h"

typedef struct
{
  JdTestLedger t;
  gint64 v01, v02;
} Fixture;

static void
add (Fixture *f,
     gint64 village,
     JdDay day,
     const char *form,
     const char *title,
     const char *location)
{
  g_autoptr (GError) error = NULL;
  JdActivityRecord record = { .village_id = village,
                              .held_on = day,
                              .form = form,
                              .title = title,
                              .location = location,
                              .participants = 30,
                              .materials = -1,
                              .banners = -1 };
  g_assert_cmpint (jd_store_activity (f->t.ledger, &record, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  jd_test_ledger_set_up (&f->t, "jd-activity-XXXXXX");
  f->v01 = jd_test_add_village (f->t.ledger, "V01", "东村");
  f->v02 = jd_test_add_village (f->t.ledger, "V02", "西村");

  for (int day = 2; day <= 16; day += 7)
    add (f, f->v01, jd_day_new (2024, 3, day), "lecture", "禁毒讲座", "村委会");
  add (f, f->v01, jd_day_new (2024, 3, 23), "exhibition", "禁毒展板", NULL);
  add (f, f->v01, jd_day_new (2024, 4, 6), "exhibition", "禁毒展板", NULL);
  add (f, f->v01, jd_day_new (2023, 12, 30), "exhibition", "年终展板", NULL);
  add (f, f->v02, jd_day_new (2024, 3, 5), "banner", "悬挂横幅", NULL);
  add (f, 0, jd_day_new (2024, 3, 26), "film", "禁毒电影", "镇文化站");
}

static guint
count (Fixture *f, JdActivityFilter filter)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = jd_activity_query (f->t.ledger, &filter, &error);
  g_assert_no_error (error);
  return found->len;
}

static void
test_filters (Fixture *f, gconstpointer data)
{
  g_assert_cmpuint (count (f, (JdActivityFilter){ .year = 2024 }), ==, 7);
  g_assert_cmpuint (count (f, (JdActivityFilter){ .year = 2023 }), ==, 1);
  g_assert_cmpuint (count (f, (JdActivityFilter){ .year = 2024, .month = 3 }), ==, 6);
  g_assert_cmpuint (count (f, (JdActivityFilter){ .year = 2024, .village_id = f->v01 }), ==, 5);
  g_assert_cmpuint (
      count (f, (JdActivityFilter){ .year = 2024, .village_id = JD_ACTIVITY_TOWNSHIP }), ==, 1);
  g_assert_cmpuint (count (f, (JdActivityFilter){ .year = 2024, .form = "lecture" }), ==, 3);
  g_assert_cmpuint (count (f, (JdActivityFilter){ .year = 2024, .text = "讲座" }), ==, 3);
  g_assert_cmpuint (count (f, (JdActivityFilter){ .year = 2024, .text = "村委会" }), ==, 3);

  /* Newest first, each with its village (none for the township-wide film). */
  g_autoptr (GPtrArray) all
      = jd_activity_query (f->t.ledger, &(JdActivityFilter){ .year = 2024 }, NULL);
  JdActivity *newest = all->pdata[0];
  g_assert_cmpuint (newest->held_on, ==, jd_day_new (2024, 4, 6));
  g_assert_cmpstr (newest->village, ==, "东村");
  JdActivity *film = all->pdata[1];
  g_assert_cmpstr (film->form, ==, "film");
  g_assert_null (film->village);
  g_assert_cmpint (film->participants, ==, 30);
}

static void
test_months (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) months = jd_activity_months (f->t.ledger, 2024, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 2);
  const JdActivityMonths *v01 = months->pdata[0], *v02 = months->pdata[1];
  g_assert_cmpstr (v01->name, ==, "东村");
  const int v01_expected[12] = { 0, 0, 4, 1 };
  const int v02_expected[12] = { 0, 0, 1 };
  for (int m = 0; m < 12; m++)
    {
      g_assert_cmpint (v01->counts[m], ==, v01_expected[m]);
      g_assert_cmpint (v02->counts[m], ==, v02_expected[m]);
    }
}

static void
test_delete (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all
      = jd_activity_query (f->t.ledger, &(JdActivityFilter){ .year = 2024 }, NULL);
  gint64 id = ((JdActivity *)all->pdata[0])->id;

  g_assert_true (jd_activity_delete (f->t.ledger, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (f, (JdActivityFilter){ .year = 2024 }), ==, 6);
  g_assert_false (jd_activity_delete (f->t.ledger, id, &error));
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  JD_TEST_ADD ("/activities/filters", Fixture, NULL, fixture_set_up, test_filters);
  JD_TEST_ADD ("/activities/months", Fixture, NULL, fixture_set_up, test_months);
  JD_TEST_ADD ("/activities/delete", Fixture, NULL, fixture_set_up, test_delete);
  return g_test_run ();
}
