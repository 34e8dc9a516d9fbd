/* jd-export-task.c: long exports off the main thread */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "jd-alerts.h"
#include "jd-audit-query.h"
#include "jd-county-async.h"
#include "jd-error.h"
#include "jd-export-task.h"

typedef struct
{
  GtkWindow *parent;
  char *path;

  GCancellable *cancellable;
  AdwMessageDialog *dialog;
  GtkProgressBar *progress_bar;
  guint progress_source;
  int progress; /* atomic: ten-thousandths, -1 before the first report */
} ExportTask;

static void
export_task_free (ExportTask *task)
{
  g_clear_handle_id (&task->progress_source, g_source_remove);
  gtk_window_destroy (GTK_WINDOW (task->dialog));
  g_object_unref (task->dialog);
  g_object_unref (task->progress_bar);
  g_clear_object (&task->cancellable);
  g_clear_object (&task->parent);
  g_free (task->path);
  g_free (task);
}

/* ---- the core's worker thread ------------------------------------------------------------ */

/* Called on the core's worker thread: the main thread's timeout shows it. */
static void
report_progress_cb (double fraction, gpointer user_data)
{
  ExportTask *task = user_data;

  g_atomic_int_set (&task->progress, (int)(CLAMP (fraction, 0.0, 1.0) * 10000));
}

/* ---- the main thread ---------------------------------------------------------------------- */

static gboolean
update_progress_cb (gpointer user_data)
{
  ExportTask *task = user_data;
  int progress = g_atomic_int_get (&task->progress);

  if (progress < 0)
    gtk_progress_bar_pulse (task->progress_bar);
  else
    gtk_progress_bar_set_fraction (task->progress_bar, progress / 10000.0);
  return G_SOURCE_CONTINUE;
}

static void
dialog_response_cb (ExportTask *task, const char *response)
{
  if (g_strcmp0 (response, "cancel") == 0)
    g_cancellable_cancel (task->cancellable);
}

static gboolean
keep_open_cb (GtkWindow *dialog)
{
  return TRUE;
}

static void
show_toast (ExportTask *task, AdwToast *toast)
{
  /* Over the main window, which the dialog the export came from is transient for. */
  jd_show_toast (GTK_WIDGET (task->parent), toast);
}

/* The end of an export: a toast that opens the folder, or says it was
 * cancelled, or a dialog with what went wrong. */
