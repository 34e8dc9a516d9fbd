/* jd-county-audit.h: what leaves a county ledger, on record (docs/contract.md §9)
 *
 * A county ledger is read-only towards its townships' data, but every file
 * written from it (the county workbook) is recorded in its table
 * output_event, made on first use and append-only, as a township's audit log
 * records its own (docs/contract.md §3).
 */
#pragma once

#include "jd-county.h"

G_BEGIN_DECLS

/* Records that path was written from county: kind "export", details a JSON
 * object (what, year, sheets, township …), masked or not. */
gboolean jd_county_log_output (
    JdCounty *county, const char *path, const char *details_json, gboolean masked, GError **error);

G_END_DECLS
