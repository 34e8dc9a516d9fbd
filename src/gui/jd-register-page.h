/* jd-register-page.h: one register of the inspection workbook as a list in the window
 *
 * The rows are the workbook's own (jd_register_rows () for a year, masked as
 * lists are), so what the list shows and what it exports are the workbook's
 * sheet; search filters the rows shown. Records are added through forms
 * described by tables of fields (jd-form.h); the records of a row are edited
 * with the first form and deleted with Undo. The registers' forms are in
 * jd-register-forms.c.
 */
#pragma once

#include <adwaita.h>

#include "jd-form.h"
#include "jd-register-query.h"
#include "jd-store-edit.h"
#include "jd-section-page.h"

G_BEGIN_DECLS

#define JD_TYPE_REGISTER_PAGE (jd_register_page_get_type ())
G_DECLARE_FINAL_TYPE (JdRegisterPage, jd_register_page, JD, REGISTER_PAGE, JdSectionPage)

/* forms[0] edits the row's record, of kind record_kind, when it has an edit_title. */
GtkWidget *jd_register_page_new (JdLedger *ledger,
                                 JdRegister register_,
                                 const JdForm *forms,
                                 guint n_forms,
                                 JdRecordKind record_kind);
void jd_register_page_reload (JdRegisterPage *self);
/* The page's form number form (0: the register's record; 1: the venues'
 * inspection). */
const JdForm *jd_register_page_get_form (JdRegisterPage *self, guint form);
void jd_register_page_export (JdRegisterPage *self, const char *path);
/* The record of the row at position (shown): its edit dialog; deleted (with
 * Undo: the toast goes to the main window). */
AdwMessageDialog *jd_register_page_edit (JdRegisterPage *self, guint position);
gboolean jd_register_page_delete (JdRegisterPage *self, guint position);
/* The venues register: the venue of the row at position (0: none); an
 * inspection's edit dialog (the second form); an inspection deleted with
 * Undo; the window of the venue's inspections with Edit and Delete
 * (jd-venue-inspections.h), filled again whenever the page's rows are. */
gint64 jd_register_page_get_venue (JdRegisterPage *self, guint position);
AdwMessageDialog *jd_register_page_edit_inspection (JdRegisterPage *self, gint64 inspection_id);
gboolean jd_register_page_delete_inspection (JdRegisterPage *self, gint64 inspection_id);
GtkWindow *jd_register_page_show_inspections (JdRegisterPage *self, gint64 venue_id);
/* Makes every pending deletion final, as if its toast had timed out. */
void jd_register_page_commit_deletions (JdRegisterPage *self);
/* GtkStringList-like rows: each a GStrv of the shown cells (jd_register_page_item_cells). */
GListModel *jd_register_page_get_model (JdRegisterPage *self);
const char *const *jd_register_page_item_cells (gpointer item);
/* The id of the row's record (0: the register has none). */
gint64 jd_register_page_item_record (gpointer item);
GtkSearchEntry *jd_register_page_get_search_entry (JdRegisterPage *self);
GtkSpinButton *jd_register_page_get_year_button (JdRegisterPage *self);

/* The three registers kept this way: venues (场所), letters (责任书), staff (工作力量). */
GtkWidget *jd_venues_page_new (JdLedger *ledger);
GtkWidget *jd_letters_page_new (JdLedger *ledger);
GtkWidget *jd_staff_page_new (JdLedger *ledger);

G_END_DECLS
