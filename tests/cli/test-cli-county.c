/* test-cli-county.c: jindu package, county, transfer through $JINDU (docs/contract.md §9)
 *
 * Three demo townships (seeds 1, 2, 3, named 甲镇, 乙镇, 丙镇); 丙镇 also
 * registers two persons of 甲镇 by their ID numbers. Each writes a package;
 * the county ledger gathers the three.
 */
#define _GNU_SOURCE
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "jd-county.h"
#include "jd-date.h"
#include "jd-demo.h"
#include "jd-error.h"
#include "jd-indicators.h"
#include "jd-ledger-private.h"
#include "jd-ledger.h"
#include "jd-package.h"
#include "jd-store.h"
#include "jd-test-run.h"

#define N_TOWNSHIPS 3
static const char *const names[N_TOWNSHIPS] = { "甲镇", "乙镇", "丙镇" };
static char *dir, *county_db, *dbs[N_TOWNSHIPS], *packages[N_TOWNSHIPS];
static char *shared[2];                 /* the ID numbers 甲镇 and 丙镇 both register */
static char *fingerprints[N_TOWNSHIPS]; /* as jindu package printed them */

static void
make_township (int t)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *file = g_strdup_printf ("t%d.db", t);
  dbs[t] = g_build_filename (dir, file, NULL);
  g_autoptr (JdLedger) ledger = jd_ledger_create (dbs[t], names[t], "某县", &error);
  g_assert_no_error (error);
  g_assert_true (jd_demo_fill (ledger, JD_DEMO_TOWNSHIP, t + 1, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The demo names its township: each gets its own name back. */
  g_assert_true (jd_ledger_begin (ledger, &error));
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, "UPDATE township SET name = ?", &error);
  g_assert_no_error (error);
  jd_bind_text (stmt, 1, names[t]);
  g_assert_true (jd_ledger_step_done (ledger, stmt, &error));
  g_assert_true (jd_ledger_commit (ledger, &error));
}

static char *
query_text (JdLedger *ledger, const char *sql)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  char *text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

static gint64
query_int (const char *db, const char *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (db, &error);
  g_assert_no_error (error);
  g_autofree char *text = query_text (ledger, sql);
  return g_ascii_strtoll (text, NULL, 10);
}

/* 丙镇 registers two of 甲镇's persons (the same ID numbers). */
static void
share_two_persons (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) first = jd_ledger_open (dbs[0], &error);
  g_assert_no_error (error);
  shared[0] = query_text (first, "SELECT id_number FROM person ORDER BY id LIMIT 1");
  shared[1] = query_text (first, "SELECT id_number FROM person ORDER BY id LIMIT 1 OFFSET 7");
  g_autoptr (JdLedger) third = jd_ledger_open (dbs[2], &error);
  g_assert_no_error (error);
  g_autofree char *village = query_text (third, "SELECT min (id) FROM village");
  for (int i = 0; i < 2; i++)
    {
      JdPersonRecord r = { .id_number = shared[i],
                           .name = "重复",
                           .village_id = g_ascii_strtoll (village, NULL, 10),
                           .first_found_on = jd_day_new (2024, 1, 10) };
      g_assert_true (jd_ledger_begin (third, &error));
      g_assert_cmpint (jd_store_person (third, &r, NULL, &error), ==, JD_STORE_ADDED);
      g_assert_no_error (error);
      g_assert_true (jd_ledger_commit (third, &error));
    }
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *)a, *(char *const *)b);
}

/* What a refused package leaves to compare: the county's list and its folder. */
static char *
county_state (void)
{
  g_auto (Run) run = { 0 };
  run_jindu (&run, "county", "list", "--db", county_db, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_autoptr (GString) state = g_string_new (run.out);
  g_autofree char *folder = g_strconcat (county_db, ".townships", NULL);
  g_autoptr (GDir) d = g_dir_open (folder, 0, NULL);
  g_assert_nonnull (d);
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (d)))
    g_ptr_array_add (files, g_strdup (name));
  g_ptr_array_sort (files, compare_names);
  for (guint i = 0; i < files->len; i++)
    g_string_append_printf (state, "%s\n", (char *)files->pdata[i]);
  return g_string_free (g_steal_pointer (&state), FALSE);
}

