/* jd-dashboard-tiles.h: the dashboard's tiles and the charts it shows */
#pragma once

#include <adwaita.h>

#include "jd-chart.h"
#include "jd-dashboard.h"

G_BEGIN_DECLS

/* The tile of one target: its value judged against the target, and last year's. */
GtkWidget *jd_dashboard_tile_new (const JdDashboard *dashboard, JdTarget target);
/* A tile's value as its tile shows it, with its mark: "62.5% ✓". */
char *jd_dashboard_tile_format (const JdDashboardTile *tile);
/* The targets shown as tiles, and the charts, in their order: their number. */
guint jd_dashboard_tile_targets (const JdTarget **targets);
guint jd_dashboard_chart_kinds (const JdChartKind **kinds);
/* The dashboard's tiles into tiles_box and its charts (judged against
 * ledger's targets; NULL: the defaults) into charts_box, in place of what they
 * held: the township's dashboard page and the county's. */
void jd_dashboard_fill_boxes (GtkFlowBox *tiles_box,
                              GtkFlowBox *charts_box,
                              const JdDashboard *dashboard,
                              JdLedger *ledger);

/* A judgement's style class ("met", "near", "missed"; NULL for none) and the
 * mark that says what its colour says (✓ ≈ ✗), for grey screens and
 * colour-blind eyes. */
const char *jd_judgement_css_class (JdJudgement judgement);
const char *jd_judgement_mark (JdJudgement judgement);

G_END_DECLS
