/* jd-sheet-private.h: what the workbook (jd-workbook.c) knows of its sheets (jd-sheet.c) */
#pragma once

#include <locale.h>
#include <xlsxwriter.h>

#include "jd-date.h"
#include "jd-output.h"
#include "jd-sheet.h"

G_BEGIN_DECLS

#define TITLE_ROW 0
#define INFO_ROW 1
#define HEADER_ROW 2
#define FIRST_DATA_ROW 3

#define PAPER_A4 9
#define MAX_STRING 32767    /* characters in a cell */
#define MIN_CHART_WIDTH 360 /* pixels */
#define CHART_HEIGHT 300    /* pixels */
#define CHART_GAP 24        /* pixels */

/* Column widths in Excel's units (the width of a digit of the default font). */
#define MIN_WIDTH 4.0
#define MAX_TEXT_WIDTH 40.0
#define MAX_WRAP_WIDTH 30.0
#define LINE_HEIGHT 16.0     /* points: one line of 11-point Chinese text */
#define TWO_LINE_HEADER 10.0 /* a header wider than this makes the header row two lines high */

typedef enum
{
  FORMAT_TITLE,
  FORMAT_INFO_LEFT,
  FORMAT_INFO_RIGHT,
  FORMAT_HEADER,
  FORMAT_TEXT, /* wraps: so do the wrapping columns, with this very format (see add_format) */
  FORMAT_CENTER,
  FORMAT_CODE, /* ID and phone numbers: text, never numbers */
  FORMAT_DAY,
  FORMAT_COUNT,
  FORMAT_NUMBER,
  FORMAT_RATIO,
  N_FORMATS
} Format;

typedef struct
{
  char *title;
  char *description;
  guint category_column;
  guint value_column;
  gboolean percent;
} Chart;

/* What a sheet needs of its workbook (jd-workbook.c holds it). */
typedef struct
{
  char *path;
  char *office;
  char today[JD_DAY_STRLEN];
  lxw_workbook *workbook;
  lxw_format *formats[N_FORMATS];
  guint n_sheets;
} JdSheetBook;

struct _JdSheet
{
  JdSheetBook *book;
  lxw_worksheet *worksheet;
  char *name;
  JdColumn *columns;
  guint n_columns;
  double *widths; /* the widest cell of each column, in units */
  char **cleaned; /* the row being appended: its texts that had to be cleaned */
  guint n_rows;   /* data rows */
  GPtrArray *charts;
  gboolean finished;
};

/* TRUE when err is no error; otherwise sets error, naming the workbook's file. */
gboolean jd_sheet_book_check (JdSheetBook *book, lxw_error err, GError **error);
/* Adds a sheet to book and writes its title, office line and headers. */
JdSheet *jd_sheet_new (JdSheetBook *book,
                       const char *name,
                       const char *title,
                       const JdColumn *columns,
                       guint n_columns,
                       GError **error);
void jd_sheet_free (JdSheet *sheet);

G_END_DECLS
