/* jd-xls.c: the sheets of an .xls workbook (BIFF8, what older Excel and WPS
 * save) through libfreexl (docs/contract.md §6)
 *
 * FreeXL reads the OLE2 compound file and the BIFF records, converts text to
 * UTF-8 and gives dates (by their cell format) as 2024-03-05. A BIFF8 sheet
 * has at most 65,536 rows and 256 columns, so FreeXL's table in memory is
 * bounded by the format itself.
 */
#include "config.h"

#include <errno.h>
#include <freexl.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "jd-error.h"
#include "jd-xlsx.h"

struct _JdXls
{
  const void *handle;
  GPtrArray *sheet_names; /* NULL-terminated */
  unsigned int rows;
  unsigned short columns;
  unsigned int next_row;
};

static void
set_freexl_error (GError **error, int rc)
{
  switch (rc)
    {
      case FREEXL_INSUFFICIENT_MEMORY:
        g_set_error_literal (error, JD_ERROR, JD_ERROR_INVALID,
                             _ ("the workbook is too large to read in memory"));
        break;
      case FREEXL_INVALID_CFBF_HEADER:
        g_set_error_literal (error, JD_ERROR, JD_ERROR_INVALID,
                             _ ("the file is not an Excel 97–2003 workbook (.xls)"));
        break;
      default:
        g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                     _ ("the .xls workbook is damaged or of a kind that cannot be read (FreeXL "
                        "error %d): open it in Excel or WPS and save it as .xlsx"),
                     rc);
        break;
    }
}

/* FreeXL 1.0.6 (Debian 12) reads past a buffer on its stack, through iconv, on
 * some damaged files, which kills the process that reads them when the read
 * runs off the end of the stack (found by tests/fuzz/fuzz-xls). freexl_open ()
 * parses the whole file, so it is tried first in a child process, on a stack
 * of its own with an unmapped page right above its top: there the overread
 * faults sooner than anywhere the real open could run, and a file that kills
 * the child is refused. A child that does not end within 30 s (it could block
 * on a lock another thread held at the fork) is stopped, and the file read
 * here as before. */
static const char *trial_path;

static void
trial_open (void)
{
  const void *handle = NULL;
  if (freexl_open (trial_path, &handle) == FREEXL_OK || handle)
    freexl_close (handle);
}

static void
open_on_guarded_stack (const char *path)
{
  const size_t size = 4 << 20, page = (size_t)sysconf (_SC_PAGESIZE);
  char *stack
      = mmap (NULL, size + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ucontext_t caller, trial;
  if (stack == MAP_FAILED || mprotect (stack + size, page, PROT_NONE) != 0
      || getcontext (&trial) != 0)
    _exit (0);
  trial_path = path;
  trial.uc_stack.ss_sp = stack;
  trial.uc_stack.ss_size = size;
  trial.uc_link = &caller;
  makecontext (&trial, trial_open, 0);
  swapcontext (&caller, &trial);
}

static gboolean
opens_in_child (const char *path, GError **error)
{
  pid_t pid = fork ();
  if (pid < 0)
    return TRUE;
  if (pid == 0)
    {
      open_on_guarded_stack (path);
      _exit (0);
    }
  int status = 0;
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  pid_t done;
  while ((done = waitpid (pid, &status, WNOHANG)) == 0 || (done < 0 && errno == EINTR))
    {
      if (g_get_monotonic_time () > end)
        {
          kill (pid, SIGKILL);
          waitpid (pid, &status, 0);
          return TRUE;
        }
      g_usleep (2000);
    }
  if (done == pid && WIFEXITED (status) && WEXITSTATUS (status) == 0)
    return TRUE;
  set_freexl_error (error, FREEXL_CRAFTED_FILE);
  return FALSE;
}

JdXls *
jd_xls_new (const char *path, GError **error)
{
  if (!opens_in_child (path, error))
    return NULL;
  const void *handle = NULL;
  int rc = freexl_open (path, &handle);
  if (rc != FREEXL_OK)
    {
      set_freexl_error (error, rc);
      if (handle)
        freexl_close (handle);
      return NULL;
    }
  unsigned int info = 0;
  if (freexl_get_info (handle, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK
      && info == FREEXL_BIFF_OBFUSCATED)
    {
      g_set_error_literal (error, JD_ERROR, JD_ERROR_INVALID,
                           _ ("the workbook is protected by a password: open it in Excel or "
                              "WPS, remove the password and save it again"));
      freexl_close (handle);
      return NULL;
    }
  unsigned int version = 0;
  if (freexl_get_info (handle, FREEXL_BIFF_VERSION, &version) == FREEXL_OK
      && version != FREEXL_BIFF_VER_8)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("the workbook is in the format of Excel %s, older than Excel 97: open it "
                      "in Excel or WPS and save it as .xlsx"),
                   version == FREEXL_BIFF_VER_5 ? "5.0/95" : "4.0 or earlier");
      freexl_close (handle);
      return NULL;
    }

  JdXls *self = g_new0 (JdXls, 1);
  self->handle = handle;
  self->sheet_names = g_ptr_array_new_with_free_func (g_free);
  unsigned int count = 0;
  freexl_get_info (handle, FREEXL_BIFF_SHEET_COUNT, &count);
  for (unsigned short i = 0; i < MIN (count, 4096u); i++)
    {
      const char *name = NULL;
      if (freexl_get_worksheet_name (handle, i, &name) != FREEXL_OK || name == NULL)
        name = "";
      g_ptr_array_add (self->sheet_names, g_strdup (name));
    }
  g_ptr_array_add (self->sheet_names, NULL);
  if (count == 0)
    {
      g_set_error_literal (error, JD_ERROR, JD_ERROR_INVALID, _ ("the workbook has no sheets"));
      jd_xls_free (self);
      return NULL;
    }
  return self;
}

