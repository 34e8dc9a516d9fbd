/* jd-import-columns.c: the import assistant's drop-down per heading of the file
 * (docs/contract.md §8)
 *
 * Each heading of the header row gets a row titled with it (or with its
 * column's letters when it has none) offering "Ignored" and every column of
 * the kind, required ones starred; what the user picks there is the
 * assistant's matching, JdImportOptions.assign.
 */
#include "config.h"

#include "jd-import-columns.h"

#include <glib/gi18n-lib.h>

#include "jd-table-cell.h"

void
jd_import_columns_show (AdwPreferencesGroup *group,
                        GPtrArray *rows,
                        JdImportKind kind,
                        char **header,
                        char **assign,
                        GCallback changed,
                        gpointer user_data)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, rows->pdata[i]);
  g_ptr_array_set_size (rows, 0);
  if (kind == JD_IMPORT_INVALID || assign == NULL)
    return;

  guint n_columns = jd_import_kind_n_columns (kind);
  for (guint i = 0; header && header[i]; i++)
    {
      g_autoptr (GtkStringList) fields = gtk_string_list_new (NULL);
      guint selected = 0;
      gtk_string_list_append (fields, _ ("Ignored"));
      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *name = g_strdup_printf ("%s%s · %s", jd_import_column_label (kind, c),
                                                   jd_import_column_required (kind, c) ? "*" : "",
                                                   jd_import_column_key (kind, c));
          gtk_string_list_append (fields, name);
          if (assign[i] && g_str_equal (assign[i], jd_import_column_key (kind, c)))
            selected = c + 1;
        }
      g_autofree char *letters = jd_table_column_letters (i);
      g_autofree char *title = *header[i] ? g_strdup (header[i])
                                          : g_strdup_printf (_ ("Column %s (no heading)"), letters);
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), letters);
      adw_combo_row_set_model (row, G_LIST_MODEL (fields));
      adw_combo_row_set_selected (row, selected);
      g_object_set_data (G_OBJECT (row), "field", GUINT_TO_POINTER (i));
      g_signal_connect (row, "notify::selected", changed, user_data);
      adw_preferences_group_add (group, GTK_WIDGET (row));
      g_ptr_array_add (rows, row);
    }
}

guint
jd_import_columns_field (AdwComboRow *row)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "field"));
}

const char *
jd_import_columns_key (AdwComboRow *row, JdImportKind kind)
{
  guint selected = adw_combo_row_get_selected (row);
  if (kind == JD_IMPORT_INVALID || selected == 0 || selected > jd_import_kind_n_columns (kind))
    return "";
  return jd_import_column_key (kind, selected - 1);
}
