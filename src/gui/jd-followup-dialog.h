/* jd-followup-dialog.h: the quick entry of one follow-up (talk, urine test, visit, help) */
#pragma once

#include <adwaita.h>

#include "jd-form.h"
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

G_END_DECLS
