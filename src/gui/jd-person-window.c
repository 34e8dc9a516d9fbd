/* jd-person-window.c: one registered person in a window of their own
 *
 * Five pages in an AdwViewStack: the details form (validated as typed, saved
 * with Ctrl+S, guarded on close), the status timeline, the help-group members
 * and agreements, the follow-ups and use events, and the audit history. One
 * window per person, transient for the main window; it reloads when the
 * ledger announces a change. Deleted rows disappear at once and are
 * deleted from the ledger when their toast goes away, unless undone.
 */
#include "config.h"

#include "jd-person-window-private.h"

#include <glib/gi18n-lib.h>

#include "jd-alerts.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-followup-dialog.h"
#include "jd-id-number.h"
#include "jd-package-dialogs.h"
#include "jd-person-moves.h"
#include "jd-person.h"
#include "jd-print.h"
#include "jd-save.h"
#include "jd-store.h"
#include "jd-village-list.h"

G_DEFINE_FINAL_TYPE (JdPersonWindow, jd_person_window, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (JdPersonWindow *self);

/* Shows a toast in place of the one before (a deletion behind it becomes final). */
static void
show_toast (JdPersonWindow *self, AdwToast *toast)
{
  jd_show_toast_in_place (self->toast_overlay, &self->last_toast, toast);
}

/* ---- small helpers ------------------------------------------------------------- */

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_entry_text (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static char *
format_day (JdDay day)
{
  return day ? jd_day_to_string (day) : g_strdup ("");
}

static void
set_modified (JdPersonWindow *self, gboolean modified)
{
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* ---- the details form ------------------------------------------------------------ */

/* Checks the ID number as typed: the reason on the row, sex and birth date from it. */
static gboolean
check_id_number (JdPersonWindow *self)
{
  const char *text = entry_text (self->id_number_row);
  g_autofree char *normalized = NULL;
  g_autoptr (GError) error = NULL;
  gboolean valid = FALSE;

  if (*text == '\0')
    jd_row_set_error (GTK_WIDGET (self->id_number_row), _ ("Required"));
  else if (!jd_id_number_validate (text, &normalized, &error))
    jd_row_set_error (GTK_WIDGET (self->id_number_row), error->message);
  else
    {
      jd_row_set_error (GTK_WIDGET (self->id_number_row), NULL);
      valid = TRUE;
    }

  if (valid)
    {
      g_autofree char *birth = format_day (jd_id_number_birth_date (normalized));
      gtk_label_set_text (self->sex_label,
                          jd_enum_label (JD_ENUM_SEX, jd_id_number_sex (normalized)));
      gtk_label_set_text (self->birth_label, birth);
    }
  else
    {
      gtk_label_set_text (self->sex_label, "—");
      gtk_label_set_text (self->birth_label, "—");
    }
  return valid;
}

static gboolean
check_first_found (JdPersonWindow *self)
{
  return jd_date_row_check (GTK_WIDGET (self->first_found_row), JD_DATE_REQUIRED | JD_DATE_PAST,
                            NULL);
}

static gboolean
check_village (JdPersonWindow *self)
{
  if (jd_person_villages_at (self, adw_combo_row_get_selected (self->village_row)) == 0)
    {
      jd_row_set_error (GTK_WIDGET (self->village_row),
                        _ ("Required: the village that manages the person"));
      return FALSE;
    }
  jd_row_set_error (GTK_WIDGET (self->village_row), NULL);
  return TRUE;
}

static void
field_changed_cb (JdPersonWindow *self, GParamSpec *pspec, GtkWidget *row)
{
  if (self->loading)
    return;
  set_modified (self, TRUE);

  /* The rows say what is wrong as soon as it is typed. */
  if (row == NULL || row == GTK_WIDGET (self->id_number_row))
    check_id_number (self);
  if (row == GTK_WIDGET (self->name_row))
    jd_text_row_check (GTK_WIDGET (self->name_row), TRUE, JD_TEXT_NAME);
  if (row == GTK_WIDGET (self->first_found_row))
    check_first_found (self);
  if (row == GTK_WIDGET (self->village_row))
    {
      check_village (self);
      gint64 chosen = jd_person_villages_at (self, adw_combo_row_get_selected (self->village_row));
      jd_person_moves_update_date_row (self->moved_on_row, self->person_id != 0 && chosen != 0
                                                               && chosen != self->village_today);
    }
  if (row == GTK_WIDGET (self->household_village_row))
    gtk_widget_set_visible (GTK_WIDGET (self->household_name_row),
                            jd_person_villages_outside (self));
}

/* "changed" has no pspec; the template connects both signals here. */
static void
entry_changed_cb (JdPersonWindow *self, GtkWidget *row)
{
  field_changed_cb (self, NULL, row);
}

static void
update_title (JdPersonWindow *self)
{
  const char *name = entry_text (self->name_row);
  if (self->person_id == 0)
    gtk_window_set_title (GTK_WINDOW (self), _ ("New Person"));
  else
    gtk_window_set_title (GTK_WINDOW (self), *name ? name : _ ("Person"));
  adw_view_switcher_title_set_title (self->switcher_title,
                                     gtk_window_get_title (GTK_WINDOW (self)));

  gboolean saved = self->person_id != 0;
  adw_view_stack_page_set_visible (self->status_stack_page, saved);
  adw_view_stack_page_set_visible (self->help_stack_page, saved);
  adw_view_stack_page_set_visible (self->followups_stack_page, saved);
  adw_view_stack_page_set_visible (self->history_stack_page, saved);
}

static void
fill_form (JdPersonWindow *self, JdPerson *person)
{
  self->loading = TRUE;
  set_entry_text (self->id_number_row, person ? person->id_number : NULL);
  set_entry_text (self->name_row, person ? person->name : NULL);
  set_entry_text (self->phone_row, person ? person->phone : NULL);
  set_entry_text (self->household_address_row, person ? person->household_address : NULL);
  guint household = 0;
  if (person && person->household_village_id)
    household = jd_person_villages_position (self, person->household_village_id);
  else if (person && person->household_village_name && *person->household_village_name)
    household = self->village_ids->len + 1;
  adw_combo_row_set_selected (self->household_village_row, household);
  set_entry_text (self->household_name_row, person ? person->household_village_name : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->household_name_row), jd_person_villages_outside (self));
  set_entry_text (self->residence_address_row, person ? person->residence_address : NULL);
  self->first_village = person ? person->village_id : 0;
  self->village_today = person ? jd_person_village_on (person, jd_today ()) : 0;
  adw_combo_row_set_selected (self->village_row,
                              person ? jd_person_villages_position (self, self->village_today) : 0);
  jd_person_moves_update_date_row (self->moved_on_row, FALSE);
  g_autofree char *found = format_day (person ? person->first_found_on : 0);
  set_entry_text (self->first_found_row, found);
  set_entry_text (self->drug_type_row, person ? person->drug_type : NULL);
  set_entry_text (self->key_category_row, person ? person->key_category : NULL);
  set_entry_text (self->note_row, person ? person->note : NULL);

  GtkWidget *rows[] = { GTK_WIDGET (self->id_number_row), GTK_WIDGET (self->name_row),
                        GTK_WIDGET (self->first_found_row), GTK_WIDGET (self->village_row) };
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    jd_row_set_error (rows[i], NULL);
  if (person)
    check_id_number (self);
  else
    {
      gtk_label_set_text (self->sex_label, "—");
      gtk_label_set_text (self->birth_label, "—");
    }
  self->loading = FALSE;
  set_modified (self, FALSE);
  update_title (self);
}

/* The row of a field's key (jd-store.h), for a store error that names it. */
static GtkWidget *
row_for_key (gpointer data, const char *key)
{
  JdPersonWindow *self = data;
  if (g_strcmp0 (key, "household_village") == 0 && jd_person_villages_outside (self))
    return GTK_WIDGET (self->household_name_row);
  if (g_strcmp0 (key, "sex") == 0 || g_strcmp0 (key, "birth_date") == 0)
    return GTK_WIDGET (self->id_number_row);
  if (g_strcmp0 (key, "household_village_name") == 0)
    return NULL;
  return jd_person_window_get_field (self, key);
}

/* The details as the rows hold them now, written in the save's transaction;
 * the person's id kept in saved_id. */
static gboolean
write_person_cb (JdLedger *ledger, gpointer data, GError **error)
{
  JdPersonWindow *self = data;
  g_autofree char *id_number = NULL;
  jd_id_number_validate (entry_text (self->id_number_row), &id_number, NULL);
  gint64 household
      = jd_person_villages_at (self, adw_combo_row_get_selected (self->household_village_row));
  JdPersonRecord record = {
    .id_number = id_number,
    .name = entry_text (self->name_row),
    .phone = entry_text (self->phone_row),
    .household_address = entry_text (self->household_address_row),
    .household_village_id = household,
    .household_village_name
    = jd_person_villages_outside (self) ? entry_text (self->household_name_row) : NULL,
    .residence_address = entry_text (self->residence_address_row),
    /* A saved person keeps their first village; a change is a move, below. */
    .village_id = self->person_id ? self->first_village
                                  : jd_person_villages_at (
                                      self, adw_combo_row_get_selected (self->village_row)),
    .first_found_on = jd_day_parse (entry_text (self->first_found_row)),
    .drug_type = entry_text (self->drug_type_row),
    .key_category = entry_text (self->key_category_row),
    .note = entry_text (self->note_row),
  };

  if (self->person_id == 0)
    {
      /* jd_store_person () updates the person with that ID number: a new one must not. */
      if (jd_store_find_person (ledger, id_number) != 0)
        {
          jd_set_field_error (error, "id_number", "%s",
                              _ ("a person with this ID number is already registered"));
          return FALSE;
        }
    }
  else if (!jd_person_set_id_number (ledger, self->person_id, id_number, error))
    return FALSE;
  if (jd_store_person (ledger, &record, &self->saved_id, error) == JD_STORE_FAILED)
    return FALSE;
  gint64 chosen = jd_person_villages_at (self, adw_combo_row_get_selected (self->village_row));
  if (self->person_id != 0 && chosen != self->village_today)
    {
      JdMoveRecord move = { .person_id = self->person_id,
                            .village_id = chosen,
                            .moved_on = jd_day_parse (entry_text (self->moved_on_row)) };
      if (move.moved_on == 0)
        {
          jd_set_field_error (error, "moved_on", "%s", _ ("Not a date: write 2024-03-05"));
          return FALSE;
        }
      if (jd_store_move (ledger, &move, error) == JD_STORE_FAILED)
        return FALSE;
    }
  return TRUE;
}

/* While another program holds the write lock the window goes on; the details
 * take no changes until the save is in or has failed. */
static void
set_saving (JdPersonWindow *self, GCancellable *saving)
{
  g_set_object (&self->saving, saving);
  /* The focus leaves the rows first: a focused row made insensitive loses it unannounced. */
  if (saving)
    gtk_root_set_focus (GTK_ROOT (self), NULL);
  gtk_widget_set_sensitive (adw_view_stack_get_child_by_name (self->view_stack, "details"),
                            saving == NULL);
  gtk_widget_set_sensitive (self->save_button, saving == NULL);
}

static void
person_saved_cb (GObject *owner, gboolean ok, const GError *error, gpointer data)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (owner);
  gboolean close = self->close_when_saved;

  /* Dropped with the window (its changes discarded): nothing was written. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->close_when_saved = FALSE;
  if (self->saving)
    set_saving (self, NULL);
  if (!ok)
    {
      if (jd_form_mark_error (error, row_for_key, self))
        adw_view_stack_set_visible_child_name (self->view_stack, "details");
      else
        jd_show_error_dialog (GTK_WINDOW (self), _ ("The Person Was Not Saved"), error->message);
      return;
    }
  self->person_id = self->saved_id;
  set_modified (self, FALSE);
  /* The commit's notice came while the form was still modified (and a new
   * person had no id yet): the form is read again now, today's village too. */
  reload (self);
  update_title (self);
  show_toast (self, adw_toast_new (_ ("Saved")));
  /* Saved from the question on closing: the window closes now. */
  if (close && gtk_widget_get_visible (GTK_WIDGET (self)))
    gtk_window_close (GTK_WINDOW (self));
}

/* Saves the details; FALSE, with the reasons on their rows, when the data is
 * bad, and FALSE while another program holds the write lock: then the window
 * says it is saving and the details go in when the lock is let go (or the
 * save fails saying so, what was typed kept). */
gboolean
jd_person_window_save (JdPersonWindow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_WINDOW (self), FALSE);

  if (self->saving)
    return FALSE;
  gboolean valid = check_id_number (self);
  valid &= jd_text_row_check (GTK_WIDGET (self->name_row), TRUE, JD_TEXT_NAME);
  valid &= check_first_found (self);
  valid &= check_village (self);
  if (!valid)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "details");
      show_toast (self, adw_toast_new (_ ("Not saved: correct the marked fields")));
      return FALSE;
    }

  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  JdSaveResult result = jd_save_run (self->ledger, write_person_cb, self, NULL, cancellable,
                                     G_OBJECT (self), person_saved_cb);
  if (result != JD_SAVE_WAITING)
    return result == JD_SAVE_SAVED;
  set_saving (self, cancellable);
  show_toast (self,
              adw_toast_new (_ ("Saving… Another program is writing to the ledger; the person "
                                "is saved as soon as it has finished.")));
  return FALSE;
}

