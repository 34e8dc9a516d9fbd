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
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-office-crypt.h"
#include "jd-output.h"
#include "jd-sheet-private.h"

/* ---- the workbook ------------------------------------------------------------------------ */

struct _JdWorkbook
{
  JdSheetBook book; /* the path, office, date, libxlsxwriter's workbook and formats */
  JdOutput *output; /* the temporary file until commit */
  /* Encrypted: the password, and the plain workbook that libxlsxwriter writes
   * (see open_plain), by its descriptor and, when it has one, its name. */
  char *password;
  int plain_fd;
  char *plain_path;
  GPtrArray *sheets;
  locale_t c_locale;
  locale_t saved_locale;
};

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
  g_free (self->book.path);
  g_free (self->book.office);
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
  g_autofree char *base = g_path_get_basename (self->book.path);
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX", base);
  self->plain_path = g_build_filename (folder, template, NULL);
  self->plain_fd = g_mkstemp_full (self->plain_path, O_RDWR | O_CLOEXEC, 0600);
  if (self->plain_fd < 0)
    {
      int saved = errno;
      g_clear_pointer (&self->plain_path, g_free);
      g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s cannot be written: %s"), self->book.path,
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
    g_prefix_error (error, "%s: ", self->book.path);
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
  self->book.path = g_strdup (path);
  self->password = g_strdup (password);
  self->plain_fd = -1;
  self->book.office = g_strdup (office ? office : "");
  self->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify)jd_sheet_free);
  jd_day_format (jd_today (), self->book.today);

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
  self->book.workbook = workbook_new_opt (target, &options);
  if (self->book.workbook == NULL)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_IO,
                   _ ("%s: cannot create the workbook’s temporary files in %s"), path, folder);
      workbook_free (self);
      return NULL;
    }
  for (int i = 0; i < N_FORMATS; i++)
    self->book.formats[i] = add_format (self->book.workbook, i);

  lxw_doc_properties properties = {
    .title = (char *)"禁毒台账",
    .company = self->book.office,
    .comments = (char *)"Jindu Ledger " PACKAGE_VERSION,
  };
  if (!jd_sheet_book_check (&self->book, workbook_set_properties (self->book.workbook, &properties),
                            error))
    {
      jd_workbook_abort (self);
      return NULL;
    }
  return self;
}

const char *
jd_workbook_get_path (JdWorkbook *self)
{
  return self->book.path;
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
  g_return_val_if_fail (self != NULL && self->book.workbook != NULL, NULL);
  JdSheet *sheet = jd_sheet_new (&self->book, name, title, columns, n_columns, error);
  if (sheet)
    {
      g_ptr_array_add (self->sheets, sheet);
      self->book.n_sheets = self->sheets->len;
    }
  return sheet;
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

  lxw_error err = workbook_close (g_steal_pointer (&self->book.workbook));
  restore_locale (self);
  if (err != LXW_NO_ERROR)
    {
      int saved = errno;
      if (err == LXW_ERROR_CREATING_XLSX_FILE || err == LXW_ERROR_ZIP_FILE_OPERATION
          || err == LXW_ERROR_ZIP_CLOSE || err == LXW_ERROR_ZIP_FILE_ADD)
        {
          if (jd_output_errno_is_disk_full (saved))
            jd_output_set_errno_error (self->book.path, saved, error);
          else
            g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s cannot be written: %s (%s)"),
                         self->book.path, lxw_strerror (err), g_strerror (saved));
        }
      else
        jd_sheet_book_check (&self->book, err, error);
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
  if (self->book.workbook)
    workbook_close (g_steal_pointer (&self->book.workbook));
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
