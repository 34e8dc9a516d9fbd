/* test-county-window.c: the window on a county ledger (docs/contract.md §9)
 *
 * Three small demo townships (seeds 1, 2, 3, named 甲镇, 乙镇, 丙镇; 丙镇 also
 * registers two of 甲镇's persons by their ID numbers, as tests/cli/test-cli-county.c
 * does) write their packages once; each test makes a county of them. The
 * window shows the county's sections instead of a township's, its dashboard
 * has the numbers of `jindu indicators --json` on the county, the drill-down
 * reaches a village's persons masked, the duplicates are the shared persons,
 * nothing writes, and Add County Package… trusts a first key only when
 * confirmed and refuses a changed package with its reason. Export Inspection
 * Workbook… writes the county's workbook (always masked), the whole county or
 * one township, 0600, read back by tests/export/check-county-workbook.py; it
 * is refused over the county ledger itself, and Cancel leaves no file.
 */
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <math.h>
#include <string.h>

#include "jd-county-browse-page.h"
#include "jd-county-dashboard-page.h"
#include "jd-county-list-page.h"
#include "jd-county.h"
#include "jd-dashboard-tiles.h"
#include "jd-date.h"
#include "jd-demo.h"
#include "jd-export-dialog.h"
#include "jd-job.h"
#include "jd-ledger-private.h"
#include "jd-mask.h"
#include "jd-package.h"
#include "jd-person-query.h"
#include "jd-store.h"
#include "jd-test-run.h"
#include "jd-test-ui.h"

#define N_TOWNSHIPS 3
static const char *const names[N_TOWNSHIPS] = { "甲镇", "乙镇", "丙镇" };
static char *dir, *packages[N_TOWNSHIPS], *fingerprints[N_TOWNSHIPS];
static char *shared[2]; /* the ID numbers 甲镇 and 丙镇 both register */

static char *
query_text (JdLedger *ledger, const char *sql)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  char *text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

static JdLedger *
make_township (int t)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *file = g_strdup_printf ("t%d.db", t);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  JdLedger *ledger = jd_ledger_create (path, names[t], "某县", &error);
  g_assert_no_error (error);
  g_assert_true (jd_demo_fill (ledger, JD_DEMO_TOWNSHIP, t + 1, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (jd_ledger_begin (ledger, &error));
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, "UPDATE township SET name = ?", &error);
  g_assert_no_error (error);
  jd_bind_text (stmt, 1, names[t]);
  g_assert_true (jd_ledger_step_done (ledger, stmt, &error));
  g_assert_true (jd_ledger_commit (ledger, &error));
  return ledger;
}

