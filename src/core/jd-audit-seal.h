/* jd-audit-seal.h: the hash chain over the audit log, and its seals
 *
 * Every audit row has a digest, SHA-256 of its canonical bytes; the chain's link
 * after a row is SHA-256 (previous link ‖ the row's digest), starting from 32 zero
 * bytes. At each commit the program writes a seal (table audit_seal) on the rows
 * that commit wrote: the link after its last row and the first four bytes of each
 * row's digest. docs/audit-log.md gives the exact bytes, so another tool can
 * verify a ledger, and what the chain does and does not prove.
 *
 * Only src/core uses this header.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The columns of an audit row that the chain covers, in the order hashed. */
#define JD_AUDIT_ROW_COLUMNS "id, at, os_user, tbl, row_id, person_id, action, before, after"
#define JD_AUDIT_N_ROW_COLUMNS 9

#define JD_AUDIT_DIGEST_SIZE 32
/* The bytes of each row's digest a seal keeps, to name a row that changed. */
#define JD_AUDIT_SHORT_DIGEST 4
/* At most this many rows under one seal, so one seal stays small. */
#define JD_AUDIT_SEAL_MAX_ROWS 16384

typedef struct
{
  GChecksum *row;
  GChecksum *link;
  GString *bytes;
} JdAuditHasher;

void jd_audit_hasher_init (JdAuditHasher *hasher);
void jd_audit_hasher_clear (JdAuditHasher *hasher);
/* The digest of the row stmt is on, whose first JD_AUDIT_N_ROW_COLUMNS columns
 * are JD_AUDIT_ROW_COLUMNS. */
void jd_audit_row_digest (JdAuditHasher *hasher,
                          sqlite3_stmt *stmt,
                          guint8 digest[JD_AUDIT_DIGEST_SIZE]);
/* link := SHA-256 (link ‖ digest). */
void jd_audit_link_next (JdAuditHasher *hasher,
                         guint8 link[JD_AUDIT_DIGEST_SIZE],
                         const guint8 digest[JD_AUDIT_DIGEST_SIZE]);

void jd_audit_hex (const guint8 bytes[JD_AUDIT_DIGEST_SIZE],
                   char hex[2 * JD_AUDIT_DIGEST_SIZE + 1]);
/* FALSE when hex is not 64 hexadecimal digits. */
gboolean jd_audit_unhex (const char *hex, guint8 bytes[JD_AUDIT_DIGEST_SIZE]);

/* What sealing needs, prepared once for a connection. */
typedef struct
{
  sqlite3 *db;
  sqlite3_stmt *last;   /* the last seal */
  sqlite3_stmt *rows;   /* the rows after it */
  sqlite3_stmt *insert; /* a new seal */
  JdAuditHasher hasher;
  GByteArray *digests;
} JdAuditSealer;

void jd_audit_sealer_init (JdAuditSealer *sealer, sqlite3 *db);
void jd_audit_sealer_clear (JdAuditSealer *sealer);

/* Seals the audit rows own_first … own_last (this connection's), chaining on
 * from the last seal over any rows in between, which stay unsealed. Nothing to
 * do when there are no such rows. Must run inside the write transaction;
 * SQLITE_OK or SQLite's error code (its message is the connection's). */
int jd_audit_seal (JdAuditSealer *sealer, gint64 own_first, gint64 own_last);

G_END_DECLS
