/* test-activities-page.c: the publicity register in the window, under Xvfb
 *
 * 东村 (V01) held three activities in March 2024; --today is 2024-03-20. The
 * register shows three and the months view "3" for March. A fourth recorded in
 * the quick entry with no date is refused on the date's row; dated, it makes
 * March "4 ✓". Deleting
 * it takes it off at once, Undo brings it back, and the shown rows export
 * to a workbook read back with openpyxl.
 *
 * The awareness surveys' view: a survey with more aware than asked is refused
 * with the reason; a good one shows as a row and counts in the indicators;
 * deleted, it goes, and Undo records it again.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "jd-activities-page.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-form.h"
#include "jd-indicators.h"
#include "jd-ledger-private.h"
#include "jd-store.h"
#include "jd-test-ui.h"

static gint64 v01;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_autoptr (JdLedger) ledger = fixture_init_ledger (f, "jd-activities-XXXXXX");
  v01 = jd_test_add_village (ledger, "V01", "东村");
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

/* The quick entry (activities.add) of a film shown in 东村 on date, its theme typed. */
static AdwMessageDialog *
quick_entry (JdActivitiesPage *page, const char *date, const char *theme)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "activities.add", NULL));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  JdFormDialog *form = jd_form_dialog_get (dialog);
  g_assert_nonnull (form);
  jd_form_dialog_set_text (form, "held_on", date);
  jd_form_dialog_set_text (form, "title", theme);
  /* 东村 follows "Township-wide"; the film's place among the forms. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (jd_form_dialog_get_row (form, "village")), 1);
  guint n_forms, film = 0;
  const JdEnumValue *forms = jd_enum_values (JD_ENUM_ACTIVITY_FORM, &n_forms);
  while (film < n_forms && !g_str_equal (forms[film].key, "film"))
    film++;
  g_assert_cmpuint (film, <, n_forms);
  adw_combo_row_set_selected (ADW_COMBO_ROW (jd_form_dialog_get_row (form, "form")), film);
  return dialog;
}

static void
activities (Fixture *f, JdWindow *window)
{

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

  /* The quick entry without a date: refused on the date's row, nothing written. */
  AdwMessageDialog *dialog = quick_entry (page, "", "禁毒电影");
  JdFormDialog *form = jd_form_dialog_get (dialog);
  g_assert_nonnull (jd_row_get_error (jd_form_dialog_get_row (form, "held_on")));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  adw_message_dialog_response (dialog, "add");
  g_assert_cmpint (jd_ledger_count (window_ledger (window), "activity"), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  /* A fourth in March: the month is met. */
  jd_form_dialog_set_text (form, "held_on", "2024-03-20");
  g_assert_null (jd_row_get_error (jd_form_dialog_get_row (form, "held_on")));
  adw_message_dialog_response (dialog, "add");
  /* At once, or once another connection (the daily backup's) lets go of the lock. */
  WAIT_FOR (g_list_model_get_n_items (model) == 4);
  gtk_window_destroy (GTK_WINDOW (dialog)); /* a button would have closed it */
  march = gtk_grid_get_child_at (GTK_GRID (months), 3, 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (march)), ==, "4 ✓");

  /* Deleted at once, back with Undo. */
  g_autoptr (GObject) newest = g_list_model_get_item (model, 0);
  gint64 id = jd_activities_page_item_activity (newest)->id;
  jd_activities_page_delete (page, id);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "activities.undo", "x", id));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);

  /* Deleted for good when its toast goes: gone from the ledger too. */
  JdLedger *ledger = window_ledger (window);
  gint64 before = jd_ledger_count (ledger, "activity");
  jd_activities_page_delete (page, id);
  jd_activities_page_commit_deletions (page);
  g_assert_cmpint (jd_ledger_count (ledger, "activity"), ==, before - 1);
  WAIT_FOR (g_list_model_get_n_items (model) == 3);
  dialog = quick_entry (page, "2024-03-20", "禁毒电影");
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_FOR (g_list_model_get_n_items (model) == 4);

  /* The shown rows, searched for 电影: the film alone. */
  gtk_editable_set_text (GTK_EDITABLE (jd_activities_page_get_search_entry (page)), "电影");
  WAIT_FOR (g_list_model_get_n_items (model) == 1);
  g_autofree char *xlsx = g_build_filename (f->t.dir, "宣传.xlsx", NULL);
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

