/* jd-paper.h: what every printed page shares (docs/contract.md §7, §7b)
 *
 * The help file (jd-dossier.c) and the printed lists (jd-list-pages.c) lay
 * their pages out with jd-dossier-pager; this file gives them the rest: a
 * Pango context in points that breaks lines the same on every surface, the
 * small text of running heads and footers, and a PDF written through
 * jd-output (0600, never over the ledger, nothing left behind on failure).
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "jd-output.h"

G_BEGIN_DECLS

#define JD_PAPER_A4_SHORT 595.2756 /* points: 210 mm */
#define JD_PAPER_A4_LONG 841.8898  /* 297 mm */
#define JD_PAPER_FONT_FAMILY "Noto Sans CJK SC"

/* A context whose sizes are points (resolution 72) and whose metrics are
 * not hinted, so that a PDF and a printer break the same lines. */
PangoContext *jd_paper_context_new (void);

/* One line of small text (8 points, ellipsized in the middle when too long)
 * with its top at (x, y). */
void jd_paper_draw_small (PangoContext *context,
                          cairo_t *cr,
                          const char *text,
                          double x,
                          double y,
                          double width,
                          PangoAlignment align);

typedef struct _JdPaperPdf JdPaperPdf;

/* A PDF of pages width × height points written into path through jd-output. */
JdPaperPdf *jd_paper_pdf_new (const char *path,
                              const char *ledger_path,
                              JdOutputFlags flags,
                              double width,
                              double height,
                              const char *title,
                              GError **error);
cairo_t *jd_paper_pdf_get_cairo (JdPaperPdf *self);
/* Finishes the document and puts the file in place when ok; otherwise (or on
 * a write error) removes it. Frees self. */
gboolean jd_paper_pdf_close (JdPaperPdf *self, gboolean ok, GError **error);

G_END_DECLS
