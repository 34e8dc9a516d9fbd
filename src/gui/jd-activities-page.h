/* jd-activities-page.h: the activities section, the publicity register (宣传活动) */
#pragma once

#include <adwaita.h>

#include "jd-activity-query.h"
#include "jd-section-page.h"
#include "jd-store.h"
#include "jd-surveys-view.h"

G_BEGIN_DECLS

#define JD_TYPE_ACTIVITIES_PAGE (jd_activities_page_get_type ())
G_DECLARE_FINAL_TYPE (JdActivitiesPage, jd_activities_page, JD, ACTIVITIES_PAGE, JdSectionPage)

GtkWidget *jd_activities_page_new (JdLedger *ledger);
void jd_activities_page_reload (JdActivitiesPage *self);
void jd_activities_page_delete (JdActivitiesPage *self, gint64 id);
void jd_activities_page_undo (JdActivitiesPage *self, gint64 id);
void jd_activities_page_commit_deletions (JdActivitiesPage *self);
void jd_activities_page_export (JdActivitiesPage *self, const char *path);

/* Items whose activity jd_activities_page_item_activity () gives. */
GListModel *jd_activities_page_get_model (JdActivitiesPage *self);
const JdActivity *jd_activities_page_item_activity (gpointer item);
GtkSearchEntry *jd_activities_page_get_search_entry (JdActivitiesPage *self);
GtkDropDown *jd_activities_page_get_month_filter (JdActivitiesPage *self);
GtkDropDown *jd_activities_page_get_audience_filter (JdActivitiesPage *self);
GtkSpinButton *jd_activities_page_get_year_button (JdActivitiesPage *self);
GtkGrid *jd_activities_page_get_months_grid (JdActivitiesPage *self);
JdSurveysView *jd_activities_page_get_surveys (JdActivitiesPage *self);

G_END_DECLS
