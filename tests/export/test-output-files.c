/* test-output-files.c: every file the program writes beside the ledger
 *
 * jindu export, chart and backup through the real executable ($JINDU), and the
 * window's writers through the functions they call: never onto the ledger, its
 * -wal or -shm, a device, a folder, a FIFO or a link; an existing file only with
 * --force; files readable by their owner only whatever the umask; a full disk
 * (a real one: a small tmpfs) and a damaged ledger leave nothing behind. After
 * each case the ledger's bytes are as they were and the folder holds no
 * temporary file.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jd-backups.h"
#include "jd-chart.h"
#include "jd-error.h"
#include "jd-indicators.h"
#include "jd-ledger.h"
#include "jd-output.h"
#include "jd-registers.h"
#include "jd-test-run.h"
#include "jd-workbook.h"

typedef JdTestLedger Fixture;

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

/* The names in a folder, sorted, one per line. */
static char *
list_folder (const char *path)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **)names->pdata);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;
  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* ---- the three commands ----------------------------------------------------------------- */

typedef enum
{
  EXPORT,
  CHART,
  BACKUP,
  N_COMMANDS
} Command;

static const char *const command_names[] = { "export", "chart", "backup" };
static const char *const extensions[] = { ".xlsx", ".png", ".db" };

/* Runs the command writing out, with --force when force. */
static void
run_command (Run *run, Fixture *f, Command command, const char *out, gboolean force)
{
  const char *force_arg = force ? "--force" : NULL;
  switch (command)
    {
      case EXPORT:
        run_jindu (run, "export", "--db", f->path, "--year", "2024", "--out", out, force_arg, NULL);
        break;
      case CHART:
        run_jindu (run, "chart", "--db", f->path, "--chart", "relapse", "--from", "2020", "--to",
                   "2024", "--out", out, force_arg, NULL);
        break;
      case BACKUP:
        run_jindu (run, "backup", "--db", f->path, "--out", out, force_arg, NULL);
        break;
      default:
        g_assert_not_reached ();
    }
}

/* Refused: exit 3, one line on stderr naming out and saying why. */
static void
assert_refused (const Run *run, const char *out, const char *why)
{
  g_assert_cmpint (run->status, ==, 3);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, out));
  g_assert_nonnull (strstr (run->err, why));
  const char *newline = strchr (run->err, '\n');
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline, ==, "\n");
}

typedef struct
{
  const char *out; /* in the folder, or an absolute path */
  const char *why;
} Refusal;

