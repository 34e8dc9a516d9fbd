/* jd-ledger-dialogs.h: what the window says of the ledger file itself */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Why the ledger at path did not open, and what to do; a damaged one with
 * backups offers Restore a Backup…, which activates win.restore-backup(PATH)
 * on parent. The dialog shown. */
GtkWindow *jd_ledger_dialog_open_failure (GtkWindow *parent, const char *path, const GError *error);
/* The ledger opened, but only for reading: error says why. */
void jd_ledger_dialog_read_only (GtkWindow *parent, const GError *error);
/* Others can read the ledger at path (its permissions mode): make it private? */
void jd_ledger_dialog_offer_privacy (GtkWindow *parent, const char *path, guint mode);

G_END_DECLS
