/* jd-section-page.h: what every section page of the window is: a view of the
 * ledger with a subtitle, that reloads when the ledger says its records changed */
#pragma once

#include <adwaita.h>

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

  gpointer padding[4];
};

JdLedger *jd_section_page_get_ledger (JdSectionPage *self);
/* The program's settings (mask-personal-data, the work-due options …). */
GSettings *jd_section_page_get_settings (JdSectionPage *self);
/* Shown under the section's title in the header bar ("12 persons"). */
const char *jd_section_page_get_subtitle (JdSectionPage *self);
void jd_section_page_set_subtitle (JdSectionPage *self, const char *subtitle);
void jd_section_page_reload (JdSectionPage *self);

G_END_DECLS
