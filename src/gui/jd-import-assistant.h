/* jd-import-assistant.h: importing a CSV file or a sheet of a workbook from the
 * window, with a preview of every row (docs/contract.md §8) */
#pragma once

#include <adwaita.h>

#include "jd-import-preview.h"
#include "jd-ledger.h"

G_BEGIN_DECLS

#define JD_TYPE_IMPORT_ASSISTANT (jd_import_assistant_get_type ())
G_DECLARE_FINAL_TYPE (JdImportAssistant, jd_import_assistant, JD, IMPORT_ASSISTANT, AdwWindow)

JdImportAssistant *jd_import_assistant_new (GtkWindow *parent, JdLedger *ledger);
/* Reads the file and previews it: the sheet, header row and kind found, each
 * column matched by its heading. */
void jd_import_assistant_open (JdImportAssistant *self, GFile *file);

/* Whether a preview or an import is running ("busy" notifies). */
gboolean jd_import_assistant_is_busy (JdImportAssistant *self);
/* The last preview, or NULL. */
const JdImportPreview *jd_import_assistant_get_preview (JdImportAssistant *self);
JdImportKind jd_import_assistant_get_kind (JdImportAssistant *self);
/* The key the column of the file at field is matched to; "" when it is ignored. */
const char *jd_import_assistant_get_column_key (JdImportAssistant *self, guint field);

G_END_DECLS
