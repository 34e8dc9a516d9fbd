/* test-window.c: the window shell, driven through its actions under Xvfb
 *
 * Each test starts the application on a ledger of two villages made here:
 *   V01 东村    village    2000 residents  3 grids  李明  education site
 *   V02 西社区  community  3500 residents  5 grids  王芳  no site
 * and checks what a user would see: the township in the title, the sections,
 * the villages list and its sorting, the About window, the empty state and the
 * Create Ledger dialog.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "jd-application.h"
#include "jd-backups-dialog.h"
#include "jd-backups.h"
#include "jd-create-dialog.h"
#include "jd-date.h"
#include "jd-demo.h"
#include "jd-empty-page.h"
#include "jd-section-page.h"
#include "jd-store.h"
#include "jd-village-list.h"
#include "jd-villages-page.h"
#include "jd-test-damage.h"
#include "jd-test-ui.h"
#include "jd-window.h"

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_autoptr (JdLedger) ledger = fixture_init_ledger (f, "jd-window-XXXXXX");
  const JdVillageRecord villages[] = {
    { .code = "V01",
      .name = "东村",
      .kind = "village",
      .resident_population = 2000,
      .grid_count = 3,
      .secretary = "李明",
      .education_site = TRUE },
    { .code = "V02",
      .name = "西社区",
      .kind = "community",
      .resident_population = 3500,
      .grid_count = 5,
      .secretary = "王芳" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (villages); i++)
    {
      g_assert_cmpint (jd_store_village (ledger, &villages[i], NULL, &error), ==, JD_STORE_ADDED);
      g_assert_no_error (error);
    }
}

/* ---- finding what is on screen ------------------------------------------------ */

static gboolean
is_sidebar (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_LIST_BOX (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar");
}

static JdWindow *
open_ledger (Fixture *f)
{
  g_autoptr (GFile) file = g_file_new_for_path (f->t.path);
  JdWindow *window = jd_application_open (f->app, file, NULL, FALSE);

  g_assert_nonnull (window);
  WAIT_FOR (window_ledger (window) != NULL);
  return window;
}

/* ---- tests ------------------------------------------------------------------------ */

static void
title_and_sections (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  g_assert_cmpuint (jd_today (), ==, jd_day_new (2024, 3, 5));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "博美镇");
  g_assert_cmpstr (jd_window_get_path (window), ==, f->t.path);

  /* The schema's last-section default is todo, the first section of docs/contract.md §8. */
  g_assert_cmpstr (jd_window_get_section (window), ==, "todo");
  GtkWidget *todo = jd_window_get_page (window, "todo");
  GtkWidget *villages = jd_window_get_page (window, "villages");
  g_assert_true (JD_IS_VILLAGES_PAGE (villages));
  WAIT_FOR (gtk_widget_get_mapped (todo));

  /* The sidebar lists the built sections in docs/contract.md §8's order. */
  GtkWidget *sidebar = find_widget (GTK_WIDGET (window), is_sidebar, NULL);
  g_assert_nonnull (sidebar);
  const char *order[]
      = { "todo", "people", "villages", "activities", "venues", "assessments", "dashboard" };
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), i);
      g_assert_nonnull (row);
      g_assert_cmpstr (g_object_get_data (G_OBJECT (row), "jd-section"), ==, order[i]);
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "villages"));
  g_assert_cmpstr (jd_window_get_section (window), ==, "villages");
  WAIT_FOR (gtk_widget_get_mapped (villages) && !gtk_widget_get_mapped (todo));
  g_assert_true (gtk_list_box_get_selected_row (GTK_LIST_BOX (sidebar))
                 == gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 2));

  /* A section that is not a section changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "nowhere"));
  g_assert_cmpstr (jd_window_get_section (window), ==, "villages");

  /* Alt+1 … Alt+7 follow docs/contract.md §8's order: todo is 1, people 2, villages 3, dashboard 7.
   */
  press_shortcut (GTK_WIDGET (window), GDK_KEY_7, GDK_ALT_MASK);
  g_assert_cmpstr (jd_window_get_section (window), ==, "dashboard");
  press_shortcut (GTK_WIDGET (window), GDK_KEY_2, GDK_ALT_MASK);
  g_assert_cmpstr (jd_window_get_section (window), ==, "people");
  press_shortcut (GTK_WIDGET (window), GDK_KEY_1, GDK_ALT_MASK);
  g_assert_cmpstr (jd_window_get_section (window), ==, "todo");
  press_shortcut (GTK_WIDGET (window), GDK_KEY_3, GDK_ALT_MASK);
  g_assert_cmpstr (jd_window_get_section (window), ==, "villages");
  WAIT_FOR (gtk_widget_get_mapped (villages));

  /* Opening the same file again brings this window forward, on the section asked for. */
  g_autoptr (GFile) file = g_file_new_for_path (f->t.path);
  g_assert_true (jd_application_open (f->app, file, "todo", FALSE) == window);
  g_assert_cmpstr (jd_window_get_section (window), ==, "todo");
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (f->app))), ==, 1);
}

