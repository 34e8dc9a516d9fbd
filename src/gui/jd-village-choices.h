/* jd-village-choices.h: the ledger's villages as a drop-down's choices */
#pragma once

#include <gtk/gtk.h>

#include "jd-ledger.h"

G_BEGIN_DECLS

/* Appends each village of ledger, in the village list's order, to names (its
 * name) and to ids (its id, a gint64), after the choices already there. */
void jd_village_choices_append (JdLedger *ledger, GtkStringList *names, GArray *ids);

G_END_DECLS
