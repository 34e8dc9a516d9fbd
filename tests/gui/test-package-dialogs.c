/* test-package-dialogs.c: Send to County, Transfer and Receive Transfer from the window, under Xvfb
 *
 * The ledger: 博美镇 of 某县, villages 东村 (V01) and 西村 (V02), the person 张伟
 * (community detox since 2023-06-01, a talk and a urine test), --today
 * 2024-03-05. Send to County shows the township's key fingerprint, and the
 * package it writes is one `jindu county add` accepts with that fingerprint.
 * Transfer to Another Township asks the township (Choose File… stays off while
 * it is empty); the package written imports into 乙镇's ledger with `jindu
 * import … transfer` with every record, and here 张伟's record ends with
 * moved_out and the note. Receive Transfer imports 丙镇's transfer of 李红 for
 * the village chosen, and a second time adds nothing and says so; a township’s
 * package offered as a transfer is refused in a dialog.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "jd-date.h"
#include "jd-id-number.h"
#include "jd-package-dialogs.h"
#include "jd-package.h"
#include "jd-person.h"
#include "jd-person-window.h"
#include "jd-store.h"
#include "jd-test-run.h"
#include "jd-test-ui.h"

static char *ids[2];
static gint64 person;

static char *
make_id (const char *first17)
{
  return g_strdup_printf ("%s%c", first17, jd_id_number_check_digit (first17));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 village = 0;

  fixture_init (f, "jd-packages-ui-XXXXXX");
  jd_set_today (jd_day_new (2024, 3, 5));
  g_autoptr (JdLedger) ledger = jd_ledger_create (f->t.path, "博美镇", "某县", &error);
  g_assert_no_error (error);
  const JdVillageRecord east = { .code = "V01", .name = "东村", .resident_population = 2000 };
  g_assert_cmpint (jd_store_village (ledger, &east, &village, &error), ==, JD_STORE_ADDED);
  const JdVillageRecord west = { .code = "V02", .name = "西村", .resident_population = 1500 };
  g_assert_cmpint (jd_store_village (ledger, &west, NULL, &error), ==, JD_STORE_ADDED);
  g_free (ids[0]);
  ids[0] = make_id ("44158119850312101");
  JdPersonRecord record = { .id_number = ids[0],
                            .name = "张伟",
                            .village_id = village,
                            .first_found_on = jd_day_new (2023, 5, 1) };
  g_assert_cmpint (jd_store_person (ledger, &record, &person, &error), ==, JD_STORE_ADDED);
  JdStatusRecord span
      = { .person_id = person, .status = "community_detox", .started_on = jd_day_new (2023, 6, 1) };
  g_assert_cmpint (jd_store_status (ledger, &span, &error), ==, JD_STORE_ADDED);
  JdFollowupRecord talk = {
    .person_id = person, .kind = "talk", .occurred_on = jd_day_new (2023, 7, 1), .content = "谈话"
  };
  g_assert_cmpint (jd_store_followup (ledger, &talk, &error), ==, JD_STORE_ADDED);
  JdFollowupRecord urine = { .person_id = person,
                             .kind = "urine_test",
                             .occurred_on = jd_day_new (2023, 8, 1),
                             .result = "negative" };
  g_assert_cmpint (jd_store_followup (ledger, &urine, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

static char *
in_dir (Fixture *f, const char *name)
{
  return g_build_filename (f->t.dir, name, NULL);
}

/* The message dialog shown over parent, or NULL. */
static AdwMessageDialog *
find_message_dialog (const char *heading)
{
  g_autoptr (GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w)
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), heading) == 0
          && gtk_widget_get_visible (GTK_WIDGET (w)))
        {
          /* Shown whole, as a user sees it, before it is answered. */
          WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (w))
                    && gtk_widget_get_width (GTK_WIDGET (w)) > 0);
          return ADW_MESSAGE_DIALOG (w);
        }
    }
  return NULL;
}

static void
run_ok (Run *run)
{
  if (run->status != 0)
    g_printerr ("%s", run->err);
  g_assert_cmpint (run->status, ==, 0);
}

