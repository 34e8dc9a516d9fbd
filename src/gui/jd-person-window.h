/* jd-person-window.h: one registered person, their form, status, help and history */
#pragma once

#include <adwaita.h>

#include "jd-ledger.h"

G_BEGIN_DECLS

#define JD_TYPE_PERSON_WINDOW (jd_person_window_get_type ())
G_DECLARE_FINAL_TYPE (JdPersonWindow, jd_person_window, JD, PERSON_WINDOW, AdwWindow)

/* The person's window over window, brought forward if one is open on the
 * ledger; person_id 0: a new, empty one. */
JdPersonWindow *jd_person_window_present (GtkWindow *window, JdLedger *ledger, gint64 person_id);
gint64 jd_person_window_get_person_id (JdPersonWindow *self);
gboolean jd_person_window_get_modified (JdPersonWindow *self);
gboolean jd_person_window_save (JdPersonWindow *self);
GtkWidget *jd_person_window_get_field (JdPersonWindow *self, const char *key);
guint jd_person_window_get_pending_deletions (JdPersonWindow *self);
void jd_person_window_commit_deletions (JdPersonWindow *self);

G_END_DECLS
