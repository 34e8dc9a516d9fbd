/* bench-import-preview.c: what the import assistant does after a file is chosen
 * (docs/contract.md §8; issue 22 item 5): a 10,000-row persons workbook
 * sniffed, matched and previewed in full (every row checked, a look-alike
 * search against the ledger's persons), with the wall time and the peak
 * memory. Goal: at most 1 s.
 *
 * The ledger holds the fixtures' villages and 2,000 persons; the workbook is
 * written by Debian's python3-xlsxwriter with shared strings, a title row and
 * synonyms for headings; 1,000 of its rows are persons already in the ledger
 * (updates), the rest new.
 *
 * usage: bench-import-preview [ROWS]
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "jd-id-number.h"
#include "jd-import-preview.h"

static const char *const workbook_script
    = "import sys, datetime, xlsxwriter\n"
      "W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]\n"
      "C = '10X98765432'\n"
      "def id_number(i):\n"
      "    birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=i % 12000)\n"
      "    body = '441581' + birth.strftime('%Y%m%d') + f'{i // 12000:03d}'\n"
      "    return body + C[sum(int(d) * w for d, w in zip(body, W)) % 11]\n"
      "rows = int(sys.argv[2])\n"
      "wb = xlsxwriter.Workbook(sys.argv[1])\n"
      "ws = wb.add_worksheet('吸毒人员')\n"
      "date = wb.add_format({'num_format': 'yyyy/m/d'})\n"
      "ws.merge_range(0, 0, 0, 7, '博美镇吸毒人员登记表')\n"
      "ws.write_row(1, 0, ['序号', '姓名', '身份证号码', '户籍地', '现居住地', '所属村居',\n"
      "                    '查获日期', '联系方式'])\n"
      "for r in range(rows):\n"
      "    i = r + 1000\n"
      "    ws.write_row(r + 2, 0, [r + 1, '人员%d' % i, id_number(i), '东村一巷%d号' % (i % 90),\n"
      "                            '东村一巷%d号' % (i % 90), 'V01' if i % 2 else '西社区'])\n"
      "    ws.write_datetime(r + 2, 6, datetime.datetime(2015 + i % 9, 1 + i % 12, 1), date)\n"
      "    ws.write_string(r + 2, 7, '138%08d' % i)\n"
      "wb.close()\n"
      "print('ok')\n";

/* The same ID numbers as the script's. */
static char *
id_number (guint i)
{
  GDate *birth = g_date_new_dmy (1, 1, 1970);
  g_date_add_days (birth, i % 12000);
  g_autofree char *body
      = g_strdup_printf ("441581%04u%02u%02u%03u", g_date_get_year (birth),
                         g_date_get_month (birth), g_date_get_day (birth), i / 12000);
  g_date_free (birth);
  return g_strdup_printf ("%s%c", body, jd_id_number_check_digit (body));
}

int
main (int argc, char *argv[])
{
  guint rows = argc > 1 ? (guint)atoi (argv[1]) : 10000;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jd-bench-preview-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *db = g_build_filename (dir, "ledger.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "persons.csv", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "登记表.xlsx", NULL);

  g_autoptr (JdLedger) ledger = jd_ledger_create (db, "博美镇", "陆丰市", &error);
  g_assert_no_error (error);
  g_auto (JdImportReport) report = { 0 };
  g_autofree char *villages
      = g_build_filename (g_getenv ("FIXTURES"), "import", "villages.csv", NULL);
  jd_import_file (ledger, JD_IMPORT_VILLAGES, villages, &report, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* 2,000 persons in the ledger: the workbook's first 1,000 rows are theirs. */
  GString *text = g_string_new ("id_number,name,residence_village,first_found_on\n");
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *id = id_number (i);
      g_string_append_printf (text, "%s,人员%u,V01,2014-05-06\n", id, i);
    }
  g_file_set_contents (csv, text->str, -1, &error);
  g_string_free (text, TRUE);
  g_assert_no_error (error);
  jd_import_file (ledger, JD_IMPORT_PERSONS, csv, &report, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_autofree char *rows_text = g_strdup_printf ("%u", rows);
  const char *python[] = { "/usr/bin/python3", "-c", workbook_script, xlsx, rows_text, NULL };
  g_autofree char *out = NULL;
  int status = 0;
  if (!g_spawn_sync (NULL, (char **)python, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                     NULL)
      || !g_spawn_check_wait_status (status, NULL))
    {
      printf ("python3-xlsxwriter is missing: skipped\n");
      return 77;
    }

  struct rusage before, usage;
  getrusage (RUSAGE_SELF, &before);
  gint64 start = g_get_monotonic_time ();
  g_auto (JdImportSniff) sniff = { 0 };
  g_assert_true (jd_import_sniff (xlsx, NULL, 0, &sniff, &error));
  g_assert_cmpint (sniff.kind, ==, JD_IMPORT_PERSONS);
  g_auto (GStrv) keys = jd_import_match_header (sniff.kind, sniff.header);
  JdImportOptions options = { .sheet = sniff.sheet,
                              .header_row = sniff.header_row,
                              .assign = (const char *const *)keys };
  g_autoptr (JdImportPreview) preview
      = jd_import_preview (ledger, sniff.kind, xlsx, &options, 2000, NULL, NULL, NULL, &error);
  gint64 elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  getrusage (RUSAGE_SELF, &usage);
  double cpu = (usage.ru_utime.tv_sec - before.ru_utime.tv_sec)
               + (usage.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1e6
               + (usage.ru_stime.tv_sec - before.ru_stime.tv_sec)
               + (usage.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6;

  printf ("preview of %u rows (.xlsx): %.3f s (%.3f s of CPU); %u new, %u updated, %u with "
          "problems, %u look-alikes, %u kept; peak memory %ld MB\n",
          preview->n_rows, elapsed / 1e6, cpu, preview->n_new, preview->n_updated,
          preview->n_problem_rows, preview->n_duplicates, preview->rows->len,
          usage.ru_maxrss / 1024);
  g_assert_cmpuint (preview->n_rows, ==, rows);
  g_assert_cmpuint (preview->n_problem_rows, ==, 0);

  g_clear_object (&ledger);
  const char *files[] = { db, csv, xlsx };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_unlink (files[i]);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
  if (elapsed > G_USEC_PER_SEC)
    {
      printf ("over the goal of 1 s\n");
      return 1;
    }
  return 0;
}
