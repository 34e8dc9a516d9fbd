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

/* The sheets options asks for: wanted[r] for each register r (all without a list); FALSE
 * (a programming error) without a path or when the list names no register. */
gboolean jd_export_options_wanted (const JdExportOptions *options, gboolean wanted[JD_N_REGISTERS]);
/* TRUE, with JD_ERROR_CANCELLED (“no file was written”), once cancellable is cancelled. */
gboolean jd_export_check_cancelled (GCancellable *cancellable, GError **error);
/* The workbook of options->path (encrypted with options->password when set) from the ledger
 * at ledger_path, its office line that of place (“博美镇禁毒办”). */
JdWorkbook *jd_export_workbook_new (const JdExportOptions *options,
                                    const char *ledger_path,
                                    const char *place,
                                    GError **error);

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

/* A register's sheet whose rows come from several ledgers, each row led by a
 * column 乡镇 naming its township (the county workbook, docs/contract.md §9):
 * titled for place; rows appended township by township, each after
 * jd_register_sheet_set_township (). */
typedef struct _JdRegisterSheet JdRegisterSheet;
JdRegisterSheet *jd_register_sheet_new (JdWorkbook *workbook,
                                        JdRegister register_,
                                        const JdRegisterQuery *query,
                                        const char *place,
                                        GCancellable *cancellable,
                                        GError **error);
void jd_register_sheet_set_township (JdRegisterSheet *sheet, const char *township);
/* The register's rows in ledger. */
gboolean jd_register_sheet_add_rows (JdRegisterSheet *sheet,
                                     JdLedger *ledger,
                                     JdRegister register_,
                                     const JdRegisterQuery *query,
                                     GError **error);
/* A JdRowFunc appending the row to the JdRegisterSheet given as user data. */
gboolean
jd_register_sheet_append_cb (const JdCell *cells, guint n_cells, gpointer sheet, GError **error);
/* Finishes the sheet when ok (else drops it quietly) and frees it; FALSE when
 * ok was or finishing failed. */
gboolean jd_register_sheet_finish (JdRegisterSheet *sheet, gboolean ok, GError **error);

char *jd_registers_sheet_title (const char *township, int year, JdRegister register_);

G_END_DECLS
