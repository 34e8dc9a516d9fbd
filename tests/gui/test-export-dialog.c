/* test-export-dialog.c: the inspection workbook exported from the window, under Xvfb
 *
 * The ledger: one village 东村 and two persons, 张伟 (community detox since
 * 2023-06-01) and 李红 (at large), with --today 2024-03-05. The dialog opens on
 * 2024 with masking on and all fourteen sheets; with two sheets ticked it
 * writes exactly those two, and no full ID number or full name is anywhere in
 * the file (read back with Debian's python3 and openpyxl/zipfile). With
 * "Encrypt with a Password" the password is typed twice: until both are the
 * same the dialog says why and Export stays off; then the workbook written is
 * encrypted, and Debian's python3-msoffcrypto-tool opens it with that password
 * only.
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

  g_autoptr (JdLedger) ledger = fixture_init_ledger (f, "jd-export-XXXXXX");
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
  WAIT_FOR (window_ledger (window) != NULL);
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

  g_autofree char *xlsx = g_build_filename (f->t.dir, "台账.xlsx", NULL);
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
  run_app (f, export_two_sheets, "--db", f->t.path, "--today", "2024-03-05", NULL);
}

static gboolean
is_reason (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error");
}

static gboolean
export_enabled (JdExportDialog *dialog)
{
  GtkWidget *button = find_widget (GTK_WIDGET (dialog), is_button_labelled, "_Export…");
  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

/* The reason shown under the password rows, or NULL when none is shown. */
static const char *
shown_reason (JdExportDialog *dialog)
{
  GtkWidget *label = find_widget (GTK_WIDGET (dialog), is_reason, NULL);
  g_assert_nonnull (label);
  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* "sheet names", "refused" or "plain", as msoffcrypto-tool finds the file
 * with the password. */
static char *
decrypt_back (const char *xlsx, const char *password)
{
  const char *script = "import io, sys, msoffcrypto, openpyxl\n"
                       "f = open(sys.argv[1], 'rb')\n"
                       "try:\n"
                       "    office = msoffcrypto.OfficeFile(f)\n"
                       "except msoffcrypto.exceptions.FileFormatError:\n"
                       "    print('plain'); sys.exit(0)\n"
                       "try:\n"
                       "    office.load_key(password=sys.argv[2], verify_password=True)\n"
                       "    out = io.BytesIO()\n"
                       "    office.decrypt(out, verify_integrity=True)\n"
                       "except msoffcrypto.exceptions.InvalidKeyError:\n"
                       "    print('refused'); sys.exit(0)\n"
                       "print(','.join(openpyxl.load_workbook(out).sheetnames))\n";
  return jd_test_python (script, xlsx, password, NULL);
}

static void
export_encrypted (Fixture *f, JdWindow *window)
{
  const char *secret = "台账 2024 秘密";

  WAIT_FOR (window_ledger (window) != NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  JdExportDialog *dialog = JD_EXPORT_DIALOG (find_toplevel (JD_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  GtkWidget *encrypt_row
      = find_widget (GTK_WIDGET (dialog), is_row_titled, "Encrypt with a _Password");
  GtkWidget *password = find_widget (GTK_WIDGET (dialog), is_row_titled, "Password");
  GtkWidget *again = find_widget (GTK_WIDGET (dialog), is_row_titled, "Password Again");
  g_assert_nonnull (encrypt_row);
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (password));
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (again));
  GtkSwitch *encrypt = GTK_SWITCH (find_widget (encrypt_row, is_switch, NULL));

  /* Off by default: no password asked, Export on. */
  g_assert_false (gtk_switch_get_active (encrypt));
  g_assert_false (gtk_widget_get_visible (password));
  g_assert_false (gtk_widget_get_visible (again));
  g_assert_null (shown_reason (dialog));
  g_assert_true (export_enabled (dialog));

  /* On: both rows, and Export waits for the password, saying so. */
  gtk_switch_set_active (encrypt, TRUE);
  g_assert_true (gtk_widget_get_visible (password));
  g_assert_true (gtk_widget_get_visible (again));
  g_assert_cmpstr (shown_reason (dialog), ==, "Type a password, then type it again to confirm it.");
  g_assert_false (export_enabled (dialog));

  gtk_editable_set_text (GTK_EDITABLE (password), secret);
  g_assert_cmpstr (shown_reason (dialog), ==, "Type the password again to confirm it.");
  g_assert_false (export_enabled (dialog));

  /* Two passwords that differ: the reason, the second row marked, Export off. */
  g_autofree char *xlsx = g_build_filename (f->t.dir, "加密台账.xlsx", NULL);
  gtk_editable_set_text (GTK_EDITABLE (again), "台账 2024 秘");
  g_assert_cmpstr (shown_reason (dialog), ==, "The two passwords differ.");
  g_assert_true (gtk_widget_has_css_class (again, "error"));
  g_assert_false (export_enabled (dialog));
  g_assert_false (jd_export_dialog_export_to (dialog, xlsx));
  g_assert_false (g_file_test (xlsx, G_FILE_TEST_EXISTS));

  /* Too long for Office. */
  g_autofree char *too_long = g_strnfill (256, 'a');
  gtk_editable_set_text (GTK_EDITABLE (password), too_long);
  gtk_editable_set_text (GTK_EDITABLE (again), too_long);
  g_assert_cmpstr (shown_reason (dialog), ==,
                   "The password is longer than 255 characters, the most Office accepts.");
  g_assert_false (export_enabled (dialog));

  /* The same twice: no reason, Export on, and the workbook is encrypted. */
  gtk_editable_set_text (GTK_EDITABLE (password), secret);
  gtk_editable_set_text (GTK_EDITABLE (again), secret);
  g_assert_null (shown_reason (dialog));
  g_assert_false (gtk_widget_has_css_class (again, "error"));
  g_assert_true (export_enabled (dialog));
  jd_export_dialog_set_sheet (dialog, JD_REGISTER_SUMMARY, FALSE);
  g_assert_true (jd_export_dialog_export_to (dialog, xlsx));
  WAIT_FOR (find_toplevel (JD_TYPE_EXPORT_DIALOG) == NULL);
  WAIT_FOR (g_file_test (xlsx, G_FILE_TEST_EXISTS));
  g_autofree char *partial = g_strconcat (xlsx, ".part", NULL);
  WAIT_FOR (!g_file_test (partial, G_FILE_TEST_EXISTS));
  WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);

  /* Nothing else was left in the folder: the ledger and the workbook. */
  g_autoptr (GDir) dir = g_dir_open (f->t.dir, 0, NULL);
  const char *name;
  guint n_files = 0;
  while ((name = g_dir_read_name (dir)))
    if (!g_str_has_prefix (name, "ledger.db"))
      {
        g_assert_cmpstr (name, ==, "加密台账.xlsx");
        n_files++;
      }
  g_assert_cmpuint (n_files, ==, 1);

  g_autofree char *back = decrypt_back (xlsx, secret);
  g_autofree char *wrong = decrypt_back (xlsx, "台账 2024 秘");
  g_unlink (xlsx);
  if (back == NULL)
    {
      g_test_skip ("python3-msoffcrypto-tool or python3-openpyxl is not installed");
      return;
    }
  /* Thirteen sheets: all but the summary, which was unticked. */
  g_auto (GStrv) sheets = g_strsplit (back, ",", -1);
  g_assert_cmpuint (g_strv_length (sheets), ==, 13);
  g_assert_cmpstr (sheets[0], ==, "村居创建情况");
  g_assert_cmpstr (wrong, ==, "refused");
}

static void
test_export_encrypted (Fixture *f, gconstpointer data)
{
  run_app (f, export_encrypted, "--db", f->t.path, "--today", "2024-03-05", NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/export-dialog/two-sheets", Fixture, NULL, fixture_set_up, test_export_two_sheets,
              fixture_tear_down);
  g_test_add ("/export-dialog/encrypted", Fixture, NULL, fixture_set_up, test_export_encrypted,
              fixture_tear_down);
  return g_test_run ();
}
