/* jd-print.h: printing the help files and the lists from the window
 * (docs/contract.md §7, §7b) */
#pragma once

#include <gtk/gtk.h>

#include "jd-dossier.h"
#include "jd-export-task.h"

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

/* GTK's print dialog for the rows a list shows (list->rows with data, freed
 * with data_free), on A4 landscape pages laid out as the list's workbook
 * sheet (src/export/jd-list-pages.c), masked when mask as the window shows
 * it. Print to File writes as every output does (jd-output.h). */
void jd_print_list (GtkWindow *parent,
                    JdLedger *ledger,
                    const JdListExport *list,
                    gboolean mask,
                    gpointer data,
                    GDestroyNotify data_free);

/* The same print operation without a dialog, exported to the PDF file path. */
gboolean jd_print_list_export (GtkWindow *parent,
                               JdLedger *ledger,
                               const JdListExport *list,
                               gboolean mask,
                               gpointer data,
                               GDestroyNotify data_free,
                               const char *path,
                               GError **error);

/* The settings the next print dialog starts from (the last dialog's, once
 * one has printed): its printer, and Print to File's file. */
void jd_print_set_settings (GtkPrintSettings *settings);

G_END_DECLS
