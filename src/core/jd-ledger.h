/* jd-ledger.h: one township's ledger, an SQLite file */
#pragma once

#include <gio/gio.h>

#include "jd-types.h"

G_BEGIN_DECLS

#define JD_SCHEMA_VERSION 6
/* PRAGMA application_id of every ledger: "JdLg". */
#define JD_APPLICATION_ID 0x4A644C67

#define JD_TYPE_LEDGER (jd_ledger_get_type ())
G_DECLARE_FINAL_TYPE (JdLedger, jd_ledger, JD, LEDGER, GObject)

/* What kind of records a committed write changed: the argument of the
 * ledger's "changed" signal, derived from the tables the transaction wrote. */
typedef enum
{
  JD_CHANGE_TOWNSHIP    = 1 << 0,  /* township */
  JD_CHANGE_VILLAGES    = 1 << 1,  /* village */
  JD_CHANGE_PERSONS     = 1 << 2,  /* person, status_span, use_event, help_member,
                                      agreement, move */
  JD_CHANGE_FOLLOWUPS   = 1 << 3,  /* followup */
  JD_CHANGE_ACTIVITIES  = 1 << 4,  /* activity, awareness_survey */
  JD_CHANGE_VENUES      = 1 << 5,  /* venue, inspection */
  JD_CHANGE_LETTERS     = 1 << 6,  /* letter */
  JD_CHANGE_STAFF       = 1 << 7,  /* staff */
  JD_CHANGE_TITLE       = 1 << 8,  /* title_event */
  JD_CHANGE_ASSESSMENTS = 1 << 9,  /* assessment, assessment_item */
  JD_CHANGE_SETTINGS    = 1 << 10, /* setting (the targets among them) */
  JD_CHANGE_AUDIT       = 1 << 11, /* audit_log, audit_seal, output_event only */
} JdChanges;

/* Every change of the records a page shows: all but the audit log's own. */
#define JD_CHANGE_RECORDS ((JdChanges)(JD_CHANGE_AUDIT - 1))

#define JD_TYPE_CHANGES (jd_changes_get_type ())
GType jd_changes_get_type (void);

typedef void (*JdProgressFunc) (double   fraction,
                                gpointer user_data);

/* The file a job writes from a worker thread and how it reports: the path,
 * the progress (called on the worker thread) and the caller's Cancel. */
typedef struct
{
  const char *path;
  JdProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;
} JdFileJob;

/* Called on whichever thread met it, each time a statement meets a damaged
 * page of the ledger at path; error is the JD_ERROR_DAMAGED the statement
 * gives. The window uses it to say so whatever was reading. */
typedef void (*JdDamageFunc) (const char   *path,
                              const GError *error);

void        jd_ledger_set_damage_func  (JdDamageFunc func);
char       *jd_ledger_default_path     (void);
JdLedger   *jd_ledger_open             (const char  *path,
                                        GError     **error);
/* Called when the ledger opened is of an older version, before it is migrated:
 * FALSE (with error) leaves it as it was and fails the open. */
typedef gboolean (*JdMigrationFunc) (JdLedger  *ledger,
                                     int        from_version,
                                     gpointer   user_data,
                                     GError   **error);
JdLedger   *jd_ledger_open_migrating   (const char      *path,
                                        JdMigrationFunc  before_migration,
                                        gpointer         user_data,
                                        GError         **error);
JdLedger   *jd_ledger_create           (const char  *path,
                                        const char  *township,
                                        const char  *county,
                                        GError     **error);
const char *jd_ledger_get_path         (JdLedger    *self);
/* TRUE when nobody can write the file at path (a read-only disk or mount, or
 * no write permission): such a ledger does not change. */
gboolean    jd_ledger_file_is_read_only (const char *path);
/* FALSE, with the message a failed write gives, when the file could be
 * opened only for reading (a read-only file or folder): it can be read, and
 * every write fails. */
gboolean    jd_ledger_check_writable   (JdLedger    *self,
                                        GError     **error);
/* How long a write waits for another program's lock before it fails with
 * JD_ERROR_BUSY; 10 s unless set. */
void        jd_ledger_set_busy_timeout (JdLedger    *self,
                                        int          ms);
char       *jd_ledger_dup_township     (JdLedger    *self);
char       *jd_ledger_dup_county       (JdLedger    *self);

/* The "changed" signal, (JdLedger *ledger, JdChanges changes, gpointer user_data):
 * emitted once a write transaction of this connection commits, on the main
 * context that was the thread-default where the ledger was opened (the main
 * thread's, for a ledger opened in a worker), so that a window's pages may
 * follow the ledger. A rolled-back transaction says nothing; nor does a write
 * by another connection or program. */

gboolean    jd_ledger_begin            (JdLedger    *self,
                                        GError     **error);
gboolean    jd_ledger_commit           (JdLedger    *self,
                                        GError     **error);
void        jd_ledger_rollback         (JdLedger    *self);

char       *jd_ledger_get_setting      (JdLedger    *self,
                                        const char  *key);
gboolean    jd_ledger_set_setting      (JdLedger    *self,
                                        const char  *key,
                                        const char  *value,
                                        GError     **error);

/* What left the ledger, for the audit log (docs/audit-log.md). */
typedef enum
{
  JD_OUTPUT_EXPORT,  /* a workbook, a list, the audit log, a chart */
  JD_OUTPUT_PRINT,
  JD_OUTPUT_BACKUP,
  JD_OUTPUT_RESTORE, /* path: the backup the ledger was restored from */
} JdOutputKind;

/* Records in the audit log that path was written (or, for a restore, read) with
 * the operating-system user and details_json (an object: "what", "sheets",
 * "year" …; NULL for none). Call it once the file is whole; in the caller's
 * transaction when one is open, else in one of its own. When the entry cannot
 * be written (a read-only ledger, a full disk) the file written is removed, so
 * nothing leaves the ledger unrecorded, and the error says so. */
gboolean    jd_ledger_log_output       (JdLedger     *self,
                                        JdOutputKind  kind,
                                        const char   *path,
                                        const char   *details_json,
                                        gboolean      masked,
                                        GError      **error);

/* A verified copy at destination (jd-output.h: force replaces an existing
 * file); a damaged ledger gives no file and JD_ERROR_TRUNCATED. */
gboolean    jd_ledger_backup           (JdLedger       *self,
                                        const char     *destination,
                                        gboolean        force,
                                        JdProgressFunc  progress,
                                        gpointer        user_data,
                                        GCancellable   *cancellable,
                                        GError        **error);
GPtrArray  *jd_ledger_integrity_check  (JdLedger    *self,
                                        GError     **error);

gint64      jd_ledger_count            (JdLedger    *self,
                                        const char  *table);

G_END_DECLS
