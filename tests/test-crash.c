/* test-crash.c: killing the program (SIGKILL) at random moments never costs a saved write
 *
 * Two series, each of --iterations N runs (100 by default, or
 * $JD_CRASH_ITERATIONS; the crash-soak benchmark runs 1,000):
 *
 *  /crash/import   `jindu import persons` of a generated file of IMPORT_ROWS
 *                  persons, killed after a random delay between 0 and 1.2 times
 *                  the time a whole import takes, on a fresh copy of a ledger.
 *  /crash/edits    tests/crash-editor (one transaction per edit, "saved n" on
 *                  its standard output after each commit), killed after a random
 *                  delay, on the same ledger run after run.
 *
 * After every kill the ledger must open, pass SQLite's integrity_check and hold
 * either all of a transaction or none of it, audit rows included; after an edit
 * run every "saved n" that reached the pipe must be in the ledger. The random
 * delays come from the GTest seed (printed with --verbose; repeat a run with
 * --seed). */
#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jd-crash.h"
#include "jd-ledger-private.h"
#include "jd-store.h"

#define IMPORT_ROWS 4000

static guint iterations = 100;

static gint64
query_int (JdLedger *ledger, const char *sql)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  gint64 value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static void
remove_ledger (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* A ledger with villages V01…V05, closed (so it is one file, its WAL folded in). */
static char *
make_template (const char *dir)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, "template.db", NULL);
  g_autoptr (JdLedger) ledger = jd_ledger_create (path, "博美镇", "陆丰市", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < JD_CRASH_VILLAGES; i++)
    {
      g_autofree char *code = g_strdup_printf ("V%02u", i + 1);
      g_autofree char *name = g_strdup_printf ("%u村", i + 1);
      JdVillageRecord village = { .code = code, .name = name, .resident_population = 1000 };
      gint64 id = 0;
      g_assert_cmpint (jd_store_village (ledger, &village, &id, &error), ==, JD_STORE_ADDED);
      g_assert_no_error (error);
    }
  return path;
}

