/* jd-county-workbook.h: the county's inspection workbook (docs/contract.md §7, §9)
 *
 * The sheets of the township's workbook (jd-registers.h), each with a first
 * column 乡镇, their rows township by township from the snapshots a county
 * ledger holds; 基本情况 and 指标趋势 begin with the county's own rows, its
 * indicators computed from the persons of every township (jd_county_indicators:
 * numerators and denominators summed, never ratios averaged).
 */
#pragma once

#include "jd-county.h"
#include "jd-registers.h"

G_BEGIN_DECLS

/* Writes the county's workbook with options (as jd_workbook_export () takes
 * them), or township's alone when township is not NULL, and records it in the
 * county ledger's output_event (jd-county-audit.h). Nothing else of the county
 * is written. On failure or cancellation (JD_ERROR_CANCELLED) no file is left
 * behind. progress gets fractions from 0 to 1. */
gboolean jd_county_workbook_export (JdCounty *county,
                                    const char *township,
                                    const JdExportOptions *options,
                                    JdProgressFunc progress,
                                    gpointer user_data,
                                    GCancellable *cancellable,
                                    GError **error);

G_END_DECLS