static void
make_packages (void)
{
  g_autoptr (GError) error = NULL;
  dir = g_dir_make_tmp ("jd-county-window-XXXXXX", &error);
  g_assert_no_error (error);
  JdLedger *ledgers[N_TOWNSHIPS] = { NULL };
  for (int t = 0; t < N_TOWNSHIPS; t++)
    ledgers[t] = make_township (t);
  shared[0] = query_text (ledgers[0], "SELECT id_number FROM person ORDER BY id LIMIT 1");
  shared[1] = query_text (ledgers[0], "SELECT id_number FROM person ORDER BY id LIMIT 1 OFFSET 7");
  g_autofree char *village = query_text (ledgers[2], "SELECT min (id) FROM village");
  for (int i = 0; i < 2; i++)
    {
      JdPersonRecord r = { .id_number = shared[i],
                           .name = "重复",
                           .village_id = g_ascii_strtoll (village, NULL, 10),
                           .first_found_on = jd_day_new (2024, 1, 10) };
      g_assert_true (jd_ledger_begin (ledgers[2], &error));
      g_assert_cmpint (jd_store_person (ledgers[2], &r, NULL, &error), ==, JD_STORE_ADDED);
      g_assert_true (jd_ledger_commit (ledgers[2], &error));
    }
  for (int t = 0; t < N_TOWNSHIPS; t++)
    {
      g_autofree char *file = g_strdup_printf ("t%d.jdpkg", t);
      packages[t] = g_build_filename (dir, file, NULL);
      g_assert_true (jd_package_write (ledgers[t], packages[t], JD_OUTPUT_NONE, &fingerprints[t],
                                       NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  for (int t = 0; t < N_TOWNSHIPS; t++)
    g_object_unref (ledgers[t]);
}

static void
county_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  fixture_init (f, "jd-county-XXXXXX");
  jd_set_today (jd_day_new (2025, 6, 30));
  g_autoptr (JdCounty) county = jd_county_create (f->t.path, "某县", &error);
  g_assert_no_error (error);
  for (int t = 0; data && t < N_TOWNSHIPS; t++)
    {
      g_autoptr (JdCountyAdded) added
          = jd_county_add (county, packages[t], NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

static void
county_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *folder = g_strconcat (f->t.path, ".townships", NULL);
  jd_test_remove_tree (folder);
  fixture_tear_down (f, data);
}

static GtkWidget *
county_page (JdWindow *window, const char *name)
{
  GtkWidget *page = jd_window_get_page (window, name);
  g_assert_nonnull (page);
  jd_window_set_section (window, name);
  if (JD_IS_COUNTY_LIST_PAGE (page))
    WAIT_FOR (!jd_county_list_page_is_loading (JD_COUNTY_LIST_PAGE (page)));
  return page;
}

static gboolean
is_named (GtkWidget *widget, gconstpointer name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* The rows' cells in one column, joined by newlines. */
static char *
column_of (JdCountyListPage *page, guint column)
{
  GPtrArray *rows = jd_county_list_page_get_rows (page);
  g_assert_nonnull (rows);
  GString *text = g_string_new (NULL);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (text, "%s%s", i ? "\n" : "", ((GStrv)rows->pdata[i])[column]);
  return g_string_free (text, FALSE);
}

static void
sections_and_numbers (Fixture *f, JdWindow *window)
{
  WAIT_FOR (jd_window_get_page (window, "townships") != NULL);
  /* The county's sections, none of a township's; the title says what it is. */
  g_assert_null (window_ledger (window));
  for (const char *const *s = (const char *const[]){ "dashboard", "readiness", "todo", "townships",
                                                     "duplicates", "packages", NULL };
       *s; s++)
    g_assert_nonnull (jd_window_get_page (window, *s));
  for (const char *const *s
       = (const char *const[]){ "people", "villages", "activities", "venues", "assessments", NULL };
       *s; s++)
    g_assert_null (jd_window_get_page (window, *s));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "county ledger"));
  /* Another ledger opened from the command line gets a window of its own. */
  g_assert_false (jd_window_is_idle_empty (window));

  /* The dashboard: 2024 to its end, the numbers of `jindu indicators`. */
  JdCountyDashboardPage *dashboard = JD_COUNTY_DASHBOARD_PAGE (county_page (window, "dashboard"));
  jd_county_dashboard_page_set_year (dashboard, 2024);
  WAIT_FOR (!jd_county_dashboard_page_is_loading (dashboard)
            && jd_county_dashboard_page_get_dashboard (dashboard));
  const JdCountyDashboard *shown = jd_county_dashboard_page_get_dashboard (dashboard);
  g_assert_cmpint (shown->county->year, ==, 2024);
  g_autoptr (JsonNode) json
      = jd_test_run_json ("indicators", "--db", f->t.path, "--year", "2024", "--json", NULL);
  JsonObject *year = json_node_get_object (json);
  const JdIndicatorValues *values = jd_dashboard_get_values (shown->county);
  guint n_infos;
  const JdIndicatorInfo *infos = jd_indicator_infos (&n_infos);
  guint compared = 0;
  for (guint k = 0; k < n_infos; k++)
    {
      JsonNode *member = json_object_get_member (year, infos[k].key);
      if (infos[k].kind == JD_INDICATOR_COUNT)
        {
          g_assert_cmpint (json_node_get_int (member), ==,
                           jd_indicator_values_count (values, &infos[k]));
          compared++;
        }
      else if (infos[k].kind == JD_INDICATOR_RATIO || infos[k].kind == JD_INDICATOR_PER_10K)
        {
          double ratio = jd_indicator_values_ratio (values, &infos[k]);
          if (JSON_NODE_HOLDS_NULL (member))
            g_assert_true (isnan (ratio));
          else
            g_assert_cmpfloat_with_epsilon (json_node_get_double (member), ratio, 1e-9);
          compared++;
        }
    }
  g_assert_cmpuint (compared, >, 10);
  g_assert_cmpint (json_object_get_int_member (year, "registered"), >, 0);
  /* The coverage tile shows the CLI's coverage. */
  GtkWidget *tile = find_widget (GTK_WIDGET (dashboard), is_named, "target.coverage");
  if (tile == NULL)
    tile = find_widget (GTK_WIDGET (dashboard), is_named, "coverage");
  g_assert_nonnull (tile);
  g_autofree char *coverage
      = g_strdup_printf ("%.1f%%", json_object_get_double_member (year, "coverage") * 100);
  g_assert_true (shows_prefix (tile, coverage));
  /* A row per township in the table against the targets. */
  g_assert_cmpuint (shown->townships->len, ==, N_TOWNSHIPS);
  g_assert_true (shows_line (GTK_WIDGET (dashboard), "乙镇"));

  /* Readiness: every village of the county, as `jindu readiness`. */
  JdCountyListPage *readiness = JD_COUNTY_LIST_PAGE (county_page (window, "readiness"));
  g_autoptr (JsonNode) villages = jd_test_run_json ("readiness", "--db", f->t.path, "--year", "2025",
                                            "--as-of", "2025-06-30", "--json", NULL);
  JsonArray *array = json_node_get_array (villages);
  g_assert_cmpuint (jd_county_list_page_get_rows (readiness)->len, ==,
                    json_array_get_length (array));
  g_autoptr (GString) expected = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (
        expected, "%s%s", i ? "\n" : "",
        json_object_get_string_member (json_array_get_object_element (array, i), "township"));
  g_autofree char *townships_column = column_of (readiness, 0);
  g_assert_cmpstr (townships_column, ==, expected->str);

  /* Work due: a row per township. */
  JdCountyListPage *todo = JD_COUNTY_LIST_PAGE (county_page (window, "todo"));
  g_autofree char *todo_townships = column_of (todo, 0);
  g_assert_cmpstr (todo_townships, ==, "丙镇\n乙镇\n甲镇");

  /* The duplicates: the two shared persons, masked, in 甲镇 and 丙镇. */
  JdCountyListPage *duplicates = JD_COUNTY_LIST_PAGE (county_page (window, "duplicates"));
  g_autofree char *ids = column_of (duplicates, 0);
  g_autofree char *in = column_of (duplicates, 1);
  g_autofree char *mask0 = jd_mask_id_number (shared[0]);
  g_autofree char *mask1 = jd_mask_id_number (shared[1]);
  g_autofree char *want_ids = strcmp (shared[0], shared[1]) < 0
                                  ? g_strdup_printf ("%s\n%s", mask0, mask1)
                                  : g_strdup_printf ("%s\n%s", mask1, mask0);
  g_assert_cmpstr (ids, ==, want_ids);
  g_assert_cmpstr (in, ==, "丙镇、甲镇\n丙镇、甲镇");
  g_assert_null (strstr (ids, shared[0]));

  /* The packages received, with their key fingerprints. */
  JdCountyListPage *received = JD_COUNTY_LIST_PAGE (county_page (window, "packages"));
  g_autofree char *prints = column_of (received, 3);
  for (int t = 0; t < N_TOWNSHIPS; t++)
    g_assert_nonnull (strstr (prints, fingerprints[t]));
  g_assert_cmpuint (jd_county_list_page_get_rows (received)->len, ==, N_TOWNSHIPS);
}

static void
test_sections_and_numbers (Fixture *f, gconstpointer data)
{
  run_app (f, sections_and_numbers, "--db", f->t.path, "--today", "2025-06-30", NULL);
}

static gboolean
is_id_number_like (const char *text)
{
  /* 18 characters of digits (and a final X): an ID number shown whole. */
  for (const char *p = text; *p; p++)
    {
      gsize n = strspn (p, "0123456789");
      if (n >= 17)
        return TRUE;
      p += n ? n - 1 : 0;
    }
  return FALSE;
}

static void
drill_down (Fixture *f, JdWindow *window)
{
  WAIT_FOR (jd_window_get_page (window, "townships") != NULL);
  JdCountyBrowsePage *page = JD_COUNTY_BROWSE_PAGE (county_page (window, "townships"));
  WAIT_FOR (!jd_county_browse_page_is_loading (page));
  g_assert_cmpstr (jd_county_browse_page_get_level (page), ==, "townships");
  g_assert_true (shows_line (GTK_WIDGET (page), "甲镇"));
  /* Each level is read off the window's thread: the page says it is loading
   * and the window goes on meanwhile (WAIT_FOR turns its main loop). */
  g_assert_true (jd_county_browse_page_show_township (page, "甲镇"));
  g_assert_true (jd_county_browse_page_is_loading (page));
  g_assert_cmpstr (jd_county_browse_page_get_level (page), ==, "loading");
  WAIT_FOR (!jd_county_browse_page_is_loading (page));
  g_assert_cmpstr (jd_county_browse_page_get_level (page), ==, "villages");

  /* The village managing the first shared person. */
  g_autoptr (GError) error = NULL;
  g_autoptr (JdCounty) county = jd_county_open (f->t.path, &error);
  g_autoptr (JdCountyTownship) township = jd_county_find (county, "甲镇", &error);
  g_autoptr (JdLedger) snapshot = jd_county_open_township (county, township, &error);
  g_assert_no_error (error);
  g_autofree char *sql
      = g_strdup_printf ("SELECT v.code FROM person AS p JOIN village AS v ON v.id = p.village_id"
                         " WHERE p.id_number = '%s'",
                         shared[0]);
  g_autofree char *code = query_text (snapshot, sql);
  g_autofree char *count_sql = g_strdup_printf (
      "SELECT count (*) FROM person AS p JOIN village AS v ON v.id = p.village_id"
      " WHERE v.code = '%s'",
      code);
  g_autofree char *name_sql
      = g_strdup_printf ("SELECT name FROM person WHERE id_number = '%s'", shared[0]);
  g_autofree char *name = query_text (snapshot, name_sql);

  g_assert_false (jd_county_browse_page_show_village (page, "no such code"));
  g_assert_true (jd_county_browse_page_show_village (page, code));
  g_assert_true (jd_county_browse_page_is_loading (page));
  WAIT_FOR (!jd_county_browse_page_is_loading (page));
  g_assert_cmpstr (jd_county_browse_page_get_level (page), ==, "persons");
  GListModel *persons = jd_county_browse_page_get_persons (page);
  g_assert_nonnull (persons);
  g_assert_cmpuint (g_list_model_get_n_items (persons), >, 0);
  GtkWidget *view = GTK_WIDGET (jd_county_browse_page_get_persons_view (page));
  WAIT_FOR (shows_line (view, jd_mask_id_number (shared[0])));
  g_autofree char *masked_name = jd_mask_name (name);
  g_assert_true (shows_line (view, masked_name));
  g_autofree char *cells = visible_cells (view);
  g_assert_false (is_id_number_like (cells));
  g_assert_null (strstr (cells, name));
  /* Every person the village manages, as the snapshot counts them. */
  g_autofree char *count = query_text (snapshot, count_sql);
  g_assert_cmpuint (g_list_model_get_n_items (persons), ==, g_ascii_strtoull (count, NULL, 10));

  /* Up again. */
  jd_county_browse_page_go_back (page);
  g_assert_cmpstr (jd_county_browse_page_get_level (page), ==, "villages");
  jd_county_browse_page_go_back (page);
  g_assert_cmpstr (jd_county_browse_page_get_level (page), ==, "townships");

  /* Up while a township is read: its read dropped, the townships shown. */
  g_assert_true (jd_county_browse_page_show_township (page, "乙镇"));
  jd_county_browse_page_go_back (page);
  g_assert_false (jd_county_browse_page_is_loading (page));
  g_assert_cmpstr (jd_county_browse_page_get_level (page), ==, "townships");
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (jd_county_browse_page_get_level (page), ==, "townships");

  /* Read-only: what writes a township's records does nothing here. */
  guint before = g_list_model_get_n_items (gtk_window_get_toplevels ());
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-person", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-person", "x", (gint64)1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.record-followup", "(xs)", (gint64)1,
                              "talk");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.backups", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.audit", NULL);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, before);
  /* No page of the county has a button that adds, edits or deletes. */
  const char *const verbs[] = { "Add", "Edit", "Delete", "Save", "New" };
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    g_assert_null (find_widget (GTK_WIDGET (window), is_button_labelled, verbs[i]));
}

