/* jd-person-moves.c: the person window's managing-village moves (see the header) */
#include "config.h"

#include "jd-person-moves.h"

#include <glib/gi18n-lib.h>

#include "jd-date.h"

AdwEntryRow *
jd_person_moves_add_date_row (AdwComboRow *village_row)
{
  g_return_val_if_fail (ADW_IS_COMBO_ROW (village_row), NULL);
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (village_row));
  g_return_val_if_fail (GTK_IS_LIST_BOX (list), NULL);

  GtkWidget *row = adw_entry_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 _ ("Moved On (earlier days keep the old village)"));
  gtk_widget_set_visible (row, FALSE);
  gtk_list_box_insert (GTK_LIST_BOX (list), row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (village_row)) + 1);
  return ADW_ENTRY_ROW (row);
}

AdwPreferencesGroup *
jd_person_moves_add_group (AdwComboRow *village_row, GtkListBox **list)
{
  g_return_val_if_fail (ADW_IS_COMBO_ROW (village_row), NULL);
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (village_row), ADW_TYPE_PREFERENCES_PAGE);
  g_return_val_if_fail (page != NULL, NULL);

  GtkWidget *group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _ ("Managing Village History"));
  adw_preferences_group_set_description (
      ADW_PREFERENCES_GROUP (group),
      _ ("Each move gives the person to another village from its day on; earlier years keep "
         "the village the person had then."));
  *list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (*list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (*list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (*list));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_widget_set_visible (group, FALSE);
  return ADW_PREFERENCES_GROUP (group);
}

void
jd_person_moves_update_date_row (AdwEntryRow *date_row, gboolean changing)
{
  g_return_if_fail (ADW_IS_ENTRY_ROW (date_row));
  if (changing && !gtk_widget_get_visible (GTK_WIDGET (date_row)))
    {
      g_autofree char *today = jd_day_to_string (jd_today ());
      gtk_editable_set_text (GTK_EDITABLE (date_row), today);
    }
  gtk_widget_set_visible (GTK_WIDGET (date_row), changing);
}
