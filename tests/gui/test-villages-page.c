/* test-villages-page.c: the villages and assessments sections under Xvfb
 *
 * The application runs in this process on a small ledger made here through
 * jd-store.h, with --today 2024-03-05. The tests walk a village's title through
 * the village page's actions, record an assessment through its dialog, and read
 * the township readiness overview, against numbers worked out by hand below.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "jd-application.h"
#include "jd-assessment-dialog.h"
#include "jd-assessments-page.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-id-number.h"
#include "jd-mask.h"
#include "jd-person-window.h"
#include "jd-readiness.h"
#include "jd-store.h"
#include "jd-village-detail.h"
#include "jd-village-list.h"
#include "jd-village-page.h"
#include "jd-villages-page.h"
#include "jd-test-ui.h"
#include "jd-window.h"

/* The two villages' ids, set by the fixture. */
static gint64 v01, v02;

/* The fixture, and its readiness in 2023 (as of 2023-12-31), worked out by hand
 * from docs/contract.md §4 "Readiness against the ten standards":
 *
 *   V01 东村   education site; 张伟 first found 2020-05-01, address, at large
 *              since 2020-05-01; letters village_group and village_household
 *              signed in 2023; no activities.
 *              1 met (nobody missing) · 2 met (nobody under a community measure,
 *              no relapse) · 3 met (valid ID, address, status) · 4 met (both
 *              letters, no community persons) · 5 met (found in 2020) · 7 not
 *              met (no month has 4 activities) · 8 met · 6, 9, 10 manual
 *              → 6 met, 1 not met, 3 to be confirmed
 *   V02 西村   no site; 李红 first found 2023-06-01, no address, missing since
 *              2023-07-01; no letters.
 *              1 not met (missing) · 2 not met (she is a current user: found
 *              in 2023, and a missing person is never abstinent) · 3 not met
 *              (no address) · 4 not met (no letters) · 5 not met (new in 2023)
 *              · 7 not met · 8 not met · 6, 9, 10 manual
 *              → 0 met, 7 not met, 3 to be confirmed
 *   V03 南村   retired on 2020-01-01: not in the 2023 overview.
 */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_autoptr (JdLedger) ledger = fixture_init_ledger (f, "jd-villages-XXXXXX");
  const JdVillageRecord villages[] = {
    { .code = "V01", .name = "东村", .kind = "village", .education_site = TRUE, .grid_count = 3 },
    { .code = "V02", .name = "西村", .kind = "village" },
    { .code = "V03", .name = "南村", .kind = "village", .retired_on = jd_day_new (2020, 1, 1) },
  };
  gint64 v[3];
  for (guint i = 0; i < G_N_ELEMENTS (villages); i++)
    {
      g_assert_cmpint (jd_store_village (ledger, &villages[i], &v[i], &error), ==, JD_STORE_ADDED);
      g_assert_no_error (error);
    }
  v01 = v[0];
  v02 = v[1];

  g_autofree char *a = jd_test_complete_id_number ("44158119850312101");
  g_autofree char *b = jd_test_complete_id_number ("44158119781120302");
  JdPersonRecord zhang = { .id_number = a,
                           .name = "张伟",
                           .village_id = v[0],
                           .residence_address = "东村一组5号",
                           .first_found_on = jd_day_new (2020, 5, 1) };
  JdPersonRecord li = {
    .id_number = b, .name = "李红", .village_id = v[1], .first_found_on = jd_day_new (2023, 6, 1)
  };
  gint64 zhang_id = 0, li_id = 0;
  g_assert_cmpint (jd_store_person (ledger, &zhang, &zhang_id, &error), ==, JD_STORE_ADDED);
  g_assert_cmpint (jd_store_person (ledger, &li, &li_id, &error), ==, JD_STORE_ADDED);
  JdStatusRecord at_large
      = { .person_id = zhang_id, .status = "at_large", .started_on = jd_day_new (2020, 5, 1) };
  JdStatusRecord missing
      = { .person_id = li_id, .status = "missing", .started_on = jd_day_new (2023, 7, 1) };
  g_assert_cmpint (jd_store_status (ledger, &at_large, &error), ==, JD_STORE_ADDED);
  g_assert_cmpint (jd_store_status (ledger, &missing, &error), ==, JD_STORE_ADDED);
  JdLetterRecord group = { .village_id = v[0],
                           .level = "village_group",
                           .signed_on = jd_day_new (2023, 3, 1),
                           .party = "一组",
                           .copies = 2 };
  JdLetterRecord household = { .village_id = v[0],
                               .level = "village_household",
                               .signed_on = jd_day_new (2023, 3, 2),
                               .copies = -1 };
  g_assert_cmpint (jd_store_letter (ledger, &group, &error), ==, JD_STORE_ADDED);
  g_assert_cmpint (jd_store_letter (ledger, &household, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

/* `jindu --db LEDGER --today 2024-03-05 --section SECTION`, then body. */
static void
run_on (Fixture *f, TestBody body, const char *section)
{
  run_app (f, body, "--db", f->t.path, "--today", "2024-03-05", "--section", section, NULL);
}

/* ---- what is on screen ------------------------------------------------------------ */

/* The preferences row titled title under root (the form's fields). */
static GtkWidget *
find_row (GtkWidget *root, const char *title)
{
  return find_widget (root, is_row_titled, title);
}

static GtkWidget *
find_list_view (GtkWidget *root)
{
  if (GTK_IS_LIST_VIEW (root) && g_str_equal (gtk_widget_get_name (root), "persons"))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_of_type (GtkWidget *root, GType type)
{
  return find_widget (root, is_type, GSIZE_TO_POINTER (type));
}

static GtkWindow *
find_person_window (void)
{
  return find_toplevel (JD_TYPE_PERSON_WINDOW);
}

static char *
village_name (JdWindow *window, gint64 village_id)
{
  g_autoptr (GListStore) villages = jd_village_list_load (window_ledger (window), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (villages)); i++)
    {
      g_autoptr (JdVillageItem) item = g_list_model_get_item (G_LIST_MODEL (villages), i);
      if (jd_village_item_get_id (item) == village_id)
        return g_strdup (jd_village_item_get_name (item));
    }
  return NULL;
}

static JdVillagePage *
open_village (JdWindow *window, gint64 village_id)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdVillagesPage *villages = JD_VILLAGES_PAGE (jd_window_get_page (window, "villages"));
  g_assert_nonnull (villages);
  jd_villages_page_open_village (villages, village_id);
  JdVillagePage *page = jd_villages_page_get_village_page (villages);
  g_assert_nonnull (page);
  g_assert_cmpint (jd_village_page_get_village_id (page), ==, village_id);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (page)));
  return page;
}

