/* jd-workbook.c: an xlsx workbook laid out like the official paper forms (docs/contract.md §7)
 *
 * libxlsxwriter 1.1.4 in constant-memory mode: each row goes to a temporary
 * file as soon as the next one starts, so a sheet of 100,000 persons costs no
 * more memory than a sheet of ten. The price is that rows are written in order
 * and merges happen only on the current row, which the layout respects: title
 * (row 1), office and date (row 2), headers (row 3), data. Column widths,
 * filters, panes and page setup are kept by the library and written when the
 * workbook closes, so they can follow the data.
 */
#define _GNU_SOURCE /* O_TMPFILE */
#include "config.h"

#include "jd-workbook.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-office-crypt.h"
#include "jd-output.h"

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

struct _JdSheet
{
  JdWorkbook *workbook;
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

struct _JdWorkbook
{
  char *path;
  JdOutput *output; /* the temporary file until commit */
  /* Encrypted: the password, and the plain workbook that libxlsxwriter writes
   * (see open_plain), by its descriptor and, when it has one, its name. */
  char *password;
  int plain_fd;
  char *plain_path;
  char *office;
  char today[JD_DAY_STRLEN];
  lxw_workbook *workbook;
  lxw_format *formats[N_FORMATS];
  GPtrArray *sheets;
  locale_t c_locale;
  locale_t saved_locale;
};

/* ---- errors ------------------------------------------------------------------------- */

static gboolean
check (JdWorkbook *self, lxw_error err, GError **error)
{
  if (err == LXW_NO_ERROR)
    return TRUE;
  g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s: the workbook could not be written (%s)"),
               self->path, lxw_strerror (err));
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

/* ---- the workbook ------------------------------------------------------------------------ */

/* No two formats may be alike: libxlsxwriter looks the second of two alike
 * up in a hash table for every cell it is written to. */
static lxw_format *
add_format (lxw_workbook *workbook, Format which)
{
  lxw_format *f = workbook_add_format (workbook);

  format_set_align (f, LXW_ALIGN_VERTICAL_CENTER);
  switch (which)
    {
      case FORMAT_TITLE:
        format_set_bold (f);
        format_set_font_size (f, 16);
        format_set_align (f, LXW_ALIGN_CENTER);
        return f;
      case FORMAT_INFO_LEFT:
        format_set_align (f, LXW_ALIGN_LEFT);
        return f;
      case FORMAT_INFO_RIGHT:
        format_set_align (f, LXW_ALIGN_RIGHT);
        return f;
      case FORMAT_HEADER:
        format_set_bold (f);
        format_set_align (f, LXW_ALIGN_CENTER);
        format_set_text_wrap (f);
        format_set_bg_color (f, 0xD9D9D9);
        break;
      case FORMAT_TEXT:
        format_set_text_wrap (f);
        break;
      case FORMAT_CENTER:
        format_set_align (f, LXW_ALIGN_CENTER);
        format_set_text_wrap (f);
        break;
      case FORMAT_CODE:
        format_set_align (f, LXW_ALIGN_CENTER);
        format_set_num_format (f, "@");
        break;
      case FORMAT_DAY:
        format_set_align (f, LXW_ALIGN_CENTER);
        format_set_num_format (f, "yyyy-mm-dd");
        break;
      case FORMAT_COUNT:
        format_set_align (f, LXW_ALIGN_CENTER);
        format_set_num_format (f, "0");
        break;
      case FORMAT_NUMBER:
        format_set_align (f, LXW_ALIGN_CENTER);
        format_set_num_format (f, "0.00");
        break;
      case FORMAT_RATIO:
        format_set_align (f, LXW_ALIGN_CENTER);
        format_set_num_format (f, "0.0%");
        break;
      case N_FORMATS:
      default:
        g_assert_not_reached ();
    }
  format_set_border (f, LXW_BORDER_THIN);
  return f;
}

static void
sheet_free (JdSheet *sheet)
{
  g_free (sheet->name);
  g_free (sheet->columns);
  g_free (sheet->widths);
  g_free (sheet->cleaned);
  g_ptr_array_unref (sheet->charts);
  g_free (sheet);
}

static void
chart_free (Chart *chart)
{
  g_free (chart->title);
  g_free (chart->description);
  g_free (chart);
}

static void
restore_locale (JdWorkbook *self)
{
  if (self->c_locale != (locale_t)0)
    {
      uselocale (self->saved_locale);
      freelocale (self->c_locale);
      self->c_locale = (locale_t)0;
    }
}

static void
close_plain (JdWorkbook *self)
{
  if (self->plain_path)
    g_unlink (self->plain_path);
  g_clear_pointer (&self->plain_path, g_free);
  if (self->plain_fd >= 0)
    close (self->plain_fd);
  self->plain_fd = -1;
}

static void
workbook_free (JdWorkbook *self)
{
  restore_locale (self);
  close_plain (self);
  if (self->password)
    explicit_bzero (self->password, strlen (self->password));
  g_free (self->password);
  g_ptr_array_unref (self->sheets);
  jd_output_abort (self->output);
  g_free (self->path);
  g_free (self->office);
  g_free (self);
}

/* The file that libxlsxwriter writes the plain workbook of an encrypted one
 * to, in the output's folder, readable by nobody else: a file with no name
 * (O_TMPFILE), which libxlsxwriter reaches by /proc/self/fd; where the file
 * system or /proc does not allow that, a new file (O_EXCL, 0600) whose name
 * goes as soon as the workbook is written, or when the export fails. Returns
 * the name to give libxlsxwriter. */
static char *
open_plain (JdWorkbook *self, const char *folder, GError **error)
{
  self->plain_fd = g_open (folder, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (self->plain_fd >= 0)
    {
      char *name = g_strdup_printf ("/proc/self/fd/%d", self->plain_fd);
      if (g_file_test (name, G_FILE_TEST_EXISTS))
        return name;
      g_free (name);
      close_plain (self);
    }
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX", base);
  self->plain_path = g_build_filename (folder, template, NULL);
  self->plain_fd = g_mkstemp_full (self->plain_path, O_RDWR | O_CLOEXEC, 0600);
  if (self->plain_fd < 0)
    {
      int saved = errno;
      g_clear_pointer (&self->plain_path, g_free);
      g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s cannot be written: %s"), self->path,
                   g_strerror (saved));
      return NULL;
    }
  return g_strdup (self->plain_path);
}

/* Encrypts the plain workbook into the output's temporary file; the plain one
 * is gone after. */
static gboolean
encrypt_plain (JdWorkbook *self, GError **error)
{
  /* The plain workbook's name goes first, whatever happens next. */
  if (self->plain_path)
    g_unlink (self->plain_path);
  gboolean ok = jd_office_crypt_encrypt (self->plain_fd, self->password,
                                         jd_output_get_fd (self->output), NULL, error);
  close_plain (self);
  if (!ok)
    g_prefix_error (error, "%s: ", self->path);
  return ok;
}

/* Starts the workbook in a temporary file beside path (jd-output.h), so that a
 * failure never leaves half a workbook under the name the user chose, and the
 * path is refused before any work when it is the ledger, a device, a folder or
 * a link, or an existing file without JD_OUTPUT_FORCE. office is the second
 * line's "填报单位". With a password (1 to 255 characters; NULL: none), the
 * file is the workbook encrypted with the standard Office encryption
 * (jd-office-crypt.h); the plain workbook never has a name of its own while it
 * is written. */
JdWorkbook *
jd_workbook_new (const char *path,
                 const char *ledger_path,
                 JdOutputFlags flags,
                 const char *office,
                 const char *password,
                 GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (password && !jd_office_crypt_check_password (password, error))
    return NULL;

  JdWorkbook *self = g_new0 (JdWorkbook, 1);
  self->path = g_strdup (path);
  self->password = g_strdup (password);
  self->plain_fd = -1;
  self->office = g_strdup (office ? office : "");
  self->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify)sheet_free);
  jd_day_format (jd_today (), self->today);

  self->output = jd_output_new (path, ledger_path, flags, error);
  if (self->output == NULL)
    {
      workbook_free (self);
      return NULL;
    }

  /* Numbers are printed with printf: pin the C locale's decimal point. */
  locale_t base = duplocale (uselocale ((locale_t)0));
  self->c_locale = base ? newlocale (LC_NUMERIC_MASK, "C", base) : (locale_t)0;
  if (self->c_locale == (locale_t)0)
    {
      if (base)
        freelocale (base);
      g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s: no C locale to write numbers with"), path);
      workbook_free (self);
      return NULL;
    }
  self->saved_locale = uselocale (self->c_locale);

  g_autofree char *folder = g_path_get_dirname (path);
  /* Temporary files on the disk of the result, not in a /tmp that may be RAM
   * (libxlsxwriter unlinks each as soon as it has opened it). */
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = folder };
  /* libxlsxwriter 1.1.4 writes only by file name (minizip's fopen at close):
   * it gets /proc/self/fd/N, which opens the very file jd-output created with
   * O_EXCL|O_NOFOLLOW and 0600, whatever a name in the folder points to by then;
   * or, to be encrypted, the plain workbook's file. */
  g_autofree char *target = self->password ? open_plain (self, folder, error)
                                           : g_strdup (jd_output_get_open_path (self->output));
  if (target == NULL)
    {
      workbook_free (self);
      return NULL;
    }
  self->workbook = workbook_new_opt (target, &options);
  if (self->workbook == NULL)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_IO,
                   _ ("%s: cannot create the workbook’s temporary files in %s"), path, folder);
      workbook_free (self);
      return NULL;
    }
  for (int i = 0; i < N_FORMATS; i++)
    self->formats[i] = add_format (self->workbook, i);

  lxw_doc_properties properties = {
    .title = (char *)"禁毒台账",
    .company = self->office,
    .comments = (char *)"Jindu Ledger " PACKAGE_VERSION,
  };
  if (!check (self, workbook_set_properties (self->workbook, &properties), error))
    {
      jd_workbook_abort (self);
      return NULL;
    }
  return self;
}

