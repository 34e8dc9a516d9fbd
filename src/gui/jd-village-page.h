/* jd-village-page.h: one village — its record, title workflow, readiness,
 * persons, letters and assessments */
#pragma once

#include <adwaita.h>

#include "jd-ledger.h"
#include "jd-title.h"

G_BEGIN_DECLS

#define JD_TYPE_VILLAGE_PAGE (jd_village_page_get_type ())
G_DECLARE_FINAL_TYPE (JdVillagePage, jd_village_page, JD, VILLAGE_PAGE, GtkWidget)

GtkWidget *jd_village_page_new (JdLedger *ledger, gint64 village_id);
gint64 jd_village_page_get_village_id (JdVillagePage *self);
/* The form has changes not saved yet. */
gboolean jd_village_page_get_dirty (JdVillagePage *self);
/* The last refusal or failure shown on the page, or NULL. */
const char *jd_village_page_get_message (JdVillagePage *self);
/* Reads the village again from the ledger (after a change elsewhere). */
void jd_village_page_reload (JdVillagePage *self);
/* The year whose readiness the page shows. */
void jd_village_page_set_year (JdVillagePage *self, int year);
/* The title's stage as the page shows it. */
JdTitleStage jd_village_page_get_stage (JdVillagePage *self);
/* The date the next title step is recorded on (the page's date row). */
void jd_village_page_set_step_date (JdVillagePage *self, JdDay day);

G_END_DECLS