static void
test_title_and_sections (Fixture *f, gconstpointer data)
{
  run_app (f, title_and_sections, "--db", f->t.path, "--today", "2024-03-05", NULL);
}

/* A later `jindu --db OTHER` reaches the running instance's command-line
 * handler, which calls jd_application_open: another ledger gets a window of
 * its own, and naming either ledger again brings its window forward instead
 * of opening a third. */
static void
second_ledger (Fixture *f, JdWindow *window)
{
  g_autoptr (GError) error = NULL;
  WAIT_FOR (window_ledger (window) != NULL);

  g_autofree char *other = g_build_filename (f->t.dir, "other.db", NULL);
  g_autoptr (JdLedger) ledger = jd_ledger_create (other, "河东镇", "陆丰市", &error);
  g_assert_no_error (error);
  g_clear_object (&ledger);

  g_autoptr (GFile) other_file = g_file_new_for_path (other);
  JdWindow *second = jd_application_open (f->app, other_file, NULL, FALSE);
  g_assert_nonnull (second);
  g_assert_true (second != window);
  WAIT_FOR (window_ledger (second) != NULL);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (f->app))), ==, 2);

  /* The same two files again: the same two windows, no third. */
  g_assert_true (jd_application_open (f->app, other_file, NULL, FALSE) == second);
  g_autoptr (GFile) first_file = g_file_new_for_path (f->t.path);
  g_assert_true (jd_application_open (f->app, first_file, NULL, FALSE) == window);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (f->app))), ==, 2);
  gtk_window_destroy (GTK_WINDOW (second));
  jd_test_remove_ledger (other);
}

static void
test_second_ledger (Fixture *f, gconstpointer data)
{
  run_app (f, second_ledger, "--db", f->t.path, NULL);
}

