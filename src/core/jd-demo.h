/* jd-demo.h: realistic, deterministic demo ledgers spanning ten years */
#pragma once

#include <gio/gio.h>

#include "jd-ledger.h"

G_BEGIN_DECLS

typedef enum
{
  JD_DEMO_TOWNSHIP, /* ≈12 villages, ≈150 persons */
  JD_DEMO_COUNTY,   /* ≈200 villages, ≈5,000 persons */
  JD_DEMO_CITY,     /* 300 villages, 100,000 persons, ≈2,000,000 follow-ups */
} JdDemoScale;

gboolean jd_demo_scale_from_string (const char  *text,
                                    JdDemoScale *scale);

/* Fills a new, empty ledger; the history ends on jd_today (). */
gboolean jd_demo_fill (JdLedger        *ledger,
                       JdDemoScale      scale,
                       guint32          seed,
                       JdProgressFunc   progress,
                       gpointer         user_data,
                       GCancellable    *cancellable,
                       GError         **error);

G_END_DECLS
