/* jd-dossier-pager.c: text and tables flowed onto pages (docs/contract.md §7b)
 *
 * Every line of text is placed alone (pango_cairo_show_layout_line ()), so a
 * cell split between pages shows each of its lines exactly once: nothing is
 * clipped away, and a PDF reader finds each line once.
 */
#include "config.h"

#include "jd-dossier-pager.h"

#include <pango/pangocairo.h>

#define CELL_PAD 3.0   /* points inside a cell's border */
#define RULE_WIDTH 0.6 /* a table's lines */
#define BODY_FONT "Noto Sans CJK SC 9.5"
#define HEADER_FONT "Noto Sans CJK SC Bold 9.5"

struct _JdPager
{
  PangoContext *context;
  double width, height;
  double top, left, right, bottom;
  double line_height; /* one line of the body font */

  cairo_t *cr;
  int only_page;
  JdPagerPageFunc page_done;
  gpointer user_data;

  int page;
  double y;
};

typedef struct
{
  double top, bottom; /* points, in the layout */
  double baseline;
  double x;
} LineBox;

typedef struct
{
  PangoLayout *layout;
  GArray *lines; /* LineBox */
  guint next;    /* the first line not placed yet */
  guint end;     /* the end of the lines placed in this piece */
} Cell;

struct _JdPagerTable
{
  JdPager *pager;
  JdPagerColumn *columns;
  guint n_columns;
  gboolean show_header;
  Cell *header;
  double header_height;
  int header_page; /* the page the header was last drawn on; -1: none */
};

JdPager *
jd_pager_new (PangoContext *context,
              double width,
              double height,
              double margin_top,
              double margin_side,
              double margin_bottom)
{
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  JdPager *self = g_new0 (JdPager, 1);
  self->context = g_object_ref (context);
  self->width = width;
  self->height = height;
  self->top = margin_top;
  self->left = margin_side;
  self->right = width - margin_side;
  self->bottom = height - margin_bottom;
  self->only_page = -1;
  self->y = self->top;

  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (BODY_FONT);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "国Ag", -1);
  PangoRectangle logical;
  pango_layout_get_extents (layout, NULL, &logical);
  self->line_height = pango_units_to_double (logical.height);
  pango_font_description_free (font);
  g_object_unref (layout);
  return self;
}

void
jd_pager_free (JdPager *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->context);
  g_free (self);
}

void
jd_pager_set_target (
    JdPager *self, cairo_t *cr, int only_page, JdPagerPageFunc page_done, gpointer user_data)
{
  self->cr = cr;
  self->only_page = only_page;
  self->page_done = page_done;
  self->user_data = user_data;
}

int
jd_pager_get_page (JdPager *self)
{
  return self->page;
}

double
jd_pager_get_y (JdPager *self)
{
  return self->y;
}

gboolean
jd_pager_is_done (JdPager *self)
{
  return self->only_page >= 0 && self->page > self->only_page;
}

gboolean
jd_pager_is_drawing (JdPager *self)
{
  return self->cr && (self->only_page < 0 || self->page == self->only_page);
}

cairo_t *
jd_pager_get_cairo (JdPager *self)
{
  return self->cr;
}

double
jd_pager_get_text_width (JdPager *self)
{
  return self->right - self->left;
}

double
jd_pager_get_left (JdPager *self)
{
  return self->left;
}

static gboolean
at_top (JdPager *self)
{
  return self->y <= self->top + 0.01;
}

void
jd_pager_break (JdPager *self, gboolean always)
{
  if (!always && at_top (self))
    return;
  if (jd_pager_is_drawing (self) && self->page_done)
    self->page_done (self, self->cr, self->page, self->user_data);
  self->page++;
  self->y = self->top;
}

int
jd_pager_finish (JdPager *self)
{
  if (jd_pager_is_drawing (self) && self->page_done)
    self->page_done (self, self->cr, self->page, self->user_data);
  return self->page + 1;
}

void
jd_pager_space (JdPager *self, double points)
{
  if (!at_top (self))
    self->y = MIN (self->y + points, self->bottom);
}

void
jd_pager_ensure (JdPager *self, double points)
{
  if (self->y + points > self->bottom)
    jd_pager_break (self, FALSE);
}

void
jd_pager_move_to (JdPager *self, double y)
{
  self->y = y;
}

void
jd_pager_restore (JdPager *self, int page, double y)
{
  self->page = page;
  self->y = y;
}

/* ---- cells: a layout and the boxes of its lines ---- */

