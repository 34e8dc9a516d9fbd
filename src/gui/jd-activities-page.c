/* jd-activities-page.c: the activities section, the publicity register (宣传活动)
 *
 * Three views of a year: the register (search, filters by village, month and
 * form, a count, quick entry (jd_activity_form), deletion with Undo, export of the shown rows)
 * and the months (villages × twelve months, ✓ where a month had four
 * activities or more, so gaps show before the assessment does), and the
 * awareness surveys (jd-surveys-view.c).
 */
#include "config.h"

#include "jd-activities-page.h"

#include <glib/gi18n-lib.h>

#include "jd-accessible.h"
#include "jd-activity-query.h"
#include "jd-box-item.h"
#include "jd-date.h"
#include "jd-deletions.h"
#include "jd-enums.h"
#include "jd-export-task.h"
#include "jd-activity-form.h"
#include "jd-store-edit.h"
#include "jd-store.h"
#include "jd-surveys-view.h"
#include "jd-village-choices.h"
#include "jd-alerts.h"

/* ---- a row of the register ------------------------------------------------------------------ */

const JdActivity *
jd_activities_page_item_activity (gpointer item)
{
  return jd_box_item_get (item);
}

/* ---- the page -------------------------------------------------------------------------------- */

struct _JdActivitiesPage
{
  JdSectionPage parent_instance;

  GtkSpinButton *year_button;
  GtkSearchEntry *search_entry;
  GtkDropDown *village_filter;
  GtkDropDown *month_filter;
  GtkDropDown *form_filter;
  GtkDropDown *audience_filter;
  AdwViewStack *stack;
  GtkColumnView *view;
  GtkGrid *months_grid;
  JdSurveysView *surveys;

  GListStore *rows;
  GArray *village_ids;    /* by village_filter position: 0 all, -1 township-wide */
  JdDeletions *deletions; /* deleted on screen, not yet in the ledger */
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (JdActivitiesPage, jd_activities_page, JD_TYPE_SECTION_PAGE)

static void
fill_filter (JdActivitiesPage *self, JdActivityFilter *filter)
{
  guint village = gtk_drop_down_get_selected (self->village_filter);
  guint form = gtk_drop_down_get_selected (self->form_filter);
  guint audience = gtk_drop_down_get_selected (self->audience_filter);
  guint n_forms, n_audiences;
  const JdEnumValue *forms = jd_enum_values (JD_ENUM_ACTIVITY_FORM, &n_forms);
  const JdEnumValue *audiences = jd_enum_values (JD_ENUM_AUDIENCE, &n_audiences);

  *filter = (JdActivityFilter){
    .year = gtk_spin_button_get_value_as_int (self->year_button),
    .month = (int)gtk_drop_down_get_selected (self->month_filter),
    .village_id
    = village < self->village_ids->len ? g_array_index (self->village_ids, gint64, village) : 0,
    .form = form > 0 && form <= n_forms ? forms[form - 1].key : NULL,
    .audience = audience > 0 && audience <= n_audiences ? audiences[audience - 1].key : NULL,
    .text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
  };
}

static void
show_months (JdActivitiesPage *self, int year)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) months
      = jd_activity_months (jd_section_page_get_ledger (JD_SECTION_PAGE (self)), year, &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->months_grid))))
    gtk_grid_remove (self->months_grid, child);
  if (months == NULL)
    {
      gtk_grid_attach (self->months_grid, gtk_label_new (error->message), 0, 0, 13, 1);
      return;
    }
  for (int m = 0; m < 12; m++)
    {
      g_autofree char *head = g_strdup_printf (_ ("Month %d"), m + 1);
      GtkWidget *label = gtk_label_new (head);
      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (self->months_grid, label, m + 1, 0, 1, 1);
    }
  for (guint v = 0; v < months->len; v++)
    {
      const JdActivityMonths *village = months->pdata[v];
      GtkWidget *name = gtk_label_new (village->name);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_grid_attach (self->months_grid, name, 0, v + 1, 1, 1);
      for (int m = 0; m < 12; m++)
        {
          gboolean met = village->counts[m] >= 4;
          g_autofree char *text = met ? g_strdup_printf ("%d ✓", village->counts[m])
                                      : g_strdup_printf ("%d", village->counts[m]);
          GtkWidget *cell = gtk_label_new (text);
          gtk_widget_add_css_class (cell, "month-cell");
          gtk_widget_add_css_class (cell, met ? "met" : "short");
          g_autofree char *said
              = g_strdup_printf (met ? _ ("%s, month %d: %d activities, four or more")
                                     : _ ("%s, month %d: %d activities, fewer than four"),
                                 village->name, m + 1, village->counts[m]);
          gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          said, -1);
          gtk_grid_attach (self->months_grid, cell, m + 1, v + 1, 1, 1);
        }
    }
}

