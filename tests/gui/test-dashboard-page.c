/* test-dashboard-page.c: the dashboard and its presentation, under Xvfb
 *
 * The ledger is the township demo (seed 7) with --today 2025-06-30. What the
 * dashboard shows must be the engine's numbers: each tile's value is
 * jd_target_actual () of `jd_indicators_compute ()` for 2025 as of today, each
 * chart's series the engine's, and each village row its readiness count. The
 * presentation opens on F5's action, walks its slides with the keys and shows
 * no person's name or ID number on any of them.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "jd-chart-view.h"
#include "jd-dashboard-page.h"
#include "jd-dashboard-tiles.h"
#include "jd-date.h"
#include "jd-demo.h"
#include "jd-person-query.h"
#include "jd-presentation.h"
#include "jd-readiness.h"
#include "jd-test-ui.h"

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  jd_set_today (jd_day_new (2025, 6, 30));
  g_autoptr (JdLedger) ledger = fixture_init_ledger (f, "jd-dashboard-XXXXXX");
  g_assert_true (jd_demo_fill (ledger, JD_DEMO_TOWNSHIP, 7, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
is_named (GtkWidget *widget, gconstpointer name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static JdDashboardPage *
loaded_page (JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  g_assert_cmpstr (jd_window_get_section (window), ==, "dashboard");
  JdDashboardPage *page = JD_DASHBOARD_PAGE (jd_window_get_page (window, "dashboard"));
  g_assert_nonnull (page);
  WAIT_FOR (!jd_dashboard_page_is_loading (page) && jd_dashboard_page_get_dashboard (page));
  return page;
}

static void
numbers_are_the_engines (Fixture *f, JdWindow *window)
{
  g_autoptr (GError) error = NULL;
  JdDashboardPage *page = loaded_page (window);
  JdLedger *ledger = window_ledger (window);
  JdDashboard *dashboard = jd_dashboard_page_get_dashboard (page);

  /* 2025 as of today, ten years by default: 2016 … 2025. */
  g_assert_cmpint (dashboard->year, ==, 2025);
  g_assert_cmpuint (dashboard->as_of, ==, jd_day_new (2025, 6, 30));
  g_autoptr (JdIndicators) engine
      = jd_indicators_compute (ledger, 2016, 2025, jd_day_new (2025, 6, 30), &error);
  g_assert_no_error (error);
  const JdIndicatorValues *now = jd_indicators_get_township (engine, 9);
  const JdIndicatorValues *before = jd_indicators_get_township (engine, 8);

  /* A tile per target shown, named by its key, with the engine's value. */
  const JdTarget *targets;
  guint n_targets = jd_dashboard_tile_targets (&targets);
  GtkWidget *tiles = GTK_WIDGET (jd_dashboard_page_get_tiles_box (page));
  guint n_tiles = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (tiles); child;
       child = gtk_widget_get_next_sibling (child))
    n_tiles++;
  g_assert_cmpuint (n_tiles, ==, n_targets);
  for (guint i = 0; i < n_targets; i++)
    {
      const JdDashboardTile *tile = &dashboard->tiles[targets[i]];
      double actual = jd_target_actual (targets[i], now);
      if (isnan (actual))
        g_assert_true (isnan (tile->actual));
      else
        g_assert_cmpfloat_with_epsilon (tile->actual, actual, 1e-12);
      double previous = jd_target_actual (targets[i], before);
      if (!isnan (previous))
        g_assert_cmpfloat_with_epsilon (tile->previous, previous, 1e-12);
      g_assert_cmpint (
          tile->judgement, ==,
          jd_dashboard_judge (targets[i], jd_targets_get (ledger, targets[i]), actual, previous));
    }

  /* The tiles of the shares the plans set targets for name what they count:
   * "8 of 9 · Target ≥ 90% · …". */
  const struct
  {
    JdTarget target;
    gint64 part, whole;
  } shares[] = {
    { JD_TARGET_URINE_COUNT_RATE, now->urine_tests_done, now->urine_tests_required },
    { JD_TARGET_SOCIETY_URINE_RATE, now->society_tested, now->society_persons },
    { JD_TARGET_SEPARATED_FOUND_RATE, now->separated_found, now->separated_persons },
    { JD_TARGET_AWARENESS_PUBLIC, now->awareness_aware[JD_SURVEY_PUBLIC],
      now->awareness_sampled[JD_SURVEY_PUBLIC] },
    { JD_TARGET_AWARENESS_STUDENTS, now->awareness_aware[JD_SURVEY_STUDENTS],
      now->awareness_sampled[JD_SURVEY_STUDENTS] },
  };
  for (guint k = 0; k < G_N_ELEMENTS (shares); k++)
    {
      GtkWidget *tile = find_widget (tiles, is_named, jd_target_info (shares[k].target)->key);
      g_assert_nonnull (tile);
      g_autofree char *counts = g_strdup_printf ("%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " · ",
                                                 shares[k].part, shares[k].whole);
      g_assert_true (shows_prefix (tile, counts));
      g_autofree char *goal
          = jd_target_describe (shares[k].target, jd_targets_get (ledger, shares[k].target));
      g_autofree char *with_goal = g_strconcat (counts, "Target ", goal, NULL);
      g_assert_true (shows_prefix (tile, with_goal));
    }
  g_assert_true (find_widget (tiles, is_named, "target.relapse_persons") != NULL);
  g_assert_true (find_widget (tiles, is_named, "target.awareness_venue_staff") != NULL);

  /* The relapse tile says what its base is, lest it be read as a treatment relapse rate. */
  gboolean explained = FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (tiles); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *box = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      const char *tip = gtk_widget_get_tooltip_text (box);
      if (g_str_equal (gtk_widget_get_name (box), "target.relapse_rate"))
        explained = tip && strstr (tip, "not exited on 1 January");
    }
  g_assert_true (explained);

  /* The charts: one view each, the series the engine's (relapse rates here). */
  GtkWidget *charts = GTK_WIDGET (jd_dashboard_page_get_charts_box (page));
  JdChartView *first
      = JD_CHART_VIEW (find_widget (charts, is_type, GSIZE_TO_POINTER (JD_TYPE_CHART_VIEW)));
  const JdChart *relapse = jd_chart_view_get_chart (first);
  g_assert_cmpint (jd_chart_get_kind (relapse), ==, JD_CHART_RELAPSE);
  g_assert_cmpuint (jd_chart_get_n_points (relapse), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      double rate = jd_indicators_get_township (engine, i)->relapse_rate;
      if (isnan (rate))
        g_assert_true (isnan (jd_chart_get_value (relapse, 0, i)));
      else
        g_assert_cmpfloat_with_epsilon (jd_chart_get_value (relapse, 0, i), rate, 1e-12);
    }

  /* The villages: every village not retired, each with its readiness count. */
  g_autoptr (GPtrArray) readiness
      = jd_readiness_compute (ledger, 2025, jd_day_new (2025, 6, 30), 0, &error);
  g_assert_no_error (error);
  GListModel *villages = jd_dashboard_page_get_villages (page);
  g_assert_cmpuint (g_list_model_get_n_items (villages), ==, readiness->len);
  for (guint v = 0; v < readiness->len; v++)
    {
      const JdVillageReadiness *r = g_ptr_array_index (readiness, v);
      g_autoptr (GObject) item = g_list_model_get_item (villages, v);
      const JdDashboardVillage *row = jd_dashboard_village_from_item (item);
      int met = 0;
      for (int s = 0; s < JD_N_STANDARDS; s++)
        met += r->standards[s].met == JD_FINDING_MET;
      g_assert_cmpstr (row->name, ==, r->name);
      g_assert_cmpint (row->standards_met, ==, met);
      g_assert_cmpint (row->complete_months, ==, 6); /* January … June: the 30th ends it */
    }

  /* Five years of 2024: the charts follow the choice. */
  jd_dashboard_page_set_year (page, 2024, 5);
  WAIT_FOR (!jd_dashboard_page_is_loading (page)
            && jd_dashboard_page_get_dashboard (page)->year == 2024);
  first = JD_CHART_VIEW (find_widget (GTK_WIDGET (jd_dashboard_page_get_charts_box (page)), is_type,
                                      GSIZE_TO_POINTER (JD_TYPE_CHART_VIEW)));
  g_assert_cmpuint (jd_chart_get_n_points (jd_chart_view_get_chart (first)), ==, 5);
  g_assert_cmpstr (jd_chart_get_category (jd_chart_view_get_chart (first), 0), ==, "2020");
}

