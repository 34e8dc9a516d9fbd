/* jd-package-dialogs.c: packages from the window (docs/contract.md §9, docs/packages.md)
 *
 * The dialogs ask; the core writes and reads (jd-package.c, jd-transfer.c):
 * the township's package through jd-export-task.c, on a worker thread with
 * its own connection, a transfer and its import on the window's connection
 * (one person's rows, a moment's work), whose "changed" notice refreshes the
 * person's window and the lists.
 */
#include "config.h"

#include "jd-package-dialogs.h"

#include <glib/gi18n.h>

#include "jd-alerts.h"
#include "jd-date.h"
#include "jd-error.h"
#include "jd-export-task.h"
#include "jd-mask.h"
#include "jd-package.h"
#include "jd-person.h"
#include "jd-transfer.h"
#include "jd-village-list.h"

/* ---- a file chooser for packages --------------------------------------------------------- */

typedef void (*ChosenFunc) (GtkWindow *parent, JdLedger *ledger, const char *path, gpointer data);

typedef struct
{
  GtkWindow *parent;
  JdLedger *ledger;
  ChosenFunc func;
  gpointer data;
  GDestroyNotify data_free;
} Chooser;

static void
chooser_response_cb (GtkNativeDialog *native, int response, gpointer user_data)
{
  Chooser *chooser = user_data;
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      if (path)
        chooser->func (chooser->parent, chooser->ledger, path, chooser->data);
    }
  g_object_unref (chooser->parent);
  g_object_unref (chooser->ledger);
  if (chooser->data_free)
    chooser->data_free (chooser->data);
  g_free (chooser);
  g_object_unref (native);
}

