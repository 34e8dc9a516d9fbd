/* jd-xlsx.c: the sheets of an .xlsx workbook as Excel, WPS and LibreOffice
 * write them (docs/contract.md §6)
 *
 * libgsf's GsfInfileZip opens the zip and inflates each part; libxml2's
 * xmlTextReader streams the XML, so that a sheet of 200,000 rows is read with
 * one row in memory. Only the shared strings (which every writer puts in one
 * table) are held whole, within a bound. Each part is read through a callback
 * that counts the bytes it inflates and stops past a bound: a zip bomb (a few
 * kilobytes that inflate to gigabytes) is refused, not read.
 *
 * The merged ranges of a sheet come after its rows in the XML; they are found
 * by a first pass over the inflated bytes (which only inflates) and their
 * element parsed by libxml2, so that a merged value fills its range as the
 * rows stream by.
 */
#include "config.h"

#include "jd-xlsx-private.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jd-error.h"

#define MAX_MERGES 100000
#define MAX_STRINGS 10000000u

typedef struct
{
  guint r1, c1, r2, c2; /* 1-based rows, 0-based columns */
  char *value;          /* the top-left cell's text, once its row is read */
  JdTableCell kind;
} Merge;

struct _JdXlsx
{
  GsfInfile *zip;
  GPtrArray *sheet_names; /* char *, NULL-terminated */
  GPtrArray *sheet_parts; /* char *: the path of each sheet's part in the zip */
  GPtrArray *strings;     /* the shared strings */
  GArray *date_styles;    /* gboolean per cellXfs index: a date format */
  gboolean date1904;
  /* the sheet being read */
  GsfInput *input;
  xmlTextReaderPtr reader;
  guint64 inflated, bound;
  gboolean too_big, damaged;
  gsize size;
  GArray *merges;    /* Merge, by first row */
  GPtrArray *active; /* Merge * over the current row */
  guint next_merge;
  guint row; /* the last row read */
  gboolean done;
};

static gboolean
fail (GError **error, const char *message)
{
  g_set_error_literal (error, JD_ERROR, JD_ERROR_INVALID, message);
  return FALSE;
}

/* ---- the workbook's parts ----------------------------------------------------------- */

typedef struct
{
  GPtrArray *ids; /* r:id of each sheet, in order */
} WorkbookData;

static gboolean
workbook_element_cb (JdXlsx *self, xmlTextReaderPtr reader, gpointer data)
{
  WorkbookData *wb = data;
  if (jd_xlsx_is_element (reader, "workbookPr"))
    {
      g_autofree char *d1904 = jd_xlsx_attribute (reader, "date1904");
      self->date1904 = d1904 && (g_str_equal (d1904, "1") || g_str_equal (d1904, "true"));
    }
  else if (jd_xlsx_is_element (reader, "sheet"))
    {
      char *name = jd_xlsx_attribute (reader, "name");
      char *id = jd_xlsx_attribute (reader, "id");
      if (name == NULL || id == NULL || wb->ids->len >= 4096)
        {
          g_free (name), g_free (id);
          return FALSE;
        }
      g_ptr_array_insert (self->sheet_names, (int)self->sheet_names->len - 1, name);
      g_ptr_array_add (wb->ids, id);
    }
  return TRUE;
}

static gboolean
rels_element_cb (JdXlsx *self, xmlTextReaderPtr reader, gpointer data)
{
  GHashTable *targets = data;
  if (jd_xlsx_is_element (reader, "Relationship") && g_hash_table_size (targets) < 65536)
    {
      char *id = jd_xlsx_attribute (reader, "Id");
      char *target = jd_xlsx_attribute (reader, "Target");
      if (id && target)
        g_hash_table_replace (targets, id, target);
      else
        g_free (id), g_free (target);
    }
  return TRUE;
}

typedef struct
{
  GHashTable *custom; /* numFmtId → "1" when a date format */
  gboolean in_xfs;
} StylesData;

