/* jd-venue-inspections.h: a venue's inspections in a window of their own
 *
 * Each inspection has Edit and Delete; the window does neither itself: it
 * emits "edit-inspection" or "delete-inspection" with the inspection's id for
 * whoever opened it (the venues register page, jd-register-page.c), who fills
 * it again when its rows change.
 */
#pragma once

#include <adwaita.h>

#include "jd-deletions.h"
#include "jd-ledger.h"

G_BEGIN_DECLS

#define JD_TYPE_VENUE_INSPECTIONS (jd_venue_inspections_get_type ())
G_DECLARE_FINAL_TYPE (JdVenueInspections, jd_venue_inspections, JD, VENUE_INSPECTIONS, AdwWindow)

/* The window of venue_id's inspections, transient for parent's window; NULL
 * when the venue is not in the ledger. Empty until filled. */
JdVenueInspections *jd_venue_inspections_new (GtkWidget *parent, JdLedger *ledger, gint64 venue_id);
/* Reads the venue's inspections again, leaving out those whose deletion is
 * pending in pending (may be NULL). */
void jd_venue_inspections_fill (JdVenueInspections *self, JdDeletions *pending);

G_END_DECLS
