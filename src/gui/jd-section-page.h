/* jd-section-page.h: what every section page of the window is: a view of the
 * ledger with a subtitle, that reloads when the ledger says its records changed */
#pragma once

#include <adwaita.h>

#include "jd-export-task.h"
#include "jd-ledger.h"

G_BEGIN_DECLS

#define JD_TYPE_SECTION_PAGE (jd_section_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (JdSectionPage, jd_section_page, JD, SECTION_PAGE, GtkWidget)

struct _JdSectionPageClass
{
  GtkWidgetClass parent_class;

  /* Reads the page's records again; called when the ledger announces a
   * change of one of the kinds in follows. */
  void (*reload) (JdSectionPage *self);
  /* The kinds of change the page shows: JD_CHANGE_RECORDS unless the class
   * narrows it. */
  JdChanges follows;
  /* What the page's list shows (its rows after the search and filters, in
   * its order), for Print… (page.print, Ctrl+P): the list, whether it is
   * masked, and the query of the rows shown (*data, freed with *data_free).
   * NULL when the page shows no list. */
  const JdListExport *(*get_shown) (JdSectionPage *self,
                                    gboolean *mask,
                                    gpointer *data,
                                    GDestroyNotify *data_free);

  gpointer padding[4];
};

JdLedger *jd_section_page_get_ledger (JdSectionPage *self);
/* The program's settings (mask-personal-data, the work-due options …). */
GSettings *jd_section_page_get_settings (JdSectionPage *self);
/* Shown under the section's title in the header bar ("12 persons"). */
const char *jd_section_page_get_subtitle (JdSectionPage *self);
void jd_section_page_set_subtitle (JdSectionPage *self, const char *subtitle);
void jd_section_page_reload (JdSectionPage *self);
/* GTK's print dialog for what the page's list shows (page.print). */
void jd_section_page_print (JdSectionPage *self);
/* Exports the rows shown (get_shown) to a workbook at path, or asks where (NULL). */
void jd_section_page_export (JdSectionPage *self, const char *path);
/* The same without a dialog, into the PDF file path (for a test). */
gboolean jd_section_page_print_to_file (JdSectionPage *self, const char *path, GError **error);

/* The row of a page's search and filters above its list, with its margins. */
GtkWidget *jd_section_page_bar_new (void);
/* The year a page shows (2000 … 2100, this year at first), named "Year"; a
 * change reloads the page. */
GtkSpinButton *jd_section_page_year_button_new (JdSectionPage *self);

G_END_DECLS
