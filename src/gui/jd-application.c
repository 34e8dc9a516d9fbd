/* jd-application.c: the window's application */
#include "config.h"

#include "jd-application.h"

struct _JdApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (JdApplication, jd_application, ADW_TYPE_APPLICATION)

static void
jd_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
  gtk_window_present (window);
}

static void
jd_application_class_init (JdApplicationClass *klass)
{
  G_APPLICATION_CLASS (klass)->activate = jd_application_activate;
}

static void
jd_application_init (JdApplication *self)
{
}

JdApplication *
jd_application_new (void)
{
  return g_object_new (JD_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_DEFAULT_FLAGS, NULL);
}
