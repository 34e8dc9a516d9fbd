/* test-person-query.c: the paged person list, its search, filters and sorting
 *
 * The fixture is 240 persons made from a fixed seed: names of two or three
 * characters from a small set of common ones (so that one- and two-character
 * queries hit many rows), household addresses in the two villages, residence
 * addresses in the county town, some missing, and valid ID numbers. Every
 * search is checked against a plain scan done here in C over the records the
 * test wrote (a substring of the name, ID number or either address), for
 * 1-, 2- and 3-character Chinese queries and for ID digits: the 1–2
 * character path (a scan of the persons' searched columns) and the MATCH path
 * (the trigram index) must both give exactly those rows, and so must both
 * when they find more than 3,000 persons (the many-hits test adds them).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "jd-date.h"
#include "jd-id-number.h"
#include "jd-person-query.h"
#include "jd-store.h"
#include "jd-test-ledger.h"

#define N_PERSONS 240

typedef struct
{
  gint64 id;
  char *name;
  char *id_number;
  char *household_address;
  char *residence_address;
  gint64 village_id;
} Person;

typedef struct
{
  JdTestLedger t; /* tests/common/jd-test-ledger.h */
  gint64 villages[2];
  Person persons[N_PERSONS];
} Fixture;

static const char *const surnames[] = { "张", "王", "李", "陈", "林", "黄" };
static const char *const given[] = { "明", "华", "国", "强", "小", "红", "东", "伟" };
static const char *const streets[] = { "东风路", "人民路", "新华街", "解放路" };

static char *
make_id_number (int i)
{
  /* 441581 (陆丰市), born 1975-01-01 + i × 37 days, sequence 100 + i. */
  GDate date;
  g_date_set_dmy (&date, 1, 1, 1975);
  g_date_add_days (&date, i * 37);
  g_autofree char *first17
      = g_strdup_printf ("441581%04d%02d%02d%03d", g_date_get_year (&date),
                         g_date_get_month (&date), g_date_get_day (&date), 100 + i);
  return g_strdup_printf ("%s%c", first17, jd_id_number_check_digit (first17));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  jd_test_ledger_set_up (&f->t, "jd-person-query-XXXXXX");

  const JdVillageRecord villages[] = {
    { .code = "V01", .name = "东村", .kind = "village" },
    { .code = "V02", .name = "西社区", .kind = "community" },
  };
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpint (jd_store_village (f->t.ledger, &villages[i], &f->villages[i], &error), ==,
                       JD_STORE_ADDED);
      g_assert_no_error (error);
    }

  g_autoptr (GRand) rand = g_rand_new_with_seed (20240305);
  for (int i = 0; i < N_PERSONS; i++)
    {
      Person *p = &f->persons[i];
      GString *name = g_string_new (surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))]);
      int length = g_rand_int_range (rand, 1, 3);
      for (int j = 0; j < length; j++)
        g_string_append (name, given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))]);
      p->name = g_string_free (name, FALSE);
      p->id_number = make_id_number (i);
      p->village_id = f->villages[i % 2];
      if (i % 7 != 3)
        p->household_address
            = g_strdup_printf ("%s%d组%d号", i % 2 ? "西社区" : "东村",
                               g_rand_int_range (rand, 1, 9), g_rand_int_range (rand, 1, 60));
      if (i % 5 != 1)
        p->residence_address = g_strdup_printf (
            "城关镇%s%d号", streets[g_rand_int_range (rand, 0, G_N_ELEMENTS (streets))],
            g_rand_int_range (rand, 1, 300));

      JdPersonRecord record = {
        .id_number = p->id_number,
        .name = p->name,
        .household_address = p->household_address,
        .residence_address = p->residence_address,
        .village_id = p->village_id,
        .first_found_on = jd_day_new (2020, 1, 1) + i,
      };
      g_assert_cmpint (jd_store_person (f->t.ledger, &record, &p->id, &error), ==, JD_STORE_ADDED);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  jd_test_ledger_tear_down (&f->t);
  for (int i = 0; i < N_PERSONS; i++)
    {
      g_free (f->persons[i].name);
      g_free (f->persons[i].id_number);
      g_free (f->persons[i].household_address);
      g_free (f->persons[i].residence_address);
    }
}

