/* jd-cli.c: the sub-commands of docs/contract.md §5 and what they share
 *
 * Every sub-command works without a display, prints one line on stderr when it
 * fails, and exits 0, 1 (bad usage), 2 (invalid data, nothing written) or
 * 3 (file or database error).
 */
#include "config.h"

#include "jd-cli.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "jd-backups.h"
#include "jd-date.h"
#include "jd-error.h"

static const struct
{
  const char *name;
  JdCommandFunc run;
} commands[] = {
  { "init", jd_cmd_init },           { "indicators", jd_cmd_indicators },
  { "readiness", jd_cmd_readiness }, { "export", jd_cmd_export },
  { "import", jd_cmd_import },       { "todo", jd_cmd_todo },
  { "demo", jd_cmd_demo },           { "check", jd_cmd_check },
  { "backup", jd_cmd_backup },       { "chart", jd_cmd_chart },
  { "dossier", jd_cmd_dossier },     { "package", jd_cmd_package },
  { "county", jd_cmd_county },       { "transfer", jd_cmd_transfer },
  { "imports", jd_cmd_imports },
};

/* "init, indicators, …": the commands, for help and for a mistyped one. */
char *
jd_cli_dup_command_names (void)
{
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", commands[i].name);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* ---- what reaches the terminal ---------------------------------------------- */

/* Text for a terminal: every control character (ESC, BEL, backspace, C1 …)
 * shown as \x1B or \u009B instead of sent, and bytes that are not UTF-8 as
 * \xFF, so that data in the ledger can never drive the terminal (colours,
 * window titles, the clipboard). Line breaks stay, and so does a carriage
 * return that starts the text: the commands' own progress lines. */
char *
jd_cli_escape_controls (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  GString *out = g_string_sized_new (strlen (text));
  const char *p = text;
  if (*p == '\r')
    g_string_append_c (out, *p++);
  while (*p)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          g_string_append_printf (out, "\\x%02X", (guchar)*p);
          p++;
          continue;
        }
      if (c != '\n' && g_unichar_type (c) == G_UNICODE_CONTROL)
        g_string_append_printf (out, c < 0x80 ? "\\x%02X" : "\\u%04X", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

static void
write_escaped (FILE *stream, const char *text)
{
  g_autofree char *escaped = jd_cli_escape_controls (text);
  const char *charset = NULL;
  if (g_get_console_charset (&charset))
    fputs (escaped, stream);
  else
    {
      g_autofree char *local
          = g_convert_with_fallback (escaped, -1, charset, "UTF-8", "?", NULL, NULL, NULL);
      fputs (local ? local : escaped, stream);
    }
  fflush (stream);
}

static void
print_escaped_cb (const char *text)
{
  write_escaped (stdout, text);
}

static void
printerr_escaped_cb (const char *text)
{
  write_escaped (stderr, text);
}

/* argv[1] is the sub-command, or a word that was meant to be one. */
int
jd_cli_main (int argc, char **argv)
{
  g_return_val_if_fail (argc >= 2, JD_EXIT_USAGE);
  /* Everything the commands print goes through g_print () and g_printerr (). */
  g_set_print_handler (print_escaped_cb);
  g_set_printerr_handler (printerr_escaped_cb);
  /* "Usage: jindu [OPTION…] import KIND FILE.csv", not the sub-command twice. */
  g_set_prgname ("jindu");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  g_autofree char *names = jd_cli_dup_command_names ();
  return jd_cli_usage (NULL, _ ("“%s” is not a command; the commands are %s."), argv[1], names);
}

GOptionContext *
jd_cli_context (const char *command,
                const char *parameters,
                const char *summary,
                const GOptionEntry *entries,
                JdCliCommon *common)
{
  const GOptionEntry common_entries[]
      = { { "db", 0, 0, G_OPTION_ARG_FILENAME, &common->db,
            N_ ("The ledger file (default: the user’s ledger)"), N_ ("FILE") },
          { "today", 0, 0, G_OPTION_ARG_STRING, &common->today, N_ ("Take DATE as today’s date"),
            N_ ("DATE") },
          { NULL } };
  g_autofree char *full = g_strdup_printf ("%s %s", command, parameters ? parameters : "");
  GOptionContext *context = g_option_context_new (full);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (summary)
    g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, common_entries, GETTEXT_PACKAGE);
  if (entries)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

/* Parses the options; JD_EXIT_OK, or the usage exit code after saying why. */
int
jd_cli_parse (GOptionContext *context, JdCliCommon *common, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (context, argc, argv, &error))
    return jd_cli_usage (context, "%s", error->message);
  if (common->today)
    {
      JdDay today = jd_day_parse (common->today);
      if (today == 0)
        return jd_cli_usage (context, _ ("--today: “%s” is not a date (use 2024-03-05)"),
                             common->today);
      jd_set_today (today);
    }
  return JD_EXIT_OK;
}

/* Parses the options of a command that takes no argument: an argument left over is a usage
 * error. */
int
jd_cli_parse_options (GOptionContext *context, JdCliCommon *common, int *argc, char ***argv)
{
  int rc = jd_cli_parse (context, common, argc, argv);
  if (rc == JD_EXIT_OK && *argc > 1)
    rc = jd_cli_usage (context, _ ("unexpected argument “%s”"), (*argv)[1]);
  return rc;
}

/* --OPTION's year, four digits and nothing else: JD_EXIT_OK, or the usage exit
 * code after saying why. */
int
jd_cli_parse_year (GOptionContext *context, const char *option, const char *text, int *year)
{
  char *end = NULL;
  gint64 value = text && g_ascii_isdigit (*text) ? g_ascii_strtoll (text, &end, 10) : 0;

  if (end == NULL || *end != '\0' || value < JD_CLI_MIN_YEAR || value > JD_CLI_MAX_YEAR)
    return jd_cli_usage (context, _ ("--%s: “%s” is not a year between %d and %d"), option,
                         text ? text : "", JD_CLI_MIN_YEAR, JD_CLI_MAX_YEAR);
  *year = (int)value;
  return JD_EXIT_OK;
}

void
jd_cli_common_clear (JdCliCommon *common)
{
  g_clear_pointer (&common->db, g_free);
  g_clear_pointer (&common->today, g_free);
}

char *
jd_cli_db_path (JdCliCommon *common)
{
  return common->db ? g_strdup (common->db) : jd_ledger_default_path ();
}

JdLedger *
jd_cli_open_ledger (JdCliCommon *common, GError **error)
{
  g_autofree char *path = jd_cli_db_path (common);
  g_autofree char *made = NULL;
  JdLedger *ledger = jd_backups_open_ledger (path, &made, error);
  if (made)
    g_printerr (_ ("%s was brought up to this version of Jindu Ledger; a backup of it as it was "
                   "is %s\n"),
                path, made);
  return ledger;
}

int
jd_cli_usage (GOptionContext *context, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("jindu: %s\n", message);
  if (context)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_autofree char *first = g_strndup (help, strcspn (help, "\n"));
      g_printerr ("%s\n", first);
    }
  return JD_EXIT_USAGE;
}

