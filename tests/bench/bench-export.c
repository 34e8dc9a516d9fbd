/* bench-export.c: the inspection workbook of a city-scale ledger (docs/contract.md §1, §7)
 *
 *   bench-export LEDGER [--mask]
 *
 * LEDGER is the city-scale demo ledger that bench-indicators makes and keeps
 * (300 villages, 100,000 persons, about 2,000,000 follow-ups over ten years
 * ending on 2025-06-30, seed 1); this makes it the same way when it is missing.
 * Times jd_workbook_export () of 2024 (a complete year), then each sheet on its
 * own, and prints the rows, the seconds, the file's size and the process's peak
 * memory: constant-memory writing keeps that flat whatever the number of rows.
 */
#include <glib/gstdio.h>
#include <sys/resource.h>

#include "jd-date.h"
#include "jd-demo.h"
#include "jd-registers.h"

#define YEAR 2024

static void
progress_cb (double fraction, gpointer user_data)
{
  static int shown = -1;
  int tenth = (int)(fraction * 10);
  if (tenth != shown)
    g_print ("  %3.0f%% after %5.1f s\n", fraction * 100, g_timer_elapsed (user_data, NULL));
  shown = tenth;
}

static void
demo_progress_cb (double fraction, gpointer user_data)
{
  int *last = user_data;
  int percent = (int)(fraction * 100);
  if (percent / 10 != *last / 10)
    g_printerr ("  %d%%\n", percent);
  *last = percent;
}

static JdLedger *
open_or_make (const char *path, GError **error)
{
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return jd_ledger_open (path, error);

  g_printerr ("Making the city-scale demo ledger %s (once; a few minutes)…\n", path);
  g_autofree char *partial = g_strconcat (path, ".making", NULL);
  g_unlink (partial);
  g_autoptr (JdLedger) ledger = jd_ledger_create (partial, "演示市", NULL, error);
  int last = -1;
  if (ledger == NULL
      || !jd_demo_fill (ledger, JD_DEMO_CITY, 1, demo_progress_cb, &last, NULL, error))
    return NULL;
  g_clear_object (&ledger);
  const char *const suffixes[] = { "-wal", "-shm" };
  for (guint k = 0; k < G_N_ELEMENTS (suffixes); k++)
    {
      g_autofree char *file = g_strconcat (partial, suffixes[k], NULL);
      g_unlink (file);
    }
  if (g_rename (partial, path) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot rename %s", partial);
      return NULL;
    }
  return jd_ledger_open (path, error);
}

static long
peak_mib (void)
{
  struct rusage usage;
  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  if (argc < 2 || argc > 3 || (argc == 3 && !g_str_equal (argv[2], "--mask")))
    {
      g_printerr ("usage: %s LEDGER [--mask]\n", argv[0]);
      return 2;
    }
  jd_set_today (jd_day_new (2025, 6, 30));
  gboolean mask = argc == 3;
  g_autoptr (JdLedger) ledger = open_or_make (argv[1], &error);
  if (ledger == NULL)
    g_error ("%s", error->message);

  g_autofree char *dir = g_dir_make_tmp ("bench-export-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  g_autofree char *path = g_build_filename (dir, "workbook.xlsx", NULL);

  /* The whole workbook, as `jindu export` writes it. */
  g_autoptr (GTimer) timer = g_timer_new ();
  JdExportOptions options = { .path = path, .force = TRUE, .year = YEAR, .mask = mask };
  g_print ("%s, %d%s:\n", argv[1], YEAR, mask ? ", masked" : "");
  if (!jd_workbook_export (ledger, &options, progress_cb, timer, NULL, &error))
    g_error ("%s", error->message);
  GStatBuf st;
  g_stat (path, &st);
  g_print ("workbook: %.1f s, %.1f MB, peak memory %ld MiB\n", g_timer_elapsed (timer, NULL),
           st.st_size / 1e6, peak_mib ());
  g_unlink (path);

  /* Each sheet alone (so each counts its rows and reads the ledger cold). */
  for (JdRegister r = 0; r < JD_N_REGISTERS; r++)
    {
      JdRegisterQuery query = { .year = YEAR, .mask = mask };
      g_timer_start (timer);
      /* In a snapshot, as the export counts (outside one the indicator engine
       * reads the ledger through memory maps in threads of its own, which the
       * peak memory would count). */
      gint64 rows = -1;
      if (jd_register_begin_snapshot (ledger, &error))
        {
          rows = jd_register_count (ledger, r, &query, &error);
          jd_register_end_snapshot (ledger);
        }
      double counted = g_timer_elapsed (timer, NULL);
      JdExportOptions just = {
        .path = path, .force = TRUE, .year = YEAR, .mask = mask, .registers = &r, .n_registers = 1
      };
      if (rows < 0 || !jd_workbook_export (ledger, &just, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      g_print ("  %-12s %8" G_GINT64_FORMAT " rows  %5.1f s (counting %.1f s) %ld MiB\n",
               jd_register_info (r)->key, rows, g_timer_elapsed (timer, NULL), counted,
               peak_mib ());
      g_unlink (path);
    }
  g_rmdir (dir);
  g_print ("peak memory %ld MiB\n", peak_mib ());
  return 0;
}
