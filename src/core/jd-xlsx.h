/* jd-xlsx.h: reading the sheets of an .xlsx workbook (private to jd-table-source.c) */
#pragma once

#include <gsf/gsf.h>

#include "jd-table-cell.h"

G_BEGIN_DECLS

/* libgsf 1.14 declares no automatic cleanup of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

typedef struct _JdXlsx JdXlsx;

JdXlsx *jd_xlsx_new (GsfInput *input, GError **error);
void jd_xlsx_free (JdXlsx *self);
const char *const *jd_xlsx_get_sheets (JdXlsx *self);
gboolean jd_xlsx_select (JdXlsx *self, guint index, GError **error);
gboolean jd_xlsx_next (JdXlsx *self, GPtrArray *cells, GArray *kinds, guint *row, GError **error);
double jd_xlsx_get_fraction (JdXlsx *self);

/* .xls (BIFF8) through libfreexl, which reads only from a path. */
typedef struct _JdXls JdXls;

JdXls *jd_xls_new (const char *path, GError **error);
void jd_xls_free (JdXls *self);
const char *const *jd_xls_get_sheets (JdXls *self);
gboolean jd_xls_select (JdXls *self, guint index, GError **error);
gboolean jd_xls_next (JdXls *self, GPtrArray *cells, GArray *kinds, guint *row, GError **error);
double jd_xls_get_fraction (JdXls *self);

/* Shared by both: a number as a cell's text, and a date serial as 2024-03-05. */
void jd_sheet_number_text (GString *out, double value);
gboolean jd_sheet_date_text (GString *out, double serial, gboolean date1904);

G_END_DECLS
