/* jd-dossier-pager.h: text and tables flowed onto pages (docs/contract.md §7b)
 *
 * A small page-layout helper for the help file: paragraphs wrapped at the
 * page's width and tables whose rows break across pages, with the table's
 * header repeated on every page it reaches. A tall cell (a talk of 2,000
 * characters) is split between its lines, so no line is ever cut or lost.
 *
 * The same calls measure and draw: without a cairo context (or on pages other
 * than the one asked for) they only count pages, so a document's page count is
 * known before it is drawn, and one page can be drawn alone. Only the row
 * being placed holds its Pango layouts: memory stays bounded by a page.
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct _JdPager JdPager;

/* Called when the pager leaves page (0-based, counted from the pager's
 * start) and that page was drawn: the place for footers and cairo_show_page (). */
typedef void (*JdPagerPageFunc) (JdPager *pager, cairo_t *cr, int page, gpointer user_data);

typedef struct
{
  const char *title;
  double width; /* a fraction of the text width; a table's columns add up to 1 */
  PangoAlignment align;
} JdPagerColumn;

/* A pager for pages of width × height points with margins (points);
 * context lays the text out (its resolution 72, so sizes are points). */
JdPager *jd_pager_new (PangoContext *context,
                       double width,
                       double height,
                       double margin_top,
                       double margin_side,
                       double margin_bottom);
void jd_pager_free (JdPager *self);

/* Draw on cr (NULL: only measure) only the page only_page (-1: every page);
 * page_done is called as each drawn page is left. */
void jd_pager_set_target (
    JdPager *self, cairo_t *cr, int only_page, JdPagerPageFunc page_done, gpointer user_data);

int jd_pager_get_page (JdPager *self); /* the current page */
double jd_pager_get_y (JdPager *self);
/* TRUE once past the page asked for: what follows draws nothing. */
gboolean jd_pager_is_done (JdPager *self);
/* Is the current page drawn? Then jd_pager_get_cairo () is its context. */
gboolean jd_pager_is_drawing (JdPager *self);
cairo_t *jd_pager_get_cairo (JdPager *self);
double jd_pager_get_text_width (JdPager *self);
double jd_pager_get_left (JdPager *self);

/* A new page (when the current one holds anything or always is TRUE). */
void jd_pager_break (JdPager *self, gboolean always);
/* Ends the last page: page_done for it. The page count is then page + 1. */
int jd_pager_finish (JdPager *self);
void jd_pager_space (JdPager *self, double points);
/* A new page unless points more fit on this one. */
void jd_pager_ensure (JdPager *self, double points);
void jd_pager_move_to (JdPager *self, double y);
/* Puts a new pager where another one stood (on page, at y), to draw a page
 * from the last row begun before it instead of from the document's start. */
void jd_pager_restore (JdPager *self, int page, double y);

/* Wrapped text in font (a Pango font description string, "Sans Bold 13"),
 * broken between lines across pages. */
void jd_pager_text (JdPager *self, const char *text, const char *font, PangoAlignment align);
/* A heading kept with at least keep_lines body lines of what follows it
 * (a table's header and first row are about four). */
void jd_pager_heading (JdPager *self, const char *text, const char *font, guint keep_lines);

typedef struct _JdPagerTable JdPagerTable;
/* show_header: draw the column titles at the top of the table and again on
 * every page the table continues on. */
JdPagerTable *jd_pager_table_begin (JdPager *self,
                                    const JdPagerColumn *columns,
                                    guint n_columns,
                                    gboolean show_header);
/* One row; cells[i] may be NULL (empty). */
void jd_pager_table_row (JdPagerTable *table, const char *const *cells);
void jd_pager_table_end (JdPagerTable *table);
/* The header counts as drawn on the current page (a table resumed there). */
void jd_pager_table_resume (JdPagerTable *table);

G_END_DECLS
