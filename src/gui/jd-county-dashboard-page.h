/* jd-county-dashboard-page.h: the county's dashboard (docs/contract.md §9) */
#pragma once

#include <adwaita.h>

#include "jd-county.h"
#include "jd-section-page.h"

G_BEGIN_DECLS

#define JD_TYPE_COUNTY_DASHBOARD_PAGE (jd_county_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (
    JdCountyDashboardPage, jd_county_dashboard_page, JD, COUNTY_DASHBOARD_PAGE, JdSectionPage)

GtkWidget *jd_county_dashboard_page_new (JdCounty *county);
/* Shows year (the five years ending with it). */
void jd_county_dashboard_page_set_year (JdCountyDashboardPage *self, int year);
gboolean jd_county_dashboard_page_is_loading (JdCountyDashboardPage *self);
/* What is shown, or NULL while it is computed. */
const JdCountyDashboard *jd_county_dashboard_page_get_dashboard (JdCountyDashboardPage *self);

G_END_DECLS
