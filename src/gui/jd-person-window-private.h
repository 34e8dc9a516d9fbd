/* jd-person-window-private.h: what the person window's parts share
 *
 * The window (jd-person-window.c: the details form, saving, closing) is
 * helped by jd-person-records.c (the lists of records, deletion with Undo),
 * jd-person-add.c (the add dialogs) and jd-person-history.c (the history).
 */
#pragma once

#include "jd-deletions.h"
#include "jd-form.h"
#include "jd-person-window.h"
#include "jd-person.h"

G_BEGIN_DECLS

struct _JdPersonWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget *save_button;
  AdwViewStack *view_stack;
  AdwViewStackPage *status_stack_page;
  AdwViewStackPage *help_stack_page;
  AdwViewStackPage *followups_stack_page;
  AdwViewStackPage *history_stack_page;

  AdwEntryRow *id_number_row;
  AdwEntryRow *name_row;
  AdwActionRow *sex_row;
  GtkLabel *sex_label;
  AdwActionRow *birth_row;
  GtkLabel *birth_label;
  AdwEntryRow *phone_row;
  AdwEntryRow *household_address_row;
  AdwComboRow *household_village_row;
  AdwEntryRow *household_name_row;
  AdwEntryRow *residence_address_row;
  AdwComboRow *village_row;
  AdwEntryRow *moved_on_row; /* jd-person-moves.c: the day a changed village takes effect */
  AdwPreferencesGroup *moves_group;
  GtkListBox *move_list;
  AdwEntryRow *first_found_row;
  AdwEntryRow *drug_type_row;
  AdwEntryRow *key_category_row;
  AdwEntryRow *note_row;

  GtkListBox *status_list;
  GtkListBox *member_list;
  GtkListBox *agreement_list;
  GtkListBox *followup_list;
  GtkListBox *use_event_list;
  GtkListBox *history_list;

  JdLedger *ledger;
  gint64 person_id;     /* 0 until the new person is saved */
  GArray *village_ids;  /* gint64: the villages of the combo rows, in order */
  gint64 first_village; /* the person's village before any move (docs/contract.md §3) */
  gint64 village_today; /* their village today: changing it records a move */
  gboolean loading;
  gboolean modified;
  gboolean history_loaded;
  gulong changed_handler;
  JdDeletions *deletions; /* deleted but not yet committed */
  AdwToast *last_toast;   /* weak: the toast shown last */
  GCancellable *saving;   /* a save waiting for another program's write lock */
  gboolean close_when_saved;
  gint64 saved_id;
};

/* jd-person-villages.c: the village rows' villages; a position (0: none
 * chosen) to its village's id and back; whether the household is outside the
 * township. */
void jd_person_villages_load (JdPersonWindow *self);
guint jd_person_villages_position (JdPersonWindow *self, gint64 id);
gint64 jd_person_villages_at (JdPersonWindow *self, guint position);
gboolean jd_person_villages_outside (JdPersonWindow *self);

/* jd-person-list.c */
GtkWidget *jd_person_list_row_new (const char *title, const char *subtitle);
void jd_person_list_clear (GtkListBox *list);

/* jd-person-records.c: the person read again and the lists filled (a new
 * JdPerson), or NULL (said in a toast; none without a saved person); the
 * deletion actions. */
JdPerson *jd_person_records_reload (JdPersonWindow *self);
void jd_person_records_init (JdPersonWindow *self);
void jd_person_records_delete_action_cb (GtkWidget *widget,
                                         const char *action_name,
                                         GVariant *parameter);
void jd_person_records_undo_delete_action_cb (GtkWidget *widget,
                                              const char *action_name,
                                              GVariant *parameter);

/* jd-person-add.c */
AdwMessageDialog *jd_person_add_dialog_present (JdPersonWindow *self, const char *kind);

/* jd-person-history.c */
void jd_person_history_fill (JdPersonWindow *self);

G_END_DECLS
