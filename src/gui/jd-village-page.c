/* jd-village-page.c: one village — its record, title workflow, readiness,
 * persons, letters and assessments
 *
 * Built in code as an AdwPreferencesPage of groups. The record is a form that
 * validates as you type and saves through jd_store_village (); the title
 * workflow offers the steps jd_title_allows () and records them through
 * jd_store_title_event (), whose refusal (with the rule that forbids the step)
 * is shown on the page. The ledger announces every committed write, and the
 * pages that show it (this one too) reload.
 */
#include "config.h"

#include "jd-village-page.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "jd-assessment-dialog.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-mask.h"
#include "jd-readiness.h"
#include "jd-store.h"
#include "jd-title.h"
#include "jd-village-detail.h"
#include "jd-village-list.h"

struct _JdVillagePage
{
  GtkWidget parent_instance;

  JdLedger *ledger;
  gint64 village_id;
  char *code;
  int year;
  gboolean dirty;
  gboolean loading;
  char *message;
  JdTitleState title;

  AdwPreferencesPage *prefs;
  AdwPreferencesGroup *title_group;
  AdwActionRow *stage_row;
  AdwEntryRow *date_row;
  AdwEntryRow *note_row;
  GtkWidget *steps_box;
  GtkLabel *message_label;
  GtkListBox *history_list;
  GtkSpinButton *year_spin;
  GtkListBox *readiness_list;
  AdwEntryRow *name_row;
  AdwComboRow *kind_row;
  GtkSpinButton *registered_spin;
  GtkSpinButton *resident_spin;
  GtkSpinButton *floating_spin;
  GtkSpinButton *grid_spin;
  AdwEntryRow *secretary_row;
  AdwEntryRow *police_row;
  GtkSwitch *site_switch;
  AdwEntryRow *retired_row;
  GtkLabel *form_error;
  AdwPreferencesGroup *persons_group;
  GtkWidget *persons_scroller;
  GtkListView *persons_view;
  GtkLabel *persons_empty;
  GtkListBox *letters_list;
  GtkListBox *assessments_list;
};

G_DEFINE_FINAL_TYPE (JdVillagePage, jd_village_page, GTK_TYPE_WIDGET)

/* ---- helpers ---------------------------------------------------------------------- */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static GtkListBox *
new_boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return GTK_LIST_BOX (list);
}

static void
add_placeholder_row (GtkListBox *list, const char *text)
{
  GtkWidget *row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_append (list, row);
}