/* person.transfer: Transfer to Another Township… (jd-package-dialogs.c), once saved. */
static void
transfer_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (widget);
  if (self->person_id > 0)
    jd_transfer_present (GTK_WINDOW (self), self->ledger, self->person_id);
}

/* The person's help file, through GTK's print dialog (src/gui/jd-print.c). */
static void
print_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (widget);
  JdDossierOptions options = { .scope = JD_DOSSIER_PERSON, .id = self->person_id };
  if (self->person_id)
    jd_print_dossier (GTK_WINDOW (self), self->ledger, &options);
}

static void
save_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  jd_person_window_save (JD_PERSON_WINDOW (widget));
}

static void
entry_activated_cb (JdPersonWindow *self)
{
  jd_person_window_save (self);
}

static void
visible_page_cb (JdPersonWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  if (g_strcmp0 (name, "history") == 0 && !self->history_loaded && self->person_id)
    jd_person_history_fill (self);
}

/* Reads the person again: the lists always, the form when it has no unsaved edits. */
static void
reload (JdPersonWindow *self)
{
  g_autoptr (JdPerson) person = jd_person_records_reload (self);
  if (person == NULL)
    return;
  if (!self->modified)
    fill_form (self, person);
  self->history_loaded = FALSE;
  visible_page_cb (self);
}

