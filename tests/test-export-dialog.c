/* test-export-dialog.c: the inspection workbook exported from the window, under Xvfb
 *
 * The ledger: one village 东村 and two persons, 张伟 (community detox since
 * 2023-06-01) and 李红 (at large), with --today 2024-03-05. The dialog opens on
 * 2024 with masking on and all fourteen sheets; with two sheets ticked it
 * writes exactly those two, and no full ID number or full name is anywhere in
 * the file (read back with Debian's python3 and openpyxl/zipfile).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "jd-date.h"
#include "jd-export-dialog.h"
#include "jd-id-number.h"
#include "jd-store.h"
#include "jd-test-ui.h"

static char *ids[2];

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 village = 0, person = 0;

  fixture_init (f, "jd-export-XXXXXX");
  g_autoptr (JdLedger) ledger = jd_ledger_create (f->path, "博美镇", "陆丰市", &error);
  g_assert_no_error (error);
  const JdVillageRecord v = { .code = "V01", .name = "东村", .resident_population = 2000 };
  g_assert_cmpint (jd_store_village (ledger, &v, &village, &error), ==, JD_STORE_ADDED);

  const char *first17[] = { "44158119850312101", "44158119781120302" };
  const char *names[] = { "张伟", "李红" };
  for (guint i = 0; i < 2; i++)
    {
      g_free (ids[i]);
      ids[i] = g_strdup_printf ("%s%c", first17[i], jd_id_number_check_digit (first17[i]));
      JdPersonRecord record = { .id_number = ids[i],
                                .name = names[i],
                                .village_id = village,
                                .first_found_on = jd_day_new (2023, 5, 1) };
      g_assert_cmpint (jd_store_person (ledger, &record, &person, &error), ==, JD_STORE_ADDED);
      g_assert_no_error (error);
      if (i == 0)
        {
          JdStatusRecord span = { .person_id = person,
                                  .status = "community_detox",
                                  .started_on = jd_day_new (2023, 6, 1) };
          g_assert_cmpint (jd_store_status (ledger, &span, &error), ==, JD_STORE_ADDED);
        }
    }
}

/* "sheet names | the full ID numbers and names found in the XML, or nothing",
 * read independently of the writer. */
static char *
read_back (const char *xlsx)
{
  const char *script = "import sys, zipfile, openpyxl\n"
                       "wb = openpyxl.load_workbook(sys.argv[1])\n"
                       "xml = b''.join(zipfile.ZipFile(sys.argv[1]).read(n)\n"
                       "               for n in zipfile.ZipFile(sys.argv[1]).namelist())\n"
                       "found = [s for s in sys.argv[2:] if s.encode() in xml]\n"
                       "print(','.join(wb.sheetnames) + ' | ' + (','.join(found) or 'nothing'))\n";

  return jd_test_python (script, xlsx, ids[0], ids[1], "张伟", "李红", NULL);
}

static gboolean
is_switch (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_SWITCH (widget);
}

static void
export_two_sheets (Fixture *f, JdWindow *window)
{
  WAIT_FOR (jd_window_get_ledger (window) != NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  JdExportDialog *dialog = JD_EXPORT_DIALOG (find_toplevel (JD_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);

  /* The defaults: this year (of --today) and masking on. */
  GtkSpinButton *year = GTK_SPIN_BUTTON (
      find_widget (GTK_WIDGET (dialog), is_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON)));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (year), ==, 2024);
  g_assert_true (
      gtk_switch_get_active (GTK_SWITCH (find_widget (GTK_WIDGET (dialog), is_switch, NULL))));

  /* No sheet: nothing can be exported. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.select-all", "b", FALSE));
  g_assert_false (jd_export_dialog_export_to (dialog, "/nonexistent/never.xlsx"));

  /* An as-of day outside the year is refused on its row. */
  jd_export_dialog_set_sheet (dialog, JD_REGISTER_REGISTERED, TRUE);
  jd_export_dialog_set_sheet (dialog, JD_REGISTER_CURRENT, TRUE);
  GtkWidget *as_of = find_widget (GTK_WIDGET (dialog), is_row_titled, "As Of (empty: 31 December)");
  gtk_editable_set_text (GTK_EDITABLE (as_of), "2023-12-31");
  g_assert_true (gtk_widget_has_css_class (as_of, "error"));
  g_assert_false (jd_export_dialog_export_to (dialog, "/nonexistent/never.xlsx"));
  gtk_editable_set_text (GTK_EDITABLE (as_of), "");
  g_assert_false (gtk_widget_has_css_class (as_of, "error"));

  g_autofree char *xlsx = g_build_filename (f->dir, "台账.xlsx", NULL);
  g_assert_true (jd_export_dialog_export_to (dialog, xlsx));
  WAIT_FOR (find_toplevel (JD_TYPE_EXPORT_DIALOG) == NULL);
  WAIT_FOR (g_file_test (xlsx, G_FILE_TEST_EXISTS));
  g_autofree char *partial = g_strconcat (xlsx, ".part", NULL);
  WAIT_FOR (!g_file_test (partial, G_FILE_TEST_EXISTS));
  /* The progress dialog goes when the thread is done. */
  WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);

  g_autofree char *back = read_back (xlsx);
  g_unlink (xlsx);
  if (back == NULL)
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  /* The two sheets ticked, in §7's order; no full ID number or name anywhere. */
  g_assert_cmpstr (back, ==, "累计登记在册吸毒人员表,现有吸毒人员表 | nothing");
}

static void
test_export_two_sheets (Fixture *f, gconstpointer data)
{
  run_app (f, export_two_sheets, "--db", f->path, "--today", "2024-03-05", NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/export-dialog/two-sheets", Fixture, NULL, fixture_set_up, test_export_two_sheets,
              fixture_tear_down);
  return g_test_run ();
}
