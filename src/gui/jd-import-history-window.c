/* jd-import-history-window.c: the imports of the ledger, each undoable as a whole
 * (docs/contract.md §6, §8)
 *
 * One row per import, newest first: the file, then its kind, time, user and
 * the rows it added and updated. Its Undo Import button asks first, then
 * undoes the import in one transaction (jd-import-history.c); when a later
 * change blocks it, the message names that change and nothing is written.
 */
#include "config.h"

#include "jd-import-history-window.h"

#include <glib/gi18n-lib.h>

#include "jd-alerts.h"
#include "jd-import-history.h"

struct _JdImportHistoryWindow
{
  AdwWindow parent_instance;

  JdLedger *ledger;
  GtkListBox *list;
  GtkStack *stack;
  AdwToastOverlay *toasts;
};

G_DEFINE_FINAL_TYPE (JdImportHistoryWindow, jd_import_history_window, ADW_TYPE_WINDOW)

/* The kinds of docs/contract.md §6 as a user reads them. */
static const char *
kind_label (const char *key)
{
  JdImportKind kind = jd_import_kind_from_string (key);
  return kind == JD_IMPORT_INVALID ? key : jd_import_kind_label (kind);
}

/* 2026-12-06T10:30:05 → 2026-12-06 10:30 */
static char *
minutes (const char *at)
{
  char *text = g_strndup (at ? at : "", 16);
  return g_strdelimit (text, "T", ' ');
}

static void
show_message (JdImportHistoryWindow *self, const char *heading, const char *body)
{
  AdwMessageDialog *dialog
      = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* An undo under way: the window (weak: it may close meanwhile) and the
 * import's number. */
typedef struct
{
  GWeakRef window;
  gint64 id;
} Undoing;

static void
undoing_free (Undoing *undoing)
{
  g_weak_ref_clear (&undoing->window);
  g_free (undoing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Undoing, undoing_free)

static void
undo_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Undoing) undoing = user_data;
  g_autoptr (GError) error = NULL;
  gboolean undone = jd_import_undo_finish (result, &error);

  g_autoptr (JdImportHistoryWindow) self = g_weak_ref_get (&undoing->window);
  if (self == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  if (!undone)
    show_message (self, _ ("The Import Was Not Undone"), error->message);
  else
    {
      /* TRANSLATORS: the number of the import that was undone. */
      g_autofree char *said = g_strdup_printf (_ ("Import %lld undone"), (long long)undoing->id);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (said));
    }
  jd_import_history_window_reload (self);
}

static void
confirm_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  JdImportHistoryWindow *self = JD_IMPORT_HISTORY_WINDOW (user_data);
  if (g_strcmp0 (response, "undo") != 0)
    return;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "batch"));
  /* A large import takes seconds to undo: off the window's thread, the list
   * insensitive meanwhile. */
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  Undoing *undoing = g_new0 (Undoing, 1);
  g_weak_ref_init (&undoing->window, self);
  undoing->id = id;
  jd_import_undo_async (self->ledger, id, undo_done_cb, undoing);
}

static void
undo_clicked_cb (GtkButton *button, gpointer user_data)
{
  JdImportHistoryWindow *self = JD_IMPORT_HISTORY_WINDOW (user_data);
  const JdImportBatch *batch = g_object_get_data (G_OBJECT (button), "batch");
  g_autoptr (GError) error = NULL;

  if (!jd_import_undo_check (self->ledger, batch->id, &error))
    {
      show_message (self, _ ("This Import Cannot Be Undone"), error->message);
      return;
    }
  /* TRANSLATORS: the file that was imported. */
  g_autofree char *heading = g_strdup_printf (_ ("Undo the Import of %s?"), batch->file);
  g_autofree char *body = g_strdup_printf (
      /* TRANSLATORS: how many records the import added, then how many it updated. */
      _ ("The %u records it added will be deleted, and the %u it updated get their values from "
         "before the import back. The audit log keeps both the import and its undo."),
      batch->added, batch->updated);
  AdwMessageDialog *dialog
      = jd_ask_question (GTK_WINDOW (self), heading, body, _ ("_Cancel"), "undo",
                         _ ("_Undo Import"), ADW_RESPONSE_DESTRUCTIVE, NULL, NULL);
  g_object_set_data (G_OBJECT (dialog), "batch", GSIZE_TO_POINTER ((gsize)batch->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_cb), self, 0);
}

