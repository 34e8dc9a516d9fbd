/* jd-csv.h: reading CSV files as Excel and WPS save them (RFC 4180) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _JdCsvReader JdCsvReader;

JdCsvReader *jd_csv_reader_new (const char *data, gsize length, guint *error_line, GError **error);
void jd_csv_reader_free (JdCsvReader *self);
const char *jd_csv_reader_get_encoding (JdCsvReader *self);
double jd_csv_reader_get_fraction (JdCsvReader *self);
gboolean jd_csv_reader_next (JdCsvReader *self, char ***fields, guint *line, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdCsvReader, jd_csv_reader_free)

G_END_DECLS
