/* test-dossier.c: `jindu dossier`, the help file (帮教档案) as PDF (docs/contract.md §5, §7b)
 *
 * The PDF of a hand-made person read back with poppler-utils: every record
 * once and in date order, `Page N of M` agreeing with pdfinfo, every font
 * embedded, a 1,997-character talk broken across pages whole, a masked file
 * without the full ID number, phone number or birth date; the refusals and
 * their exit codes; the audit log's entry.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jd-test-dossier.h"
#include "jd-test-run.h"

typedef struct
{
  JdTestLedger t; /* tests/common/jd-test-ledger.h */
  char *pdf;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  jd_test_dossier_set_up (&f->t, "jd-dossier-XXXXXX");
  f->pdf = g_build_filename (f->t.dir, "file.pdf", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  jd_test_ledger_tear_down (&f->t);
  g_free (f->pdf);
}

static void
write_person (Fixture *f, gboolean mask)
{
  g_auto (Run) run = { 0 };
  run_jindu (&run, "dossier", "--db", f->t.path, "--today", DOSSIER_TODAY, "--id", dossier_id (),
             "--out", f->pdf, mask ? "--mask" : NULL, NULL);
  if (run.status != 0)
    g_printerr ("%s", run.err);
  g_assert_cmpint (run.status, ==, 0);
}

/* Where needle first is in text, failing when it is not there once. */
static gsize
once (const char *text, const char *needle)
{
  if (count_occurrences (text, needle) != 1)
    g_error ("“%s” is in the help file %u times, not once", needle,
             count_occurrences (text, needle));
  return strstr (text, needle) - text;
}

static void
test_records (Fixture *f, gconstpointer data)
{
  write_person (f, FALSE);
  g_autofree char *text = pdf_text (f->pdf, 0, 0, TRUE);

  /* The cover and the basic information. */
  g_assert_cmpuint (count_occurrences (text, "博美镇"), >=, 2);
  g_assert_nonnull (strstr (text, "Photo"));
  g_assert_nonnull (strstr (text, "1981-07-26"));
  g_assert_nonnull (strstr (text, DOSSIER_PHONE));
  g_assert_nonnull (strstr (text, "上林村12号"));
  once (text, "NOTE-P");
  /* Every record once, in date order whatever the order they were entered in. */
  g_assert_cmpuint (once (text, "SPAN-1"), <, once (text, "SPAN-2"));
  once (text, "Police");
  once (text, "2021-05-02");
  once (text, "林母亲");
  once (text, "王警官");
  once (text, "AGREE-1");
  g_assert_cmpuint (once (text, "TALK-B"), <, once (text, "TALK-A"));
  g_assert_cmpuint (once (text, "URINE-1"), <, once (text, "VISIT-1"));
  g_assert_cmpuint (once (text, "VISIT-1"), <, once (text, "URINE-2"));
  g_assert_cmpuint (once (text, "URINE-2"), <, once (text, "ASSIST-1"));
  g_assert_cmpuint (once (text, "Follow-ups in 2024"), <, once (text, "Follow-ups in 2025"));
  g_assert_cmpuint (count_occurrences (text, "Negative"), ==, 2);
}

