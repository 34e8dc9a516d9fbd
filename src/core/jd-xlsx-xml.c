/* jd-xlsx-xml.c: the parts of an .xlsx read with libxml2's xmlTextReader from
 * libgsf's zip reader, with the bytes inflated counted and bounded; and the
 * text of a number or date cell, shared with the .xls reader (docs/contract.md §6) */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gsf/gsf-infile-impl.h>
#include <math.h>
#include <string.h>

#include "jd-error.h"
#include "jd-xlsx-private.h"

gboolean
jd_xlsx_fail_damaged (GError **error, const char *part)
{
  g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
               _ ("the workbook is damaged (its part %s cannot be read): open it in Excel or WPS "
                  "and save it again"),
               part);
  return FALSE;
}

/* ---- reading a part of the zip ------------------------------------------------------ */

typedef struct
{
  GsfInput *input;
  guint64 *inflated;
  guint64 bound;
  gboolean *too_big;
  gboolean *damaged;
} Feed;

static int
feed_read_cb (void *context, char *buffer, int len)
{
  Feed *feed = context;
  if (*feed->too_big)
    return -1;
  gsf_off_t remaining = gsf_input_remaining (feed->input);
  size_t n = (size_t)MIN ((gsf_off_t)len, remaining);
  if (n == 0)
    return 0;
  if (*feed->inflated + n > feed->bound)
    {
      *feed->too_big = TRUE;
      return -1;
    }
  if (gsf_input_read (feed->input, n, (guint8 *)buffer) == NULL)
    {
      *feed->damaged = TRUE;
      return -1;
    }
  *feed->inflated += n;
  return (int)n;
}

static int
feed_close_cb (void *context)
{
  g_free (context);
  return 0;
}

/* A part by its path. libgsf's gsf_infile_child_by_aname() warns (a fatal
 * warning under G_DEBUG) on a damaged entry; the class's own lookup reports
 * it as an error, which is all a damaged workbook deserves. */
GsfInput *
jd_xlsx_open_part (GsfInfile *zip, const char *path)
{
  g_auto (GStrv) names = g_strsplit (path, "/", -1);
  GsfInput *input = g_object_ref (GSF_INPUT (zip));
  for (guint i = 0; names[i] && input; i++)
    {
      GsfInput *child = NULL;
      if (GSF_IS_INFILE (input))
        {
          g_autoptr (GError) error = NULL;
          child = G_TYPE_INSTANCE_GET_CLASS (input, GSF_INFILE_TYPE, GsfInfileClass)
                      ->child_by_name (GSF_INFILE (input), names[i], &error);
          if (error)
            g_clear_object (&child);
        }
      g_object_unref (input);
      input = child;
    }
  return input;
}

/* libxml2's messages would go to stderr: the reader's caller says what went wrong. */
void
jd_xlsx_ignore_error_cb (void *data, xmlErrorPtr error)
{
}

xmlTextReaderPtr
jd_xlsx_new_reader (
    GsfInput *input, guint64 *inflated, guint64 bound, gboolean *too_big, gboolean *damaged)
{
  Feed *feed = g_new0 (Feed, 1);
  *feed = (Feed){ input, inflated, bound, too_big, damaged };
  /* No network, no entities substituted, no DTD loaded: a workbook has none. */
  xmlTextReaderPtr reader = xmlReaderForIO (feed_read_cb, feed_close_cb, feed, NULL, NULL,
                                            XML_PARSE_NONET | XML_PARSE_NOERROR
                                                | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
  if (reader)
    xmlTextReaderSetStructuredErrorHandler (reader, jd_xlsx_ignore_error_cb, NULL);
  /* A part whose zip entry says it inflates past the bound is not read at all. */
  if (gsf_input_size (input) > (gsf_off_t)bound)
    *too_big = TRUE;
  return reader;
}

/* Steps the reader; -1 on a broken document (or one with a DTD, which no
 * workbook has and which could ask for entity expansion). */
int
jd_xlsx_step (xmlTextReaderPtr reader)
{
  int rc = xmlTextReaderRead (reader);
  if (rc == 1 && xmlTextReaderNodeType (reader) == XML_READER_TYPE_DOCUMENT_TYPE)
    return -1;
  return rc;
}

gboolean
jd_xlsx_is_element (xmlTextReaderPtr reader, const char *name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT
         && g_str_equal ((const char *)xmlTextReaderConstLocalName (reader), name);
}

gboolean
jd_xlsx_is_end (xmlTextReaderPtr reader, const char *name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT
         && g_str_equal ((const char *)xmlTextReaderConstLocalName (reader), name);
}

/* An attribute by its local name, whatever its prefix (r:id). */
char *
jd_xlsx_attribute (xmlTextReaderPtr reader, const char *name)
{
  char *value = NULL;
  if (xmlTextReaderMoveToFirstAttribute (reader) != 1)
    return NULL;
  do
    if (g_str_equal ((const char *)xmlTextReaderConstLocalName (reader), name))
      {
        value = g_strdup ((const char *)xmlTextReaderConstValue (reader));
        break;
      }
  while (xmlTextReaderMoveToNextAttribute (reader) == 1);
  xmlTextReaderMoveToElement (reader);
  return value;
}

/* The text of an element (<v>, <t>) up to its end; the reader is left on the end. */
gboolean
jd_xlsx_element_text (xmlTextReaderPtr reader, const char *name, GString *out)
{
  if (xmlTextReaderIsEmptyElement (reader))
    return TRUE;
  int rc;
  while ((rc = jd_xlsx_step (reader)) == 1 && !jd_xlsx_is_end (reader, name))
    {
      int type = xmlTextReaderNodeType (reader);
      if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA
          || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE)
        g_string_append (out, (const char *)xmlTextReaderConstValue (reader));
    }
  return rc == 1;
}