static gboolean
styles_element_cb (JdXlsx *self, xmlTextReaderPtr reader, gpointer data)
{
  StylesData *st = data;
  const char *name = (const char *)xmlTextReaderConstLocalName (reader);
  if (g_str_equal (name, "numFmt"))
    {
      g_autofree char *id = jd_xlsx_attribute (reader, "numFmtId");
      g_autofree char *code = jd_xlsx_attribute (reader, "formatCode");
      if (id && code && jd_xlsx_custom_date_format (code))
        g_hash_table_add (st->custom, GUINT_TO_POINTER ((guint)strtoul (id, NULL, 10)));
    }
  else if (g_str_equal (name, "cellXfs"))
    st->in_xfs = TRUE;
  else if (g_str_equal (name, "cellStyleXfs") || g_str_equal (name, "dxfs"))
    st->in_xfs = FALSE;
  else if (g_str_equal (name, "xf") && st->in_xfs && self->date_styles->len < 65536)
    {
      g_autofree char *id_text = jd_xlsx_attribute (reader, "numFmtId");
      guint id = id_text ? (guint)strtoul (id_text, NULL, 10) : 0;
      gboolean date = jd_xlsx_builtin_date_format (id)
                      || g_hash_table_contains (st->custom, GUINT_TO_POINTER (id));
      g_array_append_val (self->date_styles, date);
    }
  return TRUE;
}

typedef struct
{
  guint64 bytes;
} StringsData;

static gboolean
strings_element_cb (JdXlsx *self, xmlTextReaderPtr reader, gpointer data)
{
  StringsData *sd = data;
  if (!jd_xlsx_is_element (reader, "si"))
    return TRUE;
  if (self->strings->len >= MAX_STRINGS)
    return FALSE;
  GString *text = g_string_new (NULL);
  if (!jd_xlsx_rich_text (reader, "si", text))
    {
      g_string_free (text, TRUE);
      return FALSE;
    }
  sd->bytes += text->len + 16;
  g_ptr_array_add (self->strings, g_string_free (text, FALSE));
  return sd->bytes <= JD_TABLE_MAX_STRINGS_BYTES;
}

/* "worksheets/sheet1.xml" from xl/workbook.xml, or "/xl/worksheets/sheet1.xml". */
static char *
resolve_target (const char *target)
{
  if (target[0] == '/')
    return g_strdup (target + 1);
  return g_strconcat ("xl/", target, NULL);
}

JdXlsx *
jd_xlsx_new (GsfInput *input, GError **error)
{
  g_autoptr (GError) zip_error = NULL;
  GsfInfile *zip = gsf_infile_zip_new (input, &zip_error);
  if (zip == NULL)
    {
      fail (error, _ ("the workbook is damaged: it is not a whole zip file (perhaps cut short "
                      "when it was copied); open it in Excel or WPS and save it again"));
      return NULL;
    }
  JdXlsx *self = g_new0 (JdXlsx, 1);
  self->zip = zip;
  self->sheet_names = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->sheet_names, NULL);
  self->sheet_parts = g_ptr_array_new_with_free_func (g_free);
  self->strings = g_ptr_array_new_with_free_func (g_free);
  self->date_styles = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->merges = g_array_new (FALSE, TRUE, sizeof (Merge));
  self->active = g_ptr_array_new ();

  g_autoptr (GsfInput) probe = jd_xlsx_open_part (self->zip, "xl/workbook.xml");
  if (probe == NULL)
    {
      fail (error, _ ("the file is a zip archive but not an Excel workbook (.xlsx): it has no "
                      "xl/workbook.xml"));
      jd_xlsx_free (self);
      return NULL;
    }

  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  WorkbookData wb = { ids };
  g_autoptr (GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) custom = g_hash_table_new (NULL, NULL);
  StylesData st = { custom, FALSE };
  StringsData sd = { 0 };
  if (!jd_xlsx_read_part (self, self->zip, "xl/workbook.xml", TRUE, 64 << 20, workbook_element_cb,
                          &wb, error)
      || !jd_xlsx_read_part (self, self->zip, "xl/_rels/workbook.xml.rels", TRUE, 64 << 20,
                             rels_element_cb, targets, error)
      || !jd_xlsx_read_part (self, self->zip, "xl/styles.xml", FALSE, 64 << 20, styles_element_cb,
                             &st, error)
      || !jd_xlsx_read_part (self, self->zip, "xl/sharedStrings.xml", FALSE,
                             JD_TABLE_MAX_STRINGS_BYTES, strings_element_cb, &sd, error))
    {
      jd_xlsx_free (self);
      return NULL;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      const char *target = g_hash_table_lookup (targets, ids->pdata[i]);
      g_ptr_array_add (self->sheet_parts, target ? resolve_target (target) : NULL);
    }
  if (ids->len == 0)
    {
      fail (error, _ ("the workbook has no sheets"));
      jd_xlsx_free (self);
      return NULL;
    }
  return self;
}