static AdwPreferencesGroup *
add_group (JdVillagePage *self, const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (self->prefs, ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

static void
set_message (JdVillagePage *self, const char *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* The ledger announced a committed write: this page's own saves too. */
static void
ledger_changed_cb (JdVillagePage *self, JdChanges changes)
{
  if ((changes & JD_CHANGE_RECORDS) && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    jd_village_page_reload (self);
}

static void
set_row_error (GtkWidget *row, gboolean error)
{
  if (error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/* ---- the record ------------------------------------------------------------------- */

static const char *const kinds[] = { "village", "community" };

/* The reason the form cannot be saved, or NULL; marks the rows at fault. */
static char *
validate_form (JdVillagePage *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *retired = gtk_editable_get_text (GTK_EDITABLE (self->retired_row));
  g_autofree char *name_stripped = g_strstrip (g_strdup (name));
  g_autofree char *retired_stripped = g_strstrip (g_strdup (retired));
  char *reason = NULL;

  gboolean bad_name = *name_stripped == '\0';
  set_row_error (GTK_WIDGET (self->name_row), bad_name);
  if (bad_name)
    reason = g_strdup (_ ("Name: a village needs a name"));

  gboolean bad_date = *retired_stripped != '\0' && jd_day_parse (retired_stripped) == 0;
  set_row_error (GTK_WIDGET (self->retired_row), bad_date);
  if (bad_date && reason == NULL)
    reason = g_strdup_printf (_ ("Retired on: “%s” is not a date (write it as 2024-03-05)"),
                              retired_stripped);
  return reason;
}

static void
set_dirty (JdVillagePage *self, gboolean dirty)
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
  set_dirty (self, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "village.save", reason == NULL);
}

static void
fill_form (JdVillagePage *self, JdVillageItem *item)
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
  set_row_error (GTK_WIDGET (self->name_row), FALSE);
  set_row_error (GTK_WIDGET (self->retired_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), FALSE);
  self->loading = FALSE;
  set_dirty (self, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "village.save", FALSE);

  g_autofree char *title = g_strdup_printf ("%s %s", self->code, jd_village_item_get_name (item));
  adw_preferences_page_set_title (self->prefs, title);
}

static void
save_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdVillagePage *self = JD_VILLAGE_PAGE (widget);
  g_autofree char *reason = validate_form (self);
  g_autoptr (GError) error = NULL;

  if (reason)
    {
      gtk_label_set_text (self->form_error, reason);
      gtk_widget_set_visible (GTK_WIDGET (self->form_error), TRUE);
      return;
    }
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
  if (!jd_ledger_begin (self->ledger, &error)
      || jd_store_village (self->ledger, &record, NULL, &error) == JD_STORE_FAILED
      || !jd_ledger_commit (self->ledger, &error))
    {
      jd_ledger_rollback (self->ledger);
      g_autofree char *text = g_strdup_printf (_ ("The village was not saved: %s"), error->message);
      gtk_label_set_text (self->form_error, text);
      gtk_widget_set_visible (GTK_WIDGET (self->form_error), TRUE);
      return;
    }
  set_dirty (self, FALSE);
}

static void
revert_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdVillagePage *self = JD_VILLAGE_PAGE (widget);
  set_dirty (self, FALSE);
  jd_village_page_reload (self);
}

/* ---- the title workflow ----------------------------------------------------------- */

static void
ground_response_cb (AdwMessageDialog *dialog, const char *response, JdVillagePage *self)
{
  const char *event = g_object_get_data (G_OBJECT (dialog), "jd-event");
  if (g_str_equal (response, "cancel") || event == NULL)
    return;
  g_autofree char *step = g_strdup_printf ("%s:%s", event, response);
  gtk_widget_activate_action (GTK_WIDGET (self), "village.title-event", "s", step);
}

/* A yellow card or a revocation gives its ground (事由, docs/contract.md §3):
 * the page asks for it, one button per ground the event takes. A revocation
 * for two yellow cards is not offered: the store records it with the second
 * yellow card. */
static void
ask_ground (JdVillagePage *self, const char *event)
{
  static const char *const yellow[] = { "ranking", "sewage", "other", NULL };
  static const char *const revoked[]
      = { "student_case", "incident", "cultivation", "manufacture", "key_area", NULL };
  gboolean is_yellow = g_str_equal (event, "yellow_card");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      is_yellow ? _ ("Ground of the yellow card") : _ ("Ground of the revocation"), NULL));
  adw_message_dialog_set_body (dialog, _ ("Choose why, as the plan names it."));
  for (const char *const *ground = is_yellow ? yellow : revoked; *ground; ground++)
    adw_message_dialog_add_response (dialog, *ground,
                                     jd_enum_label (JD_ENUM_TITLE_GROUND, *ground));
  adw_message_dialog_add_response (dialog, "cancel", _ ("_Cancel"));
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "jd-event", g_strdup (event), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (ground_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The parameter is an event key, or "event:ground" for a yellow card or a
 * revocation; without its ground, the page asks for one. */
static void
title_event_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdVillagePage *self = JD_VILLAGE_PAGE (widget);
  g_auto (GStrv) parts = g_strsplit (g_variant_get_string (parameter, NULL), ":", 2);
  const char *event = parts[0] ? parts[0] : "";
  const char *ground = parts[0] && parts[1] && *parts[1] ? parts[1] : NULL;
  if (ground == NULL && (g_str_equal (event, "yellow_card") || g_str_equal (event, "revoked"))
      && jd_title_allows (&self->title, event))
    {
      ask_ground (self, event);
      return;
    }
  g_autofree char *date_text
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  g_autofree char *note
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
  JdDay day = jd_day_parse (date_text);
  g_autoptr (GError) error = NULL;

  if (day == 0)
    {
      set_row_error (GTK_WIDGET (self->date_row), TRUE);
      g_autofree char *text
          = g_strdup_printf (_ ("Date: “%s” is not a date (write it as 2024-03-05)"), date_text);
      set_message (self, text);
      return;
    }
  set_row_error (GTK_WIDGET (self->date_row), FALSE);

  JdTitleEventRecord record = { .village_id = self->village_id,
                                .event = event,
                                .occurred_on = day,
                                .note = note,
                                .ground = ground };
  JdStoreResult result = JD_STORE_FAILED;
  gboolean revoked = FALSE;
  if (jd_ledger_begin (self->ledger, &error))
    {
      result = jd_store_title_event_full (self->ledger, &record, &revoked, &error);
      if (result == JD_STORE_FAILED || !jd_ledger_commit (self->ledger, &error))
        {
          jd_ledger_rollback (self->ledger);
          result = JD_STORE_FAILED;
        }
    }
  if (result == JD_STORE_FAILED)
    {
      /* The store's message starts with the field ("event: "); the page says
       * which step was refused and why, in the rule's own words. */
      const char *reason = error->message;
      if (g_str_has_prefix (reason, "event: "))
        reason += strlen ("event: ");
      g_autofree char *text = g_strdup_printf (_ ("Not recorded: %s"), reason);
      set_message (self, text);
      return;
    }
  if (result == JD_STORE_UNCHANGED)
    {
      set_message (self, _ ("This step is already recorded on that day"));
      return;
    }
  /* The second consecutive yellow card: say that the title went with it. */
  set_message (self, revoked ? _ ("Second consecutive yellow card: the title is revoked "
                                  "(ground: two consecutive yellow cards)")
                             : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
}

static void
fill_title (JdVillagePage *self, GPtrArray *events)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->stage_row),
                                 jd_title_stage_label (self->title.stage));
  g_autofree char *since = self->title.since ? jd_day_to_string (self->title.since) : NULL;
  g_autofree char *since_text = since ? g_strdup_printf (_ ("Since %s"), since) : NULL;
  adw_action_row_set_subtitle (self->stage_row, since_text ? since_text : "");

  /* The allowed steps as buttons, in the workflow's order. */
  GtkWidget *child;
  guint n_allowed = 0;
  for (child = gtk_widget_get_first_child (self->steps_box); child;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *event = g_object_get_data (G_OBJECT (child), "jd-event");
      if (event == NULL)
        continue;
      gboolean allowed = jd_title_allows (&self->title, event);
      gtk_widget_set_visible (child, allowed);
      n_allowed += allowed;
    }

  clear_list (self->history_list);
  if (events->len == 0)
    add_placeholder_row (self->history_list, _ ("No title events yet"));
  for (guint i = events->len; i-- > 0;)
    {
      JdVillageTitleEvent *event = g_ptr_array_index (events, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *date = jd_day_to_string (event->occurred_on);
      g_autofree char *title
          = g_strdup_printf ("%s  %s", date, jd_enum_label (JD_ENUM_TITLE_EVENT, event->event));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      /* The ground of a yellow card or a revocation, then the note. */
      g_autofree char *subtitle
          = event->ground ? g_strdup_printf (_ ("Ground: %s"),
                                             jd_enum_label (JD_ENUM_TITLE_GROUND, event->ground))
                          : NULL;
      if (event->note && *event->note)
        {
          char *both = subtitle ? g_strdup_printf ("%s · %s", subtitle, event->note)
                                : g_strdup (event->note);
          g_free (subtitle);
          subtitle = both;
        }
      if (subtitle)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->history_list, row);
    }
}

