/* jd-xlsx-private.h: the XML helpers of the .xlsx reader (jd-xlsx-xml.c), for jd-xlsx.c */
#pragma once

#include <libxml/xmlreader.h>

#include "jd-xlsx.h"

G_BEGIN_DECLS

typedef gboolean (*JdXlsxElementFunc) (JdXlsx *self, xmlTextReaderPtr reader, gpointer data);

gboolean jd_xlsx_fail_damaged (GError **error, const char *part);
GsfInput *jd_xlsx_open_part (GsfInfile *zip, const char *path);
void jd_xlsx_ignore_error_cb (void *data, xmlErrorPtr error);
xmlTextReaderPtr jd_xlsx_new_reader (
    GsfInput *input, guint64 *inflated, guint64 bound, gboolean *too_big, gboolean *damaged);
int jd_xlsx_step (xmlTextReaderPtr reader);
gboolean jd_xlsx_is_element (xmlTextReaderPtr reader, const char *name);
gboolean jd_xlsx_is_end (xmlTextReaderPtr reader, const char *name);
char *jd_xlsx_attribute (xmlTextReaderPtr reader, const char *name);
gboolean jd_xlsx_element_text (xmlTextReaderPtr reader, const char *name, GString *out);
gboolean jd_xlsx_rich_text (xmlTextReaderPtr reader, const char *name, GString *out);
gboolean jd_xlsx_read_part (JdXlsx *self,
                            GsfInfile *zip,
                            const char *path,
                            gboolean required,
                            guint64 bound,
                            JdXlsxElementFunc func,
                            gpointer data,
                            GError **error);
gboolean jd_xlsx_builtin_date_format (guint id);
gboolean jd_xlsx_custom_date_format (const char *code);

G_END_DECLS
