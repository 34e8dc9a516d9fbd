/* jd-types.h: forward declarations shared by the core */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _JdLedger JdLedger;

/* A calendar day as a GDate Julian day number (1 = 0001-01-01); 0 is "no date". */
typedef guint32 JdDay;

G_END_DECLS
