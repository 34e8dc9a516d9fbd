/* test-cli-numbers.c: jindu indicators and jindu readiness through $JINDU
 *
 * The ledger is written through jd-store.h:
 *   V01 东村 5000 residents: P1 first found 2023-03-01, community_detox from
 *       that day with a helper and an agreement; a negative urine test 2024-02-01
 *   V02 西村 5000 residents: P2 first found 2024-05-01, a use 2024-08-01 (a
 *       relapse), no status; P3 first found 2010-01-01, deceased 2020-01-01
 * No title, no activity, no letter.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "jd-date.h"
#include "jd-id-number.h"
#include "jd-ledger-private.h"
#include "jd-ledger.h"
#include "jd-store.h"
#include "jd-test-run.h"

#define D(y, m, d) jd_day_new (y, m, d)

typedef JdTestLedger Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  jd_test_set_today (f, D (2025, 6, 30));
  jd_test_ledger_set_up (f, "jd-cli-numbers-XXXXXX");
  JdLedger *ledger = f->ledger;
  gint64 v01 = 0, v02 = 0;
  JdVillageRecord east = { .code = "V01", .name = "东村", .resident_population = 5000 };
  JdVillageRecord west = { .code = "V02", .name = "西村", .resident_population = 5000 };
  jd_test_ok (jd_store_village (ledger, &east, &v01, &error), error);
  jd_test_ok (jd_store_village (ledger, &west, &v02, &error), error);

  gint64 p1 = jd_test_add_resident (ledger, v01, "张一", "19900101", 1, D (2023, 3, 1), "某街1号");
  JdStatusRecord detox
      = { .person_id = p1, .status = "community_detox", .started_on = D (2023, 3, 1) };
  jd_test_ok (jd_store_status (ledger, &detox, &error), error);
  JdHelpMemberRecord helper
      = { .person_id = p1, .member_name = "李四", .role = "family", .since = D (2023, 3, 1) };
  jd_test_ok (jd_store_help_member (ledger, &helper, &error), error);
  JdAgreementRecord agreement = { .person_id = p1, .signed_on = D (2023, 3, 1) };
  jd_test_ok (jd_store_agreement (ledger, &agreement, &error), error);
  JdFollowupRecord test = {
    .person_id = p1, .kind = "urine_test", .occurred_on = D (2024, 2, 1), .result = "negative"
  };
  jd_test_ok (jd_store_followup (ledger, &test, &error), error);

  gint64 p2 = jd_test_add_resident (ledger, v02, "王二", "19900101", 2, D (2024, 5, 1), "某街1号");
  JdUseEventRecord use = { .person_id = p2, .occurred_on = D (2024, 8, 1), .source = "police" };
  jd_test_ok (jd_store_use_event (ledger, &use, &error), error);

  gint64 p3 = jd_test_add_resident (ledger, v02, "赵三", "19900101", 3, D (2010, 1, 1), "某街1号");
  JdStatusRecord deceased = { .person_id = p3, .status = "deceased", .started_on = D (2020, 1, 1) };
  jd_test_ok (jd_store_status (ledger, &deceased, &error), error);
  jd_test_ledger_close (f);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The members of an object, in order, joined by spaces. */
static char *
members (JsonObject *object)
{
  g_autoptr (GList) names = json_object_get_members (object);
  GString *out = g_string_new (NULL);
  for (GList *l = names; l; l = l->next)
    g_string_append_printf (out, "%s%s", out->len ? " " : "", (const char *)l->data);
  return g_string_free (out, FALSE);
}

#define KEYS_OF_4                                                                                  \
  "year as_of registered exited abstinent_1y abstinent_3y long_custody long_missing "              \
  "current_users status_counts new_users population new_per_10k relapse_persons relapse_base "     \
  "relapse_rate community_persons urine_tested urine_test_rate help_required help_covered "        \
  "help_rate villages_total villages_titled coverage urine_tests_required urine_tests_done "       \
  "urine_count_rate society_persons society_tested society_urine_rate separated_persons "          \
  "separated_found separated_found_rate awareness activities publicity_rate"

#define STATUS_KEYS                                                                                \
  "community_detox community_rehab compulsory voluntary maintenance custody at_large missing "     \
  "deceased emigrated moved_out"

