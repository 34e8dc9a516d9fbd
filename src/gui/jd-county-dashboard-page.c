/* jd-county-dashboard-page.c: the county's dashboard (docs/contract.md §9)
 *
 * The township dashboard's tiles and charts (jd-dashboard-tiles.c,
 * jd-chart-view.c) fed with the county's indicators, summed from the persons
 * of every township's package (jd_county_dashboard_compute_async, on a
 * worker thread), and a table of the townships against the same targets.
 */
#include "config.h"

#include "jd-county-dashboard-page.h"

#include <glib/gi18n-lib.h>

#include "jd-box-item.h"
#include "jd-county-async.h"
#include "jd-dashboard-tiles.h"
#include "jd-date.h"

#define N_YEARS 5

/* The targets in the table of townships, in its column order. */
static const JdTarget table_targets[] = {
  JD_TARGET_COVERAGE,     JD_TARGET_NEW_PER_10K,    JD_TARGET_URINE_TEST_RATE, JD_TARGET_HELP_RATE,
  JD_TARGET_RELAPSE_RATE, JD_TARGET_PUBLICITY_RATE, JD_TARGET_MISSING,
};

struct _JdCountyDashboardPage
{
  JdSectionPage parent_instance;

  JdCounty *county;
  GtkWidget *scrolled;
  GtkStack *stack;
  GtkSpinButton *year_button;
  GtkFlowBox *tiles_box;
  GtkFlowBox *charts_box;
  GtkColumnView *townships_view;
  GListStore *township_rows;
  AdwStatusPage *error_page;
  JdCountyDashboard *dashboard;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (JdCountyDashboardPage, jd_county_dashboard_page, JD_TYPE_SECTION_PAGE)

typedef struct
{
  const JdCountyDashboard *dashboard;
  guint township;
} TownshipRow;

static char *
township_cell_text (gpointer item, guint column)
{
  const TownshipRow *row = jd_box_item_get (item);
  const JdDashboard *d = g_ptr_array_index (row->dashboard->townships, row->township);
  if (column == 0)
    return g_strdup (g_ptr_array_index (row->dashboard->names, row->township));
  if (column == 1)
    return g_strdup_printf ("%" G_GINT64_FORMAT,
                            jd_dashboard_get_values ((JdDashboard *)d)->registered);
  return jd_dashboard_tile_format (&d->tiles[table_targets[column - 2]]);
}

static void
show_dashboard (JdCountyDashboardPage *self, JdCountyDashboard *dashboard)
{
  g_list_store_remove_all (self->township_rows);
  g_clear_pointer (&self->dashboard, jd_county_dashboard_free);
  self->dashboard = dashboard;

  /* No ledger: the default targets, as the tiles judge them. */
  jd_dashboard_fill_boxes (self->tiles_box, self->charts_box, dashboard->county, NULL);

  for (guint t = 0; t < dashboard->townships->len; t++)
    {
      TownshipRow *row = g_new (TownshipRow, 1);
      *row = (TownshipRow){ dashboard, t };
      g_autoptr (JdBoxItem) item = jd_box_item_new (row, g_free);
      g_list_store_append (self->township_rows, item);
    }
  g_autofree char *subtitle = g_strdup_printf (
      ngettext ("%d · %u township", "%d · %u townships", dashboard->townships->len),
      dashboard->county->year, dashboard->townships->len);
  jd_section_page_set_subtitle (JD_SECTION_PAGE (self), subtitle);
  gtk_stack_set_visible_child_name (self->stack, "dashboard");
}

static void
compute_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  JdCountyDashboard *dashboard = jd_county_dashboard_compute_finish (result, &error);
  /* Cancelled: a newer refresh, or the page gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  JdCountyDashboardPage *self = JD_COUNTY_DASHBOARD_PAGE (user_data);
  g_clear_object (&self->cancellable);
  if (dashboard == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  show_dashboard (self, dashboard);
}

static void
refresh (JdCountyDashboardPage *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  int year = gtk_spin_button_get_value_as_int (self->year_button);
  /* This year so far; a past year to its end (as the township's dashboard). */
  JdDay today = jd_today ();
  gtk_stack_set_visible_child_name (self->stack, "loading");
  jd_county_dashboard_compute_async (self->county, year, N_YEARS,
                                     jd_day_year (today) == year ? today : 0, self->cancellable,
                                     compute_done_cb, self);
}

static void
reload (JdSectionPage *page)
{
  refresh (JD_COUNTY_DASHBOARD_PAGE (page));
}

void
jd_county_dashboard_page_set_year (JdCountyDashboardPage *self, int year)
{
  g_return_if_fail (JD_IS_COUNTY_DASHBOARD_PAGE (self));
  if (gtk_spin_button_get_value_as_int (self->year_button) == year)
    refresh (self);
  else
    gtk_spin_button_set_value (self->year_button, year);
}