/* A rich string (<si>, <is>): its runs' <t>, without the phonetic runs (<rPh>). */
gboolean
jd_xlsx_rich_text (xmlTextReaderPtr reader, const char *name, GString *out)
{
  if (xmlTextReaderIsEmptyElement (reader))
    return TRUE;
  int rc;
  gboolean phonetic = FALSE;
  while ((rc = jd_xlsx_step (reader)) == 1 && !jd_xlsx_is_end (reader, name))
    {
      if (jd_xlsx_is_element (reader, "rPh") && !xmlTextReaderIsEmptyElement (reader))
        phonetic = TRUE;
      else if (jd_xlsx_is_end (reader, "rPh"))
        phonetic = FALSE;
      else if (jd_xlsx_is_element (reader, "t") && !phonetic
               && !jd_xlsx_element_text (reader, "t", out))
        return FALSE;
    }
  return rc == 1;
}

/* Reads a small part whole with a callback per element; FALSE if it is broken. */

gboolean
jd_xlsx_read_part (JdXlsx *self,
                   GsfInfile *zip,
                   const char *path,
                   gboolean required,
                   guint64 bound,
                   JdXlsxElementFunc func,
                   gpointer data,
                   GError **error)
{
  g_autoptr (GsfInput) input = jd_xlsx_open_part (zip, path);
  if (input == NULL)
    return required ? jd_xlsx_fail_damaged (error, path) : TRUE;
  guint64 inflated = 0;
  gboolean too_big = FALSE, damaged = FALSE;
  xmlTextReaderPtr reader = jd_xlsx_new_reader (input, &inflated, bound, &too_big, &damaged);
  int rc;
  while ((rc = jd_xlsx_step (reader)) == 1)
    if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT && !func (self, reader, data))
      {
        rc = -1;
        break;
      }
  xmlFreeTextReader (reader);
  if (too_big)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("the workbook's part %s inflates to more than %u MB: it is not a register "
                      "(perhaps a zip bomb), and is refused"),
                   path, (guint)(bound >> 20));
      return FALSE;
    }
  if (rc != 0)
    return jd_xlsx_fail_damaged (error, path);
  return TRUE;
}

/* The built-in number formats that show a date: 14–22 everywhere, and those
 * of the Chinese, Japanese and Korean editions (27–36, 50–58). */
gboolean
jd_xlsx_builtin_date_format (guint id)
{
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/* A custom format is a date when, outside quoted text, escapes and [brackets],
 * it has a year or day, or a month (m) without hours or seconds beside it. */
gboolean
jd_xlsx_custom_date_format (const char *code)
{
  gboolean y = FALSE, d = FALSE, m = FALSE, h = FALSE, s = FALSE;
  for (const char *p = code; *p; p++)
    {
      char c = g_ascii_tolower (*p);
      if (c == '"')
        {
          const char *q = strchr (p + 1, '"');
          if (q == NULL)
            break;
          p = q;
        }
      else if (c == '[')
        {
          const char *q = strchr (p + 1, ']');
          if (q == NULL)
            break;
          p = q;
        }
      else if (c == '\\' || c == '_' || c == '*')
        {
          if (p[1] == '\0')
            break;
          p++;
        }
      else if (c == ';') /* only the first section counts */
        break;
      else
        y |= c == 'y', d |= c == 'd', m |= c == 'm', h |= c == 'h', s |= c == 's';
    }
  return y || d || (m && !h && !s);
}

void
jd_sheet_number_text (GString *out, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  if (!isfinite (value))
    g_string_append (out, "#NUM!");
  else if (fabs (value) >= 1e15)
    /* As Excel shows it: the digits past the 15th are gone. */
    g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.14E", value));
  else if (value == floor (value))
    g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64)value);
  else
    g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.15g", value));
}

gboolean
jd_sheet_date_text (GString *out, double serial, gboolean date1904)
{
  if (!isfinite (serial) || serial < 1 || serial >= 2958466) /* 9999-12-31 */
    return FALSE;
  guint days = (guint)floor (serial);
  g_autoptr (GDate) date
      = g_date_new_dmy (date1904 ? 1 : 31, date1904 ? 1 : 12, date1904 ? 1904 : 1899);
  /* Excel counts a 29 February 1900 that never was. */
  if (!date1904 && days >= 60)
    days--;
  g_date_add_days (date, days);
  g_string_append_printf (out, "%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
  return TRUE;
}
