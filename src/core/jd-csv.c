/* jd-csv.c: reading CSV files as Excel and WPS save them (RFC 4180)
 *
 * The whole file is held in memory, converted to UTF-8 once: a file is UTF-8
 * (with or without the byte-order mark Excel writes) when it is valid UTF-8,
 * and GB18030 (what Excel and WPS save on Chinese Windows) otherwise. Records
 * are then read one at a time, each with the physical line it starts on, so
 * that a message can point at the line a person sees in a text editor.
 * Line breaks are CRLF, LF or a lone CR, inside quoted fields as well; a
 * quoted field's line breaks are given back as LF.
 */
#include "config.h"

#include "jd-csv.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jd-error.h"

struct _JdCsvReader
{
  char *text; /* UTF-8, NUL-terminated */
  const char *p;
  const char *end;
  guint line; /* the line p is on */
  const char *encoding;
};

/* The line that position at lies on, counting from 1. */
static guint
line_at (const char *start, const char *at)
{
  guint line = 1;
  for (const char *p = start; p < at; p++)
    if (*p == '\n' || (*p == '\r' && (p + 1 >= at || p[1] != '\n')))
      line++;
  return line;
}

static JdCsvReader *
fail (GError **error, guint *error_line, guint line, const char *message)
{
  if (error_line)
    *error_line = line;
  g_set_error_literal (error, JD_ERROR, JD_ERROR_INVALID, message);
  return NULL;
}

/* Takes a copy of the file's bytes, converted to UTF-8. On failure
 * error_line is the line at fault and the message says what is wrong with it,
 * without the file's name. */
JdCsvReader *
jd_csv_reader_new (const char *data, gsize length, guint *error_line, GError **error)
{
  static const char utf8_bom[] = "\xEF\xBB\xBF";
  const char *encoding = "UTF-8";
  const char *invalid = NULL;
  char *text = NULL;
  gsize text_length = length;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  if (error_line)
    *error_line = 0;

  if (length >= 2
      && (((guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE)
          || ((guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF)))
    return fail (error, error_line, 1,
                 _ ("the file is UTF-16 text, not CSV: save it again as “CSV UTF-8” or “CSV”"));

  gboolean bom = length >= 3 && memcmp (data, utf8_bom, 3) == 0;
  if (bom)
    data += 3, length -= 3, text_length -= 3;

  if (g_utf8_validate_len (data, length, &invalid))
    {
      text = g_malloc (length + 1);
      if (length > 0) /* an empty file may come as NULL */
        memcpy (text, data, length);
      text[length] = '\0';
    }
  else if (!bom
           && (text = g_convert (data, length, "UTF-8", "GB18030", NULL, &text_length, NULL))
                  != NULL)
    encoding = "GB18030";
  else
    return fail (error, error_line, line_at (data, invalid),
                 bom ? _ ("this line is not UTF-8 text, though the file starts as UTF-8")
                     : _ ("the file is neither UTF-8 nor GB18030 text: save it again as "
                          "“CSV UTF-8” or “CSV”"));

  const char *nul = memchr (text, '\0', text_length);
  if (nul != NULL)
    {
      guint line = line_at (text, nul);
      g_free (text);
      return fail (error, error_line, line,
                   _ ("the file holds NUL bytes: it is not a CSV text file"));
    }

  JdCsvReader *self = g_new0 (JdCsvReader, 1);
  self->text = text;
  self->p = text;
  self->end = text + text_length;
  self->line = 1;
  self->encoding = encoding;
  return self;
}

void
jd_csv_reader_free (JdCsvReader *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self);
}

/* "UTF-8" or "GB18030": what the file was found to be. */
const char *
jd_csv_reader_get_encoding (JdCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->encoding;
}

/* How much of the file has been read, from 0 to 1. */
double
jd_csv_reader_get_fraction (JdCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  if (self->end == self->text)
    return 1.0;
  return (double)(self->p - self->text) / (double)(self->end - self->text);
}

/* Steps over a line break at p, if there is one, counting it. */
static gboolean
skip_line_break (JdCsvReader *self)
{
  if (self->p < self->end && *self->p == '\r')
    {
      self->p++;
      if (self->p < self->end && *self->p == '\n')
        self->p++;
    }
  else if (self->p < self->end && *self->p == '\n')
    self->p++;
  else
    return FALSE;
  self->line++;
  return TRUE;
}

static char *
read_plain_field (JdCsvReader *self)
{
  const char *start = self->p;
  while (self->p < self->end && *self->p != ',' && *self->p != '\r' && *self->p != '\n')
    self->p++;
  return g_strndup (start, self->p - start);
}

/* p is at the opening quote. */
static char *
read_quoted_field (JdCsvReader *self, guint start_line, GError **error)
{
  GString *value = g_string_new (NULL);
  self->p++;
  for (;;)
    {
      const char *start = self->p;
      while (self->p < self->end && *self->p != '"' && *self->p != '\r' && *self->p != '\n')
        self->p++;
      g_string_append_len (value, start, self->p - start);
      if (self->p >= self->end)
        {
          g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                       _ ("the quoted field that starts on this line has no closing quote"));
          self->line = start_line;
          g_string_free (value, TRUE);
          return NULL;
        }
      if (skip_line_break (self))
        g_string_append_c (value, '\n');
      else if (self->p + 1 < self->end && self->p[1] == '"')
        {
          g_string_append_c (value, '"');
          self->p += 2;
        }
      else
        {
          self->p++;
          break;
        }
    }
  if (self->p < self->end && *self->p != ',' && *self->p != '\r' && *self->p != '\n')
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("text follows a closing quote: a quote inside a quoted field is written "
                      "twice (\"\")"));
      g_string_free (value, TRUE);
      return NULL;
    }
  return g_string_free (value, FALSE);
}

/* The next record: TRUE with its fields (free them with g_strfreev) and the
 * line it starts on; FALSE at the end of the file, or with error set and line
 * the line at fault. An empty line is a record of one empty field. */
gboolean
jd_csv_reader_next (JdCsvReader *self, char ***fields, guint *line, GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  *fields = NULL;
  if (self->p >= self->end)
    return FALSE;

  guint start_line = self->line;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  for (;;)
    {
      char *field = NULL;
      if (*self->p == '"')
        field = read_quoted_field (self, start_line, error);
      else
        field = read_plain_field (self);
      if (field == NULL)
        {
          if (line)
            *line = self->line;
          g_ptr_array_unref (out);
          self->p = self->end;
          return FALSE;
        }
      g_ptr_array_add (out, field);
      if (self->p < self->end && *self->p == ',')
        {
          self->p++;
          continue;
        }
      skip_line_break (self);
      break;
    }
  g_ptr_array_add (out, NULL);
  *fields = (char **)g_ptr_array_free (out, FALSE);
  if (line)
    *line = start_line;
  return TRUE;
}
