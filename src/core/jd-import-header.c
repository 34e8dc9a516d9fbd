/* jd-import-header.c: the header of a file or sheet (docs/contract.md §6, §7): the
 * headings matched to the kind's columns (by key, label, synonym, --map or the assistant's
 * choice), the header row found among a sheet's first rows, and §7's own sheets */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jd-import-private.h"
#include "jd-import-run-private.h"

/* The helpers of jd-import-text.c by their short names. */
#define quote_value jd_import_quote_value
#define format_count jd_import_format_count
#define normalize_label jd_import_normalize_label

/* --map HEADING=KEY: each key one of the kind's; FALSE with the problem reported. */
gboolean
jd_import_read_map (Import *im)
{
  if (im->map == NULL)
    return TRUE;
  for (char **pair = im->options->map; *pair; pair++)
    {
      const char *eq = strchr (*pair, '=');
      gboolean known = FALSE;
      for (guint c = 0; eq && c < im->kind->n_columns; c++)
        known = known || g_str_equal (eq + 1, im->kind->columns[c].key);
      if (eq == NULL || eq == *pair || !known)
        {
          g_autofree char *quoted = quote_value (*pair);
          g_autofree char *allowed = jd_import_describe_columns (im->report->kind);
          jd_import_add_problem (
              im, 0, NULL,
              _ ("--map “%s”: write HEADING=KEY, the key one of the columns of %s: %s"), quoted,
              im->kind->name, allowed);
          return FALSE;
        }
      g_hash_table_replace (im->map, g_strndup (*pair, (gsize)(eq - *pair)), g_strdup (eq + 1));
    }
  return TRUE;
}

static int
find_column (Import *im, const char *name)
{
  const char *mapped = im->map ? g_hash_table_lookup (im->map, name) : NULL;
  if (mapped)
    name = mapped;
  g_autofree char *normal = normalize_label (name);
  gsize len = strlen (normal);
  /* A header copied from a template may mark the required columns with a star. */
  if (len > 1 && normal[len - 1] == '*')
    normal[len - 1] = '\0';
  else if (g_str_has_suffix (normal, "＊"))
    normal[len - strlen ("＊")] = '\0';
  g_strchomp (normal);
  return jd_import_match_heading (im->report->kind, normal);
}

/* The assistant's matching of a header field: the column, -1 to pass it over. */
static int
assigned_column (Import *im, guint field)
{
  const char *const *assign = im->options->assign;
  for (guint i = 0; i <= field; i++)
    if (assign[i] == NULL)
      return -1;
  for (guint c = 0; c < im->kind->n_columns; c++)
    if (g_str_equal (assign[field], im->kind->columns[c].key))
      return (int)c;
  return -1;
}

/* Reads the header row; FALSE, with the problems reported, when the file's
 * columns are not the kind's. */
