/* jd-save.h: a save that never waits on the window's thread
 *
 * The one way the window's forms and other places write: at once when the
 * ledger is free, else handed to jd_ledger_write_async () while the main loop
 * runs on (docs/architecture.md, "Threads and connections").
 */
#pragma once

#include <gtk/gtk.h>

#include "jd-ledger-async.h"

G_BEGIN_DECLS

/* Told how the save ended: ok, or the error (JD_ERROR_BUSY when another
 * program held the write lock past the busy timeout, G_IO_ERROR_CANCELLED when
 * cancelled first; nothing written in either case). owner is the object given
 * to jd_save_run (), kept alive until then. */
typedef void (*JdSaveDoneFunc) (GObject *owner, gboolean ok, const GError *error, gpointer data);

typedef enum
{
  JD_SAVE_FAILED,  /* done already told why */
  JD_SAVE_SAVED,   /* written and committed; done already told */
  JD_SAVE_WAITING, /* another program holds the write lock: done is told later */
} JdSaveResult;

/* Runs func inside a transaction of ledger's: at once when nobody else holds
 * the write lock (done called before this returns), else JD_SAVE_WAITING at
 * once and the save tried again from the main loop until it lands or the
 * ledger's busy timeout passes, done called then. data is given to func and
 * done, and freed (data_free) after done. */
JdSaveResult jd_save_run (JdLedger *ledger,
                          JdLedgerWriteFunc func,
                          gpointer data,
                          GDestroyNotify data_free,
                          GCancellable *cancellable,
                          GObject *owner,
                          JdSaveDoneFunc done);

/* While a save waits (waiting), rows (a row, a group, a form) take no changes;
 * the focus leaves them first, as a focused widget made insensitive loses it
 * unannounced. Not waiting: they take changes again. */
void jd_save_hold_rows (GtkWidget *rows, gboolean waiting);

G_END_DECLS
