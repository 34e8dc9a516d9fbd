/* jd-villages-page.h: the villages section, a read-only list */
#pragma once

#include <adwaita.h>

#include "jd-ledger.h"

G_BEGIN_DECLS

#define JD_TYPE_VILLAGES_PAGE (jd_villages_page_get_type ())
G_DECLARE_FINAL_TYPE (JdVillagesPage, jd_villages_page, JD, VILLAGES_PAGE, GtkWidget)

GtkWidget *jd_villages_page_new (JdLedger *ledger);
GListModel *jd_villages_page_get_model (JdVillagesPage *self);
GtkColumnView *jd_villages_page_get_view (JdVillagesPage *self);
const char *jd_villages_page_get_subtitle (JdVillagesPage *self);

G_END_DECLS