/* ---- readiness, persons, letters, assessments -------------------------------------- */

static GtkWidget *
finding_label (JdFinding met)
{
  GtkWidget *label = gtk_label_new (met == JD_FINDING_MET       ? _ ("Met")
                                    : met == JD_FINDING_NOT_MET ? _ ("Not met")
                                                                : _ ("To be confirmed"));
  gtk_widget_add_css_class (label, met == JD_FINDING_MET       ? "success"
                                   : met == JD_FINDING_NOT_MET ? "error"
                                                               : "dim-label");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static void
fill_readiness (JdVillagePage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all
      = jd_readiness_compute (self->ledger, self->year, 0, self->village_id, &error);

  clear_list (self->readiness_list);
  if (all == NULL || all->len == 0)
    {
      add_placeholder_row (self->readiness_list,
                           error ? error->message : _ ("The village is retired in this year"));
      return;
    }
  JdVillageReadiness *r = g_ptr_array_index (all, 0);
  for (int k = 0; k < JD_N_STANDARDS; k++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title
          = g_strdup_printf ("%d. %s", r->standards[k].no, jd_standard_title (r->standards[k].no));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      g_autofree char *evidence = jd_mask_text (r->standards[k].evidence);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), evidence ? evidence : "");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), finding_label (r->standards[k].met));
      gtk_list_box_append (self->readiness_list, row);
    }
}

