/* jd-dossier.c: the help file (帮教档案) drawn on any cairo context (docs/contract.md §7b)
 *
 * The pages are laid out by jd-dossier-pager: a first pass only counts them
 * (no cairo context), so `第 N 页 共 M 页` and the table of contents are known
 * before anything is drawn; the second pass draws them in order (the PDF) or
 * one at a time (GtkPrintOperation's draw-page). Personal data is masked by
 * src/core/jd-mask.c with the workbook's rules (docs/masking.md).
 */
#include "config.h"

#include "jd-dossier-private.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "jd-date.h"
#include "jd-error.h"
#include "jd-mask.h"

JdDossier *
jd_dossier_new (JdLedger *ledger, const JdDossierOptions *options, GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  g_autoptr (GPtrArray) entries = jd_dossier_query_entries (ledger, options->scope, options->key,
                                                            options->id, jd_today (), error);
  if (entries == NULL)
    return NULL;

  JdDossier *self = g_new0 (JdDossier, 1);
  self->ledger = g_object_ref (ledger);
  self->options = *options;
  self->key = g_strdup (options->key);
  self->options.key = self->key;
  self->township = jd_ledger_dup_township (ledger);
  if (self->township == NULL)
    self->township = g_strdup ("");
  self->export_date = jd_day_to_string (jd_today ());
  self->entries = g_steal_pointer (&entries);
  self->context = jd_paper_context_new ();
  self->cached_index = G_MAXUINT;
  return self;
}

void
jd_dossier_free (JdDossier *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->ledger);
  g_free (self->key);
  g_free (self->township);
  g_free (self->export_date);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->context);
  g_free (self->first_pages);
  g_clear_pointer (&self->cached_person, jd_person_free);
  g_free (self->cached_household_village);
  g_free (self);
}

guint
jd_dossier_get_n_persons (JdDossier *self)
{
  return self->entries->len;
}

const JdDossierEntry *
jd_dossier_get_entry (JdDossier *self, guint index)
{
  g_return_val_if_fail (index < self->entries->len, NULL);
  return self->entries->pdata[index];
}

static gboolean
has_contents (JdDossier *self)
{
  return self->options.scope != JD_DOSSIER_PERSON;
}

/* ---- page furniture ---- */

/* The running head (township and person) and the foot (page N of M and the
 * export date) of page, 0-based over the whole document. */
static void
decorate (JdDossier *self, cairo_t *cr, int page, const JdDossierEntry *entry)
{
  double left = MARGIN_SIDE, width = self->width - 2 * MARGIN_SIDE;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  g_autofree char *head_left = g_strdup_printf ("%s  %s", self->township, _ ("Help File"));
  jd_paper_draw_small (self->context, cr, head_left, left, MARGIN_TOP - 30, width / 2,
                       PANGO_ALIGN_LEFT);
  if (entry)
    {
      g_autofree char *name
          = self->options.mask ? jd_mask_name (entry->name) : g_strdup (entry->name);
      g_autofree char *id
          = self->options.mask ? jd_mask_id_number (entry->id_number) : g_strdup (entry->id_number);
      g_autofree char *head_right = g_strdup_printf ("%s  %s  %s", entry->village_name, name, id);
      jd_paper_draw_small (self->context, cr, head_right, left + width / 2, MARGIN_TOP - 30,
                           width / 2, PANGO_ALIGN_RIGHT);
    }
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, left, MARGIN_TOP - 14);
  cairo_line_to (cr, left + width, MARGIN_TOP - 14);
  cairo_move_to (cr, left, self->height - MARGIN_BOTTOM + 14);
  cairo_line_to (cr, left + width, self->height - MARGIN_BOTTOM + 14);
  cairo_stroke (cr);
  g_autofree char *number = g_strdup_printf (_ ("Page %d of %d"), page + 1, self->n_pages);
  g_autofree char *date = g_strdup_printf (_ ("Exported %s"), self->export_date);
  double foot = self->height - MARGIN_BOTTOM + 20;
  jd_paper_draw_small (self->context, cr, number, left + width / 4, foot, width / 2,
                       PANGO_ALIGN_CENTER);
  jd_paper_draw_small (self->context, cr, date, left + width * 3 / 4, foot, width / 4,
                       PANGO_ALIGN_RIGHT);
  cairo_restore (cr);
}

