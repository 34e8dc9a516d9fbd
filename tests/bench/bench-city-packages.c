/* bench-city-packages.c: the city demo's data as 100 township packages added to a county
 * (docs/contract.md §9; issue 24: ≤ 5 min, memory under 200 MB)
 *
 *   bench-city-packages CITY.db FOLDER [N]
 *
 * (N townships instead of 100: a quick run on a smaller ledger, to try the bench.)
 *
 * FOLDER is made on the first run and kept: the city ledger (300 villages, 100,000
 * persons) carved into 100 township ledgers of three villages each, in the order of
 * their codes, through the core's connection (jd_ledger_exec: the rows copied with
 * the audit triggers and seals of every write), each township writing its package
 * (its own key). A person goes to the township of the village that first managed
 * them, with every row of theirs; a move to a village of another township, and a
 * household village there, are left out (that township does not have it);
 * township-wide activities, surveys and staff go to the first township.
 *
 * Then `$JINDU county add` adds the 100 packages to a new county ledger in one
 * process, timed by the wall clock, with that process's peak memory (its maximum
 * resident set, from wait4). Exit 0 when both targets are met.
 */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jd-date.h"
#include "jd-ledger-private.h"
#include "jd-package.h"

#define N_TOWNSHIPS_CITY 100
static int N_TOWNSHIPS = N_TOWNSHIPS_CITY;
#define TARGET_SECONDS 300
#define TARGET_MB 200

static void
check (gboolean ok, GError *error)
{
  if (!ok)
    {
      g_printerr ("bench-city-packages: %s\n", error ? error->message : "failed");
      exit (1);
    }
}

/* The ids of the city's villages in the order of their codes. */
static GArray *
city_villages (const char *city)
{
  GError *error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (city, &error);
  check (ledger != NULL, error);
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, "SELECT id FROM village ORDER BY code", &error);
  check (stmt != NULL, error);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return ids;
}

/* "a, b, c": the columns of table, with replace's expression for the column named first in it. */
static char *
columns (JdLedger *ledger, const char *table, const char *replaced, const char *with)
{
  GError *error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s')", table);
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, &error);
  check (stmt != NULL, error);
  GString *out = g_string_new (NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);
      if (out->len)
        g_string_append (out, ", ");
      g_string_append (out, replaced && g_str_equal (name, replaced) ? with : name);
    }
  sqlite3_reset (stmt);
  return g_string_free (out, FALSE);
}

static void
copy (
    JdLedger *ledger, const char *table, const char *where, const char *replaced, const char *with)
{
  GError *error = NULL;
  g_autofree char *names = columns (ledger, table, NULL, NULL);
  g_autofree char *values = columns (ledger, table, replaced, with);
  g_autofree char *sql
      = g_strdup_printf ("INSERT INTO main.%s (%s) SELECT %s FROM city.%s t WHERE %s", table, names,
                         values, table, where);
  check (jd_ledger_exec (ledger, sql, &error), error);
}

static void
carve_township (const char *city, GArray *villages, int t, const char *path, const char *package)
{
  GError *error = NULL;
  g_autofree char *name = g_strdup_printf ("第%d镇", t + 1);
  g_unlink (path);
  g_autoptr (JdLedger) ledger = jd_ledger_create (path, name, "演示市", &error);
  check (ledger != NULL, error);
  g_autofree char *attach = g_strdup_printf ("ATTACH DATABASE '%s' AS city", city);
  check (jd_ledger_exec (ledger, attach, &error), error);

  guint per = villages->len / N_TOWNSHIPS;
  GString *group = g_string_new ("(");
  for (guint i = t * per; i < (guint)(t + 1) * per && i < villages->len; i++)
    g_string_append_printf (group, "%s%" G_GINT64_FORMAT, i == t * per ? "" : ",",
                            g_array_index (villages, gint64, i));
  g_string_append (group, ")");
  const char *g = group->str;
  const char *first = t == 0 ? " OR t.village_id IS NULL" : "";
  g_autofree char *in_group = g_strdup_printf ("t.village_id IN %s", g);
  g_autofree char *in_group_or_all = g_strdup_printf ("(t.village_id IN %s%s)", g, first);
  g_autofree char *household = g_strdup_printf (
      "CASE WHEN t.household_village_id IN %s THEN t.household_village_id END", g);
  const char *mine = "t.person_id IN (SELECT id FROM main.person)";

  check (jd_ledger_begin (ledger, &error), error);
  g_autofree char *village_where = g_strdup_printf ("t.id IN %s", g);
  copy (ledger, "village", village_where, NULL, NULL);
  copy (ledger, "person", in_group, "household_village_id", household);
  const char *personal[] = { "status_span", "use_event", "help_member", "agreement", "followup" };
  for (guint i = 0; i < G_N_ELEMENTS (personal); i++)
    copy (ledger, personal[i], mine, NULL, NULL);
  g_autofree char *moves = g_strdup_printf ("%s AND %s", mine, in_group);
  copy (ledger, "move", moves, NULL, NULL);
  const char *by_village[] = { "letter", "venue", "title_event", "assessment" };
  for (guint i = 0; i < G_N_ELEMENTS (by_village); i++)
    copy (ledger, by_village[i], in_group, NULL, NULL);
  const char *maybe_township_wide[] = { "activity", "awareness_survey", "staff" };
  for (guint i = 0; i < G_N_ELEMENTS (maybe_township_wide); i++)
    copy (ledger, maybe_township_wide[i], in_group_or_all, NULL, NULL);
  copy (ledger, "inspection", "t.venue_id IN (SELECT id FROM main.venue)", NULL, NULL);
  copy (ledger, "assessment_item", "t.assessment_id IN (SELECT id FROM main.assessment)", NULL,
        NULL);
  check (jd_ledger_commit (ledger, &error), error);
  check (jd_ledger_exec (ledger, "DETACH DATABASE city", &error), error);
  g_string_free (group, TRUE);

  check (jd_package_write (ledger, package, JD_OUTPUT_FORCE, NULL, NULL, NULL, NULL, &error),
         error);
}

