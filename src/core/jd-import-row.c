/* jd-import-row.c: one row of a file (docs/contract.md §6): its cells mapped into the
 * kind's record, each value converted (dates, counts, enums, flags, villages, persons and
 * venues looked up), the key checked against the file's earlier rows, and each problem
 * kept for the report */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jd-date.h"
#include "jd-id-number.h"
#include "jd-import-private.h"
#include "jd-import-run-private.h"

/* The helpers of jd-import-text.c by their short names. */
#define quote_value jd_import_quote_value
#define normalize_label jd_import_normalize_label
#define parse_flag jd_import_parse_flag
#define parse_count jd_import_parse_count
#define check_spreadsheet_number jd_import_check_spreadsheet_number

/* ---- problems -------------------------------------------------------------------- */

/* Keeps one problem: the same reason in the same column again (a million
 * rows without a name) only counts; past JD_IMPORT_MAX_PROBLEMS distinct ones
 * they are only counted, so memory stays bounded whatever the file. */
void
jd_import_add_problem (Import *im, guint line, const char *column, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *reason = g_strdup_vprintf (format, args);
  va_end (args);

  JdImportReport *report = im->report;
  int field = -1;
  for (guint i = 0; line > 0 && column && i < im->n_header && field < 0; i++)
    if (g_str_equal (im->header[i], column))
      field = (int)i;
  if (im->observer && im->observer->problem)
    im->observer->problem (line, field, reason, im->observer->user_data);
  g_autofree char *key = g_strconcat (column ? column : "", "\x1f", reason, NULL);
  JdImportProblem *seen = g_hash_table_lookup (im->problem_index, key);
  if (seen != NULL)
    {
      if (seen->more < G_MAXUINT)
        seen->more++;
      return;
    }
  if (report->problems->len >= JD_IMPORT_MAX_PROBLEMS)
    {
      if (report->unlisted < G_MAXUINT)
        report->unlisted++;
      return;
    }
  JdImportProblem *problem = g_new0 (JdImportProblem, 1);
  problem->reason = g_steal_pointer (&reason);
  problem->line = line;
  if (line > 0 && im->source)
    problem->cell = jd_table_source_name_cell (im->source, line, field);
  problem->column = g_strdup (column);
  g_ptr_array_add (report->problems, problem);
  g_hash_table_insert (im->problem_index, g_steal_pointer (&key), problem);
}

/* ---- values ---------------------------------------------------------------------- */

/* Looks a name up once per import: the files name the same villages and
 * persons on thousands of rows. Only hits are kept, so a village or person
 * created by an earlier row is found by a later one. */
static gint64
cached_find (GHashTable *cache,
             JdLedger *ledger,
             const char *text,
             gint64 (*find) (JdLedger *, const char *))
{
  gint64 *hit = g_hash_table_lookup (cache, text);
  if (hit)
    return *hit;
  gint64 id = find (ledger, text);
  if (id != 0)
    g_hash_table_insert (cache, g_strdup (text), g_memdup2 (&id, sizeof id));
  return id;
}

static const char *
find_enum (JdEnum which, const char *text)
{
  const char *key = jd_enum_find (which, text);
  if (key == NULL)
    {
      g_autofree char *normal = normalize_label (text);
      g_autofree char *lower = g_ascii_strdown (normal, -1);
      key = jd_enum_find (which, lower);
    }
  return key;
}

static gint64
find_person (JdLedger *ledger, const char *id_number)
{
  return jd_store_find_person (ledger, id_number);
}

static gint64
find_village (JdLedger *ledger, const char *code_or_name)
{
  return jd_store_find_village (ledger, code_or_name);
}

#define FIELD(record, offset, Type) ((Type *)(void *)((char *)(record) + (offset)))

