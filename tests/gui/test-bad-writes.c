/* test-bad-writes.c: saving when the ledger cannot take it, under Xvfb
 *
 * A desk clerk records a talk through the quick entry (win.record-followup)
 * while the disk is full, while another program holds the ledger's write lock,
 * and in a ledger whose file is read-only. Each time the window says what
 * happened and what to do, nothing is written, what was typed stays in the
 * form, and, where the cause goes away, the same form then saves. On a real
 * full filesystem (a small tmpfs the test mounts, as root) `jindu import` is
 * refused as well, and leaves the ledger and its folder as they were.
 *
 * The fixture: one village, V01 东村, and one person, 张三, on a ledger with
 * today pinned to 2024-03-05.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-followup-dialog.h"
#include "jd-id-number.h"
#include "jd-ledger-private.h"
#include "jd-store.h"
#include "jd-test-run.h"
#include "jd-test-tmpfs.h"
#include "jd-test-ui.h"

static void
make_ledger (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_test_ledger_create (f->t.path);
  gint64 village = 0;
  const JdVillageRecord v = { .code = "V01", .name = "东村", .resident_population = 2000 };
  g_assert_cmpint (jd_store_village (ledger, &v, &village, &error), ==, JD_STORE_ADDED);
  const JdPersonRecord p = { .id_number = "11010519491231002X",
                             .name = "张三",
                             .village_id = village,
                             .first_found_on = jd_day_new (2020, 5, 1) };
  g_assert_cmpint (jd_store_person (ledger, &p, NULL, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  fixture_init (f, "jd-bad-writes-XXXXXX");
  make_ledger (f);
}

static gint64
audit_rows (JdLedger *ledger)
{
  /* Not the outputs' entries: the window's daily backup logs its own meanwhile. */
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger, "SELECT count(*) FROM audit_log WHERE tbl <> 'output_event'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  gint64 n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* The quick entry of a talk for 张三, its content typed in. */
static JdFollowupDialog *
start_talk (JdWindow *window, const char *content)
{
  gint64 id = jd_store_find_person (window_ledger (window), "11010519491231002X");
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "win.record-followup", "(xs)", id, "talk"));
  JdFollowupDialog *quick = JD_FOLLOWUP_DIALOG (find_toplevel (JD_TYPE_FOLLOWUP_DIALOG));
  g_assert_nonnull (quick);
  GtkWidget *row = find_widget (GTK_WIDGET (quick), is_row_titled, "Content");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), content);
  return quick;
}

static const char *
talk_content (JdFollowupDialog *quick)
{
  return gtk_editable_get_text (
      GTK_EDITABLE (find_widget (GTK_WIDGET (quick), is_row_titled, "Content")));
}