static void
send_to_county (Fixture *f, JdWindow *window, JdLedger *ledger)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.send-to-county", NULL));
  AdwMessageDialog *dialog = find_message_dialog ("Send to County");
  g_assert_nonnull (dialog);
  guint8 key[JD_PACKAGE_PUBLIC_KEY_BYTES];
  g_autoptr (GError) error = NULL;
  g_assert_true (jd_package_ledger_key (ledger, key, &error));
  g_autofree char *fingerprint = jd_package_fingerprint (key);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), fingerprint));
  adw_message_dialog_response (dialog, "cancel");

  g_autofree char *package = in_dir (f, "博美镇.jdpkg");
  jd_send_to_county_write (GTK_WIDGET (window), ledger, package);
  WAIT_FOR (shows_prefix (GTK_WIDGET (window), "Exported “博美镇.jdpkg”"));
  GStatBuf st;
  g_assert_cmpint (g_stat (package, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_autofree char *county = in_dir (f, "county.db");
  g_auto (Run) init = { 0 };
  run_jindu (&init, "county", "init", "--db", county, "--county", "某县", NULL);
  run_ok (&init);
  g_auto (Run) add = { 0 };
  run_jindu (&add, "county", "add", "--db", county, package, NULL);
  run_ok (&add);
  g_assert_nonnull (strstr (add.out, "博美镇"));
  g_assert_nonnull (strstr (add.out, fingerprint));
  g_unlink (package);
  jd_test_remove_tree (county);
  g_autofree char *folder = g_strconcat (county, ".townships", NULL);
  jd_test_remove_tree (folder);
}

static void
transfer (Fixture *f, JdWindow *window, JdLedger *ledger)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-person", "x", person));
  JdPersonWindow *person_window = JD_PERSON_WINDOW (find_toplevel (JD_TYPE_PERSON_WINDOW));
  g_assert_nonnull (person_window);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (person_window)));
  /* The row on the details page, as a user would find it. */
  g_assert_nonnull (find_widget (GTK_WIDGET (person_window), is_row_titled,
                                 (gconstpointer) "Transfer to Another Township…"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (person_window), "person.transfer", NULL));
  AdwMessageDialog *dialog = find_message_dialog ("Transfer to Another Township");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "张伟"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "choose"));
  GtkWidget *entry = find_widget (GTK_WIDGET (dialog), is_type, GSIZE_TO_POINTER (GTK_TYPE_ENTRY));
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "乙镇");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "choose"));
  adw_message_dialog_response (dialog, "cancel");

  g_autofree char *package = in_dir (f, "transfer.jdpkg");
  g_assert_true (
      jd_transfer_person_write (GTK_WIDGET (person_window), ledger, person, "乙镇", package));
  WAIT_FOR (shows_prefix (GTK_WIDGET (person_window), "Transferred to 乙镇"));
  /* Here the record ends with moved_out, noting the township; the window shows it. */
  g_autoptr (GError) error = NULL;
  g_autoptr (JdPerson) loaded = jd_person_load (ledger, person, &error);
  g_assert_no_error (error);
  JdPersonSpan *last = g_ptr_array_index (loaded->spans, loaded->spans->len - 1);
  g_assert_cmpstr (last->status, ==, "moved_out");
  g_assert_nonnull (strstr (last->note, "乙镇"));
  AdwViewStack *stack = ADW_VIEW_STACK (
      find_widget (GTK_WIDGET (person_window), is_type, GSIZE_TO_POINTER (ADW_TYPE_VIEW_STACK)));
  adw_view_stack_set_visible_child_name (stack, "status");
  WAIT_FOR (shows_prefix (GTK_WIDGET (person_window), "Moved out"));
  gtk_window_destroy (GTK_WINDOW (person_window));

  /* 乙镇 imports it with every record. */
  g_autofree char *other = in_dir (f, "乙镇.db");
  {
    g_autoptr (JdLedger) receiver = jd_ledger_create (other, "乙镇", "某县", &error);
    g_assert_no_error (error);
    const JdVillageRecord v = { .code = "B01", .name = "北村" };
    g_assert_cmpint (jd_store_village (receiver, &v, NULL, &error), ==, JD_STORE_ADDED);
  }
  g_auto (Run) import = { 0 };
  run_jindu (&import, "import", "--db", other, "transfer", package, "--village", "B01", NULL);
  run_ok (&import);
  g_autoptr (JdLedger) receiver = jd_ledger_open (other, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jd_ledger_count (receiver, "person"), ==, 1);
  g_assert_cmpint (jd_ledger_count (receiver, "followup"), ==, 2);
  /* The statuses as the sender held them before the transfer ended the record. */
  g_assert_cmpint (jd_ledger_count (receiver, "status_span"), ==, loaded->spans->len - 1);
  g_clear_object (&receiver);
  g_unlink (package);
  jd_test_remove_ledger (other);
}

