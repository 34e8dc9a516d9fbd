/* test-import-assistant.c: the import assistant driven through its actions, under Xvfb
 * (docs/contract.md §6, §8)
 *
 * The ledger: villages V01 东村 and V02 西社区, and 陈大文 (441581198503120018, of
 * 东村, phone 13800000001). The workbook is an office's own register written by
 * Debian's python3-openpyxl: a title row merged across the columns, a header of
 * Chinese synonyms (身份证号码, 户籍地, 现居住地, 所属村居, 查获日期, 联系方式) with
 * a 备注 heading merged over two columns (the second one passed over) and a
 * column we have no field for (籍贯), dates as date-formatted numbers, and four persons:
 *   row 3  陈大文, a new phone              → an update of 联系电话
 *   row 4  新人甲                           → new
 *   row 5  新人乙, the ID stored as a number → refused in its cell
 *   row 6  陈小文, 441681198503120013 (陈大文's number one digit away, its check
 *          digit worked out again)         → new, flagged as a look-alike
 * The user turns the phone column off and on, sees the problem in its cell and
 * filters to the rows with problems, then fixes the file (the ID as text),
 * opens it again and imports: three persons added, one updated.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "jd-date.h"
#include "jd-import-assistant.h"
#include "jd-ledger-private.h"
#include "jd-store.h"
#include "jd-test-run.h"
#include "jd-test-ui.h"

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 village = 0, person = 0;

  fixture_init (f, "jd-import-assistant-XXXXXX");
  g_autoptr (JdLedger) ledger = jd_ledger_create (f->t.path, "博美镇", "陆丰市", &error);
  g_assert_no_error (error);
  const JdVillageRecord v1 = { .code = "V01", .name = "东村" };
  const JdVillageRecord v2 = { .code = "V02", .name = "西社区" };
  g_assert_cmpint (jd_store_village (ledger, &v1, &village, &error), ==, JD_STORE_ADDED);
  g_assert_cmpint (jd_store_village (ledger, &v2, NULL, &error), ==, JD_STORE_ADDED);
  JdPersonRecord record = { .id_number = "441581198503120018",
                            .name = "陈大文",
                            .phone = "13800000001",
                            .household_address = "东村一巷3号",
                            .residence_address = "东村一巷3号",
                            .village_id = village,
                            .first_found_on = jd_day_new (2015, 6, 1) };
  g_assert_cmpint (jd_store_person (ledger, &record, &person, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

/* The register, with the ID of 新人乙 as a number (argv[2] "number") or as text. */
static const char *const register_script
    = "import sys, datetime, openpyxl\n"
      "wb = openpyxl.Workbook()\n"
      "ws = wb.active\n"
      "ws.title = '吸毒人员'\n"
      "ws.append(['博美镇吸毒人员登记表'])\n"
      "ws.merge_cells('A1:K1')\n"
      "ws.append(['序号', '姓名', '身份证号码', '性别', '户籍地', '现居住地', '所属村居',\n"
      "           '查获日期', '联系方式', '籍贯', '备注'])\n"
      "ws.merge_cells('K2:L2')\n"
      "d = datetime.datetime\n"
      "new_id = 441581199301010018 if sys.argv[2] == 'number' else '441581199301010018'\n"
      "rows = [\n"
      "  [1, '陈大文', '441581198503120018', '男', '东村一巷3号', '东村一巷3号', '东村',\n"
      "   d(2015, 6, 1), '13900000009', '广东', None],\n"
      "  [2, '新人甲', '441581199201010010', '男', '湖南某县', '西社区二街', 'V02',\n"
      "   d(2020, 1, 2), None, '湖南', None],\n"
      "  [3, '新人乙', new_id, '男', None, None, '西社区', d(2021, 3, 4), None, None, '复吸'],\n"
      "  [4, '陈小文', '441681198503120013', '男', None, None, '东村', d(2022, 5, 6), None,\n"
      "   None, None],\n"
      "]\n"
      "for r in rows:\n"
      "    ws.append(r)\n"
      "for row in ws.iter_rows(min_row=3, min_col=8, max_col=8):\n"
      "    row[0].number_format = 'yyyy/m/d'\n"
      "wb.save(sys.argv[1])\n"
      "print('ok')\n";