static void
test_refused (Fixture *f, gconstpointer data)
{
  /* The window has the ledger open: its -wal and -shm are there. */
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) open = jd_ledger_open (f->path, &error);
  g_assert_no_error (error);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));

  g_autofree char *folder = g_build_filename (f->dir, "reports", NULL);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_autofree char *fifo = g_build_filename (f->dir, "pipe", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_autofree char *victim = g_build_filename (f->dir, "victim.txt", NULL);
  g_assert_true (g_file_set_contents (victim, "someone else's file\n", -1, NULL));
  g_autofree char *link = g_build_filename (f->dir, "link", NULL);
  g_assert_cmpint (symlink (victim, link), ==, 0);
  g_autofree char *ledger_link = g_build_filename (f->dir, "ledger-link.db", NULL);
  g_assert_cmpint (symlink (f->path, ledger_link), ==, 0);
  g_autofree char *journal = g_strconcat (f->path, "-journal", NULL);

  const Refusal refusals[] = {
    { f->path, "is the ledger itself" },
    { wal, "is the ledger itself" },
    { shm, "is the ledger itself" },
    { journal, "is the ledger itself" }, /* by its name: it is not there */
    { "/dev/null", "is a device, a pipe or a socket" },
    { "/dev/full", "is a device, a pipe or a socket" },
    { folder, "is a folder" },
    { fifo, "is a device, a pipe or a socket" },
    { link, "is a symbolic link" },
    { ledger_link, "is a symbolic link" },
  };

  g_autofree char *ledger_sum = jd_test_checksum_file (f->path);
  g_autofree char *victim_sum = jd_test_checksum_file (victim);
  g_autofree char *listing = list_folder (f->dir);
  for (Command c = 0; c < N_COMMANDS; c++)
    for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
      {
        g_test_message ("%s --out %s --force", command_names[c], refusals[i].out);
        g_auto (Run) run = { 0 };
        /* Not even with --force. */
        run_command (&run, f, c, refusals[i].out, TRUE);
        assert_refused (&run, refusals[i].out, refusals[i].why);

        g_autofree char *sum = jd_test_checksum_file (f->path);
        g_assert_cmpstr (sum, ==, ledger_sum);
        g_autofree char *after = list_folder (f->dir);
        g_assert_cmpstr (after, ==, listing);
        g_autofree char *victim_after = jd_test_checksum_file (victim);
        g_assert_cmpstr (victim_after, ==, victim_sum);
      }
  /* No name at all. */
  for (Command c = 0; c < N_COMMANDS; c++)
    {
      g_auto (Run) run = { 0 };
      run_command (&run, f, c, "", TRUE);
      g_assert_cmpint (run.status, ==, 3);
      g_assert_cmpstr (run.err, ==, "jindu: No file name was given for the file to write\n");
    }
  /* The devices are devices still. */
  GStatBuf st;
  g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_cmpint (g_stat ("/dev/full", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
}

/* A link planted where a predictable temporary file would be (OUT.part): the
 * output is written, the link and the file it names are left alone. */
static void
test_planted_link (Fixture *f, gconstpointer data)
{
  g_autofree char *victim = g_build_filename (f->dir, "victim.txt", NULL);
  g_assert_true (g_file_set_contents (victim, "someone else's file\n", -1, NULL));
  g_autofree char *victim_sum = jd_test_checksum_file (victim);

  for (Command c = 0; c < N_COMMANDS; c++)
    {
      g_autofree char *name = g_strconcat ("out", extensions[c], NULL);
      g_autofree char *out = g_build_filename (f->dir, name, NULL);
      g_autofree char *part = g_strconcat (out, ".part", NULL);
      g_assert_cmpint (symlink (victim, part), ==, 0);
      g_autofree char *before = list_folder (f->dir);

      g_auto (Run) run = { 0 };
      run_command (&run, f, c, out, FALSE);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpuint (file_mode (out), ==, 0600);
      g_autofree char *victim_after = jd_test_checksum_file (victim);
      g_assert_cmpstr (victim_after, ==, victim_sum);
      GStatBuf st;
      g_assert_cmpint (g_lstat (part, &st), ==, 0);
      g_assert_true (S_ISLNK (st.st_mode));
      /* The folder holds what it held, and the output: nothing temporary. */
      g_assert_cmpint (g_unlink (out), ==, 0);
      g_autofree char *after = list_folder (f->dir);
      g_assert_cmpstr (after, ==, before);
    }
  /* The ledger gained only the outputs' audit entries (the backup's is a copy of it, made
   * before its own entry). */
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jd_ledger_count (ledger, "output_event"), ==, 2);
}

/* An existing file: left as it was without --force (exit 3, saying so and
 * what --force does), replaced with it. */
static void
test_existing (Fixture *f, gconstpointer data)
{
  g_autofree char *ledger_sum = jd_test_checksum_file (f->path);
  for (Command c = 0; c < N_COMMANDS; c++)
    {
      g_autofree char *name = g_strconcat ("report", extensions[c], NULL);
      g_autofree char *out = g_build_filename (f->dir, name, NULL);
      const char *precious = "last year's report\n";
      g_assert_true (g_file_set_contents (out, precious, -1, NULL));
      g_assert_cmpint (g_chmod (out, 0644), ==, 0);
      g_autofree char *listing = list_folder (f->dir);

      g_auto (Run) refused = { 0 };
      run_command (&refused, f, c, out, FALSE);
      assert_refused (&refused, out, "already exists");
      g_assert_nonnull (strstr (refused.err, "--force"));
      g_autofree char *contents = NULL;
      g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, precious);
      g_autofree char *after = list_folder (f->dir);
      g_assert_cmpstr (after, ==, listing);

      g_auto (Run) forced = { 0 };
      run_command (&forced, f, c, out, TRUE);
      g_assert_cmpint (forced.status, ==, 0);
      g_autofree char *replaced = NULL;
      gsize length = 0;
      g_assert_true (g_file_get_contents (out, &replaced, &length, NULL));
      g_assert_cmpuint (length, >, strlen (precious));
      g_assert_cmpuint (file_mode (out), ==, 0600);
      g_autofree char *after_forced = list_folder (f->dir);
      g_assert_cmpstr (after_forced, ==, listing);
    }
  /* The ledger gained only the outputs' audit entries (the backup's is a copy of it, made
   * before its own entry). */
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jd_ledger_count (ledger, "output_event"), ==, 2);
  (void)ledger_sum;
}

