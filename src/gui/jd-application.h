/* jd-application.h: the window's application */
#pragma once

#include <adwaita.h>

#include "jd-window.h"

G_BEGIN_DECLS

#define JD_TYPE_APPLICATION (jd_application_get_type ())
G_DECLARE_FINAL_TYPE (JdApplication, jd_application, JD, APPLICATION, AdwApplication)

JdApplication *jd_application_new (void);
JdWindow *
jd_application_open (JdApplication *self, GFile *file, const char *section, gboolean present);
JdWindow *jd_application_show_ledger (JdApplication *self, GtkWindow *from, JdLedger *ledger);

G_END_DECLS
