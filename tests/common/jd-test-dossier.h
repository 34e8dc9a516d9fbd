/* jd-test-dossier.h: a hand-made person for the help-file tests, and the PDF read back
 * with poppler-utils (pdftotext, pdfinfo, pdffonts) */
#pragma once

#include <glib.h>

#include "jd-test-ledger.h"

G_BEGIN_DECLS

#define DOSSIER_TODAY "2025-06-30"
/* 林涛雄, born 1981-07-26, of village V01 (上林村), under community rehab today. */
#define DOSSIER_NAME "林涛雄"
#define DOSSIER_PHONE "13800005678"
#define DOSSIER_MEMBER_PHONE "13900001111"

/* The ID number (GB 11643 check digit added) of the 17 digits given. */
char *dossier_id_number (const char *seventeen);
/* A new ledger in dir holding the hand-made persons; its path. */
char *dossier_make_ledger (const char *dir);
/* The shared fixture of the help-file tests: the folder of jd_test_folder_set_up () with
 * the ledger of dossier_make_ledger () at its path (closed). */
void jd_test_dossier_set_up (JdTestLedger *t, const char *name_template);
/* The hand-made person's ID number. */
const char *dossier_id (void);
/* The talk of 2,000 characters (第1句，第2句，…), as it stands in the ledger. */
const char *dossier_long_text (void);

/* pdftotext of the pages first … last (0: all), raw (content stream order) or not. */
char *pdf_text (const char *pdf, int first, int last, gboolean raw);
int pdf_pages (const char *pdf);
/* pdffonts' lines after its header, one per font. */
char **pdf_fonts (const char *pdf);
/* How many times needle occurs in haystack. */
guint count_occurrences (const char *haystack, const char *needle);

G_END_DECLS
