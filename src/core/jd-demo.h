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

/* The demo ledger of scale made at path on a worker thread (jd-demo-create.c):
 * created and filled under path.part beside it (one left by a crash is made
 * again), then renamed to path once complete, so path is a whole ledger or
 * nothing. progress is called on the worker thread. Cancelled, or failed, it
 * leaves no file behind. */
void     jd_demo_create_async  (const char          *path,
                                JdDemoScale          scale,
                                guint32              seed,
                                JdProgressFunc       progress,
                                gpointer             progress_data,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
gboolean jd_demo_create_finish (GAsyncResult        *result,
                                GError             **error);

G_END_DECLS
