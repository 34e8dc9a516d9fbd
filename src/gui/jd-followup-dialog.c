/* jd-followup-dialog.c: the quick entry of one follow-up
 *
 * Opened with the kind chosen (from Work Due or the person window) and today's
 * date, with the focus on the date: a talk held today is recorded with Enter.
 * It saves through jd_store_followup () in its own transaction, whose commit
 * the ledger announces, so every page following it reloads.
 */
#include "config.h"

#include "jd-followup-dialog.h"

#include <glib/gi18n-lib.h>

#include "jd-alerts.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-form.h"
#include "jd-person.h"
#include "jd-save.h"
#include "jd-store.h"

struct _JdFollowupDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkWidget *save_button;
  AdwComboRow *kind_row;
  AdwEntryRow *date_row;
  AdwComboRow *result_row;
  AdwEntryRow *staff_row;
  AdwEntryRow *place_row;
  AdwEntryRow *content_row;

  JdLedger *ledger;
  gint64 person_id;
  GCancellable *saving; /* a save waiting for another program's write lock */
};

G_DEFINE_FINAL_TYPE (JdFollowupDialog, jd_followup_dialog, ADW_TYPE_WINDOW)

/* ---- the form ----------------------------------------------------------------- */

static GListModel *
enum_labels (JdEnum which)
{
  guint n;
  const JdEnumValue *values = jd_enum_values (which, &n);
  GtkStringList *list = gtk_string_list_new (NULL);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, _ (values[i].label));
  return G_LIST_MODEL (list);
}

static const char *
selected_key (AdwComboRow *row, JdEnum which)
{
  guint n, selected = adw_combo_row_get_selected (row);
  const JdEnumValue *values = jd_enum_values (which, &n);
  return selected < n ? values[selected].key : NULL;
}

static void
select_key (AdwComboRow *row, JdEnum which, const char *key)
{
  guint n;
  const JdEnumValue *values = jd_enum_values (which, &n);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (values[i].key, key) == 0)
      adw_combo_row_set_selected (row, i);
}

static const char *
get_kind (JdFollowupDialog *self)
{
  return selected_key (self->kind_row, JD_ENUM_FOLLOWUP_KIND);
}

static void
kind_changed_cb (JdFollowupDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->result_row),
                          g_strcmp0 (get_kind (self), "urine_test") == 0);
}

static JdDay
check_date (JdFollowupDialog *self)
{
  JdDay day;
  if (!jd_date_row_check (GTK_WIDGET (self->date_row), JD_DATE_REQUIRED | JD_DATE_PAST, &day))
    return 0;
  /* Death is final, nothing before the first-found date: said as typed. */
  JdLedger *ledger = self->ledger;
  g_autofree char *problem
      = ledger ? jd_store_person_day_problem (ledger, self->person_id, "followup", day) : NULL;
  jd_row_set_error (GTK_WIDGET (self->date_row), problem);
  return problem ? 0 : day;
}

static void
date_changed_cb (JdFollowupDialog *self)
{
  check_date (self);
}

/* The row of a field's key, for a store error that names it. */
static GtkWidget *
row_for_key (gpointer data, const char *key)
{
  JdFollowupDialog *self = data;
  const JdFieldRow fields[] = {
    { "kind", self->kind_row },     { "occurred_on", self->date_row },
    { "result", self->result_row }, { "staff", self->staff_row },
    { "place", self->place_row },   { "content", self->content_row },
  };
  return jd_field_row_find (fields, G_N_ELEMENTS (fields), key);
}

/* The follow-up as the rows hold it now, written in the save's transaction. */
static gboolean
write_followup_cb (JdLedger *ledger, gpointer data, GError **error)
{
  JdFollowupDialog *self = data;
  const char *kind = get_kind (self);
  JdFollowupRecord record = {
    .person_id = self->person_id,
    .kind = kind,
    .occurred_on = jd_day_parse (gtk_editable_get_text (GTK_EDITABLE (self->date_row))),
    .result = g_strcmp0 (kind, "urine_test") == 0
                  ? selected_key (self->result_row, JD_ENUM_URINE_RESULT)
                  : NULL,
    .staff = gtk_editable_get_text (GTK_EDITABLE (self->staff_row)),
    .place = gtk_editable_get_text (GTK_EDITABLE (self->place_row)),
    .content = gtk_editable_get_text (GTK_EDITABLE (self->content_row)),
  };
  return jd_store_followup (ledger, &record, error) != JD_STORE_FAILED;
}

/* While another program holds the write lock the window goes on; the quick
 * entry says it is saving and takes no changes until the save is in or has
 * failed. Closed meanwhile, the save is dropped (nothing written). */
static void
set_saving (JdFollowupDialog *self, GCancellable *saving)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->kind_row),   GTK_WIDGET (self->date_row),
                        GTK_WIDGET (self->result_row), GTK_WIDGET (self->staff_row),
                        GTK_WIDGET (self->place_row),  GTK_WIDGET (self->content_row) };
  g_set_object (&self->saving, saving);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    jd_save_hold_rows (rows[i], saving != NULL);
  jd_save_hold_rows (self->save_button, saving != NULL);
  gtk_button_set_label (GTK_BUTTON (self->save_button), saving ? _ ("Saving…") : _ ("_Save"));
}