static void
test_drill_down (Fixture *f, gconstpointer data)
{
  run_app (f, drill_down, "--db", f->t.path, "--today", "2025-06-30", "--section", "townships", NULL);
}

static AdwMessageDialog *
wait_for_dialog (void)
{
  WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  return ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* The rows the section's page shows now, or -1 while it reads them. */
static int
rows_shown (JdWindow *window, const char *name)
{
  JdCountyListPage *page = JD_COUNTY_LIST_PAGE (jd_window_get_page (window, name));
  GPtrArray *rows = jd_county_list_page_get_rows (page);
  return jd_county_list_page_is_loading (page) || rows == NULL ? -1 : (int)rows->len;
}

/* A button of the dialog pressed: its response, then it closes. */
static void
respond (AdwMessageDialog *dialog, const char *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);
}

static guint
n_townships (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdCounty) county = jd_county_open (path, &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) list = jd_county_list (county, &error);
  g_assert_no_error (error);
  return list->len;
}

static void
add_packages (Fixture *f, JdWindow *window)
{
  WAIT_FOR (jd_window_get_page (window, "packages") != NULL);
  JdCountyListPage *page = JD_COUNTY_LIST_PAGE (county_page (window, "packages"));
  g_assert_cmpuint (jd_county_list_page_get_rows (page)->len, ==, 0);

  /* A first package: its key's fingerprint shown, added only when trusted. */
  const char *first[] = { packages[0], NULL };
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-county-files", "^as", first);
  AdwMessageDialog *dialog = wait_for_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), fingerprints[0]));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "甲镇"));
  respond (dialog, "cancel");
  g_assert_cmpuint (n_townships (f->t.path), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-county-files", "^as", first);
  dialog = wait_for_dialog ();
  respond (dialog, "trust");
  /* The window shows it (added on a worker thread), the section kept. */
  WAIT_FOR (rows_shown (window, "packages") == 1);
  g_assert_cmpuint (n_townships (f->t.path), ==, 1);
  g_assert_cmpstr (jd_window_get_section (window), ==, "packages");

  /* A package with one byte changed: refused, with the reason. */
  g_autofree char *tampered = g_build_filename (f->t.dir, "tampered.jdpkg", NULL);
  g_autofree char *bytes = NULL;
  gsize size = 0;
  g_assert_true (g_file_get_contents (packages[1], &bytes, &size, NULL));
  bytes[size - 100] ^= 1;
  g_assert_true (g_file_set_contents (tampered, bytes, size, NULL));
  const char *bad[] = { tampered, NULL };
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-county-files", "^as", bad);
  dialog = wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Package Refused");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "damaged"));
  respond (dialog, "close");
  g_assert_cmpuint (n_townships (f->t.path), ==, 1);
  g_unlink (tampered);

  /* The same package again: not newer, refused, with the reason. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-county-files", "^as", first);
  dialog = wait_for_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not newer"));
  respond (dialog, "close");
}

static void
test_add_packages (Fixture *f, gconstpointer data)
{
  run_app (f, add_packages, "--db", f->t.path, "--today", "2025-06-30", NULL);
}

/* The window closed while its packages are being checked: the batch stops
 * there. No question about a key, no refusal and no toast comes up after it,
 * and no package of the batch is added. */
static void
close_while_adding (Fixture *f, JdWindow *window)
{
  WAIT_FOR (jd_window_get_page (window, "packages") != NULL);
  const char *both[] = { packages[0], packages[1], NULL };
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-county-files", "^as", both);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (jd_job_wait_all (10000));
  GtkWindow *shown = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  if (shown)
    g_test_message ("shown: %s / %s", adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (shown)),
                    adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (shown)));
  g_assert_null (shown);
  g_assert_cmpuint (n_townships (f->t.path), ==, 0);
}

