/* jd-dossier.h: the help file (帮教档案) of registered persons (docs/contract.md §7b)
 *
 * Per person a cover (township, village, name, ID number, a photo box left
 * empty for the paper copy), the basic information, the status history, the
 * use events, the help group, the agreements and every follow-up by year,
 * on A4 portrait pages with `第 N 页 共 M 页` and the export date; several
 * persons' files follow a table of contents, each on fresh pages. Masked like
 * the workbook (docs/masking.md) when asked.
 *
 * One drawing routine for every cairo context: the PDF of `jindu dossier`
 * and the window's GtkPrintOperation draw the same pages. Pages are counted
 * first (jd_dossier_paginate), then drawn in order or one at a time; only one
 * person's records and one page's layouts are held at a time.
 */
#pragma once

#include <cairo.h>

#include "jd-dossier-query.h"
#include "jd-ledger.h"
#include "jd-output.h"

G_BEGIN_DECLS

#define JD_DOSSIER_A4_WIDTH 595.2756  /* points: 210 mm */
#define JD_DOSSIER_A4_HEIGHT 841.8898 /* 297 mm */

typedef struct
{
  JdDossierScope scope;
  const char *key; /* the ID number or village code */
  gint64 id;       /* without a key: the person's or village's row */
  gboolean mask;
  int year; /* only the follow-ups of this year; 0: every year */
} JdDossierOptions;

typedef struct _JdDossier JdDossier;

/* Finds whose files to draw; JD_ERROR_INVALID when the key names no one. */
JdDossier *jd_dossier_new (JdLedger *ledger, const JdDossierOptions *options, GError **error);
void jd_dossier_free (JdDossier *self);

guint jd_dossier_get_n_persons (JdDossier *self);
const JdDossierEntry *jd_dossier_get_entry (JdDossier *self, guint index);

/* Counting the pages of width × height points, a person at a time: call
 * jd_dossier_paginate_begin (), then jd_dossier_paginate_step () until it
 * sets *done (each call measures one person; the GUI calls it from its
 * "paginate" handler); or jd_dossier_paginate () for all of it. */
void jd_dossier_paginate_begin (JdDossier *self, double width, double height);
gboolean jd_dossier_paginate_step (JdDossier *self, gboolean *done, GError **error);
gboolean jd_dossier_paginate (JdDossier *self,
                              double width,
                              double height,
                              JdProgressFunc progress,
                              gpointer user_data,
                              GCancellable *cancellable,
                              GError **error);
/* After pagination: the pages in all, the contents' pages, a person's first page. */
int jd_dossier_get_n_pages (JdDossier *self);
int jd_dossier_get_first_page (JdDossier *self, guint index);

/* Draws page (0-based) on cr, whose user space is points with the page's
 * top left corner at the origin. */
gboolean jd_dossier_draw_page (JdDossier *self, cairo_t *cr, int page, GError **error);

/* The whole document as a PDF file at path, through jd-output (0600, never
 * over the ledger, an existing file only with JD_OUTPUT_FORCE), recorded in
 * the audit log. */
gboolean jd_dossier_write_pdf (JdDossier *self,
                               const char *path,
                               JdOutputFlags flags,
                               JdProgressFunc progress,
                               gpointer user_data,
                               GCancellable *cancellable,
                               GError **error);

/* Records in the audit log that the document went to path (a file, or a
 * printer's name) as kind (JD_OUTPUT_EXPORT or JD_OUTPUT_PRINT). */
gboolean
jd_dossier_log_output (JdDossier *self, JdOutputKind kind, const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdDossier, jd_dossier_free)

G_END_DECLS
