/* jd-sheet.h: one sheet of an xlsx workbook (jd-workbook.h adds them), written a row at a
 * time in order (docs/contract.md §7) */
#pragma once

#include <gio/gio.h>

#include "jd-register-query.h"

G_BEGIN_DECLS

typedef struct _JdSheet JdSheet;

gboolean jd_sheet_append (JdSheet *sheet, const JdCell *cells, guint n_cells, GError **error);
guint jd_sheet_get_n_rows (JdSheet *sheet);
gboolean jd_sheet_add_line_chart (JdSheet *sheet,
                                  const char *title,
                                  const char *description,
                                  guint category_column,
                                  guint value_column,
                                  gboolean percent,
                                  GError **error);
gboolean jd_sheet_finish (JdSheet *sheet, GError **error);

/* A JdRowFunc that appends the row to the JdSheet given as user data. */
gboolean
jd_sheet_append_row_cb (const JdCell *cells, guint n_cells, gpointer sheet, GError **error);

G_END_DECLS