static char *
package_path (const char *folder, int t)
{
  g_autofree char *file = g_strdup_printf ("t%03d.jdpkg", t);
  return g_build_filename (folder, file, NULL);
}

static void
make_folder (const char *city, const char *folder)
{
  g_printerr ("Carving %s into %d township packages in %s (once)…\n", city, N_TOWNSHIPS, folder);
  gint64 start = g_get_monotonic_time ();
  g_mkdir_with_parents (folder, 0700);
  g_autoptr (GArray) villages = city_villages (city);
  if (villages->len < (guint)N_TOWNSHIPS)
    {
      g_printerr ("bench-city-packages: %s has %u villages, fewer than %d\n", city, villages->len,
                  N_TOWNSHIPS);
      exit (1);
    }
  for (int t = 0; t < N_TOWNSHIPS; t++)
    {
      g_autofree char *file = g_strdup_printf ("t%03d.db", t);
      g_autofree char *path = g_build_filename (folder, file, NULL);
      g_autofree char *package = package_path (folder, t);
      carve_township (city, villages, t, path, package);
    }
  g_printerr ("… carved in %.0f s\n", (g_get_monotonic_time () - start) / 1e6);
}

static void
remove_county (const char *path)
{
  g_autofree char *townships = g_strconcat (path, ".townships", NULL);
  g_autoptr (GDir) dir = g_dir_open (townships, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *file = g_build_filename (townships, name, NULL);
      g_unlink (file);
    }
  g_rmdir (townships);
  const char *suffixes[] = { "", "-wal", "-shm" };
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/* Runs argv, its output to /dev/null; its exit status and its resources. */
static int
run_measured (char **argv, struct rusage *usage)
{
  pid_t pid = fork ();
  if (pid == 0)
    {
      int null = open ("/dev/null", O_WRONLY);
      dup2 (null, STDOUT_FILENO);
      execv (argv[0], argv);
      _exit (127);
    }
  int status = 0;
  while (wait4 (pid, &status, 0, usage) < 0)
    ;
  return status;
}

int
main (int argc, char **argv)
{
  GError *error = NULL;
  setlocale (LC_ALL, "");
  if (argc != 3 && argc != 4)
    {
      g_printerr ("usage: bench-city-packages CITY.db FOLDER [N]\n");
      return 1;
    }
  if (argc == 4)
    N_TOWNSHIPS = CLAMP (atoi (argv[3]), 1, N_TOWNSHIPS_CITY);
  const char *city = argv[1], *folder = argv[2], *jindu = g_getenv ("JINDU");
  if (jindu == NULL)
    {
      g_printerr ("bench-city-packages: JINDU names the program to run\n");
      return 1;
    }
  if (!g_file_test (city, G_FILE_TEST_EXISTS))
    {
      g_printerr ("bench-city-packages: %s is missing: make it with jindu demo --db %s --scale "
                  "city --seed 1 --today 2025-06-30\n",
                  city, city);
      return 1;
    }
  jd_set_today (jd_day_new (2025, 6, 30));
  g_autofree char *last = package_path (folder, N_TOWNSHIPS - 1);
  if (!g_file_test (last, G_FILE_TEST_EXISTS))
    make_folder (city, folder);

  g_autofree char *county = g_build_filename (folder, "county.db", NULL);
  remove_county (county);
  {
    const char *args[] = { jindu, "county", "init", "--db", county, "--county", "演示市", NULL };
    struct rusage usage;
    int status = run_measured ((char **)args, &usage);
    check (WIFEXITED (status) && WEXITSTATUS (status) == 0, error);
  }
  g_autoptr (GPtrArray) add = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (add, g_strdup (jindu));
  g_ptr_array_add (add, g_strdup ("county"));
  g_ptr_array_add (add, g_strdup ("add"));
  g_ptr_array_add (add, g_strdup ("--db"));
  g_ptr_array_add (add, g_strdup (county));
  goffset bytes = 0;
  for (int t = 0; t < N_TOWNSHIPS; t++)
    {
      char *package = package_path (folder, t);
      GStatBuf st;
      if (g_stat (package, &st) == 0)
        bytes += st.st_size;
      g_ptr_array_add (add, package);
    }
  g_ptr_array_add (add, NULL);

  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  int status = run_measured ((char **)add->pdata, &usage);
  double seconds = (g_get_monotonic_time () - start) / 1e6;
  double mb = usage.ru_maxrss / 1024.0;
  double cpu = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
               + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("bench-city-packages: jindu county add failed (status %d)\n", status);
      return 1;
    }
  gboolean met = seconds <= TARGET_SECONDS && mb < TARGET_MB;
  g_print ("county add: %d township packages of the city demo (%.0f MB of packages) in %.1f s "
           "(%.1f s of processor time), peak memory %.1f MB; targets ≤ %d s and < %d MB: %s\n",
           N_TOWNSHIPS, bytes / 1e6, seconds, cpu, mb, TARGET_SECONDS, TARGET_MB,
           met ? "met" : "NOT met");
  return met ? 0 : 1;
}
