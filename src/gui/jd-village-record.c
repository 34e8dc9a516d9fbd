/* jd-village-record.c: a village's record on its page, a form (jd-form.h) that
 * says what is wrong as it is typed and saves through jd_store_village () by
 * jd_save_run (), never waiting on the window's thread
 */
#include "config.h"

#include "jd-village-page-private.h"

#include <glib/gi18n-lib.h>

#include "jd-enums.h"
#include "jd-error.h"
#include "jd-form.h"
#include "jd-save.h"
#include "jd-store.h"

static const char *const kinds[] = { "village", "community" };

/* The reason the form cannot be saved, or NULL; marks the rows at fault. */
static char *
validate_form (JdVillagePage *self)
{
  const char *retired = gtk_editable_get_text (GTK_EDITABLE (self->retired_row));
  g_autofree char *retired_stripped = g_strstrip (g_strdup (retired));
  char *reason = NULL;

  if (!jd_text_row_check (GTK_WIDGET (self->name_row), TRUE, JD_TEXT_NAME))
    reason = g_strdup (_ ("Name: a village needs a name"));
  if (!jd_date_row_check (GTK_WIDGET (self->retired_row), JD_DATE_OPTIONAL, NULL) && reason == NULL)
    reason = g_strdup_printf (_ ("Retired on: “%s” is not a date (write it as 2024-03-05)"),
                              retired_stripped);
  return reason;
}

void
jd_village_record_set_dirty (JdVillagePage *self, gboolean dirty)
{
  self->dirty = dirty;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "village.revert", dirty);
}

static void
form_changed_cb (JdVillagePage *self)
{
  if (self->loading)
    return;
  g_autofree char *reason = validate_form (self);
  gtk_label_set_text (self->form_error, reason ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), reason != NULL);
  jd_village_record_set_dirty (self, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "village.save", reason == NULL);
}

void
jd_village_record_fill (JdVillagePage *self, JdVillageItem *item)
{
  self->loading = TRUE;
  g_free (self->code);
  self->code = g_strdup (jd_village_item_get_code (item));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), jd_village_item_get_name (item));
  adw_combo_row_set_selected (self->kind_row,
                              g_strcmp0 (jd_village_item_get_kind (item), "community") == 0);
  gtk_spin_button_set_value (self->registered_spin,
                             jd_village_item_get_registered_population (item));
  gtk_spin_button_set_value (self->resident_spin, jd_village_item_get_resident_population (item));
  gtk_spin_button_set_value (self->floating_spin, jd_village_item_get_floating_population (item));
  gtk_spin_button_set_value (self->grid_spin, jd_village_item_get_grid_count (item));
  const char *secretary = jd_village_item_get_secretary (item);
  const char *police = jd_village_item_get_police_officer (item);
  gtk_editable_set_text (GTK_EDITABLE (self->secretary_row), secretary ? secretary : "");
  gtk_editable_set_text (GTK_EDITABLE (self->police_row), police ? police : "");
  gtk_switch_set_active (self->site_switch, jd_village_item_get_education_site (item));
  JdDay retired = jd_village_item_get_retired_on (item);
  g_autofree char *retired_text = retired ? jd_day_to_string (retired) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->retired_row), retired_text);
  jd_row_set_error (GTK_WIDGET (self->name_row), NULL);
  jd_row_set_error (GTK_WIDGET (self->retired_row), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), FALSE);
  self->loading = FALSE;
  jd_village_record_set_dirty (self, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "village.save", FALSE);

  g_autofree char *title = g_strdup_printf ("%s %s", self->code, jd_village_item_get_name (item));
  adw_preferences_page_set_title (self->prefs, title);
}

/* The row of a field's key, for a store error that names it. */
static GtkWidget *
row_for_key (gpointer data, const char *key)
{
  JdVillagePage *self = data;
  const JdFieldRow fields[] = {
    { "name", self->name_row },
    { "secretary", self->secretary_row },
    { "police_officer", self->police_row },
    { "retired_on", self->retired_row },
  };
  return jd_field_row_find (fields, G_N_ELEMENTS (fields), key);
}

/* The record as the rows hold it now, written in the save's transaction. */
static gboolean
write_village_cb (JdLedger *ledger, gpointer data, GError **error)
{
  JdVillagePage *self = data;
  g_autofree char *name
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *secretary
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->secretary_row))));
  g_autofree char *police
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->police_row))));
  g_autofree char *retired
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->retired_row))));
  JdVillageRecord record = {
    .code = self->code,
    .name = name,
    .kind = kinds[adw_combo_row_get_selected (self->kind_row) == 1],
    .registered_population = gtk_spin_button_get_value_as_int (self->registered_spin),
    .resident_population = gtk_spin_button_get_value_as_int (self->resident_spin),
    .floating_population = gtk_spin_button_get_value_as_int (self->floating_spin),
    .grid_count = gtk_spin_button_get_value_as_int (self->grid_spin),
    .secretary = *secretary ? secretary : NULL,
    .police_officer = *police ? police : NULL,
    .education_site = gtk_switch_get_active (self->site_switch),
    .retired_on = *retired ? jd_day_parse (retired) : 0,
  };
  return jd_store_village (ledger, &record, NULL, error) != JD_STORE_FAILED;
}

/* While another program holds the write lock the window goes on; the record
 * takes no changes, and its Save says it is saving and takes no second click. */
