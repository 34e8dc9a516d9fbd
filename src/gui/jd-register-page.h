/* jd-register-page.h: one register of the inspection workbook as a list in the window
 *
 * The rows are the workbook's own (jd_register_rows () for a year, masked as
 * lists are), so what the list shows and what it exports are the workbook's
 * sheet; search filters the rows shown. Records are added through forms
 * described by tables of fields, each saved by its own function.
 */
#pragma once

#include <adwaita.h>

#include "jd-register-query.h"
#include "jd-section-page.h"

G_BEGIN_DECLS

typedef enum
{
  JD_FIELD_TEXT,
  JD_FIELD_REQUIRED_TEXT,
  JD_FIELD_DATE,
  JD_FIELD_ENUM,    /* one of an enum's values (JdField.which) */
  JD_FIELD_VILLAGE, /* one of the villages */
  JD_FIELD_COUNT,   /* a whole number, 0 or more */
  JD_FIELD_BOOLEAN,
} JdFieldKind;

typedef struct
{
  const char *label; /* translatable (N_) */
  JdFieldKind kind;
  int which; /* JD_FIELD_ENUM: a JdEnum */
} JdField;

/* What the form holds, field by field: text (a key for enums), or a number
 * (an id for villages, a day for dates, 0 or 1 for booleans). */
typedef struct
{
  const char *text[16];
  gint64 number[16];
} JdFormValues;

typedef gboolean (*JdFormSave) (JdLedger *ledger, const JdFormValues *values, GError **error);

typedef struct
{
  const char *title; /* translatable: "Record a Venue" */
  const char *icon_name;
  const JdField *fields;
  guint n_fields;
  JdFormSave save;
} JdForm;

#define JD_TYPE_REGISTER_PAGE (jd_register_page_get_type ())
G_DECLARE_FINAL_TYPE (JdRegisterPage, jd_register_page, JD, REGISTER_PAGE, JdSectionPage)

GtkWidget *
jd_register_page_new (JdLedger *ledger, JdRegister register_, const JdForm *forms, guint n_forms);
void jd_register_page_reload (JdRegisterPage *self);
/* Saves form number form with values, as the form's Add does. */
gboolean jd_register_page_save (JdRegisterPage *self,
                                guint form,
                                const JdFormValues *values,
                                GError **error);
void jd_register_page_export (JdRegisterPage *self, const char *path);
/* GtkStringList-like rows: each a GStrv of the shown cells (jd_register_page_item_cells). */
GListModel *jd_register_page_get_model (JdRegisterPage *self);
const char *const *jd_register_page_item_cells (gpointer item);
GtkSearchEntry *jd_register_page_get_search_entry (JdRegisterPage *self);
GtkSpinButton *jd_register_page_get_year_button (JdRegisterPage *self);

/* The three registers kept this way: venues (场所), letters (责任书), staff (工作力量). */
GtkWidget *jd_venues_page_new (JdLedger *ledger);
GtkWidget *jd_letters_page_new (JdLedger *ledger);
GtkWidget *jd_staff_page_new (JdLedger *ledger);

G_END_DECLS