/* A chooser of .jdpkg files: to save (suggested_name) or to open. */
static void
choose_package (GtkWindow *parent,
                JdLedger *ledger,
                const char *title,
                const char *accept,
                const char *suggested_name,
                ChosenFunc func,
                gpointer data,
                GDestroyNotify data_free)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (
      title, parent, suggested_name ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
      accept, _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _ ("Jindu Packages"));
  gtk_file_filter_add_pattern (filter, "*.jdpkg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (suggested_name)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  Chooser *chooser = g_new0 (Chooser, 1);
  chooser->parent = g_object_ref (parent);
  chooser->ledger = g_object_ref (ledger);
  chooser->func = func;
  chooser->data = data;
  chooser->data_free = data_free;
  g_signal_connect (native, "response", G_CALLBACK (chooser_response_cb), chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static char *
today_text (void)
{
  char day[JD_DAY_STRLEN];
  jd_day_format (jd_today (), day);
  return g_strdup (day);
}

/* "甲镇-2026-12-06.jdpkg", without what a file name cannot hold. */
static char *
package_name (const char *prefix, const char *township)
{
  g_autofree char *day = today_text ();
  char *name = g_strdup_printf ("%s%s-%s.jdpkg", prefix, township ? township : "", day);
  g_strdelimit (name, "/\\:", '_');
  return name;
}

/* ---- Send to County… --------------------------------------------------------------------- */

static gboolean
write_package (JdLedger *reader, const JdFileJob *file, gpointer data, GError **error)
{
  return jd_package_write (reader, file->path, JD_OUTPUT_FORCE, NULL, file->progress,
                           file->progress_data, file->cancellable, error);
}

void
jd_send_to_county_write (GtkWidget *widget, JdLedger *ledger, const char *path)
{
  g_return_if_fail (GTK_IS_WIDGET (widget) && JD_IS_LEDGER (ledger) && path != NULL);
  /* The file chooser asked before replacing a file. */
  jd_export_task_start (widget, ledger, path, write_package, NULL, NULL);
}

static void
send_chosen (GtkWindow *parent, JdLedger *ledger, const char *path, gpointer data)
{
  jd_send_to_county_write (GTK_WIDGET (parent), ledger, path);
}

static void
send_response_cb (AdwMessageDialog *dialog, const char *response, JdLedger *ledger)
{
  if (g_strcmp0 (response, "choose") != 0)
    return;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  g_autofree char *township = jd_ledger_dup_township (ledger);
  g_autofree char *name = package_name ("", township);
  choose_package (parent, ledger, _ ("Send to County"), _ ("_Save"), name, send_chosen, NULL, NULL);
}

void
jd_send_to_county_present (GtkWindow *parent, JdLedger *ledger)
{
  g_return_if_fail (JD_IS_LEDGER (ledger));
  g_autoptr (GError) error = NULL;
  guint8 key[JD_PACKAGE_PUBLIC_KEY_BYTES];
  /* The key is made here on first use, so its fingerprint can be read out first. */
  if (!jd_package_ledger_key (ledger, key, &error))
    {
      jd_show_error_dialog (parent, _ ("Could Not Send to County"), error->message);
      return;
    }
  g_autofree char *fingerprint = jd_package_fingerprint (key);
  g_autofree char *township = jd_ledger_dup_township (ledger);
  g_autofree char *body = g_strdup_printf (
      _ ("The package holds a snapshot of the whole ledger of %s, signed with the township’s key. "
         "It is not encrypted: carry it as you would the ledger.\n\n"
         "The first time, read the key’s fingerprint to the county office on the telephone:\n%s"),
      township ? township : "", fingerprint);
  GtkWidget *dialog = adw_message_dialog_new (parent, _ ("Send to County"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "choose",
                                    _ ("_Choose File…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "jd-ledger", g_object_ref (ledger), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (send_response_cb), ledger);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Transfer to Another Township… ------------------------------------------------------- */

gboolean
jd_transfer_person_write (
    GtkWidget *widget, JdLedger *ledger, gint64 person_id, const char *to, const char *path)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget) && JD_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (to != NULL && path != NULL, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (JdPerson) person = jd_person_load (ledger, person_id, &error);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  if (person == NULL
      || !jd_transfer_write (ledger, person->id_number, to, path, JD_OUTPUT_FORCE, NULL, &error))
    {
      jd_show_error_dialog (window, _ ("Could Not Transfer"), error->message);
      return FALSE;
    }
  g_autofree char *base = g_path_get_basename (path);
  jd_show_toast (widget,
                 adw_toast_new_format (_ ("Transferred to %s; the package is “%s”"), to, base));
  return TRUE;
}

typedef struct
{
  gint64 person_id;
  char *to;
} Transfer;

static void
transfer_free (gpointer data)
{
  Transfer *transfer = data;
  g_free (transfer->to);
  g_free (transfer);
}

static void
transfer_chosen (GtkWindow *parent, JdLedger *ledger, const char *path, gpointer data)
{
  Transfer *transfer = data;
  jd_transfer_person_write (GTK_WIDGET (parent), ledger, transfer->person_id, transfer->to, path);
}

static void
transfer_entry_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  adw_message_dialog_set_response_enabled (dialog, "choose", *text != '\0');
}

static void
transfer_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  if (g_strcmp0 (response, "choose") != 0)
    return;
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "jd-entry");
  JdLedger *ledger = g_object_get_data (G_OBJECT (dialog), "jd-ledger");
  Transfer *transfer = g_new0 (Transfer, 1);
  transfer->person_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "jd-person"));
  transfer->to = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *name = package_name (_ ("transfer-"), transfer->to);
  choose_package (gtk_window_get_transient_for (GTK_WINDOW (dialog)), ledger,
                  _ ("Transfer to Another Township"), _ ("_Save"), name, transfer_chosen, transfer,
                  transfer_free);
}

