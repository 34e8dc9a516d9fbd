/* test-crash.c: killing the program (SIGKILL) at random moments never costs a saved write
 *
 * Two series, each of --iterations N runs (100 by default, or
 * $JD_CRASH_ITERATIONS; the crash-soak benchmark runs 1,000):
 *
 *  /crash/import   `jindu import persons` of a generated file of IMPORT_ROWS
 *                  persons on a fresh copy of a ledger. A third of the runs
 *                  are killed after a random delay between 0 and 1.2 times
 *                  the time a whole import takes; the other two thirds are
 *                  aimed at the commit: killed a random moment after SQLite
 *                  first writes the ledger's -wal file (seen through
 *                  inotify), within the time an import takes from there to
 *                  its end (timed once, then followed as the load changes;
 *                  see follow_commit). The import holds its whole transaction
 *                  in its cache (IMPORT_CACHE_KIB in src/core/jd-import.c),
 *                  so that first write is its COMMIT; after it come the
 *                  fsync, the checkpoint and the close.
 *  /crash/edits    tests/crash-editor (one transaction per edit, "committing
 *                  n" on its standard output before each commit and "saved n"
 *                  after it), on the same ledger run after run. A third of the
 *                  runs are killed after a random delay; the others a random
 *                  moment, within the time a commit takes (timed and followed
 *                  likewise), after the line "committing n" of its first,
 *                  second or third edit.
 *
 * After every kill the ledger must open, pass SQLite's integrity_check and hold
 * either all of a transaction or none of it, audit rows included; after an edit
 * run every "saved n" that reached the pipe must be in the ledger.
 *
 * Each series counts the kills that landed inside a commit window: for an
 * import, after the -wal file was first written and before the process ended
 * (it was still running when SIGKILL came); for the edits, after a "committing
 * n" line and before its "saved n" (the output ends with "committing n"). At
 * least 30 of every 100 kills must land there, or the series proves little.
 * The random delays come from the GTest seed (printed with --verbose; repeat a
 * run with --seed). */
#include <errno.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jd-crash.h"
#include "jd-test-ledger.h"
#include "jd-ledger-private.h"
#include "jd-store.h"

/* About 380 pages of the -wal file in the import's commit: long enough to be
 * hit (tens of milliseconds), short enough for 100 imports in the suite's time. */
#define IMPORT_ROWS 2000

static guint iterations = 100;

/* The share of kills, in percent, that must land inside a commit window. */
#define IN_COMMIT_PERCENT 30

/* An aimed kill comes a random moment within *range after its mark. The range
 * starts at the length of the commit when it was timed, and follows that
 * length as the machine's load changes: shorter after a kill that came after
 * the commit, longer (up to twice the timed length) after one inside it. */
static void
follow_commit (double *range, double timed, gboolean inside)
{
  *range = inside ? MIN (*range * 1.03, 2 * timed) : *range * 0.8;
}

/* A ledger with villages V01…V05, closed (so it is one file, its WAL folded in). */
static char *
make_template (const char *dir)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, "template.db", NULL);
  g_autoptr (JdLedger) ledger = jd_test_ledger_create (path);
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
  jd_test_remove_ledger (to);
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