/* ---- modes --------------------------------------------------------------------------------- */

static gboolean
list_rows_cb (JdRowFunc func, gpointer func_data, gpointer source_data, GError **error)
{
  const JdCell cells[] = { { .type = JD_CELL_TEXT, .text = "张*" } };
  return func (cells, G_N_ELEMENTS (cells), func_data, error);
}

/* Every kind of output, from the command line and through the functions the
 * window's writers call, under umask 000 and 022: 0600 each time. */
static void
test_modes (Fixture *f, gconstpointer data)
{
  const mode_t masks[] = { 000, 022 };
  const JdColumn columns[] = { { .header = "姓名", .kind = JD_COLUMN_TEXT } };
  g_autoptr (GError) error = NULL;

  for (guint m = 0; m < G_N_ELEMENTS (masks); m++)
    {
      mode_t saved = umask (masks[m]);
      g_autofree char *sub = g_strdup_printf ("umask-%03o", (guint)masks[m]);
      g_autofree char *folder = g_build_filename (f->dir, sub, NULL);
      g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

      for (Command c = 0; c < N_COMMANDS; c++)
        {
          g_autofree char *name = g_strconcat ("cli", extensions[c], NULL);
          g_autofree char *out = g_build_filename (folder, name, NULL);
          g_auto (Run) run = { 0 };
          run_command (&run, f, c, out, FALSE);
          g_assert_cmpint (run.status, ==, 0);
          g_assert_cmpuint (file_mode (out), ==, 0600);
        }

      g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
      g_assert_no_error (error);
      /* The export dialog. */
      g_autofree char *workbook = g_build_filename (folder, "dialog.xlsx", NULL);
      JdExportOptions options = { .path = workbook, .force = TRUE, .year = 2024 };
      g_assert_true (jd_workbook_export (ledger, &options, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (file_mode (workbook), ==, 0600);
      /* A list's export and the audit log's (both jd_workbook_write_list). */
      g_autofree char *list = g_build_filename (folder, "list.xlsx", NULL);
      g_assert_true (jd_workbook_write_list (list, f->path, JD_OUTPUT_FORCE, "博美镇禁毒办", "人员",
                                             "博美镇人员", columns, G_N_ELEMENTS (columns),
                                             list_rows_cb, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (file_mode (list), ==, 0600);
      /* The dashboard's Save As, in each format. */
      g_autoptr (JdIndicators) indicators = jd_indicators_compute (ledger, 2020, 2024, 0, &error);
      g_assert_no_error (error);
      g_autoptr (JdChart) chart = jd_chart_new (JD_CHART_COVERAGE, indicators, ledger);
      const char *const charts[] = { "chart.png", "chart.svg", "chart.pdf" };
      for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
        {
          g_autofree char *path = g_build_filename (folder, charts[i], NULL);
          g_assert_true (jd_chart_write (chart, path, f->path, JD_OUTPUT_FORCE, 600, 400, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (file_mode (path), ==, 0600);
        }
      /* Back Up Now and the daily backup. */
      g_autofree char *made = NULL;
      g_assert_true (jd_backups_make (ledger, &made, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (file_mode (made), ==, 0600);
      g_assert_cmpint (g_unlink (made), ==, 0);
      gboolean daily = FALSE;
      g_assert_true (jd_backups_make_daily (ledger, 5, &daily, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (daily);
      g_autoptr (GPtrArray) backups = jd_backups_list (f->path, NULL);
      g_assert_cmpuint (backups->len, ==, 1);
      g_assert_cmpuint (file_mode (((JdBackup *)backups->pdata[0])->path), ==, 0600);
      /* Listing opened it read-only: a backup is one whole file, with no -wal left beside. */
      g_autofree char *wal = g_strconcat (((JdBackup *)backups->pdata[0])->path, "-wal", NULL);
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_cmpint (g_unlink (((JdBackup *)backups->pdata[0])->path), ==, 0);

      umask (saved);
    }
}

/* The window passes force (its file chooser asks before replacing), but its
 * writers still refuse the ledger, a device, a folder and a link. */
static void
test_window_writers_refuse (Fixture *f, gconstpointer data)
{
  const JdColumn columns[] = { { .header = "姓名", .kind = JD_COLUMN_TEXT } };
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
  g_assert_no_error (error);
  g_autoptr (JdIndicators) indicators = jd_indicators_compute (ledger, 2020, 2024, 0, &error);
  g_autoptr (JdChart) chart = jd_chart_new (JD_CHART_COVERAGE, indicators, ledger);
  g_autofree char *link = g_build_filename (f->dir, "link.png", NULL);
  g_autofree char *victim = g_build_filename (f->dir, "victim.png", NULL);
  g_assert_true (g_file_set_contents (victim, "x", -1, NULL));
  g_assert_cmpint (symlink (victim, link), ==, 0);
  g_autofree char *ledger_sum = jd_test_checksum_file (f->path);
  g_autofree char *listing = list_folder (f->dir);

  const char *const refused[] = { f->path, "/dev/null", f->dir, link };
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (jd_workbook_write_list (refused[i], f->path, JD_OUTPUT_FORCE, "博美镇禁毒办",
                                              "人员", "博美镇人员", columns, G_N_ELEMENTS (columns),
                                              list_rows_cb, NULL, NULL, &error));
      g_assert_nonnull (strstr (error->message, refused[i]));
      g_clear_error (&error);
      JdExportOptions options = { .path = refused[i], .force = TRUE, .year = 2024 };
      g_assert_false (jd_workbook_export (ledger, &options, NULL, NULL, NULL, &error));
      g_assert_nonnull (strstr (error->message, refused[i]));
      g_clear_error (&error);
      g_assert_false (jd_ledger_backup (ledger, refused[i], TRUE, NULL, NULL, NULL, &error));
      g_assert_nonnull (strstr (error->message, refused[i]));
      g_clear_error (&error);
    }
  g_assert_false (jd_chart_write (chart, link, f->path, JD_OUTPUT_FORCE, 600, 400, &error));
  g_assert_nonnull (strstr (error->message, "symbolic link"));
  g_clear_error (&error);

  g_autofree char *sum = jd_test_checksum_file (f->path);
  g_assert_cmpstr (sum, ==, ledger_sum);
  g_autofree char *after = list_folder (f->dir);
  g_assert_cmpstr (after, ==, listing);
}

/* ---- a full disk ------------------------------------------------------------------------- */

/* For the subprocess, in its environment: the tmpfs and the ledger. */
#define FULL_FOLDER_VAR "JD_TEST_FULL_FOLDER"
#define FULL_LEDGER_VAR "JD_TEST_FULL_LEDGER"

static void
fill_up (const char *folder, gsize leave)
{
  g_autofree char *filler = g_build_filename (folder, "filler", NULL);
  /* Everything but `leave` bytes of the 2 MB. */
  gsize size = 2 * 1024 * 1024 - leave;
  g_autofree char *zeros = g_malloc0 (size);
  g_assert_true (g_file_set_contents (filler, zeros, size, NULL));
}

static void
disk_full_child (void)
{
  if (!g_test_subprocess ())
    {
      g_test_skip ("run by /outputs/disk-full");
      return;
    }
  const char *full_folder = g_getenv (FULL_FOLDER_VAR);
  const char *full_ledger = g_getenv (FULL_LEDGER_VAR);
  g_assert_nonnull (full_folder);
  g_assert_nonnull (full_ledger);
  g_autofree char *listing = list_folder (full_folder);
  g_autofree char *ledger_sum = jd_test_checksum_file (full_ledger);
  const char *const outs[] = { "year.xlsx", "copy.db", "chart.pdf" };
  for (guint i = 0; i < G_N_ELEMENTS (outs); i++)
    {
      g_autofree char *out = g_build_filename (full_folder, outs[i], NULL);
      g_auto (Run) run = { 0 };
      if (i == 0)
        run_jindu (&run, "export", "--db", full_ledger, "--year", "2024", "--out", out, NULL);
      else if (i == 1)
        run_jindu (&run, "backup", "--db", full_ledger, "--out", out, NULL);
      else
        run_jindu (&run, "chart", "--db", full_ledger, "--chart", "coverage", "--from", "2016",
                   "--to", "2025", "--out", out, NULL);
      g_assert_cmpint (run.status, ==, 3);
      g_autofree char *full = g_strdup_printf (
          "jindu: The disk holding %s is full: nothing was saved. Free some space and try again.\n",
          out);
      /* libxlsxwriter prints its own lines before ours: ours is the last. */
      g_assert_true (g_str_has_suffix (run.err, full));
      g_autofree char *after = list_folder (full_folder);
      g_assert_cmpstr (after, ==, listing);
      g_autofree char *sum = jd_test_checksum_file (full_ledger);
      g_assert_cmpstr (sum, ==, ledger_sum);
    }
}

static gboolean
run_quietly (const char *const *argv)
{
  int status = 0;
  return g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                       &status, NULL)
         && g_spawn_check_wait_status (status, NULL);
}

static void
test_disk_full (Fixture *f, gconstpointer data)
{
  if (geteuid () != 0)
    {
      g_test_skip ("a full disk is a 2 MB tmpfs, and mounting one needs root (CI runs as root)");
      return;
    }
  /* A demo ledger: its backup (4 MB) cannot fit in 2 MB. */
  g_autofree char *demo = g_build_filename (f->dir, "demo.db", NULL);
  g_auto (Run) made = { 0 };
  run_jindu (&made, "demo", "--db", demo, "--scale", "township", "--today", "2025-06-30", NULL);
  g_assert_cmpint (made.status, ==, 0);

  g_autofree char *full_folder = g_build_filename (f->dir, "full", NULL);
  g_setenv (FULL_FOLDER_VAR, full_folder, TRUE);
  g_setenv (FULL_LEDGER_VAR, demo, TRUE);
  g_assert_cmpint (g_mkdir (full_folder, 0700), ==, 0);
  const char *mount_argv[]
      = { "mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", full_folder, NULL };
  if (!run_quietly (mount_argv))
    g_error ("running as root, but mount -t tmpfs %s failed: this test needs it", full_folder);
  fill_up (full_folder, 8 * 1024);

  /* The checks run in a child, so the tmpfs is unmounted here even when they fail. */
  g_test_trap_subprocess ("/outputs/disk-full/child", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  const char *umount_argv[] = { "umount", full_folder, NULL };
  gboolean unmounted = run_quietly (umount_argv);
  g_test_trap_assert_passed ();
  g_assert_true (unmounted);
}

/* ---- a damaged ledger ---------------------------------------------------------------------- */

static void
zero_pages (const char *path, guint count)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  gsize page = 4096;
  gsize pages = length / page;
  g_assert_cmpuint (pages, >, 4 * count);
  memset (contents + (pages / 2) * page, 0, count * page);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

/* A backup that is not a backup never counts: the damaged ledger gives no file
 * (exit 3, saying so), and the daily rotation keeps every older good backup. */
static void
test_damaged (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *demo = g_build_filename (f->dir, "demo.db", NULL);
  g_auto (Run) made = { 0 };
  run_jindu (&made, "demo", "--db", demo, "--scale", "township", "--today", "2025-06-30", NULL);
  g_assert_cmpint (made.status, ==, 0);

  /* Three good backups from the days before (the newest three are kept). */
  g_autofree char *backups_folder = jd_backups_folder (demo);
  {
    g_autoptr (JdLedger) ledger = jd_ledger_open (demo, &error);
    g_assert_no_error (error);
    g_autofree char *first = NULL;
    g_assert_true (jd_backups_make (ledger, &first, NULL, &error));
    g_assert_no_error (error);
    const char *const days[]
        = { "2025-06-27_080000.db", "2025-06-28_080000.db", "2025-06-29_080000.db" };
    g_autofree char *bytes = NULL;
    gsize length = 0;
    g_assert_true (g_file_get_contents (first, &bytes, &length, NULL));
    for (guint i = 0; i < G_N_ELEMENTS (days); i++)
      {
        g_autofree char *path = g_build_filename (backups_folder, days[i], NULL);
        g_assert_true (g_file_set_contents (path, bytes, length, NULL));
      }
    g_assert_cmpint (g_unlink (first), ==, 0);
  }
  g_autofree char *good = list_folder (backups_folder);

  zero_pages (demo, 50);
  g_autofree char *damaged_sum = jd_test_checksum_file (demo);
  g_autofree char *listing = list_folder (f->dir);

  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_auto (Run) run = { 0 };
  run_jindu (&run, "backup", "--db", demo, "--out", copy, NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_autofree char *said = g_utf8_strdown (run.err, -1);
  g_assert_nonnull (strstr (said, "damaged"));
  g_assert_nonnull (strstr (run.err, demo));
  g_assert_nonnull (strstr (said, "restore"));
  g_autofree char *after = list_folder (f->dir);
  g_assert_cmpstr (after, ==, listing);
  g_autofree char *sum = jd_test_checksum_file (demo);
  g_assert_cmpstr (sum, ==, damaged_sum);

  /* The window's daily backup: none is made, none of the good ones goes. */
  g_autoptr (JdLedger) ledger = jd_ledger_open (demo, &error);
  if (ledger)
    {
      gboolean daily = TRUE;
      g_assert_false (jd_backups_make_daily (ledger, 3, &daily, NULL, &error));
      g_assert_nonnull (error);
      g_autofree char *message = g_utf8_strdown (error->message, -1);
      g_assert_nonnull (strstr (message, "damaged"));
      g_assert_false (daily);
      g_autofree char *backup_copy = g_build_filename (f->dir, "window-copy.db", NULL);
      g_clear_error (&error);
      g_assert_false (jd_ledger_backup (ledger, backup_copy, FALSE, NULL, NULL, NULL, &error));
      g_assert_true (error && error->domain == JD_ERROR);
      g_assert_false (g_file_test (backup_copy, G_FILE_TEST_EXISTS));
    }
  g_clear_error (&error);
  g_clear_object (&ledger);
  g_autofree char *kept = list_folder (backups_folder);
  g_assert_cmpstr (kept, ==, good);
  g_autoptr (GPtrArray) backups = jd_backups_list (demo, NULL);
  g_assert_cmpuint (backups->len, ==, 3);
  g_autofree char *after_daily = list_folder (f->dir);
  g_assert_cmpstr (after_daily, ==, listing);

  /* Restoring still works: the damaged ledger, which makes no backup, is kept
   * byte for byte beside the backups, and the good backup takes its place. */
  g_autofree char *safety = NULL;
  g_assert_true (jd_backups_restore (demo, ((JdBackup *)backups->pdata[0])->path, &safety, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (safety, "-unreadable.db"));
  g_autofree char *kept_bytes = jd_test_checksum_file (safety);
  g_assert_cmpstr (kept_bytes, ==, damaged_sum);
  g_auto (Run) check = { 0 };
  run_jindu (&check, "check", "--db", demo, NULL);
  g_assert_cmpint (check.status, ==, 0);
}

/* ---- check: a ledger others can read --------------------------------------------------- */

static void
test_check_shared (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  g_auto (Run) shared = { 0 };
  run_jindu (&shared, "check", "--db", f->path, NULL);
  g_assert_cmpint (shared.status, ==, 3);
  g_autofree char *said = g_strdup_printf (
      "jindu: %s can be read by other users (permissions 644): run chmod 600 %s\n", f->path,
      f->path);
  g_assert_cmpstr (shared.err, ==, said);
  g_assert_nonnull (strstr (shared.out, "integrity: ok"));

  g_assert_cmpint (g_chmod (f->path, 0600), ==, 0);
  g_auto (Run) private = { 0 };
  run_jindu (&private, "check", "--db", f->path, NULL);
  g_assert_cmpint (private.status, ==, 0);
  g_assert_cmpstr (private.err, ==, "");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func)                                                                            \
  g_test_add (name, Fixture, NULL, jd_test_cli_fixture, func, jd_test_fixture_tear_down)
  ADD ("/outputs/refused", test_refused);
  ADD ("/outputs/planted-link", test_planted_link);
  ADD ("/outputs/existing", test_existing);
  ADD ("/outputs/modes", test_modes);
  ADD ("/outputs/window-writers-refuse", test_window_writers_refuse);
  ADD ("/outputs/disk-full", test_disk_full);
  g_test_add_func ("/outputs/disk-full/child", disk_full_child);
  ADD ("/outputs/damaged-backup", test_damaged);
  ADD ("/outputs/check-shared", test_check_shared);
  return g_test_run ();
}