static void
export_finished (ExportTask *task, gboolean written, const GError *error)
{
  g_autofree char *name = g_path_get_basename (task->path);

  if (written)
    {
      g_autoptr (GFile) file = g_file_new_for_path (task->path);
      g_autoptr (GFile) folder = g_file_get_parent (file);
      g_autofree char *folder_uri = g_file_get_uri (folder);
      AdwToast *toast = adw_toast_new_format (_ ("Exported “%s”"), name);
      adw_toast_set_button_label (toast, _ ("Open _Folder"));
      adw_toast_set_action_name (toast, "win.open-folder");
      adw_toast_set_action_target (toast, "s", folder_uri);
      show_toast (task, toast);
    }
  else if (g_error_matches (error, JD_ERROR, JD_ERROR_CANCELLED)
           || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (task,
                adw_toast_new_format (_ ("Export of “%s” cancelled; no file was written"), name));
  else
    jd_show_error_dialog (task->parent, _ ("Export Failed"), error->message);

  export_task_free (task);
}

static void
export_done_cb (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  /* A township's file, or a county's. */
  gboolean written = g_async_result_is_tagged (result, jd_county_write_file_async)
                         ? jd_county_write_file_finish (result, &error)
                         : jd_ledger_write_file_finish (result, &error);
  export_finished (user_data, written, error);
}

/* The progress dialog, shown until export_finished (). */
static ExportTask *
export_task_new (GtkWidget *widget, const char *path)
{
  ExportTask *task = g_new0 (ExportTask, 1);
  GtkRoot *root = gtk_widget_get_root (widget);
  task->parent = GTK_IS_WINDOW (root) ? g_object_ref (GTK_WINDOW (root)) : NULL;
  task->path = g_strdup (path);
  task->cancellable = g_cancellable_new ();
  task->progress = -1;

  g_autofree char *name = g_path_get_basename (path);
  /* Both held until the thread ends, whatever happens to the windows meanwhile. */
  task->dialog = g_object_ref (
      ADW_MESSAGE_DIALOG (adw_message_dialog_new (task->parent, _ ("Exporting…"), name)));
  adw_message_dialog_add_response (task->dialog, "cancel", _ ("_Cancel"));
  adw_message_dialog_set_close_response (task->dialog, "cancel");
  task->progress_bar = g_object_ref_sink (GTK_PROGRESS_BAR (gtk_progress_bar_new ()));
  gtk_accessible_update_property (GTK_ACCESSIBLE (task->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Export progress"), -1);
  adw_message_dialog_set_extra_child (task->dialog, GTK_WIDGET (task->progress_bar));
  /* The dialog stays until the thread ends, so Cancel cannot close it early. */
  g_signal_connect_swapped (task->dialog, "response", G_CALLBACK (dialog_response_cb), task);
  g_signal_connect (task->dialog, "close-request", G_CALLBACK (keep_open_cb), NULL);
  gtk_window_present (GTK_WINDOW (task->dialog));
  task->progress_source = g_timeout_add (100, update_progress_cb, task);
  return task;
}

/* What writes a file: a township's ledger and its func, or a county and its
 * county_func. */
typedef struct
{
  GtkWidget *widget;
  GObject *source; /* a JdLedger or a JdCounty */
  JdExportFunc func;
  JdCountyExportFunc county_func;
  gpointer data;
  GDestroyNotify data_free;
} Choice;

static void
choice_free (Choice *choice)
{
  g_object_unref (choice->widget);
  g_object_unref (choice->source);
  g_free (choice);
}

/* Writes path, with a progress dialog: the core writes on a thread and a
 * connection of its own. */
static void
start_export (Choice *choice, const char *path)
{
  ExportTask *task = export_task_new (choice->widget, path);
  if (JD_IS_COUNTY (choice->source))
    jd_county_write_file_async (JD_COUNTY (choice->source), path, choice->county_func, choice->data,
                                choice->data_free, report_progress_cb, task, task->cancellable,
                                export_done_cb, task);
  else
    jd_ledger_write_file_async (JD_LEDGER (choice->source), path, choice->func, choice->data,
                                choice->data_free, report_progress_cb, task, task->cancellable,
                                export_done_cb, task);
  choice_free (choice);
}

static Choice *
choice_new (GtkWidget *widget,
            gpointer source,
            JdExportFunc func,
            JdCountyExportFunc county_func,
            gpointer data,
            GDestroyNotify data_free)
{
  Choice *choice = g_new (Choice, 1);
  *choice = (Choice){
    g_object_ref (widget), g_object_ref (source), func, county_func, data, data_free
  };
  return choice;
}

void
jd_export_task_start (GtkWidget *widget,
                      JdLedger *ledger,
                      const char *path,
                      JdExportFunc func,
                      gpointer data,
                      GDestroyNotify data_free)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (JD_IS_LEDGER (ledger));
  g_return_if_fail (path != NULL && func != NULL);

  start_export (choice_new (widget, ledger, func, NULL, data, data_free), path);
}

void
jd_export_task_start_county (GtkWidget *widget,
                             JdCounty *county,
                             const char *path,
                             JdCountyExportFunc func,
                             gpointer data,
                             GDestroyNotify data_free)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (JD_IS_COUNTY (county));
  g_return_if_fail (path != NULL && func != NULL);

  start_export (choice_new (widget, county, NULL, func, data, data_free), path);
}

/* ---- choosing the file -------------------------------------------------------------------- */

static char *last_folder; /* where the last export went, for the next one */

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  Choice *choice = user_data;
  g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (response == GTK_RESPONSE_ACCEPT && path)
    {
      if (!g_str_has_suffix (path, ".xlsx"))
        {
          char *with_suffix = g_strconcat (path, ".xlsx", NULL);
          g_free (path);
          path = with_suffix;
        }
      g_free (last_folder);
      last_folder = g_path_get_dirname (path);
      start_export (choice, path);
    }
  else
    {
      if (choice->data_free)
        choice->data_free (choice->data);
      choice_free (choice);
    }
  g_object_unref (chooser);
}

/* Asks for the file; choice says what writes it. */
static void
run_chooser (const char *suggested_name, Choice *choice)
{
  GtkRoot *root = gtk_widget_get_root (choice->widget);
  GtkFileChooserNative *chooser
      = gtk_file_chooser_native_new (_ ("Export"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _ ("Excel Workbooks"));
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  const char *folder_path
      = last_folder ? last_folder : g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (folder_path)
    {
      g_autoptr (GFile) folder = g_file_new_for_path (folder_path);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);

  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
jd_export_task_run (GtkWidget *widget,
                    JdLedger *ledger,
                    const char *suggested_name,
                    JdExportFunc func,
                    gpointer data,
                    GDestroyNotify data_free)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (JD_IS_LEDGER (ledger));

  run_chooser (suggested_name, choice_new (widget, ledger, func, NULL, data, data_free));
}

void
jd_export_task_run_county (GtkWidget *widget,
                           JdCounty *county,
                           const char *suggested_name,
                           JdCountyExportFunc func,
                           gpointer data,
                           GDestroyNotify data_free)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (JD_IS_COUNTY (county));

  run_chooser (suggested_name, choice_new (widget, county, NULL, func, data, data_free));
}

/* ---- a list's shown rows ------------------------------------------------------------------ */

