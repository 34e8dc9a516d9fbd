/* test-person-window.c: the person window and the quick follow-up entry, under Xvfb
 *
 * Each test starts the application on a ledger with one village, V01 东村, and
 * today pinned to 2024-03-05, and works the way a desk clerk would: a new
 * person through win.open-person 0, a status, a talk through
 * win.record-followup, and a follow-up deleted, undone and deleted for good.
 * The ID numbers: 11010519491231002X is valid (check digit X; digit 17 is 2,
 * so female; born 1949-12-31); 110105194912310021 is the same with a wrong
 * check digit.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "jd-application.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-followup-dialog.h"
#include "jd-person-window.h"
#include "jd-person.h"
#include "jd-store.h"
#include "jd-test-ui.h"
#include "jd-window.h"

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_autoptr (JdLedger) ledger = fixture_init_ledger (f, "jd-person-XXXXXX");
  const JdVillageRecord village = { .code = "V01", .name = "东村", .resident_population = 2000 };
  g_assert_cmpint (jd_store_village (ledger, &village, NULL, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

/* ---- finding what is on screen ------------------------------------------------ */

static void
show_page (JdPersonWindow *person, const char *name)
{
  AdwViewStack *stack = ADW_VIEW_STACK (
      find_widget (GTK_WIDGET (person), is_type, GSIZE_TO_POINTER (ADW_TYPE_VIEW_STACK)));
  adw_view_stack_set_visible_child_name (stack, name);
}

static guint
enum_index (JdEnum which, const char *key)
{
  guint n;
  const JdEnumValue *values = jd_enum_values (which, &n);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (values[i].key, key))
      return i;
  g_assert_not_reached ();
}

static void
count_cb (JdLedger *ledger, JdChanges changes, guint *count)
{
  g_assert_true (changes & JD_CHANGE_FOLLOWUPS);
  (*count)++;
}

/* ---- tests ------------------------------------------------------------------------ */

static JdPersonWindow *
register_person (JdWindow *window)
{
  JdLedger *ledger = window_ledger (window);

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "win.open-person", "x", (gint64)0));
  JdPersonWindow *person = JD_PERSON_WINDOW (find_toplevel (JD_TYPE_PERSON_WINDOW));
  g_assert_nonnull (person);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (person)) == GTK_WINDOW (window));
  g_assert_cmpint (jd_person_window_get_person_id (person), ==, 0);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (person)), ==, "New Person");
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (person)));

  /* A wrong check digit: the row says why as it is typed, and Save refuses. */
  GtkWidget *id_row = jd_person_window_get_field (person, "id_number");
  gtk_editable_set_text (GTK_EDITABLE (id_row), "110105194912310021");
  g_assert_true (gtk_widget_has_css_class (id_row, "error"));
  g_assert_nonnull (jd_row_get_error (id_row));
  g_assert_true (shows_line (id_row, jd_row_get_error (id_row)));
  gtk_editable_set_text (GTK_EDITABLE (jd_person_window_get_field (person, "name")), "张三");
  gtk_editable_set_text (GTK_EDITABLE (jd_person_window_get_field (person, "first_found_on")),
                         "2020/5/1");
  GtkWidget *village = jd_person_window_get_field (person, "residence_village");
  /* Row 0 is "Choose a village": none chosen is refused too. */
  g_assert_false (jd_person_window_save (person));
  g_assert_true (gtk_widget_has_css_class (village, "error"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (village), 1);
  g_assert_false (gtk_widget_has_css_class (village, "error"));
  g_assert_true (jd_person_window_get_modified (person));
  g_assert_false (jd_person_window_save (person));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person), "person.save", NULL));
  g_assert_cmpint (jd_ledger_count (ledger, "person"), ==, 0);

  /* Corrected: sex and birth date come from the number; Save writes one person. */
  gtk_editable_set_text (GTK_EDITABLE (id_row), "11010519491231002x");
  g_assert_false (gtk_widget_has_css_class (id_row, "error"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (jd_person_window_get_field (person, "sex"))), ==,
                   "Female");
  g_assert_cmpstr (
      gtk_label_get_text (GTK_LABEL (jd_person_window_get_field (person, "birth_date"))), ==,
      "1949-12-31");
  g_assert_true (jd_person_window_save (person));
  g_assert_cmpint (jd_ledger_count (ledger, "person"), ==, 1);
  g_assert_cmpint (jd_person_window_get_person_id (person), ==,
                   jd_store_find_person (ledger, "11010519491231002X"));
  g_assert_false (jd_person_window_get_modified (person));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (person)), ==, "张三");
  return person;
}

