/* jd-backups-dialog.h: the ledger's backups: one made now, one restored */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JD_TYPE_BACKUPS_DIALOG (jd_backups_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JdBackupsDialog, jd_backups_dialog, JD, BACKUPS_DIALOG, AdwWindow)

/* The backups of the ledger at ledger_path, which parent shows (or failed to
 * open). Restoring one emits "close-ledger" before the file is replaced and
 * "open-ledger" (path) after: the window connects them. */
JdBackupsDialog *jd_backups_dialog_new (GtkWindow *parent, const char *ledger_path);
/* The rows: one per backup, newest first, once listed. */
GListModel *jd_backups_dialog_get_rows (JdBackupsDialog *self);
gboolean jd_backups_dialog_is_busy (JdBackupsDialog *self);
/* Restores the backup at path without asking (the confirmation's "restore"). */
void jd_backups_dialog_restore (JdBackupsDialog *self, const char *path);

G_END_DECLS
