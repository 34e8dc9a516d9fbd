/* jd-indicators.c: the indicators of docs/contract.md §4, township-wide and per village
 *
 * Every requested year and every village is computed in one pass over the
 * ledger, so a ten-year trend costs little more than one year. The person-level
 * facts (status at D, last use, relapses, help and urine tests) come from a
 * merge of SQL streams that are all ordered by person through covering indexes
 * (see data/sql/0001-schema.sql): SQLite walks each index once, only over the
 * years asked for, and only the rows of the person at hand are in memory at
 * any time. Spans "at large" are not read (a person with no span is at large
 * just the same); spans and urine tests are read from indexes led by a year,
 * one stream per year, so that past years cost nothing; help groups and
 * agreements are looked up only for persons under community measures on a D. The
 * villages' facts (population, title, activities) come from small queries.
 *
 * A large ledger's persons are split by id into parts counted in parallel on
 * read-only connections that stay open with the ledger (see "parts" below).
 *
 * Dates travel as yyyymmdd integers inside the pass: they order like the
 * calendar, and adding N years keeps month and day (Feb 29 becomes Feb 28 in a
 * common year) exactly as jd_day_add_years () and the SQL jd_add_years () do;
 * the tests hold the engine to a literal SQL reading of §4 that uses the latter. */
#include "config.h"

#include "jd-indicators.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-ledger-private.h"
#include "jd-title.h"

#define OPEN_END 99991231 /* an open span ends "never" */

/* ---- the keys of §4 --------------------------------------------------------- */

#define COUNT(key, label, zh)                                                                      \
  {                                                                                                \
#key, label, zh, JD_INDICATOR_COUNT, G_STRUCT_OFFSET(JdIndicatorValues, key)                   \
  }
#define RATIO(key, label, zh)                                                                      \
  {                                                                                                \
#key, label, zh, JD_INDICATOR_RATIO, G_STRUCT_OFFSET(JdIndicatorValues, key)                   \
  }

static const JdIndicatorInfo infos[] = {
  COUNT (registered, N_ ("Registered users"), "累计登记在册吸毒人员"),
  COUNT (exited, N_ ("Exited (deceased, emigrated, moved out)"), "死亡、出境、户籍迁出人员"),
  COUNT (abstinent_1y, N_ ("Abstinent one year or more"), "戒断一年以上人员"),
  COUNT (abstinent_3y, N_ ("Abstinent three years or more"), "戒断三年以上人员"),
  COUNT (long_custody, N_ ("In custody for three years or more"), "服刑三年以上人员"),
  COUNT (long_missing, N_ ("Missing for four years or more"), "下落不明四年以上人员"),
  COUNT (current_users, N_ ("Current users"), "现有吸毒人员"),
  { "status_counts", N_ ("By status"), "按状态", JD_INDICATOR_STATUS_COUNTS,
    G_STRUCT_OFFSET (JdIndicatorValues, status_counts) },
  COUNT (new_users, N_ ("New users"), "新滋生吸毒人员"),
  COUNT (population, N_ ("Resident population"), "常住人口"),
  { "new_per_10k", N_ ("New users per 10,000 residents"), "每万人新滋生吸毒人员",
    JD_INDICATOR_PER_10K, G_STRUCT_OFFSET (JdIndicatorValues, new_per_10k) },
  COUNT (relapse_persons, N_ ("Persons who relapsed"), "复吸人员"),
  COUNT (relapse_base, N_ ("Relapse base"), "复吸率基数"),
  RATIO (relapse_rate, N_ ("Relapse rate"), "复吸率"),
  COUNT (community_persons, N_ ("Under community measures"), "社区戒毒社区康复人员"),
  COUNT (urine_tested, N_ ("Of those, urine-tested"), "其中已尿检人员"),
  RATIO (urine_test_rate, N_ ("Urine-test rate"), "尿检率"),
  COUNT (help_required, N_ ("Requiring help"), "应帮教人员"),
  COUNT (help_covered, N_ ("Of those, helped"), "其中已落实帮教人员"),
  RATIO (help_rate, N_ ("Help rate"), "帮教率"),
  COUNT (villages_total, N_ ("Villages and communities"), "村(社区)数"),
  COUNT (villages_titled, N_ ("Of those, drug-free"), "其中无毒村(社区)数"),
  RATIO (coverage, N_ ("Drug-free coverage"), "无毒村居覆盖率"),
  COUNT (urine_tests_required, N_ ("Urine tests required"), "应尿检次数"),
  COUNT (urine_tests_done, N_ ("Of those, done"), "其中已尿检次数"),
  RATIO (urine_count_rate, N_ ("Urine tests done of those due"), "尿检次数完成率"),
  COUNT (society_persons, N_ ("Users in society"), "社会面吸毒人员"),
  COUNT (society_tested, N_ ("Of those, urine-tested"), "社会面吸毒人员中已尿检人员"),
  RATIO (society_urine_rate, N_ ("Overall urine-test rate"), "总体尿检率"),
  COUNT (separated_persons, N_ ("Living away from their household village"), "人户分离人员"),
  COUNT (separated_found, N_ ("Of those, found"), "其中已查找发现人员"),
  RATIO (separated_found_rate, N_ ("Finding rate of those living away"), "人户分离人员查找发现率"),
  { "awareness", N_ ("Awareness"), "禁毒知识知晓率", JD_INDICATOR_AWARENESS,
    G_STRUCT_OFFSET (JdIndicatorValues, awareness_sampled) },
  COUNT (activities, N_ ("Publicity activities"), "禁毒宣传活动次数"),
  RATIO (publicity_rate, N_ ("Months with four activities"), "每月四次宣传活动达标率"),
};

#undef COUNT
#undef RATIO

const JdIndicatorInfo *
jd_indicator_infos (guint *n_infos)
{
  if (n_infos)
    *n_infos = G_N_ELEMENTS (infos);
  return infos;
}

const JdIndicatorInfo *
jd_indicator_find (const char *key)
{
  for (guint i = 0; key && i < G_N_ELEMENTS (infos); i++)
    if (g_str_equal (infos[i].key, key))
      return &infos[i];
  return NULL;
}

gint64
jd_indicator_values_count (const JdIndicatorValues *values, const JdIndicatorInfo *info)
{
  g_return_val_if_fail (info->kind == JD_INDICATOR_COUNT, 0);
  return G_STRUCT_MEMBER (gint64, values, info->offset);
}

double
jd_indicator_values_ratio (const JdIndicatorValues *values, const JdIndicatorInfo *info)
{
  g_return_val_if_fail (info->kind == JD_INDICATOR_RATIO || info->kind == JD_INDICATOR_PER_10K,
                        NAN);
  return G_STRUCT_MEMBER (double, values, info->offset);
}

const char *
jd_status_key (JdStatus status)
{
  guint n = 0;
  const JdEnumValue *values = jd_enum_values (JD_ENUM_STATUS, &n);
  g_return_val_if_fail (status < n, NULL);
  return values[status].key;
}

const char *
jd_survey_group_key (JdSurveyGroup group)
{
  guint n = 0;
  const JdEnumValue *values = jd_enum_values (JD_ENUM_SURVEY_GROUP, &n);
  g_return_val_if_fail (group < n, NULL);
  return values[group].key;
}

/* ---- days as yyyymmdd --------------------------------------------------------- */