static void
villages_list (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  g_assert_cmpstr (jd_window_get_section (window), ==, "villages");
  JdVillagesPage *page = JD_VILLAGES_PAGE (jd_window_get_page (window, "villages"));
  GListModel *model = jd_villages_page_get_model (page);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpstr (jd_section_page_get_subtitle (JD_SECTION_PAGE (page)), ==, "2 villages");

  /* In code order: V01 before V02. */
  g_autoptr (JdVillageItem) a = g_list_model_get_item (model, 0);
  g_autoptr (JdVillageItem) b = g_list_model_get_item (model, 1);
  g_assert_cmpstr (jd_village_item_get_name (a), ==, "东村");
  g_assert_cmpint (jd_village_item_get_resident_population (a), ==, 2000);
  g_assert_true (jd_village_item_get_education_site (a));
  g_assert_cmpstr (jd_village_item_get_name (b), ==, "西社区");
  g_assert_cmpstr (jd_village_item_get_kind (b), ==, "community");

  /* What the rows show, cell by cell. */
  GtkWidget *view = GTK_WIDGET (jd_villages_page_get_view (page));
  WAIT_FOR (shows_line (view, "西社区"));
  const char *cells[] = { "V01", "东村",   "Village",   "2000", "3", "李明", "Yes",
                          "V02", "西社区", "Community", "3500", "5", "王芳", "No" };
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      if (!shows_line (view, cells[i]))
        g_error ("the list does not show “%s”", cells[i]);
    }
  g_assert_true (shows_before (view, "东村", "西社区"));

  /* Sorted by residents, largest first: 3500 (西社区) before 2000 (东村). */
  g_autoptr (GtkColumnViewColumn) residents
      = g_list_model_get_item (gtk_column_view_get_columns (GTK_COLUMN_VIEW (view)), 3);
  g_assert_cmpstr (gtk_column_view_column_get_title (residents), ==, "Residents");
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), residents, GTK_SORT_DESCENDING);
  g_autoptr (JdVillageItem) top = g_list_model_get_item (model, 0);
  g_assert_cmpstr (jd_village_item_get_code (top), ==, "V02");
  WAIT_FOR (shows_before (view, "西社区", "东村"));
}

static void
test_villages_list (Fixture *f, gconstpointer data)
{
  run_app (f, villages_list, "--db", f->t.path, "--section", "villages", NULL);
}

/* A write to the ledger from anywhere (here the store, as an import writes, in
 * a transaction of its own) reloads every page built on it by the time the
 * commit returns: the ledger announces the commit, nobody tells the window or
 * the pages. A write rolled back changes nothing on screen. */
static void
ledger_notice (Fixture *f, JdWindow *window)
{
  g_autoptr (GError) error = NULL;

  WAIT_FOR (window_ledger (window) != NULL);
  JdLedger *ledger = window_ledger (window);
  JdSectionPage *villages = JD_SECTION_PAGE (jd_window_get_page (window, "villages"));
  JdSectionPage *activities = JD_SECTION_PAGE (jd_window_get_page (window, "activities"));
  g_assert_cmpstr (jd_section_page_get_subtitle (villages), ==, "2 villages");
  g_assert_cmpstr (jd_section_page_get_subtitle (activities), ==, "0 activities");

  JdVillageRecord north = { .code = "V03", .name = "北村", .resident_population = 800 };
  g_assert_true (jd_ledger_begin (ledger, &error));
  g_assert_cmpint (jd_store_village (ledger, &north, NULL, &error), ==, JD_STORE_ADDED);
  jd_ledger_rollback (ledger);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpstr (jd_section_page_get_subtitle (villages), ==, "2 villages");

  g_assert_true (jd_ledger_begin (ledger, &error));
  g_assert_cmpint (jd_store_village (ledger, &north, NULL, &error), ==, JD_STORE_ADDED);
  JdActivityRecord talk = { .held_on = jd_day_new (2024, 3, 1),
                            .form = "lecture",
                            .title = "禁毒讲座",
                            .participants = 40,
                            .materials = -1,
                            .banners = -1 };
  g_assert_cmpint (jd_store_activity (ledger, &talk, &error), ==, JD_STORE_ADDED);
  g_assert_true (jd_ledger_commit (ledger, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (jd_section_page_get_subtitle (villages), ==, "3 villages");
  GListModel *model = jd_villages_page_get_model (JD_VILLAGES_PAGE (villages));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (jd_section_page_get_subtitle (activities), ==, "1 activity");
}

static void
test_ledger_notice (Fixture *f, gconstpointer data)
{
  run_app (f, ledger_notice, "--db", f->t.path, "--section", "villages", "--today", "2024-03-05",
           NULL);
}

static void
about (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "about", NULL);
  AdwAboutWindow *about = ADW_ABOUT_WINDOW (find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Jindu Ledger");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_developer_name (about), ==, "Jindu Ledger developers");
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (about)));

  g_object_ref (about);
  gtk_window_close (GTK_WINDOW (about));
  g_assert_null (find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_finalize_object (about);
}

static void
test_about (Fixture *f, gconstpointer data)
{
  run_app (f, about, "--db", f->t.path, NULL);
}

/* Whether an item of menu, or of its sections, activates action. */
static gboolean
menu_has_action (GMenuModel *menu, const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_str_equal (name, action))
        return TRUE;
      g_autoptr (GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      if (section && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

/* F1 and the main menu's "Help" open the user help: the application has an
 * app.help action bound to F1, and the main menu offers it. (Activating it
 * would start yelp, which the test machine need not have.) */
static void
help (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->app), "help"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->app), "help"));
  g_auto (GStrv) accels
      = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "app.help");
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "F1");
  g_assert_null (accels[1]);
  g_auto (GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (f->app), "F1");
  g_assert_nonnull (actions);
  g_assert_cmpstr (actions[0], ==, "app.help");
  g_assert_null (actions[1]);

  GtkWidget *button
      = find_widget (GTK_WIDGET (window), is_type, GSIZE_TO_POINTER (GTK_TYPE_MENU_BUTTON));
  g_assert_nonnull (button);
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (menu);
  g_assert_true (menu_has_action (menu, "app.help"));
}

