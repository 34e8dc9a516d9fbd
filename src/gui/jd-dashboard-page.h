/* jd-dashboard-page.h: the dashboard section, what leaders look at */
#pragma once

#include <adwaita.h>

#include "jd-chart.h"
#include "jd-dashboard.h"
#include "jd-section-page.h"

G_BEGIN_DECLS

#define JD_TYPE_DASHBOARD_PAGE (jd_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (JdDashboardPage, jd_dashboard_page, JD, DASHBOARD_PAGE, JdSectionPage)

GtkWidget *jd_dashboard_page_new (JdLedger *ledger);
/* Computes again on a worker thread (after the ledger or the choices changed). */
void jd_dashboard_page_refresh (JdDashboardPage *self);
gboolean jd_dashboard_page_is_loading (JdDashboardPage *self);
void jd_dashboard_page_set_year (JdDashboardPage *self, int year, guint n_years);
/* What is shown; NULL before the first computation ends. */
JdDashboard *jd_dashboard_page_get_dashboard (JdDashboardPage *self);
GtkFlowBox *jd_dashboard_page_get_tiles_box (JdDashboardPage *self);
GtkFlowBox *jd_dashboard_page_get_charts_box (JdDashboardPage *self);
GListModel *jd_dashboard_page_get_villages (JdDashboardPage *self);
const JdDashboardVillage *jd_dashboard_village_from_item (gpointer item);

G_END_DECLS