static inline int
ymd_parse (const unsigned char *t)
{
  if (t == NULL || t[4] != '-' || t[7] != '-')
    return 0;
  return ((t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0')) * 10000
         + ((t[5] - '0') * 10 + (t[6] - '0')) * 100 + (t[8] - '0') * 10 + (t[9] - '0');
}

static inline gboolean
is_leap (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Keeps month and day; Feb 29 becomes Feb 28 in a common year (docs/contract.md §4). */
static inline int
ymd_add_years (int ymd, int years)
{
  int year = ymd / 10000 + years, md = ymd % 10000;
  if (md == 229 && !is_leap (year))
    md = 228;
  return year * 10000 + md;
}

static int
ymd_of_day (JdDay day)
{
  return jd_day_year (day) * 10000 + jd_day_month (day) * 100 + jd_day_mday (day);
}

static void
ymd_format (int ymd, char out[JD_DAY_STRLEN])
{
  g_snprintf (out, JD_DAY_STRLEN, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

/* The last day u with u + years ≤ day. Adding years never goes backwards, so
 * u + years ≤ day exactly when u is on or before it. */
static JdDay
last_day_before (JdDay day, int years)
{
  JdDay u = jd_day_add_years (day, -years);
  while (jd_day_add_years (u + 1, years) <= day)
    u++;
  while (jd_day_add_years (u, years) > day)
    u--;
  return u;
}

int
jd_complete_months (JdDay as_of)
{
  g_return_val_if_fail (as_of != 0, 0);
  int month = jd_day_month (as_of);
  /* The month of as_of is complete only on its last day. */
  return jd_day_month (as_of + 1) != month ? month : month - 1;
}

/* ---- the result object ----------------------------------------------------------- */

typedef struct
{
  gint64 id;
  char *code;
  char *name;
  gint64 population;
  int retired_on; /* yyyymmdd, 0 when not retired */
} Village;

struct _JdIndicators
{
  GObject parent_instance;

  int first_year;
  guint n_years;
  guint n_villages;
  Village *villages;
  GHashTable *slots;         /* &village.id → slot (1 + index) */
  JdIndicatorValues *values; /* [year][slot]: slot 0 is the township */
  GArray *current_users;     /* gint64: the persons current_users counts in the last year */
};

G_DEFINE_FINAL_TYPE (JdIndicators, jd_indicators, G_TYPE_OBJECT)

static void
jd_indicators_finalize (GObject *object)
{
  JdIndicators *self = JD_INDICATORS (object);

  for (guint v = 0; v < self->n_villages; v++)
    {
      g_free (self->villages[v].code);
      g_free (self->villages[v].name);
    }
  g_free (self->villages);
  g_clear_pointer (&self->slots, g_hash_table_unref);
  g_free (self->values);
  g_clear_pointer (&self->current_users, g_array_unref);

  G_OBJECT_CLASS (jd_indicators_parent_class)->finalize (object);
}

static void
jd_indicators_class_init (JdIndicatorsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jd_indicators_finalize;
}

static void
jd_indicators_init (JdIndicators *self)
{
}

static inline JdIndicatorValues *
values_at (JdIndicators *self, guint year, guint slot)
{
  return &self->values[year * (self->n_villages + 1) + slot];
}

guint
jd_indicators_get_n_years (JdIndicators *self)
{
  g_return_val_if_fail (JD_IS_INDICATORS (self), 0);
  return self->n_years;
}

int
jd_indicators_get_first_year (JdIndicators *self)
{
  g_return_val_if_fail (JD_IS_INDICATORS (self), 0);
  return self->first_year;
}

const JdIndicatorValues *
jd_indicators_get_township (JdIndicators *self, guint i)
{
  g_return_val_if_fail (JD_IS_INDICATORS (self), NULL);
  g_return_val_if_fail (i < self->n_years, NULL);
  return values_at (self, i, 0);
}

guint
jd_indicators_get_n_villages (JdIndicators *self)
{
  g_return_val_if_fail (JD_IS_INDICATORS (self), 0);
  return self->n_villages;
}

gint64
jd_indicators_get_village_id (JdIndicators *self, guint v)
{
  g_return_val_if_fail (JD_IS_INDICATORS (self), 0);
  g_return_val_if_fail (v < self->n_villages, 0);
  return self->villages[v].id;
}

const char *
jd_indicators_get_village_code (JdIndicators *self, guint v)
{
  g_return_val_if_fail (JD_IS_INDICATORS (self), NULL);
  g_return_val_if_fail (v < self->n_villages, NULL);
  return self->villages[v].code;
}

const char *
jd_indicators_get_village_name (JdIndicators *self, guint v)
{
  g_return_val_if_fail (JD_IS_INDICATORS (self), NULL);
  g_return_val_if_fail (v < self->n_villages, NULL);
  return self->villages[v].name;
}

const JdIndicatorValues *
jd_indicators_get_village (JdIndicators *self, guint i, guint v)
{
  g_return_val_if_fail (JD_IS_INDICATORS (self), NULL);
  g_return_val_if_fail (i < self->n_years && v < self->n_villages, NULL);
  return values_at (self, i, v + 1);
}

const JdIndicatorValues *
jd_indicators_find_village (JdIndicators *self, guint i, gint64 village_id)
{
  g_return_val_if_fail (JD_IS_INDICATORS (self), NULL);
  g_return_val_if_fail (i < self->n_years, NULL);
  gpointer slot = g_hash_table_lookup (self->slots, &village_id);
  return slot ? values_at (self, i, GPOINTER_TO_UINT (slot)) : NULL;
}

const gint64 *
jd_indicators_get_current_users (JdIndicators *self, gsize *n_persons)
{
  g_return_val_if_fail (JD_IS_INDICATORS (self), NULL);
  g_return_val_if_fail (n_persons != NULL, NULL);
  *n_persons = self->current_users->len;
  return (const gint64 *)(gpointer)self->current_users->data;
}

/* ---- the computation ----------------------------------------------------------------- */

/* A person's household village, when it is one of the township's. */
typedef struct
{
  gint64 person;
  gint64 village;
} Household;

/* The household villages of every person, read once and kept with the ledger
 * while its data stays the same: the person table is ten times the size of the
 * index the persons' pass walks, and only the 人户分离 counts need it. Every
 * change adds to the audit log (its triggers), so the last audit row a
 * committed snapshot sees tells whether the list is still the ledger's. */
#define HOUSEHOLDS_KEY "jd-indicators-households"

typedef struct
{
  gint64 audit;  /* the last audit row when read; -1: read inside a caller's transaction */
  GArray *pairs; /* Household, by person */
} Households;

static GMutex households_lock;

static void
households_clear (gpointer data)
{
  g_array_unref (((Households *)data)->pairs);
}

static void
households_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, households_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Households, households_release)

/* What the persons add to one village in one year: small, so that all the
 * villages' years stay in the processor's cache while the persons go by. */
typedef struct
{
  gint32 registered, exited, abstinent_1y, abstinent_3y, long_custody, long_missing, current_users,
      status_counts[JD_N_STATUSES], new_users, relapse_persons, relapse_base, community_persons,
      urine_tested, help_required, help_covered, urine_tests_required, urine_tests_done,
      society_persons, society_tested, separated_persons, separated_found;
} Counts;

/* One person's marks per year: relapsed, under community measures, tested
 * under them, tested at all. */
#define N_MARKS 4

typedef struct
{
  JdIndicators *self;
  JdLedger *ledger;
  guint n; /* years */
  int *p0; /* [year] the period's first day, yyyymmdd */
  int *d;  /* [year] D */
  /* [year] The last day u with u + N years ≤ D, for N = 1, 3 and 4: a use or a
   * start on or before it is that many years old on D. */
  int *before_1y, *before_3y, *before_4y;
  char from[JD_DAY_STRLEN];       /* the first period's first day */
  char to[JD_DAY_STRLEN];         /* the last D */
  char uses_after[JD_DAY_STRLEN]; /* older use dates cannot matter */
  guint8 *marks;                  /* [N_MARKS][year]: one person's relapses, measures, tests */
  Counts *counts;                 /* [village][year] the persons are added into */
  GArray *current_users;          /* gint64: who current_users counts in the last year, by id */
  gboolean own_transaction;       /* the pass holds the read transaction it began */
  int last_end_year;              /* the last year a span (not at large) ended in */
  const Household *households;    /* the persons' household villages, by person */
  guint n_households;
} Pass;

static inline guint
slot_of (Pass *pass, gint64 village_id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (pass->self->slots, &village_id));
}

static gboolean
step_failed (Pass *pass, sqlite3_stmt *stmt, int rc, GError **error)
{
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return FALSE;
  jd_ledger_set_error (pass->ledger, error);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Binds :from, :to and :uses_after where the statement has them. */
static void
bind_period (Pass *pass, sqlite3_stmt *stmt)
{
  const struct
  {
    const char *name;
    const char *value;
  } params[] = {
    { ":from", pass->from },
    { ":to", pass->to },
    { ":uses_after", pass->uses_after },
  };
  for (guint k = 0; k < G_N_ELEMENTS (params); k++)
    {
      int index = sqlite3_bind_parameter_index (stmt, params[k].name);
      if (index > 0)
        jd_bind_text (stmt, index, params[k].value);
    }
}

static gboolean
load_villages (Pass *pass, GError **error)
{
  JdIndicators *self = pass->self;
  sqlite3_stmt *stmt = jd_ledger_prepare (
      pass->ledger,
      "SELECT id, code, name, resident_population, retired_on FROM village ORDER BY code", error);
  if (stmt == NULL)
    return FALSE;
  g_autoptr (GArray) villages = g_array_new (FALSE, TRUE, sizeof (Village));
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Village v = {
        .id = sqlite3_column_int64 (stmt, 0),
        .code = jd_column_dup (stmt, 1),
        .name = jd_column_dup (stmt, 2),
        .population = sqlite3_column_int64 (stmt, 3),
        .retired_on = ymd_parse (sqlite3_column_text (stmt, 4)),
      };
      g_array_append_val (villages, v);
    }
  if (step_failed (pass, stmt, rc, error))
    {
      for (guint v = 0; v < villages->len; v++)
        {
          g_free (g_array_index (villages, Village, v).code);
          g_free (g_array_index (villages, Village, v).name);
        }
      return FALSE;
    }
  sqlite3_reset (stmt);

  self->n_villages = villages->len;
  self->villages = (Village *)g_array_free (g_steal_pointer (&villages), FALSE);
  self->slots = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint v = 0; v < self->n_villages; v++)
    g_hash_table_insert (self->slots, &self->villages[v].id, GUINT_TO_POINTER (v + 1));
  self->values = g_new0 (JdIndicatorValues, (gsize)self->n_years * (self->n_villages + 1));
  return TRUE;
}

/* The last year a span ended in, so that the pass reads the spans ended from
 * the first year on, year by year. */
static gboolean
read_last_end_year (Pass *pass, GError **error)
{
  sqlite3_stmt *stmt = jd_ledger_prepare (
      pass->ledger,
      "SELECT max(substr(ended_on, 1, 4)) FROM status_span INDEXED BY status_span_ended"
      " WHERE status <> 'at_large' AND ended_on IS NOT NULL",
      error);
  if (stmt == NULL)
    return FALSE;
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    pass->last_end_year = sqlite3_column_int (stmt, 0);
  if (step_failed (pass, stmt, rc, error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

/* Population and the number of villages: those not retired on D. */
static void
count_villages (Pass *pass)
{
  JdIndicators *self = pass->self;
  for (guint i = 0; i < pass->n; i++)
    for (guint v = 0; v < self->n_villages; v++)
      {
        const Village *village = &self->villages[v];
        if (village->retired_on != 0 && village->retired_on <= pass->d[i])
          continue;
        JdIndicatorValues *town = values_at (self, i, 0), *own = values_at (self, i, v + 1);
        town->population += village->population;
        own->population += village->population;
        town->villages_total++;
        own->villages_total++;
      }
}

/* Marks year i of a village that holds the title at its D. */
static void
record_title (Pass *pass, guint slot, guint i, const JdTitleState *state)
{
  JdIndicatorValues *own = values_at (pass->self, i, slot);
  if (jd_title_holds (state) && own->villages_total)
    {
      own->villages_titled++;
      values_at (pass->self, i, 0)->villages_titled++;
    }
}

/* Title at D: each village's events walked in date order (docs/contract.md §3). */
static gboolean
count_titles (Pass *pass, GError **error)
{
  sqlite3_stmt *stmt
      = jd_ledger_prepare (pass->ledger,
                           "SELECT village_id, event, occurred_on FROM title_event"
                           " WHERE occurred_on <= :to ORDER BY village_id, occurred_on, id",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_period (pass, stmt);

  gint64 village = 0;
  guint slot = 0, i = 0;
  JdTitleState state;
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 next = sqlite3_column_int64 (stmt, 0);
      const char *event = (const char *)sqlite3_column_text (stmt, 1);
      int day = ymd_parse (sqlite3_column_text (stmt, 2));
      if (slot == 0 || next != village)
        {
          for (; slot != 0 && i < pass->n; i++)
            record_title (pass, slot, i, &state);
          village = next;
          slot = slot_of (pass, village);
          i = 0;
          jd_title_state_init (&state);
        }
      /* The years whose D comes before this event have the state before it. */
      for (; i < pass->n && pass->d[i] < day; i++)
        record_title (pass, slot, i, &state);
      /* The store refuses impossible steps; one that slipped in is passed over. */
      if (!jd_title_apply (&state, event, jd_day_new (day / 10000, day / 100 % 100, day % 100),
                           NULL))
        g_debug ("Title event %s on %d of village %" G_GINT64_FORMAT " is not possible", event, day,
                 village);
    }
  for (; slot != 0 && i < pass->n; i++)
    record_title (pass, slot, i, &state);
  if (step_failed (pass, stmt, rc, error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

/* Activities, and the (village, complete month) pairs with four or more. */
static gboolean
count_activities (Pass *pass, GError **error)
{
  JdIndicators *self = pass->self;
  sqlite3_stmt *stmt
      = jd_ledger_prepare (pass->ledger,
                           "SELECT held_on, village_id FROM activity"
                           " INDEXED BY activity_date WHERE held_on BETWEEN :from AND :to",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_period (pass, stmt);

  guint n_slots = self->n_villages + 1;
  g_autofree guint *months = g_new0 (guint, (gsize)pass->n * n_slots * 12);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int day = ymd_parse (sqlite3_column_text (stmt, 0));
      guint i = day / 10000 - self->first_year;
      if (i >= pass->n || day > pass->d[i])
        continue;
      values_at (self, i, 0)->activities++;
      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        continue; /* township-wide */
      guint slot = slot_of (pass, sqlite3_column_int64 (stmt, 1));
      values_at (self, i, slot)->activities++;
      months[((gsize)i * n_slots + slot) * 12 + day / 100 % 100 - 1]++;
    }
  if (step_failed (pass, stmt, rc, error))
    return FALSE;
  sqlite3_reset (stmt);

  for (guint i = 0; i < pass->n; i++)
    {
      JdDay d = jd_day_new (pass->d[i] / 10000, pass->d[i] / 100 % 100, pass->d[i] % 100);
      int complete = jd_complete_months (d);
      for (guint slot = 1; slot < n_slots; slot++)
        {
          JdIndicatorValues *town = values_at (self, i, 0), *own = values_at (self, i, slot);
          if (own->villages_total == 0)
            continue;
          for (int m = 0; m < complete; m++)
            {
              gboolean met = months[((gsize)i * n_slots + slot) * 12 + m] >= 4;
              own->publicity_pairs++;
              town->publicity_pairs++;
              own->publicity_met += met;
              town->publicity_met += met;
            }
        }
    }
  return TRUE;
}

/* The households, from the ledger's copy when it is still current. A caller's
 * own transaction may yet roll back, so what it sees is never kept. */
static Households *
read_households (Pass *pass, GError **error)
{
  JdLedger *ledger = pass->ledger;
  gint64 audit = pass->own_transaction ? jd_db_last_audit_row (jd_ledger_get_db (ledger)) : -1;
  if (audit >= 0)
    {
      g_mutex_lock (&households_lock);
      Households *kept = g_object_get_data (G_OBJECT (ledger), HOUSEHOLDS_KEY);
      if (kept && kept->audit == audit)
        kept = g_atomic_rc_box_acquire (kept);
      else
        kept = NULL;
      g_mutex_unlock (&households_lock);
      if (kept)
        return kept;
    }

  sqlite3_stmt *stmt = jd_ledger_prepare (ledger,
                                          "SELECT id, household_village_id FROM person"
                                          " WHERE household_village_id IS NOT NULL ORDER BY id",
                                          error);
  if (stmt == NULL)
    return NULL;
  g_autoptr (Households) households = g_atomic_rc_box_new0 (Households);
  households->audit = audit;
  households->pairs = g_array_new (FALSE, FALSE, sizeof (Household));
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Household h = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_val (households->pairs, h);
    }
  if (step_failed (pass, stmt, rc, error))
    return NULL;
  sqlite3_reset (stmt);

  if (audit >= 0)
    {
      g_mutex_lock (&households_lock);
      g_object_set_data_full (G_OBJECT (ledger), HOUSEHOLDS_KEY,
                              g_atomic_rc_box_acquire (households), households_release);
      g_mutex_unlock (&households_lock);
    }
  return g_steal_pointer (&households);
}

/* Awareness surveys within each period, by group: the township's, and a
 * village's own (docs/contract.md §4 awareness). */
static gboolean
count_surveys (Pass *pass, GError **error)
{
  JdIndicators *self = pass->self;
  sqlite3_stmt *stmt = jd_ledger_prepare (
      pass->ledger,
      "SELECT surveyed_on, village_id, grp, sampled, aware FROM awareness_survey"
      " INDEXED BY awareness_survey_date WHERE surveyed_on BETWEEN :from AND :to",
      error);
  if (stmt == NULL)
    return FALSE;
  bind_period (pass, stmt);

  guint n_groups = 0;
  const JdEnumValue *groups = jd_enum_values (JD_ENUM_SURVEY_GROUP, &n_groups);
  g_assert (n_groups == JD_N_SURVEY_GROUPS);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int day = ymd_parse (sqlite3_column_text (stmt, 0));
      guint i = day / 10000 - self->first_year;
      const char *grp = (const char *)sqlite3_column_text (stmt, 2);
      guint g = 0;
      while (g < JD_N_SURVEY_GROUPS && g_strcmp0 (groups[g].key, grp) != 0)
        g++;
      if (i >= pass->n || day > pass->d[i] || g == JD_N_SURVEY_GROUPS)
        continue;
      gint64 sampled = sqlite3_column_int64 (stmt, 3), aware = sqlite3_column_int64 (stmt, 4);
      guint slots[2] = { 0, sqlite3_column_type (stmt, 1) == SQLITE_NULL
                                ? 0
                                : slot_of (pass, sqlite3_column_int64 (stmt, 1)) };
      for (guint k = 0; k < (slots[1] ? 2 : 1); k++)
        {
          JdIndicatorValues *v = values_at (self, i, slots[k]);
          v->awareness_sampled[g] += sampled;
          v->awareness_aware[g] += aware;
        }
    }
  if (step_failed (pass, stmt, rc, error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

/* ---- the persons' pass ---------------------------------------------------------------- */

typedef struct
{
  int start;
  int end; /* OPEN_END when open */
  int planned;
  gboolean long_custody; /* custody planned to last three years or more */
  JdStatus status;
} Span;

typedef struct
{
  int since;
  int until; /* OPEN_END when open */
} Member;

/* One SQL stream ordered by person, on the connection of the pass. */
typedef struct
{
  sqlite3_stmt *stmt;
  gint64 person; /* the current row's person, G_MAXINT64 at the end */
  guint kind;
  int year; /* its :year, for the streams of one year */
} Stream;

static gboolean
stream_failed (sqlite3 *db, GError **error)
{
  jd_db_set_error (db, sqlite3_db_filename (db, "main"), error);
  return FALSE;
}

static gboolean
stream_next (Stream *s, GError **error)
{
  int rc = sqlite3_step (s->stmt);
  if (rc == SQLITE_ROW)
    {
      s->person = sqlite3_column_int64 (s->stmt, 0);
      return TRUE;
    }
  s->person = G_MAXINT64;
  return rc == SQLITE_DONE || stream_failed (sqlite3_db_handle (s->stmt), error);
}

/* Prepares and starts a stream of persons lo … hi − 1; year is its :year. */
static gboolean
stream_open (Pass *pass,
             sqlite3 *db,
             Stream *s,
             const char *sql,
             gint64 lo,
             gint64 hi,
             int year,
             GError **error)
{
  if (sqlite3_prepare_v2 (db, sql, -1, &s->stmt, NULL) != SQLITE_OK)
    return stream_failed (db, error);
  bind_period (pass, s->stmt);
  sqlite3_bind_int64 (s->stmt, sqlite3_bind_parameter_index (s->stmt, ":lo"), lo);
  sqlite3_bind_int64 (s->stmt, sqlite3_bind_parameter_index (s->stmt, ":hi"), hi);
  int index = sqlite3_bind_parameter_index (s->stmt, ":year");
  if (index > 0)
    {
      char text[8];
      g_snprintf (text, sizeof text, "%04d", year);
      sqlite3_bind_text (s->stmt, index, text, -1, SQLITE_TRANSIENT);
    }
  return stream_next (s, error);
}

/* A status key to its JdStatus: one per span, so told apart by a letter or two
 * and then checked whole. */
static JdStatus
status_of (const unsigned char *key)
{
  JdStatus guess = JD_STATUS_AT_LARGE;
  if (key == NULL)
    return guess;
  gsize length = strlen ((const char *)key);
  switch (length < 7 ? '\0' : key[0])
    {
      case 'c':
        guess = key[1] == 'u'                   ? JD_STATUS_CUSTODY
                : key[3] == 'p'                 ? JD_STATUS_COMPULSORY
                : length > 10 && key[10] == 'd' ? JD_STATUS_COMMUNITY_DETOX
                                                : JD_STATUS_COMMUNITY_REHAB;
        break;
      case 'v':
        guess = JD_STATUS_VOLUNTARY;
        break;
      case 'm':
        guess = key[1] == 'a'   ? JD_STATUS_MAINTENANCE
                : key[1] == 'i' ? JD_STATUS_MISSING
                                : JD_STATUS_MOVED_OUT;
        break;
      case 'd':
        guess = JD_STATUS_DECEASED;
        break;
      case 'e':
        guess = JD_STATUS_EMIGRATED;
        break;
      default:
        break;
    }
  if (strcmp ((const char *)key, jd_status_key (guess)) == 0)
    return guess;
  for (guint s = 0; s < JD_N_STATUSES; s++)
    if (strcmp ((const char *)key, jd_status_key (s)) == 0)
      return s;
  return JD_STATUS_AT_LARGE;
}

static inline gboolean
is_exited (JdStatus status)
{
  return status == JD_STATUS_DECEASED || status == JD_STATUS_EMIGRATED
         || status == JD_STATUS_MOVED_OUT;
}

static inline gboolean
is_community (JdStatus status)
{
  return status == JD_STATUS_COMMUNITY_DETOX || status == JD_STATUS_COMMUNITY_REHAB;
}

typedef struct
{
  gint64 id;
  guint slot;        /* of the values: 1 + the village's index, 0 when unknown */
  guint counts_slot; /* of the counts: the village's index, n_villages when unknown */
  GArray *moves;     /* Move: the person's moves up to the last D, by day */
  gint64 village_id; /* the managing village recorded with the person */
  /* the counts slot of the household village when it is a village of the
   * township, G_MAXUINT otherwise */
  guint household_slot;
  int found;     /* first_found_on */
  GArray *spans; /* Span, by start */
  GArray *uses;  /* int: use events and positive urine tests, within the window */
  GArray *tests; /* int: negative or positive urine tests within the periods, in order */
  /* Help is read only for those who need it: under community measures on a D. */
  gboolean help_read;
  GArray *members;    /* Member */
  GArray *agreements; /* int: the days agreements were signed */
  sqlite3_stmt *help_stmt;
} Person;

/* A move (docs/contract.md §3): from day on, the person's counts go to counts_slot. */
typedef struct
{
  int day;
  guint counts_slot;
} Move;

#define ADD(field, n) (own->field += (n))

/* Status at D counts a person "in society" (在社会面, docs/contract.md §4 society_persons). */
static inline gboolean
in_society (JdStatus status)
{
  return is_community (status) || status == JD_STATUS_AT_LARGE || status == JD_STATUS_MAINTENANCE;
}

/* Days since 0000-03-01 of a yyyymmdd day, by the proleptic Gregorian calendar:
 * differences of it are differences of calendar days. */
static inline int
day_number (int ymd)
{
  int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
  y -= m <= 2;
  int era = y / 400, yoe = y - era * 400;
  int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy;
}

static inline int
days_between (int from, int to)
{
  return day_number (to) - day_number (from);
}

/* urine_tests_required and urine_tests_done of one community span in year i
 * (docs/contract.md §4): a test every 61 days of the span within the period,
 * and the tests on those days, no more than required. */
static void
count_span_tests (Pass *pass, const Person *p, const Span *s, guint i)
{
  Counts *own = &pass->counts[(gsize)p->counts_slot * pass->n + i];
  int from = MAX (s->start, pass->p0[i]), to = MIN (s->end, pass->d[i]);
  int days = days_between (from, to) + 1;
  gint32 required = (days + 60) / 61, done = 0;
  for (guint t = 0; t < p->tests->len && done < required; t++)
    {
      int test = g_array_index (p->tests, int, t);
      if (test > to)
        break; /* the tests are in date order */
      done += from <= test;
    }
  ADD (urine_tests_required, required);
  ADD (urine_tests_done, done);
}

/* 人户分离: the household village is a village of the township other than the
 * managing village at D (counts_slot at D: the latest move on or before D,
 * else the village recorded with the person, docs/contract.md §3 move). */
static inline gboolean
is_separated (const Person *p, guint counts_slot_at_d)
{
  return p->household_slot != G_MAXUINT && p->household_slot != counts_slot_at_d;
}

/* The index of the year whose period holds day, or -1. */
static inline int
period_of (Pass *pass, int day)
{
  guint i = day / 10000 - pass->self->first_year;
  return i < pass->n && day <= pass->d[i] ? (int)i : -1;
}

/* A person's helpers and agreements, from their indexes in one query. */
static gboolean
read_help (Person *p, GError **error)
{
  int rc;
  p->help_read = TRUE;
  sqlite3_reset (p->help_stmt);
  sqlite3_bind_int64 (p->help_stmt, 1, p->id);
  while ((rc = sqlite3_step (p->help_stmt)) == SQLITE_ROW)
    {
      int day = ymd_parse (sqlite3_column_text (p->help_stmt, 1));
      if (sqlite3_column_int (p->help_stmt, 0) == 1)
        {
          g_array_append_val (p->agreements, day);
          continue;
        }
      const unsigned char *until = sqlite3_column_text (p->help_stmt, 2);
      Member m = { .since = day, .until = until ? ymd_parse (until) : OPEN_END };
      g_array_append_val (p->members, m);
    }
  if (rc != SQLITE_DONE)
    return stream_failed (sqlite3_db_handle (p->help_stmt), error);
  return TRUE;
}

/* One person's contribution to every year: the rows are walked once to mark
 * the years they touch, then each year reads its marks. */
static gboolean
count_person (Pass *pass, Person *p, GError **error)
{
  guint8 *relapsed = pass->marks, *community = pass->marks + pass->n;
  guint8 *tested = pass->marks + 2 * pass->n, *tested_at_all = pass->marks + 3 * pass->n;
  memset (pass->marks, 0, N_MARKS * pass->n);

  /* A use later than the first-found date, within a period, is a relapse. */
  for (guint k = 0; k < p->uses->len; k++)
    {
      int use = g_array_index (p->uses, int, k);
      int i = use > p->found ? period_of (pass, use) : -1;
      if (i >= 0)
        relapsed[i] = 1;
    }
  /* Community measures on a day of the period, and the tests taken under them. */
  guint k = 0;
  for (guint t = 0; t < p->tests->len; t++)
    {
      int test = g_array_index (p->tests, int, t);
      for (; k < p->spans->len && g_array_index (p->spans, Span, k).end < test; k++)
        ;
      const Span *s = k < p->spans->len ? &g_array_index (p->spans, Span, k) : NULL;
      int i = period_of (pass, test);
      if (i >= 0)
        tested_at_all[i] = 1;
      if (i >= 0 && s && s->start <= test && is_community (s->status))
        tested[i] = 1;
    }
  for (k = 0; k < p->spans->len; k++)
    {
      const Span *s = &g_array_index (p->spans, Span, k);
      if (!is_community (s->status))
        continue;
      for (guint i = 0; i < pass->n; i++)
        if (s->start <= pass->d[i] && s->end >= pass->p0[i])
          {
            community[i] = 1;
            count_span_tests (pass, p, s, i);
          }
    }

  guint at_d = 0, at_p0 = 0, use = 0, moved = 0, counts_slot = p->counts_slot;
  int last = p->found;
  for (guint i = 0; i < pass->n; i++)
    {
      /* The village at D counts the person: the last move on or before D, else
       * the one recorded with them (docs/contract.md §4). */
      for (; moved < p->moves->len && g_array_index (p->moves, Move, moved).day <= pass->d[i];
           moved++)
        counts_slot = g_array_index (p->moves, Move, moved).counts_slot;
      Counts *own = &pass->counts[(gsize)counts_slot * pass->n + i];
      int p0 = pass->p0[i], d = pass->d[i];

      /* The spans that contain P0 and D: both days only move forward. */
      for (; at_p0 < p->spans->len && g_array_index (p->spans, Span, at_p0).end < p0; at_p0++)
        ;
      for (; at_d < p->spans->len && g_array_index (p->spans, Span, at_d).end < d; at_d++)
        ;
      const Span *span_p0 = at_p0 < p->spans->len ? &g_array_index (p->spans, Span, at_p0) : NULL;
      const Span *span_d = at_d < p->spans->len ? &g_array_index (p->spans, Span, at_d) : NULL;
      if (span_p0 && span_p0->start > p0)
        span_p0 = NULL;
      if (span_d && span_d->start > d)
        span_d = NULL;
      JdStatus status = span_d ? span_d->status : JD_STATUS_AT_LARGE;

      /* The last use on or before D (the uses are in date order). */
      for (; use < p->uses->len && g_array_index (p->uses, int, use) <= d; use++)
        last = MAX (last, g_array_index (p->uses, int, use));

      if (p->found <= d)
        {
          ADD (registered, 1);
          ADD (status_counts[status], 1);
          if (is_exited (status))
            ADD (exited, 1);
          else
            {
              /* A missing person's abstinence cannot be known. */
              gboolean known = status != JD_STATUS_MISSING;
              gboolean abstinent_3y = known && last <= pass->before_3y[i];
              gboolean long_custody = status == JD_STATUS_CUSTODY && span_d->long_custody;
              gboolean long_missing
                  = status == JD_STATUS_MISSING && span_d->start <= pass->before_4y[i];
              ADD (abstinent_1y, known && last <= pass->before_1y[i]);
              ADD (abstinent_3y, abstinent_3y);
              ADD (long_custody, long_custody);
              ADD (long_missing, long_missing);
              gboolean current = !abstinent_3y && !long_custody && !long_missing;
              ADD (current_users, current);
              if (current && i == pass->n - 1)
                g_array_append_val (pass->current_users, p->id);
            }
          ADD (relapse_base, !(span_p0 && is_exited (span_p0->status)));
          if (!is_exited (status))
            {
              if (in_society (status)
                  && !(status != JD_STATUS_MISSING && last <= pass->before_3y[i]))
                {
                  ADD (society_persons, 1);
                  ADD (society_tested, tested_at_all[i]);
                }
              if (is_separated (p, counts_slot))
                {
                  ADD (separated_persons, 1);
                  ADD (separated_found, status != JD_STATUS_MISSING);
                }
            }
        }
      if (p0 <= p->found && p->found <= d)
        ADD (new_users, 1);
      if (relapsed[i])
        ADD (relapse_persons, 1);
      if (community[i])
        {
          ADD (community_persons, 1);
          ADD (urine_tested, tested[i]);
        }
      if (is_community (status))
        {
          if (!p->help_read && !read_help (p, error))
            return FALSE;
          gboolean member = FALSE;
          for (guint m = 0; m < p->members->len && !member; m++)
            {
              const Member *h = &g_array_index (p->members, Member, m);
              member = h->since <= d && d <= h->until;
            }
          /* An agreement for this measure: signed on or after its start. */
          gboolean agreement = FALSE;
          for (guint a = 0; a < p->agreements->len && !agreement; a++)
            {
              int signed_on = g_array_index (p->agreements, int, a);
              agreement = span_d->start <= signed_on && signed_on <= d;
            }
          ADD (help_required, 1);
          ADD (help_covered, member && agreement);
        }
    }
  return TRUE;
}

#undef ADD

/* Moves a stream past every row of persons before `id` (none, normally). */
static gboolean
stream_skip_to (Stream *s, gint64 id, GError **error)
{
  while (s->person < id)
    if (!stream_next (s, error))
      return FALSE;
  return TRUE;
}

/* Each stream walks one covering index in person order (data/sql/0001-schema.sql),
 * for the persons lo … hi − 1. Spans and urine tests are read from indexes
 * whose first column is a year, one stream per year, so that only the years
 * asked for are read. */
enum
{
  PERSONS,
  OPEN_SPANS,
  ENDED_SPANS, /* one stream per year the spans ended in, from the first year on */
  USES,
  POSITIVES,
  TESTS, /* one stream per year asked for */
  MOVES,
  N_KINDS
};

static const char *const stream_sql[N_KINDS] = {
  [PERSONS] = "SELECT id, village_id, first_found_on FROM person INDEXED BY person_found"
              " WHERE id >= :lo AND id < :hi ORDER BY id",
  /* At large is what a person with no span is: those spans are not needed. */
  [OPEN_SPANS] = "SELECT person_id, started_on, ended_on, status, planned_end_on FROM status_span"
                 " INDEXED BY status_span_open WHERE status <> 'at_large' AND ended_on IS NULL"
                 " AND person_id >= :lo AND person_id < :hi AND started_on <= :to"
                 " ORDER BY person_id",
  [ENDED_SPANS] = "SELECT person_id, started_on, ended_on, status, planned_end_on FROM status_span"
                  " INDEXED BY status_span_ended WHERE status <> 'at_large'"
                  " AND ended_on IS NOT NULL AND substr(ended_on, 1, 4) = :year"
                  " AND person_id >= :lo AND person_id < :hi AND started_on <= :to"
                  " ORDER BY person_id",
  [USES] = "SELECT person_id, occurred_on FROM use_event"
           " WHERE person_id >= :lo AND person_id < :hi"
           " AND occurred_on > :uses_after AND occurred_on <= :to ORDER BY person_id, occurred_on",
  [POSITIVES] = "SELECT person_id, occurred_on FROM followup INDEXED BY followup_positive"
                " WHERE kind = 'urine_test' AND result = 'positive'"
                " AND person_id >= :lo AND person_id < :hi"
                " AND occurred_on > :uses_after AND occurred_on <= :to"
                " ORDER BY person_id, occurred_on",
  [TESTS] = "SELECT person_id, occurred_on FROM followup INDEXED BY followup_urine_tested"
            " WHERE kind = 'urine_test' AND result IN ('negative', 'positive')"
            " AND substr(occurred_on, 1, 4) = :year AND person_id >= :lo AND person_id < :hi"
            " AND occurred_on <= :to ORDER BY person_id, occurred_on",
  /* Through the unique index move (person_id, moved_on). */
  [MOVES] = "SELECT person_id, moved_on, village_id FROM move"
            " WHERE person_id >= :lo AND person_id < :hi AND moved_on <= :to"
            " ORDER BY person_id, moved_on",
};

/* Inserts a day into a list kept in order (lists are a few items long). */
static void
insert_day (GArray *days, int day)
{
  guint at = days->len;
  while (at > 0 && g_array_index (days, int, at - 1) > day)
    at--;
  g_array_insert_val (days, at, day);
}

/* Reads one row of a stream of that kind into the person's lists. */
static void
take_row (Person *p, guint kind, sqlite3_stmt *stmt)
{
  switch (kind)
    {
      case OPEN_SPANS:
      case ENDED_SPANS:
        {
          const unsigned char *ended = sqlite3_column_text (stmt, 2);
          Span span = {
            .start = ymd_parse (sqlite3_column_text (stmt, 1)),
            .end = ended ? ymd_parse (ended) : OPEN_END,
            .status = status_of (sqlite3_column_text (stmt, 3)),
            .planned = ymd_parse (sqlite3_column_text (stmt, 4)),
          };
          span.long_custody = span.status == JD_STATUS_CUSTODY && span.planned != 0
                              && span.planned >= ymd_add_years (span.start, 3);
          /* The streams give them by the year they ended: keep them by start. */
          guint at = p->spans->len;
          while (at > 0 && g_array_index (p->spans, Span, at - 1).start > span.start)
            at--;
          g_array_insert_val (p->spans, at, span);
        }
        break;
      case USES:
      case POSITIVES:
        insert_day (p->uses, ymd_parse (sqlite3_column_text (stmt, 1)));
        break;
      case TESTS: /* the years come in order */
        {
          int day = ymd_parse (sqlite3_column_text (stmt, 1));
          g_array_append_val (p->tests, day);
        }
        break;
      default:
        g_assert_not_reached ();
    }
}

/* The persons lo … hi − 1 on connection db, added into pass->counts. */
static gboolean
count_persons (Pass *pass, sqlite3 *db, gint64 lo, gint64 hi, GError **error)
{
  int first_year = pass->self->first_year, last_year = first_year + (int)pass->n - 1;
  g_autoptr (GArray) streams = g_array_new (FALSE, TRUE, sizeof (Stream));
  for (guint kind = 0; kind < N_KINDS; kind++)
    {
      int from = kind == ENDED_SPANS || kind == TESTS ? first_year : 0;
      int to = kind == ENDED_SPANS ? pass->last_end_year : kind == TESTS ? last_year : 0;
      for (int year = from; year <= to; year++)
        {
          Stream stream = { .kind = kind, .year = year };
          g_array_append_val (streams, stream);
        }
    }
  gboolean ok = TRUE;
  for (guint k = 0; ok && k < streams->len; k++)
    {
      Stream *s = &g_array_index (streams, Stream, k);
      ok = stream_open (pass, db, s, stream_sql[s->kind], lo, hi, s->year, error);
    }

  Person p = {
    .spans = g_array_new (FALSE, FALSE, sizeof (Span)),
    .uses = g_array_new (FALSE, FALSE, sizeof (int)),
    .members = g_array_new (FALSE, FALSE, sizeof (Member)),
    .agreements = g_array_new (FALSE, FALSE, sizeof (int)),
    .tests = g_array_new (FALSE, FALSE, sizeof (int)),
    .moves = g_array_new (FALSE, FALSE, sizeof (Move)),
  };
  const char *help_sql
      = "SELECT 0, since, until FROM help_member INDEXED BY help_member_person"
        " WHERE person_id = ?1 AND since <= :to AND (until IS NULL OR until >= :from)"
        " UNION ALL SELECT 1, signed_on, NULL FROM agreement WHERE person_id = ?1"
        " AND signed_on <= :to";
  if (ok && sqlite3_prepare_v2 (db, help_sql, -1, &p.help_stmt, NULL) != SQLITE_OK)
    ok = stream_failed (db, error);
  if (ok)
    bind_period (pass, p.help_stmt);

  Stream *persons = &g_array_index (streams, Stream, 0);
  guint household = 0; /* the first of the households not before the person at hand */
  while (ok && persons->person != G_MAXINT64)
    {
      sqlite3_stmt *row = persons->stmt;
      p.id = persons->person;
      p.village_id = sqlite3_column_int64 (row, 1);
      for (; household < pass->n_households && pass->households[household].person < p.id;
           household++)
        ;
      gint64 household_village
          = household < pass->n_households && pass->households[household].person == p.id
                ? pass->households[household].village
                : 0;
      /* A household village must be one of the township's villages. */
      guint household_slot = household_village ? slot_of (pass, household_village) : 0;
      p.household_slot = household_slot ? household_slot - 1 : G_MAXUINT;
      p.slot = slot_of (pass, p.village_id);
      /* A village deleted behind the ledger's back: the township still counts them. */
      p.counts_slot = p.slot ? p.slot - 1 : pass->self->n_villages;
      p.found = ymd_parse (sqlite3_column_text (row, 2));
      g_array_set_size (p.spans, 0);
      g_array_set_size (p.uses, 0);
      g_array_set_size (p.members, 0);
      g_array_set_size (p.agreements, 0);
      g_array_set_size (p.tests, 0);
      g_array_set_size (p.moves, 0);
      p.help_read = FALSE;

      for (guint k = 1; ok && k < streams->len; k++)
        {
          Stream *s = &g_array_index (streams, Stream, k);
          ok = stream_skip_to (s, p.id, error);
          for (; ok && s->person == p.id; ok = stream_next (s, error))
            if (s->kind == MOVES)
              {
                guint slot = slot_of (pass, sqlite3_column_int64 (s->stmt, 2));
                Move move = { ymd_parse (sqlite3_column_text (s->stmt, 1)),
                              slot ? slot - 1 : pass->self->n_villages };
                g_array_append_val (p.moves, move);
              }
            else
              take_row (&p, s->kind, s->stmt);
        }
      ok = ok && count_person (pass, &p, error) && stream_next (persons, error);
    }

  for (guint k = 0; k < streams->len; k++)
    sqlite3_finalize (g_array_index (streams, Stream, k).stmt);
  sqlite3_finalize (p.help_stmt);
  g_array_unref (p.spans);
  g_array_unref (p.uses);
  g_array_unref (p.members);
  g_array_unref (p.agreements);
  g_array_unref (p.tests);
  g_array_unref (p.moves);
  return ok;
}

/* ---- the persons in parts, on as many connections --------------------------------------- */

/* A large ledger's persons are split into parts by id, each counted on a
 * read-only connection of its own in a thread of its own; the parts are added
 * up. Every change to the data adds to the audit log (its
 * triggers), so connections that see the same last audit row see the same data;
 * a part whose connection saw another is counted again on the caller's. */
#define MIN_PARALLEL_PERSONS 20000
#define MAX_PARTS 4

typedef struct
{
  Pass pass;   /* its own counts and marks */
  sqlite3 *db; /* lent by the pool; NULL when none could be opened */
  gint64 lo, hi;
  gint64 audit; /* the last audit row the caller's connection sees */
  gboolean counted;
  GError *error;
} Part;

/* The read-only connections the parts are counted on stay open with the
 * ledger, their page caches warm for the next computation (the dashboard asks
 * again and again); each is lent to one part at a time. */
#define POOL_CACHE_KIB 65536

typedef struct _JdIndicatorPool
{
  GMutex lock;
  GPtrArray *idle; /* sqlite3 * */
} Pool;

static void
pool_free (gpointer data)
{
  Pool *pool = data;
  for (guint k = 0; k < pool->idle->len; k++)
    sqlite3_close_v2 (g_ptr_array_index (pool->idle, k));
  g_ptr_array_unref (pool->idle);
  g_mutex_clear (&pool->lock);
  g_free (pool);
}

static Pool *
pool_of (JdLedger *ledger)
{
  static GMutex creating;
  g_mutex_lock (&creating);
  Pool *pool = jd_ledger_get_indicator_pool (ledger);
  if (pool == NULL)
    {
      pool = g_new0 (Pool, 1);
      g_mutex_init (&pool->lock);
      pool->idle = g_ptr_array_new ();
      jd_ledger_set_indicator_pool (ledger, pool, pool_free);
    }
  g_mutex_unlock (&creating);
  return pool;
}

static sqlite3 *
pool_take (Pool *pool, const char *path)
{
  sqlite3 *db = NULL;
  g_mutex_lock (&pool->lock);
  if (pool->idle->len > 0)
    db = g_ptr_array_steal_index_fast (pool->idle, pool->idle->len - 1);
  g_mutex_unlock (&pool->lock);
  if (db)
    return db;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      sqlite3_close_v2 (db);
      return NULL;
    }
  g_autofree char *pragmas
      = g_strdup_printf ("PRAGMA cache_size = -%d; PRAGMA query_only = 1;", POOL_CACHE_KIB);
  sqlite3_busy_timeout (db, 10000);
  sqlite3_exec (db, pragmas, NULL, NULL, NULL);
  return db;
}

static void
pool_give (Pool *pool, sqlite3 *db)
{
  g_mutex_lock (&pool->lock);
  if (pool->idle->len < MAX_PARTS)
    g_ptr_array_add (pool->idle, g_steal_pointer (&db));
  g_mutex_unlock (&pool->lock);
  sqlite3_close_v2 (db);
}

static gpointer
count_part_thread (gpointer data)
{
  Part *part = data;
  if (part->db && sqlite3_exec (part->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK)
    {
      if (jd_db_last_audit_row (part->db) == part->audit)
        part->counted = count_persons (&part->pass, part->db, part->lo, part->hi, &part->error);
      sqlite3_exec (part->db, "ROLLBACK", NULL, NULL, NULL);
    }
  return NULL;
}

static int
parallel_threshold (void)
{
  const char *text = g_getenv ("JINDU_INDICATORS_MIN_PARALLEL");
  return text ? atoi (text) : MIN_PARALLEL_PERSONS;
}

static void
add_counts (Counts *to, const Counts *from)
{
  const gint32 *f = (const gint32 *)from;
  gint32 *t = (gint32 *)to;
  for (gsize k = 0; k < sizeof (Counts) / sizeof (gint32); k++)
    t[k] += f[k];
}

/* The persons' counts into the villages' values, and their sums into the township's. */
static void
store_counts (Pass *pass)
{
  JdIndicators *self = pass->self;
  for (guint v = 0; v <= self->n_villages; v++)
    for (guint i = 0; i < pass->n; i++)
      {
        const Counts *c = &pass->counts[(gsize)v * pass->n + i];
        JdIndicatorValues *town = values_at (self, i, 0);
        JdIndicatorValues *both[]
            = { town, v < self->n_villages ? values_at (self, i, v + 1) : NULL };
        for (guint k = 0; k < G_N_ELEMENTS (both) && both[k]; k++)
          {
            JdIndicatorValues *to = both[k];
            to->registered += c->registered;
            to->exited += c->exited;
            to->abstinent_1y += c->abstinent_1y;
            to->abstinent_3y += c->abstinent_3y;
            to->long_custody += c->long_custody;
            to->long_missing += c->long_missing;
            to->current_users += c->current_users;
            for (guint s = 0; s < JD_N_STATUSES; s++)
              to->status_counts[s] += c->status_counts[s];
            to->new_users += c->new_users;
            to->relapse_persons += c->relapse_persons;
            to->relapse_base += c->relapse_base;
            to->community_persons += c->community_persons;
            to->urine_tested += c->urine_tested;
            to->help_required += c->help_required;
            to->help_covered += c->help_covered;
            to->urine_tests_required += c->urine_tests_required;
            to->urine_tests_done += c->urine_tests_done;
            to->society_persons += c->society_persons;
            to->society_tested += c->society_tested;
            to->separated_persons += c->separated_persons;
            to->separated_found += c->separated_found;
          }
      }
}

static gboolean
count_persons_split (Pass *pass, GError **error)
{
  sqlite3 *db = jd_ledger_get_db (pass->ledger);
  gint64 n_persons = jd_ledger_count (pass->ledger, "person");
  guint n_parts = CLAMP (g_get_num_processors (), 1, MAX_PARTS);
  /* A small ledger, or a caller in the middle of its own transaction (whose
   * changes other connections cannot see): one part, on the caller's connection. */
  if (n_persons < parallel_threshold () || n_parts < 2 || !pass->own_transaction
      || n_persons < n_parts)
    return count_persons (pass, db, 0, G_MAXINT64, error);

  /* The first id of each part, so that the parts hold as many persons. */
  g_autofree gint64 *bounds = g_new (gint64, n_parts + 1);
  bounds[0] = G_MININT64;
  bounds[n_parts] = G_MAXINT64;
  sqlite3_stmt *stmt = jd_ledger_prepare (
      pass->ledger, "SELECT id FROM person INDEXED BY person_found ORDER BY id LIMIT 1 OFFSET ?",
      error);
  if (stmt == NULL)
    return FALSE;
  for (guint k = 1; k < n_parts; k++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, n_persons * k / n_parts);
      bounds[k] = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : G_MAXINT64;
    }
  sqlite3_reset (stmt);

  gint64 audit = jd_db_last_audit_row (db);
  Pool *pool = pool_of (pass->ledger);
  const char *path = jd_ledger_get_path (pass->ledger);
  gsize n_values = (gsize)pass->n * (pass->self->n_villages + 1);
  g_autofree Part *parts = g_new0 (Part, n_parts);
  g_autofree GThread **threads = g_new0 (GThread *, n_parts);
  for (guint k = 0; k < n_parts; k++)
    {
      Part *part = &parts[k];
      part->pass = *pass;
      part->pass.counts = g_new0 (Counts, n_values);
      part->pass.marks = g_new (guint8, N_MARKS * pass->n);
      part->pass.current_users = g_array_new (FALSE, FALSE, sizeof (gint64));
      /* Taken in order and given back in reverse, a part gets the same
       * connection each time, its cache holding that part's pages. */
      part->db = pool_take (pool, path);
      part->lo = bounds[k];
      part->hi = bounds[k + 1];
      part->audit = audit;
      threads[k] = g_thread_new ("jd-indicators", count_part_thread, part);
    }

  for (guint k = 0; k < n_parts; k++)
    g_thread_join (threads[k]);
  for (guint k = n_parts; k-- > 0;)
    if (parts[k].db)
      pool_give (pool, parts[k].db);

  gboolean ok = TRUE;
  for (guint k = 0; k < n_parts; k++)
    {
      Part *part = &parts[k];
      if (ok && part->error)
        {
          g_propagate_error (error, g_steal_pointer (&part->error));
          ok = FALSE;
        }
      /* Its connection could not be opened or saw other data: count it here. */
      if (ok && !part->counted)
        {
          g_debug ("Indicators: persons %" G_GINT64_FORMAT " … counted again", part->lo);
          memset (part->pass.counts, 0, n_values * sizeof (Counts));
          g_array_set_size (part->pass.current_users, 0);
          ok = count_persons (&part->pass, db, part->lo, part->hi, error);
        }
      for (gsize v = 0; ok && v < n_values; v++)
        add_counts (&pass->counts[v], &part->pass.counts[v]);
      /* The parts follow one another by id, so the persons stay in id order. */
      if (ok)
        g_array_append_vals (pass->current_users, part->pass.current_users->data,
                             part->pass.current_users->len);
      g_array_unref (part->pass.current_users);
      g_clear_error (&part->error);
      g_free (part->pass.counts);
      g_free (part->pass.marks);
    }
  return ok;
}

static inline double
ratio (gint64 part, gint64 whole)
{
  return whole > 0 ? (double)part / whole : NAN;
}

static void
finish (Pass *pass)
{
  JdIndicators *self = pass->self;
  for (guint i = 0; i < pass->n; i++)
    for (guint slot = 0; slot <= self->n_villages; slot++)
      {
        JdIndicatorValues *v = values_at (self, i, slot);
        v->year = self->first_year + i;
        v->as_of = jd_day_new (pass->d[i] / 10000, pass->d[i] / 100 % 100, pass->d[i] % 100);
        jd_indicator_values_finish (v);
      }
}

/* The ratios from their numerators and denominators. */
void
jd_indicator_values_finish (JdIndicatorValues *v)
{
  v->new_per_10k = v->population > 0 ? v->new_users * 10000.0 / v->population : NAN;
  v->relapse_rate = ratio (v->relapse_persons, v->relapse_base);
  v->urine_test_rate = ratio (v->urine_tested, v->community_persons);
  v->help_rate = ratio (v->help_covered, v->help_required);
  v->coverage = ratio (v->villages_titled, v->villages_total);
  v->publicity_rate = ratio (v->publicity_met, v->publicity_pairs);
  v->urine_count_rate = ratio (v->urine_tests_done, v->urine_tests_required);
  v->society_urine_rate = ratio (v->society_tested, v->society_persons);
  v->separated_found_rate = ratio (v->separated_found, v->separated_persons);
  for (guint g = 0; g < JD_N_SURVEY_GROUPS; g++)
    v->awareness_rate[g] = ratio (v->awareness_aware[g], v->awareness_sampled[g]);
}

JdIndicators *
jd_indicators_compute (JdLedger *ledger, int first_year, int last_year, JdDay as_of, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (first_year < 1000 || last_year > 9998 || first_year > last_year)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("%d–%d is not a range of years"),
                   first_year, last_year);
      return NULL;
    }
  if (as_of != 0 && jd_day_year (as_of) != last_year)
    {
      g_autofree char *text = jd_day_to_string (as_of);
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID, _ ("The date %s is not in the year %d"), text,
                   last_year);
      return NULL;
    }

  g_autoptr (JdIndicators) self = g_object_new (JD_TYPE_INDICATORS, NULL);
  self->first_year = first_year;
  self->n_years = last_year - first_year + 1;

  Pass pass = { .self = self, .ledger = ledger, .n = self->n_years };
  g_autofree int *p0 = g_new (int, pass.n);
  g_autofree int *d = g_new (int, pass.n);
  g_autofree guint8 *marks = g_new (guint8, N_MARKS * pass.n);
  pass.p0 = p0;
  pass.d = d;
  pass.marks = marks;
  self->current_users = g_array_new (FALSE, FALSE, sizeof (gint64));
  pass.current_users = self->current_users;
  g_autofree int *before = g_new (int, 3 * pass.n);
  pass.before_1y = before;
  pass.before_3y = before + pass.n;
  pass.before_4y = before + 2 * pass.n;
  for (guint i = 0; i < pass.n; i++)
    {
      int year = first_year + i;
      JdDay day = i == pass.n - 1 && as_of ? as_of : jd_day_new (year, 12, 31);
      pass.p0[i] = year * 10000 + 101;
      pass.d[i] = ymd_of_day (day);
      pass.before_1y[i] = ymd_of_day (last_day_before (day, 1));
      pass.before_3y[i] = ymd_of_day (last_day_before (day, 3));
      pass.before_4y[i] = ymd_of_day (last_day_before (day, 4));
    }
  ymd_format (pass.p0[0], pass.from);
  ymd_format (pass.d[pass.n - 1], pass.to);
  /* A use date u matters only while u + 3 years > D: for the first D, from
   * D − 3 years on (that date itself is too old). */
  ymd_format (ymd_add_years (pass.d[0], -3), pass.uses_after);

  /* One snapshot for every query, unless the caller holds a transaction. */
  pass.own_transaction = sqlite3_get_autocommit (jd_ledger_get_db (ledger));
  if (pass.own_transaction && !jd_ledger_exec (ledger, "BEGIN DEFERRED", error))
    return NULL;

  gboolean ok = load_villages (&pass, error) && read_last_end_year (&pass, error);
  g_autoptr (Households) households = ok ? read_households (&pass, error) : NULL;
  ok = households != NULL;
  if (ok)
    {
      pass.households = (const Household *)(gpointer)households->pairs->data;
      pass.n_households = households->pairs->len;
    }
  if (ok)
    {
      count_villages (&pass);
      pass.counts = g_new0 (Counts, (gsize)pass.n * (self->n_villages + 1));
      ok = count_titles (&pass, error) && count_activities (&pass, error)
           && count_surveys (&pass, error) && count_persons_split (&pass, error);
      if (ok)
        store_counts (&pass);
      g_free (pass.counts);
    }
  if (pass.own_transaction)
    jd_ledger_rollback (ledger);
  if (!ok)
    return NULL;
  finish (&pass);
  return g_steal_pointer (&self);
}

/* ---- several ledgers as one (a county, docs/contract.md §9) ----------------------- */

/* Adds v's counts, numerators and denominators into sum (its ratios are then
 * stale: jd_indicator_values_finish ()). */
void
jd_indicator_values_add (JdIndicatorValues *sum, const JdIndicatorValues *v)
{
  sum->registered += v->registered;
  sum->exited += v->exited;
  sum->abstinent_1y += v->abstinent_1y;
  sum->abstinent_3y += v->abstinent_3y;
  sum->long_custody += v->long_custody;
  sum->long_missing += v->long_missing;
  sum->current_users += v->current_users;
  for (guint s = 0; s < JD_N_STATUSES; s++)
    sum->status_counts[s] += v->status_counts[s];
  sum->new_users += v->new_users;
  sum->population += v->population;
  sum->relapse_persons += v->relapse_persons;
  sum->relapse_base += v->relapse_base;
  sum->community_persons += v->community_persons;
  sum->urine_tested += v->urine_tested;
  sum->help_required += v->help_required;
  sum->help_covered += v->help_covered;
  sum->villages_total += v->villages_total;
  sum->villages_titled += v->villages_titled;
  sum->activities += v->activities;
  sum->publicity_pairs += v->publicity_pairs;
  sum->publicity_met += v->publicity_met;
  sum->urine_tests_required += v->urine_tests_required;
  sum->urine_tests_done += v->urine_tests_done;
  sum->society_persons += v->society_persons;
  sum->society_tested += v->society_tested;
  sum->separated_persons += v->separated_persons;
  sum->separated_found += v->separated_found;
  for (guint g = 0; g < JD_N_SURVEY_GROUPS; g++)
    {
      sum->awareness_sampled[g] += v->awareness_sampled[g];
      sum->awareness_aware[g] += v->awareness_aware[g];
    }
}

JdIndicators *
jd_indicators_new_sum (JdIndicators *const *parts, guint n_parts, int first_year, int last_year)
{
  g_return_val_if_fail (first_year <= last_year, NULL);
  JdIndicators *self = g_object_new (JD_TYPE_INDICATORS, NULL);
  self->first_year = first_year;
  self->n_years = last_year - first_year + 1;
  self->values = g_new0 (JdIndicatorValues, self->n_years);
  self->slots = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->current_users = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->n_years; i++)
    {
      JdIndicatorValues *v = &self->values[i];
      v->year = first_year + i;
      v->as_of = jd_day_new (v->year, 12, 31);
      for (guint p = 0; p < n_parts; p++)
        {
          g_return_val_if_fail (
              parts[p]->first_year == first_year && parts[p]->n_years == self->n_years, self);
          const JdIndicatorValues *part = values_at (parts[p], i, 0);
          v->as_of = part->as_of;
          jd_indicator_values_add (v, part);
        }
      jd_indicator_values_finish (v);
    }
  return self;
}