static void
ledger_changed_cb (JdPersonWindow *self, JdChanges changes)
{
  if (changes & JD_CHANGE_RECORDS)
    reload (self);
}

static void
add_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (widget);
  const char *kind = g_str_equal (action_name, "person.new-status")      ? "status"
                     : g_str_equal (action_name, "person.add-member")    ? "member"
                     : g_str_equal (action_name, "person.add-agreement") ? "agreement"
                                                                         : "use_event";
  if (self->person_id != 0)
    jd_person_add_dialog_present (self, kind);
}

/* person.record-followup(KIND): the quick entry, the kind chosen (Ctrl+T, Ctrl+U, Ctrl+H). */
static void
record_followup_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (widget);
  if (self->person_id != 0)
    jd_followup_dialog_present (self->ledger, GTK_WINDOW (self), self->person_id,
                                g_variant_get_string (parameter, NULL));
}

/* ---- closing ------------------------------------------------------------------------ */

static gboolean
save_cb (gpointer window)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (window);
  gboolean saved = jd_person_window_save (self);
  /* Waiting for another program's write: the window closes once saved. */
  if (self->saving)
    self->close_when_saved = TRUE;
  return saved;
}

static void
closing_cb (GtkWindow *window)
{
  set_modified (JD_PERSON_WINDOW (window), FALSE);
}

