/* test-print.c: the help files printed from the window (docs/contract.md §7b)
 *
 * The window's GtkPrintOperation (src/gui/jd-print.c), run under Xvfb with
 * GTK_PRINT_OPERATION_ACTION_EXPORT to a PDF file, gives the same pages and
 * the same text as `jindu dossier`, and the print is in the audit log; the
 * person window's Ctrl+P and the village page's action exist.
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-print.h"
#include "jd-test-dossier.h"
#include "jd-test-run.h"
#include "jd-test-ui.h"
#include "jd-village-page.h"

/* The help-file fixture (tests/common/jd-test-dossier.h), the ledger open. */
typedef JdTestLedger PrintFixture;

static void
print_set_up (PrintFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  jd_test_dossier_set_up (f, "jd-print-XXXXXX");
  jd_test_set_today (f, jd_day_parse (DOSSIER_TODAY));
  f->ledger = jd_ledger_open (f->path, &error);
  g_assert_no_error (error);
}

static char *
cli_pdf (PrintFixture *f, const char *name, const char *what, const char *key, gboolean mask)
{
  char *pdf = g_build_filename (f->dir, name, NULL);
  g_auto (Run) run = { 0 };
  run_jindu (&run, "dossier", "--db", f->path, "--today", DOSSIER_TODAY, what, key, "--out", pdf,
             mask ? "--mask" : NULL, NULL);
  g_assert_cmpint (run.status, ==, 0);
  return pdf;
}

static int
count_prints (PrintFixture *f)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT count(*) FROM output_event WHERE kind = 'print'"
                                       " AND json_extract(details, '$.what') = 'dossier'",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  int n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
compare (const char *cli, const char *printed)
{
  int pages = pdf_pages (cli);
  g_assert_cmpint (pages, >=, 4);
  g_assert_cmpint (pdf_pages (printed), ==, pages);
  g_autofree char *a = pdf_text (cli, 0, 0, FALSE);
  g_autofree char *b = pdf_text (printed, 0, 0, FALSE);
  g_assert_cmpstr (a, ==, b);
}

static void
test_person (PrintFixture *f, gconstpointer data)
{
  g_autofree char *cli = cli_pdf (f, "cli.pdf", "--id", dossier_id (), FALSE);
  g_autofree char *printed = g_build_filename (f->dir, "printed.pdf", NULL);
  JdDossierOptions options = { .scope = JD_DOSSIER_PERSON, .key = dossier_id () };
  g_autoptr (GError) error = NULL;
  g_assert_true (jd_print_dossier_export (NULL, f->ledger, &options, printed, &error));
  g_assert_no_error (error);
  compare (cli, printed);
  g_assert_cmpint (count_prints (f), ==, 1);
}

static void
test_village_masked (PrintFixture *f, gconstpointer data)
{
  g_autofree char *cli = cli_pdf (f, "cli.pdf", "--village", "V01", TRUE);
  g_autofree char *printed = g_build_filename (f->dir, "printed.pdf", NULL);
  /* By the village's row, as the village page names it. */
  JdDossierOptions options = { .scope = JD_DOSSIER_VILLAGE, .id = 1, .mask = TRUE };
  g_autoptr (GError) error = NULL;
  g_assert_true (jd_print_dossier_export (NULL, f->ledger, &options, printed, &error));
  g_assert_no_error (error);
  compare (cli, printed);
  g_autofree char *text = pdf_text (printed, 0, 0, FALSE);
  g_assert_null (strstr (text, dossier_id ()));
  g_assert_null (strstr (text, DOSSIER_PHONE));
}

static void
test_unknown (PrintFixture *f, gconstpointer data)
{
  g_autofree char *printed = g_build_filename (f->dir, "printed.pdf", NULL);
  JdDossierOptions options = { .scope = JD_DOSSIER_PERSON, .id = 999 };
  g_autoptr (GError) error = NULL;
  g_assert_false (jd_print_dossier_export (NULL, f->ledger, &options, printed, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_cmpint (count_prints (f), ==, 0);
  /* GTK may leave an empty file of its own; nothing of the ledger is in it. */
  if (g_file_test (printed, G_FILE_TEST_EXISTS))
    g_assert_cmpint (remove (printed), ==, 0);
}

static GtkWindow *
find_print_dialog (void)
{
  GType type = g_type_from_name ("GtkPrintUnixDialog");
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; type && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WINDOW (window);
    }
  return NULL;
}

/* The village page's Print Help Files… opens GTK's print dialog; cancelling
 * it prints nothing and records nothing. */
static void
test_village_page_dialog (PrintFixture *f, gconstpointer data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = jd_village_page_new (f->ledger, 1);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (page, "village.print", NULL));
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GtkWindow *dialog = NULL;
  while ((dialog = find_print_dialog ()) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (dialog);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (find_print_dialog () && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (find_print_dialog ());
  g_assert_cmpint (count_prints (f), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int argc, char **argv)
{
  jd_test_ui_init (&argc, &argv);
  g_test_add ("/print/person", PrintFixture, NULL, print_set_up, test_person,
              jd_test_fixture_tear_down);
  g_test_add ("/print/village-masked", PrintFixture, NULL, print_set_up, test_village_masked,
              jd_test_fixture_tear_down);
  g_test_add ("/print/unknown", PrintFixture, NULL, print_set_up, test_unknown,
              jd_test_fixture_tear_down);
  g_test_add ("/print/village-page-dialog", PrintFixture, NULL, print_set_up,
              test_village_page_dialog, jd_test_fixture_tear_down);
  return g_test_run ();
}
