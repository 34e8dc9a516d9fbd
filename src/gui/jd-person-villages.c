/* jd-person-villages.c: the person window's village rows and the villages they list */
#include "config.h"

#include "jd-person-window-private.h"

#include <glib/gi18n-lib.h>

#include "jd-village-list.h"

/* household_village_row: 0 "Not given", 1…n the villages, n+1 "Outside the township";
 * village_row: 0 "Choose a village", 1…n the villages. */
void
jd_person_villages_load (JdPersonWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListStore) villages = jd_village_list_load (self->ledger, &error);
  g_autoptr (GtkStringList) household = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) managing = gtk_string_list_new (NULL);

  g_array_set_size (self->village_ids, 0);
  gtk_string_list_append (household, _ ("Not given"));
  gtk_string_list_append (managing, _ ("Choose a village"));
  for (guint i = 0; villages && i < g_list_model_get_n_items (G_LIST_MODEL (villages)); i++)
    {
      g_autoptr (JdVillageItem) item = g_list_model_get_item (G_LIST_MODEL (villages), i);
      gint64 id = jd_village_item_get_id (item);
      g_autofree char *label = g_strdup_printf ("%s (%s)", jd_village_item_get_name (item),
                                                jd_village_item_get_code (item));
      g_array_append_val (self->village_ids, id);
      gtk_string_list_append (household, label);
      gtk_string_list_append (managing, label);
    }
  gtk_string_list_append (household, _ ("Outside the township"));
  adw_combo_row_set_model (self->household_village_row, G_LIST_MODEL (household));
  adw_combo_row_set_model (self->village_row, G_LIST_MODEL (managing));
  if (error)
    g_warning ("%s", error->message);
}

guint
jd_person_villages_position (JdPersonWindow *self, gint64 id)
{
  for (guint i = 0; i < self->village_ids->len; i++)
    if (g_array_index (self->village_ids, gint64, i) == id)
      return i + 1;
  return 0;
}

gint64
jd_person_villages_at (JdPersonWindow *self, guint position)
{
  if (position == 0 || position > self->village_ids->len)
    return 0;
  return g_array_index (self->village_ids, gint64, position - 1);
}

gboolean
jd_person_villages_outside (JdPersonWindow *self)
{
  return adw_combo_row_get_selected (self->household_village_row) == self->village_ids->len + 1;
}