static void
clear_sheet (JdXlsx *self)
{
  g_clear_pointer (&self->reader, xmlFreeTextReader);
  g_clear_object (&self->input);
  for (guint i = 0; i < self->merges->len; i++)
    g_free (g_array_index (self->merges, Merge, i).value);
  g_array_set_size (self->merges, 0);
  g_ptr_array_set_size (self->active, 0);
  self->next_merge = 0;
  self->row = 0;
  self->done = FALSE;
  self->inflated = 0;
  self->too_big = self->damaged = FALSE;
}

void
jd_xlsx_free (JdXlsx *self)
{
  if (self == NULL)
    return;
  clear_sheet (self);
  g_clear_object (&self->zip);
  g_ptr_array_unref (self->sheet_names);
  g_ptr_array_unref (self->sheet_parts);
  g_ptr_array_unref (self->strings);
  g_array_unref (self->date_styles);
  g_array_unref (self->merges);
  g_ptr_array_unref (self->active);
  g_free (self);
}

const char *const *
jd_xlsx_get_sheets (JdXlsx *self)
{
  return (const char *const *)self->sheet_names->pdata;
}

/* ---- merged ranges ------------------------------------------------------------------------- */

/* "B7" as its row (1-based) and column (0-based); FALSE if it is not a cell. */
static gboolean
parse_ref (const char *ref, guint *row, guint *column)
{
  guint c = 0, r = 0, letters = 0;
  const char *p = ref;
  for (; g_ascii_isalpha (*p); p++)
    {
      if (++letters > 3)
        return FALSE;
      c = c * 26 + (guint)(g_ascii_toupper (*p) - 'A' + 1);
    }
  if (letters == 0 || c > 16384)
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      r = r * 10 + (guint)(*p - '0');
      if (r > JD_TABLE_MAX_ROWS)
        return FALSE;
    }
  if (*p != '\0' || r == 0)
    return FALSE;
  *row = r;
  *column = c - 1;
  return TRUE;
}

static int
compare_merges (gconstpointer a, gconstpointer b)
{
  const Merge *ma = a, *mb = b;
  return (ma->r1 > mb->r1) - (ma->r1 < mb->r1);
}

static void
add_merges_from (JdXlsx *self, const char *xml, gsize length)
{
  xmlTextReaderPtr reader = xmlReaderForMemory (xml, (int)length, NULL, NULL,
                                                XML_PARSE_NONET | XML_PARSE_NOERROR
                                                    | XML_PARSE_NOWARNING | XML_PARSE_RECOVER);
  if (reader == NULL)
    return;
  xmlTextReaderSetStructuredErrorHandler (reader, jd_xlsx_ignore_error_cb, NULL);
  while (jd_xlsx_step (reader) == 1 && self->merges->len < MAX_MERGES)
    if (jd_xlsx_is_element (reader, "mergeCell"))
      {
        g_autofree char *ref = jd_xlsx_attribute (reader, "ref");
        char *colon = ref ? strchr (ref, ':') : NULL;
        Merge m = { 0 };
        if (colon == NULL)
          continue;
        *colon = '\0';
        if (parse_ref (ref, &m.r1, &m.c1) && parse_ref (colon + 1, &m.r2, &m.c2) && m.r1 <= m.r2
            && m.c1 <= m.c2 && m.c1 < JD_TABLE_MAX_COLUMNS)
          {
            m.c2 = MIN (m.c2, JD_TABLE_MAX_COLUMNS - 1);
            g_array_append_val (self->merges, m);
          }
      }
  xmlFreeTextReader (reader);
  g_array_sort (self->merges, compare_merges);
}

