/* bench-work-due.c: the work-due query on a city-scale ledger
 *
 * Builds (once; the file is kept) a ledger of docs/contract.md §1's city scale through
 * jd-store.h: 300 villages, 100,000 persons, about 2,000,000 follow-ups, of
 * whom about 8,000 are under community measures on 2024-06-15 and about 40,000
 * more were in the past; then times jd_work_due_list () and
 * jd_work_due_list_person () on it.
 *
 *   cc -O2 -o bench-work-due tests/bench/bench-work-due.c -Isrc/core -I_build-todo \
 *      _build-todo/src/libjd-core.a $(pkg-config --cflags --libs gio-2.0 sqlite3) -lm
 *   ./bench-work-due /tmp/city.db
 */
#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "jd-date.h"
#include "jd-id-number.h"
#include "jd-ledger-private.h"
#include "jd-store.h"
#include "jd-work-due.h"

#define N_VILLAGES 300
#define N_PERSONS 100000

static void
check (JdStoreResult result, GError **error)
{
  if (result == JD_STORE_FAILED)
    g_error ("%s", (*error)->message);
}

static void
followups (JdLedger *ledger, GRand *rand, gint64 person, JdDay from, JdDay to, int *count)
{
  /* About one talk and one urine test every 50 days, a visit every 25 (some missed). */
  static const struct
  {
    const char *kind;
    int every;
  } kinds[] = { { "talk", 50 }, { "urine_test", 50 }, { "home_visit", 25 } };
  GError *error = NULL;
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (JdDay day = from + g_rand_int_range (rand, 0, kinds[k].every); day <= to;
         day += kinds[k].every + g_rand_int_range (rand, -10, 25))
      {
        const char *result = NULL;
        if (g_str_equal (kinds[k].kind, "urine_test"))
          {
            int r = g_rand_int_range (rand, 0, 100);
            result = r < 90 ? "negative" : r < 97 ? "positive" : "refused";
          }
        JdFollowupRecord f
            = { .person_id = person, .kind = kinds[k].kind, .occurred_on = day, .result = result };
        check (jd_store_followup (ledger, &f, &error), &error);
        (*count)++;
      }
}

static void
build (const char *path)
{
  GError *error = NULL;
  JdLedger *ledger = jd_ledger_create (path, "城区", "某市", &error);
  if (ledger == NULL)
    g_error ("%s", error->message);
  GRand *rand = g_rand_new_with_seed (42);
  JdDay today = jd_today ();
  gint64 villages[N_VILLAGES];
  int n_followups = 0, n_current = 0, n_past = 0;

  jd_ledger_begin (ledger, &error);
  for (int v = 0; v < N_VILLAGES; v++)
    {
      g_autofree char *code = g_strdup_printf ("V%03d", v + 1);
      g_autofree char *name = g_strdup_printf ("第%d村", v + 1);
      JdVillageRecord r = { .code = code, .name = name, .resident_population = 8000 };
      check (jd_store_village (ledger, &r, &villages[v], &error), &error);
    }

  JdDay birth0 = jd_day_new (1960, 1, 1);
  for (int i = 0; i < N_PERSONS; i++)
    {
      JdDay birth = birth0 + i % 14000;
      char first17[18];
      g_snprintf (first17, sizeof first17, "110105%04d%02d%02d%03d", jd_day_year (birth),
                  jd_day_month (birth), jd_day_mday (birth), i / 14000 + 1);
      char id_number[19];
      g_snprintf (id_number, sizeof id_number, "%s%c", first17, jd_id_number_check_digit (first17));
      g_autofree char *name = g_strdup_printf ("某%d", i);
      JdDay found = today - g_rand_int_range (rand, 60, 3650);
      JdPersonRecord p = { .id_number = id_number,
                           .name = name,
                           .village_id = villages[g_rand_int_range (rand, 0, N_VILLAGES)],
                           .first_found_on = found };
      gint64 person;
      check (jd_store_person (ledger, &p, &person, &error), &error);

      int r = g_rand_int_range (rand, 0, 100);
      JdStatusRecord s = { .person_id = person };
      if (r < 48)
        {
          /* A community measure: current for 8 in 100 (started within the last three
           * years), ended in the past for the others. */
          gboolean current = r < 8;
          JdDay start = found;
          if (current)
            {
              JdDay recent = today - g_rand_int_range (rand, 30, 1095);
              start = MAX (found, recent);
            }
          s.status = r % 2 ? "community_detox" : "community_rehab";
          s.started_on = start;
          s.planned_end_on = jd_day_add_years (start, 3);
          check (jd_store_status (ledger, &s, &error), &error);
          JdDay end = today;
          if (!current)
            {
              JdDay planned = start + g_rand_int_range (rand, 60, 1100);
              end = MIN (today - 1, planned);
              JdStatusRecord next = { .person_id = person,
                                      .status = g_rand_boolean (rand) ? "at_large" : "custody",
                                      .started_on = end + 1 };
              check (jd_store_status (ledger, &next, &error), &error);
              n_past++;
            }
          else
            n_current++;
          followups (ledger, rand, person, start, end, &n_followups);
          if (g_rand_int_range (rand, 0, 100) < 85)
            {
              JdHelpMemberRecord m = { .person_id = person,
                                       .member_name = "家属",
                                       .role = "family",
                                       .since = start,
                                       .until = current ? 0 : end };
              check (jd_store_help_member (ledger, &m, &error), &error);
            }
          if (g_rand_int_range (rand, 0, 100) < 90)
            {
              JdAgreementRecord a = { .person_id = person, .signed_on = start + 3 };
              if (a.signed_on <= today)
                check (jd_store_agreement (ledger, &a, &error), &error);
            }
        }
      else
        {
          s.status = r < 70 ? "at_large" : r < 85 ? "custody" : r < 95 ? "compulsory" : "missing";
          s.started_on = found;
          check (jd_store_status (ledger, &s, &error), &error);
          /* A few follow-ups for the others too. */
          for (int k = g_rand_int_range (rand, 0, 3); k > 0; k--)
            {
              JdFollowupRecord f = { .person_id = person,
                                     .kind = "assistance",
                                     .occurred_on = today - g_rand_int_range (rand, 0, 3000) };
              if (f.occurred_on >= found)
                {
                  check (jd_store_followup (ledger, &f, &error), &error);
                  n_followups++;
                }
            }
        }
      if (i % 10000 == 9999)
        {
          if (!jd_ledger_commit (ledger, &error) || !jd_ledger_begin (ledger, &error))
            g_error ("%s", error->message);
          g_printerr ("%d persons, %d follow-ups\n", i + 1, n_followups);
        }
    }
  if (!jd_ledger_commit (ledger, &error))
    g_error ("%s", error->message);
  g_printerr ("built: %d persons, %d under community measures today, %d in the past, "
              "%d follow-ups\n",
              N_PERSONS, n_current, n_past, n_followups);
  g_rand_free (rand);
  g_object_unref (ledger);
}

