/* main.c: a sub-command, or the window */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "jd-application.h"
#include "jd-cli.h"

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  /* A build tree's own translations, for its tests (tests/meson.build). */
  const char *localedir = g_getenv ("JINDU_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A first word that is not an option is a command, mistyped or not: never the window. */
  if (argc >= 2 && argv[1][0] != '-')
    return jd_cli_main (argc, argv);

  g_autoptr (JdApplication) app = jd_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
