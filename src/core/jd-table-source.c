/* jd-table-source.c: the rows of a CSV file or of one sheet of a workbook
 * (docs/contract.md §6)
 *
 * The file's format is decided by its first bytes, not its name: a zip is an
 * .xlsx, an OLE2 compound file an .xls (or an encrypted .xlsx, which Office
 * wraps in one), anything else text. A file named .xls or .xlsx that is text
 * (an HTML page or a CSV file, as some systems export) is refused with what
 * it really is.
 */
#include "config.h"

#include "jd-table-source.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <unistd.h>
#include <string.h>

#include "jd-csv.h"
#include "jd-error.h"
#include "jd-xlsx.h"

struct _JdTableSource
{
  JdTableFormat format;
  JdCsvReader *csv;
  JdXlsx *xlsx;
  JdXls *xls;
  char *sheet;
  GPtrArray *cells;
  GArray *kinds;
};

static const char *const no_sheets[] = { NULL };

static const guint8 zip_magic[] = { 'P', 'K', 3, 4 };
static const guint8 empty_zip_magic[] = { 'P', 'K', 5, 6 };
static const guint8 ole_magic[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

static JdTableSource *
source_new (JdTableFormat format)
{
  JdTableSource *self = g_new0 (JdTableSource, 1);
  self->format = format;
  self->cells = g_ptr_array_new_with_free_func (g_free);
  self->kinds = g_array_new (FALSE, FALSE, sizeof (JdTableCell));
  return self;
}

void
jd_table_source_free (JdTableSource *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->csv, jd_csv_reader_free);
  g_clear_pointer (&self->xlsx, jd_xlsx_free);
  g_clear_pointer (&self->xls, jd_xls_free);
  g_free (self->sheet);
  g_ptr_array_unref (self->cells);
  g_array_unref (self->kinds);
  g_free (self);
}

static JdTableSource *
fail (GError **error, const char *message)
{
  g_set_error_literal (error, JD_ERROR, JD_ERROR_INVALID, message);
  return NULL;
}

/* An OLE2 file: an .xlsx that Office encrypted with a password, or an .xls. */
static gboolean
is_encrypted_package (GsfInput *input)
{
  g_autoptr (GsfInfile) ole = gsf_infile_msole_new (input, NULL);
  if (ole == NULL)
    return FALSE;
  g_autoptr (GsfInput) info = gsf_infile_child_by_name (ole, "EncryptionInfo");
  g_autoptr (GsfInput) package = gsf_infile_child_by_name (ole, "EncryptedPackage");
  return info != NULL || package != NULL;
}

static const char *
encrypted_message (void)
{
  return _ ("the workbook is encrypted with a password: open it in Excel or WPS with its "
            "password and save a copy without one to import");
}

/* A text file given a workbook's name: what it really is. */
static JdTableSource *
refuse_text_workbook (const char *data, gsize length, GError **error)
{
  gsize i = 0;
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i < length && data[i] == '<')
    return fail (error, _ ("the file is named as an Excel workbook but is a web page (HTML), as "
                           "some systems export: open it in Excel or WPS and save it as .xlsx"));
  return fail (error, _ ("the file is named as an Excel workbook but is text (perhaps CSV): "
                         "rename it to .csv to import it, or save it as .xlsx"));
}

static JdTableSource *
open_xlsx (GsfInput *input, GError **error)
{
  JdXlsx *xlsx = jd_xlsx_new (input, error);
  if (xlsx == NULL)
    return NULL;
  JdTableSource *self = source_new (JD_TABLE_XLSX);
  self->xlsx = xlsx;
  return self;
}

static JdTableSource *
open_xls (const char *path, GError **error)
{
  JdXls *xls = jd_xls_new (path, error);
  if (xls == NULL)
    return NULL;
  JdTableSource *self = source_new (JD_TABLE_XLS);
  self->xls = xls;
  return self;
}