/* The persons are a GtkListView in a scrolled box of its own, so a village of
 * several hundred persons builds only the rows in view. */
static void
setup_person_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_person_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  JdVillagePerson *p = g_object_get_data (gtk_list_item_get_item (list_item), "jd-person");
  GtkWidget *text = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  GtkWidget *title = gtk_widget_get_first_child (text);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *masked = jd_mask_id_number (p->id_number);
  g_autofree char *title_text = g_strdup_printf ("%s  %s", p->name, masked);
  g_autofree char *since = p->status_since ? jd_day_to_string (p->status_since) : NULL;
  g_autofree char *subtitle_text
      = since
            ? g_strdup_printf (_ ("%s since %s"), jd_enum_label (JD_ENUM_STATUS, p->status), since)
            : g_strdup (jd_enum_label (JD_ENUM_STATUS, p->status));
  gtk_label_set_text (GTK_LABEL (title), title_text);
  gtk_label_set_text (GTK_LABEL (subtitle), subtitle_text);
  g_autofree char *accessible = g_strdup_printf ("%s, %s", title_text, subtitle_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_item_get_child (list_item)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
person_activated_cb (GtkListView *view, guint position, JdVillagePage *self)
{
  g_autoptr (GObject) item
      = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (view)), position);
  JdVillagePerson *p = item ? g_object_get_data (item, "jd-person") : NULL;
  if (p)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-person", "x", p->id);
}

static void
fill_persons (JdVillagePage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) persons
      = jd_village_load_persons (self->ledger, self->village_id, jd_today (), &error);
  g_autoptr (GListStore) store = g_list_store_new (G_TYPE_OBJECT);

  if (persons == NULL)
    {
      gtk_label_set_text (self->persons_empty, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->persons_empty), TRUE);
      gtk_widget_set_visible (self->persons_scroller, FALSE);
      return;
    }
  /* The state at a glance: how many have each status today. */
  g_autofree char *counts = jd_village_describe_statuses (persons);
  g_autofree char *description
      = counts ? g_strdup_printf (_ ("Managed by this village; today: %s"), counts)
               : g_strdup (_ ("Managed by this village, with their status today"));
  adw_preferences_group_set_description (self->persons_group, description);
  for (guint i = 0; i < persons->len; i++)
    {
      g_autoptr (GObject) item = g_object_new (G_TYPE_OBJECT, NULL);
      g_object_set_data_full (item, "jd-person", g_ptr_array_steal_index_fast (persons, i),
                              (GDestroyNotify)jd_village_person_free);
      g_ptr_array_insert (persons, i, NULL);
      g_list_store_append (store, item);
    }
  GtkNoSelection *selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&store)));
  gtk_list_view_set_model (self->persons_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  gtk_label_set_text (self->persons_empty, _ ("No registered persons"));
  gtk_widget_set_visible (GTK_WIDGET (self->persons_empty), persons->len == 0);
  gtk_widget_set_visible (self->persons_scroller, persons->len > 0);
}

