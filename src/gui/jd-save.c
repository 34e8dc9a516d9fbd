/* jd-save.c: a save that never waits on the window's thread
 *
 * jd_ledger_write_now () first; JD_ERROR_BUSY from it (another program holds
 * the write lock) hands the same save to jd_ledger_write_async (), which
 * tries again from the main loop (docs/architecture.md, "Threads and
 * connections").
 */
#include "config.h"

#include "jd-save.h"

#include "jd-error.h"

typedef struct
{
  GObject *owner;
  gpointer data;
  GDestroyNotify data_free;
  JdSaveDoneFunc done;
} Save;

static void
save_free (Save *save)
{
  if (save->data_free)
    save->data_free (save->data);
  g_clear_object (&save->owner);
  g_free (save);
}

static void
write_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Save *save = user_data;
  g_autoptr (GError) error = NULL;
  gboolean ok = jd_ledger_write_finish (result, &error);

  save->done (save->owner, ok, error, save->data);
  save_free (save);
}

JdSaveResult
jd_save_run (JdLedger *ledger,
             JdLedgerWriteFunc func,
             gpointer data,
             GDestroyNotify data_free,
             GCancellable *cancellable,
             GObject *owner,
             JdSaveDoneFunc done)
{
  g_return_val_if_fail (JD_IS_LEDGER (ledger) && func != NULL && done != NULL, JD_SAVE_FAILED);

  g_autoptr (GError) error = NULL;
  gboolean ok = jd_ledger_write_now (ledger, func, data, &error);
  if (ok || !g_error_matches (error, JD_ERROR, JD_ERROR_BUSY))
    {
      /* done may destroy the owner (a dialog closing once saved). */
      g_autoptr (GObject) keep = owner ? g_object_ref (owner) : NULL;
      done (owner, ok, error, data);
      if (data_free)
        data_free (data);
      return ok ? JD_SAVE_SAVED : JD_SAVE_FAILED;
    }
  Save *save = g_new0 (Save, 1);
  save->owner = owner ? g_object_ref (owner) : NULL;
  save->data = data;
  save->data_free = data_free;
  save->done = done;
  jd_ledger_write_async (ledger, func, data, NULL, cancellable, write_done_cb, save);
  return JD_SAVE_WAITING;
}

void
jd_save_hold_rows (GtkWidget *rows, gboolean waiting)
{
  g_return_if_fail (GTK_IS_WIDGET (rows));

  GtkRoot *root = gtk_widget_get_root (rows);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  if (waiting && focus && (focus == rows || gtk_widget_is_ancestor (focus, rows)))
    gtk_root_set_focus (root, NULL);
  gtk_widget_set_sensitive (rows, !waiting);
}
