/* jd-preferences.h: the preferences window (Ctrl+,) */
#pragma once

#include <adwaita.h>

#include "jd-targets.h"
#include "jd-ledger.h"

G_BEGIN_DECLS

#define JD_TYPE_PREFERENCES (jd_preferences_get_type ())
G_DECLARE_FINAL_TYPE (JdPreferences, jd_preferences, JD, PREFERENCES, AdwPreferencesWindow)

/* The targets page appears when there is a ledger (NULL: none). */
JdPreferences *jd_preferences_new (GtkWindow *parent, JdLedger *ledger);
GtkSpinButton *jd_preferences_get_target_button (JdPreferences *self, JdTarget target);

G_END_DECLS
