/* jd-print.c: the help files and the window's lists printed with
 * GtkPrintOperation (docs/contract.md §7, §7b)
 *
 * The help file's pages are those of `jindu dossier`: the print operation's
 * "paginate" measures one person per call (so the window stays responsive and
 * GTK shows the progress with Cancel), and "draw-page" hands each page's cairo
 * context, in points, to jd_dossier_draw_page (). Only one person's records
 * and one page's layouts are held at a time. A list's pages are drawn by
 * src/export/jd-list-pages.c, a few hundred rows counted per "paginate".
 *
 * A file written by GTK (Print to File, or an export) keeps the house rules
 * of docs/architecture.md for output: before anything is drawn its path is
 * checked by jd-output (never the ledger, a link, a device or a folder), a
 * new file is created empty and readable by its owner only, which GTK's
 * writer then fills keeping that mode, and the mode is set again at the end;
 * what was printed, and where, goes into the audit log.
 */
#include "config.h"

#include "jd-print.h"

#include <adwaita.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "jd-alerts.h"
#include "jd-audit-query.h"
#include "jd-error.h"
#include "jd-list-pages.h"

typedef struct
{
  GtkWindow *parent; /* weak */
  JdLedger *ledger;
  JdDossierOptions options;
  char *key;
  char *export_path;
  JdDossier *dossier;
  GtkCheckButton *mask_check;
  GError *error;
  gboolean finished;
  gboolean show_errors;

  /* A list instead of help files */
  const JdListExport *list;
  gboolean list_mask;
  gpointer list_data;
  GDestroyNotify list_data_free;
  JdListPages *pages;

  char *file_target;  /* the file GTK writes, checked */
  gboolean file_made; /* created empty by us, removed when nothing was written */
} Print;

static void
print_free (Print *print)
{
  g_clear_object (&print->ledger);
  g_free (print->key);
  g_free (print->export_path);
  g_clear_pointer (&print->dossier, jd_dossier_free);
  g_clear_pointer (&print->pages, jd_list_pages_free);
  if (print->list_data_free)
    print->list_data_free (print->list_data);
  g_free (print->file_target);
  g_clear_error (&print->error);
  g_clear_weak_pointer (&print->parent);
  g_free (print);
}

static void
fail (GtkPrintOperation *operation, Print *print, GError *error)
{
  if (print->error == NULL)
    print->error = error;
  else
    g_error_free (error);
  gtk_print_operation_cancel (operation);
}

static GObject *
create_custom_widget_cb (GtkPrintOperation *operation, Print *print)
{
  GtkWidget *check = gtk_check_button_new_with_mnemonic (_ ("_Mask Personal Data"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), print->options.mask);
  gtk_widget_set_tooltip_text (
      check, _ ("Names as 张*, ID and phone numbers partly hidden, no birth dates or house "
                "numbers"));
  gtk_widget_set_margin_start (check, 12);
  gtk_widget_set_margin_top (check, 12);
  print->mask_check = GTK_CHECK_BUTTON (check);
  return G_OBJECT (check);
}

static void
custom_widget_apply_cb (GtkPrintOperation *operation, GtkWidget *widget, Print *print)
{
  print->options.mask = gtk_check_button_get_active (GTK_CHECK_BUTTON (widget));
}

/* The file GTK is about to write, when it writes one: the export's, or
 * Print to File's (the only printer whose settings name an output file). */
static char *
dup_file_target (GtkPrintOperation *operation, Print *print)
{
  if (print->export_path)
    return g_strdup (print->export_path);
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  const char *uri
      = settings ? gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI) : NULL;
  return uri ? g_filename_from_uri (uri, NULL, NULL) : NULL;
}

/* Checks the file GTK will write as every output is checked (jd-output.h;
 * GTK's dialog has asked before replacing a file) and makes a new one
 * empty with mode 0600, so that GTK's writer keeps that mode. */
static gboolean
prepare_file_target (GtkPrintOperation *operation, Print *print, GError **error)
{
  g_autofree char *path = dup_file_target (operation, print);
  if (path == NULL)
    return TRUE;
  if (!jd_output_check (path, jd_ledger_get_path (print->ledger), JD_OUTPUT_FORCE, error))
    return FALSE;
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  gboolean made = fd >= 0;
  if (fd < 0 && errno == EEXIST)
    fd = g_open (path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int errsv = errno;
      if (fd >= 0)
        close (fd);
      jd_output_set_errno_error (path, errsv, error);
      return FALSE;
    }
  close (fd);
  g_free (print->file_target);
  print->file_target = g_steal_pointer (&path);
  print->file_made = made;
  return TRUE;
}

