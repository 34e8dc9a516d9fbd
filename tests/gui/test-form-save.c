/* test-form-save.c: a form saved while another program writes, under Xvfb
 *
 * One village, 东村, with the venue 凤山酒吧; --today 2024-03-20. Another program
 * (tests/common/hold-write) holds the ledger's write lock. The venue's edit form,
 * saved, returns at once: the dialog stays, says it is saving and takes no
 * changes, and the main loop runs on (a 10 ms timeout keeps firing). When
 * the other program lets go, the new name goes in and the dialog closes. Held
 * past the ledger's busy timeout, the save fails saying nothing was saved,
 * the form keeps what was typed, and the same form saves once the ledger is
 * free. A form whose window closes while its save waits still saves.
 */
#include "config.h"

#include <string.h>

#include "jd-register-page.h"
#include "jd-store.h"
#include "jd-test-ui.h"

static gint64 v01;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture_init (f, "jd-form-save-XXXXXX");
  g_autoptr (JdLedger) ledger = jd_ledger_create (f->t.path, "博美镇", NULL, &error);
  const JdVillageRecord v = { .code = "V01", .name = "东村" };
  g_assert_cmpint (jd_store_village (ledger, &v, &v01, &error), ==, JD_STORE_ADDED);
  const JdVenueRecord venue = { .village_id = v01, .name = "凤山酒吧", .kind = "entertainment" };
  g_assert_true (jd_ledger_begin (ledger, &error));
  g_assert_cmpint (jd_store_venue (ledger, &venue, NULL, &error), ==, JD_STORE_ADDED);
  g_assert_true (jd_ledger_commit (ledger, &error));
  g_assert_no_error (error);
}

static GSubprocess *
hold_write (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *helper
      = g_build_filename (g_getenv ("JINDU_BUILD_DIR"), "tests", "common", "hold-write", NULL);
  GSubprocess *holder
      = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                          helper, path, "60", NULL);
  g_assert_no_error (error);
  g_autoptr (GDataInputStream) out
      = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "holding");
  return holder;
}

static void
let_go (GSubprocess *holder)
{
  g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, NULL);
  g_assert_true (g_subprocess_wait (holder, NULL, NULL));
}

static gboolean
tick_cb (gpointer data)
{
  (*(guint *)data)++;
  return G_SOURCE_CONTINUE;
}

static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static const char *
venue_name (GListModel *model)
{
  g_autoptr (GObject) item = g_list_model_get_item (model, 0);
  return jd_register_page_item_cells (item)[2];
}

static gboolean
is_label_starting (GtkWidget *widget, gconstpointer prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
         && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

/* The edit form of the venue, its name typed as name and saved. */
static AdwMessageDialog *
save_name (JdRegisterPage *venues, const char *name, gint64 *took)
{
  AdwMessageDialog *dialog = g_object_ref (jd_register_page_edit (venues, 0));
  GtkWidget *row = find_widget (GTK_WIDGET (dialog), is_row_titled, "Name");
  gtk_editable_set_text (GTK_EDITABLE (row), name);
  gint64 start = g_get_monotonic_time ();
  adw_message_dialog_response (dialog, "add");
  *took = g_get_monotonic_time () - start;
  return dialog;
}

static void
form_save (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdLedger *ledger = window_ledger (window);
  JdRegisterPage *venues = JD_REGISTER_PAGE (jd_window_get_page (window, "venues"));
  GListModel *model = jd_register_page_get_model (venues);
  g_assert_cmpstr (venue_name (model), ==, "凤山酒吧");
  guint ticks = 0;
  guint tick = g_timeout_add (10, tick_cb, &ticks);
  gint64 took = 0;

  /* Saved while the other program writes: no wait, the dialog says so. */
  g_autoptr (GSubprocess) holder = hold_write (f->t.path);
  g_autoptr (AdwMessageDialog) dialog = save_name (venues, "凤山KTV", &took);
  g_assert_cmpint (took, <, 300 * 1000);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), "Saving…"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  GtkWidget *name = find_widget (GTK_WIDGET (dialog), is_row_titled, "Name");
  g_assert_false (gtk_widget_is_sensitive (name));
  ticks = 0;
  run_for (500);
  g_test_message ("%u ticks in 500 ms while the save waited", ticks);
  g_assert_cmpuint (ticks, >=, 20);
  g_assert_cmpstr (venue_name (model), ==, "凤山酒吧");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  /* The other program lets go: the name goes in, the dialog closes. */
  let_go (holder);
  WAIT_FOR (g_strcmp0 (venue_name (model), "凤山KTV") == 0);
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_clear_object (&dialog);
  g_clear_object (&holder);

  /* Held past the busy timeout: nothing saved, said so, what was typed kept. */
  jd_ledger_set_busy_timeout (ledger, 600);
  holder = hold_write (f->t.path);
  dialog = save_name (venues, "凤山歌厅", &took);
  g_assert_cmpint (took, <, 300 * 1000);
  ticks = 0;
  GtkWidget *said = NULL;
  WAIT_FOR ((said = find_widget (GTK_WIDGET (dialog), is_label_starting, "Nothing was saved"))
            != NULL);
  g_assert_cmpuint (ticks, >=, 20);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (said)), f->t.path));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  name = find_widget (GTK_WIDGET (dialog), is_row_titled, "Name");
  g_assert_true (gtk_widget_is_sensitive (name));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "凤山歌厅");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "");
  g_assert_cmpstr (venue_name (model), ==, "凤山KTV");
  g_assert_cmpint (jd_store_find_venue (ledger, v01, "凤山歌厅"), ==, 0);

  /* Free again: the same form saves at once. */
  let_go (holder);
  gtk_editable_set_text (GTK_EDITABLE (name), "凤山歌厅");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  adw_message_dialog_response (dialog, "add");
  g_assert_cmpint (jd_store_find_venue (ledger, v01, "凤山歌厅"), !=, 0);
  gtk_window_destroy (GTK_WINDOW (dialog)); /* a button would have closed it */
  WAIT_FOR (g_strcmp0 (venue_name (model), "凤山歌厅") == 0);
  g_clear_object (&dialog);
  g_clear_object (&holder);

  /* The dialog closed by its window while the save waits: the save goes on. */
  jd_ledger_set_busy_timeout (ledger, 20000);
  holder = hold_write (f->t.path);
  dialog = save_name (venues, "凤山迪厅", &took);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), "Saving…"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  run_for (200);
  let_go (holder);
  WAIT_FOR (g_strcmp0 (venue_name (model), "凤山迪厅") == 0);
  g_source_remove (tick);
}

static void
test_form_save (Fixture *f, gconstpointer data)
{
  run_app (f, form_save, "--db", f->t.path, "--today", "2024-03-20", "--section", "venues", NULL);
}

int
main (int argc, char *argv[])
{
  jd_test_ui_init (&argc, &argv);

  g_test_add ("/form-save/beside-lock", Fixture, NULL, fixture_set_up, test_form_save,
              fixture_tear_down);
  return g_test_run ();
}