/* Whether pid has ended, without reaping it (so a kill still finds it). */
static gboolean
has_ended (GPid pid)
{
  siginfo_t info = { 0 };
  while (waitid (P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  return info.si_pid == pid;
}

/* Kills pid (ended or not) and reaps it: TRUE when it had run to a successful
 * end by itself, and *killed TRUE when SIGKILL found it still running. */
static gboolean
kill_now (GPid pid, gboolean *killed)
{
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0); /* not reaped yet: a zombie still takes it */
  int status = 0;
  while (waitpid (pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  g_spawn_close_pid (pid);
  if (WIFSIGNALED (status))
    g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  *killed = WIFSIGNALED (status);
  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* ---- seeing SQLite write the -wal file ---------------------------------------------- */

typedef struct
{
  int fd;     /* inotify, on the ledger's folder */
  char *name; /* the -wal file's name in it */
} WalWatch;

static void
wal_watch_init (WalWatch *watch, const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  watch->name = g_strconcat (base, "-wal", NULL);
  watch->fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  g_assert_cmpint (watch->fd, >=, 0);
  g_assert_cmpint (inotify_add_watch (watch->fd, dir, IN_MODIFY), >=, 0);
}

static void
wal_watch_clear (WalWatch *watch)
{
  close (watch->fd);
  g_free (watch->name);
}

/* Whether the -wal file was written since the last call, waiting up to
 * timeout_ms for it (0: not at all). */
static gboolean
wal_written (WalWatch *watch, int timeout_ms)
{
  struct pollfd ready = { .fd = watch->fd, .events = POLLIN };
  if (poll (&ready, 1, timeout_ms) <= 0)
    return FALSE; /* nothing yet, or a signal: the caller asks again */
  gboolean written = FALSE;
  char buffer[4096] __attribute__ ((aligned (__alignof__(struct inotify_event))));
  ssize_t n;
  while ((n = read (watch->fd, buffer, sizeof buffer)) > 0)
    for (char *at = buffer; at < buffer + n;)
      {
        const struct inotify_event *event = (const struct inotify_event *)at;
        if (event->len > 0 && g_str_equal (event->name, watch->name))
          written = TRUE;
        at += sizeof *event + event->len;
      }
  g_assert_true (n == 0 || errno == EAGAIN || errno == EINTR);
  return written;
}

/* Waits until the -wal file is written or pid ends: TRUE for the first. */
static gboolean
wait_for_wal (WalWatch *watch, GPid pid)
{
  while (!wal_written (watch, 5))
    if (has_ended (pid))
      return wal_written (watch, 0);
  return TRUE;
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

typedef struct
{
  gboolean ended;     /* it had run to its end by itself */
  gboolean in_commit; /* killed still running, after its first write to the -wal file */
} ImportKill;

/* One `jindu import`, killed delay_us after its start or, when aimed, after
 * its first write to the -wal file. */
static ImportKill
kill_import (const char *const *argv, WalWatch *watch, gboolean aimed, gulong delay_us)
{
  ImportKill result = { 0 };
  wal_written (watch, 0); /* what came before this run */
  GPid pid = start (argv, NULL);
  gboolean wal = aimed && wait_for_wal (watch, pid);
  g_usleep (delay_us);
  wal = wal_written (watch, 0) || wal;
  gboolean killed = FALSE;
  result.ended = kill_now (pid, &killed);
  result.in_commit = wal && killed;
  return result;
}

static void
test_import (void)
{
  JdTestLedger folder = { 0 }; /* the folder only (tests/common/jd-test-ledger.h) */
  jd_test_folder_set_up (&folder, "jd-crash-XXXXXX");
  const char *dir = folder.dir;
  g_autofree char *template = make_template (dir);
  g_autofree char *csv = write_persons_csv (dir);
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  const char *argv[] = { g_getenv ("JINDU"), "import", "--db", path, "persons", csv, NULL };
  g_assert_nonnull (argv[0]);
  WalWatch watch;
  wal_watch_init (&watch, path);

  /* One import left alone: how long a whole one takes, and its commit (from
   * its first write to the -wal file to its end); and that it is whole. */
  copy_ledger (template, path);
  wal_written (&watch, 0);
  gint64 started = g_get_monotonic_time ();
  GPid pid = start (argv, NULL);
  g_assert_true (wait_for_wal (&watch, pid));
  gint64 wal_at = g_get_monotonic_time ();
  int status = 0;
  while (waitpid (pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  g_spawn_close_pid (pid);
  gint64 ended_at = g_get_monotonic_time ();
  gint64 whole = ended_at - started, commit = ended_at - wal_at;
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  {
    g_autoptr (JdLedger) ledger = open_checked (path);
    g_assert_cmpint (jd_ledger_count (ledger, "person"), ==, IMPORT_ROWS);
  }
  g_test_message ("a whole import of %d persons takes %.0f ms, %.1f ms of it from the first write "
                  "to the -wal file to the end",
                  IMPORT_ROWS, whole / 1000.0, commit / 1000.0);

  guint none = 0, all = 0, finished = 0, in_commit = 0, in_commit_all = 0;
  double range = commit;
  for (guint i = 0; i < iterations; i++)
    {
      copy_ledger (template, path);
      gboolean aimed = i % 3 != 0;
      gulong delay = (gulong)g_test_rand_double_range (0, aimed ? range : 1.2 * whole);
      ImportKill run = kill_import (argv, &watch, aimed, delay);
      if (aimed)
        follow_commit (&range, commit, run.in_commit);

      g_autoptr (JdLedger) ledger = open_checked (path);
      gint64 persons = jd_ledger_count (ledger, "person");
      gint64 audited
          = jd_test_query_int (ledger, "SELECT count(*) FROM audit_log WHERE tbl = 'person'");
      g_test_message ("import %u: killed %.1f ms after %s: %" G_GINT64_FORMAT " persons%s", i + 1,
                      delay / 1000.0, aimed ? "the first write to the -wal file" : "the start",
                      persons,
                      run.ended       ? " (had finished)"
                      : run.in_commit ? " (inside the commit)"
                                      : "");
      /* All of the file or none of it, and an audit row for every row written. */
      if (persons != 0)
        g_assert_cmpint (persons, ==, IMPORT_ROWS);
      if (run.ended)
        g_assert_cmpint (persons, ==, IMPORT_ROWS);
      g_assert_cmpint (audited, ==, persons);
      g_assert_cmpint (jd_ledger_count (ledger, "village"), ==, JD_CRASH_VILLAGES);
      none += persons == 0;
      all += persons == IMPORT_ROWS;
      finished += run.ended;
      in_commit += run.in_commit;
      in_commit_all += run.in_commit && persons == IMPORT_ROWS;
    }
  g_test_message (
      "import: %u kills survived: %u left nothing, %u the whole file (%u had finished); "
      "%u inside the commit (%u of them left the whole file, %u nothing)",
      iterations, none, all, finished, in_commit, in_commit_all, in_commit - in_commit_all);
  g_print ("# crash import: %u kills survived (%u none, %u whole, %u finished), %u inside the "
           "commit (%u whole, %u none)\n",
           iterations, none, all, finished, in_commit, in_commit_all, in_commit - in_commit_all);
  g_assert_cmpuint (none + all, ==, iterations);
  g_assert_cmpuint (in_commit * 100, >=, iterations * IN_COMMIT_PERCENT);

  wal_watch_clear (&watch);
  jd_test_ledger_tear_down (&folder);
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

/* The n of text's last line when it is "committing n" (the run was killed
 * inside that edit's commit), or 0. */
static guint
killed_committing (const char *text)
{
  if (!g_str_has_suffix (text, "\n"))
    return 0;
  const char *line = text + strlen (text) - 1;
  while (line > text && line[-1] != '\n')
    line--;
  if (!g_str_has_prefix (line, "committing "))
    return 0;
  return (guint)strtoul (line + strlen ("committing "), NULL, 10);
}

/* Reads fd into text: all of it (until the writer is gone), or, when until is
 * not NULL, until text holds that line. FALSE when the output ended first. */
static gboolean
read_into (int fd, GString *text, const char *until)
{
  g_autofree char *wanted = until ? g_strconcat (until, "\n", NULL) : NULL;
  char buffer[4096];
  while (wanted == NULL || strstr (text->str, wanted) == NULL)
    {
      struct pollfd ready = { .fd = fd, .events = POLLIN };
      int r = poll (&ready, 1, 60 * 1000);
      if (r < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (r, ==, 1); /* not a minute without a word */
      ssize_t n = read (fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >=, 0);
      if (n == 0)
        return FALSE;
      g_string_append_len (text, buffer, n);
    }
  return TRUE;
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
  g_assert_cmpint (jd_test_query_int (ledger, "SELECT count(*) FROM (SELECT person_id FROM followup"
                                              " GROUP BY person_id HAVING count(*) <> 3)"),
                   ==, 0);
  g_assert_cmpint (jd_ledger_count (ledger, "status_span"), ==, spans);
  g_assert_cmpint (
      jd_test_query_int (ledger, "SELECT count(*) FROM status_span WHERE ended_on IS NULL"), ==,
      count);
  g_assert_cmpint (
      jd_test_query_int (ledger, "SELECT count(*) FROM audit_log WHERE tbl = 'followup'"), ==,
      JD_CRASH_FOLLOWUPS * count);
  g_assert_cmpint (jd_test_query_int (ledger,
                                      "SELECT count(*) FROM audit_log WHERE tbl = 'status_span'"
                                      " AND action = 'insert'"),
                   ==, spans);
  g_assert_cmpint (jd_test_query_int (ledger,
                                      "SELECT count(*) FROM audit_log WHERE tbl = 'status_span'"
                                      " AND action = 'update'"),
                   ==, count > 0 ? count - 1 : 0);
}

static int
compare_times (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
  return (x > y) - (x < y);
}

/* The time a commit of one edit takes, from "committing n" to "saved n" as
 * they reach the pipe: the median of twenty, the editor started on argv. */
static gint64
time_commits (const char *const *argv)
{
  int out = -1;
  GPid pid = start (argv, &out);
  guint first = (guint)strtoul (argv[2], NULL, 10);
  gint64 times[20];
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *committing = g_strdup_printf ("committing %u", first + i);
      g_autofree char *saved = g_strdup_printf ("saved %u", first + i);
      g_assert_true (read_into (out, text, committing));
      gint64 at = g_get_monotonic_time ();
      g_assert_true (read_into (out, text, saved));
      times[i] = g_get_monotonic_time () - at;
    }
  gboolean killed = FALSE;
  g_assert_false (kill_now (pid, &killed));
  g_assert_true (killed);
  close (out);
  qsort (times, G_N_ELEMENTS (times), sizeof times[0], compare_times);
  return times[G_N_ELEMENTS (times) / 2];
}

static void
test_edits (void)
{
  JdTestLedger folder = { 0 }; /* the folder only (tests/common/jd-test-ledger.h) */
  jd_test_folder_set_up (&folder, "jd-crash-XXXXXX");
  const char *dir = folder.dir;
  g_autofree char *template = make_template (dir);
  g_autofree char *path = g_build_filename (dir, "ledger.db", NULL);
  g_autofree char *editor
      = g_build_filename (g_getenv ("JINDU_BUILD_DIR"), "tests", "cli", "crash-editor", NULL);
  copy_ledger (template, path);

  /* Twenty edits or so left alone: how long a commit takes. */
  const char *timed[] = { editor, path, "1", NULL };
  gint64 commit = time_commits (timed);
  gint64 count = 0;
  {
    g_autoptr (JdLedger) ledger = open_checked (path);
    count = jd_ledger_count (ledger, "person");
    g_assert_cmpint (count, >=, 20);
    check_edits (ledger, 1, count);
  }
  g_test_message ("a commit of one edit takes %.1f ms", commit / 1000.0);

  guint saved_lines = 0, lost_in_flight = 0, in_commit = 0, in_commit_saved = 0;
  double range = commit;
  for (guint i = 0; i < iterations; i++)
    {
      g_autofree char *first = g_strdup_printf ("%" G_GINT64_FORMAT, count + 1);
      const char *argv[] = { editor, path, first, NULL };
      int out = -1;
      gboolean aimed = i % 3 != 0;
      g_autoptr (GString) text = g_string_new (NULL);
      GPid pid = start (argv, &out);
      g_autofree char *target = NULL;
      gulong delay;
      if (aimed)
        {
          /* The commit of its first, second or third edit. */
          target = g_strdup_printf ("committing %" G_GINT64_FORMAT,
                                    count + 1 + g_test_rand_int_range (0, 3));
          delay = (gulong)g_test_rand_double_range (0, range);
          read_into (out, text, target);
        }
      else
        delay = (gulong)g_test_rand_double_range (0, 120000);
      g_usleep (delay);
      gboolean killed = FALSE;
      g_assert_false (kill_now (pid, &killed));
      read_into (out, text, NULL);
      close (out);
      guint saved = last_saved (text->str, &saved_lines);
      guint committing = killed_committing (text->str);
      if (aimed)
        follow_commit (&range, commit, committing != 0);

      g_autoptr (JdLedger) ledger = open_checked (path);
      gint64 now = jd_ledger_count (ledger, "person");
      g_test_message ("edits %u: killed %.1f ms after %s: edits %" G_GINT64_FORMAT
                      "…%" G_GINT64_FORMAT " in the ledger, last “saved” %u%s",
                      i + 1, delay / 1000.0, aimed ? target : "the start", count + 1, now, saved,
                      committing ? " (inside a commit)" : "");
      /* Every edit reported saved is there; at most one more (committed, killed before it said so).
       */
      if (saved)
        g_assert_cmpint (saved, <=, now);
      g_assert_cmpint (now, >=, count);
      g_assert_cmpint (now, <=, MAX ((gint64)saved, count) + 1);
      lost_in_flight += now == MAX ((gint64)saved, count) + 1;
      if (committing)
        {
          /* Killed inside edit n's commit: the ledger has edit n whole or not at all. */
          g_assert_cmpint (committing, ==, MAX ((gint64)saved, count) + 1);
          in_commit++;
          in_commit_saved += now == committing;
        }
      check_edits (ledger, count + 1, now);
      count = now;
    }
  g_test_message ("edits: %u kills survived, %" G_GINT64_FORMAT " edits in the ledger, %u “saved” "
                  "lines checked, %u committed edits killed before they were reported; %u kills "
                  "inside a commit (%u of those edits were in the ledger, %u not)",
                  iterations, count, saved_lines, lost_in_flight, in_commit, in_commit_saved,
                  in_commit - in_commit_saved);
  g_print ("# crash edits: %u kills survived, %" G_GINT64_FORMAT " edits, %u saved lines checked, "
           "%u inside a commit (%u saved, %u not)\n",
           iterations, count, saved_lines, in_commit, in_commit_saved, in_commit - in_commit_saved);
  g_assert_cmpuint (in_commit * 100, >=, iterations * IN_COMMIT_PERCENT);

  jd_test_ledger_tear_down (&folder);
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
