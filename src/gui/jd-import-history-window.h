/* jd-import-history-window.h: the imports of the ledger, each undoable as a whole */
#pragma once

#include <adwaita.h>

#include "jd-ledger.h"

G_BEGIN_DECLS

#define JD_TYPE_IMPORT_HISTORY_WINDOW (jd_import_history_window_get_type ())
G_DECLARE_FINAL_TYPE (
    JdImportHistoryWindow, jd_import_history_window, JD, IMPORT_HISTORY_WINDOW, AdwWindow)

JdImportHistoryWindow *jd_import_history_window_new (GtkWindow *parent, JdLedger *ledger);
/* Reads the history again (the window does after each undo). */
void jd_import_history_window_reload (JdImportHistoryWindow *self);
/* The list's rows, newest import first: an AdwActionRow each. */
GtkListBox *jd_import_history_window_get_list (JdImportHistoryWindow *self);

G_END_DECLS