static void
test_close_while_adding (Fixture *f, gconstpointer data)
{
  run_app (f, close_while_adding, "--db", f->t.path, "--today", "2025-06-30", NULL);
}

/* A township's snapshot gone from the county's folder: each page says so, naming the file. */
static char *missing;

static void
snapshot_missing (Fixture *f, JdWindow *window)
{
  WAIT_FOR (jd_window_get_page (window, "readiness") != NULL);
  JdCountyListPage *readiness = JD_COUNTY_LIST_PAGE (county_page (window, "readiness"));
  g_assert_null (jd_county_list_page_get_rows (readiness));
  g_assert_true (shows_line (GTK_WIDGET (readiness), "The County Ledger Cannot Be Read"));
  g_autofree char *cells = visible_cells (GTK_WIDGET (readiness));
  g_autofree char *base = g_path_get_basename (missing);
  g_assert_nonnull (strstr (cells, base));
  JdCountyDashboardPage *dashboard = JD_COUNTY_DASHBOARD_PAGE (county_page (window, "dashboard"));
  WAIT_FOR (!jd_county_dashboard_page_is_loading (dashboard));
  g_assert_null (jd_county_dashboard_page_get_dashboard (dashboard));
  g_assert_true (shows_line (GTK_WIDGET (dashboard), "The Dashboard Cannot Be Computed"));

  /* The drill-down into that township: said, naming the file; the townships stay. */
  JdCountyBrowsePage *browse = JD_COUNTY_BROWSE_PAGE (county_page (window, "townships"));
  WAIT_FOR (!jd_county_browse_page_is_loading (browse));
  g_assert_true (jd_county_browse_page_show_township (browse, "乙镇"));
  AdwMessageDialog *dialog = wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Township Cannot Be Shown");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), base));
  respond (dialog, "close");
  g_assert_false (jd_county_browse_page_is_loading (browse));
  g_assert_cmpstr (jd_county_browse_page_get_level (browse), ==, "townships");
}