static void
followup_saved_cb (GObject *owner, gboolean ok, const GError *error, gpointer data)
{
  JdFollowupDialog *self = JD_FOLLOWUP_DIALOG (owner);

  /* Dropped with the dialog: nothing was written. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->saving)
    set_saving (self, NULL);
  if (ok)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (!jd_form_mark_error (error, row_for_key, self))
    jd_show_error_dialog (GTK_WINDOW (self), _ ("The Follow-Up Was Not Saved"), error->message);
}

/* Saves the follow-up; FALSE (and the reason on its row) when it is refused,
 * and FALSE while another program holds the write lock: then the dialog says
 * it is saving and closes once the follow-up is in (or says it was not saved,
 * what was typed kept). */
gboolean
jd_followup_dialog_save (JdFollowupDialog *self)
{
  g_return_val_if_fail (JD_IS_FOLLOWUP_DIALOG (self), FALSE);

  if (self->saving)
    return FALSE;
  JdDay day = check_date (self);
  if (day == 0 || self->ledger == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      return FALSE;
    }

  g_autoptr (GCancellable) saving = g_cancellable_new ();
  JdSaveResult result = jd_save_run (self->ledger, write_followup_cb, self, NULL, saving,
                                     G_OBJECT (self), followup_saved_cb);
  if (result == JD_SAVE_WAITING)
    set_saving (self, saving);
  return result == JD_SAVE_SAVED;
}

static void
save_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  jd_followup_dialog_save (JD_FOLLOWUP_DIALOG (widget));
}

static void
entry_activated_cb (JdFollowupDialog *self)
{
  jd_followup_dialog_save (self);
}

gint64
jd_followup_dialog_get_person_id (JdFollowupDialog *self)
{
  g_return_val_if_fail (JD_IS_FOLLOWUP_DIALOG (self), 0);
  return self->person_id;
}

/* Closed (unrealized by gtk_window_destroy ()) while its save waits for the
 * write lock: the save is dropped, nothing written. The waiting save holds the
 * dialog, so this cannot wait for dispose. */
static void
unrealize_cb (JdFollowupDialog *self)
{
  if (self->saving)
    g_cancellable_cancel (self->saving);
}

static void
jd_followup_dialog_dispose (GObject *object)
{
  JdFollowupDialog *self = JD_FOLLOWUP_DIALOG (object);

  if (self->saving)
    g_cancellable_cancel (self->saving);
  g_clear_object (&self->saving);
  g_clear_object (&self->ledger);
  G_OBJECT_CLASS (jd_followup_dialog_parent_class)->dispose (object);
}

static void
jd_followup_dialog_class_init (JdFollowupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_followup_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jindu/Ledger/jd-followup-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JdFollowupDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, JdFollowupDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, JdFollowupDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, JdFollowupDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, JdFollowupDialog, result_row);
  gtk_widget_class_bind_template_child (widget_class, JdFollowupDialog, staff_row);
  gtk_widget_class_bind_template_child (widget_class, JdFollowupDialog, place_row);
  gtk_widget_class_bind_template_child (widget_class, JdFollowupDialog, content_row);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "followup.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "followup.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jd_followup_dialog_init (JdFollowupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "unrealize", G_CALLBACK (unrealize_cb), NULL);

  g_autoptr (GListModel) kinds = enum_labels (JD_ENUM_FOLLOWUP_KIND);
  g_autoptr (GListModel) results = enum_labels (JD_ENUM_URINE_RESULT);
  adw_combo_row_set_model (self->kind_row, kinds);
  adw_combo_row_set_model (self->result_row, results);
  kind_changed_cb (self);
}

/* Opens the quick entry for a person, with the kind (a key; NULL: talk) chosen,
 * today's date, and the focus on the date, so Enter records it. */
JdFollowupDialog *
jd_followup_dialog_present (JdLedger *ledger, GtkWindow *parent, gint64 person_id, const char *kind)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  g_autofree char *name = jd_person_dup_name (ledger, person_id);
  if (name == NULL)
    {
      jd_show_error_dialog (parent, _ ("No Such Person"),
                            _ ("The person was deleted from the ledger."));
      return NULL;
    }

  JdFollowupDialog *self = g_object_new (JD_TYPE_FOLLOWUP_DIALOG, "transient-for", parent, NULL);
  self->ledger = g_object_ref (ledger);
  self->person_id = person_id;
  adw_window_title_set_subtitle (self->window_title, name);

  if (kind == NULL || jd_enum_find (JD_ENUM_FOLLOWUP_KIND, kind) == NULL)
    kind = "talk";
  select_key (self->kind_row, JD_ENUM_FOLLOWUP_KIND, jd_enum_find (JD_ENUM_FOLLOWUP_KIND, kind));
  select_key (self->result_row, JD_ENUM_URINE_RESULT, "negative");

  g_autofree char *today = jd_day_to_string (jd_today ());
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
  return self;
}