static void
test_numbers_are_the_engines (Fixture *f, gconstpointer data)
{
  run_app (f, numbers_are_the_engines, "--db", f->t.path, "--today", "2025-06-30", "--section",
           "dashboard", NULL);
}

/* Every label and chart description of the presentation, as one text. */
static void
collect_text (GtkWidget *widget, GString *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  if (JD_IS_CHART_VIEW (widget) && jd_chart_view_get_chart (JD_CHART_VIEW (widget)))
    {
      const JdChart *chart = jd_chart_view_get_chart (JD_CHART_VIEW (widget));
      g_autofree char *described = jd_chart_describe (chart);
      g_string_append_printf (out, "%s\n", described);
      for (guint i = 0; i < jd_chart_get_n_points (chart); i++)
        g_string_append_printf (out, "%s\n", jd_chart_get_category (chart, i));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static void
presentation (Fixture *f, JdWindow *window)
{
  g_autoptr (GError) error = NULL;
  loaded_page (window);

  press_shortcut (GTK_WIDGET (window), GDK_KEY_F5, 0);
  JdPresentation *slides = JD_PRESENTATION (find_toplevel (JD_TYPE_PRESENTATION));
  g_assert_nonnull (slides);
  /* The tiles, then the five charts. */
  g_assert_cmpuint (jd_presentation_get_n_slides (slides), ==, 6);
  g_assert_cmpuint (jd_presentation_get_slide (slides), ==, 0);

  press_shortcut (GTK_WIDGET (slides), GDK_KEY_Right, 0);
  WAIT_FOR (jd_presentation_get_slide (slides) == 1);
  press_shortcut (GTK_WIDGET (slides), GDK_KEY_space, 0);
  WAIT_FOR (jd_presentation_get_slide (slides) == 2);
  press_shortcut (GTK_WIDGET (slides), GDK_KEY_Left, 0);
  WAIT_FOR (jd_presentation_get_slide (slides) == 1);
  press_shortcut (GTK_WIDGET (slides), GDK_KEY_End, 0);
  WAIT_FOR (jd_presentation_get_slide (slides) == 5);
  press_shortcut (GTK_WIDGET (slides), GDK_KEY_Right, 0); /* stays on the last */
  WAIT_FOR (jd_presentation_get_slide (slides) == 5);

  /* No person's name or ID number anywhere on the slides. */
  g_autoptr (GString) shown = g_string_new (NULL);
  collect_text (GTK_WIDGET (slides), shown);
  JdWorkDueOptions options;
  jd_work_due_options_init (&options);
  g_autoptr (JdPersonQuery) persons = jd_person_query_new (window_ledger (window), &options);
  g_assert_true (jd_person_query_refresh (persons, &error));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (persons));
  g_assert_cmpuint (n, >, 100);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JdPersonRow) row = g_list_model_get_item (G_LIST_MODEL (persons), i);
      g_autofree char *name_line = g_strdup_printf ("%s\n", jd_person_row_get_name (row));
      g_assert_null (strstr (shown->str, jd_person_row_get_id_number (row)));
      g_assert_null (strstr (shown->str, name_line));
    }

  press_shortcut (GTK_WIDGET (slides), GDK_KEY_Escape, 0);
  WAIT_FOR (find_toplevel (JD_TYPE_PRESENTATION) == NULL);
}

static void
test_presentation (Fixture *f, gconstpointer data)
{
  run_app (f, presentation, "--db", f->t.path, "--today", "2025-06-30", "--section", "dashboard",
           NULL);
}

/* jindu --present opens the dashboard's presentation once it is computed. */
static void
present_option (Fixture *f, JdWindow *window)
{
  WAIT_FOR (find_toplevel (JD_TYPE_PRESENTATION) != NULL);
  g_assert_cmpstr (jd_window_get_section (window), ==, "dashboard");
}

static void
test_present_option (Fixture *f, gconstpointer data)
{
  run_app (f, present_option, "--db", f->t.path, "--today", "2025-06-30", "--present", NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/dashboard/numbers-are-the-engines", Fixture, NULL, fixture_set_up,
              test_numbers_are_the_engines, fixture_tear_down);
  g_test_add ("/dashboard/presentation", Fixture, NULL, fixture_set_up, test_presentation,
              fixture_tear_down);
  g_test_add ("/dashboard/present-option", Fixture, NULL, fixture_set_up, test_present_option,
              fixture_tear_down);
  return g_test_run ();
}
