/* jd-dossier-private.h: the help file's parts shared by its drawing
 * (jd-dossier.c) and its layout (jd-dossier-layout.c) (docs/contract.md §7b) */
#pragma once

#include "jd-dossier.h"
#include "jd-dossier-pager.h"
#include "jd-paper.h"
#include "jd-person.h"

G_BEGIN_DECLS

#define MARGIN_TOP 62.0
#define MARGIN_SIDE 51.0 /* 18 mm */
#define MARGIN_BOTTOM 62.0
#define FONT_FAMILY JD_PAPER_FONT_FAMILY
#define TITLE_FONT FONT_FAMILY " Bold 30"
#define SECTION_FONT FONT_FAMILY " Bold 13"
#define YEAR_FONT FONT_FAMILY " Bold 11.5"
#define KIND_FONT FONT_FAMILY " Bold 10.5"
#define BODY_FONT FONT_FAMILY " 9.5"
#define PHOTO_WIDTH 99.2   /* 35 mm */
#define PHOTO_HEIGHT 127.6 /* 45 mm */

struct _JdDossier
{
  JdLedger *ledger;
  JdDossierOptions options;
  char *key;
  char *township;
  char *export_date;
  GPtrArray *entries; /* JdDossierEntry */
  PangoContext *context;

  /* Pagination */
  double width, height;
  guint paginated; /* persons counted so far */
  gboolean counted;
  int toc_pages;
  int *first_pages; /* per person */
  int n_pages;

  /* The person drawn last, kept for the next page. */
  guint cached_index;
  JdPerson *cached_person;
  char *cached_household_village;
};

typedef struct
{
  JdDossier *self;
  const JdDossierEntry *entry;
  const JdPerson *person;
  const char *household_village;
  GPtrArray *scratch; /* strings to free once the person is laid out */
} View;

/* The table of contents of a village's or the township's files. */
void jd_dossier_layout_contents (JdDossier *self, JdPager *pager);
/* One person's file, from its cover to the last follow-up. */
void jd_dossier_layout_person (View *view, JdPager *pager);

G_END_DECLS