static GtkWidget *
batch_row (JdImportHistoryWindow *self, JdImportBatch *batch)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *file = g_markup_escape_text (batch->file, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), file);
  g_autofree char *at = minutes (batch->imported_at);
  g_autofree char *subtitle = NULL;
  if (batch->undone_at)
    {
      g_autofree char *undone = minutes (batch->undone_at);
      subtitle = g_strdup_printf (
          /* TRANSLATORS: import number, kind, time, user, rows added and updated, when undone. */
          _ ("No. %lld · %s · %s · %s · %u added, %u updated · undone %s"), (long long)batch->id,
          kind_label (batch->kind), at, batch->user ? batch->user : "", batch->added,
          batch->updated, undone);
    }
  else
    subtitle = g_strdup_printf (
        /* TRANSLATORS: import number, kind, time, user, rows added and updated. */
        _ ("No. %lld · %s · %s · %s · %u added, %u updated"), (long long)batch->id,
        kind_label (batch->kind), at, batch->user ? batch->user : "", batch->added, batch->updated);
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);

  if (batch->undone_at == NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_ ("_Undo Import"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* TRANSLATORS: what the button does, for a screen reader: the file imported. */
      g_autofree char *name = g_strdup_printf (_ ("Undo the import of %s"), batch->file);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "batch", batch,
                              (GDestroyNotify)jd_import_batch_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (undo_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  else
    jd_import_batch_free (batch);
  return row;
}

void
jd_import_history_window_reload (JdImportHistoryWindow *self)
{
  g_return_if_fail (JD_IS_IMPORT_HISTORY_WINDOW (self));

  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) batches = jd_import_history_list (self->ledger, &error);
  if (batches == NULL)
    {
      show_message (self, _ ("The Import History Cannot Be Read"), error->message);
      return;
    }
  for (guint i = 0; i < batches->len; i++)
    gtk_list_box_append (self->list, batch_row (self, batches->pdata[i]));
  /* The rows own their batches now. */
  g_ptr_array_set_free_func (batches, NULL);
  gtk_stack_set_visible_child_name (self->stack, batches->len ? "list" : "empty");
}

GtkListBox *
jd_import_history_window_get_list (JdImportHistoryWindow *self)
{
  g_return_val_if_fail (JD_IS_IMPORT_HISTORY_WINDOW (self), NULL);
  return self->list;
}

/* Another import, or an undo from elsewhere: every write adds audit rows. */
static void
ledger_changed_cb (JdLedger *ledger, JdChanges changes, gpointer user_data)
{
  if (changes & JD_CHANGE_AUDIT)
    jd_import_history_window_reload (JD_IMPORT_HISTORY_WINDOW (user_data));
}

static void
jd_import_history_window_dispose (GObject *object)
{
  JdImportHistoryWindow *self = JD_IMPORT_HISTORY_WINDOW (object);
  g_clear_object (&self->ledger);
  G_OBJECT_CLASS (jd_import_history_window_parent_class)->dispose (object);
}

static void
jd_import_history_window_class_init (JdImportHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = jd_import_history_window_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jd_import_history_window_init (JdImportHistoryWindow *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _ ("Import History"));
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 560);

  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Imports, newest first"), -1);
  GtkWidget *clamp = adw_clamp_new ();
  gtk_widget_set_margin_top (clamp, 18);
  gtk_widget_set_margin_bottom (clamp, 18);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);

  GtkWidget *empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "document-open-recent-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _ ("No Imports"));
  adw_status_page_set_description (
      ADW_STATUS_PAGE (empty),
      _ ("Files imported into this ledger are listed here, and each can be undone."));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
}

JdImportHistoryWindow *
jd_import_history_window_new (GtkWindow *parent, JdLedger *ledger)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  JdImportHistoryWindow *self = g_object_new (JD_TYPE_IMPORT_HISTORY_WINDOW, "transient-for",
                                              parent, "destroy-with-parent", TRUE, NULL);
  self->ledger = g_object_ref (ledger);
  g_signal_connect_object (ledger, "changed", G_CALLBACK (ledger_changed_cb), self, 0);
  jd_import_history_window_reload (self);
  return self;
}