/* The error dialog over the quick entry: its heading and body; closed. */
static char *
take_error (const char *heading)
{
  AdwMessageDialog *dialog = NULL;
  WAIT_FOR ((dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  char *body = g_strdup (adw_message_dialog_get_body (dialog));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  return body;
}

/* Saving the form fails with the message said, and nothing is written. */
static void
assert_refused (JdFollowupDialog *quick, JdLedger *ledger, const char *said)
{
  g_assert_false (jd_followup_dialog_save (quick));
  g_autofree char *body = take_error ("The Follow-Up Was Not Saved");
  g_assert_cmpstr (body, ==, said);
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, 0);
}

/* Saves the form, and waits for the save's outcome: it lands at once, or,
 * while the write lock is busy for a moment (the window's own daily backup
 * logs its backup on a connection of its own), the form says it is saving and
 * the save lands once the lock is let go (jd_save_run ()). Either way the
 * quick entry closes with no error shown, and the ledger holds n follow-ups. */
static void
assert_saved (JdFollowupDialog *quick, JdLedger *ledger, gint64 n)
{
  if (!jd_followup_dialog_save (quick))
    WAIT_FOR (find_toplevel (JD_TYPE_FOLLOWUP_DIALOG) == NULL
              || find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_null (find_toplevel (JD_TYPE_FOLLOWUP_DIALOG));
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, n);
}

/* Another program: Python's sqlite3 holding the ledger's write lock until its
 * standard input closes (below). */
#define WRITE_LOCK "BEGIN IMMEDIATE"
static GSubprocess *lock_ledger (const char *path, const char *sql);
static void unlock_ledger (GSubprocess *locker);

/* ---- a full disk ---------------------------------------------------------------------- */

/* The disk fills up while the talk is saved. SQLite gives a full disk and a
 * full max_page_count the same error (SQLITE_FULL, "database or disk is
 * full") along the same path, so the ledger is held at its present size: a
 * talk whose text needs new pages cannot be written. */
static void
disk_full (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdLedger *ledger = window_ledger (window);
  g_autoptr (GError) error = NULL;
  g_assert_true (jd_ledger_exec (ledger, "PRAGMA max_page_count = 1", &error));
  g_assert_no_error (error);
  gint64 audit = audit_rows (ledger);

  /* The longest text a field may hold, 2,000 characters, in Chinese: 6,000
   * bytes, more than a page, so it needs new pages. */
  GString *text = g_string_new (NULL);
  for (int i = 0; i < 2000; i++)
    g_string_append (text, "谈");
  g_autofree char *long_talk = g_string_free (text, FALSE);
  JdFollowupDialog *quick = start_talk (window, long_talk);
  g_autofree char *full = g_strdup_printf (
      "The disk holding %s is full: nothing was saved. Free some space and try again.", f->t.path);
  assert_refused (quick, ledger, full);
  /* Not even the audit log took a line; the form keeps the text. */
  g_assert_cmpint (audit_rows (ledger), ==, audit);
  g_assert_true (find_toplevel (JD_TYPE_FOLLOWUP_DIALOG) == GTK_WINDOW (quick));
  g_assert_cmpstr (talk_content (quick), ==, long_talk);

  /* Space again: the same form saves, once. */
  g_assert_true (jd_ledger_exec (ledger, "PRAGMA max_page_count = 1073741823", &error));
  assert_saved (quick, ledger, 1);
  g_assert_cmpint (audit_rows (ledger), ==, audit + 1);
}

static void
test_disk_full (Fixture *f, gconstpointer data)
{
  run_app (f, disk_full, "--db", f->t.path, "--today", "2024-03-05", NULL);

  /* Opened afresh, the ledger is sound and holds the one talk. */
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (f->t.path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, 1);
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, "PRAGMA integrity_check", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_reset (stmt);
}

/* ---- a real full disk ------------------------------------------------------------------ */

/* The fixture's folder is a tmpfs of its own (when root), holding the ledger
 * and room for the window's -wal and -shm files and a talk, not much more. */
#define TMPFS_SIZE (1024 * 1024)

static gboolean tmpfs_mounted;

static void
tmpfs_set_up (Fixture *f, gconstpointer data)
{
  const char *reason = NULL;
  fixture_init (f, "jd-full-disk-XXXXXX");
  if (!jd_test_can_mount (&reason))
    return; /* the test skips */
  g_autoptr (GError) error = NULL;
  tmpfs_mounted = jd_test_tmpfs_mount (f->t.dir, TMPFS_SIZE, &error);
  g_assert_no_error (error);
  make_ledger (f);
}

static void
tmpfs_tear_down (Fixture *f, gconstpointer data)
{
  if (tmpfs_mounted)
    {
      g_autofree char *filler = g_build_filename (f->t.dir, "filler", NULL);
      g_unlink (filler);
      jd_test_remove_ledger (f->t.path);
      jd_test_unmount (f->t.dir);
      tmpfs_mounted = FALSE;
    }
  fixture_tear_down (f, data);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

/* The names in dir, sorted, one per line. */
static char *
list_folder (const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) folder = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  const char *name;
  while ((name = g_dir_read_name (folder)))
    g_ptr_array_add (names, (char *)name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **)names->pdata);
}

/* The ledger opens, passes SQLite's integrity check and holds n follow-ups and persons. */
static void
assert_sound (const char *path, gint64 followups, gint64 persons)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (path, &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) problems = jd_ledger_integrity_check (ledger, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, followups);
  g_assert_cmpint (jd_ledger_count (ledger, "person"), ==, persons);
}

/* A CSV of 20 new persons of V01, in a folder of its own off the tmpfs. */
static char *
write_persons_csv (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jd-full-disk-csv-XXXXXX", &error);
  g_assert_no_error (error);
  GString *csv = g_string_new ("id_number,name,residence_village,first_found_on\n");
  for (guint n = 1; n <= 20; n++)
    {
      char id_number[19];
      g_snprintf (id_number, sizeof id_number, "44158119800101%03u", n);
      id_number[17] = jd_id_number_check_digit (id_number);
      id_number[18] = '\0';
      g_string_append_printf (csv, "%s,新人%u,V01,2023/6/%u\n", id_number, n, n);
    }
  char *path = g_build_filename (dir, "persons.csv", NULL);
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  g_string_free (csv, TRUE);
  return path;
}

