/* test-audit-window.c: the audit log in the window, under Xvfb
 *
 * The ledger: the township, 东村, and 张伟 (phone 13812345678, then
 * 13987654321): 4 entries. Ctrl+Shift+L opens the log with all four; the
 * table filter "Person" leaves his two, the newest the change of phone,
 * masked as lists are; a day that is not a day is marked and changes nothing;
 * the shown entries export and read back with openpyxl, and the export is an
 * entry of its own (file, masked).
 */
#include "config.h"

#include <glib/gstdio.h>

#include "jd-audit-query.h"
#include "jd-audit-window.h"
#include "jd-backups.h"
#include "jd-date.h"
#include "jd-store.h"
#include "jd-test-ui.h"

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 village = 0;

  g_autoptr (JdLedger) ledger = fixture_init_ledger (f, "jd-audit-ui-XXXXXX");
  village = jd_test_add_village (ledger, "V01", "东村");
  JdPersonRecord p = { .id_number = "441581198503121010",
                       .name = "张伟",
                       .phone = "13812345678",
                       .village_id = village,
                       .first_found_on = jd_day_new (2020, 1, 1) };
  g_assert_cmpint (jd_store_person (ledger, &p, NULL, &error), ==, JD_STORE_ADDED);
  p.phone = "13987654321";
  g_assert_cmpint (jd_store_person (ledger, &p, NULL, &error), ==, JD_STORE_UPDATED);
  g_assert_no_error (error);
}

static char *
read_back (const char *xlsx)
{
  const char *script = "import sys, openpyxl\n"
                       "ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n"
                       "rows = list(ws.iter_rows(values_only=True))\n"
                       "head = next(i for i, r in enumerate(rows) if r[0] == '序号')\n"
                       "print(len(rows) - head - 1, rows[head + 1][3], rows[head + 1][4],"
                       " rows[head + 1][5], rows[head + 1][6])\n";

  return jd_test_python (script, xlsx, NULL);
}

/* The outputs the audit log holds, read on a connection of its own. */
static gint64
count_outputs (const char *path)
{
  g_autoptr (JdLedger) ledger = jd_ledger_open (path, NULL);
  return ledger ? jd_ledger_count (ledger, "output_event") : -1;
}

static void
audit (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  /* The day's backup, made as the ledger opened, is an entry of its own. */
  WAIT_FOR (count_outputs (f->t.path) == 1);
  press_shortcut (GTK_WIDGET (window), GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  JdAuditWindow *log = JD_AUDIT_WINDOW (find_toplevel (JD_TYPE_AUDIT_WINDOW));
  g_assert_nonnull (log);
  GListModel *model = jd_audit_window_get_model (log);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_autoptr (GObject) backup = g_list_model_get_item (model, 0);
  const JdAuditLogEntry *b = jd_audit_window_item_entry (backup);
  g_autofree char *folder = jd_backups_folder (f->t.path);
  g_assert_cmpstr (b->action, ==, "backup");
  g_assert_true (g_str_has_prefix (b->file, folder));
  g_assert_cmpint (b->masked, ==, 0);
  g_autofree char *backup_said
      = g_strdup_printf ("A copy of the whole ledger → %s, not masked", b->file);
  g_assert_cmpstr (b->changes, ==, backup_said);

  jd_audit_window_set_filter (log, NULL, NULL, NULL, "person", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_autoptr (GObject) newest = g_list_model_get_item (model, 0);
  g_assert_cmpstr (jd_audit_window_item_entry (newest)->changes, ==,
                   "phone: 138****5678 → 139****4321");

  /* Not a day: nothing changes, the entry says so. */
  jd_audit_window_set_filter (log, "2024-02-30", NULL, NULL, "person", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  jd_audit_window_set_filter (log, NULL, NULL, NULL, "person", "张伟");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  g_autofree char *xlsx = g_build_filename (f->t.dir, "审计.xlsx", NULL);
  jd_audit_window_export (log, xlsx);
  g_autofree char *partial = g_strconcat (xlsx, ".part", NULL);
  WAIT_FOR (g_file_test (xlsx, G_FILE_TEST_EXISTS) && !g_file_test (partial, G_FILE_TEST_EXISTS));
  WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);
  g_autofree char *back = read_back (xlsx);
  g_unlink (xlsx);
  if (back == NULL)
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  /* Masked (the preference) as the workbook is: the file leaves the office. */
  g_assert_cmpstr (back, ==, "2 人员 修改 张* phone: 138****5678 → 139****4321");

  /* The export itself is now an entry: who, which file, masked as the lists are. */
  jd_audit_window_set_filter (log, NULL, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  g_autoptr (GObject) output = g_list_model_get_item (model, 0);
  const JdAuditLogEntry *e = jd_audit_window_item_entry (output);
  g_assert_cmpstr (e->action, ==, "export");
  g_assert_cmpstr (e->file, ==, xlsx);
  g_assert_cmpint (e->masked, ==, 1);
  g_assert_cmpstr (e->user, ==, g_get_user_name ());
  g_autofree char *said = g_strdup_printf ("List “审计日志” → %s, masked", xlsx);
  g_assert_cmpstr (e->changes, ==, said);
  /* Found by its own filter, "Exports and backups". */
  jd_audit_window_set_filter (log, NULL, NULL, NULL, "output_event", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
}

static void
test_audit (Fixture *f, gconstpointer data)
{
  run_app (f, audit, "--db", f->t.path, NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/audit-window/filter-and-export", Fixture, NULL, fixture_set_up, test_audit,
              fixture_tear_down);
  return g_test_run ();
}
