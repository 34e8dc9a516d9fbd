/* jd-village-page-layout.c: the village page's groups, lists, placeholders and message line,
 * which the page and its parts (jd-village-record.c, jd-village-title.c) build on */
#include "config.h"

#include "jd-village-page-private.h"

#include "jd-date.h"

void
jd_village_page_clear_list (GtkListBox *list)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

GtkListBox *
jd_village_page_new_list (void)
{
  GtkWidget *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return GTK_LIST_BOX (list);
}

GtkWidget *
jd_village_page_add_row (GtkListBox *list, const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (list, row);
  return row;
}

void
jd_village_page_add_dated_row (GtkListBox *list, JdDay day, const char *label, const char *subtitle)
{
  g_autofree char *date = jd_day_to_string (day);
  g_autofree char *title = g_strdup_printf ("%s  %s", date, label);
  jd_village_page_add_row (list, title, subtitle);
}

void
jd_village_page_add_placeholder (GtkListBox *list, const char *text)
{
  gtk_widget_add_css_class (jd_village_page_add_row (list, text, NULL), "dim-label");
}

AdwPreferencesGroup *
jd_village_page_add_group (JdVillagePage *self, const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (self->prefs, ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

void
jd_village_page_set_message (JdVillagePage *self, const char *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
}

void
jd_village_page_set_saving_message (JdVillagePage *self, const char *message)
{
  jd_village_page_set_message (self, message);
  if (message)
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

GtkListBox *
jd_village_page_add_list_group (JdVillagePage *self, const char *title, const char *description)
{
  AdwPreferencesGroup *group = jd_village_page_add_group (self, title, description);
  GtkListBox *list = jd_village_page_new_list ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_group_add (group, GTK_WIDGET (list));
  return list;
}
