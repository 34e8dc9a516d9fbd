/* jd-import-preview.c: what an import would do, before it does it (docs/contract.md
 * §6, §8)
 *
 * The preview is the import itself run dry: every row is mapped and stored
 * inside a transaction that is rolled back, so the preview checks exactly the
 * rules the import will (jd-import.c, jd-store.c). The import tells each row's
 * outcome and problems to an observer, which keeps the rows to show and counts
 * the others, so memory holds the rows shown, not the file.
 */
#include "config.h"

#include "jd-import-preview.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jd-error.h"
#include "jd-id-number.h"
#include "jd-import-private.h"
#include "jd-ledger-private.h"
#include "jd-mask.h"
#include "jd-store.h"

/* ---- the first look ----------------------------------------------------------------- */

/* Rows looked at for the header (title rows above it): as the import does. */
#define SNIFF_ROWS 50

void
jd_import_sniff_clear (JdImportSniff *sniff)
{
  g_strfreev (sniff->sheets);
  g_free (sniff->sheet);
  g_strfreev (sniff->header);
  memset (sniff, 0, sizeof *sniff);
  sniff->kind = JD_IMPORT_INVALID;
}

gboolean
jd_import_sniff (
    const char *path, const char *sheet, guint header_row, JdImportSniff *sniff, GError **error)
{
  g_return_val_if_fail (path != NULL && sniff != NULL, FALSE);
  memset (sniff, 0, sizeof *sniff);
  sniff->kind = JD_IMPORT_INVALID;

  g_autoptr (JdTableSource) source = jd_table_source_open (path, NULL, error);
  if (source == NULL || !jd_table_source_select_sheet (source, sheet, error))
    return FALSE;
  sniff->format = jd_table_source_get_format (source);
  const char *const *sheets = jd_table_source_get_sheets (source);
  if (sheets && sheets[0])
    sniff->sheets = g_strdupv ((char **)sheets);
  sniff->sheet = g_strdup (jd_table_source_get_sheet (source));

  char **cells = NULL;
  JdTableCell *kinds = NULL;
  guint row = 0, seen = 0;
  g_auto (GStrv) first = NULL;
  guint first_row = 0;
  g_autoptr (GError) read_error = NULL;
  while (seen < SNIFF_ROWS && jd_table_source_next (source, &cells, &kinds, &row, &read_error))
    {
      g_free (kinds);
      gboolean blank = TRUE;
      for (char **c = cells; *c; c++)
        {
          jd_import_clean_value (*c);
          g_strstrip (*c);
          blank = blank && **c == '\0';
        }
      if (blank && header_row != row)
        {
          g_strfreev (cells);
          continue;
        }
      seen++;
      guint score = 0;
      JdImportKind kind = jd_import_guess_kind (cells, &score);
      if (header_row == row || (header_row == 0 && score > 0))
        {
          sniff->header_row = row;
          sniff->header = cells;
          sniff->kind = kind;
          return TRUE;
        }
      if (first == NULL && header_row == 0)
        first = cells, first_row = row;
      else
        g_strfreev (cells);
      if (header_row > 0 && row > header_row)
        break;
    }
  if (read_error)
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      jd_import_sniff_clear (sniff);
      return FALSE;
    }
  /* No row names the columns of a kind: the first one stands for the header,
   * for the user to match by hand. */
  sniff->header_row = first ? first_row : header_row;
  sniff->header = first ? g_steal_pointer (&first) : g_new0 (char *, 1);
  return TRUE;
}

char **
jd_import_match_header (JdImportKind kind, char **header)
{
  g_return_val_if_fail (kind >= 0 && kind < JD_IMPORT_N_KINDS && header, NULL);
  guint n = g_strv_length (header);
  char **keys = g_new0 (char *, n + 1);
  gboolean taken[32] = { FALSE };
  for (guint i = 0; i < n; i++)
    {
      int c = jd_import_match_heading (kind, header[i]);
      /* A second heading for the same column is passed over: the first one counts. */
      keys[i] = g_strdup (c >= 0 && !taken[c] ? jd_import_column_key (kind, (guint)c) : "");
      if (c >= 0)
        taken[c] = TRUE;
    }
  return keys;
}

