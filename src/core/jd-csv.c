/* jd-csv.c: reading CSV files as Excel and WPS save them (RFC 4180)
 *
 * The whole file is held in memory, converted to UTF-8 once: a file is UTF-8
 * (with or without the byte-order mark Excel writes) when it is valid UTF-8,
 * and GB18030 (what Excel and WPS save on Chinese Windows) only when it is
 * clearly that; see jd_csv_reader_new (). Records
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

/* ---- the encoding, decided on the whole file ------------------------------------ */

/* What a walk over the bytes as UTF-8 found: the bytes of valid characters
 * beyond ASCII, the bytes that belong to no valid character (each skipped in
 * turn, so a stray byte costs one and a cut character its remains), where the
 * first and last of those are, and how many separate places hold them. */
typedef struct
{
  gsize valid_bytes;
  gsize bad_bytes;
  gsize first_bad; /* offset of the first bad byte */
  gsize last_bad;
  gsize bad_places; /* runs of bad bytes */
  gboolean nul;     /* a NUL byte, at first_nul */
  gsize first_nul;
} Utf8Scan;

static gsize
count_high_bytes (const char *p, const char *end)
{
  gsize n = 0;
  for (; p < end; p++)
    n += (guchar)*p >= 0x80;
  return n;
}

static void
scan_utf8 (const char *data, gsize length, Utf8Scan *scan)
{
  const char *p = data, *end = data + length;
  const char *previous_bad = NULL;

  memset (scan, 0, sizeof *scan);
  while (p < end)
    {
      const char *stop = NULL;
      gboolean ok = g_utf8_validate_len (p, end - p, &stop);
      scan->valid_bytes += count_high_bytes (p, stop);
      if (ok)
        break;
      if (*stop == '\0')
        {
          if (!scan->nul)
            scan->first_nul = stop - data;
          scan->nul = TRUE;
          p = stop + 1;
          continue;
        }
      if (scan->bad_bytes == 0)
        scan->first_bad = stop - data;
      if (previous_bad == NULL || stop != previous_bad + 1)
        scan->bad_places++;
      scan->bad_bytes++;
      scan->last_bad = stop - data;
      previous_bad = stop;
      p = stop + 1;
    }
}

/* TRUE when taking out one byte near the bad ones makes the file valid UTF-8:
 * a UTF-8 file with one stray byte, which may be the only byte beyond ASCII
 * and so outweigh nothing. Only the few bytes around the bad ones are tried;
 * the scan found everything after them valid. */
static gboolean
one_byte_from_utf8 (const char *data, const Utf8Scan *scan)
{
  if (scan->nul || scan->bad_bytes == 0 || scan->last_bad - scan->first_bad > 8)
    return FALSE;
  /* The walk restarts after the last bad byte, at a character's start, and
   * the valid text before the first bad byte ends at one. The stray byte may
   * sit up to three bytes before the first bad one (inside a character whose
   * end it pushed out). */
  gsize from = scan->first_bad >= 3 ? scan->first_bad - 3 : 0;
  while (from > 0 && ((guchar)data[from] & 0xC0) == 0x80)
    from--;
  gsize to = scan->last_bad + 1;
  char window[16];
  for (gsize drop = from; drop < to; drop++)
    {
      gsize n = 0;
      for (gsize i = from; i < to && n < sizeof window; i++)
        if (i != drop)
          window[n++] = data[i];
      if (g_utf8_validate_len (window, n, NULL))
        return TRUE;
    }
  return FALSE;
}

/* GB18030 read as the characters Excel and WPS write: what share of them lie
 * in GB 2312 (both bytes A1–FE), where nearly all Chinese text does. Bytes
 * that are no GB18030 character at all give FALSE. */
static gboolean
scan_gb18030 (const char *data, gsize length, gsize *common, gsize *rare)
{
  const guchar *p = (const guchar *)data, *end = p + length;
  *common = *rare = 0;
  if (length >= 4 && memcmp (data, "\x84\x31\x95\x33", 4) == 0) /* its byte-order mark */
    p += 4;
  while (p < end)
    {
      if (*p < 0x80)
        p++;
      else if (*p == 0x80 || *p == 0xFF || p + 1 >= end)
        return FALSE;
      else if (p[1] >= 0x30 && p[1] <= 0x39)
        {
          if (p + 3 >= end || p[2] < 0x81 || p[2] > 0xFE || p[3] < 0x30 || p[3] > 0x39)
            return FALSE;
          (*rare)++;
          p += 4;
        }
      else if ((p[1] >= 0x40 && p[1] <= 0x7E) || (p[1] >= 0x80 && p[1] <= 0xFE))
        {
          if (*p >= 0xA1 && p[1] >= 0xA1)
            (*common)++;
          else
            (*rare)++;
          p += 2;
        }
      else
        return FALSE;
    }
  return TRUE;
}

