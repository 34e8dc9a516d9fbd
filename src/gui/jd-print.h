/* jd-print.h: printing the help files from the window (docs/contract.md §7b) */
#pragma once

#include <gtk/gtk.h>

#include "jd-dossier.h"

G_BEGIN_DECLS

/* GTK's print dialog (with its preview and Save as PDF) for the help files of
 * options, drawn by src/export/jd-dossier.c as `jindu dossier` draws them; a
 * long print shows its progress with Cancel. The dialog's own tab offers
 * masking (on by default). What was printed goes into the audit log. */
void jd_print_dossier (GtkWindow *parent, JdLedger *ledger, const JdDossierOptions *options);

/* The same print operation without a dialog, exported to the PDF file path
 * (GTK_PRINT_OPERATION_ACTION_EXPORT). */
gboolean jd_print_dossier_export (GtkWindow *parent,
                                  JdLedger *ledger,
                                  const JdDossierOptions *options,
                                  const char *path,
                                  GError **error);

G_END_DECLS
