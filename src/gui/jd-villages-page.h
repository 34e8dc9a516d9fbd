/* jd-villages-page.h: the villages section (村居): the villages, each one's page, and
 * further views added by jd_villages_page_add_view () */
#pragma once

#include <adwaita.h>

#include "jd-ledger.h"
#include "jd-section-page.h"
#include "jd-village-page.h"

G_BEGIN_DECLS

#define JD_TYPE_VILLAGES_PAGE (jd_villages_page_get_type ())
G_DECLARE_FINAL_TYPE (JdVillagesPage, jd_villages_page, JD, VILLAGES_PAGE, JdSectionPage)

GtkWidget *jd_villages_page_new (JdLedger *ledger);
GListModel *jd_villages_page_get_model (JdVillagesPage *self);
GtkColumnView *jd_villages_page_get_view (JdVillagesPage *self);
void jd_villages_page_open_village (JdVillagesPage *self, gint64 village_id);
/* The open village's page, or NULL while the list shows. */
JdVillagePage *jd_villages_page_get_village_page (JdVillagesPage *self);
void jd_villages_page_add_view (JdVillagesPage *self,
                                const char *name,
                                const char *title,
                                const char *icon_name,
                                GtkWidget *view);

G_END_DECLS