/* Text converted from GB18030 that a person typed: no control characters but
 * tabs and line breaks, nothing from the private use area (where GB18030 puts
 * codes no character was given). */
static gboolean
looks_like_text (const char *text, gsize length)
{
  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '\t' || c == '\n' || c == '\r')
        continue;
      if (g_unichar_type (c) == G_UNICODE_CONTROL || g_unichar_type (c) == G_UNICODE_PRIVATE_USE
          || g_unichar_type (c) == G_UNICODE_UNASSIGNED || c == 0xFFFD)
        return FALSE;
    }
  return TRUE;
}

/* "E9" or "E4 BD": the bytes beyond ASCII from offset on, at most three, for a message. */
static char *
describe_bytes (const char *data, gsize length, gsize offset)
{
  GString *out = g_string_new (NULL);
  for (gsize i = offset; i < length && i < offset + 3 && (guchar)data[i] >= 0x80; i++)
    g_string_append_printf (out, "%s%02X", i > offset ? " " : "", (guchar)data[i]);
  return g_string_free (out, FALSE);
}

/* Takes a copy of the file's bytes, converted to UTF-8. On failure
 * error_line is the line at fault and the message says what is wrong with it,
 * without the file's name.
 *
 * The encoding is decided on the whole file (GB18030 decoders accept almost
 * any bytes, so a file that is UTF-8 but for a stray byte would otherwise come
 * out as mojibake): valid UTF-8 is UTF-8; a file that is mostly UTF-8, or UTF-8
 * but for one byte, is refused at its first bad byte; GB18030 only when every
 * byte belongs to a GB18030 character, the characters are mostly the common
 * ones of GB 2312, and the text has no control characters. */
JdCsvReader *
jd_csv_reader_new (const char *data, gsize length, guint *error_line, GError **error)
{
  static const char utf8_bom[] = "\xEF\xBB\xBF";
  const char *encoding = "UTF-8";
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
  gsize skipped = bom ? 3 : 0;
  if (bom)
    data += 3, length -= 3, text_length -= 3;

  Utf8Scan scan;
  scan_utf8 (data, length, &scan);
  if (scan.nul)
    return fail (error, error_line, line_at (data, data + scan.first_nul),
                 _ ("the file holds NUL bytes: it is not a CSV text file"));

  if (scan.bad_bytes == 0)
    {
      text = g_malloc (length + 1);
      if (length > 0) /* an empty file may come as NULL */
        memcpy (text, data, length);
      text[length] = '\0';
    }
  else
    {
      guint line = line_at (data, data + scan.first_bad);
      g_autofree char *bytes = describe_bytes (data, length, scan.first_bad);
      gsize offset = scan.first_bad + skipped;
      gsize common = 0, rare = 0;

      if (bom || scan.valid_bytes >= scan.bad_bytes || one_byte_from_utf8 (data, &scan))
        {
          g_autofree char *message = g_strdup_printf (
              _ ("the file is UTF-8 text but for a few bytes, and this line holds the first: "
                 "byte %s at offset %lu of the file; correct it, or save the "
                 "file again as “CSV UTF-8”"),
              bytes, (unsigned long)offset);
          if (scan.bad_places > 1)
            {
              g_autofree char *more = g_strdup_printf (
                  g_dngettext (GETTEXT_PACKAGE, "%s (and %u more place like it)",
                               "%s (and %u more places like it)", scan.bad_places - 1),
                  message, (guint)MIN (scan.bad_places - 1, G_MAXUINT));
              return fail (error, error_line, line, more);
            }
          return fail (error, error_line, line, message);
        }
      if (!scan_gb18030 (data, length, &common, &rare) || common < 3 * rare
          || (text = g_convert (data, length, "UTF-8", "GB18030", NULL, &text_length, NULL)) == NULL
          || !looks_like_text (text, text_length))
        {
          g_free (text);
          g_autofree char *message = g_strdup_printf (
              _ ("the file is neither UTF-8 nor GB18030 text (this line holds byte %s, at "
                 "offset %lu of the file, which is not UTF-8): save it again "
                 "as “CSV UTF-8” or “CSV”"),
              bytes, (unsigned long)offset);
          return fail (error, error_line, line, message);
        }
      encoding = "GB18030";
      /* GB18030 has a byte-order mark too (84 31 95 33): it is no part of the text. */
      if (text_length >= 3 && memcmp (text, utf8_bom, 3) == 0)
        {
          memmove (text, text + 3, text_length - 3 + 1);
          text_length -= 3;
        }
    }

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