static void
person_and_followups (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdLedger *ledger = window_ledger (window);
  JdPersonWindow *person = register_person (window);
  gint64 id = jd_person_window_get_person_id (person);

  /* The same person again: the same window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-person", "x", id));
  g_assert_true (find_toplevel (JD_TYPE_PERSON_WINDOW) == GTK_WINDOW (person));

  /* A status: community detox from today, planned end three years on: 2027-03-05. */
  show_page (person, "status");
  press_shortcut (GTK_WIDGET (person), GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  GtkWidget *status_row = find_widget (GTK_WIDGET (dialog), is_row_titled, "Status");
  GtkWidget *end_row = find_widget (GTK_WIDGET (dialog), is_row_titled, "Planned End");
  adw_combo_row_set_selected (ADW_COMBO_ROW (status_row),
                              enum_index (JD_ENUM_STATUS, "compulsory"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end_row)), ==, "2026-03-05");
  adw_combo_row_set_selected (ADW_COMBO_ROW (status_row),
                              enum_index (JD_ENUM_STATUS, "community_detox"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end_row)), ==, "2027-03-05");
  adw_message_dialog_response (dialog, "add");
  g_assert_cmpint (jd_ledger_count (ledger, "status_span"), ==, 1);
  const char *detox = jd_enum_label (JD_ENUM_STATUS, "community_detox");
  WAIT_FOR (shows_line (GTK_WIDGET (person), detox));
  WAIT_FOR (shows_line (GTK_WIDGET (person), "2024-03-05 – now · planned end 2027-03-05"));

  /* A talk today through the quick entry: Enter on the date saves it, and the
   * ledger announces the follow-up written, once. */
  guint changed = 0;
  gulong handler = g_signal_connect (ledger, "changed", G_CALLBACK (count_cb), &changed);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "win.record-followup", "(xs)", id, "talk"));
  JdFollowupDialog *quick = JD_FOLLOWUP_DIALOG (find_toplevel (JD_TYPE_FOLLOWUP_DIALOG));
  g_assert_nonnull (quick);
  g_assert_cmpint (jd_followup_dialog_get_person_id (quick), ==, id);
  GtkWidget *date_row = find_widget (GTK_WIDGET (quick), is_row_titled, "Date");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_row)), ==, "2024-03-05");
  /* A bad date is said on the row and saves nothing. */
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2024-02-30");
  g_assert_true (gtk_widget_has_css_class (date_row, "error"));
  g_assert_false (jd_followup_dialog_save (quick));
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2024-03-05");
  g_assert_false (gtk_widget_has_css_class (date_row, "error"));
  g_signal_emit_by_name (date_row, "entry-activated");
  g_assert_null (find_toplevel (JD_TYPE_FOLLOWUP_DIALOG));
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, 1);
  g_assert_cmpuint (changed, ==, 1);
  g_signal_handler_disconnect (ledger, handler);

  g_autoptr (JdPerson) record = jd_person_load (ledger, id, NULL);
  JdPersonFollowup *talk = g_ptr_array_index (record->followups, 0);
  g_assert_cmpstr (talk->kind, ==, "talk");
  g_assert_cmpuint (talk->occurred_on, ==, jd_day_new (2024, 3, 5));

  /* The person window reloaded: the talk shows on the follow-ups page. */
  show_page (person, "followups");
  const char *line = "2024-03-05 · Talk";
  WAIT_FOR (shows_line (GTK_WIDGET (person), line));

  /* Deleted: the row goes at once, the ledger keeps it until the toast goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person), "person.delete", "(ix)",
                                             (int)JD_PERSON_FOLLOWUP, talk->id));
  g_assert_cmpuint (jd_person_window_get_pending_deletions (person), ==, 1);
  WAIT_FOR (!shows_line (GTK_WIDGET (person), line));
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, 1);

  /* Undo: it is back, and still in the ledger. */
  g_autofree char *key = g_strdup_printf ("%d:%" G_GINT64_FORMAT, JD_PERSON_FOLLOWUP, talk->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person), "person.undo-delete", "s", key));
  g_assert_cmpuint (jd_person_window_get_pending_deletions (person), ==, 0);
  WAIT_FOR (shows_line (GTK_WIDGET (person), line));
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, 1);

  /* Deleted again and the toast dismissed: gone from the ledger. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person), "person.delete", "(ix)",
                                             (int)JD_PERSON_FOLLOWUP, talk->id));
  jd_person_window_commit_deletions (person);
  g_assert_cmpuint (jd_person_window_get_pending_deletions (person), ==, 0);
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, 0);
  WAIT_FOR (!shows_line (GTK_WIDGET (person), line));

  /* The history names each change: the person added, the status, the talk
   * added and deleted. */
  show_page (person, "history");
  WAIT_FOR (shows_prefix (GTK_WIDGET (person), "Deleted follow-up · "));
  g_assert_true (shows_prefix (GTK_WIDGET (person), "Added follow-up · "));
  g_assert_true (shows_prefix (GTK_WIDGET (person), "Added status · "));
  g_assert_true (shows_prefix (GTK_WIDGET (person), "Added details · "));
  g_assert_true (shows_line (GTK_WIDGET (person),
                             "status: Community detox; from: 2024-03-05; planned end: 2027-03-05"));
  g_autoptr (GPtrArray) history = jd_person_load_history (ledger, id, NULL);
  /* person insert, span insert, follow-up insert, follow-up delete = 4. */
  g_assert_cmpuint (history->len, ==, 4);

  /* From the person window, the kind chosen (Ctrl+U): a urine test today, saved
   * with Enter on the date, the result at its default (negative). */
  press_shortcut (GTK_WIDGET (person), GDK_KEY_u, GDK_CONTROL_MASK);
  quick = JD_FOLLOWUP_DIALOG (find_toplevel (JD_TYPE_FOLLOWUP_DIALOG));
  g_assert_nonnull (quick);
  date_row = find_widget (GTK_WIDGET (quick), is_row_titled, "Date");
  g_signal_emit_by_name (date_row, "entry-activated");
  g_assert_null (find_toplevel (JD_TYPE_FOLLOWUP_DIALOG));
  g_autoptr (JdPerson) again = jd_person_load (ledger, id, NULL);
  g_assert_cmpuint (again->followups->len, ==, 1);
  JdPersonFollowup *urine = g_ptr_array_index (again->followups, 0);
  g_assert_cmpstr (urine->kind, ==, "urine_test");
  g_assert_cmpstr (urine->result, ==, "negative");
  g_assert_cmpuint (urine->occurred_on, ==, jd_day_new (2024, 3, 5));
}