/* A first pass over the sheet's inflated bytes for its <mergeCells> element,
 * which follows the rows; the element itself is parsed by libxml2. */
static gboolean
scan_merges (JdXlsx *self, const char *part, GError **error)
{
  g_autoptr (GsfInput) input = jd_xlsx_open_part (self->zip, part);
  if (input == NULL)
    return jd_xlsx_fail_damaged (error, part);
  if (gsf_input_size (input) > (gsf_off_t)JD_TABLE_MAX_SHEET_BYTES)
    return TRUE; /* the real pass refuses it */
  GString *window = g_string_new (NULL);
  guint64 total = 0;
  gboolean found = FALSE, ok = TRUE;
  while (gsf_input_remaining (input) > 0)
    {
      gsize n = (gsize)MIN (gsf_input_remaining (input), 65536);
      const guint8 *chunk = gsf_input_read (input, n, NULL);
      if (chunk == NULL)
        {
          ok = jd_xlsx_fail_damaged (error, part);
          break;
        }
      total += n;
      if (total > JD_TABLE_MAX_SHEET_BYTES)
        break; /* the real pass says so */
      g_string_append_len (window, (const char *)chunk, (gssize)n);
      if (!found)
        {
          const char *at = g_strstr_len (window->str, (gssize)window->len, "mergeCells");
          if (at)
            {
              /* from the element's "<" (with any prefix) */
              while (at > window->str && at[-1] != '<')
                at--;
              g_string_erase (window, 0, MAX (at - window->str - 1, 0));
              found = TRUE;
            }
          else if (window->len > 64)
            g_string_erase (window, 0, (gssize)(window->len - 64));
        }
      if (found && window->len > 16u << 20) /* 100,000 ranges fit in far less */
        break;
    }
  if (ok && found)
    {
      const char *end = g_strstr_len (window->str, (gssize)window->len, "mergeCells>");
      if (end)
        add_merges_from (self, window->str, (gsize)(end - window->str) + strlen ("mergeCells>"));
    }
  g_string_free (window, TRUE);
  return ok;
}

gboolean
jd_xlsx_select (JdXlsx *self, guint index, GError **error)
{
  clear_sheet (self);
  const char *part = index < self->sheet_parts->len ? self->sheet_parts->pdata[index] : NULL;
  if (part == NULL)
    return jd_xlsx_fail_damaged (error, "xl/workbook.xml");
  if (!scan_merges (self, part, error))
    return FALSE;
  self->input = jd_xlsx_open_part (self->zip, part);
  if (self->input == NULL)
    return jd_xlsx_fail_damaged (error, part);
  self->size = (gsize)MAX (gsf_input_size (self->input), 1);
  self->reader = jd_xlsx_new_reader (self->input, &self->inflated, JD_TABLE_MAX_SHEET_BYTES,
                                     &self->too_big, &self->damaged);
  return TRUE;
}

/* ---- cells --------------------------------------------------------------------------------------
 */

