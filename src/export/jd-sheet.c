/* jd-sheet.c: one sheet of an xlsx workbook (jd-workbook.c): title, office line and
 * headers, then the data rows in order, the columns as wide as their widest cell, and
 * the sheet's line charts (docs/contract.md §7)
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jd-error.h"
#include "jd-sheet-private.h"

/* ---- errors ------------------------------------------------------------------------- */

gboolean
jd_sheet_book_check (JdSheetBook *book, lxw_error err, GError **error)
{
  if (err == LXW_NO_ERROR)
    return TRUE;
  g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s: the workbook could not be written (%s)"),
               book->path, lxw_strerror (err));
  return FALSE;
}

/* ---- widths --------------------------------------------------------------------------- */

/* A character's width in Excel's units: a Chinese character (or any East Asian
 * wide one) is about two digits wide. ASCII and the common Chinese blocks are
 * answered before GLib's tables, which every cell of a workbook goes through. */
static double
char_width (gunichar c)
{
  if (c < 0x80)
    return 1.0;
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF60))
    return 2.1;
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide_cjk (c) ? 2.1 : 1.0;
}

/* A text's widest line and the lines it takes in a column `room` units wide
 * (Chinese wraps between any two characters, so a line takes its width over
 * the room), in one pass. text is valid UTF-8; it is decoded here rather than
 * by g_utf8_get_char () because every text of a workbook comes through. */
static double
measure_text (const char *text, double room, guint *lines)
{
  double width = 0, line = 0;
  guint n = 0;
  for (const guchar *p = (const guchar *)text;;)
    {
      gunichar c = *p++;
      if (c >= 0xF0)
        {
          c = ((c & 0x07) << 18) | ((p[0] & 0x3Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
          p += 3;
        }
      else if (c >= 0xE0)
        {
          c = ((c & 0x0F) << 12) | ((p[0] & 0x3Fu) << 6) | (p[1] & 0x3Fu);
          p += 2;
        }
      else if (c >= 0xC0)
        c = ((c & 0x1F) << 6) | (*p++ & 0x3Fu);

      if (c != '\0' && c != '\n')
        {
          line += char_width (c);
          continue;
        }
      width = MAX (width, line);
      n += MAX (1, (guint)ceil (line / room - 1e-9));
      line = 0;
      if (c == '\0')
        break;
    }
  if (lines)
    *lines = n;
  return width;
}

static double
max_width (JdColumnKind kind)
{
  switch (kind)
    {
      case JD_COLUMN_WRAP:
      case JD_COLUMN_NAMES:
        return MAX_WRAP_WIDTH;
      default:
        return MAX_TEXT_WIDTH;
    }
}

static double
number_width (const char *format, double number)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, format, number);
  return strlen (buf);
}

static double
cell_width (const JdCell *cell)
{
  switch (cell->type)
    {
      case JD_CELL_DAY:
        return 10; /* 2024-03-05 */
      case JD_CELL_COUNT:
        /* Digits (and a sign) of a whole number, without printf. */
        {
          double n = fabs (cell->number);
          int digits = cell->number < 0 ? 2 : 1;
          for (; n >= 10 && digits < 20; n /= 10)
            digits++;
          return digits;
        }
      case JD_CELL_NUMBER:
        return number_width ("%.2f", cell->number);
      case JD_CELL_RATIO:
        return number_width ("%.1f", cell->number * 100) + 1;
      case JD_CELL_EMPTY:
      default:
        return 0;
    }
}

/* The pixels of a column of that width, as Excel (and libxlsxwriter) count them. */
static int
width_pixels (double width)
{
  return width < 1 ? (int)(width * 12 + 0.5) : (int)(width * 7 + 0.5) + 5;
}

/* ---- the sheets ------------------------------------------------------------------------ */

static void
chart_free (Chart *chart)
{
  g_free (chart->title);
  g_free (chart->description);
  g_free (chart);
}

void
jd_sheet_free (JdSheet *sheet)
{
  g_free (sheet->name);
  g_free (sheet->columns);
  g_free (sheet->widths);
  g_free (sheet->cleaned);
  g_ptr_array_unref (sheet->charts);
  g_free (sheet);
}

