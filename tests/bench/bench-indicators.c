/* bench-indicators.c: the indicators on a city-scale ledger (docs/contract.md §1, §4)
 *
 *   bench-indicators LEDGER ten-years|one-year|this-year
 *
 * LEDGER is made on the first run with the city-scale demo (300 villages,
 * 100,000 persons, about 2,000,000 follow-ups over ten years ending on
 * 2025-06-30, seed 1) and kept, so later runs only measure. Each run computes
 * once to warm the caches, then times nine computations and prints the
 * fastest, the median and the slowest against the target: a ten-year trend
 * under 200 ms, one year under 50 ms.
 */
#include <glib/gstdio.h>
#include <stdlib.h>

#include "jd-date.h"
#include "jd-demo.h"
#include "jd-indicators.h"

#define RUNS 9

static void
progress_cb (double fraction, gpointer user_data)
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
  if (ledger == NULL || !jd_demo_fill (ledger, JD_DEMO_CITY, 1, progress_cb, &last, NULL, error))
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

static int
compare_times (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  if (argc != 3)
    {
      g_printerr ("usage: %s LEDGER ten-years|one-year|this-year\n", argv[0]);
      return 2;
    }
  jd_set_today (jd_day_new (2025, 6, 30));

  int first, last, target_ms;
  JdDay as_of = 0;
  if (g_str_equal (argv[2], "ten-years"))
    first = 2016, last = 2025, as_of = jd_today (), target_ms = 200;
  else if (g_str_equal (argv[2], "one-year"))
    first = last = 2024, target_ms = 50;
  else if (g_str_equal (argv[2], "this-year"))
    first = last = 2025, as_of = jd_today (), target_ms = 50;
  else
    {
      g_printerr ("unknown measurement %s\n", argv[2]);
      return 2;
    }

  g_autoptr (JdLedger) ledger = open_or_make (argv[1], &error);
  if (ledger == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%s: %" G_GINT64_FORMAT " persons, %" G_GINT64_FORMAT " follow-ups, %u processors\n",
           argv[1], jd_ledger_count (ledger, "person"), jd_ledger_count (ledger, "followup"),
           g_get_num_processors ());

  double times[RUNS];
  for (int run = -1; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr (JdIndicators) indicators
          = jd_indicators_compute (ledger, first, last, as_of, &error);
      double ms = (g_get_monotonic_time () - start) / 1000.0;
      if (indicators == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (run >= 0)
        times[run] = ms;
      else
        {
          const JdIndicatorValues *v
              = jd_indicators_get_township (indicators, jd_indicators_get_n_years (indicators) - 1);
          g_print ("%d as of %d-%02d-%02d: %" G_GINT64_FORMAT " registered, %" G_GINT64_FORMAT
                   " current users, relapse rate %.3f, coverage %.3f\n",
                   v->year, jd_day_year (v->as_of), jd_day_month (v->as_of), jd_day_mday (v->as_of),
                   v->registered, v->current_users, v->relapse_rate, v->coverage);
        }
    }
  qsort (times, RUNS, sizeof times[0], compare_times);
  g_print ("%s (%d-%d): fastest %.1f ms, median %.1f ms, slowest %.1f ms; target %d ms: %s\n",
           argv[2], first, last, times[0], times[RUNS / 2], times[RUNS - 1], target_ms,
           times[RUNS / 2] < target_ms ? "met" : "NOT met");
  return 0;
}
