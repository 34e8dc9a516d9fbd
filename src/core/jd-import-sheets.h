/* jd-import-sheets.h: the sheets of the program's own inspection workbook read
 * back by the import (docs/contract.md §6, §7); private to jd-import.c */
#pragma once

#include "jd-import.h"

G_BEGIN_DECLS

/* How one heading of one of §7's sheets is read as KIND. */
typedef struct
{
  const char *sheet;     /* the sheet's Chinese name, once recognised */
  const char **keys;     /* per header cell: a column key, "" to pass over, NULL by label */
  const char *fixed_key; /* a column the sheet implies (谈话记录: kind), or NULL */
  const char *fixed_value;
} JdOwnSheet;

gboolean jd_import_own_sheet (JdImportKind kind, char **header, JdOwnSheet *own);
void jd_own_sheet_clear (JdOwnSheet *own);

G_END_DECLS
