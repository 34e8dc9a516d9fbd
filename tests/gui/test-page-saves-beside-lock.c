/* test-page-saves-beside-lock.c: the village page's, the assessment's and the
 * activities section's saves while another program writes, under Xvfb
 *
 * Two villages: V01 东村 with no title step, V02 西村 named on 2023-07-20;
 * --today 2024-03-05. Another program (tests/common/hold-write) holds the
 * ledger's write lock while a title step, the village record, an assessment,
 * the yellow card it offers, an awareness survey (recorded and deleted) and an
 * activity's quick entry are saved. Each save returns at once: the control
 * says it is saving and takes no second click, and the main loop runs on (a
 * 10 ms timeout fires twenty times while the record is not yet in). When the
 * other program lets go, the record goes in. Held past the ledger's busy
 * timeout (600 ms here; the timeout fires meanwhile, three times at least on
 * a machine as busy as ours), the save fails saying
 * nothing was saved, what was typed is kept and nothing is written; the same
 * save goes in at once once the ledger is free. A step still goes in after its
 * page was left; the record's save is dropped when its changes are discarded
 * on leaving, and an assessment's when its dialog closes while it waits.
 */
#include "config.h"

#include <string.h>

#include "jd-activities-page.h"
#include "jd-assessment-dialog.h"
#include "jd-enums.h"
#include "jd-form.h"
#include "jd-store.h"
#include "jd-survey-query.h"
#include "jd-test-run.h"
#include "jd-test-ui.h"
#include "jd-village-detail.h"
#include "jd-village-list.h"
#include "jd-village-page.h"
#include "jd-villages-page.h"
#include "jd-window.h"

static gint64 v01, v02;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_autoptr (JdLedger) ledger = fixture_init_ledger (f, "jd-page-saves-XXXXXX");
  const JdVillageRecord east = { .code = "V01", .name = "东村", .kind = "village" };
  const JdVillageRecord west = { .code = "V02", .name = "西村", .kind = "village" };
  g_assert_cmpint (jd_store_village (ledger, &east, &v01, &error), ==, JD_STORE_ADDED);
  g_assert_cmpint (jd_store_village (ledger, &west, &v02, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  const struct
  {
    const char *event;
    int month, day;
  } steps[] = {
    { "applied", 1, 5 }, { "accepted", 1, 10 }, { "assessed_pass", 7, 5 }, { "named", 7, 20 }
  };
  g_assert_true (jd_ledger_begin (ledger, &error));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      JdTitleEventRecord step = { .village_id = v02,
                                  .event = steps[i].event,
                                  .occurred_on = jd_day_new (2023, steps[i].month, steps[i].day) };
      g_assert_cmpint (jd_store_title_event (ledger, &step, &error), ==, JD_STORE_ADDED);
    }
  g_assert_true (jd_ledger_commit (ledger, &error));
  g_assert_no_error (error);
}

static void
let_go (GSubprocess *holder)
{
  g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, NULL);
  g_assert_true (g_subprocess_wait (holder, NULL, NULL));
}

static gboolean
tick_cb (gpointer data)
{
  (*(guint *)data)++;
  return G_SOURCE_CONTINUE;
}

/* Activates action on widget, timed: it must not wait for the lock. */
static void
activate_timed (GtkWidget *widget, const char *action, const char *step)
{
  gint64 start = g_get_monotonic_time ();
  if (step)
    g_assert_true (gtk_widget_activate_action (widget, action, "s", step));
  else
    g_assert_true (gtk_widget_activate_action (widget, action, NULL));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 300 * 1000);
}

static gboolean
starts (const char *text, const char *prefix)
{
  return text && g_str_has_prefix (text, prefix);
}

static gboolean
is_label_starting (GtkWidget *widget, gconstpointer prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
         && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

static JdVillagePage *
open_village (JdWindow *window, gint64 village_id)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdVillagesPage *villages = JD_VILLAGES_PAGE (jd_window_get_page (window, "villages"));
  jd_villages_page_open_village (villages, village_id);
  JdVillagePage *page = jd_villages_page_get_village_page (villages);
  g_assert_nonnull (page);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (page)));
  return page;
}