static void
set_up_county (void)
{
  g_autoptr (GError) error = NULL;
  jd_set_today (jd_day_new (2026, 6, 30));
  dir = g_dir_make_tmp ("jd-county-XXXXXX", &error);
  g_assert_no_error (error);
  for (int t = 0; t < N_TOWNSHIPS; t++)
    make_township (t);
  share_two_persons ();
  for (int t = 0; t < N_TOWNSHIPS; t++)
    {
      g_autofree char *file = g_strdup_printf ("t%d.jdpkg", t);
      packages[t] = g_build_filename (dir, file, NULL);
      g_auto (Run) run = { 0 };
      run_jindu (&run, "package", "--db", dbs[t], "--out", packages[t], NULL);
      g_assert_cmpint (run.status, ==, 0);
      const char *at = strstr (run.out, "fingerprint ");
      g_assert_nonnull (at);
      fingerprints[t] = g_strndup (at + strlen ("fingerprint "), 39);
      GStatBuf st;
      g_assert_cmpint (g_stat (packages[t], &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
  county_db = g_build_filename (dir, "county.db", NULL);
  g_auto (Run) init = { 0 };
  run_jindu (&init, "county", "init", "--db", county_db, "--county", "某县", NULL);
  g_assert_cmpint (init.status, ==, 0);
  g_auto (Run) add = { 0 };
  run_jindu (&add, "county", "add", "--db", county_db, packages[0], packages[1], packages[2], NULL);
  if (add.status)
    g_printerr ("%s", add.err);
  g_assert_cmpint (add.status, ==, 0);
  /* Each key is trusted on first use, its fingerprint shown. */
  g_auto (GStrv) split = g_strsplit (add.out, "first package", -1);
  g_assert_cmpint (g_strv_length (split) - 1, ==, 3);
}

/* ---- the figures ----------------------------------------------------------------- */

static gint64
member_int (JsonObject *o, const char *key)
{
  return json_object_get_int_member (o, key);
}

static void
test_indicators_sum (void)
{
  JsonNode *parts[N_TOWNSHIPS];
  for (int t = 0; t < N_TOWNSHIPS; t++)
    parts[t]
        = jd_test_run_json ("indicators", "--db", dbs[t], "--from", "2016", "--to", "2025", "--json", NULL);
  g_autoptr (JsonNode) county = jd_test_run_json ("indicators", "--db", county_db, "--from", "2016", "--to",
                                          "2025", "--json", NULL);
  /* Every ratio from its numerator and denominator, summed over the townships. */
  static const struct
  {
    const char *ratio, *part, *whole;
    double scale;
  } ratios[] = {
    { "new_per_10k", "new_users", "population", 10000 },
    { "relapse_rate", "relapse_persons", "relapse_base", 1 },
    { "urine_test_rate", "urine_tested", "community_persons", 1 },
    { "help_rate", "help_covered", "help_required", 1 },
    { "coverage", "villages_titled", "villages_total", 1 },
    { "urine_count_rate", "urine_tests_done", "urine_tests_required", 1 },
    { "society_urine_rate", "society_tested", "society_persons", 1 },
    { "separated_found_rate", "separated_found", "separated_persons", 1 },
  };
  guint n_infos = 0;
  const JdIndicatorInfo *infos = jd_indicator_infos (&n_infos);
  JsonArray *years = json_node_get_array (county);
  g_assert_cmpuint (json_array_get_length (years), ==, 10);
  guint n_ratios_checked = 0;
  for (guint y = 0; y < 10; y++)
    {
      JsonObject *c = json_array_get_object_element (years, y);
      JsonObject *p[N_TOWNSHIPS];
      for (int t = 0; t < N_TOWNSHIPS; t++)
        p[t] = json_array_get_object_element (json_node_get_array (parts[t]), y);
      for (guint k = 0; k < n_infos; k++)
        {
          if (infos[k].kind == JD_INDICATOR_COUNT)
            {
              gint64 sum = 0;
              for (int t = 0; t < N_TOWNSHIPS; t++)
                sum += member_int (p[t], infos[k].key);
              g_assert_cmpint (member_int (c, infos[k].key), ==, sum);
            }
          else if (infos[k].kind == JD_INDICATOR_AWARENESS)
            for (int g = 0; g < JD_N_SURVEY_GROUPS; g++)
              {
                const char *group = jd_survey_group_key (g);
                gint64 sampled = 0, aware = 0;
                for (int t = 0; t < N_TOWNSHIPS; t++)
                  {
                    JsonObject *own = json_object_get_object_member (
                        json_object_get_object_member (p[t], "awareness"), group);
                    sampled += member_int (own, "sampled");
                    aware += member_int (own, "aware");
                  }
                JsonObject *all = json_object_get_object_member (
                    json_object_get_object_member (c, "awareness"), group);
                g_assert_cmpint (member_int (all, "sampled"), ==, sampled);
                g_assert_cmpint (member_int (all, "aware"), ==, aware);
                JsonNode *rate = json_object_get_member (all, "rate");
                if (sampled == 0)
                  g_assert_true (JSON_NODE_HOLDS_NULL (rate));
                else
                  g_assert_cmpfloat_with_epsilon (json_node_get_double (rate),
                                                  (double)aware / sampled, 1e-9);
              }
          else if (infos[k].kind == JD_INDICATOR_STATUS_COUNTS)
            for (int s = 0; s < JD_N_STATUSES; s++)
              {
                gint64 sum = 0;
                for (int t = 0; t < N_TOWNSHIPS; t++)
                  sum += member_int (json_object_get_object_member (p[t], "status_counts"),
                                     jd_status_key (s));
                g_assert_cmpint (member_int (json_object_get_object_member (c, "status_counts"),
                                             jd_status_key (s)),
                                 ==, sum);
              }
        }
      for (guint r = 0; r < G_N_ELEMENTS (ratios); r++)
        {
          gint64 part = 0, whole = 0;
          for (int t = 0; t < N_TOWNSHIPS; t++)
            {
              part += member_int (p[t], ratios[r].part);
              whole += member_int (p[t], ratios[r].whole);
            }
          JsonNode *value = json_object_get_member (c, ratios[r].ratio);
          if (whole == 0)
            g_assert_true (JSON_NODE_HOLDS_NULL (value));
          else
            {
              g_assert_cmpfloat_with_epsilon (json_node_get_double (value),
                                              part * ratios[r].scale / whole, 1e-9);
              n_ratios_checked++;
            }
        }
    }
  g_assert_cmpuint (n_ratios_checked, >, 30);
  /* Every ratio indicator of the engine is in the table above, but the
   * publicity rate, whose numerator and denominator JSON does not show. */
  for (guint k = 0; k < n_infos; k++)
    if (infos[k].kind == JD_INDICATOR_RATIO || infos[k].kind == JD_INDICATOR_PER_10K)
      {
        gboolean listed = g_str_equal (infos[k].key, "publicity_rate");
        for (guint r = 0; r < G_N_ELEMENTS (ratios); r++)
          listed = listed || g_str_equal (ratios[r].ratio, infos[k].key);
        g_assert_true (listed);
      }
  /* One township alone is that township's own figures. */
  g_autoptr (JsonNode) second = jd_test_run_json ("indicators", "--db", county_db, "--year", "2025",
                                          "--township", names[1], "--json", NULL);
  g_autofree char *a = json_to_string (second, FALSE);
  g_autofree char *b
      = json_to_string (json_array_get_element (json_node_get_array (parts[1]), 9), FALSE);
  g_assert_cmpstr (a, ==, b);
  for (int t = 0; t < N_TOWNSHIPS; t++)
    json_node_unref (parts[t]);
}

static void
test_readiness_per_village (void)
{
  g_autoptr (JsonNode) county
      = jd_test_run_json ("readiness", "--db", county_db, "--year", "2025", "--json", NULL);
  JsonArray *all = json_node_get_array (county);
  guint seen = 0;
  for (int t = 0; t < N_TOWNSHIPS; t++)
    {
      g_autoptr (JsonNode) own
          = jd_test_run_json ("readiness", "--db", dbs[t], "--year", "2025", "--json", NULL);
      JsonArray *villages = json_node_get_array (own);
      guint v = 0;
      for (guint i = 0; i < json_array_get_length (all); i++)
        {
          JsonObject *o = json_array_get_object_element (all, i);
          if (!g_str_equal (json_object_get_string_member (o, "township"), names[t]))
            continue;
          JsonObject *mine = json_array_get_object_element (villages, v++);
          g_assert_cmpuint (json_object_get_size (o), ==, json_object_get_size (mine) + 1);
          g_assert_cmpstr (json_object_get_string_member (o, "code"), ==,
                           json_object_get_string_member (mine, "code"));
          g_assert_cmpstr (json_object_get_string_member (o, "name"), ==,
                           json_object_get_string_member (mine, "name"));
          g_autofree char *a = json_to_string (json_object_get_member (o, "standards"), FALSE);
          g_autofree char *b = json_to_string (json_object_get_member (mine, "standards"), FALSE);
          g_assert_cmpstr (a, ==, b);
        }
      g_assert_cmpuint (v, ==, json_array_get_length (villages));
      seen += v;
    }
  g_assert_cmpuint (seen, ==, json_array_get_length (all));
}

static void
test_todo (void)
{
  g_autoptr (JsonNode) county = jd_test_run_json ("todo", "--db", county_db, "--json", NULL);
  guint n = 0;
  for (int t = 0; t < N_TOWNSHIPS; t++)
    {
      g_autoptr (JsonNode) own = jd_test_run_json ("todo", "--db", dbs[t], "--json", NULL);
      n += json_array_get_length (json_node_get_array (own));
    }
  JsonArray *all = json_node_get_array (county);
  g_assert_cmpuint (json_array_get_length (all), ==, n);
  g_assert_cmpuint (n, >, 0);
  /* Most overdue first across the county. */
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (member_int (json_array_get_object_element (all, i - 1), "overdue_days"), >=,
                     member_int (json_array_get_object_element (all, i), "overdue_days"));
}

static void
test_duplicates (void)
{
  g_autoptr (JsonNode) list = jd_test_run_json ("county", "duplicates", "--db", county_db, "--json", NULL);
  JsonArray *all = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (all), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *o = json_array_get_object_element (all, i);
      const char *id = json_object_get_string_member (o, "id_number");
      g_assert_true (g_str_equal (id, shared[0]) || g_str_equal (id, shared[1]));
      JsonArray *townships = json_object_get_array_member (o, "townships");
      g_assert_cmpuint (json_array_get_length (townships), ==, 2);
      /* By name: 丙镇 sorts before 甲镇 in UTF-8. */
      g_assert_cmpstr (json_array_get_string_element (townships, 0), ==, "丙镇");
      g_assert_cmpstr (json_array_get_string_element (townships, 1), ==, "甲镇");
    }
}

/* ---- refusals -------------------------------------------------------------------- */

static void
assert_refused (const char *package, const char *reason)
{
  g_autofree char *before = county_state ();
  g_auto (Run) run = { 0 };
  run_jindu (&run, "county", "add", "--db", county_db, package, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, package));
  g_assert_nonnull (strstr (run.err, reason));
  g_autofree char *after = county_state ();
  g_assert_cmpstr (before, ==, after);
}

static char *
copy_with_byte_changed (const char *from, const char *name, gsize offset)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  g_assert_true (g_file_get_contents (from, &data, &length, NULL));
  g_assert_cmpuint (offset, <, length);
  data[offset] ^= 0x01;
  char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, data, length, NULL));
  return path;
}