static void
fill_letters (JdVillagePage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) letters = jd_village_load_letters (self->ledger, self->village_id, &error);

  clear_list (self->letters_list);
  if (letters == NULL)
    {
      add_placeholder_row (self->letters_list, error->message);
      return;
    }
  if (letters->len == 0)
    add_placeholder_row (self->letters_list, _ ("No responsibility letters"));
  for (guint i = 0; i < letters->len; i++)
    {
      JdVillageLetter *l = g_ptr_array_index (letters, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *date = jd_day_to_string (l->signed_on);
      g_autofree char *title
          = g_strdup_printf ("%s  %s", date, jd_enum_label (JD_ENUM_LETTER_LEVEL, l->level));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      g_autofree char *copies
          = l->copies >= 0 ? g_strdup_printf (
                ngettext ("%" PRId64 " copy", "%" PRId64 " copies", l->copies), l->copies)
                           : NULL;
      g_autofree char *subtitle
          = g_strjoin (" · ", l->party && *l->party ? l->party : "—", copies ? copies : "—", NULL);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->letters_list, row);
    }
}

static void
fill_assessments (JdVillagePage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) assessments
      = jd_village_load_assessments (self->ledger, self->village_id, &error);

  clear_list (self->assessments_list);
  if (assessments == NULL)
    {
      add_placeholder_row (self->assessments_list, error->message);
      return;
    }
  if (assessments->len == 0)
    add_placeholder_row (self->assessments_list, _ ("Not assessed yet"));
  for (guint i = 0; i < assessments->len; i++)
    {
      JdVillageAssessment *a = g_ptr_array_index (assessments, i);
      GtkWidget *row = adw_action_row_new ();
      double points = 0;
      for (int k = 0; k < 10; k++)
        points += a->items[k].points;
      guint met = jd_village_assessment_count_met (a);
      g_autofree char *title
          = g_strdup_printf (_ ("%d: %u of 10 standards met, %.1f points"), a->year, met, points);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      g_autofree char *date = jd_day_to_string (a->assessed_on);
      g_autofree char *subtitle
          = a->assessor && *a->assessor
                ? g_strdup_printf (_ ("Assessed on %s by %s"), date, a->assessor)
                : g_strdup_printf (_ ("Assessed on %s"), date);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->assessments_list, row);
    }
}

void
jd_village_page_reload (JdVillagePage *self)
{
  g_return_if_fail (JD_IS_VILLAGE_PAGE (self));
  g_autoptr (GError) error = NULL;

  if (!self->dirty)
    {
      g_autoptr (GListStore) villages = jd_village_list_load (self->ledger, &error);
      for (guint i = 0; villages && i < g_list_model_get_n_items (G_LIST_MODEL (villages)); i++)
        {
          g_autoptr (JdVillageItem) item = g_list_model_get_item (G_LIST_MODEL (villages), i);
          if (jd_village_item_get_id (item) == self->village_id)
            fill_form (self, item);
        }
    }

  g_autoptr (GPtrArray) events
      = jd_village_load_title_events (self->ledger, self->village_id, &self->title, &error);
  if (events)
    fill_title (self, events);
  else
    set_message (self, error->message);
  fill_readiness (self);
  fill_persons (self);
  fill_letters (self);
  fill_assessments (self);
}

static void
year_changed_cb (JdVillagePage *self)
{
  int year = gtk_spin_button_get_value_as_int (self->year_spin);
  if (year != self->year)
    {
      self->year = year;
      fill_readiness (self);
    }
}

void
jd_village_page_set_year (JdVillagePage *self, int year)
{
  g_return_if_fail (JD_IS_VILLAGE_PAGE (self));
  gtk_spin_button_set_value (self->year_spin, year);
}

static void
assess_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdVillagePage *self = JD_VILLAGE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = jd_assessment_dialog_new (self->ledger, self->village_id, self->year);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- building the page -------------------------------------------------------------- */

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

