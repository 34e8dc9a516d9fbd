/* test-registers.c: the venues, letters and staff registers in the window, under Xvfb
 *
 * One village, 东村; --today 2024-03-20. The venues section starts empty; a
 * venue recorded through its form shows as the register's row 1 with no
 * inspection; an inspection of a venue the village does not have is refused
 * with the reason; one of 凤山酒吧 makes its count 1 and result 合格. The rows
 * export with the workbook's 场所排查台账 layout. Letters and staff, in the
 * villages section, take a record each the same way.
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

  fixture_init (f, "jd-registers-XXXXXX");
  g_autoptr (JdLedger) ledger = jd_ledger_create (f->path, "博美镇", NULL, &error);
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
  g_assert_true (jd_register_page_save (venues, 0, &venue, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (cell (model, 0, 2), ==, "凤山酒吧");
  g_assert_cmpstr (cell (model, 0, 8), ==, "0"); /* 检查次数 */

  /* The inspection form: village, venue, date, inspector, passed, finding. */
  JdFormValues wrong
      = { .number = { v01, 0, jd_day_new (2024, 3, 18), 0, 1 }, .text = { NULL, "没有这家" } };
  g_assert_false (jd_register_page_save (venues, 1, &wrong, &error));
  g_assert_nonnull (strstr (error->message, "没有这家"));
  g_clear_error (&error);
  JdFormValues inspection = { .number = { v01, 0, jd_day_new (2024, 3, 18), 0, 1 },
                              .text = { NULL, "凤山酒吧", NULL, "李明" } };
  g_assert_true (jd_register_page_save (venues, 1, &inspection, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cell (model, 0, 8), ==, "1");
  g_assert_cmpstr (cell (model, 0, 12), ==, "合格");

  g_autofree char *xlsx = g_build_filename (f->dir, "场所.xlsx", NULL);
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
  g_assert_true (jd_register_page_save (letters, 0, &letter, &error));
  g_assert_no_error (error);
  GListModel *letter_rows = jd_register_page_get_model (letters);
  g_assert_cmpuint (g_list_model_get_n_items (letter_rows), ==, 1);
  g_assert_cmpstr (cell (letter_rows, 0, 3), ==, "2024-02-01");
}

static void
test_registers (Fixture *f, gconstpointer data)
{
  run_app (f, registers, "--db", f->path, "--today", "2024-03-20", "--section", "venues", NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/registers/venues-letters", Fixture, NULL, fixture_set_up, test_registers,
              fixture_tear_down);
  return g_test_run ();
}
