/* jd-form.c: the one form toolkit of the window (see jd-form.h) */
#include "config.h"

#include "jd-form.h"

#include <glib/gi18n-lib.h>

#include "jd-enums.h"
#include "jd-error.h"
#include "jd-ledger-async.h"
#include "jd-save.h"
#include "jd-village-choices.h"

/* ---- reasons on rows ---------------------------------------------------------------------------
 */

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
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  is_error ? reason : "", -1);
  if (is_error)
    gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                 GTK_ACCESSIBLE_INVALID_TRUE, -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
}

const char *
jd_row_get_error (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "jd-error");
}

gboolean
jd_date_row_check (GtkWidget *row, JdDateRule rule, JdDay *day)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  JdDay parsed = jd_day_parse (text);
  const char *reason = NULL;

  if (day)
    *day = parsed;
  if (*text == '\0')
    reason = rule & JD_DATE_REQUIRED ? _ ("Required") : NULL;
  else if (parsed == 0)
    reason = _ ("Not a date: write 2024-03-05");
  else if ((rule & JD_DATE_PAST) && parsed > jd_today ())
    reason = _ ("In the future");
  jd_row_set_error (row, reason);
  return reason == NULL;
}

gboolean
jd_text_row_check (GtkWidget *row, gboolean required, JdTextRule rule)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_autofree char *problem = NULL;

  if (required && *copy == '\0')
    problem = g_strdup (_ ("Required"));
  else
    problem = jd_text_problem (text, rule);
  jd_row_set_error (row, problem);
  return problem == NULL;
}

GtkWidget *
jd_field_row_find (const JdFieldRow *rows, guint n_rows, const char *key)
{
  for (guint i = 0; key && i < n_rows; i++)
    if (g_str_equal (rows[i].key, key))
      return rows[i].row;
  return NULL;
}

gboolean
jd_form_mark_error (const GError *error, JdRowForKeyFunc row_for_key, gpointer data)
{
  const char *key = jd_error_get_field (error);
  GtkWidget *row = key ? row_for_key (data, key) : NULL;
  if (row == NULL)
    return FALSE;
  jd_row_set_error (row, jd_error_get_reason (error));
  return TRUE;
}

/* ---- forms described by tables ------------------------------------------------------------------
 */

struct _JdFormDialog
{
  AdwMessageDialog *dialog; /* weak: it owns this */
  JdLedger *ledger;
  const JdForm *form;
  GtkWidget *rows[JD_FORM_MAX_FIELDS];
  GArray *village_ids[JD_FORM_MAX_FIELDS]; /* by combo position */
  GtkLabel *error_label;
  gint64 owner, id;
  JdFormDoneFunc done;
  GWeakRef done_object;
  gboolean filling;
  gboolean keep_open;   /* the save failed: the close after the response is refused */
  GtkWidget *list;      /* the rows, insensitive while a save waits */
  GCancellable *saving; /* a save waiting for another program's write lock */
  gboolean gone;        /* the dialog was destroyed (its window closed) */
};

static void
form_dialog_free (JdFormDialog *self)
{
  for (guint f = 0; f < JD_FORM_MAX_FIELDS; f++)
    g_clear_pointer (&self->village_ids[f], g_array_unref);
  g_clear_object (&self->ledger);
  g_clear_object (&self->saving);
  g_weak_ref_clear (&self->done_object);
  g_free (self);
}

JdFormDialog *
jd_form_dialog_get (AdwMessageDialog *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "jd-form");
}

static int
field_index (JdFormDialog *self, const char *key)
{
  for (guint f = 0; f < self->form->n_fields; f++)
    if (g_strcmp0 (self->form->fields[f].key, key) == 0)
      return (int)f;
  return -1;
}

GtkWidget *
jd_form_dialog_get_row (JdFormDialog *self, const char *key)
{
  int f = field_index (self, key);
  return f < 0 ? NULL : self->rows[f];
}

static GtkWidget *
row_for_key_cb (gpointer data, const char *key)
{
  return jd_form_dialog_get_row (data, key);
}

static GtkStringList *
enum_choices (JdEnum which, const char *first)
{
  guint n;
  const JdEnumValue *values = jd_enum_values (which, &n);
  GtkStringList *choices = gtk_string_list_new (NULL);
  if (first)
    gtk_string_list_append (choices, first);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (choices, _ (values[i].label));
  return choices;
}

