/* jd-export-task.h: long exports off the main thread
 *
 * An export asks where to write (GtkFileChooserNative), then the core writes on a
 * worker thread with a connection of its own to the ledger, while a dialog shows the
 * progress and offers Cancel. It ends with a toast on the main window that opens
 * the folder, or with a dialog that says what went wrong. The file chooser asks
 * before replacing a file, so the writers are told to replace it (JD_OUTPUT_FORCE);
 * they still refuse the ledger, a device, a folder or a link, and write through a
 * temporary file (jd-output.h), so a cancelled or failed export leaves no file
 * behind and an existing file of that name untouched.
 */
#pragma once

#include <gtk/gtk.h>

#include "jd-county-async.h"
#include "jd-ledger-async.h"
#include "jd-register-query.h"
#include "jd-workbook.h"

G_BEGIN_DECLS

/* Writes path on the core's worker thread; reader is that thread's own
 * connection (jd_ledger_write_file_async ()). */
typedef JdLedgerFileFunc JdExportFunc;

/* Asks for the file (suggested_name in the last folder used), then runs func. */
void jd_export_task_run (GtkWidget *widget,
                         JdLedger *ledger,
                         const char *suggested_name,
                         JdExportFunc func,
                         gpointer data,
                         GDestroyNotify data_free);

/* Runs func into path without asking (the export dialog has asked already). */
void jd_export_task_start (GtkWidget *widget,
                           JdLedger *ledger,
                           const char *path,
                           JdExportFunc func,
                           gpointer data,
                           GDestroyNotify data_free);

/* Writes path from a county ledger on the core's worker thread; reader is that
 * thread's own connection (jd_county_write_file_async ()). */
typedef JdCountyFileFunc JdCountyExportFunc;

/* jd_export_task_run () and jd_export_task_start () on a county ledger. */
void jd_export_task_run_county (GtkWidget *widget,
                                JdCounty *county,
                                const char *suggested_name,
                                JdCountyExportFunc func,
                                gpointer data,
                                GDestroyNotify data_free);
void jd_export_task_start_county (GtkWidget *widget,
                                  JdCounty *county,
                                  const char *path,
                                  JdCountyExportFunc func,
                                  gpointer data,
                                  GDestroyNotify data_free);

/* Hands the rows a list shows, in its order, to func; runs on the worker thread. */
typedef gboolean (*JdListRowsFunc) (
    JdLedger *reader, JdRowFunc func, gpointer func_data, gpointer data, GError **error);

typedef struct
{
  const char *sheet_name; /* the sheet's Chinese name, also the suggested file name */
  const JdColumn *columns;
  guint n_columns;
  JdListRowsFunc rows;
} JdListExport;

/* The columns of the list's rows as written (without those masking leaves
 * out, when mask); free with g_free. */
JdColumn *jd_list_export_columns (const JdListExport *list, gboolean mask, guint *n_columns);
/* Hands the list's shown rows to func, masked by their columns' rules when
 * mask (with the columns of jd_list_export_columns ()); reader reads them. */
gboolean jd_list_export_rows (const JdListExport *list,
                              gboolean mask,
                              JdLedger *reader,
                              gpointer data,
                              JdRowFunc func,
                              gpointer func_data,
                              GError **error);

/* A JdListRowsFunc for rows taken on the main thread as a list shows them
 * (a page whose rows are no query's): data is a GPtrArray of GStrv, a text
 * per column ("" for an empty cell), made by jd_list_text_rows_new (). */
gboolean jd_list_text_rows (
    JdLedger *reader, JdRowFunc func, gpointer func_data, gpointer data, GError **error);
GPtrArray *jd_list_text_rows_new (void);

/* Exports a list's shown rows as one sheet with the inspection workbook's layout,
 * into path, or into the file the user chooses when path is NULL. With mask,
 * each cell is masked by its column's rule (jd-mask.h) on its way to the file,
 * and the columns masking leaves out are not written. */
void jd_list_export (GtkWidget *widget,
                     JdLedger *ledger,
                     const JdListExport *list,
                     gboolean mask,
                     const char *path,
                     gpointer data,
                     GDestroyNotify data_free);

G_END_DECLS
