/* jd-empty-page.h: what the window shows when no ledger is open */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JD_TYPE_EMPTY_PAGE (jd_empty_page_get_type ())
G_DECLARE_FINAL_TYPE (JdEmptyPage, jd_empty_page, JD, EMPTY_PAGE, GtkWidget)

void jd_empty_page_set_first_run (JdEmptyPage *self, gboolean first_run);
gboolean jd_empty_page_is_busy (JdEmptyPage *self);
char *jd_empty_page_demo_path (void);

G_END_DECLS
