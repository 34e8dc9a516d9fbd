/* jd-ledger-object.h: what the files of the ledger (src/core/jd-ledger*.c)
 * share among themselves: the connection's object and the steps each file
 * gives the others. Nothing outside them includes it (they give the rest of
 * src/core jd-ledger-private.h).
 *
 * The files call one another one way only: jd-ledger-errors.c ← jd-ledger.c
 * (the object) ← jd-ledger-schema.c ← jd-ledger-open.c; jd-ledger-transaction.c
 * ← jd-ledger-settings.c; jd-ledger-backup.c and jd-ledger-async.c on top.
 */
#pragma once

#include <sys/stat.h>

#include "jd-audit-seal.h"
#include "jd-ledger-private.h"

G_BEGIN_DECLS

/* How long a connection waits for another program's lock, unless set. */
#define JD_LEDGER_BUSY_TIMEOUT_MS 10000

struct _JdLedger
{
  GObject parent_instance;

  char *path;
  char *file_key; /* the file's device and inode, while registered as open here */
  sqlite3 *db;
  GHashTable *statements; /* SQL text → sqlite3_stmt */

  /* The audit rows this connection wrote and has not sealed (0: none), seen by
   * the update hook; a commit seals them (docs/audit-log.md). */
  gint64 unsealed_first;
  gint64 unsealed_last;
  /* Rows that statements outside a transaction committed before they could be
   * sealed (first, last pairs): sealed in a transaction of their own at the next
   * call. */
  GArray *late;
  JdAuditSealer *sealer; /* made at the first seal */
  int busy_ms;           /* the busy timeout set */
  /* The open transaction took the entries waiting in the pending file
   * (queue_output ()): the file goes once it commits. */
  gboolean pending_taken;

  /* The kinds of records written by the open transaction (changing), and by
   * the ones committed and not yet announced (changed): see announce_changes (). */
  guint changing;
  guint changed;
  GMainContext *context; /* where "changed" is emitted */

  /* Kept for other modules (jd-ledger-private.h). */
  JdIndicatorPool *indicator_pool;
  GDestroyNotify free_indicator_pool;
  JdRegisterCache *register_cache;
  GDestroyNotify free_register_cache;
  gboolean person_hit;
};

/* jd-ledger-errors.c */
void           jd_db_set_read_only_error (const char  *path,
                                          GError     **error);
gboolean       jd_db_exec                (sqlite3     *db,
                                          const char  *path,
                                          const char  *sql,
                                          GError     **error);

/* jd-ledger.c: a ledger object on a connection just opened; its writes are
 * watched (sealed and announced) once jd_ledger_watch_writes () is called. */
JdLedger      *jd_ledger_new_unwatched     (const char *path,
                                            sqlite3    *db);
JdLedger      *jd_ledger_new_watched       (const char *path,
                                            sqlite3    *db);
void           jd_ledger_watch_writes      (JdLedger   *self);
JdAuditSealer *jd_ledger_get_sealer        (JdLedger   *self);
/* Emits "changed" for the writes committed since the last notice: now, after
 * jd_ledger_commit (), or from an idle of the ledger's context. */
void           jd_ledger_announce_changes  (JdLedger   *self,
                                            gboolean    now);

/* jd-ledger-schema.c */
int            jd_db_user_version        (sqlite3     *db,
                                          const char  *path,
                                          GError     **error);
gboolean       jd_db_migrate             (sqlite3     *db,
                                          const char  *path,
                                          GError     **error);
gboolean       jd_db_is_audited_table    (const char  *table);

G_END_DECLS