static void
step (JdVillagePage *page, const char *event, int year, int month, int day)
{
  jd_village_page_set_step_date (page, jd_day_new (year, month, day));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "village.title-event", "s", event));
  /* Another connection of the program (the daily backup's audit entry) may
   * hold the write lock a moment: the step then goes in from the main loop. */
  const char *said;
  WAIT_FOR ((said = jd_village_page_get_message (page)) == NULL
            || !g_str_has_prefix (said, "Saving…"));
}

static guint
count_title_events (JdWindow *window, gint64 village_id)
{
  g_autoptr (GPtrArray) events
      = jd_village_load_title_events (window_ledger (window), village_id, NULL, NULL);
  return events ? events->len : G_MAXUINT;
}

/* ---- tests ------------------------------------------------------------------------ */

static void
title_workflow (Fixture *f, JdWindow *window)
{
  JdVillagePage *page = open_village (window, v01);
  GtkWidget *widget = GTK_WIDGET (page);

  /* Not applied: the page offers to apply, not to name. */
  g_assert_cmpint (jd_village_page_get_stage (page), ==, JD_TITLE_STAGE_NONE);
  g_assert_true (shows_line (widget, "Not applied"));
  g_assert_true (shows_line (widget, "Applied"));
  g_assert_false (shows_line (widget, "Named"));

  /* A yellow card before naming is refused with the rule, and nothing is written. */
  step (page, "yellow_card", 2024, 1, 5);
  g_assert_nonnull (jd_village_page_get_message (page));
  g_assert_nonnull (strstr (jd_village_page_get_message (page),
                            "only a village that holds the title can be reviewed, warned or have "
                            "it revoked"));
  g_assert_true (shows_line (widget, jd_village_page_get_message (page)));
  g_assert_cmpuint (count_title_events (window, v01), ==, 0);
  g_assert_cmpint (jd_village_page_get_stage (page), ==, JD_TITLE_STAGE_NONE);

  /* Apply → accept → assess → name; a round lasts six months from the application. */
  step (page, "applied", 2023, 1, 5);
  g_assert_null (jd_village_page_get_message (page));
  g_assert_cmpint (jd_village_page_get_stage (page), ==, JD_TITLE_STAGE_APPLIED);
  step (page, "accepted", 2023, 1, 10);
  g_assert_cmpint (jd_village_page_get_stage (page), ==, JD_TITLE_STAGE_ACCEPTED);
  /* Naming before the assessment is refused too. */
  step (page, "named", 2023, 1, 12);
  g_assert_nonnull (strstr (jd_village_page_get_message (page),
                            "a village is named only after it passed the assessment"));
  step (page, "assessed_pass", 2023, 7, 4);
  g_assert_nonnull (
      strstr (jd_village_page_get_message (page), "a creation round lasts at least six months"));
  g_assert_cmpint (jd_village_page_get_stage (page), ==, JD_TITLE_STAGE_ACCEPTED);
  step (page, "assessed_pass", 2023, 7, 5);
  g_assert_cmpint (jd_village_page_get_stage (page), ==, JD_TITLE_STAGE_PASSED);
  step (page, "named", 2023, 7, 20);
  g_assert_cmpint (jd_village_page_get_stage (page), ==, JD_TITLE_STAGE_NAMED);
  g_assert_cmpuint (count_title_events (window, v01), ==, 4);
  /* The history shows each step with its date; the buttons now offer the
   * yellow card and no longer the application. */
  g_assert_true (shows_line (widget, "2023-07-20  Named"));
  g_assert_true (shows_line (widget, "2023-01-05  Applied"));
  g_assert_true (shows_line (widget, "Yellow card"));
  g_assert_false (shows_line (widget, "Applied"));

  /* A yellow card gives its ground; the history shows it. */
  step (page, "yellow_card:ranking", 2023, 9, 1);
  g_assert_cmpint (jd_village_page_get_stage (page), ==, JD_TITLE_STAGE_YELLOW_CARD);
  g_assert_true (shows_line (widget, "Ground: Low in the assessment ranking"));
  /* The second consecutive yellow card revokes the title, and the page says so. */
  step (page, "yellow_card:sewage", 2024, 3, 1);
  g_assert_cmpint (jd_village_page_get_stage (page), ==, JD_TITLE_STAGE_REVOKED);
  g_assert_nonnull (strstr (jd_village_page_get_message (page),
                            "Second consecutive yellow card: the title is revoked"));
  g_assert_true (shows_line (widget, "Revoked"));
  g_assert_true (shows_line (widget, "2024-03-01  Title revoked"));
  g_assert_true (
      shows_line (widget, "Ground: Two consecutive yellow cards · 连续两次黄牌警告，取消称号"));
  g_assert_cmpuint (count_title_events (window, v01), ==, 7);

  /* Back in the list (nothing to discard), the village's row shows its stage. */
  JdVillagesPage *villages = JD_VILLAGES_PAGE (jd_window_get_page (window, "villages"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (villages), "villages.back", NULL));
  g_assert_null (jd_villages_page_get_village_page (villages));
  GtkWidget *list = GTK_WIDGET (jd_villages_page_get_view (villages));
  WAIT_FOR (gtk_widget_get_mapped (list) && shows_line (list, "Revoked"));
  g_assert_true (shows_line (list, "Not applied")); /* V02 and V03 */
}

