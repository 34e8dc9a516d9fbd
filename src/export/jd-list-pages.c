/* jd-list-pages.c: a list of the window printed as the workbook lays it out
 * (docs/contract.md §7) */
#include "config.h"

#include "jd-list-pages.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "jd-date.h"
#include "jd-dossier-pager.h"
#include "jd-error.h"
#include "jd-paper.h"

#define MARGIN_TOP 42.0
#define MARGIN_SIDE 36.0
#define MARGIN_BOTTOM 48.0
#define TITLE_FONT JD_PAPER_FONT_FAMILY " Bold 16"
#define ROWS_PER_STEP 200
/* Column widths in units of a digit (a Chinese character is two), as the workbook measures. */
#define MIN_UNITS 4.0
#define MAX_TEXT_UNITS 24.0
#define MAX_WRAP_UNITS 48.0

typedef struct
{
  guint row; /* the last row begun on the page; G_MAXUINT: none */
  double y;  /* where the pager stood before it */
} Mark;

struct _JdListPages
{
  char *title;
  char *office;
  char *date;
  JdColumn *columns;
  JdPagerColumn *page_columns;
  guint n_columns;
  double *units;   /* the widest cell of each column */
  GPtrArray *rows; /* GStrv of n_columns texts */
  PangoContext *context;

  double width, height;
  JdPager *pager; /* while counting */
  JdPagerTable *table;
  guint counted_rows;
  gboolean counted;
  int n_pages;
  GArray *marks; /* Mark, per page */
};

static double
measure (const char *text)
{
  double width = 0, line = 0;
  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '\n')
        {
          width = MAX (width, line);
          line = 0;
        }
      else
        line += g_unichar_iswide (c) || g_unichar_iswide_cjk (c) ? 2 : 1;
    }
  return MAX (width, line);
}

static double
max_units (JdColumnKind kind)
{
  switch (kind)
    {
      case JD_COLUMN_WRAP:
      case JD_COLUMN_NAMES:
        return MAX_WRAP_UNITS;
      default:
        return MAX_TEXT_UNITS;
    }
}

static PangoAlignment
column_align (JdColumnKind kind)
{
  switch (kind)
    {
      case JD_COLUMN_SERIAL:
      case JD_COLUMN_CENTER:
      case JD_COLUMN_DAY:
        return PANGO_ALIGN_CENTER;
      case JD_COLUMN_COUNT:
      case JD_COLUMN_RATIO:
        return PANGO_ALIGN_RIGHT;
      default:
        return PANGO_ALIGN_LEFT;
    }
}

JdListPages *
jd_list_pages_new (const char *title, const char *office, const JdColumn *columns, guint n_columns)
{
  g_return_val_if_fail (columns != NULL && n_columns > 0, NULL);
  JdListPages *self = g_new0 (JdListPages, 1);
  self->title = g_strdup (title ? title : "");
  self->office = g_strdup (office ? office : "");
  self->date = jd_day_to_string (jd_today ());
  self->columns = g_memdup2 (columns, sizeof (JdColumn) * n_columns);
  self->page_columns = g_new0 (JdPagerColumn, n_columns);
  self->n_columns = n_columns;
  self->units = g_new0 (double, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      self->units[i] = MAX (measure (columns[i].header), MIN_UNITS);
      self->page_columns[i].title = columns[i].header;
      self->page_columns[i].align = column_align (columns[i].kind);
    }
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  self->context = jd_paper_context_new ();
  self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  return self;
}

static void
stop_counting (JdListPages *self)
{
  g_clear_pointer (&self->table, jd_pager_table_end);
  g_clear_pointer (&self->pager, jd_pager_free);
}

void
jd_list_pages_free (JdListPages *self)
{
  if (self == NULL)
    return;
  stop_counting (self);
  g_free (self->title);
  g_free (self->office);
  g_free (self->date);
  g_free (self->columns);
  g_free (self->page_columns);
  g_free (self->units);
  g_ptr_array_unref (self->rows);
  g_object_unref (self->context);
  g_array_unref (self->marks);
  g_free (self);
}

gboolean
jd_list_pages_add_row_cb (const JdCell *cells, guint n_cells, gpointer user_data, GError **error)
{
  JdListPages *self = user_data;
  g_return_val_if_fail (n_cells == self->n_columns, FALSE);
  char **row = g_new0 (char *, n_cells + 1);
  for (guint i = 0; i < n_cells; i++)
    {
      row[i] = jd_cell_to_text (&cells[i]);
      self->units[i]
          = MAX (self->units[i], MIN (measure (row[i]), max_units (self->columns[i].kind)));
    }
  g_ptr_array_add (self->rows, row);
  return TRUE;
}

guint
jd_list_pages_get_n_rows (JdListPages *self)
{
  return self->rows->len;
}

static JdPager *
new_pager (JdListPages *self)
{
  return jd_pager_new (self->context, self->width, self->height, MARGIN_TOP, MARGIN_SIDE,
                       MARGIN_BOTTOM);
}

/* The title and the office line, as the workbook's first two rows. */
static void
layout_head (JdListPages *self, JdPager *pager)
{
  jd_pager_text (pager, self->title, TITLE_FONT, PANGO_ALIGN_CENTER);
  jd_pager_space (pager, 4);
  double y = jd_pager_get_y (pager);
  if (jd_pager_is_drawing (pager))
    {
      cairo_t *cr = jd_pager_get_cairo (pager);
      double left = jd_pager_get_left (pager), width = jd_pager_get_text_width (pager);
      g_autofree char *office = g_strconcat ("填报单位：", self->office, NULL);
      g_autofree char *date = g_strconcat ("导出日期：", self->date, NULL);
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      jd_paper_draw_small (self->context, cr, office, left, y, width / 2, PANGO_ALIGN_LEFT);
      jd_paper_draw_small (self->context, cr, date, left + width / 2, y, width / 2,
                           PANGO_ALIGN_RIGHT);
      cairo_restore (cr);
    }
  jd_pager_move_to (pager, y + 16);
}