static void
test_person_and_followups (Fixture *f, gconstpointer data)
{
  run_app (f, person_and_followups, "--db", f->t.path, "--today", "2024-03-05", NULL);
}

static void
unsaved_changes (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdLedger *ledger = window_ledger (window);
  JdPersonWindow *person = register_person (window);

  /* An edit not saved: closing asks; Cancel keeps the window, Discard closes it. */
  gtk_editable_set_text (GTK_EDITABLE (jd_person_window_get_field (person, "name")), "张三丰");
  g_assert_true (jd_person_window_get_modified (person));
  gtk_window_close (GTK_WINDOW (person));
  AdwMessageDialog *ask = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (ask);
  adw_message_dialog_response (ask, "cancel");
  g_assert_true (find_toplevel (JD_TYPE_PERSON_WINDOW) == GTK_WINDOW (person));

  gtk_window_close (GTK_WINDOW (person));
  ask = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (ask, "save");
  WAIT_FOR (find_toplevel (JD_TYPE_PERSON_WINDOW) == NULL);
  g_autofree char *name
      = jd_person_dup_name (ledger, jd_store_find_person (ledger, "11010519491231002X"));
  g_assert_cmpstr (name, ==, "张三丰");

  /* Ctrl+Shift+N: a new person's window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-person", NULL));
  person = JD_PERSON_WINDOW (find_toplevel (JD_TYPE_PERSON_WINDOW));
  g_assert_nonnull (person);
  g_assert_cmpint (jd_person_window_get_person_id (person), ==, 0);
  /* A second person with the same ID number is refused, on the row. */
  gtk_editable_set_text (GTK_EDITABLE (jd_person_window_get_field (person, "id_number")),
                         "11010519491231002X");
  gtk_editable_set_text (GTK_EDITABLE (jd_person_window_get_field (person, "name")), "李四");
  gtk_editable_set_text (GTK_EDITABLE (jd_person_window_get_field (person, "first_found_on")),
                         "2021-01-01");
  adw_combo_row_set_selected (
      ADW_COMBO_ROW (jd_person_window_get_field (person, "residence_village")), 1);
  g_assert_false (jd_person_window_save (person));
  g_assert_true (
      gtk_widget_has_css_class (jd_person_window_get_field (person, "id_number"), "error"));
  g_assert_cmpint (jd_ledger_count (ledger, "person"), ==, 1);
  g_autofree char *still
      = jd_person_dup_name (ledger, jd_store_find_person (ledger, "11010519491231002X"));
  g_assert_cmpstr (still, ==, "张三丰");
}