static JdTableSource *
open_csv (const char *data, gsize length, guint *error_line, GError **error)
{
  JdCsvReader *csv = jd_csv_reader_new (data, length, error_line, error);
  if (csv == NULL)
    return NULL;
  JdTableSource *self = source_new (JD_TABLE_CSV);
  self->csv = csv;
  return self;
}

static gboolean
has_magic (const char *data, gsize length, const guint8 *magic, gsize n)
{
  return length >= n && memcmp (data, magic, n) == 0;
}

/* Opens a file of any of the three formats; a file the import cannot read is
 * a JD_ERROR_INVALID error (with the line at fault for CSV text, else 0), a
 * file that cannot be opened another. */
JdTableSource *
jd_table_source_open (const char *path, guint *error_line, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  if (error_line)
    *error_line = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s is a folder, not a file to import"), path);
      return NULL;
    }
  g_autoptr (GError) file_error = NULL;
  g_autoptr (GMappedFile) mapped = g_mapped_file_new (path, FALSE, &file_error);
  if (mapped == NULL)
    {
      if (g_error_matches (file_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, JD_ERROR, JD_ERROR_NOT_FOUND, _ ("There is no file %s"), path);
      else /* GLib's message names the file and the reason */
        g_set_error_literal (error, JD_ERROR, JD_ERROR_IO, file_error->message);
      return NULL;
    }
  const char *data = g_mapped_file_get_contents (mapped);
  gsize length = g_mapped_file_get_length (mapped);
  gboolean named_workbook = g_str_has_suffix (path, ".xlsx") || g_str_has_suffix (path, ".xls")
                            || g_str_has_suffix (path, ".XLSX") || g_str_has_suffix (path, ".XLS");

  if (length == 0 && named_workbook)
    return fail (error, _ ("the file is empty (0 bytes): it is not a workbook"));
  if (has_magic (data, length, zip_magic, 4) || has_magic (data, length, empty_zip_magic, 4))
    {
      g_autoptr (GsfInput) input = gsf_input_stdio_new (path, NULL);
      if (input == NULL)
        return fail (error, _ ("the workbook cannot be read"));
      return open_xlsx (input, error);
    }
  if (has_magic (data, length, ole_magic, 8))
    {
      g_autoptr (GsfInput) input = gsf_input_stdio_new (path, NULL);
      if (input && is_encrypted_package (input))
        return fail (error, encrypted_message ());
      return open_xls (path, error);
    }
  if (named_workbook)
    return refuse_text_workbook (data, length, error);
  return open_csv (data, length, error_line, error);
}

/* The same from bytes in memory (the fuzz targets). */
JdTableSource *
jd_table_source_new_for_data (
    const char *data, gsize length, JdTableFormat format, guint *error_line, GError **error)
{
  if (error_line)
    *error_line = 0;
  switch (format)
    {
      case JD_TABLE_CSV:
        return open_csv (data, length, error_line, error);
      case JD_TABLE_XLSX:
        {
          g_autoptr (GsfInput) input = gsf_input_memory_new ((const guint8 *)data, length, FALSE);
          if (input == NULL)
            return fail (error, _ ("the file is empty (0 bytes): it is not a workbook"));
          return open_xlsx (input, error);
        }
      case JD_TABLE_XLS:
        {
          g_autofree char *path = NULL;
          int fd = g_file_open_tmp ("jindu-XXXXXX.xls", &path, error);
          if (fd < 0)
            return NULL;
          close (fd);
          if (!g_file_set_contents (path, data, (gssize)length, error))
            {
              g_unlink (path);
              return NULL;
            }
          JdTableSource *self = open_xls (path, error);
          g_unlink (path);
          return self;
        }
      default:
        g_return_val_if_reached (NULL);
    }
}

JdTableFormat
jd_table_source_get_format (JdTableSource *self)
{
  return self->format;
}

/* "UTF-8" or "GB18030" for CSV; a workbook's text is Unicode. */
const char *
jd_table_source_get_encoding (JdTableSource *self)
{
  return self->csv ? jd_csv_reader_get_encoding (self->csv) : "UTF-8";
}

