/* jd-sections.h: the sections of the main window, in one table */
#pragma once

#include <adwaita.h>

#include "jd-county.h"
#include "jd-ledger.h"

G_BEGIN_DECLS

/* Makes a section's page (a JdSectionPage) on the ledger. */
typedef GtkWidget *(*JdPageFunc) (JdLedger *ledger);
/* Makes a county section's page (a JdSectionPage without a ledger) on the county. */
typedef GtkWidget *(*JdCountyPageFunc) (JdCounty *county);

typedef struct
{
  const char *name;      /* for --section, win.section and the settings */
  const char *title;     /* marked for translation, shown translated */
  const char *icon_name; /* the sidebar's icon */
  JdPageFunc new_page;
  const char *accelerator;          /* "<Alt>1" …: shows the section */
  JdCountyPageFunc new_county_page; /* a county's section (new_page is NULL) */
} JdSection;

/* Every section of docs/contract.md §8, in sidebar order; n_sections is set. */
const JdSection *jd_sections (guint *n_sections);
/* The sections of a county ledger (docs/contract.md §9), in sidebar order. */
const JdSection *jd_county_sections (guint *n_sections);
/* The township's sections, or the county's. */
const JdSection *jd_sections_of (gboolean county, guint *n_sections);
/* The section named so (a township's first, else a county's), or NULL. */
const JdSection *jd_section_find (const char *name);
/* The section named so among the township's or the county's, or NULL. */
const JdSection *jd_section_find_of (gboolean county, const char *name);
/* "todo, people, …": the names, for a message. */
char *jd_sections_list_names (void);
/* "todo (Work Due), people (People), …": for the --section help. */
char *jd_sections_describe (void);

G_END_DECLS
