/* jd-county-list-page.h: a county's lists, read-only (docs/contract.md §9) */
#pragma once

#include <adwaita.h>

#include "jd-county.h"
#include "jd-section-page.h"

G_BEGIN_DECLS

#define JD_TYPE_COUNTY_LIST_PAGE (jd_county_list_page_get_type ())
G_DECLARE_FINAL_TYPE (JdCountyListPage, jd_county_list_page, JD, COUNTY_LIST_PAGE, JdSectionPage)

/* Readiness of every village of the county, with its township. */
GtkWidget *jd_county_readiness_page_new (JdCounty *county);
/* The work due of each township, counted. */
GtkWidget *jd_county_work_due_page_new (JdCounty *county);
/* The persons registered in two townships or more (重复列管), masked. */
GtkWidget *jd_county_duplicates_page_new (JdCounty *county);
/* The packages received, the latest first. */
GtkWidget *jd_county_packages_page_new (JdCounty *county);

/* Whether the rows are still being read. */
gboolean jd_county_list_page_is_loading (JdCountyListPage *self);
/* The rows shown: an array of GStrv, one string per column. */
GPtrArray *jd_county_list_page_get_rows (JdCountyListPage *self);
GtkColumnView *jd_county_list_page_get_view (JdCountyListPage *self);

G_END_DECLS
