/* jd-surveys-view.c: the awareness surveys (知晓率调查) of a year
 *
 * A form that records a survey (village or township-wide, date, group, people
 * asked and people aware: docs/contract.md §3) and the year's surveys, newest
 * first, each with a delete button; a deletion is undone from its toast by
 * recording the same survey again. The awareness indicators (§4) sum these.
 * Every write goes through jd_save_run (): while another program holds the
 * write lock, the form (or the survey's delete button) takes no second click.
 */
#include "config.h"

#include "jd-surveys-view.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-save.h"
#include "jd-survey-query.h"
#include "jd-village-choices.h"
#include "jd-alerts.h"

struct _JdSurveysView
{
  GtkWidget parent_instance;

  JdLedger *ledger;
  int year;
  GtkDropDown *village_field;
  GArray *village_ids; /* gint64 by village_field position: 0 township-wide */
  GtkEntry *date_field;
  GtkDropDown *group_field;
  GtkSpinButton *sampled_field;
  GtkSpinButton *aware_field;
  GtkLabel *error_label;
  GtkListBox *list;
  GtkWidget *form;
  GtkWidget *add_button;
  gboolean saving;       /* the form's survey waits for another program's write lock */
  GArray *deleting;      /* gint64: the surveys whose deletion waits for it */

  /* The survey last deleted, for Undo. */
  gboolean deleted;
  gint64 deleted_village;
  JdDay deleted_day;
  char *deleted_group;
  gint64 deleted_sampled;
  gint64 deleted_aware;
};

G_DEFINE_FINAL_TYPE (JdSurveysView, jd_surveys_view, GTK_TYPE_WIDGET)

static void reload (JdSurveysView *self);

/* After a change (its commit's notice reloads the sections too). */
static void
changed (JdSurveysView *self)
{
  reload (self);
}

/* A survey on its way to the ledger (jd_save_run ()): from the form, or
 * recorded again by Undo. */
typedef struct
{
  JdSurveyRecord record; /* its group is the one below */
  char *group;
  gboolean undo;
} Survey;

static void
survey_free (Survey *survey)
{
  g_free (survey->group);
  g_free (survey);
}

static gboolean
write_survey_cb (JdLedger *ledger, gpointer data, GError **error)
{
  Survey *survey = data;
  return jd_store_survey (ledger, &survey->record, error) != JD_STORE_FAILED;
}

/* While another program holds the write lock the window goes on; the form
 * takes no changes, and its button says it is saving and takes no second click. */
static void
set_saving (JdSurveysView *self, gboolean saving)
{
  self->saving = saving;
  jd_save_hold_rows (self->form, saving);
  gtk_button_set_label (GTK_BUTTON (self->add_button),
                        saving ? _ ("Saving…") : _ ("_Record Survey"));
}

