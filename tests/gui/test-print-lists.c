/* test-print-lists.c: the window's lists printed (docs/contract.md §7, §7b)
 *
 * A section page's Print… runs GtkPrintOperation; exported to a PDF file under
 * Xvfb and read back with pdftotext and pdfinfo, the pages hold the rows the
 * list shows (after its search, masked as it shows them), once each, the
 * column headers and `第 N 页 共 M 页` on every page, and the title and the
 * office line on the first. Through GTK's dialog, Print to File writes as
 * every output does (0600, never over the ledger, in the audit log), and the
 * person window's Ctrl+P gives the pages of `jindu dossier --id --mask`.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtkunixprint.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-list-pages.h"
#include "jd-mask.h"
#include "jd-assessments-page.h"
#include "jd-people-page.h"
#include "jd-person-window.h"
#include "jd-print.h"
#include "jd-register-page.h"
#include "jd-section-page.h"
#include "jd-store.h"
#include "jd-test-dossier.h"
#include "jd-test-run.h"
#include "jd-test-ui.h"
#include "jd-todo-page.h"
#include "jd-villages-page.h"
#include "jd-work-due.h"

#define N_EXTRA 60

typedef struct
{
  char *dir;
  char *db;
  JdLedger *ledger;
  GPtrArray *ids;   /* every person's ID number */
  GPtrArray *names; /* and name, in the same order */
} ListFixture;

static const char surnames[] = "赵钱孙李周吴郑王冯陈";
static const char givens[] = "甲乙丙丁戊己庚辛壬癸";

static char *
nth_char (const char *text, guint n)
{
  const char *p = g_utf8_offset_to_pointer (text, n);
  return g_strndup (p, g_utf8_next_char (p) - p);
}

static void
list_set_up (ListFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  f->dir = g_dir_make_tmp ("jd-print-lists-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = dossier_make_ledger (f->dir);
  jd_set_today (jd_day_parse (DOSSIER_TODAY));
  f->ledger = jd_ledger_open (f->db, &error);
  g_assert_no_error (error);
  f->ids = g_ptr_array_new_with_free_func (g_free);
  f->names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < N_EXTRA; i++)
    {
      g_autofree char *seventeen = g_strdup_printf ("44158119850101%03u", 100 + i);
      g_autofree char *surname = nth_char (surnames, i % 10);
      g_autofree char *given = nth_char (givens, i / 10);
      char *id = dossier_id_number (seventeen);
      char *name = g_strconcat (surname, given, "明", NULL);
      JdPersonRecord record = { .id_number = id,
                                .name = name,
                                .village_id = 1 + i % 2,
                                .first_found_on = jd_day_new (2020, 5, 1) };
      g_assert_cmpint (jd_store_person (f->ledger, &record, NULL, &error), ==, JD_STORE_ADDED);
      g_assert_no_error (error);
      g_ptr_array_add (f->ids, id);
      g_ptr_array_add (f->names, name);
    }
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("社工%c%c", 'A' + i % 26, 'A' + i / 26);
      g_autofree char *phone = g_strdup_printf ("138000%05u", i);
      JdStaffRecord staff = { .name = name,
                              .role = "social_worker",
                              .village_id = 1,
                              .phone = phone,
                              .since = jd_day_new (2024, 1, 1) };
      g_assert_cmpint (jd_store_staff (f->ledger, &staff, &error), ==, JD_STORE_ADDED);
      g_assert_no_error (error);
    }
}

static void
list_tear_down (ListFixture *f, gconstpointer data)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  jd_print_set_settings (NULL);
  g_assert_finalize_object (f->ledger);
  g_ptr_array_unref (f->ids);
  g_ptr_array_unref (f->names);
  jd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static int
count_outputs (ListFixture *f, const char *kind, const char *what)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT count(*) FROM output_event WHERE kind = ?1"
                                       " AND json_extract(details, '$.what') = ?2",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, what, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  int n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* A page of the section in a window of its own, its settings as given. */
static GtkWidget *
show_page (GtkWidget *page)
{
  GtkWidget *window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return window;
}

static void
set_mask (gboolean mask)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_settings_set_boolean (settings, "mask-personal-data", mask);
}

