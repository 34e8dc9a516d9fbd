/* jd-followup-dialog.h: the quick entry of one follow-up (talk, urine test, visit, help) */
#pragma once

#include <adwaita.h>

#include "jd-ledger.h"

G_BEGIN_DECLS

#define JD_TYPE_FOLLOWUP_DIALOG (jd_followup_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JdFollowupDialog, jd_followup_dialog, JD, FOLLOWUP_DIALOG, AdwWindow)

JdFollowupDialog *jd_followup_dialog_present (JdLedger *ledger,
                                              GtkWindow *parent,
                                              gint64 person_id,
                                              const char *kind);
gint64 jd_followup_dialog_get_person_id (JdFollowupDialog *self);
gboolean jd_followup_dialog_save (JdFollowupDialog *self);

/* Shared by the person forms: the reason a row's value is refused, shown on
 * the row with the .error style; NULL clears it. */
void jd_row_set_error (GtkWidget *row, const char *reason);
const char *jd_row_get_error (GtkWidget *row);

G_END_DECLS