/* ---- look-alikes ------------------------------------------------------------------- */

/* The check digit of GB 11643 catches every one-digit slip and every swap of
 * two digits, so a look-alike is judged on the first 17 digits: an ID number
 * whose check digit was worked out from a mistyped number (as some registers'
 * systems do), or one the import refuses as invalid, still shows whom it
 * looks like. An ID number with one of the 17 left out is one number: the
 * position times 10^16 plus the other 16 digits; two numbers one digit apart
 * share the key of that position. */
#define BODY 17
#define BASE_16 G_GUINT64_CONSTANT (10000000000000000) /* 10^16 */

typedef struct
{
  guint64 key;
  guint person; /* index in persons */
} Variant;

typedef struct
{
  char *id_number;
  char *name;
} Known;

struct _JdLookalikes
{
  GArray *persons;      /* Known */
  GHashTable *by_id;    /* ID number → index + 1 */
  GHashTable *by_body;  /* the first 17 digits → index + 1 */
  GHashTable *by_birth; /* "name\x1fbirth day" → index + 1 */
  GArray *variants;     /* Variant, by key */
};

static gboolean
is_full_id (const char *id)
{
  if (strlen (id) != 18)
    return FALSE;
  for (int i = 0; i < BODY; i++)
    if (!g_ascii_isdigit (id[i]))
      return FALSE;
  return TRUE;
}

static guint64
variant_key (const char *id, int left_out)
{
  guint64 key = 0;
  for (int i = 0; i < BODY; i++)
    if (i != left_out)
      key = key * 10 + (guint64)(id[i] - '0');
  return (guint64)left_out * BASE_16 + key;
}

static int
compare_variants (gconstpointer a, gconstpointer b)
{
  const Variant *va = a, *vb = b;
  return (va->key > vb->key) - (va->key < vb->key);
}

static char *
birth_key (const char *name, const char *id)
{
  JdDay birth = jd_id_number_birth_date (id);
  return birth && name && *name ? g_strdup_printf ("%s\x1f%u", name, birth) : NULL;
}

static void
known_clear (gpointer data)
{
  Known *known = data;
  g_free (known->id_number);
  g_free (known->name);
}

void
jd_lookalikes_free (JdLookalikes *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->persons);
  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->by_body);
  g_hash_table_unref (self->by_birth);
  g_array_unref (self->variants);
  g_free (self);
}

JdLookalikes *
jd_lookalikes_new (JdLedger *ledger, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  sqlite3_stmt *stmt = jd_ledger_prepare (ledger, "SELECT id_number, name FROM person", error);
  if (stmt == NULL)
    return NULL;
  JdLookalikes *self = g_new0 (JdLookalikes, 1);
  self->persons = g_array_new (FALSE, FALSE, sizeof (Known));
  g_array_set_clear_func (self->persons, known_clear);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_body = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->by_birth = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->variants = g_array_new (FALSE, FALSE, sizeof (Variant));
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Known known = { jd_column_dup (stmt, 0), jd_column_dup (stmt, 1) };
      if (known.id_number == NULL)
        {
          known_clear (&known);
          continue;
        }
      g_array_append_val (self->persons, known);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      jd_ledger_set_error (ledger, error);
      jd_lookalikes_free (self);
      return NULL;
    }
  for (guint i = 0; i < self->persons->len; i++)
    {
      Known *known = &g_array_index (self->persons, Known, i);
      g_hash_table_insert (self->by_id, known->id_number, GUINT_TO_POINTER (i + 1));
      char *key = birth_key (known->name, known->id_number);
      if (key)
        g_hash_table_insert (self->by_birth, key, GUINT_TO_POINTER (i + 1));
      if (!is_full_id (known->id_number))
        continue;
      g_hash_table_insert (self->by_body, g_strndup (known->id_number, BODY),
                           GUINT_TO_POINTER (i + 1));
      for (int p = 0; p < BODY; p++)
        {
          Variant v = { variant_key (known->id_number, p), i };
          g_array_append_val (self->variants, v);
        }
    }
  g_array_sort (self->variants, compare_variants);
  return self;
}

