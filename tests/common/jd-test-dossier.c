/* jd-test-dossier.c: a hand-made person for the help-file tests, and the PDF read back */
#include "config.h"

#include "jd-test-dossier.h"

#include <glib/gstdio.h>
#include <string.h>

#include "jd-test-run.h"

char *
dossier_id_number (const char *seventeen)
{
  static const int weights[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char checks[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; i++)
    sum += (seventeen[i] - '0') * weights[i];
  return g_strdup_printf ("%s%c", seventeen, checks[sum % 11]);
}

const char *
dossier_id (void)
{
  static char *id;
  if (id == NULL)
    id = dossier_id_number ("44158119810726203");
  return id;
}

const char *
dossier_long_text (void)
{
  static char *text;
  if (text == NULL)
    {
      GString *words = g_string_new (NULL);
      for (int i = 1; g_utf8_strlen (words->str, -1) < 2000; i++)
        g_string_append_printf (words, "第%d句，", i);
      g_string_truncate (words, g_utf8_offset_to_pointer (words->str, 2000) - words->str);
      text = g_string_free (words, FALSE);
    }
  return text;
}

static void
import (const char *db, const char *dir, const char *kind, const char *csv)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.csv", dir, kind);
  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  g_auto (Run) run = { 0 };
  run_jindu (&run, "import", "--db", db, "--today", DOSSIER_TODAY, kind, path, NULL);
  if (run.status != 0)
    g_printerr ("%s", run.err);
  g_assert_cmpint (run.status, ==, 0);
}

char *
dossier_make_ledger (const char *dir)
{
  char *db = g_build_filename (dir, "ledger.db", NULL);
  g_auto (Run) run = { 0 };
  run_jindu (&run, "init", "--db", db, "--township", "博美镇", NULL);
  g_assert_cmpint (run.status, ==, 0);

  const char *id = dossier_id ();
  g_autofree char *second = dossier_id_number ("44158119900512405");
  g_autofree char *third = dossier_id_number ("44158119750101123");
  import (db, dir, "villages", "code,name\nV01,上林村\nV02,北门社区\n");
  g_autofree char *persons = g_strdup_printf (
      "id_number,name,phone,household_address,residence_village,first_found_on,note\n"
      "%s," DOSSIER_NAME "," DOSSIER_PHONE ",广东省陆丰市博美镇上林村12号,V01,2020-01-15,"
      "NOTE-P 身份证%s\n"
      "%s,吴森斌,,,V01,2021-03-01,\n"
      "%s,陈强辉,,,V02,2019-05-05,\n",
      id, id, second, third);
  import (db, dir, "persons", persons);
  g_autofree char *statuses = g_strdup_printf ("id_number,status,started_on,planned_end_on,note\n"
                                               "%s,community_detox,2020-01-15,2023-01-14,SPAN-1\n"
                                               "%s,community_rehab,2023-01-15,2026-01-14,SPAN-2\n"
                                               "%s,community_detox,2024-03-01,2027-02-28,\n"
                                               "%s,at_large,2019-05-05,,\n",
                                               id, id, second, third);
  import (db, dir, "statuses", statuses);
  g_autofree char *uses = g_strdup_printf ("id_number,occurred_on,source\n"
                                           "%s,2021-05-02,other\n%s,2020-01-15,police\n",
                                           id, id);
  import (db, dir, "use-events", uses);
  g_autofree char *members
      = g_strdup_printf ("id_number,member_name,role,phone,since,until\n"
                         "%s,林母亲,family," DOSSIER_MEMBER_PHONE ",2020-02-01,\n"
                         "%s,王警官,police,,2020-02-01,2024-12-31\n",
                         id, id);
  import (db, dir, "help-members", members);
  g_autofree char *agreements
      = g_strdup_printf ("id_number,signed_on,note\n%s,2020-02-01,AGREE-1\n", id);
  import (db, dir, "agreements", agreements);

  /* Out of date order on purpose: the file puts them in order. */
  g_autofree char *followups = g_strdup_printf (
      "id_number,kind,occurred_on,result,staff,place,content\n"
      "%s,talk,2024-03-05,,张明,村委会,TALK-A " DOSSIER_NAME " 电话" DOSSIER_PHONE "\n"
      "%s,talk,2024-01-10,,张明,家中,TALK-B\n"
      "%s,urine_test,2025-03-01,negative,张明,镇卫生院,URINE-2\n"
      "%s,urine_test,2024-02-01,negative,张明,镇卫生院,URINE-1\n"
      "%s,home_visit,2024-06-01,,张明,家中,VISIT-1\n"
      "%s,assistance,2025-04-01,,张明,村委会,ASSIST-1\n"
      "%s,talk,2025-05-05,,张明,村委会,%s\n",
      id, id, id, id, id, id, id, dossier_long_text ());
  import (db, dir, "followups", followups);
  return db;
}

static char *
run_tool (const char *const *argv)
{
  char *out = NULL;
  int status = 0;
  g_autoptr (GError) error = NULL;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

char *
pdf_text (const char *pdf, int first, int last, gboolean raw)
{
  g_autofree char *f = g_strdup_printf ("%d", first ? first : 1);
  g_autofree char *l = g_strdup_printf ("%d", last ? last : pdf_pages (pdf));
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", raw ? "-raw" : "-layout", "-f", f, "-l", l,
                         pdf,         "-",    NULL };
  return run_tool (argv);
}

int
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = run_tool (argv);
  const char *pages = strstr (out, "\nPages:");
  g_assert_nonnull (pages);
  return atoi (pages + strlen ("\nPages:"));
}

char **
pdf_fonts (const char *pdf)
{
  const char *argv[] = { "pdffonts", pdf, NULL };
  g_autofree char *out = run_tool (argv);
  char **lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 3);
  /* The name and the rule above the fonts go. */
  g_autoptr (GStrvBuilder) fonts = g_strv_builder_new ();
  for (guint i = 2; lines[i]; i++)
    g_strv_builder_add (fonts, lines[i]);
  g_strfreev (lines);
  return g_strv_builder_end (fonts);
}

guint
count_occurrences (const char *haystack, const char *needle)
{
  guint n = 0;
  for (const char *p = strstr (haystack, needle); p; p = strstr (p + strlen (needle), needle))
    n++;
  return n;
}

void
jd_test_dossier_set_up (JdTestLedger *t, const char *name_template)
{
  jd_test_folder_set_up (t, name_template);
  g_autofree char *made = dossier_make_ledger (t->dir);
  g_assert_cmpstr (made, ==, t->path);
}