/* One <c> element's text and kind; the reader is left on its end. */
static gboolean
read_cell (JdXlsx *self, GString *text, JdTableCell *kind)
{
  xmlTextReaderPtr reader = self->reader;
  g_autofree char *type = jd_xlsx_attribute (reader, "t");
  g_autofree char *style = jd_xlsx_attribute (reader, "s");
  g_autoptr (GString) value = g_string_new (NULL);
  gboolean has_value = FALSE, has_formula = FALSE, has_inline = FALSE;

  g_string_truncate (text, 0);
  *kind = JD_TABLE_CELL_TEXT;
  if (!xmlTextReaderIsEmptyElement (reader))
    {
      int rc;
      while ((rc = jd_xlsx_step (reader)) == 1 && !jd_xlsx_is_end (reader, "c"))
        {
          if (jd_xlsx_is_element (reader, "v"))
            {
              has_value = TRUE;
              if (!jd_xlsx_element_text (reader, "v", value))
                return FALSE;
            }
          else if (jd_xlsx_is_element (reader, "f"))
            has_formula = TRUE;
          else if (jd_xlsx_is_element (reader, "is"))
            {
              has_inline = TRUE;
              if (!jd_xlsx_rich_text (reader, "is", text))
                return FALSE;
            }
        }
      if (rc != 1)
        return FALSE;
    }

  if (has_inline)
    return TRUE;
  if (!has_value || (has_formula && value->len == 0))
    {
      if (has_formula)
        *kind = JD_TABLE_CELL_NO_VALUE;
      return TRUE;
    }
  if (type && g_str_equal (type, "s"))
    {
      char *end = NULL;
      guint64 i = g_ascii_strtoull (value->str, &end, 10);
      if (end == value->str || *end != '\0' || i >= self->strings->len)
        return FALSE;
      g_string_append (text, self->strings->pdata[i]);
    }
  else if (type && (g_str_equal (type, "str") || g_str_equal (type, "e")))
    g_string_append (text, value->str);
  else if (type && g_str_equal (type, "b"))
    g_string_append (text, g_str_equal (value->str, "1") ? "TRUE" : "FALSE");
  else if (type && g_str_equal (type, "d"))
    {
      /* 2024-03-05T00:00:00: the day, when it is one */
      if (value->len >= 10 && g_str_is_ascii (value->str))
        g_string_append_len (text, value->str, 10);
      else
        g_string_append (text, value->str);
      *kind = JD_TABLE_CELL_DATE;
    }
  else
    {
      char *end = NULL;
      double number = g_ascii_strtod (value->str, &end);
      if (end == value->str)
        {
          g_string_append (text, value->str);
          return TRUE;
        }
      guint64 s = style ? g_ascii_strtoull (style, NULL, 10) : 0;
      gboolean date = s < self->date_styles->len && g_array_index (self->date_styles, gboolean, s);
      if (date && jd_sheet_date_text (text, number, self->date1904))
        *kind = JD_TABLE_CELL_DATE;
      else
        {
          jd_sheet_number_text (text, number);
          *kind = JD_TABLE_CELL_NUMBER;
        }
    }
  return TRUE;
}

static void
put_cell (GPtrArray *cells, GArray *kinds, guint column, const char *text, JdTableCell kind)
{
  while (cells->len < column)
    {
      g_ptr_array_add (cells, g_strdup (""));
      JdTableCell none = JD_TABLE_CELL_TEXT;
      g_array_append_val (kinds, none);
    }
  if (column < cells->len)
    {
      g_free (cells->pdata[column]);
      cells->pdata[column] = g_strdup (text);
      g_array_index (kinds, JdTableCell, column) = kind;
      return;
    }
  g_ptr_array_add (cells, g_strdup (text));
  g_array_append_val (kinds, kind);
}

/* Fills the row's cells from the merged ranges over it. */
static void
apply_merges (JdXlsx *self, guint row, GPtrArray *cells, GArray *kinds)
{
  while (self->next_merge < self->merges->len
         && g_array_index (self->merges, Merge, self->next_merge).r1 <= row)
    g_ptr_array_add (self->active, &g_array_index (self->merges, Merge, self->next_merge++));
  for (guint i = 0; i < self->active->len;)
    {
      Merge *m = self->active->pdata[i];
      if (m->r2 < row)
        {
          g_ptr_array_remove_index_fast (self->active, i);
          continue;
        }
      i++;
      if (m->r1 == row)
        {
          g_clear_pointer (&m->value, g_free);
          if (m->c1 < cells->len && *(char *)cells->pdata[m->c1])
            {
              m->value = g_strdup (cells->pdata[m->c1]);
              m->kind = g_array_index (kinds, JdTableCell, m->c1);
            }
        }
      if (m->value == NULL)
        continue;
      for (guint c = m->c1; c <= m->c2; c++)
        if (c >= cells->len || *(char *)cells->pdata[c] == '\0')
          put_cell (cells, kinds, c, m->value, m->kind);
    }
}