static gboolean
write_register (const char *path, gboolean id_as_number)
{
  g_autofree char *out
      = jd_test_python (register_script, path, id_as_number ? "number" : "text", NULL);
  return g_strcmp0 (out, "ok") == 0;
}

static gboolean
is_error_cell (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error")
         && gtk_widget_get_tooltip_text (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gint64
count (JdLedger *ledger, const char *sql)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  gint64 n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static guint
shown_rows (JdImportAssistant *assistant)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (
      find_widget (GTK_WIDGET (assistant), is_type, GSIZE_TO_POINTER (GTK_TYPE_COLUMN_VIEW)));
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view)));
}

/* Whether the Import button can be pressed. */
static gboolean
import_enabled (JdImportAssistant *assistant)
{
  GtkWidget *button = find_widget (GTK_WIDGET (assistant), is_button_labelled, "_Import");
  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static void
import_register (Fixture *f, JdWindow *window)
{
  g_autofree char *xlsx = g_build_filename (f->t.dir, "登记表.xlsx", NULL);
  if (!write_register (xlsx, TRUE))
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  WAIT_FOR (window_ledger (window) != NULL);
  JdLedger *ledger = window_ledger (window);
  gint64 audit = count (ledger, "SELECT count(*) FROM audit_log");

  /* Ctrl+I opens the assistant; the file as the chooser or a drop gives it. */
  press_shortcut (GTK_WIDGET (window), GDK_KEY_i, GDK_CONTROL_MASK);
  JdImportAssistant *assistant = JD_IMPORT_ASSISTANT (find_toplevel (JD_TYPE_IMPORT_ASSISTANT));
  g_assert_nonnull (assistant);
  g_assert_false (import_enabled (assistant));
  g_autoptr (GFile) file = g_file_new_for_path (xlsx);
  jd_import_assistant_open (assistant, file);
  WAIT_FOR (!jd_import_assistant_is_busy (assistant));

  /* The title row skipped, the kind guessed, each heading matched. */
  g_assert_cmpint (jd_import_assistant_get_kind (assistant), ==, JD_IMPORT_PERSONS);
  const char *keys[] = { "",
                         "name",
                         "id_number",
                         "sex",
                         "household_address",
                         "residence_address",
                         "residence_village",
                         "first_found_on",
                         "phone",
                         "",
                         "note",
                         "" };
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_cmpstr (jd_import_assistant_get_column_key (assistant, i), ==, keys[i]);
  g_assert_true (shows_line (GTK_WIDGET (assistant), "籍贯"));

  const JdImportPreview *p = jd_import_assistant_get_preview (assistant);
  g_assert_nonnull (p);
  g_assert_cmpuint (p->n_rows, ==, 4);
  g_assert_cmpuint (p->n_new, ==, 2);
  g_assert_cmpuint (p->n_updated, ==, 1);
  g_assert_cmpuint (p->n_problem_rows, ==, 1);
  g_assert_cmpuint (p->n_duplicates, ==, 1);
  g_assert_true (shows_line (GTK_WIDGET (assistant), "Update: 联系电话"));
  g_assert_true (shows_prefix (GTK_WIDGET (assistant), "New, but looks like 陈大文 ("));
  /* Dates as numbers read as dates. */
  g_assert_true (shows_line (GTK_WIDGET (assistant), "2020-01-02"));
  /* The ID stored as a number: marked in its cell, the reason in its tooltip. */
  GtkWidget *cell = find_widget (GTK_WIDGET (assistant), is_error_cell, "4.41581199301010E+17");
  g_assert_nonnull (cell);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (cell), "lost"));
  g_assert_true (shows_line (GTK_WIDGET (assistant), "Problem: 身份证号码"));
  g_assert_false (import_enabled (assistant));

  /* Only the rows with problems or flags: 新人乙 and 陈小文. */
  g_assert_cmpuint (shown_rows (assistant), ==, 4);
  GtkToggleButton *only = GTK_TOGGLE_BUTTON (
      find_widget (GTK_WIDGET (assistant), is_button_labelled, "Only Rows with _Problems"));
  g_assert_nonnull (only);
  gtk_toggle_button_set_active (only, TRUE);
  g_assert_cmpuint (shown_rows (assistant), ==, 2);
  gtk_toggle_button_set_active (only, FALSE);

  /* The phone column turned off: 陈大文 has nothing new. */
  AdwComboRow *phone
      = ADW_COMBO_ROW (find_widget (GTK_WIDGET (assistant), is_row_titled, "联系方式"));
  g_assert_nonnull (phone);
  adw_combo_row_set_selected (phone, 0);
  WAIT_FOR (!jd_import_assistant_is_busy (assistant));
  p = jd_import_assistant_get_preview (assistant);
  g_assert_cmpstr (jd_import_assistant_get_column_key (assistant, 8), ==, "");
  g_assert_cmpuint (p->n_updated, ==, 0);
  g_assert_cmpuint (p->n_unchanged, ==, 1);
  phone = ADW_COMBO_ROW (find_widget (GTK_WIDGET (assistant), is_row_titled, "联系方式"));
  adw_combo_row_set_selected (phone, 5); /* 联系电话 · phone, the fifth of persons' columns */
  WAIT_FOR (!jd_import_assistant_is_busy (assistant));
  g_assert_cmpstr (jd_import_assistant_get_column_key (assistant, 8), ==, "phone");
  g_assert_cmpuint (jd_import_assistant_get_preview (assistant)->n_updated, ==, 1);

  /* Nothing was written by the previews. */
  g_assert_cmpint (count (ledger, "SELECT count(*) FROM audit_log"), ==, audit);

  /* The file put right and opened again (dropped on the window): now it goes in. */
  g_assert_true (write_register (xlsx, FALSE));
  jd_import_assistant_open (assistant, file);
  WAIT_FOR (!jd_import_assistant_is_busy (assistant));
  p = jd_import_assistant_get_preview (assistant);
  g_assert_cmpuint (p->n_problem_rows, ==, 0);
  g_assert_cmpuint (p->n_new, ==, 3);
  g_assert_cmpuint (p->n_duplicates, ==, 1);
  g_assert_true (import_enabled (assistant));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.import", NULL));
  WAIT_FOR (find_toplevel (JD_TYPE_IMPORT_ASSISTANT) == NULL);
  WAIT_FOR (
      shows_line (GTK_WIDGET (window), "Imported 4 rows from “登记表.xlsx”: 3 new, 1 updated"));

  g_assert_cmpint (count (ledger, "SELECT count(*) FROM person"), ==, 4);
  g_assert_cmpint (count (ledger, "SELECT count(*) FROM person WHERE phone = '13900000009'"), ==,
                   1);
  g_assert_cmpint (count (ledger, "SELECT count(*) FROM person WHERE note = '复吸'"), ==, 1);
  g_assert_cmpint (
      count (ledger, "SELECT count(*) FROM person WHERE first_found_on = '2022-05-06'"), ==, 1);
  g_unlink (xlsx);
}

