/* jd-list-pages.h: a list of the window printed as the workbook lays it out
 * (docs/contract.md §7)
 *
 * The rows a list shows (after its search and filters, masked as it shows
 * them) on A4 landscape pages: the title and the office line with the export
 * date on the first page, the column headers repeated at the top of every
 * page, long text wrapped (a cell taller than a page continues on the next,
 * never cut) and `第 N 页 共 M 页` at the foot. One drawing routine for
 * GtkPrintOperation's pages and for a PDF written through jd-output.
 *
 * The rows are kept as text; pages are counted first (a step at a time, so a
 * print dialog can show progress and Cancel), then drawn in any order, each
 * from the last row begun before it.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "jd-output.h"
#include "jd-register-query.h"

G_BEGIN_DECLS

typedef struct _JdListPages JdListPages;

/* title: the first line ("{township}{sheet}"); office: who keeps the list. */
JdListPages *
jd_list_pages_new (const char *title, const char *office, const JdColumn *columns, guint n_columns);
void jd_list_pages_free (JdListPages *self);

/* A JdRowFunc adding one row (n_cells the list's columns) as text. */
gboolean
jd_list_pages_add_row_cb (const JdCell *cells, guint n_cells, gpointer self, GError **error);
guint jd_list_pages_get_n_rows (JdListPages *self);

/* Counting the pages of width × height points: begin, then steps (each lays
 * out some rows) until *done. */
void jd_list_pages_paginate_begin (JdListPages *self, double width, double height);
gboolean jd_list_pages_paginate_step (JdListPages *self);
double jd_list_pages_get_fraction (JdListPages *self);
int jd_list_pages_get_n_pages (JdListPages *self);

/* Draws page (0-based) on cr, in points, the page's top left at the origin. */
void jd_list_pages_draw_page (JdListPages *self, cairo_t *cr, int page);

/* All pages as an A4 landscape PDF at path, through jd-output (0600, never
 * over the ledger at ledger_path, an existing file only with JD_OUTPUT_FORCE). */
gboolean jd_list_pages_write_pdf (JdListPages *self,
                                  const char *path,
                                  const char *ledger_path,
                                  JdOutputFlags flags,
                                  GCancellable *cancellable,
                                  GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdListPages, jd_list_pages_free)

G_END_DECLS
