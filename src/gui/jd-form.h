/* jd-form.h: the one form toolkit of the window
 *
 * Every form of the window is made of these: rows that say what is wrong as
 * it is typed (the .error style and the reason on the row), one date check,
 * the store's field errors marked on the row of their key, forms described
 * by tables of fields (the add and edit dialogs), the question before unsaved
 * changes are lost, and deletion with Undo.
 */
#pragma once

#include <adwaita.h>

#include "jd-date.h"
#include "jd-ledger.h"
#include "jd-store.h"

G_BEGIN_DECLS

/* ---- reasons on rows ---------------------------------------------------------------------------
 */

/* The reason a row's value is refused, shown on the row with the .error
 * style; NULL clears it. */
void jd_row_set_error (GtkWidget *row, const char *reason);
const char *jd_row_get_error (GtkWidget *row);

typedef enum
{
  JD_DATE_OPTIONAL = 0,
  JD_DATE_REQUIRED = 1 << 0, /* empty: "Required" */
  JD_DATE_PAST = 1 << 1,     /* after today: "In the future" */
} JdDateRule;

/* The one date check of every form: TRUE when the row holds a day obeying
 * rule (or nothing, when optional), the day in *day (0 when empty); else the
 * reason on the row. */
gboolean jd_date_row_check (GtkWidget *row, JdDateRule rule, JdDay *day);
/* A text row: "Required" when required and blank, else the store's text
 * rule's reason (jd_text_problem); TRUE when it passes. */
gboolean jd_text_row_check (GtkWidget *row, gboolean required, JdTextRule rule);

/* A form's rows by their fields' keys. */
typedef struct
{
  const char *key;
  gpointer row; /* a GtkWidget */
} JdFieldRow;

GtkWidget *jd_field_row_find (const JdFieldRow *rows, guint n_rows, const char *key);

/* The row of a field's key, for a store error that names it. */
typedef GtkWidget *(*JdRowForKeyFunc) (gpointer data, const char *key);
/* Marks the row error names (jd_error_get_field) with the reason; TRUE when
 * there was such a row. */
gboolean jd_form_mark_error (const GError *error, JdRowForKeyFunc row_for_key, gpointer data);

/* ---- forms described by tables ------------------------------------------------------------------
 */

typedef enum
{
  JD_FIELD_TEXT,          /* one line, optional */
  JD_FIELD_REQUIRED_TEXT, /* a name: required, one short line */
  JD_FIELD_TITLE,         /* required, one line */
  JD_FIELD_NOTE,          /* optional text that may hold line breaks */
  JD_FIELD_DATE,          /* a day, required, not after today; today when new */
  JD_FIELD_OPTIONAL_DATE, /* a day or nothing, not after today; today when new */
  JD_FIELD_END_DATE,      /* a day, optional, may lie ahead, not before the date before it */
  JD_FIELD_ENUM,          /* one of an enum's values (JdField.which) */
  JD_FIELD_OPTIONAL_ENUM, /* "Not Given" or one of an enum's values */
  JD_FIELD_VILLAGE,       /* one of the villages */
  JD_FIELD_AREA,          /* the township as a whole (0) or one of the villages */
  JD_FIELD_COUNT,         /* a whole number, 0 or more */
  JD_FIELD_BOOLEAN,       /* Yes or No */
} JdFieldKind;

typedef struct
{
  const char *key;   /* the store's key of the field, as its errors name it */
  const char *label; /* translatable (N_) */
  JdFieldKind kind;
  int which; /* JD_FIELD_ENUM, JD_FIELD_OPTIONAL_ENUM: a JdEnum */
} JdField;

#define JD_FORM_MAX_FIELDS 16

/* What the form holds, field by field: text (a key for enums, NULL when
 * empty), or a number (an id for villages, a day for dates, 0 or 1 for
 * booleans); owner is the record's owner (a person) and id the record's own
 * id when it is edited (0: a new record). */
typedef struct
{
  const char *text[JD_FORM_MAX_FIELDS];
  gint64 number[JD_FORM_MAX_FIELDS];
  gint64 owner;
  gint64 id;
} JdFormValues;

typedef struct _JdFormDialog JdFormDialog;

/* Writes the record (values->id: updates that one), in the caller's transaction. */
typedef gboolean (*JdFormSave) (JdLedger *ledger, const JdFormValues *values, GError **error);
/* The rules beyond a field's own, said as typed: NULL, or the reason and the key of
 * the field it belongs on. */
typedef char *(*JdFormCheck) (JdLedger *ledger, const JdFormValues *values, const char **key);
/* A field changed (the dialog may fill another). */
typedef void (*JdFormChanged) (JdFormDialog *dialog, const char *key);

typedef struct
{
  const char *title; /* translatable: "Record a Venue" */
  const char *icon_name;
  const JdField *fields;
  guint n_fields;
  JdFormSave save;
  JdFormCheck check;      /* or NULL */
  JdFormChanged changed;  /* or NULL */
  const char *edit_title; /* translatable: "Edit the Venue"; NULL: not edited */
} JdForm;

/* Called after a save went through, with the object given (held weakly). */
typedef void (*JdFormDoneFunc) (gpointer object);

/* Shows form in a dialog over parent: a new record, or with values (their id
 * set: the record to edit). Add (or Save) is off while a row is refused; a
 * store error is marked on its field's row and the dialog stays open. */
AdwMessageDialog *jd_form_dialog_present (GtkWidget *parent,
                                          JdLedger *ledger,
                                          const JdForm *form,
                                          const JdFormValues *values,
                                          JdFormDoneFunc done,
                                          gpointer done_object);
JdFormDialog *jd_form_dialog_get (AdwMessageDialog *dialog);
GtkWidget *jd_form_dialog_get_row (JdFormDialog *form, const char *key);
const char *jd_form_dialog_get_key (JdFormDialog *form, const char *key);
JdDay jd_form_dialog_get_day (JdFormDialog *form, const char *key);
void jd_form_dialog_set_text (JdFormDialog *form, const char *key, const char *text);

/* ---- unsaved changes ----------------------------------------------------------------------------
 */

typedef gboolean (*JdSaveFunc) (gpointer data);

/* Asks whether to save window's changes before it closes: Save (save, then
 * close when it went through), Discard (close), Cancel. closing (a
 * void (*) (GtkWindow *), or NULL) is called just before it closes. */
void jd_form_ask_to_save (GtkWindow *window, const char *body, JdSaveFunc save, GCallback closing);

G_END_DECLS
