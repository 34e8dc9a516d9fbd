/* jd-county-browse-page.h: county → township → village → persons, masked (docs/contract.md §9) */
#pragma once

#include <adwaita.h>

#include "jd-county.h"
#include "jd-section-page.h"

G_BEGIN_DECLS

#define JD_TYPE_COUNTY_BROWSE_PAGE (jd_county_browse_page_get_type ())
G_DECLARE_FINAL_TYPE (
    JdCountyBrowsePage, jd_county_browse_page, JD, COUNTY_BROWSE_PAGE, JdSectionPage)

GtkWidget *jd_county_browse_page_new (JdCounty *county);

/* The level shown: "townships", "villages" or "persons". */
const char *jd_county_browse_page_get_level (JdCountyBrowsePage *self);
/* Goes down to the township's villages, or to a village's persons (by code);
 * FALSE when there is no such. */
gboolean jd_county_browse_page_show_township (JdCountyBrowsePage *self, const char *township);
gboolean jd_county_browse_page_show_village (JdCountyBrowsePage *self, const char *code);
/* Up one level. */
void jd_county_browse_page_go_back (JdCountyBrowsePage *self);
/* The persons listed (a GListModel of JdPersonRow), or NULL above that level. */
GListModel *jd_county_browse_page_get_persons (JdCountyBrowsePage *self);
/* The persons' list as shown. */
GtkColumnView *jd_county_browse_page_get_persons_view (JdCountyBrowsePage *self);

G_END_DECLS