GtkWidget *
jd_transfer_present (GtkWindow *parent, JdLedger *ledger, gint64 person_id)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger) && person_id > 0, NULL);
  g_autofree char *name = jd_person_dup_name (ledger, person_id);
  g_autofree char *body = g_strdup_printf (
      _ ("The whole record of %s goes into a package signed with this township’s key, for the "
         "receiving township to import. Here the record then ends with the status Moved out and a "
         "note naming that township."),
      name ? name : "");
  GtkWidget *dialog = adw_message_dialog_new (parent, _ ("Transfer to Another Township"), body);
  /* A plain entry: libadwaita 1.2's message dialog mis-sizes an AdwEntryRow. */
  GtkWidget *entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _ ("Receiving Township"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Receiving Township"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "choose",
                                    _ ("_Choose File…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "choose", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "jd-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "jd-person", GSIZE_TO_POINTER ((gsize)person_id));
  g_object_set_data_full (G_OBJECT (dialog), "jd-ledger", g_object_ref (ledger), g_object_unref);
  g_signal_connect (entry, "changed", G_CALLBACK (transfer_entry_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (transfer_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* ---- Receive Transfer… ------------------------------------------------------------------- */

gboolean
jd_receive_transfer_import (GtkWidget *widget,
                            JdLedger *ledger,
                            const char *path,
                            const char *village_code)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget) && JD_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (path != NULL && village_code != NULL, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (JdTransferImported) imported = jd_transfer_import (ledger, path, village_code, &error);
  if (imported == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (widget);
      jd_show_error_dialog (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                            _ ("Could Not Receive the Transfer"), error->message);
      return FALSE;
    }
  g_autofree char *masked = jd_mask_id_number (imported->id_number);
  if (imported->already)
    jd_show_toast (widget, adw_toast_new_format (_ ("The transfer of %s was imported before; "
                                                    "nothing was added"),
                                                 masked));
  else
    jd_show_toast (widget,
                   adw_toast_new_format (_ ("Received %s from %s (records added: %u)"), masked,
                                         imported->from_township, imported->records));
  return TRUE;
}

static void
receive_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  if (g_strcmp0 (response, "import") != 0)
    return;
  GtkDropDown *row = g_object_get_data (G_OBJECT (dialog), "jd-villages");
  GListModel *villages = g_object_get_data (G_OBJECT (dialog), "jd-village-items");
  g_autoptr (JdVillageItem) item
      = g_list_model_get_item (villages, gtk_drop_down_get_selected (row));
  if (item == NULL)
    return;
  jd_receive_transfer_import (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (dialog))),
                              g_object_get_data (G_OBJECT (dialog), "jd-ledger"),
                              g_object_get_data (G_OBJECT (dialog), "jd-path"),
                              jd_village_item_get_code (item));
}

GtkWidget *
jd_receive_transfer_ask_village (GtkWindow *parent, JdLedger *ledger, const char *path)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger) && path != NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JdPackageManifest) manifest = jd_package_read (path, NULL, NULL, &error);
  if (manifest && g_strcmp0 (manifest->kind, "transfer") != 0)
    g_set_error (&error, JD_ERROR, JD_ERROR_INVALID,
                 _ ("%s is a township’s package for the county, not a transfer of a person"), path);
  g_autoptr (GListStore) villages = error ? NULL : jd_village_list_load (ledger, &error);
  if (error)
    {
      jd_show_error_dialog (parent, _ ("Could Not Receive the Transfer"), error->message);
      return NULL;
    }
  g_autofree char *masked = jd_mask_id_number (manifest->id_number);
  g_autofree char *body = g_strdup_printf (
      _ ("The transfer of %s from %s, signed with the key %s. Choose the village that will "
         "manage the person here."),
      masked, manifest->township, manifest->fingerprint);
  GtkWidget *dialog = adw_message_dialog_new (parent, _ ("Receive Transfer"), body);

  GtkStringList *labels = gtk_string_list_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (villages)); i++)
    {
      g_autoptr (JdVillageItem) item = g_list_model_get_item (G_LIST_MODEL (villages), i);
      g_autofree char *label = g_strdup_printf ("%s %s", jd_village_item_get_code (item),
                                                jd_village_item_get_name (item));
      gtk_string_list_append (labels, label);
    }
  GtkWidget *row = gtk_drop_down_new (G_LIST_MODEL (labels), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Managing Village"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), row);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "import",
                                    _ ("_Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import",
                                           g_list_model_get_n_items (G_LIST_MODEL (villages)) > 0);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "jd-villages", row);
  g_object_set_data_full (G_OBJECT (dialog), "jd-village-items", g_object_ref (villages),
                          g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "jd-ledger", g_object_ref (ledger), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "jd-path", g_strdup (path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (receive_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
receive_chosen (GtkWindow *parent, JdLedger *ledger, const char *path, gpointer data)
{
  jd_receive_transfer_ask_village (parent, ledger, path);
}

void
jd_receive_transfer_present (GtkWindow *parent, JdLedger *ledger)
{
  g_return_if_fail (JD_IS_LEDGER (ledger));
  choose_package (parent, ledger, _ ("Receive Transfer"), _ ("_Open"), NULL, receive_chosen, NULL,
                  NULL);
}
