/* test-cli-damage.c: reading and opening a ledger safely, through the real executable ($JINDU)
 *
 * Every case starts from a township demo ledger (`jindu demo --scale township`,
 * its history ending on 2024-06-30), copied into the test's folder:
 *
 * - damaged: 50 pages zeroed, as a disk that lost them would. Every command
 *   that meets them stops with exit 3 and one line saying the ledger is
 *   damaged and what to do; none prints part of a result or leaves an output
 *   file, and the ledger is left as it was;
 * - not a file: a named pipe, a socket, a folder, /dev/null and /dev/zero as
 *   the ledger are refused at once (exit 3) with what they are;
 * - another program's long write (tests/hold-write holds the write lock with
 *   an uncommitted change): backup and every reading command work meanwhile,
 *   from the last commit, without waiting for the lock;
 * - a full disk (a small tmpfs, when the test runs as root): opening says the
 *   disk is full, and the ledger is left as it was;
 * - a read-only disk (a folder mounted read-only over itself, as root): every
 *   reading command works and gives what it gives from a writable copy; an
 *   export is refused, as the audit log cannot record it; a -wal file with
 *   changes in it is refused with what to do.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jd-ledger-private.h"
#include "jd-test-damage.h"
#include "jd-test-run.h"

#define TODAY "2024-06-30"

/* The demo ledger every test copies. */
static char *template_db;

typedef JdTestLedger Fixture;

static void
copy_file (const char *from, const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr (GError) error = NULL;
  g_assert_true (g_file_get_contents (from, &contents, &length, &error));
  g_assert_true (
      g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  jd_test_folder_set_up (f, "jd-cli-damage-XXXXXX");
  copy_file (template_db, f->path);
}

static int
compare_names (const void *a, const void *b)
{
  return strcmp (*(char *const *)a, *(char *const *)b);
}

/* The names in the folder, sorted, separated by spaces. */
static char *
list_folder (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (names, NULL);
  g_auto (GStrv) sorted = (GStrv)g_ptr_array_free (g_steal_pointer (&names), FALSE);
  qsort (sorted, g_strv_length (sorted), sizeof (char *), compare_names);
  return g_strjoinv (" ", sorted);
}

/* stderr is exactly one line. */
static void
assert_one_line (const Run *run)
{
  const char *newline = strchr (run->err, '\n');
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline, ==, "\n");
}

/* Activities of eight years in the demo's first village: an import that
 * reaches the activities' pages. */
static char *
write_activities_csv (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;
  {
    g_autoptr (JdLedger) ledger = jd_ledger_open (template_db, &error);
    g_assert_no_error (error);
    sqlite3_stmt *stmt
        = jd_ledger_prepare (ledger, "SELECT code FROM village ORDER BY id LIMIT 1", &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    code = jd_column_dup (stmt, 0);
    sqlite3_reset (stmt);
  }
  g_autoptr (GString) csv
      = g_string_new ("village,held_on,form,title,location,audience,participants,materials,"
                      "banners\n");
  for (int year = 2017; year <= 2024; year++)
    g_string_append_printf (csv, "%s,%d-03-26,讲座,禁毒讲座%d,村委会,社区,120,300,2\n", code, year,
                            year);
  char *path = g_build_filename (f->dir, "activities.csv", NULL);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, &error));
  g_assert_no_error (error);
  return path;
}

/* ---- a damaged ledger ------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  double where;         /* the damaged pages, as a fraction of the file */
  const char *args[12]; /* @OUT@ stands for the output file, @CSV@ for the activities */
  const char *out;      /* the output file's name in the folder, or NULL */
} DamagedCase;

/* The middle of the demo ledger holds publicity activities and audit rows;
 * a quarter in, the persons' follow-ups, which the work due reads. */
static const DamagedCase damaged_cases[] = {
  { "export", 0.5, { "export", "--year", "2024", "--out", "@OUT@" }, "workbook.xlsx" },
  { "chart",
    0.5,
    { "chart", "--chart", "relapse", "--from", "2015", "--to", "2024", "--out", "@OUT@" },
    "chart.svg" },
  { "indicators", 0.5, { "indicators", "--from", "2015", "--to", "2024" }, NULL },
  { "indicators-json", 0.25, { "indicators", "--from", "2015", "--to", "2024", "--json" }, NULL },
  { "readiness", 0.5, { "readiness", "--year", "2024", "--json" }, NULL },
  { "todo", 0.25, { "todo" }, NULL },
  { "todo-json", 0.25, { "todo", "--json" }, NULL },
  { "import", 0.5, { "import", "activities", "@CSV@" }, NULL },
  { "check", 0.5, { "check" }, NULL },
};

