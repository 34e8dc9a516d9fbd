/* test-import-history-window.c: the import history in the window, under Xvfb
 * (docs/contract.md §8)
 *
 * The ledger: villages.csv (3 villages) then persons.csv (3 persons)
 * imported. The main menu's Import History lists both, newest first; undoing
 * the villages is refused with the later change named (a person lives in
 * one); the persons' import, confirmed, is undone: the people section shows
 * "0 persons" and the row says it was undone, with no Undo button left.
 */
#include "config.h"

#include <string.h>

#include "jd-import-history-window.h"
#include "jd-import.h"
#include "jd-people-page.h"
#include "jd-section-page.h"
#include "jd-test-ui.h"

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  fixture_init (f, "jd-import-history-ui-XXXXXX");
  g_autoptr (JdLedger) ledger = jd_ledger_create (f->t.path, "博美镇", NULL, &error);
  g_assert_no_error (error);
  const struct
  {
    JdImportKind kind;
    const char *file;
  } files[] = { { JD_IMPORT_VILLAGES, "villages.csv" }, { JD_IMPORT_PERSONS, "persons.csv" } };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path
          = g_build_filename (g_getenv ("FIXTURES"), "import", files[i].file, NULL);
      g_auto (JdImportReport) report = { 0 };
      g_assert_true (
          jd_import_file (ledger, files[i].kind, path, &report, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
}

/* The n-th row of the history (0: the newest). */
static GtkWidget *
history_row (JdImportHistoryWindow *history, int n)
{
  GtkListBoxRow *row
      = gtk_list_box_get_row_at_index (jd_import_history_window_get_list (history), n);
  g_assert_nonnull (row);
  return GTK_WIDGET (row);
}

static AdwMessageDialog *
wait_for_dialog (void)
{
  AdwMessageDialog *dialog = NULL;
  WAIT_FOR ((dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL);
  return dialog;
}

/* After answering dialog, closed as a click would: no dialog left (an error's
 * would be reported). */
static void
wait_for_answer (AdwMessageDialog *dialog)
{
  gpointer was = dialog;
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_FOR ((gpointer)find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != was);
  GtkWindow *other = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  if (other)
    g_error ("%s: %s", adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (other)),
             adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (other)));
}

static void
history (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdPeoplePage *people = JD_PEOPLE_PAGE (jd_window_get_page (window, "people"));
  WAIT_FOR (g_list_model_get_n_items (jd_people_page_get_model (people)) == 3);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-history", NULL);
  JdImportHistoryWindow *history = NULL;
  WAIT_FOR ((history = JD_IMPORT_HISTORY_WINDOW (find_toplevel (JD_TYPE_IMPORT_HISTORY_WINDOW)))
            != NULL);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (history)));
  GtkWidget *persons = history_row (history, 0), *villages = history_row (history, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (persons)), ==,
                   "persons.csv");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (villages)), ==,
                   "villages.csv");
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (persons));
  g_assert_true (g_str_has_prefix (subtitle, "No. 2 · Persons · "));
  g_autofree char *tail = g_strdup_printf (" · %s · 3 added, 0 updated", g_get_user_name ());
  g_assert_true (g_str_has_suffix (subtitle, tail));
  g_assert_null (gtk_list_box_get_row_at_index (jd_import_history_window_get_list (history), 2));

  /* The villages: refused, the person that blocks it named, nothing undone. */
  GtkWidget *undo_villages = find_widget (villages, is_button_labelled, "_Undo Import");
  g_assert_nonnull (undo_villages);
  g_signal_emit_by_name (undo_villages, "clicked");
  AdwMessageDialog *refusal = wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (refusal), ==, "This Import Cannot Be Undone");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (refusal),
                                   "Import 1 (villages.csv) cannot be undone: after it, the "
                                   "Person record of 陈大文 was added on "));
  adw_message_dialog_response (refusal, "close");
  wait_for_answer (refusal);
  g_assert_cmpint (jd_ledger_count (window_ledger (window), "village"), ==, 3);

  /* The persons: asked first; Cancel changes nothing. */
  GtkWidget *undo_persons = find_widget (persons, is_button_labelled, "_Undo Import");
  g_signal_emit_by_name (undo_persons, "clicked");
  AdwMessageDialog *confirm = wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "Undo the Import of persons.csv?");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (confirm),
                                   "The 3 records it added will be deleted, and the 0 it updated"));
  adw_message_dialog_response (confirm, "cancel");
  wait_for_answer (confirm);
  g_assert_cmpint (jd_ledger_count (window_ledger (window), "person"), ==, 3);

  g_signal_emit_by_name (undo_persons, "clicked");
  confirm = wait_for_dialog ();
  adw_message_dialog_response (confirm, "undo");
  wait_for_answer (confirm);

  /* The rows are gone from the ledger (the undo runs on a worker thread) and
   * from the people section. */
  WAIT_FOR (gtk_widget_get_sensitive (GTK_WIDGET (history)));
  g_assert_cmpint (jd_ledger_count (window_ledger (window), "person"), ==, 0);
  WAIT_FOR (g_list_model_get_n_items (jd_people_page_get_model (people)) == 0);
  g_assert_cmpstr (jd_section_page_get_subtitle (JD_SECTION_PAGE (people)), ==, "0 persons");
  /* The history shows the undo, with no button left on that row. */
  persons = history_row (history, 0);
  g_assert_true (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (persons)), " · undone "));
  g_assert_null (find_widget (persons, is_button_labelled, "_Undo Import"));
  /* Now the villages can go too. */
  villages = history_row (history, 1);
  g_signal_emit_by_name (find_widget (villages, is_button_labelled, "_Undo Import"), "clicked");
  confirm = wait_for_dialog ();
  adw_message_dialog_response (confirm, "undo");
  wait_for_answer (confirm);
  /* Done when the history takes input again (the undo runs on a worker thread). */
  WAIT_FOR (gtk_widget_get_sensitive (GTK_WIDGET (history)));
  g_assert_cmpint (jd_ledger_count (window_ledger (window), "village"), ==, 0);
}

static void
test_history (Fixture *f, gconstpointer data)
{
  run_app (f, history, "--db", f->t.path, "--section", "people", NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);
  g_test_add ("/import-history-window/undo", Fixture, NULL, fixture_set_up, test_history,
              fixture_tear_down);
  return g_test_run ();
}