static GtkListBox *
add_list_group (JdVillagePage *self, const char *title, const char *description)
{
  AdwPreferencesGroup *group = add_group (self, title, description);
  GtkListBox *list = new_boxed_list ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_group_add (group, GTK_WIDGET (list));
  return list;
}

static void
build_title_group (JdVillagePage *self)
{
  self->title_group
      = add_group (self, _ ("Drug-Free Title"),
                   _ ("Apply, accept, assess and name; then reviews and yellow cards"));
  self->stage_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->stage_row), _ ("Stage"));
  adw_preferences_group_add (self->title_group, GTK_WIDGET (self->stage_row));

  self->date_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), _ ("Date of the Step"));
  g_autofree char *today = jd_day_to_string (jd_today ());
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  adw_preferences_group_add (self->title_group, GTK_WIDGET (self->date_row));
  self->note_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->note_row), _ ("Note"));
  adw_preferences_group_add (self->title_group, GTK_WIDGET (self->note_row));

  self->steps_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (self->steps_box, 12);
  guint n_events;
  const JdEnumValue *events = jd_enum_values (JD_ENUM_TITLE_EVENT, &n_events);
  GMenu *menu = g_menu_new ();
  for (guint i = 0; i < n_events; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_ (events[i].label));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "village.title-event");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", events[i].key);
      g_object_set_data (G_OBJECT (button), "jd-event", (gpointer)events[i].key);
      if (g_str_equal (events[i].key, "yellow_card") || g_str_equal (events[i].key, "revoked")
          || g_str_equal (events[i].key, "assessed_fail"))
        gtk_widget_add_css_class (button, "destructive-action");
      else
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_box_append (GTK_BOX (self->steps_box), button);

      g_autofree char *detailed = g_strdup_printf ("village.title-event::%s", events[i].key);
      g_menu_append (menu, _ (events[i].label), detailed);
    }
  /* Every step, allowed or not: an impossible one is refused with its rule. */
  GtkWidget *other = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (other), _ ("Other Step"));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (other), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (
      other, _ ("Record any step; one the rules forbid is refused with the reason"));
  g_object_unref (menu);
  gtk_box_append (GTK_BOX (self->steps_box), other);
  adw_preferences_group_add (self->title_group, self->steps_box);

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_margin_top (GTK_WIDGET (self->message_label), 6);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  adw_preferences_group_add (self->title_group, GTK_WIDGET (self->message_label));

  self->history_list = add_list_group (self, _ ("Title History"), NULL);
}

static void
build_record_group (JdVillagePage *self)
{
  AdwPreferencesGroup *group = add_group (self, _ ("Village Record"), NULL);

  GtkWidget *save = gtk_button_new_with_mnemonic (_ ("_Save"));
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

static void
build_readiness_group (JdVillagePage *self)
{
  AdwPreferencesGroup *group = add_group (
      self, _ ("Readiness Against the Ten Standards"),
      _ ("What the ledger shows for the year; manual standards are confirmed in the assessment"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (box, GTK_ALIGN_END);
  self->year_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1990, 2200, 1));
  gtk_widget_set_valign (GTK_WIDGET (self->year_spin), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->year_spin), _ ("Year"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->year_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Year"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->year_spin));
  GtkWidget *assess = gtk_button_new_with_mnemonic (_ ("_Assess…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (assess), "village.assess");
  gtk_widget_set_tooltip_text (assess, _ ("Record the year's assessment (Ctrl+E)"));
  gtk_box_append (GTK_BOX (box), assess);
  adw_preferences_group_set_header_suffix (group, box);
  self->readiness_list = new_boxed_list ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->readiness_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Readiness"), -1);
  adw_preferences_group_add (group, GTK_WIDGET (self->readiness_list));
}

JdTitleStage
jd_village_page_get_stage (JdVillagePage *self)
{
  g_return_val_if_fail (JD_IS_VILLAGE_PAGE (self), JD_TITLE_STAGE_NONE);
  return self->title.stage;
}

void
jd_village_page_set_step_date (JdVillagePage *self, JdDay day)
{
  g_return_if_fail (JD_IS_VILLAGE_PAGE (self));
  g_autofree char *text = jd_day_to_string (day);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
}

static void
build_persons_group (JdVillagePage *self)
{
  self->persons_group = add_group (self, _ ("Registered Persons"),
                                   _ ("Managed by this village, with their status today"));
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_person_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_person_cb), NULL);
  self->persons_view = GTK_LIST_VIEW (gtk_list_view_new (NULL, factory));
  gtk_widget_set_name (GTK_WIDGET (self->persons_view), "persons");
  gtk_list_view_set_single_click_activate (self->persons_view, TRUE);
  gtk_list_view_set_show_separators (self->persons_view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->persons_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Registered Persons"), -1);
  g_signal_connect (self->persons_view, "activate", G_CALLBACK (person_activated_cb), self);
  self->persons_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->persons_scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->persons_scroller),
                                                    TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->persons_scroller), 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->persons_scroller),
                                 GTK_WIDGET (self->persons_view));
  gtk_widget_add_css_class (self->persons_scroller, "card");
  gtk_widget_set_overflow (self->persons_scroller, GTK_OVERFLOW_HIDDEN);
  adw_preferences_group_add (self->persons_group, self->persons_scroller);
  self->persons_empty = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->persons_empty, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->persons_empty), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->persons_empty), FALSE);
  adw_preferences_group_add (self->persons_group, GTK_WIDGET (self->persons_empty));
}