static void
test_snapshot_missing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdCounty) county = jd_county_open (f->t.path, &error);
  g_autoptr (JdCountyTownship) township = jd_county_find (county, "乙镇", &error);
  g_assert_no_error (error);
  missing = g_strdup (township->snapshot);
  g_assert_cmpint (g_unlink (missing), ==, 0);
  run_app (f, snapshot_missing, "--db", f->t.path, "--today", "2025-06-30", "--section", "readiness",
           NULL);
  g_clear_pointer (&missing, g_free);
}

/* What tests/export/check-county-workbook.py MODE XLSX 某县 TOWNSHIP… finds:
 * "ok", "skip" (no openpyxl) or its problems. */
static char *
check_workbook (const char *mode, const char *xlsx, const char *t1, const char *t2, const char *t3)
{
  const char *script = "import subprocess, sys\n"
                       "r = subprocess.run([sys.executable] + sys.argv[1:], capture_output=True,\n"
                       "                   text=True)\n"
                       "print('skip' if r.returncode == 77 else 'ok' if r.returncode == 0\n"
                       "      else 'problems: ' + r.stderr)\n";
  g_autofree char *checker = g_build_filename (g_getenv ("JINDU_SOURCE_DIR"), "tests", "export",
                                               "check-county-workbook.py", NULL);
  char *found = jd_test_python (script, checker, mode, xlsx, "某县", t1, t2, t3, NULL);
  g_test_message ("check-county-workbook.py %s: %s", mode, found ? found : "skip");
  return found ? found : g_strdup ("skip");
}