static void
test_help (Fixture *f, gconstpointer data)
{
  run_app (f, help, "--db", f->t.path, NULL);
}

static void
missing_file (Fixture *f, JdWindow *window)
{
  g_autofree char *missing = g_build_filename (f->t.dir, "nowhere.db", NULL);

  /* The message names the file; behind it, the empty state. */
  WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), missing));
  g_assert_null (window_ledger (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Jindu Ledger");
  GtkWidget *empty
      = find_widget (GTK_WIDGET (window), is_type, GSIZE_TO_POINTER (JD_TYPE_EMPTY_PAGE));
  WAIT_FOR (gtk_widget_get_mapped (empty));
  AdwStatusPage *status
      = ADW_STATUS_PAGE (find_widget (empty, is_type, GSIZE_TO_POINTER (ADW_TYPE_STATUS_PAGE)));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Ledger Open");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The empty window takes the next ledger opened. */
  g_assert_true (jd_window_is_idle_empty (window));
  g_assert_true (open_ledger (f) == window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "博美镇");
}

/* ---- bad files ----------------------------------------------------------------------------- */

static AdwMessageDialog *
wait_for_dialog (void)
{
  WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  return ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* A text file: "Not a Jindu Ledger", what to do, and the file as it was. */
static void
text_file (Fixture *f, JdWindow *window)
{
  g_autofree char *text = g_build_filename (f->t.dir, "notes.db", NULL);
  AdwMessageDialog *dialog = wait_for_dialog ();

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Not a Jindu Ledger");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), text));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "The file was not changed."));
  g_assert_false (adw_message_dialog_has_response (dialog, "backups"));
  g_assert_null (window_ledger (window));
  /* sha256 of "这不是台账\n", as written before the window opened it. */
  g_autofree char *after = jd_test_checksum_file (text);
  g_assert_cmpstr (after, ==, "a419a7abc838a6d0d6091e90af43294593cd06863e81e990f569e16575d70ce2");
}

static void
test_text_file (Fixture *f, gconstpointer data)
{
  g_autofree char *text = g_build_filename (f->t.dir, "notes.db", NULL);
  g_assert_true (g_file_set_contents (text, "这不是台账\n", -1, NULL));
  run_app (f, text_file, "--db", text, NULL);
  g_unlink (text);
}

/* A named pipe given as the ledger: said at once what it is (opening it hung
 * for ever), and nothing made beside it. */
static void
named_pipe (Fixture *f, JdWindow *window)
{
  const char *pipe = g_object_get_data (G_OBJECT (f->app), "jd-pipe");
  AdwMessageDialog *dialog = wait_for_dialog ();

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Not a Jindu Ledger");
  g_autofree char *what
      = g_strdup_printf ("%s is not a Jindu ledger: it is a named pipe (FIFO), not a file", pipe);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), what));
  g_assert_null (window_ledger (window));
}