/* Reads the year again with the filters on screen. */
void
jd_activities_page_reload (JdActivitiesPage *self)
{
  g_autoptr (GError) error = NULL;
  JdActivityFilter filter;

  if (self->loading || jd_section_page_get_ledger (JD_SECTION_PAGE (self)) == NULL)
    return;
  fill_filter (self, &filter);
  g_autoptr (GPtrArray) found
      = jd_activity_query (jd_section_page_get_ledger (JD_SECTION_PAGE (self)), &filter, &error);
  g_list_store_remove_all (self->rows);
  for (guint i = 0; found && i < found->len; i++)
    {
      JdActivity *activity = found->pdata[i];
      if (jd_deletions_contains (self->deletions, 0, activity->id))
        continue;
      g_autoptr (JdBoxItem) row
          = jd_box_item_new (g_steal_pointer (&found->pdata[i]), (GDestroyNotify)jd_activity_free);
      g_list_store_append (self->rows, row);
    }
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autofree char *subtitle
      = found
            ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u activity", "%u activities", n), n)
            : g_strdup (error->message);
  jd_section_page_set_subtitle (JD_SECTION_PAGE (self), subtitle);
  show_months (self, filter.year);
  if (self->surveys)
    jd_surveys_view_set_year (self->surveys, filter.year);
}

/* ---- cells ------------------------------------------------------------------------------------
 */

typedef enum
{
  CELL_DATE,
  CELL_VILLAGE,
  CELL_FORM,
  CELL_TITLE,
  CELL_LOCATION,
  CELL_AUDIENCE,
  CELL_PARTICIPANTS,
} CellKind;

static char *
cell_text (const JdActivity *a, CellKind kind)
{
  switch (kind)
    {
      case CELL_DATE:
        return jd_day_to_string (a->held_on);
      case CELL_VILLAGE:
        return g_strdup (a->village ? a->village : _ ("Township-wide"));
      case CELL_FORM:
        return g_strdup (jd_enum_label (JD_ENUM_ACTIVITY_FORM, a->form));
      case CELL_TITLE:
        return g_strdup (a->title);
      case CELL_LOCATION:
        return g_strdup (a->location ? a->location : "");
      case CELL_AUDIENCE:
        return g_strdup (a->audience ? jd_enum_label (JD_ENUM_AUDIENCE, a->audience) : "");
      case CELL_PARTICIPANTS:
        return a->participants >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, a->participants)
                                    : g_strdup ("");
      default:
        g_assert_not_reached ();
    }
}

static char *
activity_cell (gpointer item, guint column)
{
  return cell_text (jd_box_item_get (item), column);
}

static void
add_columns (JdActivitiesPage *self)
{
  const char *titles[]
      = { NC_ ("activity column", "Date"),        NC_ ("activity column", "Village"),
          NC_ ("activity column", "Form"),        NC_ ("activity column", "Theme"),
          NC_ ("activity column", "Location"),    NC_ ("activity column", "Audience"),
          NC_ ("activity column", "Participants") };
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = jd_text_column_new (
          g_dpgettext2 (GETTEXT_PACKAGE, "activity column", titles[i]), activity_cell, i);
      gtk_column_view_column_set_expand (column, i == CELL_TITLE);
      gtk_column_view_append_column (self->view, column);
    }
}

/* ---- export ------------------------------------------------------------------------------------
 */

static const JdColumn export_columns[] = {
  { "序号", JD_COLUMN_SERIAL }, { "日期", JD_COLUMN_DAY },       { "村(社区)", JD_COLUMN_TEXT },
  { "形式", JD_COLUMN_CENTER }, { "主题", JD_COLUMN_WRAP },      { "地点", JD_COLUMN_TEXT },
  { "对象", JD_COLUMN_CENTER }, { "参与人数", JD_COLUMN_COUNT },
};

/* The filter shown, with a copy of its search text of its own. */
static void
shown_filter_free (JdActivityFilter *filter)
{
  g_free ((char *)filter->text);
  g_free (filter);
}