/* The message dialog shown with heading, or NULL (the progress dialog is one too). */
static AdwMessageDialog *
dialog_headed (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window)
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static JdExportDialog *
open_export_dialog (JdWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  JdExportDialog *dialog = JD_EXPORT_DIALOG (find_toplevel (JD_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  jd_export_dialog_set_year (dialog, 2024);
  return dialog;
}

/* The export into xlsx started from a new dialog (township NULL: the whole
 * county), its progress dialog gone. */
static void
export_county (JdWindow *window, const char *township, const char *xlsx)
{
  JdExportDialog *dialog = open_export_dialog (window);
  g_assert_true (jd_export_dialog_set_township (dialog, township));
  g_assert_true (jd_export_dialog_export_to (dialog, xlsx));
  WAIT_FOR (find_toplevel (JD_TYPE_EXPORT_DIALOG) == NULL);
  WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);
}

static gboolean
is_switch (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_SWITCH (widget);
}

static void
assert_private_file (const char *path)
{
  GStatBuf st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
export_workbook (Fixture *f, JdWindow *window)
{
  WAIT_FOR (jd_window_get_page (window, "townships") != NULL);
  /* The main menu's export opens its dialog on a county (disabled, it would
   * open nothing, as drill_down () finds of the township's actions). */
  JdExportDialog *dialog = open_export_dialog (window);
  /* Masked, and the county cannot turn masking off. */
  GtkWidget *mask = find_widget (GTK_WIDGET (dialog), is_switch, NULL);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (mask)));
  g_assert_false (gtk_widget_is_sensitive (mask));
  /* The townships offered are the county's. */
  g_assert_false (jd_export_dialog_set_township (dialog, "丁镇"));
  g_assert_true (jd_export_dialog_set_township (dialog, "乙镇"));
  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_FOR (find_toplevel (JD_TYPE_EXPORT_DIALOG) == NULL);

  /* The whole county: every sheet's 乡镇 column filled, masked, 0600. */
  g_autofree char *whole = g_build_filename (f->t.dir, "某县.xlsx", NULL);
  export_county (window, NULL, whole);
  g_assert_true (g_file_test (whole, G_FILE_TEST_EXISTS));
  assert_private_file (whole);
  g_autofree char *found = check_workbook ("masked", whole, "甲镇", "乙镇", "丙镇");
  if (!g_str_equal (found, "skip"))
    g_assert_cmpstr (found, ==, "ok");

  /* One township alone. */
  g_autofree char *one = g_build_filename (f->t.dir, "乙镇.xlsx", NULL);
  export_county (window, "乙镇", one);
  assert_private_file (one);
  g_autofree char *found_one = check_workbook ("one", one, "乙镇", NULL, NULL);
  if (!g_str_equal (found_one, "skip"))
    g_assert_cmpstr (found_one, ==, "ok");

  /* Over the county ledger itself: refused, saying why; the county intact. */
  dialog = open_export_dialog (window);
  g_assert_true (jd_export_dialog_export_to (dialog, f->t.path));
  WAIT_FOR (dialog_headed ("Export Failed") != NULL);
  AdwMessageDialog *failed = dialog_headed ("Export Failed");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (failed), "ledger itself"));
  respond (failed, "close");
  g_assert_cmpuint (n_townships (f->t.path), ==, N_TOWNSHIPS);

  /* Cancelled at once: no file, nor a partial one. */
  g_autofree char *cancelled = g_build_filename (f->t.dir, "cancelled.xlsx", NULL);
  dialog = open_export_dialog (window);
  g_assert_true (jd_export_dialog_export_to (dialog, cancelled));
  AdwMessageDialog *progress = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (progress);
  adw_message_dialog_response (progress, "cancel");
  WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);
  g_assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));
  g_autofree char *partial = g_strconcat (cancelled, ".part", NULL);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  g_unlink (whole);
  g_unlink (one);
}

static void
test_export (Fixture *f, gconstpointer data)
{
  run_app (f, export_workbook, "--db", f->t.path, "--today", "2025-06-30", NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);
  jd_set_today (jd_day_new (2025, 6, 30));
  make_packages ();

  g_test_add ("/county-window/sections-and-numbers", Fixture, GINT_TO_POINTER (1), county_set_up,
              test_sections_and_numbers, county_tear_down);
  g_test_add ("/county-window/drill-down", Fixture, GINT_TO_POINTER (1), county_set_up,
              test_drill_down, county_tear_down);
  g_test_add ("/county-window/snapshot-missing", Fixture, GINT_TO_POINTER (1), county_set_up,
              test_snapshot_missing, county_tear_down);
  g_test_add ("/county-window/export", Fixture, GINT_TO_POINTER (1), county_set_up, test_export,
              county_tear_down);
  g_test_add ("/county-window/add-packages", Fixture, NULL, county_set_up, test_add_packages,
              county_tear_down);
  g_test_add ("/county-window/close-while-adding", Fixture, NULL, county_set_up,
              test_close_while_adding, county_tear_down);
  int rc = g_test_run ();
  jd_test_remove_tree (dir);
  return rc;
}