static void
test_pages (Fixture *f, gconstpointer data)
{
  write_person (f, FALSE);
  int pages = pdf_pages (f->pdf);
  g_assert_cmpint (pages, >=, 4);
  for (int i = 1; i <= pages; i++)
    {
      g_autofree char *text = pdf_text (f->pdf, i, i, FALSE);
      g_autofree char *footer = g_strdup_printf ("Page %d of %d", i, pages);
      g_assert_cmpuint (count_occurrences (text, footer), ==, 1);
      g_assert_cmpuint (count_occurrences (text, "Exported " DOSSIER_TODAY), ==, 1);
    }
  /* A4 portrait. */
  const char *argv[] = { "pdfinfo", f->pdf, NULL };
  g_autofree char *info = NULL;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &info, NULL, NULL,
                NULL);
  g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));

  g_auto (GStrv) fonts = pdf_fonts (f->pdf);
  g_assert_cmpuint (g_strv_length (fonts), >=, 1);
  for (guint i = 0; fonts[i]; i++)
    {
      /* name type encoding emb sub uni object ID: emb is the fourth from the end. */
      g_auto (GStrv) fields = g_regex_split_simple ("\\s+", fonts[i], 0, 0);
      guint n = g_strv_length (fields);
      g_assert_cmpuint (n, >=, 7);
      g_assert_cmpstr (fields[n - 5], ==, "yes");
      g_assert_nonnull (strstr (fonts[i], "CJK"));
    }
  struct stat st;
  g_assert_cmpint (g_stat (f->pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* text without its white space (pdftotext puts line ends where lines break). */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* The talk of 2,000 characters goes on over pages: each page holds the next
 * part of it, which starts where the last part ended, to its very end. */
static void
test_long_text (Fixture *f, gconstpointer data)
{
  write_person (f, FALSE);
  int pages = pdf_pages (f->pdf);
  const char *text = dossier_long_text ();
  g_assert_cmpint (g_utf8_strlen (text, -1), ==, 2000);
  glong length = 2000, done = 0;
  int first_page = 0, n_parts = 0;
  for (int i = 1; i <= pages && done < length; i++)
    {
      g_autofree char *raw = pdf_text (f->pdf, i, i, TRUE);
      g_autofree char *page = squeeze (raw);
      const char *from = g_utf8_offset_to_pointer (text, done);
      /* The longest part of the rest that the page holds. */
      glong end = length;
      for (; end > done; end--)
        {
          g_autofree char *part = g_strndup (from, g_utf8_offset_to_pointer (text, end) - from);
          if (end - done >= 3 && strstr (page, part))
            break;
        }
      if (end - done < 3)
        {
          g_assert_cmpint (first_page, ==, 0); /* no gap once it started */
          continue;
        }
      if (first_page == 0)
        first_page = i;
      g_assert_cmpint (i, ==, first_page + n_parts);
      n_parts++;
      done = end;
      if (done < length)
        {
          /* The next page repeats the table's header above the rest. */
          g_autofree char *next = pdf_text (f->pdf, i + 1, i + 1, TRUE);
          g_assert_nonnull (strstr (next, "Content"));
        }
    }
  g_assert_cmpint (done, ==, length);
  g_assert_cmpint (n_parts, >=, 2);
  /* And the whole file holds it once: its start and end are each there once. */
  g_autofree char *all = pdf_text (f->pdf, 0, 0, TRUE);
  g_assert_cmpuint (count_occurrences (all, "第1句"), ==, 1);
}

static void
test_masked (Fixture *f, gconstpointer data)
{
  write_person (f, TRUE);
  g_autofree char *text = pdf_text (f->pdf, 0, 0, TRUE);
  g_autofree char *layout = pdf_text (f->pdf, 0, 0, FALSE);
  g_autofree char *both = g_strconcat (text, layout, NULL);
  g_assert_null (strstr (both, dossier_id ()));
  g_assert_null (strstr (both, DOSSIER_PHONE));
  g_assert_null (strstr (both, DOSSIER_MEMBER_PHONE));
  g_assert_null (strstr (both, "1981-07-26"));
  g_assert_null (strstr (both, "19810726"));
  g_assert_null (strstr (both, DOSSIER_NAME));
  g_assert_null (strstr (both, "林母亲"));
  g_assert_null (strstr (both, "12号"));
  /* What the workbook shows of them (docs/masking.md). */
  g_assert_nonnull (strstr (both, "441581********2030"));
  g_assert_nonnull (strstr (both, "138****5678"));
  g_assert_nonnull (strstr (both, "林*"));
  g_assert_null (strstr (both, "Birth date"));
  once (text, "TALK-A");
}

static void
test_village_and_all (Fixture *f, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  run_jindu (&run, "dossier", "--db", f->t.path, "--today", DOSSIER_TODAY, "--village", "V01",
             "--out", f->pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_autofree char *village = pdf_text (f->pdf, 0, 0, TRUE);
  g_assert_nonnull (strstr (village, "Contents"));
  g_assert_nonnull (strstr (village, DOSSIER_NAME));
  g_assert_nonnull (strstr (village, "吴森斌"));
  g_assert_null (strstr (village, "陈强辉"));
  /* The contents give each person's first page, which shows their cover. */
  g_autofree char *contents = pdf_text (f->pdf, 1, 1, FALSE);
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GRegex) row = g_regex_new ("吴森斌\\s+\\S+\\s+Community detox\\s+(\\d+)", 0, 0, NULL);
  g_assert_true (g_regex_match (row, contents, 0, &match));
  g_autofree char *page_text = g_match_info_fetch (match, 1);
  int page = atoi (page_text);
  g_autofree char *cover = pdf_text (f->pdf, page, page, FALSE);
  g_assert_nonnull (strstr (cover, "Photo"));
  g_assert_nonnull (strstr (cover, "吴森斌"));

  /* --all: the two under community measures today, not the one at large. */
  run_clear (&run);
  run_jindu (&run, "dossier", "--db", f->t.path, "--today", DOSSIER_TODAY, "--all", "--out", f->pdf,
             "--force", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_autofree char *all = pdf_text (f->pdf, 0, 0, TRUE);
  g_assert_nonnull (strstr (all, DOSSIER_NAME));
  g_assert_nonnull (strstr (all, "吴森斌"));
  g_assert_null (strstr (all, "陈强辉"));

  /* --year: only that year's follow-ups. */
  run_clear (&run);
  run_jindu (&run, "dossier", "--db", f->t.path, "--today", DOSSIER_TODAY, "--id", dossier_id (),
             "--year", "2024", "--out", f->pdf, "--force", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_autofree char *year = pdf_text (f->pdf, 0, 0, TRUE);
  once (year, "TALK-A");
  g_assert_null (strstr (year, "URINE-2"));
  g_assert_null (strstr (year, "第1句"));
}

static void
test_refusals (Fixture *f, gconstpointer data)
{
  g_autofree char *before = jd_test_checksum_file (f->t.path);
  g_auto (Run) run = { 0 };

  /* An existing file without --force. */
  g_assert_true (g_file_set_contents (f->pdf, "mine", -1, NULL));
  run_jindu (&run, "dossier", "--db", f->t.path, "--id", dossier_id (), "--out", f->pdf, NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, f->pdf));
  g_autofree char *kept = NULL;
  g_assert_true (g_file_get_contents (f->pdf, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "mine");

  /* The ledger itself, under a name that ends in .pdf. */
  g_autofree char *ledger_pdf = g_build_filename (f->t.dir, "ledger.pdf", NULL);
  g_assert_cmpint (g_rename (f->t.path, ledger_pdf), ==, 0);
  run_clear (&run);
  run_jindu (&run, "dossier", "--db", ledger_pdf, "--id", dossier_id (), "--out", ledger_pdf,
             "--force", NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "ledger"));
  g_assert_cmpint (g_rename (ledger_pdf, f->t.path), ==, 0);
  g_autofree char *after = jd_test_checksum_file (f->t.path);
  g_assert_cmpstr (before, ==, after);

  /* A folder, and a link (to a file that does not exist yet). */
  g_autofree char *folder = g_build_filename (f->t.dir, "folder.pdf", NULL);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  run_clear (&run);
  run_jindu (&run, "dossier", "--db", f->t.path, "--id", dossier_id (), "--out", folder, "--force",
             NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_autofree char *link = g_build_filename (f->t.dir, "link.pdf", NULL);
  g_autofree char *target = g_build_filename (f->t.dir, "target.pdf", NULL);
  g_assert_cmpint (symlink (target, link), ==, 0);
  run_clear (&run);
  run_jindu (&run, "dossier", "--db", f->t.path, "--id", dossier_id (), "--out", link, "--force",
             NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));

  /* A name that is not a PDF's. */
  run_clear (&run);
  run_jindu (&run, "dossier", "--db", f->t.path, "--id", dossier_id (), "--out", f->t.path, NULL);
  g_assert_cmpint (run.status, ==, 1);

  /* An unknown ID number and village: exit 2, said plainly, no file. */
  g_autofree char *fresh = g_build_filename (f->t.dir, "none.pdf", NULL);
  run_clear (&run);
  run_jindu (&run, "dossier", "--db", f->t.path, "--id", "110105194912310021", "--out", fresh,
             NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (
      strstr (run.err, "No registered person has the ID number “110105194912310021”"));
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  run_clear (&run);
  run_jindu (&run, "dossier", "--db", f->t.path, "--village", "V99", "--out", fresh, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "No village has the code “V99”"));

  /* Bad usage: none or two of --id, --village, --all; a year that is none. */
  run_clear (&run);
  run_jindu (&run, "dossier", "--db", f->t.path, "--out", fresh, NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);
  run_jindu (&run, "dossier", "--db", f->t.path, "--all", "--village", "V01", "--out", fresh, NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);
  run_jindu (&run, "dossier", "--db", f->t.path, "--all", "--year", "24", "--out", fresh, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
}

static void
test_audited (Fixture *f, gconstpointer data)
{
  write_person (f, TRUE);
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open_v2 (f->t.path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT kind, file, masked, json_extract(details, '$.what'),"
                                       " json_extract(details, '$.persons') FROM output_event",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "export");
  g_assert_true (g_str_has_suffix ((const char *)sqlite3_column_text (stmt, 1), "file.pdf"));
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 1);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 3), ==, "dossier");
  g_assert_cmpint (sqlite3_column_int (stmt, 4), ==, 1);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_auto (Run) run = { 0 };
  run_jindu (&run, "check", "--db", f->t.path, NULL);
  g_assert_cmpint (run.status, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/dossier/records", test_records);
  ADD ("/dossier/pages", test_pages);
  ADD ("/dossier/long-text", test_long_text);
  ADD ("/dossier/masked", test_masked);
  ADD ("/dossier/village-and-all", test_village_and_all);
  ADD ("/dossier/refusals", test_refusals);
  ADD ("/dossier/audited", test_audited);
  return g_test_run ();
}
