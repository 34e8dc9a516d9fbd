/* test-save-beside-lock.c: saves outside the form toolkit, while another program writes
 *
 * One village, V01 东村; --today 2024-03-05. Another program
 * (tests/common/hold-write) holds the ledger's write lock while the person
 * window saves. The save returns at once: the window says it is saving, the
 * details take no changes, and the main loop runs on (a 10 ms timeout keeps
 * firing). When the other program lets go, the person goes in. Held past the
 * ledger's busy timeout, the save fails saying nothing was saved and what was
 * typed is kept, to be saved once the ledger is free. Saved from the question
 * on closing, the window closes once the save is in. The follow-up quick
 * entry likewise: it says it is saving and closes once the talk is in, or
 * says nothing was saved and keeps the talk; closed while it waits, it writes
 * nothing. A follow-up deleted (its Undo
 * toast gone) leaves the screen at once and the ledger once the lock is let
 * go; given up, the window says it was not deleted and shows it again.
 */
#include "config.h"

#include <string.h>

#include "jd-followup-dialog.h"
#include "jd-person-window.h"
#include "jd-person.h"
#include "jd-store.h"
#include "jd-test-run.h"
#include "jd-test-ui.h"
#include "jd-window.h"

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_autoptr (JdLedger) ledger = fixture_init_ledger (f, "jd-save-lock-XXXXXX");
  const JdVillageRecord village = { .code = "V01", .name = "东村", .resident_population = 2000 };
  g_assert_cmpint (jd_store_village (ledger, &village, NULL, &error), ==, JD_STORE_ADDED);
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

static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* The person's name in the ledger, "" when there is no such person. */
static char *
person_name (JdLedger *ledger, const char *id_number)
{
  gint64 id = jd_store_find_person (ledger, id_number);
  if (id == 0)
    return g_strdup ("");
  JdPerson *person = jd_person_load (ledger, id, NULL);
  g_assert_nonnull (person);
  char *name = g_strdup (person->name);
  jd_person_free (person);
  return name;
}

static void
show_page (JdPersonWindow *person, const char *name)
{
  AdwViewStack *stack = ADW_VIEW_STACK (
      find_widget (GTK_WIDGET (person), is_type, GSIZE_TO_POINTER (ADW_TYPE_VIEW_STACK)));
  adw_view_stack_set_visible_child_name (stack, name);
}

static GtkWidget *
field (JdPersonWindow *person, const char *key)
{
  return jd_person_window_get_field (person, key);
}

/* Save, timed: it must not wait for the lock. */
static gboolean
save_timed (JdPersonWindow *person)
{
  gint64 start = g_get_monotonic_time ();
  gboolean saved = jd_person_window_save (person);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 300 * 1000);
  return saved;
}

static gboolean
is_error_dialog (GtkWindow *dialog)
{
  return dialog
         && g_str_has_prefix (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                              "Nothing was saved");
}

