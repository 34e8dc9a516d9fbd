/* jd-daily-backup.c: the backup made when a ledger opens, at most one a day
 *
 * On a worker thread with a connection of its own (jd_backups_make_daily ()
 * keeps the last N); a failure is a toast over the window, the ledger stays
 * open.
 */
#include "config.h"

#include "jd-daily-backup.h"

#include <glib/gi18n-lib.h>

#include "jd-alerts.h"
#include "jd-backups.h"

static void
daily_backup_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr (JdLedger) reader = jd_ledger_open (task_data, &error);
  guint keep = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "jd-keep"));

  if (reader && jd_backups_make_daily (reader, keep, NULL, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
daily_backup_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    jd_show_toast (GTK_WIDGET (source),
                   adw_toast_new_format (_ ("Today’s backup failed: %s"), error->message));
}

void
jd_daily_backup_start (GtkWidget *widget, const char *path, guint keep)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (path != NULL);

  g_autoptr (GTask) task = g_task_new (widget, NULL, daily_backup_done_cb, NULL);
  g_object_set_data (G_OBJECT (task), "jd-keep", GUINT_TO_POINTER (keep));
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, daily_backup_thread);
}