static void
test_damaged (Fixture *f, gconstpointer data)
{
  const DamagedCase *c = data;
  g_autofree char *csv = write_activities_csv (f);
  g_autofree char *out = c->out ? g_build_filename (f->dir, c->out, NULL) : NULL;
  jd_test_damage_pages (f->path, c->where, 50);
  g_autofree char *before = jd_test_checksum_file (f->path);
  g_autofree char *files_before = list_folder (f->dir);

  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, f->path);
  g_ptr_array_add (argv, "--today");
  g_ptr_array_add (argv, TODAY);
  for (guint i = 1; c->args[i]; i++)
    g_ptr_array_add (argv, g_str_equal (c->args[i], "@OUT@")   ? out
                           : g_str_equal (c->args[i], "@CSV@") ? csv
                                                               : (char *)c->args[i]);
  /* run_jindu takes its arguments up to NULL: a command's first word leads. */
  const char *a[16] = { NULL };
  a[0] = c->args[0];
  for (guint i = 0; i < argv->len; i++)
    a[i + 1] = argv->pdata[i];

  g_auto (Run) run = { 0 };
  run_jindu (&run, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12],
             a[13], a[14], NULL);

  g_assert_cmpint (run.status, ==, 3);
  assert_one_line (&run);
  g_assert_nonnull (strstr (run.err, f->path));
  g_assert_nonnull (strstr (run.err, "is damaged"));
  g_assert_nonnull (strstr (run.err, "Restore"));
  g_assert_nonnull (strstr (run.err, "backup"));
  if (g_str_equal (c->name, "check"))
    g_assert_true (g_str_has_prefix (run.out, "integrity: "));
  else
    {
      /* What to do, and no part of a result. */
      g_assert_nonnull (strstr (run.err, "“jindu check”"));
      g_assert_cmpstr (run.out, ==, "");
    }
  /* No output file, no temporary one; the ledger as it was. */
  if (out)
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_autofree char *files_after = list_folder (f->dir);
  g_assert_cmpstr (files_after, ==, files_before);
  g_autofree char *after = jd_test_checksum_file (f->path);
  g_assert_cmpstr (after, ==, before);
}

/* The same ledger undamaged: each case's command succeeds, so the damage is
 * what stopped it above. */
static void
test_undamaged (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = write_activities_csv (f);
  for (guint k = 0; k < G_N_ELEMENTS (damaged_cases); k++)
    {
      const DamagedCase *c = &damaged_cases[k];
      g_autofree char *out = c->out ? g_build_filename (f->dir, c->out, NULL) : NULL;
      const char *a[16] = { c->args[0], "--db", f->path, "--today", TODAY };
      guint n = 5;
      for (guint i = 1; c->args[i]; i++)
        a[n++] = g_str_equal (c->args[i], "@OUT@")   ? out
                 : g_str_equal (c->args[i], "@CSV@") ? csv
                                                     : c->args[i];
      g_auto (Run) run = { 0 };
      run_jindu (&run, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11],
                 a[12], a[13], a[14], NULL);
      g_assert_cmpint (run.status, ==, 0);
      if (out)
        g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
    }
}

/* ---- a path that is not a file ------------------------------------------------------------ */

/* Runs jindu under timeout(1): a command that blocks is killed after 20 s
 * (exit 137) rather than hang the suite. */