/* Text as Excel takes it: valid UTF-8, at most 32,767 characters. */
static char *
excel_text (const char *text)
{
  char *valid = g_utf8_make_valid (text, -1);
  if (g_utf8_strlen (valid, -1) > MAX_STRING)
    {
      char *end = g_utf8_offset_to_pointer (valid, MAX_STRING - 1);
      *end = '\0';
      char *cut = g_strconcat (valid, "…", NULL);
      g_free (valid);
      return cut;
    }
  return valid;
}

/* Writes text across columns first..last of the current row (merged when wider than one). */
static lxw_error
write_span (lxw_worksheet *ws,
            lxw_row_t row,
            lxw_col_t first,
            lxw_col_t last,
            const char *text,
            lxw_format *format)
{
  if (last > first)
    return worksheet_merge_range (ws, row, first, row, last, text, format);
  return worksheet_write_string (ws, row, first, text, format);
}

/* An Excel sheet name: at most 31 characters, none of []:*?/\ and unique. */
static char *
sheet_name (JdSheetBook *self, const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name, -1);
  GString *out = g_string_new (NULL);
  guint n = 0;
  for (const char *p = valid; *p && n < 31; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      if (c < 0x80 && strchr ("[]:*?/\\", (int)c))
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }
  if (out->len == 0)
    g_string_append (out, "Sheet");
  while (out->str[0] == '\'')
    g_string_erase (out, 0, 1);
  if (out->len == 0)
    g_string_append (out, "Sheet");
  if (workbook_get_worksheet_by_name (self->workbook, out->str) != NULL)
    g_string_append_printf (out, "(%u)", self->n_sheets + 1);
  return g_string_free (out, FALSE);
}

JdSheet *
jd_sheet_new (JdSheetBook *self,
              const char *name,
              const char *title,
              const JdColumn *columns,
              guint n_columns,
              GError **error)
{
  g_return_val_if_fail (name != NULL && title != NULL, NULL);
  g_return_val_if_fail (columns != NULL && n_columns > 0 && n_columns < 1000, NULL);
  for (guint i = 0; i < n_columns; i++)
    g_return_val_if_fail (columns[i].header && g_utf8_validate (columns[i].header, -1, NULL), NULL);

  g_autofree char *valid_name = sheet_name (self, name);
  lxw_worksheet *ws = workbook_add_worksheet (self->workbook, valid_name);
  if (ws == NULL)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s: the sheet “%s” could not be added"),
                   self->path, valid_name);
      return NULL;
    }

  JdSheet *sheet = g_new0 (JdSheet, 1);
  sheet->book = self;
  sheet->worksheet = ws;
  sheet->name = g_steal_pointer (&valid_name);
  sheet->columns = g_memdup2 (columns, n_columns * sizeof *columns);
  sheet->n_columns = n_columns;
  sheet->widths = g_new0 (double, n_columns);
  sheet->cleaned = g_new0 (char *, n_columns);
  sheet->charts = g_ptr_array_new_with_free_func ((GDestroyNotify)chart_free);

  lxw_col_t last = n_columns - 1;
  lxw_col_t split = n_columns / 2;
  g_autofree char *office = g_strconcat ("填报单位：", self->office, NULL);
  g_autofree char *date = g_strconcat ("导出日期：", self->today, NULL);
  g_autofree char *valid_title = excel_text (title);
  lxw_error err = worksheet_set_row (ws, TITLE_ROW, 32, NULL);
  if (!err)
    err = write_span (ws, TITLE_ROW, 0, last, valid_title, self->formats[FORMAT_TITLE]);
  if (!err)
    err = worksheet_set_row (ws, INFO_ROW, 20, NULL);
  if (!err && n_columns == 1)
    {
      g_autofree char *both = g_strconcat (office, "  ", date, NULL);
      err = worksheet_write_string (ws, INFO_ROW, 0, both, self->formats[FORMAT_INFO_LEFT]);
    }
  else if (!err)
    {
      err = write_span (ws, INFO_ROW, 0, split - 1, office, self->formats[FORMAT_INFO_LEFT]);
      if (!err)
        err = write_span (ws, INFO_ROW, split, last, date, self->formats[FORMAT_INFO_RIGHT]);
    }
  /* Headers are bold: a little wider than their text. A long one may take two
   * lines, so that a column of dates is not as wide as "末次谈话日期". */
  gboolean two_lines = FALSE;
  for (guint i = 0; i < n_columns; i++)
    {
      sheet->widths[i] = measure_text (columns[i].header, 1.0, NULL) * 1.1;
      two_lines |= sheet->widths[i] > TWO_LINE_HEADER;
    }
  if (!err)
    err = worksheet_set_row (ws, HEADER_ROW, two_lines ? 32 : 20, NULL);
  for (guint i = 0; !err && i < n_columns; i++)
    {
      err = worksheet_write_string (ws, HEADER_ROW, i, columns[i].header,
                                    self->formats[FORMAT_HEADER]);
      if (two_lines)
        sheet->widths[i] = sheet->widths[i] / 2 + 1;
    }
  if (!jd_sheet_book_check (self, err, error))
    {
      jd_sheet_free (sheet);
      return NULL;
    }
  return sheet;
}

