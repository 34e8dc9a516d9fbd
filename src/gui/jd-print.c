/* jd-print.c: the help files printed with GtkPrintOperation (docs/contract.md §7b)
 *
 * The pages are those of `jindu dossier`: the print operation's "paginate"
 * measures one person per call (so the window stays responsive and GTK shows
 * the progress with Cancel), and "draw-page" hands each page's cairo context,
 * in points, to jd_dossier_draw_page (). Only one person's records and one
 * page's layouts are held at a time.
 */
#include "config.h"

#include "jd-print.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "jd-error.h"
#include "jd-alerts.h"

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
} Print;

static void
print_free (Print *print)
{
  g_clear_object (&print->ledger);
  g_free (print->key);
  g_free (print->export_path);
  g_clear_pointer (&print->dossier, jd_dossier_free);
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

static void
begin_print_cb (GtkPrintOperation *operation, GtkPrintContext *context, Print *print)
{
  GError *error = NULL;
  g_clear_pointer (&print->dossier, jd_dossier_free);
  print->dossier = jd_dossier_new (print->ledger, &print->options, &error);
  if (print->dossier == NULL)
    return fail (operation, print, error);
  jd_dossier_paginate_begin (print->dossier, gtk_print_context_get_width (context),
                             gtk_print_context_get_height (context));
}

static gboolean
paginate_cb (GtkPrintOperation *operation, GtkPrintContext *context, Print *print)
{
  GError *error = NULL;
  gboolean done = FALSE;
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
  if (print->export_path)
    return g_strdup (print->export_path);
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  const char *uri
      = settings ? gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI) : NULL;
  const char *printer = settings ? gtk_print_settings_get_printer (settings) : NULL;
  g_autofree char *path = uri ? g_filename_from_uri (uri, NULL, NULL) : NULL;
  if (path
      && (printer == NULL || g_strcmp0 (printer, "Print to File") == 0
          || g_str_has_prefix (printer, "Print to")))
    return g_steal_pointer (&path);
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
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY && print->error == NULL && print->dossier)
    {
      g_autofree char *destination = dup_destination (operation, print);
      jd_dossier_log_output (print->dossier, JD_OUTPUT_PRINT, destination, &print->error);
    }
  if (print->error && print->show_errors
      && !g_error_matches (print->error, JD_ERROR, JD_ERROR_CANCELLED))
    jd_show_error_dialog (print->parent, _ ("The Help Files Were Not Printed"),
                          print->error->message);
}

static void
done_cb (GtkPrintOperation *operation, GtkPrintOperationResult result, Print *print)
{
  finish (operation, result, print);
}

static GtkPrintOperation *
new_operation (GtkWindow *parent, JdLedger *ledger, const JdDossierOptions *options, Print **out)
{
  Print *print = g_new0 (Print, 1);
  g_set_weak_pointer (&print->parent, parent);
  print->ledger = g_object_ref (ledger);
  print->options = *options;
  print->key = g_strdup (options->key);
  print->options.key = print->key;

  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "jd-print", print, (GDestroyNotify)print_free);
  /* The pages of `jindu dossier`: A4 portrait, in points, the margins our own. */
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_show_progress (operation, TRUE);
  gtk_print_operation_set_job_name (operation, _ ("Help File"));
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), print);
  g_signal_connect (operation, "paginate", G_CALLBACK (paginate_cb), print);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), print);
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), print);
  *out = print;
  return operation;
}

void
jd_print_dossier (GtkWindow *parent, JdLedger *ledger, const JdDossierOptions *options)
{
  g_return_if_fail (JD_IS_LEDGER (ledger) && options != NULL);
  Print *print;
  g_autoptr (GtkPrintOperation) operation = new_operation (parent, ledger, options, &print);
  print->show_errors = TRUE;
  print->options.mask = TRUE; /* personal data leaves masked unless the user says otherwise */
  gtk_print_operation_set_custom_tab_label (operation, _ ("Privacy"));
  g_signal_connect (operation, "create-custom-widget", G_CALLBACK (create_custom_widget_cb), print);
  g_signal_connect (operation, "custom-widget-apply", G_CALLBACK (custom_widget_apply_cb), print);
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

gboolean
jd_print_dossier_export (GtkWindow *parent,
                         JdLedger *ledger,
                         const JdDossierOptions *options,
                         const char *path,
                         GError **error)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger) && options != NULL && path != NULL, FALSE);
  Print *print;
  g_autoptr (GtkPrintOperation) operation = new_operation (parent, ledger, options, &print);
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
