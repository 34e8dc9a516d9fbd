/* jd-cmd-export.c: jindu export --db FILE --year Y --out FILE.xlsx [--mask] [--registers a,b,…]
 *                                [--force] [--password-file FILE] [--township NAME]
 *
 * Writes the inspection workbook (docs/contract.md §7); on a county ledger the
 * county's, or one township's with --township (§9). The work runs in a GTask thread,
 * as in the window, so that Ctrl+C cancels it cleanly: no half-written file is
 * left behind.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "jd-audit-query.h"
#include "jd-cli.h"
#include "jd-county-workbook.h"
#include "jd-error.h"
#include "jd-office-crypt.h"
#include "jd-output.h"
#include "jd-registers.h"

/* The most a password file's first line may hold, in bytes: 255 characters of
 * four bytes, and room to say that it is too long. */
#define MAX_PASSWORD_BYTES (4 * JD_OFFICE_CRYPT_MAX_PASSWORD + 4)

typedef struct
{
  JdLedger *ledger;
  JdCounty *county; /* or, on a county ledger, the county */
  const char *township;
  JdExportOptions options;
  GArray *registers;
} Export;

static gboolean
write_workbook (gpointer data,
                JdProgressFunc progress,
                gpointer progress_data,
                GCancellable *cancellable,
                GError **error)
{
  Export *export = data;
  if (export->county)
    return jd_county_workbook_export (export->county, export->township, &export->options, progress,
                                      progress_data, cancellable, error);
  return jd_workbook_export (export->ledger, &export->options, progress, progress_data, cancellable,
                             error)
         && jd_audit_log_workbook (export->ledger, export->options.path, export->options.year,
                                   export->options.registers, export->options.n_registers,
                                   export->options.mask, error);
}

static void
wipe_password (char *password)
{
  if (password)
    explicit_bzero (password, strlen (password));
  g_free (password);
}

/* The first line of fd, without its line end ("\n" or "\r\n"), read a byte at
 * a time so that nothing after it is taken from standard input. */
static char *
read_first_line (int fd, int *saved_errno, gboolean *has_nul)
{
  char *line = g_malloc0 (MAX_PASSWORD_BYTES + 1);
  gsize length = 0;
  while (length < MAX_PASSWORD_BYTES)
    {
      char c;
      ssize_t n = read (fd, &c, 1);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          *saved_errno = errno;
          wipe_password (line);
          return NULL;
        }
      if (n == 0 || c == '\n')
        break;
      line[length++] = c;
    }
  if (length > 0 && line[length - 1] == '\r')
    line[--length] = '\0';
  *has_nul = strlen (line) != length;
  return line;
}

static struct termios typing_termios;

/* Ctrl+C while the password is typed: the echo comes back before the program ends. */
static void
restore_echo_and_raise (int signal_number)
{
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &typing_termios);
  signal (signal_number, SIG_DFL);
  raise (signal_number);
}

/* Standard input when a person types: no echo, and a prompt on stderr. */
static char *
read_typed_password (int *saved_errno, gboolean *has_nul)
{
  static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
  struct sigaction restore = { .sa_handler = restore_echo_and_raise }, before[4];
  struct termios quiet;
  gboolean terminal = tcgetattr (STDIN_FILENO, &typing_termios) == 0;
  if (terminal)
    {
      for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
        sigaction (signals[i], &restore, &before[i]);
      quiet = typing_termios;
      quiet.c_lflag &= ~(tcflag_t)ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  g_printerr ("%s", _ ("Password for the workbook: "));
  char *password = read_first_line (STDIN_FILENO, saved_errno, has_nul);
  if (terminal)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &typing_termios);
      for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
        sigaction (signals[i], &before[i], NULL);
    }
  g_printerr ("\n");
  return password;
}

/* The password of --password-file FILE ("-": standard input), its first line;
 * exits with a message when there is none to use. */