static gboolean
shown_rows_cb (JdLedger *reader, JdRowFunc func, gpointer func_data, gpointer data, GError **error)
{
  g_autoptr (GPtrArray) found = jd_activity_query (reader, data, error);

  for (guint i = 0; found && i < found->len; i++)
    {
      const JdActivity *a = found->pdata[i];
      JdCell cells[G_N_ELEMENTS (export_columns)] = { { 0 } };
      cells[0] = (JdCell){ .type = JD_CELL_COUNT, .number = i + 1 };
      cells[1] = (JdCell){ .type = JD_CELL_DAY, .day = a->held_on };
      cells[2] = (JdCell){ .type = JD_CELL_TEXT, .text = a->village ? a->village : "全镇" };
      cells[3]
          = (JdCell){ .type = JD_CELL_TEXT, .text = jd_enum_zh (JD_ENUM_ACTIVITY_FORM, a->form) };
      cells[4] = (JdCell){ .type = JD_CELL_TEXT, .text = a->title };
      if (a->location)
        cells[5] = (JdCell){ .type = JD_CELL_TEXT, .text = a->location };
      if (a->audience)
        cells[6]
            = (JdCell){ .type = JD_CELL_TEXT, .text = jd_enum_zh (JD_ENUM_AUDIENCE, a->audience) };
      if (a->participants >= 0)
        cells[7] = (JdCell){ .type = JD_CELL_COUNT, .number = a->participants };
      if (!func (cells, G_N_ELEMENTS (cells), func_data, error))
        return FALSE;
    }
  return found != NULL;
}

static const JdListExport activities_export = {
  "禁毒宣传活动台账",
  export_columns,
  G_N_ELEMENTS (export_columns),
  shown_rows_cb,
};

static const JdListExport *
get_shown (JdSectionPage *page, gboolean *mask, gpointer *data, GDestroyNotify *data_free)
{
  JdActivityFilter *filter = g_new0 (JdActivityFilter, 1);
  fill_filter (JD_ACTIVITIES_PAGE (page), filter);
  filter->text = g_strdup (filter->text);
  *mask = FALSE;
  *data = filter;
  *data_free = (GDestroyNotify)shown_filter_free;
  return &activities_export;
}

void
jd_activities_page_export (JdActivitiesPage *self, const char *path)
{
  g_return_if_fail (JD_IS_ACTIVITIES_PAGE (self));
  jd_section_page_export (JD_SECTION_PAGE (self), path);
}

/* ---- quick entry --------------------------------------------------------------------------------
 */

/* An activity recorded: the ledger's notice of the commit has reloaded the page. */
static void
added_cb (gpointer page)
{
}

/* activities.add: the quick entry, the theme first; it saves through the form
 * toolkit (jd_form_dialog_present (), by jd_save_run ()), so it never waits on
 * the window's thread for another program's write lock. */
static void
add_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdActivitiesPage *self = JD_ACTIVITIES_PAGE (widget);
  AdwMessageDialog *dialog
      = jd_form_dialog_present (widget, jd_section_page_get_ledger (JD_SECTION_PAGE (self)),
                                &jd_activity_form, NULL, added_cb, self);
  gtk_widget_grab_focus (jd_form_dialog_get_row (jd_form_dialog_get (dialog), "title"));
}

/* ---- deleting with Undo ------------------------------------------------------------------------
 */

static gboolean
delete_activity (JdLedger *ledger, int kind, gint64 id, GError **error)
{
  return jd_store_delete_record (ledger, JD_RECORD_ACTIVITY, id, error);
}

static void
deleted_cb (gpointer page, const GError *error)
{
  if (error)
    jd_show_toast (GTK_WIDGET (page), adw_toast_new (error->message));
}

/* Deletes on screen at once and in the ledger when the toast goes, unless undone. */
void
jd_activities_page_delete (JdActivitiesPage *self, gint64 id)
{
  g_return_if_fail (JD_IS_ACTIVITIES_PAGE (self));

  AdwToast *toast
      = jd_deletions_add (self->deletions, 0, id, _ ("Activity deleted"), "activities.undo", TRUE);
  if (toast == NULL)
    return;
  jd_activities_page_reload (self);
  jd_deletions_offer_undo (self->deletions, GTK_WIDGET (self), toast);
}

void
jd_activities_page_undo (JdActivitiesPage *self, gint64 id)
{
  g_return_if_fail (JD_IS_ACTIVITIES_PAGE (self));
  g_autofree char *key = jd_deletions_key (0, id);
  if (jd_deletions_undo (self->deletions, key))
    jd_activities_page_reload (self);
}