/* The list's shown rows, read now that the user has said where they go. */
static gboolean
load_list (Print *print, GError **error)
{
  g_autofree char *township = jd_ledger_dup_township (print->ledger);
  g_autofree char *office = g_strconcat (township ? township : "", "禁毒办", NULL);
  g_autofree char *title = g_strconcat (township ? township : "", print->list->sheet_name, NULL);
  guint n_columns;
  g_autofree JdColumn *columns = jd_list_export_columns (print->list, print->list_mask, &n_columns);
  g_clear_pointer (&print->pages, jd_list_pages_free);
  print->pages = jd_list_pages_new (title, office, columns, n_columns);
  return jd_list_export_rows (print->list, print->list_mask, print->ledger, print->list_data,
                              jd_list_pages_add_row_cb, print->pages, error);
}

static void
begin_print_cb (GtkPrintOperation *operation, GtkPrintContext *context, Print *print)
{
  GError *error = NULL;
  if (!prepare_file_target (operation, print, &error))
    return fail (operation, print, error);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  if (print->list)
    {
      if (!load_list (print, &error))
        return fail (operation, print, error);
      jd_list_pages_paginate_begin (print->pages, width, height);
      return;
    }
  g_clear_pointer (&print->dossier, jd_dossier_free);
  print->dossier = jd_dossier_new (print->ledger, &print->options, &error);
  if (print->dossier == NULL)
    return fail (operation, print, error);
  jd_dossier_paginate_begin (print->dossier, width, height);
}

static gboolean
paginate_cb (GtkPrintOperation *operation, GtkPrintContext *context, Print *print)
{
  GError *error = NULL;
  gboolean done = FALSE;
  if (print->pages && print->error == NULL)
    {
      done = jd_list_pages_paginate_step (print->pages);
      if (done)
        gtk_print_operation_set_n_pages (operation, jd_list_pages_get_n_pages (print->pages));
      return done;
    }
  if (print->dossier == NULL)
    return TRUE;
  if (!jd_dossier_paginate_step (print->dossier, &done, &error))
    {
      fail (operation, print, error);
      return TRUE;
    }
  if (done)
    gtk_print_operation_set_n_pages (operation, jd_dossier_get_n_pages (print->dossier));
  return done;
}

static void
draw_page_cb (GtkPrintOperation *operation, GtkPrintContext *context, int page, Print *print)
{
  GError *error = NULL;
  if (print->pages && print->error == NULL)
    return jd_list_pages_draw_page (print->pages, gtk_print_context_get_cairo_context (context),
                                    page);
  if (print->dossier == NULL || print->error)
    return;
  if (!jd_dossier_draw_page (print->dossier, gtk_print_context_get_cairo_context (context), page,
                             &error))
    fail (operation, print, error);
}

/* Where the pages went, for the audit log: the file, or the printer. */
static char *
dup_destination (GtkPrintOperation *operation, Print *print)
{
  if (print->file_target)
    return g_strdup (print->file_target);
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  const char *printer = settings ? gtk_print_settings_get_printer (settings) : NULL;
  return g_strdup (printer ? printer : _ ("the printer"));
}

static void
finish (GtkPrintOperation *operation, GtkPrintOperationResult result, Print *print)
{
  if (print->finished)
    return;
  print->finished = TRUE;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && print->error == NULL)
    {
      GError *error = NULL;
      gtk_print_operation_get_error (operation, &error);
      print->error
          = error ? error : g_error_new_literal (JD_ERROR, JD_ERROR_IO, _ ("Printing failed"));
    }
  gboolean printed = result == GTK_PRINT_OPERATION_RESULT_APPLY && print->error == NULL;
  if (print->file_target)
    {
      if (printed)
        g_chmod (print->file_target, 0600);
      else if (print->file_made)
        g_unlink (print->file_target);
    }
  if (printed && print->dossier)
    {
      g_autofree char *destination = dup_destination (operation, print);
      jd_dossier_log_output (print->dossier, JD_OUTPUT_PRINT, destination, &print->error);
    }
  else if (printed && print->pages)
    {
      g_autofree char *destination = dup_destination (operation, print);
      jd_audit_log_list_print (print->ledger, destination, print->list->sheet_name,
                               print->list_mask, &print->error);
    }
  if (printed && print->show_errors)
    jd_print_set_settings (gtk_print_operation_get_print_settings (operation));
  if (print->error && print->show_errors
      && !g_error_matches (print->error, JD_ERROR, JD_ERROR_CANCELLED))
    jd_show_error_dialog (print->parent,
                          print->list ? _ ("The List Was Not Printed")
                                      : _ ("The Help Files Were Not Printed"),
                          print->error->message);
}

static void
done_cb (GtkPrintOperation *operation, GtkPrintOperationResult result, Print *print)
{
  finish (operation, result, print);
}

/* What the last print dialog was told (the printer, Print to File's file),
 * offered again by the next one. */
static GtkPrintSettings *last_settings;

void
jd_print_set_settings (GtkPrintSettings *settings)
{
  g_set_object (&last_settings, settings);
}