static JdPager *
new_pager (JdDossier *self)
{
  return jd_pager_new (self->context, self->width, self->height, MARGIN_TOP, MARGIN_SIDE,
                       MARGIN_BOTTOM);
}

/* The person of entry index, loaded once for the pages drawn one by one. */
static gboolean
load_person (JdDossier *self, guint index, GError **error)
{
  if (self->cached_index == index)
    return TRUE;
  g_clear_pointer (&self->cached_person, jd_person_free);
  g_clear_pointer (&self->cached_household_village, g_free);
  self->cached_index = G_MAXUINT;
  const JdDossierEntry *entry = self->entries->pdata[index];
  self->cached_person = jd_person_load (self->ledger, entry->person_id, error);
  if (self->cached_person == NULL)
    return FALSE;
  self->cached_household_village
      = jd_dossier_query_village_name (self->ledger, self->cached_person->household_village_id);
  self->cached_index = index;
  return TRUE;
}

/* Lays out (and draws, as the pager's target says) the person of index;
 * the pages it took. */
static int
run_person (JdDossier *self, guint index, JdPager *pager)
{
  View view = {
    .self = self,
    .entry = self->entries->pdata[index],
    .person = self->cached_person,
    .household_village = self->cached_household_village,
    .scratch = g_ptr_array_new_with_free_func (g_free),
  };
  jd_dossier_layout_person (&view, pager);
  g_ptr_array_unref (view.scratch);
  return jd_pager_finish (pager);
}

void
jd_dossier_paginate_begin (JdDossier *self, double width, double height)
{
  g_return_if_fail (self != NULL);
  self->width = width;
  self->height = height;
  self->paginated = 0;
  self->counted = FALSE;
  self->n_pages = 0;
  g_free (self->first_pages);
  self->first_pages = g_new0 (int, self->entries->len);
  self->toc_pages = 0;
  if (has_contents (self))
    {
      JdPager *pager = new_pager (self);
      jd_dossier_layout_contents (self, pager);
      self->toc_pages = jd_pager_finish (pager);
      jd_pager_free (pager);
    }
  self->n_pages = self->toc_pages;
}

gboolean
jd_dossier_paginate_step (JdDossier *self, gboolean *done, GError **error)
{
  g_return_val_if_fail (self != NULL && self->first_pages != NULL, FALSE);
  if (self->paginated < self->entries->len)
    {
      guint index = self->paginated;
      if (!load_person (self, index, error))
        return FALSE;
      JdPager *pager = new_pager (self);
      self->first_pages[index] = self->n_pages;
      self->n_pages += run_person (self, index, pager);
      jd_pager_free (pager);
      self->paginated++;
    }
  self->counted = self->paginated == self->entries->len;
  *done = self->counted;
  return TRUE;
}

static gboolean
check_cancelled (GCancellable *cancellable, GError **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error (error, JD_ERROR, JD_ERROR_CANCELLED, _ ("Cancelled: no file was written"));
  return TRUE;
}

gboolean
jd_dossier_paginate (JdDossier *self,
                     double width,
                     double height,
                     JdProgressFunc progress,
                     gpointer user_data,
                     GCancellable *cancellable,
                     GError **error)
{
  jd_dossier_paginate_begin (self, width, height);
  gboolean done = FALSE;
  while (!done)
    {
      if (check_cancelled (cancellable, error) || !jd_dossier_paginate_step (self, &done, error))
        return FALSE;
      if (progress)
        progress (0.5 * self->paginated / self->entries->len, user_data);
    }
  return TRUE;
}

int
jd_dossier_get_n_pages (JdDossier *self)
{
  return self->counted ? self->n_pages : 0;
}

int
jd_dossier_get_first_page (JdDossier *self, guint index)
{
  g_return_val_if_fail (self->counted && index < self->entries->len, -1);
  return self->first_pages[index];
}