void
jd_xls_free (JdXls *self)
{
  if (self == NULL)
    return;
  freexl_close (self->handle);
  g_ptr_array_unref (self->sheet_names);
  g_free (self);
}

const char *const *
jd_xls_get_sheets (JdXls *self)
{
  return (const char *const *)self->sheet_names->pdata;
}

gboolean
jd_xls_select (JdXls *self, guint index, GError **error)
{
  int rc = freexl_select_active_worksheet (self->handle, (unsigned short)index);
  if (rc == FREEXL_OK)
    rc = freexl_worksheet_dimensions (self->handle, &self->rows, &self->columns);
  if (rc != FREEXL_OK)
    {
      set_freexl_error (error, rc);
      return FALSE;
    }
  self->next_row = 0;
  return TRUE;
}

gboolean
jd_xls_next (JdXls *self, GPtrArray *cells, GArray *kinds, guint *row, GError **error)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_ptr_array_set_size (cells, 0);
  g_array_set_size (kinds, 0);
  while (self->next_row < self->rows)
    {
      unsigned int r = self->next_row++;
      guint last = 0;
      for (unsigned short c = 0; c < MIN (self->columns, JD_TABLE_MAX_COLUMNS); c++)
        {
          FreeXL_CellValue value;
          JdTableCell kind = JD_TABLE_CELL_TEXT;
          int rc = freexl_get_cell_value (self->handle, r, c, &value);
          if (rc != FREEXL_OK)
            {
              set_freexl_error (error, rc);
              self->next_row = self->rows;
              g_ptr_array_set_size (cells, 0);
              g_array_set_size (kinds, 0);
              return FALSE;
            }
          g_string_truncate (text, 0);
          switch (value.type)
            {
              case FREEXL_CELL_INT:
                jd_sheet_number_text (text, value.value.int_value);
                kind = JD_TABLE_CELL_NUMBER;
                break;
              case FREEXL_CELL_DOUBLE:
                jd_sheet_number_text (text, value.value.double_value);
                kind = JD_TABLE_CELL_NUMBER;
                break;
              case FREEXL_CELL_DATE:
              case FREEXL_CELL_DATETIME:
                g_string_append_len (text, value.value.text_value,
                                     MIN (10, strlen (value.value.text_value)));
                kind = JD_TABLE_CELL_DATE;
                break;
              case FREEXL_CELL_TEXT:
              case FREEXL_CELL_SST_TEXT:
              case FREEXL_CELL_TIME:
                if (g_utf8_validate (value.value.text_value, -1, NULL))
                  g_string_append (text, value.value.text_value);
                break;
              default:
                break;
            }
          g_ptr_array_add (cells, g_strdup (text->str));
          g_array_append_val (kinds, kind);
          if (text->len > 0)
            last = c + 1u;
        }
      if (last > 0)
        {
          g_ptr_array_set_size (cells, last);
          g_array_set_size (kinds, last);
          *row = r + 1;
          return TRUE;
        }
      g_ptr_array_set_size (cells, 0);
      g_array_set_size (kinds, 0);
    }
  return FALSE;
}

double
jd_xls_get_fraction (JdXls *self)
{
  return self->rows ? (double)self->next_row / self->rows : 1.0;
}
