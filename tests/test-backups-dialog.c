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
add_person (JdLedger *ledger, gint64 village, int sequence, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *first17 = g_strdup_printf ("11010519900101%03d", sequence);
  g_autofree char *number = g_strdup_printf ("%s%c", first17, jd_id_number_check_digit (first17));
  JdPersonRecord person = { .id_number = number,
                            .name = name,
                            .village_id = village,
                            .first_found_on = jd_day_new (2020, 1, 1) };
  g_assert_cmpint (jd_store_person (ledger, &person, NULL, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 village = 0;

  fixture_init (f, "jd-backups-ui-XXXXXX");
  g_autoptr (JdLedger) ledger = jd_ledger_create (f->path, "博美镇", NULL, &error);
  g_assert_no_error (error);
  const JdVillageRecord v = { .code = "V01", .name = "东村" };
  g_assert_cmpint (jd_store_village (ledger, &v, &village, &error), ==, JD_STORE_ADDED);
  add_person (ledger, village, 1, "张伟");
  add_person (ledger, village, 2, "李红");
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
  WAIT_FOR (n_backups (f->path) == 1);

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

  add_person (window_ledger (window), 1, 3, "王芳");
  g_assert_cmpint (jd_ledger_count (window_ledger (window), "person"), ==, 3);

  g_autoptr (GPtrArray) list = jd_backups_list (f->path, NULL);
  jd_backups_dialog_restore (dialog, ((JdBackup *)list->pdata[0])->path);
  WAIT_FOR (!jd_backups_dialog_is_busy (dialog) && window_ledger (window) != NULL);
  g_assert_cmpint (jd_ledger_count (window_ledger (window), "person"), ==, 2);

  /* The three are a backup now: the newest, beside the first. */
  WAIT_FOR (g_list_model_get_n_items (rows) == 2);
  g_autoptr (GPtrArray) after = jd_backups_list (f->path, NULL);
  g_assert_cmpint (((JdBackup *)after->pdata[0])->persons, ==, 3);
  g_assert_cmpint (((JdBackup *)after->pdata[1])->persons, ==, 2);
}

static void
test_backups (Fixture *f, gconstpointer data)
{
  run_app (f, backups, "--db", f->path, NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/backups-dialog/daily-list-restore", Fixture, NULL, fixture_set_up, test_backups,
              fixture_tear_down);
  return g_test_run ();
}
