/* jd-store-private.h: what jd-store.c shares with the editing of records (jd-store-edit.c) */
#pragma once

#include <sqlite3.h>

#include "jd-store.h"

G_BEGIN_DECLS

gboolean jd_store_row_exists (JdLedger *ledger, const char *sql, gint64 id, GError **error);

/* A record's own rules (docs/contract.md §3), as a new one must obey them. */
gboolean jd_store_check_venue (JdLedger *ledger, const JdVenueRecord *r, GError **error);
gboolean jd_store_check_inspection (JdLedger *ledger, const JdInspectionRecord *r, GError **error);
gboolean jd_store_check_letter (JdLedger *ledger, const JdLetterRecord *r, GError **error);
gboolean jd_store_check_staff (JdLedger *ledger, const JdStaffRecord *r, GError **error);

/* Binds a record's columns to ?1, ?2 … in the order of its INSERT. */
void jd_store_bind_venue (sqlite3_stmt *stmt, gconstpointer record);
void jd_store_bind_inspection (sqlite3_stmt *stmt, gconstpointer record);
void jd_store_bind_letter (sqlite3_stmt *stmt, gconstpointer record);
void jd_store_bind_staff (sqlite3_stmt *stmt, gconstpointer record);

G_END_DECLS