static gboolean
contains (const char *column, const char *text)
{
  return column != NULL && strstr (column, text) != NULL;
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
  return (x > y) - (x < y);
}

/* The ids whose name, ID number or addresses contain text, in id order. */
static GArray *
scan (Fixture *f, const char *text)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (int i = 0; i < N_PERSONS; i++)
    {
      const Person *p = &f->persons[i];
      if (contains (p->name, text) || contains (p->id_number, text)
          || contains (p->household_address, text) || contains (p->residence_address, text))
        g_array_append_val (ids, p->id);
    }
  return ids;
}

/* Every id of the model, read through get_item (), in id order. */
static GArray *
model_ids (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JdPersonRow) row = g_list_model_get_item (model, i);
      g_assert_no_error ((GError *)jd_person_query_get_error (JD_PERSON_QUERY (model)));
      g_assert_nonnull (row);
      gint64 id = jd_person_row_get_id (row);
      g_array_append_val (ids, id);
    }
  g_assert_null (g_list_model_get_item (model, n));
  g_array_sort (ids, compare_ids);
  return ids;
}

static void
assert_search (Fixture *f, JdPersonQuery *query, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *bare = g_strstrip (g_strdup (text));
  g_autoptr (GArray) expected = scan (f, bare);

  jd_person_query_set_text (query, text);
  g_assert_true (jd_person_query_refresh (query, &error));
  g_assert_no_error (error);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  JdPersonSearchPath path
      = g_utf8_strlen (stripped, -1) >= 3 ? JD_PERSON_SEARCH_MATCH : JD_PERSON_SEARCH_SCAN;
  g_assert_cmpint (jd_person_query_get_search_path (query), ==, path);
  g_autoptr (GArray) found = model_ids (G_LIST_MODEL (query));
  if (found->len != expected->len
      || (found->len > 0 /* an empty GArray's data is NULL, not for memcmp () */
          && memcmp (found->data, expected->data, found->len * sizeof (gint64)) != 0))
    g_error ("“%s”: %u rows found, %u by the plain scan", text, found->len, expected->len);
}

static void
test_search_paths (Fixture *f, gconstpointer data)
{
  g_autoptr (JdPersonQuery) query = jd_person_query_new (f->t.ledger, NULL);
  guint nonempty = 0;

  /* One-character queries: every character of the names and the villages. */
  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    assert_search (f, query, surnames[i]);
  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    assert_search (f, query, given[i]);
  const char *const others[] = {
    "村",
    "组",
    "号",
    /* Two characters: whole names, village names, streets, and a miss. */
    "张明",
    "王华",
    "李小",
    "东村",
    "社区",
    "城关",
    "新华",
    "东风",
    "陈陈",
    "黄红",
    "无人",
    /* Three or more: the trigram index. */
    "西社区",
    "东村1",
    "城关镇",
    "人民路",
    "解放路2",
    "张小红",
    "王国强",
    "林东伟",
    "不存在",
    /* ID digits: one, two, three and more; the 18th is X in some. */
    "4",
    "15",
    "441",
    "4415811975",
    "1980",
    "X",
    "9X",
    "101",
    "1234567",
    /* Blanks around are no part of the query. */
    " 东村 ",
  };
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (others[i]));
      g_autoptr (GArray) expected = scan (f, stripped);
      nonempty += expected->len > 0;
      assert_search (f, query, others[i]);
    }

  /* Every two- and three-character piece of the first 40 names, and of their
   * addresses: the scan and the index agree on each. */
  for (int i = 0; i < 40; i++)
    {
      const char *fields[] = { f->persons[i].name, f->persons[i].household_address,
                               f->persons[i].residence_address };
      for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
        {
          const char *s = fields[k];
          if (s == NULL)
            continue;
          for (const char *c = s; *c; c = g_utf8_next_char (c))
            for (int len = 2; len <= 3; len++)
              {
                const char *end = c;
                for (int n = 0; n < len && *end; n++)
                  end = g_utf8_next_char (end);
                if (g_utf8_pointer_to_offset (c, end) < len)
                  continue;
                g_autofree char *piece = g_strndup (c, end - c);
                assert_search (f, query, piece);
              }
        }
    }

  /* The queries are not all misses: most of the fixed ones find someone. */
  g_assert_cmpuint (nonempty, >=, 25);
}

