/* jd-person-moves.h: the person window's managing-village moves
 *
 * Changing a saved person's managing village records a move on a day the
 * user chooses (docs/contract.md §3 "move"): a date row appears below the
 * village row when the village differs from today's. The moves so far are
 * listed in a group of their own at the end of the details page.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A "Moved On" row, hidden, placed right after village_row in its list. */
AdwEntryRow *jd_person_moves_add_date_row (AdwComboRow *village_row);
/* The group "Managing Village History" at the end of village_row's page; its list in *list. */
AdwPreferencesGroup *jd_person_moves_add_group (AdwComboRow *village_row, GtkListBox **list);
/* Shows the date row (set to today) when a saved person's village is to change. */
void jd_person_moves_update_date_row (AdwEntryRow *date_row, gboolean changing);

G_END_DECLS