static int
read_password (GOptionContext *context, const char *file, char **password)
{
  int saved = 0;
  gboolean has_nul = FALSE;
  if (g_strcmp0 (file, "-") == 0)
    *password = isatty (STDIN_FILENO) ? read_typed_password (&saved, &has_nul)
                                      : read_first_line (STDIN_FILENO, &saved, &has_nul);
  else
    {
      int fd = g_open (file, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
      if (fd < 0)
        saved = errno;
      else
        {
          *password = read_first_line (fd, &saved, &has_nul);
          close (fd);
        }
    }
  const char *name = g_strcmp0 (file, "-") == 0 ? _ ("standard input") : file;
  if (*password == NULL)
    return jd_cli_usage (context, _ ("--password-file: %s cannot be read: %s"), name,
                         g_strerror (saved));
  /* No password holds a NUL byte, and it would cut this one short. */
  if (has_nul)
    return jd_cli_usage (context,
                         _ ("--password-file: the first line of %s holds a NUL byte; a "
                            "password is text"),
                         name);

  GError *error = NULL;
  if (!jd_office_crypt_check_password (*password, &error))
    {
      g_prefix_error (&error, "--password-file %s: ", name);
      return jd_cli_fail (error);
    }
  return JD_EXIT_OK;
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
  /* The path first: a refused FILE costs no opening of the ledger. */
  g_autofree char *db = jd_cli_db_path (common);
  if (!jd_output_check (export->options.path, db,
                        export->options.force ? JD_OUTPUT_FORCE : JD_OUTPUT_NONE, &error))
    return jd_cli_fail (error);
  g_autoptr (JdCounty) county = jd_cli_open_county (common, export->township, &error);
  if (error)
    return jd_cli_fail (error);
  g_autoptr (JdLedger) ledger = county ? NULL : jd_cli_open_ledger (common, &error);
  if (county == NULL && ledger == NULL)
    return jd_cli_fail (error);
  /* The writing does not own the ledger: it is closed here, once the thread is done. */
  export->ledger = ledger;
  export->county = county;
  return jd_cli_write_in_thread (_ ("Exporting…"), write_workbook, export);
}

int
jd_cmd_export (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  int year = 0;
  g_autofree char *out = NULL, *registers = NULL, *unknown = NULL, *password_file = NULL,
                  *township = NULL;
  char *password = NULL;
  gboolean mask = FALSE, force = FALSE;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_ ("The year of the registers"), N_ ("Y") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_ ("The workbook to write"), N_ ("FILE.xlsx") },
    { "mask", 0, 0, G_OPTION_ARG_NONE, &mask,
      N_ ("Mask personal data: names 张*, ID numbers 110105********002X, phone numbers "
          "138****5678, no house numbers, no birth dates"),
      NULL },
    { "registers", 0, 0, G_OPTION_ARG_STRING, &registers,
      N_ ("Only these sheets, by key, separated by commas"), N_ ("a,b,…") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_ ("Replace FILE.xlsx when it exists"), NULL },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_ ("Encrypt the workbook with the password on the first line of FILE (-: standard "
          "input); Excel, WPS and LibreOffice ask for it"),
      N_ ("FILE") },
    { "township", 0, 0, G_OPTION_ARG_STRING, &township,
      N_ ("On a county ledger, that township’s only"), N_ ("NAME") },
    { NULL }
  };
  g_autofree char *keys = jd_register_describe_keys ();
  g_autofree char *sheets = g_strdup_printf (_ ("Sheets: %s"), keys);
  g_autofree char *description = g_strdup_printf (
      "%s\n\n%s", sheets,
      _ ("The workbook is readable by its owner only (0600). An existing FILE.xlsx is left "
         "alone unless --force is given; the ledger itself, a device, a folder or a link is "
         "never written.\n\n"
         "Exit status: 0 when the workbook is written; 1 on bad usage; 3 when the ledger "
         "cannot be read or the workbook cannot be written."));
  g_autoptr (GOptionContext) context = jd_cli_context (
      "export", NULL, _ ("Write the inspection workbook of a year (xlsx)."), entries, &common);
  g_option_context_set_description (context, description);
  Export export = { .registers = g_array_new (FALSE, FALSE, sizeof (JdRegister)) };

  int rc = jd_cli_parse_options (context, &common, &argc, &argv);
  if (rc == JD_EXIT_OK && (year == 0 || out == NULL))
    rc = jd_cli_usage (context, _ ("export needs --year Y and --out FILE.xlsx"));
  if (rc == JD_EXIT_OK && (year < 1990 || year > 2200))
    rc = jd_cli_usage (context, _ ("--year: %d is not a year of the ledger (1990–2200)"), year);
  if (rc == JD_EXIT_OK && registers && !parse_registers (registers, export.registers, &unknown))
    rc = unknown
             ? jd_cli_usage (context, _ ("--registers: unknown sheet “%s”; the sheets are %s"),
                             unknown, keys)
             : jd_cli_usage (context, _ ("--registers: no sheet given; the sheets are %s"), keys);
  if (rc == JD_EXIT_OK && password_file)
    rc = read_password (context, password_file, &password);
  if (rc == JD_EXIT_OK)
    {
      export.options.path = out;
      export.options.password = password;
      export.options.year = year;
      export.options.mask = mask;
      export.options.force = force;
      export.township = township;
      if (registers)
        {
          export.options.registers = (const JdRegister *)export.registers->data;
          export.options.n_registers = export.registers->len;
        }
      rc = run_export (&common, &export);
    }
  g_array_unref (export.registers);
  wipe_password (password);
  jd_cli_common_clear (&common);
  return rc;
}