static gboolean
jd_person_window_close_request (GtkWindow *window)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (window);

  if (self->modified)
    {
      jd_form_ask_to_save (
          window,
          _ ("The details of this person were changed. Changes that are not saved are lost."),
          save_cb, G_CALLBACK (closing_cb));
      return TRUE;
    }
  jd_person_window_commit_deletions (self);
  return GTK_WINDOW_CLASS (jd_person_window_parent_class)->close_request (window);
}

/* ---- the object --------------------------------------------------------------------- */

gint64
jd_person_window_get_person_id (JdPersonWindow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_WINDOW (self), 0);
  return self->person_id;
}

gboolean
jd_person_window_get_modified (JdPersonWindow *self)
{
  g_return_val_if_fail (JD_IS_PERSON_WINDOW (self), FALSE);
  return self->modified;
}

/* The form row of a field, by its key in jd-store.h (id_number, name, …). */
GtkWidget *
jd_person_window_get_field (JdPersonWindow *self, const char *key)
{
  g_return_val_if_fail (JD_IS_PERSON_WINDOW (self), NULL);
  const JdFieldRow fields[] = {
    { "id_number", self->id_number_row },
    { "name", self->name_row },
    { "sex", self->sex_label },
    { "birth_date", self->birth_label },
    { "phone", self->phone_row },
    { "household_address", self->household_address_row },
    { "household_village", self->household_village_row },
    { "household_village_name", self->household_name_row },
    { "residence_address", self->residence_address_row },
    { "residence_village", self->village_row },
    { "village", self->village_row },
    { "moved_on", self->moved_on_row },
    { "first_found_on", self->first_found_row },
    { "drug_type", self->drug_type_row },
    { "key_category", self->key_category_row },
    { "note", self->note_row },
  };
  return jd_field_row_find (fields, G_N_ELEMENTS (fields), key);
}