static void
test_title_workflow (Fixture *f, gconstpointer data)
{
  run_on (f, title_workflow, "villages");
}

static JdAssessmentDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (JD_IS_ASSESSMENT_DIALOG (window))
        return JD_ASSESSMENT_DIALOG (window);
    }
  return NULL;
}

/* The message dialog offering a yellow card after an assessment. */
static AdwMessageDialog *
find_yellow_offer (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window)
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)),
                        "Record a Yellow Card?")
                 == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
assessment (Fixture *f, JdWindow *window)
{
  JdVillagePage *page = open_village (window, v02);
  JdLedger *ledger = window_ledger (window);
  jd_village_page_set_year (page, 2023);

  /* The readiness names 李红 with her ID number masked, and the persons group
   * counts the statuses today: one missing. */
  g_autofree char *li = jd_test_complete_id_number ("44158119781120302");
  g_autofree char *masked = jd_mask_id_number (li);
  g_autofree char *missing = g_strdup_printf ("1 person missing: 李红 %s", masked);
  g_assert_true (shows_line (GTK_WIDGET (page), missing));
  g_autofree char *counts = g_strdup_printf ("Managed by this village; today: %s 1",
                                             jd_enum_label (JD_ENUM_STATUS, "missing"));
  g_assert_true (shows_line (GTK_WIDGET (page), counts));

  /* Activating her row opens her person window (win.open-person). */
  GtkWidget *persons = find_list_view (GTK_WIDGET (page));
  g_assert_nonnull (persons);
  WAIT_FOR (gtk_widget_get_mapped (persons));
  g_autofree char *li_row = g_strdup_printf ("李红  %s", masked);
  WAIT_FOR (shows_line (persons, li_row));
  g_assert_true (gtk_widget_activate_action (persons, "list.activate-item", "u", 0));
  WAIT_FOR (find_person_window () != NULL);
  gtk_window_destroy (find_person_window ());
  WAIT_FOR (find_person_window () == NULL);

  /* Prefilled from the 2023 readiness: 1 and 2 not met, 6 to be confirmed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "village.assess", NULL));
  JdAssessmentDialog *dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (jd_assessment_dialog_get_verdict (dialog, 1), ==, 0);
  g_assert_cmpint (jd_assessment_dialog_get_verdict (dialog, 2), ==, 0);
  g_assert_cmpint (jd_assessment_dialog_get_verdict (dialog, 6), ==, -1);

  /* A pass for a village that never applied is refused, and nothing is saved. */
  jd_assessment_dialog_set_result (dialog, "assessed_pass");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "assessment.save", NULL));
  WAIT_FOR (!g_str_has_prefix (jd_assessment_dialog_get_message (dialog), "Saving…"));
  g_assert_nonnull (jd_assessment_dialog_get_message (dialog));
  g_assert_nonnull (strstr (jd_assessment_dialog_get_message (dialog),
                            "only an accepted application can be assessed"));
  g_autoptr (GPtrArray) none = jd_village_load_assessments (ledger, v02, NULL);
  g_assert_cmpuint (none->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_FOR (find_dialog () == NULL);

  step (page, "applied", 2023, 9, 1); /* six months before the pass of 2024-03-05 */
  step (page, "accepted", 2023, 9, 20);
  g_assert_cmpint (jd_village_page_get_stage (page), ==, JD_TITLE_STAGE_ACCEPTED);

  /* Staff confirm standard 6 with 10 points and a note, and record a pass. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "village.assess", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  jd_assessment_dialog_set_item (dialog, 6, 1, 10, "已摸排");
  jd_assessment_dialog_set_assessor (dialog, "王主任");
  jd_assessment_dialog_set_result (dialog, "assessed_pass");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "assessment.save", NULL));
  WAIT_FOR (find_dialog () == NULL);

  /* Saved: the assessment of 2023 on today (2024-03-05), 1 met (6, confirmed),
   * and the pass as a title event on the same day. */
  g_autoptr (GPtrArray) saved = jd_village_load_assessments (ledger, v02, NULL);
  g_assert_cmpuint (saved->len, ==, 1);
  JdVillageAssessment *a = g_ptr_array_index (saved, 0);
  g_assert_cmpint (a->year, ==, 2023);
  g_assert_cmpuint (a->assessed_on, ==, jd_day_new (2024, 3, 5));
  g_assert_cmpstr (a->assessor, ==, "王主任");
  g_assert_cmpint (a->items[5].verdict, ==, 1);
  g_assert_cmpint (a->items[5].finding, ==, -1);
  g_assert_cmpfloat (a->items[5].points, ==, 10);
  g_assert_cmpstr (a->items[5].note, ==, "已摸排");
  g_assert_cmpint (a->items[0].verdict, ==, 0);
  g_assert_cmpuint (jd_village_assessment_count_met (a), ==, 1);

  GtkWidget *widget = GTK_WIDGET (page);
  g_assert_cmpint (jd_village_page_get_stage (page), ==, JD_TITLE_STAGE_PASSED);
  g_assert_true (shows_line (widget, "2024-03-05  Passed assessment"));
  g_assert_true (shows_line (widget, "Assessment of 2023"));
  g_assert_true (shows_line (widget, "2023: 1 of 10 standards met, 10.0 points"));
  g_assert_true (shows_line (widget, "Assessed on 2024-03-05 by 王主任"));

  /* Named; saving the same year again updates that assessment rather than adding one. */
  step (page, "named", 2024, 3, 5);
  g_assert_cmpint (jd_village_page_get_stage (page), ==, JD_TITLE_STAGE_NAMED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "village.assess", NULL));
  dialog = find_dialog ();
  g_assert_cmpint (jd_assessment_dialog_get_verdict (dialog, 6), ==, 1);
  jd_assessment_dialog_set_item (dialog, 9, 1, 5, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "assessment.save", NULL));
  WAIT_FOR (find_dialog () == NULL);
  g_autoptr (GPtrArray) again = jd_village_load_assessments (ledger, v02, NULL);
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_cmpuint (jd_village_assessment_count_met (g_ptr_array_index (again, 0)), ==, 2);
  g_assert_true (shows_line (widget, "2023: 2 of 10 standards met, 15.0 points"));

  /* The village holds the title and standards 1 and 2 are not met: the window
   * offers a yellow card (ground ranking) and records none by itself. */
  AdwMessageDialog *offer = find_yellow_offer ();
  g_assert_nonnull (offer);
  g_assert_cmpint (jd_village_page_get_stage (page), ==, JD_TITLE_STAGE_NAMED);
  adw_message_dialog_response (offer, "yellow");
  gtk_window_destroy (GTK_WINDOW (offer));
  WAIT_FOR (jd_village_page_get_stage (page) == JD_TITLE_STAGE_YELLOW_CARD);
  g_autoptr (GPtrArray) events = jd_village_load_title_events (ledger, v02, NULL, NULL);
  JdVillageTitleEvent *card = g_ptr_array_index (events, events->len - 1);
  g_assert_cmpstr (card->event, ==, "yellow_card");
  g_assert_cmpstr (card->ground, ==, "ranking");
  g_assert_cmpint (card->occurred_on, ==, jd_day_new (2024, 3, 5));
}

