/* jd-deletions.h: deletion with Undo, for every list of the window
 *
 * A record deleted in a list goes from the screen at once and from the ledger
 * when its toast goes away, unless the toast's Undo brought it back (the
 * house rule for deletions, docs/architecture.md).
 */
#pragma once

#include <adwaita.h>

#include "jd-ledger.h"

G_BEGIN_DECLS

/* Deletes a record of a kind, in the caller's transaction. */
typedef gboolean (*JdDeleteFunc) (JdLedger *ledger, int kind, gint64 id, GError **error);
/* After a deletion went to the ledger (error: why it did not). */
typedef void (*JdDeletedFunc) (gpointer owner, const GError *error);

/* Records deleted on screen at once and in the ledger when their toast goes,
 * unless undone. */
typedef struct _JdDeletions JdDeletions;

JdDeletions *jd_deletions_new (JdLedger *ledger,
                               JdDeleteFunc delete_func,
                               JdDeletedFunc deleted,
                               gpointer owner);
/* Commits what is pending and frees. */
void jd_deletions_free (JdDeletions *self);
void jd_deletions_set_ledger (JdDeletions *self, JdLedger *ledger);
/* "kind:id", as the undo action's target names a deletion. */
char *jd_deletions_key (int kind, gint64 id);
/* Marks kind id deleted; the toast to show (its Undo activates undo_action
 * with the target "s" of jd_deletions_key, or "x" of the id when
 * undo_action_takes_id); NULL when it was pending already. */
AdwToast *jd_deletions_add (JdDeletions *self,
                            int kind,
                            gint64 id,
                            const char *message,
                            const char *undo_action,
                            gboolean undo_action_takes_id);
/* Shows toast in widget's main window; without one, the deletion is final at once. */
void jd_deletions_offer_undo (JdDeletions *self, GtkWidget *widget, AdwToast *toast);
gboolean jd_deletions_contains (JdDeletions *self, int kind, gint64 id);
/* Undoes the deletion of key: FALSE when none was pending. */
gboolean jd_deletions_undo (JdDeletions *self, const char *key);
void jd_deletions_commit_all (JdDeletions *self);
guint jd_deletions_count (JdDeletions *self);

/* A flat icon button, its tooltip its accessible name. */
GtkWidget *jd_icon_button_new (const char *icon_name,
                               const char *action,
                               GVariant *target,
                               const char *tooltip);

G_END_DECLS