/* This thread's CPU time: what the query costs when the machine is not busy with others. */
static double
cpu_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void
time_lists (JdLedger *ledger)
{
  GError *error = NULL;
  JdWorkDueOptions options;
  jd_work_due_options_init (&options);
  for (int schedule = 0; schedule < 2; schedule++)
    {
      options.urine_schedule = schedule;
      double times[10], cpu[10];
      guint n = 0;
      JdWorkCount counts[JD_N_WORK_KINDS];
      for (int run = 0; run < 10; run++)
        {
          gint64 start = g_get_monotonic_time ();
          double cpu_start = cpu_ms ();
          GPtrArray *items = jd_work_due_list (ledger, &options, &error);
          double ms = (g_get_monotonic_time () - start) / 1e3;
          cpu[run] = cpu_ms () - cpu_start;
          if (items == NULL)
            g_error ("%s", error->message);
          times[run] = ms;
          n = items->len;
          jd_work_due_tally (items, counts);
          g_ptr_array_unref (items);
        }
      double first = times[0];
      qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);
      qsort (cpu, G_N_ELEMENTS (cpu), sizeof (double), compare_doubles);
      g_print ("%s schedule: %u items; first run %.1f ms, then best %.1f, median %.1f ms "
               "(CPU time: best %.1f, median %.1f ms)\n",
               schedule ? "statutory" : "interval", n, first, times[0], times[5], cpu[0], cpu[5]);
      for (JdWorkKind k = 0; k < JD_N_WORK_KINDS; k++)
        g_print ("  %-15s overdue %6u  due soon %5u\n", jd_work_kind_key (k), counts[k].overdue,
                 counts[k].due_soon);
    }
}

int
main (int argc, char **argv)
{
  GError *error = NULL;
  if (argc != 2)
    {
      g_printerr ("usage: %s LEDGER.db (built on first use)\n", argv[0]);
      return 1;
    }
  jd_set_today (jd_day_new (2024, 6, 15));
  if (!g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      gint64 start = g_get_monotonic_time ();
      build (argv[1]);
      g_printerr ("build time: %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
    }

  JdLedger *ledger = jd_ledger_open (argv[1], &error);
  if (ledger == NULL)
    g_error ("%s", error->message);

  /* A second pass with the pages memory-mapped, as a tuned connection would. */
  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 1 && !jd_ledger_exec (ledger, "PRAGMA mmap_size = 1073741824", &error))
        g_error ("%s", error->message);
      g_print ("%s\n", pass ? "with PRAGMA mmap_size = 1 GiB:" : "as jd_ledger_open () leaves it:");
      time_lists (ledger);
    }

  /* One person after a follow-up: the first under community measures. */
  JdWorkDueOptions options;
  jd_work_due_options_init (&options);
  GPtrArray *all = jd_work_due_list (ledger, &options, &error);
  gint64 person = all->len ? ((JdWorkItem *)g_ptr_array_index (all, 0))->person_id : 1;
  g_ptr_array_unref (all);
  gint64 start = g_get_monotonic_time ();
  for (int run = 0; run < 1000; run++)
    {
      GPtrArray *items = jd_work_due_list_person (ledger, person, &options, &error);
      if (items == NULL)
        g_error ("%s", error->message);
      g_ptr_array_unref (items);
    }
  g_print ("one person: %.3f ms a query\n", (g_get_monotonic_time () - start) / 1e6);
  g_object_unref (ledger);
  return 0;
}
