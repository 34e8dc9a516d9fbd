/* jd-test-damage.h: a ledger that lost some of its pages */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Zeroes n_pages pages of the closed ledger at path from the page at fraction
 * `where` of the file on, as a disk that lost them would. Its write-ahead log
 * must have been copied into it (the last connection's close does that). */
void jd_test_damage_pages (const char *path, double where, guint n_pages);

G_END_DECLS
