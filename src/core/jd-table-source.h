/* jd-table-source.h: the rows of a CSV file or of one sheet of a workbook
 * (.xlsx, .xls), as the import reads them (docs/contract.md §6)
 *
 * One source gives its sheet names (none for CSV), reads the chosen sheet row
 * by row as text cells, and names a cell the way the file's own program does
 * (人员!B7). The import finds the header row itself (jd-import.c), so that the
 * window's assistant can show the same rows before anything is written. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _JdTableSource JdTableSource;

typedef enum
{
  JD_TABLE_CSV,
  JD_TABLE_XLSX,
  JD_TABLE_XLS,
} JdTableFormat;

/* What a cell held besides its text. */
typedef enum
{
  JD_TABLE_CELL_TEXT = 0,
  JD_TABLE_CELL_NUMBER,   /* a number; one of 10^15 or more is written 4.41581198503120E+17 */
  JD_TABLE_CELL_DATE,     /* a number in a date format, written 2024-03-05 */
  JD_TABLE_CELL_NO_VALUE, /* a formula the file saved without its value: the text is empty */
} JdTableCell;

/* Bounds on what a workbook may make us read, whatever it claims. */
#define JD_TABLE_MAX_COLUMNS 1024             /* Excel allows 16,384; no register has 100 */
#define JD_TABLE_MAX_ROWS 1048576             /* Excel's own limit */
#define JD_TABLE_MAX_SHEET_BYTES (1u << 29)   /* one sheet's XML, inflated: 512 MB */
#define JD_TABLE_MAX_STRINGS_BYTES (1u << 28) /* the shared strings, inflated */

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

char *jd_table_column_letters (guint column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdTableSource, jd_table_source_free)

G_END_DECLS
