/* jd-cli.h: the sub-commands of docs/contract.md §5 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "jd-county.h"
#include "jd-ledger.h"

G_BEGIN_DECLS

/* Exit codes of docs/contract.md §5. */
typedef enum
{
  JD_EXIT_OK = 0,
  JD_EXIT_USAGE = 1,
  JD_EXIT_INVALID = 2,
  JD_EXIT_FILE = 3,
} JdExit;

typedef int (*JdCommandFunc) (int argc, char **argv);

char *jd_cli_dup_command_names (void);
char *jd_cli_escape_controls (const char *text);
int jd_cli_main (int argc, char **argv);

/* For the commands themselves. */
typedef struct
{
  char *db;    /* --db, NULL for the default ledger */
  char *today; /* --today */
} JdCliCommon;

GOptionContext *jd_cli_context (const char *command,
                                const char *parameters,
                                const char *summary,
                                const GOptionEntry *entries,
                                JdCliCommon *common);
int jd_cli_parse (GOptionContext *context, JdCliCommon *common, int *argc, char ***argv);
/* jd_cli_parse for a command that takes no argument (one left over is a usage error). */
int jd_cli_parse_options (GOptionContext *context, JdCliCommon *common, int *argc, char ***argv);
#define JD_CLI_MIN_YEAR 1900
#define JD_CLI_MAX_YEAR 2200
int jd_cli_parse_year (GOptionContext *context, const char *option, const char *text, int *year);
void jd_cli_common_clear (JdCliCommon *common);
char *jd_cli_db_path (JdCliCommon *common);
JdLedger *jd_cli_open_ledger (JdCliCommon *common, GError **error);
/* The county ledger when --db is one (jd-cmd-county.c); NULL without error
 * when it is a township's, with an error when township (--township) is given
 * for a township's ledger. */
JdCounty *jd_cli_open_county (JdCliCommon *common, const char *township, GError **error);
int jd_cli_usage (GOptionContext *context, const char *format, ...) G_GNUC_PRINTF (2, 3);
int jd_cli_fail (GError *error);
int jd_cli_exit_for_error (const GError *error);
gboolean jd_cli_progress_wanted (void);

/* What the commands that print share (jd-cli-print.c): the value built as indented JSON and a
 * newline on standard output; the columns text takes on a terminal (Chinese characters take
 * two); text padded with spaces to width columns (right: the spaces first). */
void jd_cli_print_json (JsonBuilder *builder);
int jd_cli_display_width (const char *text);
void jd_cli_append_padded (GString *line, const char *text, int width, gboolean right);

/* The commands that write one file (jd-cli-output.c). */
/* A percentage on the terminal, rewritten in place after label (a JdProgressFunc whose data is
 * a JdCliProgress); shown tells whether a line is left to be ended. */
typedef struct
{
  const char *label;
  gboolean shown;
} JdCliProgress;
void jd_cli_print_progress (double fraction, gpointer progress);
/* The ledger, opened only once out may be written (replaced when it exists only with force):
 * a refused FILE costs no opening of the ledger. */
JdLedger *
jd_cli_open_for_output (JdCliCommon *common, const char *out, gboolean force, GError **error);
/* A command that writes --out FILE (replaced when it exists with --force) and takes no
 * argument; its texts are marked for translation, and translated when shown. write writes
 * FILE from the ledger and says what it wrote, or fails with an error. */
typedef struct
{
  const char *name;
  const char *summary;
  const char *description;
  const char *out_help; /* what FILE is */
  const char *missing;  /* the usage error without --out */
  gboolean (*write) (JdLedger *ledger, const char *out, gboolean force, GError **error);
} JdCliOutCommand;
/* Parses the command's options (with --db and --today), opens the ledger once FILE may be
 * written and writes it; the command's exit status. */
int jd_cli_out_run (const JdCliOutCommand *command, int argc, char **argv);
typedef gboolean (*JdCliWriteFunc) (gpointer data,
                                    JdProgressFunc progress,
                                    gpointer progress_data,
                                    GCancellable *cancellable,
                                    GError **error);
/* Runs write in a thread, its progress on a line labelled label when the terminal wants one,
 * Ctrl+C (or SIGTERM) cancelling it; the command's exit status. */
int jd_cli_write_in_thread (const char *label, JdCliWriteFunc write, gpointer data);

/* One function per sub-command, each in its own jd-cmd-*.c. */
int jd_cmd_init (int argc, char **argv);
int jd_cmd_indicators (int argc, char **argv);
int jd_cmd_readiness (int argc, char **argv);
int jd_cmd_export (int argc, char **argv);
int jd_cmd_import (int argc, char **argv);
int jd_cmd_todo (int argc, char **argv);
int jd_cmd_demo (int argc, char **argv);
int jd_cmd_check (int argc, char **argv);
int jd_cmd_backup (int argc, char **argv);
int jd_cmd_chart (int argc, char **argv);
int jd_cmd_dossier (int argc, char **argv);
int jd_cmd_package (int argc, char **argv);
int jd_cmd_county (int argc, char **argv);
int jd_cmd_transfer (int argc, char **argv);
int jd_cmd_imports (int argc, char **argv);
/* jindu import --db FILE transfer FILE.jdpkg (jd-cmd-transfer.c) */
int jd_cmd_import_transfer (int argc, char **argv);

G_END_DECLS