static void
test_named_pipe (Fixture *f, gconstpointer data)
{
  g_autofree char *pipe = g_build_filename (f->t.dir, "pipe.db", NULL);
  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);
  g_object_set_data (G_OBJECT (f->app), "jd-pipe", pipe);
  run_app (f, named_pipe, "--db", pipe, NULL);
  g_autofree char *wal = g_strconcat (pipe, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_unlink (pipe);
}

/* A ledger from a newer version: said so, with what to do, and left as it was. */
static void
too_new (Fixture *f, JdWindow *window)
{
  AdwMessageDialog *dialog = wait_for_dialog ();

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Made by a Newer Version");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), f->t.path));
  g_assert_null (window_ledger (window));
  g_autofree char *after = jd_test_checksum_file (f->t.path);
  g_assert_cmpstr (after, ==, g_object_get_data (G_OBJECT (f->app), "jd-sum"));
}

static void
test_too_new (Fixture *f, gconstpointer data)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* user_version, big-endian at offset 60 of the header: 99. */
  g_assert_true (g_file_get_contents (f->t.path, &contents, &length, NULL));
  contents[60] = contents[61] = contents[62] = 0;
  contents[63] = 99;
  g_assert_true (g_file_set_contents (f->t.path, contents, length, NULL));
  g_object_set_data_full (G_OBJECT (f->app), "jd-sum", jd_test_checksum_file (f->t.path), g_free);
  run_app (f, too_new, "--db", f->t.path, NULL);
}

/* A ledger cut in half, with a backup from before: "The Ledger Is Damaged",
 * the file untouched, and Restore a Backup… brings the ledger back. */
static void
damaged_ledger (Fixture *f, JdWindow *window)
{
  g_autofree char *before = jd_test_checksum_file (f->t.path);
  AdwMessageDialog *dialog = wait_for_dialog ();

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Ledger Is Damaged");
  g_autofree char *after = jd_test_checksum_file (f->t.path);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (adw_message_dialog_has_response (dialog, "backups"));
  adw_message_dialog_response (dialog, "backups");
  JdBackupsDialog *backups = JD_BACKUPS_DIALOG (find_toplevel (JD_TYPE_BACKUPS_DIALOG));
  g_assert_nonnull (backups);
  WAIT_FOR (!jd_backups_dialog_is_busy (backups));
  g_assert_cmpuint (g_list_model_get_n_items (jd_backups_dialog_get_rows (backups)), ==, 1);

  g_autoptr (GPtrArray) list = jd_backups_list (f->t.path, NULL);
  jd_backups_dialog_restore (backups, ((JdBackup *)list->pdata[0])->path);
  WAIT_FOR (!jd_backups_dialog_is_busy (backups) && window_ledger (window) != NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "博美镇");
  g_assert_cmpint (jd_ledger_count (window_ledger (window), "village"), ==, 2);
}

static void
test_damaged_ledger (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (JdLedger) ledger = jd_ledger_open (f->t.path, &error);
    g_assert_no_error (error);
    g_assert_true (jd_backups_make (ledger, NULL, NULL, &error));
  }
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_assert_true (g_file_get_contents (f->t.path, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 4 * 4096);
  g_assert_true (g_file_set_contents (f->t.path, contents, length / 2, NULL));
  run_app (f, damaged_ledger, "--db", f->t.path, NULL);
}

/* A ledger that opens (its header and schema are sound) but lost 50 pages in
 * its middle, publicity activities and audit rows: the dashboard, which reads
 * ten years of activities, meets them, and the window says "The Ledger Is
 * Damaged" with what to do, rather than leave the page empty. */
