/* jd-backups-dialog.c: the ledger's backups: one made now, one restored
 *
 * Lists the backups (made daily when the ledger opens, and with Back Up Now)
 * with their date and counts. Restoring asks first, closes the ledger and
 * every window on it, backs the ledger up as it is, puts the backup in its
 * place and opens it again; all the file work is the core's, on a thread and
 * a connection of its own (jd-ledger-async.h).
 */
#include "config.h"

#include "jd-backups-dialog.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "jd-alerts.h"
#include "jd-ledger-async.h"

struct _JdBackupsDialog
{
  AdwWindow parent_instance;

  char *ledger_path;
  AdwPreferencesGroup *group;
  GListStore *rows; /* the rows shown, AdwActionRow */
  GtkWidget *back_up_button;
  guint busy;
};

G_DEFINE_FINAL_TYPE (JdBackupsDialog, jd_backups_dialog, ADW_TYPE_WINDOW)

enum
{
  CLOSE_LEDGER,
  OPEN_LEDGER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (JdBackupsDialog *self);

static void
set_busy (JdBackupsDialog *self, gboolean busy)
{
  self->busy += busy ? 1 : -1;
  gtk_widget_set_sensitive (self->back_up_button, self->busy == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.restore", self->busy == 0);
}

gboolean
jd_backups_dialog_is_busy (JdBackupsDialog *self)
{
  return self->busy > 0;
}

GListModel *
jd_backups_dialog_get_rows (JdBackupsDialog *self)
{
  return G_LIST_MODEL (self->rows);
}

/* Over the window the dialog is transient for. */
static void
toast (JdBackupsDialog *self, AdwToast *toast)
{
  jd_show_toast (GTK_WIDGET (self), toast);
}

/* ---- the list ------------------------------------------------------------------------------- */

static void
list_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (JdBackupsDialog) self = user_data;
  g_autoptr (GPtrArray) backups = jd_backups_list_finish (result, NULL);

  set_busy (self, FALSE);
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i > 0; i--)
    {
      g_autoptr (GtkWidget) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i - 1);
      adw_preferences_group_remove (self->group, row);
    }
  g_list_store_remove_all (self->rows);

  for (guint i = 0; backups && i < backups->len; i++)
    {
      const JdBackup *backup = backups->pdata[i];
      g_autofree char *size = g_format_size (backup->size);
      g_autofree char *counts
          = g_strdup_printf (_ ("%" PRId64 " persons · %" PRId64 " follow-ups · %s"),
                             backup->persons, backup->followups, size);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *restore = gtk_button_new_with_mnemonic (_ ("_Restore…"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), backup->made);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), counts);
      gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (restore), "backups.restore");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (restore), "(ss)", backup->path,
                                        backup->made);
      g_autofree char *name = g_strdup_printf (_ ("Restore the backup of %s"), backup->made);
      gtk_accessible_update_property (GTK_ACCESSIBLE (restore), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), restore);
      adw_preferences_group_add (self->group, row);
      g_list_store_append (self->rows, row);
    }
  adw_preferences_group_set_description (
      self->group, backups && backups->len ? NULL
                                           : _ ("No backups yet. One is made each day the "
                                                "ledger is opened."));
}

static void
reload (JdBackupsDialog *self)
{
  set_busy (self, TRUE);
  jd_backups_list_async (self->ledger_path, NULL, list_done_cb, g_object_ref (self));
}

/* ---- backing up now ----------------------------------------------------------------------- */

static void
back_up_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (JdBackupsDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  set_busy (self, FALSE);
  if (!jd_backups_make_finish (result, NULL, &error))
    jd_show_error_dialog (GTK_WINDOW (self), _ ("The Backup Failed"), error->message);
  else
    toast (self, adw_toast_new (_ ("Backed up")));
  reload (self);
}

static void
back_up_cb (JdBackupsDialog *self)
{
  set_busy (self, TRUE);
  jd_backups_make_async (self->ledger_path, NULL, back_up_done_cb, g_object_ref (self));
}

/* ---- restoring ------------------------------------------------------------------------------ */