const char *
jd_workbook_get_path (JdWorkbook *self)
{
  return self->path;
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
sheet_name (JdWorkbook *self, const char *name)
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
    g_string_append_printf (out, "(%u)", self->sheets->len + 1);
  return g_string_free (out, FALSE);
}

/* Adds a sheet and writes its title, office line and headers. The sheet
 * belongs to the workbook. */
JdSheet *
jd_workbook_add_sheet (JdWorkbook *self,
                       const char *name,
                       const char *title,
                       const JdColumn *columns,
                       guint n_columns,
                       GError **error)
{
  g_return_val_if_fail (self != NULL && self->workbook != NULL, NULL);
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
  sheet->workbook = self;
  sheet->worksheet = ws;
  sheet->name = g_steal_pointer (&valid_name);
  sheet->columns = g_memdup2 (columns, n_columns * sizeof *columns);
  sheet->n_columns = n_columns;
  sheet->widths = g_new0 (double, n_columns);
  sheet->cleaned = g_new0 (char *, n_columns);
  sheet->charts = g_ptr_array_new_with_free_func ((GDestroyNotify)chart_free);
  g_ptr_array_add (self->sheets, sheet);

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
  if (!check (self, err, error))
    return NULL;
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

  JdWorkbook *self = sheet->workbook;
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
  if (!check (self, err, error))
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
  JdWorkbook *self = sheet->workbook;
  lxw_chart *chart = workbook_add_chart (self->workbook, LXW_CHART_LINE);
  if (chart == NULL)
    return check (self, LXW_ERROR_MEMORY_MALLOC_FAILED, error);

  lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
  if (series == NULL)
    return check (self, LXW_ERROR_MEMORY_MALLOC_FAILED, error);
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
  return check (self, worksheet_insert_chart_opt (sheet->worksheet, row, col, chart, &options),
                error);
}