static void
person_save (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdLedger *ledger = window_ledger (window);
  guint ticks = 0;
  guint tick = g_timeout_add (10, tick_cb, &ticks);

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "win.open-person", "x", (gint64)0));
  JdPersonWindow *person = JD_PERSON_WINDOW (find_toplevel (JD_TYPE_PERSON_WINDOW));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (person)));
  gtk_editable_set_text (GTK_EDITABLE (field (person, "id_number")), "11010519491231002X");
  gtk_editable_set_text (GTK_EDITABLE (field (person, "name")), "张三");
  gtk_editable_set_text (GTK_EDITABLE (field (person, "first_found_on")), "2020-05-01");
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (person, "residence_village")), 1);

  /* Saved while the other program writes: no wait, the details take no changes. */
  g_autoptr (GSubprocess) holder = jd_test_hold_write (f->t.path, 60);
  g_assert_false (save_timed (person));
  g_assert_false (gtk_widget_is_sensitive (field (person, "name")));
  g_assert_true (jd_person_window_get_modified (person));
  ticks = 0;
  run_for (500);
  g_test_message ("%u ticks in 500 ms while the save waited", ticks);
  g_assert_cmpuint (ticks, >=, 20);
  g_assert_cmpint (jd_ledger_count (ledger, "person"), ==, 0);

  /* The other program lets go: the person goes in. */
  let_go (holder);
  g_clear_object (&holder);
  WAIT_FOR (!jd_person_window_get_modified (person));
  g_assert_cmpint (jd_ledger_count (ledger, "person"), ==, 1);
  g_assert_cmpint (jd_person_window_get_person_id (person), ==,
                   jd_store_find_person (ledger, "11010519491231002X"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (person)), ==, "张三");
  g_assert_true (gtk_widget_is_sensitive (field (person, "name")));

  /* Held past the busy timeout: nothing saved, said so, what was typed kept. */
  jd_ledger_set_busy_timeout (ledger, 600);
  gtk_editable_set_text (GTK_EDITABLE (field (person, "name")), "张三丰");
  holder = jd_test_hold_write (f->t.path, 60);
  g_assert_false (save_timed (person));
  ticks = 0;
  GtkWindow *said = NULL;
  WAIT_FOR (is_error_dialog (said = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)));
  g_assert_cmpuint (ticks, >=, 20);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (said)), f->t.path));
  gtk_window_destroy (said);
  g_assert_true (gtk_widget_is_sensitive (field (person, "name")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (person, "name"))), ==, "张三丰");
  g_assert_true (jd_person_window_get_modified (person));
  g_autofree char *name = person_name (ledger, "11010519491231002X");
  g_assert_cmpstr (name, ==, "张三");

  /* Free again: the same details save at once. */
  let_go (holder);
  g_clear_object (&holder);
  g_assert_true (save_timed (person));
  g_free (name);
  name = person_name (ledger, "11010519491231002X");
  g_assert_cmpstr (name, ==, "张三丰");

  /* Closed with changes, "Save" chosen while the other program writes: the
   * window stays until the save is in, then closes. */
  jd_ledger_set_busy_timeout (ledger, 20000);
  gtk_editable_set_text (GTK_EDITABLE (field (person, "name")), "李四");
  holder = jd_test_hold_write (f->t.path, 60);
  gtk_window_close (GTK_WINDOW (person));
  AdwMessageDialog *ask = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (ask);
  adw_message_dialog_response (ask, "save");
  run_for (300);
  g_assert_true (find_toplevel (JD_TYPE_PERSON_WINDOW) == GTK_WINDOW (person));
  g_free (name);
  name = person_name (ledger, "11010519491231002X");
  g_assert_cmpstr (name, ==, "张三丰");
  let_go (holder);
  WAIT_FOR (find_toplevel (JD_TYPE_PERSON_WINDOW) == NULL);
  g_free (name);
  name = person_name (ledger, "11010519491231002X");
  g_assert_cmpstr (name, ==, "李四");
  g_source_remove (tick);
}

