/* test-backups-dialog.c: backups from the window, under Xvfb
 *
 * The ledger holds 张伟 and 李红. Opening it makes the day's backup (two
 * persons); the Backups dialog lists it. With a third person added, restoring
 * that backup closes the ledger, puts the two back, opens it again, and keeps
 * the three as a backup of their own, listed beside the first.
 */
#include "config.h"

#include <locale.h>

#include "jd-backups-dialog.h"
#include "jd-backups.h"
#include "jd-date.h"
#include "jd-id-number.h"
#include "jd-store.h"
#include "jd-test-ui.h"

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  gint64 village = 0;

  g_autoptr (JdLedger) ledger = fixture_init_ledger (f, "jd-backups-ui-XXXXXX");
  village = jd_test_add_village (ledger, "V01", "东村");
  jd_test_add_numbered_person (ledger, village, 1, "张伟");
  jd_test_add_numbered_person (ledger, village, 2, "李红");
}

static guint
n_backups (const char *path)
{
  g_autoptr (GPtrArray) backups = jd_backups_list (path, NULL);
  return backups->len;
}

static void
backups (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  WAIT_FOR (n_backups (f->t.path) == 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.backups", NULL));
  JdBackupsDialog *dialog = JD_BACKUPS_DIALOG (find_toplevel (JD_TYPE_BACKUPS_DIALOG));
  g_assert_nonnull (dialog);
  WAIT_FOR (!jd_backups_dialog_is_busy (dialog));
  GListModel *rows = jd_backups_dialog_get_rows (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_autoptr (AdwActionRow) row = g_list_model_get_item (rows, 0);
  /* The counts, then the size (which depends on SQLite's page layout). */
  g_assert_true (
      g_str_has_prefix (adw_action_row_get_subtitle (row), "2 persons · 0 follow-ups · "));

  jd_test_add_numbered_person (window_ledger (window), 1, 3, "王芳");
  g_assert_cmpint (jd_ledger_count (window_ledger (window), "person"), ==, 3);

  g_autoptr (GPtrArray) list = jd_backups_list (f->t.path, NULL);
  jd_backups_dialog_restore (dialog, ((JdBackup *)list->pdata[0])->path);
  WAIT_FOR (!jd_backups_dialog_is_busy (dialog) && window_ledger (window) != NULL);
  g_assert_cmpint (jd_ledger_count (window_ledger (window), "person"), ==, 2);

  /* The three are a backup now: the newest, beside the first. */
  WAIT_FOR (g_list_model_get_n_items (rows) == 2);
  g_autoptr (GPtrArray) after = jd_backups_list (f->t.path, NULL);
  g_assert_cmpint (((JdBackup *)after->pdata[0])->persons, ==, 3);
  g_assert_cmpint (((JdBackup *)after->pdata[1])->persons, ==, 2);
}

static void
test_backups (Fixture *f, gconstpointer data)
{
  run_app (f, backups, "--db", f->t.path, NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/backups-dialog/daily-list-restore", Fixture, NULL, fixture_set_up, test_backups,
              fixture_tear_down);
  return g_test_run ();
}
