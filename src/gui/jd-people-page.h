/* jd-people-page.h: the people section, the register of persons */
#pragma once

#include <adwaita.h>

#include "jd-ledger.h"
#include "jd-section-page.h"

G_BEGIN_DECLS

#define JD_TYPE_PEOPLE_PAGE (jd_people_page_get_type ())
G_DECLARE_FINAL_TYPE (JdPeoplePage, jd_people_page, JD, PEOPLE_PAGE, JdSectionPage)

GtkWidget *jd_people_page_new (JdLedger *ledger);
/* A JdPersonQuery: JdPersonRow items, paged from the ledger. */
GListModel *jd_people_page_get_model (JdPeoplePage *self);
GtkColumnView *jd_people_page_get_view (JdPeoplePage *self);
GtkSearchEntry *jd_people_page_get_search_entry (JdPeoplePage *self);
GtkDropDown *jd_people_page_get_village_filter (JdPeoplePage *self);
GtkDropDown *jd_people_page_get_status_filter (JdPeoplePage *self);
GtkToggleButton *jd_people_page_get_overdue_filter (JdPeoplePage *self);
void jd_people_page_reload (JdPeoplePage *self);
void jd_people_page_export (JdPeoplePage *self, const char *path);

G_END_DECLS
