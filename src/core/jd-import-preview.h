/* jd-import-preview.h: what an import would do, before it does it: the window's
 * import assistant (docs/contract.md §6, §8) */
#pragma once

#include "jd-import.h"
#include "jd-table-source.h"

G_BEGIN_DECLS

/* A file's first look: its sheets, the header row found, the kind it seems to be. */
typedef struct
{
  JdTableFormat format;
  char **sheets; /* a workbook's sheets; NULL for CSV */
  char *sheet;   /* the sheet read, NULL for CSV */
  guint header_row;
  char **header;     /* the header row's cells (trimmed); empty if none was found */
  JdImportKind kind; /* guessed from the headings; JD_IMPORT_INVALID if none fits */
} JdImportSniff;

/* Opens the file at path and reads the first rows of sheet (NULL: the first):
 * the header row is header_row, or (0) the first of them that names the
 * columns of some kind. FALSE when the file cannot be read. */
gboolean jd_import_sniff (
    const char *path, const char *sheet, guint header_row, JdImportSniff *sniff, GError **error);
void jd_import_sniff_clear (JdImportSniff *sniff);

/* The column each heading names for kind: per heading, a key or "" (passed over). */
char **jd_import_match_header (JdImportKind kind, char **header);

typedef enum
{
  JD_PREVIEW_NEW,
  JD_PREVIEW_UPDATE,
  JD_PREVIEW_UNCHANGED,
  JD_PREVIEW_PROBLEM,
} JdPreviewState;

typedef struct
{
  guint line;        /* the row of the sheet, the line of the CSV file */
  char **cells;      /* one per heading */
  char **problems;   /* one per heading: the reason the cell is wrong, or NULL */
  char *row_problem; /* what is wrong with the row as a whole, or NULL */
  JdPreviewState state;
  char **changed;  /* an update: the keys of the columns whose value changes */
  char *duplicate; /* a new person who looks like one already there: who and why */
} JdPreviewRow;

typedef struct
{
  JdImportKind kind;
  char **header;            /* the headings, one per column of the file */
  GPtrArray *rows;          /* JdPreviewRow: the first max_rows, then the rows with problems
                             * or flags up to as many again; the others are only counted */
  GPtrArray *file_problems; /* char *: what is wrong with the file, not with one row */
  guint n_rows;
  guint n_new;
  guint n_updated;
  guint n_unchanged;
  guint n_problem_rows;
  guint n_duplicates;
} JdImportPreview;

/* Checks every row of the file as an import with these options would, and
 * writes nothing: each row new, an update (and what changes), unchanged or with
 * its problems, each new person who looks like one already in the ledger
 * flagged. Memory holds the rows kept, not the file. FALSE when the ledger
 * fails or the user cancels; a file's problems are in the preview. */
JdImportPreview *jd_import_preview (JdLedger *ledger,
                                    JdImportKind kind,
                                    const char *path,
                                    const JdImportOptions *options,
                                    guint max_rows,
                                    JdProgressFunc progress,
                                    gpointer user_data,
                                    GCancellable *cancellable,
                                    GError **error);
void jd_import_preview_free (JdImportPreview *preview);

/* Whether the preview shows nothing that stops the import. */
gboolean jd_import_preview_is_clean (const JdImportPreview *preview);

/* The persons of a ledger, to find a new one who looks like one of them. */
typedef struct _JdLookalikes JdLookalikes;
JdLookalikes *jd_lookalikes_new (JdLedger *ledger, GError **error);
/* Who in the ledger the person id_number, name looks like, and why; NULL for nobody. */
char *jd_lookalikes_find (JdLookalikes *self, const char *id_number, const char *name);
void jd_lookalikes_free (JdLookalikes *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdImportPreview, jd_import_preview_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdLookalikes, jd_lookalikes_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JdImportSniff, jd_import_sniff_clear)

G_END_DECLS