static void
test_assessment (Fixture *f, gconstpointer data)
{
  run_on (f, assessment, "villages");
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
record_form (Fixture *f, JdWindow *window)
{
  JdVillagePage *page = open_village (window, v01);
  JdVillagesPage *villages = JD_VILLAGES_PAGE (jd_window_get_page (window, "villages"));
  GtkWidget *widget = GTK_WIDGET (page);
  GtkWidget *name = find_row (widget, "Name");
  GtkWidget *retired = find_row (widget, "Retired On (merged or dissolved)");
  g_assert_nonnull (name);
  g_assert_nonnull (retired);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "东村");

  /* An empty name is marked as you type, and saving is refused. */
  gtk_editable_set_text (GTK_EDITABLE (name), "");
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  g_assert_true (shows_line (widget, "Name: a village needs a name"));
  g_assert_true (jd_village_page_get_dirty (page));
  gtk_widget_activate_action (widget, "village.save", NULL);
  g_autofree char *unchanged = village_name (window, v01);
  g_assert_cmpstr (unchanged, ==, "东村");

  /* So is a date that is no date. */
  gtk_editable_set_text (GTK_EDITABLE (name), "东村村");
  g_assert_false (gtk_widget_has_css_class (name, "error"));
  gtk_editable_set_text (GTK_EDITABLE (retired), "2024-02-30");
  g_assert_true (gtk_widget_has_css_class (retired, "error"));
  g_assert_true (
      shows_line (widget, "Retired on: “2024-02-30” is not a date (write it as 2024-03-05)"));
  gtk_widget_activate_action (widget, "village.save", NULL);
  g_autofree char *still = village_name (window, v01);
  g_assert_cmpstr (still, ==, "东村");

  /* Corrected, it saves. */
  gtk_editable_set_text (GTK_EDITABLE (retired), "");
  g_assert_true (gtk_widget_activate_action (widget, "village.save", NULL));
  WAIT_FOR (!jd_village_page_get_dirty (page));
  g_autofree char *saved = village_name (window, v01);
  g_assert_cmpstr (saved, ==, "东村村");

  /* Going back with changes not saved asks first; keeping them stays on the page. */
  gtk_editable_set_text (GTK_EDITABLE (name), "北村");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (villages), "villages.back", NULL));
  AdwMessageDialog *dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  g_assert_true (jd_villages_page_get_village_page (villages) == page);
  /* A response given in code leaves the dialog to its caller to close. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_FOR (find_message_dialog () == NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (villages), "villages.back", NULL));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (jd_villages_page_get_village_page (villages));
  g_autofree char *kept = village_name (window, v01);
  g_assert_cmpstr (kept, ==, "东村村");

  /* The section holds the letters and the staff roster as further views, so its
   * switcher shows, and a view added later can be chosen. */
  GtkWidget *switcher = find_of_type (GTK_WIDGET (villages), ADW_TYPE_VIEW_SWITCHER_TITLE);
  g_assert_nonnull (switcher);
  g_assert_true (gtk_widget_get_visible (switcher));
  AdwViewStack *stack = ADW_VIEW_STACK (find_of_type (GTK_WIDGET (villages), ADW_TYPE_VIEW_STACK));
  g_assert_nonnull (adw_view_stack_get_child_by_name (stack, "letters"));
  g_assert_nonnull (adw_view_stack_get_child_by_name (stack, "staff"));
  GtkWidget *extra = gtk_label_new ("another view");
  jd_villages_page_add_view (villages, "extra", "Extra", "x-office-document-symbolic", extra);
  adw_view_stack_set_visible_child_name (stack, "extra");
  WAIT_FOR (gtk_widget_get_mapped (extra));
}

