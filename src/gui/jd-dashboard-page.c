/* jd-dashboard-page.c: the dashboard section, what leaders look at
 *
 * A year and a range; a tile per target (value, target, last year, met / near
 * / missed); the charts; a table of the villages. Everything comes from
 * jd_dashboard_compute (), run on a worker thread with a connection of its
 * own, again whenever the ledger changes. Presentation mode (F5) shows the
 * same tiles and charts full screen.
 */
#include "config.h"

#include "jd-dashboard-page.h"

#include <glib/gi18n-lib.h>

#include "jd-box-item.h"
#include "jd-dashboard-tiles.h"
#include "jd-date.h"
#include "jd-ledger-async.h"
#include "jd-presentation.h"

/* ---- a row of the villages table ------------------------------------------------------------ */

/* ---- the page -------------------------------------------------------------------------------- */

struct _JdDashboardPage
{
  JdSectionPage parent_instance;

  GtkSpinButton *year_button;
  GtkDropDown *range_dropdown;
  GtkSpinner *spinner;
  GtkStack *stack;
  GtkFlowBox *tiles_box;
  GtkFlowBox *charts_box;
  GtkColumnView *villages_view;
  AdwStatusPage *error_page;

  JdDashboard *dashboard;
  GListStore *village_rows;
  GCancellable *cancellable; /* the refresh under way */
  gboolean present_when_loaded;
};

G_DEFINE_FINAL_TYPE (JdDashboardPage, jd_dashboard_page, JD_TYPE_SECTION_PAGE)

/* ---- the villages table ------------------------------------------------------------------- */

typedef enum
{
  VILLAGE_NAME,
  VILLAGE_CURRENT_USERS,
  VILLAGE_STANDARDS,
  VILLAGE_PUBLICITY,
  VILLAGE_TITLE,
} VillageColumn;

static void
setup_village_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (data) == VILLAGE_NAME ? 0 : 0.5);
  gtk_list_item_set_child (item, label);
}

static void
bind_village_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  const JdDashboardVillage *v = jd_box_item_get (gtk_list_item_get_item (item));
  g_autofree char *text = NULL;
  JdJudgement judgement = JD_JUDGEMENT_NONE;

  switch (GPOINTER_TO_INT (data))
    {
      case VILLAGE_NAME:
        text = g_strdup (v->name);
        break;
      case VILLAGE_CURRENT_USERS:
        text = g_strdup_printf ("%" G_GINT64_FORMAT, v->current_users);
        break;
      case VILLAGE_STANDARDS:
        judgement = jd_dashboard_village_judge_standards (v);
        text = g_strdup_printf ("%d / %d %s", v->standards_met, v->standards_automatic,
                                jd_judgement_mark (judgement));
        break;
      case VILLAGE_PUBLICITY:
        judgement = jd_dashboard_village_judge_publicity (v);
        text = g_strdup_printf ("%" G_GINT64_FORMAT " / %d %s", v->publicity_months,
                                v->complete_months, jd_judgement_mark (judgement));
        break;
      case VILLAGE_TITLE:
        judgement = jd_dashboard_village_judge_title (v);
        text = g_strdup_printf ("%s %s", jd_title_stage_label (v->stage),
                                jd_judgement_mark (judgement));
        break;
      default:
        g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (label), g_strstrip (text));
  for (JdJudgement j = JD_JUDGEMENT_MET; j <= JD_JUDGEMENT_MISSED; j++)
    gtk_widget_remove_css_class (label, jd_judgement_css_class (j));
  if (jd_judgement_css_class (judgement))
    gtk_widget_add_css_class (label, jd_judgement_css_class (judgement));
}

static void
add_village_columns (JdDashboardPage *self)
{
  const char *titles[] = { N_ ("Village"), N_ ("Current Users"), N_ ("Standards Met"),
                           N_ ("Months with Four Activities"), N_ ("Title Stage") };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (setup_village_cell_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_village_cell_cb), GINT_TO_POINTER (i));
      g_autoptr (GtkColumnViewColumn) column = gtk_column_view_column_new (_ (titles[i]), factory);
      gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (self->villages_view, column);
    }
}

/* ---- showing and computing --------------------------------------------------------------------
 */

static void
show_dashboard (JdDashboardPage *self, JdDashboard *dashboard)
{
  g_clear_pointer (&self->dashboard, jd_dashboard_free);
  self->dashboard = dashboard;

  jd_dashboard_fill_boxes (self->tiles_box, self->charts_box, dashboard,
                           jd_section_page_get_ledger (JD_SECTION_PAGE (self)));

  g_list_store_remove_all (self->village_rows);
  for (guint i = 0; i < dashboard->villages->len; i++)
    {
      /* Held by the page's dashboard, which outlives the rows. */
      g_autoptr (JdBoxItem) row
          = jd_box_item_new (g_ptr_array_index (dashboard->villages, i), NULL);
      g_list_store_append (self->village_rows, row);
    }
  gtk_stack_set_visible_child_name (self->stack, "dashboard");
}