void
jd_activities_page_commit_deletions (JdActivitiesPage *self)
{
  jd_deletions_commit_all (self->deletions);
}

static void
delete_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdActivitiesPage *self = JD_ACTIVITIES_PAGE (widget);
  GtkSelectionModel *selection = gtk_column_view_get_model (self->view);
  guint position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection));
  g_autoptr (JdBoxItem) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (row)
    jd_activities_page_delete (self, ((JdActivity *)jd_box_item_get (row))->id);
}

static void
undo_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  jd_activities_page_undo (JD_ACTIVITIES_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
export_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  jd_activities_page_export (JD_ACTIVITIES_PAGE (widget), NULL);
}

/* ---- building ----------------------------------------------------------------------------------
 */

static GtkWidget *
dropdown (JdActivitiesPage *self, GtkStringList *choices, const char *tooltip)
{
  GtkWidget *drop = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (choices)), NULL);
  gtk_widget_set_tooltip_text (drop, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  g_signal_connect_swapped (drop, "notify::selected", G_CALLBACK (jd_activities_page_reload), self);
  return drop;
}

static GtkWidget *
icon_button (const char *icon, const char *action, const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  return button;
}

static void
build (JdActivitiesPage *self)
{
  GtkWidget *bar = jd_section_page_bar_new ();

  self->year_button = jd_section_page_year_button_new (JD_SECTION_PAGE (self));

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->search_entry), TRUE);
  g_object_set (self->search_entry, "placeholder-text", _ ("Search theme or location"), NULL);
  jd_accessible_name (GTK_WIDGET (self->search_entry), _ ("Search theme or location"));
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (jd_activities_page_reload), self);

  g_autoptr (GtkStringList) months = gtk_string_list_new (NULL);
  gtk_string_list_append (months, _ ("All Months"));
  for (int m = 1; m <= 12; m++)
    {
      g_autofree char *name = g_strdup_printf (_ ("Month %d"), m);
      gtk_string_list_append (months, name);
    }
  self->month_filter = GTK_DROP_DOWN (dropdown (self, months, _ ("Month")));

  g_autoptr (GtkStringList) forms = gtk_string_list_new (NULL);
  guint n;
  const JdEnumValue *values = jd_enum_values (JD_ENUM_ACTIVITY_FORM, &n);
  gtk_string_list_append (forms, _ ("All Forms"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (forms, _ (values[i].label));
  self->form_filter = GTK_DROP_DOWN (dropdown (self, forms, _ ("Form")));

  g_autoptr (GtkStringList) audiences = gtk_string_list_new (NULL);
  values = jd_enum_values (JD_ENUM_AUDIENCE, &n);
  gtk_string_list_append (audiences, _ ("All Audiences"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (audiences, _ (values[i].label));
  self->audience_filter = GTK_DROP_DOWN (dropdown (self, audiences, _ ("Audience")));

  g_autoptr (GtkStringList) villages = gtk_string_list_new (NULL);
  self->village_filter = GTK_DROP_DOWN (dropdown (self, villages, _ ("Village")));

  self->stack = ADW_VIEW_STACK (adw_view_stack_new ());
  GtkWidget *switcher = adw_view_switcher_new ();
  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), self->stack);
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);

  GtkWidget *controls[] = {
    GTK_WIDGET (self->year_button),
    switcher,
    GTK_WIDGET (self->search_entry),
    GTK_WIDGET (self->village_filter),
    GTK_WIDGET (self->month_filter),
    GTK_WIDGET (self->form_filter),
    icon_button ("list-add-symbolic", "activities.add", _ ("Record an Activity (Ctrl+Shift+A)")),
    icon_button ("document-save-as-symbolic", "activities.export",
                 _ ("Export the Shown Rows (Ctrl+E)")),
    icon_button ("document-print-symbolic", "page.print", _ ("Print the Shown Rows (Ctrl+P)"))
  };
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    gtk_box_append (GTK_BOX (bar), controls[i]);

  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  add_columns (self);
  GtkSingleSelection *selection
      = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  GtkWidget *list_scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (list_scroll), GTK_WIDGET (self->view));
  AdwViewStackPage *page
      = adw_view_stack_add_titled (self->stack, list_scroll, "register", _ ("Register"));
  adw_view_stack_page_set_icon_name (page, "view-list-symbolic");

  self->months_grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->months_grid, 4);
  gtk_grid_set_column_spacing (self->months_grid, 4);
  gtk_widget_set_margin_start (GTK_WIDGET (self->months_grid), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->months_grid), 12);
  GtkWidget *months_scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (months_scroll),
                                 GTK_WIDGET (self->months_grid));
  page = adw_view_stack_add_titled (self->stack, months_scroll, "months", _ ("Months"));
  adw_view_stack_page_set_icon_name (page, "x-office-calendar-symbolic");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  gtk_widget_set_parent (bar, GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
}