static void
test_refuse_changed_byte (void)
{
  gsize length = 0;
  g_autofree char *data = NULL;
  g_assert_true (g_file_get_contents (packages[1], &data, &length, NULL));
  /* A byte of the manifest (the township's as_of), and one of the snapshot. */
  g_autofree char *in_manifest = copy_with_byte_changed (packages[1], "manifest.jdpkg", 40);
  g_autofree char *in_payload = copy_with_byte_changed (packages[1], "payload.jdpkg", length / 2);
  g_autofree char *in_last = copy_with_byte_changed (packages[1], "last.jdpkg", length - 1);
  assert_refused (in_manifest, "damaged");
  assert_refused (in_payload, "damaged");
  assert_refused (in_last, "damaged");
  /* Cut short. */
  g_autofree char *short_path = g_build_filename (dir, "short.jdpkg", NULL);
  g_assert_true (g_file_set_contents (short_path, data, length - 100, NULL));
  assert_refused (short_path, "damaged");
}

static void
test_refuse_other_key (void)
{
  /* Another ledger that calls itself 乙镇 has a key of its own. */
  g_autoptr (GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "impostor.db", NULL);
  g_autoptr (JdLedger) ledger = jd_ledger_create (db, names[1], "某县", &error);
  g_assert_no_error (error);
  g_clear_object (&ledger);
  g_autofree char *package = g_build_filename (dir, "impostor.jdpkg", NULL);
  g_auto (Run) run = { 0 };
  run_jindu (&run, "package", "--db", db, "--out", package, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_refused (package, "another key");
}

static void
test_refuse_older (void)
{
  /* A newer package of 甲镇 replaces the one held; the first is then older. */
  g_autofree char *newer = g_build_filename (dir, "t0-newer.jdpkg", NULL);
  g_auto (Run) run = { 0 };
  run_jindu (&run, "package", "--db", dbs[0], "--out", newer, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_auto (Run) add = { 0 };
  run_jindu (&add, "county", "add", "--db", county_db, newer, NULL);
  g_assert_cmpint (add.status, ==, 0);
  assert_refused (packages[0], "not newer");
  assert_refused (newer, "not newer");
}

static void
test_refuse_newer_version (void)
{
  /* Signed by 甲镇's own key, but of a data version this program does not read. */
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (dbs[0], &error);
  g_assert_no_error (error);
  JdPackageManifest m = { .kind = "township",
                          .township = (char *)names[0],
                          .as_of = "2999-01-01T00:00:00.000000Z",
                          .data_version = JD_SCHEMA_VERSION + 1 };
  g_autofree char *snapshot = NULL;
  gsize length = 0;
  g_assert_true (g_file_get_contents (dbs[0], &snapshot, &length, NULL));
  g_autoptr (GBytes) payload = g_bytes_new (snapshot, length);
  g_autofree char *package = g_build_filename (dir, "future.jdpkg", NULL);
  g_assert_true (jd_package_write_bytes (ledger, &m, payload, package, JD_OUTPUT_NONE, &error));
  g_assert_no_error (error);
  g_free (m.sha256);
  g_free (m.fingerprint);
  assert_refused (package, "newer version");
}

static void
test_refuse_not_package (void)
{
  assert_refused (dbs[0], "not a Jindu Ledger package");
}

/* ---- transfer -------------------------------------------------------------------- */

static const char *const record_tables[]
    = { "status_span", "use_event", "help_member", "agreement", "followup" };

static gint64
count_rows (const char *db, const char *table, const char *id_number)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT count (*) FROM %s WHERE person_id = (SELECT id FROM person WHERE id_number = '%s')",
      table, id_number);
  return query_int (db, sql);
}

