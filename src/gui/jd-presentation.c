/* jd-presentation.c: the dashboard full screen, one slide at a time
 *
 * For the meeting room: the tiles on the first slide, then one chart a slide
 * with a large title and its key number. Right, Space and Page Down go on;
 * Left, Backspace and Page Up go back; Home and End; Esc leaves. Only
 * township and village figures appear: no name, no ID number, ever.
 */
#include "config.h"

#include "jd-presentation.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "jd-chart-view.h"
#include "jd-dashboard-tiles.h"

struct _JdPresentation
{
  AdwWindow parent_instance;

  AdwCarousel *carousel;
  guint slide; /* the slide shown, or being scrolled to */
};

G_DEFINE_FINAL_TYPE (JdPresentation, jd_presentation, ADW_TYPE_WINDOW)

guint
jd_presentation_get_n_slides (JdPresentation *self)
{
  return adw_carousel_get_n_pages (self->carousel);
}

guint
jd_presentation_get_slide (JdPresentation *self)
{
  return self->slide;
}

/* Swipes and scrolls move the carousel too. */
static void
page_changed_cb (JdPresentation *self, guint index)
{
  self->slide = index;
}

static void
go_to (JdPresentation *self, int slide)
{
  int last = (int)adw_carousel_get_n_pages (self->carousel) - 1;
  slide = CLAMP (slide, 0, last);
  self->slide = slide;
  /* The slide is known already: what the carousel says while it moves is not news. */
  g_signal_handlers_block_by_func (self->carousel, page_changed_cb, self);
  adw_carousel_scroll_to (self->carousel, adw_carousel_get_nth_page (self->carousel, slide), TRUE);
  g_signal_handlers_unblock_by_func (self->carousel, page_changed_cb, self);
}

/* presentation.go(STEP): +1 next, -1 back, a large step to the end or the start. */
static void
go_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  JdPresentation *self = JD_PRESENTATION (widget);
  go_to (self, (int)self->slide + g_variant_get_int32 (parameter));
}

static GtkWidget *
slide_new (const char *title, const char *number)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_set_margin_start (box, 48);
  gtk_widget_set_margin_end (box, 48);
  gtk_widget_set_margin_top (box, 32);
  gtk_widget_set_margin_bottom (box, 32);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_vexpand (box, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "slide-title");
  gtk_box_append (GTK_BOX (heading), label);
  if (number)
    {
      GtkWidget *key = gtk_label_new (number);
      gtk_widget_add_css_class (key, "slide-number");
      gtk_box_append (GTK_BOX (heading), key);
    }
  gtk_box_append (GTK_BOX (box), heading);
  return box;
}

/* The chart's last value, the one the meeting asks about. */
static char *
key_number (const JdChart *chart)
{
  guint n = jd_chart_get_n_points (chart);
  if (n == 0 || jd_chart_get_kind (chart) == JD_CHART_STATUS)
    return NULL;
  double value = jd_chart_get_value (chart, 0, n - 1);
  if (isnan (value))
    return g_strdup ("—");
  return jd_chart_is_percent (chart) ? g_strdup_printf ("%.1f%%", value * 100)
                                     : g_strdup_printf ("%.2f", value);
}

static void
add_slides (JdPresentation *self, JdLedger *ledger, JdDashboard *dashboard)
{
  g_autofree char *title = g_strdup_printf (_ ("Indicators of %d"), dashboard->year);
  GtkWidget *tiles_slide = slide_new (title, NULL);
  GtkWidget *tiles = gtk_flow_box_new ();
  const JdTarget *targets;
  guint n_targets = jd_dashboard_tile_targets (&targets);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (tiles), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (tiles), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (tiles), 4);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (tiles), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (tiles), 18);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (tiles), 18);
  gtk_widget_set_vexpand (tiles, TRUE);
  for (guint i = 0; i < n_targets; i++)
    gtk_flow_box_append (GTK_FLOW_BOX (tiles), jd_dashboard_tile_new (dashboard, targets[i]));
  gtk_box_append (GTK_BOX (tiles_slide), tiles);
  adw_carousel_append (self->carousel, tiles_slide);

  const JdChartKind *kinds;
  guint n_kinds = jd_dashboard_chart_kinds (&kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      JdChart *chart = jd_chart_new (kinds[i], dashboard->indicators, ledger);
      g_autofree char *number = key_number (chart);
      GtkWidget *slide = slide_new (jd_chart_get_title (chart), number);
      GtkWidget *view = jd_chart_view_new ();
      gtk_widget_set_vexpand (view, TRUE);
      jd_chart_view_set_chart (JD_CHART_VIEW (view), chart);
      gtk_box_append (GTK_BOX (slide), view);
      adw_carousel_append (self->carousel, slide);
    }
}

static void
jd_presentation_class_init (JdPresentationClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "presentation.go", "i", go_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* The slide keys, caught before any slide's widgets could take the arrows. */
static void
add_slide_keys (JdPresentation *self)
{
  const struct
  {
    guint key;
    int step;
  } keys[] = {
    { GDK_KEY_Right, 1 },    { GDK_KEY_space, 1 },      { GDK_KEY_Page_Down, 1 },
    { GDK_KEY_Left, -1 },    { GDK_KEY_BackSpace, -1 }, { GDK_KEY_Page_Up, -1 },
    { GDK_KEY_Home, -1000 }, { GDK_KEY_End, 1000 },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, 0),
                                                gtk_named_action_new ("presentation.go"));
      gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (keys[i].step));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
jd_presentation_init (JdPresentation *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *dots = adw_carousel_indicator_dots_new ();

  self->carousel = ADW_CAROUSEL (adw_carousel_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->carousel), TRUE);
  g_signal_connect_swapped (self->carousel, "page-changed", G_CALLBACK (page_changed_cb), self);
  adw_carousel_indicator_dots_set_carousel (ADW_CAROUSEL_INDICATOR_DOTS (dots), self->carousel);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->carousel));
  gtk_box_append (GTK_BOX (box), dots);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
  add_slide_keys (self);
  gtk_window_set_title (GTK_WINDOW (self), _ ("Presentation"));
}

JdPresentation *
jd_presentation_new (GtkWindow *parent, JdLedger *ledger, JdDashboard *dashboard)
{
  JdPresentation *self
      = g_object_new (JD_TYPE_PRESENTATION, "transient-for", parent, "modal", TRUE, NULL);
  add_slides (self, ledger, dashboard);
  gtk_window_fullscreen (GTK_WINDOW (self));
  return self;
}