static GtkWidget *
combo_row (const char *title, GtkStringList *choices)
{
  GtkWidget *row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
  g_object_unref (choices);
  return row;
}

static GtkWidget *
field_row (JdFormDialog *self, guint f)
{
  const JdField *field = &self->form->fields[f];
  const char *title = _ (field->label);
  GtkStringList *choices;
  GtkWidget *row;

  switch (field->kind)
    {
      case JD_FIELD_ENUM:
        return combo_row (title, enum_choices (field->which, NULL));
      case JD_FIELD_OPTIONAL_ENUM:
        return combo_row (title, enum_choices (field->which, _ ("Not Given")));
      case JD_FIELD_VILLAGE:
      case JD_FIELD_AREA:
        {
          choices = gtk_string_list_new (NULL);
          self->village_ids[f] = g_array_new (FALSE, FALSE, sizeof (gint64));
          if (field->kind == JD_FIELD_AREA)
            {
              gint64 township = 0;
              gtk_string_list_append (choices, _ ("Township-wide"));
              g_array_append_val (self->village_ids[f], township);
            }
          jd_village_choices_append (self->ledger, choices, self->village_ids[f]);
          return combo_row (title, choices);
        }
      case JD_FIELD_BOOLEAN:
        choices = gtk_string_list_new (NULL);
        gtk_string_list_append (choices, _ ("Yes"));
        gtk_string_list_append (choices, _ ("No"));
        return combo_row (title, choices);
      case JD_FIELD_COUNT:
        {
          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          GtkWidget *spin = gtk_spin_button_new_with_range (0, 100000, 1);
          gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          title, -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
          g_object_set_data (G_OBJECT (row), "jd-spin", spin);
          return row;
        }
      case JD_FIELD_TEXT:
      case JD_FIELD_REQUIRED_TEXT:
      case JD_FIELD_TITLE:
      case JD_FIELD_NOTE:
      case JD_FIELD_DATE:
      case JD_FIELD_OPTIONAL_DATE:
      case JD_FIELD_END_DATE:
      default:
        row = adw_entry_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        return row;
    }
}

static guint
enum_position (JdEnum which, const char *key)
{
  guint n;
  const JdEnumValue *values = jd_enum_values (which, &n);
  for (guint i = 0; key && i < n; i++)
    if (g_str_equal (values[i].key, key))
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* Puts values (or a new record's defaults: today in the dates) into the rows. */
static void
fill_rows (JdFormDialog *self, const JdFormValues *values)
{
  g_autofree char *today = jd_day_to_string (jd_today ());

  self->filling = TRUE;
  for (guint f = 0; f < self->form->n_fields; f++)
    {
      const JdField *field = &self->form->fields[f];
      GtkWidget *row = self->rows[f];
      const char *text = values ? values->text[f] : NULL;
      gint64 number = values ? values->number[f] : 0;
      guint position;
      switch (field->kind)
        {
          case JD_FIELD_DATE:
          case JD_FIELD_OPTIONAL_DATE:
          case JD_FIELD_END_DATE:
            {
              g_autofree char *day = number ? jd_day_to_string ((JdDay)number) : NULL;
              if (day == NULL && values == NULL && field->kind != JD_FIELD_END_DATE)
                day = g_strdup (today);
              gtk_editable_set_text (GTK_EDITABLE (row), day ? day : "");
              break;
            }
          case JD_FIELD_ENUM:
            position = enum_position (field->which, text);
            if (position != GTK_INVALID_LIST_POSITION)
              adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
            break;
          case JD_FIELD_OPTIONAL_ENUM:
            position = enum_position (field->which, text);
            adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                                        position == GTK_INVALID_LIST_POSITION ? 0 : position + 1);
            break;
          case JD_FIELD_VILLAGE:
          case JD_FIELD_AREA:
            for (guint i = 0; i < self->village_ids[f]->len; i++)
              if (g_array_index (self->village_ids[f], gint64, i) == number)
                adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
            break;
          case JD_FIELD_COUNT:
            gtk_spin_button_set_value (g_object_get_data (G_OBJECT (row), "jd-spin"),
                                       (double)MAX (number, 0));
            break;
          case JD_FIELD_BOOLEAN:
            adw_combo_row_set_selected (ADW_COMBO_ROW (row), values && number == 0 ? 1 : 0);
            break;
          default: /* the text fields */
            gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
            break;
        }
    }
  self->filling = FALSE;
}

/* The rows' values; the texts point into the rows. */
static void
read_rows (JdFormDialog *self, JdFormValues *values)
{
  *values = (JdFormValues){ .owner = self->owner, .id = self->id };
  for (guint f = 0; f < self->form->n_fields; f++)
    {
      const JdField *field = &self->form->fields[f];
      GtkWidget *row = self->rows[f];
      guint n = 0, selected;
      const JdEnumValue *enum_values;
      switch (field->kind)
        {
          case JD_FIELD_DATE:
          case JD_FIELD_OPTIONAL_DATE:
          case JD_FIELD_END_DATE:
            values->number[f] = jd_day_parse (gtk_editable_get_text (GTK_EDITABLE (row)));
            break;
          case JD_FIELD_ENUM:
            enum_values = jd_enum_values (field->which, &n);
            selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));
            values->text[f] = n ? enum_values[MIN (selected, n - 1)].key : NULL;
            break;
          case JD_FIELD_OPTIONAL_ENUM:
            enum_values = jd_enum_values (field->which, &n);
            selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));
            values->text[f] = selected > 0 && selected <= n ? enum_values[selected - 1].key : NULL;
            break;
          case JD_FIELD_VILLAGE:
          case JD_FIELD_AREA:
            selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));
            values->number[f] = selected < self->village_ids[f]->len
                                    ? g_array_index (self->village_ids[f], gint64, selected)
                                    : 0;
            break;
          case JD_FIELD_COUNT:
            values->number[f] = gtk_spin_button_get_value_as_int (
                GTK_SPIN_BUTTON (g_object_get_data (G_OBJECT (row), "jd-spin")));
            break;
          case JD_FIELD_BOOLEAN:
            values->number[f] = adw_combo_row_get_selected (ADW_COMBO_ROW (row)) == 0;
            break;
          default: /* the text fields */
            values->text[f] = gtk_editable_get_text (GTK_EDITABLE (row));
            if (*values->text[f] == '\0')
              values->text[f] = NULL;
            break;
        }
    }
}