/* Sets what depends on the whole sheet: widths, filter, panes, page setup, charts. */
gboolean
jd_sheet_finish (JdSheet *sheet, GError **error)
{
  g_return_val_if_fail (sheet != NULL && !sheet->finished, FALSE);

  JdWorkbook *self = sheet->workbook;
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
  if (!check (self, err, error))
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

/* ---- the file ------------------------------------------------------------------------- */

/* Writes the file and puts it in place under its name; frees the workbook. */
gboolean
jd_workbook_commit (JdWorkbook *self, GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->sheets->len; i++)
    {
      JdSheet *sheet = g_ptr_array_index (self->sheets, i);
      if (!sheet->finished && !jd_sheet_finish (sheet, error))
        {
          jd_workbook_abort (self);
          return FALSE;
        }
    }

  lxw_error err = workbook_close (g_steal_pointer (&self->workbook));
  restore_locale (self);
  if (err != LXW_NO_ERROR)
    {
      int saved = errno;
      if (err == LXW_ERROR_CREATING_XLSX_FILE || err == LXW_ERROR_ZIP_FILE_OPERATION
          || err == LXW_ERROR_ZIP_CLOSE || err == LXW_ERROR_ZIP_FILE_ADD)
        {
          if (jd_output_errno_is_disk_full (saved))
            jd_output_set_errno_error (self->path, saved, error);
          else
            g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s cannot be written: %s (%s)"),
                         self->path, lxw_strerror (err), g_strerror (saved));
        }
      else
        check (self, err, error);
      workbook_free (self);
      return FALSE;
    }
  if (self->password && !encrypt_plain (self, error))
    {
      workbook_free (self);
      return FALSE;
    }
  gboolean ok = jd_output_commit (g_steal_pointer (&self->output), error);
  workbook_free (self);
  return ok;
}