/* The person in the ledger whose ID number is id with one character changed, or -1. */
static int
find_one_digit_away (JdLookalikes *self, const char *id)
{
  for (int p = 0; p < BODY; p++)
    {
      guint64 key = variant_key (id, p);
      guint lo = 0, hi = self->variants->len;
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;
          if (g_array_index (self->variants, Variant, mid).key < key)
            lo = mid + 1;
          else
            hi = mid;
        }
      for (; lo < self->variants->len && g_array_index (self->variants, Variant, lo).key == key;
           lo++)
        {
          guint person = g_array_index (self->variants, Variant, lo).person;
          if (!g_str_equal (g_array_index (self->persons, Known, person).id_number, id))
            return (int)person;
        }
    }
  return -1;
}

char *
jd_lookalikes_find (JdLookalikes *self, const char *id_number, const char *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_autofree char *id = jd_id_number_normalize (id_number ? id_number : "");
  const char *why = NULL;
  int person = -1;

  if (g_hash_table_contains (self->by_id, id))
    return NULL; /* the same person: an update */

  g_autofree char *key = birth_key (name, id);
  gpointer hit = key ? g_hash_table_lookup (self->by_birth, key) : NULL;
  if (hit)
    {
      person = GPOINTER_TO_INT (hit) - 1;
      why = _ ("the same name and birth date");
    }
  if (person < 0 && is_full_id (id))
    {
      person = find_one_digit_away (self, id);
      if (person >= 0)
        why = _ ("an ID number one digit away");
    }
  if (person < 0 && is_full_id (id))
    for (int i = 0; i + 1 < BODY && person < 0; i++)
      {
        if (id[i] == id[i + 1])
          continue;
        char swapped[BODY + 1];
        memcpy (swapped, id, BODY);
        swapped[BODY] = '\0';
        swapped[i] = id[i + 1];
        swapped[i + 1] = id[i];
        hit = g_hash_table_lookup (self->by_body, swapped);
        if (hit)
          {
            person = GPOINTER_TO_INT (hit) - 1;
            why = _ ("an ID number with two digits swapped");
          }
      }
  if (person < 0)
    return NULL;
  Known *known = &g_array_index (self->persons, Known, person);
  g_autofree char *masked = jd_mask_id_number (known->id_number);
  /* TRANSLATORS: "looks like 张三 (110101********1234), already in the ledger: an ID
   * number one digit away" */
  return g_strdup_printf (_ ("looks like %s (%s), already in the ledger: %s"),
                          known->name ? known->name : "", masked, why);
}

/* ---- the preview -------------------------------------------------------------------- */

typedef struct
{
  guint line;
  int field;
  char *reason;
} Pending;

typedef struct
{
  JdImportPreview *preview;
  guint max_rows;
  guint header_row;
  guint n_header;
  int id_field, name_field; /* persons: where the ID number and the name are */
  JdLookalikes *lookalikes;
  GArray *pending; /* Pending: the problems of the row to come */
  guint kept_extra;
} Watch;

static void
pending_clear (gpointer data)
{
  g_free (((Pending *)data)->reason);
}

static void
row_free (gpointer data)
{
  JdPreviewRow *row = data;
  guint n = g_strv_length (row->cells);
  for (guint i = 0; i < n; i++)
    g_free (row->problems[i]);
  g_free (row->problems);
  g_strfreev (row->cells);
  g_free (row->row_problem);
  g_strfreev (row->changed);
  g_free (row->duplicate);
  g_free (row);
}