/* The text fields: whether they are required, and their rule. */
static const struct
{
  JdFieldKind kind;
  gboolean required;
  JdTextRule rule;
} text_kinds[] = {
  { JD_FIELD_REQUIRED_TEXT, TRUE, JD_TEXT_NAME },
  { JD_FIELD_TITLE, TRUE, JD_TEXT_LINE },
  { JD_FIELD_TEXT, FALSE, JD_TEXT_LINE },
  { JD_FIELD_NOTE, FALSE, JD_TEXT_LINES },
};

/* Every row checked as typed: TRUE when none is refused. */
static gboolean
validate (JdFormDialog *self)
{
  gboolean ok = TRUE;
  JdDay previous = 0;

  for (guint f = 0; f < self->form->n_fields; f++)
    {
      GtkWidget *row = self->rows[f];
      JdDay day = 0;
      gboolean row_ok = TRUE;
      switch (self->form->fields[f].kind)
        {
          case JD_FIELD_DATE:
            row_ok = jd_date_row_check (row, JD_DATE_REQUIRED | JD_DATE_PAST, &day);
            previous = day;
            break;
          case JD_FIELD_OPTIONAL_DATE:
            row_ok = jd_date_row_check (row, JD_DATE_PAST, &day);
            previous = day;
            break;
          case JD_FIELD_END_DATE:
            /* A planned end lies ahead; a member's "until" may too. */
            row_ok = jd_date_row_check (row, JD_DATE_OPTIONAL, &day);
            if (row_ok && day && previous && day < previous)
              {
                jd_row_set_error (row, _ ("Before the start"));
                row_ok = FALSE;
              }
            break;
          default:
            for (guint t = 0; t < G_N_ELEMENTS (text_kinds); t++)
              if (text_kinds[t].kind == self->form->fields[f].kind)
                row_ok = jd_text_row_check (row, text_kinds[t].required, text_kinds[t].rule);
            break;
        }
      ok &= row_ok;
    }

  if (ok && self->form->check)
    {
      JdFormValues values;
      const char *key = NULL;
      read_rows (self, &values);
      g_autofree char *problem = self->form->check (self->ledger, &values, &key);
      GtkWidget *row = problem ? jd_form_dialog_get_row (self, key) : NULL;
      if (row)
        jd_row_set_error (row, problem);
      ok = problem == NULL;
    }
  return ok;
}