/* Every page has the headers and its own `第 N 页 共 M 页`; only the first the title. */
static void
check_pages (const char *pdf, const char *title, const char *header, int min_pages)
{
  int pages = pdf_pages (pdf);
  g_assert_cmpint (pages, >=, min_pages);
  for (int p = 1; p <= pages; p++)
    {
      g_autofree char *text = pdf_text (pdf, p, p, FALSE);
      /* pdftotext leaves out the spaces of `第 N 页 共 M 页` between Chinese characters. */
      g_autofree char *footer = g_strdup_printf ("第%d页共%d页", p, pages);
      g_autoptr (GString) packed = g_string_new (text);
      g_string_replace (packed, " ", "", 0);
      g_assert_cmpuint (count_occurrences (packed->str, footer), ==, 1);
      g_assert_nonnull (strstr (text, header));
      g_assert_true ((strstr (text, title) != NULL) == (p == 1));
    }
  g_autofree char *first = pdf_text (pdf, 1, 1, FALSE);
  g_assert_nonnull (strstr (first, "填报单位：博美镇禁毒办"));
  g_assert_nonnull (strstr (first, "导出日期：" DOSSIER_TODAY));
}

static char *
print_page (ListFixture *f, GtkWidget *page, const char *name)
{
  char *pdf = g_build_filename (f->dir, name, NULL);
  g_autoptr (GError) error = NULL;
  g_assert_true (jd_section_page_print_to_file (JD_SECTION_PAGE (page), pdf, &error));
  g_assert_no_error (error);
  struct stat st;
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  return pdf;
}

