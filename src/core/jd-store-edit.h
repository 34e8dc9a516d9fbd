/* jd-store-edit.h: correcting and deleting the records of the registers kept
 * in the window — venues, inspections, letters, staff — by their id
 *
 * A corrected record obeys the rules of a new one (docs/contract.md §3); the
 * audit triggers log every change. Each function writes in the caller's
 * transaction.
 */
#pragma once

#include "jd-store.h"

G_BEGIN_DECLS

typedef enum
{
  JD_RECORD_VENUE,
  JD_RECORD_INSPECTION,
  JD_RECORD_LETTER,
  JD_RECORD_STAFF,
  JD_RECORD_ACTIVITY, /* deleted only: jd_store_read_record does not read it */
  JD_N_RECORD_KINDS
} JdRecordKind;

/* JD_STORE_UPDATED, JD_STORE_UNCHANGED (the same values), or JD_STORE_FAILED
 * (JD_ERROR_NOT_FOUND when there is no such record). */
JdStoreResult
jd_store_update_venue (JdLedger *ledger, gint64 id, const JdVenueRecord *record, GError **error);
JdStoreResult jd_store_update_inspection (JdLedger *ledger,
                                          gint64 id,
                                          const JdInspectionRecord *record,
                                          GError **error);
JdStoreResult
jd_store_update_letter (JdLedger *ledger, gint64 id, const JdLetterRecord *record, GError **error);
JdStoreResult
jd_store_update_staff (JdLedger *ledger, gint64 id, const JdStaffRecord *record, GError **error);

/* Deletes the record (a venue with its inspections); JD_ERROR_NOT_FOUND when
 * it is gone already. */
gboolean jd_store_delete_record (JdLedger *ledger, JdRecordKind kind, gint64 id, GError **error);

/* The record's columns as text, in the order asked ("" for an empty one);
 * NULL (JD_ERROR_NOT_FOUND) when there is no such record. columns are the
 * table's own names (village_id, name, signed_on …). */
GStrv jd_store_read_record (
    JdLedger *ledger, JdRecordKind kind, gint64 id, const char *const *columns, GError **error);

/* The ids of a venue's inspections, in date order (none: an empty array). */
GArray *jd_store_list_inspections (JdLedger *ledger, gint64 venue_id, GError **error);

G_END_DECLS
