/* jd-window.h: the main window, a sidebar of sections beside their pages */
#pragma once

#include <adwaita.h>

#include "jd-ledger.h"

G_BEGIN_DECLS

#define JD_TYPE_WINDOW (jd_window_get_type ())
G_DECLARE_FINAL_TYPE (JdWindow, jd_window, JD, WINDOW, AdwApplicationWindow)

JdWindow *jd_window_new (GtkApplication *application);

void jd_window_open (JdWindow *self, const char *path, gboolean first_run_if_missing);
void jd_window_set_ledger (JdWindow *self, JdLedger *ledger);
void jd_window_unload (JdWindow *self);
JdLedger *jd_window_get_ledger (JdWindow *self);
const char *jd_window_get_path (JdWindow *self);
gboolean jd_window_is_idle_empty (JdWindow *self);

/* Makes a section's page from the ledger, when it is first shown. */
typedef GtkWidget *(*JdPageFunc) (JdLedger *ledger);
void jd_window_add_section (JdWindow *self,
                            const char *name,
                            const char *title,
                            const char *icon_name,
                            JdPageFunc new_page);
const char *jd_window_get_section (JdWindow *self);
void jd_window_set_section (JdWindow *self, const char *name);
GtkWidget *jd_window_get_page (JdWindow *self, const char *name);
void jd_window_start_presentation (JdWindow *self);
void jd_window_notify_changed (JdWindow *self);
void jd_window_show_toast (JdWindow *self, AdwToast *toast);
void jd_window_follow_changes (GtkWidget *page, GCallback reload);
JdWindow *jd_window_of (GtkWidget *widget);

const char *const *jd_window_section_names (void);
gboolean jd_window_is_section_name (const char *name);

void jd_show_error_dialog (GtkWindow *parent, const char *heading, const char *message);

G_END_DECLS