static void
test_import_register (Fixture *f, gconstpointer data)
{
  run_app (f, import_register, "--db", f->t.path, NULL);
}

/* Import, then Cancel at once: nothing is written, and the assistant stays open
 * saying so (no error dialog); the same file goes in when imported again. */
static void
cancel_import (Fixture *f, JdWindow *window)
{
  g_autofree char *xlsx = g_build_filename (f->t.dir, "登记表.xlsx", NULL);
  if (!write_register (xlsx, FALSE))
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  WAIT_FOR (window_ledger (window) != NULL);
  JdLedger *ledger = window_ledger (window);
  gint64 audit = count (ledger, "SELECT count(*) FROM audit_log");

  press_shortcut (GTK_WIDGET (window), GDK_KEY_i, GDK_CONTROL_MASK);
  JdImportAssistant *assistant = JD_IMPORT_ASSISTANT (find_toplevel (JD_TYPE_IMPORT_ASSISTANT));
  g_assert_nonnull (assistant);
  g_autoptr (GFile) file = g_file_new_for_path (xlsx);
  jd_import_assistant_open (assistant, file);
  WAIT_FOR (!jd_import_assistant_is_busy (assistant));
  g_assert_true (import_enabled (assistant));

  /* Another program holds the write lock, so the import waits to begin and
   * Cancel surely comes before it could commit (a few rows take
   * milliseconds). */
  g_autoptr (GSubprocess) holder = jd_test_hold_write (f->t.path, 60);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.import", NULL));
  g_assert_true (jd_import_assistant_is_busy (assistant));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.cancel", NULL));
  g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, NULL);
  g_assert_true (g_subprocess_wait (holder, NULL, NULL));
  WAIT_FOR (!jd_import_assistant_is_busy (assistant));
  g_assert_true (find_toplevel (JD_TYPE_IMPORT_ASSISTANT) == GTK_WINDOW (assistant));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (
      shows_line (GTK_WIDGET (assistant), "The import was cancelled; nothing was imported"));
  g_assert_cmpint (count (ledger, "SELECT count(*) FROM person"), ==, 1);
  g_assert_cmpint (count (ledger, "SELECT count(*) FROM import_batch"), ==, 0);
  g_assert_cmpint (count (ledger, "SELECT count(*) FROM audit_log"), ==, audit);

  g_assert_true (import_enabled (assistant));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.import", NULL));
  WAIT_FOR (find_toplevel (JD_TYPE_IMPORT_ASSISTANT) == NULL);
  g_assert_cmpint (count (ledger, "SELECT count(*) FROM person"), ==, 4);
  g_assert_cmpint (count (ledger, "SELECT count(*) FROM import_batch"), ==, 1);
  g_unlink (xlsx);
}