static void
show_error (JdSurveysView *self, const GError *error)
{
  gtk_label_set_text (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
survey_saved_cb (GObject *owner, gboolean ok, const GError *error, gpointer data)
{
  JdSurveysView *self = JD_SURVEYS_VIEW (owner);
  Survey *survey = data;

  if (!survey->undo && self->saving)
    set_saving (self, FALSE);
  if (survey->undo)
    {
      if (!ok)
        jd_show_toast (GTK_WIDGET (self), adw_toast_new (error->message));
    }
  else
    /* Refused with the store's reason, or not saved: what was typed stays. */
    show_error (self, ok ? NULL : error);
  if (ok)
    changed (self);
}

/* Records survey: at once when the ledger is free, else once another program
 * lets go of it (the form saying so meanwhile). */
static JdSaveResult
save_survey (JdSurveysView *self, Survey *survey)
{
  JdSaveResult result
      = jd_save_run (self->ledger, write_survey_cb, survey, (GDestroyNotify)survey_free,
                     NULL, G_OBJECT (self), survey_saved_cb);
  /* The form says so; an Undo's toast is gone already. */
  if (result == JD_SAVE_WAITING && !survey->undo)
    set_saving (self, TRUE);
  return result;
}

static void
undo_clicked_cb (AdwToast *toast, JdSurveysView *self)
{
  jd_surveys_view_undo (self);
}

/* A deletion on its way to the ledger, with what Undo records again. */
typedef struct
{
  gint64 id;
  JdSurvey *survey; /* NULL when it is not among the year's */
} Deleting;

static void
deleting_free (Deleting *deleting)
{
  g_clear_pointer (&deleting->survey, jd_survey_free);
  g_free (deleting);
}

static gboolean
delete_survey_cb (JdLedger *ledger, gpointer data, GError **error)
{
  Deleting *deleting = data;
  return jd_store_delete_survey (ledger, deleting->id, error);
}

static gboolean
is_deleting (JdSurveysView *self, gint64 id)
{
  for (guint i = 0; i < self->deleting->len; i++)
    if (g_array_index (self->deleting, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
survey_deleted_cb (GObject *owner, gboolean ok, const GError *error, gpointer data)
{
  JdSurveysView *self = JD_SURVEYS_VIEW (owner);
  Deleting *deleting = data;

  for (guint i = self->deleting->len; i-- > 0;)
    if (g_array_index (self->deleting, gint64, i) == deleting->id)
      g_array_remove_index (self->deleting, i);
  if (!ok)
    {
      jd_show_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      reload (self);
      return;
    }
  const JdSurvey *survey = deleting->survey;
  self->deleted = survey != NULL;
  if (survey)
    {
      self->deleted_village = survey->village_id;
      self->deleted_day = survey->surveyed_on;
      g_free (self->deleted_group);
      self->deleted_group = g_strdup (survey->group);
      self->deleted_sampled = survey->sampled;
      self->deleted_aware = survey->aware;
    }
  changed (self);

  if (self->deleted && jd_find_toast_overlay (GTK_WIDGET (self)))
    {
      AdwToast *toast = adw_toast_new (_ ("Survey deleted"));
      adw_toast_set_button_label (toast, _ ("_Undo"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
      jd_show_toast (GTK_WIDGET (self), toast);
    }
}

JdSaveResult
jd_surveys_view_delete (JdSurveysView *self, gint64 survey_id)
{
  g_return_val_if_fail (JD_IS_SURVEYS_VIEW (self), JD_SAVE_FAILED);

  if (is_deleting (self, survey_id))
    return JD_SAVE_WAITING;
  /* What Undo records again. */
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) surveys = jd_survey_query (self->ledger, self->year, &error);
  if (surveys == NULL)
    {
      jd_show_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return JD_SAVE_FAILED;
    }
  Deleting *deleting = g_new0 (Deleting, 1);
  deleting->id = survey_id;
  for (guint i = 0; i < surveys->len && deleting->survey == NULL; i++)
    if (((JdSurvey *)surveys->pdata[i])->id == survey_id)
      deleting->survey = g_ptr_array_steal_index (surveys, i);

  JdSaveResult result
      = jd_save_run (self->ledger, delete_survey_cb, deleting, (GDestroyNotify)deleting_free,
                     NULL, G_OBJECT (self), survey_deleted_cb);
  if (result == JD_SAVE_WAITING)
    {
      /* Its button takes no second click meanwhile. */
      g_array_append_val (self->deleting, survey_id);
      reload (self);
    }
  return result;
}

JdSaveResult
jd_surveys_view_undo (JdSurveysView *self)
{
  g_return_val_if_fail (JD_IS_SURVEYS_VIEW (self), JD_SAVE_FAILED);
  if (!self->deleted)
    return JD_SAVE_FAILED;
  Survey *survey = g_new0 (Survey, 1);
  survey->group = g_strdup (self->deleted_group);
  survey->undo = TRUE;
  survey->record = (JdSurveyRecord){
    .village_id = self->deleted_village,
    .surveyed_on = self->deleted_day,
    .group = survey->group,
    .sampled = self->deleted_sampled,
    .aware = self->deleted_aware,
  };
  self->deleted = FALSE;
  return save_survey (self, survey);
}

static void
delete_clicked_cb (GtkButton *button, JdSurveysView *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "jd-survey-id");
  jd_surveys_view_delete (self, *id);
}

static GtkWidget *
survey_row (JdSurveysView *self, const JdSurvey *survey)
{
  char day[JD_DAY_STRLEN];
  jd_day_format (survey->surveyed_on, day);
  g_autofree char *title
      = g_strdup_printf ("%s · %s", jd_enum_label (JD_ENUM_SURVEY_GROUP, survey->group),
                         survey->village ? survey->village : _ ("Township-wide"));
  g_autofree char *subtitle = g_strdup_printf (
      _ ("%s · %" PRId64 " of %" PRId64 " aware (%.1f%%)"), day, survey->aware, survey->sampled,
      survey->sampled > 0 ? survey->aware * 100.0 / survey->sampled : 0.0);

  GtkWidget *row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _ ("Delete the Survey"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Delete the Survey"), -1);
  g_object_set_data_full (G_OBJECT (button), "jd-survey-id",
                          g_memdup2 (&survey->id, sizeof survey->id), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (delete_clicked_cb), self, 0);
  if (is_deleting (self, survey->id))
    {
      /* Waiting for another program's write lock: no second click. */
      gtk_widget_set_sensitive (button, FALSE);
      gtk_widget_set_tooltip_text (button, _ ("Deleting…"));
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
reload (JdSurveysView *self)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  if (self->ledger == NULL || self->year == 0)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
  g_autoptr (GPtrArray) surveys = jd_survey_query (self->ledger, self->year, &error);
  if (surveys == NULL || surveys->len == 0)
    {
      g_autofree char *none = surveys
                                  ? g_strdup_printf (_ ("No awareness survey in %d"), self->year)
                                  : g_strdup (error->message);
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), none);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_widget_set_name (row, "placeholder");
      gtk_list_box_append (self->list, row);
      return;
    }
  for (guint i = 0; i < surveys->len; i++)
    gtk_list_box_append (self->list, survey_row (self, surveys->pdata[i]));
}

void
jd_surveys_view_set_year (JdSurveysView *self, int year)
{
  g_return_if_fail (JD_IS_SURVEYS_VIEW (self));
  self->year = year;
  reload (self);
}

/* The form's Add: the fields into a record, refused with the store's reason. */
void
jd_surveys_view_submit (JdSurveysView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->date_field));
  JdDay day = jd_day_parse (text);
  guint village = gtk_drop_down_get_selected (self->village_field);
  guint group = gtk_drop_down_get_selected (self->group_field);
  guint n_groups = 0;
  const JdEnumValue *groups = jd_enum_values (JD_ENUM_SURVEY_GROUP, &n_groups);

  if (self->saving)
    return;
  if (day == 0)
    {
      g_autoptr (GError) error = NULL;
      g_set_error (&error, JD_ERROR, JD_ERROR_INVALID,
                   _ ("“%s” is not a date (write 2024-03-05, 2024/3/5 or 2024年3月5日)"), text);
      show_error (self, error);
      return;
    }
  Survey *survey = g_new0 (Survey, 1);
  survey->group = g_strdup (group < n_groups ? groups[group].key : NULL);
  survey->record = (JdSurveyRecord){
    .village_id
    = village < self->village_ids->len ? g_array_index (self->village_ids, gint64, village) : 0,
    .surveyed_on = day,
    .group = survey->group,
    .sampled = gtk_spin_button_get_value_as_int (self->sampled_field),
    .aware = gtk_spin_button_get_value_as_int (self->aware_field),
  };
  save_survey (self, survey);
}

static GtkWidget *
labelled (GtkWidget *field, const char *label)
{
  gtk_widget_set_tooltip_text (field, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return field;
}

static void
build (JdSurveysView *self)
{
  GtkWidget *form = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->form = form;

  g_autoptr (GtkStringList) villages = gtk_string_list_new (NULL);
  self->village_field = GTK_DROP_DOWN (
      labelled (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (villages)), NULL), _ ("Village")));

  self->date_field = GTK_ENTRY (labelled (gtk_entry_new (), _ ("Survey date")));
  char today[JD_DAY_STRLEN];
  jd_day_format (jd_today (), today);
  gtk_editable_set_text (GTK_EDITABLE (self->date_field), today);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->date_field), 11);

  g_autoptr (GtkStringList) groups = gtk_string_list_new (NULL);
  guint n = 0;
  const JdEnumValue *values = jd_enum_values (JD_ENUM_SURVEY_GROUP, &n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (groups, _ (values[i].label));
  self->group_field = GTK_DROP_DOWN (labelled (
      gtk_drop_down_new (G_LIST_MODEL (g_object_ref (groups)), NULL), _ ("Group surveyed")));

  self->sampled_field = GTK_SPIN_BUTTON (
      labelled (gtk_spin_button_new_with_range (1, 1000000, 1), _ ("People asked")));
  self->aware_field = GTK_SPIN_BUTTON (
      labelled (gtk_spin_button_new_with_range (0, 1000000, 1), _ ("People aware")));

  GtkWidget *add = gtk_button_new_with_mnemonic (_ ("_Record Survey"));
  self->add_button = add;
  gtk_widget_add_css_class (add, "suggested-action");
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (jd_surveys_view_submit), self);

  GtkWidget *fields[] = { GTK_WIDGET (self->village_field), GTK_WIDGET (self->date_field),
                          GTK_WIDGET (self->group_field),   GTK_WIDGET (self->sampled_field),
                          GTK_WIDGET (self->aware_field),   add };
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_box_append (GTK_BOX (form), fields[i]);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Awareness surveys"), -1);

  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (box), form);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));

  GtkWidget *scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), box);
  gtk_widget_set_vexpand (scroll, TRUE);
  gtk_widget_set_parent (scroll, GTK_WIDGET (self));
}