gint64
jd_village_page_get_village_id (JdVillagePage *self)
{
  g_return_val_if_fail (JD_IS_VILLAGE_PAGE (self), 0);
  return self->village_id;
}

gboolean
jd_village_page_get_dirty (JdVillagePage *self)
{
  g_return_val_if_fail (JD_IS_VILLAGE_PAGE (self), FALSE);
  return self->dirty;
}

const char *
jd_village_page_get_message (JdVillagePage *self)
{
  g_return_val_if_fail (JD_IS_VILLAGE_PAGE (self), NULL);
  return self->message;
}

static void
jd_village_page_dispose (GObject *object)
{
  JdVillagePage *self = JD_VILLAGE_PAGE (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->ledger);

  G_OBJECT_CLASS (jd_village_page_parent_class)->dispose (object);
}

static void
jd_village_page_finalize (GObject *object)
{
  JdVillagePage *self = JD_VILLAGE_PAGE (object);

  g_free (self->code);
  g_free (self->message);

  G_OBJECT_CLASS (jd_village_page_parent_class)->finalize (object);
}

static void
jd_village_page_class_init (JdVillagePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_village_page_dispose;
  object_class->finalize = jd_village_page_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "village.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "village.revert", NULL, revert_action_cb);
  gtk_widget_class_install_action (widget_class, "village.title-event", "s", title_event_action_cb);
  gtk_widget_class_install_action (widget_class, "village.assess", NULL, assess_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "village.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "village.assess",
                                       NULL);
}

static void
jd_village_page_init (JdVillagePage *self)
{
  self->prefs = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->prefs), GTK_WIDGET (self));
  build_title_group (self);
  build_readiness_group (self);
  build_record_group (self);
  build_persons_group (self);
  self->letters_list = add_list_group (self, _ ("Responsibility Letters"), NULL);
  self->assessments_list = add_list_group (self, _ ("Assessments"), NULL);
}

GtkWidget *
jd_village_page_new (JdLedger *ledger, gint64 village_id)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  JdVillagePage *self = g_object_new (JD_TYPE_VILLAGE_PAGE, NULL);
  self->ledger = g_object_ref (ledger);
  self->village_id = village_id;
  self->year = jd_day_year (jd_today ());
  gtk_spin_button_set_value (self->year_spin, self->year);
  g_signal_connect_swapped (self->year_spin, "value-changed", G_CALLBACK (year_changed_cb), self);
  g_signal_connect_object (ledger, "changed", G_CALLBACK (ledger_changed_cb), self,
                           G_CONNECT_SWAPPED);
  jd_village_page_reload (self);
  return GTK_WIDGET (self);
}