static Format
cell_format (const JdCell *cell, JdColumnKind kind)
{
  switch (cell->type)
    {
      case JD_CELL_DAY:
        return FORMAT_DAY;
      case JD_CELL_COUNT:
        return FORMAT_COUNT;
      case JD_CELL_NUMBER:
        return FORMAT_NUMBER;
      case JD_CELL_RATIO:
        return FORMAT_RATIO;
      case JD_CELL_TEXT:
      case JD_CELL_EMPTY:
      default:
        break;
    }
  switch (kind)
    {
      case JD_COLUMN_ID_NUMBER:
      case JD_COLUMN_PHONE:
        return FORMAT_CODE;
      case JD_COLUMN_CENTER:
      case JD_COLUMN_SERIAL:
      case JD_COLUMN_VALUE:
        return FORMAT_CENTER;
      case JD_COLUMN_DAY:
        return FORMAT_DAY;
      case JD_COLUMN_COUNT:
        return FORMAT_COUNT;
      case JD_COLUMN_RATIO:
        return FORMAT_RATIO;
      case JD_COLUMN_WRAP:
      case JD_COLUMN_NAMES:
      case JD_COLUMN_TEXT:
      case JD_COLUMN_NAME:
      default:
        return FORMAT_TEXT;
    }
}

static gboolean
needs_cleaning (const char *text)
{
  const char *end;
  return !g_utf8_validate (text, -1, &end) || end - text > MAX_STRING;
}