void
jd_import_preview_free (JdImportPreview *preview)
{
  if (preview == NULL)
    return;
  g_strfreev (preview->header);
  g_ptr_array_unref (preview->rows);
  g_ptr_array_unref (preview->file_problems);
  g_free (preview);
}

gboolean
jd_import_preview_is_clean (const JdImportPreview *preview)
{
  g_return_val_if_fail (preview != NULL, FALSE);
  return preview->file_problems->len == 0 && preview->n_problem_rows == 0 && preview->n_rows > 0;
}

static void
watch_header_cb (guint line, char **header, const char *const *keys, gpointer user_data)
{
  Watch *w = user_data;
  w->header_row = line;
  w->n_header = g_strv_length (header);
  g_strfreev (w->preview->header);
  w->preview->header = g_strdupv (header);
  for (guint i = 0; i < w->n_header; i++)
    {
      if (g_strcmp0 (keys[i], "id_number") == 0)
        w->id_field = (int)i;
      if (g_strcmp0 (keys[i], "name") == 0)
        w->name_field = (int)i;
    }
}

static void
add_file_problem (Watch *w, guint line, const char *reason)
{
  if (w->preview->file_problems->len >= JD_IMPORT_MAX_PROBLEMS)
    return;
  g_ptr_array_add (w->preview->file_problems,
                   line ? g_strdup_printf (_ ("row %u: %s"), line, reason) : g_strdup (reason));
}

static void
watch_problem_cb (guint line, int field, const char *reason, gpointer user_data)
{
  Watch *w = user_data;
  if (line == 0 || w->preview->header == NULL || line == w->header_row)
    {
      add_file_problem (w, line, reason);
      return;
    }
  Pending p = { line, field, g_strdup (reason) };
  g_array_append_val (w->pending, p);
}

/* Whether the row with these problems and flags is kept for the preview. */
static gboolean
keep_row (Watch *w, gboolean notable)
{
  if (w->preview->rows->len < w->max_rows)
    return TRUE;
  if (notable && w->kept_extra < w->max_rows)
    {
      w->kept_extra++;
      return TRUE;
    }
  return FALSE;
}

static void
watch_row_cb (guint line, char **fields, int result, const char *const *changed, gpointer user_data)
{
  Watch *w = user_data;
  JdImportPreview *preview = w->preview;
  guint n_fields = g_strv_length (fields);
  gboolean problem = result == JD_STORE_FAILED;
  g_autofree char *duplicate = NULL;

  for (guint i = 0; i < w->pending->len; i++)
    problem = problem || g_array_index (w->pending, Pending, i).line == line;

  preview->n_rows++;
  if (problem)
    preview->n_problem_rows++;
  else if (result == JD_STORE_UPDATED)
    preview->n_updated++;
  else if (result == JD_STORE_UNCHANGED)
    preview->n_unchanged++;
  else
    preview->n_new++;

  /* A new person, or one the import refuses (a mistyped ID number): whom
   * they look like helps to put it right. */
  if ((problem || result == JD_STORE_ADDED) && w->lookalikes && w->id_field >= 0
      && (guint)w->id_field < n_fields)
    duplicate = jd_lookalikes_find (
        w->lookalikes, fields[w->id_field],
        w->name_field >= 0 && (guint)w->name_field < n_fields ? fields[w->name_field] : NULL);
  if (duplicate)
    preview->n_duplicates++;

  if (keep_row (w, problem || duplicate))
    {
      JdPreviewRow *row = g_new0 (JdPreviewRow, 1);
      guint n = MAX (w->n_header, n_fields);
      row->line = line;
      row->cells = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        row->cells[i] = g_strdup (i < n_fields ? fields[i] : "");
      row->problems = g_new0 (char *, n + 1);
      for (guint i = 0; i < w->pending->len; i++)
        {
          Pending *p = &g_array_index (w->pending, Pending, i);
          char **slot = p->line != line                        ? NULL
                        : p->field >= 0 && (guint)p->field < n ? &row->problems[p->field]
                                                               : &row->row_problem;
          if (slot == NULL)
            continue;
          char *joined = *slot ? g_strconcat (*slot, "\n", p->reason, NULL) : g_strdup (p->reason);
          g_free (*slot);
          *slot = joined;
        }
      gboolean told = row->row_problem != NULL;
      for (guint i = 0; i < n; i++)
        told = told || row->problems[i] != NULL;
      if (problem && !told)
        row->row_problem = g_strdup (_ ("the row cannot be stored"));
      row->state = problem                        ? JD_PREVIEW_PROBLEM
                   : result == JD_STORE_UPDATED   ? JD_PREVIEW_UPDATE
                   : result == JD_STORE_UNCHANGED ? JD_PREVIEW_UNCHANGED
                                                  : JD_PREVIEW_NEW;
      if (row->state == JD_PREVIEW_UPDATE)
        row->changed = g_strdupv ((char **)changed);
      row->duplicate = g_steal_pointer (&duplicate);
      g_ptr_array_add (preview->rows, row);
    }

  /* Problems of other lines (a sorted kind's) stay for their rows. */
  for (guint i = w->pending->len; i-- > 0;)
    if (g_array_index (w->pending, Pending, i).line == line)
      g_array_remove_index (w->pending, i);
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  const JdPreviewRow *ra = *(JdPreviewRow *const *)a, *rb = *(JdPreviewRow *const *)b;
  return (ra->line > rb->line) - (ra->line < rb->line);
}

