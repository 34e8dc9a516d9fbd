/* jd-application.h: the window's application */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JD_TYPE_APPLICATION (jd_application_get_type ())
G_DECLARE_FINAL_TYPE (JdApplication, jd_application, JD, APPLICATION, AdwApplication)

JdApplication *jd_application_new (void);

G_END_DECLS