static void
run_jindu_limited (Run *run, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_ptr_array_add (argv, "timeout");
  g_ptr_array_add (argv, "-s");
  g_ptr_array_add (argv, "KILL");
  g_ptr_array_add (argv, "20");
  g_ptr_array_add (argv, (char *)g_getenv ("JINDU"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  run_clear (run);
  int wait_status = 0;
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &run->out,
                &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
}

typedef enum
{
  NOT_FILE_FIFO,
  NOT_FILE_SOCKET,
  NOT_FILE_FOLDER,
  NOT_FILE_DEV_NULL,
  NOT_FILE_DEV_ZERO,
} NotFileKind;

static const struct
{
  const char *name;
  NotFileKind kind;
  const char *what;
} not_file_cases[] = {
  { "fifo", NOT_FILE_FIFO, "it is a named pipe (FIFO), not a file" },
  { "socket", NOT_FILE_SOCKET, "it is a socket, not a file" },
  { "folder", NOT_FILE_FOLDER, "it is a folder, not a file" },
  { "dev-null", NOT_FILE_DEV_NULL, "it is a device, not a file" },
  { "dev-zero", NOT_FILE_DEV_ZERO, "it is a device, not a file" },
};

static void
test_not_a_file (Fixture *f, gconstpointer data)
{
  const NotFileKind kind = GPOINTER_TO_INT (data);
  g_autofree char *path = NULL;
  const char *what = NULL;
  int sock = -1;
  for (guint i = 0; i < G_N_ELEMENTS (not_file_cases); i++)
    if (not_file_cases[i].kind == kind)
      what = not_file_cases[i].what;

  switch (kind)
    {
      case NOT_FILE_FIFO:
        path = g_build_filename (f->dir, "pipe.db", NULL);
        g_assert_cmpint (mkfifo (path, 0600), ==, 0);
        break;
      case NOT_FILE_SOCKET:
        {
          path = g_build_filename (f->dir, "socket.db", NULL);
          struct sockaddr_un address = { .sun_family = AF_UNIX };
          g_assert_cmpuint (strlen (path), <, sizeof address.sun_path);
          strcpy (address.sun_path, path);
          sock = socket (AF_UNIX, SOCK_STREAM, 0);
          g_assert_cmpint (sock, >=, 0);
          g_assert_cmpint (bind (sock, (struct sockaddr *)&address, sizeof address), ==, 0);
          g_assert_cmpint (listen (sock, 1), ==, 0);
          break;
        }
      case NOT_FILE_FOLDER:
        path = g_build_filename (f->dir, "folder.db", NULL);
        g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
        break;
      case NOT_FILE_DEV_NULL:
        path = g_strdup ("/dev/null");
        break;
      case NOT_FILE_DEV_ZERO:
        path = g_strdup ("/dev/zero");
        break;
      default:
        g_assert_not_reached ();
    }
  g_autofree char *csv = write_activities_csv (f);
  g_autofree char *files_before = list_folder (f->dir);

  const char *const commands[][6] = {
    { "check", "--db", path, NULL },
    { "import", "--db", path, "activities", csv, NULL },
    { "todo", "--db", path, NULL },
  };
  for (guint k = 0; k < G_N_ELEMENTS (commands); k++)
    {
      g_auto (Run) run = { 0 };
      gint64 start = g_get_monotonic_time ();
      run_jindu_limited (&run, commands[k]);
      g_assert_cmpint (run.status, ==, 3);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
      assert_one_line (&run);
      g_autofree char *expected
          = g_strdup_printf ("jindu: %s is not a Jindu ledger: %s\n", path, what);
      g_assert_cmpstr (run.err, ==, expected);
    }
  /* Nothing made beside it (no -wal, no -shm, no -journal). */
  g_autofree char *files_after = list_folder (f->dir);
  g_assert_cmpstr (files_after, ==, files_before);
  if (sock >= 0)
    close (sock);
}

/* A link to the ledger is the ledger. */
static void
test_link_to_ledger (Fixture *f, gconstpointer data)
{
  g_autofree char *link = g_build_filename (f->dir, "link.db", NULL);
  g_assert_cmpint (symlink (f->path, link), ==, 0);
  g_auto (Run) run = { 0 };
  run_jindu (&run, "check", "--db", link, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "integrity: ok\n"));
}

/* ---- another program's long write ---------------------------------------------------------- */

/* While another program holds the write lock with a change not yet committed,
 * each command runs at once (well inside the 10 s that a lock is waited for)
 * and sees the ledger as last committed. The lock is held up to 60 s (until the
 * test closes the holder's input), so a slow build (sanitizers) still runs every
 * command beside it. */
static void
test_beside_long_write (Fixture *f, gconstpointer data)
{
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *workbook = g_build_filename (f->dir, "workbook.xlsx", NULL);
  g_autoptr (GSubprocess) holder = jd_test_hold_write (f->path, 60);
  gint64 held = g_get_monotonic_time ();

  const char *const commands[][8] = {
    { "backup", "--db", f->path, "--out", copy, NULL },
    { "indicators", "--db", f->path, "--year", "2024", "--today", TODAY, NULL },
    { "todo", "--db", f->path, "--today", TODAY, NULL },
    { "readiness", "--db", f->path, "--year", "2024", "--json", NULL },
    { "export", "--db", f->path, "--year", "2024", "--out", workbook, NULL },
    { "check", "--db", f->path, NULL },
  };
  for (guint k = 0; k < G_N_ELEMENTS (commands); k++)
    {
      g_auto (Run) run = { 0 };
      gint64 start = g_get_monotonic_time ();
      run_jindu_limited (&run, commands[k]);
      gint64 took = g_get_monotonic_time () - start;
      g_test_message ("%s took %.2f s", commands[k][0], took / 1e6);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpint (took, <, 8 * G_USEC_PER_SEC);
      g_assert_null (strstr (run.out, "改名中"));
    }
  /* All of it while the other program still held the lock. */
  g_assert_cmpint (g_get_monotonic_time () - held, <, 60 * G_USEC_PER_SEC);
  g_assert_true (g_file_test (workbook, G_FILE_TEST_IS_REGULAR));

  /* The copy is the last commit, without the other program's change. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JdLedger) ledger = jd_ledger_open (copy, &error);
    g_assert_no_error (error);
    sqlite3_stmt *stmt = jd_ledger_prepare (
        ledger, "SELECT count(*) FROM village WHERE name LIKE '%改名中%'", &error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_reset (stmt);
  }

  /* The export's and the backup's audit entries wait beside the ledger … */
  g_autofree char *pending = g_strconcat (f->path, ".audit-pending", NULL);
  g_autofree char *waiting = NULL;
  g_assert_true (g_file_get_contents (pending, &waiting, NULL, NULL));
  g_assert_nonnull (strstr (waiting, "\"kind\":\"backup\""));
  g_assert_nonnull (strstr (waiting, "\"kind\":\"export\""));

  g_autoptr (GError) error = NULL;
  g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, NULL);
  g_assert_true (g_subprocess_wait_check (holder, NULL, &error));
  g_assert_no_error (error);

  /* … and go into the log with the next write, once the other program is done. */
  g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (jd_ledger_begin (ledger, &error) && jd_ledger_commit (ledger, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (pending, G_FILE_TEST_EXISTS));
  sqlite3_stmt *stmt = jd_ledger_prepare (
      ledger,
      "SELECT count(*) FROM output_event WHERE (kind = 'backup' OR kind = 'export')"
      " AND details ->> 'queued_at' IS NOT NULL AND details ->> 'user' IS NOT NULL",
      &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
  sqlite3_reset (stmt);
}

/* ---- a full disk ---------------------------------------------------------------------------- */

static gboolean
run_tool (const char *const *argv, char **err)
{
  int status = 0;
  g_autoptr (GError) error = NULL;
  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, err, &status, &error))
    {
      *err = g_strdup (error->message);
      return FALSE;
    }
  return g_spawn_check_wait_status (status, NULL);
}

