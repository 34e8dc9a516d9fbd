/* jd-paper.c: what every printed page shares (docs/contract.md §7, §7b) */
#include "config.h"

#include "jd-paper.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "jd-error.h"

#define SMALL_FONT JD_PAPER_FONT_FAMILY " 8"

PangoContext *
jd_paper_context_new (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  /* Points, and the same line breaks on every surface: no hinting of metrics. */
  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_t *options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

void
jd_paper_draw_small (PangoContext *context,
                     cairo_t *cr,
                     const char *text,
                     double x,
                     double y,
                     double width,
                     PangoAlignment align)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (SMALL_FONT);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

struct _JdPaperPdf
{
  char *path;
  JdOutput *output;
  GError *error;
  cairo_surface_t *surface;
  cairo_t *cr;
};

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  JdPaperPdf *pdf = closure;
  if (pdf->error == NULL && jd_output_write (pdf->output, data, length, &pdf->error))
    return CAIRO_STATUS_SUCCESS;
  return CAIRO_STATUS_WRITE_ERROR;
}

JdPaperPdf *
jd_paper_pdf_new (const char *path,
                  const char *ledger_path,
                  JdOutputFlags flags,
                  double width,
                  double height,
                  const char *title,
                  GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  JdOutput *output = jd_output_new (path, ledger_path, flags, error);
  if (output == NULL)
    return NULL;
  JdPaperPdf *pdf = g_new0 (JdPaperPdf, 1);
  pdf->path = g_strdup (path);
  pdf->output = output;
  pdf->surface = cairo_pdf_surface_create_for_stream (write_cb, pdf, width, height);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATOR, "Jindu Ledger");
  pdf->cr = cairo_create (pdf->surface);
  return pdf;
}

cairo_t *
jd_paper_pdf_get_cairo (JdPaperPdf *self)
{
  return self->cr;
}

gboolean
jd_paper_pdf_close (JdPaperPdf *self, gboolean ok, GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  cairo_destroy (self->cr);
  cairo_surface_finish (self->surface);
  cairo_status_t status = cairo_surface_status (self->surface);
  cairo_surface_destroy (self->surface);

  if (ok && (self->error || status != CAIRO_STATUS_SUCCESS))
    {
      if (self->error)
        g_propagate_error (error, g_steal_pointer (&self->error));
      else
        g_set_error (error, JD_ERROR, JD_ERROR_IO, _ ("%s: the PDF could not be written: %s"),
                     self->path, cairo_status_to_string (status));
      ok = FALSE;
    }
  g_clear_error (&self->error);
  if (ok)
    ok = jd_output_commit (self->output, error);
  else
    jd_output_abort (self->output);
  g_free (self->path);
  g_free (self);
  return ok;
}
