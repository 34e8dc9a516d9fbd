/* jd-table-cell.h: what every reader of a table (CSV, .xlsx, .xls) says of a cell: what it
 * held, the bounds on what a workbook may make us read, and a column's letters (B in 人员!B7) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

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

/* 0 → "A", 25 → "Z", 26 → "AA". */
char *jd_table_column_letters (guint column);

G_END_DECLS