static void
revalidate (JdFormDialog *self, GtkWidget *changed_row)
{
  if (self->filling)
    return;
  if (self->form->changed && changed_row)
    for (guint f = 0; f < self->form->n_fields; f++)
      if (self->rows[f] == changed_row)
        self->form->changed (self, self->form->fields[f].key);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_message_dialog_set_response_enabled (self->dialog, "add", validate (self));
}

static void
row_changed_cb (GtkWidget *row, JdFormDialog *self)
{
  revalidate (self, row);
}

static void
row_selected_cb (GtkWidget *row, GParamSpec *pspec, JdFormDialog *self)
{
  revalidate (self, row);
}

/* The record as the rows hold it now, in the save's transaction. */
static gboolean
write_rows_cb (JdLedger *ledger, gpointer data, GError **error)
{
  JdFormDialog *self = data;
  JdFormValues values;
  read_rows (self, &values);
  return self->form->save (ledger, &values, error);
}

/* Said on the field's row, or under the rows; the dialog stays open with what
 * was typed. */
static void
show_save_error (JdFormDialog *self, const GError *error)
{
  if (!jd_form_mark_error (error, row_for_key_cb, self))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  adw_message_dialog_set_response_enabled (self->dialog, "add", FALSE);
}

static void
saved (JdFormDialog *self)
{
  g_autoptr (GObject) done_object = g_weak_ref_get (&self->done_object);
  if (self->done && done_object)
    self->done (done_object);
}

/* While another program holds the write lock the window goes on; the form
 * says it is saving and takes no changes until the save is in or has failed. */
static void
set_waiting (JdFormDialog *self, gboolean waiting)
{
  jd_save_hold_rows (self->list, waiting);
  adw_message_dialog_set_response_enabled (self->dialog, "add", !waiting);
  adw_message_dialog_set_body (
      self->dialog, waiting ? _ ("Saving… Another program is writing to the ledger; the record "
                                 "goes in as soon as it has finished.")
                            : "");
}

/* How the save ended (jd_save_run ()): at once, or after waiting for another
 * program's write lock (self->saving set). */
static void
save_done_cb (GObject *owner, gboolean ok, const GError *error, gpointer data)
{
  JdFormDialog *self = data;
  gboolean waited = self->saving != NULL;

  g_clear_object (&self->saving);
  /* Cancelled with the dialog: nothing was written. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Its window closed while it waited: the save went on, the dialog is no more. */
  if (self->gone)
    {
      if (ok)
        saved (self);
      return;
    }
  if (waited)
    set_waiting (self, FALSE);
  if (!ok)
    {
      self->keep_open = TRUE;
      show_save_error (self, error);
      return;
    }
  saved (self);
  /* Saved at once, the response closes the dialog; after a wait, this does. */
  if (waited)
    gtk_window_destroy (GTK_WINDOW (owner));
}

static void
response_cb (AdwMessageDialog *dialog, const char *response, JdFormDialog *self)
{
  self->keep_open = FALSE;
  if (g_strcmp0 (response, "add") != 0)
    {
      /* Cancel while a save waits for the lock: it is dropped, nothing written. */
      if (self->saving)
        g_cancellable_cancel (self->saving);
      return;
    }
  if (self->saving || !validate (self))
    {
      self->keep_open = TRUE;
      return;
    }
  /* At once when the ledger is free; never a wait on the window's thread. */
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  if (jd_save_run (self->ledger, write_rows_cb, self, NULL, cancellable, G_OBJECT (dialog),
                   save_done_cb)
      != JD_SAVE_WAITING)
    return;
  /* Another program's write: tried again in the background, the dialog open. */
  self->keep_open = TRUE;
  self->saving = g_steal_pointer (&cancellable);
  set_waiting (self, TRUE);
}

static void
destroyed_cb (AdwMessageDialog *dialog, JdFormDialog *self)
{
  self->gone = TRUE;
}

/* The button that responded closes the dialog next: not when the save failed. */
static gboolean
close_request_cb (AdwMessageDialog *dialog, JdFormDialog *self)
{
  gboolean keep_open = self->keep_open;
  self->keep_open = FALSE;
  return keep_open;
}