static void
test_cancel_import (Fixture *f, gconstpointer data)
{
  run_app (f, cancel_import, "--db", f->t.path, NULL);
}

/* With JD_TEST_SCREENSHOTS=DIR, the help's figures (help/C/figures, help/zh_CN/figures):
 * the screen as `import -window root` takes it under Xvfb, once the frames are drawn. */
static void
take_screenshot (const char *name)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_autofree char *path = g_build_filename (g_getenv ("JD_TEST_SCREENSHOTS"), name, NULL);
  const char *argv[] = { "import", "-window", "root", path, NULL };
  int status = 0;
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
screenshots (Fixture *f, JdWindow *window)
{
  g_autofree char *xlsx = g_build_filename (f->t.dir, "登记表.xlsx", NULL);
  g_assert_true (write_register (xlsx, TRUE));
  WAIT_FOR (window_ledger (window) != NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 1000);
  press_shortcut (GTK_WIDGET (window), GDK_KEY_i, GDK_CONTROL_MASK);
  JdImportAssistant *assistant = JD_IMPORT_ASSISTANT (find_toplevel (JD_TYPE_IMPORT_ASSISTANT));
  gtk_window_set_default_size (GTK_WINDOW (assistant), 1240, 900);
  g_autoptr (GFile) file = g_file_new_for_path (xlsx);
  jd_import_assistant_open (assistant, file);
  WAIT_FOR (!jd_import_assistant_is_busy (assistant));
  take_screenshot ("import-assistant.png");
  GtkToggleButton *only = GTK_TOGGLE_BUTTON (
      find_widget (GTK_WIDGET (assistant), is_type, GSIZE_TO_POINTER (GTK_TYPE_TOGGLE_BUTTON)));
  gtk_toggle_button_set_active (only, TRUE);
  take_screenshot ("import-problems.png");
  gtk_window_destroy (GTK_WINDOW (assistant));
  g_unlink (xlsx);
}

static void
test_screenshots (Fixture *f, gconstpointer data)
{
  run_app (f, screenshots, "--db", f->t.path, NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);
  /* JD_TEST_LOCALE=zh_CN.UTF-8 for the Chinese figures. */
  if (g_getenv ("JD_TEST_LOCALE"))
    {
      setlocale (LC_ALL, g_getenv ("JD_TEST_LOCALE"));
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("JINDU_LOCALEDIR"));
      textdomain (GETTEXT_PACKAGE);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
    }
  if (g_getenv ("JD_TEST_SCREENSHOTS"))
    g_test_add ("/import-assistant/screenshots", Fixture, NULL, fixture_set_up, test_screenshots,
                fixture_tear_down);
  else
    {
      g_test_add ("/import-assistant/register", Fixture, NULL, fixture_set_up, test_import_register,
                  fixture_tear_down);
      g_test_add ("/import-assistant/cancel", Fixture, NULL, fixture_set_up, test_cancel_import,
                  fixture_tear_down);
    }
  return g_test_run ();
}