gboolean
jd_dossier_draw_page (JdDossier *self, cairo_t *cr, int page, GError **error)
{
  g_return_val_if_fail (self != NULL && cr != NULL, FALSE);
  g_return_val_if_fail (self->counted && page >= 0 && page < self->n_pages, FALSE);

  JdPager *pager = new_pager (self);
  const JdDossierEntry *entry = NULL;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (page < self->toc_pages)
    {
      jd_pager_set_target (pager, cr, page, NULL, NULL);
      jd_dossier_layout_contents (self, pager);
    }
  else
    {
      /* The last person whose first page is at most page. */
      guint lo = 0, hi = self->entries->len;
      while (hi - lo > 1)
        {
          guint mid = (lo + hi) / 2;
          if (self->first_pages[mid] <= page)
            lo = mid;
          else
            hi = mid;
        }
      if (!load_person (self, lo, error))
        {
          cairo_restore (cr);
          jd_pager_free (pager);
          return FALSE;
        }
      entry = self->entries->pdata[lo];
      jd_pager_set_target (pager, cr, page - self->first_pages[lo], NULL, NULL);
      run_person (self, lo, pager);
    }
  decorate (self, cr, page, entry);
  cairo_restore (cr);
  jd_pager_free (pager);
  return TRUE;
}

/* ---- the PDF ---- */

typedef struct
{
  JdDossier *self;
  int base; /* the document's page of the pager's first */
  const JdDossierEntry *entry;
} Pdf;

static void
pdf_page_done_cb (JdPager *pager, cairo_t *cr, int page, gpointer user_data)
{
  Pdf *pdf = user_data;
  decorate (pdf->self, cr, pdf->base + page, pdf->entry);
  cairo_show_page (cr);
}

gboolean
jd_dossier_write_pdf (JdDossier *self,
                      const char *path,
                      JdOutputFlags flags,
                      JdProgressFunc progress,
                      gpointer user_data,
                      GCancellable *cancellable,
                      GError **error)
{
  g_return_val_if_fail (self != NULL && path != NULL, FALSE);
  const char *ledger_path = jd_ledger_get_path (self->ledger);
  if (!jd_output_check (path, ledger_path, flags, error))
    return FALSE;
  if (!jd_dossier_paginate (self, JD_DOSSIER_A4_WIDTH, JD_DOSSIER_A4_HEIGHT, progress, user_data,
                            cancellable, error))
    return FALSE;

  JdPaperPdf *file = jd_paper_pdf_new (path, ledger_path, flags, self->width, self->height,
                                       _ ("Help File"), error);
  if (file == NULL)
    return FALSE;
  cairo_t *cr = jd_paper_pdf_get_cairo (file);
  Pdf pdf = { .self = self };
  gboolean ok = TRUE;

  if (self->toc_pages)
    {
      JdPager *pager = new_pager (self);
      jd_pager_set_target (pager, cr, -1, pdf_page_done_cb, &pdf);
      jd_dossier_layout_contents (self, pager);
      jd_pager_finish (pager);
      jd_pager_free (pager);
    }
  for (guint i = 0; ok && i < self->entries->len; i++)
    {
      if (check_cancelled (cancellable, error) || !load_person (self, i, error))
        {
          ok = FALSE;
          break;
        }
      pdf.base = self->first_pages[i];
      pdf.entry = self->entries->pdata[i];
      JdPager *pager = new_pager (self);
      jd_pager_set_target (pager, cr, -1, pdf_page_done_cb, &pdf);
      int pages = run_person (self, i, pager);
      jd_pager_free (pager);
      int expected = (i + 1 < self->entries->len ? self->first_pages[i + 1] : self->n_pages)
                     - self->first_pages[i];
      if (pages != expected)
        {
          g_set_error (error, JD_ERROR, JD_ERROR_IO,
                       "%s: page count changed between counting and drawing", path);
          ok = FALSE;
        }
      if (progress)
        progress (0.5 + 0.5 * (i + 1) / self->entries->len, user_data);
      /* Only one person is held at a time. */
      g_clear_pointer (&self->cached_person, jd_person_free);
      self->cached_index = G_MAXUINT;
    }
  return jd_paper_pdf_close (file, ok, error);
}

gboolean
jd_dossier_log_output (JdDossier *self, JdOutputKind kind, const char *path, GError **error)
{
  g_return_val_if_fail (self != NULL && path != NULL, FALSE);
  static const char *const scopes[] = { "person", "village", "all" };
  g_autoptr (GString) json = g_string_new ("{\"what\":\"dossier\"");
  g_string_append_printf (json, ",\"scope\":\"%s\"", scopes[self->options.scope]);
  if (self->options.year)
    g_string_append_printf (json, ",\"year\":%d", self->options.year);
  g_string_append_printf (json, ",\"persons\":%u", self->entries->len);
  g_string_append (json, "}");
  return jd_ledger_log_output (self->ledger, kind, path, json->str, self->options.mask, error);
}
