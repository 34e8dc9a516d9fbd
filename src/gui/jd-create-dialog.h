/* jd-create-dialog.h: asks for a township and creates its ledger */
#pragma once

#include <adwaita.h>

#include "jd-ledger.h"

G_BEGIN_DECLS

#define JD_TYPE_CREATE_DIALOG (jd_create_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JdCreateDialog, jd_create_dialog, JD, CREATE_DIALOG, AdwMessageDialog)

JdCreateDialog *jd_create_dialog_new (GtkWindow *parent);
const char *jd_create_dialog_get_path (JdCreateDialog *self);
void jd_create_dialog_run (JdCreateDialog *self, GAsyncReadyCallback callback, gpointer user_data);
JdLedger *jd_create_dialog_run_finish (JdCreateDialog *self, GAsyncResult *result, GError **error);

G_END_DECLS
