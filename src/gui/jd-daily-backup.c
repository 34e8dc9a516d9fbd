/* jd-daily-backup.c: the backup made when a ledger opens, at most one a day
 *
 * By the core, on a thread and a connection of its own
 * (jd_backups_make_daily_async () keeps the last N); a failure is a toast over
 * the window, the ledger stays open.
 */
#include "config.h"

#include "jd-daily-backup.h"

#include <glib/gi18n-lib.h>

#include "jd-alerts.h"
#include "jd-ledger-async.h"

static void
daily_backup_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  g_autoptr (GtkWidget) widget = user_data;

  if (!jd_backups_make_daily_finish (result, NULL, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    jd_show_toast (widget, adw_toast_new_format (_ ("Today’s backup failed: %s"), error->message));
}

void
jd_daily_backup_start (GtkWidget *widget, const char *path, guint keep)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (path != NULL);

  jd_backups_make_daily_async (path, keep, NULL, daily_backup_done_cb, g_object_ref (widget));
}
