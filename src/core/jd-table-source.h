/* jd-table-source.h: the rows of a CSV file or of one sheet of a workbook
 * (.xlsx, .xls), as the import reads them (docs/contract.md §6)
 *
 * One source gives its sheet names (none for CSV), reads the chosen sheet row
 * by row as text cells, and names a cell the way the file's own program does
 * (人员!B7). The import finds the header row itself (jd-import.c), so that the
 * window's assistant can show the same rows before anything is written. */
#pragma once

#include <glib.h>

#include "jd-table-cell.h"

G_BEGIN_DECLS

typedef struct _JdTableSource JdTableSource;

typedef enum
{
  JD_TABLE_CSV,
  JD_TABLE_XLSX,
  JD_TABLE_XLS,
} JdTableFormat;

JdTableSource *jd_table_source_open (const char *path, guint *error_line, GError **error);
JdTableSource *jd_table_source_new_for_data (
    const char *data, gsize length, JdTableFormat format, guint *error_line, GError **error);
void jd_table_source_free (JdTableSource *self);

JdTableFormat jd_table_source_get_format (JdTableSource *self);
const char *jd_table_source_get_encoding (JdTableSource *self);
const char *const *jd_table_source_get_sheets (JdTableSource *self);
gboolean jd_table_source_select_sheet (JdTableSource *self, const char *name, GError **error);
const char *jd_table_source_get_sheet (JdTableSource *self);

gboolean jd_table_source_next (
    JdTableSource *self, char ***cells, JdTableCell **kinds, guint *row, GError **error);
double jd_table_source_get_fraction (JdTableSource *self);
char *jd_table_source_name_cell (JdTableSource *self, guint row, int column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdTableSource, jd_table_source_free)

G_END_DECLS
