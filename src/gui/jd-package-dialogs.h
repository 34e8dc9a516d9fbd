/* jd-package-dialogs.h: packages from the window (docs/contract.md §9, docs/packages.md)
 *
 * Send to County… (the main menu): the township's key fingerprint, a file
 * chooser, then the package written on a worker thread with progress and a
 * toast. Transfer to Another Township… (the person's window): the receiving
 * township, a file chooser, then the transfer package, the person's record
 * ending with moved_out. Receive Transfer… (the main menu): a file chooser,
 * the village that will manage the person, then the import, once.
 *
 * Each *_present () asks; the function it ends with, after the file is chosen,
 * is public too, so that the steps after a file chooser can be driven alone.
 */
#pragma once

#include <adwaita.h>

#include "jd-ledger.h"

G_BEGIN_DECLS

/* The dialog with the key's fingerprint and Choose File… */
void jd_send_to_county_present (GtkWindow *parent, JdLedger *ledger);
/* Writes the township's package to path on a worker thread (jd-export-task.h). */
void jd_send_to_county_write (GtkWidget *widget, JdLedger *ledger, const char *path);

/* The dialog asking the receiving township, then the file. */
GtkWidget *jd_transfer_present (GtkWindow *parent, JdLedger *ledger, gint64 person_id);
/* Writes the transfer of the person to path; a toast on widget, or an error
 * dialog. */
gboolean jd_transfer_person_write (
    GtkWidget *widget, JdLedger *ledger, gint64 person_id, const char *to, const char *path);

/* The file chooser for a transfer package, then jd_receive_transfer_ask_village (). */
void jd_receive_transfer_present (GtkWindow *parent, JdLedger *ledger);
/* The dialog naming where the transfer at path comes from and asking the
 * village; NULL (after an error dialog) when the package cannot be read. */
GtkWidget *jd_receive_transfer_ask_village (GtkWindow *parent, JdLedger *ledger, const char *path);
/* Imports the transfer at path for the village village_code; a toast on
 * widget (saying when nothing was added because it was imported before), or
 * an error dialog. */
gboolean jd_receive_transfer_import (GtkWidget *widget,
                                     JdLedger *ledger,
                                     const char *path,
                                     const char *village_code);

G_END_DECLS