/* Puts one value into the record: NULL, or the reason it cannot be. */
static char *
convert_value (Import *im, const Column *col, const char *text, gpointer record)
{
  gboolean empty = *text == '\0';
  gint64 id = 0;
  g_autofree char *quoted = quote_value (text);

  if (empty && col->required)
    return g_strdup (_ ("required"));

  switch (col->type)
    {
      case FIELD_TEXT:
      case FIELD_ID_NUMBER:
        if (col->type == FIELD_ID_NUMBER && !empty)
          {
            char *reason = check_spreadsheet_number (text);
            if (reason)
              return reason;
          }
        *FIELD (record, col->offset, const char *) = empty ? NULL : text;
        return NULL;

      case FIELD_DAY:
        {
          JdDay day = empty ? 0 : jd_day_parse (text);
          if (!empty && day == 0)
            return g_strdup_printf (
                _ ("“%s” is not a date (write 2024-03-05, 2024/3/5 or 2024年3月5日)"), quoted);
          *FIELD (record, col->offset, JdDay) = day;
          return NULL;
        }

      case FIELD_COUNT:
      case FIELD_COUNT_OR_NONE:
        {
          gint64 count = col->type == FIELD_COUNT ? 0 : -1;
          char *reason = empty ? NULL : parse_count (text, &count);
          if (reason == NULL)
            *FIELD (record, col->offset, gint64) = count;
          return reason;
        }

      case FIELD_ENUM:
        {
          const char *key = empty ? NULL : find_enum (col->which, text);
          if (!empty && key == NULL)
            {
              g_autofree char *allowed = jd_enum_describe (col->which);
              return g_strdup_printf (_ ("“%s” is not one of %s"), quoted, allowed);
            }
          /* The store checks a sex against the ID number and quotes it as written. */
          if (col->which == JD_ENUM_SEX && key && jd_enum_find (col->which, text))
            key = text;
          *FIELD (record, col->offset, const char *) = key;
          return NULL;
        }

      case FIELD_FLAG:
        {
          gboolean value = FALSE;
          if (!empty && !parse_flag (text, &value))
            return g_strdup_printf (_ ("“%s” is neither yes nor no (write 是 or 否)"), quoted);
          *FIELD (record, col->offset, gboolean) = value;
          return NULL;
        }

      case FIELD_VILLAGE:
      case FIELD_VILLAGE_OR_NAME:
        id = empty ? 0 : cached_find (im->villages, im->ledger, text, find_village);
        /* §7's sheets name the township (活动) or its office (博美镇禁毒办) for
         * what is township-wide */
        if (!empty && id == 0 && !col->required && im->township
            && g_str_has_prefix (text, im->township)
            && (text[strlen (im->township)] == '\0'
                || g_str_equal (text + strlen (im->township), "禁毒办")))
          empty = TRUE;
        if (col->type == FIELD_VILLAGE_OR_NAME)
          *FIELD (record, col->name_offset, const char *) = empty || id ? NULL : text;
        else if (!empty && id == 0)
          return g_strdup_printf (_ ("no village has the code or name “%s”"), quoted);
        im->row_village = id;
        if (col->offset != ROW_ONLY)
          *FIELD (record, col->offset, gint64) = id;
        return NULL;

      case FIELD_PERSON:
        {
          g_autofree char *normal = jd_id_number_normalize (text);
          g_autoptr (GError) invalid = NULL;
          char *reason = check_spreadsheet_number (text);
          if (reason)
            return reason;
          id = cached_find (im->persons, im->ledger, normal, find_person);
          if (id == 0 && !jd_id_number_validate (normal, NULL, &invalid))
            return g_strdup (invalid->message);
          if (id == 0)
            return g_strdup_printf (_ ("no person has the ID number %s: import the persons first"),
                                    normal);
          *FIELD (record, col->offset, gint64) = id;
          return NULL;
        }

      case FIELD_VENUE:
        /* Without the row's village there is nothing to look in; that is reported already. */
        id = im->row_village ? jd_store_find_venue (im->ledger, im->row_village, text) : 0;
        if (im->row_village && id == 0)
          return g_strdup_printf (
              _ ("the village has no venue named “%s”: import the venues first"), quoted);
        *FIELD (record, col->offset, gint64) = id;
        return NULL;

      default:
        g_assert_not_reached ();
    }
}

/* Whether one column's value differs between two records of a kind. */
gboolean
jd_import_column_differs (const Column *col, gconstpointer a, gconstpointer b)
{
  switch (col->type)
    {
      case FIELD_TEXT:
      case FIELD_ID_NUMBER:
      case FIELD_ENUM:
        return g_strcmp0 (*FIELD (a, col->offset, const char *) ?: "",
                          *FIELD (b, col->offset, const char *) ?: "")
               != 0;
      case FIELD_DAY:
        return *FIELD (a, col->offset, JdDay) != *FIELD (b, col->offset, JdDay);
      case FIELD_FLAG:
        return !*FIELD (a, col->offset, gboolean) != !*FIELD (b, col->offset, gboolean);
      case FIELD_VILLAGE_OR_NAME:
        if (g_strcmp0 (*FIELD (a, col->name_offset, const char *) ?: "",
                       *FIELD (b, col->name_offset, const char *) ?: "")
            != 0)
          return TRUE;
        G_GNUC_FALLTHROUGH;
      case FIELD_COUNT:
      case FIELD_COUNT_OR_NONE:
      case FIELD_VILLAGE:
      case FIELD_PERSON:
      case FIELD_VENUE:
        return col->offset != ROW_ONLY
               && *FIELD (a, col->offset, gint64) != *FIELD (b, col->offset, gint64);
      default:
        g_assert_not_reached ();
    }
}

/* ---- rows ------------------------------------------------------------------------------ */

const char *
jd_import_header_text (Import *im, guint field)
{
  return field < im->n_header ? im->header[field] : "";
}

