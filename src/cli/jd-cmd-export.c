/* jd-cmd-export.c: jindu export --db FILE --year Y --out FILE.xlsx [--mask] [--registers a,b,…]
 *
 * Writes the inspection workbook (DESIGN §7). The work runs in a GTask thread,
 * as in the window, so that Ctrl+C cancels it cleanly: no half-written file is
 * left behind.
 */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <string.h>

#include "jd-audit-query.h"
#include "jd-cli.h"
#include "jd-error.h"
#include "jd-registers.h"

typedef struct
{
  JdLedger *ledger;
  JdExportOptions options;
  GArray *registers;
  gboolean show_progress;
  gboolean progress_shown;
  GMainLoop *loop;
  GCancellable *cancellable;
  GError *error;
  gboolean ok;
} Export;

static void
print_progress_cb (double fraction, gpointer user_data)
{
  Export *export = user_data;
  g_printerr ("\r%s %3d%%", _ ("Exporting…"), (int)(fraction * 100));
  export->progress_shown = fraction < 1.0;
  if (!export->progress_shown)
    g_printerr ("\n");
}

static void
export_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Export *export = task_data;
  GError *error = NULL;
  if (jd_workbook_export (export->ledger, &export->options,
                          export->show_progress ? print_progress_cb : NULL, export, cancellable,
                          &error)
      && jd_audit_log_workbook (export->ledger, export->options.path, export->options.year,
                                export->options.registers, export->options.n_registers,
                                export->options.mask, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Export *export = user_data;
  export->ok = g_task_propagate_boolean (G_TASK (result), &export->error);
  g_main_loop_quit (export->loop);
}

static gboolean
interrupted_cb (gpointer user_data)
{
  Export *export = user_data;
  g_cancellable_cancel (export->cancellable);
  return G_SOURCE_CONTINUE;
}

/* "registered,current" → the registers; FALSE with the unknown key. */
static gboolean
parse_registers (const char *list, GArray *registers, char **unknown)
{
  g_auto (GStrv) keys = g_strsplit (list, ",", -1);
  for (guint i = 0; keys[i]; i++)
    {
      const char *key = g_strstrip (keys[i]);
      JdRegister register_;
      if (*key == '\0')
        continue;
      if (!jd_register_from_key (key, &register_))
        {
          *unknown = g_strdup (key);
          return FALSE;
        }
      g_array_append_val (registers, register_);
    }
  return registers->len > 0;
}

static int
run_export (JdCliCommon *common, Export *export)
{
  GError *error = NULL;
  g_autoptr (JdLedger) ledger = jd_cli_open_ledger (common, &error);
  if (ledger == NULL)
    return jd_cli_fail (error);

  export->loop = g_main_loop_new (NULL, FALSE);
  export->cancellable = g_cancellable_new ();
  guint sigint = g_unix_signal_add (SIGINT, interrupted_cb, export);
  guint sigterm = g_unix_signal_add (SIGTERM, interrupted_cb, export);

  /* The task does not own the ledger: it is closed here, whenever the worker
   * thread lets go of the task. */
  export->ledger = ledger;
  g_autoptr (GTask) task = g_task_new (NULL, export->cancellable, export_done_cb, export);
  g_task_set_task_data (task, export, NULL);
  /* The export says itself what a cancellation left (nothing). */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, export_thread);
  g_main_loop_run (export->loop);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_clear_object (&export->cancellable);
  g_clear_pointer (&export->loop, g_main_loop_unref);
  if (export->progress_shown)
    g_printerr ("\n");
  if (!export->ok)
    return jd_cli_fail (g_steal_pointer (&export->error));
  return JD_EXIT_OK;
}

int
jd_cmd_export (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  int year = 0;
  g_autofree char *out = NULL, *registers = NULL, *unknown = NULL;
  gboolean mask = FALSE;
  const GOptionEntry entries[]
      = { { "year", 0, 0, G_OPTION_ARG_INT, &year, N_ ("The year of the registers"), N_ ("Y") },
          { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_ ("The workbook to write"),
            N_ ("FILE.xlsx") },
          { "mask", 0, 0, G_OPTION_ARG_NONE, &mask,
            N_ ("Hide names, ID numbers and phone numbers (张*, 110105********002X)"), NULL },
          { "registers", 0, 0, G_OPTION_ARG_STRING, &registers,
            N_ ("Only these sheets, by key, separated by commas"), N_ ("a,b,…") },
          { NULL } };
  g_autofree char *keys = jd_register_describe_keys ();
  g_autofree char *description = g_strdup_printf (_ ("Sheets: %s"), keys);
  g_autoptr (GOptionContext) context = jd_cli_context (
      "export", NULL, _ ("Write the inspection workbook of a year (xlsx)."), entries, &common);
  g_option_context_set_description (context, description);
  Export export = { .registers = g_array_new (FALSE, FALSE, sizeof (JdRegister)) };

  int rc = jd_cli_parse (context, &common, &argc, &argv);
  if (rc == JD_EXIT_OK && argc > 1)
    rc = jd_cli_usage (context, _ ("unexpected argument “%s”"), argv[1]);
  if (rc == JD_EXIT_OK && (year == 0 || out == NULL))
    rc = jd_cli_usage (context, _ ("export needs --year Y and --out FILE.xlsx"));
  if (rc == JD_EXIT_OK && (year < 1990 || year > 2200))
    rc = jd_cli_usage (context, _ ("--year: %d is not a year of the ledger (1990–2200)"), year);
  if (rc == JD_EXIT_OK && registers && !parse_registers (registers, export.registers, &unknown))
    rc = unknown
             ? jd_cli_usage (context, _ ("--registers: unknown sheet “%s”; the sheets are %s"),
                             unknown, keys)
             : jd_cli_usage (context, _ ("--registers: no sheet given; the sheets are %s"), keys);
  if (rc == JD_EXIT_OK)
    {
      export.options.path = out;
      export.options.year = year;
      export.options.mask = mask;
      if (registers)
        {
          export.options.registers = (const JdRegister *)export.registers->data;
          export.options.n_registers = export.registers->len;
        }
      export.show_progress = jd_cli_progress_wanted ();
      rc = run_export (&common, &export);
    }
  g_array_unref (export.registers);
  jd_cli_common_clear (&common);
  return rc;
}
