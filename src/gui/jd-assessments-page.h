/* jd-assessments-page.h: the assessments section (考核): every village against
 * the ten standards, and each village's assessment for the year */
#pragma once

#include <adwaita.h>

#include "jd-ledger.h"
#include "jd-section-page.h"

G_BEGIN_DECLS

#define JD_TYPE_ASSESSMENTS_PAGE (jd_assessments_page_get_type ())
G_DECLARE_FINAL_TYPE (JdAssessmentsPage, jd_assessments_page, JD, ASSESSMENTS_PAGE, JdSectionPage)

GtkWidget *jd_assessments_page_new (JdLedger *ledger);
void jd_assessments_page_set_year (JdAssessmentsPage *self, int year);
/* Reads the readiness again (in a thread); "loading" is TRUE until it is shown. */
void jd_assessments_page_reload (JdAssessmentsPage *self);
gboolean jd_assessments_page_get_loading (JdAssessmentsPage *self);
/* The overview's rows as shown (sorted): items with "code", "name", "met",
 * "not-met" and "manual" properties. */
GListModel *jd_assessments_page_get_model (JdAssessmentsPage *self);
GtkColumnView *jd_assessments_page_get_view (JdAssessmentsPage *self);
/* The finding (1 met, 0 not met, -1 manual) of standard no in row position. */
int jd_assessments_page_get_finding (JdAssessmentsPage *self, guint position, int no);

G_END_DECLS
