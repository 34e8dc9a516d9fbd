/* jd-preferences.h: the preferences window (Ctrl+,) */
#pragma once

#include <adwaita.h>

#include "jd-targets.h"
#include "jd-window.h"

G_BEGIN_DECLS

#define JD_TYPE_PREFERENCES (jd_preferences_get_type ())
G_DECLARE_FINAL_TYPE (JdPreferences, jd_preferences, JD, PREFERENCES, AdwPreferencesWindow)

/* The targets page appears when window has a ledger. */
JdPreferences *jd_preferences_new (JdWindow *window);
GtkSpinButton *jd_preferences_get_target_button (JdPreferences *self, JdTarget target);

G_END_DECLS
