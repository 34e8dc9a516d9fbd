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
#include "jd-county-browse-page.h"
#include "jd-county-dashboard-page.h"
#include "jd-county-list-page.h"
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

/* A county ledger's: read-only views of its townships' packages. */
static const JdSection county_sections[] = {
  { "dashboard", N_ ("County Dashboard"), "view-grid-symbolic", NULL, "<Alt>1",
    jd_county_dashboard_page_new },
  { "readiness", N_ ("Readiness"), "emblem-ok-symbolic", NULL, "<Alt>2",
    jd_county_readiness_page_new },
  { "todo", N_ ("Work Due"), "task-due-symbolic", NULL, "<Alt>3", jd_county_work_due_page_new },
  { "townships", N_ ("Townships"), "mark-location-symbolic", NULL, "<Alt>4",
    jd_county_browse_page_new },
  { "duplicates", N_ ("Registered Twice"), "edit-copy-symbolic", NULL, "<Alt>5",
    jd_county_duplicates_page_new },
  { "packages", N_ ("Packages"), "package-x-generic-symbolic", NULL, "<Alt>6",
    jd_county_packages_page_new },
};

const JdSection *
jd_sections (guint *n_sections)
{
  *n_sections = G_N_ELEMENTS (sections);
  return sections;
}

const JdSection *
jd_county_sections (guint *n_sections)
{
  *n_sections = G_N_ELEMENTS (county_sections);
  return county_sections;
}

const JdSection *
jd_sections_of (gboolean county, guint *n_sections)
{
  return county ? jd_county_sections (n_sections) : jd_sections (n_sections);
}

const JdSection *
jd_section_find_of (gboolean county, const char *name)
{
  guint n;
  const JdSection *table = jd_sections_of (county, &n);
  for (guint i = 0; name && i < n; i++)
    if (g_str_equal (table[i].name, name))
      return &table[i];
  return NULL;
}

const JdSection *
jd_section_find (const char *name)
{
  const JdSection *section = jd_section_find_of (FALSE, name);
  return section ? section : jd_section_find_of (TRUE, name);
}

char *
jd_sections_list_names (void)
{
  GString *names = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", sections[i].name);
  for (guint i = 0; i < G_N_ELEMENTS (county_sections); i++)
    if (jd_section_find_of (FALSE, county_sections[i].name) == NULL)
      g_string_append_printf (names, ", %s", county_sections[i].name);
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
  for (guint i = 0; i < G_N_ELEMENTS (county_sections); i++)
    if (jd_section_find_of (FALSE, county_sections[i].name) == NULL)
      g_string_append_printf (text, _ ("%s%s (%s)"), ", ", county_sections[i].name,
                              _ (county_sections[i].title));
  return g_string_free (text, FALSE);
}
