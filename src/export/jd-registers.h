/* jd-registers.h: the inspection workbook, one sheet per register (docs/contract.md §7) */
#pragma once

#include <gio/gio.h>

#include "jd-register-query.h"
#include "jd-workbook.h"

G_BEGIN_DECLS

typedef struct
{
  const char *path;            /* the .xlsx file to write (jd-output.h says which are refused) */
  gboolean force;              /* replace path when it is an existing file */
  int year;                    /* Y */
  JdDay as_of;                 /* D; 0: 31 December of Y */
  gboolean mask;               /* names 张*, ID numbers 110105********002X, phones 138****5678 */
  const JdRegister *registers; /* the sheets; NULL: all fourteen */
  guint n_registers;
  const char *password; /* NULL: plain; else encrypted with it (jd-office-crypt.h) */
} JdExportOptions;

/* Writes the whole workbook; callable from a GTask thread with its own ledger
 * connection. On failure or cancellation (JD_ERROR_CANCELLED) no file is left
 * behind and an existing file of that name is untouched. progress gets
 * fractions from 0 to 1, in the calling thread. */
gboolean jd_workbook_export (JdLedger *ledger,
                             const JdExportOptions *options,
                             JdProgressFunc progress,
                             gpointer user_data,
                             GCancellable *cancellable,
                             GError **error);

/* Adds one register's sheet to an open workbook. */
gboolean jd_registers_write_sheet (JdWorkbook *workbook,
                                   JdLedger *ledger,
                                   JdRegister register_,
                                   const JdRegisterQuery *query,
                                   const char *township,
                                   GCancellable *cancellable,
                                   GError **error);

char *jd_registers_sheet_title (const char *township, int year, JdRegister register_);

G_END_DECLS