static void
damaged_page (Fixture *f, JdWindow *window)
{
  const char *path = g_object_get_data (G_OBJECT (f->app), "jd-path");
  WAIT_FOR (window_ledger (window) != NULL);
  AdwMessageDialog *dialog = wait_for_dialog ();

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Ledger Is Damaged");
  const char *body = adw_message_dialog_get_body (dialog);
  g_autofree char *damaged = g_strdup_printf (
      "%s is damaged: part of the file cannot be read, so nothing was done.", path);
  g_assert_true (g_str_has_prefix (body, damaged));
  g_assert_nonnull (strstr (body, "Restore the latest backup"));
  /* The ledger stays open for what can still be read; the file as it was. */
  g_assert_nonnull (window_ledger (window));
  g_assert_cmpstr (jd_window_get_section (window), ==, "dashboard");
  g_autofree char *after = jd_test_checksum_file (path);
  g_assert_cmpstr (after, ==, g_object_get_data (G_OBJECT (f->app), "jd-sum"));
}

static void
test_damaged_page (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->t.dir, "demo.db", NULL);
  {
    g_autoptr (JdLedger) ledger = jd_ledger_create (path, "博美镇", NULL, &error);
    g_assert_no_error (error);
    g_assert_true (jd_demo_fill (ledger, JD_DEMO_TOWNSHIP, 7, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  jd_test_damage_pages (path, 0.5, 50);
  g_object_set_data (G_OBJECT (f->app), "jd-path", path);
  g_object_set_data_full (G_OBJECT (f->app), "jd-sum", jd_test_checksum_file (path), g_free);
  run_app (f, damaged_page, "--db", path, "--section", "dashboard", NULL);
  jd_test_remove_ledger (path);
}

static void
test_missing_file (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->t.dir, "nowhere.db", NULL);
  run_app (f, missing_file, "--db", missing, NULL);
}

static void
first_run_and_create (Fixture *f, JdWindow *window)
{
  g_autofree char *default_path = jd_ledger_default_path ();

  /* No ledger at the default path: the first-run page, and no error. */
  GtkWidget *empty
      = find_widget (GTK_WIDGET (window), is_type, GSIZE_TO_POINTER (JD_TYPE_EMPTY_PAGE));
  WAIT_FOR (gtk_widget_get_mapped (empty));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  AdwStatusPage *status
      = ADW_STATUS_PAGE (find_widget (empty, is_type, GSIZE_TO_POINTER (ADW_TYPE_STATUS_PAGE)));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Ledger Yet");
  g_assert_nonnull (find_widget (empty, is_button_labelled, "Open _Demo Ledger"));
  g_assert_nonnull (find_widget (empty, is_button_labelled, "_Open Ledger File…"));

  /* Create Ledger…: the dialog proposes the default path and wants a township. */
  GtkWidget *create = find_widget (empty, is_button_labelled, "_Create Ledger…");
  g_assert_nonnull (create);
  /* A button activated from the keyboard clicks when its press animation ends. */
  gtk_widget_activate (create);
  WAIT_FOR (find_toplevel (JD_TYPE_CREATE_DIALOG) != NULL);
  JdCreateDialog *dialog = JD_CREATE_DIALOG (find_toplevel (JD_TYPE_CREATE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (jd_create_dialog_get_path (dialog), ==, default_path);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));

  GtkWidget *township = find_widget (GTK_WIDGET (dialog), is_row_titled, "Township");
  g_assert_nonnull (township);
  g_assert_false (gtk_widget_has_css_class (township, "error"));
  gtk_editable_set_text (GTK_EDITABLE (township), "新");
  gtk_editable_set_text (GTK_EDITABLE (township), "  ");
  /* Only blanks: no name, said on the row as soon as it is typed. */
  g_assert_true (gtk_widget_has_css_class (township, "error"));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  gtk_editable_set_text (GTK_EDITABLE (township), "新镇");
  g_assert_false (gtk_widget_has_css_class (township, "error"));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));

  GtkWidget *button = find_widget (GTK_WIDGET (dialog), is_button_labelled, "_Create");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  WAIT_FOR (find_toplevel (JD_TYPE_CREATE_DIALOG) == NULL);
  WAIT_FOR (window_ledger (window) != NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "新镇");
  g_assert_cmpstr (jd_window_get_path (window), ==, default_path);
  g_assert_true (g_file_test (default_path, G_FILE_TEST_IS_REGULAR));

  /* The new ledger has no villages yet: the page says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "villages"));
  GtkWidget *villages = jd_window_get_page (window, "villages");
  g_assert_cmpstr (jd_section_page_get_subtitle (JD_SECTION_PAGE (JD_VILLAGES_PAGE (villages))), ==,
                   "0 villages");
  AdwStatusPage *none
      = ADW_STATUS_PAGE (find_widget (villages, is_type, GSIZE_TO_POINTER (ADW_TYPE_STATUS_PAGE)));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (none)));
  g_assert_cmpstr (adw_status_page_get_title (none), ==, "No Villages");

  /* A second Create Ledger… proposes a file in Documents, named after the
   * township, since the default one exists now. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "new", NULL);
  dialog = JD_CREATE_DIALOG (find_toplevel (JD_TYPE_CREATE_DIALOG));
  township = find_widget (GTK_WIDGET (dialog), is_row_titled, "Township");
  gtk_editable_set_text (GTK_EDITABLE (township), "河口镇");
  g_autofree char *basename = g_path_get_basename (jd_create_dialog_get_path (dialog));
  g_assert_cmpstr (basename, ==, "河口镇.db");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_null (find_toplevel (JD_TYPE_CREATE_DIALOG));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (f->app))), ==, 1);
}

static void
test_first_run_and_create (Fixture *f, gconstpointer data)
{
  g_autofree char *default_path = jd_ledger_default_path ();

  g_assert_false (g_file_test (default_path, G_FILE_TEST_EXISTS));
  run_app (f, first_run_and_create, NULL);
  jd_test_remove_ledger (default_path);
}

static void
demo_ledger (Fixture *f, JdWindow *window)
{
  g_autofree char *demo = jd_empty_page_demo_path ();
  g_autofree char *part = g_strconcat (demo, ".part", NULL);
  GtkWidget *empty
      = find_widget (GTK_WIDGET (window), is_type, GSIZE_TO_POINTER (JD_TYPE_EMPTY_PAGE));
  WAIT_FOR (gtk_widget_get_mapped (empty));
  GtkWidget *demo_button = find_widget (empty, is_button_labelled, "Open _Demo Ledger");
  GtkWidget *cancel = find_widget (empty, is_button_labelled, "_Cancel");
  g_assert_nonnull (demo_button);
  g_assert_nonnull (cancel);

  /* Cancelled at once: the window stays empty and no file is left behind. */
  g_signal_emit_by_name (demo_button, "clicked");
  g_assert_true (jd_empty_page_is_busy (JD_EMPTY_PAGE (empty)));
  g_assert_false (jd_window_is_idle_empty (window));
  WAIT_FOR (gtk_widget_get_mapped (cancel));
  g_signal_emit_by_name (cancel, "clicked");
  WAIT_FOR (!jd_empty_page_is_busy (JD_EMPTY_PAGE (empty)));
  g_assert_false (g_file_test (demo, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_null (window_ledger (window));
  g_assert_true (gtk_widget_get_mapped (demo_button));

  /* Made in full, it opens in the window: the township scale of jd-demo.c
   * is 博美镇 with 12 villages (`jindu demo` prints the same). */
  g_signal_emit_by_name (demo_button, "clicked");
  WAIT_FOR (window_ledger (window) != NULL);
  g_assert_cmpstr (jd_window_get_path (window), ==, demo);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "博美镇");
  JdVillagesPage *villages = JD_VILLAGES_PAGE (jd_window_get_page (window, "villages"));
  g_assert_cmpuint (g_list_model_get_n_items (jd_villages_page_get_model (villages)), ==, 12);
}

