/* jd-ledger-private.h: what the rest of src/core needs of the connection */
#pragma once

#include <sqlite3.h>
#include <sys/stat.h>

#include "jd-ledger.h"

G_BEGIN_DECLS

sqlite3      *jd_ledger_get_db        (JdLedger    *self);
sqlite3_stmt *jd_ledger_prepare       (JdLedger    *self,
                                       const char  *sql,
                                       GError     **error);
gboolean      jd_ledger_exec          (JdLedger    *self,
                                       const char  *sql,
                                       GError     **error);
gboolean      jd_ledger_step_done     (JdLedger     *self,
                                       sqlite3_stmt *stmt,
                                       GError      **error);
void          jd_ledger_set_error     (JdLedger    *self,
                                       GError     **error);
/* The same for a connection of one's own to the ledger at path: the error of
 * its last call, in JD_ERROR (a damaged page, a full disk, a lock, …). */
void          jd_db_set_error         (sqlite3     *db,
                                       const char  *path,
                                       GError     **error);
/* A second, read-only connection to the same file, for one other thread. */
JdLedger     *jd_ledger_open_reader   (JdLedger    *self,
                                       GError     **error);
/* TRUE when a connection of this process has the file st describes open:
 * such a file is never opened by hand (closing that descriptor would drop the
 * process's locks on it; jd-ledger.c). */
gboolean      jd_ledger_file_is_open_here (const struct stat *st);
/* The audit log's last row as db sees it: every write to the ledger adds one,
 * so two connections that see the same row see the same ledger. */
gint64        jd_db_last_audit_row    (sqlite3     *db);
/* The first audit row the open transaction wrote, 0 when it wrote none yet
 * (an import's batch starts there: jd-import-history.c). */
gint64        jd_ledger_get_transaction_first_audit_row (JdLedger *self);
/* The audit triggers the program makes, as the ledger's tables now are, and
 * the append-only ones: trigger name → its SQL, white space normalized as by
 * jd_db_normalize_sql () (docs/audit-log.md). */
GHashTable   *jd_db_expected_triggers (sqlite3     *db);
char         *jd_db_normalize_sql     (const char  *sql);
/* audit_log, audit_seal, output_event: no trigger but the program's on them. */
gboolean      jd_db_is_append_only_table (const char *table);

/* What other modules of src/core keep per connection, owned by the ledger
 * and freed with it (free_func), each in a field of its own. */
typedef struct _JdIndicatorPool JdIndicatorPool; /* jd-indicators.c */
typedef struct _JdRegisterCache JdRegisterCache; /* jd-register-context.c */

/* The indicator engine's idle parallel connections; made once, under a lock
 * of the caller's (jd-indicators.c). */
JdIndicatorPool *jd_ledger_get_indicator_pool (JdLedger        *self);
void          jd_ledger_set_indicator_pool (JdLedger        *self,
                                            JdIndicatorPool *pool,
                                            GDestroyNotify   free_func);
/* What the registers share while a snapshot is open; NULL outside one. */
JdRegisterCache *jd_ledger_get_register_cache (JdLedger        *self);
void          jd_ledger_set_register_cache (JdLedger        *self,
                                            JdRegisterCache *cache,
                                            GDestroyNotify   free_func);
/* The person search's SQL function jd_person_hit is registered on the
 * connection (registering it again would expire its statements). */
gboolean      jd_ledger_has_person_hit  (JdLedger    *self);
void          jd_ledger_set_person_hit  (JdLedger    *self);

void          jd_bind_text            (sqlite3_stmt *stmt,
                                       int           index,
                                       const char   *text);
void          jd_bind_day             (sqlite3_stmt *stmt,
                                       int           index,
                                       JdDay         day);
JdDay         jd_column_day           (sqlite3_stmt *stmt,
                                       int           column);
char         *jd_column_dup           (sqlite3_stmt *stmt,
                                       int           column);
/* "[3,17,42]": ids for `IN (SELECT value FROM json_each(?))`. */
char         *jd_json_ids             (const gint64 *ids,
                                       gsize         n_ids);

G_END_DECLS
