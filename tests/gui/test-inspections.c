/* test-inspections.c: a venue's inspections edited and deleted in the window, under Xvfb
 *
 * One village, 东村, with the venue 凤山酒吧; --today 2024-03-20. Two
 * inspections recorded through the venues register's form show in the
 * venue's inspections window in date order; one is corrected in its edit
 * dialog (its inspector and result), a bad correction (a venue the village
 * does not have) is refused on its row and saves nothing; one is deleted —
 * gone from the window and the register's count at once, kept in the ledger
 * until its toast goes — undone, then deleted for good.
 */
#include "config.h"

#include <string.h>

#include "jd-date.h"
#include "jd-register-page.h"
#include "jd-store.h"
#include "jd-test-ui.h"

static gint64 v01;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture_init (f, "jd-inspections-XXXXXX");
  g_autoptr (JdLedger) ledger = jd_ledger_create (f->t.path, "博美镇", NULL, &error);
  const JdVillageRecord v = { .code = "V01", .name = "东村" };
  g_assert_cmpint (jd_store_village (ledger, &v, &v01, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

/* Column c of row r as shown. */
static const char *
cell (GListModel *model, guint r, guint c)
{
  g_autoptr (GObject) item = g_list_model_get_item (model, r);
  return jd_register_page_item_cells (item)[c];
}

static guint
count_rows (GtkWindow *window)
{
  guint n = 0;
  GtkWidget *list
      = find_widget (GTK_WIDGET (window), is_type, GSIZE_TO_POINTER (GTK_TYPE_LIST_BOX));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row))
    n += ADW_IS_ACTION_ROW (row);
  return n;
}

static gboolean
is_button_tipped (GtkWidget *widget, gconstpointer tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* Clicks the button whose tooltip is tooltip on the window's row titled title. */
static void
click_row_button (GtkWindow *window, const char *title, const char *tooltip)
{
  GtkWidget *row = find_widget (GTK_WIDGET (window), is_row_titled, title);
  g_assert_nonnull (row);
  GtkWidget *button = find_widget (row, is_button_tipped, tooltip);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static void
inspections (Fixture *f, JdWindow *window)
{
  g_autoptr (GError) error = NULL;

  WAIT_FOR (window_ledger (window) != NULL);
  JdLedger *ledger = window_ledger (window);
  JdRegisterPage *venues = JD_REGISTER_PAGE (jd_window_get_page (window, "venues"));
  GListModel *model = jd_register_page_get_model (venues);

  JdFormValues venue = { .number = { v01 }, .text = { NULL, "凤山酒吧", "entertainment" } };
  g_assert_true (jd_test_save_form (window_ledger (window), jd_register_page_get_form (venues, 0),
                                    &venue, &error));
  /* The inspection form: village, venue, date, inspector, passed, finding. */
  JdFormValues later = { .number = { v01, 0, jd_day_new (2024, 3, 18), 0, 1 },
                         .text = { NULL, "凤山酒吧", NULL, "李明" } };
  JdFormValues earlier = { .number = { v01, 0, jd_day_new (2024, 2, 5), 0, 0 },
                           .text = { NULL, "凤山酒吧", NULL, "王刚", 0, "消防通道堵塞" } };
  g_assert_true (jd_test_save_form (window_ledger (window), jd_register_page_get_form (venues, 1),
                                    &later, &error));
  g_assert_true (jd_test_save_form (window_ledger (window), jd_register_page_get_form (venues, 1),
                                    &earlier, &error));
  g_assert_no_error (error);
  WAIT_FOR (g_list_model_get_n_items (model) == 1 && g_strcmp0 (cell (model, 0, 8), "2") == 0);

  gint64 venue_id = jd_register_page_get_venue (venues, 0);
  g_assert_cmpint (venue_id, >, 0);
  GtkWindow *list = jd_register_page_show_inspections (venues, venue_id);
  g_assert_nonnull (list);
  g_assert_cmpstr (gtk_window_get_title (list), ==, "Inspections of 凤山酒吧");
  g_assert_cmpuint (count_rows (list), ==, 2);
  g_assert_true (shows_before (GTK_WIDGET (list), "2024-02-05, not passed", "2024-03-18, passed"));
  g_assert_true (shows_line (GTK_WIDGET (list), "王刚 · 消防通道堵塞"));

  g_autoptr (GArray) ids = jd_store_list_inspections (ledger, venue_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  gint64 first = g_array_index (ids, gint64, 0), second = g_array_index (ids, gint64, 1);

  /* Corrected: the earlier one passed after all, checked by 王刚 and 李明; its
   * row's Edit opens the form. */
  click_row_button (list, "2024-02-05, not passed", "Edit the Inspection");
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Edit the Inspection");
  GtkWidget *inspector = find_widget (GTK_WIDGET (dialog), is_row_titled, "Inspector");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (inspector)), ==, "王刚");
  gtk_editable_set_text (GTK_EDITABLE (inspector), "王刚、李明");
  GtkWidget *passed = find_widget (GTK_WIDGET (dialog), is_row_titled, "Passed");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (passed)), ==, 1); /* No */
  adw_combo_row_set_selected (ADW_COMBO_ROW (passed), 0);
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_FOR (shows_line (GTK_WIDGET (list), "2024-02-05, passed"));
  g_auto (GStrv) saved
      = jd_store_read_record (ledger, JD_RECORD_INSPECTION, first,
                              (const char *const[]){ "inspector", "passed", NULL }, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved[0], ==, "王刚、李明");
  g_assert_cmpstr (saved[1], ==, "1");

  /* A venue the village does not have: refused on the Venue row, nothing saved. */
  dialog = jd_register_page_edit_inspection (venues, second);
  GtkWidget *name = find_widget (GTK_WIDGET (dialog), is_row_titled, "Venue");
  gtk_editable_set_text (GTK_EDITABLE (name), "没有这家");
  adw_message_dialog_response (dialog, "add");
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  g_assert_nonnull (strstr (jd_row_get_error (name), "没有这家"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_auto (GStrv) kept = jd_store_read_record (ledger, JD_RECORD_INSPECTION, second,
                                              (const char *const[]){ "venue_id", NULL }, &error);
  g_assert_cmpint (g_ascii_strtoll (kept[0], NULL, 10), ==, venue_id);

  /* Deleted by the row's own button: gone from the window at once, in the
   * ledger until the toast goes; undone, back; deleted again for good. */
  click_row_button (list, "2024-03-18, passed", "Delete the Inspection");
  WAIT_FOR (count_rows (list) == 1);
  g_assert_false (shows_line (GTK_WIDGET (list), "2024-03-18, passed"));
  g_assert_cmpint (jd_ledger_count (ledger, "inspection"), ==, 2);
  g_autofree char *key = g_strdup_printf ("%d:%" G_GINT64_FORMAT, JD_RECORD_INSPECTION, second);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (venues), "register.undo-delete", "s", key));
  WAIT_FOR (count_rows (list) == 2);
  g_assert_true (jd_register_page_delete_inspection (venues, second));
  jd_register_page_commit_deletions (venues);
  g_assert_cmpint (jd_ledger_count (ledger, "inspection"), ==, 1);
  WAIT_FOR (count_rows (list) == 1 && g_strcmp0 (cell (model, 0, 8), "1") == 0);
  gtk_window_destroy (list);
}

static void
test_inspections (Fixture *f, gconstpointer data)
{
  run_app (f, inspections, "--db", f->t.path, "--today", "2024-03-20", "--section", "venues", NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/inspections/edit-delete", Fixture, NULL, fixture_set_up, test_inspections,
              fixture_tear_down);
  return g_test_run ();
}