void
jd_list_pages_paginate_begin (JdListPages *self, double width, double height)
{
  g_return_if_fail (self != NULL);
  stop_counting (self);
  self->width = width;
  self->height = height;
  self->counted = FALSE;
  self->counted_rows = 0;
  self->n_pages = 0;
  g_array_set_size (self->marks, 0);

  double total = 0;
  for (guint i = 0; i < self->n_columns; i++)
    total += self->units[i];
  for (guint i = 0; i < self->n_columns; i++)
    self->page_columns[i].width = self->units[i] / total;

  self->pager = new_pager (self);
  layout_head (self, self->pager);
  self->table = jd_pager_table_begin (self->pager, self->page_columns, self->n_columns, TRUE);
}

static void
mark (JdListPages *self, JdPager *pager, guint row)
{
  int page = jd_pager_get_page (pager);
  Mark none = { G_MAXUINT, 0 };
  while ((int)self->marks->len <= page)
    g_array_append_val (self->marks, none);
  Mark *m = &g_array_index (self->marks, Mark, page);
  m->row = row;
  m->y = jd_pager_get_y (pager);
}

gboolean
jd_list_pages_paginate_step (JdListPages *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  if (self->counted)
    return TRUE;
  g_return_val_if_fail (self->pager != NULL, TRUE);
  guint end = MIN (self->counted_rows + ROWS_PER_STEP, self->rows->len);
  for (; self->counted_rows < end; self->counted_rows++)
    {
      mark (self, self->pager, self->counted_rows);
      jd_pager_table_row (self->table, self->rows->pdata[self->counted_rows]);
    }
  if (self->counted_rows < self->rows->len)
    return FALSE;
  g_clear_pointer (&self->table, jd_pager_table_end);
  self->n_pages = jd_pager_finish (self->pager);
  g_clear_pointer (&self->pager, jd_pager_free);
  self->counted = TRUE;
  return TRUE;
}

double
jd_list_pages_get_fraction (JdListPages *self)
{
  return self->rows->len ? (double)self->counted_rows / self->rows->len : 1.0;
}

int
jd_list_pages_get_n_pages (JdListPages *self)
{
  return self->counted ? self->n_pages : 0;
}

/* `第 N 页 共 M 页`, as the workbook's footer. */
static void
decorate (JdListPages *self, cairo_t *cr, int page)
{
  g_autofree char *number = g_strdup_printf ("第 %d 页 共 %d 页", page + 1, self->n_pages);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  jd_paper_draw_small (self->context, cr, number, MARGIN_SIDE, self->height - MARGIN_BOTTOM + 14,
                       self->width - 2 * MARGIN_SIDE, PANGO_ALIGN_CENTER);
  cairo_restore (cr);
}

void
jd_list_pages_draw_page (JdListPages *self, cairo_t *cr, int page)
{
  g_return_if_fail (self != NULL && cr != NULL);
  g_return_if_fail (self->counted && page >= 0 && page < self->n_pages);

  /* From the last row begun on an earlier page (its header drawn there), or
   * from the title: the same steps as counting took, drawing only page. */
  const Mark *from = NULL;
  for (int q = MIN (page, (int)self->marks->len) - 1; q >= 0 && from == NULL; q--)
    {
      const Mark *m = &g_array_index (self->marks, Mark, q);
      if (m->row != G_MAXUINT && m->row > 0)
        from = m;
      else if (m->row == 0)
        break;
    }
  JdPager *pager = new_pager (self);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  jd_pager_set_target (pager, cr, page, NULL, NULL);
  JdPagerTable *table;
  guint row = 0;
  if (from)
    {
      jd_pager_restore (pager, (int)(from - (const Mark *)self->marks->data), from->y);
      table = jd_pager_table_begin (pager, self->page_columns, self->n_columns, TRUE);
      jd_pager_table_resume (table);
      row = from->row;
    }
  else
    {
      layout_head (self, pager);
      table = jd_pager_table_begin (pager, self->page_columns, self->n_columns, TRUE);
    }
  for (; row < self->rows->len && !jd_pager_is_done (pager); row++)
    jd_pager_table_row (table, self->rows->pdata[row]);
  jd_pager_table_end (table);
  jd_pager_free (pager);
  cairo_restore (cr);
  decorate (self, cr, page);
}

gboolean
jd_list_pages_write_pdf (JdListPages *self,
                         const char *path,
                         const char *ledger_path,
                         JdOutputFlags flags,
                         GCancellable *cancellable,
                         GError **error)
{
  g_return_val_if_fail (self != NULL && path != NULL, FALSE);
  if (!jd_output_check (path, ledger_path, flags, error))
    return FALSE;
  jd_list_pages_paginate_begin (self, JD_PAPER_A4_LONG, JD_PAPER_A4_SHORT);
  while (!jd_list_pages_paginate_step (self))
    ;
  JdPaperPdf *file
      = jd_paper_pdf_new (path, ledger_path, flags, self->width, self->height, self->title, error);
  if (file == NULL)
    return FALSE;
  cairo_t *cr = jd_paper_pdf_get_cairo (file);
  gboolean ok = TRUE;
  for (int page = 0; ok && page < self->n_pages; page++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, JD_ERROR, JD_ERROR_CANCELLED, _ ("Cancelled: no file was written"));
          ok = FALSE;
          break;
        }
      jd_list_pages_draw_page (self, cr, page);
      cairo_show_page (cr);
    }
  return jd_paper_pdf_close (file, ok, error);
}