static void
jd_person_window_dispose (GObject *object)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (object);

  /* A save still waiting for the write lock goes with the window (its
   * changes were discarded on closing). */
  if (self->saving)
    g_cancellable_cancel (self->saving);
  g_clear_object (&self->saving);
  /* What was deleted goes to the ledger with the window. */
  g_clear_pointer (&self->deletions, jd_deletions_free);
  if (self->ledger && self->changed_handler)
    g_signal_handler_disconnect (self->ledger, self->changed_handler);
  self->changed_handler = 0;
  g_clear_weak_pointer (&self->last_toast);

  G_OBJECT_CLASS (jd_person_window_parent_class)->dispose (object);
}

static void
jd_person_window_finalize (GObject *object)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (object);

  g_clear_object (&self->ledger);
  g_clear_pointer (&self->village_ids, g_array_unref);
  G_OBJECT_CLASS (jd_person_window_parent_class)->finalize (object);
}

static void
jd_person_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  JdPersonWindow *self = JD_PERSON_WINDOW (object);

  switch (prop_id)
    {
      case PROP_MODIFIED:
        g_value_set_boolean (value, self->modified);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_person_window_class_init (JdPersonWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = jd_person_window_dispose;
  object_class->finalize = jd_person_window_finalize;
  object_class->get_property = jd_person_window_get_property;
  window_class->close_request = jd_person_window_close_request;

  /* Whether the details form has changes not saved. */
  properties[PROP_MODIFIED]
      = g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jindu/Ledger/jd-person-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, JdPersonWindow, name)
  BIND (toast_overlay);
  BIND (switcher_title);
  BIND (save_button);
  BIND (view_stack);
  BIND (status_stack_page);
  BIND (help_stack_page);
  BIND (followups_stack_page);
  BIND (history_stack_page);
  BIND (id_number_row);
  BIND (name_row);
  BIND (sex_row);
  BIND (sex_label);
  BIND (birth_row);
  BIND (birth_label);
  BIND (phone_row);
  BIND (household_address_row);
  BIND (household_village_row);
  BIND (household_name_row);
  BIND (residence_address_row);
  BIND (village_row);
  BIND (first_found_row);
  BIND (drug_type_row);
  BIND (key_category_row);
  BIND (note_row);
  BIND (status_list);
  BIND (member_list);
  BIND (agreement_list);
  BIND (followup_list);
  BIND (use_event_list);
  BIND (history_list);
#undef BIND
  gtk_widget_class_bind_template_callback_full (widget_class, "field_changed_cb",
                                                G_CALLBACK (field_changed_cb));

  gtk_widget_class_install_action (widget_class, "person.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "person.print", NULL, print_action_cb);
  gtk_widget_class_install_action (widget_class, "person.transfer", NULL, transfer_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "person.print",
                                       NULL);
  gtk_widget_class_install_action (widget_class, "person.new-status", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "person.add-member", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "person.add-agreement", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "person.add-use-event", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "person.record-followup", "s",
                                   record_followup_action_cb);
  gtk_widget_class_install_action (widget_class, "person.delete", "(ix)",
                                   jd_person_records_delete_action_cb);
  gtk_widget_class_install_action (widget_class, "person.undo-delete", "s",
                                   jd_person_records_undo_delete_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "person.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "person.new-status", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "person.add-member", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "person.add-agreement", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "person.add-use-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "person.record-followup", "s", "talk");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK,
                                       "person.record-followup", "s", "urine_test");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "person.record-followup", "s", "home_visit");
}