static void
test_demo (Fixture *f, gconstpointer data)
{
  run_app (f, demo_ledger, NULL);
}

/* The options are checked in the process started, before any window. */
static void
test_bad_options (void)
{
  const char *jindu = g_getenv ("JINDU");
  const struct
  {
    const char *option;
    const char *value;
    const char *message;
  } cases[] = {
    { "--today", "2024-02-30", "--today: “2024-02-30” is not a date" },
    { "--section", "weather", "--section: “weather” is not a section" },
  };

  if (jindu == NULL)
    {
      g_test_skip ("JINDU is not set");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[] = { jindu, cases[i].option, cases[i].value, NULL };
      g_autofree char *err = NULL;
      int status = 0;
      g_autoptr (GError) error = NULL;

      g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 1);
      g_assert_nonnull (strstr (err, cases[i].message));
    }
}

/* A ledger other users may read (0644): said once after opening, and Make
 * Private makes the file and its -wal readable by their owner only. */
static guint
file_mode (const char *path)
{
  GStatBuf st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
shared_ledger (Fixture *f, JdWindow *window)
{
  AdwMessageDialog *dialog = wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Others Can Read This Ledger");
  const char *body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, f->t.path));
  g_assert_nonnull (strstr (body, "(permissions 644)"));
  WAIT_FOR (window_ledger (window) != NULL);
  g_autofree char *wal = g_strconcat (f->t.path, "-wal", NULL);
  g_assert_cmpuint (file_mode (wal), ==, 0644); /* SQLite gives it the ledger's mode */

  adw_message_dialog_response (dialog, "private");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (file_mode (f->t.path), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static void
test_shared_ledger (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (g_chmod (f->t.path, 0644), ==, 0);
  run_app (f, shared_ledger, "--db", f->t.path, NULL);
}

int
main (int argc, char **argv)
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/window/title-and-sections", Fixture, NULL, fixture_set_up, test_title_and_sections,
              fixture_tear_down);
  g_test_add ("/window/second-ledger", Fixture, NULL, fixture_set_up, test_second_ledger,
              fixture_tear_down);
  g_test_add ("/window/villages-list", Fixture, NULL, fixture_set_up, test_villages_list,
              fixture_tear_down);
  g_test_add ("/window/ledger-notice", Fixture, NULL, fixture_set_up, test_ledger_notice,
              fixture_tear_down);
  g_test_add ("/window/about", Fixture, NULL, fixture_set_up, test_about, fixture_tear_down);
  g_test_add ("/window/help", Fixture, NULL, fixture_set_up, test_help, fixture_tear_down);
  g_test_add ("/window/missing-file", Fixture, NULL, fixture_set_up, test_missing_file,
              fixture_tear_down);
  g_test_add ("/window/text-file", Fixture, NULL, fixture_set_up, test_text_file,
              fixture_tear_down);
  g_test_add ("/window/too-new", Fixture, NULL, fixture_set_up, test_too_new, fixture_tear_down);
  g_test_add ("/window/damaged-ledger", Fixture, NULL, fixture_set_up, test_damaged_ledger,
              fixture_tear_down);
  g_test_add ("/window/named-pipe", Fixture, NULL, fixture_set_up, test_named_pipe,
              fixture_tear_down);
  g_test_add ("/window/damaged-page", Fixture, NULL, fixture_set_up, test_damaged_page,
              fixture_tear_down);
  g_test_add ("/window/first-run-and-create", Fixture, NULL, fixture_set_up,
              test_first_run_and_create, fixture_tear_down);
  g_test_add ("/window/demo", Fixture, NULL, fixture_set_up, test_demo, fixture_tear_down);
  g_test_add_func ("/window/bad-options", test_bad_options);
  g_test_add ("/window/shared-ledger", Fixture, NULL, fixture_set_up, test_shared_ledger,
              fixture_tear_down);

  return g_test_run ();
}