static void
test_unsaved_changes (Fixture *f, gconstpointer data)
{
  run_app (f, unsaved_changes, "--db", f->t.path, "--today", "2024-03-05", NULL);
}

/* Issue 19 item 6 in the window: a use event before the first-found date
 * (2020-05-01) and anything after a death are refused on the date row, as
 * the import refuses them, and nothing is written. */
static void
date_rules (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdLedger *ledger = window_ledger (window);
  JdPersonWindow *person = register_person (window);
  gint64 id = jd_person_window_get_person_id (person);

  /* A use event the day before the first-found date: the row says why, Add is off. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person), "person.add-use-event", NULL));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  GtkWidget *date_row = find_widget (GTK_WIDGET (dialog), is_row_titled, "Date");
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2020-04-30");
  g_assert_true (gtk_widget_has_css_class (date_row, "error"));
  g_assert_cmpstr (jd_row_get_error (date_row), ==,
                   "2020-04-30 is before the person’s first-found date, 2020-05-01: nothing "
                   "about a person predates it");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2020-05-01");
  g_assert_false (gtk_widget_has_css_class (date_row, "error"));
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, "add");
  g_assert_cmpint (jd_ledger_count (ledger, "use_event"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog)); /* a button would have closed it */
  g_object_unref (dialog);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* A help-group member from 2021: a death recorded before it is refused on
   * the date row as soon as the status is chosen, and nothing is written. */
  g_autoptr (GError) member_error = NULL;
  JdHelpMemberRecord member = {
    .person_id = id, .member_name = "李帮教", .role = "cadre", .since = jd_day_new (2021, 6, 1)
  };
  g_assert_true (jd_ledger_begin (ledger, &member_error));
  g_assert_cmpint (jd_store_help_member (ledger, &member, &member_error), ==, JD_STORE_ADDED);
  g_assert_true (jd_ledger_commit (ledger, &member_error));
  g_assert_no_error (member_error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person), "person.new-status", NULL));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  GtkWidget *status_row = find_widget (GTK_WIDGET (dialog), is_row_titled, "Status");
  GtkWidget *when_row = find_widget (GTK_WIDGET (dialog), is_row_titled, "Starts On");
  gtk_editable_set_text (GTK_EDITABLE (when_row), "2021-01-01");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (status_row), enum_index (JD_ENUM_STATUS, "deceased"));
  g_assert_cmpstr (jd_row_get_error (when_row), ==,
                   "the person has a help-group member dated 2021-06-01, after this death: "
                   "nothing is recorded after a death; correct or delete that record first");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (GTK_EDITABLE (when_row), "2021-06-01"); /* the same day is fine */
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  g_assert_cmpint (jd_ledger_count (ledger, "status_span"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A death on 2023-01-10 (through the core API the window calls). */
  g_autoptr (GError) error = NULL;
  JdStatusRecord death
      = { .person_id = id, .status = "deceased", .started_on = jd_day_new (2023, 1, 10) };
  g_assert_true (jd_ledger_begin (ledger, &error));
  g_assert_cmpint (jd_store_status (ledger, &death, &error), ==, JD_STORE_ADDED);
  g_assert_true (jd_ledger_commit (ledger, &error));
  g_assert_no_error (error);

  /* A talk after it, through the quick entry: refused on its date row. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "win.record-followup", "(xs)", id, "talk"));
  JdFollowupDialog *quick = JD_FOLLOWUP_DIALOG (find_toplevel (JD_TYPE_FOLLOWUP_DIALOG));
  g_assert_nonnull (quick);
  GtkWidget *talk_date = find_widget (GTK_WIDGET (quick), is_row_titled, "Date");
  gtk_editable_set_text (GTK_EDITABLE (talk_date), "2024-03-01");
  g_assert_cmpstr (jd_row_get_error (talk_date), ==,
                   "2024-03-01 is after the person’s death on 2023-01-10: nothing is recorded "
                   "after a death (to correct the death, delete it first)");
  g_assert_false (jd_followup_dialog_save (quick));
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (quick));

  /* A new status after it: the same on the status form's date row. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person), "person.new-status", NULL));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  GtkWidget *start_row = find_widget (GTK_WIDGET (dialog), is_row_titled, "Starts On");
  g_assert_true (gtk_widget_has_css_class (start_row, "error")); /* today, 2024-03-05 */
  g_assert_true (g_str_has_prefix (jd_row_get_error (start_row),
                                   "2024-03-05 is after the person’s death on 2023-01-10"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (jd_ledger_count (ledger, "status_span"), ==, 1);

  /* A note with a control character is refused on the person's own row. */
  gtk_editable_set_text (GTK_EDITABLE (jd_person_window_get_field (person, "name")),
                         "张\x1b[31m三");
  g_assert_false (jd_person_window_save (person));
  GtkWidget *name_row = jd_person_window_get_field (person, "name");
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  g_assert_cmpstr (jd_row_get_error (name_row), ==,
                   "holds the control character U+001B at character 2: text may not hold control "
                   "characters");
  g_autofree char *name = jd_person_dup_name (ledger, id);
  g_assert_cmpstr (name, ==, "张三");
  gtk_editable_set_text (GTK_EDITABLE (name_row), "张三");
}

static void
test_date_rules (Fixture *f, gconstpointer data)
{
  run_app (f, date_rules, "--db", f->t.path, "--today", "2024-03-05", NULL);
}

/* Changing the managing village of a saved person records a move on the day
 * chosen (docs/contract.md §3 "move"): 张三 of 东村 moves to 乙村 on
 * 2023-07-01; the person keeps 东村 as their village before it. A move back
 * to 东村 dated 2023-01-01 is refused: 东村 is already theirs that day. */
static void
move_village (Fixture *f, JdWindow *window)
{
  g_autoptr (GError) error = NULL;
  WAIT_FOR (window_ledger (window) != NULL);
  JdLedger *ledger = window_ledger (window);
  const JdVillageRecord second = { .code = "V02", .name = "乙村", .resident_population = 1000 };
  gint64 v02 = 0;
  g_assert_cmpint (jd_store_village (ledger, &second, &v02, &error), ==, JD_STORE_ADDED);
  JdPersonWindow *person = register_person (window);
  gint64 id = jd_person_window_get_person_id (person);
  GtkWidget *village = jd_person_window_get_field (person, "residence_village");
  GtkWidget *date = jd_person_window_get_field (person, "moved_on");

  /* The date row appears when the village changes, set to today. */
  g_assert_false (gtk_widget_get_visible (date));
  adw_combo_row_set_selected (ADW_COMBO_ROW (village), 2);
  g_assert_true (gtk_widget_get_visible (date));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date)), ==, "2024-03-05");
  adw_combo_row_set_selected (ADW_COMBO_ROW (village), 1);
  g_assert_false (gtk_widget_get_visible (date));
  adw_combo_row_set_selected (ADW_COMBO_ROW (village), 2);
  gtk_editable_set_text (GTK_EDITABLE (date), "2023/7/1");
  g_assert_true (jd_person_window_save (person));

  g_autoptr (JdPerson) record = jd_person_load (ledger, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (record->village_id, ==, jd_store_find_village (ledger, "V01"));
  g_assert_cmpuint (record->moves->len, ==, 1);
  JdPersonMove *move = g_ptr_array_index (record->moves, 0);
  g_assert_cmpint (move->village_id, ==, v02);
  g_assert_cmpuint (move->moved_on, ==, jd_day_new (2023, 7, 1));
  g_assert_cmpint (jd_person_village_on (record, jd_day_new (2023, 6, 30)), ==,
                   jd_store_find_village (ledger, "V01"));

  /* Reloaded: today's village chosen, no date row, the move listed. */
  WAIT_FOR (shows_line (GTK_WIDGET (person), "From 2023-07-01"));
  g_assert_true (shows_line (GTK_WIDGET (person), "乙村"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (village)), ==, 2);
  g_assert_false (gtk_widget_get_visible (date));

  /* Back to 东村 from 2023-01-01, a day 东村 already had them: refused on the row. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (village), 1);
  gtk_editable_set_text (GTK_EDITABLE (date), "2023-01-01");
  g_assert_false (jd_person_window_save (person));
  g_assert_true (gtk_widget_has_css_class (village, "error"));
  g_assert_cmpstr (jd_row_get_error (village), ==,
                   "the person’s managing village on 2023-01-01 is already 东村");
  /* No date: refused on the date row. */
  gtk_editable_set_text (GTK_EDITABLE (date), "");
  g_assert_false (jd_person_window_save (person));
  g_assert_cmpstr (jd_row_get_error (date), ==, "Not a date: write 2024-03-05");
  /* Before the first-found date, 2020-05-01: refused on the date row. */
  gtk_editable_set_text (GTK_EDITABLE (date), "2019-12-31");
  g_assert_false (jd_person_window_save (person));
  g_assert_true (gtk_widget_has_css_class (date, "error"));
  g_assert_cmpint (jd_ledger_count (ledger, "move"), ==, 1);

  /* Deleted with Undo, then for good. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person), "person.delete", "(ix)",
                                             (int)JD_PERSON_MOVE, move->id));
  WAIT_FOR (!shows_line (GTK_WIDGET (person), "From 2023-07-01"));
  g_autofree char *key = g_strdup_printf ("%d:%" G_GINT64_FORMAT, JD_PERSON_MOVE, move->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person), "person.undo-delete", "s", key));
  WAIT_FOR (shows_line (GTK_WIDGET (person), "From 2023-07-01"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person), "person.delete", "(ix)",
                                             (int)JD_PERSON_MOVE, move->id));
  jd_person_window_commit_deletions (person);
  g_assert_cmpint (jd_ledger_count (ledger, "move"), ==, 0);
}

static void
test_move_village (Fixture *f, gconstpointer data)
{
  run_app (f, move_village, "--db", f->t.path, "--today", "2024-03-05", NULL);
}

int
main (int argc, char **argv)
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/person/person-and-followups", Fixture, NULL, fixture_set_up,
              test_person_and_followups, fixture_tear_down);
  g_test_add ("/person/date-rules", Fixture, NULL, fixture_set_up, test_date_rules,
              fixture_tear_down);
  g_test_add ("/person/unsaved-changes", Fixture, NULL, fixture_set_up, test_unsaved_changes,
              fixture_tear_down);
  g_test_add ("/person/move-village", Fixture, NULL, fixture_set_up, test_move_village,
              fixture_tear_down);
  return g_test_run ();
}