AdwMessageDialog *
jd_form_dialog_present (GtkWidget *parent,
                        JdLedger *ledger,
                        const JdForm *form,
                        const JdFormValues *values,
                        JdFormDoneFunc done,
                        gpointer done_object)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger) && form != NULL, NULL);
  g_return_val_if_fail (form->n_fields <= JD_FORM_MAX_FIELDS, NULL);

  JdFormDialog *self = g_new0 (JdFormDialog, 1);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gboolean editing = values && values->id != 0;
  GtkRoot *root = parent ? gtk_widget_get_root (parent) : NULL;

  self->ledger = g_object_ref (ledger);
  self->form = form;
  self->owner = values ? values->owner : 0;
  self->id = values ? values->id : 0;
  self->done = done;
  g_weak_ref_init (&self->done_object, done_object);
  self->list = list;
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  for (guint f = 0; f < form->n_fields; f++)
    {
      self->rows[f] = field_row (self, f);
      gtk_list_box_append (GTK_LIST_BOX (list), self->rows[f]);
    }
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  fill_rows (self, editing ? values : NULL);

  const char *heading = editing && form->edit_title ? form->edit_title : form->title;
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
      adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _ (heading), NULL));
  self->dialog = dialog;
  g_object_set_data_full (G_OBJECT (dialog), "jd-form", self, (GDestroyNotify)form_dialog_free);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "add",
                                    editing ? _ ("_Save") : _ ("_Add"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 460, -1);

  for (guint f = 0; f < form->n_fields; f++)
    if (ADW_IS_COMBO_ROW (self->rows[f]))
      g_signal_connect (self->rows[f], "notify::selected", G_CALLBACK (row_selected_cb), self);
    else if (GTK_IS_EDITABLE (self->rows[f]))
      g_signal_connect (self->rows[f], "changed", G_CALLBACK (row_changed_cb), self);
  if (form->changed && !editing)
    form->changed (self, NULL);
  adw_message_dialog_set_response_enabled (dialog, "add", validate (self));
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), self);
  g_signal_connect (dialog, "close-request", G_CALLBACK (close_request_cb), self);
  g_signal_connect (dialog, "destroy", G_CALLBACK (destroyed_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

const char *
jd_form_dialog_get_key (JdFormDialog *self, const char *key)
{
  int f = field_index (self, key);
  if (f < 0)
    return NULL;
  JdFormValues values;
  read_rows (self, &values);
  return values.text[f];
}

JdDay
jd_form_dialog_get_day (JdFormDialog *self, const char *key)
{
  GtkWidget *row = jd_form_dialog_get_row (self, key);
  return row ? jd_day_parse (gtk_editable_get_text (GTK_EDITABLE (row))) : 0;
}

void
jd_form_dialog_set_text (JdFormDialog *self, const char *key, const char *text)
{
  GtkWidget *row = jd_form_dialog_get_row (self, key);
  if (row && GTK_IS_EDITABLE (row))
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

/* ---- unsaved changes ----------------------------------------------------------------------------
 */

typedef struct
{
  JdSaveFunc save;
  GCallback closing;
} AskToSave;

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
ask_response_cb (AdwMessageDialog *dialog, const char *response, GtkWindow *window)
{
  AskToSave *ask = g_object_get_data (G_OBJECT (dialog), "jd-ask");

  if (g_str_equal (response, "save"))
    {
      if (!ask->save (window))
        return;
    }
  else if (!g_str_equal (response, "discard"))
    return;
  if (ask->closing)
    ((void (*) (GtkWindow *))ask->closing) (window);
  /* Closed once the dialog, transient for it, is gone. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (window), g_object_unref);
}

void
jd_form_ask_to_save (GtkWindow *window, const char *body, JdSaveFunc save, GCallback closing)
{
  g_return_if_fail (GTK_IS_WINDOW (window) && save != NULL);

  GtkWidget *dialog = adw_message_dialog_new (window, _ ("Save the Changes?"), body);
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);
  AskToSave *ask = g_new0 (AskToSave, 1);
  ask->save = save;
  ask->closing = closing;
  g_object_set_data_full (G_OBJECT (dialog), "jd-ask", ask, g_free);
  adw_message_dialog_add_responses (message, "discard", _ ("_Discard"), "cancel", _ ("_Cancel"),
                                    "save", _ ("_Save"), NULL);
  adw_message_dialog_set_response_appearance (message, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (message, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (message, "save");
  adw_message_dialog_set_close_response (message, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (ask_response_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
