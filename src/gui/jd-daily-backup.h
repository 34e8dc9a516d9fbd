/* jd-daily-backup.h: the backup made when a ledger opens, at most one a day */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Backs the ledger at path up on a thread unless today's backup exists,
 * keeping the last keep; a failure is a toast near widget. */
void jd_daily_backup_start (GtkWidget *widget, const char *path, guint keep);

G_END_DECLS
