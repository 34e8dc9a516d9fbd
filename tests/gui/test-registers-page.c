/* test-registers-page.c: the venues, letters and staff registers in the window, under Xvfb
 *
 * One village, 东村; --today 2024-03-20. The venues section starts empty; a
 * venue recorded through its form shows as the register's row 1 with no
 * inspection; an inspection of a venue the village does not have is refused
 * with the reason; one of 凤山酒吧 makes its count 1 and result 合格. The rows
 * export with the workbook's 场所排查台账 layout. Letters and staff, in the
 * villages section, take a record each the same way. A venue is renamed in
 * its edit dialog; a bad edit is marked on its row and saves nothing; a
 * letter is deleted, undone, and deleted for good.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "jd-date.h"
#include "jd-register-page.h"
#include "jd-store.h"
#include "jd-test-ui.h"

static gint64 v01;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_autoptr (JdLedger) ledger = fixture_init_ledger (f, "jd-registers-XXXXXX");
  v01 = jd_test_add_village (ledger, "V01", "东村");
  g_assert_no_error (error);
}

/* Column c of row r as shown. */
static const char *
cell (GListModel *model, guint r, guint c)
{
  g_autoptr (GObject) item = g_list_model_get_item (model, r);
  return jd_register_page_item_cells (item)[c];
}

