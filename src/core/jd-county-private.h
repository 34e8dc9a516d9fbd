/* jd-county-private.h: what the county's modules share (jd-county*.c) */
#pragma once

#include <sqlite3.h>

#include "jd-county.h"

G_BEGIN_DECLS

/* The county file's connection. */
sqlite3 *jd_county_get_db (JdCounty *self);
/* The connection's last error, naming the county's file. */
void jd_county_set_db_error (JdCounty *self, GError **error);
/* A connection of the caller's thread to the county file at path (a job's,
 * jd-county-async.c), read-only unless writable. Its header is not checked
 * first, as jd_county_open () does (jd_county_is_county ()). */
JdCounty *jd_county_open_connection (const char *path, gboolean writable, GError **error);

G_END_DECLS