static GtkPrintOperation *
new_operation (GtkWindow *parent,
               JdLedger *ledger,
               GtkPageOrientation orientation,
               const char *job_name,
               Print **out)
{
  Print *print = g_new0 (Print, 1);
  g_set_weak_pointer (&print->parent, parent);
  print->ledger = g_object_ref (ledger);

  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "jd-print", print, (GDestroyNotify)print_free);
  /* A4 (portrait: the help file; landscape: a list, as its sheet), in points,
   * the margins our own. */
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, orientation);
  gtk_print_operation_set_default_page_setup (operation, setup);
  if (last_settings)
    {
      g_autoptr (GtkPrintSettings) settings = gtk_print_settings_copy (last_settings);
      gtk_print_settings_set_orientation (settings, orientation);
      gtk_print_operation_set_print_settings (operation, settings);
    }
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_show_progress (operation, TRUE);
  gtk_print_operation_set_job_name (operation, job_name);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), print);
  g_signal_connect (operation, "paginate", G_CALLBACK (paginate_cb), print);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), print);
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), print);
  *out = print;
  return operation;
}

static void
set_dossier (Print *print, const JdDossierOptions *options)
{
  print->options = *options;
  print->key = g_strdup (options->key);
  print->options.key = print->key;
}

static void
set_list (
    Print *print, const JdListExport *list, gboolean mask, gpointer data, GDestroyNotify data_free)
{
  print->list = list;
  print->list_mask = mask;
  print->list_data = data;
  print->list_data_free = data_free;
}

static void
run_dialog (GtkPrintOperation *operation, Print *print, GtkWindow *parent)
{
  print->show_errors = TRUE;
  gtk_print_operation_set_allow_async (operation, TRUE);
  GError *error = NULL;
  GtkPrintOperationResult result = gtk_print_operation_run (
      operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error)
    {
      if (print->error == NULL)
        print->error = g_steal_pointer (&error);
      g_clear_error (&error);
    }
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    finish (operation, result, print);
}

static gboolean
run_export (
    GtkPrintOperation *operation, Print *print, GtkWindow *parent, const char *path, GError **error)
{
  print->export_path = g_strdup (path);
  gtk_print_operation_set_export_filename (operation, path);
  GError *run_error = NULL;
  GtkPrintOperationResult result
      = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, &run_error);
  if (run_error && print->error == NULL)
    print->error = g_steal_pointer (&run_error);
  g_clear_error (&run_error);
  finish (operation, result, print);
  if (print->error)
    {
      g_propagate_error (error, g_steal_pointer (&print->error));
      return FALSE;
    }
  if (result != GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_set_error (error, JD_ERROR, JD_ERROR_CANCELLED, _ ("Cancelled: no file was written"));
      return FALSE;
    }
  return TRUE;
}

void
jd_print_dossier (GtkWindow *parent, JdLedger *ledger, const JdDossierOptions *options)
{
  g_return_if_fail (JD_IS_LEDGER (ledger) && options != NULL);
  Print *print;
  g_autoptr (GtkPrintOperation) operation
      = new_operation (parent, ledger, GTK_PAGE_ORIENTATION_PORTRAIT, _ ("Help File"), &print);
  set_dossier (print, options);
  print->options.mask = TRUE; /* personal data leaves masked unless the user says otherwise */
  gtk_print_operation_set_custom_tab_label (operation, _ ("Privacy"));
  g_signal_connect (operation, "create-custom-widget", G_CALLBACK (create_custom_widget_cb), print);
  g_signal_connect (operation, "custom-widget-apply", G_CALLBACK (custom_widget_apply_cb), print);
  run_dialog (operation, print, parent);
}

gboolean
jd_print_dossier_export (GtkWindow *parent,
                         JdLedger *ledger,
                         const JdDossierOptions *options,
                         const char *path,
                         GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger) && options != NULL && path != NULL, FALSE);
  Print *print;
  g_autoptr (GtkPrintOperation) operation
      = new_operation (parent, ledger, GTK_PAGE_ORIENTATION_PORTRAIT, _ ("Help File"), &print);
  set_dossier (print, options);
  return run_export (operation, print, parent, path, error);
}

void
jd_print_list (GtkWindow *parent,
               JdLedger *ledger,
               const JdListExport *list,
               gboolean mask,
               gpointer data,
               GDestroyNotify data_free)
{
  g_return_if_fail (JD_IS_LEDGER (ledger) && list != NULL);
  Print *print;
  g_autoptr (GtkPrintOperation) operation
      = new_operation (parent, ledger, GTK_PAGE_ORIENTATION_LANDSCAPE, list->sheet_name, &print);
  set_list (print, list, mask, data, data_free);
  run_dialog (operation, print, parent);
}

gboolean
jd_print_list_export (GtkWindow *parent,
                      JdLedger *ledger,
                      const JdListExport *list,
                      gboolean mask,
                      gpointer data,
                      GDestroyNotify data_free,
                      const char *path,
                      GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger) && list != NULL && path != NULL, FALSE);
  Print *print;
  g_autoptr (GtkPrintOperation) operation
      = new_operation (parent, ledger, GTK_PAGE_ORIENTATION_LANDSCAPE, list->sheet_name, &print);
  set_list (print, list, mask, data, data_free);
  return run_export (operation, print, parent, path, error);
}