int
jd_cli_exit_for_error (const GError *error)
{
  if (error->domain == JD_ERROR && error->code == JD_ERROR_INVALID)
    return JD_EXIT_INVALID;
  return JD_EXIT_FILE;
}

/* Prints the error as one line and returns its exit code. */
int
jd_cli_fail (GError *error)
{
  int code = jd_cli_exit_for_error (error);
  g_printerr ("jindu: %s\n", error->message);
  g_error_free (error);
  return code;
}

/* Progress goes to stderr only when a person is watching it. */
gboolean
jd_cli_progress_wanted (void)
{
  return isatty (STDERR_FILENO);
}

/* ---- init ------------------------------------------------------------------ */

int
jd_cmd_init (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  g_autofree char *township = NULL, *county = NULL;
  const GOptionEntry entries[]
      = { { "township", 0, 0, G_OPTION_ARG_STRING, &township, N_ ("The township’s name"),
            N_ ("NAME") },
          { "county", 0, 0, G_OPTION_ARG_STRING, &county, N_ ("The county’s name"), N_ ("NAME") },
          { NULL } };
  g_autoptr (GOptionContext) context
      = jd_cli_context ("init", NULL, _ ("Create an empty ledger."), entries, &common);
  int rc = jd_cli_parse (context, &common, &argc, &argv);
  if (rc == JD_EXIT_OK && (common.db == NULL || township == NULL))
    rc = jd_cli_usage (context, _ ("init needs --db FILE and --township NAME"));
  if (rc == JD_EXIT_OK && argc > 1)
    rc = jd_cli_usage (context, _ ("unexpected argument “%s”"), argv[1]);
  if (rc == JD_EXIT_OK)
    {
      GError *error = NULL;
      g_autoptr (JdLedger) ledger = jd_ledger_create (common.db, township, county, &error);
      rc = ledger ? JD_EXIT_OK : jd_cli_fail (error);
    }
  jd_cli_common_clear (&common);
  return rc;
}
