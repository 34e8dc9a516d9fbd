/* fuzz-import.c: a whole CSV import (src/core/jd-import) of any file, of any kind
 *
 * The first byte picks the kind ('A' villages, 'B' persons, … 'M' staff, in
 * the order of JdImportKind); the rest is the file. The importer's own field
 * parsers (blanks and ="…" unwrapped, counts, yes/no, spreadsheet-mangled ID
 * numbers, full-width parentheses in labels) and the store's rules all run. An
 * import either succeeds with no problem reported and every row accounted for,
 * or changes nothing at all, audit log included, and says why in UTF-8. One
 * ledger (with villages V01 and V02, a person and a venue) serves every input,
 * so accepted files accumulate as they would in an office.
 *
 * Two more modes, picked by the first byte's two high bits (the kind is the
 * byte modulo the number of kinds, as before; 'A' to 'M' stay plain files):
 * - 10: the rest made valid UTF-8 with one byte pushed in
 *   (jd_fuzz_utf8_but_one_byte): it must never import;
 * - 11: the rest repeated until the file passes 64 KB, so the limits (long
 *   fields, many columns, many rows with problems) are reached from small
 *   seeds; whatever the file, at most JD_IMPORT_MAX_PROBLEMS problems are kept
 *   and no message is longer than a few kilobytes. */
#include "jd-fuzz.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "jd-date.h"
#include "jd-import.h"
#include "jd-ledger-private.h"
#include "jd-store.h"

static const char *const tables[] = {
  "village",  "person", "status_span", "use_event",  "help_member", "agreement", "followup",
  "activity", "letter", "venue",       "inspection", "title_event", "staff",     "audit_log",
};

static JdLedger *ledger;
static char *csv_path;

static void
set_up (void)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp ("jd-fuzz-import-XXXXXX", &error);
  g_assert_no_error (error);
  char *path = g_build_filename (dir, "ledger.db", NULL);
  csv_path = g_build_filename (dir, "input.csv", NULL);
  ledger = jd_ledger_create (path, "博美镇", "陆丰市", &error);
  g_assert_no_error (error);
  /* Speed over durability: nothing here outlives the process. */
  g_assert_true (jd_ledger_exec (ledger, "PRAGMA synchronous = OFF", NULL));

  gint64 village = 0, person = 0, venue = 0;
  JdVillageRecord v1 = { .code = "V01", .name = "东村", .resident_population = 2000 };
  JdVillageRecord v2 = { .code = "V02", .name = "西社区", .kind = "community" };
  g_assert_cmpint (jd_store_village (ledger, &v1, &village, &error), ==, JD_STORE_ADDED);
  g_assert_cmpint (jd_store_village (ledger, &v2, NULL, &error), ==, JD_STORE_ADDED);
  JdPersonRecord p = { .id_number = "441581198503120018",
                       .name = "陈大文",
                       .village_id = village,
                       .first_found_on = jd_day_new (2015, 6, 1) };
  g_assert_cmpint (jd_store_person (ledger, &p, &person, &error), ==, JD_STORE_ADDED);
  JdVenueRecord ve = { .village_id = village, .name = "金色年华KTV", .kind = "entertainment" };
  g_assert_cmpint (jd_store_venue (ledger, &ve, &venue, &error), ==, JD_STORE_ADDED);
  g_assert_no_error (error);
  g_free (path);
  g_free (dir);
}

static gint64
count (const char *table)
{
  char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, sql, NULL);
  g_free (sql);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  gint64 n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size == 0)
    return 0;
  if (ledger == NULL)
    set_up ();

  gboolean one_byte_off = (data[0] & 0xC0) == 0x80;
  GByteArray *body = NULL;
  if (one_byte_off)
    body = jd_fuzz_utf8_but_one_byte (data + 1, size - 1);
  else if ((data[0] & 0xC0) == 0xC0 && size > 1)
    {
      body = g_byte_array_new ();
      while (body->len <= 64 * 1024)
        g_byte_array_append (body, data + 1, (guint)(size - 1));
    }
  if (one_byte_off && body == NULL)
    return 0;
  const guint8 *bytes = body ? body->data : data + 1;
  size_t length = body ? body->len : size - 1;
  FILE *file = fopen (csv_path, "wb");
  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (bytes, 1, length, file), ==, length);
  g_assert_cmpint (fclose (file), ==, 0);

  gint64 before[G_N_ELEMENTS (tables)];
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    before[i] = count (tables[i]);

  JdImportKind kind = (JdImportKind)(data[0] % JD_IMPORT_N_KINDS);
  JdImportReport report = { 0 };
  GError *error = NULL;
  gboolean imported = jd_import_file (ledger, kind, csv_path, &report, NULL, NULL, NULL, &error);

  if (imported && one_byte_off)
    g_error ("a file that is UTF-8 but for one byte was imported (as %s)", report.encoding);
  g_assert_cmpuint (report.problems->len, <=, JD_IMPORT_MAX_PROBLEMS);
  if (imported)
    {
      g_assert_no_error (error);
      g_assert_cmpuint (report.problems->len, ==, 0);
      g_assert_cmpuint (report.added + report.updated + report.unchanged, ==, report.rows);
    }
  else
    {
      /* Refused: why, in words, and nothing written. */
      g_assert_true (error != NULL || report.problems->len > 0);
      if (error)
        g_assert_true (g_utf8_validate (error->message, -1, NULL));
      for (guint i = 0; i < report.problems->len; i++)
        {
          const JdImportProblem *problem = report.problems->pdata[i];
          g_assert_true (g_utf8_validate (problem->reason, -1, NULL));
          g_assert_true (problem->column == NULL || g_utf8_validate (problem->column, -1, NULL));
          char *line = jd_import_problem_format (problem, "input.csv");
          g_assert_true (g_utf8_validate (line, -1, NULL));
          g_assert_cmpuint (strlen (line), <, 4096);
          g_free (line);
        }
      for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
        g_assert_cmpint (count (tables[i]), ==, before[i]);
      g_clear_error (&error);
    }
  jd_import_report_clear (&report);
  if (body)
    g_byte_array_unref (body);
  return 0;
}