JdImportPreview *
jd_import_preview (JdLedger *ledger,
                   JdImportKind kind,
                   const char *path,
                   const JdImportOptions *options,
                   guint max_rows,
                   JdProgressFunc progress,
                   gpointer user_data,
                   GCancellable *cancellable,
                   GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (kind >= 0 && kind < JD_IMPORT_N_KINDS, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  g_autoptr (JdImportPreview) preview = g_new0 (JdImportPreview, 1);
  preview->kind = kind;
  preview->rows = g_ptr_array_new_with_free_func (row_free);
  preview->file_problems = g_ptr_array_new_with_free_func (g_free);

  g_autoptr (JdLookalikes) lookalikes = NULL;
  if (kind == JD_IMPORT_PERSONS)
    {
      lookalikes = jd_lookalikes_new (ledger, error);
      if (lookalikes == NULL)
        return NULL;
    }
  g_autoptr (GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  g_array_set_clear_func (pending, pending_clear);
  Watch watch = { .preview = preview,
                  .max_rows = max_rows,
                  .id_field = -1,
                  .name_field = -1,
                  .lookalikes = lookalikes,
                  .pending = pending };
  JdImportObserver observer = { watch_header_cb, watch_problem_cb, watch_row_cb, &watch };
  JdImportOptions dry = options ? *options : (JdImportOptions){ 0 };
  dry.dry_run = TRUE;
  dry.observer = &observer;

  g_auto (JdImportReport) report = { 0 };
  g_autoptr (GError) import_error = NULL;
  if (!jd_import_file_with_options (ledger, kind, path, &dry, &report, progress, user_data,
                                    cancellable, &import_error)
      && !g_error_matches (import_error, JD_ERROR, JD_ERROR_INVALID))
    {
      g_propagate_error (error, g_steal_pointer (&import_error));
      return NULL;
    }
  /* What the file gave besides its rows' problems (a read error at its end). */
  for (guint i = 0; i < pending->len; i++)
    {
      Pending *p = &g_array_index (pending, Pending, i);
      add_file_problem (&watch, p->line, p->reason);
    }
  if (preview->header == NULL)
    preview->header = g_new0 (char *, 1);
  /* Statuses and moves are stored in date order: shown in the file's. */
  g_ptr_array_sort (preview->rows, compare_lines);
  return g_steal_pointer (&preview);
}
