/* jd-county-private.h: what the county's modules share (jd-county*.c) */
#pragma once

#include <sqlite3.h>

#include "jd-county.h"

G_BEGIN_DECLS

/* The county file's connection. */
sqlite3 *jd_county_get_db (JdCounty *self);
/* The connection's last error, naming the county's file. */
void jd_county_set_db_error (JdCounty *self, GError **error);

G_END_DECLS