/* `jindu import` on a full disk: exit 3 and the disk-full message; the ledger
 * byte for byte as it was, and nothing left beside it (SQLite makes its -wal
 * and -shm files on opening). */
static void
test_full_tmpfs_import (Fixture *f, gconstpointer data)
{
  const char *reason = NULL;
  if (!jd_test_can_mount (&reason))
    {
      g_test_skip (reason);
      return;
    }
  g_autofree char *csv = write_persons_csv ();
  g_autofree char *before = jd_test_checksum_file (f->t.path);
  g_autofree char *filler = jd_test_fill_disk (f->t.dir);

  g_auto (Run) run = { 0 };
  run_jindu (&run, "import", "--db", f->t.path, "persons", csv, NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_autofree char *full = g_strdup_printf (
      "The disk holding %s is full: nothing was saved. Free some space and try again.", f->t.path);
  g_assert_nonnull (strstr (run.err, full));
  g_assert_cmpstr (run.out, ==, "");
  g_autofree char *after = jd_test_checksum_file (f->t.path);
  g_assert_cmpstr (after, ==, before);
  g_autofree char *left = list_folder (f->t.dir);
  g_assert_cmpstr (left, ==, "filler\nledger.db");

  /* Room again (SQLite needs some even to read): the ledger is sound, and
   * the same import goes in. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  assert_sound (f->t.path, 0, 1);
  run_jindu (&run, "import", "--db", f->t.path, "persons", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_sound (f->t.path, 0, 21);
  g_free (left);
  left = list_folder (f->t.dir);
  g_assert_cmpstr (left, ==, "ledger.db");

  g_autofree char *csv_dir = g_path_get_dirname (csv);
  g_unlink (csv);
  g_rmdir (csv_dir);
}

/* The window has the ledger open when the disk fills up; a talk is saved. */
static void
full_tmpfs_save (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdLedger *ledger = window_ledger (window);
  gint64 audit = audit_rows (ledger);
  JdFollowupDialog *quick = start_talk (window, "谈话：近况良好，按时报到");

  g_autofree char *filler = jd_test_fill_disk (f->t.dir);
  g_autofree char *full = g_strdup_printf (
      "The disk holding %s is full: nothing was saved. Free some space and try again.", f->t.path);
  assert_refused (quick, ledger, full);
  g_assert_cmpint (audit_rows (ledger), ==, audit);
  g_assert_true (find_toplevel (JD_TYPE_FOLLOWUP_DIALOG) == GTK_WINDOW (quick));
  g_assert_cmpstr (talk_content (quick), ==, "谈话：近况良好，按时报到");

  /* Room again, the write lock busy that moment (as when the window's daily
   * backup logs its backup then): the form says it is saving, and the same
   * talk lands, once, when the lock is let go. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  g_autoptr (GSubprocess) locker = lock_ledger (f->t.path, WRITE_LOCK);
  g_assert_false (jd_followup_dialog_save (quick));
  g_assert_nonnull (find_widget (GTK_WIDGET (quick), is_button_labelled, "Saving…"));
  unlock_ledger (locker);
  WAIT_FOR (find_toplevel (JD_TYPE_FOLLOWUP_DIALOG) == NULL
            || find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, 1);
  g_assert_cmpint (audit_rows (ledger), ==, audit + 1);
}

static void
test_full_tmpfs_save (Fixture *f, gconstpointer data)
{
  const char *reason = NULL;
  if (!jd_test_can_mount (&reason))
    {
      g_test_skip (reason);
      return;
    }
  run_app (f, full_tmpfs_save, "--db", f->t.path, "--today", "2024-03-05", NULL);
  assert_sound (f->t.path, 1, 1);
  g_autofree char *left = list_folder (f->t.dir);
  g_assert_cmpstr (left, ==, "ledger.db");
}

/* ---- another program holds the ledger ---------------------------------------------------- */

/* Another program: Python's sqlite3 holding the ledger's write lock until its
 * standard input closes. Readers still read the last commit beside it. */
/* The same in exclusive locking mode, which keeps readers out as well. */
#define EXCLUSIVE_LOCK "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE"

static GSubprocess *
lock_ledger (const char *path, const char *sql)
{
  g_autoptr (GError) error = NULL;
  GSubprocess *locker
      = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                          "/usr/bin/python3", "-c",
                          "import sqlite3, sys\n"
                          "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                          "db.executescript(sys.argv[2])\n"
                          "print('locked', flush=True)\n"
                          "sys.stdin.read()\n",
                          path, sql, NULL);
  g_assert_no_error (error);
  g_autoptr (GDataInputStream) out
      = g_data_input_stream_new (g_subprocess_get_stdout_pipe (locker));
  g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "locked");
  return locker;
}

static void
unlock_ledger (GSubprocess *locker)
{
  g_autoptr (GError) error = NULL;
  g_output_stream_close (g_subprocess_get_stdin_pipe (locker), NULL, NULL);
  g_assert_true (g_subprocess_wait_check (locker, NULL, &error));
  g_assert_no_error (error);
}

static void
locked_save (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdLedger *ledger = window_ledger (window);
  JdFollowupDialog *quick = start_talk (window, "谈话：近况良好");

  /* The save is tried again in the background until the busy timeout, then
   * given up (tests/gui/test-save-beside-lock.c shows the window going on). */
  g_autoptr (GSubprocess) locker = lock_ledger (f->t.path, WRITE_LOCK);
  g_autofree char *locked = g_strdup_printf (
      "Nothing was saved: another program is writing to %s and did not finish in time. Close "
      "it, or wait for it to finish, and save again.",
      f->t.path);
  assert_refused (quick, ledger, locked);
  g_assert_cmpstr (talk_content (quick), ==, "谈话：近况良好");

  /* The other program closes it: the same form saves. */
  unlock_ledger (locker);
  assert_saved (quick, ledger, 1);
}

static void
test_locked_save (Fixture *f, gconstpointer data)
{
  run_app (f, locked_save, "--db", f->t.path, "--today", "2024-03-05", NULL);
}

/* Opened while another program holds it, readers too: "The Ledger Is in
 * Use", what to do, and the file as it was. */
static void
locked_open (Fixture *f, JdWindow *window)
{
  AdwMessageDialog *dialog = NULL;
  WAIT_FOR ((dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Ledger Is in Use");
  const char *body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, f->t.path));
  g_assert_nonnull (strstr (body, "Close the other program that has it open, then open it again."));
  g_assert_null (window_ledger (window));
  g_autofree char *after = jd_test_checksum_file (f->t.path);
  g_assert_cmpstr (after, ==, g_object_get_data (G_OBJECT (f->app), "jd-sum"));
}

static void
test_locked_open (Fixture *f, gconstpointer data)
{
  g_object_set_data_full (G_OBJECT (f->app), "jd-sum", jd_test_checksum_file (f->t.path), g_free);
  g_autoptr (GSubprocess) locker = lock_ledger (f->t.path, EXCLUSIVE_LOCK);
  run_app (f, locked_open, "--db", f->t.path, NULL);
  unlock_ledger (locker);
}

/* Opened while another program writes (its write lock held, a change not yet
 * committed): the ledger opens at once, as last committed, and says nothing
 * about the lock until a save meets it. */
static void
open_beside_write (Fixture *f, JdWindow *window)
{
  gint64 start = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (f->app), "jd-start"));
  WAIT_FOR (window_ledger (window) != NULL || find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpint (jd_ledger_count (window_ledger (window), "person"), ==, 1);
  g_autofree char *after = jd_test_checksum_file (f->t.path);
  g_assert_cmpstr (after, ==, g_object_get_data (G_OBJECT (f->app), "jd-sum"));
}

