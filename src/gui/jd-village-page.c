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

#include "jd-village-page-private.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "jd-assessment-dialog.h"
#include "jd-date.h"
#include "jd-enums.h"
#include "jd-error.h"
#include "jd-mask.h"
#include "jd-print.h"
#include "jd-readiness.h"
#include "jd-store.h"
#include "jd-title.h"
#include "jd-village-detail.h"
#include "jd-village-list.h"

G_DEFINE_FINAL_TYPE (JdVillagePage, jd_village_page, GTK_TYPE_WIDGET)

/* The ledger announced a committed write: this page's own saves too. */
static void
ledger_changed_cb (JdVillagePage *self, JdChanges changes)
{
  if ((changes & JD_CHANGE_RECORDS) && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    jd_village_page_reload (self);
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

  jd_village_page_clear_list (self->readiness_list);
  if (all == NULL || all->len == 0)
    {
      jd_village_page_add_placeholder (
          self->readiness_list, error ? error->message : _ ("The village is retired in this year"));
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

  jd_village_page_clear_list (self->letters_list);
  if (letters == NULL)
    {
      jd_village_page_add_placeholder (self->letters_list, error->message);
      return;
    }
  if (letters->len == 0)
    jd_village_page_add_placeholder (self->letters_list, _ ("No responsibility letters"));
  for (guint i = 0; i < letters->len; i++)
    {
      JdVillageLetter *l = g_ptr_array_index (letters, i);
      g_autofree char *copies
          = l->copies >= 0 ? g_strdup_printf (
                ngettext ("%" PRId64 " copy", "%" PRId64 " copies", l->copies), l->copies)
                           : NULL;
      g_autofree char *subtitle
          = g_strjoin (" · ", l->party && *l->party ? l->party : "—", copies ? copies : "—", NULL);
      jd_village_page_add_dated_row (self->letters_list, l->signed_on,
                                     jd_enum_label (JD_ENUM_LETTER_LEVEL, l->level), subtitle);
    }
}

static void
fill_assessments (JdVillagePage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) assessments
      = jd_village_load_assessments (self->ledger, self->village_id, &error);

  jd_village_page_clear_list (self->assessments_list);
  if (assessments == NULL)
    {
      jd_village_page_add_placeholder (self->assessments_list, error->message);
      return;
    }
  if (assessments->len == 0)
    jd_village_page_add_placeholder (self->assessments_list, _ ("Not assessed yet"));
  for (guint i = 0; i < assessments->len; i++)
    {
      JdVillageAssessment *a = g_ptr_array_index (assessments, i);
      double points = 0;
      for (int k = 0; k < 10; k++)
        points += a->items[k].points;
      guint met = jd_village_assessment_count_met (a);
      g_autofree char *title
          = g_strdup_printf (_ ("%d: %u of 10 standards met, %.1f points"), a->year, met, points);
      g_autofree char *date = jd_day_to_string (a->assessed_on);
      g_autofree char *subtitle
          = a->assessor && *a->assessor
                ? g_strdup_printf (_ ("Assessed on %s by %s"), date, a->assessor)
                : g_strdup_printf (_ ("Assessed on %s"), date);
      jd_village_page_add_row (self->assessments_list, title, subtitle);
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
            jd_village_record_fill (self, item);
        }
    }

  g_autoptr (GPtrArray) events
      = jd_village_load_title_events (self->ledger, self->village_id, &self->title, &error);
  if (events)
    jd_village_title_fill (self, events);
  else
    jd_village_page_set_message (self, error->message);
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

/* Discards the changes to the village's record (jd-village-record.c): the page as the ledger has
 * it. */
static void
revert_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdVillagePage *self = JD_VILLAGE_PAGE (widget);
  jd_village_record_set_dirty (self, FALSE);
  jd_village_page_reload (self);
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

static void
build_readiness_group (JdVillagePage *self)
{
  AdwPreferencesGroup *group = jd_village_page_add_group (
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
  self->readiness_list = jd_village_page_new_list ();
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
  self->persons_group = jd_village_page_add_group (
      self, _ ("Registered Persons"), _ ("Managed by this village, with their status today"));
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
  GtkWidget *print = gtk_button_new_with_mnemonic (_ ("_Print Help Files…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (print), "village.print");
  adw_preferences_group_set_header_suffix (self->persons_group, print);
}

/* The help files of the village's persons (src/gui/jd-print.c). */
static void
print_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdVillagePage *self = JD_VILLAGE_PAGE (widget);
  JdDossierOptions options = { .scope = JD_DOSSIER_VILLAGE, .id = self->village_id };
  jd_print_dossier (GTK_WINDOW (gtk_widget_get_root (widget)), self->ledger, &options);
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
  g_clear_object (&self->record_saving);

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
  jd_village_record_class_init (widget_class);
  jd_village_title_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "village.revert", NULL, revert_action_cb);
  gtk_widget_class_install_action (widget_class, "village.assess", NULL, assess_action_cb);
  gtk_widget_class_install_action (widget_class, "village.print", NULL, print_action_cb);
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
  jd_village_title_build (self);
  build_readiness_group (self);
  jd_village_record_build (self);
  build_persons_group (self);
  self->letters_list = jd_village_page_add_list_group (self, _ ("Responsibility Letters"), NULL);
  self->assessments_list = jd_village_page_add_list_group (self, _ ("Assessments"), NULL);
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