static void
registers (Fixture *f, JdWindow *window)
{
  g_autoptr (GError) error = NULL;

  WAIT_FOR (window_ledger (window) != NULL);
  JdRegisterPage *venues = JD_REGISTER_PAGE (jd_window_get_page (window, "venues"));
  GListModel *model = jd_register_page_get_model (venues);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* The venue form: village, name, kind, address, manager, phone, key spot. */
  JdFormValues venue = { .number = { v01 }, .text = { NULL, "凤山酒吧", "entertainment" } };
  g_assert_true (jd_test_save_form (window_ledger (window), jd_register_page_get_form (venues, 0),
                                    &venue, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (cell (model, 0, 2), ==, "凤山酒吧");
  g_assert_cmpstr (cell (model, 0, 8), ==, "0"); /* 检查次数 */

  /* The inspection form: village, venue, date, inspector, passed, finding. */
  JdFormValues wrong
      = { .number = { v01, 0, jd_day_new (2024, 3, 18), 0, 1 }, .text = { NULL, "没有这家" } };
  g_assert_false (jd_test_save_form (window_ledger (window), jd_register_page_get_form (venues, 1),
                                     &wrong, &error));
  g_assert_nonnull (strstr (error->message, "没有这家"));
  g_clear_error (&error);
  JdFormValues inspection = { .number = { v01, 0, jd_day_new (2024, 3, 18), 0, 1 },
                              .text = { NULL, "凤山酒吧", NULL, "李明" } };
  g_assert_true (jd_test_save_form (window_ledger (window), jd_register_page_get_form (venues, 1),
                                    &inspection, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cell (model, 0, 8), ==, "1");
  g_assert_cmpstr (cell (model, 0, 12), ==, "合格");

  g_autofree char *xlsx = g_build_filename (f->t.dir, "场所.xlsx", NULL);
  jd_register_page_export (venues, xlsx);
  g_autofree char *partial = g_strconcat (xlsx, ".part", NULL);
  WAIT_FOR (g_file_test (xlsx, G_FILE_TEST_EXISTS) && !g_file_test (partial, G_FILE_TEST_EXISTS));
  WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);
  g_autofree char *back = jd_test_python (
      "import sys, openpyxl\n"
      "ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n"
      "rows = list(ws.iter_rows(values_only=True))\n"
      "head = next(i for i, r in enumerate(rows) if r[0] == '序号')\n"
      "print(ws.title, len(rows) - head - 1, rows[head + 1][2], rows[head + 1][8])\n",
      xlsx, NULL);
  g_unlink (xlsx);
  if (back)
    g_assert_cmpstr (back, ==, "场所排查台账 1 凤山酒吧 1");

  /* Letters and staff, views of the villages section. */
  GtkWidget *villages = jd_window_get_page (window, "villages");
  JdRegisterPage *letters = JD_REGISTER_PAGE (
      find_widget (villages, is_type, GSIZE_TO_POINTER (JD_TYPE_REGISTER_PAGE)));
  g_assert_nonnull (letters);
  gtk_spin_button_set_value (jd_register_page_get_year_button (letters), 2024);
  JdFormValues letter = { .number = { v01, 0, jd_day_new (2024, 2, 1), 0, 3 },
                          .text = { NULL, "village_group", NULL, "一组" } };
  g_assert_true (jd_test_save_form (window_ledger (window), jd_register_page_get_form (letters, 0),
                                    &letter, &error));
  g_assert_no_error (error);
  GListModel *letter_rows = jd_register_page_get_model (letters);
  g_assert_cmpuint (g_list_model_get_n_items (letter_rows), ==, 1);
  g_assert_cmpstr (cell (letter_rows, 0, 3), ==, "2024-02-01");

  /* A venue renamed through its edit dialog: the register shows the new name. */
  JdLedger *ledger = window_ledger (window);
  AdwMessageDialog *dialog = jd_register_page_edit (venues, 0);
  g_assert_nonnull (dialog);
  GtkWidget *name = find_widget (GTK_WIDGET (dialog), is_row_titled, "Name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "凤山酒吧");
  gtk_editable_set_text (GTK_EDITABLE (name), "凤山KTV");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog)); /* a button would have closed it */
  WAIT_FOR (g_strcmp0 (cell (model, 0, 2), "凤山KTV") == 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (cell (model, 0, 8), ==, "1"); /* its inspection stays with it */

  /* A bad edit: an empty name is marked as typed and Save is off; another
   * venue's name is refused by the store on the Name row; nothing is saved. */
  JdFormValues cafe = { .number = { v01 }, .text = { NULL, "老街网吧", "internet_cafe" } };
  g_assert_true (jd_test_save_form (window_ledger (window), jd_register_page_get_form (venues, 0),
                                    &cafe, &error));
  g_assert_no_error (error);
  WAIT_FOR (g_list_model_get_n_items (model) == 2);
  guint cafe_row = g_strcmp0 (cell (model, 0, 2), "老街网吧") == 0 ? 0 : 1;
  dialog = jd_register_page_edit (venues, cafe_row);
  name = find_widget (GTK_WIDGET (dialog), is_row_titled, "Name");
  gtk_editable_set_text (GTK_EDITABLE (name), "");
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  g_assert_cmpstr (jd_row_get_error (name), ==, "Required");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (GTK_EDITABLE (name), "凤山KTV");
  g_assert_false (gtk_widget_has_css_class (name, "error"));
  adw_message_dialog_response (dialog, "add");
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  g_assert_cmpstr (jd_row_get_error (name), ==, "the village has another venue called “凤山KTV”");
  g_assert_cmpint (jd_store_find_venue (ledger, v01, "老街网吧"), !=, 0);
  g_assert_cmpstr (cell (model, cafe_row, 2), ==, "老街网吧");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A letter deleted: gone from the list at once, kept in the ledger until
   * its toast goes; undone, it is back. Deleted again for good: gone. */
  gint64 letter_id = 0;
  {
    g_autoptr (GObject) item = g_list_model_get_item (letter_rows, 0);
    letter_id = jd_register_page_item_record (item);
  }
  g_assert_cmpint (letter_id, >, 0);
  g_assert_true (jd_register_page_delete (letters, 0));
  WAIT_FOR (g_list_model_get_n_items (letter_rows) == 0);
  g_assert_cmpint (jd_ledger_count (ledger, "letter"), ==, 1);
  g_autofree char *key = g_strdup_printf ("%d:%" G_GINT64_FORMAT, JD_RECORD_LETTER, letter_id);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (letters), "register.undo-delete", "s", key));
  WAIT_FOR (g_list_model_get_n_items (letter_rows) == 1);
  g_assert_cmpint (jd_ledger_count (ledger, "letter"), ==, 1);
  g_assert_true (jd_register_page_delete (letters, 0));
  jd_register_page_commit_deletions (letters);
  g_assert_cmpint (jd_ledger_count (ledger, "letter"), ==, 0);
  WAIT_FOR (g_list_model_get_n_items (letter_rows) == 0);

  /* A staff member of the township office stays there when corrected. */
  JdStaffRecord officer = { .name = "王五", .role = "cadre" };
  g_assert_true (jd_ledger_begin (ledger, &error));
  g_assert_cmpint (jd_store_staff (ledger, &officer, &error), ==, JD_STORE_ADDED);
  g_assert_true (jd_ledger_commit (ledger, &error));
  GtkWidget *staff = g_object_ref_sink (jd_staff_page_new (ledger));
  GListModel *staff_rows = jd_register_page_get_model (JD_REGISTER_PAGE (staff));
  g_assert_cmpuint (g_list_model_get_n_items (staff_rows), ==, 1);
  g_assert_cmpstr (cell (staff_rows, 0, 3), ==, "博美镇禁毒办");
  dialog = jd_register_page_edit (JD_REGISTER_PAGE (staff), 0);
  g_assert_nonnull (dialog);
  GtkWidget *phone = find_widget (GTK_WIDGET (dialog), is_row_titled, "Phone");
  gtk_editable_set_text (GTK_EDITABLE (phone), "13800000000");
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (cell (staff_rows, 0, 3), ==, "博美镇禁毒办");
  g_autoptr (GObject) officer_row = g_list_model_get_item (staff_rows, 0);
  g_auto (GStrv) saved
      = jd_store_read_record (ledger, JD_RECORD_STAFF, jd_register_page_item_record (officer_row),
                              (const char *const[]){ "phone", "village_id", NULL }, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved[0], ==, "13800000000");
  g_assert_cmpstr (saved[1], ==, ""); /* the township office */
  g_object_unref (staff);
}

static void
test_registers (Fixture *f, gconstpointer data)
{
  run_app (f, registers, "--db", f->t.path, "--today", "2024-03-20", "--section", "venues", NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/registers/venues-letters", Fixture, NULL, fixture_set_up, test_registers,
              fixture_tear_down);
  return g_test_run ();
}