static guint
count_title_events (JdLedger *ledger, gint64 village_id)
{
  g_autoptr (GPtrArray) events = jd_village_load_title_events (ledger, village_id, NULL, NULL);
  return events ? events->len : G_MAXUINT;
}

static char *
village_name (JdLedger *ledger, gint64 village_id)
{
  g_autoptr (GListStore) villages = jd_village_list_load (ledger, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (villages)); i++)
    {
      g_autoptr (JdVillageItem) item = g_list_model_get_item (G_LIST_MODEL (villages), i);
      if (jd_village_item_get_id (item) == village_id)
        return g_strdup (jd_village_item_get_name (item));
    }
  return NULL;
}

static AdwMessageDialog *
find_message (const char *heading_prefix)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window)
          && starts (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading_prefix))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* A title step and the village record, on V01's page. */
static void
village_page (Fixture *f, JdWindow *window)
{
  JdVillagePage *page = open_village (window, v01);
  GtkWidget *widget = GTK_WIDGET (page);
  JdLedger *ledger = window_ledger (window);
  guint ticks = 0;
  guint tick = g_timeout_add (10, tick_cb, &ticks);

  /* A step while the other program writes: no wait; the steps take no second
   * click, the note no changes, and the page says the step is on its way. */
  GtkWidget *note = find_widget (widget, is_row_titled, "Note");
  jd_village_page_set_step_date (page, jd_day_new (2023, 1, 5));
  gtk_editable_set_text (GTK_EDITABLE (note), "镇里受理");
  g_autoptr (GSubprocess) holder = jd_test_hold_write (f->t.path, 60);
  activate_timed (widget, "village.title-event", "applied");
  g_assert_true (starts (jd_village_page_get_message (page), "Saving…"));
  g_assert_true (shows_prefix (widget, "Saving…"));
  g_assert_false (gtk_widget_is_sensitive (note));
  g_assert_false (gtk_widget_is_sensitive (find_widget (widget, is_button_labelled, "Applied")));
  /* A second step asked for meanwhile is not taken (only applied goes in below). */
  gtk_widget_activate_action (widget, "village.title-event", "s", "accepted");
  ticks = 0;
  WAIT_FOR (ticks >= 20);
  g_assert_cmpuint (count_title_events (ledger, v01), ==, 0);

  /* The other program lets go: the step goes in, the page shows it. */
  let_go (holder);
  g_clear_object (&holder);
  WAIT_FOR (jd_village_page_get_stage (page) == JD_TITLE_STAGE_APPLIED);
  g_assert_cmpuint (count_title_events (ledger, v01), ==, 1);
  g_assert_null (jd_village_page_get_message (page));
  g_assert_true (gtk_widget_is_sensitive (note));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (note)), ==, "");
  g_assert_true (shows_line (widget, "2023-01-05  Applied"));

  /* Held past the busy timeout: nothing written, said so, the note kept. */
  jd_ledger_set_busy_timeout (ledger, 600);
  jd_village_page_set_step_date (page, jd_day_new (2023, 1, 10));
  gtk_editable_set_text (GTK_EDITABLE (note), "材料齐全");
  holder = jd_test_hold_write (f->t.path, 60);
  activate_timed (widget, "village.title-event", "accepted");
  ticks = 0;
  WAIT_FOR (starts (jd_village_page_get_message (page), "Nothing was saved"));
  g_assert_cmpuint (ticks, >=, 3);
  g_assert_nonnull (strstr (jd_village_page_get_message (page), f->t.path));
  g_assert_true (shows_prefix (widget, "Nothing was saved"));
  g_assert_true (gtk_widget_is_sensitive (note));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (note)), ==, "材料齐全");
  g_assert_cmpuint (count_title_events (ledger, v01), ==, 1);
  g_assert_cmpint (jd_village_page_get_stage (page), ==, JD_TITLE_STAGE_APPLIED);

  /* Free again: the same step goes in at once. */
  let_go (holder);
  g_clear_object (&holder);
  activate_timed (widget, "village.title-event", "accepted");
  WAIT_FOR (count_title_events (ledger, v01) == 2);
  g_assert_cmpint (jd_village_page_get_stage (page), ==, JD_TITLE_STAGE_ACCEPTED);

  /* A step the rules forbid is still refused with the rule, as before. */
  activate_timed (widget, "village.title-event", "named");
  WAIT_FOR (!starts (jd_village_page_get_message (page), "Saving…"));
  g_assert_true (starts (jd_village_page_get_message (page), "Not recorded: "));
  g_assert_nonnull (strstr (jd_village_page_get_message (page),
                            "a village is named only after it passed the assessment"));

  /* The record while the other program writes: its Save says it is saving,
   * the rows take no changes. */
  jd_ledger_set_busy_timeout (ledger, 20000);
  GtkWidget *name = find_widget (widget, is_row_titled, "Name");
  gtk_editable_set_text (GTK_EDITABLE (name), "东村村");
  holder = jd_test_hold_write (f->t.path, 60);
  activate_timed (widget, "village.save", NULL);
  g_assert_nonnull (find_widget (widget, is_button_labelled, "Saving…"));
  g_assert_false (gtk_widget_is_sensitive (name));
  g_assert_true (jd_village_page_get_dirty (page));
  g_assert_false (gtk_widget_is_sensitive (find_widget (widget, is_button_labelled, "Saving…")));
  ticks = 0;
  WAIT_FOR (ticks >= 20);
  g_autofree char *saved = village_name (ledger, v01);
  g_assert_cmpstr (saved, ==, "东村");
  let_go (holder);
  g_clear_object (&holder);
  WAIT_FOR (!jd_village_page_get_dirty (page));
  g_free (saved);
  saved = village_name (ledger, v01);
  g_assert_cmpstr (saved, ==, "东村村");
  g_assert_true (gtk_widget_is_sensitive (name));
  g_assert_nonnull (find_widget (widget, is_button_labelled, "_Save"));

  /* Held past the busy timeout: said under the record, what was typed kept. */
  jd_ledger_set_busy_timeout (ledger, 600);
  gtk_editable_set_text (GTK_EDITABLE (name), "北村");
  holder = jd_test_hold_write (f->t.path, 60);
  activate_timed (widget, "village.save", NULL);
  GtkLabel *said = GTK_LABEL (find_widget (widget, is_label_starting, "Saving… Another program"));
  g_assert_nonnull (said);
  ticks = 0;
  WAIT_FOR (starts (gtk_label_get_text (said), "The village was not saved: Nothing was saved"));
  g_assert_cmpuint (ticks, >=, 3);
  g_assert_true (gtk_widget_is_sensitive (name));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "北村");
  g_assert_true (jd_village_page_get_dirty (page));
  g_free (saved);
  saved = village_name (ledger, v01);
  g_assert_cmpstr (saved, ==, "东村村");

  /* Free again: the same record saves at once. */
  let_go (holder);
  g_clear_object (&holder);
  activate_timed (widget, "village.save", NULL);
  WAIT_FOR (!jd_village_page_get_dirty (page));
  g_free (saved);
  saved = village_name (ledger, v01);
  g_assert_cmpstr (saved, ==, "北村");

  /* The page left while the record's save waits: asked, "Discard" drops the
   * save, and nothing is written once the other program lets go. */
  jd_ledger_set_busy_timeout (ledger, 20000);
  gtk_editable_set_text (GTK_EDITABLE (name), "南村");
  holder = jd_test_hold_write (f->t.path, 60);
  activate_timed (widget, "village.save", NULL);
  JdVillagesPage *villages = JD_VILLAGES_PAGE (jd_window_get_page (window, "villages"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (villages), "villages.back", NULL));
  AdwMessageDialog *ask = find_message ("Discard the Changes?");
  g_assert_nonnull (ask);
  adw_message_dialog_response (ask, "discard");
  gtk_window_destroy (GTK_WINDOW (ask));
  g_assert_null (jd_villages_page_get_village_page (villages));
  ticks = 0;
  WAIT_FOR (ticks >= 10);
  let_go (holder);
  g_clear_object (&holder);
  ticks = 0;
  WAIT_FOR (ticks >= 20);
  g_free (saved);
  saved = village_name (ledger, v01);
  g_assert_cmpstr (saved, ==, "北村");

  /* The page left while a step waits: the step still goes in once the other
   * program lets go. */
  page = open_village (window, v01);
  widget = GTK_WIDGET (page);
  jd_ledger_set_busy_timeout (ledger, 20000);
  jd_village_page_set_step_date (page, jd_day_new (2023, 7, 5));
  holder = jd_test_hold_write (f->t.path, 60);
  activate_timed (widget, "village.title-event", "assessed_pass");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (villages), "villages.back", NULL));
  g_assert_null (jd_villages_page_get_village_page (villages));
  ticks = 0;
  WAIT_FOR (ticks >= 10);
  g_assert_cmpuint (count_title_events (ledger, v01), ==, 2);
  let_go (holder);
  g_clear_object (&holder);
  WAIT_FOR (count_title_events (ledger, v01) == 3);
  g_source_remove (tick);
}