gboolean
jd_county_dashboard_page_is_loading (JdCountyDashboardPage *self)
{
  g_return_val_if_fail (JD_IS_COUNTY_DASHBOARD_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

const JdCountyDashboard *
jd_county_dashboard_page_get_dashboard (JdCountyDashboardPage *self)
{
  g_return_val_if_fail (JD_IS_COUNTY_DASHBOARD_PAGE (self), NULL);
  return self->cancellable ? NULL : self->dashboard;
}

static void
year_changed_cb (JdCountyDashboardPage *self)
{
  if (self->county)
    refresh (self);
}

static void
jd_county_dashboard_page_dispose (GObject *object)
{
  JdCountyDashboardPage *self = JD_COUNTY_DASHBOARD_PAGE (object);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  if (self->township_rows)
    g_list_store_remove_all (self->township_rows);
  g_clear_object (&self->township_rows);
  g_clear_object (&self->county);
  G_OBJECT_CLASS (jd_county_dashboard_page_parent_class)->dispose (object);
}

static void
jd_county_dashboard_page_finalize (GObject *object)
{
  JdCountyDashboardPage *self = JD_COUNTY_DASHBOARD_PAGE (object);
  g_clear_pointer (&self->dashboard, jd_county_dashboard_free);
  G_OBJECT_CLASS (jd_county_dashboard_page_parent_class)->finalize (object);
}

static void
jd_county_dashboard_page_class_init (JdCountyDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->dispose = jd_county_dashboard_page_dispose;
  object_class->finalize = jd_county_dashboard_page_finalize;
  JD_SECTION_PAGE_CLASS (klass)->reload = reload;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  return label;
}

static GtkFlowBox *
new_flow_box (const char *label)
{
  GtkWidget *box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (box), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return GTK_FLOW_BOX (box);
}

static void
jd_county_dashboard_page_init (JdCountyDashboardPage *self)
{
  self->township_rows = g_list_store_new (JD_TYPE_BOX_ITEM);

  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);

  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *year_label = gtk_label_new_with_mnemonic (_ ("_Year"));
  int year = jd_day_year (jd_today ());
  self->year_button
      = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1990 + N_YEARS, year + 1, 1));
  gtk_spin_button_set_value (self->year_button, year);
  gtk_label_set_mnemonic_widget (GTK_LABEL (year_label), GTK_WIDGET (self->year_button));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->year_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Year"), -1);
  g_signal_connect_swapped (self->year_button, "value-changed", G_CALLBACK (year_changed_cb), self);
  GtkWidget *note = gtk_label_new (
      _ ("Computed from the persons of every township’s package; judged against the default "
         "targets"));
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_set_hexpand (note, TRUE);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (bar), year_label);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->year_button));
  gtk_box_append (GTK_BOX (bar), note);
  gtk_box_append (GTK_BOX (content), bar);

  self->stack = GTK_STACK (gtk_stack_new ());
  GtkWidget *spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Computing the county’s indicators"), -1);
  gtk_stack_add_named (self->stack, spinner, "loading");
  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_title (self->error_page, _ ("The Dashboard Cannot Be Computed"));
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");

  GtkWidget *shown = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->tiles_box = new_flow_box (_ ("The county’s indicators"));
  gtk_box_append (GTK_BOX (shown), heading (_ ("The County")));
  gtk_box_append (GTK_BOX (shown), GTK_WIDGET (self->tiles_box));
  gtk_box_append (GTK_BOX (shown), heading (_ ("Townships against the Targets")));

  GtkNoSelection *selection
      = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->township_rows)));
  self->townships_view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (selection)));
  gtk_column_view_set_show_column_separators (self->townships_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->townships_view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->townships_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Townships against the targets"), -1);
  g_autoptr (GtkColumnViewColumn) name_column
      = jd_text_column_new (_ ("Township"), township_cell_text, 0);
  gtk_column_view_append_column (self->townships_view, name_column);
  g_autoptr (GtkColumnViewColumn) registered_column
      = jd_text_column_new (_ ("Registered"), township_cell_text, 1);
  gtk_column_view_append_column (self->townships_view, registered_column);
  for (guint i = 0; i < G_N_ELEMENTS (table_targets); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = jd_text_column_new (
          _ (jd_target_info (table_targets[i])->label), township_cell_text, i + 2);
      gtk_column_view_append_column (self->townships_view, column);
    }
  GtkWidget *table_scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (table_scroll), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (table_scroll),
                                 GTK_WIDGET (self->townships_view));
  gtk_box_append (GTK_BOX (shown), table_scroll);

  self->charts_box = new_flow_box (_ ("The county’s charts"));
  gtk_flow_box_set_max_children_per_line (self->charts_box, 3);
  gtk_box_append (GTK_BOX (shown), heading (_ ("Charts")));
  gtk_box_append (GTK_BOX (shown), GTK_WIDGET (self->charts_box));
  gtk_stack_add_named (self->stack, shown, "dashboard");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stack));

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), content);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}

GtkWidget *
jd_county_dashboard_page_new (JdCounty *county)
{
  JdCountyDashboardPage *self = g_object_new (JD_TYPE_COUNTY_DASHBOARD_PAGE, NULL);
  self->county = g_object_ref (county);
  refresh (self);
  return GTK_WIDGET (self);
}