static void
test_open_beside_write (Fixture *f, gconstpointer data)
{
  g_object_set_data_full (G_OBJECT (f->app), "jd-sum", jd_test_checksum_file (f->t.path), g_free);
  g_autoptr (GSubprocess) locker
      = lock_ledger (f->t.path, WRITE_LOCK "; CREATE TABLE other_program (x)");
  g_object_set_data (G_OBJECT (f->app), "jd-start", GSIZE_TO_POINTER (g_get_monotonic_time ()));
  run_app (f, open_beside_write, "--db", f->t.path, NULL);
  unlock_ledger (locker);
}

/* ---- a read-only file ---------------------------------------------------------------- */

/* The window says the ledger is read-only on opening, a save is refused with
 * the same words, and the file is not changed. */
static void
read_only (Fixture *f, JdWindow *window)
{
  WAIT_FOR (window_ledger (window) != NULL);
  JdLedger *ledger = window_ledger (window);
  g_autoptr (GError) error = NULL;
  g_assert_false (jd_ledger_check_writable (ledger, &error));
  g_assert_error (error, JD_ERROR, JD_ERROR_IO);
  g_autofree char *notice = take_error ("Opened Read-Only");
  g_assert_nonnull (strstr (notice, f->t.path));
  g_assert_nonnull (strstr (notice, "copy it to a folder of your own"));

  JdFollowupDialog *quick = start_talk (window, "谈话");
  g_autofree char *said
      = g_strdup_printf ("%s cannot be written: the file or its folder is read-only.", f->t.path);
  assert_refused (quick, ledger, said);
}