static guint
count_assessments (JdLedger *ledger, gint64 village_id)
{
  g_autoptr (GPtrArray) all = jd_village_load_assessments (ledger, village_id, NULL);
  return all ? all->len : G_MAXUINT;
}

static char *
assessor (JdLedger *ledger, gint64 village_id)
{
  g_autoptr (GPtrArray) all = jd_village_load_assessments (ledger, village_id, NULL);
  g_assert_cmpuint (all->len, ==, 1);
  return g_strdup (((JdVillageAssessment *)g_ptr_array_index (all, 0))->assessor);
}

/* The assessment of V02, named, with a standard not met; the yellow card it offers. */
static void
assessment (Fixture *f, JdWindow *window)
{
  JdVillagePage *page = open_village (window, v02);
  JdLedger *ledger = window_ledger (window);
  guint ticks = 0;
  guint tick = g_timeout_add (10, tick_cb, &ticks);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "village.assess", NULL));
  JdAssessmentDialog *dialog = JD_ASSESSMENT_DIALOG (find_toplevel (JD_TYPE_ASSESSMENT_DIALOG));
  g_assert_nonnull (dialog);
  jd_assessment_dialog_set_item (dialog, 6, 0, 0, "未摸排");
  jd_assessment_dialog_set_assessor (dialog, "王主任");
  GtkWidget *assessor_row = find_widget (GTK_WIDGET (dialog), is_row_titled, "Assessor");

  /* Saved while the other program writes: the dialog stays, saying so. */
  g_autoptr (GSubprocess) holder = jd_test_hold_write (f->t.path, 60);
  activate_timed (GTK_WIDGET (dialog), "assessment.save", NULL);
  g_assert_true (starts (jd_assessment_dialog_get_message (dialog), "Saving…"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_button_labelled, "Saving…"));
  g_assert_false (gtk_widget_is_sensitive (assessor_row));
  g_assert_false (
      gtk_widget_is_sensitive (find_widget (GTK_WIDGET (dialog), is_button_labelled, "Saving…")));
  ticks = 0;
  WAIT_FOR (ticks >= 20);
  g_assert_true (find_toplevel (JD_TYPE_ASSESSMENT_DIALOG) == GTK_WINDOW (dialog));
  g_assert_cmpuint (count_assessments (ledger, v02), ==, 0);

  /* The other program lets go: the assessment goes in, the dialog closes, and
   * the yellow card is offered. */
  let_go (holder);
  g_clear_object (&holder);
  WAIT_FOR (find_toplevel (JD_TYPE_ASSESSMENT_DIALOG) == NULL);
  g_autofree char *by = assessor (ledger, v02);
  g_assert_cmpstr (by, ==, "王主任");
  AdwMessageDialog *offer = find_message ("Record a Yellow Card?");
  g_assert_nonnull (offer);

  /* The card chosen while the other program writes: no wait; in once it lets go. */
  holder = jd_test_hold_write (f->t.path, 60);
  gint64 start = g_get_monotonic_time ();
  adw_message_dialog_response (offer, "yellow");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 300 * 1000);
  gtk_window_destroy (GTK_WINDOW (offer));
  ticks = 0;
  WAIT_FOR (ticks >= 20);
  g_assert_cmpuint (count_title_events (ledger, v02), ==, 4);
  let_go (holder);
  g_clear_object (&holder);
  WAIT_FOR (jd_village_page_get_stage (page) == JD_TITLE_STAGE_YELLOW_CARD);
  g_assert_cmpuint (count_title_events (ledger, v02), ==, 5);

  /* Held past the busy timeout: said in the dialog, what was entered kept. */
  jd_ledger_set_busy_timeout (ledger, 600);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "village.assess", NULL));
  dialog = JD_ASSESSMENT_DIALOG (find_toplevel (JD_TYPE_ASSESSMENT_DIALOG));
  assessor_row = find_widget (GTK_WIDGET (dialog), is_row_titled, "Assessor");
  jd_assessment_dialog_set_assessor (dialog, "李科长");
  holder = jd_test_hold_write (f->t.path, 60);
  activate_timed (GTK_WIDGET (dialog), "assessment.save", NULL);
  ticks = 0;
  WAIT_FOR (starts (jd_assessment_dialog_get_message (dialog),
                    "The assessment was not saved: Nothing was saved"));
  g_assert_cmpuint (ticks, >=, 3);
  g_assert_true (shows_prefix (GTK_WIDGET (dialog), "The assessment was not saved"));
  g_assert_true (find_toplevel (JD_TYPE_ASSESSMENT_DIALOG) == GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_is_sensitive (assessor_row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (assessor_row)), ==, "李科长");
  g_free (by);
  by = assessor (ledger, v02);
  g_assert_cmpstr (by, ==, "王主任");

  /* Free again: saved at once; the card offered again and, past the busy
   * timeout, said not recorded. */
  let_go (holder);
  g_clear_object (&holder);
  activate_timed (GTK_WIDGET (dialog), "assessment.save", NULL);
  WAIT_FOR (find_toplevel (JD_TYPE_ASSESSMENT_DIALOG) == NULL);
  g_free (by);
  by = assessor (ledger, v02);
  g_assert_cmpstr (by, ==, "李科长");
  offer = find_message ("Record a Yellow Card?");
  g_assert_nonnull (offer);
  holder = jd_test_hold_write (f->t.path, 60);
  adw_message_dialog_response (offer, "yellow");
  gtk_window_destroy (GTK_WINDOW (offer));
  AdwMessageDialog *said = NULL;
  WAIT_FOR ((said = find_message ("The yellow card was not recorded: Nothing was saved")) != NULL);
  gtk_window_destroy (GTK_WINDOW (said));
  g_assert_cmpuint (count_title_events (ledger, v02), ==, 5);
  let_go (holder);
  g_clear_object (&holder);

  /* The dialog closed while its save waits: the save is dropped, nothing written. */
  jd_ledger_set_busy_timeout (ledger, 20000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "village.assess", NULL));
  dialog = JD_ASSESSMENT_DIALOG (find_toplevel (JD_TYPE_ASSESSMENT_DIALOG));
  jd_assessment_dialog_set_assessor (dialog, "赵干事");
  holder = jd_test_hold_write (f->t.path, 60);
  activate_timed (GTK_WIDGET (dialog), "assessment.save", NULL);
  g_assert_true (starts (jd_assessment_dialog_get_message (dialog), "Saving…"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ticks = 0;
  WAIT_FOR (ticks >= 10);
  let_go (holder);
  g_clear_object (&holder);
  ticks = 0;
  WAIT_FOR (ticks >= 20);
  g_free (by);
  by = assessor (ledger, v02);
  g_assert_cmpstr (by, ==, "李科长");
  g_source_remove (tick);
}

static guint
count (JdLedger *ledger, const char *table)
{
  return (guint)jd_ledger_count (ledger, table);
}

static gboolean
is_deleting_button (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Deleting…") == 0;
}

/* The quick entry of an activity: a film in 东村 on 2024-03-01, its theme typed. */
static AdwMessageDialog *
quick_entry (JdActivitiesPage *page, const char *theme)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "activities.add", NULL));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  JdFormDialog *form = jd_form_dialog_get (dialog);
  g_assert_nonnull (form);
  jd_form_dialog_set_text (form, "held_on", "2024-03-01");
  jd_form_dialog_set_text (form, "title", theme);
  adw_combo_row_set_selected (ADW_COMBO_ROW (jd_form_dialog_get_row (form, "village")), 1);
  return dialog;
}