/* The people list, unmasked: each of its 63 persons once, over several pages. */
static void
test_people (ListFixture *f, gconstpointer data)
{
  set_mask (FALSE);
  GtkWidget *page = jd_people_page_new (f->ledger);
  GtkWidget *window = show_page (page);
  g_autofree char *pdf = print_page (f, page, "people.pdf");
  check_pages (pdf, "博美镇吸毒人员名单", "公民身份号码", 3);
  g_autofree char *text = pdf_text (pdf, 0, 0, FALSE);
  for (guint i = 0; i < f->ids->len; i++)
    {
      g_assert_cmpuint (count_occurrences (text, f->ids->pdata[i]), ==, 1);
      g_assert_cmpuint (count_occurrences (text, f->names->pdata[i]), ==, 1);
    }
  g_assert_cmpuint (count_occurrences (text, dossier_id ()), ==, 1);
  g_assert_cmpint (count_outputs (f, "print", "list"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  set_mask (TRUE);
}

/* A search narrows what is printed; masked as the list shows it. */
static void
test_people_search_masked (ListFixture *f, gconstpointer data)
{
  set_mask (TRUE);
  GtkWidget *page = jd_people_page_new (f->ledger);
  GtkWidget *window = show_page (page);
  GtkEditable *search
      = GTK_EDITABLE (find_widget (page, is_type, GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY)));
  gtk_editable_set_text (search, "赵");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_autofree char *pdf = print_page (f, page, "people-zhao.pdf");
  g_autofree char *text = pdf_text (pdf, 0, 0, FALSE);
  guint shown = 0;
  for (guint i = 0; i < f->ids->len; i++)
    {
      g_autofree char *masked = jd_mask_id_number (f->ids->pdata[i]);
      gboolean zhao = g_str_has_prefix (f->names->pdata[i], "赵");
      g_assert_null (strstr (text, f->ids->pdata[i]));
      g_assert_null (strstr (text, f->names->pdata[i]));
      g_assert_cmpuint (count_occurrences (text, masked), ==, zhao ? 1 : 0);
      shown += zhao;
    }
  g_assert_cmpuint (shown, ==, N_EXTRA / 10);
  g_assert_null (strstr (text, dossier_id ()));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A register prints as its sheet: its Chinese title and headers, its rows. */
static void
test_staff_register (ListFixture *f, gconstpointer data)
{
  set_mask (FALSE);
  GtkWidget *page = jd_staff_page_new (f->ledger);
  GtkWidget *window = show_page (page);
  g_autofree char *pdf = print_page (f, page, "staff.pdf");
  check_pages (pdf, "博美镇工作力量花名册", "姓名", 1);
  g_autofree char *text = pdf_text (pdf, 0, 0, FALSE);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *phone = g_strdup_printf ("138000%05u", i);
      g_assert_cmpuint (count_occurrences (text, phone), ==, 1);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  set_mask (TRUE);
}

/* Work due: each item the list shows once, grouped as shown, masked as shown. */
static void
test_work_due (ListFixture *f, gconstpointer data)
{
  set_mask (TRUE);
  GtkWidget *page = jd_todo_page_new (f->ledger);
  GtkWidget *window = show_page (page);
  GListModel *entries = jd_todo_page_get_model (JD_TODO_PAGE (page));
  guint items = 0;
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr (JdTodoEntry) entry = g_list_model_get_item (entries, i);
      items += !jd_todo_entry_is_header (entry);
    }
  g_assert_cmpuint (items, >, 0);
  g_autofree char *pdf = print_page (f, page, "todo.pdf");
  check_pages (pdf, "博美镇今日待办", "应办日期", 1);
  g_autofree char *text = pdf_text (pdf, 0, 0, FALSE);
  g_assert_null (strstr (text, dossier_id ()));
  g_assert_null (strstr (text, DOSSIER_NAME));
  g_autofree char *masked = jd_mask_id_number (dossier_id ());
  g_assert_cmpuint (count_occurrences (text, masked), >, 0);
  /* One state per item: 逾期 N 天, 今日到期 or N 天后到期. */
  g_assert_cmpuint (count_occurrences (text, "逾期") + count_occurrences (text, "到期"), ==, items);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The villages and the readiness overview, in the order on screen. */
static void
test_villages_assessments (ListFixture *f, gconstpointer data)
{
  set_mask (TRUE);
  GtkWidget *page = jd_villages_page_new (f->ledger);
  GtkWidget *window = show_page (page);
  g_autofree char *pdf = print_page (f, page, "villages.pdf");
  check_pages (pdf, "博美镇村居名单", "创建阶段", 1);
  g_autofree char *text = pdf_text (pdf, 0, 0, FALSE);
  g_assert_cmpuint (count_occurrences (text, "上林村"), ==, 1);
  g_assert_cmpuint (count_occurrences (text, "北门社区"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));

  page = jd_assessments_page_new (f->ledger);
  window = show_page (page);
  jd_assessments_page_set_year (JD_ASSESSMENTS_PAGE (page), 2025);
  WAIT_FOR (!jd_assessments_page_get_loading (JD_ASSESSMENTS_PAGE (page))
            && g_list_model_get_n_items (jd_assessments_page_get_model (JD_ASSESSMENTS_PAGE (page)))
                   == 2);
  g_autofree char *readiness = print_page (f, page, "readiness.pdf");
  check_pages (readiness, "博美镇无毒村居创建达标情况", "标准十", 1);
  g_autofree char *shown = pdf_text (readiness, 0, 0, FALSE);
  g_assert_cmpuint (count_occurrences (shown, "上林村"), ==, 1);
  g_assert_cmpuint (count_occurrences (shown, "北门社区"), ==, 1);
  /* Ten findings a village: 达标 (未达标 holds it too) or 待核实; the title and
   * the header 达标项数 one more each (one page). */
  g_assert_cmpint (pdf_pages (readiness), ==, 1);
  g_assert_cmpuint (count_occurrences (shown, "达标") + count_occurrences (shown, "待核实"), ==,
                    2 * 10 + 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A cell of 3,000 characters breaks across pages whole, in order; the pages
 * drawn one by one are those of the PDF written through jd-output. */
static void
test_long_cell (ListFixture *f, gconstpointer data)
{
  static const JdColumn columns[] = {
    { "序号", JD_COLUMN_SERIAL },
    { "内容", JD_COLUMN_WRAP },
  };
  g_autoptr (JdListPages) pages = jd_list_pages_new ("长文本", "博美镇禁毒办", columns, 2);
  g_autoptr (GString) long_text = g_string_new (NULL);
  for (guint i = 1; i <= 300; i++)
    g_string_append_printf (long_text, "第%u句内容，", i);
  for (guint row = 1; row <= 40; row++)
    {
      JdCell cells[2] = { { JD_CELL_COUNT, .number = row },
                          { JD_CELL_TEXT, .text = row == 20 ? long_text->str : "短" } };
      g_assert_true (jd_list_pages_add_row_cb (cells, 2, pages, NULL));
    }
  g_autofree char *pdf = g_build_filename (f->dir, "long.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_assert_true (jd_list_pages_write_pdf (pages, pdf, f->db, JD_OUTPUT_NONE, NULL, &error));
  g_assert_no_error (error);
  int n = pdf_pages (pdf);
  g_assert_cmpint (n, >=, 3);
  /* In drawing order, without the line breaks, the footers and the headers
   * repeated between the pieces of the cell. */
  g_autofree char *raw = pdf_text (pdf, 0, 0, TRUE);
  g_autoptr (GRegex) furniture = g_regex_new ("\\s|第\\d+页共\\d+页|序号内容", 0, 0, NULL);
  g_autofree char *text = g_regex_replace_literal (furniture, raw, -1, 0, "", 0, NULL);
  const char *at = text;
  for (guint i = 1; i <= 300; i++)
    {
      g_autofree char *sentence = g_strdup_printf ("第%u句内容", i);
      g_assert_cmpuint (count_occurrences (text, sentence), ==, 1);
      const char *found = strstr (at, sentence);
      g_assert_nonnull (found);
      at = found;
    }
  struct stat st;
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* Never over the ledger. */
  g_autofree char *before = jd_test_checksum_file (f->db);
  g_clear_error (&error);
  g_assert_false (jd_list_pages_write_pdf (pages, f->db, f->db, JD_OUTPUT_FORCE, NULL, &error));
  g_assert_nonnull (error);
  g_autofree char *after = jd_test_checksum_file (f->db);
  g_assert_cmpstr (before, ==, after);
}

/* ---- through GTK's print dialog ----
 *
 * Each in a process of its own: the dialog's file chooser keeps the recently
 * used files in the data folder of the test that first opened it, and writes
 * there again later, when that test's folders are gone. */

#define IN_SUBPROCESS()                                                                            \
  G_STMT_START                                                                                     \
  {                                                                                                \
    if (!g_test_subprocess ())                                                                     \
      {                                                                                            \
        g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);     \
        g_test_trap_assert_passed ();                                                              \
        return;                                                                                    \
      }                                                                                            \
  }                                                                                                \
  G_STMT_END

static GtkWindow *
find_print_dialog (void)
{
  return find_toplevel (g_type_from_name ("GtkPrintUnixDialog"));
}

static gboolean
print_dialog_ready (GtkWindow *dialog)
{
  GtkPrinter *printer = gtk_print_unix_dialog_get_selected_printer (GTK_PRINT_UNIX_DIALOG (dialog));
  return printer && gtk_printer_is_virtual (printer) && gtk_printer_accepts_pdf (printer);
}

/* The next print dialog prints to the file path (Print to File, PDF). */
static void
print_to_file_next (const char *path)
{
  g_autoptr (GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  gtk_print_settings_set_printer (settings, "Print to File");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  jd_print_set_settings (settings);
}

/* Says Replace when the print dialog asks before replacing a file (in a main
 * loop of its own; not the progress dialog, which is the main window's). */
static gboolean
replace_file_cb (gpointer dialog)
{
  GtkWindow *confirm = find_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  if (confirm == NULL || gtk_window_get_transient_for (confirm) != dialog)
    return G_SOURCE_CONTINUE;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (confirm), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return G_SOURCE_REMOVE;
}

/* Says Print in the dialog (and Replace, when it asks). */
static void
accept_print_dialog (void)
{
  GtkWindow *dialog = NULL;
  WAIT_FOR ((dialog = find_print_dialog ()) != NULL);
  WAIT_FOR (print_dialog_ready (dialog));
  guint replace = g_timeout_add (20, replace_file_cb, dialog);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_source_remove_by_user_data (dialog);
  (void)replace;
}

static gboolean
is_whole_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  if (!g_file_get_contents (path, &contents, &length, NULL) || length < 8)
    return FALSE;
  return g_strstr_len (contents + length - MIN (length, 16), MIN (length, 16), "%%EOF") != NULL;
}

/* Ctrl+P on a list, Print to File in the dialog: the file is the list's, 0600, audited. */
static void
test_dialog_to_file (ListFixture *f, gconstpointer data)
{
  IN_SUBPROCESS ();
  set_mask (TRUE);
  GtkWidget *page = jd_staff_page_new (f->ledger);
  GtkWidget *window = show_page (page);
  g_autofree char *pdf = g_build_filename (f->dir, "dialog.pdf", NULL);
  print_to_file_next (pdf);
  press_shortcut (page, GDK_KEY_p, GDK_CONTROL_MASK);
  accept_print_dialog ();
  WAIT_FOR (count_outputs (f, "print", "list") == 1 && is_whole_pdf (pdf));
  struct stat st;
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  check_pages (pdf, "博美镇工作力量花名册", "姓名", 1);
  g_autofree char *text = pdf_text (pdf, 0, 0, FALSE);
  g_assert_null (strstr (text, "13800000007")); /* masked, as the list shows it */
  WAIT_FOR (find_print_dialog () == NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Print to File over the ledger: refused with a message, the ledger untouched. */
static void
test_dialog_ledger_refused (ListFixture *f, gconstpointer data)
{
  IN_SUBPROCESS ();
  GtkWidget *page = jd_staff_page_new (f->ledger);
  GtkWidget *window = show_page (page);
  g_autofree char *before = jd_test_checksum_file (f->db);
  print_to_file_next (f->db);
  g_assert_true (gtk_widget_activate_action (page, "page.print", NULL));
  accept_print_dialog ();
  AdwMessageDialog *error_dialog = NULL;
  WAIT_FOR ((error_dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (error_dialog), ==, "The List Was Not Printed");
  gtk_window_destroy (GTK_WINDOW (error_dialog));
  WAIT_FOR (find_print_dialog () == NULL);
  g_autofree char *after = jd_test_checksum_file (f->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (count_outputs (f, "print", "list"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gint64
person_row (ListFixture *f, const char *id_number)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_prepare_v2 (db, "SELECT id FROM person WHERE id_number = ?1", -1, &stmt, NULL), ==,
      SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id_number, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  gint64 id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return id;
}

/* The person window's Ctrl+P, printed to a file through the dialog, gives the
 * pages of `jindu dossier --id … --mask` (the dialog masks unless told not to).
 * In this process (a child's XDG folders would hide the icons' MIME types),
 * so it is the last test: no test follows whose folders the dialog's recent
 * files could be written into. */
static void
test_person_ctrl_p (ListFixture *f, gconstpointer data)
{
  g_autofree char *cli = g_build_filename (f->dir, "cli.pdf", NULL);
  g_auto (Run) run = { 0 };
  run_jindu (&run, "dossier", "--db", f->db, "--today", DOSSIER_TODAY, "--id", dossier_id (),
             "--out", cli, "--mask", NULL);
  g_assert_cmpint (run.status, ==, 0);

  g_autofree char *pdf = g_build_filename (f->dir, "person.pdf", NULL);
  print_to_file_next (pdf);
  GtkWidget *main_window = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (main_window));
  JdPersonWindow *window = jd_person_window_present (GTK_WINDOW (main_window), f->ledger,
                                                     person_row (f, dossier_id ()));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  press_shortcut (GTK_WIDGET (window), GDK_KEY_p, GDK_CONTROL_MASK);
  accept_print_dialog ();
  WAIT_FOR (count_outputs (f, "print", "dossier") == 1 && is_whole_pdf (pdf));
  int pages = pdf_pages (cli);
  g_assert_cmpint (pages, >=, 4);
  g_assert_cmpint (pdf_pages (pdf), ==, pages);
  g_autofree char *a = pdf_text (cli, 0, 0, FALSE);
  g_autofree char *b = pdf_text (pdf, 0, 0, FALSE);
  g_assert_cmpstr (a, ==, b);
  struct stat st;
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  WAIT_FOR (find_print_dialog () == NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (main_window));
}

int
main (int argc, char **argv)
{
  jd_test_ui_init (&argc, &argv);
#define ADD(path, test) g_test_add (path, ListFixture, NULL, list_set_up, test, list_tear_down)
  ADD ("/print-lists/people", test_people);
  ADD ("/print-lists/people-search-masked", test_people_search_masked);
  ADD ("/print-lists/staff-register", test_staff_register);
  ADD ("/print-lists/work-due", test_work_due);
  ADD ("/print-lists/villages-assessments", test_villages_assessments);
  ADD ("/print-lists/long-cell", test_long_cell);
  ADD ("/print-lists/dialog-to-file", test_dialog_to_file);
  ADD ("/print-lists/dialog-ledger-refused", test_dialog_ledger_refused);
  ADD ("/print-lists/person-ctrl-p", test_person_ctrl_p); /* the last: see above */
#undef ADD
  return g_test_run ();
}