gboolean
jd_xlsx_next (JdXlsx *self, GPtrArray *cells, GArray *kinds, guint *row, GError **error)
{
  g_ptr_array_set_size (cells, 0);
  g_array_set_size (kinds, 0);
  if (self->done || self->reader == NULL)
    return FALSE;

  g_autoptr (GString) text = g_string_new (NULL);
  xmlTextReaderPtr reader = self->reader;
  gboolean in_row = FALSE, broken = FALSE;
  guint column = 0;
  int rc;
  while ((rc = jd_xlsx_step (reader)) == 1)
    {
      if (jd_xlsx_is_element (reader, "row"))
        {
          g_autofree char *r = jd_xlsx_attribute (reader, "r");
          guint number = r ? (guint)g_ascii_strtoull (r, NULL, 10) : self->row + 1;
          if (number == 0 || number > JD_TABLE_MAX_ROWS || number <= self->row)
            {
              broken = TRUE;
              break;
            }
          self->row = number;
          column = 0;
          in_row = TRUE;
          if (xmlTextReaderIsEmptyElement (reader))
            {
              in_row = FALSE;
              apply_merges (self, self->row, cells, kinds);
              if (cells->len > 0)
                break;
            }
        }
      else if (in_row && jd_xlsx_is_element (reader, "c"))
        {
          g_autofree char *ref = jd_xlsx_attribute (reader, "r");
          guint ref_row = 0, ref_column = column;
          if (ref && (!parse_ref (ref, &ref_row, &ref_column) || ref_row != self->row))
            {
              broken = TRUE;
              break;
            }
          column = ref_column;
          JdTableCell kind = JD_TABLE_CELL_TEXT;
          if (!read_cell (self, text, &kind))
            {
              broken = TRUE;
              break;
            }
          if (text->len > 0 || kind == JD_TABLE_CELL_NO_VALUE)
            {
              if (column >= JD_TABLE_MAX_COLUMNS)
                {
                  g_autofree char *letters = jd_table_column_letters (column);
                  g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                               _ ("row %u has a value in column %s: a register has at most %u "
                                  "columns, and this sheet is refused"),
                               self->row, letters, JD_TABLE_MAX_COLUMNS);
                  self->done = TRUE;
                  return FALSE;
                }
              put_cell (cells, kinds, column, text->str, kind);
            }
          column++;
        }
      else if (in_row && jd_xlsx_is_end (reader, "row"))
        {
          in_row = FALSE;
          apply_merges (self, self->row, cells, kinds);
          if (cells->len > 0)
            break;
        }
      else if (jd_xlsx_is_end (reader, "sheetData"))
        {
          rc = 0;
          break;
        }
    }
  *row = self->row;
  if (rc == 1 && !broken)
    return TRUE;
  self->done = TRUE;
  g_ptr_array_set_size (cells, 0);
  g_array_set_size (kinds, 0);
  if (self->too_big)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("the sheet inflates to more than %u MB: it is not a register (perhaps a "
                      "zip bomb), and is refused"),
                   (guint)(JD_TABLE_MAX_SHEET_BYTES >> 20));
      return FALSE;
    }
  if (rc != 0 || broken || self->damaged)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("the sheet is damaged after row %u: open the workbook in Excel or WPS and "
                      "save it again"),
                   self->row);
      return FALSE;
    }
  return FALSE;
}

double
jd_xlsx_get_fraction (JdXlsx *self)
{
  if (self->input == NULL)
    return 0.0;
  return MIN (1.0, (double)self->inflated / (double)self->size);
}