static void
receive (Fixture *f, JdWindow *window, JdLedger *ledger)
{
  g_autoptr (GError) error = NULL;
  /* 丙镇 sends 李红 to 博美镇. */
  g_autofree char *sender = in_dir (f, "丙镇.db");
  g_free (ids[1]);
  ids[1] = make_id ("44158119781120302");
  {
    g_autoptr (JdLedger) third = jd_ledger_create (sender, "丙镇", "某县", &error);
    g_assert_no_error (error);
    gint64 village = 0, id = 0;
    const JdVillageRecord v = { .code = "C01", .name = "南村" };
    g_assert_cmpint (jd_store_village (third, &v, &village, &error), ==, JD_STORE_ADDED);
    JdPersonRecord record = { .id_number = ids[1],
                              .name = "李红",
                              .village_id = village,
                              .first_found_on = jd_day_new (2022, 5, 1) };
    g_assert_cmpint (jd_store_person (third, &record, &id, &error), ==, JD_STORE_ADDED);
    JdFollowupRecord talk
        = { .person_id = id, .kind = "talk", .occurred_on = jd_day_new (2023, 1, 9) };
    g_assert_cmpint (jd_store_followup (third, &talk, &error), ==, JD_STORE_ADDED);
  }
  g_autofree char *package = in_dir (f, "li.jdpkg");
  g_auto (Run) run = { 0 };
  run_jindu (&run, "transfer", "--db", sender, "--id", ids[1], "--to", "博美镇", "--out", package,
             "--today", "2024-03-05", NULL);
  run_ok (&run);

  gint64 persons = jd_ledger_count (ledger, "person");
  GtkWidget *dialog = jd_receive_transfer_ask_village (GTK_WINDOW (window), ledger, package);
  g_assert_nonnull (dialog);
  WAIT_FOR (gtk_widget_get_mapped (dialog) && gtk_widget_get_width (dialog) > 0);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "丙镇"));
  /* The ID number is masked in the dialog. */
  g_assert_null (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ids[1]));
  GtkWidget *row = find_widget (dialog, is_type, GSIZE_TO_POINTER (GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (row);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (row), 1); /* V02 西村 */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "import");
  WAIT_FOR (shows_prefix (GTK_WIDGET (window), "Received "));
  g_assert_cmpint (jd_ledger_count (ledger, "person"), ==, persons + 1);
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, 3);

  /* A second time: nothing added, and the toast says so. */
  g_assert_true (jd_receive_transfer_import (GTK_WIDGET (window), ledger, package, "V02"));
  WAIT_FOR (shows_prefix (GTK_WIDGET (window), "The transfer of "));
  g_assert_cmpint (jd_ledger_count (ledger, "person"), ==, persons + 1);
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, 3);

  /* A township's package is not a transfer: said in a dialog, and nothing imported. */
  g_autofree char *township_package = in_dir (f, "township.jdpkg");
  g_assert_true (
      jd_package_write (ledger, township_package, JD_OUTPUT_NONE, NULL, NULL, NULL, NULL, &error));
  g_assert_null (jd_receive_transfer_ask_village (GTK_WINDOW (window), ledger, township_package));
  AdwMessageDialog *refused = find_message_dialog ("Could Not Receive the Transfer");
  g_assert_nonnull (refused);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (refused), "not a transfer"));
  adw_message_dialog_response (refused, "close");
  g_assert_cmpint (jd_ledger_count (ledger, "person"), ==, persons + 1);
  g_unlink (township_package);

  g_unlink (package);
  jd_test_remove_ledger (sender);
}

static void
packages (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdLedger *ledger = window_ledger (window);
  send_to_county (f, window, ledger);
  transfer (f, window, ledger);
  receive (f, window, ledger);
}

static void
test_packages (Fixture *f, gconstpointer data)
{
  run_app (f, packages, "--db", f->t.path, "--today", "2024-03-05", NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);
  g_test_add ("/package-dialogs/send-transfer-receive", Fixture, NULL, fixture_set_up,
              test_packages, fixture_tear_down);
  return g_test_run ();
}
