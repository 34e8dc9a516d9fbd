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
#include <string.h>

#include "jd-alerts.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-person.h"
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
};

G_DEFINE_FINAL_TYPE (JdFollowupDialog, jd_followup_dialog, ADW_TYPE_WINDOW)

/* ---- reasons on rows ---------------------------------------------------------- */

void
jd_row_set_error (GtkWidget *row, const char *reason)
{
  g_return_if_fail (GTK_IS_WIDGET (row));

  gboolean is_error = reason != NULL && *reason != '\0';
  g_object_set_data_full (G_OBJECT (row), "jd-error", is_error ? g_strdup (reason) : NULL, g_free);
  if (is_error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");

  if (ADW_IS_ENTRY_ROW (row))
    {
      GtkWidget *label = g_object_get_data (G_OBJECT (row), "jd-error-label");
      if (label == NULL)
        {
          label = gtk_label_new (NULL);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
          gtk_label_set_xalign (GTK_LABEL (label), 1.0);
          gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
          gtk_widget_add_css_class (label, "caption");
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), label);
          g_object_set_data (G_OBJECT (row), "jd-error-label", label);
        }
      gtk_label_set_text (GTK_LABEL (label), is_error ? reason : "");
      gtk_widget_set_visible (label, is_error);
    }
  else if (ADW_IS_ACTION_ROW (row))
    {
      g_autofree char *text = NULL;
      if (is_error && adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)))
        text = g_markup_escape_text (reason, -1);
      else
        text = g_strdup (is_error ? reason : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
    }

  if (is_error)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    reason, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

const char *
jd_row_get_error (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "jd-error");
}

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
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  JdDay day = jd_day_parse (text);

  if (*text == '\0')
    jd_row_set_error (GTK_WIDGET (self->date_row), _ ("Required"));
  else if (day == 0)
    jd_row_set_error (GTK_WIDGET (self->date_row), _ ("Not a date: write 2024-03-05"));
  else if (day > jd_today ())
    jd_row_set_error (GTK_WIDGET (self->date_row), _ ("In the future"));
  else
    {
      /* Death is final, nothing before the first-found date: said as typed. */
      JdLedger *ledger = self->ledger;
      g_autofree char *problem
          = ledger ? jd_store_person_day_problem (ledger, self->person_id, "followup", day) : NULL;
      jd_row_set_error (GTK_WIDGET (self->date_row), problem);
      if (problem == NULL)
        return day;
    }
  return 0;
}

static void
date_changed_cb (JdFollowupDialog *self)
{
  check_date (self);
}

/* The row a store error names ("occurred_on: …"), with the reason after the key. */
static GtkWidget *
row_for_error (JdFollowupDialog *self, const char *message, const char **reason)
{
  static const struct
  {
    const char *key;
    gsize offset;
  } fields[] = {
    { "kind", G_STRUCT_OFFSET (JdFollowupDialog, kind_row) },
    { "occurred_on", G_STRUCT_OFFSET (JdFollowupDialog, date_row) },
    { "result", G_STRUCT_OFFSET (JdFollowupDialog, result_row) },
    { "staff", G_STRUCT_OFFSET (JdFollowupDialog, staff_row) },
    { "place", G_STRUCT_OFFSET (JdFollowupDialog, place_row) },
    { "content", G_STRUCT_OFFSET (JdFollowupDialog, content_row) },
  };
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gsize len = strlen (fields[i].key);
      if (strncmp (message, fields[i].key, len) == 0 && strncmp (message + len, ": ", 2) == 0)
        {
          *reason = message + len + 2;
          return G_STRUCT_MEMBER (GtkWidget *, self, fields[i].offset);
        }
    }
  *reason = message;
  return NULL;
}

/* Saves the follow-up; FALSE (and the reason on its row) when it is refused. */
gboolean
jd_followup_dialog_save (JdFollowupDialog *self)
{
  g_return_val_if_fail (JD_IS_FOLLOWUP_DIALOG (self), FALSE);

  JdDay day = check_date (self);
  if (day == 0 || self->ledger == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      return FALSE;
    }

  JdLedger *ledger = self->ledger;
  g_autoptr (GError) error = NULL;
  const char *kind = get_kind (self);
  JdFollowupRecord record = {
    .person_id = self->person_id,
    .kind = kind,
    .occurred_on = day,
    .result = g_strcmp0 (kind, "urine_test") == 0
                  ? selected_key (self->result_row, JD_ENUM_URINE_RESULT)
                  : NULL,
    .staff = gtk_editable_get_text (GTK_EDITABLE (self->staff_row)),
    .place = gtk_editable_get_text (GTK_EDITABLE (self->place_row)),
    .content = gtk_editable_get_text (GTK_EDITABLE (self->content_row)),
  };

  if (ledger == NULL || !jd_ledger_begin (ledger, &error)
      || jd_store_followup (ledger, &record, &error) == JD_STORE_FAILED
      || !jd_ledger_commit (ledger, &error))
    {
      if (ledger)
        jd_ledger_rollback (ledger);
      const char *reason = NULL;
      GtkWidget *row = error ? row_for_error (self, error->message, &reason) : NULL;
      if (row)
        jd_row_set_error (row, reason);
      else
        jd_show_error_dialog (GTK_WINDOW (self), _ ("The Follow-Up Was Not Saved"),
                              error ? error->message : _ ("The ledger is closed."));
      return FALSE;
    }

  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
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

static void
jd_followup_dialog_dispose (GObject *object)
{
  JdFollowupDialog *self = JD_FOLLOWUP_DIALOG (object);

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
