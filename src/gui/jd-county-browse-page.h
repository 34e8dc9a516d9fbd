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

/* The level shown: "townships", "villages" or "persons"; "loading" while one
 * is read. */
const char *jd_county_browse_page_get_level (JdCountyBrowsePage *self);
/* Goes down to the township's villages, or to a village's persons (by code):
 * the level is read on a worker thread (jd-county-async.h), the page showing
 * it is loading meanwhile; what cannot be read is said in a dialog and the
 * level above stays. show_village () is FALSE when the township shown has no
 * village of that code. */
gboolean jd_county_browse_page_show_township (JdCountyBrowsePage *self, const char *township);
gboolean jd_county_browse_page_show_village (JdCountyBrowsePage *self, const char *code);
/* TRUE while a level is read. */
gboolean jd_county_browse_page_is_loading (JdCountyBrowsePage *self);
/* Up one level (from a level being read: its read dropped). */
void jd_county_browse_page_go_back (JdCountyBrowsePage *self);
/* The persons listed (a GListModel of JdPersonRow), or NULL above that level. */
GListModel *jd_county_browse_page_get_persons (JdCountyBrowsePage *self);
/* The persons' list as shown. */
GtkColumnView *jd_county_browse_page_get_persons_view (JdCountyBrowsePage *self);

G_END_DECLS
