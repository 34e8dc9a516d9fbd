/* jd-county-figures.c: a county's indicators, readiness and work due
 * (docs/contract.md §9)
 *
 * The township engines' own run on each township's snapshot: indicators
 * summed from their counts, numerators and denominators (never averaged from
 * ratios), readiness and work due listed with each row's township.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jd-county.h"
#include "jd-dashboard.h"
#include "jd-error.h"
#include "jd-readiness.h"
#include "jd-work-due.h"

/* ---- indicators ---------------------------------------------------------------- */

typedef struct
{
  JdCounty *county;
  const JdCountyTownship *township;
  int first, last;
  JdDay as_of;
  JdIndicators *result;
  GError *error;
} IndicatorsTask;

static void
compute_township (gpointer data, gpointer user_data)
{
  IndicatorsTask *task = data;
  g_autoptr (JdLedger) ledger
      = jd_county_open_township (task->county, task->township, &task->error);
  if (ledger)
    task->result
        = jd_indicators_compute (ledger, task->first, task->last, task->as_of, &task->error);
}

/* Each township's indicators (parts[i] for townships[i]), computed on a
 * connection of its own, as many at once as there are processors: the
 * townships share nothing. */
static gboolean
compute_parts (JdCounty *self,
               const char *township,
               int first_year,
               int last_year,
               JdDay as_of,
               GCancellable *cancellable,
               GPtrArray **townships,
               GPtrArray **parts_out,
               GError **error)
{
  if (first_year > last_year)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("%d–%d is not a range of years"),
                   first_year, last_year);
      return FALSE;
    }
  g_autoptr (GPtrArray) list = jd_county_townships (self, township, error);
  if (list == NULL)
    return FALSE;

  guint n = list->len;
  g_autofree IndicatorsTask *tasks = g_new0 (IndicatorsTask, n);
  GThreadPool *pool = g_thread_pool_new (compute_township, NULL,
                                         CLAMP (g_get_num_processors (), 1, 8), FALSE, NULL);
  for (guint i = 0; i < n; i++)
    {
      tasks[i]
          = (IndicatorsTask){ self, g_ptr_array_index (list, i), first_year, last_year, as_of, NULL,
                              NULL };
      if (!g_cancellable_is_cancelled (cancellable))
        g_thread_pool_push (pool, &tasks[i], NULL);
    }
  g_thread_pool_free (pool, FALSE, TRUE);

  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_object_unref);
  GError *first_error = NULL;
  for (guint i = 0; i < n; i++)
    {
      if (tasks[i].result)
        g_ptr_array_add (parts, tasks[i].result);
      if (tasks[i].error && first_error == NULL)
        first_error = g_steal_pointer (&tasks[i].error);
      g_clear_error (&tasks[i].error);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_clear_error (&first_error);
      return FALSE;
    }
  if (first_error)
    {
      g_propagate_error (error, first_error);
      return FALSE;
    }
  g_assert (parts->len == n);
  *parts_out = g_steal_pointer (&parts);
  *townships = g_steal_pointer (&list);
  return TRUE;
}

/* The parts summed; a county with no package yet still has its last year's D. */
static JdIndicators *
sum_parts (GPtrArray *parts, int first_year, int last_year, JdDay as_of)
{
  JdIndicators *sum = jd_indicators_new_sum ((JdIndicators *const *)parts->pdata, parts->len,
                                             first_year, last_year);
  if (parts->len == 0 && as_of)
    ((JdIndicatorValues *)jd_indicators_get_township (sum, sum ? last_year - first_year : 0))->as_of
        = as_of;
  return sum;
}

JdIndicators *
jd_county_indicators (JdCounty *self,
                      const char *township,
                      int first_year,
                      int last_year,
                      JdDay as_of,
                      JdProgressFunc progress,
                      gpointer user_data,
                      GCancellable *cancellable,
                      GError **error)
{
  g_return_val_if_fail (JD_IS_COUNTY (self), NULL);
  g_autoptr (GPtrArray) townships = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  if (!compute_parts (self, township, first_year, last_year, as_of, cancellable, &townships, &parts,
                      error))
    return NULL;
  if (progress)
    progress (1.0, user_data);
  return sum_parts (parts, first_year, last_year, as_of);
}

void
jd_county_dashboard_free (JdCountyDashboard *dashboard)
{
  if (dashboard == NULL)
    return;
  jd_dashboard_free (dashboard->county);
  g_clear_pointer (&dashboard->townships, g_ptr_array_unref);
  g_clear_pointer (&dashboard->names, g_ptr_array_unref);
  g_free (dashboard);
}