static gboolean
read_header (Import *im, char **fields, guint line)
{
  const Kind *kind = im->kind;
  guint n_unknown = 0, n_same = 0;
  int first_unknown = -1, first_same = -1, first_same_as = -1;
  gboolean ok = TRUE;

  im->header = fields;
  im->n_header = g_strv_length (fields);
  im->report->header_row = line;
  for (guint c = 0; c < MAX_COLUMNS; c++)
    im->field_of[c] = -1;
  jd_import_own_sheet (im->report->kind, fields, &im->own);

  /* A header of a million unknown columns is one message with a count. */
  for (guint i = 0; i < im->n_header; i++)
    {
      if (*fields[i] == '\0')
        continue;
      const char *own_key = im->own.keys ? im->own.keys[i] : NULL;
      gboolean assigned = im->options && im->options->assign;
      if (own_key && *own_key == '\0' && !assigned)
        continue; /* a column §7's sheet computes */
      int c = assigned ? assigned_column (im, i) : find_column (im, own_key ? own_key : fields[i]);
      if (c < 0 && (im->own.sheet || assigned))
        continue; /* passed over */
      if (c < 0)
        {
          if (n_unknown++ == 0)
            first_unknown = (int)i;
        }
      else if (im->field_of[c] >= 0)
        {
          if (n_same++ == 0)
            first_same = (int)i, first_same_as = im->field_of[c];
        }
      else
        im->field_of[c] = (int)i;
    }
  if (n_unknown > 0)
    {
      g_autofree char *allowed = jd_import_describe_columns (im->report->kind);
      g_autofree char *name = quote_value (fields[first_unknown]);
      g_autofree char *more = format_count (n_unknown - 1);
      if (n_unknown == 1)
        jd_import_add_problem (im, line, NULL,
                               _ ("column “%s”: unknown column for %s; the columns are %s"), name,
                               kind->name, allowed);
      else
        jd_import_add_problem (
            im, line, NULL,
            g_dngettext (GETTEXT_PACKAGE,
                         "column “%s”: unknown column for %s, and %s more column like "
                         "it; the columns are %s",
                         "column “%s”: unknown column for %s, and %s more columns like "
                         "it; the columns are %s",
                         n_unknown - 1),
            name, kind->name, more, allowed);
      ok = FALSE;
    }
  if (n_same > 0)
    {
      g_autofree char *name = quote_value (fields[first_same]);
      g_autofree char *as = quote_value (fields[first_same_as]);
      g_autofree char *more = format_count (n_same - 1);
      if (n_same == 1)
        jd_import_add_problem (im, line, NULL,
                               _ ("column “%s”: the same column as “%s” (column %d)"), name, as,
                               first_same_as + 1);
      else
        jd_import_add_problem (
            im, line, NULL,
            g_dngettext (GETTEXT_PACKAGE,
                         "column “%s”: the same column as “%s” (column %d), and %s more "
                         "column like it",
                         "column “%s”: the same column as “%s” (column %d), and %s more "
                         "columns like it",
                         n_same - 1),
            name, as, first_same_as + 1, more);
      ok = FALSE;
    }
  for (guint c = 0; c < kind->n_columns; c++)
    if (im->own.fixed_key && g_str_equal (kind->columns[c].key, im->own.fixed_key))
      im->fixed[c] = im->field_of[c] < 0 ? im->own.fixed_value : NULL;
  for (guint c = 0; c < kind->n_columns; c++)
    if (kind->columns[c].required && im->field_of[c] < 0 && im->fixed[c] == NULL)
      {
        jd_import_add_problem (im, line, NULL, _ ("the required column “%s” (%s) is missing"),
                               kind->columns[c].key, kind->columns[c].zh);
        ok = FALSE;
      }
  if (im->observer && im->observer->header)
    {
      g_autofree const char **keys = g_new0 (const char *, im->n_header + 1);
      for (guint c = 0; c < kind->n_columns; c++)
        if (im->field_of[c] >= 0)
          keys[im->field_of[c]] = kind->columns[c].key;
      im->observer->header (line, fields, keys, im->observer->user_data);
    }
  return ok;
}

/* Whether a row of a sheet is its header: it names one of the kind's
 * required columns or two of its others (docs/contract.md §6), or it is the
 * header of one of §7's sheets. */
static gboolean
is_header_row (Import *im, char **fields)
{
  JdOwnSheet own;
  if (jd_import_own_sheet (im->report->kind, fields, &own))
    {
      jd_own_sheet_clear (&own);
      return TRUE;
    }
  guint known = 0, required = 0;
  for (char **f = fields; *f; f++)
    {
      int c = **f ? find_column (im, *f) : -1;
      known += c >= 0;
      required += c >= 0 && im->kind->columns[c].required;
    }
  return required > 0 || known >= 2;
}

/* Rows of a sheet looked at for its header (title rows above it). */
#define HEADER_SEARCH_ROWS 50

/* Whether a row of one of §7's sheets has nothing for this kind: a person
 * without a status, a venue never inspected. */
gboolean
jd_import_own_row_is_empty (Import *im, char **fields)
{
  guint n_fields = g_strv_length (fields);
  for (guint c = 1; c < im->kind->n_columns; c++)
    {
      int f = im->field_of[c];
      if (im->kind->columns[c].required && f >= 0 && ((guint)f >= n_fields || *fields[f] == '\0'))
        return TRUE;
    }
  return FALSE;
}

void
jd_import_add_no_header_problem (Import *im)
{
  g_autofree char *allowed = jd_import_describe_columns (im->report->kind);
  jd_import_add_problem (
      im, 0, NULL,
      _ ("no row among the first %u of the sheet names the columns of %s (%s): "
         "give the header row with --header-row N, or other headings with --map"),
      HEADER_SEARCH_ROWS, im->kind->name, allowed);
}

/* Finds the header among the first rows; TRUE once the row is used up (a row
 * above the header, or the header itself). */
gboolean
jd_import_take_header (Import *im, char **fields, guint line, guint *searched, gboolean *failed)
{
  const JdImportOptions *options = im->options;
  gboolean sheet = jd_table_source_get_sheet (im->source) != NULL;
  if (options && options->header_row > 0)
    {
      if (line < options->header_row)
        return TRUE;
      if (line > options->header_row)
        {
          jd_import_add_problem (
              im, options->header_row, NULL,
              _ ("the header row %u is empty: give the row that names the columns"),
              options->header_row);
          *failed = TRUE;
          return TRUE;
        }
    }
  else if (sheet && !is_header_row (im, fields))
    {
      if (++*searched < HEADER_SEARCH_ROWS)
        return TRUE;
      jd_import_add_no_header_problem (im);
      *failed = TRUE;
      return TRUE;
    }
  *failed = !read_header (im, fields, line);
  return TRUE;
}
