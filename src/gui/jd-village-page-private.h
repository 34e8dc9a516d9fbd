/* jd-village-page-private.h: what the village page's parts share
 *
 * The page (jd-village-page.c: readiness, persons, letters, assessments) is
 * helped by jd-village-record.c (the village's record, a form) and
 * jd-village-title.c (the title workflow); all three build on jd-village-page-layout.c. Calls
 * go one way: the page calls its parts, the parts never call the page.
 */
#pragma once

#include "jd-title.h"
#include "jd-village-list.h"
#include "jd-village-page.h"
#include "jd-window.h"

G_BEGIN_DECLS

struct _JdVillagePage
{
  GtkWidget parent_instance;

  JdLedger *ledger;
  gint64 village_id;
  char *code;
  int year;
  gboolean dirty;
  gboolean loading;
  char *message;
  JdTitleState title;
  /* Saves waiting for another program's write lock (jd_save_run ()); each
   * holds the page. A step goes in even after the page has gone; the record's
   * save is dropped when the page goes (its changes discarded). */
  gboolean title_saving;
  GCancellable *record_saving;

  AdwPreferencesPage *prefs;
  AdwPreferencesGroup *title_group;
  AdwActionRow *stage_row;
  AdwEntryRow *date_row;
  AdwEntryRow *note_row;
  GtkWidget *steps_box;
  GtkLabel *message_label;
  GtkListBox *history_list;
  GtkSpinButton *year_spin;
  GtkListBox *readiness_list;
  AdwPreferencesGroup *record_group;
  GtkWidget *record_save;
  AdwEntryRow *name_row;
  AdwComboRow *kind_row;
  GtkSpinButton *registered_spin;
  GtkSpinButton *resident_spin;
  GtkSpinButton *floating_spin;
  GtkSpinButton *grid_spin;
  AdwEntryRow *secretary_row;
  AdwEntryRow *police_row;
  GtkSwitch *site_switch;
  AdwEntryRow *retired_row;
  GtkLabel *form_error;
  AdwPreferencesGroup *persons_group;
  GtkWidget *persons_scroller;
  GtkListView *persons_view;
  GtkLabel *persons_empty;
  GtkListBox *letters_list;
  GtkListBox *assessments_list;
};

/* jd-village-page-layout.c */
void jd_village_page_clear_list (GtkListBox *list);
GtkListBox *jd_village_page_new_list (void);
void jd_village_page_add_placeholder (GtkListBox *list, const char *text);
/* Appends a row of title and subtitle (or none); the row. */
GtkWidget *jd_village_page_add_row (GtkListBox *list, const char *title, const char *subtitle);
/* Appends a row titled "2024-03-05  label" (a letter, a title step). */
void jd_village_page_add_dated_row (GtkListBox *list,
                                    JdDay day,
                                    const char *label,
                                    const char *subtitle);
AdwPreferencesGroup *
jd_village_page_add_group (JdVillagePage *self, const char *title, const char *description);
GtkListBox *
jd_village_page_add_list_group (JdVillagePage *self, const char *title, const char *description);
void jd_village_page_set_message (JdVillagePage *self, const char *message);
/* The message line saying a save waits for another program's write lock (NULL: it is over). */
void jd_village_page_set_saving_message (JdVillagePage *self, const char *message);

/* jd-village-record.c */
void jd_village_record_build (JdVillagePage *self);
void jd_village_record_fill (JdVillagePage *self, JdVillageItem *item);
/* Whether the record's form has changes not saved (its revert action, on the page, is
 * enabled). */
void jd_village_record_set_dirty (JdVillagePage *self, gboolean dirty);
void jd_village_record_class_init (GtkWidgetClass *widget_class);

/* jd-village-title.c */
void jd_village_title_build (JdVillagePage *self);
void jd_village_title_fill (JdVillagePage *self, GPtrArray *events);
void jd_village_title_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