static void
assert_count (JsonObject *o, const char *key, gint64 expected)
{
  JsonNode *node = json_object_get_member (o, key);
  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  if (json_node_get_int (node) != expected)
    g_error ("%s: expected %" G_GINT64_FORMAT ", got %" G_GINT64_FORMAT, key, expected,
             json_node_get_int (node));
}

static void
assert_ratio (JsonObject *o, const char *key, double expected)
{
  JsonNode *node = json_object_get_member (o, key);
  g_assert_nonnull (node);
  if (isnan (expected))
    {
      g_assert_true (JSON_NODE_HOLDS_NULL (node));
      return;
    }
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpfloat_with_epsilon (json_node_get_double (node), expected, 1e-9);
}

/* --year: one object with exactly the keys of §4, year and as_of. */
static void
test_year_json (Fixture *f, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  run_jindu (&run, "indicators", "--db", f->path, "--year", "2024", "--json", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_autoptr (JsonNode) root = parse (run.out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  JsonObject *o = json_node_get_object (root);
  g_autofree char *keys = members (o);
  g_assert_cmpstr (keys, ==, KEYS_OF_4);
  JsonObject *statuses = json_object_get_object_member (o, "status_counts");
  g_assert_nonnull (statuses);
  g_autofree char *status_keys = members (statuses);
  g_assert_cmpstr (status_keys, ==, STATUS_KEYS);

  g_assert_cmpint (json_object_get_int_member (o, "year"), ==, 2024);
  g_assert_cmpstr (json_object_get_string_member (o, "as_of"), ==, "2024-12-31");
  /* P1 P2 P3; P3 deceased; P1's last use 2023-03-01 is a year old on 2024-03-01;
   * P2 used in August; current: P1 P2. */
  assert_count (o, "registered", 3);
  assert_count (o, "exited", 1);
  assert_count (o, "abstinent_1y", 1);
  assert_count (o, "abstinent_3y", 0);
  assert_count (o, "current_users", 2);
  assert_count (statuses, "community_detox", 1);
  assert_count (statuses, "at_large", 1);
  assert_count (statuses, "deceased", 1);
  assert_count (statuses, "missing", 0);
  /* P2 is new: 1 per 10,000 residents; P2 relapsed, of P1 and P2. */
  assert_count (o, "new_users", 1);
  assert_count (o, "population", 10000);
  assert_ratio (o, "new_per_10k", 1.0);
  assert_count (o, "relapse_persons", 1);
  assert_count (o, "relapse_base", 2);
  assert_ratio (o, "relapse_rate", 0.5);
  assert_count (o, "community_persons", 1);
  assert_ratio (o, "urine_test_rate", 1.0);
  assert_ratio (o, "help_rate", 1.0);
  assert_count (o, "villages_total", 2);
  assert_ratio (o, "coverage", 0);
  assert_count (o, "activities", 0);
  assert_ratio (o, "publicity_rate", 0);
  /* P1's community_detox covers the 366 days of 2024: ceil (366 / 61) = 6 tests
   * due, one done. In society at D: P1 (community_detox) and P2 (at large), P1
   * tested. Nobody lives away from a household village; no survey. */
  assert_count (o, "urine_tests_required", 6);
  assert_count (o, "urine_tests_done", 1);
  assert_ratio (o, "urine_count_rate", 1.0 / 6);
  assert_count (o, "society_persons", 2);
  assert_count (o, "society_tested", 1);
  assert_ratio (o, "society_urine_rate", 0.5);
  assert_count (o, "separated_persons", 0);
  assert_count (o, "separated_found", 0);
  assert_ratio (o, "separated_found_rate", NAN);
  JsonObject *awareness = json_object_get_object_member (o, "awareness");
  g_assert_nonnull (awareness);
  g_autofree char *group_keys = members (awareness);
  g_assert_cmpstr (group_keys, ==, "public migrant venue_staff students");
  for (const char *const *g
       = (const char *const[]){ "public", "migrant", "venue_staff", "students", NULL };
       *g; g++)
    {
      JsonObject *group = json_object_get_object_member (awareness, *g);
      g_assert_nonnull (group);
      g_autofree char *group_members = members (group);
      g_assert_cmpstr (group_members, ==, "sampled aware rate");
      assert_count (group, "sampled", 0);
      assert_count (group, "aware", 0);
      assert_ratio (group, "rate", NAN);
    }
}

/* --from/--to: an array, one object per year; null ratios stay null. */
static void
test_range_json (Fixture *f, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  run_jindu (&run, "indicators", "--db", f->path, "--from", "2015", "--to", "2024", "--json", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_autoptr (JsonNode) root = parse (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  JsonArray *years = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (years), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      JsonObject *o = json_array_get_object_element (years, i);
      g_autofree char *keys = members (o);
      g_assert_cmpstr (keys, ==, KEYS_OF_4);
      g_assert_cmpint (json_object_get_int_member (o, "year"), ==, 2015 + i);
    }

  /* 2015: only P3, at large; nobody under community measures: null rates. */
  JsonObject *y2015 = json_array_get_object_element (years, 0);
  assert_count (y2015, "registered", 1);
  assert_ratio (y2015, "urine_test_rate", NAN);
  assert_ratio (y2015, "help_rate", NAN);
  assert_ratio (y2015, "relapse_rate", 0);
  assert_ratio (y2015, "new_per_10k", 0);
  /* 2023: P1 new and tested only in 2024. */
  JsonObject *y2023 = json_array_get_object_element (years, 8);
  assert_count (y2023, "new_users", 1);
  assert_count (y2023, "community_persons", 1);
  assert_ratio (y2023, "urine_test_rate", 0);

  /* The last element is what --year 2024 says. */
  g_auto (Run) one = { 0 };
  run_jindu (&one, "indicators", "--db", f->path, "--year", "2024", "--json", NULL);
  g_autoptr (JsonNode) alone = parse (one.out);
  g_assert_true (json_node_equal (alone, json_array_get_element (years, 9)));

  /* --as-of applies to the last year. */
  g_auto (Run) as_of = { 0 };
  run_jindu (&as_of, "indicators", "--db", f->path, "--from", "2023", "--to", "2024", "--as-of",
             "2024/6/15", "--json", NULL);
  g_assert_cmpint (as_of.status, ==, 0);
  g_autoptr (JsonNode) pair = parse (as_of.out);
  JsonArray *two = json_node_get_array (pair);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (two, 0), "as_of"),
                   ==, "2023-12-31");
  JsonObject *june = json_array_get_object_element (two, 1);
  g_assert_cmpstr (json_object_get_string_member (june, "as_of"), ==, "2024-06-15");
  /* By June 15 P2 is new but has not used again yet. */
  assert_count (june, "relapse_persons", 0);
  assert_count (june, "new_users", 1);
}

/* Without --json: a table, labels left, numbers right under the years. */
static void
test_table (Fixture *f, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  run_jindu (&run, "indicators", "--db", f->path, "--from", "2023", "--to", "2024", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_auto (GStrv) lines = g_strsplit (run.out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "Year"));
  g_assert_true (g_str_has_suffix (lines[0], "2023        2024"));
  gboolean found = FALSE;
  for (char **line = lines; *line; line++)
    if (g_str_has_prefix (*line, "Registered users"))
      {
        found = TRUE;
        g_assert_true (g_str_has_suffix (*line, "   2           3"));
        g_assert_cmpuint (strlen (*line), ==, strlen (lines[0]));
      }
    else if (g_str_has_prefix (*line, "Relapse rate"))
      g_assert_true (g_str_has_suffix (*line, "0.0%       50.0%"));
  g_assert_true (found);
}

/* Exit codes of §5 and a one-line reason on stderr. */
static void
test_usage (Fixture *f, gconstpointer data)
{
  const struct
  {
    const char *args[8];
    int status;
    const char *says;
  } cases[] = {
    { { "indicators", "--db", f->path, NULL }, 1, "--year" },
    { { "indicators", "--db", f->path, "--year", "abc", NULL }, 1, "abc" },
    { { "indicators", "--db", f->path, "--year", "20245", NULL }, 1, "20245" },
    { { "indicators", "--db", f->path, "--year", "2024", "--from", "2023", NULL }, 1, "not both" },
    { { "indicators", "--db", f->path, "--from", "2023", NULL }, 1, "--to" },
    { { "indicators", "--db", f->path, "--from", "2025", "--to", "2024", NULL }, 1, "2025" },
    { { "indicators", "--db", f->path, "--year", "2024", "--as-of", "2023-05-01", NULL },
      1,
      "2023-05-01" },
    { { "indicators", "--db", f->path, "--year", "2024", "--as-of", "soon", NULL }, 1, "soon" },
    { { "indicators", "--db", f->path, "--year", "2024", "extra", NULL }, 1, "extra" },
    { { "indicators", "--db", "/nonexistent/ledger.db", "--year", "2024", NULL },
      3,
      "/nonexistent/ledger.db" },
    { { "readiness", "--db", f->path, NULL }, 1, "--year" },
    { { "readiness", "--db", f->path, "--year", "24", NULL }, 1, "24" },
    { { "readiness", "--db", f->path, "--year", "2024", "--as-of", "2025-01-01", NULL },
      1,
      "2025-01-01" },
    { { "readiness", "--db", "/nonexistent/ledger.db", "--year", "2024", NULL },
      3,
      "/nonexistent/ledger.db" },
  };
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_auto (Run) run = { 0 };
      const char *const *a = cases[k].args;
      run_jindu (&run, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], NULL);
      if (run.status != cases[k].status || strstr (run.err, cases[k].says) == NULL)
        g_error ("case %u: exit %d, stderr “%s”", k, run.status, run.err);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "jindu: "));
    }

  /* A file that is not a ledger: 3, and the file is left alone. */
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (text, "hello", -1, NULL));
  g_auto (Run) run = { 0 };
  run_jindu (&run, "indicators", "--db", text, "--year", "2024", "--json", NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_autofree char *after = NULL;
  g_assert_true (g_file_get_contents (text, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "hello");
  g_unlink (text);
}

/* readiness --json: every village with its ten standards, met true, false or null. */
static void
test_readiness_json (Fixture *f, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  run_jindu (&run, "readiness", "--db", f->path, "--year", "2024", "--json", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_autoptr (JsonNode) root = parse (run.out);
  JsonArray *villages = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (villages), ==, 2);

  /* V01: P1 helped but never talked to in 2024 (→ 2); no letters (→ 4), no
   * activity (→ 7), no site (→ 8). V02: P2 relapsed (→ 2), has no status (→ 3)
   * and is new (→ 5). 6, 9 and 10 are manual. */
  const char *const expected[2][10]
      = { { "true", "false", "true", "false", "true", "null", "false", "false", "null", "null" },
          { "true", "false", "false", "false", "false", "null", "false", "false", "null",
            "null" } };
  const char *const codes[] = { "V01", "V02" };
  const char *const names[] = { "东村", "西村" };
  for (guint v = 0; v < 2; v++)
    {
      JsonObject *village = json_array_get_object_element (villages, v);
      g_autofree char *keys = members (village);
      g_assert_cmpstr (keys, ==, "code name standards");
      g_assert_cmpstr (json_object_get_string_member (village, "code"), ==, codes[v]);
      g_assert_cmpstr (json_object_get_string_member (village, "name"), ==, names[v]);
      JsonArray *standards = json_object_get_array_member (village, "standards");
      g_assert_cmpuint (json_array_get_length (standards), ==, 10);
      for (guint k = 0; k < 10; k++)
        {
          JsonObject *s = json_array_get_object_element (standards, k);
          g_autofree char *skeys = members (s);
          g_assert_cmpstr (skeys, ==, "no met evidence");
          g_assert_cmpint (json_object_get_int_member (s, "no"), ==, k + 1);
          JsonNode *met = json_object_get_member (s, "met");
          const char *got = JSON_NODE_HOLDS_NULL (met)    ? "null"
                            : json_node_get_boolean (met) ? "true"
                                                          : "false";
          if (!JSON_NODE_HOLDS_NULL (met))
            g_assert_cmpint (json_node_get_value_type (met), ==, G_TYPE_BOOLEAN);
          if (!g_str_equal (got, expected[v][k]))
            g_error ("%s standard %u: expected %s, got %s", codes[v], k + 1, expected[v][k], got);
          g_assert_cmpstr (json_object_get_string_member (s, "evidence"), !=, "");
        }
    }
  JsonObject *v02 = json_array_get_object_element (villages, 1);
  JsonObject *s2
      = json_array_get_object_element (json_object_get_array_member (v02, "standards"), 1);
  g_assert_nonnull (strstr (json_object_get_string_member (s2, "evidence"), "王二"));
  g_assert_nonnull (strstr (json_object_get_string_member (s2, "evidence"), "2024-08-01"));
}

static void
test_readiness_table (Fixture *f, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  run_jindu (&run, "readiness", "--db", f->path, "--year", "2024", "--as-of", "2024-06-30", NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* By June 30 P2 has not relapsed, but he was found on 2024-05-01: a current
   * user, so V02 fails 2 as well as 3, 4, 5, 7, 8. */
  g_assert_nonnull (strstr (run.out, "as of 2024-06-30"));
  g_assert_nonnull (strstr (run.out, "V02   西村     ✓  ✗  ✗  ✗  ✗  ?  ✗  ✗  ?  ?"));
  g_assert_nonnull (strstr (run.out, "V01   东村     ✓  ✗  ✓  ✗  ✓  ?  ✗  ✗  ?  ?"));
}

/* The standard of a village in readiness --json: "true", "false" or "null",
 * and its evidence. */
static const char *
standard_of (JsonArray *villages, const char *code, guint no, const char **evidence)
{
  for (guint v = 0; v < json_array_get_length (villages); v++)
    {
      JsonObject *village = json_array_get_object_element (villages, v);
      if (!g_str_equal (json_object_get_string_member (village, "code"), code))
        continue;
      JsonObject *s = json_array_get_object_element (
          json_object_get_array_member (village, "standards"), no - 1);
      *evidence = json_object_get_string_member (s, "evidence");
      JsonNode *met = json_object_get_member (s, "met");
      return JSON_NODE_HOLDS_NULL (met) ? "null" : json_node_get_boolean (met) ? "true" : "false";
    }
  g_error ("no village %s", code);
}

static gint64
village_id (JdLedger *ledger, const char *code)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, "SELECT id FROM village WHERE code = ?", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  gint64 id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/* The rules of the source documents, through the JSON a script reads. Added
 * to the fixture:
 *   P4 (V02) first found 2015-03-01, missing since 2019-03-01, never seen
 *      using: on 2022-12-31 not abstinent but a current user; on 2023-12-31
 *      missing four years (long_missing), no longer current
 *   P5 (V01) first found 2017-06-01: community detox 2018-01-01 (agreement
 *      2018-01-05), compulsory 2020-01-01 (an agreement signed there on
 *      2021-12-20), community rehabilitation from 2022-01-01, a helper all along:
 *      required but not helped in 2022, nor in 2024
 *   letters of V01 signed 2024-03-10 at village_group and village_household */
static void
test_source_rules (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (JdLedger) ledger = jd_ledger_open (f->path, &error);
    g_assert_no_error (error);
    gint64 v01 = village_id (ledger, "V01"), v02 = village_id (ledger, "V02");
    gint64 p4
        = jd_test_add_resident (ledger, v02, "钱四", "19900101", 4, D (2015, 3, 1), "某街1号");
    JdStatusRecord missing = { .person_id = p4, .status = "missing", .started_on = D (2019, 3, 1) };
    jd_test_ok (jd_store_status (ledger, &missing, &error), error);
    gint64 p5
        = jd_test_add_resident (ledger, v01, "孙五", "19900101", 5, D (2017, 6, 1), "某街1号");
    const struct
    {
      const char *status;
      JdDay start;
    } spans[] = { { "community_detox", D (2018, 1, 1) },
                  { "compulsory", D (2020, 1, 1) },
                  { "community_rehab", D (2022, 1, 1) } };
    for (guint k = 0; k < G_N_ELEMENTS (spans); k++)
      {
        JdStatusRecord r
            = { .person_id = p5, .status = spans[k].status, .started_on = spans[k].start };
        jd_test_ok (jd_store_status (ledger, &r, &error), error);
      }
    JdHelpMemberRecord helper
        = { .person_id = p5, .member_name = "周六", .role = "cadre", .since = D (2018, 1, 1) };
    jd_test_ok (jd_store_help_member (ledger, &helper, &error), error);
    const JdDay signed_on[] = { D (2018, 1, 5), D (2021, 12, 20) };
    for (guint k = 0; k < G_N_ELEMENTS (signed_on); k++)
      {
        JdAgreementRecord r = { .person_id = p5, .signed_on = signed_on[k] };
        jd_test_ok (jd_store_agreement (ledger, &r, &error), error);
      }
    const char *const levels[] = { "village_group", "village_household" };
    for (guint k = 0; k < G_N_ELEMENTS (levels); k++)
      {
        JdLetterRecord r
            = { .village_id = v01, .level = levels[k], .signed_on = D (2024, 3, 10), .copies = -1 };
        jd_test_ok (jd_store_letter (ledger, &r, &error), error);
      }
  }

  g_auto (Run) run = { 0 };
  run_jindu (&run, "indicators", "--db", f->path, "--from", "2022", "--to", "2024", "--json", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_autoptr (JsonNode) root = parse (run.out);
  JsonArray *years = json_node_get_array (root);
  JsonObject *y2022 = json_array_get_object_element (years, 0);
  JsonObject *y2023 = json_array_get_object_element (years, 1);
  JsonObject *y2024 = json_array_get_object_element (years, 2);
  /* 2022: P3 (deceased), P4 (missing), P5 (abstinent since 2017-06-01). */
  assert_count (y2022, "registered", 3);
  assert_count (y2022, "exited", 1);
  assert_count (y2022, "abstinent_1y", 1);  /* P5; not P4, missing */
  assert_count (y2022, "abstinent_3y", 1);  /* P5 */
  assert_count (y2022, "long_missing", 0);  /* 2019-03-01 + 4 years = 2023-03-01 */
  assert_count (y2022, "current_users", 1); /* P4 */
  /* P5 under rehabilitation, with a helper but no agreement of his own. */
  assert_count (y2022, "help_required", 1);
  assert_count (y2022, "help_covered", 0);
  assert_ratio (y2022, "help_rate", 0);
  /* 2023: P1 too (found 2023-03-01); P4 long missing. */
  assert_count (y2023, "registered", 4);
  assert_count (y2023, "abstinent_1y", 1);
  assert_count (y2023, "long_missing", 1);
  assert_count (y2023, "current_users", 1); /* P1 */
  /* 2024: P1 (helped, agreement on his detox's first day) and P5 (not). */
  assert_count (y2024, "help_required", 2);
  assert_count (y2024, "help_covered", 1);
  assert_ratio (y2024, "help_rate", 0.5);

  /* Readiness as of 2025-01-31: V01's letters of March 2024 are in force (4 was
   * false for want of letters); P5 is not helped for his measure (2). */
  g_auto (Run) ready = { 0 };
  run_jindu (&ready, "readiness", "--db", f->path, "--year", "2025", "--as-of", "2025-01-31",
             "--json", NULL);
  g_assert_cmpstr (ready.err, ==, "");
  g_assert_cmpint (ready.status, ==, 0);
  g_autoptr (JsonNode) ready_root = parse (ready.out);
  JsonArray *villages = json_node_get_array (ready_root);
  const char *evidence = NULL;
  g_assert_cmpstr (standard_of (villages, "V01", 4, &evidence), ==, "true");
  g_assert_nonnull (strstr (evidence, "2024-02-01"));
  g_assert_cmpstr (standard_of (villages, "V01", 2, &evidence), ==, "false");
  g_assert_nonnull (strstr (evidence, "孙五"));
  g_assert_nonnull (strstr (evidence, "no agreement for this measure"));
  /* V02: P2 a current user (last use 2024-08-01), P4 missing four years is not. */
  g_assert_cmpstr (standard_of (villages, "V02", 2, &evidence), ==, "false");
  g_assert_nonnull (strstr (evidence, "王二"));
  g_assert_null (strstr (evidence, "钱四"));
  g_assert_cmpstr (standard_of (villages, "V02", 1, &evidence), ==, "false");
  g_assert_nonnull (strstr (evidence, "钱四"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func)                                                                            \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, jd_test_fixture_tear_down)
  ADD ("/cli/indicators/year-json", test_year_json);
  ADD ("/cli/indicators/range-json", test_range_json);
  ADD ("/cli/indicators/table", test_table);
  ADD ("/cli/numbers/usage", test_usage);
  ADD ("/cli/readiness/json", test_readiness_json);
  ADD ("/cli/readiness/table", test_readiness_table);
  ADD ("/cli/numbers/source-rules", test_source_rules);
#undef ADD

  return g_test_run ();
}
