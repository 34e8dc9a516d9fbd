/* jd-backups.h: a ledger's backups: made daily and on demand, kept N, restored
 *
 * The backups of LEDGER live in their own private folder (0700) under the
 * user's data folder, one file each (0600), named by the time they were made:
 * 2025-06-30_083000.db. Each is a consistent copy made by jd_ledger_backup ().
 */
#pragma once

#include "jd-ledger.h"

G_BEGIN_DECLS

typedef struct
{
  char *path;
  char *made; /* "2025-06-30 08:30:00", local time */
  gint64 persons;
  gint64 followups;
  goffset size;
} JdBackup;

void jd_backup_free (JdBackup *backup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdBackup, jd_backup_free)

/* The folder of ledger_path's backups (not created). */
char *jd_backups_folder (const char *ledger_path);

/* A backup now; its path in made_path when not NULL. */
gboolean
jd_backups_make (JdLedger *ledger, char **made_path, GCancellable *cancellable, GError **error);

/* Opens the ledger at path as jd_ledger_open () does; when it is of an older
 * version, a backup is made first (made_path: its path, else NULL), so an
 * upgrade can always be undone by restoring it. */
JdLedger *jd_backups_open_ledger (const char *path, char **made_path, GError **error);
/* A backup unless one was made today, then only the newest keep are kept.
 * made says whether one was made. */
gboolean jd_backups_make_daily (
    JdLedger *ledger, guint keep, gboolean *made, GCancellable *cancellable, GError **error);
/* Deletes all but the newest keep backups. */
gboolean jd_backups_prune (const char *ledger_path, guint keep, GError **error);
/* The backups, newest first, each with its counts (a file that is not a
 * ledger is left out). */
GPtrArray *jd_backups_list (const char *ledger_path, GError **error);

/* Replaces the ledger at ledger_path, which nobody may have open, with the
 * backup at backup_path, after backing the ledger up (its path in
 * safety_path). The backup is checked first; on any failure the ledger is
 * left as it was. */
gboolean jd_backups_restore (const char *ledger_path,
                             const char *backup_path,
                             char **safety_path,
                             GError **error);

G_END_DECLS