static void
cell_init (JdPager *self,
           Cell *cell,
           const char *text,
           const char *font_name,
           double width,
           PangoAlignment align)
{
  cell->layout = pango_layout_new (self->context);
  PangoFontDescription *font = pango_font_description_from_string (font_name);
  pango_layout_set_font_description (cell->layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (cell->layout, pango_units_from_double (MAX (width, 1.0)));
  pango_layout_set_wrap (cell->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (cell->layout, align);
  pango_layout_set_text (cell->layout, text ? text : "", -1);

  cell->lines = g_array_new (FALSE, FALSE, sizeof (LineBox));
  PangoLayoutIter *iter = pango_layout_get_iter (cell->layout);
  do
    {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      LineBox box = {
        .top = pango_units_to_double (logical.y),
        .bottom = pango_units_to_double (logical.y + logical.height),
        .baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter)),
        .x = pango_units_to_double (logical.x),
      };
      g_array_append_val (cell->lines, box);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  cell->next = 0;
  cell->end = 0;
}

static void
cell_clear (Cell *cell)
{
  g_clear_object (&cell->layout);
  g_clear_pointer (&cell->lines, g_array_unref);
}

static double
cell_remaining (const Cell *cell)
{
  if (cell->next >= cell->lines->len)
    return 0;
  const LineBox *first = &g_array_index (cell->lines, LineBox, cell->next);
  const LineBox *last = &g_array_index (cell->lines, LineBox, cell->lines->len - 1);
  return last->bottom - first->top;
}

/* How many more lines fit in height: sets cell->end; the height they take. */
static double
cell_fit (Cell *cell, double height)
{
  cell->end = cell->next;
  if (cell->next >= cell->lines->len)
    return 0;
  double top = g_array_index (cell->lines, LineBox, cell->next).top;
  double used = 0;
  while (cell->end < cell->lines->len)
    {
      double bottom = g_array_index (cell->lines, LineBox, cell->end).bottom - top;
      if (bottom > height + 0.001)
        break;
      used = bottom;
      cell->end++;
    }
  return used;
}

/* Draws the lines next … end - 1 with the first one's top at (x, y). */
static void
cell_draw (Cell *cell, cairo_t *cr, double x, double y)
{
  if (cell->next >= cell->end)
    return;
  double top = g_array_index (cell->lines, LineBox, cell->next).top;
  for (guint i = cell->next; i < cell->end; i++)
    {
      const LineBox *box = &g_array_index (cell->lines, LineBox, i);
      PangoLayoutLine *line = pango_layout_get_line_readonly (cell->layout, (int)i);
      cairo_move_to (cr, x + box->x, y + box->baseline - top);
      pango_cairo_show_layout_line (cr, line);
    }
}

/* ---- text ---- */

void
jd_pager_text (JdPager *self, const char *text, const char *font, PangoAlignment align)
{
  if (jd_pager_is_done (self))
    return;
  Cell cell;
  cell_init (self, &cell, text, font ? font : BODY_FONT, jd_pager_get_text_width (self), align);
  while (cell.next < cell.lines->len && !jd_pager_is_done (self))
    {
      double used = cell_fit (&cell, self->bottom - self->y);
      if (cell.end == cell.next)
        {
          if (at_top (self)) /* a line taller than a page: placed anyway */
            {
              cell.end = cell.next + 1;
              used = g_array_index (cell.lines, LineBox, cell.next).bottom
                     - g_array_index (cell.lines, LineBox, cell.next).top;
            }
          else
            {
              jd_pager_break (self, FALSE);
              continue;
            }
        }
      if (jd_pager_is_drawing (self))
        {
          cairo_set_source_rgb (self->cr, 0, 0, 0);
          cell_draw (&cell, self->cr, self->left, self->y);
        }
      self->y += used;
      cell.next = cell.end;
    }
  cell_clear (&cell);
}

void
jd_pager_heading (JdPager *self, const char *text, const char *font, guint keep_lines)
{
  /* The heading itself is about two body lines; what follows it comes along. */
  jd_pager_ensure (self, self->line_height * (2 + keep_lines) + 4 * CELL_PAD);
  jd_pager_text (self, text, font, PANGO_ALIGN_LEFT);
}

/* ---- tables ---- */

JdPagerTable *
jd_pager_table_begin (JdPager *self,
                      const JdPagerColumn *columns,
                      guint n_columns,
                      gboolean show_header)
{
  g_return_val_if_fail (n_columns > 0, NULL);
  JdPagerTable *table = g_new0 (JdPagerTable, 1);
  table->pager = self;
  table->columns = g_memdup2 (columns, sizeof (JdPagerColumn) * n_columns);
  table->n_columns = n_columns;
  table->show_header = show_header;
  table->header_page = -1;
  if (show_header)
    {
      double text_width = jd_pager_get_text_width (self);
      table->header = g_new0 (Cell, n_columns);
      for (guint i = 0; i < n_columns; i++)
        {
          cell_init (self, &table->header[i], columns[i].title, HEADER_FONT,
                     columns[i].width * text_width - 2 * CELL_PAD, PANGO_ALIGN_CENTER);
          table->header_height
              = MAX (table->header_height, cell_remaining (&table->header[i]) + 2 * CELL_PAD);
        }
    }
  return table;
}

void
jd_pager_table_end (JdPagerTable *table)
{
  if (table == NULL)
    return;
  if (table->header)
    for (guint i = 0; i < table->n_columns; i++)
      cell_clear (&table->header[i]);
  g_free (table->header);
  g_free (table->columns);
  g_free (table);
}

void
jd_pager_table_resume (JdPagerTable *table)
{
  table->header_page = table->pager->page;
}

/* Draws the cells' lines next … end - 1 in bordered boxes height tall. */
static void
draw_piece (JdPagerTable *table, Cell *cells, double height, gboolean shaded)
{
  JdPager *self = table->pager;
  cairo_t *cr = self->cr;
  double x = self->left, text_width = jd_pager_get_text_width (self);
  cairo_save (cr);
  cairo_set_line_width (cr, RULE_WIDTH);
  for (guint i = 0; i < table->n_columns; i++)
    {
      double w = table->columns[i].width * text_width;
      cairo_rectangle (cr, x, self->y, w, height);
      if (shaded)
        {
          cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
          cairo_fill_preserve (cr);
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_stroke (cr);
      cell_draw (&cells[i], cr, x + CELL_PAD, self->y + CELL_PAD);
      x += w;
    }
  cairo_restore (cr);
}

static void
place_header (JdPagerTable *table)
{
  JdPager *self = table->pager;
  if (jd_pager_is_drawing (self))
    {
      for (guint i = 0; i < table->n_columns; i++)
        {
          table->header[i].next = 0;
          table->header[i].end = table->header[i].lines->len;
        }
      draw_piece (table, table->header, table->header_height, TRUE);
    }
  self->y += table->header_height;
  table->header_page = self->page;
}

void
jd_pager_table_row (JdPagerTable *table, const char *const *cells)
{
  JdPager *self = table->pager;
  if (jd_pager_is_done (self))
    return;
  double text_width = jd_pager_get_text_width (self);
  Cell *row = g_new0 (Cell, table->n_columns);
  for (guint i = 0; i < table->n_columns; i++)
    cell_init (self, &row[i], cells[i], BODY_FONT,
               table->columns[i].width * text_width - 2 * CELL_PAD, table->columns[i].align);

  for (;;)
    {
      if (jd_pager_is_done (self))
        break;
      double header = table->show_header ? table->header_height : 0;
      if (table->show_header && table->header_page != self->page)
        {
          /* The header and at least one line under it, or a new page. */
          if (self->y + header + self->line_height + 2 * CELL_PAD > self->bottom && !at_top (self))
            {
              jd_pager_break (self, FALSE);
              continue;
            }
          place_header (table);
        }
      gboolean page_top = self->y <= self->top + header + 0.01;
      double need = 0;
      for (guint i = 0; i < table->n_columns; i++)
        need = MAX (need, cell_remaining (&row[i]));
      need += 2 * CELL_PAD;
      double room = self->bottom - self->y;
      double page_room = self->bottom - self->top - header;
      /* A row that fits on a page is kept whole. */
      if (need > room && need <= page_room && !page_top)
        {
          jd_pager_break (self, FALSE);
          continue;
        }
      double used = 0;
      gboolean any = FALSE;
      for (guint i = 0; i < table->n_columns; i++)
        {
          used = MAX (used, cell_fit (&row[i], room - 2 * CELL_PAD));
          any |= row[i].end > row[i].next;
        }
      gboolean all_empty = need <= 2 * CELL_PAD + 0.001;
      if (!any && !all_empty)
        {
          if (!page_top)
            {
              jd_pager_break (self, FALSE);
              continue;
            }
          /* A line taller than a page: placed anyway. */
          for (guint i = 0; i < table->n_columns; i++)
            if (row[i].next < row[i].lines->len)
              {
                row[i].end = row[i].next + 1;
                const LineBox *box = &g_array_index (row[i].lines, LineBox, row[i].next);
                used = MAX (used, box->bottom - box->top);
              }
        }
      if (jd_pager_is_drawing (self))
        draw_piece (table, row, used + 2 * CELL_PAD, FALSE);
      self->y += used + 2 * CELL_PAD;
      gboolean more = FALSE;
      for (guint i = 0; i < table->n_columns; i++)
        {
          row[i].next = row[i].end;
          more |= row[i].next < row[i].lines->len;
        }
      if (!more)
        break;
      jd_pager_break (self, TRUE);
    }
  for (guint i = 0; i < table->n_columns; i++)
    cell_clear (&row[i]);
  g_free (row);
}
