/* jd-surveys-view.h: the awareness surveys (知晓率调查) of a year, in the activities section */
#pragma once

#include <adwaita.h>

#include "jd-save.h"
#include "jd-store.h"

G_BEGIN_DECLS

#define JD_TYPE_SURVEYS_VIEW (jd_surveys_view_get_type ())
G_DECLARE_FINAL_TYPE (JdSurveysView, jd_surveys_view, JD, SURVEYS_VIEW, GtkWidget)

GtkWidget *jd_surveys_view_new (JdLedger *ledger);
/* Shows the surveys of year (read again when the year is the same). */
void jd_surveys_view_set_year (JdSurveysView *self, int year);
/* Deletes a survey (at once when the ledger is free, else once another program
 * lets go of it; a failure is said in a toast); the toast's Undo (or
 * jd_surveys_view_undo) records it again. */
JdSaveResult jd_surveys_view_delete (JdSurveysView *self, gint64 survey_id);
/* JD_SAVE_FAILED when there is nothing to undo. */
JdSaveResult jd_surveys_view_undo (JdSurveysView *self);

/* The rows shown (one per survey, newest first), for the tests. */
GtkListBox *jd_surveys_view_get_list (JdSurveysView *self);
/* The form's fields, for the tests. */
GtkDropDown *jd_surveys_view_get_group_field (JdSurveysView *self);
GtkEditable *jd_surveys_view_get_date_field (JdSurveysView *self);
GtkSpinButton *jd_surveys_view_get_sampled_field (JdSurveysView *self);
GtkSpinButton *jd_surveys_view_get_aware_field (JdSurveysView *self);
GtkLabel *jd_surveys_view_get_error_label (JdSurveysView *self);
/* The form's Record Survey: refused with the reason under the form, or saved
 * (at once, or once another program lets go of the write lock). */
void jd_surveys_view_submit (JdSurveysView *self);

G_END_DECLS