static void
set_saving (JdVillagePage *self, GCancellable *cancellable)
{
  gboolean saving = cancellable != NULL;
  g_set_object (&self->record_saving, cancellable);
  jd_save_hold_rows (GTK_WIDGET (self->record_group), saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "village.save", !saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "village.revert", !saving && self->dirty);
  gtk_button_set_label (GTK_BUTTON (self->record_save), saving ? _ ("Saving…") : _ ("_Save"));
  gtk_label_set_text (self->form_error,
                      saving ? _ ("Saving… Another program is writing to the ledger; the village "
                                  "is saved as soon as it has finished.")
                             : "");
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), saving);
  if (saving)
    gtk_widget_remove_css_class (GTK_WIDGET (self->form_error), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->form_error), "error");
}

static void
village_saved_cb (GObject *owner, gboolean ok, const GError *error, gpointer data)
{
  JdVillagePage *self = JD_VILLAGE_PAGE (owner);

  if (self->record_saving)
    set_saving (self, NULL);
  /* Dropped with the page (its changes discarded): nothing was written. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!ok)
    {
      /* Said on the field's row and under the rows; what was typed stays. */
      jd_form_mark_error (error, row_for_key, self);
      g_autofree char *text = g_strdup_printf (_ ("The village was not saved: %s"), error->message);
      gtk_label_set_text (self->form_error, text);
      gtk_widget_set_visible (GTK_WIDGET (self->form_error), TRUE);
      return;
    }
  jd_village_record_set_dirty (self, FALSE);
  /* The ledger's notice of the commit reloaded the page (ledger_changed_cb). */
}

/* village.save: at once when the ledger is free, else once another program lets go of it. */
static void
save_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdVillagePage *self = JD_VILLAGE_PAGE (widget);
  g_autofree char *reason = validate_form (self);

  if (self->record_saving)
    return;
  if (reason)
    {
      gtk_label_set_text (self->form_error, reason);
      gtk_widget_set_visible (GTK_WIDGET (self->form_error), TRUE);
      return;
    }
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  if (jd_save_run (self->ledger, write_village_cb, self, NULL, cancellable, G_OBJECT (self),
                   village_saved_cb)
      == JD_SAVE_WAITING)
    set_saving (self, cancellable);
}

/* The page left while the record's save waits (only after "Discard" when
 * going back, as the record has changes): the save is dropped. The waiting
 * save holds the page, so this cannot wait for dispose. */
static void
unrealize_cb (JdVillagePage *self)
{
  if (self->record_saving)
    g_cancellable_cancel (self->record_saving);
}

static GtkSpinButton *
add_count_row (AdwPreferencesGroup *group, const char *title, JdVillagePage *self)
{
  GtkWidget *row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 10000000, 1);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (form_changed_cb), self);
  adw_preferences_group_add (group, row);
  return GTK_SPIN_BUTTON (spin);
}

static AdwEntryRow *
add_entry_row (AdwPreferencesGroup *group, const char *title, JdVillagePage *self)
{
  GtkWidget *row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (form_changed_cb), self);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

void
jd_village_record_build (JdVillagePage *self)
{
  AdwPreferencesGroup *group = jd_village_page_add_group (self, _ ("Village Record"), NULL);
  self->record_group = group;
  g_signal_connect (self, "unrealize", G_CALLBACK (unrealize_cb), NULL);

  GtkWidget *save = gtk_button_new_with_mnemonic (_ ("_Save"));
  self->record_save = save;
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "village.save");
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_widget_set_tooltip_text (save, _ ("Save the village record (Ctrl+S)"));
  GtkWidget *revert = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (revert), "village.revert");
  gtk_widget_set_tooltip_text (revert, _ ("Discard the changes"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (revert), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Discard the changes"), -1);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (buttons), revert);
  gtk_box_append (GTK_BOX (buttons), save);
  adw_preferences_group_set_header_suffix (group, buttons);

  self->name_row = add_entry_row (group, C_ ("village field", "Name"), self);
  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row),
                                 C_ ("village field", "Kind"));
  const char *kind_labels[] = { jd_enum_label (JD_ENUM_VILLAGE_KIND, "village"),
                                jd_enum_label (JD_ENUM_VILLAGE_KIND, "community"), NULL };
  GtkStringList *model = gtk_string_list_new (kind_labels);
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (model));
  g_object_unref (model);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (form_changed_cb), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->kind_row));
  self->registered_spin = add_count_row (group, _ ("Registered Population"), self);
  self->resident_spin = add_count_row (group, _ ("Resident Population"), self);
  self->floating_spin = add_count_row (group, _ ("Floating Population"), self);
  self->grid_spin = add_count_row (group, _ ("Grids"), self);
  self->secretary_row = add_entry_row (group, _ ("First Responsible Person"), self);
  self->police_row = add_entry_row (group, _ ("Resident Police Officer"), self);

  GtkWidget *site_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (site_row), _ ("Anti-Drug Education Site"));
  self->site_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->site_switch), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->site_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Anti-Drug Education Site"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (site_row), GTK_WIDGET (self->site_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (site_row), GTK_WIDGET (self->site_switch));
  g_signal_connect_swapped (self->site_switch, "notify::active", G_CALLBACK (form_changed_cb),
                            self);
  adw_preferences_group_add (group, site_row);
  self->retired_row = add_entry_row (group, _ ("Retired On (merged or dissolved)"), self);

  self->form_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->form_error, TRUE);
  gtk_label_set_xalign (self->form_error, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->form_error), "error");
  gtk_widget_set_margin_top (GTK_WIDGET (self->form_error), 6);
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), FALSE);
  adw_preferences_group_add (group, GTK_WIDGET (self->form_error));
}

void
jd_village_record_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "village.save", NULL, save_action_cb);
}
