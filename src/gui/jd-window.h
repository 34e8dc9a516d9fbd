/* jd-window.h: the main window, a sidebar of sections beside their pages */
#pragma once

#include <adwaita.h>

#include "jd-ledger.h"
#include "jd-sections.h"

G_BEGIN_DECLS

#define JD_TYPE_WINDOW (jd_window_get_type ())
G_DECLARE_FINAL_TYPE (JdWindow, jd_window, JD, WINDOW, AdwApplicationWindow)

JdWindow *jd_window_new (GtkApplication *application);

void jd_window_open (JdWindow *self, const char *path, gboolean first_run_if_missing);
void jd_window_set_ledger (JdWindow *self, JdLedger *ledger);
void jd_window_unload (JdWindow *self);
const char *jd_window_get_path (JdWindow *self);
gboolean jd_window_is_idle_empty (JdWindow *self);

/* A section beside those of the table (jd-sections.h); its page is made from
 * the ledger when it is first shown. */
void jd_window_add_section (JdWindow *self,
                            const char *name,
                            const char *title,
                            const char *icon_name,
                            JdPageFunc new_page);
const char *jd_window_get_section (JdWindow *self);
void jd_window_set_section (JdWindow *self, const char *name);
GtkWidget *jd_window_get_page (JdWindow *self, const char *name);
void jd_window_start_presentation (JdWindow *self);

G_END_DECLS
