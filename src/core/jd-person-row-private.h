/* jd-person-row-private.h: how jd-person-query.c makes its rows */
#pragma once

#include <sqlite3.h>

#include "jd-person-row.h"

G_BEGIN_DECLS

JdPersonRow *jd_person_row_new_from_stmt (sqlite3_stmt *stmt);

G_END_DECLS
