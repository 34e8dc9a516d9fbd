/* jd-dashboard-tiles.c: the dashboard's tiles and the charts it shows
 *
 * One tile per target (value, target, last year, met / near / missed, with a
 * mark that says what the colour says), in the order of tile_targets, and the
 * charts in the order of chart_kinds: the dashboard page and its presentation
 * (F5) show the same ones from here.
 */
#include "config.h"

#include "jd-dashboard-tiles.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>

#include "jd-chart-view.h"

/* The targets shown as tiles, in this order; the town's coverage target is the
 * township's own business and stays in the preferences. */
static const JdTarget tile_targets[] = {
  JD_TARGET_COVERAGE,
  JD_TARGET_NEW_PER_10K,
  JD_TARGET_URINE_TEST_RATE,
  JD_TARGET_HELP_RATE,
  JD_TARGET_RELAPSE_RATE,
  JD_TARGET_ABSTINENT_1Y,
  JD_TARGET_ABSTINENT_3Y,
  JD_TARGET_PUBLICITY_RATE,
  JD_TARGET_MISSING,
  JD_TARGET_SOCIETY_URINE_RATE,
  JD_TARGET_URINE_COUNT_RATE,
  JD_TARGET_SEPARATED_FOUND_RATE,
  JD_TARGET_RELAPSE_PERSONS,
  JD_TARGET_AWARENESS_PUBLIC,
  JD_TARGET_AWARENESS_MIGRANT,
  JD_TARGET_AWARENESS_VENUE_STAFF,
  JD_TARGET_AWARENESS_STUDENTS,
};

static const JdChartKind chart_kinds[] = {
  JD_CHART_RELAPSE, JD_CHART_COVERAGE, JD_CHART_NEW_USERS, JD_CHART_URINE, JD_CHART_STATUS,
};

const char *
jd_judgement_css_class (JdJudgement judgement)
{
  static const char *const classes[] = { NULL, "met", "near", "missed" };
  return classes[judgement];
}

/* A mark that says what the colour says, for grey screens and colour-blind eyes. */
const char *
jd_judgement_mark (JdJudgement judgement)
{
  static const char *const marks[] = { "", "✓", "≈", "✗" };
  return marks[judgement];
}

static char *
format_actual (JdTarget target, double value)
{
  if (isnan (value))
    return g_strdup ("—");
  if (jd_target_info (target)->percent)
    return g_strdup_printf ("%.1f%%", value * 100);
  if (target == JD_TARGET_MISSING || target == JD_TARGET_RELAPSE_PERSONS)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.2f", value);
}

GtkWidget *
jd_dashboard_tile_new (const JdDashboard *dashboard, JdTarget target)
{
  const JdDashboardTile *tile = &dashboard->tiles[target];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *value = format_actual (target, tile->actual);
  g_autofree char *previous = format_actual (target, tile->previous);
  g_autofree char *goal = jd_target_describe (target, tile->target_value);
  const char *trend = isnan (tile->actual) || isnan (tile->previous) ? ""
                      : tile->actual > tile->previous + 1e-9         ? "↑ "
                      : tile->actual < tile->previous - 1e-9         ? "↓ "
                                                                     : "→ ";
  g_autofree char *detail
      = g_strdup_printf (_ ("Target %s · %s%d: %s"), goal, trend, dashboard->year - 1, previous);
  gint64 part = 0, whole = 0;
  if (jd_target_fraction (target, jd_dashboard_get_values ((JdDashboard *)dashboard), &part,
                          &whole))
    {
      /* What the share is made of: "41 of 45". */
      g_autofree char *counts = g_strdup_printf (_ ("%" PRId64 " of %" PRId64), part, whole);
      char *with = g_strdup_printf ("%s · %s", counts, detail);
      g_free (detail);
      detail = with;
    }
  g_autofree char *shown = g_strdup_printf ("%s %s", value, jd_judgement_mark (tile->judgement));

  GtkWidget *title = gtk_label_new (_ (jd_target_info (target)->label));
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 18);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "dim-label");
  GtkWidget *number = gtk_label_new (shown);
  gtk_label_set_xalign (GTK_LABEL (number), 0);
  gtk_widget_add_css_class (number, "value");
  GtkWidget *line = gtk_label_new (detail);
  gtk_label_set_xalign (GTK_LABEL (line), 0);
  gtk_label_set_wrap (GTK_LABEL (line), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (line), 18);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), line);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "tile");
  if (jd_judgement_css_class (tile->judgement))
    gtk_widget_add_css_class (box, jd_judgement_css_class (tile->judgement));
  gtk_widget_set_name (box, jd_target_info (target)->key);
  g_autofree char *described
      = g_strdup_printf ("%s: %s. %s", _ (jd_target_info (target)->label), shown, detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, described,
                                  -1);
  if (target == JD_TARGET_RELAPSE_RATE) /* its base (docs/contract.md §4 relapse_base) */
    {
      const char *base = _ ("Out of every registered person not exited on 1 January, the "
                            "long-abstinent included, so it is lower than a treatment "
                            "programme’s relapse rate, which counts only those leaving a measure");
      gtk_widget_set_tooltip_text (box, base);
      gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      base, -1);
    }
  return box;
}

char *
jd_dashboard_tile_format (const JdDashboardTile *tile)
{
  g_autofree char *value = format_actual (tile->target, tile->actual);
  return g_strdup_printf ("%s %s", value, jd_judgement_mark (tile->judgement));
}

guint
jd_dashboard_tile_targets (const JdTarget **targets)
{
  *targets = tile_targets;
  return G_N_ELEMENTS (tile_targets);
}

guint
jd_dashboard_chart_kinds (const JdChartKind **kinds)
{
  *kinds = chart_kinds;
  return G_N_ELEMENTS (chart_kinds);
}

static void
remove_children (GtkFlowBox *box)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))))
    gtk_flow_box_remove (box, child);
}

void
jd_dashboard_fill_boxes (GtkFlowBox *tiles_box,
                         GtkFlowBox *charts_box,
                         const JdDashboard *dashboard,
                         JdLedger *ledger)
{
  remove_children (tiles_box);
  for (guint i = 0; i < G_N_ELEMENTS (tile_targets); i++)
    gtk_flow_box_append (tiles_box, jd_dashboard_tile_new (dashboard, tile_targets[i]));

  remove_children (charts_box);
  for (guint i = 0; i < G_N_ELEMENTS (chart_kinds); i++)
    {
      GtkWidget *view = jd_chart_view_new ();
      gtk_widget_set_size_request (view, 420, 280);
      jd_chart_view_set_chart (JD_CHART_VIEW (view),
                               jd_chart_new (chart_kinds[i], dashboard->indicators, ledger));
      gtk_flow_box_append (charts_box, view);
    }
}
