/* jd-assessment-dialog.h: a village's assessment for a year (考核) */
#pragma once

#include <adwaita.h>

#include "jd-ledger.h"

G_BEGIN_DECLS

#define JD_TYPE_ASSESSMENT_DIALOG (jd_assessment_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JdAssessmentDialog, jd_assessment_dialog, JD, ASSESSMENT_DIALOG, AdwWindow)

GtkWidget *jd_assessment_dialog_new (JdLedger *ledger, gint64 village_id, int year);

/* For tests and the keyboard: the verdict (1 met, 0 not met, -1 not recorded),
 * points and note of standard no (1 … 10). */
void jd_assessment_dialog_set_item (
    JdAssessmentDialog *self, int no, int verdict, double points, const char *note);
int jd_assessment_dialog_get_verdict (JdAssessmentDialog *self, int no);
/* The result to record as a title event: "assessed_pass", "assessed_fail" or NULL. */
void jd_assessment_dialog_set_result (JdAssessmentDialog *self, const char *event);
void jd_assessment_dialog_set_assessor (JdAssessmentDialog *self, const char *assessor);
/* The last refusal shown, or NULL. */
const char *jd_assessment_dialog_get_message (JdAssessmentDialog *self);

G_END_DECLS
