/* test-activities.c: the publicity register in the window, under Xvfb
 *
 * 东村 (V01) held three activities in March 2024; --today is 2024-03-20. The
 * register shows three and the months view "3" for March. A fourth with no
 * date is refused with the reason; a good fourth makes March "4 ✓". Deleting
 * it takes it off at once, Undo brings it back, and the shown rows export
 * to a workbook read back with openpyxl.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "jd-activities-page.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-store.h"
#include "jd-test-ui.h"

static gint64 v01;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture_init (f, "jd-activities-XXXXXX");
  g_autoptr (JdLedger) ledger = jd_ledger_create (f->path, "博美镇", NULL, &error);
  const JdVillageRecord v = { .code = "V01", .name = "东村" };
  g_assert_cmpint (jd_store_village (ledger, &v, &v01, &error), ==, JD_STORE_ADDED);
  for (int day = 1; day <= 3; day++)
    {
      JdActivityRecord a = { .village_id = v01,
                             .held_on = jd_day_new (2024, 3, day * 5),
                             .form = "lecture",
                             .title = "禁毒讲座",
                             .participants = -1,
                             .materials = -1,
                             .banners = -1 };
      g_assert_cmpint (jd_store_activity (ledger, &a, &error), ==, JD_STORE_ADDED);
    }
  g_assert_no_error (error);
}

static char *
read_back (const char *xlsx)
{
  const char *script = "import sys, openpyxl\n"
                       "ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n"
                       "rows = list(ws.iter_rows(values_only=True))\n"
                       "head = next(i for i, r in enumerate(rows) if r[0] == '序号')\n"
                       "print(ws.title, len(rows) - head - 1, rows[head + 1][4])\n";

  return jd_test_python (script, xlsx, NULL);
}

static void
activities (Fixture *f, JdWindow *window)
{
  g_autoptr (GError) error = NULL;

  WAIT_FOR (window_ledger (window) != NULL);
  JdActivitiesPage *page = JD_ACTIVITIES_PAGE (jd_window_get_page (window, "activities"));
  g_assert_nonnull (page);
  GListModel *model = jd_activities_page_get_model (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (jd_section_page_get_subtitle (JD_SECTION_PAGE (page)), ==, "3 activities");
  GtkWidget *months = GTK_WIDGET (jd_activities_page_get_months_grid (page));
  /* 东村's March cell is the grid's column 3, row 1. */
  GtkWidget *march = gtk_grid_get_child_at (GTK_GRID (months), 3, 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (march)), ==, "3");

  /* The audience filter: none of the three has one, so "school" shows none. */
  guint school = 0, n_audiences;
  const JdEnumValue *audiences = jd_enum_values (JD_ENUM_AUDIENCE, &n_audiences);
  while (school < n_audiences && !g_str_equal (audiences[school].key, "school"))
    school++;
  gtk_drop_down_set_selected (jd_activities_page_get_audience_filter (page), school + 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  gtk_drop_down_set_selected (jd_activities_page_get_audience_filter (page), 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  /* No date: refused, with the field and the reason. */
  JdActivityRecord bad = { .village_id = v01,
                           .form = "film",
                           .title = "禁毒电影",
                           .participants = -1,
                           .materials = -1,
                           .banners = -1 };
  g_assert_false (jd_activities_page_add (page, &bad, &error));
  g_assert_nonnull (strstr (error->message, "held_on"));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  /* A fourth in March: the month is met. */
  JdActivityRecord good = bad;
  good.held_on = jd_day_new (2024, 3, 20);
  g_assert_true (jd_activities_page_add (page, &good, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  march = gtk_grid_get_child_at (GTK_GRID (months), 3, 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (march)), ==, "4 ✓");

  /* Deleted at once, back with Undo. */
  g_autoptr (GObject) newest = g_list_model_get_item (model, 0);
  gint64 id = jd_activities_page_item_activity (newest)->id;
  jd_activities_page_delete (page, id);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "activities.undo", "x", id));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);

  /* The shown rows, searched for 电影: the film alone. */
  gtk_editable_set_text (GTK_EDITABLE (jd_activities_page_get_search_entry (page)), "电影");
  WAIT_FOR (g_list_model_get_n_items (model) == 1);
  g_autofree char *xlsx = g_build_filename (f->dir, "宣传.xlsx", NULL);
  jd_activities_page_export (page, xlsx);
  g_autofree char *partial = g_strconcat (xlsx, ".part", NULL);
  WAIT_FOR (g_file_test (xlsx, G_FILE_TEST_EXISTS) && !g_file_test (partial, G_FILE_TEST_EXISTS));
  WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);
  g_autofree char *back = read_back (xlsx);
  g_unlink (xlsx);
  if (back == NULL)
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  g_assert_cmpstr (back, ==, "禁毒宣传活动台账 1 禁毒电影");
}

static void
test_activities (Fixture *f, gconstpointer data)
{
  run_app (f, activities, "--db", f->path, "--today", "2024-03-20", "--section", "activities",
           NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/activities/register-months-undo-export", Fixture, NULL, fixture_set_up,
              test_activities, fixture_tear_down);
  return g_test_run ();
}
