/* jd-import-table.h: the import assistant's preview as a table, each problem in
 * its cell, and its summary (docs/contract.md §8) */
#pragma once

#include <adwaita.h>

#include "jd-import-preview.h"

G_BEGIN_DECLS

typedef struct _JdImportTable JdImportTable;

/* The table shown in view: every row kept, or only those with problems or
 * flags while only_problems is active. */
JdImportTable *jd_import_table_new (GtkColumnView *view, GtkToggleButton *only_problems);
void jd_import_table_free (JdImportTable *table);

/* Shows the rows of preview (none when NULL) under the file's headings, each
 * heading with the column of kind that assign matches it to. The preview is
 * read while it is shown: it must outlive the next call (or the free). */
void jd_import_table_show (JdImportTable *table,
                           const JdImportPreview *preview,
                           JdImportKind kind,
                           char **assign);

/* What the preview says in a few lines: its counts and the file's problems;
 * *blocked is TRUE when the file cannot be imported as it is. */
char *
jd_import_table_summary (const JdImportPreview *preview, JdImportKind kind, gboolean *blocked);

G_END_DECLS