static void
run_read_only (Fixture *f)
{
  g_autofree char *before = jd_test_checksum_file (f->t.path);
  run_app (f, read_only, "--db", f->t.path, "--today", "2024-03-05", NULL);
  g_autofree char *after = jd_test_checksum_file (f->t.path);
  g_assert_cmpstr (after, ==, before);
}

/* chattr +i or -i on path; FALSE with what chattr said when it cannot. */
static gboolean
set_immutable (const char *path, gboolean on, char **said)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *argv[] = { "chattr", on ? "+i" : "-i", path, NULL };
  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, &error))
    {
      *said = g_strdup (error->message);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    {
      *said = g_strdup (g_strstrip (err));
      return FALSE;
    }
  return TRUE;
}

/* Read-only in a way that holds for the user the test runs as: for root (as
 * CI runs) made immutable (chattr +i), or where the filesystem or the
 * container cannot do that, mounted read-only over itself; for anyone else,
 * mode 0400. It fails, with the reasons, when the file cannot be made
 * read-only: it never passes by skipping. */
static void
test_read_only (Fixture *f, gconstpointer data)
{
  if (geteuid () != 0)
    {
      g_test_message ("not root: the ledger made read-only by chmod 0400");
      g_assert_cmpint (g_chmod (f->t.path, 0400), ==, 0);
      run_read_only (f);
      g_assert_cmpint (g_chmod (f->t.path, 0600), ==, 0);
      return;
    }
  g_autofree char *chattr_said = NULL;
  if (set_immutable (f->t.path, TRUE, &chattr_said))
    {
      g_test_message ("the ledger made read-only by chattr +i");
      run_read_only (f);
      g_autofree char *ignored = NULL;
      g_assert_true (set_immutable (f->t.path, FALSE, &ignored));
      return;
    }
  g_test_message ("chattr +i is not possible here (%s): a read-only bind mount instead",
                  chattr_said);
  g_autoptr (GError) error = NULL;
  if (!jd_test_bind_read_only (f->t.path, &error))
    {
      g_test_fail_printf ("The ledger cannot be made read-only here: chattr +i says “%s”, and %s",
                          chattr_said, error->message);
      return;
    }
  run_read_only (f);
  jd_test_unmount (f->t.path);
}

/* The same with the file mounted read-only over itself, which holds for root
 * on any filesystem (chattr +i needs ext4, XFS or Btrfs). */
static void
test_read_only_mount (Fixture *f, gconstpointer data)
{
  const char *reason = NULL;
  if (!jd_test_can_mount (&reason))
    {
      g_test_skip (reason);
      return;
    }
  g_autoptr (GError) error = NULL;
  g_assert_true (jd_test_bind_read_only (f->t.path, &error));
  g_assert_no_error (error);
  run_read_only (f);
  jd_test_unmount (f->t.path);
}

int
main (int argc, char **argv)
{
  jd_test_mounts_init (); /* before any thread */
  jd_test_ui_init (&argc, &argv);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/bad-writes/disk-full", test_disk_full);
  ADD ("/bad-writes/locked-save", test_locked_save);
  ADD ("/bad-writes/locked-open", test_locked_open);
  ADD ("/bad-writes/open-beside-write", test_open_beside_write);
  ADD ("/bad-writes/read-only", test_read_only);
  ADD ("/bad-writes/read-only-mount", test_read_only_mount);
  g_test_add ("/bad-writes/full-tmpfs/import", Fixture, NULL, tmpfs_set_up, test_full_tmpfs_import,
              tmpfs_tear_down);
  g_test_add ("/bad-writes/full-tmpfs/save", Fixture, NULL, tmpfs_set_up, test_full_tmpfs_save,
              tmpfs_tear_down);
  return g_test_run ();
}
