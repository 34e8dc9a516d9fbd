/* jd-import-private.h: the helpers of jd-import-text.c that the import's files share */
#pragma once

#include "jd-import.h"

G_BEGIN_DECLS

void jd_import_problem_free (gpointer data);
char *jd_import_format_count (guint64 n);
char *jd_import_quote_value (const char *text);
void jd_import_clean_value (char *text);
char *jd_import_normalize_label (const char *text);
gboolean jd_import_parse_flag (const char *text, gboolean *value);
char *jd_import_parse_count (const char *text, gint64 *value);
char *jd_import_check_spreadsheet_number (const char *text);

G_END_DECLS