/* Fills the record from one row; FALSE, with the problems reported, when it cannot. */
gboolean
jd_import_map_row (Import *im, char **fields, guint line, gpointer record)
{
  const Kind *kind = im->kind;
  guint n_fields = g_strv_length (fields);
  gboolean ok = TRUE;

  memset (record, 0, kind->record_size);
  g_ptr_array_set_size (im->owned, 0);
  im->row_village = 0;

  /* More fields than the header has columns are refused whether they hold
   * anything or not: a stray comma shifts every value after it, and Excel and
   * WPS write as many fields on every row as in the header. A sheet has no
   * commas: there only a value under no heading is refused. */
  if (n_fields > im->n_header && im->kinds == NULL)
    {
      jd_import_add_problem (
          im, line, NULL,
          _ ("the row has %u fields, but the header has %u: a stray comma or quote "
             "shifts the values"),
          n_fields, im->n_header);
      ok = FALSE;
    }
  else
    for (guint i = 0; i < n_fields; i++)
      if (*fields[i] != '\0' && *jd_import_header_text (im, i) == '\0' && im->own.sheet == NULL
          && !(im->options && im->options->assign))
        {
          jd_import_add_problem (
              im, line, NULL, _ ("field %u has a value, but the header gives its column no name"),
              i + 1);
          ok = FALSE;
          break;
        }

  for (guint c = 0; c < kind->n_columns; c++)
    if (kind->columns[c].type == FIELD_COUNT_OR_NONE)
      *FIELD (record, kind->columns[c].offset, gint64) = -1;
  if (kind->load && (guint)im->field_of[0] < n_fields && *fields[im->field_of[0]] != '\0')
    kind->load (im, fields[im->field_of[0]], record);

  for (guint c = 0; c < kind->n_columns; c++)
    {
      int f = im->field_of[c];
      if (f < 0 && im->fixed[c] == NULL)
        continue;
      const char *text = f < 0 ? im->fixed[c] : (guint)f < n_fields ? fields[f] : "";
      if (f >= 0 && im->kinds && (guint)f < n_fields && im->kinds[f] == JD_TABLE_CELL_NO_VALUE)
        {
          jd_import_add_problem (
              im, line, jd_import_header_text (im, f), "%s",
              _ ("the cell holds a formula whose value the file did not save: open the "
                 "workbook in Excel or WPS and save it again"));
          ok = FALSE;
          continue;
        }
      g_autofree char *reason = convert_value (im, &kind->columns[c], text, record);
      if (reason)
        {
          jd_import_add_problem (im, line, jd_import_header_text (im, f), "%s", reason);
          ok = FALSE;
        }
    }
  return ok;
}

/* Where a key was first seen in the file, and the values its row gave. */
typedef struct
{
  guint line;
  char *values; /* the row's mapped fields, joined by \x1f */
} KeySeen;

static void
key_seen_free (gpointer data)
{
  KeySeen *seen = data;
  g_free (seen->values);
  g_free (seen);
}

/* One file may not give the same key (ID number, village code, venue) twice
 * with different values: the second row is refused, naming the first. The
 * same row twice is harmless (importing it twice adds nothing either). */
gboolean
jd_import_check_key (Import *im, char **fields, guint line)
{
  const Kind *kind = im->kind;
  guint n_fields = g_strv_length (fields);
  char *key = NULL;
  int key_column = 0;

  switch (im->report->kind)
    {
      case JD_IMPORT_VILLAGES:
        key = g_strdup (fields[im->field_of[0]]);
        break;
      case JD_IMPORT_PERSONS:
        key = jd_id_number_normalize (fields[im->field_of[0]]);
        break;
      case JD_IMPORT_VENUES:
        key_column = 1;
        key = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", im->row_village,
                               fields[im->field_of[1]]);
        break;
      default:
        return TRUE;
    }

  /* The values beside the key (which may be written differently: full-width
   * digits, a village by code or by name). */
  GString *values = g_string_new (NULL);
  for (guint c = 0; c < kind->n_columns; c++)
    {
      int f = im->field_of[c];
      if (c > (guint)key_column && f >= 0 && (guint)f < n_fields)
        g_string_append (values, fields[f]);
      g_string_append_c (values, '\x1f');
    }
  if (im->keys == NULL)
    im->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, key_seen_free);
  KeySeen *seen = g_hash_table_lookup (im->keys, key);
  if (seen == NULL)
    {
      seen = g_new0 (KeySeen, 1);
      seen->line = line;
      seen->values = g_string_free (values, FALSE);
      g_hash_table_insert (im->keys, key, seen);
      return TRUE;
    }
  g_free (key);
  gboolean same = g_str_equal (seen->values, values->str);
  if (!same)
    {
      /* Name the first column whose value differs. */
      g_auto (GStrv) before = g_strsplit (seen->values, "\x1f", -1);
      g_auto (GStrv) now = g_strsplit (values->str, "\x1f", -1);
      guint c = 0;
      while (c < kind->n_columns && g_str_equal (before[c], now[c]))
        c++;
      int f = im->field_of[MIN (c, kind->n_columns - 1)];
      g_autofree char *value = quote_value (fields[im->field_of[key_column]]);
      jd_import_add_problem (
          im, line, jd_import_header_text (im, im->field_of[key_column]),
          _ ("“%s” is on line %u too, with a different %s: a file may give each key "
             "only once"),
          value, seen->line, f >= 0 ? jd_import_header_text (im, f) : "");
    }
  g_string_free (values, TRUE);
  return same;
}