JdCountyDashboard *
jd_county_dashboard_compute (
    JdCounty *self, int year, guint n_years, JdDay as_of, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (JD_IS_COUNTY (self), NULL);
  g_return_val_if_fail (n_years >= 2, NULL);
  int first_year = year - (int)n_years + 1;
  g_autoptr (GPtrArray) townships = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  if (!compute_parts (self, NULL, first_year, year, as_of, cancellable, &townships, &parts, error))
    return NULL;
  JdCountyDashboard *dashboard = g_new0 (JdCountyDashboard, 1);
  /* The county keeps no targets of its own: the defaults of docs/contract.md §4. */
  dashboard->county
      = jd_dashboard_new_judged (sum_parts (parts, first_year, year, as_of), year, NULL);
  dashboard->townships = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_dashboard_free);
  dashboard->names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < parts->len; i++)
    {
      const JdCountyTownship *t = g_ptr_array_index (townships, i);
      g_ptr_array_add (
          dashboard->townships,
          jd_dashboard_new_judged (g_object_ref (g_ptr_array_index (parts, i)), year, NULL));
      g_ptr_array_add (dashboard->names, g_strdup (t->name));
    }
  return dashboard;
}

/* ---- readiness and work due ---------------------------------------------------- */

typedef struct
{
  int year;
  JdDay as_of;
  const JdWorkDueOptions *options;
  GPtrArray *results;
  GPtrArray *townships;
} ListJob;

static gboolean
readiness_township_cb (const JdCountyTownship *township,
                       JdLedger *ledger,
                       gpointer user_data,
                       GError **error)
{
  ListJob *job = user_data;
  g_autoptr (GPtrArray) villages = jd_readiness_compute (ledger, job->year, job->as_of, 0, error);
  if (villages == NULL)
    return FALSE;
  g_ptr_array_set_free_func (villages, NULL);
  for (guint v = 0; v < villages->len; v++)
    {
      g_ptr_array_add (job->results, g_ptr_array_index (villages, v));
      g_ptr_array_add (job->townships, g_strdup (township->name));
    }
  return TRUE;
}

GPtrArray *
jd_county_readiness (JdCounty *self,
                     const char *township,
                     int year,
                     JdDay as_of,
                     GPtrArray **townships,
                     GCancellable *cancellable,
                     GError **error)
{
  g_return_val_if_fail (JD_IS_COUNTY (self), NULL);
  g_autoptr (GPtrArray) results
      = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_village_readiness_free);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  ListJob job = { .year = year, .as_of = as_of, .results = results, .townships = names };
  if (!jd_county_foreach (self, township, readiness_township_cb, &job, cancellable, error))
    return NULL;
  if (townships)
    *townships = g_steal_pointer (&names);
  return g_steal_pointer (&results);
}

typedef struct
{
  JdWorkItem *item;
  char *township;
} CountyItem;

static gboolean
work_due_township_cb (const JdCountyTownship *township,
                      JdLedger *ledger,
                      gpointer user_data,
                      GError **error)
{
  ListJob *job = user_data;
  g_autoptr (GPtrArray) items = jd_work_due_list (ledger, job->options, error);
  if (items == NULL)
    return FALSE;
  g_ptr_array_set_free_func (items, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      CountyItem *pair = g_new (CountyItem, 1);
      pair->item = g_ptr_array_index (items, i);
      pair->township = g_strdup (township->name);
      g_ptr_array_add (job->results, pair);
    }
  return TRUE;
}

static int
compare_items (gconstpointer a, gconstpointer b)
{
  const CountyItem *x = *(CountyItem *const *)a, *y = *(CountyItem *const *)b;
  if (x->item->overdue_days != y->item->overdue_days)
    return x->item->overdue_days > y->item->overdue_days ? -1 : 1;
  if (x->item->due_on != y->item->due_on)
    return x->item->due_on < y->item->due_on ? -1 : 1;
  return 0;
}

static void
county_item_free (CountyItem *pair)
{
  if (pair->item)
    jd_work_item_free (pair->item);
  g_free (pair->township);
  g_free (pair);
}

GPtrArray *
jd_county_work_due (JdCounty *self,
                    const char *township,
                    const JdWorkDueOptions *options,
                    GPtrArray **townships,
                    GCancellable *cancellable,
                    GError **error)
{
  g_return_val_if_fail (JD_IS_COUNTY (self), NULL);
  g_autoptr (GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify)county_item_free);
  ListJob job = { .options = options, .results = pairs };
  if (!jd_county_foreach (self, township, work_due_township_cb, &job, cancellable, error))
    return NULL;
  /* Most overdue first across the county; g_ptr_array_sort is stable, so
   * each township's own order stays within a tie. */
  g_ptr_array_sort (pairs, compare_items);
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_work_item_free);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < pairs->len; i++)
    {
      CountyItem *pair = g_ptr_array_index (pairs, i);
      g_ptr_array_add (items, g_steal_pointer (&pair->item));
      g_ptr_array_add (names, g_steal_pointer (&pair->township));
    }
  if (townships)
    *townships = names;
  else
    g_ptr_array_unref (names);
  return items;
}