/* Appends one data row: cells[i] under column i. */
gboolean
jd_sheet_append (JdSheet *sheet, const JdCell *cells, guint n_cells, GError **error)
{
  g_return_val_if_fail (sheet != NULL && !sheet->finished, FALSE);
  g_return_val_if_fail (n_cells == sheet->n_columns, FALSE);

  JdSheetBook *self = sheet->book;
  lxw_worksheet *ws = sheet->worksheet;
  lxw_error err = LXW_NO_ERROR;

  if ((guint64)FIRST_DATA_ROW + sheet->n_rows >= LXW_ROW_MAX)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_IO,
                   _ ("%s: the sheet “%s” would have more rows than Excel allows (%u)"), self->path,
                   sheet->name, (guint)(LXW_ROW_MAX - FIRST_DATA_ROW));
      return FALSE;
    }

  /* A text's lines are its lines between newlines, each wrapped at its
   * column's widest (a column is never wider: see jd_sheet_finish). Neither
   * Excel nor LibreOffice fits the row's height to them when they open the
   * file, so the row says how high it is. */
  lxw_row_t row = FIRST_DATA_ROW + sheet->n_rows;
  guint lines = 1;
  for (guint i = 0; i < n_cells; i++)
    {
      JdColumnKind kind = sheet->columns[i].kind;
      double width;
      if (cells[i].type == JD_CELL_TEXT)
        {
          const char *text = cells[i].text;
          if (needs_cleaning (text))
            text = sheet->cleaned[i] = excel_text (text);
          guint n_lines = 1;
          width = measure_text (text, MAX (1.0, max_width (kind) - 1.5), &n_lines);
          /* ID and phone numbers do not wrap. */
          if (kind != JD_COLUMN_ID_NUMBER && kind != JD_COLUMN_PHONE)
            lines = MAX (lines, n_lines);
        }
      else
        width = cell_width (&cells[i]);
      sheet->widths[i] = MAX (sheet->widths[i], width);
    }
  if (lines > 1)
    err = worksheet_set_row (ws, row, MIN (409, LINE_HEIGHT * lines + 2), NULL);

  for (guint i = 0; !err && i < n_cells; i++)
    {
      const JdCell *cell = &cells[i];
      lxw_format *format = self->formats[cell_format (cell, sheet->columns[i].kind)];
      switch (cell->type)
        {
          case JD_CELL_TEXT:
            err = worksheet_write_string (
                ws, row, i, sheet->cleaned[i] ? sheet->cleaned[i] : cell->text, format);
            break;
          case JD_CELL_DAY:
            {
              lxw_datetime date = {
                .year = jd_day_year (cell->day),
                .month = jd_day_month (cell->day),
                .day = jd_day_mday (cell->day),
              };
              err = worksheet_write_datetime (ws, row, i, &date, format);
            }
            break;
          case JD_CELL_COUNT:
          case JD_CELL_NUMBER:
          case JD_CELL_RATIO:
            if (isfinite (cell->number))
              err = worksheet_write_number (ws, row, i, cell->number, format);
            else
              err = worksheet_write_blank (ws, row, i, format);
            break;
          case JD_CELL_EMPTY:
          default:
            err = worksheet_write_blank (ws, row, i, format);
            break;
        }
    }
  for (guint i = 0; i < n_cells; i++)
    g_clear_pointer (&sheet->cleaned[i], g_free);
  if (!jd_sheet_book_check (self, err, error))
    return FALSE;
  sheet->n_rows++;
  return TRUE;
}

gboolean
jd_sheet_append_row_cb (const JdCell *cells, guint n_cells, gpointer sheet, GError **error)
{
  return jd_sheet_append (sheet, cells, n_cells, error);
}

guint
jd_sheet_get_n_rows (JdSheet *sheet)
{
  return sheet->n_rows;
}

/* A native Excel line chart of one column against another, placed under the
 * table when the sheet is finished. description is its alternative text. */
gboolean
jd_sheet_add_line_chart (JdSheet *sheet,
                         const char *title,
                         const char *description,
                         guint category_column,
                         guint value_column,
                         gboolean percent,
                         GError **error)
{
  g_return_val_if_fail (sheet != NULL && !sheet->finished, FALSE);
  g_return_val_if_fail (category_column < sheet->n_columns, FALSE);
  g_return_val_if_fail (value_column < sheet->n_columns, FALSE);

  Chart *chart = g_new0 (Chart, 1);
  chart->title = g_strdup (title);
  chart->description = g_strdup (description);
  chart->category_column = category_column;
  chart->value_column = value_column;
  chart->percent = percent;
  g_ptr_array_add (sheet->charts, chart);
  return TRUE;
}