/* A follow-up saved, and one deleted, while the other program writes. */
static void
followup_and_deletion (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdLedger *ledger = window_ledger (window);
  guint ticks = 0;
  guint tick = g_timeout_add (10, tick_cb, &ticks);

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "win.open-person", "x", (gint64)0));
  JdPersonWindow *person = JD_PERSON_WINDOW (find_toplevel (JD_TYPE_PERSON_WINDOW));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (person)));
  gtk_editable_set_text (GTK_EDITABLE (field (person, "id_number")), "11010519491231002X");
  gtk_editable_set_text (GTK_EDITABLE (field (person, "name")), "张三");
  gtk_editable_set_text (GTK_EDITABLE (field (person, "first_found_on")), "2020-05-01");
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (person, "residence_village")), 1);
  g_assert_true (save_timed (person));
  gint64 id = jd_person_window_get_person_id (person);

  /* The quick entry saved while the other program writes: it stays, saying
   * it is saving, and closes once the talk is in. */
  g_autoptr (GSubprocess) holder = jd_test_hold_write (f->t.path, 60);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "win.record-followup", "(xs)", id, "talk"));
  JdFollowupDialog *quick = JD_FOLLOWUP_DIALOG (find_toplevel (JD_TYPE_FOLLOWUP_DIALOG));
  GtkWidget *content = find_widget (GTK_WIDGET (quick), is_row_titled, "Content");
  gtk_editable_set_text (GTK_EDITABLE (content), "谈心谈话");
  gint64 start = g_get_monotonic_time ();
  g_assert_false (jd_followup_dialog_save (quick));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 300 * 1000);
  g_assert_nonnull (find_widget (GTK_WIDGET (quick), is_button_labelled, "Saving…"));
  g_assert_false (gtk_widget_is_sensitive (content));
  ticks = 0;
  WAIT_FOR (ticks >= 20); /* while the lock is held: counted, not timed, on a busy machine */
  g_assert_true (find_toplevel (JD_TYPE_FOLLOWUP_DIALOG) == GTK_WINDOW (quick));
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, 0);
  let_go (holder);
  g_clear_object (&holder);
  WAIT_FOR (find_toplevel (JD_TYPE_FOLLOWUP_DIALOG) == NULL);
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, 1);

  /* Held past the busy timeout: said, the quick entry open with what was typed. */
  jd_ledger_set_busy_timeout (ledger, 600);
  holder = jd_test_hold_write (f->t.path, 60);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "win.record-followup", "(xs)", id, "talk"));
  quick = JD_FOLLOWUP_DIALOG (find_toplevel (JD_TYPE_FOLLOWUP_DIALOG));
  content = find_widget (GTK_WIDGET (quick), is_row_titled, "Content");
  gtk_editable_set_text (GTK_EDITABLE (content), "第二次谈话");
  g_assert_false (jd_followup_dialog_save (quick));
  GtkWindow *said = NULL;
  WAIT_FOR (is_error_dialog (said = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)));
  gtk_window_destroy (said);
  g_assert_true (find_toplevel (JD_TYPE_FOLLOWUP_DIALOG) == GTK_WINDOW (quick));
  g_assert_true (gtk_widget_is_sensitive (content));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (content)), ==, "第二次谈话");
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, 1);
  let_go (holder);
  g_clear_object (&holder);
  g_assert_true (jd_followup_dialog_save (quick));
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, 2);

  /* Closed while its save waits: the save is dropped, nothing written. */
  jd_ledger_set_busy_timeout (ledger, 20000);
  holder = jd_test_hold_write (f->t.path, 60);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "win.record-followup", "(xs)", id, "talk"));
  quick = JD_FOLLOWUP_DIALOG (find_toplevel (JD_TYPE_FOLLOWUP_DIALOG));
  g_assert_false (jd_followup_dialog_save (quick));
  gtk_window_destroy (GTK_WINDOW (quick));
  run_for (200);
  let_go (holder);
  g_clear_object (&holder);
  run_for (300);
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, 2);

  /* A follow-up deleted while the other program writes: off the screen at
   * once, out of the ledger once it lets go. */
  g_autoptr (JdPerson) record = jd_person_load (ledger, id, NULL);
  JdPersonFollowup *talk = g_ptr_array_index (record->followups, 0);
  jd_ledger_set_busy_timeout (ledger, 20000);
  holder = jd_test_hold_write (f->t.path, 60);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person), "person.delete", "(ix)",
                                             (int)JD_PERSON_FOLLOWUP, talk->id));
  start = g_get_monotonic_time ();
  jd_person_window_commit_deletions (person);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 300 * 1000);
  ticks = 0;
  WAIT_FOR (ticks >= 20); /* while the lock is held: counted, not timed, on a busy machine */
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, 2);
  let_go (holder);
  g_clear_object (&holder);
  WAIT_FOR (jd_ledger_count (ledger, "followup") == 1);

  /* Past the busy timeout: not deleted, said so, and back on screen. */
  talk = g_ptr_array_index (record->followups, 1);
  jd_ledger_set_busy_timeout (ledger, 600);
  holder = jd_test_hold_write (f->t.path, 60);
  show_page (person, "followups");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person), "person.delete", "(ix)",
                                             (int)JD_PERSON_FOLLOWUP, talk->id));
  const char *line = "2024-03-05 · Talk";
  WAIT_FOR (!shows_line (GTK_WIDGET (person), line));
  jd_person_window_commit_deletions (person);
  WAIT_FOR (is_error_dialog (said = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)));
  gtk_window_destroy (said);
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, 1);
  WAIT_FOR (shows_line (GTK_WIDGET (person), line));
  let_go (holder);
  g_clear_object (&holder);
  g_source_remove (tick);
}

static void
test_followup_and_deletion (Fixture *f, gconstpointer data)
{
  run_app (f, followup_and_deletion, "--db", f->t.path, "--today", "2024-03-05", NULL);
}

static void
test_person_save (Fixture *f, gconstpointer data)
{
  run_app (f, person_save, "--db", f->t.path, "--today", "2024-03-05", NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/save-beside-lock/person-window", Fixture, NULL, fixture_set_up, test_person_save,
              fixture_tear_down);
  g_test_add ("/save-beside-lock/followup-and-deletion", Fixture, NULL, fixture_set_up,
              test_followup_and_deletion, fixture_tear_down);
  return g_test_run ();
}