/* Writes into path until the file system is full. */
static void
fill_disk (const char *path)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  g_assert_cmpint (fd, >=, 0);
  static char block[65536];
  for (gsize size = sizeof block; size > 0; size /= 2)
    while (write (fd, block, size) == (ssize_t)size)
      ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
}

/* In a subprocess, so that the parent unmounts whatever happens here. */
static void
disk_full_body (const char *mount_point)
{
  g_autofree char *db = g_build_filename (mount_point, "ledger.db", NULL);
  g_autofree char *filler = g_build_filename (mount_point, "filler", NULL);
  g_autofree char *csv = g_build_filename (mount_point, "..", "activities.csv", NULL);
  copy_file (template_db, db);
  fill_disk (filler);
  g_autofree char *before = jd_test_checksum_file (db);

  /* Opening makes the shared-memory file beside the ledger: there is no room. */
  const char *const commands[][6] = {
    { "import", "--db", db, "activities", csv, NULL },
    { "check", "--db", db, NULL },
    { "todo", "--db", db, NULL },
  };
  g_autofree char *full = g_strdup_printf (
      "jindu: The disk holding %s is full: nothing was saved. Free some space and try again.\n",
      db);
  for (guint k = 0; k < G_N_ELEMENTS (commands); k++)
    {
      g_auto (Run) run = { 0 };
      run_jindu_limited (&run, commands[k]);
      g_assert_cmpint (run.status, ==, 3);
      g_assert_cmpstr (run.err, ==, full);
    }
  g_autofree char *after = jd_test_checksum_file (db);
  g_assert_cmpstr (after, ==, before);

  /* Once there is room, the same import works: nothing left in its way. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  g_auto (Run) run = { 0 };
  run_jindu_limited (&run, commands[0]);
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_disk_full (Fixture *f, gconstpointer data)
{
  if (getuid () != 0)
    {
      g_test_skip ("a full disk needs a small file system of its own: mounting a tmpfs needs "
                   "root (CI runs as root)");
      return;
    }
  g_autofree char *csv = write_activities_csv (f);
  g_autofree char *mount_point = g_build_filename (f->dir, "small", NULL);
  g_assert_cmpint (g_mkdir (mount_point, 0700), ==, 0);
  g_autofree char *err = NULL;
  const char *const mount[]
      = { "mount", "-t", "tmpfs", "-o", "size=6m,mode=0700", "tmpfs", mount_point, NULL };
  if (!run_tool (mount, &err))
    g_error ("mount -t tmpfs failed as root: %s", err);

  g_autofree char *subprocess = g_strdup_printf ("%s/subprocess", g_test_get_path ());
  g_setenv ("JD_TEST_MOUNT", mount_point, TRUE);
  g_test_trap_subprocess (subprocess, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);

  g_clear_pointer (&err, g_free);
  const char *const umount[] = { "umount", mount_point, NULL };
  if (!run_tool (umount, &err))
    g_error ("umount %s failed: %s", mount_point, err);
  g_test_trap_assert_passed ();
}

static void
test_disk_full_subprocess (void)
{
  if (!g_test_subprocess ())
    {
      g_test_skip ("run by /cli-damage/disk-full");
      return;
    }
  disk_full_body (g_getenv ("JD_TEST_MOUNT"));
}

/* ---- a read-only disk ------------------------------------------------------ */

static void
read_only_body (const char *folder)
{
  g_autofree char *db = g_build_filename (folder, "ledger.db", NULL);
  g_autofree char *before = jd_test_checksum_file (db);

  /* What the readers give is what they give from the writable original. */
  const char *const readers[][10] = {
    { "indicators", "--year", "2024", "--json", NULL },
    { "readiness", "--year", "2024", "--json", NULL },
    { "todo", "--json", NULL },
    { "check", NULL },
  };
  for (guint k = 0; k < G_N_ELEMENTS (readers); k++)
    {
      g_autoptr (GPtrArray) args = g_ptr_array_new ();
      g_ptr_array_add (args, (char *)readers[k][0]);
      g_ptr_array_add (args, "--db");
      g_ptr_array_add (args, db);
      g_ptr_array_add (args, "--today");
      g_ptr_array_add (args, TODAY);
      for (guint i = 1; readers[k][i]; i++)
        g_ptr_array_add (args, (char *)readers[k][i]);
      g_ptr_array_add (args, NULL);
      g_auto (Run) here = { 0 };
      run_jindu_limited (&here, (const char *const *)args->pdata);
      g_assert_cmpstr (here.err, ==, "");
      g_assert_cmpint (here.status, ==, 0);
      args->pdata[2] = template_db;
      g_auto (Run) original = { 0 };
      run_jindu_limited (&original, (const char *const *)args->pdata);
      g_assert_cmpint (original.status, ==, 0);
      g_assert_cmpstr (here.out, ==, original.out);
    }

  /* Nothing leaves without the audit log's record of it. */
  g_autofree char *out = g_build_filename (folder, "..", "export.xlsx", NULL);
  const char *const export[] = { "export", "--db", db, "--year", "2024", "--out", out, NULL };
  g_auto (Run) run = { 0 };
  run_jindu_limited (&run, export);
  g_assert_cmpint (run.status, ==, 3);
  g_autofree char *refused = g_strdup_printf (
      "jindu: %s was not kept, as the audit log could not record it: %s cannot be written: "
      "the file or its folder is read-only.\n",
      out, db);
  g_assert_cmpstr (run.err, ==, refused);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  g_autofree char *after = jd_test_checksum_file (db);
  g_assert_cmpstr (after, ==, before);
}

static void
read_only_wal_body (const char *folder)
{
  g_autofree char *db = g_build_filename (folder, "ledger.db", NULL);
  const char *const todo[] = { "todo", "--db", db, NULL };
  g_auto (Run) run = { 0 };
  run_jindu_limited (&run, todo);
  g_assert_cmpint (run.status, ==, 3);
  g_autofree char *refused = g_strdup_printf (
      "jindu: %s is on a read-only disk and its file %s-wal holds changes not yet written into "
      "it: copy both files to a folder you can write to and open the copy.\n",
      db, db);
  g_assert_cmpstr (run.err, ==, refused);
}

/* The ledger (and, for "wal", a -wal file with something in it) in a folder
 * mounted read-only over itself, the body run in a subprocess so that the
 * folder is unmounted whatever it asserts. */
static void
test_read_only_disk (Fixture *f, gconstpointer data)
{
  if (getuid () != 0)
    {
      g_test_skip ("a read-only disk is a read-only mount: mounting needs root (CI runs as root)");
      return;
    }
  g_autofree char *folder = g_build_filename (f->dir, "disk", NULL);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_autofree char *db = g_build_filename (folder, "ledger.db", NULL);
  copy_file (template_db, db);
  if (data)
    {
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_assert_true (g_file_set_contents (wal, "not yet written", -1, NULL));
    }
  g_autofree char *err = NULL;
  const char *const bind[] = { "mount", "--bind", folder, folder, NULL };
  const char *const read_only[] = { "mount", "-o", "remount,ro,bind", folder, NULL };
  if (!run_tool (bind, &err) || !run_tool (read_only, &err))
    g_error ("mounting %s read-only failed as root: %s", folder, err);

  g_autofree char *subprocess = g_strdup_printf ("%s/subprocess", g_test_get_path ());
  g_setenv ("JD_TEST_MOUNT", folder, TRUE);
  g_test_trap_subprocess (subprocess, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);

  g_clear_pointer (&err, g_free);
  const char *const umount[] = { "umount", folder, NULL };
  if (!run_tool (umount, &err))
    g_error ("umount %s failed: %s", folder, err);
  g_test_trap_assert_passed ();
}

static void
test_read_only_subprocess (gconstpointer data)
{
  if (!g_test_subprocess ())
    {
      g_test_skip ("run by its parent test");
      return;
    }
  if (data)
    read_only_wal_body (g_getenv ("JD_TEST_MOUNT"));
  else
    read_only_body (g_getenv ("JD_TEST_MOUNT"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The demo once; each test copies it (a subprocess is told where it is). */
  g_autofree char *dir = NULL;
  if (g_test_subprocess ())
    template_db = g_strdup (g_getenv ("JD_TEST_TEMPLATE"));
  else
    {
      g_autoptr (GError) error = NULL;
      dir = g_dir_make_tmp ("jd-cli-damage-demo-XXXXXX", &error);
      g_assert_no_error (error);
      template_db = g_build_filename (dir, "demo.db", NULL);
      g_auto (Run) run = { 0 };
      run_jindu (&run, "demo", "--db", template_db, "--scale", "township", "--today", TODAY, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_setenv ("JD_TEST_TEMPLATE", template_db, TRUE);
    }

#define ADD(name, data, func)                                                                      \
  g_test_add (name, Fixture, data, fixture_set_up, func, jd_test_fixture_tear_down)
  for (guint i = 0; i < G_N_ELEMENTS (damaged_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/cli-damage/damaged/%s", damaged_cases[i].name);
      ADD (name, &damaged_cases[i], test_damaged);
    }
  ADD ("/cli-damage/undamaged", NULL, test_undamaged);
  for (guint i = 0; i < G_N_ELEMENTS (not_file_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/cli-damage/not-a-file/%s", not_file_cases[i].name);
      ADD (name, GINT_TO_POINTER (not_file_cases[i].kind), test_not_a_file);
    }
  ADD ("/cli-damage/link-to-ledger", NULL, test_link_to_ledger);
  ADD ("/cli-damage/beside-long-write", NULL, test_beside_long_write);
  ADD ("/cli-damage/disk-full", NULL, test_disk_full);
  g_test_add_func ("/cli-damage/disk-full/subprocess", test_disk_full_subprocess);
  ADD ("/cli-damage/read-only-disk", NULL, test_read_only_disk);
  g_test_add_data_func ("/cli-damage/read-only-disk/subprocess", NULL, test_read_only_subprocess);
  ADD ("/cli-damage/read-only-disk-wal", "wal", test_read_only_disk);
  g_test_add_data_func ("/cli-damage/read-only-disk-wal/subprocess", "wal",
                        test_read_only_subprocess);

  int rc = g_test_run ();
  if (dir)
    jd_test_remove_tree (dir);
  g_free (template_db);
  return rc;
}