static gboolean
insert_chart (JdSheet *sheet,
              Chart *spec,
              lxw_row_t row,
              lxw_col_t col,
              int x_offset,
              int width,
              GError **error)
{
  JdSheetBook *self = sheet->book;
  lxw_chart *chart = workbook_add_chart (self->workbook, LXW_CHART_LINE);
  if (chart == NULL)
    return jd_sheet_book_check (self, LXW_ERROR_MEMORY_MALLOC_FAILED, error);

  lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
  if (series == NULL)
    return jd_sheet_book_check (self, LXW_ERROR_MEMORY_MALLOC_FAILED, error);
  lxw_row_t first = FIRST_DATA_ROW, last = FIRST_DATA_ROW + sheet->n_rows - 1;
  chart_series_set_categories (series, sheet->name, first, spec->category_column, last,
                               spec->category_column);
  chart_series_set_values (series, sheet->name, first, spec->value_column, last,
                           spec->value_column);
  chart_series_set_name_range (series, sheet->name, HEADER_ROW, spec->value_column);
  chart_series_set_marker_type (series, LXW_CHART_MARKER_CIRCLE);
  chart_series_set_marker_size (series, 6);
  chart_title_set_name (chart, spec->title);
  chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
  if (spec->percent)
    chart_axis_set_num_format (chart->y_axis, "0%");
  chart_axis_set_min (chart->y_axis, 0);

  lxw_chart_options options = {
    .x_offset = x_offset,
    .y_offset = 8,
    .x_scale = (double)width / 480, /* libxlsxwriter's charts are 480 × 288 pixels */
    .y_scale = (double)CHART_HEIGHT / 288,
    .object_position = LXW_OBJECT_MOVE_DONT_SIZE,
    .description = spec->description,
  };
  return jd_sheet_book_check (
      self, worksheet_insert_chart_opt (sheet->worksheet, row, col, chart, &options), error);
}

/* Sets what depends on the whole sheet: widths, filter, panes, page setup, charts. */
gboolean
jd_sheet_finish (JdSheet *sheet, GError **error)
{
  g_return_val_if_fail (sheet != NULL && !sheet->finished, FALSE);

  JdSheetBook *self = sheet->book;
  lxw_worksheet *ws = sheet->worksheet;
  lxw_col_t last_col = sheet->n_columns - 1;
  lxw_row_t last_row = HEADER_ROW + sheet->n_rows;
  lxw_error err = LXW_NO_ERROR;
  int *pixels = g_newa (int, sheet->n_columns);

  sheet->finished = TRUE;
  for (guint i = 0; !err && i < sheet->n_columns; i++)
    {
      double width
          = CLAMP (ceil (sheet->widths[i]) + 2, MIN_WIDTH, max_width (sheet->columns[i].kind));
      pixels[i] = width_pixels (width);
      err = worksheet_set_column (ws, i, i, width, NULL);
    }

  if (!err)
    {
      worksheet_freeze_panes (ws, FIRST_DATA_ROW, 0);
      err = worksheet_autofilter (ws, HEADER_ROW, 0, last_row, last_col);
    }
  if (!err)
    err = worksheet_repeat_rows (ws, HEADER_ROW, HEADER_ROW);
  if (!err)
    err = worksheet_set_footer (ws, "&C第 &P 页 共 &N 页");
  if (!err)
    err = worksheet_ignore_errors (ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT, "A1:XFD1048576");
  if (!jd_sheet_book_check (self, err, error))
    return FALSE;
  worksheet_set_paper (ws, PAPER_A4);
  worksheet_set_landscape (ws);
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_set_margins (ws, 0.4, 0.4, 0.6, 0.7);
  worksheet_center_horizontally (ws);

  /* Charts side by side under the table, as wide together as the table (so
   * that the title stays centred over the page), but never narrower than
   * MIN_CHART_WIDTH. */
  lxw_row_t chart_row = last_row + 2;
  int table = 0, x = 0, n_charts = sheet->charts->len;
  for (guint i = 0; i < sheet->n_columns; i++)
    table += pixels[i];
  int chart_width
      = n_charts ? MAX (MIN_CHART_WIDTH, (table - CHART_GAP * (n_charts - 1)) / n_charts) : 0;
  for (int i = 0; i < n_charts; i++)
    {
      guint col = 0;
      int left = 0;
      while (col < sheet->n_columns - 1 && left + pixels[col] <= x)
        left += pixels[col++];
      if (!insert_chart (sheet, g_ptr_array_index (sheet->charts, i), chart_row, col, x - left,
                         chart_width, error))
        return FALSE;
      x += chart_width + CHART_GAP;
    }
  return TRUE;
}
