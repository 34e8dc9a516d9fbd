/* jd-export-dialog.h: the inspection workbook, exported from the window (docs/contract.md §7) */
#pragma once

#include <adwaita.h>

#include "jd-ledger.h"
#include "jd-register-query.h"

G_BEGIN_DECLS

#define JD_TYPE_EXPORT_DIALOG (jd_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JdExportDialog, jd_export_dialog, JD, EXPORT_DIALOG, AdwWindow)

JdExportDialog *jd_export_dialog_new (GtkWindow *parent, JdLedger *ledger);

void jd_export_dialog_set_year (JdExportDialog *self, int year);
void jd_export_dialog_set_sheet (JdExportDialog *self, JdRegister register_, gboolean included);
/* Starts the export into path, as the file chooser would; FALSE (and the
 * reason on its row) when the choices cannot make a workbook. */
gboolean jd_export_dialog_export_to (JdExportDialog *self, const char *path);

G_END_DECLS
