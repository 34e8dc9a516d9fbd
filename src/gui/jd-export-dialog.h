/* jd-export-dialog.h: the inspection workbook, exported from the window (docs/contract.md §7) */
#pragma once

#include <adwaita.h>

#include "jd-county.h"
#include "jd-ledger.h"
#include "jd-register-query.h"

G_BEGIN_DECLS

#define JD_TYPE_EXPORT_DIALOG (jd_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JdExportDialog, jd_export_dialog, JD, EXPORT_DIALOG, AdwWindow)

JdExportDialog *jd_export_dialog_new (GtkWindow *parent, JdLedger *ledger);
/* The county's workbook (docs/contract.md §9): the whole county or one
 * township, always masked. */
JdExportDialog *jd_export_dialog_new_county (GtkWindow *parent, JdCounty *county);

void jd_export_dialog_set_year (JdExportDialog *self, int year);
void jd_export_dialog_set_sheet (JdExportDialog *self, JdRegister register_, gboolean included);
/* A county's dialog: township's rows alone (NULL: the whole county); FALSE
 * when the county has no such township. */
gboolean jd_export_dialog_set_township (JdExportDialog *self, const char *township);
/* Starts the export into path, as the file chooser would; FALSE (and the
 * reason on its row) when the choices cannot make a workbook. */
gboolean jd_export_dialog_export_to (JdExportDialog *self, const char *path);

G_END_DECLS