static gint64
first_survey (JdLedger *ledger)
{
  g_autoptr (GPtrArray) surveys = jd_survey_query (ledger, 2024, NULL);
  g_assert_nonnull (surveys);
  g_assert_cmpuint (surveys->len, >, 0);
  return ((JdSurvey *)g_ptr_array_index (surveys, 0))->id;
}

/* An awareness survey recorded and deleted, and an activity's quick entry. */
static void
activities (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdLedger *ledger = window_ledger (window);
  JdActivitiesPage *page = JD_ACTIVITIES_PAGE (jd_window_get_page (window, "activities"));
  JdSurveysView *view = jd_activities_page_get_surveys (page);
  GtkWidget *widget = GTK_WIDGET (view);
  AdwViewStack *stack = ADW_VIEW_STACK (
      find_widget (GTK_WIDGET (page), is_type, GSIZE_TO_POINTER (ADW_TYPE_VIEW_STACK)));
  adw_view_stack_set_visible_child_name (stack, "surveys");
  WAIT_FOR (gtk_widget_get_mapped (widget));
  guint ticks = 0;
  guint tick = g_timeout_add (10, tick_cb, &ticks);

  /* A survey recorded while the other program writes: its button says so, the
   * form takes no changes. */
  GtkSpinButton *sampled = jd_surveys_view_get_sampled_field (view);
  GtkSpinButton *aware = jd_surveys_view_get_aware_field (view);
  gtk_editable_set_text (jd_surveys_view_get_date_field (view), "2024-03-02");
  gtk_spin_button_set_value (sampled, 40);
  gtk_spin_button_set_value (aware, 38);
  g_autoptr (GSubprocess) holder = jd_test_hold_write (f->t.path, 60);
  gint64 start = g_get_monotonic_time ();
  jd_surveys_view_submit (view);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 300 * 1000);
  g_assert_nonnull (find_widget (widget, is_button_labelled, "Saving…"));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (aware)));
  ticks = 0;
  WAIT_FOR (ticks >= 20);
  g_assert_cmpuint (count (ledger, "awareness_survey"), ==, 0);
  let_go (holder);
  g_clear_object (&holder);
  WAIT_FOR (count (ledger, "awareness_survey") == 1);
  WAIT_FOR (shows_prefix (widget, "2024-03-02 · 38 of 40 aware"));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (aware)));
  g_assert_nonnull (find_widget (widget, is_button_labelled, "_Record Survey"));

  /* Held past the busy timeout: said under the form, what was typed kept. */
  jd_ledger_set_busy_timeout (ledger, 600);
  gtk_spin_button_set_value (aware, 39);
  holder = jd_test_hold_write (f->t.path, 60);
  jd_surveys_view_submit (view);
  ticks = 0;
  GtkLabel *error_label = jd_surveys_view_get_error_label (view);
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (error_label))
            && starts (gtk_label_get_text (error_label), "Nothing was saved"));
  g_assert_cmpuint (ticks, >=, 3);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (aware)));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (aware), ==, 39);
  g_assert_cmpuint (count (ledger, "awareness_survey"), ==, 1);
  /* A survey the store refuses is still refused with its reason, as before. */
  let_go (holder);
  g_clear_object (&holder);
  gtk_spin_button_set_value (aware, 41);
  jd_surveys_view_submit (view);
  WAIT_FOR (gtk_widget_is_sensitive (GTK_WIDGET (aware)));
  g_assert_cmpstr (gtk_label_get_text (error_label), ==,
                   "aware: 41 aware is more than the 40 asked");
  g_assert_cmpuint (count (ledger, "awareness_survey"), ==, 1);

  /* Deleted while the other program writes: its button takes no second click;
   * out of the ledger once it lets go. */
  jd_ledger_set_busy_timeout (ledger, 20000);
  holder = jd_test_hold_write (f->t.path, 60);
  start = g_get_monotonic_time ();
  g_assert_cmpint (jd_surveys_view_delete (view, first_survey (ledger)), ==, JD_SAVE_WAITING);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 300 * 1000);
  GtkWidget *deleting = find_widget (widget, is_deleting_button, NULL);
  g_assert_nonnull (deleting);
  g_assert_false (gtk_widget_is_sensitive (deleting));
  ticks = 0;
  WAIT_FOR (ticks >= 20);
  g_assert_cmpuint (count (ledger, "awareness_survey"), ==, 1);
  let_go (holder);
  g_clear_object (&holder);
  WAIT_FOR (count (ledger, "awareness_survey") == 0);
  WAIT_FOR (!shows_prefix (widget, "2024-03-02 · "));

  /* Past the busy timeout: not deleted, said so, the button back. */
  gtk_spin_button_set_value (aware, 38);
  jd_surveys_view_submit (view);
  WAIT_FOR (count (ledger, "awareness_survey") == 1);
  jd_ledger_set_busy_timeout (ledger, 600);
  holder = jd_test_hold_write (f->t.path, 60);
  g_assert_cmpint (jd_surveys_view_delete (view, first_survey (ledger)), ==, JD_SAVE_WAITING);
  g_assert_nonnull (find_widget (widget, is_deleting_button, NULL));
  WAIT_FOR (find_widget (widget, is_deleting_button, NULL) == NULL);
  WAIT_FOR (shows_prefix (GTK_WIDGET (window), "Nothing was saved"));
  g_assert_cmpuint (count (ledger, "awareness_survey"), ==, 1);
  g_assert_true (shows_prefix (widget, "2024-03-02 · 38 of 40 aware"));
  let_go (holder);
  g_clear_object (&holder);

  /* The activity's quick entry while the other program writes: it says it is
   * saving, and closes once the activity is in. */
  guint before = count (ledger, "activity");
  jd_ledger_set_busy_timeout (ledger, 20000);
  AdwMessageDialog *dialog = g_object_ref (quick_entry (page, "禁毒电影"));
  GtkWidget *theme = jd_form_dialog_get_row (jd_form_dialog_get (dialog), "title");
  holder = jd_test_hold_write (f->t.path, 60);
  start = g_get_monotonic_time ();
  adw_message_dialog_response (dialog, "add");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 300 * 1000);
  g_assert_true (starts (adw_message_dialog_get_body (dialog), "Saving…"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  g_assert_false (gtk_widget_is_sensitive (theme));
  ticks = 0;
  WAIT_FOR (ticks >= 20);
  g_assert_cmpuint (count (ledger, "activity"), ==, before);
  let_go (holder);
  g_clear_object (&holder);
  WAIT_FOR (count (ledger, "activity") == before + 1);
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_clear_object (&dialog);

  /* Past the busy timeout: said in the quick entry, the theme kept. */
  jd_ledger_set_busy_timeout (ledger, 600);
  dialog = g_object_ref (quick_entry (page, "禁毒讲座"));
  theme = jd_form_dialog_get_row (jd_form_dialog_get (dialog), "title");
  holder = jd_test_hold_write (f->t.path, 60);
  adw_message_dialog_response (dialog, "add");
  ticks = 0;
  WAIT_FOR (find_widget (GTK_WIDGET (dialog), is_label_starting, "Nothing was saved") != NULL);
  g_assert_cmpuint (ticks, >=, 3);
  g_assert_true (gtk_widget_is_sensitive (theme));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (theme)), ==, "禁毒讲座");
  g_assert_cmpuint (count (ledger, "activity"), ==, before + 1);
  let_go (holder);
  g_clear_object (&holder);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&dialog);
  g_source_remove (tick);
}

static void
test_village_page (Fixture *f, gconstpointer data)
{
  run_app (f, village_page, "--db", f->t.path, "--today", "2024-03-05", "--section", "villages",
           NULL);
}

static void
test_assessment (Fixture *f, gconstpointer data)
{
  run_app (f, assessment, "--db", f->t.path, "--today", "2024-03-05", "--section", "villages",
           NULL);
}

static void
test_activities (Fixture *f, gconstpointer data)
{
  run_app (f, activities, "--db", f->t.path, "--today", "2024-03-05", "--section", "activities",
           NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/page-saves-beside-lock/title-and-record", Fixture, NULL, fixture_set_up,
              test_village_page, fixture_tear_down);
  g_test_add ("/page-saves-beside-lock/assessment-and-yellow-card", Fixture, NULL, fixture_set_up,
              test_assessment, fixture_tear_down);
  g_test_add ("/page-saves-beside-lock/survey-and-activity", Fixture, NULL, fixture_set_up,
              test_activities, fixture_tear_down);
  return g_test_run ();
}