static void
test_record_form (Fixture *f, gconstpointer data)
{
  run_on (f, record_form, "villages");
}

static int
find_row_position (GListModel *model, const char *code)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) row = g_list_model_get_item (model, i);
      g_autofree char *row_code = NULL;
      g_object_get (row, "code", &row_code, NULL);
      if (g_str_equal (row_code, code))
        return i;
    }
  return -1;
}

static void
overview (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdAssessmentsPage *page = JD_ASSESSMENTS_PAGE (jd_window_get_page (window, "assessments"));
  g_assert_nonnull (page);
  WAIT_FOR (!jd_assessments_page_get_loading (page));
  jd_assessments_page_set_year (page, 2023);
  WAIT_FOR (!jd_assessments_page_get_loading (page));
  g_assert_cmpstr (jd_section_page_get_subtitle (JD_SECTION_PAGE (page)), ==, "Readiness in 2023");

  /* V03 retired in 2020: two rows, the one with more standards met first. */
  GListModel *model = jd_assessments_page_get_model (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpint (find_row_position (model, "V01"), ==, 0);
  g_assert_cmpint (find_row_position (model, "V02"), ==, 1);

  static const struct
  {
    const char *code;
    int met, not_met, manual;
    int findings[10];
  } expected[] = {
    { "V01", 6, 1, 3, { 1, 1, 1, 1, 1, -1, 0, 1, -1, -1 } },
    { "V02", 0, 7, 3, { 0, 0, 0, 0, 0, -1, 0, 0, -1, -1 } },
  };
  g_autoptr (GPtrArray) readiness = jd_readiness_compute (window_ledger (window), 2023, 0, 0, NULL);
  g_assert_cmpuint (readiness->len, ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      int position = find_row_position (model, expected[i].code);
      g_autoptr (GObject) row = g_list_model_get_item (model, position);
      int met, not_met, manual;
      g_object_get (row, "met", &met, "not-met", &not_met, "manual", &manual, NULL);
      g_assert_cmpint (met, ==, expected[i].met);
      g_assert_cmpint (not_met, ==, expected[i].not_met);
      g_assert_cmpint (manual, ==, expected[i].manual);
      JdVillageReadiness *r = g_ptr_array_index (readiness, i);
      g_assert_cmpstr (r->code, ==, expected[i].code);
      for (int no = 1; no <= 10; no++)
        {
          g_assert_cmpint (jd_assessments_page_get_finding (page, position, no), ==,
                           expected[i].findings[no - 1]);
          g_assert_cmpint (r->standards[no - 1].met, ==, expected[i].findings[no - 1]);
        }
    }

  /* Sorting by standard 1 ascending puts V02 (not met) first. */
  GtkColumnView *view = jd_assessments_page_get_view (page);
  g_autoptr (GtkColumnViewColumn) first
      = g_list_model_get_item (gtk_column_view_get_columns (view), 3);
  gtk_column_view_sort_by_column (view, first, GTK_SORT_ASCENDING);
  g_assert_cmpint (find_row_position (model, "V02"), ==, 0);
  /* By code again: V01 first. */
  g_autoptr (GtkColumnViewColumn) code
      = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
  gtk_column_view_sort_by_column (view, code, GTK_SORT_ASCENDING);
  g_assert_cmpint (find_row_position (model, "V01"), ==, 0);
}

static void
test_overview (Fixture *f, gconstpointer data)
{
  run_on (f, overview, "assessments");
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/villages/title-workflow", Fixture, NULL, fixture_set_up, test_title_workflow,
              fixture_tear_down);
  g_test_add ("/villages/assessment", Fixture, NULL, fixture_set_up, test_assessment,
              fixture_tear_down);
  g_test_add ("/villages/record-form", Fixture, NULL, fixture_set_up, test_record_form,
              fixture_tear_down);
  g_test_add ("/villages/overview", Fixture, NULL, fixture_set_up, test_overview,
              fixture_tear_down);

  return g_test_run ();
}