/* The rows of the surveys' list: NULL when it shows its placeholder. */
static char *
survey_rows (JdSurveysView *view)
{
  GString *out = g_string_new (NULL);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (jd_surveys_view_get_list (view)));
       row; row = gtk_widget_get_next_sibling (row))
    {
      if (g_str_equal (gtk_widget_get_name (row), "placeholder"))
        continue;
      g_string_append_printf (out, "%s%s | %s", out->len ? "; " : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
    }
  return g_string_free (out, FALSE);
}

static gboolean
shows_surveys (JdSurveysView *view)
{
  g_autofree char *rows = survey_rows (view);
  return rows[0] != '\0';
}

static double
public_awareness (JdWindow *window)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdIndicators) indicators
      = jd_indicators_compute (window_ledger (window), 2024, 2024, 0, &error);
  g_assert_no_error (error);
  return jd_indicators_get_township (indicators, 0)->awareness_rate[JD_SURVEY_PUBLIC];
}

static void
surveys (Fixture *f, JdWindow *window)
{
  g_autoptr (GError) error = NULL;

  WAIT_FOR (window_ledger (window) != NULL);
  JdActivitiesPage *page = JD_ACTIVITIES_PAGE (jd_window_get_page (window, "activities"));
  JdSurveysView *view = jd_activities_page_get_surveys (page);
  g_assert_nonnull (view);
  g_autofree char *none = survey_rows (view);
  g_assert_cmpstr (none, ==, "");
  g_assert_true (isnan (public_awareness (window)));

  /* The form: township-wide (the first village choice), today, the public. */
  g_assert_cmpstr (gtk_editable_get_text (jd_surveys_view_get_date_field (view)), ==, "2024-03-20");
  gtk_drop_down_set_selected (jd_surveys_view_get_group_field (view), JD_SURVEY_PUBLIC);
  gtk_spin_button_set_value (jd_surveys_view_get_sampled_field (view), 40);
  gtk_spin_button_set_value (jd_surveys_view_get_aware_field (view), 41);
  jd_surveys_view_submit (view);
  WAIT_FOR (gtk_widget_is_sensitive (GTK_WIDGET (jd_surveys_view_get_aware_field (view))));
  g_assert_cmpstr (gtk_label_get_text (jd_surveys_view_get_error_label (view)), ==,
                   "aware: 41 aware is more than the 40 asked");
  g_autofree char *still_none = survey_rows (view);
  g_assert_cmpstr (still_none, ==, "");

  gtk_spin_button_set_value (jd_surveys_view_get_aware_field (view), 38);
  gtk_editable_set_text (jd_surveys_view_get_date_field (view), "2024年3月2日");
  jd_surveys_view_submit (view);
  WAIT_FOR (gtk_widget_is_sensitive (GTK_WIDGET (jd_surveys_view_get_aware_field (view))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (jd_surveys_view_get_error_label (view))));
  WAIT_FOR (shows_surveys (view));
  g_autofree char *one = survey_rows (view);
  g_assert_cmpstr (one, ==, "General public · Township-wide | 2024-03-02 · 38 of 40 aware (95.0%)");
  g_assert_cmpfloat_with_epsilon (public_awareness (window), 0.95, 1e-9);

  /* Deleted at once; Undo records the same survey again. */
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (jd_ledger_get_db (window_ledger (window)),
                                       "SELECT id FROM awareness_survey", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  gint64 id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (jd_surveys_view_delete (view, id), !=, JD_SAVE_FAILED);
  WAIT_FOR (!shows_surveys (view));
  g_assert_true (isnan (public_awareness (window)));
  g_assert_cmpint (jd_surveys_view_undo (view), !=, JD_SAVE_FAILED);
  WAIT_FOR (shows_surveys (view));
  g_autofree char *back = survey_rows (view);
  g_assert_cmpstr (back, ==, one);
  g_assert_cmpfloat_with_epsilon (public_awareness (window), 0.95, 1e-9);
  /* Nothing more to undo. */
  g_assert_cmpint (jd_surveys_view_undo (view), ==, JD_SAVE_FAILED);
}

static void
test_surveys (Fixture *f, gconstpointer data)
{
  run_app (f, surveys, "--db", f->t.path, "--today", "2024-03-20", "--section", "activities", NULL);
}

static void
test_activities (Fixture *f, gconstpointer data)
{
  run_app (f, activities, "--db", f->t.path, "--today", "2024-03-20", "--section", "activities",
           NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/activities/register-months-undo-export", Fixture, NULL, fixture_set_up,
              test_activities, fixture_tear_down);
  g_test_add ("/activities/surveys", Fixture, NULL, fixture_set_up, test_surveys,
              fixture_tear_down);
  return g_test_run ();
}