static void
test_fts_follows_changes (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdPersonQuery) query = jd_person_query_new (f->t.ledger, NULL);
  Person *p = &f->persons[10];

  /* 欧阳 is in no name of the fixture. */
  jd_person_query_set_text (query, "欧阳锋");
  g_assert_true (jd_person_query_refresh (query, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (query)), ==, 0);

  JdPersonRecord record = {
    .id_number = p->id_number,
    .name = "欧阳锋",
    .household_address = "白沙村3组",
    .residence_address = p->residence_address,
    .village_id = p->village_id,
    .first_found_on = jd_day_new (2020, 1, 1) + 10,
  };
  g_assert_cmpint (jd_store_person (f->t.ledger, &record, NULL, &error), ==, JD_STORE_UPDATED);
  g_assert_no_error (error);

  /* The new name and address are found, by the index and by the scan. */
  g_assert_true (jd_person_query_refresh (query, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (query)), ==, 1);
  g_autoptr (JdPersonRow) row = g_list_model_get_item (G_LIST_MODEL (query), 0);
  g_assert_cmpint (jd_person_row_get_id (row), ==, p->id);
  g_assert_cmpstr (jd_person_row_get_name (row), ==, "欧阳锋");
  jd_person_query_set_text (query, "白沙村3组");
  g_assert_true (jd_person_query_refresh (query, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (query)), ==, 1);
  jd_person_query_set_text (query, "欧阳");
  g_assert_true (jd_person_query_refresh (query, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (query)), ==, 1);

  /* The old household address is gone from the index: searching for the
   * whole of it finds the others that share it, and not this person. */
  if (p->household_address)
    {
      jd_person_query_set_text (query, p->household_address);
      g_assert_true (jd_person_query_refresh (query, &error));
      g_autoptr (GArray) ids = model_ids (G_LIST_MODEL (query));
      for (guint i = 0; i < ids->len; i++)
        g_assert_cmpint (g_array_index (ids, gint64, i), !=, p->id);
    }
}

static void
count_changes_cb (GListModel *model, guint position, guint removed, guint added, guint *changes)
{
  /* Always the whole list: nothing before, everything after. */
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpuint (added, ==, g_list_model_get_n_items (model));
  (*changes)++;
}

static void
test_paging_and_sorting (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdPersonQuery) query = jd_person_query_new (f->t.ledger, NULL);
  GListModel *model = G_LIST_MODEL (query);
  guint changes = 0;

  g_signal_connect (model, "items-changed", G_CALLBACK (count_changes_cb), &changes);
  g_assert_true (jd_person_query_reload (query, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);

  /* 240 persons counted, none read yet; item 150 reads its page alone (rows
   * 120–159 in pages of 40), the page's last row reads nothing more, and the
   * last item reads the last page, rows 200–239. */
  G_STATIC_ASSERT (JD_PERSON_QUERY_PAGE_SIZE == 40 && N_PERSONS == 240);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_PERSONS);
  g_assert_cmpuint (jd_person_query_get_n_loaded (query), ==, 0);
  g_autoptr (JdPersonRow) middle = g_list_model_get_item (model, 150);
  g_assert_nonnull (middle);
  g_assert_cmpuint (jd_person_query_get_n_loaded (query), ==, 40);
  g_autoptr (JdPersonRow) again = g_list_model_get_item (model, 159);
  g_assert_cmpuint (jd_person_query_get_n_loaded (query), ==, 40);
  g_autoptr (JdPersonRow) last = g_list_model_get_item (model, 239);
  g_assert_cmpuint (jd_person_query_get_n_loaded (query), ==, 80);

  /* By name (byte order of UTF-8, then id), both ways. */
  for (int descending = 0; descending <= 1; descending++)
    {
      jd_person_query_set_sort (query, JD_PERSON_SORT_NAME, descending);
      g_assert_true (jd_person_query_refresh (query, &error));
      g_autoptr (JdPersonRow) prev = NULL;
      for (guint i = 0; i < N_PERSONS; i++)
        {
          g_autoptr (JdPersonRow) row = g_list_model_get_item (model, i);
          if (prev)
            {
              int order = strcmp (jd_person_row_get_name (prev), jd_person_row_get_name (row));
              if (order == 0)
                order = jd_person_row_get_id (prev) < jd_person_row_get_id (row) ? -1 : 1;
              g_assert_cmpint (descending ? -order : order, <, 0);
            }
          g_set_object (&prev, row);
        }
    }

  /* By first found, newest first: the fixture's person i was found on
   * 2020-01-01 + i days, so the last one made comes first. */
  jd_person_query_set_sort (query, JD_PERSON_SORT_FIRST_FOUND, TRUE);
  g_assert_true (jd_person_query_refresh (query, &error));
  g_autoptr (JdPersonRow) newest = g_list_model_get_item (model, 0);
  g_assert_cmpint (jd_person_row_get_id (newest), ==, f->persons[N_PERSONS - 1].id);
  g_assert_cmpuint (jd_person_row_get_first_found_on (newest), ==,
                    jd_day_new (2020, 1, 1) + N_PERSONS - 1);
}