typedef struct
{
  const JdListExport *list;
  gboolean mask;
  gpointer data;
  GDestroyNotify data_free;
} ListData;

static void
list_data_free (ListData *list_data)
{
  if (list_data->data_free)
    list_data->data_free (list_data->data);
  g_free (list_data);
}

typedef struct
{
  const JdListExport *list;
  JdRowFunc func;
  gpointer func_data;
} Masking;

/* A row of a masked list, masked by its columns' rules on its way to func. */
static gboolean
mask_row_cb (const JdCell *cells, guint n_cells, gpointer user_data, GError **error)
{
  Masking *masking = user_data;
  const JdListExport *list = masking->list;

  g_return_val_if_fail (n_cells == list->n_columns, FALSE);
  JdCell masked[n_cells];
  char *texts[n_cells];
  memcpy (masked, cells, sizeof masked);
  guint n = jd_cells_mask (list->columns, n_cells, masked, texts);
  gboolean ok = masking->func (masked, n, masking->func_data, error);
  jd_cells_mask_clear (texts, n_cells);
  return ok;
}

JdColumn *
jd_list_export_columns (const JdListExport *list, gboolean mask, guint *n_columns)
{
  JdColumn *columns = g_new (JdColumn, list->n_columns);
  *n_columns = list->n_columns;
  if (mask)
    *n_columns = jd_columns_masked (list->columns, list->n_columns, columns);
  else
    memcpy (columns, list->columns, list->n_columns * sizeof *columns);
  return columns;
}

gboolean
jd_list_export_rows (const JdListExport *list,
                     gboolean mask,
                     JdLedger *reader,
                     gpointer data,
                     JdRowFunc func,
                     gpointer func_data,
                     GError **error)
{
  g_return_val_if_fail (list != NULL && list->rows != NULL, FALSE);
  if (!mask)
    return list->rows (reader, func, func_data, data, error);
  Masking masking = { list, func, func_data };
  return list->rows (reader, mask_row_cb, &masking, data, error);
}

GPtrArray *
jd_list_text_rows_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
}

gboolean
jd_list_text_rows (
    JdLedger *reader, JdRowFunc func, gpointer func_data, gpointer data, GError **error)
{
  GPtrArray *rows = data;
  for (guint r = 0; r < rows->len; r++)
    {
      const char *const *texts = rows->pdata[r];
      guint n = g_strv_length ((GStrv)texts);
      JdCell cells[MAX (n, 1)];
      for (guint i = 0; i < n; i++)
        cells[i] = (JdCell){ .type = *texts[i] ? JD_CELL_TEXT : JD_CELL_EMPTY, .text = texts[i] };
      if (!func (cells, n, func_data, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  ListData *list_data;
  JdLedger *reader;
} Writing;

static gboolean
list_rows_cb (JdRowFunc func, gpointer func_data, gpointer source_data, GError **error)
{
  Writing *writing = source_data;
  ListData *list_data = writing->list_data;
  return jd_list_export_rows (list_data->list, list_data->mask, writing->reader, list_data->data,
                              func, func_data, error);
}

static gboolean
write_list (JdLedger *reader, const JdFileJob *file, gpointer data, GError **error)
{
  ListData *list_data = data;
  const JdListExport *list = list_data->list;
  g_autofree char *township = jd_ledger_dup_township (reader);
  g_autofree char *office = g_strconcat (township, "禁毒办", NULL);
  g_autofree char *title = g_strconcat (township, list->sheet_name, NULL);

  guint n_columns;
  g_autofree JdColumn *columns = jd_list_export_columns (list, list_data->mask, &n_columns);
  Writing writing = { list_data, reader };
  gboolean written = jd_workbook_write_list (
      file->path, jd_ledger_get_path (reader), JD_OUTPUT_FORCE, office, list->sheet_name, title,
      columns, n_columns, list_rows_cb, &writing, file->cancellable, error);
  return written
         && jd_audit_log_list (reader, file->path, list->sheet_name, list_data->mask, error);
}

void
jd_list_export (GtkWidget *widget,
                JdLedger *ledger,
                const JdListExport *list,
                gboolean mask,
                const char *path,
                gpointer data,
                GDestroyNotify data_free)
{
  g_return_if_fail (list != NULL && list->rows != NULL);

  ListData *list_data = g_new0 (ListData, 1);
  list_data->list = list;
  list_data->mask = mask;
  list_data->data = data;
  list_data->data_free = data_free;

  if (path)
    {
      jd_export_task_start (widget, ledger, path, write_list, list_data,
                            (GDestroyNotify)list_data_free);
      return;
    }
  g_autofree char *name = g_strconcat (list->sheet_name, ".xlsx", NULL);
  jd_export_task_run (widget, ledger, name, write_list, list_data, (GDestroyNotify)list_data_free);
}