static void
fill_villages (JdActivitiesPage *self)
{
  GtkStringList *names = GTK_STRING_LIST (gtk_drop_down_get_model (self->village_filter));
  gint64 all = 0, township = JD_ACTIVITY_TOWNSHIP;

  gtk_string_list_append (names, _ ("All Villages"));
  g_array_append_val (self->village_ids, all);
  gtk_string_list_append (names, _ ("Township-wide"));
  g_array_append_val (self->village_ids, township);
  jd_village_choices_append (jd_section_page_get_ledger (JD_SECTION_PAGE (self)), names,
                             self->village_ids);
}

GListModel *
jd_activities_page_get_model (JdActivitiesPage *self)
{
  return G_LIST_MODEL (self->rows);
}

GtkSearchEntry *
jd_activities_page_get_search_entry (JdActivitiesPage *self)
{
  return self->search_entry;
}

GtkDropDown *
jd_activities_page_get_audience_filter (JdActivitiesPage *self)
{
  return self->audience_filter;
}

GtkDropDown *
jd_activities_page_get_month_filter (JdActivitiesPage *self)
{
  return self->month_filter;
}

GtkSpinButton *
jd_activities_page_get_year_button (JdActivitiesPage *self)
{
  return self->year_button;
}

GtkGrid *
jd_activities_page_get_months_grid (JdActivitiesPage *self)
{
  return self->months_grid;
}

static void
jd_activities_page_dispose (GObject *object)
{
  JdActivitiesPage *self = JD_ACTIVITIES_PAGE (object);
  GtkWidget *child;

  /* Deletions still waiting for their toast become final with the page. */
  g_clear_pointer (&self->deletions, jd_deletions_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (jd_activities_page_parent_class)->dispose (object);
}

static void
jd_activities_page_finalize (GObject *object)
{
  JdActivitiesPage *self = JD_ACTIVITIES_PAGE (object);

  g_clear_object (&self->rows);
  g_array_unref (self->village_ids);
  G_OBJECT_CLASS (jd_activities_page_parent_class)->finalize (object);
}

static void
reload_cb (JdSectionPage *page)
{
  jd_activities_page_reload (JD_ACTIVITIES_PAGE (page));
}

static void
jd_activities_page_class_init (JdActivitiesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_activities_page_dispose;
  object_class->finalize = jd_activities_page_finalize;
  /* The subtitle: the number of activities shown. */
  JD_SECTION_PAGE_CLASS (klass)->reload = reload_cb;
  JD_SECTION_PAGE_CLASS (klass)->get_shown = get_shown;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);

  gtk_widget_class_install_action (widget_class, "activities.add", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "activities.export", NULL, export_action_cb);
  gtk_widget_class_install_action (widget_class, "activities.delete", NULL, delete_action_cb);
  gtk_widget_class_install_action (widget_class, "activities.undo", "x", undo_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "activities.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "activities.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "activities.delete", NULL);
}

static void
jd_activities_page_init (JdActivitiesPage *self)
{
  self->loading = TRUE;
  self->rows = g_list_store_new (JD_TYPE_BOX_ITEM);
  self->village_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_orientable_set_orientation (
      GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))), GTK_ORIENTATION_VERTICAL);
  build (self);
}

GtkWidget *
jd_activities_page_new (JdLedger *ledger)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  JdActivitiesPage *self = g_object_new (JD_TYPE_ACTIVITIES_PAGE, "ledger", ledger, NULL);
  self->deletions = jd_deletions_new (ledger, delete_activity, deleted_cb, self);
  fill_villages (self);
  self->loading = FALSE;
  self->surveys = JD_SURVEYS_VIEW (jd_surveys_view_new (ledger));
  AdwViewStackPage *page = adw_view_stack_add_titled (self->stack, GTK_WIDGET (self->surveys),
                                                      "surveys", _ ("Awareness Surveys"));
  adw_view_stack_page_set_icon_name (page, "emblem-documents-symbolic");
  jd_activities_page_reload (self);
  return GTK_WIDGET (self);
}

JdSurveysView *
jd_activities_page_get_surveys (JdActivitiesPage *self)
{
  return self->surveys;
}
