/* jd-sections.h: the sections of the main window, in one table */
#pragma once

#include <adwaita.h>

#include "jd-ledger.h"

G_BEGIN_DECLS

/* Makes a section's page (a JdSectionPage) on the ledger. */
typedef GtkWidget *(*JdPageFunc) (JdLedger *ledger);

typedef struct
{
  const char *name;      /* for --section, win.section and the settings */
  const char *title;     /* marked for translation, shown translated */
  const char *icon_name; /* the sidebar's icon */
  JdPageFunc new_page;
  const char *accelerator; /* "<Alt>1" …: shows the section */
} JdSection;

/* Every section of docs/contract.md §8, in sidebar order; n_sections is set. */
const JdSection *jd_sections (guint *n_sections);
/* The section named so, or NULL. */
const JdSection *jd_section_find (const char *name);
/* "todo, people, …": the names, for a message. */
char *jd_sections_list_names (void);
/* "todo (Work Due), people (People), …": for the --section help. */
char *jd_sections_describe (void);

G_END_DECLS