static void
copy_ledger (const char *from, const char *to)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize length = 0;
  remove_ledger (to);
  g_file_get_contents (from, &bytes, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents_full (to, bytes, length, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
}

/* Starts argv with stdout a pipe (when out_fd is not NULL) and stderr discarded. */
static GPid
start (const char *const *argv, int *out_fd)
{
  g_autoptr (GError) error = NULL;
  GPid pid = 0;
  g_spawn_async_with_pipes (NULL, (char **)argv, NULL,
                            G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL
                                | (out_fd ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL),
                            NULL, NULL, &pid, NULL, out_fd, NULL, &error);
  g_assert_no_error (error);
  return pid;
}

/* Kills pid after delay_us unless it ended first: TRUE when it ran to a
 * successful end by itself. */
static gboolean
kill_after (GPid pid, gulong delay_us)
{
  g_usleep (delay_us);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0); /* not reaped yet: a zombie still takes it */
  int status = 0;
  while (waitpid (pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  g_spawn_close_pid (pid);
  if (WIFSIGNALED (status))
    g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* Opens the ledger the killed process left and checks SQLite's own integrity check. */
static JdLedger *
open_checked (const char *path)
{
  g_autoptr (GError) error = NULL;
  JdLedger *ledger = jd_ledger_open (path, &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) problems = jd_ledger_integrity_check (ledger, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("integrity: %s", (const char *)problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
  return ledger;
}

static char *
write_persons_csv (const char *dir)
{
  g_autoptr (GError) error = NULL;
  GString *csv = g_string_new ("id_number,name,residence_village,residence_address,first_found_on,"
                               "note\n");
  for (guint n = 1; n <= IMPORT_ROWS; n++)
    {
      char id_number[19];
      jd_crash_id_number (1000000 + n, id_number);
      g_string_append_printf (csv, "%s,导入%u,V%02u,西社区%u号,2019/%u/%u,\"第%u行, 共%u行\"\n",
                              id_number, n, n % JD_CRASH_VILLAGES + 1, n, n % 12 + 1, n % 28 + 1,
                              n + 1, IMPORT_ROWS + 1);
    }
  char *path = g_build_filename (dir, "persons.csv", NULL);
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  g_string_free (csv, TRUE);
  return path;
}

static void
test_import (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jd-crash-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *template = make_template (dir);
  g_autofree char *csv = write_persons_csv (dir);
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  const char *argv[] = { g_getenv ("JINDU"), "import", "--db", path, "persons", csv, NULL };
  g_assert_nonnull (argv[0]);

  /* One import left alone: how long a whole one takes, and that it is whole. */
  copy_ledger (template, path);
  gint64 started = g_get_monotonic_time ();
  GPid pid = start (argv, NULL);
  int status = 0;
  while (waitpid (pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  g_spawn_close_pid (pid);
  gint64 whole = g_get_monotonic_time () - started;
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  {
    g_autoptr (JdLedger) ledger = open_checked (path);
    g_assert_cmpint (jd_ledger_count (ledger, "person"), ==, IMPORT_ROWS);
  }
  g_test_message ("a whole import of %d persons takes %.0f ms", IMPORT_ROWS, whole / 1000.0);

  guint none = 0, all = 0, finished = 0;
  for (guint i = 0; i < iterations; i++)
    {
      copy_ledger (template, path);
      gulong delay = (gulong)g_test_rand_double_range (0, 1.2 * whole);
      gboolean ended = kill_after (start (argv, NULL), delay);

      g_autoptr (JdLedger) ledger = open_checked (path);
      gint64 persons = jd_ledger_count (ledger, "person");
      gint64 audited = query_int (ledger, "SELECT count(*) FROM audit_log WHERE tbl = 'person'");
      g_test_message ("import %u: killed after %.1f ms: %" G_GINT64_FORMAT " persons%s", i + 1,
                      delay / 1000.0, persons, ended ? " (had finished)" : "");
      /* All of the file or none of it, and an audit row for every row written. */
      if (persons != 0)
        g_assert_cmpint (persons, ==, IMPORT_ROWS);
      if (ended)
        g_assert_cmpint (persons, ==, IMPORT_ROWS);
      g_assert_cmpint (audited, ==, persons);
      g_assert_cmpint (jd_ledger_count (ledger, "village"), ==, JD_CRASH_VILLAGES);
      none += persons == 0;
      all += persons == IMPORT_ROWS;
      finished += ended;
    }
  g_test_message ("import: %u kills survived: %u left nothing, %u the whole file (%u had finished)",
                  iterations, none, all, finished);
  g_print ("# crash import: %u kills survived (%u none, %u whole, %u finished)\n", iterations, none,
           all, finished);
  g_assert_cmpuint (none + all, ==, iterations);

  remove_ledger (path);
  remove_ledger (template);
  g_unlink (csv);
  g_rmdir (dir);
}

/* The last n of the "saved n" lines in text, 0 when there is none. */
static guint
last_saved (const char *text, guint *lines)
{
  g_auto (GStrv) split = g_strsplit (text, "\n", -1);
  guint last = 0;
  for (guint i = 0; split[i]; i++)
    if (g_str_has_prefix (split[i], "saved "))
      {
        guint n = (guint)strtoul (split[i] + 6, NULL, 10);
        g_assert_cmpuint (n, >, last);
        last = n;
        (*lines)++;
      }
  return last;
}

static char *
read_all (int fd)
{
  GString *text = g_string_new (NULL);
  char buffer[4096];
  ssize_t n;
  while ((n = read (fd, buffer, sizeof buffer)) != 0)
    {
      if (n < 0)
        {
          g_assert_cmpint (errno, ==, EINTR);
          continue;
        }
      g_string_append_len (text, buffer, n);
    }
  close (fd);
  return g_string_free (text, FALSE);
}

/* Edits 1…count are all there, each whole, and nothing beyond (the persons
 * of edits before since were looked up after an earlier run). */
static void
check_edits (JdLedger *ledger, gint64 since, gint64 count)
{
  char id_number[19];
  g_assert_cmpint (jd_ledger_count (ledger, "person"), ==, count);
  for (gint64 n = since; n <= count + 1; n++)
    {
      jd_crash_id_number ((guint)n, id_number);
      if (n <= count)
        g_assert_cmpint (jd_store_find_person (ledger, id_number), !=, 0);
      else
        g_assert_cmpint (jd_store_find_person (ledger, id_number), ==, 0);
    }
  gint64 spans
      = count > 0 ? 2 * count - 1 : 0; /* each edit adds one, and one for the last person */
  g_assert_cmpint (jd_ledger_count (ledger, "followup"), ==, JD_CRASH_FOLLOWUPS * count);
  g_assert_cmpint (query_int (ledger, "SELECT count(*) FROM (SELECT person_id FROM followup"
                                      " GROUP BY person_id HAVING count(*) <> 3)"),
                   ==, 0);
  g_assert_cmpint (jd_ledger_count (ledger, "status_span"), ==, spans);
  g_assert_cmpint (query_int (ledger, "SELECT count(*) FROM status_span WHERE ended_on IS NULL"),
                   ==, count);
  g_assert_cmpint (query_int (ledger, "SELECT count(*) FROM audit_log WHERE tbl = 'followup'"), ==,
                   JD_CRASH_FOLLOWUPS * count);
  g_assert_cmpint (query_int (ledger, "SELECT count(*) FROM audit_log WHERE tbl = 'status_span'"
                                      " AND action = 'insert'"),
                   ==, spans);
  g_assert_cmpint (query_int (ledger, "SELECT count(*) FROM audit_log WHERE tbl = 'status_span'"
                                      " AND action = 'update'"),
                   ==, count > 0 ? count - 1 : 0);
}

static void
test_edits (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jd-crash-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *template = make_template (dir);
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autofree char *editor
      = g_build_filename (g_getenv ("JINDU_BUILD_DIR"), "tests", "crash-editor", NULL);
  copy_ledger (template, path);

  gint64 count = 0;
  guint saved_lines = 0, lost_in_flight = 0;
  for (guint i = 0; i < iterations; i++)
    {
      g_autofree char *first = g_strdup_printf ("%" G_GINT64_FORMAT, count + 1);
      const char *argv[] = { editor, path, first, NULL };
      int out = -1;
      gulong delay = (gulong)g_test_rand_double_range (0, 120000);
      GPid pid = start (argv, &out);
      g_assert_false (kill_after (pid, delay));
      g_autofree char *text = read_all (out);
      guint saved = last_saved (text, &saved_lines);

      g_autoptr (JdLedger) ledger = open_checked (path);
      gint64 now = jd_ledger_count (ledger, "person");
      g_test_message ("edits %u: killed after %.1f ms: edits %" G_GINT64_FORMAT "…%" G_GINT64_FORMAT
                      " in the ledger, last “saved” %u",
                      i + 1, delay / 1000.0, count + 1, now, saved);
      /* Every edit reported saved is there; at most one more (committed, killed before it said so).
       */
      if (saved)
        g_assert_cmpint (saved, <=, now);
      g_assert_cmpint (now, >=, count);
      g_assert_cmpint (now, <=, MAX ((gint64)saved, count) + 1);
      lost_in_flight += now == MAX ((gint64)saved, count) + 1;
      check_edits (ledger, count + 1, now);
      count = now;
    }
  g_test_message ("edits: %u kills survived, %" G_GINT64_FORMAT " edits in the ledger, %u “saved” "
                  "lines checked, %u committed edits killed before they were reported",
                  iterations, count, saved_lines, lost_in_flight);
  g_print ("# crash edits: %u kills survived, %" G_GINT64_FORMAT " edits, %u saved lines checked\n",
           iterations, count, saved_lines);

  remove_ledger (path);
  remove_ledger (template);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Slower builds (build-aux/test --sanitize) ask for fewer. */
  const char *n = g_getenv ("JD_CRASH_ITERATIONS");
  if (n)
    iterations = (guint)strtoul (n, NULL, 10);
  for (int i = 1; i + 1 < argc; i++)
    if (g_str_equal (argv[i], "--iterations"))
      iterations = (guint)strtoul (argv[i + 1], NULL, 10);
  g_test_add_func ("/crash/import", test_import);
  g_test_add_func ("/crash/edits", test_edits);
  return g_test_run ();
}
