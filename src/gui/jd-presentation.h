/* jd-presentation.h: the dashboard full screen, one slide at a time (F5) */
#pragma once

#include <adwaita.h>

#include "jd-dashboard.h"

G_BEGIN_DECLS

#define JD_TYPE_PRESENTATION (jd_presentation_get_type ())
G_DECLARE_FINAL_TYPE (JdPresentation, jd_presentation, JD, PRESENTATION, AdwWindow)

/* The slides are made from dashboard, which must outlive the window. */
JdPresentation *jd_presentation_new (GtkWindow *parent, JdLedger *ledger, JdDashboard *dashboard);
guint jd_presentation_get_n_slides (JdPresentation *self);
guint jd_presentation_get_slide (JdPresentation *self);

G_END_DECLS