static void
test_transfer_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  const char *from = dbs[1], *to = dbs[0];
  /* The person of 乙镇 with the most follow-ups who is not in 甲镇. */
  g_autoptr (JdLedger) ledger = jd_ledger_open (from, &error);
  g_assert_no_error (error);
  g_autofree char *id = query_text (
      ledger, "SELECT p.id_number FROM person AS p JOIN followup AS f ON f.person_id = p.id"
              " WHERE NOT EXISTS (SELECT 1 FROM status_span AS s WHERE s.person_id = p.id"
              " AND s.status = 'deceased')"
              " GROUP BY p.id ORDER BY count (*) DESC, p.id LIMIT 1");
  g_clear_object (&ledger);
  gint64 before[G_N_ELEMENTS (record_tables)];
  for (guint t = 0; t < G_N_ELEMENTS (record_tables); t++)
    before[t] = count_rows (from, record_tables[t], id);
  g_assert_cmpint (before[4], >, 0);
  g_autofree char *person_sql = g_strdup_printf (
      "SELECT name || '|' || coalesce (phone, '') || '|' || first_found_on || '|'"
      " || coalesce (drug_type, '') FROM person WHERE id_number = '%s'",
      id);
  g_autoptr (JdLedger) sender = jd_ledger_open (from, &error);
  g_autofree char *person_before = query_text (sender, person_sql);
  g_clear_object (&sender);

  g_autofree char *package = g_build_filename (dir, "transfer.jdpkg", NULL);
  g_auto (Run) run = { 0 };
  run_jindu (&run, "transfer", "--db", from, "--id", id, "--to", names[0], "--out", package,
             "--today", "2026-06-30", NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* The sender's record ends with moved_out today, naming 甲镇. */
  g_autofree char *ended_sql = g_strdup_printf (
      "SELECT status || '|' || started_on || '|' || note FROM status_span WHERE ended_on IS NULL"
      " AND person_id = (SELECT id FROM person WHERE id_number = '%s')",
      id);
  sender = jd_ledger_open (from, &error);
  g_autofree char *ended = query_text (sender, ended_sql);
  g_clear_object (&sender);
  g_assert_true (g_str_has_prefix (ended, "moved_out|2026-06-30|"));
  g_assert_nonnull (strstr (ended, names[0]));

  /* A transfer is not a township's package. */
  assert_refused (package, "transfer");

  /* Without the village: usage; to the wrong township: refused. */
  g_auto (Run) no_village = { 0 };
  run_jindu (&no_village, "import", "--db", to, "transfer", package, NULL);
  g_assert_cmpint (no_village.status, ==, 1);
  g_auto (Run) wrong = { 0 };
  run_jindu (&wrong, "import", "--db", dbs[2], "transfer", package, "--village", "V01", NULL);
  g_assert_cmpint (wrong.status, ==, 2);
  g_assert_nonnull (strstr (wrong.err, "not to"));

  g_autofree char *village = NULL;
  {
    g_autoptr (JdLedger) receiver = jd_ledger_open (to, &error);
    village = query_text (receiver, "SELECT code FROM village ORDER BY code LIMIT 1");
  }
  gint64 persons_before = query_int (to, "SELECT count (*) FROM person");
  g_auto (Run) import = { 0 };
  run_jindu (&import, "import", "--db", to, "transfer", package, "--village", village, NULL);
  if (import.status)
    g_printerr ("%s", import.err);
  g_assert_cmpint (import.status, ==, 0);
  for (guint t = 0; t < G_N_ELEMENTS (record_tables); t++)
    g_assert_cmpint (count_rows (to, record_tables[t], id), ==, before[t]);
  g_autoptr (JdLedger) receiver = jd_ledger_open (to, &error);
  g_autofree char *person_after = query_text (receiver, person_sql);
  g_assert_cmpstr (person_after, ==, person_before);
  g_autofree char *note_sql
      = g_strdup_printf ("SELECT note FROM person WHERE id_number = '%s'", id);
  g_autofree char *note = query_text (receiver, note_sql);
  g_assert_nonnull (strstr (note, names[1]));
  g_clear_object (&receiver);
  g_assert_cmpint (query_int (to, "SELECT count (*) FROM person"), ==, persons_before + 1);

  /* Again: nothing added. */
  g_auto (Run) again = { 0 };
  run_jindu (&again, "import", "--db", to, "transfer", package, "--village", village, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpint (query_int (to, "SELECT count (*) FROM person"), ==, persons_before + 1);
  for (guint t = 0; t < G_N_ELEMENTS (record_tables); t++)
    g_assert_cmpint (count_rows (to, record_tables[t], id), ==, before[t]);

  /* One byte changed: refused, nothing written. */
  gsize length = 0;
  g_autofree char *data = NULL;
  g_assert_true (g_file_get_contents (package, &data, &length, NULL));
  g_autofree char *changed = copy_with_byte_changed (package, "changed-transfer.jdpkg", length - 5);
  g_auto (Run) damaged = { 0 };
  run_jindu (&damaged, "import", "--db", dbs[2], "transfer", changed, "--village", "V01", NULL);
  g_assert_cmpint (damaged.status, ==, 2);
  g_assert_nonnull (strstr (damaged.err, "damaged"));

  /* Both ledgers are consistent. */
  const char *both[] = { from, to };
  for (int i = 0; i < 2; i++)
    {
      g_auto (Run) check = { 0 };
      run_jindu (&check, "check", "--db", both[i], NULL);
      if (check.status)
        g_printerr ("%s%s", check.out, check.err);
      g_assert_cmpint (check.status, ==, 0);
    }
}

/* ---- the package itself ------------------------------------------------------------ */

static void
test_package_outputs (void)
{
  /* Never over the ledger, nor over a file without --force. */
  g_auto (Run) own = { 0 };
  run_jindu (&own, "package", "--db", dbs[2], "--out", dbs[2], NULL);
  g_assert_cmpint (own.status, ==, 3);
  g_auto (Run) exists = { 0 };
  run_jindu (&exists, "package", "--db", dbs[2], "--out", packages[0], NULL);
  g_assert_cmpint (exists.status, ==, 3);
  g_autofree char *forced = g_build_filename (dir, "forced.jdpkg", NULL);
  g_assert_true (g_file_set_contents (forced, "old", -1, NULL));
  g_auto (Run) force = { 0 };
  run_jindu (&force, "package", "--db", dbs[2], "--out", forced, "--force", NULL);
  g_assert_cmpint (force.status, ==, 0);
  /* The audit log records it. */
  g_autofree char *sql
      = g_strdup_printf ("SELECT count (*) FROM output_event WHERE file = '%s'", forced);
  g_assert_cmpint (query_int (dbs[2], sql), ==, 1);
  /* No temporary folder for the snapshot: the reason said, no package left. */
  g_autofree char *saved_tmpdir = g_strdup (g_getenv ("TMPDIR"));
  g_setenv ("TMPDIR", "/nonexistent-jindu-tmp", TRUE);
  g_autofree char *no_tmp = g_build_filename (dir, "no-tmp.jdpkg", NULL);
  g_auto (Run) untemp = { 0 };
  run_jindu (&untemp, "package", "--db", dbs[2], "--out", no_tmp, NULL);
  if (saved_tmpdir)
    g_setenv ("TMPDIR", saved_tmpdir, TRUE);
  else
    g_unsetenv ("TMPDIR");
  g_assert_cmpint (untemp.status, ==, 3);
  g_assert_nonnull (strstr (untemp.err, "No temporary folder can be made: "));
  g_assert_nonnull (strstr (untemp.err, "/nonexistent-jindu-tmp/jindu-package-"));
  g_assert_false (g_file_test (no_tmp, G_FILE_TEST_EXISTS));
}

static void
test_package_keeps_secret_key (void)
{
  /* The ledger holds its key pair; the package has the public key only. */
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) ledger = jd_ledger_open (dbs[2], &error);
  g_assert_no_error (error);
  sqlite3_stmt *stmt
      = jd_ledger_prepare (ledger, "SELECT secret_key FROM package_key WHERE id = 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  guint8 secret[64];
  g_assert_cmpint (sqlite3_column_bytes (stmt, 0), ==, 64);
  memcpy (secret, sqlite3_column_blob (stmt, 0), 64);
  sqlite3_reset (stmt);
  g_autofree char *data = NULL;
  gsize length = 0;
  g_assert_true (g_file_get_contents (packages[2], &data, &length, NULL));
  /* Neither the secret half (its first 32 bytes) nor the audit log's text of it. */
  g_assert_null (memmem (data, length, secret, 32));
  g_autofree char *hex = g_malloc (65);
  for (int i = 0; i < 32; i++)
    g_snprintf (hex + 2 * i, 3, "%02X", secret[i]);
  g_assert_null (g_strstr_len (data, length, hex));
  g_assert_cmpint (query_int (dbs[2], "SELECT count (*) FROM audit_log WHERE tbl LIKE "
                                      "'%key%'"),
                   ==, 0);
}

static gboolean
append_cb (const void *data, gsize size, gpointer user_data, GError **error)
{
  g_byte_array_append (user_data, data, size);
  return TRUE;
}

/* While another program holds the write lock with a change not yet
 * committed, a package is made at once, of the last commit. */
static void
test_package_while_another_writes (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) holder = jd_test_hold_write (dbs[2], 60);
  g_autofree char *package = g_build_filename (dir, "during-write.jdpkg", NULL);
  gint64 start = g_get_monotonic_time ();
  g_auto (Run) run = { 0 };
  run_jindu (&run, "package", "--db", dbs[2], "--out", package, NULL);
  if (run.status)
    g_printerr ("%s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 9 * G_USEC_PER_SEC);
  g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, NULL);
  g_assert_true (g_subprocess_wait_check (holder, NULL, &error));
  /* The snapshot is whole and has not the uncommitted change. */
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autoptr (JdPackageManifest) m = jd_package_read (package, append_cb, bytes, &error);
  g_assert_no_error (error);
  g_autofree char *copy = g_build_filename (dir, "during-write.db", NULL);
  g_assert_true (g_file_set_contents (copy, (const char *)bytes->data, bytes->len, &error));
  g_autoptr (JdLedger) ledger = jd_ledger_open (copy, &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) problems = jd_ledger_integrity_check (ledger, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_autofree char *renamed
      = query_text (ledger, "SELECT count (*) FROM village WHERE name LIKE '%（改名中）'");
  g_assert_cmpstr (renamed, ==, "0");
}

/* A transfer signed by a township but breaking the rules of every write is
 * refused whole. */
static void
test_transfer_breaking_rules (void)
{
  static const char *const followups[] = {
    "{\"kind\":\"talk\",\"occurred_on\":\"2025-01-05\",\"content\":\"\\u001b[31m\"}",
    "{\"kind\":\"talk\",\"occurred_on\":\"2099-01-05\",\"content\":\"later\"}",
    "{\"kind\":\"talk\",\"occurred_on\":\"1900-01-05\",\"content\":\"before\"}",
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (JdLedger) sender = jd_ledger_open (dbs[2], &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (followups); i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      JdPackageManifest m = { .kind = "transfer",
                              .township = (char *)names[2],
                              .as_of = "2026-06-30T00:00:00.000000Z",
                              .data_version = JD_SCHEMA_VERSION,
                              .to_township = (char *)names[0],
                              .transfer_id = uuid,
                              .id_number = "11010519491231002X" };
      g_autofree char *json
          = g_strdup_printf ("{\"person\":{\"id_number\":\"11010519491231002X\",\"name\":\"测试\","
                             "\"first_found_on\":\"2020-01-01\"},\"followup\":[%s]}",
                             followups[i]);
      g_autoptr (GBytes) payload = g_bytes_new (json, strlen (json));
      g_autofree char *file = g_strdup_printf ("rules-%u.jdpkg", i);
      g_autofree char *package = g_build_filename (dir, file, NULL);
      g_assert_true (jd_package_write_bytes (sender, &m, payload, package, JD_OUTPUT_NONE, &error));
      g_assert_no_error (error);
      g_free (m.sha256);
      g_free (m.fingerprint);
      gint64 persons = query_int (dbs[0], "SELECT count (*) FROM person");
      gint64 followups_before = query_int (dbs[0], "SELECT count (*) FROM followup");
      g_auto (Run) run = { 0 };
      g_autofree char *village = NULL;
      {
        g_autoptr (JdLedger) receiver = jd_ledger_open (dbs[0], &error);
        village = query_text (receiver, "SELECT code FROM village ORDER BY code LIMIT 1");
      }
      run_jindu (&run, "import", "--db", dbs[0], "transfer", package, "--village", village, NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, package));
      g_assert_nonnull (strstr (run.err, "followup"));
      g_assert_cmpint (query_int (dbs[0], "SELECT count (*) FROM person"), ==, persons);
      g_assert_cmpint (query_int (dbs[0], "SELECT count (*) FROM followup"), ==, followups_before);
    }
}

static void
record_progress_cb (double fraction, gpointer user_data)
{
  GArray *fractions = user_data;
  g_array_append_val (fractions, fraction);
}

/* The window adds a package on a worker thread: progress from 0 to 1, and
 * Cancel leaves the county as it was. */
static void
test_add_progress_and_cancel (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *newer = g_build_filename (dir, "t1-newer.jdpkg", NULL);
  g_auto (Run) run = { 0 };
  run_jindu (&run, "package", "--db", dbs[1], "--out", newer, NULL);
  g_assert_cmpint (run.status, ==, 0);

  g_autofree char *before = county_state ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  {
    g_autoptr (JdCounty) county = jd_county_open (county_db, &error);
    g_assert_no_error (error);
    g_autoptr (JdCountyAdded) none = jd_county_add (county, newer, NULL, NULL, cancellable, &error);
    g_assert_null (none);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }
  g_autofree char *after = county_state ();
  g_assert_cmpstr (before, ==, after);

  g_autoptr (GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (JdCounty) county = jd_county_open (county_db, &error);
  g_autoptr (JdCountyAdded) added
      = jd_county_add (county, newer, record_progress_cb, fractions, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);
  g_assert_false (added->first);
  g_assert_cmpuint (fractions->len, >=, 2);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=,
                       g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

/* The county shows each township with the fingerprint the township printed. */
static void
test_list (void)
{
  g_auto (Run) run = { 0 };
  run_jindu (&run, "county", "list", "--db", county_db, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "3 townships"));
  for (int t = 0; t < N_TOWNSHIPS; t++)
    {
      g_autofree char *line = g_strdup_printf ("%s  as of ", names[t]);
      g_assert_nonnull (strstr (run.out, line));
      g_assert_cmpuint (strlen (fingerprints[t]), ==, 39);
      g_assert_nonnull (strstr (run.out, fingerprints[t]));
    }
}

/* The window's way (docs/packages.md): a package checked first, a first key
 * trusted only as confirmed, and the packages received listed. */
static void
test_add_confirmed (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "confirmed.db", NULL);
  g_autoptr (JdCounty) county = jd_county_create (path, "某县", &error);
  g_assert_no_error (error);
  gboolean known = TRUE;
  g_autoptr (JdPackageManifest) m = jd_county_check_package (county, packages[0], &known, &error);
  g_assert_no_error (error);
  g_assert_false (known);
  g_assert_cmpstr (m->fingerprint, ==, fingerprints[0]);
  g_assert_cmpstr (m->township, ==, names[0]);

  /* Another key than the one confirmed: refused, nothing added. */
  g_autoptr (JdCountyAdded) refused
      = jd_county_add_trusting (county, packages[0], fingerprints[1], NULL, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, JD_ERROR, JD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "confirmed"));
  g_clear_error (&error);
  g_autoptr (GPtrArray) none = jd_county_list (county, &error);
  g_assert_cmpuint (none->len, ==, 0);

  g_autoptr (JdCountyAdded) added
      = jd_county_add_trusting (county, packages[0], fingerprints[0], NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (added->first);
  g_autoptr (JdPackageManifest) again
      = jd_county_check_package (county, packages[0], &known, &error);
  /* Held already: the same package is not newer. */
  g_assert_null (again);
  g_assert_nonnull (strstr (error->message, "not newer"));
  g_clear_error (&error);
  g_autoptr (GPtrArray) receipts = jd_county_receipts (county, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (receipts->len, ==, 1);
  const JdCountyReceipt *r = g_ptr_array_index (receipts, 0);
  g_assert_cmpstr (r->township, ==, names[0]);
  g_assert_cmpstr (r->fingerprint, ==, fingerprints[0]);
  g_assert_cmpstr (r->as_of, ==, added->as_of);
  g_autofree char *base = g_path_get_basename (packages[0]);
  g_assert_cmpstr (r->file, ==, base);
  g_clear_object (&county);
  g_autofree char *folder = g_strconcat (path, ".townships", NULL);
  jd_test_remove_tree (folder);
}

static void
test_bad_usage (void)
{
  g_auto (Run) none = { 0 };
  run_jindu (&none, "county", NULL);
  g_assert_cmpint (none.status, ==, 1);
  g_auto (Run) no_package = { 0 };
  run_jindu (&no_package, "county", "add", "--db", county_db, NULL);
  g_assert_cmpint (no_package.status, ==, 1);
  /* A township's ledger is not a county's, and --township wants a county. */
  g_auto (Run) not_county = { 0 };
  run_jindu (&not_county, "county", "list", "--db", dbs[0], NULL);
  g_assert_cmpint (not_county.status, ==, 3);
  g_assert_nonnull (strstr (not_county.err, "not a county ledger"));
  g_auto (Run) township = { 0 };
  run_jindu (&township, "indicators", "--db", dbs[0], "--year", "2025", "--township", "甲镇", NULL);
  g_assert_cmpint (township.status, ==, 2);
  g_auto (Run) unknown = { 0 };
  run_jindu (&unknown, "indicators", "--db", county_db, "--year", "2025", "--township", "无此镇",
             NULL);
  g_assert_cmpint (unknown.status, ==, 3);
  g_assert_nonnull (strstr (unknown.err, "无此镇"));
  /* An existing file is never made a county ledger. */
  g_auto (Run) exists = { 0 };
  run_jindu (&exists, "county", "init", "--db", dbs[0], "--county", "某县", NULL);
  g_assert_cmpint (exists.status, ==, 3);
  /* Nobody to transfer. */
  g_autofree char *out = g_build_filename (dir, "nobody.jdpkg", NULL);
  g_auto (Run) nobody = { 0 };
  run_jindu (&nobody, "transfer", "--db", dbs[0], "--id", "110105199001010015", "--to", "乙镇",
             "--out", out, NULL);
  g_assert_cmpint (nobody.status, ==, 2);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  set_up_county ();
  g_test_add_func ("/county/indicators-sum", test_indicators_sum);
  g_test_add_func ("/county/readiness-per-village", test_readiness_per_village);
  g_test_add_func ("/county/todo", test_todo);
  g_test_add_func ("/county/duplicates", test_duplicates);
  g_test_add_func ("/county/list", test_list);
  g_test_add_func ("/county/add-confirmed", test_add_confirmed);
  g_test_add_func ("/county/add-progress-and-cancel", test_add_progress_and_cancel);
  g_test_add_func ("/county/transfer-breaking-rules", test_transfer_breaking_rules);
  g_test_add_func ("/county/bad-usage", test_bad_usage);
  g_test_add_func ("/county/refuse/changed-byte", test_refuse_changed_byte);
  g_test_add_func ("/county/refuse/other-key", test_refuse_other_key);
  g_test_add_func ("/county/refuse/older", test_refuse_older);
  g_test_add_func ("/county/refuse/newer-version", test_refuse_newer_version);
  g_test_add_func ("/county/refuse/not-a-package", test_refuse_not_package);
  g_test_add_func ("/county/transfer-round-trip", test_transfer_round_trip);
  g_test_add_func ("/package/outputs", test_package_outputs);
  g_test_add_func ("/package/keeps-secret-key", test_package_keeps_secret_key);
  g_test_add_func ("/package/while-another-writes", test_package_while_another_writes);
  int rc = g_test_run ();
  jd_test_remove_tree (dir);
  return rc;
}