static void
fill_villages (JdSurveysView *self)
{
  GtkStringList *names = GTK_STRING_LIST (gtk_drop_down_get_model (self->village_field));
  gint64 township = 0;

  gtk_string_list_append (names, _ ("Township-wide"));
  g_array_append_val (self->village_ids, township);
  jd_village_choices_append (self->ledger, names, self->village_ids);
}

GtkListBox *
jd_surveys_view_get_list (JdSurveysView *self)
{
  return self->list;
}

GtkDropDown *
jd_surveys_view_get_group_field (JdSurveysView *self)
{
  return self->group_field;
}

GtkEditable *
jd_surveys_view_get_date_field (JdSurveysView *self)
{
  return GTK_EDITABLE (self->date_field);
}

GtkSpinButton *
jd_surveys_view_get_sampled_field (JdSurveysView *self)
{
  return self->sampled_field;
}

GtkSpinButton *
jd_surveys_view_get_aware_field (JdSurveysView *self)
{
  return self->aware_field;
}

GtkLabel *
jd_surveys_view_get_error_label (JdSurveysView *self)
{
  return self->error_label;
}

static void
jd_surveys_view_dispose (GObject *object)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (jd_surveys_view_parent_class)->dispose (object);
}

static void
jd_surveys_view_finalize (GObject *object)
{
  JdSurveysView *self = JD_SURVEYS_VIEW (object);

  g_clear_object (&self->ledger);
  g_array_unref (self->village_ids);
  g_array_unref (self->deleting);
  g_free (self->deleted_group);
  G_OBJECT_CLASS (jd_surveys_view_parent_class)->finalize (object);
}

static void
jd_surveys_view_class_init (JdSurveysViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jd_surveys_view_dispose;
  object_class->finalize = jd_surveys_view_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
jd_surveys_view_init (JdSurveysView *self)
{
  self->village_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->deleting = g_array_new (FALSE, FALSE, sizeof (gint64));
  build (self);
}

GtkWidget *
jd_surveys_view_new (JdLedger *ledger)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  JdSurveysView *self = g_object_new (JD_TYPE_SURVEYS_VIEW, NULL);
  self->ledger = g_object_ref (ledger);
  fill_villages (self);
  return GTK_WIDGET (self);
}