static void
jd_person_window_init (JdPersonWindow *self)
{
  self->village_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));

  jd_person_records_init (self);
  self->moved_on_row = jd_person_moves_add_date_row (self->village_row);
  self->moves_group = jd_person_moves_add_group (self->village_row, &self->move_list);

  /* Entry rows report "changed" without a pspec, so they are connected here. */
  GtkWidget *entries[] = {
    GTK_WIDGET (self->id_number_row),      GTK_WIDGET (self->name_row),
    GTK_WIDGET (self->phone_row),          GTK_WIDGET (self->household_address_row),
    GTK_WIDGET (self->household_name_row), GTK_WIDGET (self->residence_address_row),
    GTK_WIDGET (self->first_found_row),    GTK_WIDGET (self->drug_type_row),
    GTK_WIDGET (self->key_category_row),   GTK_WIDGET (self->note_row),
    GTK_WIDGET (self->moved_on_row),
  };
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_signal_connect_swapped (entries[i], "changed", G_CALLBACK (entry_changed_cb), self);
      g_signal_connect_swapped (entries[i], "entry-activated", G_CALLBACK (entry_activated_cb),
                                self);
    }
  g_signal_connect_swapped (self->view_stack, "notify::visible-child", G_CALLBACK (visible_page_cb),
                            self);
  gtk_widget_set_visible (GTK_WIDGET (self->household_name_row), FALSE);
}

static JdPersonWindow *
find_person_window (JdLedger *ledger, gint64 person_id)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
      if (JD_IS_PERSON_WINDOW (toplevel) && JD_PERSON_WINDOW (toplevel)->ledger == ledger
          && JD_PERSON_WINDOW (toplevel)->person_id == person_id)
        return JD_PERSON_WINDOW (toplevel);
    }
  return NULL;
}

/* The person's window, brought forward if it is open; person_id 0: a new,
 * empty one. NULL (and a message) when there is no such person. */
JdPersonWindow *
jd_person_window_present (GtkWindow *window, JdLedger *ledger, gint64 person_id)
{
  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  JdPersonWindow *self = person_id > 0 ? find_person_window (ledger, person_id) : NULL;
  if (self)
    {
      gtk_window_present (GTK_WINDOW (self));
      return self;
    }

  g_autoptr (JdPerson) person = NULL;
  if (person_id > 0)
    {
      g_autoptr (GError) error = NULL;
      person = jd_person_load (ledger, person_id, &error);
      if (person == NULL)
        {
          jd_show_error_dialog (GTK_WINDOW (window), _ ("Cannot Open the Person"), error->message);
          return NULL;
        }
    }

  self = g_object_new (JD_TYPE_PERSON_WINDOW, "transient-for", window, "application",
                       gtk_window_get_application (GTK_WINDOW (window)), NULL);
  self->ledger = g_object_ref (ledger);
  jd_deletions_set_ledger (self->deletions, ledger);
  self->person_id = person_id > 0 ? person_id : 0;
  self->changed_handler = g_signal_connect_object (
      ledger, "changed", G_CALLBACK (ledger_changed_cb), self, G_CONNECT_SWAPPED);
  jd_person_villages_load (self);
  fill_form (self, person);
  if (person)
    reload (self);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (person ? self->name_row : self->id_number_row));
  return self;
}
