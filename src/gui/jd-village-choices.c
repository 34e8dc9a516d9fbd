/* jd-village-choices.c: the ledger's villages as a drop-down's choices (the
 * activities' village filter, the awareness survey's village) */
#include "config.h"

#include "jd-village-choices.h"

#include "jd-village-list.h"

void
jd_village_choices_append (JdLedger *ledger, GtkStringList *names, GArray *ids)
{
  g_return_if_fail (JD_IS_LEDGER (ledger) && GTK_IS_STRING_LIST (names) && ids != NULL);

  g_autoptr (GListStore) store = jd_village_list_load (ledger, NULL);
  for (guint i = 0; store && i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr (JdVillageItem) village = g_list_model_get_item (G_LIST_MODEL (store), i);
      gint64 id = jd_village_item_get_id (village);
      gtk_string_list_append (names, jd_village_item_get_name (village));
      g_array_append_val (ids, id);
    }
}
