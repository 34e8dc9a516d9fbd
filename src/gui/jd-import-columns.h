/* jd-import-columns.h: the import assistant's drop-down per heading of the file,
 * matching it to a column or to none (docs/contract.md §8) */
#pragma once

#include <adwaita.h>

#include "jd-import.h"

G_BEGIN_DECLS

/* Replaces the rows of group (kept in rows) by an AdwComboRow per heading of
 * header, offering "Ignored" and every column of kind, the one assign names
 * selected; changed (an AdwComboRow's notify::selected handler) is connected
 * to each with user_data. Nothing is shown without a kind or assign. */
void jd_import_columns_show (AdwPreferencesGroup *group,
                             GPtrArray *rows,
                             JdImportKind kind,
                             char **header,
                             char **assign,
                             GCallback changed,
                             gpointer user_data);

/* The heading a row of jd_import_columns_show () stands for (its place in header). */
guint jd_import_columns_field (AdwComboRow *row);
/* The column key the row's choice names in kind; "" for "Ignored". */
const char *jd_import_columns_key (AdwComboRow *row, JdImportKind kind);

G_END_DECLS
