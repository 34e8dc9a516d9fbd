/* jd-workbook.h: an xlsx workbook laid out like the official paper forms (docs/contract.md §7)
 *
 * Every sheet has the same layout: a merged title row, a line with the office
 * and the export date, bold bordered headers with frozen panes and an
 * autofilter under them, widths that fit Chinese text, real dates, numbers as
 * numbers, ID and phone numbers as text, A4 landscape fitted to the page width
 * with the header row repeated and a page-number footer.
 *
 * Rows are streamed (libxlsxwriter's constant-memory mode): a sheet is written
 * top to bottom, one row at a time; sheets added together may be written by
 * turns, each keeping to its own rows' order.
 * The file appears under its name only when jd_workbook_commit () succeeds;
 * until then it is a temporary file beside it (jd-output.h), which
 * jd_workbook_abort () deletes. A workbook is used from one thread: it pins LC_NUMERIC to "C" for
 * that thread from jd_workbook_new () to commit or abort.
 */
#pragma once

#include <gio/gio.h>

#include "jd-output.h"
#include "jd-register-query.h"
#include "jd-sheet.h"

G_BEGIN_DECLS

typedef struct _JdWorkbook JdWorkbook;

/* ledger_path: the ledger the data comes from, never written over. With a
 * password (1 to 255 characters; NULL: none), the file is the workbook
 * encrypted with the standard Office encryption (jd-office-crypt.h). */
JdWorkbook *jd_workbook_new (const char *path,
                             const char *ledger_path,
                             JdOutputFlags flags,
                             const char *office,
                             const char *password,
                             GError **error);
const char *jd_workbook_get_path (JdWorkbook *self);

JdSheet *jd_workbook_add_sheet (JdWorkbook *self,
                                const char *name,
                                const char *title,
                                const JdColumn *columns,
                                guint n_columns,
                                GError **error);
gboolean jd_workbook_commit (JdWorkbook *self, GError **error);
void jd_workbook_abort (JdWorkbook *self);

/* A list that hands its rows, as shown, to func (the window's lists). */
typedef gboolean (*JdRowSource) (JdRowFunc func,
                                 gpointer func_data,
                                 gpointer source_data,
                                 GError **error);

gboolean jd_workbook_write_list (const char *path,
                                 const char *ledger_path,
                                 JdOutputFlags flags,
                                 const char *office,
                                 const char *sheet_name,
                                 const char *title,
                                 const JdColumn *columns,
                                 guint n_columns,
                                 JdRowSource source,
                                 gpointer source_data,
                                 GCancellable *cancellable,
                                 GError **error);

G_END_DECLS
