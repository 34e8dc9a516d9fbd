/* jd-ledger-dialogs.c: what the window says of the ledger file itself
 *
 * A ledger that cannot be opened (not ours, damaged, too new, missing, in
 * use), one opened read-only, and one that other users of the computer can
 * read: each gets a dialog with what happened and what to do.
 */
#include "config.h"

#include "jd-ledger-dialogs.h"

#include <glib/gi18n-lib.h>

#include "jd-alerts.h"
#include "jd-backups.h"
#include "jd-error.h"
#include "jd-output.h"

/* Restore a Backup…: the window's win.restore-backup(PATH). */
static void
open_failure_response_cb (AdwMessageDialog *dialog, const char *response, GtkWidget *parent)
{
  if (g_strcmp0 (response, "backups") == 0)
    gtk_widget_activate_action (parent, "win.restore-backup", "s",
                                g_object_get_data (G_OBJECT (dialog), "jd-path"));
}

/* What went wrong, in a heading, the core's message (which names the file) and
 * what to do; a damaged ledger with backups offers to restore one. The file
 * itself was not changed: the core reads its header before SQLite may write. */
GtkWindow *
jd_ledger_dialog_open_failure (GtkWindow *parent, const char *path, const GError *error)
{
  const char *heading = _ ("Cannot Open the Ledger");
  const char *advice = NULL;
  gboolean offer_backups = FALSE;

  if (error->domain == JD_ERROR)
    switch (error->code)
      {
        case JD_ERROR_NOT_LEDGER:
          heading = _ ("Not a Jindu Ledger");
          advice = _ ("The file was not changed. Open a ledger file made by Jindu Ledger, or "
                      "create a new ledger.");
          break;
        case JD_ERROR_DAMAGED:
          heading = _ ("The Ledger Is Damaged");
          advice = _ ("The file was not changed. Restore the latest backup, or ask for a good "
                      "copy of the file.");
          offer_backups = TRUE;
          break;
        case JD_ERROR_TOO_NEW:
          heading = _ ("Made by a Newer Version");
          advice = _ ("The file was not changed. Open it with the newer Jindu Ledger that wrote "
                      "it, or update this one.");
          break;
        case JD_ERROR_NOT_FOUND:
          heading = _ ("The Ledger Is Missing");
          advice = _ ("Open another ledger, or create a new one.");
          break;
        case JD_ERROR_BUSY:
          heading = _ ("The Ledger Is in Use");
          advice = _ ("Close the other program that has it open, then open it again.");
          break;
        default:
          break;
      }

  g_autoptr (GPtrArray) backups = path && offer_backups ? jd_backups_list (path, NULL) : NULL;
  g_autofree char *body
      = advice ? g_strdup_printf ("%s\n\n%s", error->message, advice) : g_strdup (error->message);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  adw_message_dialog_add_response (dialog, "close", _ ("_Close"));
  adw_message_dialog_set_close_response (dialog, "close");
  if (backups && backups->len > 0)
    {
      adw_message_dialog_add_response (dialog, "backups", _ ("Restore a _Backup…"));
      adw_message_dialog_set_response_appearance (dialog, "backups", ADW_RESPONSE_SUGGESTED);
      g_object_set_data_full (G_OBJECT (dialog), "jd-path", g_strdup (path), g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (open_failure_response_cb), parent,
                               0);
    }
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* Said once, when the ledger opens, before anyone types in a form that
 * cannot be saved: the message every failed save gives, and what to do. */
void
jd_ledger_dialog_read_only (GtkWindow *parent, const GError *error)
{
  g_autofree char *body = g_strdup_printf (
      "%s\n\n%s", error->message,
      _ ("You can look through the ledger, but nothing can be saved in it. To work in it, make "
         "the file writable, or copy it to a folder of your own and open the copy."));
  jd_show_error_dialog (parent, _ ("Opened Read-Only"), body);
}

static void
privacy_response_cb (AdwMessageDialog *dialog, const char *response, GtkWindow *parent)
{
  g_autoptr (GError) error = NULL;
  const char *path = g_object_get_data (G_OBJECT (dialog), "jd-path");

  if (g_strcmp0 (response, "private") != 0)
    return;
  if (jd_output_make_ledger_private (path, &error))
    jd_show_toast (GTK_WIDGET (parent), adw_toast_new (_ ("Only you can read the ledger now")));
  else
    jd_show_error_dialog (parent, _ ("The Ledger Is Still Shared"), error->message);
}

/* Said once, when the ledger opens: a file others may read gives personal
 * data away; the fix (chmod 600, with its -wal and -shm) is one button. */
void
jd_ledger_dialog_offer_privacy (GtkWindow *parent, const char *path, guint mode)
{
  g_autofree char *body = g_strdup_printf (
      _ ("Other users of this computer can read %s (permissions %03o), and it holds personal "
         "data. Make it readable by you only?"),
      path, mode);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
      adw_message_dialog_new (parent, _ ("Others Can Read This Ledger"), body));
  adw_message_dialog_add_responses (dialog, "later", _ ("_Not Now"), "private", _ ("_Make Private"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "private", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "private");
  adw_message_dialog_set_close_response (dialog, "later");
  g_object_set_data_full (G_OBJECT (dialog), "jd-path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (privacy_response_cb), parent, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