const char *const *
jd_table_source_get_sheets (JdTableSource *self)
{
  if (self->xlsx)
    return jd_xlsx_get_sheets (self->xlsx);
  if (self->xls)
    return jd_xls_get_sheets (self->xls);
  return no_sheets;
}

/* Chooses the sheet to read by its name (NULL: the first); a CSV file has one table. */
gboolean
jd_table_source_select_sheet (JdTableSource *self, const char *name, GError **error)
{
  const char *const *sheets = jd_table_source_get_sheets (self);
  if (self->csv)
    {
      if (name == NULL)
        return TRUE;
      g_set_error_literal (error, JD_ERROR, JD_ERROR_INVALID,
                           _ ("a CSV file has no sheets: --sheet is for .xlsx and .xls workbooks"));
      return FALSE;
    }
  guint index = 0;
  if (name)
    {
      while (sheets[index] && !g_str_equal (sheets[index], name))
        index++;
      if (sheets[index] == NULL)
        {
          g_autofree char *list = g_strjoinv ("、", (char **)sheets);
          g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                       _ ("the workbook has no sheet “%s”; its sheets are %s"), name, list);
          return FALSE;
        }
    }
  g_free (self->sheet);
  self->sheet = g_strdup (sheets[index]);
  return self->xlsx ? jd_xlsx_select (self->xlsx, index, error)
                    : jd_xls_select (self->xls, index, error);
}

/* The sheet being read; NULL for CSV. */
const char *
jd_table_source_get_sheet (JdTableSource *self)
{
  return self->sheet;
}

/* The next row with a value: its cells as text (free with g_strfreev), what
 * each held (free with g_free; NULL for CSV, where every cell is text) and its
 * number, the line in a CSV file or the row in a sheet. FALSE at the end, or
 * with an error when the rest cannot be read. */
gboolean
jd_table_source_next (
    JdTableSource *self, char ***cells, JdTableCell **kinds, guint *row, GError **error)
{
  *cells = NULL;
  *kinds = NULL;
  if (self->csv)
    return jd_csv_reader_next (self->csv, cells, row, error);
  if (self->sheet == NULL && !jd_table_source_select_sheet (self, NULL, error))
    return FALSE;
  gboolean ok = self->xlsx ? jd_xlsx_next (self->xlsx, self->cells, self->kinds, row, error)
                           : jd_xls_next (self->xls, self->cells, self->kinds, row, error);
  if (!ok)
    return FALSE;
  guint n = self->cells->len;
  g_ptr_array_add (self->cells, NULL);
  *cells = (char **)g_ptr_array_steal (self->cells, NULL);
  *kinds = (JdTableCell *)(void *)g_array_steal (self->kinds, NULL);
  (void)n;
  return TRUE;
}

double
jd_table_source_get_fraction (JdTableSource *self)
{
  if (self->csv)
    return jd_csv_reader_get_fraction (self->csv);
  if (self->xlsx)
    return jd_xlsx_get_fraction (self->xlsx);
  return jd_xls_get_fraction (self->xls);
}

/* A cell as the spreadsheet names it, 人员!B7 (a whole row, for column -1:
 * 人员!7:7); NULL for a CSV file, whose messages give the line. */
char *
jd_table_source_name_cell (JdTableSource *self, guint row, int column)
{
  if (self->sheet == NULL)
    return NULL;
  g_autofree char *sheet = strpbrk (self->sheet, " !'-()（）") || *self->sheet == '\0'
                               ? g_strdup_printf ("'%s'", self->sheet)
                               : g_strdup (self->sheet);
  if (column < 0)
    return g_strdup_printf ("%s!%u:%u", sheet, row, row);
  g_autofree char *letters = jd_table_column_letters ((guint)column);
  return g_strdup_printf ("%s!%s%u", sheet, letters, row);
}