static void
compute_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  JdDashboard *dashboard = jd_dashboard_compute_finish (result, &error);

  /* A refresh replaced by a newer one, or a page gone: nothing to show. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  JdDashboardPage *self = JD_DASHBOARD_PAGE (user_data);
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  if (dashboard == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  show_dashboard (self, dashboard);
  if (self->present_when_loaded)
    {
      self->present_when_loaded = FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "dashboard.present", NULL);
    }
}

void
jd_dashboard_page_refresh (JdDashboardPage *self)
{
  g_return_if_fail (JD_IS_DASHBOARD_PAGE (self));

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  int year = gtk_spin_button_get_value_as_int (self->year_button);
  guint n_years = gtk_drop_down_get_selected (self->range_dropdown) == 0 ? 5 : 10;
  /* This year so far; a past year to its end. */
  JdDay today = jd_today ();
  JdDay as_of = jd_day_year (today) == year ? today : 0;

  gtk_spinner_start (self->spinner);
  jd_dashboard_compute_async (jd_section_page_get_ledger (JD_SECTION_PAGE (self)), year, n_years,
                              as_of, self->cancellable, compute_done_cb, self);
}

gboolean
jd_dashboard_page_is_loading (JdDashboardPage *self)
{
  g_return_val_if_fail (JD_IS_DASHBOARD_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

JdDashboard *
jd_dashboard_page_get_dashboard (JdDashboardPage *self)
{
  g_return_val_if_fail (JD_IS_DASHBOARD_PAGE (self), NULL);
  return self->dashboard;
}

GtkFlowBox *
jd_dashboard_page_get_charts_box (JdDashboardPage *self)
{
  g_return_val_if_fail (JD_IS_DASHBOARD_PAGE (self), NULL);
  return self->charts_box;
}

GtkFlowBox *
jd_dashboard_page_get_tiles_box (JdDashboardPage *self)
{
  g_return_val_if_fail (JD_IS_DASHBOARD_PAGE (self), NULL);
  return self->tiles_box;
}

GListModel *
jd_dashboard_page_get_villages (JdDashboardPage *self)
{
  g_return_val_if_fail (JD_IS_DASHBOARD_PAGE (self), NULL);
  return G_LIST_MODEL (self->village_rows);
}

const JdDashboardVillage *
jd_dashboard_village_from_item (gpointer item)
{
  return jd_box_item_get (item);
}

void
jd_dashboard_page_set_year (JdDashboardPage *self, int year, guint n_years)
{
  g_return_if_fail (JD_IS_DASHBOARD_PAGE (self));
  gtk_drop_down_set_selected (self->range_dropdown, n_years <= 5 ? 0 : 1);
  gtk_spin_button_set_value (self->year_button, year);
}

static void
choice_changed_cb (JdDashboardPage *self)
{
  if (jd_section_page_get_ledger (JD_SECTION_PAGE (self)))
    jd_dashboard_page_refresh (self);
}

/* dashboard.present: the tiles and charts full screen, once they are computed. */
static void
present_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdDashboardPage *self = JD_DASHBOARD_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->dashboard == NULL || self->cancellable)
    {
      self->present_when_loaded = TRUE;
      return;
    }
  gtk_window_present (GTK_WINDOW (
      jd_presentation_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                           jd_section_page_get_ledger (JD_SECTION_PAGE (self)), self->dashboard)));
}

static void
jd_dashboard_page_dispose (GObject *object)
{
  JdDashboardPage *self = JD_DASHBOARD_PAGE (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* Clears the bound fields; children without an id are unparented here. */
  gtk_widget_dispose_template (GTK_WIDGET (self), JD_TYPE_DASHBOARD_PAGE);
  G_OBJECT_CLASS (jd_dashboard_page_parent_class)->dispose (object);
}

static void
jd_dashboard_page_finalize (GObject *object)
{
  JdDashboardPage *self = JD_DASHBOARD_PAGE (object);

  g_clear_object (&self->village_rows);
  g_clear_pointer (&self->dashboard, jd_dashboard_free);
  G_OBJECT_CLASS (jd_dashboard_page_parent_class)->finalize (object);
}

static void
reload_cb (JdSectionPage *page)
{
  jd_dashboard_page_refresh (JD_DASHBOARD_PAGE (page));
}

static void
jd_dashboard_page_class_init (JdDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_dashboard_page_dispose;
  object_class->finalize = jd_dashboard_page_finalize;
  JD_SECTION_PAGE_CLASS (klass)->reload = reload_cb;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jindu/Ledger/jd-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, year_button);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, tiles_box);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, villages_view);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);

  gtk_widget_class_install_action (widget_class, "dashboard.present", NULL, present_action_cb);
}

static void
jd_dashboard_page_init (JdDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_village_columns (self);
  self->village_rows = g_list_store_new (JD_TYPE_BOX_ITEM);
  GtkNoSelection *selection
      = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->village_rows)));
  gtk_column_view_set_model (self->villages_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

GtkWidget *
jd_dashboard_page_new (JdLedger *ledger)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger), NULL);

  JdDashboardPage *self = g_object_new (JD_TYPE_DASHBOARD_PAGE, "ledger", ledger, NULL);
  gtk_spin_button_set_value (self->year_button, jd_day_year (jd_today ()));
  jd_dashboard_page_refresh (self);
  return GTK_WIDGET (self);
}
