/* jd-sections.c: the sections of the main window, in one table
 *
 * The sidebar, the Alt+N shortcuts, `jindu --section NAME` and its help all
 * read this table (docs/contract.md §8): adding a section is a row here and a
 * JdSectionPage (docs/architecture.md).
 */
#include "config.h"

#include "jd-sections.h"

#include <glib/gi18n-lib.h>

#include "jd-activities-page.h"
#include "jd-assessments-page.h"
#include "jd-dashboard-page.h"
#include "jd-people-page.h"
#include "jd-register-page.h"
#include "jd-todo-page.h"
#include "jd-villages-page.h"

static const JdSection sections[] = {
  { "todo", N_ ("Work Due"), "task-due-symbolic", jd_todo_page_new, "<Alt>1" },
  { "people", N_ ("People"), "system-users-symbolic", jd_people_page_new, "<Alt>2" },
  { "villages", N_ ("Villages"), "mark-location-symbolic", jd_villages_page_new, "<Alt>3" },
  { "activities", N_ ("Activities"), "user-bookmarks-symbolic", jd_activities_page_new, "<Alt>4" },
  { "venues", N_ ("Venues"), "find-location-symbolic", jd_venues_page_new, "<Alt>5" },
  { "assessments", N_ ("Assessments"), "emblem-ok-symbolic", jd_assessments_page_new, "<Alt>6" },
  { "dashboard", N_ ("Dashboard"), "view-grid-symbolic", jd_dashboard_page_new, "<Alt>7" },
};

const JdSection *
jd_sections (guint *n_sections)
{
  *n_sections = G_N_ELEMENTS (sections);
  return sections;
}

const JdSection *
jd_section_find (const char *name)
{
  for (guint i = 0; name && i < G_N_ELEMENTS (sections); i++)
    if (g_str_equal (sections[i].name, name))
      return &sections[i];
  return NULL;
}

char *
jd_sections_list_names (void)
{
  GString *names = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", sections[i].name);
  return g_string_free (names, FALSE);
}

char *
jd_sections_describe (void)
{
  GString *text = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    /* TRANSLATORS: one section in the --section help: its name, then its title. */
    g_string_append_printf (text, _ ("%s%s (%s)"), i ? ", " : "", sections[i].name,
                            _ (sections[i].title));
  return g_string_free (text, FALSE);
}
