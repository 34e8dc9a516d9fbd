/* bench-demo.c: how long a demo ledger takes to generate
 *
 *   bench-demo [township|county|city] [--without-audit] [--without-search]
 *
 * Fills a new ledger in a temporary folder with jd_demo_fill () and prints the
 * wall-clock and CPU time, the rows written and the file's size. With
 * --without-audit the scratch ledger's audit triggers are dropped first — only
 * to measure what the audit log costs; the demo itself always writes it. With
 * --without-search the triggers that keep the persons' full-text index are
 * dropped, to measure that index's share.
 */
#include <glib/gstdio.h>
#include <sys/resource.h>

#include "jd-date.h"
#include "jd-demo.h"
#include "jd-ledger-private.h"

static double
cpu_seconds (void)
{
  struct rusage usage;
  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Drops the triggers whose names match a LIKE pattern (\ escapes). */
static gboolean
drop_triggers (JdLedger *ledger, const char *pattern, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr (GString) sql = g_string_new (NULL);
  sqlite3_prepare_v2 (jd_ledger_get_db (ledger),
                      "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                      " AND name LIKE ? ESCAPE '\\'",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (sql, "DROP TRIGGER %s;", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return jd_ledger_exec (ledger, sql->str, error);
}

int
main (int argc, char **argv)
{
  JdDemoScale scale = JD_DEMO_CITY;
  gboolean without_audit = FALSE, without_search = FALSE;
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--without-audit"))
      without_audit = TRUE;
    else if (g_str_equal (argv[i], "--without-search"))
      without_search = TRUE;
    else if (!jd_demo_scale_from_string (argv[i], &scale))
      {
        g_printerr ("usage: %s [township|county|city] [--without-audit] [--without-search]\n",
                    argv[0]);
        return 1;
      }

  jd_set_today (jd_day_new (2024, 12, 31));
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jd-bench-demo-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  JdLedger *ledger = jd_ledger_create (path, "博美镇", "陆丰市", &error);
  g_assert_no_error (error);
  if ((without_audit && !drop_triggers (ledger, "audit\\_%", &error))
      || (without_search && !drop_triggers (ledger, "person\\_fts\\_%", &error)))
    g_error ("%s", error->message);

  gint64 start = g_get_monotonic_time ();
  double cpu = cpu_seconds ();
  if (!jd_demo_fill (ledger, scale, 1, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  double wall = (g_get_monotonic_time () - start) / 1e6;
  cpu = cpu_seconds () - cpu;

  static const char *const tables[]
      = { "village",    "person",      "status_span", "use_event", "help_member",
          "agreement",  "followup",    "activity",    "letter",    "venue",
          "inspection", "title_event", "assessment",  "staff" };
  gint64 rows = 0;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gint64 n = jd_ledger_count (ledger, tables[i]);
      g_print ("%-12s %10" G_GINT64_FORMAT "\n", tables[i], n);
      rows += n;
    }
  g_clear_object (&ledger);
  GStatBuf st;
  g_stat (path, &st);
  g_print ("rows %" G_GINT64_FORMAT ", file %.0f MB%s%s\n", rows, st.st_size / 1e6,
           without_audit ? ", audit triggers dropped" : "",
           without_search ? ", search index triggers dropped" : "");
  g_print ("generated in %.1f s (CPU %.1f s)\n", wall, cpu);

  static const char *const suffixes[] = { "", "-wal", "-shm" };
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
  return 0;
}