/* Gives up: nothing is left on disk, not even the partial file; frees the workbook. */
void
jd_workbook_abort (JdWorkbook *self)
{
  if (self == NULL)
    return;
  /* Closing releases the library's temporary files (lxw_workbook_free would
   * leave them open); the partial result is deleted right after. */
  if (self->workbook)
    workbook_close (g_steal_pointer (&self->workbook));
  restore_locale (self);
  workbook_free (self);
}

/* ---- one list, as shown ---------------------------------------------------------------- */

#define CANCEL_CHECK_ROWS 256

typedef struct
{
  JdSheet *sheet;
  GCancellable *cancellable;
} ListWriter;

static gboolean
append_list_row_cb (const JdCell *cells, guint n_cells, gpointer user_data, GError **error)
{
  ListWriter *writer = user_data;
  if (writer->sheet->n_rows % CANCEL_CHECK_ROWS == 0
      && g_cancellable_is_cancelled (writer->cancellable))
    {
      g_set_error (error, JD_ERROR, JD_ERROR_CANCELLED,
                   _ ("The export was cancelled; no file was written"));
      return FALSE;
    }
  return jd_sheet_append (writer->sheet, cells, n_cells, error);
}

/* Writes a one-sheet workbook, with the layout of the inspection workbook, from
 * a list's rows: what the window shows is what the file holds. */
gboolean
jd_workbook_write_list (const char *path,
                        const char *ledger_path,
                        JdOutputFlags flags,
                        const char *office,
                        const char *sheet_name,
                        const char *title,
                        const JdColumn *columns,
                        guint n_columns,
                        JdRowSource source,
                        gpointer source_data,
                        GCancellable *cancellable,
                        GError **error)
{
  g_return_val_if_fail (source != NULL, FALSE);

  JdWorkbook *self = jd_workbook_new (path, ledger_path, flags, office, NULL, error);
  if (self == NULL)
    return FALSE;
  ListWriter writer = { NULL, cancellable };
  writer.sheet = jd_workbook_add_sheet (self, sheet_name, title, columns, n_columns, error);
  if (writer.sheet == NULL || !source (append_list_row_cb, &writer, source_data, error)
      || !jd_sheet_finish (writer.sheet, error))
    {
      jd_workbook_abort (self);
      return FALSE;
    }
  return jd_workbook_commit (self, error);
}