static void
test_filters (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  JdWorkDueOptions options;
  jd_work_due_options_init (&options);
  options.today = jd_day_new (2024, 3, 5);
  Person *p = &f->persons[0];

  /* Person 0 under community detox since 2024-01-01, with no follow-up: on
   * 2024-03-05 the talk (due 01-01 + 2 months = 03-01) is 4 days overdue, the
   * urine test too, the home visit (01-01 + 1 month = 02-01) 33 days, the help
   * group and the
   * agreement (due 01-01) 64 days. Kinds: talk, urine, visit, help group,
   * agreement = bits 0 1 2 4 5 = 55. */
  JdStatusRecord status
      = { .person_id = p->id, .status = "community_detox", .started_on = jd_day_new (2024, 1, 1) };
  g_assert_cmpint (jd_store_status (f->t.ledger, &status, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  /* A talk on 2024-02-20 (before the due day, so the talk is not overdue)
   * and one on 2024-03-10, after today, which is no last talk yet. */
  JdFollowupRecord talk
      = { .person_id = p->id, .kind = "talk", .occurred_on = jd_day_new (2024, 2, 20) };
  g_assert_cmpint (jd_store_followup (f->t.ledger, &talk, &error), ==, JD_STORE_ADDED);
  talk.occurred_on = jd_day_new (2024, 3, 10);
  g_assert_cmpint (jd_store_followup (f->t.ledger, &talk, &error), ==, JD_STORE_ADDED);
  /* A refused urine test is no test. */
  JdFollowupRecord urine = { .person_id = p->id,
                             .kind = "urine_test",
                             .occurred_on = jd_day_new (2024, 2, 1),
                             .result = "refused" };
  g_assert_cmpint (jd_store_followup (f->t.ledger, &urine, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);

  g_autoptr (JdPersonQuery) query = jd_person_query_new (f->t.ledger, &options);
  GListModel *model = G_LIST_MODEL (query);

  /* Village: the fixture puts even persons in V01, odd ones in V02: 120 each. */
  jd_person_query_set_village (query, f->villages[1]);
  g_assert_true (jd_person_query_reload (query, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 120);
  g_autoptr (JdPersonRow) west = g_list_model_get_item (model, 0);
  g_assert_cmpstr (jd_person_row_get_village_name (west), ==, "西社区");
  jd_person_query_set_village (query, 0);

  /* Status: one person under community detox; the other 239 are at large. */
  jd_person_query_set_status (query, "community_detox");
  g_assert_true (jd_person_query_refresh (query, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_autoptr (JdPersonRow) row = g_list_model_get_item (model, 0);
  g_assert_cmpint (jd_person_row_get_id (row), ==, p->id);
  g_assert_cmpstr (jd_person_row_get_status (row), ==, "community_detox");
  g_assert_cmpuint (jd_person_row_get_last_talk_on (row), ==, jd_day_new (2024, 2, 20));
  g_assert_cmpuint (jd_person_row_get_last_urine_test_on (row), ==, 0);
  /* Talk due 02-20 + 2 months = 04-20: not overdue; the rest as above minus
   * the talk: bits 1 2 4 5 = 54, the most days 64. */
  g_assert_cmpuint (jd_person_row_get_overdue_kinds (row), ==, 54);
  g_assert_cmpint (jd_person_row_get_overdue_days (row), ==, 64);

  jd_person_query_set_status (query, "at_large");
  g_assert_true (jd_person_query_refresh (query, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_PERSONS - 1);
  jd_person_query_set_status (query, NULL);

  /* Overdue only: the one person; with the wrong village, nobody. */
  jd_person_query_set_overdue_only (query, TRUE);
  g_assert_true (jd_person_query_refresh (query, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  jd_person_query_set_village (query, f->villages[1]);
  g_assert_true (jd_person_query_refresh (query, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  jd_person_query_set_village (query, 0);
  jd_person_query_set_overdue_only (query, FALSE);

  /* Sorted by overdue days, most first: person 0 on top. */
  jd_person_query_set_sort (query, JD_PERSON_SORT_OVERDUE, TRUE);
  g_assert_true (jd_person_query_refresh (query, &error));
  g_autoptr (JdPersonRow) top = g_list_model_get_item (model, 0);
  g_assert_cmpint (jd_person_row_get_id (top), ==, p->id);

  /* The overdue marks follow the ledger after a reload: the help group and
   * the agreement recorded, only the urine test and the visit remain (6). */
  JdHelpMemberRecord member = {
    .person_id = p->id, .member_name = "张父", .role = "family", .since = jd_day_new (2024, 1, 2)
  };
  g_assert_cmpint (jd_store_help_member (f->t.ledger, &member, &error), ==, JD_STORE_ADDED);
  JdAgreementRecord agreement = { .person_id = p->id, .signed_on = jd_day_new (2024, 1, 2) };
  g_assert_cmpint (jd_store_agreement (f->t.ledger, &agreement, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  g_assert_true (jd_person_query_reload (query, &error));
  g_autoptr (JdPersonRow) after = g_list_model_get_item (model, 0);
  g_assert_cmpint (jd_person_row_get_id (after), ==, p->id);
  g_assert_cmpuint (jd_person_row_get_overdue_kinds (after), ==, 6);
  g_assert_cmpint (jd_person_row_get_overdue_days (after), ==, 33);
}

/* ---- many hits --------------------------------------------------------------------- */

#define N_MORE 3000

typedef struct
{
  gint64 id;
  char *name;
  char *id_number;
  char *household_address;
  char *residence_address;
  gint64 village_id;
} More;

static gboolean
person_matches (const char *name,
                const char *id_number,
                const char *household,
                const char *residence,
                const char *text)
{
  return contains (name, text) || contains (id_number, text) || contains (household, text)
         || contains (residence, text);
}

/* The query's rows for text (and village, 0: all), checked against a scan of
 * the fixture's persons and the N_MORE added: the same ids, in name order. */
static void
assert_many (Fixture *f, const More *more, JdPersonQuery *query, const char *text, gint64 village)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (int i = 0; i < N_PERSONS; i++)
    {
      const Person *p = &f->persons[i];
      if ((village == 0 || p->village_id == village)
          && person_matches (p->name, p->id_number, p->household_address, p->residence_address,
                             text))
        g_array_append_val (expected, p->id);
    }
  for (int i = 0; i < N_MORE; i++)
    {
      const More *m = &more[i];
      if ((village == 0 || m->village_id == village)
          && person_matches (m->name, m->id_number, m->household_address, m->residence_address,
                             text))
        g_array_append_val (expected, m->id);
    }
  g_array_sort (expected, compare_ids);

  jd_person_query_set_text (query, text);
  jd_person_query_set_village (query, village);
  g_assert_true (jd_person_query_refresh (query, &error));
  g_assert_no_error (error);

  /* In name order (byte order, as SQLite's BINARY), then by id. */
  GListModel *model = G_LIST_MODEL (query);
  guint n = g_list_model_get_n_items (model);
  g_autoptr (JdPersonRow) previous = NULL;
  for (guint i = 0; i < n; i++)
    {
      JdPersonRow *row = g_list_model_get_item (model, i);
      g_assert_nonnull (row);
      if (previous)
        {
          int order = strcmp (jd_person_row_get_name (previous), jd_person_row_get_name (row));
          g_assert_true (
              order < 0
              || (order == 0 && jd_person_row_get_id (previous) < jd_person_row_get_id (row)));
        }
      g_clear_object (&previous);
      previous = row;
    }

  g_autoptr (GArray) found = model_ids (model);
  if (found->len != expected->len
      || memcmp (found->data, expected->data, found->len * sizeof (gint64)) != 0)
    g_error ("“%s”: %u rows found, %u by the plain scan", text, found->len, expected->len);
}

/* More than 3,000 persons found, which the query hands to SQLite as a bitmap
 * rather than a list: the fixture's 240 and 3,000 more, all of whom live in
 * 东村 and have an ID number of 陆丰市 (441581). */
static void
test_many_hits (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree More *more = g_new0 (More, N_MORE);

  g_assert_true (jd_ledger_begin (f->t.ledger, &error));
  for (int i = 0; i < N_MORE; i++)
    {
      More *m = &more[i];
      /* Born 1950-01-01 + i days, sequence 500: none of the fixture's numbers. */
      GDate date;
      g_date_set_dmy (&date, 1, 1, 1950);
      g_date_add_days (&date, i);
      g_autofree char *first17 = g_strdup_printf ("441581%04d%02d%02d500", g_date_get_year (&date),
                                                  g_date_get_month (&date), g_date_get_day (&date));
      m->id_number = g_strdup_printf ("%s%c", first17, jd_id_number_check_digit (first17));
      m->name = g_strconcat (surnames[i % G_N_ELEMENTS (surnames)],
                             given[(i / G_N_ELEMENTS (surnames)) % G_N_ELEMENTS (given)], NULL);
      m->household_address = g_strdup_printf ("东村%d组%d号", i % 9 + 1, i % 60 + 1);
      if (i % 4 != 0)
        m->residence_address = g_strdup_printf ("城关镇东风路%d号", i % 300 + 1);
      m->village_id = f->villages[i % 2];
      JdPersonRecord record = {
        .id_number = m->id_number,
        .name = m->name,
        .household_address = m->household_address,
        .residence_address = m->residence_address,
        .village_id = m->village_id,
        .first_found_on = jd_day_new (2021, 1, 1),
      };
      g_assert_cmpint (jd_store_person (f->t.ledger, &record, &m->id, &error), ==, JD_STORE_ADDED);
      g_assert_no_error (error);
    }
  g_assert_true (jd_ledger_commit (f->t.ledger, &error));

  g_autoptr (JdPersonQuery) query = jd_person_query_new (f->t.ledger, NULL);
  g_assert_true (jd_person_query_reload (query, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (query)), ==, N_PERSONS + N_MORE);

  /* 1 and 2 characters (the scan), 3 and more (the trigram index), each over
   * 3,000 hits; then fewer, and the same with a village filter. */
  const char *const texts[] = { "东", "东村", "441581", "4415", "1", "19", "组1", "东风路1" };
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      assert_many (f, more, query, texts[i], 0);
      assert_many (f, more, query, texts[i], f->villages[1]);
    }

  for (int i = 0; i < N_MORE; i++)
    {
      g_free (more[i].name);
      g_free (more[i].id_number);
      g_free (more[i].household_address);
      g_free (more[i].residence_address);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/person-query/search-paths", Fixture, NULL, fixture_set_up, test_search_paths,
              fixture_tear_down);
  g_test_add ("/person-query/fts-follows-changes", Fixture, NULL, fixture_set_up,
              test_fts_follows_changes, fixture_tear_down);
  g_test_add ("/person-query/paging-and-sorting", Fixture, NULL, fixture_set_up,
              test_paging_and_sorting, fixture_tear_down);
  g_test_add ("/person-query/filters", Fixture, NULL, fixture_set_up, test_filters,
              fixture_tear_down);
  g_test_add ("/person-query/many-hits", Fixture, NULL, fixture_set_up, test_many_hits,
              fixture_tear_down);

  return g_test_run ();
}