static void
restore_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (JdBackupsDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean restored = jd_backups_restore_finish (result, NULL, &error);

  set_busy (self, FALSE);
  /* Opened again either way: restored, or as it was. */
  g_signal_emit (self, signals[OPEN_LEDGER], 0, self->ledger_path);
  if (restored)
    toast (self, adw_toast_new (_ ("Backup restored; the ledger as it was is among the backups")));
  else
    jd_show_error_dialog (GTK_WINDOW (self), _ ("The Backup Was Not Restored"), error->message);
  reload (self);
}

void
jd_backups_dialog_restore (JdBackupsDialog *self, const char *path)
{
  g_return_if_fail (JD_IS_BACKUPS_DIALOG (self));

  if (self->busy)
    return;
  g_signal_emit (self, signals[CLOSE_LEDGER], 0);
  set_busy (self, TRUE);
  jd_backups_restore_async (self->ledger_path, path, NULL, restore_done_cb, g_object_ref (self));
}

static void
confirm_cb (AdwMessageDialog *dialog, const char *response, JdBackupsDialog *self)
{
  if (g_strcmp0 (response, "restore") == 0)
    jd_backups_dialog_restore (self, g_object_get_data (G_OBJECT (dialog), "jd-path"));
}

/* backups.restore((PATH, MADE)): asks first. */
static void
restore_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdBackupsDialog *self = JD_BACKUPS_DIALOG (widget);
  const char *path, *made;

  g_variant_get (parameter, "(&s&s)", &path, &made);
  g_autofree char *body = g_strdup_printf (
      _ ("The ledger will be replaced by its backup of %s. The ledger as it is now is backed "
         "up first, so it can be restored from this list in turn."),
      made);
  AdwMessageDialog *dialog
      = jd_ask_question (GTK_WINDOW (self), _ ("Restore This Backup?"), body, _ ("_Cancel"),
                         "restore", _ ("_Restore"), ADW_RESPONSE_DESTRUCTIVE, NULL, NULL);
  g_object_set_data_full (G_OBJECT (dialog), "jd-path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_cb), self, 0);
}

/* ---- the dialog ----------------------------------------------------------------------------- */

static void
jd_backups_dialog_dispose (GObject *object)
{
  JdBackupsDialog *self = JD_BACKUPS_DIALOG (object);

  g_clear_object (&self->rows);
  G_OBJECT_CLASS (jd_backups_dialog_parent_class)->dispose (object);
}

static void
jd_backups_dialog_finalize (GObject *object)
{
  g_free (JD_BACKUPS_DIALOG (object)->ledger_path);
  G_OBJECT_CLASS (jd_backups_dialog_parent_class)->finalize (object);
}

static void
jd_backups_dialog_class_init (JdBackupsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_backups_dialog_dispose;
  object_class->finalize = jd_backups_dialog_finalize;

  /* Before a restore replaces the file: whoever has the ledger open closes it,
   * and every window on it. */
  signals[CLOSE_LEDGER] = g_signal_new ("close-ledger", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* After a restore, done or not: the ledger at the path may be opened again. */
  signals[OPEN_LEDGER]
      = g_signal_new ("open-ledger", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  gtk_widget_class_install_action (widget_class, "backups.restore", "(ss)", restore_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jd_backups_dialog_init (JdBackupsDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();

  self->rows = g_list_store_new (GTK_TYPE_WIDGET);
  self->back_up_button = gtk_button_new_with_mnemonic (_ ("_Back Up Now"));
  gtk_widget_add_css_class (self->back_up_button, "suggested-action");
  g_signal_connect_swapped (self->back_up_button, "clicked", G_CALLBACK (back_up_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->back_up_button);
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _ ("Backups, Newest First"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_title (GTK_WINDOW (self), _ ("Backups"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 560);
}

JdBackupsDialog *
jd_backups_dialog_new (GtkWindow *parent, const char *ledger_path)
{
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  JdBackupsDialog *self
      = g_object_new (JD_TYPE_BACKUPS_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->ledger_path = g_strdup (ledger_path);
  reload (self);
  return self;
}
