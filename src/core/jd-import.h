/* jd-import.h: importing one CSV file or sheet of a workbook of one kind (docs/contract.md §6) */
#pragma once

#include <gio/gio.h>

#include "jd-ledger.h"

G_BEGIN_DECLS

typedef enum
{
  JD_IMPORT_INVALID = -1,
  JD_IMPORT_VILLAGES,
  JD_IMPORT_PERSONS,
  JD_IMPORT_STATUSES,
  JD_IMPORT_USE_EVENTS,
  JD_IMPORT_FOLLOWUPS,
  JD_IMPORT_HELP_MEMBERS,
  JD_IMPORT_AGREEMENTS,
  JD_IMPORT_ACTIVITIES,
  JD_IMPORT_LETTERS,
  JD_IMPORT_VENUES,
  JD_IMPORT_INSPECTIONS,
  JD_IMPORT_TITLE_EVENTS,
  JD_IMPORT_STAFF,
  JD_IMPORT_MOVES,
  JD_IMPORT_SURVEYS,
  JD_IMPORT_N_KINDS
} JdImportKind;

/* One thing wrong with the file: at a line (0: the file as a whole), in a
 * column named as the file's header writes it (NULL: the row or the header). */
typedef struct
{
  guint line; /* the line of a CSV file, the row of a sheet */
  char *cell; /* in a sheet: the cell as the spreadsheet names it, 人员!B7 (人员!7:7 for a
               * row); NULL in a CSV file */
  char *column;
  char *reason;
  guint more; /* how many later rows have the same problem in the same column */
} JdImportProblem;

/* The problems kept in a report, whatever the file: the rest are counted. */
#define JD_IMPORT_MAX_PROBLEMS 200

typedef struct
{
  JdImportKind kind;
  const char *encoding; /* "UTF-8" or "GB18030", once the file is read */
  char *sheet;          /* the sheet read, for a workbook */
  guint header_row;     /* the row (or line) that named the columns; 0 if none did */
  guint rows;           /* data rows, blank ones not counted */
  guint added;
  guint updated;
  guint unchanged;
  GPtrArray *problems; /* JdImportProblem, by line; empty when the file was imported */
  guint unlisted;      /* problems past JD_IMPORT_MAX_PROBLEMS, counted but not kept */
} JdImportReport;

JdImportKind jd_import_kind_from_string (const char *name);
const char *jd_import_kind_to_string (JdImportKind kind);
const char *jd_import_kind_label (JdImportKind kind);
char *jd_import_kind_list (void);
char *jd_import_describe_columns (JdImportKind kind);

/* A kind's columns, in the order of docs/contract.md §6's table. */
guint jd_import_kind_n_columns (JdImportKind kind);
const char *jd_import_column_key (JdImportKind kind, guint column);
const char *jd_import_column_label (JdImportKind kind, guint column);
gboolean jd_import_column_required (JdImportKind kind, guint column);

/* The column of kind a heading names (its key, its Chinese label or one of the
 * synonyms of docs/contract.md §6), or -1; jd-import-match.c. */
int jd_import_match_heading (JdImportKind kind, const char *heading);
/* The kind whose columns a header row names best (*score > 0), or
 * JD_IMPORT_INVALID when it names none's required columns. */
JdImportKind jd_import_guess_kind (char **header, guint *score);

/* What the rows of an import give to the one watching them, the window's
 * import assistant (jd-import-preview.c). Each is called on the importing
 * thread; a row's problems come before the row. */
typedef struct
{
  /* The header row: per field of it, the column key it was matched to, or NULL. */
  void (*header) (guint line, char **header, const char *const *keys, gpointer user_data);
  /* One problem: at a line (0: the file), in a field of the header (-1: the row). */
  void (*problem) (guint line, int field, const char *reason, gpointer user_data);
  /* One data row and what storing it did; for an update of a village or a
   * person, the keys of the columns whose value changes (NULL-terminated). */
  void (*row) (
      guint line, char **fields, int result, const char *const *changed, gpointer user_data);
  gpointer user_data;
} JdImportObserver;

/* What the command line's --sheet, --header-row and --map say (docs/contract.md §6),
 * and what the window's assistant sets besides. */
typedef struct
{
  const char *sheet; /* NULL: the first */
  guint header_row;  /* 0: found by its known columns */
  char **map;        /* "HEADING=KEY" pairs, or NULL */
  /* The assistant's matching: per field of the header row, a column key, or
   * "" (or past the end) to pass the column over; NULL: by heading. */
  const char *const *assign;
  gboolean dry_run; /* check and count every row, then roll back: nothing is written */
  const JdImportObserver *observer;
} JdImportOptions;

gboolean jd_import_file_with_options (JdLedger *ledger,
                                      JdImportKind kind,
                                      const char *path,
                                      const JdImportOptions *options,
                                      JdImportReport *report,
                                      JdProgressFunc progress,
                                      gpointer user_data,
                                      GCancellable *cancellable,
                                      GError **error);

gboolean jd_import_file (JdLedger *ledger,
                         JdImportKind kind,
                         const char *path,
                         JdImportReport *report,
                         JdProgressFunc progress,
                         gpointer user_data,
                         GCancellable *cancellable,
                         GError **error);

char *jd_import_problem_format (const JdImportProblem *problem, const char *file);
char *jd_import_report_format_unlisted (const JdImportReport *report, const char *file);
void jd_import_report_clear (JdImportReport *report);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JdImportReport, jd_import_report_clear)

G_END_DECLS
